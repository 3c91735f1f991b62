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
    let shown = use_state(|| false);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            if storage::get(KEY).is_none() {
                shown.set(true);
            }
        });
    }
    let dismiss = {
        let shown = shown.clone();
        Callback::from(move |()| {
            storage::set(KEY, "seen");
            if *shown {
                shown.set(false);
            }
        })
    };
    (*shown, dismiss)
}
