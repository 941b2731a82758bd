//! Event coding against the PETRARCH2 unit-test records (`PETR.UnitTest.records.xml`).
//!
//! Every sentence runs through the pipeline alone, dated by its record, and its events are
//! compared with the record's expected codings (source actor, target actor, CAMEO event code):
//! - `root_agreement`: the share of gold codings for which some event of the sentence has the
//!   same two-digit root code (the first two characters of the CAMEO code);
//! - `code_agreement`: the same with the full code;
//! - `triple_agreement`: the full code, and the source and target actors, agree. An event's
//!   actor is written as PETRARCH writes it: the entity's CAMEO actor code, else its country,
//!   else `---` and its sector (`---GOV`); a code naming several actors (`FRO/BIL/SAM`) stands
//!   for each. Two actor codes agree when they are equal or one begins the other at a
//!   three-letter boundary (`GON` and `GONGOV`). An event without recipients has the target
//!   `---`. A gold actor in quotes (an actor PETRARCH found outside its dictionaries) agrees
//!   with an entity whose name the quoted text contains.
//! - `spurious`: events whose root code matches the root of no gold coding of their sentence.
//! - Codings that expect no event (`noevents`, and `error` codings for sentences PETRARCH must
//!   reject) are counted apart as `expected_none`, with `expected_none_with_events` sentences
//!   where the pipeline coded some event anyway.
//! - `actor_agreement` looks at entities alone, events aside: the share of gold dictionary
//!   actor codes (not `---`, `###` or quoted text) that some entity of the sentence carries.
//!
//! Figures are given overall and per category (`DEMO`, `AGENT`, `SYNSET`, ...); categories the
//! file's `<Include>` list leaves out are marked.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use tidings_corpus::petrarch::{self, Coding, Sentence};
use tidings_doc::{Article, Doc, Entity, Published};
use tidings_pipeline::Pipeline;

/// Counts of one category (or of the whole file).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Counts {
    pub sentences: usize,
    /// Gold codings with an event code.
    pub codings: usize,
    pub root_right: usize,
    pub code_right: usize,
    pub triple_right: usize,
    /// Codings that expect no event.
    pub expected_none: usize,
    /// Sentences expecting no event where the pipeline coded some.
    pub expected_none_with_events: usize,
    pub events: usize,
    pub spurious: usize,
    /// Gold dictionary actor codes (sources and targets).
    pub actors: usize,
    pub actors_found: usize,
}

/// Scores of one category.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CategoryScores {
    /// Whether the file's `<Include>` list names the category.
    pub included: bool,
    pub root_agreement: f64,
    pub code_agreement: f64,
    pub triple_agreement: f64,
    #[serde(flatten)]
    pub counts: Counts,
}

/// The scores, with how many entries of each dictionary the run used.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PetrarchScores {
    pub root_agreement: f64,
    pub code_agreement: f64,
    pub triple_agreement: f64,
    pub actor_agreement: f64,
    #[serde(flatten)]
    pub counts: Counts,
    pub per_category: BTreeMap<String, CategoryScores>,
    pub dictionaries: DictionaryCounts,
}

/// Entries read from the dictionaries the run was given (filled in by the caller, who loads
/// them into the pipeline).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct DictionaryCounts {
    pub verbs: usize,
    pub verb_patterns: usize,
    pub actors: usize,
    pub agents: usize,
    pub discards: usize,
}

/// One sentence where the pipeline missed a gold coding or coded a spurious event.
#[derive(Debug, Clone)]
pub struct Miss {
    pub id: String,
    pub category: String,
    pub text: String,
    /// `source target event` per gold coding (`noevents`, `error: ...` for the others).
    pub gold: Vec<String>,
    /// `sources targets event` per system event.
    pub system: Vec<String>,
    /// `source code` of each entity, for the actor side.
    pub entities: Vec<String>,
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} [{}] {}", self.id, self.category, self.text)?;
        writeln!(f, "  gold:     {}", self.gold.join(" | "))?;
        let system = if self.system.is_empty() {
            "nothing".to_string()
        } else {
            self.system.join(" | ")
        };
        writeln!(f, "  system:   {system}")?;
        write!(f, "  entities: {}", self.entities.join(" | "))
    }
}

/// Scores the pipeline on a unit-test records file.
pub fn evaluate(
    path: &Path,
    pipeline: &Pipeline,
    dictionaries: DictionaryCounts,
) -> Result<PetrarchScores, tidings_corpus::Error> {
    evaluate_reporting(path, pipeline, dictionaries, |_| {})
}

/// As [`evaluate`], calling `report` with each sentence that has a miss or a spurious event.
pub fn evaluate_reporting(
    path: &Path,
    pipeline: &Pipeline,
    dictionaries: DictionaryCounts,
    mut report: impl FnMut(Miss),
) -> Result<PetrarchScores, tidings_corpus::Error> {
    let tests = petrarch::read(path)?;
    let mut total = Counts::default();
    let mut per: BTreeMap<String, Counts> = BTreeMap::new();
    for sentence in &tests.sentences {
        let doc = pipeline.run(article(sentence));
        let (counts, miss) = score_sentence(sentence, &doc);
        add(&mut total, &counts);
        add(per.entry(sentence.category.clone()).or_default(), &counts);
        if let Some(miss) = miss {
            report(miss);
        }
    }
    let per_category = per
        .into_iter()
        .map(|(category, counts)| {
            let scores = CategoryScores {
                included: tests.environment.include.contains(&category),
                root_agreement: ratio(counts.root_right, counts.codings),
                code_agreement: ratio(counts.code_right, counts.codings),
                triple_agreement: ratio(counts.triple_right, counts.codings),
                counts,
            };
            (category, scores)
        })
        .collect();
    Ok(PetrarchScores {
        root_agreement: ratio(total.root_right, total.codings),
        code_agreement: ratio(total.code_right, total.codings),
        triple_agreement: ratio(total.triple_right, total.codings),
        actor_agreement: ratio(total.actors_found, total.actors),
        counts: total,
        per_category,
        dictionaries,
    })
}

/// The sentence as an article published on the record's date.
fn article(sentence: &Sentence) -> Article {
    let d = &sentence.date;
    let published = (d.len() == 8)
        .then(|| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]))
        .and_then(|iso| iso.parse::<Published>().ok());
    Article {
        id: sentence.id.clone(),
        text: sentence.text.clone(),
        published,
        ..Article::default()
    }
}

/// A system event as PETRARCH strings.
struct Coded {
    cameo: Option<String>,
    sources: Vec<String>,
    targets: Vec<String>,
}

fn score_sentence(sentence: &Sentence, doc: &Doc) -> (Counts, Option<Miss>) {
    let events: Vec<Coded> = doc
        .events
        .iter()
        .map(|e| Coded {
            cameo: e.cameo.clone(),
            sources: actor_strings(doc, &e.actors),
            targets: actor_strings(doc, &e.recipients),
        })
        .collect();
    let mut c = Counts {
        sentences: 1,
        events: events.len(),
        ..Counts::default()
    };
    let mut missed = false;
    let mut gold_roots: Vec<&str> = Vec::new();
    let mut expects_none = false;
    for coding in &sentence.codings {
        let Coding::Event {
            source,
            target,
            event,
        } = coding
        else {
            c.expected_none += 1;
            expects_none = true;
            continue;
        };
        c.codings += 1;
        gold_roots.push(root(event));
        let root_right = events
            .iter()
            .any(|s| s.cameo.as_deref().is_some_and(|x| root(x) == root(event)));
        let same_code: Vec<&Coded> = events
            .iter()
            .filter(|s| s.cameo.as_deref() == Some(event.as_str()))
            .collect();
        let triple_right = same_code.iter().any(|s| {
            s.sources.iter().any(|a| actor_agrees(source, a))
                && s.targets.iter().any(|a| actor_agrees(target, a))
        });
        c.root_right += root_right as usize;
        c.code_right += !same_code.is_empty() as usize;
        c.triple_right += triple_right as usize;
        missed |= !triple_right;
        for gold in [source, target] {
            if is_dictionary_code(gold) {
                c.actors += 1;
                let found = doc
                    .entities
                    .iter()
                    .flat_map(entity_strings)
                    .any(|a| codes_agree(gold, &a));
                c.actors_found += found as usize;
            }
        }
    }
    c.spurious = events
        .iter()
        .filter(|s| {
            !s.cameo
                .as_deref()
                .is_some_and(|x| gold_roots.contains(&root(x)))
        })
        .count();
    if expects_none && !events.is_empty() {
        c.expected_none_with_events = 1;
    }
    let miss = (missed || c.spurious > 0).then(|| Miss {
        id: sentence.id.clone(),
        category: sentence.category.clone(),
        text: sentence.text.clone(),
        gold: sentence.codings.iter().map(show_coding).collect(),
        system: events
            .iter()
            .map(|s| {
                format!(
                    "{} {} {}",
                    s.sources.join("+"),
                    s.targets.join("+"),
                    s.cameo.as_deref().unwrap_or("(no CAMEO code)")
                )
            })
            .collect(),
        entities: doc
            .entities
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e.name,
                    entity_strings(e).first().map_or("-", String::as_str)
                )
            })
            .collect(),
    });
    (c, miss)
}

fn show_coding(coding: &Coding) -> String {
    match coding {
        Coding::Event {
            source,
            target,
            event,
        } => format!("{source} {target} {event}"),
        Coding::NoEvents => "noevents".into(),
        Coding::Error(why) => format!("error: {why}"),
    }
}

/// The two-digit root of a CAMEO code.
fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// The PETRARCH strings of an entity: its code, else its country, else `---` and its sector;
/// one per actor of a code naming several (`FRO/BIL/SAM`). Empty when nothing is known.
fn entity_strings(e: &Entity) -> Vec<String> {
    let one = e
        .code
        .clone()
        .or_else(|| e.country.clone())
        .or_else(|| e.sector.as_ref().map(|s| format!("---{s}")));
    one.map(|c| c.split('/').map(str::to_string).collect())
        .unwrap_or_default()
}

/// The strings of an event's actors (indexes into the entities); `---` when there are none.
fn actor_strings(doc: &Doc, indexes: &[usize]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &i in indexes {
        match doc.entities.get(i) {
            Some(e) => {
                let strings = entity_strings(e);
                if strings.is_empty() {
                    // Known to the system as an entity, unknown to the dictionaries.
                    out.push(format!("\"{}\"", e.name.to_uppercase()));
                } else {
                    out.extend(strings);
                }
            }
            None => out.push("---".into()),
        }
    }
    if out.is_empty() {
        out.push("---".into());
    }
    out
}

/// Whether a gold actor agrees with a system actor string (see the module documentation).
fn actor_agrees(gold: &str, system: &str) -> bool {
    if let Some(quoted) = gold.strip_prefix('"').and_then(|g| g.strip_suffix('"')) {
        let system = system.trim_matches('"');
        return !system.is_empty() && quoted.to_uppercase().contains(&system.to_uppercase());
    }
    codes_agree(gold, system)
}

/// Equal, or one a prefix of the other at a three-letter boundary. `---` (no actor) agrees only
/// with itself.
pub fn codes_agree(gold: &str, system: &str) -> bool {
    let (g, s) = (gold.to_ascii_uppercase(), system.to_ascii_uppercase());
    if g == s {
        return true;
    }
    if g.is_empty() || s.is_empty() || g == "---" || s == "---" {
        return false;
    }
    let (short, long) = if g.len() <= s.len() {
        (&g, &s)
    } else {
        (&s, &g)
    };
    short.len() % 3 == 0 && long.starts_with(short.as_str())
}

/// A gold actor written as a dictionary code (not `---`, `###`, quoted text or empty).
fn is_dictionary_code(code: &str) -> bool {
    !code.is_empty()
        && !code.starts_with('"')
        && !code.starts_with("---")
        && !code.starts_with("###")
}

fn add(total: &mut Counts, c: &Counts) {
    total.sentences += c.sentences;
    total.codings += c.codings;
    total.root_right += c.root_right;
    total.code_right += c.code_right;
    total.triple_right += c.triple_right;
    total.expected_none += c.expected_none;
    total.expected_none_with_events += c.expected_none_with_events;
    total.events += c.events;
    total.spurious += c.spurious;
    total.actors += c.actors;
    total.actors_found += c.actors_found;
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for PetrarchScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.counts;
        let d = &self.dictionaries;
        writeln!(
            f,
            "PETRARCH2 unit tests: {} sentences, {} gold codings, {} expecting no event",
            c.sentences, c.codings, c.expected_none
        )?;
        writeln!(
            f,
            "dictionaries: {} verbs ({} patterns), {} actor entries, {} agent entries, \
             {} discards (not applied)",
            d.verbs, d.verb_patterns, d.actors, d.agents, d.discards
        )?;
        writeln!(
            f,
            "{:<12}{:>8}{:>7}{:>7}{:>7}{:>7}{:>7}{:>8}{:>7}{:>9}",
            "category",
            "codings",
            "root",
            "code",
            "triple",
            "events",
            "spur",
            "none",
            "none+e",
            "actors"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            let pct = |a: usize, b: usize| {
                if b == 0 {
                    "-".to_string()
                } else {
                    format!("{:.2}", a as f64 / b as f64)
                }
            };
            writeln!(
                f,
                "{:<12}{:>8}{:>7}{:>7}{:>7}{:>7}{:>7}{:>8}{:>7}{:>9}",
                name,
                c.codings,
                pct(c.root_right, c.codings),
                pct(c.code_right, c.codings),
                pct(c.triple_right, c.codings),
                c.events,
                c.spurious,
                c.expected_none,
                c.expected_none_with_events,
                format!("{}/{}", c.actors_found, c.actors)
            )
        };
        for (name, s) in &self.per_category {
            let label = if s.included {
                name.clone()
            } else {
                format!("{name}*")
            };
            row(f, &label, &s.counts)?;
        }
        row(f, "all", c)?;
        writeln!(
            f,
            "root agreement {:.4}, code agreement {:.4}, triple agreement {:.4}, actor agreement \
             {:.4} (* not in the file's Include list)",
            self.root_agreement, self.code_agreement, self.triple_agreement, self.actor_agreement
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_agree_at_three_letter_boundaries() {
        assert!(codes_agree("GON", "GONGOV"));
        assert!(codes_agree("ARNGOVFRM", "ARNGOV"));
        assert!(codes_agree("---", "---"));
        assert!(!codes_agree("GON", "GO"));
        assert!(!codes_agree("GONGOV", "GOVGON"));
        assert!(!codes_agree("---GOV", "---"));
        assert!(!codes_agree("ARN", ""));
    }

    #[test]
    fn roots_are_two_digits() {
        assert_eq!(root("064"), "06");
        assert_eq!(root("1721"), "17");
        assert_eq!(root("0"), "0");
    }

    #[test]
    fn gold_dictionary_codes_exclude_null_and_new_actors() {
        assert!(is_dictionary_code("ARN"));
        assert!(!is_dictionary_code("---GOV"));
        assert!(!is_dictionary_code("\"THE MINISTRY OF MAGIC\""));
        assert!(!is_dictionary_code("###"));
    }
}
