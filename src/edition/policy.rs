//! Rules that span two files (an index entry and the edition it names), and
//! what the shipped Content-Security-Policy lets the app load.

use super::validate::clip;
use super::{Edition, EditionIndex, IndexEntry, Problem};

/// `connect-src` of the CSP in `deploy/nginx/epaper.conf`: the app may fetch
/// (index, editions) from its own origin only.
pub const CSP_CONNECT_SRC: &str = "'self'";
/// `img-src`: pictures may come from the own origin or any https host.
pub const CSP_IMG_SRC: &str = "'self' https:";

/// The index entry at `$.editions[i]` and the edition it points to must
/// describe the same day, or a link made from the edition's date (the address
/// bar, a shared link) names an edition the index does not have.
pub fn check_entry(i: usize, entry: &IndexEntry, edition: &Edition) -> Vec<Problem> {
    let mut problems = Vec::new();
    if entry.date != edition.date {
        problems.push(Problem::new(
            "index-edition-date",
            format!("$.editions[{i}].date"),
            format!(
                "目录里这一期的日期是 {}，但它指向的期刊数据（{}）的日期是 “{}”：两者须一致",
                clip(&entry.date),
                clip(&entry.url),
                clip(&edition.date)
            ),
        ));
    }
    problems
}

/// Warnings (not errors: the deployment decides) for what the shipped CSP
/// blocks. Pictures may be on any https host (`img-src 'self' https:`), so
/// only the edition files themselves can be blocked: they are fetched, and
/// `connect-src 'self'` allows this site only.
pub fn csp_warnings(index: &EditionIndex) -> Vec<Problem> {
    debug_assert_eq!(CSP_CONNECT_SRC, "'self'");
    index
        .editions
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry.url.starts_with("https://"))
        .take(super::report::MAX_PER_RULE)
        .map(|(i, entry)| {
            Problem::new(
                "csp-blocked",
                format!("$.editions[{i}].url"),
                format!(
                    "地址 “{}” 是绝对地址：本站的内容安全策略（connect-src 'self'）只允许阅读程序读取本站的文件，这一期若不在本站，读者会看到“被浏览器拦截”。请改用相对于 index.json 的地址",
                    clip(&entry.url)
                ),
            )
        })
        .collect()
}
