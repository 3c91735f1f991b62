//! The facsimile: the page picture fitted to its stage, with every article's
//! regions drawn over it in the page's own coordinates (an SVG viewBox), so
//! they stay exactly over the text at any size.

use crate::edition::{resolve_url, Article, Edition, Page};
use crate::geometry::{num, svg_points};
use crate::route::Links;
use crate::viewport::{Size, Viewport};
use crate::web::nav::Nav;
use crate::web::surface::{self, SharedSurface, Surface, SurfaceEvent};
use gloo::events::EventListener;
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PageViewProps {
    pub edition: Rc<Edition>,
    /// The edition file's URL: page images are relative to it.
    pub edition_url: String,
    pub page: u32,
    /// Article whose regions are lit (pointer or focus on it).
    #[prop_or_default]
    pub hovered: Option<String>,
    /// The article open in the reader: its regions stay marked.
    #[prop_or_default]
    pub current: Option<String>,
    pub on_hover: Callback<Option<String>>,
    pub on_nav: Callback<Nav>,
}

#[component]
pub fn PageView(props: &PageViewProps) -> Html {
    let links = use_context::<Rc<Links>>().unwrap_or_default();
    let Some(page) = props.edition.page(props.page) else {
        return html! { <div class="stage" /> };
    };
    let stage_ref = use_node_ref();
    let page_ref = use_node_ref();
    let stage = use_stage_size(&stage_ref);
    // The zoom the page settled at after the last gesture: picks the picture.
    // Kept with the page it belongs to, so that a page turned to while zoomed
    // starts from the fitted picture, not the largest one.
    let this_page = (props.edition.date.clone(), props.page);
    let settled = use_state(|| (this_page.clone(), 1.0_f64));
    let zoom = if settled.0 == this_page {
        settled.1
    } else {
        1.0
    };
    // The surface lives as long as the view; it reads the page shown now
    // (not the one it was made on) when a swipe asks to turn.
    let shown = use_mut_ref(|| (props.edition.clone(), props.page, props.on_nav.clone()));
    *shown.borrow_mut() = (props.edition.clone(), props.page, props.on_nav.clone());
    let surface = {
        let (settled, shown) = (settled.setter(), shown.clone());
        use_memo((), move |_| {
            Surface::new(move |event| match event {
                SurfaceEvent::Zoomed(z) => {
                    let (edition, number, _) = &*shown.borrow();
                    settled.set(((edition.date.clone(), *number), z));
                }
                SurfaceEvent::Turn(step) => {
                    let (edition, number, on_nav) = shown.borrow().clone();
                    if let Some(next) = edition.neighbour_page(number, step as isize) {
                        on_nav.emit(Nav::Page(next.number));
                    }
                }
            })
        })
    };
    {
        let (surface, stage_ref) = (surface.clone(), stage_ref.clone());
        use_effect_with((), move |_| {
            let listeners = stage_ref
                .cast::<HtmlElement>()
                .map(|el| surface::listen(&surface, &el));
            move || drop(listeners)
        });
    }
    {
        let (surface, stage_ref, page_ref, settled, key) = (
            surface.clone(),
            stage_ref.clone(),
            page_ref.clone(),
            settled.clone(),
            this_page.clone(),
        );
        let page_size = Size {
            width: page.width,
            height: page.height,
        };
        use_effect_with(
            (stage, props.page, props.edition.date.clone()),
            move |(stage, _, _)| {
                if let (Some(size), Some(st), Some(el)) = (
                    stage,
                    stage_ref.cast::<HtmlElement>(),
                    page_ref.cast::<HtmlElement>(),
                ) {
                    surface.borrow_mut().fit(&st, &el, *size, page_size);
                    settled.set((key, 1.0));
                }
            },
        );
    }
    let fitted = stage.map(|s| {
        Viewport::fitted(
            s,
            Size {
                width: page.width,
                height: page.height,
            },
            1.0,
        )
    });
    // The browser picks the rendition from `srcset` by `sizes`: the fitted
    // width once measured (times the zoom), and before that (the published
    // page, before the app runs) the same width worked out by CSS.
    let shown_width = fitted.map(|v| v.fitted_size().width * zoom);
    let sizes = shown_width.map_or_else(|| layout_sizes(page), |w| format!("{}px", num(w, 0)));
    let picture = page
        .rendition_for(shown_width.map_or(STATIC_PICTURE_PX, |w| w * surface::pixel_ratio()))
        .map(|img| resolve_url(&props.edition_url, &img.url));
    let srcset = srcset(page, &props.edition_url);
    // Which page has shown a sharp picture: while a sharper rendition of the
    // same page loads, the one on screen stays (no flash back to the thumbnail).
    let loaded = use_state(|| None::<(String, u32)>);
    let failed = use_state(|| None::<String>);
    let broken = page.images.is_empty() || (failed.is_some() && *failed == picture);
    let sharp = picture.is_some() && loaded.as_ref() == Some(&this_page);
    let image_ref = use_node_ref();
    {
        // A picture already in the cache can finish loading before the load
        // listener is attached: look at the element itself after each change.
        let (image_ref, loaded, this_page) = (image_ref.clone(), loaded.clone(), this_page.clone());
        use_effect_with(picture.clone(), move |_| {
            if let Some(img) = image_ref.cast::<web_sys::HtmlImageElement>() {
                if img.complete() && img.natural_width() > 0 && loaded.as_ref() != Some(&this_page)
                {
                    loaded.set(Some(this_page));
                }
            }
        });
    }

    // The thumbnail stands in only until the sharp picture is there (a sharper
    // rendition replacing it keeps the old one on screen while it loads).
    // Not on the published page (unmeasured): there the picture alone gets the
    // bandwidth, as on the static page it replaces.
    let thumb = page.thumbnail.as_ref().filter(|_| !broken && !sharp && fitted.is_some()).map(|t| {
        html! { <img class="page-thumb" src={resolve_url(&props.edition_url, &t.url)} alt="" decoding="async" /> }
    });
    let image = picture.clone().filter(|_| !broken).map(|src| {
        let (on_load, on_error) = {
            let (loaded, failed, shown, b) = (loaded.clone(), failed.clone(), this_page.clone(), src.clone());
            (Callback::from(move |_| loaded.set(Some(shown.clone()))), Callback::from(move |_| failed.set(Some(b.clone()))))
        };
        html! {
            <img ref={image_ref.clone()} class={classes!("page-image", sharp.then_some("sharp"))} src={src}
                srcset={srcset.clone()} sizes={sizes.clone()} width={num(page.width, 0)} height={num(page.height, 0)}
                alt={format!("{}版面图", page.label)} fetchpriority={fitted.is_none().then_some("high")} onload={on_load} onerror={on_error} />
        }
    });
    let hovered_title = props
        .hovered
        .as_deref()
        .and_then(|id| props.edition.article(id))
        .filter(|a| a.regions.iter().any(|r| r.page == props.page))
        .map(|a| a.title.clone());
    html! {
        <div class={classes!("stage", (zoom > 1.001).then_some("zoomed"))} ref={stage_ref}>
            <div class={classes!("page", fitted.is_none().then_some("unsized"))} ref={page_ref}>
                { for thumb }
                { for image }
                if broken {
                    <div class="page-missing" role="note">
                        <p>{ format!("{}的版面图片未能加载。", page.label) }</p>
                        <p>{ "请从“本版标题”阅读本版文章。" }</p>
                    </div>
                }
                { regions(&links, props, page, &surface, fitted.is_some()) }
            </div>
            if let Some(title) = hovered_title {
                <p class="hover-title" aria-hidden="true">{ title }</p>
            }
            { zoom_controls(&surface, zoom) }
        </div>
    }
}

fn zoom_controls(surface: &SharedSurface, zoom: f64) -> Html {
    // All three always stand in the same places: a second quick press must
    // land on the same button as the first.
    let button = |label: &'static str, name: &'static str, enabled: bool, act: fn(&mut Surface)| {
        let surface = surface.clone();
        let onclick = Callback::from(move |_: MouseEvent| act(&mut surface.borrow_mut()));
        html! { <button class="zoom-button" aria-label={name} title={name} disabled={!enabled} {onclick}>{ label }</button> }
    };
    html! {
        <div class="zoom-controls" role="group" aria-label="缩放">
            { button("+", "放大", true, |s| s.zoom_by(1.5, None)) }
            { button("−", "缩小", zoom > 1.001, |s| s.zoom_by(1.0 / 1.5, None)) }
            { button("⤢", "还原整版", zoom > 1.001, |s| s.reset()) }
        </div>
    }
}

/// One link per article (its first region); further regions of the same
/// article are clickable but out of the tab order and hidden from screen readers.
fn regions(
    links: &Links,
    props: &PageViewProps,
    page: &Page,
    surface: &SharedSurface,
    fitted: bool,
) -> Html {
    // Unmeasured, the page box is the whole stage and the picture is fitted
    // in it by `object-fit: contain` at the top: the regions fit the same way.
    let aspect = if fitted { "none" } else { "xMidYMin meet" };
    let articles = props.edition.articles_on(page.number);
    let hot_zones = articles.iter().flat_map(|article| {
        article
            .regions
            .iter()
            .filter(|r| r.page == page.number)
            .enumerate()
            .map(move |(i, region)| {
                region_link(links, props, article, i == 0, &region.points, surface)
            })
    });
    html! {
        <svg key={page.number} class="regions" viewBox={format!("0 0 {} {}", num(page.width, 2), num(page.height, 2))} preserveAspectRatio={aspect}
            role="group" aria-label={format!("{}文章区域", page.label)}>
            { for hot_zones }
        </svg>
    }
}

fn region_link(
    links: &Links,
    props: &PageViewProps,
    article: &Article,
    first: bool,
    points: &[[f64; 2]],
    surface: &SharedSurface,
) -> Html {
    let (id, on_nav, surface) = (article.id.clone(), props.on_nav.clone(), surface.clone());
    let onclick = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        // A drag, pinch or swipe that ends over a region is not a tap on it.
        if !surface.borrow().swallows_click() {
            on_nav.emit(Nav::Open(id.clone()));
        }
    });
    let hover = super::hover_handlers(&props.on_hover, &article.id);
    let lit = props.hovered.as_deref() == Some(article.id.as_str());
    let current = props.current.as_deref() == Some(article.id.as_str());
    html! {
        <a href={links.article(&props.edition.date, props.page, &article.id)}
            class={classes!("region", lit.then_some("lit"), current.then_some("current"))} data-article={article.id.clone()}
            aria-label={first.then(|| article.title.clone())} aria-hidden={(!first).then_some("true")}
            tabindex={(!first).then_some("-1")}
            {onclick} onpointerenter={hover.enter} onpointerleave={hover.leave} onfocus={hover.focus} onblur={hover.blur}>
            <polygon points={svg_points(points)} />
        </a>
    }
}

/// Device pixels across that the picture of an unmeasured page is chosen for
/// where `srcset` is not understood.
const STATIC_PICTURE_PX: f64 = 1200.0;

/// Every rendition, for the browser to choose from.
fn srcset(page: &Page, edition_url: &str) -> String {
    let mut images: Vec<_> = page.images.iter().collect();
    images.sort_by_key(|i| i.width);
    images
        .iter()
        .map(|i| format!("{} {}w", resolve_url(edition_url, &i.url), i.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fitted page's width as CSS works it out from the layout (styles/20-layout.css:
/// the stage is the window less the masthead and page bar on phones, and less
/// the page strip and the side column on wide screens). Engines without `min()`
/// in `sizes` take the window's width: a sharper picture, never a blurred one.
fn layout_sizes(page: &Page) -> String {
    let ratio = num(page.width / page.height, 4);
    format!(
        "(max-width: 899px) min(100vw, calc((100vh - 120px) * {ratio})), \
         min(calc(100vw - 148px - min(560px, max(380px, 34vw))), calc((100vh - 112px) * {ratio}))"
    )
}

/// The stage's size in CSS pixels: measured on mount and whenever it changes
/// (window resize, rotation, the phone's page bar or notice bar appearing).
#[hook]
fn use_stage_size(stage: &NodeRef) -> Option<Size> {
    let size = use_state(|| None::<Size>);
    let (stage, setter) = (stage.clone(), size.clone());
    use_effect_with((), move |_| {
        let el = stage_el(&stage);
        let measure = Rc::new(move || {
            if let Some(el) = stage.cast::<HtmlElement>() {
                let now = Size {
                    width: f64::from(el.client_width()),
                    height: f64::from(el.client_height()),
                };
                if now.width > 0.0 && now.height > 0.0 {
                    setter.set(Some(now));
                }
            }
        });
        measure();
        let on_resize = {
            let measure = measure.clone();
            EventListener::new(&gloo::utils::window(), "resize", move |_| measure())
        };
        let observer = observe_resize(&el, move || measure());
        move || {
            drop(on_resize);
            if let Some((observer, _closure)) = observer {
                observer.disconnect();
            }
        }
    });
    *size
}

fn stage_el(stage: &NodeRef) -> Option<web_sys::Element> {
    stage.cast::<web_sys::Element>()
}

type Observer = (
    web_sys::ResizeObserver,
    wasm_bindgen::closure::Closure<dyn FnMut()>,
);

/// ResizeObserver where the engine has it (Chrome 64+, iOS 13.4+); older
/// webviews still get the window's resize event.
fn observe_resize(el: &Option<web_sys::Element>, f: impl Fn() + 'static) -> Option<Observer> {
    use wasm_bindgen::JsCast;
    let el = el.as_ref()?;
    js_sys::Reflect::get(&gloo::utils::window(), &"ResizeObserver".into())
        .ok()
        .filter(|v| v.is_function())?;
    let closure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(f);
    let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
    observer.observe(el);
    Some((observer, closure))
}

/// Puts the keyboard focus back on an article's region (after the reader closes).
pub fn focus_region(id: &str) {
    let selector = format!(".regions a[data-article=\"{id}\"]");
    let found = gloo::utils::document()
        .query_selector(&selector)
        .ok()
        .flatten();
    if let Some(el) =
        found.and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::SvgElement>(el).ok())
    {
        let _ = el.focus();
    }
}
