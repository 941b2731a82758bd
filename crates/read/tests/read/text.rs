//! Plain text files, format detection and the file-level errors every format shares.

use crate::scratch_file;
use std::path::Path;
use tidings_read::{read_file, read_text, Format, Metadata, ReadError};

/// Reads `bytes` as a plain text file called `name` and returns the one item.
fn read(name: &str, bytes: &[u8], meta: &Metadata) -> Result<tidings_doc::Article, ReadError> {
    let path = scratch_file(name, bytes);
    let mut items: Vec<_> = read_file(&path, Format::Text, meta).collect();
    assert_eq!(items.len(), 1, "a text file gives one item");
    items.pop().unwrap()
}

/// Checks the message of the error from reading `bytes` as `name`, after the folder part of the
/// path is removed.
fn check_error(name: &str, bytes: &[u8], want: &str) {
    let err = read(name, bytes, &Metadata::default()).unwrap_err();
    let message = err.to_string();
    let dir = scratch_file(name, bytes).parent().unwrap().display().to_string() + "/";
    assert_eq!(message.replacen(&dir, "", 1), want, "{name}");
}

#[test]
fn file_errors_name_the_file_and_line() {
    check_error("binary.txt", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0", "binary.txt: expected text in UTF-8, UTF-16 or Windows-1252 (Latin-1), found binary data (80% of its first characters are control characters)");
    check_error("empty.txt", b"", "empty.txt: expected an article, found an empty file");
    check_error("blank.txt", b"  \n\t\r\n", "blank.txt: expected an article, found an empty file");
    check_error("bom-only.txt", b"\xef\xbb\xbf\n", "bom-only.txt: expected an article, found an empty file");
    check_error("empty.html", b" \n", "empty.html: expected an article, found an empty file");
}

#[test]
fn unreadable_files_are_errors_in_every_format() {
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-dir/missing.jsonl");
    for format in [Format::Text, Format::Jsonl, Format::Html] {
        let items: Vec<_> = read_file(&missing, format, &Metadata::default()).collect();
        assert_eq!(items.len(), 1);
        let err = items[0].as_ref().unwrap_err();
        assert!(matches!(err, ReadError::Io { .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.starts_with(&format!("{}: cannot read: ", missing.display())), "{message}");
    }
}

/// Text that is not UTF-8 is read (see the `decode` module's rules), and says how in `extra`.
#[test]
fn legacy_encodings_are_decoded_and_noted() {
    for (bytes, text, encoding) in [
        (&b"line one\nline two \xff here\n"[..], "line one\nline two ÿ here\n", Some("windows-1252")),
        (b"Caf\xe9 \x93cr\xe8me\x94", "Café “crème”", Some("windows-1252")),
        (b"\xff\xfeN\0e\0w\0s\0", "News", Some("utf-16le")),
        (b"N\0e\0w\0s\0 \0i\0n\0 \0U\0T\0F\0-\x001\x006\0", "News in UTF-16", Some("utf-16le")),
        ("Résumé of the day \u{2014} ".as_bytes(), "Résumé of the day \u{2014} ", None),
    ] {
        let article = read("legacy.txt", bytes, &Metadata::default()).unwrap();
        assert_eq!(article.text, text);
        assert_eq!(article.extra.get("encoding").and_then(|v| v.as_str()), encoding, "{text}");
    }
    let mostly_utf8 = ["Résumé, café, naïve: ".as_bytes(), b"\xc3("].concat();
    let article = read("lossy.txt", &mostly_utf8, &Metadata::default()).unwrap();
    assert_eq!(article.text, "Résumé, café, naïve: \u{fffd}(");
    assert_eq!(article.extra["encoding"], "utf-8-lossy");
    assert_eq!(article.extra["replaced_sequences"], 1);
}

#[test]
fn text_is_kept_byte_for_byte_except_a_bom() {
    let body = "First line.\r\nSecond line,  with  spaces.\n\n“Quoted” – ok\n";
    let with_bom = [b"\xef\xbb\xbf".as_slice(), body.as_bytes()].concat();
    let article = read("story.txt", &with_bom, &Metadata::default()).unwrap();
    assert_eq!(article.text, body);
    assert_eq!(article.id, "story", "the id defaults to the file stem");
    assert_eq!((article.url, article.title, article.published), (None, None, None));
}

#[test]
fn text_metadata_comes_from_the_caller() {
    let meta = Metadata {
        id: Some("a-7".into()),
        url: Some("https://example.org/a".into()),
        outlet: Some("Example".into()),
        published: Some("2019-04-24".parse().unwrap()),
        title: Some("A title".into()),
    };
    let article = read("x.txt", b"Body.", &meta).unwrap();
    assert_eq!(article.id, "a-7");
    assert_eq!(article.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(article.outlet.as_deref(), Some("Example"));
    assert_eq!(article.published.unwrap().to_string(), "2019-04-24");
    assert_eq!(article.title.as_deref(), Some("A title"));
}

#[test]
fn text_without_any_id_gets_a_stable_derived_one() {
    let a = read_text(b"Same words.".to_vec(), "-", &Metadata::default()).unwrap();
    let b = read_text(b"Same words.".to_vec(), "other", &Metadata::default()).unwrap();
    let c = read_text(b"Other words.".to_vec(), "-", &Metadata::default()).unwrap();
    assert_eq!(a.id, b.id);
    assert_ne!(a.id, c.id);
    assert_eq!(a.id.len(), 16);
    assert!(a.id.chars().all(|ch| ch.is_ascii_hexdigit()));
}

#[test]
fn formats_are_detected_by_extension() {
    for (name, format) in [
        ("a.jsonl", Format::Jsonl),
        ("a.NDJSON", Format::Jsonl),
        ("a.html", Format::Html),
        ("dir.v2/a.HTM", Format::Html),
        ("a.txt", Format::Text),
        ("a", Format::Text),
        ("a.json", Format::Text),
    ] {
        assert_eq!(Format::detect(Path::new(name)), format, "{name}");
    }
}
