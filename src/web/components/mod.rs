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
    HoverHandlers {
        enter: on_hover.reform(move |_| Some(a.clone())),
        leave: on_hover.reform(|_| None),
        focus: on_hover.reform(move |_| Some(b.clone())),
        blur: on_hover.reform(|_| None),
    }
}
