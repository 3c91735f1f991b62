//! Rectangles on a page and their union as few-vertex rectilinear polygons.

use crate::geometry::{self, Point};
use std::collections::HashMap;

/// An axis-aligned box, y down: `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Self {
        Rect {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    pub fn center(&self) -> Point {
        [(self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0]
    }

    /// The smallest box holding both.
    pub fn hull(&self, o: &Rect) -> Rect {
        Rect::new(
            self.x0.min(o.x0),
            self.y0.min(o.y0),
            self.x1.max(o.x1),
            self.y1.max(o.y1),
        )
    }

    /// Length of the shared x range (negative: the gap between them).
    pub fn overlap_x(&self, o: &Rect) -> f64 {
        self.x1.min(o.x1) - self.x0.max(o.x0)
    }

    pub fn overlap_y(&self, o: &Rect) -> f64 {
        self.y1.min(o.y1) - self.y0.max(o.y0)
    }

    pub fn pad(&self, d: f64) -> Rect {
        Rect::new(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)
    }

    pub fn scale(&self, s: f64) -> Rect {
        Rect::new(self.x0 * s, self.y0 * s, self.x1 * s, self.y1 * s)
    }

    pub fn clamp(&self, w: f64, h: f64) -> Rect {
        Rect::new(
            self.x0.clamp(0.0, w),
            self.y0.clamp(0.0, h),
            self.x1.clamp(0.0, w),
            self.y1.clamp(0.0, h),
        )
    }

    pub fn contains(&self, [x, y]: Point) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
}

/// Moves edges that lie within `eps` of each other onto one line, outwards
/// (a left edge to the leftmost of its group, a right edge to the rightmost),
/// so that the union has no slivers or tiny steps.
pub fn snap(rects: &[Rect], eps: f64) -> Vec<Rect> {
    let xs = groups(rects.iter().flat_map(|r| [r.x0, r.x1]), eps);
    let ys = groups(rects.iter().flat_map(|r| [r.y0, r.y1]), eps);
    rects
        .iter()
        .map(|r| {
            Rect::new(
                lookup(&xs, r.x0).0,
                lookup(&ys, r.y0).0,
                lookup(&xs, r.x1).1,
                lookup(&ys, r.y1).1,
            )
        })
        .collect()
}

/// Sorted values chained into groups whose neighbours are closer than `eps`:
/// each group as (min, max).
fn groups(values: impl Iterator<Item = f64>, eps: f64) -> Vec<(f64, f64)> {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, f64)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some(g) if x - g.1 < eps => g.1 = x,
            _ => out.push((x, x)),
        }
    }
    out
}

fn lookup(groups: &[(f64, f64)], x: f64) -> (f64, f64) {
    groups
        .iter()
        .copied()
        .find(|g| x >= g.0 && x <= g.1)
        .unwrap_or((x, x))
}

/// Bridges between boxes that face each other across a gap of at most `gap`
/// (vertically over a shared x range, or side by side over a shared y range),
/// so that the parts of one article read as one block.
pub fn bridges(rects: &[Rect], gap: f64) -> Vec<Rect> {
    let mut out = Vec::new();
    for a in rects {
        for b in rects {
            let (ox0, ox1) = (a.x0.max(b.x0), a.x1.min(b.x1));
            let (oy0, oy1) = (a.y0.max(b.y0), a.y1.min(b.y1));
            if ox1 > ox0 && b.y0 >= a.y1 && b.y0 - a.y1 <= gap {
                out.push(Rect::new(ox0, a.y1, ox1, b.y0));
            }
            if oy1 > oy0 && b.x0 >= a.x1 && b.x0 - a.x1 <= gap {
                out.push(Rect::new(a.x1, oy0, b.x0, oy1));
            }
        }
    }
    out
}

/// The outlines of the union of `rects`: one clockwise (on screen) polygon
/// per connected piece, starting at its top-left corner, holes filled, no
/// collinear vertices.
pub fn union_outlines(rects: &[Rect]) -> Vec<Vec<Point>> {
    let rects: Vec<&Rect> = rects
        .iter()
        .filter(|r| r.width() > 0.0 && r.height() > 0.0)
        .collect();
    let mut xs: Vec<f64> = rects.iter().flat_map(|r| [r.x0, r.x1]).collect();
    let mut ys: Vec<f64> = rects.iter().flat_map(|r| [r.y0, r.y1]).collect();
    for v in [&mut xs, &mut ys] {
        v.sort_by(f64::total_cmp);
        v.dedup();
    }
    if xs.len() < 2 || ys.len() < 2 {
        return Vec::new();
    }
    let (w, h) = (xs.len() - 1, ys.len() - 1);
    let mut grid = vec![false; w * h];
    for j in 0..h {
        for i in 0..w {
            let c = [(xs[i] + xs[i + 1]) / 2.0, (ys[j] + ys[j + 1]) / 2.0];
            grid[j * w + i] = rects.iter().any(|r| r.contains(c));
        }
    }
    let on = |i: isize, j: isize| {
        i >= 0
            && j >= 0
            && (i as usize) < w
            && (j as usize) < h
            && grid[j as usize * w + i as usize]
    };
    // Directed boundary edges on the lattice with the inside on the right
    // (clockwise on screen, y down).
    type Node = (isize, isize);
    let mut edges: HashMap<Node, Vec<Node>> = HashMap::new();
    for j in 0..h as isize {
        for i in 0..w as isize {
            if !on(i, j) {
                continue;
            }
            let mut add = |a: Node, b: Node| edges.entry(a).or_default().push(b);
            if !on(i, j - 1) {
                add((i, j), (i + 1, j));
            }
            if !on(i + 1, j) {
                add((i + 1, j), (i + 1, j + 1));
            }
            if !on(i, j + 1) {
                add((i + 1, j + 1), (i, j + 1));
            }
            if !on(i - 1, j) {
                add((i, j + 1), (i, j));
            }
        }
    }
    let mut starts: Vec<Node> = edges.keys().copied().collect();
    starts.sort_by_key(|&(i, j)| (j, i));
    let mut out = Vec::new();
    for start in starts {
        while edges.get(&start).is_some_and(|v| !v.is_empty()) {
            let mut lattice = Vec::new();
            let mut cur = start;
            let mut prev: Option<Node> = None;
            while let Some(outs) = edges.get_mut(&cur).filter(|v| !v.is_empty()) {
                // Where two outlines touch at a corner, keep turning right so
                // that each loop stays simple.
                let k = match prev {
                    Some((dx, dy)) if outs.len() > 1 => outs
                        .iter()
                        .position(|o| dx * (o.1 - cur.1) - dy * (o.0 - cur.0) > 0)
                        .unwrap_or(0),
                    _ => 0,
                };
                let next = outs.swap_remove(k);
                lattice.push(cur);
                prev = Some((next.0 - cur.0, next.1 - cur.1));
                cur = next;
                if cur == start {
                    break;
                }
            }
            let pts: Vec<Point> = lattice
                .iter()
                .map(|&(i, j)| [xs[i as usize], ys[j as usize]])
                .collect();
            let pts = drop_collinear(&pts);
            // Clockwise on screen is a positive shoelace sum in y-down axes:
            // an outer outline; holes run the other way and are left out.
            if pts.len() >= 4 && geometry::signed_area(&pts) > 0.0 {
                out.push(start_top_left(pts));
            }
        }
    }
    out.sort_by(|a, b| {
        a[0][1]
            .total_cmp(&b[0][1])
            .then(a[0][0].total_cmp(&b[0][0]))
    });
    out
}

fn drop_collinear(pts: &[Point]) -> Vec<Point> {
    let n = pts.len();
    (0..n)
        .filter(|&k| {
            let (a, p, b) = (pts[(k + n - 1) % n], pts[k], pts[(k + 1) % n]);
            !((a[0] == p[0] && p[0] == b[0]) || (a[1] == p[1] && p[1] == b[1]))
        })
        .map(|k| pts[k])
        .collect()
}

fn start_top_left(pts: Vec<Point>) -> Vec<Point> {
    let k = (0..pts.len())
        .min_by(|&a, &b| {
            pts[a][1]
                .total_cmp(&pts[b][1])
                .then(pts[a][0].total_cmp(&pts[b][0]))
        })
        .unwrap_or(0);
    pts[k..].iter().chain(&pts[..k]).copied().collect()
}

/// Whether any of the polygons holds the point.
pub fn covers(polygons: &[Vec<Point>], p: Point) -> bool {
    polygons.iter().any(|poly| geometry::contains(poly, p))
}

/// Area of intersection over area of union of two sets of polygons. Exact for
/// rectilinear polygons: it counts the cells of the grid their vertices span.
pub fn iou(a: &[Vec<Point>], b: &[Vec<Point>]) -> f64 {
    let all = a.iter().chain(b).flatten();
    let mut xs: Vec<f64> = all.clone().map(|p| p[0]).collect();
    let mut ys: Vec<f64> = all.map(|p| p[1]).collect();
    for v in [&mut xs, &mut ys] {
        v.sort_by(f64::total_cmp);
        v.dedup();
    }
    let (mut inter, mut union) = (0.0, 0.0);
    for i in 0..xs.len().saturating_sub(1) {
        for j in 0..ys.len().saturating_sub(1) {
            let c = [(xs[i] + xs[i + 1]) / 2.0, (ys[j] + ys[j + 1]) / 2.0];
            let cell = (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j]);
            let (ina, inb) = (covers(a, c), covers(b, c));
            if ina && inb {
                inter += cell;
            }
            if ina || inb {
                union += cell;
            }
        }
    }
    if union > 0.0 {
        inter / union
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect::new(x0, y0, x1, y1)
    }

    #[test]
    fn two_overlapping_boxes_make_one_l_shape() {
        let polys = union_outlines(&[r(0.0, 0.0, 20.0, 10.0), r(0.0, 5.0, 10.0, 20.0)]);
        assert_eq!(
            polys,
            vec![vec![
                [0.0, 0.0],
                [20.0, 0.0],
                [20.0, 10.0],
                [10.0, 10.0],
                [10.0, 20.0],
                [0.0, 20.0]
            ]]
        );
    }

    #[test]
    fn separate_boxes_stay_separate_and_holes_are_filled() {
        let polys = union_outlines(&[r(0.0, 0.0, 10.0, 10.0), r(20.0, 0.0, 30.0, 10.0)]);
        assert_eq!(polys.len(), 2);
        // A ring of four boxes: one outline, the hole inside it filled.
        let ring = [
            r(0.0, 0.0, 30.0, 10.0),
            r(0.0, 20.0, 30.0, 30.0),
            r(0.0, 0.0, 10.0, 30.0),
            r(20.0, 0.0, 30.0, 30.0),
        ];
        let polys = union_outlines(&ring);
        assert_eq!(polys.len(), 1);
        assert_eq!(polys[0].len(), 4);
        assert!(covers(&polys, [15.0, 15.0]));
    }

    #[test]
    fn boxes_touching_at_a_corner_give_two_simple_outlines() {
        let polys = union_outlines(&[r(0.0, 0.0, 10.0, 10.0), r(10.0, 10.0, 20.0, 20.0)]);
        assert_eq!(polys.len(), 2);
        assert!(polys.iter().all(|p| p.len() == 4));
    }

    #[test]
    fn snapping_removes_a_tiny_step() {
        // Two columns whose feet differ by 3 px: without snapping, 6 vertices.
        let rects = [r(0.0, 0.0, 10.0, 100.0), r(10.0, 0.0, 20.0, 103.0)];
        assert_eq!(union_outlines(&rects)[0].len(), 6);
        let snapped = snap(&rects, 5.0);
        assert_eq!(union_outlines(&snapped)[0].len(), 4);
        // Snapping only grows boxes.
        assert!(snapped[0].y1 >= 103.0 && snapped[0].x0 == 0.0);
    }

    #[test]
    fn bridges_fill_small_gaps_only() {
        let rects = [
            r(0.0, 0.0, 10.0, 10.0),
            r(0.0, 14.0, 10.0, 20.0),
            r(0.0, 60.0, 10.0, 70.0),
        ];
        let b = bridges(&rects, 5.0);
        assert_eq!(b, vec![r(0.0, 10.0, 10.0, 14.0)]);
    }

    #[test]
    fn iou_of_shifted_squares() {
        let a = vec![vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]];
        let b = vec![vec![[5.0, 0.0], [15.0, 0.0], [15.0, 10.0], [5.0, 10.0]]];
        assert!((iou(&a, &b) - 50.0 / 150.0).abs() < 1e-9);
        assert_eq!(iou(&a, &a), 1.0);
        assert_eq!(iou(&a, &[]), 0.0);
    }
}
