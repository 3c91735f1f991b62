//! The app's header: the paper's name (a link to today's paper), the
//! edition's date line, 检索 (search) and 往期 (the archive of past
//! editions); in a host app's webview, a compact bar with the date and the
//! same two buttons instead.

use super::follow;
use crate::edition::Edition;
use crate::meta::chinese_date;
use crate::route::Links;
use yew::prelude::*;

/// The header's inputs (a plain function, not a component: no state, and
/// it renders with the frame).
pub struct Mast<'a> {
    pub links: &'a Links,
    pub edition: Option<&'a Edition>,
    /// The 往期 calendar is open.
    pub archive_open: bool,
    /// 检索 was pressed (the link's default is prevented: the app navigates).
    pub on_search: &'a Callback<()>,
    /// 往期 was pressed: open or close the calendar.
    pub on_archive: &'a Callback<()>,
}

/// 检索 and 往期: links that work without the app (the published search
/// page and archive list), buttons that the app handles itself.
fn tools(m: &Mast) -> Html {
    let links = m.links;
    // A link, not a list of every edition: the page stays the same as the
    // archive grows, so publishing a new day re-renders no old page.
    let archive = format!("{}archive/{}", links.base, links.query);
    let search = format!("{}{}{}", links.base, crate::route::SEARCH_PATH, links.query);
    // A pointer over them (a touch lands there first) or the focus: the
    // module behind them starts downloading before the tap is over.
    html! {
        <div class="mast-tools" onpointerover={|_| crate::web::lazy::preload()}
            onfocusin={|_| crate::web::lazy::preload()}>
            <a class="search-link button" href={search} onclick={follow(m.on_search, ())}>{ "检索" }</a>
            <a class="archive-link button" href={archive} role="button"
                aria-expanded={m.archive_open.to_string()} onclick={follow(m.on_archive, ())}>{ "往期" }</a>
        </div>
    }
}

pub fn masthead(m: &Mast) -> Html {
    let edition = m.edition;
    let name = edition.map_or("昌吉日报", |e| e.publication.name.as_str());
    let dateline = edition.map(|e| {
        html! {
            <p class="dateline">
                <time datetime={e.date.clone()}>{ chinese_date(&e.date) }</time>
                <span>{ &e.weekday }</span>
                if let Some(lunar) = &e.lunar_date { <span class="wide-only">{ format!("农历{lunar}") }</span> }
                <span>{ format!("总第{}期", e.issue_number) }</span>
                if e.test_data { <span class="test-flag">{ "测试数据" }</span> }
            </p>
        }
    });
    html! {
        <header class="masthead">
            <h1 class="paper-name"><a href={m.links.to(&Default::default())}>{ name }<span class="product">{ "数字报" }</span></a></h1>
            // Beside the name on a phone; after the date line on a wide
            // screen (CSS `order`).
            { tools(m) }
            { for dateline }
        </header>
    }
}

/// In embed mode (the host app shows its own title bar): the edition's date
/// and the way to other editions and to search, in one slim line.
pub fn embed_bar(m: &Mast) -> Html {
    let date = m.edition.map(|e| {
        html! {
            <p class="embed-date">
                <time datetime={e.date.clone()}>{ chinese_date(&e.date) }</time>
                <span>{ &e.weekday }</span>
                if e.test_data { <span class="test-flag">{ "测试数据" }</span> }
            </p>
        }
    });
    html! {
        <div class="embed-bar">
            { for date }
            { tools(m) }
        </div>
    }
}
