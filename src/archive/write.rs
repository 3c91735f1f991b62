//! Writes `index.json` and the per-year lists from the editions folder: what
//! the publish step calls after it has added an edition.

use super::{ArchiveEntry, ArchiveYear, YearRef, ARCHIVE_FORMAT};
use crate::edition::{read_edition, Edition, INDEX_FORMAT, SUPPORTED_VERSION};
use serde::Serialize;
use std::io;
use std::path::Path;

/// The files to write, as (path relative to the editions folder, JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveFiles {
    /// `archive/2025.json`…, newest year first.
    pub years: Vec<(String, String)>,
    /// `index.json`: written last, once every list it names is in place.
    pub index: String,
}

#[derive(Serialize)]
struct IndexOut<'a> {
    format: &'a str,
    version: u32,
    publication: &'a str,
    latest: &'a str,
    editions: Vec<ArchiveEntry>,
    years: Vec<YearRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    search: Option<&'a str>,
}

/// A URL from `folder/edition.json`, seen from a file `up` folders above it
/// (`index.json`: 0; `archive/2025.json`: 1).
fn rebase(folder: &str, url: &str, up: usize) -> String {
    if url.starts_with("https://") || url.starts_with('/') {
        return url.to_string();
    }
    // `folder/../shared/p.svg` is written `shared/p.svg`.
    let mut parts: Vec<&str> = vec![folder];
    for segment in url.split('/') {
        match segment {
            "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("{}{}", "../".repeat(up), parts.join("/"))
}

fn entry(folder: &str, e: &Edition, up: usize, page_images: bool) -> ArchiveEntry {
    let thumbnail = e
        .pages
        .first()
        .and_then(|p| p.thumbnail.as_ref())
        .map(|t| rebase(folder, &t.url, up));
    let page_images = if page_images {
        e.pages
            .iter()
            .filter_map(|p| p.rendition_for(1200.0))
            .map(|i| rebase(folder, &i.url, up))
            .collect()
    } else {
        Vec::new()
    };
    ArchiveEntry {
        date: e.date.clone(),
        issue_number: e.issue_number,
        url: rebase(folder, "edition.json", up),
        thumbnail,
        page_images,
    }
}

/// The index (latest `latest_n` editions plus `years`) and one list per year,
/// from `(folder name, edition)` pairs in any order. `search` is the search
/// manifest's URL relative to the index, if any. `None` without editions.
pub fn build_archive(
    editions: &[(&str, &Edition)],
    latest_n: usize,
    search: Option<&str>,
) -> Option<ArchiveFiles> {
    let mut sorted: Vec<&(&str, &Edition)> = editions.iter().collect();
    sorted.sort_by(|a, b| b.1.date.cmp(&a.1.date));
    let (_, newest) = sorted.first()?;
    let mut years: Vec<(i32, Vec<ArchiveEntry>)> = Vec::new();
    for (folder, e) in &sorted {
        let year: i32 = e.date.get(0..4)?.parse().ok()?;
        if years.last().is_none_or(|(y, _)| *y != year) {
            years.push((year, Vec::new()));
        }
        years.last_mut()?.1.push(entry(folder, e, 1, false));
    }
    let refs = years
        .iter()
        .map(|(year, list)| YearRef {
            year: *year,
            url: format!("archive/{year}.json"),
            count: list.len() as u32,
        })
        .collect();
    let publication = newest.publication.name.clone();
    let index = IndexOut {
        format: INDEX_FORMAT,
        version: SUPPORTED_VERSION,
        publication: &publication,
        latest: &newest.date,
        editions: sorted
            .iter()
            .take(latest_n.max(1))
            .map(|(folder, e)| entry(folder, e, 0, true))
            .collect(),
        years: refs,
        search,
    };
    let years = years
        .into_iter()
        .map(|(year, editions)| {
            let file = ArchiveYear {
                format: ARCHIVE_FORMAT.into(),
                version: SUPPORTED_VERSION,
                publication: publication.clone(),
                year,
                editions,
            };
            let json = serde_json::to_string_pretty(&file).unwrap_or_default() + "\n";
            (format!("archive/{year}.json"), json)
        })
        .collect();
    Some(ArchiveFiles {
        years,
        index: serde_json::to_string_pretty(&index).unwrap_or_default() + "\n",
    })
}

/// Reads every `*/edition.json` under `dir` and (re)writes `dir/index.json`
/// and `dir/archive/{year}.json`, each through a temporary file and a rename
/// so a reader never sees half a file; the index last. An edition that does
/// not pass the checks stops it (nothing written) with its problems.
pub fn write_archive(
    dir: &Path,
    latest_n: usize,
    search: Option<&str>,
) -> io::Result<ArchiveFiles> {
    let mut editions: Vec<(String, Edition)> = Vec::new();
    let mut folders: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.path().join("edition.json").is_file())
        .collect();
    folders.sort_by_key(|e| e.file_name());
    for folder in folders {
        let file = folder.path().join("edition.json");
        let text = std::fs::read_to_string(&file)?;
        let edition = read_edition(&text).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: {}", file.display(), list.join("; ")),
            )
        })?;
        editions.push((folder.file_name().to_string_lossy().into_owned(), edition));
    }
    let pairs: Vec<(&str, &Edition)> = editions.iter().map(|(f, e)| (f.as_str(), e)).collect();
    let files = build_archive(&pairs, latest_n, search).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!("{}: 没有任何一期", dir.display()),
        )
    })?;
    std::fs::create_dir_all(dir.join("archive"))?;
    for (path, json) in &files.years {
        replace(&dir.join(path), json)?;
    }
    replace(&dir.join("index.json"), &files.index)?;
    Ok(files)
}

fn replace(path: &Path, text: &str) -> io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}
