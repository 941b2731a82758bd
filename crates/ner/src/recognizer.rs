//! Left-to-right beam search over BILOU labels for a document, shared by training (which
//! updates the weights as it decodes) and inference.

use crate::clusters::Clusters;
use crate::features::{self, DocMemory, Obs, Scratch, NONE};
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::model::{self, Scorer, Weights};
use crate::tags::{self, EntitySpan, N_LABELS};
use crate::NerError;
use std::cell::RefCell;
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Buffers reused from document to document.
#[derive(Debug)]
pub(crate) struct Buffers {
    pub(crate) scratch: Scratch,
    obs: Vec<Vec<Obs>>,
    pub(crate) memory: DocMemory,
    /// Label-independent features of every token of the sentence, flattened, and their offsets.
    feats: Vec<u64>,
    offsets: Vec<usize>,
    /// Label-independent scores of every token of the sentence.
    scores: Vec<[f32; N_LABELS]>,
    /// Decoding only: the word types met (see [`Lexicon`]), the entry of every word of the
    /// document, and each token's summed rows of its word type's and neighbours' features.
    lexicon: Lexicon,
    types: Vec<u32>,
    base: Vec<[i32; N_LABELS]>,
    beam: Vec<Hyp>,
    /// The two previous labels of each hypothesis in the beam, and its label-dependent scores.
    prevs: Vec<(u8, u8)>,
    dyns: Vec<[f32; N_LABELS]>,
    next: Vec<Hyp>,
    /// The best candidates of a step, best first: score and candidate number (room for the
    /// beam's width, of which a step uses a prefix).
    top: Vec<(f32, u32)>,
    arena: Vec<(u8, u32)>,
    gold_path: Vec<u8>,
    best_path: Vec<u8>,
}

impl Default for Buffers {
    fn default() -> Buffers {
        Buffers {
            scratch: Scratch::default(),
            obs: Vec::new(),
            memory: DocMemory::default(),
            feats: Vec::new(),
            offsets: Vec::new(),
            scores: Vec::new(),
            lexicon: Lexicon::default(),
            types: Vec::new(),
            base: Vec::new(),
            beam: Vec::new(),
            prevs: Vec::new(),
            dyns: Vec::new(),
            next: Vec::new(),
            top: Vec::new(),
            arena: Vec::new(),
            gold_path: Vec::new(),
            best_path: Vec::new(),
        }
    }
}

/// A partial labelling in the beam: its score, last two labels and its path in the arena.
#[derive(Debug, Clone, Copy)]
struct Hyp {
    score: f32,
    prev: u8,
    prev2: u8,
    node: u32,
    /// Its path equals the gold labels so far (training only).
    gold: bool,
}

const ROOT: u32 = u32::MAX;

/// Labels every token of a document (`words`, split into `sentences` by token ranges) into
/// `labels`, with a beam of `width` over BILOU sequences. With `gold` labels, the scorer
/// learns: an early-update perceptron (Collins & Roark 2004) updates when the gold prefix
/// falls out of the beam, or at the end when the best sequence is not the gold one.
#[allow(clippy::too_many_arguments)]
pub(crate) fn tag_document<S: AsRef<str>, W: Scorer>(
    scorer: &mut W,
    gaz: &Gazetteer,
    clusters: &Clusters,
    words: &[S],
    sentences: &[Range<usize>],
    width: usize,
    gold: Option<&[u8]>,
    buf: &mut Buffers,
    labels: &mut Vec<u8>,
) {
    labels.clear();
    labels.resize(words.len(), tags::O);
    if buf.obs.len() < sentences.len() {
        buf.obs.resize_with(sentences.len(), Vec::new);
    }
    for (s, range) in sentences.iter().enumerate() {
        let mut obs = std::mem::take(&mut buf.obs[s]);
        features::observe(&words[range.clone()], clusters, gaz, &mut obs, &mut buf.scratch);
        buf.obs[s] = obs;
    }
    buf.memory.start(&buf.obs[..sentences.len()]);
    for (s, range) in sentences.iter().enumerate() {
        let obs = std::mem::take(&mut buf.obs[s]);
        let headline = features::is_headline(&words[range.clone()]);
        let out = &mut labels[range.clone()];
        let gold = gold.map(|g| &g[range.clone()]);
        score_statics(scorer, &obs, headline, buf);
        if !tag_sentence(scorer, &obs, width, gold, buf, out) {
            // An early update stopped the sentence: label it with the corrected weights so the
            // document memory sees a full sentence.
            score_statics(scorer, &obs, headline, buf);
            tag_sentence(scorer, &obs, width, None, buf, out);
        }
        buf.memory.remember(&obs, out);
        buf.obs[s] = obs;
    }
}

/// Inference: [`tag_document`] with frozen weights, which lets the features a word brings to
/// itself and its neighbours be summed once per word type (in `buf.lexicon`) rather than per
/// token. The scores, hence the labels, are the same.
fn decode_document<S: AsRef<str>>(rec: &Recognizer, words: &[S], sentences: &[Range<usize>], buf: &mut Buffers, labels: &mut Vec<u8>) {
    labels.clear();
    labels.resize(words.len(), tags::O);
    if buf.obs.len() < sentences.len() {
        buf.obs.resize_with(sentences.len(), Vec::new);
    }
    buf.lexicon.start(rec.id, words.len());
    buf.types.clear();
    buf.types.resize(words.len(), 0);
    for (s, range) in sentences.iter().enumerate() {
        let mut obs = std::mem::take(&mut buf.obs[s]);
        obs.clear();
        for j in range.clone() {
            let k = buf.lexicon.lookup(words[j].as_ref(), &rec.weights, &rec.clusters, &rec.gaz);
            buf.types[j] = k;
            obs.push(buf.lexicon.get(k).obs);
        }
        let lexicon = &buf.lexicon;
        let keys = buf.types[range.clone()].iter().map(|&k| (lexicon.get(k).gaz_key, lexicon.get(k).gaz_first));
        features::mark_gazetteer(&rec.gaz, keys, &mut obs, &mut buf.scratch);
        buf.obs[s] = obs;
    }
    buf.memory.start(&buf.obs[..sentences.len()]);
    let mut weights = &rec.weights;
    for (s, range) in sentences.iter().enumerate() {
        let obs = std::mem::take(&mut buf.obs[s]);
        let headline = features::is_headline(&words[range.clone()]);
        buf.feats.clear();
        buf.offsets.clear();
        buf.base.clear();
        let lexicon = &buf.lexicon;
        let types = &buf.types[range.clone()];
        for i in 0..obs.len() {
            buf.offsets.push(buf.feats.len());
            features::context_features(&obs, i, headline, &buf.memory, &mut buf.feats);
            let lexeme = lexicon.get(types[i]);
            let mut base = lexeme.own;
            if headline && lexeme.obs.acronym {
                // An abbreviation's cluster features differ in a headline: summed afresh.
                let start = buf.feats.len();
                features::own_features(&obs[i], true, &mut buf.feats);
                base = rec.weights.sum_rows(&buf.feats[start..]);
                buf.feats.truncate(start);
            }
            if i > 0 {
                let left = &lexicon.get(types[i - 1]).left;
                base = std::array::from_fn(|l| base[l] + left[l]);
            }
            if i + 1 < obs.len() {
                let right = &lexicon.get(types[i + 1]).right;
                base = std::array::from_fn(|l| base[l] + right[l]);
            }
            buf.base.push(base);
        }
        buf.offsets.push(buf.feats.len());
        buf.scores.clear();
        rec.weights.score_tokens_from(&buf.base, &buf.feats, &buf.offsets, &mut buf.scores);
        let out = &mut labels[range.clone()];
        tag_sentence(&mut weights, &obs, rec.beam, None, buf, out);
        buf.memory.remember(&obs, out);
        buf.obs[s] = obs;
    }
}

/// The label-independent features of every token of a sentence into `buf.feats` (token `i`'s
/// at `buf.offsets[i]..buf.offsets[i + 1]`), and their scores into `buf.scores`.
fn score_statics<W: Scorer>(scorer: &W, obs: &[Obs], headline: bool, buf: &mut Buffers) {
    buf.feats.clear();
    buf.offsets.clear();
    buf.scores.clear();
    for i in 0..obs.len() {
        buf.offsets.push(buf.feats.len());
        features::extract_static(obs, i, headline, &buf.memory, &mut buf.feats);
    }
    buf.offsets.push(buf.feats.len());
    scorer.score_tokens(&buf.feats, &buf.offsets, &mut buf.scores);
}

/// Beam search over one sentence whose label-independent scores are in `buf.scores`. Returns
/// false when training stopped it early.
#[allow(clippy::needless_range_loop)] // labels index several parallel arrays
fn tag_sentence<W: Scorer>(scorer: &mut W, obs: &[Obs], width: usize, gold: Option<&[u8]>, buf: &mut Buffers, out: &mut [u8]) -> bool {
    let n = obs.len();
    scorer.tick(n);

    buf.arena.clear();
    buf.beam.clear();
    buf.beam.push(Hyp { score: 0.0, prev: NONE, prev2: NONE, node: ROOT, gold: gold.is_some() });
    for i in 0..n {
        let last = i + 1 == n;
        buf.prevs.clear();
        buf.prevs.extend(buf.beam.iter().map(|h| (h.prev, h.prev2)));
        // Every entry is written by `score_dynamic`: the buffer only grows.
        if buf.dyns.len() < buf.beam.len() {
            buf.dyns.resize(buf.beam.len(), [0f32; N_LABELS]);
        }
        scorer.score_dynamic(&obs[i], &buf.prevs, &mut buf.dyns[..buf.beam.len()]);
        // A candidate extends hypothesis `h` with label `l`; its number `h * N_LABELS + l`
        // orders candidates as they are made. Two paths ending in the same two labels have the
        // same future: of the candidates of a (previous label, label) state, only the best
        // (the earlier on a tie) is kept. The hypotheses of one previous label make all its
        // states, so they are taken together: their candidates for every label at once (the
        // labels not allowed are worked out for nothing, which costs less than skipping them),
        // then each allowed state is offered to the best list.
        let statics = &buf.scores[i];
        let beam = &buf.beam[..];
        buf.top.resize(width, (0.0, 0));
        let top = &mut buf.top[..width];
        let mut len = 0; // the best list is `top[..len]`
        let mut taken = 0u32; // the previous labels whose hypotheses were taken
        for (h, hyp) in beam.iter().enumerate() {
            if taken & (1 << hyp.prev) != 0 {
                continue;
            }
            taken |= 1 << hyp.prev;
            let (best, from) = group_states(beam, h, statics, &buf.dyns);
            let mut allowed = tags::ALLOWED[hyp.prev as usize][last as usize];
            if len == width {
                // With the list full, a state scoring below its last is not among the best
                // (scores only rise as the list fills, and are never NaN: sums of finite
                // numbers far from overflowing): most states are dropped at once here.
                allowed &= at_least(&best, top[width - 1].0);
            }
            while allowed != 0 {
                let l = allowed.trailing_zeros() as usize;
                allowed &= allowed - 1;
                offer(top, &mut len, best[l], from[l] * N_LABELS as u32 + l as u32);
            }
        }
        buf.next.clear();
        for &(score, cand) in &top[..len] {
            let (h, label) = (cand as usize / N_LABELS, (cand as usize % N_LABELS) as u8);
            let from = buf.beam[h];
            buf.arena.push((label, from.node));
            let is_gold = from.gold && gold.is_some_and(|g| g[i] == label);
            buf.next.push(Hyp { score, prev: label, prev2: from.prev, node: (buf.arena.len() - 1) as u32, gold: is_gold });
        }
        std::mem::swap(&mut buf.beam, &mut buf.next);
        if let Some(g) = gold {
            if !buf.beam.iter().any(|h| h.gold) {
                let best = buf.beam[0].node;
                update(scorer, obs, &g[..=i], best, buf);
                return false;
            }
        }
    }
    let best = buf.beam[0];
    if let Some(g) = gold {
        if !best.gold {
            update(scorer, obs, g, best.node, buf);
        }
    }
    path(&buf.arena, best.node, &mut buf.best_path);
    out.copy_from_slice(&buf.best_path);
    true
}

/// The states after the hypotheses of `beam[h]`'s previous label (`beam[h]` the first of
/// them): for every label, the best candidate's score and its hypothesis. Not inlined: on its
/// own it compiles to vector adds, inlined into the beam to scalar ones.
#[inline(never)]
fn group_states(beam: &[Hyp], h: usize, statics: &[f32; N_LABELS], dyns: &[[f32; N_LABELS]]) -> ([f32; N_LABELS], [u32; N_LABELS]) {
    let hyp = &beam[h];
    let first = &dyns[h];
    let mut best: [f32; N_LABELS] = std::array::from_fn(|l| hyp.score + statics[l] + first[l]);
    let mut from = [h as u32; N_LABELS];
    for (h2, other) in beam.iter().enumerate().skip(h + 1) {
        if other.prev == hyp.prev {
            let dyns = &dyns[h2];
            for l in 0..N_LABELS {
                let score = other.score + statics[l] + dyns[l];
                if best[l] < score {
                    best[l] = score;
                    from[l] = h2 as u32;
                }
            }
        }
    }
    (best, from)
}

/// The labels whose score is at least `floor`, as bits. Not inlined, as [`group_states`].
#[inline(never)]
fn at_least(scores: &[f32; N_LABELS], floor: f32) -> u32 {
    let mut bits = 0;
    for (l, &s) in scores.iter().enumerate() {
        bits |= ((s >= floor) as u32) << l;
    }
    bits
}

/// Keeps candidate `(score, cand)` in `top[..len]`, the best candidates so far (at most
/// `top.len()`), best first; ties go to the earlier candidate (deterministic). The order
/// candidates are offered in does not matter: the kept list is the first candidates under one
/// total order (score, then number).
#[inline(always)]
fn offer(top: &mut [(f32, u32)], len: &mut usize, score: f32, cand: u32) {
    let before = |&(ts, tc): &(f32, u32)| ts > score || (ts == score && tc < cand);
    let mut j = *len;
    if j == top.len() {
        if before(&top[j - 1]) {
            return; // not among the best: the common case, decided by one comparison
        }
        j -= 1; // the last makes room
    } else {
        *len += 1;
    }
    // Insertion into a short sorted list: those after the new one move down.
    while j > 0 && !before(&top[j - 1]) {
        top[j] = top[j - 1];
        j -= 1;
    }
    top[j] = (score, cand);
}

/// The labels along a path of the arena, first to last.
fn path(arena: &[(u8, u32)], mut node: u32, out: &mut Vec<u8>) {
    out.clear();
    while node != ROOT {
        let (l, parent) = arena[node as usize];
        out.push(l);
        node = parent;
    }
    out.reverse();
}

/// Perceptron update: towards the gold prefix, away from the predicted one.
#[allow(clippy::needless_range_loop)] // positions index several parallel arrays
fn update<W: Scorer>(scorer: &mut W, obs: &[Obs], gold: &[u8], predicted: u32, buf: &mut Buffers) {
    buf.gold_path.clear();
    buf.gold_path.extend_from_slice(gold);
    path(&buf.arena, predicted, &mut buf.best_path);
    let mut dynf = [0u64; 4];
    let (mut gp, mut gp2, mut pp, mut pp2) = (NONE, NONE, NONE, NONE);
    for i in 0..gold.len() {
        let (g, p) = (buf.gold_path[i], buf.best_path[i]);
        let stat = &buf.feats[buf.offsets[i]..buf.offsets[i + 1]];
        if g != p {
            scorer.update(stat, g, 1.0);
            scorer.update(stat, p, -1.0);
        }
        if g != p || gp != pp || gp2 != pp2 {
            features::extract_dynamic(&obs[i], gp, gp2, &mut dynf);
            scorer.update(&dynf, g, 1.0);
            features::extract_dynamic(&obs[i], pp, pp2, &mut dynf);
            scorer.update(&dynf, p, -1.0);
        }
        (gp2, gp, pp2, pp) = (gp, g, pp, p);
    }
    scorer.updated();
}

thread_local! {
    /// This thread's decoding buffers, reused from document to document rather than grown
    /// anew for each.
    static SPARE: RefCell<Option<(Buffers, Vec<u8>)>> = const { RefCell::new(None) };
}

/// A trained named-entity recognizer: weights, gazetteer and word clusters.
#[derive(Debug, Clone)]
pub struct Recognizer {
    pub(crate) weights: Weights,
    pub(crate) gaz: Gazetteer,
    pub(crate) clusters: Clusters,
    /// Beam width used in training and decoding.
    pub(crate) beam: usize,
    /// Tells this recognizer's word types apart from another's in a thread's [`Lexicon`];
    /// a copy (same weights) keeps it.
    pub(crate) id: u64,
}

/// The model file's name inside a model directory.
pub const MODEL_FILE: &str = "ner.bin";

impl Recognizer {
    pub(crate) fn new(weights: Weights, gaz: Gazetteer, clusters: Clusters, beam: usize) -> Recognizer {
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        Recognizer { weights, gaz, clusters, beam, id: NEXT_ID.fetch_add(1, Ordering::Relaxed) }
    }

    /// Loads `dir/ner.bin`.
    pub fn load(dir: &Path) -> Result<Recognizer, NerError> {
        let (weights, gaz, clusters, beam) = model::load(&dir.join(MODEL_FILE))?;
        Ok(Recognizer::new(weights, gaz, clusters, beam))
    }

    /// Writes `dir/ner.bin` (creating `dir`).
    pub fn save(&self, dir: &Path) -> Result<(), NerError> {
        std::fs::create_dir_all(dir).map_err(|e| NerError::io(dir, e))?;
        model::save(&dir.join(MODEL_FILE), &self.weights, &self.gaz, &self.clusters, self.beam)
    }

    /// Finds the entities of one document given as tokens (`words`) and sentences (ranges of
    /// token indexes, in order). Spans are token ranges into `words`, sorted by start.
    pub fn recognize<S: AsRef<str>>(&self, words: &[S], sentences: &[Range<usize>]) -> Vec<EntitySpan> {
        // The buffers are taken out while in use, so that a panic (which the pipeline catches
        // per document) drops them instead of leaving half-reset ones for the next document.
        let (mut buf, mut labels) = SPARE.with(|s| s.borrow_mut().take()).unwrap_or_default();
        let found = self.recognize_with(words, sentences, &mut buf, &mut labels);
        SPARE.with(|s| *s.borrow_mut() = Some((buf, labels)));
        found
    }

    pub(crate) fn recognize_with<S: AsRef<str>>(
        &self,
        words: &[S],
        sentences: &[Range<usize>],
        buf: &mut Buffers,
        labels: &mut Vec<u8>,
    ) -> Vec<EntitySpan> {
        decode_document(self, words, sentences, buf, labels);
        let mut out = Vec::new();
        for r in sentences {
            out.extend(tags::decode(&labels[r.clone()]).into_iter().map(|mut e| {
                e.start += r.start;
                e.end += r.start;
                e
            }));
        }
        out
    }

    /// A copy without the features whose largest weight is below `min` in absolute value
    /// (weights are `i16`, the largest in the model being 32767): a smaller, faster model.
    pub fn pruned(&self, min: i16) -> Recognizer {
        let kept: Vec<(u64, [i16; N_LABELS])> =
            self.weights.entries().filter(|(_, row)| row.iter().any(|w| w.unsigned_abs() >= min.unsigned_abs())).collect();
        let weights = Weights::from_rows(kept.len(), kept.into_iter());
        Recognizer::new(weights, self.gaz.clone(), self.clusters.clone(), self.beam)
    }

    /// Number of weight rows (features kept), for model cards.
    pub fn feature_count(&self) -> usize {
        self.weights.len()
    }
}

