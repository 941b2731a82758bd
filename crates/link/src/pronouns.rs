//! Personal pronouns, resolved only where they cannot be read two ways: "he", "his", "she",
//! "her" join a person when exactly one person is named in their sentence before them, or,
//! failing that, in the sentence before. Anything less certain stays unresolved.

use crate::draft::Draft;
use crate::words::Word;
use tidings_doc::EntityType;

const PRONOUNS: &[&str] = &[
    "he", "him", "his", "himself", "she", "her", "hers", "herself",
];

/// Adds each unambiguous pronoun to the person it refers to.
pub fn resolve(words: &[Word], drafts: &mut [Draft]) {
    // (sentence, word index, draft) of every person name.
    let mut names: Vec<(usize, usize, usize)> = drafts
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == EntityType::Person)
        .flat_map(|(i, d)| d.names.iter().map(move |n| (0, n.words.start, i)))
        .collect();
    for n in &mut names {
        n.0 = words[n.1].sentence;
    }
    for (k, w) in words.iter().enumerate() {
        if !PRONOUNS.contains(&w.lower.as_ref()) {
            continue;
        }
        let persons_in = |sentence: usize, before: Option<usize>| {
            let mut found: Vec<usize> = names
                .iter()
                .filter(|(s, at, _)| *s == sentence && before.is_none_or(|b| *at < b))
                .map(|(_, _, d)| *d)
                .collect();
            found.sort_unstable();
            found.dedup();
            found
        };
        let here = persons_in(w.sentence, Some(k));
        let candidates = if here.is_empty() && w.sentence > 0 {
            persons_in(w.sentence - 1, None)
        } else {
            here
        };
        if let [only] = candidates.as_slice() {
            drafts[*only].others.push(w.span);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Name;
    use tidings_doc::Span;

    fn word(text: &str, at: usize, sentence: usize) -> Word<'static> {
        let text: &'static str = Box::leak(text.to_string().into_boxed_str());
        Word::new(text, Span::new(at, at + text.len()), None, sentence)
    }

    fn person(text: &str, word: usize, at: usize) -> Draft {
        Draft::new(
            EntityType::Person,
            Name {
                span: Span::new(at, at + text.len()),
                words: word..word + 1,
                text: text.into(),
                key: text.to_lowercase(),
            },
        )
    }

    #[test]
    fn only_a_single_candidate_resolves() {
        // "Roe spoke . He left" and "Roe met Doe . He left"
        let words = vec![
            word("Roe", 0, 0),
            word("spoke", 6, 0),
            word(".", 12, 0),
            word("He", 14, 1),
            word("left", 17, 1),
        ];
        let mut drafts = vec![person("Roe", 0, 0)];
        resolve(&words, &mut drafts);
        assert_eq!(drafts[0].others, vec![Span::new(14, 16)]);

        let words = vec![
            word("Roe", 0, 0),
            word("met", 6, 0),
            word("Doe", 10, 0),
            word(".", 12, 0),
            word("He", 14, 1),
        ];
        let mut drafts = vec![person("Roe", 0, 0), person("Doe", 2, 10)];
        resolve(&words, &mut drafts);
        assert!(
            drafts.iter().all(|d| d.others.is_empty()),
            "two persons: ambiguous"
        );
    }
}
