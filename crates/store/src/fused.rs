//! Fusion's seat in the store: the `events` rows and their status history are what
//! [`tidings_fuse::Fusion`] computes from every stored article.
//!
//! The fusion state lives in memory beside the connection. It is rebuilt from the stored records
//! when the store is opened for writing (lazily, at the first batch) and caught up with articles
//! another writer may have added; each batch then adds its observations and rewrites, in the
//! batch's transaction, the fused events it touched. Since fusion depends only on the set of
//! observations, the rows are the same however the articles were split into batches or runs.
//!
//! Row ids stay put where they can: a fused event takes the smallest row its members already
//! pointed to, so an event's id only changes when it merges into an older one.

use crate::write::{json_array, status_name};
use rusqlite::{params, Transaction};
use std::collections::{BTreeSet, HashMap};
use tidings_fuse::{Fusion, Observation, Update};

/// The fusion of every stored article up to `seq`.
pub(crate) struct FusionState {
    pub fusion: Fusion,
    /// The highest `articles.seq` whose events were added.
    pub seq: i64,
}

impl FusionState {
    pub fn new() -> FusionState {
        FusionState {
            fusion: Fusion::new(tidings_fuse::Config::default()),
            seq: 0,
        }
    }

    /// Adds the articles stored after `self.seq` (all of them for a new state; those of another
    /// writer otherwise). Their event rows are left as they are.
    pub fn catch_up(&mut self, tx: &Transaction) -> rusqlite::Result<()> {
        let mut stmt =
            tx.prepare("SELECT seq, record FROM articles WHERE seq > ?1 ORDER BY seq")?;
        let mut rows = stmt.query([self.seq])?;
        let mut observations = Vec::new();
        while let Some(row) = rows.next()? {
            let seq: i64 = row.get(0)?;
            let json: String = row.get(1)?;
            let record: tidings_doc::Record = serde_json::from_str(&json).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    1,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?;
            observations.extend(Observation::from_record(&record));
            self.seq = seq;
        }
        self.fusion.add(observations);
        Ok(())
    }
}

/// An event mention row: its id, its article's row and the fused event row it points to.
struct MentionRow {
    id: i64,
    article: i64,
    event: Option<i64>,
}

/// Writes the fused events `update` touched (fusion reports every fused event of every group it
/// regrouped, so each member whose event changed belongs to one of them).
///
/// Row ids: each touched event, in id order, takes the smallest row among those its members
/// pointed to that no earlier touched event took, else a new row. Rows left without members
/// are deleted. Status histories of all the rows involved are rewritten.
pub(crate) fn write_update(
    tx: &Transaction,
    fusion: &Fusion,
    update: &Update,
) -> rusqlite::Result<()> {
    let events: Vec<tidings_fuse::FusedEvent> = update
        .touched
        .iter()
        .map(|id| {
            fusion
                .event(id)
                .expect("an event fusion reports as touched exists")
        })
        .collect();
    let mut members: Vec<HashMap<(&str, usize), MentionRow>> = Vec::with_capacity(events.len());
    let mut involved: BTreeSet<i64> = BTreeSet::new();
    for fused in &events {
        let mut rows = HashMap::with_capacity(fused.members.len());
        for m in &fused.members {
            let row = tx
                .prepare_cached(
                    "SELECT em.id, em.article, em.event FROM event_mentions em
                     JOIN articles a ON a.seq = em.article
                     WHERE a.id = ?1 AND em.event_index = ?2",
                )?
                .query_row(params![m.article, m.event as i64], |r| {
                    Ok(MentionRow {
                        id: r.get(0)?,
                        article: r.get(1)?,
                        event: r.get(2)?,
                    })
                })?;
            involved.extend(row.event);
            rows.insert((m.article.as_str(), m.event), row);
        }
        members.push(rows);
    }
    for &row in &involved {
        tx.prepare_cached("DELETE FROM status_history WHERE event = ?1")?
            .execute([row])?;
        // Park the names: a row may be given the name another row holds now.
        tx.prepare_cached("UPDATE events SET key_event = -id WHERE id = ?1")?
            .execute([row])?;
    }

    let mut taken: BTreeSet<i64> = BTreeSet::new();
    for (fused, rows) in events.iter().zip(&members) {
        let status = fused
            .status_history
            .last()
            .map(|s| status_name(s.status))
            .expect("a fused event has a status");
        let seen = |p: Option<tidings_doc::Published>| p.map(|p| p.to_string());
        let (actors, recipients) = (json_array(&fused.actors), json_array(&fused.recipients));
        let date_start = fused.date_span.map(|d| d.start.to_string());
        let date_end = fused.date_span.map(|d| d.end.to_string());
        let (first_seen, last_seen) = (seen(fused.first_seen), seen(fused.last_seen));
        let own = rows
            .values()
            .filter_map(|r| r.event)
            .filter(|e| !taken.contains(e))
            .min();
        // One statement for both cases: the event keeps its row when it has one (`own`),
        // else SQLite gives it a new one.
        tx.prepare_cached(
            "INSERT INTO events (id, key_article, key_event, type, mode, cameo, actors,
                 recipients, place, date_start, date_end, status, first_seen, last_seen,
                 article_count, outlet_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
             ON CONFLICT(id) DO UPDATE SET key_article = excluded.key_article,
                 key_event = excluded.key_event, type = excluded.type, mode = excluded.mode,
                 cameo = excluded.cameo, actors = excluded.actors,
                 recipients = excluded.recipients, place = excluded.place,
                 date_start = excluded.date_start, date_end = excluded.date_end,
                 status = excluded.status, first_seen = excluded.first_seen,
                 last_seen = excluded.last_seen, article_count = excluded.article_count,
                 outlet_count = excluded.outlet_count",
        )?
        .execute(params![
            own,
            fused.id.article,
            fused.id.event as i64,
            fused.kind,
            fused.mode,
            fused.cameo,
            actors,
            recipients,
            fused.place,
            date_start,
            date_end,
            status,
            first_seen,
            last_seen,
            fused.article_count as i64,
            fused.outlet_count as i64,
        ])?;
        let event = own.unwrap_or_else(|| tx.last_insert_rowid());
        taken.insert(event);
        for row in rows.values().filter(|r| r.event != Some(event)) {
            tx.prepare_cached("UPDATE event_mentions SET event = ?1 WHERE id = ?2")?
                .execute(params![event, row.id])?;
        }
        for change in &fused.status_history {
            let row = &rows[&(change.article.as_str(), change.event)];
            tx.prepare_cached(
                "INSERT INTO status_history (event, status, seen, article, event_mention,
                     sentence, evidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                event,
                status_name(change.status),
                seen(change.seen),
                row.article,
                row.id,
                change.sentence as i64,
                change.evidence,
            ])?;
        }
    }
    for row in involved.difference(&taken) {
        tx.prepare_cached(
            "DELETE FROM events WHERE id = ?1
             AND NOT EXISTS (SELECT 1 FROM event_mentions WHERE event = ?1)",
        )?
        .execute([row])?;
    }
    Ok(())
}
