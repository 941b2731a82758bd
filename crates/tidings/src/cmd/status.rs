//! `tidings eval status`.
use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// The status and attribution test set (JSON Lines).
    #[arg(default_value = "data/eval/status-attribution.jsonl")]
    pub file: PathBuf,
    #[command(flatten)]
    pub models: super::models::ModelsArg,
    /// Print the scores as one JSON object on the last line.
    #[arg(long)]
    pub json: bool,
    /// Print each missed or wrong event, then the status confusions, on stderr.
    #[arg(long)]
    pub misses: bool,
}

pub fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let items = tidings_eval::status::read(&args.file)?;
    let pipeline = tidings_pipeline::Pipeline::with_models(&args.models.dir())
        .context("loading the pipeline")?;
    let scores = tidings_eval::status::score(&items, &pipeline, |miss| {
        if args.misses {
            eprintln!("{miss}");
        }
    });
    if args.misses {
        for c in &scores.confusion {
            eprintln!("gold {} -> system {}: {}", c.gold, c.system, c.count);
        }
    }
    super::report::print_scores(&scores, &scores, args.json)?;
    Ok(ExitCode::SUCCESS)
}
