//! The grammar of time expressions, written as small functions over tokens.
//!
//! Each rule starts at a token and, when the words there form a time expression, returns where
//! the expression ends and what it means ([`Sem`]) before any calendar arithmetic. The tagger tries
//! every rule at every token that can start one and keeps the longest match. Meaning is kept
//! unresolved here: "Thursday" is a weekday whose date depends on tense and publication date,
//! which [`crate::resolve`] works out.

mod clock;
mod dates;
mod spans;
mod start;

use crate::lexicon::{self, Unit};
use crate::point::Point;
use crate::tokens::{Kind, Tok};
use std::cell::Cell;
use tidings_doc::TimexMod;

/// Where a relative expression is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base {
    /// The publication date: "yesterday", "last year", "two weeks ago".
    Dct,
    /// The time the narrative is at: "the next day", "a year earlier", "two days later".
    Reference,
}

/// Which occurrence of a named weekday, month or season is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// Decided by tense around the expression.
    Context,
    Last,
    This,
    Next,
}

/// Which year a quarter, half, month or season belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearOf {
    Context,
    Abs(i32),
    /// Relative to the publication year ("last year's third quarter").
    Dct(i32),
}

/// A date before calendar arithmetic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum DateSpec {
    Point(Point),
    MonthDay(u32, u32),
    Month(u32, Dir, YearOf),
    Weekday(u32, Dir),
    /// A weekday counted from the reference day: "the previous Friday" (-1), "the following
    /// Monday" (1).
    WeekdayFrom(u32, i8),
    Season(&'static str, Dir, YearOf),
    Quarter(u32, YearOf),
    Half(u32, YearOf),
    /// `n` units from the base, at the unit's granularity: "last year", "the next day".
    Rel { n: i64, unit: Unit, base: Base },
    /// A distance counted back or forth: "two years ago", "a year earlier", "year-ago".
    Ago { n: i64, unit: Unit, base: Base },
    /// The unit of the reference time that the narrative is at: "that day", "the quarter".
    Same(Unit),
    /// The weekend nearest in the direction tense points.
    Weekend,
    /// A fixed holiday: month and day.
    Holiday(u32, u32),
    /// The `nth` weekday of a month: Thanksgiving is the fourth Thursday of November.
    NthWeekday { nth: u32, weekday: u32, month: u32 },
    /// A quarter of a company report named by its year rather than its number: "the 1988
    /// quarter", "the year-ago period", "the year-earlier third quarter". Without `q` it is the
    /// quarter the report is about; without `year`, the year before the report's.
    /// `period` says the text calls it a period, which may also be a running total ("the
    /// 1988 period" after "the first nine months").
    ReportQuarter { q: Option<u32>, year: Option<i32>, period: bool },
}

/// A quantity: a number, or an unspecified one ("several", "a few").
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Qty {
    N(f64),
    Vague,
}

/// What an expression means, before resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Sem {
    Date(DateSpec),
    /// A clock time on a day (the publication day when none is named).
    Clock { day: Option<DateSpec>, hour: u32, minute: u32 },
    /// A part of a day: "Friday morning", "last night".
    DayPart { day: DateSpec, part: &'static str },
    Duration(Qty, Unit),
    /// A duration given as a ready TIMEX3 value (mixed units such as `PT5H30M`).
    DurationHours(u32, u32),
    /// Something that recurs: every `unit`, `times` times per unit.
    Set { unit: Unit, times: Option<u32>, every: bool },
    /// A recurring weekday or part of day: "every Sunday", "Sunday nights".
    SetValue(&'static str),
    Ref(&'static str),
    /// "several years ago": a past point that cannot be dated.
    VagueAgo,
    /// "soon": the near future, when the verbs around it look ahead ("will soon begin"); told
    /// of the past ("was soon released") it only orders events, and is no time expression.
    Soon,
}

/// A recognized expression: token range `[start, end)`, meaning and modifier.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
    pub modifier: Option<TimexMod>,
}

/// The grammar's view of one document's tokens.
pub(crate) struct Parser<'a> {
    pub toks: &'a [Tok],
    /// Each token's text, lower-cased, by token: the rules read token texts far more often
    /// than there are tokens, so each is cut out of the lower-cased text (with its bounds and
    /// character-boundary checks) once per document rather than at every read.
    texts: Vec<&'a str>,
    /// The last date read, by start token: several rules ask for the date at the same token in
    /// a row ([`Parser::longest_at`] reads it for a plain date and again for a quantified one),
    /// and a date depends on nothing but the tokens.
    last_date: Cell<Option<(usize, DateRead)>>,
}

/// What [`Parser::date`] found at a token: where the date ends and what it is, if any.
type DateRead = Option<(usize, DateSpec)>;

impl<'a> Parser<'a> {
    /// `low` is the text the tokens were read from, lower-cased (ASCII only, so byte offsets
    /// are unchanged).
    pub fn new(toks: &'a [Tok], low: &'a str) -> Parser<'a> {
        let texts = toks.iter().map(|t| &low[t.start as usize..t.end as usize]).collect();
        Parser { toks, texts, last_date: Cell::new(None) }
    }

    /// The token's text, lower-cased; empty past the end.
    pub fn s(&self, i: usize) -> &'a str {
        self.texts.get(i).copied().unwrap_or("")
    }

    /// The token's text if it is a word.
    pub fn w(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => self.texts[i],
            _ => "",
        }
    }

    pub fn is(&self, i: usize, word: &str) -> bool {
        self.s(i) == word
    }

    /// The value of a digit token, with its number of digits.
    pub fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        (t.kind == Kind::Num).then(|| (t.num, (t.end - t.start) as usize))
    }

    /// True when token `i` follows token `i - 1` with no space between.
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && !self.toks[i].space_before
    }

    pub fn capital(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.capital)
    }

    /// Skips a hyphen (or dash) glued between two words: "third-quarter", "two-year".
    pub fn hyphen(&self, i: usize) -> usize {
        if matches!(self.s(i), "-" | "‐" | "–") && self.glued(i) && self.glued(i + 1) {
            i + 1
        } else {
            i
        }
    }

    /// Skips a period glued to an abbreviation: "Sept." "a.m.".
    pub fn dot(&self, i: usize) -> usize {
        if self.is(i, ".") && self.glued(i) {
            i + 1
        } else {
            i
        }
    }

    /// Skips "the" if present.
    pub fn the(&self, i: usize) -> usize {
        if self.is(i, "the") {
            i + 1
        } else {
            i
        }
    }

    /// The longest match that starts at token `i`. Most tokens start none, which
    /// [`Parser::may_start`] tells without running the rules.
    pub fn longest_at(&self, i: usize) -> Option<Match> {
        if !self.may_start(i) {
            return None;
        }
        self.all_rules_at(i)
    }

    /// Every rule tried at token `i`, the longest match kept.
    fn all_rules_at(&self, i: usize) -> Option<Match> {
        let mut best: Option<Match> = None;
        let mut consider = |m: Option<Match>| {
            if let Some(m) = m {
                if m.end > i && best.is_none_or(|b| m.end > b.end) {
                    best = Some(m);
                }
            }
        };
        consider(self.modified(i));
        consider(self.date_or_time(i).map(|(end, sem)| Match { start: i, end, sem, modifier: None }));
        consider(self.quantified(i));
        consider(self.set(i).map(|(end, sem)| Match { start: i, end, sem, modifier: None }));
        consider(self.reference(i).map(|(end, sem)| Match { start: i, end, sem, modifier: None }));
        consider(self.mid_day_part(i));
        best
    }

    /// "mid-afternoon yesterday", "by mid afternoon": the middle of a part of a named day, or of
    /// the day the story is at.
    fn mid_day_part(&self, i: usize) -> Option<Match> {
        if !self.is(i, "mid") {
            return None;
        }
        let j = self.hyphen(i + 1);
        // "midnight" is one word and a clock time; "mid-mornings" no single time.
        let part = lexicon::part_of_day(self.w(j)).filter(|p| *p != "NI" && !self.w(j).ends_with('s'))?;
        let (end, day) = match self.date(j + 1) {
            Some((e, day @ (DateSpec::Weekday(..) | DateSpec::MonthDay(..) | DateSpec::Rel { unit: Unit::Day, .. }))) => (e, day),
            _ => (j + 1, DateSpec::Rel { n: 0, unit: Unit::Day, base: Base::Reference }),
        };
        Some(Match { start: i, end, sem: Sem::DayPart { day, part }, modifier: Some(TimexMod::Mid) })
    }

    /// A date or time with a modifier in front: "early next year", "the end of the month",
    /// "late November", "mid-1990s".
    fn modified(&self, i: usize) -> Option<Match> {
        // "year-end", "year end", "year's end": the end of the publication year.
        if self.is(i, "year") {
            let end = match (self.s(i + 1), self.w(i + 2)) {
                ("-", "end") if self.glued(i + 1) => Some(i + 3),
                ("'" | "’", "s") if self.is(i + 3, "end") => Some(i + 4),
                ("end", _) => Some(i + 2),
                _ => None,
            };
            let sem = Sem::Date(DateSpec::Rel { n: 0, unit: Unit::Year, base: Base::Dct });
            return end.map(|end| Match { start: i, end, sem, modifier: Some(TimexMod::End) });
        }
        let (j, modifier) = self.point_modifier(i)?;
        // "the end of the year", "the start of the week": the unit the story is in.
        if self.is(j, "the") {
            if let Some(unit) = lexicon::unit(self.w(j + 1)).filter(|_| !lexicon::is_plural_unit(self.w(j + 1))) {
                if !matches!(self.s(j + 2), "'" | "’") {
                    let sem = Sem::Date(DateSpec::Rel { n: 0, unit, base: Base::Dct });
                    return Some(Match { start: i, end: j + 2, sem, modifier: Some(modifier) });
                }
            }
        }
        let (end, sem) = self.date_or_time(j)?;
        if matches!(sem, Sem::Clock { .. }) {
            return None;
        }
        // "earlier this month" names the month itself, as annotators mark it.
        let plain = self.s(i) == "earlier" && matches!(self.s(j), "this" | "that");
        if self.s(i) == "earlier" && !plain {
            return None;
        }
        // "early Friday morning", "late Monday": annotators mark the day alone.
        if matches!(sem, Sem::Date(DateSpec::Weekday(..)) | Sem::DayPart { .. }) {
            return None;
        }
        let modifier = if plain { None } else { Some(modifier) };
        Some(Match { start: i, end, sem, modifier })
    }

    /// Words before a date that place it within its span.
    fn point_modifier(&self, i: usize) -> Option<(usize, TimexMod)> {
        let w = self.s(i);
        let after_of = |j: usize| if self.is(j, "of") { Some(j + 1) } else { None };
        match w {
            "early" | "earlier" => Some((i + 1, TimexMod::Start)),
            "late" => Some((self.hyphen(i + 1), TimexMod::End)),
            "mid" => Some((self.hyphen(i + 1), TimexMod::Mid)),
            "the" | "end" | "beginning" | "start" | "middle" | "close" => {
                let j = self.the(i);
                let m = match self.s(j) {
                    "end" | "close" => TimexMod::End,
                    "beginning" | "start" => TimexMod::Start,
                    "middle" => TimexMod::Mid,
                    "turn" => TimexMod::Start,
                    _ => return None,
                };
                Some((after_of(j + 1)?, m))
            }
            _ => None,
        }
    }

    /// A number at `i`: digits (with a fraction "5 1/2" or decimal "2.5"), number words
    /// ("twenty-four", "a", "one and a half"), or a vague quantity ("several", "a few").
    pub fn number(&self, i: usize) -> Option<(usize, Qty)> {
        if let Some((n, _)) = self.num(i) {
            let mut v = n as f64;
            let mut j = i + 1;
            if self.is(j, ".") && self.glued(j) && self.glued(j + 1) {
                if let Some((f, digits)) = self.num(j + 1) {
                    v += f as f64 / 10f64.powi(digits as i32);
                    j += 2;
                }
            } else if let (Some((a, _)), true, Some((b, _))) = (self.num(j), self.is(j + 1, "/"), self.num(j + 2)) {
                if b > 0 && a < b {
                    v += a as f64 / b as f64;
                    j += 3;
                }
            }
            return Some((j, Qty::N(v)));
        }
        let w = self.w(i);
        match w {
            "a" | "an" => {
                // "a couple of years" is two (2 of 2 in TBAQ).
                if self.is(i + 1, "couple") && self.is(i + 2, "of") {
                    return Some((i + 3, Qty::N(2.0)));
                }
                if self.is(i + 1, "few") || self.is(i + 1, "couple") {
                    let j = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                    return Some((j, Qty::Vague));
                }
                if self.is(i + 1, "half") {
                    return Some((i + 2, Qty::N(0.5)));
                }
                if self.is(i + 1, "dozen") {
                    return Some((i + 2, Qty::N(12.0)));
                }
                if self.is(i + 1, "hundred") {
                    return Some((i + 2, Qty::N(100.0)));
                }
                return Some((i + 1, Qty::N(1.0)));
            }
            "half" if self.is(i + 1, "a") || self.is(i + 1, "an") => return Some((i + 2, Qty::N(0.5))),
            // "the next couple of years".
            "couple" if self.is(i + 1, "of") => return Some((i + 2, Qty::N(2.0))),
            _ if lexicon::is_vague_quantity(w) => return Some((i + 1, Qty::Vague)),
            _ => {}
        }
        let mut v = lexicon::small_number(w)? as f64;
        let mut j = i + 1;
        if v >= 20.0 && v % 10.0 == 0.0 {
            let k = self.hyphen(j);
            if let Some(u) = lexicon::small_number(self.w(k)).filter(|u| *u < 10) {
                v += u as f64;
                j = k + 1;
            }
        }
        if self.is(j, "hundred") {
            v *= 100.0;
            j += 1;
        }
        if self.is(j, "and") && self.is(j + 1, "a") && self.is(j + 2, "half") {
            v += 0.5;
            j += 3;
        }
        Some((j, Qty::N(v)))
    }
}
