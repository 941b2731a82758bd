//! The test set: items, their gold events, reading and checking the file, and coverage.

use super::status_name;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use tidings_corpus::Error;
use tidings_doc::{EventStatus, Published};

/// One test article and its gold events.
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    pub id: String,
    #[serde(default)]
    pub published: Option<String>,
    pub text: String,
    pub events: Vec<GoldEvent>,
    /// What the item tests: `status:planned`, `attr:according-to`, `attr:cross-sentence`, ...
    #[serde(default)]
    pub covers: Vec<String>,
}

/// A gold event.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    pub trigger: String,
    /// Which whole-word occurrence of `trigger` is meant, counted from 1 (default 1).
    #[serde(default)]
    pub trigger_occurrence: Option<usize>,
    /// The PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    pub status: EventStatus,
    /// Nearest source first.
    #[serde(default)]
    pub attribution: Vec<GoldSource>,
}

/// One gold link of an attribution chain.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct GoldSource {
    pub source: String,
    pub cue: String,
}

impl Item {
    /// The byte range of `event`'s trigger in the text, `None` when it does not occur there.
    pub fn trigger_bytes(&self, event: &GoldEvent) -> Option<(usize, usize)> {
        let nth = event.trigger_occurrence.unwrap_or(1).max(1);
        whole_word_occurrences(&self.text, &event.trigger)
            .nth(nth - 1)
            .map(|at| (at, at + event.trigger.len()))
    }

    /// The publication date, when given (`read` checked that it parses).
    pub fn published_date(&self) -> Option<Published> {
        self.published.as_deref().and_then(|d| d.parse().ok())
    }
}

/// Byte offsets where `word` occurs with no word character just before or after it.
fn whole_word_occurrences<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| {
            !word.is_empty()
                && !text[..at].chars().next_back().is_some_and(is_word)
                && !text[at + word.len()..].chars().next().is_some_and(is_word)
        })
}

/// Reads the test set. A line that is not an item, a bad date, a repeated id or a trigger that
/// does not occur in its text is an error naming the line.
pub fn read(path: &Path) -> Result<Vec<Item>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let malformed = |line: usize, message: String| Error::Malformed {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut items = Vec::new();
    let mut ids = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: Item = serde_json::from_str(line).map_err(|e| malformed(i + 1, e.to_string()))?;
        if let Some(d) = &item.published {
            d.parse::<Published>()
                .map_err(|e| malformed(i + 1, e.to_string()))?;
        }
        if !ids.insert(item.id.clone()) {
            return Err(malformed(i + 1, format!("id {} occurs twice", item.id)));
        }
        for e in &item.events {
            if item.trigger_bytes(e).is_none() {
                return Err(malformed(
                    i + 1,
                    format!(
                        "{}: trigger {:?} (occurrence {}) is not a whole word of the text",
                        item.id,
                        e.trigger,
                        e.trigger_occurrence.unwrap_or(1)
                    ),
                ));
            }
        }
        items.push(item);
    }
    if items.is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
            what: "no items".into(),
        });
    }
    Ok(items)
}

/// What a test set covers: gold events per status, items per `covers` tag.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Coverage {
    pub items: usize,
    pub events: usize,
    pub per_status: BTreeMap<String, usize>,
    pub covers: BTreeMap<String, usize>,
}

pub fn coverage(items: &[Item]) -> Coverage {
    let mut c = Coverage {
        items: items.len(),
        events: 0,
        per_status: BTreeMap::new(),
        covers: BTreeMap::new(),
    };
    for item in items {
        for e in &item.events {
            c.events += 1;
            *c.per_status
                .entry(status_name(e.status).into())
                .or_default() += 1;
        }
        for tag in &item.covers {
            *c.covers.entry(tag.clone()).or_default() += 1;
        }
    }
    c
}
