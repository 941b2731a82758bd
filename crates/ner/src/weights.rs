//! The frozen, quantized weights as decoding reads them: one open-addressing table whose
//! 16-byte slots hold a feature's key and, for half the features, its whole row.
//!
//! A feature's row has `N_LABELS` weights but half the rows have only one or two nonzero
//! ones: those are stored in the slot itself, as `(label + 1) << 16 | weight` words, and the
//! other rows in a dense array the slot points to. Scoring a feature is then one cache line
//! (the slot) or two, instead of three (key, row number and row) in separate arrays, which is
//! where decoding waited. Weights are summed as `i32` and converted to `f32` once per label,
//! as before, so scores are exactly the same whatever order the rows are added in.
//!
//! The labels' transition features (the two previous labels, without the word) are the same
//! for every token: their summed rows are precomputed for every pair of previous labels.

use crate::features::{self, Obs, NONE};
use crate::hash::prefetch;
use crate::model::Scorer;
use crate::tags::N_LABELS;

/// A slot's first word when its row lives in `dense`: the second word is the row's index.
const DENSE: u32 = u32::MAX;

/// One table slot: a key (0 for an empty slot) and two words of payload. Aligned so a slot
/// never straddles two cache lines.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u64,
    a: u32,
    b: u32,
}

/// Weights of a dense row as stored: one cache line.
const ROW_LABELS: usize = 32;
/// Weights added per dense row: `N_LABELS` rounded up to a multiple of eight, so that the sum
/// is whole vector adds (8 lanes of `i32` with AVX2, 4 without); the rest of a row is zeros.
const SUM_LABELS: usize = 24;
const _: () = assert!(N_LABELS <= SUM_LABELS && SUM_LABELS <= ROW_LABELS);

/// A dense row: its weights in label order, zero-padded, so that adding a row is widening
/// `i16` lanes to `i32` and adding, which the compiler turns into vector instructions;
/// aligned to one cache line.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct DenseRow([i16; ROW_LABELS]);

impl DenseRow {
    fn new(row: &[i16; N_LABELS]) -> DenseRow {
        let mut weights = [0i16; ROW_LABELS];
        weights[..N_LABELS].copy_from_slice(row);
        DenseRow(weights)
    }

    #[inline(always)]
    fn get(&self, label: usize) -> i16 {
        self.0[label]
    }
}

/// Entries of the inline-weight sums: `N_LABELS` rounded up to a power of two, so that a
/// masked label indexes it without a bounds check.
const SPARSE: usize = 32;

/// A sum of rows. Inline words are added one weight at a time into `sparse`, dense rows as
/// vectors into `dense`: kept apart so that a vector read never waits on a scalar write.
#[derive(Clone, Copy)]
struct Acc {
    dense: [i32; SUM_LABELS],
    sparse: [i32; SPARSE],
}

impl Acc {
    #[inline(always)]
    fn new() -> Acc {
        Acc { dense: [0; SUM_LABELS], sparse: [0; SPARSE] }
    }

    /// Adds one `(label + 1) << 16 | weight` word.
    #[inline(always)]
    fn add_word(&mut self, word: u32) {
        self.sparse[((word >> 16) as usize - 1) & (SPARSE - 1)] += word as u16 as i16 as i32;
    }

    #[inline(always)]
    fn total(&self) -> [i32; N_LABELS] {
        std::array::from_fn(|l| self.dense[l] + self.sparse[l])
    }
}

/// Previous-label values: the labels and [`NONE`].
const PREVS: usize = NONE as usize + 1;
const _: () = assert!(PREVS <= 32, "previous labels are bits of a u32");

/// Averaged-perceptron weights, quantized to `i16`, one sparse row per feature.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    slots: Vec<Slot>,
    mask: usize,
    len: usize,
    /// Rows of more than two nonzero weights.
    dense: Vec<DenseRow>,
    /// `transitions[prev * PREVS + prev2]`: the summed rows of the two transition features.
    transitions: Vec<[i32; N_LABELS]>,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights::from_rows(0, std::iter::empty())
    }
}

#[inline]
fn entry(label: usize, w: i16) -> u32 {
    ((label as u32 + 1) << 16) | w as u16 as u32
}

impl Weights {
    /// Builds the table from `n` `(key, dense row)` pairs with nonzero, distinct keys. Rows
    /// of zeros are kept (as present features with no weight), so the set of features
    /// survives a save and load.
    pub(crate) fn from_rows(n: usize, rows: impl Iterator<Item = (u64, [i16; N_LABELS])>) -> Weights {
        // At most half full, so probes for absent features stay short.
        let cap = (n * 2).next_power_of_two().max(16);
        let mut w = Weights { slots: vec![Slot::default(); cap], mask: cap - 1, len: 0, dense: Vec::new(), transitions: Vec::new() };
        for (key, row) in rows {
            debug_assert!(key != 0);
            let (a, b) = if row.iter().filter(|&&x| x != 0).count() <= 2 {
                let mut words = row.iter().enumerate().filter(|(_, &x)| x != 0).map(|(l, &x)| entry(l, x));
                (words.next().unwrap_or(0), words.next().unwrap_or(0))
            } else {
                w.dense.push(DenseRow::new(&row));
                (DENSE, (w.dense.len() - 1) as u32)
            };
            let mut i = key as usize & w.mask;
            while w.slots[i].key != 0 {
                assert!(w.slots[i].key != key, "duplicate feature key");
                i = (i + 1) & w.mask;
            }
            w.slots[i] = Slot { key, a, b };
            w.len += 1;
        }
        let mut transitions = vec![[0i32; N_LABELS]; PREVS * PREVS];
        for prev in 0..PREVS {
            for prev2 in 0..PREVS {
                let mut acc = Acc::new();
                w.add_rows(&features::transition(prev as u8, prev2 as u8), &mut acc);
                transitions[prev * PREVS + prev2] = acc.total();
            }
        }
        w.transitions = transitions;
        w
    }

    /// The features and their dense rows, in slot order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (u64, [i16; N_LABELS])> + '_ {
        self.slots.iter().filter(|s| s.key != 0).map(|s| {
            if s.a == DENSE {
                return (s.key, std::array::from_fn(|l| self.dense[s.b as usize].get(l)));
            }
            let mut row = [0i16; N_LABELS];
            for x in [s.a, s.b].into_iter().filter(|&x| x != 0) {
                row[(x >> 16) as usize - 1] = x as u16 as i16;
            }
            (s.key, row)
        })
    }

    /// Number of features.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    #[inline(always)]
    fn slot_of(&self, key: u64) -> &Slot {
        &self.slots[key as usize & self.mask]
    }

    /// The slot holding `key`, if any.
    #[inline(always)]
    fn find(&self, key: u64) -> Option<&Slot> {
        let mut i = key as usize & self.mask;
        loop {
            let s = &self.slots[i];
            if s.key == key {
                return Some(s);
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Adds the rows of `feats` to `acc`; the slots should have been prefetched. Dense rows
    /// are asked for first and added last, so that their cache misses overlap.
    #[inline(always)]
    fn add_rows(&self, feats: &[u64], acc: &mut Acc) {
        let mut deferred = [0u32; MAX_DEFERRED];
        let mut n = 0;
        for &f in feats {
            let Some(s) = self.find(f) else { continue };
            if s.a == DENSE {
                if n == MAX_DEFERRED {
                    self.add_dense(&deferred, acc);
                    n = 0;
                }
                prefetch(&self.dense[s.b as usize]);
                deferred[n] = s.b;
                n += 1;
            } else {
                if s.a != 0 {
                    acc.add_word(s.a);
                }
                if s.b != 0 {
                    acc.add_word(s.b);
                }
            }
        }
        self.add_dense(&deferred[..n], acc);
    }

    /// Adds dense rows, summed in locals the compiler keeps in vector registers.
    #[inline(always)]
    fn add_dense(&self, rows: &[u32], acc: &mut Acc) {
        let mut sum = [0i32; SUM_LABELS];
        for &r in rows {
            for (x, &w) in sum.iter_mut().zip(&self.dense[r as usize].0) {
                *x += w as i32;
            }
        }
        for (a, x) in acc.dense.iter_mut().zip(sum) {
            *a += x;
        }
    }

    /// Adds the row of one feature to `sum`: for a few features, cheaper than [`Weights::add_rows`]
    /// and its accumulator.
    #[inline(always)]
    fn add_row(&self, key: u64, sum: &mut [i32; N_LABELS]) {
        let Some(s) = self.find(key) else { return };
        if s.a == DENSE {
            for (x, &w) in sum.iter_mut().zip(&self.dense[s.b as usize].0) {
                *x += w as i32;
            }
        } else {
            for w in [s.a, s.b] {
                if w != 0 {
                    sum[((w >> 16) as usize - 1) % N_LABELS] += w as u16 as i16 as i32;
                }
            }
        }
    }

    #[inline(always)]
    fn prefetch_all(&self, feats: &[u64]) {
        for &f in feats {
            prefetch(self.slot_of(f));
        }
    }
}

impl Weights {
    /// The summed rows of `feats`, as `i32` (the exact sum, whatever the order).
    pub(crate) fn sum_rows(&self, feats: &[u64]) -> [i32; N_LABELS] {
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has just been found to support AVX2.
            return unsafe { self.sum_rows_avx2(feats) };
        }
        self.sum_rows_portable(feats)
    }

    /// The same code, compiled so that a dense row is added 8 labels per instruction.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn sum_rows_avx2(&self, feats: &[u64]) -> [i32; N_LABELS] {
        self.sum_rows_portable(feats)
    }

    #[inline(always)]
    fn sum_rows_portable(&self, feats: &[u64]) -> [i32; N_LABELS] {
        self.prefetch_all(feats);
        let mut acc = Acc::new();
        self.add_rows(feats, &mut acc);
        acc.total()
    }

    /// As [`Scorer::score_tokens`], each token's sum starting from `base[i]` (rows summed
    /// beforehand) instead of zero.
    pub(crate) fn score_tokens_from(&self, base: &[[i32; N_LABELS]], feats: &[u64], offsets: &[usize], scores: &mut Vec<[f32; N_LABELS]>) {
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has just been found to support AVX2.
            return unsafe { self.score_tokens_from_avx2(base, feats, offsets, scores) };
        }
        self.score_tokens_from_portable(base, feats, offsets, scores)
    }

    /// The same code, compiled so that a dense row is added 8 labels per instruction.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn score_tokens_from_avx2(&self, base: &[[i32; N_LABELS]], feats: &[u64], offsets: &[usize], scores: &mut Vec<[f32; N_LABELS]>) {
        self.score_tokens_from_portable(base, feats, offsets, scores)
    }

    #[inline(always)]
    fn score_tokens_from_portable(&self, base: &[[i32; N_LABELS]], feats: &[u64], offsets: &[usize], scores: &mut Vec<[f32; N_LABELS]>) {
        let n = offsets.len().saturating_sub(1);
        debug_assert_eq!(base.len(), n);
        for i in 0..n.min(AHEAD) {
            self.prefetch_all(&feats[offsets[i]..offsets[i + 1]]);
        }
        for i in 0..n {
            if i + AHEAD < n {
                self.prefetch_all(&feats[offsets[i + AHEAD]..offsets[i + AHEAD + 1]]);
            }
            let mut acc = Acc::new();
            self.add_rows(&feats[offsets[i]..offsets[i + 1]], &mut acc);
            let total = acc.total();
            scores.push(std::array::from_fn(|l| (total[l] + base[i][l]) as f32));
        }
    }
}

/// Tokens whose slots are asked for ahead of the one being scored (2 measured no faster).
const AHEAD: usize = 1;

/// Dense rows whose reading is deferred per token; more are read at once.
const MAX_DEFERRED: usize = 32;

#[inline]
fn to_scores(acc: &[i32; N_LABELS]) -> [f32; N_LABELS] {
    acc.map(|a| a as f32)
}

impl Scorer for &Weights {
    fn score(&self, feats: &[u64], scores: &mut [f32; N_LABELS]) {
        self.prefetch_all(feats);
        let mut acc = Acc::new();
        self.add_rows(feats, &mut acc);
        *scores = to_scores(&acc.total());
    }

    /// The table is megabytes and features land anywhere in it: the next token's slots are
    /// asked for while this token's are read, so that the cache misses of two tokens overlap.
    fn score_tokens(&self, feats: &[u64], offsets: &[usize], scores: &mut Vec<[f32; N_LABELS]>) {
        let n = offsets.len().saturating_sub(1);
        for i in 0..n.min(AHEAD) {
            self.prefetch_all(&feats[offsets[i]..offsets[i + 1]]);
        }
        for i in 0..n {
            if i + AHEAD < n {
                self.prefetch_all(&feats[offsets[i + AHEAD]..offsets[i + AHEAD + 1]]);
            }
            let mut acc = Acc::new();
            self.add_rows(&feats[offsets[i]..offsets[i + 1]], &mut acc);
            scores.push(to_scores(&acc.total()));
        }
    }

    /// Hypotheses that share their previous label share the word's label-dependent features:
    /// those rows are read once per distinct previous label, and the transition rows come from
    /// the precomputed table.
    fn score_dynamic(&self, o: &Obs, prevs: &[(u8, u8)], scores: &mut [[f32; N_LABELS]]) {
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has just been found to support AVX2.
            return unsafe { self.score_dynamic_avx2(o, prevs, scores) };
        }
        self.score_dynamic_portable(o, prevs, scores)
    }
}

impl Weights {
    /// The same code, compiled so that a dense row is added 8 labels per instruction.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn score_dynamic_avx2(&self, o: &Obs, prevs: &[(u8, u8)], scores: &mut [[f32; N_LABELS]]) {
        self.score_dynamic_portable(o, prevs, scores)
    }

    #[inline(always)]
    fn score_dynamic_portable(&self, o: &Obs, prevs: &[(u8, u8)], scores: &mut [[f32; N_LABELS]]) {
        // The previous labels not seen yet are taken `BATCH` at a time (all of them in a beam
        // that narrow): the slots of a batch are asked for before any is read, so that their
        // cache misses overlap. `seen` marks the labels taken.
        let mut seen = 0u32;
        let mut next = 0;
        while next < prevs.len() {
            // Each new label's first hypothesis and features.
            let mut batch = [(0usize, [0u64; 2]); BATCH];
            let mut n = 0;
            while next < prevs.len() && n < BATCH {
                let prev = prevs[next].0;
                if seen & (1 << prev) == 0 {
                    seen |= 1 << prev;
                    let keys = features::lexical(o, prev);
                    self.prefetch_all(&keys);
                    batch[n] = (next, keys);
                    n += 1;
                }
                next += 1;
            }
            for &(first, keys) in &batch[..n] {
                let mut lexical = [0i32; N_LABELS];
                for key in keys {
                    self.add_row(key, &mut lexical);
                }
                self.add_transitions(&lexical, &prevs[first..], &mut scores[first..]);
            }
        }
    }

    /// The label-dependent scores of the hypotheses of `prevs` whose previous label is the
    /// first's (`prevs[0].0`), whose rows of [`features::lexical`] sum to `lexical`: that row
    /// plus the transition rows, into the matching entries of `scores`.
    #[inline(always)]
    fn add_transitions(&self, lexical: &[i32; N_LABELS], prevs: &[(u8, u8)], scores: &mut [[f32; N_LABELS]]) {
        let prev = prevs[0].0;
        for (&(p, prev2), out) in prevs.iter().zip(scores) {
            if p == prev {
                let t = &self.transitions[p as usize * PREVS + prev2 as usize];
                *out = std::array::from_fn(|l| (lexical[l] + t[l]) as f32);
            }
        }
    }
}

/// Previous labels whose label-dependent rows [`Scorer::score_dynamic`] asks for at once: the
/// beam's width.
const BATCH: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash;

    /// Rows of every kind: one, two and many nonzero weights, zeros, the extremes of `i16`.
    fn rows() -> Vec<(u64, [i16; N_LABELS])> {
        let mut rows = Vec::new();
        for k in 1..300u64 {
            let mut row = [0i16; N_LABELS];
            for l in 0..(k as usize % (N_LABELS + 1)) {
                let x = hash::finish(k * 31 + l as u64);
                row[(x % N_LABELS as u64) as usize] = match x % 5 {
                    0 => i16::MIN,
                    1 => i16::MAX,
                    _ => (x >> 20) as i16,
                };
            }
            rows.push((hash::finish(k) | 1, row));
        }
        rows
    }

    #[test]
    fn scores_equal_the_sum_of_dense_rows() {
        let rows = rows();
        let w = Weights::from_rows(rows.len(), rows.iter().copied());
        assert_eq!(w.len(), rows.len());
        let mut back: Vec<(u64, [i16; N_LABELS])> = w.entries().collect();
        back.sort_unstable();
        let mut sorted = rows.clone();
        sorted.sort_unstable();
        assert_eq!(back, sorted);

        // Every feature, repeated, plus absent ones; scored at once and token by token.
        let mut feats: Vec<u64> = rows.iter().map(|(k, _)| *k).collect();
        feats.extend(rows.iter().step_by(3).map(|(k, _)| *k));
        feats.extend([2, 4, 6]);
        let mut expected = [0i32; N_LABELS];
        for f in &feats {
            if let Some((_, row)) = rows.iter().find(|(k, _)| k == f) {
                for (e, &x) in expected.iter_mut().zip(row) {
                    *e += x as i32;
                }
            }
        }
        let expected = expected.map(|e| e as f32);
        let mut got = [0f32; N_LABELS];
        (&w).score(&feats, &mut got);
        assert_eq!(got, expected);
        let offsets = [0, 10, 10, feats.len()];
        let mut per_token = Vec::new();
        (&w).score_tokens(&feats, &offsets, &mut per_token);
        let summed: [f32; N_LABELS] = std::array::from_fn(|l| per_token.iter().map(|s| s[l] as i32).sum::<i32>() as f32);
        assert_eq!(summed, expected);
    }

    #[test]
    fn dynamic_scores_equal_scoring_the_dynamic_features() {
        let o = Obs::default();
        let mut rows = rows();
        for prev in 0..PREVS as u8 {
            for prev2 in [0, 3, NONE] {
                let [a, b] = features::transition(prev, prev2);
                let [c, d] = features::lexical(&o, prev);
                for (i, key) in [a, b, c, d].into_iter().enumerate() {
                    if !(prev as usize + i).is_multiple_of(3) && !rows.iter().any(|(k, _)| *k == key) {
                        rows.push((key, rows[(prev as usize * 7 + i) % 300].1));
                    }
                }
            }
        }
        let w = Weights::from_rows(rows.len(), rows.iter().copied());
        let prevs = [(0, NONE), (5, 0), (0, 3), (16, 3), (NONE, NONE), (5, 5)];
        let mut fast = [[0f32; N_LABELS]; 6];
        (&w).score_dynamic(&o, &prevs, &mut fast);
        for (&(prev, prev2), got) in prevs.iter().zip(&fast) {
            let mut f = [0u64; 4];
            features::extract_dynamic(&o, prev, prev2, &mut f);
            let mut expected = [0f32; N_LABELS];
            (&w).score(&f, &mut expected);
            assert_eq!(*got, expected, "{prev} {prev2}");
        }
    }
}
