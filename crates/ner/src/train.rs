//! Training: an averaged structured perceptron over beam-searched BILOU sequences with early
//! update, scored on a dev corpus after every pass (the best pass is kept); several seeds can
//! be summed into one model.

use crate::clusters::Clusters;
use crate::gazetteer::Gazetteer;
use crate::hash::Table;
use crate::model::{Scorer, Weights};
use crate::recognizer::{tag_document, Buffers, Recognizer};
use crate::tags::{self, EntitySpan, N_LABELS};
use crate::NerError;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One document of a labelled corpus: tokens, sentences as token ranges, gold entities.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub words: Vec<String>,
    pub sentences: Vec<Range<usize>>,
    pub entities: Vec<EntitySpan>,
}

/// Groups CoNLL-2003 sentences into documents at `-DOCSTART-` lines.
pub fn conll_documents(sentences: &[tidings_corpus::conll::Sentence]) -> Vec<Document> {
    let mut docs: Vec<Document> = Vec::new();
    for s in sentences {
        if s.doc_start || docs.is_empty() {
            docs.push(Document::default());
        }
        let d = docs.last_mut().expect("pushed above");
        let start = d.words.len();
        d.words.extend(s.tokens.iter().map(|t| t.form.clone()));
        let tags: Vec<&str> = s.tokens.iter().map(|t| t.ner.as_str()).collect();
        d.entities.extend(tags::spans_from_iob(&tags).into_iter().map(|mut e| {
            e.start += start;
            e.end += start;
            e
        }));
        d.sentences.push(start..d.words.len());
    }
    docs
}

/// Reads a CoNLL-2003 file as documents, refusing one with no sentence.
pub fn read_conll(path: &Path) -> Result<Vec<Document>, NerError> {
    let sentences = tidings_corpus::conll::read(path)?;
    if sentences.is_empty() {
        return Err(tidings_corpus::Error::Empty { path: path.into(), what: "no sentences".into() }.into());
    }
    Ok(conll_documents(&sentences))
}

/// How to train.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub seed: u64,
    /// Most passes over the training data; training stops earlier when dev F1 stops improving.
    pub epochs: usize,
    /// Passes without a dev improvement before stopping.
    pub patience: usize,
    /// The shared data folder holding the gazetteer sources; `None` trains without gazetteers.
    pub gazetteers: Option<PathBuf>,
    /// `clusters.tsv.gz`; `None` trains without word clusters.
    pub clusters: Option<PathBuf>,
    /// Beam width for training and decoding (1 = greedy).
    pub beam: usize,
    /// Runs with seeds `seed`, `seed + 1`, ... whose averaged weights are summed into one
    /// model: a steadier model (less dependent on one shuffling order) of about the same size.
    pub ensemble: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { seed: 1, epochs: 20, patience: 5, gazetteers: None, clusters: None, beam: 4, ensemble: 1 }
    }
}

/// Entity-level exact-match counts (conlleval's definition).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn add(&mut self, gold: &[EntitySpan], predicted: &[EntitySpan]) {
        self.gold += gold.len();
        self.predicted += predicted.len();
        self.correct += predicted.iter().filter(|p| gold.contains(p)).count();
    }
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 { 0.0 } else { self.correct as f64 / self.predicted as f64 }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 0.0 } else { self.correct as f64 / self.gold as f64 }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

/// What one training run (one seed) did.
#[derive(Debug, Clone, Default)]
pub struct RunReport {
    pub seed: u64,
    /// Dev scores after each pass.
    pub dev_per_epoch: Vec<Counts>,
    /// The pass whose weights were kept (1-based).
    pub best_epoch: usize,
    pub dev: Counts,
}

/// What training did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// One per seed of the ensemble.
    pub runs: Vec<RunReport>,
    /// Dev scores of the final model.
    pub dev: Counts,
    pub train_tokens: usize,
    pub features: usize,
}

/// Trains from CoNLL-2003 files.
pub fn train(train: &Path, dev: &Path, opts: &TrainOptions, progress: &mut dyn FnMut(&str)) -> Result<(Recognizer, TrainReport), NerError> {
    let train_docs = read_conll(train)?;
    let dev_docs = read_conll(dev)?;
    let gaz = match &opts.gazetteers {
        Some(dir) => Gazetteer::from_shared_data(dir)?,
        None => Gazetteer::default(),
    };
    let clusters = match &opts.clusters {
        Some(p) => Clusters::read(p)?,
        None => Clusters::default(),
    };
    progress(&format!(
        "{} training documents, {} dev documents, {} gazetteer keys, {} cluster words",
        train_docs.len(),
        dev_docs.len(),
        gaz.phrases.len(),
        clusters.len()
    ));
    let mut runs = Vec::new();
    let mut members = Vec::new();
    for k in 0..opts.ensemble.max(1) {
        let seed = opts.seed.wrapping_add(k as u64);
        progress(&format!("run {} of {}, seed {seed}", k + 1, opts.ensemble.max(1)));
        let (run, weights) = train_run(&train_docs, &dev_docs, &gaz, &clusters, seed, opts, progress);
        runs.push(run);
        members.push(weights);
    }
    // Sum the members' float weights feature by feature, in a fixed order.
    let mut keys: Vec<u64> = Vec::new();
    let mut rows: Vec<f32> = Vec::new();
    let mut at = Table::default();
    for m in &members {
        for (i, &k) in m.keys.iter().enumerate() {
            let next = keys.len() as u32;
            let r = at.insert(k, next) as usize;
            if r == next as usize {
                keys.push(k);
                rows.extend([0.0; N_LABELS]);
            }
            for c in 0..N_LABELS {
                rows[r * N_LABELS + c] += m.rows[i * N_LABELS + c];
            }
        }
    }
    let rec = Recognizer::new(Weights::quantize(&keys, &rows), gaz, clusters, opts.beam.max(1));
    let dev = score(&rec, &dev_docs);
    if members.len() > 1 {
        progress(&format!("ensemble of {}: dev P {:.4} R {:.4} F1 {:.4}", members.len(), dev.precision(), dev.recall(), dev.f1()));
    }
    let report = TrainReport {
        runs,
        dev,
        train_tokens: train_docs.iter().map(|d| d.words.len()).sum(),
        features: rec.weights.len(),
    };
    Ok((rec, report))
}

/// Averaged weights before quantization: `rows[i * N_LABELS..]` belongs to `keys[i]`.
struct FloatWeights {
    keys: Vec<u64>,
    rows: Vec<f32>,
}

/// One training run with one seed: the dev scores and the best pass's averaged weights.
fn train_run(
    train: &[Document],
    dev: &[Document],
    gaz: &Gazetteer,
    clusters: &Clusters,
    seed: u64,
    opts: &TrainOptions,
    progress: &mut dyn FnMut(&str),
) -> (RunReport, FloatWeights) {
    let mut t = Trainer::default();
    let mut rng = SplitMix(seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let gold: Vec<Vec<u8>> = train.iter().map(|d| tags::encode(&d.entities, d.words.len())).collect();
    let mut buf = Buffers::default();
    let mut labels = Vec::new();
    let mut report = RunReport { seed, ..RunReport::default() };
    let mut best: Option<FloatWeights> = None;
    for epoch in 1..=opts.epochs.max(1) {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0usize;
        for &d in &order {
            let before = t.updates;
            let doc = &train[d];
            tag_document(&mut t, gaz, clusters, &doc.words, &doc.sentences, opts.beam.max(1), Some(&gold[d]), &mut buf, &mut labels);
            errors += t.updates - before;
        }
        let avg = t.averaged();
        let rec = Recognizer::new(Weights::quantize(&avg.keys, &avg.rows), gaz.clone(), clusters.clone(), opts.beam.max(1));
        let counts = score_with(&rec, dev, &mut buf, &mut labels);
        progress(&format!(
            "epoch {epoch}: {errors} updates, {} features; dev P {:.4} R {:.4} F1 {:.4}",
            rec.weights.len(),
            counts.precision(),
            counts.recall(),
            counts.f1()
        ));
        report.dev_per_epoch.push(counts);
        if best.is_none() || counts.f1() > report.dev.f1() {
            report.dev = counts;
            report.best_epoch = epoch;
            best = Some(avg);
        } else if epoch - report.best_epoch >= opts.patience {
            break;
        }
    }
    (report, best.expect("at least one epoch ran"))
}

/// Scores a recognizer on documents (entity-level exact match).
pub fn score(rec: &Recognizer, docs: &[Document]) -> Counts {
    score_with(rec, docs, &mut Buffers::default(), &mut Vec::new())
}

fn score_with(rec: &Recognizer, docs: &[Document], buf: &mut Buffers, labels: &mut Vec<u8>) -> Counts {
    let mut c = Counts::default();
    for d in docs {
        let found = rec.recognize_with(&d.words, &d.sentences, buf, labels);
        c.add(&d.entities, &found);
    }
    c
}

/// Perceptron state during training: float weights with lazily averaged totals.
#[derive(Default)]
struct Trainer {
    index: Table,
    keys: Vec<u64>,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u64>,
    /// Decisions seen so far (the averaging clock).
    clock: u64,
    updates: usize,
}

impl Trainer {
    fn row(&mut self, key: u64) -> usize {
        let next = self.keys.len() as u32;
        let r = self.index.insert(key, next);
        if r == next {
            self.keys.push(key);
            self.w.extend([0.0; N_LABELS]);
            self.total.extend([0.0; N_LABELS]);
            self.stamp.push(self.clock);
        }
        r as usize
    }

    /// Brings a row's totals up to the clock before its weights change.
    fn catch_up(&mut self, r: usize) {
        let dt = (self.clock - self.stamp[r]) as f64;
        if dt > 0.0 {
            for c in r * N_LABELS..(r + 1) * N_LABELS {
                self.total[c] += self.w[c] as f64 * dt;
            }
        }
        self.stamp[r] = self.clock;
    }

    #[allow(clippy::needless_range_loop)] // cells index three parallel arrays
    fn averaged(&self) -> FloatWeights {
        let clock = self.clock.max(1) as f64;
        let mut avg = vec![0f32; self.w.len()];
        for r in 0..self.keys.len() {
            let dt = (self.clock - self.stamp[r]) as f64;
            for c in r * N_LABELS..(r + 1) * N_LABELS {
                avg[c] = ((self.total[c] + self.w[c] as f64 * dt) / clock) as f32;
            }
        }
        FloatWeights { keys: self.keys.clone(), rows: avg }
    }
}

impl Scorer for Trainer {
    fn score(&self, feats: &[u64], scores: &mut [f32; N_LABELS]) {
        *scores = [0.0; N_LABELS];
        for &f in feats {
            if let Some(r) = self.index.get(f) {
                let row = &self.w[r as usize * N_LABELS..(r as usize + 1) * N_LABELS];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    fn update(&mut self, feats: &[u64], label: u8, delta: f32) {
        for &f in feats {
            let r = self.row(f);
            self.catch_up(r);
            self.w[r * N_LABELS + label as usize] += delta;
        }
    }

    fn updated(&mut self) {
        self.updates += 1;
    }

    fn tick(&mut self, n: usize) {
        self.clock += n as u64;
    }
}

/// splitmix64: a small deterministic PRNG for shuffling.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}
