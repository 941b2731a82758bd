//! `tidings eval wikievents`.
use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// A WikiEvents JSON Lines file (e.g. ../shared/data/wikievents/data/wikievents/dev.jsonl).
    pub file: PathBuf,
    #[command(flatten)]
    pub models: super::models::ModelsArg,
    /// Print the scores as one JSON object on the last line.
    #[arg(long)]
    pub json: bool,
    /// Print each missed gold mention and each extra system mention on stderr.
    #[arg(long)]
    pub errors: bool,
}

pub fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let models = args.models.dir();
    let pipeline =
        tidings_pipeline::Pipeline::with_models(&models).context("loading the pipeline")?;
    let scores = tidings_eval::wikievents::evaluate(&args.file, &pipeline, |miss| {
        if args.errors {
            eprintln!("{miss}");
        }
    })?;
    super::report::print_scores(&scores, &scores, args.json)?;
    Ok(ExitCode::SUCCESS)
}
