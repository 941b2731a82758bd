//! Tense around an expression, from the nearest verb cue in its clause: "will", "is expected
//! to", "plans" point forward; "said", "was", verbs in -ed point back.
//!
//! This is deliberately shallow (no parser): it only decides which Thursday "Thursday" is.

use crate::grammar::{DateSpec, Dir, Match, Parser, Sem};
use crate::resolve::Tense;
use crate::tokens::Kind;

/// How far to look for a cue, in tokens, each way.
const WINDOW: usize = 12;

/// The tense around tokens `[start, end)`: the nearest cue before, else the nearest after.
pub(crate) fn tense(p: &Parser, start: usize, end: usize) -> Tense {
    let mut best: Option<(usize, Tense)> = None;
    let mut i = start;
    let mut steps = 0;
    while i > 0 && steps < WINDOW {
        i -= 1;
        steps += 1;
        if ends_clause(p, i) {
            break;
        }
        if let Some(t) = cue(p, i, true) {
            best = Some((steps, t));
            break;
        }
    }
    let mut i = end;
    let mut steps = 0;
    while i < p.toks.len() && steps < WINDOW {
        if ends_clause(p, i) || p.toks[i].newline_before {
            break;
        }
        steps += 1;
        if let Some(t) = cue(p, i, false) {
            // A cue before the expression wins unless the one after is much closer.
            if best.is_none_or(|(d, _)| steps * 2 < d) {
                best = Some((steps, t));
            }
            break;
        }
        i += 1;
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}

/// A tense the expression's own form gives, whatever the verbs around it say. A weekday in
/// the possessive names an event by its day ("Wednesday's ruling", "Friday's close"): in news
/// that is one already reported, even inside a clause that looks ahead ("would look for ways
/// around Wednesday's ruling"). On TBAQ all 19 possessive weekdays are the past or the
/// publication day.
///
/// A date that closes a period ("the quarter ended Sept. 30", "the year ended Jan. 31") lies
/// before publication: on TBAQ all 20 dates after "ended" are past ones.
pub(crate) fn own_tense(p: &Parser, m: &Match) -> Option<Tense> {
    if let Sem::Date(DateSpec::MonthDay(..)) = m.sem {
        let k = if m.start > 0 && p.is(m.start - 1, "on") { m.start - 1 } else { m.start };
        if k > 0 && p.is(k - 1, "ended") {
            return Some(Tense::Ended);
        }
    }
    let weekday = matches!(m.sem, Sem::Date(DateSpec::Weekday(_, Dir::Context)));
    let possessive = matches!(p.s(m.end), "'" | "’") && p.glued(m.end) && p.is(m.end + 1, "s") && p.glued(m.end + 1);
    if !(weekday && possessive) {
        return None;
    }
    // Unless the words before look ahead to it: "ahead of Sunday's election", "the upcoming
    // Friday's vote".
    let ahead = (m.start >= 2 && p.is(m.start - 2, "ahead") && p.is(m.start - 1, "of")) || back(p, m.start, 1, "upcoming");
    Some(if ahead { Tense::Future } else { Tense::Past })
}

fn ends_clause(p: &Parser, i: usize) -> bool {
    match p.s(i) {
        "!" | "?" | ";" | "\"" | "“" | "”" => true,
        // A period ends a sentence when it is not glued to an abbreviation like "Sept." or "a.m.".
        "." => !(i > 0 && p.glued(i) && p.w(i - 1).len() <= 4 && p.toks[i - 1].kind == Kind::Word),
        _ => p.toks[i].newline_before && i > 0,
    }
}

/// Whether the word `k` places before `i` is `word` (false at the start of the text).
fn back(p: &Parser, i: usize, k: usize, word: &str) -> bool {
    i.checked_sub(k).is_some_and(|j| p.is(j, word))
}

/// The tense a word at `i` points to; `before` says it comes before the expression.
fn cue(p: &Parser, i: usize, before: bool) -> Option<Tense> {
    let w = p.w(i);
    if w.is_empty() {
        return None;
    }
    Some(match w {
        // "had been scheduled to expire Friday": a plan told in the past perfect is over.
        "scheduled" | "expected" | "due" | "set" | "slated"
            if back(p, i, 1, "had") || (back(p, i, 1, "been") && back(p, i, 2, "had")) =>
        {
            Tense::Past
        }
        "will" | "shall" | "would" | "upcoming" | "scheduled" | "expected" | "expects" | "due" | "intends" | "slated"
        | "tomorrow" | "next" | "aims" | "hopes" | "wants" | "might" | "could" | "should" | "must" | "soon" => Tense::Future,
        // "postponed until Tuesday" looks forward; a fronted "Until Thursday, they had not ..."
        // narrates what held before.
        "until" if !p.capital(i) => Tense::Future,
        // "plans to", "planned to leave", "is set to resume", "is to resume"; but "vacation plans",
        // "as previously planned".
        "plans" | "plan" | "planning" | "set" | "is" | "are" if p.is(i + 1, "to") => Tense::Future,
        // "On Friday, the government planned to pay": the planning is what happened that day.
        "planned" if p.is(i + 1, "to") && before => Tense::Future,
        "plans" | "plan" | "set" => return None,
        // "as early as Tuesday", "as soon as".
        "early" if back(p, i, 1, "as") && p.is(i + 1, "as") => Tense::Future,
        // The modal, not the month (which the grammar takes only capitalized).
        "may" if !p.capital(i) => Tense::Future,
        "ll" if back(p, i, 1, "'") || back(p, i, 1, "’") => Tense::Future,
        "going" if p.is(i + 1, "to") => Tense::Future,
        "said" | "was" | "were" | "had" | "did" | "told" | "ago" | "last" | "yesterday" | "met" | "went" | "came" | "took" | "gave"
        | "made" | "got" | "saw" | "left" | "held" | "began" | "won" | "lost" | "fell" | "rose" | "sold" | "bought" | "paid"
        | "brought" | "thought" | "found" | "felt" | "kept" | "led" | "ran" | "spoke" | "wrote" | "chose" | "became" | "struck"
        | "shot" | "fought" | "sent" | "spent" | "won't" | "hit" | "put" | "quit" | "cut" | "closed" | "earlier" => {
            if w == "won't" {
                Tense::Future
            } else {
                Tense::Past
            }
        }
        _ if w.len() >= 5 && w.ends_with("ed") && !NOT_PAST.contains(&w) => Tense::Past,
        _ => return None,
    })
}

/// Words in -ed that are not past-tense verbs, or that point forward.
const NOT_PAST: &[&str] = &[
    "proposed", "supposed", "anticipated", "intended", "indeed", "based", "limited", "united", "related", "unexpected",
    "hundred", "speed", "needed", "concerned", "interested", "advanced", "detailed",
];
