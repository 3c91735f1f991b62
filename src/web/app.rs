//! The root component: owns the state, runs the loaders, keeps the address
//! bar and the state in step, and lays out the views.

use super::components::frame::{frame, FrameProps};
use super::effect::{use_effect_on, Always};
use super::host_bridge::use_host_bridge;
use super::nav::Nav;
use super::services::search as search_service;
use super::services::{fetch, location};
use crate::edition::Edition;
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

#[derive(Properties)]
pub struct AppProps {
    pub boot: Rc<Boot>,
}

/// The root's props are set once: the same boot is the same props (a deep
/// comparison would bring the whole edition's `PartialEq` into the module).
impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.boot, &other.boot)
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| AppState::from_boot(&props.boot));
    use_location_sync(&state, &props.boot.links);
    use_loaders(&state);
    let toast = super::hooks::use_cell(|| None::<String>);
    let on_share = use_host_bridge(&state, toast.clone());
    let list_open = super::hooks::use_cell(|| false);
    super::hooks::use_sheet_history(&list_open);
    let handlers = use_handlers(&state, &props.boot.links, &list_open);
    use_take_over(&state);
    let search = use_search_screen(&state, &props.boot.links);
    let calendar = use_calendar(&state, &props.boot.links, handlers.nav.clone());
    use_scroll_to_mark(&state);
    let tools_shown = state.current_edition().is_some() && state.search.is_none();
    let offline = super::components::offline::use_offline(tools_shown);

    let on_retry = match &state.edition {
        Load::Failed(err) if err.retryable() => Some(handlers.retry),
        _ => None,
    };
    let (on_nav, on_toggle_list, on_dismiss) =
        (handlers.nav, handlers.toggle_list, handlers.dismiss);
    {
        // A toast goes after 2.5 s; a new one starts its own time.
        let set = toast.clone();
        use_effect_on(toast.get(), move |message| {
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
        toast: toast.get(),
        embed: props.boot.embed,
        list_open: list_open.get(),
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
        offline,
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
    use_effect_on(settled, |settled| match settled {
        Some(true) => super::take_over_when_painted(),
        Some(false) => super::take_over(),
        None => {}
    });
}

/// Back/forward move the state; a settled place (a link to a page that does
/// not exist, an old hash link) is written back without a new entry, and the
/// document's title follows the place.
///
/// A reader who arrives on an article (a shared link, a new tab) finds its
/// page beneath it in the history once the article is known to exist, so
/// back (or 返回版面) shows the paper instead of leaving it. Once per visit.
#[hook]
fn use_location_sync(state: &UseReducerHandle<AppState>, links: &Rc<Links>) {
    let d = state.dispatcher();
    let base = links.base.clone();
    use_effect_on((), move |_| {
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
    let page_under = use_mut_ref(|| false);
    let here = state.place.clone();
    let found = state.search.is_none()
        && here.article.as_ref().is_some_and(|id| {
            state
                .current_edition()
                .is_some_and(|e| e.article(id).is_some())
        });
    let loaded = !matches!(state.edition, Load::Loading);
    let base = links.base.clone();
    use_effect_on(Always, move |_| {
        if let Some((place, title)) = settled {
            if let Some(place) = place {
                location::replace(&base, &place);
            }
            let doc = gloo::utils::document();
            if doc.title() != title {
                doc.set_title(&title);
            }
        }
        // Decided once, on the first render with the edition settled.
        if loaded && !std::mem::replace(&mut *page_under.borrow_mut(), true) && found {
            location::put_page_under(&base, &here);
        }
    });
}

/// Fetches the index and then the edition; a newer request cancels the older.
#[hook]
fn use_loaders(state: &UseReducerHandle<AppState>) {
    let loading_index = matches!(state.index, Load::Loading);
    let d = state.dispatcher();
    use_effect_on(
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
    use_effect_on((wanted, state.attempt), move |(wanted, _)| {
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
    use_effect_on(state.year_to_load(), move |wanted| {
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
    use_effect_on(failure, |failure| {
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

/// What the views send up: made once for the app's life (the links, the
/// dispatcher and the list's cell never change; the place and edition of
/// the latest render are read from a cell), so views given them
/// never see new callbacks, and one cell holds them all instead of a
/// `use_callback` each.
#[derive(Clone)]
struct Handlers {
    nav: Callback<Nav>,
    retry: Callback<()>,
    dismiss: Callback<()>,
    toggle_list: Callback<()>,
}

/// What the handlers read of the latest render.
type Latest = (Place, Option<Rc<Edition>>);

#[hook]
fn use_handlers(
    state: &UseReducerHandle<AppState>,
    links: &Rc<Links>,
    list_open: &super::hooks::Cell<bool>,
) -> Handlers {
    let place = state.place.clone();
    let latest = use_mut_ref(|| (place.clone(), None));
    *latest.borrow_mut() = (place.clone(), state.current_edition().cloned());
    // Focus returns to the region the reader came from when the reader closes.
    let previous = use_mut_ref(|| None::<String>);
    use_effect_on(place.article, move |article| {
        let was = std::mem::replace(&mut *previous.borrow_mut(), article.clone());
        if let (None, Some(id)) = (article, was) {
            super::hooks::focus_region(&id);
        }
    });
    let made = use_mut_ref(|| {
        let d = state.dispatcher();
        let set_list = list_open.clone();
        let toggle_list = {
            let list = list_open.clone();
            Callback::from(move |_| list.set(!list.get()))
        };
        let nav = {
            let (links, d) = (links.clone(), d.clone());
            Callback::from(move |nav| {
                // A copy: no borrow is held while the state changes.
                let now = latest.borrow().clone();
                navigate(nav, &now, &links, &d, &set_list)
            })
        };
        let send = |action: fn() -> Action| {
            let d = d.clone();
            Callback::from(move |_| d.dispatch(action()))
        };
        Handlers {
            retry: send(|| Action::Retry),
            dismiss: send(|| Action::DismissNotice),
            nav,
            toggle_list,
        }
    });
    let handlers = made.borrow().clone();
    handlers
}

/// Turns what the reader asked for into history entries and state.
fn navigate(
    nav: Nav,
    (place, edition): &Latest,
    links: &Links,
    d: &UseReducerDispatcher<AppState>,
    set_list: &super::hooks::Cell<bool>,
) {
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
}

/// An article opened from search results shows its first hit.
#[hook]
fn use_scroll_to_mark(state: &UseReducerHandle<AppState>) {
    let key = state
        .marks
        .clone()
        .zip(state.place.article.clone())
        .filter(|_| state.current_edition().is_some());
    use_effect_on(key, |key| {
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
