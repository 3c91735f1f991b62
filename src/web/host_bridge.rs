//! The app's side of the host protocol: tells the host what the reader does,
//! obeys its commands, and shares through it when there is one.

use super::services::host::{self, Host};
use super::services::{location, share};
use crate::bridge::{Incoming, Outgoing};
use crate::route::Place;
use crate::state::{Action, AppState, Load};
use std::rc::Rc;
use yew::prelude::*;

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
            let listener = host::listen(move |command| match command {
                Incoming::Open(mut place) => {
                    if place.date.is_none() {
                        place.date = shown_date.borrow().clone();
                    }
                    location::push(&location::base(), &place, place.article.is_some());
                    d.dispatch(Action::Navigate(place));
                }
                Incoming::TextSize(scale) => host::set_text_scale(scale),
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
