//! Readers: plain text files, JSON Lines, HTML pages and WARC crawls into
//! [`tidings_doc::Article`]s.
//!
//! This crate reads sources. It takes bytes from a file or a stream and gives the article text
//! and whatever metadata the source carries (id, url, outlet, publication date, title, and
//! unknown fields kept in `Article::extra`). It knows nothing about NLP: no sentences, tokens,
//! entities or events; nor about storage or the command line (the `tidings` binary turns its
//! flags into a [`Metadata`] and reports each [`ReadError`]).
//!
//! - Plain text ([`read_text`]): the text is the file's content byte for byte, minus a leading
//!   byte order mark, since every span offset downstream points into it. Text that is not
//!   UTF-8 is decoded (UTF-16, Windows-1252/Latin-1, lossy UTF-8) and says so in
//!   `extra.encoding`; binary data is refused.
//! - JSON Lines ([`read_jsonl`]): one article per line, streamed in constant memory. One bad
//!   line gives one `Err` item and reading goes on.
//! - HTML ([`read_html`], pieces in [`html`]): the main text without navigation, banners,
//!   comments and other boilerplate, one paragraph per block joined by blank lines, and the
//!   page's title, date, outlet and url.
//! - WARC ([`read_warc`]): every HTML page of a crawl, plain or gzip-compressed per record,
//!   streamed one record at a time; other records are skipped and counted in [`WarcStats`].
//!
//! # Limits
//! Every reader bounds what one input may take ([`Limits`]: article bytes, line bytes, HTML
//! depth); input over a limit gives a [`ReadError::OverLimit`] naming the limit and the place,
//! and reading goes on. The `*_with` functions take the limits; the others use the defaults.
//!
//! # Which metadata wins
//! [`Metadata`] carries what the caller knows (the CLI's `--id --url --outlet --published
//! --title` flags). For plain text it is the only metadata. For a JSON Lines file it only fills
//! fields a line lacks: one flag cannot be more specific than each of many articles, and its
//! `id` is never used, since one id cannot name many articles. For an HTML page, a field the
//! caller set overrides what the page says (the caller pointed at one page and knows better);
//! fields left unset take nothing away from the page.
//!
//! # Ids
//! An article without an id (no `id` field in JSON Lines; no `--id` and no file name for
//! HTML) gets a stable one derived from its content: the 64-bit FNV-1a hash of its url if it has
//! one, else of its text, as 16 lowercase hex digits. The same article read twice gets the same
//! id, on any machine. [`read_file`] uses the file stem as the default id of text and HTML files.
//!
//! ```
//! use tidings_read::{read_jsonl, Metadata};
//! let input = "{\"id\": \"a1\", \"text\": \"Kim arrived.\", \"lang\": \"en\"}\n\nnot json\n";
//! let items: Vec<_> = read_jsonl(input.as_bytes(), "input.jsonl", &Metadata::default()).collect();
//! assert_eq!(items.len(), 2);
//! let article = items[0].as_ref().unwrap();
//! assert_eq!(article.text, "Kim arrived.");
//! assert_eq!(article.extra["lang"], "en");
//! assert!(items[1].as_ref().unwrap_err().to_string().starts_with("input.jsonl:3: "));
//! ```

mod decode;
mod error;
pub mod html;
mod jsonl;
mod limits;
mod text;
mod warc;

use std::io::Read;
use std::path::Path;
pub use error::ReadError;
pub use html::{read_html, read_html_with};
pub use jsonl::{read_jsonl, read_jsonl_with, JsonlArticles};
pub use limits::{Limit, Limits};
pub use text::read_text;
pub use warc::{read_warc, WarcArticles, WarcCounts, WarcStats};
use tidings_doc::{Article, Published};

/// Metadata the caller knows about the source, e.g. from command-line flags. See the crate docs
/// for how it combines with what a source says itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub id: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Published>,
    pub title: Option<String>,
}

/// The kind of a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
    Html,
    /// WARC, plain or gzip-compressed (told by the content, not the name).
    Warc,
}

impl Format {
    /// The format a file name suggests: `.jsonl`/`.ndjson` are JSON Lines, `.html`/`.htm`/
    /// `.xhtml` are HTML, `.warc`/`.warc.gz` (and `.arc.gz`-style `.warc.gzip`) are WARC,
    /// anything else is plain text. Case does not matter.
    pub fn detect(path: &Path) -> Format {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
        if name.ends_with(".warc") || name.ends_with(".warc.gz") || name.ends_with(".warc.gzip") {
            return Format::Warc;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" => Format::Jsonl,
            "html" | "htm" | "xhtml" => Format::Html,
            _ => Format::Text,
        }
    }
}

/// Reads every article of one file. Text and HTML files give one item; JSON Lines files give
/// one item per non-blank line, read lazily as the iterator advances. Errors name the file as
/// `path` displays. The default [`Limits`] apply; see [`read_file_with`].
pub fn read_file(path: &Path, format: Format, meta: &Metadata) -> Articles {
    read_file_with(path, format, meta, &Limits::default())
}

/// [`read_file`] with the given limits. A text or HTML file larger than `max_article_bytes` is
/// not read at all; it gives one [`ReadError::OverLimit`].
pub fn read_file_with(path: &Path, format: Format, meta: &Metadata, limits: &Limits) -> Articles {
    let file = path.display().to_string();
    let with_stem = || {
        let mut meta = meta.clone();
        if meta.id.is_none() {
            meta.id = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        }
        meta
    };
    let inner = match format {
        Format::Jsonl => match std::fs::File::open(path) {
            Ok(f) => Inner::Jsonl(read_jsonl_with(std::io::BufReader::new(f), &file, meta, limits)),
            Err(error) => Inner::One(Some(Err(ReadError::Io { file, error }))),
        },
        Format::Warc => match std::fs::File::open(path) {
            Ok(f) => Inner::Warc(read_warc(f, &file, meta, limits)),
            Err(error) => Inner::One(Some(Err(ReadError::Io { file, error }))),
        },
        Format::Text => Inner::One(Some(
            read_bytes(path, &file, limits).and_then(|bytes| read_text(bytes, &file, &with_stem())),
        )),
        Format::Html => Inner::One(Some(read_bytes(path, &file, limits).and_then(|bytes| {
            let declared = decode::declared_charset(&bytes);
            let decoded = decode::decode(bytes, declared.as_deref(), &file)?;
            let mut article = read_html_with(&decoded.text, &file, &with_stem(), limits)?;
            decoded.note(&mut article.extra);
            Ok(article)
        }))),
    };
    Articles { inner }
}

/// The bytes of a one-article file, refused unread when over `max_article_bytes`. The size is
/// checked as read too, since a pipe or a growing file has no size to ask in advance.
fn read_bytes(path: &Path, file: &str, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let io = |error| ReadError::Io { file: file.to_string(), error };
    let over = |len: u64| ReadError::OverLimit {
        file: file.to_string(),
        line: None,
        offset: None,
        limit: Limit::ArticleBytes,
        max: limits.max_article_bytes,
        what: format!("a file of {len} bytes"),
    };
    let f = std::fs::File::open(path).map_err(io)?;
    if let Ok(meta) = f.metadata() {
        if meta.is_file() && meta.len() > limits.max_article_bytes {
            return Err(over(meta.len()));
        }
    }
    let mut bytes = Vec::new();
    f.take(limits.max_article_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limits.max_article_bytes {
        return Err(over(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The articles of one file, as [`read_file`] reads them.
pub struct Articles {
    inner: Inner,
}

enum Inner {
    One(Option<Result<Article, ReadError>>),
    Jsonl(JsonlArticles<std::io::BufReader<std::fs::File>>),
    Warc(WarcArticles),
}

impl Articles {
    /// For a WARC file, the counts of records read, skipped by reason and failed, updated as
    /// the iterator advances; keep it before handing the iterator on.
    pub fn warc_stats(&self) -> Option<WarcStats> {
        match &self.inner {
            Inner::Warc(records) => Some(records.stats()),
            _ => None,
        }
    }
}

impl Iterator for Articles {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::One(item) => item.take(),
            Inner::Jsonl(lines) => lines.next(),
            Inner::Warc(records) => records.next(),
        }
    }
}

/// The stable id of an article that has none: FNV-1a (64 bit) of its url, else of its text.
/// FNV is written out here rather than taken from `std`, whose hasher may change between
/// releases and would change every derived id with it.
pub fn derived_id(url: Option<&str>, text: &str) -> String {
    fnv1a_hex(url.unwrap_or(text).as_bytes())
}

/// FNV-1a (64 bit) of `key` as 16 lowercase hex digits.
pub(crate) fn fnv1a_hex(key: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key {
        hash ^= b as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}
