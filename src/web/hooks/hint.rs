//! The first visit's hint on how to zoom. Shown only in the browser (never
//! in the published HTML), and once dismissed, or once the reader has
//! zoomed, never again on this browser (localStorage; where storage is off,
//! it comes back with each visit, until dismissed).

use crate::web::services::storage;
use yew::prelude::*;

const KEY: &str = "epaper.zoomHint";

/// Whether to show the hint now, and how to put it away for good.
#[hook]
pub fn use_zoom_hint() -> (bool, Callback<()>) {
    // A cell and a forced update: cheaper in the module than a `use_state`.
    let shown = use_mut_ref(|| false);
    let update = use_force_update();
    {
        let (shown, update) = (shown.clone(), update.clone());
        crate::web::effect::use_effect_on((), move |_| {
            if storage::get(KEY).is_none() {
                *shown.borrow_mut() = true;
                update.force_update();
            }
        });
    }
    let now = *shown.borrow();
    let dismiss = Callback::from(move |()| {
        storage::set(KEY, "seen");
        if std::mem::replace(&mut *shown.borrow_mut(), false) {
            update.force_update();
        }
    });
    (now, dismiss)
}
