//! Restricts a parser to SHIFT, REDUCE and the arcs most frequent in EWT train, without
//! retraining: `cargo run --release -p tidings-syntax --example parser_classes -- IN OUT [MAX]`
//! (MAX classes, default 64). IN may be a version-3 file (every label in both directions).
use std::path::Path;
use tidings_syntax::Parser;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        return Err("usage: parser_classes IN OUT [MAX]".into());
    };
    let max: usize = args.get(3).map_or(Ok(64), |m| m.parse())?;
    let train = tidings_corpus::conllu::read(&tidings_corpus::shared_data(
        "ud-english-ewt/en_ewt-ud-train.conllu",
    ))?;
    let parser = Parser::load(Path::new(input))?;
    let restricted = parser.restricted(&train, max);
    restricted.save(Path::new(output))?;
    eprintln!(
        "{} classes -> {}, size {:?} -> {:?}",
        parser.n_classes(),
        restricted.n_classes(),
        parser.size(),
        restricted.size()
    );
    Ok(())
}
