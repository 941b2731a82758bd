//! Writing one record: the article row, its entities and mentions, its event mentions with
//! their sources and evidence, then fusion.

use crate::content_hash;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;
use tidings_doc::{OffsetMap, Record};

/// What [`add_record`] wrote.
pub(crate) struct Added {
    pub event_mentions: usize,
}

pub(crate) fn contains(conn: &Connection, id: &str, hash: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1 OR content_hash = ?2 LIMIT 1")?
        .query_row(params![id, hash], |_| Ok(()))
        .optional()
        .map(|found| found.is_some())
}

/// Writes `record` unless its article is already stored (`None`).
pub(crate) fn add_record(tx: &Transaction, record: &Record) -> rusqlite::Result<Option<Added>> {
    let a = &record.article;
    let hash = content_hash(&a.text);
    if contains(tx, &a.id, &hash)? {
        return Ok(None);
    }
    let outlet = match &a.outlet {
        Some(name) => Some(outlet_id(tx, name)?),
        None => None,
    };
    let published = a.published.map(|p| p.to_string());
    let json = serde_json::to_string(record)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    tx.prepare_cached(
        "INSERT INTO articles (id, url, outlet, published, title, text, content_hash, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        a.id, a.url, outlet, published, a.title, a.text, hash, json
    ])?;
    let article = tx.last_insert_rowid();

    let entities = add_entities(tx, article, record)?;
    let offsets = OffsetMap::new(&a.text);
    let sentence_text = |i: usize| -> &str {
        record.sentences.get(i).map_or("", |s| {
            &a.text[offsets.byte_of_char(s.start)..offsets.byte_of_char(s.end)]
        })
    };

    for (index, ev) in record.events.iter().enumerate() {
        let status = status_name(ev.status);
        tx.prepare_cached(
            "INSERT INTO event_mentions (article, event_index, event_id, event, type, mode, cameo,
                 sentence, trigger_start, trigger_end, trigger_text, actors, recipients, location,
                 time, date, status, confidence, quote)
             VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18)",
        )?
        .execute(params![
            article,
            index as i64,
            ev.id,
            ev.kind,
            ev.mode,
            ev.cameo,
            ev.sentence as i64,
            ev.trigger.start as i64,
            ev.trigger.end as i64,
            ev.trigger.text,
            json_array(&ev.actors),
            json_array(&ev.recipients),
            ev.location,
            ev.time,
            ev.date,
            status,
            ev.confidence as f64,
            ev.quote,
        ])?;
        let mention = tx.last_insert_rowid();
        for (rank, at) in ev.attribution.iter().enumerate() {
            let entity = at.entity.as_ref().and_then(|e| entities.get(e.as_str()));
            tx.prepare_cached(
                "INSERT INTO attributions (event_mention, rank, entity, text, cue, start, end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                mention,
                rank as i64,
                entity,
                at.text,
                at.cue,
                at.start as i64,
                at.end as i64
            ])?;
        }
        for e in &ev.evidence {
            let text = sentence_text(e.sentence);
            tx.prepare_cached(
                "INSERT INTO evidence (event_mention, article, sentence, start, end, trigger_text,
                     sentence_text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                mention,
                article,
                e.sentence as i64,
                e.start as i64,
                e.end as i64,
                e.text,
                text
            ])?;
            tx.prepare_cached("INSERT INTO evidence_fts (rowid, sentence_text) VALUES (?1, ?2)")?
                .execute(params![tx.last_insert_rowid(), text])?;
        }
    }
    Ok(Some(Added {
        event_mentions: record.events.len(),
    }))
}

/// Writes the record's entities and their mentions; returns the row id of each entity id.
fn add_entities<'r>(
    tx: &Transaction,
    article: i64,
    record: &'r Record,
) -> rusqlite::Result<HashMap<&'r str, i64>> {
    let mut ids = HashMap::with_capacity(record.entities.len());
    for e in &record.entities {
        let geo = e.geo.as_ref();
        tx.prepare_cached(
            "INSERT INTO entities (article, entity_id, name, type, country, sector, role, kb_id,
                 code, lat, lon, geonames_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            article,
            e.id,
            e.name,
            e.kind,
            e.country,
            e.sector,
            e.role,
            e.kb_id,
            e.code,
            geo.and_then(|g| g.lat),
            geo.and_then(|g| g.lon),
            geo.and_then(|g| g.geonames_id).map(|id| id as i64),
        ])?;
        let entity = tx.last_insert_rowid();
        ids.insert(e.id.as_str(), entity);
        for m in &e.mentions {
            tx.prepare_cached(
                "INSERT INTO mentions (entity, article, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![entity, article, m.start as i64, m.end as i64, m.text])?;
        }
    }
    Ok(ids)
}

fn outlet_id(tx: &Transaction, name: &str) -> rusqlite::Result<i64> {
    tx.prepare_cached("INSERT OR IGNORE INTO outlets (name) VALUES (?1)")?
        .execute([name])?;
    tx.prepare_cached("SELECT id FROM outlets WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
}

/// The status as the record writes it (`happened`, `planned`, ...).
pub(crate) fn status_name(status: tidings_doc::EventStatus) -> String {
    match serde_json::to_value(status) {
        Ok(serde_json::Value::String(s)) => s,
        _ => unreachable!("EventStatus serializes as a string"),
    }
}

pub(crate) fn json_array(items: &[String]) -> String {
    serde_json::to_string(items).expect("strings serialize")
}
