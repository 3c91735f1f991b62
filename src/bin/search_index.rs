//! Builds the search index of an editions folder, and optionally rewrites its
//! `index.json` with the per-year archive lists. The publish step calls the
//! same library functions; this binary serves the benchmark and the web team.
//!
//! Usage: `search-index EDITIONS_DIR OUT_DIR [--archive LATEST_N]`

use changji_epaper::{archive, search};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(editions), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("用法: search-index EDITIONS_DIR OUT_DIR [--archive LATEST_N]");
        return ExitCode::from(2);
    };
    let started = std::time::Instant::now();
    match search::write_index(Path::new(editions), Path::new(out)) {
        Ok(s) => println!(
            "{out}: {} 期 {} 篇，{} 个分片，索引 {} 字节，片段 {} 字节，{} 个文件，用时 {:.1} 秒",
            s.manifest.editions,
            s.manifest.articles,
            s.manifest.shard_count(),
            s.index_bytes,
            s.fragment_bytes,
            s.files,
            started.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("{editions}: {e}");
            return ExitCode::FAILURE;
        }
    }
    if let Some(n) = args.iter().position(|a| a == "--archive") {
        let latest: usize = args.get(n + 1).and_then(|v| v.parse().ok()).unwrap_or(30);
        // The index names the search manifest when the index sits above it.
        let search = Path::new(out)
            .strip_prefix(editions)
            .ok()
            .and_then(|rel| rel.to_str())
            .map(|rel| format!("{}/manifest.json", rel.trim_end_matches('/')));
        match archive::write_archive(Path::new(editions), latest, search.as_deref()) {
            Ok(files) => println!("{editions}: index.json 和 {} 个年度列表", files.years.len()),
            Err(e) => {
                eprintln!("{editions}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
