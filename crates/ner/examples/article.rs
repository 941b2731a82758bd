//! Segments a text file with the project's segmenter and prints the mentions the NER finds.
//! `cargo run --release -p tidings-ner --example article -- FILE [MODELS_DIR]`
use std::path::PathBuf;
use tidings_doc::{Annotator, Article, Doc, Layer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1])?;
    let models = args.get(2).map_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models")), PathBuf::from);
    let ner = tidings_ner::NerAnnotator::load(&models)?;
    let mut doc = Doc::new(Article { text, ..Article::default() });
    let (sentences, tokens) = tidings_segment::Segmenter::new().segment(doc.text());
    doc.sentences = sentences;
    doc.tokens = tokens;
    doc.mark(Layer::Sentences);
    doc.mark(Layer::Tokens);
    ner.annotate(&mut doc);
    for m in &doc.mentions {
        println!("{}\t{}\t{}-{}", m.kind.conll_tag(), doc.slice(m.span), m.span.start, m.span.end);
    }
    Ok(())
}
