//! The 本版标题 sheet as a history entry: opening it adds one (same address),
//! so a phone's back button closes the sheet instead of leaving the paper;
//! closing it any other way takes that entry back off. An article opened
//! from the sheet leaves the entry behind it: coming back to it (after the
//! article) steps over it, so no back press is spent on nothing.

use yew::prelude::*;

#[hook]
pub fn use_sheet_history(open: &super::Cell<bool>) {
    let was = use_mut_ref(|| false);
    let is_open = open.get();
    crate::web::effect::use_effect_on(is_open, move |is_open| {
        // Only changes count: a reload on the sheet's entry does not go back.
        let changed = std::mem::replace(&mut *was.borrow_mut(), *is_open) != *is_open;
        if changed {
            browser::follow(*is_open);
        }
    });
    let open = open.clone();
    crate::web::effect::use_effect_on((), move |_| {
        browser::on_back(move || {
            let was = open.get();
            open.set(false);
            was
        })
    });
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use gloo::events::EventListener;
    use wasm_bindgen::JsValue;

    const MARK: &str = "epaper-sheet";

    fn at_sheet() -> bool {
        gloo::utils::window()
            .history()
            .ok()
            .and_then(|h| h.state().ok())
            .and_then(|s| s.as_string())
            .is_some_and(|s| s == MARK)
    }

    pub fn follow(open: bool) {
        let Ok(history) = gloo::utils::window().history() else {
            return;
        };
        if open && !at_sheet() {
            let _ = history.push_state(&JsValue::from_str(MARK), "");
        } else if !open && at_sheet() {
            let _ = history.back();
        }
    }

    /// `close` closes the sheet and says whether it was open.
    pub fn on_back(close: impl Fn() -> bool + 'static) -> impl FnOnce() {
        let listener = EventListener::new(&gloo::utils::window(), "popstate", move |_| {
            if !at_sheet() {
                close();
            } else if !close() {
                // Back onto the entry of a sheet that is gone: on past it.
                if let Ok(history) = gloo::utils::window().history() {
                    let _ = history.back();
                }
            }
        });
        move || drop(listener)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    pub fn follow(_: bool) {}
    pub fn on_back(_: impl Fn() -> bool + 'static) -> impl FnOnce() {
        || {}
    }
}
