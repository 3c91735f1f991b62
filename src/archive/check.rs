//! The validator's checks of the archive files on disk: the year lists an
//! index names, each read and checked, and against the index.

use super::{
    check_index_years, check_year_against_index, read_archive_year, read_index_archive,
    ARCHIVE_FORMAT,
};
use crate::edition::{resolve_url, EditionIndex, Problem};
use std::path::Path;

/// A file whose `format` is a year list's.
pub fn is_archive_year(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Tag {
        #[serde(default)]
        format: Option<String>,
    }
    serde_json::from_str::<Tag>(text).is_ok_and(|t| t.format.as_deref() == Some(ARCHIVE_FORMAT))
}

fn lines(file: &str, problems: &[Problem]) -> Vec<String> {
    problems.iter().map(|p| format!("{file}: {p}")).collect()
}

/// Problems of a year list on its own (`file: path: message [code]`),
/// including relative edition files that do not exist.
pub fn check_year_file(file: &str, text: &str) -> Vec<String> {
    match read_archive_year(text) {
        Err(problems) => lines(file, &problems),
        Ok(year) => year
            .editions
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.url.starts_with("https://") && !e.url.starts_with('/'))
            .filter(|(_, e)| !Path::new(&resolve_url(file, &e.url)).is_file())
            .map(|(i, e)| {
                format!(
                    "{file}: $.editions[{i}].url: 文件 “{}” 不存在 [missing-file]",
                    e.url
                )
            })
            .collect(),
    }
}

/// Problems of an index's archive fields and of every year list it names.
pub fn check_index_files(file: &str, text: &str, index: &EditionIndex) -> Vec<String> {
    let archive = match read_index_archive(text) {
        Err(problems) => return lines(file, &problems),
        Ok(a) => a,
    };
    let mut out = lines(file, &check_index_years(index, &archive));
    for (i, y) in archive.years.iter().enumerate() {
        if y.url.starts_with("https://") {
            continue;
        }
        let path = resolve_url(file, &y.url);
        let Ok(text) = std::fs::read_to_string(&path) else {
            out.push(format!(
                "{file}: $.years[{i}].url: 文件 “{}” 不存在 [missing-file]",
                y.url
            ));
            continue;
        };
        let own = check_year_file(&path, &text);
        if own.is_empty() {
            if let Ok(year) = read_archive_year(&text) {
                out.extend(lines(file, &check_year_against_index(index, i, y, &year)));
            }
        }
        out.extend(own);
    }
    out
}
