//! Warms the reader's code while the browser is idle: Chrome compiles a
//! WebAssembly function the first time it runs, which cost the first tap on
//! a story 10–20 ms at 4× CPU slowdown. The reader is rendered once, off the
//! document, for the edition's first article, then dropped.

use crate::edition::Edition;
use std::rc::Rc;
use yew::prelude::*;

#[hook]
pub fn use_warm_reader(edition: &Rc<Edition>, edition_url: &str) {
    let (edition, url) = (edition.clone(), edition_url.to_string());
    // Once per view: a later edition's reader is the same code.
    use_effect_with((), move |_| browser::warm(edition, url));
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use crate::edition::Edition;
    use crate::web::components::reader::{Reader, ReaderProps};
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use yew::Callback;

    pub fn warm(edition: Rc<Edition>, url: String) -> impl FnOnce() {
        let gone = Rc::new(Cell::new(false));
        let still = gone.clone();
        when_idle(move || {
            let Some(article) = edition.articles.first().cloned() else {
                return;
            };
            if still.get() {
                return;
            }
            let Ok(root) = gloo::utils::document().create_element("div") else {
                return;
            };
            let props = ReaderProps {
                edition,
                edition_url: url,
                article: Rc::new(article),
                on_nav: Callback::noop(),
                on_share: Callback::noop(),
            };
            let app = yew::Renderer::<Reader>::with_root_and_props(root, props).render();
            when_idle(move || app.destroy());
        });
        move || gone.set(true)
    }

    /// `requestIdleCallback` where there is one (not Safari), else a second on.
    fn when_idle(f: impl FnOnce() + 'static) {
        let window = gloo::utils::window();
        let f = Closure::once_into_js(f);
        let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::Function>().ok());
        let _ = match idle {
            Some(idle) => idle.call1(&window, &f).map(|_| ()),
            None => window
                .set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 1000)
                .map(|_| ()),
        };
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    use crate::edition::Edition;
    use std::rc::Rc;

    pub fn warm(_: Rc<Edition>, _: String) -> impl FnOnce() {
        || {}
    }
}
