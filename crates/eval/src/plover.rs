//! Event and actor coding against the PLOVER gold-standard records.
//!
//! Events: every record holds one gold event with its type (pre-v0.8 names mapped to v0.8 by
//! [`tidings_events::plover::modernize`]: DEMAND → REQUEST, DISAPPROVE and INVESTIGATE →
//! ACCUSE, FIGHT → ASSAULT). `type_acc` is the share of records whose *best* system event (the
//! one whose trigger is nearest the root of its sentence's parse, the earlier of two as deep;
//! a record without events counts as wrong) has the gold type.
//!
//! Triples are (type, actor code, recipient code): gold triples are every source × target of
//! the record (an absent side is empty), system triples every actor × recipient of every
//! event the sentence got, each distinct triple once. A system triple with neither code (an
//! event none of whose parties has a code or a country) is left out, as event data leaves
//! out events between no coded actors (156 of the 157 dev records have a coded source). A
//! system triple matches a gold triple of the same type when both codes match as below
//! (empty matches empty only), each gold triple at most once. `triple_p/r/f1` are
//! micro-averaged over the file.
//!
//! Actors:
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
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use tidings_corpus::plover::{self, Actor};
use tidings_doc::{Article, Doc, Event, Published};
use tidings_events::plover::modernize;
use tidings_pipeline::Pipeline;

/// Event-type scores of one gold type.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct TypeScores {
    pub records: usize,
    pub type_right: usize,
    pub type_acc: f64,
    pub gold_triples: usize,
    pub triples_right: usize,
}

/// The scores.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PloverScores {
    pub type_acc: f64,
    pub triple_p: f64,
    pub triple_r: f64,
    pub triple_f1: f64,
    pub gold_triples: usize,
    pub system_triples: usize,
    pub matched_triples: usize,
    /// Records without any system event.
    pub no_event: usize,
    pub per_type: BTreeMap<String, TypeScores>,
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
        type_acc: 0.0,
        triple_p: 0.0,
        triple_r: 0.0,
        triple_f1: 0.0,
        gold_triples: 0,
        system_triples: 0,
        matched_triples: 0,
        no_event: 0,
        per_type: BTreeMap::new(),
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
        score_events(&doc, r, &mut s, &mut report);
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
    let right: usize = s.per_type.values().map(|t| t.type_right).sum();
    let scored: usize = s.per_type.values().map(|t| t.records).sum();
    s.type_acc = ratio(right, scored);
    for t in s.per_type.values_mut() {
        t.type_acc = ratio(t.type_right, t.records);
    }
    s.triple_p = ratio(s.matched_triples, s.system_triples);
    s.triple_r = ratio(s.matched_triples, s.gold_triples);
    s.triple_f1 = if s.triple_p + s.triple_r > 0.0 {
        2.0 * s.triple_p * s.triple_r / (s.triple_p + s.triple_r)
    } else {
        0.0
    };
    s.actor_code_acc = ratio(s.actors_right, s.actors);
    s.recipient_code_acc = ratio(s.recipients_right, s.recipients);
    Ok(s)
}

/// How deep a token is in its sentence's parse (the root is 0).
fn depth(doc: &Doc, token: usize) -> usize {
    let mut d = 0;
    let mut node = token;
    while let Some(h) = doc.syntax.get(node).and_then(|s| s.head) {
        d += 1;
        node = h;
        if d > doc.tokens.len() {
            break;
        }
    }
    d
}

/// The system's main event: the one whose trigger is nearest the root; of two as deep, the
/// one told first.
fn best_event(doc: &Doc) -> Option<&Event> {
    doc.events.iter().min_by_key(|e| {
        let t = token_at(doc, e.trigger.start);
        (depth(doc, t), t)
    })
}

fn token_at(doc: &Doc, at: usize) -> usize {
    doc.tokens.partition_point(|t| t.span.end <= at)
}

/// An entity's actor code: its CAMEO code, else its country; empty when unknown.
fn entity_code(doc: &Doc, e: usize) -> String {
    let entity = &doc.entities[e];
    entity
        .code
        .clone()
        .or_else(|| entity.country.clone())
        .unwrap_or_default()
}

fn side_matches(gold: &str, system: &str) -> bool {
    if gold.is_empty() || system.is_empty() {
        gold.is_empty() && system.is_empty()
    } else {
        code_matches(gold, Some(system))
    }
}

fn score_events(
    doc: &Doc,
    r: &plover::Record,
    s: &mut PloverScores,
    report: &mut impl FnMut(Miss),
) {
    let Some((kind, _)) = modernize(&r.event, r.mode.as_deref()) else {
        return;
    };
    let kind = kind.as_str();
    let per = s.per_type.entry(kind.to_string()).or_default();
    per.records += 1;
    let best = best_event(doc);
    if best.is_none() {
        s.no_event += 1;
    }
    let right = best.is_some_and(|e| e.kind == kind);
    per.type_right += right as usize;
    if !right {
        report(Miss {
            record: r.id.clone(),
            role: "event",
            text: r.text.clone(),
            gold: kind.to_string(),
            predicted: best.map(|e| format!("{} ({})", e.kind, e.cameo.as_deref().unwrap_or("-"))),
        });
    }
    let codes = |actors: &[Actor]| -> Vec<String> {
        let mut out: Vec<String> = actors
            .iter()
            .filter(|a| !a.code.is_empty())
            .map(|a| a.code.clone())
            .collect();
        if out.is_empty() {
            out.push(String::new());
        }
        out
    };
    let gold: Vec<(String, String)> = codes(&r.sources)
        .into_iter()
        .flat_map(|a| codes(&r.targets).into_iter().map(move |t| (a.clone(), t)))
        .collect();
    let mut system: Vec<(&str, String, String)> = Vec::new();
    for e in &doc.events {
        let side = |ids: &[usize]| -> Vec<String> {
            let mut out: Vec<String> = ids.iter().map(|&i| entity_code(doc, i)).collect();
            out.dedup();
            if out.is_empty() {
                out.push(String::new());
            }
            out
        };
        for a in side(&e.actors) {
            for t in side(&e.recipients) {
                // An event with no coded party at all is no event-data triple (every gold
                // triple has a coded source); it is left out rather than counted as wrong.
                if !(a.is_empty() && t.is_empty()) {
                    system.push((e.kind.as_str(), a.clone(), t));
                }
            }
        }
    }
    // A triple is a fact: said twice in one sentence, it is still one.
    let mut gold = gold;
    gold.sort();
    gold.dedup();
    system.sort();
    system.dedup();
    let mut used = vec![false; gold.len()];
    let mut matched = 0;
    for (k, a, t) in &system {
        if *k != kind {
            continue;
        }
        if let Some(i) = (0..gold.len())
            .find(|&i| !used[i] && side_matches(&gold[i].0, a) && side_matches(&gold[i].1, t))
        {
            used[i] = true;
            matched += 1;
        }
    }
    if matched < gold.len() || matched < system.len() {
        report(Miss {
            record: r.id.clone(),
            role: "triples",
            text: r.text.clone(),
            gold: format!("{kind} {:?}", gold),
            predicted: Some(listing(doc)),
        });
    }
    s.gold_triples += gold.len();
    s.system_triples += system.len();
    s.matched_triples += matched;
    let per = s.per_type.get_mut(kind).expect("entered above");
    per.gold_triples += gold.len();
    per.triples_right += matched;
}

/// The system's events of a record for the error listing: type, CAMEO code, trigger and
/// parties with their codes ("ACCUSE 112 'accused' [Iran=IRN] -> [Israel=ISR]").
fn listing(doc: &Doc) -> String {
    let party = |ids: &[usize]| -> String {
        let names: Vec<String> = ids
            .iter()
            .map(|&i| {
                let e = &doc.entities[i];
                let name = e
                    .mentions
                    .first()
                    .map(|m| doc.slice(*m))
                    .unwrap_or_default();
                format!("{name}={}", entity_code(doc, i))
            })
            .collect();
        format!("[{}]", names.join(", "))
    };
    let events: Vec<String> = doc
        .events
        .iter()
        .map(|e| {
            let t = token_at(doc, e.trigger.start);
            format!(
                "{} {} {:?}/{} {} -> {}",
                e.kind,
                e.cameo.as_deref().unwrap_or("-"),
                doc.slice(e.trigger),
                doc.syntax.get(t).map_or("-", |s| s.deprel.as_str()),
                party(&e.actors),
                party(&e.recipients)
            )
        })
        .collect();
    if events.is_empty() {
        "no event".to_string()
    } else {
        events.join(" | ")
    }
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
        writeln!(
            f,
            "events: type_acc {:.4}  triples P {:.4} R {:.4} F1 {:.4} ({} gold, {} system, {} matched; {} records without an event)",
            self.type_acc,
            self.triple_p,
            self.triple_r,
            self.triple_f1,
            self.gold_triples,
            self.system_triples,
            self.matched_triples,
            self.no_event
        )?;
        writeln!(
            f,
            "{:<12}{:>8}{:>8}{:>10}{:>8}{:>8}",
            "type", "records", "right", "type_acc", "triples", "right"
        )?;
        for (kind, t) in &self.per_type {
            writeln!(
                f,
                "{:<12}{:>8}{:>8}{:>10.4}{:>8}{:>8}",
                kind, t.records, t.type_right, t.type_acc, t.gold_triples, t.triples_right
            )?;
        }
        writeln!(
            f,
            "{:<12}{:>8}{:>8}{:>10}",
            "actor codes", "gold", "right", "accuracy"
        )?;
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
