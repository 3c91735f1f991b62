//! The edition format, version 1: the contract with the newspaper's web team.
//!
//! One JSON file per edition, plus an index of editions. Unknown fields are
//! ignored (no `deny_unknown_fields`) so that a newer producer never breaks an
//! older app; `version` says which rules apply. See `docs/edition-format.md`.

use super::limits::max;
use super::read::capped;
use serde::Deserialize;

/// The `format` tag of an edition file.
pub const EDITION_FORMAT: &str = "changji-epaper/edition";
/// The `format` tag of an editions index.
pub const INDEX_FORMAT: &str = "changji-epaper/index";
/// The format versions this build reads.
pub const SUPPORTED_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Edition {
    pub format: String,
    pub version: u32,
    /// Synthetic content made for tests; never published as a real edition.
    #[serde(default)]
    pub test_data: bool,
    /// Where the page pictures come from, e.g. a typeset reproduction.
    #[serde(default)]
    pub facsimile: Option<Facsimile>,
    pub publication: Publication,
    /// ISO date of the edition, `YYYY-MM-DD`.
    pub date: String,
    /// 星期三
    pub weekday: String,
    /// 乙巳年四月廿四
    #[serde(default)]
    pub lunar_date: Option<String>,
    /// 总第12257期
    pub issue_number: u32,
    /// 今日8版: how many pages were printed that day.
    pub printed_pages: u32,
    /// The pages this edition carries (may be fewer than printed).
    #[serde(deserialize_with = "capped::<_, _, { max::PAGES }>")]
    pub pages: Vec<Page>,
    #[serde(deserialize_with = "capped::<_, _, { max::ARTICLES }>")]
    pub articles: Vec<Article>,
    /// Article ids in the order a reader goes through them (上一篇/下一篇).
    #[serde(deserialize_with = "capped::<_, _, { max::READING_ORDER }>")]
    pub reading_order: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Facsimile {
    /// `scan`, `press-pdf` or `typeset-reproduction`.
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Publication {
    /// 昌吉日报
    pub name: String,
    /// CHANGJI RIBAO
    #[serde(default)]
    pub latin_name: Option<String>,
    /// 中共昌吉回族自治州委员会主管主办
    #[serde(default)]
    pub sponsor: Option<String>,
    /// 昌吉州融媒体中心出版
    #[serde(default)]
    pub publisher: Option<String>,
    /// 国内统一刊号 CN 65—0010
    #[serde(default)]
    pub serial_number: Option<String>,
    /// 邮发代号 57—103
    #[serde(default)]
    pub postal_code: Option<String>,
    /// Shown as text, never as a link (it may be plain http).
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub news_hotline: Option<String>,
    /// What the masthead promotes beside the name: 丝路昌吉客户端 (the app).
    #[serde(default)]
    pub promotion: Option<String>,
    /// The imprint at the foot of the page, line by line as printed.
    #[serde(default, deserialize_with = "capped::<_, _, { max::IMPRINT_LINES }>")]
    pub imprint: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Page {
    pub number: u32,
    /// 第01版
    pub label: String,
    /// 要闻, 综合… where known.
    #[serde(default)]
    pub section: Option<String>,
    /// Master page size: the coordinate space of every region on this page.
    pub width: f64,
    pub height: f64,
    /// The page picture at several widths, same aspect ratio as the master.
    #[serde(default, deserialize_with = "capped::<_, _, { max::IMAGES }>")]
    pub images: Vec<Image>,
    #[serde(default)]
    pub thumbnail: Option<Image>,
    #[serde(default)]
    pub pdf: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Image {
    pub url: String,
    /// Pixel width of the file.
    pub width: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    News,
    /// 图片新闻: the caption is the text.
    Photo,
    Notice,
    Advertisement,
    Other,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Article {
    /// Stable across re-publication: links point at it.
    pub id: String,
    pub kind: ArticleKind,
    /// 栏目, e.g. 高质量发展看昌吉
    #[serde(default)]
    pub column: Option<String>,
    /// 引题
    #[serde(default)]
    pub kicker: Option<String>,
    /// 主题
    pub title: String,
    /// 副题
    #[serde(default)]
    pub subtitle: Option<String>,
    /// □本报通讯员 余再兴
    #[serde(default)]
    pub byline: Option<String>,
    /// 本报讯: printed bold before the first paragraph.
    #[serde(default)]
    pub dateline: Option<String>,
    #[serde(deserialize_with = "capped::<_, _, { max::BLOCKS }>")]
    pub body: Vec<Block>,
    #[serde(deserialize_with = "capped::<_, _, { max::REGIONS }>")]
    pub regions: Vec<Region>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// 小标题 inside a long story.
    Subhead {
        text: String,
    },
    Figure {
        /// None where the photo is not available.
        #[serde(default)]
        image: Option<Image>,
        /// Paragraphs separated by `\n`.
        caption: String,
        /// □本报记者 何 龙摄
        #[serde(default)]
        credit: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Region {
    /// Page number (not index) the region stands on.
    pub page: u32,
    /// Polygon in the page's master coordinates, `[[x, y], …]`.
    #[serde(deserialize_with = "capped::<_, _, { max::POINTS }>")]
    pub points: Vec<[f64; 2]>,
}

/// `editions/index.json`: which editions exist and which is the latest.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EditionIndex {
    pub format: String,
    pub version: u32,
    pub publication: String,
    /// Date of the edition the app opens by default.
    pub latest: String,
    #[serde(deserialize_with = "capped::<_, _, { max::EDITIONS }>")]
    pub editions: Vec<IndexEntry>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct IndexEntry {
    pub date: String,
    pub issue_number: u32,
    /// Relative to the index file, or https.
    pub url: String,
    /// Page 1's thumbnail, for the 往期 list and the no-WebAssembly fallback.
    #[serde(default)]
    pub thumbnail: Option<String>,
    /// First page image, for readers whose webview has no WebAssembly.
    #[serde(default, deserialize_with = "capped::<_, _, { max::PAGE_IMAGES }>")]
    pub page_images: Vec<String>,
}
