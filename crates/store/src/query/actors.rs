//! The actors of the store: every party of fused events with its counts and names, and one
//! actor's detail page.

use super::rows::{
    event_rows, json_keys, party, EntityRow, EventRow, Names, Party, ENTITY_COLUMNS,
};
use super::Where;
use crate::error::At;
use crate::{Store, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which actors to list. The default lists all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActorFilter {
    /// Words of a name the actor goes by, or of its key (case-insensitive substring).
    pub name: Option<String>,
    /// ISO 3166 alpha-3 (case-insensitive).
    pub country: Option<String>,
    /// At most this many rows; 0 for no limit.
    pub limit: usize,
    pub offset: usize,
}

/// An actor (a party of fused events) with its event counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorRow {
    #[serde(flatten)]
    pub party: Party,
    /// Fused events it takes part in (as actor, recipient or both).
    pub events: usize,
    pub as_actor: usize,
    pub as_recipient: usize,
}

/// A name an actor goes by, with how many entity rows (one per article) use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameCount {
    pub name: String,
    pub count: usize,
}

/// An actor with its names and newest events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorDetail {
    pub actor: ActorRow,
    /// Most used first.
    pub names: Vec<NameCount>,
    /// The newest [`ActorDetail::EVENTS`] events it takes part in, newest first.
    pub events: Vec<EventRow>,
}

impl ActorDetail {
    /// How many events [`Store::actor`] lists.
    pub const EVENTS: usize = 100;
}

impl Names<'_> {
    /// The names, most used first (ties alphabetical).
    fn counts(&self) -> Vec<NameCount> {
        let mut v: Vec<NameCount> = self
            .by_name
            .iter()
            .map(|(name, (n, _))| NameCount {
                name: name.to_string(),
                count: *n,
            })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
        v
    }
}

/// Every party entity of every event mention, with its key.
fn party_entities(store: &Store) -> Result<Vec<(String, EntityRow)>, StoreError> {
    let mut stmt = store
        .conn
        .prepare(&format!(
            "SELECT {ENTITY_COLUMNS} FROM entities en
             WHERE EXISTS (SELECT 1 FROM event_mentions em WHERE em.article = en.article AND (
                 EXISTS (SELECT 1 FROM json_each(em.actors) j WHERE j.value = en.entity_id)
                 OR EXISTS (SELECT 1 FROM json_each(em.recipients) j WHERE j.value = en.entity_id)))"
        ))
        .at(&store.path)?;
    let rows = stmt
        .query_map([], |r| EntityRow::read(r, 0))
        .at(&store.path)?;
    rows.map(|e| e.map(|e| (e.party_key(), e)))
        .collect::<Result<Vec<_>, _>>()
        .at(&store.path)
}

/// Per party key: (events, as actor, as recipient).
fn party_counts(store: &Store) -> Result<HashMap<String, (usize, usize, usize)>, StoreError> {
    let mut stmt = store
        .conn
        .prepare("SELECT actors, recipients FROM events")
        .at(&store.path)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .at(&store.path)?;
    let mut counts: HashMap<String, (usize, usize, usize)> = HashMap::new();
    for row in rows {
        let (actors, recipients) = row.at(&store.path)?;
        let (actors, recipients) = (json_keys(&actors), json_keys(&recipients));
        for k in &actors {
            counts.entry(k.clone()).or_default().1 += 1;
        }
        for k in &recipients {
            counts.entry(k.clone()).or_default().2 += 1;
        }
        let mut all: Vec<&String> = actors.iter().chain(&recipients).collect();
        all.sort();
        all.dedup();
        for k in all {
            counts.entry(k.clone()).or_default().0 += 1;
        }
    }
    Ok(counts)
}

pub(super) fn actors(store: &Store, filter: &ActorFilter) -> Result<Vec<ActorRow>, StoreError> {
    let counts = party_counts(store)?;
    let entities = party_entities(store)?;
    let mut names: HashMap<&str, Names> = HashMap::new();
    for (key, e) in &entities {
        names.entry(key.as_str()).or_default().add(e);
    }
    let needle = filter
        .name
        .as_deref()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty());
    let country = filter
        .country
        .as_deref()
        .map(|s| s.trim().to_uppercase())
        .filter(|s| !s.is_empty());
    let mut rows: Vec<ActorRow> = counts
        .iter()
        .filter(|(key, _)| {
            let n = names.get(key.as_str());
            let name_ok = needle.as_ref().is_none_or(|w| {
                key.to_lowercase().contains(w)
                    || n.is_some_and(|n| {
                        n.by_name.keys().any(|name| name.to_lowercase().contains(w))
                    })
            });
            let country_ok = country.as_ref().is_none_or(|c| {
                n.is_some_and(|n| {
                    n.by_name
                        .values()
                        .any(|(_, e)| e.country.as_deref() == Some(c.as_str()))
                })
            });
            name_ok && country_ok
        })
        .map(|(key, &(events, as_actor, as_recipient))| ActorRow {
            party: party(key, names.get(key.as_str())),
            events,
            as_actor,
            as_recipient,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.events
            .cmp(&a.events)
            .then_with(|| a.party.key.cmp(&b.party.key))
    });
    let rows = rows.into_iter().skip(filter.offset);
    Ok(if filter.limit == 0 {
        rows.collect()
    } else {
        rows.take(filter.limit).collect()
    })
}

pub(super) fn actor(store: &Store, key: &str) -> Result<Option<ActorDetail>, StoreError> {
    let counts = party_counts(store)?;
    let Some(&(events, as_actor, as_recipient)) = counts.get(key) else {
        return Ok(None);
    };
    let entities = party_entities(store)?;
    let mut names = Names::default();
    for (k, e) in &entities {
        if k == key {
            names.add(e);
        }
    }
    let mut w = Where::new();
    w.push(
        "(EXISTS (SELECT 1 FROM json_each(e.actors) WHERE value = ?)
          OR EXISTS (SELECT 1 FROM json_each(e.recipients) WHERE value = ?))",
        [super::text(key), super::text(key)],
    );
    Ok(Some(ActorDetail {
        actor: ActorRow {
            party: party(key, Some(&names)),
            events,
            as_actor,
            as_recipient,
        },
        names: names.counts(),
        events: event_rows(store, &w, ActorDetail::EVENTS, 0)?,
    }))
}
