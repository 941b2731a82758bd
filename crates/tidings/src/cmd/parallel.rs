//! A bounded worker pool for a stream of articles: one reader (the calling thread), N workers,
//! one writer, and a fixed number of items in flight, so memory stays the same whatever the
//! length of the stream.
//!
//! ```text
//! reader ──jobs──► worker × N ──done──► writer (reorder buffer when ordered) ──► sink
//!    ▲                                                   │
//!    └──────────────── one token per item written ◄──────┘
//! ```
//!
//! The reader takes a token before it hands out an item and the writer gives one back after
//! the sink took an item, so at most `window` items are read but not yet written: that bounds
//! the channels and the reorder buffer together. A panic in the work is caught and given to
//! the sink as [`Panicked`], so one bad item never stalls the items behind it. When the sink
//! fails (a closed stdout), every thread stops at its next hand-over and the error comes back.
//!
//! Used by `extract`; `ingest` extracts its batches with rayon and could move here.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex, Once};

/// How a stream is spread over threads.
#[derive(Debug, Clone, Copy)]
pub struct Pool {
    /// Worker threads; 1 runs everything on the calling thread, in order.
    pub threads: usize,
    /// Give the sink items in input order (a reorder buffer), rather than as they finish.
    pub ordered: bool,
    /// Items read but not yet given to the sink, at most.
    pub window: usize,
}

impl Pool {
    /// `threads` workers (at least 1) with a window of 32 items per worker: enough that one
    /// slow article does not idle the others while the writer waits for it in order.
    pub fn new(threads: usize, ordered: bool) -> Pool {
        let threads = threads.max(1);
        Pool {
            threads,
            ordered,
            window: 32 * threads,
        }
    }

    /// Every core the process may use.
    pub fn all_cores() -> usize {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }

    /// Runs `work` over `items` and gives each result to `sink`, on the calling thread when
    /// `threads` is 1, else on `threads` workers. `items` is consumed on the calling thread (it
    /// need not be `Send`: stdin's lock is not). Returns the sink's first error; items not yet
    /// handed out by then are never read.
    pub fn run<T, R, E, I, F, S>(&self, items: I, work: F, mut sink: S) -> Result<(), E>
    where
        I: IntoIterator<Item = T>,
        T: Send,
        R: Send,
        E: Send,
        F: Fn(T) -> R + Sync,
        S: FnMut(Result<R, Panicked>) -> Result<(), E> + Send,
    {
        quiet_worker_panics();
        if self.threads <= 1 {
            for item in items {
                sink(caught(|| work(item)))?;
            }
            return Ok(());
        }
        let window = self.window.max(1);
        let (job_tx, job_rx) = sync_channel::<(u64, T)>(self.threads);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (done_tx, done_rx) = sync_channel::<(u64, Result<R, Panicked>)>(self.threads);
        let (token_tx, token_rx) = sync_channel::<()>(window);
        for _ in 0..window {
            token_tx
                .send(())
                .expect("the token channel holds a window of tokens");
        }
        let ordered = self.ordered;
        std::thread::scope(|scope| {
            let work = &work;
            for _ in 0..self.threads {
                let job_rx = Arc::clone(&job_rx);
                let done_tx = done_tx.clone();
                scope.spawn(move || loop {
                    // The lock is held only while waiting for the next job, never during work.
                    let job = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((seq, item))) = job else { break };
                    if done_tx.send((seq, caught(|| work(item)))).is_err() {
                        break; // the writer stopped
                    }
                });
            }
            // Only the workers hold these now, so the channels close when the workers end.
            drop(job_rx);
            drop(done_tx);
            let writer = scope.spawn(move || write_out(done_rx, token_tx, ordered, &mut sink));

            for (seq, item) in (0u64..).zip(items) {
                // No token: the writer stopped. A failed send: every worker stopped.
                if token_rx.recv().is_err() || job_tx.send((seq, item)).is_err() {
                    break;
                }
            }
            drop(job_tx);
            writer
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
        })
    }
}

/// The writer: gives results to the sink (in order when `ordered`) and a token back per result.
fn write_out<R, E>(
    done: Receiver<(u64, Result<R, Panicked>)>,
    tokens: std::sync::mpsc::SyncSender<()>,
    ordered: bool,
    sink: &mut impl FnMut(Result<R, Panicked>) -> Result<(), E>,
) -> Result<(), E> {
    let mut waiting: BTreeMap<u64, Result<R, Panicked>> = BTreeMap::new();
    let mut next = 0u64;
    for (seq, result) in done {
        if !ordered {
            sink(result)?;
            let _ = tokens.try_send(());
            continue;
        }
        waiting.insert(seq, result);
        while let Some(result) = waiting.remove(&next) {
            sink(result)?;
            next += 1;
            // Never full: there are only `window` tokens.
            let _ = tokens.try_send(());
        }
    }
    Ok(())
}

/// A panic caught in the work on one item.
#[derive(Debug, Clone)]
pub struct Panicked {
    pub message: String,
    /// `file:line` of the panic, when the hook saw it.
    pub place: Option<String>,
}

impl std::fmt::Display for Panicked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.place {
            Some(place) => write!(f, "{} (at {place})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Runs `f`, turning a panic into [`Panicked`]. The panic's report is not printed (the caller
/// reports the item instead); panics elsewhere are printed as usual.
pub fn caught<R>(f: impl FnOnce() -> R) -> Result<R, Panicked> {
    quiet_worker_panics();
    // Restored after, not cleared: `caught` may run inside `caught` (the pool's and the caller's).
    let outer = IN_WORK.with(|w| w.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    IN_WORK.with(|w| w.set(outer));
    result.map_err(|panic| Panicked {
        message: panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string()),
        place: PANIC_PLACE.with(|p| p.borrow_mut().take()),
    })
}

thread_local! {
    /// Whether this thread is inside [`caught`].
    static IN_WORK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Where the last caught panic of this thread happened.
    static PANIC_PLACE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Installs (once) a panic hook that notes the place of a panic inside [`caught`] instead of
/// printing a message and backtrace per article, and leaves every other panic to the default
/// hook.
fn quiet_worker_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_WORK.with(|w| w.get()) {
                let place = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                PANIC_PLACE.with(|p| *p.borrow_mut() = place);
            } else {
                default(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Squares with an uneven amount of work, so that later items often finish first.
    fn squares(pool: Pool, n: u64) -> Vec<u64> {
        let mut out = Vec::new();
        pool.run(
            0..n,
            |i| {
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(3));
                }
                i * i
            },
            |r| {
                out.push(r.unwrap());
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        out
    }

    #[test]
    fn ordered_output_is_the_input_order_and_unordered_the_same_set() {
        let expected: Vec<u64> = (0..300).map(|i| i * i).collect();
        assert_eq!(squares(Pool::new(1, true), 300), expected);
        for threads in [2, 3] {
            let mut pool = Pool::new(threads, true);
            pool.window = 5; // a small window: the reorder buffer fills and the reader waits
            assert_eq!(squares(pool, 300), expected);
            let mut unordered = squares(Pool::new(threads, false), 300);
            unordered.sort();
            assert_eq!(unordered, expected);
        }
    }

    #[test]
    fn a_panic_is_one_failed_item_and_the_rest_come_through() {
        for threads in [1, 2] {
            let mut results = Vec::new();
            Pool::new(threads, true)
                .run(
                    0..50u32,
                    |i| {
                        assert!(i != 17, "item {i} is bad");
                        i
                    },
                    |r| {
                        results.push(r.map_err(|p| p.to_string()));
                        Ok::<(), ()>(())
                    },
                )
                .unwrap();
            assert_eq!(results.len(), 50);
            let failed: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
            assert_eq!(failed.len(), 1, "{failed:?}");
            assert!(failed[0].contains("item 17 is bad"), "{failed:?}");
            assert!(failed[0].contains("parallel.rs"), "the place: {failed:?}");
        }
    }

    #[test]
    fn a_failing_sink_stops_the_reader() {
        let read = std::sync::atomic::AtomicU64::new(0);
        let items = (0..1_000_000u64).inspect(|_| {
            read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        let mut written = 0;
        let result = Pool::new(2, false).run(
            items,
            |i| i,
            |_| {
                written += 1;
                if written == 10 {
                    Err("closed")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result, Err("closed"));
        // At most a window (and the jobs channel) past the failure, not the whole stream.
        let read = read.load(std::sync::atomic::Ordering::Relaxed);
        assert!(read < 200, "read {read} items after the sink failed");
    }
}
