//! Who and where: in-document coreference, actor coding and geocoding.
//!
//! Reads the Doc's sentences, tokens, syntax (when present) and entity mentions, and adds the
//! entities: mentions that refer to the same person, organization or place grouped together,
//! each coded with what the knowledge base and the text say about it at the article's date:
//! a country (ISO3), a sector (GOV, MIL, MED, ...), the role as written, a knowledge-base id,
//! and for places coordinates and a GeoNames id. Unknown values stay `None`.
//!
//! The steps, in order (each in its own module):
//! 1. [`cluster`]: names into entities ("Park" joins the most salient Park, "NATO" its full name).
//! 2. [`titles`] and [`code`]: titles around names ("Kremlin spokesman"), then the knowledge
//!    base at the article's date.
//! 3. [`geo`]: places by context.
//! 4. [`describe`]: descriptions ("the North Korean leader") to persons and group actors
//!    ("Hungarian officials"); [`context`]: officials' countries from their sentence.
//!    [`apposition`]: persons coded by the noun phrase beside them ("Jane Roe, the United
//!    Nations relief coordinator,").
//! 5. [`pronouns`]: "he", "her" where only one person can be meant.
//! 6. [`user`]: with user dictionaries (PETRARCH actor and agent files), the names they list
//!    become entities and are coded by their entries, agents added ("Arnor's foreign minister"
//!    → ARN + GOVFRM). Without user dictionaries this step does nothing.
//!
//! This crate knows nothing about events or storage; it never changes the mentions layer.
//!
//! ```no_run
//! use tidings_link::Linker;
//! let linker = Linker::load(std::path::Path::new("models")).unwrap();
//! ```

pub mod apposition;
pub mod cluster;
pub mod code;
pub mod context;
pub mod describe;
pub mod draft;
pub mod geo;
pub mod names;
pub mod pronouns;
pub mod titles;
pub mod user;
pub mod words;

use chrono::NaiveDate;
use std::path::Path;
use std::sync::Arc;
use tidings_doc::{Annotator, Doc, Entity, Layer};
use tidings_kb::Kb;

/// Why the linker could not be set up.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LinkError {
    /// The knowledge base could not be loaded or a user dictionary could not be read.
    #[error(transparent)]
    Kb(#[from] tidings_kb::KbError),
}

/// The linking component.
#[derive(Clone)]
pub struct Linker {
    kb: Arc<Kb>,
}

impl Linker {
    /// Loads the knowledge base from `models_dir/kb`.
    pub fn load(models_dir: &Path) -> Result<Linker, LinkError> {
        Linker::load_with_actors(models_dir, &[])
    }

    /// Loads the knowledge base and adds user actor dictionaries (PETRARCH format), whose
    /// entries take precedence over the built-in ones: research groups keep their own.
    pub fn load_with_actors(
        models_dir: &Path,
        actors: &[std::path::PathBuf],
    ) -> Result<Linker, LinkError> {
        Linker::load_with_dictionaries(models_dir, actors, &[])
    }

    /// Loads the knowledge base and adds user actor and agent dictionaries (PETRARCH format).
    /// Names the actor dictionaries list become entities coded by their entries, with the
    /// codes of the agent words around them added (see [`user`]).
    pub fn load_with_dictionaries(
        models_dir: &Path,
        actors: &[std::path::PathBuf],
        agents: &[std::path::PathBuf],
    ) -> Result<Linker, LinkError> {
        let mut kb = Kb::load(&models_dir.join("kb"))?;
        for path in actors {
            kb.add_actors(path)?;
        }
        for path in agents {
            kb.add_agents(path)?;
        }
        Ok(Linker { kb: Arc::new(kb) })
    }

    /// A linker over a knowledge base the caller loaded (and perhaps extended with user
    /// dictionaries through `Kb::add_actors`).
    pub fn with_kb(kb: Arc<Kb>) -> Linker {
        Linker { kb }
    }

    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// The country of a place phrase read in the context of an annotated Doc (see
    /// [`geo::resolve_phrase`]).
    pub fn resolve_place(&self, doc: &Doc, phrase: &str) -> Option<String> {
        geo::resolve_phrase(&self.kb, doc, phrase)
    }

    /// The entities of `doc`, without adding them.
    pub fn entities(&self, doc: &Doc) -> Vec<Entity> {
        let kb = &*self.kb;
        let words = words::words(doc);
        let date = doc
            .article()
            .published
            .map(|p| p.date)
            .unwrap_or(NaiveDate::MAX);
        let matches = user::find(kb, &words);
        let names = user::with_matches(doc, &words, names::names(kb, doc, &words), &matches);
        let mut drafts = cluster::cluster(names);
        code::read_titles(kb, &words, &mut drafts);
        code::code_actors(kb, &words, &mut drafts, date);
        let outlet_country = doc.article().outlet.as_deref().and_then(|o| {
            kb.actors(o)
                .find_map(|a| a.code_at(date))
                .and_then(|c| c.country)
        });
        geo::geocode(kb, &mut drafts, outlet_country.as_deref(), |at| {
            doc.sentence_at(at)
        });
        geo::inherit_from_neighbours(&mut drafts, |at| doc.sentence_at(at));
        geo::inherit_from_article(kb, &mut drafts);
        let mut drafts = geo::merge_same_places(drafts);
        let reserved: Vec<std::ops::Range<usize>> =
            matches.iter().map(|m| m.words.clone()).collect();
        describe::resolve(kb, &words, &mut drafts, &reserved);
        apposition::resolve(kb, &words, &mut drafts);
        context::countries_from_context(kb, &words, &mut drafts);
        context::legislatures_of_the_article(kb, &mut drafts);
        pronouns::resolve(&words, &mut drafts);
        user::code(kb, doc, &words, &matches, &mut drafts, date);
        drafts.sort_by_key(draft::Draft::first_start);
        drafts.into_iter().map(into_entity).collect()
    }
}

/// The entity's CAMEO actor code: the dictionary's where the entity is in one, else the country
/// and sector the text gave (`USA` + `GOV` → `USAGOV`).
fn cameo_code(d: &draft::Draft) -> Option<String> {
    if d.code.is_some() {
        return d.code.clone();
    }
    match (d.country(), d.sector.as_ref().map(|(s, _)| s.as_str())) {
        (Some(c), Some(s)) => Some(format!("{c}{s}")),
        (Some(c), None) => Some(c.to_string()),
        (None, Some(s)) if matches!(s, "IGO" | "NGO" | "NGM") => Some(s.to_string()),
        _ => None,
    }
}

fn into_entity(d: draft::Draft) -> Entity {
    let code = cameo_code(&d);
    let name = d
        .kb_name
        .clone()
        .unwrap_or_else(|| d.longest().text.clone());
    let mut mentions: Vec<tidings_doc::Span> = d
        .names
        .iter()
        .map(|n| n.span)
        .chain(d.others.iter().copied())
        .collect();
    mentions.sort();
    mentions.dedup();
    Entity {
        name,
        kind: d.kind,
        country: d.country.map(|(c, _)| c),
        sector: d.sector.map(|(s, _)| s),
        role: d.role,
        code,
        kb_id: d.kb_id,
        geo: d.geo,
        mentions,
    }
}

impl Annotator for Linker {
    fn name(&self) -> &str {
        "link.rules.v1"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Tokens, Layer::Mentions]
    }

    fn assigns(&self) -> &[Layer] {
        &[Layer::Entities]
    }

    fn annotate(&self, doc: &mut Doc) {
        doc.entities = self.entities(doc);
        doc.mark(Layer::Entities);
    }
}
