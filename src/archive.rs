//! The archive at scale: `index.json` keeps its `editions` (now only the
//! latest ones, so older apps keep working) and gains `years`, one small
//! list per year (`archive/2025.json`) that readers download only when they
//! browse back. Additive fields only: format version 1 still applies.

mod check;
mod date;
#[cfg(any(test, target_arch = "wasm32"))]
mod read;
mod write;

pub use check::{check_index_files, check_year_file, is_archive_year};
pub use date::{
    add_months, date_of_day, day_number, days_in_month, month_grid, parse_date, weekday,
    weeks_in_month,
};
pub use write::{build_archive, write_archive, ArchiveFiles};

use crate::edition::{is_safe_url, EditionIndex, Problem, SUPPORTED_VERSION};
use serde::{Deserialize, Serialize};

/// The `format` tag of a per-year list.
pub const ARCHIVE_FORMAT: &str = "changji-epaper/archive";
/// A year's list is read only up to this size (366 entries are ~100 KB).
pub const MAX_ARCHIVE_BYTES: usize = 1024 * 1024;

/// The fields `index.json` gained for the archive (read from the same text
/// as the index; older apps ignore them).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct IndexArchive {
    /// Every year with editions, newest first.
    #[serde(default)]
    pub years: Vec<YearRef>,
    /// The search manifest, relative to the index, when there is a search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearRef {
    pub year: i32,
    /// The year's list, relative to the index: `archive/2025.json`.
    pub url: String,
    /// How many editions the list has.
    pub count: u32,
}

/// `archive/{year}.json`: every edition of one year, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchiveYear {
    pub format: String,
    pub version: u32,
    pub publication: String,
    pub year: i32,
    pub editions: Vec<ArchiveEntry>,
}

/// An edition in a list: the same fields as an `index.json` entry, with URLs
/// relative to the file that lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveEntry {
    pub date: String,
    pub issue_number: u32,
    pub url: String,
    #[serde(default)]
    pub thumbnail: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_images: Vec<String>,
}

/// Reads the archive fields of an index (the index itself is read by
/// `read_index`); every problem with its JSON path.
pub fn read_index_archive(text: &str) -> Result<IndexArchive, Vec<Problem>> {
    // The browser reads by hand (no serde_json in the module, read.rs).
    #[cfg(target_arch = "wasm32")]
    let fields =
        crate::edition::read_by_hand(text, crate::edition::MAX_INDEX_BYTES, read::index_archive)?;
    #[cfg(not(target_arch = "wasm32"))]
    let fields: IndexArchive = crate::edition::parse(text, crate::edition::MAX_INDEX_BYTES)?;
    let problems = validate_index_archive(&fields);
    if problems.is_empty() {
        Ok(fields)
    } else {
        Err(problems)
    }
}

pub fn read_archive_year(text: &str) -> Result<ArchiveYear, Vec<Problem>> {
    #[cfg(target_arch = "wasm32")]
    let year = crate::edition::read_by_hand(text, MAX_ARCHIVE_BYTES, read::archive_year)?;
    #[cfg(not(target_arch = "wasm32"))]
    let year: ArchiveYear = crate::edition::parse(text, MAX_ARCHIVE_BYTES)?;
    // The browser checks only that this is a list it can read (its reader,
    // read.rs, checks each address): dates, their year, order and
    // duplicates are the validator's, which the publish step runs
    // (docs/edition-format.md, 往期).
    #[cfg(target_arch = "wasm32")]
    let problems = check_tag(&year);
    #[cfg(not(target_arch = "wasm32"))]
    let problems = validate_archive_year(&year);
    if problems.is_empty() {
        Ok(year)
    } else {
        Err(problems)
    }
}

fn problem(code: &'static str, path: String, message: String) -> Problem {
    Problem::new(code, path, message)
}

fn check_url(out: &mut Vec<Problem>, path: String, url: &str) {
    if !is_safe_url(url) {
        let shown: String = url.chars().take(80).collect();
        out.push(problem(
            "url-scheme",
            path,
            format!("地址 “{shown}” 不可用：只接受 https:// 地址或相对地址"),
        ));
    }
}

/// Records `value`; false when it was recorded before. A Vec, not a HashSet:
/// the lists are short (a year's dates at most) and the wasm then links no
/// hash table code of its own.
fn first_time<T: PartialEq>(seen: &mut Vec<T>, value: T) -> bool {
    let new = !seen.contains(&value);
    if new {
        seen.push(value);
    }
    new
}

/// `years`: each year once, newest first, with a safe URL.
pub fn validate_index_archive(a: &IndexArchive) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for (i, y) in a.years.iter().enumerate() {
        let path = format!("$.years[{i}]");
        if !(1900..=9999).contains(&y.year) {
            out.push(problem(
                "archive-year",
                format!("{path}.year"),
                format!("年份 {} 无效：应为四位数的年份，如 2025", y.year),
            ));
        } else if !first_time(&mut seen, y.year) {
            out.push(problem(
                "archive-year",
                format!("{path}.year"),
                format!("年份 {} 在 years 里出现了两次", y.year),
            ));
        } else if i > 0
            && (1900..=9999).contains(&a.years[i - 1].year)
            && a.years[i - 1].year < y.year
        {
            out.push(problem(
                "archive-order",
                format!("{path}.year"),
                format!(
                    "年份 {} 排在 {} 之后：years 须从新到旧排列",
                    y.year,
                    a.years[i - 1].year
                ),
            ));
        }
        check_url(&mut out, format!("{path}.url"), &y.url);
    }
    if let Some(search) = &a.search {
        check_url(&mut out, "$.search".into(), search);
    }
    out
}

/// The list's `format` and `version`: a file the app can read as a year's list.
fn check_tag(y: &ArchiveYear) -> Vec<Problem> {
    let mut out = Vec::new();
    if y.format != ARCHIVE_FORMAT {
        let shown: String = y.format.chars().take(80).collect();
        out.push(problem(
            "archive-format",
            "$.format".into(),
            format!("应为 “{ARCHIVE_FORMAT}”，实际是 “{shown}”"),
        ));
    }
    if y.version != SUPPORTED_VERSION {
        out.push(problem(
            "version",
            "$.version".into(),
            format!(
                "本程序只读第 {SUPPORTED_VERSION} 版格式，文件是第 {} 版",
                y.version
            ),
        ));
    }
    out
}

/// A year's list on its own: format, version, dates in that year, each once,
/// newest first, safe URLs.
#[cfg(not(target_arch = "wasm32"))]
pub fn validate_archive_year(y: &ArchiveYear) -> Vec<Problem> {
    let mut out = check_tag(y);
    let mut seen = Vec::new();
    for (i, e) in y.editions.iter().enumerate() {
        let path = format!("$.editions[{i}]");
        match parse_date(&e.date) {
            None => out.push(problem(
                "date",
                format!("{path}.date"),
                format!(
                    "日期 “{}” 无效：应为 YYYY-MM-DD，例如 2025-05-21",
                    e.date.chars().take(40).collect::<String>()
                ),
            )),
            Some((year, ..)) if year != y.year => out.push(problem(
                "archive-year",
                format!("{path}.date"),
                format!("日期 {} 不在本文件的年份 {} 里", e.date, y.year),
            )),
            Some(_) if !first_time(&mut seen, e.date.as_str()) => out.push(problem(
                "index-duplicate-date",
                format!("{path}.date"),
                format!("日期 {} 在列表里出现了两次", e.date),
            )),
            Some(_) if i > 0 && y.editions[i - 1].date < e.date => out.push(problem(
                "archive-order",
                format!("{path}.date"),
                format!(
                    "日期 {} 排在 {} 之后：各期须从新到旧排列",
                    e.date,
                    y.editions[i - 1].date
                ),
            )),
            Some(_) => {}
        }
        check_url(&mut out, format!("{path}.url"), &e.url);
        if let Some(t) = &e.thumbnail {
            check_url(&mut out, format!("{path}.thumbnail"), t);
        }
        for (j, u) in e.page_images.iter().enumerate() {
            check_url(&mut out, format!("{path}.page_images[{j}]"), u);
        }
    }
    out
}

/// Checks a year's list against the index that names it (`years[i]`): same
/// year, the count it promises, and every index entry of that year listed.
pub fn check_year_against_index(
    index: &EditionIndex,
    i: usize,
    y_ref: &YearRef,
    year: &ArchiveYear,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let path = format!("$.years[{i}]");
    if year.year != y_ref.year {
        out.push(problem(
            "archive-year",
            format!("{path}.year"),
            format!("目录说是 {} 年，文件里是 {} 年", y_ref.year, year.year),
        ));
    }
    if year.editions.len() != y_ref.count as usize {
        out.push(problem(
            "archive-count",
            format!("{path}.count"),
            format!(
                "目录说 {} 年有 {} 期，列表里有 {} 期",
                y_ref.year,
                y_ref.count,
                year.editions.len()
            ),
        ));
    }
    let mut listed: Vec<&str> = year.editions.iter().map(|e| e.date.as_str()).collect();
    listed.sort_unstable();
    for (j, e) in index.editions.iter().enumerate() {
        if e.date.starts_with(&format!("{:04}-", y_ref.year))
            && listed.binary_search(&e.date.as_str()).is_err()
        {
            out.push(problem(
                "archive-missing",
                format!("$.editions[{j}].date"),
                format!(
                    "{} 在目录里，但不在 {} 年的列表 {} 里",
                    e.date, y_ref.year, y_ref.url
                ),
            ));
        }
    }
    out
}

/// Every index entry's year must be among `years` once there are years.
pub fn check_index_years(index: &EditionIndex, a: &IndexArchive) -> Vec<Problem> {
    if a.years.is_empty() {
        return Vec::new();
    }
    let years: Vec<i32> = a.years.iter().map(|y| y.year).collect();
    index
        .editions
        .iter()
        .enumerate()
        .filter_map(|(j, e)| {
            let (year, ..) = parse_date(&e.date)?;
            (!years.contains(&year)).then(|| {
                problem(
                    "archive-missing",
                    format!("$.editions[{j}].date"),
                    format!("{} 年不在 years 里：每一期所在的年份都须有列表", year),
                )
            })
        })
        .collect()
}
