//! The lemmatizer: a lexicon of exceptions and suffix rules, both learned from a treebank.
//!
//! For a word and its Penn tag, the lemmatizer looks the (tag, form) pair up among the
//! exceptions (irregular forms such as "went" → "go"); otherwise it applies the rule learned for
//! the longest known ending of the form under that tag ("-ies" → "-y" for NNS). Whether a tag's
//! lemmas keep the capitals of the form (proper nouns) is learned too.

use crate::binary::{Reader, Writer};
use crate::lex::{hash_str, key};
use crate::linear::KeyMap;
use crate::table::Table;
use crate::SyntaxError;
use std::collections::HashMap;

/// Longest ending, in characters, that a rule is keyed on.
const MAX_SUFFIX: usize = 5;
/// A rule keyed on an ending of 1 or more characters needs this many word types behind it.
const MIN_RULE_TYPES: u32 = 2;

const T_RULE: u32 = 1;
const T_EXCEPTION: u32 = 2;

/// A rewrite of a form's ending: drop `cut` characters, append `add`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    cut: u32,
    add: String,
}

impl Rule {
    /// The rule that turns `form` into `lemma`, through their longest common prefix.
    fn between(form: &str, lemma: &str) -> Rule {
        let common = form
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        Rule {
            cut: (form.chars().count() - common) as u32,
            add: lemma.chars().skip(common).collect(),
        }
    }
}

/// Learned lemmatization rules and exceptions.
#[derive(Debug, Default)]
pub struct Lemmatizer {
    /// Tags (by hash) whose lemmas keep the form's capitals.
    keep_case: Vec<u64>,
    rules: KeyMap<Rule>,
    exceptions: KeyMap<String>,
    /// Hashes of the lemmas seen in training: a rule whose output is a known word is preferred.
    vocab: Table,
}

/// A test for "this string is a word", beyond the lemmas seen in training (the tagger passes
/// its word-cluster vocabulary).
pub type KnownWord<'a> = &'a dyn Fn(&str) -> bool;

/// The ending of `s` of `k` characters (k ≤ length).
fn ending(s: &str, k: usize) -> &str {
    let n = s.chars().count();
    let skip = n - k;
    match s.char_indices().nth(skip) {
        Some((b, _)) => &s[b..],
        None => "",
    }
}

/// Where the last characters of a form start, found once per word: the rules are tried for
/// every ending from the longest down, and each needs its ending and the prefix its rule keeps,
/// which counting characters from the front would find again each time.
struct Tail {
    /// `starts[k]`: the byte offset of the last `k` characters, for `k ≤ reach`.
    starts: [usize; MAX_SUFFIX + 1],
    /// The form's length in characters, or [`MAX_SUFFIX`] if longer.
    reach: usize,
}

impl Tail {
    fn of(s: &str) -> Tail {
        let mut starts = [s.len(); MAX_SUFFIX + 1];
        let mut reach = 0;
        for (b, _) in s.char_indices().rev().take(MAX_SUFFIX) {
            reach += 1;
            starts[reach] = b;
        }
        Tail { starts, reach }
    }

    /// The byte length of `s` left after cutting `cut` characters off its end; `None` if `s` is
    /// shorter than the cut.
    fn keep(&self, s: &str, cut: u32) -> Option<usize> {
        let cut = cut as usize;
        if cut <= self.reach {
            return Some(self.starts[cut]);
        }
        if self.reach < MAX_SUFFIX {
            // `reach` is the whole length.
            return None;
        }
        // (Learned rules cut no more than their ending; a longer cut is counted out.)
        let n = s.chars().count();
        (cut <= n).then(|| s.char_indices().nth(n - cut).map_or(s.len(), |(b, _)| b))
    }
}

impl Lemmatizer {
    /// Learns from (form, Penn tag, lemma) triples.
    pub fn learn<'a>(
        words: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
        known: KnownWord,
    ) -> Lemmatizer {
        // Tag → (capitalised forms whose lemma kept a capital, capitalised forms).
        let mut case_votes: HashMap<&str, (u32, u32)> = HashMap::new();
        let mut pairs: HashMap<(&str, &str, &str), u32> = HashMap::new();
        for (form, xpos, lemma) in words {
            if form.chars().any(char::is_uppercase) {
                let v = case_votes.entry(xpos).or_default();
                v.1 += 1;
                if lemma.chars().any(char::is_uppercase) {
                    v.0 += 1;
                }
            }
            *pairs.entry((form, xpos, lemma)).or_default() += 1;
        }
        let mut keep_case: Vec<u64> = case_votes
            .iter()
            .filter(|(_, (kept, all))| 2 * kept > *all)
            .map(|(t, _)| hash_str(t))
            .collect();
        keep_case.sort_unstable();
        let mut lem = Lemmatizer {
            keep_case,
            ..Lemmatizer::default()
        };

        // The most frequent lemma of each (tag, cased form), ties broken by spelling so the
        // result does not depend on hash order.
        let mut best: HashMap<(&str, String), (u32, &str)> = HashMap::new();
        for (&(form, xpos, lemma), &n) in &pairs {
            let s = lem.cased(form, hash_str(xpos));
            let e = best.entry((xpos, s)).or_insert((0, lemma));
            if n > e.0 || (n == e.0 && lemma < e.1) {
                *e = (n, lemma);
            }
        }
        let mut lemmas: Vec<u64> = pairs.keys().map(|(_, _, l)| hash_str(l)).collect();
        lemmas.sort_unstable();
        lemmas.dedup();
        lem.vocab = Table::build(&lemmas.iter().map(|&h| (h, 1)).collect::<Vec<_>>());
        // Rules count word types, so that a frequent irregular ("was" → "be") does not become
        // the rule for its ending.
        let mut counts: HashMap<(&str, String), HashMap<Rule, u32>> = HashMap::new();
        for ((xpos, s), (_, lemma)) in &best {
            let rule = Rule::between(s, lemma);
            let n = s.chars().count();
            for k in 0..=MAX_SUFFIX.min(n) {
                if (rule.cut as usize) <= k {
                    *counts
                        .entry((xpos, ending(s, k).to_string()))
                        .or_default()
                        .entry(rule.clone())
                        .or_default() += 1;
                }
            }
        }
        for ((xpos, end), rules) in counts {
            let total: u32 = rules.values().sum();
            if !end.is_empty() && total < MIN_RULE_TYPES {
                continue;
            }
            let (rule, _) = rules
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .unwrap();
            lem.rules
                .insert(key(T_RULE, &[hash_str(xpos), hash_str(&end)]), rule);
        }
        // Exceptions: whatever the rules get wrong.
        for ((xpos, s), (_, lemma)) in best {
            let s_hash = hash_str(&s);
            if lem.by_rule(s.clone(), s_hash, hash_str(xpos), known) != lemma {
                lem.exceptions.insert(
                    key(T_EXCEPTION, &[hash_str(xpos), s_hash]),
                    lemma.to_string(),
                );
            }
        }
        lem
    }

    /// The form as the lemma's case policy for the tag (by hash) sees it.
    fn cased(&self, form: &str, tag: u64) -> String {
        if self.keep_case.binary_search(&tag).is_ok() {
            form.to_string()
        } else if form.is_ascii() {
            // (The same result as `to_lowercase` for ASCII, without its per-character path.)
            form.to_ascii_lowercase()
        } else {
            form.to_lowercase()
        }
    }

    /// The output of the rule of the longest known ending whose result is a known word ("resumed":
    /// not "resum" from "-med" as in "seemed", but "resume" from "-d"), else of the longest
    /// known ending. `s` is the cased form, `s_hash` its [`hash_str`], `tag` the tag's.
    fn by_rule(&self, s: String, s_hash: u64, tag: u64, known: KnownWord) -> String {
        let tail = Tail::of(&s);
        // The first rule that applied, with the byte length of the form it keeps.
        let mut first: Option<(&Rule, usize)> = None;
        let mut l = String::new();
        for k in (0..=tail.reach).rev() {
            let end = hash_str(&s[tail.starts[k]..]);
            let Some(rule) = self.rules.get(&key(T_RULE, &[tag, end])) else {
                continue;
            };
            let Some(keep) = tail.keep(&s, rule.cut) else {
                continue;
            };
            if keep == 0 && rule.add.is_empty() {
                continue;
            }
            // Most words are their own lemma under the rule of their ending ("-s" of NN keeps
            // "bus"): the candidate is then the form itself, already hashed, and not copied.
            if keep == s.len() && rule.add.is_empty() {
                if self.vocab.get(s_hash).is_some() || known(&s) {
                    return s;
                }
            } else {
                l.clear();
                l.push_str(&s[..keep]);
                l.push_str(&rule.add);
                if self.vocab.get(hash_str(&l)).is_some() || known(&l) {
                    return l;
                }
            }
            first.get_or_insert((rule, keep));
        }
        match first {
            Some((rule, keep)) => {
                l.clear();
                l.push_str(&s[..keep]);
                l.push_str(&rule.add);
                l
            }
            None => s,
        }
    }

    /// The lemma of `form` read as Penn tag `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        self.lemma_with(form, xpos, &|_| false)
    }

    /// As [`Lemmatizer::lemma`], with more known words to choose between rules.
    pub fn lemma_with(&self, form: &str, xpos: &str, known: KnownWord) -> String {
        let tag = hash_str(xpos);
        let s = self.cased(form, tag);
        let s_hash = hash_str(&s);
        if let Some(l) = self.exceptions.get(&key(T_EXCEPTION, &[tag, s_hash])) {
            return l.clone();
        }
        self.by_rule(s, s_hash, tag, known)
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.u64s(&self.keep_case);
        // Sorted by key so the file does not depend on hash-map order.
        let mut rules: Vec<(&u64, &Rule)> = self.rules.iter().collect();
        rules.sort_unstable_by_key(|r| *r.0);
        w.u64s(&rules.iter().map(|r| *r.0).collect::<Vec<_>>());
        w.u32s(&rules.iter().map(|r| r.1.cut).collect::<Vec<_>>());
        w.strs(&rules.iter().map(|r| r.1.add.clone()).collect::<Vec<_>>());
        let mut exc: Vec<(&u64, &String)> = self.exceptions.iter().collect();
        exc.sort_unstable_by_key(|r| *r.0);
        w.u64s(&exc.iter().map(|r| *r.0).collect::<Vec<_>>());
        w.strs(&exc.iter().map(|r| r.1.clone()).collect::<Vec<_>>());
        self.vocab.write(w);
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Lemmatizer, SyntaxError> {
        let keep_case = r.u64s()?;
        let (keys, cuts, adds) = (r.u64s()?, r.u32s()?, r.strs()?);
        let (ekeys, elemmas) = (r.u64s()?, r.strs()?);
        if keys.len() != cuts.len() || keys.len() != adds.len() || ekeys.len() != elemmas.len() {
            return Err(r.bad("lemmatizer table sizes disagree"));
        }
        let rules = keys
            .into_iter()
            .zip(
                cuts.into_iter()
                    .zip(adds)
                    .map(|(cut, add)| Rule { cut, add }),
            )
            .collect();
        let exceptions = ekeys.into_iter().zip(elemmas).collect();
        let vocab = Table::read(r)?;
        Ok(Lemmatizer {
            keep_case,
            rules,
            exceptions,
            vocab,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_suffix_rules_exceptions_and_case() {
        let data = [
            ("cities", "NNS", "city"),
            ("parties", "NNS", "party"),
            ("dogs", "NNS", "dog"),
            ("cats", "NNS", "cat"),
            ("children", "NNS", "child"),
            ("Koreans", "NNPS", "Korean"),
            ("Americans", "NNPS", "American"),
            ("The", "DT", "the"),
        ];
        let lem = Lemmatizer::learn(data.iter().copied(), &|_| false);
        assert_eq!(lem.lemma("ladies", "NNS"), "lady");
        assert_eq!(lem.lemma("hats", "NNS"), "hat");
        assert_eq!(lem.lemma("children", "NNS"), "child");
        assert_eq!(lem.lemma("Canadians", "NNPS"), "Canadian");
        assert_eq!(lem.lemma("THE", "DT"), "the");
    }
}
