//! Touch, pen and mouse gestures on the page, as plain Rust: the browser layer
//! feeds pointer events in (stage CSS pixels, milliseconds) and applies what
//! comes out. Pinch zooms about the fingers, a drag pans a zoomed page, a
//! horizontal swipe turns an unzoomed page, and a tap is told from a drag by
//! distance and time.

use crate::viewport::Viewport;
use std::collections::VecDeque;

/// Further than this (CSS px) and it is a drag, not a tap.
pub const TAP_SLOP: f64 = 10.0;
/// Longer than this (ms) and it is a press, not a tap.
pub const TAP_TIME: f64 = 400.0;
/// Two taps closer than this in time (ms) and space (px) make a double tap.
pub const DOUBLE_TAP_TIME: f64 = 280.0;
pub const DOUBLE_TAP_SLOP: f64 = 30.0;
/// A swipe turns the page past this share of the stage width…
pub const SWIPE_SHARE: f64 = 0.22;
/// …or when released faster than this (px/ms).
pub const SWIPE_SPEED: f64 = 0.45;
/// Zoom a double tap goes to from the fitted page.
pub const DOUBLE_TAP_ZOOM: f64 = 2.5;

/// Where a pointer was, and when (stage CSS px, ms).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Sample {
    x: f64,
    y: f64,
    t: f64,
}

impl Sample {
    fn distance_to(&self, x: f64, y: f64) -> f64 {
        distance(self.x, self.y, x, y)
    }
}

/// How many recent samples the release velocity is taken from.
const TRAIL: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Track {
    id: i32,
    x: f64,
    y: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Idle,
    /// One pointer down, not yet moved past the slop.
    Pressed,
    Pan,
    /// Unzoomed horizontal drag: the page follows the finger.
    Swipe,
    Pinch,
}

/// What a gesture asks the page to do when it ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    Nothing,
    /// A tap at a stage point: open the article there.
    Tap {
        x: f64,
        y: f64,
    },
    /// Zoom in about the point, or back to fit when zoomed.
    DoubleTap {
        x: f64,
        y: f64,
    },
    /// Turn the page: -1 back, +1 forward.
    Turn(i32),
    /// Keep moving with this velocity (px/ms) and let it slow down.
    Fling {
        vx: f64,
        vy: f64,
    },
}

#[derive(Debug, Clone)]
pub struct Gesture {
    pointers: Vec<Track>,
    mode: Mode,
    start: Sample,
    /// Horizontal offset of the page while swiping.
    pub swipe_dx: f64,
    /// Recent positions for the release velocity, oldest first.
    trail: VecDeque<Sample>,
    last_tap: Option<Sample>,
    pinch_distance: f64,
    pinch_mid: (f64, f64),
    /// True once the current sequence moved the page: no tap may come of it.
    pub moved: bool,
}

impl Default for Gesture {
    fn default() -> Self {
        Gesture {
            pointers: Vec::new(),
            mode: Mode::Idle,
            start: Sample {
                x: 0.0,
                y: 0.0,
                t: 0.0,
            },
            swipe_dx: 0.0,
            trail: VecDeque::with_capacity(TRAIL + 1),
            last_tap: None,
            pinch_distance: 0.0,
            pinch_mid: (0.0, 0.0),
            moved: false,
        }
    }
}

impl Gesture {
    pub fn is_active(&self) -> bool {
        !self.pointers.is_empty()
    }

    pub fn down(&mut self, id: i32, x: f64, y: f64, t: f64) {
        self.pointers.retain(|p| p.id != id);
        self.pointers.push(Track { id, x, y });
        match self.pointers.len() {
            1 => {
                self.mode = Mode::Pressed;
                self.start = Sample { x, y, t };
                self.swipe_dx = 0.0;
                self.moved = false;
                self.trail.clear();
                self.trail.push_back(self.start);
            }
            2 => self.begin_pinch(),
            _ => {}
        }
    }

    fn begin_pinch(&mut self) {
        self.mode = Mode::Pinch;
        self.moved = true;
        self.swipe_dx = 0.0;
        let (a, b) = (self.pointers[0], self.pointers[1]);
        self.pinch_distance = distance(a.x, a.y, b.x, b.y).max(1.0);
        self.pinch_mid = ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
    }

    /// A pointer moved; the viewport follows at once.
    pub fn moved_to(&mut self, id: i32, x: f64, y: f64, t: f64, view: &mut Viewport) {
        let Some(i) = self.pointers.iter().position(|p| p.id == id) else {
            return;
        };
        let prev = self.pointers[i];
        self.pointers[i] = Track { id, x, y };
        match self.mode {
            Mode::Pressed => {
                let (sx, sy) = (self.start.x, self.start.y);
                if self.start.distance_to(x, y) > TAP_SLOP {
                    self.moved = true;
                    self.mode = if view.is_zoomed() || (y - sy).abs() > (x - sx).abs() {
                        Mode::Pan
                    } else {
                        Mode::Swipe
                    };
                    self.follow(x - sx, y - sy, view);
                }
            }
            Mode::Pan | Mode::Swipe => self.follow(x - prev.x, y - prev.y, view),
            Mode::Pinch => {
                let (a, b) = (self.pointers[0], self.pointers[1]);
                let d = distance(a.x, a.y, b.x, b.y).max(1.0);
                let mid = ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
                // Zoom about where the fingers were, then follow them: the
                // spot of the page under the fingers stays under them.
                let moved = (mid.0 - self.pinch_mid.0, mid.1 - self.pinch_mid.1);
                view.pinch(d / self.pinch_distance, self.pinch_mid, moved);
                self.pinch_distance = d;
                self.pinch_mid = mid;
            }
            Mode::Idle => {}
        }
        self.trail.push_back(Sample { x, y, t });
        if self.trail.len() > TRAIL {
            self.trail.pop_front();
        }
    }

    fn follow(&mut self, dx: f64, dy: f64, view: &mut Viewport) {
        match self.mode {
            Mode::Swipe => self.swipe_dx += dx,
            _ => view.pan(dx, dy),
        }
    }

    /// A pointer went up (or was cancelled); says what the gesture meant.
    pub fn up(&mut self, id: i32, x: f64, y: f64, t: f64, stage_width: f64) -> Outcome {
        let before = self.pointers.len();
        self.pointers.retain(|p| p.id != id);
        if self.pointers.len() == before {
            return Outcome::Nothing;
        }
        if self.mode == Mode::Pinch {
            // The page settles inside the stage once the pinch is over.
            if self.pointers.len() == 2 {
                // A third finger lifted: pinch on with the two that stay.
                self.begin_pinch();
            } else if self.pointers.len() == 1 {
                // One finger stays: it pans from here, never taps.
                self.mode = Mode::Pan;
                let p = self.pointers[0];
                self.trail.clear();
                self.trail.push_back(Sample { x: p.x, y: p.y, t });
            } else if self.pointers.is_empty() {
                self.mode = Mode::Idle;
            }
            return Outcome::Nothing;
        }
        if !self.pointers.is_empty() {
            return Outcome::Nothing;
        }
        let mode = std::mem::replace(&mut self.mode, Mode::Idle);
        match mode {
            Mode::Pressed
                if t - self.start.t <= TAP_TIME && self.start.distance_to(x, y) <= TAP_SLOP =>
            {
                self.tap(x, y, t)
            }
            Mode::Swipe => {
                let (vx, _) = self.velocity(t);
                let dx = std::mem::take(&mut self.swipe_dx);
                if dx.abs() > stage_width * SWIPE_SHARE
                    || (vx.abs() > SWIPE_SPEED && dx.abs() > TAP_SLOP * 3.0)
                {
                    Outcome::Turn(if dx < 0.0 { 1 } else { -1 })
                } else {
                    Outcome::Nothing
                }
            }
            Mode::Pan => {
                let (vx, vy) = self.velocity(t);
                if length(vx, vy) > 0.3 {
                    Outcome::Fling { vx, vy }
                } else {
                    Outcome::Nothing
                }
            }
            _ => Outcome::Nothing,
        }
    }

    pub fn cancel(&mut self) {
        self.pointers.clear();
        self.mode = Mode::Idle;
        self.swipe_dx = 0.0;
    }

    fn tap(&mut self, x: f64, y: f64, t: f64) -> Outcome {
        if let Some(last) = self.last_tap.take() {
            if t - last.t <= DOUBLE_TAP_TIME && last.distance_to(x, y) <= DOUBLE_TAP_SLOP {
                return Outcome::DoubleTap { x, y };
            }
        }
        self.last_tap = Some(Sample { x, y, t });
        Outcome::Tap { x, y }
    }

    /// px/ms over the last ~100 ms of movement before a release at `now`;
    /// nothing if the pointer stood still before it was lifted.
    fn velocity(&self, now: f64) -> (f64, f64) {
        let Some(&last) = self.trail.back() else {
            return (0.0, 0.0);
        };
        if now - last.t > 60.0 {
            return (0.0, 0.0);
        }
        let from = self.trail.iter().find(|s| last.t - s.t <= 100.0);
        match from {
            Some(first) if last.t - first.t > 0.0 => {
                let dt = last.t - first.t;
                ((last.x - first.x) / dt, (last.y - first.y) / dt)
            }
            _ => (0.0, 0.0),
        }
    }
}

/// A double tap zooms in about the point, or back to fit when already zoomed.
pub fn double_tap(view: &mut Viewport, x: f64, y: f64) {
    if view.is_zoomed() {
        view.reset();
    } else {
        view.zoom_about(DOUBLE_TAP_ZOOM, x, y);
    }
}

/// One animation step of a fling: moves the page and slows the velocity.
/// Returns false when it has come to rest.
pub fn fling_step(view: &mut Viewport, v: &mut (f64, f64), dt: f64) -> bool {
    let (x0, y0) = (view.x, view.y);
    view.pan(v.0 * dt, v.1 * dt);
    // 0.995^dt as exp(dt·ln 0.995): the module has exp already, pow is 2 KB more.
    let decay = (dt * LN_DECAY).exp();
    *v = (v.0 * decay, v.1 * decay);
    let stopped_by_edge = (view.x - x0).abs() < 0.01 && (view.y - y0).abs() < 0.01;
    length(v.0, v.1) > 0.02 && !stopped_by_edge
}

/// ln 0.995: a fling loses half a percent of its speed per millisecond.
const LN_DECAY: f64 = -0.005_012_541_823_544_286;

fn distance(x0: f64, y0: f64, x1: f64, y1: f64) -> f64 {
    length(x1 - x0, y1 - y0)
}

/// A vector's length. Not `f64::hypot`: its overflow care (1.3 KB of wasm)
/// is wasted on screen pixels; `sqrt` is one wasm instruction.
fn length(x: f64, y: f64) -> f64 {
    (x * x + y * y).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::viewport::Size;

    fn view() -> Viewport {
        Viewport::fitted(
            Size {
                width: 390.0,
                height: 700.0,
            },
            Size {
                width: 2400.0,
                height: 3336.0,
            },
            3.0,
        )
    }

    #[test]
    fn a_short_still_touch_is_a_tap_and_two_make_a_double_tap() {
        let (mut g, mut v) = (Gesture::default(), view());
        g.down(1, 100.0, 100.0, 0.0);
        g.moved_to(1, 104.0, 103.0, 50.0, &mut v);
        assert_eq!(
            g.up(1, 104.0, 103.0, 80.0, 390.0),
            Outcome::Tap { x: 104.0, y: 103.0 }
        );
        g.down(1, 110.0, 100.0, 200.0);
        assert_eq!(
            g.up(1, 110.0, 100.0, 250.0, 390.0),
            Outcome::DoubleTap { x: 110.0, y: 100.0 }
        );
        g.down(1, 110.0, 100.0, 2000.0);
        assert!(
            matches!(g.up(1, 110.0, 100.0, 2050.0, 390.0), Outcome::Tap { .. }),
            "a third, later tap is single again"
        );
    }

    #[test]
    fn a_drag_or_a_long_press_is_never_a_tap() {
        let (mut g, mut v) = (Gesture::default(), view());
        g.down(1, 100.0, 300.0, 0.0);
        g.moved_to(1, 100.0, 330.0, 60.0, &mut v);
        g.moved_to(1, 100.0, 300.0, 120.0, &mut v);
        let out = g.up(1, 100.0, 300.0, 150.0, 390.0);
        assert!(
            !matches!(out, Outcome::Tap { .. } | Outcome::DoubleTap { .. }),
            "back where it started, still a drag: {out:?}"
        );
        assert!(g.moved);
        g.down(1, 100.0, 300.0, 1000.0);
        assert_eq!(
            g.up(1, 100.0, 300.0, 1000.0 + TAP_TIME + 1.0, 390.0),
            Outcome::Nothing
        );
    }

    #[test]
    fn pinch_zooms_about_the_fingers_midpoint() {
        let (mut g, mut v) = (Gesture::default(), view());
        let under = v.to_page(200.0, 200.0);
        g.down(1, 150.0, 200.0, 0.0);
        g.down(2, 250.0, 200.0, 10.0);
        g.moved_to(1, 100.0, 200.0, 30.0, &mut v);
        g.moved_to(2, 300.0, 200.0, 40.0, &mut v);
        assert!(
            (v.zoom - 2.0).abs() < 1e-9,
            "fingers twice as far apart: zoom {}",
            v.zoom
        );
        let still = v.to_page(200.0, 200.0);
        assert!((under.0 - still.0).abs() < 1e-6 && (under.1 - still.1).abs() < 1e-6);
        assert_eq!(g.up(2, 300.0, 200.0, 60.0, 390.0), Outcome::Nothing);
        assert_eq!(
            g.up(1, 100.0, 200.0, 70.0, 390.0),
            Outcome::Nothing,
            "lifting after a pinch is no tap"
        );
    }

    #[test]
    fn lifting_a_third_finger_keeps_pinching_with_the_other_two() {
        let (mut g, mut v) = (Gesture::default(), view());
        g.down(1, 100.0, 200.0, 0.0);
        g.down(2, 200.0, 200.0, 5.0);
        g.down(3, 300.0, 200.0, 10.0);
        g.moved_to(2, 220.0, 200.0, 20.0, &mut v);
        let before = v.zoom;
        assert_eq!(g.up(1, 100.0, 200.0, 30.0, 390.0), Outcome::Nothing);
        g.moved_to(2, 220.0, 200.0, 40.0, &mut v);
        assert_eq!(v.zoom, before, "no jump from the old pair's distance");
        g.moved_to(3, 380.0, 200.0, 50.0, &mut v);
        assert!(
            (v.zoom - before * 2.0).abs() < 1e-9,
            "the new pair's spread doubles: {}",
            v.zoom
        );
    }

    #[test]
    fn a_horizontal_swipe_turns_an_unzoomed_page_and_a_short_one_springs_back() {
        let (mut g, mut v) = (Gesture::default(), view());
        g.down(1, 300.0, 400.0, 0.0);
        for (i, x) in [280.0, 240.0, 200.0, 150.0].into_iter().enumerate() {
            g.moved_to(1, x, 402.0, 16.0 * (i + 1) as f64, &mut v);
        }
        assert!(g.swipe_dx < -100.0, "the page follows the finger");
        assert_eq!(v.zoom, 1.0);
        assert_eq!(g.up(1, 150.0, 402.0, 70.0, 390.0), Outcome::Turn(1));

        g.down(1, 100.0, 400.0, 1000.0);
        g.moved_to(1, 140.0, 400.0, 1300.0, &mut v);
        g.moved_to(1, 150.0, 400.0, 1600.0, &mut v);
        assert_eq!(
            g.up(1, 150.0, 400.0, 1700.0, 390.0),
            Outcome::Nothing,
            "slow and short: stay"
        );
    }

    #[test]
    fn a_drag_pans_a_zoomed_page_and_flings() {
        let (mut g, mut v) = (Gesture::default(), view());
        v.zoom_about(3.0, 195.0, 350.0);
        let x0 = v.x;
        g.down(1, 200.0, 400.0, 0.0);
        for i in 1..=5 {
            g.moved_to(1, 200.0 + 20.0 * i as f64, 400.0, 16.0 * i as f64, &mut v);
        }
        assert!((v.x - x0 - 100.0).abs() < 1e-6, "panned with the finger");
        assert_eq!(g.swipe_dx, 0.0, "no page turn while zoomed");
        let Outcome::Fling { vx, .. } = g.up(1, 300.0, 400.0, 90.0, 390.0) else {
            panic!("a quick release flings");
        };
        assert!(vx > 1.0);
        let mut vel = (vx, 0.0);
        let mut steps = 0;
        while fling_step(&mut v, &mut vel, 16.0) {
            steps += 1;
            assert!(steps < 1000);
        }
        assert!(v.x <= 0.0, "the fling stops at the page edge");

        g.down(1, 200.0, 400.0, 1000.0);
        for i in 1..=5 {
            g.moved_to(
                1,
                200.0 - 20.0 * i as f64,
                400.0,
                1000.0 + 16.0 * i as f64,
                &mut v,
            );
        }
        assert_eq!(
            g.up(1, 100.0, 400.0, 1300.0, 390.0),
            Outcome::Nothing,
            "held still, then lifted: no fling"
        );
    }

    #[test]
    fn double_tap_zooms_in_then_back_to_fit() {
        let mut v = view();
        double_tap(&mut v, 100.0, 200.0);
        assert_eq!(v.zoom, DOUBLE_TAP_ZOOM);
        double_tap(&mut v, 100.0, 200.0);
        assert_eq!(v.zoom, 1.0);
    }
}
