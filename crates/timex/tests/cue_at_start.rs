//! A tense cue at the very start of a text has no word before it (this once underflowed).

use tidings_timex::TimeTagger;

#[test]
fn cues_at_the_start_of_the_text_are_read() {
    let tagger = TimeTagger::new();
    let dct: tidings_doc::Published = "1996-08-20".parse().unwrap();
    for text in [
        "Expected Sale Date : 08/27/96",
        "Early as next week, talks resume.",
        "ll be there on Monday.",
        ". On Monday it rained.",
    ] {
        let times = tagger.tag(text, Some(&dct));
        assert!(!times.is_empty(), "{text}");
    }
}
