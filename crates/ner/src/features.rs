//! Per-token observations and the feature templates of the tagger.
//!
//! A feature is a `u64` key, `hash::feature(template, value)`. Observations that do not depend
//! on the labels (word, shape, affixes, clusters, gazetteer matches) are computed once per
//! sentence into [`Obs`]; the label-dependent ones (previous labels, what the document said
//! earlier about the same word) are added while decoding left to right.

use crate::clusters::{Clusters, LEVELS};
use crate::gazetteer::Gazetteer;
use crate::hash::{self, feature};
use crate::tags::N_LABELS;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// What the tagger knows about one token before labelling.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Obs {
    word: u64,
    pub(crate) lower: u64,
    shape: u64,
    short: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
    clusters: Option<[u16; LEVELS]>,
    pub(crate) gaz: u64,
    /// Whether the token is an all-capitals abbreviation (`U.S.`, `US`, `NATO`); its `word`
    /// is then the hash of its letters without periods, so `U.S.` and `US` share word features.
    pub(crate) acronym: bool,
    /// For a hyphenated word (`Israeli-backed`, `Jong-un`), the lowercase hashes of its first
    /// and last parts; else 0.
    hyphen: [u64; 2],
    /// Starts with an uppercase letter.
    pub(crate) cap: bool,
    /// Every letter is lowercase (and there is at least one).
    pub(crate) lowercase: bool,
}

const BOS: u64 = 0x0b05;
const EOS: u64 = 0x0e05;

/// Character classes for word shapes.
#[inline]
fn class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// Mixes the lowercase form of `c` into `h`, with a fast path for ASCII (whose lowercase is
/// one char).
#[inline(always)]
fn mix_lower(mut h: u64, c: char) -> u64 {
    if c.is_ascii() {
        return hash::mix(h, c.to_ascii_lowercase() as u64);
    }
    for l in c.to_lowercase() {
        h = hash::mix(h, l as u64);
    }
    h
}

impl Obs {
    /// The observations of one word except its word clusters.
    fn of_word(word: &str) -> Obs {
        // Typographic quotes and apostrophes (`’s`, `“`) read as the ASCII ones the training
        // text uses; only such rare tokens pay for the copy.
        if word.contains(['\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}']) {
            let plain: String = word
                .chars()
                .map(|c| match c {
                    '\u{2018}' | '\u{2019}' => '\'',
                    '\u{201c}' | '\u{201d}' => '"',
                    c => c,
                })
                .collect();
            return Obs::of_word(&plain);
        }
        let mut o = Obs { word: hash::word(word), lower: hash::lower(word), ..Obs::default() };
        let (mut shape, mut short) = (0x5a5au64, 0xa5a5u64);
        let (mut last, mut run) = ('\0', 0);
        let (mut upper, mut lower_n, mut letters) = (0, 0, 0);
        let mut pre = 0x1234u64;
        for (i, c) in word.chars().enumerate() {
            let k = class(c);
            if k == last {
                run += 1;
            } else {
                run = 1;
                short = hash::mix(short, k as u64);
            }
            if run <= 4 {
                shape = hash::mix(shape, k as u64);
            }
            last = k;
            if c.is_alphabetic() {
                letters += 1;
                upper += c.is_uppercase() as usize;
                lower_n += c.is_lowercase() as usize;
            }
            if i < 4 {
                pre = mix_lower(pre, c);
                o.prefix[i] = pre;
            }
        }
        let mut suf = 0x4321u64;
        for (i, c) in word.chars().rev().take(4).enumerate() {
            suf = mix_lower(suf, c);
            o.suffix[i] = suf;
        }
        o.shape = hash::finish(shape);
        o.short = hash::finish(short);
        o.cap = word.chars().next().is_some_and(char::is_uppercase);
        if letters >= 2 && upper == letters && word.chars().all(|c| c.is_alphabetic() || c == '.') {
            let mut h = 0x7777u64;
            for c in word.chars().filter(|c| *c != '.') {
                h = hash::mix(h, c as u64);
            }
            o.acronym = true;
            o.word = hash::finish(h);
        }
        o.lowercase = letters > 0 && lower_n == letters && upper == 0;
        if let (Some(first), Some(last)) = (word.split_once('-'), word.rsplit_once('-')) {
            if !first.0.is_empty() && !last.1.is_empty() {
                o.hyphen = [hash::lower(first.0), hash::lower(last.1)];
            }
        }
        o
    }
}

/// Observations for a sentence, with gazetteer matches filled in.
pub(crate) fn observe<S: AsRef<str>>(words: &[S], clusters: &Clusters, gaz: &Gazetteer, out: &mut Vec<Obs>, scratch: &mut Scratch) {
    out.clear();
    // The cluster table is megabytes: every word's slot is asked for before any is read.
    out.extend(words.iter().map(|w| {
        let o = Obs::of_word(w.as_ref());
        clusters.prefetch(o.word);
        if o.lower != o.word {
            clusters.prefetch(o.lower); // looked up when the word as written is not listed
        }
        o
    }));
    for o in out.iter_mut() {
        o.clusters = clusters.get(o.word, o.lower);
    }
    let keys = words.iter().map(|w| {
        let key = crate::gazetteer::key(w.as_ref());
        (key, gaz.first(key))
    });
    mark_gazetteer(gaz, keys, out, scratch);
}

/// The observations of one word, its clusters included; its gazetteer matches, which depend
/// on its neighbours, are left for [`mark_gazetteer`].
pub(crate) fn observe_word(word: &str, clusters: &Clusters) -> Obs {
    let mut o = Obs::of_word(word);
    o.clusters = clusters.get(o.word, o.lower);
    o
}

/// Fills in the gazetteer matches of a sentence's observations from each word's
/// [`crate::gazetteer::key`].
pub(crate) fn mark_gazetteer(gaz: &Gazetteer, keys: impl Iterator<Item = (u64, Option<u32>)>, obs: &mut [Obs], scratch: &mut Scratch) {
    scratch.lower.clear();
    scratch.firsts.clear();
    for (key, first) in keys {
        scratch.lower.push(key);
        scratch.firsts.push(first);
    }
    scratch.cap.clear();
    scratch.cap.extend(obs.iter().map(|o| o.cap));
    scratch.gaz.clear();
    scratch.gaz.resize(obs.len(), 0);
    gaz.mark(&scratch.lower, &scratch.firsts, &scratch.cap, &mut scratch.gaz);
    for (o, g) in obs.iter_mut().zip(&scratch.gaz) {
        o.gaz = *g;
    }
}

/// Reusable buffers, so tagging allocates nothing per token.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    lower: Vec<u64>,
    firsts: Vec<Option<u32>>,
    cap: Vec<bool>,
    gaz: Vec<u64>,
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(crate) struct Prehashed(u64);
impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
pub(crate) type PreMap<V> = HashMap<u64, V, BuildHasherDefault<Prehashed>>;
pub(crate) type PreSet = HashSet<u64, BuildHasherDefault<Prehashed>>;

/// What the document has said so far (non-local features, Ratinov & Roth 2009).
#[derive(Debug, Default)]
pub(crate) struct DocMemory {
    /// Capitalized word (lowercase hash) -> how often it was labelled PER, ORG, LOC, MISC, O.
    history: PreMap<[u16; 5]>,
    /// Words written in lowercase somewhere in the document.
    lowercase: PreSet,
    /// Words written capitalized somewhere other than at a sentence start.
    capitalized: PreSet,
    /// (capitalized word, a neighbour of one of its occurrences), sorted: context aggregation.
    contexts: Vec<(u64, u64)>,
}

impl DocMemory {
    /// Forgets the previous document and looks over the whole new one once.
    pub(crate) fn start(&mut self, doc: &[Vec<Obs>]) {
        self.history.clear();
        self.lowercase.clear();
        self.capitalized.clear();
        self.contexts.clear();
        for sent in doc {
            for (i, o) in sent.iter().enumerate() {
                if o.cap {
                    let left = if i > 0 { sent[i - 1].lower } else { BOS };
                    let right = sent.get(i + 1).map_or(EOS, |x| x.lower);
                    self.contexts.push((o.lower, hash::mix(1, left)));
                    self.contexts.push((o.lower, hash::mix(2, right)));
                }
                if o.lowercase {
                    self.lowercase.insert(o.lower);
                } else if o.cap && i > 0 {
                    self.capitalized.insert(o.lower);
                }
            }
        }
        self.contexts.sort_unstable();
        self.contexts.dedup();
    }

    /// The neighbours of every occurrence of a capitalized word in the document (at most `MAX_CONTEXTS`).
    fn contexts_of(&self, word: u64) -> &[(u64, u64)] {
        let start = self.contexts.partition_point(|&(w, _)| w < word);
        let end = start + self.contexts[start..].iter().take(MAX_CONTEXTS).take_while(|&&(w, _)| w == word).count();
        &self.contexts[start..end]
    }

    /// Records the labels given to a sentence.
    pub(crate) fn remember(&mut self, obs: &[Obs], labels: &[u8]) {
        for (o, &l) in obs.iter().zip(labels) {
            if !o.cap {
                continue;
            }
            let slot = crate::tags::type_index(l).unwrap_or(4);
            let c = &mut self.history.entry(o.lower).or_insert([0; 5])[slot];
            *c = c.saturating_add(1);
        }
    }
}

/// Most neighbours aggregated over a document for one word.
const MAX_CONTEXTS: usize = 12;

// Template numbers. Changing them changes every feature key: bump the model version.
const T_BIAS: u32 = 1;
const T_WORD: u32 = 2;
const T_LOWER: u32 = 3;
const T_SHAPE: u32 = 4;
const T_SHORT: u32 = 5;
const T_PREFIX: u32 = 10; // + length - 1
const T_SUFFIX: u32 = 20; // + length - 1
const T_LOWER_AT: u32 = 30; // + offset + 2
const T_SHORT_AT: u32 = 40; // + offset + 2
const T_SHORT_TRI: u32 = 46;
const T_BIGRAM_LEFT: u32 = 47;
const T_BIGRAM_RIGHT: u32 = 48;
const T_WORD_LEFT: u32 = 49;
const T_HYPHEN_FIRST: u32 = 44;
const T_HYPHEN_LAST: u32 = 45;
const T_CLUSTER: u32 = 50; // + level
const T_CLUSTER_LEFT: u32 = 60; // + level
const T_CLUSTER_RIGHT: u32 = 70; // + level
const T_CLUSTER_SHORT: u32 = 79;
const T_GAZ: u32 = 80;
const T_GAZ_LEFT: u32 = 81;
const T_GAZ_RIGHT: u32 = 82;
const T_GAZ_SHORT: u32 = 83;
const T_POSITION: u32 = 90;
const T_PREV: u32 = 100;
const T_PREV2: u32 = 101;
const T_PREV_LOWER: u32 = 102;
const T_PREV_SHORT: u32 = 103;
const T_HISTORY: u32 = 110;
const T_HISTORY_MAJOR: u32 = 111;
const T_LOWERCASE_IN_DOC: u32 = 112;
const T_CAPITALIZED_IN_DOC: u32 = 113;
const T_CONTEXT_IN_DOC: u32 = 114;

/// Appends the features of token `i` that do not depend on the labels of this sentence.
pub(crate) fn extract_static(obs: &[Obs], i: usize, headline: bool, mem: &DocMemory, out: &mut Vec<u64>) {
    let o = &obs[i];
    let at = |d: isize| -> Option<&Obs> {
        let j = i as isize + d;
        (j >= 0 && (j as usize) < obs.len()).then(|| &obs[j as usize])
    };
    let lower_at = |d: isize| at(d).map_or(if d < 0 { BOS } else { EOS }, |x| x.lower);
    let short_at = |d: isize| at(d).map_or(if d < 0 { BOS } else { EOS }, |x| x.short);

    out.push(feature(T_BIAS, 0));
    out.push(feature(T_WORD, o.word));
    out.push(feature(T_LOWER, o.lower));
    out.push(feature(T_SHAPE, o.shape));
    out.push(feature(T_SHORT, o.short));
    for k in 0..4 {
        if o.prefix[k] != 0 {
            out.push(feature(T_PREFIX + k as u32, o.prefix[k]));
        }
        if o.suffix[k] != 0 {
            out.push(feature(T_SUFFIX + k as u32, o.suffix[k]));
        }
    }
    for d in [-2isize, -1, 1, 2] {
        out.push(feature(T_LOWER_AT + (d + 2) as u32, lower_at(d)));
    }
    out.push(feature(T_SHORT_AT + 1, short_at(-1)));
    out.push(feature(T_SHORT_AT + 3, short_at(1)));
    out.push(feature(T_SHORT_TRI, hash::mix(hash::mix(short_at(-1), o.short), short_at(1))));
    out.push(feature(T_BIGRAM_LEFT, hash::mix(lower_at(-1), o.lower)));
    out.push(feature(T_BIGRAM_RIGHT, hash::mix(o.lower, lower_at(1))));
    if o.hyphen[0] != 0 {
        out.push(feature(T_HYPHEN_FIRST, o.hyphen[0]));
        out.push(feature(T_HYPHEN_LAST, o.hyphen[1]));
    }
    out.push(feature(T_WORD_LEFT, hash::mix(at(-1).map_or(BOS, |x| x.word), o.word)));

    // An abbreviation in running text (`US`, `WHO`) is not its lowercase word; in an
    // all-capitals headline it usually is.
    let clusters = if o.acronym && !headline { None } else { o.clusters };
    if let Some(c) = clusters {
        for (l, &id) in c.iter().enumerate() {
            out.push(feature(T_CLUSTER + l as u32, id as u64));
        }
        out.push(feature(T_CLUSTER_SHORT, hash::mix(c[1] as u64, o.short)));
    } else {
        out.push(feature(T_CLUSTER, u64::MAX));
    }
    for (d, t) in [(-1isize, T_CLUSTER_LEFT), (1, T_CLUSTER_RIGHT)] {
        if let Some(c) = at(d).and_then(|x| x.clusters) {
            for (l, &id) in c.iter().enumerate() {
                out.push(feature(t + l as u32, id as u64));
            }
        }
    }

    gazetteer_and_memory_features(obs, i, headline, mem, out);
}

/// The features of token `i` from gazetteer matches, its position and the document memory,
/// shared by [`extract_static`] and [`context_features`].
fn gazetteer_and_memory_features(obs: &[Obs], i: usize, headline: bool, mem: &DocMemory, out: &mut Vec<u64>) {
    let o = &obs[i];
    let at = |d: isize| -> Option<&Obs> {
        let j = i as isize + d;
        (j >= 0 && (j as usize) < obs.len()).then(|| &obs[j as usize])
    };
    let mut bits = o.gaz;
    while bits != 0 {
        let b = bits.trailing_zeros() as u64;
        out.push(feature(T_GAZ, b));
        out.push(feature(T_GAZ_SHORT, hash::mix(b, o.short)));
        bits &= bits - 1;
    }
    for (d, t) in [(-1isize, T_GAZ_LEFT), (1, T_GAZ_RIGHT)] {
        let mut bits = at(d).map_or(0, |x| x.gaz);
        while bits != 0 {
            out.push(feature(t, bits.trailing_zeros() as u64));
            bits &= bits - 1;
        }
    }

    let position = (i == 0) as u64 | (headline as u64) << 1 | (o.cap as u64) << 2;
    out.push(feature(T_POSITION, hash::mix(position, o.short)));

    if o.cap {
        if let Some(counts) = mem.history.get(&o.lower) {
            let mut best = 0;
            for (k, &n) in counts.iter().enumerate() {
                if n > 0 {
                    out.push(feature(T_HISTORY, k as u64));
                }
                if n > counts[best] {
                    best = k;
                }
            }
            out.push(feature(T_HISTORY_MAJOR, hash::mix(best as u64, (i == 0) as u64)));
        }
        if mem.lowercase.contains(&o.lower) {
            out.push(feature(T_LOWERCASE_IN_DOC, hash::mix((i == 0) as u64, headline as u64)));
        }
        if i == 0 || headline {
            out.push(feature(T_CAPITALIZED_IN_DOC, mem.capitalized.contains(&o.lower) as u64));
        }
        for &(_, ctx) in mem.contexts_of(o.lower) {
            out.push(feature(T_CONTEXT_IN_DOC, ctx));
        }
    }
}

/// The features of [`extract_static`] that depend on the token's own word alone, in running
/// text (in a headline an abbreviation's cluster features differ: `headline`). Together with
/// [`left_neighbour_features`] of the previous token, [`right_neighbour_features`] of the next
/// one and [`context_features`] they are exactly the features of [`extract_static`] (in
/// another order), which lets decoding sum the rows of a word type's features once.
pub(crate) fn own_features(o: &Obs, headline: bool, out: &mut Vec<u64>) {
    out.push(feature(T_BIAS, 0));
    out.push(feature(T_WORD, o.word));
    out.push(feature(T_LOWER, o.lower));
    out.push(feature(T_SHAPE, o.shape));
    out.push(feature(T_SHORT, o.short));
    for k in 0..4 {
        if o.prefix[k] != 0 {
            out.push(feature(T_PREFIX + k as u32, o.prefix[k]));
        }
        if o.suffix[k] != 0 {
            out.push(feature(T_SUFFIX + k as u32, o.suffix[k]));
        }
    }
    if o.hyphen[0] != 0 {
        out.push(feature(T_HYPHEN_FIRST, o.hyphen[0]));
        out.push(feature(T_HYPHEN_LAST, o.hyphen[1]));
    }
    let clusters = if o.acronym && !headline { None } else { o.clusters };
    if let Some(c) = clusters {
        for (l, &id) in c.iter().enumerate() {
            out.push(feature(T_CLUSTER + l as u32, id as u64));
        }
        out.push(feature(T_CLUSTER_SHORT, hash::mix(c[1] as u64, o.short)));
    } else {
        out.push(feature(T_CLUSTER, u64::MAX));
    }
}

/// The features of [`extract_static`] that token `x` gives the token after it.
pub(crate) fn left_neighbour_features(x: &Obs, out: &mut Vec<u64>) {
    out.push(feature(T_LOWER_AT + 1, x.lower));
    out.push(feature(T_SHORT_AT + 1, x.short));
    if let Some(c) = x.clusters {
        for (l, &id) in c.iter().enumerate() {
            out.push(feature(T_CLUSTER_LEFT + l as u32, id as u64));
        }
    }
}

/// The features of [`extract_static`] that token `x` gives the token before it.
pub(crate) fn right_neighbour_features(x: &Obs, out: &mut Vec<u64>) {
    out.push(feature(T_LOWER_AT + 3, x.lower));
    out.push(feature(T_SHORT_AT + 3, x.short));
    if let Some(c) = x.clusters {
        for (l, &id) in c.iter().enumerate() {
            out.push(feature(T_CLUSTER_RIGHT + l as u32, id as u64));
        }
    }
}

/// The rest of [`extract_static`]'s features of token `i`: those of word pairs and triples,
/// of the tokens two away, of the sentence's edges in place of a missing neighbour, of
/// gazetteer matches, of the position and of the document memory.
pub(crate) fn context_features(obs: &[Obs], i: usize, headline: bool, mem: &DocMemory, out: &mut Vec<u64>) {
    let o = &obs[i];
    let at = |d: isize| -> Option<&Obs> {
        let j = i as isize + d;
        (j >= 0 && (j as usize) < obs.len()).then(|| &obs[j as usize])
    };
    let lower_at = |d: isize| at(d).map_or(if d < 0 { BOS } else { EOS }, |x| x.lower);
    let short_at = |d: isize| at(d).map_or(if d < 0 { BOS } else { EOS }, |x| x.short);

    out.push(feature(T_LOWER_AT, lower_at(-2)));
    out.push(feature(T_LOWER_AT + 4, lower_at(2)));
    if i == 0 {
        out.push(feature(T_LOWER_AT + 1, BOS));
        out.push(feature(T_SHORT_AT + 1, BOS));
    }
    if i + 1 == obs.len() {
        out.push(feature(T_LOWER_AT + 3, EOS));
        out.push(feature(T_SHORT_AT + 3, EOS));
    }
    out.push(feature(T_SHORT_TRI, hash::mix(hash::mix(short_at(-1), o.short), short_at(1))));
    out.push(feature(T_BIGRAM_LEFT, hash::mix(lower_at(-1), o.lower)));
    out.push(feature(T_BIGRAM_RIGHT, hash::mix(o.lower, lower_at(1))));
    out.push(feature(T_WORD_LEFT, hash::mix(at(-1).map_or(BOS, |x| x.word), o.word)));
    gazetteer_and_memory_features(obs, i, headline, mem, out);
}

/// The features of token `i` that depend on the two previous labels ([`NONE`] for none):
/// the [`transition`] features, then the [`lexical`] ones.
#[inline]
pub(crate) fn extract_dynamic(o: &Obs, prev: u8, prev2: u8, out: &mut [u64; 4]) {
    let [t0, t1] = transition(prev, prev2);
    let [l0, l1] = lexical(o, prev);
    *out = [t0, t1, l0, l1];
}

/// The label-dependent features that do not depend on the token.
#[inline]
pub(crate) fn transition(prev: u8, prev2: u8) -> [u64; 2] {
    [feature(T_PREV, prev as u64), feature(T_PREV2, (prev2 as u64) << 8 | prev as u64)]
}

/// The label-dependent features that depend on the token and the previous label only.
#[inline]
pub(crate) fn lexical(o: &Obs, prev: u8) -> [u64; 2] {
    [feature(T_PREV_LOWER, hash::mix(prev as u64, o.lower)), feature(T_PREV_SHORT, hash::mix(prev as u64, o.short))]
}

/// Whether a sentence is a headline: no word in it has a lowercase letter.
pub(crate) fn is_headline<S: AsRef<str>>(words: &[S]) -> bool {
    let mut letters = false;
    for w in words {
        for c in w.as_ref().chars() {
            if c.is_lowercase() {
                return false;
            }
            letters |= c.is_alphabetic();
        }
    }
    letters
}

/// No previous label (sentence start).
pub(crate) const NONE: u8 = N_LABELS as u8;
