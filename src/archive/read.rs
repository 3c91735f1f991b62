//! The archive fields of the index and the year lists read the browser's
//! way (edition/json.rs: `JSON.parse` and these readers, no serde in the
//! module). The same fields and defaults as the serde types in archive.rs,
//! which the validator uses; the tests hold the two to the same answers.
//! Addresses are checked here, where they are read (as the edition's
//! reader does); what else a list promises, the publish step guarantees.

use super::{ArchiveEntry, ArchiveYear, IndexArchive, YearRef};
use crate::edition::json::{Node, Path, Read};

pub fn index_archive(v: &Node) -> Read<IndexArchive> {
    let p = &Path::Root;
    v.object(p)?;
    Ok(IndexArchive {
        years: v.or_default(p, "years", |v, p| v.list(p, usize::MAX, year_ref))?,
        search: v.opt(p, "search", Node::string)?,
    })
}

fn year_ref(v: &Node, p: &Path) -> Read<YearRef> {
    v.object(p)?;
    Ok(YearRef {
        year: v.req(p, "year", Node::int)?,
        url: v.req(p, "url", Node::string)?,
        count: v.req(p, "count", Node::uint)?,
    })
}

pub fn archive_year(v: &Node) -> Read<ArchiveYear> {
    let p = &Path::Root;
    v.object(p)?;
    Ok(ArchiveYear {
        format: v.req(p, "format", Node::string)?,
        version: v.req(p, "version", Node::uint)?,
        publication: v.req(p, "publication", Node::string)?,
        year: v.req(p, "year", Node::int)?,
        editions: v.req(p, "editions", |v, p| v.list(p, usize::MAX, entry))?,
    })
}

/// An address the app may load: https or relative (`is_safe_url`).
fn url(v: &Node, p: &Path) -> Read<String> {
    let url = v.string(p)?;
    let mut problem = Vec::new();
    super::check_url(&mut problem, p.render(), &url);
    problem.pop().map_or(Ok(url), Err)
}

fn entry(v: &Node, p: &Path) -> Read<ArchiveEntry> {
    v.object(p)?;
    Ok(ArchiveEntry {
        date: v.req(p, "date", Node::string)?,
        issue_number: v.req(p, "issue_number", Node::uint)?,
        url: v.req(p, "url", url)?,
        thumbnail: v.opt(p, "thumbnail", url)?,
        page_images: v.or_default(p, "page_images", |v, p| v.list(p, usize::MAX, url))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition::read_by_hand;
    use serde_json::json;

    fn both<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
        doc: &serde_json::Value,
        read: fn(&Node) -> Read<T>,
    ) {
        let text = doc.to_string();
        let serde = serde_json::from_str::<T>(&text).ok();
        let by_hand = read_by_hand(&text, 1 << 20, read).ok();
        assert_eq!(serde, by_hand, "{text}");
    }

    #[test]
    fn read_as_serde_reads_them() {
        let entry = json!({"date": "2025-05-21", "issue_number": 12257, "url": "2025-05-21/edition.json",
            "thumbnail": "t.jpg", "page_images": ["p1.jpg"]});
        let year = json!({"format": "changji-epaper/archive", "version": 1, "publication": "昌吉日报",
            "year": 2025, "editions": [entry, {"date": "2025-05-20", "issue_number": 1, "url": "u"}]});
        both(&year, archive_year);
        for broken in [
            json!({"year": 2025}),
            json!({"format": 1}),
            json!([]),
            json!({"format": "f", "version": -1, "publication": "p", "year": 1, "editions": []}),
            json!({"format": "f", "version": 1, "publication": "p", "year": 1.5, "editions": []}),
            json!({"format": "f", "version": 1, "publication": "p", "year": 1, "editions": [{"date": 1}]}),
        ] {
            both(&broken, archive_year);
        }
        for index in [
            json!({}),
            json!({"years": [{"year": 2025, "url": "archive/2025.json", "count": 3}], "search": "search/manifest.json"}),
            json!({"years": null}),
            json!({"years": [{"year": "2025", "url": "u", "count": 1}]}),
            json!({"search": 5}),
        ] {
            both(&index, index_archive);
        }
    }

    /// The browser re-checks no dates or order (the publish step does), but
    /// an address it is given is refused where it is read, with its path.
    #[test]
    fn a_list_with_an_unsafe_address_is_refused_in_chinese() {
        let year = json!({"format": "changji-epaper/archive", "version": 1, "publication": "昌吉日报",
            "year": 2025, "editions": [{"date": "2025-05-21", "issue_number": 1, "url": "u",
            "page_images": ["p1.jpg", "javascript:alert(1)"]}]});
        let problems = read_by_hand(&year.to_string(), 1 << 20, archive_year).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, "url-scheme");
        assert_eq!(problems[0].path, "$.editions[0].page_images[1]");
        assert!(problems[0]
            .message
            .contains("只接受 https:// 地址或相对地址"));
    }
}
