//! `tidings kb build` and `tidings kb lookup` (owned by the knowledge-base work): flags and glue
//! around the `tidings-kb` crate, which does the work.
use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Subcommand)]
pub enum KbCommand {
    /// Build the knowledge base artifact (kb.bin + README.md) from the shared sources.
    Build(BuildArgs),
    /// Print what the knowledge base knows about a name (countries, actors, agents, places).
    Lookup(LookupArgs),
}

#[derive(clap::Args)]
pub struct BuildArgs {
    /// The shared data folder (PETRARCH dictionaries, countries.json, CountryInfo).
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// The derived GeoNames city table (written by tools/kb/cities).
    #[arg(long, default_value = "data/kb/cities15000.tsv")]
    pub cities: PathBuf,
    /// The project's own dictionaries (every *.actors.txt and *.agents.txt in this folder).
    #[arg(long, default_value = "data/actors")]
    pub supplements: PathBuf,
    /// The output folder.
    #[arg(long, default_value = "models/kb")]
    pub out: PathBuf,
    /// List every skipped source line on stderr.
    #[arg(long)]
    pub verbose: bool,
}

#[derive(clap::Args)]
pub struct LookupArgs {
    /// The name, role or place to look up.
    pub name: String,
    /// The model folder.
    #[arg(long, default_value = "models/kb")]
    pub kb: PathBuf,
    /// The date actor codes are taken at (YYYY-MM-DD); without it every dated code is listed.
    #[arg(long)]
    pub date: Option<tidings_kb::NaiveDate>,
    /// A user actor dictionary to add first (PETRARCH format); may be repeated.
    #[arg(long)]
    pub actors: Vec<PathBuf>,
}

pub fn run(command: KbCommand) -> anyhow::Result<ExitCode> {
    match command {
        KbCommand::Build(args) => build(args),
        KbCommand::Lookup(args) => lookup(args),
    }
}

fn build(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let report = tidings_kb::build_to(
        &args.data,
        &args.cities,
        &tidings_kb::supplements_in(&args.supplements)
            .context("listing the supplement dictionaries")?,
        &args.out,
    )
    .context("building the knowledge base")?;
    let built = start.elapsed();
    let start = Instant::now();
    tidings_kb::Kb::load(&args.out).context("reloading the artifact")?;
    let loaded = start.elapsed();
    if args.verbose {
        for (file, skipped) in &report.skipped {
            eprintln!("{file}:{}: skipped: {}", skipped.line, skipped.reason);
        }
    }
    let s = &report.stats;
    println!("wrote {}", args.out.join(tidings_kb::ARTIFACT).display());
    println!("countries {} ({} names)", s.countries, s.country_names);
    println!("actors    {} ({} names)", s.actors, s.actor_names);
    println!("agents    {} ({} names)", s.agents, s.agent_names);
    println!("places    {} ({} names)", s.places, s.place_names);
    println!("metonyms  {}", s.metonyms);
    for (file, count) in &s.skipped {
        println!("skipped   {count} lines of {file}");
    }
    println!(
        "build {:.2} s, load {:.1} ms",
        built.as_secs_f64(),
        loaded.as_secs_f64() * 1000.0
    );
    Ok(ExitCode::SUCCESS)
}

fn lookup(args: LookupArgs) -> anyhow::Result<ExitCode> {
    let mut kb = tidings_kb::Kb::load(&args.kb)?;
    for path in &args.actors {
        kb.add_actors(path)?;
    }
    let name = args.name.as_str();
    for country in kb.countries_by_name(name) {
        println!(
            "country  {} {} ({})",
            country.iso3, country.name, country.official
        );
    }
    for actor in kb.actors(name) {
        let shown = match args.date {
            Some(date) => {
                let code = actor.code_at(date).map_or("-".to_string(), |c| {
                    format!(
                        "{} country={} sector={}",
                        c.raw,
                        c.country.unwrap_or_default(),
                        c.sector.unwrap_or_default()
                    )
                });
                format!("on {date}: {code}")
            }
            None => actor
                .actor()
                .codes
                .iter()
                .map(show_code)
                .collect::<Vec<_>>()
                .join(" "),
        };
        println!(
            "actor    {} [{}] {shown} ({})",
            actor.kb_id(),
            actor.name(),
            actor.actor().source
        );
    }
    for agent in kb.agents(name) {
        println!(
            "agent    {} {} sector={} ({})",
            agent.phrase,
            agent.code,
            agent.sector.as_deref().unwrap_or(""),
            agent.source
        );
    }
    for place in kb.places(name).take(10) {
        let at = match (place.lat, place.lon) {
            (Some(lat), Some(lon)) => format!("{lat:.4} {lon:.4}"),
            _ => "-".into(),
        };
        println!(
            "place    {:?} {} {} {at} geonames={} population={}",
            place.kind,
            place.name,
            place.country.as_deref().unwrap_or("-"),
            place.geonames_id.map_or("-".into(), |g| g.to_string()),
            place.population.map_or("-".into(), |p| p.to_string()),
        );
    }
    if let Some(m) = kb.metonym(name) {
        println!("metonym  {} → {} ({})", m.name, m.code, m.source);
    }
    Ok(ExitCode::SUCCESS)
}

/// A dated code as the dictionaries write it: `[RUSGOV 20080508-]`.
fn show_code(code: &tidings_kb::DatedCode) -> String {
    let day = |d: Option<u32>| d.map_or(String::new(), |d| d.to_string());
    if code.is_default() {
        format!("[{}]", code.code)
    } else {
        format!("[{} {}-{}]", code.code, day(code.from), day(code.to))
    }
}
