//! [`Kb`]: the loaded knowledge base and its lookups.

use crate::actors::read_actors;
use crate::agents::read_agents;
use crate::build::{build_tables, dictionary_actors, dictionary_agents, BuildReport};
use crate::code::{day_number, select, split, ActorCode};
use crate::error::KbError;
use crate::model::{Actor, Agent, Country, Metonym, Place, Stats, Tables};
use crate::normalize::{is_capitals, normalize, with_key};
use crate::surnames::SurnameIndex;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The artifact's file name inside the model folder.
pub const ARTIFACT: &str = "kb.bin";
/// The first bytes of the artifact: format name and version (2: offset tables stored as byte
/// strings of little-endian u32s instead of sequences of varints, for loading).
const MAGIC: &[u8] = b"tidings-kb/2\n";

/// The knowledge base: countries, actors with dated codes, agents, places and metonyms.
///
/// Load it once with [`Kb::load`] and share it; every lookup takes `&self`.
#[derive(Debug, Clone)]
pub struct Kb {
    tables: Tables,
    /// Actors from user dictionaries ([`Kb::add_actors`]), numbered after the built ones.
    user_actors: Vec<Actor>,
    /// Normalized name → `(user actor index, case_marked)`.
    user_names: HashMap<String, Vec<(u32, bool)>>,
    /// `kb_id` → user actor index.
    user_ids: BTreeMap<String, usize>,
    /// How often each `kb_id` base was handed out to user actors.
    user_id_counts: BTreeMap<String, usize>,
    /// The most words in a user actor name (its key), for scanning text for them.
    user_max_words: usize,
    /// Agents from user dictionaries ([`Kb::add_agents`]), looked up before the built ones.
    user_agents: Vec<Agent>,
    /// Normalized form → `(user agent index, case_marked)`.
    user_agent_names: HashMap<String, Vec<(u32, bool)>>,
    /// First words of every country name, demonym and metonym, built on first use: most
    /// capitalized words start none, and this answers that without a search.
    country_heads: std::sync::OnceLock<rustc_hash::FxHashSet<Box<[u8]>>>,
    /// Last word of every name of two or more words → actors, built on first use.
    surnames: std::sync::OnceLock<SurnameIndex>,
    /// Each country's own names as keys, in the order of `tables.countries`, built on first
    /// use: telling a country's own name from the other variants that reach it is asked for
    /// every country phrase in an article.
    own_keys: std::sync::OnceLock<Vec<OwnKeys>>,
}

/// A country's name, official name and demonyms as [`normalize()`] keys.
#[derive(Debug, Clone)]
struct OwnKeys {
    names: [String; 2],
    demonyms: Vec<String>,
}

impl OwnKeys {
    fn of(country: &Country) -> OwnKeys {
        OwnKeys {
            names: [normalize(&country.name), normalize(&country.official)],
            demonyms: country.demonyms.iter().map(|d| normalize(d)).collect(),
        }
    }
}

/// An actor of the knowledge base, as returned by [`Kb::actors`]. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct ActorRef<'kb> {
    kb: &'kb Kb,
    id: u32,
}

impl<'kb> ActorRef<'kb> {
    /// The stored record.
    pub fn actor(&self) -> &'kb Actor {
        self.kb.actor_record(self.id)
    }

    /// The stable identifier to record as `kb_id`.
    pub fn kb_id(&self) -> &'kb str {
        &self.actor().kb_id
    }

    /// The primary name: "VLADIMIR PUTIN".
    pub fn name(&self) -> &'kb str {
        &self.actor().name
    }

    /// The code that applies on `date` (see [`Kb::code_at`]).
    pub fn code_at(&self, date: NaiveDate) -> Option<ActorCode> {
        self.kb.code_at(*self, date)
    }

    /// The actor's country whatever the date: the country of its first code that names one.
    /// For when no code holds on the article's date (a minister between two recorded terms).
    pub fn country(&self) -> Option<String> {
        self.actor()
            .codes
            .iter()
            .find_map(|c| self.kb.split_code(&c.code).country)
    }

    /// Whether the actor comes from a user dictionary.
    pub fn is_user(&self) -> bool {
        self.id as usize >= self.kb.tables.actors.len()
    }
}

impl PartialEq for ActorRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.kb, other.kb) && self.id == other.id
    }
}

impl Eq for ActorRef<'_> {}

impl Kb {
    /// Builds the knowledge base from the shared data folder (`../shared/data`) and the city
    /// table (`data/kb/cities15000.tsv`).
    pub fn build(
        data_dir: &Path,
        cities: &Path,
        supplements: &[PathBuf],
    ) -> Result<(Kb, BuildReport), KbError> {
        let (tables, report) = build_tables(data_dir, cities, supplements)?;
        Ok((Kb::from_tables(tables), report))
    }

    fn from_tables(tables: Tables) -> Kb {
        Kb {
            tables,
            user_actors: Vec::new(),
            user_names: HashMap::new(),
            user_ids: BTreeMap::new(),
            user_id_counts: BTreeMap::new(),
            user_max_words: 0,
            user_agents: Vec::new(),
            user_agent_names: HashMap::new(),
            country_heads: std::sync::OnceLock::new(),
            surnames: std::sync::OnceLock::new(),
            own_keys: std::sync::OnceLock::new(),
        }
    }

    /// The built-in actors one of whose names of two or more words ends in `surname` ("Bush":
    /// George W. Bush, George H. W. Bush, ...), each once, in dictionary order. For a person the
    /// text names by surname alone, whose country the candidates may agree on.
    pub fn actors_by_surname(&self, surname: &str) -> impl Iterator<Item = ActorRef<'_>> + '_ {
        let names = &self.tables.actor_names;
        let index = self.surnames.get_or_init(|| SurnameIndex::build(names));
        let ids = index.actors(names, &normalize(surname));
        ids.into_iter().map(move |id| ActorRef { kb: self, id })
    }

    /// Whether some country name, demonym or metonym begins with `word` (compared as
    /// [`normalize()`] keys): a cheap test before [`Kb::country_by_name`] or [`Kb::metonym`] on a
    /// phrase starting with `word`. Only the first word of `word`'s key is used.
    pub fn may_start_country_name(&self, word: &str) -> bool {
        let heads = self.country_heads.get_or_init(|| {
            let t = &self.tables;
            t.country_names
                .keys()
                .chain(t.metonym_names.keys())
                .filter_map(|k| k.split(' ').next())
                .map(|head| Box::from(head.as_bytes()))
                .collect()
        });
        with_key(word, |key| {
            key.split(|&b| b == b' ')
                .next()
                .is_some_and(|first| heads.contains(first))
        })
    }

    /// The artifact's bytes (built tables only; user dictionaries are not saved).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend(postcard::to_stdvec(&self.tables).expect("the tables serialize"));
        bytes
    }

    /// Writes `kb.bin` into `dir` (created if missing) and returns its path.
    pub fn save(&self, dir: &Path) -> Result<PathBuf, KbError> {
        std::fs::create_dir_all(dir).map_err(|e| KbError::io(dir, e))?;
        let path = dir.join(ARTIFACT);
        std::fs::write(&path, self.to_bytes()).map_err(|e| KbError::io(&path, e))?;
        Ok(path)
    }

    /// Loads `kb.bin` from a model folder (`models/kb`).
    pub fn load(dir: &Path) -> Result<Kb, KbError> {
        let path = dir.join(ARTIFACT);
        let bytes = std::fs::read(&path).map_err(|e| KbError::io(&path, e))?;
        Kb::from_bytes(&bytes).map_err(|message| KbError::Artifact { path, message })
    }

    /// Reads an artifact from memory; `Err` says what is wrong with it.
    pub fn from_bytes(bytes: &[u8]) -> Result<Kb, String> {
        let body = bytes
            .strip_prefix(MAGIC)
            .ok_or("missing the tidings-kb/2 header")?;
        let mut tables: Tables = postcard::from_bytes(body).map_err(|e| e.to_string())?;
        tables.actors.loaded()?;
        tables.agents.loaded()?;
        tables.places.loaded()?;
        tables
            .country_names
            .loaded(tables.country_preference.len())?;
        if tables
            .country_preference
            .iter()
            .any(|&c| c as usize >= tables.countries.len())
        {
            return Err("country preference table points past the countries".into());
        }
        tables.actor_names.loaded(tables.actors.len())?;
        tables.agent_names.loaded(tables.agents.len())?;
        tables.place_names.loaded(tables.places.len())?;
        tables.metonym_names.loaded(tables.metonyms.len())?;
        tables.actor_ids.loaded(tables.actors.len())?;
        Ok(Kb::from_tables(tables))
    }

    /// The build's counts.
    pub fn stats(&self) -> &Stats {
        &self.tables.stats
    }

    // ---- countries ----

    /// The country a name, alternative spelling, demonym or nationality adjective denotes:
    /// "Russia", "Russian", "North Korea", "DPRK", "U.S.", "US", "United States", "American".
    /// When a name is ambiguous, UN members come before other territories and larger before
    /// smaller ("American" is the United States, not the Northern Mariana Islands); see
    /// [`Kb::countries_by_name`] for all.
    pub fn country_by_name(&self, name: &str) -> Option<&Country> {
        self.countries_by_name(name).next()
    }

    /// Every country a name may denote, preferred first.
    pub fn countries_by_name(&self, name: &str) -> impl Iterator<Item = &Country> + '_ {
        let t = &self.tables;
        t.country_names
            .lookup(name)
            .map(|p| &t.countries[t.country_preference[p as usize] as usize])
    }

    /// A country by ISO 3166 alpha-3 code (`RUS`), in any case.
    pub fn country(&self, iso3: &str) -> Option<&Country> {
        let iso3 = iso3.to_ascii_uppercase();
        let countries = &self.tables.countries;
        countries
            .binary_search_by(|c| c.iso3.as_str().cmp(&iso3))
            .ok()
            .map(|i| &countries[i])
    }

    /// Whether `key` (a [`normalize()`] key) is the country's own name, official name or one of
    /// its demonyms, rather than another spelling that reaches it ("Guinea" is Guinea's own
    /// name, not Papua New Guinea's).
    pub fn is_own_name(&self, country: &Country, key: &str) -> bool {
        self.with_own_keys(country, |own| {
            own.names.iter().any(|n| n == key) || own.demonyms.iter().any(|d| d == key)
        })
    }

    /// Whether `key` (a [`normalize()`] key) is one of the country's own demonyms.
    pub fn is_own_demonym(&self, country: &Country, key: &str) -> bool {
        self.with_own_keys(country, |own| own.demonyms.iter().any(|d| d == key))
    }

    fn with_own_keys<R>(&self, country: &Country, f: impl FnOnce(&OwnKeys) -> R) -> R {
        let countries = &self.tables.countries;
        let at = countries
            .binary_search_by(|c| c.iso3.cmp(&country.iso3))
            .ok()
            .filter(|&i| std::ptr::eq(&countries[i], country));
        match at {
            Some(i) => f(&self
                .own_keys
                .get_or_init(|| countries.iter().map(OwnKeys::of).collect())[i]),
            // A copy of a record, or a country from elsewhere.
            None => f(&OwnKeys::of(country)),
        }
    }

    /// Every country, sorted by ISO3.
    pub fn countries(&self) -> &[Country] {
        &self.tables.countries
    }

    // ---- actors ----

    fn actor_record(&self, id: u32) -> &Actor {
        let built = self.tables.actors.len();
        match (id as usize).checked_sub(built) {
            Some(user) => &self.user_actors[user],
            None => self.tables.actors.get(id as usize),
        }
    }

    /// The actors a name denotes (case- and punctuation-insensitive, underscores = spaces):
    /// user dictionary entries first, then the built ones in dictionary order.
    pub fn actors(&self, name: &str) -> impl Iterator<Item = ActorRef<'_>> + '_ {
        self.user_actors(name).chain(
            self.tables
                .actor_names
                .lookup(name)
                .map(move |id| ActorRef { kb: self, id }),
        )
    }

    /// The actors of user dictionaries ([`Kb::add_actors`]) a name denotes, in the order the
    /// dictionaries were added.
    pub fn user_actors(&self, name: &str) -> impl Iterator<Item = ActorRef<'_>> + '_ {
        let built = self.tables.actors.len() as u32;
        let ids: Vec<u32> = if self.user_names.is_empty() {
            Vec::new()
        } else {
            user_hits(&self.user_names, name)
                .map(|i| built + i)
                .collect()
        };
        ids.into_iter().map(move |id| ActorRef { kb: self, id })
    }

    /// Whether user dictionaries added actors or agents: the linker then codes by them.
    pub fn has_user_dictionaries(&self) -> bool {
        !self.user_actors.is_empty() || !self.user_agents.is_empty()
    }

    /// The most words in a user actor's name (0 without user actors): names in text need not
    /// be scanned further.
    pub fn user_actor_max_words(&self) -> usize {
        self.user_max_words
    }

    /// An actor by its `kb_id`.
    pub fn actor(&self, kb_id: &str) -> Option<ActorRef<'_>> {
        if let Some(&i) = self.user_ids.get(kb_id) {
            return Some(ActorRef {
                kb: self,
                id: (self.tables.actors.len() + i) as u32,
            });
        }
        self.tables
            .actor_ids
            .exact(kb_id)
            .next()
            .map(|id| ActorRef { kb: self, id })
    }

    /// The actor's code on `date`, split into country and sector: the first dated restriction
    /// holding the date, else the undated default, else `None`.
    pub fn code_at(&self, actor: ActorRef<'_>, date: NaiveDate) -> Option<ActorCode> {
        let record = self.actor_record(actor.id);
        select(&record.codes, day_number(date)).map(|c| self.split_code(&c.code))
    }

    /// Splits a CAMEO code into country and sector (`RUSGOV` → RUS, GOV); the mapping is
    /// documented in [`crate::code`].
    /// A code naming several actors (`FRO/BIL/SAM`) is split by its first.
    pub fn split_code(&self, code: &str) -> ActorCode {
        let first = code.split('/').next().unwrap_or(code);
        let mut split = split(first, |part| {
            self.tables
                .country_codes
                .binary_search_by(|c| c.as_str().cmp(part))
                .is_ok()
        });
        split.raw = code.to_string();
        split
    }

    /// Adds a user actor dictionary (PETRARCH format). Its entries take precedence in
    /// [`Kb::actors`]; their `kb_id`s start with `user:`. Returns how many entries were added.
    pub fn add_actors(&mut self, path: &Path) -> Result<usize, KbError> {
        let dict = read_actors(path)?;
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut items = Vec::new();
        let first = self.user_actors.len();
        let added = dictionary_actors(
            &dict,
            &file,
            "user:",
            &mut self.user_id_counts,
            first,
            &mut items,
        );
        for (key, id, marked) in items {
            if !key.is_empty() {
                self.user_max_words = self.user_max_words.max(key.split(' ').count());
                let hits = self.user_names.entry(key).or_default();
                if !hits.iter().any(|(i, _)| *i == id) {
                    hits.push((id, marked));
                }
            }
        }
        for (offset, actor) in added.iter().enumerate() {
            self.user_ids.insert(actor.kb_id.clone(), first + offset);
        }
        self.user_actors.extend(added);
        Ok(dict.entries.len())
    }

    /// Adds a user agent dictionary (PETRARCH format: `MINISTER [~GOV]`, `MSF {} [NGO~]`).
    /// Its entries take precedence in [`Kb::agent`]. Returns how many entries were added.
    pub fn add_agents(&mut self, path: &Path) -> Result<usize, KbError> {
        let dict = read_agents(path)?;
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut items = Vec::new();
        let added = dictionary_agents(&dict, &file, self.user_agents.len(), &mut items);
        for (key, id, marked) in items {
            if !key.is_empty() {
                let hits = self.user_agent_names.entry(key).or_default();
                if !hits.iter().any(|(i, _)| *i == id) {
                    hits.push((id, marked));
                }
            }
        }
        self.user_agents.extend(added);
        Ok(dict.entries.len())
    }

    // ---- agents, places, metonyms ----

    /// The agent a role noun or phrase denotes: "spokesman" → MED, "foreign minister" → GOV,
    /// "rebels" → REB, "police" → COP. User dictionaries first, then the first built entry.
    pub fn agent(&self, phrase: &str) -> Option<&Agent> {
        self.agents(phrase).next()
    }

    /// Every agent entry for a phrase: user dictionaries' first, then the built ones in
    /// dictionary order.
    pub fn agents(&self, phrase: &str) -> impl Iterator<Item = &Agent> + '_ {
        let user: Vec<u32> = if self.user_agent_names.is_empty() {
            Vec::new()
        } else {
            user_hits(&self.user_agent_names, phrase).collect()
        };
        user.into_iter()
            .map(|i| &self.user_agents[i as usize])
            .chain(
                self.tables
                    .agent_names
                    .lookup(phrase)
                    .map(|i| self.tables.agents.get(i as usize)),
            )
    }

    /// The longest agent phrase that ends `phrase`, with the number of words it covers:
    /// "the Russian foreign minister" → (foreign minister, 2). For titles before a name or
    /// after modifiers that the dictionary does not list.
    pub fn agent_suffix(&self, phrase: &str) -> Option<(&Agent, usize)> {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        (0..words.len()).find_map(|start| {
            self.agent(&words[start..].join(" "))
                .map(|a| (a, words.len() - start))
        })
    }

    /// The places a name may denote, best first: countries, then the capital and other
    /// cities by population, then CountryInfo cities, regions and features.
    pub fn places(&self, name: &str) -> impl Iterator<Item = &Place> + '_ {
        self.tables
            .place_names
            .lookup(name)
            .map(|i| self.tables.places.get(i as usize))
    }

    /// Every normalized actor name, sorted: for building a matcher over normalized text (see
    /// [`normalize()`]). User dictionary names are not included.
    pub fn actor_keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.tables.actor_names.keys()
    }

    /// Every normalized place name, sorted.
    pub fn place_keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.tables.place_names.keys()
    }

    /// Every normalized agent phrase, sorted. User dictionary agents are not included.
    pub fn agent_keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.tables.agent_names.keys()
    }

    /// The government a name stands for: "the Kremlin" → RUSGOV, "Pyongyang" → PRKGOV.
    pub fn metonym(&self, name: &str) -> Option<&Metonym> {
        self.tables
            .metonym_names
            .lookup(name)
            .map(|i| &self.tables.metonyms[i as usize])
            .next()
    }
}

/// The entries of a user name table that `name` matches: same key, and case-marked variants
/// only for a query in capitals.
fn user_hits<'a>(
    table: &'a HashMap<String, Vec<(u32, bool)>>,
    name: &str,
) -> impl Iterator<Item = u32> + 'a {
    let capitals = is_capitals(name);
    table
        .get(&normalize(name))
        .into_iter()
        .flatten()
        .filter(move |(_, marked)| capitals || !marked)
        .map(|(i, _)| *i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kb_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Kb>();
    }

    #[test]
    fn user_dictionaries_code_by_their_entries_at_the_date() {
        let dir = std::env::temp_dir().join(format!("tidings-kb-user-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let actors = dir.join("test.actors.txt");
        std::fs::write(
            &actors,
            "ARNOR_ [ARN]\nCARAS GALADHON [ELF]\nTHE_SHIRE [FRO/BIL/SAM]\n\nGOLLUM\n+SMEAGOL\n\
             \t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n",
        )
        .unwrap();
        let agents = dir.join("test.agents.txt");
        std::fs::write(&agents, "MINISTER [~GOVFRM]\nMSF {} [NGO~]\n").unwrap();
        let mut kb = Kb::from_tables(Tables::default());
        assert!(!kb.has_user_dictionaries());
        assert_eq!(kb.add_actors(&actors).unwrap(), 4);
        assert_eq!(kb.add_agents(&agents).unwrap(), 2);
        assert!(kb.has_user_dictionaries());
        assert_eq!(kb.user_actor_max_words(), 2);
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let code = |name: &str, date| kb.user_actors(name).next()?.code_at(date).map(|c| c.raw);
        assert_eq!(code("Arnor", day(1995, 1, 1)).as_deref(), Some("ARN"));
        assert_eq!(
            code("Caras Galadhon", day(1995, 1, 1)).as_deref(),
            Some("ELF")
        );
        assert_eq!(
            code("the Shire", day(1995, 1, 1)).as_deref(),
            Some("FRO/BIL/SAM")
        );
        assert_eq!(code("Smeagol", day(1995, 1, 1)).as_deref(), Some("HOB"));
        assert_eq!(code("Smeagol", day(1997, 1, 1)).as_deref(), Some("HOBGOV"));
        assert_eq!(code("Smeagol", day(2001, 1, 1)), None);
        assert!(kb.user_actors("Arnorian").next().is_none());
        let minister = kb.agent("ministers").unwrap();
        assert_eq!(
            (minister.code.as_str(), minister.after_actor),
            ("GOVFRM", true)
        );
        let msf = kb.agent("MSF").unwrap();
        assert_eq!((msf.code.as_str(), msf.after_actor), ("NGO", false));
        // A short name written in capitals only matches capitals.
        assert!(kb.agent("msf").is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_damaged_artifact_is_refused() {
        assert!(Kb::from_bytes(b"nonsense").is_err());
        let mut bytes = MAGIC.to_vec();
        bytes.extend([1, 2, 3]);
        assert!(Kb::from_bytes(&bytes).is_err());
        let empty = Kb::from_tables(Tables::default());
        let back = Kb::from_bytes(&empty.to_bytes()).unwrap();
        assert!(back.country("RUS").is_none());
        assert_eq!(back.actors("anyone").count(), 0);
    }
}
