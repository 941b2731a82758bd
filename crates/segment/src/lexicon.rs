//! The word lists behind the rules: abbreviations with their class, and sentence starters.
//!
//! The lists live in `data/` (see its README for how each was made) and are compiled in, so the
//! segmenter needs no files at run time. Lookups take the token's text as it is: abbreviations
//! are case-sensitive (`Sat.` is a day, `sat.` a verb at the end of a sentence).

use std::collections::{HashMap, HashSet};

const DERIVED: &str = include_str!("../data/abbreviations.derived.txt");
const CURATED: &str = include_str!("../data/abbreviations.curated.txt");
const STARTERS: &str = include_str!("../data/sentence-starters.txt");

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Comes before a name and never ends a sentence (`Gen.`, `Mr.`).
    Title,
    /// An abbreviation only before a number (`No. 5`); otherwise an ordinary word.
    Number,
    /// May end a sentence (`Inc.`, `U.S.`, `etc.`).
    Other,
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Abbreviations without their final period: `U.S`, `Gen`, `a.m`.
    abbreviations: HashMap<&'static str, AbbrevClass>,
    /// Capitalized words that typically open a sentence: `The`, `However`, `He`.
    starters: HashSet<&'static str>,
}

/// The non-comment, non-empty lines of a list, split at tabs.
fn rows(list: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

impl Lexicon {
    pub(crate) fn new() -> Lexicon {
        let mut abbreviations = HashMap::new();
        for row in rows(DERIVED) {
            let form = row[0].strip_suffix('.').unwrap_or(row[0]);
            abbreviations.insert(form, AbbrevClass::Other);
        }
        for row in rows(CURATED) {
            let class = match row.get(1).copied() {
                Some("title") => AbbrevClass::Title,
                Some("number") => AbbrevClass::Number,
                _ => AbbrevClass::Other,
            };
            abbreviations.insert(row[0], class);
        }
        // The curated classes go in last, so they win over the derived default (`No` is a
        // `number`, not `other`).
        let starters = rows(STARTERS).map(|r| r[0]).collect();
        Lexicon { abbreviations, starters }
    }

    /// The class of `word` (without its period) when it is a known abbreviation.
    pub(crate) fn abbreviation(&self, word: &str) -> Option<AbbrevClass> {
        self.abbreviations.get(word).copied()
    }

    /// True when `word` is a capitalized word that usually opens a sentence.
    pub(crate) fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_with_their_classes() {
        let lex = Lexicon::new();
        assert_eq!(lex.abbreviation("Gen"), Some(AbbrevClass::Title));
        assert_eq!(lex.abbreviation("No"), Some(AbbrevClass::Number));
        assert_eq!(lex.abbreviation("U.S"), Some(AbbrevClass::Other));
        assert_eq!(lex.abbreviation("said"), None);
        assert!(lex.is_starter("The"));
        assert!(!lex.is_starter("the"));
        assert!(!lex.is_starter("President"));
    }
}
