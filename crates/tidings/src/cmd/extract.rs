//! `tidings extract` (being wired up: waits for the read, segment and timex crates).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Article files (.txt, .jsonl, .html); `-` reads JSON Lines from stdin.
    pub inputs: Vec<std::path::PathBuf>,
}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("extract is not built yet")
}
