//! Context rows: the summed weights of the tagger's context features whose atoms take few
//! values, kept per thread by those values, so that a token adds two rows instead of scoring
//! five features (along with its word types' rows). They are the features of the two previous
//! tags ([`tag_features`]) and those of the orthographic flags of the token's word and the word
//! before it, with whether the token starts the sentence ([`flag_features`]). Sums are exact
//! integers, as for word types.

use super::{flag_features, keys, tag_features};
use crate::lex::{Lex, NONE};
use crate::tagger::Tagger;

/// Orthographic flags take values below this (six bits, see [`crate::lex::flag`]).
const FLAG_VALUES: usize = 64;

/// Rows kept before the table starts afresh (between tokens: no row outlives the token it is
/// added to). A row takes 4 bytes a tag, so 1.7 MB at most with the committed tagger's 102.
const MAX_ROWS: usize = 1 << 12;

#[derive(Default)]
pub(crate) struct ContextRows {
    /// The tagger ([`Tagger::owner`]) whose weights the rows come from.
    owner: Option<u64>,
    n_tags: usize,
    /// By the previous two tags (`n_tags` standing for none): 1 + the number of their row,
    /// or 0 while it is not summed.
    by_tags: Vec<u32>,
    /// The same by the previous word's flags, the word's flags and whether it is the first.
    by_flags: Vec<u32>,
    /// Row `r` is `rows[r * n_tags..(r + 1) * n_tags]`.
    rows: Vec<i32>,
}

impl ContextRows {
    /// Readies the rows for a sentence of `tagger`: forgets those of another tagger, or all
    /// once there are `MAX_ROWS`.
    pub(crate) fn start(&mut self, tagger: &Tagger) {
        if self.owner == Some(tagger.owner()) && self.rows.len() < MAX_ROWS * self.n_tags {
            return;
        }
        self.owner = Some(tagger.owner());
        self.n_tags = tagger.n_tags();
        self.by_tags.clear();
        self.by_tags
            .resize((self.n_tags + 1) * (self.n_tags + 1), 0);
        self.by_flags.clear();
        self.by_flags.resize(FLAG_VALUES * FLAG_VALUES * 2, 0);
        self.rows.clear();
    }

    /// The rows of the weights of the tag and flag features of token `i` of `lex` after the
    /// tags `p1` and `p2` (`NONE` before the sentence), for [`super::WordTypes::add_to`].
    #[inline]
    pub(crate) fn rows(
        &mut self,
        tagger: &Tagger,
        lex: &[Lex],
        i: usize,
        p1: u64,
        p2: u64,
    ) -> [&[i32]; 2] {
        let n = self.n_tags;
        let tag_slot = |p: u64| if p == NONE { n } else { p as usize };
        let at = tag_slot(p1) * (n + 1) + tag_slot(p2);
        let tags = match self.by_tags[at] {
            0 => {
                let row = self.sum(tagger, &keys(tag_features(p1, p2)));
                self.by_tags[at] = row + 1;
                row
            }
            r => r - 1,
        };
        let (previous, flags, first) = flag_atoms(lex, i);
        debug_assert!(previous < FLAG_VALUES as u64 && flags < FLAG_VALUES as u64);
        let at = ((previous as usize * FLAG_VALUES + flags as usize) << 1) | first as usize;
        let flagged = match self.by_flags[at] {
            0 => {
                let row = self.sum(tagger, &keys(flag_features(previous, flags, first)));
                self.by_flags[at] = row + 1;
                row
            }
            r => r - 1,
        };
        let row = |r: u32| &self.rows[r as usize * n..(r as usize + 1) * n];
        [row(tags), row(flagged)]
    }

    /// Sums a new row for `features`; returns its number.
    fn sum(&mut self, tagger: &Tagger, features: &[u64]) -> u32 {
        let start = self.rows.len();
        self.rows.resize(start + self.n_tags, 0);
        tagger.score(features, &mut self.rows[start..]);
        (start / self.n_tags) as u32
    }
}

/// The atoms of [`flag_features`] for token `i`: the previous word's flags (0 for none), the
/// word's, and whether it is the first.
#[inline]
pub(crate) fn flag_atoms(lex: &[Lex], i: usize) -> (u64, u64, u64) {
    let previous = if i >= 1 {
        lex[i - 1].flags
    } else {
        Lex::none().flags
    };
    (previous, lex[i].flags, (i == 0) as u64)
}
