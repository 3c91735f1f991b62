//! How the page sits in its stage: fitted, zoomed about a point, panned and
//! clamped. All in CSS pixels of the stage; the browser layer only applies
//! the resulting transform.

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// The box the page is shown in.
    pub stage: Size,
    /// The page's master size (its coordinate space).
    pub page: Size,
    /// Zoom over "whole page fits": 1.0 is fitted.
    pub zoom: f64,
    /// Where the page's top-left corner stands in the stage.
    pub x: f64,
    pub y: f64,
    /// Largest zoom: the master's full resolution on this screen, and at least 4×.
    pub max_zoom: f64,
}

impl Viewport {
    /// The page fitted and centred in the stage. `device_pixel_ratio` sets
    /// how far zooming in is useful.
    pub fn fitted(stage: Size, page: Size, device_pixel_ratio: f64) -> Viewport {
        let mut v = Viewport {
            stage,
            page,
            zoom: 1.0,
            x: 0.0,
            y: 0.0,
            max_zoom: 4.0,
        };
        let full = 1.0 / (v.fit_scale() * device_pixel_ratio.max(1.0));
        v.max_zoom = full.max(4.0);
        v.clamp();
        v
    }

    /// CSS pixels per master pixel when the page fits.
    pub fn fit_scale(&self) -> f64 {
        let s = (self.stage.width / self.page.width).min(self.stage.height / self.page.height);
        if s.is_finite() && s > 0.0 {
            s
        } else {
            1.0
        }
    }

    /// Size of the page box when fitted (the layout size; zoom is a transform).
    pub fn fitted_size(&self) -> Size {
        let s = self.fit_scale();
        Size {
            width: self.page.width * s,
            height: self.page.height * s,
        }
    }

    /// Width of the page on screen now, in CSS pixels.
    pub fn shown_width(&self) -> f64 {
        self.fitted_size().width * self.zoom
    }

    pub fn is_zoomed(&self) -> bool {
        Viewport::is_zoomed_at(self.zoom)
    }

    /// Whether a zoom level is more than the fitted page (rounding aside).
    pub fn is_zoomed_at(zoom: f64) -> bool {
        zoom > 1.001
    }

    /// At the largest zoom (rounding aside): zooming in does nothing more.
    pub fn at_max_zoom(&self) -> bool {
        self.zoom >= self.max_zoom * 0.999
    }

    /// Zooms by `factor` keeping the stage point `(px, py)` over the same spot of the page.
    pub fn zoom_about(&mut self, factor: f64, px: f64, py: f64) {
        let zoom = (self.zoom * factor).clamp(1.0, self.max_zoom);
        let k = zoom / self.zoom;
        self.x = px - (px - self.x) * k;
        self.y = py - (py - self.y) * k;
        self.zoom = zoom;
        self.clamp();
    }

    pub fn pan(&mut self, dx: f64, dy: f64) {
        self.x += dx;
        self.y += dy;
        self.clamp();
    }

    pub fn reset(&mut self) {
        self.zoom = 1.0;
        self.clamp();
    }

    /// Keeps the page from leaving the stage: where it is smaller than the
    /// stage it stands centred across and at the top (where reading starts),
    /// where it is larger it goes edge to edge.
    pub fn clamp(&mut self) {
        let shown = self.fitted_size();
        let (w, h) = (shown.width * self.zoom, shown.height * self.zoom);
        self.x = clamp_axis(self.x, w, self.stage.width, 0.5);
        self.y = clamp_axis(self.y, h, self.stage.height, 0.0);
    }

    /// Zoom and move with the fingers of a pinch, unclamped (but for the zoom
    /// limits) so the spot under them stays there; `clamp` when it ends.
    pub fn pinch(&mut self, factor: f64, (px, py): (f64, f64), (dx, dy): (f64, f64)) {
        let zoom = (self.zoom * factor).clamp(1.0, self.max_zoom);
        let k = zoom / self.zoom;
        self.x = px - (px - self.x) * k + dx;
        self.y = py - (py - self.y) * k + dy;
        self.zoom = zoom;
    }

    /// The stage point over master coordinate `(mx, my)`.
    pub fn to_stage(&self, mx: f64, my: f64) -> (f64, f64) {
        let s = self.fit_scale() * self.zoom;
        (self.x + mx * s, self.y + my * s)
    }

    /// The master coordinate under stage point `(px, py)`: for hit tests.
    pub fn to_page(&self, px: f64, py: f64) -> (f64, f64) {
        let s = self.fit_scale() * self.zoom;
        ((px - self.x) / s, (py - self.y) / s)
    }

    /// CSS transform of the fitted page box (origin top left).
    pub fn css_transform(&self) -> String {
        use crate::geometry::num;
        format!(
            "translate3d({}px,{}px,0) scale({})",
            num(self.x, 2),
            num(self.y, 2),
            num(self.zoom, 4)
        )
    }
}

/// `align` places content smaller than the stage: 0 start, 0.5 centre.
fn clamp_axis(pos: f64, content: f64, stage: f64, align: f64) -> f64 {
    if content <= stage {
        (stage - content) * align
    } else {
        pos.clamp(stage - content, 0.0)
    }
}

/// Where the zoom buttons stand: they never cover the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dock {
    /// A strip under the page.
    Below,
    /// The margin beside the page.
    Beside,
}

/// Room the zoom buttons take beside or under the page (CSS px; styles/30-page.css).
pub const DOCK_ROOM: f64 = 44.0;

/// The area of the stage the page is fitted into, and where the zoom buttons
/// go. Held upright (`upright`: a phone's or tablet's portrait layout) the
/// buttons get a strip under the page, as the published page's CSS keeps it;
/// otherwise the margin beside the fitted page when it is wide enough, else
/// a strip under it.
pub fn dock(stage: Size, page: Size, upright: bool) -> (Size, Dock) {
    let strip = Size {
        width: stage.width,
        height: (stage.height - DOCK_ROOM).max(1.0),
    };
    if upright {
        return (strip, Dock::Below);
    }
    let fitted = Viewport::fitted(stage, page, 1.0).fitted_size();
    if (stage.width - fitted.width) / 2.0 >= DOCK_ROOM {
        (stage, Dock::Beside)
    } else {
        (strip, Dock::Below)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone() -> Viewport {
        Viewport::fitted(
            Size {
                width: 390.0,
                height: 700.0,
            },
            Size {
                width: 2400.0,
                height: 3400.0,
            },
            3.0,
        )
    }

    #[test]
    fn fitted_page_is_whole_centred_across_and_at_the_top() {
        let v = phone();
        let s = v.fitted_size();
        assert!((s.width - 390.0).abs() < 1e-9);
        assert!(s.height <= 700.0);
        assert_eq!((v.x, v.y), (0.0, 0.0));
        let wide = Viewport::fitted(
            Size {
                width: 1000.0,
                height: 700.0,
            },
            Size {
                width: 2400.0,
                height: 3400.0,
            },
            1.0,
        );
        assert!((wide.x - (1000.0 - wide.fitted_size().width) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn zoom_about_a_point_keeps_that_point_fixed() {
        let mut v = phone();
        let before = v.to_page(200.0, 300.0);
        v.zoom_about(2.5, 200.0, 300.0);
        let after = v.to_page(200.0, 300.0);
        assert!((before.0 - after.0).abs() < 1e-6 && (before.1 - after.1).abs() < 1e-6);
        assert_eq!(v.zoom, 2.5);
    }

    #[test]
    fn the_zoom_buttons_dock_where_the_page_is_not() {
        let page = Size {
            width: 2400.0,
            height: 3336.0,
        };
        let size = |width, height| Size { width, height };
        // 360×640 upright: the page would fill the stage; a strip is kept under it.
        let (area, at) = dock(size(360.0, 520.0), page, true);
        assert_eq!((area, at), (size(360.0, 476.0), Dock::Below));
        let fitted = Viewport::fitted(area, page, 1.0).fitted_size();
        assert!(fitted.height <= 476.0, "the page stays above the strip");
        // A landscape phone or a desktop: wide margins beside the page.
        assert_eq!(
            dock(size(844.0, 340.0), page, false),
            (size(844.0, 340.0), Dock::Beside)
        );
        // Not upright, and no margin: the strip again.
        assert_eq!(dock(size(300.0, 417.0), page, false).1, Dock::Below);
    }

    #[test]
    fn zoom_is_clamped_between_fit_and_full_resolution() {
        let mut v = phone();
        v.zoom_about(0.2, 100.0, 100.0);
        assert_eq!(v.zoom, 1.0);
        assert!(!v.is_zoomed() && !v.at_max_zoom());
        v.zoom_about(1000.0, 100.0, 100.0);
        // 2400 master px over 390 css px at 3 device px per css px: 2400/1170.
        assert_eq!(v.zoom, 4.0_f64.max(2400.0 / 1170.0));
        assert!(v.is_zoomed() && v.at_max_zoom(), "+ has no more to give");
        v.zoom_about(1.0 / 1.5, 100.0, 100.0);
        assert!(!v.at_max_zoom());
    }

    #[test]
    fn panning_stops_at_the_page_edges() {
        let mut v = phone();
        v.zoom_about(2.0, 0.0, 0.0);
        v.pan(500.0, 500.0);
        assert_eq!((v.x, v.y), (0.0, 0.0));
        v.pan(-5000.0, -5000.0);
        let s = v.fitted_size();
        assert!((v.x - (390.0 - s.width * 2.0)).abs() < 1e-9);
        assert!((v.y - (700.0 - s.height * 2.0)).abs() < 1e-9);
    }

    #[test]
    fn a_pinch_keeps_the_spot_under_the_fingers_and_settles_when_it_ends() {
        let mut v = phone();
        let spot = v.to_page(195.0, 500.0);
        v.pinch(1.1, (195.0, 500.0), (0.0, 0.0)); // still shorter than the stage
        let now = v.to_page(195.0, 500.0);
        assert!((spot.1 - now.1).abs() < 1e-6, "{spot:?} vs {now:?}");
        v.pinch(1.0 / 1.1, (195.0, 500.0), (0.0, 30.0));
        v.clamp();
        assert_eq!(
            (v.x, v.y),
            (0.0, 0.0),
            "back at fit, the page settles at the top"
        );
    }

    #[test]
    fn stage_and_page_coordinates_are_inverse() {
        let mut v = phone();
        v.zoom_about(3.0, 120.0, 400.0);
        let (px, py) = v.to_stage(1000.0, 2000.0);
        let (mx, my) = v.to_page(px, py);
        assert!((mx - 1000.0).abs() < 1e-6 && (my - 2000.0).abs() < 1e-6);
    }
}
