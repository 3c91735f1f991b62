//! The second WebAssembly module (crate `lazy/`): the search screen and the
//! 往期 calendar, downloaded the first time a reader opens one of them, so
//! the first load carries neither (docs/deploy.md).
//!
//! The app shows a `LazySlot` where the screen goes: a calm placeholder while
//! the module loads, a message with 重试 if it cannot, and then the module's
//! own Yew app mounted inside it. The two modules share no memory: the app
//! sends the screen's inputs as one string (`SearchArgs`/`CalendarArgs`,
//! `encode`) and the screen sends back what the reader did (`LazyEvent`);
//! the app keeps the state, the address and the history.

use crate::route::Links;
use yew::prelude::*;

/// Field separator of the strings passed between the modules (no query,
/// date, id or URL the app handles contains it).
const SEP: char = '\u{1f}';

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
    /// The calendar asks to close (Esc).
    Close,
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
            } => format!("open{SEP}{date}{SEP}{page}{SEP}{article}{SEP}{query}"),
            LazyEvent::Month(y, m) => format!("month{SEP}{y}{SEP}{m}"),
            LazyEvent::Pick(date) => format!("pick{SEP}{date}"),
            LazyEvent::Close => "close".into(),
        }
    }

    pub fn decode(text: &str) -> Option<LazyEvent> {
        let mut f = text.splitn(5, SEP);
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
            _ => return None,
        })
    }
}

fn none_if_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
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

impl SearchArgs {
    pub fn encode(&self) -> String {
        let o = |s: &Option<String>| s.clone().unwrap_or_default();
        let Links { base, query } = &self.links;
        let (s, e) = (o(&self.search_url), o(&self.edition_url));
        // The query last: whatever it holds stays in it.
        format!("{s}{SEP}{e}{SEP}{base}{SEP}{query}{SEP}{}", self.query)
    }

    pub fn decode(text: &str) -> Option<SearchArgs> {
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

impl CalendarArgs {
    pub fn encode(&self) -> String {
        let (y, m) = self.month;
        let current = self.current.as_deref().unwrap_or_default();
        let loading = u8::from(self.loading);
        let Links { base, query } = &self.links;
        let dates = self.dates.join(" ");
        format!(
            "{y}{SEP}{m}{SEP}{}{SEP}{}{SEP}{current}{SEP}{loading}{SEP}{base}{SEP}{query}{SEP}{dates}",
            self.first, self.last
        )
    }

    pub fn decode(text: &str) -> Option<CalendarArgs> {
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

/// Starts loading the module (if not loaded or loading): a reader is about
/// to open search or 往期.
pub fn preload() {
    loader::load(|_| {});
}

/// Which screen a slot holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Screen {
    Search,
    Calendar,
}

impl Screen {
    fn name(self) -> &'static str {
        match self {
            Screen::Search => "search",
            Screen::Calendar => "calendar",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct LazySlotProps {
    pub screen: Screen,
    /// The screen's inputs, encoded (`SearchArgs::encode`, `CalendarArgs::encode`).
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
    let stage = use_state_eq(|| {
        if loader::is_loaded() {
            Stage::Ready
        } else {
            Stage::Loading
        }
    });
    let attempt = use_state(|| 0u32);
    {
        let stage = stage.clone();
        use_effect_with(*attempt, move |_| {
            if *stage != Stage::Ready {
                stage.set(Stage::Loading);
                loader::load(move |ok| stage.set(if ok { Stage::Ready } else { Stage::Failed }));
            }
        });
    }
    let host = use_node_ref();
    let mounted = use_mut_ref(|| None::<loader::Mounted>);
    {
        let (host, mounted, stage) = (host.clone(), mounted.clone(), stage.clone());
        let (screen, on_event) = (props.screen, props.on_event.clone());
        use_effect_with((*stage, props.args.clone()), move |(now, args)| {
            if *now == Stage::Ready {
                let mut slot = mounted.borrow_mut();
                match slot.as_ref() {
                    Some(m) => m.update(args),
                    None => match loader::mount(&host, screen.name(), args, on_event) {
                        Some(m) => *slot = Some(m),
                        None => stage.set(Stage::Failed),
                    },
                }
            }
        });
    }
    use_effect_with((), move |_| {
        move || {
            mounted.take();
        }
    });
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };
    let what = match props.screen {
        Screen::Search => "检索",
        Screen::Calendar => "往期日历",
    };
    let state = match *stage {
        Stage::Ready => Html::default(),
        Stage::Loading => match props.screen {
            // The form as it will be, not yet usable: nothing moves when it is.
            Screen::Search => html! {
                <section class="search lazy-wait" aria-busy="true">
                    <form class="search-form" role="search" aria-hidden="true">
                        <input type="search" disabled=true placeholder="检索：输入两个或更多的字" />
                        <button type="button" class="button primary" disabled=true>{ "检索" }</button>
                    </form>
                    <p class="search-count" role="status">{ "正在打开检索…" }</p>
                </section>
            },
            Screen::Calendar => html! {
                <section class="calendar lazy-wait" aria-busy="true">
                    <p class="search-count" role="status">{ "正在打开往期日历…" }</p>
                </section>
            },
        },
        Stage::Failed => html! {
            <section class={classes!("lazy-failed", props.screen.name())} role="alert">
                <p>{ format!("{what}没有打开：请检查网络连接后重试。") }</p>
                <button type="button" class="button primary" onclick={retry}>{ "重试" }</button>
            </section>
        },
    };
    html! {
        <>
            { state }
            <div class="lazy-host" ref={host}></div>
        </>
    }
}

// Fetching and starting the module (natively: nothing to load).
#[path = "lazy_loader.rs"]
mod loader;

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
        ] {
            assert_eq!(LazyEvent::decode(&e.encode()), Some(e));
        }
        assert_eq!(
            LazyEvent::decode("open\u{1f}2025-05-21\u{1f}x\u{1f}a\u{1f}q"),
            None
        );
        assert_eq!(LazyEvent::decode("reboot"), None);
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
}
