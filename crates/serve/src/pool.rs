//! A small pool of read-only store connections, so that many requests are answered at once.
//!
//! A SQLite connection answers one query at a time (it is not `Sync`), but any number of
//! connections may read one WAL file together. The pool holds `n` of them; a request waits
//! (asynchronously, on a semaphore) for a free one, runs its query on a blocking thread, and
//! gives the connection back even when the query panicked.

use crate::error::ApiError;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tidings_store::query::Totals;
use tidings_store::{Interrupt, Store};
use tokio::sync::Semaphore;

pub(crate) struct Pool {
    /// Each connection with the event-list totals counted on it (valid for it alone).
    idle: Mutex<Vec<(Store, Totals)>>,
    /// One permit per idle connection: holding a permit guarantees `idle` is not empty.
    permits: Arc<Semaphore>,
    size: usize,
    /// A query still running after this long is interrupted and answered with a 503.
    deadline: Duration,
}

/// A connection taken from the pool; back in the pool when dropped (also on a panic).
struct Lease {
    store: Option<(Store, Totals)>,
    pool: Arc<Pool>,
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            // A handler that panicked poisons the lock; the connections are still sound
            // (SQLite rolled back whatever it was doing), so later requests go on.
            self.pool
                .idle
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(store);
        }
    }
}

impl Pool {
    pub(crate) fn new(readers: Vec<Store>, deadline: Duration) -> Pool {
        let size = readers.len();
        Pool {
            idle: Mutex::new(readers.into_iter().map(|r| (r, Totals::default())).collect()),
            permits: Arc::new(Semaphore::new(size)),
            size,
            deadline,
        }
    }

    /// How many connections the pool holds.
    pub(crate) fn size(&self) -> usize {
        self.size
    }

    /// Runs `read` on a free connection, on a blocking thread.
    pub(crate) async fn read<T, F>(self: &Arc<Pool>, read: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        self.read_counting(move |store, _| read(store)).await
    }

    /// Runs `read` on a free connection and the totals counted on it, on a blocking thread.
    pub(crate) async fn read_counting<T, F>(self: &Arc<Pool>, read: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store, &mut Totals) -> Result<T, ApiError> + Send + 'static,
    {
        // One deadline for waiting for a connection and for the query: under a load the
        // connections cannot keep up with, requests fail fast rather than queue forever.
        let deadline = tokio::time::Instant::now() + self.deadline;
        let late = || {
            ApiError::unavailable(format!(
                "no answer within {} s (the store is busy, or the query reads too much: narrow the filters)",
                self.deadline.as_secs_f64()
            ))
        };
        let permit = tokio::time::timeout_at(deadline, Arc::clone(&self.permits).acquire_owned())
            .await
            .map_err(|_| late())?
            .map_err(|_| ApiError::internal("the store's connections are closed"))?;
        let store = self
            .idle
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop()
            .expect("a permit is held for every idle connection");
        let interrupt: Interrupt = store.0.interrupt_handle();
        // Whether the query is still running: checked under the lock before interrupting, so
        // that an interrupt never reaches the next request's query on this connection.
        let running = Arc::new(Mutex::new(true));
        let lease = Lease {
            store: Some(store),
            pool: Arc::clone(self),
            _permit: permit,
        };
        let still = Arc::clone(&running);
        let task = tokio::task::spawn_blocking(move || {
            let mut lease = lease;
            let (store, totals) = lease.store.as_mut().expect("leased");
            let answer = read(store, totals);
            *still.lock().unwrap_or_else(|p| p.into_inner()) = false;
            answer
        });
        match tokio::time::timeout_at(deadline, task).await {
            Ok(done) => done.map_err(|e| ApiError::internal(format!("request failed: {e}")))?,
            Err(_) => {
                // The blocking thread cannot be cancelled, but SQLite can: the query stops at
                // its next step and the connection returns to the pool at once.
                let running = running.lock().unwrap_or_else(|p| p.into_inner());
                if *running {
                    interrupt.interrupt();
                }
                Err(late())
            }
        }
    }
}
