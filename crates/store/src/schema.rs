//! The versioned schema: one SQL script per version, applied in order.
//!
//! `PRAGMA user_version` holds the number of scripts applied. A migration only ever adds (tables,
//! columns, indexes) or rewrites data forward; a database written by a newer Tidings (a higher
//! version than [`MIGRATIONS`] knows) is refused rather than guessed at.

/// Version `i + 1` is reached by running `MIGRATIONS[i]` on version `i`.
pub const MIGRATIONS: &[&str] = &[V1, V2];

/// The schema version this build writes.
pub const VERSION: u32 = MIGRATIONS.len() as u32;

/// Version 1: articles with their records, entities and mentions, the events of each record
/// (`event_mentions`) and the fused happenings they belong to (`events`), sources, status
/// history and a full-text index over evidence sentences.
///
/// Offsets (`start`, `end`) are character offsets into `articles.text`, as in the record.
/// Dates are ISO 8601 text, so that they sort and compare as strings.
const V1: &str = r#"
CREATE TABLE outlets (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- One row per stored article; `record` is its whole tidings/1 record as JSON, the other
-- columns are copies for filtering. `seq` orders articles by ingestion.
CREATE TABLE articles (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    url          TEXT,
    outlet       INTEGER REFERENCES outlets(id),
    published    TEXT,
    title        TEXT,
    text         TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    record       TEXT NOT NULL,
    ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);

-- The entities of each article's record (`entity_id` is the record's `E1`, `E2`, ...).
CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    article     INTEGER NOT NULL REFERENCES articles(seq),
    entity_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    country     TEXT,
    sector      TEXT,
    role        TEXT,
    kb_id       TEXT,
    code        TEXT,
    lat         REAL,
    lon         REAL,
    geonames_id INTEGER,
    UNIQUE (article, entity_id)
);
CREATE INDEX entities_kb_id ON entities(kb_id);
CREATE INDEX entities_code ON entities(code);
CREATE INDEX entities_country ON entities(country);

CREATE TABLE mentions (
    id      INTEGER PRIMARY KEY,
    entity  INTEGER NOT NULL REFERENCES entities(id),
    article INTEGER NOT NULL REFERENCES articles(seq),
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    text    TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity);

-- Fused events: one row per happening, however many articles and outlets tell of it (fusion:
-- crate tidings-fuse). `key_article`, `key_event` name it by its first member (article id,
-- event index), as fusion does. `actors`, `recipients` are JSON arrays of party keys; `place` a
-- place key; `date_start`, `date_end` the days covering its members' dates; `status` the
-- latest status reported; first/last seen are publication times of the articles telling of it.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    key_article   TEXT NOT NULL,
    key_event     INTEGER NOT NULL,
    type          TEXT NOT NULL,
    mode          TEXT,
    cameo         TEXT,
    actors        TEXT NOT NULL,
    recipients    TEXT NOT NULL,
    place         TEXT,
    date_start    TEXT,
    date_end      TEXT,
    status        TEXT NOT NULL,
    first_seen    TEXT,
    last_seen     TEXT,
    article_count INTEGER NOT NULL,
    outlet_count  INTEGER NOT NULL,
    UNIQUE (key_article, key_event)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_status ON events(status);

-- One row per event of an article's record (`event_index` its index in the record's events,
-- `event_id` its id there, `V1`, ...), with the
-- fused event it belongs to (set in the same transaction). `actors`, `recipients` are JSON
-- arrays of the record's entity ids.
CREATE TABLE event_mentions (
    id            INTEGER PRIMARY KEY,
    article       INTEGER NOT NULL REFERENCES articles(seq),
    event_index   INTEGER NOT NULL,
    event_id      TEXT NOT NULL,
    event         INTEGER REFERENCES events(id),
    type          TEXT NOT NULL,
    mode          TEXT,
    cameo         TEXT,
    sentence      INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    trigger_text  TEXT NOT NULL,
    actors        TEXT NOT NULL,
    recipients    TEXT NOT NULL,
    location      TEXT,
    time          TEXT,
    date          TEXT,
    status        TEXT NOT NULL,
    confidence    REAL NOT NULL,
    quote         TEXT,
    UNIQUE (article, event_index)
);
CREATE INDEX event_mentions_event ON event_mentions(event);

-- The chain of sources of an event mention, nearest first (`rank` 0).
CREATE TABLE attributions (
    id            INTEGER PRIMARY KEY,
    event_mention INTEGER NOT NULL REFERENCES event_mentions(id),
    rank          INTEGER NOT NULL,
    entity        INTEGER REFERENCES entities(id),
    text          TEXT NOT NULL,
    cue           TEXT NOT NULL,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL
);
CREATE INDEX attributions_event_mention ON attributions(event_mention);

-- Every sentence that tells of an event mention, with its trigger words and the sentence text.
CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY,
    event_mention INTEGER NOT NULL REFERENCES event_mentions(id),
    article       INTEGER NOT NULL REFERENCES articles(seq),
    sentence      INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    trigger_text  TEXT NOT NULL,
    sentence_text TEXT NOT NULL
);
CREATE INDEX evidence_event_mention ON evidence(event_mention);

-- Full-text search over evidence sentences (`--text` queries); rows are written with evidence.
CREATE VIRTUAL TABLE evidence_fts USING fts5(
    sentence_text, content='evidence', content_rowid='id'
);

-- Each change in the status a fused event was reported with, in publication order: when, by
-- which article, event mention and sentence (`evidence` is that sentence's text).
CREATE TABLE status_history (
    id            INTEGER PRIMARY KEY,
    event         INTEGER NOT NULL REFERENCES events(id),
    status        TEXT NOT NULL,
    seen          TEXT,
    article       INTEGER NOT NULL REFERENCES articles(seq),
    event_mention INTEGER NOT NULL REFERENCES event_mentions(id),
    sentence      INTEGER NOT NULL,
    evidence      TEXT NOT NULL
);
CREATE INDEX status_history_event ON status_history(event);
"#;

/// Version 2: indexes on the day of an event (the expression `query` calls `DAY`, which must
/// stay the same expression word for word, or SQLite will not use them), alone and after the
/// lower-cased type and status. With them a page of the event list, newest first, reads only
/// its rows instead of sorting every event, and daily counts read the index alone: on 100,000
/// events a filtered page went from ~30 ms to under 1 ms (`bench/serve-load`, BENCHMARKS.md).
const V2: &str = r#"
CREATE INDEX events_day ON events(
    (CASE WHEN date_start IS NOT NULL AND date_start = date_end
     THEN date_start ELSE coalesce(substr(first_seen, 1, 10), date_start) END), id);
CREATE INDEX events_day_type ON events(
    (CASE WHEN date_start IS NOT NULL AND date_start = date_end
     THEN date_start ELSE coalesce(substr(first_seen, 1, 10), date_start) END), type);
CREATE INDEX events_type_day ON events(lower(type),
    (CASE WHEN date_start IS NOT NULL AND date_start = date_end
     THEN date_start ELSE coalesce(substr(first_seen, 1, 10), date_start) END), id);
CREATE INDEX events_status_day ON events(lower(status),
    (CASE WHEN date_start IS NOT NULL AND date_start = date_end
     THEN date_start ELSE coalesce(substr(first_seen, 1, 10), date_start) END), id);
"#;
