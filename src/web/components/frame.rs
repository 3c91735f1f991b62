//! The whole screen for one state: masthead, notices, the workspace (strip,
//! page, bar, list, reader) or the loading and error views. A pure view: the
//! app renders it live, and the publish step renders the very same component
//! to each page's static HTML.

use super::{
    article_list::ArticleList,
    masthead::Masthead,
    page_nav::{PageBar, PageStrip},
    page_view::PageView,
    reader::Reader,
    status::{ErrorPanel, NoticeBar, Skeleton, Toast},
};
use crate::edition::Edition;
use crate::route::{Links, Place};
use crate::state::Load;
use crate::web::host_bridge::ShareRequest;
use crate::web::nav::Nav;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FrameProps {
    pub links: Rc<Links>,
    pub edition: Load<Rc<Edition>>,
    /// The edition file's URL: its pictures are relative to it.
    pub edition_url: String,
    pub place: Place,
    #[prop_or_default]
    pub hovered: Option<String>,
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
    pub on_hover: Callback<Option<String>>,
    #[prop_or_default]
    pub on_toggle_list: Callback<()>,
    #[prop_or_default]
    pub on_share: Callback<ShareRequest>,
    #[prop_or_default]
    pub on_dismiss: Callback<()>,
    /// None where retrying cannot help.
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
    #[prop_or_default]
    pub on_toast_done: Callback<()>,
}

#[component]
pub fn Frame(props: &FrameProps) -> Html {
    let edition = props.edition.ready();
    let body = match &props.edition {
        Load::Loading => html! { <Skeleton /> },
        Load::Failed(err) => html! {
            <ErrorPanel message={err.reader_message()} retry={props.on_retry.clone()} />
        },
        Load::Ready(edition) => workspace(props, edition),
    };
    let announce = edition.and_then(|e| {
        let page = e.page(props.place.page?)?;
        Some(format!(
            "{} {}",
            page.label,
            page.section.clone().unwrap_or_default()
        ))
    });
    let reading = props.place.article.is_some();
    html! {
        <ContextProvider<Rc<Links>> context={props.links.clone()}>
        <div class={classes!("epaper", reading.then_some("reading"), props.embed.then_some("embed"))}>
            if !props.embed {
                <Masthead edition={edition.cloned()} />
            }
            if let Some(notice) = props.notice.clone() {
                <NoticeBar message={notice} on_dismiss={props.on_dismiss.clone()} />
            }
            { body }
            <p class="sr-only" aria-live="polite">{ announce.unwrap_or_default() }</p>
            <Toast message={props.toast.clone()} on_done={props.on_toast_done.clone()} />
        </div>
        </ContextProvider<Rc<Links>>>
    }
}

fn workspace(props: &FrameProps, edition: &Rc<Edition>) -> Html {
    let page = props.place.page.unwrap_or(1);
    let url = props.edition_url.clone();
    let article = props
        .place
        .article
        .as_deref()
        .and_then(|id| edition.article(id))
        .cloned();
    let on_nav = &props.on_nav;
    let current = props.place.article.clone();
    html! {
        <div class="workspace">
            <PageStrip edition={edition.clone()} edition_url={url.clone()} page={page} on_nav={on_nav.clone()} />
            <main class="stage-column" aria-label="版面">
                <PageView edition={edition.clone()} edition_url={url.clone()} page={page}
                    hovered={props.hovered.clone()} current={current.clone()}
                    on_hover={props.on_hover.clone()} on_nav={on_nav.clone()} />
                <PageBar edition={edition.clone()} page={page} on_nav={on_nav.clone()}
                    list_open={props.list_open} on_toggle_list={props.on_toggle_list.clone()} />
            </main>
            <aside id="articles" class={classes!("side", props.list_open.then_some("list-open"))} aria-label="本版标题">
                <ArticleList edition={edition.clone()} page={page} current={current}
                    on_hover={props.on_hover.clone()} on_nav={on_nav.clone()} on_close={props.on_toggle_list.clone()} />
                <super::offline::OfflineTools edition={edition.clone()} edition_url={url.clone()} page={page} />
            </aside>
            if let Some(article) = article {
                <Reader edition={edition.clone()} edition_url={url} article={Rc::new(article)}
                    on_nav={on_nav.clone()} on_share={props.on_share.clone()} />
            }
        </div>
    }
}
