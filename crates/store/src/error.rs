//! The one error type of the store.

use std::path::{Path, PathBuf};

/// Why the store could not do what was asked. Every variant names the database file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite refused: the file cannot be opened, is not a database, is locked, the disk is
    /// full, ...
    #[error("{}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// The database was written by a newer Tidings, whose schema this build does not know.
    #[error(
        "{}: schema version {found} is newer than this build of tidings knows ({known}); use a newer tidings",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    /// A database opened read-only has an older schema; opening it for writing migrates it.
    #[error(
        "{}: schema version {found} is older than {known}; open it for writing once (e.g. `tidings ingest`) to migrate it",
        path.display()
    )]
    OlderSchema {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    /// A stored record does not read back as `tidings/1` JSON (the file was edited by hand?).
    #[error("{}: the record of article {article} is not tidings/1 JSON: {source}", path.display())]
    Record {
        path: PathBuf,
        article: String,
        #[source]
        source: serde_json::Error,
    },
}

/// Adds the database path to SQLite's errors.
pub(crate) trait At<T> {
    fn at(self, path: &Path) -> Result<T, StoreError>;
}

impl<T> At<T> for Result<T, rusqlite::Error> {
    fn at(self, path: &Path) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        })
    }
}
