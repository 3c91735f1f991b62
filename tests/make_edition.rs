//! `make-edition` run on real PDFs: the sample page printed by the typesetter
//! (`editions/2025-05-21/page-01.pdf`) and a two-page test edition printed by
//! `tools/testdata/print-test-pdfs.mjs` (`tests/fixtures/pdf/multi/`), plus one
//! fixture per way to fail. The regions found must cover each article's own
//! characters (where the typesetter placed them, `*.chars.json`), none of any
//! other article's, and overlap the typeset regions by IoU ≥ 0.9.
//!
//! Needs poppler-utils (`scripts/setup.sh` installs it).

#![cfg(not(target_arch = "wasm32"))]

use changji_epaper::edition::{read_edition, read_index, Edition};
use changji_epaper::geometry::Point;
use changji_epaper::make::geom::{covers, iou};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BIN: &str = env!("CARGO_BIN_EXE_make-edition");

fn root(p: &str) -> PathBuf {
    Path::new(ROOT).join(p)
}

/// A fresh, empty folder of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("make-edition")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The draft a layout system would get: the edition without regions, pages
/// reduced to number, label and section.
fn draft_of(edition: &Value) -> Value {
    let mut d = edition.clone();
    for a in d["articles"].as_array_mut().unwrap() {
        a.as_object_mut().unwrap().remove("regions");
    }
    for p in d["pages"].as_array_mut().unwrap() {
        let keep: serde_json::Map<String, Value> = ["number", "label", "section"]
            .iter()
            .filter_map(|k| p.get(*k).map(|v| (k.to_string(), v.clone())))
            .collect();
        *p = Value::Object(keep);
    }
    d
}

fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn run(args: &[&str]) -> Output {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .expect("make-edition runs");
    eprintln!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Each article's character centres per page, in master pixels, from the
/// typesetter's `*.chars.json` (runs of n characters side by side).
fn characters(file: &Path) -> HashMap<(u32, String), Vec<Point>> {
    let v = read_json(file);
    let k = v["master_per_css_px"].as_f64().unwrap();
    let mut out = HashMap::new();
    for (page, arts) in v["pages"].as_object().unwrap() {
        for (id, runs) in arts.as_object().unwrap() {
            let pts: &mut Vec<Point> = out.entry((page.parse().unwrap(), id.clone())).or_default();
            for r in runs.as_array().unwrap() {
                let r: Vec<f64> = r
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_f64().unwrap())
                    .collect();
                let n = r[4];
                for i in 0..n as usize {
                    let x = r[0] + (r[2] - r[0]) * (i as f64 + 0.5) / n;
                    pts.push([x * k, (r[1] + r[3]) / 2.0 * k]);
                }
            }
        }
    }
    out
}

/// Regions per (page, article id).
type Regions = HashMap<(u32, String), Vec<Vec<Point>>>;

fn regions_of(e: &Edition) -> Regions {
    let mut out: Regions = HashMap::new();
    for a in &e.articles {
        for r in &a.regions {
            out.entry((r.page, a.id.clone()))
                .or_default()
                .push(r.points.clone());
        }
    }
    out
}

/// The checks of the issue: on every page, each article's regions cover all
/// its own characters and none of another's, and IoU ≥ 0.9 with the typeset ones.
fn check_regions(made: &Regions, typeset: &Regions, chars: &HashMap<(u32, String), Vec<Point>>) {
    let mut failures = Vec::new();
    for (key, want) in typeset {
        let (page, id) = key;
        let mine = made.get(key).cloned().unwrap_or_default();
        let score = iou(&mine, want);
        eprintln!("{id} page {page}: IoU {score:.3}");
        if score < 0.9 {
            failures.push(format!("{id} page {page}: IoU {score:.3} < 0.9"));
        }
        for ((p, other), pts) in chars {
            if p != page {
                continue;
            }
            let inside = pts.iter().filter(|&&c| covers(&mine, c)).count();
            if other == id && inside < pts.len() {
                failures.push(format!(
                    "{id} page {page}: covers {inside} of its {} characters",
                    pts.len()
                ));
            }
            if other != id && inside > 0 {
                failures.push(format!(
                    "{id} page {page}: covers {inside} characters of {other}"
                ));
            }
        }
        assert!(
            chars.contains_key(key),
            "no characters of {id} on page {page} in the fixture"
        );
    }
    assert!(
        made.keys().all(|k| typeset.contains_key(k)),
        "regions on pages where the typesetter put none"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn edition_at(dir: &Path) -> Edition {
    let text = std::fs::read_to_string(dir.join("edition.json")).unwrap();
    read_edition(&text).unwrap_or_else(|p| panic!("invalid edition: {p:?}"))
}

/// Every file the edition names is there.
fn check_files(dir: &Path, e: &Edition) {
    for p in &e.pages {
        for img in p.images.iter().chain(&p.thumbnail) {
            let f = dir.join(&img.url);
            assert!(f.is_file(), "{} missing", f.display());
        }
        assert!(dir.join(p.pdf.as_deref().expect("pdf linked")).is_file());
    }
}

#[test]
fn the_sample_page_gives_back_the_typeset_regions() {
    let sample_dir = root("editions/2025-05-21");
    let sample = read_json(&sample_dir.join("edition.json"));
    let typeset = edition_at(&sample_dir);
    let tmp = scratch("sample");
    let draft = tmp.join("draft.json");
    std::fs::write(&draft, draft_of(&sample).to_string()).unwrap();
    let out = tmp.join("2025-05-21");
    let pdf = sample_dir.join("page-01.pdf");
    let o = run(&[
        "--draft",
        s(&draft),
        "--out",
        s(&out),
        "--no-index",
        s(&pdf),
    ]);
    assert!(o.status.success());
    let report = String::from_utf8_lossy(&o.stdout);
    assert!(report.contains("未找到的文章：无"), "{report}");
    let made = edition_at(&out);
    check_files(&out, &made);
    assert_eq!(
        (made.pages[0].width, made.pages[0].height),
        (2400.0, 3336.0)
    );
    let chars = characters(&root("tests/fixtures/pdf/2025-05-21.chars.json"));
    check_regions(&regions_of(&made), &regions_of(&typeset), &chars);
    // Everything else is the draft's, unchanged.
    assert_eq!(made.articles.len(), typeset.articles.len());
    for (m, t) in made.articles.iter().zip(&typeset.articles) {
        assert_eq!((&m.title, &m.body), (&t.title, &t.body));
    }
    assert_eq!(made.reading_order, typeset.reading_order);
}

const MULTI: &str = "tests/fixtures/pdf/multi";

fn multi_pdfs() -> [PathBuf; 2] {
    [
        root(MULTI).join("page-01.pdf"),
        root(MULTI).join("page-02.pdf"),
    ]
}

/// The regions the test-PDF printer measured (`expected.json`).
fn expected_multi() -> Regions {
    let v = read_json(&root(MULTI).join("expected.json"));
    let mut out: Regions = HashMap::new();
    for (id, rs) in v["regions"].as_object().unwrap() {
        for r in rs.as_array().unwrap() {
            let page = r["page"].as_u64().unwrap() as u32;
            let pts: Vec<Point> = serde_json::from_value(r["points"].clone()).unwrap();
            out.entry((page, id.clone())).or_default().push(pts);
        }
    }
    out
}

#[test]
fn a_two_page_layout_with_a_story_continued_across_pages() {
    let tmp = scratch("multi");
    let out = tmp.join("2000-01-05");
    let index = tmp.join("index.json");
    let [p1, p2] = multi_pdfs();
    let draft = root(MULTI).join("draft.json");
    let o = run(&[
        "--draft",
        s(&draft),
        "--out",
        s(&out),
        "--index",
        s(&index),
        s(&p1),
        s(&p2),
    ]);
    assert!(o.status.success());
    let made = edition_at(&out);
    check_files(&out, &made);
    assert_eq!(
        made.article("lead").unwrap().pages(),
        vec![1, 2],
        "the lead has regions on both pages"
    );
    let chars = characters(&root("tests/fixtures/pdf/multi.chars.json"));
    check_regions(&regions_of(&made), &expected_multi(), &chars);
    // The report: every article located, the typo and punctuation did not matter.
    let report = String::from_utf8_lossy(&o.stdout);
    assert!(report.contains("未找到的文章：无"), "{report}");
    for line in report.lines().filter(|l| l.contains("文字找到")) {
        assert!(!line.contains('←'), "text not all located: {line}");
    }
    // The index was written and lists the edition, which validate-edition accepts.
    let idx = read_index(&std::fs::read_to_string(&index).unwrap()).unwrap();
    assert_eq!(idx.latest, "2000-01-05");
    assert_eq!(idx.editions[0].url, "2000-01-05/edition.json");
    let v = Command::new(env!("CARGO_BIN_EXE_validate-edition"))
        .arg(&index)
        .output()
        .unwrap();
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
}

/// Runs make-edition expecting failure; checks the message and that no
/// edition folder, and no temporary one, was left behind.
fn fails(name: &str, draft: &Path, pdfs: &[PathBuf], extra: &[&str], message: &str) -> String {
    let tmp = scratch(name);
    let out = tmp.join("2000-01-05");
    let mut args = vec!["--draft", s(draft), "--out", s(&out), "--no-index"];
    args.extend(extra);
    args.extend(pdfs.iter().map(|p| s(p)));
    let o = run(&args);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(message), "expected “{message}” in: {err}");
    assert!(err.contains("未写入任何文件"), "{err}");
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn errors(name: &str) -> PathBuf {
    root("tests/fixtures/pdf/errors").join(name)
}

#[test]
fn a_file_that_is_no_pdf_is_named_and_refused() {
    let [p1, _] = multi_pdfs();
    let bad = errors("not-a-pdf.pdf");
    fails(
        "not-a-pdf",
        &root(MULTI).join("draft.json"),
        &[p1, bad],
        &[],
        "not-a-pdf.pdf: 不是可读的 PDF",
    );
}

#[test]
fn an_encrypted_pdf_is_named_and_refused() {
    let [p1, _] = multi_pdfs();
    fails(
        "encrypted",
        &root(MULTI).join("draft.json"),
        &[p1, errors("encrypted.pdf")],
        &[],
        "encrypted.pdf: PDF 已加密",
    );
}

#[test]
fn a_pdf_with_two_pages_is_refused() {
    let [p1, _] = multi_pdfs();
    fails(
        "two-pages",
        &root(MULTI).join("draft.json"),
        &[p1, errors("two-pages.pdf")],
        &[],
        "PDF 有 2 页",
    );
}

#[test]
fn fewer_pdfs_than_draft_pages_is_refused() {
    let [p1, _] = multi_pdfs();
    fails(
        "page-count",
        &root(MULTI).join("draft.json"),
        &[p1],
        &[],
        "草稿有 2 个版面（$.pages），却给了 1 个 PDF",
    );
}

#[test]
fn a_draft_that_does_not_parse_names_line_and_column() {
    fails(
        "draft-syntax",
        &errors("draft-syntax.json"),
        &multi_pdfs(),
        &[],
        "draft-syntax.json 有误：$: 不是合法的 JSON",
    );
}

#[test]
fn a_draft_with_a_wrong_type_names_the_json_path() {
    fails(
        "draft-type",
        &errors("draft-type.json"),
        &multi_pdfs(),
        &[],
        "$.pages[1].number: 字段类型或取值不符合格式",
    );
}

#[test]
fn an_article_not_on_any_page_fails_unless_allowed() {
    let draft = errors("draft-extra-article.json");
    let report = fails(
        "missing",
        &draft,
        &multi_pdfs(),
        &[],
        "1 篇文章在版面上没有找到：not-printed",
    );
    assert!(
        report.contains("未找到的文章（找到的文字不到 50%）：not-printed"),
        "{report}"
    );

    // Allowed: the edition is made without it, and says so. The index beside
    // the edition folder is found and updated without being named.
    let tmp = scratch("missing-allowed");
    let out = tmp.join("2000-01-05");
    let index = tmp.join("index.json");
    let older = r#"{"format": "changji-epaper/index", "version": 1, "publication": "昌吉日报", "latest": "2000-01-01",
        "editions": [{"date": "2000-01-01", "issue_number": 0, "url": "2000-01-01/edition.json"}]}"#;
    std::fs::write(&index, older).unwrap();
    let [p1, p2] = multi_pdfs();
    let o = run(&[
        "--draft",
        s(&draft),
        "--out",
        s(&out),
        "--allow-missing",
        s(&p1),
        s(&p2),
    ]);
    assert!(o.status.success());
    let report = String::from_utf8_lossy(&o.stdout);
    assert!(
        report.contains("not-printed") && report.contains("← 未找到"),
        "{report}"
    );
    let made = edition_at(&out);
    assert!(made.article("not-printed").is_none());
    assert!(!made.reading_order.iter().any(|id| id == "not-printed"));
    assert_eq!(made.articles.len(), 6);
    let idx = read_index(&std::fs::read_to_string(&index).unwrap()).unwrap();
    let dates: Vec<&str> = idx.editions.iter().map(|e| e.date.as_str()).collect();
    assert_eq!(dates, ["2000-01-05", "2000-01-01"]);
    assert_eq!(idx.latest, "2000-01-05");
}

#[test]
fn a_failed_run_leaves_an_existing_edition_as_it_was() {
    let tmp = scratch("keep-old");
    let out = tmp.join("2000-01-05");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("edition.json"), "old").unwrap();
    let [p1, _] = multi_pdfs();
    let draft = root(MULTI).join("draft.json");
    let o = run(&[
        "--draft",
        s(&draft),
        "--out",
        s(&out),
        "--no-index",
        s(&p1),
        s(&errors("not-a-pdf.pdf")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(out.join("edition.json")).unwrap(),
        "old"
    );
    let names: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("2000-01-05")],
        "no temporary folder left"
    );
}

#[test]
fn usage_errors_exit_with_status_2() {
    for args in [
        vec![],
        vec!["--draft", "x.json", "a.pdf"],
        vec!["--out", "o", "a.pdf"],
        vec!["--draft", "x", "--out", "o"],
        vec!["--bogus"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("用法"));
    }
}

/// The draft example of `docs/edition-format.md` §11 and the fixture drafts
/// parse and match `schemas/draft.schema.json`; a draft with a wrong type does not.
#[test]
fn the_documented_draft_and_the_schema_agree() {
    let doc = std::fs::read_to_string(root("docs/edition-format.md")).unwrap();
    let after = doc
        .split("<!-- example: draft -->")
        .nth(1)
        .expect("draft example in the format document");
    let body: String = after
        .lines()
        .skip_while(|l| l.trim() != "```json")
        .skip(1)
        .take_while(|l| l.trim() != "```")
        .collect::<Vec<_>>()
        .join("\n");
    let schema = read_json(&root("schemas/draft.schema.json"));
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut drafts = vec![("doc".to_string(), body)];
    for f in [
        "tests/fixtures/pdf/multi/draft.json",
        "tests/fixtures/pdf/errors/draft-extra-article.json",
    ] {
        drafts.push((f.into(), std::fs::read_to_string(root(f)).unwrap()));
    }
    for (name, text) in &drafts {
        changji_epaper::make::draft::parse_draft(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let v: Value = serde_json::from_str(text).unwrap();
        let errs: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errs.is_empty(), "{name}: {errs:?}");
    }
    let bad = read_json(&errors("draft-type.json"));
    assert!(!validator.is_valid(&bad));
    // The sample's draft too: the edition minus regions and page pictures.
    let sample = draft_of(&read_json(&root("editions/2025-05-21/edition.json")));
    assert!(validator.is_valid(&sample));
    // An edition.json serves as its own draft: its regions and page pictures are replaced.
    assert!(validator.is_valid(&read_json(&root("editions/2025-05-21/edition.json"))));
}

#[test]
fn a_draft_breaking_an_edition_rule_is_refused_before_any_pdf_is_read() {
    // Two articles with the id "photo": the path is the draft's own.
    let draft = errors("draft-duplicate-id.json");
    let not_pdfs = [errors("not-a-pdf.pdf"), errors("not-a-pdf.pdf")];
    fails(
        "draft-rules",
        &draft,
        &not_pdfs,
        &[],
        "$.articles[2].id: 文章 id “photo” 重复",
    );
}
