//! A read-only name index that loads without rebuilding anything.
//!
//! Keys are kept sorted in one string with offset tables (stored as byte strings), so loading
//! is a few large copies (no per-key allocation, no hashing) and a lookup is a binary search. Each key owns a run
//! of entries: a target id and whether the variant is case-marked (see [`crate::normalize`]).
//! Runs are sorted by target id, and the build numbers targets by relevance, so the first
//! entry of a run is the best default.

use crate::normalize::{is_capitals, with_key};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct NameIndex {
    keys: String,
    #[serde(with = "crate::records::u32s")]
    key_ends: Vec<u32>,
    #[serde(with = "crate::records::u32s")]
    run_ends: Vec<u32>,
    /// `target << 1 | case_marked`.
    #[serde(with = "crate::records::u32s")]
    entries: Vec<u32>,
    /// Where the keys starting with each byte begin (257 bounds), derived after loading or
    /// building and not saved: a lookup then searches only the keys sharing its first byte,
    /// a few steps fewer out of some seventeen.
    #[serde(skip)]
    first_bytes: Vec<u32>,
}

impl NameIndex {
    /// Builds the index from `(key, target, case_marked)` triples in any order. A target that
    /// a key reaches through several variants is case-marked only if every variant is.
    pub(crate) fn build(mut items: Vec<(String, u32, bool)>) -> NameIndex {
        items.retain(|(key, _, _)| !key.is_empty());
        items.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
        let mut index = NameIndex::default();
        let mut previous: Option<(&str, u32)> = None;
        for (key, target, marked) in &items {
            match previous {
                Some((k, t)) if k == key && t == *target => {
                    // Sorted with `false` first: an unmarked variant already made it unmarked.
                    continue;
                }
                Some((k, _)) if k == key => {}
                _ => {
                    if previous.is_some() {
                        index.run_ends.push(index.entries.len() as u32);
                    }
                    index.keys.push_str(key);
                    index.key_ends.push(index.keys.len() as u32);
                }
            }
            index.entries.push(target << 1 | u32::from(*marked));
            previous = Some((key, *target));
        }
        if previous.is_some() {
            index.run_ends.push(index.entries.len() as u32);
        }
        index.first_bytes = index.first_byte_bounds();
        index
    }

    /// The bounds of [`NameIndex::first_bytes`]: 256 binary searches, not a pass over the keys.
    fn first_byte_bounds(&self) -> Vec<u32> {
        let mut bounds = Vec::with_capacity(257);
        bounds.push(0);
        for byte in 0..=255u8 {
            let start = *bounds.last().expect("starts with 0") as usize;
            // (An empty key, only in a damaged artifact, sorts first.)
            let end = self.partition(start, self.key_ends.len(), |key| {
                key.first().is_none_or(|&b| b <= byte)
            });
            bounds.push(end as u32);
        }
        bounds
    }

    /// The first key index in `lo..hi` for which `before` is false (keys are sorted, and
    /// `before` holds for a prefix of them).
    fn partition(&self, mut lo: usize, mut hi: usize, before: impl Fn(&[u8]) -> bool) -> usize {
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if before(self.key_bytes(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Key `i` as bytes: comparing bytes orders keys as strings do, without the character
    /// boundary checks of slicing a `str`.
    fn key_bytes(&self, i: usize) -> &[u8] {
        let start = match i.checked_sub(1) {
            Some(previous) => self.key_ends[previous] as usize,
            None => 0,
        };
        &self.keys.as_bytes()[start..self.key_ends[i] as usize]
    }

    /// Key `i` in sorted order.
    pub(crate) fn key(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.key_ends[i - 1] as usize
        };
        &self.keys[start..self.key_ends[i] as usize]
    }

    /// The raw entries of a normalized key.
    fn run(&self, key: &[u8]) -> &[u32] {
        let Some(&first) = key.first() else {
            return &[];
        };
        // Only keys with the same first byte can match.
        let (lo, hi) = match self
            .first_bytes
            .get(usize::from(first)..usize::from(first) + 2)
        {
            Some(&[lo, hi]) => (lo as usize, hi as usize),
            _ => (0, self.key_ends.len()),
        };
        let at = self.partition(lo, hi, |k| k < key);
        if at < hi && self.key_bytes(at) == key {
            let start = match at.checked_sub(1) {
                Some(previous) => self.run_ends[previous] as usize,
                None => 0,
            };
            &self.entries[start..self.run_ends[at] as usize]
        } else {
            &[]
        }
    }

    /// The targets a name reaches, best first: the name is normalized, and case-marked
    /// variants count only when the name is written in capitals.
    pub(crate) fn lookup(&self, name: &str) -> impl Iterator<Item = u32> + '_ {
        let capitals = is_capitals(name);
        with_key(name, |key| self.run(key))
            .iter()
            .filter(move |e| capitals || *e & 1 == 0)
            .map(|e| e >> 1)
    }

    /// The targets of a key taken as it is, not normalized (for identifiers).
    pub(crate) fn exact(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        self.run(key.as_bytes()).iter().map(|e| e >> 1)
    }

    /// Every key, sorted.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.key_ends.len()).map(|i| self.key(i))
    }

    /// How many keys.
    pub(crate) fn key_count(&self) -> usize {
        self.key_ends.len()
    }

    /// How many (key, target) pairs.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Checks the offsets so that a damaged artifact fails at load, not in a lookup, and
    /// derives what is not saved.
    pub(crate) fn loaded(&mut self, targets: usize) -> Result<(), String> {
        self.validate(targets)?;
        self.first_bytes = self.first_byte_bounds();
        Ok(())
    }

    fn validate(&self, targets: usize) -> Result<(), String> {
        if self.key_ends.len() != self.run_ends.len()
            || !self.key_ends.is_sorted()
            || !self.run_ends.is_sorted()
            || self.key_ends.last().map_or(0, |&e| e as usize) != self.keys.len()
            || self.run_ends.last().map_or(0, |&e| e as usize) != self.entries.len()
        {
            return Err("name index offsets are inconsistent".into());
        }
        // (Normalized keys are ASCII, where every offset is a boundary.)
        if !self.keys.is_ascii()
            && self
                .key_ends
                .iter()
                .any(|&e| !self.keys.is_char_boundary(e as usize))
        {
            return Err("name index key offsets split a character".into());
        }
        // (The largest entry, found without a branch per entry, checks them all.)
        if self
            .entries
            .iter()
            .max()
            .is_some_and(|&e| (e >> 1) as usize >= targets)
        {
            return Err("name index points past its table".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_normalizes_orders_and_respects_case_marks() {
        let index = NameIndex::build(vec![
            ("united states".into(), 7, false),
            ("us".into(), 7, true),
            ("us".into(), 3, true),
            ("ufa".into(), 5, false),
            ("united states".into(), 2, false),
            ("united states".into(), 7, true),
        ]);
        assert_eq!(
            index.keys().collect::<Vec<_>>(),
            ["ufa", "united states", "us"]
        );
        assert_eq!(
            index.lookup("the United States").collect::<Vec<_>>(),
            [2, 7]
        );
        assert_eq!(index.lookup("U.S.").collect::<Vec<_>>(), [3, 7]);
        assert_eq!(index.lookup("us").count(), 0);
        assert_eq!(index.lookup("Ufa").collect::<Vec<_>>(), [5]);
        assert_eq!(index.lookup("nowhere").count(), 0);
        assert_eq!(index.lookup("").count(), 0);
        assert!(index.validate(8).is_ok());
        assert!(index.validate(7).is_err());
    }
}
