//! `tidings eval timeml`: TempEval-3 timex scores of the time tagger against TimeML gold.
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Folder of TimeML files (searched recursively for *.tml).
    pub gold_dir: std::path::PathBuf,
    /// Print the scores as one JSON object on the last line.
    #[arg(long)]
    pub json: bool,
    /// Print every missed, spurious or differing timex to stderr (for development).
    #[arg(long)]
    pub errors: bool,
}

pub fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let show = args.errors;
    let scores = tidings_eval::timeml::evaluate_reporting(&args.gold_dir, |m| {
        if show {
            eprintln!("{m}");
        }
    })?;
    crate::cmd::report::print_scores(&scores, &scores, args.json)?;
    Ok(ExitCode::SUCCESS)
}
