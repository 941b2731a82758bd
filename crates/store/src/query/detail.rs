//! One fused event with what supports it: members, sources, evidence sentences, status history.
//!
//! Evidence is rebuilt from each member's stored record (the contract), so every highlight is a
//! span the record itself gives: the trigger words, the mentions of the parties and the place,
//! the time expression and the sources, each moved into its sentence.

use super::rows::{event_rows, EventRow};
use super::Where;
use crate::error::At;
use crate::{Store, StoreError};
use serde::Serialize;
use std::collections::HashMap;
use tidings_doc::{OffsetMap, Record};

/// An article that tells of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleRef {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
}

/// One link of a chain of sources ("X said, according to Y"), nearest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub rank: usize,
    /// The words naming the source.
    pub text: String,
    /// The verb or phrase of saying (`said`, `according to`).
    pub cue: String,
    /// The source entity's name, where it is a known entity.
    pub entity: Option<String>,
    /// Character offsets into the article.
    pub start: usize,
    pub end: usize,
}

/// A span of an evidence sentence worth showing: what `role` it plays in the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// `trigger`, `actor`, `recipient`, `place`, `time` or `source`.
    pub role: &'static str,
    /// Character offsets into the sentence's `text`.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A sentence that tells of an event mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceSentence {
    /// The sentence's index in the article.
    pub sentence: usize,
    /// Character offset of the sentence in the article.
    pub start: usize,
    pub text: String,
    /// By start, longer first.
    pub highlights: Vec<Highlight>,
}

/// One event of one article's record, fused into the event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionDetail {
    pub article: ArticleRef,
    /// The event's id in the record (`V1`, ...) and its index in the record's events.
    pub event_id: String,
    pub event_index: usize,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub status: String,
    pub confidence: f64,
    /// The normalized date the article gives the event.
    pub date: Option<String>,
    pub quote: Option<String>,
    /// Trigger words, character offsets into the article.
    pub trigger: Highlight,
    /// Names of the parties as this article names them.
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
    pub place: Option<String>,
    /// The chain of sources, nearest first.
    pub sources: Vec<Source>,
    pub evidence: Vec<EvidenceSentence>,
}

/// A change in the status an event was reported with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    pub status: String,
    /// When the article reporting it was published.
    pub seen: Option<String>,
    pub article: String,
    pub outlet: Option<String>,
    pub sentence: usize,
    /// That sentence's text.
    pub evidence: String,
}

/// A fused event with everything that supports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventDetail {
    pub event: EventRow,
    /// Members by publication, then article, then order in the article.
    pub mentions: Vec<MentionDetail>,
    pub status_history: Vec<StatusChange>,
    /// The articles telling of it, in the order of `mentions`, each once.
    pub articles: Vec<ArticleRef>,
    /// Distinct outlet names, sorted.
    pub outlets: Vec<String>,
}

pub(super) fn event(store: &Store, id: i64) -> Result<Option<EventDetail>, StoreError> {
    let mut w = Where::new();
    w.push("e.id = ?", [rusqlite::types::Value::Integer(id)]);
    let Some(event) = event_rows(store, &w, 1, 0)?.into_iter().next() else {
        return Ok(None);
    };
    struct Member {
        article: ArticleRef,
        event_index: usize,
        status: String,
        record: String,
    }
    let members: Vec<Member> = store
        .conn
        .prepare(
            "SELECT a.id, a.url, a.title, o.name, a.published, em.event_index, em.status, a.record
             FROM event_mentions em JOIN articles a ON a.seq = em.article
             LEFT JOIN outlets o ON o.id = a.outlet
             WHERE em.event = ?1
             ORDER BY a.published IS NULL, a.published, a.seq, em.event_index",
        )
        .at(&store.path)?
        .query_map([id], |r| {
            Ok(Member {
                article: ArticleRef {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    title: r.get(2)?,
                    outlet: r.get(3)?,
                    published: r.get(4)?,
                },
                event_index: r.get::<_, i64>(5)? as usize,
                status: r.get(6)?,
                record: r.get(7)?,
            })
        })
        .at(&store.path)?
        .collect::<Result<Vec<_>, _>>()
        .at(&store.path)?;

    let mut records: HashMap<String, Record> = HashMap::new();
    let mut mentions = Vec::with_capacity(members.len());
    let mut articles: Vec<ArticleRef> = Vec::new();
    for m in members {
        if !records.contains_key(&m.article.id) {
            let record: Record =
                serde_json::from_str(&m.record).map_err(|source| StoreError::Record {
                    path: store.path.clone(),
                    article: m.article.id.clone(),
                    source,
                })?;
            records.insert(m.article.id.clone(), record);
            articles.push(m.article.clone());
        }
        let record = &records[&m.article.id];
        if let Some(mention) = mention(record, m.event_index, m.article, m.status) {
            mentions.push(mention);
        }
    }
    let mut outlets: Vec<String> = articles.iter().filter_map(|a| a.outlet.clone()).collect();
    outlets.sort();
    outlets.dedup();

    let status_history = store
        .conn
        .prepare(
            "SELECT sh.status, sh.seen, a.id, o.name, sh.sentence, sh.evidence
             FROM status_history sh JOIN articles a ON a.seq = sh.article
             LEFT JOIN outlets o ON o.id = a.outlet
             WHERE sh.event = ?1 ORDER BY sh.id",
        )
        .at(&store.path)?
        .query_map([id], |r| {
            Ok(StatusChange {
                status: r.get(0)?,
                seen: r.get(1)?,
                article: r.get(2)?,
                outlet: r.get(3)?,
                sentence: r.get::<_, i64>(4)? as usize,
                evidence: r.get(5)?,
            })
        })
        .at(&store.path)?
        .collect::<Result<Vec<_>, _>>()
        .at(&store.path)?;

    Ok(Some(EventDetail {
        event,
        mentions,
        status_history,
        articles,
        outlets,
    }))
}

/// The event `index` of `record` as a member, with its evidence rebuilt from the record.
/// `None` if the record has no such event (it would fail the store's consistency check).
fn mention(
    record: &Record,
    index: usize,
    article: ArticleRef,
    status: String,
) -> Option<MentionDetail> {
    let ev = record.events.get(index)?;
    let text = &record.article.text;
    let offsets = OffsetMap::new(text);
    let entity = |id: &String| record.entities.iter().find(|e| &e.id == id);
    let names = |ids: &[String]| -> Vec<String> {
        ids.iter().filter_map(entity).map(|e| e.name.clone()).collect()
    };

    // Spans of the article (character offsets) with their roles.
    let mut spans: Vec<(&'static str, usize, usize)> = Vec::new();
    spans.push(("trigger", ev.trigger.start, ev.trigger.end));
    spans.extend(ev.evidence.iter().map(|e| ("trigger", e.start, e.end)));
    for (role, ids) in [("actor", &ev.actors), ("recipient", &ev.recipients)] {
        for e in ids.iter().filter_map(entity) {
            spans.extend(e.mentions.iter().map(|m| (role, m.start, m.end)));
        }
    }
    if let Some(place) = ev.location.as_ref().and_then(entity) {
        spans.extend(place.mentions.iter().map(|m| ("place", m.start, m.end)));
    }
    if let Some(t) = ev.time.as_ref().and_then(|id| record.times.iter().find(|t| &t.id == id)) {
        spans.push(("time", t.start, t.end));
    }
    spans.extend(ev.attribution.iter().map(|a| ("source", a.start, a.end)));

    let mut sentences: Vec<usize> = ev.evidence.iter().map(|e| e.sentence).collect();
    if sentences.is_empty() {
        sentences.push(ev.sentence);
    }
    sentences.sort_unstable();
    sentences.dedup();
    let slice = |start: usize, end: usize| -> String {
        text[offsets.byte_of_char(start)..offsets.byte_of_char(end)].to_string()
    };
    let evidence = sentences
        .into_iter()
        .filter_map(|i| {
            let s = record.sentences.get(i)?;
            let mut highlights: Vec<Highlight> = spans
                .iter()
                .filter(|&&(_, start, end)| start >= s.start && end <= s.end && start < end)
                .map(|&(role, start, end)| Highlight {
                    role,
                    start: start - s.start,
                    end: end - s.start,
                    text: slice(start, end),
                })
                .collect();
            highlights.sort_by(|a, b| {
                (a.start, std::cmp::Reverse(a.end), a.role).cmp(&(b.start, std::cmp::Reverse(b.end), b.role))
            });
            highlights.dedup();
            Some(EvidenceSentence {
                sentence: i,
                start: s.start,
                text: slice(s.start, s.end),
                highlights,
            })
        })
        .collect();

    let sources = ev
        .attribution
        .iter()
        .enumerate()
        .map(|(rank, a)| Source {
            rank,
            text: a.text.clone(),
            cue: a.cue.clone(),
            entity: a.entity.as_ref().and_then(entity).map(|e| e.name.clone()),
            start: a.start,
            end: a.end,
        })
        .collect();

    Some(MentionDetail {
        article,
        event_id: ev.id.clone(),
        event_index: index,
        kind: ev.kind.clone(),
        mode: ev.mode.clone(),
        cameo: ev.cameo.clone(),
        status,
        confidence: ev.confidence as f64,
        date: ev.date.clone(),
        quote: ev.quote.clone(),
        trigger: Highlight {
            role: "trigger",
            start: ev.trigger.start,
            end: ev.trigger.end,
            text: ev.trigger.text.clone(),
        },
        actors: names(&ev.actors),
        recipients: names(&ev.recipients),
        place: ev.location.as_ref().and_then(entity).map(|e| e.name.clone()),
        sources,
        evidence,
    })
}
