//! Word clusters: distributional classes of 294k word forms (`models/clusters/`, k-means over
//! spaCy `en_core_web_md` vectors), so that words unseen in the treebank share features with
//! seen words that occur in similar contexts.
//!
//! The table is read once, at training time, from `clusters.tsv.gz` and stored inside the tagger
//! model, so inference needs no other file.

use crate::binary::{Reader, Writer};
use crate::lex::hash_str;
use crate::table::Table;
use crate::SyntaxError;
use std::io::Read;
use std::path::Path;

/// Cluster ids at k = 256, 1024 and 4096, packed as 8 + 10 + 12 bits.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    table: Table,
}

/// A word's cluster at each level (`u64::MAX - level` when unknown, so unknowns still share a
/// feature value per level).
pub(crate) type ClusterIds = [u64; 3];

pub(crate) const UNKNOWN: ClusterIds = [u64::MAX, u64::MAX - 1, u64::MAX - 2];

impl Clusters {
    /// No clusters: every word is unknown.
    pub fn none() -> Clusters {
        Clusters::default()
    }

    /// Reads a `clusters.tsv.gz` file (`word c64 c256 c1024 c4096 row`, one header line).
    pub fn read_tsv_gz(path: &Path) -> Result<Clusters, SyntaxError> {
        let file = std::fs::File::open(path).map_err(|e| SyntaxError::io(path, e))?;
        let mut text = String::new();
        flate2::read::GzDecoder::new(file)
            .read_to_string(&mut text)
            .map_err(|e| SyntaxError::io(path, e))?;
        let mut pairs = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if i == 0 && line.starts_with("#word\t") {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let num = |k: usize, bits: u32| -> Result<u32, SyntaxError> {
                cols.get(k)
                    .and_then(|c| c.parse::<u32>().ok())
                    .filter(|&v| v < (1 << bits))
                    .ok_or_else(|| SyntaxError::BadModel {
                        path: path.to_path_buf(),
                        message: format!("line {}: bad cluster column {k}", i + 1),
                    })
            };
            if cols.len() < 5 {
                return Err(SyntaxError::BadModel {
                    path: path.to_path_buf(),
                    message: format!("line {}: expected 6 columns", i + 1),
                });
            }
            let packed = num(2, 8)? | num(3, 10)? << 8 | num(4, 12)? << 18;
            pairs.push((hash_str(cols[0]), packed));
        }
        Ok(Clusters {
            table: Table::build(&pairs),
        })
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.len() == 0
    }

    /// The clusters of a word, found by its exact form, else its lower-case form (given as
    /// hashes: the form's and its normalised form's, see [`crate::lex::Lex`]).
    #[inline]
    pub(crate) fn get(&self, form: u64, norm: u64) -> ClusterIds {
        match self.table.get(form).or_else(|| self.table.get(norm)) {
            Some(p) => [(p & 0xff) as u64, (p >> 8 & 0x3ff) as u64, (p >> 18) as u64],
            None => UNKNOWN,
        }
    }

    /// Asks the CPU to start loading what [`Clusters::get`] will read; no effect on results.
    #[inline]
    pub(crate) fn prefetch(&self, form: u64, norm: u64) {
        self.table.hint(form);
        self.table.hint(norm);
    }

    /// Whether `word` (as written) has clusters: a test that it is an English word.
    pub fn contains(&self, word: &str) -> bool {
        self.table.get(hash_str(word)).is_some()
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        self.table.write(w);
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Clusters, SyntaxError> {
        Ok(Clusters {
            table: Table::read(r)?,
        })
    }
}
