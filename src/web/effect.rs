//! One Yew effect type for many effects. Each `use_effect_with` call site is
//! its own instantiation of Yew's effect machinery (its `rendered`, drop glue,
//! downcast: 0.2–1 KB of wasm each); through `use_effect_on` every call site
//! shares one, and keeps only its body and a comparison of its deps' type.

use std::any::Any;
use yew::functional::{use_effect_with, Hook, TearDown};

/// An effect's deps of any type, compared by a function made for that type.
pub struct Deps {
    value: Box<dyn Any>,
    same: fn(&dyn Any, &dyn Any) -> bool,
}

impl PartialEq for Deps {
    fn eq(&self, other: &Self) -> bool {
        (self.same)(&*self.value, &*other.value)
    }
}

fn same<T: PartialEq + 'static>(a: &dyn Any, b: &dyn Any) -> bool {
    a.downcast_ref::<T>() == b.downcast_ref::<T>()
}

/// Deps that never equal the last ones: the effect runs after every render.
#[derive(Clone, Copy)]
pub struct Always;

impl PartialEq for Always {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

type Runner = Box<dyn FnOnce(&Deps) -> Box<dyn FnOnce()>>;

/// `use_effect_with`, through the one shared instantiation.
pub fn use_effect_on<T, D>(deps: T, f: impl FnOnce(&T) -> D + 'static) -> impl Hook<Output = ()>
where
    T: PartialEq + 'static,
    D: TearDown,
{
    let runner: Runner = Box::new(move |deps: &Deps| {
        let destructor = deps.value.downcast_ref::<T>().map(f);
        Box::new(move || {
            if let Some(d) = destructor {
                d.tear_down();
            }
        })
    });
    let deps = Deps {
        value: Box::new(deps),
        same: same::<T>,
    };
    use_effect_with(deps, runner)
}
