//! Writes the search folder from the editions folder (publish time).

use super::index::{fragment_files, IndexBuilder, Manifest};
use crate::edition::read_edition;
use std::io;
use std::path::Path;

/// What was written, for the publish log and the benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteSummary {
    pub manifest: Manifest,
    /// Bytes of the manifest and the shards.
    pub index_bytes: u64,
    /// Bytes of the fragments (one per article).
    pub fragment_bytes: u64,
    pub files: u64,
}

/// Indexes every `*/edition.json` under `editions` (oldest first, one at a
/// time, so ten years fit in memory) into `out`: fragments first, then the
/// shards, then `manifest.json` (a reader who has it finds all it names).
/// An edition that fails the checks stops it with its problems.
pub fn write_index(editions: &Path, out: &Path) -> io::Result<WriteSummary> {
    let mut folders: Vec<_> = std::fs::read_dir(editions)?
        .filter_map(Result::ok)
        .map(|e| e.path().join("edition.json"))
        .filter(|p| p.is_file())
        .collect();
    folders.sort();
    let mut builder = IndexBuilder::default();
    let mut summary = (0u64, 0u64);
    for file in folders {
        let text = std::fs::read_to_string(&file)?;
        let edition = read_edition(&text).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            invalid(format!("{}: {}", file.display(), list.join("; ")))
        })?;
        builder
            .add(&edition)
            .map_err(|e| invalid(format!("{}: {e:?}", file.display())))?;
        for (path, json) in fragment_files(&edition) {
            put(&out.join(path), json.as_bytes())?;
            summary.0 += json.len() as u64;
            summary.1 += 1;
        }
    }
    let index = builder.finish();
    let mut files = index.files();
    // The manifest comes first in `files`: write it last.
    files.rotate_left(1);
    let mut index_bytes = 0;
    for (path, bytes) in &files {
        put(&out.join(path), bytes)?;
        index_bytes += bytes.len() as u64;
    }
    Ok(WriteSummary {
        manifest: index.manifest,
        index_bytes,
        fragment_bytes: summary.0,
        files: summary.1 + files.len() as u64,
    })
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

fn put(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, bytes)
}
