//! Reading an edition or index from text: size cap, parse, then validate.

use super::{validate_edition, validate_index, Edition, EditionIndex, Problem};
use serde::de::DeserializeOwned;

/// Editions larger than this are refused before parsing: a real day's paper
/// with 16 pages and 200 articles is under 2 MiB.
pub const MAX_EDITION_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_INDEX_BYTES: usize = 1024 * 1024;

/// Parses and checks an edition. Every problem found is returned, not only the first.
pub fn read_edition(text: &str) -> Result<Edition, Vec<Problem>> {
    let edition: Edition = parse(text, MAX_EDITION_BYTES)?;
    let problems = validate_edition(&edition);
    if problems.is_empty() {
        Ok(edition)
    } else {
        Err(problems)
    }
}

/// Parses and checks an editions index.
pub fn read_index(text: &str) -> Result<EditionIndex, Vec<Problem>> {
    let index: EditionIndex = parse(text, MAX_INDEX_BYTES)?;
    let problems = validate_index(&index);
    if problems.is_empty() {
        Ok(index)
    } else {
        Err(problems)
    }
}

pub(crate) fn parse<T: DeserializeOwned>(text: &str, limit: usize) -> Result<T, Vec<Problem>> {
    if text.len() > limit {
        return Err(vec![Problem::new(
            "limit",
            "$".into(),
            format!("文件有 {} 字节，超过上限 {} 字节", text.len(), limit),
        )]);
    }
    deserialize(text).map_err(|(path, inner)| {
        let (code, path) = if inner.is_data() {
            ("type", path)
        } else {
            // A syntax error has no path inside the document; its line and column say where.
            ("syntax", "$".to_string())
        };
        vec![Problem::new(code, path, describe(&inner))]
    })
}

/// The validator names the JSON path of a wrong type. The app leaves that
/// tracking out (it costs a fifth of the module) and names line and column;
/// the web team runs the validator for the path.
#[cfg(not(target_arch = "wasm32"))]
fn deserialize<T: DeserializeOwned>(text: &str) -> Result<T, (String, serde_json::Error)> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = json_path(&err.path().to_string());
        (path, err.into_inner())
    })
}

#[cfg(target_arch = "wasm32")]
fn deserialize<T: DeserializeOwned>(text: &str) -> Result<T, (String, serde_json::Error)> {
    serde_json::from_str(text).map_err(|err| ("$".to_string(), err))
}

/// serde_path_to_error writes `articles[0].title`, or `.` for the root.
#[cfg(not(target_arch = "wasm32"))]
fn json_path(path: &str) -> String {
    if path == "." || path.is_empty() {
        "$".into()
    } else {
        format!("$.{path}")
    }
}

fn describe(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match err.classify() {
        Category::Syntax => "JSON 语法错误",
        Category::Eof => "JSON 在此处意外结束（文件不完整？）",
        Category::Data => "字段类型或取值不符合格式",
        Category::Io => "读取失败",
    };
    format!(
        "{what}：{err}（第 {} 行第 {} 列）",
        err.line(),
        err.column()
    )
}
