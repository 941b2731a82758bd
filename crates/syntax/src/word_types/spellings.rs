//! Spellings: what a thread knows of the words it has met, by their bytes, so that a repeated
//! word costs one hash of its bytes instead of [`Lex::of`], two table lookups and the
//! lemmatizer's rules.

use crate::lex::{self, Lex};
use crate::tagger::TagId;
#[cfg(doc)]
use crate::tagger::Tagger;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Spellings kept before the table starts afresh (between sentences): an entry takes some 200
/// bytes and a few allocations. Over the bench corpus on one thread (193k words, 23k of them
/// new to a table of 14k), 4k against 14k cost 12 MB less peak RSS (182 against 195 MB) for most
/// of the instructions saved (7,099M in all against 7,657M without the table); memory is what
/// this pipeline's speed is bound by (BENCHMARKS.md, session 9).
const MAX_SPELLINGS: usize = 4_000;

/// The words one tagger has met on this thread, by spelling: their atoms (clusters and
/// ambiguity class filled in) and the lemmas given them under each tag so far. A repeated word
/// then costs one hash of its bytes instead of [`Lex::of`], two table lookups and the
/// lemmatizer's rules: news repeats three words in four.
#[derive(Default)]
pub(crate) struct Spellings {
    /// The tagger ([`Tagger::owner`]) whose clusters and lemmatizer the entries come from.
    owner: Option<u64>,
    words: HashMap<Box<str>, Spelling, BuildHasherDefault<BytesHasher>>,
}

struct Spelling {
    lex: Lex,
    lemmas: Vec<(TagId, String)>,
}

impl Spellings {
    /// Readies the table for a sentence of the tagger `owner`: forgets the entries of another
    /// tagger, or all of them once there are [`MAX_SPELLINGS`].
    pub(crate) fn start(&mut self, owner: u64) {
        if self.owner != Some(owner) || self.words.len() >= MAX_SPELLINGS {
            self.owner = Some(owner);
            self.words.clear();
        }
    }

    /// The atoms of `word`, if met before.
    #[inline]
    pub(crate) fn lex(&self, word: &str) -> Option<Lex> {
        self.words.get(word).map(|s| s.lex)
    }

    /// Keeps the atoms `lex` of `word`.
    pub(crate) fn insert(&mut self, word: &str, lex: Lex) {
        if !self.words.contains_key(word) {
            let lemmas = Vec::new();
            self.words.insert(word.into(), Spelling { lex, lemmas });
        }
    }

    /// The lemma of `word` under `tag` for the tagger `owner`: the one kept, else `lemmatize()`
    /// (kept if the word is).
    pub(crate) fn lemma(
        &mut self,
        owner: u64,
        word: &str,
        tag: TagId,
        lemmatize: impl FnOnce() -> String,
    ) -> String {
        let spelling = match self.words.get_mut(word) {
            Some(spelling) if self.owner == Some(owner) => spelling,
            _ => return lemmatize(),
        };
        if let Some((_, lemma)) = spelling.lemmas.iter().find(|(t, _)| *t == tag) {
            return lemma.clone();
        }
        let lemma = lemmatize();
        spelling.lemmas.push((tag, lemma.clone()));
        lemma
    }
}

/// The hash of [`Spellings`]' table: the feature hash's step ([`lex::step`]) over 8 bytes at a
/// time, then its finaliser, as the table picks buckets by the low bits and filters by the high
/// ones. (Nothing stored depends on it.)
#[derive(Default)]
struct BytesHasher(u64);

impl Hasher for BytesHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.0 = lex::step(self.0, word);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let tail = rest
                .iter()
                .enumerate()
                .fold(0u64, |v, (i, &b)| v | (b as u64) << (8 * i));
            self.0 = lex::step(self.0, tail);
        }
    }

    #[inline]
    fn write_u8(&mut self, x: u8) {
        self.0 = lex::step(self.0, x as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        lex::finish(self.0)
    }
}
