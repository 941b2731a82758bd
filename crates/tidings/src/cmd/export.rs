//! `tidings export --db PATH --format jsonl|gdelt|parquet --out FILE`: a whole store as one file.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;
use tidings_store::{EventFilter, Store};

#[derive(clap::Args)]
pub struct Args {
    /// The store (written by `tidings ingest`); opened read-only.
    #[arg(long)]
    db: PathBuf,
    #[arg(long, value_enum)]
    format: Format,
    /// The file to write (replaced if it exists).
    #[arg(long)]
    out: PathBuf,
    /// gdelt: write the column names as a first line (GDELT's own files have none).
    #[arg(long)]
    header: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// The stored tidings/1 records, one JSON object per line.
    Jsonl,
    /// Fused events as GDELT 2.0 event rows: 61 tab-separated columns in GDELT's order.
    Gdelt,
    /// Fused events as a Parquet table.
    Parquet,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let store = Store::open_read_only(&args.db)
        .with_context(|| format!("opening the store {}", args.db.display()))?;
    let file = File::create(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let out = BufWriter::new(file);
    let context = || format!("writing {}", args.out.display());
    let (rows, what) = match args.format {
        Format::Jsonl => (
            tidings_export::write_jsonl(&store, out).with_context(context)?,
            "records",
        ),
        Format::Gdelt | Format::Parquet => {
            let events = store.events(&EventFilter::default())?;
            let rows = match args.format {
                Format::Gdelt => tidings_export::gdelt::write(&events, out, args.header),
                _ => tidings_export::parquet::write(&events, out),
            };
            (rows.with_context(context)?, "events")
        }
    };
    eprintln!("{}: {rows} {what}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
