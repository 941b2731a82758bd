//! Role sums: the parser's role features (see `features.rs`) summed once per role and word.
//!
//! 39 of the parser's 89 features read one node's own atoms: S0's word, tag and clusters, a
//! child's word, tag and label, and so on. Their weights depend on the role and those atoms
//! only, and news repeats its words ("the" as N0, "said" as S0), so a thread keeps, per role
//! and atoms, the summed score row of the role's features, and a transition adds twelve such
//! rows instead of looking up 39 features in the multi-megabyte weight table. Scores are
//! integer sums of the model's quantised weights, exact in any order and grouping, so the
//! scores, and so the parses, are exactly those of scoring every feature.

use super::features::{NodeAtoms, Role, ROLES};
use super::state::State;
use crate::lex::{key, Lex};
use crate::linear::{KeyMap, Weights};
use crate::tagger::TagId;
use std::cell::RefCell;

/// Entries kept before the sums start afresh (between sentences): 256 bytes each with the
/// committed parser's 64 classes, so at most some 4 MB per thread.
const MAX_ENTRIES: usize = 1 << 14;

/// Marks a (role, node) pair of the sentence whose entry is not looked up yet.
const UNSET: u32 = u32::MAX;

/// Most features of one role.
const MAX_ROLE_FEATURES: usize = 5;

/// The summed rows one parser has met on this thread, numbered.
#[derive(Default)]
pub(crate) struct RoleSums {
    /// The parser (`Parser::owner`) whose weights the sums come from.
    owner: Option<u64>,
    /// Number of classes: the length of each summed row.
    width: usize,
    /// Hash of (role, atoms) → entry.
    index: KeyMap<u32>,
    /// Each entry's role and the atoms its features read, compared in full on a hit, so a
    /// hash collision cannot lend one word another's weights.
    keys: Vec<(Role, NodeAtoms)>,
    /// Entry `e`'s summed row is `sums[e * width..][..width]`.
    sums: Vec<i32>,
    /// This sentence's entry for each role and node, `UNSET` until first asked for; node
    /// `n + 1` stands for "no node".
    by_node: Vec<u32>,
    /// Nodes per role in `by_node`: the sentence's words, the root and "no node".
    nodes: usize,
}

thread_local! {
    /// This thread's role sums, kept from sentence to sentence and document to document.
    static ROLE_SUMS: RefCell<RoleSums> = RefCell::new(RoleSums::default());
}

/// Runs `f` with this thread's role sums.
pub(crate) fn with_role_sums<R>(f: impl FnOnce(&mut RoleSums) -> R) -> R {
    ROLE_SUMS.with_borrow_mut(f)
}

impl RoleSums {
    /// Gets ready for a sentence of `n` words parsed by the parser `owner` with `width`
    /// classes; sums of another parser's weights, or too many, are dropped.
    pub(crate) fn start_sentence(&mut self, owner: u64, width: usize, n: usize) {
        if self.owner != Some(owner) || self.width != width || self.keys.len() >= MAX_ENTRIES {
            self.owner = Some(owner);
            self.width = width;
            self.index.clear();
            self.keys.clear();
            self.sums.clear();
            // Room for the most entries kept, so growing never copies them; memory is only
            // committed as entries are written.
            self.index.reserve(MAX_ENTRIES);
            self.keys.reserve(MAX_ENTRIES);
            self.sums.reserve(MAX_ENTRIES * width);
        }
        self.nodes = n + 2;
        self.by_node.clear();
        self.by_node.resize(ROLES * self.nodes, UNSET);
    }

    /// The entry of `role` filled by `node` in configuration `st` (which has the words `lex`
    /// tagged `tags`).
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
        let mut entry = self.by_node[slot];
        if entry == UNSET {
            entry = self.find_or_add(role, st.atoms(node, lex, tags), weights);
            self.by_node[slot] = entry;
        }
        entry
    }

    /// Adds the summed rows of `entries` to `scores`.
    #[inline]
    pub(crate) fn add(&self, entries: &[u32; ROLES], scores: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        if self.width == 64 && std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has just been found to support AVX2.
            return unsafe { self.add_64_avx2(entries, scores) };
        }
        for &e in entries {
            let row = &self.sums[e as usize * self.width..][..self.width];
            for (s, &r) in scores.iter_mut().zip(row) {
                *s += r;
            }
        }
    }

    /// [`RoleSums::add`] for 64 classes (the committed parser's), with the sums held in eight
    /// vector registers.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn add_64_avx2(&self, entries: &[u32; ROLES], scores: &mut [i32]) {
        let scores: &mut [i32; 64] = (&mut scores[..64]).try_into().expect("64 classes");
        let mut sum = *scores;
        for &e in entries {
            let row: &[i32; 64] = self.sums[e as usize * 64..][..64]
                .try_into()
                .expect("a row of 64 classes");
            for (s, &r) in sum.iter_mut().zip(row) {
                *s += r;
            }
        }
        *scores = sum;
    }

    /// The entry of `role` for a node with `atoms`, summed now if it is new.
    fn find_or_add(&mut self, role: Role, atoms: NodeAtoms, weights: &Weights) -> u32 {
        // Atoms the role does not read are left out, so that, say, S0 finds its entry
        // whatever the word's label is.
        let atoms = NodeAtoms {
            cluster: if role.reads_clusters() { atoms.cluster } else { [0; 3] },
            label: if role.reads_label() { atoms.label } else { 0 },
            ..atoms
        };
        let c = atoms.cluster;
        let hash = key(role as u32, &[atoms.word, atoms.tag, c[0], c[1], c[2], atoms.label]);
        if let Some(&e) = self.index.get(&hash) {
            if self.keys[e as usize] == (role, atoms) {
                return e;
            }
        }
        let mut features = [0u64; MAX_ROLE_FEATURES];
        let mut count = 0;
        for (slot, (_, k)) in features.iter_mut().zip(role.features(&atoms)) {
            *slot = k;
            count += 1;
        }
        let e = self.keys.len() as u32;
        let start = self.sums.len();
        self.sums.resize(start + self.width, 0);
        weights.score(&features[..count], &mut self.sums[start..]);
        self.keys.push((role, atoms));
        // On a hash collision the newer entry takes the index; the older stays correct for
        // the nodes already pointing at it.
        self.index.insert(hash, e);
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::features::N_FEATS;
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
    /// EWT dev, including sentences parsed after the sums were kept for other sentences and a
    /// second parser (a pruned copy) sharing the thread.
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
        let mut compared = 0;
        for (i, s) in dev.iter().enumerate() {
            let lex: Vec<Lex> = s.words.iter().map(|w| tagger.lex(&w.form)).collect();
            tagger.tag_lex(&lex, &mut tags);
            let p = if i % 7 == 3 { &pruned } else { &parser };
            p.parse_lex(&lex, &tags, &mut scratch, &mut deps);
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
    }
}
