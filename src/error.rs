//! Every way loading can fail, and what the reader and the web team are told.

use crate::edition::Problem;

#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// No answer: offline, DNS, refused, CORS.
    Network(String),
    /// No answer within the time limit.
    Timeout,
    /// The server answered with an error status.
    Http { status: u16, url: String },
    /// The file arrived but breaks the format.
    Invalid { url: String, problems: Vec<Problem> },
    /// The link names a date the index does not have.
    NoSuchEdition(String),
    /// The browser refused to make the request: the page's Content-Security-
    /// Policy does not allow that address (e.g. an edition on another site).
    Blocked { url: String },
}

impl LoadError {
    /// What the reader sees: plain Chinese, no jargon.
    pub fn reader_message(&self) -> String {
        match self {
            LoadError::Network(_) => "网络连接失败，请检查网络后重试。".into(),
            LoadError::Timeout => "网络太慢，报纸没能及时加载，请重试。".into(),
            LoadError::Http { status: 404, .. } => "这一期报纸暂时找不到，可能尚未发布。".into(),
            LoadError::Http { status, .. } if *status >= 500 => {
                "报纸服务器暂时出了问题，请稍后重试。".into()
            }
            LoadError::Http { .. } => "报纸暂时无法打开，请稍后重试。".into(),
            LoadError::Invalid { problems, .. }
                if problems.iter().any(|p| p.code == "encoding") =>
            {
                "这一期报纸的文件编码有误（不是 UTF-8），暂时无法显示。我们已记录问题。".into()
            }
            LoadError::Invalid { .. } => {
                "这一期报纸的数据有误，暂时无法显示。我们已记录问题。".into()
            }
            LoadError::NoSuchEdition(date) => format!("没有找到 {date} 的报纸。"),
            LoadError::Blocked { .. } => {
                "这一期报纸存放在本站以外的地址，被浏览器的安全设置拦截，无法打开。我们已记录问题。"
                    .into()
            }
        }
    }

    /// What the web team reads in the console: URL, status and every problem with its path.
    pub fn detail(&self) -> String {
        match self {
            LoadError::Network(why) => format!("network error: {why}"),
            LoadError::Timeout => "request timed out".into(),
            LoadError::Http { status, url } => format!("HTTP {status} for {url}"),
            LoadError::Invalid { url, problems } => {
                let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
                format!("{url} is not a valid edition:\n{}", lines.join("\n"))
            }
            LoadError::NoSuchEdition(date) => format!("the index lists no edition dated {date}"),
            LoadError::Blocked { url } => format!(
                "{url} was blocked by the Content-Security-Policy (connect-src): serve editions from this site, with URLs relative to index.json"
            ),
        }
    }

    /// Whether trying again can help: not for a date the index does not
    /// have, nor for an address the page's policy forbids (the same request
    /// would be blocked again). A broken edition may be republished,
    /// corrected, under the same name.
    pub fn retryable(&self) -> bool {
        !matches!(
            self,
            LoadError::NoSuchEdition(_) | LoadError::Blocked { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_get_chinese_and_the_web_team_gets_paths() {
        let err = LoadError::Invalid {
            url: "editions/x/edition.json".into(),
            problems: vec![Problem::new(
                "region-outside",
                "$.articles[0].regions[0].points[1]".into(),
                "点在版面之外".into(),
            )],
        };
        assert!(err.reader_message().contains("数据有误"));
        assert!(err.detail().contains("$.articles[0].regions[0].points[1]"));
        let e404 = LoadError::Http {
            status: 404,
            url: "a".into(),
        };
        assert!(e404.reader_message().contains("找不到"));
        assert!(LoadError::Http {
            status: 503,
            url: "a".into()
        }
        .reader_message()
        .contains("服务器"));
        assert!(!LoadError::NoSuchEdition("2025-01-01".into()).retryable());
        assert!(LoadError::Timeout.retryable());
    }

    #[test]
    fn a_blocked_request_is_named_and_not_retried() {
        let err = LoadError::Blocked {
            url: "https://other.example/e.json".into(),
        };
        assert!(
            err.reader_message().contains("拦截"),
            "{}",
            err.reader_message()
        );
        assert!(
            !err.reader_message().contains("网络"),
            "not a network failure"
        );
        assert!(!err.reader_message().contains("重试"));
        assert!(!err.retryable(), "the same request would be blocked again");
        assert!(err.detail().contains("Content-Security-Policy"));
        assert!(err.detail().contains("https://other.example/e.json"));
    }

    #[test]
    fn a_file_not_in_utf8_tells_readers_so() {
        let problems =
            crate::edition::read_edition_bytes(b"{\"format\": \"\xb2\xe2\"}").unwrap_err();
        let err = LoadError::Invalid {
            url: "e.json".into(),
            problems,
        };
        assert!(
            err.reader_message().contains("编码"),
            "{}",
            err.reader_message()
        );
        assert!(err.detail().contains("[encoding]") && err.detail().contains("UTF-8"));
    }
}
