//! The message protocol between the e-paper and a host app (the 丝路昌吉
//! app's webview, or a page that frames the e-paper). Plain Rust: what goes
//! out is built here, and what comes in is checked here, so that only the
//! documented commands with valid arguments ever reach the app.
//! See docs/embedding.md.

use crate::edition::json::{Node, Path, Read};
use crate::edition::{is_article_id, is_iso_date};
use crate::route::Place;

/// Protocol version, sent with every message.
pub const PROTOCOL: u32 = 1;
/// Default name of the host's bridge object (`window.<name>` on Android,
/// `webkit.messageHandlers.<name>` on iOS); a host may choose another.
pub const DEFAULT_BRIDGE_NAME: &str = "CjEpaperHost";
/// Text size the host may set, as a factor of the normal size (the refusal
/// in `parse_incoming` spells it out).
pub const TEXT_SCALE: (f64, f64) = (0.8, 2.0);

/// Messages the e-paper sends to the host.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing {
    Ready {
        edition: String,
        page: u32,
    },
    PageChanged {
        edition: String,
        page: u32,
    },
    ArticleOpened {
        id: String,
        title: String,
        url: String,
    },
    ShareRequested {
        title: String,
        url: String,
        summary: String,
    },
    Error {
        message: String,
    },
}

impl Outgoing {
    /// The message as one JSON object, written by hand: serde_json's writer
    /// would add its machinery to the module for five small objects, and one
    /// loop over the fields is smaller than a `format!` per message.
    pub fn to_json(&self) -> String {
        use Field::{Number, Text};
        let (kind, fields): (&str, [(&str, Field); 3]) = match self {
            Outgoing::Ready { edition, page } => (
                "ready",
                [("edition", Text(edition)), ("page", Number(*page)), NONE],
            ),
            Outgoing::PageChanged { edition, page } => (
                "page-changed",
                [("edition", Text(edition)), ("page", Number(*page)), NONE],
            ),
            Outgoing::ArticleOpened { id, title, url } => (
                "article-opened",
                [("id", Text(id)), ("title", Text(title)), ("url", Text(url))],
            ),
            Outgoing::ShareRequested {
                title,
                url,
                summary,
            } => (
                "share",
                [
                    ("title", Text(title)),
                    ("url", Text(url)),
                    ("summary", Text(summary)),
                ],
            ),
            Outgoing::Error { message } => ("error", [("message", Text(message)), NONE, NONE]),
        };
        let mut out = String::from(r#"{"type":""#);
        out.push_str(kind);
        out.push('"');
        for (key, value) in fields.iter().filter(|(key, _)| !key.is_empty()) {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":");
            match value {
                Text(s) => quote_into(&mut out, s),
                Number(n) => out.push_str(&n.to_string()),
            }
        }
        out.push_str(r#","protocol":"#);
        out.push_str(&PROTOCOL.to_string());
        out.push_str(r#","source":"#);
        quote_into(&mut out, SOURCE);
        out.push('}');
        out
    }
}

/// The `source` of every message we send: a same-window host's commands and
/// our own messages arrive as the same `message` events.
const SOURCE: &str = "changji-epaper";

enum Field<'a> {
    Text(&'a str),
    Number(u32),
}

/// No field (messages have up to three).
const NONE: (&str, Field) = ("", Field::Number(0));

/// Commands a host may send.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// Open a date, page and/or article.
    Open(Place),
    /// Scale the reader's text (1.0 normal).
    TextSize(f64),
}

/// Appends `s` as a JSON string: quotes, backslashes and control characters
/// escaped, and U+2028/2029, which old JavaScript engines do not take inside
/// a string.
fn quote_into(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c < ' ' || c == '\u{2028}' || c == '\u{2029}' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = c as usize;
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(char::from(HEX[(n >> shift) & 15]));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Raw {
    kind: String,
    date: Option<String>,
    page: Option<u32>,
    article: Option<String>,
    scale: Option<f64>,
}

fn raw(v: &Node) -> Read<Option<Raw>> {
    let p = &Path::Root;
    v.object(p)?;
    // One of our own messages, heard back by a same-window host's page.
    if v.opt(p, "source", Node::string)?.as_deref() == Some(SOURCE) {
        return Ok(None);
    }
    Ok(Some(Raw {
        kind: v.req(p, "type", Node::string)?,
        date: v.opt(p, "date", Node::string)?,
        page: v.opt(p, "page", Node::uint)?,
        article: v.opt(p, "article", Node::string)?,
        scale: v.opt(p, "scale", Node::float)?,
    }))
}

/// Reads a host command sent as JSON text: see `read_command`.
pub fn parse_incoming(text: &str) -> Result<Option<Incoming>, String> {
    if text.len() > 4096 {
        return Err("message too long".into());
    }
    let node = Node::parse(text).map_err(|why| format!("not a command: {why}"))?;
    read_command(&node)
}

/// Reads a host command (the parsed JSON, or the object a host posted).
/// Anything not in the protocol is refused with a reason (for the console),
/// never acted on; our own messages, heard back, are `None`.
pub fn read_command(node: &Node) -> Result<Option<Incoming>, String> {
    let Some(raw) = raw(node).map_err(|p| format!("not a command: {p}"))? else {
        return Ok(None);
    };
    match raw.kind.as_str() {
        "open" => {
            if let Some(date) = raw.date.as_deref().filter(|d| !is_iso_date(d)) {
                return Err(format!("open: bad date '{date}'"));
            }
            if raw.page == Some(0) || raw.page.is_some_and(|p| p > 999) {
                return Err("open: page out of range".into());
            }
            if let Some(id) = raw.article.as_deref().filter(|a| !is_article_id(a)) {
                return Err(format!("open: bad article id '{}'", clip(id)));
            }
            if raw.date.is_none() && raw.page.is_none() && raw.article.is_none() {
                return Err("open: nothing to open".into());
            }
            Ok(Some(Incoming::Open(Place {
                date: raw.date,
                page: raw.page,
                article: raw.article,
            })))
        }
        "text-size" => match raw.scale {
            Some(s) if s.is_finite() && (TEXT_SCALE.0..=TEXT_SCALE.1).contains(&s) => {
                Ok(Some(Incoming::TextSize(s)))
            }
            // Not `{}` of the floats: that would bring float printing into the module.
            _ => Err("text-size: scale must be 0.8 to 2".into()),
        },
        // Plain text, not `{:?}`: the release build drops Debug formatting.
        other => Err(format!("unknown command '{}'", clip(other))),
    }
}

/// At most 40 characters of a refused value, for the console (an object
/// a host posts has no 4 KB limit as a whole).
fn clip(s: &str) -> &str {
    s.char_indices().nth(40).map_or(s, |(i, _)| &s[..i])
}

/// A bridge name a host may choose: a plain JavaScript identifier, and not
/// one of the page's own windows (`?bridge=opener` must not make the page
/// that opened the e-paper its host; host.rs also refuses any window object).
pub fn is_bridge_name(name: &str) -> bool {
    const WINDOWS: [&str; 7] = [
        "opener", "parent", "top", "self", "window", "frames", "content",
    ];
    (1..=40).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !name.as_bytes()[0].is_ascii_digit()
        && !WINDOWS.contains(&name)
}

/// Host commands that arrived since the app last acted on them, merged: a
/// burst of 500 `open`s costs one navigation (and one history entry), not 500.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PendingCommands {
    /// Where to go: the last `open`, with the date of an earlier one in the
    /// burst if it names none (`{date}` then `{page}` means that page of that date).
    pub open: Option<Place>,
    /// The last text size asked for.
    pub text_size: Option<f64>,
    /// How many commands were merged into these.
    pub merged: usize,
}

impl PendingCommands {
    /// Adds a command; true if it is the first since the last `take`, i.e.
    /// the caller must schedule acting on them.
    pub fn push(&mut self, command: Incoming) -> bool {
        let first = self.merged == 0;
        self.merged += 1;
        match command {
            Incoming::Open(mut place) => {
                if place.date.is_none() {
                    place.date = self.open.take().and_then(|p| p.date);
                }
                self.open = Some(place);
            }
            Incoming::TextSize(scale) => self.text_size = Some(scale),
        }
        first
    }

    pub fn take(&mut self) -> PendingCommands {
        std::mem::take(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::{json, Value};

    fn parse(v: Value) -> Result<Option<Incoming>, String> {
        match v {
            Value::String(s) => parse_incoming(&s),
            other => parse_incoming(&other.to_string()),
        }
    }

    #[test]
    fn outgoing_messages_are_tagged_json() {
        let m = Outgoing::ArticleOpened {
            id: "a".into(),
            title: "标题\"<\\\n\t\u{1}\u{7f}\u{2028}🙂".into(),
            url: "https://x/#/a".into(),
        };
        let json = m.to_json();
        assert!(
            json.starts_with(r#"{"type":"article-opened","id":"a","#),
            "{json}"
        );
        assert!(
            !json.contains('\u{2028}'),
            "escaped for old engines: {json}"
        );
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["type"], "article-opened");
        assert_eq!(v["title"], "标题\"<\\\n\t\u{1}\u{7f}\u{2028}🙂");
        assert_eq!(v["protocol"], 1);
    }

    #[test]
    fn valid_commands_are_read() {
        let open = parse(
            json!({"type": "open", "date": "2025-05-21", "page": 1, "article": "computing-centre"}),
        );
        assert_eq!(
            open,
            Ok(Some(Incoming::Open(Place {
                date: Some("2025-05-21".into()),
                page: Some(1),
                article: Some("computing-centre".into())
            })))
        );
        let size = parse_incoming(r#"{"type":"text-size","scale":1.25}"#);
        assert_eq!(size, Ok(Some(Incoming::TextSize(1.25))));
    }

    #[test]
    fn our_own_messages_heard_back_are_no_commands() {
        for m in [
            Outgoing::Ready {
                edition: "2025-05-21".into(),
                page: 1,
            },
            Outgoing::Error {
                message: "x".into(),
            },
        ] {
            assert_eq!(parse_incoming(&m.to_json()), Ok(None), "{m:?}");
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            json!({"type": "eval", "code": "alert(1)"}),
            json!({"type": "open"}),
            json!({"type": "open", "date": "tomorrow"}),
            json!({"type": "open", "page": 0}),
            json!({"type": "open", "article": "<img src=x onerror=alert(1)>"}),
            json!({"type": "text-size", "scale": 50}),
            json!({"type": "text-size"}),
            json!("not json"),
            json!(["open"]),
            json!(42),
            json!(null),
            Value::String("x".repeat(5000)),
        ] {
            assert!(parse(bad.clone()).is_err(), "{bad} must be refused");
        }
    }

    #[test]
    fn a_refusal_says_what_is_wrong() {
        let why = |v: Value| parse(v).unwrap_err();
        assert_eq!(
            why(json!({"type": "open", "date": "2025-13-45"})),
            "open: bad date '2025-13-45'"
        );
        assert_eq!(why(json!({"type": "eval"})), "unknown command 'eval'");
        let long = why(json!({"type": "open", "article": "x".repeat(3000)}));
        assert_eq!(long, format!("open: bad article id '{}'", "x".repeat(40)));
        assert!(
            why(json!({"date": "2025-05-21"})).contains("type"),
            "names the field"
        );
        assert!(why(json!({"type": 1})).contains("$.type"), "names the path");
        assert!(why(json!("{")).starts_with("not a command: "));
    }

    #[test]
    fn a_refused_text_size_names_the_range() {
        let why = parse_incoming(r#"{"type":"text-size","scale":50}"#).unwrap_err();
        let range = format!("{} to {}", TEXT_SCALE.0, TEXT_SCALE.1);
        assert!(why.ends_with(&range), "{why}");
    }

    #[test]
    fn bridge_names_are_identifiers_and_never_a_window() {
        assert!(is_bridge_name("CjEpaperHost"));
        assert!(is_bridge_name("silu_app2"));
        for bad in ["", "1abc", "a.b", "a-b", "alert(1)", &"x".repeat(41)] {
            assert!(!is_bridge_name(bad), "{bad}");
        }
        for window in ["opener", "parent", "top", "self", "window", "frames"] {
            assert!(!is_bridge_name(window), "{window} is a window, not a host");
        }
    }

    fn open(date: Option<&str>, page: Option<u32>) -> Incoming {
        Incoming::Open(Place {
            date: date.map(str::to_string),
            page,
            article: None,
        })
    }

    #[test]
    fn a_burst_of_commands_becomes_one_navigation() {
        let mut pending = PendingCommands::default();
        assert!(
            pending.push(open(Some("2025-05-21"), Some(1))),
            "first: schedule"
        );
        for n in 2..=500 {
            assert!(!pending.push(open(Some("2025-05-21"), Some(n % 8 + 1))));
        }
        assert!(!pending.push(Incoming::TextSize(1.5)));
        assert!(!pending.push(Incoming::TextSize(1.25)));
        let burst = pending.take();
        assert_eq!(burst.merged, 502);
        assert_eq!(
            burst.open.unwrap().page,
            Some(500 % 8 + 1),
            "the last open wins"
        );
        assert_eq!(burst.text_size, Some(1.25), "the last size wins");
        assert_eq!(pending, PendingCommands::default(), "taken");
        assert!(
            pending.push(Incoming::TextSize(1.0)),
            "a new burst schedules again"
        );
    }

    #[test]
    fn a_later_open_without_a_date_keeps_the_bursts_date() {
        let mut pending = PendingCommands::default();
        pending.push(open(Some("2025-05-20"), None));
        pending.push(open(None, Some(3)));
        let place = pending.take().open.unwrap();
        assert_eq!(
            (place.date.as_deref(), place.page),
            (Some("2025-05-20"), Some(3))
        );
        // Alone, a page-only open leaves the date to the app (the one shown).
        pending.push(open(None, Some(2)));
        assert_eq!(pending.take().open.unwrap().date, None);
    }
}
