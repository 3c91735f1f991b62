//! Hooks and browser helpers of the facsimile view, one concern each: state
//! as a cell (`use_cell`), the
//! stage's measured size, the picture shown and its loading, the gesture
//! surface's wiring, keyboard focus, the first-visit zoom hint, the article
//! lit by hovering, the 本版标题 sheet's history entry, and the reader run
//! once before the first tap, with the edition's glyphs.

mod cell;
mod focus;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod glyphs;
mod hint;
mod hover;
mod picture;
mod sheet;
mod stage_size;
mod surface;
mod warm;

pub use cell::{use_cell, Cell};
pub use focus::{focus_after_paint, focus_if_lost, focus_region};
pub use hint::use_zoom_hint;
pub use hover::{set_hover, use_hovered};
pub use picture::use_picture;
pub use sheet::use_sheet_history;
pub use stage_size::use_stage_size;
pub use surface::use_surface;
pub use warm::use_warm_reader;
#[cfg(target_arch = "wasm32")]
pub use warm::warm_in_module;
