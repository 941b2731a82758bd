//! `tidings eval fusion`.
use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// A folder of Giveme5W1H article files (JSON).
    #[arg(value_name = "DIR")]
    pub folder: PathBuf,
    /// Days two reports' dates may lie apart and still tell of one happening.
    #[arg(long, default_value_t = tidings_eval::fusion::Config::default().window_days)]
    pub window: i64,
    #[command(flatten)]
    pub models: super::models::ModelsArg,
    /// Print the scores as one JSON object on the last line.
    #[arg(long)]
    pub json: bool,
    /// Print each article's main event on stderr.
    #[arg(long)]
    pub verbose: bool,
}

pub fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let models = args.models.dir();
    let pipeline =
        tidings_pipeline::Pipeline::with_models(&models).context("loading the pipeline")?;
    let config = tidings_eval::fusion::Config {
        window_days: args.window,
        ..Default::default()
    };
    let scores = tidings_eval::fusion::evaluate(&args.folder, &pipeline, config, |m| {
        if args.verbose {
            eprintln!("{m}");
        }
    })?;
    super::report::print_scores(&scores, &scores, args.json)?;
    Ok(ExitCode::SUCCESS)
}
