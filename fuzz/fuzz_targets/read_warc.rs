//! WARC data of any bytes (plain; gzip when the bytes start with its magic): every record is
//! counted once, whatever it held.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tidings_read::{read_warc, Limits, Metadata};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_article_bytes: 4096, max_html_depth: 64, ..Limits::default() };
    let articles = read_warc(std::io::Cursor::new(data.to_vec()), "fuzz.warc", &Metadata::default(), &limits);
    let stats = articles.stats();
    let ok = articles.filter(|a| a.is_ok()).count() as u64;
    let counts = stats.snapshot();
    assert_eq!(counts.articles, ok);
    assert_eq!(counts.records, counts.articles + counts.failed + counts.skipped_total());
});
