//! Moving between pages: thumbnails on a desktop, a compact bar on a phone.

use crate::edition::{resolve_url, Edition, Page};
use crate::web::nav::Nav;
use std::rc::Rc;
use yew::prelude::*;

fn page_name(page: &Page) -> String {
    match &page.section {
        Some(section) => format!("{} {section}", page.label),
        None => page.label.clone(),
    }
}

#[derive(Properties, PartialEq)]
pub struct PageStripProps {
    pub edition: Rc<Edition>,
    pub edition_url: String,
    pub page: u32,
    pub on_nav: Callback<Nav>,
}

/// 版面导航 with thumbnails (shown on wide screens).
#[component]
pub fn PageStrip(props: &PageStripProps) -> Html {
    let items = props.edition.pages.iter().map(|page| {
        let current = page.number == props.page;
        let number = page.number;
        let on_nav = props.on_nav.clone();
        let onclick = Callback::from(move |_| on_nav.emit(Nav::Page(number)));
        let thumb = page.thumbnail.as_ref().map(|t| resolve_url(&props.edition_url, &t.url));
        html! {
            <li>
                <button class={classes!("thumb", current.then_some("current"))} {onclick}
                    aria-current={current.then_some("page")} aria-label={format!("{}版面", page_name(page))}>
                    if let Some(src) = thumb {
                        <img src={src} alt="" loading="lazy" decoding="async" width="120" height={thumb_height(page)} />
                    } else {
                        <span class="thumb-blank" aria-hidden="true">{ &page.label }</span>
                    }
                    <span class="thumb-label">{ page_name(page) }</span>
                </button>
            </li>
        }
    });
    html! {
        <nav class="page-strip" aria-label="版面导航">
            <ol>{ for items }</ol>
        </nav>
    }
}

fn thumb_height(page: &Page) -> String {
    crate::geometry::num(120.0 * page.height / page.width, 0)
}

#[derive(Properties, PartialEq)]
pub struct PageBarProps {
    pub edition: Rc<Edition>,
    pub page: u32,
    pub on_nav: Callback<Nav>,
    pub list_open: bool,
    pub on_toggle_list: Callback<()>,
}

/// 上一版 / page picker / 下一版, and the 本版标题 toggle on phones.
#[component]
pub fn PageBar(props: &PageBarProps) -> Html {
    let step = |by: isize| {
        let target = props
            .edition
            .neighbour_page(props.page, by)
            .map(|p| p.number);
        let on_nav = props.on_nav.clone();
        let onclick = Callback::from(move |_| {
            if let Some(n) = target {
                on_nav.emit(Nav::Page(n));
            }
        });
        (target.is_none(), onclick)
    };
    let (first, prev) = step(-1);
    let (last, next) = step(1);
    let on_nav = props.on_nav.clone();
    let onchange = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        if let Ok(n) = select.value().parse() {
            on_nav.emit(Nav::Page(n));
        }
    });
    let toggle = props.on_toggle_list.clone();
    html! {
        <nav class="page-bar" aria-label="翻版">
            <button class="button" onclick={prev} disabled={first}>{ "上一版" }</button>
            <select class="page-picker" {onchange} aria-label="选择版面">
                { for props.edition.pages.iter().map(|p| html! {
                    <option value={p.number.to_string()} selected={p.number == props.page}>{ page_name(p) }</option>
                }) }
            </select>
            <button class="button" onclick={next} disabled={last}>{ "下一版" }</button>
            <button class="button list-toggle" aria-expanded={props.list_open.to_string()}
                onclick={move |_| toggle.emit(())}>{ "本版标题" }</button>
        </nav>
    }
}
