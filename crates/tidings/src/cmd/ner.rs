//! `tidings eval conll`, `tidings train ner`.
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// A CoNLL-2003 file (token POS chunk NER, IOB2).
    pub file: PathBuf,
    /// Print the scores as one JSON object on the last line.
    #[arg(long)]
    pub json: bool,
    /// The models folder (default: $TIDINGS_MODELS, else the workspace's models/).
    #[arg(long)]
    pub models: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct TrainArgs {
    /// CoNLL-2003 training file.
    #[arg(long)]
    pub train: PathBuf,
    /// CoNLL-2003 dev file: scored after every pass; the best pass is kept.
    #[arg(long)]
    pub dev: PathBuf,
    /// Model directory to write (`ner.bin`, `MODEL_CARD.md`).
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Most passes over the training data.
    #[arg(long, default_value_t = 20)]
    pub epochs: usize,
    /// Train this many runs (seeds seed, seed+1, ...) and sum their weights into one model.
    #[arg(long, default_value_t = 3)]
    pub ensemble: usize,
    /// Beam width (1 = greedy decoding).
    #[arg(long, default_value_t = 4)]
    pub beam: usize,
    /// Word clusters (default: <models>/clusters/clusters.tsv.gz beside --out's parent).
    #[arg(long)]
    pub clusters: Option<PathBuf>,
    /// Shared data folder with the gazetteer sources (default: $TIDINGS_DATA or ../shared/data).
    #[arg(long)]
    pub data: Option<PathBuf>,
}

pub fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let models = args
        .models
        .unwrap_or_else(tidings_pipeline::default_models_dir);
    let rec = tidings_ner::Recognizer::load(&models.join("ner"))?;
    let s = tidings_eval::conll::evaluate(&args.file, &rec)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}: {} documents, {} sentences, {} tokens",
        args.file.display(),
        s.documents,
        s.sentences,
        s.tokens
    )?;
    writeln!(
        out,
        "{:<6} {:>9} {:>9} {:>9} {:>6} {:>6}",
        "type", "precision", "recall", "F1", "gold", "found"
    )?;
    for (t, x) in &s.per_type {
        writeln!(
            out,
            "{t:<6} {:>9.4} {:>9.4} {:>9.4} {:>6} {:>6}",
            x.precision, x.recall, x.f1, x.gold, x.predicted
        )?;
    }
    writeln!(
        out,
        "{:<6} {:>9.4} {:>9.4} {:>9.4} {:>6} {:>6}",
        "all", s.precision, s.recall, s.f1, s.gold, s.predicted
    )?;
    writeln!(out, "{:.0} words/s", s.words_per_second)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&s)?)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn train(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let clusters = args.clusters.clone().unwrap_or_else(|| {
        let models = args
            .out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(tidings_pipeline::default_models_dir, PathBuf::from);
        models.join("clusters/clusters.tsv.gz")
    });
    let data = args
        .data
        .clone()
        .or_else(tidings_corpus::shared_data_dir)
        .context("no shared data folder for the gazetteers: pass --data or set TIDINGS_DATA")?;
    let opts = tidings_ner::TrainOptions {
        seed: args.seed,
        epochs: args.epochs,
        beam: args.beam,
        ensemble: args.ensemble,
        gazetteers: Some(data.clone()),
        clusters: Some(clusters.clone()),
        ..Default::default()
    };
    let start = Instant::now();
    let (rec, report) =
        tidings_ner::train(&args.train, &args.dev, &opts, &mut |m| eprintln!("{m}"))?;
    let seconds = start.elapsed().as_secs_f64();
    rec.save(&args.out)?;
    let size = std::fs::metadata(args.out.join(tidings_ner::MODEL_FILE))?.len();
    let card = tidings_ner::model_card(
        &report,
        &opts,
        &args.train,
        &args.dev,
        seconds,
        size,
        &command_line(),
    );
    std::fs::write(args.out.join("MODEL_CARD.md"), card)
        .with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "dev F1 {:.4}; {} features; {:.1} MB; {:.0} s",
        report.dev.f1(),
        report.features,
        size as f64 / 1e6,
        seconds
    );
    Ok(ExitCode::SUCCESS)
}

/// The command as typed, with the program named `tidings` rather than by its build path.
fn command_line() -> String {
    std::iter::once("tidings".to_string())
        .chain(std::env::args().skip(1))
        .collect::<Vec<_>>()
        .join(" ")
}
