//! The edition: its serde model, how it is read, and how it is checked.

pub mod json;
mod limits;
mod model;
mod policy;
mod read;
mod reader;
mod report;
mod validate;

pub use limits::{is_blank, max, TEXT_LIMITS};
pub use model::*;
pub use policy::{check_entry, csp_warnings, CSP_CONNECT_SRC, CSP_IMG_SRC};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use read::parse;
pub use read::{
    decode, parse_edition_by_hand, parse_index_by_hand, read_by_hand, read_edition,
    read_edition_bytes, read_index, read_index_bytes, MAX_EDITION_BYTES, MAX_INDEX_BYTES,
};
pub use report::MAX_PER_RULE;
pub(crate) use validate::{is_article_id, is_iso_date};
pub use validate::{
    is_safe_url, resolve_url, validate_edition, validate_index, Problem, FACSIMILE_SOURCES,
};

impl Edition {
    pub fn page(&self, number: u32) -> Option<&Page> {
        self.pages.iter().find(|p| p.number == number)
    }

    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// Articles with a region on `page`, in reading order.
    pub fn articles_on(&self, page: u32) -> Vec<&Article> {
        self.reading_order
            .iter()
            .filter_map(|id| self.article(id))
            .filter(|a| a.regions.iter().any(|r| r.page == page))
            .collect()
    }

    /// The article before (`step` = -1) or after (+1) `id` in reading order.
    pub fn neighbour(&self, id: &str, step: isize) -> Option<&Article> {
        let at = self.reading_order.iter().position(|x| x == id)? as isize;
        let next = usize::try_from(at + step).ok()?;
        self.reading_order.get(next).and_then(|id| self.article(id))
    }

    /// The page after (`step` = 1) or before (-1) `number` among the pages carried.
    pub fn neighbour_page(&self, number: u32, step: isize) -> Option<&Page> {
        let at = self.pages.iter().position(|p| p.number == number)? as isize;
        self.pages.get(usize::try_from(at + step).ok()?)
    }
}

impl Article {
    /// The pages the article stands on, in page order, without repeats.
    pub fn pages(&self) -> Vec<u32> {
        let mut pages: Vec<u32> = self.regions.iter().map(|r| r.page).collect();
        pages.sort_unstable();
        pages.dedup();
        pages
    }

    /// The first page it stands on: where a link to it opens.
    pub fn first_page(&self) -> u32 {
        self.pages().first().copied().unwrap_or(1)
    }

    /// Plain text of the lead: the first paragraph, or a photo's caption.
    pub fn summary(&self) -> Option<&str> {
        self.body.iter().find_map(|b| match b {
            Block::Paragraph { text } => Some(text.as_str()),
            Block::Figure { caption, .. } if self.kind == ArticleKind::Photo => {
                Some(caption.as_str())
            }
            _ => None,
        })
    }
}

impl Page {
    /// The rendition that best fills `needed_px` device pixels across:
    /// the smallest one at least that wide, else the largest there is.
    pub fn rendition_for(&self, needed_px: f64) -> Option<&Image> {
        let mut sorted: Vec<&Image> = self.images.iter().collect();
        sorted.sort_by_key(|i| i.width);
        sorted
            .iter()
            .find(|i| f64::from(i.width) >= needed_px)
            .or(sorted.last())
            .copied()
    }
}
