//! The whole pipeline (the committed models, loaded once) on any text, with the record's
//! offsets checked against the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tidings_doc::{Article, Record};
use tidings_pipeline::Pipeline;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::standard().expect("the committed models load (set TIDINGS_MODELS)"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if text.trim().is_empty() {
        return;
    }
    let article = Article {
        id: "fuzz".into(),
        url: None,
        outlet: None,
        published: Some("2019-04-25".parse().unwrap()),
        title: None,
        text: text.to_string(),
        extra: Default::default(),
    };
    let doc = pipeline().run(article);
    let chars = text.chars().count();
    for s in &doc.sentences {
        assert!(s.span.start <= s.span.end && s.span.end <= chars, "sentence {:?} outside {chars} chars", s.span);
    }
    for t in &doc.tokens {
        assert!(t.span.start < t.span.end && t.span.end <= chars, "token {:?} outside {chars} chars", t.span);
    }
    serde_json::to_string(&Record::from_doc(&doc)).expect("a record serializes");
});
