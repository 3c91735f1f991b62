//! Checks edition files and editions indexes the way the app reads them, and
//! prints every problem with its JSON path.
//!
//! Usage: `cargo run --bin validate-edition -- FILE…`. A file whose `format` is
//! the index's is read as an index, and every edition it lists is checked too.

use changji_epaper::archive;
use changji_epaper::edition::{
    check_entry, csp_warnings, decode, read_edition, read_index, resolve_url, Block, Edition,
    Problem, INDEX_FORMAT, MAX_EDITION_BYTES,
};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() || files.iter().any(|f| f == "-h" || f == "--help") {
        eprintln!("用法: validate-edition FILE…  (edition.json 或 index.json)");
        return ExitCode::from(2);
    }
    let mut failed = 0;
    for file in &files {
        failed += check_file(file);
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("{failed} 个文件有问题");
        ExitCode::FAILURE
    }
}

/// Returns how many files failed (the file itself and the editions it lists).
fn check_file(file: &str) -> usize {
    let Some(bytes) = read(file) else { return 1 };
    // Both kinds are checked against the larger cap here; the index's own
    // cap applies when it is read as an index.
    let text = match decode(&bytes, MAX_EDITION_BYTES) {
        Ok(text) => text,
        Err(problems) => return report(file, &problems),
    };
    if archive::is_archive_year(text) {
        let lines = archive::check_year_file(file, text);
        if lines.is_empty() {
            println!("{file}: 年度列表有效");
        }
        return report_lines(&lines);
    }
    if is_index(text) {
        check_index(file, text)
    } else {
        check_edition(file, text).0
    }
}

fn read(file: &str) -> Option<Vec<u8>> {
    std::fs::read(file)
        .map_err(|err| println!("{file}: 无法读取: {err}"))
        .ok()
}

/// An index lists `editions`; an edition has `pages`. The shape decides, so
/// that a wrong `format` tag is reported as such instead of as a wrong shape.
fn is_index(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Shape {
        #[serde(default)]
        format: Option<serde_json::Value>,
        #[serde(default)]
        editions: Option<serde::de::IgnoredAny>,
        #[serde(default)]
        pages: Option<serde::de::IgnoredAny>,
    }
    match serde_json::from_str::<Shape>(text) {
        Ok(shape) if shape.editions.is_some() => true,
        Ok(shape) if shape.pages.is_some() => false,
        Ok(shape) => shape.format.is_some_and(|f| f == INDEX_FORMAT),
        Err(_) => false,
    }
}

fn check_index(file: &str, text: &str) -> usize {
    let index = match read_index(text) {
        Err(problems) => return report(file, &problems),
        Ok(index) => index,
    };
    for warning in csp_warnings(&index) {
        println!("{file}: 警告: {warning}");
    }
    println!(
        "{file}: 目录有效，{} 期，最新 {}",
        index.editions.len(),
        index.latest
    );
    // The archive's per-year lists (`years` in the index).
    let mut failed = report_lines(&archive::check_index_files(file, text, &index));
    for (i, entry) in index.editions.iter().enumerate() {
        // An https entry is not a file here (and is warned about above).
        if entry.url.starts_with("https://") {
            continue;
        }
        let path = resolve_url(file, &entry.url);
        // Entries are read as editions: an index listing an index (or
        // itself) is reported, not followed round in circles.
        let checked = read(&path).map(|bytes| match decode(&bytes, MAX_EDITION_BYTES) {
            Ok(text) => check_edition(&path, text),
            Err(problems) => (report(&path, &problems), None),
        });
        match checked {
            None => failed += 1,
            Some((edition_failed, edition)) => {
                failed += edition_failed;
                let mismatch = edition
                    .map(|e| check_entry(i, entry, &e))
                    .unwrap_or_default();
                if !mismatch.is_empty() {
                    failed += report(file, &mismatch);
                }
            }
        }
    }
    failed
}

/// Returns 1 if the edition failed, and the edition if it could be read.
fn check_edition(file: &str, text: &str) -> (usize, Option<Edition>) {
    match read_edition(text) {
        Err(problems) => (report(file, &problems), None),
        Ok(edition) => {
            let missing = missing_files(file, &edition);
            for m in &missing {
                println!("{file}: {m}");
            }
            println!(
                "{file}: {} {} 总第{}期：{} 个版面，{} 篇文章{}",
                edition.publication.name,
                edition.date,
                edition.issue_number,
                edition.pages.len(),
                edition.articles.len(),
                if edition.test_data {
                    "（测试数据）"
                } else {
                    ""
                }
            );
            (usize::from(!missing.is_empty()), Some(edition))
        }
    }
}

/// Relative image and PDF files named by the edition that are not on disk.
fn missing_files(file: &str, e: &Edition) -> Vec<String> {
    let pages = e.pages.iter().enumerate().flat_map(|(i, p)| {
        let images = p.images.iter().chain(&p.thumbnail).enumerate();
        let images =
            images.map(move |(j, img)| (format!("$.pages[{i}] 图片 {j}"), img.url.clone()));
        images.chain(p.pdf.clone().map(|pdf| (format!("$.pages[{i}].pdf"), pdf)))
    });
    let figures = e.articles.iter().enumerate().flat_map(|(i, a)| {
        a.body.iter().enumerate().filter_map(move |(j, b)| match b {
            Block::Figure {
                image: Some(img), ..
            } => Some((
                format!("$.articles[{i}].body[{j}].image.url"),
                img.url.clone(),
            )),
            _ => None,
        })
    });
    pages
        .chain(figures)
        // https and site-absolute URLs are not files beside the edition.
        .filter(|(_, url)| !url.starts_with("https://") && !url.starts_with('/'))
        .filter(|(_, url)| !Path::new(&resolve_url(file, url)).is_file())
        .map(|(path, url)| format!("{path}: 文件 “{url}” 不存在 [missing-file]"))
        .collect()
}

fn report_lines(lines: &[String]) -> usize {
    lines.iter().for_each(|l| println!("{l}"));
    usize::from(!lines.is_empty())
}

fn report(file: &str, problems: &[Problem]) -> usize {
    for p in problems {
        println!("{file}: {p}");
    }
    println!("{file}: {} 个问题", problems.len());
    1
}
