//! The facsimile: the page picture fitted to its stage, the stories' regions
//! over it (regions.rs), the zoom buttons docked beside or under it and the
//! first visit's hint (zoom_controls.rs). The browser side lives in hooks:
//! the stage's size, the picture's choice and loading, the gesture surface.

use super::regions::{regions, RegionsProps};
use super::zoom_controls::{zoom_controls, zoom_hint};
use super::{classed, when};
use crate::edition::resolve_url;
use crate::geometry::num;
use crate::route::Links;
use crate::viewport::{dock, Size, Viewport};
use crate::web::hooks::{
    set_hover, use_hovered, use_picture, use_stage_size, use_surface, use_zoom_hint,
};
use crate::web::nav::Nav;
use crate::web::surface::SurfaceEvent;
use crate::web::EditionRef;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PageViewProps {
    /// How places become links (the frame's; default: under `/`).
    #[prop_or_default]
    pub links: Rc<Links>,
    pub edition: EditionRef,
    /// The edition file's URL: page images are relative to it.
    pub edition_url: String,
    pub page: u32,
    /// The article open in the reader: its regions stay marked.
    #[prop_or_default]
    pub current: Option<String>,
    pub on_nav: Callback<Nav>,
}

#[component]
pub fn PageView(props: &PageViewProps) -> Html {
    // Every hook runs on every render, before anything may return early.
    let links = &props.links;
    // The article lit by the pointer or focus (hooks/hover.rs): hovering
    // re-renders this view and the list alone. Another edition lights nothing.
    let hovered = use_hovered();
    let on_hover = Callback::from(set_hover);
    crate::web::effect::use_effect_on(props.edition.date.clone(), |_| set_hover(None));
    let page = props.edition.page(props.page);
    let key = (props.edition.date.clone(), props.page);
    let stage_ref = use_node_ref();
    let page_ref = use_node_ref();
    let stage = use_stage_size(&stage_ref);
    let page_size = page.map(|p| Size {
        width: p.width,
        height: p.height,
    });
    let docked = stage
        .zip(page_size)
        .map(|(stage, page)| (dock(stage.size, page, stage.upright), page));
    let on_event = {
        let (edition, number, on_nav) = (props.edition.clone(), props.page, props.on_nav.clone());
        Callback::from(move |event| match event {
            SurfaceEvent::Turn(step) => {
                if let Some(next) = edition.neighbour_page(number, step as isize) {
                    on_nav.emit(Nav::Page(next.number));
                }
            }
            SurfaceEvent::Open(id) => on_nav.emit(Nav::Open(id)),
            SurfaceEvent::Close => on_nav.emit(Nav::Close),
            SurfaceEvent::Zoomed(_) => {}
        })
    };
    let fit = docked.map(|((area, _), page)| (area, page));
    let reading = props.current.is_some();
    let (surface, zoom) = use_surface(&stage_ref, &page_ref, fit, &key, reading, on_event);
    let fitted = fit.map(|(area, page)| Viewport::fitted(area, page, 1.0));
    let shown_width = fitted.map(|v| v.fitted_size().width * zoom.level);
    let picture = use_picture(page, &props.edition_url, &key, shown_width);
    let (hint, dismiss_hint) = use_zoom_hint();
    crate::web::hooks::use_warm_reader(&props.edition_url);
    {
        // Whoever has zoomed has found out how: the hint stays away.
        let dismiss = dismiss_hint.clone();
        crate::web::effect::use_effect_on(zoom.is_zoomed() && hint, move |zoomed| {
            if *zoomed {
                dismiss.emit(());
            }
        });
    }

    let Some(page) = page else {
        return html! { <div class="stage" ref={stage_ref} /> };
    };
    // The thumbnail stands in only until the sharp picture is there (a sharper
    // rendition replacing it keeps the old one on screen while it loads).
    // Not on the published page (unmeasured): there the picture alone gets the
    // bandwidth, as on the static page it replaces.
    let thumb = page.thumbnail.as_ref().filter(|_| !picture.broken && !picture.sharp && fitted.is_some()).map(|t| {
        html! { <img class="page-thumb" src={resolve_url(&props.edition_url, &t.url)} alt="" decoding="async" /> }
    });
    let image = picture.src.clone().filter(|_| !picture.broken).map(|src| classed(html! {
        <img ref={picture.image_ref.clone()} src={src}
            srcset={picture.srcset.clone()} sizes={picture.sizes.clone()} width={num(page.width, 0)} height={num(page.height, 0)}
            alt={format!("{}版面图", page.label)} fetchpriority={fitted.is_none().then_some("high")}
            onload={picture.on_load.clone()} onerror={picture.on_error.clone()} />
    }, &["page-image", when(picture.sharp, "sharp")]));
    let hovered_title = hovered
        .as_deref()
        .and_then(|id| props.edition.article(id))
        .filter(|a| a.regions.iter().any(|r| r.page == props.page))
        .map(|a| a.title.clone());
    let hot_zones = regions(&RegionsProps {
        links,
        edition: &props.edition,
        page,
        hovered: hovered.as_deref(),
        current: props.current.as_deref(),
        on_hover: &on_hover,
        on_nav: &props.on_nav,
        surface: &surface,
        fitted: fitted.is_some(),
    });
    let sheet = classed(
        html! {
                <div ref={page_ref}>
                    { for thumb }
                    { for image }
                    if picture.broken {
                        <div class="page-missing" role="note">
                            <p>{ format!("{}的版面图片未能加载。", page.label) }</p>
                            <p>{ "请从“本版标题”阅读本版文章。" }</p>
                        </div>
                    }
                    { hot_zones }
                </div>
        },
        &["page", when(fitted.is_none(), "unsized")],
    );
    classed(
        html! {
            <div ref={stage_ref}>
                { sheet }
                if let Some(title) = hovered_title {
                    <p class="hover-title" aria-hidden="true">{ title }</p>
                }
                { zoom_controls(&surface, zoom, docked.map(|((_, d), _)| d)) }
                // No hint over a page whose picture is missing: there is nothing to zoom into.
                if hint && !reading && picture.src.is_some() && !picture.broken {
                    { zoom_hint(&dismiss_hint) }
                }
            </div>
        },
        &["stage", when(zoom.is_zoomed(), "zoomed")],
    )
}
