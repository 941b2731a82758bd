//! WikiEvents (Li, Ji & Han, NAACL 2021): news articles with document-level event mentions in
//! the KAIROS ontology (`Conflict.Attack.DetonateExplode`, `Contact.Contact.Meet`, ...).
//!
//! The file is JSON Lines, one document per line: `doc_id`, `tokens`, `text`, `sentences`
//! (each `[[token, start, end], ...]` with the sentence's text) and `event_mentions` (each with
//! an `event_type` and a `trigger` of token indexes `start..end`).
//!
//! The dataset's `text` runs its sentences together without separators ("… in SyriaThe desert
//! …"), while the token offsets count one separator between sentences. So [`Document::text`] is
//! rebuilt from the sentences, one per line, and every token's span is given in that text, in
//! characters (code points), the unit of Tidings' records.

use crate::error::{read_text, Error};
use serde::Deserialize;
use std::path::Path;

/// One event mention: its KAIROS type and the characters of its trigger in [`Document::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventMention {
    pub event_type: String,
    pub start: usize,
    pub end: usize,
    pub trigger: String,
}

/// One annotated article.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub id: String,
    /// The sentences, one per line.
    pub text: String,
    pub events: Vec<EventMention>,
}

#[derive(Deserialize)]
struct Raw {
    doc_id: String,
    tokens: Vec<String>,
    sentences: Vec<(Vec<(String, usize, usize)>, String)>,
    event_mentions: Vec<RawEvent>,
}

#[derive(Deserialize)]
struct RawEvent {
    event_type: String,
    trigger: RawTrigger,
}

#[derive(Deserialize)]
struct RawTrigger {
    start: usize,
    end: usize,
    #[serde(default)]
    text: String,
}

/// Reads a WikiEvents JSON Lines file (e.g. `dev.jsonl`).
pub fn read(path: &Path) -> Result<Vec<Document>, Error> {
    let content = read_text(path)?;
    let mut docs = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let raw: Raw = serde_json::from_str(line).map_err(|e| Error::malformed(path, i + 1, e.to_string()))?;
        docs.push(document(raw).map_err(|message| Error::malformed(path, i + 1, message))?);
    }
    if docs.is_empty() {
        return Err(Error::Empty { path: path.to_path_buf(), what: "no documents".into() });
    }
    Ok(docs)
}

fn document(raw: Raw) -> Result<Document, String> {
    let mut text = String::new();
    // Each token's (start, end) in `text`, in characters.
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(raw.tokens.len());
    let mut at = 0;
    for (n, (tokens, sentence)) in raw.sentences.iter().enumerate() {
        if n > 0 {
            text.push('\n');
            at += 1;
        }
        let Some(&(_, base, _)) = tokens.first() else {
            continue;
        };
        let chars: Vec<char> = sentence.chars().collect();
        for (token, start, end) in tokens {
            let (s, e) = (start.checked_sub(base), end.checked_sub(base));
            let (Some(s), Some(e)) = (s, e) else {
                return Err(format!("sentence {n}: token {token:?} starts before its sentence"));
            };
            if e > chars.len() || s > e || chars[s..e].iter().collect::<String>() != *token {
                return Err(format!("sentence {n}: token {token:?} is not at {start}..{end} of its sentence"));
            }
            spans.push((at + s, at + e));
        }
        text.push_str(sentence);
        at += chars.len();
    }
    if spans.len() != raw.tokens.len() {
        return Err(format!("{} tokens in the sentences, {} in `tokens`", spans.len(), raw.tokens.len()));
    }
    let mut events = Vec::with_capacity(raw.event_mentions.len());
    for m in raw.event_mentions {
        let t = &m.trigger;
        if t.start >= t.end || t.end > spans.len() {
            return Err(format!("trigger {:?} at tokens {}..{} outside the document", t.text, t.start, t.end));
        }
        events.push(EventMention {
            event_type: m.event_type,
            start: spans[t.start].0,
            end: spans[t.end - 1].1,
            trigger: t.text.clone(),
        });
    }
    Ok(Document { id: raw.doc_id, text, events })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(json: &str) -> Result<Document, String> {
        document(serde_json::from_str(json).unwrap())
    }

    #[test]
    fn sentences_become_lines_and_triggers_character_spans() {
        let doc = raw(r#"{"doc_id":"d","tokens":["Bomb","kills","two","Café","hit"],"text":"Bomb kills twoCafé hit",
            "sentences":[[[["Bomb",0,4],["kills",5,10],["two",11,14]],"Bomb kills two"],[[["Café",15,19],["hit",20,23]],"Café hit"]],
            "event_mentions":[{"event_type":"Life.Die.Unspecified","trigger":{"start":1,"end":2,"text":"kills"}},
                              {"event_type":"Conflict.Attack.Unspecified","trigger":{"start":4,"end":5,"text":"hit"}}]}"#)
        .unwrap();
        assert_eq!(doc.text, "Bomb kills two\nCafé hit");
        let chars: Vec<char> = doc.text.chars().collect();
        for e in &doc.events {
            assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.trigger);
        }
        assert_eq!((doc.events[1].start, doc.events[1].end), (20, 23));
    }

    #[test]
    fn a_token_off_its_text_is_an_error() {
        let e = raw(r#"{"doc_id":"d","tokens":["Bomb","x"],"text":"Bomb x",
            "sentences":[[[["Bomb",0,4],["x",6,7]],"Bomb x"]],"event_mentions":[]}"#)
        .unwrap_err();
        assert!(e.contains("\"x\" is not at 6..7"), "{e}");
    }
}
