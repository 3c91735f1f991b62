//! Limits of the format (`docs/edition-format.md` 4.8), and what counts as
//! empty text.
//!
//! Counts are enforced while parsing, so a hostile file stops costing memory
//! at the first item over the limit. Text limits are far above anything
//! printed (a 主题 of 60 characters is long) and low enough that no accepted
//! text can stall the page: a 1.5 M-character 星期 made the page 18 M px wide.

pub mod max {
    pub const PAGES: usize = 200;
    pub const ARTICLES: usize = 2000;
    /// `reading_order` lists each article once.
    pub const READING_ORDER: usize = ARTICLES;
    pub const BLOCKS: usize = 1000;
    pub const REGIONS: usize = 100;
    pub const POINTS: usize = 1000;
    pub const IMAGES: usize = 12;
    /// Index entries: about 50 years of dailies.
    pub const EDITIONS: usize = 20_000;
    pub const PAGE_IMAGES: usize = PAGES;

    // Text, in Unicode characters.
    pub const PUBLICATION_NAME: usize = 40;
    pub const LATIN_NAME: usize = 100;
    /// sponsor, publisher, serial_number, postal_code, website, email, news_hotline.
    pub const MASTHEAD_LINE: usize = 200;
    pub const IMPRINT_LINE: usize = 200;
    pub const IMPRINT_LINES: usize = 20;
    pub const WEEKDAY: usize = 10;
    pub const LUNAR_DATE: usize = 40;
    pub const FACSIMILE_NOTE: usize = 500;
    pub const PAGE_LABEL: usize = 20;
    pub const PAGE_SECTION: usize = 20;
    pub const COLUMN: usize = 50;
    /// kicker, title, subtitle, byline.
    pub const HEADLINE: usize = 200;
    pub const DATELINE: usize = 100;
    pub const SUBHEAD: usize = 200;
    pub const PARAGRAPH: usize = 20_000;
    pub const CAPTION: usize = 2_000;
    pub const CREDIT: usize = 200;
    pub const INDEX_PUBLICATION: usize = 40;
}

/// Every text limit (characters) with the fields it applies to, as the format document lists them.
pub const TEXT_LIMITS: &[(&str, usize)] = &[
    ("publication.name", max::PUBLICATION_NAME),
    ("publication.latin_name", max::LATIN_NAME),
    ("publication.sponsor", max::MASTHEAD_LINE),
    ("publication.publisher", max::MASTHEAD_LINE),
    ("publication.serial_number", max::MASTHEAD_LINE),
    ("publication.postal_code", max::MASTHEAD_LINE),
    ("publication.website", max::MASTHEAD_LINE),
    ("publication.email", max::MASTHEAD_LINE),
    ("publication.news_hotline", max::MASTHEAD_LINE),
    ("publication.promotion", max::MASTHEAD_LINE),
    ("publication.imprint[]", max::IMPRINT_LINE),
    ("weekday", max::WEEKDAY),
    ("lunar_date", max::LUNAR_DATE),
    ("facsimile.note", max::FACSIMILE_NOTE),
    ("pages[].label", max::PAGE_LABEL),
    ("pages[].section", max::PAGE_SECTION),
    ("articles[].column", max::COLUMN),
    ("articles[].kicker", max::HEADLINE),
    ("articles[].title", max::HEADLINE),
    ("articles[].subtitle", max::HEADLINE),
    ("articles[].byline", max::HEADLINE),
    ("articles[].dateline", max::DATELINE),
    ("body[].text (subhead)", max::SUBHEAD),
    ("body[].text (paragraph)", max::PARAGRAPH),
    ("body[].caption", max::CAPTION),
    ("body[].credit", max::CREDIT),
    ("index: publication", max::INDEX_PUBLICATION),
];

/// Empty to a reader: nothing but spaces, control characters and characters
/// that draw nothing (zero-width spaces and joiners, bidi marks, soft
/// hyphens, variation selectors, tags, fillers).
pub fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_only_text_is_blank() {
        for blank in [
            "",
            "  \n\t",
            "\u{200B}\u{200B}",
            "\u{3000}",
            "\u{FEFF}\u{200D}\u{2060}",
            "\u{202E}\u{AD}",
            "\u{3164}\u{E0041}",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for text in ["标题", "\u{200B}题", "a", "·", "\u{200D}🙂"] {
            assert!(!is_blank(text), "{text:?}");
        }
    }
}
