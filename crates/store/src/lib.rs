//! The event store: `tidings/1` records kept in SQLite, with their events fused into
//! happenings across articles.
//!
//! A [`Store`] is one SQLite file in WAL mode. It reads [`Record`]s (what the pipeline made of
//! each article) and adds, for each, the article row with its whole record, its entities and
//! mentions, one `event_mentions` row per event of the record, the sources, the evidence
//! sentences (indexed for full-text search) and, through fusion, the `events` table: one row per
//! happening with its article and outlet counts, first and last seen, and status history.
//!
//! - **Schema.** Versioned by `PRAGMA user_version` with forward migrations ([`schema`]);
//!   [`Store::open`] migrates, [`Store::open_read_only`] refuses a schema it would have to change.
//! - **Idempotent.** An article whose id or [`content_hash`] is already stored is skipped.
//! - **Batches.** [`Store::add_batch`] writes a batch in one transaction: a crash loses at
//!   most that batch, and the file stays consistent.
//!
//! This crate knows nothing about reading sources, running the pipeline or the command line; it
//! is the only crate that knows SQLite.
//!
//! ```
//! # let dir = std::env::temp_dir().join(format!("tidings-store-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! use tidings_doc::{Article, Doc, Record};
//! use tidings_store::Store;
//! let mut store = Store::open(&dir.join("news.db")).unwrap();
//! let doc = Doc::new(Article { id: "a1".into(), text: "Talks resumed.".into(), ..Article::default() });
//! let record = Record::from_doc(&doc);
//! assert_eq!(store.add_batch(&[record.clone()]).unwrap().stored, 1);
//! assert_eq!(store.add_batch(&[record]).unwrap().skipped, 1);
//! assert_eq!(store.counts().unwrap().articles, 1);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod error;
mod fused;
pub mod query;
pub mod schema;
mod write;

pub use error::StoreError;
pub use query::{ActorFilter, EventFilter};

use error::At;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use tidings_doc::Record;

/// One SQLite file of articles, records and fused events.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Built at the first batch; dropped when a batch fails, so that it is rebuilt from what
    /// was committed.
    fusion: Option<fused::FusionState>,
}

/// Stops the query a [`Store`] is running, from another thread: a server's deadline for a
/// request. The interrupted query fails with SQLite's "interrupted" error; the connection stays
/// usable.
pub struct Interrupt(rusqlite::InterruptHandle);

impl Interrupt {
    /// Interrupts the query running now, if any.
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

/// What one [`Store::add_batch`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Articles written.
    pub stored: usize,
    /// Articles not written because one with the same id or content was already stored (or
    /// came earlier in the same batch).
    pub skipped: usize,
    /// Event mentions written (events of the stored articles' records).
    pub events: usize,
}

/// How many rows the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: usize,
    pub outlets: usize,
    pub entities: usize,
    pub mentions: usize,
    /// Events of the records (`event_mentions`).
    pub event_mentions: usize,
    /// Fused events (`events`): happenings, each told by one or more event mentions.
    pub events: usize,
    pub evidence: usize,
    pub attributions: usize,
    pub status_changes: usize,
}

/// The key under which an article's text counts as already stored: 128-bit FNV-1a, as 32 hex
/// digits, of the text with every run of whitespace made one space and the ends trimmed, so a
/// page fetched twice with different line breaks is one article. FNV is written out (rather
/// than taken from `std`, whose hasher may change between releases) so the key is the same on
/// every machine and in every version.
pub fn content_hash(text: &str) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut hash = OFFSET;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= b as u128;
            hash = hash.wrapping_mul(PRIME);
        }
    };
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            feed(b" ");
        }
        feed(word.as_bytes());
    }
    format!("{hash:032x}")
}

impl Store {
    /// Opens the store at `path`, creating it when missing and migrating its schema to
    /// [`schema::VERSION`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).at(path)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            fusion: None,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing store for reading only (a server, a query). The schema must be the
    /// one this build knows: an older one would need a migration, which a reader may not do.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).at(path)?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            fusion: None,
        };
        store
            .conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .at(path)?;
        // query_only: a second lock on writing, should a read-only open ever be weakened.
        // mmap: a reader (a server's pool of them) reads pages from the mapped file rather
        // than copying each through a read() into its own small page cache; on 100,000 events
        // that copying was the largest cost of a page of the event list (`bench/serve-load`).
        // SQLite caps the size at its compile-time maximum; past it, files are read as before.
        store
            .conn
            .execute_batch("PRAGMA query_only = ON; PRAGMA mmap_size = 1073741824;")
            .at(path)?;
        let found = store.schema_version()?;
        if found > schema::VERSION {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found,
                known: schema::VERSION,
            });
        }
        if found < schema::VERSION {
            return Err(StoreError::OlderSchema {
                path: path.to_path_buf(),
                found,
                known: schema::VERSION,
            });
        }
        Ok(store)
    }

    /// A handle that interrupts this connection's running query from another thread.
    pub fn interrupt_handle(&self) -> Interrupt {
        Interrupt(self.conn.get_interrupt_handle())
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> Result<(), StoreError> {
        // First, so that switching to WAL waits for a reader that opened the file meanwhile.
        self.conn
            .busy_timeout(std::time::Duration::from_secs(30))
            .at(&self.path)?;
        // WAL: readers (a server, the ingest's own duplicate check) never wait for the writer.
        // synchronous=NORMAL is safe in WAL against a killed process, which is the crash ingest
        // must survive; a power cut may lose the last batches but never corrupts the file.
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;",
            )
            .at(&self.path)
    }

    /// The schema version of the file (`PRAGMA user_version`); 0 for a new file.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .at(&self.path)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        // IMMEDIATE: two processes opening a new file at once must not both run version 1.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .at(&path)?;
        let found: u32 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .at(&path)?;
        if found > schema::VERSION {
            return Err(StoreError::NewerSchema {
                path,
                found,
                known: schema::VERSION,
            });
        }
        for (i, script) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.execute_batch(script).at(&path)?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))
                .at(&path)?;
        }
        tx.commit().at(&path)
    }

    /// Whether an article with this id, or with this [`content_hash`], is stored.
    pub fn contains(&self, id: &str, content_hash: &str) -> Result<bool, StoreError> {
        write::contains(&self.conn, id, content_hash).at(&self.path)
    }

    /// Stores the records in one transaction: all of them or, on an error, none. Records whose
    /// article is already stored (by id or content) are skipped. Their events are fused with
    /// every stored event, and the fused events they join are rewritten in the same
    /// transaction.
    ///
    /// One writer at a time gives the exact fusion; articles another writer stored meanwhile
    /// are fused with later batches, but the fused events that writer wrote are not revisited.
    pub fn add_batch(&mut self, records: &[Record]) -> Result<BatchOutcome, StoreError> {
        let path = self.path.clone();
        let mut state = self.fusion.take().unwrap_or_else(fused::FusionState::new);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .at(&path)?;
        state.catch_up(&tx).at(&path)?;
        let mut outcome = BatchOutcome::default();
        let mut observations = Vec::new();
        for record in records {
            match write::add_record(&tx, record).at(&path)? {
                Some(added) => {
                    outcome.stored += 1;
                    outcome.events += added.event_mentions;
                    observations.extend(tidings_fuse::Observation::from_record(record));
                }
                None => outcome.skipped += 1,
            }
        }
        state.seq = tx
            .query_row("SELECT coalesce(max(seq), 0) FROM articles", [], |r| {
                r.get(0)
            })
            .at(&path)?;
        let update = state.fusion.add(observations);
        fused::write_update(&tx, &state.fusion, &update).at(&path)?;
        tx.commit().at(&path)?;
        self.fusion = Some(state);
        Ok(outcome)
    }

    /// The record stored for the article `id`.
    pub fn record(&self, id: &str) -> Result<Option<Record>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT record FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .at(&self.path)?;
        json.map(|j| {
            serde_json::from_str(&j).map_err(|source| StoreError::Record {
                path: self.path.clone(),
                article: id.to_string(),
                source,
            })
        })
        .transpose()
    }

    /// The number of rows of each table.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<usize, StoreError> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })
                .map(|n| n as usize)
                .at(&self.path)
        };
        Ok(Counts {
            articles: count("articles")?,
            outlets: count("outlets")?,
            entities: count("entities")?,
            mentions: count("mentions")?,
            event_mentions: count("event_mentions")?,
            events: count("events")?,
            evidence: count("evidence")?,
            attributions: count("attributions")?,
            status_changes: count("status_history")?,
        })
    }

    /// The row id (`events.id`) of the fused event that event `event` (its index in the
    /// record's `events`) of article `article` belongs to.
    pub fn fused_event_of(&self, article: &str, event: usize) -> Result<Option<i64>, StoreError> {
        self.conn
            .query_row(
                "SELECT em.event FROM event_mentions em JOIN articles a ON a.seq = em.article
                 WHERE a.id = ?1 AND em.event_index = ?2",
                rusqlite::params![article, event as i64],
                |r| r.get(0),
            )
            .optional()
            .map(Option::flatten)
            .at(&self.path)
    }

    /// The ids of the stored articles, in the order they were stored.
    pub fn article_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM articles ORDER BY seq")
            .at(&self.path)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .at(&self.path)?;
        rows.collect::<Result<Vec<_>, _>>().at(&self.path)
    }

    /// What the store promises beyond SQLite's own constraints, checked: every article has one
    /// event mention per event of its record; every event mention belongs to a fused event;
    /// every fused event has members and a status history. One line per broken promise; empty
    /// when all hold.
    pub fn consistency_check(&self) -> Result<Vec<String>, StoreError> {
        const CHECKS: &[(&str, &str)] = &[
            (
                "articles whose event mentions are not their record's events",
                "SELECT count(*) FROM articles a
                 WHERE json_array_length(a.record, '$.events')
                    != (SELECT count(*) FROM event_mentions em WHERE em.article = a.seq)",
            ),
            (
                "event mentions without a fused event",
                "SELECT count(*) FROM event_mentions
                 WHERE event IS NULL OR event NOT IN (SELECT id FROM events)",
            ),
            (
                "fused events without members",
                "SELECT count(*) FROM events WHERE id NOT IN (SELECT event FROM event_mentions)",
            ),
            (
                "fused events without a status history",
                "SELECT count(*) FROM events WHERE id NOT IN (SELECT event FROM status_history)",
            ),
            (
                "fused events whose article count is not their members'",
                "SELECT count(*) FROM events e
                 WHERE e.article_count != (SELECT count(DISTINCT em.article) FROM event_mentions em
                                           WHERE em.event = e.id)",
            ),
        ];
        let mut problems = Vec::new();
        for (what, sql) in CHECKS {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0)).at(&self.path)?;
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        Ok(problems)
    }

    /// SQLite's `PRAGMA integrity_check`: `["ok"]` for a sound file, else one line per problem.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check").at(&self.path)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .at(&self.path)?;
        rows.collect::<Result<Vec<_>, _>>().at(&self.path)
    }
}
