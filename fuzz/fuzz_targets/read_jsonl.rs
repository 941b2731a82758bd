//! JSON Lines of any bytes, with small limits so over-long lines and texts are exercised too.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tidings_read::{read_jsonl_with, Limits, Metadata};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_line_bytes: 512, max_article_bytes: 256, ..Limits::default() };
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    let items = read_jsonl_with(data, "fuzz.jsonl", &Metadata::default(), &limits).count();
    // One item per non-blank line at most (or one error for an empty input).
    assert!(items <= lines, "{items} items from {lines} lines");
});
