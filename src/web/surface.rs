//! The browser side of zoom, pan and swipe: pointer, wheel and key events go
//! into `Gesture`/`Viewport` (plain Rust), and the result is written straight
//! to the page box as a CSS transform, so a gesture never re-renders or
//! re-lays out anything. Yew hears only when a gesture ends.
//!
//! The surface is the one owner of the page's keys and taps too: a tap on a
//! story opens it on `pointerup` (not on the `click` that comes a few
//! milliseconds later), and events go out only after every `RefCell` borrow
//! of the surface is over, so a listener may call back into it.

use crate::geometry::num;
use crate::gesture::{double_tap, fling_step, Gesture, Outcome};
use crate::viewport::{Size, Viewport};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent, PointerEvent, WheelEvent};

mod keys;
use keys::keys;

/// Clicks that come within this many ms after a drag ended are not taps.
const CLICK_GUARD_MS: f64 = 400.0;
/// The wheel has stopped when no event came for this long.
const WHEEL_SETTLE_MS: u32 = 150;

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

pub struct Surface {
    pub view: Option<Viewport>,
    gesture: Gesture,
    page: Option<HtmlElement>,
    stage: Option<HtmlElement>,
    fling: Option<AnimationFrame>,
    drag_ended_at: f64,
    wheel_settle: Option<Timeout>,
    /// A tap opened a story: the touch's own click (which would land on
    /// whatever the reader put under the finger) is cancelled.
    tapped_at: f64,
    /// An article is open (Escape closes it; arrows do not turn pages).
    pub reading: bool,
    /// Events wait here until the borrow that raised them is over.
    outbox: Vec<SurfaceEvent>,
    notify: Rc<dyn Fn(SurfaceEvent)>,
}

pub type SharedSurface = Rc<RefCell<Surface>>;

impl Surface {
    pub fn new(notify: impl Fn(SurfaceEvent) + 'static) -> SharedSurface {
        Rc::new(RefCell::new(Surface {
            view: None,
            gesture: Gesture::default(),
            page: None,
            stage: None,
            fling: None,
            drag_ended_at: f64::NEG_INFINITY,
            wheel_settle: None,
            tapped_at: f64::NEG_INFINITY,
            reading: false,
            outbox: Vec::new(),
            notify: Rc::new(notify),
        }))
    }

    /// Fits a (new) page into the stage, forgetting any zoom.
    pub fn fit(
        &mut self,
        stage: &HtmlElement,
        page_el: &HtmlElement,
        stage_size: Size,
        page: Size,
    ) {
        self.stage = Some(stage.clone());
        self.page = Some(page_el.clone());
        self.fling = None;
        self.gesture.cancel();
        let view = Viewport::fitted(stage_size, page, pixel_ratio());
        let size = view.fitted_size();
        let style = page_el.style();
        let _ = style.set_property("width", &format!("{}px", num(size.width, 2)));
        let _ = style.set_property("height", &format!("{}px", num(size.height, 2)));
        self.view = Some(view);
        self.apply();
    }

    fn apply(&self) {
        let (Some(el), Some(v)) = (&self.page, &self.view) else {
            return;
        };
        let mut shown = *v;
        shown.x += self.gesture.swipe_dx;
        let _ = el.style().set_property("transform", &shown.css_transform());
    }

    /// Zooms by `factor` about a stage point (buttons, keys).
    fn zoom_by(&mut self, factor: f64, at: Option<(f64, f64)>) {
        self.zoom_quietly(factor, at);
        self.settled();
    }

    /// Zooms without telling Yew yet (a stream of wheel events).
    fn zoom_quietly(&mut self, factor: f64, at: Option<(f64, f64)>) {
        let Some(v) = self.view.as_mut() else { return };
        let (x, y) = at.unwrap_or((v.stage.width / 2.0, v.stage.height / 2.0));
        v.zoom_about(factor, x, y);
        self.apply();
    }

    fn reset(&mut self) {
        if let Some(v) = self.view.as_mut() {
            v.reset();
        }
        self.apply();
        self.settled();
    }

    /// True right after a drag, pinch or swipe (the click that follows is not
    /// a tap), or after a tap the surface has acted on already.
    pub fn swallows_click(&self) -> bool {
        let t = now();
        t - self.drag_ended_at < CLICK_GUARD_MS
            || t - self.tapped_at < CLICK_GUARD_MS
            || self.gesture.moved && self.gesture.is_active()
    }

    fn settled(&mut self) {
        let zoom = self.view.map_or(Zoom::FITTED, |v| Zoom::of(&v));
        self.outbox.push(SurfaceEvent::Zoomed(zoom));
    }

    fn send(&mut self, event: SurfaceEvent) {
        self.outbox.push(event);
    }

    /// A pointer's position in stage coordinates.
    fn point(&self, e: &web_sys::MouseEvent) -> (f64, f64) {
        let rect = self.stage.as_ref().map(|s| s.get_bounding_client_rect());
        let (left, top) = rect.map_or((0.0, 0.0), |r| (r.left(), r.top()));
        (
            f64::from(e.client_x()) - left,
            f64::from(e.client_y()) - top,
        )
    }
}

/// Hands the waiting events to the page view, with no borrow held.
pub fn flush(surface: &SharedSurface) {
    let (events, notify) = {
        let mut s = surface.borrow_mut();
        (std::mem::take(&mut s.outbox), s.notify.clone())
    };
    for event in events {
        notify(event);
    }
}

/// Runs `act` on the surface, then tells the page view what came of it.
fn with(surface: &SharedSurface, act: impl FnOnce(&mut Surface)) {
    act(&mut surface.borrow_mut());
    flush(surface);
}

/// The zoom buttons: `+` (factor > 1), `−` (factor < 1).
pub fn zoom_by(surface: &SharedSurface, factor: f64) {
    with(surface, |s| s.zoom_by(factor, None));
}

/// The 还原整版 button.
pub fn reset(surface: &SharedSurface) {
    with(surface, Surface::reset);
}

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
    for kind in ["pointerup", "pointercancel"] {
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
                let out = if e.type_() == "pointercancel" {
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

/// Acts on what a gesture meant; `story` is the region it went down on.
/// Returns the velocity of a fling to start.
fn finish(s: &mut Surface, outcome: Outcome, story: Option<String>) -> Option<(f64, f64)> {
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

fn fling(surface: &SharedSurface, mut velocity: (f64, f64), last: f64) {
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

/// The clock of animation frames too, so fling steps measure real time.
fn now() -> f64 {
    gloo::utils::window()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

pub fn pixel_ratio() -> f64 {
    gloo::utils::window().device_pixel_ratio().max(1.0)
}
