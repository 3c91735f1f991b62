//! The browser layer: Yew components and services. Everything here only reads
//! `AppState`, sends `Action`s, or talks to the browser. The components also
//! compile natively, where the publish step renders them to static HTML.

mod app;
mod components;
mod edition_ref;
mod effect;
mod hooks;
mod host_bridge;
pub mod lazy;
#[cfg(target_arch = "wasm32")]
pub mod lazy_host;
#[cfg(target_arch = "wasm32")]
pub mod lazy_screens;
mod nav;
// Natively only the views are used (by the publish step); without `app`
// (the second module) not the app's start.
#[cfg_attr(
    any(not(target_arch = "wasm32"), not(feature = "app")),
    allow(dead_code)
)]
mod services;
mod surface;

pub use app::{App, AppProps};
pub use components::calendar::{Calendar, CalendarProps};
pub use components::page_view::{PageView, PageViewProps};
pub use components::reader::{Reader, ReaderProps};
pub use components::search::{Search, SearchProps, SearchStatus, UrlBuilder};
pub use components::status::error_panel;
pub use edition_ref::EditionRef;
pub use nav::Nav;
pub use services::search::{SearchHandle, SearchResults, Searcher};

#[cfg(target_arch = "wasm32")]
#[cfg_attr(not(feature = "app"), allow(dead_code))]
mod take_over;
#[cfg(target_arch = "wasm32")]
pub(crate) use take_over::{is_live, take_over, take_over_when_painted};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn is_live() -> bool {
    true
}
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn take_over() {}
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn take_over_when_painted() {}

pub use components::frame::{Frame, FrameProps};

#[cfg(all(target_arch = "wasm32", feature = "app"))]
use wasm_bindgen::prelude::*;

/// Starts the app. On a published page the static markup stays live (its
/// links work) while the app renders beside it, hidden; see take_over.rs.
// Not in the second module (lazy/), which links this crate without `app`.
#[cfg(all(target_arch = "wasm32", feature = "app"))]
#[wasm_bindgen(start)]
pub fn start() {
    // No panic hook: the release module aborts on a panic without running any
    // Rust (panic = immediate-abort); web/boot.js turns the trap into the
    // recovery screen.
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

/// Talc instead of std's dlmalloc: less code in the module, and it frees
/// and merges freed neighbours as dlmalloc does. Single-threaded wasm only.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
