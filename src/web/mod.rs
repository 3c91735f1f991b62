//! The browser layer: Yew components and services. Everything here only reads
//! `AppState`, sends `Action`s, or talks to the browser.

mod app;
mod components;
mod host_bridge;
mod nav;
mod services;
mod surface;

pub use app::App;
pub use components::calendar::{Calendar, CalendarProps};
pub use components::page_view::{PageView, PageViewProps};
pub use components::reader::{Reader, ReaderProps};
pub use components::search::{Search, SearchProps, SearchStatus, UrlBuilder};
pub use components::status::{ErrorPanel, ErrorPanelProps};
pub use nav::Nav;
pub use services::search::{SearchHandle, SearchResults, Searcher};

use wasm_bindgen::prelude::*;

/// Mounts the app into `#app`, replacing the static skeleton of index.html in
/// the same task so that no blank frame is painted.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(show_panic));
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    else {
        return; // not the app page (e.g. a test runner)
    };
    root.set_text_content(None);
    yew::Renderer::<App>::with_root(root).render();
}

/// A panic aborts the module, so the recovery screen is plain DOM with a
/// reload link back to the same place: it needs no more wasm to work.
fn show_panic(info: &std::panic::PanicHookInfo) {
    web_sys::console::error_1(&format!("e-paper panic: {info}").into());
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = doc.get_element_by_id("app") else {
        return;
    };
    let build = || -> Result<(), JsValue> {
        let panel = doc.create_element("div")?;
        panel.set_class_name("error-panel crashed");
        panel.set_attribute("role", "alert")?;
        let title = doc.create_element("h2")?;
        title.set_text_content(Some("数字报出了点问题"));
        let text = doc.create_element("p")?;
        text.set_text_content(Some(
            "很抱歉，页面遇到意外错误。重新加载即可回到刚才阅读的位置。",
        ));
        let reload = doc.create_element("a")?;
        reload.set_class_name("button primary");
        reload.set_attribute("href", &web_sys::window().unwrap().location().href()?)?;
        reload.set_text_content(Some("重新加载"));
        panel.append_child(&title)?;
        panel.append_child(&text)?;
        panel.append_child(&reload)?;
        root.set_text_content(None);
        root.append_child(&panel)?;
        Ok(())
    };
    let _ = build();
}
