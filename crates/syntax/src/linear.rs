//! Linear multi-class models over hashed features: the averaged perceptron that trains them and
//! the frozen, quantised table that scores with them.
//!
//! Most features are seen with only a few classes, so rows are sparse: while training, a row is
//! a short list of (class, weight, weighted sum) entries; once frozen, all rows sit in one flat
//! array of `(class << 16) | weight` words, found through an open-addressing table of keys, so
//! scoring a feature is one probe and a run of adjacent words.

use crate::binary::{Reader, Writer};
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
        Perceptron { n_classes, index: KeyMap::default(), keys: Vec::new(), rows: Vec::new(), time: 1.0 }
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
                    None => row.push(Entry { class: class as u16, w: delta, u: t * delta }),
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
        let max = self.rows.iter().flatten().map(|e| avg(e).abs()).fold(0.0f32, f32::max).max(1e-6);
        let scale = 32767.0 / max;
        let mut rows: Vec<(u64, Vec<u32>)> = Vec::new();
        for (key, row) in self.keys.iter().zip(&self.rows) {
            let mut words: Vec<u32> = row
                .iter()
                .filter_map(|e| {
                    let q = (avg(e) * scale).round() as i32;
                    (q.abs() >= min_weight.max(1)).then(|| ((e.class as u32) << 16) | (q as i16 as u16 as u32))
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

/// One slot of the open-addressing table: a feature key and where its row lies.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

/// A frozen linear model: scores are sums of 16-bit weights, so argmax needs no floats.
pub(crate) struct Weights {
    n_classes: usize,
    mask: usize,
    slots: Vec<Slot>,
    /// Row entries, `(class << 16) | weight as u16`.
    entries: Vec<u32>,
}

impl Weights {
    fn build(n_classes: usize, rows: &[(u64, Vec<u32>)]) -> Weights {
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); cap];
        let mut entries = Vec::with_capacity(rows.iter().map(|r| r.1.len()).sum());
        for (key, words) in rows {
            let mut i = *key as usize & (cap - 1);
            while slots[i].key != 0 {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = Slot { key: *key, start: entries.len() as u32, len: words.len() as u32 };
            entries.extend_from_slice(words);
        }
        Weights { n_classes, mask: cap - 1, slots, entries }
    }

    /// A copy without the weights smaller than `min_weight` quanta (for choosing the pruning
    /// level of `min_weight` in training options).
    pub fn pruned(&self, min_weight: i32) -> Weights {
        let rows: Vec<(u64, Vec<u32>)> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| {
                let row = &self.entries[s.start as usize..(s.start + s.len) as usize];
                (s.key, row.iter().copied().filter(|&e| (e as u16 as i16 as i32).abs() >= min_weight).collect::<Vec<_>>())
            })
            .filter(|(_, r)| !r.is_empty())
            .collect();
        Weights::build(self.n_classes, &rows)
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with at least one weight, and of weights.
    pub fn size(&self) -> (usize, usize) {
        (self.slots.iter().filter(|s| s.key != 0).count(), self.entries.len())
    }

    /// Adds the weights of `feats` into `scores` (zeroed here).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for &f in feats {
            let mut i = f as usize & self.mask;
            loop {
                let slot = self.slots[i];
                if slot.key == f {
                    let row = &self.entries[slot.start as usize..(slot.start + slot.len) as usize];
                    for &e in row {
                        scores[(e >> 16) as usize] += e as u16 as i16 as i32;
                    }
                    break;
                }
                if slot.key == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
    }

    pub fn write(&self, w: &mut Writer) {
        w.u32(self.n_classes as u32);
        let used: Vec<&Slot> = self.slots.iter().filter(|s| s.key != 0).collect();
        w.u64s(&used.iter().map(|s| s.key).collect::<Vec<_>>());
        w.u32s(&used.iter().map(|s| s.len).collect::<Vec<_>>());
        // Rows are written in slot order, so reading rebuilds the same table.
        let mut entries = Vec::with_capacity(self.entries.len());
        for s in &used {
            entries.extend_from_slice(&self.entries[s.start as usize..(s.start + s.len) as usize]);
        }
        w.u32s(&entries);
    }

    pub fn read(r: &mut Reader) -> Result<Weights, SyntaxError> {
        let n_classes = r.u32()? as usize;
        let keys = r.u64s()?;
        let lens = r.u32s()?;
        let entries = r.u32s()?;
        if keys.len() != lens.len() || lens.iter().map(|&l| l as usize).sum::<usize>() != entries.len() {
            return Err(r.bad("weight table sizes disagree"));
        }
        if entries.iter().any(|&e| (e >> 16) as usize >= n_classes) || keys.contains(&0) {
            return Err(r.bad("weight table names a class or key out of range"));
        }
        let mut rows = Vec::with_capacity(keys.len());
        let mut at = 0usize;
        for (k, l) in keys.iter().zip(&lens) {
            rows.push((*k, entries[at..at + *l as usize].to_vec()));
            at += *l as usize;
        }
        Ok(Weights::build(n_classes, &rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_survives_freezing() {
        let mut p = Perceptron::new(3);
        let data = [(vec![11u64, 100], 0usize), (vec![12, 100], 1), (vec![13, 100], 2)];
        let mut scores = [0f32; 3];
        for _ in 0..5 {
            for (feats, truth) in &data {
                p.score(feats, &mut scores);
                let guess = (0..3).max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a))).unwrap();
                p.update(feats, *truth, guess);
                p.tick();
            }
        }
        let w = p.freeze(1);
        let mut out = Writer::default();
        w.write(&mut out);
        let path = std::path::Path::new("mem");
        let mut bytes = b"TESTTEST".to_vec();
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend_from_slice(&out.buf);
        let mut r = Reader::open(&bytes, path, b"TESTTEST", 1).unwrap();
        let w = Weights::read(&mut r).unwrap();
        r.finish().unwrap();
        let mut s = [0i32; 3];
        for (feats, truth) in &data {
            w.score(feats, &mut s);
            let best = (0..3).max_by_key(|&c| s[c]).unwrap();
            assert_eq!(best, *truth);
        }
    }
}
