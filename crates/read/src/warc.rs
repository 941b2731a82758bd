//! WARC files (1.0 and 1.1), plain or gzip-compressed per record as CC-NEWS ships them: every
//! HTML page a crawler fetched becomes an article through the HTML reader.
//!
//! The format is simple: a version line (`WARC/1.1`), header lines, a blank line,
//! `Content-Length` bytes of block, two line ends. The reader is our own rather than the `warc`
//! crate (last release 2024, on nom 5 and uuid 0.8), since it must stream in constant memory
//! per record, bound every piece it holds by [`Limits`] and name the byte offset where a file
//! breaks off. A `response` record (or a `resource` record holding HTML) whose HTTP payload is
//! an HTML page with status 2xx goes through [`crate::read_html_with`]; every other record is
//! skipped and counted by reason in [`WarcStats`].

use crate::decode::{charset_param, declared_charset, decode};
use crate::html::parse_date;
use crate::limits::{read_line_bounded, Limit, Line};
use crate::{fnv1a_hex, read_html_with, Limits, Metadata, ReadError};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::{Arc, Mutex};
use tidings_doc::Article;

/// The most bytes a record's WARC header block, or its HTTP head, may take. Real ones are a
/// few hundred bytes to a few kilobytes.
const MAX_HEAD_BYTES: u64 = 64 << 10;

/// What a WARC reader met, shared with the caller: clones of one `WarcStats` see the same
/// counts, so a caller can keep one while the iterator moves to a reader thread. Every record
/// is counted once, as an article, a failure (an `Err` item) or a skip with its reason:
/// `records == articles + failed + skipped`.
#[derive(Debug, Clone, Default)]
pub struct WarcStats(Arc<Mutex<WarcCounts>>);

/// A snapshot of [`WarcStats`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarcCounts {
    pub records: u64,
    pub articles: u64,
    pub failed: u64,
    /// Skipped records by reason: `"request record"`, `"not HTML (application/pdf)"`,
    /// `"HTTP status 404"`, ...
    pub skipped: BTreeMap<String, u64>,
}

impl WarcCounts {
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }
}

impl std::fmt::Display for WarcCounts {
    /// `12 WARC records: 5 articles, 1 failed, 6 skipped (3 request record, 2 not HTML (image/png), 1 warcinfo record)`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} WARC records: {} articles, {} failed, {} skipped", self.records, self.articles, self.failed, self.skipped_total())?;
        let mut reasons: Vec<(&String, &u64)> = self.skipped.iter().collect();
        reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let list: Vec<String> = reasons.iter().map(|(reason, n)| format!("{n} {reason}")).collect();
        if !list.is_empty() {
            write!(f, " ({})", list.join(", "))?;
        }
        Ok(())
    }
}

impl WarcStats {
    pub fn snapshot(&self) -> WarcCounts {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn count(&self, what: Outcome) {
        let mut c = self.0.lock().unwrap_or_else(|e| e.into_inner());
        c.records += 1;
        match what {
            Outcome::Article => c.articles += 1,
            Outcome::Failed => c.failed += 1,
            Outcome::Skipped(reason) => *c.skipped.entry(reason).or_default() += 1,
        }
    }
}

enum Outcome {
    Article,
    Failed,
    Skipped(String),
}

/// Reads the HTML pages of a WARC stream, plain or gzip-compressed (told by its first bytes).
/// `file` names it in errors, whose offsets count bytes of the uncompressed WARC data. `meta`
/// fills only what a record lacks (its `id` is never used); each article's url is the record's
/// `WARC-Target-URI`, its outlet that URI's host (without `www.`), its id the FNV-1a hash of
/// the URI and `WARC-Record-ID`, its date the page's own, else the HTTP `Last-Modified`, else
/// the HTTP `Date`, else `WARC-Date`. `extra` gets `warc_record_id` and `warc_date`.
///
/// A record that fails gives one `Err` and reading goes on; a file that breaks the format or
/// ends inside a record gives a [`ReadError::Warc`] and reading stops there, after the records
/// before it.
pub fn read_warc<R: Read + Send + 'static>(reader: R, file: &str, meta: &Metadata, limits: &Limits) -> WarcArticles {
    let mut buffered = BufReader::with_capacity(64 << 10, reader);
    let gzip = matches!(buffered.fill_buf(), Ok(head) if head.starts_with(&[0x1f, 0x8b]));
    let (reader, pending): (Box<dyn BufRead + Send>, _) = match buffered.fill_buf() {
        Ok(_) if gzip => (Box::new(BufReader::with_capacity(64 << 10, flate2::bufread::MultiGzDecoder::new(buffered))), None),
        Ok(_) => (Box::new(buffered), None),
        Err(error) => (Box::new(io::empty()), Some(ReadError::Io { file: file.to_string(), error })),
    };
    WarcArticles {
        reader,
        file: file.to_string(),
        meta: meta.clone(),
        limits: *limits,
        stats: WarcStats::default(),
        gzip,
        seen_record: false,
        offset: 0,
        pending,
        done: false,
        buf: Vec::new(),
    }
}

/// The iterator [`read_warc`] returns.
pub struct WarcArticles {
    reader: Box<dyn BufRead + Send>,
    file: String,
    meta: Metadata,
    limits: Limits,
    stats: WarcStats,
    gzip: bool,
    seen_record: bool,
    /// Bytes of uncompressed WARC data consumed so far.
    offset: u64,
    pending: Option<ReadError>,
    done: bool,
    buf: Vec<u8>,
}

impl WarcArticles {
    /// The counts of this reader, updated as it reads.
    pub fn stats(&self) -> WarcStats {
        self.stats.clone()
    }
}

/// One record's WARC headers, names lowercased.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

impl Iterator for WarcArticles {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending.take() {
            self.done = true;
            return Some(Err(e));
        }
        while !self.done {
            match self.record() {
                Ok(Some(item)) => return Some(item),
                Ok(None) => continue,
                Err(e) => {
                    self.done = true;
                    return e.map(Err);
                }
            }
        }
        None
    }
}

/// Why reading stopped: `Some(error)`, or `None` at a clean end of input.
type Stop = Option<ReadError>;

impl WarcArticles {
    fn broken(&self, offset: u64, expected: &str, found: impl Into<String>) -> Stop {
        Some(ReadError::Warc { file: self.file.clone(), offset, expected: expected.to_string(), found: found.into() })
    }

    /// An I/O error inside the data: for gzip input, a truncated or corrupt stream.
    fn io_broken(&self, error: io::Error) -> Stop {
        let expected = if self.gzip {
            "more gzip-compressed data (the file is truncated or corrupt)"
        } else {
            "more data (the file could not be read)"
        };
        self.broken(self.offset, expected, format!("a read error: {error}"))
    }

    /// Reads one line of at most `max` bytes; `None` at the end of input.
    fn line(&mut self, max: u64) -> Result<Option<String>, Stop> {
        let start = self.offset;
        match read_line_bounded(&mut self.reader, &mut self.buf, max) {
            Ok(Line::Read(n)) => {
                self.offset += n;
                Ok(Some(String::from_utf8_lossy(&self.buf).into_owned()))
            }
            Ok(Line::TooLong(n)) => {
                self.offset += n;
                Err(self.broken(start, &format!("a header line of at most {max} bytes"), format!("a line of {n} bytes")))
            }
            Ok(Line::End) => Ok(None),
            Err(e) => Err(self.io_broken(e)),
        }
    }

    /// Reads one record: `Ok(Some(item))` for an article or a failed record, `Ok(None)` for a
    /// skipped one, `Err` when reading stops.
    fn record(&mut self) -> Result<Option<Result<Article, ReadError>>, Stop> {
        // Line ends between records are tolerated (some writers add more than two).
        let (version, record_start) = loop {
            let line_start = self.offset;
            match self.line(MAX_HEAD_BYTES)? {
                None if !self.seen_record => return Err(Some(ReadError::Empty { file: self.file.clone() })),
                None => return Err(None),
                Some(line) if line.trim().is_empty() => continue,
                Some(line) => break (line, line_start),
            }
        };
        self.seen_record = true;
        if !version.starts_with("WARC/") {
            return Err(self.broken(record_start, "a WARC version line (WARC/1.0 or WARC/1.1)", quote(&version)));
        }
        let headers = self.headers(record_start)?;
        let length = match headers.get("content-length").map(|v| v.trim().parse::<u64>()) {
            Some(Ok(n)) => n,
            Some(Err(_)) => {
                let found = quote(headers.get("content-length").unwrap_or_default());
                return Err(self.broken(record_start, "a Content-Length that is a number of bytes", found));
            }
            None => return Err(self.broken(record_start, "a Content-Length header", "a record without one")),
        };
        let block_start = self.offset;
        let cx = Context { file: &self.file, meta: &self.meta, limits: &self.limits, record_start };
        let mut block = (&mut self.reader).take(length);
        let outcome = read_block(&mut block, &headers, &cx);
        self.offset += length - block.limit();
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(e) => return Err(self.io_broken(e)),
        };
        // Whatever the block reader took, the rest of the block is skipped unread.
        let consumed = self.offset - block_start;
        if consumed < length {
            match io::copy(&mut (&mut self.reader).take(length - consumed), &mut io::sink()) {
                Ok(n) => self.offset += n,
                Err(e) => return Err(self.io_broken(e)),
            }
        }
        if self.offset - block_start < length {
            let got = self.offset - block_start;
            return Err(self.broken(
                self.offset,
                &format!("the rest of a record block of {length} bytes (the record at byte {record_start})"),
                format!("the end of the data after {got} bytes"),
            ));
        }
        self.trailer()?;
        Ok(match outcome {
            Outcome2::Article(article) => {
                self.stats.count(Outcome::Article);
                Some(Ok(article))
            }
            Outcome2::Failed(error) => {
                self.stats.count(Outcome::Failed);
                Some(Err(ReadError::InRecord { file: self.file.clone(), offset: record_start, source: Box::new(error) }))
            }
            Outcome2::Skipped(reason) => {
                self.stats.count(Outcome::Skipped(reason));
                None
            }
        })
    }

    fn headers(&mut self, record_start: u64) -> Result<Headers, Stop> {
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut budget = MAX_HEAD_BYTES;
        loop {
            let Some(line) = self.line(budget)? else {
                return Err(self.broken(self.offset, "the rest of a WARC header block", "the end of the data"));
            };
            budget = budget.saturating_sub(line.len() as u64).max(1);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                return Ok(Headers(headers));
            }
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                }
                continue;
            }
            match line.split_once(':') {
                Some((name, value)) => headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string())),
                None => return Err(self.broken(record_start, "a WARC header line 'Name: value'", quote(line))),
            }
        }
    }

    /// Consumes the two line ends after a block (tolerating fewer, or LF alone).
    fn trailer(&mut self) -> Result<(), Stop> {
        for _ in 0..4 {
            let next = match self.reader.fill_buf() {
                Ok(buf) => buf.first().copied(),
                Err(e) => return Err(self.io_broken(e)),
            };
            match next {
                Some(b'\r' | b'\n') => {
                    self.reader.consume(1);
                    self.offset += 1;
                }
                _ => break,
            }
        }
        Ok(())
    }
}

/// What one record gave.
enum Outcome2 {
    Article(Article),
    Failed(ReadError),
    Skipped(String),
}

/// What [`read_block`] needs to know besides the block.
struct Context<'a> {
    file: &'a str,
    meta: &'a Metadata,
    limits: &'a Limits,
    record_start: u64,
}

/// Reads what it needs of one record's block (the caller skips the rest). I/O errors stop
/// reading; everything else is an outcome of this record.
fn read_block<R: BufRead>(block: &mut R, headers: &Headers, cx: &Context<'_>) -> io::Result<Outcome2> {
    let kind = headers.get("warc-type").unwrap_or("untyped").to_ascii_lowercase();
    let content_type = headers.get("content-type").unwrap_or("").to_ascii_lowercase();
    let uri = headers.get("warc-target-uri").unwrap_or("").trim_matches(['<', '>']).trim().to_string();
    let name = if uri.is_empty() { format!("{} (record at byte {})", cx.file, cx.record_start) } else { uri.clone() };
    if headers.get("warc-segment-number").is_some() || kind == "continuation" {
        return Ok(Outcome2::Skipped("segmented record".into()));
    }
    let http = match kind.as_str() {
        "response" if content_type.starts_with("application/http") || content_type.is_empty() => {
            match read_http_head(block)? {
                Ok(http) => http,
                Err(found) => {
                    return Ok(Outcome2::Failed(ReadError::Encoding { file: name, found: format!("a response that is not HTTP ({found})") }))
                }
            }
        }
        "response" => return Ok(Outcome2::Skipped(format!("response record of {}", media_type(&content_type)))),
        "resource" => Http { status: 200, content_type: Some(content_type.clone()), ..Http::default() },
        other => return Ok(Outcome2::Skipped(format!("{other} record"))),
    };
    if !(200..300).contains(&http.status) {
        return Ok(Outcome2::Skipped(format!("HTTP status {}", http.status)));
    }
    let media = http.content_type.as_deref().map(media_type).unwrap_or_default();
    if !media.is_empty() && !is_html(&media) {
        return Ok(Outcome2::Skipped(format!("not HTML ({media})")));
    }
    let max = cx.limits.max_article_bytes;
    let over = |what: String| {
        Outcome2::Failed(ReadError::OverLimit { file: name.clone(), line: None, offset: None, limit: Limit::ArticleBytes, max, what })
    };
    let mut body = Vec::new();
    block.take(max.saturating_add(1)).read_to_end(&mut body)?;
    if body.len() as u64 > max {
        return Ok(over(format!("an HTTP body of more than {max} bytes")));
    }
    if http.chunked {
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    let encoding = http.content_encoding.as_deref().unwrap_or("identity").to_ascii_lowercase();
    let body = match encoding.as_str() {
        "identity" | "" | "none" => body,
        "gzip" | "x-gzip" | "deflate" => {
            let mut out = Vec::new();
            let result = if encoding == "deflate" {
                flate2::read::ZlibDecoder::new(body.as_slice()).take(max.saturating_add(1)).read_to_end(&mut out)
            } else {
                flate2::read::MultiGzDecoder::new(body.as_slice()).take(max.saturating_add(1)).read_to_end(&mut out)
            };
            if let Err(e) = result {
                let found = format!("a {encoding} body that does not decompress ({e})");
                return Ok(Outcome2::Failed(ReadError::Encoding { file: name, found }));
            }
            if out.len() as u64 > max {
                return Ok(over(format!("an HTTP body decompressing to more than {max} bytes")));
            }
            out
        }
        other => return Ok(Outcome2::Skipped(format!("Content-Encoding {other}"))),
    };
    if media.is_empty() && !looks_like_html(&body) {
        return Ok(Outcome2::Skipped("not HTML (no Content-Type)".into()));
    }
    let declared = http.content_type.as_deref().and_then(charset_param).or_else(|| declared_charset(&body));
    let decoded = match decode(body, declared.as_deref(), &name) {
        Ok(d) => d,
        Err(e) => return Ok(Outcome2::Failed(e)),
    };
    let record_id = headers.get("warc-record-id").unwrap_or("").trim_matches(['<', '>']).to_string();
    let url = if uri.is_empty() { cx.meta.url.clone() } else { Some(uri.clone()) };
    let key = format!("{}\n{record_id}", url.as_deref().unwrap_or(""));
    let page_meta = Metadata {
        id: Some(fnv1a_hex(key.as_bytes())),
        url,
        outlet: host(&uri).or_else(|| cx.meta.outlet.clone()),
        published: None,
        title: None,
    };
    let mut article = match read_html_with(&decoded.text, &name, &page_meta, cx.limits) {
        Ok(article) => article,
        Err(e) => return Ok(Outcome2::Failed(e)),
    };
    let warc_date = headers.get("warc-date");
    article.published = article
        .published
        .or_else(|| http.last_modified.as_deref().and_then(parse_date))
        .or_else(|| http.date.as_deref().and_then(parse_date))
        .or_else(|| warc_date.and_then(parse_date))
        .or(cx.meta.published);
    article.title = article.title.or_else(|| cx.meta.title.clone());
    decoded.note(&mut article.extra);
    if !record_id.is_empty() {
        article.extra.insert("warc_record_id".into(), Value::from(record_id));
    }
    if let Some(date) = warc_date {
        article.extra.insert("warc_date".into(), Value::from(date));
    }
    Ok(Outcome2::Article(article))
}

/// The parts of an HTTP response head the reader uses.
#[derive(Default)]
struct Http {
    status: u16,
    content_type: Option<String>,
    content_encoding: Option<String>,
    chunked: bool,
    last_modified: Option<String>,
    date: Option<String>,
}

/// Reads an HTTP response's status line and headers; `Ok(Err(what was found))` when the block
/// does not hold one.
fn read_http_head<R: BufRead>(block: &mut R) -> io::Result<Result<Http, String>> {
    let mut buf = Vec::new();
    let mut budget = MAX_HEAD_BYTES;
    let mut next_line = |buf: &mut Vec<u8>, budget: &mut u64| -> io::Result<Option<String>> {
        match read_line_bounded(block, buf, *budget)? {
            Line::Read(n) => {
                *budget = budget.saturating_sub(n).max(1);
                Ok(Some(String::from_utf8_lossy(buf).trim_end_matches(['\r', '\n']).to_string()))
            }
            Line::TooLong(_) | Line::End => Ok(None),
        }
    };
    let Some(status_line) = next_line(&mut buf, &mut budget)? else {
        return Ok(Err("no status line".into()));
    };
    let mut parts = status_line.split_whitespace();
    let status = match (parts.next(), parts.next().map(str::parse::<u16>)) {
        (Some(v), Some(Ok(code))) if v.starts_with("HTTP/") => code,
        _ => return Ok(Err(format!("the status line {}", quote(&status_line)))),
    };
    let mut http = Http { status, ..Http::default() };
    loop {
        let Some(line) = next_line(&mut buf, &mut budget)? else {
            return Ok(Err("a head that does not end".into()));
        };
        if line.is_empty() {
            return Ok(Ok(http));
        }
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim().to_string();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => http.content_type = Some(value),
            "content-encoding" => http.content_encoding = Some(value),
            "transfer-encoding" => http.chunked = value.to_ascii_lowercase().contains("chunked"),
            "last-modified" => http.last_modified = Some(value),
            "date" => http.date = Some(value),
            _ => {}
        }
    }
}

/// Joins a chunked body's chunks; `None` when it is not chunked after all (crawlers often store
/// the decoded body under the original header).
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut at = 0;
    loop {
        let line_end = at + memchr::memchr(b'\n', &body[at..])?;
        let line = std::str::from_utf8(&body[at..line_end]).ok()?;
        let size = usize::from_str_radix(line.split(';').next()?.trim(), 16).ok()?;
        at = line_end + 1;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(at..at.checked_add(size)?)?);
        at += size;
        if body.get(at) == Some(&b'\r') {
            at += 1;
        }
        if body.get(at) == Some(&b'\n') {
            at += 1;
        }
    }
}

/// The host of a URL, lowercased, without port, user or a leading `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().map(|h| format!("{h}]"))?
    } else {
        host_port.split(':').next()?.to_string()
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// A body without a Content-Type that starts like an HTML page.
fn looks_like_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<html")
}

fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

fn is_html(media: &str) -> bool {
    matches!(media, "text/html" | "application/xhtml+xml" | "application/xhtml")
}

/// A line for a message, trimmed and cut at 60 characters.
fn quote(line: &str) -> String {
    let line = line.trim_end_matches(['\r', '\n']);
    let cut: String = line.chars().take(60).collect();
    if cut.len() < line.len() {
        format!("{cut:?}...")
    } else {
        format!("{cut:?}")
    }
}
