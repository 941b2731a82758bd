//! Crash loop (issue 8, part 4): `tidings ingest` killed with SIGKILL twenty times at seeded
//! random points, each kill followed by a rerun, while another process reads the store.
//!
//! `ingest.rs` kills one ingest of 10,000 one-sentence articles once, after 1,000 are stored.
//! This loop kills often and anywhere: while the models load, between batches, in the middle of
//! a batch's extraction or of its transaction. To keep it within a minute or two in a debug
//! build it ingests half as many articles, of two sentences of one CoNLL-2003 document each (the
//! validation documents first), in small batches, so that many batches commit between kills.
//!
//! After every kill: `PRAGMA integrity_check` is ok, the store keeps its own promises
//! ([`Store::consistency_check`]), nothing committed before is lost, and no article is stored
//! twice. After the last rerun, every article is stored exactly once (or rejected, never both).
//! Meanwhile this test process reads the store over and over: the counts it sees never go down
//! and every snapshot it reads is consistent.

use crate::ingest::{each_stored_once_or_rejected, rejected_ids};
use crate::util::*;
use std::collections::HashSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tidings_store::{Counts, Store};

const RUNS: usize = 20;
const ARTICLES: usize = 5_000;
const BATCH: usize = 10;

/// Articles of two consecutive sentences of one CoNLL-2003 document (validation, then
/// training documents), as JSON Lines, and their ids.
fn two_sentence_articles(n: usize) -> (String, Vec<String>) {
    let mut seen = HashSet::new();
    let mut jsonl = String::new();
    let mut ids = Vec::new();
    for split in ["valid", "train"] {
        let path = tidings_corpus::shared_data(&format!("conll2003/{split}.txt"));
        let sentences = tidings_corpus::conll::read(&path).unwrap();
        let mut documents: Vec<Vec<&tidings_corpus::conll::Sentence>> = Vec::new();
        for s in &sentences {
            if s.doc_start || documents.is_empty() {
                documents.push(Vec::new());
            }
            documents.last_mut().unwrap().push(s);
        }
        for doc in &documents {
            for window in doc.chunks(2) {
                let words = |s: &tidings_corpus::conll::Sentence| {
                    s.tokens.iter().map(|t| t.form.as_str()).collect::<Vec<_>>().join(" ")
                };
                let text = window.iter().map(|s| words(s)).collect::<Vec<_>>().join(" ");
                if !seen.insert(text.clone()) {
                    continue;
                }
                let id = format!("conll-{split}-{}", window[0].line);
                let line = serde_json::json!({"id": id, "published": "1996-08-30",
                                              "outlet": "Reuters", "text": text});
                jsonl.push_str(&line.to_string());
                jsonl.push('\n');
                ids.push(id);
                if ids.len() == n {
                    return (jsonl, ids);
                }
            }
        }
    }
    panic!("CoNLL-2003 has fewer than {n} distinct two-sentence windows");
}

/// splitmix64: the kill points are the same on every run of the test.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

fn stored(db: &Path) -> usize {
    Store::open_read_only(db)
        .and_then(|s| s.counts())
        .map_or(0, |c| c.articles)
}


fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(args)
        .current_dir(workspace())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// What the reading process saw.
#[derive(Default)]
struct Seen {
    snapshots: usize,
    problems: Vec<String>,
}

/// Reads the store until `stop`: counts must never go down, and every check of
/// [`Store::consistency_check`] (each one SQL statement, so one snapshot) must hold.
fn read_while_writing(db: &Path, stop: &AtomicBool) -> Seen {
    let mut seen = Seen::default();
    let mut last = Counts::default();
    while !stop.load(Ordering::Relaxed) {
        // Before the first ingest has created and migrated the file there is nothing to read.
        let Ok(store) = Store::open_read_only(db) else {
            std::thread::sleep(Duration::from_millis(20));
            continue;
        };
        for _ in 0..20 {
            let counts = match store.counts() {
                Ok(c) => c,
                Err(e) => {
                    seen.problems.push(format!("counts: {e}"));
                    break;
                }
            };
            let went_down = counts.articles < last.articles
                || counts.event_mentions < last.event_mentions
                || counts.evidence < last.evidence
                || counts.mentions < last.mentions;
            if went_down {
                seen.problems.push(format!("counts went down: {last:?} then {counts:?}"));
            }
            last = counts;
            match store.consistency_check() {
                Ok(p) => seen.problems.extend(p),
                Err(e) => seen.problems.push(format!("consistency check: {e}")),
            }
            seen.snapshots += 1;
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    seen
}

#[test]
fn ingest_killed_twenty_times_at_random_points_loses_and_doubles_nothing() {
    let dir = scratch("crash-loop");
    let (jsonl, ids) = two_sentence_articles(ARTICLES);
    let input = dir.join("articles.jsonl");
    std::fs::write(&input, &jsonl).unwrap();
    let db = dir.join("news.db");
    let rejects = dir.join("rejects.jsonl");
    let batch = BATCH.to_string();
    let args = [
        "ingest",
        input.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--rejects",
        rejects.to_str().unwrap(),
        "--batch",
        &batch,
    ];
    let known: HashSet<&String> = ids.iter().collect();

    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (db, stop) = (db.clone(), Arc::clone(&stop));
        std::thread::spawn(move || read_while_writing(&db, &stop))
    };

    let mut rng = Rng(0x5EED_0008);
    let started = Instant::now();
    let mut log = Vec::new();
    for run in 0..RUNS {
        let before = stored(&db);
        let run_started = Instant::now();
        let mut child = spawn(&args);
        // Where the kill lands: runs 0 and 10 a random 0-300 ms after the start (loading the
        // models, opening the store); other even runs 0-400 ms after this run's first batch
        // is committed (extracting, or inside a batch's transaction); odd runs once 1 to 30
        // more batches are committed, plus 0-60 ms.
        let wait_for = |batches: usize, child: &mut Child| {
            while stored(&db) < before + batches * BATCH && child.try_wait().unwrap().is_none() {
                assert!(run_started.elapsed() < Duration::from_secs(60), "run {run}: ingest is too slow to test");
                std::thread::sleep(Duration::from_millis(5));
            }
        };
        let point = if run % 10 == 0 {
            let ms = rng.below(300);
            std::thread::sleep(Duration::from_millis(ms));
            format!("{ms} ms after the start")
        } else if run % 2 == 0 {
            wait_for(1, &mut child);
            let ms = rng.below(400);
            std::thread::sleep(Duration::from_millis(ms));
            format!("{ms} ms after the first batch")
        } else {
            let batches = 1 + rng.below(30) as usize;
            let extra = rng.below(60);
            wait_for(batches, &mut child);
            std::thread::sleep(Duration::from_millis(extra));
            format!("{batches} batches + {extra} ms")
        };
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let store = match Store::open_read_only(&db) {
            Ok(store) => store,
            // Killed before the new file got its schema (created and migrated in one
            // transaction): nothing was stored, and the next run starts afresh.
            Err(e)
                if before == 0
                    && (!db.exists()
                        || matches!(e, tidings_store::StoreError::OlderSchema { found: 0, .. })) =>
            {
                log.push(format!("run {run:2}: killed {point}, before the store had its schema"));
                continue;
            }
            Err(e) => panic!("run {run}: {e}"),
        };
        assert_eq!(store.integrity_check().unwrap(), ["ok"], "run {run}");
        assert_eq!(store.consistency_check().unwrap(), Vec::<String>::new(), "run {run}");
        let stored_ids = store.article_ids().unwrap();
        let unique: HashSet<&String> = stored_ids.iter().collect();
        assert_eq!(unique.len(), stored_ids.len(), "run {run}: an article stored twice");
        assert!(unique.iter().all(|id| known.contains(id)), "run {run}: an article from nowhere");
        assert!(stored_ids.len() >= before, "run {run}: {before} stored before, {} after", stored_ids.len());
        log.push(format!(
            "run {run:2}: killed {point}{}: {before} -> {} articles",
            if finished { " (had finished)" } else { "" },
            stored_ids.len()
        ));
    }

    // The last rerun finishes the job.
    let last = tidings(&args, b"");
    assert!(matches!(last.status.code(), Some(0 | 1)), "{}", stderr(&last));
    stop.store(true, Ordering::Relaxed);
    let seen = reader.join().unwrap();

    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    assert_eq!(store.consistency_check().unwrap(), Vec::<String>::new());
    let rejected = rejected_ids(&rejects);
    let stored_ids = each_stored_once_or_rejected(&store, &ids, &rejected);
    assert!(rejected.len() < ARTICLES / 100, "{} rejected", rejected.len());
    // The kills must have landed while there was work left, or the loop tested little.
    let killed_mid_run = log.iter().filter(|l| !l.contains("had finished")).count();
    assert!(killed_mid_run >= RUNS * 3 / 4, "{}", log.join("\n"));
    assert!(seen.snapshots >= 50, "the reader read only {} snapshots", seen.snapshots);
    assert!(seen.problems.is_empty(), "the reader saw: {:?}", seen.problems);
    eprintln!(
        "crash loop: {RUNS} kills in {:.1} s, {} articles stored, {} rejected, {} consistent snapshots read\n{}",
        started.elapsed().as_secs_f64(),
        stored_ids.len(),
        rejected.len(),
        seen.snapshots,
        log.join("\n")
    );
}
