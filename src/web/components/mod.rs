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

use yew::virtual_dom::{AttrValue, AttributeOrProperty};
use yew::{Callback, FocusEvent, Html, MouseEvent, PointerEvent};

/// An element whose class is chosen at run time: `parts` joined by spaces,
/// the empty ones left out, no attribute if none is left. Any `class={..}`
/// but a literal makes Yew build a `Classes` set (an `IndexSet`: its hashing
/// and set code in the module); this sets the attribute as one string, last
/// among the element's attributes, where `html!` puts `class` too, so the
/// published HTML is the same.
pub fn classed(mut node: Html, parts: &[&str]) -> Html {
    let mut class = String::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        if !class.is_empty() {
            class.push(' ');
        }
        class.push_str(part);
    }
    // Just made by `html!`: the element is not shared yet.
    if let (Html::VTag(tag), false) = (&mut node, class.is_empty()) {
        if let Some(tag) = std::rc::Rc::get_mut(tag) {
            let attributes = tag.attributes.get_mut_index_map();
            // An all-literal list comes over as `Static` entries, which Yew's
            // server rendering skips in a map: made plain attributes again.
            for value in attributes.values_mut() {
                if let AttributeOrProperty::Static(s) = value {
                    *value = AttributeOrProperty::Attribute(AttrValue::Static(s));
                }
            }
            attributes.insert(
                AttrValue::Static("class"),
                AttributeOrProperty::Attribute(class.into()),
            );
        }
    }
    node
}

/// `class` when `on`, else nothing (a part for `classed`).
pub fn when(on: bool, class: &'static str) -> &'static str {
    if on {
        class
    } else {
        ""
    }
}

/// A link's click that the app follows itself: no page load, `value` sent
/// instead. Without the app (before it starts, or no WebAssembly) the link
/// is an ordinary one. One helper, so that each kind of value has one
/// closure type in the module, not one per link.
pub fn follow<T: Clone + 'static>(to: &Callback<T>, value: T) -> Callback<MouseEvent> {
    let to = to.clone();
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        to.emit(value.clone());
    })
}

/// Pointer and focus both light up an article's regions (page and list alike).
/// `pointerover`/`pointerout` bubble: one event per crossing, where
/// `pointerenter`/`pointerleave` come once for every ancestor entered, each a
/// trip through Yew's listener (a dozen on a phone's first touch).
pub struct HoverHandlers {
    pub over: Callback<PointerEvent>,
    pub out: Callback<PointerEvent>,
    pub focus: Callback<FocusEvent>,
    pub blur: Callback<FocusEvent>,
}

pub fn hover_handlers(on_hover: &Callback<Option<String>>, id: &str) -> HoverHandlers {
    let (a, b) = (id.to_string(), id.to_string());
    let focus = on_hover.clone();
    HoverHandlers {
        // Only a mouse or pen hovers: a finger's tap would otherwise cost a
        // whole extra render before the article opens.
        over: {
            let on_hover = on_hover.clone();
            Callback::from(move |e: PointerEvent| {
                if hovering(&e) {
                    on_hover.emit(Some(a.clone()));
                }
            })
        },
        out: {
            let on_hover = on_hover.clone();
            Callback::from(move |e: PointerEvent| {
                if hovering(&e) && leaves_link(&e) {
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

/// `pointerout` comes also when the pointer moves onto a child of the same
/// link (a list entry's title): that is not leaving it.
fn leaves_link(e: &PointerEvent) -> bool {
    use wasm_bindgen::JsCast;
    let link = |t: Option<web_sys::EventTarget>| {
        t.and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a").ok().flatten())
    };
    let from = link(e.target());
    from.is_none() || from != link(e.related_target())
}

fn keyboard_focus(e: &FocusEvent) -> bool {
    use wasm_bindgen::JsCast;
    let target = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    // Engines without :focus-visible throw: treat every focus as visible there.
    target.is_none_or(|el| el.matches(":focus-visible").unwrap_or(true))
}
