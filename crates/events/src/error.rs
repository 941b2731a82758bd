use std::path::{Path, PathBuf};

/// Why a dictionary could not be read. Every variant names the file; content errors name the
/// line. Messy lines in the public PETRARCH and PLOVER files are not errors: they are skipped
/// and counted in the reader's report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not valid UTF-8.
    #[error("{path}:{line}: not UTF-8 text")]
    NotUtf8 { path: PathBuf, line: usize },
    /// A line of a Tidings-format file (the nominal lexicon) does not have the expected form.
    #[error("{path}:{line}: {message}")]
    Malformed {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A built artifact (`models/events/events.bin`) is damaged or from another version.
    #[error(
        "{path}: not a Tidings event lexicon ({message}); rebuild it with `tidings events build`"
    )]
    Artifact { path: PathBuf, message: String },
    /// The file holds no entries at all, which is never what a user meant to load.
    #[error("{path}: no {what} found")]
    Empty { path: PathBuf, what: String },
}

impl Error {
    pub(crate) fn malformed(path: &Path, line: usize, message: impl Into<String>) -> Error {
        Error::Malformed {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

/// Reads a whole file as UTF-8, naming the first line that is not valid UTF-8.
pub(crate) fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..good].iter().filter(|&&b| b == b'\n').count();
        Error::NotUtf8 {
            path: path.to_path_buf(),
            line,
        }
    })
}
