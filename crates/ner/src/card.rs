//! The model card written beside a trained model.

use crate::train::{TrainOptions, TrainReport};
use std::fmt::Write;
use std::path::Path;

/// Markdown describing a trained model: data, features, settings, dev scores, size, time.
pub fn model_card(report: &TrainReport, opts: &TrainOptions, train: &Path, dev: &Path, seconds: f64, bytes: u64, command: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# NER model `ner.perceptron.v1` (`ner.bin`)\n");
    let _ = writeln!(s, "Left-to-right averaged perceptron with beam search over BILOU labels for the CoNLL-2003 types PER, ORG, LOC, MISC.\n");
    let _ = writeln!(s, "## Data");
    let _ = writeln!(s, "- Train: `{}` ({} tokens). Dev (monitoring, epoch selection): `{}`.", train.display(), report.train_tokens, dev.display());
    let _ = writeln!(s, "- Gazetteers: {}.", opts.gazetteers.as_ref().map_or("none".into(), |d| format!(
        "from `{}`: mledoze countries.json (names, alt spellings, capitals, demonyms), CountryInfo.120116.txt (names, nationalities, capitals, major cities, regions, leaders), PETRARCH2 Phoenix Countries/International/MilNonState actors (people, organisations, countries) and agents (role words)", d.display())));
    let _ = writeln!(s, "- Word clusters: {}.", opts.clusters.as_ref().map_or("none".into(), |p| format!("`{}` (see models/clusters/README.md)", p.display())));
    let _ = writeln!(s, "- The gold POS and chunk columns are not used.\n");
    let _ = writeln!(s, "## Features");
    let _ = writeln!(s, "Word (abbreviations without periods, so `U.S.` = `US`), lowercase, shape (full and collapsed), prefixes and suffixes 1-4, \
first and last parts of hyphenated words, lowercase words at -2..+2, left and right bigrams, collapsed shapes at -1..+1, word clusters (k = 256, \
1024, 4096) of the word and its neighbours (none for an abbreviation outside headlines), gazetteer matches (category x BILU part) of the word and \
its neighbours, sentence position x headline x capitalization, the two previous labels (also with the word and shape), and document features: \
labels the document already gave the same capitalized word, the neighbours of its other occurrences (context aggregation), whether it is \
written in lowercase elsewhere, whether a sentence-initial word is capitalized elsewhere. Hashed to u64 keys; weights quantized to i16.\n");
    let _ = writeln!(s, "## Settings");
    let _ = writeln!(s, "- seed {}, at most {} epochs, patience {} (stop after that many epochs without a dev gain), documents shuffled each epoch (splitmix64).", opts.seed, opts.epochs, opts.patience);
    let _ = writeln!(s, "- Beam width {} over BILOU sequences (transition constraints; paths ending in the same two labels recombined); early-update perceptron training (Collins & Roark 2004).", opts.beam);
    let _ = writeln!(s, "- Ensemble: {} run(s) (seeds {}..{}), their best-pass averaged weights summed into one model.\n", report.runs.len(), opts.seed, opts.seed + report.runs.len() as u64 - 1);
    let _ = writeln!(s, "## Dev scores (entity-level exact match, micro)");
    let _ = writeln!(s, "Final model: P {:.4} R {:.4} **F1 {:.4}**.\n", report.dev.precision(), report.dev.recall(), report.dev.f1());
    for run in &report.runs {
        let _ = writeln!(s, "Run with seed {} (kept pass {}):\n", run.seed, run.best_epoch);
        let _ = writeln!(s, "| epoch | P | R | F1 |\n|---|---|---|---|");
        for (i, c) in run.dev_per_epoch.iter().enumerate() {
            let mark = if i + 1 == run.best_epoch { " (kept)" } else { "" };
            let _ = writeln!(s, "| {}{} | {:.4} | {:.4} | {:.4} |", i + 1, mark, c.precision(), c.recall(), c.f1());
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "## Size and time");
    let _ = writeln!(s, "- `ner.bin`: {} bytes ({:.1} MB), {} weight rows.", bytes, bytes as f64 / 1e6, report.features);
    let _ = writeln!(s, "- Training time: {:.0} s (one thread).\n", seconds);
    let _ = writeln!(s, "## Command\n```\n{}\n```", command);
    s
}
