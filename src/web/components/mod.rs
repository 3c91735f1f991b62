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

use std::cell::RefCell;
use yew::virtual_dom::{AttrValue, AttributeOrProperty, Attributes};
use yew::{Callback, FocusEvent, Html, MouseEvent, PointerEvent};

/// An element whose class is chosen at run time: `parts` joined by spaces,
/// the empty ones left out, no attribute if none is left. Any `class={..}`
/// but a literal makes Yew build a `Classes` set (an `IndexSet`: its hashing
/// and set code in the module). Here the element keeps `html!`'s list of
/// attribute names, with `class` added last (where `html!` puts it too, so
/// the published HTML is the same), and no hash map is made.
pub fn classed(mut node: Html, parts: &[&str]) -> Html {
    let mut class = String::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        if !class.is_empty() {
            class.push(' ');
        }
        class.push_str(part);
    }
    let class = (!class.is_empty()).then(|| AttributeOrProperty::Attribute(class.into()));
    // Just made by `html!`: the element is not shared yet.
    let Some(tag) = (match &mut node {
        Html::VTag(tag) => std::rc::Rc::get_mut(tag),
        _ => None,
    }) else {
        return node;
    };
    let (keys, mut values): (_, Vec<_>) = match std::mem::take(&mut tag.attributes) {
        Attributes::Static(list) => (
            with_class(list.as_ptr() as usize, &mut list.iter().map(|(k, _)| *k)),
            list.iter()
                .map(|(_, v)| match v {
                    AttributeOrProperty::Static(s) => {
                        Some(AttributeOrProperty::Attribute(AttrValue::Static(s)))
                    }
                    v => Some(v.clone()),
                })
                .collect(),
        ),
        Attributes::Dynamic { keys, values } => (
            with_class(keys.as_ptr() as usize, &mut keys.iter().copied()),
            values.into_vec(),
        ),
        other => {
            tag.attributes = other;
            return node;
        }
    };
    values.push(class);
    tag.attributes = Attributes::Dynamic {
        keys,
        values: values.into_boxed_slice(),
    };
    node
}

thread_local! {
    /// Attribute names with `class` added, by the `html!` list they extend:
    /// made once for each of the dozen elements `classed` is used on.
    static WITH_CLASS: RefCell<Vec<(usize, &'static [&'static str])>> = const { RefCell::new(Vec::new()) };
}

fn with_class(
    site: usize,
    keys: &mut dyn Iterator<Item = &'static str>,
) -> &'static [&'static str] {
    WITH_CLASS.with_borrow_mut(|known| {
        if let Some((_, keys)) = known.iter().find(|(s, _)| *s == site) {
            return *keys;
        }
        let made: &'static [&'static str] = Vec::leak(keys.chain(["class"]).collect());
        known.push((site, made));
        made
    })
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
/// is an ordinary one. Buttons use it too (nothing of theirs to prevent).
/// One helper, so that each kind of value has one closure type in the
/// module, not one per link or button.
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
