//! Exports of a store: the stored `tidings/1` records as JSON lines, and fused events as GDELT
//! 2.0 event rows (tab-separated, in GDELT's column order) or as a Parquet table.
//!
//! It reads what [`tidings_store::Store`]'s read API gives ([`EventRow`]s from
//! [`Store::events`], records from [`Store::for_each_record`]) and adds only the file formats:
//! the mapping of a fused event onto GDELT's 61 columns is documented in [`gdelt`], the Parquet
//! schema in [`parquet`]. It knows nothing about SQLite, the pipeline or the command line, and
//! it opens no files: every writer takes any [`std::io::Write`].
//!
//! [`EventRow`]: tidings_store::query::EventRow
//! [`Store::events`]: tidings_store::Store::events
//! [`Store::for_each_record`]: tidings_store::Store::for_each_record

pub mod gdelt;
pub mod parquet;

use std::io::Write;
use tidings_store::{Store, StoreError};

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Reading the store failed (the error names the database file).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing the output failed after `rows` rows.
    #[error("writing row {rows}: {source}")]
    Write {
        rows: usize,
        #[source]
        source: std::io::Error,
    },
    /// The Parquet writer refused (after `rows` rows were given to it).
    #[error("writing Parquet after {rows} rows: {source}")]
    Parquet {
        rows: usize,
        #[source]
        source: ::parquet::errors::ParquetError,
    },
    /// Building an Arrow batch failed (a schema and its columns disagree: a bug here).
    #[error("building the Arrow batch: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}

/// Writes every stored record as one line of JSON (the `tidings/1` format `tidings extract`
/// prints), in the order the articles were stored. Returns the number of records.
pub fn write_jsonl(store: &Store, mut out: impl Write) -> Result<usize, ExportError> {
    let mut rows = 0;
    store.for_each_record(|record| {
        let io = |source| ExportError::Write { rows, source };
        serde_json::to_writer(&mut out, &record).map_err(|e| io(e.into()))?;
        out.write_all(b"\n").map_err(io)?;
        rows += 1;
        Ok::<_, ExportError>(())
    })?;
    out.flush().map_err(|source| ExportError::Write { rows, source })?;
    Ok(rows)
}
