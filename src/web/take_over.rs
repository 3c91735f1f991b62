//! From the published page to the live app without a visible change.
//!
//! A published page arrives with its own markup (`#app[data-published]`): the
//! picture, the hot zones as links, the article. The app renders into a
//! hidden twin beside it and, once its page is fitted and its picture decoded,
//! the twin replaces the static markup in one task. Until then a tap on the
//! static markup is an ordinary link, so no tap made early is lost.

use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::Element;

thread_local! {
    /// The hidden twin until it has taken over.
    static TWIN: RefCell<Option<Element>> = const { RefCell::new(None) };
}

/// How long the twin waits for its picture before taking over anyway.
const PATIENCE_MS: u32 = 4000;
const POLL_MS: u32 = 40;

/// Where to render: `#app` itself (cleared) on a page without static markup
/// (404.html), else a hidden twin of it.
pub fn mount_point() -> Option<Element> {
    let doc = gloo::utils::document();
    let root = doc.get_element_by_id("app")?;
    if !root.has_attribute("data-published") {
        root.set_text_content(None);
        return Some(root);
    }
    let twin = doc.create_element("div").ok()?;
    twin.set_class_name("app-twin");
    let _ = twin.set_attribute("aria-hidden", "true");
    root.parent_node()?.append_child(&twin).ok()?;
    TWIN.with(|t| *t.borrow_mut() = Some(twin.clone()));
    Some(twin)
}

/// Whether the app is what the reader sees (no hidden twin waiting): until
/// then its document-wide listeners (keys) must leave the page alone.
pub fn is_live() -> bool {
    TWIN.with(|t| t.borrow().is_none())
}

/// Replaces the static markup with the app's twin now (idempotent).
pub fn take_over() {
    let Some(twin) = TWIN.with(|t| t.borrow_mut().take()) else {
        return;
    };
    let doc = gloo::utils::document();
    if let Some(root) = doc.get_element_by_id("app") {
        keep_scroll(&root, &twin);
        root.remove();
    }
    twin.set_id("app");
    twin.remove_attribute("class").ok();
    twin.remove_attribute("aria-hidden").ok();
}

/// A reader who scrolled the published article (or the list) while the app
/// loaded keeps the place: the twin's panes take the same scroll positions.
/// (Focus is left where the reader put it: a page load does not move it.)
fn keep_scroll(from: &Element, to: &Element) {
    for pane in [".reader", ".side", ".page-strip"] {
        let (Some(a), Some(b)) = (
            from.query_selector(pane).ok().flatten(),
            to.query_selector(pane).ok().flatten(),
        ) else {
            continue;
        };
        b.set_scroll_top(a.scroll_top());
    }
}

/// Takes over once the twin's page is fitted and its picture is decoded (or
/// failed, or there is none), polling briefly; never later than PATIENCE_MS.
pub fn take_over_when_painted() {
    let twin = TWIN.with(|t| t.borrow().clone());
    let Some(twin) = twin else { return };
    poll(twin, 0);
}

fn poll(twin: Element, waited: u32) {
    if waited >= PATIENCE_MS {
        take_over();
        return;
    }
    if painted(&twin) {
        // One frame with the twin laid out as it will be shown: the browser
        // then sees no box move when it appears (no layout shift).
        let frame = gloo::render::request_animation_frame(|_| {
            gloo::timers::callback::Timeout::new(0, take_over).forget();
        });
        std::mem::forget(frame); // once per page load
        return;
    }
    gloo::timers::callback::Timeout::new(POLL_MS, move || poll(twin, waited + POLL_MS)).forget();
}

fn painted(twin: &Element) -> bool {
    // Fitted: the surface has sized and placed the page box (see surface.rs).
    let fitted = twin
        .query_selector(".page:not(.unsized)")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("style"))
        .is_some_and(|style| style.contains("scale"));
    let picture = twin
        .query_selector("img.page-image")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlImageElement>().ok());
    let decoded = picture.is_none_or(|img| img.complete());
    let broken = twin
        .query_selector(".page-missing")
        .ok()
        .flatten()
        .is_some();
    // An article's address: its text comes with the second module, and
    // the published text stays until it has.
    let reader_coming = twin
        .query_selector(".reader.lazy-wait")
        .ok()
        .flatten()
        .is_some();
    !reader_coming && (broken || (fitted && decoded))
}
