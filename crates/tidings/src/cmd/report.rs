//! How every `tidings eval` command prints its scores: a table for people, then with `--json`
//! one JSON object as the last line for scripts.

use serde::Serialize;
use std::fmt::Display;
use std::io::Write;

/// Prints the human table, and with `json` the scores as one JSON object on the last line.
pub fn print_scores(
    table: &impl Display,
    scores: &impl Serialize,
    json: bool,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    write!(out, "{table}")?;
    if json {
        writeln!(out, "{}", serde_json::to_string(scores)?)?;
    }
    out.flush()?;
    Ok(())
}
