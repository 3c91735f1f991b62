//! 本版标题: the page's articles as a list, the accessible way to every story.

use super::when;
use crate::edition::ArticleKind;
use crate::route::Links;
use crate::web::nav::Nav;
use crate::web::EditionRef;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleListProps {
    /// How places become links (the frame's; default: under `/`).
    #[prop_or_default]
    pub links: Rc<Links>,
    pub edition: EditionRef,
    pub page: u32,
    pub current: Option<String>,
    pub on_nav: Callback<Nav>,
    /// Closes the list sheet on phones.
    pub on_close: Callback<()>,
}

#[component]
pub fn ArticleList(props: &ArticleListProps) -> Html {
    let links = &props.links;
    // Pointing at an entry lights its regions on the page, and pointing at
    // a region lights its entry here (hooks/hover.rs).
    let on_hover = Callback::from(crate::web::hooks::set_hover);
    let hovered = crate::web::hooks::use_hovered();
    let articles = props.edition.articles_on(props.page);
    let items = articles.iter().map(|a| {
        let onclick = super::follow(&props.on_nav, Nav::Open(a.id.clone()));
        let hover = super::hover_handlers(&on_hover, &a.id);
        let href = links.article(&props.edition.date, props.page, &a.id);
        let current = props.current.as_deref() == Some(a.id.as_str());
        let lit = hovered.as_deref() == Some(a.id.as_str());
        let continued = a.pages().len() > 1;
        let link = html! {
                <a {href} {onclick} onpointerover={hover.over} onpointerout={hover.out}
                    onfocus={hover.focus} onblur={hover.blur}
                    aria-current={current.then_some("true")}>
                    if let Some(kicker) = &a.kicker { <span class="list-kicker">{ kicker }</span> }
                    <span class="list-title">{ &a.title }</span>
                    <span class="list-meta">
                        { kind_label(a.kind) }
                        if continued { { format!(" · 跨{}个版面", a.pages().len()) } }
                    </span>
                </a>
        };
        html! { <li>{ super::classed(link, &[when(current, "current"), when(lit, "lit")]) }</li> }
    });
    html! {
        <section class="article-list">
            <header>
                <h2>{ "本版标题" }</h2>
                <button class="icon-button list-close" aria-label="收起本版标题" onclick={super::follow(&props.on_close, ())}>{ "×" }</button>
            </header>
            if articles.is_empty() {
                <p class="empty">{ "本版没有可点读的文章。" }</p>
            } else {
                <ol>{ for items }</ol>
            }
        </section>
    }
}

pub fn kind_label(kind: ArticleKind) -> &'static str {
    match kind {
        ArticleKind::News => "新闻",
        ArticleKind::Photo => "图片新闻",
        ArticleKind::Notice => "公告",
        ArticleKind::Advertisement => "广告",
        ArticleKind::Other => "其他",
    }
}
