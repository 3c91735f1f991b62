//! The manifest and fragments read the browser's way (edition/json.rs:
//! `JSON.parse` and these readers, no serde in the module). The same fields
//! and defaults as the serde types the publish step writes; the tests hold
//! the two to the same answers.

use super::{DocText, Manifest};
use crate::edition::json::{Node, Path, Read};

pub fn manifest(v: &Node) -> Read<Manifest> {
    let p = &Path::Root;
    v.object(p)?;
    Ok(Manifest {
        format: v.req(p, "format", Node::string)?,
        version: v.req(p, "version", Node::uint)?,
        build: v.req(p, "build", Node::string)?,
        shard_bits: v.req(p, "shard_bits", Node::uint)?,
        editions: v.req(p, "editions", Node::uint)?,
        articles: v.req(p, "articles", Node::uint)?,
        first: v.opt(p, "first", Node::string)?,
        last: v.opt(p, "last", Node::string)?,
    })
}

pub fn doc_text(v: &Node) -> Read<DocText> {
    let p = &Path::Root;
    v.object(p)?;
    Ok(DocText {
        date: v.req(p, "d", Node::string)?,
        page: v.req(p, "p", Node::uint)?,
        article: v.req(p, "a", Node::string)?,
        title: v.req(p, "t", Node::string)?,
        heading: v.or_default(p, "h", Node::string)?,
        body: v.or_default(p, "b", Node::string)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition::json::read_json;
    use serde_json::json;

    fn both<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
        doc: &serde_json::Value,
        read: fn(&Node) -> Read<T>,
    ) {
        let text = doc.to_string();
        let serde = serde_json::from_str::<T>(&text).ok();
        assert_eq!(serde, read_json(text.as_bytes(), read).ok(), "{text}");
    }

    #[test]
    fn read_as_serde_reads_them() {
        let m = json!({"format": "changji-epaper/search", "version": 1, "build": "b1", "shard_bits": 4,
            "editions": 365, "articles": 2000, "first": "2025-01-01", "last": "2025-12-31"});
        both(&m, manifest);
        both(
            &json!({"format": "f", "version": 1, "build": "b", "shard_bits": 0, "editions": 0, "articles": 0}),
            manifest,
        );
        both(
            &json!({"format": "f", "version": 1, "build": "b", "shard_bits": -1, "editions": 0, "articles": 0}),
            manifest,
        );
        both(
            &json!({"d": "2025-05-21", "p": 1, "a": "x", "t": "标题", "h": "引题", "b": "正文"}),
            doc_text,
        );
        both(
            &json!({"d": "2025-05-21", "p": 1, "a": "x", "t": "标题"}),
            doc_text,
        );
        both(
            &json!({"d": "2025-05-21", "p": "1", "a": "x", "t": "标题"}),
            doc_text,
        );
        both(&json!([1]), doc_text);
    }
}
