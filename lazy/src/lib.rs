//! The second WebAssembly module: the search screen and the 往期 calendar
//! (src/web/lazy_screens.rs), mounted in the app's `LazySlot`
//! (src/web/lazy.rs) the first time a reader opens one. Built by
//! scripts/build.sh with its own global, `changji_lazy`.
#![cfg(target_arch = "wasm32")]

use changji_epaper::web::lazy::{CalendarArgs, LazyEvent, SearchArgs};
use changji_epaper::web::lazy_screens::{
    CalendarPanel, CalendarPanelProps, SearchPanel, SearchPanelProps,
};
use wasm_bindgen::prelude::*;
use yew::{AppHandle, Callback, Renderer};

/// A mounted screen: `update` gives it new arguments, `free` unmounts it.
#[wasm_bindgen]
pub struct Mount {
    app: Option<App>,
    emit: Callback<LazyEvent>,
}

enum App {
    Search(AppHandle<SearchPanel>),
    Calendar(AppHandle<CalendarPanel>),
}

/// Mounts `screen` ("search" or "calendar") in `host` with `args` (encoded
/// by the app); `on_event` is called with each `LazyEvent`, encoded.
#[wasm_bindgen]
pub fn mount(
    screen: &str,
    host: web_sys::Element,
    args: &str,
    on_event: js_sys::Function,
) -> Result<Mount, JsError> {
    skip_the_apps_tree_id();
    let emit = Callback::from(move |e: LazyEvent| {
        let _ = on_event.call1(&JsValue::NULL, &JsValue::from_str(&e.encode()));
    });
    let bad = || JsError::new("lazy: bad arguments");
    let app = match screen {
        "search" => App::Search(
            Renderer::<SearchPanel>::with_root_and_props(
                host,
                SearchPanelProps {
                    args: SearchArgs::decode(args).ok_or_else(bad)?,
                    emit: emit.clone(),
                },
            )
            .render(),
        ),
        "calendar" => App::Calendar(
            Renderer::<CalendarPanel>::with_root_and_props(
                host,
                CalendarPanelProps {
                    args: CalendarArgs::decode(args).ok_or_else(bad)?,
                    emit: emit.clone(),
                },
            )
            .render(),
        ),
        _ => return Err(JsError::new("lazy: no such screen")),
    };
    Ok(Mount {
        app: Some(app),
        emit,
    })
}

#[wasm_bindgen]
impl Mount {
    /// New arguments; ignored if unreadable (the screen keeps the last ones).
    pub fn update(&mut self, args: &str) {
        let emit = self.emit.clone();
        match &mut self.app {
            Some(App::Search(app)) => {
                if let Some(args) = SearchArgs::decode(args) {
                    app.update(SearchPanelProps { args, emit });
                }
            }
            Some(App::Calendar(app)) => {
                if let Some(args) = CalendarArgs::decode(args) {
                    app.update(CalendarPanelProps { args, emit });
                }
            }
            None => {}
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        match self.app.take() {
            Some(App::Search(app)) => app.destroy(),
            Some(App::Calendar(app)) => app.destroy(),
            None => {}
        }
    }
}

/// Yew finds the tree an event belongs to by an id stored on the DOM
/// elements, counted from 1 in each module. The app's tree is 1 and holds
/// ours, so ours must not be 1 too, or the app would handle our events as
/// its own: the first id is taken by an empty tree that is never shown.
fn skip_the_apps_tree_id() {
    thread_local!(static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if !DONE.replace(true) {
        let doc = web_sys::window().and_then(|w| w.document());
        if let Some(el) = doc.and_then(|d| d.create_element("div").ok()) {
            Renderer::<Nothing>::with_root(el).render().destroy();
        }
    }
}

#[yew::component]
fn Nothing() -> yew::Html {
    yew::Html::default()
}
