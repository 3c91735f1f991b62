//! `docs/edition-format.md` and `schemas/*.schema.json` agree with the Rust
//! model: the document's examples read without problems and match the
//! schemas; the real and test editions match the schemas; every field the
//! schema requires is one the model cannot do without, and every field it
//! leaves optional the model can.

#![cfg(not(target_arch = "wasm32"))]

use changji_epaper::edition::{is_safe_url, read_edition, read_index, Problem};
use jsonschema::Validator;
use serde_json::{json, Value};
use std::path::Path;

fn repo_file(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_file(rel: &str) -> Value {
    serde_json::from_str(&repo_file(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The ```json block after the line `<!-- example: NAME -->` in the format document.
fn example(name: &str) -> String {
    let doc = repo_file("docs/edition-format.md");
    let marker = format!("<!-- example: {name} -->");
    let mut found = doc.split(&marker);
    found.next();
    let after = found
        .next()
        .unwrap_or_else(|| panic!("no `{marker}` in the format document"));
    assert!(found.next().is_none(), "`{marker}` appears twice");
    let mut lines = after.lines().skip_while(|l| l.trim().is_empty());
    assert_eq!(
        lines.next().map(str::trim),
        Some("```json"),
        "`{marker}` must be followed by a ```json block"
    );
    let body: Vec<&str> = lines.take_while(|l| l.trim() != "```").collect();
    body.join("\n")
}

fn example_json(name: &str) -> Value {
    serde_json::from_str(&example(name))
        .unwrap_or_else(|e| panic!("example {name} is not JSON: {e}"))
}

fn schema(name: &str) -> (Value, Validator) {
    let schema = json_file(&format!("schemas/{name}.schema.json"));
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "{name}: draft 2020-12"
    );
    let validator = jsonschema::validator_for(&schema)
        .unwrap_or_else(|e| panic!("schemas/{name}.schema.json: {e}"));
    (schema, validator)
}

fn schema_errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn assert_schema_valid(what: &str, validator: &Validator, instance: &Value) {
    let errors = schema_errors(validator, instance);
    assert!(errors.is_empty(), "{what}:\n  {}", errors.join("\n  "));
}

fn show(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn read(kind: &str, value: &Value) -> Result<(), Vec<Problem>> {
    let text = value.to_string();
    match kind {
        "edition" => read_edition(&text).map(drop),
        "index" => read_index(&text).map(drop),
        _ => unreachable!(),
    }
}

#[test]
fn the_examples_are_marked_and_synthetic() {
    let doc = repo_file("docs/edition-format.md");
    for name in ["edition", "index"] {
        assert_eq!(doc.matches(&format!("<!-- example: {name} -->")).count(), 1);
    }
    assert!(doc.contains("示例"));
    let e = example_json("edition");
    assert_eq!(e["test_data"], true, "the example is synthetic");
    for a in e["articles"].as_array().unwrap() {
        let title = a["title"].as_str().unwrap();
        assert!(title.starts_with("【示例】"), "{title}");
    }
}

#[test]
fn the_example_edition_reads_without_problems_and_matches_the_schema() {
    let text = example("edition");
    let edition = read_edition(&text).unwrap_or_else(|p| panic!("\n{}", show(&p)));
    let (_, validator) = schema("edition");
    assert_schema_valid("example edition", &validator, &example_json("edition"));

    // What the document says the example shows.
    assert_eq!(edition.pages.len(), 2);
    assert_eq!(edition.articles.len(), 3);
    assert!(
        edition.articles.iter().any(|a| a.pages() == vec![1, 2]),
        "one article is continued from page 1 to page 2"
    );
    let photo = edition
        .articles
        .iter()
        .find(|a| a.kind == changji_epaper::edition::ArticleKind::Photo)
        .expect("a photo item");
    assert!(photo.body.iter().any(|b| matches!(
        b,
        changji_epaper::edition::Block::Figure {
            image: Some(_),
            credit: Some(_),
            ..
        }
    )));
}

#[test]
fn the_example_index_reads_without_problems_and_lists_the_example_edition() {
    let index = read_index(&example("index")).unwrap_or_else(|p| panic!("\n{}", show(&p)));
    let (_, validator) = schema("index");
    assert_schema_valid("example index", &validator, &example_json("index"));
    let edition = read_edition(&example("edition")).unwrap();
    let entry = index
        .editions
        .iter()
        .find(|e| e.date == edition.date)
        .expect("the index lists the example edition");
    assert_eq!(entry.issue_number, edition.issue_number);
    assert_eq!(index.latest, edition.date);
    assert_eq!(index.publication, edition.publication.name);
}

#[test]
fn real_and_test_data_match_the_schemas() {
    let (_, edition_schema) = schema("edition");
    let (_, index_schema) = schema("index");
    for file in [
        "editions/2025-05-21/edition.json",
        "tests/fixtures/editions/2000-01-01/edition.json",
        "tests/fixtures/editions/2000-01-03/edition.json",
        "tests/fixtures/valid/minimal.json",
    ] {
        assert_schema_valid(file, &edition_schema, &json_file(file));
    }
    for file in [
        "editions/index.json",
        "tests/fixtures/editions/index.json",
        "tests/fixtures/valid/index.json",
    ] {
        assert_schema_valid(file, &index_schema, &json_file(file));
    }
}

/// The broken fixtures whose rule the schema can express are refused by it too.
/// (Cross-field rules — page numbers against `printed_pages`, unique ids, points
/// inside the page, non-zero area, reading order, `latest` — are not schema
/// material; those fixtures are only checked by `tests/validation.rs`.)
#[test]
fn the_schemas_refuse_the_broken_fixtures_they_can_express() {
    let (_, edition_schema) = schema("edition");
    let (_, index_schema) = schema("index");
    let edition_files = [
        "type-wrong-type",
        "type-missing-field",
        "format",
        "version",
        "date",
        "no-pages",
        "page-size",
        "image-width",
        "url-scheme-image",
        "url-scheme-thumbnail",
        "url-scheme-pdf",
        "url-scheme-figure",
        "article-id",
        "empty-title",
        "no-regions",
        "region-points",
        "reading-order-duplicate",
        "empty-text",
        "limit",
        "limit-count",
        "limit-weekday",
        "limit-title",
        "version-type",
        "version-huge",
        "facsimile-source",
        "empty-title-invisible",
    ];
    let index_files = [
        "index-format",
        "index-url-scheme",
        "index-date",
        "index-version",
        "index-no-editions",
    ];
    for (validator, files) in [
        (&edition_schema, &edition_files[..]),
        (&index_schema, &index_files[..]),
    ] {
        for name in files {
            let file = format!("tests/fixtures/invalid/{name}.json");
            assert!(
                !validator.is_valid(&json_file(&file)),
                "{file} passes the schema"
            );
        }
    }
}

/// Removes `key` from the object at `pointer`; panics if it was not there.
fn without(value: &Value, pointer: &str, key: &str) -> Value {
    let mut v = value.clone();
    let object = v
        .pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {pointer:?}"));
    assert!(
        object.remove(key).is_some(),
        "the example has no {key} at {pointer:?}: it should show every field"
    );
    v
}

/// For each object type in a schema (by its `$defs` pointer) and an instance of
/// it in a valid example: every `required` property, removed, makes the model
/// refuse the file with `type` (it is a non-`Option`, non-default field), and
/// every other listed property, removed, leaves the file valid.
fn check_required_agree(kind: &str, example: &Value, pairs: &[(&str, &str)]) {
    let (schema, validator) = schema(kind);
    let mut checked = 0;
    for (def, instance) in pairs {
        let def_schema = schema.pointer(def).unwrap_or_else(|| panic!("{def}"));
        let required: Vec<&str> = def_schema["required"]
            .as_array()
            .unwrap_or_else(|| panic!("{def} has no required list"))
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let properties = def_schema["properties"].as_object().unwrap();
        for name in &required {
            assert!(
                properties.contains_key(*name),
                "{def}: {name} not described"
            );
        }
        for name in properties.keys() {
            let broken = without(example, instance, name);
            let result = read(kind, &broken);
            let schema_ok = validator.is_valid(&broken);
            if required.contains(&name.as_str()) {
                let problems = result.expect_err(&format!(
                    "{def}.{name} is required by the schema, but the model reads the file without it"
                ));
                assert!(
                    problems.iter().any(|p| p.code == "type"),
                    "{def}.{name} removed:\n{}",
                    show(&problems)
                );
                assert!(
                    !schema_ok,
                    "{def}.{name} removed: the schema still accepts it"
                );
            } else {
                if let Err(problems) = result {
                    panic!(
                        "{def}.{name} is optional in the schema, but without it:\n{}",
                        show(&problems)
                    );
                }
                assert!(schema_ok, "{def}.{name} removed: the schema refuses it");
            }
            checked += 1;
        }
    }
    assert!(checked > pairs.len(), "only {checked} fields checked");
}

#[test]
fn schema_required_fields_are_the_models_non_optional_fields() {
    let edition = example_json("edition");
    let photo = edition["articles"]
        .as_array()
        .unwrap()
        .iter()
        .position(|a| a["kind"] == "photo")
        .unwrap();
    let figure = format!("/articles/{photo}/body/0");
    assert_eq!(edition.pointer(&figure).unwrap()["type"], "figure");
    check_required_agree(
        "edition",
        &edition,
        &[
            ("", ""),
            ("/$defs/facsimile", "/facsimile"),
            ("/$defs/publication", "/publication"),
            ("/$defs/page", "/pages/0"),
            ("/$defs/image", "/pages/0/images/0"),
            ("/$defs/article", "/articles/0"),
            ("/$defs/textBlock", "/articles/0/body/0"),
            ("/$defs/textBlock", "/articles/0/body/1"),
            ("/$defs/figureBlock", &figure),
            ("/$defs/region", "/articles/0/regions/0"),
        ],
    );
    check_required_agree(
        "index",
        &example_json("index"),
        &[("", ""), ("/$defs/entry", "/editions/0")],
    );
}

#[test]
fn enums_agree_with_the_model() {
    let (schema, validator) = schema("edition");
    let base = example_json("edition");
    let kinds = schema
        .pointer("/$defs/article/properties/kind/enum")
        .unwrap();
    for kind in kinds.as_array().unwrap() {
        let mut e = base.clone();
        e["articles"][2]["kind"] = kind.clone();
        assert!(read("edition", &e).is_ok(), "kind {kind}");
        assert!(validator.is_valid(&e), "kind {kind}");
    }
    let types = schema.pointer("/$defs/block/properties/type/enum").unwrap();
    assert_eq!(types, &json!(["paragraph", "subhead", "figure"]));
    for (pointer, bad) in [
        ("/articles/2/kind", "editorial"),
        ("/articles/2/kind", "News"),
        ("/articles/2/body/0/type", "quote"),
    ] {
        let mut e = base.clone();
        *e.pointer_mut(pointer).unwrap() = json!(bad);
        let problems = read("edition", &e).expect_err(bad);
        assert!(problems.iter().any(|p| p.code == "type"), "{bad}");
        assert!(!validator.is_valid(&e), "the schema accepts {bad}");
    }
}

#[test]
fn the_url_pattern_agrees_with_the_url_policy() {
    let (_, validator) = schema("edition");
    let base = example_json("edition");
    let long = format!("https://cdn.example/{}.jpg", "a".repeat(2100));
    for url in [
        "page-01-600.jpg",
        "../x/p.jpg",
        "/editions/p.jpg",
        "https://cdn.example/p.jpg",
        "p.jpg?v=2#x",
        "图片/第1版.jpg",
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:image/png;base64,AA",
        "http://x/p.jpg",
        "HTTPS://x/p.jpg",
        "https:p.jpg",
        "//evil.example/p.jpg",
        "https:///p.jpg",
        "",
        " p.jpg",
        "p\u{3000}.jpg",
        "p\u{a0}.jpg",
        "p\u{2028}.jpg",
        "p\u{85}.jpg",
        "p\u{1}.jpg",
        "a\\b.jpg",
        "vbscript:x",
        "silu-app://open",
        long.as_str(),
    ] {
        let mut e = base.clone();
        e["pages"][0]["images"][0]["url"] = json!(url);
        let model_ok = read("edition", &e).is_ok();
        assert_eq!(model_ok, is_safe_url(url), "{url:?}");
        assert_eq!(
            validator.is_valid(&e),
            model_ok,
            "schema and model disagree on {url:?}"
        );
    }
}

#[test]
fn the_schemas_allow_unknown_fields() {
    let (_, edition_schema) = schema("edition");
    let (_, index_schema) = schema("index");
    let future = json!({"anything": [1, "two", {"three": null}]});
    let mut e = example_json("edition");
    e["future_field"] = future.clone();
    e["pages"][0]["future_field"] = future.clone();
    e["pages"][0]["images"][0]["future_field"] = future.clone();
    e["articles"][0]["future_field"] = future.clone();
    e["articles"][0]["body"][0]["future_field"] = future.clone();
    e["articles"][1]["body"][0]["future_field"] = future.clone();
    e["articles"][0]["regions"][0]["future_field"] = future.clone();
    e["publication"]["future_field"] = future.clone();
    assert_schema_valid("edition with unknown fields", &edition_schema, &e);
    assert!(read("edition", &e).is_ok());
    let mut i = example_json("index");
    i["future_field"] = future.clone();
    i["editions"][0]["future_field"] = future;
    assert_schema_valid("index with unknown fields", &index_schema, &i);
    assert!(read("index", &i).is_ok());
}

/// The document says integers must be written as integers. JSON Schema counts
/// `1.0` as an integer, so only the model catches this one.
#[test]
fn integers_written_as_floats_or_strings_are_refused_by_the_model() {
    for (pointer, bad) in [
        ("/issue_number", json!(1.0)),
        ("/issue_number", json!("1")),
        ("/issue_number", json!(-1)),
        ("/pages/0/number", json!(1.5)),
        ("/pages/0/images/0/width", json!(600.0)),
    ] {
        let mut e = example_json("edition");
        *e.pointer_mut(pointer).unwrap() = bad.clone();
        let problems = read("edition", &e).expect_err(&format!("{pointer} = {bad}"));
        assert!(
            problems.iter().any(|p| p.code == "type"),
            "{pointer} = {bad}:\n{}",
            show(&problems)
        );
    }
}

/// Section 4.8 lists every limit the code enforces, with the code's number.
#[test]
fn the_limits_section_lists_every_limit() {
    use changji_epaper::edition::{max, TEXT_LIMITS};
    let doc = repo_file("docs/edition-format.md");
    let start = doc.find("### 4.8").expect("section 4.8");
    let end = start + doc[start..].find("\n## ").expect("end of 4.8");
    let section = &doc[start..end];
    let listed = |name: &str, limit: usize| {
        section
            .lines()
            .any(|l| l.contains(&format!("`{name}`")) && l.contains(&limit.to_string()))
    };
    for (field, limit) in TEXT_LIMITS {
        assert!(
            listed(field, *limit),
            "4.8 does not list `{field}` ≤ {limit}"
        );
    }
    for (name, limit) in [
        ("pages", max::PAGES),
        ("articles", max::ARTICLES),
        ("reading_order", max::READING_ORDER),
        ("body", max::BLOCKS),
        ("regions", max::REGIONS),
        ("points", max::POINTS),
        ("images", max::IMAGES),
        ("publication.imprint", max::IMPRINT_LINES),
        ("editions", max::EDITIONS),
        ("page_images", max::PAGE_IMAGES),
    ] {
        assert!(listed(name, limit), "4.8 does not list `{name}` ≤ {limit}");
    }
    let cap = changji_epaper::edition::MAX_PER_RULE.to_string();
    assert!(
        section.contains(&format!("前 {cap} 个")),
        "the cap per rule"
    );
}
