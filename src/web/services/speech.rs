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
        let rank = |v: &SpeechSynthesisVoice| {
            let lang = v.lang().replace('_', "-").to_ascii_lowercase();
            if lang == "zh-cn" || lang == "cmn-hans-cn" {
                Some(0)
            } else if lang.starts_with("zh") || lang.starts_with("cmn") {
                Some(1)
            } else {
                None
            }
        };
        let voice = voices
            .into_iter()
            .filter_map(|v| rank(&v).map(|r| (r, v)))
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
