//! The screens of the second module (lazy/): what it mounts in the app's
//! `LazySlot`. They live in this crate, beside the views they wrap, so the
//! publish step and the tests keep rendering `Search` and `Calendar`; the
//! app never names them, so its own module leaves them (and the archive
//! search, the photo viewer, the speech engine, the settings panel and the
//! download's messages) out.

use super::components::calendar::Calendar;
use super::components::reader::Reader;
use super::components::search::{Search, SearchStatus, UrlBuilder};
use super::lazy::{reader_frame, CalendarArgs, LazyEvent, ReaderArgs, SearchArgs};
use super::nav::Nav;
use super::services::fetch;
use super::services::search::Searcher;
use crate::edition::Edition;
use crate::search::{search_edition, Hit, Query};
use crate::state::Dates;
use std::rc::Rc;
use yew::prelude::*;

pub use super::components::offline::DownloadPanel;
pub use super::components::reader::{ListenPanel, PhotoPanel, SettingsPanel};

pub use super::lazy::PanelProps;

/// The edition the reader reads, kept for the visit: the app's copy lives
/// in the other module's memory, so the file the app read is read again
/// here (from the bytes it hands over, else from its URL) once, when the
/// module starts (`warm`), so that a tap finds it read.
mod kept {
    use crate::edition::read_edition_bytes;
    use crate::error::LoadError;
    use crate::web::services::fetch::{self, Fetch};
    use crate::web::EditionRef;
    use std::cell::RefCell;
    use std::rc::Rc;

    thread_local! {
        static KEPT: RefCell<Option<(String, EditionRef)>> = const { RefCell::new(None) };
    }

    pub fn get(url: &str) -> Option<EditionRef> {
        KEPT.with(|k| match &*k.borrow() {
            Some((u, e)) if u == url => Some(e.clone()),
            _ => None,
        })
    }

    /// `done` with the edition of `url`: at once if it is kept, else once
    /// read (not if the returned request is dropped first).
    pub fn load(
        url: &str,
        done: impl FnOnce(Result<EditionRef, LoadError>) + 'static,
    ) -> Option<Fetch> {
        let key = url.to_string();
        let keep = move |e: EditionRef| {
            KEPT.with(|k| *k.borrow_mut() = Some((key, e.clone())));
            e
        };
        if let Some(e) = get(url) {
            done(Ok(e));
            return None;
        }
        // The app's file (checked by it already: read again, it reads the same).
        let handed = fetch::handed_over(url).and_then(|b| read_edition_bytes(&b).ok());
        if let Some(e) = handed {
            done(Ok(keep(EditionRef(Rc::new(e)))));
            return None;
        }
        Some(fetch::load_edition(url.to_string(), move |r| {
            done(r.map(|e| keep(EditionRef(Rc::new(e)))))
        }))
    }
}

/// The reader (components/reader.rs) of the app's article. Its events go
/// to the app: 返回版面 and the history are the app's.
#[component]
pub fn ReaderPanel(props: &PanelProps<ReaderArgs>) -> Html {
    let args = &props.args;
    // Err(None): being read.
    let edition = use_state(|| kept::get(&args.edition_url).ok_or(None));
    {
        let edition = edition.clone();
        crate::web::effect::use_effect_on(args.edition_url.clone(), move |url| {
            let request = match (&*edition, kept::get(url)) {
                (Ok(shown), Some(kept)) if *shown == kept => None,
                _ => kept::load(url, move |r| edition.set(r.map_err(Some))),
            };
            move || drop(request)
        });
    }
    let close = props.emit.reform(|_: MouseEvent| LazyEvent::Close);
    let emit = props.emit.clone();
    let on_nav = Callback::from(move |nav| match nav {
        Nav::Step(id) => emit.emit(LazyEvent::Step(id)),
        _ => emit.emit(LazyEvent::Close),
    });
    match &*edition {
        Ok(edition) => html! {
            <Reader links={Rc::new(args.links.clone())} edition={edition.clone()}
                edition_url={args.edition_url.clone()} article={args.article.clone()} {on_nav}
                on_share={props.emit.reform(LazyEvent::Share)}
                marks={args.marks.as_deref().map(Rc::from)} />
        },
        // Read once at start: a reader who taps before finds it on its way.
        Err(None) => reader_frame(
            close,
            true,
            html! { <p class="search-count" role="status">{ "正在打开文章…" }</p> },
        ),
        Err(Some(e)) => {
            gloo::console::error!(format!("[昌吉日报数字报] {}", e.detail()));
            let message =
                html! { <div class="lazy-failed" role="alert"><p>{ e.reader_message() }</p></div> };
            reader_frame(close, false, message)
        }
    }
}

/// Runs once the module has started (the app mounts it headless at idle,
/// web/hooks/warm.rs): the edition is read, then the reader warmed.
pub fn warm(edition_url: &str) {
    let url = edition_url.to_string();
    let request = kept::load(edition_url, move |r| {
        if let Ok(edition) = r {
            super::hooks::warm_in_module(edition, url);
        }
    });
    std::mem::forget(request); // once per visit
}

/// The search screen: the open edition searched at once (本期), the whole
/// archive through its static index (when there is one).
#[component]
pub fn SearchPanel(props: &PanelProps<SearchArgs>) -> Html {
    let args = &props.args;
    let query = args.query.clone();
    let searcher = use_memo(args.search_url.clone(), |url| {
        url.as_deref().map(searcher_for)
    });
    // The open edition, read again (the HTTP cache or the service worker has
    // it): the app's copy lives in the other module's memory.
    let edition = use_state(|| None::<Rc<Edition>>);
    {
        let edition = edition.clone();
        crate::web::effect::use_effect_on(args.edition_url.clone(), move |url| {
            let request = url
                .clone()
                .map(|url| fetch::load_edition(url, move |r| edition.set(r.ok().map(Rc::new))));
            move || drop(request)
        });
    }
    let edition_key = edition.as_ref().map(|e| Rc::as_ptr(e) as usize);
    let preview = {
        let edition = (*edition).clone();
        use_memo((query.clone(), edition_key), move |(query, _)| {
            let q = Query::parse(query);
            let edition = edition.as_ref()?;
            (!q.is_empty()).then(|| Rc::new(search_edition(edition, &q)))
        })
    };
    let limit = use_state_eq(|| Searcher::PAGE);
    let status = use_state_eq(|| SearchStatus::Idle);
    {
        let status = status.clone();
        let limit_now = *limit;
        let preview = preview.clone();
        let limit = limit.clone();
        // The edition too: without an archive index its hits are the
        // results, and it may load after the query (a shared link).
        crate::web::effect::use_effect_on(
            (query.clone(), searcher.clone(), limit_now, edition_key),
            move |(query, searcher, n, _)| {
                let mut handle = None;
                if Query::parse(query).is_empty() {
                    status.set(SearchStatus::Idle);
                    if *n != Searcher::PAGE {
                        limit.set(Searcher::PAGE);
                    }
                } else if let Some(searcher) = searcher.as_ref() {
                    if *n == Searcher::PAGE {
                        status.set(SearchStatus::Searching);
                    }
                    let status = status.clone();
                    handle = Some(searcher.search(query, *n, move |result| {
                        status.set(match result {
                            Ok(r) => SearchStatus::Done {
                                hits: Rc::new(r.hits),
                                total: r.total,
                                exact: r.exact,
                                more: r.more,
                            },
                            Err(e) => SearchStatus::Failed(Searcher::reader_message(&e)),
                        })
                    }));
                } else {
                    // No archive index: the open edition is all there is.
                    let hits = (*preview).clone().unwrap_or_default();
                    let total = hits.len();
                    status.set(SearchStatus::Done {
                        hits,
                        total,
                        exact: true,
                        more: false,
                    });
                }
                move || drop(handle)
            },
        );
    }
    let on_search = {
        let (emit, current, first_page) = (props.emit.clone(), query.clone(), limit.setter());
        Callback::from(move |q: String| {
            if current != q {
                first_page.set(Searcher::PAGE);
                emit.emit(LazyEvent::Search(q));
            }
        })
    };
    let on_open = {
        let (emit, query) = (props.emit.clone(), query.clone());
        Callback::from(move |hit: Hit| {
            emit.emit(LazyEvent::Open {
                date: hit.date,
                page: hit.page,
                article: hit.article,
                query: query.clone(),
            })
        })
    };
    let on_more = {
        let limit = limit.clone();
        Callback::from(move |_| limit.set(*limit + Searcher::PAGE))
    };
    let urls = use_memo(args.links.clone(), |links| {
        let links = links.clone();
        UrlBuilder::new(move |date, page, article| match article {
            Some(id) => links.article(date, page, id),
            None => links.page(date, page),
        })
    });
    let heading = if searcher.is_some() {
        "全部往期"
    } else {
        "本期"
    };
    html! {
        <Search {query} status={(*status).clone()} preview={(*preview).clone()}
            {heading} {on_search} {on_open} {on_more} url={(*urls).clone()} />
    }
}

/// The searcher of an index folder, kept for the visit: the screen is
/// mounted anew each time the reader comes back to the results, and the
/// manifest and shards already read stay read.
fn searcher_for(url: &str) -> Searcher {
    thread_local!(static LAST: std::cell::RefCell<Option<(String, Searcher)>> = const { std::cell::RefCell::new(None) });
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some((u, s)) if u == url => s.clone(),
            _ => {
                let s = Searcher::new(url);
                *last = Some((url.to_string(), s.clone()));
                s
            }
        }
    })
}

/// 往期's month grid. The app owns the month shown and the year lists.
#[component]
pub fn CalendarPanel(props: &PanelProps<CalendarArgs>) -> Html {
    let args = &props.args;
    let dates = use_memo(args.dates.clone(), |d| {
        Rc::new(d.iter().cloned().collect::<Dates>())
    });
    let urls = use_memo(args.links.clone(), |links| {
        let links = links.clone();
        UrlBuilder::new(move |date, page, _| links.page(date, page))
    });
    // Opened: the focus moves into the grid (its tab stop), so that the
    // arrows and Esc work at once.
    let box_ref = use_node_ref();
    {
        let box_ref = box_ref.clone();
        crate::web::effect::use_effect_on((), move |_| {
            let stop = box_ref
                .cast::<web_sys::Element>()
                .and_then(|b| {
                    b.query_selector(".cal-grid [tabindex=\"0\"]")
                        .ok()
                        .flatten()
                })
                .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
            if let Some(el) = stop {
                let _ = el.focus();
            }
        });
    }
    let emit = &props.emit;
    let on_month = emit.reform(|(y, m)| LazyEvent::Month(y, m));
    let on_pick = emit.reform(LazyEvent::Pick);
    let onkeydown = {
        let emit = emit.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                emit.emit(LazyEvent::Close);
            }
        })
    };
    html! {
        <div ref={box_ref} {onkeydown}>
            <Calendar dates={(*dates).clone()} month={args.month} first={args.first.clone()}
                last={args.last.clone()} current={args.current.clone()} loading={args.loading}
                {on_month} {on_pick} url={(*urls).clone()} />
        </div>
    }
}
