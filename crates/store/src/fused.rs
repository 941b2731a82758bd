//! Fusion's one seat in the store: [`assign_fused`] gives each new event mention its fused
//! event (a row of `events`), creating or updating those rows and their status history.
//!
//! Until the fusion crate is wired in, each event mention is its own fused event; swapping in
//! real fusion changes this module only.

use crate::write::json_array;
use rusqlite::{params, Transaction};
use tidings_doc::record::EntityRecord;
use tidings_doc::Record;

/// The article being stored.
pub(crate) struct NewArticle<'a> {
    pub seq: i64,
    pub outlet: Option<i64>,
    /// Its publication time as ISO 8601 text: when its events were seen.
    pub published: Option<&'a str>,
    pub record: &'a Record,
}

/// One event mention just written: its row id and the index of its event in the record.
pub(crate) struct NewMention {
    pub id: i64,
    pub index: usize,
}

/// Sets `event_mentions.event` for each of `mentions` and writes the fused events; returns how
/// many fused events were created.
pub(crate) fn assign_fused(
    tx: &Transaction,
    article: &NewArticle,
    mentions: &[NewMention],
) -> rusqlite::Result<usize> {
    let record = article.record;
    let key = |id: &String| -> String {
        record
            .entities
            .iter()
            .find(|e| &e.id == id)
            .map_or_else(|| id.clone(), party_key)
    };
    for m in mentions {
        let ev = &record.events[m.index];
        let status = crate::write::status_name(ev.status);
        let actors: Vec<String> = ev.actors.iter().map(key).collect();
        let recipients: Vec<String> = ev.recipients.iter().map(key).collect();
        let place = ev.location.as_ref().map(key);
        tx.prepare_cached(
            "INSERT INTO events (type, mode, cameo, actors, recipients, place, date, status,
                 first_seen, last_seen, article_count, outlet_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, 1, ?10)",
        )?
        .execute(params![
            ev.kind,
            ev.mode,
            ev.cameo,
            json_array(&actors),
            json_array(&recipients),
            place,
            ev.date,
            status,
            article.published,
            article.outlet.is_some() as i64,
        ])?;
        let event = tx.last_insert_rowid();
        tx.prepare_cached("UPDATE event_mentions SET event = ?1 WHERE id = ?2")?
            .execute(params![event, m.id])?;
        tx.prepare_cached(
            "INSERT INTO status_history (event, status, seen, article, event_mention, sentence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            event,
            status,
            article.published,
            article.seq,
            m.id,
            ev.sentence as i64
        ])?;
    }
    Ok(mentions.len())
}

/// The key under which two articles' entities are the same party: the knowledge-base id, else
/// the CAMEO code, else the country and the name.
fn party_key(e: &EntityRecord) -> String {
    if let Some(id) = &e.kb_id {
        return id.clone();
    }
    if let Some(code) = &e.code {
        return code.clone();
    }
    format!(
        "{}:{}",
        e.country.as_deref().unwrap_or(""),
        e.name.to_lowercase()
    )
}
