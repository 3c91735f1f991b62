//! The article reflowed for reading: headline stack, byline, body with
//! subheads and figures, where it stands in the paper, and the way on; the
//! reader's comforts (字号, 夜间, 听新闻, photos full-size) in sub-modules,
//! their working parts in the second module (web/lazy.rs), which starts
//! downloading once the reader has opened and the browser is idle.
//! Text passes through crate::typography on its way to the screen.

// Their panels are the second module's: natively (the publish step) unused.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod listen;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod photo;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod settings;

#[cfg(target_arch = "wasm32")]
pub use {listen::ListenPanel, photo::PhotoPanel, settings::SettingsPanel};

/// Escape for a panel over the reader (字号, a photo full-size): caught
/// before the app's own Escape, which closes the reader and skips a key
/// already handled.
#[cfg(target_arch = "wasm32")]
fn on_escape(close: impl Fn() + 'static) -> gloo::events::EventListener {
    use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
    use wasm_bindgen::JsCast;
    let capture = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: false,
    };
    EventListener::new_with_options(&gloo::utils::document(), "keydown", capture, move |e| {
        if e.dyn_ref::<web_sys::KeyboardEvent>()
            .is_some_and(|k| k.key() == "Escape")
        {
            e.prevent_default();
            close();
        }
    })
}

use super::article_list::kind_label;
use super::search::marked_text;
use super::{classed, when};
use crate::edition::{resolve_url, Article, ArticleKind, Block, Edition};
use crate::meta::chinese_date;
use crate::route::{Links, Place};
use crate::typography::{headline_parts, reader_text, without_print_bullet};
use crate::web::host_bridge::ShareRequest;
use crate::web::lazy::{self, LazyEvent, ListenArgs, PhotoArgs, Screen};
use crate::web::nav::Nav;
use crate::web::EditionRef;
use settings::reader_settings;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// How places become links (the frame's; default: under `/`).
    #[prop_or_default]
    pub links: Rc<Links>,
    pub edition: EditionRef,
    pub edition_url: String,
    /// The article shown: its id in the edition (an id, not a copy of the
    /// article, made and compared at every render of the frame).
    pub article: String,
    pub on_nav: Callback<Nav>,
    /// Share this article (through the host app, or the web).
    pub on_share: Callback<ShareRequest>,
    /// A search's query: its hits are marked in the text (H-search, #12).
    #[prop_or_default]
    pub marks: Option<Rc<str>>,
}

/// A photo shown full-size: its address and description.
type Photo = Option<(String, String)>;

/// What the reader keeps between renders. One cell and a forced update,
/// not a `use_state` each: every type of state costs the module its own copy
/// of Yew's reducer code.
#[derive(Default)]
struct Own {
    /// An article was shown: the next one starts at its top.
    shown: bool,
    /// The article 听新闻 reads (set by 听新闻; kept by 继续听下一篇).
    reading: Option<String>,
    /// The piece read (or paused at).
    speaking: Option<usize>,
    photo: Photo,
    /// The 字号/夜间 panel is open.
    settings: bool,
}

/// The reader's state and the way to change it: a change that changes
/// something renders the reader again.
#[derive(Clone)]
struct State {
    own: Rc<RefCell<Own>>,
    update: UseForceUpdateHandle,
}

impl State {
    fn set_reading(&self, id: Option<String>) {
        let changed = std::mem::replace(&mut self.own.borrow_mut().reading, id.clone()) != id;
        self.rendered_if(changed);
    }

    fn set_speaking(&self, at: Option<usize>) {
        let changed = std::mem::replace(&mut self.own.borrow_mut().speaking, at) != at;
        self.rendered_if(changed);
    }

    /// A photo asked for gets its history entry at once, before the second
    /// module's viewer arrives: back while it loads closes the photo, not
    /// the reader (`use_photo_back`). Closed other than by back (× while it
    /// loads or failed), the entry goes too.
    fn set_photo(&self, photo: Photo) {
        #[cfg(target_arch = "wasm32")]
        match (self.own.borrow().photo.is_some(), photo.is_some()) {
            (false, true) => photo::enter(),
            (true, false) => {
                photo::leave();
            }
            _ => {}
        }
        self.own.borrow_mut().photo = photo;
        self.update.force_update();
    }

    fn set_settings(&self, open: bool) {
        let changed = std::mem::replace(&mut self.own.borrow_mut().settings, open) != open;
        self.rendered_if(changed);
    }

    fn rendered_if(&self, changed: bool) {
        if changed {
            self.update.force_update();
        }
    }
}

/// A new article starts at its top (上一篇/下一篇 keep the panel), and its
/// title takes the focus, so screen readers start there and the keyboard
/// continues inside the reader. A panel just made is at its top already:
/// setting scrollTop would lay the page out in the middle of the tap that
/// opened it. Another article, not read on to: reading stops and nothing is
/// marked.
#[hook]
fn use_reader_state(id: &str, heading: &NodeRef, panel: &NodeRef) -> State {
    let state = State {
        own: use_mut_ref(Own::default),
        update: use_force_update(),
    };
    {
        let (heading, panel, state) = (heading.clone(), panel.clone(), state.clone());
        crate::web::effect::use_effect_on(id.to_string(), move |id| {
            let kept = std::mem::replace(&mut state.own.borrow_mut().shown, true);
            if let Some(el) = panel.cast::<web_sys::Element>().filter(|_| kept) {
                el.set_scroll_top(0);
            }
            if let Some(el) = heading.cast::<web_sys::HtmlElement>() {
                crate::web::hooks::focus_after_paint(el);
            }
            let reading = state.own.borrow().reading.clone();
            if reading.as_deref() != Some(id.as_str()) {
                state.set_reading(None);
            }
            state.set_speaking(None);
        });
    }
    // The piece read is kept in view (below the sticky bar: see
    // `scroll-margin` in 40-reader.css), after the render that marks it.
    crate::web::effect::use_effect_on(state.own.borrow().speaking, |at| {
        if at.is_some() {
            keep_in_view();
        }
    });
    state
}

/// While a photo is shown (or its viewer loading), a move in the history
/// closes it: the viewer, once there, listens for itself as well.
#[hook]
fn use_photo_back(state: &State) {
    let open = state.own.borrow().photo.is_some();
    let state = state.clone();
    crate::web::effect::use_effect_on(open, move |open| {
        #[cfg(target_arch = "wasm32")]
        let listener = open.then(|| {
            gloo::events::EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                state.set_photo(None)
            })
        });
        #[cfg(not(target_arch = "wasm32"))]
        let listener = (*open, state);
        move || drop(listener)
    });
}

#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let links = props.links.clone();
    let mark = |text: &str| marked_text(text, props.marks.as_deref());
    let heading = use_node_ref();
    let panel = use_node_ref();
    let state = use_reader_state(&props.article, &heading, &panel);
    use_photo_back(&state);
    let voice = listen::use_voice();
    // Hooks first: an article not in the edition shows nothing.
    let Some(a) = props.edition.article(&props.article) else {
        return Html::default();
    };
    let (speaking, photo, settings_open) = {
        let own = state.own.borrow();
        let reads_this = own.reading.as_deref() == Some(a.id.as_str());
        (
            own.speaking.filter(|_| reads_this),
            own.photo.clone(),
            own.settings,
        )
    };
    let set_settings = {
        let state = state.clone();
        Callback::from(move |open| state.set_settings(open))
    };
    let close = super::follow(&props.on_nav, Nav::Close);
    let page_href = links.page(&props.edition.date, a.first_page());
    let share = share_callback(props, a);
    let pages = a.pages();
    let page_labels: Vec<String> = pages
        .iter()
        .filter_map(|n| props.edition.page(*n))
        .map(|p| p.label.clone())
        .collect();
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
                { reader_settings(settings_open, &set_settings) }
                <button class="button" onclick={share}>{ "分享" }</button>
            </div>
            <article class="story">
                { classed(html! { <header>
                    if let Some(column) = &a.column { <p class="column">{ column }</p> }
                    if let Some(kicker) = &a.kicker { <p class="kicker">{ mark(&reader_text(kicker)) }</p> }
                    <h1 id="reader-title" tabindex="-1" ref={heading}>
                        { for title.into_iter().enumerate().map(|(i, part)| html! {
                            <>{ mark(&part) }if i < last { <wbr /> }</>
                        }) }
                    </h1>
                    if let Some(subtitle) = &a.subtitle { <p class="subtitle">{ mark(&reader_text(subtitle)) }</p> }
                    if let Some(byline) = &a.byline { <p class="byline">{ reader_text(without_print_bullet(byline)) }</p> }
                </header> }, &["headline", when(speaking == Some(0), "speaking")]) }
                { body(props, a, speaking, &state) }
                { continuation(&links, &props.edition, a) }
                <p class="print-source">{ format!("{} {} {}", props.edition.publication.name, chinese_date(&props.edition.date), page_labels.join("、")) }</p>
                if let Some(note) = note { <p class="facsimile-note">{ note }</p> }
            </article>
            { steps(&links, props, a) }
            { listen_control(props, a, voice, &state) }
            if let Some((src, alt)) = photo {
                { lazy::slot::<photo::PhotoPanel, _>(Screen::Photo, PhotoArgs { src, alt },
                    { let state = state.clone(); Callback::from(move |_| state.set_photo(None)) }) }
            }
        </section>
    }
}

fn body(props: &ReaderProps, a: &Article, speaking: Option<usize>, state: &State) -> Html {
    let mark = |text: &str| marked_text(text, props.marks.as_deref());
    let mut dateline = a.dateline.clone();
    let blocks = a.body.iter().enumerate().map(|(i, block)| {
        let read_now = when(speaking == Some(i + 1), "speaking");
        match block {
            Block::Paragraph { text } => {
                // 本报讯 is printed bold at the head of the first paragraph.
                let lead = dateline.take().map(|d| html! { <><strong class="story-dateline">{ d }</strong>{ " " }</> });
                classed(html! { <p>{ for lead }{ mark(&reader_text(text)) }</p> }, &[read_now])
            }
            Block::Subhead { text } => classed(html! { <h3>{ mark(&reader_text(text)) }</h3> }, &["subhead", read_now]),
            Block::Figure { image, caption, credit } => {
                let photo = a.kind == ArticleKind::Photo;
                let picture = match image {
                    Some(img) => {
                        let src = resolve_url(&props.edition_url, &img.url);
                        let open = {
                            let (src, alt, state) = (src.clone(), caption.clone(), state.clone());
                            Callback::from(move |e: MouseEvent| {
                                e.prevent_default();
                                state.set_photo(Some((src.clone(), alt.clone())));
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
                classed(html! {
                    <figure>
                        { picture }
                        <figcaption>
                            { for lines.map(|l| html! { <p>{ reader_text(l) }</p> }) }
                            if let Some(credit) = credit { <p class="credit">{ reader_text(without_print_bullet(credit)) }</p> }
                        </figcaption>
                    </figure>
                }, &[when(photo, "photo-news"), read_now])
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

fn steps(links: &Links, props: &ReaderProps, a: &Article) -> Html {
    let link = |step: isize, label: &'static str, class: &'static str| {
        props
            .edition
            .neighbour(&a.id, step)
            .map(|next| {
                let onclick = super::follow(&props.on_nav, Nav::Step(next.id.clone()));
                let href = links.article(&props.edition.date, next.first_page(), &next.id);
                classed(html! {
                    <a {href} {onclick}>
                        <span class="step-label">{ label }</span>
                        <span class="step-title">{ crate::typography::plain_headline(&next.title) }</span>
                    </a>
                }, &["step", class])
            })
    };
    html! {
        <nav class="reader-steps" aria-label="上一篇和下一篇">
            { for link(-1, "上一篇", "prev") }
            { for link(1, "下一篇", "next") }
        </nav>
    }
}

fn keep_in_view() {
    #[cfg(target_arch = "wasm32")]
    if let Ok(Some(el)) = gloo::utils::document().query_selector(".reader .speaking") {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// 听新闻: a small floating control. The button is the app's; pressed, the
/// second module takes its place and reads (at the end it offers the next
/// article, and reading on keeps it).
fn listen_control(props: &ReaderProps, a: &Article, voice: bool, state: &State) -> Html {
    if !voice {
        return html! {};
    }
    let next = props.edition.neighbour(&a.id, 1);
    if state.own.borrow().reading.as_deref() == Some(a.id.as_str()) {
        let args = ListenArgs {
            id: a.id.clone(),
            pieces: listen::spoken(a),
            next: next.map(|n| crate::typography::plain_headline(&n.title)),
        };
        let (state, on_nav) = (state.clone(), props.on_nav.clone());
        let next_id = next.map(|n| n.id.clone());
        let on_event = Callback::from(move |e| match e {
            LazyEvent::Speaking(at) => state.set_speaking(at),
            LazyEvent::ReadOn => {
                if let Some(id) = next_id.clone() {
                    state.set_reading(Some(id.clone()));
                    on_nav.emit(Nav::Step(id));
                }
            }
            _ => {}
        });
        return lazy::slot::<listen::ListenPanel, _>(Screen::Listen, args, on_event);
    }
    let start = {
        let (state, id) = (state.clone(), a.id.clone());
        Callback::from(move |_: MouseEvent| state.set_reading(Some(id.clone())))
    };
    html! {
        <div class="listen">
            <button class="button primary listen-toggle" aria-pressed="false" onclick={start}
                onpointerover={lazy::intent()} onfocus={lazy::intent()}>
                <span aria-hidden="true">{ "▶" }</span>{ " 听新闻" }
            </button>
        </div>
    }
}

fn share_callback(props: &ReaderProps, a: &Article) -> Callback<MouseEvent> {
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
