//! Dev F1 and model size after pruning small weights, to choose `--prune`.
//! `cargo run --release -p tidings-ner --example ner_prune -- MODEL_DIR DEV_FILE`
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let rec = tidings_ner::Recognizer::load(Path::new(&args[1]))?;
    let docs = tidings_ner::read_conll(Path::new(&args[2]))?;
    let out = std::env::temp_dir().join(format!("tidings-ner-prune-{}", std::process::id()));
    for min in [0i16, 50, 100, 200, 400, 800] {
        let p = rec.pruned(min);
        p.save(&out)?;
        let size = std::fs::metadata(out.join(tidings_ner::MODEL_FILE))?.len();
        let c = tidings_ner::score(&p, &docs);
        println!("min {min:4}: {:6} features, {:5.1} MB, dev F1 {:.4}", p.feature_count(), size as f64 / 1e6, c.f1());
    }
    std::fs::remove_dir_all(&out)?;
    Ok(())
}
