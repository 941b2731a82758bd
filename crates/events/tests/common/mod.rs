//! What the whole-pipeline tests of the event coder share: the committed pipeline, loaded once
//! per test binary, and an article made of one invented text.

use std::sync::OnceLock;
use tidings_doc::{Article, Doc, Event, Published};
use tidings_pipeline::Pipeline;

pub fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::standard().expect("the committed models load"))
}

/// Runs the pipeline on `text`, published on `published` (`YYYY-MM-DD`).
pub fn run_published(text: &str, published: &str) -> Doc {
    pipeline().run(Article {
        id: "t".into(),
        text: text.into(),
        published: Some(published.parse::<Published>().unwrap()),
        ..Article::default()
    })
}

/// Runs the pipeline on `text`, published on Friday 2024-03-15.
#[allow(dead_code)] // (each test binary uses its own part of this module)
pub fn run(text: &str) -> Doc {
    run_published(text, "2024-03-15")
}

/// The first event whose evidence holds `word`; panics, showing the events, when none does.
#[allow(dead_code)] // (each test binary uses its own part of this module)
pub fn event<'d>(doc: &'d Doc, word: &str) -> &'d Event {
    doc.events
        .iter()
        .find(|e| e.evidence.iter().any(|v| doc.slice(v.trigger) == word))
        .unwrap_or_else(|| panic!("no event on {word:?} in {:#?}", doc.events))
}

/// No event of `text` is told by `word`.
#[allow(dead_code)] // (each test binary uses its own part of this module)
pub fn no_event_on(text: &str, word: &str) {
    let doc = run(text);
    assert!(
        !doc.events
            .iter()
            .any(|e| e.evidence.iter().any(|v| doc.slice(v.trigger) == word)),
        "{text}\n  an event on {word:?}: {:#?}",
        doc.events
    );
}
