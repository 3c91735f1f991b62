//! Plane geometry of page regions, in the page's master coordinates.

/// A point `[x, y]` as the edition writes it.
pub type Point = [f64; 2];

/// Signed area by the shoelace formula; positive for counter-clockwise in y-up axes.
pub fn signed_area(points: &[Point]) -> f64 {
    let n = points.len();
    (0..n)
        .map(|i| {
            let [x1, y1] = points[i];
            let [x2, y2] = points[(i + 1) % n];
            x1 * y2 - x2 * y1
        })
        .sum::<f64>()
        / 2.0
}

pub fn area(points: &[Point]) -> f64 {
    signed_area(points).abs()
}

/// Even-odd ray casting; points on an edge may fall either side.
pub fn contains(points: &[Point], [px, py]: Point) -> bool {
    let n = points.len();
    let mut inside = false;
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let [xi, yi] = points[i];
        let [xj, yj] = points[j];
        if (yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Axis-aligned bounds `(min_x, min_y, max_x, max_y)`; None for no points.
pub fn bounds(points: &[Point]) -> Option<(f64, f64, f64, f64)> {
    let first = points.first()?;
    Some(points.iter().fold(
        (first[0], first[1], first[0], first[1]),
        |(x0, y0, x1, y1), [x, y]| (x0.min(*x), y0.min(*y), x1.max(*x), y1.max(*y)),
    ))
}

/// The SVG `points` attribute for a polygon.
pub fn svg_points(points: &[Point]) -> String {
    points
        .iter()
        .map(|[x, y]| format!("{},{}", num(*x, 2), num(*y, 2)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A number for CSS, SVG or a message, to at most `decimals` places and with
/// no trailing zeros: `346.67`, `2400`, never `346.6666666666667`.
pub fn num(v: f64, decimals: u32) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "NaN".into()
        } else if v > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let scale = 10_i64.pow(decimals.min(6));
    let scaled = (v * scale as f64).round();
    if scaled.abs() >= 9.0e15 {
        return format!("{}", scaled as i64 / scale);
    }
    let scaled = scaled as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, frac) = (scaled.abs() / scale, scaled.abs() % scale);
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:0width$}", width = decimals.min(6) as usize);
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const L_SHAPE: [Point; 6] = [
        [0.0, 0.0],
        [20.0, 0.0],
        [20.0, 10.0],
        [10.0, 10.0],
        [10.0, 20.0],
        [0.0, 20.0],
    ];

    #[test]
    fn area_of_an_l_shape() {
        assert_eq!(area(&L_SHAPE), 300.0);
        assert_eq!(area(&[[0.0, 0.0], [5.0, 5.0], [10.0, 10.0]]), 0.0);
    }

    #[test]
    fn hit_test_follows_the_notch_of_an_l_shape() {
        assert!(contains(&L_SHAPE, [5.0, 15.0]));
        assert!(contains(&L_SHAPE, [15.0, 5.0]));
        assert!(!contains(&L_SHAPE, [15.0, 15.0]), "the notch is outside");
        assert!(!contains(&L_SHAPE, [-1.0, 5.0]));
    }

    #[test]
    fn bounds_and_svg_points() {
        assert_eq!(bounds(&L_SHAPE), Some((0.0, 0.0, 20.0, 20.0)));
        assert_eq!(bounds(&[]), None);
        assert_eq!(svg_points(&[[1.0, 2.5], [3.0, 4.0]]), "1,2.5 3,4");
    }

    #[test]
    fn numbers_print_without_float_formatting() {
        assert_eq!(num(2400.0, 2), "2400");
        assert_eq!(num(-346.666, 2), "-346.67");
        assert_eq!(num(0.05, 2), "0.05");
        assert_eq!(num(-0.004, 2), "0");
        assert_eq!(num(2.77777, 4), "2.7778");
        assert_eq!(num(1.5, 0), "2");
        assert_eq!(num(f64::NAN, 2), "NaN");
        assert_eq!(num(f64::INFINITY, 2), "inf");
    }
}
