//! The app's side of the host protocol: tells the host what the reader does,
//! obeys its commands, and shares through it when there is one.

use super::effect::{use_effect_on, Always};
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

/// The bridge's memory, in one cell (each hook costs the module its own code).
struct Bridge {
    host: Rc<Host>,
    /// The date shown: a command naming only a page or an article means
    /// "in the edition shown".
    shown_date: Option<String>,
    /// What the host was last told, to tell it only what changed.
    told: News,
    /// `ready` sent (later pages are `page-changed`).
    ready: bool,
    /// How to share, made once: views given it never see a new callback.
    share: Callback<ShareRequest>,
}

/// What the host hears about: the edition and page shown, the article
/// open (id, title, place), the failure shown.
type News = (
    Option<(String, u32)>,
    Option<(String, String, Place)>,
    Option<String>,
);

/// Wires the host (if any) to the state; returns how to share.
#[hook]
pub fn use_host_bridge(
    state: &UseReducerHandle<AppState>,
    toast: super::hooks::Cell<Option<String>>,
) -> Callback<ShareRequest> {
    let bridge = use_mut_ref(|| {
        let host = Rc::new(host::detect());
        let to = host.clone();
        Bridge {
            host,
            shown_date: None,
            told: (None, None, None),
            ready: false,
            share: Callback::from(move |request| share_via(&to, request, toast.clone())),
        }
    });
    bridge.borrow_mut().shown_date = state.place.date.clone();
    {
        let d = state.dispatcher();
        let bridge = bridge.clone();
        use_effect_on((), move |_| {
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
                let (pending, bridge, d) = (pending.clone(), bridge.clone(), d.clone());
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
                            place.date = bridge.borrow().shown_date.clone();
                        }
                        location::push(&location::base(), &place, place.article.is_some());
                        d.dispatch(Action::Navigate(place));
                    }
                }));
            });
            move || drop(listener)
        });
    }
    let shown = state
        .edition
        .ready()
        .map(|e| (e.date.clone(), state.place.page.unwrap_or(1)));
    let opened = state.place.article.clone().and_then(|id| {
        let title = state.edition.ready()?.article(&id)?.title.clone();
        Some((id, title, state.place.clone()))
    });
    let failure = match &state.edition {
        Load::Failed(err) => Some(err.reader_message()),
        _ => None,
    };
    let share = bridge.borrow().share.clone();
    // After every render: what the host was told is the memory, so only
    // what changed is sent.
    use_effect_on(Always, move |_| {
        // The borrow ends before anything is sent.
        let (told, first, host) = {
            let mut b = bridge.borrow_mut();
            let first = shown.is_some() && !b.ready;
            b.ready |= first;
            let news = (shown.clone(), opened.clone(), failure.clone());
            (std::mem::replace(&mut b.told, news), first, b.host.clone())
        };
        if let Some((edition, page)) = shown.filter(|s| Some(s) != told.0.as_ref()) {
            host.send(&if first {
                Outgoing::Ready { edition, page }
            } else {
                Outgoing::PageChanged { edition, page }
            });
        }
        if let Some((id, title, place)) = opened.filter(|o| Some(o) != told.1.as_ref()) {
            let url = location::link_to(&place);
            host.send(&Outgoing::ArticleOpened { id, title, url });
        }
        if let Some(message) = failure.filter(|f| Some(f) != told.2.as_ref()) {
            host.send(&Outgoing::Error { message });
        }
    });
    share
}

fn share_via(host: &Rc<Host>, request: ShareRequest, toast: super::hooks::Cell<Option<String>>) {
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
        toast.set(message);
    });
}
