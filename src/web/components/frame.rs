//! The whole screen for one state: masthead, notices, the workspace (strip,
//! page, bar, list, reader) or the loading and error views. A pure view: the
//! app renders it live, and the publish step renders the very same component
//! to each page's static HTML.

use super::{
    article_list::ArticleList,
    classed,
    masthead::{embed_bar, masthead, Mast},
    page_nav::{page_bar, page_strip, PageNav},
    page_view::PageView,
    status::{error_panel, notice_bar, skeleton, toast},
    when,
};
use crate::route::{Links, Place};
use crate::state::Load;
use crate::web::host_bridge::ShareRequest;
use crate::web::nav::Nav;
use crate::web::EditionRef;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct FrameProps {
    pub links: Rc<Links>,
    pub edition: Load<EditionRef>,
    /// The edition file's URL: its pictures are relative to it.
    pub edition_url: String,
    pub place: Place,
    #[prop_or_default]
    pub notice: Option<String>,
    #[prop_or_default]
    pub toast: Option<String>,
    #[prop_or_default]
    pub embed: bool,
    #[prop_or_default]
    pub list_open: bool,
    #[prop_or_default]
    pub on_nav: Callback<Nav>,
    #[prop_or_default]
    pub on_toggle_list: Callback<()>,
    #[prop_or_default]
    pub on_share: Callback<ShareRequest>,
    #[prop_or_default]
    pub on_dismiss: Callback<()>,
    /// None where retrying cannot help.
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
    /// The search screen (the app's `Search`), shown instead of the page.
    #[prop_or_default]
    pub search: Option<Html>,
    /// The 往期 calendar (the app's `Calendar`), when open.
    #[prop_or_default]
    pub calendar: Option<Html>,
    /// The query whose hits the reader marks.
    #[prop_or_default]
    pub marks: Option<Rc<str>>,
    #[prop_or_default]
    pub on_search: Callback<()>,
    #[prop_or_default]
    pub on_archive: Callback<()>,
    /// 下载本期's state (the app's `use_offline`).
    #[prop_or_default]
    pub offline: super::offline::Offline,
}

/// Compared by hand (for the publish step's `Frame`; the app calls `frame`):
/// the search and calendar screens are Html, and comparing two trees costs
/// ~2 KB of Yew's comparison code. With either shown, it renders again.
impl PartialEq for FrameProps {
    fn eq(&self, o: &Self) -> bool {
        let no_screens = [&self.search, &o.search, &self.calendar, &o.calendar]
            .iter()
            .all(|s| s.is_none());
        no_screens
            && self.links == o.links
            && self.edition == o.edition
            && self.edition_url == o.edition_url
            && self.place == o.place
            && self.notice == o.notice
            && self.toast == o.toast
            && self.embed == o.embed
            && self.list_open == o.list_open
            && self.on_nav == o.on_nav
            && self.on_toggle_list == o.on_toggle_list
            && self.on_share == o.on_share
            && self.on_dismiss == o.on_dismiss
            && self.on_retry == o.on_retry
            && self.marks == o.marks
            && self.on_search == o.on_search
            && self.on_archive == o.on_archive
            && self.offline == o.offline
    }
}

/// The publish step's root (yew's server renderer takes a component).
#[component]
pub fn Frame(props: &FrameProps) -> Html {
    frame(props)
}

/// The frame as the app renders it: a plain function, not a component (the
/// app renders it whenever its state changes; the components in it compare
/// their props), which spares the module a component's glue and the props'
/// comparison.
pub fn frame(props: &FrameProps) -> Html {
    let edition = props.edition.ready();
    let body = match &props.edition {
        Load::Loading => skeleton(),
        Load::Failed(err) => error_panel(err.reader_message(), props.on_retry.clone()),
        Load::Ready(edition) => workspace(props, edition),
    };
    let announce = edition.and_then(|e| {
        let number = props.place.page?;
        e.page(number).map(|_| crate::meta::page_name(e, number))
    });
    let searching = props.search.is_some();
    let reading = props.place.article.is_some() && !searching;
    let body = match &props.search {
        Some(search) => {
            // Back to the paper where the reader was (or today's first page).
            let page = props.place.page.unwrap_or(1);
            let href = props.links.to(&Place {
                article: None,
                page: Some(page),
                ..props.place.clone()
            });
            let onclick = super::follow(&props.on_nav, Nav::Page(page));
            html! {
                <main class="search-screen" aria-label="检索">
                    <div class="search-back"><a class="button back" {href} {onclick}>{ "返回版面" }</a></div>
                    { search.clone() }
                </main>
            }
        }
        None => body,
    };
    let mast = Mast {
        links: &props.links,
        edition: edition.map(|e| &**e),
        archive_open: props.calendar.is_some(),
        on_search: &props.on_search,
        on_archive: &props.on_archive,
    };
    let parts = [
        "epaper",
        when(reading, "reading"),
        when(props.embed, "embed"),
        when(searching, "searching"),
    ];
    classed(
        html! {
            <div>
                if !props.embed {
                    { masthead(&mast) }
                } else {
                    { embed_bar(&mast) }
                }
                if let Some(calendar) = props.calendar.clone() {
                    <div id="calendar-panel" class="calendar-panel">{ calendar }</div>
                }
                if let Some(notice) = props.notice.clone() {
                    { notice_bar(notice, &props.on_dismiss) }
                }
                { body }
                <p class="sr-only" aria-live="polite">{ announce.unwrap_or_default() }</p>
                { toast(props.toast.as_deref()) }
            </div>
        },
        &parts,
    )
}

fn workspace(props: &FrameProps, edition: &EditionRef) -> Html {
    let page = props.place.page.unwrap_or(1);
    let url = props.edition_url.clone();
    let article = props
        .place
        .article
        .clone()
        .filter(|id| edition.article(id).is_some());
    let on_nav = &props.on_nav;
    let current = props.place.article.clone();
    // Links go down as props: a context provider and its consumers cost the
    // module some 4 KB of Yew code for one value that never changes.
    let links = &props.links;
    let nav = PageNav {
        links,
        edition,
        edition_url: &url,
        page,
        on_nav,
        list_open: props.list_open,
        on_toggle_list: &props.on_toggle_list,
    };
    html! {
        <div class="workspace">
            { page_strip(&nav) }
            <main class="stage-column" aria-label="版面">
                <PageView links={links.clone()} edition={edition.clone()} edition_url={url.clone()} page={page}
                    current={current.clone()} on_nav={on_nav.clone()} />
                { page_bar(&nav) }
            </main>
            { classed(html! {
                <aside id="articles" aria-label="本版标题">
                    <ArticleList links={links.clone()} edition={edition.clone()} page={page} current={current}
                        on_nav={on_nav.clone()} on_close={props.on_toggle_list.clone()} />
                    { super::offline::offline_tools(edition, &url, page, &props.offline) }
                </aside>
            }, &["side", when(props.list_open, "list-open")]) }
            if let Some(article) = article {
                { reader(props, edition, url, article) }
            }
        </div>
    }
}

/// The reader, published: the article's text in the page itself.
#[cfg(not(target_arch = "wasm32"))]
fn reader(props: &FrameProps, edition: &EditionRef, url: String, article: String) -> Html {
    html! {
        <super::reader::Reader links={props.links.clone()} edition={edition.clone()} edition_url={url}
            {article} on_nav={props.on_nav.clone()} on_share={props.on_share.clone()}
            marks={props.marks.clone()} />
    }
}

/// The reader, live: the second module's (web/lazy.rs), which reads the
/// edition file itself; what the reader does there comes back as events.
#[cfg(target_arch = "wasm32")]
fn reader(props: &FrameProps, _: &EditionRef, edition_url: String, article: String) -> Html {
    use crate::web::lazy::{Args, LazyEvent, LazySlot, ReaderArgs, Screen};
    let args = ReaderArgs {
        edition_url,
        article,
        marks: props.marks.as_deref().map(String::from),
        links: (*props.links).clone(),
    };
    let (on_nav, on_share) = (props.on_nav.clone(), props.on_share.clone());
    let on_event = Callback::from(move |e| match e {
        LazyEvent::Close => on_nav.emit(Nav::Close),
        LazyEvent::Step(id) => on_nav.emit(Nav::Step(id)),
        LazyEvent::Share(request) => on_share.emit(request),
        _ => {}
    });
    html! { <LazySlot screen={Screen::Reader} args={args.encode()} {on_event} /> }
}
