//! The query side, free of I/O: parse a query, say which shards it needs,
//! intersect their postings into ranked candidates, then check each fetched
//! article for the exact words and cut a snippet with the hits as ranges.

use super::doc::{DocText, Field};
use super::index::{shard_of, Manifest, Posting, Shard, ShardError};
use super::text::{find_all, run_terms, runs, Run};
use crate::archive::date_of_day;
use crate::edition::Edition;
use std::borrow::Borrow;
use std::ops::Range;

/// Longest query kept (characters): a pasted paragraph is cut, not refused.
pub const MAX_QUERY_CHARS: usize = 64;

/// A parsed query: each part (a run of Chinese characters, or a Latin/digit
/// word) must occur in a matching article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Part {
    /// Folded characters, matched against folded text.
    chars: Vec<char>,
    /// Index terms (none for a lone Chinese character).
    terms: Vec<String>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let text: String = text.chars().take(MAX_QUERY_CHARS).collect();
        let mut parts: Vec<Part> = Vec::new();
        for run in runs(&text) {
            let chars = match &run {
                Run::Cjk(c) => c.clone(),
                Run::Word(w) => w.chars().collect(),
            };
            let mut terms = Vec::new();
            run_terms(&run, &mut terms);
            if !parts.iter().any(|p| p.chars == chars) {
                parts.push(Part { chars, terms });
            }
        }
        Query { parts }
    }

    /// Nothing to look for (empty, or only punctuation).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The index can answer it: some part has a term (two Chinese characters
    /// or a word). A lone character can still be found in the open edition.
    pub fn is_indexable(&self) -> bool {
        self.parts.iter().any(|p| !p.terms.is_empty())
    }

    /// The shard numbers the query needs, each once, in order (a sorted Vec:
    /// the wasm links no B-tree code for it).
    pub fn shards(&self, bits: u32) -> Vec<u32> {
        let mut set: Vec<u32> = self
            .parts
            .iter()
            .flat_map(|p| p.terms.iter().map(|t| shard_of(t, bits)))
            .collect();
        set.sort_unstable();
        set.dedup();
        set
    }

    /// The shard URLs to download, relative to the manifest.
    pub fn shard_urls(&self, manifest: &Manifest) -> Vec<String> {
        self.shards(manifest.shard_bits)
            .into_iter()
            .map(|n| manifest.shard_url(n))
            .collect()
    }

    /// Byte ranges of every part in `text`, sorted, not overlapping.
    pub fn marks(&self, text: &str) -> Vec<Range<usize>> {
        // Inserted in place rather than sorted: a few hits, and no sorting
        // code in the module for them.
        let mut all: Vec<Range<usize>> = Vec::new();
        for r in self.parts.iter().flat_map(|p| find_all(text, &p.chars)) {
            let at = all.partition_point(|a| a.start <= r.start);
            all.insert(at, r);
        }
        let mut out: Vec<Range<usize>> = Vec::new();
        for r in all {
            match out.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => out.push(r),
            }
        }
        out
    }
}

/// An article that contains every term of the query, before its text is
/// checked: `field` is the best field the postings promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub day: u32,
    pub article: u32,
    pub field: Field,
}

impl Candidate {
    pub fn date(&self) -> String {
        date_of_day(self.day)
    }

    pub fn fragment_url(&self, manifest: &Manifest) -> String {
        manifest.fragment_url(&self.date(), self.article)
    }
}

/// Intersects the postings of the query's terms, found in `shards`, and ranks
/// the articles: title hits first, then kicker/subtitle, then body; newer
/// first on ties, then in the edition's order. A shard the query needs but
/// `shards` lacks, or one of another build's layout, is an error.
pub fn candidates<S: Borrow<Shard>>(
    query: &Query,
    shards: &[S],
) -> Result<Vec<Candidate>, ShardError> {
    // Postings are sorted by (day, article): intersections are merges.
    let mut found: Option<Vec<(u32, u32, Field)>> = None;
    for part in query.parts.iter().filter(|p| !p.terms.is_empty()) {
        // Within a part every bigram must be there, in one same field: a
        // phrase never spans fields, so no common field means no phrase.
        let mut docs: Option<Vec<Posting>> = None;
        for term in &part.terms {
            let postings = postings_of(term, shards)?;
            docs = Some(match docs {
                None => postings,
                Some(prev) => merge(&prev, &postings, |a, b| {
                    let fields = a.fields & b.fields;
                    (fields != 0).then_some(Posting { fields, ..*a })
                }),
            });
        }
        let part_docs: Vec<(u32, u32, Field)> = docs
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.day, p.article, best_field(p.fields)))
            .collect();
        found = Some(match found {
            None => part_docs,
            Some(prev) => merge(&prev, &part_docs, |a, b| Some((a.0, a.1, a.2.min(b.2)))),
        });
    }
    // `found` is in (day, article) order: per field, its days from the
    // newest, each day's articles in the edition's order; no sort needed.
    let found = found.unwrap_or_default();
    let mut out: Vec<Candidate> = Vec::with_capacity(found.len());
    for field in Field::ALL {
        let bucket: Vec<(u32, u32)> = found
            .iter()
            .filter(|c| c.2 == field)
            .map(|c| (c.0, c.1))
            .collect();
        let mut end = bucket.len();
        while end > 0 {
            let day = bucket[end - 1].0;
            let start = bucket[..end].partition_point(|c| c.0 < day);
            out.extend(bucket[start..end].iter().map(|&(day, article)| Candidate {
                day,
                article,
                field,
            }));
            end = start;
        }
    }
    Ok(out)
}

/// Something with a (day, article) place in postings order.
trait Place {
    fn place(&self) -> (u32, u32);
}

impl Place for Posting {
    fn place(&self) -> (u32, u32) {
        (self.day, self.article)
    }
}

impl Place for (u32, u32, Field) {
    fn place(&self) -> (u32, u32) {
        (self.0, self.1)
    }
}

/// The places in both sorted lists, combined by `both` (`None` drops one).
fn merge<T: Place, U: Place, R>(a: &[T], b: &[U], both: impl Fn(&T, &U) -> Option<R>) -> Vec<R> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].place().cmp(&b[j].place()) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.extend(both(&a[i], &b[j]));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn best_field(bits: u8) -> Field {
    Field::ALL
        .into_iter()
        .find(|f| bits & f.bit() != 0)
        .unwrap_or(Field::Body)
}

fn postings_of<S: Borrow<Shard>>(term: &str, shards: &[S]) -> Result<Vec<Posting>, ShardError> {
    let bits = shards.first().map_or(0, |s| s.borrow().bits);
    let wanted = shard_of(term, bits);
    let shard = shards
        .iter()
        .map(Borrow::borrow)
        .find(|s| s.number == wanted && s.bits == bits)
        .ok_or(ShardError("missing shard"))?;
    shard.postings(term)
}

/// Marked text: `text` with `hits` as byte ranges into it (never HTML).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    pub hits: Vec<Range<usize>>,
}

impl Snippet {
    /// The text in pieces, each with whether it is a hit: what a view renders
    /// as plain text and `<mark>`.
    pub fn pieces(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        // Ranges out of order, overlapping or off a character boundary are
        // skipped: a view never panics over a bad range.
        for r in &self.hits {
            let (Some(before), Some(hit)) = (
                self.text.get(at..r.start.max(at)),
                self.text.get(r.clone()).filter(|_| r.start >= at),
            ) else {
                continue;
            };
            if !before.is_empty() {
                out.push((before, false));
            }
            out.push((hit, true));
            at = r.end;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out
    }
}

/// A checked result, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub date: String,
    pub page: u32,
    pub article: String,
    /// The title with the query's words marked.
    pub title: Snippet,
    /// Where the words stand, best field first.
    pub field: Field,
    /// A line of text around the first hit outside the title, or the lead.
    pub snippet: Snippet,
    /// Position of the article in its edition: the tie-break after the date.
    pub order: u32,
}

/// Characters of context before the first hit, and the snippet's length.
const BEFORE: usize = 20;
const SNIPPET_CHARS: usize = 72;

/// Checks that `doc` holds every part of the query; `None` when it does not
/// (bigrams of a phrase can all occur without the phrase).
pub fn verify(query: &Query, doc: &DocText, order: u32) -> Option<Hit> {
    if query.is_empty() {
        return None;
    }
    // Every part must be there; the best place one is found ranks the hit.
    let mut best = Field::Body;
    for part in &query.parts {
        let found = Field::ALL
            .into_iter()
            .find(|f| !find_all(doc.field(*f), &part.chars).is_empty())?;
        best = best.min(found);
    }
    let source = [Field::Body, Field::Heading]
        .into_iter()
        .find(|f| !query.marks(doc.field(*f)).is_empty())
        .unwrap_or(if doc.body.is_empty() {
            Field::Heading
        } else {
            Field::Body
        });
    Some(Hit {
        date: doc.date.clone(),
        page: doc.page,
        article: doc.article.clone(),
        title: Snippet {
            text: doc.title.clone(),
            hits: query.marks(&doc.title),
        },
        field: best,
        snippet: snippet(query, doc.field(source)),
        order,
    })
}

/// One line around the first hit: up to `BEFORE` characters before it, cut
/// to `SNIPPET_CHARS`, with `…` where the line goes on.
fn snippet(query: &Query, text: &str) -> Snippet {
    let marks = query.marks(text);
    let first = marks.first().map_or(0, |r| r.start);
    let line_start = text[..first].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[first..].find('\n').map_or(text.len(), |i| first + i);
    let line = &text[line_start..line_end];
    let hit_char = text[line_start..first].chars().count();
    let skip = hit_char.saturating_sub(BEFORE);
    let start = line_start + line.char_indices().nth(skip).map_or(line.len(), |(i, _)| i);
    let end = text[start..line_end]
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(line_end, |(i, _)| start + i);
    let mut out = String::new();
    if start > line_start {
        out.push('…');
    }
    let offset = out.len();
    out.push_str(&text[start..end]);
    let hits = marks
        .into_iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| r.start - start + offset..r.end - start + offset)
        .collect();
    if end < line_end {
        out.push('…');
    }
    Snippet { text: out, hits }
}

/// Orders checked hits: best field, then newer, then the edition's order.
pub fn rank(hits: &mut [Hit]) {
    // Insertion sort: a page of results or one edition's articles, and no
    // sorting code in the module for them.
    let after = |a: &Hit, b: &Hit| (a.field, &b.date, a.order) > (b.field, &a.date, b.order);
    for i in 1..hits.len() {
        let mut j = i;
        while j > 0 && after(&hits[j - 1], &hits[j]) {
            hits.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Searches one edition already in memory (the open one): no index needed,
/// and a lone character works too.
pub fn search_edition(edition: &Edition, query: &Query) -> Vec<Hit> {
    let mut hits: Vec<Hit> = DocText::all(edition)
        .iter()
        .enumerate()
        .filter_map(|(n, doc)| verify(query, doc, n as u32))
        .collect();
    rank(&mut hits);
    hits
}
