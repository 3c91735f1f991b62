//! Sharing a link: the Web Share API where the browser has it, else the
//! clipboard. Called through `Reflect` so no unstable web-sys API is needed.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// The system share sheet took it.
    Sheet,
    /// Copied to the clipboard.
    Copied,
    /// The reader closed the share sheet.
    Cancelled,
    Failed,
}

pub async fn share(title: &str, url: &str) -> Shared {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Shared::Failed;
    };
    let navigator: JsValue = navigator.into();
    if let Some(share) = method(&navigator, "share") {
        let data = Object::new();
        let _ = Reflect::set(&data, &"title".into(), &title.into());
        let _ = Reflect::set(&data, &"url".into(), &url.into());
        if let Ok(promise) = share.call1(&navigator, &data) {
            return match JsFuture::from(Promise::from(promise)).await {
                Ok(_) => Shared::Sheet,
                Err(err) if error_name(&err) == "AbortError" => Shared::Cancelled,
                Err(_) => copy(&navigator, url).await,
            };
        }
    }
    copy(&navigator, url).await
}

async fn copy(navigator: &JsValue, text: &str) -> Shared {
    let clipboard = Reflect::get(navigator, &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    let Some(write) = method(&clipboard, "writeText") else {
        return Shared::Failed;
    };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else {
        return Shared::Failed;
    };
    match JsFuture::from(Promise::from(promise)).await {
        Ok(_) => Shared::Copied,
        Err(_) => Shared::Failed,
    }
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    if target.is_undefined() || target.is_null() {
        return None;
    }
    Reflect::get(target, &name.into())
        .ok()?
        .dyn_into::<Function>()
        .ok()
}

fn error_name(err: &JsValue) -> String {
    Reflect::get(err, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}
