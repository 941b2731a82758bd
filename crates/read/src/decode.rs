//! Bytes to text for plain text files and HTML pages, whatever encoding a crawler brought home.
//!
//! The decision, in order:
//! 1. A byte order mark decides: UTF-8, UTF-16LE or UTF-16BE.
//! 2. UTF-16 without a byte order mark is recognised by its zero bytes (ASCII-range text in
//!    UTF-16 has a zero in every other byte, which is valid UTF-8 but no text).
//! 3. Bytes that are valid UTF-8 are UTF-8, whatever a page declares: pages that declare
//!    Latin-1 but are UTF-8 are common, and Latin-1 text that happens to be valid UTF-8 is not.
//! 4. Otherwise a declared charset (HTTP header or `<meta>`) decides: UTF-8 labels decode
//!    lossily, Latin-1/ASCII/Windows-1252 labels as Windows-1252 (as browsers do, WHATWG
//!    Encoding), any other label is refused with [`ReadError::Encoding`] rather than decoded
//!    into mojibake.
//! 5. Undeclared and invalid: mostly-UTF-8 bytes with a few bad ones decode lossily (U+FFFD for
//!    each bad sequence); anything else is taken for Windows-1252, the superset of Latin-1
//!    that legacy Western pages use; every byte has a character there, so it never fails.
//!
//! Whatever is not plain UTF-8 is recorded in the article's `extra` as `encoding`
//! (`"windows-1252"`, `"utf-16le"`, `"utf-16be"`, `"utf-8-lossy"`) and, when bytes were
//! replaced, `replaced_sequences`, so a user can see why a text reads oddly. Bytes that decode
//! to mostly control characters are binary data, not an article, and are refused.

use crate::ReadError;
use serde_json::{Map, Value};

/// Text decoded from bytes, with how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub text: String,
    /// `None` for clean UTF-8.
    pub encoding: Option<&'static str>,
    /// Bad sequences replaced by U+FFFD.
    pub replaced: usize,
}

impl Decoded {
    /// Records a decoding other than clean UTF-8 in an article's `extra`.
    pub fn note(&self, extra: &mut Map<String, Value>) {
        if let Some(encoding) = self.encoding {
            extra.insert("encoding".into(), Value::from(encoding));
        }
        if self.replaced > 0 {
            extra.insert("replaced_sequences".into(), Value::from(self.replaced));
        }
    }
}

/// What a charset label names, after WHATWG's label table for the encodings decoded here.
enum Label {
    Utf8,
    Windows1252,
    Utf16,
    Other,
}

fn label(charset: &str) -> Label {
    let l = charset.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
    match l.as_str() {
        "utf-8" | "utf8" | "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8" | "x-unicode20utf8" => Label::Utf8,
        "ascii" | "us-ascii" | "ansi_x3.4-1968" | "cp1252" | "cp819" | "csisolatin1" | "ibm819" | "iso-8859-1"
        | "iso-ir-100" | "iso8859-1" | "iso88591" | "iso_8859-1" | "iso_8859-1:1987" | "l1" | "latin1"
        | "windows-1252" | "x-cp1252" => Label::Windows1252,
        "utf-16" | "utf-16le" | "utf-16be" | "unicode" | "ucs-2" => Label::Utf16,
        _ => Label::Other,
    }
}

/// Decodes one article's bytes (a text file, an HTML page). `declared` is the charset the
/// source names, if any; `file` names it in errors.
pub(crate) fn decode(bytes: Vec<u8>, declared: Option<&str>, file: &str) -> Result<Decoded, ReadError> {
    let decoded = decode_unchecked(bytes, declared, file)?;
    if let Some(share) = control_share(&decoded.text) {
        return Err(ReadError::Encoding {
            file: file.to_string(),
            found: format!("binary data ({share}% of its first characters are control characters)"),
        });
    }
    Ok(decoded)
}

fn decode_unchecked(bytes: Vec<u8>, declared: Option<&str>, file: &str) -> Result<Decoded, ReadError> {
    let clean = |text: String| Decoded { text, encoding: None, replaced: 0 };
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return Ok(match std::str::from_utf8(rest) {
            Ok(text) => clean(text.to_string()),
            Err(_) => lossy_utf8(rest),
        });
    }
    if bytes.starts_with(b"\xff\xfe") {
        return Ok(utf16(&bytes[2..], false));
    }
    if bytes.starts_with(b"\xfe\xff") {
        return Ok(utf16(&bytes[2..], true));
    }
    // Before the UTF-8 check: ASCII-range UTF-16 is valid UTF-8, full of NULs.
    if let Some(big_endian) = utf16_without_bom(&bytes) {
        return Ok(utf16(&bytes, big_endian));
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(clean(text)),
        Err(e) => e.into_bytes(),
    };
    match declared.map(label) {
        Some(Label::Utf8) => Ok(lossy_utf8(&bytes)),
        Some(Label::Windows1252) => Ok(windows_1252(&bytes)),
        Some(Label::Other) => Err(ReadError::Encoding {
            file: file.to_string(),
            found: format!("bytes declared as {:?}, a charset Tidings does not decode", declared.unwrap_or_default().trim()),
        }),
        Some(Label::Utf16) | None => {
            let (good, bad) = utf8_sequences(&bytes);
            Ok(if good > bad { lossy_utf8(&bytes) } else { windows_1252(&bytes) })
        }
    }
}

fn lossy_utf8(bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push('\u{fffd}');
            replaced += 1;
        }
    }
    Decoded { text, encoding: Some("utf-8-lossy"), replaced }
}

/// Counts multi-byte UTF-8 sequences that are valid and invalid stretches.
fn utf8_sequences(bytes: &[u8]) -> (usize, usize) {
    let (mut good, mut bad) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    (good, bad)
}

fn utf16(bytes: &[u8], big_endian: bool) -> Decoded {
    let units = bytes.chunks(2).map(|pair| match (pair, big_endian) {
        ([a, b], false) => u16::from_le_bytes([*a, *b]),
        ([a, b], true) => u16::from_be_bytes([*a, *b]),
        // An odd last byte is half a code unit: it becomes an unpaired surrogate, so U+FFFD.
        _ => 0xdc00,
    });
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = 0;
    for c in char::decode_utf16(units) {
        text.push(c.unwrap_or_else(|_| {
            replaced += 1;
            '\u{fffd}'
        }));
    }
    Decoded { text, encoding: Some(if big_endian { "utf-16be" } else { "utf-16le" }), replaced }
}

/// `Some(big_endian)` when the first bytes look like UTF-16 text: zero bytes in at least 40% of
/// the odd (little-endian) or even (big-endian) positions and almost none in the others.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 4 && even * 20 <= pairs {
        Some(false)
    } else if even * 10 >= pairs * 4 && odd * 20 <= pairs {
        Some(true)
    } else {
        None
    }
}

/// Windows-1252 for 0x80..=0x9f; the rest of the bytes are Latin-1, i.e. the code point itself.
const CP1252_HIGH: [char; 32] = [
    '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2c6}', '\u{2030}',
    '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}', '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}',
    '\u{201d}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}',
    '\u{17e}', '\u{178}',
];

fn windows_1252(bytes: &[u8]) -> Decoded {
    let text = bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect();
    Decoded { text, encoding: Some("windows-1252"), replaced: 0 }
}

/// The percentage of control characters (other than tab, line ends and form feed) among the
/// first 4096 characters, when it is over 10%: text has next to none, binary data many.
fn control_share(text: &str) -> Option<usize> {
    let (mut all, mut control) = (0usize, 0usize);
    for c in text.chars().take(4096) {
        all += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            control += 1;
        }
    }
    (all > 0 && control * 10 > all).then(|| control * 100 / all)
}

/// The charset a page declares in a `<meta>` within its first 1024 bytes (where the HTML
/// standard's prescan looks), or in an HTTP `Content-Type` value.
pub(crate) fn declared_charset(html_head: &[u8]) -> Option<String> {
    use regex::bytes::Regex;
    use std::sync::OnceLock;
    static META: OnceLock<Regex> = OnceLock::new();
    let re = META.get_or_init(|| {
        Regex::new(r#"(?i-u)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("a valid pattern")
    });
    let head = &html_head[..html_head.len().min(1024)];
    re.captures(head).map(|c| String::from_utf8_lossy(&c[1]).into_owned())
}

/// The `charset` parameter of a `Content-Type` header value.
pub(crate) fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches(['"', '\'']).to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], declared: Option<&str>, text: &str, encoding: Option<&str>, replaced: usize) {
        let d = decode(bytes.to_vec(), declared, "f").unwrap();
        assert_eq!((d.text.as_str(), d.encoding, d.replaced), (text, encoding, replaced), "{bytes:?}");
    }

    #[test]
    fn every_decoding_path() {
        check("Señor".as_bytes(), Some("iso-8859-1"), "Señor", None, 0);
        check(b"Se\xf1or \x93quoted\x94", None, "Señor “quoted”", Some("windows-1252"), 0);
        check(b"Se\xf1or", Some("latin1"), "Señor", Some("windows-1252"), 0);
        check("Señor café ".as_bytes().iter().chain(b"\xff!").copied().collect::<Vec<_>>().as_slice(), None, "Señor café \u{fffd}!", Some("utf-8-lossy"), 1);
        check(b"Se\xf1or", Some("UTF-8"), "Se\u{fffd}or", Some("utf-8-lossy"), 1);
        check(b"\xef\xbb\xbfplain", None, "plain", None, 0);
        check(b"\xff\xfeH\0i\0", None, "Hi", Some("utf-16le"), 0);
        check(b"\xfe\xff\0H\0i", None, "Hi", Some("utf-16be"), 0);
        check(b"H\0e\0l\0l\0o\0 \0\xe9\0", None, "Hello é", Some("utf-16le"), 0);
        check(b"\0H\0e\0l\0l\0o", None, "Hello", Some("utf-16be"), 0);
        check(b"\xff\xfeH\0\0\xd8", None, "H\u{fffd}", Some("utf-16le"), 1);
        check(b"\0H\0e\0l\0l\0o", None, "Hello", Some("utf-16be"), 0);
        check(b"one\0two three four", None, "one\0two three four", None, 0);
    }

    #[test]
    fn unknown_charsets_and_binary_data_are_refused() {
        let err = decode(b"\x82\xa0\x82\xa2".to_vec(), Some("Shift_JIS"), "p.html").unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.html: expected text in UTF-8, UTF-16 or Windows-1252 (Latin-1), found bytes declared as \"Shift_JIS\", a charset Tidings does not decode"
        );
        let junk: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).collect();
        let err = decode(junk, None, "x.bin").unwrap_err();
        assert!(err.to_string().contains("found binary data ("), "{err}");
    }

    #[test]
    fn charsets_are_found_in_meta_and_headers() {
        assert_eq!(declared_charset(b"<html><head><meta charset=\"ISO-8859-1\">").as_deref(), Some("ISO-8859-1"));
        assert_eq!(
            declared_charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(declared_charset(b"<p>charset=utf-8</p>"), None);
        assert_eq!(charset_param("text/html; Charset=\"utf-8\"").as_deref(), Some("utf-8"));
        assert_eq!(charset_param("text/html"), None);
    }
}
