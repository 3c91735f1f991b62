//! The browser side of zoom, pan and swipe: pointer, wheel and key events go
//! into `Gesture`/`Viewport` (plain Rust), and the result is written straight
//! to the page box as a CSS transform, so a gesture never re-renders or
//! re-lays out anything. Yew hears only when a gesture ends.

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

/// Clicks that come within this many ms after a drag ended are not taps.
const CLICK_GUARD_MS: f64 = 400.0;
/// The wheel has stopped when no event came for this long.
const WHEEL_SETTLE_MS: u32 = 150;

/// What the page view hears from the surface.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SurfaceEvent {
    /// The zoom settled at this level: time to pick the sharpest useful picture.
    Zoomed(f64),
    /// A swipe asks for the previous (-1) or next (+1) page.
    Turn(i32),
}

pub struct Surface {
    pub view: Option<Viewport>,
    gesture: Gesture,
    page: Option<HtmlElement>,
    stage: Option<HtmlElement>,
    fling: Option<AnimationFrame>,
    drag_ended_at: f64,
    wheel_settle: Option<Timeout>,
    notify: Box<dyn Fn(SurfaceEvent)>,
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
            notify: Box::new(notify),
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

    /// Zooms by `factor` about a stage point (buttons, keys, wheel).
    pub fn zoom_by(&mut self, factor: f64, at: Option<(f64, f64)>) {
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

    pub fn reset(&mut self) {
        if let Some(v) = self.view.as_mut() {
            v.reset();
        }
        self.apply();
        self.settled();
    }

    pub fn zoom(&self) -> f64 {
        self.view.map_or(1.0, |v| v.zoom)
    }

    /// True right after a drag, pinch or swipe: the click that follows is not a tap.
    pub fn swallows_click(&self) -> bool {
        now() - self.drag_ended_at < CLICK_GUARD_MS
            || self.gesture.moved && self.gesture.is_active()
    }

    fn settled(&self) {
        (self.notify)(SurfaceEvent::Zoomed(self.zoom()));
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
            let outcome = {
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
                out
            };
            finish(&s, outcome);
        }));
    }
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
                surface.borrow().settled()
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
        },
    ));
    listeners
}

/// A press on the zoom buttons is theirs, not the start of a gesture (two
/// quick presses on 放大 are not a double tap on the page).
fn on_control(e: &PointerEvent) -> bool {
    let target = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    target.is_some_and(|el| el.closest("button").ok().flatten().is_some())
}

/// `+`/`-`/`0` zoom; arrows pan a zoomed page (unzoomed, they turn pages: the app's).
fn keys(surface: &SharedSurface, e: &KeyboardEvent) {
    if e.default_prevented() || e.ctrl_key() || e.meta_key() || e.alt_key() || typing(e) {
        return;
    }
    let mut s = surface.borrow_mut();
    let zoomed = s.view.is_some_and(|v| v.is_zoomed());
    let step = 60.0;
    match e.key().as_str() {
        "+" | "=" => s.zoom_by(1.5, None),
        "-" | "_" => s.zoom_by(1.0 / 1.5, None),
        "0" => s.reset(),
        key @ ("ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown") if zoomed => {
            let (dx, dy) = match key {
                "ArrowLeft" => (step, 0.0),
                "ArrowRight" => (-step, 0.0),
                "ArrowUp" => (0.0, step),
                _ => (0.0, -step),
            };
            if let Some(v) = s.view.as_mut() {
                v.pan(dx, dy);
            }
            s.apply();
        }
        _ => return,
    }
    e.prevent_default();
}

/// Keys typed into a field, or aimed at the reader, are not for the page.
pub fn typing(e: &KeyboardEvent) -> bool {
    let target = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    target.is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
            || el.closest(".reader").ok().flatten().is_some()
    })
}

fn finish(surface: &SharedSurface, outcome: Outcome) {
    match outcome {
        Outcome::Turn(step) => {
            let notify = {
                let mut s = surface.borrow_mut();
                s.gesture.swipe_dx = 0.0;
                s.apply();
                SurfaceEvent::Turn(step)
            };
            (surface.borrow().notify)(notify);
        }
        Outcome::DoubleTap { x, y } => {
            let mut s = surface.borrow_mut();
            if let Some(v) = s.view.as_mut() {
                double_tap(v, x, y);
            }
            s.apply();
            s.settled();
        }
        Outcome::Fling { vx, vy } => fling(surface, (vx, vy), now()),
        Outcome::Tap { .. } | Outcome::Nothing => {
            let s = surface.borrow();
            s.apply(); // a short swipe springs back
            if s.gesture.moved {
                s.settled();
            }
        }
    }
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
            s2.borrow_mut().fling = None;
            s2.borrow().settled();
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
