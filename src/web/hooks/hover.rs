//! The article under the pointer or keyboard focus, lit on the page (all its
//! regions, its title over the stage) and in the list. Kept in a small store
//! shared through a context around the workspace, not in the app's state:
//! moving the mouse over the page re-renders the page view and the list
//! (the two views that show it), nothing else. The context's value never
//! changes, so neither the scope nor anything between it and those views
//! renders again.

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

/// The store, compared by address (one per scope).
#[derive(Clone, Default)]
pub struct Hover(Rc<Store>);

impl PartialEq for Hover {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Hover {
    fn get(&self) -> Option<String> {
        self.0.id.borrow().clone()
    }

    /// Lights `id` (or nothing); crossing a region's edge back and forth
    /// changes nothing and re-renders nothing.
    fn set(&self, id: Option<String>) {
        if *self.0.id.borrow() == id {
            return;
        }
        *self.0.id.borrow_mut() = id;
        // Called with no borrow held: a re-render may subscribe anew.
        let watchers: Vec<_> = self
            .0
            .watchers
            .borrow()
            .iter()
            .map(|(_, w)| w.clone())
            .collect();
        for watcher in watchers {
            watcher();
        }
    }

    fn watch(&self, watcher: Watcher) -> u32 {
        let key = self.0.next.get();
        self.0.next.set(key + 1);
        self.0.watchers.borrow_mut().push((key, watcher));
        key
    }

    fn unwatch(&self, key: u32) {
        self.0.watchers.borrow_mut().retain(|(k, _)| *k != key);
    }
}

#[derive(Properties, PartialEq)]
pub struct HoverScopeProps {
    pub children: Html,
}

#[component]
pub fn HoverScope(props: &HoverScopeProps) -> Html {
    let hover = use_memo((), |_| Hover::default());
    html! {
        <ContextProvider<Hover> context={(*hover).clone()}>
            { props.children.clone() }
        </ContextProvider<Hover>>
    }
}

/// The article lit now; the caller re-renders when it changes.
#[hook]
pub fn use_hovered() -> Option<String> {
    let hover = use_context::<Hover>().unwrap_or_default();
    let update = use_force_update();
    use_effect_with(hover.clone(), move |hover| {
        let key = hover.watch(Rc::new(move || update.force_update()));
        let hover = hover.clone();
        move || hover.unwatch(key)
    });
    hover.get()
}

/// Reports hovering (the caller never re-renders for it).
#[hook]
pub fn use_set_hover() -> Callback<Option<String>> {
    let hover = use_context::<Hover>().unwrap_or_default();
    use_callback(hover, |id, hover| hover.set(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watchers_hear_changes_only() {
        let hover = Hover::default();
        let heard = Rc::new(Cell::new(0));
        let h = heard.clone();
        let key = hover.watch(Rc::new(move || h.set(h.get() + 1)));
        hover.set(Some("a".into()));
        hover.set(Some("a".into()));
        assert_eq!((hover.get().as_deref(), heard.get()), (Some("a"), 1));
        hover.set(None);
        assert_eq!(heard.get(), 2);
        hover.unwatch(key);
        hover.set(Some("b".into()));
        assert_eq!(heard.get(), 2, "no longer watching");
    }
}
