//! What the knowledge base stores: the records a lookup returns, and the tables of the artifact.

use crate::code::DatedCode;
use crate::index::NameIndex;
use crate::records::Records;
use serde::{Deserialize, Serialize};

/// A country or territory (countries.json, with CountryInfo names added).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166 alpha-3: `RUS`.
    pub iso3: String,
    /// ISO 3166 alpha-2: `RU`.
    pub iso2: String,
    /// The common English name: "Russia".
    pub name: String,
    /// "Russian Federation".
    pub official: String,
    /// English demonyms: "Russian".
    pub demonyms: Vec<String>,
    pub capitals: Vec<String>,
    /// The centre of the country, when the source gives one.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// "Europe"; "Eastern Europe".
    pub region: String,
    pub subregion: String,
}

/// A named actor from a dictionary: a person, an organisation, a country, an armed group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// A stable identifier: the primary name as `VLADIMIR_PUTIN` (`~2`, `~3` for later entries
    /// with the same name; `user:` for user dictionaries).
    pub kb_id: String,
    /// The primary name as the dictionary writes it: "VLADIMIR PUTIN".
    pub name: String,
    /// Every name, the primary first.
    pub names: Vec<String>,
    /// Codes with their dates, in the order they are tried.
    pub codes: Vec<DatedCode>,
    /// Where the entry comes from: `Phoenix.Countries.actors.txt:39559`.
    pub source: String,
}

/// A role noun or phrase from the agents dictionary: "spokesman", "foreign minister".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    /// The first form of the phrase: "SPOKESMAN", "FOREIGN MINISTER".
    pub phrase: String,
    /// The agent code: `GOV`, `GOVMED`, `MED`, `IGO`.
    pub code: String,
    /// The main sector of the code: `GOV` for `GOVMED`; `None` for codes with no role part.
    pub sector: Option<String>,
    /// `true` when the code goes after the actor's code (`~GOV`), `false` before (`IGO~`).
    pub after_actor: bool,
    /// `Phoenix.agents.txt:1604`.
    pub source: String,
}

/// What kind of place a [`Place`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PlaceKind {
    Country,
    /// A city named as the country's capital by countries.json or CountryInfo.
    Capital,
    City,
    /// A region (province, oblast, state) from CountryInfo.
    Region,
    /// A geographical feature (river, lake, mountains, island) from CountryInfo.
    Feature,
}

/// A place candidate for a name; the linker picks among them by context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub kind: PlaceKind,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<u64>,
    pub population: Option<u64>,
    /// GeoNames first-level division code within the country: "59".
    pub admin1: Option<String>,
}

/// A name that stands for a country's government: a capital ("Pyongyang") or a seat of
/// government from the dictionaries ("the Kremlin", "White House").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metonym {
    pub name: String,
    /// ISO 3166 alpha-3 (or the dictionary's country code).
    pub country: String,
    /// The actor code it stands for: `RUSGOV`.
    pub code: String,
    /// `capital` or the dictionary entry: `Phoenix.Countries.actors.txt:39440`.
    pub source: String,
}

/// Counts recorded by the build, for the README and the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub countries: usize,
    pub country_names: usize,
    pub actors: usize,
    /// Actors from CountryInfo that matched no dictionary actor.
    pub actors_from_countryinfo: usize,
    /// CountryInfo people whose codes and names were added to a dictionary actor.
    pub actors_merged_from_countryinfo: usize,
    pub actors_without_code: usize,
    pub actor_names: usize,
    pub agents: usize,
    pub agent_names: usize,
    pub places: usize,
    pub place_names: usize,
    pub cities: usize,
    pub capitals_matched: usize,
    pub metonyms: usize,
    /// Lines each source skipped: `(file, count)`.
    pub skipped: Vec<(String, usize)>,
}

/// The artifact's content.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Tables {
    /// Sorted by `iso3`.
    pub countries: Vec<Country>,
    /// Country ids in the order ambiguous names prefer them (UN members, then independent
    /// countries, then by area): the targets of `country_names` are positions in this list, so
    /// "American" is the United States before the Northern Mariana Islands.
    pub country_preference: Vec<u16>,
    /// Three-letter codes that [`crate::split_code`] reads as countries, sorted.
    pub country_codes: Vec<String>,
    pub actors: Records<Actor>,
    /// `kb_id` → actor (exact keys, not normalized).
    pub actor_ids: NameIndex,
    pub agents: Records<Agent>,
    pub places: Records<Place>,
    pub metonyms: Vec<Metonym>,
    pub country_names: NameIndex,
    pub actor_names: NameIndex,
    pub agent_names: NameIndex,
    pub place_names: NameIndex,
    pub metonym_names: NameIndex,
    pub stats: Stats,
}
