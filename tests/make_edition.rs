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
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("make-edition").join(name);
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
    let out = Command::new(BIN).args(args).output().expect("make-edition runs");
    eprintln!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
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
                let r: Vec<f64> = r.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
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

fn regions_on(e: &Edition, id: &str, page: u32) -> Vec<Vec<Point>> {
    let a = e.article(id).unwrap_or_else(|| panic!("article {id} missing"));
    a.regions.iter().filter(|r| r.page == page).map(|r| r.points.clone()).collect()
}

/// The checks of the issue: own characters covered, others' not, IoU ≥ 0.9.
fn check_regions(made: &Edition, typeset: &Edition, chars: &HashMap<(u32, String), Vec<Point>>) {
    let mut failures = Vec::new();
    for a in &typeset.articles {
        for page in a.pages() {
            let mine = regions_on(made, &a.id, page);
            let want = regions_on(typeset, &a.id, page);
            let score = iou(&mine, &want);
            eprintln!("{} page {page}: IoU {score:.3}", a.id);
            if score < 0.9 {
                failures.push(format!("{} page {page}: IoU {score:.3} < 0.9", a.id));
            }
            for ((p, id), pts) in chars {
                if *p != page {
                    continue;
                }
                let inside = pts.iter().filter(|&&c| covers(&mine, c)).count();
                if *id == a.id && inside < pts.len() {
                    failures.push(format!("{} page {page}: covers {inside} of its {} characters", a.id, pts.len()));
                }
                if *id != a.id && inside > 0 {
                    failures.push(format!("{} page {page}: covers {inside} characters of {id}", a.id));
                }
            }
        }
        assert!(!chars.keys().all(|k| k.1 != a.id), "no characters of {} in the fixture", a.id);
    }
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
    let o = run(&["--draft", s(&draft), "--out", s(&out), "--no-index", s(&pdf)]);
    assert!(o.status.success());
    let report = String::from_utf8_lossy(&o.stdout);
    assert!(report.contains("未找到的文章：无"), "{report}");
    let made = edition_at(&out);
    check_files(&out, &made);
    assert_eq!((made.pages[0].width, made.pages[0].height), (2400.0, 3336.0));
    check_regions(&made, &typeset, &characters(&root("tests/fixtures/pdf/2025-05-21.chars.json")));
    // Everything else is the draft's, unchanged.
    assert_eq!(made.articles.len(), typeset.articles.len());
    for (m, t) in made.articles.iter().zip(&typeset.articles) {
        assert_eq!((&m.title, &m.body), (&t.title, &t.body));
    }
    assert_eq!(made.reading_order, typeset.reading_order);
}
