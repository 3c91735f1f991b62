//! Talking to a host app: Android `addJavascriptInterface` object, iOS
//! `webkit.messageHandlers`, or the parent page when framed. Without a host,
//! nothing is sent and the app falls back to the web (Web Share, clipboard).

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

pub fn detect() -> Host {
    let name = query_param("bridge")
        .filter(|n| is_bridge_name(n))
        .unwrap_or_else(|| DEFAULT_BRIDGE_NAME.into());
    detect_named(&name)
}

/// The host whose bridge object is called `name`. Only the host transports
/// count: a native object (Android), a native message handler (iOS), or the
/// parent page when framed (messages go to the configured origins only).
fn detect_named(name: &str) -> Host {
    let window: JsValue = gloo::utils::window().into();
    let android = get(&window, name);
    if has_post_message(&android) {
        return Host::Android(android);
    }
    let ios = get(&get(&get(&window, "webkit"), "messageHandlers"), name);
    if has_post_message(&ios) {
        return Host::Ios(ios);
    }
    let w = gloo::utils::window();
    let framed = w
        .parent()
        .ok()
        .flatten()
        .is_some_and(|p| !JsValue::from(p).loose_eq(&JsValue::from(w.clone())));
    if framed {
        return Host::Frame(allowed_origins());
    }
    Host::None
}

impl Host {
    pub fn is_present(&self) -> bool {
        !matches!(self, Host::None)
    }

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

/// Host commands arrive as `message` events: posted by a native host into
/// the page itself (`window.postMessage(json, location.origin)` through
/// evaluateJavascript), or by an allowed parent page. Everything else is
/// ignored and logged.
pub fn listen(on_command: impl Fn(Incoming) + 'static) -> EventListener {
    let window = gloo::utils::window();
    let origins = allowed_origins();
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
                && !from_self
        });
        let origin = event.origin();
        let trusted = (from_self && origins.first() == Some(&origin))
            || (from_parent && origins.contains(&origin));
        if !trusted {
            gloo::console::warn!(format!("[昌吉日报数字报] ignored a message from {origin}"));
            return;
        }
        // A JSON string, or an object as it was posted (read as it is).
        let data = event.data();
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
    })
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
