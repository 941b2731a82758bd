//! PETRARCH verb dictionaries of any text, then a lookup of every form they define.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tidings_events::verbs::VerbDictionary;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut dict = VerbDictionary::new();
    let _ = dict.add_text(text, std::path::Path::new("fuzz.verbs"));
    for block in dict.blocks() {
        for verb in &block.verbs {
            let _ = dict.for_lemma(&verb.lemma);
        }
    }
});
