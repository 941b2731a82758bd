use std::path::{Path, PathBuf};

/// Why a knowledge source or the artifact could not be read or written. Every variant names the
/// file; parse errors name the line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KbError {
    /// The file could not be opened, read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A JSON source (countries.json) is not what its format says.
    #[error("{path}: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    /// A line does not have the expected form, and the source cannot be read past it.
    #[error("{path}:{line}: {message}")]
    Malformed {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// The artifact is damaged or was written by an incompatible version.
    #[error("{path}: not a knowledge base this version can read: {message}")]
    Artifact { path: PathBuf, message: String },
    /// A source that the build needs holds nothing usable.
    #[error("{path}: empty source: {what}")]
    Empty { path: PathBuf, what: String },
}

impl KbError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> KbError {
        KbError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn malformed(path: &Path, line: usize, message: impl Into<String>) -> KbError {
        KbError::Malformed {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

/// Reads a text file, replacing bytes that are not UTF-8 (CountryInfo has a stray NUL and a
/// few U+FFFD; old dictionaries may hold Latin-1 bytes) rather than refusing the whole file:
/// one bad name must not cost the other forty thousand.
pub(crate) fn read_lossy(path: &Path) -> Result<String, KbError> {
    let bytes = std::fs::read(path).map_err(|e| KbError::io(path, e))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}
