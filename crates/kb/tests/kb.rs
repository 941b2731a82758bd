//! Lookups on the committed artifact `models/kb/kb.bin`, the sources read whole, and the
//! byte-for-byte rebuild. New lookup cases go through the `check_*` helpers.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tidings_kb::{Kb, NaiveDate, PlaceKind};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::load(&repo().join("models/kb")).expect("models/kb/kb.bin loads"))
}

fn data_dir() -> PathBuf {
    // Asserts that the corpora are there, then takes their root.
    tidings_corpus::shared_data("petrarch2/dictionaries").join("../..")
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The first actor for `name` that has a code on `on`: its (country, sector).
fn check_actor(name: &str, on: &str, country: &str, sector: Option<&str>) {
    let kb = kb();
    let code = kb
        .actors(name)
        .find_map(|a| kb.code_at(a, date(on)))
        .unwrap_or_else(|| panic!("no coded actor for {name:?}"));
    assert_eq!(
        (code.country.as_deref(), code.sector.as_deref()),
        (Some(country), sector),
        "{name} on {on}: {code:?}"
    );
}

fn check_country(name: &str, iso3: Option<&str>) {
    assert_eq!(
        kb().country_by_name(name).map(|c| c.iso3.as_str()),
        iso3,
        "country_by_name({name:?})"
    );
}

fn check_agent(phrase: &str, sector: &str) {
    let agent = kb()
        .agent(phrase)
        .unwrap_or_else(|| panic!("no agent for {phrase:?}"));
    assert_eq!(agent.sector.as_deref(), Some(sector), "{phrase}: {agent:?}");
}

fn check_metonym(name: &str, code: &str) {
    let m = kb()
        .metonym(name)
        .unwrap_or_else(|| panic!("no metonym for {name:?}"));
    assert_eq!(m.code, code, "{name}: {m:?}");
}

#[test]
fn actors_are_coded_by_the_article_date() {
    check_actor("Putin", "2019-04-25", "RUS", Some("GOV"));
    check_actor("Vladimir Putin", "2010-06-01", "RUS", Some("GOV"));
    check_actor("PUTIN_", "1995-01-01", "RUS", Some("ELI"));
    check_actor("Medvedev", "2019-04-25", "RUS", Some("GOV"));
    check_actor("Dmitry Medvedev", "2010-06-01", "RUS", Some("GOV"));
    check_actor("the Kremlin", "2019-04-25", "RUS", Some("GOV"));
    check_actor("Russia", "2019-04-25", "RUS", None);
    check_actor("North Korea", "2019-04-25", "PRK", None);
}

#[test]
fn notable_people_outside_government_are_known() {
    check_actor("Shirin Ebadi", "2005-01-01", "IRN", Some("HRI"));
    check_actor("Andrei Sakharov", "1985-01-01", "RUS", Some("OPP"));
    check_actor("Pope Francis", "2012-01-01", "ARG", Some("CTH"));
    check_actor("Pope Francis", "2019-01-01", "VAT", Some("GOV"));
}

#[test]
fn actor_refs_carry_ids_names_and_sources() {
    let kb = kb();
    let putin = kb.actors("putin").next().unwrap();
    assert_eq!(putin.kb_id(), "VLADIMIR_PUTIN");
    assert!(putin.actor().names.iter().any(|n| n == "PUTIN"));
    assert!(putin
        .actor()
        .source
        .starts_with("Phoenix.Countries.actors.txt:"));
    assert_eq!(kb.actor("VLADIMIR_PUTIN"), Some(putin));
    assert_eq!(kb.actor("NO_SUCH_ACTOR"), None);
    assert_eq!(putin.country().as_deref(), Some("RUS"));
    // CountryInfo adds people missing from the dictionaries, with GOV terms and an ELI default.
    assert!(kb.stats().actors_from_countryinfo > 0);
}

#[test]
fn codes_split_into_country_and_sector() {
    let kb = kb();
    let cases = [
        ("RUSGOV", Some("RUS"), Some("GOV")),
        ("USAMIL", Some("USA"), Some("MIL")),
        ("IGOUNO", None, Some("IGO")),
        ("MNCUSA", Some("USA"), Some("BUS")),
        ("PRK", Some("PRK"), None),
    ];
    for (raw, country, sector) in cases {
        let code = kb.split_code(raw);
        assert_eq!(
            (code.country.as_deref(), code.sector.as_deref()),
            (country, sector),
            "{raw}"
        );
    }
}

#[test]
fn countries_by_name_alt_spelling_and_demonym() {
    check_country("Russia", Some("RUS"));
    check_country("Russian", Some("RUS"));
    check_country("North Korea", Some("PRK"));
    check_country("North Korean", Some("PRK"));
    check_country("DPRK", Some("PRK"));
    check_country("the United States", Some("USA"));
    check_country("United States", Some("USA"));
    check_country("US", Some("USA"));
    check_country("U.S.", Some("USA"));
    check_country("American", Some("USA"));
    check_country("China", Some("CHN"));
    // Short codes match only when written in capitals, and bare ISO2 codes are not names.
    check_country("us", None);
    check_country("IN", None);
    assert_eq!(kb().country("rus").map(|c| c.name.as_str()), Some("Russia"));
}

#[test]
fn agents_give_sectors_for_role_nouns() {
    check_agent("spokesman", "MED");
    check_agent("government spokeswoman", "GOV");
    check_agent("foreign minister", "GOV");
    check_agent("Foreign Ministry", "GOV");
    check_agent("rebels", "REB");
    check_agent("police", "COP");
    check_agent("president", "GOV");
    check_agent("forces", "MIL");
    let (agent, words) = kb().agent_suffix("the Russian foreign minister").unwrap();
    assert_eq!((agent.phrase.as_str(), words), ("FOREIGN MINISTER", 2));
}

#[test]
fn places_have_coordinates_and_kinds() {
    let kb = kb();
    let vladivostok = kb
        .places("Vladivostok")
        .find(|p| p.kind == PlaceKind::City)
        .unwrap();
    assert_eq!(vladivostok.country.as_deref(), Some("RUS"));
    assert!(
        (vladivostok.lat.unwrap() - 43.1).abs() < 0.05
            && (vladivostok.lon.unwrap() - 131.9).abs() < 0.05
    );
    assert_eq!(vladivostok.geonames_id, Some(2013348));
    assert!(vladivostok.population.unwrap() > 500_000);
    let moscow = kb.places("Moscow").next().unwrap();
    assert_eq!(
        (moscow.kind, moscow.country.as_deref()),
        (PlaceKind::Capital, Some("RUS"))
    );
    let russia = kb.places("Russia").next().unwrap();
    assert_eq!(russia.kind, PlaceKind::Country);
    assert!(kb
        .places("Siberia")
        .any(|p| p.kind == PlaceKind::Region && p.country.as_deref() == Some("RUS")));
    // Washington: the US capital comes before the smaller towns of the same name.
    let washington = kb.places("Washington").next().unwrap();
    assert_eq!(
        (washington.kind, washington.country.as_deref()),
        (PlaceKind::Capital, Some("USA"))
    );
}

#[test]
fn metonyms_stand_for_governments() {
    check_metonym("the Kremlin", "RUSGOV");
    check_metonym("White House", "USAGOV");
    check_metonym("Pyongyang", "PRKGOV");
    check_metonym("Washington", "USAGOV");
    check_metonym("Moscow", "RUSGOV");
    assert!(kb().metonym("Vladivostok").is_none());
}

#[test]
fn user_dictionaries_come_first_and_keep_dates() {
    let dir = std::env::temp_dir().join(format!("tidings-kb-user-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("research.actors.txt");
    std::fs::write(
        &path,
        "# a research group's own entries\nARAGORN_ELESSAR_\n+STRIDER_\n\t[GONREB <20010101]\n\t[GONGOV >20010102]\nPUTIN_ [XYZGOV]\n",
    )
    .unwrap();
    let mut kb = kb().clone();
    assert_eq!(kb.add_actors(&path).unwrap(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
    let strider = kb.actors("Strider").next().unwrap();
    assert!(strider.is_user());
    assert_eq!(strider.kb_id(), "user:ARAGORN_ELESSAR");
    assert_eq!(strider.code_at(date("2000-06-01")).unwrap().raw, "GONREB");
    assert_eq!(strider.code_at(date("2005-06-01")).unwrap().raw, "GONGOV");
    assert_eq!(kb.actor("user:ARAGORN_ELESSAR"), Some(strider));
    let first = kb.actors("Putin").next().unwrap();
    assert_eq!(first.code_at(date("2019-04-25")).unwrap().raw, "XYZGOV");
    assert_eq!(kb.actors("Putin").count(), 2);
}

#[test]
fn whole_sources_parse_with_few_skips() {
    let data = data_dir();
    for relative in tidings_kb::ACTOR_DICTIONARIES {
        let dict = tidings_kb::actors::read_actors(&data.join(relative)).unwrap();
        assert!(
            dict.entries.len() > 500,
            "{relative}: {} entries",
            dict.entries.len()
        );
        assert!(dict.skipped.len() < 20, "{relative}: {:?}", dict.skipped);
    }
    let agents = tidings_kb::agents::read_agents(&data.join(tidings_kb::AGENTS)).unwrap();
    assert!(
        agents.entries.len() > 2000 && agents.skipped.len() < 5,
        "{:?}",
        agents.skipped
    );
    let info =
        tidings_kb::countryinfo::read_countryinfo(&data.join(tidings_kb::COUNTRYINFO)).unwrap();
    assert!(info.countries.len() > 200);
    let rus = info.countries.iter().find(|c| c.code == "RUS").unwrap();
    assert!(rus.leaders.len() > 10 && rus.government.len() > 10 && rus.cities.len() > 10);
}

#[test]
fn rebuilding_gives_the_committed_bytes() {
    let out = std::env::temp_dir().join(format!("tidings-kb-rebuild-{}", std::process::id()));
    let report = tidings_kb::build_to(
        &data_dir(),
        &repo().join("data/kb/cities15000.tsv"),
        &tidings_kb::supplements_in(&repo().join("data/actors")).unwrap(),
        &out,
    )
    .unwrap();
    let built = std::fs::read(out.join("kb.bin")).unwrap();
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
    let committed = std::fs::read(repo().join("models/kb/kb.bin")).unwrap();
    assert!(
        built == committed,
        "models/kb/kb.bin is stale or the build is not deterministic: rebuild with `{}`",
        tidings_kb::BUILD_COMMAND
    );
    assert_eq!(
        readme,
        std::fs::read_to_string(repo().join("models/kb/README.md")).unwrap()
    );
    assert_eq!(&report.stats, kb().stats());
}
