//! Actor coding against the PLOVER gold-standard records.
//!
//! Each record is one coded sentence with its source and target actors (`actorText` and an ISO
//! 3166 alpha-3 or IGO code). The pipeline runs on the sentence (dated by the record) and, for
//! every gold actor, the entity whose mention overlaps the first occurrence of `actorText` in
//! the sentence is taken as the system's coding of that actor: the entity's CAMEO actor code
//! (`HUNGOV`, `IGOUNO`), else its country. The actor counts as coded right when that code and
//! the gold code begin alike (`HUN` and `HUNGOV`, `IGO` and `IGOUNO`). An actor that no entity
//! overlaps counts as wrong. `actor_code_acc` and `recipient_code_acc` are the shares of gold
//! source and target actors coded right. Gold actors whose text does not occur in the sentence
//! are left out and counted in `unlocated`.

use serde::Serialize;
use std::fmt;
use std::path::Path;
use tidings_corpus::plover::{self, Actor};
use tidings_doc::{Article, Doc, Published};
use tidings_pipeline::Pipeline;

/// The scores.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PloverScores {
    pub actor_code_acc: f64,
    pub recipient_code_acc: f64,
    pub records: usize,
    pub actors: usize,
    pub actors_right: usize,
    pub recipients: usize,
    pub recipients_right: usize,
    /// Gold actors whose text is not in the sentence (left out).
    pub unlocated: usize,
}

/// One actor the system coded differently from the gold record.
#[derive(Debug, Clone)]
pub struct Miss {
    pub record: String,
    pub role: &'static str,
    pub text: String,
    pub gold: String,
    pub predicted: Option<String>,
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {:?}: gold {}, coded {}",
            self.record,
            self.role,
            self.text,
            self.gold,
            self.predicted.as_deref().unwrap_or("nothing")
        )
    }
}

/// Scores the pipeline's actor coding on a PLOVER gold-records file.
pub fn evaluate(path: &Path, pipeline: &Pipeline) -> Result<PloverScores, tidings_corpus::Error> {
    evaluate_reporting(path, pipeline, |_| {})
}

/// As [`evaluate`], calling `report` with each miss.
pub fn evaluate_reporting(
    path: &Path,
    pipeline: &Pipeline,
    mut report: impl FnMut(Miss),
) -> Result<PloverScores, tidings_corpus::Error> {
    let records = plover::read(path)?;
    let mut s = PloverScores {
        actor_code_acc: 0.0,
        recipient_code_acc: 0.0,
        records: records.len(),
        actors: 0,
        actors_right: 0,
        recipients: 0,
        recipients_right: 0,
        unlocated: 0,
    };
    for r in &records {
        let published = r.date.as_deref().and_then(|d| d.parse::<Published>().ok());
        let doc = pipeline.run(Article {
            id: r.id.clone(),
            text: r.text.clone(),
            published,
            ..Article::default()
        });
        for (role, actors) in [("source", &r.sources), ("target", &r.targets)] {
            for actor in actors.iter().filter(|a| !a.code.is_empty()) {
                let Some(predicted) = coded(&doc, actor) else {
                    s.unlocated += 1;
                    continue;
                };
                let right = code_matches(&actor.code, predicted.as_deref());
                if role == "source" {
                    s.actors += 1;
                    s.actors_right += right as usize;
                } else {
                    s.recipients += 1;
                    s.recipients_right += right as usize;
                }
                if !right {
                    report(Miss {
                        record: r.id.clone(),
                        role,
                        text: actor.text.clone(),
                        gold: actor.code.clone(),
                        predicted,
                    });
                }
            }
        }
    }
    s.actor_code_acc = ratio(s.actors_right, s.actors);
    s.recipient_code_acc = ratio(s.recipients_right, s.recipients);
    Ok(s)
}

/// `None` when the actor's text is not in the sentence; else the code of the entity there.
fn coded(doc: &Doc, actor: &Actor) -> Option<Option<String>> {
    let text = doc.text();
    let at = text
        .find(&actor.text)
        .or_else(|| text.to_lowercase().find(&actor.text.to_lowercase()))?;
    let span = doc.span_of_bytes(at, at + actor.text.len());
    let entity = doc
        .entities
        .iter()
        .filter(|e| e.mentions.iter().any(|m| m.overlaps(span)))
        .find(|e| e.code.is_some() || e.country.is_some());
    Some(entity.and_then(|e| e.code.clone().or_else(|| e.country.clone())))
}

/// A gold code matches the entity's CAMEO code when one begins with the other: `HUN` and
/// `HUNGOV`, `IGO` and `IGOUNO`, `IMG` and `IMGMOSALQ`.
fn code_matches(gold: &str, predicted: Option<&str>) -> bool {
    match predicted {
        None => false,
        Some(p) => {
            let (g, p) = (gold.to_ascii_uppercase(), p.to_ascii_uppercase());
            !p.is_empty() && (p.starts_with(&g) || g.starts_with(&p))
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for PloverScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "PLOVER gold records: {} sentences ({} gold actors not in their sentence, left out)",
            self.records, self.unlocated
        )?;
        writeln!(f, "{:<12}{:>8}{:>8}{:>10}", "", "gold", "right", "accuracy")?;
        writeln!(
            f,
            "{:<12}{:>8}{:>8}{:>10.4}",
            "actors", self.actors, self.actors_right, self.actor_code_acc
        )?;
        writeln!(
            f,
            "{:<12}{:>8}{:>8}{:>10.4}",
            "recipients", self.recipients, self.recipients_right, self.recipient_code_acc
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_compare_as_countries_or_by_sector_prefix() {
        assert!(code_matches("HUN", Some("HUNGOV")));
        assert!(!code_matches("HUN", Some("ROUGOV")));
        assert!(code_matches("IGO", Some("IGOUNO")));
        assert!(code_matches("IMG", Some("IMGMOSALQ")));
        assert!(!code_matches("IGOUNO", Some("GOV")));
        assert!(!code_matches("USA", None));
    }
}
