//! Shows how pruning small weights trades parser size against accuracy:
//! `cargo run --release -p tidings-syntax --example syntax_prune -- MODEL_DIR MIN_WEIGHT...`.
use std::path::Path;
use std::time::Instant;
use tidings_syntax::{Parser, Tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(&args[1]);
    let tagger = Tagger::load(&dir.join("pos.bin"))?;
    let parser = Parser::load(&dir.join("parser.bin"))?;
    let dev = tidings_corpus::conllu::read(&tidings_corpus::shared_data(
        "ud-english-ewt/en_ewt-ud-dev.conllu",
    ))?;
    let words: usize = dev.iter().map(|s| s.words.len()).sum();
    for m in &args[2..] {
        let p = parser.pruned(m.parse()?);
        // Best of three timed runs (tagging + parsing + scoring), as the machine may be shared.
        let (mut uas, mut las, mut secs) = (0.0, 0.0, f64::INFINITY);
        for _ in 0..3 {
            let t = Instant::now();
            (uas, las) = p.attachment(&tagger, &dev);
            secs = secs.min(t.elapsed().as_secs_f64());
        }
        let path = std::env::temp_dir().join("pruned-parser.bin");
        p.save(&path)?;
        println!(
            "min_weight {m}: UAS {:.2} LAS {:.2}, {:?} (features, weights), {} bytes, {:.0} words/s (tag + parse + score)",
            100.0 * uas,
            100.0 * las,
            p.size(),
            std::fs::metadata(&path)?.len(),
            words as f64 / secs
        );
    }
    Ok(())
}
