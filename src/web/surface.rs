//! The browser side of zoom, pan and swipe: pointer, wheel and key events go
//! into `Gesture`/`Viewport` (plain Rust), and the result is written straight
//! to the page box as a CSS transform, so a gesture never re-renders or
//! re-lays out anything. Yew hears only when a gesture ends.
//!
//! The surface is the one owner of the page's keys and taps too: a tap on a
//! story opens it on `pointerup` (not on the `click` that comes a few
//! milliseconds later), and events go out only after every `RefCell` borrow
//! of the surface is over, so a listener may call back into it.
//!
//! Here: the surface's state and what changes it. Beside it: events.rs (what
//! the page view hears), listen.rs (the listeners), act.rs (what a gesture's
//! end does: open, turn, zoom, fling), keys.rs (the page's keys).

use crate::geometry::num;
use crate::gesture::Gesture;
use crate::viewport::{Size, Viewport};
use gloo::render::AnimationFrame;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlElement;

mod act;
mod events;
mod keys;
mod listen;
pub use events::{SurfaceEvent, Zoom};
pub use listen::listen;

/// Clicks that come within this many ms after a drag ended are not taps.
const CLICK_GUARD_MS: f64 = 400.0;

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

/// The clock of animation frames too, so fling steps measure real time.
fn now() -> f64 {
    gloo::utils::window()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

pub fn pixel_ratio() -> f64 {
    gloo::utils::window().device_pixel_ratio().max(1.0)
}
