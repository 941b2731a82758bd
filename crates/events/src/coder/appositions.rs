//! What a phrase set off in a sentence is. "Qatar's emir, Sheikh Hamad, launched ...": a
//! description and the name after it, set off by a comma, are one person. Parsers read the
//! pair either as an apposition or, as often, as a coordination of two parties without "and";
//! the coder reads the apposition, so the second reading is brought to it.

use super::relation::Rel;
use super::tree::Tree;

impl Tree<'_> {
    /// Makes an apposition of a conjunct that only a comma joins to a description: the
    /// description (a noun naming no one itself) has that one conjunct, with no "and" or "or"
    /// anywhere in the coordination, and the conjunct names a person. Two parties joined by a
    /// bare comma are no English coordination; a list of three has its "and".
    pub(super) fn repair_comma_apposition(&mut self) {
        let base = self.tokens.start;
        for c in self.tokens.clone() {
            if self.rels[c - base] != Rel::Conj {
                continue;
            }
            let Some(d) = self.heads[c - base] else {
                continue;
            };
            if d > c
                || !matches!(self.upos(d), "NOUN" | "PROPN")
                || self.entity(d).is_some()
                || !self
                    .entity(c)
                    .is_some_and(|e| self.doc.entities[e].kind == tidings_doc::EntityType::Person)
            {
                continue;
            }
            let conjuncts = self
                .tokens
                .clone()
                .filter(|&x| self.heads[x - base] == Some(d) && self.rels[x - base] == Rel::Conj)
                .count();
            let joined = self.tokens.clone().any(|x| {
                self.rels[x - base] == Rel::Cc
                    && self.heads[x - base].is_some_and(|h| h == c || h == d)
            });
            // The comma right before the name's phrase.
            let first = self.phrase_start(c);
            let comma = first > base && self.words[first - 1 - base] == ",";
            if conjuncts == 1 && !joined && comma {
                self.rels[c - base] = Rel::Appos.into();
            }
        }
    }
}
