//! HTML pages of any text, with a small depth limit so both depth checks are exercised.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tidings_read::{read_html_with, Limits, Metadata};

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else { return };
    let limits = Limits { max_html_depth: 64, ..Limits::default() };
    let _ = read_html_with(html, "fuzz.html", &Metadata::default(), &limits);
});
