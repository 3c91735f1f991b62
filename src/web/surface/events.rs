//! What the surface tells the page view, and the zoom it settles at.

use crate::viewport::Viewport;

/// What the page view hears from the surface.
#[derive(Debug, Clone, PartialEq)]
pub enum SurfaceEvent {
    /// The zoom settled: time to pick the sharpest useful picture and to
    /// enable or disable the zoom buttons.
    Zoomed(Zoom),
    /// A swipe or an arrow key asks for the previous (-1) or next (+1) page.
    Turn(i32),
    /// A tap on this article's region.
    Open(String),
    /// Escape while an article is open.
    Close,
}

/// The zoom a gesture settled at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Zoom {
    pub level: f64,
    /// Zoomed in as far as is useful: `+` has nothing more to give.
    pub at_max: bool,
}

impl Zoom {
    pub const FITTED: Zoom = Zoom {
        level: 1.0,
        at_max: false,
    };

    pub fn of(view: &Viewport) -> Zoom {
        Zoom {
            level: view.zoom,
            at_max: view.at_max_zoom(),
        }
    }

    pub fn is_zoomed(&self) -> bool {
        Viewport::is_zoomed_at(self.level)
    }
}
