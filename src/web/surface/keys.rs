//! The page's keys: one listener (the surface's) for all of them, so that
//! zoom, pan, page turns and Escape never race another listener.

use super::{SharedSurface, SurfaceEvent};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

/// The page's keys, in one place: Escape closes the article; `+`/`-`/`0`
/// zoom; arrows pan a zoomed page, or turn an unzoomed one.
pub(super) fn keys(surface: &SharedSurface, e: &KeyboardEvent) {
    // A hidden twin must not act under the published page.
    if !crate::web::is_live()
        || e.default_prevented()
        || e.ctrl_key()
        || e.meta_key()
        || e.alt_key()
    {
        return;
    }
    let mut s = surface.borrow_mut();
    if e.key() == "Escape" {
        if s.reading {
            s.send(SurfaceEvent::Close);
            e.prevent_default();
        }
        return;
    }
    if typing(e) {
        return;
    }
    let zoomed = s.view.is_some_and(|v| v.is_zoomed());
    let step = 60.0;
    match e.key().as_str() {
        "+" | "=" => s.zoom_by(1.5, None),
        "-" | "_" => s.zoom_by(1.0 / 1.5, None),
        "0" => s.reset(),
        key @ ("ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown") if zoomed => {
            let (dx, dy) = match key {
                "ArrowLeft" => (step, 0.0),
                "ArrowRight" => (-step, 0.0),
                "ArrowUp" => (0.0, step),
                _ => (0.0, -step),
            };
            if let Some(v) = s.view.as_mut() {
                v.pan(dx, dy);
            }
            s.apply();
        }
        key @ ("ArrowLeft" | "ArrowRight") if !s.reading => {
            s.send(SurfaceEvent::Turn(if key == "ArrowLeft" { -1 } else { 1 }));
        }
        _ => return,
    }
    e.prevent_default();
}

/// Keys typed into a field, or aimed at the reader, are not for the page.
fn typing(e: &KeyboardEvent) -> bool {
    let target = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    target.is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
            || el.closest(".reader").ok().flatten().is_some()
    })
}
