//! The app's two second-module screens: 检索 (its query in the address) and
//! the 往期 calendar panel. The app keeps their state and history; the
//! screens themselves are the second module's (web/lazy.rs).

use crate::edition::resolve_url;
use crate::route::{Links, Place};
use crate::state::{Action, AppState, Load};
use crate::web::lazy::{Args, CalendarArgs, LazyEvent, LazySlot, Screen, SearchArgs};
use crate::web::nav::Nav;
use crate::web::services::location;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the app hands the frame for the search screen.
pub(super) struct SearchScreen {
    /// The search screen (the second module's), while it is open.
    pub view: Option<Html>,
    /// Opens the search screen (检索).
    pub open: Callback<()>,
}

/// The search screen: its query lives in the address; the second module
/// (web/lazy.rs) searches and shows the results, and a result opens here as
/// an article with the hits marked.
#[hook]
pub(super) fn use_search_screen(
    state: &UseReducerHandle<AppState>,
    links: &Rc<Links>,
) -> SearchScreen {
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
    // Made at each render, like the screen's args (no `use_callback`: its
    // memo costs the module more than a render of the slot, which reads the
    // latest callback anyway).
    let on_event = Callback::from(move |e: LazyEvent| match e {
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
            location::push(&base, &place, false);
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

pub(super) struct CalendarPanel {
    pub view: Option<Html>,
    pub toggle: Callback<()>,
}

/// 往期: the month calendar, opened from the masthead (or the embed bar). It
/// shows the open edition's month; browsing back fetches a year's list only
/// when the index's latest entries do not cover the month.
#[hook]
pub(super) fn use_calendar(
    state: &UseReducerHandle<AppState>,
    links: &Rc<Links>,
    on_nav: Callback<Nav>,
) -> CalendarPanel {
    let month = crate::web::hooks::use_cell(|| None::<(i32, u32)>);
    let current = state.current_edition().map(|e| e.date.clone());
    let open_at = current
        .as_deref()
        .or(state.index.ready().map(|i| i.latest.as_str()))
        .and_then(crate::archive::parse_date)
        .map(|(y, m, _)| (y, m));
    let toggle = {
        let month = month.clone();
        Callback::from(move |_| month.set(if month.get().is_some() { None } else { open_at }))
    };
    {
        // Closing gives the focus back to 往期 if it was lost with the panel
        // (opening moves it into the grid: web/lazy_screens.rs).
        let open = month.get().is_some();
        let was_open = use_mut_ref(|| false);
        crate::web::effect::use_effect_on(open, move |open| {
            let was = std::mem::replace(&mut *was_open.borrow_mut(), *open);
            if *open || !was {
                return;
            }
            let target = gloo::utils::document()
                .query_selector("#app .archive-link[aria-expanded=\"false\"]")
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) = target {
                crate::web::hooks::focus_if_lost(&el);
            }
        });
    }
    let needed = month.get().and_then(|m| state.year_needed(m));
    let d = state.dispatcher();
    crate::web::effect::use_effect_on(needed, move |needed| {
        if let Some(year) = needed {
            d.dispatch(Action::WantYear(*year));
        }
    });
    let on_event = {
        let month = month.clone();
        Callback::from(move |e: LazyEvent| match e {
            LazyEvent::Month(y, m) => month.set(Some((y, m))),
            LazyEvent::Pick(date) => {
                month.set(None);
                on_nav.emit(Nav::Date(date));
            }
            LazyEvent::Close => month.set(None),
            _ => {}
        })
    };
    let view = month.get().zip(state.archive_span()).map(|(shown, (first, last))| {
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
