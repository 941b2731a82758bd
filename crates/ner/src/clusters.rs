//! Word clusters (`models/clusters/clusters.tsv.gz`, see its README): k-means clusters of
//! en_core_web_md's word vectors. The recognizer uses the k = 256, 1024 and 4096 levels (the
//! 64-way level and spaCy's vector row did not help on CoNLL dev), packed in one `u32` per word.

use crate::hash::{self, Table};
use crate::NerError;
use std::io::Read;
use std::path::Path;

/// Cluster levels kept per word.
pub(crate) const LEVELS: usize = 3;
/// Columns of the file used, and the bits each takes in the packed value.
const COLUMNS: [usize; LEVELS] = [2, 3, 4];
const BITS: [u32; LEVELS] = [8, 10, 12];

#[derive(Debug, Clone, Default)]
pub(crate) struct Clusters {
    /// Word hash (as written) -> cluster ids packed as `c256 | c1024 << 8 | c4096 << 18`.
    pub(crate) words: Table,
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
        let v = self.words.get(word_hash | 1).or_else(|| self.words.get(lower_hash | 1))?;
        Some(unpack(v))
    }

    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// Reads the gzip TSV `word c64 c256 c1024 c4096 row`.
    pub(crate) fn read(path: &Path) -> Result<Clusters, NerError> {
        let file = std::fs::File::open(path).map_err(|e| NerError::io(path, e))?;
        let mut text = String::new();
        flate2::read::GzDecoder::new(file).read_to_string(&mut text).map_err(|e| NerError::io(path, e))?;
        let mut c = Clusters::default();
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
            c.words.insert(hash::word(cols[0]) | 1, packed);
        }
        Ok(c)
    }
}
