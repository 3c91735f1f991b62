//! Every character of the edition's stories laid out once, in each of the
//! reader's faces, before the first tap: the second half of the warm-up
//! (warm.rs).
//!
//! Why: traced at 4× CPU, laying out a story the reader has not seen took
//! 18–24 ms, the same story a second time 6–9 ms, and the lead story after
//! its characters had been laid out once, shuffled, ~10 ms. The cost is the
//! font's glyphs met for the first time (their metrics, per face and size),
//! not the story's markup. So each face's distinct characters, taken from
//! every story of the edition alike (no story is favoured), are laid out in
//! hidden boxes, a few hundred per idle task (~15 ms at 4× CPU).

use crate::edition::{Block, Edition};
use crate::typography::{plain_headline, reader_text, without_print_bullet};

/// A face of the reader: where its text stands decides its font.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Face {
    Body,
    Headline,
    /// 引题 and 副题 (one size and family).
    Deck,
    Byline,
    Subhead,
    Caption,
}

/// Characters laid out in one idle task.
const PER_TASK: usize = 300;

/// Each face's distinct characters (as the reader sets them, no spaces), in
/// the order the stories come, cut into runs of at most [`PER_TASK`]. The
/// body first: it holds most of what a tap lays out.
pub fn glyph_runs(edition: &Edition) -> Vec<(Face, String)> {
    let mut faces: Vec<(Face, Vec<char>)> = [
        Face::Body,
        Face::Headline,
        Face::Deck,
        Face::Byline,
        Face::Subhead,
        Face::Caption,
    ]
    .into_iter()
    .map(|f| (f, Vec::new()))
    .collect();
    // A big edition has some 100 000 characters: a set, not a scan.
    let mut seen = std::collections::BTreeSet::new();
    let mut add = |face: Face, text: &str| {
        let run = &mut faces[face as usize].1;
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            if seen.insert((face as u8, c)) {
                run.push(c);
            }
        }
    };
    for a in &edition.articles {
        add(Face::Headline, &plain_headline(&a.title));
        for deck in [&a.kicker, &a.subtitle].into_iter().flatten() {
            add(Face::Deck, &reader_text(deck));
        }
        if let Some(byline) = &a.byline {
            add(Face::Byline, &reader_text(without_print_bullet(byline)));
        }
        for block in &a.body {
            match block {
                Block::Paragraph { text } => add(Face::Body, &reader_text(text)),
                Block::Subhead { text } => add(Face::Subhead, &reader_text(text)),
                Block::Figure { caption, .. } => add(Face::Caption, &reader_text(caption)),
            }
        }
    }
    faces
        .into_iter()
        .flat_map(|(face, chars)| {
            chars
                .chunks(PER_TASK)
                .map(|run| (face, run.iter().collect::<String>()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The edition's runs gathered at the next idle time (a task of its own: a
/// big edition has some 100 000 characters), then laid out.
#[cfg(target_arch = "wasm32")]
pub fn warm(edition: crate::web::EditionRef) {
    use crate::web::services::idle::at_idle;
    at_idle(move || {
        let runs = glyph_runs(&edition.0);
        at_idle(move || lay_out(runs))
    });
}

/// Lays the runs out, one per idle time, in boxes with the reader's classes
/// (so its fonts), attached and removed within the task: never painted.
#[cfg(target_arch = "wasm32")]
fn lay_out(mut runs: Vec<(Face, String)>) {
    use crate::web::services::idle::at_idle;
    if runs.is_empty() {
        return;
    }
    let (face, text) = runs.remove(0);
    lay_out_one(face, &text);
    at_idle(move || lay_out(runs));
}

#[cfg(target_arch = "wasm32")]
fn lay_out_one(face: Face, text: &str) -> Option<()> {
    use wasm_bindgen::JsCast;
    let doc = gloo::utils::document();
    let host = doc.query_selector(".workspace").ok()??;
    let el = |tag: &str, class: &str, parent: &web_sys::Element| -> Option<web_sys::Element> {
        let e = doc.create_element(tag).ok()?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        parent.append_child(&e).ok()?;
        Some(e)
    };
    let root = doc.create_element("div").ok()?;
    root.set_class_name("reader-warm");
    root.set_attribute("aria-hidden", "true").ok()?;
    root.set_attribute("inert", "").ok()?;
    let story = el("article", "story", &el("section", "reader", &root)?)?;
    let leaf = match face {
        Face::Headline => el("h1", "", &el("header", "headline", &story)?)?,
        Face::Deck => el("p", "kicker", &el("header", "headline", &story)?)?,
        Face::Byline => el("p", "byline", &el("header", "headline", &story)?)?,
        Face::Body => el("p", "", &el("div", "story-body", &story)?)?,
        Face::Subhead => el("h3", "subhead", &el("div", "story-body", &story)?)?,
        Face::Caption => {
            let figure = el("figure", "", &el("div", "story-body", &story)?)?;
            el("p", "", &el("figcaption", "", &figure)?)?
        }
    };
    leaf.set_text_content(Some(text));
    host.append_child(&root).ok()?;
    if let Some(el) = root.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.offset_height();
    }
    root.remove();
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Edition {
        let text = std::fs::read_to_string("editions/2025-05-21/edition.json").unwrap();
        crate::edition::read_edition(&text).unwrap()
    }

    #[test]
    fn every_character_of_every_story_once_per_face_in_short_runs() {
        let edition = sample();
        let runs = glyph_runs(&edition);
        assert_eq!(runs[0].0, Face::Body, "the body comes first");
        assert!(runs.iter().all(|(_, r)| r.chars().count() <= PER_TASK));
        let of = |face: Face| -> String {
            runs.iter()
                .filter(|(f, _)| *f == face)
                .map(|(_, r)| r.as_str())
                .collect()
        };
        let body = of(Face::Body);
        let mut distinct: Vec<char> = body.chars().collect();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), body.chars().count(), "each character once");
        assert!(
            body.chars().count() > PER_TASK,
            "the sample's body needs more than one task"
        );
        // Every story's text, the lead's and the last's alike, as the reader sets it.
        for a in &edition.articles {
            for block in &a.body {
                if let Block::Paragraph { text } = block {
                    let set = reader_text(text);
                    let missing: String = set
                        .chars()
                        .filter(|c| !c.is_whitespace() && !body.contains(*c))
                        .collect();
                    assert!(missing.is_empty(), "{}: {missing}", a.id);
                }
            }
            let title = of(Face::Headline);
            assert!(plain_headline(&a.title)
                .chars()
                .all(|c| c.is_whitespace() || title.contains(c)));
        }
        assert!(!of(Face::Deck).is_empty() && !of(Face::Caption).is_empty());
        assert!(!body.contains(' ') && !body.contains('\n'));
    }
}
