//! WARC files built here, plain and gzip-compressed per record, with every kind of record a
//! crawl holds; truncated ones keep the records before the break.

use crate::scratch_file;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use tidings_read::{read_file, read_warc, Format, Limit, Limits, Metadata, ReadError, WarcCounts};

/// A news page with enough text to be an article; `head` goes into `<head>`.
fn page(head: &str, story: &str) -> String {
    let paragraph = format!(
        "{story} The harbour authority said on Tuesday that the strike, which began last week, had delayed \
         more than forty ships, and that talks with the union would resume in the coming days."
    );
    format!(
        "<!doctype html><html><head><title>{story}</title>{head}</head><body><nav><a href=/>Home</a></nav>\
         <article><h1>{story}</h1><p>{paragraph}</p><p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
    )
}

/// One WARC record.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nWARC-Date: 2024-03-05T10:20:30Z\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A response record holding an HTTP response with these header lines and body.
fn response(uri: &str, status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    http.extend_from_slice(body);
    record("response", uri, "application/http; msgtype=response", &http)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn gzipped_body(html: &str) -> Vec<u8> {
    gzip(html.as_bytes())
}

/// The records of a small crawl: four pages (dated by the page, by Last-Modified, by Date, by
/// WARC-Date) and six records that are not pages.
fn crawl() -> Vec<Vec<u8>> {
    let og = "<meta property=\"article:published_time\" content=\"2024-03-01T08:00:00Z\">";
    let chunked_page = page("", "Chunked story.");
    let chunked = format!("{:x}\r\n{}\r\n0\r\n\r\n", chunked_page.len(), chunked_page);
    vec![
        record("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
        record("request", "https://www.example.org/a", "application/http; msgtype=request", b"GET /a HTTP/1.1\r\n\r\n"),
        response("https://www.example.org/a", "200 OK", "Content-Type: text/html; charset=utf-8\r\n", page(og, "Page dated by itself.").as_bytes()),
        response(
            "https://news.example.com:8443/b?x=1",
            "200 OK",
            "Content-Type: text/html\r\nLast-Modified: Sat, 02 Mar 2024 09:00:00 GMT\r\nDate: Tue, 05 Mar 2024 10:20:30 GMT\r\nContent-Encoding: gzip\r\n",
            &gzipped_body(&page("", "Gzipped and dated by Last-Modified.")),
        ),
        response("http://example.net/c", "200 OK", "Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n"),
        response("http://example.net/d", "404 Not Found", "Content-Type: text/html\r\n", b"<html>gone</html>"),
        response("http://example.net/e", "200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nDate: Mon, 04 Mar 2024 11:00:00 GMT\r\n", chunked.as_bytes()),
        record("metadata", "http://example.net/e", "application/warc-fields", b"fetchTimeMs: 12\r\n"),
        response("http://example.net/f", "200 OK", "Content-Type: text/html; charset=iso-8859-1\r\n", &page("", "Caf\u{e9} in Latin-1.").chars().map(|c| c as u8).collect::<Vec<u8>>()),
        response("http://example.net/g", "200 OK", "Content-Type: application/pdf\r\n", b"%PDF-1.4"),
    ]
}

fn counts(records: u64, articles: u64, failed: u64, skipped: &[(&str, u64)]) -> WarcCounts {
    WarcCounts { records, articles, failed, skipped: skipped.iter().map(|(r, n)| (r.to_string(), *n)).collect() }
}

fn read_all(bytes: Vec<u8>, limits: &Limits) -> (Vec<Result<tidings_doc::Article, ReadError>>, WarcCounts) {
    let articles = read_warc(std::io::Cursor::new(bytes), "crawl.warc", &Metadata::default(), limits);
    let stats = articles.stats();
    let items: Vec<_> = articles.collect();
    (items, stats.snapshot())
}

fn crawl_counts() -> WarcCounts {
    counts(
        10,
        4,
        0,
        &[
            ("warcinfo record", 1),
            ("request record", 1),
            ("metadata record", 1),
            ("not HTML (image/png)", 1),
            ("not HTML (application/pdf)", 1),
            ("HTTP status 404", 1),
        ],
    )
}

fn check_crawl(items: &[Result<tidings_doc::Article, ReadError>]) {
    let articles: Vec<_> = items.iter().map(|i| i.as_ref().unwrap()).collect();
    type Row<'a> = (Option<&'a str>, Option<&'a str>, String, Option<&'a str>);
    let got: Vec<Row> = articles
        .iter()
        .map(|a| (a.url.as_deref(), a.outlet.as_deref(), a.published.unwrap().to_string(), a.title.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("https://www.example.org/a"), Some("example.org"), "2024-03-01T08:00:00".to_string(), Some("Page dated by itself.")),
            (Some("https://news.example.com:8443/b?x=1"), Some("news.example.com"), "2024-03-02T09:00:00".to_string(), Some("Gzipped and dated by Last-Modified.")),
            (Some("http://example.net/e"), Some("example.net"), "2024-03-04T11:00:00".to_string(), Some("Chunked story.")),
            (Some("http://example.net/f"), Some("example.net"), "2024-03-05T10:20:30".to_string(), Some("Café in Latin-1.")),
        ]
    );
    assert!(articles[0].text.starts_with("Page dated by itself. The harbour authority said"), "{}", articles[0].text);
    assert!(articles[3].text.starts_with("Café in Latin-1."));
    assert_eq!(articles[3].extra["encoding"], "windows-1252");
    assert_eq!(articles[0].extra["warc_record_id"], "urn:uuid:response-25");
    assert_eq!(articles[0].extra["warc_date"], "2024-03-05T10:20:30Z");
    let ids: std::collections::BTreeSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 4, "ids differ by URI and record id");
    assert!(articles.iter().all(|a| a.id.len() == 16));
}

#[test]
fn html_responses_become_articles_and_the_rest_is_counted() {
    let (items, stats) = read_all(crawl().concat(), &Limits::default());
    check_crawl(&items);
    assert_eq!(stats, crawl_counts());
    assert_eq!(
        stats.to_string(),
        "10 WARC records: 4 articles, 0 failed, 6 skipped (1 HTTP status 404, 1 metadata record, 1 not HTML (application/pdf), \
         1 not HTML (image/png), 1 request record, 1 warcinfo record)"
    );
}

#[test]
fn gzip_per_record_reads_the_same_and_ids_are_stable() {
    let plain = read_all(crawl().concat(), &Limits::default());
    let gz: Vec<u8> = crawl().iter().flat_map(|r| gzip(r)).collect();
    let (items, stats) = read_all(gz.clone(), &Limits::default());
    check_crawl(&items);
    assert_eq!(stats, crawl_counts());
    let ids = |items: &[Result<tidings_doc::Article, ReadError>]| items.iter().map(|i| i.as_ref().unwrap().id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&items), ids(&plain.0));
    // Through read_file, by the name.
    let path = scratch_file("crawl.warc.gz", &gz);
    assert_eq!(Format::detect(&path), Format::Warc);
    let articles = read_file(&path, Format::detect(&path), &Metadata::default());
    let stats = articles.warc_stats().unwrap();
    assert_eq!(articles.filter(|a| a.is_ok()).count(), 4);
    assert_eq!(stats.snapshot(), crawl_counts());
}

#[test]
fn a_truncated_gzip_keeps_the_records_before_the_break() {
    let members: Vec<Vec<u8>> = crawl().iter().map(|r| gzip(r)).collect();
    // Cut the fourth member (the second page) in half.
    let mut bytes: Vec<u8> = members[..3].concat();
    bytes.extend_from_slice(&members[3][..members[3].len() / 2]);
    let (items, stats) = read_all(bytes, &Limits::default());
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap().url.as_deref(), Some("https://www.example.org/a"));
    let err = items[1].as_ref().unwrap_err();
    assert!(matches!(err, ReadError::Warc { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.starts_with("crawl.warc: at byte "), "{message}");
    assert!(message.contains(" of the WARC data: expected more gzip-compressed data (the file is truncated or corrupt), found a read error: "), "{message}");
    let boundary: u64 = crawl()[..3].iter().map(|r| r.len() as u64).sum();
    assert!(err.offset().unwrap() >= boundary, "the offset {} lies in the fourth record", err.offset().unwrap());
    assert_eq!(stats.records, 3);
}

#[test]
fn a_truncated_plain_record_names_its_offset() {
    let records = crawl();
    let mut bytes = records[..3].concat();
    let cut = &records[3][..records[3].len() - 100];
    bytes.extend_from_slice(cut);
    let boundary: usize = records[..3].iter().map(Vec::len).sum();
    let (items, _) = read_all(bytes.clone(), &Limits::default());
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[1].as_ref().unwrap_err().to_string(),
        format!(
            "crawl.warc: at byte {} of the WARC data: expected the rest of a record block of {} bytes (the record at byte {boundary}), found the end of the data after {} bytes",
            bytes.len(),
            records[3].len() - records[3].windows(4).position(|w| w == b"\r\n\r\n").unwrap() - 4 - 4,
            records[3].len() - records[3].windows(4).position(|w| w == b"\r\n\r\n").unwrap() - 4 - 100,
        )
    );
}

#[test]
fn format_errors_stop_reading_with_the_offset() {
    for (bytes, want) in [
        (b"GIF89a...".to_vec(), "crawl.warc: at byte 0 of the WARC data: expected a WARC version line (WARC/1.0 or WARC/1.1), found \"GIF89a...\""),
        (
            b"WARC/1.0\r\nWARC-Type: response\r\n\r\n".to_vec(),
            "crawl.warc: at byte 0 of the WARC data: expected a Content-Length header, found a record without one",
        ),
        (
            b"WARC/1.0\r\nContent-Length: lots\r\n\r\n".to_vec(),
            "crawl.warc: at byte 0 of the WARC data: expected a Content-Length that is a number of bytes, found \"lots\"",
        ),
        (b"WARC/1.0\r\nWARC-Type: res".to_vec(), "crawl.warc: at byte 24 of the WARC data: expected the rest of a WARC header block, found the end of the data"),
    ] {
        let (items, _) = read_all(bytes, &Limits::default());
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].as_ref().unwrap_err().to_string(), want);
    }
    let (items, _) = read_all(Vec::new(), &Limits::default());
    assert_eq!(items[0].as_ref().unwrap_err().to_string(), "crawl.warc: expected an article, found an empty file");
}

#[test]
fn a_record_over_the_limit_is_skipped_and_reading_goes_on() {
    let big = page("", &"Long story. ".repeat(2000));
    let records = [
        response("http://example.net/big", "200 OK", "Content-Type: text/html\r\n", big.as_bytes()),
        response("http://example.net/small", "200 OK", "Content-Type: text/html\r\n", page("", "Small story.").as_bytes()),
    ];
    let limits = Limits { max_article_bytes: 10_000, ..Limits::default() };
    let (items, stats) = read_all(records.concat(), &limits);
    assert_eq!(items.len(), 2);
    let err = items[0].as_ref().unwrap_err();
    assert_eq!(err.limit(), Some(Limit::ArticleBytes));
    assert_eq!(
        err.to_string(),
        "crawl.warc: WARC record at byte 0: http://example.net/big: skipped: an HTTP body of more than 10000 bytes over max_article_bytes (10000 bytes)"
    );
    assert_eq!(items[1].as_ref().unwrap().url.as_deref(), Some("http://example.net/small"));
    assert_eq!((stats.records, stats.articles, stats.failed), (2, 1, 1));
}
