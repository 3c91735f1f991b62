//! The app's side of the host protocol (docs/embedding.md). The protocol
//! itself — the messages to the host, its commands, their checks — is the
//! second module's (web/lazy_host.rs): the first load only asks whether
//! there is a host, and then starts that module at once (not at idle),
//! tells its host side what the reader sees, and acts on what it asks.
//! Commands that come before it are kept by web/boot.js; the first of them
//! starts it too (a native host may command a page it gave no bridge).

use super::effect::{use_effect_on, Always};
use super::lazy::{self, Args, LazyEvent};
use super::services::{host, location, share, storage};
use crate::route::Place;
use crate::state::{Action, AppState, Load};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// A link to share, with what the host's share sheet shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRequest {
    pub title: String,
    pub place: Place,
    pub summary: String,
}

/// The host side's inputs: what the host hears about (it tells the host
/// only what changed), and the last share request with its number (a new
/// number is a new request).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostArgs {
    /// The edition and page shown.
    pub shown: Option<(String, u32)>,
    /// The article open: id, title, link.
    pub opened: Option<(String, String, String)>,
    /// The failure shown, as the reader reads it.
    pub failure: Option<String>,
    pub shares: u32,
    /// Title, link, summary.
    pub share: Option<(String, String, String)>,
}

impl Args for HostArgs {
    fn encode(&self) -> String {
        use super::lazy::{field, join};
        let (edition, page) = match &self.shown {
            Some((e, p)) => (e.as_str(), p.to_string()),
            None => ("", String::new()),
        };
        let none = (String::new(), String::new(), String::new());
        let opened = self.opened.as_ref().unwrap_or(&none);
        let share = self.share.as_ref().unwrap_or(&none);
        let (title, s_title, s_summary) = (field(&opened.1), field(&share.0), field(&share.2));
        let failure = self.failure.as_deref().map(field).unwrap_or_default();
        let shares = self.shares.to_string();
        join(&[
            edition, &page, &opened.0, &title, &opened.2, &failure, &shares, &s_title, &share.1,
            &s_summary,
        ])
    }

    fn decode(text: &str) -> Option<HostArgs> {
        use super::lazy::{none_if_empty, SEP};
        let f: Vec<&str> = text.split(SEP).collect();
        let [edition, page, id, title, url, failure, shares, s_title, s_url, s_summary] = f[..]
        else {
            return None;
        };
        let three = |a: &str, b: &str, c: &str| (a.into(), b.into(), c.into());
        Some(HostArgs {
            shown: match edition {
                "" => None,
                e => Some((e.into(), page.parse().ok()?)),
            },
            opened: (!id.is_empty()).then(|| three(id, title, url)),
            failure: none_if_empty(failure),
            shares: shares.parse().ok()?,
            share: (!s_url.is_empty()).then(|| three(s_title, s_url, s_summary)),
        })
    }
}

/// Where the host side is.
enum Side {
    /// Not asked for: no host, and no message yet.
    Off,
    Loading,
    /// Mounted; the inputs it was last given.
    Up(lazy::Mounted, String),
    /// The module could not be loaded: the host hears nothing, and 分享
    /// uses the web.
    Failed,
}

/// What the host hears about: the edition and page shown, the article
/// open (id, title, place), the failure shown.
type News = (
    Option<(String, u32)>,
    Option<(String, String, Place)>,
    Option<String>,
);

/// The bridge's memory, in one cell (each hook costs the module its own code).
struct Bridge {
    /// A host transport was found at start (host::is_present).
    present: bool,
    side: Side,
    news: News,
    /// The last share request and how many there were.
    share: (u32, Option<ShareRequest>),
    /// The date shown: a command naming only a page or an article means
    /// "in the edition shown".
    shown_date: Option<String>,
    /// How to share, made once: views given it never see a new callback.
    on_share: Option<Callback<ShareRequest>>,
}

type Cell = Rc<RefCell<Bridge>>;

/// Wires the host (if any) to the state; returns how to share.
#[hook]
pub fn use_host_bridge(
    state: &UseReducerHandle<AppState>,
    toast: UseStateSetter<Option<String>>,
) -> Callback<ShareRequest> {
    let bridge = use_mut_ref(|| Bridge {
        present: host::is_present(),
        side: Side::Off,
        news: (None, None, None),
        share: (0, None),
        shown_date: None,
        on_share: None,
    });
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
    let on_share = {
        let mut b = bridge.borrow_mut();
        b.shown_date = state.place.date.clone();
        b.news = (shown, opened, failure);
        let cell = bridge.clone();
        let make = || Callback::from(move |request| share_via(&cell, request, &toast));
        b.on_share.get_or_insert_with(make).clone()
    };
    {
        let d = state.dispatcher();
        let bridge = bridge.clone();
        use_effect_on((), move |_| {
            // The reader's remembered text size and theme, from the start
            // (the theme colours the whole app, not only the reader).
            storage::apply(storage::load());
            let cell = bridge.clone();
            let on_event = Callback::from(move |e| obey(&cell, e, &d));
            let inbox = inbox();
            let mail = js_sys::Reflect::get(&inbox, &"length".into())
                .ok()
                .and_then(|n| n.as_f64())
                .is_some_and(|n| n > 0.0);
            if bridge.borrow().present || mail {
                start(&bridge, on_event);
            } else {
                // The first message boot.js keeps calls this (once).
                let wake =
                    wasm_bindgen::closure::Closure::once_into_js(move || start(&bridge, on_event));
                let _ = js_sys::Reflect::set(&inbox, &"wake".into(), &wake);
            }
        });
    }
    // After every render: the host side hears the news (it sends only what
    // changed).
    let b = bridge.clone();
    use_effect_on(Always, move |_| tell(&b));
    on_share
}

/// The messages web/boot.js keeps until the host side listens.
fn inbox() -> JsValue {
    let window = gloo::utils::window().into();
    js_sys::Reflect::get(&window, &"__epaperInbox".into()).unwrap_or_default()
}

/// Loads the second module and mounts the host side in it, once.
fn start(bridge: &Cell, on_event: Callback<LazyEvent>) {
    if !matches!(bridge.borrow().side, Side::Off) {
        return;
    }
    bridge.borrow_mut().side = Side::Loading;
    let bridge = bridge.clone();
    lazy::load(move |ok| {
        let args = args_of(&bridge.borrow()).encode();
        let side = ok
            .then(|| lazy::mount_headless("host", &args, on_event))
            .flatten();
        bridge.borrow_mut().side = match side {
            Some(side) => Side::Up(side, args),
            None => {
                gloo::console::error!("[昌吉日报数字报] no host side: the host app hears nothing");
                Side::Failed
            }
        };
    });
}

/// Gives the host side the news, if it is up and they changed.
fn tell(bridge: &Cell) {
    let mut b = bridge.borrow_mut();
    let args = match &b.side {
        Side::Up(..) => args_of(&b).encode(),
        _ => return,
    };
    if let Side::Up(side, told) = &mut b.side {
        if *told != args {
            side.update(&args);
            *told = args;
        }
    }
}

fn args_of(b: &Bridge) -> HostArgs {
    let (shown, opened, failure) = b.news.clone();
    let (shares, share) = &b.share;
    HostArgs {
        shown,
        opened: opened.map(|(id, title, place)| (id, title, location::link_to(&place))),
        failure,
        shares: *shares,
        share: share.as_ref().map(|r| {
            let url = location::link_to(&r.place);
            (r.title.clone(), url, r.summary.clone())
        }),
    }
}

/// What the host side asks the app to do.
fn obey(bridge: &Cell, event: LazyEvent, d: &UseReducerDispatcher<AppState>) {
    match event {
        LazyEvent::TextSize(permille) => {
            // The same setting as the reader's 字号, remembered alike.
            // (Checked by the host side: 0.8 to 2.)
            storage::save(storage::Settings {
                text_scale: f64::from(permille) / 1000.0,
                ..storage::load()
            });
        }
        LazyEvent::HostOpen(mut place) => {
            if place.date.is_none() {
                place.date = bridge.borrow().shown_date.clone();
            }
            location::push(&location::base(), &place, place.article.is_some());
            d.dispatch(Action::Navigate(place));
        }
        _ => {}
    }
}

fn share_via(bridge: &Cell, request: ShareRequest, toast: &UseStateSetter<Option<String>>) {
    {
        let mut b = bridge.borrow_mut();
        if b.present && !matches!(b.side, Side::Failed) {
            // To the host (once its side is up, if it is still loading).
            b.share = (b.share.0 + 1, Some(request));
            drop(b);
            tell(bridge);
            return;
        }
    }
    let url = location::link_to(&request.place);
    let toast = toast.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let message = match share::share(&request.title, &url).await {
            share::Shared::Copied => Some("链接已复制，可以粘贴分享".to_string()),
            share::Shared::Failed => Some(format!("请复制链接分享：{url}")),
            share::Shared::Sheet | share::Shared::Cancelled => None,
        };
        toast.set(message);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_sides_arguments_survive_the_trip() {
        let full = HostArgs {
            shown: Some(("2025-05-21".into(), 3)),
            opened: Some((
                "a-1".into(),
                "标题".into(),
                "https://x/2025-05-21/3/a-1/".into(),
            )),
            failure: Some("没有找到".into()),
            shares: 2,
            share: Some(("标题".into(), "https://x/a/".into(), "摘要".into())),
        };
        assert_eq!(HostArgs::decode(&full.encode()), Some(full));
        let empty = HostArgs::default();
        assert_eq!(HostArgs::decode(&empty.encode()), Some(empty));
    }

    #[test]
    fn edition_text_cannot_split_the_host_sides_fields() {
        let args = HostArgs {
            opened: Some(("a".into(), "x\u{1f}y".into(), "/a/".into())),
            share: Some(("x\u{1f}y".into(), "/a/".into(), "s\u{1f}t".into())),
            shares: 1,
            ..HostArgs::default()
        };
        let back = HostArgs::decode(&args.encode()).unwrap();
        assert_eq!(back.opened.unwrap().1, "x y");
        assert_eq!(
            back.share.unwrap(),
            ("x y".into(), "/a/".into(), "s t".into())
        );
    }
}
