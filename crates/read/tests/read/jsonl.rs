//! JSON Lines: one article per line; a bad line costs only itself.

use crate::scratch_file;
use tidings_read::{read_file, read_jsonl, Format, Metadata, ReadError};

fn read_all(input: &str, meta: &Metadata) -> Vec<Result<tidings_doc::Article, ReadError>> {
    read_jsonl(input.as_bytes(), "in.jsonl", meta).collect()
}

/// Each case: one line placed as line 2 after a good line, and the message of its error.
#[test]
fn bad_lines_are_named_and_reading_goes_on() {
    let good = r#"{"id": "g1", "text": "Good."}"#;
    for (bad, want) in [
        ("{\"text\": \"unterminated", "in.jsonl:2: expected a JSON object, found text that is not JSON (EOF while parsing a string at line 1 column 22)"),
        ("not json at all", "in.jsonl:2: expected a JSON object, found text that is not JSON (expected ident at line 1 column 2)"),
        (r#"{"id": "x"}"#, "in.jsonl:2: expected a JSON object with a non-empty string \"text\", found no \"text\" field"),
        (r#"{"text": ""}"#, "in.jsonl:2: expected a JSON object with a non-empty string \"text\", found an empty \"text\""),
        (r#"{"text": "  \n "}"#, "in.jsonl:2: expected a JSON object with a non-empty string \"text\", found an empty \"text\""),
        (r#"{"text": 42}"#, "in.jsonl:2: expected a JSON object with a non-empty string \"text\", found \"text\" as the number 42"),
        (r#"["text", "x"]"#, "in.jsonl:2: expected a JSON object with a non-empty string \"text\", found an array"),
        (r#"{"text": "x", "title": 3}"#, "in.jsonl:2: expected \"title\" to be a string, found the number 3"),
        (r#"{"text": "x", "id": [1]}"#, "in.jsonl:2: expected \"id\" to be a string, found an array"),
        (
            r#"{"text": "x", "published": "24/04/2019"}"#,
            "in.jsonl:2: \"published\": expected a date as YYYY-MM-DD, optionally followed by a time (YYYY-MM-DDTHH:MM[:SS] or 'YYYY-MM-DD HH:MM:SS'), found \"24/04/2019\"",
        ),
    ] {
        let input = format!("{good}\n{bad}\n{good}\n");
        let items = read_all(&input, &Metadata::default());
        assert_eq!(items.len(), 3, "{bad}");
        assert_eq!(items[0].as_ref().unwrap().text, "Good.");
        assert_eq!(items[1].as_ref().unwrap_err().to_string(), want, "{bad}");
        assert_eq!(items[1].as_ref().unwrap_err().line(), Some(2));
        assert_eq!(items[2].as_ref().unwrap().id, "g1", "the line after a bad one is read");
    }
}

#[test]
fn blank_lines_are_skipped_but_counted() {
    let input = "\n{\"text\": \"One.\"}\n   \n\n{\"oops\": 1}\n\n";
    let items = read_all(input, &Metadata::default());
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().text, "One.");
    assert_eq!(items[1].as_ref().unwrap_err().line(), Some(5));
}

#[test]
fn a_non_utf8_line_names_its_line_and_byte_offset() {
    let mut input = b"{\"text\": \"a\"}\n{\"text\": \"caf".to_vec();
    input.extend_from_slice(b"\xe9\"}\n{\"text\": \"b\"}\n");
    let items: Vec<_> = read_jsonl(input.as_slice(), "latin1.jsonl", &Metadata::default()).collect();
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[1].as_ref().unwrap_err().to_string(),
        "latin1.jsonl:2: expected UTF-8 text, found the byte 0xe9 at byte offset 27"
    );
    assert_eq!(items[2].as_ref().unwrap().text, "b");
}

#[test]
fn input_without_articles_is_empty() {
    for input in ["", "\n\n  \n"] {
        let items = read_all(input, &Metadata::default());
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].as_ref().unwrap_err().to_string(), "in.jsonl: expected an article, found an empty file");
    }
}

#[test]
fn known_fields_are_read_and_unknown_ones_kept() {
    let line = r#"{"id": "r-1", "url": "https://example.org/r1", "outlet": "Wire", "published": "2019-04-24T08:30:00+03:00", "title": "T", "text": "Body text.", "lang": "en", "tags": ["a", "b"], "extra": {"source_id": 9}}"#;
    let article = read_all(line, &Metadata::default()).pop().unwrap().unwrap();
    assert_eq!(article.id, "r-1");
    assert_eq!(article.url.as_deref(), Some("https://example.org/r1"));
    assert_eq!(article.outlet.as_deref(), Some("Wire"));
    assert_eq!(article.published.unwrap().to_string(), "2019-04-24T08:30:00");
    assert_eq!(article.title.as_deref(), Some("T"));
    assert_eq!(article.text, "Body text.");
    let extra = serde_json::Value::Object(article.extra);
    assert_eq!(extra, serde_json::json!({"source_id": 9, "lang": "en", "tags": ["a", "b"]}));
}

#[test]
fn nulls_are_absent_and_numeric_ids_are_kept() {
    let article = read_all(r#"{"id": 1234, "title": null, "published": null, "text": "x"}"#, &Metadata::default())
        .pop()
        .unwrap()
        .unwrap();
    assert_eq!(article.id, "1234");
    assert_eq!((article.title, article.published), (None, None));
}

#[test]
fn caller_metadata_fills_only_what_a_line_lacks() {
    let meta = Metadata {
        id: Some("flag-id".into()),
        outlet: Some("Flag Outlet".into()),
        published: Some("2020-01-01".parse().unwrap()),
        title: Some("Flag title".into()),
        url: None,
    };
    let input = "{\"text\": \"a\", \"outlet\": \"Line Outlet\"}\n{\"text\": \"b\", \"published\": \"2021-05-05\"}\n";
    let items: Vec<_> = read_all(input, &meta).into_iter().map(Result::unwrap).collect();
    assert_eq!(items[0].outlet.as_deref(), Some("Line Outlet"));
    assert_eq!(items[0].published.unwrap().to_string(), "2020-01-01");
    assert_eq!(items[1].outlet.as_deref(), Some("Flag Outlet"));
    assert_eq!(items[1].published.unwrap().to_string(), "2021-05-05");
    assert_eq!(items[0].title.as_deref(), Some("Flag title"));
    assert_ne!(items[0].id, "flag-id", "one id cannot name many lines");
    assert_ne!(items[0].id, items[1].id);
}

#[test]
fn missing_ids_derive_from_url_else_text() {
    let input = concat!(
        "{\"text\": \"one\", \"url\": \"https://example.org/x\"}\n",
        "{\"text\": \"two\", \"url\": \"https://example.org/x\"}\n",
        "{\"text\": \"one\"}\n",
        "{\"text\": \"one\"}\n",
    );
    let ids: Vec<String> = read_all(input, &Metadata::default()).into_iter().map(|a| a.unwrap().id).collect();
    assert_eq!(ids[0], ids[1], "same url, same id");
    assert_eq!(ids[2], ids[3], "same text, same id");
    assert_ne!(ids[0], ids[2]);
}

#[test]
fn a_jsonl_file_streams_through_read_file() {
    let path = scratch_file("two.jsonl", b"\xef\xbb\xbf{\"text\": \"a\"}\r\n{\"text\": \"b\"}");
    let items: Vec<_> = read_file(&path, Format::Jsonl, &Metadata::default()).collect();
    let texts: Vec<String> = items.into_iter().map(|a| a.unwrap().text).collect();
    assert_eq!(texts, ["a", "b"]);
}
