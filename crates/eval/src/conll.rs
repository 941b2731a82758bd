//! conlleval scoring of named entities against CoNLL-2003.
//!
//! Follows `conlleval` (CoNLL-2000/2003 shared tasks): an entity counts as found only when its
//! type and both boundaries match a gold entity exactly; precision, recall and F1 are micro
//! averages over all entities, and per type. Gold IOB tags are read as conlleval reads them (an
//! `I-` tag after a different type starts a new entity). The recognizer runs on the gold
//! tokens, one `-DOCSTART-` document at a time.

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;
use tidings_doc::EntityType;
use tidings_ner::{Counts, EntitySpan, NerError, Recognizer};

/// Scores for one entity type.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TypeScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

/// conlleval's figures for a corpus, plus speed.
#[derive(Debug, Clone, Serialize)]
pub struct ConllScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Keyed PER, ORG, LOC, MISC.
    pub per_type: BTreeMap<String, TypeScores>,
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
    pub documents: usize,
    pub sentences: usize,
    pub tokens: usize,
    /// Tokens tagged per second (recognition only, one thread, file reading excluded).
    pub words_per_second: f64,
}

/// Counts gold and predicted entities of one sentence or document, overall and per type.
#[derive(Debug, Clone, Default)]
pub struct Scorer {
    all: Counts,
    by_type: [Counts; 4],
}

const TYPES: [EntityType; 4] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Loc,
    EntityType::Misc,
];

impl Scorer {
    pub fn add(&mut self, gold: &[EntitySpan], predicted: &[EntitySpan]) {
        self.all.add(gold, predicted);
        for (t, c) in TYPES.iter().zip(&mut self.by_type) {
            let g: Vec<EntitySpan> = gold.iter().filter(|e| e.kind == *t).copied().collect();
            let p: Vec<EntitySpan> = predicted.iter().filter(|e| e.kind == *t).copied().collect();
            c.add(&g, &p);
        }
    }

    pub fn counts(&self) -> Counts {
        self.all
    }

    fn per_type(&self) -> BTreeMap<String, TypeScores> {
        TYPES
            .iter()
            .zip(&self.by_type)
            .map(|(t, c)| {
                let s = TypeScores {
                    precision: c.precision(),
                    recall: c.recall(),
                    f1: c.f1(),
                    gold: c.gold,
                    predicted: c.predicted,
                    correct: c.correct,
                };
                (t.conll_tag().to_string(), s)
            })
            .collect()
    }
}

/// Runs `recognizer` over a CoNLL-2003 file and scores it. An empty corpus is an error.
pub fn evaluate(path: &Path, recognizer: &Recognizer) -> Result<ConllScores, NerError> {
    let docs = tidings_ner::read_conll(path)?;
    let mut scorer = Scorer::default();
    let start = Instant::now();
    let found: Vec<Vec<EntitySpan>> = docs
        .iter()
        .map(|d| recognizer.recognize(&d.words, &d.sentences))
        .collect();
    let seconds = start.elapsed().as_secs_f64();
    for (d, f) in docs.iter().zip(&found) {
        scorer.add(&d.entities, f);
    }
    let c = scorer.counts();
    let tokens: usize = docs.iter().map(|d| d.words.len()).sum();
    Ok(ConllScores {
        precision: c.precision(),
        recall: c.recall(),
        f1: c.f1(),
        per_type: scorer.per_type(),
        gold: c.gold,
        predicted: c.predicted,
        correct: c.correct,
        documents: docs.len(),
        sentences: docs.iter().map(|d| d.sentences.len()).sum(),
        tokens,
        words_per_second: if seconds > 0.0 {
            tokens as f64 / seconds
        } else {
            0.0
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_match_by_type_and_boundaries() {
        let gold = tidings_ner::spans_from_iob(&["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"]);
        // Right PER, LOC with a wrong boundary, ORG with a wrong type.
        let pred =
            tidings_ner::spans_from_iob(&["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "B-MISC"]);
        let mut s = Scorer::default();
        s.add(&gold, &pred);
        let c = s.counts();
        assert_eq!((c.gold, c.predicted, c.correct), (3, 3, 1));
        assert!((c.f1() - 1.0 / 3.0).abs() < 1e-9);
        let t = s.per_type();
        assert_eq!(t["PER"].f1, 1.0);
        assert_eq!((t["LOC"].gold, t["LOC"].correct), (1, 0));
        assert_eq!((t["MISC"].predicted, t["MISC"].gold), (1, 0));
    }
}
