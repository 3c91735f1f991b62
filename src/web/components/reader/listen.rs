//! 听新闻: reads the article aloud, piece by piece (the headline, then each
//! paragraph, subhead and caption), marking the piece being read. Pausing
//! stops the voice and playing again starts that piece over: engines'
//! pause() is unreliable (Android Chrome cancels instead). Where no Chinese
//! voice exists, nothing is shown.

use crate::edition::{Article, Block};
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

pub struct Listen {
    /// A Chinese voice is there: show the control.
    pub available: bool,
    pub progress: Rc<Progress>,
    pub toggle: Callback<MouseEvent>,
    /// Read on with the next article, starting as it opens.
    pub play_next: Rc<std::cell::RefCell<bool>>,
}

#[hook]
pub fn use_listen(article: &Rc<Article>) -> Listen {
    let speaker = use_mut_ref(|| None::<Rc<dyn Speaker>>);
    let available = use_state(|| false);
    // One piece per body block, plus the headline.
    let count = article.body.len() + 1;
    // Made for the article shown first, so that opening the reader renders it once.
    let progress = use_reducer(|| Progress {
        id: article.id.clone(),
        count,
        ..Progress::default()
    });
    let play_next = use_mut_ref(|| false);
    #[cfg(target_arch = "wasm32")]
    {
        let (speaker, available) = (speaker.clone(), available.clone());
        use_effect_with((), move |_| {
            let found = speaker.clone();
            let listener = crate::web::services::speech::when_available(move |s| {
                *found.borrow_mut() = Some(s);
                available.set(true);
            });
            move || {
                drop(listener);
                // The reader closed: stop reading.
                if let Some(s) = speaker.borrow().as_ref() {
                    s.stop();
                }
            }
        });
    }
    {
        // A new article: start over, playing if the reader asked to read on.
        let d = progress.dispatcher();
        let play_next = play_next.clone();
        use_effect_with(article.id.clone(), move |id| {
            let play = std::mem::take(&mut *play_next.borrow_mut());
            d.dispatch(Step::Start {
                id: id.clone(),
                count,
                play,
            });
        });
    }
    {
        let (speaker, article, d) = (speaker.clone(), article.clone(), progress.dispatcher());
        let now = (progress.id.clone(), progress.at, progress.playing);
        use_effect_with(now, move |(id, at, playing)| {
            let Some(s) = speaker.borrow().clone() else {
                return;
            };
            match at {
                Some(i) if *playing && *id == article.id => {
                    let i = *i;
                    let text = spoken(&article).swap_remove(i);
                    s.speak(
                        &text,
                        Box::new(move |ok| {
                            d.dispatch(if ok { Step::Done(i) } else { Step::Failed })
                        }),
                    );
                    keep_in_view();
                }
                _ => s.stop(),
            }
        });
    }
    let d = progress.dispatcher();
    Listen {
        available: *available,
        progress: Rc::new((*progress).clone()),
        toggle: Callback::from(move |_| d.dispatch(Step::Toggle)),
        play_next,
    }
}

/// Scrolls the piece being read into view (below the sticky bar: see
/// `scroll-margin` in 40-reader.css), after the render that marks it.
fn keep_in_view() {
    #[cfg(target_arch = "wasm32")]
    gloo::timers::callback::Timeout::new(0, || {
        if let Ok(Some(el)) = gloo::utils::document().query_selector(".reader .speaking") {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    })
    .forget();
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
