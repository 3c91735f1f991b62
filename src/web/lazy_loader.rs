//! Fetching and starting the second module: its glue (a classic script that
//! defines the global `changji_lazy`), then its wasm; once per visit,
//! again after a failure.

#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub use browser::*;
#[cfg(not(all(target_arch = "wasm32", feature = "app")))]
pub use native::*;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
mod browser {
    use crate::web::lazy::LazyEvent;
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use yew::{Callback, NodeRef};

    #[wasm_bindgen]
    extern "C" {
        /// The module's init function (wasm-bindgen `--no-modules-global`).
        #[wasm_bindgen(catch, js_name = changji_lazy)]
        fn init(options: &JsValue) -> Result<js_sys::Promise, JsValue>;
        /// A screen of the module, mounted (lazy/src/lib.rs).
        pub type Mount;
        #[wasm_bindgen(catch, js_namespace = changji_lazy, js_name = mount)]
        fn mount_screen(
            screen: &str,
            host: &web_sys::Element,
            args: &str,
            on_event: &js_sys::Function,
        ) -> Result<Mount, JsValue>;
        #[wasm_bindgen(method)]
        fn update(this: &Mount, args: &str);
        #[wasm_bindgen(method)]
        fn free(this: &Mount);
    }

    enum Load {
        Idle,
        Loading(Vec<Box<dyn FnOnce(bool)>>),
        Done,
        /// The last attempt failed at this time (ms, `Date.now()`).
        Failed(f64),
    }

    /// How long after a failure a pointer or the idle time do not try
    /// again (a slot's 重试 always does).
    const QUIET_MS: f64 = 5000.0;

    thread_local! {
        static LOAD: RefCell<Load> = const { RefCell::new(Load::Idle) };
        /// The glue has run: `changji_lazy` is defined.
        static GLUE: Cell<bool> = const { Cell::new(false) };
    }

    pub fn is_loaded() -> bool {
        LOAD.with(|l| matches!(*l.borrow(), Load::Done))
    }

    /// Starts loading unless it is loading, loaded, or failed a moment ago.
    pub fn preload() {
        let wait = LOAD.with(|l| match *l.borrow() {
            Load::Idle => false,
            Load::Failed(at) => js_sys::Date::now() - at < QUIET_MS,
            _ => true,
        });
        if !wait {
            load(|_| {});
        }
    }

    /// `preload` after the next frame is painted, when the browser is idle.
    pub fn preload_when_idle() {
        let later = Closure::once_into_js(|| crate::web::services::idle::at_idle(preload));
        let _ = gloo::utils::window().request_animation_frame(later.unchecked_ref());
    }

    /// Calls `done(true)` once the module runs, `done(false)` if it cannot
    /// be loaded (the next call tries again).
    pub fn load(done: impl FnOnce(bool) + 'static) {
        // Decided under the borrow, called after it: `done` may render.
        let (start, now) = LOAD.with(|l| match &mut *l.borrow_mut() {
            Load::Done => (false, Some(done)),
            Load::Loading(waiting) => {
                waiting.push(Box::new(done));
                (false, None)
            }
            idle_or_failed => {
                *idle_or_failed = Load::Loading(vec![Box::new(done)]);
                (true, None)
            }
        });
        if let Some(done) = now {
            done(true);
        }
        if start {
            wasm_bindgen_futures::spawn_local(async {
                let result = fetch_and_start().await;
                if let Err(e) = &result {
                    gloo::console::error!("[昌吉日报数字报] lazy module:", e);
                }
                let ok = result.is_ok();
                let waiting = LOAD.with(|l| {
                    let next = if ok {
                        Load::Done
                    } else {
                        Load::Failed(js_sys::Date::now())
                    };
                    match std::mem::replace(&mut *l.borrow_mut(), next) {
                        Load::Loading(w) => w,
                        _ => Vec::new(),
                    }
                });
                for done in waiting {
                    done(ok);
                }
            });
        }
    }

    /// The glue's and the module's URLs, from the boot script's attributes
    /// (scripts/build.sh writes the hashed names).
    fn urls() -> Option<(String, String)> {
        let script = gloo::utils::document()
            .query_selector("script[data-lazy-js]")
            .ok()??;
        Some((
            script.get_attribute("data-lazy-js")?,
            script.get_attribute("data-lazy-wasm")?,
        ))
    }

    /// The boot script's request for the module (web/boot.js, made once the
    /// first module runs), taken once: a retry asks again. Left null, which
    /// tells the boot script not to ask when the app asked first (a host's
    /// start asks from the first module's start, before the boot script).
    fn asked_early() -> Option<js_sys::Promise> {
        let window = gloo::utils::window();
        let key = JsValue::from_str("__epaperLazyWasm");
        let early = js_sys::Reflect::get(&window, &key).ok()?;
        let _ = js_sys::Reflect::set(&window, &key, &JsValue::NULL);
        early.dyn_into::<js_sys::Promise>().ok()
    }

    async fn fetch_and_start() -> Result<(), JsValue> {
        let (js, wasm) = urls().ok_or("no data-lazy-js/data-lazy-wasm on the boot script")?;
        // The module is fetched while the glue is (one round trip, not two);
        // the glue's init takes the response. Handled here too: if the glue
        // fails, nobody else awaits it.
        let module = asked_early().unwrap_or_else(|| gloo::utils::window().fetch_with_str(&wasm));
        let ignore = Closure::<dyn FnMut(JsValue)>::new(|_| {});
        let _ = module.catch(&ignore);
        ignore.forget(); // a few bytes, once per attempt
        if !GLUE.get() {
            let doc = gloo::utils::document();
            let script = doc.create_element("script")?;
            script.set_attribute("src", &js)?;
            let loaded = js_sys::Promise::new(&mut |resolve, reject| {
                let _ = js_sys::Reflect::set(&script, &"onload".into(), &resolve);
                let _ = js_sys::Reflect::set(&script, &"onerror".into(), &reject);
            });
            doc.head().ok_or("no <head>")?.append_child(&script)?;
            let result = JsFuture::from(loaded).await;
            if result.is_err() {
                // A new element on retry: this one has failed for good.
                script.remove();
                return Err(JsValue::from_str(&format!("could not load {js}")));
            }
            GLUE.set(true);
        }
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"module_or_path".into(), &module)?;
        JsFuture::from(init(&options)?).await?;
        Ok(())
    }

    /// A mounted screen; dropping it unmounts it.
    pub struct Mounted {
        mount: Mount,
        _on_event: Closure<dyn Fn(String)>,
    }

    impl Mounted {
        pub fn update(&self, args: &str) {
            self.mount.update(args);
        }
    }

    impl Drop for Mounted {
        fn drop(&mut self) {
            self.mount.free();
        }
    }

    /// Mounts `screen` in a new element inside `host` (the app's element
    /// stays the app's: the module's tree never shares an element with it).
    pub fn mount(
        host: &NodeRef,
        screen: &str,
        args: &str,
        on_event: Callback<LazyEvent>,
    ) -> Option<Mounted> {
        let host = host.cast::<web_sys::Element>()?;
        let root = gloo::utils::document().create_element("div").ok()?;
        host.append_child(&root).ok()?;
        mount_in(root, screen, args, on_event)
    }

    /// Mounts a part of the module that shows nothing (the host side,
    /// web/lazy_host.rs): its element is never in the document.
    pub fn mount_headless(
        screen: &str,
        args: &str,
        on_event: Callback<LazyEvent>,
    ) -> Option<Mounted> {
        let root = gloo::utils::document().create_element("div").ok()?;
        mount_in(root, screen, args, on_event)
    }

    fn mount_in(
        root: web_sys::Element,
        screen: &str,
        args: &str,
        on_event: Callback<LazyEvent>,
    ) -> Option<Mounted> {
        // Later, not inside the module's own event handler: the app may
        // unmount the screen in answer.
        let on_event = Rc::new(on_event);
        let closure = Closure::<dyn Fn(String)>::new(move |text: String| {
            if let Some(event) = LazyEvent::decode(&text) {
                let on_event = on_event.clone();
                wasm_bindgen_futures::spawn_local(async move { on_event.emit(event) });
            }
        });
        match mount_screen(screen, &root, args, closure.as_ref().unchecked_ref()) {
            Ok(mount) => Some(Mounted {
                mount,
                _on_event: closure,
            }),
            Err(e) => {
                gloo::console::error!("[昌吉日报数字报] lazy mount:", e);
                root.remove();
                None
            }
        }
    }
}

/// Natively nothing loads (the publish step renders no slot), and the
/// second module is loaded already when it runs.
#[cfg(not(all(target_arch = "wasm32", feature = "app")))]
#[allow(dead_code)]
mod native {
    use crate::web::lazy::LazyEvent;
    use yew::{Callback, NodeRef};

    pub struct Mounted;

    impl Mounted {
        pub fn update(&self, _: &str) {}
    }

    pub fn is_loaded() -> bool {
        false
    }

    pub fn load(_: impl FnOnce(bool) + 'static) {}

    pub fn preload() {}

    pub fn preload_when_idle() {}

    pub fn mount(_: &NodeRef, _: &str, _: &str, _: Callback<LazyEvent>) -> Option<Mounted> {
        None
    }

    pub fn mount_headless(_: &str, _: &str, _: Callback<LazyEvent>) -> Option<Mounted> {
        None
    }
}
