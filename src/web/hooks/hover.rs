//! The article under the pointer or keyboard focus, lit on the page (all its
//! regions, its title over the stage). Kept in a scope around the workspace,
//! not in the app's state: moving the mouse over the page re-renders the
//! page view alone, not the masthead, the list or the reader.

use yew::prelude::*;

/// Sets (or clears) the article lit. Made once per scope: views that only
/// report hovering (the list) never re-render when it changes.
#[derive(Clone, PartialEq, Default)]
pub struct SetHover(pub Callback<Option<String>>);

/// The article lit, if any: read by the page view.
#[derive(Clone, PartialEq, Default)]
pub struct Hovered(pub Option<String>);

#[derive(Properties, PartialEq)]
pub struct HoverScopeProps {
    pub children: Html,
}

#[component]
pub fn HoverScope(props: &HoverScopeProps) -> Html {
    // `_eq`: crossing a region's edge back and forth changes nothing.
    let hovered = use_state_eq(|| None::<String>);
    let set = {
        let setter = hovered.setter();
        use_memo((), move |_| {
            SetHover(Callback::from(move |id| setter.set(id)))
        })
    };
    html! {
        <ContextProvider<SetHover> context={(*set).clone()}>
            <ContextProvider<Hovered> context={Hovered((*hovered).clone())}>
                { props.children.clone() }
            </ContextProvider<Hovered>>
        </ContextProvider<SetHover>>
    }
}

/// The article lit now (re-renders the caller when it changes).
#[hook]
pub fn use_hovered() -> Option<String> {
    use_context::<Hovered>().and_then(|h| h.0)
}

/// Reports hovering (never re-renders the caller).
#[hook]
pub fn use_set_hover() -> Callback<Option<String>> {
    use_context::<SetHover>().map(|s| s.0).unwrap_or_default()
}
