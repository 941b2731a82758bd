//! What the whole-pipeline tests of the event coder share: the committed pipeline, loaded once
//! per test binary, and an article made of one invented text.

use std::sync::OnceLock;
use tidings_doc::{Article, Doc, Published};
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
