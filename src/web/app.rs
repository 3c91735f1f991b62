//! The root component: owns the state, runs the loaders, keeps the address
//! bar and the state in step, and lays out the views.

use super::components::frame::Frame;
use super::host_bridge::use_host_bridge;
use super::lazy::{Args, CalendarArgs, LazyEvent, LazySlot, Screen, SearchArgs};
use super::nav::Nav;
use super::services::search as search_service;
use super::services::{fetch, location};
use crate::edition::resolve_url;
use crate::route::Links;
use crate::route::Place;
use crate::state::{Action, AppState, Boot, Load};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

/// How long a toast (链接已复制) stays.
const TOAST_MS: u32 = 2500;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub boot: Rc<Boot>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| AppState::from_boot(&props.boot));
    use_location_sync(&state, &props.boot.links);
    use_loaders(&state);
    let toast = use_state(|| None::<String>);
    let on_share = use_host_bridge(&state, {
        let toast = toast.clone();
        Callback::from(move |msg| toast.set(msg))
    });
    let list_open = use_state(|| false);
    super::hooks::use_sheet_history(&list_open);
    let on_nav = use_navigation(&state, &props.boot.links, list_open.setter());
    use_take_over(&state);
    use_page_under_deep_link(&state, &props.boot.links);
    let search = use_search_screen(&state, &props.boot.links);
    let calendar = use_calendar(&state, &props.boot.links, on_nav.clone());
    use_scroll_to_mark(&state);

    // Callbacks made once (the dispatcher and setters never change), so the
    // views they are given do not see new props on every render.
    let d = state.dispatcher();
    let retry = use_callback(d.clone(), |_: (), d| d.dispatch(Action::Retry));
    let on_retry = match &state.edition {
        Load::Failed(err) if err.retryable() => Some(retry),
        _ => None,
    };
    let on_toggle_list = use_callback((*list_open, list_open.setter()), |_: (), (open, set)| {
        set.set(!*open)
    });
    let on_dismiss = use_callback(d, |_: (), d| d.dispatch(Action::DismissNotice));
    {
        // A toast goes after 2.5 s; a new one starts its own time.
        let set = toast.setter();
        use_effect_with((*toast).clone(), move |message| {
            let timer = message
                .as_ref()
                .map(|_| gloo::timers::callback::Timeout::new(TOAST_MS, move || set.set(None)));
            move || drop(timer)
        });
    }
    html! {
        <Frame links={props.boot.links.clone()} edition={state.edition.clone()}
            edition_url={state.edition_url.clone().unwrap_or_default()} place={state.place.clone()}
            notice={state.notice.clone()} toast={(*toast).clone()}
            embed={props.boot.embed} list_open={*list_open}
            {on_nav} {on_toggle_list} {on_share} {on_retry}
            search={search.view} on_search={search.open} marks={state.marks.clone()}
            calendar={calendar.view} on_archive={calendar.toggle}
            {on_dismiss} />
    }
}

/// The published page's static markup stays on screen (and its links work)
/// until the app has the same view ready: then the app's tree replaces it in
/// one task, so nothing jumps. A failure is shown at once.
#[hook]
fn use_take_over(state: &UseReducerHandle<AppState>) {
    let settled = match &state.edition {
        Load::Loading => None,
        Load::Ready(_) => Some(true),
        Load::Failed(_) => Some(false),
    };
    use_effect_with(settled, |settled| match settled {
        Some(true) => super::take_over_when_painted(),
        Some(false) => super::take_over(),
        None => {}
    });
}

/// A reader who arrives on an article (a shared link, a new tab) finds its
/// page beneath it in the history once the article is known to exist, so
/// back (or 返回版面) shows the paper instead of leaving it. Once per visit.
#[hook]
fn use_page_under_deep_link(state: &UseReducerHandle<AppState>, links: &Rc<Links>) {
    let done = use_mut_ref(|| false);
    let place = state.place.clone();
    let found = state.search.is_none()
        && place.article.as_ref().is_some_and(|id| {
            state
                .current_edition()
                .is_some_and(|e| e.article(id).is_some())
        });
    let settled = !matches!(state.edition, Load::Loading);
    let base = links.base.clone();
    use_effect_with((settled, found), move |(settled, found)| {
        if *settled && !std::mem::replace(&mut *done.borrow_mut(), true) && *found {
            location::put_page_under(&base, &place);
        }
    });
}

/// Back/forward move the state; a settled place (a link to a page that does
/// not exist, an old hash link) is written back without a new entry, and the
/// document's title follows the place.
#[hook]
fn use_location_sync(state: &UseReducerHandle<AppState>, links: &Rc<Links>) {
    let d = state.dispatcher();
    let base = links.base.clone();
    use_effect_with((), move |_| {
        let on_pop = EventListener::new(&gloo::utils::window(), "popstate", move |_| {
            // Back to the results keeps the edition open under them.
            match location::current_search(&base) {
                Some(query) => d.dispatch(Action::Search(Some(query))),
                None => d.dispatch(Action::Navigate(location::current_place(&base))),
            }
        });
        move || drop(on_pop)
    });
    // After every render, not only when the settled place changes: a move to
    // a page that does not exist settles back on the place already shown, and
    // the address (which says 99) must still be put right. Both writes are
    // skipped when nothing differs.
    // The search screen's address is its own (`/search/?q=…`).
    let settled = match &state.search {
        Some(q) if q.is_empty() => Some((None, "检索 · 昌吉日报数字报".to_string())),
        Some(q) => Some((None, format!("检索“{q}” · 昌吉日报数字报"))),
        None => state.current_edition().map(|e| {
            (
                Some(state.place.clone()),
                crate::meta::document_title(e, &state.place),
            )
        }),
    };
    let base = links.base.clone();
    use_effect(move || {
        if let Some((place, title)) = settled {
            if let Some(place) = place {
                location::replace(&base, &place);
            }
            let doc = gloo::utils::document();
            if doc.title() != title {
                doc.set_title(&title);
            }
        }
    });
}

/// Fetches the index and then the edition; a newer request cancels the older.
#[hook]
fn use_loaders(state: &UseReducerHandle<AppState>) {
    let loading_index = matches!(state.index, Load::Loading);
    let d = state.dispatcher();
    use_effect_with(
        (state.index_url.clone(), state.attempt, loading_index),
        move |(url, _, loading)| {
            let request = loading.then(|| {
                search_service::load_index(url.clone(), move |r| match r {
                    Ok((index, archive)) => {
                        // The archive first: the edition is chosen with it.
                        d.dispatch(Action::ArchiveLoaded(archive));
                        d.dispatch(Action::IndexLoaded(Ok(index)));
                    }
                    Err(e) => d.dispatch(Action::IndexLoaded(Err(e))),
                })
            });
            move || drop(request)
        },
    );
    let wanted = matches!(state.edition, Load::Loading)
        .then(|| state.edition_url.clone())
        .flatten();
    let d = state.dispatcher();
    use_effect_with((wanted, state.attempt), move |(wanted, _)| {
        let request = wanted.clone().map(|url| {
            fetch::load_edition(url.clone(), move |result| {
                d.dispatch(Action::EditionLoaded {
                    url,
                    result: result.map(Box::new),
                })
            })
        });
        move || drop(request)
    });
    // Year lists, one at a time, only when browsing back needs them.
    let d = state.dispatcher();
    use_effect_with(state.year_to_load(), move |wanted| {
        let request = wanted.clone().map(|(year, url)| {
            search_service::load_year(url, move |result| {
                if let Err(e) = &result {
                    gloo::console::error!(format!("[昌吉日报数字报] {}", e.detail()));
                }
                d.dispatch(Action::YearLoaded { year, result })
            })
        });
        move || drop(request)
    });
    let failure = match &state.edition {
        Load::Failed(err) => Some(err.detail()),
        _ => None,
    };
    use_effect_with(failure, |failure| {
        if let Some(detail) = failure {
            gloo::console::error!(format!("[昌吉日报数字报] {detail}"));
        }
    });
}

/// How a move enters the history.
#[derive(Clone, Copy)]
enum Entry {
    Push,
    /// A new entry marked as an article opened from a page: closing the
    /// reader goes back instead of adding another entry.
    PushFromPage,
    /// The address changes in place (no new entry).
    Replace,
}

/// Turns what the reader asked for into history entries and state.
#[hook]
fn use_navigation(
    state: &UseReducerHandle<AppState>,
    links: &Rc<Links>,
    set_list: UseStateSetter<bool>,
) -> Callback<Nav> {
    let place = state.place.clone();
    let edition = state.current_edition().cloned();
    // One callback for the app's life: it reads the place and edition of the
    // latest render, so views given it never see a new `on_nav`.
    let latest = use_mut_ref(|| (place.clone(), edition.clone()));
    *latest.borrow_mut() = (place.clone(), edition);
    // Focus returns to the region the reader came from when the reader closes.
    let previous = use_mut_ref(|| None::<String>);
    use_effect_with(place.article.clone(), move |article| {
        let was = std::mem::replace(&mut *previous.borrow_mut(), article.clone());
        if let (None, Some(id)) = (article, was) {
            super::hooks::focus_region(&id);
        }
    });
    let deps = (links.clone(), state.dispatcher(), set_list);
    use_callback(deps, move |nav: Nav, (links, d, set_list)| {
        let (place, edition) = latest.borrow().clone();
        let go = |next: Place, entry: Entry| {
            match entry {
                Entry::Push => location::push(&links.base, &next, false),
                Entry::PushFromPage => location::push(&links.base, &next, true),
                Entry::Replace => location::replace(&links.base, &next),
            }
            d.dispatch(Action::Navigate(next));
        };
        let at = |page: Option<u32>, article: Option<String>| Place {
            date: place.date.clone(),
            page,
            article,
        };
        match nav {
            Nav::Page(n) => go(at(Some(n), None), Entry::Push),
            Nav::Open(id) => {
                set_list.set(false);
                let page = edition.as_ref().and_then(|e| e.article(&id)).map(|a| {
                    let here = place.page.unwrap_or(1);
                    if a.pages().contains(&here) {
                        here
                    } else {
                        a.first_page()
                    }
                });
                // From a page: a new entry that back (or 返回版面) pops;
                // from another article: the reader's entry is reused.
                let entry = if place.article.is_none() {
                    Entry::PushFromPage
                } else {
                    Entry::Replace
                };
                go(at(page, Some(id)), entry)
            }
            Nav::Step(id) => {
                let page = edition
                    .as_ref()
                    .and_then(|e| e.article(&id))
                    .map(|a| a.first_page());
                // Reading on to another page: 返回版面 then shows that page,
                // not the one the reader was first opened from.
                if page.is_some() && page != place.page {
                    location::unmark();
                }
                go(at(page, Some(id)), Entry::Replace)
            }
            Nav::Close => {
                if location::opened_from_page() {
                    location::back();
                } else {
                    go(at(place.page, None), Entry::Replace);
                }
            }
            Nav::Date(date) => go(
                Place {
                    date: Some(date),
                    page: None,
                    article: None,
                },
                Entry::Push,
            ),
        }
    })
}

/// What the app hands the frame for the search screen.
struct SearchScreen {
    /// The search screen (the second module's), while it is open.
    view: Option<Html>,
    /// Opens the search screen (检索).
    open: Callback<()>,
}

/// The search screen: its query lives in the address; the second module
/// (web/lazy.rs) searches and shows the results, and a result opens here as
/// an article with the hits marked.
#[hook]
fn use_search_screen(state: &UseReducerHandle<AppState>, links: &Rc<Links>) -> SearchScreen {
    let query = state.search.clone();
    let base = links.base.clone();
    let d = state.dispatcher();
    let on_search = Callback::from(move |q: String| {
        location::push_search(&base, &q);
        d.dispatch(Action::Search(Some(q)));
    });
    let open = {
        let current = query.clone();
        let on_search = on_search.clone();
        Callback::from(move |_| {
            // 检索 again on the search screen changes nothing.
            if current.is_none() {
                on_search.emit(String::new());
            }
        })
    };
    let base = links.base.clone();
    let d = state.dispatcher();
    let on_event = use_callback((base, d), move |e: LazyEvent, (base, d)| match e {
        LazyEvent::Search(q) => on_search.emit(q),
        LazyEvent::Open {
            date,
            page,
            article,
            query,
        } => {
            let place = Place {
                date: Some(date),
                page: Some(page),
                article: Some(article),
            };
            location::push(base, &place, false);
            d.dispatch(Action::Navigate(place));
            d.dispatch(Action::Marks(Some(Rc::from(query.as_str()))));
        }
        _ => {}
    });
    let view = query.map(|query| {
        let args = SearchArgs {
            query,
            // Its folder: shards and fragments are named relative to it.
            search_url: state.archive.search.as_ref().map(|u| {
                let url = resolve_url(&state.index_url, u);
                url[..url.rfind('/').map_or(0, |i| i + 1)].to_string()
            }),
            edition_url: state.current_edition().and(state.edition_url.clone()),
            links: (**links).clone(),
        };
        html! { <LazySlot screen={Screen::Search} args={args.encode()} {on_event} /> }
    });
    SearchScreen { view, open }
}

struct CalendarPanel {
    view: Option<Html>,
    toggle: Callback<()>,
}

/// 往期: the month calendar, opened from the masthead (or the embed bar). It
/// shows the open edition's month; browsing back fetches a year's list only
/// when the index's latest entries do not cover the month.
#[hook]
fn use_calendar(
    state: &UseReducerHandle<AppState>,
    links: &Rc<Links>,
    on_nav: Callback<Nav>,
) -> CalendarPanel {
    let month = use_state(|| None::<(i32, u32)>);
    let current = state.current_edition().map(|e| e.date.clone());
    let open_at = current
        .as_deref()
        .or(state.index.ready().map(|i| i.latest.as_str()))
        .and_then(crate::archive::parse_date)
        .map(|(y, m, _)| (y, m));
    let toggle = {
        let month = month.clone();
        Callback::from(move |_| month.set(if month.is_some() { None } else { open_at }))
    };
    {
        // Closing gives the focus back to 往期 if it was lost with the panel
        // (opening moves it into the grid: web/lazy_screens.rs).
        let open = month.is_some();
        let was_open = use_mut_ref(|| false);
        use_effect_with(open, move |open| {
            let was = std::mem::replace(&mut *was_open.borrow_mut(), *open);
            if *open || !was {
                return;
            }
            let doc = gloo::utils::document();
            let lost = doc
                .active_element()
                .is_none_or(|el| doc.body().is_some_and(|b| el == *b.as_ref()));
            let target = lost
                .then(|| {
                    doc.query_selector("#app .archive-link[aria-expanded=\"false\"]")
                        .ok()
                        .flatten()
                })
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) = target {
                let _ = el.focus();
            }
        });
    }
    let needed = (*month).and_then(|m| state.year_needed(m));
    let d = state.dispatcher();
    use_effect_with(needed, move |needed| {
        if let Some(year) = needed {
            d.dispatch(Action::WantYear(*year));
        }
    });
    let on_event = {
        let month = month.clone();
        use_callback(on_nav, move |e: LazyEvent, on_nav| match e {
            LazyEvent::Month(y, m) => month.set(Some((y, m))),
            LazyEvent::Pick(date) => {
                month.set(None);
                on_nav.emit(Nav::Date(date));
            }
            LazyEvent::Close => month.set(None),
            _ => {}
        })
    };
    let view = (*month).zip(state.archive_span()).map(|(shown, (first, last))| {
        let args = CalendarArgs {
            month: shown,
            first,
            last,
            current: current.clone(),
            loading: matches!(state.years.get(&shown.0), Some(Load::Loading)),
            links: (**links).clone(),
            dates: state.known_dates().as_slice().to_vec(),
        };
        let close = {
            let month = month.clone();
            Callback::from(move |_: MouseEvent| month.set(None))
        };
        // Esc while the grid loads (the grid's own keys are the module's).
        let onkeydown = {
            let month = month.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Escape" {
                    e.prevent_default();
                    month.set(None);
                }
            })
        };
        html! {
            <div class="calendar-box" {onkeydown}>
                <LazySlot screen={Screen::Calendar} args={args.encode()} on_event={on_event.clone()} />
                <button type="button" class="button cal-close" onclick={close}>{ "关闭" }</button>
            </div>
        }
    });
    CalendarPanel { view, toggle }
}

/// An article opened from search results shows its first hit.
#[hook]
fn use_scroll_to_mark(state: &UseReducerHandle<AppState>) {
    let key = state
        .marks
        .clone()
        .zip(state.place.article.clone())
        .filter(|_| state.current_edition().is_some());
    use_effect_with(key, |key| {
        if key.is_some() {
            let first = gloo::utils::document()
                .query_selector(".reader .story-body mark")
                .ok()
                .flatten();
            if let Some(mark) = first {
                // `{block: "center"}` through Reflect: no web-sys feature for one call.
                let options = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&options, &"block".into(), &"center".into());
                let scroll = js_sys::Reflect::get(&mark, &"scrollIntoView".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
                if let Some(scroll) = scroll {
                    let _ = scroll.call1(&mark, &options);
                }
            }
        }
    });
}

use wasm_bindgen::JsCast;
