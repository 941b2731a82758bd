//! Shows how pruning small weights trades parser size against accuracy:
//! `cargo run --release -p tidings-syntax --example prune -- MODEL_DIR MIN_WEIGHT...`.
use std::path::Path;
use std::time::Instant;
use tidings_syntax::{Parser, Tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(&args[1]);
    let tagger = Tagger::load(&dir.join("pos.bin"))?;
    let parser = Parser::load(&dir.join("parser.bin"))?;
    let dev = tidings_corpus::conllu::read(&tidings_corpus::shared_data("ud-english-ewt/en_ewt-ud-dev.conllu"))?;
    for m in &args[2..] {
        let p = parser.pruned(m.parse()?);
        let t = Instant::now();
        let (uas, las) = p.attachment(&tagger, &dev);
        let secs = t.elapsed().as_secs_f64();
        let path = std::env::temp_dir().join("pruned-parser.bin");
        p.save(&path)?;
        println!(
            "min_weight {m}: UAS {:.2} LAS {:.2}, {:?} (features, weights), {} bytes, {:.2}s for dev",
            100.0 * uas,
            100.0 * las,
            p.size(),
            std::fs::metadata(&path)?.len(),
            secs
        );
    }
    Ok(())
}
