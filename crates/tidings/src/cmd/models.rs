//! The flags every command that builds a pipeline shares: `--models` and the user
//! dictionaries (`--actors`, `--agents`, `--verbs`).
use std::path::PathBuf;

#[derive(clap::Args, Clone, Debug, Default)]
pub struct ModelsArg {
    /// The models folder (default: $TIDINGS_MODELS, else the workspace's models/).
    #[arg(long = "models", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

impl ModelsArg {
    /// The folder to load models from.
    pub fn dir(&self) -> PathBuf {
        self.dir
            .clone()
            .unwrap_or_else(tidings_pipeline::default_models_dir)
    }
}

/// User dictionaries in the PETRARCH formats, consulted before (or, for verbs, on top of) the
/// built-in ones.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct DictionariesArg {
    /// A user actor dictionary in the PETRARCH format, consulted before the built-in ones
    /// (repeatable).
    #[arg(long = "actors")]
    pub actors: Vec<PathBuf>,
    /// A user agent dictionary in the PETRARCH format ("minister", "rebels" and their
    /// codes), consulted before the built-in one (repeatable).
    #[arg(long = "agents")]
    pub agents: Vec<PathBuf>,
    /// A user verb dictionary in the PETRARCH format (verbs, patterns and their CAMEO codes),
    /// whose verbs take precedence over the built-in ones (repeatable). See
    /// data/events/verbs.txt for the format.
    #[arg(long = "verbs")]
    pub verbs: Vec<PathBuf>,
}

impl DictionariesArg {
    /// The pipeline options these flags ask for.
    pub fn options(&self) -> tidings_pipeline::Options {
        tidings_pipeline::Options {
            actors: self.actors.clone(),
            agents: self.agents.clone(),
            verbs: self.verbs.clone(),
            only_these_verbs: false,
        }
    }
}
