//! Calendar points at the granularity an expression names: a day, a week, a month, a quarter,
//! a half, a season, a year, a decade, a century. TIMEX3 values are these points written out
//! (`2019-04-25`, `2019-W17`, `2019-04`, `1998-Q3`, `1998-H2`, `1998-SU`, `1998`, `199`, `19`).

use crate::lexicon::Unit;
use chrono::{Datelike, Duration, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Point {
    Day(NaiveDate),
    Week(NaiveDate),
    /// The weekend of the week that holds the date.
    Weekend(NaiveDate),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, &'static str),
    Year(i32),
    Decade(i32),
    Century(i32),
}

impl Point {
    /// The TIMEX3 value.
    pub fn value(self) -> String {
        match self {
            Point::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Point::Week(d) => {
                let w = d.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Point::Weekend(d) => {
                let w = d.iso_week();
                format!("{:04}-W{:02}-WE", w.year(), w.week())
            }
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Season(y, s) => format!("{y:04}-{s}"),
            Point::Year(y) => format!("{y:04}"),
            Point::Decade(d) => format!("{d:03}"),
            Point::Century(c) => format!("{c:02}"),
        }
    }

    /// A representative day, for coarsening to another granularity.
    pub fn day(self) -> NaiveDate {
        let ymd = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN);
        match self {
            Point::Day(d) | Point::Week(d) | Point::Weekend(d) => d,
            Point::Month(y, m) => ymd(y, m),
            Point::Quarter(y, q) => ymd(y, (q - 1) * 3 + 1),
            Point::Half(y, h) => ymd(y, (h - 1) * 6 + 1),
            Point::Season(y, s) => ymd(
                y,
                match s {
                    "SP" => 4,
                    "SU" => 7,
                    "FA" => 10,
                    _ => 1,
                },
            ),
            Point::Year(y) => ymd(y, 1),
            Point::Decade(d) => ymd(d * 10, 1),
            Point::Century(c) => ymd(c * 100, 1),
        }
    }

    pub fn year(self) -> i32 {
        match self {
            Point::Month(y, _) | Point::Quarter(y, _) | Point::Half(y, _) | Point::Season(y, _) | Point::Year(y) => y,
            _ => self.day().year(),
        }
    }

    /// The point of granularity `unit` that holds this point.
    pub fn at(self, unit: Unit) -> Point {
        let d = self.day();
        match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Point::Day(d),
            Unit::Week => Point::Week(d),
            Unit::Weekend => Point::Weekend(d),
            Unit::Month => Point::Month(self.year(), d.month()),
            Unit::Quarter => match self {
                Point::Quarter(..) => self,
                _ => Point::Quarter(self.year(), (d.month() - 1) / 3 + 1),
            },
            Unit::Year => Point::Year(self.year()),
            Unit::Decade => Point::Decade(self.year().div_euclid(10)),
            Unit::Century => Point::Century(self.year().div_euclid(100)),
        }
    }

    /// The unit this point is a whole one of.
    pub fn unit(self) -> Unit {
        match self {
            Point::Day(_) => Unit::Day,
            Point::Week(_) => Unit::Week,
            Point::Weekend(_) => Unit::Weekend,
            Point::Month(..) => Unit::Month,
            Point::Quarter(..) => Unit::Quarter,
            Point::Half(..) | Point::Season(..) | Point::Year(_) => Unit::Year,
            Point::Decade(_) => Unit::Decade,
            Point::Century(_) => Unit::Century,
        }
    }

    /// Moves the point by `n` units of `unit`, keeping its own granularity where it is finer.
    pub fn shift(self, n: i64, unit: Unit) -> Point {
        match (self, unit) {
            (Point::Quarter(y, q), Unit::Year) => Point::Quarter(y + n as i32, q),
            (Point::Quarter(y, q), Unit::Quarter) => {
                let idx = y as i64 * 4 + (q as i64 - 1) + n;
                Point::Quarter(idx.div_euclid(4) as i32, (idx.rem_euclid(4) + 1) as u32)
            }
            (Point::Half(y, h), Unit::Year) => Point::Half(y + n as i32, h),
            (Point::Season(y, s), Unit::Year) => Point::Season(y + n as i32, s),
            (Point::Month(y, m), Unit::Month | Unit::Quarter | Unit::Year) => {
                let months = match unit {
                    Unit::Month => n,
                    Unit::Quarter => 3 * n,
                    _ => 12 * n,
                };
                let idx = y as i64 * 12 + (m as i64 - 1) + months;
                Point::Month(idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u32)
            }
            (Point::Year(y), Unit::Year) => Point::Year(y + n as i32),
            (Point::Decade(d), Unit::Decade) => Point::Decade(d + n as i32),
            (Point::Century(c), Unit::Century) => Point::Century(c + n as i32),
            (Point::Day(_) | Point::Week(_) | Point::Weekend(_), _) => {
                let d = shift_date(self.day(), n, unit);
                match self {
                    Point::Day(_) => Point::Day(d),
                    Point::Week(_) => Point::Week(d),
                    _ => Point::Weekend(d),
                }
            }
            // Coarser points move by their own unit when asked to move by a finer one.
            _ => Point::Day(shift_date(self.day(), n, unit)).at(self.unit().max_of(unit)),
        }
    }
}

impl Unit {
    /// The coarser of two units.
    pub fn max_of(self, other: Unit) -> Unit {
        if self.rank() >= other.rank() {
            self
        } else {
            other
        }
    }

    fn rank(self) -> u8 {
        match self {
            Unit::Second => 0,
            Unit::Minute => 1,
            Unit::Hour => 2,
            Unit::Day => 3,
            Unit::Week | Unit::Weekend => 4,
            Unit::Month => 5,
            Unit::Quarter => 6,
            Unit::Year => 7,
            Unit::Decade => 8,
            Unit::Century => 9,
        }
    }
}

/// Adds `n` units to a date; month arithmetic clamps the day to the month's end.
pub(crate) fn shift_date(d: NaiveDate, n: i64, unit: Unit) -> NaiveDate {
    let months = |k: i64| {
        let idx = d.year() as i64 * 12 + d.month0() as i64 + k;
        let (y, m) = (idx.div_euclid(12) as i32, idx.rem_euclid(12) as u32 + 1);
        let mut day = d.day();
        loop {
            if let Some(nd) = NaiveDate::from_ymd_opt(y, m, day) {
                return nd;
            }
            if day <= 28 {
                return d;
            }
            day -= 1;
        }
    };
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => d,
        Unit::Day => d + Duration::days(n),
        Unit::Week | Unit::Weekend => d + Duration::days(7 * n),
        Unit::Month => months(n),
        Unit::Quarter => months(3 * n),
        Unit::Year => months(12 * n),
        Unit::Decade => months(120 * n),
        Unit::Century => months(1200 * n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_shifts() {
        let d = NaiveDate::from_ymd_opt(2019, 4, 19).unwrap();
        assert_eq!(Point::Day(d).at(Unit::Week).value(), "2019-W16");
        assert_eq!(Point::Day(d).at(Unit::Quarter).shift(-1, Unit::Year).value(), "2018-Q2");
        assert_eq!(Point::Quarter(1998, 1).shift(-1, Unit::Quarter).value(), "1997-Q4");
        assert_eq!(Point::Month(2019, 1).shift(-1, Unit::Month).value(), "2018-12");
        assert_eq!(Point::Day(d).at(Unit::Decade).value(), "201");
        assert_eq!(shift_date(NaiveDate::from_ymd_opt(2019, 3, 31).unwrap(), -1, Unit::Month).to_string(), "2019-02-28");
    }
}
