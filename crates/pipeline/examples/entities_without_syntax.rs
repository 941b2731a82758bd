//! Prints the entities of a text file linked without the syntax layer (for developing the
//! linker while the parser model is being retrained).
//!
//!     cargo run -p tidings-pipeline --example entities_without_syntax -- FILE YYYY-MM-DD
use tidings_doc::{Article, Record};
use tidings_pipeline::{default_models_dir, Pipeline};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("read the file");
    let models = default_models_dir();
    let pipeline = Pipeline::new(vec![
        Box::new(tidings_segment::Segmenter::new()),
        Box::new(tidings_timex::TimeTagger::new()),
        Box::new(tidings_ner::NerAnnotator::load(&models).expect("ner model")),
        Box::new(tidings_link::Linker::load(&models).expect("kb")),
    ])
    .expect("valid order");
    let article = Article {
        id: "x".into(),
        text,
        published: args.get(2).map(|d| d.parse().unwrap()),
        ..Article::default()
    };
    let record = Record::from_doc(&pipeline.run(article));
    println!("{}", serde_json::to_string_pretty(&record).unwrap());
}
