//! Under 本版标题: 下载本版PDF where the page has a PDF (also on the
//! published page), and 下载本期, which stores the whole edition for reading
//! without a network. The latter is shown only where a service worker runs
//! this page (web/sw.js; not in many in-app webviews): elsewhere nothing
//! changes. The worker does the work (what the edition needs, sizes,
//! progress, the lines shown): this side only asks and shows, and the
//! asking and showing is the second module's (`DownloadPanel`), as a reader
//! reaches it only by pressing 下载本期.

use crate::edition::resolve_url;
use crate::meta::page_name;
#[cfg(target_arch = "wasm32")]
use crate::web::lazy::PanelProps;
use crate::web::lazy::{self, Args, DownloadArgs, LazyEvent, LazySlot, Screen};
use crate::web::EditionRef;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A plain function, not a component: 下载本期's state is the app's
/// (`use_offline`), and a component costs the module its own copy of Yew's
/// machinery.
pub fn offline_tools(
    edition: &EditionRef,
    edition_url: &str,
    page: u32,
    offline: &Offline,
) -> Html {
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
            { download(edition, edition_url, offline) }
        </div>
    }
}

/// 下载本期's state, kept by the app.
#[derive(Clone, PartialEq, Default)]
pub struct Offline {
    /// A worker runs this page (never, in many webviews): 下载本期 is offered.
    pub controlled: bool,
    /// The edition (its date) whose 下载本期 was pressed.
    pub active: Option<String>,
    /// Pressed (the edition's date) or closed (None).
    pub set_active: Callback<Option<String>>,
}

/// Registers the worker once the page's tools show (`shown`: the edition
/// is open, not under the search screen), follows whether it runs this
/// page, and gives the focus back to 下载本期 when its panel closes (取消
/// takes the panel, and the focus in it, away).
#[hook]
pub fn use_offline(shown: bool) -> Offline {
    let controlled = crate::web::hooks::use_cell(|| false);
    // Pressed for this edition (another edition: the button again).
    let active = crate::web::hooks::use_cell(|| None::<String>);
    #[cfg(target_arch = "wasm32")]
    {
        let (controlled, active) = (controlled.clone(), active.clone());
        crate::web::effect::use_effect_on(shown, move |shown| {
            // Gone with the page (loading, failed, the search screen): the
            // button again when it comes back.
            if !shown {
                active.set(None);
            }
            let follow = shown.then(|| live::follow(controlled));
            move || follow.map_or((), |stop| stop())
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = shown;
    {
        let was = use_mut_ref(|| false);
        crate::web::effect::use_effect_on(active.borrow().is_some(), move |pressed| {
            let closed = std::mem::replace(&mut *was.borrow_mut(), *pressed) && !pressed;
            let button = || {
                let el =
                    gloo::utils::document().query_selector("#app .offline-download.idle button");
                el.ok().flatten()?.dyn_into::<web_sys::HtmlElement>().ok()
            };
            if let Some(el) = button().filter(|_| closed) {
                crate::web::hooks::focus_if_lost(&el);
            }
        });
    }
    Offline {
        controlled: controlled.get(),
        active: active.get(),
        set_active: Callback::from(move |date| active.set(date)),
    }
}

/// 下载本期 as the app shows it: the button, once a worker runs this page;
/// pressed, the second module's `DownloadPanel` takes its place and talks to
/// the worker.
fn download(edition: &EditionRef, edition_url: &str, offline: &Offline) -> Html {
    if !offline.controlled {
        return html! {};
    }
    let date = &edition.date;
    if offline.active.as_ref() == Some(date) {
        let first = edition.pages.first();
        let page = first.map_or((0, 0), |p| (p.width as u32, p.height as u32));
        let args = DownloadArgs {
            edition_url: edition_url.to_string(),
            page,
        };
        let set_active = offline.set_active.clone();
        let on_event = Callback::from(move |e| {
            if e == LazyEvent::Close {
                set_active.emit(None)
            }
        });
        return html! { <LazySlot screen={Screen::Download} args={args.encode()} {on_event} /> };
    }
    let onclick = super::follow(&offline.set_active, Some(date.clone()));
    html! {
        <section class="offline-download idle" aria-label="下载本期">
            <button class="button" {onclick} onpointerover={lazy::intent()} onfocus={lazy::intent()}>{ "下载本期" }</button>
        </section>
    }
}

/// What 下载本期 shows: a line, a progress bar, which buttons. Every line
/// after the first comes from the worker, which works out what the edition
/// needs and stores it (web/sw.js).
#[cfg(target_arch = "wasm32")]
#[derive(Clone, PartialEq)]
struct View {
    text: String,
    progress: Option<(u32, u32)>,
    buttons: Buttons,
}

#[cfg(target_arch = "wasm32")]
#[derive(Clone, Copy, PartialEq)]
enum Buttons {
    None,
    /// 开始下载 and 取消, under the size.
    Start,
    /// 重新下载, after some files failed.
    Retry,
}

#[cfg(target_arch = "wasm32")]
impl View {
    fn new(text: &str, buttons: Buttons) -> View {
        View {
            text: text.into(),
            progress: None,
            buttons,
        }
    }
}

#[cfg(target_arch = "wasm32")]
/// 下载本期 pressed (second module; lazy_screens.rs): asks the worker for
/// the edition's size at once, then shows its replies; 取消 gives the app
/// its button back.
#[component]
pub fn DownloadPanel(props: &PanelProps<DownloadArgs>) -> Html {
    let view = use_state_eq(|| View::new("正在计算本期大小…", Buttons::None));
    let root = use_node_ref();
    // Which request the worker's replies belong to (a newer one wins).
    let request = use_mut_ref(|| 0_u32);
    let send = {
        let (view, request, args) = (view.clone(), request.clone(), props.args.clone());
        let emit = props.emit.clone();
        move |kind: &'static str, text: &'static str| {
            let id = {
                let mut r = request.borrow_mut();
                *r += 1;
                *r
            };
            if post(kind, id, &args) {
                view.set(View::new(text, Buttons::None));
            } else {
                // The worker has gone: the app's button again.
                emit.emit(LazyEvent::Close);
            }
        }
    };
    {
        let (view, request, send, root) =
            (view.clone(), request.clone(), send.clone(), root.clone());
        crate::web::effect::use_effect_on((), move |_| {
            // 下载本期, pressed, went with the button: the focus comes here.
            if let Some(el) = root.cast::<web_sys::HtmlElement>() {
                crate::web::hooks::focus_if_lost(&el);
            }
            let listener = live::replies(view, request);
            send("plan", "正在计算本期大小…");
            move || drop(listener)
        });
    }
    let start = || {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send("download", "正在准备下载…"))
    };
    let buttons = match view.buttons {
        Buttons::None => vec![],
        Buttons::Start => vec![
            ("开始下载", "button primary", start()),
            ("取消", "button", props.emit.reform(|_| LazyEvent::Close)),
        ],
        Buttons::Retry => vec![("重新下载", "button", start())],
    };
    html! {
        <section class="offline-download" aria-label="下载本期" tabindex="-1" ref={root}>
            <div role="status">
                if let Some((done, total)) = view.progress {
                    <progress max={total.max(1).to_string()} value={done.to_string()} aria-label="下载进度" />
                }
                <p>{ view.text.clone() }</p>
            </div>
            { for buttons.into_iter().map(|(label, class, onclick)| html! { <button {class} {onclick}>{ label }</button> }) }
        </section>
    }
}

/// Asks the worker to size (`plan`) or store (`download`) the edition: it
/// reads the edition file itself and replies with what to show.
#[cfg(target_arch = "wasm32")]
fn post(kind: &str, id: u32, args: &DownloadArgs) -> bool {
    use crate::web::services::offline;
    let (w, h) = args.page;
    let px = offline::fitted_px(w.into(), h.into());
    offline::post_edition(kind, id, &args.edition_url, px.unwrap_or(1200.0))
}

#[cfg(target_arch = "wasm32")]
mod live {
    use super::{Buttons, View};
    use crate::web::hooks::Cell;
    use crate::web::services::offline;
    use std::cell::RefCell;
    use std::rc::Rc;
    use yew::UseStateHandle;

    /// Registers the worker (services::offline::start; here, once the
    /// edition shows: registered earlier, it would claim the page while the
    /// edition's files are still in flight, and 'seen' would miss them);
    /// says when it runs this page.
    pub fn follow(controlled: Cell<bool>) -> impl FnOnce() {
        offline::start();
        let on_controller = if offline::controlled() {
            controlled.set(true);
            None
        } else {
            offline::on_controller(move || controlled.set(true))
        };
        move || drop(on_controller)
    }

    /// Shows the worker's replies to the latest request.
    pub fn replies(
        view: UseStateHandle<View>,
        request: Rc<RefCell<u32>>,
    ) -> Option<gloo::events::EventListener> {
        offline::on_message(move |data| {
            if offline::field(&data, "id") as u32 != *request.borrow() {
                return;
            }
            let n = |k| offline::field(&data, k) as u32;
            let (buttons, progress) = match offline::text_field(&data, "type").as_str() {
                "plan" => (Buttons::Start, None),
                "progress" => (Buttons::None, Some((n("done"), n("total")))),
                "done" if n("failed") > 0 => (Buttons::Retry, None),
                _ => (Buttons::None, None),
            };
            let text = offline::text_field(&data, "text");
            view.set(View {
                text,
                progress,
                buttons,
            });
        })
    }
}
