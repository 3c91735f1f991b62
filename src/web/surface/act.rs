//! What a gesture's end does: open a story, turn the page, zoom, or fling.

use super::{now, with, SharedSurface, Surface, SurfaceEvent};
use crate::gesture::{double_tap, fling_step, Outcome};
use gloo::render::request_animation_frame;

/// Acts on what a gesture meant; `story` is the region it went down on.
/// Returns the velocity of a fling to start.
pub(super) fn finish(
    s: &mut Surface,
    outcome: Outcome,
    story: Option<String>,
) -> Option<(f64, f64)> {
    match outcome {
        Outcome::Turn(step) => {
            s.gesture.swipe_dx = 0.0;
            s.apply();
            s.send(SurfaceEvent::Turn(step));
        }
        // A tap on a story opens it at once; a double tap there is the
        // second tap on a story already open. Anywhere else it zooms.
        Outcome::Tap { .. } | Outcome::DoubleTap { .. } if story.is_some() => {
            s.tapped_at = now();
            s.apply();
            s.send(SurfaceEvent::Open(story.unwrap_or_default()));
        }
        Outcome::DoubleTap { x, y } => {
            if let Some(v) = s.view.as_mut() {
                double_tap(v, x, y);
            }
            s.apply();
            s.settled();
        }
        // Started by the caller once this borrow is over (frames borrow too).
        Outcome::Fling { vx, vy } => return Some((vx, vy)),
        Outcome::Tap { .. } | Outcome::Nothing => {
            s.apply(); // a short swipe springs back
            if s.gesture.moved {
                s.settled();
            }
        }
    }
    None
}

pub(super) fn fling(surface: &SharedSurface, mut velocity: (f64, f64), last: f64) {
    let s2 = surface.clone();
    let frame = request_animation_frame(move |t| {
        let dt = (t - last).clamp(1.0, 50.0);
        let going = {
            let mut s = s2.borrow_mut();
            let going = s
                .view
                .as_mut()
                .is_some_and(|v| fling_step(v, &mut velocity, dt));
            s.apply();
            going
        };
        if going {
            fling(&s2, velocity, t);
        } else {
            with(&s2, |s| {
                s.fling = None;
                s.settled();
            });
        }
    });
    surface.borrow_mut().fling = Some(frame);
}
