//! Event status and attribution against a hand-written test set
//! (`data/eval/status-attribution.jsonl`).
//!
//! Each line of the set is one short article (a sentence, or two or three for attribution that
//! carries across sentences) with its gold events:
//!
//! ```json
//! {"id":"s001","published":"2024-03-15","text":"...","covers":["status:planned","attr:reported"],
//!  "events":[{"trigger":"visit","type":"CONSULT","status":"planned",
//!             "attribution":[{"source":"Reuters","cue":"reported"}]}]}
//! ```
//!
//! `trigger` is a word or phrase of `text` that names the event; its first whole-word,
//! case-sensitive occurrence is meant, or occurrence `trigger_occurrence` (counted from 1).
//! `attribution` is the chain of sources, nearest first. `covers` tags what an item tests.
//!
//! Scoring: the pipeline runs on each item; each gold event is matched to the system event
//! (`Doc::events`) whose trigger overlaps the gold trigger most (else one of whose `evidence`
//! triggers does), each system event used once.
//! - `detected`: share of gold events matched.
//! - `status_acc`: share of all gold events given the gold status (an unmatched event is
//!   wrong); `status_acc_matched` over matched events; `per_status` by gold status.
//! - attribution, over matched events: micro precision, recall and F1 of (source, cue) pairs.
//!   A system link's source is the text of its span or the name or any mention of its entity;
//!   it matches a gold source when the words of one are all words of the other,
//!   case-insensitively (as `same_name` in `../shared/tools/check_record.py`). Cues match when
//!   equal after lowercasing. `source_*` is the same with cues ignored (informational).
//!   `chain_exact`: share of matched events whose whole chain equals the gold one, in order
//!   (two empty chains are equal).
//! - `type_acc`: share of matched events with the gold PLOVER type (informational).
//!
//! Extra system events are not penalised: the set measures status and attribution, not
//! detection precision.

mod set;

pub use set::{coverage, read, Coverage, GoldEvent, GoldSource, Item};

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;
use tidings_corpus::Error;
use tidings_doc::{Article, Doc, Event, EventStatus, Span};
use tidings_pipeline::Pipeline;

/// The scores.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StatusScores {
    pub items: usize,
    pub gold_events: usize,
    pub matched: usize,
    pub detected: f64,
    pub status_acc: f64,
    pub status_acc_matched: f64,
    pub per_status: BTreeMap<String, StatusCounts>,
    pub attr_gold: usize,
    pub attr_system: usize,
    pub attr_right: usize,
    pub attr_p: f64,
    pub attr_r: f64,
    pub attr_f1: f64,
    pub source_p: f64,
    pub source_r: f64,
    pub source_f1: f64,
    pub chain_exact: f64,
    pub type_acc: f64,
    /// Gold status → system status (`undetected` for unmatched events), with counts; only the
    /// pairs that differ.
    pub confusion: Vec<Confusion>,
}

/// Gold events of one status and how many the system got.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct StatusCounts {
    pub gold: usize,
    pub matched: usize,
    pub right: usize,
    /// `right / gold`.
    pub acc: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Confusion {
    pub gold: String,
    pub system: String,
    pub count: usize,
}

/// One gold event the system got wrong in status, chain or type, or did not detect.
#[derive(Debug, Clone)]
pub struct Miss {
    pub id: String,
    pub trigger: String,
    pub gold_status: EventStatus,
    pub gold_type: String,
    pub gold_chain: Vec<GoldSource>,
    /// `None` when no system event matched.
    pub system: Option<SystemView>,
}

/// What the system said about a matched event, as text.
#[derive(Debug, Clone)]
pub struct SystemView {
    pub trigger: String,
    pub status: EventStatus,
    pub kind: String,
    /// (source as written, cue) per link, nearest first.
    pub chain: Vec<GoldSource>,
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(sys) = &self.system else {
            return write!(
                f,
                "{} {:?}: gold {} {} [{}], not detected",
                self.id,
                self.trigger,
                status_name(self.gold_status),
                self.gold_type,
                chain_text(&self.gold_chain)
            );
        };
        write!(
            f,
            "{} {:?} (system {:?}):",
            self.id, self.trigger, sys.trigger
        )?;
        if sys.status != self.gold_status {
            write!(
                f,
                " status gold {} system {};",
                status_name(self.gold_status),
                status_name(sys.status)
            )?;
        }
        if !sys.kind.eq_ignore_ascii_case(&self.gold_type) {
            write!(f, " type gold {} system {};", self.gold_type, sys.kind)?;
        }
        write!(
            f,
            " chain gold [{}] system [{}]",
            chain_text(&self.gold_chain),
            chain_text(&sys.chain)
        )
    }
}

fn chain_text(chain: &[GoldSource]) -> String {
    chain
        .iter()
        .map(|l| format!("{} ({})", l.source, l.cue))
        .collect::<Vec<_>>()
        .join(" < ")
}

/// The record's spelling of a status.
pub fn status_name(s: EventStatus) -> &'static str {
    match s {
        EventStatus::Happened => "happened",
        EventStatus::Ongoing => "ongoing",
        EventStatus::Planned => "planned",
        EventStatus::Expected => "expected",
        EventStatus::Possible => "possible",
        EventStatus::Hypothetical => "hypothetical",
        EventStatus::Negated => "negated",
        EventStatus::Denied => "denied",
    }
}

/// Reads the test set at `path` and scores the pipeline on it.
pub fn evaluate(path: &Path, pipeline: &Pipeline) -> Result<StatusScores, Error> {
    Ok(score(&read(path)?, pipeline, |_| {}))
}

/// Scores the pipeline on `items`, calling `report` with each miss.
pub fn score(items: &[Item], pipeline: &Pipeline, mut report: impl FnMut(Miss)) -> StatusScores {
    let mut t = Tally::default();
    for item in items {
        let doc = pipeline.run(Article {
            id: item.id.clone(),
            text: item.text.clone(),
            published: item.published_date(),
            ..Article::default()
        });
        let mut taken = vec![false; doc.events.len()];
        for gold in &item.events {
            let (start, end) = item
                .trigger_bytes(gold)
                .expect("read() checked that every trigger occurs");
            let span = doc.span_of_bytes(start, end);
            let found = best_overlap(&doc.events, &taken, span);
            if let Some(i) = found {
                taken[i] = true;
            }
            let system = found.map(|i| &doc.events[i]);
            if let Some(miss) = t.add(&doc, gold, system) {
                report(Miss {
                    id: item.id.clone(),
                    trigger: gold.trigger.clone(),
                    gold_status: gold.status,
                    gold_type: gold.kind.clone(),
                    gold_chain: gold.attribution.clone(),
                    system: miss,
                });
            }
        }
    }
    t.scores(items.len())
}

/// The untaken system event whose trigger shares the most characters with `span`; else, as
/// one event may gather several mentions of a happening, the one with an evidence trigger that
/// does.
fn best_overlap(events: &[Event], taken: &[bool], span: Span) -> Option<usize> {
    let shared = |t: Span| t.end.min(span.end).saturating_sub(t.start.max(span.start));
    let best = |of: &dyn Fn(&Event) -> usize| {
        events
            .iter()
            .enumerate()
            .filter(|&(i, e)| !taken[i] && of(e) > 0)
            .max_by_key(|&(i, e)| (of(e), std::cmp::Reverse(i)))
            .map(|(i, _)| i)
    };
    best(&|e: &Event| shared(e.trigger)).or_else(|| {
        best(&|e: &Event| {
            e.evidence
                .iter()
                .map(|ev| shared(ev.trigger))
                .max()
                .unwrap_or(0)
        })
    })
}

#[derive(Default)]
struct Tally {
    gold: usize,
    matched: usize,
    status_right: usize,
    per_status: BTreeMap<String, StatusCounts>,
    confusion: BTreeMap<(String, String), usize>,
    attr_gold: usize,
    attr_system: usize,
    attr_right: usize,
    source_right: usize,
    chains_exact: usize,
    types_right: usize,
}

impl Tally {
    /// Counts one gold event. Returns `Some(view)` when it is a miss: `Some(None)` for an
    /// undetected event, `Some(Some(what the system said))` for a wrong one.
    fn add(
        &mut self,
        doc: &Doc,
        gold: &GoldEvent,
        system: Option<&Event>,
    ) -> Option<Option<SystemView>> {
        self.gold += 1;
        let gold_name = status_name(gold.status).to_string();
        let counts = self.per_status.entry(gold_name.clone()).or_default();
        counts.gold += 1;
        let Some(e) = system else {
            *self
                .confusion
                .entry((gold_name, "undetected".into()))
                .or_default() += 1;
            return Some(None);
        };
        self.matched += 1;
        counts.matched += 1;
        let status_right = e.status == gold.status;
        if status_right {
            self.status_right += 1;
            counts.right += 1;
        } else {
            let key = (gold_name, status_name(e.status).to_string());
            *self.confusion.entry(key).or_default() += 1;
        }
        let type_right = e.kind.eq_ignore_ascii_case(&gold.kind);
        self.types_right += type_right as usize;

        let links: Vec<SystemLink> = e
            .attribution
            .iter()
            .map(|a| SystemLink::new(doc, a))
            .collect();
        self.attr_gold += gold.attribution.len();
        self.attr_system += links.len();
        self.attr_right += pairs_matched(&gold.attribution, &links, true);
        self.source_right += pairs_matched(&gold.attribution, &links, false);
        let exact = gold.attribution.len() == links.len()
            && gold
                .attribution
                .iter()
                .zip(&links)
                .all(|(g, s)| s.matches(g, true));
        self.chains_exact += exact as usize;

        (!(status_right && exact && type_right)).then(|| {
            Some(SystemView {
                trigger: doc.slice(e.trigger).to_string(),
                status: e.status,
                kind: e.kind.clone(),
                chain: links
                    .iter()
                    .map(|l| GoldSource {
                        source: l.shown(),
                        cue: l.cue.clone(),
                    })
                    .collect(),
            })
        })
    }

    fn scores(self, items: usize) -> StatusScores {
        let (attr_p, attr_r, attr_f1) = prf(self.attr_right, self.attr_system, self.attr_gold);
        let (source_p, source_r, source_f1) =
            prf(self.source_right, self.attr_system, self.attr_gold);
        let mut per_status = self.per_status;
        for c in per_status.values_mut() {
            c.acc = ratio(c.right, c.gold);
        }
        StatusScores {
            items,
            gold_events: self.gold,
            matched: self.matched,
            detected: ratio(self.matched, self.gold),
            status_acc: ratio(self.status_right, self.gold),
            status_acc_matched: ratio(self.status_right, self.matched),
            per_status,
            attr_gold: self.attr_gold,
            attr_system: self.attr_system,
            attr_right: self.attr_right,
            attr_p,
            attr_r,
            attr_f1,
            source_p,
            source_r,
            source_f1,
            chain_exact: ratio(self.chains_exact, self.matched),
            type_acc: ratio(self.types_right, self.matched),
            confusion: self
                .confusion
                .into_iter()
                .map(|((gold, system), count)| Confusion {
                    gold,
                    system,
                    count,
                })
                .collect(),
        }
    }
}

/// A system attribution link as text: the span as written first, then its entity's names.
struct SystemLink {
    names: Vec<String>,
    cue: String,
}

impl SystemLink {
    fn new(doc: &Doc, a: &tidings_doc::Attribution) -> SystemLink {
        let mut names = vec![doc.slice(a.span).to_string()];
        if let Some(entity) = a.entity.and_then(|i| doc.entities.get(i)) {
            names.push(entity.name.clone());
            names.extend(entity.mentions.iter().map(|&m| doc.slice(m).to_string()));
        }
        SystemLink {
            names,
            cue: a.cue.clone(),
        }
    }

    /// The span as written, and the entity's name when it is another ("He = Maria Lopez").
    fn shown(&self) -> String {
        match self.names.get(1) {
            Some(name) if *name != self.names[0] => format!("{} = {}", self.names[0], name),
            _ => self.names[0].clone(),
        }
    }

    fn matches(&self, gold: &GoldSource, with_cue: bool) -> bool {
        (!with_cue || self.cue.to_lowercase() == gold.cue.to_lowercase())
            && self.names.iter().any(|n| same_name(n, &gold.source))
    }
}

/// How many gold links find a distinct matching system link (greedy, in chain order).
fn pairs_matched(gold: &[GoldSource], system: &[SystemLink], with_cue: bool) -> usize {
    let mut used = vec![false; system.len()];
    let mut right = 0;
    for g in gold {
        if let Some(i) = (0..system.len()).find(|&i| !used[i] && system[i].matches(g, with_cue)) {
            used[i] = true;
            right += 1;
        }
    }
    right
}

/// Every word of one name is a word of the other: "Reuters" and "Thomson Reuters", "the foreign
/// ministry" and "Foreign Ministry", but not "US" and "the Russian President".
pub fn same_name(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    !wa.is_empty() && !wb.is_empty() && (wa.is_subset(&wb) || wb.is_subset(&wa))
}

/// The words of a name, lower-cased, without dots or a possessive 's (as check_record.py's
/// `words`).
fn words(s: &str) -> BTreeSet<String> {
    let norm = s.to_lowercase().replace('\u{2019}', "'").replace('.', "");
    let in_word = |c: char| c.is_alphanumeric() || c == '_' || c == '\'' || c == '-';
    norm.split(|c: char| !in_word(c))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix('\''))
                .unwrap_or(w);
            w.to_string()
        })
        .collect()
}

fn prf(right: usize, system: usize, gold: usize) -> (f64, f64, f64) {
    let (p, r) = (ratio(right, system), ratio(right, gold));
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f1)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for StatusScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Status and attribution: {} items, {} gold events, {} matched (detected {:.4})",
            self.items, self.gold_events, self.matched, self.detected
        )?;
        writeln!(
            f,
            "{:<14}{:>6}{:>9}{:>7}{:>10}",
            "status", "gold", "matched", "right", "accuracy"
        )?;
        for (name, c) in &self.per_status {
            writeln!(
                f,
                "{:<14}{:>6}{:>9}{:>7}{:>10.4}",
                name, c.gold, c.matched, c.right, c.acc
            )?;
        }
        let right: usize = self.per_status.values().map(|c| c.right).sum();
        writeln!(
            f,
            "{:<14}{:>6}{:>9}{:>7}{:>10.4}",
            "all", self.gold_events, self.matched, right, self.status_acc
        )?;
        writeln!(
            f,
            "{:<34}{:>10.4}",
            "status accuracy (matched events)", self.status_acc_matched
        )?;
        writeln!(
            f,
            "attribution (source, cue) pairs: {} gold, {} system, {} right",
            self.attr_gold, self.attr_system, self.attr_right
        )?;
        writeln!(
            f,
            "{:<14}{:>10}{:>10}{:>10}",
            "", "precision", "recall", "F1"
        )?;
        writeln!(
            f,
            "{:<14}{:>10.4}{:>10.4}{:>10.4}",
            "source+cue", self.attr_p, self.attr_r, self.attr_f1
        )?;
        writeln!(
            f,
            "{:<14}{:>10.4}{:>10.4}{:>10.4}",
            "source only", self.source_p, self.source_r, self.source_f1
        )?;
        writeln!(
            f,
            "{:<34}{:>10.4}",
            "chains exact (matched events)", self.chain_exact
        )?;
        writeln!(
            f,
            "{:<34}{:>10.4}",
            "type accuracy (matched events)", self.type_acc
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_when_one_holds_every_word_of_the_other() {
        assert!(same_name("the foreign ministry", "Foreign Ministry"));
        assert!(same_name(
            "Kazakhstan's foreign ministry",
            "foreign ministry"
        ));
        assert!(same_name("a senior U.S. official", "US official"));
        assert!(!same_name("US", "the Russian President"));
        assert!(!same_name("", "Reuters"));
    }

    #[test]
    fn triggers_are_whole_words_counted_from_one() {
        let item = Item {
            id: "t".into(),
            published: None,
            text: "The meeting will meet, and they meet again.".into(),
            events: vec![],
            covers: vec![],
        };
        let event = |occurrence| GoldEvent {
            trigger: "meet".into(),
            trigger_occurrence: occurrence,
            kind: "CONSULT".into(),
            status: EventStatus::Planned,
            attribution: vec![],
        };
        assert_eq!(item.trigger_bytes(&event(None)), Some((17, 21)));
        assert_eq!(item.trigger_bytes(&event(Some(2))), Some((32, 36)));
        assert_eq!(item.trigger_bytes(&event(Some(3))), None);
    }

    #[test]
    fn pairs_count_once_and_need_the_cue_unless_told_otherwise() {
        let gold = vec![
            GoldSource {
                source: "Zakharova".into(),
                cue: "confirmed".into(),
            },
            GoldSource {
                source: "Interfax".into(),
                cue: "reported".into(),
            },
        ];
        let system = vec![
            SystemLink {
                names: vec!["ministry spokeswoman".into(), "Maria Zakharova".into()],
                cue: "said".into(),
            },
            SystemLink {
                names: vec!["Interfax".into()],
                cue: "Reported".into(),
            },
        ];
        assert_eq!(pairs_matched(&gold, &system, true), 1);
        assert_eq!(pairs_matched(&gold, &system, false), 2);
        assert_eq!(prf(1, 2, 2), (0.5, 0.5, 0.5));
    }
}
