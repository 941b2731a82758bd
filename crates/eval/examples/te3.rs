//! Scores the tagger on a TimeML folder, as `tidings eval timeml DIR --errors` does, without
//! building the whole CLI: `cargo run --release -p tidings-eval --example te3 -- DIR [--errors]`.
//! Each document is segmented and parsed first, as the pipeline does, with the models in
//! `--models DIR` (default: `tidings_pipeline::default_models_dir()`); `--no-syntax` skips the
//! parse, so the tagger falls back to its verb cues.
//!
//! With `--pairs` it prints instead one tab-separated line per gold timex: document, gold text,
//! type and value, then the overlapping system timex's text, type and value (empty when missed),
//! then the words around. Counting these lines per pattern ("a year ago", "last week") shows
//! which convention the annotators follow most, and how often the tagger agrees.
//!
//! With `--predicted` it prints one line per system timex: document, text, type, value, then
//! `ok` (a gold timex overlaps it with the same value), `wrong` (overlaps, other value) or
//! `spurious`, then the words around. Since value F1 is 2 × right values / (gold + predicted),
//! a class of predictions helps only when more than about 40% of it is `ok`; counting per
//! pattern shows which classes fall below that.

use tidings_doc::{Span, Timex};
use tidings_eval::timeml::analyze;
use tidings_syntax::SyntaxAnnotator;
use tidings_timex::TimeTagger;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().expect(
        "usage: te3 GOLD_DIR [--models DIR] [--no-syntax] [--errors | --pairs | --predicted]",
    );
    let models = args
        .iter()
        .position(|a| a == "--models")
        .and_then(|k| args.get(k + 1))
        .map(std::path::PathBuf::from)
        .unwrap_or_else(tidings_pipeline::default_models_dir);
    let syntax = (!args.iter().any(|a| a == "--no-syntax")).then(|| {
        SyntaxAnnotator::load(&models).unwrap_or_else(|e| panic!("{}: {e}", models.display()))
    });
    let syntax = syntax.as_ref();
    if args.iter().any(|a| a == "--pairs") {
        pairs(dir.as_ref(), syntax);
        return;
    }
    if args.iter().any(|a| a == "--predicted") {
        predicted(dir.as_ref(), syntax);
        return;
    }
    let errors = args.iter().any(|a| a == "--errors");
    let scores = tidings_eval::timeml::evaluate_reporting(dir.as_ref(), syntax, |m| {
        if errors {
            eprintln!("{m}");
        }
    })
    .unwrap_or_else(|e| panic!("{e}"));
    print!("{scores}");
    println!("{}", serde_json::to_string(&scores).unwrap());
}

fn pairs(dir: &std::path::Path, syntax: Option<&SyntaxAnnotator>) {
    let tagger = TimeTagger::new();
    for doc in tidings_corpus::timeml::read_dir(dir).unwrap_or_else(|e| panic!("{e}")) {
        let chars: Vec<char> = doc.text.chars().collect();
        let text = |s: Span| {
            chars[s.start.min(chars.len())..s.end.min(chars.len())]
                .iter()
                .collect::<String>()
        };
        let flat = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let predicted = tagger.tag_doc(&analyze(&doc, syntax));
        let dct = doc.dct.map(|d| d.date.to_string()).unwrap_or_default();
        for g in &doc.timexes {
            let p: Option<&Timex> = predicted
                .iter()
                .find(|p| p.span == g.span)
                .or_else(|| predicted.iter().find(|p| p.span.overlaps(g.span)));
            let (pt, pk, pv) = match p {
                Some(p) => (flat(text(p.span)), p.kind.to_string(), p.value.clone()),
                None => (String::new(), String::new(), String::new()),
            };
            let around = Span::new(
                g.span.start.saturating_sub(60),
                (g.span.end + 60).min(chars.len()),
            );
            println!(
                "{}\t{dct}\t{}\t{}\t{}\t{pt}\t{pk}\t{pv}\t{}",
                doc.id,
                flat(text(g.span)),
                g.kind,
                g.value,
                flat(text(around))
            );
        }
    }
}

fn predicted(dir: &std::path::Path, syntax: Option<&SyntaxAnnotator>) {
    let tagger = TimeTagger::new();
    for doc in tidings_corpus::timeml::read_dir(dir).unwrap_or_else(|e| panic!("{e}")) {
        let chars: Vec<char> = doc.text.chars().collect();
        let text = |s: Span| {
            chars[s.start.min(chars.len())..s.end.min(chars.len())]
                .iter()
                .collect::<String>()
        };
        let flat = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
        for p in tagger.tag_doc(&analyze(&doc, syntax)) {
            let gold = doc
                .timexes
                .iter()
                .find(|g| g.span == p.span)
                .or_else(|| doc.timexes.iter().find(|g| g.span.overlaps(p.span)));
            let status = match gold {
                Some(g) if g.value == p.value => "ok",
                Some(_) => "wrong",
                None => "spurious",
            };
            let around = Span::new(
                p.span.start.saturating_sub(60),
                (p.span.end + 60).min(chars.len()),
            );
            println!(
                "{}\t{}\t{}\t{}\t{status}\t{}",
                doc.id,
                flat(text(p.span)),
                p.kind,
                p.value,
                flat(text(around))
            );
        }
    }
}
