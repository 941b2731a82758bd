//! Word types: the weights a word brings to the tagger's scores wherever it occurs, summed once
//! per word type rather than once per token.
//!
//! Of the tagger's features of a token, most read the atoms ([`Lex`]) of a single word: the
//! token's own, or those of a neighbour up to two positions away. Their weights depend on that
//! word and the model only, and news repeats its words, so a thread keeps, per word type, the
//! summed weight rows of the features it brings in each of those five positions. Scores are
//! integer sums of the model's quantised weights (exact in any order and grouping), so a token
//! scored from these sums and its remaining features gets exactly the scores, hence the tag,
//! of scoring every feature.

mod context_rows;
mod spellings;

pub(crate) use context_rows::{flag_atoms, ContextRows};
pub(crate) use spellings::Spellings;

use crate::lex::{key, Lex};
use crate::linear::KeyMap;
use crate::table::prefetch;
#[cfg(doc)]
use crate::tagger::features;
use crate::tagger::{TagId, Tagger};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

/// Word types kept before the less used are forgotten (between sentences, see
/// [`WordTypes::keep_frequent`]): some 1.3 KB each with the committed tagger's 102 tags, so
/// 5 MB at most per thread. Over the 513 documents of the bench corpus (190k tokens, 18k
/// types) on one thread, a table that started afresh when full worked out 39k entries with 4k
/// types, 28k with 8k, 21k with 16k; each entry costs about what scoring a token did before
/// word types. Keeping the frequent half, 4k against 8k costs 1.0% more instructions over the
/// whole run (7,356M against 7,286M) and saves 6 MB a thread, 42 MB of peak RSS on 8 threads
/// (BENCHMARKS.md, session 11): on a machine of many cores the tables of every worker add up.
const MAX_TYPES: usize = 1 << 12;

/// Where a word stands relative to the token being scored; the order of a type's summed rows.
pub(crate) const OWN: usize = 0;
pub(crate) const SECOND_PREVIOUS: usize = 1;
pub(crate) const PREVIOUS: usize = 2;
pub(crate) const NEXT: usize = 3;
pub(crate) const SECOND_NEXT: usize = 4;
pub(crate) const POSITIONS: usize = 5;

/// The entry of positions outside the sentence ([`Lex::none`]), always present.
pub(crate) const OUTSIDE: u32 = 0;

/// A fresh number telling one tagger's weights apart from every other's, including those of
/// the same tagger after training changes them.
pub(crate) fn new_owner() -> u64 {
    static NEXT_ID: AtomicU64 = AtomicU64::new(0);
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// The word types one tagger has met on this thread, numbered.
///
/// A summed row `v` is kept as `256 * high + low` with `high = v >> 8` in 16 bits and `low` in
/// 0..256, listed only where it is not 0. Nearly all weights a tagger reads come from dense
/// rows, multiples of 256 (see [`crate::linear::Weights`]), so `low` is almost always 0, and
/// the rows a token reads take half the memory of `i32` sums (reading them, not adding them, is
/// what a token costs). `high` fits 16 bits with room to spare, summed over all positions too:
/// a row sums at most [`FEATURES`] weights of magnitude at most 2¹⁵, so
/// `|Σ high| ≤ FEATURES × 2⁷ + POSITIONS < 2¹⁵`.
#[derive(Default)]
pub(crate) struct WordTypes {
    /// The tagger ([`Tagger::owner`]) whose weights and tag dictionary the entries come from.
    owner: Option<u64>,
    /// Number of tags.
    n_tags: usize,
    /// Length of each `high` row: `n_tags` rounded up to 8, so rows start 16-byte aligned.
    width: usize,
    /// Form hash → entry.
    index: KeyMap<u32>,
    /// Each entry's atoms, compared in full on a hit, so a hash collision cannot lend one word
    /// another's weights.
    lexes: Vec<Lex>,
    /// Each entry's answer from the tag dictionary.
    dictionary: Vec<Option<TagId>>,
    /// Entries kept at most: `MAX_TYPES` (`None`), or fewer to test keeping.
    pub(crate) limit: Option<usize>,
    /// How often each entry was looked up since it was added or last kept.
    uses: Vec<u32>,
    /// Entry `k`'s `high` row for position `p` is `high[(k * POSITIONS + p) * width..][..width]`.
    high: Vec<i16>,
    /// Its nonzero `low` values, as `(tag << 16) | low`, are
    /// `low[low_start[k * POSITIONS + p]..low_start[k * POSITIONS + p + 1]]`.
    low: Vec<u32>,
    low_start: Vec<u32>,
    /// One entry's summed rows while they are split.
    sums: Vec<i32>,
}

/// Features summed into one word type's rows, all positions together (see
/// [`Tagger::position_sums`]).
pub(crate) const FEATURES: usize = 33;

impl WordTypes {
    /// Readies the table for a sentence of `tokens` tokens of `tagger`: forgets the entries of
    /// another tagger, or the less used ones when the sentence's words might not all fit under
    /// `MAX_TYPES` (only here, as a sentence's tokens refer to entries by number).
    ///
    /// Why before the sentence, by its length: the rows are reserved for `MAX_TYPES` entries,
    /// and a table let past them grows by doubling, and copies them (17 MB of rows a thread for
    /// 8k entries of 8.5 MB; BENCHMARKS.md, session 11).
    pub(crate) fn start(&mut self, tagger: &Tagger, tokens: usize) {
        if self.owner == Some(tagger.owner()) {
            if self.lexes.len() + tokens > self.limit.unwrap_or(MAX_TYPES) {
                self.keep_frequent();
            }
            return;
        }
        self.owner = Some(tagger.owner());
        self.n_tags = tagger.n_tags();
        self.width = self.n_tags.div_ceil(8) * 8;
        self.index.clear();
        self.lexes.clear();
        self.dictionary.clear();
        self.uses.clear();
        self.high.clear();
        self.low.clear();
        self.low_start.clear();
        self.low_start.push(0);
        // Room for all entries from the start: growing would copy megabytes of them.
        self.index.reserve(MAX_TYPES);
        self.lexes.reserve(MAX_TYPES);
        self.dictionary.reserve(MAX_TYPES);
        self.uses.reserve(MAX_TYPES);
        self.high.reserve(MAX_TYPES * POSITIONS * self.width);
        self.low_start.reserve(MAX_TYPES * POSITIONS + 1);
        let outside = self.add(&Lex::none(), tagger);
        debug_assert_eq!(outside, OUTSIDE);
    }

    /// The number of the entry of the word with atoms `lex`, worked out on first sight.
    #[inline]
    pub(crate) fn lookup(&mut self, lex: &Lex, tagger: &Tagger) -> u32 {
        if let Some(&k) = self.index.get(&lex.form) {
            if same_atoms(&self.lexes[k as usize], lex) {
                self.uses[k as usize] += 1;
                return k;
            }
            // Another word with the same hash: this one gets an entry per occurrence, found
            // by no lookup (correct, and too rare to matter).
            return self.add(lex, tagger);
        }
        let k = self.add(lex, tagger);
        self.index.insert(lex.form, k);
        k
    }

    /// The tag dictionary's answer for entry `k`.
    #[inline]
    pub(crate) fn dictionary_tag(&self, k: u32) -> Option<TagId> {
        self.dictionary[k as usize]
    }

    /// Adds to `scores` (one per tag) the summed rows of a token whose word and neighbours
    /// have entries `entries`, in the order of the positions (`OUTSIDE` past the sentence),
    /// and the rows `also` (its context rows, added in the same pass).
    #[inline]
    pub(crate) fn add_to(&self, entries: [u32; POSITIONS], also: [&[i32]; 2], scores: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has just been found to support AVX2.
            return unsafe { self.add_to_avx2(entries, also, scores) };
        }
        self.add_to_portable(entries, also, scores)
    }

    /// The same code, compiled so that the rows are added 16 tags per instruction (half the
    /// instructions of the baseline's 8).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn add_to_avx2(&self, entries: [u32; POSITIONS], also: [&[i32]; 2], scores: &mut [i32]) {
        self.add_to_portable(entries, also, scores)
    }

    #[inline(always)]
    fn add_to_portable(&self, entries: [u32; POSITIONS], also: [&[i32]; 2], scores: &mut [i32]) {
        let n = self.n_tags;
        let row = |p: usize| {
            let start = (entries[p] as usize * POSITIONS + p) * self.width;
            &self.high[start..start + n]
        };
        let (a, b, c, d, e) = (row(0), row(1), row(2), row(3), row(4));
        let (f, g) = (&also[0][..n], &also[1][..n]);
        let scores = &mut scores[..n];
        for t in 0..n {
            let high = a[t] + b[t] + c[t] + d[t] + e[t];
            scores[t] += ((high as i32) << 8) + f[t] + g[t];
        }
        for (p, &k) in entries.iter().enumerate() {
            let at = k as usize * POSITIONS + p;
            let (from, to) = (self.low_start[at] as usize, self.low_start[at + 1] as usize);
            for &l in &self.low[from..to] {
                scores[(l >> 16) as usize] += (l & 0xff) as i32;
            }
        }
    }

    /// Asks the CPU to start loading the rows [`WordTypes::add_to`] will read for `entries`.
    #[inline]
    pub(crate) fn prefetch(&self, entries: [u32; POSITIONS]) {
        for (p, &k) in entries.iter().enumerate() {
            let start = (k as usize * POSITIONS + p) * self.width;
            // 32 weights of 16 bits: one cache line.
            for line in self.high[start..start + self.n_tags].chunks(32) {
                prefetch(&line[0]);
            }
        }
    }

    fn add(&mut self, lex: &Lex, tagger: &Tagger) -> u32 {
        let n = self.n_tags;
        self.sums.resize(POSITIONS * n, 0);
        tagger.position_sums(lex, &mut self.sums);
        let (base, width) = (self.high.len(), self.width);
        self.high.resize(base + POSITIONS * width, 0);
        for p in 0..POSITIONS {
            let row = &self.sums[p * n..(p + 1) * n];
            let high = &mut self.high[base + p * width..base + p * width + n];
            if split_high(row, high) {
                // Nonzero `low`s come from a few sparse weights: look for them 8 tags at a time.
                for (c, chunk) in row.chunks(8).enumerate() {
                    if chunk.iter().fold(0, |any, &v| any | v) & 0xff == 0 {
                        continue;
                    }
                    for (t, &v) in (c * 8..).zip(chunk) {
                        if v & 0xff != 0 {
                            self.low.push((t as u32) << 16 | (v & 0xff) as u32);
                        }
                    }
                }
            }
            self.low_start.push(self.low.len() as u32);
        }
        self.lexes.push(*lex);
        self.dictionary.push(tagger.dictionary_tag(lex.form));
        self.uses.push(1);
        (self.lexes.len() - 1) as u32
    }

    /// Keeps the entries looked up more than once since they were added or last kept, at most
    /// half the table, the most used first, and forgets the others: a full table starting
    /// afresh would work out again the words every document uses. Entries keep their order
    /// and are renumbered from 1 (`OUTSIDE` stays). (Over the bench corpus on one thread this
    /// adds 23k entries where starting afresh added 28.6k; keeping three quarters, the later
    /// added first among equals, adds 22.5k but costs more in copying than it saves.)
    fn keep_frequent(&mut self) {
        let mut uses = self.uses[1..].to_vec();
        let half = self.limit.unwrap_or(MAX_TYPES) / 2;
        let threshold = if uses.len() > half {
            *uses.select_nth_unstable_by(half, |a, b| b.cmp(a)).1
        } else {
            0
        };
        let keep = |uses: u32| uses > threshold.max(1);
        let width = self.width;
        self.index.clear();
        let low_start = std::mem::replace(
            &mut self.low_start,
            Vec::with_capacity(MAX_TYPES * POSITIONS + 1),
        );
        self.low_start.extend_from_slice(&low_start[..=POSITIONS]);
        let mut kept = 1;
        for k in 1..self.lexes.len() {
            if !keep(self.uses[k]) {
                continue;
            }
            let (from, to) = (k * POSITIONS * width, (k + 1) * POSITIONS * width);
            self.high.copy_within(from..to, kept * POSITIONS * width);
            for p in 0..POSITIONS {
                let at = k * POSITIONS + p;
                let (from, to) = (low_start[at] as usize, low_start[at + 1] as usize);
                let start = *self.low_start.last().expect("OUTSIDE's rows") as usize;
                self.low.copy_within(from..to, start);
                self.low_start.push((start + to - from) as u32);
            }
            self.lexes[kept] = self.lexes[k];
            self.dictionary[kept] = self.dictionary[k];
            self.uses[kept] = 0;
            self.index
                .entry(self.lexes[kept].form)
                .or_insert(kept as u32);
            kept += 1;
        }
        self.high.truncate(kept * POSITIONS * width);
        // A sentence of more than half the table's words grows it; give the excess back.
        self.high.shrink_to(MAX_TYPES * POSITIONS * width);
        self.low
            .truncate(*self.low_start.last().expect("OUTSIDE's rows") as usize);
        self.lexes.truncate(kept);
        self.dictionary.truncate(kept);
        self.uses.truncate(kept);
    }
}

/// Writes each sum's `high` part (`v >> 8`) into `high`, and tells whether any has a `low`
/// part.
#[inline]
fn split_high(row: &[i32], high: &mut [i16]) -> bool {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has just been found to support AVX2.
        return unsafe { split_high_avx2(row, high) };
    }
    split_high_portable(row, high)
}

/// The same code, compiled so that 8 sums are split per instruction.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn split_high_avx2(row: &[i32], high: &mut [i16]) -> bool {
    split_high_portable(row, high)
}

#[inline(always)]
fn split_high_portable(row: &[i32], high: &mut [i16]) -> bool {
    let mut any = 0;
    for (h, &v) in high.iter_mut().zip(row) {
        *h = (v >> 8) as i16;
        any |= v;
    }
    any & 0xff != 0
}

/// Whether two words have the same atoms. Every field is named, so a new atom cannot be
/// forgotten here.
fn same_atoms(a: &Lex, b: &Lex) -> bool {
    let Lex {
        form,
        norm,
        shape,
        prefix,
        suffix,
        flags,
        len,
        cluster,
        amb,
    } = a;
    *form == b.form
        && *norm == b.norm
        && *shape == b.shape
        && *prefix == b.prefix
        && *suffix == b.suffix
        && *flags == b.flags
        && *len == b.len
        && *cluster == b.cluster
        && *amb == b.amb
}

/// What decoding keeps on a thread between sentences: the word types, the spellings, and
/// buffers.
#[derive(Default)]
pub(crate) struct TaggerScratch {
    pub(crate) types: WordTypes,
    pub(crate) context: ContextRows,
    pub(crate) spellings: Spellings,
    /// The entry of each token of the sentence.
    pub(crate) entries: Vec<u32>,
    pub(crate) scores: Vec<i32>,
    /// The tokens of a sentence whose spelling was new.
    pub(crate) misses: Vec<usize>,
}

thread_local! {
    /// This thread's word types, kept from sentence to sentence and document to document.
    static SCRATCH: RefCell<TaggerScratch> = RefCell::new(TaggerScratch::default());
}

/// Runs `f` with this thread's tagger scratch.
pub(crate) fn with_scratch<R>(f: impl FnOnce(&mut TaggerScratch) -> R) -> R {
    SCRATCH.with_borrow_mut(f)
}

/// Features with their template numbers, so that the tagger's [`features`] puts each at its
/// place and the template list is written once, here.
pub(crate) type Keyed<const N: usize> = [(usize, u64); N];

/// The key of template `template` over `atoms`, with its template number.
#[inline(always)]
fn keyed(template: u32, atoms: &[u64]) -> (usize, u64) {
    (template as usize, key(template, atoms))
}

/// The keys alone, for scoring.
#[inline(always)]
pub(crate) fn keys<const N: usize>(features: Keyed<N>) -> [u64; N] {
    features.map(|(_, k)| k)
}

/// The templates of the tagger's [`features`] that read the atoms of one word only, by where
/// that word stands relative to the token scored, and the bias, which reads nothing: the
/// token's own word...
#[inline]
pub(crate) fn own_features(w: &Lex) -> Keyed<16> {
    [
        keyed(0, &[]),
        keyed(1, &[w.norm]),
        keyed(2, &[w.form]),
        keyed(3, &[w.suffix[0]]),
        keyed(4, &[w.suffix[1]]),
        keyed(5, &[w.suffix[2]]),
        keyed(6, &[w.suffix[3]]),
        keyed(7, &[w.prefix[0]]),
        keyed(8, &[w.prefix[1]]),
        keyed(9, &[w.prefix[2]]),
        keyed(10, &[w.shape]),
        keyed(29, &[w.len]),
        keyed(34, &[w.amb]),
        keyed(39, &[w.cluster[0]]),
        keyed(40, &[w.cluster[1]]),
        keyed(41, &[w.cluster[2]]),
    ]
}

/// ... the word two before it ...
#[inline]
pub(crate) fn second_previous_features(w: &Lex) -> Keyed<1> {
    [keyed(18, &[w.norm])]
}

/// ... the word before it ...
#[inline]
pub(crate) fn previous_features(w: &Lex) -> Keyed<5> {
    [
        keyed(16, &[w.norm]),
        keyed(17, &[w.suffix[2]]),
        keyed(25, &[w.shape]),
        keyed(31, &[w.suffix[0]]),
        keyed(43, &[w.cluster[1]]),
    ]
}

/// ... the word after it ...
#[inline]
pub(crate) fn next_features(w: &Lex) -> Keyed<8> {
    [
        keyed(19, &[w.norm]),
        keyed(20, &[w.suffix[2]]),
        keyed(24, &[w.shape]),
        keyed(30, &[w.suffix[0]]),
        keyed(35, &[w.amb]),
        keyed(42, &[w.cluster[1]]),
        keyed(46, &[w.form]),
        keyed(48, &[w.flags]),
    ]
}

/// ... and the word two after it.
#[inline]
pub(crate) fn second_next_features(w: &Lex) -> Keyed<3> {
    [
        keyed(21, &[w.norm]),
        keyed(32, &[w.suffix[2]]),
        keyed(36, &[w.amb]),
    ]
}

/// The other templates of [`features`]: those that read the previous tags, two words, or the
/// token's place in the sentence; first those that read the previous tags only...
#[inline]
pub(crate) fn tag_features(p1: u64, p2: u64) -> Keyed<3> {
    [keyed(12, &[p1]), keyed(13, &[p2]), keyed(14, &[p1, p2])]
}

/// ... then those that read the orthographic flags of the word and of the one before it (see
/// [`flag_atoms`]) ...
#[inline]
pub(crate) fn flag_features(previous: u64, flags: u64, first: u64) -> Keyed<2> {
    [keyed(11, &[flags, first]), keyed(47, &[previous, flags])]
}

/// ... and the rest.
#[inline]
pub(crate) fn context_features(lex: &[Lex], i: usize, p1: u64, p2: u64) -> Keyed<15> {
    let none = Lex::none();
    let at = |j: usize| lex.get(j).unwrap_or(&none);
    let (w, wp1, wp2) = (&lex[i], at(i + 1), at(i + 2));
    let wm1 = if i >= 1 { &lex[i - 1] } else { &none };
    [
        keyed(15, &[p1, w.norm]),
        keyed(22, &[w.norm, wp1.norm]),
        keyed(23, &[wm1.norm, w.norm]),
        keyed(26, &[p1, w.suffix[2]]),
        keyed(27, &[wp1.suffix[1], wp2.suffix[1]]),
        keyed(28, &[p1, wp1.norm]),
        keyed(33, &[w.suffix[1], wp1.suffix[1]]),
        keyed(37, &[p1, w.amb]),
        keyed(38, &[w.amb, wp1.amb]),
        keyed(44, &[p1, w.cluster[1]]),
        keyed(45, &[w.cluster[0], wp1.cluster[0]]),
        keyed(49, &[w.shape, wp1.shape]),
        keyed(50, &[p1, wp1.amb]),
        keyed(51, &[p1, p2, w.suffix[1]]),
        keyed(52, &[wm1.norm, wp1.norm]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::features;
    use std::path::Path;
    use tidings_corpus::conllu;

    fn committed() -> Tagger {
        let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/syntax");
        Tagger::load(&models.join(crate::TAGGER_FILE)).expect("the committed tagger loads")
    }

    fn dev() -> Vec<conllu::Sentence> {
        conllu::read(&tidings_corpus::shared_data(
            "ud-english-ewt/en_ewt-ud-dev.conllu",
        ))
        .unwrap()
    }

    /// The EWT dev sentences as the committed tagger's atoms.
    fn dev_lexes(tagger: &Tagger) -> Vec<Vec<Lex>> {
        dev()
            .iter()
            .map(|s| s.words.iter().map(|w| tagger.lex(&w.form)).collect())
            .collect()
    }

    /// The atoms and lemmas kept by spelling are those worked out afresh, on a word's first
    /// sight and on later ones, under the tag it was given and under others.
    #[test]
    fn kept_spellings_are_fresh_atoms_and_lemmas() {
        let tagger = committed();
        let known = |w: &str| tagger.clusters().contains(w);
        let fresh_lemma = |w: &str, t| tagger.lemmatizer().lemma_with(w, tagger.xpos(t), &known);
        let mut lex = Vec::new();
        let mut checked = 0;
        for _ in 0..2 {
            for s in dev() {
                let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                tagger.lex_sentence(&words, &mut lex);
                for (word, lex) in words.iter().zip(&lex) {
                    assert!(same_atoms(lex, &tagger.lex(word)), "{word}");
                }
                for (word, tag) in words.iter().zip(tagger.tag(&words)) {
                    for tag in [tag, (tag + 1) % tagger.n_tags() as TagId, tag] {
                        assert_eq!(tagger.lemma(word, tag), fresh_lemma(word, tag), "{word}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100_000, "{checked} lemmas checked");
    }

    /// The features of the five positions and the context features are the tagger's
    /// features, neither fewer nor more, at every place in a sentence and after any tags.
    #[test]
    fn split_features_are_the_features() {
        let tagger = committed();
        let none = Lex::none();
        let mut checked = 0;
        for lex in dev_lexes(&tagger) {
            let at = |j: isize| {
                usize::try_from(j)
                    .ok()
                    .and_then(|j| lex.get(j))
                    .unwrap_or(&none)
            };
            for i in 0..lex.len() {
                for (p1, p2) in [
                    (crate::lex::NONE, crate::lex::NONE),
                    (3, 7),
                    (i as u64 % 5, 1),
                ] {
                    let mut whole = [0u64; 53];
                    features(&lex, i, p1, p2, &mut whole);
                    let i = i as isize;
                    let mut parts: Vec<u64> = keys(own_features(at(i))).to_vec();
                    parts.extend(keys(second_previous_features(at(i - 2))));
                    parts.extend(keys(previous_features(at(i - 1))));
                    parts.extend(keys(next_features(at(i + 1))));
                    parts.extend(keys(second_next_features(at(i + 2))));
                    assert_eq!(parts.len(), FEATURES);
                    parts.extend(keys(context_features(&lex, i as usize, p1, p2)));
                    parts.extend(keys(tag_features(p1, p2)));
                    let (previous, flags, first) = flag_atoms(&lex, i as usize);
                    parts.extend(keys(flag_features(previous, flags, first)));
                    whole.sort_unstable();
                    parts.sort_unstable();
                    assert_eq!(
                        whole.as_slice(),
                        parts.as_slice(),
                        "token {i} of {}",
                        lex.len()
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 50_000, "{checked} tokens checked");
    }

    /// However many new words a stream brings, sentences of ordinary length never carry the
    /// table past the rows reserved for `MAX_TYPES` entries: a long stream's memory stays what
    /// the first sentence reserved, rather than doubling and copying once the table is full.
    #[test]
    fn a_stream_of_new_words_never_outgrows_the_rows_reserved() {
        let tagger = committed();
        let mut scratch = TaggerScratch::default();
        let (mut lex, mut tags) = (Vec::new(), Vec::new());
        let mut reserved = None;
        const WORDS: usize = 37;
        for s in 0..3 * MAX_TYPES / WORDS {
            let words: Vec<String> = (0..WORDS).map(|i| format!("qx{}", s * WORDS + i)).collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            tagger.lex_sentence(&words, &mut lex);
            tagger.tag_lex_with(&lex, &mut tags, &mut scratch);
            let capacity = scratch.types.high.capacity();
            assert_eq!(*reserved.get_or_insert(capacity), capacity, "sentence {s}");
        }
    }

    /// Decoding by word types tags as scoring every feature of every token does, also when a
    /// thread's word types were filled by another tagger (a pruned one) just before, and when
    /// the table keeps only its frequent entries every few sentences.
    #[test]
    fn word_type_decoding_equals_feature_by_feature_decoding() {
        for limit in [None, Some(400)] {
            decode_both_ways(limit);
        }
    }

    fn decode_both_ways(limit: Option<usize>) {
        let full = committed();
        let pruned = committed().pruned(3000);
        let lexes = dev_lexes(&full);
        let mut scratch = TaggerScratch::default();
        scratch.types.limit = limit;
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        let mut tags_of = Vec::new();
        for tagger in [&full, &pruned, &full] {
            let mut tags = Vec::new();
            for lex in &lexes {
                tagger.tag_lex_with(lex, &mut fast, &mut scratch);
                tagger.tag_lex_by_features(lex, &mut slow);
                assert_eq!(fast, slow);
                tags.extend_from_slice(&fast);
            }
            tags_of.push(tags);
        }
        assert!(
            tags_of[0].len() > 20_000,
            "{} tokens tagged",
            tags_of[0].len()
        );
        // Otherwise the second tagger could not tell stale word types from fresh ones.
        let differ = tags_of[0]
            .iter()
            .zip(&tags_of[1])
            .filter(|(a, b)| a != b)
            .count();
        assert!(differ > 100, "the pruned tagger changes only {differ} tags");
    }
}
