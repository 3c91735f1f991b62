//! The surface's listeners: pointers on the stage (moves and releases on the
//! window, so drags may leave it), the touch's click, the wheel and the keys.

use super::act::{finish, fling};
use super::keys::keys;
use super::{flush, now, with, SharedSurface, Surface, CLICK_GUARD_MS};
use crate::gesture::Outcome;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent, PointerEvent, WheelEvent};

/// The wheel has stopped when no event came for this long.
const WHEEL_SETTLE_MS: u32 = 150;

/// Listens on the stage (and the window, so drags may leave the stage).
/// The listeners live as long as the returned value.
pub fn listen(surface: &SharedSurface, stage: &HtmlElement) -> Vec<EventListener> {
    let window = gloo::utils::window();
    let active = EventListenerOptions::enable_prevent_default();
    let s = surface.clone();
    let down = EventListener::new(stage, "pointerdown", move |e| {
        let e = e.unchecked_ref::<PointerEvent>();
        if e.button() > 0 || on_control(e) {
            return; // right and middle buttons are the browser's; buttons are buttons
        }
        let mut s = s.borrow_mut();
        s.fling = None;
        let (x, y) = s.point(e);
        s.gesture.down(e.pointer_id(), x, y, now());
    });
    let s = surface.clone();
    let moved = EventListener::new_with_options(&window, "pointermove", active, move |e| {
        let e = e.unchecked_ref::<PointerEvent>();
        let mut s = s.borrow_mut();
        if !s.gesture.is_active() {
            return;
        }
        let (x, y) = s.point(e);
        let Surface { gesture, view, .. } = &mut *s;
        if let Some(view) = view.as_mut() {
            gesture.moved_to(e.pointer_id(), x, y, now(), view);
        }
        if s.gesture.moved {
            e.prevent_default();
        }
        s.apply();
    });
    let mut listeners = vec![down, moved];
    for (kind, cancel) in [("pointerup", false), ("pointercancel", true)] {
        let s = surface.clone();
        listeners.push(EventListener::new(&window, kind, move |e| {
            let e = e.unchecked_ref::<PointerEvent>();
            let flung = {
                let mut s = s.borrow_mut();
                if !s.gesture.is_active() {
                    return;
                }
                let (x, y) = s.point(e);
                let width = s.view.map_or(1.0, |v| v.stage.width);
                let moved = s.gesture.moved;
                let out = if cancel {
                    s.gesture.cancel();
                    Outcome::Nothing
                } else {
                    s.gesture.up(e.pointer_id(), x, y, now(), width)
                };
                if moved && !s.gesture.is_active() {
                    s.drag_ended_at = now();
                }
                // A pinch moves the page unclamped; it settles when a finger lifts.
                if let Some(v) = s.view.as_mut() {
                    v.clamp();
                }
                finish(&mut s, out, story_at(e))
            };
            if let Some(velocity) = flung {
                fling(&s, velocity, now());
            }
            flush(&s);
        }));
    }
    // The touch's click comes after `touchend`: cancelled when the tap opened
    // a story already (the reader may now lie under the finger).
    let s = surface.clone();
    listeners.push(EventListener::new_with_options(
        stage,
        "touchend",
        active,
        move |e| {
            let mut s = s.borrow_mut();
            // Once: a tap on a zoom button right after must still click.
            if now() - s.tapped_at < CLICK_GUARD_MS {
                s.tapped_at = f64::NEG_INFINITY;
                e.prevent_default();
            }
        },
    ));
    let s = surface.clone();
    listeners.push(EventListener::new_with_options(
        stage,
        "wheel",
        active,
        move |e| {
            let e = e.unchecked_ref::<WheelEvent>();
            e.prevent_default();
            // Trackpad pinches arrive as wheel events with ctrlKey set.
            let scale = if e.ctrl_key() { 0.01 } else { 0.0015 };
            let lines = if e.delta_mode() == 1 { 16.0 } else { 1.0 };
            let surface = s.clone();
            let mut s = s.borrow_mut();
            let at = s.point(e);
            s.zoom_quietly((-e.delta_y() * lines * scale).exp(), Some(at));
            // The wheel sends dozens of events a second: the zoom settles (and
            // the picture is re-chosen) once they pause.
            s.wheel_settle = Some(Timeout::new(WHEEL_SETTLE_MS, move || {
                with(&surface, Surface::settled)
            }));
        },
    ));
    // No dblclick listener: a mouse double click is a double tap to `Gesture`
    // already, and Chrome also sends dblclick for touch double taps.
    let s = surface.clone();
    listeners.push(EventListener::new_with_options(
        &gloo::utils::document(),
        "keydown",
        active,
        move |e| {
            keys(&s, e.unchecked_ref::<KeyboardEvent>());
            flush(&s);
        },
    ));
    listeners
}

/// A press on the zoom buttons (or the hint) is theirs, not the start of a
/// gesture (two quick presses on 放大 are not a double tap on the page).
fn on_control(e: &PointerEvent) -> bool {
    target_closest(e, "button").is_some()
}

fn target_closest(e: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    let target = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())?;
    target.closest(selector).ok().flatten()
}

/// The article whose region the pointer went down on (touch pointers stay
/// with the element they went down on), if any.
fn story_at(e: &PointerEvent) -> Option<String> {
    target_closest(e, "a.region").and_then(|a| a.get_attribute("data-article"))
}
