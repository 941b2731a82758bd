//! The `--models` flag that every command loading models shares.
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
