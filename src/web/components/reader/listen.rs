//! 听新闻: reads the article aloud, piece by piece (the headline, then each
//! paragraph, subhead and caption), marking the piece being read. The app
//! checks for a voice and shows the button; the rest is the second
//! module's (`ListenPanel`). Pausing
//! stops the voice and playing again starts that piece over: engines'
//! pause() is unreliable (Android Chrome cancels instead). Where no Chinese
//! voice exists, nothing is shown.

use crate::edition::{Article, Block};
use crate::web::lazy::{LazyEvent, ListenArgs, PanelProps};
use crate::web::services::speech::Speaker;
use std::rc::Rc;
use yew::prelude::*;

/// What is read, in order: 0 is the headline, `n + 1` the body's block `n`.
pub fn spoken(a: &Article) -> Vec<String> {
    let head = [
        a.kicker.as_deref(),
        Some(a.title.as_str()),
        a.subtitle.as_deref(),
    ];
    let head = head
        .into_iter()
        .flatten()
        .map(crate::typography::plain_headline)
        .collect::<Vec<_>>()
        .join("。");
    let mut dateline = a.dateline.clone();
    let body = a.body.iter().map(|b| match b {
        Block::Paragraph { text } => match dateline.take() {
            Some(d) => format!("{d} {text}"),
            None => text.clone(),
        },
        Block::Subhead { text } => text.clone(),
        Block::Figure { caption, .. } => caption.clone(),
    });
    std::iter::once(head).chain(body).collect()
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// The article this progress is about.
    id: String,
    count: usize,
    /// The piece being read (or paused at).
    pub at: Option<usize>,
    pub playing: bool,
    /// Read to the end: offer the next article.
    pub ended: bool,
}

pub enum Step {
    Start {
        id: String,
        count: usize,
        play: bool,
    },
    Toggle,
    Done(usize),
    Failed,
}

impl Reducible for Progress {
    type Action = Step;
    fn reduce(self: Rc<Self>, step: Step) -> Rc<Self> {
        let mut p = (*self).clone();
        match step {
            // The article the state was made for, not playing: nothing
            // changes, and returning the same Rc spares the reader a render.
            Step::Start { id, count, play }
                if !play && id == p.id && count == p.count && p.at.is_none() && !p.playing =>
            {
                return self;
            }
            Step::Start { id, count, play } => {
                p = Progress {
                    id,
                    count,
                    at: play.then_some(0),
                    playing: play,
                    ended: false,
                };
            }
            Step::Toggle if p.playing => p.playing = false,
            Step::Toggle => {
                p.at = Some(p.at.unwrap_or(0));
                p.playing = true;
                p.ended = false;
            }
            Step::Done(i) if p.playing && p.at == Some(i) => {
                if i + 1 < p.count {
                    p.at = Some(i + 1);
                } else {
                    p = Progress {
                        at: None,
                        playing: false,
                        ended: true,
                        ..p
                    };
                }
            }
            Step::Done(_) => {}
            Step::Failed => p.playing = false,
        }
        Rc::new(p)
    }
}

/// Whether a Chinese voice is there (the app shows 听新闻 only then); the
/// check is the app's, the speaking the second module's (`ListenPanel`).
#[hook]
pub fn use_voice() -> bool {
    let available = use_state_eq(|| false);
    #[cfg(target_arch = "wasm32")]
    {
        let available = available.clone();
        crate::web::effect::use_effect_on((), move |_| {
            let listener = crate::web::services::speech::when_voice(move || available.set(true));
            move || drop(listener)
        });
    }
    *available
}

/// 听新闻 playing (second module; lazy_screens.rs): speaks the pieces one by
/// one, says which is read (the app marks it and keeps it in view), pauses
/// and plays on, and at the end offers the next article. Mounted when the
/// reader pressed 听新闻, so it starts at once.
#[component]
pub fn ListenPanel(props: &PanelProps<ListenArgs>) -> Html {
    let args = &props.args;
    let count = args.pieces.len();
    let progress = use_reducer(|| Progress {
        id: args.id.clone(),
        count,
        at: Some(0),
        playing: true,
        ended: false,
    });
    let speaker = use_mut_ref(|| None::<Rc<dyn Speaker>>);
    let ready = use_state_eq(|| false);
    let toggle_ref = use_node_ref();
    #[cfg(target_arch = "wasm32")]
    {
        let (speaker, ready, toggle_ref) = (speaker.clone(), ready.clone(), toggle_ref.clone());
        crate::web::effect::use_effect_on((), move |_| {
            // The app's 听新闻 button was replaced by this one: the focus
            // stays on the control.
            let doc = gloo::utils::document();
            let lost = doc
                .active_element()
                .is_none_or(|el| doc.body().is_some_and(|b| el == *b.as_ref()));
            if let Some(el) = toggle_ref.cast::<web_sys::HtmlElement>().filter(|_| lost) {
                let _ = el.focus();
            }
            let found = speaker.clone();
            let listener = crate::web::services::speech::when_available(move |s| {
                *found.borrow_mut() = Some(s);
                ready.set(true);
            });
            move || {
                drop(listener);
                // The reader closed, or moved on: stop reading.
                if let Some(s) = speaker.borrow().as_ref() {
                    s.stop();
                }
            }
        });
    }
    {
        // The next article (read on): start over, playing.
        let d = progress.dispatcher();
        crate::web::effect::use_effect_on(args.id.clone(), move |id| {
            d.dispatch(Step::Start {
                id: id.clone(),
                count,
                play: true,
            });
        });
    }
    {
        let emit = props.emit.clone();
        crate::web::effect::use_effect_on((progress.id.clone(), progress.at), move |(_, at)| {
            emit.emit(LazyEvent::Speaking(*at))
        });
    }
    {
        let (speaker, d) = (speaker.clone(), progress.dispatcher());
        let (pieces, shown) = (args.pieces.clone(), args.id.clone());
        let now = (progress.id.clone(), progress.at, progress.playing, *ready);
        crate::web::effect::use_effect_on(now, move |(id, at, playing, _)| {
            let Some(s) = speaker.borrow().clone() else {
                return;
            };
            match at {
                Some(i) if *playing && *id == shown && *i < pieces.len() => {
                    let i = *i;
                    s.speak(
                        &pieces[i],
                        Box::new(move |ok| {
                            d.dispatch(if ok { Step::Done(i) } else { Step::Failed })
                        }),
                    );
                }
                _ => s.stop(),
            }
        });
    }
    let p = &*progress;
    if p.ended {
        if let Some(next) = &args.next {
            let onclick = props.emit.reform(|_: MouseEvent| LazyEvent::ReadOn);
            return html! {
                <div class="listen ended" role="status">
                    <button class="button primary listen-next" {onclick}>
                        { "▶ 继续听下一篇：" }<span class="listen-title">{ next }</span>
                    </button>
                </div>
            };
        }
    }
    let (icon, label) = match (p.playing, p.at.is_some()) {
        (true, _) => ("❚❚", "暂停"),
        (false, true) => ("▶", "继续听"),
        (false, false) => ("▶", "听新闻"),
    };
    let d = progress.dispatcher();
    let toggle = Callback::from(move |_: MouseEvent| d.dispatch(Step::Toggle));
    html! {
        <div class="listen">
            <button ref={toggle_ref} class="button primary listen-toggle" aria-pressed={p.playing.to_string()} onclick={toggle}>
                <span aria-hidden="true">{ icon }</span>{ " " }{ label }
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(p: Progress, s: Step) -> Progress {
        (*Rc::new(p).reduce(s)).clone()
    }

    #[test]
    fn reads_piece_by_piece_then_offers_the_next() {
        let p = reduce(
            Progress::default(),
            Step::Start {
                id: "a".into(),
                count: 2,
                play: false,
            },
        );
        assert_eq!((p.at, p.playing), (None, false));
        let p = reduce(p, Step::Toggle);
        assert_eq!((p.at, p.playing), (Some(0), true));
        // A late "done" of a piece no longer read changes nothing.
        let p = reduce(p, Step::Done(5));
        assert_eq!(p.at, Some(0));
        let p = reduce(p, Step::Done(0));
        assert_eq!(p.at, Some(1));
        let paused = reduce(p.clone(), Step::Toggle);
        assert_eq!((paused.at, paused.playing), (Some(1), false));
        assert_eq!(
            reduce(paused.clone(), Step::Done(1)).at,
            Some(1),
            "no advance while paused"
        );
        let resumed = reduce(paused, Step::Toggle);
        assert_eq!(
            (resumed.at, resumed.playing),
            (Some(1), true),
            "resumes at the same piece"
        );
        let end = reduce(resumed, Step::Done(1));
        assert!(end.ended && !end.playing && end.at.is_none());
        let next = reduce(
            end,
            Step::Start {
                id: "b".into(),
                count: 3,
                play: true,
            },
        );
        assert_eq!((next.at, next.playing, next.ended), (Some(0), true, false));
    }
}
