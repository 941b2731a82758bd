//! Sentence boundaries over the scanner's pieces.
//!
//! A boundary falls in the gap before a piece when:
//!
//! - the gap holds a blank line (always);
//! - the sentence so far ends with `.`, `!`, `?` (plus any closing quotes or brackets written
//!   against it, `."` or `.)`), and the next piece does not continue it (`,` `;` `:`); a lone
//!   list number (`2.`) is not a sentence;
//! - it ends with an ellipsis and the next word is capitalized or on a new line;
//! - it ends with an abbreviation that may end a sentence (`U.S.`, `Inc.`, `etc.`, an initial)
//!   and the next word is a typical sentence starter (`The`, `He`, `However`: learned from
//!   EWT and CoNLL-2003 train) or starts a new line capitalized. Titles (`Gen.`, `Mr.`) never
//!   end a sentence; `No.` is an abbreviation only before a number;
//! - the gap holds one line break, the line before ends without punctuation and the text is not
//!   hard-wrapped: headlines, bylines and list items are their own sentences. A line ending in a
//!   dash or comma continues (`WASHINGTON (Reuters) -`), as does a next line in lower case. In
//!   hard-wrapped text (many lines run on into lower-case lines) a line break counts only
//!   before a list item or after a line much shorter than the longest (a heading).
//!
//! Datelines (`MOSCOW, April 19 (AP) —`, `Alwaght- According to`) carry no sentence-final
//! punctuation, so they stay inside the first sentence.

use crate::lexicon::{AbbrevClass, Lexicon};
use crate::token::{is_terminal_char, Piece};

/// Where sentences end: `ends[k]` is the index one past the last piece of sentence `k`.
/// `split_period` lists pieces (abbreviations ending a sentence, `etc.`) whose final period
/// becomes a token of its own, as EWT writes `etc` + `.` at a sentence end.
#[derive(Debug, Default)]
pub(crate) struct Boundaries {
    pub ends: Vec<usize>,
    pub split_period: Vec<usize>,
}

struct Ctx<'a> {
    text: &'a str,
    pieces: &'a [Piece],
    lex: &'a Lexicon,
}

impl<'a> Ctx<'a> {
    fn str(&self, k: usize) -> &'a str {
        let p = self.pieces[k];
        &self.text[p.start..p.end]
    }

    /// The first piece from `k` on that is not an opening quote or bracket.
    fn first_word(&self, k: usize) -> Option<&'a str> {
        (k..self.pieces.len()).map(|j| self.str(j)).find(|s| !is_opener(s))
    }
}

fn is_opener(s: &str) -> bool {
    matches!(s, "(" | "[" | "{" | "\"" | "“" | "‘" | "'" | "«" | "``" | "`")
}

fn is_closer(s: &str) -> bool {
    matches!(s, ")" | "]" | "}" | "\"" | "”" | "’" | "'" | "»" | "''")
}

fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | "''" | "»")
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

fn is_dash_piece(s: &str) -> bool {
    s.chars().all(|c| matches!(c, '-' | '–' | '—' | '―' | '−'))
}

/// A list bullet at the start of a line: `-`, `*`, `•`, or `1.`, `a)` (number or letter plus an
/// attached `.` or `)`).
fn is_list_item(cx: &Ctx, k: usize) -> bool {
    let s = cx.str(k);
    if matches!(s, "-" | "*" | "•" | "·" | "▪" | "‣" | "◦" | "–" | "—") {
        return true;
    }
    let short_label = (s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()))
        || (s.chars().count() == 1 && s.chars().all(char::is_alphabetic));
    short_label && k + 1 < cx.pieces.len() && !cx.pieces[k + 1].spaced && matches!(cx.str(k + 1), "." | ")")
}

/// `1.`, `b.` or `*2.` alone before `term` (a `.` at piece `t`): a list label, not a sentence.
fn is_lone_list_label(cx: &Ctx, start: usize, t: usize) -> bool {
    let label = match t - start {
        1 => start,
        2 if matches!(cx.str(start), "*" | "-" | "(" | "#") => start + 1,
        _ => return false,
    };
    is_list_item(cx, label)
}

/// A closing bracket or quote at `k`, after a space, that belongs to the sentence before it:
/// unambiguous closers always, straight quotes when the line or text ends after them.
fn closes_after_space(cx: &Ctx, k: usize) -> bool {
    match cx.str(k) {
        ")" | "]" | "}" | "”" | "»" | "''" => true,
        "\"" | "'" | "’" => !matches!(cx.pieces.get(k + 1), Some(p) if p.newlines == 0),
        _ => false,
    }
}

fn is_emoticon(s: &str) -> bool {
    crate::token::EMOTICONS.contains(&s)
}

/// Hard-wrapped text: at least two line breaks, and a quarter of them, run on into a lower-case
/// line from a line without final punctuation.
fn is_hard_wrapped(cx: &Ctx) -> bool {
    let (mut breaks, mut run_on) = (0usize, 0usize);
    for k in 1..cx.pieces.len() {
        if cx.pieces[k].newlines != 1 {
            continue;
        }
        breaks += 1;
        let before = cx.str(k - 1);
        let ends_clause = before.chars().last().is_some_and(|c| is_terminal_char(c) || c == ':');
        if !ends_clause && starts_lower(cx.str(k)) {
            run_on += 1;
        }
    }
    run_on >= 2 && run_on * 4 >= breaks
}

/// Finds the sentence boundaries of `pieces`.
pub(crate) fn split(text: &str, pieces: &[Piece], lex: &Lexicon) -> Boundaries {
    let cx = Ctx { text, pieces, lex };
    let mut b = Boundaries::default();
    if pieces.is_empty() {
        return b;
    }
    let wrapped = is_hard_wrapped(&cx);
    let longest_line = if wrapped { text.lines().map(str::len).max().unwrap_or(0) } else { 0 };
    let mut start = 0;
    for k in 1..pieces.len() {
        if let Some(split_at) = boundary_before(&cx, start, k, wrapped, longest_line) {
            if let Some(t) = split_at {
                b.split_period.push(t);
            }
            b.ends.push(k);
            start = k;
        }
    }
    b.ends.push(pieces.len());
    // A text that ends with an abbreviation (`... in the U.S.`) ends a sentence with it.
    let last = last_before_closers(&cx, start, pieces.len());
    if ends_with_abbreviation(&cx, last) {
        b.split_period.push(last);
    }
    b
}

/// The last piece of `start..end` that is not a closing quote or bracket written against the
/// piece before it.
fn last_before_closers(cx: &Ctx, start: usize, end: usize) -> usize {
    let mut t = end - 1;
    while t > start && is_closer(cx.str(t)) && !cx.pieces[t].spaced {
        t -= 1;
    }
    t
}

/// A piece like `U.S.`, `etc.`, `J.`: letters with their period attached.
fn ends_with_abbreviation(cx: &Ctx, t: usize) -> bool {
    let s = cx.str(t);
    s.len() >= 2 && s.ends_with('.') && s.chars().any(char::is_alphabetic)
}

/// Decides the gap before piece `k` in a sentence that began at piece `start`. `None`: no
/// boundary; `Some(None)`: a boundary; `Some(Some(t))`: a boundary after abbreviation piece `t`,
/// whose period must be split off.
fn boundary_before(cx: &Ctx, start: usize, k: usize, wrapped: bool, longest_line: usize) -> Option<Option<usize>> {
    let p = cx.pieces[k];
    // The common case, a word after a word on the same line, needs no closer look.
    let (before, next) = (cx.str(k - 1).as_bytes(), cx.str(k).as_bytes());
    if p.newlines == 0
        && before[before.len() - 1].is_ascii_alphanumeric()
        && next[0].is_ascii_alphanumeric()
        && before[0].is_ascii_alphanumeric()
    {
        return None;
    }
    let t = last_before_closers(cx, start, k);
    let term = cx.str(t);
    let abbreviation = ends_with_abbreviation(cx, t);
    let split = |yes: bool| if yes { Some(if abbreviation { Some(t) } else { None }) } else { None };
    if p.newlines >= 2 {
        return split(true);
    }
    let next = cx.str(k);
    if !p.spaced {
        // Only `end.The`, which the scanner cut at the period, breaks without white space.
        return split(term == "." && t == k - 1 && starts_upper(next) && k >= 2 && starts_lower(cx.str(k - 2)));
    }
    let next_word = cx.first_word(k).unwrap_or(next);
    let new_line = p.newlines == 1;
    let final_punct = term.chars().all(is_terminal_char);
    // After final punctuation or an abbreviation, `, ; :` continue the sentence; so does more
    // of the same punctuation (`. . .`, `? ?`) and a closing bracket or quote set off by a space
    // (`... at last. "`).
    if (final_punct || abbreviation)
        && (matches!(next, "," | ";" | ":") || next.chars().all(is_terminal_char) || closes_after_space(cx, k))
    {
        return None;
    }
    if final_punct {
        let spaced_dots = term == "." && t > start && cx.str(t - 1).ends_with('.') && cx.pieces[t].spaced;
        let ellipsis = term.len() >= 2 && term.chars().all(|c| c == '.') || term.contains('…') || spaced_dots;
        if ellipsis {
            return split(new_line || starts_upper(next_word));
        }
        // `2.` or `b.` alone opens a list item, not a sentence.
        if term == "." && is_lone_list_label(cx, start, t) {
            return None;
        }
        // `"Go!" he said`: a quotation ending in `!` or `?` followed by a lower-case word is
        // reported speech, still one sentence.
        if t + 1 < k && !term.contains('.') && is_quote(cx.str(k - 1)) && starts_lower(next_word) {
            return None;
        }
        return split(true);
    }
    // A smiley ends a sentence as its punctuation would: `Thanks :) I mean ...`.
    if is_emoticon(term) {
        return split(starts_upper(next_word));
    }
    if abbreviation {
        let word = &term[..term.len() - 1];
        let class = cx.lex.abbreviation(word).unwrap_or(AbbrevClass::Other);
        let ends = match class {
            AbbrevClass::Title => false,
            AbbrevClass::Number => !next.starts_with(|c: char| c.is_ascii_digit()),
            // `I` opens too many sentences to miss, though it is no starter by the list's
            // measure (it is capitalized everywhere).
            AbbrevClass::Other => {
                cx.lex.is_starter(next_word) || next_word == "I" || (new_line && starts_upper(next_word))
            }
        };
        return split(ends);
    }
    if new_line {
        if is_list_item(cx, k) {
            return split(true);
        }
        let before = cx.str(k - 1);
        if is_dash_piece(before) || before == "," || starts_lower(next) {
            return None;
        }
        if !wrapped {
            return split(true);
        }
        let line_start = cx.text[..p.start].trim_end().rfind('\n').map_or(0, |i| i + 1);
        let line_len = cx.text[line_start..p.start].trim_end().len();
        return split(line_len * 2 < longest_line);
    }
    None
}
