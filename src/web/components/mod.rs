//! Views: each reads its props and sends `Nav` or `Action`s up; none fetches.

pub mod article_list;
pub mod calendar;
pub mod frame;
pub mod masthead;
pub mod offline;
pub mod page_nav;
pub mod page_view;
pub mod reader;
pub mod regions;
pub mod search;
pub mod status;
pub mod zoom_controls;

use yew::{Callback, FocusEvent, PointerEvent};

/// Pointer and focus both light up an article's regions (page and list alike).
pub struct HoverHandlers {
    pub enter: Callback<PointerEvent>,
    pub leave: Callback<PointerEvent>,
    pub focus: Callback<FocusEvent>,
    pub blur: Callback<FocusEvent>,
}

pub fn hover_handlers(on_hover: &Callback<Option<String>>, id: &str) -> HoverHandlers {
    let (a, b) = (id.to_string(), id.to_string());
    let focus = on_hover.clone();
    HoverHandlers {
        // Only a mouse or pen hovers: a finger's tap would otherwise cost a
        // whole extra render before the article opens.
        enter: {
            let on_hover = on_hover.clone();
            Callback::from(move |e: PointerEvent| {
                if hovering(&e) {
                    on_hover.emit(Some(a.clone()));
                }
            })
        },
        leave: {
            let on_hover = on_hover.clone();
            Callback::from(move |e: PointerEvent| {
                if hovering(&e) {
                    on_hover.emit(None);
                }
            })
        },
        // Focus put back by the app after a mouse close is not "pointing at it".
        focus: Callback::from(move |e: FocusEvent| {
            if keyboard_focus(&e) {
                focus.emit(Some(b.clone()));
            }
        }),
        blur: on_hover.reform(|_| None),
    }
}

fn hovering(e: &PointerEvent) -> bool {
    e.pointer_type() != "touch"
}

fn keyboard_focus(e: &FocusEvent) -> bool {
    use wasm_bindgen::JsCast;
    let target = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    // Engines without :focus-visible throw: treat every focus as visible there.
    target.is_none_or(|el| el.matches(":focus-visible").unwrap_or(true))
}
