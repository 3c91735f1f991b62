//! Search over the archive, without a server: an index of character bigrams
//! built at publish time (`index`), split into shards so that a query
//! downloads only the few it needs, and a query side (`query`) that ranks and
//! marks hits as ranges. Plain Rust: the same code runs in `publish` and in
//! the app.
//!
//! Files under the search folder (e.g. `dist/search/`):
//! - `manifest.json`: build id, shard count, archive span ([`Manifest`]);
//! - `s/{hex}.bin`: shards of postings (format in `index`);
//! - `f/{date}/{n}.json`: one fragment per article, the text the results show
//!   ([`DocText`]), fetched only for the results on screen.

mod doc;
mod index;
mod query;
pub mod read;
pub mod text;

pub use doc::{DocText, Field};
pub use index::{
    build, fragment_files, shard_name, shard_of, BuildError, IndexBuilder, Manifest, Posting,
    SearchIndex, Shard, ShardError, MANIFEST_FORMAT, MANIFEST_VERSION,
};
pub use query::{
    candidates, rank, search_edition, verify, Candidate, Hit, Query, Snippet, MAX_QUERY_CHARS,
};

mod write;
pub use write::{write_index, WriteSummary};
