//! The validation rules, checked against the fixtures in `tests/fixtures/`:
//! every broken file reports its rule code at its JSON path, the good files
//! report nothing, and the reader stays safe on hostile input (huge, deeply
//! nested, unknown fields). The `validate-edition` binary is run as the web
//! team would run it.

#![cfg(not(target_arch = "wasm32"))]

use changji_epaper::edition::{
    read_edition, read_index, Problem, MAX_EDITION_BYTES, MAX_INDEX_BYTES,
};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn read_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn show(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Problems from reading `text` as an edition or an index (empty: valid).
fn problems(kind: &str, text: &str) -> Vec<Problem> {
    match kind {
        "edition" => read_edition(text).err().unwrap_or_default(),
        "index" => read_index(text).err().unwrap_or_default(),
        other => panic!("unknown kind {other}"),
    }
}

#[test]
fn every_invalid_fixture_reports_its_rule_at_its_path() {
    let expected: Vec<Value> =
        serde_json::from_str(&read_text(&fixture("invalid/expected.json"))).unwrap();
    assert!(
        expected.len() >= 30,
        "expected.json lists {}",
        expected.len()
    );
    let mut failures = Vec::new();
    for entry in &expected {
        let file = entry["file"].as_str().unwrap();
        let kind = entry["kind"].as_str().unwrap();
        let code = entry["code"].as_str().unwrap();
        let path = entry["path"].as_str().unwrap();
        let found = problems(kind, &read_text(&fixture(&format!("invalid/{file}"))));
        if !found.iter().any(|p| p.code == code && p.path == path) {
            failures.push(format!(
                "{file}: expected [{code}] at {path}, got:\n{}",
                if found.is_empty() {
                    "  (no problems)".to_string()
                } else {
                    show(&found)
                }
            ));
        }
        for p in &found {
            assert!(
                !p.message.trim().is_empty(),
                "{file}: empty message for {p:?}"
            );
            assert!(p.path.starts_with('$'), "{file}: path {p:?}");
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_invalid_fixture_file_is_listed_in_expected_json() {
    let expected = read_text(&fixture("invalid/expected.json"));
    for entry in std::fs::read_dir(fixture("invalid")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name != "expected.json" {
            assert!(
                expected.contains(&format!("\"{name}\"")),
                "{name} is not in expected.json"
            );
        }
    }
}

#[test]
fn valid_fixtures_test_editions_and_the_real_data_have_no_problems() {
    let editions = [
        "tests/fixtures/valid/minimal.json",
        "tests/fixtures/editions/2000-01-01/edition.json",
        "tests/fixtures/editions/2000-01-03/edition.json",
        "editions/2025-05-21/edition.json",
    ];
    let indexes = [
        "tests/fixtures/valid/index.json",
        "tests/fixtures/editions/index.json",
        "editions/index.json",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (kind, files) in [("edition", &editions[..]), ("index", &indexes[..])] {
        for file in files {
            let found = problems(kind, &read_text(&root.join(file)));
            assert!(found.is_empty(), "{file}:\n{}", show(&found));
        }
    }
}

fn minimal() -> Value {
    serde_json::from_str(&read_text(&fixture("valid/minimal.json"))).unwrap()
}

#[test]
fn size_cap_applies_before_parsing() {
    // Not JSON at all: if it were parsed, the code would be `syntax`.
    for (kind, cap) in [("edition", MAX_EDITION_BYTES), ("index", MAX_INDEX_BYTES)] {
        let huge = "x".repeat(cap + 1);
        let found = problems(kind, &huge);
        assert_eq!(found.len(), 1, "{kind}:\n{}", show(&found));
        assert_eq!((found[0].code, found[0].path.as_str()), ("limit", "$"));
        assert!(found[0].message.contains(&cap.to_string()), "{}", found[0]);
    }
    // A long string value inside otherwise valid JSON is refused the same way.
    let mut e = minimal();
    e["future_field"] = json!("字".repeat(MAX_EDITION_BYTES / 3 + 1));
    let found = problems("edition", &e.to_string());
    assert!(
        found.iter().any(|p| p.code == "limit" && p.path == "$"),
        "{}",
        show(&found)
    );
}

#[test]
fn a_file_exactly_at_the_size_cap_is_read() {
    let mut text = serde_json::to_string_pretty(&minimal()).unwrap();
    let pad = MAX_EDITION_BYTES - text.len();
    text.push_str(&" ".repeat(pad));
    assert_eq!(text.len(), MAX_EDITION_BYTES);
    let found = problems("edition", &text);
    assert!(found.is_empty(), "{}", show(&found));
}

#[test]
fn deep_nesting_is_a_clean_error_not_a_crash() {
    let deep_array = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let deep_object = format!("{}1{}", "{\"a\":".repeat(200), "}".repeat(200));
    // Far deeper than any stack could take if the parser recursed without a limit.
    let very_deep = "[".repeat(1_000_000);
    for (what, text) in [
        ("array", deep_array.as_str()),
        ("object", deep_object.as_str()),
        ("a million brackets", very_deep.as_str()),
    ] {
        for kind in ["edition", "index"] {
            let found = problems(kind, text);
            assert!(!found.is_empty(), "{what} read as a valid {kind}");
            assert!(
                found
                    .iter()
                    .all(|p| ["syntax", "type", "limit"].contains(&p.code)),
                "{what} as {kind}:\n{}",
                show(&found)
            );
        }
    }
}

#[test]
fn deep_nesting_inside_an_unknown_field_is_skipped_safely() {
    // serde_json skips an ignored value without recursing, so nesting there is
    // no threat and no error: the field is simply ignored, at any depth.
    for depth in [200, 1_000_000] {
        let mut e = minimal();
        e["future_field"] = json!(null);
        let with = |closing: usize| {
            e.to_string().replacen(
                "\"future_field\":null",
                &format!(
                    "\"future_field\":{}{}",
                    "[".repeat(depth),
                    "]".repeat(closing)
                ),
                1,
            )
        };
        let found = problems("edition", &with(depth));
        assert!(found.is_empty(), "depth {depth}:\n{}", show(&found));
        // Unbalanced, it is a syntax error, not a crash.
        let found = problems("edition", &with(depth - 1));
        assert!(
            found.len() == 1 && found[0].code == "syntax" && found[0].path == "$",
            "depth {depth}:\n{}",
            show(&found)
        );
    }
}

#[test]
fn unknown_fields_are_ignored_at_every_level() {
    let future = json!({"nested": {"list": [1, 2, {"x": null}]}, "note": "v1.1 字段"});
    let mut e = minimal();
    e["future_field"] = future.clone();
    e["publication"]["future_field"] = future.clone();
    e["facsimile"]["future_field"] = future.clone();
    e["pages"][0]["future_field"] = future.clone();
    e["pages"][0]["images"][0]["future_field"] = future.clone();
    e["articles"][0]["future_field"] = future.clone();
    e["articles"][0]["body"][0]["future_field"] = future.clone();
    e["articles"][0]["regions"][0]["future_field"] = future.clone();
    let found = problems("edition", &e.to_string());
    assert!(found.is_empty(), "{}", show(&found));
    let read = read_edition(&e.to_string()).unwrap();
    assert_eq!(read, read_edition(&minimal().to_string()).unwrap());

    let mut index: Value = serde_json::from_str(&read_text(&fixture("valid/index.json"))).unwrap();
    index["future_field"] = future.clone();
    index["editions"][0]["future_field"] = future;
    let found = problems("index", &index.to_string());
    assert!(found.is_empty(), "{}", show(&found));
}

#[test]
fn all_problems_are_reported_not_only_the_first() {
    let mut e = minimal();
    e["date"] = json!("2025-02-30");
    e["reading_order"] = json!(["a1", "a2", "nobody"]);
    e["pages"][0]["images"][0]["url"] = json!("javascript:alert(1)");
    let found = problems("edition", &e.to_string());
    for (code, path) in [
        ("date", "$.date"),
        ("reading-order-unknown", "$.reading_order[2]"),
        ("url-scheme", "$.pages[0].images[0].url"),
    ] {
        assert!(
            found.iter().any(|p| p.code == code && p.path == path),
            "missing [{code}] at {path}:\n{}",
            show(&found)
        );
    }
}

/// A scratch directory under the target dir, fresh for each test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("validation-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run_validator(args: &[&Path]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_validate-edition"))
        .args(args)
        .output()
        .expect("run validate-edition");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn validator_binary_prints_every_problem_and_fails() {
    let dir = scratch("broken");
    let file = dir.join("edition.json");
    let mut e = minimal();
    e["date"] = json!("2025-13-01");
    e["articles"][1]["regions"][0]["points"][2] = json!([99999, 3300]);
    std::fs::write(&file, e.to_string()).unwrap();
    let (ok, out) = run_validator(&[&file]);
    assert!(!ok, "exit status 0 for a broken file:\n{out}");
    for needle in [
        "$.date",
        "[date]",
        "$.articles[1].regions[0].points[2]",
        "[region-outside]",
    ] {
        assert!(out.contains(needle), "{needle} not in output:\n{out}");
    }
}

#[test]
fn validator_binary_accepts_the_real_and_the_test_editions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for index in ["editions/index.json", "tests/fixtures/editions/index.json"] {
        let (ok, out) = run_validator(&[&root.join(index)]);
        assert!(ok, "{index}:\n{out}");
    }
}

#[test]
fn validator_binary_follows_the_index_and_checks_image_files() {
    let dir = scratch("site");
    std::fs::create_dir_all(dir.join("2000-01-02")).unwrap();
    // minimal.json names `p1.jpg`, which is not there.
    std::fs::write(dir.join("2000-01-02/edition.json"), minimal().to_string()).unwrap();
    let index = json!({
        "format": "changji-epaper/index", "version": 1, "publication": "昌吉日报",
        "latest": "2000-01-02",
        "editions": [{"date": "2000-01-02", "issue_number": 1, "url": "2000-01-02/edition.json"}]
    });
    std::fs::write(dir.join("index.json"), index.to_string()).unwrap();
    let (ok, out) = run_validator(&[&dir.join("index.json")]);
    assert!(!ok, "missing image not reported:\n{out}");
    assert!(
        out.contains("missing-file") && out.contains("p1.jpg"),
        "{out}"
    );

    std::fs::write(dir.join("2000-01-02/p1.jpg"), b"\xff\xd8\xff").unwrap();
    let (ok, out) = run_validator(&[&dir.join("index.json")]);
    assert!(ok, "{out}");

    // A broken edition behind a valid index fails the run too.
    let mut broken = minimal();
    broken["version"] = json!(2);
    std::fs::write(dir.join("2000-01-02/edition.json"), broken.to_string()).unwrap();
    let (ok, out) = run_validator(&[&dir.join("index.json")]);
    assert!(!ok && out.contains("$.version"), "{out}");
}

/// The validator tells an index from an edition by its shape, so a wrong
/// `format` tag is reported as `[format]` at `$.format`, not as a wrong shape.
#[test]
fn validator_binary_reports_a_wrong_format_tag_as_such() {
    for (file, needle) in [
        ("invalid/format.json", "$.format"),
        ("invalid/index-format.json", "$.format"),
    ] {
        let (ok, out) = run_validator(&[&fixture(file)]);
        assert!(!ok);
        assert!(out.contains(needle), "{file}:\n{out}");
    }
}
