//! Rules for points in time: calendar dates, weekdays, relative dates, quarters, seasons,
//! decades and parts of the day (clock times are in `clock`).

use super::{Base, DateSpec, Dir, Parser, Qty, Sem, YearOf};
use crate::lexicon::{self, Unit};
use crate::point::Point;
use chrono::NaiveDate;

impl Parser<'_> {
    /// A date, possibly followed by a part of the day or preceded/followed by a clock time.
    pub(super) fn date_or_time(&self, i: usize) -> Option<(usize, Sem)> {
        if let Some(r) = self.clock(i) {
            return Some(r);
        }
        let (j, day) = self.date(i)?;
        // "Friday morning", "yesterday afternoon".
        if let Some(part) = lexicon::part_of_day(self.w(j)) {
            if matches!(day, DateSpec::Weekday(..) | DateSpec::MonthDay(..) | DateSpec::Rel { unit: Unit::Day, .. })
                || matches!(day, DateSpec::Point(Point::Day(_)))
            {
                return Some((j + 1, Sem::DayPart { day, part }));
            }
        }
        Some((j, Sem::Date(day)))
    }

    /// A date of any granularity.
    pub(super) fn date(&self, i: usize) -> Option<(usize, DateSpec)> {
        if let Some((at, date)) = self.last_date.get() {
            if at == i {
                return date;
            }
        }
        let date = self.read_date(i);
        self.last_date.set(Some((i, date)));
        date
    }

    /// [`Parser::date`] without the memo.
    fn read_date(&self, i: usize) -> Option<(usize, DateSpec)> {
        let mut best: Option<(usize, DateSpec)> = None;
        for r in [self.calendar(i), self.relative(i), self.quarter(i), self.report_quarter(i), self.season_or_decade(i), self.ago(i)]
            .into_iter()
            .flatten()
        {
            if best.is_none_or(|b| r.0 > b.0) {
                best = Some(r);
            }
        }
        best
    }

    /// True when the words at `j` make a bare month or season before them the start of a name:
    /// "the March for Life", "the March of the Combatant Mothers", "Spring of Life".
    fn names_follow(&self, j: usize) -> bool {
        let k = if self.is(j + 1, "the") { j + 2 } else { j + 1 };
        matches!(self.s(j), "of" | "for") && self.capital(k) && self.toks.get(k).is_some_and(|t| t.kind == crate::tokens::Kind::Word)
    }

    /// A four-digit year at `i` (1000-2099), written as a number that is not an amount.
    pub(super) fn year(&self, i: usize) -> Option<(usize, i32)> {
        if let Some((n, 4)) = self.num(i) {
            if !(1000..=2099).contains(&n) {
                return None;
            }
            // Amounts: "$1990", "1,990", "1990.5", "1990%".
            let prev = if i > 0 { self.s(i - 1) } else { "" };
            if self.glued(i) && matches!(prev, "$" | "," | "." | "£" | "€" | "#") {
                return None;
            }
            let next = self.s(i + 1);
            if self.glued(i + 1) && (next == "%" || (matches!(next, "," | ".") && self.num(i + 2).is_some() && self.glued(i + 2))) {
                return None;
            }
            return Some((i + 1, n as i32));
        }
        // "nineteen ninety-six", "two thousand".
        let w = self.w(i);
        if w == "nineteen" || w == "eighteen" {
            let (j, tens) = self.number(i + 1)?;
            if let Qty::N(t) = tens {
                if (10.0..100.0).contains(&t) && t.fract() == 0.0 {
                    return Some((j, if w == "nineteen" { 1900 } else { 1800 } + t as i32));
                }
            }
            return None;
        }
        if w == "two" && self.is(i + 1, "thousand") {
            let mut j = i + 2;
            if self.is(j, "and") {
                j += 1;
            }
            if let Some((k, Qty::N(n))) = self.number(j) {
                if n < 100.0 && n.fract() == 0.0 && self.w(j) != "a" {
                    return Some((k, 2000 + n as i32));
                }
            }
            return Some((i + 2, 2000));
        }
        None
    }

    /// A day of the month: "12", "12th", "twelfth".
    fn month_day(&self, i: usize) -> Option<(usize, u32)> {
        if let Some((n, d)) = self.num(i) {
            if d <= 2 && (1..=31).contains(&n) {
                let j = if lexicon::is_ordinal_suffix(self.w(i + 1)) && self.glued(i + 1) { i + 2 } else { i + 1 };
                return Some((j, n));
            }
            return None;
        }
        let n = lexicon::ordinal(self.w(i))?;
        Some((i + 1, n))
    }

    /// A month name at `i`; abbreviations take their period.
    fn month_name(&self, i: usize) -> Option<(usize, u32)> {
        let w = self.w(i);
        let m = lexicon::month(w)?;
        if lexicon::is_month_abbrev(w) {
            let j = self.dot(i + 1);
            // "Mar" / "Dec" without a period or a following number are likely other words.
            if j == i + 1 && !self.capital(i) {
                return None;
            }
            return Some((j, m));
        }
        // "may" and "march" are a verb and a noun far more often than months.
        if matches!(w, "may" | "march") && !self.capital(i) {
            return None;
        }
        Some((i + 1, m))
    }

    /// Dates written with month names or digits: "April 19, 2019", "19 April", "April 2019",
    /// "April", "Friday, April 19", "2019-04-19", "4/19/2019", "2019", "fiscal 1989".
    fn calendar(&self, i: usize) -> Option<(usize, DateSpec)> {
        // A weekday in front of a full date belongs to it.
        if let Some(wd) = lexicon::full_weekday(self.w(i)) {
            let j = if self.is(i + 1, ",") { i + 2 } else { i + 1 };
            if let Some((end, spec)) = self.calendar(j) {
                if matches!(spec, DateSpec::MonthDay(..) | DateSpec::Point(Point::Day(_))) {
                    return Some((end, spec));
                }
            }
            // "Friday's" keeps the possessive out of the extent.
            return Some((i + 1, DateSpec::Weekday(wd, Dir::Context)));
        }
        if let Some((j, m)) = self.month_name(i) {
            if let Some((k, d)) = self.month_day(j).filter(|(_, d)| *d <= 31) {
                // A day number must not be a year or an amount.
                if self.num(j).is_some_and(|(_, digits)| digits > 2) {
                    return None;
                }
                let (k2, comma_year) = {
                    let c = if self.is(k, ",") { k + 1 } else { k };
                    match self.year(c) {
                        Some((e, y)) => (e, Some(y)),
                        None => (k, None),
                    }
                };
                return Some(match comma_year.and_then(|y| NaiveDate::from_ymd_opt(y, m, d)) {
                    Some(date) => (k2, DateSpec::Point(Point::Day(date))),
                    None => (k, DateSpec::MonthDay(m, d)),
                });
            }
            let c = if self.is(j, ",") || self.is(j, "of") { j + 1 } else { j };
            if let Some((e, y)) = self.year(c) {
                return Some((e, DateSpec::Point(Point::Month(y, m))));
            }
            // A bare abbreviation without a day is rarely a month ("Jan." the name, "Dec.").
            if lexicon::is_month_abbrev(self.w(i)) {
                return None;
            }
            // "June last year", "January this year".
            let k = match self.w(j) {
                "this" => Some(0),
                "last" => Some(-1),
                "next" => Some(1),
                _ => None,
            };
            if let Some(k) = k.filter(|_| self.is(j + 1, "year")) {
                return Some((j + 2, DateSpec::Month(m, Dir::Context, YearOf::Dct(k))));
            }
            if self.names_follow(j) {
                return None;
            }
            return Some((j, DateSpec::Month(m, Dir::Context, YearOf::Context)));
        }
        // "19 April 2019", "the 19th of April".
        let i2 = self.the(i);
        if let Some((j, d)) = self.month_day(i2) {
            let j2 = if self.is(j, "of") { j + 1 } else { j };
            if let Some((k, m)) = self.month_name(j2) {
                if (i2 > i || j2 > j) || self.num(i2).is_some() {
                    let c = if self.is(k, ",") { k + 1 } else { k };
                    if let Some((e, y)) = self.year(c) {
                        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                            return Some((e, DateSpec::Point(Point::Day(date))));
                        }
                    }
                    return Some((k, DateSpec::MonthDay(m, d)));
                }
            }
        }
        // "April 24 and 25": the second day shares the first one's month.
        if let (Some((d, 1..=2)), true) = (self.num(i), i >= 3 && matches!(self.s(i - 1), "and" | "or")) {
            let month_before = self.month_name(i - 3).or_else(|| if i >= 4 { self.month_name(i - 4) } else { None });
            if let (Some((_, m)), Some((d0, 1..=2))) = (month_before.filter(|(e, _)| *e == i - 2), self.num(i - 2)) {
                if (1..=31).contains(&d) && (1..=31).contains(&d0) && d > d0 {
                    return Some((i + 1, DateSpec::MonthDay(m, d)));
                }
            }
        }
        // Digits: 2019-04-19, 4/19/2019, 4/19/19.
        if let Some((a, da)) = self.num(i) {
            let sep = self.s(i + 1);
            if matches!(sep, "-" | "/") && self.glued(i + 1) && self.glued(i + 2) && self.s(i + 3) == sep && self.glued(i + 3) {
                if let (Some((b, _)), Some((c, dc))) = (self.num(i + 2), self.num(i + 4)) {
                    let date = if da == 4 && sep == "-" {
                        NaiveDate::from_ymd_opt(a as i32, b, c)
                    } else if dc == 4 {
                        NaiveDate::from_ymd_opt(c as i32, a, b)
                    } else if dc == 2 && sep == "/" {
                        let y = if c < 50 { 2000 + c } else { 1900 + c };
                        NaiveDate::from_ymd_opt(y as i32, a, b)
                    } else {
                        None
                    };
                    if let Some(date) = date {
                        return Some((i + 5, DateSpec::Point(Point::Day(date))));
                    }
                }
            }
        }
        // "fiscal 1989", "fiscal year 1989", "the year 2000".
        let mut k = self.the(i);
        let fiscal = self.is(k, "fiscal");
        if fiscal {
            k += 1;
        }
        if self.is(k, "year") && (fiscal || k > i) {
            k += 1;
        }
        if let Some((e, y)) = self.year(k) {
            // A bare year keeps a plain "the" out of the extent: "the 1990 budget".
            if k > i && !fiscal && !self.is(k - 1, "year") {
                return None;
            }
            // "1990s" is a decade, handled elsewhere.
            if self.is(e, "s") && self.glued(e) {
                return None;
            }
            return Some((e, DateSpec::Point(Point::Year(y))));
        }
        None
    }

    /// Dates relative to the publication date or the narrative: "yesterday", "last week",
    /// "this Friday", "next month", "the following day", "that year".
    fn relative(&self, i: usize) -> Option<(usize, DateSpec)> {
        let rel = |n: i64, unit: Unit, base: Base| DateSpec::Rel { n, unit, base };
        // "Russia Today", "USA Today": a capitalized "Today" after a name is part of the name.
        if self.capital(i) && i > 0 && self.capital(i - 1) && self.toks[i - 1].kind == crate::tokens::Kind::Word && !self.toks[i].newline_before {
            return None;
        }
        // Holidays, with an optional "last"/"this" in front.
        let h = if matches!(self.w(i), "last" | "this") { i + 1 } else { i };
        let holiday = match (self.w(h), self.w(h + 1)) {
            ("christmas", "eve") => Some((h + 2, DateSpec::Holiday(12, 24))),
            ("christmas", "day") => Some((h + 2, DateSpec::Holiday(12, 25))),
            ("christmas", _) => Some((h + 1, DateSpec::Holiday(12, 25))),
            ("thanksgiving", "day") => Some((h + 2, DateSpec::NthWeekday { nth: 4, weekday: 3, month: 11 })),
            ("thanksgiving", _) => Some((h + 1, DateSpec::NthWeekday { nth: 4, weekday: 3, month: 11 })),
            ("new", "year") if self.is(h + 2, "'") && self.is(h + 3, "s") => match self.w(h + 4) {
                "day" => Some((h + 5, DateSpec::Holiday(1, 1))),
                "eve" => Some((h + 5, DateSpec::Holiday(12, 31))),
                _ => None,
            },
            _ => None,
        };
        if let Some(r) = holiday.filter(|_| self.capital(h)) {
            return Some(r);
        }
        match self.w(i) {
            "today" => return Some((i + 1, rel(0, Unit::Day, Base::Dct))),
            "yesterday" => return Some((i + 1, rel(-1, Unit::Day, Base::Dct))),
            "tomorrow" => return Some((i + 1, rel(1, Unit::Day, Base::Dct))),
            _ => {}
        }
        // "the day before yesterday", "the day after tomorrow".
        if self.is(i, "the") && self.is(i + 1, "day") {
            if self.is(i + 2, "before") && self.is(i + 3, "yesterday") {
                return Some((i + 4, rel(-2, Unit::Day, Base::Dct)));
            }
            if self.is(i + 2, "after") && self.is(i + 3, "tomorrow") {
                return Some((i + 4, rel(2, Unit::Day, Base::Dct)));
            }
        }
        let (j, the) = if self.is(i, "the") { (i + 1, true) } else { (i, false) };
        if the {
            // "the quarter a year ago", "the corresponding period last year": the report's
            // quarter, a year back.
            let q = if matches!(self.w(j), "same" | "corresponding" | "comparable") { j + 1 } else { j };
            if self.is(q, "quarter") || (q > j && self.is(q, "period")) {
                let back = match (self.w(q + 1), self.w(q + 2), self.w(q + 3)) {
                    ("a", "year", "ago" | "earlier") => Some(q + 4),
                    ("last", "year", _) if !matches!(self.s(q + 3), "'" | "’") => Some(q + 3),
                    _ => None,
                };
                if let Some(end) = back {
                    return Some((end, DateSpec::ReportQuarter { q: None, year: None, period: self.is(q, "period") }));
                }
            }
            let k = if matches!(self.w(j), "latest" | "same" | "recent" | "full") { j + 1 } else { j };
            match self.w(k) {
                // "the quarter-to-quarter comparison" is not a time.
                "quarter" if !self.is(k + 1, "-") => return Some((k + 1, DateSpec::Same(Unit::Quarter))),
                "period" if k > j && self.w(j) == "latest" => return Some((k + 1, DateSpec::Same(Unit::Quarter))),
                "weekend" if k == j => return Some((k + 1, DateSpec::Weekend)),
                "week" if k == j && !self.is(k + 1, "of") => return Some((k + 1, DateSpec::Same(Unit::Week))),
                // "for the year", "the full year": the year the story is in. Not "the year-ago
                // quarter", "the year's end", "the year 2000" or "the year ended Sept. 30".
                "year" if (k == j || self.w(j) == "full")
                    && !matches!(self.s(k + 1), "-" | "'" | "’")
                    && !matches!(self.w(k + 1), "ended" | "ending")
                    && self.num(k + 1).is_none() =>
                {
                    return Some((k + 1, DateSpec::Rel { n: 0, unit: Unit::Year, base: Base::Dct }))
                }
                _ => {}
            }
        }
        let word = self.w(j);
        let (dir, base) = match word {
            "last" | "past" => (-1, Base::Dct),
            "this" | "current" | "present" => (0, Base::Dct),
            "next" | "coming" => (1, Base::Dct),
            "previous" | "prior" | "preceding" => (-1, Base::Reference),
            "following" | "ensuing" => (1, Base::Reference),
            "that" | "same" => (0, Base::Reference),
            _ => return None,
        };
        // "the next day" counts from the narrative; "next week" from the publication date.
        let base = if the && word == "next" { Base::Reference } else { base };
        if the && matches!(word, "this" | "that") {
            return None;
        }
        let mut k = j + 1;
        // "that same day", "the current fiscal year", "last fiscal year".
        if (word == "that" && self.is(k, "same")) || (self.is(k, "fiscal") && self.is(k + 1, "year")) {
            k += 1;
        }
        let w = self.w(k);
        if let Some(wd) = lexicon::full_weekday(w) {
            let d = match dir {
                -1 => Dir::Last,
                1 => Dir::Next,
                _ => Dir::This,
            };
            if the && base == Base::Reference && dir != 0 {
                return Some((k + 1, DateSpec::WeekdayFrom(wd, dir as i8)));
            }
            return (base == Base::Dct && !the).then_some((k + 1, DateSpec::Weekday(wd, d)));
        }
        // "this march" (a demonstration) is not "this March".
        if let Some(m) = lexicon::month(w).filter(|_| !lexicon::is_month_abbrev(w) && (self.capital(k) || !matches!(w, "may" | "march"))) {
            let d = match dir {
                -1 => Dir::Last,
                1 => Dir::Next,
                _ => Dir::This,
            };
            return (base == Base::Dct && !the).then_some((k + 1, DateSpec::Month(m, d, YearOf::Context)));
        }
        if let Some(s) = lexicon::season(w) {
            let d = match dir {
                -1 => Dir::Last,
                1 => Dir::Next,
                _ => Dir::This,
            };
            return Some((k + 1, DateSpec::Season(s, d, YearOf::Context)));
        }
        let unit = lexicon::unit(w).filter(|_| !lexicon::is_plural_unit(w))?;
        // A capitalized unit inside a sentence is part of a name: ABC's "This Week".
        if self.capital(k) && !self.toks[k].newline_before {
            return None;
        }
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        if word == "past" && matches!(unit, Unit::Decade | Unit::Century) {
            return None;
        }
        if word == "that" || word == "same" {
            return Some((k + 1, DateSpec::Same(unit)));
        }
        // "the past year" reads as the year before publication (a date), as annotated.
        Some((k + 1, rel(dir, unit, base)))
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "the fiscal first quarter",
    /// "the fourth quarter of 1998", "last year's third quarter", "the first half".
    fn quarter(&self, i: usize) -> Option<(usize, DateSpec)> {
        let mut j = self.the(i);
        let mut year = YearOf::Context;
        // "this year's", "last year's", "1989's".
        let (yj, y) = match (self.w(j), self.year(j)) {
            (_, Some((e, y))) => (e, Some(YearOf::Abs(y))),
            ("this", _) if self.is(j + 1, "year") => (j + 2, Some(YearOf::Dct(0))),
            ("last", _) if self.is(j + 1, "year") => (j + 2, Some(YearOf::Dct(-1))),
            ("next", _) if self.is(j + 1, "year") => (j + 2, Some(YearOf::Dct(1))),
            _ => (j, None),
        };
        if let Some(y) = y {
            if self.is(yj, "'") && self.is(yj + 1, "s") {
                j = yj + 2;
                year = y;
            }
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        let n = lexicon::ordinal(self.w(j)).or_else(|| match self.w(j) {
            "last" | "final" => Some(99),
            _ => None,
        })?;
        // "the first two quarters of 1990" is the first half.
        let pair = matches!(n, 1 | 99) && self.is(j + 1, "two") && self.is(j + 2, "quarters");
        let j = if pair { j + 1 } else { j };
        let mut k = self.hyphen(j + 1);
        if self.is(k, "fiscal") {
            k += 1;
        }
        let is_half = match self.w(k) {
            "quarters" if pair => true,
            "quarter" => false,
            "half" => true,
            _ => return None,
        };
        let mut end = k + 1;
        if self.is(end, "of") || self.is(end, "in") {
            let mut c = end + 1;
            if self.is(c, "fiscal") {
                c += 1;
            }
            if let Some((e, y)) = self.year(c) {
                year = YearOf::Abs(y);
                end = e;
            } else if self.is(c, "this") && self.is(c + 1, "year") {
                year = YearOf::Dct(0);
                end = c + 2;
            } else if self.is(c, "last") && self.is(c + 1, "year") {
                year = YearOf::Dct(-1);
                end = c + 2;
            }
        } else if let Some((e, y)) = self.year(end) {
            year = YearOf::Abs(y);
            end = e;
        }
        let n = if n == 99 { if is_half { 2 } else { 4 } } else { n };
        if is_half {
            (n <= 2).then_some((end, DateSpec::Half(n, year)))
        } else {
            (n <= 4).then_some((end, DateSpec::Quarter(n, year)))
        }
    }

    /// A report's quarter named by its year: "the 1988 quarter", "the 1989 period", "the 1988
    /// second quarter", "the year-ago quarter", "the comparable year-earlier period". Annotators
    /// mark the whole noun phrase and give it the quarter's value.
    fn report_quarter(&self, i: usize) -> Option<(usize, DateSpec)> {
        let mut j = self.the(i);
        if matches!(self.w(j), "comparable" | "corresponding" | "same") && j > i {
            j += 1;
        }
        let (k, year) = if let Some((e, y)) = self.year(j) {
            (e, Some(y))
        } else if self.is(j, "last") && self.is(j + 1, "year") && matches!(self.s(j + 2), "'" | "’") && self.is(j + 3, "s") && j == i {
            // "last year's quarter": the report's quarter a year back ("last year's third
            // quarter" is a plain quarter, read by `quarter`).
            (j + 4, None)
        } else if matches!(self.w(j), "year") && matches!(self.w(self.hyphen(j + 1)), "ago" | "earlier") && self.hyphen(j + 1) > j + 1 {
            (self.hyphen(j + 1) + 1, None)
        } else {
            return None;
        };
        let k = if self.is(k, "fiscal") { k + 1 } else { k };
        let (k, q) = match lexicon::ordinal(self.w(k)) {
            Some(n) if self.is(self.hyphen(k + 1), "quarter") && n <= 4 => (self.hyphen(k + 1), Some(n)),
            _ => (k, None),
        };
        match self.w(k) {
            "quarter" => Some((k + 1, DateSpec::ReportQuarter { q, year, period: false })),
            "period" if q.is_none() => Some((k + 1, DateSpec::ReportQuarter { q, year, period: true })),
            _ => None,
        }
    }

    /// Seasons, decades and centuries: "the summer of 1998", "the 1990s", "the '80s",
    /// "the mid-1990s", "the 20th century".
    fn season_or_decade(&self, i: usize) -> Option<(usize, DateSpec)> {
        let j = self.the(i);
        if let Some(s) = lexicon::season(self.w(j)) {
            let c = if self.is(j + 1, "of") { j + 2 } else { j + 1 };
            if let Some((e, y)) = self.year(c) {
                return Some((e, DateSpec::Season(s, Dir::Context, YearOf::Abs(y))));
            }
            // A bare season word is often a verb or other noun ("spring", "fall").
            if (j > i || self.capital(j)) && !self.names_follow(j + 1) {
                return Some((j + 1, DateSpec::Season(s, Dir::Context, YearOf::Context)));
            }
            return None;
        }
        // "the eighties", "the nineties": decades of the twentieth century.
        if j > i {
            if let Some(n) = DECADE_WORDS.iter().position(|d| *d == self.w(j)) {
                return Some((j + 1, DateSpec::Point(Point::Decade(192 + n as i32))));
            }
        }
        // Decades: "1990s", "'80s".
        let (k, decade) = if self.is(j, "'") || self.is(j, "’") {
            match self.num(j + 1) {
                Some((n, 2)) if n % 10 == 0 && self.is(j + 2, "s") => (j + 3, 190 + (n / 10) as i32),
                _ => return None,
            }
        } else if let Some((n, 4)) = self.num(j) {
            if n % 10 == 0 && self.is(j + 1, "s") && self.glued(j + 1) && (1000..2100).contains(&n) {
                (j + 2, (n / 10) as i32)
            } else {
                (0, 0)
            }
        } else {
            (0, 0)
        };
        if k > 0 {
            return Some((k, DateSpec::Point(Point::Decade(decade))));
        }
        // Centuries: "the 20th century", "the nineteenth century".
        let (k, n) = match self.num(j) {
            Some((n, d)) if d <= 2 && lexicon::is_ordinal_suffix(self.w(j + 1)) => (j + 2, n),
            _ => (j + 1, lexicon::ordinal(self.w(j))?),
        };
        if self.is(k, "century") && (1..=21).contains(&n) {
            return Some((k + 1, DateSpec::Point(Point::Century(n as i32 - 1))));
        }
        None
    }

    /// "two years ago", "a day earlier", "three weeks later", "year-earlier", "year-ago".
    fn ago(&self, i: usize) -> Option<(usize, DateSpec)> {
        // "year-earlier", "year-ago" (before a noun: "the year-earlier quarter").
        if let Some(unit) = lexicon::unit(self.w(i)) {
            let j = self.hyphen(i + 1);
            if j > i + 1 && matches!(self.w(j), "earlier" | "ago") {
                return Some((j + 1, DateSpec::Ago { n: -1, unit, base: Base::Reference }));
            }
        }
        let (j, q) = self.number(i)?;
        let Qty::N(n) = q else { return None };
        if n.fract() != 0.0 {
            return None;
        }
        let unit = lexicon::unit(self.w(j))?;
        let n = n as i64;
        // "three days later", "a day earlier", "over an hour later": TimeML marks the distance
        // as a DURATION and leaves "later" out as a signal (4 of 4 in TBAQ); only coarse
        // distances ("a year earlier", "two months later") name a date.
        if matches!(self.w(j + 1), "later" | "earlier") && matches!(unit, Unit::Second | Unit::Minute | Unit::Hour | Unit::Day | Unit::Week) {
            return None;
        }
        match self.w(j + 1) {
            "ago" => Some((j + 2, DateSpec::Ago { n: -n, unit, base: Base::Dct })),
            "earlier" => Some((j + 2, DateSpec::Ago { n: -n, unit, base: Base::Reference })),
            "later" => Some((j + 2, DateSpec::Ago { n, unit, base: Base::Reference })),
            "from" if self.is(j + 2, "now") => Some((j + 3, DateSpec::Ago { n, unit, base: Base::Dct })),
            _ => None,
        }
    }
}

/// Decade words, from the twenties on.
const DECADE_WORDS: [&str; 8] = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
