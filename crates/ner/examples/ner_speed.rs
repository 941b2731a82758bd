//! Single-thread speed of the recognizer on a CoNLL-2003 file (gold tokens), and model load time.
//! `cargo run --release -p tidings-ner --example ner_speed -- [MODELS_DIR] [FILE] [ROUNDS]`
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let models = args.next().map_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models")), PathBuf::from);
    let file = args.next().map_or_else(|| tidings_corpus::shared_data("conll2003/valid.txt"), PathBuf::from);
    let rounds: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let t = Instant::now();
    let ner = tidings_ner::NerAnnotator::load(&models)?;
    println!("load: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let docs = tidings_ner::read_conll(&file)?;
    let words: usize = docs.iter().map(|d| d.words.len()).sum();
    let mut found = 0;
    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            found += ner.recognizer().recognize(&d.words, &d.sentences).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!("{} words x {rounds} rounds in {secs:.2} s: {:.0} words/s ({found} entities)", words, (words * rounds) as f64 / secs);
    Ok(())
}
