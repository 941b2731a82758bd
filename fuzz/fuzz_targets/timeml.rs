//! TimeML documents of any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(xml) = std::str::from_utf8(data) else { return };
    let _ = tidings_corpus::timeml::parse(std::path::Path::new("fuzz.tml"), xml);
});
