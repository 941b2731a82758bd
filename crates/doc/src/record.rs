//! The `tidings/1` record format: the contract with users.
//!
//! Fields may be added; none is ever renamed or dropped. Offsets are character offsets into
//! `article.text`, half-open. An unknown value is `null`, never a guess.

use crate::annotation::{EventStatus, Geo, TimexMod, TimexType};
use crate::{Doc, Published, Span};
use serde::{Deserialize, Serialize};

/// The format tag every record carries.
pub const FORMAT: &str = "tidings/1";

/// One article's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub format: String,
    pub article: ArticleRecord,
    pub sentences: Vec<SpanRecord>,
    pub times: Vec<TimeRecord>,
    pub entities: Vec<EntityRecord>,
    pub events: Vec<EventRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Published>,
    pub title: Option<String>,
    /// The article text, so that every offset in the record can be checked against it.
    pub text: String,
    /// Source fields that Tidings does not interpret, kept as they came.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRecord {
    pub start: usize,
    pub end: usize,
}

impl From<Span> for SpanRecord {
    fn from(s: Span) -> SpanRecord {
        SpanRecord {
            start: s.start,
            end: s.end,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRecord {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: String,
    #[serde(rename = "mod")]
    pub modifier: Option<TimexMod>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub freq: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub quant: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub role: Option<String>,
    pub kb_id: Option<String>,
    /// The CAMEO actor code (`RUSGOV`), for users of GDELT-style data.
    #[serde(default)]
    pub code: Option<String>,
    pub geo: Option<Geo>,
    pub mentions: Vec<MentionRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributionRecord {
    /// The source entity's id, where the source is a known entity.
    pub entity: Option<String>,
    pub text: String,
    pub cue: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub trigger: MentionRecord,
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
    pub location: Option<String>,
    pub time: Option<String>,
    pub date: Option<String>,
    pub status: EventStatus,
    pub attribution: Vec<AttributionRecord>,
    pub quote: Option<String>,
    pub sentence: usize,
    pub confidence: f32,
    /// Every sentence that tells of the event, with the words that name it there.
    #[serde(default)]
    pub evidence: Vec<EvidenceRecord>,
    /// Direct quotes that belong to the event, with their speaker.
    #[serde(default)]
    pub quotes: Vec<QuoteRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRecord {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// The trigger words.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The speaker's entity id, where known.
    pub speaker: Option<String>,
}

fn time_id(i: usize) -> String {
    format!("T{}", i + 1)
}

fn entity_id(i: usize) -> String {
    format!("E{}", i + 1)
}

impl Record {
    /// Serializes a Doc. Layers that did not run come out as empty arrays.
    pub fn from_doc(doc: &Doc) -> Record {
        let a = doc.article();
        let mention = |span: Span| MentionRecord {
            start: span.start,
            end: span.end,
            text: doc.slice(span).to_string(),
        };
        Record {
            format: FORMAT.to_string(),
            article: ArticleRecord {
                id: a.id.clone(),
                url: a.url.clone(),
                outlet: a.outlet.clone(),
                published: a.published,
                title: a.title.clone(),
                text: a.text.clone(),
                extra: a.extra.clone(),
            },
            sentences: doc.sentences.iter().map(|s| s.span.into()).collect(),
            times: doc
                .times
                .iter()
                .enumerate()
                .map(|(i, t)| TimeRecord {
                    id: time_id(i),
                    start: t.span.start,
                    end: t.span.end,
                    text: doc.slice(t.span).to_string(),
                    kind: t.kind,
                    value: t.value.clone(),
                    modifier: t.modifier,
                    freq: t.freq.clone(),
                    quant: t.quant.clone(),
                })
                .collect(),
            entities: doc
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| EntityRecord {
                    id: entity_id(i),
                    name: e.name.clone(),
                    kind: e.kind.as_str().to_string(),
                    country: e.country.clone(),
                    sector: e.sector.clone(),
                    role: e.role.clone(),
                    kb_id: e.kb_id.clone(),
                    code: e.code.clone(),
                    geo: e.geo.clone(),
                    mentions: e.mentions.iter().map(|&span| mention(span)).collect(),
                })
                .collect(),
            events: doc
                .events
                .iter()
                .enumerate()
                .map(|(i, v)| EventRecord {
                    id: format!("V{}", i + 1),
                    kind: v.kind.clone(),
                    mode: v.mode.clone(),
                    cameo: v.cameo.clone(),
                    trigger: mention(v.trigger),
                    actors: v.actors.iter().map(|&e| entity_id(e)).collect(),
                    recipients: v.recipients.iter().map(|&e| entity_id(e)).collect(),
                    location: v.location.map(entity_id),
                    time: v.time.map(time_id),
                    date: v.date.clone(),
                    status: v.status,
                    attribution: v
                        .attribution
                        .iter()
                        .map(|at| AttributionRecord {
                            entity: at.entity.map(entity_id),
                            text: doc.slice(at.span).to_string(),
                            cue: at.cue.clone(),
                            start: at.span.start,
                            end: at.span.end,
                        })
                        .collect(),
                    quote: v.quote.clone(),
                    sentence: v.sentence,
                    confidence: v.confidence,
                    evidence: v
                        .evidence
                        .iter()
                        .map(|e| EvidenceRecord {
                            sentence: e.sentence,
                            start: e.trigger.start,
                            end: e.trigger.end,
                            text: doc.slice(e.trigger).to_string(),
                        })
                        .collect(),
                    quotes: v
                        .quotes
                        .iter()
                        .map(|q| QuoteRecord {
                            start: q.span.start,
                            end: q.span.end,
                            text: doc.slice(q.span).to_string(),
                            speaker: q.speaker.map(entity_id),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Timex};

    #[test]
    fn times_carry_text_and_character_offsets() {
        let text = "Zoë’s visit on Thursday.";
        let mut doc = Doc::new(Article {
            id: "x".into(),
            text: text.into(),
            ..Article::default()
        });
        doc.times.push(Timex {
            span: Span::new(15, 23),
            kind: TimexType::Date,
            value: "2019-04-25".into(),
            modifier: None,
            freq: None,
            quant: None,
        });
        let json = serde_json::to_value(Record::from_doc(&doc)).unwrap();
        let t = &json["times"][0];
        assert_eq!(t["id"], "T1");
        assert_eq!(t["text"], "Thursday");
        assert_eq!(t["type"], "DATE");
        assert_eq!(t["mod"], serde_json::Value::Null);
        assert_eq!(json["entities"], serde_json::json!([]));
        assert_eq!(json["article"]["published"], serde_json::Value::Null);
    }
}
