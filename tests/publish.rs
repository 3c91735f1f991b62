//! The publish step on the test editions: every page and article gets its
//! own HTML with the right head, the text readable without any script, and
//! hostile text stays text. Native only.
#![cfg(not(target_arch = "wasm32"))]

use changji_epaper::edition::{read_edition, Block, Edition};
use changji_epaper::publish::{publish, Options, Report, Site, Template};
use changji_epaper::route::Links;
use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/editions");
const SHELL: &str = include_str!("../index.html");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("epaper-publish-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn options(editions: &Path, out: &Path) -> Options {
    Options {
        editions: editions.to_path_buf(),
        out: out.to_path_buf(),
        template: Template::new(SHELL.to_string()).unwrap(),
        site: Site {
            origin: "https://epaper.example.cn".into(),
            links: Links::default(),
        },
        force: false,
    }
}

fn run(editions: &Path, out: &Path) -> Report {
    publish(&options(editions, out)).unwrap_or_else(|e| panic!("publish failed: {e}"))
}

fn edition(date: &str) -> Edition {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{date}/edition.json")).unwrap();
    read_edition(&text).unwrap()
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a browser shows for `&amp;` and friends.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn between<'a>(html: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = html.find(open)? + open.len();
    let len = html[start..].find(close)?;
    Some(&html[start..start + len])
}

fn json_ld(html: &str) -> serde_json::Value {
    let block = between(html, "<script type=\"application/ld+json\">", "</script>")
        .expect("a JSON-LD block");
    serde_json::from_str(block).expect("JSON-LD parses")
}

#[test]
fn every_page_and_article_has_its_own_page_with_its_text() {
    let out = scratch("all");
    let report = run(Path::new(FIXTURES), &out);
    assert_eq!(report.rendered.len(), 2, "{report:?}");
    for date in ["2000-01-01", "2000-01-03"] {
        let e = edition(date);
        for page in &e.pages {
            let html = read(out.join(format!("{date}/{}/index.html", page.number)));
            assert!(html.contains(&format!(
                "<link rel=\"canonical\" href=\"https://epaper.example.cn/{date}/{}/\">",
                page.number
            )));
            // The picture, with every rendition to choose from, and a link per article.
            for img in &page.images {
                assert!(
                    html.contains(&format!("{} {}w", img.url, img.width))
                        || html.contains(&format!("/{} {}w", img.url, img.width)),
                    "{date} p{}: rendition {}",
                    page.number,
                    img.url
                );
            }
            for a in e.articles_on(page.number) {
                let href = format!("href=\"/{date}/{}/{}/\"", page.number, a.id);
                assert!(
                    html.matches(&href).count() >= 2,
                    "{date} p{}: hot zone and list link to {}",
                    page.number,
                    a.id
                );
            }
            for a in e.articles_on(page.number) {
                let path = out.join(format!("{date}/{}/{}/index.html", page.number, a.id));
                let html = read(path);
                let title = unescape(between(&html, "<title>", "</title>").unwrap());
                assert!(
                    title.starts_with(&format!("{} · 昌吉日报 · ", a.title)),
                    "{title}"
                );
                assert!(title.ends_with(&e.page(a.first_page()).unwrap().label));
                let description =
                    between(&html, "<meta name=\"description\" content=\"", "\"").unwrap();
                assert!(
                    !description.is_empty() && !description.contains("数字报：每日"),
                    "article's own description"
                );
                for property in [
                    "og:title",
                    "og:description",
                    "og:url",
                    "og:type\" content=\"article",
                    "article:published_time",
                ] {
                    assert!(
                        html.contains(&format!("property=\"{property}")),
                        "{} lacks {property}",
                        a.id
                    );
                }
                // A picture for the share card where the page or the article has one.
                let has_picture = !e.page(a.first_page()).unwrap().images.is_empty()
                    || a.body
                        .iter()
                        .any(|b| matches!(b, Block::Figure { image: Some(_), .. }));
                assert_eq!(
                    html.contains("property=\"og:image\" content=\"https://"),
                    has_picture,
                    "{}: og:image",
                    a.id
                );
                let ld = json_ld(&html);
                assert_eq!(ld["@type"], "NewsArticle");
                assert_eq!(ld["headline"], a.title.as_str());
                assert_eq!(ld["isPartOf"]["issueNumber"], e.issue_number.to_string());
                assert!(ld["datePublished"].as_str().unwrap().starts_with(date));
                // Every sentence of the article, as text.
                let text = unescape(&html);
                for block in &a.body {
                    let piece = match block {
                        Block::Paragraph { text } | Block::Subhead { text } => text.as_str(),
                        Block::Figure { caption, .. } => caption.lines().next().unwrap_or(""),
                    };
                    assert!(text.contains(piece), "{}: missing text {piece:?}", a.id);
                }
                assert!(text.contains(&format!(">{}</h1>", a.title)), "title as h1");
            }
        }
    }
    // The front door is the latest edition's first page; unknown addresses get the app's 404.
    let front = read(out.join("index.html"));
    assert!(front.contains("https://epaper.example.cn/2000-01-03/1/"));
    assert!(front.contains("data-published"));
    let missing = read(out.join("404.html"));
    assert!(missing.contains("noindex") && !missing.contains("data-published"));
}

#[test]
fn crawlers_get_sitemaps_robots_and_a_feed() {
    let out = scratch("crawl");
    run(Path::new(FIXTURES), &out);
    let index = read(out.join("sitemap.xml"));
    assert!(index.contains("<loc>https://epaper.example.cn/sitemap-2000.xml</loc>"));
    let year = read(out.join("sitemap-2000.xml"));
    for date in ["2000-01-01", "2000-01-03"] {
        let e = edition(date);
        for a in &e.articles {
            let url = format!(
                "<loc>https://epaper.example.cn/{date}/{}/{}/</loc>",
                a.first_page(),
                a.id
            );
            assert!(year.contains(&url), "sitemap lacks {url}");
        }
    }
    let robots = read(out.join("robots.txt"));
    assert!(robots.contains("Sitemap: https://epaper.example.cn/sitemap.xml"));
    let feed = read(out.join("feed.xml"));
    let latest = edition("2000-01-03");
    assert_eq!(feed.matches("<entry>").count(), latest.reading_order.len());
    let news = read(out.join("sitemap-news.xml"));
    assert!(news.contains("<news:publication_date>2000-01-03"));
    let archive = read(out.join("archive/index.html"));
    assert!(
        archive.contains("href=\"/2000-01-01/1/\"") && archive.contains("href=\"/2000-01-03/1/\"")
    );
    assert!(!archive.contains("<script"), "the archive list runs no app");
}

#[test]
fn a_new_day_renders_only_that_day() {
    let out = scratch("incremental");
    let editions = scratch("incremental-src");
    copy_dir(Path::new(FIXTURES), &editions);
    // Yesterday's site: only 2000-01-01.
    let index = read(editions.join("index.json"));
    let mut value: serde_json::Value = serde_json::from_str(&index).unwrap();
    let all = value["editions"].clone();
    value["editions"] = serde_json::json!([all[1].clone()]);
    value["latest"] = "2000-01-01".into();
    std::fs::write(editions.join("index.json"), value.to_string()).unwrap();
    assert_eq!(run(&editions, &out).rendered, ["2000-01-01"]);
    let old_page = out.join("2000-01-01/1/index.html");
    let before = std::fs::metadata(&old_page).unwrap().modified().unwrap();
    // Tonight: 2000-01-03 is added.
    std::fs::write(editions.join("index.json"), index).unwrap();
    let report = run(&editions, &out);
    assert_eq!(report.rendered, ["2000-01-03"]);
    assert_eq!(report.unchanged, 1);
    assert_eq!(
        std::fs::metadata(&old_page).unwrap().modified().unwrap(),
        before,
        "yesterday's pages untouched"
    );
    assert!(
        read(out.join("index.html")).contains("/2000-01-03/1/"),
        "the front page is tonight's"
    );
    // A correction republished under the same name is rendered again.
    let path = editions.join("2000-01-01/edition.json");
    let fixed = read(path.clone()).replacen("\"title\": \"", "\"title\": \"更正：", 1);
    std::fs::write(&path, fixed).unwrap();
    assert_eq!(run(&editions, &out).rendered, ["2000-01-01"]);
}

#[test]
fn hostile_text_stays_text_in_html_and_json_ld() {
    let out = scratch("hostile");
    let editions = scratch("hostile-src");
    copy_dir(Path::new(FIXTURES), &editions);
    let path = editions.join("2000-01-01/edition.json");
    let mut value: serde_json::Value = serde_json::from_str(&read(path.clone())).unwrap();
    let evil = "</script><script>alert(1)</script><!-- \"' <img src=x onerror=alert(2)>";
    value["articles"][0]["title"] = evil.into();
    value["articles"][0]["kicker"] = evil.into();
    value["articles"][0]["byline"] = format!("记者 {evil}").into();
    std::fs::write(&path, value.to_string()).unwrap();
    run(&editions, &out);
    let e: Edition = read_edition(&read(path)).unwrap();
    let a = &e.articles[0];
    let html = read(out.join(format!("2000-01-01/{}/{}/index.html", a.first_page(), a.id)));
    assert!(
        !html.contains("<script>alert"),
        "no script from the edition"
    );
    assert!(!html.contains("<img src=x"), "no element from the edition");
    assert_eq!(
        html.matches("<script").count(),
        3,
        "the app's two scripts and the JSON-LD block only"
    );
    let ld = json_ld(&html);
    assert_eq!(ld["headline"], evil, "JSON-LD keeps the text exactly");
    let title = unescape(between(&html, "<title>", "</title>").unwrap());
    assert!(title.starts_with(evil));
}

#[test]
fn a_broken_edition_is_not_published() {
    let out = scratch("broken");
    let editions = scratch("broken-src");
    copy_dir(Path::new(FIXTURES), &editions);
    std::fs::write(editions.join("2000-01-01/edition.json"), "{ \"format\": 1 ").unwrap();
    let err = publish(&options(&editions, &out)).expect_err("refused");
    let message = err.to_string();
    assert!(
        message.contains("2000-01-01/edition.json") && message.contains("未发布"),
        "{message}"
    );
    assert!(!out.join("index.html").exists(), "nothing half-published");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn the_site_gets_a_search_index_year_lists_and_a_search_page() {
    use changji_epaper::archive::{read_archive_year, read_index_archive};
    use changji_epaper::search::{candidates, Manifest, Query, Shard};
    let out = scratch("search");
    let report = run(Path::new(FIXTURES), &out);
    assert!(report.search_rebuilt);
    // The index names the lists and the search; every list passes the checks.
    let index = read(out.join("editions/index.json"));
    let archive = read_index_archive(&index).unwrap();
    assert_eq!(archive.search.as_deref(), Some("../search/manifest.json"));
    assert_eq!(archive.years.len(), 1);
    let year = read_archive_year(&read(out.join("editions").join(&archive.years[0].url))).unwrap();
    let dates: Vec<&str> = year.editions.iter().map(|e| e.date.as_str()).collect();
    assert_eq!(dates, ["2000-01-03", "2000-01-01"]);
    // The shards answer a query, the fragments hold the text.
    let manifest: Manifest = serde_json::from_str(&read(out.join("search/manifest.json"))).unwrap();
    assert_eq!(manifest.editions, 2);
    let query = Query::parse("测试");
    let shards: Vec<Shard> = query
        .shards(manifest.shard_bits)
        .into_iter()
        .map(|n| {
            let name = changji_epaper::search::shard_name(n, manifest.shard_bits);
            Shard::decode(std::fs::read(out.join(format!("search/s/{name}.bin"))).unwrap()).unwrap()
        })
        .collect();
    let found = candidates(&query, &shards).unwrap();
    assert!(found.len() > 10, "{}", found.len());
    assert_eq!(
        found[0].date(),
        "2000-01-03",
        "newer first among title hits"
    );
    assert!(out
        .join(format!(
            "search/f/{}/{}.json",
            found[0].date(),
            found[0].article
        ))
        .is_file());
    // A shared search link is a page of its own, not a 404.
    let page = read(out.join("search/index.html"));
    assert!(page.contains("<title>检索 · 昌吉日报数字报</title>"));
    assert!(page.contains("noindex"));
    // Nothing changed: the shards are not rebuilt.
    assert!(!run(Path::new(FIXTURES), &out).search_rebuilt);
}

#[test]
fn an_index_that_lists_only_the_latest_editions_still_publishes_every_year() {
    let editions = scratch("years-src");
    copy_dir(Path::new(FIXTURES), &editions);
    // What `search-index --archive 1` writes: one entry plus the year's list.
    changji_epaper::archive::write_archive(&editions, 1, None).unwrap();
    let index = read(editions.join("index.json"));
    assert!(!index.contains("2000-01-01/edition.json"), "{index}");
    let out = scratch("years");
    let report = run(&editions, &out);
    assert_eq!(report.rendered.len(), 2, "{report:?}");
    assert!(out.join("2000-01-01/1/index.html").is_file());
}
