//! The static index, built at publish time: postings of every term, split
//! into shards by a hash of the term so that a query downloads only the shards
//! of its own terms; a small manifest says how many shards there are.
//!
//! Shard file (binary, little work to decode in wasm):
//! `"CJS1"`, varint shard bits, varint shard number, varint term count, then
//! per term (sorted): varint byte length, UTF-8 bytes, varint postings length;
//! then the postings of each term in the same order: varint count, then per
//! posting varint day delta (days since 1970-01-01; the first is absolute), and
//! varint `article << 3 | field bits` (the article as a delta from the previous
//! one on the same day, else absolute).

use super::doc::{DocText, Field};
use super::text::terms;
use crate::archive::day_number;
use crate::edition::Edition;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

pub const MANIFEST_FORMAT: &str = "changji-epaper/search";
pub const MANIFEST_VERSION: u32 = 1;
const MAGIC: &[u8; 4] = b"CJS1";
/// Shards are sized for about this many bytes each, whatever the archive size.
const TARGET_SHARD_BYTES: usize = 12 * 1024;
const MAX_SHARD_BITS: u32 = 14;

/// `search/manifest.json`: what a client needs to find a term's shard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// Changes with every build: appended to file URLs so caches never mix builds.
    pub build: String,
    /// 2^shard_bits shard files.
    pub shard_bits: u32,
    pub editions: u32,
    pub articles: u32,
    pub first: Option<String>,
    pub last: Option<String>,
}

impl Manifest {
    pub fn shard_count(&self) -> u32 {
        1 << self.shard_bits
    }

    /// `s/0a3.bin?v=build`, relative to the manifest.
    pub fn shard_url(&self, shard: u32) -> String {
        format!(
            "s/{}.bin?v={}",
            shard_name(shard, self.shard_bits),
            self.build
        )
    }

    /// The fragment (title, text) of the `article`-th article of `date`.
    pub fn fragment_url(&self, date: &str, article: u32) -> String {
        format!("f/{date}/{article}.json?v={}", self.build)
    }
}

pub fn shard_name(shard: u32, bits: u32) -> String {
    let digits = bits.div_ceil(4).max(1) as usize;
    format!("{shard:0digits$x}")
}

/// FNV-1a: tiny, stable across builds and platforms.
fn hash(term: &str) -> u32 {
    term.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The shard a term lives in.
pub fn shard_of(term: &str, bits: u32) -> u32 {
    if bits == 0 {
        0
    } else {
        hash(term) >> (32 - bits)
    }
}

/// One article containing a term: which day, which article of that day, and
/// in which fields (`Field::bit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Posting {
    pub day: u32,
    pub article: u32,
    pub fields: u8,
}

/// Postings of one term, encoded as they are added (editions in date order).
#[derive(Default)]
struct Encoded {
    bytes: Vec<u8>,
    count: u32,
    last: Option<(u32, u32)>,
}

impl Encoded {
    fn push(&mut self, p: Posting) {
        // The article and the three field bits share one varint: one byte
        // for the first sixteen articles of a day.
        let (day, article) = match self.last {
            Some((day, article)) if day == p.day => (0, p.article - article),
            Some((day, _)) => (p.day - day, p.article),
            None => (p.day, p.article),
        };
        put_varint(&mut self.bytes, day);
        put_varint(&mut self.bytes, article << 3 | u32::from(p.fields & 7));
        self.last = Some((p.day, p.article));
        self.count += 1;
    }
}

/// Collects editions (oldest first) and writes the index.
#[derive(Default)]
pub struct IndexBuilder {
    terms: HashMap<String, Encoded>,
    editions: u32,
    articles: u32,
    first: Option<String>,
    last: Option<String>,
    last_day: Option<u32>,
}

/// Why an edition cannot be added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// Not a real `YYYY-MM-DD` date.
    BadDate(String),
    /// Editions must be added oldest first, each date once.
    OutOfOrder(String),
}

impl IndexBuilder {
    pub fn add(&mut self, edition: &Edition) -> Result<(), BuildError> {
        let day = day_number(&edition.date).ok_or(BuildError::BadDate(edition.date.clone()))?;
        if self.last_day.is_some_and(|last| day <= last) {
            return Err(BuildError::OutOfOrder(edition.date.clone()));
        }
        self.last_day = Some(day);
        for (n, doc) in DocText::all(edition).iter().enumerate() {
            let mut fields: BTreeMap<String, u8> = BTreeMap::new();
            for field in Field::ALL {
                for term in terms(doc.field(field)) {
                    *fields.entry(term).or_default() |= field.bit();
                }
            }
            for (term, bits) in fields {
                self.terms.entry(term).or_default().push(Posting {
                    day,
                    article: n as u32,
                    fields: bits,
                });
            }
        }
        self.editions += 1;
        self.articles += edition.articles.len() as u32;
        self.first.get_or_insert_with(|| edition.date.clone());
        self.last = Some(edition.date.clone());
        Ok(())
    }

    /// The index, in as many shards as keep each near `TARGET_SHARD_BYTES`.
    pub fn finish(self) -> SearchIndex {
        let total: usize = self
            .terms
            .iter()
            .map(|(t, e)| t.len() + e.bytes.len() + 4)
            .sum();
        let mut bits = 0;
        while bits < MAX_SHARD_BITS && total >> bits > TARGET_SHARD_BYTES {
            bits += 1;
        }
        self.finish_with_bits(bits)
    }

    /// The index in exactly 2^bits shards (tests, and measuring other sizes).
    pub fn finish_with_bits(self, bits: u32) -> SearchIndex {
        let bits = bits.min(MAX_SHARD_BITS);
        let mut buckets: Vec<Vec<(String, Encoded)>> =
            (0..1u32 << bits).map(|_| Vec::new()).collect();
        for (term, enc) in self.terms {
            buckets[shard_of(&term, bits) as usize].push((term, enc));
        }
        let shards: Vec<Vec<u8>> = buckets
            .into_iter()
            .enumerate()
            .map(|(n, mut terms)| {
                terms.sort_by(|a, b| a.0.cmp(&b.0));
                encode_shard(bits, n as u32, &terms)
            })
            .collect();
        let build = shards.iter().fold(0x811c_9dc5_u32, |h, s| {
            s.iter()
                .fold(h, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
        });
        SearchIndex {
            manifest: Manifest {
                format: MANIFEST_FORMAT.into(),
                version: MANIFEST_VERSION,
                build: format!("{build:08x}"),
                shard_bits: bits,
                editions: self.editions,
                articles: self.articles,
                first: self.first,
                last: self.last,
            },
            shards,
        }
    }
}

/// The built index: the manifest and every shard's bytes (shard n at index n).
pub struct SearchIndex {
    pub manifest: Manifest,
    pub shards: Vec<Vec<u8>>,
}

/// Builds the index of `editions`, in any order (a date given twice is an error).
pub fn build(editions: &[&Edition]) -> Result<SearchIndex, BuildError> {
    let mut sorted: Vec<&Edition> = editions.to_vec();
    sorted.sort_by(|a, b| a.date.cmp(&b.date));
    let mut builder = IndexBuilder::default();
    for e in sorted {
        builder.add(e)?;
    }
    Ok(builder.finish())
}

impl SearchIndex {
    /// Every file of the index but the fragments, as (path relative to the
    /// search folder, bytes): `manifest.json` and `s/*.bin`.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = vec![(
            "manifest.json".to_string(),
            serde_json::to_vec(&self.manifest).unwrap_or_default(),
        )];
        for (n, bytes) in self.shards.iter().enumerate() {
            let name = shard_name(n as u32, self.manifest.shard_bits);
            out.push((format!("s/{name}.bin"), bytes.clone()));
        }
        out
    }
}

/// The fragment files of one edition: `f/{date}/{n}.json`, one per article.
pub fn fragment_files(edition: &Edition) -> Vec<(String, String)> {
    DocText::all(edition)
        .iter()
        .enumerate()
        .map(|(n, doc)| {
            let json = serde_json::to_string(doc).unwrap_or_default();
            (format!("f/{}/{n}.json", edition.date), json)
        })
        .collect()
}

fn encode_shard(bits: u32, n: u32, terms: &[(String, Encoded)]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    put_varint(&mut out, bits);
    put_varint(&mut out, n);
    put_varint(&mut out, terms.len() as u32);
    let mut blobs = Vec::new();
    for (term, enc) in terms {
        put_varint(&mut out, term.len() as u32);
        out.extend_from_slice(term.as_bytes());
        let start = blobs.len();
        put_varint(&mut blobs, enc.count);
        blobs.extend_from_slice(&enc.bytes);
        put_varint(&mut out, (blobs.len() - start) as u32);
    }
    out.extend_from_slice(&blobs);
    out
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A shard that is not what this build writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardError(pub &'static str);

/// A decoded shard: its terms and their postings (decoded on demand).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    pub bits: u32,
    pub number: u32,
    /// Sorted as written: found by binary search (no hash map in the module).
    terms: Vec<(String, (usize, usize))>,
    bytes: Vec<u8>,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn varint(&mut self) -> Result<u32, ShardError> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = *self.bytes.get(self.at).ok_or(ShardError("truncated"))?;
            self.at += 1;
            v |= u32::from(b & 0x7f)
                .checked_shl(shift)
                .ok_or(ShardError("varint"))?;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ShardError("varint too long"))
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ShardError> {
        let end = self.at.checked_add(n).ok_or(ShardError("length"))?;
        let s = self
            .bytes
            .get(self.at..end)
            .ok_or(ShardError("truncated"))?;
        self.at = end;
        Ok(s)
    }
}

impl Shard {
    pub fn decode(bytes: Vec<u8>) -> Result<Shard, ShardError> {
        let mut r = Reader {
            bytes: &bytes,
            at: 0,
        };
        if r.take(4)? != MAGIC {
            return Err(ShardError("not a search shard"));
        }
        let bits = r.varint()?;
        let number = r.varint()?;
        let count = r.varint()? as usize;
        let mut heads = Vec::with_capacity(count.min(1 << 16));
        for _ in 0..count {
            let len = r.varint()? as usize;
            let term = std::str::from_utf8(r.take(len)?).map_err(|_| ShardError("term"))?;
            let postings = r.varint()? as usize;
            heads.push((term.to_string(), postings));
        }
        let mut at = r.at;
        let mut terms = Vec::with_capacity(heads.len());
        for (term, len) in heads {
            let end = at.checked_add(len).ok_or(ShardError("length"))?;
            if end > bytes.len() {
                return Err(ShardError("truncated"));
            }
            terms.push((term, (at, end)));
            at = end;
        }
        if terms.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err(ShardError("terms out of order"));
        }
        Ok(Shard {
            bits,
            number,
            terms,
            bytes,
        })
    }

    /// The postings of `term`, oldest first; empty when the term is absent.
    pub fn postings(&self, term: &str) -> Result<Vec<Posting>, ShardError> {
        let Ok(i) = self.terms.binary_search_by(|(t, _)| t.as_str().cmp(term)) else {
            return Ok(Vec::new());
        };
        let (start, end) = self.terms[i].1;
        let mut r = Reader {
            bytes: &self.bytes[start..end],
            at: 0,
        };
        let count = r.varint()? as usize;
        let mut out = Vec::with_capacity(count.min(1 << 20));
        let mut last: Option<(u32, u32)> = None;
        for _ in 0..count {
            let delta = r.varint()?;
            let packed = r.varint()?;
            let (article, fields) = (packed >> 3, (packed & 7) as u8);
            let (day, article) = match last {
                Some((day, prev)) if delta == 0 => {
                    (day, prev.checked_add(article).ok_or(ShardError("article"))?)
                }
                Some((day, _)) => (day.checked_add(delta).ok_or(ShardError("day"))?, article),
                None => (delta, article),
            };
            last = Some((day, article));
            out.push(Posting {
                day,
                article,
                fields,
            });
        }
        Ok(out)
    }

    pub fn term_count(&self) -> usize {
        self.terms.len()
    }
}
