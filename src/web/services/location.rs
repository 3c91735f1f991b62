//! The address bar: reading the place from the hash, and moving with history
//! entries so that back (browser, Android, a host app's goBack) does the
//! expected thing: close the reader first, then step back through pages.

use crate::edition::is_safe_url;
use crate::route::Place;
use wasm_bindgen::JsValue;

const DEFAULT_INDEX: &str = "editions/index.json";
/// Marks a history entry pushed when an article was opened from a page, so
/// that closing the reader can simply go back to that page.
const OPENED_FROM_PAGE: &str = "opened-from-page";

fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a window")
}

pub fn current_place() -> Place {
    Place::from_hash(&window().location().hash().unwrap_or_default())
}

/// A query parameter of the page's own URL.
pub fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name)
}

/// `?index=` may point at another index on the same site (test editions);
/// never at another site, so a link cannot dress foreign content as ours.
pub fn index_url() -> String {
    other_index().unwrap_or_else(|| DEFAULT_INDEX.to_string())
}

fn other_index() -> Option<String> {
    query_param("index").filter(|u| is_safe_url(u) && !u.starts_with("https://"))
}

/// A new history entry for `place`. Opening an article from a page marks it.
pub fn push(place: &Place, from_page: bool) {
    let marker = if from_page {
        JsValue::from_str(OPENED_FROM_PAGE)
    } else {
        JsValue::NULL
    };
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&marker, "", Some(&place.to_hash()));
    }
}

/// Changes the address without a new history entry.
pub fn replace(place: &Place) {
    let hash = place.to_hash();
    if window().location().hash().ok().as_deref() == Some(hash.as_str()) {
        return;
    }
    if let Ok(history) = window().history() {
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&hash));
    }
}

/// Whether the current entry is an article opened from a page of this app.
pub fn opened_from_page() -> bool {
    window()
        .history()
        .ok()
        .and_then(|h| h.state().ok())
        .and_then(|s| s.as_string())
        .is_some_and(|s| s == OPENED_FROM_PAGE)
}

pub fn back() {
    if let Ok(history) = window().history() {
        let _ = history.back();
    }
}

/// The full link to `place`, for sharing: the public address, without the
/// parameters of an embedding host (`embed`, `bridge`); another index stays.
pub fn link_to(place: &Place) -> String {
    let location = window().location();
    let query = other_index()
        .and_then(|index| {
            let params = web_sys::UrlSearchParams::new().ok()?;
            params.append("index", &index);
            Some(format!("?{}", String::from(params.to_string())))
        })
        .unwrap_or_default();
    format!(
        "{}{}{query}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        place.to_hash()
    )
}
