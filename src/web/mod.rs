//! The browser layer: Yew components and services. Everything here only reads
//! `AppState`, sends `Action`s, or talks to the browser. The components also
//! compile natively, where the publish step renders them to static HTML.

mod app;
mod components;
mod host_bridge;
mod nav;
// Natively only the views are used (by the publish step).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod services;
mod surface;

pub use app::{App, AppProps};
pub use components::calendar::{Calendar, CalendarProps};
pub use components::page_view::{PageView, PageViewProps};
pub use components::reader::{Reader, ReaderProps};
pub use components::search::{Search, SearchProps, SearchStatus, UrlBuilder};
pub use components::status::{ErrorPanel, ErrorPanelProps};
pub use nav::Nav;
pub use services::search::{SearchHandle, SearchResults, Searcher};

#[cfg(target_arch = "wasm32")]
mod take_over;
#[cfg(target_arch = "wasm32")]
pub(crate) use take_over::{take_over, take_over_when_painted};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn take_over() {}
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn take_over_when_painted() {}

pub use components::frame::{Frame, FrameProps};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Starts the app. On a published page the static markup stays live (its
/// links work) while the app renders beside it, hidden; see take_over.rs.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(show_panic));
    let boot = services::location::boot(services::host::embed_mode());
    if let Some(root) = take_over::mount_point() {
        yew::Renderer::<App>::with_root_and_props(
            root,
            app::AppProps {
                boot: std::rc::Rc::new(boot),
            },
        )
        .render();
    }
}

/// A panic aborts the module, so the recovery screen is plain DOM with a
/// reload link back to the same place: it needs no more wasm to work.
#[cfg(target_arch = "wasm32")]
fn show_panic(info: &std::panic::PanicHookInfo) {
    web_sys::console::error_1(&format!("e-paper panic: {info}").into());
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    take_over::take_over();
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
