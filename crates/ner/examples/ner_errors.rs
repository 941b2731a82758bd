//! Lists the entities a model gets wrong on a CoNLL-2003 file, for error analysis.
//! `cargo run --release -p tidings-ner --example ner_errors -- MODEL_DIR FILE`
use std::collections::BTreeMap;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let rec = tidings_ner::Recognizer::load(Path::new(&args[1]))?;
    let docs = tidings_ner::read_conll(Path::new(&args[2]))?;
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for d in &docs {
        let found = rec.recognize(&d.words, &d.sentences);
        let text = |s: &tidings_ner::EntitySpan| d.words[s.start..s.end].join(" ");
        for g in &d.entities {
            if found.contains(g) {
                continue;
            }
            let over: Vec<_> = found.iter().filter(|p| p.start < g.end && g.start < p.end).collect();
            let kind = match over.as_slice() {
                [] => format!("missed {}", g.kind.conll_tag()),
                [p] if p.start == g.start && p.end == g.end => format!("type {}->{}", g.kind.conll_tag(), p.kind.conll_tag()),
                _ => format!("boundary {}", g.kind.conll_tag()),
            };
            println!("{kind}\t{}\t{:?}", text(g), over.iter().map(|p| format!("{}:{}", text(p), p.kind.conll_tag())).collect::<Vec<_>>());
            *kinds.entry(kind).or_default() += 1;
        }
        for p in &found {
            if !d.entities.iter().any(|g| g.start < p.end && p.start < g.end) {
                println!("spurious {}\t{}", p.kind.conll_tag(), text(p));
                *kinds.entry(format!("spurious {}", p.kind.conll_tag())).or_default() += 1;
            }
        }
    }
    for (k, n) in kinds {
        eprintln!("{n:5} {k}");
    }
    Ok(())
}
