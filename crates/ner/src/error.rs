use std::path::PathBuf;

/// Why the recognizer could not be trained, saved or loaded. Every variant names its file;
/// content errors name the line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NerError {
    /// A training or evaluation corpus could not be read (file:line inside).
    #[error(transparent)]
    Corpus(#[from] tidings_corpus::Error),
    /// A file could not be opened, read or written.
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    /// A gazetteer or cluster file has a line we cannot use.
    #[error("{path}:{line}: {message}")]
    Resource { path: PathBuf, line: usize, message: String },
    /// A model file is truncated, corrupt or from another format version.
    #[error("{path}: not a usable NER model: {message}")]
    Model { path: PathBuf, message: String },
}

impl NerError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> NerError {
        NerError::Io { path: path.to_path_buf(), error: source }
    }
}
