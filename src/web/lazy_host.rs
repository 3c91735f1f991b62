//! The host side, in the second module (mounted by web/host_bridge.rs as
//! the headless "host" of lazy/src/lib.rs): tells the host app what the
//! reader sees (docs/embedding.md) and hears its commands, checked in
//! src/bridge.rs. A place to open goes back to the app as a `LazyEvent`, and
//! the app opens it (the state and the history are the app's); a text size
//! is stored here, as the 字号 panel (also of this module) stores it.
//! Readers without a host never download it at start.

use super::host_bridge::HostArgs;
use super::lazy::LazyEvent;
use super::services::host::{self, Host};
use super::services::storage;
use crate::bridge::{Incoming, Outgoing, PendingCommands};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::Callback;

/// How long host commands are gathered before the app acts on them.
const BURST_MS: u32 = 30;

pub struct HostSide {
    host: Host,
    /// What the host was told last (it hears only what changed).
    told: HostArgs,
    /// `ready` sent (later pages are `page-changed`).
    ready: bool,
    _listener: EventListener,
}

impl HostSide {
    /// Starts listening (after the commands boot.js kept meanwhile) and
    /// tells the host what `args` say, if anything (the app's first
    /// `update` may bring them).
    pub fn new(args: &str, emit: Callback<LazyEvent>) -> HostSide {
        // Commands are merged and acted on at most every BURST_MS: a host
        // that sends 500 at once gets one navigation, not a 2 s stall.
        let pending = Rc::new(RefCell::new(PendingCommands::default()));
        let timer = Rc::new(RefCell::new(None::<Timeout>));
        let listener = host::listen(move |command: Incoming| {
            if !pending.borrow_mut().push(command) {
                return; // a flush is already scheduled
            }
            let (pending, emit) = (pending.clone(), emit.clone());
            *timer.borrow_mut() = Some(Timeout::new(BURST_MS, move || {
                let burst = pending.borrow_mut().take();
                if let Some(scale) = burst.text_size {
                    // The same setting as the reader's 字号, remembered alike.
                    storage::save(storage::Settings {
                        text_scale: scale,
                        ..storage::load()
                    });
                }
                if let Some(place) = burst.open {
                    emit.emit(LazyEvent::HostOpen(place));
                }
            }));
        });
        let mut side = HostSide {
            host: host::detect(),
            told: HostArgs::default(),
            ready: false,
            _listener: listener,
        };
        side.update(args);
        side
    }

    /// New arguments from the app; ignored if unreadable.
    pub fn update(&mut self, args: &str) {
        if let Some(args) = HostArgs::decode(args) {
            self.tell(args);
        }
    }

    fn tell(&mut self, news: HostArgs) {
        let told = std::mem::replace(&mut self.told, news.clone());
        let host = &self.host;
        if let Some((edition, page)) = news.shown.filter(|s| Some(s) != told.shown.as_ref()) {
            host.send(&if std::mem::replace(&mut self.ready, true) {
                Outgoing::PageChanged { edition, page }
            } else {
                Outgoing::Ready { edition, page }
            });
        }
        if let Some((id, title, url)) = news.opened.filter(|o| Some(o) != told.opened.as_ref()) {
            host.send(&Outgoing::ArticleOpened { id, title, url });
        }
        if let Some(message) = news.failure.filter(|f| Some(f) != told.failure.as_ref()) {
            host.send(&Outgoing::Error { message });
        }
        if news.shares != told.shares {
            if let Some((title, url, summary)) = news.share {
                host.send(&Outgoing::ShareRequested {
                    title,
                    url,
                    summary,
                });
            }
        }
    }
}
