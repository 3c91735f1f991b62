//! Which rendition of the page picture to show, and whether it has loaded:
//! while a sharper rendition of the same page loads, the one on screen stays
//! (no flash back to the thumbnail).

use crate::edition::{resolve_url, Page};
use crate::geometry::num;
use yew::prelude::*;

/// Device pixels across that the picture of an unmeasured page is chosen for
/// where `srcset` is not understood.
const STATIC_PICTURE_PX: f64 = 1200.0;

/// The page picture as the view shows it.
pub struct Picture {
    /// The rendition for the width shown (None: the page has no picture).
    pub src: Option<String>,
    pub srcset: String,
    pub sizes: String,
    /// A picture of this page has loaded: the thumbnail may go.
    pub sharp: bool,
    /// No picture, or the chosen one failed: the page says so instead.
    pub broken: bool,
    pub image_ref: NodeRef,
    pub on_load: Callback<Event>,
    pub on_error: Callback<Event>,
}

/// `page`: the page shown (None: no such page; the hook still runs, as hooks
/// must run on every render). `key` names the page across editions.
/// `shown_width`: CSS px across the page is shown at (None: not measured).
#[hook]
pub fn use_picture(
    page: Option<&Page>,
    edition_url: &str,
    key: &(String, u32),
    shown_width: Option<f64>,
) -> Picture {
    // The browser picks the rendition from `srcset` by `sizes`: the shown
    // width once measured, and before that (the published page, before the
    // app runs) the same width worked out by CSS.
    let sizes = match (shown_width, page) {
        (Some(w), _) => format!("{}px", num(w, 0)),
        (None, Some(page)) => layout_sizes(page),
        (None, None) => String::new(),
    };
    let src = page.and_then(|page| {
        // Measured only in the browser: the device pixel ratio is at hand there.
        let px = shown_width.map_or(STATIC_PICTURE_PX, |w| {
            w * crate::web::surface::pixel_ratio()
        });
        page.rendition_for(px)
            .map(|img| resolve_url(edition_url, &img.url))
    });
    let srcset = page.map(|p| srcset(p, edition_url)).unwrap_or_default();
    // The page whose picture has loaded: a cell and a forced update (a
    // `use_state` of its own type costs ~1 KB more of Yew's reducer code).
    let loaded = use_mut_ref(|| None::<(String, u32)>);
    let update = use_force_update();
    // The picture that failed to load (a cell too).
    let failed = use_mut_ref(|| None::<String>);
    let broken =
        page.is_none_or(|p| p.images.is_empty()) || (src.is_some() && *failed.borrow() == src);
    let sharp = src.is_some() && loaded.borrow().as_ref() == Some(key);
    let mark_loaded = {
        let (loaded, key, update) = (loaded.clone(), key.clone(), update.clone());
        move || {
            if loaded.borrow().as_ref() != Some(&key) {
                *loaded.borrow_mut() = Some(key.clone());
                update.force_update();
            }
        }
    };
    let image_ref = use_node_ref();
    {
        // A picture already in the cache can finish loading before the load
        // listener is attached: look at the element itself after each change.
        let (image_ref, mark_loaded) = (image_ref.clone(), mark_loaded.clone());
        crate::web::effect::use_effect_on(src.clone(), move |_| {
            if let Some(img) = image_ref.cast::<web_sys::HtmlImageElement>() {
                if img.complete() && img.natural_width() > 0 {
                    mark_loaded();
                }
            }
        });
    }
    let on_load = Callback::from(move |_| mark_loaded());
    let on_error = {
        let src = src.clone();
        Callback::from(move |_| {
            *failed.borrow_mut() = src.clone();
            update.force_update();
        })
    };
    Picture {
        src,
        srcset,
        sizes,
        sharp,
        broken,
        image_ref,
        on_load,
        on_error,
    }
}

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

/// The fitted page's width as CSS works it out from the layout
/// (styles/20-layout.css: the stage is the window less the masthead and page
/// bar columns on a phone held sideways; less the masthead, the page bar and
/// the zoom buttons' strip on a phone held upright; less the page strip and
/// the side column on wide screens). Engines without `min()` in
/// `sizes` take the window's width: a sharper picture, never a blurred one.
/// tests/e2e/surface.test.mjs checks that the picture the published page
/// chose is the one the app shows.
fn layout_sizes(page: &Page) -> String {
    let ratio = num(page.width / page.height, 4);
    format!(
        "(max-width: 899px) and (orientation: landscape) and (max-height: 560px) min(calc(100vw - 262px), calc(100vh * {ratio})), \
         (max-width: 899px) min(100vw, calc((100vh - 164px) * {ratio})), \
         min(calc(100vw - 148px - min(560px, max(380px, 34vw))), calc((100vh - 112px) * {ratio}))"
    )
}
