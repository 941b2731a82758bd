//! PETRARCH/TABARI actor dictionaries (`Phoenix.*.actors.txt`, and users' own files).
//!
//! An entry is a primary phrase, optional synonyms on `+` lines and codes, either inline on the
//! primary line (`AFGHANISTAN_  [AFG]`, several allowed: `[IGOWSTNAT 940813-941017][...]`) or on
//! following indented lines (`\t[RUSGOV >080508]`). `#` and the older `;` start comments. The
//! files are hand-edited and messy, so the reader never fails on content: lines it cannot use
//! are returned as [`Skipped`] with the reason, and these repairs are made:
//! - an indented line that holds a phrase (`\tJOHN_MCCLOY_ [IGO...]`) is read as a synonym;
//! - an unclosed bracket (`[~ENV}`) runs to the end of the line;
//! - an entry without any code that is *immediately* followed (no blank or comment line between)
//!   by another entry shares that entry's codes and is merged into it. The CountryInfo-derived
//!   files list one person under two spellings this way (`DMITRY_MEDVEDEV_` and its synonyms,
//!   then `DMITR_MEDVEDEV_` with the codes). Codeless entries followed by a blank line stay
//!   codeless.

use crate::code::{parse_restriction, DatedCode};
use crate::error::{read_lossy, KbError};
use crate::Skipped;
use std::path::Path;

/// One dictionary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorEntry {
    /// The phrases as written, primary first: `VLADIMIR_PUTIN_`, `PUTIN_`, ...
    pub phrases: Vec<String>,
    /// The restrictions in file order (inline codes first).
    pub codes: Vec<DatedCode>,
    /// The line of the primary phrase (1-based).
    pub line: usize,
}

/// What an actor dictionary holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorDictionary {
    pub entries: Vec<ActorEntry>,
    /// Lines that were not used, with the reason.
    pub skipped: Vec<Skipped>,
    /// Codeless entries merged into the entry that follows them.
    pub merged: usize,
}

/// Reads an actor dictionary file.
pub fn read_actors(path: &Path) -> Result<ActorDictionary, KbError> {
    Ok(parse_actors(&read_lossy(path)?))
}

/// Cuts a comment (`#`, or TABARI's `;`) off a line.
pub(crate) fn strip_comment(line: &str) -> &str {
    match line.find(['#', ';']) {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Splits a line into the text before the first `[` and the insides of its `[...]` groups. An
/// unclosed group runs to the end of the line, less stray closing braces.
pub(crate) fn brackets(line: &str) -> (&str, Vec<&str>) {
    let Some(first) = line.find('[') else {
        return (line, Vec::new());
    };
    let mut groups = Vec::new();
    let mut rest = &line[first..];
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) => {
                groups.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => {
                groups.push(after.trim_end().trim_end_matches(['}', ')']));
                break;
            }
        }
    }
    (&line[..first], groups)
}

struct Open {
    entry: ActorEntry,
    last_line: usize,
}

/// Reads the text of an actor dictionary.
pub fn parse_actors(text: &str) -> ActorDictionary {
    let mut dict = ActorDictionary::default();
    let mut done: Vec<Open> = Vec::new();
    let mut open: Option<Open> = None;
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let line = strip_comment(raw).replace('\0', "");
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let body = line.trim_start();
        if body.starts_with('<') {
            dict.skipped.push(Skipped::new(number, "markup line"));
            continue;
        }
        let (phrase, groups) = brackets(body);
        let mut codes = Vec::new();
        for group in groups {
            match parse_restriction(group, None) {
                Ok(code) => codes.push(code),
                Err(why) => dict.skipped.push(Skipped::new(number, why)),
            }
        }
        let (is_synonym, phrase) = match phrase.strip_prefix('+') {
            Some(p) => (true, p.trim()),
            None => (indented, phrase.trim()),
        };
        let has_name = phrase.chars().any(|c| c.is_alphanumeric());
        if !has_name && !phrase.is_empty() {
            dict.skipped
                .push(Skipped::new(number, format!("no name in {phrase:?}")));
            continue;
        }
        match (&mut open, is_synonym || !has_name) {
            // A code line or a synonym: belongs to the open entry.
            (Some(current), true) => {
                if has_name {
                    current.entry.phrases.push(phrase.to_string());
                }
                current.entry.codes.extend(codes);
                current.last_line = number;
            }
            (None, true) => dict
                .skipped
                .push(Skipped::new(number, "synonym or code before any entry")),
            // A primary phrase: starts a new entry.
            (_, false) => {
                if let Some(previous) = open.take() {
                    done.push(previous);
                }
                open = Some(Open {
                    entry: ActorEntry {
                        phrases: vec![phrase.to_string()],
                        codes,
                        line: number,
                    },
                    last_line: number,
                });
            }
        }
    }
    done.extend(open);

    // Fold codeless entries into the adjacent entry that follows them (see the module docs).
    let mut folded: Vec<Open> = Vec::with_capacity(done.len());
    for item in done.into_iter().rev() {
        if item.entry.codes.is_empty() {
            if let Some(next) = folded.last_mut() {
                if next.entry.line == item.last_line + 1 {
                    let mut phrases = item.entry.phrases;
                    phrases.append(&mut next.entry.phrases);
                    next.entry.phrases = phrases;
                    next.entry.line = item.entry.line;
                    dict.merged += 1;
                    continue;
                }
            }
        }
        folded.push(item);
    }
    dict.entries = folded.into_iter().rev().map(|o| o.entry).collect();
    dict
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# a comment
+ORPHAN_
AFGHANISTAN_  [AFG]
+AFGHAN_
+KABUL_ # the capital

VLADIMIR_PUTIN_  # CountryInfo.txt
+PUTIN_
\t[RUSELI 700101-990809]
\t[RUSGOV >080508]
\t[RUSELI]
DMITRY_MEDVEDEV_  # CountryInfo.txt
+MEDVEDEV
DMITR_MEDVEDEV_
\t[RUSGOV >080507]
SERGIO_BALANZINO_\t[IGOWSTNAT 940813-941017][IGOWSTNAT 951020-951205]# IGOrulers.txt
BAN_KI-MOON
\t[IGOUNO >20070101]
\t[KORGOVBUS 2004017-20061201]
U.N._

JOHN_J MCCLOY_
\tJOHN_MCCLOY_\t[IGOUNODEVWBK 470301-490630]
";

    #[test]
    fn entries_synonyms_and_dated_codes() {
        let dict = parse_actors(SAMPLE);
        let names: Vec<&str> = dict.entries.iter().map(|e| e.phrases[0].as_str()).collect();
        assert_eq!(
            names,
            [
                "AFGHANISTAN_",
                "VLADIMIR_PUTIN_",
                "DMITRY_MEDVEDEV_",
                "SERGIO_BALANZINO_",
                "BAN_KI-MOON",
                "U.N._",
                "JOHN_J MCCLOY_"
            ]
        );
        assert_eq!(
            dict.entries[0].phrases,
            ["AFGHANISTAN_", "AFGHAN_", "KABUL_"]
        );
        assert_eq!(dict.entries[0].codes[0].code, "AFG");
        let putin = &dict.entries[1];
        assert_eq!(putin.line, 7);
        assert_eq!(putin.codes.len(), 3);
        assert_eq!(putin.codes[1].from, Some(20080508));
        assert!(putin.codes[2].is_default());
        assert_eq!(dict.entries[3].codes.len(), 2);
        // One bad date is skipped, the good restriction stays.
        assert_eq!(dict.entries[4].codes.len(), 1);
        assert!(dict.entries[5].codes.is_empty());
        assert_eq!(dict.entries[6].phrases, ["JOHN_J MCCLOY_", "JOHN_MCCLOY_"]);
    }

    #[test]
    fn codeless_entry_before_adjacent_entry_is_merged() {
        let dict = parse_actors(SAMPLE);
        let medvedev = &dict.entries[2];
        assert_eq!(
            medvedev.phrases,
            ["DMITRY_MEDVEDEV_", "MEDVEDEV", "DMITR_MEDVEDEV_"]
        );
        assert_eq!(medvedev.codes[0].code, "RUSGOV");
        assert_eq!(dict.merged, 1);
    }

    #[test]
    fn skipped_lines_are_reported_with_their_line() {
        let dict = parse_actors(SAMPLE);
        let lines: Vec<usize> = dict.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [2, 19]);
    }

    #[test]
    fn brackets_split_names_and_codes() {
        assert_eq!(brackets("UN_ [IGOUNO]"), ("UN_ ", vec!["IGOUNO"]));
        assert_eq!(brackets("X [~ENV}"), ("X ", vec!["~ENV"]));
        assert_eq!(brackets("NAME_"), ("NAME_", vec![]));
    }
}
