//! A read-only name index that loads without rebuilding anything.
//!
//! Keys are kept sorted in one string with an offset table, so loading is a few large copies
//! (no per-key allocation, no hashing) and a lookup is a binary search. Each key owns a run
//! of entries: a target id and whether the variant is case-marked (see [`crate::normalize`]).
//! Runs are sorted by target id, and the build numbers targets by relevance, so the first
//! entry of a run is the best default.

use crate::normalize::{is_capitals, normalize};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct NameIndex {
    keys: String,
    key_ends: Vec<u32>,
    run_ends: Vec<u32>,
    /// `target << 1 | case_marked`.
    entries: Vec<u32>,
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

    fn key(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.key_ends[i - 1] as usize
        };
        &self.keys[start..self.key_ends[i] as usize]
    }

    /// The raw entries of a normalized key.
    fn run(&self, key: &str) -> &[u32] {
        let n = self.key_ends.len();
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.key(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if lo < n && self.key(lo) == key {
            let start = if lo == 0 {
                0
            } else {
                self.run_ends[lo - 1] as usize
            };
            &self.entries[start..self.run_ends[lo] as usize]
        } else {
            &[]
        }
    }

    /// The targets a name reaches, best first: the name is normalized, and case-marked
    /// variants count only when the name is written in capitals.
    pub(crate) fn lookup(&self, name: &str) -> impl Iterator<Item = u32> + '_ {
        let capitals = is_capitals(name);
        self.run(&normalize(name))
            .iter()
            .filter(move |e| capitals || *e & 1 == 0)
            .map(|e| e >> 1)
    }

    /// The targets of a key taken as it is, not normalized (for identifiers).
    pub(crate) fn exact(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        self.run(key).iter().map(|e| e >> 1)
    }

    /// Every key, sorted.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.key_ends.len()).map(|i| self.key(i))
    }

    /// How many (key, target) pairs.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Checks the offsets so that a damaged artifact fails at load, not in a lookup.
    pub(crate) fn validate(&self, targets: usize) -> Result<(), String> {
        let sorted = |v: &[u32]| v.windows(2).all(|w| w[0] <= w[1]);
        if self.key_ends.len() != self.run_ends.len()
            || !sorted(&self.key_ends)
            || !sorted(&self.run_ends)
            || self.key_ends.last().map_or(0, |&e| e as usize) != self.keys.len()
            || self.run_ends.last().map_or(0, |&e| e as usize) != self.entries.len()
        {
            return Err("name index offsets are inconsistent".into());
        }
        if self
            .key_ends
            .iter()
            .any(|&e| !self.keys.is_char_boundary(e as usize))
        {
            return Err("name index key offsets split a character".into());
        }
        if self.entries.iter().any(|&e| (e >> 1) as usize >= targets) {
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
