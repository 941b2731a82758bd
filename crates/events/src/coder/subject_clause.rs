//! A sentence's main verb hung as a clause on its subject: "A bomb exploded at the embassy",
//! "Hundreds of people protested in the capital", parsed with the noun as the root and the
//! finite verb as its `acl`. Nothing else in the sentence is then a verb of the noun, so the
//! event's doer is lost and the subject's words are read as the event's setting.

use super::relation::{Deprel, Rel};
use super::tree::Tree;

impl Tree<'_> {
    /// When the root is a noun whose first words open the sentence and it carries, as a clause,
    /// a finite verb (or a past participle, in a sentence with no other verb) with no subject of
    /// its own and nothing but the noun's own phrase before it, that verb becomes the root and
    /// the noun its subject.
    /// A relative clause keeps its relative word ("the bomb that exploded"), and a contact
    /// clause its own subject ("the bomb police found"), so neither is touched.
    pub(super) fn repair_finite_clause_on_subject(&mut self) {
        let base = self.tokens.start;
        let Some(root) = self.root() else {
            return;
        };
        if !matches!(self.upos(root), "NOUN" | "PROPN" | "NUM" | "PRON") {
            return;
        }
        let Some(verb) = self.tokens.clone().find(|&t| {
            t > root
                && self.heads[t - base] == Some(root)
                && self.rels[t - base].plain() == Some(Rel::Acl)
                && matches!(self.xpos(t), "VBD" | "VBZ" | "VBP" | "VBN")
        }) else {
            return;
        };
        // A participle ("a bomb exploded at ...", tagged as in "a man wounded in the attack")
        // is the main verb only when the sentence has no other (no verb or auxiliary outside
        // the participle's own phrase) and reads as prose: its subject opens with a
        // determiner or a possessor, where a headline's passive drops both ("Assault charges
        // dropped against ex-rebel").
        if self.xpos(verb) == "VBN" {
            let other_verb = self
                .tokens
                .clone()
                .any(|t| !self.dominates(verb, t) && matches!(self.upos(t), "VERB" | "AUX"));
            let first = self.tokens.start;
            // ("A bomb ...", "Mali's junta ...": a determiner or a possessor)
            let determined = (self.heads[first - base] == Some(root) && self.upos(first) == "DET")
                || self.tokens.clone().any(|c| {
                    self.heads[c - base] == Some(root)
                        && self.full_rel(c) == Deprel::NMOD_POSS
                        && self.dominates(c, first)
                });
            if other_verb || !determined {
                return;
            }
        }
        // Only the noun's own phrase before the verb: no comma, no other head.
        let plain_phrase = (self.tokens.start..verb)
            .all(|t| t == root || (self.dominates(root, t) && self.upos(t) != "PUNCT"));
        let own_subject = self.tokens.clone().any(|c| {
            self.heads[c - base] == Some(verb)
                && matches!(self.rels[c - base].plain(), Some(Rel::Nsubj | Rel::Csubj))
        });
        // A noun with a subject, a copula or a preposition of its own is a predicate ("Seven
        // Iraqis ... were on Friday charged"), not a subject.
        let predicate = self.tokens.clone().any(|c| {
            self.heads[c - base] == Some(root)
                && matches!(
                    self.rels[c - base].plain(),
                    Some(Rel::Nsubj | Rel::Csubj | Rel::Cop | Rel::Case | Rel::Expl)
                )
        });
        if !plain_phrase || own_subject || predicate || self.is_time(root) {
            return;
        }
        self.heads[verb - base] = None;
        self.rels[verb - base] = Rel::Root.into();
        self.heads[root - base] = Some(verb);
        self.rels[root - base] = Rel::Nsubj.into();
        // What followed the verb and hung on the noun (the closing stop, a time) is the verb's.
        for c in self.tokens.clone().filter(|&c| c > verb) {
            if self.heads[c - base] == Some(root) {
                self.heads[c - base] = Some(verb);
            }
        }
    }
}
