//! `tidings query --db PATH [filters] [--format table|json|csv]`: fused events from a store.

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tidings_store::query::EventRow;
use tidings_store::{EventFilter, Store};

#[derive(clap::Args)]
pub struct Args {
    /// The store (written by `tidings ingest`); opened read-only.
    #[arg(long)]
    db: PathBuf,
    /// A party: its key (VLADIMIR_PUTIN, cameo:RUSGOV), CAMEO code, or words of its name.
    #[arg(long)]
    actor: Option<String>,
    /// ISO 3166 alpha-3 code of a party or of the place.
    #[arg(long)]
    country: Option<String>,
    /// PLOVER event type (CONSULT, PROTEST, ...).
    #[arg(long = "type")]
    kind: Option<String>,
    /// Latest status (happened, planned, ...).
    #[arg(long)]
    status: Option<String>,
    /// Events on or after this day (YYYY-MM-DD, or a prefix such as 2019-04).
    #[arg(long)]
    from: Option<String>,
    /// Events on or before this day (YYYY-MM-DD, or a prefix such as 2019-04).
    #[arg(long)]
    to: Option<String>,
    /// Events whose place lies within KM kilometres of LAT,LON.
    #[arg(long, value_name = "LAT,LON,KM", value_parser = parse_near)]
    near: Option<(f64, f64, f64)>,
    /// An outlet that told of the event (exact name, any case).
    #[arg(long)]
    outlet: Option<String>,
    /// Words that must all occur in one evidence sentence (full-text search).
    #[arg(long, value_name = "WORDS")]
    text: Option<String>,
    /// At most N events (0: all).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Skip the first N events.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Aligned columns for reading.
    Table,
    /// One JSON object per line (an EventRow).
    Json,
    /// RFC 4180 CSV with a header.
    Csv,
}

fn parse_near(s: &str) -> Result<(f64, f64, f64), String> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let [lat, lon, km] = parts[..] else {
        return Err(format!("expected LAT,LON,KM, found {s:?}"));
    };
    let num = |x: &str, what: &str| -> Result<f64, String> {
        x.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{what} {x:?} is not a number"))
    };
    let (lat, lon, km) = (num(lat, "latitude")?, num(lon, "longitude")?, num(km, "distance")?);
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) || km < 0.0 {
        return Err(format!("{s:?}: latitude in -90..90, longitude in -180..180, km >= 0"));
    }
    Ok((lat, lon, km))
}

fn check_day(flag: &str, day: &Option<String>) -> Result<()> {
    if let Some(d) = day {
        let ok = !d.is_empty()
            && d.len() <= 10
            && d.chars().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !ok {
            bail!("--{flag} {d:?}: expected YYYY-MM-DD (or YYYY-MM, YYYY)");
        }
    }
    Ok(())
}

pub fn run(args: Args) -> Result<ExitCode> {
    check_day("from", &args.from)?;
    check_day("to", &args.to)?;
    let store = Store::open_read_only(&args.db)
        .with_context(|| format!("opening the store {}", args.db.display()))?;
    let filter = EventFilter {
        actor: args.actor,
        country: args.country,
        kind: args.kind,
        status: args.status,
        from: args.from,
        to: args.to,
        near: args.near,
        outlet: args.outlet,
        text: args.text,
        limit: args.limit,
        offset: args.offset,
    };
    let events = store.events(&filter)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            for e in &events {
                serde_json::to_writer(&mut out, e)?;
                writeln!(out)?;
            }
        }
        Format::Csv => write_csv(&mut out, &events)?,
        Format::Table => write_table(&mut out, &events)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn names(parties: &[tidings_store::query::Party]) -> String {
    parties
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The columns of csv and table output, from one row.
fn columns(e: &EventRow) -> Vec<String> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    vec![
        e.id.to_string(),
        opt(&e.day),
        e.kind.clone(),
        e.status.clone(),
        names(&e.actors),
        names(&e.recipients),
        e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
        e.article_count.to_string(),
        e.outlet_count.to_string(),
        e.trigger.clone(),
        e.sentence.clone(),
    ]
}

const HEADER: [&str; 11] = [
    "id", "day", "type", "status", "actors", "recipients", "place", "articles", "outlets",
    "trigger", "sentence",
];

fn write_csv(out: &mut impl Write, events: &[EventRow]) -> Result<()> {
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .map(|c| {
                if c.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    writeln!(out, "{}", line(&header))?;
    for e in events {
        writeln!(out, "{}", line(&columns(e)))?;
    }
    Ok(())
}

/// Columns padded to their widest cell (by characters), long cells cut (the sentence, last,
/// less so); `--format json` has everything.
fn write_table(out: &mut impl Write, events: &[EventRow]) -> Result<()> {
    const MAX: usize = 32;
    const SENTENCE: usize = 100;
    let cut = |s: &str, max: usize| -> String {
        let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.chars().count() > max {
            let mut c: String = one_line.chars().take(max - 1).collect();
            c.push('…');
            c
        } else {
            one_line
        }
    };
    let mut rows: Vec<Vec<String>> = vec![HEADER.iter().map(|h| h.to_string()).collect()];
    for e in events {
        let mut cells = columns(e);
        let last = cells.len() - 1;
        for c in &mut cells[..last] {
            *c = cut(c, MAX);
        }
        cells[last] = cut(&cells[last], SENTENCE);
        rows.push(cells);
    }
    let widths: Vec<usize> = (0..HEADER.len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for row in &rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', widths[i] - cell.chars().count() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    if events.is_empty() {
        writeln!(out, "(no events)")?;
    }
    Ok(())
}
