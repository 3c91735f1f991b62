//! Moving between pages: thumbnails on a desktop, a compact bar on a phone.

use super::{classed, follow, when};
use crate::edition::{resolve_url, Edition, Page};
use crate::meta::page_name;
use crate::route::Links;
use crate::web::nav::Nav;
use yew::prelude::*;

/// A link to a page that the app follows itself (no page load); without the
/// app (before it starts, or no WebAssembly) it is an ordinary link.
fn page_link(on_nav: &Callback<Nav>, number: u32) -> Callback<MouseEvent> {
    follow(on_nav, Nav::Page(number))
}

/// What both need (plain functions, not components: no state; they render
/// with the frame).
pub struct PageNav<'a> {
    pub links: &'a Links,
    pub edition: &'a Edition,
    pub edition_url: &'a str,
    pub page: u32,
    pub on_nav: &'a Callback<Nav>,
    pub list_open: bool,
    pub on_toggle_list: &'a Callback<()>,
}

/// 版面导航 with thumbnails (shown on wide screens).
pub fn page_strip(props: &PageNav) -> Html {
    let links = props.links;
    let items = props.edition.pages.iter().map(|page| {
        let current = page.number == props.page;
        let onclick = page_link(props.on_nav, page.number);
        let href = links.page(&props.edition.date, page.number);
        let name = page_name(props.edition, page.number);
        let thumb = page.thumbnail.as_ref().map(|t| resolve_url(props.edition_url, &t.url));
        html! {
            <li>
                { classed(html! { <a {href} {onclick}
                    aria-current={current.then_some("page")} aria-label={format!("{name}版面")}>
                    if let Some(src) = thumb {
                        <img src={src} alt="" loading="lazy" decoding="async" width="120" height={thumb_height(page)} />
                    } else {
                        // Blank: the label below names the page (a second copy
                        // of it would make the link's visible text differ from its name).
                        <span class="thumb-blank" aria-hidden="true"></span>
                    }
                    <span class="thumb-label">{ name }</span>
                </a> }, &["thumb", when(current, "current")]) }
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

/// 上一版 / page picker / 下一版, and the 本版标题 toggle on phones.
pub fn page_bar(props: &PageNav) -> Html {
    let links = props.links;
    // 上一版/下一版 are links while there is a page to go to; at either end
    // a disabled button stands in the same place.
    let step = |by: isize, label: &'static str| match props.edition.neighbour_page(props.page, by) {
        Some(next) => html! {
            <a class="button" href={links.page(&props.edition.date, next.number)}
                onclick={page_link(props.on_nav, next.number)}>{ label }</a>
        },
        None => html! { <button class="button" disabled=true>{ label }</button> },
    };
    let on_nav = props.on_nav.clone();
    let onchange = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        if let Ok(n) = select.value().parse() {
            on_nav.emit(Nav::Page(n));
        }
    });
    // Behind the open 本版标题 sheet (phones): dims the page, and a tap on
    // it closes the sheet instead of opening the story under it.
    let scrim = props.list_open.then(|| {
        html! { <div class="scrim" aria-hidden="true" onclick={follow(props.on_toggle_list, ())} /> }
    });
    html! {
        <nav class="page-bar" aria-label="翻版">
            { for scrim }
            { step(-1, "上一版") }
            <select class="page-picker" {onchange} aria-label="选择版面">
                { for props.edition.pages.iter().map(|p| html! {
                    <option value={p.number.to_string()} selected={p.number == props.page}>{ page_name(props.edition, p.number) }</option>
                }) }
            </select>
            { step(1, "下一版") }
            // Without the app, the list is the page's #articles target.
            <a class="button list-toggle" href="#articles" role="button" aria-expanded={props.list_open.to_string()}
                onclick={follow(props.on_toggle_list, ())}>{ "本版标题" }</a>
        </nav>
    }
}
