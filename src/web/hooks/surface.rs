//! The gesture surface's wiring into a Yew view: made once per view, its
//! listeners on the stage, the page fitted whenever the stage or page
//! changes, and the zoom it settled at kept with the page it belongs to.

use crate::viewport::Size;
use crate::web::surface::{self, SharedSurface, Surface, SurfaceEvent, Zoom};
use std::rc::Rc;
use yew::prelude::*;

/// What the page box is fitted into: the stage's area for the page (its
/// size less the zoom buttons' strip, if any) and the page's master size.
pub type Fit = Option<(Size, Size)>;

/// `key` names the page shown (edition date, page number); `reading`: an
/// article is open; `on_event` hears every event but `Zoomed`, which the
/// hook keeps and returns (the zoom of the page shown, fitted after a turn).
#[hook]
pub fn use_surface(
    stage_ref: &NodeRef,
    page_ref: &NodeRef,
    fit: Fit,
    key: &(String, u32),
    reading: bool,
    on_event: Callback<SurfaceEvent>,
) -> (SharedSurface, Zoom) {
    // Kept with the page it belongs to, so that a page turned to while zoomed
    // starts from the fitted picture, not the largest one.
    let settled = super::use_cell(|| (key.clone(), Zoom::FITTED));
    let settle = {
        let settled = settled.clone();
        move |now: ((String, u32), Zoom)| settled.set(now)
    };
    // The surface lives as long as the view; it reaches the page shown now
    // (not the one it was made on) through this.
    let latest = use_mut_ref(|| (key.clone(), on_event.clone()));
    *latest.borrow_mut() = (key.clone(), on_event);
    let surface = {
        let (settle, latest) = (settle.clone(), latest.clone());
        use_memo((), move |_| {
            Surface::new(move |event| match event {
                SurfaceEvent::Zoomed(zoom) => settle((latest.borrow().0.clone(), zoom)),
                other => {
                    let on_event = latest.borrow().1.clone();
                    on_event.emit(other);
                }
            })
        })
    };
    let surface: SharedSurface = Rc::clone(&surface);
    surface.borrow_mut().reading = reading;
    {
        let (surface, stage_ref) = (surface.clone(), stage_ref.clone());
        crate::web::effect::use_effect_on((), move |_| {
            let listeners = stage_ref
                .cast::<web_sys::HtmlElement>()
                .map(|el| surface::listen(&surface, &el));
            move || drop(listeners)
        });
    }
    {
        let (surface, stage_ref, page_ref) = (surface.clone(), stage_ref.clone(), page_ref.clone());
        crate::web::effect::use_effect_on((fit, key.clone()), move |(fit, key)| {
            if let (Some((area, page)), Some(stage), Some(el)) = (
                fit,
                stage_ref.cast::<web_sys::HtmlElement>(),
                page_ref.cast::<web_sys::HtmlElement>(),
            ) {
                surface.borrow_mut().fit(&stage, &el, *area, *page);
                settle((key.clone(), Zoom::FITTED));
            }
        });
    }
    let zoom = match &*settled.borrow() {
        (page, zoom) if page == key => *zoom,
        _ => Zoom::FITTED,
    };
    (surface, zoom)
}
