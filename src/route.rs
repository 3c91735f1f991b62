//! Where the reader is, as a hash route: `#/2025-05-21/1/computing-centre`.
//!
//! Hash routes work on any static host and inside webviews, and every place
//! has one, so links, reload and the back button all restore it.

use crate::edition::Edition;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    /// None: the latest edition in the index.
    pub date: Option<String>,
    /// None: the first page (or the article's first page).
    pub page: Option<u32>,
    pub article: Option<String>,
}

impl Place {
    /// Reads a location hash. Anything unreadable becomes "the latest edition":
    /// a broken link still opens the paper.
    pub fn from_hash(hash: &str) -> Place {
        let mut parts = hash
            .trim_start_matches('#')
            .trim_start_matches('/')
            .split('/')
            .filter(|s| !s.is_empty());
        let date = parts.next().filter(|d| crate::edition::is_iso_date(d));
        let Some(date) = date else {
            return Place::default();
        };
        let page = parts.next().and_then(|p| p.parse::<u32>().ok());
        let article = page
            .and(parts.next())
            .filter(|a| crate::edition::is_article_id(a));
        Place {
            date: Some(date.to_string()),
            page,
            article: article.map(str::to_string),
        }
    }

    /// The hash for this place; always names the date and page once known.
    pub fn to_hash(&self) -> String {
        let mut hash = String::from("#/");
        if let Some(date) = &self.date {
            hash.push_str(date);
            if let Some(page) = self.page {
                hash.push_str(&format!("/{page}"));
                if let Some(article) = &self.article {
                    hash.push('/');
                    hash.push_str(article);
                }
            }
        }
        hash
    }

    /// Makes the place valid for `edition`: the nearest existing page, an
    /// existing article. The second value tells the reader what was changed.
    pub fn settle(&self, edition: &Edition) -> (Place, Option<String>) {
        let mut notice = None;
        let article = match &self.article {
            Some(id) if edition.article(id).is_none() => {
                notice = Some("链接中的文章在本期找不到，已为您打开所在版面。".to_string());
                None
            }
            other => other.clone(),
        };
        let wanted = self.page.or_else(|| {
            article
                .as_deref()
                .and_then(|id| edition.article(id))
                .map(|a| a.first_page())
        });
        let page = match wanted {
            Some(n) if edition.page(n).is_some() => n,
            Some(n) => {
                let nearest = nearest_page(edition, n);
                notice = Some(format!("本期没有第{n}版，已为您打开第{nearest}版。"));
                nearest
            }
            None => edition.pages.first().map_or(1, |p| p.number),
        };
        let place = Place {
            date: Some(edition.date.clone()),
            page: Some(page),
            article,
        };
        (place, notice)
    }
}

fn nearest_page(edition: &Edition, n: u32) -> u32 {
    edition
        .pages
        .iter()
        .map(|p| p.number)
        .min_by_key(|p| p.abs_diff(n))
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(date: &str, page: Option<u32>, article: Option<&str>) -> Place {
        Place {
            date: Some(date.into()),
            page,
            article: article.map(Into::into),
        }
    }

    #[test]
    fn hash_round_trips() {
        for p in [
            place("2025-05-21", Some(1), None),
            place("2025-05-21", Some(3), Some("computing-centre")),
            Place::default(),
        ] {
            assert_eq!(Place::from_hash(&p.to_hash()), p);
        }
    }

    #[test]
    fn broken_hashes_open_the_latest_edition_or_drop_the_bad_part() {
        assert_eq!(Place::from_hash(""), Place::default());
        assert_eq!(Place::from_hash("#/yesterday/1"), Place::default());
        assert_eq!(
            Place::from_hash("#/2025-05-21/x/abc"),
            place("2025-05-21", None, None)
        );
        assert_eq!(
            Place::from_hash("#/2025-05-21/2/<script>"),
            place("2025-05-21", Some(2), None)
        );
    }
}
