//! Rows of lists: fused events with their parties and place, and daily counts; the entity
//! rows and names that events and actors (`actors.rs`) share.

use super::{Where, DAY};
use crate::error::At;
use crate::{Store, StoreError};
use rusqlite::types::Value;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tidings_doc::record::EntityRecord;

/// A party of a fused event (an actor or a recipient), or an actor of [`Store::actors`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Party {
    /// The key fusion knows it by ([`tidings_fuse::party_key`]).
    pub key: String,
    /// The name its members use most often (the key where no member names it).
    pub name: String,
    /// The entity type (`PER`, `ORG`, ...), as the most common name's entity has it.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    /// The CAMEO actor code (`RUSGOV`).
    pub code: Option<String>,
    pub kb_id: Option<String>,
}

/// Where a fused event took place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRow {
    /// Fusion's place key (`geonames:2013348`, `country:RUS`, ...).
    pub key: String,
    pub name: String,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<i64>,
}

/// One fused event: one happening, however many articles told of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    /// The row id ([`Store::event`]); it changes only when the event merges into an older one.
    pub id: i64,
    /// The PLOVER event type.
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    /// The CAMEO event code.
    pub cameo: Option<String>,
    /// The latest status reported.
    pub status: String,
    /// The event's day (see the module docs), `YYYY-MM-DD`.
    pub day: Option<String>,
    /// The days covering its members' dates.
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    /// Publication times of the first and last article telling of it.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// Event mentions (events of articles' records) fused into it.
    pub mention_count: usize,
    pub article_count: usize,
    pub outlet_count: usize,
    pub actors: Vec<Party>,
    pub recipients: Vec<Party>,
    pub place: Option<PlaceRow>,
    /// The trigger words of the first member (the event's name in fusion).
    pub trigger: String,
    /// The sentence of the first member that tells of it.
    pub sentence: String,
    /// The first member's article id and URL.
    pub article: String,
    pub url: Option<String>,
}

/// Events counted on one day for one type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DailyCount {
    /// `YYYY-MM-DD`.
    pub date: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub count: usize,
}

/// An entity as stored, with the key fusion gives it.
#[derive(Clone)]
pub(super) struct EntityRow {
    name: String,
    kind: String,
    pub(super) country: Option<String>,
    kb_id: Option<String>,
    code: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    geonames_id: Option<i64>,
}

pub(super) const ENTITY_COLUMNS: &str =
    "en.name, en.type, en.country, en.kb_id, en.code, en.lat, en.lon, en.geonames_id";

impl EntityRow {
    pub(super) fn read(r: &rusqlite::Row, first: usize) -> rusqlite::Result<EntityRow> {
        Ok(EntityRow {
            name: r.get(first)?,
            kind: r.get(first + 1)?,
            country: r.get(first + 2)?,
            kb_id: r.get(first + 3)?,
            code: r.get(first + 4)?,
            lat: r.get(first + 5)?,
            lon: r.get(first + 6)?,
            geonames_id: r.get(first + 7)?,
        })
    }

    fn record(&self) -> EntityRecord {
        EntityRecord {
            id: String::new(),
            name: self.name.clone(),
            kind: self.kind.clone(),
            country: self.country.clone(),
            sector: None,
            role: None,
            kb_id: self.kb_id.clone(),
            code: self.code.clone(),
            geo: None,
            mentions: Vec::new(),
        }
    }

    pub(super) fn party_key(&self) -> String {
        tidings_fuse::party_key(&self.record())
    }

    /// The key fusion gives a place (as `tidings_fuse::Place`): the knowledge-base id, else the
    /// GeoNames id, else the party key.
    fn place_key(&self) -> String {
        match (&self.kb_id, self.geonames_id) {
            (Some(id), _) => id.clone(),
            (None, Some(g)) => format!("geonames:{g}"),
            (None, None) => self.party_key(),
        }
    }
}

/// Entity rows sharing a key: the most used name wins (ties: the alphabetically first, so the
/// choice does not depend on row order).
#[derive(Default)]
pub(super) struct Names<'a> {
    pub(super) by_name: BTreeMap<&'a str, (usize, &'a EntityRow)>,
}

impl<'a> Names<'a> {
    pub(super) fn add(&mut self, e: &'a EntityRow) {
        self.by_name.entry(&e.name).or_insert((0, e)).0 += 1;
    }

    fn best(&self) -> Option<&'a EntityRow> {
        let mut best: Option<(usize, &'a EntityRow)> = None;
        for &(n, e) in self.by_name.values() {
            if best.is_none_or(|(m, _)| n > m) {
                best = Some((n, e));
            }
        }
        best.map(|(_, e)| e)
    }
}

pub(super) fn party(key: &str, names: Option<&Names>) -> Party {
    match names.and_then(Names::best) {
        Some(e) => Party {
            key: key.to_string(),
            name: e.name.clone(),
            kind: Some(e.kind.clone()),
            country: e.country.clone(),
            code: e.code.clone(),
            kb_id: e.kb_id.clone(),
        },
        None => Party {
            key: key.to_string(),
            name: key.to_string(),
            kind: None,
            country: None,
            code: None,
            kb_id: None,
        },
    }
}

pub(super) fn json_keys(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// The query of [`event_rows`]: newest first; `w`'s parameters are followed by the limit (-1:
/// all) and the offset, so that the text, and the prepared statement, are one per filter shape.
pub(super) fn event_rows_sql(w: &Where) -> String {
    format!(
        "SELECT e.id, e.type, e.mode, e.cameo, e.status, {DAY} AS day, e.date_start, e.date_end,
             e.first_seen, e.last_seen, e.article_count, e.outlet_count, e.actors, e.recipients,
             e.place, e.key_article
         FROM events e {} ORDER BY day DESC, e.id DESC LIMIT ? OFFSET ?",
        w.sql()
    )
}

/// The event rows `w` selects, newest first, with their parties, place and first member.
///
/// A page costs a fixed number of queries whatever its size: the rows, then the member
/// entities of all of them at once, then their mention counts and first members at once (the
/// page's ids go in as one JSON array, so each statement is prepared once per connection).
pub(super) fn event_rows(
    store: &Store,
    w: &Where,
    limit: usize,
    offset: usize,
) -> Result<Vec<EventRow>, StoreError> {
    let sql = event_rows_sql(w);
    let mut stmt = store.conn.prepare_cached(&sql).at(&store.path)?;
    let limit = if limit == 0 { -1 } else { limit as i64 };
    let page = [Value::Integer(limit), Value::Integer(offset as i64)];
    let raws = stmt
        .query_map(
            rusqlite::params_from_iter(w.params.iter().chain(&page)),
            |r| {
                Ok(Raw {
                    row: EventRow {
                        id: r.get(0)?,
                        kind: r.get(1)?,
                        mode: r.get(2)?,
                        cameo: r.get(3)?,
                        status: r.get(4)?,
                        day: r.get(5)?,
                        date_start: r.get(6)?,
                        date_end: r.get(7)?,
                        first_seen: r.get(8)?,
                        last_seen: r.get(9)?,
                        mention_count: 0,
                        article_count: r.get::<_, i64>(10)? as usize,
                        outlet_count: r.get::<_, i64>(11)? as usize,
                        actors: Vec::new(),
                        recipients: Vec::new(),
                        place: None,
                        trigger: String::new(),
                        sentence: String::new(),
                        article: r.get(15)?,
                        url: None,
                    },
                    actors: r.get(12)?,
                    recipients: r.get(13)?,
                    place: r.get(14)?,
                })
            },
        )
        .at(&store.path)?
        .collect::<Result<Vec<_>, _>>()
        .at(&store.path)?;
    if raws.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::to_string(&raws.iter().map(|r| r.row.id).collect::<Vec<_>>())
        .expect("ids serialize");
    let (mut entities, mut counts) = member_entities(store, &ids)?;
    let mut members = first_members(store, &ids)?;
    Ok(raws
        .into_iter()
        .map(|raw| {
            let mut row = raw.row;
            let entities = entities.remove(&row.id).unwrap_or_default();
            name_parties(
                &mut row,
                &raw.actors,
                &raw.recipients,
                raw.place.as_deref(),
                &entities,
            );
            row.mention_count = counts.remove(&row.id).unwrap_or(0);
            if let Some((trigger, url, sentence)) = members.remove(&row.id).flatten() {
                row.trigger = trigger;
                row.url = url;
                row.sentence = sentence.unwrap_or_default();
            }
            row
        })
        .collect())
}

/// A row of the page query, before its parties are named.
struct Raw {
    row: EventRow,
    actors: String,
    recipients: String,
    place: Option<String>,
}

/// Where an entity stands in an event mention: what [`name_parties`] names with it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Party,
    Place,
}

/// The party and place entities of the members of the events `ids` (a JSON array), and how
/// many members each has, per event.
///
/// Two queries: the members, then every entity of their articles (a few per article, read by
/// the `(article, entity_id)` index); the members' JSON lists of entity ids are matched here.
/// Within an event the entities come actors first, then recipients, then places, each by
/// member then entity id: a fixed order, because the first entity row of a name is the one
/// whose type and country a party shows ([`Names::add`]).
type ByEvent<T> = HashMap<i64, T>;
type Entity = (Role, EntityRow);

fn member_entities(
    store: &Store,
    ids: &str,
) -> Result<(ByEvent<Vec<Entity>>, ByEvent<usize>), StoreError> {
    struct Member {
        event: i64,
        article: i64,
        actors: String,
        recipients: String,
        location: Option<String>,
    }
    let members = store
        .conn
        .prepare_cached(
            "SELECT em.event, em.article, em.actors, em.recipients, em.location
             FROM event_mentions em WHERE em.event IN (SELECT value FROM json_each(?1))
             ORDER BY em.event, em.id",
        )
        .at(&store.path)?
        .query_map([ids], |r| {
            Ok(Member {
                event: r.get(0)?,
                article: r.get(1)?,
                actors: r.get(2)?,
                recipients: r.get(3)?,
                location: r.get(4)?,
            })
        })
        .at(&store.path)?
        .collect::<Result<Vec<_>, _>>()
        .at(&store.path)?;
    let mut articles: Vec<i64> = members.iter().map(|m| m.article).collect();
    articles.sort_unstable();
    articles.dedup();
    let articles = serde_json::to_string(&articles).expect("ids serialize");
    let mut entities: HashMap<(i64, String), EntityRow> = HashMap::new();
    let mut stmt = store
        .conn
        .prepare_cached(&format!(
            "SELECT en.article, en.entity_id, {ENTITY_COLUMNS} FROM entities en
             WHERE en.article IN (SELECT value FROM json_each(?1))"
        ))
        .at(&store.path)?;
    let rows = stmt
        .query_map([&articles], |r| {
            Ok((
                (r.get::<_, i64>(0)?, r.get::<_, String>(1)?),
                EntityRow::read(r, 2)?,
            ))
        })
        .at(&store.path)?;
    for row in rows {
        let (key, entity) = row.at(&store.path)?;
        entities.insert(key, entity);
    }
    let mut by_event: HashMap<i64, Vec<(Role, EntityRow)>> = HashMap::new();
    let mut counts = HashMap::new();
    for group in members.chunk_by(|a, b| a.event == b.event) {
        counts.insert(group[0].event, group.len());
        let mut found = Vec::new();
        type List = fn(&Member) -> Vec<String>;
        let lists: [(Role, List); 3] = [
            (Role::Party, |m| json_keys(&m.actors)),
            (Role::Party, |m| json_keys(&m.recipients)),
            (Role::Place, |m| m.location.iter().cloned().collect()),
        ];
        for (role, list) in lists {
            for member in group {
                let mut ids = list(member);
                ids.sort();
                for id in ids {
                    if let Some(e) = entities.get(&(member.article, id)) {
                        found.push((role, e.clone()));
                    }
                }
            }
        }
        by_event.insert(group[0].event, found);
    }
    Ok((by_event, counts))
}

/// An event's first member: its trigger, its article's URL and its sentence.
type FirstMember = (String, Option<String>, Option<String>);

/// The [`FirstMember`] of the events `ids` (a JSON array), per event (`None`: not stored).
fn first_members(store: &Store, ids: &str) -> Result<ByEvent<Option<FirstMember>>, StoreError> {
    let mut stmt = store
        .conn
        .prepare_cached(
            "SELECT e.id, em.id IS NOT NULL, em.trigger_text, a.url,
                 coalesce(
                   (SELECT ev.sentence_text FROM evidence ev
                    WHERE ev.event_mention = em.id AND ev.sentence = em.sentence LIMIT 1),
                   (SELECT ev.sentence_text FROM evidence ev
                    WHERE ev.event_mention = em.id ORDER BY ev.id LIMIT 1))
             FROM events e
             LEFT JOIN articles a ON a.id = e.key_article
             LEFT JOIN event_mentions em ON em.article = a.seq AND em.event_index = e.key_event
             WHERE e.id IN (SELECT value FROM json_each(?1))",
        )
        .at(&store.path)?;
    let rows = stmt
        .query_map([ids], |r| {
            let first = if r.get::<_, bool>(1)? {
                Some((r.get(2)?, r.get(3)?, r.get(4)?))
            } else {
                None
            };
            Ok((r.get::<_, i64>(0)?, first))
        })
        .at(&store.path)?;
    rows.collect::<Result<HashMap<_, _>, _>>().at(&store.path)
}

/// Names the parties and place of `row` from its members' `entities`.
fn name_parties(
    row: &mut EventRow,
    actors: &str,
    recipients: &str,
    place: Option<&str>,
    entities: &[(Role, EntityRow)],
) {
    let mut parties: HashMap<String, Names> = HashMap::new();
    let mut places: HashMap<String, Names> = HashMap::new();
    for (role, e) in entities {
        match role {
            Role::Place => places.entry(e.place_key()).or_default().add(e),
            Role::Party => parties.entry(e.party_key()).or_default().add(e),
        }
    }
    row.actors = json_keys(actors)
        .iter()
        .map(|k| party(k, parties.get(k)))
        .collect();
    row.recipients = json_keys(recipients)
        .iter()
        .map(|k| party(k, parties.get(k)))
        .collect();
    row.place = place.map(|key| {
        // The key names the place; its coordinates may come from any member naming it so.
        let names = places.get(key);
        let best = names.and_then(Names::best);
        let located = names.and_then(|n| {
            n.by_name
                .values()
                .map(|(_, e)| *e)
                .find(|e| e.lat.is_some() && e.lon.is_some())
        });
        PlaceRow {
            key: key.to_string(),
            name: best.map_or_else(|| key.to_string(), |e| e.name.clone()),
            country: best.and_then(|e| e.country.clone()),
            lat: located.and_then(|e| e.lat),
            lon: located.and_then(|e| e.lon),
            geonames_id: best.and_then(|e| e.geonames_id),
        }
    });
}
