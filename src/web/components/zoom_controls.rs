//! The zoom buttons, docked beside or under the page (never over it), and
//! the first visit's hint on how to zoom.

use crate::viewport::Dock;
use crate::web::surface::{self, SharedSurface, Zoom};
use yew::prelude::*;

/// `dock`: None before the stage is measured (the CSS places them then).
pub fn zoom_controls(surface: &SharedSurface, zoom: Zoom, dock: Option<Dock>) -> Html {
    // All three always stand in the same places: a second quick press must
    // land on the same button as the first.
    let button = |label: &'static str,
                  name: &'static str,
                  enabled: bool,
                  act: fn(&SharedSurface)| {
        let surface = surface.clone();
        let onclick = Callback::from(move |_: MouseEvent| act(&surface));
        html! { <button class="zoom-button" aria-label={name} title={name} disabled={!enabled} {onclick}>{ label }</button> }
    };
    let class = match dock {
        None => "zoom-controls",
        Some(Dock::Below) => "zoom-controls below",
        Some(Dock::Beside) => "zoom-controls beside",
    };
    super::classed(
        html! {
            <div role="group" aria-label="缩放">
                { button("+", "放大", !zoom.at_max, |s| surface::zoom_by(s, 1.5)) }
                { button("−", "缩小", zoom.is_zoomed(), |s| surface::zoom_by(s, 1.0 / 1.5)) }
                { button("⤢", "还原整版", zoom.is_zoomed(), surface::reset) }
            </div>
        },
        &[class],
    )
}

/// A short note over the page's foot; only its button takes taps (the page
/// under the rest of it stays in reach).
pub fn zoom_hint(on_dismiss: &Callback<()>) -> Html {
    html! {
        <div class="zoom-hint" role="note">
            <p>
                <span class="hint-touch">{ "放大版面：双指张开，或双击版面空白处；也可点 ＋ 按钮。" }</span>
                <span class="hint-mouse">{ "放大版面：滚动鼠标滚轮，或双击版面空白处；也可点 ＋ 按钮。" }</span>
            </p>
            <button class="button" onclick={super::follow(on_dismiss, ())}>{ "知道了" }</button>
        </div>
    }
}
