//! Builds the tables of the knowledge base from the sources (`tidings kb build`).
//!
//! Everything is ordered by the sources or sorted before it is written, and no map is iterated
//! in hash order, so two builds give identical bytes.

use crate::actors::{read_actors, ActorDictionary};
use crate::agents::{read_agents, AgentDictionary};
use crate::cities::{read_cities, CityRecord};
use crate::code::{split, DatedCode};
use crate::countries::{read_countries, CountryRecord};
use crate::countryinfo::{read_countryinfo, CountryInfo};
use crate::error::KbError;
use crate::index::NameIndex;
use crate::model::{Actor, Agent, Country, Metonym, Place, PlaceKind, Stats, Tables};
use crate::normalize::{display_phrase, id_form, is_case_marked, normalize};
use crate::records::Records;
use crate::Skipped;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where the sources live, relative to the shared data folder.
pub const COUNTRIES: &str = "gazetteer/mledoze-countries/countries.json";
pub const COUNTRYINFO: &str = "gazetteer/openeventdata-CountryInfo/CountryInfo.120116.txt";
pub const ACTOR_DICTIONARIES: [&str; 3] = [
    "petrarch2/dictionaries/Phoenix.Countries.actors.txt",
    "petrarch2/dictionaries/Phoenix.International.actors.txt",
    "petrarch2/dictionaries/Phoenix.MilNonState.actors.txt",
];
pub const AGENTS: &str = "petrarch2/dictionaries/Phoenix.agents.txt";

/// What a build read, kept, merged and skipped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BuildReport {
    pub stats: Stats,
    /// Every skipped line: `(file name, line and reason)`.
    pub skipped: Vec<(String, Skipped)>,
    /// Codeless dictionary entries merged into the entry after them.
    pub merged_codeless: usize,
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A `(key, target, case_marked)` index item for a name.
fn item(name: &str, target: usize) -> (String, u32, bool) {
    let key = normalize(name);
    let marked = is_case_marked(name, &key);
    (key, target as u32, marked)
}

/// Turns agent dictionary entries into agents; `first_id` is the id of the first one. Every
/// form of each entry goes into `names`.
pub(crate) fn dictionary_agents(
    dict: &AgentDictionary,
    file: &str,
    first_id: usize,
    names: &mut Vec<(String, u32, bool)>,
) -> Vec<Agent> {
    let mut agents = Vec::with_capacity(dict.entries.len());
    for entry in &dict.entries {
        let id = first_id + agents.len();
        for form in &entry.forms {
            names.push(item(form, id));
        }
        agents.push(Agent {
            phrase: display_phrase(&entry.forms[0]),
            code: entry.code.clone(),
            sector: split(&entry.code, |_| false).sector,
            after_actor: entry.after_actor,
            source: format!("{file}:{}", entry.line),
        });
    }
    agents
}

/// Gives each actor a unique `kb_id` derived from its primary name.
#[derive(Default)]
struct Ids(BTreeMap<String, usize>);

impl Ids {
    fn make(&mut self, prefix: &str, name: &str) -> String {
        let base = format!("{prefix}{}", id_form(&normalize(name)));
        let seen = self.0.entry(base.clone()).or_insert(0);
        *seen += 1;
        if *seen == 1 {
            base
        } else {
            format!("{base}~{seen}")
        }
    }
}

/// Turns dictionary entries into actors; `first_id` is the id of the first one.
pub(crate) fn dictionary_actors(
    dict: &ActorDictionary,
    file: &str,
    prefix: &str,
    ids: &mut BTreeMap<String, usize>,
    first_id: usize,
    names: &mut Vec<(String, u32, bool)>,
) -> Vec<Actor> {
    let mut id_maker = Ids(std::mem::take(ids));
    let mut actors = Vec::with_capacity(dict.entries.len());
    for entry in &dict.entries {
        let id = first_id + actors.len();
        let mut display: Vec<String> = Vec::new();
        for phrase in &entry.phrases {
            names.push(item(phrase, id));
            let shown = display_phrase(phrase);
            if !display.contains(&shown) {
                display.push(shown);
            }
        }
        actors.push(Actor {
            kb_id: id_maker.make(prefix, &entry.phrases[0]),
            name: display[0].clone(),
            names: display,
            codes: entry.codes.clone(),
            source: format!("{file}:{}", entry.line),
        });
    }
    *ids = id_maker.0;
    actors
}

struct Builder {
    countries: Vec<Country>,
    records: Vec<CountryRecord>,
    country_codes: BTreeSet<String>,
    /// CountryInfo blocks, each with the index of its country in `countries` when it has one.
    infos: Vec<(CountryInfo, Option<usize>)>,
    /// `(country code, key)` of names that the Phoenix dictionary gives a bare country code.
    dictionary_country_names: BTreeSet<(String, String)>,
    report: BuildReport,
}

impl Builder {
    fn is_country(&self, code: &str) -> bool {
        self.country_codes.contains(code)
    }

    /// The ISO3 code a CountryInfo block stands for: its ISO3, else its CAMEO code's country.
    fn info_country(&self, info: &CountryInfo, country: Option<usize>) -> Option<String> {
        match country {
            Some(i) => Some(self.countries[i].iso3.clone()),
            None => info
                .code
                .get(..3)
                .filter(|c| self.is_country(c))
                .map(str::to_string),
        }
    }

    /// The names of a country as a place (not its demonyms). ISO alpha-2 codes among the
    /// alternative spellings count only where the Phoenix dictionary also uses them as the
    /// country's name ("US" does; "IN" and "IT" are not taken for India and Italy).
    fn place_names_of(&self, i: usize) -> Vec<String> {
        let record = &self.records[i];
        let mut names = vec![record.name.common.clone(), record.name.official.clone()];
        for alt in &record.alt_spellings {
            let is_iso2 = alt.eq_ignore_ascii_case(&record.cca2);
            if !is_iso2
                || self
                    .dictionary_country_names
                    .contains(&(record.cca3.clone(), normalize(alt)))
            {
                names.push(alt.clone());
            }
        }
        for (info, country) in &self.infos {
            if *country == Some(i) && !info.name.is_empty() {
                names.push(info.name.clone());
            }
        }
        names
    }

    /// Country ids, preferred first: UN members, then independent countries, then by area.
    fn country_preference(&self) -> Vec<u16> {
        let mut order: Vec<usize> = (0..self.records.len()).collect();
        let rank = |i: &usize| {
            let r = &self.records[*i];
            (!r.un_member, r.independent != Some(true))
        };
        order.sort_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then(self.records[*b].area.total_cmp(&self.records[*a].area))
                .then(a.cmp(b))
        });
        order.into_iter().map(|i| i as u16).collect()
    }

    /// Index items whose targets are positions in `preference`.
    fn country_names(&self, preference: &[u16]) -> Vec<(String, u32, bool)> {
        let mut position = vec![0; preference.len()];
        for (p, &id) in preference.iter().enumerate() {
            position[id as usize] = p;
        }
        let mut items = Vec::new();
        for (i, country) in self.countries.iter().enumerate() {
            for name in self.place_names_of(i).iter().chain(&country.demonyms) {
                items.push(item(name, position[i]));
            }
        }
        for (info, country) in &self.infos {
            if let Some(i) = country {
                for name in &info.nationality {
                    items.push(item(name, position[*i]));
                }
            }
        }
        items
    }
}

/// Reads every source and builds the tables.
/// Builds every table. `supplements` are the project's own dictionaries in the PETRARCH formats:
/// `*.actors.txt` (leaders after 2014, media outlets with their countries) come before the
/// shared actor dictionaries in lookup order, since they are the more recent; `*.agents.txt`
/// (role nouns the Phoenix agents file lacks, such as "leader") come after the Phoenix agents.
pub(crate) fn build_tables(
    data: &Path,
    cities_path: &Path,
    supplements: &[PathBuf],
) -> Result<(Tables, BuildReport), KbError> {
    let path = |relative: &str| -> PathBuf { data.join(relative) };

    // Countries, sorted by ISO3: a country's id is its position.
    let mut records = read_countries(&path(COUNTRIES))?;
    if records.is_empty() {
        return Err(KbError::Empty {
            path: path(COUNTRIES),
            what: "no countries".into(),
        });
    }
    records.sort_by(|a, b| a.cca3.cmp(&b.cca3));
    let countries: Vec<Country> = records
        .iter()
        .map(|r| Country {
            iso3: r.cca3.clone(),
            iso2: r.cca2.clone(),
            name: r.name.common.clone(),
            official: r.name.official.clone(),
            demonyms: r.english_demonyms(),
            capitals: r.capital.clone(),
            lat: r.latlng.first().copied(),
            lon: r.latlng.get(1).copied(),
            region: r.region.clone(),
            subregion: r.subregion.clone(),
        })
        .collect();
    let mut country_codes: BTreeSet<String> = countries.iter().map(|c| c.iso3.clone()).collect();

    let info_file = read_countryinfo(&path(COUNTRYINFO))?;
    let mut report = BuildReport::default();
    let info_name = file_name(&path(COUNTRYINFO));
    report.skipped.extend(
        info_file
            .skipped
            .iter()
            .map(|s| (info_name.clone(), s.clone())),
    );
    let by_iso3: BTreeMap<&str, usize> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| (c.iso3.as_str(), i))
        .collect();
    let mut infos = Vec::new();
    for info in info_file.countries {
        if info.code.len() == 3 {
            country_codes.insert(info.code.clone());
        }
        let country = info
            .iso3
            .as_deref()
            .or(Some(info.code.as_str()))
            .and_then(|c| by_iso3.get(c).copied());
        infos.push((info, country));
    }

    let mut dictionaries = Vec::new();
    let shared_dictionaries: Vec<PathBuf> = ACTOR_DICTIONARIES.iter().map(|r| path(r)).collect();
    let is_agents = |p: &PathBuf| p.to_string_lossy().ends_with(".agents.txt");
    let actor_supplements: Vec<PathBuf> = supplements
        .iter()
        .filter(|p| !is_agents(p))
        .cloned()
        .collect();
    for p in shared_dictionaries.iter().chain(&actor_supplements) {
        let dict = read_actors(p)?;
        let name = file_name(p);
        report
            .skipped
            .extend(dict.skipped.iter().map(|s| (name.clone(), s.clone())));
        report.merged_codeless += dict.merged;
        dictionaries.push((name, dict));
    }
    // Supplements first in lookup order; the country-names pass below reads the shared
    // Phoenix.Countries dictionary, which stays at index 0 until then.
    let mut dictionary_country_names = BTreeSet::new();
    for entry in &dictionaries[0].1.entries {
        if let [code] = entry.codes.as_slice() {
            if code.is_default() && country_codes.contains(&code.code) {
                for phrase in &entry.phrases {
                    dictionary_country_names.insert((code.code.clone(), normalize(phrase)));
                }
            }
        }
    }

    let mut b = Builder {
        countries,
        records,
        country_codes,
        infos,
        dictionary_country_names,
        report,
    };
    let country_preference = b.country_preference();
    let country_names = NameIndex::build(b.country_names(&country_preference));

    // Actors: the dictionaries in order, then CountryInfo people.
    let mut ids = BTreeMap::new();
    let mut actor_items = Vec::new();
    let mut actors: Vec<Actor> = Vec::new();
    let shared_count = ACTOR_DICTIONARIES.len();
    let in_lookup_order = dictionaries[shared_count..]
        .iter()
        .chain(&dictionaries[..shared_count]);
    for (name, dict) in in_lookup_order {
        let first = actors.len();
        actors.extend(dictionary_actors(
            dict,
            name,
            "",
            &mut ids,
            first,
            &mut actor_items,
        ));
    }
    let dictionary_actor_count = actors.len();
    let (added, merged) =
        add_countryinfo_people(&b, &mut actors, &mut actor_items, &mut ids, &info_name);

    // Agents.
    let mut agents = Vec::new();
    let mut agent_items = Vec::new();
    let agent_paths =
        std::iter::once(path(AGENTS)).chain(supplements.iter().filter(|p| is_agents(p)).cloned());
    for agents_path in agent_paths {
        let agent_dict = read_agents(&agents_path)?;
        let agents_name = file_name(&agents_path);
        b.report.skipped.extend(
            agent_dict
                .skipped
                .iter()
                .map(|s| (agents_name.clone(), s.clone())),
        );
        let first = agents.len();
        agents.extend(dictionary_agents(
            &agent_dict,
            &agents_name,
            first,
            &mut agent_items,
        ));
    }

    let cities = read_cities(cities_path)?;
    let (places, place_items, capitals_matched) = build_places(&b, &cities);
    let (metonyms, metonym_items) = build_metonyms(&b, &actors[..dictionary_actor_count]);

    let actor_ids = NameIndex::build(
        actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.kb_id.clone(), i as u32, false))
            .collect(),
    );

    let actor_names = NameIndex::build(actor_items);
    let agent_names = NameIndex::build(agent_items);
    let place_names = NameIndex::build(place_items);
    let metonym_names = NameIndex::build(metonym_items);
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    for (file, _) in &b.report.skipped {
        *skipped.entry(file.clone()).or_default() += 1;
    }
    let stats = Stats {
        countries: b.countries.len(),
        country_names: country_names.len(),
        actors: actors.len(),
        actors_from_countryinfo: added,
        actors_merged_from_countryinfo: merged,
        actors_without_code: actors.iter().filter(|a| a.codes.is_empty()).count(),
        actor_names: actor_names.len(),
        agents: agents.len(),
        agent_names: agent_names.len(),
        places: places.len(),
        place_names: place_names.len(),
        cities: cities.len(),
        capitals_matched,
        metonyms: metonyms.len(),
        skipped: skipped.into_iter().collect(),
    };
    b.report.stats = stats.clone();
    let tables = Tables {
        countries: b.countries,
        country_preference,
        country_codes: b.country_codes.into_iter().collect(),
        actors: Records::new(actors),
        actor_ids,
        agents: Records::new(agents),
        places: Records::new(places),
        metonyms,
        country_names,
        actor_names,
        agent_names,
        place_names,
        metonym_names,
        stats,
    };
    Ok((tables, b.report))
}

/// Adds CountryInfo leaders and government members. A person whose name is already a
/// dictionary actor of the same country gets that actor's entry extended (new dated codes after
/// the dictionary's, names added); anyone else becomes a new actor. Returns (added, merged).
fn add_countryinfo_people(
    b: &Builder,
    actors: &mut Vec<Actor>,
    items: &mut Vec<(String, u32, bool)>,
    ids: &mut BTreeMap<String, usize>,
    file: &str,
) -> (usize, usize) {
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (key, id, _) in items.iter() {
        by_key.entry(key.clone()).or_default().push(*id as usize);
    }
    let mut id_maker = Ids(std::mem::take(ids));
    let (mut added, mut merged) = (0, 0);
    for (info, _) in &b.infos {
        for person in info.leaders.iter().chain(&info.government) {
            let country = person
                .codes
                .iter()
                .find_map(|c| split(&c.code, |p| b.is_country(p)).country);
            let same_country = |id: &usize| {
                actors[*id]
                    .codes
                    .iter()
                    .any(|c| split(&c.code, |p| b.is_country(p)).country == country)
            };
            let existing = person
                .names
                .iter()
                .filter_map(|n| by_key.get(&normalize(n)))
                .flat_map(|ids| ids.iter().copied())
                .filter(|id| same_country(id))
                .min();
            let id = match existing {
                Some(id) => {
                    merged += 1;
                    let actor = &mut actors[id];
                    let has_default = actor.codes.iter().any(DatedCode::is_default);
                    for code in &person.codes {
                        let redundant =
                            actor.codes.contains(code) || (has_default && code.is_default());
                        if !redundant {
                            actor.codes.push(code.clone());
                        }
                    }
                    id
                }
                None => {
                    added += 1;
                    actors.push(Actor {
                        kb_id: id_maker.make("", &person.names[0]),
                        name: display_phrase(&person.names[0]),
                        names: Vec::new(),
                        codes: person.codes.clone(),
                        source: format!("{file}:{}", person.line),
                    });
                    actors.len() - 1
                }
            };
            for name in &person.names {
                let shown = display_phrase(name);
                if !actors[id].names.contains(&shown) {
                    actors[id].names.push(shown);
                }
                let entry = item(name, id);
                by_key.entry(entry.0.clone()).or_default().push(id);
                items.push(entry);
            }
        }
    }
    *ids = id_maker.0;
    (added, merged)
}

mod places;
use places::{build_metonyms, build_places};
