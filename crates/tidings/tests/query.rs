//! `tidings query` and `tidings export` on a store `tidings ingest` filled from the committed
//! sample articles.

use crate::util::*;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The store, ingested once per test binary.
fn db() -> &'static str {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    let path = DB.get_or_init(|| {
        let db = scratch("query").join("store.db");
        let o = tidings(&["ingest", "samples/articles.jsonl", "--db", db.to_str().unwrap()], b"");
        assert!(o.status.success(), "{}", stderr(&o));
        db
    });
    path.to_str().unwrap()
}

fn query(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["query", "--db", db(), "--format", "json"];
    all.extend_from_slice(args);
    let o = tidings(&all, b"");
    assert!(o.status.success(), "{}", stderr(&o));
    records(&o)
}

fn field<'a>(events: &'a [serde_json::Value], key: &str) -> Vec<&'a str> {
    events.iter().map(|e| e[key].as_str().unwrap_or("")).collect()
}

#[test]
fn filters_narrow_the_events() {
    let all = query(&[]);
    assert!(all.len() >= 5, "{all:?}");
    let days = field(&all, "day");
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "newest first: {days:?}");

    // The grain protest sample (June 2025) and the ferry deal sample (March 2025).
    let june = query(&["--from", "2025-06-01"]);
    assert!(!june.is_empty() && june.len() < all.len());
    assert!(field(&june, "day").iter().all(|d| *d >= "2025-06-01"));
    let march = query(&["--to", "2025-03"]);
    assert_eq!(june.len() + march.len(), all.len());

    let protests = query(&["--type", "protest"]);
    assert!(!protests.is_empty());
    assert!(field(&protests, "type").iter().all(|t| *t == "PROTEST"));

    let planned = query(&["--status", "planned"]);
    assert!(field(&planned, "status").iter().all(|s| *s == "planned"));
    assert!(planned.len() < all.len());

    let text = query(&["--text", "ferry inspection"]);
    assert!(!text.is_empty());
    assert!(text.len() < all.len());

    let outlet = query(&["--outlet", "tidings sample wire"]);
    assert_eq!(outlet.len(), all.len(), "one outlet wrote every sample");
    assert!(query(&["--outlet", "Nobody's Gazette"]).is_empty());

    let finland = query(&["--country", "FIN"]);
    assert!(!finland.is_empty() && finland.len() < all.len());

    // Tallinn is the only sample place with coordinates this close to 59.44N 24.75E.
    let near = query(&["--near", "59.44,24.75,30"]);
    for e in &near {
        let lat = e["place"]["lat"].as_f64().unwrap();
        assert!((lat - 59.44).abs() < 0.5, "{e}");
    }

    assert_eq!(query(&["--limit", "2"]).len(), 2);
    assert_eq!(query(&["--limit", "2", "--offset", "1"])[0], all[1]);
}

#[test]
fn table_and_csv_show_the_same_events() {
    let all = query(&["--limit", "0"]);
    let o = tidings(&["query", "--db", db(), "--format", "csv", "--limit", "0"], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(csv.starts_with("id,day,type,status,actors,recipients,place,articles,outlets,trigger,sentence\n"));
    // A quoted cell may hold line breaks (a sentence across lines).
    let breaks: usize = all.iter().map(|e| e["sentence"].as_str().unwrap().matches('\n').count()).sum();
    assert_eq!(csv.lines().count(), all.len() + 1 + breaks);
    let o = tidings(&["query", "--db", db()], b"");
    let table = stdout(&o);
    assert!(table.starts_with("id "), "{table}");
    assert!(table.contains(all[0]["trigger"].as_str().unwrap()));
}

#[test]
fn bad_flags_are_refused() {
    for args in [
        &["query", "--db", db(), "--near", "91,0,10"][..],
        &["query", "--db", db(), "--near", "1,2"],
        &["query", "--db", db(), "--from", "yesterday"],
        &["query", "--db", "/nonexistent/store.db"],
    ] {
        let o = tidings(args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn export_writes_records_gdelt_rows_and_parquet() {
    let dir = scratch("export");
    let all = query(&["--limit", "0"]);
    let out = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let o = tidings(&["export", "--db", db(), "--format", "jsonl", "--out", &out("r.jsonl")], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let samples = std::fs::read_to_string(workspace().join("samples/articles.jsonl")).unwrap();
    let jsonl = std::fs::read_to_string(out("r.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), samples.lines().count());

    let o = tidings(&["export", "--db", db(), "--format", "gdelt", "--out", &out("e.tsv")], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let tsv = std::fs::read_to_string(out("e.tsv")).unwrap();
    assert_eq!(tsv.lines().count(), all.len());
    assert!(tsv.lines().all(|l| l.split('\t').count() == 61));

    let o = tidings(&["export", "--db", db(), "--format", "parquet", "--out", &out("e.parquet")], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(out("e.parquet")).unwrap();
    assert_eq!(&bytes[..4], b"PAR1");
    assert!(stderr(&o).contains(&format!("{} events", all.len())));
}
