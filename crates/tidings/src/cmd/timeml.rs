//! `tidings eval timeml`: TempEval-3 timex scores of the time tagger against TimeML gold, over
//! documents segmented and parsed as the pipeline does.
use anyhow::Context;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Folder of TimeML files (searched recursively for *.tml).
    pub gold_dir: std::path::PathBuf,
    /// Print the scores as one JSON object on the last line.
    #[arg(long)]
    pub json: bool,
    /// The models folder whose tagger and parser run before the time tagger (default:
    /// $TIDINGS_MODELS or the workspace's models/).
    #[arg(long)]
    pub models: Option<std::path::PathBuf>,
    /// Print every missed, spurious or differing timex to stderr (for development).
    #[arg(long)]
    pub errors: bool,
}

pub fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let show = args.errors;
    let models = args
        .models
        .unwrap_or_else(tidings_pipeline::default_models_dir);
    let syntax = tidings_syntax::SyntaxAnnotator::load(&models)
        .with_context(|| format!("loading the tagger and parser from {}", models.display()))?;
    let scores = tidings_eval::timeml::evaluate_reporting(&args.gold_dir, Some(&syntax), |m| {
        if show {
            eprintln!("{m}");
        }
    })?;
    crate::cmd::report::print_scores(&scores, &scores, args.json)?;
    Ok(ExitCode::SUCCESS)
}
