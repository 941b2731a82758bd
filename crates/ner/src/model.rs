//! The model file: one little-endian binary holding the weights, the gazetteer and the word
//! clusters, so that a model directory is self-contained and loads in milliseconds.
//!
//! Layout (`ner.bin`): magic `TDGNER03`; `u32` label count; `u32` beam width; then three tables, each a `u32`
//! count followed by parallel arrays: weights (`u64` feature keys, `i16` rows of `N_LABELS`
//! weights), gazetteer (`u64` phrase keys, `u32` category bits), clusters (`u64` word keys,
//! `u16` ids per level).

use crate::clusters::{Clusters, LEVELS};
use crate::gazetteer::Gazetteer;
use crate::hash::Table;
use crate::tags::N_LABELS;
use crate::NerError;
use std::path::Path;

const MAGIC: &[u8; 8] = b"TDGNER03";

/// Averaged-perceptron weights, quantized to `i16`, one row of `N_LABELS` per feature.
#[derive(Debug, Clone, Default)]
pub(crate) struct Weights {
    pub(crate) index: Table,
    pub(crate) rows: Vec<i16>,
}

/// Scores the labels from a token's features; while training, also learns.
pub(crate) trait Scorer {
    fn score(&self, feats: &[u64], scores: &mut [f32; N_LABELS]);
    /// Adds `delta` to the weight of `label` for every feature (training only).
    fn update(&mut self, _feats: &[u64], _label: u8, _delta: f32) {}
    /// One update (a sequence of `update` calls) is complete.
    fn updated(&mut self) {}
    /// `n` more tokens were decoded (the averaging clock).
    fn tick(&mut self, _n: usize) {}
}

impl Scorer for Weights {
    #[inline]
    fn score(&self, feats: &[u64], scores: &mut [f32; N_LABELS]) {
        let mut acc = [0i32; N_LABELS];
        for &f in feats {
            if let Some(r) = self.index.get(f) {
                let row = &self.rows[r as usize * N_LABELS..(r as usize + 1) * N_LABELS];
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += w as i32;
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(acc) {
            *s = a as f32;
        }
    }
}

impl Weights {
    /// Quantizes float rows (`keys[i]` owns `rows[i*N_LABELS..]`), dropping rows that round to 0.
    pub(crate) fn quantize(keys: &[u64], rows: &[f32]) -> Weights {
        let max = rows.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let mut out = Weights { index: Table::with_capacity(keys.len()), rows: Vec::new() };
        for (k, row) in keys.iter().zip(rows.chunks_exact(N_LABELS)) {
            let q: Vec<i16> = row.iter().map(|w| (w * scale).round() as i16).collect();
            if q.iter().all(|&w| w == 0) {
                continue;
            }
            out.index.insert(*k, (out.rows.len() / N_LABELS) as u32);
            out.rows.extend(q);
        }
        out
    }

    pub(crate) fn len(&self) -> usize {
        self.rows.len() / N_LABELS
    }
}

pub(crate) fn save(path: &Path, w: &Weights, gaz: &Gazetteer, clusters: &Clusters, beam: usize) -> Result<(), NerError> {
    let mut b: Vec<u8> = Vec::new();
    b.extend_from_slice(MAGIC);
    b.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
    b.extend_from_slice(&(beam as u32).to_le_bytes());

    // Entries go out sorted by key so the file does not depend on hash-table history.
    let mut rows: Vec<(u64, u32)> = w.index.entries().collect();
    rows.sort_unstable();
    b.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    for (k, _) in &rows {
        b.extend_from_slice(&k.to_le_bytes());
    }
    for (_, r) in &rows {
        for &x in &w.rows[*r as usize * N_LABELS..(*r as usize + 1) * N_LABELS] {
            b.extend_from_slice(&x.to_le_bytes());
        }
    }

    let mut phrases: Vec<(u64, u32)> = gaz.phrases.entries().collect();
    phrases.sort_unstable();
    b.extend_from_slice(&(phrases.len() as u32).to_le_bytes());
    for (k, _) in &phrases {
        b.extend_from_slice(&k.to_le_bytes());
    }
    for (_, v) in &phrases {
        b.extend_from_slice(&v.to_le_bytes());
    }

    let mut words: Vec<(u64, u32)> = clusters.index.entries().collect();
    words.sort_unstable();
    b.extend_from_slice(&(words.len() as u32).to_le_bytes());
    for (k, _) in &words {
        b.extend_from_slice(&k.to_le_bytes());
    }
    for (_, i) in &words {
        for &x in &clusters.ids[*i as usize] {
            b.extend_from_slice(&x.to_le_bytes());
        }
    }
    std::fs::write(path, b).map_err(|e| NerError::io(path, e))
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

    let n = r.u32().ok_or_else(truncated)? as usize;
    let keys = r.take(n * 8).ok_or_else(truncated)?;
    let vals = r.take(n * N_LABELS * 2).ok_or_else(truncated)?;
    let mut w = Weights { index: Table::with_capacity(n), rows: Vec::with_capacity(n * N_LABELS) };
    for (i, k) in keys.chunks_exact(8).enumerate() {
        w.index.insert(u64::from_le_bytes(k.try_into().unwrap()), i as u32);
    }
    w.rows.extend(vals.chunks_exact(2).map(|x| i16::from_le_bytes([x[0], x[1]])));

    let n = r.u32().ok_or_else(truncated)? as usize;
    let keys = r.take(n * 8).ok_or_else(truncated)?;
    let vals = r.take(n * 4).ok_or_else(truncated)?;
    let mut gaz = Gazetteer { phrases: Table::with_capacity(n) };
    for (k, v) in keys.chunks_exact(8).zip(vals.chunks_exact(4)) {
        gaz.phrases.insert(u64::from_le_bytes(k.try_into().unwrap()), u32::from_le_bytes(v.try_into().unwrap()));
    }

    let n = r.u32().ok_or_else(truncated)? as usize;
    let keys = r.take(n * 8).ok_or_else(truncated)?;
    let vals = r.take(n * LEVELS * 2).ok_or_else(truncated)?;
    let mut clusters = Clusters { index: Table::with_capacity(n), ids: Vec::with_capacity(n) };
    for (i, (k, v)) in keys.chunks_exact(8).zip(vals.chunks_exact(LEVELS * 2)).enumerate() {
        clusters.index.insert(u64::from_le_bytes(k.try_into().unwrap()), i as u32);
        let mut ids = [0u16; LEVELS];
        for (id, x) in ids.iter_mut().zip(v.chunks_exact(2)) {
            *id = u16::from_le_bytes([x[0], x[1]]);
        }
        clusters.ids.push(ids);
    }
    if r.at != bytes.len() {
        return Err(bad("trailing bytes after the last table"));
    }
    Ok((w, gaz, clusters, beam))
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
