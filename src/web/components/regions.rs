//! The page's stories as SVG hot zones in the page's own coordinates (a
//! viewBox), so they stay exactly over the text at any size.

use crate::edition::{Article, Edition, Page};
use crate::geometry::{num, svg_points};
use crate::route::Links;
use crate::web::nav::Nav;
use crate::web::surface::SharedSurface;
use yew::prelude::*;

pub struct RegionsProps<'a> {
    pub links: &'a Links,
    pub edition: &'a Edition,
    pub page: &'a Page,
    pub hovered: Option<&'a str>,
    pub current: Option<&'a str>,
    pub on_hover: &'a Callback<Option<String>>,
    pub on_nav: &'a Callback<Nav>,
    pub surface: &'a SharedSurface,
    /// Measured: the page box has the page's shape.
    pub fitted: bool,
}

/// One link per article (its first region); further regions of the same
/// article are clickable but out of the tab order and hidden from screen readers.
pub fn regions(p: &RegionsProps) -> Html {
    // Unmeasured, the page box is the whole stage and the picture is fitted
    // in it by `object-fit: contain` at the top: the regions fit the same way.
    let aspect = if p.fitted { "none" } else { "xMidYMin meet" };
    let page = p.page;
    let articles = p.edition.articles_on(page.number);
    let hot_zones = articles.iter().flat_map(|article| {
        article
            .regions
            .iter()
            .filter(|r| r.page == page.number)
            .enumerate()
            .map(move |(i, region)| region_link(p, article, i == 0, &region.points))
    });
    html! {
        <svg key={page.number} class="regions" viewBox={format!("0 0 {} {}", num(page.width, 2), num(page.height, 2))} preserveAspectRatio={aspect}
            role="group" aria-label={format!("{}文章区域", page.label)}>
            { for hot_zones }
        </svg>
    }
}

fn region_link(p: &RegionsProps, article: &Article, first: bool, points: &[[f64; 2]]) -> Html {
    let (id, on_nav, surface) = (article.id.clone(), p.on_nav.clone(), p.surface.clone());
    // Taps and clicks are the surface's (it opens the story on pointerup);
    // what comes here unswallowed is the keyboard's Enter.
    let onclick = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        if !surface.borrow().swallows_click() {
            on_nav.emit(Nav::Open(id.clone()));
        }
    });
    let hover = super::hover_handlers(p.on_hover, &article.id);
    let lit = p.hovered == Some(article.id.as_str());
    let current = p.current == Some(article.id.as_str());
    let link = html! {
        <a href={p.links.article(&p.edition.date, p.page.number, &article.id)} data-article={article.id.clone()}
            aria-label={first.then(|| article.title.clone())} aria-hidden={(!first).then_some("true")}
            tabindex={(!first).then_some("-1")}
            {onclick} onpointerover={hover.over} onpointerout={hover.out} onfocus={hover.focus} onblur={hover.blur}>
            <polygon points={svg_points(points)} />
        </a>
    };
    super::classed(
        link,
        &[
            "region",
            super::when(lit, "lit"),
            super::when(current, "current"),
        ],
    )
}
