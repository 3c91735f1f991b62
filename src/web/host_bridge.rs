//! The app's side of the host protocol (docs/embedding.md). The protocol
//! itself — the messages to the host, its commands, their checks — is the
//! second module's (web/lazy_host.rs): the first load only asks whether
//! there is a host, and then starts that module at once (not at idle),
//! tells its host side what the reader sees, and acts on what it asks.
//! Commands that come before it are kept by web/boot.js; the first of them
//! starts it too (a native host may command a page it gave no bridge).

use super::effect::{use_effect_on, Always};
use super::lazy::{self, field, join, none_if_empty, LazyEvent, SEP};
use super::services::{host, location, share, storage};
use crate::route::Place;
use crate::state::{Action, AppState, Load};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// A link to share, with what the host's share sheet shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRequest {
    pub title: String,
    pub place: Place,
    pub summary: String,
}

/// The host side's inputs (web/lazy_host.rs): what the host hears about
/// (it is told only what changed), and the last share request with its
/// number (a new number is a new request). The app writes them as fields
/// (`news` and `share_fields`, then `args`); the host side reads them here.
// Read only by the second module (wasm32); natively by the tests.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
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

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
impl HostArgs {
    pub fn decode(text: &str) -> Option<HostArgs> {
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

/// The news fields of `HostArgs`: edition, page, article id, title, link,
/// failure (empty: none).
fn news(state: &AppState) -> String {
    let edition = state.edition.ready();
    let (date, page) = match edition {
        Some(e) => (e.date.as_str(), state.place.page.unwrap_or(1).to_string()),
        None => ("", String::new()),
    };
    let opened = state.place.article.as_deref().and_then(|id| {
        let title = &edition?.article(id)?.title;
        Some((id, field(title), location::link_to(&state.place)))
    });
    let (id, title, url) = opened.unwrap_or_default();
    let failure = match &state.edition {
        Load::Failed(err) => field(&err.reader_message()),
        _ => String::new(),
    };
    join(&[date, &page, id, &title, &url, &failure])
}

/// A share request's fields of `HostArgs`: title, link, summary.
fn share_fields(request: &ShareRequest, url: &str) -> String {
    join(&[&field(&request.title), url, &field(&request.summary)])
}

/// The host side's arguments: the news, then the share request.
fn args(news: &str, shares: u32, share: &str) -> String {
    let share = if shares == 0 {
        join(&["", "", ""])
    } else {
        share.into()
    };
    join(&[news, &shares.to_string(), &share])
}

/// Where the host side is.
enum Side {
    /// Not asked for: no host, and no message yet.
    Off,
    Loading,
    /// Mounted; the arguments it was last given.
    Up(lazy::Mounted, String),
    /// The module could not be loaded: the host hears nothing, and 分享
    /// uses the web.
    Failed,
}

/// The bridge's memory, in one cell (each hook costs the module its own code).
struct Bridge {
    /// A host transport was found at the first render (host::is_present).
    present: bool,
    begun: bool,
    side: Side,
    /// The news of the latest render (`news`).
    news: String,
    /// How many share requests there were, and the last (`share_fields`).
    share: (u32, String),
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
    toast: super::hooks::Cell<Option<String>>,
) -> Callback<ShareRequest> {
    // Decided once, at the first render: from then on the news are kept.
    let bridge = use_mut_ref(|| Bridge {
        present: host::is_present(),
        begun: false,
        side: Side::Off,
        news: String::new(),
        share: (0, String::new()),
        shown_date: None,
        on_share: None,
    });
    let on_share = {
        let mut b = bridge.borrow_mut();
        b.shown_date = state.place.date.clone();
        // Without a host the host side (if a message brought it) has
        // nobody to tell.
        if b.present {
            b.news = news(state);
        }
        let cell = bridge.clone();
        let make = || Callback::from(move |request| share_via(&cell, request, &toast));
        b.on_share.get_or_insert_with(make).clone()
    };
    let d = state.dispatcher();
    // After every render: the host side hears the news (it sends only what
    // changed); the first time, whether there is a host.
    use_effect_on(Always, move |_| {
        if !std::mem::replace(&mut bridge.borrow_mut().begun, true) {
            begin(&bridge, d);
        }
        tell(&bridge);
    });
    on_share
}

/// At start: the reader's settings; the host side at once if there is a
/// host or a message came, else when the first message comes.
fn begin(bridge: &Cell, d: UseReducerDispatcher<AppState>) {
    // The reader's remembered text size and theme, from the start (the
    // theme colours the whole app, not only the reader).
    storage::apply(storage::load());
    let present = bridge.borrow().present;
    let window = gloo::utils::window().into();
    let inbox = js_sys::Reflect::get(&window, &"__epaperInbox".into()).unwrap_or_default();
    let mail = js_sys::Reflect::get(&inbox, &"length".into())
        .ok()
        .and_then(|n| n.as_f64())
        .is_some_and(|n| n > 0.0);
    let bridge = bridge.clone();
    if present || mail {
        start(bridge, d);
    } else {
        // The first message web/boot.js keeps calls this (once).
        let wake = wasm_bindgen::closure::Closure::once_into_js(move || start(bridge, d));
        let _ = js_sys::Reflect::set(&inbox, &"wake".into(), &wake);
    }
}

/// Loads the second module and mounts the host side in it.
fn start(bridge: Cell, d: UseReducerDispatcher<AppState>) {
    bridge.borrow_mut().side = Side::Loading;
    lazy::load(move |ok| {
        let cell = bridge.clone();
        let on_event = Callback::from(move |e| obey(&cell, e, &d));
        let side = ok
            .then(|| lazy::mount_headless("host", "", on_event))
            .flatten();
        bridge.borrow_mut().side = match side {
            Some(side) => Side::Up(side, String::new()),
            None => {
                gloo::console::error!("[昌吉日报数字报] no host side: the host app hears nothing");
                Side::Failed
            }
        };
        tell(&bridge);
    });
}

/// Gives the host side the news, if it is up and they changed.
fn tell(bridge: &Cell) {
    let mut b = bridge.borrow_mut();
    let b = &mut *b;
    if let Side::Up(side, told) = &mut b.side {
        let now = args(&b.news, b.share.0, &b.share.1);
        if *told != now {
            side.update(&now);
            *told = now;
        }
    }
}

/// What the host side asks the app to do: open a place (its text-size
/// command it carries out itself, as the 字号 panel does).
fn obey(bridge: &Cell, event: LazyEvent, d: &UseReducerDispatcher<AppState>) {
    if let LazyEvent::HostOpen(mut place) = event {
        if place.date.is_none() {
            place.date = bridge.borrow().shown_date.clone();
        }
        location::push(&location::base(), &place, place.article.is_some());
        d.dispatch(Action::Navigate(place));
    }
}

fn share_via(bridge: &Cell, request: ShareRequest, toast: &super::hooks::Cell<Option<String>>) {
    {
        let mut b = bridge.borrow_mut();
        if b.present && !matches!(b.side, Side::Failed) {
            // To the host (once its side is up, if it is still loading).
            let url = location::link_to(&request.place);
            b.share = (b.share.0 + 1, share_fields(&request, &url));
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
        let news = join(&[
            "2025-05-21",
            "3",
            "a-1",
            "标题",
            "https://x/2025-05-21/3/a-1/",
            "没有找到",
        ]);
        let share = join(&["标题", "https://x/a/", "摘要"]);
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
        assert_eq!(HostArgs::decode(&args(&news, 2, &share)), Some(full));
        let nothing = join(&["", "", "", "", "", ""]);
        assert_eq!(
            HostArgs::decode(&args(&nothing, 0, "")),
            Some(HostArgs::default())
        );
        assert_eq!(HostArgs::decode("2025-05-21"), None, "too few fields");
    }

    #[test]
    fn edition_text_cannot_split_the_host_sides_fields() {
        let request = ShareRequest {
            title: "x\u{1f}y".into(),
            place: Place {
                date: Some("2025-05-21".into()),
                page: Some(1),
                article: Some("a".into()),
            },
            summary: "s\u{1f}t".into(),
        };
        let news = join(&["", "", "a", &field("x\u{1f}y"), "/a/", ""]);
        let back = HostArgs::decode(&args(&news, 1, &share_fields(&request, "/a/"))).unwrap();
        assert_eq!(back.opened.unwrap().1, "x y");
        let (title, _, summary) = back.share.unwrap();
        assert_eq!((title.as_str(), summary.as_str()), ("x y", "s t"));
    }
}
