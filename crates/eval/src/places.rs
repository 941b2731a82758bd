//! Geocoding of the `where` answers of Giveme5W1H articles, against hand judgements.
//!
//! The judgements (`data/eval/giveme5w1h-where.tsv`: `file, answer, country, note`) give the
//! country (ISO3) each answer refers to in its article, judged by reading the article; `-`
//! marks an answer with no single country, left out. For each judged answer the pipeline runs on
//! the article (dated by its `date_publish`), the answer is located in the text (first
//! occurrences, case-insensitive), and the country of the entity whose mention overlaps it is
//! the system's answer. Where no entity overlaps it (or it is not in the text verbatim), the
//! linker resolves the answer phrase itself in the article's context. An answer left without a
//! country counts as wrong. `accuracy` is the share of judged answers resolved to the right
//! country.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use tidings_corpus::giveme5w1h;
use tidings_doc::{Article, Doc, Published};
use tidings_link::Linker;
use tidings_pipeline::Pipeline;

/// The scores.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlaceScores {
    pub accuracy: f64,
    pub judged: usize,
    pub right: usize,
    /// Judged answers not found in their article's text.
    pub unlocated: usize,
    pub articles: usize,
}

/// One judged answer and what the system made of it.
#[derive(Debug, Clone)]
pub struct Resolution {
    pub file: String,
    pub answer: String,
    pub gold: String,
    pub predicted: Option<String>,
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = if self.predicted.as_deref() == Some(self.gold.as_str()) {
            "ok  "
        } else {
            "MISS"
        };
        write!(
            f,
            "{mark} {} {:?}: gold {}, resolved {}",
            self.file,
            self.answer,
            self.gold,
            self.predicted.as_deref().unwrap_or("nothing")
        )
    }
}

/// Scores geocoding of the judged answers of the articles in `dir`.
pub fn evaluate(
    dir: &Path,
    judgements: &Path,
    pipeline: &Pipeline,
    linker: &Linker,
    mut report: impl FnMut(Resolution),
) -> Result<PlaceScores, tidings_corpus::Error> {
    let text = std::fs::read_to_string(judgements).map_err(|e| tidings_corpus::Error::Io {
        path: judgements.to_path_buf(),
        source: e,
    })?;
    let mut by_file: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(tidings_corpus::Error::Malformed {
                path: judgements.to_path_buf(),
                line: i + 1,
                message: "expected file, answer, country and note, tab-separated".into(),
            });
        }
        if cols[2] != "-" {
            by_file
                .entry(cols[0].to_string())
                .or_default()
                .push((cols[1].trim().to_string(), cols[2].to_string()));
        }
    }
    let articles = giveme5w1h::read_dir(dir)?;
    let mut s = PlaceScores {
        accuracy: 0.0,
        judged: 0,
        right: 0,
        unlocated: 0,
        articles: 0,
    };
    for a in &articles {
        let stem = a
            .path
            .file_stem()
            .map(|x| x.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(answers) = by_file.get(&stem) else {
            continue;
        };
        s.articles += 1;
        let published = a
            .date_publish
            .as_deref()
            .and_then(|d| d.parse::<Published>().ok());
        let doc = pipeline.run(Article {
            id: a.id.clone(),
            text: a.text.clone(),
            published,
            outlet: a.publisher.clone(),
            ..Article::default()
        });
        for (answer, gold) in answers {
            s.judged += 1;
            let located = locate(&doc, answer);
            s.unlocated += located.is_empty() as usize;
            // The entity there; else the phrase itself, read in the article's context.
            let predicted = located
                .into_iter()
                .find_map(|span| country_at(&doc, span))
                .or_else(|| linker.resolve_place(&doc, answer));
            s.right += (predicted.as_deref() == Some(gold.as_str())) as usize;
            report(Resolution {
                file: stem.clone(),
                answer: answer.clone(),
                gold: gold.clone(),
                predicted,
            });
        }
    }
    s.accuracy = if s.judged == 0 {
        0.0
    } else {
        s.right as f64 / s.judged as f64
    };
    Ok(s)
}

/// Every occurrence of the answer in the text (case-insensitive where the lowercase text keeps
/// byte offsets, as it does for ASCII).
fn locate(doc: &Doc, answer: &str) -> Vec<tidings_doc::Span> {
    let text = doc.text();
    let mut found: Vec<usize> = text.match_indices(answer).map(|(i, _)| i).collect();
    let lower = text.to_lowercase();
    if found.is_empty() && lower.len() == text.len() {
        found = lower
            .match_indices(&answer.to_lowercase())
            .map(|(i, _)| i)
            .collect();
    }
    found
        .into_iter()
        .map(|at| doc.span_of_bytes(at, at + answer.len()))
        .collect()
}

/// The country of the entity mentioned inside the answer: places first, then any entity.
fn country_at(doc: &Doc, span: tidings_doc::Span) -> Option<String> {
    let overlapping = || {
        doc.entities
            .iter()
            .filter(|e| e.country.is_some() && e.mentions.iter().any(|m| m.overlaps(span)))
    };
    overlapping()
        .find(|e| e.kind == tidings_doc::EntityType::Loc)
        .or_else(|| overlapping().next())
        .and_then(|e| e.country.clone())
}

impl fmt::Display for PlaceScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Giveme5W1H where-answers: {} articles, {} judged answers ({} not found in the text)",
            self.articles, self.judged, self.unlocated
        )?;
        writeln!(f, "{:<22}{:>8}", "right country", self.right)?;
        writeln!(f, "{:<22}{:>8.4}", "accuracy", self.accuracy)
    }
}
