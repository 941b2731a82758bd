//! From meaning to TIMEX3 value: calendar arithmetic against the publication date (DCT) and the
//! reference time that the narrative moves as it names dates.
//!
//! Three things decide a relative expression's value:
//! - its base: "yesterday" and "last year" count from the DCT, "the next day" and "a year
//!   earlier" from the last date the text named (the reference time);
//! - tense around it: "will travel on Thursday" looks forward, "said on Thursday" back;
//! - granularity: "a year ago" in a report about a quarter means that quarter a year before.

use crate::grammar::{Base, DateSpec, Dir, Match, Qty, Sem, YearOf};
use crate::lexicon::Unit;
use crate::point::Point;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use tidings_doc::{TimexMod, TimexType};

/// Which way the verbs around an expression point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    /// Strictly before publication: the end of a period that is over ("the year ended Jan. 31").
    Ended,
    Future,
    Unknown,
}

/// A resolved expression, ready to become a `Timex`.
pub(crate) struct Resolved {
    pub kind: TimexType,
    pub value: String,
    pub modifier: Option<TimexMod>,
    pub freq: Option<String>,
    pub quant: Option<String>,
}

/// How many days of distance a date against the tense costs: "said on March 30" published
/// March 20 is last year's March 30 only if tense says past and it is not much nearer.
const LEAN_DAYS: i64 = 120;

/// The same for a month named without a day, in days per month of distance: "In January,
/// the company brought in ..." published in October is this January, though next January is
/// nearer. Leaning as hard as for dates (120) misread such months; 240 gained on TBAQ, and
/// 300 or more lost again where the tense is misread.
const LEAN_MONTH_DAYS: i64 = 240;

/// Resolution state for one document, walked in text order.
pub(crate) struct Resolver {
    dct: Option<NaiveDate>,
    /// The last date the text named, where relative expressions with a narrative base count from.
    reference: Option<Point>,
    /// The last quarter or half the text named, if it lies in the year before publication: the
    /// period an earnings report is about. "The quarter", "a year ago" and quarters named
    /// without a year refer to it, even after other dates moved the reference time.
    report_period: Option<Point>,
    /// The story last named a running total ("the first nine months", "the six months") rather
    /// than a quarter: "a year earlier" then compares with the year before, not its quarter.
    running_total: bool,
}

impl Resolver {
    pub fn new(dct: Option<NaiveDate>) -> Resolver {
        Resolver { dct, reference: dct.map(Point::Day), report_period: None, running_total: false }
    }

    /// `definite` says the expression starts with "the".
    pub fn resolve(&mut self, m: &Match, tense: Tense, definite: bool) -> Option<Resolved> {
        match m.sem {
            // "the first nine months", "the six months ended Oct. 1": a report's running total.
            Sem::Duration(Qty::N(n), Unit::Month) if definite && (n == 6.0 || n == 9.0) => self.running_total = true,
            Sem::Date(DateSpec::Quarter(..) | DateSpec::Same(Unit::Quarter) | DateSpec::ReportQuarter { period: false, .. }) => {
                self.running_total = false
            }
            _ => {}
        }
        let date = |value: String| Resolved { kind: TimexType::Date, value, modifier: m.modifier, freq: None, quant: None };
        Some(match m.sem {
            Sem::Date(spec) => {
                let value = match self.point(spec, tense) {
                    Some(p) => {
                        self.moved_to(spec, p);
                        self.note_period(spec, p, tense);
                        p.value()
                    }
                    None => underspecified(spec),
                };
                date(value)
            }
            Sem::Clock { day, hour, minute } => {
                let d = match day {
                    Some(spec) => self.point(spec, tense).map(|p| p.at(Unit::Day).value()).unwrap_or_else(|| underspecified(spec)),
                    // A bare clock time is on the day the story is at.
                    None => match (self.reference, self.dct) {
                        (Some(Point::Day(d)), _) | (_, Some(d)) => Point::Day(d).value(),
                        _ => "XXXX-XX-XX".into(),
                    },
                };
                Resolved { kind: TimexType::Time, value: format!("{d}T{hour:02}:{minute:02}"), modifier: m.modifier, freq: None, quant: None }
            }
            Sem::DayPart { day, part } => {
                let d = self.point(day, tense).map(|p| p.at(Unit::Day).value()).unwrap_or_else(|| underspecified(day));
                // TBAQ's annotators give "Friday night" and "Friday morning" the day's date (in 18 of
                // 29 weekday mornings and nights, counting the extents that leave the part out), but
                // "Friday evening" its part as the guidelines do (6 of 6), and "this morning" a time.
                if matches!(day, DateSpec::Weekday(..)) && part != "EV" {
                    return Some(Resolved { kind: TimexType::Date, value: d, modifier: m.modifier, freq: None, quant: None });
                }
                Resolved { kind: TimexType::Time, value: format!("{d}T{part}"), modifier: m.modifier, freq: None, quant: None }
            }
            Sem::Duration(q, unit) => Resolved {
                kind: TimexType::Duration,
                value: duration_value(q, unit),
                modifier: m.modifier,
                freq: None,
                quant: None,
            },
            Sem::DurationHours(h, min) => Resolved {
                kind: TimexType::Duration,
                value: if min == 0 { format!("PT{h}H") } else { format!("PT{h}H{min}M") },
                modifier: m.modifier,
                freq: None,
                quant: None,
            },
            Sem::Set { unit, times, every } => Resolved {
                kind: TimexType::Set,
                value: duration_value(Qty::N(1.0), unit),
                modifier: None,
                freq: times.map(|t| format!("{t}X")),
                quant: every.then(|| "EVERY".to_string()),
            },
            Sem::SetValue(v) => Resolved { kind: TimexType::Set, value: v.into(), modifier: None, freq: None, quant: Some("EVERY".into()) },
            Sem::Ref(v) => date(v.into()),
            Sem::VagueAgo => date("PAST_REF".into()),
            Sem::Soon if tense == Tense::Future => date("FUTURE_REF".into()),
            Sem::Soon => return None,
        })
    }

    /// Moves the reference time to a date the text just named. Dates counted from the
    /// reference itself ("that day") do not move it further than they already did.
    fn moved_to(&mut self, spec: DateSpec, p: Point) {
        if matches!(p, Point::Decade(_) | Point::Century(_)) {
            return;
        }
        // Relative dates coarser than a day ("last year", "a year ago") compare rather than
        // narrate: they do not move the story to a new time.
        if let DateSpec::Rel { unit, .. } | DateSpec::Ago { unit, .. } = spec {
            if unit != Unit::Day {
                return;
            }
        }
        if let DateSpec::Same(_) | DateSpec::Weekend = spec {
            return;
        }
        self.reference = Some(p);
    }

    /// Remembers a quarter or half the text names, when it is recent enough to be the period a
    /// report is about: not after publication, nor more than a year before it. "The third
    /// quarter of 1984" in a story of 1989 is history, and "the first half of 1990" a forecast.
    fn note_period(&mut self, spec: DateSpec, p: Point, tense: Tense) {
        let (Some(dct), true) = (self.dct, matches!(spec, DateSpec::Quarter(..) | DateSpec::Half(..) | DateSpec::Same(Unit::Quarter))) else {
            return;
        };
        let months_before = |y: i32, last_month: u32| (dct.year() * 12 + dct.month() as i32) - (y * 12 + last_month as i32);
        // A fiscal quarter may be named ahead of the calendar one it falls in: "reported a
        // decline in fourth-quarter earnings" in November is a fiscal year ended in September.
        // Told in the past, a quarter whose calendar end is at most a quarter ahead is reported.
        let earliest = if matches!(tense, Tense::Past | Tense::Ended) { -2 } else { 0 };
        let recent = match p {
            Point::Quarter(y, q) => (earliest..=15).contains(&months_before(y, q * 3)),
            Point::Half(y, h) => (0..=15).contains(&months_before(y, h * 6)),
            _ => false,
        };
        // A story leads with the latest period; an earlier one named after it is a comparison
        // ("after a flat second quarter").
        let earlier = self.report_period.is_some_and(|r| p.day() < r.day());
        if recent && !earlier {
            self.report_period = Some(p);
        }
    }

    /// The calendar point a date expression names, or `None` without a DCT to count from.
    fn point(&self, spec: DateSpec, tense: Tense) -> Option<Point> {
        if let DateSpec::Point(p) = spec {
            return Some(p);
        }
        let dct = self.dct?;
        let reference = self.reference.unwrap_or(Point::Day(dct));
        Some(match spec {
            DateSpec::Point(p) => p,
            DateSpec::MonthDay(m, d) => {
                // The nearest such date to publication, leaning the way the tense points.
                let y = dct.year();
                let candidate = |y: i32| NaiveDate::from_ymd_opt(y, m, d).or_else(|| NaiveDate::from_ymd_opt(y, m, 28));
                let cost = |date: NaiveDate| {
                    let days = (date - dct).num_days();
                    days.abs()
                        + match tense {
                            Tense::Ended if days > 0 => i64::from(i32::MAX),
                            Tense::Past if days > 0 => LEAN_DAYS,
                            Tense::Future if days < 0 => LEAN_DAYS,
                            _ => 0,
                        }
                };
                let date = [y - 1, y, y + 1].into_iter().filter_map(candidate).min_by_key(|d| cost(*d))?;
                Point::Day(date)
            }
            DateSpec::Month(m, dir, year) => {
                let (y, cur) = (dct.year(), dct.month());
                let y = match (year, dir) {
                    (YearOf::Abs(y), _) => y,
                    (YearOf::Dct(k), _) => y + k,
                    (_, Dir::Last) => if m >= cur { y - 1 } else { y },
                    (_, Dir::Next) => if m <= cur { y + 1 } else { y },
                    (_, Dir::This) => y,
                    (_, Dir::Context) => {
                        let cost = |y: i32| {
                            let months = (y * 12 + m as i32) - (dct.year() * 12 + cur as i32);
                            months.abs() * 30
                                + match tense {
                                    Tense::Past | Tense::Ended if months > 0 => LEAN_MONTH_DAYS,
                                    Tense::Future if months < 0 => LEAN_MONTH_DAYS,
                                    _ => 0,
                                } as i32
                        };
                        [y - 1, y, y + 1].into_iter().min_by_key(|y| cost(*y)).unwrap_or(y)
                    }
                };
                Point::Month(y, m)
            }
            DateSpec::Weekday(wd, dir) => {
                let today = dct.weekday().num_days_from_monday() as i64;
                let wd = wd as i64;
                let back = (today - wd).rem_euclid(7);
                let fwd = (wd - today).rem_euclid(7);
                let offset = match dir {
                    Dir::Last => if back == 0 { -7 } else { -back },
                    Dir::Next => if fwd == 0 { 7 } else { fwd },
                    Dir::This => if fwd <= 3 { fwd } else { -back },
                    Dir::Context => match tense {
                        Tense::Future => fwd,
                        _ => -back,
                    },
                };
                Point::Day(dct + Duration::days(offset))
            }
            DateSpec::WeekdayFrom(wd, dir) => {
                let day = reference.day();
                let today = day.weekday().num_days_from_monday() as i64;
                let offset = if dir < 0 {
                    -(today - wd as i64 - 1).rem_euclid(7) - 1
                } else {
                    (wd as i64 - today - 1).rem_euclid(7) + 1
                };
                Point::Day(day + Duration::days(offset))
            }
            DateSpec::Season(s, dir, year) => {
                let start = match s {
                    "SP" => 3,
                    "SU" => 6,
                    "FA" => 9,
                    _ => 12,
                };
                let (y, cur) = (dct.year(), dct.month());
                let y = match (year, dir) {
                    (YearOf::Abs(y), _) => y,
                    (YearOf::Dct(k), _) => y + k,
                    (_, Dir::Last) => if cur >= start + 3 { y } else { y - 1 },
                    (_, Dir::Next) => if cur < start { y } else { y + 1 },
                    (_, Dir::This) => y,
                    (_, Dir::Context) => match tense {
                        Tense::Past | Tense::Ended if cur < start => y - 1,
                        _ => y,
                    },
                };
                Point::Season(y, s)
            }
            DateSpec::Quarter(q, year) => Point::Quarter(self.part_year(year, tense, q * 3), q),
            DateSpec::Half(h, year) => Point::Half(self.part_year(year, tense, h * 6), h),
            DateSpec::Rel { n, unit, base } | DateSpec::Ago { n, unit, base } => {
                let from = match base {
                    Base::Dct => Point::Day(dct),
                    Base::Reference => reference,
                };
                let ago = matches!(spec, DateSpec::Ago { .. });
                match (from, unit) {
                    // "a year ago" in a report on a quarter is that quarter a year before.
                    (_, Unit::Year) if ago && n == -1 && self.report_period.is_some() => match self.report_period {
                        Some(p) if self.running_total => Point::Year(p.year() - 1),
                        p => p.unwrap_or(reference).shift(n, Unit::Year),
                    },
                    (Point::Month(..), Unit::Month | Unit::Year) if base == Base::Reference => from.shift(n, unit),
                    _ => from.at(unit).shift(n, unit),
                }
            }
            DateSpec::Weekend => {
                let wd = dct.weekday().num_days_from_monday();
                let weeks = if tense == Tense::Future || wd >= 5 { 0 } else { -1 };
                Point::Weekend(dct + Duration::days(7 * weeks))
            }
            DateSpec::Same(unit) => match (self.report_period, unit) {
                (Some(p @ Point::Quarter(..)), Unit::Quarter) => p,
                // "the quarter" in a report is the one just ended, unless the story named another.
                (_, Unit::Quarter) => Point::Day(dct).at(Unit::Quarter).shift(-1, Unit::Quarter),
                _ => reference.at(unit),
            },
            // "compared with a loss in the 1988 period", told of a running total, is that year.
            DateSpec::ReportQuarter { q: None, year, period: true } if self.running_total && self.report_period.is_some() => {
                Point::Year(year.unwrap_or_else(|| self.report_period.map_or(dct.year(), |p| p.year()) - 1))
            }
            DateSpec::ReportQuarter { q, year, .. } => {
                let period = match self.report_period {
                    Some(Point::Quarter(y, q)) => (y, q),
                    _ => match Point::Day(dct).at(Unit::Quarter).shift(-1, Unit::Quarter) {
                        Point::Quarter(y, q) => (y, q),
                        _ => return None,
                    },
                };
                Point::Quarter(year.unwrap_or(period.0 - 1), q.unwrap_or(period.1))
            }
            DateSpec::Holiday(..) | DateSpec::NthWeekday { .. } => {
                // This year's holiday, or last year's when it lies ahead but is told as past.
                let on = |y: i32| match spec {
                    DateSpec::Holiday(m, d) => NaiveDate::from_ymd_opt(y, m, d),
                    DateSpec::NthWeekday { nth, weekday, month } => {
                        NaiveDate::from_weekday_of_month_opt(y, month, Weekday::try_from(weekday as u8).ok()?, nth as u8)
                    }
                    _ => None,
                };
                let this = on(dct.year())?;
                let y = if matches!(tense, Tense::Past | Tense::Ended) && this > dct { dct.year() - 1 } else { dct.year() };
                Point::Day(on(y)?)
            }
        })
    }

    /// The year of a quarter or half whose year the text leaves out: the reference year when
    /// the story is in a known year, else the publication year, or the one before when the
    /// part lies ahead of publication yet is spoken of in the past.
    fn part_year(&self, year: YearOf, tense: Tense, last_month: u32) -> i32 {
        let Some(dct) = self.dct else { return 0 };
        match year {
            YearOf::Abs(y) => y,
            YearOf::Dct(k) => dct.year() + k,
            YearOf::Context => {
                if let Some(Point::Quarter(y, _) | Point::Half(y, _)) = self.report_period {
                    return y;
                }
                let starts_after = last_month > dct.month() + 2;
                if starts_after && tense != Tense::Future {
                    dct.year() - 1
                } else {
                    dct.year()
                }
            }
        }
    }
}

/// The value of a date that needs a DCT when there is none: unknown parts as X.
fn underspecified(spec: DateSpec) -> String {
    match spec {
        DateSpec::MonthDay(m, d) | DateSpec::Holiday(m, d) => format!("XXXX-{m:02}-{d:02}"),
        DateSpec::Month(m, ..) => format!("XXXX-{m:02}"),
        DateSpec::Weekday(wd, _) | DateSpec::WeekdayFrom(wd, _) => format!("XXXX-WXX-{}", wd + 1),
        DateSpec::Season(s, ..) => format!("XXXX-{s}"),
        DateSpec::Quarter(q, _) | DateSpec::ReportQuarter { q: Some(q), .. } => format!("XXXX-Q{q}"),
        DateSpec::ReportQuarter { q: None, .. } => "XXXX-QX".into(),
        DateSpec::Half(h, _) => format!("XXXX-H{h}"),
        DateSpec::Rel { unit: Unit::Year, .. } | DateSpec::Ago { unit: Unit::Year, .. } | DateSpec::Same(Unit::Year) => "XXXX".into(),
        DateSpec::Rel { unit: Unit::Month, .. } | DateSpec::Ago { unit: Unit::Month, .. } | DateSpec::Same(Unit::Month) => "XXXX-XX".into(),
        DateSpec::Rel { unit: Unit::Week, .. } | DateSpec::Ago { unit: Unit::Week, .. } | DateSpec::Same(Unit::Week) => "XXXX-WXX".into(),
        _ => "XXXX-XX-XX".into(),
    }
}

/// A TIMEX3 duration value: P3Y, PT24H, PXM, P2Y6M for "two and a half years".
pub(crate) fn duration_value(q: Qty, unit: Unit) -> String {
    let (letter, time) = unit.letter();
    let t = if time { "T" } else { "" };
    let (n, unit_letter) = match unit {
        // TIMEX3 has no weekend unit; a weekend lasts two days.
        Unit::Weekend => return match q {
            Qty::N(n) => format!("P{}D", (2.0 * n) as u32),
            Qty::Vague => "PXWE".into(),
        },
        Unit::Decade => (10.0, "Y"),
        Unit::Century => (100.0, "Y"),
        Unit::Quarter => (3.0, "M"),
        _ => (1.0, letter),
    };
    match q {
        Qty::Vague => match unit {
            Unit::Decade => "PXDE".into(),
            Unit::Century => "PXCE".into(),
            Unit::Quarter => "PXQ".into(),
            _ => format!("P{t}X{letter}"),
        },
        Qty::N(v) => {
            let v = v * n;
            if v.fract() == 0.0 {
                return format!("P{t}{}{unit_letter}", v as u64);
            }
            // Halves go to the next smaller unit where TIMEX3 has one.
            let whole = v.trunc() as u64;
            let rest = v.fract();
            match unit {
                Unit::Year | Unit::Decade | Unit::Century => format!("P{whole}Y{}M", (rest * 12.0).round() as u64),
                Unit::Month if rest == 0.5 => format!("P{whole}M15D"),
                Unit::Day => format!("P{whole}DT{}H", (rest * 24.0).round() as u64),
                Unit::Minute => format!("PT{whole}M{}S", (rest * 60.0).round() as u64),
                _ => format!("P{t}{v}{unit_letter}"),
            }
        }
    }
}
