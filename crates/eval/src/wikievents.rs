//! Event detection and typing on whole news articles, against WikiEvents' KAIROS event mentions.
//!
//! PLOVER's gold records are single sentences that each hold an event, so they cannot show
//! events coded where an article has none (a coder that reads "I think" as a consultation). The
//! WikiEvents articles (mostly bombings, attacks, arrests and trials) are annotated for every
//! mention of the KAIROS types, so the PLOVER types that have KAIROS counterparts can be scored
//! both ways over running news text.
//!
//! Each article runs through the pipeline (its sentences one per line, see
//! [`tidings_corpus::wikievents`]). Every evidence mention of every system event is one system
//! mention, at its trigger. Types correspond by [`CORRESPONDENCES`]:
//!
//! - **recall**: each gold mention of a type with a PLOVER counterpart (`Conflict.Attack` →
//!   ASSAULT, ...) is found when a system mention of that PLOVER type overlaps its trigger;
//! - **precision**: each system mention of a scored PLOVER type (one that some correspondence
//!   names) is right when it overlaps a gold mention of a corresponding type, where the
//!   looser correspondences count too (a system ASSAULT on a `Life.Die` trigger: "killed").
//!
//! Triggers match by overlap rather than exact extent, since the two annotations cut
//! multi-word triggers differently ("failed assassination attempt" against "attempt"). Mentions
//! of the other PLOVER types (AGREE, SUPPORT, ...) are counted but not scored.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use tidings_corpus::wikievents::{self, Document};
use tidings_doc::{Article, Record};
use tidings_pipeline::Pipeline;

/// How strongly a KAIROS type (by prefix) corresponds to a PLOVER type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Correspondence {
    /// The same kind of happening: the gold mention should be found as this PLOVER type.
    Same,
    /// A mention this PLOVER type may rightly be coded on, though the gold type is another
    /// kind (a killing in an attack, a conviction as coercion): it counts for precision only.
    Accepted,
}

/// KAIROS type prefixes and the PLOVER types they correspond to. The first `Same` entry whose
/// prefix a gold type starts with gives its PLOVER type for recall.
pub const CORRESPONDENCES: &[(&str, &str, Correspondence)] = &[
    ("Conflict.Attack", "ASSAULT", Correspondence::Same),
    ("Conflict.Demonstrate", "PROTEST", Correspondence::Same),
    ("Contact.Contact.Meet", "CONSULT", Correspondence::Same),
    ("Contact.ThreatenCoerce", "THREATEN", Correspondence::Same),
    ("Contact.RequestCommand", "REQUEST", Correspondence::Same),
    ("Justice.ArrestJailDetain", "COERCE", Correspondence::Same),
    ("Justice.InvestigateCrime", "ACCUSE", Correspondence::Same),
    ("Justice.ChargeIndict", "ACCUSE", Correspondence::Same),
    ("Life.Die", "ASSAULT", Correspondence::Accepted),
    ("Life.Injure", "ASSAULT", Correspondence::Accepted),
    ("ArtifactExistence.DamageDestroyDisableDismantle", "ASSAULT", Correspondence::Accepted),
    ("Contact.Contact", "CONSULT", Correspondence::Accepted),
    ("Contact.ThreatenCoerce", "COERCE", Correspondence::Accepted),
    ("Control.ImpedeInterfereWith", "COERCE", Correspondence::Accepted),
    ("Control.ImpedeInterfereWith", "PROTEST", Correspondence::Accepted),
    ("Justice.Convict", "ACCUSE", Correspondence::Accepted),
    ("Justice.TrialHearing", "ACCUSE", Correspondence::Accepted),
    ("Justice.Sentence", "COERCE", Correspondence::Accepted),
    ("Justice.ChargeIndict", "COERCE", Correspondence::Accepted),
];

/// The PLOVER type a gold KAIROS type should be found as, if any.
pub fn plover_type(kairos: &str) -> Option<&'static str> {
    CORRESPONDENCES
        .iter()
        .find(|(prefix, _, c)| *c == Correspondence::Same && kairos.starts_with(prefix))
        .map(|&(_, plover, _)| plover)
}

/// Whether a system mention of PLOVER type `plover` is right on a gold mention of `kairos`.
pub fn corresponds(kairos: &str, plover: &str) -> bool {
    CORRESPONDENCES.iter().any(|(prefix, p, _)| *p == plover && kairos.starts_with(prefix))
}

/// Whether mentions of `plover` are scored at all.
pub fn is_scored(plover: &str) -> bool {
    CORRESPONDENCES.iter().any(|(_, p, _)| *p == plover)
}

/// Counts of one PLOVER type.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct TypeCounts {
    /// Gold mentions that should be found as this type, and those found.
    pub gold: usize,
    pub found: usize,
    /// System mentions of this type, and those right.
    pub system: usize,
    pub right: usize,
}

/// The scores.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WikiEventsScores {
    pub documents: usize,
    pub gold_mentions: usize,
    pub system_mentions: usize,
    /// System mentions of types with no KAIROS counterpart (not scored).
    pub unscored_mentions: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub per_type: BTreeMap<String, TypeCounts>,
}

impl fmt::Display for WikiEventsScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "WikiEvents: {} articles, {} gold mentions of mapped types, {} system mentions scored ({} of other types not scored)",
            self.documents, self.gold_mentions, self.system_mentions, self.unscored_mentions
        )?;
        writeln!(f, "precision {:.4}  recall {:.4}  F1 {:.4}", self.precision, self.recall, self.f1)?;
        writeln!(f, "{:<10} {:>6} {:>6} {:>7} {:>6} {:>7} {:>7}", "type", "gold", "found", "recall", "system", "right", "prec")?;
        for (t, c) in &self.per_type {
            writeln!(
                f,
                "{:<10} {:>6} {:>6} {:>7.4} {:>6} {:>7} {:>7.4}",
                t,
                c.gold,
                c.found,
                ratio(c.found, c.gold),
                c.system,
                c.right,
                ratio(c.right, c.system)
            )?;
        }
        Ok(())
    }
}

/// One scoring error, for `--errors`.
#[derive(Debug, Clone)]
pub enum Miss {
    /// A gold mention no system mention of its PLOVER type overlaps; `coded` lists the types
    /// of the system mentions that do overlap it.
    NotFound { document: String, kairos: String, trigger: String, sentence: String, coded: Vec<String> },
    /// A system mention that overlaps no gold mention of a corresponding type.
    Wrong { document: String, plover: String, trigger: String, sentence: String, gold: Vec<String> },
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Miss::NotFound { document, kairos, trigger, sentence, coded } => write!(
                f,
                "{document} missed {kairos} {trigger:?} (coded there: {}) in {sentence:?}",
                list(coded)
            ),
            Miss::Wrong { document, plover, trigger, sentence, gold } => write!(
                f,
                "{document} extra {plover} {trigger:?} (gold there: {}) in {sentence:?}",
                list(gold)
            ),
        }
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "nothing".into()
    } else {
        items.join(", ")
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A system mention: PLOVER type and trigger characters.
struct SystemMention {
    plover: String,
    start: usize,
    end: usize,
    trigger: String,
}

fn system_mentions(record: &Record) -> Vec<SystemMention> {
    let mut out = Vec::new();
    for e in &record.events {
        for ev in &e.evidence {
            out.push(SystemMention {
                plover: e.kind.clone(),
                start: ev.start,
                end: ev.end,
                trigger: ev.text.clone(),
            });
        }
    }
    out
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The line of `text` around character `at` (the document has one sentence per line).
fn sentence_at(text: &str, at: usize) -> String {
    text.split('\n')
        .scan(0, |start, line| {
            let s = *start;
            *start += line.chars().count() + 1;
            Some((s, line))
        })
        .take_while(|&(s, _)| s <= at)
        .last()
        .map_or(String::new(), |(_, line)| line.to_string())
}

/// Counts of one document, added into `counts`; misses go to `report`.
fn score_document(
    doc: &Document,
    record: &Record,
    counts: &mut BTreeMap<String, TypeCounts>,
    unscored: &mut usize,
    report: &mut impl FnMut(Miss),
) {
    let system = system_mentions(record);
    for m in &system {
        if !is_scored(&m.plover) {
            *unscored += 1;
            continue;
        }
        let gold: Vec<&str> = doc
            .events
            .iter()
            .filter(|g| overlaps((g.start, g.end), (m.start, m.end)))
            .map(|g| g.event_type.as_str())
            .collect();
        let c = counts.entry(m.plover.clone()).or_default();
        c.system += 1;
        if gold.iter().any(|k| corresponds(k, &m.plover)) {
            c.right += 1;
        } else {
            report(Miss::Wrong {
                document: doc.id.clone(),
                plover: m.plover.clone(),
                trigger: m.trigger.clone(),
                sentence: sentence_at(&doc.text, m.start),
                gold: gold.iter().map(|k| k.to_string()).collect(),
            });
        }
    }
    for g in &doc.events {
        let Some(plover) = plover_type(&g.event_type) else {
            continue;
        };
        let c = counts.entry(plover.to_string()).or_default();
        c.gold += 1;
        let over: Vec<&SystemMention> =
            system.iter().filter(|m| overlaps((g.start, g.end), (m.start, m.end))).collect();
        if over.iter().any(|m| m.plover == plover) {
            c.found += 1;
        } else {
            report(Miss::NotFound {
                document: doc.id.clone(),
                kairos: g.event_type.clone(),
                trigger: g.trigger.clone(),
                sentence: sentence_at(&doc.text, g.start),
                coded: over.iter().map(|m| m.plover.clone()).collect(),
            });
        }
    }
}

/// Runs the pipeline on every article of the WikiEvents file `path` and scores its events.
pub fn evaluate(
    path: &Path,
    pipeline: &Pipeline,
    mut report: impl FnMut(Miss),
) -> Result<WikiEventsScores, tidings_corpus::Error> {
    let docs = wikievents::read(path)?;
    let mut counts: BTreeMap<String, TypeCounts> = BTreeMap::new();
    let mut unscored = 0;
    for doc in &docs {
        let annotated = pipeline.run(Article {
            id: doc.id.clone(),
            text: doc.text.clone(),
            ..Article::default()
        });
        let record = Record::from_doc(&annotated);
        score_document(doc, &record, &mut counts, &mut unscored, &mut report);
    }
    Ok(scores(docs.len(), counts, unscored))
}

fn scores(documents: usize, per_type: BTreeMap<String, TypeCounts>, unscored: usize) -> WikiEventsScores {
    let sum = |f: fn(&TypeCounts) -> usize| per_type.values().map(f).sum::<usize>();
    let (gold, found, system, right) = (sum(|c| c.gold), sum(|c| c.found), sum(|c| c.system), sum(|c| c.right));
    let (precision, recall) = (ratio(right, system), ratio(found, gold));
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    WikiEventsScores {
        documents,
        gold_mentions: gold,
        system_mentions: system,
        unscored_mentions: unscored,
        precision,
        recall,
        f1,
        per_type,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tidings_corpus::wikievents::EventMention;

    #[test]
    fn correspondences() {
        assert_eq!(plover_type("Conflict.Attack.DetonateExplode"), Some("ASSAULT"));
        assert_eq!(plover_type("Life.Die.Unspecified"), None);
        assert_eq!(plover_type("Contact.Contact.Broadcast"), None);
        assert!(corresponds("Life.Die.Unspecified", "ASSAULT"));
        assert!(corresponds("Contact.ThreatenCoerce.Unspecified", "THREATEN"));
        assert!(!corresponds("Contact.Contact.Unspecified", "ASSAULT"));
        assert!(is_scored("CONSULT") && !is_scored("AGREE"));
    }

    fn mention(kairos: &str, start: usize, end: usize) -> EventMention {
        EventMention { event_type: kairos.into(), start, end, trigger: String::new() }
    }

    #[test]
    fn mentions_score_by_overlap_and_correspondence() {
        let text = "A bomb exploded and killed two.\nPolice think it was planned.";
        let doc = Document {
            id: "d".into(),
            text: text.into(),
            events: vec![mention("Conflict.Attack.DetonateExplode", 7, 15), mention("Life.Die.Unspecified", 20, 26)],
        };
        let record: Record = serde_json::from_value(serde_json::json!({
            "format": "tidings/1",
            "article": {"id": "d", "url": null, "outlet": null, "published": null, "title": null, "text": ""},
            "sentences": [], "times": [], "entities": [],
            "events": [
                {"id": "V1", "type": "ASSAULT", "cameo": "190", "trigger": {"start": 20, "end": 26, "text": "killed"},
                 "actors": [], "recipients": [], "status": "happened", "attribution": [], "sentence": 0, "confidence": 0.5,
                 "evidence": [{"sentence": 0, "start": 20, "end": 26, "text": "killed"}]},
                {"id": "V2", "type": "CONSULT", "cameo": "040", "trigger": {"start": 39, "end": 44, "text": "think"},
                 "actors": [], "recipients": [], "status": "happened", "attribution": [], "sentence": 1, "confidence": 0.5,
                 "evidence": [{"sentence": 1, "start": 39, "end": 44, "text": "think"}]},
                {"id": "V3", "type": "AGREE", "cameo": "030", "trigger": {"start": 52, "end": 59, "text": "planned"},
                 "actors": [], "recipients": [], "status": "happened", "attribution": [], "sentence": 1, "confidence": 0.5,
                 "evidence": [{"sentence": 1, "start": 52, "end": 59, "text": "planned"}]}
            ]
        }))
        .expect("a record");
        let mut counts = BTreeMap::new();
        let mut unscored = 0;
        let mut misses = Vec::new();
        score_document(&doc, &record, &mut counts, &mut unscored, &mut |m| misses.push(m.to_string()));
        let s = scores(1, counts, unscored);
        // "killed" is right (a death in the attack) but does not find the attack "exploded".
        assert_eq!((s.system_mentions, s.gold_mentions, s.unscored_mentions), (2, 1, 1));
        assert_eq!((s.per_type["ASSAULT"].right, s.per_type["ASSAULT"].found), (1, 0));
        assert_eq!(s.per_type["CONSULT"].right, 0);
        assert_eq!((s.precision, s.recall), (0.5, 0.0));
        assert_eq!(misses.len(), 2, "{misses:?}");
        assert!(misses.iter().any(|m| m.contains("extra CONSULT \"think\"") && m.contains("Police think")));
    }

    #[test]
    fn sentence_lookup() {
        assert_eq!(sentence_at("ab\ncd\nef", 4), "cd");
        assert_eq!(sentence_at("ab\ncd\nef", 0), "ab");
        assert_eq!(sentence_at("ab\ncd\nef", 6), "ef");
    }
}
