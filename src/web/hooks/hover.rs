//! The article under the pointer or keyboard focus, lit on the page (all its
//! regions, its title over the stage) and in the list. Kept here, not in the
//! app's state: moving the mouse over the page re-renders the two views that
//! show it (the page view and the list), nothing else. One app per page, so
//! one store per thread; no context (a provider component and its generic
//! code cost some 3 KB of wasm for nothing a global does not do).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// Re-renders one view showing the article lit.
type Watcher = Rc<dyn Fn()>;

#[derive(Default)]
struct Store {
    id: RefCell<Option<String>>,
    /// The views showing it, each under its key.
    watchers: RefCell<Vec<(u32, Watcher)>>,
    next: Cell<u32>,
}

thread_local! {
    static STORE: Store = Store::default();
}

impl Store {
    /// Lights `id` (or nothing); returns the views to re-render (none when
    /// nothing changed: crossing a region's edge back and forth).
    fn set(&self, id: Option<String>) -> Vec<Watcher> {
        if *self.id.borrow() == id {
            return Vec::new();
        }
        *self.id.borrow_mut() = id;
        self.watchers
            .borrow()
            .iter()
            .map(|(_, w)| w.clone())
            .collect()
    }

    fn watch(&self, watcher: Watcher) -> u32 {
        let key = self.next.get();
        self.next.set(key + 1);
        self.watchers.borrow_mut().push((key, watcher));
        key
    }

    fn unwatch(&self, key: u32) {
        self.watchers.borrow_mut().retain(|(k, _)| *k != key);
    }
}

/// Lights an article (or nothing). The views are told with no borrow held:
/// a re-render may watch anew.
pub fn set_hover(id: Option<String>) {
    for watcher in STORE.with(|s| s.set(id)) {
        watcher();
    }
}

/// The article lit now; the caller re-renders when it changes.
#[hook]
pub fn use_hovered() -> Option<String> {
    let update = use_force_update();
    crate::web::effect::use_effect_on((), move |_| {
        let key = STORE.with(|s| s.watch(Rc::new(move || update.force_update())));
        move || STORE.with(|s| s.unwatch(key))
    });
    STORE.with(|s| s.id.borrow().clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watchers_hear_changes_only() {
        let store = Store::default();
        let heard = Rc::new(Cell::new(0));
        let h = heard.clone();
        let key = store.watch(Rc::new(move || h.set(h.get() + 1)));
        let tell = |w: Vec<Watcher>| w.iter().for_each(|w| w());
        tell(store.set(Some("a".into())));
        tell(store.set(Some("a".into())));
        assert_eq!((store.id.borrow().as_deref(), heard.get()), (Some("a"), 1));
        tell(store.set(None));
        assert_eq!(heard.get(), 2);
        store.unwatch(key);
        tell(store.set(Some("b".into())));
        assert_eq!(heard.get(), 2, "no longer watching");
    }
}
