//! The second module, loaded and its reader run once before anyone taps a
//! story. The reader is the second module's (web/lazy.rs): once the page
//! view is first shown the app loads the module, and once the app is what the
//! reader sees it mounts the module's headless `warm` (lazy/src/lib.rs),
//! which reads the edition and then runs the reader here, in the module,
//! then lays out the edition's characters in the reader's faces (glyphs.rs).
//!
//! V8 compiles a module's functions on their first call, and the browser's
//! style and layout of the reader's elements are cold too: traced at 4× CPU
//! slowdown, a first tap compiled ~170 functions (17–19 ms) and spent ~40 ms
//! laying the reader out; with this, ~70 compiles and ~20–30 ms. A reader
//! rendered into a detached element (session 4) compiles code but lays
//! nothing out, so here it is rendered detached (one task), then attached,
//! laid out and detached again within one task (the next), then destroyed
//! (a third): no frame, query, focus or screen reader ever meets it, and it
//! loads nothing. Cost at 4× CPU: three idle tasks of ~10, ~30 and ~5 ms.

use yew::prelude::*;

/// Once per visit, after the page view is first shown.
#[hook]
pub fn use_warm_reader(edition_url: &str) {
    let url = edition_url.to_string();
    crate::web::effect::use_effect_on((), move |_| {
        #[cfg(all(target_arch = "wasm32", feature = "app"))]
        app::start(url);
        #[cfg(not(all(target_arch = "wasm32", feature = "app")))]
        let _ = url;
    });
}

#[cfg(all(target_arch = "wasm32", feature = "app"))]
mod app {
    use crate::web::lazy;
    use crate::web::services::idle::at_idle;
    use std::cell::Cell;
    use yew::Callback;

    thread_local! {
        static STARTED: Cell<bool> = const { Cell::new(false) };
    }

    /// Waiting for the app to take over from the published page (take_over.rs
    /// gives up waiting for its picture after 4 s).
    const RETRY_MS: u32 = 200;
    const TRIES: u32 = 30;

    pub fn start(url: String) {
        if STARTED.with(|s| s.replace(true)) {
            return;
        }
        // The module at once (its bytes are on their way already: web/boot.js
        // asks for them as soon as the first module runs). Started at the
        // app's first idle time, a story tapped as soon as the app had taken
        // over waited ~0.9 s for it on a slow line (benchmark, immediate
        // tap). Its warm-up comes once the app is what the reader sees.
        lazy::load(move |ok| {
            if ok {
                at_idle(move || warm_when_live(url, 0))
            }
        });
        at_idle(rehearse_tap);
    }

    fn warm_when_live(url: String, tries: u32) {
        if !crate::web::take_over::is_live() {
            if tries < TRIES {
                gloo::timers::callback::Timeout::new(RETRY_MS, move || {
                    at_idle(move || warm_when_live(url, tries + 1))
                })
                .forget();
            }
            return;
        }
        // Shows nothing and holds nothing: it stays for the visit.
        std::mem::forget(lazy::mount_headless("warm", &url, Callback::noop()));
    }

    /// A tap's gesture code (src/gesture.rs, pure Rust) run once, so that
    /// the first finger on the page does not wait for its compilation.
    fn rehearse_tap() {
        use std::hint::black_box;
        let mut g = crate::gesture::Gesture::default();
        let (x, t) = (black_box(0.0), black_box(0.0));
        g.down(black_box(-1), x, x, t);
        black_box(g.up(-1, x, x, t + 1.0, 100.0));
    }
}

/// The story rendered: the edition's last one with no picture (nothing to
/// fetch even by mistake). Last, not first: the lead story is the likeliest
/// first tap, and warming its very text would flatter that tap.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn warm_article(edition: &crate::edition::Edition) -> Option<&crate::edition::Article> {
    use crate::edition::Block;
    let plain = |a: &&crate::edition::Article| {
        a.body.iter().any(|b| matches!(b, Block::Paragraph { .. }))
            && !a
                .body
                .iter()
                .any(|b| matches!(b, Block::Figure { image: Some(_), .. }))
    };
    edition.articles.iter().rev().find(plain)
}

/// In the second module: the reader run once with `edition`.
#[cfg(target_arch = "wasm32")]
pub fn warm_in_module(edition: crate::web::EditionRef, url: String) {
    module::start(edition, url);
}

#[cfg(target_arch = "wasm32")]
mod module {
    use crate::web::components::reader::{Reader, ReaderProps};
    use crate::web::hooks::glyphs;
    use crate::web::services::idle::at_idle;
    use crate::web::EditionRef;
    use wasm_bindgen::JsCast;
    use yew::{AppHandle, Callback};

    pub fn start(edition: EditionRef, url: String) {
        at_idle(move || mount(edition, url));
    }

    fn reader_open() -> bool {
        gloo::utils::document()
            .query_selector(".reader")
            .ok()
            .flatten()
            .is_some()
    }

    /// Renders the reader into a detached element: the code runs (its
    /// effects too: the title's focus waits for a frame and finds it
    /// detached; 听新闻 asks for the voices, as any reader opened would).
    fn mount(edition: EditionRef, url: String) {
        // A reader already open has run the code, and its 听新闻 must not be
        // stopped by this one's going.
        if reader_open() {
            return;
        }
        let Some(article) = super::warm_article(&edition) else {
            return glyphs::warm(edition);
        };
        let later = edition.clone();
        let Ok(root) = gloo::utils::document().create_element("div") else {
            return;
        };
        root.set_class_name("reader-warm");
        let _ = root.set_attribute("aria-hidden", "true");
        let _ = root.set_attribute("inert", "");
        let props = ReaderProps {
            article: article.id.clone(),
            edition,
            edition_url: url,
            on_nav: Callback::noop(),
            on_share: Callback::noop(),
            marks: None,
            // Never followed: the warm reader is never shown.
            links: Default::default(),
        };
        let app = yew::Renderer::<Reader>::with_root_and_props(root.clone(), props).render();
        // Yew renders in a microtask of this task; the layout comes at the
        // next idle time, so neither task is long.
        at_idle(move || lay_out(root, app, later));
    }

    /// Attaches, lays out and detaches in one task; the reader goes after.
    fn lay_out(root: web_sys::Element, app: AppHandle<Reader>, edition: EditionRef) {
        let doc = gloo::utils::document();
        let host = doc.query_selector(".workspace").ok().flatten();
        if let (Some(host), true) = (host, root.first_element_child().is_some() && !reader_open()) {
            if host.append_child(&root).is_ok() {
                // Style and layout now, with the reader's classes and width.
                if let Some(el) = root.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = el.offset_height();
                }
                root.remove();
            }
        }
        // Detached now: its going (effects' clean-up) can wait for the next
        // idle time, which keeps this task shorter (~10 ms at 4× CPU).
        at_idle(move || {
            app.destroy();
            glyphs::warm(edition);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::warm_article;

    #[test]
    fn warms_with_the_last_story_without_a_picture() {
        let text = std::fs::read_to_string("editions/2025-05-21/edition.json").unwrap();
        let edition = crate::edition::read_edition(&text).unwrap();
        let chosen = warm_article(&edition).map(|a| a.id.as_str());
        // Not the lead story (the likeliest first tap, and the benchmark's).
        assert_eq!(chosen, Some("rumour-works"));
        let mut photos_only = edition.clone();
        photos_only
            .articles
            .retain(|a| a.id == "zhundong-aluminium-photo");
        assert_eq!(
            warm_article(&photos_only).map(|a| a.id.as_str()),
            None,
            "no text: nothing to warm with"
        );
    }
}
