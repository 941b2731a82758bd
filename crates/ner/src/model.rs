//! The model file: one little-endian binary holding the weights, the gazetteer and the word
//! clusters, so that a model directory is self-contained and loads in milliseconds.
//!
//! Layout (`ner.bin`): magic `TDGNER05`; `u32` label count; `u32` beam width; then two hash
//! tables written as their raw slots (`u32` capacity, `capacity` `u64` keys with 0 for an empty
//! slot, `capacity` `u32` values), so loading copies arrays and never rehashes: the weights
//! (value = row number, followed by `u32` row count and the rows of `N_LABELS` `i16`
//! weights) and the gazetteer (value = category bits); then the clusters table, `u32`
//! capacity and that many `u64` slots (see `clusters.rs`).

use crate::clusters::Clusters;
use crate::features::{self, Obs};
use crate::gazetteer::Gazetteer;
use crate::hash::Table;
use crate::tags::N_LABELS;
pub(crate) use crate::weights::Weights;
use crate::NerError;
use std::path::Path;

const MAGIC: &[u8; 8] = b"TDGNER05";

/// Scores the labels from a token's features; while training, also learns.
pub(crate) trait Scorer {
    fn score(&self, feats: &[u64], scores: &mut [f32; N_LABELS]);
    /// Scores every token of a sentence: token `i`'s features are
    /// `feats[offsets[i]..offsets[i + 1]]`; its scores are pushed onto `scores`.
    fn score_tokens(&self, feats: &[u64], offsets: &[usize], scores: &mut Vec<[f32; N_LABELS]>) {
        for w in offsets.windows(2) {
            let mut s = [0f32; N_LABELS];
            self.score(&feats[w[0]..w[1]], &mut s);
            scores.push(s);
        }
    }
    /// Scores the label-dependent features of token `o` after each `(previous label, the one
    /// before)` of `prevs`, into the matching entry of `scores`.
    fn score_dynamic(&self, o: &Obs, prevs: &[(u8, u8)], scores: &mut [[f32; N_LABELS]]) {
        let mut f = [0u64; 4];
        for (&(prev, prev2), out) in prevs.iter().zip(scores) {
            features::extract_dynamic(o, prev, prev2, &mut f);
            self.score(&f, out);
        }
    }
    /// Adds `delta` to the weight of `label` for every feature (training only).
    fn update(&mut self, _feats: &[u64], _label: u8, _delta: f32) {}
    /// One update (a sequence of `update` calls) is complete.
    fn updated(&mut self) {}
    /// `n` more tokens were decoded (the averaging clock).
    fn tick(&mut self, _n: usize) {}
}

impl Weights {
    /// Quantizes float rows (`keys[i]` owns `rows[i*N_LABELS..]`), dropping rows that round to 0.
    pub(crate) fn quantize(keys: &[u64], rows: &[f32]) -> Weights {
        let max = rows.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let mut kept: Vec<(u64, [i16; N_LABELS])> = Vec::new();
        for (k, row) in keys.iter().zip(rows.chunks_exact(N_LABELS)) {
            let q: [i16; N_LABELS] = std::array::from_fn(|l| (row[l] * scale).round() as i16);
            if q.iter().all(|&w| w == 0) {
                continue;
            }
            kept.push((*k, q));
        }
        Weights::from_rows(kept.len(), kept.into_iter())
    }
}

pub(crate) fn save(path: &Path, w: &Weights, gaz: &Gazetteer, clusters: &Clusters, beam: usize) -> Result<(), NerError> {
    let mut b: Vec<u8> = Vec::new();
    b.extend_from_slice(MAGIC);
    b.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
    b.extend_from_slice(&(beam as u32).to_le_bytes());

    // Rows are renumbered in key order so the file depends only on the weights.
    let entries: Vec<(u64, [i16; N_LABELS])> = w.entries().collect();
    let mut by_key = Table::with_capacity(entries.len());
    for (i, (key, _)) in entries.iter().enumerate() {
        by_key.insert(*key, i as u32);
    }
    let mut order: Vec<u32> = Vec::with_capacity(entries.len());
    let index = by_key.compact(|rank, old| {
        order.push(old);
        rank as u32
    });
    write_table(&mut b, &index);
    b.extend_from_slice(&(order.len() as u32).to_le_bytes());
    for r in order {
        for &x in &entries[r as usize].1 {
            b.extend_from_slice(&x.to_le_bytes());
        }
    }
    write_table(&mut b, &gaz.phrases.compact(|_, v| v));
    b.extend_from_slice(&(clusters.slots.len() as u32).to_le_bytes());
    for s in &clusters.slots {
        b.extend_from_slice(&s.to_le_bytes());
    }
    std::fs::write(path, b).map_err(|e| NerError::io(path, e))
}

fn write_table(b: &mut Vec<u8>, t: &Table) {
    b.extend_from_slice(&(t.slots().count() as u32).to_le_bytes());
    for (k, _) in t.slots() {
        b.extend_from_slice(&k.to_le_bytes());
    }
    for (_, v) in t.slots() {
        b.extend_from_slice(&v.to_le_bytes());
    }
}

pub(crate) fn load(path: &Path) -> Result<(Weights, Gazetteer, Clusters, usize), NerError> {
    let bytes = std::fs::read(path).map_err(|e| NerError::io(path, e))?;
    let bad = |message: &str| NerError::Model { path: path.into(), message: message.into() };
    let mut r = Reader { b: &bytes, at: 0 };
    if r.take(8).ok_or_else(|| bad("file too short"))? != MAGIC {
        return Err(bad("wrong magic number (not a tidings NER model, or an older format)"));
    }
    let truncated = || bad("truncated");
    if r.u32().ok_or_else(truncated)? as usize != N_LABELS {
        return Err(bad("label count differs from this build's"));
    }
    let beam = r.u32().ok_or_else(truncated)? as usize;
    if beam == 0 {
        return Err(bad("beam width 0"));
    }
    let index = read_table(&mut r).ok_or_else(|| bad("weight table truncated or inconsistent"))?;
    let n = r.u32().ok_or_else(truncated)? as usize;
    let rows = r.take(n.checked_mul(N_LABELS * 2).ok_or_else(truncated)?).ok_or_else(truncated)?;
    if index.len() != n || index.entries().any(|(_, v)| v as usize >= n) {
        return Err(bad("weight table and rows disagree"));
    }
    let row = |r: u32| -> [i16; N_LABELS] {
        let b = &rows[r as usize * N_LABELS * 2..(r as usize + 1) * N_LABELS * 2];
        std::array::from_fn(|l| i16::from_le_bytes([b[2 * l], b[2 * l + 1]]))
    };
    let phrases = read_table(&mut r).ok_or_else(|| bad("gazetteer table truncated or inconsistent"))?;
    let cap = r.u32().ok_or_else(truncated)? as usize;
    let raw = r.take(cap.checked_mul(8).ok_or_else(truncated)?).ok_or_else(truncated)?;
    let slots = raw.chunks_exact(8).map(|k| u64::from_le_bytes(k.try_into().unwrap())).collect();
    let clusters = Clusters::from_slots(slots).ok_or_else(|| bad("cluster table inconsistent"))?;
    if r.at != bytes.len() {
        return Err(bad("trailing bytes after the last table"));
    }
    let weights = Weights::from_rows(n, index.entries().map(|(key, r)| (key, row(r))));
    Ok((weights, Gazetteer { phrases }, clusters, beam))
}

fn read_table(r: &mut Reader) -> Option<Table> {
    let cap = r.u32()? as usize;
    let keys = r.take(cap.checked_mul(8)?)?;
    let vals = r.take(cap.checked_mul(4)?)?;
    let keys = keys.chunks_exact(8).map(|k| u64::from_le_bytes(k.try_into().unwrap())).collect();
    let vals = vals.chunks_exact(4).map(|v| u32::from_le_bytes(v.try_into().unwrap())).collect();
    Table::from_slots(keys, vals)
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}
