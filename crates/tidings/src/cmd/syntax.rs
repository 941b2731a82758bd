//! `tidings eval conllu`, `tidings train pos|parser` (owned by the syntax work).
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// A CoNLL-U file with gold tags and trees.
    pub file: PathBuf,
    /// Print the scores as one JSON object on the last line.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct TrainArgs {
    #[arg(long)]
    pub train: PathBuf,
    #[arg(long)]
    pub dev: PathBuf,
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn eval(_args: EvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("eval conllu is not built yet")
}

pub fn train_pos(_args: TrainArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("train pos is not built yet")
}

pub fn train_parser(_args: TrainArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("train parser is not built yet")
}
