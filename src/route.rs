//! Where the reader is, as a path under the site's base:
//! `/2025-05-21/1/computing-centre/`.
//!
//! Every place is a real file of the published site (`…/index.html`), so a
//! shared link, a search engine and a reader without WebAssembly all get the
//! page; the app moves between the same addresses with `pushState`. The old
//! hash form (`#/2025-05-21/1/computing-centre`) is still read, to redirect.

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
    /// Reads an old-style location hash (`#/2025-05-21/1/id`).
    pub fn from_hash(hash: &str) -> Place {
        Place::from_parts(hash.trim_start_matches('#'))
    }

    /// Reads a path under `base` (which ends with `/`). Anything unreadable
    /// becomes "the latest edition": a broken link still opens the paper.
    pub fn from_path(path: &str, base: &str) -> Place {
        Place::from_parts(path.strip_prefix(base).unwrap_or(path))
    }

    /// Whether `path` names a place at all (the site root does; `/foo` does not).
    pub fn is_place_path(path: &str, base: &str) -> bool {
        let rest = path.strip_prefix(base).unwrap_or(path);
        rest.trim_matches('/').is_empty() || Place::from_parts(rest).date.is_some()
    }

    fn from_parts(route: &str) -> Place {
        let mut parts = route
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

    /// The path of this place under `base`: `{base}2025-05-21/1/id/`; the
    /// latest edition is the base itself.
    pub fn to_path(&self, base: &str) -> String {
        let mut path = String::from(base);
        if let Some(date) = &self.date {
            path.push_str(date);
            path.push('/');
            if let Some(page) = self.page {
                path.push_str(&page.to_string());
                path.push('/');
                if let Some(article) = &self.article {
                    path.push_str(article);
                    path.push('/');
                }
            }
        }
        path
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

/// How places become links on this site: under its base path, with the query
/// that every link keeps (the test switch `?index=`; never a host's `embed`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Links {
    /// Ends with `/`: `/` at a host of its own, `/epaper/` under a path.
    pub base: String,
    /// Empty, or `?index=…`.
    pub query: String,
}

impl Default for Links {
    fn default() -> Self {
        Links {
            base: "/".into(),
            query: String::new(),
        }
    }
}

impl Links {
    pub fn to(&self, place: &Place) -> String {
        format!("{}{}", place.to_path(&self.base), self.query)
    }

    pub fn page(&self, date: &str, page: u32) -> String {
        self.to(&Place {
            date: Some(date.to_string()),
            page: Some(page),
            article: None,
        })
    }

    /// The search screen for `query`: `{base}search/?q=…` (after `?index=`).
    pub fn search(&self, query: &str) -> String {
        let sep = if self.query.is_empty() { '?' } else { '&' };
        format!(
            "{}{SEARCH_PATH}{}{sep}q={}",
            self.base,
            self.query,
            percent_encode(query)
        )
    }

    pub fn article(&self, date: &str, page: u32, id: &str) -> String {
        self.to(&Place {
            date: Some(date.to_string()),
            page: Some(page),
            article: Some(id.to_string()),
        })
    }
}

/// The search screen's folder under the base (a published shell page).
pub const SEARCH_PATH: &str = "search/";

/// Whether `path` is the search screen's (`{base}search/`, slash optional).
pub fn is_search_path(path: &str, base: &str) -> bool {
    path.strip_prefix(base)
        .is_some_and(|rest| rest.trim_end_matches('/') == SEARCH_PATH.trim_end_matches('/'))
}

/// A query parameter's value, percent-encoded as UTF-8 (unreserved kept).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
    fn paths_round_trip_under_any_base() {
        for base in ["/", "/epaper/"] {
            for p in [
                place("2025-05-21", Some(1), None),
                place("2025-05-21", Some(3), Some("computing-centre")),
                place("2025-05-21", None, None),
                Place::default(),
            ] {
                assert_eq!(Place::from_path(&p.to_path(base), base), p);
            }
        }
        assert_eq!(
            place("2025-05-21", Some(1), Some("lead")).to_path("/epaper/"),
            "/epaper/2025-05-21/1/lead/"
        );
        assert_eq!(Place::default().to_path("/"), "/");
    }

    #[test]
    fn old_hash_links_name_the_same_place_as_paths() {
        assert_eq!(
            Place::from_hash("#/2025-05-21/1/computing-centre"),
            Place::from_path("/2025-05-21/1/computing-centre/", "/")
        );
        assert_eq!(
            Place::from_path("/2025-05-21/2", "/"),
            place("2025-05-21", Some(2), None)
        );
    }

    #[test]
    fn the_search_screen_has_its_own_address_that_keeps_the_test_switch() {
        let links = Links::default();
        assert_eq!(
            links.search("算力 CCUS"),
            "/search/?q=%E7%AE%97%E5%8A%9B%20CCUS"
        );
        let links = Links {
            base: "/test/".into(),
            query: "?index=%2Fa%2Findex.json".into(),
        };
        assert_eq!(
            links.search("a&b"),
            "/test/search/?index=%2Fa%2Findex.json&q=a%26b"
        );
        assert!(is_search_path("/test/search/", "/test/"));
        assert!(is_search_path("/search", "/"));
        assert!(!is_search_path("/search/x/", "/"));
        assert!(!Place::is_place_path("/search/", "/"));
    }

    #[test]
    fn unknown_paths_are_told_apart_from_places() {
        assert!(Place::is_place_path("/", "/"));
        assert!(Place::is_place_path("/epaper/", "/epaper/"));
        assert!(Place::is_place_path("/2025-05-21/1/", "/"));
        assert!(!Place::is_place_path("/news/today.html", "/"));
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
