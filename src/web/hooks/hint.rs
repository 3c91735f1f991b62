//! The first visit's hint on how to zoom. Shown only in the browser (never
//! in the published HTML), and once dismissed, or once the reader has
//! zoomed, never again on this browser (localStorage; where storage is off,
//! it comes back with each visit, until dismissed).

use yew::prelude::*;

const KEY: &str = "epaper.zoomHint";

/// Whether to show the hint now, and how to put it away for good.
#[hook]
pub fn use_zoom_hint() -> (bool, Callback<()>) {
    let shown = use_state(|| false);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            if storage::get(KEY).is_none() {
                shown.set(true);
            }
        });
    }
    let dismiss = {
        let shown = shown.clone();
        Callback::from(move |()| {
            storage::set(KEY, "seen");
            if *shown {
                shown.set(false);
            }
        })
    };
    (*shown, dismiss)
}

/// localStorage through `Reflect` (no web-sys `Storage` feature for two
/// calls); any failure (storage off, private mode quota) is "nothing stored".
mod storage {
    #[cfg(target_arch = "wasm32")]
    fn local() -> Option<js_sys::Object> {
        use wasm_bindgen::JsCast;
        let value = js_sys::Reflect::get(&gloo::utils::window(), &"localStorage".into()).ok()?;
        value.dyn_into::<js_sys::Object>().ok()
    }

    #[cfg(target_arch = "wasm32")]
    fn call(name: &str, args: &[&str]) -> Option<wasm_bindgen::JsValue> {
        use wasm_bindgen::JsCast;
        let store = local()?;
        let f = js_sys::Reflect::get(&store, &name.into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let args: js_sys::Array = args
            .iter()
            .map(|a| wasm_bindgen::JsValue::from_str(a))
            .collect();
        f.apply(&store, &args).ok()
    }

    pub fn get(key: &str) -> Option<String> {
        #[cfg(target_arch = "wasm32")]
        return call("getItem", &[key]).and_then(|v| v.as_string());
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = key;
            None
        }
    }

    pub fn set(key: &str, value: &str) {
        #[cfg(target_arch = "wasm32")]
        let _ = call("setItem", &[key, value]);
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (key, value);
    }
}
