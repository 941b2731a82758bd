//! Word clusters (`models/clusters/clusters.tsv.gz`, see its README): k-means clusters of
//! en_core_web_md's word vectors. The recognizer uses the k = 256, 1024 and 4096 levels (the
//! 64-way level and spaCy's vector row did not help on CoNLL dev), packed in one `u32` per word.

use crate::hash;
use crate::NerError;
use std::io::Read;
use std::path::Path;

/// Cluster levels kept per word.
pub(crate) const LEVELS: usize = 3;
/// Columns of the file used, and the bits each takes in the packed value.
const COLUMNS: [usize; LEVELS] = [2, 3, 4];
const BITS: [u32; LEVELS] = [8, 10, 12];

/// An open-addressing table from word hashes to packed cluster ids. To keep the model small a
/// slot is one `u64`: the upper half of the word's hash (a fingerprint; the lower bits chose the
/// slot) over the ids packed as `c256 | c1024 << 8 | c4096 << 18`. Two words that agree on the
/// slot and on 32 fingerprint bits would share clusters; with 300k words that is unlikely and
/// harmless.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clusters {
    pub(crate) slots: Vec<u64>,
    len: usize,
}

#[inline]
fn fingerprint(h: u64) -> u64 {
    (h >> 32) | 1
}

fn unpack(mut v: u32) -> [u16; LEVELS] {
    let mut ids = [0; LEVELS];
    for (id, bits) in ids.iter_mut().zip(BITS) {
        *id = (v & ((1 << bits) - 1)) as u16;
        v >>= bits;
    }
    ids
}

impl Clusters {
    /// The clusters of a token: its exact form first, then its lowercase form.
    #[inline]
    pub(crate) fn get(&self, word_hash: u64, lower_hash: u64) -> Option<[u16; LEVELS]> {
        let v = self.find(word_hash).or_else(|| self.find(lower_hash))?;
        Some(unpack(v))
    }

    /// Asks the CPU to start loading the slot of a word hash; no effect on results.
    #[inline]
    pub(crate) fn prefetch(&self, h: u64) {
        if let Some(s) = self.slots.get(h as usize & self.slots.len().wrapping_sub(1)) {
            hash::prefetch(s);
        }
    }

    #[inline]
    fn find(&self, h: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let fp = fingerprint(h);
        let mut i = h as usize & mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if s >> 32 == fp {
                return Some(s as u32);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds a word unless its slot and fingerprint are taken. The table must have room.
    fn insert(&mut self, h: u64, packed: u32) {
        let mask = self.slots.len() - 1;
        let fp = fingerprint(h);
        let mut i = h as usize & mask;
        while self.slots[i] != 0 {
            if self.slots[i] >> 32 == fp {
                return;
            }
            i = (i + 1) & mask;
        }
        self.slots[i] = fp << 32 | packed as u64;
        self.len += 1;
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// A table from raw slots; `None` unless a power of two in size with a free slot.
    pub(crate) fn from_slots(slots: Vec<u64>) -> Option<Clusters> {
        if slots.is_empty() {
            return Some(Clusters::default());
        }
        let len = slots.iter().filter(|&&s| s != 0).count();
        (slots.len().is_power_of_two() && len < slots.len()).then_some(Clusters { slots, len })
    }

    /// Reads the gzip TSV `word c64 c256 c1024 c4096 row`.
    pub(crate) fn read(path: &Path) -> Result<Clusters, NerError> {
        let file = std::fs::File::open(path).map_err(|e| NerError::io(path, e))?;
        let mut text = String::new();
        flate2::read::GzDecoder::new(file).read_to_string(&mut text).map_err(|e| NerError::io(path, e))?;
        let lines = text.lines().count();
        // At most 2/3 full, so probes stay short.
        let mut c = Clusters { slots: vec![0; (lines * 3 / 2 + 1).next_power_of_two()], len: 0 };
        for (i, line) in text.lines().enumerate() {
            if line.starts_with("#word") || line.is_empty() {
                continue;
            }
            let bad = |message: &str| NerError::Resource { path: path.into(), line: i + 1, message: message.into() };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 1 + COLUMNS[LEVELS - 1] {
                return Err(bad("expected a word and its cluster ids"));
            }
            let mut packed = 0u32;
            let mut shift = 0;
            for (col, bits) in COLUMNS.iter().zip(BITS) {
                let id: u32 = cols[*col].parse().map_err(|_| bad("cluster id is not a number"))?;
                if id >= 1 << bits {
                    return Err(bad("cluster id too large for its level"));
                }
                packed |= id << shift;
                shift += bits;
            }
            c.insert(hash::word(cols[0]), packed);
        }
        Ok(c)
    }
}
