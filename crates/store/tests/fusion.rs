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

/// Four reports of one meeting (all pairwise compatible: the first names one party, the others
/// both); three where the third names the parties of the first two, who share none (fusion may
/// make one or two events of them); one of something else.
fn crowd() -> Vec<Record> {
    vec![
        report("a", "KCNA", "2024-03-01", "planned", &["PRK"]),
        report("b", "Reuters", "2024-03-04", "happened", &["PRK", "RUS"]),
        report("c", "TASS", "2024-03-05", "happened", &["PRK", "RUS"]),
        report("d", "KCNA", "2024-03-06", "happened", &["PRK", "RUS"]),
        report("x", "BBC", "2024-03-05", "happened", &["USA"]),
        report("y", "Xinhua", "2024-03-05", "happened", &["CHN"]),
        report("z", "AP", "2024-03-06", "happened", &["CHN", "USA"]),
        report("e", "BBC", "2024-03-05", "happened", &["FRA"]),
    ]
}

fn index_of(id: &str) -> usize {
    crowd().iter().position(|r| r.article.id == id).unwrap()
}

#[test]
fn reports_of_one_happening_become_one_event_with_counts_and_status_history() {
    let path = scratch("one");
    let mut store = Store::open(&path).unwrap();
    store.add_batch(&crowd()).unwrap();
    let counts = store.counts().unwrap();
    assert_eq!(counts.event_mentions, 8);
    assert!((3..=4).contains(&counts.events), "{counts:?}");
    assert_eq!(store.consistency_check().unwrap(), Vec::<String>::new());
    let meeting_row = store
        .fused_event_of("a", 0)
        .unwrap()
        .expect("a's event is fused");
    for member in ["b", "c", "d"] {
        assert_eq!(store.fused_event_of(member, 0).unwrap(), Some(meeting_row));
    }
    assert_ne!(store.fused_event_of("e", 0).unwrap(), Some(meeting_row));
    assert_eq!(store.fused_event_of("a", 1).unwrap(), None);
    let events = fused_events(&path);
    let meeting = events.iter().find(|e| e.starts_with("a#0")).expect("a#0");
    assert!(
        meeting.starts_with(
            "a#0 | CONSULT | [\"cameo:PRK\",\"cameo:RUS\"] | 4 | 3 | 2024-03-01 | 2024-03-06 | happened"
        ),
        "{meeting}"
    );
    assert!(
        meeting.contains("members [\"a\", \"b\", \"c\", \"d\"]"),
        "{meeting}"
    );
    // Planned by the first report, happened from the next one on: two changes.
    assert!(
        meeting.ends_with(
            "history [\"planned@2024-03-01 a: Report a: PRK met on Monday.\", \"happened@2024-03-04 b: Report b: PRK and RUS met on Monday.\"]"
        ),
        "{meeting}"
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

    // One article per batch, in another order, across four openings of the file.
    let piecemeal = scratch("piecemeal");
    let reports = crowd();
    for run in [&["e", "x"][..], &["y"], &["a", "c"], &["z", "b", "d"]] {
        let mut store = Store::open(&piecemeal).unwrap();
        for id in run {
            store.add_batch(&[reports[index_of(id)].clone()]).unwrap();
        }
        assert_eq!(store.consistency_check().unwrap(), Vec::<String>::new());
        if run == ["y"] {
            assert_eq!(store.counts().unwrap().events, 3, "e, x, y");
        }
    }
    assert_eq!(fused_events(&piecemeal), expected);
}

#[test]
fn fused_events_keep_the_oldest_row_ids() {
    let path = scratch("rowid");
    let mut store = Store::open(&path).unwrap();
    let reports = crowd();
    for id in ["y", "x", "z"] {
        store.add_batch(&[reports[index_of(id)].clone()]).unwrap();
    }
    assert_eq!(store.consistency_check().unwrap(), Vec::<String>::new());
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM events ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // y's row is 1, x's 2; z joins one or both: no new row.
    assert!(ids == [1] || ids == [1, 2], "{ids:?}");
}
