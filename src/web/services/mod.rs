//! Browser services: network, location/history, sharing. Thin wrappers that
//! turn browser failures into the crate's own types.

pub mod fetch;
pub mod host;
#[cfg(target_arch = "wasm32")]
pub mod idle;
pub mod location;
pub mod offline;
pub mod search;
pub mod share;
pub mod speech;
pub mod storage;
