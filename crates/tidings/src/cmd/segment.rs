//! `tidings eval sentences` (owned by the segmentation work).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// A CoNLL-U file with gold sentences and `# text` lines.
    pub file: std::path::PathBuf,
    /// Print the scores as one JSON object on the last line.
    #[arg(long)]
    pub json: bool,
}

pub fn eval(_args: EvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("eval sentences is not built yet")
}
