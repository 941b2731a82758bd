//! The event coder: reads a Doc's parse, entities and times and adds its events.
//!
//! For each sentence it finds the words that name events (verbs from the verb dictionary,
//! nouns from the nominal lexicon), codes each with CAMEO and PLOVER, reads its arguments,
//! status, time, place, sources and quotes from the dependency tree ([`mention`]), and then
//! joins the mentions of one happening across the article into one event ([`merge`]).

mod appositions;
mod arguments;
mod asides;
mod clause;
mod cues;
mod dateline;
mod intent;
mod lowercase;
mod mention;
mod merge;
mod particles;
mod parties;
mod patterns;
mod quotes;
mod relation;
mod repair;
mod scene;
mod senses;
#[cfg(test)]
mod shapes;
mod sources;
mod subject_clause;
mod tree;

use crate::error::Error;
use crate::lexicon::EventLexicon;
use crate::plover::PloverType;
use patterns::Synsets;
use std::path::Path;
use tidings_doc::{Annotator, Doc, Event, Layer};
use tree::Tree;

/// The folder of the event lexicon inside a model folder.
pub const MODEL_DIR: &str = "events";

/// Adds `Doc::events`. Cheap to share between threads; build one per process.
pub struct EventCoder {
    lexicon: EventLexicon,
    synsets: Synsets,
}

impl EventCoder {
    /// A coder over a lexicon the caller built or loaded (and perhaps extended).
    pub fn new(lexicon: EventLexicon) -> EventCoder {
        let synsets = Synsets::new(&lexicon.verbs);
        EventCoder { lexicon, synsets }
    }

    /// Loads the built lexicon from `models_dir/events`.
    pub fn load(models_dir: &Path) -> Result<EventCoder, Error> {
        Ok(EventCoder::new(EventLexicon::load(
            &models_dir.join(MODEL_DIR),
        )?))
    }

    pub fn lexicon(&self) -> &EventLexicon {
        &self.lexicon
    }

    /// The PLOVER type and mode of a CAMEO code, from the CAMEO → PLOVER table. Where the
    /// table and the PLOVER reference (`plover_reference.html`) disagree, the reference's
    /// definitions win:
    /// - 163 (embargo, boycott, sanctions) is SANCTION: "stop or restrict commercial or other
    ///   material exchange as a form of protest or punishment" (the table: COERCE);
    /// - 0813 and 0814 (ease curfew, state of emergency) are CONCEDE: "easing of
    ///   administrative or legal restrictions ..., remove curfews" (the table: RETREAT);
    /// - 1712 (destroy property) is COERCE, whose modes include "destroy property" (the
    ///   table: ASSAULT);
    /// - 0831 (accede to a change of leadership: resign) is RETREAT, which "also covers
    ///   resignations of government officials" (the table: CONCEDE);
    /// - 175 (violent repression) is COERCE: "Repression, violence against civilians" (the
    ///   table: ASSAULT).
    ///
    /// CAMEO 02 (appeals) has no row because PLOVER folds appeals into REQUEST; CONSULT
    /// without a more specific mode is a meeting.
    pub(crate) fn plover(&self, cameo: &str) -> Option<(PloverType, Option<String>)> {
        let (kind, mode) = match self.lexicon.plover.plover_of(cameo) {
            _ if cameo.starts_with("163") => (PloverType::Sanction, Some("embargo".into())),
            _ if cameo.starts_with("0813") || cameo.starts_with("0814") => {
                (PloverType::Concede, None)
            }
            _ if cameo.starts_with("1712") => (PloverType::Coerce, Some("destroy".into())),
            // "RETREAT also covers resignations of government officials."
            _ if cameo.starts_with("0831") => (PloverType::Retreat, Some("resign".into())),
            // COERCE: "Repression, violence against civilians".
            _ if cameo.starts_with("175") => (PloverType::Coerce, Some("repress".into())),
            Some(c) => (c.kind, c.mode.clone()),
            None if cameo.starts_with("02") => (PloverType::Request, None),
            None => return None,
        };
        let mode = match (kind, mode) {
            (PloverType::Consult, None) => Some("meeting".to_string()),
            (_, mode) => mode,
        };
        Some((kind, mode))
    }

    /// The events of `doc`, without adding them.
    pub fn events(&self, doc: &Doc) -> Vec<Event> {
        if doc.syntax.len() != doc.tokens.len() {
            return Vec::new();
        }
        let entity_of = entity_of_tokens(doc);
        let mut mentions = Vec::new();
        let mut orphan_quotes = Vec::new();
        for s in 0..doc.sentences.len() {
            let tree = Tree::new(doc, s, &entity_of);
            mentions.extend(mention::mentions(self, &tree, s, &mut orphan_quotes));
        }
        let mut events = merge::merge(doc, mentions);
        quotes::attach_across(doc, &mut events, &orphan_quotes);
        for e in events.iter_mut().filter(|e| !e.quotes.is_empty()) {
            e.quote = Some(
                e.quotes
                    .iter()
                    .map(|q| doc.slice(q.span))
                    .collect::<Vec<_>>()
                    .join(" … "),
            );
        }
        events
    }
}

/// The entity each token belongs to, through the entity's mentions. Where mentions overlap
/// ("Bree Prime Minister Romendacil" holds the place "Bree"), the longest wins: it says most
/// about who acts.
fn entity_of_tokens(doc: &Doc) -> Vec<Option<usize>> {
    let mut out: Vec<Option<(usize, usize)>> = vec![None; doc.tokens.len()];
    for (e, entity) in doc.entities.iter().enumerate() {
        for m in &entity.mentions {
            let first = doc.tokens.partition_point(|t| t.span.end <= m.start);
            for (t, slot) in out.iter_mut().enumerate().skip(first) {
                if doc.tokens[t].span.start >= m.end {
                    break;
                }
                if slot.is_none_or(|(_, len)| m.len() > len) {
                    *slot = Some((e, m.len()));
                }
            }
        }
    }
    out.into_iter().map(|s| s.map(|(e, _)| e)).collect()
}

impl Annotator for EventCoder {
    fn name(&self) -> &str {
        "events.rules.v1"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Syntax, Layer::Times, Layer::Entities]
    }

    fn assigns(&self) -> &[Layer] {
        &[Layer::Events]
    }

    fn annotate(&self, doc: &mut Doc) {
        doc.events = self.events(doc);
        doc.mark(Layer::Events);
    }
}
