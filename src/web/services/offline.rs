//! The service worker (web/sw.js) from the app's side: registering it, and
//! talking to it by message (store what was read; plan and download an
//! edition). Through `Reflect`, never web-sys' typed getters: where a webview
//! has no `navigator.serviceWorker` (iOS WKWebView without app-bound domains,
//! many in-app browsers) a typed call would throw into the module; here every
//! step just gives up, and the app stays as it is without the worker.

use gloo::events::EventListener;
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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

/// Whether the worker can work here: a secure context (https or localhost)
/// with service workers and Cache Storage.
pub fn supported() -> bool {
    let window = gloo::utils::window();
    window.is_secure_context() && container().is_some() && get(&window.into(), "caches").is_some()
}

/// Registers the worker for this site and, once it runs this page, asks it
/// to store what this visit has read.
pub fn start() {
    if !supported() {
        return;
    }
    register(&super::location::base());
    let seen = || {
        post("seen", 0, |set| set("urls", seen_urls().into()));
    };
    if controlled() {
        seen();
    } else if let Some(listener) = on_controller(seen) {
        listener.forget();
    }
}

/// Registers `{base}sw.js` for the scope `{base}` (again on every start: the
/// browser then checks the worker for an update). A refusal is logged as a
/// warning only: reading goes on without it.
fn register(base: &str) {
    let Some(sw) = container() else { return };
    let options = Object::new();
    let _ = Reflect::set(&options, &"scope".into(), &base.into());
    let script = format!("{base}sw.js");
    let Some(promise) = call(&sw, "register", &[script.into(), options.into()]) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(Promise::from(promise)).await {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            gloo::console::warn!(format!("[昌吉日报数字报] 离线阅读不可用：{why}"));
        }
    });
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

/// This page and every same-origin file it has loaded so far: on the first
/// visit they came before the worker, which stores them when asked ('seen').
fn seen_urls() -> Array {
    let window = gloo::utils::window();
    let urls: Array = window
        .location()
        .href()
        .into_iter()
        .map(JsValue::from)
        .collect();
    let origin = window.location().origin().unwrap_or_default();
    if let Some(perf) = window.performance() {
        for entry in perf.get_entries_by_type("resource").iter() {
            if let Some(name) = get(&entry, "name").and_then(|n| n.as_string()) {
                if name.starts_with(&origin) {
                    urls.push(&name.into());
                }
            }
        }
    }
    urls
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
