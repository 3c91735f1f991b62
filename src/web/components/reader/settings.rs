//! 字号 and 夜间模式: the reader's "Aa" button (here, in the app) and its
//! small panel (`SettingsPanel`, in the second module: a reader opens it
//! rarely). The values live on `<html>` and in storage
//! (services/storage.rs): boot.js and the app apply them at start; the
//! panel only shows and changes them.

use crate::web::lazy::{self, LazyEvent, PanelProps, Screen};
use crate::web::services::storage::{self, Settings, Theme, TEXT_SCALES, TEXT_SIZE_NAMES};
use yew::prelude::*;

/// The "Aa" button and, while `open`, the panel's slot. A plain function,
/// not a component: the reader keeps `open` in its own cell (a component
/// costs the module its own copy of Yew's machinery).
pub fn reader_settings(open: bool, set_open: &Callback<bool>) -> Html {
    let toggle = set_open.reform(move |_: MouseEvent| !open);
    let on_event = {
        let set_open = set_open.clone();
        Callback::from(move |e| {
            if e == LazyEvent::Close {
                set_open.emit(false)
            }
        })
    };
    html! {
        <div class="reader-settings">
            <button class="button settings-toggle" aria-expanded={open.to_string()} aria-controls="reader-settings-panel"
                aria-label="字号和夜间模式" title="字号和夜间模式" onclick={toggle}
                onpointerover={lazy::intent()} onfocus={lazy::intent()}>{ "Aa" }</button>
            if open {
                { lazy::slot::<SettingsPanel, _>(Screen::Settings, (), on_event) }
            }
        </div>
    }
}

/// The panel: 字号 steps and 夜间 (second module; lazy_screens.rs).
#[component]
pub fn SettingsPanel(props: &PanelProps<()>) -> Html {
    let settings = use_state_eq(storage::load);
    #[cfg(target_arch = "wasm32")]
    {
        let settings = settings.clone();
        crate::web::effect::use_effect_on((), move |_| {
            // A host's text-size command while the panel is open.
            let listener = gloo::events::EventListener::new(
                &gloo::utils::window(),
                storage::CHANGED_EVENT,
                move |_| settings.set(storage::load()),
            );
            move || drop(listener)
        });
    }
    #[cfg(target_arch = "wasm32")]
    {
        // Escape closes the panel, not the reader (the app skips a handled key).
        let emit = props.emit.clone();
        crate::web::effect::use_effect_on((), move |_| {
            let listener = super::on_escape(move || emit.emit(LazyEvent::Close));
            move || drop(listener)
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = props;
    let change = |next: Settings| {
        let settings = settings.clone();
        move |_: MouseEvent| {
            storage::save(next);
            settings.set(next);
        }
    };
    let s = *settings;
    let step = storage::step_of(s.text_scale);
    let size_button = |by: isize, label: &'static str, name: &'static str| {
        let to = storage::stepped(s.text_scale, by);
        let onclick = to.map(|t| change(Settings { text_scale: t, ..s }));
        html! {
            <button class="button size-step" title={name} disabled={to.is_none()}
                onclick={onclick.map(Callback::from)}>
                <span aria-hidden="true">{ label }</span><span class="sr-only">{ name }</span>
            </button>
        }
    };
    let theme_button = |theme: Theme, label: &'static str| {
        html! {
            <button class="button" aria-pressed={(s.theme == theme).to_string()}
                onclick={change(Settings { theme, ..s })}>{ label }</button>
        }
    };
    html! {
        <div id="reader-settings-panel" class="settings-panel" role="group" aria-label="阅读设置">
            <div class="setting">
                <span class="setting-name">{ "字号" }</span>
                { size_button(-1, "A−", "字号减小") }
                <output class="size-name" aria-live="polite">{ TEXT_SIZE_NAMES[step.min(TEXT_SCALES.len() - 1)] }</output>
                { size_button(1, "A+", "字号增大") }
            </div>
            <div class="setting" role="group" aria-label="夜间模式">
                <span class="setting-name" aria-hidden="true">{ "夜间" }</span>
                { theme_button(Theme::System, "跟随系统") }
                { theme_button(Theme::Light, "关") }
                { theme_button(Theme::Dark, "开") }
            </div>
        </div>
    }
}
