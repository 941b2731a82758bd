//! `tidings events build`: reads the verb dictionaries, the nominal lexicon and the CAMEO →
//! PLOVER table and writes the event lexicon artifact (`models/events/events.bin`) with its
//! card. The `tidings-events` crate does the work.
use anyhow::Context;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use tidings_events::{EventLexicon, LexiconSources};

#[derive(clap::Subcommand)]
pub enum EventsCommand {
    /// Build the event lexicon (events.bin + README.md) from the dictionaries.
    Build(BuildArgs),
}

#[derive(clap::Args)]
pub struct BuildArgs {
    /// The shared data folder (PETRARCH2 and PLOVER dictionaries).
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// The project's own dictionaries (verbs.txt, nominal.txt).
    #[arg(long, default_value = "data/events")]
    pub own: PathBuf,
    /// The output folder.
    #[arg(long, default_value = "models/events")]
    pub out: PathBuf,
}

/// The sources `events build` reads, in precedence order.
pub fn sources(data: &std::path::Path, own: &std::path::Path) -> LexiconSources {
    LexiconSources {
        verbs: vec![
            data.join("petrarch2/dictionaries/CAMEO.2.0.txt"),
            own.join("verbs.txt"),
        ],
        plover: data.join("plover/CAMEO2PLOVER-2021.txt"),
        nominals: vec![own.join("nominal.txt")],
    }
}

pub fn run(command: EventsCommand) -> anyhow::Result<ExitCode> {
    match command {
        EventsCommand::Build(args) => build(args),
    }
}

fn build(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let sources = sources(&args.data, &args.own);
    let (lexicon, reports) = EventLexicon::build(&sources).context("reading the dictionaries")?;
    let path = lexicon
        .save(&args.out)
        .context("writing the event lexicon")?;
    let mut card = String::new();
    writeln!(card, "# Event lexicon (`events.bin`)\n")?;
    writeln!(
        card,
        "Built by `tidings events build` (defaults: `--data ../shared/data --own data/events \
         --out models/events`); the build is deterministic, and a test rebuilds it and \
         compares bytes. `tidings_events::EventLexicon::load(\"models/events\")` reads it.\n"
    )?;
    writeln!(
        card,
        "| source | blocks | verbs | patterns | skipped lines |"
    )?;
    writeln!(card, "|---|---:|---:|---:|---:|")?;
    for (file, r) in sources.verbs.iter().zip(&reports) {
        writeln!(
            card,
            "| {} | {} | {} | {} | {} |",
            file.file_name().unwrap_or_default().to_string_lossy(),
            r.blocks,
            r.verbs,
            r.patterns,
            r.skipped.len()
        )?;
    }
    writeln!(
        card,
        "\nNominal events: {} nouns (`data/events/nominal.txt`). CAMEO → PLOVER: {} codes \
         (`CAMEO2PLOVER-2021.txt`, PLOVER manual v0.8).\n",
        lexicon.nominals.len(),
        lexicon.plover.len()
    )?;
    writeln!(
        card,
        "Licences: CAMEO.2.0.txt is part of PETRARCH2 (MIT); CAMEO2PLOVER is from the PLOVER \
         repository of the Open Event Data Alliance; see ../shared/data/SOURCES.md. The \
         project's own files are under the project's licence."
    )?;
    std::fs::write(args.out.join("README.md"), &card).context("writing the card")?;
    println!("wrote {}", path.display());
    print!("{card}");
    Ok(ExitCode::SUCCESS)
}
