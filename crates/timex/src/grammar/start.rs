//! Which tokens can start a time expression: a cheap exact test the tagger runs before the
//! grammar, so that the rules run only where one of them can match.
//!
//! Every rule begins by comparing the token it starts at with words of its own, or by asking
//! for digits; none accepts an arbitrary word there. So a token that is not a number, not an
//! apostrophe ("'80s") and not one of [`is_start_word`]'s words starts no expression, and the
//! rules need not run on it. Most tokens of news text ("said", "company", ",") are such tokens.
//! The word list is the union of the rules' first checks; the tests below keep the two from
//! drifting apart: every word the grammar and lexicon spell out is either listed here or named
//! as one the rules read only after the first token, and the full grammar run over TimeBank,
//! AQUAINT, CoNLL text and generated word sequences finds no match where this test says none
//! can start.

use super::Parser;
use std::sync::OnceLock;
use crate::lexicon;
use crate::tokens::Kind;

impl Parser<'_> {
    /// False only when no rule can match at token `i`, so [`Parser::longest_at`] would find
    /// nothing there.
    pub fn may_start(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        match t.kind {
            // Clock times, days of the month, years, amounts of units, centuries, decades.
            Kind::Num => true,
            // "'80s", "’90s": the decade rule is the only one that starts at an apostrophe, and
            // it wants two digits next. Most apostrophes are possessives ("Putin's").
            Kind::Punct => matches!(self.s(i), "'" | "’") && self.num(i + 1).is_some_and(|(_, digits)| digits == 2),
            Kind::Word => self.may_start_word(i),
        }
    }

    /// [`Parser::may_start`] for a word. The commonest start words ("the", "a", "in", "that",
    /// "at") lead a time expression only before a few words, which the second check below
    /// reads, so that "the company" or "in Moscow" costs one more comparison rather than a run
    /// of every rule.
    fn may_start_word(&self, i: usize) -> bool {
        let w = self.s(i);
        if !is_start_word(w) {
            return false;
        }
        let next = self.s(i + 1);
        match w {
            "the" => self.num(i + 1).is_some() || may_follow_the(next),
            // A number of units ("a year", "a few days", "a half hour", "a-year"), or a rate
            // ("$5 a day"); "a" as a number always reads a unit next, after at most a
            // quantity word or a hyphen.
            "a" | "an" => {
                lexicon::unit(next).is_some() || matches!(next, "couple" | "few" | "half" | "dozen" | "hundred" | "-" | "‐" | "–")
            }
            // "in the near future".
            "in" => next == "the",
            // "at least", "at most", "up to".
            "at" => matches!(next, "least" | "most"),
            "up" => next == "to",
            // "that day", "that same week", "that fiscal year", "that Friday", "that spring".
            "that" => {
                matches!(next, "same" | "fiscal")
                    || lexicon::unit(next).is_some()
                    || lexicon::full_weekday(next).is_some()
                    || lexicon::month(next).is_some()
                    || lexicon::season(next).is_some()
            }
            _ => true,
        }
    }
}

/// The words after which "the" can begin a time expression: what the rules read at the token
/// after "the" (a number is checked apart). "the end of", "the 19th of April", "the year 2000",
/// "the day before yesterday", "the next day", "the third quarter", "the 1990s", "the summer",
/// "the past 13 months", "the morning", "the near future".
fn may_follow_the(w: &str) -> bool {
    matches!(
        w,
        // Point modifiers ("the end of the year") and a decade's apostrophe ("the '80s").
        "end" | "close" | "beginning" | "start" | "middle" | "turn" | "'" | "’"
        // Years and report periods: "the fiscal year", "the year-ago quarter", "the two
        // thousand", "the nineteen nineties".
        | "fiscal" | "year" | "nineteen" | "eighteen" | "day" | "same" | "corresponding" | "comparable" | "quarter"
        | "period" | "latest" | "recent" | "full" | "weekend" | "week" | "final"
        // Relative words: "the last week", "the following day".
        | "last" | "past" | "this" | "current" | "present" | "next" | "coming" | "previous" | "prior"
        | "preceding" | "following" | "ensuing" | "that"
        // Quantities: "the two years", "the several months", "the a" (refused later).
        | "a" | "an" | "half" | "couple"
        // Decades in words: "the eighties".
        | "twenties" | "thirties" | "forties" | "fifties" | "sixties" | "seventies" | "eighties" | "nineties"
        // Vague references: "the near future", "the short term", "the future", "the past".
        | "near" | "distant" | "immediate" | "foreseeable" | "short" | "long" | "future" | "term"
    ) || lexicon::ordinal(w).is_some()
        || lexicon::small_number(w).is_some()
        || lexicon::is_vague_quantity(w)
        || lexicon::season(w).is_some()
        || lexicon::part_of_day(w).is_some()
}

/// The lower-cased words at which some rule can start, grouped by the rule that reads them first.
const START_WORDS: &[&str] = &[
    // Articles and prepositions that lead a rule: "the third quarter", "a year", "in the
    // near future", "at least", "up to", "over a week".
    "the", "a", "an", "in", "at", "up", "no", "over",
    // Point and quantity modifiers: "early next year", "the end of", "more than", "nearly".
    "year", "early", "earlier", "late", "mid", "end", "beginning", "start", "middle", "close",
    "more", "longer", "less", "fewer", "shorter", "almost", "nearly",
    // Clock words.
    "noon", "midday", "midnight",
    // Relative dates, durations and references: "last week", "the following day", "now".
    "last", "this", "that", "these", "past", "current", "present", "next", "coming",
    "previous", "prior", "preceding", "following", "ensuing", "same", "fiscal", "final",
    "latest", "recent", "today", "yesterday", "tomorrow", "tonight", "now", "currently",
    "nowadays", "recently", "lately", "soon", "christmas", "thanksgiving", "new",
    // Recurrences: "daily", "every week", "once a year".
    "hourly", "daily", "nightly", "weekly", "monthly", "yearly", "every", "each", "per",
    "once", "twice",
    // Quantities: "a couple of", "half an hour", "several", "twenty-four".
    "half", "couple", "several", "many", "few", "some", "numerous", "countless",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety",
    // Ordinals: "first quarter", "the twelfth of May", "nineteenth century".
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth",
    // Units: "year-earlier", "for years", "weeks" after "within".
    "seconds", "secs", "minute", "minutes", "mins", "hour", "hours", "hrs", "day",
    "days", "week", "weeks", "weekend", "weekends", "month", "months", "quarter",
    "quarters", "years", "yrs", "decade", "decades", "century", "centuries",
    // Weekdays and months, full and abbreviated.
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "jan", "february", "feb", "march", "mar", "april", "apr", "may",
    "june", "jun", "july", "jul", "august", "aug", "september", "sept", "sep",
    "october", "oct", "november", "nov", "december", "dec",
    // Seasons.
    "spring", "summer", "fall", "autumn", "winter",
];

/// True for a word of [`START_WORDS`]. It runs on every word of every document, so the words
/// sit in a hash table built once, where a word is found or refused in about one probe (a
/// `match` over two hundred strings compares lengths and bytes down a long chain).
fn is_start_word(w: &str) -> bool {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(|| WordTable::new(START_WORDS)).contains(w)
}

/// An open-addressed set of words, at most a quarter full so that probes stay short.
struct WordTable {
    slots: Box<[&'static str]>,
    bits: u32,
}

impl WordTable {
    fn new(words: &[&'static str]) -> WordTable {
        let mut bits = 4;
        while (1usize << bits) < words.len() * 4 {
            bits += 1;
        }
        let mut table = WordTable { slots: vec![""; 1 << bits].into_boxed_slice(), bits };
        for w in words {
            let mut k = table.home(w);
            while !table.slots[k].is_empty() && table.slots[k] != *w {
                k = (k + 1) & (table.slots.len() - 1);
            }
            table.slots[k] = w;
        }
        table
    }

    /// The first slot to probe: a hash of the length and the first, second and last bytes,
    /// which tell nearly all the words apart without reading the rest.
    fn home(&self, w: &str) -> usize {
        let b = w.as_bytes();
        let (first, second, last) = (b.first().copied().unwrap_or(0), b.get(1).copied().unwrap_or(0), b.last().copied().unwrap_or(0));
        let key = (b.len() as u32) | (first as u32) << 8 | (second as u32) << 16 | (last as u32) << 24;
        (key.wrapping_mul(0x9E37_79B1) >> (32 - self.bits)) as usize
    }

    fn contains(&self, w: &str) -> bool {
        if w.is_empty() {
            return false;
        }
        let mut k = self.home(w);
        loop {
            match self.slots[k] {
                "" => return false,
                s if s == w => return true,
                _ => k = (k + 1) & (self.slots.len() - 1),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::{self, Tok};

    /// The sources whose word literals are the grammar's vocabulary.
    const SOURCES: [&str; 5] = [
        include_str!("mod.rs"),
        include_str!("dates.rs"),
        include_str!("spans.rs"),
        include_str!("clock.rs"),
        include_str!("../lexicon.rs"),
    ];

    /// Words the grammar and lexicon spell out that the rules read only after a rule's first
    /// token (or, for "annual", "overnight" and "fri", never as a match of their own).
    const NEVER_FIRST: &[&str] = &[
        "of", "for", "and", "or", "on", "to", "than", "least", "most", "s", "m", "p", "o", "am", "pm", "clock", "eve",
        "ago", "later", "from", "after", "before", "ended", "ending", "old", "times", "other", "period", "full",
        "comparable", "corresponding", "term", "future", "near", "distant", "immediate", "foreseeable", "short",
        "long", "morning", "mornings", "afternoon", "afternoons", "evening", "evenings", "night", "nights", "overnight",
        "high", "within", "then", "as", "thereafter", "annual", "account", "accounts", "assets", "liabilities",
        "dollars", "prices", "hundred", "thousand", "million", "billion", "trillion", "hundreds", "thousands",
        "millions", "dozens", "dozen", "percent", "cents", "was", "has", "its", "his", "turn", "twenties", "thirties",
        "forties", "fifties", "sixties", "seventies", "eighties", "nineties", "st", "nd", "rd", "th", "not",
        "too", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "gmt", "utc", "est", "edt",
        "cst", "cdt", "mst", "pst", "mdt", "pdt", "bst", "cet", "cest", "jst", "et", "pt",
    ];

    /// Every lower-case word written as a string literal in the grammar's sources.
    fn vocabulary() -> Vec<&'static str> {
        let mut words = Vec::new();
        for line in SOURCES.iter().flat_map(|src| src.lines()) {
            // Comments quote example phrases, not words the rules read.
            let code = line.split("//").next().unwrap_or("");
            for (k, lit) in code.split('"').enumerate() {
                // Odd pieces are inside quotes (no literal in the sources holds a quote).
                if k % 2 == 1 {
                    for w in lit.split(|c: char| !c.is_ascii_alphabetic()) {
                        if !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()) {
                            words.push(w);
                        }
                    }
                }
            }
        }
        words.sort_unstable();
        words.dedup();
        words
    }

    /// A new word in the grammar must be placed: either some rule starts with it, and it joins
    /// [`is_start_word`], or it is read only later in a rule, and it joins [`NEVER_FIRST`].
    #[test]
    fn every_grammar_word_is_placed() {
        let vocab = vocabulary();
        assert!(vocab.len() > 200, "vocabulary scan found only {} words", vocab.len());
        let unplaced: Vec<_> = vocab.iter().filter(|w| !is_start_word(w) && !NEVER_FIRST.contains(w)).collect();
        assert!(unplaced.is_empty(), "grammar words in neither list: {unplaced:?}");
        let stale: Vec<_> = NEVER_FIRST.iter().filter(|w| !vocab.contains(w) || is_start_word(w)).collect();
        assert!(stale.is_empty(), "NEVER_FIRST words the grammar does not read, or that start a rule: {stale:?}");
    }

    /// Runs every rule at every token of `text` and checks that wherever one matches, the quick
    /// test lets it through. Returns the number of matches seen.
    fn check(text: &str, toks: &mut Vec<Tok>) -> usize {
        let low = text.to_ascii_lowercase();
        tokens::tokenize(text, toks);
        let p = Parser::new(toks, &low);
        let mut found = 0;
        for i in 0..toks.len() {
            if let Some(m) = p.all_rules_at(i) {
                found += 1;
                assert!(p.may_start(i), "a match at token {i} ({:?}) that may_start rules out: {:?} in {:?}", p.s(i), m, text);
            }
        }
        found
    }

    #[test]
    fn no_match_starts_where_the_quick_test_says_none_can_on_timebank_aquaint_and_conll() {
        let mut toks = Vec::new();
        let docs = tidings_corpus::timeml::read_dir(tidings_corpus::shared_data("tempeval3/TBAQ-cleaned")).unwrap();
        assert!(docs.len() > 200);
        let found: usize = docs.iter().map(|d| check(&d.text, &mut toks)).sum();
        assert!(found > 2000, "only {found} matches in TBAQ");
        // CoNLL 2003 dev: one token a line, documents cut at -DOCSTART-.
        let conll = std::fs::read_to_string(tidings_corpus::shared_data("conll2003/valid.txt")).unwrap();
        let mut found = 0;
        for doc in conll.split("-DOCSTART-") {
            let text: Vec<&str> = doc.lines().filter_map(|l| l.split(' ').next()).filter(|w| !w.is_empty()).collect();
            found += check(&text.join(" "), &mut toks);
        }
        assert!(found > 1000, "only {found} matches in CoNLL dev");
    }

    fn push(text: &mut String, w: &str, glue: bool, capital: bool) {
        if !glue {
            text.push(' ');
        }
        let mut c = w.chars();
        match c.next() {
            Some(h) if capital => {
                text.extend(h.to_uppercase());
                text.push_str(c.as_str());
            }
            _ => text.push_str(w),
        }
    }

    /// Sequences built from the grammar's own words (plain and capitalized), numbers and
    /// punctuation reach rule paths that news text seldom takes.
    #[test]
    fn no_match_starts_where_the_quick_test_says_none_can_on_generated_text() {
        let vocab = vocabulary();
        let extra = ["1", "12", "30", "1990", "2019", "-", ".", ",", "'", "’", "/", ":", "$", "%", "s", "blue", "Blue", "the"];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut toks = Vec::new();
        let mut text = String::new();
        let mut found = 0;
        // Appends a word of the vocabulary or of `extra`, sometimes capitalized; numbers and
        // punctuation sometimes glued to the token before (glued letters would make new words).
        let push_any = |text: &mut String, next: &mut dyn FnMut(usize) -> usize| {
            let pick = next(vocab.len() + extra.len());
            let w = if pick < vocab.len() { vocab[pick] } else { extra[pick - vocab.len()] };
            let letters = w.bytes().all(|b| b.is_ascii_alphabetic());
            let (glue, capital) = (!letters && next(2) == 0, next(4) == 0);
            push(text, w, glue, capital);
        };
        // Each word that no rule starts with, at the head of generated continuations.
        for first in vocab.iter().filter(|w| !is_start_word(w)) {
            for _ in 0..40 {
                text.clear();
                let capital = next(2) == 0;
                push(&mut text, first, true, capital);
                for _ in 0..5 {
                    push_any(&mut text, &mut next);
                }
                found += check(&text, &mut toks);
            }
        }
        // Each start word that [`Parser::may_start_word`] lets through only before certain
        // words, before every word of the vocabulary (and every extra token), then a
        // generated continuation.
        for first in ["the", "a", "an", "in", "at", "up", "that", "'", "’"] {
            for second in vocab.iter().chain(extra.iter()) {
                for _ in 0..6 {
                    text.clear();
                    push(&mut text, first, true, next(4) == 0);
                    let letters = second.bytes().all(|b| b.is_ascii_alphabetic());
                    push(&mut text, second, !letters && next(2) == 0, next(4) == 0);
                    for _ in 0..4 {
                        push_any(&mut text, &mut next);
                    }
                    found += check(&text, &mut toks);
                }
            }
        }
        // Any mix of the vocabulary.
        for _ in 0..20_000 {
            text.clear();
            for _ in 0..12 {
                push_any(&mut text, &mut next);
            }
            found += check(&text, &mut toks);
        }
        assert!(found > 10_000, "only {found} matches in generated text");
    }
}
