//! Every rule the format promises, checked after parsing. Each problem names
//! the JSON path, what is wrong and what was expected, so the web team can fix
//! the producer without reading our code. Counts were capped while parsing;
//! here each rule lists at most its first problems (see `report`).

use super::limits::{is_blank, max};
use super::report::Report;
use super::{
    Article, Block, Edition, EditionIndex, Image, EDITION_FORMAT, INDEX_FORMAT, SUPPORTED_VERSION,
};
use crate::geometry::{self, num};
use std::collections::HashSet;

pub use super::report::Problem;

const MAX_PAGE_SIZE: f64 = 30_000.0;
const MAX_URL_LEN: usize = 2048;
/// Where the page pictures may come from (`facsimile.source`).
pub const FACSIMILE_SOURCES: [&str; 3] = ["scan", "press-pdf", "typeset-reproduction"];

impl Report {
    fn check_url(&mut self, path: String, url: &str) {
        if !is_safe_url(url) {
            self.add_with("url-scheme", || {
                let p = unsafe_url(path, url);
                (p.path, p.message)
            });
        }
    }

    /// A text field: not blank where `required`, and at most `max` characters.
    fn check_text(
        &mut self,
        path: impl FnOnce() -> String,
        text: &str,
        max: usize,
        required: bool,
    ) {
        if required && is_blank(text) {
            self.add_with("empty-text", || (path(), "文字为空：此处须有内容".into()));
            return;
        }
        // Bytes bound characters from above: most text is counted without a walk.
        if text.len() > max {
            let count = text.chars().count();
            if count > max {
                self.add_with("limit", || {
                    let why = format!("文字有 {count} 字，超过上限 {max} 字");
                    (path(), why)
                });
            }
        }
    }

    fn check_optional(&mut self, path: impl FnOnce() -> String, text: &Option<String>, max: usize) {
        if let Some(text) = text {
            self.check_text(path, text, max, false);
        }
    }

    fn check_date(&mut self, path: String, date: &str) {
        if !is_iso_date(date) {
            self.add(
                "date",
                path,
                format!(
                    "日期 “{}” 无效：应为 YYYY-MM-DD，例如 2025-05-21",
                    clip(date)
                ),
            );
        }
    }

    fn check_image(&mut self, path: &str, image: &Image) {
        self.check_url(format!("{path}.url"), &image.url);
        if image.width == 0 || f64::from(image.width) > MAX_PAGE_SIZE {
            self.add(
                "image-width",
                format!("{path}.width"),
                format!("图片宽度 {} 无效：应为 1 到 30000 像素", image.width),
            );
        }
    }
}

pub fn validate_edition(e: &Edition) -> Vec<Problem> {
    let mut r = Report::default();
    if e.format != EDITION_FORMAT {
        r.add(
            "format",
            "$.format",
            format!("应为 “{EDITION_FORMAT}”，实际是 “{}”", clip(&e.format)),
        );
    }
    if e.version != SUPPORTED_VERSION {
        r.add("version", "$.version", version_message(e.version));
    }
    r.check_date("$.date".into(), &e.date);
    r.check_text(|| "$.weekday".into(), &e.weekday, max::WEEKDAY, true);
    r.check_optional(|| "$.lunar_date".into(), &e.lunar_date, max::LUNAR_DATE);
    check_facsimile(&mut r, e);
    check_publication(&mut r, e);
    check_pages(&mut r, e);
    check_articles(&mut r, e);
    check_reading_order(&mut r, e);
    r.finish()
}

pub(super) fn version_message(version: impl std::fmt::Display) -> String {
    format!("本程序只读第 {SUPPORTED_VERSION} 版格式，文件是第 {version} 版")
}

fn check_facsimile(r: &mut Report, e: &Edition) {
    let Some(f) = &e.facsimile else { return };
    if !FACSIMILE_SOURCES.contains(&f.source.as_str()) {
        r.add(
            "facsimile-source",
            "$.facsimile.source",
            format!(
                "版面图来源 “{}” 无效：应为 scan（原版扫描）、press-pdf（印刷 PDF）或 typeset-reproduction（据文字稿重新排版）",
                clip(&f.source)
            ),
        );
    }
    r.check_optional(|| "$.facsimile.note".into(), &f.note, max::FACSIMILE_NOTE);
}

fn check_publication(r: &mut Report, e: &Edition) {
    let p = &e.publication;
    r.check_text(
        || "$.publication.name".into(),
        &p.name,
        max::PUBLICATION_NAME,
        true,
    );
    r.check_optional(
        || "$.publication.latin_name".into(),
        &p.latin_name,
        max::LATIN_NAME,
    );
    for (field, value) in [
        ("sponsor", &p.sponsor),
        ("publisher", &p.publisher),
        ("serial_number", &p.serial_number),
        ("postal_code", &p.postal_code),
        ("website", &p.website),
        ("email", &p.email),
        ("news_hotline", &p.news_hotline),
        ("promotion", &p.promotion),
    ] {
        r.check_optional(
            || format!("$.publication.{field}"),
            value,
            max::MASTHEAD_LINE,
        );
    }
    for (i, line) in p.imprint.iter().enumerate() {
        let path = || format!("$.publication.imprint[{i}]");
        r.check_text(path, line, max::IMPRINT_LINE, false);
    }
}

fn check_pages(r: &mut Report, e: &Edition) {
    if e.pages.is_empty() {
        r.add("no-pages", "$.pages", "没有版面：至少须有一个版面");
    }
    let mut seen = HashSet::new();
    let mut previous = 0;
    for (i, page) in e.pages.iter().enumerate() {
        let path = format!("$.pages[{i}]");
        let n = page.number;
        if n == 0 || n > e.printed_pages {
            r.add(
                "page-number",
                format!("{path}.number"),
                format!(
                    "版号 {n} 无效：应在 1 到当日版数 {}（printed_pages）之间",
                    e.printed_pages
                ),
            );
        } else if !seen.insert(n) {
            r.add(
                "page-number",
                format!("{path}.number"),
                format!("版号 {n} 重复：每个版号只能出现一次"),
            );
        } else if n < previous {
            r.add(
                "page-number",
                format!("{path}.number"),
                format!("版号 {n} 排在第 {previous} 版之后：版面须按版号升序排列"),
            );
        }
        previous = previous.max(n);
        for (field, value) in [("width", page.width), ("height", page.height)] {
            if !(value.is_finite() && (1.0..=MAX_PAGE_SIZE).contains(&value)) {
                r.add(
                    "page-size",
                    format!("{path}.{field}"),
                    format!(
                        "版面尺寸 {} 无效：应为 1 到 {} 之间的母版像素数",
                        num(value, 2),
                        num(MAX_PAGE_SIZE, 0)
                    ),
                );
            }
        }
        r.check_text(
            || format!("{path}.label"),
            &page.label,
            max::PAGE_LABEL,
            true,
        );
        r.check_optional(
            || format!("{path}.section"),
            &page.section,
            max::PAGE_SECTION,
        );
        for (j, image) in page.images.iter().enumerate() {
            r.check_image(&format!("{path}.images[{j}]"), image);
        }
        if let Some(thumb) = &page.thumbnail {
            r.check_image(&format!("{path}.thumbnail"), thumb);
        }
        if let Some(pdf) = &page.pdf {
            r.check_url(format!("{path}.pdf"), pdf);
        }
    }
}

fn check_articles(r: &mut Report, e: &Edition) {
    let mut ids = HashSet::new();
    for (i, a) in e.articles.iter().enumerate() {
        let path = format!("$.articles[{i}]");
        if !is_article_id(&a.id) {
            r.add_with("article-id", || {
                let why = format!("文章 id “{}” 无效：只能用英文字母、数字、- 和 _，1 到 64 个字符（它会出现在链接里）", clip(&a.id));
                (format!("{path}.id"), why)
            });
        } else if !ids.insert(a.id.as_str()) {
            r.add_with("duplicate-id", || {
                let why = format!("文章 id “{}” 重复：每篇文章的 id 须唯一", a.id);
                (format!("{path}.id"), why)
            });
        }
        if is_blank(&a.title) {
            r.add_with("empty-title", || {
                let why = if a.title.trim().is_empty() {
                    "标题为空：每篇文章须有主题（title）"
                } else {
                    "标题只有看不见的字符（零宽空格、方向控制符等）：每篇文章须有主题（title）"
                };
                (format!("{path}.title"), why.into())
            });
        }
        r.check_text(|| format!("{path}.title"), &a.title, max::HEADLINE, false);
        for (field, value, limit) in [
            ("column", &a.column, max::COLUMN),
            ("kicker", &a.kicker, max::HEADLINE),
            ("subtitle", &a.subtitle, max::HEADLINE),
            ("byline", &a.byline, max::HEADLINE),
            ("dateline", &a.dateline, max::DATELINE),
        ] {
            r.check_optional(|| format!("{path}.{field}"), value, limit);
        }
        for (j, block) in a.body.iter().enumerate() {
            let at = || format!("{path}.body[{j}]");
            match block {
                Block::Paragraph { text } => {
                    r.check_text(|| format!("{}.text", at()), text, max::PARAGRAPH, true)
                }
                Block::Subhead { text } => {
                    r.check_text(|| format!("{}.text", at()), text, max::SUBHEAD, true)
                }
                Block::Figure {
                    image,
                    caption,
                    credit,
                } => {
                    r.check_text(|| format!("{}.caption", at()), caption, max::CAPTION, false);
                    r.check_optional(|| format!("{}.credit", at()), credit, max::CREDIT);
                    if let Some(image) = image {
                        r.check_image(&format!("{}.image", at()), image);
                    }
                }
            }
        }
        check_regions(r, e, &path, a);
    }
}

fn check_regions(r: &mut Report, e: &Edition, path: &str, a: &Article) {
    if a.regions.is_empty() {
        r.add(
            "no-regions",
            format!("{path}.regions"),
            "文章在版面上没有区域：至少须有一个多边形，读者才能点开它",
        );
    }
    for (k, region) in a.regions.iter().enumerate() {
        let at = || format!("{path}.regions[{k}]");
        let Some(page) = e.page(region.page) else {
            r.add_with("region-page", || {
                let why = format!("区域在第 {} 版，但本期没有这个版面", region.page);
                (format!("{}.page", at()), why)
            });
            continue;
        };
        let points = &region.points;
        if points.len() < 3 {
            r.add_with("region-points", || {
                let why = format!("多边形只有 {} 个点：至少须有 3 个", points.len());
                (format!("{}.points", at()), why)
            });
            continue;
        }
        let mut inside = true;
        for (m, &[x, y]) in points.iter().enumerate() {
            if !(x.is_finite()
                && y.is_finite()
                && (0.0..=page.width).contains(&x)
                && (0.0..=page.height).contains(&y))
            {
                inside = false;
                r.add_with("region-outside", || {
                    let why = format!(
                        "点 [{}, {}] 在版面之外：应在 [0, 0] 到 [{}, {}] 之内（第 {} 版的母版像素）",
                        num(x, 2), num(y, 2), num(page.width, 2), num(page.height, 2), page.number
                    );
                    (format!("{}.points[{m}]", at()), why)
                });
            }
        }
        if inside && geometry::area(points) < 1.0 {
            r.add_with("region-area", || {
                let why = if all_on_one_line(points) {
                    "多边形面积为零（各点共线或重合）：须围出文章所在的区域"
                } else {
                    "多边形自相交（像“8”字或蝴蝶结），正反两部分的面积相互抵消为零：请按边界顺序（顺时针或逆时针）排列顶点"
                };
                (format!("{}.points", at()), why.into())
            });
        }
    }
}

/// Whether every point lies on one straight line (or on one spot): then the
/// area is zero because the polygon is flat, not because its edges cross.
fn all_on_one_line(points: &[[f64; 2]]) -> bool {
    let [x0, y0] = points[0];
    let Some(&[x1, y1]) = points
        .iter()
        .find(|&&[x, y]| (x - x0).abs() + (y - y0).abs() > 1e-9)
    else {
        return true;
    };
    let length = (x1 - x0).hypot(y1 - y0);
    // Distance of each point from the line through the first two distinct ones.
    points
        .iter()
        .all(|&[x, y]| ((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)).abs() / length < 0.5)
}

fn check_reading_order(r: &mut Report, e: &Edition) {
    let ids: HashSet<&str> = e.articles.iter().map(|a| a.id.as_str()).collect();
    let mut listed = HashSet::new();
    for (i, id) in e.reading_order.iter().enumerate() {
        if !ids.contains(id.as_str()) {
            r.add_with("reading-order-unknown", || {
                let why = format!("阅读顺序里的 “{}” 不是本期任何文章的 id", clip(id));
                (format!("$.reading_order[{i}]"), why)
            });
        } else if !listed.insert(id.as_str()) {
            r.add_with("reading-order-duplicate", || {
                let why = format!("文章 “{}” 在阅读顺序里出现了两次", clip(id));
                (format!("$.reading_order[{i}]"), why)
            });
        }
    }
    let missing: Vec<&str> = e
        .articles
        .iter()
        .map(|a| a.id.as_str())
        .filter(|id| !listed.contains(id))
        .collect();
    if !missing.is_empty() {
        // Ids here may be invalid ones, of any length: a short list of short names.
        let shown: Vec<String> = missing.iter().take(10).map(|id| clip(id)).collect();
        let more = if missing.len() > shown.len() {
            format!(" 等 {} 篇", missing.len())
        } else {
            String::new()
        };
        r.add(
            "reading-order-missing",
            "$.reading_order",
            format!(
                "阅读顺序缺少这些文章：{}{more}；每篇文章须恰好出现一次",
                shown.join("、")
            ),
        );
    }
}

pub fn validate_index(index: &EditionIndex) -> Vec<Problem> {
    let mut r = Report::default();
    if index.format != INDEX_FORMAT {
        r.add(
            "index-format",
            "$.format",
            format!("应为 “{INDEX_FORMAT}”，实际是 “{}”", clip(&index.format)),
        );
    }
    if index.version != SUPPORTED_VERSION {
        r.add("version", "$.version", version_message(index.version));
    }
    r.check_text(
        || "$.publication".into(),
        &index.publication,
        max::INDEX_PUBLICATION,
        true,
    );
    if index.editions.is_empty() {
        r.add("no-editions", "$.editions", "目录里没有任何一期报纸");
    }
    let mut dates = HashSet::new();
    for (i, entry) in index.editions.iter().enumerate() {
        let path = format!("$.editions[{i}]");
        if !is_iso_date(&entry.date) {
            r.check_date(format!("{path}.date"), &entry.date);
        } else if !dates.insert(entry.date.as_str()) {
            r.add(
                "index-duplicate-date",
                format!("{path}.date"),
                format!("日期 {} 在目录里出现了两次", entry.date),
            );
        }
        r.check_url(format!("{path}.url"), &entry.url);
        if let Some(thumb) = &entry.thumbnail {
            r.check_url(format!("{path}.thumbnail"), thumb);
        }
        for (j, url) in entry.page_images.iter().enumerate() {
            r.check_url(format!("{path}.page_images[{j}]"), url);
        }
    }
    if !index.editions.iter().any(|e| e.date == index.latest) {
        r.add(
            "index-latest",
            "$.latest",
            format!("最新一期 “{}” 不在目录 editions 里", clip(&index.latest)),
        );
    }
    r.finish()
}

/// Only `https://…` and relative URLs may come from an edition: no
/// `javascript:`, `data:`, `http:`, app schemes or protocol-relative `//host`.
/// The problem of an address the app must not load (the browser's reader
/// refuses it too, reader.rs).
pub(super) fn unsafe_url(path: String, url: &str) -> Problem {
    let why = format!(
        "地址 “{}” 不可用：只接受 https:// 地址或相对地址",
        clip(url)
    );
    Problem::new("url-scheme", path, why)
}

pub fn is_safe_url(url: &str) -> bool {
    if url.is_empty() || url.len() > MAX_URL_LEN || url.starts_with("//") {
        return false;
    }
    if url
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return false;
    }
    if let Some(rest) = url.strip_prefix("https://") {
        return !rest.is_empty() && !rest.starts_with('/');
    }
    // A colon before any `/`, `?` or `#` would make it a scheme.
    let head = url.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':')
}

/// Resolves a URL from a file against that file's own URL (relative to the app).
pub fn resolve_url(base: &str, url: &str) -> String {
    if url.starts_with("https://") || url.starts_with('/') {
        return url.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop(); // the file name of the base
                 // `https://host/…` splits into "https:", "", "host": `..` stops there.
    let floor = if base.starts_with("https://") { 3 } else { 0 };
    for segment in url.split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                if parts.len() > floor {
                    parts.pop();
                }
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Article ids appear in links: ASCII letters, digits, `-` and `_`, 1 to 64.
pub(crate) fn is_article_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub(crate) fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|_| s.bytes().all(|c| c.is_ascii_digit()))
    };
    let (Some(y), Some(m), Some(d)) = (num(&date[0..4]), num(&date[5..7]), num(&date[8..10]))
    else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Keeps hostile or huge values short in messages.
pub(super) fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() > MAX {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_allowed_are_https_and_relative_only() {
        for ok in [
            "page-01-600.jpg",
            "../x/p.jpg",
            "/editions/p.jpg",
            "https://cdn.example/p.jpg",
            "p.jpg?v=2#x",
        ] {
            assert!(is_safe_url(ok), "{ok} should be allowed");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:image/png;base64,AA",
            "http://x/p.jpg",
            "//evil.example/p.jpg",
            "https:///p.jpg",
            "",
            " p.jpg",
            "a\\b.jpg",
            "vbscript:x",
            "silu-app://open",
        ] {
            assert!(!is_safe_url(bad), "{bad} should be refused");
        }
    }

    #[test]
    fn relative_urls_resolve_against_the_edition_file() {
        let base = "editions/2025-05-21/edition.json";
        assert_eq!(
            resolve_url(base, "page-01-600.jpg"),
            "editions/2025-05-21/page-01-600.jpg"
        );
        assert_eq!(
            resolve_url(base, "../shared/logo.png"),
            "editions/shared/logo.png"
        );
        assert_eq!(
            resolve_url(base, "https://cdn.example/a.jpg"),
            "https://cdn.example/a.jpg"
        );
        assert_eq!(
            resolve_url("index.json", "2025-05-21/edition.json"),
            "2025-05-21/edition.json"
        );
        assert_eq!(
            resolve_url("https://cdn.example/e/x.json", "../../../p.jpg"),
            "https://cdn.example/p.jpg",
            "never above the host"
        );
    }

    #[test]
    fn dates_are_real_calendar_days() {
        assert!(is_iso_date("2025-05-21"));
        assert!(is_iso_date("2024-02-29"));
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-5-21",
            "2025-05-00",
            "20250521xx",
            "２０２５-05-21",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
