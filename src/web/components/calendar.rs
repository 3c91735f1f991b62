//! 往期 as a month calendar: a grid of days, those with an edition links,
//! the others disabled. Arrow keys move between days (across months too),
//! Page Up/Down change month, Home/End go to the week's ends; one day is the
//! grid's tab stop. The caller owns the month shown (it loads that year's
//! list) and the dates known so far.

use super::search::UrlBuilder;
use crate::archive::{add_months, date_of_day, day_number, days_in_month, month_grid, parse_date};
use crate::state::Dates;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CalendarProps {
    /// Dates (`YYYY-MM-DD`) that have an edition, at least for the month shown.
    pub dates: Rc<Dates>,
    /// The month shown, `(year, month)`.
    pub month: (i32, u32),
    /// The archive's first and last edition dates: the months one can go to.
    pub first: String,
    pub last: String,
    /// The edition open now.
    #[prop_or_default]
    pub current: Option<String>,
    /// The month's list is still loading: days are not yet known.
    #[prop_or_default]
    pub loading: bool,
    pub on_month: Callback<(i32, u32)>,
    /// A day was picked (the link's default is prevented: the app navigates).
    pub on_pick: Callback<String>,
    pub url: UrlBuilder,
}

const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

fn iso(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn month_of(date: &str) -> Option<(i32, u32)> {
    parse_date(date).map(|(y, m, _)| (y, m))
}

#[component]
pub fn Calendar(props: &CalendarProps) -> Html {
    let (year, month) = props.month;
    let grid_ref = use_node_ref();
    // The day that holds the tab stop, and one to focus after the next render
    // (a key moved to it, possibly in another month).
    let roving = use_state(|| None::<String>);
    let pending = use_mut_ref(|| None::<String>);
    {
        let grid_ref = grid_ref.clone();
        let pending = pending.clone();
        use_effect(move || {
            let want = pending.borrow_mut().take();
            if let (Some(date), Some(grid)) = (want, grid_ref.cast::<web_sys::Element>()) {
                let found = grid
                    .query_selector(&format!("[data-date=\"{date}\"]"))
                    .ok()
                    .flatten()
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                match found {
                    Some(el) => {
                        let _ = el.focus();
                    }
                    // Not rendered yet (another month): try after the next render.
                    None => *pending.borrow_mut() = Some(date),
                }
            }
        });
    }
    let (min, max) = (month_of(&props.first), month_of(&props.last));
    let can_go = |ym: (i32, u32)| min.is_none_or(|m| ym >= m) && max.is_none_or(|m| ym <= m);
    let prev = add_months(year, month, -1);
    let next = add_months(year, month, 1);

    // The tab stop: the day keys moved to, else the open edition, else the
    // first day with an edition, else the 1st.
    let in_month = |d: &String| month_of(d) == Some((year, month));
    let stop = (*roving)
        .clone()
        .filter(in_month)
        .or_else(|| props.current.clone().filter(in_month))
        .or_else(|| {
            (1..=days_in_month(year, month))
                .map(|d| iso(year, month, d))
                .find(|d| props.dates.contains(d))
        })
        .unwrap_or_else(|| iso(year, month, 1));

    let move_to = {
        let roving = roving.clone();
        let pending = pending.clone();
        let on_month = props.on_month.clone();
        let (first, last) = (props.first.clone(), props.last.clone());
        let shown = props.month;
        Rc::new(move |date: String| {
            // Within the archive's months; days without an edition take focus too.
            if month_of(&date) < month_of(&first) || month_of(&date) > month_of(&last) {
                return;
            }
            if let Some(m) = month_of(&date) {
                if m != shown {
                    on_month.emit(m);
                }
            }
            *pending.borrow_mut() = Some(date.clone());
            roving.set(Some(date));
        })
    };

    let weeks = month_grid(year, month).into_iter().map(|week| {
        let cells = week.into_iter().enumerate().map(|(col, day)| {
            let Some(d) = day else {
                return html! { <td role="gridcell" class="cal-blank"></td> };
            };
            let date = iso(year, month, d);
            let has = props.dates.contains(&date);
            let tabindex = if date == stop { "0" } else { "-1" };
            let onkeydown = {
                let move_to = move_to.clone();
                let date = date.clone();
                Callback::from(move |e: KeyboardEvent| {
                    if let Some(target) = key_target(&date, col, &e.key()) {
                        e.prevent_default();
                        move_to(target);
                    }
                })
            };
            let current = props.current.as_deref() == Some(date.as_str());
            let label = format!("{year}年{month}月{d}日 星期{}", WEEKDAYS[col]);
            if has {
                let href = props.url.url(&date, 1, None);
                let onclick = {
                    let on_pick = props.on_pick.clone();
                    let date = date.clone();
                    Callback::from(move |e: MouseEvent| {
                        if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                            return;
                        }
                        e.prevent_default();
                        on_pick.emit(date.clone());
                    })
                };
                let cell = html! {
                    <td role="gridcell">
                        <a {href} {onclick} {onkeydown} {tabindex} data-date={date.clone()}
                            aria-label={label} aria-current={current.then_some("date")}>{ d }</a>
                    </td>
                };
                super::classed(cell, &["cal-day", super::when(current, "current")])
            } else {
                let label = format!(
                    "{label}，{}",
                    if props.loading {
                        "正在加载"
                    } else {
                        "无报纸"
                    }
                );
                html! {
                    <td role="gridcell" class="cal-day cal-none" aria-disabled="true" {tabindex}
                        {onkeydown} data-date={date} aria-label={label}>{ d }</td>
                }
            }
        });
        html! { <tr>{ for cells }</tr> }
    });

    let go = |ym: (i32, u32)| {
        let on_month = props.on_month.clone();
        Callback::from(move |_: MouseEvent| on_month.emit(ym))
    };
    let years: Vec<i32> = match (min, max) {
        (Some((a, _)), Some((b, _))) if a <= b => (a..=b).rev().collect(),
        _ => vec![year],
    };
    let on_year = {
        let on_month = props.on_month.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(y) = select.value().parse() {
                on_month.emit((y, month));
            }
        })
    };
    let on_month_pick = {
        let on_month = props.on_month.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(m) = select.value().parse() {
                on_month.emit((year, m));
            }
        })
    };
    let title = format!("{year}年{month}月");
    html! {
        <section class="calendar" aria-label="往期日历">
            <div class="cal-nav">
                <button type="button" class="button" onclick={go(prev)} disabled={!can_go(prev)}
                    aria-label="上个月">{ "‹" }</button>
                <select aria-label="年份" onchange={on_year}>
                    { for years.iter().map(|y| html! {
                        <option value={y.to_string()} selected={*y == year}>{ format!("{y}年") }</option>
                    }) }
                </select>
                <select aria-label="月份" onchange={on_month_pick}>
                    { for (1..=12u32).map(|m| html! {
                        <option value={m.to_string()} selected={m == month} disabled={!can_go((year, m))}>
                            { format!("{m}月") }
                        </option>
                    }) }
                </select>
                <button type="button" class="button" onclick={go(next)} disabled={!can_go(next)}
                    aria-label="下个月">{ "›" }</button>
            </div>
            <table role="grid" class="cal-grid" ref={grid_ref} aria-labelledby="cal-title" aria-busy={props.loading.then_some("true")}>
                <caption id="cal-title">{ title.clone() }</caption>
                <thead>
                    <tr>{ for WEEKDAYS.iter().map(|w| html! {
                        <th scope="col" abbr={format!("星期{w}")}>{ *w }</th>
                    }) }</tr>
                </thead>
                <tbody>{ for weeks }</tbody>
            </table>
            // A caption may not be a live region: the month is announced here.
            <p class="sr-only" aria-live="polite">{ title }</p>
        </section>
    }
}

/// The date a key moves to from `date` (in column `col`, Monday = 0), if any.
pub fn key_target(date: &str, col: usize, key: &str) -> Option<String> {
    let day = day_number(date)?;
    let (y, m, d) = parse_date(date)?;
    let shift = |n: i64| u32::try_from(i64::from(day) + n).ok().map(date_of_day);
    match key {
        "ArrowLeft" => shift(-1),
        "ArrowRight" => shift(1),
        "ArrowUp" => shift(-7),
        "ArrowDown" => shift(7),
        "Home" => shift(-(col as i64)),
        "End" => shift(6 - col as i64),
        "PageUp" | "PageDown" => {
            let (y2, m2) = add_months(y, m, if key == "PageUp" { -1 } else { 1 });
            Some(iso(y2, m2, d.min(days_in_month(y2, m2))))
        }
        _ => None,
    }
}
