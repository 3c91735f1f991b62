//! 昌吉日报 数字报: the edition model, its validation and the page geometry are
//! plain Rust (tested with `cargo test`); the Yew app is compiled for wasm32 only.

pub mod archive;
pub mod bridge;
pub mod edition;
pub mod error;
pub mod geometry;
pub mod gesture;
#[cfg(not(target_arch = "wasm32"))]
pub mod make;
pub mod meta;
#[cfg(not(target_arch = "wasm32"))]
pub mod publish;
pub mod route;
pub mod search;
pub mod state;
pub mod typography;
pub mod viewport;

pub mod web;
