//! The app's side of the host protocol: tells the host what the reader does,
//! obeys its commands, and shares through it when there is one.

use super::services::host::{self, Host};
use super::services::{location, share, storage};
use crate::bridge::{Outgoing, PendingCommands};
use crate::route::Place;
use crate::state::{Action, AppState, Load};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// How long host commands are gathered before the app acts on them.
const BURST_MS: u32 = 30;

/// A link to share, with what the host's share sheet shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRequest {
    pub title: String,
    pub place: Place,
    pub summary: String,
}

/// Wires the host (if any) to the state; returns how to share.
#[hook]
pub fn use_host_bridge(
    state: &UseReducerHandle<AppState>,
    toast: Callback<Option<String>>,
) -> Callback<ShareRequest> {
    let host = use_memo((), |_| host::detect());
    // A command naming only a page or an article means "in the edition shown".
    let shown_date = use_mut_ref(|| None::<String>);
    *shown_date.borrow_mut() = state.place.date.clone();
    {
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            // The reader's remembered text size and theme, from the start
            // (the theme colours the whole app, not only the reader).
            storage::apply(storage::load());
            // Commands are merged and acted on at most every BURST_MS: a host
            // that sends 500 at once gets one navigation, not a 2 s stall.
            let pending = Rc::new(RefCell::new(PendingCommands::default()));
            let timer = Rc::new(RefCell::new(None::<Timeout>));
            let listener = host::listen(move |command| {
                if !pending.borrow_mut().push(command) {
                    return; // a flush is already scheduled
                }
                let (pending, shown_date, d) = (pending.clone(), shown_date.clone(), d.clone());
                *timer.borrow_mut() = Some(Timeout::new(BURST_MS, move || {
                    let burst = pending.borrow_mut().take();
                    if let Some(scale) = burst.text_size {
                        // The same setting as the reader's 字号, remembered alike.
                        storage::save(storage::Settings {
                            text_scale: scale,
                            ..storage::load()
                        });
                    }
                    if let Some(mut place) = burst.open {
                        if place.date.is_none() {
                            place.date = shown_date.borrow().clone();
                        }
                        location::push(&location::base(), &place, place.article.is_some());
                        d.dispatch(Action::Navigate(place));
                    }
                }));
            });
            move || drop(listener)
        });
    }
    let ready = use_mut_ref(|| false);
    let shown = state
        .edition
        .ready()
        .map(|e| (e.date.clone(), state.place.page.unwrap_or(1)));
    {
        let host = host.clone();
        use_effect_with(shown, move |shown| {
            if let Some((edition, page)) = shown.clone() {
                let first = !std::mem::replace(&mut *ready.borrow_mut(), true);
                host.send(&if first {
                    Outgoing::Ready { edition, page }
                } else {
                    Outgoing::PageChanged { edition, page }
                });
            }
        });
    }
    let opened = state.place.article.clone().and_then(|id| {
        let title = state.edition.ready()?.article(&id)?.title.clone();
        Some((id, title, location::link_to(&state.place)))
    });
    {
        let host = host.clone();
        use_effect_with(opened, move |opened| {
            if let Some((id, title, url)) = opened.clone() {
                host.send(&Outgoing::ArticleOpened { id, title, url });
            }
        });
    }
    let failure = match &state.edition {
        Load::Failed(err) => Some(err.reader_message()),
        _ => None,
    };
    {
        let host = host.clone();
        use_effect_with(failure, move |failure| {
            if let Some(message) = failure.clone() {
                host.send(&Outgoing::Error { message });
            }
        });
    }
    Callback::from(move |request: ShareRequest| share_via(&host, request, toast.clone()))
}

fn share_via(host: &Rc<Host>, request: ShareRequest, toast: Callback<Option<String>>) {
    let url = location::link_to(&request.place);
    if host.is_present() {
        host.send(&Outgoing::ShareRequested {
            title: request.title,
            url,
            summary: request.summary,
        });
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let message = match share::share(&request.title, &url).await {
            share::Shared::Copied => Some("链接已复制，可以粘贴分享".to_string()),
            share::Shared::Failed => Some(format!("请复制链接分享：{url}")),
            share::Shared::Sheet | share::Shared::Cancelled => None,
        };
        toast.emit(message);
    });
}
