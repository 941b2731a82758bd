//! Linear multi-class models over hashed features: the averaged perceptron that trains them and
//! the frozen, quantised table that scores with them.
//!
//! Most features are seen with only a few classes, so rows are sparse: while training, a row is
//! a short list of (class, weight, weighted sum) entries; once frozen, all rows sit in one flat
//! array of `(class << 16) | weight` words, found through an open-addressing table of keys, so
//! scoring a feature is one probe and a run of adjacent words.

use crate::binary::{Reader, Writer};
use crate::table::{prefetch, Table};
use crate::SyntaxError;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already well-mixed hashes, so the table hashes them as themselves.
#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys are hashed")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    /// The current weight.
    w: f32,
    /// Σ (time of update × change), for averaging without touching every weight each step.
    u: f32,
}

/// An averaged perceptron under training (Collins 2002, with the lazy-averaging trick of
/// Daumé's thesis: average = w − u / t).
pub(crate) struct Perceptron {
    n_classes: usize,
    index: KeyMap<u32>,
    keys: Vec<u64>,
    rows: Vec<Vec<Entry>>,
    /// Training instances seen so far, counted from 1.
    time: f32,
}

impl Perceptron {
    pub fn new(n_classes: usize) -> Perceptron {
        Perceptron {
            n_classes,
            index: KeyMap::default(),
            keys: Vec::new(),
            rows: Vec::new(),
            time: 1.0,
        }
    }

    /// Adds the current weights of `feats` into `scores` (length `n_classes`, zeroed here).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Moves weight from `guess` to `truth` for every feature.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let r = match self.index.get(&f) {
                Some(&r) => r as usize,
                None => {
                    self.index.insert(f, self.rows.len() as u32);
                    self.keys.push(f);
                    self.rows.push(Vec::with_capacity(2));
                    self.rows.len() - 1
                }
            };
            let t = self.time;
            let row = &mut self.rows[r];
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                match row.iter_mut().find(|e| e.class as usize == class) {
                    Some(e) => {
                        e.w += delta;
                        e.u += t * delta;
                    }
                    None => row.push(Entry {
                        class: class as u16,
                        w: delta,
                        u: t * delta,
                    }),
                }
            }
        }
    }

    /// Marks the end of one training instance.
    pub fn tick(&mut self) {
        self.time += 1.0;
    }

    /// Averages, quantises to 16 bits and drops weights that round to less than `min_weight`
    /// quanta (pruning shrinks the file and speeds scoring at no measurable accuracy cost).
    pub fn freeze(&self, min_weight: i32) -> Weights {
        let t = self.time;
        let avg = |e: &Entry| e.w - e.u / t;
        let max = self
            .rows
            .iter()
            .flatten()
            .map(|e| avg(e).abs())
            .fold(0.0f32, f32::max)
            .max(1e-6);
        let scale = 32767.0 / max;
        let mut rows: Vec<(u64, Vec<u32>)> = Vec::new();
        for (key, row) in self.keys.iter().zip(&self.rows) {
            let mut words: Vec<u32> = row
                .iter()
                .filter_map(|e| {
                    let q = (avg(e) * scale).round() as i32;
                    (q.abs() >= min_weight.max(1))
                        .then_some(((e.class as u32) << 16) | (q as i16 as u16 as u32))
                })
                .collect();
            if !words.is_empty() {
                words.sort_unstable();
                rows.push((*key, words));
            }
        }
        Weights::build(self.n_classes, &rows)
    }
}

/// Most features a model scores at once.
const MAX_FEATS: usize = 128;

/// A frozen linear model: scores are sums of 16-bit weights, so argmax needs no floats.
///
/// Rows are stored sparse (the file form). At load they are laid out for scoring by length.
/// Rows with weights for many classes are laid out dense, where adding them is a vectorised
/// loop instead of a scatter; they belong to the most frequent features, so they are most of
/// what scoring reads, and keep only the high byte of each weight (rounded), which halves the
/// memory they take and lets them be summed in 16-bit lanes (at most `MAX_FEATS` × 127 < 2¹⁵, so
/// no overflow). Most features, though, have one to four weights (nine in ten of the parser's
/// half million), and the rows that scoring reads from memory rather than cache are mostly
/// theirs: a row of one weight sits in its table slot, and rows of two to four lie end to end
/// in `short`, a few megabytes where their dense lines took twenty. Short rows keep the weights
/// a dense row would have had, so scores do not depend on where a row is kept.
pub(crate) struct Weights {
    n_classes: usize,
    /// Rows, each a length word followed by `(class << 16) | weight as u16` words.
    entries: Vec<u32>,
    /// Feature key → where its row is kept for scoring (a `kept` value).
    lookup: Table,
    /// The table in file form: every value is a row's offset in `entries`.
    file: Table,
    /// Rows of two to four weights, `(class << 16) | weight as u16` words end to end.
    short: Vec<u32>,
    /// Dense rows, `n_classes` weights each, in units of 256 quanta; row `i` starts at
    /// `dense_base + i * dense_stride`, on a cache line.
    dense: Vec<i8>,
    dense_base: usize,
    dense_stride: usize,
}

/// Where a row is kept for scoring, as a `lookup` value: the top two bits say which form.
mod kept {
    pub const FORM: u32 = 0b11 << 30;
    /// `SPARSE | offset` of the row in `entries`.
    pub const SPARSE: u32 = 0;
    /// `DENSE | index` of a dense row.
    pub const DENSE: u32 = 0b10 << 30;
    /// `SHORT | (length − 1) << 28 | offset` of a row of 2 to `MAX_SHORT` weights in `short`.
    pub const SHORT: u32 = 0b01 << 30;
    /// `ONE | class << 16 | weight`: a row of one weight, in the slot itself.
    pub const ONE: u32 = 0b11 << 30;
    /// Offsets into `short` (and `entries`) must stay below this.
    pub const MAX_OFFSET: usize = 1 << LENGTH_SHIFT;
    const LENGTH_SHIFT: u32 = 28;

    /// The `SHORT` value of a row of `len` weights at `offset` in `short`.
    pub fn short(len: usize, offset: usize) -> u32 {
        SHORT | ((len - 1) as u32) << LENGTH_SHIFT | offset as u32
    }

    /// Where in `short` the row of a `SHORT` value lies.
    #[inline(always)]
    pub fn short_range(value: u32) -> std::ops::Range<usize> {
        let start = (value & (MAX_OFFSET as u32 - 1)) as usize;
        start..start + ((value >> LENGTH_SHIFT) & 0b11) as usize + 1
    }
}

/// Longest row kept in `short`.
const MAX_SHORT: usize = 4;

/// A weight in units of 256 quanta, rounded to the nearest.
#[inline]
fn high_byte(w: i16) -> i8 {
    ((w as i32 + 128).div_euclid(256)).clamp(-127, 127) as i8
}

/// Most classes a model may have (the 16-bit dense sums live on the stack).
const MAX_CLASSES: usize = 256;

impl Weights {
    fn build(n_classes: usize, rows: &[(u64, Vec<u32>)]) -> Weights {
        let mut entries = Vec::with_capacity(rows.iter().map(|r| r.1.len() + 1).sum());
        let mut pairs = Vec::with_capacity(rows.len());
        for (key, words) in rows {
            pairs.push((*key, entries.len() as u32));
            entries.push(words.len() as u32);
            entries.extend_from_slice(words);
        }
        Weights::laid_out(n_classes, Table::build(&pairs), entries)
    }

    /// Lays the rows out for scoring: a row of one weight goes into its slot, rows of two to
    /// `MAX_SHORT` into `short`, and longer rows with weights for at least 1/32 of the classes
    /// (for models of at most `MAX_CLASSES` classes) get dense copies. Even a row of a few
    /// weights is cheaper to add densely, as a few vector instructions, than as a scatter of
    /// dependent loads and stores, but only when it is in cache: a dense line for a
    /// two-weight row is memory that the next miss has to come from.
    fn laid_out(n_classes: usize, file: Table, entries: Vec<u32>) -> Weights {
        let is_dense = |len: usize| len * 32 >= n_classes && (8..=MAX_CLASSES).contains(&n_classes);
        // The weight a row of `len` adds for entry `e`: a dense row's is rounded to its high byte.
        let weight = |e: u32, len: usize| -> u16 {
            if is_dense(len) {
                (high_byte(e as u16 as i16) as i16 * 256) as u16
            } else {
                e as u16
            }
        };
        let row_len = |s: u64| entries[(s >> 32) as usize] as usize;
        let rows = file
            .slots
            .iter()
            .filter(|&&s| s != 0 && row_len(s) > MAX_SHORT && is_dense(row_len(s)))
            .count();
        // Rows start on cache lines, so a 104-class row takes 2 lines rather than 2 or 3.
        let stride = n_classes.div_ceil(64) * 64;
        // Scoring lists dense rows by their 32-bit offset into `dense` (a short list on the
        // stack); a model would need some 16 million dense rows, hundreds of megabytes, to
        // overflow it.
        assert!(
            rows * stride + 64 <= u32::MAX as usize,
            "{rows} dense weight rows of {stride} bytes exceed 32-bit offsets"
        );
        assert!(
            entries.len() < kept::MAX_OFFSET && n_classes <= 1 << 14,
            "{} weight words or {n_classes} classes overflow a table value",
            entries.len()
        );
        let mut dense = vec![0i8; rows * stride + 64];
        let base = dense.as_ptr().align_offset(64).min(63);
        let mut n_dense = 0;
        let mut short = Vec::new();
        let mut lookup = file.clone();
        // Slots point anywhere in `entries`: ask for rows a few slots ahead to hide the misses.
        const AHEAD: usize = 16;
        for i in 0..lookup.slots.len() {
            if let Some(&ahead) = lookup.slots.get(i + AHEAD) {
                if ahead != 0 {
                    prefetch(&entries[(ahead >> 32) as usize]);
                }
            }
            let slot = &mut lookup.slots[i];
            if *slot == 0 {
                continue;
            }
            let start = (*slot >> 32) as usize;
            let len = entries[start] as usize;
            let words = &entries[start + 1..start + 1 + len];
            let place = match len {
                1 => kept::ONE | (words[0] & 0xffff_0000) | weight(words[0], len) as u32,
                2..=MAX_SHORT => {
                    let at = kept::short(len, short.len());
                    short.extend(
                        words
                            .iter()
                            .map(|&e| (e & 0xffff_0000) | weight(e, len) as u32),
                    );
                    at
                }
                _ if is_dense(len) => {
                    let row = &mut dense[base + n_dense * stride..];
                    for &e in words {
                        row[(e >> 16) as usize] = high_byte(e as u16 as i16);
                    }
                    n_dense += 1;
                    kept::DENSE | (n_dense - 1) as u32
                }
                _ => kept::SPARSE | start as u32,
            };
            *slot = (*slot & 0xffff_ffff) | (place as u64) << 32;
        }
        assert!(
            short.len() < kept::MAX_OFFSET,
            "{} short-row words overflow a table value",
            short.len()
        );
        Weights {
            n_classes,
            entries,
            lookup,
            file,
            short,
            dense,
            dense_base: base,
            dense_stride: stride,
        }
    }

    /// A copy without the weights smaller than `min_weight` quanta (for choosing the pruning
    /// level of `min_weight` in training options). Keys are lost, so this is for measuring only.
    pub fn pruned(&self, min_weight: i32) -> Weights {
        self.rewritten(self.n_classes, |e| {
            ((e as u16 as i16 as i32).abs() >= min_weight).then_some(e)
        })
    }

    /// A copy over `n_classes` new classes, where old class `c` becomes `map[c]` and its
    /// weights are dropped where that is `None` (for restricting a model to fewer classes).
    pub fn with_classes(&self, map: &[Option<u16>], n_classes: usize) -> Weights {
        self.rewritten(n_classes, |e| {
            let class = map.get((e >> 16) as usize).copied().flatten()?;
            Some((class as u32) << 16 | (e & 0xffff))
        })
    }

    /// A copy over `n_classes` classes whose every row entry `e` (a `(class << 16) | weight`
    /// word) becomes `rewrite(e)`, or is dropped for `None`; rows stay sorted by class.
    fn rewritten(&self, n_classes: usize, mut rewrite: impl FnMut(u32) -> Option<u32>) -> Weights {
        let mut entries = Vec::with_capacity(self.entries.len());
        let mut slots = self.file.slots.clone();
        let mut row: Vec<u32> = Vec::new();
        for slot in slots.iter_mut().filter(|s| **s != 0) {
            let start = (*slot >> 32) as usize;
            let len = self.entries[start] as usize;
            row.clear();
            row.extend(
                self.entries[start + 1..start + 1 + len]
                    .iter()
                    .filter_map(|&e| rewrite(e)),
            );
            row.sort_unstable();
            *slot = (*slot & 0xffff_ffff) | (entries.len() as u64) << 32;
            entries.push(row.len() as u32);
            entries.extend_from_slice(&row);
        }
        Weights::laid_out(n_classes, Table { slots }, entries)
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with at least one weight, and of weights.
    pub fn size(&self) -> (usize, usize) {
        let n = self.lookup.len();
        (n, self.entries.len() - n)
    }

    /// Adds the weights of `feats` into `scores` (zeroed here). All rows are looked up before
    /// any is read, so the memory accesses of the lookups overlap.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has just been found to support AVX2.
            return unsafe { self.score_avx2(feats, scores) };
        }
        self.score_portable(feats, scores)
    }

    /// The same code, compiled so that dense rows are added 8 classes per instruction.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn score_avx2(&self, feats: &[u64], scores: &mut [i32]) {
        self.score_portable(feats, scores)
    }

    #[inline(always)]
    fn score_portable(&self, feats: &[u64], scores: &mut [i32]) {
        debug_assert!(feats.len() <= MAX_FEATS);
        // The tables are megabytes and the features land anywhere in them: start every memory
        // access before waiting for any, first for the slots, then for the rows.
        let feats = &feats[..feats.len().min(MAX_FEATS)];
        let mut homes = [0usize; MAX_FEATS];
        if self.lookup.slots.is_empty() {
            scores.iter_mut().for_each(|s| *s = 0);
            return;
        }
        for (h, &f) in homes.iter_mut().zip(feats) {
            *h = self.lookup.prefetch(f);
        }
        let n = self.n_classes;
        // Each form of row goes to its own list, so each is summed by a loop without a branch
        // per row.
        let mut dense_rows = [0u32; MAX_FEATS];
        let mut other_rows = [0u32; MAX_FEATS];
        let (mut n_dense, mut n_other) = (0, 0);
        for (&h, &f) in homes.iter().zip(feats) {
            if let Some(s) = self.lookup.get_from(f, h) {
                match s & kept::FORM {
                    kept::DENSE => {
                        let start =
                            self.dense_base + (s & !kept::FORM) as usize * self.dense_stride;
                        // A dense row may span several cache lines (104 bytes for the parser).
                        for line in self.dense[start..start + n].chunks(64) {
                            prefetch(&line[0]);
                        }
                        dense_rows[n_dense] = start as u32;
                        n_dense += 1;
                    }
                    form => {
                        match form {
                            kept::SHORT => prefetch(&self.short[kept::short_range(s).start]),
                            kept::SPARSE => prefetch(&self.entries[s as usize]),
                            _ => {}
                        }
                        other_rows[n_other] = s;
                        n_other += 1;
                    }
                }
            }
        }
        let scores = &mut scores[..n];
        let dense_rows = &dense_rows[..n_dense];
        // Rows are zero-padded to their stride, so summing whole strides adds nothing wrong;
        // with the width known at compile time the sums stay in vector registers.
        match self.dense_stride {
            64 => self.sum_dense::<64>(dense_rows, scores),
            128 => self.sum_dense::<128>(dense_rows, scores),
            192 => self.sum_dense::<192>(dense_rows, scores),
            256 => self.sum_dense::<256>(dense_rows, scores),
            // Models of more than MAX_CLASSES classes have no dense rows.
            _ => scores.iter_mut().for_each(|s| *s = 0),
        }
        for &s in &other_rows[..n_other] {
            let row = match s & kept::FORM {
                kept::ONE => std::slice::from_ref(&s),
                kept::SHORT => &self.short[kept::short_range(s)],
                _ => {
                    let start = s as usize;
                    &self.entries[start + 1..start + 1 + self.entries[start] as usize]
                }
            };
            for &e in row {
                let class = ((e >> 16) & 0x3fff) as usize;
                // SAFETY: `read` and `build` check that every class is below n_classes,
                // which is `scores.len()`.
                unsafe { *scores.get_unchecked_mut(class) += e as u16 as i16 as i32 };
            }
        }
    }

    /// Writes into `scores` the sum of the dense rows at offsets `rows` of `dense` (`W` is the
    /// stride), scaled from units of 256 quanta back to quanta. Sums are 16-bit: at most
    /// `MAX_FEATS` × 127 < 2¹⁵.
    #[inline(always)]
    fn sum_dense<const W: usize>(&self, rows: &[u32], scores: &mut [i32]) {
        let mut sum = [0i16; W];
        for &start in rows {
            let row: &[i8; W] = self.dense[start as usize..start as usize + W]
                .try_into()
                .expect("a dense row is one stride long");
            for (s, &w) in sum.iter_mut().zip(row) {
                *s += w as i16;
            }
        }
        for (s, &d) in scores.iter_mut().zip(sum.iter()) {
            *s = (d as i32) << 8;
        }
    }

    pub fn write(&self, w: &mut Writer) {
        w.u32(self.n_classes as u32);
        self.file.write(w);
        w.u32s(&self.entries);
    }

    pub fn read(r: &mut Reader) -> Result<Weights, SyntaxError> {
        let n_classes = r.u32()? as usize;
        let table = Table::read(r)?;
        let entries = r.u32s()?;
        // Check every row once, in file order, so scoring can index without surprises: rows
        // lie end to end, name known classes, and every slot points at a row's start.
        let mut row_start = vec![0u64; entries.len() / 64 + 1];
        let mut at = 0usize;
        while at < entries.len() {
            let len = entries[at] as usize;
            let end = at + 1 + len;
            if end > entries.len()
                || entries[at + 1..end]
                    .iter()
                    .any(|&e| (e >> 16) as usize >= n_classes)
            {
                return Err(r.bad("weight rows overrun their table or name an unknown class"));
            }
            row_start[at / 64] |= 1 << (at % 64);
            at = end;
        }
        if table.values().any(|v| {
            let v = v as usize;
            v >= entries.len() || row_start[v / 64] & (1 << (v % 64)) == 0
        }) {
            return Err(r.bad("weight table points outside its rows"));
        }
        Ok(Weights::laid_out(n_classes, table, entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `w` written to a model file's bytes and read back.
    fn through_a_file(w: &Weights) -> Weights {
        let mut out = Writer::default();
        w.write(&mut out);
        let mut bytes = b"TESTTEST".to_vec();
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend_from_slice(&out.buf);
        let mut r = Reader::open(&bytes, std::path::Path::new("mem"), b"TESTTEST", 1).unwrap();
        let read = Weights::read(&mut r).unwrap();
        r.finish().unwrap();
        read
    }

    #[test]
    fn learns_a_separable_problem_and_survives_freezing() {
        let mut p = Perceptron::new(3);
        let data = [
            (vec![11u64, 100], 0usize),
            (vec![12, 100], 1),
            (vec![13, 100], 2),
        ];
        let mut scores = [0f32; 3];
        for _ in 0..5 {
            for (feats, truth) in &data {
                p.score(feats, &mut scores);
                let guess = (0..3)
                    .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                    .unwrap();
                p.update(feats, *truth, guess);
                p.tick();
            }
        }
        let w = through_a_file(&p.freeze(1));
        let mut s = [0i32; 3];
        for (feats, truth) in &data {
            w.score(feats, &mut s);
            let best = (0..3).max_by_key(|&c| s[c]).unwrap();
            assert_eq!(best, *truth);
        }
    }

    /// Rows of every length score the same whichever way they are kept: one weight in its
    /// slot, two to four in `short`, longer ones dense (rounded to their high byte, as short
    /// rows of a model that would have made them dense are) or sparse.
    #[test]
    fn rows_of_every_length_score_as_their_form_says() {
        for n_classes in [64usize, 300] {
            let dense = |len: usize| len * 32 >= n_classes && n_classes <= MAX_CLASSES;
            let rows: Vec<(u64, Vec<u32>)> = (0..=7u32)
                .map(|len| {
                    let key = 0x9e37_79b9_7f4a_7c15u64.wrapping_mul(len as u64 + 1);
                    // Classes 7 apart are distinct for i < 8; weights of both signs, some
                    // rounding to a high byte of 0.
                    let mut words: Vec<u32> = (0..len)
                        .map(|i| {
                            let class = (i * 7 + len) % n_classes as u32;
                            let weight = (300 * i as i32 + 129 * len as i32 - 700) as i16;
                            class << 16 | weight as u16 as u32
                        })
                        .collect();
                    words.sort_unstable();
                    (key, words)
                })
                .collect();
            let w = Weights::build(n_classes, &rows);
            let mut scores = vec![0i32; n_classes];
            for (key, words) in &rows {
                w.score(&[*key], &mut scores);
                let mut want = vec![0i32; n_classes];
                for &e in words {
                    let q = e as u16 as i16;
                    want[(e >> 16) as usize] += if dense(words.len()) {
                        (high_byte(q) as i32) << 8
                    } else {
                        q as i32
                    };
                }
                assert_eq!(
                    scores,
                    want,
                    "{n_classes} classes, a row of {}",
                    words.len()
                );
            }
            let read = through_a_file(&w);
            for (key, _) in &rows {
                let mut again = vec![0i32; n_classes];
                w.score(&[*key], &mut scores);
                read.score(&[*key], &mut again);
                assert_eq!(scores, again, "the file form keeps every row");
            }
        }
    }
}
