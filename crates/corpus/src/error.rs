use std::path::PathBuf;

/// Why a corpus could not be read. Every variant names the file; parse errors name the line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The file is not valid UTF-8.
    #[error("{path}:{line}: not UTF-8 text")]
    NotUtf8 { path: PathBuf, line: usize },
    /// A line does not have the expected form.
    #[error("{path}:{line}: {message}")]
    Malformed { path: PathBuf, line: usize, message: String },
    /// The corpus holds nothing to learn from or score.
    #[error("{path}: empty corpus: {what}")]
    Empty { path: PathBuf, what: String },
}

impl Error {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Error {
        Error::Io { path: path.to_path_buf(), source }
    }

    pub(crate) fn malformed(path: &std::path::Path, line: usize, message: impl Into<String>) -> Error {
        Error::Malformed { path: path.to_path_buf(), line, message: message.into() }
    }
}

/// Reads a whole file as UTF-8, naming the first line that is not valid UTF-8.
pub(crate) fn read_text(path: &std::path::Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..good].iter().filter(|&&b| b == b'\n').count();
        Error::NotUtf8 { path: path.to_path_buf(), line }
    })
}
