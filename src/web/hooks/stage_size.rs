//! The stage's size in CSS pixels: measured on mount and whenever it changes
//! (window resize, rotation, the phone's page bar or notice bar appearing).

use crate::viewport::Size;
use yew::prelude::*;

/// The measured stage, and whether the layout is a phone's or tablet's held
/// upright (styles/20-layout.css: narrower than 900 px, taller than wide),
/// where the zoom buttons get a strip of their own under the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stage {
    pub size: Size,
    pub upright: bool,
}

#[hook]
pub fn use_stage_size(stage: &NodeRef) -> Option<Stage> {
    let size = super::use_cell(|| None::<Stage>);
    #[cfg(target_arch = "wasm32")]
    {
        let (stage, size) = (stage.clone(), size.clone());
        crate::web::effect::use_effect_on((), move |_| {
            browser::watch(stage, move |now| size.set(now))
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = stage;
    size.get()
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::Stage;
    use crate::viewport::Size;
    use gloo::events::EventListener;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::HtmlElement;
    use yew::prelude::*;

    pub fn watch(stage: NodeRef, set: impl Fn(Option<Stage>) + 'static) -> impl FnOnce() {
        let el = stage.cast::<web_sys::Element>();
        let measure = Rc::new(move || {
            let Some(el) = stage.cast::<HtmlElement>() else {
                return;
            };
            let size = Size {
                width: f64::from(el.client_width()),
                height: f64::from(el.client_height()),
            };
            if size.width > 0.0 && size.height > 0.0 {
                let window = gloo::utils::window();
                let px = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
                let (w, h) = (px(window.inner_width()), px(window.inner_height()));
                let upright = matches!((w, h), (Some(w), Some(h)) if w < 900.0 && h > w);
                set(Some(Stage { size, upright }));
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
    }

    type Observer = (web_sys::ResizeObserver, Closure<dyn FnMut()>);

    /// ResizeObserver where the engine has it (Chrome 64+, iOS 13.4+); older
    /// webviews still get the window's resize event.
    fn observe_resize(el: &Option<web_sys::Element>, f: impl Fn() + 'static) -> Option<Observer> {
        let el = el.as_ref()?;
        js_sys::Reflect::get(&gloo::utils::window(), &"ResizeObserver".into())
            .ok()
            .filter(|v| v.is_function())?;
        let closure = Closure::<dyn FnMut()>::new(f);
        let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
        observer.observe(el);
        Some((observer, closure))
    }
}
