//! JSON Lines: one article per line, streamed.

use crate::error::decode_utf8;
use crate::limits::{read_line_bounded, Limit, Line};
use crate::{derived_id, Limits, Metadata, ReadError};
use serde_json::{Map, Value};
use std::io::BufRead;
use tidings_doc::{Article, Published};

/// Reads articles from JSON Lines, one JSON object per line with `text` (required, a non-empty
/// string) and optionally `id` (string or number), `url`, `outlet`, `published`, `title`
/// (strings or null). Every other field is kept in `Article::extra`; an `extra` object (as
/// `tidings` itself writes articles) is merged into it rather than nested. Blank lines are
/// skipped. `meta` fills the fields a line lacks, except `id` (see the crate docs); a line
/// without an id gets [`derived_id`].
///
/// The iterator holds one line in memory at a time, so it can read stdin of any length. A line
/// that fails gives one `Err` and reading goes on with the next; an input without any article
/// line gives a single [`ReadError::Empty`]. JSON is UTF-8 (RFC 8259), so a line that is not
/// gives [`ReadError::NotUtf8`] with its byte offset rather than a guessed decoding.
///
/// The default [`Limits`] apply; see [`read_jsonl_with`].
pub fn read_jsonl<R: BufRead>(reader: R, file: &str, meta: &Metadata) -> JsonlArticles<R> {
    read_jsonl_with(reader, file, meta, &Limits::default())
}

/// [`read_jsonl`] with the given limits: a line longer than `max_line_bytes` is skipped without
/// being held in memory whole, and an article whose `text` is longer than `max_article_bytes`
/// is skipped; each gives one [`ReadError::OverLimit`] naming its line and byte offset.
pub fn read_jsonl_with<R: BufRead>(reader: R, file: &str, meta: &Metadata, limits: &Limits) -> JsonlArticles<R> {
    JsonlArticles {
        reader,
        file: file.to_string(),
        meta: meta.clone(),
        limits: *limits,
        line: 0,
        offset: 0,
        buf: Vec::new(),
        seen_content: false,
        done: false,
    }
}

/// The iterator [`read_jsonl`] returns.
pub struct JsonlArticles<R> {
    reader: R,
    file: String,
    meta: Metadata,
    limits: Limits,
    /// The 1-based number of the line last read.
    line: usize,
    /// The byte offset in the input of the start of the next line.
    offset: u64,
    buf: Vec<u8>,
    seen_content: bool,
    done: bool,
}

impl<R: BufRead> Iterator for JsonlArticles<R> {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let n = match read_line_bounded(&mut self.reader, &mut self.buf, self.limits.max_line_bytes) {
                Ok(Line::Read(n)) => n,
                Ok(Line::TooLong(n)) => {
                    self.line += 1;
                    let start = self.offset;
                    self.offset += n;
                    self.seen_content = true;
                    return Some(Err(ReadError::OverLimit {
                        file: self.file.clone(),
                        line: Some(self.line),
                        offset: Some(start),
                        limit: Limit::LineBytes,
                        max: self.limits.max_line_bytes,
                        what: format!("a line of {n} bytes"),
                    }));
                }
                Ok(Line::End) => {
                    self.done = true;
                    if !self.seen_content {
                        return Some(Err(ReadError::Empty { file: self.file.clone() }));
                    }
                    return None;
                }
                Err(error) => {
                    self.done = true;
                    return Some(Err(ReadError::Io { file: self.file.clone(), error }));
                }
            };
            self.line += 1;
            let start = self.offset;
            self.offset += n;
            let bytes = std::mem::take(&mut self.buf);
            let mut text = match decode_utf8(bytes, &self.file, self.line, start) {
                Ok(text) => text,
                Err(e) => {
                    self.seen_content = true;
                    return Some(Err(e));
                }
            };
            if self.line == 1 && text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            if text.trim().is_empty() {
                self.buf = text.into_bytes();
                continue;
            }
            self.seen_content = true;
            let item = parse_line(text.trim_end_matches(['\n', '\r']), &self.file, self.line, &self.meta).and_then(|article| {
                let len = article.text.len() as u64;
                if len > self.limits.max_article_bytes {
                    return Err(ReadError::OverLimit {
                        file: self.file.clone(),
                        line: Some(self.line),
                        offset: Some(start),
                        limit: Limit::ArticleBytes,
                        max: self.limits.max_article_bytes,
                        what: format!("an article text of {len} bytes"),
                    });
                }
                Ok(article)
            });
            self.buf = text.into_bytes();
            return Some(item);
        }
        None
    }
}

/// Turns one JSON line into an article.
fn parse_line(line_text: &str, file: &str, line: usize, meta: &Metadata) -> Result<Article, ReadError> {
    let value: Value = serde_json::from_str(line_text).map_err(|e| ReadError::NotJson {
        file: file.to_string(),
        line,
        message: e.to_string(),
    })?;
    let Value::Object(mut fields) = value else {
        return Err(ReadError::NoText { file: file.to_string(), line, found: describe(&value) });
    };
    let text = match fields.remove("text") {
        Some(Value::String(t)) if !t.trim().is_empty() => t,
        Some(Value::String(_)) => {
            return Err(ReadError::NoText { file: file.to_string(), line, found: "an empty \"text\"".into() })
        }
        Some(other) => {
            return Err(ReadError::NoText { file: file.to_string(), line, found: format!("\"text\" as {}", describe(&other)) })
        }
        None => return Err(ReadError::NoText { file: file.to_string(), line, found: "no \"text\" field".into() }),
    };
    let mut string_field = |field: &'static str| -> Result<Option<String>, ReadError> {
        match fields.remove(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(ReadError::FieldType { file: file.to_string(), line, field, found: describe(&other) }),
        }
    };
    let url = string_field("url")?.or_else(|| meta.url.clone());
    let outlet = string_field("outlet")?.or_else(|| meta.outlet.clone());
    let title = string_field("title")?.or_else(|| meta.title.clone());
    let published = match string_field("published")? {
        Some(p) => Some(p.parse::<Published>().map_err(|error| ReadError::Published {
            file: file.to_string(),
            line,
            error,
        })?),
        None => meta.published,
    };
    // Ids are often numbers in exported datasets; keep their digits rather than reject them.
    let id = match fields.remove("id") {
        None | Some(Value::Null) => derived_id(url.as_deref(), &text),
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(ReadError::FieldType { file: file.to_string(), line, field: "id", found: describe(&other) })
        }
    };
    let mut extra = Map::new();
    if let Some(Value::Object(nested)) = fields.get("extra") {
        extra.extend(nested.clone());
        fields.remove("extra");
    }
    extra.extend(fields);
    Ok(Article { id, url, outlet, published, title, text, extra })
}

/// A short description of a JSON value for error messages.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}
