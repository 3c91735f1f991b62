//! The edition as the views receive it: shared, and compared by address.

use crate::edition::Edition;
use crate::state::Load;
use std::ops::Deref;
use std::rc::Rc;
use yew::html::IntoPropValue;

/// An edition handed to views. Two handles are equal when they share one
/// allocation: an edition is never changed in place (another load is another
/// allocation), and `Edition` holds floats, so it is not `Eq` and `Rc`'s own
/// comparison would walk every article on every render of every view.
#[derive(Clone, Debug)]
pub struct EditionRef(pub Rc<Edition>);

impl PartialEq for EditionRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for EditionRef {
    type Target = Edition;
    fn deref(&self) -> &Edition {
        &self.0
    }
}

impl From<Rc<Edition>> for EditionRef {
    fn from(edition: Rc<Edition>) -> Self {
        EditionRef(edition)
    }
}

impl From<Edition> for EditionRef {
    fn from(edition: Edition) -> Self {
        EditionRef(Rc::new(edition))
    }
}

impl IntoPropValue<EditionRef> for Rc<Edition> {
    fn into_prop_value(self) -> EditionRef {
        EditionRef(self)
    }
}

impl IntoPropValue<Load<EditionRef>> for Load<Rc<Edition>> {
    fn into_prop_value(self) -> Load<EditionRef> {
        match self {
            Load::Loading => Load::Loading,
            Load::Ready(e) => Load::Ready(EditionRef(e)),
            Load::Failed(err) => Load::Failed(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Edition {
        let text = include_str!("../../tests/fixtures/editions/2000-01-01/edition.json");
        crate::edition::read_edition(text).expect("the fixture edition reads")
    }

    #[test]
    fn equal_only_when_shared() {
        let edition = Rc::new(sample());
        let a = EditionRef(edition.clone());
        assert_eq!(a, EditionRef(edition));
        // Same contents, another allocation: a new edition for the views.
        assert_ne!(a, EditionRef(Rc::new(sample())));
    }
}
