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
    let shown = super::use_cell(|| false);
    {
        let shown = shown.clone();
        crate::web::effect::use_effect_on((), move |_| {
            shown.set(storage::get(KEY).is_none());
        });
    }
    let now = shown.get();
    let dismiss = Callback::from(move |()| {
        storage::set(KEY, "seen");
        shown.set(false);
    });
    (now, dismiss)
}
