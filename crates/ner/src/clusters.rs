//! Word clusters (`models/clusters/clusters.tsv.gz`, see its README): k-means clusters of
//! en_core_web_md's word vectors at k = 64, 256, 1024, 4096, plus spaCy's own vector row.

use crate::hash::{self, Table};
use crate::NerError;
use std::io::Read;
use std::path::Path;

/// Cluster levels kept per word.
pub(crate) const LEVELS: usize = 5;

#[derive(Debug, Clone, Default)]
pub(crate) struct Clusters {
    /// Word hash (as written) -> index into `ids`.
    pub(crate) index: Table,
    pub(crate) ids: Vec<[u16; LEVELS]>,
}

impl Clusters {
    /// The clusters of a token: its exact form first, then its lowercase form.
    #[inline]
    pub(crate) fn get(&self, word_hash: u64, lower_hash: u64) -> Option<&[u16; LEVELS]> {
        let i = self.index.get(word_hash | 1).or_else(|| self.index.get(lower_hash | 1))?;
        self.ids.get(i as usize)
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
            let mut cols = line.split('\t');
            let word = cols.next().ok_or_else(|| bad("empty line"))?;
            let mut ids = [0u16; LEVELS];
            for id in &mut ids {
                *id = cols
                    .next()
                    .ok_or_else(|| bad("expected word and 5 cluster ids"))?
                    .parse()
                    .map_err(|_| bad("cluster id is not a number below 65536"))?;
            }
            let at = c.ids.len() as u32;
            if c.index.insert(hash::word(word) | 1, at) == at {
                c.ids.push(ids);
            }
        }
        Ok(c)
    }
}
