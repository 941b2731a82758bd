//! Plain text of any bytes: an article or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tidings_read::{read_text, Metadata};

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = read_text(data.to_vec(), "fuzz.txt", &Metadata::default()) {
        assert!(!article.text.trim().is_empty());
    }
});
