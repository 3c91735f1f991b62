//! The archive at scale: index.json with the latest editions plus `years`,
//! one list per year; what the publish step writes, what older apps still
//! read, and every way a list can be wrong, with its JSON path.

#![cfg(not(target_arch = "wasm32"))]

use changji_epaper::archive::{
    build_archive, check_year_against_index, read_archive_year, read_index_archive, write_archive,
    ArchiveYear,
};
use changji_epaper::edition::{read_edition, read_index, Edition, Problem};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

const SAMPLE: &str = include_str!("../editions/2025-05-21/edition.json");
const TEST_EDITION: &str = include_str!("fixtures/editions/2000-01-03/edition.json");
const SMALL: &str = include_str!("fixtures/editions/2000-01-01/edition.json");

fn editions() -> Vec<Edition> {
    [SMALL, TEST_EDITION, SAMPLE]
        .iter()
        .map(|t| read_edition(t).unwrap())
        .collect()
}

fn codes(problems: &[Problem]) -> Vec<(&str, &str)> {
    problems.iter().map(|p| (p.code, p.path.as_str())).collect()
}

fn year_json() -> Value {
    json!({
        "format": "changji-epaper/archive",
        "version": 1,
        "publication": "昌吉日报",
        "year": 2000,
        "editions": [
            { "date": "2000-01-03", "issue_number": 2, "url": "../2000-01-03/edition.json" },
            { "date": "2000-01-01", "issue_number": 1, "url": "../2000-01-01/edition.json" }
        ]
    })
}

/// Problems of a year list with one change made to the valid one.
fn year_problems(change: impl FnOnce(&mut Value)) -> Vec<Problem> {
    let mut v = year_json();
    change(&mut v);
    read_archive_year(&v.to_string()).expect_err("the change is a problem")
}

#[test]
fn the_index_lists_the_latest_editions_and_one_list_per_year() {
    let all = editions();
    let pairs: Vec<(&str, &Edition)> = all.iter().map(|e| (e.date.as_str(), e)).collect();
    let files = build_archive(&pairs, 2, Some("../search/manifest.json")).unwrap();

    // Older apps read the index as before: the latest first, two entries.
    let index = read_index(&files.index).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(index.latest, "2025-05-21");
    let dates: Vec<&str> = index.editions.iter().map(|e| e.date.as_str()).collect();
    assert_eq!(dates, ["2025-05-21", "2000-01-03"]);
    assert_eq!(index.editions[1].url, "2000-01-03/edition.json");
    assert_eq!(
        index.editions[1].thumbnail.as_deref(),
        Some("2000-01-03/page-01.svg")
    );
    // One picture per page that has one (page 8 of the test edition has none).
    assert_eq!(index.editions[1].page_images.len(), 7);
    assert_eq!(index.editions[1].page_images[0], "2000-01-03/page-01.svg");

    let archive = read_index_archive(&files.index).unwrap();
    let years: Vec<(i32, &str, u32)> = archive
        .years
        .iter()
        .map(|y| (y.year, y.url.as_str(), y.count))
        .collect();
    assert_eq!(
        years,
        [
            (2025, "archive/2025.json", 1),
            (2000, "archive/2000.json", 2)
        ]
    );
    assert_eq!(archive.search.as_deref(), Some("../search/manifest.json"));

    assert_eq!(files.years[1].0, "archive/2000.json");
    let y2000: ArchiveYear = read_archive_year(&files.years[1].1).unwrap();
    let listed: Vec<(&str, &str)> = y2000
        .editions
        .iter()
        .map(|e| (e.date.as_str(), e.url.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("2000-01-03", "../2000-01-03/edition.json"),
            ("2000-01-01", "../2000-01-01/edition.json")
        ],
        "newest first, URLs relative to the list"
    );
    for (i, y) in archive.years.iter().enumerate() {
        let list = read_archive_year(&files.years[i].1).unwrap();
        assert!(check_year_against_index(&index, i, y, &list).is_empty());
    }

    // Both schemas accept what was written.
    let index_json: Value = serde_json::from_str(&files.index).unwrap();
    assert!(schema("index.schema.json", None).is_valid(&index_json));
    assert!(schema("archive.schema.json", Some("indexFields")).is_valid(&index_json));
    let mut bad = index_json.clone();
    bad["years"][0]["count"] = json!(-1);
    assert!(!schema("archive.schema.json", Some("indexFields")).is_valid(&bad));
    let year_schema = schema("archive.schema.json", None);
    for (_, json) in &files.years {
        assert!(year_schema.is_valid(&serde_json::from_str(json).unwrap()));
    }
}

/// A schema file, or one of its `$defs` as the root.
fn schema(file: &str, def: Option<&str>) -> jsonschema::Validator {
    let text = std::fs::read_to_string(format!("schemas/{file}")).unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    if let Some(def) = def {
        schema = json!({
            "$schema": schema["$schema"],
            "$defs": schema["$defs"],
            "$ref": format!("#/$defs/{def}"),
        });
    }
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn a_valid_year_list_reads_and_the_doc_example_is_one() {
    assert!(read_archive_year(&year_json().to_string()).is_ok());
    let doc = std::fs::read_to_string("docs/edition-format.md").unwrap();
    let at = doc
        .find("<!-- example: archive -->")
        .expect("the doc has the example");
    let block = &doc[at..];
    let start = block.find("```json\n").unwrap() + 8;
    let end = block[start..].find("```").unwrap() + start;
    let example = &block[start..end];
    let year = read_archive_year(example).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(year.year, 2000);
    let validator = schema("archive.schema.json", None);
    let example: Value = serde_json::from_str(example).unwrap();
    assert!(validator.is_valid(&example));
    assert!(validator.is_valid(&year_json()));
    let mut wrong = year_json();
    wrong["editions"][0]["url"] = json!("javascript:alert(1)");
    assert!(
        !validator.is_valid(&wrong),
        "the schema refuses unsafe URLs too"
    );
}

#[test]
fn every_way_a_year_list_can_be_wrong_is_named_with_its_path() {
    let cases: Vec<(Vec<Problem>, &str, &str)> = vec![
        (
            year_problems(|v| v["format"] = json!("changji-epaper/index")),
            "archive-format",
            "$.format",
        ),
        (
            year_problems(|v| v["version"] = json!(2)),
            "version",
            "$.version",
        ),
        (
            year_problems(|v| v["editions"][1]["date"] = json!("2000-02-30")),
            "date",
            "$.editions[1].date",
        ),
        (
            year_problems(|v| v["editions"][1]["date"] = json!("1999-12-31")),
            "archive-year",
            "$.editions[1].date",
        ),
        (
            year_problems(|v| v["editions"][1]["date"] = json!("2000-01-03")),
            "index-duplicate-date",
            "$.editions[1].date",
        ),
        (
            year_problems(|v| v["editions"][1]["date"] = json!("2000-01-04")),
            "archive-order",
            "$.editions[1].date",
        ),
        (
            year_problems(|v| v["editions"][0]["url"] = json!("http://x/e.json")),
            "url-scheme",
            "$.editions[0].url",
        ),
        (
            year_problems(|v| v["editions"][0]["thumbnail"] = json!("data:x")),
            "url-scheme",
            "$.editions[0].thumbnail",
        ),
        (
            year_problems(|v| v["year"] = json!("2000")),
            "type",
            "$.year",
        ),
        (
            year_problems(|v| v["editions"][0]["issue_number"] = json!(-1)),
            "type",
            "$.editions[0].issue_number",
        ),
    ];
    for (problems, code, path) in cases {
        assert_eq!(codes(&problems), [(code, path)], "{problems:?}");
        assert!(problems[0]
            .message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    }
    let big = format!("{{\"x\": \"{}\"}}", "a".repeat(1024 * 1024));
    assert_eq!(
        codes(&read_archive_year(&big).unwrap_err()),
        [("limit", "$")]
    );
    assert_eq!(codes(&read_archive_year("{").unwrap_err())[0].0, "syntax");
}

#[test]
fn the_index_archive_fields_are_checked() {
    let base = json!({
        "format": "changji-epaper/index", "version": 1, "publication": "昌吉日报",
        "latest": "2001-01-01",
        "editions": [{ "date": "2001-01-01", "issue_number": 1, "url": "2001-01-01/edition.json" }],
        "years": [
            { "year": 2001, "url": "archive/2001.json", "count": 1 },
            { "year": 2000, "url": "archive/2000.json", "count": 2 }
        ]
    });
    assert!(read_index_archive(&base.to_string()).is_ok());
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        f(&mut v);
        codes(&read_index_archive(&v.to_string()).unwrap_err())
            .into_iter()
            .map(|(c, p)| (c.to_string(), p.to_string()))
            .collect::<Vec<_>>()
    };
    let one = |c: &str, p: &str| vec![(c.to_string(), p.to_string())];
    assert_eq!(
        with(&|v| v["years"][1]["year"] = json!(2001)),
        one("archive-year", "$.years[1].year")
    );
    assert_eq!(
        with(&|v| v["years"][1]["year"] = json!(2002)),
        one("archive-order", "$.years[1].year")
    );
    assert_eq!(
        with(&|v| v["years"][0]["year"] = json!(99)),
        one("archive-year", "$.years[0].year")
    );
    assert_eq!(
        with(&|v| v["years"][0]["url"] = json!("javascript:x")),
        one("url-scheme", "$.years[0].url")
    );
    assert_eq!(
        with(&|v| v["years"][0]["count"] = json!("1")),
        one("type", "$.years[0].count")
    );
    assert_eq!(
        with(&|v| v["search"] = json!("//evil/m.json")),
        one("url-scheme", "$.search")
    );
    // An index without the new fields is still a valid index (older producers).
    let mut old = base.clone();
    old.as_object_mut().unwrap().remove("years");
    assert!(read_index_archive(&old.to_string())
        .unwrap()
        .years
        .is_empty());
}

/// A copy of the test editions in a fresh folder under target/.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for date in ["2000-01-01", "2000-01-03"] {
        let from = Path::new("tests/fixtures/editions").join(date);
        std::fs::create_dir_all(dir.join(date)).unwrap();
        for f in std::fs::read_dir(&from).unwrap() {
            let f = f.unwrap();
            std::fs::copy(f.path(), dir.join(date).join(f.file_name())).unwrap();
        }
    }
    dir
}

fn validate(file: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_validate-edition"))
        .arg(file)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn written_files_pass_the_validator_and_broken_ones_do_not() {
    let dir = scratch("archive-write");
    let files = write_archive(&dir, 1, None).unwrap();
    assert_eq!(files.years.len(), 1);
    let index = dir.join("index.json");
    let (ok, out) = validate(&index);
    assert!(ok, "{out}");
    let (ok, out) = validate(&dir.join("archive/2000.json"));
    assert!(ok, "{out}");

    // The index promises three editions of 2000; the list has two.
    let text = std::fs::read_to_string(&index).unwrap();
    std::fs::write(&index, text.replace("\"count\": 2", "\"count\": 3")).unwrap();
    let (ok, out) = validate(&index);
    assert!(!ok);
    assert!(
        out.contains("$.years[0].count: 目录说 2000 年有 3 期，列表里有 2 期 [archive-count]"),
        "{out}"
    );

    // A list that names an edition folder that is not there.
    std::fs::write(&index, &text).unwrap();
    let list = dir.join("archive/2000.json");
    let listed = std::fs::read_to_string(&list).unwrap();
    std::fs::write(&list, listed.replace("../2000-01-01/", "../2000-01-02/")).unwrap();
    let (ok, out) = validate(&list);
    assert!(!ok);
    assert!(
        out.contains("$.editions[1].url: 文件 “../2000-01-02/edition.json” 不存在 [missing-file]"),
        "{out}"
    );

    // A missing list.
    std::fs::remove_file(&list).unwrap();
    let (ok, out) = validate(&index);
    assert!(!ok);
    assert!(
        out.contains("$.years[0].url: 文件 “archive/2000.json” 不存在 [missing-file]"),
        "{out}"
    );
}

#[test]
fn an_index_entry_missing_from_its_year_is_reported() {
    let dir = scratch("archive-missing");
    write_archive(&dir, 2, None).unwrap();
    let list = dir.join("archive/2000.json");
    let mut year: Value = serde_json::from_str(&std::fs::read_to_string(&list).unwrap()).unwrap();
    year["editions"].as_array_mut().unwrap().remove(0);
    std::fs::write(&list, year.to_string()).unwrap();
    let (ok, out) = validate(&dir.join("index.json"));
    assert!(!ok);
    assert!(out.contains("[archive-count]"), "{out}");
    assert!(
        out.contains("$.editions[0].date: 2000-01-03 在目录里，但不在 2000 年的列表 archive/2000.json 里 [archive-missing]"),
        "{out}"
    );
}

#[test]
fn an_editions_folder_with_a_broken_edition_writes_nothing() {
    let dir = scratch("archive-broken");
    std::fs::write(dir.join("2000-01-01/edition.json"), "{\"format\": 1}").unwrap();
    let err = write_archive(&dir, 30, None).unwrap_err();
    assert!(err.to_string().contains("2000-01-01"), "{err}");
    assert!(!dir.join("index.json").exists());
}
