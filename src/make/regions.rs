//! An article's boxes on one page → its regions: few-vertex rectilinear
//! polygons in master pixels.
//!
//! Lines of body text that stack in one column merge into a column box;
//! headlines, bylines and captions widen to the story's full width (a headline
//! stands over all its columns); column feet and edges a few points apart
//! align; gaps up to a blank line's height are bridged; everything is padded
//! a little and the union traced. Lengths are in PDF points (1/72 inch).

use super::draft::PieceKind;
use super::geom::{bridges, snap, union_outlines, Rect};
use crate::geometry::Point;

/// Padding around the text (3 pt = 4 CSS px).
pub const PAD: f64 = 3.0;
/// Gaps inside one story up to this are filled (18 pt = 24 CSS px).
pub const BRIDGE: f64 = 18.0;
/// Edges closer than this align (6 pt).
pub const SNAP: f64 = 6.0;

/// A box of an article on a page, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    pub rect: Rect,
    pub kind: PartKind,
}

/// The role of a box in the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Text(PieceKind),
    Photo,
}

/// The regions of one article on one page: polygons in master pixels
/// (`scale` master pixels per point), inside `[0, w] × [0, h]` (points).
pub fn outlines(parts: &[Part], w: f64, h: f64, scale: f64) -> Vec<Vec<Point>> {
    if parts.is_empty() {
        return Vec::new();
    }
    let mut rects = columns(parts);
    let x0 = parts
        .iter()
        .map(|p| p.rect.x0)
        .fold(f64::INFINITY, f64::min);
    let x1 = parts
        .iter()
        .map(|p| p.rect.x1)
        .fold(f64::NEG_INFINITY, f64::max);
    for p in parts {
        match p.kind {
            PartKind::Text(PieceKind::Body) => {}
            PartKind::Text(_) => rects.push(Rect::new(x0, p.rect.y0, x1, p.rect.y1)),
            PartKind::Photo => rects.push(p.rect),
        }
    }
    let rects = snap(&rects, SNAP);
    let mut all = rects.clone();
    all.extend(bridges(&rects, BRIDGE));
    let master: Vec<Rect> = all
        .iter()
        .map(|r| {
            let r = r.pad(PAD).clamp(w, h).scale(scale);
            Rect::new(r.x0.round(), r.y0.round(), r.x1.round(), r.y1.round())
        })
        .collect();
    union_outlines(&master)
}

/// Body lines stacked in one column (overlapping in x, at most a line apart)
/// merged into column boxes.
fn columns(parts: &[Part]) -> Vec<Rect> {
    let mut lines: Vec<Rect> = parts
        .iter()
        .filter(|p| p.kind == PartKind::Text(PieceKind::Body))
        .map(|p| p.rect)
        .collect();
    lines.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let mut cols: Vec<Rect> = Vec::new();
    for l in lines {
        let joins = |c: &Rect| {
            let narrow = c.width().min(l.width());
            c.overlap_x(&l) >= 0.5 * narrow && l.y0 - c.y1 <= l.height().max(1.0)
        };
        match cols.iter_mut().rev().find(|c| joins(c)) {
            Some(c) => *c = c.hull(&l),
            None => cols.push(l),
        }
    }
    cols
}

/// Whether a photo belongs with an article: one of the article's lines sits
/// just under it (a caption, or a photo story's title), across most of its width.
pub fn sits_under(photo: &Rect, line: &Rect) -> bool {
    let below = line.y0 - photo.y1;
    let narrow = photo.width().min(line.width());
    (-2.0..=BRIDGE).contains(&below) && photo.overlap_x(line) >= 0.5 * narrow
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(x0: f64, y0: f64, x1: f64, y1: f64) -> Part {
        Part {
            rect: Rect::new(x0, y0, x1, y1),
            kind: PartKind::Text(PieceKind::Body),
        }
    }

    #[test]
    fn a_headline_over_two_columns_gives_one_rectangle() {
        let mut parts = vec![Part {
            rect: Rect::new(40.0, 10.0, 80.0, 30.0),
            kind: PartKind::Text(PieceKind::Head),
        }];
        for i in 0..10 {
            let y = 40.0 + 12.0 * i as f64;
            parts.push(body(10.0, y, 60.0, y + 10.0));
            parts.push(body(70.0, y, 120.0, y + 10.0));
        }
        let polys = outlines(&parts, 200.0, 200.0, 2.0);
        assert_eq!(polys.len(), 1);
        // (10-3)*2 .. (120+3)*2 across, (10-3)*2 .. (158+3)*2 down.
        assert_eq!(
            polys[0],
            vec![[14.0, 14.0], [246.0, 14.0], [246.0, 322.0], [14.0, 322.0]]
        );
    }

    #[test]
    fn a_short_last_column_makes_an_l_shape() {
        let mut parts = Vec::new();
        for i in 0..10 {
            let y = 12.0 * i as f64 + 10.0;
            parts.push(body(10.0, y, 60.0, y + 10.0));
            if i < 4 {
                parts.push(body(70.0, y, 120.0, y + 10.0));
            }
        }
        let polys = outlines(&parts, 200.0, 200.0, 1.0);
        assert_eq!(polys.len(), 1);
        assert_eq!(polys[0].len(), 6);
    }

    #[test]
    fn parts_far_apart_stay_separate_regions() {
        let parts = [body(10.0, 10.0, 60.0, 20.0), body(10.0, 150.0, 60.0, 160.0)];
        assert_eq!(outlines(&parts, 200.0, 200.0, 1.0).len(), 2);
        assert!(outlines(&[], 200.0, 200.0, 1.0).is_empty());
    }

    #[test]
    fn regions_stay_on_the_page() {
        let polys = outlines(&[body(0.0, 0.0, 100.0, 10.0)], 100.0, 100.0, 3.0);
        assert_eq!(
            polys[0],
            vec![[0.0, 0.0], [300.0, 0.0], [300.0, 39.0], [0.0, 39.0]]
        );
    }

    #[test]
    fn a_caption_right_under_a_photo_claims_it() {
        let photo = Rect::new(10.0, 10.0, 110.0, 80.0);
        assert!(sits_under(&photo, &Rect::new(10.0, 84.0, 110.0, 92.0)));
        assert!(
            !sits_under(&photo, &Rect::new(10.0, 140.0, 110.0, 150.0)),
            "too far below"
        );
        assert!(
            !sits_under(&photo, &Rect::new(200.0, 84.0, 300.0, 92.0)),
            "beside, not under"
        );
    }
}
