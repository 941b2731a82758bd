//! `tidings ingest`: idempotence, rejects, and a SIGKILL in the middle of a run.

use crate::util::*;
use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tidings_store::Store;

/// `n` JSON Lines articles, one CoNLL-2003 training sentence each (repeated sentences left out,
/// since the store keeps one article per text), and their ids.
fn conll_articles(n: usize) -> (String, Vec<String>) {
    let path = tidings_corpus::shared_data("conll2003/train.txt");
    let sentences = tidings_corpus::conll::read(&path).unwrap();
    let mut seen = HashSet::new();
    let mut jsonl = String::new();
    let mut ids = Vec::new();
    for s in &sentences {
        let text: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        let text = text.join(" ");
        if !seen.insert(text.clone()) {
            continue;
        }
        let id = format!("conll-train-{}", s.line);
        let line = serde_json::json!({"id": id, "published": "1996-08-30", "outlet": "Reuters", "text": text});
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
        ids.push(id);
        if ids.len() == n {
            break;
        }
    }
    assert_eq!(
        ids.len(),
        n,
        "CoNLL-2003 train has fewer distinct sentences"
    );
    (jsonl, ids)
}

/// The summary line that starts with `label:`.
fn summary<'a>(out: &'a str, label: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(&format!("{label}:")))
        .unwrap_or_else(|| panic!("no {label:?} line in {out}"))
}

/// The ids in a rejects file.
pub(crate) fn rejected_ids(path: &Path) -> HashSet<String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashSet::new();
    };
    text.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter_map(|v| v["id"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn ingesting_twice_stores_once_and_bad_lines_go_to_the_rejects_file() {
    let dir = scratch("ingest-twice");
    let (mut jsonl, ids) = conll_articles(40);
    jsonl.push_str("this line is not JSON\n");
    jsonl.push_str("{\"id\": \"no-text\"}\n");
    let input = dir.join("articles.jsonl");
    std::fs::write(&input, &jsonl).unwrap();
    let db = dir.join("news.db");
    let rejects = dir.join("rejects.jsonl");
    let args = [
        "ingest",
        input.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--rejects",
        rejects.to_str().unwrap(),
        "--batch",
        "7",
    ];

    let first = tidings(&args, b"");
    assert_eq!(
        first.status.code(),
        Some(1),
        "rejects give exit 1: {}",
        stderr(&first)
    );
    let out = stdout(&first);
    let stored = Store::open_read_only(&db).unwrap().counts().unwrap();
    let panicked = rejected_ids(&rejects).len();
    assert_eq!(stored.articles, 40 - panicked);
    assert!(
        summary(&out, "articles").starts_with(&format!(
            "articles: 42 read, {} stored, 0 skipped, {} rejected",
            40 - panicked,
            2 + panicked
        )),
        "{out}"
    );
    let text = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let bad: Vec<&serde_json::Value> = lines.iter().filter(|l| l["id"].is_null()).collect();
    assert_eq!(bad.len(), 2, "{text}");
    assert_eq!(bad[0]["line"], 41);
    assert_eq!(bad[1]["line"], 42);
    assert!(bad[0]["source"]
        .as_str()
        .unwrap()
        .ends_with("articles.jsonl"));
    assert!(
        bad[1]["reason"].as_str().unwrap().contains("\"text\""),
        "{text}"
    );

    let second = tidings(&args, b"");
    let out = stdout(&second);
    assert!(
        summary(&out, "articles").starts_with(&format!(
            "articles: 42 read, 0 stored, {} skipped, {} rejected",
            40 - panicked,
            2 + panicked
        )),
        "{out}"
    );
    assert!(
        summary(&out, "events").starts_with("events: 0 stored;"),
        "{out}"
    );
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.counts().unwrap(), stored);
    assert_eq!(store.article_ids().unwrap().len(), 40 - panicked);
    assert!(ids
        .iter()
        .all(|id| store.contains(id, "").unwrap() || rejected_ids(&rejects).contains(id)));
    assert!(stored.event_mentions > 0 && stored.events > 0, "{stored:?}");
    assert_eq!(store.consistency_check().unwrap(), Vec::<String>::new());
}

#[test]
fn ingest_killed_mid_run_resumes_and_stores_every_article_once() {
    const N: usize = 10_000;
    let dir = scratch("ingest-crash");
    let (jsonl, ids) = conll_articles(N);
    let input = dir.join("articles.jsonl");
    std::fs::write(&input, &jsonl).unwrap();
    let db = dir.join("news.db");
    let rejects = dir.join("rejects.jsonl");
    let args = [
        "ingest",
        input.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--rejects",
        rejects.to_str().unwrap(),
        "--batch",
        "100",
    ];

    let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .current_dir(workspace())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once a few batches are committed.
    let started = Instant::now();
    loop {
        let stored = Store::open_read_only(&db)
            .and_then(|s| s.counts())
            .map_or(0, |c| c.articles);
        if stored >= 1_000 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest ended before it could be killed ({stored} stored)"
        );
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "ingest is too slow to test"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let after_kill = Store::open_read_only(&db).unwrap();
    let killed_at = after_kill.counts().unwrap().articles;
    assert!(killed_at < N, "the kill came after the end");
    assert_eq!(after_kill.integrity_check().unwrap(), ["ok"]);
    assert_eq!(
        after_kill.consistency_check().unwrap(),
        Vec::<String>::new()
    );
    drop(after_kill);

    let rerun = tidings(&args, b"");
    let out = stdout(&rerun);
    let rejected = rejected_ids(&rejects);
    let store = Store::open_read_only(&db).unwrap();
    let stored = each_stored_once_or_rejected(&store, &ids, &rejected);
    assert!(rejected.len() < N / 100, "{} rejected", rejected.len());
    assert_eq!(stored.len() + rejected.len(), N);
    assert!(
        summary(&out, "articles").starts_with(&format!(
            "articles: {N} read, {} stored, {killed_at} skipped",
            N - rejected.len() - killed_at
        )),
        "{out}"
    );
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    assert_eq!(store.consistency_check().unwrap(), Vec::<String>::new());
}

/// Checks that no article is stored twice and that each of `ids` is either stored or was
/// rejected (the pipeline panicked on it), never both; returns the stored ids.
pub(crate) fn each_stored_once_or_rejected(
    store: &Store,
    ids: &[String],
    rejected: &HashSet<String>,
) -> Vec<String> {
    let stored = store.article_ids().unwrap();
    let stored_set: HashSet<&String> = stored.iter().collect();
    assert_eq!(stored_set.len(), stored.len(), "an article stored twice");
    for id in ids {
        assert!(
            stored_set.contains(id) != rejected.contains(id),
            "{id}: stored {}, rejected {}",
            stored_set.contains(id),
            rejected.contains(id)
        );
    }
    stored
}
