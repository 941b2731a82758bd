//! Measures segmentation speed on a text file (default: EWT train's `# text` lines joined into
//! paragraphs, about 1 MB).
//!
//! ```text
//! cargo run --release -p tidings-segment --example throughput [FILE]
//! ```

use std::time::Instant;
use tidings_segment::Segmenter;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path)?,
        None => {
            let path = tidings_corpus::shared_data("ud-english-ewt/en_ewt-ud-train.conllu");
            let sentences = tidings_corpus::conllu::read(&path)?;
            let mut text = String::new();
            for s in &sentences {
                text.push_str(if s.newpar { "\n\n" } else { " " });
                text.push_str(s.text.as_deref().unwrap_or(""));
            }
            text
        }
    };
    let segmenter = Segmenter::new();
    let rounds = 10;
    let (mut sentences, mut tokens) = (0, 0);
    let start = Instant::now();
    for _ in 0..rounds {
        let (s, t) = segmenter.segment(&text);
        sentences = s.len();
        tokens = t.len();
    }
    let secs = start.elapsed().as_secs_f64() / rounds as f64;
    println!(
        "{} bytes, {sentences} sentences, {tokens} tokens: {:.1} ms per pass, {:.1} MB/s",
        text.len(),
        secs * 1e3,
        text.len() as f64 / secs / 1e6
    );
    Ok(())
}
