//! Work that can wait until the browser is idle: the reader's warm-up and
//! the edition's glyphs (hooks/warm.rs, hooks/glyphs.rs).

/// Where `requestIdleCallback` is missing (Safari, Chrome < 47), a pause.
const NO_IDLE_MS: i32 = 300;

/// Runs `f` when the browser is next idle.
pub fn at_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let f = Closure::once_into_js(f);
    let w = gloo::utils::window();
    if w.request_idle_callback(f.unchecked_ref()).is_err() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), NO_IDLE_MS);
    }
}
