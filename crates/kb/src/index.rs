//! A read-only name index that loads without rebuilding anything.
//!
//! Keys are kept sorted in one string with offset tables (stored as byte strings), so loading
//! is a few large copies (no per-key allocation, no hashing). A lookup goes through a hash
//! table of key positions derived on an index's first lookup (see [`KeyTable`]). Each key owns a run
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
    /// The keys' positions by hash, derived on the first lookup and not saved.
    #[serde(skip)]
    table: std::sync::OnceLock<KeyTable>,
}

/// Where each key of a [`NameIndex`] is, by the hash of its bytes: a lookup is then one hash
/// and mostly one comparison, where a binary search made some fourteen string comparisons over
/// keys scattered in memory (lookups run by the hundred per article). Derived from the keys
/// in one pass on an index's first lookup, so that loading stays a few copies and indexes a
/// command never asks cost nothing; the artifact's format does not change.
#[derive(Debug, Clone, Default)]
struct KeyTable {
    /// Open addressing with linear probing, at most half full: key position + 1, 0 for empty.
    slots: Vec<u32>,
}

/// Derived from the keys, so equal indexes have equal tables whether or not they were built yet.
impl PartialEq for KeyTable {
    fn eq(&self, _: &KeyTable) -> bool {
        true
    }
}

/// The hash of a key's bytes (keys are the artifact's, not untrusted input).
fn key_hash(key: &[u8]) -> usize {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(key);
    // (FxHasher's `finish` rotates its best-mixed high bits into the low ones.)
    h.finish() as usize
}

impl KeyTable {
    fn build(index: &NameIndex) -> KeyTable {
        let n = index.key_ends.len();
        let mut slots = vec![0u32; (2 * n).max(2).next_power_of_two()];
        let mask = slots.len() - 1;
        for i in 0..n {
            let mut s = key_hash(index.key_bytes(i)) & mask;
            while slots[s] != 0 {
                s = (s + 1) & mask;
            }
            // Positions in increasing order: of two equal keys (only in a damaged artifact)
            // the first is found first, as the binary search found it.
            slots[s] = i as u32 + 1;
        }
        KeyTable { slots }
    }

    /// The position of `key` among the index's keys.
    fn find(&self, index: &NameIndex, key: &[u8]) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut s = key_hash(key) & mask;
        loop {
            let at = (self.slots[s] as usize).checked_sub(1)?;
            if index.key_bytes(at) == key {
                return Some(at);
            }
            s = (s + 1) & mask;
        }
    }
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
        index
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
        if key.is_empty() {
            return &[];
        }
        let table = self.table.get_or_init(|| KeyTable::build(self));
        match table.find(self, key) {
            Some(at) => {
                let start = match at.checked_sub(1) {
                    Some(previous) => self.run_ends[previous] as usize,
                    None => 0,
                };
                &self.entries[start..self.run_ends[at] as usize]
            }
            None => &[],
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

    /// Checks the offsets so that a damaged artifact fails at load, not in a lookup.
    pub(crate) fn loaded(&mut self, targets: usize) -> Result<(), String> {
        self.validate(targets)
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

    #[test]
    fn every_key_is_found_through_the_hash_table_and_no_other() {
        let items: Vec<(String, u32, bool)> = (0..3000u32)
            .map(|i| (format!("name {}", i * 7), i, false))
            .collect();
        let index = NameIndex::build(items);
        for i in 0..3000u32 {
            assert_eq!(
                index.exact(&format!("name {}", i * 7)).collect::<Vec<_>>(),
                [i]
            );
            if i % 7 != 0 {
                assert_eq!(index.exact(&format!("name {i}")).count(), 0);
            }
        }
        assert_eq!(index.exact("name").count(), 0);
        assert_eq!(NameIndex::default().exact("name").count(), 0);
    }
}
