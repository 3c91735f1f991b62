//! What the publish step writes for search and the archive: the search index
//! (`search/`), the index with its per-year lists (`editions/index.json`,
//! `editions/archive/{year}.json`: the latest editions plus `years`), and
//! the search screen's shell page (`search/index.html`).
//!
//! The shards are rebuilt only when some edition changed (a stamp of every
//! edition's stamp); fragments are written for the editions rendered now,
//! and for any whose folder is missing.

use super::document::Head;
use super::{write, Options, PublishError, Published};
use crate::archive::build_archive;
use crate::edition::Edition;
use crate::search::{fragment_files, IndexBuilder};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// Editions listed in `index.json`; the rest are in the year lists.
pub const LATEST: usize = 30;
const SEARCH_STAMP: &str = "search/.built";

fn io(path: &Path) -> impl Fn(std::io::Error) -> PublishError + '_ {
    move |e| PublishError::Io(path.to_path_buf(), e)
}

fn put(path: &Path, bytes: &[u8]) -> Result<(), PublishError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    std::fs::write(path, bytes).map_err(io(path))
}

/// The search index of `editions` (newest first) under `out/search/`;
/// returns whether the shards were rebuilt.
pub fn write_search(
    out: &Path,
    editions: &[Published],
    rendered: &[String],
) -> Result<bool, PublishError> {
    let dir = out.join("search");
    for p in editions {
        let folder = dir.join("f").join(&p.edition.date);
        if rendered.contains(&p.edition.date) || !folder.is_dir() {
            for (path, json) in fragment_files(&p.edition) {
                put(&dir.join(path), json.as_bytes())?;
            }
        }
    }
    let mut stamp = DefaultHasher::new();
    for p in editions {
        p.stamp.hash(&mut stamp);
    }
    let stamp = format!("{:016x}\n", stamp.finish());
    let stamp_path = out.join(SEARCH_STAMP);
    if std::fs::read_to_string(&stamp_path).ok().as_deref() == Some(stamp.as_str())
        && dir.join("manifest.json").is_file()
    {
        return Ok(false);
    }
    let mut builder = IndexBuilder::default();
    for p in editions.iter().rev() {
        builder.add(&p.edition).map_err(|e| {
            PublishError::Invalid(
                dir.clone(),
                vec![crate::edition::Problem::new(
                    "search-index",
                    "$.date".into(),
                    format!("{}: 无法编入检索索引（{e:?}）", p.edition.date),
                )],
            )
        })?;
    }
    let index = builder.finish();
    // Shards of an earlier layout (another shard count) must not linger.
    let shards = dir.join("s");
    if shards.is_dir() {
        std::fs::remove_dir_all(&shards).map_err(io(&shards))?;
    }
    let mut files = index.files();
    // The manifest comes first in `files`: written last, once all it names is there.
    files.rotate_left(1);
    for (path, bytes) in &files {
        put(&dir.join(path), bytes)?;
    }
    put(&stamp_path, stamp.as_bytes())?;
    Ok(true)
}

/// `editions/index.json` (the latest editions, `years`, `search`) and one
/// list per year, next to the copied editions in `out/editions/`.
pub fn write_lists(out: &Path, editions: &[Published]) -> Result<(), PublishError> {
    let pairs: Vec<(String, &Edition)> = editions
        .iter()
        .map(|p| (p.folder.clone(), p.edition.as_ref()))
        .collect();
    let pairs: Vec<(&str, &Edition)> = pairs.iter().map(|(f, e)| (f.as_str(), *e)).collect();
    let dir = out.join("editions");
    let Some(files) = build_archive(&pairs, LATEST, Some("../search/manifest.json")) else {
        return Ok(());
    };
    let lists = dir.join("archive");
    if lists.is_dir() {
        std::fs::remove_dir_all(&lists).map_err(io(&lists))?;
    }
    for (path, json) in &files.years {
        write(&dir.join(path), json)?;
    }
    write(&dir.join("index.json"), &files.index)
}

/// The search screen's address as a file: the app's shell, which reads
/// `?q=` and shows the results (a shared search link loads).
pub fn search_page(opts: &Options) -> String {
    let head = Head {
        title: "检索 · 昌吉日报数字报".into(),
        description: "检索昌吉日报数字报的文章：本期和全部往期。".into(),
        canonical: None,
        extra: "<meta name=\"robots\" content=\"noindex\">\n".into(),
    };
    opts.template.page(&opts.site, &head, None)
}
