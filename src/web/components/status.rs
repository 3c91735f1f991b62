//! What the reader sees while loading, when something fails, and brief notes.

use yew::prelude::*;

/// A page-shaped placeholder: never a blank screen while the edition loads.
/// (A plain function: no state, and no component's worth of Yew glue.)
pub fn skeleton() -> Html {
    html! {
        <div class="workspace loading" aria-busy="true">
            <div class="stage-column">
                <div class="skeleton-page"><p>{ "正在加载今日报纸…" }</p></div>
            </div>
        </div>
    }
}

/// Why the edition cannot be shown, with 重试 where retrying can help
/// (`retry` None otherwise). A plain function, not a component: no state.
pub fn error_panel(message: String, retry: Option<Callback<()>>) -> Html {
    let retry = retry.map(|retry| {
        html! { <button class="button primary" onclick={super::follow(&retry, ())}>{ "重试" }</button> }
    });
    html! {
        <div class="error-panel" role="alert">
            <h2>{ "报纸暂时打不开" }</h2>
            <p>{ message }</p>
            { for retry }
        </div>
    }
}

/// A one-off note with 知道了. A plain function, not a component: it has no
/// state, and each component costs the module ~2 KB of Yew glue.
pub fn notice_bar(message: String, on_dismiss: &Callback<()>) -> Html {
    html! {
        <div class="notice" role="status">
            <span>{ message }</span>
            <button class="icon-button" aria-label="知道了" onclick={super::follow(on_dismiss, ())}>{ "×" }</button>
        </div>
    }
}

/// A short confirmation (链接已复制) that goes away by itself (App's
/// timer). A plain function: the slot is always there, so a
/// screen reader hears each new message.
pub fn toast(message: Option<&str>) -> Html {
    html! {
        <div class="toast-slot" role="status" aria-live="polite">
            if let Some(message) = message { <p class="toast">{ message }</p> }
        </div>
    }
}
