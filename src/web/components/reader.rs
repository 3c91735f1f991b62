//! The article reflowed for reading: headline stack, byline, body with
//! subheads and figures, where it stands in the paper, and the way on; the
//! reader's comforts (字号, 夜间, 听新闻, photos full-size) in sub-modules.
//! Text passes through crate::typography on its way to the screen.

mod listen;
mod photo;
mod settings;

use super::article_list::kind_label;
use super::search::marked_text;
use crate::edition::{resolve_url, Article, ArticleKind, Block, Edition};
use crate::meta::chinese_date;
use crate::route::{Links, Place};
use crate::typography::{headline_parts, reader_text, without_print_bullet};
use crate::web::host_bridge::ShareRequest;
use crate::web::nav::Nav;
use crate::web::EditionRef;
use listen::{use_listen, Listen};
use photo::PhotoViewer;
use settings::ReaderSettings;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// How places become links (the frame's; default: under `/`).
    #[prop_or_default]
    pub links: Rc<Links>,
    pub edition: EditionRef,
    pub edition_url: String,
    pub article: Rc<Article>,
    pub on_nav: Callback<Nav>,
    /// Share this article (through the host app, or the web).
    pub on_share: Callback<ShareRequest>,
    /// A search's query: its hits are marked in the text (H-search, #12).
    #[prop_or_default]
    pub marks: Option<Rc<str>>,
}

/// A photo shown full-size: its address and description.
type Photo = Option<(String, String)>;

#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let links = props.links.clone();
    let a = &props.article;
    let mark = |text: &str| marked_text(text, props.marks.as_deref());
    let heading = use_node_ref();
    let panel = use_node_ref();
    let shown = use_mut_ref(|| false);
    {
        // A new article starts at its top (上一篇/下一篇 keep the panel), and
        // its title takes the focus, so screen readers start there and the
        // keyboard continues inside the reader. A panel just made is at its
        // top already: setting scrollTop would lay the page out in the middle
        // of the tap that opened it.
        let (heading, panel) = (heading.clone(), panel.clone());
        use_effect_with(a.id.clone(), move |_| {
            let kept = std::mem::replace(&mut *shown.borrow_mut(), true);
            if let Some(el) = panel.cast::<web_sys::Element>().filter(|_| kept) {
                el.set_scroll_top(0);
            }
            if let Some(el) = heading.cast::<web_sys::HtmlElement>() {
                crate::web::hooks::focus_after_paint(el);
            }
        });
    }
    let listen = use_listen(a);
    let photo = use_state(|| None as Photo);
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
    let speaking = listen.progress.at;
    let title = headline_parts(&a.title);
    let last = title.len().saturating_sub(1);
    let note = props
        .edition
        .facsimile
        .as_ref()
        .and_then(|f| f.note.clone());
    html! {
        <section class="reader" role="dialog" aria-modal="false" aria-labelledby="reader-title" ref={panel}>
            <div class="reader-bar">
                <a class="button back" href={page_href} onclick={close}>{ "返回版面" }</a>
                <span class="reader-where">{ format!("{} · {}", page_labels.join("、"), kind_label(a.kind)) }</span>
                <ReaderSettings />
                <button class="button" onclick={share}>{ "分享" }</button>
            </div>
            <article class="story">
                <header class={classes!("headline", (speaking == Some(0)).then_some("speaking"))}>
                    if let Some(column) = &a.column { <p class="column">{ column }</p> }
                    if let Some(kicker) = &a.kicker { <p class="kicker">{ mark(&reader_text(kicker)) }</p> }
                    <h1 id="reader-title" tabindex="-1" ref={heading}>
                        { for title.into_iter().enumerate().map(|(i, part)| html! {
                            <>{ mark(&part) }if i < last { <wbr /> }</>
                        }) }
                    </h1>
                    if let Some(subtitle) = &a.subtitle { <p class="subtitle">{ mark(&reader_text(subtitle)) }</p> }
                    if let Some(byline) = &a.byline { <p class="byline">{ reader_text(without_print_bullet(byline)) }</p> }
                </header>
                { body(props, speaking, photo.setter()) }
                { continuation(&links, &props.edition, a) }
                <p class="print-source">{ format!("{} {} {}", props.edition.publication.name, chinese_date(&props.edition.date), page_labels.join("、")) }</p>
                if let Some(note) = note { <p class="facsimile-note">{ note }</p> }
            </article>
            { steps(&links, props) }
            { listen_control(props, &listen) }
            if let Some((src, alt)) = (*photo).clone() {
                <PhotoViewer {src} {alt} on_close={{ let photo = photo.clone(); Callback::from(move |_| photo.set(None)) }} />
            }
        </section>
    }
}

fn body(props: &ReaderProps, speaking: Option<usize>, open_photo: UseStateSetter<Photo>) -> Html {
    let a = &props.article;
    let mark = |text: &str| marked_text(text, props.marks.as_deref());
    let mut dateline = a.dateline.clone();
    let blocks = a.body.iter().enumerate().map(|(i, block)| {
        let read_now = (speaking == Some(i + 1)).then_some("speaking");
        match block {
            Block::Paragraph { text } => {
                // 本报讯 is printed bold at the head of the first paragraph.
                let lead = dateline.take().map(|d| html! { <><strong class="story-dateline">{ d }</strong>{ " " }</> });
                html! { <p class={classes!(read_now)}>{ for lead }{ mark(&reader_text(text)) }</p> }
            }
            Block::Subhead { text } => html! { <h3 class={classes!("subhead", read_now)}>{ mark(&reader_text(text)) }</h3> },
            Block::Figure { image, caption, credit } => {
                let photo = a.kind == ArticleKind::Photo;
                let picture = match image {
                    Some(img) => {
                        let src = resolve_url(&props.edition_url, &img.url);
                        let open = {
                            let (src, alt, set) = (src.clone(), caption.clone(), open_photo.clone());
                            Callback::from(move |e: MouseEvent| {
                                e.prevent_default();
                                set.set(Some((src.clone(), alt.clone())));
                            })
                        };
                        // A link to the picture itself: without the app it still opens.
                        html! {
                            <a class="photo-open" href={src.clone()} onclick={open} aria-label="查看大图">
                                <img {src} alt={caption.clone()} loading="lazy" decoding="async" />
                            </a>
                        }
                    }
                    None => html! { <div class="photo-missing" aria-hidden="true">{ "图片" }</div> },
                };
                let lines = caption.split('\n').filter(|l| !l.trim().is_empty());
                html! {
                    <figure class={classes!(photo.then_some("photo-news"), read_now)}>
                        { picture }
                        <figcaption>
                            { for lines.map(|l| html! { <p>{ reader_text(l) }</p> }) }
                            if let Some(credit) = credit { <p class="credit">{ reader_text(without_print_bullet(credit)) }</p> }
                        </figcaption>
                    </figure>
                }
            }
        }
    });
    html! { <div class="story-body">{ for blocks }</div> }
}

/// 本文自第2版转第3版（要闻）: where an article stands on more than one page,
/// each later page a link named with that page's own section.
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
                        <span class="step-title">{ crate::typography::plain_headline(&next.title) }</span>
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

/// 听新闻: a small floating control; at the end, the next article is offered.
fn listen_control(props: &ReaderProps, listen: &Listen) -> Html {
    if !listen.available {
        return html! {};
    }
    let p = &listen.progress;
    let next = props.edition.neighbour(&props.article.id, 1);
    if p.ended {
        if let Some(next) = next {
            let (id, on_nav, play_next) = (
                next.id.clone(),
                props.on_nav.clone(),
                listen.play_next.clone(),
            );
            let onclick = Callback::from(move |_: MouseEvent| {
                *play_next.borrow_mut() = true;
                on_nav.emit(Nav::Step(id.clone()));
            });
            return html! {
                <div class="listen ended" role="status">
                    <button class="button primary listen-next" {onclick}>
                        { "▶ 继续听下一篇：" }<span class="listen-title">{ crate::typography::plain_headline(&next.title) }</span>
                    </button>
                </div>
            };
        }
    }
    let (icon, label) = match (p.playing, p.at.is_some()) {
        (true, _) => ("❚❚", "暂停"),
        (false, true) => ("▶", "继续听"),
        (false, false) => ("▶", "听新闻"),
    };
    html! {
        <div class="listen">
            <button class="button primary listen-toggle" aria-pressed={p.playing.to_string()} onclick={listen.toggle.clone()}>
                <span aria-hidden="true">{ icon }</span>{ " " }{ label }
            </button>
        </div>
    }
}

fn share_callback(props: &ReaderProps) -> Callback<MouseEvent> {
    let a = &props.article;
    let request = ShareRequest {
        title: crate::typography::plain_headline(&a.title),
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
