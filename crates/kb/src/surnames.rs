//! The surname index behind [`crate::Kb::actors_by_surname`]: last word of every actor name of
//! two or more words → the actors.
//!
//! It is derived from the actor name index on first use rather than stored (the artifact's
//! format stays as it is). Deriving it was most of the knowledge base's cost per process when
//! it was a map of owned strings filled through a search per key; it is now a hash table of key
//! positions laid out in two passes over the keys (count, then place), the surnames themselves
//! staying in the name index.

use crate::index::NameIndex;
use std::hash::{BuildHasher, BuildHasherDefault};

/// Keys of two or more words bucketed by the hash of their surname: bucket `b` holds the name
/// index positions `keys[starts[b]..starts[b + 1]]`. Surnames that share a bucket are told apart
/// by comparing them.
#[derive(Debug, Clone)]
pub(crate) struct SurnameIndex {
    starts: Vec<u32>,
    keys: Vec<u32>,
    /// log2 of the number of buckets.
    bits: u32,
}

fn hash(surname: &str) -> u64 {
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(surname)
}

/// The last word of a key of two or more words (keys separate words by single spaces).
fn surname_of(key: &str) -> Option<&str> {
    let space = key.bytes().rposition(|b| b == b' ')?;
    Some(&key[space + 1..])
}

impl SurnameIndex {
    pub(crate) fn build(names: &NameIndex) -> SurnameIndex {
        // About one bucket per key.
        let bits = names
            .key_count()
            .next_power_of_two()
            .trailing_zeros()
            .max(1);
        let mut index = SurnameIndex {
            starts: vec![0; (1 << bits) + 1],
            keys: Vec::new(),
            bits,
        };
        let placed: Vec<(u32, u32)> = names
            .keys()
            .enumerate()
            .filter_map(|(i, key)| Some((index.bucket(surname_of(key)?), i as u32)))
            .collect();
        for &(bucket, _) in &placed {
            index.starts[bucket as usize + 1] += 1;
        }
        for b in 1..index.starts.len() {
            index.starts[b] += index.starts[b - 1];
        }
        let mut next = index.starts.clone();
        index.keys = vec![0; placed.len()];
        for (bucket, key) in placed {
            let slot = &mut next[bucket as usize];
            index.keys[*slot as usize] = key;
            *slot += 1;
        }
        index
    }

    fn bucket(&self, surname: &str) -> u32 {
        // The high bits of FxHash's result are the well mixed ones.
        (hash(surname) >> (64 - self.bits)) as u32
    }

    /// The actors with a name ending in `surname` (a normalized key), each once, in id order.
    pub(crate) fn actors(&self, names: &NameIndex, surname: &str) -> Vec<u32> {
        let bucket = self.bucket(surname) as usize;
        let mut actors: Vec<u32> = Vec::new();
        let (Some(&start), Some(&end)) = (self.starts.get(bucket), self.starts.get(bucket + 1))
        else {
            return actors;
        };
        for &key in &self.keys[start as usize..end as usize] {
            let key = names.key(key as usize);
            if surname_of(key) == Some(surname) {
                actors.extend(names.exact(key));
            }
        }
        actors.sort_unstable();
        actors.dedup();
        actors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_find_each_actor_once_in_id_order() {
        let names = NameIndex::build(vec![
            ("jane q roe".into(), 4, false),
            ("jane roe".into(), 4, false),
            ("john roe".into(), 1, false),
            ("roe".into(), 9, false),
            ("roe smith".into(), 7, false),
            ("jane doe".into(), 2, false),
        ]);
        let index = SurnameIndex::build(&names);
        assert_eq!(index.actors(&names, "roe"), [1, 4]);
        assert_eq!(index.actors(&names, "doe"), [2]);
        assert_eq!(index.actors(&names, "smith"), [7]);
        assert!(index.actors(&names, "jane").is_empty());
        assert!(index.actors(&names, "jane roe").is_empty());
    }
}
