//! 检索: the search box and its results, a list of links. The caller runs
//! the search (the open edition with `search_edition`, the archive with the
//! search service) and passes what it found; links come from its URL builder.

use crate::search::{Hit, Query, Snippet};
use std::rc::Rc;
use yew::prelude::*;

/// Builds the link of a place: `(date, page, article)` → URL. The app's own
/// routes decide (`/{date}/{page}/{article}/`, plus the query to mark).
#[derive(Clone)]
pub struct UrlBuilder(pub Rc<UrlFn>);

/// `(date, page, article)` → URL.
pub type UrlFn = dyn Fn(&str, u32, Option<&str>) -> String;

impl UrlBuilder {
    pub fn new(f: impl Fn(&str, u32, Option<&str>) -> String + 'static) -> Self {
        UrlBuilder(Rc::new(f))
    }

    pub fn url(&self, date: &str, page: u32, article: Option<&str>) -> String {
        (self.0)(date, page, article)
    }
}

impl PartialEq for UrlBuilder {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Where a search stands.
#[derive(Clone, PartialEq)]
pub enum SearchStatus {
    /// No query yet.
    Idle,
    Searching,
    /// `hits` are what was found; `total` articles in all (`exact` false:
    /// at most that many), `more` when a longer list can be asked for.
    Done {
        hits: Rc<Vec<Hit>>,
        total: usize,
        exact: bool,
        more: bool,
    },
    /// The reader's message (e.g. no network).
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct SearchProps {
    /// The query searched (from the URL): the box shows it.
    pub query: String,
    pub status: SearchStatus,
    /// A new query was submitted.
    pub on_search: Callback<String>,
    /// "更多结果": check more candidates.
    #[prop_or_default]
    pub on_more: Callback<()>,
    /// A result was opened (the link's default is prevented: the app navigates).
    pub on_open: Callback<Hit>,
    pub url: UrlBuilder,
    /// Heading of the result list, e.g. 全部往期 or 本期.
    #[prop_or(AttrValue::from("检索结果"))]
    pub heading: AttrValue,
    /// Hits found at once in the open edition, shown (as 本期) while the
    /// archive is searched or when it cannot be.
    #[prop_or_default]
    pub preview: Option<Rc<Vec<Hit>>>,
}

#[component]
pub fn Search(props: &SearchProps) -> Html {
    let draft = use_state(|| props.query.clone());
    let input = use_node_ref();
    {
        let draft = draft.clone();
        crate::web::effect::use_effect_on(props.query.clone(), move |q| draft.set(q.clone()));
    }
    {
        // A reader who opens 检索 types at once; one who comes back to
        // results keeps the place in the page instead.
        let input = input.clone();
        let empty = props.query.is_empty();
        crate::web::effect::use_effect_on((), move |_| {
            if empty {
                if let Some(el) = input.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            draft.set(input.value());
        })
    };
    let onsubmit = {
        let draft = draft.clone();
        let on_search = props.on_search.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_search.emit(draft.trim().to_string());
        })
    };
    html! {
        <section class="search" aria-labelledby="search-heading">
            <h2 id="search-heading" class="sr-only">{ "检索" }</h2>
            <form class="search-form" role="search" {onsubmit}>
                <label for="search-input" class="sr-only">{ "检索报纸文章" }</label>
                <input id="search-input" ref={input} type="search" name="q" value={(*draft).clone()} {oninput}
                    placeholder="检索：输入两个或更多的字" autocomplete="off" enterkeyhint="search"
                    maxlength={crate::search::MAX_QUERY_CHARS.to_string()} />
                <button type="submit" class="button primary">{ "检索" }</button>
            </form>
            <p class="search-count" role="status" aria-live="polite" aria-atomic="true">
                { count_text(&props.query, &props.status, props.preview.as_deref()) }
            </p>
            { results(props) }
        </section>
    }
}

/// What the live region says: announced to screen readers on each change.
fn count_text(query: &str, status: &SearchStatus, preview: Option<&Vec<Hit>>) -> String {
    let in_edition = match preview {
        Some(hits) if !hits.is_empty() => format!("本期找到 {} 篇。", hits.len()),
        _ => String::new(),
    };
    match status {
        SearchStatus::Idle => String::new(),
        SearchStatus::Searching => format!("正在检索全部往期…{in_edition}"),
        SearchStatus::Failed(message) => format!("{message}{in_edition}"),
        SearchStatus::Done { hits, .. } if hits.is_empty() => {
            let q = Query::parse(query);
            if q.is_empty() || (!q.is_indexable() && query.chars().count() < 2) {
                "请输入两个或更多的字再检索。".into()
            } else {
                format!("没有找到含“{}”的文章。", query.trim())
            }
        }
        SearchStatus::Done { total, exact, .. } => {
            let about = if *exact { "" } else { "约 " };
            format!("找到 {about}{total} 篇含“{}”的文章", query.trim())
        }
    }
}

fn results(props: &SearchProps) -> Html {
    let (hits, more, heading) = match (&props.status, &props.preview) {
        (SearchStatus::Done { hits, more, .. }, _) => (hits, *more, props.heading.clone()),
        (SearchStatus::Searching | SearchStatus::Failed(_), Some(preview)) => {
            (preview, false, AttrValue::from("本期"))
        }
        _ => return Html::default(),
    };
    if hits.is_empty() {
        return Html::default();
    }
    let items = hits.iter().map(|hit| {
        let href = props.url.url(&hit.date, hit.page, Some(&hit.article));
        let onclick = {
            let on_open = props.on_open.clone();
            let hit = hit.clone();
            Callback::from(move |e: MouseEvent| {
                // Let modified clicks open a new tab as links do.
                if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                    return;
                }
                e.prevent_default();
                on_open.emit(hit.clone());
            })
        };
        html! {
            <li key={format!("{}/{}", hit.date, hit.article)}>
                <a {href} {onclick}>
                    <span class="result-title">{ marked(&hit.title) }</span>
                    <span class="result-meta">
                        <time datetime={hit.date.clone()}>{ crate::meta::chinese_date(&hit.date) }</time>
                        { format!(" · 第{}版", hit.page) }
                    </span>
                    if !hit.snippet.text.is_empty() {
                        // As the reader shows the text (clreq punctuation), hits found again in it.
                        <span class="result-snippet">{ marked_text(&crate::typography::reader_text(&hit.snippet.text), Some(&props.query)) }</span>
                    }
                </a>
            </li>
        }
    });
    let on_more = props.on_more.clone();
    html! {
        <>
            <h3 class="search-heading">{ heading }</h3>
            <ol class="search-results">{ for items }</ol>
            if more {
                <button type="button" class="button search-more" onclick={move |_| on_more.emit(())}>
                    { "更多结果" }
                </button>
            }
        </>
    }
}

/// `text` with the hits of `query` marked (plain text without a query): how
/// the reader marks what a search found.
pub fn marked_text(text: &str, query: Option<&str>) -> Html {
    let Some(query) = query else {
        return html! { { text } };
    };
    let hits = Query::parse(query).marks(text);
    if hits.is_empty() {
        return html! { { text } };
    }
    marked(&Snippet {
        text: text.to_string(),
        hits,
    })
}

/// Text with its hits in `<mark>`: each piece is a text node, never HTML.
pub fn marked(s: &Snippet) -> Html {
    html! {
        { for s.pieces().into_iter().map(|(text, hit)| if hit {
            html! { <mark>{ text }</mark> }
        } else {
            html! { { text } }
        }) }
    }
}
