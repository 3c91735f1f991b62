//! The app's header: the paper's name, the edition's date line, and 往期.

use crate::edition::{Edition, EditionIndex};
use crate::web::nav::Nav;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MastheadProps {
    pub edition: Option<Rc<Edition>>,
    pub index: Option<Rc<EditionIndex>>,
    pub on_nav: Callback<Nav>,
}

#[component]
pub fn Masthead(props: &MastheadProps) -> Html {
    let edition = props.edition.as_deref();
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
    let picker = props.index.as_deref().filter(|i| i.editions.len() > 1).map(|index| {
        let on_nav = props.on_nav.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            on_nav.emit(Nav::Date(select.value()));
        });
        let current = edition.map(|e| e.date.clone()).unwrap_or_default();
        html! {
            <label class="edition-picker">
                <span>{ "往期" }</span>
                <select {onchange} aria-label="选择往期报纸">
                    { for index.editions.iter().map(|entry| html! {
                        <option value={entry.date.clone()} selected={entry.date == current}>
                            { format!("{} 第{}期", chinese_date(&entry.date), entry.issue_number) }
                        </option>
                    }) }
                </select>
            </label>
        }
    });
    html! {
        <header class="masthead">
            <h1 class="paper-name">{ name }<span class="product">{ "数字报" }</span></h1>
            { for dateline }
            { for picker }
        </header>
    }
}

/// `2025-05-21` → `2025年5月21日`.
pub fn chinese_date(iso: &str) -> String {
    let mut parts = iso.split('-').map(|p| p.trim_start_matches('0'));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{y}年{m}月{d}日"),
        _ => iso.to_string(),
    }
}
