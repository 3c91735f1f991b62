//! A searchable article: the text fields search ranks by, and where it stands.
//! Written at publish time as one small "fragment" file per article, which the
//! query side fetches only for the results it shows.

use crate::edition::{Article, Block, Edition};
use serde::{Deserialize, Serialize};

/// Where a hit stands, best first: the order of the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title = 0,
    /// Kicker 引题, subtitle 副题, column 栏目.
    Heading = 1,
    /// Paragraphs, subheads, captions, byline, dateline.
    Body = 2,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Title, Field::Heading, Field::Body];

    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocText {
    /// Edition date, `YYYY-MM-DD`.
    #[serde(rename = "d")]
    pub date: String,
    /// First page the article stands on: where a link to it opens.
    #[serde(rename = "p")]
    pub page: u32,
    #[serde(rename = "a")]
    pub article: String,
    #[serde(rename = "t")]
    pub title: String,
    /// Kicker, subtitle and column, one per line.
    #[serde(rename = "h", default, skip_serializing_if = "String::is_empty")]
    pub heading: String,
    /// Dateline, paragraphs, subheads, captions, credits and byline, one per line.
    #[serde(rename = "b", default, skip_serializing_if = "String::is_empty")]
    pub body: String,
}

impl DocText {
    pub fn new(edition: &Edition, article: &Article) -> DocText {
        let heading: Vec<&str> = [&article.kicker, &article.subtitle, &article.column]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let mut body: Vec<&str> = Vec::new();
        body.extend(article.dateline.as_deref());
        for block in &article.body {
            match block {
                Block::Paragraph { text } | Block::Subhead { text } => body.push(text),
                Block::Figure {
                    caption, credit, ..
                } => {
                    body.extend(caption.split('\n'));
                    body.extend(credit.as_deref());
                }
            }
        }
        body.extend(article.byline.as_deref());
        DocText {
            date: edition.date.clone(),
            page: article.first_page(),
            article: article.id.clone(),
            title: article.title.clone(),
            heading: heading.join("\n"),
            body: body.join("\n"),
        }
    }

    pub fn field(&self, field: Field) -> &str {
        match field {
            Field::Title => &self.title,
            Field::Heading => &self.heading,
            Field::Body => &self.body,
        }
    }

    /// Every article of an edition, in the edition's order (the index refers
    /// to them by this position).
    pub fn all(edition: &Edition) -> Vec<DocText> {
        edition
            .articles
            .iter()
            .map(|a| DocText::new(edition, a))
            .collect()
    }
}
