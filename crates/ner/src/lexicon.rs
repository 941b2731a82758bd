//! Word types: what decoding works out about a word from its letters alone, once per word
//! type rather than once per token.
//!
//! A word's observations (shape, affixes, clusters), its gazetteer key, and the summed weight
//! rows of the features it brings to its own position and to its neighbours' depend on the
//! word and the model only; news repeats its words, so a thread keeps them from document to
//! document. Summed rows are `i32` sums of `i16` weights, exact in any order: scores are the
//! same as summing every feature of every token.

use crate::clusters::Clusters;
use crate::features::{self, Obs, PreMap};
use crate::gazetteer::{self, Gazetteer};
use crate::hash;
use crate::tags::N_LABELS;
use crate::weights::Weights;

/// Word types kept before the lexicon starts afresh (between documents): some 360 bytes each,
/// 3 MB a thread, more than the word types of hundreds of news articles' frequent words.
/// 8k against 16k costs 0.45% more instructions over the bench corpus (7,319M against
/// 7,286M) and saves 3 MB a thread, 15 MB of peak RSS on 8 threads (BENCHMARKS.md, session 11).
const MAX_TYPES: usize = 1 << 13;

/// What a word type brings wherever it occurs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lexeme {
    /// Its observations, gazetteer matches (which depend on the neighbours) left at 0.
    pub(crate) obs: Obs,
    /// Its [`gazetteer::key`] and [`Gazetteer::first`].
    pub(crate) gaz_key: u64,
    pub(crate) gaz_first: Option<u32>,
    /// The summed rows of its [`features::own_features`] in running text.
    pub(crate) own: [i32; N_LABELS],
    /// ... of its [`features::left_neighbour_features`], which the next token gets.
    pub(crate) left: [i32; N_LABELS],
    /// ... of its [`features::right_neighbour_features`], which the previous token gets.
    pub(crate) right: [i32; N_LABELS],
}

/// The word types one recognizer has met on this thread, numbered.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// The recognizer ([`crate::Recognizer`]'s id) whose weights, clusters and gazetteer the
    /// entries come from.
    owner: Option<u64>,
    /// [`hash::bytes`] of a word -> its entry.
    index: PreMap<u32>,
    /// The entries' words, concatenated; entry `k`'s is `text[spans[k].0..spans[k].1]`.
    text: String,
    spans: Vec<(usize, usize)>,
    entries: Vec<Lexeme>,
    feats: Vec<u64>,
}

impl Lexicon {
    /// Readies the lexicon for a document of `words` words of recognizer `owner`: forgets the
    /// entries of another recognizer, or all of them when the document's words might not all
    /// fit under `MAX_TYPES` (only here, as a document's tokens refer to entries by number).
    ///
    /// Why by the document's length, and room reserved only up to `MAX_TYPES`: `reserve`
    /// counts beyond the entries already there, so reserving `MAX_TYPES` more for every
    /// document, or letting a document carry the lexicon past them, doubled the capacity (12 MB
    /// a thread for 16k entries of 6 MB; BENCHMARKS.md, session 11).
    pub(crate) fn start(&mut self, owner: u64, words: usize) {
        if self.owner != Some(owner) || self.entries.len() + words > MAX_TYPES {
            self.owner = Some(owner);
            self.index.clear();
            self.text.clear();
            self.spans.clear();
            self.entries.clear();
            // A document of more words than that grows them; give the excess back.
            self.index.shrink_to(MAX_TYPES);
            self.spans.shrink_to(MAX_TYPES);
            self.entries.shrink_to(MAX_TYPES);
        }
        // Room for all entries from the start: growing would copy megabytes of them.
        let room = MAX_TYPES.saturating_sub(self.entries.len());
        self.index.reserve(room);
        self.spans.reserve(room);
        self.entries.reserve(room);
    }

    /// The number of `word`'s entry, worked out on first sight.
    pub(crate) fn lookup(&mut self, word: &str, weights: &Weights, clusters: &Clusters, gaz: &Gazetteer) -> u32 {
        let h = hash::bytes(word.as_bytes());
        if let Some(&k) = self.index.get(&h) {
            let (start, end) = self.spans[k as usize];
            if &self.text[start..end] == word {
                return k;
            }
            // Another word with the same hash: this one gets an entry per occurrence, found
            // by no lookup (correct, and too rare to matter).
            return self.add(word, weights, clusters, gaz);
        }
        let k = self.add(word, weights, clusters, gaz);
        self.index.insert(h, k);
        k
    }

    #[inline]
    pub(crate) fn get(&self, k: u32) -> &Lexeme {
        &self.entries[k as usize]
    }

    fn add(&mut self, word: &str, weights: &Weights, clusters: &Clusters, gaz: &Gazetteer) -> u32 {
        let obs = features::observe_word(word, clusters);
        let mut sum = |add: &dyn Fn(&mut Vec<u64>)| {
            self.feats.clear();
            add(&mut self.feats);
            weights.sum_rows(&self.feats)
        };
        let own = sum(&|f| features::own_features(&obs, false, f));
        let left = sum(&|f| features::left_neighbour_features(&obs, f));
        let right = sum(&|f| features::right_neighbour_features(&obs, f));
        let start = self.text.len();
        self.text.push_str(word);
        self.spans.push((start, self.text.len()));
        let gaz_key = gazetteer::key(word);
        self.entries.push(Lexeme { obs, gaz_key, gaz_first: gaz.first(gaz_key), own, left, right });
        (self.entries.len() - 1) as u32
    }

}

#[cfg(test)]
mod tests {
    use crate::features::{self, DocMemory, Scratch};
    use crate::recognizer::{tag_document, Buffers};
    use crate::{read_conll, Document, Recognizer};

    fn dev_documents(n: usize) -> Vec<Document> {
        let mut docs = read_conll(&tidings_corpus::shared_data("conll2003/valid.txt")).unwrap();
        docs.truncate(n);
        docs
    }

    fn committed() -> Recognizer {
        Recognizer::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner"))).unwrap()
    }

    /// However many new words a stream of documents brings, the lexicon never grows past the
    /// room reserved for `MAX_TYPES` entries: a long stream's memory stays what the first
    /// document reserved.
    #[test]
    fn a_stream_of_new_words_never_outgrows_the_room_reserved() {
        let rec = committed();
        let mut lexicon = super::Lexicon::default();
        let mut reserved = None;
        const WORDS: usize = 500;
        for d in 0..3 * super::MAX_TYPES / WORDS {
            lexicon.start(rec.id, WORDS);
            for i in 0..WORDS {
                lexicon.lookup(&format!("Qx{}", d * WORDS + i), &rec.weights, &rec.clusters, &rec.gaz);
            }
            let capacity = (lexicon.entries.capacity(), lexicon.spans.capacity(), lexicon.index.capacity());
            assert_eq!(*reserved.get_or_insert(capacity), capacity, "document {d}");
        }
    }

    /// A word's own features, its neighbours' contributions and the context features are the
    /// static features, neither fewer nor more: in running text and in headlines (where
    /// abbreviations differ), at sentence edges, with a document memory.
    #[test]
    fn split_features_are_the_static_features() {
        let rec = committed();
        let mut scratch = Scratch::default();
        let mut checked = 0;
        for doc in dev_documents(30) {
            let obs: Vec<Vec<features::Obs>> = doc
                .sentences
                .iter()
                .map(|r| {
                    let mut o = Vec::new();
                    features::observe(&doc.words[r.clone()], &rec.clusters, &rec.gaz, &mut o, &mut scratch);
                    o
                })
                .collect();
            let mut mem = DocMemory::default();
            mem.start(&obs);
            let gold = crate::tags::encode(&doc.entities, doc.words.len());
            for (sent, r) in obs.iter().zip(&doc.sentences) {
                mem.remember(sent, &gold[r.clone()]);
            }
            for sent in &obs {
                for headline in [false, true] {
                    for i in 0..sent.len() {
                        let mut whole = Vec::new();
                        features::extract_static(sent, i, headline, &mem, &mut whole);
                        let mut parts = Vec::new();
                        features::own_features(&sent[i], headline, &mut parts);
                        if i > 0 {
                            features::left_neighbour_features(&sent[i - 1], &mut parts);
                        }
                        if i + 1 < sent.len() {
                            features::right_neighbour_features(&sent[i + 1], &mut parts);
                        }
                        features::context_features(sent, i, headline, &mem, &mut parts);
                        whole.sort_unstable();
                        parts.sort_unstable();
                        assert_eq!(whole, parts, "token {i} of a sentence (headline {headline})");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 5000, "{checked} tokens checked");
    }

    /// Decoding through the lexicon labels as tagging every token's features does, also when a
    /// thread's lexicon was filled by another recognizer (a pruned one) before.
    #[test]
    fn lexicon_decoding_equals_feature_by_feature_decoding() {
        let rec = committed();
        let pruned = rec.pruned(2000);
        let docs = dev_documents(60);
        let mut buf = Buffers::default();
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        for r in [&rec, &pruned, &rec] {
            let mut entities = 0;
            for d in &docs {
                let found = r.recognize_with(&d.words, &d.sentences, &mut buf, &mut fast);
                entities += found.len();
                let mut w = &r.weights;
                tag_document(&mut w, &r.gaz, &r.clusters, &d.words, &d.sentences, r.beam, None, &mut Buffers::default(), &mut slow);
                assert_eq!(fast, slow);
            }
            assert!(entities > 500, "{entities} entities found");
        }
    }
}
