//! Tokens, following the conventions of UD English EWT (and so, mostly, the Penn Treebank).
//!
//! The text is cut at white space into chunks; each chunk loses its leading and trailing
//! punctuation one token at a time, and what is left (the body) is split at inner punctuation,
//! non-prefix hyphens and clitics. What EWT train does, and so what we do:
//!
//! - clitics split off: `do|n't`, `ca|n't`, `Bush|'s`, `I|'m`, `we|'ll`; `can|not`, `gon|na`;
//! - hyphens split (`long|-|term`, `Jong|-|un`) except after a prefix EWT keeps (`e-mail`,
//!   `non-profit`, `co-workers`) and inside phone numbers (`713-853-3989`);
//! - slashes split (`and|/|or`) except between digits (`9/11`) or single letters (`I/C`);
//! - `$` and `%` split from numbers; numbers keep their commas and points (`1,000.50`);
//! - runs of `.`, `!`, `?` are one token (`...`, `?!`); so are `--` and emoticons (`:-)`);
//! - URLs and e-mail addresses are one token, trailing punctuation excepted;
//! - abbreviations keep their period (`U.S.`, `Gen.`, `a.m.`, initials `J.`); the sentence
//!   splitter takes the period off again when the abbreviation ends a sentence, as EWT does.
//!
//! Curly quotes and apostrophes behave like straight ones.

use crate::lexicon::Lexicon;

/// A token as the scanner found it, in byte offsets, with the white space before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    pub start: usize,
    pub end: usize,
    /// Line breaks in the white space before this piece, capped at 2 (2 = a blank line).
    pub newlines: u8,
    /// White space comes before this piece (always true when `newlines > 0`).
    pub spaced: bool,
}

/// Prefixes that EWT train writes joined to the next word with a hyphen (`e-mail`, `non-profit`,
/// `pre-war`, `co-workers`); after any other word a hyphen is its own token. Read off EWT
/// train: the prefixes joined at least once and never split.
const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "e", "ex", "intra", "micro", "mid", "multi", "neo", "non", "over", "post", "pre",
    "pro", "psycho", "re", "semi", "socio", "sub", "un",
];

/// Words EWT splits in two without an apostrophe (`cannot` = `can` + `not`), with the split point.
const FUSED: &[(&str, usize)] = &[("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)];

/// Negations written without their apostrophe (`dont`); EWT splits them `do|nt`. Forms that are
/// also words (`cant`, `wont`) are left alone.
const BARE_NEGATIONS: &[&str] = &[
    "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "couldnt", "wouldnt", "shouldnt", "havent", "hasnt",
    "hadnt",
];

/// Emoticons kept whole when a chunk consists of one.
pub(crate) const EMOTICONS: &[&str] =
    &[":)", ":-)", "=)", ";-)", ":(", ":-(", ";)", ":D", ":-D", ":P", ":-P", ":p", "<3", "^_^", ":/", ":'("];

/// Clitics that split off after an apostrophe, lower-cased, without the apostrophe.
const CLITICS: &[&str] = &["s", "re", "ll", "m", "ve", "d"];

/// Words that keep a leading apostrophe: `'em`, `'til`.
const APOSTROPHE_WORDS: &[&str] = &["em", "til", "cause", "tis", "twas", "n"];

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '`' | '‘')
}

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// Punctuation that ends a sentence when a run of it is a token: `.`, `!`, `?`, `…`.
pub(crate) fn is_terminal_char(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―' | '−')
}

/// The character at byte `i` and its length; ASCII is the fast path.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = text[i..].chars().next().expect("i is a char boundary");
        (c, c.len_utf8())
    }
}

/// The last character before byte `end` and its length.
#[inline]
fn char_before(text: &str, end: usize) -> (char, usize) {
    let b = text.as_bytes()[end - 1];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = text[..end].chars().next_back().expect("end is a char boundary");
        (c, c.len_utf8())
    }
}

/// Byte length of the run of characters satisfying `f` at the start of `s`.
fn run_len(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices().find(|&(_, c)| !f(c)).map_or(s.len(), |(i, _)| i)
}

/// Byte length of the run of characters satisfying `f` at the end of `s`.
fn run_len_back(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.len() - s.char_indices().rev().find(|&(_, c)| !f(c)).map_or(0, |(i, c)| i + c.len_utf8())
}

/// Splits `text` into pieces, appending them to `out` (which the caller may reuse).
pub(crate) fn tokenize(text: &str, lex: &Lexicon, out: &mut Vec<Piece>) {
    let mut tail = Vec::new();
    let mut i = 0;
    let mut newlines = 0u8;
    let mut spaced = false;
    while i < text.len() {
        let (c, len) = char_at(text, i);
        if is_space(c) {
            match c {
                '\n' | '\u{2028}' | '\u{85}' => newlines = (newlines + 1).min(2),
                '\u{2029}' => newlines = 2,
                _ => {}
            }
            spaced = true;
            i += len;
            continue;
        }
        let start = i;
        while i < text.len() {
            // Printable ASCII is never space: skip it a byte at a time without decoding.
            if matches!(text.as_bytes()[i], b'!'..=b'~') {
                i += 1;
                continue;
            }
            let (c, len) = char_at(text, i);
            if is_space(c) {
                break;
            }
            i += len;
        }
        let first = out.len();
        split_chunk(text, start, i, lex, out, &mut tail);
        if let Some(p) = out.get_mut(first) {
            p.newlines = newlines;
            p.spaced = spaced;
        }
        newlines = 0;
        spaced = false;
    }
}

fn push(out: &mut Vec<Piece>, start: usize, end: usize) {
    if start < end {
        out.push(Piece { start, end, newlines: 0, spaced: false });
    }
}

/// Splits one white-space-free chunk `text[s..e]`.
fn split_chunk(
    text: &str,
    mut s: usize,
    e: usize,
    lex: &Lexicon,
    out: &mut Vec<Piece>,
    tail: &mut Vec<(usize, usize)>,
) {
    // Most chunks are plain words: no punctuation to peel and no address to find.
    if text.as_bytes()[s..e].iter().all(u8::is_ascii_alphanumeric) {
        plain_body(text, s, e, out);
        return;
    }
    if EMOTICONS.contains(&&text[s..e]) {
        push(out, s, e);
        return;
    }
    // Leading punctuation, and URLs or e-mail addresses, which may follow it: `(www.x.org)`.
    while s < e {
        let rest = &text[s..e];
        if let Some(n) = web_address_len(rest) {
            push(out, s, s + n);
            s += n;
            continue;
        }
        let n = leading_punct_len(rest);
        if n == 0 {
            break;
        }
        push(out, s, s + n);
        s += n;
    }
    // Trailing punctuation, peeled from the end and pushed after the body.
    let mark = tail.len();
    let mut end = e;
    while end > s {
        let n = trailing_punct_len(&text[s..end], lex);
        if n == 0 {
            break;
        }
        tail.push((end - n, end));
        end -= n;
    }
    split_body(text, s, end, out);
    while tail.len() > mark {
        let (a, b) = tail.pop().expect("tail is longer than mark");
        push(out, a, b);
    }
}

/// Length of the punctuation token that opens `rest`, 0 when `rest` opens with a word.
fn leading_punct_len(rest: &str) -> usize {
    let (c, len) = char_at(rest, 0);
    if c.is_alphanumeric() || c == '@' {
        return 0;
    }
    let next = rest[len..].chars().next();
    match c {
        _ if is_apostrophe(c) => {
            let after = &rest[len..];
            let word_len = run_len(after, char::is_alphanumeric);
            let word = &after[..word_len];
            // `'90s`, `'em`, and a lone clitic chunk (`Jones 's`) keep their apostrophe.
            let decade = word.len() == 3 && word.ends_with('s') && word[..2].bytes().all(|b| b.is_ascii_digit());
            let decade = decade || (word.len() == 2 && word.bytes().all(|b| b.is_ascii_digit()));
            let keep = decade
                || (word_len == after.len()
                    && (APOSTROPHE_WORDS.iter().chain(CLITICS).any(|w| w.eq_ignore_ascii_case(word))));
            if keep {
                0
            } else {
                run_len(rest, |d| d == c)
            }
        }
        '+' | '.' if next.is_some_and(|d| d.is_ascii_digit()) => 0,
        '-' if next.is_some_and(|d| d.is_ascii_digit()) => 0,
        _ if is_terminal_char(c) => run_len(rest, is_terminal_char),
        _ if is_dash(c) => run_len(rest, |d| d == c),
        _ => run_len(rest, |d| d == c),
    }
}

/// Length of the punctuation token that closes `body`, 0 when `body` ends with a word (or
/// with an abbreviation's period).
fn trailing_punct_len(body: &str, lex: &Lexicon) -> usize {
    let (c, _) = char_before(body, body.len());
    if c.is_alphanumeric() {
        return 0;
    }
    if is_terminal_char(c) {
        let n = run_len_back(body, is_terminal_char);
        if n == 1 && c == '.' && n < body.len() && is_abbreviation(&body[..body.len() - 1], lex) {
            return 0;
        }
        return n;
    }
    match c {
        '"' | '”' | '“' | '»' | '«' | ')' | ']' | '}' | '>' | ',' | ';' | ':' | '%' | '*' | '/' | '#' | '=' | '_'
        | '~' | '|' | '^' | '+' | '$' | '&' | '<' | '(' | '[' | '{' | '\\' => run_len_back(body, |d| d == c),
        _ if is_apostrophe(c) || is_dash(c) => run_len_back(body, |d| d == c),
        // Other symbols (`°`, `™`) stay on their word.
        _ => 0,
    }
}

/// True when `word.` is an abbreviation: a known one, an initial (`J.`), or letters with inner
/// periods (`U.S.`, `e.g.`, `Ph.D.`).
pub(crate) fn is_abbreviation(word: &str, lex: &Lexicon) -> bool {
    if lex.abbreviation(word).is_some() {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    word.contains('.')
        && word.split('.').all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(char::is_alphabetic))
        && word.split('.').any(|p| p.chars().count() == 1)
}

/// Length of the URL or e-mail address that starts `rest`, without trailing punctuation.
fn web_address_len(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let starts = |p: &str| b.len() > p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let is_url = starts("http://") || starts("https://") || starts("ftp://") || starts("www.") || starts("mailto:");
    if !is_url && !is_email(rest) {
        return None;
    }
    let mut end = rest.len();
    loop {
        let (c, len) = char_before(rest, end);
        let strip = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | '»' | '>' => true,
            ')' => !rest[..end].contains('('),
            ']' => !rest[..end].contains('['),
            _ => false,
        };
        if !strip || end - len == 0 {
            break;
        }
        end -= len;
    }
    Some(end)
}

/// `name@host.org` (or `name@HOST`, as mail systems write internal addresses).
fn is_email(rest: &str) -> bool {
    let Some(at) = rest.bytes().position(|b| b == b'@') else { return false };
    let local = &rest[..at];
    let domain_len = run_len(&rest[at + 1..], |c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    !local.is_empty()
        && local.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'))
        && domain_len >= 2
        && rest.as_bytes()[at + 1].is_ascii_alphanumeric()
}

/// Splits the body of a chunk (no leading or trailing punctuation left, bar abbreviations'
/// periods) at inner punctuation, hyphens and clitics.
fn split_body(text: &str, s: usize, e: usize, out: &mut Vec<Piece>) {
    if s >= e {
        return;
    }
    // Every cut below is at a punctuation mark or dash: a body of ASCII letters and digits
    // (most of them) needs no walk character by character.
    if text.as_bytes()[s..e].iter().all(u8::is_ascii_alphanumeric) {
        plain_body(text, s, e, out);
        return;
    }
    let mut seg = s; // start of the current word segment
    let mut i = s;
    let mut prev: Option<char> = None;
    while i < e {
        let (c, len) = char_at(text, i);
        let next = if i + len < e { Some(char_at(text, i + len).0) } else { None };
        let digit_both = prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        // The byte length of a punctuation token starting here, 0 to keep `c` inside the word.
        let cut = match c {
            ',' | ':' if digit_both => 0,
            ',' | ';' | ':' | '"' | '“' | '”' | '(' | ')' | '[' | ']' | '{' | '}' | '«' | '»' | '<' | '>' | '|' => {
                run_len(&text[i..e], |d| d == c)
            }
            '!' | '?' | '…' => run_len(&text[i..e], is_terminal_char),
            '/' => {
                let left_single = text[seg..i].chars().count() == 1;
                let right = run_len(&text[i + len..e], char::is_alphanumeric);
                if digit_both || (left_single && right == 1) {
                    0
                } else {
                    len
                }
            }
            '.' => {
                let dots = run_len(&text[i..e], |d| d == '.');
                if dots >= 2 {
                    dots
                } else if glued_sentence_start(&text[seg..i], &text[i + len..e]) {
                    len
                } else {
                    0
                }
            }
            '-' if prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric) => {
                let left = &text[seg..i];
                if HYPHEN_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(left)) || is_phone_number(&text[seg..e]) {
                    0
                } else {
                    len
                }
            }
            _ if is_dash(c) => run_len(&text[i..e], |d| d == c),
            _ => 0,
        };
        if cut == 0 {
            prev = Some(c);
            i += len;
            continue;
        }
        word(text, seg, i, out);
        push(out, i, i + cut);
        i += cut;
        seg = i;
        prev = None;
    }
    word(text, seg, e, out);
}

/// Splits a body of ASCII letters and digits: a fused word (`cannot`, all letters) in two,
/// anything else as one word.
fn plain_body(text: &str, s: usize, e: usize, out: &mut Vec<Piece>) {
    let body = &text[s..e];
    if let Some(&(_, at)) = FUSED.iter().find(|(w, _)| w.eq_ignore_ascii_case(body)) {
        push(out, s, s + at);
        push(out, s + at, e);
        return;
    }
    word(text, s, e, out);
}

/// `end.The`: a lower-case word, a period and a capitalized word with no space between them,
/// which is two sentences with the space missing (not `Yahoo.com` or `U.S.A`).
fn glued_sentence_start(left: &str, right: &str) -> bool {
    let mut r = right.chars();
    left.chars().count() >= 2
        && left.chars().all(|c| c.is_lowercase())
        && r.next().is_some_and(char::is_uppercase)
        && r.next().is_some_and(char::is_lowercase)
        && right.chars().all(char::is_alphabetic)
}

/// `713-853-3989`, `646-8420`, `1-800-555-1234`: digit groups that EWT keeps whole.
fn is_phone_number(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    if groups.len() < 2 || !groups.iter().all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let (last, rest) = groups.split_last().expect("two groups or more");
    last.len() == 4 && rest.iter().enumerate().all(|(i, g)| g.len() == 3 || (i == 0 && g.len() == 1))
}

/// Pushes one word, splitting off a clitic: `do|n't`, `Bush|'s`, `we|'ll`, `do|nt`.
fn word(text: &str, s: usize, e: usize, out: &mut Vec<Piece>) {
    if s >= e {
        return;
    }
    let w = &text[s..e];
    let b = w.as_bytes();
    // A plain lower/upper-case word can only be a bare negation (`dont`); skip the rest.
    if b.iter().all(u8::is_ascii_alphabetic) && !b.ends_with(b"nt") && !b.ends_with(b"NT") {
        push(out, s, e);
        return;
    }
    let lower_ends = |suffix: &str| {
        w.len() > suffix.len()
            && w.is_char_boundary(w.len() - suffix.len())
            && w[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    // n't / n’t
    for neg in ["n't", "n’t", "n`t"] {
        if lower_ends(neg) && w[..w.len() - neg.len()].chars().all(char::is_alphabetic) {
            let at = e - neg.len();
            push(out, s, at);
            push(out, at, e);
            return;
        }
    }
    // `7am`, `11PM`: EWT writes the number and the clock word apart.
    let digits = run_len(w, |c| c.is_ascii_digit() || c == ':');
    if digits > 0
        && w.as_bytes()[0].is_ascii_digit()
        && ["am", "pm"].iter().any(|m| m.eq_ignore_ascii_case(&w[digits..]))
    {
        push(out, s, s + digits);
        push(out, s + digits, e);
        return;
    }
    if BARE_NEGATIONS.iter().any(|n| n.eq_ignore_ascii_case(w)) {
        push(out, s, e - 2);
        push(out, e - 2, e);
        return;
    }
    if let Some((at, c)) = w.char_indices().rev().find(|&(_, c)| is_apostrophe(c)) {
        let clitic = &w[at + c.len_utf8()..];
        if at > 0 && CLITICS.iter().any(|k| k.eq_ignore_ascii_case(clitic)) {
            push(out, s, s + at);
            push(out, s + at, e);
            return;
        }
    }
    push(out, s, e);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        let lex = Lexicon::new();
        let mut out = Vec::new();
        tokenize(text, &lex, &mut out);
        out.iter().map(|p| &text[p.start..p.end]).collect()
    }

    #[test]
    fn white_space_and_line_breaks_are_recorded() {
        let lex = Lexicon::new();
        let mut out = Vec::new();
        tokenize("a b\nc\n \nd", &lex, &mut out);
        let seen: Vec<(u8, bool)> = out.iter().map(|p| (p.newlines, p.spaced)).collect();
        assert_eq!(seen, [(0, false), (0, true), (1, true), (2, true)]);
    }

    #[test]
    fn chunks_split_like_ewt() {
        assert_eq!(pieces("(\"don't!\")"), ["(", "\"", "do", "n't", "!", "\"", ")"]);
        assert_eq!(pieces("e-mail long-term"), ["e-mail", "long", "-", "term"]);
        assert_eq!(pieces("call 713-853-3989."), ["call", "713-853-3989", "."]);
    }
}
