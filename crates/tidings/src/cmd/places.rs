//! `tidings eval where`.
use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// A folder of Giveme5W1H article files (JSON). (Not named `dir`: clap would take it
    /// for the `--models` flag's field of the same name.)
    #[arg(value_name = "DIR")]
    pub articles: PathBuf,
    /// The hand judgements of each answer's country.
    #[arg(long, default_value = "data/eval/giveme5w1h-where.tsv")]
    pub judgements: PathBuf,
    #[command(flatten)]
    pub models: super::models::ModelsArg,
    /// Print the scores as one JSON object on the last line.
    #[arg(long)]
    pub json: bool,
    /// Print each answer's resolution on stderr.
    #[arg(long)]
    pub verbose: bool,
}

pub fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let models = args.models.dir();
    let pipeline =
        tidings_pipeline::Pipeline::with_models(&models).context("loading the pipeline")?;
    let linker = tidings_link::Linker::load(&models).context("loading the knowledge base")?;
    let scores =
        tidings_eval::places::evaluate(&args.articles, &args.judgements, &pipeline, &linker, |r| {
            if args.verbose {
                eprintln!("{r}");
            }
        })?;
    super::report::print_scores(&scores, &scores, args.json)?;
    Ok(ExitCode::SUCCESS)
}
