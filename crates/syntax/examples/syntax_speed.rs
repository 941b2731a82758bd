//! Measures single-thread load time and tagging/parsing speed on the EWT dev words with the
//! committed models: `cargo run --release -p tidings-syntax --example syntax_speed [MODELS_DIR]`.
//!
//! Each figure is the best of several rounds, so that other processes on a shared machine
//! disturb it less.
use std::path::PathBuf;
use std::time::Instant;
use tidings_syntax::{Scratch, SyntaxAnnotator};

const ROUNDS: usize = 7;

/// The fastest of `ROUNDS` runs of `f`, in seconds.
fn best(mut f: impl FnMut()) -> f64 {
    (0..ROUNDS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let models = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models")));
    let mut annotator = None;
    let load = best(|| annotator = Some(SyntaxAnnotator::load(&models).expect("models load")));
    let annotator = annotator.unwrap();
    let dev = tidings_corpus::conllu::read(&tidings_corpus::shared_data(
        "ud-english-ewt/en_ewt-ud-dev.conllu",
    ))?;
    let sentences: Vec<Vec<&str>> = dev
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let words = sentences.iter().map(Vec::len).sum::<usize>() as f64;
    let mut scratch = Scratch::default();
    let tag = best(|| {
        for s in &sentences {
            std::hint::black_box(annotator.tagger().tag(s));
        }
    });
    let both = best(|| {
        for s in &sentences {
            std::hint::black_box(annotator.tag_and_parse(s, &mut scratch));
        }
    });
    let full = best(|| {
        for s in &sentences {
            std::hint::black_box(annotator.analyze(s));
        }
    });
    println!("models: {} (load {:.1} ms)", models.display(), load * 1e3);
    println!("{words} words of EWT dev, one thread, best of {ROUNDS} rounds");
    println!(
        "tag:                           {:>9.0} words/s",
        words / tag
    );
    println!(
        "tag + parse:                   {:>9.0} words/s",
        words / both
    );
    println!(
        "tag + lemma + parse (strings): {:>9.0} words/s",
        words / full
    );
    Ok(())
}
