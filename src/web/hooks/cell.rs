//! State as a cell and a forced update: what a `use_state` does, without
//! its reducer. Every `use_state` type instantiates Yew's reducer machinery
//! in the module (~1 KB each); these share one forced update.

use std::cell::{Ref, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// A value kept between renders; setting it to another value renders the
/// component again. Clones share the value (a callback made once reads
/// and sets the latest).
pub struct Cell<T> {
    value: Rc<RefCell<T>>,
    update: UseForceUpdateHandle,
}

impl<T> Clone for Cell<T> {
    fn clone(&self) -> Self {
        Cell {
            value: self.value.clone(),
            update: self.update.clone(),
        }
    }
}

impl<T> Cell<T> {
    pub fn borrow(&self) -> Ref<'_, T> {
        self.value.borrow()
    }
}

impl<T: Clone + PartialEq> Cell<T> {
    pub fn get(&self) -> T {
        self.value.borrow().clone()
    }

    /// Renders again only when the value changed.
    pub fn set(&self, value: T) {
        if *self.value.borrow() != value {
            *self.value.borrow_mut() = value;
            self.update.force_update();
        }
    }
}

#[hook]
pub fn use_cell<T: 'static, F: FnOnce() -> T>(init: F) -> Cell<T> {
    Cell {
        value: use_mut_ref(init),
        update: use_force_update(),
    }
}
