//! The second WebAssembly module: the article reader and what a reader
//! reaches by a second action (src/web/lazy_screens.rs: search, 往期, a
//! photo full-size, 听新闻, the 字号/夜间 panel, 下载本期), mounted in the
//! app's `LazySlot`
//! (src/web/lazy.rs), and the host app's side (src/web/lazy_host.rs),
//! mounted headless. Built by scripts/build.sh with its own global,
//! `changji_lazy`.
#![cfg(target_arch = "wasm32")]

use changji_epaper::web::lazy::{Args, LazyEvent};
use changji_epaper::web::lazy_host::HostSide;
use changji_epaper::web::lazy_screens::{
    self, CalendarPanel, DownloadPanel, ListenPanel, PanelProps, PhotoPanel, ReaderPanel,
    SearchPanel, SettingsPanel,
};
use wasm_bindgen::prelude::*;
use yew::{AppHandle, BaseComponent, Callback, Renderer};

/// A mounted screen: `update` gives it new arguments, `free` unmounts it.
#[wasm_bindgen]
pub struct Mount {
    screen: Option<Box<dyn Screen>>,
}

trait Screen {
    /// New arguments; ignored if unreadable (the screen keeps the last ones).
    fn update(&mut self, args: &str);
    fn destroy(self: Box<Self>);
}

struct Panel<C: BaseComponent> {
    app: AppHandle<C>,
    emit: Callback<LazyEvent>,
}

impl<C, A> Screen for Panel<C>
where
    C: BaseComponent<Properties = PanelProps<A>>,
    A: Args,
{
    fn update(&mut self, args: &str) {
        if let Some(args) = A::decode(args) {
            let emit = self.emit.clone();
            self.app.update(PanelProps { args, emit });
        }
    }

    fn destroy(self: Box<Self>) {
        self.app.destroy();
    }
}

fn panel<C, A>(
    host: web_sys::Element,
    args: &str,
    emit: Callback<LazyEvent>,
) -> Result<Box<dyn Screen>, JsError>
where
    C: BaseComponent<Properties = PanelProps<A>>,
    A: Args,
{
    let args = A::decode(args).ok_or_else(|| JsError::new("lazy: bad arguments"))?;
    let props = PanelProps {
        args,
        emit: emit.clone(),
    };
    let app = Renderer::<C>::with_root_and_props(host, props).render();
    Ok(Box::new(Panel { app, emit }))
}

/// A part that shows nothing and keeps nothing of its own.
struct Headless;

impl Screen for Headless {
    fn update(&mut self, _: &str) {}
    fn destroy(self: Box<Self>) {}
}

impl Screen for HostSide {
    fn update(&mut self, args: &str) {
        HostSide::update(self, args);
    }
    fn destroy(self: Box<Self>) {}
}

/// Mounts `screen` (`Screen::name` in src/web/lazy.rs) in `host` with
/// `args` (encoded by the app); `on_event` is called with each
/// `LazyEvent`, encoded.
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
    let screen = match screen {
        "reader" => panel::<ReaderPanel, _>(host, args, emit),
        "search" => panel::<SearchPanel, _>(host, args, emit),
        "calendar" => panel::<CalendarPanel, _>(host, args, emit),
        "photo" => panel::<PhotoPanel, _>(host, args, emit),
        "listen" => panel::<ListenPanel, _>(host, args, emit),
        "settings" => panel::<SettingsPanel, _>(host, args, emit),
        "download" => panel::<DownloadPanel, _>(host, args, emit),
        // Headless: the host app's side of the app (src/web/lazy_host.rs).
        "host" => Ok(Box::new(HostSide::new(args, emit)) as Box<dyn Screen>),
        // Headless: the edition read and the reader run once (args: the
        // edition's URL; src/web/hooks/warm.rs).
        "warm" => {
            lazy_screens::warm(args);
            Ok(Box::new(Headless) as Box<dyn Screen>)
        }
        _ => Err(JsError::new("lazy: no such screen")),
    }?;
    Ok(Mount {
        screen: Some(screen),
    })
}

#[wasm_bindgen]
impl Mount {
    pub fn update(&mut self, args: &str) {
        if let Some(screen) = &mut self.screen {
            screen.update(args);
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        if let Some(screen) = self.screen.take() {
            screen.destroy();
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
