//! `tidings extract`: read articles, run the pipeline, print one `tidings/1` record per article.
//!
//! A Unix filter: articles stream in (`-` is JSON Lines on stdin), records stream out on stdout
//! as they finish, diagnostics go to stderr. The pipeline runs on `--threads` workers (every
//! core by default) through [`super::parallel::Pool`], with a bounded number of articles in
//! flight, so memory stays flat however long the input; records keep the input order unless
//! `--unordered`. One bad article never loses the good ones: each failure (an unreadable line,
//! or an article the pipeline panicked on) is reported on stderr with its file and line, the run
//! goes on, and the exit status is 1 when anything failed. A closed stdout ends the run quietly.

use super::parallel::Pool;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tidings_doc::{Article, Layer, Published, Record};
use tidings_pipeline::Pipeline;
use tidings_read::{Format, Metadata, ReadError, WarcStats};

#[derive(clap::Args)]
pub struct Args {
    /// Article files: .txt (plain text), .jsonl/.ndjson (one article per line), .html/.htm.
    /// `-` reads JSON Lines from stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]) for articles that lack one;
    /// relative time expressions are resolved against it.
    #[arg(long)]
    pub published: Option<String>,
    /// Outlet name for articles that lack one.
    #[arg(long)]
    pub outlet: Option<String>,
    /// URL for articles that lack one.
    #[arg(long)]
    pub url: Option<String>,
    /// Title for articles that lack one.
    #[arg(long)]
    pub title: Option<String>,
    /// Article id (plain text and HTML files; default: the file name without extension).
    #[arg(long)]
    pub id: Option<String>,
    /// Stop after this layer (later layers come out empty): `times` for time expressions only,
    /// `mentions` for the statistical core without linking.
    #[arg(long, value_enum)]
    pub until: Option<UntilLayer>,
    #[command(flatten)]
    pub dictionaries: super::models::DictionariesArg,
    #[command(flatten)]
    pub limits: super::limits::LimitsArg,
    #[command(flatten)]
    pub models: super::models::ModelsArg,
    /// Output: `json` (pretty; an array when there are several records) or `jsonl` (one record
    /// per line, written as each article finishes). Default: json for a single text or HTML
    /// file, jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Worker threads running the pipeline (default: every core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub threads: Option<u64>,
    /// Write records in input order (the default): a record waits for the records of the
    /// articles before it, with at most 32 per thread held back.
    #[arg(long, conflicts_with = "unordered")]
    pub ordered: bool,
    /// Write each record as soon as its article is done, whatever the input order.
    #[arg(long)]
    pub unordered: bool,
    /// Show a count of articles and articles/s on stderr (only when stderr is a terminal).
    #[arg(long)]
    pub progress: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum UntilLayer {
    Sentences,
    Times,
    Syntax,
    Mentions,
    Entities,
}

impl UntilLayer {
    fn layer(self) -> Layer {
        match self {
            UntilLayer::Sentences => Layer::Sentences,
            UntilLayer::Times => Layer::Times,
            UntilLayer::Syntax => Layer::Syntax,
            UntilLayer::Mentions => Layer::Mentions,
            UntilLayer::Entities => Layer::Entities,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Json,
    Jsonl,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let published = published_flag(args.published.as_deref())?;
    let meta = Metadata {
        id: args.id.clone(),
        url: args.url.clone(),
        outlet: args.outlet.clone(),
        published,
        title: args.title.clone(),
    };
    let format = args.format.unwrap_or_else(|| default_format(&args.inputs));
    let models = args.models.dir();
    let options = args.dictionaries.options();
    let mut pipeline = Pipeline::with_options(&models, &options)
        .context("loading the pipeline")?
        .with_limits(args.limits.pipeline()?);
    let read_limits = args.limits.read();
    if let Some(until) = args.until {
        pipeline = pipeline.until(until.layer());
    }
    crate::heap_for_workers();
    let threads = args.threads.map_or_else(Pool::all_cores, |n| n as usize);
    // One pretty JSON document is written at the end anyway: it keeps the input order.
    let ordered = !args.unordered || format == OutputFormat::Json;
    let pool = Pool::new(threads, ordered);
    let progress = progress_bar(args.progress);

    // Filled by the reader (this thread) as it opens each WARC file.
    let warcs = std::cell::RefCell::new(Vec::new());
    let articles = args.inputs.iter().flat_map(|input| {
        let (articles, stats) = open_input(input, &meta, &read_limits);
        if let Some(stats) = stats {
            warcs.borrow_mut().push((input.clone(), stats));
        }
        articles
    });
    let mut out = RecordWriter::new(format);
    let mut failures = 0usize;
    pool.run(
        articles,
        |article| extract(&pipeline, article, format),
        |done| {
            progress.inc(1);
            match done {
                Ok(Done::Record(record)) => out.write(record),
                Ok(Done::Failed(reason)) => {
                    failures += 1;
                    progress.suspend(|| eprintln!("tidings: {reason}"));
                    Ok(())
                }
                Err(panic) => {
                    failures += 1;
                    progress.suspend(|| eprintln!("tidings: the pipeline panicked: {panic}"));
                    Ok(())
                }
            }
        },
    )?;
    progress.finish_and_clear();
    let written = out.finish()?;
    // Every WARC record is an article, a failure reported above, or a skip counted here.
    for (input, stats) in warcs.borrow().iter() {
        eprintln!("tidings: {}: {}", input.display(), stats.snapshot());
    }
    if failures > 0 {
        eprintln!("tidings: {failures} input(s) failed, {written} record(s) written");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// What a worker made of one input item.
enum Done {
    Record(Output),
    /// Why the item gave no record, naming its file and line or its article.
    Failed(String),
}

/// One record, serialized by the worker when it is a line of JSON Lines, so that the writer
/// only copies bytes.
enum Output {
    Line(Vec<u8>),
    Pretty(Box<Record>),
}

/// The worker's job: the pipeline over one article, and the record out.
fn extract(pipeline: &Pipeline, article: Result<Article, ReadError>, format: OutputFormat) -> Done {
    let article = match article {
        Ok(article) => article,
        Err(err) => return Done::Failed(err.to_string()),
    };
    let id = article.id.clone();
    let record = match super::parallel::caught(|| pipeline.try_run(article)) {
        Ok(Ok(doc)) => Record::from_doc(&doc),
        // Over `--max-article-seconds`: the error names the article and the limit.
        Ok(Err(err)) => return Done::Failed(err.to_string()),
        Err(panic) => return Done::Failed(format!("article {id}: the pipeline panicked: {panic}")),
    };
    match format {
        OutputFormat::Json => Done::Record(Output::Pretty(Box::new(record))),
        OutputFormat::Jsonl => match serde_json::to_vec(&record) {
            Ok(mut line) => {
                line.push(b'\n');
                Done::Record(Output::Line(line))
            }
            Err(err) => Done::Failed(format!("article {id}: cannot write its record: {err}")),
        },
    }
}

/// A spinner with articles/s on stderr when asked for and stderr is a terminal; else hidden,
/// so that stderr carries only diagnostics.
fn progress_bar(asked: bool) -> ProgressBar {
    if !asked || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let rate = |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
        let _ = write!(w, "{:.0} articles/s", state.per_sec());
    };
    let bar = ProgressBar::new_spinner().with_style(
        ProgressStyle::with_template("{elapsed_precise} {spinner} {pos} articles, {rate}")
            .expect("a valid template")
            .with_key("rate", rate),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The `--published` flag (shared with `ingest`).
pub fn published_flag(flag: Option<&str>) -> anyhow::Result<Option<Published>> {
    flag.map(|s| s.parse::<Published>())
        .transpose()
        .context("--published")
}

/// The articles of one input: a file read by its extension, or JSON Lines from stdin for `-`
/// (shared with `ingest`).
pub fn read_input(
    input: &Path,
    meta: &Metadata,
    limits: &tidings_read::Limits,
) -> Box<dyn Iterator<Item = Result<Article, ReadError>>> {
    open_input(input, meta, limits).0
}

/// [`read_input`], with the counts of a WARC file's records (read, skipped by reason, failed),
/// which fill in as the iterator advances.
pub fn open_input(
    input: &Path,
    meta: &Metadata,
    limits: &tidings_read::Limits,
) -> (
    Box<dyn Iterator<Item = Result<Article, ReadError>>>,
    Option<WarcStats>,
) {
    if input == Path::new("-") {
        let lines = tidings_read::read_jsonl_with(std::io::stdin().lock(), "<stdin>", meta, limits);
        (Box::new(lines), None)
    } else {
        let articles = tidings_read::read_file_with(input, Format::detect(input), meta, limits);
        let stats = articles.warc_stats();
        (Box::new(articles), stats)
    }
}

fn default_format(inputs: &[PathBuf]) -> OutputFormat {
    match inputs {
        [one]
            if one != Path::new("-")
                && !matches!(Format::detect(one), Format::Jsonl | Format::Warc) =>
        {
            OutputFormat::Json
        }
        _ => OutputFormat::Jsonl,
    }
}

/// Writes records as they finish (jsonl) or collects them for one pretty document (json).
struct RecordWriter {
    format: OutputFormat,
    out: BufWriter<std::io::Stdout>,
    pending: Vec<Record>,
    written: usize,
}

impl RecordWriter {
    fn new(format: OutputFormat) -> RecordWriter {
        RecordWriter {
            format,
            out: BufWriter::new(std::io::stdout()),
            pending: Vec::new(),
            written: 0,
        }
    }

    fn write(&mut self, record: Output) -> anyhow::Result<()> {
        self.written += 1;
        match record {
            Output::Line(line) => {
                self.out.write_all(&line)?;
                // Flush per record: a downstream reader (RDD.pipe, a pager) sees each as it finishes.
                self.out.flush()?;
            }
            Output::Pretty(record) => self.pending.push(*record),
        }
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<usize> {
        if self.format == OutputFormat::Json {
            match self.pending.as_slice() {
                [] => {}
                [one] => serde_json::to_writer_pretty(&mut self.out, one)?,
                many => serde_json::to_writer_pretty(&mut self.out, many)?,
            }
            if !self.pending.is_empty() {
                self.out.write_all(b"\n")?;
            }
        }
        self.out.flush()?;
        Ok(self.written)
    }
}
