//! Measures single-thread tagging and parsing speed on the EWT dev words with the committed
//! models: `cargo run --release -p tidings-syntax --example speed [MODELS_DIR]`.
use std::path::PathBuf;
use std::time::Instant;
use tidings_syntax::{Scratch, SyntaxAnnotator};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let models = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models")));
    let started = Instant::now();
    let annotator = SyntaxAnnotator::load(&models)?;
    eprintln!("load: {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    let dev = tidings_corpus::conllu::read(&tidings_corpus::shared_data("ud-english-ewt/en_ewt-ud-dev.conllu"))?;
    let sentences: Vec<Vec<&str>> = dev.iter().map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let rounds = 5;
    let mut scratch = Scratch::default();
    let mut tags = Vec::new();
    // Warm up, then time tagging alone and tagging + parsing.
    for s in &sentences {
        annotator.tag_and_parse(s, &mut scratch);
    }
    let t = Instant::now();
    for _ in 0..rounds {
        for s in &sentences {
            tags = annotator.tagger().tag(s);
        }
    }
    let tag_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut arcs = 0usize;
    for _ in 0..rounds {
        for s in &sentences {
            let (_, deps) = annotator.tag_and_parse(s, &mut scratch);
            arcs += deps.len();
        }
    }
    let both_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..rounds {
        for s in &sentences {
            std::hint::black_box(annotator.analyze(s));
        }
    }
    let full_secs = t.elapsed().as_secs_f64();
    let n = (words * rounds) as f64;
    println!("{words} words x {rounds} rounds, one thread ({} tags in the last sentence, {arcs} arcs)", tags.len());
    println!("tag:                       {:>9.0} words/s", n / tag_secs);
    println!("tag + parse:               {:>9.0} words/s", n / both_secs);
    println!("tag + lemma + parse (strings): {:>5.0} words/s", n / full_secs);
    Ok(())
}
