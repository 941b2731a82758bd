//! `Limits`: long sentences are parsed in pieces, and an article over its time is given up by
//! `try_run` with an error naming the limit, while `run` keeps working as before.

use std::sync::OnceLock;
use std::time::Duration;
use tidings_doc::{Article, Record};
use tidings_pipeline::{Limits, Pipeline, PipelineError};

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::standard().expect("the committed models load"))
}

fn article(text: &str) -> Article {
    Article {
        id: "limits-1".into(),
        text: text.into(),
        ..Article::default()
    }
}

/// A run-on "sentence" of `n` words and no full stop, as a table or a list scraped flat is.
fn run_on(n: usize) -> String {
    (0..n)
        .map(|i| ["officials", "met", "in", "Oslo", "and", "talks", "went", "on"][i % 8])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_defaults_are_documented_values() {
    let limits = Limits::default();
    assert_eq!(limits.max_sentence_tokens, Limits::DEFAULT_MAX_SENTENCE_TOKENS);
    assert_eq!(limits.max_article_time, Limits::DEFAULT_MAX_ARTICLE_TIME);
    assert_eq!(Pipeline::rules_only().limits(), limits);
}

#[test]
fn a_long_sentence_is_parsed_in_pieces_with_a_diagnostic() {
    let text = run_on(1000);
    let limited = Pipeline::standard()
        .unwrap()
        .with_limits(Limits { max_sentence_tokens: 100, ..Limits::default() });
    let doc = limited.run(article(&text));
    assert_eq!(doc.sentences.len(), 1, "the sentence itself stays whole");
    assert_eq!(doc.tokens.len(), 1000);
    assert_eq!(doc.syntax.len(), doc.tokens.len());
    // Each piece of 100 tokens has its own root; heads stay inside their piece.
    let roots: Vec<usize> = (0..1000).filter(|&i| doc.syntax[i].head.is_none()).collect();
    assert!(roots.len() >= 10, "{roots:?}");
    for (i, t) in doc.syntax.iter().enumerate() {
        if let Some(h) = t.head {
            assert_eq!(h / 100, i / 100, "token {i} has its head {h} in another piece");
        }
    }
    let note = doc
        .diagnostics
        .iter()
        .find(|d| d.message.contains("max_sentence_tokens"))
        .expect("a diagnostic names the limit");
    assert!(note.message.contains("1000 tokens") && note.message.contains("10 pieces"), "{}", note.message);
    Record::from_doc(&doc);

    // Under the limit nothing changes: the same record as without limits.
    let short = "Officials met in Oslo on Monday. Talks went on late.";
    assert_eq!(
        Record::from_doc(&limited.run(article(short))),
        Record::from_doc(&pipeline().run(article(short)))
    );
    assert!(pipeline().run(article(short)).diagnostics.iter().all(|d| !d.message.contains("max_sentence_tokens")));
}

#[test]
fn an_article_over_its_time_is_given_up_naming_the_limit() {
    let text = "Officials met in Oslo on Monday. Talks went on late.";
    let hurried = Pipeline::standard()
        .unwrap()
        .with_limits(Limits { max_article_time: Duration::ZERO, ..Limits::default() });
    let err = hurried.try_run(article(text)).expect_err("no article is done in no time");
    assert!(matches!(err, PipelineError::TimeLimit { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("max_article_time") && message.contains("limits-1") && message.contains("skipped"), "{message}");
    // `run` has no deadline; `try_run` within the default one gives the same Doc.
    let whole = hurried.run(article(text));
    let tried = pipeline().try_run(article(text)).unwrap();
    assert_eq!(Record::from_doc(&whole), Record::from_doc(&tried));
}
