//! `tidings eval petrarch`: event and actor coding against the PETRARCH2 unit-test records, run
//! with the dictionaries the records are written against.
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tidings_eval::petrarch::DictionaryCounts;

/// The unit-test records, relative to the shared data folder.
const UNIT_TESTS: &str = "petrarch2/text/PETR.UnitTest.records.xml";

#[derive(clap::Args)]
pub struct EvalArgs {
    /// A PETRARCH unit-test records file (default: the shared PETR.UnitTest.records.xml).
    pub file: Option<PathBuf>,
    /// Verb dictionaries to use instead of the file's `<Verbfile>` (repeatable).
    #[arg(long = "verbs")]
    pub verbs: Vec<PathBuf>,
    /// Actor dictionaries to use instead of the file's `<Actorfile>` (repeatable).
    #[arg(long = "actors")]
    pub actors: Vec<PathBuf>,
    /// Agent dictionaries to use instead of the file's `<Agentfile>` (repeatable).
    #[arg(long = "agents")]
    pub agents: Vec<PathBuf>,
    #[command(flatten)]
    pub models: super::models::ModelsArg,
    /// Print the scores as one JSON object on the last line.
    #[arg(long)]
    pub json: bool,
    /// Print each sentence with a missed coding or a spurious event (id, text, gold and system
    /// codings) on stderr.
    #[arg(long)]
    pub misses: bool,
}

pub fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let file = match &args.file {
        Some(f) => f.clone(),
        None => tidings_corpus::shared_data_dir()
            .context("the shared corpora were not found: give FILE or set TIDINGS_DATA")?
            .join(UNIT_TESTS),
    };
    let tests = tidings_corpus::petrarch::read(&file)?;
    let env = &tests.environment;
    // PETRARCH looks the environment's files up in the dictionary folder beside the text folder.
    let folder = file
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."))
        .join("dictionaries");
    let from_env =
        |name: &Option<String>| -> Vec<PathBuf> { name.iter().map(|n| folder.join(n)).collect() };
    let choose = |given: &[PathBuf], named: &Option<String>| {
        if given.is_empty() {
            from_env(named)
        } else {
            given.to_vec()
        }
    };
    let verbs = choose(&args.verbs, &env.verb_file);
    let actors = choose(&args.actors, &env.actor_file);
    let agents = choose(&args.agents, &env.agent_file);
    let discards = from_env(&env.discard_file);
    let counts = dictionary_counts(&verbs, &actors, &agents, &discards)?;

    let options = tidings_pipeline::Options {
        actors,
        agents,
        verbs,
        // The records are written against their own small verb dictionary.
        only_these_verbs: true,
    };
    let pipeline = tidings_pipeline::Pipeline::with_options(&args.models.dir(), &options)
        .context("loading the pipeline")?;
    let scores = tidings_eval::petrarch::evaluate_reporting(&file, &pipeline, counts, |miss| {
        if args.misses {
            eprintln!("{miss}");
        }
    })?;
    super::report::print_scores(&scores, &scores, args.json)?;
    Ok(ExitCode::SUCCESS)
}

/// Reads each dictionary for its size, so the report shows what the run was given.
fn dictionary_counts(
    verbs: &[PathBuf],
    actors: &[PathBuf],
    agents: &[PathBuf],
    discards: &[PathBuf],
) -> anyhow::Result<DictionaryCounts> {
    let mut counts = DictionaryCounts::default();
    for path in verbs {
        let (_, report) = tidings_events::VerbDictionary::read(path)
            .with_context(|| format!("reading {}", path.display()))?;
        counts.verbs += report.verbs;
        counts.verb_patterns += report.patterns;
    }
    for path in actors {
        counts.actors += tidings_kb::actors::read_actors(path)?.entries.len();
    }
    for path in agents {
        counts.agents += tidings_kb::agents::read_agents(path)?.entries.len();
    }
    for path in discards {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        counts.discards += text
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .count();
    }
    Ok(counts)
}
