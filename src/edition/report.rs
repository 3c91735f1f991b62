//! Problems found in a file, and the report that collects them with a cap per
//! rule: a hostile file with a million broken references costs a million
//! cheap checks, not a million messages (memory, console, the validator's output).

use std::fmt;

/// Problems kept per rule; the rest are counted and summed up in one entry.
pub const MAX_PER_RULE: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Stable rule name, e.g. `region-outside`.
    pub code: &'static str,
    /// Where, as a JSON path: `$.articles[2].regions[0].points[1]`.
    pub path: String,
    /// What is wrong and what was expected, in Chinese.
    pub message: String,
}

impl Problem {
    pub fn new(code: &'static str, path: String, message: String) -> Self {
        Problem {
            code,
            path,
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.path, self.message, self.code)
    }
}

/// Collects problems as the checks walk the document.
#[derive(Default)]
pub(super) struct Report {
    problems: Vec<Problem>,
    /// Per rule: how many were found (kept or not). Few rules: a list will do.
    counts: Vec<(&'static str, usize)>,
}

impl Report {
    pub fn add(&mut self, code: &'static str, path: impl Into<String>, message: impl Into<String>) {
        self.add_with(code, || (path.into(), message.into()));
    }

    /// Adds a problem whose path and message are only built if it is kept.
    pub fn add_with(&mut self, code: &'static str, make: impl FnOnce() -> (String, String)) {
        if self.count(code) < MAX_PER_RULE {
            let (path, message) = make();
            self.problems.push(Problem::new(code, path, message));
        }
        self.bump(code);
    }

    fn count(&self, code: &'static str) -> usize {
        self.counts
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(0, |(_, n)| *n)
    }

    fn bump(&mut self, code: &'static str) {
        match self.counts.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => self.counts.push((code, 1)),
        }
    }

    /// The problems, each rule's overflow summed up after its last kept entry.
    pub fn finish(self) -> Vec<Problem> {
        let mut out = self.problems;
        for (code, n) in self.counts {
            if n > MAX_PER_RULE {
                out.push(Problem::new(
                    code,
                    "$".into(),
                    format!(
                        "……同类问题还有 {} 个未列出（每条规则只列出前 {MAX_PER_RULE} 个）",
                        n - MAX_PER_RULE
                    ),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_keeps_fifty_and_counts_the_rest() {
        let mut r = Report::default();
        for i in 0..1000 {
            r.add("region-outside", format!("$.p[{i}]"), "x");
        }
        r.add("date", "$.date", "y");
        let built = std::cell::Cell::new(0);
        r.add_with("region-outside", || {
            built.set(1);
            (String::new(), String::new())
        });
        assert_eq!(built.get(), 0, "a dropped problem's message is not built");
        let out = r.finish();
        assert_eq!(out.len(), MAX_PER_RULE + 2);
        assert_eq!(out[MAX_PER_RULE - 1].path, "$.p[49]");
        assert_eq!(out[MAX_PER_RULE].code, "date");
        let last = out.last().unwrap();
        assert_eq!((last.code, last.path.as_str()), ("region-outside", "$"));
        assert!(last.message.contains("还有 951 个"), "{last}");
    }
}
