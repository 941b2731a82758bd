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

/// Scores the segmenter's sentences and tokens against the file's gold ones.
pub fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let scores = tidings_eval::sentences::evaluate(&args.file)?;
    crate::cmd::report::print_scores(&scores, &scores, args.json)?;
    Ok(ExitCode::SUCCESS)
}
