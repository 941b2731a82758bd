//! CoNLL-U files of any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = tidings_corpus::conllu::parse(text, std::path::Path::new("fuzz.conllu"));
});
