//! Fetching editions: with a time limit, a size cap counted on the wire, and
//! cancellation so that a stale request never lands on a newer page.

use crate::edition::{read_edition_bytes, Edition, Problem, MAX_EDITION_BYTES};
use crate::error::LoadError;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use js_sys::{Reflect, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, SecurityPolicyViolationEvent};

const TIME_LIMIT_MS: u32 = 20_000;

/// An in-flight request; dropping it (or `cancel`) aborts the download.
pub struct Fetch {
    controller: Option<AbortController>,
}

impl Fetch {
    fn cancel(&self) {
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}

impl Drop for Fetch {
    fn drop(&mut self) {
        self.cancel();
    }
}

pub fn load_edition(url: String, done: impl FnOnce(Result<Edition, LoadError>) + 'static) -> Fetch {
    let done = Box::new(move |url: String, result: Result<Vec<u8>, LoadError>| {
        done(result.and_then(|bytes| {
            let edition = read_edition_bytes(&bytes);
            let edition = edition.map_err(|problems| LoadError::Invalid {
                url: url.clone(),
                problems,
            })?;
            hand_over(&url, &bytes);
            Ok(edition)
        }))
    });
    start_bytes(url, MAX_EDITION_BYTES, done)
}

/// Where the edition file read last waits for the second module's reader
/// (web/lazy_screens.rs): the very file the app shows, not read again (the
/// network, the HTTP cache or the worker could give another version).
const HANDED_OVER: &str = "__epaperEdition";

fn hand_over(url: &str, bytes: &[u8]) {
    let kept = js_sys::Array::of2(&url.into(), &Uint8Array::from(bytes));
    let _ = Reflect::set(&gloo::utils::window(), &HANDED_OVER.into(), &kept);
}

/// The bytes of the edition file at `url`, if it is the one read last.
#[cfg_attr(feature = "app", allow(dead_code))]
pub fn handed_over(url: &str) -> Option<Vec<u8>> {
    let kept = Reflect::get(&gloo::utils::window(), &HANDED_OVER.into()).ok()?;
    let kept = kept.dyn_into::<js_sys::Array>().ok()?;
    (kept.get(0).as_string()? == url).then_some(())?;
    Some(kept.get(1).dyn_into::<Uint8Array>().ok()?.to_vec())
}

/// Starts a download read by `read`; `done` is not called when the request
/// was cancelled. (The index is loaded with its archive fields by
/// `services::search::load_index`.) Generic only in this thin layer: the
/// download itself is one function for every kind of file.
pub(crate) fn start<T: 'static>(
    url: String,
    limit: usize,
    read: fn(&[u8]) -> Result<T, Vec<Problem>>,
    done: impl FnOnce(Result<T, LoadError>) + 'static,
) -> Fetch {
    let done = Box::new(move |url: String, result: Result<Vec<u8>, LoadError>| {
        done(result.and_then(|bytes| {
            read(&bytes).map_err(|problems| LoadError::Invalid { url, problems })
        }))
    });
    start_bytes(url, limit, done)
}

type Done = Box<dyn FnOnce(String, Result<Vec<u8>, LoadError>)>;

fn start_bytes(url: String, limit: usize, done: Done) -> Fetch {
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let timed_out = Rc::new(Cell::new(false));
    let timer = controller.clone().map(|c| {
        let flag = timed_out.clone();
        Timeout::new(TIME_LIMIT_MS, move || {
            flag.set(true);
            c.abort();
        })
    });
    let cancelled = signal.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = fetch_bytes(&url, signal.as_ref(), limit).await;
        drop(timer);
        if cancelled.as_ref().is_some_and(|s| s.aborted()) && !timed_out.get() {
            return;
        }
        let result = match result {
            Err(_) if timed_out.get() => Err(LoadError::Timeout),
            other => other,
        };
        done(url, result);
    });
    Fetch { controller }
}

pub(crate) async fn fetch_bytes(
    url: &str,
    signal: Option<&web_sys::AbortSignal>,
    limit: usize,
) -> Result<Vec<u8>, LoadError> {
    let blocked = BlockWatch::start();
    let response = match send(url, signal).await {
        Ok(response) => response,
        Err(e) => {
            // A request the page's CSP forbids fails like a network error;
            // the violation event (queued before the failure) tells them apart.
            return Err(if blocked.saw(url).await {
                LoadError::Blocked {
                    url: url.to_string(),
                }
            } else {
                LoadError::Network(js_message(&e))
            });
        }
    };
    let status = response.status();
    if !(200..300).contains(&status) {
        return Err(LoadError::Http {
            status,
            url: url.to_string(),
        });
    }
    let too_big = |size: usize| LoadError::Invalid {
        url: url.to_string(),
        problems: vec![Problem::new(
            "limit",
            "$".into(),
            format!("文件有 {size} 字节以上，超过上限 {limit} 字节"),
        )],
    };
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<usize>().ok());
    if let Some(size) = declared.filter(|n| *n > limit) {
        // Refused before the body is read (dropping the response lets it go).
        return Err(too_big(size));
    }
    read_body(&response, limit).await.map_err(|e| match e {
        Body::TooBig(size) => too_big(size),
        Body::Failed(why) => LoadError::Network(why),
    })
}

/// GET `url` with the browser's own `fetch` (gloo-net's wrapper and its
/// error types cost the module more than these lines).
pub(crate) async fn send(
    url: &str,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<web_sys::Response, JsValue> {
    let init = web_sys::RequestInit::new();
    init.set_signal(signal);
    let response =
        JsFuture::from(gloo::utils::window().fetch_with_str_and_init(url, &init)).await?;
    Ok(response.unchecked_into())
}

/// An error's own text (Debug formatting is compiled out of release builds).
pub(crate) fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "failed".into())
}

/// Why a body could not be read.
#[derive(Debug, PartialEq)]
enum Body {
    /// More than the cap arrived (at least this many bytes); the download was stopped.
    TooBig(usize),
    Failed(String),
}

/// Reads a body chunk by chunk and stops at the cap: a compressed response has
/// no Content-Length, and a 200 MB edition must not be downloaded whole to be
/// refused. Engines without streams (no `response.body`) read the whole
/// body, bounded then only by Content-Length where the server sends it.
async fn read_body(response: &web_sys::Response, limit: usize) -> Result<Vec<u8>, Body> {
    let failed = |e: JsValue| Body::Failed(js_message(&e));
    // `getReader()` without a mode always gives a default reader; older engines
    // (Chrome 69) do not expose its class, so no `instanceof` check here: it
    // would fail after the stream is already locked.
    let Some(reader) = response.body().map(|stream| {
        stream
            .get_reader()
            .unchecked_into::<ReadableStreamDefaultReader>()
    }) else {
        let buffer = JsFuture::from(response.array_buffer().map_err(failed)?)
            .await
            .map_err(failed)?;
        let bytes = Uint8Array::new(&buffer).to_vec();
        return if bytes.len() > limit {
            Err(Body::TooBig(bytes.len()))
        } else {
            Ok(bytes)
        };
    };
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
        let done = Reflect::get(&chunk, &"done".into()).map_err(failed)?;
        if done.as_bool().unwrap_or(true) {
            return Ok(bytes);
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(failed)?
            .dyn_into()
            .map_err(failed)?;
        let size = bytes.len() + value.length() as usize;
        if size > limit {
            // Stops the download; the promise's outcome does not matter.
            let _ = reader.cancel();
            return Err(Body::TooBig(size));
        }
        let start = bytes.len();
        bytes.resize(size, 0);
        value.copy_to(&mut bytes[start..]);
    }
}

/// Watches for the CSP refusing a request while one is in flight.
struct BlockWatch {
    blocked: Rc<RefCell<Vec<String>>>,
    _listener: EventListener,
}

impl BlockWatch {
    fn start() -> Self {
        let blocked = Rc::new(RefCell::new(Vec::new()));
        let seen = blocked.clone();
        let listener = EventListener::new(
            &gloo::utils::document(),
            "securitypolicyviolation",
            move |event| {
                if let Some(v) = event.dyn_ref::<SecurityPolicyViolationEvent>() {
                    if v.effective_directive().starts_with("connect-src") {
                        seen.borrow_mut().push(v.blocked_uri());
                    }
                }
            },
        );
        BlockWatch {
            blocked,
            _listener: listener,
        }
    }

    /// Whether a request to `url` was blocked: checked a task later, so that
    /// the event has certainly been dispatched.
    async fn saw(&self, url: &str) -> bool {
        next_task().await;
        let absolute = web_sys::Url::new_with_base(
            url,
            &gloo::utils::window().location().href().unwrap_or_default(),
        )
        .map(|u| u.href())
        .unwrap_or_else(|_| url.to_string());
        // The event may name the whole URL or, cross-origin, only its origin.
        self.blocked
            .borrow()
            .iter()
            .any(|b| !b.is_empty() && absolute.starts_with(b.as_str()))
    }
}

async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(promise).await;
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// A response whose body never ends, in chunks of 64 KiB.
    fn endless() -> web_sys::Response {
        let make = js_sys::Function::new_no_args(
            "let sent = 0; return new Response(new ReadableStream({ pull(c) { sent += 1; \
             c.enqueue(new Uint8Array(65536)); if (sent > 100000) c.close(); } }));",
        );
        make.call0(&JsValue::NULL).unwrap().unchecked_into()
    }

    #[wasm_bindgen_test]
    async fn an_endless_body_is_stopped_at_the_cap() {
        let limit = 5 * 1024 * 1024;
        let got = read_body(&endless(), limit).await;
        match got {
            Err(Body::TooBig(n)) => assert!(n > limit && n <= limit + 65536, "{n}"),
            other => panic!("{other:?}"),
        }
    }

    #[wasm_bindgen_test]
    async fn a_body_at_the_cap_is_read_and_one_byte_more_is_not() {
        let body = |n: usize| {
            let bytes = Uint8Array::from(vec![b' '; n].as_slice());
            web_sys::Response::new_with_opt_buffer_source(Some(&bytes)).unwrap()
        };
        assert_eq!(
            read_body(&body(1000), 1000).await.map(|b| b.len()),
            Ok(1000)
        );
        assert_eq!(read_body(&body(1001), 1000).await, Err(Body::TooBig(1001)));
    }

    /// Old engines (no `response.body`) read the whole body and check after.
    #[wasm_bindgen_test]
    async fn without_streams_the_whole_body_is_read_and_checked() {
        let response = web_sys::Response::new_with_opt_str(Some(&"x".repeat(2000))).unwrap();
        // Hide the stream as an engine without it would.
        Reflect::define_property(
            &response,
            &"body".into(),
            &js_sys::JSON::parse(r#"{"value": null}"#)
                .unwrap()
                .unchecked_into(),
        )
        .unwrap();
        assert!(response.body().is_none());
        assert_eq!(read_body(&response, 1000).await, Err(Body::TooBig(2000)));
        let response = web_sys::Response::new_with_opt_str(Some("{}")).unwrap();
        assert_eq!(read_body(&response, 1000).await, Ok(b"{}".to_vec()));
    }
}
