//! Rules for stretches and recurrences of time, and for vague references: durations ("three
//! years", "the past 13 months"), sets ("daily", "every week", "twice a year"), and the
//! PAST/PRESENT/FUTURE references ("recently", "now", "in the near future").

use super::{Base, DateSpec, Match, Parser, Qty, Sem};
use crate::lexicon::{self, Unit};
use tidings_doc::TimexMod;

impl Parser<'_> {
    /// A duration or an "ago" date, with an optional quantity modifier: "more than three years",
    /// "the past 13 months", "nearly four years ago", "the first nine months", "two-year".
    pub(super) fn quantified(&self, i: usize) -> Option<Match> {
        let (j, modifier) = self.quantity_modifier(i).unwrap_or((i, None));
        // An "ago" date keeps the modifier: "nearly four years ago".
        if let Some((end, spec)) = self.date(j).filter(|(_, s)| matches!(s, DateSpec::Ago { .. })) {
            if j > i && !self.is(j, "the") {
                let modifier = modifier.map(|m| if m == TimexMod::EqualOrLess || m == TimexMod::LessThan { TimexMod::Approx } else { m });
                return Some(Match { start: i, end, sem: Sem::Date(spec), modifier });
            }
        }
        // "several years ago": an undatable past.
        if let Some((k, Qty::Vague)) = self.number(j) {
            if lexicon::unit(self.w(k)).is_some() && self.is(k + 1, "ago") {
                return Some(Match { start: i, end: k + 2, sem: Sem::VagueAgo, modifier: None });
            }
        }
        let (start, end, sem) = self.duration(j)?;
        let start = if j > i { i } else { start };
        Some(Match { start, end, sem, modifier })
    }

    /// Words that bound a quantity: "more than", "at least", "nearly", "about".
    fn quantity_modifier(&self, i: usize) -> Option<(usize, Option<TimexMod>)> {
        let (w, w2) = (self.w(i), self.w(i + 1));
        Some(match (w, w2) {
            ("more" | "longer", "than") => (i + 2, Some(TimexMod::MoreThan)),
            ("less" | "fewer" | "shorter", "than") => (i + 2, Some(TimexMod::LessThan)),
            ("at", "least") => (i + 2, Some(TimexMod::EqualOrMore)),
            ("at", "most") | ("up", "to") => (i + 2, Some(TimexMod::EqualOrLess)),
            ("no", "more") if self.is(i + 2, "than") => (i + 3, Some(TimexMod::EqualOrLess)),
            ("almost", _) => (i + 1, Some(TimexMod::LessThan)),
            ("nearly", _) => (i + 1, Some(TimexMod::EqualOrLess)),
            // "over the past 20 years" leaves "over" out; "over a week" keeps it.
            ("over", _) if w2 != "the" => (i + 1, Some(TimexMod::MoreThan)),
            _ => return None,
        })
    }

    /// "three years", "24 hours", "5 1/2 hours", "two-year", "several months", "the past 13
    /// months", "the next several days", "the first nine months", "the nine months".
    fn duration(&self, i: usize) -> Option<(usize, usize, Sem)> {
        // "for years", "within weeks": a stretch of unstated length. Other bare plurals ("in
        // the days before") name times rather than lengths.
        if matches!(self.w(i.wrapping_sub(1)), "for" | "within") && lexicon::is_plural_unit(self.w(i)) {
            if let Some(unit) = lexicon::unit(self.w(i)) {
                return Some((i, i + 1, Sem::Duration(Qty::Vague, unit)));
            }
        }
        let mut j = self.the(i);
        let had_the = j > i;
        // "the past/last/next/coming/first N units".
        let lead = self.w(j);
        let led = matches!(lead, "past" | "last" | "next" | "coming" | "previous" | "first" | "final" | "latest" | "recent");
        if led {
            j += 1;
        }
        // "recent years" is the recent past (PAST_REF), left to the reference rules.
        if lead == "recent" && !had_the && self.is(j, "years") {
            return None;
        }
        if let Some(unit) = lexicon::unit(self.w(j)).filter(|_| led) {
            // "the past decade", "past year" read as durations when a "the" or "past" leads
            // ... but "last year" is a date, left to the date rules.
            if lexicon::is_plural_unit(self.w(j)) {
                // "the coming years", "recent months".
                return Some((i, j + 1, Sem::Duration(Qty::Vague, unit)));
            }
            if lead == "past" && matches!(unit, Unit::Decade | Unit::Century) {
                return Some((i, j + 1, Sem::Duration(Qty::N(1.0), unit)));
            }
            // "the fiscal year", "the full year": a year's length.
            return None;
        }
        // "the fiscal year", and "the year ended Sept. 30" in a report: a year's length.
        if had_the && self.is(j, "fiscal") && self.is(j + 1, "year") {
            return Some((i, j + 2, Sem::Duration(Qty::N(1.0), Unit::Year)));
        }
        if had_the && self.is(j, "year") && matches!(self.w(j + 1), "ended" | "ending") {
            return Some((i, j + 1, Sem::Duration(Qty::N(1.0), Unit::Year)));
        }
        let (k, q) = self.number(j)?;
        // "a" alone is a number only before a unit: "a year".
        let k = self.hyphen(k);
        let w = self.w(k);
        let unit = lexicon::unit(w)?;
        // A capitalized unit after a number is a name: CBS's "60 Minutes".
        if self.capital(k) && self.num(j).is_some() {
            return None;
        }
        // "the year" has no number; "the a year" is not English.
        if had_the && self.w(j) == "a" {
            return None;
        }
        let mut end = k + 1;
        // "a year-earlier loss" is a date, left to the "ago" rule.
        if self.hyphen(end) > end && matches!(self.w(self.hyphen(end)), "earlier" | "ago") {
            return None;
        }
        // "$2 million a year", "700 seats a week": a rate, which the set rules take.
        if matches!(self.w(j), "a" | "an") && k == j + 1 && self.rate_before(j) {
            return None;
        }
        // Ages are not annotated: "a 6-year-old", "52 years old".
        if self.w(self.hyphen(end)) == "old" {
            return None;
        }
        // "three-quarters", "a quarter of" are fractions; "a second" is an ordinal.
        if (unit == Unit::Quarter && (k > j + 1 || self.is(end, "of"))) || (unit == Unit::Second && self.w(j) == "a") {
            return None;
        }
        // "the 14-day period": the article belongs to the noun, not to the duration.
        if had_the && !led && k > self.number(j).map_or(k, |(e, _)| e) {
            return self.duration(j);
        }
        // "a minute and a half", "two years and a half".
        let mut q = q;
        if let Qty::N(n) = q {
            if self.is(end, "and") && matches!(self.w(end + 1), "a" | "one") && self.is(end + 2, "half") {
                q = Qty::N(n + 0.5);
                end += 3;
            }
        }
        // Fractions of an hour are written in minutes: 5 1/2 hours = PT5H30M.
        if let (Qty::N(n), Unit::Hour) = (q, unit) {
            if n.fract() != 0.0 {
                return Some((i, end, Sem::DurationHours(n as u32, (n.fract() * 60.0).round() as u32)));
            }
        }
        Some((i, end, Sem::Duration(q, unit)))
    }

    /// Recurrences: "daily", "every week", "each year", "twice a year", "three times a month",
    /// "every Sunday", "$5 a day".
    pub(super) fn set(&self, i: usize) -> Option<(usize, Sem)> {
        let w = self.w(i);
        if let Some(unit) = lexicon::frequency_adverb(w) {
            // "annual" is an adjective before a noun ("annual report") and rarely a SET.
            if w == "annual" {
                return None;
            }
            // "the French daily Le Monde", "a weekly magazine": a newspaper, not a recurrence.
            let names_next = self.capital(i + 1) && self.toks.get(i + 1).is_some_and(|t| t.kind == crate::tokens::Kind::Word);
            if names_next {
                return None;
            }
            return Some((i + 1, Sem::Set { unit, times: None, every: false }));
        }
        if matches!(w, "every" | "each" | "per") {
            let mut j = i + 1;
            if self.is(j, "other") {
                j += 1;
            }
            if let Some(wd) = lexicon::full_weekday(self.w(j)) {
                return Some((j + 1, Sem::SetValue(WEEKDAY_SETS[wd as usize])));
            }
            let (k, n) = match self.number(j) {
                Some((k, Qty::N(n))) if self.w(j) != "a" => (k, n as u32),
                _ => (j, 1),
            };
            let unit = lexicon::unit(self.w(k))?;
            let _ = n;
            return Some((k + 1, Sem::Set { unit, times: None, every: w != "per" }));
        }
        // "$2 million a year", "four flights a week": a rate is a SET of the unit.
        if matches!(w, "a" | "an") && self.rate_before(i) {
            if let Some(unit) = lexicon::unit(self.w(i + 1)).filter(|_| !lexicon::is_plural_unit(self.w(i + 1))) {
                if !matches!(unit, Unit::Second | Unit::Minute) && !matches!(self.s(i + 2), "-" | "'" | "’") {
                    return Some((i + 2, Sem::Set { unit, times: None, every: false }));
                }
            }
        }
        // "once a week", "twice a year", "three times a month".
        let (j, times) = match w {
            "once" => (i + 1, 1),
            "twice" => (i + 1, 2),
            _ => match self.number(i) {
                Some((k, Qty::N(n))) if self.is(k, "times") && self.w(i) != "a" => (k + 1, n as u32),
                _ => (i, 0),
            },
        };
        if j > i && matches!(self.w(j), "a" | "an" | "per" | "each" | "every") {
            let unit = lexicon::unit(self.w(j + 1))?;
            return Some((j + 2, Sem::Set { unit, times: Some(times), every: false }));
        }
        None
    }

    /// True when the words before token `i` are an amount that "a year" or "a day" after it
    /// turns into a rate: a number ("$5 a day", "358,000 a month"), a number word ("$2 million
    /// a year"), or a counted plural noun ("four flights a week", "700 seats a week").
    fn rate_before(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let prev = i - 1;
        if self.num(prev).is_some() || matches!(self.w(prev), "million" | "billion" | "thousand" | "hundred" | "dozen" | "trillion" | "percent" | "cents") || self.is(prev, "%") {
            return true;
        }
        let w = self.w(prev);
        let counted = w.len() >= 3 && w.ends_with('s') && !matches!(w, "was" | "has" | "its" | "his" | "this") && lexicon::unit(w).is_none();
        counted
            && (prev.saturating_sub(3)..prev).any(|k| {
                self.num(k).is_some()
                    || matches!(self.w(k), "million" | "billion" | "thousand" | "hundred" | "hundreds" | "thousands" | "millions" | "dozens")
                    || lexicon::small_number(self.w(k)).is_some()
            })
    }

    /// Vague references and day parts relative to publication: "now", "currently", "recently",
    /// "in the near future", "the past", "this morning", "tonight", "last night".
    pub(super) fn reference(&self, i: usize) -> Option<(usize, Sem)> {
        let w = self.w(i);
        let one = |v: &'static str| Some((i + 1, Sem::Ref(v)));
        match w {
            "now" | "currently" | "nowadays" => return one("PRESENT_REF"),
            // "the current weakness", "its current position": the present, as annotated in most
            // cases; "current account" and "current assets" are accounting terms.
            "current" if !self.is(i.wrapping_sub(1), "then") && self.toks.get(i + 1).is_some_and(|t| t.kind == crate::tokens::Kind::Word)
                && !matches!(self.w(i + 1), "account" | "accounts" | "assets" | "liabilities" | "dollars" | "prices") =>
            {
                return one("PRESENT_REF")
            }
            "recently" | "lately" => return one("PAST_REF"),
            // "as soon as" and "soon after" relate two events rather than name a time.
            "soon" if !self.is(i.wrapping_sub(1), "as") && !matches!(self.w(i + 1), "after" | "before" | "as" | "thereafter") => {
                return Some((i + 1, Sem::Soon))
            }
            "tonight" => {
                return Some((i + 1, Sem::DayPart { day: DateSpec::Rel { n: 0, unit: Unit::Day, base: Base::Dct }, part: "NI" }))
            }
            "overnight" => return None,
            _ => {}
        }
        // "these days", "at present", "for now", "right now".
        if w == "these" && self.is(i + 1, "days") {
            return Some((i + 2, Sem::Ref("PRESENT_REF")));
        }
        // "recent years", "recent weeks": the recent past.
        if w == "recent" {
            if let Some(u) = lexicon::unit(self.w(i + 1)).filter(|_| lexicon::is_plural_unit(self.w(i + 1))) {
                if u == Unit::Year {
                    return Some((i + 2, Sem::Ref("PAST_REF")));
                }
                return Some((i + 2, Sem::Duration(Qty::Vague, u)));
            }
            return None;
        }
        // "placed orders in the morning": that part of the day the story is at. "The night" is
        // left out: "the night of Oct. 23", "the night the plane went down".
        if w == "the" && !self.is(i + 2, "of") {
            if let Some(part) = lexicon::part_of_day(self.w(i + 1)).filter(|p| *p != "NI" && !self.w(i + 1).ends_with('s')) {
                return Some((i + 2, Sem::DayPart { day: DateSpec::Rel { n: 0, unit: Unit::Day, base: Base::Reference }, part }));
            }
        }
        // "in the near future", "the future", "the distant past", "the past".
        let (j, in_) = if w == "in" { (i + 1, true) } else { (i, false) };
        if self.is(j, "the") {
            let mut k = j + 1;
            let near = matches!(self.w(k), "near" | "distant" | "immediate" | "foreseeable" | "recent" | "not-too-distant");
            if near || (matches!(self.w(k), "short" | "long") && self.is(k + 1, "term")) {
                k += 1;
            }
            let v = match self.w(k) {
                "future" => "FUTURE_REF",
                // "in the near term", "over the short term".
                "term" if near || matches!(self.w(k - 1), "short" | "long") => "FUTURE_REF",
                "past" if !self.capital(k) && lexicon::unit(self.w(k + 1)).is_none() && self.number(k + 1).is_none() => "PAST_REF",
                _ => return None,
            };
            // Annotators keep "in" only with a qualified future ("in the near future"), not with
            // "(in) the near term".
            let start_in = in_ && near && !self.is(k, "term");
            if in_ && !start_in {
                return None;
            }
            return Some((k + 1, Sem::Ref(v)));
        }
        // "this morning", "last night", "yesterday evening", "this afternoon".
        let (k, n) = match w {
            "this" => (i + 1, 0),
            "last" => (i + 1, -1),
            "tomorrow" => (i + 1, 1),
            "yesterday" => (i + 1, -1),
            _ => return None,
        };
        let part = lexicon::part_of_day(self.w(k))?;
        // "last night" is the night before; "last morning" is not said.
        if w == "last" && part != "NI" {
            return None;
        }
        Some((k + 1, Sem::DayPart { day: DateSpec::Rel { n, unit: Unit::Day, base: Base::Dct }, part }))
    }
}

/// "every Monday" ... "every Sunday" as TIMEX3 SET values.
const WEEKDAY_SETS: [&str; 7] = ["XXXX-WXX-1", "XXXX-WXX-2", "XXXX-WXX-3", "XXXX-WXX-4", "XXXX-WXX-5", "XXXX-WXX-6", "XXXX-WXX-7"];
