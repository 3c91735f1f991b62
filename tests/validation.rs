//! The validation rules, checked against the fixtures in `tests/fixtures/`:
//! every broken file reports its rule code at its JSON path, the good files
//! report nothing, and the reader stays safe on hostile input (huge, deeply
//! nested, unknown fields). The `validate-edition` binary is run as the web
//! team would run it.

#![cfg(not(target_arch = "wasm32"))]

use changji_epaper::edition::{
    check_entry, csp_warnings, decode, parse_edition_by_hand, parse_index_by_hand, read_edition,
    read_edition_bytes, read_index, read_index_bytes, resolve_url, validate_edition,
    validate_index, Problem, CSP_CONNECT_SRC, CSP_IMG_SRC, MAX_EDITION_BYTES, MAX_INDEX_BYTES,
    MAX_PER_RULE, TEXT_LIMITS,
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

/// Problems of a fixture file, read as bytes the way the app and the
/// validator read it. Kinds beyond a single file: `index-warnings` (what the
/// CSP would block) and `site` (the index checked against the editions it lists).
fn fixture_problems(kind: &str, file: &Path) -> Vec<Problem> {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    match kind {
        "edition" => read_edition_bytes(&bytes).err().unwrap_or_default(),
        "index" => read_index_bytes(&bytes).err().unwrap_or_default(),
        "index-warnings" => csp_warnings(&read_index_bytes(&bytes).expect("a valid index")),
        "site" => {
            let index = read_index_bytes(&bytes).expect("a valid index");
            let base = file.to_str().unwrap();
            index
                .editions
                .iter()
                .enumerate()
                .flat_map(|(i, entry)| {
                    let text = read_text(Path::new(&resolve_url(base, &entry.url)));
                    let edition = read_edition(&text).expect("a valid edition");
                    check_entry(i, entry, &edition)
                })
                .collect()
        }
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
        let message = entry["message"].as_str().unwrap_or("");
        let found = fixture_problems(kind, &fixture(&format!("invalid/{file}")));
        let hit = |p: &Problem| p.code == code && p.path == path && p.message.contains(message);
        if !found.iter().any(hit) {
            failures.push(format!(
                "{file}: expected [{code}] at {path} saying {message:?}, got:\n{}",
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

/// The browser reads by hand (edition/reader.rs), not with serde, and
/// validates nothing else: what it reads, the validator finds the same rules
/// at the same JSON paths in (a reading problem's wording differs), and an
/// address the app must not load is refused by the browser's reading itself.
#[test]
fn the_browsers_reader_names_the_same_rule_and_path() {
    let expected: Vec<Value> =
        serde_json::from_str(&read_text(&fixture("invalid/expected.json"))).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in &expected {
        let code = entry["code"].as_str().unwrap();
        let file = entry["file"].as_str().unwrap();
        let path = entry["path"].as_str().unwrap();
        let bytes = std::fs::read(fixture(&format!("invalid/{file}"))).unwrap();
        let kind = entry["kind"].as_str().unwrap();
        if !["edition", "index"].contains(&kind) {
            continue;
        }
        let read = decode(&bytes, MAX_EDITION_BYTES).and_then(|text| {
            if kind == "edition" {
                parse_edition_by_hand(text).map(|e| validate_edition(&e))
            } else {
                parse_index_by_hand(text).map(|i| validate_index(&i))
            }
        });
        if code == "url-scheme" && read.is_ok() {
            failures.push(format!("{file}: the browser's reading loads {path}"));
        }
        let found = read.unwrap_or_else(|problems| problems);
        checked += 1;
        if !found.iter().any(|p| p.code == code && p.path == path) {
            failures.push(format!(
                "{file}: expected [{code}] at {path}, got:\n{}",
                show(&found)
            ));
        }
    }
    assert!(checked >= 30, "{checked} files checked");
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

// ---------------------------------------------------------------------------
// Hostile editions (issue 14).

#[test]
fn a_million_broken_points_give_fifty_problems_and_one_count() {
    let mut e = minimal();
    let outside = json!(vec![[9, -1]; 1000]);
    let regions: Vec<Value> = (0..100)
        .map(|_| json!({"page": 1, "points": outside}))
        .collect();
    e["articles"][0]["regions"] = json!(regions);
    let found = problems("edition", &e.to_string());
    let outside: Vec<&Problem> = found
        .iter()
        .filter(|p| p.code == "region-outside")
        .collect();
    assert_eq!(outside.len(), MAX_PER_RULE + 1, "{}", show(&found));
    assert_eq!(outside[0].path, "$.articles[0].regions[0].points[0]");
    let summary = outside.last().unwrap();
    assert_eq!(summary.path, "$");
    assert!(
        summary
            .message
            .contains(&format!("还有 {} 个", 100_000 - MAX_PER_RULE)),
        "{summary}"
    );
}

#[test]
fn arrays_over_their_limit_stop_the_parse_at_the_first_item_over() {
    let e = minimal();
    for (pointer, key, item, max) in [
        ("", "reading_order", json!("a1"), 2000),
        ("", "pages", e["pages"][0].clone(), 200),
        (
            "/articles/0",
            "regions",
            e["articles"][0]["regions"][0].clone(),
            100,
        ),
        ("/articles/0/regions/0", "points", json!([1, 1]), 1000),
        (
            "/articles/0",
            "body",
            e["articles"][0]["body"][0].clone(),
            1000,
        ),
    ] {
        let mut e = e.clone();
        // Items after the limit are garbage: reading must stop before them.
        let mut items = vec![item.clone(); max + 1];
        items.push(json!({"not": "read"}));
        e.pointer_mut(pointer).unwrap()[key] = json!(items);
        let found = problems("edition", &e.to_string());
        let at = format!("${}.{key}", pointer.replace('/', ".").replace(".0", "[0]"));
        assert!(
            found.len() == 1 && found[0].code == "limit" && found[0].path == at,
            "{key}: expected one [limit] at {at}:\n{}",
            show(&found)
        );
        assert!(found[0].message.contains(&max.to_string()), "{}", found[0]);
    }
}

/// Each text field: at its limit it is read, one character more is refused
/// with `limit` at its path. Unbroken Latin text, the costliest to lay out.
#[test]
fn every_text_field_has_a_limit() {
    let fields: &[(&str, &str, &str, usize)] = &[
        ("/publication", "name", "$.publication.name", 40),
        (
            "/publication",
            "latin_name",
            "$.publication.latin_name",
            100,
        ),
        ("/publication", "sponsor", "$.publication.sponsor", 200),
        ("/publication", "publisher", "$.publication.publisher", 200),
        (
            "/publication",
            "serial_number",
            "$.publication.serial_number",
            200,
        ),
        (
            "/publication",
            "postal_code",
            "$.publication.postal_code",
            200,
        ),
        ("/publication", "website", "$.publication.website", 200),
        ("/publication", "email", "$.publication.email", 200),
        (
            "/publication",
            "news_hotline",
            "$.publication.news_hotline",
            200,
        ),
        ("/publication", "promotion", "$.publication.promotion", 200),
        ("/publication/imprint", "0", "$.publication.imprint[0]", 200),
        ("", "weekday", "$.weekday", 10),
        ("", "lunar_date", "$.lunar_date", 40),
        ("/facsimile", "note", "$.facsimile.note", 500),
        ("/pages/0", "label", "$.pages[0].label", 20),
        ("/pages/0", "section", "$.pages[0].section", 20),
        ("/articles/0", "column", "$.articles[0].column", 50),
        ("/articles/0", "kicker", "$.articles[0].kicker", 200),
        ("/articles/0", "title", "$.articles[0].title", 200),
        ("/articles/0", "subtitle", "$.articles[0].subtitle", 200),
        ("/articles/0", "byline", "$.articles[0].byline", 200),
        ("/articles/0", "dateline", "$.articles[0].dateline", 100),
        (
            "/articles/0/body/1",
            "text",
            "$.articles[0].body[1].text",
            200,
        ),
        (
            "/articles/0/body/0",
            "text",
            "$.articles[0].body[0].text",
            20_000,
        ),
        (
            "/articles/0/body/2",
            "caption",
            "$.articles[0].body[2].caption",
            2000,
        ),
        (
            "/articles/0/body/2",
            "credit",
            "$.articles[0].body[2].credit",
            200,
        ),
    ];
    assert_eq!(fields.len() + 1, TEXT_LIMITS.len(), "one case per limit");
    let mut base = minimal();
    base["publication"]["imprint"] = json!(["x"]);
    base["articles"][0]["body"] = json!([
        {"type": "paragraph", "text": "x"},
        {"type": "subhead", "text": "x"},
        {"type": "figure", "caption": "x", "credit": "x"}
    ]);
    for &(pointer, key, path, max) in fields {
        let set = |n: usize| {
            let mut e = base.clone();
            let target = e.pointer_mut(pointer).unwrap();
            let value = json!("W".repeat(n));
            match key.parse::<usize>() {
                Ok(i) => target[i] = value,
                Err(_) => target[key] = value,
            }
            problems("edition", &e.to_string())
        };
        let at_limit = set(max);
        assert!(at_limit.is_empty(), "{path} at {max}:\n{}", show(&at_limit));
        let found = set(max + 1);
        assert!(
            found.iter().any(|p| p.code == "limit" && p.path == path),
            "{path} at {}: expected [limit]:\n{}",
            max + 1,
            show(&found)
        );
    }
    // The index's publication name too.
    let mut index: Value = serde_json::from_str(&read_text(&fixture("valid/index.json"))).unwrap();
    index["publication"] = json!("W".repeat(41));
    let found = problems("index", &index.to_string());
    assert!(found
        .iter()
        .any(|p| p.code == "limit" && p.path == "$.publication"));
}

#[test]
fn a_byte_order_mark_is_read_and_gbk_is_refused_with_a_fix() {
    let bom = std::fs::read(fixture("valid/minimal-bom.json")).unwrap();
    assert!(bom.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(
        read_edition_bytes(&bom).unwrap(),
        read_edition(&read_text(&fixture("valid/minimal.json"))).unwrap()
    );
    // The same through text (as a browser hands it over, BOM and all).
    let text = String::from_utf8(bom).unwrap();
    assert!(read_edition(&text).is_ok());
    let gbk = std::fs::read(fixture("invalid/encoding-gbk.json")).unwrap();
    let found = read_edition_bytes(&gbk).unwrap_err();
    assert_eq!(found.len(), 1, "{}", show(&found));
    assert!(found[0].message.contains("UTF-8") && found[0].message.contains("GBK"));
    let utf16: Vec<u8> = [0xFF, 0xFE, b'{', 0, b'}', 0].to_vec();
    let found = read_index_bytes(&utf16).unwrap_err();
    assert!(found[0].code == "encoding" && found[0].message.contains("UTF-16"));
}

#[test]
fn a_zero_area_polygon_says_whether_it_is_flat_or_crossed() {
    let area_message = |points: Value| {
        let mut e = minimal();
        e["articles"][0]["regions"][0]["points"] = points;
        let found = problems("edition", &e.to_string());
        let p = found.iter().find(|p| p.code == "region-area").cloned();
        p.unwrap_or_else(|| panic!("no region-area:\n{}", show(&found)))
            .message
    };
    let flat = area_message(json!([[100, 300], [1200, 300], [2300, 300]]));
    assert!(flat.contains("共线") && !flat.contains("自相交"), "{flat}");
    let bowtie = area_message(json!([[100, 300], [2300, 1700], [2300, 300], [100, 1700]]));
    assert!(
        bowtie.contains("自相交") && !bowtie.contains("共线"),
        "{bowtie}"
    );
}

#[test]
fn version_is_reported_as_version_whatever_its_type() {
    for version in [
        json!("1"),
        json!(1.5),
        json!(-1),
        json!(4294967296u64),
        json!(null),
        json!([1]),
    ] {
        let mut e = minimal();
        e["version"] = version.clone();
        let found = problems("edition", &e.to_string());
        assert!(
            found
                .iter()
                .any(|p| p.code == "version" && p.path == "$.version"),
            "version {version}:\n{}",
            show(&found)
        );
        assert!(
            found.iter().all(|p| p.code != "type"),
            "{version}: {}",
            show(&found)
        );
    }
    // A type error in a version-1 file stays a type error.
    let mut e = minimal();
    e["issue_number"] = json!("12257");
    let found = problems("edition", &e.to_string());
    assert!(
        found.len() == 1 && found[0].code == "type",
        "{}",
        show(&found)
    );
}

/// The validator's CSP warnings assume the shipped policy: if it changes,
/// this test says which rules in `src/edition/policy.rs` to revisit.
#[test]
fn the_csp_rules_match_the_shipped_nginx_policy() {
    let conf = read_text(&Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/nginx/epaper.conf"));
    let csp = conf
        .lines()
        .find(|l| {
            l.trim_start()
                .starts_with("add_header Content-Security-Policy")
        })
        .expect("a CSP header");
    let directive = |name: &str| {
        csp.split(['"', ';'])
            .map(str::trim)
            .find_map(|d| d.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no {name} in {csp}"))
            .to_string()
    };
    assert_eq!(directive("connect-src"), CSP_CONNECT_SRC);
    assert_eq!(directive("img-src"), CSP_IMG_SRC);
}

#[test]
fn validator_binary_reads_a_bom_refuses_gbk_warns_for_csp_and_compares_dates() {
    let (ok, out) = run_validator(&[&fixture("valid/minimal-bom.json")]);
    // Valid except for its image file, which is not beside it.
    assert!(
        out.contains("missing-file") && !out.contains("[syntax]"),
        "{out}"
    );
    assert!(!ok);
    let (ok, out) = run_validator(&[&fixture("invalid/encoding-gbk.json")]);
    assert!(
        !ok && out.contains("[encoding]") && out.contains("UTF-8"),
        "{out}"
    );
    assert!(!out.contains("stream did not contain valid UTF-8"), "{out}");

    let dir = scratch("csp");
    std::fs::create_dir_all(dir.join("2000-01-02")).unwrap();
    std::fs::write(dir.join("2000-01-02/edition.json"), minimal().to_string()).unwrap();
    std::fs::write(dir.join("2000-01-02/p1.jpg"), b"\xff\xd8\xff").unwrap();
    let mut index: Value = serde_json::from_str(&read_text(&fixture("valid/index.json"))).unwrap();
    index["editions"] = json!([
        {"date": "2000-01-02", "issue_number": 1, "url": "2000-01-02/edition.json"},
        {"date": "2000-01-01", "issue_number": 1, "url": "https://other.example/e.json"}
    ]);
    std::fs::write(dir.join("index.json"), index.to_string()).unwrap();
    let (ok, out) = run_validator(&[&dir.join("index.json")]);
    assert!(ok, "a warning alone does not fail the run:\n{out}");
    assert!(
        out.contains("警告") && out.contains("[csp-blocked]") && out.contains("$.editions[1].url"),
        "{out}"
    );

    index["editions"][0]["date"] = json!("2000-01-03");
    index["latest"] = json!("2000-01-03");
    std::fs::write(dir.join("index.json"), index.to_string()).unwrap();
    let (ok, out) = run_validator(&[&dir.join("index.json")]);
    assert!(
        !ok && out.contains("[index-edition-date]") && out.contains("$.editions[0].date"),
        "{out}"
    );
}

/// The validator's output for the worst 5 MiB files stays short: the file
/// that once printed 1.3 million lines.
#[test]
fn validator_binary_output_is_bounded_for_a_file_full_of_broken_references() {
    let dir = scratch("flood");
    let file = dir.join("edition.json");
    let mut e = minimal();
    let outside = json!(vec![[9, -1]; 1000]);
    let regions: Vec<Value> = (0..100)
        .map(|_| json!({"page": 1, "points": outside}))
        .collect();
    for i in 0..7 {
        let mut a = e["articles"][0].clone();
        a["id"] = json!(format!("x{i}"));
        a["regions"] = json!(regions);
        e["articles"].as_array_mut().unwrap().push(a);
        e["reading_order"]
            .as_array_mut()
            .unwrap()
            .push(json!(format!("x{i}")));
    }
    let text = e.to_string();
    assert!(
        text.len() > 4 * 1024 * 1024 && text.len() <= MAX_EDITION_BYTES,
        "{}",
        text.len()
    );
    std::fs::write(&file, text).unwrap();
    let (ok, out) = run_validator(&[&file]);
    assert!(!ok);
    assert!(out.lines().count() < 60, "{} lines", out.lines().count());
    assert!(
        out.contains(&format!("还有 {} 个", 700_000 - MAX_PER_RULE)),
        "{out}"
    );
}

/// Found by the fuzzer: an invalid 30 000-character id, missing from the
/// reading order, went whole into the message.
#[test]
fn messages_quote_long_values_briefly() {
    let mut e = minimal();
    let long = "W".repeat(30_000);
    e["articles"][0]["id"] = json!(long);
    e["articles"][1]["id"] = json!(long);
    e["reading_order"] = json!([long, long]);
    let found = problems("edition", &e.to_string());
    assert!(found.len() >= 2, "{}", show(&found));
    for p in &found {
        assert!(
            p.message.chars().count() < 300,
            "{} characters: [{}]",
            p.message.chars().count(),
            p.code
        );
    }
    let mut e = minimal();
    for i in 0..40 {
        let mut a = e["articles"][0].clone();
        a["id"] = json!(format!("{i}{}", "W".repeat(3000)));
        e["articles"].as_array_mut().unwrap().push(a);
    }
    let found = problems("edition", &e.to_string());
    let missing = found
        .iter()
        .find(|p| p.code == "reading-order-missing")
        .unwrap();
    assert!(missing.message.chars().count() < 1000, "{missing}");
    assert!(missing.message.contains("等 40 篇"), "{missing}");
}
