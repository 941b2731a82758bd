//! Record tables that decode one record at a time, when it is first asked for.
//!
//! Decoding tens of thousands of actors and places with their strings at load took most of the
//! load time, and a document asks about a few dozen names. So a table is kept as the encoded
//! records in one byte string plus their end offsets (two large copies at load), and a record
//! is decoded on first access and cached.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::OnceLock;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""))]
pub(crate) struct Records<T> {
    #[serde(with = "bytes")]
    bytes: Vec<u8>,
    #[serde(with = "u32s")]
    ends: Vec<u32>,
    #[serde(skip)]
    cache: Vec<OnceLock<T>>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records {
            bytes: Vec::new(),
            ends: Vec::new(),
            cache: Vec::new(),
        }
    }
}

impl<T: Serialize + DeserializeOwned> Records<T> {
    /// Encodes the records; they stay decoded in the cache.
    pub(crate) fn new(records: Vec<T>) -> Records<T> {
        let mut table = Records::default();
        for record in &records {
            table
                .bytes
                .extend(postcard::to_stdvec(record).expect("records serialize"));
            table.ends.push(table.bytes.len() as u32);
        }
        table.cache = records.into_iter().map(OnceLock::from).collect();
        table
    }

    /// Prepares the cache after loading, and checks the offsets.
    pub(crate) fn loaded(&mut self) -> Result<(), String> {
        let sorted = self.ends.is_sorted();
        if !sorted || self.ends.last().map_or(0, |&e| e as usize) != self.bytes.len() {
            return Err("record offsets are inconsistent".into());
        }
        self.cache = (0..self.ends.len()).map(|_| OnceLock::new()).collect();
        Ok(())
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The record at `i`. Panics if `i` is out of range or the artifact's bytes for it are
    /// damaged (the offsets were checked at load).
    pub(crate) fn get(&self, i: usize) -> &T {
        self.cache[i].get_or_init(|| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
            postcard::from_bytes(&self.bytes[start..self.ends[i] as usize])
                .expect("kb.bin: a damaged record")
        })
    }

    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// Serializes a byte vector as one byte string, so that loading it is a copy, not a loop over
/// a sequence of numbers.
mod bytes {
    use super::*;

    pub(super) fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(bytes)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u8>, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
        }
        deserializer.deserialize_byte_buf(Visitor)
    }
}

/// Serializes a vector of numbers as one byte string, four little-endian bytes each, so that
/// loading it is a copy and a conversion, not a varint decoded per number through serde (the
/// name indexes hold half a million offsets: most of the load time).
pub(crate) mod u32s {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        numbers: &[u32],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = numbers.iter().flat_map(|n| n.to_le_bytes()).collect();
        serializer.serialize_bytes(&bytes)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u32>, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Vec<u32>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a byte string of little-endian u32s")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u32>, E> {
                if !v.len().is_multiple_of(4) {
                    return Err(E::invalid_length(v.len(), &self));
                }
                Ok(v.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect())
            }
        }
        deserializer.deserialize_bytes(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_decodes_on_access() {
        let table = Records::new(vec!["a".to_string(), String::new(), "ccc".to_string()]);
        let bytes = postcard::to_stdvec(&table).unwrap();
        let mut back: Records<String> = postcard::from_bytes(&bytes).unwrap();
        back.loaded().unwrap();
        assert_eq!(back.len(), 3);
        assert!(back.cache[2].get().is_none());
        assert_eq!(back.get(2), "ccc");
        assert_eq!(back.iter().cloned().collect::<Vec<_>>(), ["a", "", "ccc"]);
        back.ends[0] = 99;
        assert!(back.loaded().is_err());
    }
}
