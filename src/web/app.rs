//! The root component: owns the state, runs the loaders, keeps the address
//! bar and the state in step, and lays out the views.

use super::components::frame::{frame, FrameProps};
use super::host_bridge::use_host_bridge;
use super::nav::Nav;
use super::services::search as search_service;
use super::services::{fetch, location};
use crate::route::Links;
use crate::route::Place;
use crate::state::{Action, AppState, Boot, Load};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::html::IntoPropValue;
use yew::prelude::*;

mod screens;
use screens::{use_calendar, use_search_screen};

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
    frame(&FrameProps {
        links: props.boot.links.clone(),
        edition: state.edition.clone().into_prop_value(),
        edition_url: state.edition_url.clone().unwrap_or_default(),
        place: state.place.clone(),
        notice: state.notice.clone(),
        toast: (*toast).clone(),
        embed: props.boot.embed,
        list_open: *list_open,
        on_nav,
        on_toggle_list,
        on_share,
        on_retry,
        search: search.view,
        on_search: search.open,
        marks: state.marks.clone(),
        calendar: calendar.view,
        on_archive: calendar.toggle,
        on_dismiss,
    })
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
