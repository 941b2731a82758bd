//! Role sums: the parser's role features (see `features.rs`) summed once per role and node of
//! a sentence.
//!
//! 39 of the parser's 89 features read one node's own atoms: S0's word, tag and clusters, a
//! child's word, tag and label, and so on. Their weights do not change while the node keeps
//! its role: a word is N2, then N1, then N0 for several transitions each, and S0 for several
//! more. So the first transition that puts a node in a role sums that role's features for it
//! ([`Weights::sum_parts`]), and every transition adds the twelve sums of its roles instead
//! of looking up 39 features in the multi-megabyte weight table: over the bench corpus about
//! a third as many lookups for those features. The sums stay small (16-bit lanes, two cache
//! lines a row for 64 classes) and sentence-local, so they are read from the nearest caches.
//! Scores are integer sums of the model's quantised weights, exact in any order and grouping,
//! so the scores, and so the parses, are exactly those of scoring every feature.

use super::features::{Role, ROLES};
use super::state::State;
use crate::lex::Lex;
use crate::linear::{Parts, Weights};
use crate::tagger::TagId;

/// Marks a (role, node) pair of the sentence whose features are not summed yet.
const UNSET: u32 = u32::MAX;

/// Most features of one role.
const MAX_ROLE_FEATURES: usize = 5;

/// One sentence's summed role features, reused from sentence to sentence.
#[derive(Default)]
pub(crate) struct RoleSums {
    /// Lanes of a dense sum ([`Weights::dense_width`]).
    width: usize,
    /// Number of classes: lanes of a sparse sum.
    classes: usize,
    /// Nodes per role in `by_node`: the sentence's words, the root and "no node".
    nodes: usize,
    /// The entry of each role and node, `UNSET` until first asked for; node `n + 1` stands for
    /// "no node".
    by_node: Vec<u32>,
    /// Entry `e`'s dense sum is `dense[e * width..][..width]`.
    dense: Vec<i16>,
    /// Entry `e`'s sparse sum, if it has weights from sparse rows (rare: most of a role's
    /// features have dense rows), is `sparse[k * classes..][..classes]` for `k = sparse_of[e]`.
    sparse_of: Vec<u32>,
    sparse: Vec<i32>,
}

impl RoleSums {
    /// Gets ready for a sentence of `n` words scored with `weights`.
    pub(crate) fn start_sentence(&mut self, weights: &Weights, n: usize) {
        self.width = weights.dense_width();
        self.classes = weights.n_classes();
        self.nodes = n + 2;
        self.by_node.clear();
        self.by_node.resize(ROLES * self.nodes, UNSET);
        self.dense.clear();
        self.sparse_of.clear();
        self.sparse.clear();
    }

    /// The entry of `role` filled by `node` in configuration `st` (which has the words `lex`
    /// tagged `tags`), summed now if it is the first time.
    #[inline]
    pub(crate) fn entry(
        &mut self,
        role: Role,
        node: Option<usize>,
        st: &State,
        lex: &[Lex],
        tags: &[TagId],
        weights: &Weights,
    ) -> u32 {
        let slot = role as usize * self.nodes + node.unwrap_or(self.nodes - 1);
        let entry = self.by_node[slot];
        if entry != UNSET {
            return entry;
        }
        let mut features = [0u64; MAX_ROLE_FEATURES];
        let mut count = 0;
        for (slot, (_, k)) in features.iter_mut().zip(role.features(&st.atoms(node, lex, tags))) {
            *slot = k;
            count += 1;
        }
        let entry = self.sparse_of.len() as u32;
        let (dense, sparse) = (self.dense.len(), self.sparse.len());
        // (`sum_parts` writes both rows, so the zeros are never read.)
        self.dense.resize(dense + self.width, 0);
        self.sparse.resize(sparse + self.classes, 0);
        let any_sparse = weights.sum_parts(
            &features[..count],
            &mut self.dense[dense..],
            &mut self.sparse[sparse..],
        );
        if any_sparse {
            self.sparse_of.push((sparse / self.classes) as u32);
        } else {
            self.sparse.truncate(sparse);
            self.sparse_of.push(UNSET);
        }
        self.by_node[slot] = entry;
        entry
    }

    /// Scores a configuration: the weights of `feats` plus the role sums `entries`.
    #[inline]
    pub(crate) fn score(
        &self,
        weights: &Weights,
        feats: &[u64],
        entries: &[u32; ROLES],
        scores: &mut [i32],
    ) {
        let dense: [&[i16]; ROLES] =
            entries.map(|e| &self.dense[e as usize * self.width..][..self.width]);
        let mut sparse: [&[i32]; ROLES] = [&[]; ROLES];
        let mut n_sparse = 0;
        for &e in entries {
            let k = self.sparse_of[e as usize];
            if k != UNSET {
                sparse[n_sparse] = &self.sparse[k as usize * self.classes..][..self.classes];
                n_sparse += 1;
            }
        }
        let parts = Parts {
            dense: &dense,
            sparse: &sparse[..n_sparse],
        };
        weights.score_with(feats, &parts, scores);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::features::{NodeAtoms, N_FEATS};
    use crate::parser::{ParseScratch, Parser};
    use crate::tagger::{argmax_i32, Tagger};
    use std::path::Path;
    use tidings_corpus::conllu;

    /// Every role has at most MAX_ROLE_FEATURES features, so none is dropped when summing.
    #[test]
    fn no_role_has_more_features_than_an_entry_sums() {
        let atoms = NodeAtoms {
            word: 1,
            tag: 2,
            cluster: [3, 4, 5],
            label: 6,
        };
        for role in Role::ALL {
            assert!(role.features(&atoms).count() <= MAX_ROLE_FEATURES, "{role:?}");
        }
    }

    /// The moves of scoring all 89 features at every transition, as training does.
    fn moves_of_every_feature(parser: &Parser, lex: &[Lex], tags: &[TagId]) -> Vec<usize> {
        let mut st = State::default();
        st.reset(lex.len());
        let mut scores = vec![0i32; parser.n_classes()];
        let mut feats = [0u64; N_FEATS];
        let mut moves = Vec::new();
        while !st.terminal() {
            let allowed = st.allowed();
            st.features(lex, tags, &mut feats);
            parser.weights.score(&feats, &mut scores);
            parser.mask_invalid(&st, &allowed, &mut scores);
            let best = argmax_i32(&scores);
            moves.push(best);
            st.apply(parser.classes.get(best));
        }
        moves
    }

    /// Parsing with role sums gives exactly the parses of scoring every feature, on all of
    /// EWT dev, with the committed parser and, for every seventh sentence, a pruned copy
    /// (fewer dense rows, so sums with sparse parts) reusing the same scratch.
    #[test]
    fn role_sums_parse_as_every_feature_does() {
        let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/syntax");
        let tagger = Tagger::load(&models.join(crate::TAGGER_FILE)).expect("tagger loads");
        let parser = Parser::load(&models.join(crate::PARSER_FILE)).expect("parser loads");
        let pruned = parser.pruned(2048);
        let dev = conllu::read(&tidings_corpus::shared_data(
            "ud-english-ewt/en_ewt-ud-dev.conllu",
        ))
        .expect("EWT dev reads");
        let (mut tags, mut deps) = (Vec::new(), Vec::new());
        let mut scratch = ParseScratch::default();
        let (mut compared, mut with_sparse_parts) = (0, 0);
        for (i, s) in dev.iter().enumerate() {
            let lex: Vec<Lex> = s.words.iter().map(|w| tagger.lex(&w.form)).collect();
            tagger.tag_lex(&lex, &mut tags);
            let p = if i % 7 == 3 { &pruned } else { &parser };
            p.parse_lex(&lex, &tags, &mut scratch, &mut deps);
            with_sparse_parts += scratch.role_sums.sparse_of.iter().any(|&k| k != UNSET) as usize;
            let mut reference = Vec::new();
            let moves = moves_of_every_feature(p, &lex, &tags);
            let mut st = State::default();
            st.reset(lex.len());
            for &m in &moves {
                st.apply(p.classes.get(m));
            }
            p.finish(&st, &tags, &mut reference);
            assert_eq!(deps, reference, "sentence {i}: {:?}", s.text);
            compared += 1;
        }
        assert!(compared > 2000, "{compared} sentences compared");
        assert!(with_sparse_parts > 100, "{with_sparse_parts} sentences with sparse parts");
    }
}
