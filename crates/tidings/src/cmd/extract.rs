//! `tidings extract`: read articles, run the pipeline, print one `tidings/1` record per article.
//!
//! One bad article never loses the good ones: each failure is reported on stderr with its file
//! and line, the run goes on, and the exit status is 1 when anything failed.

use anyhow::Context;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tidings_doc::{Article, Layer, Published, Record};
use tidings_pipeline::Pipeline;
use tidings_read::{Format, Metadata, ReadError};

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
    pub models: super::models::ModelsArg,
    /// Output: `json` (pretty; an array when there are several records) or `jsonl` (one record
    /// per line, written as each article finishes). Default: json for a single text or HTML
    /// file, jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
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
    let mut pipeline = Pipeline::with_options(&models, &options).context("loading the pipeline")?;
    if let Some(until) = args.until {
        pipeline = pipeline.until(until.layer());
    }
    let mut out = RecordWriter::new(format);
    let mut failures = 0usize;

    for input in &args.inputs {
        for article in read_input(input, &meta) {
            match article {
                Ok(article) => out.write(&Record::from_doc(&pipeline.run(article)))?,
                Err(err) => {
                    failures += 1;
                    eprintln!("tidings: {err}");
                }
            }
        }
    }
    let written = out.finish()?;
    if failures > 0 {
        eprintln!("tidings: {failures} input(s) failed, {written} record(s) written");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
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
) -> Box<dyn Iterator<Item = Result<Article, ReadError>>> {
    if input == Path::new("-") {
        Box::new(tidings_read::read_jsonl(
            std::io::stdin().lock(),
            "<stdin>",
            meta,
        ))
    } else {
        Box::new(tidings_read::read_file(input, Format::detect(input), meta))
    }
}

fn default_format(inputs: &[PathBuf]) -> OutputFormat {
    match inputs {
        [one] if one != Path::new("-") && Format::detect(one) != Format::Jsonl => {
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

    fn write(&mut self, record: &Record) -> anyhow::Result<()> {
        self.written += 1;
        match self.format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(&mut self.out, record)?;
                self.out.write_all(b"\n")?;
                // Flush per record: a downstream reader (RDD.pipe, a pager) sees each as it finishes.
                self.out.flush()?;
            }
            OutputFormat::Json => self.pending.push(record.clone()),
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
