//! The address bar: reading the place from the path, and moving with history
//! entries so that back (browser, Android, a host app's goBack) does the
//! expected thing: close the reader first, then step back through pages.

use crate::edition::{is_safe_url, resolve_url};
use crate::route::{is_search_path, Links, Place};
use crate::state::Boot;
use std::rc::Rc;
use wasm_bindgen::JsValue;

const DEFAULT_INDEX: &str = "editions/index.json";
/// Marks a history entry pushed when an article was opened from a page, so
/// that closing the reader can simply go back to that page.
const OPENED_FROM_PAGE: &str = "opened-from-page";

fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a window")
}

fn pathname() -> String {
    window().location().pathname().unwrap_or_default()
}

/// The site's base path, written by the publish step on `<html data-base>`.
pub fn base() -> String {
    gloo::utils::document()
        .document_element()
        .and_then(|html| html.get_attribute("data-base"))
        .filter(|b| b.starts_with('/') && b.ends_with('/') && !b.starts_with("//"))
        .unwrap_or_else(|| "/".into())
}

pub fn current_place(base: &str) -> Place {
    Place::from_path(&pathname(), base)
}

/// Everything the app starts from, read off the address. An old hash link
/// (`/#/2025-05-21/1/id`) names the place; the app then writes its path.
pub fn boot(embed: bool) -> Boot {
    let base = base();
    let hash = window().location().hash().unwrap_or_default();
    let search = current_search(&base);
    let (place, unknown) = if hash.starts_with("#/") {
        (Place::from_hash(&hash), false)
    } else {
        let path = pathname();
        (
            Place::from_path(&path, &base),
            search.is_none() && !Place::is_place_path(&path, &base),
        )
    };
    let index = other_index().unwrap_or_else(|| DEFAULT_INDEX.to_string());
    Boot {
        index_url: resolve_url(&base, &index),
        place,
        links: Rc::new(links(base)),
        embed,
        notice: unknown.then(|| "没有找到这个网址对应的版面，已为您打开最新一期。".to_string()),
        search,
        edition: None,
    }
}

/// The query when the address is the search screen's (`{base}search/?q=…`).
pub fn current_search(base: &str) -> Option<String> {
    is_search_path(&pathname(), base).then(|| query_param(SEARCH_PARAM).unwrap_or_default())
}

/// The search screen's query parameter: dropped from every other address.
const SEARCH_PARAM: &str = "q";

/// The page's own query without `q`: what every address keeps (a host's
/// `embed` and `bridge`, the test switch `index`), `?…` or empty.
fn kept_search() -> String {
    let search = window().location().search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return search;
    };
    if params.get(SEARCH_PARAM).is_none() {
        return search;
    }
    params.delete(SEARCH_PARAM);
    let rest = String::from(params.to_string());
    if rest.is_empty() {
        rest
    } else {
        format!("?{rest}")
    }
}

/// A new history entry for the search screen with `query`.
pub fn push_search(base: &str, query: &str) {
    let rest = kept_search();
    let sep = if rest.is_empty() { '?' } else { '&' };
    let url = format!(
        "{base}{}{rest}{sep}{SEARCH_PARAM}={}",
        crate::route::SEARCH_PATH,
        crate::route::percent_encode(query)
    );
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// A query parameter of the page's own URL.
pub fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name)
}

/// `?index=` may point at another index on the same site (test editions);
/// never at another site, so a link cannot dress foreign content as ours.
fn other_index() -> Option<String> {
    query_param("index").filter(|u| is_safe_url(u) && !u.starts_with("https://"))
}

/// Links under `base` that keep the test switch `?index=` (and nothing of a host's).
fn links(base: String) -> Links {
    let query = other_index()
        .and_then(|index| {
            let params = web_sys::UrlSearchParams::new().ok()?;
            params.append("index", &index);
            Some(format!("?{}", String::from(params.to_string())))
        })
        .unwrap_or_default();
    Links { base, query }
}

/// The address for `place` in this window: its path, and the page's own
/// query kept whole (a host's `embed` and `bridge` must survive a reload).
fn address(base: &str, place: &Place) -> String {
    format!("{}{}", place.to_path(base), kept_search())
}

/// A new history entry for `place`. Opening an article from a page marks it.
pub fn push(base: &str, place: &Place, from_page: bool) {
    let marker = if from_page {
        JsValue::from_str(OPENED_FROM_PAGE)
    } else {
        JsValue::NULL
    };
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&marker, "", Some(&address(base, place)));
    }
}

/// Changes the address without a new history entry (and drops an old hash).
pub fn replace(base: &str, place: &Place) {
    let location = window().location();
    let wanted = address(base, place);
    let now = format!(
        "{}{}{}",
        pathname(),
        location.search().unwrap_or_default(),
        location.hash().unwrap_or_default()
    );
    if now == wanted {
        return;
    }
    if let Ok(history) = window().history() {
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&wanted));
    }
}

/// The current entry no longer counts as opened from a page: closing the
/// reader then shows the article's own page instead of going back.
pub fn unmark() {
    if let Ok(history) = window().history() {
        let _ = history.replace_state(&JsValue::NULL, "");
    }
}

/// Puts `place`'s page under the current entry (the article at `place`),
/// which becomes an article opened from that page. Only on an entry this app
/// has not marked yet: a reload must not stack pages.
pub fn put_page_under(base: &str, place: &Place) {
    let Ok(history) = window().history() else {
        return;
    };
    if !history
        .state()
        .is_ok_and(|s| s.is_null() || s.is_undefined())
    {
        return;
    }
    let page = Place {
        article: None,
        ..place.clone()
    };
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&address(base, &page)));
    let _ = history.push_state_with_url(
        &JsValue::from_str(OPENED_FROM_PAGE),
        "",
        Some(&address(base, place)),
    );
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
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{}", links(base()).to(place))
}
