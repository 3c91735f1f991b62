//! Reading an edition or index: size cap, encoding, parse, then validate
//! (natively; the browser reads by hand, reader.rs).

#[cfg(not(target_arch = "wasm32"))]
use super::{validate::version_message, validate_edition, validate_index, SUPPORTED_VERSION};
use super::{Edition, EditionIndex, Problem};
#[cfg(not(target_arch = "wasm32"))]
use serde::de::DeserializeOwned;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// Editions larger than this are refused before parsing: a real day's paper
/// with 16 pages and 200 articles is under 2 MiB.
pub const MAX_EDITION_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_INDEX_BYTES: usize = 1024 * 1024;

/// Parses and checks an edition. Every problem found is returned, not only the first.
///
/// In the browser: read by hand, and only what the reader checks (json.rs,
/// reader.rs: types, counts, addresses); `validate-edition` and the publish
/// step have checked the rest before the file was published.
pub fn read_edition(text: &str) -> Result<Edition, Vec<Problem>> {
    #[cfg(target_arch = "wasm32")]
    return parse_edition_by_hand(text);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let edition: Edition = parse(text, MAX_EDITION_BYTES)?;
        valid(edition, validate_edition)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn valid<T>(value: T, validate: fn(&T) -> Vec<Problem>) -> Result<T, Vec<Problem>> {
    let problems = validate(&value);
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

/// Parses and checks an editions index.
pub fn read_index(text: &str) -> Result<EditionIndex, Vec<Problem>> {
    #[cfg(target_arch = "wasm32")]
    return parse_index_by_hand(text);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let index: EditionIndex = parse(text, MAX_INDEX_BYTES)?;
        valid(index, validate_index)
    }
}

/// An edition file as it arrives: bytes, which must be UTF-8.
pub fn read_edition_bytes(bytes: &[u8]) -> Result<Edition, Vec<Problem>> {
    read_edition(decode(bytes, MAX_EDITION_BYTES)?)
}

pub fn read_index_bytes(bytes: &[u8]) -> Result<EditionIndex, Vec<Problem>> {
    read_index(decode(bytes, MAX_INDEX_BYTES)?)
}

/// The text of a file: at most `limit` bytes, UTF-8, with or without a BOM
/// (editors on Windows write one). GBK is refused, not shown as mojibake.
pub fn decode(bytes: &[u8], limit: usize) -> Result<&str, Vec<Problem>> {
    check_size(bytes.len(), limit)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|err| {
        let at = err.valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        let guess = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            "UTF-16"
        } else {
            "GBK、GB2312 等"
        };
        vec![Problem::new(
            "encoding",
            "$".into(),
            format!(
                "文件不是 UTF-8 编码（看起来是 {guess}）：第 {} 字节（第 {line} 行）起无法按 UTF-8 读取。请网络部把文件另存为 UTF-8 编码后重新发布",
                at + 1
            ),
        )]
    })
}

fn check_size(len: usize, limit: usize) -> Result<(), Vec<Problem>> {
    if len > limit {
        return Err(vec![Problem::new(
            "limit",
            "$".into(),
            format!("文件有 {len} 字节，超过上限 {limit} 字节"),
        )]);
    }
    Ok(())
}

/// An edition read the browser's way (json.rs, reader.rs), not yet
/// validated: the engine's `JSON.parse`, then the fields taken out by hand,
/// with the JSON path of the first problem. Natively only tests use it, to
/// hold it to serde's reading (tests/fuzz.rs).
pub fn parse_edition_by_hand(text: &str) -> Result<Edition, Vec<Problem>> {
    read_by_hand(text, MAX_EDITION_BYTES, super::reader::edition)
}

pub fn parse_index_by_hand(text: &str) -> Result<EditionIndex, Vec<Problem>> {
    read_by_hand(text, MAX_INDEX_BYTES, super::reader::index)
}

/// Size cap, BOM, `JSON.parse` (natively serde_json's), then `read`: the
/// browser's way for any file (archive.rs uses it for the year lists).
pub fn read_by_hand<T>(
    text: &str,
    limit: usize,
    read: fn(&super::json::Node) -> super::json::Read<T>,
) -> Result<T, Vec<Problem>> {
    check_size(text.len(), limit)?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let node = super::json::Node::parse(text).map_err(|why| {
        let why = clip_message(&why);
        vec![Problem::new(
            "syntax",
            "$".into(),
            format!("JSON 语法错误：{why}"),
        )]
    })?;
    read(&node).map_err(|problem| vec![problem])
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn parse<T: DeserializeOwned>(text: &str, limit: usize) -> Result<T, Vec<Problem>> {
    check_size(text.len(), limit)?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    deserialize(text).map_err(|(path, inner)| {
        let mut problems = Vec::new();
        // A file of another format version may well break this version's
        // types: say so first, that is what the web team must know.
        if inner.is_data() {
            problems.extend(version_problem(text));
        }
        let redundant = path == "$.version" && !problems.is_empty();
        if !redundant {
            problems.push(parse_problem(path, &inner));
        }
        problems
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_problem(path: String, err: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
    let at = format!("（第 {} 行第 {} 列）", err.line(), err.column());
    let text = err.to_string();
    // serde_json quotes the offending value whole: a 5 MB string must not
    // become a 5 MB message. Its own "at line …" is said in Chinese instead.
    let text = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m);
    let text = clip_message(text);
    if let Some(what) = text.strip_prefix(LIMIT_TAG) {
        return Problem::new("limit", path, format!("{what}{at}"));
    }
    let (code, path, what) = match err.classify() {
        Category::Data => ("type", path, "字段类型或取值不符合格式"),
        // A syntax error has no path inside the document; its line and column say where.
        Category::Syntax => ("syntax", "$".into(), "JSON 语法错误"),
        Category::Eof => ("syntax", "$".into(), "JSON 在此处意外结束（文件不完整？）"),
        Category::Io => ("syntax", "$".into(), "读取失败"),
    };
    Problem::new(code, path, format!("{what}：{text}{at}"))
}

fn clip_message(text: &str) -> String {
    const MAX: usize = 200;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// The validator names the JSON path of a wrong type (serde_path_to_error);
/// serde is for the validator and the publish step only: the browser reads
/// by hand (`read_by_hand`).
#[cfg(not(target_arch = "wasm32"))]
fn deserialize<T: DeserializeOwned>(text: &str) -> Result<T, (String, serde_json::Error)> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = json_path(&err.path().to_string());
        (path, err.into_inner())
    })
}

/// serde_path_to_error writes `articles[0].title`, or `.` for the root.
#[cfg(not(target_arch = "wasm32"))]
fn json_path(path: &str) -> String {
    if path == "." || path.is_empty() {
        "$".into()
    } else {
        format!("$.{path}")
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// `version` as written, whatever its type: read again only after a failed parse.
fn version_problem(text: &str) -> Option<Problem> {
    #[derive(Deserialize)]
    struct Head {
        // Not `Option`'s own reading, which would take `null` for absent.
        #[serde(default, deserialize_with = "written")]
        version: Option<Written>,
    }
    fn written<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Written>, D::Error> {
        Written::deserialize(d).map(Some)
    }
    // serde reads a struct from an array too (by position): objects only.
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let written = serde_json::from_str::<Head>(text).ok()?.version?;
    let message = match written {
        Written::Integer(v) if v == u64::from(SUPPORTED_VERSION) => return None,
        Written::Integer(v) => version_message(v),
        Written::Other(what) => format!(
            "version 应为整数 {SUPPORTED_VERSION}（本程序只读第 {SUPPORTED_VERSION} 版格式），文件里是{what}"
        ),
    };
    Some(Problem::new("version", "$.version".into(), message))
}

#[cfg(not(target_arch = "wasm32"))]
enum Written {
    Integer(u64),
    Other(String),
}

#[cfg(not(target_arch = "wasm32"))]
impl<'de> Deserialize<'de> for Written {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Written;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Written, E> {
                Ok(Written::Integer(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Written, E> {
                Ok(Written::Other(format!("负数 {v}")))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Written, E> {
                Ok(Written::Other(format!("小数 {v}")))
            }
            fn visit_str<E>(self, v: &str) -> Result<Written, E> {
                let short: String = v.chars().take(20).collect();
                Ok(Written::Other(format!("字符串 “{short}”")))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Written, E> {
                Ok(Written::Other(format!(" {v}")))
            }
            fn visit_unit<E>(self) -> Result<Written, E> {
                Ok(Written::Other(" null".into()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Written, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Written::Other("数组".into()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Written, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Written::Other("对象".into()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Marks the error of an array over its limit, so that it is reported as `limit`.
const LIMIT_TAG: &str = "〔limit〕";

/// An array of at most `MAX` items: reading stops at the first one over, so
/// a hostile file never costs more than the limit allows.
pub(super) fn capped<'de, D, T, const MAX: usize>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Capped<T, const MAX: usize>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>, const MAX: usize> Visitor<'de> for Capped<T, MAX> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "an array of at most {MAX} items")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX).min(64));
            while let Some(item) = seq.next_element()? {
                if items.len() == MAX {
                    return Err(de::Error::custom(format_args!(
                        "{LIMIT_TAG}数量超过上限 {MAX} 个，其后的部分不再读取"
                    )));
                }
                items.push(item);
            }
            Ok(items)
        }
    }
    d.deserialize_seq(Capped::<T, MAX>(PhantomData))
}
