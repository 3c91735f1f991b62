//! The service worker (web/sw.js) from the app's side: whether it runs this
//! page, and talking to it by message (plan and download an edition; web/boot.js
//! registers it and sends 'seen'). Through `Reflect`, never web-sys' typed
//! getters: where a webview has no `navigator.serviceWorker` (iOS WKWebView
//! without app-bound domains, many in-app browsers) a typed call would throw
//! into the module; here every step just gives up, and the app stays as it
//! is without the worker.

use gloo::events::EventListener;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &key.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: Function = get(target, method)?.dyn_into().ok()?;
    f.apply(target, &args.iter().collect::<Array>()).ok()
}

fn container() -> Option<JsValue> {
    let navigator: JsValue = gloo::utils::window().navigator().into();
    get(&navigator, "serviceWorker")
}

/// Asks web/boot.js to register the worker (it checks the worker can work
/// here: a secure context with service workers and Cache Storage) and, once
/// the worker runs this page, to ask it to store what this visit has read.
/// Kept out of the module: the first load needs none of it.
/// (`call`'s checked `apply` measured +0.2 KB gzip: boot.js defines it as a function.)
pub fn start() {
    let window: JsValue = gloo::utils::window().into();
    if let Some(start) = get(&window, "__epaperOffline") {
        let _ = start.unchecked_into::<Function>().call0(&window);
    }
}

/// The worker that answers this page's requests, once there is one.
fn controller() -> Option<JsValue> {
    get(&container()?, "controller")
}

pub fn controlled() -> bool {
    controller().is_some()
}

/// Calls `f` when a worker takes this page over (the first visit's worker
/// claims the page once it is active).
pub fn on_controller(mut f: impl FnMut() + 'static) -> Option<EventListener> {
    let target: web_sys::EventTarget = container()?.dyn_into().ok()?;
    Some(EventListener::new(&target, "controllerchange", move |_| {
        f()
    }))
}

/// Calls `f` with the data of each message from the worker.
pub fn on_message(mut f: impl FnMut(JsValue) + 'static) -> Option<EventListener> {
    let target: web_sys::EventTarget = container()?.dyn_into().ok()?;
    Some(EventListener::new(&target, "message", move |event| {
        if let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() {
            f(event.data());
        }
    }))
}

/// Sends `{type, id, …}` (`fill` sets the rest) to the worker; false when there is none.
fn post(kind: &str, id: u32, fill: impl FnOnce(&dyn Fn(&str, JsValue) -> bool) -> bool) -> bool {
    let Some(worker) = controller() else {
        return false;
    };
    let message = Object::new();
    let set = |k: &str, v: JsValue| Reflect::set(&message, &k.into(), &v).is_ok();
    let ok = set("type", kind.into()) && set("id", id.into()) && fill(&set);
    ok && call(&worker, "postMessage", &[message.into()]).is_some()
}

/// Asks the worker to size (`plan`) or store (`download`) the edition at
/// `edition` with page pictures `px` device pixels across (web/sw.js).
pub fn post_edition(kind: &str, id: u32, edition: &str, px: f64) -> bool {
    post(kind, id, |set| {
        set("edition", edition.into())
            && set("px", px.into())
            && set("pageGuess", page_bytes().into())
    })
}

/// A number field of a message (0 when missing).
pub fn field(data: &JsValue, key: &str) -> f64 {
    get(data, key).and_then(|v| v.as_f64()).unwrap_or(0.0)
}

pub fn text_field(data: &JsValue, key: &str) -> String {
    get(data, key)
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The size of this page's own HTML: the worker's guess for each published
/// page whose length the server does not say (compressed on the fly).
fn page_bytes() -> f64 {
    let Some(perf) = gloo::utils::window().performance() else {
        return 0.0;
    };
    let entries = perf.get_entries_by_type("navigation");
    get(&entries.get(0), "decodedBodySize")
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// Device pixels across the page picture when fitted to the stage now
/// (`width`/`height`: the page's master size), for picking renditions.
pub fn fitted_px(width: f64, height: f64) -> Option<f64> {
    let stage = gloo::utils::document()
        .query_selector("#app .stage")
        .ok()
        .flatten()?;
    let rect = stage.get_bounding_client_rect();
    if rect.width() <= 0.0 || rect.height() <= 0.0 || width <= 0.0 || height <= 0.0 {
        return None;
    }
    let across = rect.width().min(rect.height() * width / height);
    Some(across * gloo::utils::window().device_pixel_ratio())
}
