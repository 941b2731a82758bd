//! Property tests (proptest) of the whole pipeline on arbitrary text: it never panics, every
//! span of the record lies inside the text, on character (code point) offsets, and says the
//! words it points at; a record comes back unchanged through the store and the JSON export.
//!
//! Cases are bounded (a few dozen, texts of at most a few thousand characters) so that
//! `cargo test --workspace` stays quick; `PROPTEST_CASES=1000` runs more.

use proptest::prelude::*;
use std::sync::OnceLock;
use tidings_doc::{Article, Published, Record};
use tidings_pipeline::Pipeline;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::standard().expect("the committed models load"))
}

/// Pieces of text a crawler brings home: news prose, names, dates and quotes; right-to-left
/// scripts and marks; combining characters; emoji with joiners and skin tones; NUL and other
/// controls; CJK; unusual white space; and tokens thousands of characters long.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "Finland and Estonia signed an agreement in Tallinn on Thursday.",
            "\"We will not back down,\" the minister said on Monday, according to Reuters.",
            "Protesters blocked the road near Kyiv, police said.",
            "The president met the prime minister in Paris last week.",
            "Mr. O'Neil-Smith, 54, denied that talks would resume in March 2024.",
            "U.S. officials accused Iran of attacking ships, the ministry reported.",
        ]).prop_map(str::to_string),
        2 => prop::sample::select(vec![
            "وقّع الرئيس اتفاقًا في القاهرة يوم الخميس.",
            "ראש הממשלה נפגש עם השר בירושלים.",
            "\u{202E}desrever\u{202C} \u{200F}mark\u{200E}",
            "Zoë Saldaña e\u{301}\u{301}\u{308} a\u{20DD} ﷽",
            "👩‍👩‍👧‍👦 👍🏽 🇫🇮🇪🇪 🏳️‍🌈 ✊🏿",
            "北京 — 中国外交部周四表示。 東京で会談した。",
            "\u{0}\u{1}\u{7}\u{1b}[31m\u{7f}\u{85}",
            "\u{2028}\u{2029}\u{00A0}\u{3000}\u{FEFF}\r\n\t\u{b}\u{c}",
            "\u{FFFD}\u{FFFF}\u{E000}\u{10FFFF}",
            "... !!! ??? “” ‘’ «» — – ― ()[]{} ; : ,,",
        ]).prop_map(str::to_string),
        1 => (prop::sample::select(vec!["a", "é", "9", "-", "👍", "\u{301}", ".", "ب"]), 1..5000usize)
            .prop_map(|(c, n)| c.repeat(n)),
        3 => any::<String>(),
        2 => "[a-zA-Z]{1,12}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((fragment(), prop::sample::select(vec![" ", "\n", "\n\n", "", ". "])), 0..12)
        .prop_map(|parts| parts.into_iter().flat_map(|(f, sep)| [f, sep.to_string()]).collect())
}

fn article(id: &str, text: String) -> Article {
    Article {
        id: id.to_string(),
        outlet: Some("Test Wire".into()),
        published: Some("2024-03-14".parse::<Published>().unwrap()),
        text,
        ..Article::default()
    }
}

/// The characters `start..end` of `chars`, or why they cannot be taken.
fn slice(chars: &[char], start: usize, end: usize, what: &str) -> Result<String, TestCaseError> {
    prop_assert!(start <= end && end <= chars.len(), "{what}: {start}..{end} outside 0..{}", chars.len());
    Ok(chars[start..end].iter().collect())
}

/// Every span of `record` lies inside its text and its `text` is the characters it spans.
fn check_spans(record: &Record) -> Result<(), TestCaseError> {
    let chars: Vec<char> = record.article.text.chars().collect();
    let mut last_end = 0;
    for (i, s) in record.sentences.iter().enumerate() {
        slice(&chars, s.start, s.end, &format!("sentence {i}"))?;
        prop_assert!(s.start >= last_end, "sentence {i} overlaps the one before");
        last_end = s.end;
    }
    for t in &record.times {
        prop_assert_eq!(slice(&chars, t.start, t.end, &t.id)?, t.text.clone());
    }
    for e in &record.entities {
        for m in &e.mentions {
            prop_assert_eq!(slice(&chars, m.start, m.end, &e.id)?, m.text.clone());
        }
    }
    for v in &record.events {
        let t = &v.trigger;
        prop_assert_eq!(slice(&chars, t.start, t.end, &v.id)?, t.text.clone());
        prop_assert!(v.sentence < record.sentences.len(), "{}: sentence {}", v.id, v.sentence);
        for a in &v.attribution {
            prop_assert_eq!(slice(&chars, a.start, a.end, "attribution")?, a.text.clone());
        }
        for e in &v.evidence {
            prop_assert_eq!(slice(&chars, e.start, e.end, "evidence")?, e.text.clone());
            let s = record.sentences.get(e.sentence);
            prop_assert!(s.is_some_and(|s| s.start <= e.start && e.end <= s.end), "{}: evidence outside its sentence", v.id);
        }
        for q in &v.quotes {
            prop_assert_eq!(slice(&chars, q.start, q.end, "quote")?, q.text.clone());
        }
        let known = |id: &String| record.entities.iter().any(|e| &e.id == id);
        prop_assert!(v.actors.iter().chain(&v.recipients).chain(&v.location).all(known), "{}: unknown entity", v.id);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn spans_lie_inside_the_text_on_character_offsets(text in text()) {
        let doc = pipeline().run(article("p1", text));
        check_spans(&Record::from_doc(&doc))?;
        // The Doc's own token and sentence spans too (the record keeps no tokens).
        let n = doc.text().chars().count();
        for t in &doc.tokens {
            prop_assert!(t.span.start < t.span.end && t.span.end <= n, "token {:?} of {n}", t.span);
        }
        for s in &doc.sentences {
            prop_assert!(s.tokens.end <= doc.tokens.len());
        }
        prop_assert!(doc.syntax.is_empty() || doc.syntax.len() == doc.tokens.len());
    }

    #[test]
    fn any_string_at_all_is_extracted_without_a_panic(text in any::<String>()) {
        let doc = pipeline().run(article("p2", text));
        check_spans(&Record::from_doc(&doc))?;
    }
}

proptest! {
    // Each case opens a store: fewer cases.
    #![proptest_config(ProptestConfig { cases: 12, max_shrink_iters: 50, ..ProptestConfig::default() })]

    #[test]
    fn a_record_round_trips_through_the_store_and_the_export(text in text(), n in 0u32..1000) {
        let record = Record::from_doc(&pipeline().run(article(&format!("rt-{n}"), text)));
        let dir = std::env::temp_dir().join(format!("tidings-properties-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut store = tidings_store::Store::open(&dir.join("store.db")).unwrap();
        prop_assert_eq!(store.add_batch(std::slice::from_ref(&record)).unwrap().stored, 1);
        let mut out = Vec::new();
        prop_assert_eq!(tidings_export::write_jsonl(&store, &mut out).unwrap(), 1);
        let back: Record = serde_json::from_slice(&out).unwrap();
        prop_assert_eq!(&back, &record);
        // And byte for byte as `extract` would print it.
        prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&record).unwrap() + "\n");
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
