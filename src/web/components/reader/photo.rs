//! A photo full-size over everything: pinch, drag, double tap and the wheel
//! zoom it (the page's own gesture and viewport logic); the close button,
//! Escape and back close it (it is a history entry, as the reader is).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PhotoProps {
    pub src: String,
    pub alt: String,
    pub on_close: Callback<()>,
}

#[component]
pub fn PhotoViewer(props: &PhotoProps) -> Html {
    let stage = use_node_ref();
    let image = use_node_ref();
    let close_button = use_node_ref();
    #[cfg(target_arch = "wasm32")]
    {
        browser::use_viewer(&stage, &image, &close_button, &props.on_close);
    }
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| close_by_back(&on_close))
    };
    html! {
        <div class="photo-viewer" role="dialog" aria-modal="true" aria-label="查看图片">
            <div class="photo-stage" ref={stage}>
                <img ref={image} src={props.src.clone()} alt={props.alt.clone()} draggable="false" />
            </div>
            <button ref={close_button} class="photo-close" aria-label="关闭图片" title="关闭" onclick={close}>{ "×" }</button>
            <p class="photo-hint" aria-hidden="true">{ "双击或双指放大" }</p>
        </div>
    }
}

/// Closes through history when the viewer's own entry is the current one,
/// so that back and the close button leave the history alike.
fn close_by_back(on_close: &Callback<()>) {
    #[cfg(target_arch = "wasm32")]
    if browser::leave() {
        return; // popstate closes it
    }
    on_close.emit(());
}

#[cfg(target_arch = "wasm32")]
pub use browser::{enter, leave};

#[cfg(target_arch = "wasm32")]
mod browser {
    use crate::gesture::{self, Gesture, Outcome};
    use crate::viewport::{Size, Viewport};
    use gloo::events::{EventListener, EventListenerOptions};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{HtmlElement, HtmlImageElement};
    use yew::prelude::*;

    const MARK: &str = "epaper-photo";

    /// Steps back off the viewer's own entry when it is the current one;
    /// whether it was.
    pub fn leave() -> bool {
        let own = own_entry();
        if own {
            let _ = gloo::utils::window().history().map(|h| h.back());
        }
        own
    }

    /// The viewer's own history entry. The reader makes it when the photo is
    /// asked for (the viewer may still be loading then); the viewer makes it
    /// only where it is missing.
    pub fn enter() {
        if !own_entry() {
            if let Ok(h) = gloo::utils::window().history() {
                let _ = h.push_state(&JsValue::from_str(MARK), "");
            }
        }
    }

    pub fn own_entry() -> bool {
        let state = gloo::utils::window().history().and_then(|h| h.state()).ok();
        state.and_then(|s| s.as_string()).is_some_and(|s| s == MARK)
    }

    struct Zoom {
        view: Option<Viewport>,
        gesture: Gesture,
    }

    #[hook]
    pub fn use_viewer(
        stage: &NodeRef,
        image: &NodeRef,
        close_button: &NodeRef,
        on_close: &Callback<()>,
    ) {
        let (stage, image, close_button, on_close) = (
            stage.clone(),
            image.clone(),
            close_button.clone(),
            on_close.clone(),
        );
        crate::web::effect::use_effect_on((), move |_| {
            let window = gloo::utils::window();
            let opener = gloo::utils::document().active_element();
            enter();
            if let Some(b) = close_button.cast::<HtmlElement>() {
                let _ = b.focus();
            }
            let mut listeners = Vec::new();
            let close = on_close.clone();
            listeners.push(EventListener::new(&window, "popstate", move |_| {
                close.emit(())
            }));
            let close = on_close.clone();
            // Handled: the app's Escape (close the reader) skips it.
            listeners.push(super::super::on_escape(move || {
                super::close_by_back(&close)
            }));
            let zoom = Rc::new(RefCell::new(Zoom {
                view: None,
                gesture: Gesture::default(),
            }));
            if let (Some(stage), Some(img)) = (
                stage.cast::<HtmlElement>(),
                image.cast::<HtmlImageElement>(),
            ) {
                listeners.extend(gestures(&stage, &img, &zoom));
            }
            move || {
                drop(listeners);
                if let Some(el) = opener.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            }
        });
    }

    fn gestures(
        stage: &HtmlElement,
        img: &HtmlImageElement,
        zoom: &Rc<RefCell<Zoom>>,
    ) -> Vec<EventListener> {
        let apply = {
            let img = img.clone();
            move |view: &Viewport| {
                let fitted = view.fitted_size();
                let style = img.style();
                let _ = style.set_property(
                    "width",
                    &format!("{}px", crate::geometry::num(fitted.width, 2)),
                );
                let _ = style.set_property(
                    "height",
                    &format!("{}px", crate::geometry::num(fitted.height, 2)),
                );
                let _ = style.set_property("transform", &view.css_transform());
            }
        };
        let fit = {
            let (stage, img, zoom, apply) =
                (stage.clone(), img.clone(), zoom.clone(), apply.clone());
            move || {
                let (w, h) = (img.natural_width() as f64, img.natural_height() as f64);
                if w < 1.0 || h < 1.0 {
                    return;
                }
                let r = stage.get_bounding_client_rect();
                let dpr = gloo::utils::window().device_pixel_ratio();
                let mut view = Viewport::fitted(
                    Size {
                        width: r.width(),
                        height: r.height(),
                    },
                    Size {
                        width: w,
                        height: h,
                    },
                    dpr,
                );
                keep_centred(&mut view);
                apply(&view);
                zoom.borrow_mut().view = Some(view);
            }
        };
        if img.complete() {
            fit();
        }
        let point = {
            let stage = stage.clone();
            move |e: &web_sys::MouseEvent| {
                let r = stage.get_bounding_client_rect();
                (
                    e.client_x() as f64 - r.left(),
                    e.client_y() as f64 - r.top(),
                )
            }
        };
        let now = || {
            gloo::utils::window()
                .performance()
                .map(|p| p.now())
                .unwrap_or(0.0)
        };
        let prevent = EventListenerOptions::enable_prevent_default();
        let mut out = vec![EventListener::new(img, "load", {
            let fit = fit.clone();
            move |_| fit()
        })];
        out.push(EventListener::new(
            &gloo::utils::window(),
            "resize",
            move |_| fit(),
        ));
        {
            let (zoom, point, stage2) = (zoom.clone(), point.clone(), stage.clone());
            out.push(EventListener::new_with_options(
                stage,
                "pointerdown",
                prevent,
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                        return;
                    };
                    e.prevent_default();
                    let _ = stage2.set_pointer_capture(e.pointer_id());
                    let (x, y) = point(e);
                    zoom.borrow_mut().gesture.down(e.pointer_id(), x, y, now());
                },
            ));
        }
        {
            let (zoom, point, apply) = (zoom.clone(), point.clone(), apply.clone());
            out.push(EventListener::new(stage, "pointermove", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                    return;
                };
                let (x, y) = point(e);
                let z = &mut *zoom.borrow_mut();
                if let Some(view) = z.view.as_mut() {
                    z.gesture.moved_to(e.pointer_id(), x, y, now(), view);
                    apply(view);
                }
            }));
        }
        for kind in ["pointerup", "pointercancel"] {
            let (zoom, point, apply, stage2) =
                (zoom.clone(), point.clone(), apply.clone(), stage.clone());
            out.push(EventListener::new(stage, kind, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() else {
                    return;
                };
                let (x, y) = point(e);
                let z = &mut *zoom.borrow_mut();
                let Some(view) = z.view.as_mut() else { return };
                let outcome = if e.type_() == "pointercancel" {
                    z.gesture.cancel();
                    Outcome::Nothing
                } else {
                    z.gesture
                        .up(e.pointer_id(), x, y, now(), stage2.client_width() as f64)
                };
                if let Outcome::DoubleTap { x, y } = outcome {
                    gesture::double_tap(view, x, y);
                }
                if !z.gesture.is_active() {
                    view.clamp();
                    keep_centred(view);
                }
                apply(view);
            }));
        }
        {
            let (zoom, point) = (zoom.clone(), point.clone());
            out.push(EventListener::new_with_options(
                stage,
                "wheel",
                prevent,
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::WheelEvent>() else {
                        return;
                    };
                    e.prevent_default();
                    let (x, y) = point(e);
                    if let Some(view) = zoom.borrow_mut().view.as_mut() {
                        view.zoom_about((-e.delta_y() * 0.002).exp(), x, y);
                        keep_centred(view);
                        apply(view);
                    }
                },
            ));
        }
        out
    }

    /// The viewport keeps a smaller-than-stage picture at the top; a photo
    /// stands in the middle.
    fn keep_centred(view: &mut Viewport) {
        let h = view.fitted_size().height * view.zoom;
        if h <= view.stage.height {
            view.y = (view.stage.height - h) / 2.0;
        }
    }
}

/// A photo full-size as a screen of the second module (its arguments and
/// events: web/lazy.rs).
#[component]
pub fn PhotoPanel(props: &crate::web::lazy::PanelProps<crate::web::lazy::PhotoArgs>) -> Html {
    let crate::web::lazy::PhotoArgs { src, alt } = props.args.clone();
    let on_close = props.emit.reform(|_| crate::web::lazy::LazyEvent::Close);
    html! { <PhotoViewer {src} {alt} {on_close} /> }
}
