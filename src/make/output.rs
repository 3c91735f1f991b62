//! The edition and index JSON that `make-edition` writes, built from the
//! draft's own JSON (so fields this build does not know pass through).

use super::locate::Located;
use serde_json::{json, Value};

/// The page pictures' widths, and the thumbnail's. Each has a byte budget:
/// phones load the 1200 px picture first, over slow networks (the same
/// budgets as the typesetter's, `tools/typeset/typeset.mjs`).
pub const RENDITIONS: [(u32, u64); 4] = [
    (600, 160_000),
    (800, 230_000),
    (1200, 330_000),
    (2400, 600_000),
];
pub const THUMB: (u32, u64) = (200, 40_000);

/// A page as made: its number and master size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageMade {
    pub number: u32,
    pub width: u32,
    pub height: u32,
}

pub fn page_file(number: u32, what: &str) -> String {
    format!("page-{number:02}-{what}.jpg")
}

pub fn pdf_file(number: u32) -> String {
    format!("page-{number:02}.pdf")
}

/// The edition: the draft with page sizes, pictures, PDFs and regions filled
/// in; articles in `drop` left out (and out of the reading order).
pub fn edition(draft: &Value, pages: &[PageMade], found: &Located, drop: &[String]) -> Value {
    let mut e = draft.clone();
    let Some(obj) = e.as_object_mut() else {
        return e;
    };
    if obj.get("facsimile").is_none_or(Value::is_null) {
        obj.insert(
            "facsimile".into(),
            json!({ "source": "press-pdf", "note": null }),
        );
    }
    if let Some(Value::Array(ps)) = obj.get_mut("pages") {
        for (p, made) in ps.iter_mut().zip(pages) {
            let n = made.number;
            let mut page = p.as_object().cloned().unwrap_or_default();
            page.insert("width".into(), json!(made.width));
            page.insert("height".into(), json!(made.height));
            let images: Vec<Value> = RENDITIONS
                .iter()
                .map(|(w, _)| json!({ "url": page_file(n, &w.to_string()), "width": w }))
                .collect();
            page.insert("images".into(), Value::Array(images));
            page.insert(
                "thumbnail".into(),
                json!({ "url": page_file(n, "thumb"), "width": THUMB.0 }),
            );
            page.insert("pdf".into(), json!(pdf_file(n)));
            *p = Value::Object(page);
        }
    }
    if let Some(Value::Array(arts)) = obj.get_mut("articles") {
        arts.retain(|a| !drop.iter().any(|d| a["id"] == **d));
        for a in arts.iter_mut() {
            let id = a["id"].as_str().unwrap_or_default();
            let Some(f) = found.articles.iter().find(|f| f.id == id) else {
                continue;
            };
            let regions: Vec<Value> = f
                .regions
                .iter()
                .map(|(page, points)| json!({ "page": page, "points": points }))
                .collect();
            if let Some(o) = a.as_object_mut() {
                o.insert("regions".into(), Value::Array(regions));
            }
        }
    }
    if let Some(Value::Array(order)) = obj.get_mut("reading_order") {
        order.retain(|id| !drop.iter().any(|d| id == d));
    }
    e
}

/// The edition rules (`validate-edition`'s) that a draft can break, checked
/// before any PDF is read: the draft stands in for the edition with a
/// placeholder size and region, so every problem's path is the draft's own.
pub fn check_draft(draft: &Value, pages: &[u32], ids: &[String]) -> Vec<crate::edition::Problem> {
    let made: Vec<PageMade> = pages
        .iter()
        .map(|&number| PageMade {
            number,
            width: 1000,
            height: 1000,
        })
        .collect();
    let first = pages.first().copied().unwrap_or(1);
    let placeholder = vec![(first, vec![[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])];
    let found = Located {
        articles: ids
            .iter()
            .map(|id| super::locate::ArticleFound {
                id: id.clone(),
                located: 1.0,
                regions: placeholder.clone(),
            })
            .collect(),
        unknown: Vec::new(),
        overlaps: Vec::new(),
    };
    let text = edition(draft, &made, &found, &[]).to_string();
    crate::edition::read_edition(&text)
        .err()
        .unwrap_or_default()
}

/// The index with this edition's entry added or replaced (by date), editions
/// newest first, `latest` the newest. `dir` is the edition folder relative to
/// the index's folder, e.g. `2025-05-21`.
pub fn index(
    old: Option<Value>,
    publication: &str,
    date: &str,
    issue: u32,
    dir: &str,
    pages: &[PageMade],
) -> Value {
    let mut idx = old.unwrap_or_else(|| {
        json!({ "format": "changji-epaper/index", "version": 1, "publication": publication, "latest": date, "editions": [] })
    });
    let entry = json!({
        "date": date,
        "issue_number": issue,
        "url": format!("{dir}/edition.json"),
        "thumbnail": format!("{dir}/{}", page_file(pages[0].number, "thumb")),
        "page_images": pages.iter().map(|p| format!("{dir}/{}", page_file(p.number, "1200"))).collect::<Vec<_>>(),
    });
    let Some(obj) = idx.as_object_mut() else {
        return idx;
    };
    let mut list: Vec<Value> = match obj.remove("editions") {
        Some(Value::Array(l)) => l,
        _ => Vec::new(),
    };
    list.retain(|e| e["date"] != date);
    list.push(entry);
    let key = |e: &Value| e["date"].as_str().unwrap_or_default().to_string();
    list.sort_by_key(|e| std::cmp::Reverse(key(e)));
    let latest = key(&list[0]);
    obj.insert("latest".into(), json!(latest));
    obj.insert("editions".into(), Value::Array(list));
    idx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::make::locate::ArticleFound;

    fn found() -> Located {
        Located {
            articles: vec![ArticleFound {
                id: "a".into(),
                located: 1.0,
                regions: vec![(1, vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0]])],
            }],
            unknown: vec![],
            overlaps: vec![],
        }
    }

    #[test]
    fn the_edition_gets_sizes_pictures_pdf_and_regions() {
        let draft = json!({"pages": [{"number": 1, "label": "第01版", "x": 1}],
            "articles": [{"id": "a"}, {"id": "b"}], "reading_order": ["a", "b"]});
        let pages = [PageMade {
            number: 1,
            width: 2400,
            height: 3336,
        }];
        let e = edition(&draft, &pages, &found(), &["b".to_string()]);
        assert_eq!(e["pages"][0]["width"], 2400);
        assert_eq!(e["pages"][0]["x"], 1, "unknown fields pass through");
        assert_eq!(e["pages"][0]["images"][2]["url"], "page-01-1200.jpg");
        assert_eq!(e["pages"][0]["thumbnail"]["url"], "page-01-thumb.jpg");
        assert_eq!(e["pages"][0]["pdf"], "page-01.pdf");
        assert_eq!(e["articles"].as_array().unwrap().len(), 1);
        assert_eq!(e["articles"][0]["regions"][0]["page"], 1);
        assert_eq!(e["reading_order"], json!(["a"]));
        assert_eq!(e["facsimile"]["source"], "press-pdf");
    }

    #[test]
    fn a_draft_breaking_an_edition_rule_is_caught_with_its_path() {
        let draft = json!({"format": "changji-epaper/edition", "version": 1, "publication": {"name": "昌吉日报"},
            "date": "2000-01-05", "weekday": "星期三", "issue_number": 1, "printed_pages": 1,
            "pages": [{"number": 1, "label": "第01版"}],
            "articles": [{"id": "a", "kind": "news", "title": "标题", "body": []},
                         {"id": "a", "kind": "news", "title": "标题", "body": []}],
            "reading_order": ["a"]});
        let ids = ["a".to_string(), "a".to_string()];
        let problems = check_draft(&draft, &[1], &ids);
        assert!(
            problems
                .iter()
                .any(|p| p.code == "duplicate-id" && p.path == "$.articles[1].id"),
            "{problems:?}"
        );
        let mut ok = draft.clone();
        ok["articles"][1]["id"] = json!("b");
        ok["reading_order"] = json!(["a", "b"]);
        assert!(check_draft(&ok, &[1], &["a".to_string(), "b".to_string()]).is_empty());
    }

    #[test]
    fn the_index_replaces_the_same_date_and_keeps_the_newest_latest() {
        let pages = [PageMade {
            number: 1,
            width: 2400,
            height: 3336,
        }];
        let old = json!({"format": "changji-epaper/index", "version": 1, "publication": "昌吉日报",
            "latest": "2025-05-21", "editions": [
              {"date": "2025-05-21", "issue_number": 1, "url": "old"},
              {"date": "2025-05-20", "issue_number": 0, "url": "x"}]});
        let idx = index(
            Some(old),
            "昌吉日报",
            "2025-05-21",
            12257,
            "2025-05-21",
            &pages,
        );
        assert_eq!(idx["editions"].as_array().unwrap().len(), 2);
        assert_eq!(idx["editions"][0]["url"], "2025-05-21/edition.json");
        assert_eq!(
            idx["editions"][0]["page_images"][0],
            "2025-05-21/page-01-1200.jpg"
        );
        assert_eq!(idx["latest"], "2025-05-21");
        let idx = index(Some(idx), "昌吉日报", "2025-05-19", 3, "2025-05-19", &pages);
        assert_eq!(
            idx["latest"], "2025-05-21",
            "an older edition does not become latest"
        );
        assert_eq!(idx["editions"][2]["date"], "2025-05-19");
        let fresh = index(None, "昌吉日报", "2000-01-05", 1, "2000-01-05", &pages);
        assert!(crate::edition::read_index(&fresh.to_string()).is_ok());
    }
}
