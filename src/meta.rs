//! What a place is called outside the app: the document title, the
//! description and the date in words. One source for the live app (which sets
//! `document.title`) and the publish step (which writes `<title>` and meta).

use crate::edition::{Article, Block, Edition};
use crate::route::Place;

/// `2025-05-21` → `2025年5月21日`.
pub fn chinese_date(iso: &str) -> String {
    let mut parts = iso.split('-').map(|p| p.trim_start_matches('0'));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{y}年{m}月{d}日"),
        _ => iso.to_string(),
    }
}

/// `第01版 要闻` or just `第01版`.
pub fn page_name(edition: &Edition, number: u32) -> String {
    match edition.page(number) {
        Some(page) => match &page.section {
            Some(section) => format!("{} {section}", page.label),
            None => page.label.clone(),
        },
        None => format!("第{number}版"),
    }
}

/// Article: `title · 昌吉日报 · 2025年5月21日 · 第01版`;
/// page: `昌吉日报 · 2025年5月21日 · 第01版 要闻`.
pub fn document_title(edition: &Edition, place: &Place) -> String {
    let paper = &edition.publication.name;
    let date = chinese_date(&edition.date);
    let page = place
        .page
        .map(|n| page_name(edition, n))
        .unwrap_or_default();
    match place.article.as_deref().and_then(|id| edition.article(id)) {
        Some(article) => {
            let label = edition
                .page(place.page.unwrap_or_else(|| article.first_page()))
                .map(|p| p.label.clone())
                .unwrap_or_default();
            format!("{} · {paper} · {date} · {label}", article.title)
        }
        None => format!("{paper} · {date} · {page}")
            .trim_end_matches([' ', '·'])
            .to_string(),
    }
}

/// The first sentences of an article, up to about `max` characters, cut at a
/// sentence end where there is one: for `meta description` and share cards.
pub fn description(article: &Article, max: usize) -> String {
    let text: String = article
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.as_str()),
            Block::Figure { caption, .. } => Some(caption.as_str()),
            Block::Subhead { .. } => None,
        })
        .collect::<Vec<_>>()
        .join("");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    match cut.rfind(['。', '！', '？']) {
        Some(end) if end > cut.len() / 2 => cut[..end + '。'.len_utf8()].to_string(),
        _ => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Edition {
        let text = include_str!("../tests/fixtures/editions/2000-01-03/edition.json");
        crate::edition::read_edition(text).expect("test edition")
    }

    #[test]
    fn titles_name_the_article_the_paper_the_date_and_the_page() {
        let e = sample();
        let a = &e.articles[0];
        let at = |page, article: Option<&str>| Place {
            date: Some(e.date.clone()),
            page: Some(page),
            article: article.map(str::to_string),
        };
        let label = &e.page(a.first_page()).unwrap().label;
        assert_eq!(
            document_title(&e, &at(a.first_page(), Some(&a.id))),
            format!("{} · 昌吉日报 · 2000年1月3日 · {label}", a.title)
        );
        assert!(document_title(&e, &at(2, None)).starts_with("昌吉日报 · 2000年1月3日 · 第02版"));
    }

    #[test]
    fn descriptions_end_at_a_sentence_or_say_they_go_on() {
        let e = sample();
        for a in &e.articles {
            let d = description(a, 60);
            assert!(d.chars().count() <= 61, "{d}");
            assert!(
                d.is_empty() || d.ends_with(['。', '！', '？', '…']) || d.chars().count() < 60,
                "{d}"
            );
        }
    }

    #[test]
    fn dates_read_as_chinese() {
        assert_eq!(chinese_date("2025-05-01"), "2025年5月1日");
        assert_eq!(chinese_date("bad"), "bad");
    }
}
