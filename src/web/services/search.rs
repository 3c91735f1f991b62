//! Archive search over the network: the manifest once, then only the shards
//! a query's terms live in, then the fragments of the results on screen, all
//! at once. Shards and fragments are kept for the session (their URLs carry
//! the build); a newer search cancels an older one still downloading.

use super::fetch::{start, Fetch};
use crate::archive::{read_archive_year, read_index_archive, ArchiveYear, IndexArchive};
use crate::edition::{decode, read_index_bytes, EditionIndex, Problem, MAX_INDEX_BYTES};
use crate::error::LoadError;
use crate::search::{candidates, rank, verify, DocText, Hit, Manifest, Query, Shard};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use web_sys::{AbortController, AbortSignal};

/// Caps on what a broken or hostile server can make the reader download.
const MAX_MANIFEST_BYTES: usize = 64 * 1024;
const MAX_SHARD_BYTES: usize = 8 * 1024 * 1024;
const MAX_FRAGMENT_BYTES: usize = 256 * 1024;

/// What a search found: the checked hits of the first `limit` candidates,
/// ranked, and how many articles there are in all.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    pub query: String,
    pub hits: Vec<Hit>,
    /// Articles holding every term. Exact when `exact`; otherwise an upper
    /// bound (a long phrase's bigrams can all occur apart).
    pub total: usize,
    pub exact: bool,
    /// More candidates than were checked: a "more" button asks for a higher limit.
    pub more: bool,
}

#[derive(Default)]
struct Cache {
    manifest: Option<Rc<Manifest>>,
    // Lists, not hash maps: a session holds tens of entries, and each map
    // type would cost the module its own hashing code.
    shards: Vec<(String, Rc<Shard>)>,
    fragments: Vec<(String, Rc<DocText>)>,
}

/// The archive's search, for one search folder (`…/search/`).
#[derive(Clone)]
pub struct Searcher {
    base: Rc<str>,
    cache: Rc<RefCell<Cache>>,
}

/// A search under way; dropping it cancels it (no callback then).
pub struct SearchHandle {
    controller: Option<AbortController>,
    cancelled: Rc<Cell<bool>>,
}

impl Drop for SearchHandle {
    fn drop(&mut self) {
        self.cancelled.set(true);
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}

impl PartialEq for Searcher {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cache, &other.cache)
    }
}

impl Searcher {
    /// Results fetched and checked at a time (a page of the list).
    pub const PAGE: usize = 10;

    /// The reader's message for a failed search.
    pub fn reader_message(e: &LoadError) -> String {
        match e {
            LoadError::Network(_) | LoadError::Timeout => {
                "检索需要网络连接，请检查网络后重试。".into()
            }
            _ => "检索暂时不可用，请稍后重试。".into(),
        }
    }

    /// `base` is the search folder's URL, with or without the final `/`.
    pub fn new(base: &str) -> Searcher {
        let base = if base.ends_with('/') {
            base.to_string()
        } else {
            format!("{base}/")
        };
        Searcher {
            base: base.into(),
            cache: Rc::default(),
        }
    }

    /// Searches the archive for `text`, checking the first `limit`
    /// candidates; `done` is called once, unless the handle was dropped.
    pub fn search(
        &self,
        text: &str,
        limit: usize,
        done: impl FnOnce(Result<SearchResults, LoadError>) + 'static,
    ) -> SearchHandle {
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        let cancelled = Rc::new(Cell::new(false));
        let flag = cancelled.clone();
        let this = self.clone();
        let text = text.to_string();
        wasm_bindgen_futures::spawn_local(async move {
            let result = this.run(&text, limit, signal.as_ref()).await;
            if result.is_err() {
                // A new build may have changed the layout: ask again next time.
                this.cache.borrow_mut().manifest = None;
            }
            if !flag.get() {
                done(result);
            }
        });
        SearchHandle {
            controller,
            cancelled,
        }
    }

    async fn run(
        &self,
        text: &str,
        limit: usize,
        signal: Option<&AbortSignal>,
    ) -> Result<SearchResults, LoadError> {
        let query = Query::parse(text);
        let empty = SearchResults {
            query: text.to_string(),
            hits: Vec::new(),
            total: 0,
            exact: true,
            more: false,
        };
        if !query.is_indexable() {
            return Ok(empty);
        }
        let manifest = self.manifest(signal).await?;
        let urls = query.shard_urls(&manifest);
        let shards = join_all(urls.iter().map(|u| self.shard(u, signal))).await;
        let shards: Vec<Rc<Shard>> = shards.into_iter().collect::<Result<_, _>>()?;
        let found = candidates(&query, &shards).map_err(|e| self.invalid("s/", e.0))?;
        let checked = &found[..found.len().min(limit)];
        let docs = join_all(
            checked
                .iter()
                .map(|c| self.fragment(c.fragment_url(&manifest), signal)),
        )
        .await;
        let mut hits = Vec::new();
        let mut rejected = 0;
        for (c, doc) in checked.iter().zip(docs) {
            match verify(&query, &*doc?, c.article) {
                Some(hit) => hits.push(hit),
                None => rejected += 1,
            }
        }
        rank(&mut hits);
        Ok(SearchResults {
            hits,
            total: found.len() - rejected,
            exact: checked.len() == found.len(),
            more: checked.len() < found.len(),
            ..empty
        })
    }

    fn invalid(&self, path: &str, why: &str) -> LoadError {
        LoadError::Invalid {
            url: format!("{}{path}", self.base),
            problems: vec![crate::edition::Problem::new(
                "search-format",
                "$".into(),
                format!("检索文件格式不对：{why}"),
            )],
        }
    }

    async fn manifest(&self, signal: Option<&AbortSignal>) -> Result<Rc<Manifest>, LoadError> {
        if let Some(m) = self.cache.borrow().manifest.clone() {
            return Ok(m);
        }
        let url = format!("{}manifest.json", self.base);
        let bytes = get(&url, signal, MAX_MANIFEST_BYTES).await?;
        let m: Manifest = crate::edition::json::read_json(&bytes, crate::search::read::manifest)
            .map_err(|e| self.invalid("manifest.json", &e))?;
        if m.format != crate::search::MANIFEST_FORMAT
            || m.version != crate::search::MANIFEST_VERSION
        {
            return Err(self.invalid("manifest.json", "format/version"));
        }
        let m = Rc::new(m);
        self.cache.borrow_mut().manifest = Some(m.clone());
        Ok(m)
    }

    async fn shard(&self, url: &str, signal: Option<&AbortSignal>) -> Result<Rc<Shard>, LoadError> {
        if let Some(s) = find(&self.cache.borrow().shards, url) {
            return Ok(s);
        }
        let bytes = get(&format!("{}{url}", self.base), signal, MAX_SHARD_BYTES).await?;
        let shard = Rc::new(Shard::decode(bytes).map_err(|e| self.invalid(url, e.0))?);
        self.cache
            .borrow_mut()
            .shards
            .push((url.to_string(), shard.clone()));
        Ok(shard)
    }

    async fn fragment(
        &self,
        url: String,
        signal: Option<&AbortSignal>,
    ) -> Result<Rc<DocText>, LoadError> {
        if let Some(d) = find(&self.cache.borrow().fragments, &url) {
            return Ok(d);
        }
        let bytes = get(&format!("{}{url}", self.base), signal, MAX_FRAGMENT_BYTES).await?;
        let doc: DocText = crate::edition::json::read_json(&bytes, crate::search::read::doc_text)
            .map_err(|e| self.invalid(&url, &e))?;
        let doc = Rc::new(doc);
        self.cache.borrow_mut().fragments.push((url, doc.clone()));
        Ok(doc)
    }
}

fn find<T>(list: &[(String, Rc<T>)], url: &str) -> Option<Rc<T>> {
    list.iter().find(|(u, _)| u == url).map(|(_, t)| t.clone())
}

async fn get(url: &str, signal: Option<&AbortSignal>, limit: usize) -> Result<Vec<u8>, LoadError> {
    super::fetch::fetch_bytes(url, signal, limit).await
}

/// Loads the index and its archive fields from the one file. A broken
/// archive field must not keep today's paper from opening: it is logged and
/// read as "no archive".
pub fn load_index(
    url: String,
    done: impl FnOnce(Result<(EditionIndex, IndexArchive), LoadError>) + 'static,
) -> Fetch {
    start(url, MAX_INDEX_BYTES, read_index_and_archive, done)
}

fn read_index_and_archive(bytes: &[u8]) -> Result<(EditionIndex, IndexArchive), Vec<Problem>> {
    let index = read_index_bytes(bytes)?;
    let archive = decode(bytes, MAX_INDEX_BYTES)
        .and_then(read_index_archive)
        .unwrap_or_else(|problems| {
            for p in problems.iter().take(5) {
                gloo::console::error!(format!("[昌吉日报数字报] index.json: {p}"));
            }
            IndexArchive::default()
        });
    Ok((index, archive))
}

/// Loads one year's list (`archive/2025.json`).
pub fn load_year(
    url: String,
    done: impl FnOnce(Result<ArchiveYear, LoadError>) + 'static,
) -> Fetch {
    start(
        url,
        crate::archive::MAX_ARCHIVE_BYTES,
        |bytes| read_archive_year(decode(bytes, crate::archive::MAX_ARCHIVE_BYTES)?),
        done,
    )
}

/// Runs futures side by side and returns their outputs in order: requests go
/// out together instead of one after another (no `futures` crate needed).
fn join_all<F: Future>(futures: impl IntoIterator<Item = F>) -> JoinAll<F> {
    let pending: Vec<_> = futures.into_iter().map(Box::pin).map(Some).collect();
    let outputs = pending.iter().map(|_| None).collect();
    JoinAll { pending, outputs }
}

struct JoinAll<F: Future> {
    pending: Vec<Option<Pin<Box<F>>>>,
    outputs: Vec<Option<F::Output>>,
}

impl<F: Future> Unpin for JoinAll<F> {}

impl<F: Future> Future for JoinAll<F> {
    type Output = Vec<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        for (slot, out) in this.pending.iter_mut().zip(this.outputs.iter_mut()) {
            if let Some(f) = slot {
                if let Poll::Ready(v) = f.as_mut().poll(cx) {
                    *out = Some(v);
                    *slot = None;
                }
            }
        }
        if this.pending.iter().all(Option::is_none) {
            Poll::Ready(this.outputs.iter_mut().filter_map(Option::take).collect())
        } else {
            Poll::Pending
        }
    }
}
