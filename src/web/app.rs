//! The root component: owns the state, runs the loaders, keeps the address
//! bar and the state in step, and lays out the views.

use super::components::frame::Frame;
use super::host_bridge::use_host_bridge;
use super::nav::Nav;
use super::services::{fetch, location};
use crate::route::Links;
use crate::route::Place;
use crate::state::{Action, AppState, Boot, Load};
use gloo::events::EventListener;
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

    let d = state.dispatcher();
    let on_retry = match &state.edition {
        Load::Failed(err) if err.retryable() => {
            let d = d.clone();
            Some(Callback::from(move |_| d.dispatch(Action::Retry)))
        }
        _ => None,
    };
    let on_hover = {
        let d = d.clone();
        Callback::from(move |id| d.dispatch(Action::Hover(id)))
    };
    let on_toggle_list = {
        let list_open = list_open.clone();
        Callback::from(move |_| list_open.set(!*list_open))
    };
    html! {
        <Frame links={props.boot.links.clone()} edition={state.edition.clone()}
            edition_url={state.edition_url.clone().unwrap_or_default()} place={state.place.clone()}
            hovered={state.hovered.clone()} notice={state.notice.clone()} toast={(*toast).clone()}
            embed={props.boot.embed} list_open={*list_open}
            {on_nav} {on_hover} {on_toggle_list} {on_share} {on_retry}
            on_dismiss={Callback::from(move |_| d.dispatch(Action::DismissNotice))}
            on_toast_done={Callback::from(move |_| toast.set(None))} />
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

/// Back/forward move the state; a settled place (a link to a page that does
/// not exist, an old hash link) is written back without a new entry, and the
/// document's title follows the place.
#[hook]
fn use_location_sync(state: &UseReducerHandle<AppState>, links: &Rc<Links>) {
    let d = state.dispatcher();
    let base = links.base.clone();
    use_effect_with((), move |_| {
        let on_pop = EventListener::new(&gloo::utils::window(), "popstate", move |_| {
            d.dispatch(Action::Navigate(location::current_place(&base)))
        });
        move || drop(on_pop)
    });
    // After every render, not only when the settled place changes: a move to
    // a page that does not exist settles back on the place already shown, and
    // the address (which says 99) must still be put right. Both writes are
    // skipped when nothing differs.
    let settled = state.current_edition().map(|e| {
        (
            state.place.clone(),
            crate::meta::document_title(e, &state.place),
        )
    });
    let base = links.base.clone();
    use_effect(move || {
        if let Some((place, title)) = settled {
            location::replace(&base, &place);
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
    links: &Rc<Links>,
    set_list: UseStateSetter<bool>,
) -> Callback<Nav> {
    let links = links.clone();
    let place = state.place.clone();
    let edition = state.current_edition().cloned();
    let d = state.dispatcher();
    // Focus returns to the region the reader came from when the reader closes.
    let previous = use_mut_ref(|| None::<String>);
    use_effect_with(place.article.clone(), move |article| {
        let was = std::mem::replace(&mut *previous.borrow_mut(), article.clone());
        if let (None, Some(id)) = (article, was) {
            super::hooks::focus_region(&id);
        }
    });
    Callback::from(move |nav: Nav| {
        let go = |next: Place, push: bool, from_page: bool| {
            if push {
                location::push(&links.base, &next, from_page);
            } else {
                location::replace(&links.base, &next);
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
