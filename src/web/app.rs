//! The root component: owns the state, runs the loaders, keeps the address
//! bar and the state in step, and lays out the views.

use super::components::{
    article_list::ArticleList,
    masthead::Masthead,
    page_nav::{PageBar, PageStrip},
    page_view::PageView,
    reader::Reader,
    status::{ErrorPanel, NoticeBar, Skeleton, Toast},
};
use super::host_bridge::use_host_bridge;
use super::nav::Nav;
use super::services::{fetch, host, location};
use crate::route::Place;
use crate::state::{Action, AppState, Load};
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // The pointer crossing a region's edge again and again must not
        // re-render the app: same state, same Rc, and Yew skips the render.
        if matches!(&action, Action::Hover(id) if *id == self.hovered) {
            return self;
        }
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::new(location::index_url(), location::current_place()));
    use_location_sync(&state);
    use_loaders(&state);
    let toast = use_state(|| None::<String>);
    let on_share = use_host_bridge(&state, {
        let toast = toast.clone();
        Callback::from(move |msg| toast.set(msg))
    });
    let embed = use_memo((), |_| host::embed_mode());
    let list_open = use_state(|| false);
    let on_nav = use_navigation(&state, list_open.setter());
    use_keyboard(&state, on_nav.clone());

    let retry = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::Retry))
    };
    let body = match &state.edition {
        Load::Loading => html! { <Skeleton /> },
        Load::Failed(err) => html! {
            <ErrorPanel message={err.reader_message()} retry={err.retryable().then_some(retry)} />
        },
        Load::Ready(edition) => {
            let page = state.place.page.unwrap_or(1);
            let url = state.edition_url.clone().unwrap_or_default();
            let article = state
                .place
                .article
                .as_deref()
                .and_then(|id| edition.article(id))
                .cloned();
            let on_hover = {
                let d = state.dispatcher();
                Callback::from(move |id| d.dispatch(Action::Hover(id)))
            };
            let toggle_list = {
                let list_open = list_open.clone();
                Callback::from(move |_| list_open.set(!*list_open))
            };
            html! {
                <div class="workspace">
                    <PageStrip edition={edition.clone()} edition_url={url.clone()} page={page} on_nav={on_nav.clone()} />
                    <main class="stage-column" aria-label="版面">
                        <PageView edition={edition.clone()} edition_url={url.clone()} page={page}
                            hovered={state.hovered.clone()} current={state.place.article.clone()}
                            on_hover={on_hover.clone()} on_nav={on_nav.clone()} />
                        <PageBar edition={edition.clone()} page={page} on_nav={on_nav.clone()}
                            list_open={*list_open} on_toggle_list={toggle_list.clone()} />
                    </main>
                    <aside class={classes!("side", list_open.then_some("list-open"))} aria-label="本版标题">
                        <ArticleList edition={edition.clone()} page={page} current={state.place.article.clone()}
                            on_hover={on_hover} on_nav={on_nav.clone()} on_close={toggle_list} />
                    </aside>
                    if let Some(article) = article {
                        <Reader edition={edition.clone()} edition_url={url} article={Rc::new(article)}
                            on_nav={on_nav.clone()} {on_share} />
                    }
                </div>
            }
        }
    };
    let announce = state.current_edition().and_then(|e| {
        let page = e.page(state.place.page?)?;
        Some(format!(
            "{} {}",
            page.label,
            page.section.clone().unwrap_or_default()
        ))
    });
    let dismiss = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::DismissNotice))
    };
    let index = state.index.ready().cloned();
    html! {
        <div class={classes!("epaper", state.place.article.is_some().then_some("reading"), embed.then_some("embed"))}>
            if !*embed {
                <Masthead edition={state.current_edition().cloned()} index={index} on_nav={on_nav} />
            }
            if let Some(notice) = state.notice.clone() {
                <NoticeBar message={notice} on_dismiss={dismiss} />
            }
            { body }
            <p class="sr-only" aria-live="polite">{ announce.unwrap_or_default() }</p>
            <Toast message={(*toast).clone()} on_done={Callback::from(move |_| toast.set(None))} />
        </div>
    }
}

/// Back/forward and hand-edited hashes move the state; a settled place (a
/// link to a page that does not exist) is written back without a new entry.
#[hook]
fn use_location_sync(state: &UseReducerHandle<AppState>) {
    let d = state.dispatcher();
    use_effect_with((), move |_| {
        // popstate comes for back/forward and for a hash typed into the
        // address bar alike (hashchange would say the same thing twice).
        let on_pop = EventListener::new(&gloo::utils::window(), "popstate", move |_| {
            d.dispatch(Action::Navigate(location::current_place()))
        });
        move || drop(on_pop)
    });
    let settled = state.edition.ready().is_some().then(|| state.place.clone());
    use_effect_with(settled, |settled| {
        if let Some(place) = settled {
            location::replace(place);
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
                fetch::load_index(url.clone(), move |r| d.dispatch(Action::IndexLoaded(r)))
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

/// Turns what the reader asked for into history entries and state.
#[hook]
fn use_navigation(
    state: &UseReducerHandle<AppState>,
    set_list: UseStateSetter<bool>,
) -> Callback<Nav> {
    let place = state.place.clone();
    let edition = state.current_edition().cloned();
    let d = state.dispatcher();
    // Focus returns to the region the reader came from when the reader closes.
    let previous = use_mut_ref(|| None::<String>);
    use_effect_with(place.article.clone(), move |article| {
        let was = std::mem::replace(&mut *previous.borrow_mut(), article.clone());
        if let (None, Some(id)) = (article, was) {
            super::components::page_view::focus_region(&id);
        }
    });
    Callback::from(move |nav: Nav| {
        let go = |next: Place, push: bool, from_page: bool| {
            if push {
                location::push(&next, from_page);
            } else {
                location::replace(&next);
            }
            d.dispatch(Action::Navigate(next));
        };
        let at = |page: Option<u32>, article: Option<String>| Place {
            date: place.date.clone(),
            page,
            article,
        };
        match nav {
            Nav::Page(n) => go(at(Some(n), None), true, false),
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
                go(
                    at(page, Some(id)),
                    place.article.is_none(),
                    place.article.is_none(),
                )
            }
            Nav::Step(id) => {
                let page = edition
                    .as_ref()
                    .and_then(|e| e.article(&id))
                    .map(|a| a.first_page());
                go(at(page, Some(id)), false, false)
            }
            Nav::Close => {
                if location::opened_from_page() {
                    location::back();
                } else {
                    go(at(place.page, None), false, false);
                }
            }
            Nav::Date(date) => go(
                Place {
                    date: Some(date),
                    page: None,
                    article: None,
                },
                true,
                false,
            ),
        }
    })
}

/// Esc closes the reader; ←/→ turn pages when nothing else wants the keys.
#[hook]
fn use_keyboard(state: &UseReducerHandle<AppState>, on_nav: Callback<Nav>) {
    let reading = state.place.article.is_some();
    let page = state.place.page;
    let edition = state.current_edition().cloned();
    let date = edition.as_ref().map(|e| e.date.clone());
    use_effect_with((reading, page, date), move |(reading, page, _)| {
        let (reading, page) = (*reading, *page);
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            options,
            move |event| {
                let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if event.default_prevented()
                    || event.alt_key()
                    || event.ctrl_key()
                    || event.meta_key()
                {
                    return;
                }
                match event.key().as_str() {
                    "Escape" if reading => {
                        event.prevent_default();
                        on_nav.emit(Nav::Close);
                    }
                    // A zoomed page pans with the arrows instead (see surface.rs).
                    key @ ("ArrowLeft" | "ArrowRight")
                        if !reading && !super::surface::typing(event) && !page_zoomed() =>
                    {
                        let step = if key == "ArrowLeft" { -1 } else { 1 };
                        let next = page.and_then(|p| edition.as_ref()?.neighbour_page(p, step));
                        if let Some(next) = next {
                            event.prevent_default();
                            on_nav.emit(Nav::Page(next.number));
                        }
                    }
                    _ => {}
                }
            },
        );
        move || drop(listener)
    });
}

fn page_zoomed() -> bool {
    gloo::utils::document()
        .query_selector(".stage.zoomed")
        .ok()
        .flatten()
        .is_some()
}

use wasm_bindgen::JsCast;
