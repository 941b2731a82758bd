//! The one error type of the readers.

use crate::limits::Limit;
use tidings_doc::PublishedParseError;

/// Why a source did not give an article. Every variant names the file (or stream) it came from,
/// as the caller named it, and, where the source has lines, the 1-based line; so a message reads
/// `articles.jsonl:17: ...` and an editor can jump there.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{file}: cannot read: {error}")]
    Io { file: String, error: std::io::Error },
    /// The bytes are not UTF-8. `offset` is the byte offset of the first bad byte in the file.
    #[error("{file}:{line}: expected UTF-8 text, found the byte 0x{byte:02x} at byte offset {offset}")]
    NotUtf8 { file: String, line: usize, offset: u64, byte: u8 },
    /// The file holds nothing but whitespace, so there is no article to read.
    #[error("{file}: expected an article, found an empty file")]
    Empty { file: String },
    /// A JSON Lines line is not JSON.
    #[error("{file}:{line}: expected a JSON object, found text that is not JSON ({message})")]
    NotJson { file: String, line: usize, message: String },
    /// A JSON Lines line is JSON, but not an object with a non-empty string `text`.
    #[error("{file}:{line}: expected a JSON object with a non-empty string \"text\", found {found}")]
    NoText { file: String, line: usize, found: String },
    /// A metadata field of a JSON Lines line has the wrong JSON type.
    #[error("{file}:{line}: expected \"{field}\" to be a string, found {found}")]
    FieldType { file: String, line: usize, field: &'static str, found: String },
    /// A `published` value does not parse as a date.
    #[error("{file}:{line}: \"published\": {error}")]
    Published { file: String, line: usize, error: PublishedParseError },
    /// An HTML page in which no main text was found (only boilerplate, or no text at all).
    #[error("{file}: expected an HTML page with a main text, found {found}")]
    NoMainText { file: String, found: String },
    /// The input went over one of the [`crate::Limits`]; it was skipped (never held in memory
    /// whole) and reading goes on with the next article. `line` is set for JSON Lines, `offset`
    /// (the byte offset of the line or WARC record) where the source has more than one article.
    #[error("{}: skipped: {what} over {limit} ({max} {})", place(file, *line, *offset), limit.unit())]
    OverLimit { file: String, line: Option<usize>, offset: Option<u64>, limit: Limit, max: u64, what: String },
    /// Bytes that are not text in an encoding the readers decode: a page declaring a charset
    /// they do not know, or binary data.
    #[error("{file}: expected text in UTF-8, UTF-16 or Windows-1252 (Latin-1), found {found}")]
    Encoding { file: String, found: String },
    /// A WARC file that does not follow the format, or ends (or its gzip stream ends) inside a
    /// record. `offset` counts bytes of the uncompressed WARC data. Reading stops: the records
    /// before it were given.
    #[error("{file}: at byte {offset} of the WARC data: expected {expected}, found {found}")]
    Warc { file: String, offset: u64, expected: String, found: String },
    /// A WARC record whose page could not be read; `source` names the record's target URI as
    /// its file.
    #[error("{file}: WARC record at byte {offset}: {source}")]
    InRecord { file: String, offset: u64, source: Box<ReadError> },
}

/// `file`, `file:line` or `file:line (byte N)`/`file (byte N)` for messages.
fn place(file: &str, line: Option<usize>, offset: Option<u64>) -> String {
    match (line, offset) {
        (Some(l), Some(o)) => format!("{file}:{l} (byte {o})"),
        (Some(l), None) => format!("{file}:{l}"),
        (None, Some(o)) => format!("{file} (byte {o})"),
        (None, None) => file.to_string(),
    }
}

impl ReadError {
    /// The file or stream the error is about.
    pub fn file(&self) -> &str {
        match self {
            ReadError::Io { file, .. }
            | ReadError::NotUtf8 { file, .. }
            | ReadError::Empty { file }
            | ReadError::NotJson { file, .. }
            | ReadError::NoText { file, .. }
            | ReadError::FieldType { file, .. }
            | ReadError::Published { file, .. }
            | ReadError::NoMainText { file, .. }
            | ReadError::OverLimit { file, .. }
            | ReadError::Encoding { file, .. }
            | ReadError::Warc { file, .. }
            | ReadError::InRecord { file, .. } => file,
        }
    }

    /// The 1-based line the error is about, where the source has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            ReadError::NotUtf8 { line, .. }
            | ReadError::NotJson { line, .. }
            | ReadError::NoText { line, .. }
            | ReadError::FieldType { line, .. }
            | ReadError::Published { line, .. } => Some(*line),
            ReadError::OverLimit { line, .. } => *line,
            _ => None,
        }
    }

    /// The byte offset the error is about, where the source holds more than one article (a
    /// JSON Lines line over a limit, a WARC record) or the bytes are not text.
    pub fn offset(&self) -> Option<u64> {
        match self {
            ReadError::NotUtf8 { offset, .. } | ReadError::Warc { offset, .. } | ReadError::InRecord { offset, .. } => {
                Some(*offset)
            }
            ReadError::OverLimit { offset, .. } => *offset,
            _ => None,
        }
    }

    /// The limit the input went over, when that is why it was skipped.
    pub fn limit(&self) -> Option<Limit> {
        match self {
            ReadError::OverLimit { limit, .. } => Some(*limit),
            ReadError::InRecord { source, .. } => source.limit(),
            _ => None,
        }
    }
}

/// Decodes bytes as UTF-8, naming the line and byte offset of the first bad byte.
/// `base_offset` and `base_line` place `bytes` inside a larger file (for streamed lines).
pub(crate) fn decode_utf8(bytes: Vec<u8>, file: &str, base_line: usize, base_offset: u64) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let newlines = bytes[..good].iter().filter(|&&b| b == b'\n').count();
        ReadError::NotUtf8 {
            file: file.to_string(),
            line: base_line + newlines,
            offset: base_offset + good as u64,
            byte: bytes[good],
        }
    })
}
