//! `tidings ingest`: read articles, run the pipeline on all cores, keep the records in a store.
//!
//! Articles are read as `extract` reads them, in batches of `--batch`. An article already in the
//! store (same id or same text) is skipped before extraction. A batch is extracted in parallel
//! (rayon), then written by one writer thread in one transaction while the next batch is being
//! extracted: a kill loses at most the batches not yet committed, and a rerun skips what was.
//! A bad article (unreadable, or one the pipeline panicked on) goes to `--rejects` and the run
//! goes on.

use super::extract::{published_flag, read_input};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;
use tidings_doc::{Article, Record};
use tidings_pipeline::Pipeline;
use tidings_read::Metadata;
use tidings_store::{content_hash, BatchOutcome, Store};

#[derive(clap::Args)]
pub struct Args {
    /// Article files, as for `extract`: .txt, .jsonl/.ndjson, .html/.htm; `-` reads JSON Lines
    /// from stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The store (an SQLite file; created when missing).
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,
    /// Append one JSON line per rejected article (source, line, id, reason) to this file.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Articles per transaction: a kill loses at most the batches in flight.
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub batch: u64,
    /// Publication date (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]) for articles that lack one.
    #[arg(long)]
    pub published: Option<String>,
    /// Outlet name for articles that lack one.
    #[arg(long)]
    pub outlet: Option<String>,
    #[command(flatten)]
    pub dictionaries: super::models::DictionariesArg,
    #[command(flatten)]
    pub limits: super::limits::LimitsArg,
    #[command(flatten)]
    pub models: super::models::ModelsArg,
}

/// What the run did, for the summary.
#[derive(Default)]
struct Tally {
    read: usize,
    /// Skipped before extraction (already stored, or twice in one batch).
    skipped_early: usize,
    rejected: usize,
    written: BatchOutcome,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let meta = Metadata {
        outlet: args.outlet.clone(),
        published: published_flag(args.published.as_deref())?,
        ..Metadata::default()
    };
    let pipeline = Pipeline::with_options(&args.models.dir(), &args.dictionaries.options())
        .context("loading the pipeline")?
        .with_limits(args.limits.pipeline()?);
    crate::heap_for_workers();
    let read_limits = args.limits.read();
    let store = Store::open(&args.db)?;
    // The writer thread owns the writing connection; this one only asks what is stored.
    let reader = Store::open_read_only(&args.db)?;
    let before = reader.counts()?;
    let mut rejects = Rejects::new(args.rejects.clone());
    let progress = progress_bar(&args.inputs);

    let (to_writer, from_reader) = mpsc::sync_channel::<Vec<Record>>(1);
    let writer_progress = progress.clone();
    let writer = std::thread::spawn(move || -> anyhow::Result<BatchOutcome> {
        let mut store = store;
        let mut total = BatchOutcome::default();
        for batch in from_reader {
            let done = store.add_batch(&batch)?;
            total.stored += done.stored;
            total.skipped += done.skipped;
            total.events += done.events;
            writer_progress.set_message(format!("{} stored", total.stored));
        }
        Ok(total)
    });

    let mut tally = Tally::default();
    let mut batch: Vec<(String, Article)> = Vec::with_capacity(args.batch as usize);
    let mut in_batch: HashSet<String> = HashSet::new();
    let mut writer_gone = false;
    'inputs: for input in &args.inputs {
        for item in read_input(input, &meta, &read_limits) {
            tally.read += 1;
            let article = match item {
                Ok(article) => article,
                Err(err) => {
                    progress.inc(1);
                    tally.rejected += 1;
                    let line = err.line();
                    rejects.add(&progress, err.file(), line, None, &err.to_string())?;
                    continue;
                }
            };
            let hash = content_hash(&article.text);
            if reader.contains(&article.id, &hash)?
                || !in_batch.insert(format!("id:{}", article.id))
                || !in_batch.insert(format!("hash:{hash}"))
            {
                progress.inc(1);
                tally.skipped_early += 1;
                continue;
            }
            batch.push((input.display().to_string(), article));
            if batch.len() as u64 >= args.batch {
                let records = extract(
                    &pipeline,
                    std::mem::take(&mut batch),
                    &progress,
                    &mut tally,
                    &mut rejects,
                )?;
                in_batch.clear();
                if to_writer.send(records).is_err() {
                    writer_gone = true;
                    break 'inputs;
                }
            }
        }
    }
    if !writer_gone && !batch.is_empty() {
        let records = extract(&pipeline, batch, &progress, &mut tally, &mut rejects)?;
        // An error here means the writer stopped; joining it below reports why.
        let _ = to_writer.send(records);
    }
    drop(to_writer);
    tally.written = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the store writer panicked"))??;
    progress.finish_and_clear();

    let counts = reader.counts()?;
    let seconds = started.elapsed().as_secs_f64();
    let t = &tally;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "articles: {} read, {} stored, {} skipped, {} rejected ({:.1} s, {:.1} articles/s)",
        t.read,
        t.written.stored,
        t.skipped_early + t.written.skipped,
        t.rejected,
        seconds,
        t.read as f64 / seconds.max(1e-9)
    )?;
    writeln!(
        out,
        "events: {} stored; fused events: {} before, {} after",
        t.written.events, before.events, counts.events
    )?;
    writeln!(
        out,
        "store {}: {} articles, {} events, {} fused events",
        args.db.display(),
        counts.articles,
        counts.event_mentions,
        counts.events
    )?;
    if let Some(path) = &args.rejects {
        if t.rejected > 0 {
            writeln!(out, "rejects: {}", path.display())?;
        }
    }
    Ok(if t.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Runs the pipeline over a batch on all cores. An article the pipeline panics on is rejected;
/// the others come back in input order.
fn extract(
    pipeline: &Pipeline,
    batch: Vec<(String, Article)>,
    progress: &ProgressBar,
    tally: &mut Tally,
    rejects: &mut Rejects,
) -> anyhow::Result<Vec<Record>> {
    let done: Vec<(String, String, Result<Record, String>)> = batch
        .into_par_iter()
        .map(|(source, article)| {
            let id = article.id.clone();
            // A panic in the pipeline is one rejected article, reported as such.
            let run = super::parallel::caught(|| {
                pipeline.try_run(article).map(|doc| Record::from_doc(&doc))
            });
            progress.inc(1);
            let run = match run {
                Ok(Ok(record)) => Ok(record),
                // Over `--max-article-seconds`: the error names the article and the limit.
                Ok(Err(over)) => Err(over.to_string()),
                Err(panic) => Err(format!("article {id}: the pipeline panicked: {panic}")),
            };
            (source, id, run)
        })
        .collect();
    let mut records = Vec::with_capacity(done.len());
    for (source, id, result) in done {
        match result {
            Ok(record) => records.push(record),
            Err(reason) => {
                tally.rejected += 1;
                rejects.add(progress, &source, None, Some(&id), &reason)?;
            }
        }
    }
    Ok(records)
}

/// The rejects file, opened (for appending) at the first reject. Every reject is also reported
/// on stderr.
struct Rejects {
    path: Option<PathBuf>,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl Rejects {
    fn new(path: Option<PathBuf>) -> Rejects {
        Rejects { path, file: None }
    }

    fn add(
        &mut self,
        progress: &ProgressBar,
        source: &str,
        line: Option<usize>,
        id: Option<&str>,
        reason: &str,
    ) -> anyhow::Result<()> {
        progress.suspend(|| eprintln!("tidings: rejected: {reason}"));
        let Some(path) = &self.path else {
            return Ok(());
        };
        if self.file.is_none() {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("{}: cannot open the rejects file", path.display()))?;
            self.file = Some(std::io::BufWriter::new(file));
        }
        let out = self.file.as_mut().expect("opened above");
        let entry = serde_json::json!({"source": source, "line": line, "id": id, "reason": reason});
        serde_json::to_writer(&mut *out, &entry)?;
        out.write_all(b"\n")?;
        // Flushed per line: a killed run keeps the rejects it reported.
        out.flush()
            .with_context(|| format!("{}: cannot write the rejects file", path.display()))
    }
}

/// A bar with articles/s and an ETA on a terminal (the total is counted first when every input
/// is a file); hidden when stderr is not a terminal.
fn progress_bar(inputs: &[PathBuf]) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total = inputs
        .iter()
        .map(|p| count_articles(p))
        .sum::<Option<u64>>();
    // "12 articles/s": indicatif's own {per_sec} prints four decimals.
    let rate = |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
        let _ = write!(w, "{:.0} articles/s", state.per_sec());
    };
    let bar = match total {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template(
                "{elapsed_precise} {wide_bar} {pos}/{len} articles, {rate}, ETA {eta} ({msg})",
            )
            .expect("a valid template")
            .with_key("rate", rate),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template(
                "{elapsed_precise} {spinner} {pos} articles, {rate} ({msg})",
            )
            .expect("a valid template")
            .with_key("rate", rate),
        ),
    };
    bar.set_message("0 stored");
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// How many articles a file holds (non-blank lines of JSON Lines, one per other file); `None`
/// for stdin or an unreadable file, whose count is unknown in advance.
fn count_articles(input: &Path) -> Option<u64> {
    if input == Path::new("-") {
        return None;
    }
    match tidings_read::Format::detect(input) {
        tidings_read::Format::Jsonl => count_lines(input),
        // A WARC file holds records of every kind; only HTML responses become articles.
        tidings_read::Format::Warc => None,
        _ => Some(1),
    }
}

/// Non-blank lines of a JSON Lines file, counted in fixed-size chunks so that a line of any
/// length costs no memory.
fn count_lines(input: &Path) -> Option<u64> {
    use std::io::Read;
    let mut file = std::fs::File::open(input).ok()?;
    let mut chunk = vec![0u8; 1 << 16];
    let (mut lines, mut blank) = (0u64, true);
    loop {
        let n = file.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        for &b in &chunk[..n] {
            if b == b'\n' {
                lines += u64::from(!blank);
                blank = true;
            } else if !b.is_ascii_whitespace() {
                blank = false;
            }
        }
    }
    Some(lines + u64::from(!blank))
}
