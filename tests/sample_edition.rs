//! The sample edition `editions/2025-05-21/edition.json` (昌吉日报 page 1,
//! typeset reproduction) is faithful to the seed text it was transcribed from:
//! nothing added, nothing dropped, masthead and imprint as printed; its
//! regions do not overlap and stay on the page; its page pictures exist.
//!
//! The seed is kept in the repository as `tests/fixtures/seed/2025-05-21-page1.txt`
//! (a byte-for-byte copy of `../shared/seeds/000_b5f6d1c0c24e5e41.txt`, which is
//! outside the repository and may be missing); the test always reads the copy and,
//! where the original is present, checks that the copy still equals it.

#![cfg(not(target_arch = "wasm32"))]

use changji_epaper::edition::{read_edition, read_index, Article, Block, Edition};
use changji_epaper::geometry;
use std::path::Path;

const SEED_COPY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/seed/2025-05-21-page1.txt"
);
const SEED_ORIGINAL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/000_b5f6d1c0c24e5e41.txt"
);
const EDITION_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/editions/2025-05-21");
/// Every JPEG rendition stays under 600 KB (the typesetter's limit, 600 × 1000 bytes).
const MAX_JPEG_BYTES: u64 = 600 * 1000;

fn edition() -> Edition {
    let text = std::fs::read_to_string(format!("{EDITION_DIR}/edition.json")).unwrap();
    read_edition(&text).unwrap_or_else(|problems| {
        let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        panic!("the sample edition has problems:\n{}", list.join("\n"))
    })
}

/// The seed copy is part of the repository: without it every check of the
/// sample against its seed fails (never skips).
fn seed() -> String {
    std::fs::read_to_string(SEED_COPY)
        .unwrap_or_else(|e| panic!("{SEED_COPY}: {e}; the sample cannot be checked without it"))
}

#[test]
fn the_seed_copy_equals_the_shared_seed_where_present() {
    match std::fs::read(SEED_ORIGINAL) {
        Ok(original) => assert!(
            original == seed().into_bytes(),
            "{SEED_COPY} differs from {SEED_ORIGINAL}: copy the seed again"
        ),
        Err(_) => eprintln!("{SEED_ORIGINAL} not present; using the copy"),
    }
}

/// Collapses every run of whitespace to one space; trims.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown of the seed to plain text as printed.
fn plain(s: &str) -> String {
    let s = s
        .replace("<sup>2</sup>", "²")
        .replace("<sup>3</sup>", "³")
        .replace("**", "");
    let s = s.trim_start_matches('#').trim_start();
    let s = s.strip_prefix("» ").unwrap_or(s);
    norm(s)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// `#…` headings: titles, subheads.
    Heading,
    /// `**本报讯** …`: a first paragraph with its dateline.
    Bold,
    /// `» 栏目`
    Column,
    /// `□…` bylines, credits, masthead and imprint lines.
    Square,
    /// `——…` a subtitle.
    Dash,
    Plain,
}

fn kind(block: &str) -> Kind {
    if block.starts_with('#') {
        Kind::Heading
    } else if block.starts_with("**") {
        Kind::Bold
    } else if block.starts_with('»') {
        Kind::Column
    } else if block.starts_with('□') {
        Kind::Square
    } else if block.starts_with("——") {
        Kind::Dash
    } else {
        Kind::Plain
    }
}

fn ends_a_sentence(s: &str) -> bool {
    s.ends_with(['。', '！', '？', '”', '’', '…', '）', ')', '」', '》'])
}

/// The seed's parts: masthead blocks, body paragraphs (column breaks joined)
/// and imprint lines.
struct Seed {
    masthead: Vec<String>,
    body: Vec<String>,
    imprint: Vec<String>,
}

fn parse_seed(text: &str) -> Seed {
    // Blocks separated by blank lines; the flag marks more than one blank line
    // before the block (a hard break: a picture stood there, not a column break).
    let mut blocks: Vec<(String, bool)> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut hard = false;
    let mut blank_run = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if blank_run > 0 && !current.is_empty() {
            blocks.push((current.join("\n"), hard));
            current.clear();
        }
        if current.is_empty() {
            hard = blank_run > 1;
        }
        current.push(line);
        blank_run = 0;
    }
    if !current.is_empty() {
        blocks.push((current.join("\n"), hard));
    }

    let masthead_end = blocks
        .iter()
        .position(|(b, _)| b.starts_with("□国内统一刊号"))
        .expect("the masthead line with 国内统一刊号");
    let imprint_start = blocks
        .iter()
        .position(|(b, _)| b.starts_with("□本报地址"))
        .expect("the imprint starting with 本报地址");
    let masthead = blocks[..=masthead_end]
        .iter()
        .map(|(b, _)| norm(b))
        .collect();
    let imprint = blocks[imprint_start..]
        .iter()
        .flat_map(|(b, _)| b.lines().map(norm))
        .filter(|l| !l.is_empty())
        .collect();

    // Join a paragraph cut by a column break with its continuation.
    let mut body: Vec<(String, Kind)> = Vec::new();
    for (block, hard) in &blocks[masthead_end + 1..imprint_start] {
        let k = kind(block);
        let text = block.lines().map(str::trim).collect::<Vec<_>>().join("");
        match body.last_mut() {
            Some((prev, Kind::Plain)) if k == Kind::Plain && !hard && !ends_a_sentence(prev) => {
                prev.push_str(&text)
            }
            _ => body.push((text, k)),
        }
    }
    Seed {
        masthead,
        body: body.into_iter().map(|(b, _)| plain(&b)).collect(),
        imprint,
    }
}

/// Every text of an article as the reader shows it, with what it is.
fn texts(a: &Article) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    // In the order printed: 栏目, 引题, 主题, 副题, 署名, 电头, then the body.
    let title = Some(a.title.clone());
    for (what, value) in [
        ("column", &a.column),
        ("kicker", &a.kicker),
        ("title", &title),
        ("subtitle", &a.subtitle),
        ("byline", &a.byline),
        ("dateline", &a.dateline),
    ] {
        if let Some(v) = value {
            out.push((what, norm(v)));
        }
    }
    for block in &a.body {
        match block {
            Block::Paragraph { text } => out.push(("paragraph", norm(text))),
            Block::Subhead { text } => out.push(("subhead", norm(text))),
            Block::Figure {
                caption, credit, ..
            } => {
                for line in caption.split('\n') {
                    out.push(("caption", norm(line)));
                }
                if let Some(c) = credit {
                    out.push(("credit", norm(c)));
                }
            }
        }
    }
    out
}

/// What a seed paragraph may be in the edition: any single text, or the
/// dateline printed bold before the first paragraph.
fn candidates(a: &Article) -> Vec<String> {
    let mut out: Vec<String> = texts(a).into_iter().map(|(_, t)| t).collect();
    if let Some(dateline) = &a.dateline {
        let first = a.body.iter().find_map(|b| match b {
            Block::Paragraph { text } => Some(text),
            _ => None,
        });
        if let Some(first) = first {
            out.push(norm(&format!("{dateline} {first}")));
        }
    }
    out
}

#[test]
fn the_seed_parses_into_masthead_body_and_imprint() {
    let seed = parse_seed(&seed());
    assert!(seed.masthead.len() > 5, "{:#?}", seed.masthead);
    assert_eq!(seed.imprint.len(), 7, "{:#?}", seed.imprint);
    // The three column breaks of the lead story are joined into single paragraphs.
    assert!(
        seed.body
            .iter()
            .any(|p| p.starts_with("截至目前") && p.ends_with("唐书恒介绍。")),
        "{:#?}",
        seed.body
    );
    assert!(seed
        .body
        .contains(&"2025年昌吉州社会科学普及周暨“5·18国际博物馆日”系列活动启动".to_string()));
    assert!(seed.body.iter().any(|p| p.contains("12000Nm³/h")));
}

#[test]
fn every_text_of_the_edition_is_in_the_seed() {
    let seed = parse_seed(&seed());
    let e = edition();
    let mut missing = Vec::new();
    for a in &e.articles {
        for (what, text) in texts(a) {
            assert!(!text.is_empty(), "{} has an empty {what}", a.id);
            if !seed.body.iter().any(|p| p.contains(&text)) {
                missing.push(format!("{} {what}: {text}", a.id));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the seed:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_paragraph_of_the_seed_is_in_some_article() {
    let seed = parse_seed(&seed());
    let e = edition();
    let all: Vec<String> = e.articles.iter().flat_map(candidates).collect();
    let dropped: Vec<&String> = seed.body.iter().filter(|p| !all.contains(p)).collect();
    assert!(
        dropped.is_empty(),
        "seed paragraphs missing from the edition:\n{dropped:#?}"
    );
    // And in the order printed: each article's texts appear in seed order.
    for a in &e.articles {
        let mut at = 0;
        for (what, text) in texts(a) {
            if what == "column" || what == "dateline" {
                continue;
            }
            let found = seed.body[at..].iter().position(|p| p.contains(&text));
            let found = found.unwrap_or_else(|| panic!("{} {what} out of order: {text}", a.id));
            at += found;
        }
    }
}

#[test]
fn masthead_and_imprint_match_the_seed() {
    let seed = parse_seed(&seed());
    let e = edition();
    let m = seed.masthead.join("\n");
    let p = &e.publication;

    assert_eq!(e.date, "2025-05-21");
    assert!(
        seed.masthead.contains(&"2025年5月".to_string())
            && seed.masthead.contains(&"21".to_string())
    );
    assert_eq!(e.weekday, "星期三");
    assert!(seed.masthead.contains(&e.weekday));
    assert_eq!(e.lunar_date.as_deref(), Some("乙巳年四月廿四"));
    assert!(seed.masthead.contains(&"乙巳年四月廿四".to_string()));
    assert_eq!(e.issue_number, 12257);
    assert!(seed.masthead.contains(&format!("总第{}期", e.issue_number)));
    assert_eq!(e.printed_pages, 8);
    assert!(seed
        .masthead
        .contains(&format!("今日{}版", e.printed_pages)));

    assert_eq!(p.name, "昌吉日报");
    assert!(m.contains("# 昌吉日报"));
    assert_eq!(p.latin_name.as_deref(), Some("CHANGJI RIBAO"));
    assert!(m.contains("## CHANGJI RIBAO"));
    for (field, value) in [
        ("sponsor", &p.sponsor),
        ("publisher", &p.publisher),
        ("email", &p.email),
        ("website", &p.website),
    ] {
        let value = value
            .as_deref()
            .unwrap_or_else(|| panic!("{field} missing"));
        assert!(m.contains(value), "{field} {value} not in the masthead");
    }
    assert_eq!(p.serial_number.as_deref(), Some("CN 65—0010"));
    assert!(m.contains("□国内统一刊号CN 65—0010"));
    assert_eq!(p.postal_code.as_deref(), Some("57—103"));
    assert!(m.contains("□邮发代号57—103"));
    assert_eq!(p.news_hotline.as_deref(), Some("2881100"));
    assert!(m.contains("□24小时新闻热线:2881100"));

    assert_eq!(p.imprint, seed.imprint);
}

#[test]
fn sample_is_a_real_typeset_reproduction_not_test_data() {
    let e = edition();
    assert!(!e.test_data, "the sample is real content");
    let facsimile = e.facsimile.as_ref().expect("facsimile");
    assert_eq!(facsimile.source, "typeset-reproduction");
    assert!(facsimile.note.as_deref().is_some_and(|n| !n.is_empty()));
}

#[test]
fn regions_lie_on_the_page_and_do_not_overlap() {
    let e = edition();
    for a in &e.articles {
        for r in &a.regions {
            let page = e.page(r.page).expect("region page exists");
            for &[x, y] in &r.points {
                assert!(
                    (0.0..=page.width).contains(&x) && (0.0..=page.height).contains(&y),
                    "{}: point [{x}, {y}] outside page {}",
                    a.id,
                    page.number
                );
            }
            assert!(
                geometry::area(&r.points) > 10_000.0,
                "{}: tiny region",
                a.id
            );
        }
    }
    // Sample the overlap of every two regions' bounds of different articles
    // on a grid (off the whole pixels where edges lie) and look for a point in both.
    let regions: Vec<(&str, &changji_epaper::edition::Region)> = e
        .articles
        .iter()
        .flat_map(|a| a.regions.iter().map(move |r| (a.id.as_str(), r)))
        .collect();
    for (i, (id_a, ra)) in regions.iter().enumerate() {
        for (id_b, rb) in &regions[i + 1..] {
            if id_a == id_b || ra.page != rb.page {
                continue;
            }
            let (ax0, ay0, ax1, ay1) = geometry::bounds(&ra.points).unwrap();
            let (bx0, by0, bx1, by1) = geometry::bounds(&rb.points).unwrap();
            let (x0, y0, x1, y1) = (ax0.max(bx0), ay0.max(by0), ax1.min(bx1), ay1.min(by1));
            let mut y = y0 + 0.5;
            while y < y1 {
                let mut x = x0 + 0.5;
                while x < x1 {
                    assert!(
                        !(geometry::contains(&ra.points, [x, y])
                            && geometry::contains(&rb.points, [x, y])),
                        "regions of {id_a} and {id_b} overlap at [{x}, {y}] on page {}",
                        ra.page
                    );
                    x += 4.0;
                }
                y += 4.0;
            }
        }
    }
}

/// Width and height from a JPEG's start-of-frame marker.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..3)? != [0xFF, 0xD8, 0xFF] {
        return None;
    }
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]);
            let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]);
            return Some((u32::from(w), u32::from(h)));
        }
        i += 2 + len;
    }
    None
}

#[test]
fn page_pictures_exist_are_jpegs_of_the_declared_size_and_under_600_kb() {
    let e = edition();
    for page in &e.pages {
        let images: Vec<_> = page.images.iter().chain(&page.thumbnail).collect();
        assert!(
            images.len() >= 3,
            "page {} has {} pictures",
            page.number,
            images.len()
        );
        for image in images {
            assert!(
                !image.url.contains('/') && image.url.ends_with(".jpg"),
                "{}",
                image.url
            );
            let path = Path::new(EDITION_DIR).join(&image.url);
            let meta =
                std::fs::metadata(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            assert!(
                meta.len() < MAX_JPEG_BYTES,
                "{} is {} bytes",
                image.url,
                meta.len()
            );
            let (w, h) = jpeg_size(&std::fs::read(&path).unwrap())
                .unwrap_or_else(|| panic!("{} is not a JPEG", image.url));
            assert_eq!(w, image.width, "{}: declared width", image.url);
            let expected_h = page.height * f64::from(w) / page.width;
            assert!(
                (f64::from(h) - expected_h).abs() <= 1.0,
                "{}: {w}×{h}, master {}×{}",
                image.url,
                page.width,
                page.height
            );
        }
    }
}

#[test]
fn the_index_lists_the_sample() {
    let text = std::fs::read_to_string(format!("{EDITION_DIR}/../index.json")).unwrap();
    let index = read_index(&text).unwrap();
    let e = edition();
    let entry = index
        .editions
        .iter()
        .find(|x| x.date == e.date)
        .expect("2025-05-21 in editions/index.json");
    assert_eq!(entry.issue_number, e.issue_number);
    assert_eq!(entry.url, "2025-05-21/edition.json");
    for url in entry.thumbnail.iter().chain(&entry.page_images) {
        let path = Path::new(EDITION_DIR).join("..").join(url);
        assert!(path.is_file(), "{url}");
    }
}
