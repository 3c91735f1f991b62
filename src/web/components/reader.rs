//! The article reflowed for reading: headline stack, byline, body with
//! subheads and figures, where it stands in the paper, and the way on.

use super::article_list::kind_label;
use super::search::marked_text;
use crate::edition::{resolve_url, Article, ArticleKind, Block, Edition};
use crate::meta::chinese_date;
use crate::route::{Links, Place};
use crate::web::host_bridge::ShareRequest;
use crate::web::nav::Nav;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    pub edition: Rc<Edition>,
    pub edition_url: String,
    pub article: Rc<Article>,
    pub on_nav: Callback<Nav>,
    /// Share this article (through the host app, or the web).
    pub on_share: Callback<ShareRequest>,
    /// A search's query: its hits are marked in the text (H-search, #12).
    #[prop_or_default]
    pub marks: Option<Rc<str>>,
}

#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let links = use_context::<Rc<Links>>().unwrap_or_default();
    let a = &props.article;
    let mark = |text: &str| marked_text(text, props.marks.as_deref());
    let heading = use_node_ref();
    {
        // Focus the title when an article opens, so screen readers start there
        // and the keyboard continues inside the reader.
        let heading = heading.clone();
        use_effect_with(a.id.clone(), move |_| {
            if let Some(el) = heading.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let close = props.on_nav.reform(|e: MouseEvent| {
        e.prevent_default();
        Nav::Close
    });
    let page_href = links.page(&props.edition.date, a.first_page());
    let share = share_callback(props);
    let pages = a.pages();
    let page_labels: Vec<String> = pages
        .iter()
        .filter_map(|n| props.edition.page(*n))
        .map(|p| p.label.clone())
        .collect();
    html! {
        <section class="reader" role="dialog" aria-modal="false" aria-labelledby="reader-title">
            <div class="reader-bar">
                <a class="button back" href={page_href} onclick={close}>{ "返回版面" }</a>
                <span class="reader-where">{ format!("{} · {}", page_labels.join("、"), kind_label(a.kind)) }</span>
                <button class="button" onclick={share}>{ "分享" }</button>
            </div>
            <article class="story">
                <header class="headline">
                    if let Some(column) = &a.column { <p class="column">{ column }</p> }
                    if let Some(kicker) = &a.kicker { <p class="kicker">{ kicker }</p> }
                    <h1 id="reader-title" tabindex="-1" ref={heading}>{ mark(&a.title) }</h1>
                    if let Some(subtitle) = &a.subtitle { <p class="subtitle">{ subtitle }</p> }
                    if let Some(byline) = &a.byline { <p class="byline">{ byline }</p> }
                </header>
                { body(props) }
                { continuation(&links, &props.edition, a) }
                <p class="print-source">{ format!("{} {} {}", props.edition.publication.name, chinese_date(&props.edition.date), page_labels.join("、")) }</p>
            </article>
            { steps(&links, props) }
        </section>
    }
}

fn body(props: &ReaderProps) -> Html {
    let a = &props.article;
    let mark = |text: &str| marked_text(text, props.marks.as_deref());
    let mut dateline = a.dateline.clone();
    let blocks = a.body.iter().map(|block| match block {
        Block::Paragraph { text } => {
            // 本报讯 is printed bold at the head of the first paragraph.
            let lead = dateline.take().map(|d| html! { <><strong class="story-dateline">{ d }</strong>{ " " }</> });
            html! { <p>{ for lead }{ mark(text) }</p> }
        }
        Block::Subhead { text } => html! { <h3 class="subhead">{ mark(text) }</h3> },
        Block::Figure { image, caption, credit } => {
            let photo = a.kind == ArticleKind::Photo;
            let picture = match image {
                Some(img) => html! {
                    <img src={resolve_url(&props.edition_url, &img.url)} alt={caption.clone()} loading="lazy" decoding="async" />
                },
                None => html! { <div class="photo-missing" aria-hidden="true">{ "图片" }</div> },
            };
            let lines = caption.split('\n').filter(|l| !l.trim().is_empty());
            html! {
                <figure class={classes!(photo.then_some("photo-news"))}>
                    { picture }
                    <figcaption>
                        { for lines.map(|l| html! { <p>{ l }</p> }) }
                        if let Some(credit) = credit { <p class="credit">{ credit }</p> }
                    </figcaption>
                </figure>
            }
        }
    });
    html! { <div class="story-body">{ for blocks }</div> }
}

/// 转第X版 where an article stands on more than one page, each a link to
/// that page with its section's name.
fn continuation(links: &Links, edition: &Edition, a: &Article) -> Html {
    let pages = a.pages();
    if pages.len() < 2 {
        return html! {};
    }
    let onward = pages[1..].iter().map(|n| {
        let section = edition
            .page(*n)
            .and_then(|p| p.section.clone())
            .map(|s| format!("（{s}）"))
            .unwrap_or_default();
        html! { <a href={links.page(&edition.date, *n)}>{ format!("第{n}版{section}") }</a> }
    });
    html! { <p class="continued">{ format!("本文自第{}版转", pages[0]) }{ for onward }</p> }
}

fn steps(links: &Links, props: &ReaderProps) -> Html {
    let link = |step: isize, label: &'static str, class: &'static str| {
        props
            .edition
            .neighbour(&props.article.id, step)
            .map(|next| {
                let id = next.id.clone();
                let on_nav = props.on_nav.clone();
                let onclick = Callback::from(move |e: MouseEvent| {
                    e.prevent_default();
                    on_nav.emit(Nav::Step(id.clone()))
                });
                let href = links.article(&props.edition.date, next.first_page(), &next.id);
                html! {
                    <a class={classes!("step", class)} {href} {onclick}>
                        <span class="step-label">{ label }</span>
                        <span class="step-title">{ &next.title }</span>
                    </a>
                }
            })
    };
    html! {
        <nav class="reader-steps" aria-label="上一篇和下一篇">
            { for link(-1, "上一篇", "prev") }
            { for link(1, "下一篇", "next") }
        </nav>
    }
}

fn share_callback(props: &ReaderProps) -> Callback<MouseEvent> {
    let a = &props.article;
    let request = ShareRequest {
        title: a.title.clone(),
        place: Place {
            date: Some(props.edition.date.clone()),
            page: Some(a.first_page()),
            article: Some(a.id.clone()),
        },
        summary: a
            .summary()
            .map(|s| s.chars().take(80).collect())
            .unwrap_or_default(),
    };
    props.on_share.reform(move |_| request.clone())
}
