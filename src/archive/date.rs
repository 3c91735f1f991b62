//! Calendar arithmetic for the archive: day numbers (days since 1970-01-01,
//! the search index's dates) and month grids (往期). Proleptic Gregorian, the
//! civil-from-days algorithm; no tables, no time zones.

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, `None` unless it is a real
/// date on or after 1970-01-01.
pub fn day_number(date: &str) -> Option<u32> {
    let (y, m, d) = parse_date(date)?;
    let days = days_from_civil(y, m, d);
    u32::try_from(days).ok()
}

/// The `YYYY-MM-DD` of a day number.
pub fn date_of_day(day: u32) -> String {
    let (y, m, d) = civil_from_days(i64::from(day));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Year, month, day of a real `YYYY-MM-DD` date.
pub fn parse_date(date: &str) -> Option<(i32, u32, u32)> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &str| {
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = (num(&date[0..4])?, num(&date[5..7])?, num(&date[8..10])?);
    let y = i32::try_from(y).ok()?;
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Weekday of a date, Monday = 0 … Sunday = 6.
pub fn weekday(y: i32, m: u32, d: u32) -> u32 {
    // 1970-01-01 was a Thursday (3).
    (days_from_civil(y, m, d) + 3).rem_euclid(7) as u32
}

/// How many weeks (rows of `month_grid`) a month spans: 4 to 6.
pub fn weeks_in_month(y: i32, m: u32) -> u32 {
    (weekday(y, m, 1) + days_in_month(y, m)).div_ceil(7)
}

/// A month as weeks of seven cells, Monday first (as Chinese calendars are
/// printed); `None` before the 1st and after the last day.
pub fn month_grid(y: i32, m: u32) -> Vec<[Option<u32>; 7]> {
    let lead = weekday(y, m, 1) as usize;
    let days = days_in_month(y, m) as usize;
    let cells = weeks_in_month(y, m) as usize * 7;
    (0..cells)
        .map(|i| (i >= lead && i < lead + days).then(|| (i - lead + 1) as u32))
        .collect::<Vec<_>>()
        .chunks(7)
        .map(|w| [w[0], w[1], w[2], w[3], w[4], w[5], w[6]])
        .collect()
}

/// The month after (`step` 1) or before (-1) `(y, m)`.
pub fn add_months(y: i32, m: u32, step: i32) -> (i32, u32) {
    let n = y * 12 + m as i32 - 1 + step;
    (n.div_euclid(12), (n.rem_euclid(12) + 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11017));
        for day in [0, 59, 60, 365, 11016, 11017, 20229, 40000] {
            assert_eq!(day_number(&date_of_day(day)), Some(day));
        }
        assert_eq!(
            date_of_day(day_number("2025-05-21").unwrap() + 1),
            "2025-05-22"
        );
        assert_eq!(day_number("2025-02-29"), None);
        assert_eq!(
            day_number("2024-02-29").map(date_of_day).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(day_number("1969-12-31"), None);
        assert_eq!(day_number("2025-5-21"), None);
    }

    #[test]
    fn month_grid_starts_on_monday() {
        // 2025-05-01 was a Thursday; May has 31 days: 5 weeks.
        let grid = month_grid(2025, 5);
        assert_eq!(grid.len(), 5);
        assert_eq!(
            grid[0],
            [None, None, None, Some(1), Some(2), Some(3), Some(4)]
        );
        assert_eq!(grid[4][5], Some(31));
        assert_eq!(grid[4][6], None);
        assert_eq!(weekday(2025, 5, 21), 2, "a Wednesday, 星期三");
        // February 2021 begins on a Monday and fills exactly four weeks.
        assert_eq!(month_grid(2021, 2).len(), 4);
        // June 2025 begins on a Sunday: six weeks.
        assert_eq!(weeks_in_month(2025, 6), 6);
        for y in 2020..2030 {
            for m in 1..=12 {
                assert_eq!(weeks_in_month(y, m) as usize, month_grid(y, m).len());
            }
        }
    }

    #[test]
    fn months_step_across_years() {
        assert_eq!(add_months(2025, 1, -1), (2024, 12));
        assert_eq!(add_months(2024, 12, 1), (2025, 1));
        assert_eq!(add_months(2025, 5, 0), (2025, 5));
    }
}
