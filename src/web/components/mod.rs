//! Views: each reads its props and sends `Nav` or `Action`s up; none fetches.

pub mod article_list;
pub mod masthead;
pub mod page_nav;
pub mod page_view;
pub mod reader;
pub mod status;

use yew::{Callback, FocusEvent, MouseEvent};

/// Pointer and focus both light up an article's regions (page and list alike).
pub struct HoverHandlers {
    pub enter: Callback<MouseEvent>,
    pub leave: Callback<MouseEvent>,
    pub focus: Callback<FocusEvent>,
    pub blur: Callback<FocusEvent>,
}

pub fn hover_handlers(on_hover: &Callback<Option<String>>, id: &str) -> HoverHandlers {
    let (a, b) = (id.to_string(), id.to_string());
    let focus = on_hover.clone();
    HoverHandlers {
        enter: on_hover.reform(move |_| Some(a.clone())),
        leave: on_hover.reform(|_| None),
        // Focus put back by the app after a mouse close is not "pointing at it".
        focus: Callback::from(move |e: FocusEvent| {
            if keyboard_focus(&e) {
                focus.emit(Some(b.clone()));
            }
        }),
        blur: on_hover.reform(|_| None),
    }
}

fn keyboard_focus(e: &FocusEvent) -> bool {
    use wasm_bindgen::JsCast;
    let target = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    // Engines without :focus-visible throw: treat every focus as visible there.
    target.is_none_or(|el| el.matches(":focus-visible").unwrap_or(true))
}
