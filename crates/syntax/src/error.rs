//! The crate's one error type.

use std::path::PathBuf;

/// Why a model could not be trained, saved or loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyntaxError {
    /// A training or development corpus could not be read, or holds nothing to learn from.
    #[error(transparent)]
    Corpus(#[from] tidings_corpus::Error),
    /// A model file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A model file is truncated, of another kind or of another format version.
    #[error("{path}: not a usable model file: {message}")]
    BadModel { path: PathBuf, message: String },
    /// The parser model was trained with a tag set that the tagger model does not share.
    #[error("{path}: {message}")]
    Mismatch { path: PathBuf, message: String },
}

impl SyntaxError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> SyntaxError {
        SyntaxError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
