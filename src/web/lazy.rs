//! The second WebAssembly module (crate `lazy/`): the article reader (its
//! text, and its photo full-size, 听新闻 and 字号/夜间 panel) and what a
//! reader reaches only by a second action (the search screen, the 往期
//! calendar, 下载本期). It is downloaded once the page is shown and the
//! browser is idle (and then warms the reader: web/hooks/warm.rs), or at once
//! when a reader reaches for it first, so the first load carries none of it
//! and the page paints sooner (docs/deploy.md).
//!
//! The app shows a `LazySlot` where the screen goes: a calm placeholder while
//! the module loads, a message with 重试 if it cannot, and then the module's
//! own Yew app mounted inside it. The two modules share no memory: the app
//! sends the screen's inputs as one string (`SearchArgs`/`CalendarArgs`,
//! `encode`) and the screen sends back what the reader did (`LazyEvent`);
//! the app keeps the state, the address and the history.

use crate::route::{Links, Place};
use crate::web::components::{classed, when};
use crate::web::host_bridge::ShareRequest;
use yew::prelude::*;

/// Field separator of the strings passed between the modules (no query,
/// date, id or URL the app handles contains it).
pub(crate) const SEP: char = '\u{1f}';

/// What the reader did in a lazily loaded screen.
#[derive(Debug, Clone, PartialEq)]
pub enum LazyEvent {
    /// A new query was submitted on the search screen.
    Search(String),
    /// A search result was opened: its place, and the query to mark.
    Open {
        date: String,
        page: u32,
        article: String,
        query: String,
    },
    /// The calendar moved to another month.
    Month(i32, u32),
    /// A day of the calendar was picked.
    Pick(String),
    /// The screen asks to close (the calendar's or the settings' Esc, the
    /// photo closed, 下载本期 cancelled).
    Close,
    /// 听新闻 reads this piece (0: the headline, `n + 1`: block `n`); None:
    /// nothing is marked any more.
    Speaking(Option<usize>),
    /// 听新闻 read to the end and the reader asked for the next article.
    ReadOn,
    /// The host app asked to open this place (web/lazy_host.rs; no date:
    /// in the edition shown).
    HostOpen(Place),
    /// The reader went on to this article (上一篇/下一篇, 继续听下一篇).
    Step(String),
    /// The reader's 分享 (through the host app, or the web: the app's).
    Share(ShareRequest),
}

impl LazyEvent {
    pub fn encode(&self) -> String {
        match self {
            LazyEvent::Search(q) => format!("search{SEP}{q}"),
            LazyEvent::Open {
                date,
                page,
                article,
                query,
            } => {
                let query = field(query);
                format!("open{SEP}{date}{SEP}{page}{SEP}{article}{SEP}{query}")
            }
            LazyEvent::Month(y, m) => format!("month{SEP}{y}{SEP}{m}"),
            LazyEvent::Pick(date) => format!("pick{SEP}{date}"),
            LazyEvent::Close => "close".into(),
            LazyEvent::Speaking(at) => {
                format!(
                    "speak{SEP}{}",
                    at.map(|i| i.to_string()).unwrap_or_default()
                )
            }
            LazyEvent::ReadOn => "readon".into(),
            LazyEvent::HostOpen(p) => format!("hopen{SEP}{}", place_fields(p)),
            LazyEvent::Step(id) => format!("step{SEP}{id}"),
            LazyEvent::Share(r) => {
                let (title, summary) = (field(&r.title), field(&r.summary));
                format!(
                    "share{SEP}{}{SEP}{title}{SEP}{summary}",
                    place_fields(&r.place)
                )
            }
        }
    }

    pub fn decode(text: &str) -> Option<LazyEvent> {
        let mut f = text.splitn(6, SEP);
        Some(match f.next()? {
            "search" => LazyEvent::Search(f.next()?.into()),
            "open" => LazyEvent::Open {
                date: f.next()?.into(),
                page: f.next()?.parse().ok()?,
                article: f.next()?.into(),
                query: f.next()?.into(),
            },
            "month" => LazyEvent::Month(f.next()?.parse().ok()?, f.next()?.parse().ok()?),
            "pick" => LazyEvent::Pick(f.next()?.into()),
            "close" => LazyEvent::Close,
            "speak" => LazyEvent::Speaking(match f.next()? {
                "" => None,
                n => Some(n.parse().ok()?),
            }),
            "readon" => LazyEvent::ReadOn,
            "hopen" => LazyEvent::HostOpen(read_place(&mut f)?),
            "step" => LazyEvent::Step(f.next()?.into()),
            "share" => LazyEvent::Share(ShareRequest {
                place: read_place(&mut f)?,
                title: f.next()?.into(),
                summary: f.next()?.into(),
            }),
            _ => return None,
        })
    }
}

/// A place as three fields: date, page, article (each may be empty).
fn place_fields(p: &Place) -> String {
    let page = p.page.map(|n| n.to_string()).unwrap_or_default();
    let (date, article) = (p.date.as_deref(), p.article.as_deref());
    join(&[date.unwrap_or_default(), &page, article.unwrap_or_default()])
}

fn read_place<'a>(f: &mut impl Iterator<Item = &'a str>) -> Option<Place> {
    Some(Place {
        date: none_if_empty(f.next()?),
        page: match f.next()? {
            "" => None,
            n => Some(n.parse().ok()?),
        },
        article: none_if_empty(f.next()?),
    })
}

pub(crate) fn none_if_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Edition text as one field: the separator cannot be in it.
pub(crate) fn field(text: &str) -> String {
    text.replace(SEP, " ")
}

/// A screen's inputs as one string: the fields, by the separator (one
/// encoding for every screen).
pub(crate) fn join(fields: &[&str]) -> String {
    fields.join(SEP.encode_utf8(&mut [0; 4]))
}

/// Every screen's properties (web/lazy_screens.rs): its inputs, and where
/// it says what the reader did.
#[derive(Properties, PartialEq)]
pub struct PanelProps<A: Args> {
    pub args: A,
    pub emit: Callback<LazyEvent>,
}

/// A screen's inputs, as they cross between the modules.
pub trait Args: Sized + PartialEq + 'static {
    fn encode(&self) -> String;
    fn decode(text: &str) -> Option<Self>;
}

/// The 字号/夜间 panel needs nothing: the settings live in storage.
impl Args for () {
    fn encode(&self) -> String {
        String::new()
    }
    fn decode(_: &str) -> Option<()> {
        Some(())
    }
}

/// A photo shown full-size.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoArgs {
    pub src: String,
    pub alt: String,
}

impl Args for PhotoArgs {
    fn encode(&self) -> String {
        join(&[&self.src, &field(&self.alt)])
    }
    fn decode(text: &str) -> Option<PhotoArgs> {
        let (src, alt) = text.split_once(SEP)?;
        Some(PhotoArgs {
            src: src.into(),
            alt: alt.into(),
        })
    }
}

/// 听新闻: what to read (the app's reader knows the article; the module
/// only speaks), and the next article's title to offer at the end.
#[derive(Debug, Clone, PartialEq)]
pub struct ListenArgs {
    pub id: String,
    /// The pieces read, in order (`listen::spoken`).
    pub pieces: Vec<String>,
    pub next: Option<String>,
}

impl Args for ListenArgs {
    fn encode(&self) -> String {
        let next = field(self.next.as_deref().unwrap_or_default());
        let mut out = join(&[&self.id, &next]);
        for p in &self.pieces {
            out.push(SEP);
            out.push_str(&field(p));
        }
        out
    }
    fn decode(text: &str) -> Option<ListenArgs> {
        let mut f = text.split(SEP);
        let (id, next) = (f.next()?.to_string(), none_if_empty(f.next()?));
        let pieces: Vec<String> = f.map(String::from).collect();
        (!pieces.is_empty()).then_some(ListenArgs { id, pieces, next })
    }
}

/// The reader: the article of an edition file, and the query whose hits it
/// marks. The module reads the edition itself (web/lazy_screens.rs).
#[derive(Debug, Clone, PartialEq)]
pub struct ReaderArgs {
    pub edition_url: String,
    pub article: String,
    pub marks: Option<String>,
    pub links: Links,
}

impl Args for ReaderArgs {
    fn encode(&self) -> String {
        let Links { base, query } = &self.links;
        let marks = field(self.marks.as_deref().unwrap_or_default());
        join(&[&self.edition_url, &self.article, base, query, &marks])
    }
    fn decode(text: &str) -> Option<ReaderArgs> {
        let mut f = text.splitn(5, SEP);
        let (edition_url, article) = (f.next()?.into(), f.next()?.into());
        let links = Links {
            base: f.next()?.into(),
            query: f.next()?.into(),
        };
        Some(ReaderArgs {
            edition_url,
            article,
            links,
            marks: none_if_empty(f.next()?),
        })
    }
}

/// 下载本期: the edition to store.
#[derive(Debug, Clone, PartialEq)]
pub struct DownloadArgs {
    /// The edition file (the worker reads it; its files are relative to it).
    pub edition_url: String,
    /// The first page's master size, for the renditions the screen needs.
    pub page: (u32, u32),
}

impl Args for DownloadArgs {
    fn encode(&self) -> String {
        let (w, h) = (self.page.0.to_string(), self.page.1.to_string());
        join(&[&w, &h, &self.edition_url])
    }
    fn decode(text: &str) -> Option<DownloadArgs> {
        let mut f = text.splitn(3, SEP);
        let page = (f.next()?.parse().ok()?, f.next()?.parse().ok()?);
        Some(DownloadArgs {
            page,
            edition_url: f.next()?.into(),
        })
    }
}

/// The search screen's inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchArgs {
    pub query: String,
    /// The archive index's folder (None: the open edition is all there is).
    pub search_url: Option<String>,
    /// The open edition's file, searched at once (本期); None until it is open.
    pub edition_url: Option<String>,
    pub links: Links,
}

impl Args for SearchArgs {
    fn encode(&self) -> String {
        let Links { base, query } = &self.links;
        let s = self.search_url.as_deref().unwrap_or_default();
        let e = self.edition_url.as_deref().unwrap_or_default();
        // The query last: whatever it holds stays in it.
        join(&[s, e, base, query, &self.query])
    }

    fn decode(text: &str) -> Option<SearchArgs> {
        let mut f = text.splitn(5, SEP);
        let search_url = none_if_empty(f.next()?);
        let edition_url = none_if_empty(f.next()?);
        let links = Links {
            base: f.next()?.into(),
            query: f.next()?.into(),
        };
        Some(SearchArgs {
            query: f.next()?.into(),
            search_url,
            edition_url,
            links,
        })
    }
}

/// The calendar's inputs (see `CalendarProps`).
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarArgs {
    pub month: (i32, u32),
    pub first: String,
    pub last: String,
    pub current: Option<String>,
    pub loading: bool,
    pub links: Links,
    /// Dates with an edition known so far, sorted.
    pub dates: Vec<String>,
}

impl Args for CalendarArgs {
    fn encode(&self) -> String {
        let (y, m) = (self.month.0.to_string(), self.month.1.to_string());
        let current = self.current.as_deref().unwrap_or_default();
        let loading = if self.loading { "1" } else { "0" };
        let Links { base, query } = &self.links;
        let dates = self.dates.join(" ");
        let (first, last) = (&self.first, &self.last);
        join(&[&y, &m, first, last, current, loading, base, query, &dates])
    }

    fn decode(text: &str) -> Option<CalendarArgs> {
        let f: Vec<&str> = text.split(SEP).collect();
        let [y, m, first, last, current, loading, base, query, dates] = f[..] else {
            return None;
        };
        Some(CalendarArgs {
            month: (y.parse().ok()?, m.parse().ok()?),
            first: first.into(),
            last: last.into(),
            current: none_if_empty(current),
            loading: loading == "1",
            links: Links {
                base: base.into(),
                query: query.into(),
            },
            dates: dates
                .split(' ')
                .filter(|d| !d.is_empty())
                .map(String::from)
                .collect(),
        })
    }
}

/// Starts loading the module: a reader is about to open one of its screens
/// (a pointer or the focus came over its control). Nothing while it loads,
/// once it is loaded, or for a few seconds after a failure (a pointer
/// moving over the controls would retry at every move).
pub fn preload() {
    loader::preload();
}

/// Starts loading the module when the page has painted and the browser is
/// idle: the reader has opened, and its second actions should then be
/// ready at once. Never on the way to a tap's text.
pub fn preload_when_idle() {
    loader::preload_when_idle();
}

/// A pointer or focus handler for a control that opens a screen of the
/// module: its download starts as a reader reaches for it (a finger's
/// `pointerover` comes before its `touchstart`).
pub fn intent<E: 'static>() -> Callback<E> {
    Callback::from(|_| preload())
}

/// Which screen a slot holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Screen {
    Reader,
    Search,
    Calendar,
    Photo,
    Listen,
    Settings,
    Download,
}

impl Screen {
    fn name(self) -> &'static str {
        match self {
            Screen::Reader => "reader",
            Screen::Search => "search",
            Screen::Calendar => "calendar",
            Screen::Photo => "photo",
            Screen::Listen => "listen",
            Screen::Settings => "settings",
            Screen::Download => "download",
        }
    }

    /// Its name for readers, in the failure message.
    fn what(self) -> &'static str {
        match self {
            Screen::Reader => "文章",
            Screen::Search => "检索",
            Screen::Calendar => "往期日历",
            Screen::Photo => "大图",
            Screen::Listen => "听新闻",
            Screen::Settings => "字号和夜间设置",
            Screen::Download => "下载本期",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct LazySlotProps {
    pub screen: Screen,
    /// The screen's inputs, encoded (`Args::encode`).
    pub args: String,
    pub on_event: Callback<LazyEvent>,
}

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Loading,
    Ready,
    Failed,
}

/// Where a lazily loaded screen goes.
#[component]
pub fn LazySlot(props: &LazySlotProps) -> Html {
    let stage = crate::web::hooks::use_cell(|| {
        if loader::is_loaded() {
            Stage::Ready
        } else {
            Stage::Loading
        }
    });
    let host = use_node_ref();
    // Dropped with the slot: the screen unmounts.
    let mounted = use_mut_ref(|| None::<loader::Mounted>);
    // The screen's events go to the latest render's callback (it may read
    // the article shown now), not the one of the render that mounted it.
    let latest = use_mut_ref(|| props.on_event.clone());
    *latest.borrow_mut() = props.on_event.clone();
    {
        let (host, stage) = (host.clone(), stage.clone());
        let screen = props.screen;
        // Loading: (again, after 重试) load; loaded: mount, or update.
        crate::web::effect::use_effect_on((stage.get(), props.args.clone()), move |(now, args)| {
            match now {
                Stage::Loading => {
                    loader::load(move |ok| stage.set(if ok { Stage::Ready } else { Stage::Failed }))
                }
                Stage::Ready => {
                    let mut slot = mounted.borrow_mut();
                    match slot.as_ref() {
                        Some(m) => m.update(args),
                        None => {
                            let on_event = Callback::from(move |e| {
                                let now = latest.borrow().clone();
                                now.emit(e)
                            });
                            match loader::mount(&host, screen.name(), args, on_event) {
                                Some(m) => *slot = Some(m),
                                None => stage.set(Stage::Failed),
                            }
                        }
                    }
                }
                Stage::Failed => {}
            }
        });
    }
    let retry = {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| stage.set(Stage::Loading))
    };
    let state = match stage.get() {
        Stage::Ready => Html::default(),
        Stage::Loading => waiting(props),
        Stage::Failed => failed(props, retry),
    };
    html! {
        <>
            { state }
            // 听新闻 floats (sticky) in the reader, and the reader is the
            // workspace's: their boxes must not hold them.
            { classed(html! { <div ref={host}></div> }, &["lazy-host", when(matches!(props.screen, Screen::Listen | Screen::Reader), "contents")]) }
        </>
    }
}

/// What a screen shows while the module loads: its own frame, busy, where
/// the screen will be, so nothing moves when it comes.
fn waiting(props: &LazySlotProps) -> Html {
    let status = |text: &'static str| html! { <p class="search-count" role="status">{ text }</p> };
    match props.screen {
        Screen::Reader => reader_frame(close(props), true, status("正在打开文章…")),
        Screen::Search => html! {
            <section class="search lazy-wait" aria-busy="true">
                <form class="search-form" role="search" aria-hidden="true">
                    <input type="search" disabled=true placeholder="检索：输入两个或更多的字" />
                    <button type="button" class="button primary" disabled=true>{ "检索" }</button>
                </form>
                { status("正在打开检索…") }
            </section>
        },
        Screen::Calendar => classed(
            html! { <section aria-busy="true">{ status("正在打开往期日历…") }</section> },
            &["calendar", "lazy-wait", weeks(props).unwrap_or_default()],
        ),
        // The hint's place says it: the picture comes with the module.
        Screen::Photo => photo_frame(
            props,
            html! { <p class="photo-hint" role="status">{ "正在打开大图…" }</p> },
        ),
        Screen::Listen => html! {
            <div class="listen lazy-wait">
                <button class="button primary listen-toggle" aria-busy="true" disabled=true>{ "正在打开听新闻…" }</button>
            </div>
        },
        Screen::Settings => html! {
            <div id="reader-settings-panel" class="settings-panel lazy-wait" role="group" aria-label="阅读设置" aria-busy="true">
                { status("正在打开…") }
            </div>
        },
        Screen::Download => html! {
            <section class="offline-download lazy-wait" aria-label="下载本期" aria-busy="true">
                <div role="status"><p>{ "正在打开下载本期…" }</p></div>
            </section>
        },
    }
}

/// The module could not be fetched: what failed, in the screen's place, and
/// 重试 (both files again).
fn failed(props: &LazySlotProps, retry: Callback<MouseEvent>) -> Html {
    let screen = props.screen;
    let text = html! {
        <>
            <p>{ format!("{}没有打开：请检查网络连接后重试。", screen.what()) }</p>
            <button type="button" class="button primary lazy-retry" onclick={retry}>{ "重试" }</button>
        </>
    };
    match screen {
        Screen::Reader => reader_frame(
            close(props),
            false,
            html! { <div class="lazy-failed" role="alert">{ text }</div> },
        ),
        Screen::Photo => photo_frame(
            props,
            html! { <div class="lazy-failed photo" role="alert">{ text }</div> },
        ),
        Screen::Settings => html! {
            <div id="reader-settings-panel" class="settings-panel lazy-failed" role="alert">{ text }</div>
        },
        Screen::Listen => {
            html! { <div class="listen"><div class="lazy-failed listen" role="alert">{ text }</div></div> }
        }
        _ => {
            let class = [
                "lazy-failed",
                screen.name(),
                weeks(props).unwrap_or_default(),
            ];
            classed(html! { <section role="alert">{ text }</section> }, &class)
        }
    }
}

/// The calendar's wait box is as tall as the month that comes: a class for
/// a month of four or six weeks (styles/50-search.css).
fn weeks(props: &LazySlotProps) -> Option<&'static str> {
    if props.screen != Screen::Calendar {
        return None;
    }
    let mut f = props.args.split(SEP).map(str::parse::<i32>);
    let (Some(Ok(y)), Some(Ok(m))) = (f.next(), f.next()) else {
        return None;
    };
    match crate::archive::weeks_in_month(y, m as u32) {
        4 => Some("weeks-4"),
        6 => Some("weeks-6"),
        _ => None,
    }
}

fn close(props: &LazySlotProps) -> Callback<MouseEvent> {
    props.on_event.reform(|_: MouseEvent| LazyEvent::Close)
}

/// The reader's panel and its 返回版面, around `inner`: where the article
/// comes (`waiting`), and the way back while it does not. The app's while
/// the module comes, the module's while it reads the edition.
pub(crate) fn reader_frame(close: Callback<MouseEvent>, waiting: bool, inner: Html) -> Html {
    classed(
        html! {
            <section aria-label="文章">
                <div class="reader-bar">
                    <button type="button" class="button back" onclick={close}>{ "返回版面" }</button>
                </div>
                { inner }
            </section>
        },
        &["reader", when(waiting, "lazy-wait")],
    )
}

/// A screen of the module inside another one of its screens (the reader's
/// photo, 听新闻 and 字号 panel): from the app, a `LazySlot`; inside the
/// module itself (the reader is its own), the screen at once.
pub fn slot<C, A>(screen: Screen, args: A, on_event: Callback<LazyEvent>) -> Html
where
    C: BaseComponent<Properties = PanelProps<A>>,
    A: Args,
{
    #[cfg(feature = "app")]
    {
        html! { <LazySlot {screen} args={args.encode()} {on_event} /> }
    }
    #[cfg(not(feature = "app"))]
    {
        let _ = screen;
        html! { <C {args} emit={on_event} /> }
    }
}

/// The photo viewer's dark frame and close button, around `inner`.
fn photo_frame(props: &LazySlotProps, inner: Html) -> Html {
    let close = close(props);
    html! {
        <div class="photo-viewer" role="dialog" aria-modal="true" aria-label="查看图片">
            <button class="photo-close" aria-label="关闭图片" title="关闭" onclick={close}>{ "×" }</button>
            { inner }
        </div>
    }
}

// Fetching and starting the module (natively: nothing to load).
#[path = "lazy_loader.rs"]
mod loader;
/// For the host side (web/host_bridge.rs), which is no screen.
pub(crate) use loader::{load, mount_headless, Mounted};

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        Links {
            base: "/epaper/".into(),
            query: "?index=x.json".into(),
        }
    }

    #[test]
    fn events_survive_the_trip() {
        for e in [
            LazyEvent::Search("算力 新疆".into()),
            LazyEvent::Search(String::new()),
            LazyEvent::Open {
                date: "2025-05-21".into(),
                page: 3,
                article: "a-1".into(),
                query: "“昌吉”".into(),
            },
            LazyEvent::Month(2024, 12),
            LazyEvent::Pick("2025-05-20".into()),
            LazyEvent::Close,
            LazyEvent::Speaking(Some(12)),
            LazyEvent::Speaking(None),
            LazyEvent::ReadOn,
            LazyEvent::HostOpen(Place {
                date: Some("2025-05-21".into()),
                page: Some(2),
                article: Some("a-1".into()),
            }),
            LazyEvent::HostOpen(Place {
                date: None,
                page: Some(7),
                article: None,
            }),
            LazyEvent::HostOpen(Place {
                date: None,
                page: None,
                article: Some("b".into()),
            }),
            LazyEvent::Step("a-2".into()),
            LazyEvent::Share(ShareRequest {
                title: "六院士领衔".into(),
                place: Place {
                    date: Some("2025-05-21".into()),
                    page: Some(1),
                    article: Some("a-1".into()),
                },
                summary: String::new(),
            }),
        ] {
            assert_eq!(LazyEvent::decode(&e.encode()), Some(e));
        }
        assert_eq!(LazyEvent::decode("speak\u{1f}x"), None);
        assert_eq!(
            LazyEvent::decode("open\u{1f}2025-05-21\u{1f}x\u{1f}a\u{1f}q"),
            None
        );
        assert_eq!(LazyEvent::decode("reboot"), None);
        assert_eq!(LazyEvent::decode("hopen\u{1f}\u{1f}x\u{1f}"), None);
    }

    #[test]
    fn arguments_survive_the_trip() {
        let search = SearchArgs {
            query: "a\u{1f}b".into(),
            search_url: Some("/search/".into()),
            edition_url: None,
            links: links(),
        };
        assert_eq!(SearchArgs::decode(&search.encode()), Some(search));
        let calendar = CalendarArgs {
            month: (2025, 5),
            first: "2023-01-02".into(),
            last: "2025-05-21".into(),
            current: Some("2025-05-21".into()),
            loading: true,
            links: links(),
            dates: vec!["2025-05-20".into(), "2025-05-21".into()],
        };
        assert_eq!(
            CalendarArgs::decode(&calendar.encode()),
            Some(calendar.clone())
        );
        let empty = CalendarArgs {
            dates: vec![],
            current: None,
            loading: false,
            ..calendar
        };
        assert_eq!(CalendarArgs::decode(&empty.encode()), Some(empty));
    }

    #[test]
    fn the_readers_screens_arguments_survive_the_trip() {
        let photo = PhotoArgs {
            src: "https://img.example/p.jpg".into(),
            alt: "说明".into(),
        };
        assert_eq!(PhotoArgs::decode(&photo.encode()), Some(photo));
        let reader = ReaderArgs {
            edition_url: "/editions/2025-05-21/edition.json".into(),
            article: "a-1".into(),
            marks: Some("算力\u{1f}x".into()),
            links: links(),
        };
        let back = ReaderArgs::decode(&reader.encode()).unwrap();
        assert_eq!(
            back.marks.as_deref(),
            Some("算力 x"),
            "the query cannot split the fields"
        );
        assert_eq!(ReaderArgs::decode("only-a-url"), None);
        let listen = ListenArgs {
            id: "a-1".into(),
            pieces: vec!["标题".into(), "第一段".into(), String::new()],
            next: Some("下一篇".into()),
        };
        assert_eq!(ListenArgs::decode(&listen.encode()), Some(listen.clone()));
        let last = ListenArgs {
            next: None,
            ..listen
        };
        assert_eq!(ListenArgs::decode(&last.encode()), Some(last));
        let download = DownloadArgs {
            edition_url: "/editions/2025-05-21/edition.json".into(),
            page: (2400, 3400),
        };
        assert_eq!(DownloadArgs::decode(&download.encode()), Some(download));
    }

    #[test]
    fn edition_text_cannot_split_the_fields() {
        // Untrusted text holding the separator stays in its own field.
        let photo = PhotoArgs {
            src: "/p.jpg".into(),
            alt: "a\u{1f}b".into(),
        };
        assert_eq!(PhotoArgs::decode(&photo.encode()).unwrap().alt, "a b");
        let listen = ListenArgs {
            id: "a".into(),
            pieces: vec!["x\u{1f}y".into()],
            next: None,
        };
        assert_eq!(
            ListenArgs::decode(&listen.encode()).unwrap().pieces,
            vec!["x y".to_string()]
        );
    }
}
