//! DRAFT.json: an edition in format v1 without what the layout system knows
//! (no `regions`; pages only `number`, `label`, `section`). See
//! `docs/edition-format.md` §11 and `schemas/draft.schema.json`.

use crate::edition::{ArticleKind, Block, Publication, EDITION_FORMAT, SUPPORTED_VERSION};
use serde::Deserialize;

/// Drafts larger than this are refused before parsing (as editions are).
pub const MAX_DRAFT_BYTES: usize = crate::edition::MAX_EDITION_BYTES;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Draft {
    pub format: String,
    pub version: u32,
    pub publication: Publication,
    pub date: String,
    pub weekday: String,
    #[serde(default)]
    pub lunar_date: Option<String>,
    pub issue_number: u32,
    pub printed_pages: u32,
    pub pages: Vec<DraftPage>,
    pub articles: Vec<DraftArticle>,
    pub reading_order: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DraftPage {
    pub number: u32,
    pub label: String,
    #[serde(default)]
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DraftArticle {
    pub id: String,
    pub kind: ArticleKind,
    #[serde(default)]
    pub column: Option<String>,
    #[serde(default)]
    pub kicker: Option<String>,
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub byline: Option<String>,
    #[serde(default)]
    pub dateline: Option<String>,
    pub body: Vec<Block>,
}

/// What is wrong with a draft, and where (a JSON path such as `$.pages[0].number`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

fn err(path: &str, message: String) -> DraftError {
    DraftError {
        path: path.into(),
        message,
    }
}

/// Parses a draft; also returns it as a JSON value, so that fields this build
/// does not know pass into the edition unchanged.
pub fn parse_draft(text: &str) -> Result<(Draft, serde_json::Value), DraftError> {
    if text.len() > MAX_DRAFT_BYTES {
        let msg = format!(
            "草稿有 {} 字节，超过上限 {MAX_DRAFT_BYTES} 字节",
            text.len()
        );
        return Err(err("$", msg));
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        err(
            "$",
            format!(
                "不是合法的 JSON：{e}（第 {} 行第 {} 列）",
                e.line(),
                e.column()
            ),
        )
    })?;
    let draft: Draft = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = match e.path().to_string().as_str() {
            "." | "" => "$".to_string(),
            p => format!("$.{p}"),
        };
        err(&path, format!("字段类型或取值不符合格式：{}", e.inner()))
    })?;
    if draft.format != EDITION_FORMAT {
        let msg = format!("应为 “{EDITION_FORMAT}”，实际是 “{}”", draft.format);
        return Err(err("$.format", msg));
    }
    if draft.version != SUPPORTED_VERSION {
        let msg = format!(
            "本程序只读第 {SUPPORTED_VERSION} 版格式，草稿是第 {} 版",
            draft.version
        );
        return Err(err("$.version", msg));
    }
    if draft.pages.is_empty() {
        return Err(err("$.pages", "没有版面：每个 PDF 须对应一个版面".into()));
    }
    Ok((draft, value))
}

/// Which part of an article a piece of text is: it decides how the piece's
/// box joins the region (headlines and captions span the story's width).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Column name, kicker, title, subtitle, byline.
    Head,
    /// Paragraphs and subheads, set in columns.
    Body,
    /// Photo captions and credits.
    Caption,
}

impl DraftArticle {
    /// Every text of the article in print order, with its kind.
    pub fn pieces(&self) -> Vec<(PieceKind, &str)> {
        let mut out = Vec::new();
        for s in [&self.column, &self.kicker].into_iter().flatten() {
            out.push((PieceKind::Head, s.as_str()));
        }
        out.push((PieceKind::Head, self.title.as_str()));
        for s in [&self.subtitle, &self.byline].into_iter().flatten() {
            out.push((PieceKind::Head, s.as_str()));
        }
        if let Some(d) = &self.dateline {
            out.push((PieceKind::Body, d.as_str()));
        }
        for b in &self.body {
            match b {
                Block::Paragraph { text } | Block::Subhead { text } => {
                    out.push((PieceKind::Body, text.as_str()))
                }
                Block::Figure {
                    caption, credit, ..
                } => {
                    out.push((PieceKind::Caption, caption.as_str()));
                    if let Some(c) = credit {
                        out.push((PieceKind::Caption, c.as_str()));
                    }
                }
            }
        }
        out
    }
}

impl Draft {
    /// The page furniture (masthead, imprint, page labels): text that belongs
    /// to no article but is expected on a page.
    pub fn furniture(&self) -> Vec<String> {
        let p = &self.publication;
        let mut out: Vec<String> = [
            &p.latin_name,
            &p.sponsor,
            &p.publisher,
            &p.serial_number,
            &p.postal_code,
            &p.website,
            &p.email,
            &p.news_hotline,
            &p.promotion,
            &self.lunar_date,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
        out.push(p.name.clone());
        out.push(self.weekday.clone());
        // The date as a masthead prints it: 2025年5月 / 21, or 2025年5月21日.
        let ymd: Vec<u32> = self
            .date
            .split('-')
            .filter_map(|x| x.parse().ok())
            .collect();
        if let [y, m, d] = ymd[..] {
            out.push(format!("{y}年{m}月{d}日"));
            out.push(format!("{d}"));
        }
        out.push(format!("总第{}期", self.issue_number));
        out.push(format!("今日{}版", self.printed_pages));
        out.extend(p.imprint.iter().cloned());
        for page in &self.pages {
            out.push(page.label.clone());
            out.extend(page.section.clone());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"format":"changji-epaper/edition","version":1,
      "publication":{"name":"昌吉日报"},"date":"2000-01-05","weekday":"星期三",
      "issue_number":1,"printed_pages":4,
      "pages":[{"number":1,"label":"第01版"}],
      "articles":[{"id":"a","kind":"news","title":"标题","body":[{"type":"paragraph","text":"正文"}],"x_future":1}],
      "reading_order":["a"]}"#;

    #[test]
    fn a_minimal_draft_parses_and_keeps_unknown_fields() {
        let (draft, value) = parse_draft(MINIMAL).unwrap();
        assert_eq!(
            draft.articles[0].pieces(),
            vec![(PieceKind::Head, "标题"), (PieceKind::Body, "正文")]
        );
        assert_eq!(value["articles"][0]["x_future"], 1);
    }

    #[test]
    fn a_wrong_type_names_its_json_path() {
        let bad = MINIMAL.replace(r#""number":1"#, r#""number":"1""#);
        let e = parse_draft(&bad).unwrap_err();
        assert_eq!(e.path, "$.pages[0].number");
        let bad = MINIMAL.replace(r#""kind":"news""#, r#""kind":"story""#);
        assert_eq!(parse_draft(&bad).unwrap_err().path, "$.articles[0].kind");
    }

    #[test]
    fn syntax_format_version_and_empty_pages_are_errors() {
        let e = parse_draft(&MINIMAL[..40]).unwrap_err();
        assert_eq!(e.path, "$");
        assert!(e.message.contains("第 1 行"), "{}", e.message);
        let bad = MINIMAL.replace("changji-epaper/edition", "changji-epaper/index");
        assert_eq!(parse_draft(&bad).unwrap_err().path, "$.format");
        let bad = MINIMAL.replace(r#""version":1"#, r#""version":2"#);
        assert_eq!(parse_draft(&bad).unwrap_err().path, "$.version");
        let bad = MINIMAL.replace(r#"[{"number":1,"label":"第01版"}]"#, "[]");
        assert_eq!(parse_draft(&bad).unwrap_err().path, "$.pages");
    }
}
