//! `tidings eval timeml` (owned by the timex work).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Folder of TimeML files (searched recursively for *.tml).
    pub gold_dir: std::path::PathBuf,
    /// Print the scores as one JSON object on the last line.
    #[arg(long)]
    pub json: bool,
}

pub fn eval(_args: EvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("eval timeml is not built yet")
}
