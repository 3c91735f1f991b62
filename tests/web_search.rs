//! The search box, its results and the 往期 calendar in headless Chrome
//! (`wasm-pack test --headless --chrome`): what a reader sees and what the
//! keyboard does, plus the search service's cancellation; and the second
//! module's reader, which reads the edition file the app hands over.
#![cfg(target_arch = "wasm32")]

use changji_epaper::edition::read_edition;
use changji_epaper::search::{search_edition, Hit, Query};
use changji_epaper::state::Dates;
use changji_epaper::web::lazy::{LazyEvent, PanelProps, ReaderArgs};
use changji_epaper::web::lazy_screens::ReaderPanel;
use changji_epaper::web::{
    Calendar, CalendarProps, Reader, ReaderProps, Search, SearchProps, SearchStatus, Searcher,
    UrlBuilder,
};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLE: &str = include_str!("../editions/2025-05-21/edition.json");

fn mount() -> HtmlElement {
    let doc = gloo::utils::document();
    let div: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

async fn settle() {
    for _ in 0..3 {
        yew::scheduler::flush().await;
        sleep(20).await;
    }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn urls() -> UrlBuilder {
    UrlBuilder::new(|date, page, article| match article {
        Some(a) => format!("/{date}/{page}/{a}/"),
        None => format!("/{date}/{page}/"),
    })
}

fn sample_hits(q: &str) -> Rc<Vec<Hit>> {
    let edition = read_edition(SAMPLE).unwrap();
    Rc::new(search_edition(&edition, &Query::parse(q)))
}

fn done(hits: Rc<Vec<Hit>>) -> SearchStatus {
    let total = hits.len();
    SearchStatus::Done {
        hits,
        total,
        exact: true,
        more: false,
    }
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

type Log<T> = Rc<RefCell<Vec<T>>>;

fn recorder<T: 'static>() -> (Log<T>, Callback<T>) {
    let log: Log<T> = Rc::default();
    let sink = log.clone();
    (log, Callback::from(move |v| sink.borrow_mut().push(v)))
}

async fn render_search(query: &str, status: SearchStatus) -> (HtmlElement, Log<String>, Log<Hit>) {
    let root = mount();
    let (searches, on_search) = recorder();
    let (opened, on_open) = recorder();
    let props = SearchProps {
        query: query.into(),
        status,
        on_search,
        on_more: Callback::noop(),
        on_open,
        url: urls(),
        heading: "本期".into(),
        preview: None,
    };
    yew::Renderer::<Search>::with_root_and_props(root.clone().into(), props).render();
    settle().await;
    (root, searches, opened)
}

#[wasm_bindgen_test]
async fn results_are_a_list_of_links_with_hits_marked_and_a_live_count() {
    let (root, _, opened) = render_search("算力", done(sample_hits("算力"))).await;
    let live = root.query_selector("[role=status]").unwrap().unwrap();
    assert_eq!(live.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(live.text_content().unwrap(), "找到 2 篇含“算力”的文章");
    let links = all(&root, "ol.search-results > li > a");
    assert_eq!(links.len(), 2);
    assert_eq!(
        links[0].get_attribute("href").as_deref(),
        Some("/2025-05-21/1/computing-centre/")
    );
    assert_eq!(text(&links[0], ".result-meta"), "2025年5月21日 · 第1版");
    let marks: Vec<String> = all(&links[0], ".result-snippet mark")
        .iter()
        .map(|m| m.text_content().unwrap())
        .collect();
    assert!(
        !marks.is_empty() && marks.iter().all(|m| m == "算力"),
        "{marks:?}"
    );
    // Opening a result hands the hit to the app (which navigates).
    links[0].unchecked_ref::<HtmlElement>().click();
    settle().await;
    assert_eq!(opened.borrow().len(), 1);
    assert_eq!(opened.borrow()[0].article, "computing-centre");
    root.remove();
}

#[wasm_bindgen_test]
async fn no_hits_says_so_plainly_and_a_lone_character_asks_for_more() {
    let (root, ..) = render_search("火星基地", done(Rc::default())).await;
    assert_eq!(text(&root, "[role=status]"), "没有找到含“火星基地”的文章。");
    assert!(root.query_selector("ol").unwrap().is_none());
    root.remove();
    let (root, ..) = render_search("煤", done(Rc::default())).await;
    assert_eq!(text(&root, "[role=status]"), "请输入两个或更多的字再检索。");
    root.remove();
    let (root, ..) = render_search("算力", SearchStatus::Searching).await;
    assert_eq!(text(&root, "[role=status]"), "正在检索全部往期…");
    root.remove();
    let (root, ..) = render_search(
        "算力",
        SearchStatus::Failed("检索需要网络连接，请检查网络后重试。".into()),
    )
    .await;
    assert_eq!(
        text(&root, "[role=status]"),
        "检索需要网络连接，请检查网络后重试。"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn edition_text_is_shown_as_text_never_as_html() {
    let mut hits = (*sample_hits("算力")).clone();
    let title = "<img src=x onerror=alert(1)>算力";
    let at = title.find("算力").unwrap();
    hits[0].title.text = title.into();
    hits[0].title.hits = vec![std::ops::Range {
        start: at,
        end: at + "算力".len(),
    }];
    let (root, ..) = render_search("算力", done(Rc::new(hits))).await;
    assert!(root.query_selector("ol img").unwrap().is_none());
    assert_eq!(
        text(&root, ".result-title"),
        "<img src=x onerror=alert(1)>算力"
    );
    assert_eq!(text(&root, ".result-title mark"), "算力");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_box_submits_what_was_typed() {
    let (root, searches, _) = render_search("", SearchStatus::Idle).await;
    let input: HtmlInputElement = root
        .query_selector("input[type=search]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let label = root.query_selector("label[for=search-input]").unwrap();
    assert!(label.is_some(), "the box has a label");
    input.set_value(" 准东 ");
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
    root.query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert_eq!(*searches.borrow(), ["准东".to_string()]);
    root.remove();
}

/// The app's side of the calendar: it owns the month shown.
#[derive(Properties, PartialEq)]
struct HostProps {
    months: Log<(i32, u32)>,
    picks: Callback<String>,
}

#[component]
fn CalendarHost(props: &HostProps) -> Html {
    let month = use_state(|| (2000, 1));
    let dates: Rc<Dates> = use_memo((), |_| {
        ["1999-12-27", "2000-01-01", "2000-01-03", "2000-02-01"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    });
    let on_month = {
        let month = month.clone();
        let log = props.months.clone();
        Callback::from(move |m| {
            log.borrow_mut().push(m);
            month.set(m);
        })
    };
    let props = CalendarProps {
        dates,
        month: *month,
        first: "1999-12-27".into(),
        last: "2000-02-01".into(),
        current: Some("2000-01-03".into()),
        loading: false,
        on_month,
        on_pick: props.picks.clone(),
        url: urls(),
    };
    html! { <Calendar ..props /> }
}

fn focused_date() -> Option<String> {
    gloo::utils::document()
        .active_element()
        .and_then(|e| e.get_attribute("data-date"))
}

fn key(el: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_calendar_is_a_grid_of_days_with_editions_as_links() {
    let root = mount();
    let months: Log<(i32, u32)> = Rc::default();
    let (picks, on_pick) = recorder();
    yew::Renderer::<CalendarHost>::with_root_and_props(
        root.clone().into(),
        HostProps {
            months: months.clone(),
            picks: on_pick,
        },
    )
    .render();
    settle().await;
    assert_eq!(text(&root, "caption"), "2000年1月");
    let heads: Vec<String> = all(&root, "thead th[scope=col]")
        .iter()
        .map(|h| h.text_content().unwrap())
        .collect();
    assert_eq!(heads, ["一", "二", "三", "四", "五", "六", "日"]);
    let links = all(&root, "td a[href]");
    let hrefs: Vec<String> = links
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    assert_eq!(hrefs, ["/2000-01-01/1/", "/2000-01-03/1/"]);
    assert_eq!(
        links[1].get_attribute("aria-current").as_deref(),
        Some("date")
    );
    assert_eq!(
        links[1].get_attribute("tabindex").as_deref(),
        Some("0"),
        "the open edition holds the tab stop"
    );
    let day2 = root
        .query_selector("[data-date='2000-01-02']")
        .unwrap()
        .unwrap();
    assert_eq!(day2.tag_name(), "TD");
    assert_eq!(day2.get_attribute("aria-disabled").as_deref(), Some("true"));
    assert!(day2.get_attribute("aria-label").unwrap().contains("无报纸"));
    // 2000-01-01 was a Saturday: the first row starts with five blanks.
    assert_eq!(all(&root, "tbody tr:first-child td.cal-blank").len(), 5);

    // Picking a day hands its date to the app.
    links[0].unchecked_ref::<HtmlElement>().click();
    settle().await;
    assert_eq!(*picks.borrow(), ["2000-01-01".to_string()]);

    // Arrow keys move focus day by day, through days without an edition.
    links[1].unchecked_ref::<HtmlElement>().focus().unwrap();
    key(&links[1], "ArrowLeft");
    settle().await;
    assert_eq!(focused_date().as_deref(), Some("2000-01-02"));
    key(&day2, "ArrowUp");
    settle().await;
    // A week before the 2nd is in December: the month changes and focus follows.
    assert_eq!(*months.borrow(), [(1999, 12)]);
    assert_eq!(text(&root, "caption"), "1999年12月");
    assert_eq!(focused_date().as_deref(), Some("1999-12-26"));
    // Before the archive's first month: nothing moves.
    let prev: HtmlElement = root
        .query_selector("button[aria-label='上个月']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(prev
        .unchecked_ref::<web_sys::HtmlButtonElement>()
        .disabled());
    // Page Down goes a month on.
    let cell = root
        .query_selector("[data-date='1999-12-26']")
        .unwrap()
        .unwrap();
    key(&cell, "PageDown");
    settle().await;
    assert_eq!(text(&root, "caption"), "2000年1月");
    assert_eq!(focused_date().as_deref(), Some("2000-01-26"));
    // The next-month button.
    root.query_selector("button[aria-label='下个月']")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert_eq!(text(&root, "caption"), "2000年2月");
    assert_eq!(all(&root, "td a[href]").len(), 1);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_dropped_search_never_calls_back_and_a_failed_one_says_why() {
    // Nothing listens on port 9: the request fails at once.
    let searcher = Searcher::new("http://127.0.0.1:9/search");
    let calls: Rc<RefCell<Vec<String>>> = Rc::default();
    let sink = calls.clone();
    let dropped = searcher.search("算力", Searcher::PAGE, move |_| {
        sink.borrow_mut().push("dropped".into())
    });
    drop(dropped);
    let sink = calls.clone();
    let _kept = searcher.search("算力", Searcher::PAGE, move |r| {
        let message = match r {
            Ok(_) => "ok".into(),
            Err(e) => Searcher::reader_message(&e),
        };
        sink.borrow_mut().push(message)
    });
    for _ in 0..50 {
        if !calls.borrow().is_empty() {
            break;
        }
        sleep(20).await;
    }
    sleep(100).await;
    assert_eq!(
        *calls.borrow(),
        ["检索需要网络连接，请检查网络后重试。".to_string()]
    );
}

#[wasm_bindgen_test]
async fn an_article_opened_from_results_marks_the_query_in_its_text_as_text() {
    let edition = Rc::new(read_edition(SAMPLE).unwrap());
    let root = mount();
    let props = ReaderProps {
        links: Default::default(),
        article: "computing-centre".into(),
        edition: edition.into(),
        edition_url: "editions/2025-05-21/edition.json".into(),
        on_nav: Callback::noop(),
        on_share: Callback::noop(),
        marks: Some("算力 <b>".into()),
    };
    yew::Renderer::<Reader>::with_root_and_props(root.clone().into(), props).render();
    settle().await;
    let marks = all(&root, ".story-body mark");
    assert!(marks.len() >= 5, "{} marks", marks.len());
    assert!(marks
        .iter()
        .all(|m| m.text_content().as_deref() == Some("算力")));
    assert!(
        all(&root, ".story-body b").is_empty(),
        "the query is never HTML"
    );
    // The paragraph reads as before: marks only wrap the words.
    let first = root.query_selector(".story-body p").unwrap().unwrap();
    assert!(first
        .text_content()
        .unwrap()
        .contains("新疆首个国际融合算力中心在昌吉州正式投运"));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_open_edition_s_hits_show_while_the_archive_is_searched() {
    let root = mount();
    let props = SearchProps {
        query: "算力".into(),
        status: SearchStatus::Searching,
        on_search: Callback::noop(),
        on_more: Callback::noop(),
        on_open: Callback::noop(),
        url: urls(),
        heading: "全部往期".into(),
        preview: Some(sample_hits("算力")),
    };
    yew::Renderer::<Search>::with_root_and_props(root.clone().into(), props).render();
    settle().await;
    assert_eq!(
        text(&root, "[role=status]"),
        "正在检索全部往期…本期找到 2 篇。"
    );
    assert_eq!(text(&root, ".search-heading"), "本期");
    assert_eq!(all(&root, "ol.search-results > li").len(), 2);
    root.remove();
}

/// The second module's reader, as the module mounts it, for `url`.
async fn render_reader_panel(url: &str) -> (HtmlElement, Log<LazyEvent>) {
    let root = mount();
    let (events, emit) = recorder();
    let props = PanelProps {
        args: ReaderArgs {
            edition_url: url.into(),
            article: "computing-centre".into(),
            marks: None,
            links: Default::default(),
        },
        emit,
    };
    yew::Renderer::<ReaderPanel>::with_root_and_props(root.clone().into(), props).render();
    settle().await;
    (root, events)
}

/// What `fetch::load_edition` leaves for the module: the URL and the bytes.
fn hand_over(kept: &wasm_bindgen::JsValue) {
    let window = gloo::utils::window();
    js_sys::Reflect::set(&window, &"__epaperEdition".into(), kept).unwrap();
}

#[wasm_bindgen_test]
async fn the_module_s_reader_reads_the_file_the_app_handed_over() {
    // Nothing is served at this address: the story can only come from the bytes.
    let url = "http://127.0.0.1:9/handed/edition.json";
    let bytes = js_sys::Uint8Array::from(SAMPLE.as_bytes());
    hand_over(&js_sys::Array::of2(&url.into(), &bytes).into());
    let (root, _) = render_reader_panel(url).await;
    assert_eq!(
        text(&root, "#reader-title"),
        "六院士领衔打造中亚地区“最强大脑”"
    );
    assert!(all(&root, ".story-body p").len() > 3);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_module_s_reader_without_a_usable_hand_over_reads_the_file_and_says_when_it_cannot() {
    // Not an array, the bytes of another file, bytes that are not an
    // edition: each time the module reads the file itself (here: nothing
    // listens on port 9), and the reader says so in its own place.
    let other = js_sys::Uint8Array::from(SAMPLE.as_bytes());
    let junk = js_sys::Uint8Array::from(&b"{\"not\": \"an edition\"}"[..]);
    let cases: [(&str, wasm_bindgen::JsValue); 3] = [
        ("http://127.0.0.1:9/a/edition.json", "junk".into()),
        (
            "http://127.0.0.1:9/b/edition.json",
            js_sys::Array::of2(&"http://127.0.0.1:9/elsewhere.json".into(), &other).into(),
        ),
        (
            "http://127.0.0.1:9/c/edition.json",
            js_sys::Array::of2(&"http://127.0.0.1:9/c/edition.json".into(), &junk).into(),
        ),
    ];
    for (url, kept) in cases {
        hand_over(&kept);
        let (root, events) = render_reader_panel(url).await;
        for _ in 0..50 {
            if root.query_selector("[role=alert]").unwrap().is_some() {
                break;
            }
            sleep(20).await;
        }
        assert_eq!(
            text(&root, "section.reader .lazy-failed[role=alert]"),
            "网络连接失败，请检查网络后重试。",
            "{url}"
        );
        assert!(root.query_selector("#reader-title").unwrap().is_none());
        all(&root, ".reader-bar .back")[0]
            .unchecked_ref::<HtmlElement>()
            .click();
        settle().await;
        assert_eq!(*events.borrow(), [LazyEvent::Close], "返回版面 goes back");
        root.remove();
    }
}
