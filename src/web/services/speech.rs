//! Reading aloud (听新闻) behind one small interface, [`Speaker`]: today the
//! browser's Web Speech API with a Chinese voice; a host app's own TTS can
//! implement the same trait later.

/// Speaks one piece of text at a time.
pub trait Speaker {
    /// Speaks `text`, replacing whatever was being spoken. `done(true)` runs
    /// once when it was spoken to the end; `done(false)` when it failed. Never
    /// after [`Speaker::stop`] or a later `speak`.
    fn speak(&self, text: &str, done: Box<dyn FnOnce(bool)>);
    fn stop(&self);
}

#[cfg(target_arch = "wasm32")]
mod web {
    use super::*;
    use gloo::events::EventListener;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

    type Handler = Closure<dyn FnMut(JsValue)>;

    struct WebSpeech {
        synth: SpeechSynthesis,
        voice: SpeechSynthesisVoice,
        /// The utterance being spoken and its handlers (dropped with it).
        current: RefCell<Option<(SpeechSynthesisUtterance, Handler, Handler)>>,
    }

    impl WebSpeech {
        /// Detaches the current utterance's handlers: a cancelled utterance
        /// fires `error`/`end`, which must not count as done.
        fn forget(&self) {
            if let Some((u, _, _)) = self.current.borrow_mut().take() {
                u.set_onend(None);
                u.set_onerror(None);
            }
        }
    }

    impl Speaker for WebSpeech {
        fn speak(&self, text: &str, done: Box<dyn FnOnce(bool)>) {
            self.forget();
            self.synth.cancel();
            let Ok(u) = SpeechSynthesisUtterance::new_with_text(text) else {
                done(false);
                return;
            };
            u.set_lang(&self.voice.lang());
            u.set_voice(Some(&self.voice));
            let done = Rc::new(RefCell::new(Some(done)));
            let finish = |ok: bool| {
                let done = done.clone();
                Closure::<dyn FnMut(JsValue)>::new(move |_| {
                    if let Some(f) = done.borrow_mut().take() {
                        f(ok);
                    }
                })
            };
            let (on_end, on_error) = (finish(true), finish(false));
            u.set_onend(Some(on_end.as_ref().unchecked_ref()));
            u.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            // Chrome leaves the queue paused after an earlier pause().
            self.synth.resume();
            self.synth.speak(&u);
            *self.current.borrow_mut() = Some((u, on_end, on_error));
        }

        fn stop(&self) {
            self.forget();
            self.synth.cancel();
        }
    }

    /// `speechSynthesis`, where the engine has it (many webviews do not: a
    /// call on `undefined` would trap).
    fn synthesis() -> Option<SpeechSynthesis> {
        let synth = gloo::utils::window().speech_synthesis().ok()?;
        (synth.is_object() && js_sys::Reflect::has(&synth, &"getVoices".into()).unwrap_or(false))
            .then_some(synth)
    }

    /// The browser's speaker with its best Chinese voice: mainland Mandarin
    /// first, then any `zh`; `None` without speech synthesis or such a voice.
    fn find() -> Option<Rc<dyn Speaker>> {
        let synth = synthesis()?;
        let voices: Vec<SpeechSynthesisVoice> = synth
            .get_voices()
            .iter()
            .map(|v| v.unchecked_into::<SpeechSynthesisVoice>())
            .collect();
        let voice = voices
            .into_iter()
            .filter_map(|v| super::rank(&v.lang()).map(|r| (r, v)))
            .min_by_key(|(r, _)| *r)?
            .1;
        Some(Rc::new(WebSpeech {
            synth,
            voice,
            current: RefCell::new(None),
        }))
    }

    /// Calls `found` with a speaker once a Chinese voice is there (voices
    /// often arrive after the page loaded). Keep the listener while waiting.
    pub fn when_available(found: impl Fn(Rc<dyn Speaker>) + 'static) -> Option<EventListener> {
        if let Some(s) = find() {
            found(s);
            return None;
        }
        let synth = synthesis()?;
        Some(EventListener::new(&synth, "voiceschanged", move |_| {
            if let Some(s) = find() {
                found(s);
            }
        }))
    }
}
#[cfg(target_arch = "wasm32")]
pub use web::when_available;

/// How good a voice of language `lang` is for the paper: mainland Mandarin
/// (0), any other Chinese (1), not Chinese (None).
pub fn rank(lang: &str) -> Option<u8> {
    let lang = lang.replace('_', "-").to_ascii_lowercase();
    if lang == "zh-cn" || lang == "cmn-hans-cn" {
        Some(0)
    } else if lang.starts_with("zh") || lang.starts_with("cmn") {
        Some(1)
    } else {
        None
    }
}

/// Calls `found` once a Chinese voice is there (voices often arrive after
/// the page loaded); keep the listener while waiting. The app's check,
/// through `Reflect`: the Web Speech bindings are the second module's.
#[cfg(target_arch = "wasm32")]
pub fn when_voice(found: impl Fn() + 'static) -> Option<gloo::events::EventListener> {
    use js_sys::Reflect;
    use wasm_bindgen::{JsCast, JsValue};
    let synth = Reflect::get(&gloo::utils::window(), &"speechSynthesis".into())
        .ok()
        .filter(|s| s.is_object())?;
    let has = {
        let synth = synth.clone();
        move || {
            let voices = Reflect::get(&synth, &"getVoices".into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                .and_then(|f| f.call0(&synth).ok());
            voices.is_some_and(|v| {
                js_sys::Array::from(&v).iter().any(|v: JsValue| {
                    Reflect::get(&v, &"lang".into())
                        .ok()
                        .and_then(|l| l.as_string())
                        .is_some_and(|l| rank(&l).is_some())
                })
            })
        }
    };
    if has() {
        found();
        return None;
    }
    let target: web_sys::EventTarget = synth.unchecked_into();
    Some(gloo::events::EventListener::new(
        &target,
        "voiceschanged",
        move |_| {
            if has() {
                found()
            }
        },
    ))
}
