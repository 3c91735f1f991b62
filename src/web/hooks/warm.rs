//! The reader's code, run once before anyone taps a story. The module's
//! functions are compiled on their first call (V8 compiles WebAssembly
//! lazily): traced at 4× CPU slowdown, the first tap compiled some 200 of
//! them, 30–40 ms before the article could be shown. A reader mounted once
//! into a detached element (no layout, no paint, no network: no pictures
//! load outside the document) compiles them while the page is being looked at.

use crate::web::EditionRef;

/// Once per visit, shortly after the page view is first shown.
pub fn warm_reader(edition: &EditionRef, edition_url: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use std::cell::Cell;
        thread_local! {
            static DONE: Cell<bool> = const { Cell::new(false) };
        }
        if DONE.with(|d| d.replace(true)) {
            return;
        }
        let (edition, edition_url) = (edition.clone(), edition_url.to_string());
        // After the task that rendered the page, so its frame comes first.
        gloo::timers::callback::Timeout::new(WARM_AFTER_MS, move || {
            mount_detached(&edition, edition_url)
        })
        .forget();
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (edition, edition_url);
}

#[cfg(target_arch = "wasm32")]
const WARM_AFTER_MS: u32 = 50;

#[cfg(target_arch = "wasm32")]
fn mount_detached(edition: &EditionRef, edition_url: String) {
    use crate::edition::Block;
    use crate::web::components::reader::{Reader, ReaderProps};
    use std::rc::Rc;
    use yew::Callback;
    // A story with no picture, if there is one: nothing to fetch even by mistake.
    let plain = |a: &&crate::edition::Article| {
        !a.body
            .iter()
            .any(|b| matches!(b, Block::Figure { image: Some(_), .. }))
    };
    let Some(article) = edition.articles.iter().find(plain) else {
        return;
    };
    let Ok(root) = gloo::utils::document().create_element("div") else {
        return;
    };
    let props = ReaderProps {
        edition: edition.clone(),
        edition_url,
        article: Rc::new(article.clone()),
        on_nav: Callback::noop(),
        on_share: Callback::noop(),
        marks: None,
    };
    let app = yew::Renderer::<Reader>::with_root_and_props(root, props).render();
    // Rendered (and its effects run) by the time this task comes.
    gloo::timers::callback::Timeout::new(0, move || app.destroy()).forget();
}
