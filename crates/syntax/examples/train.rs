//! Trains the tagger and/or parser without the `tidings` binary, for quick experiments:
//! `cargo run --release -p tidings-syntax --example train -- pos|parser|both OUT_DIR [EPOCHS]`.
//! Parser options from the environment: JACKKNIFE, MIN_WEIGHT, MAX_CLASSES, SEED.
//! The committed models are made with `tidings train pos|parser` (see models/syntax/MODEL_CARD.md).
use std::path::Path;
use tidings_syntax::{Clusters, Parser, ParserOptions, Tagger, TaggerOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let what = args.get(1).map(String::as_str).unwrap_or("both");
    let out = Path::new(
        args.get(2)
            .map(String::as_str)
            .unwrap_or("/tmp/syntax-models"),
    );
    let epochs: Option<usize> = args.get(3).and_then(|e| e.parse().ok());
    let data = tidings_corpus::shared_data("ud-english-ewt");
    let train = tidings_corpus::conllu::read(&data.join("en_ewt-ud-train.conllu"))?;
    let dev = tidings_corpus::conllu::read(&data.join("en_ewt-ud-dev.conllu"))?;
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
    if what == "pos" || what == "both" {
        let clusters = Clusters::read_tsv_gz(&models.join("clusters/clusters.tsv.gz"))?;
        let mut options = TaggerOptions::default();
        if let Some(e) = epochs {
            options.epochs = e;
        }
        let tagger = Tagger::train(&train, &dev, &options, &clusters, &mut |l| eprintln!("{l}"))?;
        tagger.save(&out.join("pos.bin"))?;
        let (u, x, l) = tagger.accuracy(&dev);
        eprintln!(
            "tagger: dev UPOS {:.2} XPOS {:.2} lemma {:.2}, size {:?}",
            100.0 * u,
            100.0 * x,
            100.0 * l,
            tagger.size()
        );
    }
    if what == "parser" || what == "both" {
        let tagger = Tagger::load(&out.join("pos.bin"))?;
        let mut options = ParserOptions::default();
        if let Some(e) = epochs {
            options.epochs = e;
        }
        if let Ok(j) = std::env::var("JACKKNIFE") {
            options.jackknife = j.parse()?;
        }
        if let Ok(m) = std::env::var("MIN_WEIGHT") {
            options.min_weight = m.parse()?;
        }
        if let Ok(m) = std::env::var("MAX_CLASSES") {
            options.max_classes = m.parse()?;
        }
        if let Ok(s) = std::env::var("SEED") {
            options.seed = s.parse()?;
        }
        let parser = Parser::train(&train, &dev, &tagger, &options, &mut |l| eprintln!("{l}"))?;
        parser.save(&out.join("parser.bin"))?;
        eprintln!("parser size {:?}", parser.size());
    }
    Ok(())
}
