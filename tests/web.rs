//! Component tests in a real headless Chrome (`wasm-pack test --headless --chrome`):
//! the views are mounted into sized boxes and read back as a reader would see them.
#![cfg(target_arch = "wasm32")]

use changji_epaper::edition::{read_edition, Edition};
use changji_epaper::viewport::{Size, Viewport};
use changji_epaper::web::{error_panel, Nav, PageView, PageViewProps, Reader, ReaderProps};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const TEST_EDITION: &str = include_str!("fixtures/editions/2000-01-03/edition.json");
const SAMPLE: &str = include_str!("../editions/2025-05-21/edition.json");

fn edition(text: &str) -> Rc<Edition> {
    Rc::new(read_edition(text).expect("fixture is valid"))
}

/// A visible box of the given size on the runner's page (its #output is hidden).
fn mount_box(width: u32, height: u32) -> HtmlElement {
    let doc = gloo::utils::document();
    let div: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    div.style()
        .set_property("width", &format!("{width}px"))
        .unwrap();
    div.style()
        .set_property("height", &format!("{height}px"))
        .unwrap();
    div.style().set_property("display", "flex").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

/// The page view's CSS is not loaded here: give its boxes what styles/ gives them.
fn style_stage(root: &Element) {
    let set = |selector: &str, styles: &[(&str, &str)]| {
        let el: HtmlElement = root
            .query_selector(selector)
            .unwrap()
            .unwrap()
            .unchecked_into();
        for (k, v) in styles {
            el.style().set_property(k, v).unwrap();
        }
    };
    set(
        ".stage",
        &[
            ("position", "relative"),
            ("flex", "1"),
            ("overflow", "hidden"),
        ],
    );
    set(
        ".page",
        &[
            ("position", "absolute"),
            ("left", "0"),
            ("top", "0"),
            ("transform-origin", "0 0"),
        ],
    );
    set(
        "svg.regions",
        &[
            ("position", "absolute"),
            ("left", "0"),
            ("top", "0"),
            ("width", "100%"),
            ("height", "100%"),
        ],
    );
}

async fn settle() {
    for _ in 0..3 {
        yew::scheduler::flush().await;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            gloo::utils::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

fn recorder() -> (Rc<RefCell<Vec<Nav>>>, Callback<Nav>) {
    let log = Rc::new(RefCell::new(Vec::new()));
    let sink = log.clone();
    (log, Callback::from(move |nav| sink.borrow_mut().push(nav)))
}

async fn mount_page(
    edition: Rc<Edition>,
    page: u32,
    width: u32,
    height: u32,
) -> (HtmlElement, Rc<RefCell<Vec<Nav>>>) {
    let root = mount_box(width, height);
    let (log, on_nav) = recorder();
    let props = PageViewProps {
        links: Default::default(),
        edition: edition.into(),
        edition_url: "editions/x/edition.json".into(),
        page,
        current: None,
        on_nav,
    };
    yew::Renderer::<PageView>::with_root_and_props(root.clone().into(), props).render();
    settle().await;
    style_stage(&root);
    // Styles changed the stage's layout: let the resize observer measure again.
    gloo::utils::window()
        .dispatch_event(&web_sys::Event::new("resize").unwrap())
        .unwrap();
    settle().await;
    (root, log)
}

fn rect(el: &Element) -> (f64, f64, f64, f64) {
    let r = el.get_bounding_client_rect();
    (r.left(), r.top(), r.width(), r.height())
}

#[wasm_bindgen_test]
async fn regions_stand_where_the_geometry_puts_them_at_two_sizes() {
    let ed = edition(TEST_EDITION);
    for (w, h) in [(360, 640), (900, 700)] {
        let (root, _) = mount_page(ed.clone(), 5, w, h).await;
        let page_el = root.query_selector(".page").unwrap().unwrap();
        let stage_el = root.query_selector(".stage").unwrap().unwrap();
        let (sx, sy, sw, sh) = rect(&stage_el);
        let p = ed.page(5).unwrap();
        let v = Viewport::fitted(
            Size {
                width: sw,
                height: sh,
            },
            Size {
                width: p.width,
                height: p.height,
            },
            1.0,
        );
        let (px, py, pw, _) = rect(&page_el);
        assert!(
            (pw - v.fitted_size().width).abs() < 1.0,
            "page width {pw} at {w}×{h}"
        );
        assert!(
            (px - sx - v.x).abs() < 1.0 && (py - sy - v.y).abs() < 1.0,
            "page placed as the viewport says"
        );
        let polygons = root
            .query_selector_all(".regions a.region polygon")
            .unwrap();
        let mut checked: u32 = 0;
        for article in ed.articles_on(5) {
            for region in article.regions.iter().filter(|r| r.page == 5) {
                let (x0, y0, x1, y1) = changji_epaper::geometry::bounds(&region.points).unwrap();
                let (ex, ey) = v.to_stage(x0, y0);
                let (ex2, ey2) = v.to_stage(x1, y1);
                let poly: Element = polygons.item(checked).unwrap().unchecked_into();
                let (rx, ry, rw, rh) = rect(&poly);
                assert!(
                    (rx - sx - ex).abs() < 1.5 && (ry - sy - ey).abs() < 1.5,
                    "{} at {w}×{h}: ({rx},{ry}) vs ({ex},{ey})",
                    article.id
                );
                assert!(
                    (rw - (ex2 - ex)).abs() < 1.5 && (rh - (ey2 - ey)).abs() < 1.5,
                    "{} size",
                    article.id
                );
                checked += 1;
            }
        }
        assert!(checked >= 2, "page 5 has regions");
        assert_eq!(checked, polygons.length());
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn activating_a_region_opens_its_article_and_focus_follows_reading_order() {
    let ed = edition(SAMPLE);
    let (root, log) = mount_page(ed.clone(), 1, 600, 800).await;
    let focusable: Vec<String> = {
        let list = root
            .query_selector_all(".regions a.region:not([tabindex='-1'])")
            .unwrap();
        (0..list.length())
            .map(|i| {
                list.item(i)
                    .unwrap()
                    .unchecked_into::<Element>()
                    .get_attribute("data-article")
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(
        focusable, ed.reading_order,
        "one tab stop per article, in reading order"
    );
    let region: Element = root
        .query_selector(".regions a[data-article='zhundong-projects']")
        .unwrap()
        .unwrap();
    assert_eq!(
        region.get_attribute("aria-label").as_deref(),
        Some("百舸争流千帆竞 戈壁煤海启新程")
    );
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &{
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init
    })
    .unwrap();
    region.dispatch_event(&click).unwrap();
    settle().await;
    assert_eq!(
        log.borrow().as_slice(),
        &[Nav::Open("zhundong-projects".into())]
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_page_without_pictures_shows_a_placeholder_and_keeps_its_regions() {
    let ed = edition(TEST_EDITION);
    let (root, _) = mount_page(ed.clone(), 8, 400, 600).await;
    let missing = root
        .query_selector(".page-missing")
        .unwrap()
        .expect("placeholder shown");
    assert!(missing.text_content().unwrap().contains("第08版"));
    assert!(root.query_selector("img.page-image").unwrap().is_none());
    assert_eq!(
        root.query_selector_all(".regions a.region:not([tabindex='-1'])")
            .unwrap()
            .length() as usize,
        ed.articles_on(8).len()
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn the_reader_shows_the_headline_stack_and_steps_through_the_edition() {
    let ed = edition(SAMPLE);
    let root = mount_box(500, 800);
    let (log, on_nav) = recorder();
    let props = ReaderProps {
        links: Default::default(),
        edition: ed.clone().into(),
        edition_url: "editions/2025-05-21/edition.json".into(),
        article: "zhundong-aluminium-photo".into(),
        on_nav,
        on_share: Callback::noop(),
        marks: None,
    };
    yew::Renderer::<Reader>::with_root_and_props(root.clone().into(), props).render();
    settle().await;
    let text = |sel: &str| {
        root.query_selector(sel)
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert_eq!(text("#reader-title"), "构建全生命周期产业矩阵");
    // Shown with clreq typography: no print bullet, full-width comma.
    assert!(text("figcaption").ends_with("本报记者 何 龙摄"));
    assert!(!text("figcaption").contains('□'));
    assert!(text("figcaption").starts_with("5月19日，新疆准东经济技术开发区"));
    assert_eq!(
        gloo::utils::document()
            .active_element()
            .and_then(|e| e.get_attribute("id"))
            .as_deref(),
        Some("reader-title"),
        "focus starts on the title"
    );
    let prev: HtmlElement = root
        .query_selector(".step.prev")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(prev
        .text_content()
        .unwrap()
        .contains("六院士领衔打造中亚地区"));
    prev.click();
    let next: HtmlElement = root
        .query_selector(".step.next")
        .unwrap()
        .unwrap()
        .unchecked_into();
    next.click();
    let back: HtmlElement = root
        .query_selector(".reader-bar .back")
        .unwrap()
        .unwrap()
        .unchecked_into();
    back.click();
    settle().await;
    assert_eq!(
        log.borrow().as_slice(),
        &[
            Nav::Step("computing-centre".into()),
            Nav::Step("zhundong-projects".into()),
            Nav::Close
        ]
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn the_first_article_has_no_previous_and_a_lead_with_its_dateline() {
    let ed = edition(SAMPLE);
    let root = mount_box(500, 800);
    let props = ReaderProps {
        links: Default::default(),
        edition: ed.clone().into(),
        edition_url: "editions/2025-05-21/edition.json".into(),
        article: "computing-centre".into(),
        on_nav: Callback::noop(),
        on_share: Callback::noop(),
        marks: None,
    };
    yew::Renderer::<Reader>::with_root_and_props(root.clone().into(), props).render();
    settle().await;
    assert!(root.query_selector(".step.prev").unwrap().is_none());
    let first = root
        .query_selector(".story-body p")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        first.starts_with("本报讯 记者左晓雨、通讯员姚博5月17日"),
        "{first}"
    );
    assert_eq!(
        root.query_selector(".kicker")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "新疆首个国际融合算力中心在昌正式投运"
    );
    root.remove();
}

/// `error_panel` is a plain view function: mounted through this component.
#[derive(Properties, PartialEq)]
struct ErrorPanelProps {
    message: String,
    retry: Option<Callback<()>>,
}

#[function_component]
fn ErrorPanel(props: &ErrorPanelProps) -> Html {
    error_panel(props.message.clone(), props.retry.clone())
}

#[wasm_bindgen_test]
async fn error_panel_says_what_happened_and_retries() {
    let root = mount_box(400, 400);
    let (log, on_nav) = recorder();
    let retry = Callback::from(move |_| on_nav.emit(Nav::Close));
    let props = ErrorPanelProps {
        message: "网络连接失败，请检查网络后重试。".into(),
        retry: Some(retry),
    };
    yew::Renderer::<ErrorPanel>::with_root_and_props(root.clone().into(), props).render();
    settle().await;
    let panel = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    assert!(panel.text_content().unwrap().contains("网络连接失败"));
    let button: HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "重试");
    button.click();
    settle().await;
    assert_eq!(log.borrow().len(), 1);
    root.remove();

    let root = mount_box(400, 400);
    let props = ErrorPanelProps {
        message: "没有找到 2025-01-01 的报纸。".into(),
        retry: None,
    };
    yew::Renderer::<ErrorPanel>::with_root_and_props(root.clone().into(), props).render();
    settle().await;
    assert!(
        root.query_selector("button").unwrap().is_none(),
        "no retry where it cannot help"
    );
    root.remove();
}
