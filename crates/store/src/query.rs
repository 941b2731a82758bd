//! Reading the store: fused events with filters and pages, one event with its evidence and
//! sources, actors, daily counts, and the stored records.
//!
//! Everything here reads; nothing writes. Every row is `serde::Serialize`, so a server or an
//! exporter can hand it on as it is. Offsets are character offsets, as in the record: into the
//! article for [`MentionDetail::trigger`] and [`Source`], into the sentence for
//! [`Highlight`]s of an [`EvidenceSentence`].
//!
//! **The day of an event** (what `from`/`to` compare, what [`Store::daily_counts`] counts by and
//! what "newest first" sorts on) is its date where fusion knows it to the day
//! (`date_start == date_end`), else the day it was first seen in the news, else the first day of
//! its date span.
//!
//! **Parties** are named by the key fusion gives them ([`tidings_fuse::party_key`]: the
//! knowledge-base id, else `cameo:` with the CAMEO code, else `name:COUNTRY:name`); a party's
//! display name is the entity name its members use most often.

mod actors;
mod detail;
mod rows;

pub use detail::{
    ArticleRef, EvidenceSentence, EventDetail, Highlight, MentionDetail, Source, StatusChange,
};
pub use actors::{ActorDetail, ActorFilter, ActorRow, NameCount};
pub use rows::{DailyCount, EventRow, Party, PlaceRow};

use crate::error::At;
use crate::{Store, StoreError};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use tidings_doc::Record;

/// Which fused events to read. Every field set narrows the result (they are and-ed); the
/// default reads everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    /// A party (actor or recipient) of the event: its exact key (`VLADIMIR_PUTIN`,
    /// `cameo:RUSGOV`), its CAMEO code or knowledge-base id, or words of its name
    /// (case-insensitive substring, as written in any member article).
    pub actor: Option<String>,
    /// ISO 3166 alpha-3 code of a party or of the place (case-insensitive).
    pub country: Option<String>,
    /// The PLOVER event type (`CONSULT`, `PROTEST`, ...; case-insensitive).
    pub kind: Option<String>,
    /// The latest status (`happened`, `planned`, ...; case-insensitive).
    pub status: Option<String>,
    /// The event's day is on or after this `YYYY-MM-DD` (or a prefix: `2019-04`).
    pub from: Option<String>,
    /// The event's day is on or before this `YYYY-MM-DD` (a prefix `2019-04` takes the whole
    /// month).
    pub to: Option<String>,
    /// The event's place lies within `km` kilometres of (`lat`, `lon`); events whose place has
    /// no coordinates never match.
    pub near: Option<(f64, f64, f64)>,
    /// The name of an outlet that told of the event (case-insensitive, exact).
    pub outlet: Option<String>,
    /// Words that must all occur in one evidence sentence (SQLite FTS5, each word quoted, so
    /// no query syntax; a trailing `*` keeps prefix search).
    pub text: Option<String>,
    /// At most this many rows; 0 for no limit.
    pub limit: usize,
    /// Rows to skip (pages).
    pub offset: usize,
}

/// Totals of the event list remembered per filter for one connection while the store is
/// unchanged ([`Store::events_page_cached`]); any commit by a writer forgets them all.
#[derive(Debug, Default)]
pub struct Totals {
    /// The connection's `PRAGMA data_version` the totals were counted at.
    version: Option<i64>,
    /// Per filter (its SQL and parameters): how many events match.
    by_filter: std::collections::HashMap<String, usize>,
}

impl Totals {
    /// Filters remembered at most; past that all are forgotten (a crawler paging through many
    /// filters must not grow the server's memory).
    pub const MAX_FILTERS: usize = 4096;
}

/// The day of an event; see the module docs. The schema's version 2 indexes this expression
/// (`schema::V2`): change both together, or the event list sorts every event again (the
/// `day_index_is_used` test fails).
const DAY: &str = "(CASE WHEN e.date_start IS NOT NULL AND e.date_start = e.date_end \
     THEN e.date_start ELSE coalesce(substr(e.first_seen, 1, 10), e.date_start) END)";

/// A SQL condition on `events e` with its parameters, in order.
struct Where {
    conditions: Vec<String>,
    params: Vec<Value>,
}

impl Where {
    fn new() -> Where {
        Where {
            conditions: Vec::new(),
            params: Vec::new(),
        }
    }

    fn push(&mut self, condition: &str, params: impl IntoIterator<Item = Value>) {
        self.conditions.push(condition.to_string());
        self.params.extend(params);
    }

    fn sql(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conditions.join(" AND "))
        }
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// Event ids whose member mentions have a party (or, with `place`, a place) entity matching
/// `condition` on `en`.
fn entity_events(condition: &str, place: bool) -> String {
    let place = if place {
        " OR em.location = en.entity_id"
    } else {
        ""
    };
    format!(
        "e.id IN (SELECT em.event FROM entities en JOIN event_mentions em ON em.article = en.article
          WHERE ({condition}) AND (
            EXISTS (SELECT 1 FROM json_each(em.actors) j WHERE j.value = en.entity_id)
            OR EXISTS (SELECT 1 FROM json_each(em.recipients) j WHERE j.value = en.entity_id){place}))"
    )
}

/// Words for FTS5, each quoted (so `AND`, `-`, `:` are words, not syntax); a trailing `*` stays a
/// prefix query. `None` when no word is left.
fn fts_query(words: &str) -> Option<String> {
    let terms: Vec<String> = words
        .split_whitespace()
        .filter_map(|w| {
            let (word, prefix) = match w.strip_suffix('*') {
                Some(stem) => (stem, "*"),
                None => (w, ""),
            };
            let word: String = word.chars().filter(|c| *c != '"').collect();
            (!word.is_empty()).then(|| format!("\"{word}\"{prefix}"))
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Events of `w` counted per day and type (events without a day left out).
fn daily_counts_sql(w: &Where) -> String {
    let day_known = if w.conditions.is_empty() { "WHERE" } else { "AND" };
    format!(
        "SELECT {DAY} AS day, e.type, count(*) FROM events e {} {day_known} {DAY} IS NOT NULL
         GROUP BY day, e.type ORDER BY day, e.type",
        w.sql()
    )
}

pub(crate) use tidings_doc::haversine_km;

impl Store {
    /// The conditions of `filter` on `events e`.
    fn event_where(&self, filter: &EventFilter) -> Result<Where, StoreError> {
        let mut w = Where::new();
        if let Some(actor) = filter.actor.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let like = format!("%{}%", actor.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            let by_entity = entity_events(
                "en.name LIKE ? ESCAPE '\\' OR en.kb_id = ? OR en.code = ?",
                false,
            );
            w.push(
                &format!(
                    "(EXISTS (SELECT 1 FROM json_each(e.actors) WHERE value = ?)
                      OR EXISTS (SELECT 1 FROM json_each(e.recipients) WHERE value = ?)
                      OR {by_entity})"
                ),
                [text(actor), text(actor), text(&like), text(actor), text(actor)],
            );
        }
        if let Some(country) = filter.country.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            w.push(
                &entity_events("en.country = upper(?)", true),
                [text(country)],
            );
        }
        if let Some(kind) = filter.kind.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            w.push("lower(e.type) = lower(?)", [text(kind)]);
        }
        if let Some(status) = filter.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            w.push("lower(e.status) = lower(?)", [text(status)]);
        }
        if let Some(from) = filter.from.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            w.push(&format!("{DAY} >= ?"), [text(from)]);
        }
        if let Some(to) = filter.to.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            // '~' sorts after every digit and '-': `2019-04` takes in `2019-04-30`.
            w.push(&format!("{DAY} <= ?"), [text(&format!("{to}~"))]);
        }
        if let Some(outlet) = filter.outlet.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            w.push(
                "e.id IN (SELECT em.event FROM event_mentions em
                   JOIN articles a ON a.seq = em.article JOIN outlets o ON o.id = a.outlet
                   WHERE lower(o.name) = lower(?))",
                [text(outlet)],
            );
        }
        if let Some(q) = filter.text.as_deref().and_then(fts_query) {
            w.push(
                "e.id IN (SELECT em.event FROM evidence_fts
                   JOIN evidence ev ON ev.id = evidence_fts.rowid
                   JOIN event_mentions em ON em.id = ev.event_mention
                   WHERE evidence_fts MATCH ?)",
                [text(&q)],
            );
        }
        if let Some((lat, lon, km)) = filter.near {
            let ids = self.events_near(lat, lon, km)?;
            let json = serde_json::to_string(&ids).expect("ids serialize");
            w.push("e.id IN (SELECT value FROM json_each(?))", [Value::Text(json)]);
        }
        Ok(w)
    }

    /// Ids of events with a member whose place lies within `km` of (`lat`, `lon`). SQL narrows
    /// by latitude (a degree is ~111 km everywhere); the exact distance is computed here.
    fn events_near(&self, lat: f64, lon: f64, km: f64) -> Result<Vec<i64>, StoreError> {
        let dlat = km / 110.0 + 0.01;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT DISTINCT em.event, en.lat, en.lon FROM entities en
                 JOIN event_mentions em ON em.article = en.article AND em.location = en.entity_id
                 WHERE en.lat BETWEEN ?1 AND ?2 AND en.lon IS NOT NULL AND em.event IS NOT NULL",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map([lat - dlat, lat + dlat], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?, r.get::<_, f64>(2)?))
            })
            .at(&self.path)?;
        let mut ids = Vec::new();
        for row in rows {
            let (id, plat, plon) = row.at(&self.path)?;
            if haversine_km(lat, lon, plat, plon) <= km {
                ids.push(id);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    /// Fused events matching `filter`, newest first (by their day, then by id, newest row
    /// first), `filter.offset` skipped and at most `filter.limit` (0: all).
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        let w = self.event_where(filter)?;
        rows::event_rows(self, &w, filter.limit, filter.offset)
    }

    /// How many fused events match `filter` (its limit and offset aside): the total for pages.
    pub fn count_events(&self, filter: &EventFilter) -> Result<usize, StoreError> {
        let w = self.event_where(filter)?;
        self.count_where(&w)
    }

    /// A page of [`Store::events`] with the total of [`Store::count_events`], both read from
    /// one snapshot of the store (one read transaction), so that the total agrees with the
    /// rows even while another process writes; the filter is turned into SQL once.
    pub fn events_page(&self, filter: &EventFilter) -> Result<(Vec<EventRow>, usize), StoreError> {
        // Rolled back (nothing was written) when dropped, on every path.
        let snapshot = self.conn.unchecked_transaction().at(&self.path)?;
        let w = self.event_where(filter)?;
        let rows = rows::event_rows(self, &w, filter.limit, filter.offset)?;
        let total = self.count_where(&w)?;
        drop(snapshot);
        Ok((rows, total))
    }

    /// [`Store::events_page`], with the total taken from `totals` when this filter was counted
    /// before and the store has not changed since (SQLite's `data_version`, read inside the
    /// same snapshot as the rows, changes whenever another connection commits). Counting is
    /// the one cost of a page that grows with the store (all matching events, where the page
    /// reads only its rows); `totals` must only ever be used with this one connection.
    pub fn events_page_cached(
        &self,
        filter: &EventFilter,
        totals: &mut Totals,
    ) -> Result<(Vec<EventRow>, usize), StoreError> {
        let snapshot = self.conn.unchecked_transaction().at(&self.path)?;
        let w = self.event_where(filter)?;
        let rows = rows::event_rows(self, &w, filter.limit, filter.offset)?;
        // After the page query, so that the read transaction (the snapshot) has begun.
        let version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .at(&self.path)?;
        if totals.version != Some(version) || totals.by_filter.len() >= Totals::MAX_FILTERS {
            totals.by_filter.clear();
            totals.version = Some(version);
        }
        let key = format!("{}\u{0}{:?}", w.sql(), w.params);
        let total = match totals.by_filter.get(&key) {
            Some(&n) => n,
            None => {
                let n = self.count_where(&w)?;
                totals.by_filter.insert(key, n);
                n
            }
        };
        drop(snapshot);
        Ok((rows, total))
    }

    fn count_where(&self, w: &Where) -> Result<usize, StoreError> {
        let sql = format!("SELECT count(*) FROM events e {}", w.sql());
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut stmt| {
                stmt.query_row(rusqlite::params_from_iter(w.params.iter()), |r| {
                    r.get::<_, i64>(0)
                })
            })
            .map(|n| n as usize)
            .at(&self.path)
    }

    /// One fused event with everything that supports it: each member mention with its
    /// article, outlet, trigger, sources (nearest first) and evidence sentences (with the
    /// trigger, parties, place, time and sources highlighted within the sentence), its status
    /// history, and its articles and outlets. `None` when there is no such event.
    pub fn event(&self, id: i64) -> Result<Option<EventDetail>, StoreError> {
        detail::event(self, id)
    }

    /// Parties of fused events with how many events they take part in, most events first
    /// (then by key).
    pub fn actors(&self, filter: &ActorFilter) -> Result<Vec<ActorRow>, StoreError> {
        actors::actors(self, filter)
    }

    /// The party with this key ([`ActorRow::key`]), the names it goes by, and its newest
    /// [`ActorDetail::EVENTS`] events (page further with `events` and `actor: key`).
    pub fn actor(&self, key: &str) -> Result<Option<ActorDetail>, StoreError> {
        actors::actor(self, key)
    }

    /// Events matching `filter` (limit and offset ignored) counted per day and type, by day
    /// then type. Events without a day are left out.
    pub fn daily_counts(&self, filter: &EventFilter) -> Result<Vec<DailyCount>, StoreError> {
        let w = self.event_where(filter)?;
        let sql = daily_counts_sql(&w);
        let mut stmt = self.conn.prepare(&sql).at(&self.path)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(w.params.iter()), |r| {
                Ok(DailyCount {
                    date: r.get(0)?,
                    kind: r.get(1)?,
                    count: r.get::<_, i64>(2)? as usize,
                })
            })
            .at(&self.path)?;
        rows.collect::<Result<Vec<_>, _>>().at(&self.path)
    }

    /// Calls `each` with every stored record, in the order the articles were stored, and stops
    /// at its first error. Records are read one at a time, so a large store fits in memory.
    pub fn for_each_record<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(Record) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, record FROM articles ORDER BY seq")
            .at(&self.path)?;
        let mut rows = stmt.query([]).at(&self.path)?;
        while let Some(row) = rows.next().at(&self.path)? {
            let id: String = row.get(0).at(&self.path)?;
            let json: String = row.get(1).at(&self.path)?;
            let record = serde_json::from_str(&json).map_err(|source| StoreError::Record {
                path: self.path.clone(),
                article: id,
                source,
            })?;
            each(record)?;
        }
        Ok(())
    }

    /// Every stored record, in the order the articles were stored.
    pub fn records(&self) -> Result<Vec<Record>, StoreError> {
        let mut records = Vec::new();
        self.for_each_record(|r| {
            records.push(r);
            Ok::<_, StoreError>(())
        })?;
        Ok(records)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_words_are_quoted() {
        assert_eq!(fts_query("talks AND -x").as_deref(), Some("\"talks\" \"AND\" \"-x\""));
        assert_eq!(fts_query("summ* \"a\"").as_deref(), Some("\"summ\"* \"a\""));
        assert_eq!(fts_query("  \" "), None);
    }

    /// The plans of the event list (a page, with and without a type or status filter), its
    /// count and the daily counts read the day indexes of schema version 2, and sort nothing.
    #[test]
    fn day_index_is_used() {
        let dir = std::env::temp_dir().join(format!("tidings-store-plan-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::open(&dir.join("plan.db")).unwrap();
        let plan = |sql: &str, params: &[Value]| -> String {
            let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let rows = stmt
                .query_map(rusqlite::params_from_iter(params.iter()), |r| r.get::<_, String>(3))
                .unwrap();
            rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
        };
        let filters = [
            EventFilter::default(),
            EventFilter { kind: Some("PROTEST".into()), ..EventFilter::default() },
            EventFilter { status: Some("planned".into()), ..EventFilter::default() },
            EventFilter { from: Some("2024-01-01".into()), to: Some("2024-03".into()), ..EventFilter::default() },
        ];
        for filter in &filters {
            let w = store.event_where(filter).unwrap();
            let mut page = w.params.clone();
            page.extend([Value::Integer(50), Value::Integer(100)]);
            let list = plan(&rows::event_rows_sql(&w), &page);
            assert!(list.contains("USING INDEX events_") && !list.contains("TEMP B-TREE"), "{filter:?}: {list}");
            let count = plan(&format!("SELECT count(*) FROM events e {}", w.sql()), &w.params);
            assert!(count.contains("INDEX"), "{filter:?}: {count}");
        }
        let w = store.event_where(&filters[3]).unwrap();
        let daily = plan(&daily_counts_sql(&w), &w.params);
        assert!(daily.contains("INDEX events_day_type") && !daily.contains("TEMP B-TREE"), "{daily}");
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn distances() {
        // Lisbon to Tokyo, ~11,150 km.
        let d = haversine_km(38.7223, -9.1393, 35.6762, 139.6503);
        assert!((11050.0..11250.0).contains(&d), "{d}");
        assert!(haversine_km(10.0, 20.0, 10.0, 20.0) < 1e-9);
    }
}
