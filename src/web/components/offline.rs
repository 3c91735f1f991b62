//! Under 本版标题: 下载本版PDF where the page has a PDF (also on the
//! published page), and 下载本期, which stores the whole edition for reading
//! without a network. The latter is shown only where a service worker runs
//! this page (web/sw.js; not in many in-app webviews): elsewhere nothing
//! changes. The worker does the work (what the edition needs, sizes,
//! progress, the lines shown): this side only asks and shows.

use crate::edition::{resolve_url, Edition};
use crate::meta::page_name;
use crate::web::EditionRef;
use yew::prelude::*;

/// A plain function, not a component: it holds no state, and a component
/// costs the module its own copy of Yew's machinery.
pub fn offline_tools(edition: &EditionRef, edition_url: &str, page: u32) -> Html {
    let pdf = edition.page(page).and_then(|p| p.pdf.as_ref());
    let pdf = pdf.map(|url| {
        let name = page_name(edition, page);
        let file = format!("昌吉日报{}{}.pdf", edition.date, name);
        html! {
            <a class="button pdf-link" href={resolve_url(edition_url, url)} download={file}
                type="application/pdf">{ "下载本版PDF" }</a>
        }
    });
    html! {
        <div class="offline-tools">
            { for pdf }
            <Download edition={edition.clone()} edition_url={edition_url.to_string()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DownloadProps {
    pub edition: EditionRef,
    /// The edition file's URL (the worker reads it; its files are relative to it).
    pub edition_url: String,
}

/// What 下载本期 shows: a line, a progress bar, which buttons. Every line
/// after the first comes from the worker, which works out what the edition
/// needs and stores it (web/sw.js); natively `None`: no control.
#[derive(Clone, PartialEq)]
struct View {
    text: String,
    progress: Option<(u32, u32)>,
    buttons: Buttons,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[derive(Clone, Copy, PartialEq)]
enum Buttons {
    None,
    /// 下载本期 (asks the worker for the size first).
    Plan,
    /// 开始下载 and 取消, under the size.
    Start,
    /// 重新下载, after some files failed.
    Retry,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
impl View {
    fn new(text: &str, buttons: Buttons) -> Option<View> {
        Some(View {
            text: text.into(),
            progress: None,
            buttons,
        })
    }
}

#[component]
fn Download(props: &DownloadProps) -> Html {
    // `None` until a worker runs this page (never, in many webviews).
    let view = use_state_eq(|| None::<View>);
    // Which request the worker's replies belong to (a newer one wins).
    let request = use_mut_ref(|| 0_u32);
    #[cfg(target_arch = "wasm32")]
    {
        let (view, request) = (view.clone(), request.clone());
        use_effect_with((), move |_| live::follow(view, request));
    }
    {
        // Another edition: what was said of the last one no longer holds.
        let view = view.clone();
        use_effect_with(props.edition.date.clone(), move |_| {
            if view.is_some() {
                view.set(View::new("", Buttons::Plan));
            }
        });
    }
    let Some(shown) = (*view).clone() else {
        return html! {};
    };
    let send = |kind: &'static str, text: &'static str| {
        let (view, request) = (view.clone(), request.clone());
        let (edition, url) = (props.edition.clone(), props.edition_url.clone());
        Callback::from(move |_: MouseEvent| {
            let id = {
                let mut r = request.borrow_mut();
                *r += 1;
                *r
            };
            let sent = post(kind, id, &edition, &url);
            view.set(if sent {
                View::new(text, Buttons::None)
            } else {
                None
            });
        })
    };
    let start = || send("download", "正在准备下载…");
    let buttons = match shown.buttons {
        Buttons::None => vec![],
        Buttons::Plan => vec![("下载本期", "button", send("plan", "正在计算本期大小…"))],
        Buttons::Start => {
            let view = view.clone();
            let cancel = Callback::from(move |_| view.set(View::new("", Buttons::Plan)));
            vec![
                ("开始下载", "button primary", start()),
                ("取消", "button", cancel),
            ]
        }
        Buttons::Retry => vec![("重新下载", "button", start())],
    };
    // Alone, the button stands beside 下载本版PDF; the texts take the whole width.
    let idle = shown.text.is_empty();
    html! {
        <section class={classes!("offline-download", idle.then_some("idle"))} aria-label="下载本期">
            <div role="status">
                if let Some((done, total)) = shown.progress {
                    <progress max={total.max(1).to_string()} value={done.to_string()} aria-label="下载进度" />
                }
                if !idle { <p>{ shown.text }</p> }
            </div>
            { for buttons.into_iter().map(|(label, class, onclick)| html! { <button {class} {onclick}>{ label }</button> }) }
        </section>
    }
}

/// Asks the worker to size (`plan`) or store (`download`) the edition: it
/// reads the edition file itself and replies with what to show.
#[cfg(target_arch = "wasm32")]
fn post(kind: &str, id: u32, edition: &Edition, url: &str) -> bool {
    use crate::web::services::offline;
    let first = edition.pages.first();
    let px = first.and_then(|p| offline::fitted_px(p.width, p.height));
    offline::post_edition(kind, id, url, px.unwrap_or(1200.0))
}

#[cfg(not(target_arch = "wasm32"))]
fn post(_: &str, _: u32, _: &Edition, _: &str) -> bool {
    false
}

#[cfg(target_arch = "wasm32")]
mod live {
    use super::{Buttons, View};
    use crate::web::services::offline;
    use std::cell::RefCell;
    use std::rc::Rc;
    use yew::UseStateHandle;

    /// Registers the worker (services::offline::start; here, once the
    /// edition shows: registered earlier, it would claim the page while the
    /// edition's files are still in flight, and 'seen' would miss them); shows
    /// the control once it runs this page, and its replies to the latest request.
    pub fn follow(view: UseStateHandle<Option<View>>, request: Rc<RefCell<u32>>) -> impl FnOnce() {
        offline::start();
        let ready = {
            let view = view.clone();
            move || {
                if view.is_none() {
                    view.set(View::new("", Buttons::Plan));
                }
            }
        };
        let on_controller = if offline::controlled() {
            ready();
            None
        } else {
            offline::on_controller(ready)
        };
        let on_message = offline::on_message(move |data| {
            if offline::field(&data, "id") as u32 != *request.borrow() {
                return;
            }
            let n = |k| offline::field(&data, k) as u32;
            let (buttons, progress) = match offline::text_field(&data, "type").as_str() {
                "plan" => (Buttons::Start, None),
                "progress" => (Buttons::None, Some((n("done"), n("total")))),
                "done" if n("failed") > 0 => (Buttons::Retry, None),
                "done" => (Buttons::None, None),
                _ => (Buttons::Plan, None),
            };
            let text = offline::text_field(&data, "text");
            view.set(Some(View {
                text,
                progress,
                buttons,
            }));
        });
        move || drop((on_controller, on_message))
    }
}
