//! Keyboard focus, moved without a forced layout in the middle of a render.

/// Puts the keyboard focus back on an article's region (after the reader closes).
pub fn focus_region(id: &str) {
    #[cfg(target_arch = "wasm32")]
    {
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
    #[cfg(not(target_arch = "wasm32"))]
    let _ = id;
}

/// Focuses `el` once the frame that shows it has been painted: `focus()`
/// lays the document out, and done inside a render it costs the tap that
/// opened an article some 30 ms at 4× CPU slowdown before anything is seen.
///
/// Not for what arrived with the page: rendered in the hidden twin of a
/// published page (web/take_over.rs), it is shown by the take-over, and a
/// page load does not move the focus (nor, by it, the reader's scroll).
pub fn focus_after_paint(el: web_sys::HtmlElement) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::closure::Closure;
        if el.closest(".app-twin").ok().flatten().is_some() {
            return;
        }
        use wasm_bindgen::JsCast;
        let focus = Closure::once_into_js(move || {
            if el.is_connected() {
                let _ = el.focus();
            }
        });
        // The task after the frame's animation callbacks runs once it is painted.
        let after_frame = Closure::once_into_js(move || {
            let _ = gloo::utils::window().set_timeout_with_callback(focus.unchecked_ref());
        });
        let _ = gloo::utils::window().request_animation_frame(after_frame.unchecked_ref());
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = el;
}

/// Focuses `el` when the keyboard focus was lost (the focused control went
/// with the markup it was in, and the focus fell back to the page): a
/// keyboard user then goes on where the change happened, not from the top.
pub fn focus_if_lost(el: &web_sys::HtmlElement) {
    let doc = gloo::utils::document();
    let lost = doc
        .active_element()
        .is_none_or(|a| doc.body().is_some_and(|b| a == *b.as_ref()));
    if lost {
        let _ = el.focus();
    }
}
