//! Fetching editions: with a time limit, a size cap, and cancellation so that
//! a stale request never lands on a newer page.

use crate::edition::{
    read_edition, read_index, Edition, EditionIndex, Problem, MAX_EDITION_BYTES, MAX_INDEX_BYTES,
};
use crate::error::LoadError;
use gloo::net::http::Request;
use gloo::timers::callback::Timeout;
use std::cell::Cell;
use std::rc::Rc;
use web_sys::AbortController;

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

/// Loads the index; `done` is not called when the request was cancelled.
pub fn load_index(
    url: String,
    done: impl FnOnce(Result<EditionIndex, LoadError>) + 'static,
) -> Fetch {
    start(url, MAX_INDEX_BYTES, read_index, done)
}

pub fn load_edition(url: String, done: impl FnOnce(Result<Edition, LoadError>) + 'static) -> Fetch {
    start(url, MAX_EDITION_BYTES, read_edition, done)
}

fn start<T: 'static>(
    url: String,
    limit: usize,
    read: fn(&str) -> Result<T, Vec<Problem>>,
    done: impl FnOnce(Result<T, LoadError>) + 'static,
) -> Fetch {
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
        let result = fetch_text(&url, signal.as_ref(), limit).await;
        drop(timer);
        if cancelled.as_ref().is_some_and(|s| s.aborted()) && !timed_out.get() {
            return;
        }
        let result = match result {
            Err(_) if timed_out.get() => Err(LoadError::Timeout),
            Err(e) => Err(e),
            Ok(text) => read(&text).map_err(|problems| LoadError::Invalid {
                url: url.clone(),
                problems,
            }),
        };
        done(result);
    });
    Fetch { controller }
}

async fn fetch_text(
    url: &str,
    signal: Option<&web_sys::AbortSignal>,
    limit: usize,
) -> Result<String, LoadError> {
    let response = Request::get(url)
        .abort_signal(signal)
        .send()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    let status = response.status();
    if !(200..300).contains(&status) {
        return Err(LoadError::Http {
            status,
            url: url.to_string(),
        });
    }
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|v| v.parse::<usize>().ok());
    if let Some(size) = declared.filter(|n| *n > limit) {
        // Refused before the body is read (dropping the response lets it go).
        let problem = Problem::new(
            "limit",
            "$".into(),
            format!("文件有 {size} 字节，超过上限 {limit} 字节"),
        );
        return Err(LoadError::Invalid {
            url: url.to_string(),
            problems: vec![problem],
        });
    }
    response
        .text()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))
}
