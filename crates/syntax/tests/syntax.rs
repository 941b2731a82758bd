//! Tests of the syntax crate against the committed models and tiny training runs.
//!
//! Model-quality tests read `models/syntax/` and the shared EWT dev file; training tests train
//! on a few hundred sentences only, so the suite stays fast.

use std::path::{Path, PathBuf};
use tidings_corpus::conllu::{self, Sentence};
use tidings_doc::{Annotator, Article, Doc, Layer, Sentence as DocSentence, Span, Token};
use tidings_syntax::{
    Clusters, Parser, ParserOptions, SyntaxAnnotator, SyntaxError, Tagger, TaggerOptions,
};

fn models_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models"))
}

fn ewt(split: &str) -> Vec<Sentence> {
    conllu::read(&tidings_corpus::shared_data(&format!(
        "ud-english-ewt/en_ewt-ud-{split}.conllu"
    )))
    .unwrap()
}

fn annotator() -> SyntaxAnnotator {
    SyntaxAnnotator::load(&models_dir()).expect("committed models load")
}

/// UPOS and LAS (universal labels) on gold words, in percent.
fn scores(a: &SyntaxAnnotator, sentences: &[Sentence]) -> (f64, f64) {
    let (mut upos, mut las, mut n) = (0, 0, 0);
    for s in sentences {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        for (w, t) in s.words.iter().zip(a.analyze(&words)) {
            upos += (t.upos == w.upos) as usize;
            let head = t.head.map_or(0, |h| h + 1);
            las += (head == w.head
                && tidings_syntax::universal(&t.deprel) == tidings_syntax::universal(&w.deprel))
                as usize;
            n += 1;
        }
    }
    (
        100.0 * upos as f64 / n as f64,
        100.0 * las as f64 / n as f64,
    )
}

#[test]
fn committed_models_reach_the_targets_on_ewt_dev() {
    let a = annotator();
    let dev = ewt("dev");
    let (upos, las) = scores(&a, &dev);
    assert!(upos >= 95.0, "dev UPOS {upos:.2}");
    assert!(las >= 82.0, "dev LAS {las:.2}");
}

/// A dense weight row of at most 64 classes is one cache line: the reason for the class set.
#[test]
fn the_committed_parser_has_at_most_64_classes() {
    let a = annotator();
    assert!(a.parser().n_classes() <= 64, "{}", a.parser().n_classes());
}

#[test]
fn a_parser_with_few_classes_round_trips_through_its_file() {
    let train: Vec<Sentence> = tiny_train().into_iter().take(100).collect();
    let tagger = one_epoch_tagger(&train);
    let options = ParserOptions {
        epochs: 2,
        jackknife: 0,
        max_classes: 12,
        ..ParserOptions::default()
    };
    let parser = Parser::train(&train, &[], &tagger, &options, &mut |_| {}).unwrap();
    assert_eq!(parser.n_classes(), 12);
    let dir = std::env::temp_dir().join(format!("tidings-syntax-classes-{}", std::process::id()));
    let path = dir.join("parser.bin");
    parser.save(&path).unwrap();
    let loaded = Parser::load(&path).unwrap();
    assert_eq!(loaded.n_classes(), 12);
    for s in &train[..20] {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags = tagger.tag(&words);
        assert_eq!(
            parser.parse(&tagger, &words, &tags),
            loaded.parse(&tagger, &words, &tags)
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_sentence_gets_one_tree() {
    let a = annotator();
    for s in ewt("dev").iter().take(300) {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let out = a.analyze(&words);
        assert_eq!(
            out.iter().filter(|t| t.head.is_none()).count(),
            1,
            "{:?}",
            s.sent_id
        );
        // Following heads from any word reaches the root without a cycle.
        for start in 0..out.len() {
            let (mut at, mut steps) = (start, 0);
            while let Some(h) = out[at].head {
                assert!(h < out.len());
                at = h;
                steps += 1;
                assert!(steps <= out.len(), "cycle in {:?}", s.sent_id);
            }
        }
    }
}

#[test]
fn the_annotator_fills_a_layer_parallel_to_tokens_with_doc_level_heads() {
    let text = "Talks resumed on Monday. The ministers met in Seoul.";
    let mut doc = Doc::new(Article {
        text: text.into(),
        ..Article::default()
    });
    for word in [
        "Talks",
        "resumed",
        "on",
        "Monday",
        ".",
        "The",
        "ministers",
        "met",
        "in",
        "Seoul",
        ".",
    ] {
        let from = doc.tokens.last().map_or(0, |t: &Token| t.span.end);
        let start = from + text[from..].find(word).unwrap();
        doc.tokens.push(Token {
            span: Span::new(start, start + word.len()),
            space_after: true,
        });
    }
    doc.sentences.push(DocSentence {
        span: Span::new(0, 24),
        tokens: 0..5,
    });
    doc.sentences.push(DocSentence {
        span: Span::new(25, text.len()),
        tokens: 5..11,
    });
    doc.mark(Layer::Sentences);
    doc.mark(Layer::Tokens);
    let a = annotator();
    assert_eq!(a.requires(), &[Layer::Sentences, Layer::Tokens]);
    a.annotate(&mut doc);
    assert!(doc.has(Layer::Syntax));
    assert_eq!(doc.syntax.len(), doc.tokens.len());
    for (i, t) in doc.syntax.iter().enumerate() {
        let range = if i < 5 { 0..5 } else { 5..11 };
        if let Some(h) = t.head {
            assert!(
                range.contains(&h),
                "token {i} has head {h} outside its sentence"
            );
        }
        assert!(
            !t.upos.is_empty() && !t.xpos.is_empty() && !t.lemma.is_empty() && !t.deprel.is_empty()
        );
    }
    assert_eq!(doc.syntax[1].upos, "VERB");
    assert_eq!(doc.syntax[1].lemma, "resume");
    assert_eq!(doc.syntax[6].lemma, "minister");
    assert_eq!(doc.syntax[7].head, None);
    assert_eq!(doc.syntax[6].head, Some(7));
    assert_eq!(doc.syntax[6].deprel, "nsubj");
}

fn tiny_train() -> Vec<Sentence> {
    ewt("train").into_iter().take(300).collect()
}

/// A tagger trained for one epoch: enough to give the parser tests their tags.
fn one_epoch_tagger(train: &[Sentence]) -> Tagger {
    let options = TaggerOptions {
        epochs: 1,
        ..TaggerOptions::default()
    };
    Tagger::train(train, &[], &options, &Clusters::none(), &mut |_| {}).unwrap()
}

#[test]
fn training_is_deterministic_for_a_seed() {
    let train = tiny_train();
    let dir = std::env::temp_dir().join(format!("tidings-syntax-test-{}", std::process::id()));
    let options = TaggerOptions {
        epochs: 2,
        seed: 7,
        ..TaggerOptions::default()
    };
    let mut bytes = Vec::new();
    for run in 0..2 {
        let tagger = Tagger::train(&train, &[], &options, &Clusters::none(), &mut |_| {}).unwrap();
        let path = dir.join(format!("pos{run}.bin"));
        tagger.save(&path).unwrap();
        let popts = ParserOptions {
            epochs: 2,
            seed: 7,
            jackknife: 2,
            ..ParserOptions::default()
        };
        let parser = Parser::train(&train, &[], &tagger, &popts, &mut |_| {}).unwrap();
        let ppath = dir.join(format!("parser{run}.bin"));
        parser.save(&ppath).unwrap();
        bytes.push((
            std::fs::read(&path).unwrap(),
            std::fs::read(&ppath).unwrap(),
        ));
    }
    assert!(
        bytes[0] == bytes[1],
        "two runs with one seed wrote different models"
    );
    let other = Tagger::train(
        &train,
        &[],
        &TaggerOptions { seed: 8, ..options },
        &Clusters::none(),
        &mut |_| {},
    )
    .unwrap();
    other.save(&dir.join("pos-other.bin")).unwrap();
    assert!(
        std::fs::read(dir.join("pos-other.bin")).unwrap() != bytes[0].0,
        "the seed has no effect"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn training_refuses_an_empty_corpus() {
    let err = Tagger::train(
        &[],
        &[],
        &TaggerOptions::default(),
        &Clusters::none(),
        &mut |_| {},
    )
    .err()
    .unwrap();
    assert!(
        matches!(
            err,
            SyntaxError::Corpus(tidings_corpus::Error::Empty { .. })
        ),
        "{err}"
    );
    let tagger = one_epoch_tagger(&tiny_train()[..20]);
    let err = Parser::train(&[], &[], &tagger, &ParserOptions::default(), &mut |_| {})
        .err()
        .unwrap();
    assert!(
        matches!(
            err,
            SyntaxError::Corpus(tidings_corpus::Error::Empty { .. })
        ),
        "{err}"
    );
}

#[test]
fn malformed_model_files_are_refused_with_their_path() {
    let dir = std::env::temp_dir().join(format!("tidings-syntax-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let garbage = dir.join("garbage.bin");
    std::fs::write(&garbage, b"not a model at all").unwrap();
    let err = Tagger::load(&garbage).err().unwrap().to_string();
    assert!(
        err.contains("garbage.bin") && err.contains("not a usable model"),
        "{err}"
    );
    // A truncated copy of the real tagger.
    let real = std::fs::read(models_dir().join("syntax/pos.bin")).unwrap();
    let cut = dir.join("cut.bin");
    std::fs::write(&cut, &real[..real.len() / 2]).unwrap();
    let err = Tagger::load(&cut).err().unwrap().to_string();
    assert!(
        err.contains("cut.bin") && err.contains("truncated"),
        "{err}"
    );
    // A tagger file is not a parser file.
    let err = Parser::load(&models_dir().join("syntax/pos.bin"))
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("expected a TDNGSDEP file"), "{err}");
    let err = SyntaxAnnotator::load(Path::new("/nonexistent-models"))
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("/nonexistent-models/syntax/pos.bin"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn malformed_training_input_names_file_and_line() {
    let dir = std::env::temp_dir().join(format!("tidings-syntax-conllu-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.conllu");
    std::fs::write(&bad, "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\n").unwrap();
    let err = conllu::read(&bad)
        .err()
        .map(SyntaxError::from)
        .unwrap()
        .to_string();
    assert!(err.contains("bad.conllu:2:"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
