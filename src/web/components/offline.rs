//! Under 本版标题: 下载本版PDF where the page has a PDF (also on the
//! published page), and 下载本期, which stores the whole edition for reading
//! without a network. The latter is shown only where a service worker runs
//! this page (web/sw.js; not in many in-app webviews): elsewhere nothing
//! changes.

use crate::edition::{resolve_url, Block, Edition};
use crate::geometry::num;
use crate::meta::page_name;
use crate::route::{Links, Place};
use crate::web::EditionRef;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OfflineToolsProps {
    pub edition: EditionRef,
    /// The edition file's URL: its pictures and PDFs are relative to it.
    pub edition_url: String,
    pub page: u32,
}

#[component]
pub fn OfflineTools(props: &OfflineToolsProps) -> Html {
    let pdf = props.edition.page(props.page).and_then(|p| p.pdf.as_ref());
    let pdf = pdf.map(|url| {
        let name = page_name(&props.edition, props.page);
        let file = format!("昌吉日报{}{}.pdf", props.edition.date, name);
        html! {
            <a class="button pdf-link" href={resolve_url(&props.edition_url, url)} download={file}
                type="application/pdf">{ "下载本版PDF" }</a>
        }
    });
    html! {
        <div class="offline-tools">
            { for pdf }
            <Download edition={props.edition.clone()} edition_url={props.edition_url.clone()} page={props.page} />
        </div>
    }
}

/// Where a download stands (natively only `Off`: the published page has no control).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[derive(Clone, Copy, PartialEq)]
enum Phase {
    /// No worker runs this page (or not yet): nothing is shown.
    Off,
    Idle,
    Sizing,
    /// Before: `total` files, about `bytes`, `stored` of them stored already.
    Sized {
        total: u32,
        stored: u32,
        bytes: f64,
    },
    Loading {
        done: u32,
        total: u32,
        bytes: f64,
    },
    Done {
        total: u32,
        failed: u32,
        bytes: f64,
    },
}

#[component]
fn Download(props: &OfflineToolsProps) -> Html {
    let links = use_context::<Rc<Links>>().unwrap_or_default();
    let phase = use_state_eq(|| Phase::Off);
    // Which request the worker's replies belong to (a newer one wins).
    let request = use_mut_ref(|| 0_u32);
    #[cfg(target_arch = "wasm32")]
    {
        let (phase, request, base) = (phase.clone(), request.clone(), links.base.clone());
        use_effect_with((), move |_| live::start(&base, phase, request));
    }
    {
        // Another edition: what was said of the last one no longer holds.
        let phase = phase.clone();
        use_effect_with(props.edition.date.clone(), move |_| {
            if *phase != Phase::Off {
                phase.set(Phase::Idle);
            }
        });
    }
    let send = |kind: &'static str, next: Phase| {
        let (phase, request, links, props) = (
            phase.clone(),
            request.clone(),
            links.clone(),
            (props.edition.clone(), props.edition_url.clone()),
        );
        Callback::from(move |_: MouseEvent| {
            let urls = edition_urls(
                &props.0,
                &props.1,
                &links,
                &index_url(&links),
                picture_px(&props.0),
            );
            let id = {
                let mut r = request.borrow_mut();
                *r += 1;
                *r
            };
            if post(kind, id, &urls) {
                phase.set(next);
            } else {
                phase.set(Phase::Off);
            }
        })
    };
    let cancel = {
        let phase = phase.clone();
        Callback::from(move |_: MouseEvent| phase.set(Phase::Idle))
    };
    // One view for every phase: a line of text, a progress bar, buttons.
    let restart = |total| {
        send(
            "download",
            Phase::Loading {
                done: 0,
                total,
                bytes: 0.0,
            },
        )
    };
    let (text, progress, buttons) = match *phase {
        Phase::Off => return html! {},
        Phase::Idle => (
            None,
            None,
            vec![("下载本期", "button", send("plan", Phase::Sizing))],
        ),
        Phase::Sizing => (Some("正在计算本期大小…".to_string()), None, vec![]),
        Phase::Sized {
            total,
            stored,
            bytes,
        } => {
            let stored = if stored > 0 {
                format!("，已存{stored}个")
            } else {
                String::new()
            };
            let text = format!(
                "本期共{total}个文件，约{}{stored}。存到本机后，没有网络也能阅读。",
                size(bytes)
            );
            let buttons = vec![
                ("开始下载", "button primary", restart(total)),
                ("取消", "button", cancel),
            ];
            (Some(text), None, buttons)
        }
        Phase::Loading { done, total, bytes } => (
            Some(format!("正在下载 {done}/{total} · {}", size(bytes))),
            Some((done, total)),
            vec![],
        ),
        Phase::Done {
            total,
            failed,
            bytes,
        } => {
            let mut text = format!(
                "本期已存到本机：{}/{total}个文件，共{}，没有网络也能阅读。",
                total - failed,
                size(bytes)
            );
            let mut buttons = vec![];
            if failed > 0 {
                text.push_str(&format!("有{failed}个文件未能下载，可稍后再试。"));
                buttons.push(("重新下载", "button", restart(total)));
            }
            (Some(text), None, buttons)
        }
    };
    // Alone, the button stands beside 下载本版PDF; the texts take the whole width.
    let idle = *phase == Phase::Idle;
    html! {
        <section class={classes!("offline-download", idle.then_some("idle"))} aria-label="下载本期">
            <div role="status">
                if let Some((done, total)) = progress {
                    <progress max={total.max(1).to_string()} value={done.to_string()} aria-label="下载进度" />
                }
                if let Some(text) = text { <p>{ text }</p> }
            </div>
            { for buttons.into_iter().map(|(label, class, onclick)| html! { <button {class} {onclick}>{ label }</button> }) }
        </section>
    }
}

/// The editions index as the app reads it (`?index=` in tests).
fn index_url(links: &Links) -> String {
    let index = links
        .query
        .strip_prefix("?index=")
        .map(percent_decoded)
        .unwrap_or_else(|| "editions/index.json".into());
    resolve_url(&links.base, &index)
}

/// Everything a reader needs to read `edition` offline, each once: the
/// index, the edition file, each page's picture at `picture_px` device pixels
/// across and its thumbnail, the published page of the edition, of each page
/// and of each article on each page it stands on, and the articles' photos.
pub fn edition_urls(
    edition: &Edition,
    edition_url: &str,
    links: &Links,
    index_url: &str,
    picture_px: f64,
) -> Vec<String> {
    let date = Some(edition.date.clone());
    let mut urls = vec![
        index_url.to_string(),
        edition_url.to_string(),
        links.to(&Place::default()),
        links.to(&Place {
            date,
            ..Place::default()
        }),
    ];
    for page in &edition.pages {
        urls.push(links.page(&edition.date, page.number));
        let pictures = page
            .rendition_for(picture_px)
            .into_iter()
            .chain(&page.thumbnail);
        urls.extend(pictures.map(|img| resolve_url(edition_url, &img.url)));
    }
    for article in &edition.articles {
        for page in article.pages() {
            urls.push(links.article(&edition.date, page, &article.id));
        }
        for block in &article.body {
            if let Block::Figure {
                image: Some(img), ..
            } = block
            {
                urls.push(resolve_url(edition_url, &img.url));
            }
        }
    }
    // Each once, in order (a few hundred at most: no hash set in the module).
    let mut unique: Vec<String> = Vec::with_capacity(urls.len());
    for url in urls {
        if !unique.contains(&url) {
            unique.push(url);
        }
    }
    unique
}

/// `?index=` as the app wrote it (URLSearchParams encodes `/` and more).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) if bytes[i] == b'%' => {
                out.push(b);
                i += 3;
            }
            _ => {
                out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// 1.2 MB, 850 KB (through `num`: float formatting would add kilobytes of wasm).
fn size(bytes: f64) -> String {
    if bytes >= 1000.0 * 1024.0 {
        format!("{} MB", num(bytes / 1024.0 / 1024.0, 1))
    } else {
        format!("{} KB", num((bytes / 1024.0).ceil(), 0))
    }
}

#[cfg(target_arch = "wasm32")]
fn picture_px(edition: &Edition) -> f64 {
    use crate::web::services::offline;
    let first = edition.pages.first();
    first
        .and_then(|p| offline::fitted_px(p.width, p.height))
        .unwrap_or(1200.0)
}

#[cfg(not(target_arch = "wasm32"))]
fn picture_px(_: &Edition) -> f64 {
    1200.0
}

#[cfg(target_arch = "wasm32")]
fn post(kind: &str, id: u32, urls: &[String]) -> bool {
    crate::web::services::offline::post(kind, id, urls)
}

#[cfg(not(target_arch = "wasm32"))]
fn post(_: &str, _: u32, _: &[String]) -> bool {
    false
}

#[cfg(target_arch = "wasm32")]
mod live {
    use super::Phase;
    use crate::web::services::offline;
    use std::cell::RefCell;
    use std::rc::Rc;
    use yew::UseStateHandle;

    /// Registers the worker; shows the control once it runs this page (and
    /// then asks it to store what this visit has read); follows its replies.
    pub fn start(
        base: &str,
        phase: UseStateHandle<Phase>,
        request: Rc<RefCell<u32>>,
    ) -> Box<dyn FnOnce()> {
        if !offline::supported() {
            return Box::new(|| ());
        }
        offline::register(base);
        let ready = {
            let phase = phase.clone();
            move || {
                offline::post("seen", 0, &offline::seen_urls());
                if *phase == Phase::Off {
                    phase.set(Phase::Idle);
                }
            }
        };
        let on_controller = if offline::controlled() {
            ready();
            None
        } else {
            offline::on_controller(ready)
        };
        let on_message = offline::on_message(move |data| {
            if offline::field(&data, "id") as u32 != *request.borrow() {
                return;
            }
            let n = |k| offline::field(&data, k);
            let next = match offline::text_field(&data, "type").as_str() {
                "plan" => Phase::Sized {
                    total: n("total") as u32,
                    stored: n("stored") as u32,
                    bytes: n("bytes"),
                },
                "progress" => Phase::Loading {
                    done: n("done") as u32,
                    total: n("total") as u32,
                    bytes: n("bytes"),
                },
                "done" => Phase::Done {
                    total: n("total") as u32,
                    failed: n("failed") as u32,
                    bytes: n("bytes"),
                },
                _ => return,
            };
            phase.set(next);
        });
        Box::new(move || drop((on_controller, on_message)))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn sample() -> Edition {
        let text = std::fs::read_to_string("editions/2025-05-21/edition.json").unwrap();
        crate::edition::read_edition_bytes(text.as_bytes()).unwrap()
    }

    #[test]
    fn an_edition_download_names_every_page_article_and_picture_once_under_the_base() {
        let edition = sample();
        let links = Links {
            base: "/test/".into(),
            query: String::new(),
        };
        let url = "/test/editions/2025-05-21/edition.json";
        let urls = edition_urls(&edition, url, &links, "/test/editions/index.json", 1000.0);
        let unique: std::collections::HashSet<_> = urls.iter().collect();
        assert_eq!(unique.len(), urls.len(), "{urls:?}");
        assert!(urls.iter().all(|u| u.starts_with("/test/")), "{urls:?}");
        for expected in [
            "/test/editions/index.json",
            url,
            "/test/",
            "/test/2025-05-21/",
            "/test/2025-05-21/1/",
            "/test/editions/2025-05-21/page-01-1200.jpg",
            "/test/editions/2025-05-21/page-01-thumb.jpg",
        ] {
            assert!(
                urls.iter().any(|u| u == expected),
                "{expected} missing: {urls:?}"
            );
        }
        // One rendition per page: the one 1000 device pixels across need.
        assert!(!urls
            .iter()
            .any(|u| u.ends_with("-2400.jpg") || u.ends_with("-800.jpg")));
        for article in &edition.articles {
            let path = format!("/test/2025-05-21/1/{}/", article.id);
            assert!(urls.contains(&path), "{path} missing");
        }
    }

    #[test]
    fn the_test_switch_names_the_index_read() {
        let links = Links {
            base: "/".into(),
            query: "?index=test-editions%2Findex.json".into(),
        };
        assert_eq!(index_url(&links), "/test-editions/index.json");
        assert_eq!(index_url(&Links::default()), "/editions/index.json");
    }

    #[test]
    fn sizes_read_as_a_reader_expects() {
        assert_eq!(size(850.0 * 1024.0), "850 KB");
        assert_eq!(size(2.5 * 1024.0 * 1024.0), "2.5 MB");
        assert_eq!(size(1022.0 * 1024.0), "1 MB");
        assert_eq!(size(1.0), "1 KB");
    }
}
