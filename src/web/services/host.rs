//! Talking to a host app: Android `addJavascriptInterface` object, iOS
//! `webkit.messageHandlers`, or the parent page when framed. Without a host,
//! nothing is sent and the app falls back to the web (Web Share, clipboard).
//!
//! The first module uses only `is_present` (web/host_bridge.rs); the
//! transports and the commands are the second module's (web/lazy_host.rs).

use crate::bridge::{
    is_bridge_name, parse_incoming, read_command, Incoming, Outgoing, DEFAULT_BRIDGE_NAME,
};
use crate::edition::json::Node;
use crate::web::services::location::query_param;
use gloo::events::EventListener;
use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

#[derive(Clone, PartialEq)]
pub enum Host {
    /// `window.<name>.postMessage(json)` (Android).
    Android(JsValue),
    /// `window.webkit.messageHandlers.<name>.postMessage(json)` (iOS).
    Ios(JsValue),
    /// `window.parent.postMessage(json, origin)` for each allowed origin.
    Frame(Vec<String>),
    None,
}

/// `?embed=1`: the host provides the header and chrome.
pub fn embed_mode() -> bool {
    query_param("embed").is_some_and(|v| v == "1" || v == "true")
}

/// The bridge object's name: `?bridge=`, if it may be one.
fn bridge_name() -> String {
    query_param("bridge")
        .filter(|n| is_bridge_name(n))
        .unwrap_or_else(|| DEFAULT_BRIDGE_NAME.into())
}

/// Is there a host to talk to (what `detect` finds, without the origins)?
pub fn is_present() -> bool {
    native(&bridge_name()).is_some() || framed()
}

pub fn detect() -> Host {
    detect_named(&bridge_name())
}

/// The host whose bridge object is called `name`. Only the host transports
/// count: a native object (Android), a native message handler (iOS), or the
/// parent page when framed (messages go to the configured origins only).
fn detect_named(name: &str) -> Host {
    match native(name) {
        Some(host) => host,
        None if framed() => Host::Frame(allowed_origins()),
        None => Host::None,
    }
}

fn native(name: &str) -> Option<Host> {
    let window: JsValue = gloo::utils::window().into();
    let android = get(&window, name);
    if has_post_message(&android) {
        return Some(Host::Android(android));
    }
    let ios = get(&get(&get(&window, "webkit"), "messageHandlers"), name);
    has_post_message(&ios).then_some(Host::Ios(ios))
}

fn framed() -> bool {
    let w = gloo::utils::window();
    w.parent()
        .ok()
        .flatten()
        .is_some_and(|p| !JsValue::from(p).loose_eq(&JsValue::from(w)))
}

impl Host {
    pub fn send(&self, message: &Outgoing) {
        let json = JsValue::from_str(&message.to_json());
        match self {
            Host::Android(target) | Host::Ios(target) => {
                if let Some(post) = method(target, "postMessage") {
                    let _ = post.call1(target, &json);
                }
            }
            Host::Frame(origins) => {
                if let Ok(Some(parent)) = gloo::utils::window().parent() {
                    for origin in origins {
                        let _ = parent.post_message(&json, origin);
                    }
                }
            }
            Host::None => {}
        }
    }
}

/// Where a message came from: the page itself, its parent, or elsewhere.
#[derive(Clone, Copy, PartialEq)]
enum Sender {
    Other,
    Own,
    Parent,
}

/// Host commands arrive as `message` events: posted by a native host into
/// the page itself (`window.postMessage(json, location.origin)` through
/// evaluateJavascript), or by an allowed parent page. Everything else is
/// ignored and logged. First those web/boot.js kept while the module came.
pub fn listen(on_command: impl Fn(Incoming) + 'static) -> EventListener {
    let window = gloo::utils::window();
    let origins = allowed_origins();
    drain_inbox(&origins, &on_command);
    EventListener::new(&window, "message", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        let w = gloo::utils::window();
        let source = event.source().map(JsValue::from);
        let from_self = source
            .as_ref()
            .is_some_and(|s| s.loose_eq(&JsValue::from(w.clone())));
        let from_parent = source.as_ref().is_some_and(|s| {
            w.parent()
                .ok()
                .flatten()
                .is_some_and(|p| s.loose_eq(&JsValue::from(p)))
        });
        let sender = match (from_self, from_parent) {
            (true, _) => Sender::Own,
            (false, true) => Sender::Parent,
            _ => Sender::Other,
        };
        receive(event.data(), &event.origin(), sender, &origins, &on_command);
    })
}

/// The messages web/boot.js kept (`window.__epaperInbox`: `[data, origin,
/// 1 own window | 2 parent | 0 other]`, at most 64, the last ones), read in
/// order; then boot.js stops keeping them. Called in the task that starts
/// listening: nothing comes in between.
fn drain_inbox(origins: &[String], on_command: &impl Fn(Incoming)) {
    let inbox = get(&gloo::utils::window().into(), "__epaperInbox");
    let Ok(list) = inbox.clone().dyn_into::<js_sys::Array>() else {
        return;
    };
    if let Some(stop) = method(&inbox, "stop") {
        let _ = stop.call0(&inbox);
    }
    let lost = get(&inbox, "lost").as_f64().unwrap_or(0.0) as u32;
    if lost > 0 {
        let why = format!("[昌吉日报数字报] ignored {lost} early messages (more than 64)");
        gloo::console::warn!(why);
    }
    for item in list.iter() {
        let sender = match get(&item, "2").as_f64() {
            Some(1.0) => Sender::Own,
            Some(2.0) => Sender::Parent,
            _ => Sender::Other,
        };
        let origin = get(&item, "1").as_string().unwrap_or_default();
        receive(get(&item, "0"), &origin, sender, origins, on_command);
    }
    list.set_length(0);
}

/// One message: checked (sender, origin, then the command itself) and,
/// if it is a command, obeyed; refused ones are logged.
fn receive(
    data: JsValue,
    origin: &str,
    sender: Sender,
    origins: &[String],
    on_command: &impl Fn(Incoming),
) {
    let trusted = match sender {
        Sender::Own => origins.first().is_some_and(|o| o == origin),
        Sender::Parent => origins.iter().any(|o| o == origin),
        Sender::Other => false,
    };
    if !trusted {
        gloo::console::warn!(format!("[昌吉日报数字报] ignored a message from {origin}"));
        return;
    }
    // A JSON string, or an object as it was posted (read as it is).
    let command = match data.as_string() {
        Some(text) => parse_incoming(&text),
        None => read_command(&Node::from_js(data)),
    };
    match command {
        Ok(Some(command)) => on_command(command),
        Ok(None) => {} // our own message, heard back
        Err(why) => {
            gloo::console::warn!(format!("[昌吉日报数字报] ignored host message: {why}"));
        }
    }
}

/// Origins allowed to frame the e-paper and to command it: our own first,
/// then those of the page's `<meta name="epaper-host-origins">` (deployment
/// configuration, not the URL).
fn allowed_origins() -> Vec<String> {
    let mut origins = vec![gloo::utils::window()
        .location()
        .origin()
        .unwrap_or_default()];
    let meta = gloo::utils::document()
        .query_selector("meta[name=epaper-host-origins]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    for origin in meta.split_ascii_whitespace() {
        if origin.starts_with("https://") {
            origins.push(origin.into());
        }
    }
    origins
}

fn get(target: &JsValue, name: &str) -> JsValue {
    if target.is_undefined() || target.is_null() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(target, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    get(target, name).dyn_into::<Function>().ok()
}

/// A host's bridge object: has `postMessage`, and is not a window (a link
/// with `?bridge=opener` or a named frame must not make a window our "host").
fn has_post_message(target: &JsValue) -> bool {
    method(target, "postMessage").is_some() && !is_window(target)
}

/// Any window, also another site's: `instanceof Window` is false for a
/// cross-origin one, but `w.window === w` holds for every window (that
/// property is readable across origins) and for no host object.
fn is_window(target: &JsValue) -> bool {
    target.is_instance_of::<web_sys::Window>()
        || Reflect::get(target, &"window".into()).is_ok_and(|w| js_sys::Object::is(&w, target))
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    /// A window of another origin: a sandboxed frame without allow-same-origin.
    fn foreign_window() -> JsValue {
        let doc = gloo::utils::document();
        let frame = doc.create_element("iframe").unwrap();
        frame.set_attribute("sandbox", "allow-scripts").unwrap();
        frame.set_attribute("srcdoc", "<p>foreign</p>").unwrap();
        doc.body().unwrap().append_child(&frame).unwrap();
        Reflect::get(&frame, &"contentWindow".into()).unwrap()
    }

    #[wasm_bindgen_test]
    fn a_foreign_window_is_never_a_host() {
        let window: JsValue = gloo::utils::window().into();
        let foreign = foreign_window();
        assert!(
            !foreign.is_instance_of::<web_sys::Window>(),
            "cross-origin: instanceof fails"
        );
        Reflect::set(&window, &"ForeignOpener".into(), &foreign).unwrap();
        assert!(
            method(&foreign, "postMessage").is_some(),
            "it can be posted to"
        );
        assert!(detect_named("ForeignOpener") == Host::None);
        // Our own window under another name is no host either.
        Reflect::set(&window, &"SelfAlias".into(), &window).unwrap();
        assert!(detect_named("SelfAlias") == Host::None);
    }

    #[wasm_bindgen_test]
    fn kept_messages_are_checked_like_live_ones_then_no_more_are_kept() {
        let window: JsValue = gloo::utils::window().into();
        let origins = allowed_origins();
        let own = JsValue::from_str(&origins[0]);
        let open = JsValue::from_str(r#"{"type":"open","page":2}"#);
        let other_origin = JsValue::from_str("https://evil.example");
        let inbox = js_sys::Array::new();
        let item = |data: &JsValue, origin: &JsValue, from: f64| {
            js_sys::Array::of3(data, origin, &JsValue::from_f64(from))
        };
        inbox.push(&item(&open, &own, 1.0)); // a native host: obeyed
        inbox.push(&item(&open, &other_origin, 1.0)); // own window, another origin
        inbox.push(&item(&open, &own, 0.0)); // another window
        inbox.push(&item(&open, &other_origin, 2.0)); // a parent not allowed
        inbox.push(&item(&open, &own, 2.0)); // a parent of our own origin: obeyed
        inbox.push(&item(&JsValue::from_str("{"), &own, 1.0)); // not JSON
        let stop = Function::new_no_args("this.stopped = true");
        Reflect::set(&inbox, &"stop".into(), &stop).unwrap();
        Reflect::set(&window, &"__epaperInbox".into(), &inbox).unwrap();
        let heard = std::cell::RefCell::new(Vec::new());
        drain_inbox(&origins, &|c| heard.borrow_mut().push(c));
        let page_two = Incoming::Open(crate::route::Place {
            date: None,
            page: Some(2),
            article: None,
        });
        let heard = heard.into_inner();
        assert!(heard.len() == 2 && heard.iter().all(|c| *c == page_two));
        assert_eq!(inbox.length(), 0, "read once");
        assert!(
            Reflect::get(&inbox, &"stopped".into()).unwrap().is_truthy(),
            "boot.js stops keeping them"
        );
    }

    #[wasm_bindgen_test]
    fn a_native_bridge_object_is_a_host() {
        let window: JsValue = gloo::utils::window().into();
        let bridge = js_sys::Object::new();
        let post = Function::new_with_args("m", "this.last = m");
        Reflect::set(&bridge, &"postMessage".into(), &post).unwrap();
        Reflect::set(&window, &"TestNativeHost".into(), &bridge).unwrap();
        let host = detect_named("TestNativeHost");
        assert!(matches!(host, Host::Android(_)));
        host.send(&Outgoing::Error {
            message: "x".into(),
        });
        let last = Reflect::get(&bridge, &"last".into())
            .unwrap()
            .as_string()
            .unwrap();
        assert!(last.contains(r#""type":"error""#), "{last}");
    }
}
