//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over joint `UPOS|XPOS`
//! tags (Collins 2002; features after Honnibal's "A good POS tagger in 200 lines").
//!
//! Frequent words that the training data always tags the same way skip the classifier (the tag
//! dictionary): that is both faster and as accurate.

use crate::binary::{read_file, Reader, Writer};
use crate::clusters::Clusters;
use crate::lemma::Lemmatizer;
use crate::lex::{hash_str, Lex, Rng, NONE};
use crate::linear::{KeyMap, Perceptron, Weights};
use crate::word_types::{
    self, context_features, flag_atoms, flag_features, keys, next_features, own_features,
    previous_features, second_next_features, second_previous_features, tag_features, TaggerScratch,
    OUTSIDE,
};
use crate::{Progress, SyntaxError};
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;
use tidings_corpus::conllu::Sentence;

const MAGIC: &[u8; 8] = b"TDNGSPOS";
const VERSION: u32 = 4;

/// A word needs this many occurrences, with one tag at least `TAGDICT_SHARE` of the time, to
/// enter the tag dictionary.
const TAGDICT_MIN: u32 = 50;
const TAGDICT_SHARE: f64 = 0.999;

/// Hyper-parameters of tagger training.
#[derive(Debug, Clone)]
pub struct TaggerOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Weights that quantise below this many units are pruned from the saved model.
    pub min_weight: i32,
}

impl Default for TaggerOptions {
    fn default() -> TaggerOptions {
        TaggerOptions {
            epochs: 10,
            seed: 1,
            min_weight: 4,
        }
    }
}

/// A tag: an index into the tagger's joint `UPOS|XPOS` tag set.
pub type TagId = u16;

/// The part-of-speech tagger and the lemmatizer trained with it.
pub struct Tagger {
    upos: Vec<String>,
    xpos: Vec<String>,
    weights: Weights,
    /// Word form hash → its only tag.
    tagdict: KeyMap<TagId>,
    /// Normalised form hash → hash of the set of tags the training data gave it.
    ambiguity: KeyMap<u64>,
    clusters: Clusters,
    lemmatizer: Lemmatizer,
    /// Tells these weights apart from another tagger's in a thread's word types (see
    /// [`crate::word_types`]); renewed whenever the weights change.
    owner: u64,
}

/// Number of tagger features per token.
const N_FEATS: usize = 53;

/// The hashed features of token `i` given the tags already predicted before it, each at its
/// template number: those of the token's word and its neighbours' words (summed once per word
/// type at run time, see [`crate::word_types`]) and those of its context.
#[inline]
pub(crate) fn features(lex: &[Lex], i: usize, p1: u64, p2: u64, out: &mut [u64; N_FEATS]) {
    let none = Lex::none();
    let at = |j: isize| {
        usize::try_from(j)
            .ok()
            .and_then(|j| lex.get(j))
            .unwrap_or(&none)
    };
    let i_ = i as isize;
    let words = own_features(at(i_))
        .into_iter()
        .chain(second_previous_features(at(i_ - 2)))
        .chain(previous_features(at(i_ - 1)))
        .chain(next_features(at(i_ + 1)))
        .chain(second_next_features(at(i_ + 2)));
    let (previous, flags, first) = flag_atoms(lex, i);
    let context = context_features(lex, i, p1, p2)
        .into_iter()
        .chain(tag_features(p1, p2))
        .chain(flag_features(previous, flags, first));
    for (template, key) in words.chain(context) {
        out[template] = key;
    }
}

/// Tag atoms for the two previous positions (`NONE` before the sentence).
#[inline]
fn prev_tags(tags: &[TagId], i: usize) -> (u64, u64) {
    let p1 = if i >= 1 { tags[i - 1] as u64 } else { NONE };
    let p2 = if i >= 2 { tags[i - 2] as u64 } else { NONE };
    (p1, p2)
}

impl Tagger {
    /// Loads `pos.bin`-style model files.
    pub fn load(path: &Path) -> Result<Tagger, SyntaxError> {
        let bytes = read_file(path)?;
        let mut r = Reader::open(&bytes, path, MAGIC, VERSION)?;
        let upos = r.strs()?;
        let xpos = r.strs()?;
        let weights = Weights::read(&mut r)?;
        let dict_keys = r.u64s()?;
        let dict_tags = r.u16s()?;
        let (amb_keys, amb_values) = (r.u64s()?, r.u64s()?);
        let clusters = Clusters::read(&mut r)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        r.finish()?;
        if upos.len() != xpos.len()
            || upos.len() != weights.n_classes()
            || dict_keys.len() != dict_tags.len()
        {
            return Err(r.bad("tag set sizes disagree"));
        }
        if dict_tags.iter().any(|&t| t as usize >= upos.len()) {
            return Err(r.bad("tag dictionary names an unknown tag"));
        }
        if amb_keys.len() != amb_values.len() {
            return Err(r.bad("ambiguity table sizes disagree"));
        }
        let tagdict = dict_keys.into_iter().zip(dict_tags).collect();
        let ambiguity = amb_keys.into_iter().zip(amb_values).collect();
        Ok(Tagger {
            upos,
            xpos,
            weights,
            tagdict,
            ambiguity,
            clusters,
            lemmatizer,
            owner: word_types::new_owner(),
        })
    }

    pub fn save(&self, path: &Path) -> Result<(), SyntaxError> {
        let mut w = Writer::new(MAGIC, VERSION);
        w.strs(&self.upos);
        w.strs(&self.xpos);
        self.weights.write(&mut w);
        let mut dict: Vec<(u64, TagId)> = self.tagdict.iter().map(|(k, v)| (*k, *v)).collect();
        dict.sort_unstable();
        w.u64s(&dict.iter().map(|d| d.0).collect::<Vec<_>>());
        w.u16s(&dict.iter().map(|d| d.1).collect::<Vec<_>>());
        let mut amb: Vec<(u64, u64)> = self.ambiguity.iter().map(|(k, v)| (*k, *v)).collect();
        amb.sort_unstable();
        w.u64s(&amb.iter().map(|d| d.0).collect::<Vec<_>>());
        w.u64s(&amb.iter().map(|d| d.1).collect::<Vec<_>>());
        self.clusters.write(&mut w);
        self.lemmatizer.write(&mut w);
        w.save(path)
    }

    /// Number of tags in the joint tag set.
    pub fn n_tags(&self) -> usize {
        self.upos.len()
    }

    pub fn upos(&self, tag: TagId) -> &str {
        &self.upos[tag as usize]
    }

    pub fn xpos(&self, tag: TagId) -> &str {
        &self.xpos[tag as usize]
    }

    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    /// The lemma of `word` tagged `tag`; the same as before for a word met again on this
    /// thread (see [`word_types::Spellings`]).
    pub fn lemma(&self, word: &str, tag: TagId) -> String {
        let lemmatize = || {
            self.lemmatizer
                .lemma_with(word, self.xpos(tag), &|w| self.clusters.contains(w))
        };
        word_types::with_scratch(|scratch| {
            scratch.spellings.lemma(self.owner, word, tag, lemmatize)
        })
    }

    /// Number of features and of weights in the model.
    pub fn size(&self) -> (usize, usize) {
        self.weights.size()
    }

    /// The lexical atoms of a word, with its clusters and ambiguity class.
    pub(crate) fn lex(&self, word: &str) -> Lex {
        let mut lex = Lex::of(word);
        fill(&mut lex, &self.clusters, &self.ambiguity);
        lex
    }

    /// The lexical atoms of a sentence's words into `out` (cleared first): those of words met
    /// before on this thread as they were then (see [`word_types::Spellings`]), the others
    /// worked out. The cluster table is megabytes: every new word's slots are asked for before
    /// any is read.
    pub(crate) fn lex_sentence(&self, words: &[&str], out: &mut Vec<Lex>) {
        out.clear();
        word_types::with_scratch(|scratch| {
            let TaggerScratch {
                spellings, misses, ..
            } = scratch;
            spellings.start(self.owner);
            misses.clear();
            for (i, word) in words.iter().enumerate() {
                out.push(spellings.lex(word).unwrap_or_else(|| {
                    misses.push(i);
                    Lex::of(word)
                }));
            }
            for &i in misses.iter() {
                self.clusters.prefetch(out[i].form, out[i].norm);
            }
            for &i in misses.iter() {
                fill(&mut out[i], &self.clusters, &self.ambiguity);
                spellings.insert(words[i], out[i]);
            }
        })
    }

    /// The word clusters this tagger was trained with.
    pub fn clusters(&self) -> &Clusters {
        &self.clusters
    }

    /// Tags one sentence of words.
    pub fn tag(&self, words: &[&str]) -> Vec<TagId> {
        let mut lex = Vec::with_capacity(words.len());
        self.lex_sentence(words, &mut lex);
        let mut tags = Vec::with_capacity(words.len());
        self.tag_lex(&lex, &mut tags);
        tags
    }

    /// Tags one sentence from its lexical atoms into `tags` (cleared first), with this
    /// thread's word types.
    pub(crate) fn tag_lex(&self, lex: &[Lex], tags: &mut Vec<TagId>) {
        word_types::with_scratch(|scratch| self.tag_lex_with(lex, tags, scratch))
    }

    /// As [`Tagger::tag_lex`]: each token's score is the summed weights of the features its
    /// own and its neighbours' word types bring (kept in `scratch.types`), of its tag and flag
    /// features (kept in `scratch.context`) and of its [`context_features`], the same integers
    /// as scoring all its [`features`].
    pub(crate) fn tag_lex_with(
        &self,
        lex: &[Lex],
        tags: &mut Vec<TagId>,
        scratch: &mut TaggerScratch,
    ) {
        tags.clear();
        let TaggerScratch {
            types,
            context,
            entries,
            scores,
            ..
        } = scratch;
        types.start(self, lex.len());
        context.start(self);
        entries.clear();
        entries.extend(lex.iter().map(|l| types.lookup(l, self)));
        scores.resize(self.n_tags(), 0);
        let entry = |j: usize| entries.get(j).copied().unwrap_or(OUTSIDE);
        // The entries of token `i`'s word and of its neighbours, by position.
        let around = |i: usize| {
            let mut around = [OUTSIDE; word_types::POSITIONS];
            around[word_types::OWN] = entries[i];
            around[word_types::SECOND_PREVIOUS] = if i >= 2 { entries[i - 2] } else { OUTSIDE };
            around[word_types::PREVIOUS] = if i >= 1 { entries[i - 1] } else { OUTSIDE };
            around[word_types::NEXT] = entry(i + 1);
            around[word_types::SECOND_NEXT] = entry(i + 2);
            around
        };
        for (i, &k) in entries.iter().enumerate() {
            // The next token's rows are known already: start loading them while this one is
            // scored.
            if entries
                .get(i + 1)
                .is_some_and(|&k| types.dictionary_tag(k).is_none())
            {
                types.prefetch(around(i + 1));
            }
            if let Some(t) = types.dictionary_tag(k) {
                tags.push(t);
                continue;
            }
            let (p1, p2) = prev_tags(tags, i);
            self.weights
                .score(&keys(context_features(lex, i, p1, p2)), scores);
            types.add_to(around(i), context.rows(self, lex, i, p1, p2), scores);
            tags.push(argmax_i32(scores) as TagId);
        }
    }

    /// Tags as [`Tagger::tag_lex`] did before word types, scoring every feature of every
    /// token: the reference that decoding by word types must equal.
    #[cfg(test)]
    pub(crate) fn tag_lex_by_features(&self, lex: &[Lex], tags: &mut Vec<TagId>) {
        tags.clear();
        let mut feats = [0u64; N_FEATS];
        let mut scores = vec![0i32; self.n_tags()];
        for i in 0..lex.len() {
            if let Some(&t) = self.tagdict.get(&lex[i].form) {
                tags.push(t);
                continue;
            }
            let (p1, p2) = prev_tags(tags, i);
            features(lex, i, p1, p2, &mut feats);
            self.weights.score(&feats, &mut scores);
            let best = argmax_i32(&scores);
            tags.push(best as TagId);
        }
    }

    /// This tagger without the weights below `min_weight` quanta: another tagger.
    #[cfg(test)]
    pub(crate) fn pruned(mut self, min_weight: i32) -> Tagger {
        self.weights = self.weights.pruned(min_weight);
        self.owner = word_types::new_owner();
        self
    }

    /// Writes into `scores` (one per tag) the summed weights of `features`.
    pub(crate) fn score(&self, features: &[u64], scores: &mut [i32]) {
        self.weights.score(features, scores)
    }

    /// Tells this tagger's current weights apart from any other's (see [`crate::word_types`]).
    pub(crate) fn owner(&self) -> u64 {
        self.owner
    }

    /// The tag dictionary's tag for the word with form hash `form`.
    pub(crate) fn dictionary_tag(&self, form: u64) -> Option<TagId> {
        self.tagdict.get(&form).copied()
    }

    /// Writes into `rows` (one row of `n_tags` per position of [`crate::word_types`], in
    /// their order) the summed weights of the features the word `lex` brings to a token at
    /// each position from it.
    pub(crate) fn position_sums(&self, lex: &Lex, rows: &mut [i32]) {
        use word_types::{NEXT, OWN, PREVIOUS, SECOND_NEXT, SECOND_PREVIOUS};
        let n = self.n_tags();
        let mut score = |position: usize, feats: &[u64]| {
            self.weights
                .score(feats, &mut rows[position * n..(position + 1) * n])
        };
        let (own, second_previous) = (keys(own_features(lex)), keys(second_previous_features(lex)));
        let (previous, next) = (keys(previous_features(lex)), keys(next_features(lex)));
        let second_next = keys(second_next_features(lex));
        // The bound that keeps word types' sums in 16 bits counts these.
        debug_assert_eq!(
            own.len() + second_previous.len() + previous.len() + next.len() + second_next.len(),
            word_types::FEATURES
        );
        score(OWN, &own);
        score(SECOND_PREVIOUS, &second_previous);
        score(PREVIOUS, &previous);
        score(NEXT, &next);
        score(SECOND_NEXT, &second_next);
    }

    /// Trains a tagger and lemmatizer on `train`, reporting dev accuracy after every epoch.
    pub fn train(
        train: &[Sentence],
        dev: &[Sentence],
        options: &TaggerOptions,
        clusters: &Clusters,
        progress: Progress,
    ) -> Result<Tagger, SyntaxError> {
        crate::refuse_empty(train)?;
        let started = Instant::now();
        // The joint tag set, in order of first appearance so it does not depend on hash order.
        let mut index: HashMap<(&str, &str), TagId> = HashMap::new();
        let (mut upos, mut xpos) = (Vec::new(), Vec::new());
        for w in train.iter().flat_map(|s| &s.words) {
            index.entry((&w.upos, &w.xpos)).or_insert_with(|| {
                upos.push(w.upos.clone());
                xpos.push(w.xpos.clone());
                (upos.len() - 1) as TagId
            });
        }
        let gold: Vec<Vec<TagId>> = train
            .iter()
            .map(|s| {
                s.words
                    .iter()
                    .map(|w| index[&(&*w.upos, &*w.xpos)])
                    .collect()
            })
            .collect();
        let mut lexes: Vec<Vec<Lex>> = train
            .iter()
            .map(|s| s.words.iter().map(|w| Lex::of(&w.form)).collect())
            .collect();
        let ambiguity = ambiguity_classes(&lexes, &gold, &upos, &xpos);
        for l in lexes.iter_mut().flatten() {
            fill(l, clusters, &ambiguity);
        }

        let mut counts: HashMap<u64, HashMap<TagId, u32>> = HashMap::new();
        for (lex, tags) in lexes.iter().zip(&gold) {
            for (l, &t) in lex.iter().zip(tags) {
                *counts.entry(l.form).or_default().entry(t).or_default() += 1;
            }
        }
        let mut tagdict = KeyMap::default();
        for (form, tags) in counts {
            let total: u32 = tags.values().sum();
            let (&tag, &n) = tags
                .iter()
                .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))
                .unwrap();
            if total >= TAGDICT_MIN && n as f64 / total as f64 >= TAGDICT_SHARE {
                tagdict.insert(form, tag);
            }
        }
        let lemmatizer = Lemmatizer::learn(
            train
                .iter()
                .flat_map(|s| &s.words)
                .map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str())),
            &|w| clusters.contains(w),
        );

        let n_tags = upos.len();
        let mut model = Perceptron::new(n_tags);
        let mut rng = Rng::new(options.seed);
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut scores = vec![0f32; n_tags];
        let mut feats = [0u64; N_FEATS];
        let mut tagger = Tagger {
            upos,
            xpos,
            weights: model.freeze(1),
            tagdict,
            ambiguity,
            clusters: clusters.clone(),
            lemmatizer,
            owner: word_types::new_owner(),
        };
        for epoch in 1..=options.epochs {
            rng.shuffle(&mut order);
            let (mut right, mut total) = (0usize, 0usize);
            let mut tags: Vec<TagId> = Vec::new();
            for &s in &order {
                tags.clear();
                let lex = &lexes[s];
                for i in 0..lex.len() {
                    let truth = gold[s][i];
                    if let Some(&t) = tagger.tagdict.get(&lex[i].form) {
                        tags.push(t);
                        continue;
                    }
                    let (p1, p2) = prev_tags(&tags, i);
                    features(lex, i, p1, p2, &mut feats);
                    model.score(&feats, &mut scores);
                    let guess = argmax_f32(&scores);
                    model.update(&feats, truth as usize, guess);
                    model.tick();
                    right += (guess == truth as usize) as usize;
                    total += 1;
                    tags.push(guess as TagId);
                }
            }
            tagger.weights = model.freeze(options.min_weight);
            tagger.owner = word_types::new_owner();
            let (dev_upos, _, _) = tagger.accuracy(dev);
            progress(&format!(
                "epoch {epoch}/{}: train acc {:.2} (non-dictionary words), dev UPOS {:.2}, {:.0}s",
                options.epochs,
                100.0 * right as f64 / total.max(1) as f64,
                100.0 * dev_upos,
                started.elapsed().as_secs_f64()
            ));
        }
        Ok(tagger)
    }

    /// UPOS, XPOS and lemma accuracy on gold-tokenized sentences.
    pub fn accuracy(&self, sentences: &[Sentence]) -> (f64, f64, f64) {
        let (mut u, mut x, mut l, mut n) = (0usize, 0usize, 0usize, 0usize);
        for s in sentences {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let tags = self.tag(&words);
            for (w, &t) in s.words.iter().zip(&tags) {
                u += (self.upos(t) == w.upos) as usize;
                x += (self.xpos(t) == w.xpos) as usize;
                l += (self.lemma(&w.form, t) == w.lemma) as usize;
                n += 1;
            }
        }
        let n = n.max(1) as f64;
        (u as f64 / n, x as f64 / n, l as f64 / n)
    }
}

/// A tag enters a word's ambiguity class when it has at least this share of the word's uses.
const AMBIGUITY_SHARE: f64 = 0.05;
/// Only words seen this often get an ambiguity class: for rarer words the class would just
/// repeat the gold tag of the very token being trained on.
const AMBIGUITY_MIN: u32 = 10;

/// Each training word's ambiguity class: a hash of the names of its frequent tags.
fn ambiguity_classes(
    lexes: &[Vec<Lex>],
    gold: &[Vec<TagId>],
    upos: &[String],
    xpos: &[String],
) -> KeyMap<u64> {
    let mut counts: HashMap<u64, HashMap<TagId, u32>> = HashMap::new();
    for (lex, tags) in lexes.iter().zip(gold) {
        for (l, &t) in lex.iter().zip(tags) {
            *counts.entry(l.norm).or_default().entry(t).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, tags)| tags.values().sum::<u32>() >= AMBIGUITY_MIN)
        .map(|(norm, tags)| {
            let total: u32 = tags.values().sum();
            let mut names: Vec<String> = tags
                .iter()
                .filter(|(_, &n)| n as f64 >= AMBIGUITY_SHARE * total as f64)
                .map(|(&t, _)| format!("{}|{}", upos[t as usize], xpos[t as usize]))
                .collect();
            names.sort_unstable();
            (norm, hash_str(&names.join(" ")))
        })
        .collect()
}

/// Adds clusters and the ambiguity class to a word's atoms.
fn fill(lex: &mut Lex, clusters: &Clusters, ambiguity: &KeyMap<u64>) {
    lex.cluster = clusters.get(lex.form, lex.norm);
    lex.amb = ambiguity.get(&lex.norm).copied().unwrap_or(NONE);
}

/// The index of the highest score; the lowest index wins ties, so results are deterministic.
pub(crate) fn argmax_f32(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// As [`argmax_f32`], in two passes (the maximum, then its first position) that compile to
/// vector code, where one pass with a running index does not. (`Iterator::max` does not
/// either: its comparisons stay scalar; a fold over `max` does not.) The position is looked
/// for 16 scores at a time.
#[inline]
pub(crate) fn argmax_i32(scores: &[i32]) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has just been found to support AVX2.
        return unsafe { argmax_i32_avx2(scores) };
    }
    argmax_i32_portable(scores)
}

/// The same code, compiled with AVX2's 8-lane maximum and comparisons (the baseline has no
/// 32-bit maximum instruction, and emulates it).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn argmax_i32_avx2(scores: &[i32]) -> usize {
    argmax_i32_portable(scores)
}

#[inline(always)]
fn argmax_i32_portable(scores: &[i32]) -> usize {
    let max = scores.iter().fold(i32::MIN, |m, &s| m.max(s));
    let holds_max = |chunk: &[i32]| chunk.iter().fold(false, |any, &s| any | (s == max));
    let Some(c) = scores.chunks(16).position(holds_max) else {
        return 0;
    };
    let chunk = &scores[c * 16..];
    c * 16 + chunk.iter().position(|&s| s == max).unwrap_or(0)
}
