//! The store on hand-made records: schema and migrations, idempotence, what each table holds.

use rusqlite::Connection;
use std::path::PathBuf;
use tidings_doc::Record;
use tidings_store::{content_hash, schema, Store, StoreError};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tidings-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("store.db")
}

/// A record with two entities, one event with a source and evidence in two sentences.
fn record(id: &str, text_suffix: &str, outlet: &str) -> Record {
    let text = format!("Ministers met in Oslo on Monday. The talks went on late{text_suffix}.");
    serde_json::from_value(serde_json::json!({
        "format": "tidings/1",
        "article": {"id": id, "url": null, "outlet": outlet, "published": "2024-03-04",
                    "title": "Talks", "text": text},
        "sentences": [{"start": 0, "end": 32}, {"start": 33, "end": text.chars().count()}],
        "times": [{"id": "T1", "start": 25, "end": 31, "text": "Monday", "type": "DATE",
                   "value": "2024-03-04", "mod": null}],
        "entities": [
            {"id": "E1", "name": "Ministers", "type": "PER", "country": null, "sector": "GOV",
             "role": null, "kb_id": null, "code": "GOV", "geo": null,
             "mentions": [{"start": 0, "end": 9, "text": "Ministers"}]},
            {"id": "E2", "name": "Oslo", "type": "LOC", "country": "NOR", "sector": null,
             "role": null, "kb_id": "geonames:3143244", "code": null,
             "geo": {"lat": 59.91, "lon": 10.75, "geonames_id": 3143244},
             "mentions": [{"start": 17, "end": 21, "text": "Oslo"}]}
        ],
        "events": [{
            "id": "V1", "type": "CONSULT", "mode": "meet", "cameo": "043",
            "trigger": {"start": 10, "end": 13, "text": "met"},
            "actors": ["E1"], "recipients": [], "location": "E2", "time": "T1",
            "date": "2024-03-04", "status": "happened",
            "attribution": [{"entity": "E1", "text": "Ministers", "cue": "said", "start": 0, "end": 9}],
            "quote": null, "sentence": 0, "confidence": 0.9,
            "evidence": [{"sentence": 0, "start": 10, "end": 13, "text": "met"},
                         {"sentence": 1, "start": 37, "end": 42, "text": "talks"}],
            "quotes": []
        }]
    }))
    .unwrap()
}

#[test]
fn a_new_file_gets_the_latest_schema_and_reopening_keeps_the_data() {
    let path = scratch("schema");
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::VERSION);
        store.add_batch(&[record("a1", "", "NRK")]).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::VERSION);
    assert_eq!(store.counts().unwrap().articles, 1);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn migrations_run_from_any_older_version_in_order() {
    // A file left at version 0 (created by someone else, empty) is migrated step by step.
    let path = scratch("migrate");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE unrelated (x INTEGER);")
        .unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::VERSION);
    let conn = Connection::open(&path).unwrap();
    for table in [
        "articles",
        "outlets",
        "entities",
        "mentions",
        "events",
        "event_mentions",
        "attributions",
        "status_history",
        "evidence",
        "evidence_fts",
        "unrelated",
    ] {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "table {table}");
    }
}

#[test]
fn a_newer_schema_is_refused_with_the_path() {
    let path = scratch("newer");
    Connection::open(&path)
        .unwrap()
        .execute_batch(&format!("PRAGMA user_version = {}", schema::VERSION + 1))
        .unwrap();
    let err = Store::open(&path).err().expect("a newer schema is refused");
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    let err = Store::open_read_only(&path)
        .err()
        .expect("refused read-only too");
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
}

#[test]
fn read_only_opening_refuses_an_unmigrated_file_and_writes_nothing() {
    let path = scratch("readonly");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x);")
        .unwrap();
    let err = Store::open_read_only(&path)
        .err()
        .expect("version 0 is refused");
    assert!(
        matches!(err, StoreError::OlderSchema { found: 0, .. }),
        "{err}"
    );
    let mut store = Store::open(&path).unwrap();
    store.add_batch(&[record("a1", "", "NRK")]).unwrap();
    drop(store);
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.counts().unwrap().articles, 1);
}

#[test]
fn an_article_is_stored_once_by_id_or_by_content() {
    let path = scratch("idempotent");
    let mut store = Store::open(&path).unwrap();
    let first = store
        .add_batch(&[
            record("a1", "", "NRK"),
            record("a2", " into the night", "BBC"),
        ])
        .unwrap();
    assert_eq!((first.stored, first.skipped, first.events), (2, 0, 2));
    let before = store.counts().unwrap();
    // Same id, other text; other id, same text up to whitespace; a duplicate inside the batch.
    let mut respaced = record("a3", " into the night", "BBC");
    respaced.article.text = respaced.article.text.replace(' ', "  ");
    let again = store
        .add_batch(&[
            record("a1", " again", "NRK"),
            respaced,
            record("a4", "!", "NRK"),
            record("a4", "!", "NRK"),
        ])
        .unwrap();
    assert_eq!((again.stored, again.skipped), (1, 3));
    let after = store.counts().unwrap();
    assert_eq!(after.articles, before.articles + 1);
    assert_eq!(after.event_mentions, before.event_mentions + 1);
    assert!(store.contains("a1", "no such hash").unwrap());
    assert!(store
        .contains(
            "nobody",
            &content_hash("Ministers met in Oslo on Monday.\nThe talks went on late.")
        )
        .unwrap());
    assert!(!store
        .contains("nobody", &content_hash("Something else."))
        .unwrap());
}

#[test]
fn each_table_holds_the_record_with_character_offsets() {
    let path = scratch("tables");
    let mut store = Store::open(&path).unwrap();
    // A non-ASCII suffix: evidence sentence text is cut by character offsets.
    let mut r = record("a1", "", "NRK");
    r.article.text = r.article.text.replacen("Ministers", "Ministrës", 1);
    let outcome = store.add_batch(&[r.clone()]).unwrap();
    assert_eq!((outcome.stored, outcome.events), (1, 1));
    assert_eq!(store.record("a1").unwrap().unwrap(), r);
    assert_eq!(store.record("zz").unwrap(), None);
    let counts = store.counts().unwrap();
    assert_eq!(
        (
            counts.outlets,
            counts.entities,
            counts.mentions,
            counts.event_mentions,
            counts.events
        ),
        (1, 2, 2, 1, 1)
    );
    assert_eq!(
        (counts.evidence, counts.attributions, counts.status_changes),
        (2, 1, 1)
    );
    drop(store);

    let conn = Connection::open(&path).unwrap();
    let sentences: Vec<String> = conn
        .prepare("SELECT sentence_text FROM evidence ORDER BY sentence")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        sentences,
        [
            "Ministrës met in Oslo on Monday.",
            "The talks went on late."
        ]
    );
    let hit: String = conn
        .query_row(
            "SELECT e.trigger_text FROM evidence_fts f JOIN evidence e ON e.id = f.rowid
             WHERE evidence_fts MATCH 'late'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hit, "talks");
    let row: (String, String, String, String, String, i64, i64) = conn
        .query_row(
            "SELECT type, actors, place, status, first_seen, article_count, outlet_count
             FROM events",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .unwrap();
    let expected = (
        "CONSULT",
        "[\"cameo:GOV\"]",
        "geonames:3143244",
        "happened",
        "2024-03-04",
        1,
        1,
    );
    assert_eq!(
        (
            row.0.as_str(),
            row.1.as_str(),
            row.2.as_str(),
            row.3.as_str(),
            row.4.as_str(),
            row.5,
            row.6
        ),
        expected
    );
    let source: String = conn
        .query_row(
            "SELECT en.name FROM attributions a JOIN entities en ON en.id = a.entity",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(source, "Ministers");
    let unassigned: i64 = conn
        .query_row(
            "SELECT count(*) FROM event_mentions WHERE event IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unassigned, 0);
}

#[test]
fn content_hash_ignores_whitespace_runs_only() {
    assert_eq!(content_hash("a  b\n c "), content_hash("a b c"));
    assert_ne!(content_hash("a b c"), content_hash("a b d"));
    assert_ne!(content_hash("ab c"), content_hash("a bc"));
    assert_eq!(content_hash("").len(), 32);
}
