//! Bounds on what one input may take, and the bounded line reader JSON Lines uses.

use std::io::{self, BufRead};

/// Bounds on what one input may take, so that whatever a crawler brings home (a 2 GB line, a
/// page nested ten thousand deep, a multi-gigabyte record) is read in bounded memory and time.
/// Input over a limit is skipped with [`crate::ReadError::OverLimit`], which names the limit,
/// and reading goes on with the next article.
///
/// The defaults are generous for news and tight for junk:
/// - `max_article_bytes` 10 MiB: a very long news story is 10,000 words, about 60 KB of text;
///   a heavy news page with inline scripts, styles and `data:` images is 1 to 5 MB of HTML.
///   Ten megabytes leaves room for both while bounding what one worker holds (the pipeline's
///   layers take tens of times the text's size).
/// - `max_line_bytes` 20 MiB: one JSON Lines line holds an article's text plus its metadata
///   and escapes, so it gets twice the article limit; a longer line is skipped without ever
///   being held in memory whole.
/// - `max_html_depth` 512: real pages nest 20 to 40 elements deep, machine-made ones a few
///   hundred at most; deeper trees are junk or attacks, and the HTML parser's work grows with
///   depth times the number of tags.
///
/// Build a variant with struct update syntax:
/// ```
/// let limits = tidings_read::Limits { max_article_bytes: 1 << 20, ..Default::default() };
/// assert_eq!(limits.max_html_depth, 512);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes one article's source may take: a text file, an HTML page, the HTTP body
    /// of a WARC record (after any content decoding), the `text` of a JSON Lines article.
    pub max_article_bytes: u64,
    /// The most bytes one JSON Lines line may take, line end included.
    pub max_line_bytes: u64,
    /// The deepest nesting of elements an HTML page may have.
    pub max_html_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_article_bytes: 10 << 20, max_line_bytes: 20 << 20, max_html_depth: 512 }
    }
}

/// Which limit an input went over, named as the field of [`Limits`] (and the CLI flag
/// `--max-article-bytes` etc. that sets it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    ArticleBytes,
    LineBytes,
    HtmlDepth,
}

impl Limit {
    /// The field's name, as messages print it.
    pub fn name(self) -> &'static str {
        match self {
            Limit::ArticleBytes => "max_article_bytes",
            Limit::LineBytes => "max_line_bytes",
            Limit::HtmlDepth => "max_html_depth",
        }
    }

    /// What the limit counts, for messages.
    pub(crate) fn unit(self) -> &'static str {
        match self {
            Limit::ArticleBytes | Limit::LineBytes => "bytes",
            Limit::HtmlDepth => "levels of nesting",
        }
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What [`read_line_bounded`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line of this many bytes (line end included) is in the buffer.
    Read(u64),
    /// The line was longer than the bound: this many bytes were consumed, up to and including
    /// its newline (or the end of input), and the buffer holds none of them.
    TooLong(u64),
    /// The end of input.
    End,
}

/// Reads one line into `buf` (cleared first), holding at most `max` bytes of it: a longer line
/// is consumed and dropped chunk by chunk, so a 2 GB line costs no more memory than a short one.
pub(crate) fn read_line_bounded<R: BufRead>(reader: &mut R, buf: &mut Vec<u8>, max: u64) -> io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(match (total, too_long) {
                (0, _) => Line::End,
                (n, true) => Line::TooLong(n),
                (n, false) => Line::Read(n),
            });
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !too_long && total + take as u64 > max {
            too_long = true;
            buf.clear();
            buf.shrink_to(64 << 10);
        }
        if !too_long {
            buf.extend_from_slice(&chunk[..take]);
        }
        reader.consume(take);
        total += take as u64;
        if done {
            return Ok(if too_long { Line::TooLong(total) } else { Line::Read(total) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_over_the_bound_are_consumed_but_not_kept() {
        let input = b"short\nthis one is long\n\nlast";
        let mut reader = io::BufReader::with_capacity(4, &input[..]);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        loop {
            let line = read_line_bounded(&mut reader, &mut buf, 8).unwrap();
            if line == Line::End {
                break;
            }
            got.push((line, String::from_utf8(buf.clone()).unwrap()));
        }
        assert_eq!(
            got,
            [
                (Line::Read(6), "short\n".to_string()),
                (Line::TooLong(17), String::new()),
                (Line::Read(1), "\n".to_string()),
                (Line::Read(4), "last".to_string()),
            ]
        );
    }
}
