//! Every rule the format promises, checked after parsing. Each problem names
//! the JSON path, what is wrong and what was expected, so the web team can fix
//! the producer without reading our code.

use super::{Block, Edition, EditionIndex, Image, EDITION_FORMAT, INDEX_FORMAT, SUPPORTED_VERSION};
use crate::geometry::{self, num};
use std::collections::HashSet;
use std::fmt;

const MAX_PAGES: usize = 200;
const MAX_ARTICLES: usize = 2000;
const MAX_BLOCKS: usize = 1000;
const MAX_REGIONS: usize = 100;
const MAX_POINTS: usize = 1000;
const MAX_TEXT_CHARS: usize = 20_000;
const MAX_PAGE_SIZE: f64 = 30_000.0;
const MAX_URL_LEN: usize = 2048;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Stable rule name, e.g. `region-outside`.
    pub code: &'static str,
    /// Where, as a JSON path: `$.articles[2].regions[0].points[1]`.
    pub path: String,
    /// What is wrong and what was expected, in Chinese.
    pub message: String,
}

impl Problem {
    pub fn new(code: &'static str, path: String, message: String) -> Self {
        Problem {
            code,
            path,
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.path, self.message, self.code)
    }
}

/// Collects problems as the checks walk the document.
#[derive(Default)]
struct Report(Vec<Problem>);

impl Report {
    fn add(&mut self, code: &'static str, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem::new(code, path.into(), message.into()));
    }

    fn check_url(&mut self, path: String, url: &str) {
        if !is_safe_url(url) {
            self.add(
                "url-scheme",
                path,
                format!(
                    "地址 “{}” 不可用：只接受 https:// 地址或相对地址",
                    clip(url)
                ),
            );
        }
    }

    fn check_text(&mut self, path: String, text: &str, required: bool) {
        if required && text.trim().is_empty() {
            self.add("empty-text", path, "文字为空：此处须有内容");
        } else if text.chars().count() > MAX_TEXT_CHARS {
            self.add(
                "limit",
                path,
                format!(
                    "文字有 {} 字，超过上限 {MAX_TEXT_CHARS} 字：请分段",
                    text.chars().count()
                ),
            );
        }
    }

    fn check_count(&mut self, path: String, count: usize, max: usize, what: &str) {
        if count > max {
            self.add(
                "limit",
                path,
                format!("{what}有 {count} 个，超过上限 {max} 个"),
            );
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

    fn check_image(&mut self, path: String, image: &Image) {
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
        r.add(
            "version",
            "$.version",
            format!(
                "本程序只读第 {SUPPORTED_VERSION} 版格式，文件是第 {} 版",
                e.version
            ),
        );
    }
    r.check_date("$.date".into(), &e.date);
    r.check_text("$.publication.name".into(), &e.publication.name, true);
    check_pages(&mut r, e);
    check_articles(&mut r, e);
    check_reading_order(&mut r, e);
    r.0
}

fn check_pages(r: &mut Report, e: &Edition) {
    if e.pages.is_empty() {
        r.add("no-pages", "$.pages", "没有版面：至少须有一个版面");
    }
    r.check_count("$.pages".into(), e.pages.len(), MAX_PAGES, "版面");
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
        r.check_text(format!("{path}.label"), &page.label, true);
        r.check_count(format!("{path}.images"), page.images.len(), 12, "图片版本");
        for (j, image) in page.images.iter().enumerate() {
            r.check_image(format!("{path}.images[{j}]"), image);
        }
        if let Some(thumb) = &page.thumbnail {
            r.check_image(format!("{path}.thumbnail"), thumb);
        }
        if let Some(pdf) = &page.pdf {
            r.check_url(format!("{path}.pdf"), pdf);
        }
    }
}

fn check_articles(r: &mut Report, e: &Edition) {
    r.check_count("$.articles".into(), e.articles.len(), MAX_ARTICLES, "文章");
    let mut ids = HashSet::new();
    for (i, a) in e.articles.iter().enumerate() {
        let path = format!("$.articles[{i}]");
        if !is_article_id(&a.id) {
            r.add(
                "article-id",
                format!("{path}.id"),
                format!("文章 id “{}” 无效：只能用英文字母、数字、- 和 _，1 到 64 个字符（它会出现在链接里）", clip(&a.id)),
            );
        } else if !ids.insert(a.id.as_str()) {
            r.add(
                "duplicate-id",
                format!("{path}.id"),
                format!("文章 id “{}” 重复：每篇文章的 id 须唯一", a.id),
            );
        }
        if a.title.trim().is_empty() {
            r.add(
                "empty-title",
                format!("{path}.title"),
                "标题为空：每篇文章须有主题（title）",
            );
        }
        r.check_text(format!("{path}.title"), &a.title, false);
        r.check_count(format!("{path}.body"), a.body.len(), MAX_BLOCKS, "正文段落");
        for (j, block) in a.body.iter().enumerate() {
            let at = format!("{path}.body[{j}]");
            match block {
                Block::Paragraph { text } | Block::Subhead { text } => {
                    r.check_text(format!("{at}.text"), text, true)
                }
                Block::Figure { image, caption, .. } => {
                    r.check_text(format!("{at}.caption"), caption, false);
                    if let Some(image) = image {
                        r.check_image(format!("{at}.image"), image);
                    }
                }
            }
        }
        check_regions(r, e, &path, a);
    }
}

fn check_regions(r: &mut Report, e: &Edition, path: &str, a: &super::Article) {
    if a.regions.is_empty() {
        r.add(
            "no-regions",
            format!("{path}.regions"),
            "文章在版面上没有区域：至少须有一个多边形，读者才能点开它",
        );
    }
    r.check_count(
        format!("{path}.regions"),
        a.regions.len(),
        MAX_REGIONS,
        "区域",
    );
    for (k, region) in a.regions.iter().enumerate() {
        let at = format!("{path}.regions[{k}]");
        let Some(page) = e.page(region.page) else {
            r.add(
                "region-page",
                format!("{at}.page"),
                format!("区域在第 {} 版，但本期没有这个版面", region.page),
            );
            continue;
        };
        let points = &region.points;
        if points.len() < 3 {
            r.add(
                "region-points",
                format!("{at}.points"),
                format!("多边形只有 {} 个点：至少须有 3 个", points.len()),
            );
            continue;
        }
        r.check_count(
            format!("{at}.points"),
            points.len(),
            MAX_POINTS,
            "多边形顶点",
        );
        let mut inside = true;
        for (m, [x, y]) in points.iter().enumerate() {
            if !(x.is_finite()
                && y.is_finite()
                && (0.0..=page.width).contains(x)
                && (0.0..=page.height).contains(y))
            {
                inside = false;
                r.add(
                    "region-outside",
                    format!("{at}.points[{m}]"),
                    format!(
                        "点 [{}, {}] 在版面之外：应在 [0, 0] 到 [{}, {}] 之内（第 {} 版的母版像素）",
                        num(*x, 2), num(*y, 2), num(page.width, 2), num(page.height, 2), page.number
                    ),
                );
            }
        }
        if inside && geometry::area(points) < 1.0 {
            r.add(
                "region-area",
                format!("{at}.points"),
                "多边形面积为零（各点共线或重合）：须围出文章所在的区域",
            );
        }
    }
}

fn check_reading_order(r: &mut Report, e: &Edition) {
    let ids: HashSet<&str> = e.articles.iter().map(|a| a.id.as_str()).collect();
    let mut listed = HashSet::new();
    for (i, id) in e.reading_order.iter().enumerate() {
        let path = format!("$.reading_order[{i}]");
        if !ids.contains(id.as_str()) {
            r.add(
                "reading-order-unknown",
                path,
                format!("阅读顺序里的 “{}” 不是本期任何文章的 id", clip(id)),
            );
        } else if !listed.insert(id.as_str()) {
            r.add(
                "reading-order-duplicate",
                path,
                format!("文章 “{id}” 在阅读顺序里出现了两次"),
            );
        }
    }
    let missing: Vec<&str> = e
        .articles
        .iter()
        .map(|a| a.id.as_str())
        .filter(|id| !listed.contains(id))
        .collect();
    if !missing.is_empty() {
        r.add(
            "reading-order-missing",
            "$.reading_order",
            format!(
                "阅读顺序缺少这些文章：{}；每篇文章须恰好出现一次",
                missing.join("、")
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
        r.add(
            "version",
            "$.version",
            format!(
                "本程序只读第 {SUPPORTED_VERSION} 版格式，文件是第 {} 版",
                index.version
            ),
        );
    }
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
    r.0
}

/// Only `https://…` and relative URLs may come from an edition: no
/// `javascript:`, `data:`, `http:`, app schemes or protocol-relative `//host`.
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
fn clip(s: &str) -> String {
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
