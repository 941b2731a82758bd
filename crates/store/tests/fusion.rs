//! Fused events in the store: one row per happening, kept right across batches and runs.

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use tidings_doc::Record;
use tidings_store::Store;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tidings-fusion-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("store.db")
}

/// An article of one sentence telling of one CONSULT event of the parties `codes` (CAMEO actor
/// codes), dated 2024-03-04, with `status`.
fn report(id: &str, outlet: &str, published: &str, status: &str, codes: &[&str]) -> Record {
    let text = format!("Report {id}: {} met on Monday.", codes.join(" and "));
    let entities: Vec<serde_json::Value> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            serde_json::json!({"id": format!("E{}", i + 1), "name": code, "type": "ORG",
                "country": null, "sector": null, "role": null, "kb_id": null, "code": code,
                "geo": null, "mentions": []})
        })
        .collect();
    let actors: Vec<String> = (1..=codes.len()).map(|i| format!("E{i}")).collect();
    let n = text.chars().count();
    serde_json::from_value(serde_json::json!({
        "format": "tidings/1",
        "article": {"id": id, "url": null, "outlet": outlet, "published": published,
                    "title": null, "text": text},
        "sentences": [{"start": 0, "end": n}],
        "times": [],
        "entities": entities,
        "events": [{
            "id": "V1", "type": "CONSULT", "mode": "meet", "cameo": "043",
            "trigger": {"start": 0, "end": 6, "text": "Report"},
            "actors": actors, "recipients": [], "location": null, "time": null,
            "date": "2024-03-04", "status": status, "attribution": [], "quote": null,
            "sentence": 0, "confidence": 0.9,
            "evidence": [{"sentence": 0, "start": 0, "end": 6, "text": "Report"}], "quotes": []
        }]
    }))
    .unwrap()
}

/// Every fused event as (key, type, actors, article count, outlet count, first and last seen,
/// its members, its status history), in key order: what must not depend on batches.
fn fused_events(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT e.id, e.key_article || '#' || e.key_event, e.type, e.actors, e.article_count,
                    e.outlet_count, e.first_seen, e.last_seen, e.status
             FROM events e ORDER BY 2",
        )
        .unwrap();
    let rows: Vec<(i64, String)> = stmt
        .query_map([], |r| {
            let fields: Vec<String> = (1..9)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    other => format!("{other:?}"),
                })
                .collect();
            Ok((r.get(0)?, fields.join(" | ")))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.into_iter()
        .map(|(id, row)| {
            let members: Vec<String> = conn
                .prepare(
                    "SELECT a.id FROM event_mentions em JOIN articles a ON a.seq = em.article
                     WHERE em.event = ?1 ORDER BY a.id",
                )
                .unwrap()
                .query_map([id], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let history: Vec<String> = conn
                .prepare(
                    "SELECT h.status || '@' || h.seen || ' ' || a.id || ': ' || h.evidence
                     FROM status_history h JOIN articles a ON a.seq = h.article
                     WHERE h.event = ?1 ORDER BY h.id",
                )
                .unwrap()
                .query_map([id], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            format!("{row} | members {members:?} | history {history:?}")
        })
        .collect()
}

fn crowd() -> Vec<Record> {
    vec![
        report("a", "KCNA", "2024-03-01", "planned", &["PRK"]),
        report("c", "TASS", "2024-03-05", "happened", &["RUS"]),
        report("e", "BBC", "2024-03-05", "happened", &["FRA"]),
        // Bridges a and c: its parties include both.
        report("b", "Reuters", "2024-03-04", "happened", &["PRK", "RUS"]),
        report("d", "KCNA", "2024-03-06", "happened", &["PRK", "RUS"]),
    ]
}

#[test]
fn reports_of_one_happening_become_one_event_with_counts_and_status_history() {
    let path = scratch("one");
    let mut store = Store::open(&path).unwrap();
    store.add_batch(&crowd()).unwrap();
    let counts = store.counts().unwrap();
    assert_eq!((counts.event_mentions, counts.events), (5, 2));
    let events = fused_events(&path);
    assert_eq!(events.len(), 2, "{events:#?}");
    let merged = &events[0];
    assert!(
        merged.starts_with("a#0 | CONSULT | [\"cameo:PRK\",\"cameo:RUS\"] | 4 | 3 | 2024-03-01 | 2024-03-06 | happened"),
        "{merged}"
    );
    assert!(
        merged.contains("members [\"a\", \"b\", \"c\", \"d\"]"),
        "{merged}"
    );
    // Planned by the first report, happened from the next one on: two changes.
    assert!(
        merged.ends_with(
            "history [\"planned@2024-03-01 a: Report a: PRK met on Monday.\", \"happened@2024-03-04 b: Report b: PRK and RUS met on Monday.\"]"
        ),
        "{merged}"
    );
}

#[test]
fn fused_events_do_not_depend_on_batches_order_or_reopening() {
    let all_at_once = scratch("all");
    Store::open(&all_at_once)
        .unwrap()
        .add_batch(&crowd())
        .unwrap();
    let expected = fused_events(&all_at_once);

    // One article per batch, in another order, across three openings of the file: a and c are
    // two events until b joins them.
    let piecemeal = scratch("piecemeal");
    let reports = crowd();
    for run in [&[2, 0][..], &[1], &[3, 4]] {
        let mut store = Store::open(&piecemeal).unwrap();
        for &i in run {
            store.add_batch(&[reports[i].clone()]).unwrap();
        }
        if run == [1] {
            assert_eq!(store.counts().unwrap().events, 3, "before the bridge");
        }
    }
    assert_eq!(fused_events(&piecemeal), expected);

    // Nothing points to a deleted event; every event has members and a history.
    let conn = Connection::open(&piecemeal).unwrap();
    let dangling: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM event_mentions WHERE event IS NULL
                        OR event NOT IN (SELECT id FROM events))
                  + (SELECT count(*) FROM events WHERE id NOT IN (SELECT event FROM event_mentions))
                  + (SELECT count(*) FROM events WHERE id NOT IN (SELECT event FROM status_history))
                  + (SELECT count(*) FROM status_history WHERE event NOT IN (SELECT id FROM events))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dangling, 0);
}

#[test]
fn a_merged_event_keeps_the_oldest_row_id() {
    let path = scratch("rowid");
    let mut store = Store::open(&path).unwrap();
    let reports = crowd();
    store.add_batch(&[reports[1].clone()]).unwrap(); // c: row 1
    store.add_batch(&[reports[0].clone()]).unwrap(); // a: row 2
    store.add_batch(&[reports[3].clone()]).unwrap(); // b joins them
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let ids: Vec<(i64, String)> = conn
        .prepare("SELECT id, key_article FROM events")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids, [(1, "a".to_string())]);
}
