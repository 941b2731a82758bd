//! What a phrase set off in a sentence is. "Qatar's emir, Sheikh Hamad, launched ...": a
//! description and the name after it, set off by a comma, are one person. Parsers read the pair either as an apposition or, as often, as a
//! coordination of two parties without "and"; the coder reads the apposition, so the second
//! reading is brought to it.

use super::tree::Tree;

impl Tree<'_> {
    /// Makes an apposition of a conjunct that only a comma joins to a description: the
    /// description (a noun naming no one itself) has that one conjunct, with no "and" or "or"
    /// anywhere in the coordination, and the conjunct names a person. Two parties joined by a
    /// bare comma are no English coordination; a list of three has its "and".
    pub(super) fn repair_comma_apposition(&mut self) {
        let base = self.tokens.start;
        for c in self.tokens.clone() {
            if self.rels[c - base] != "conj" {
                continue;
            }
            let Some(d) = self.heads[c - base] else {
                continue;
            };
            if d > c
                || !matches!(self.doc.syntax[d].upos.as_str(), "NOUN" | "PROPN")
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
                .filter(|&x| self.heads[x - base] == Some(d) && self.rels[x - base] == "conj")
                .count();
            let joined = self.tokens.clone().any(|x| {
                self.rels[x - base] == "cc"
                    && self.heads[x - base].is_some_and(|h| h == c || h == d)
            });
            // The comma right before the name's phrase.
            let first = self
                .tokens
                .clone()
                .find(|&t| self.dominates(c, t) && self.doc.syntax[t].upos.as_str() != "PUNCT")
                .unwrap_or(c);
            let comma = first > base && self.words[first - 1 - base] == ",";
            if conjuncts == 1 && !joined && comma {
                self.rels[c - base] = "appos".into();
            }
        }
    }

    /// "Alwaght- According to the agency, Kim is set to visit": the dateline is no part of
    /// the sentence, but a parser may take it for the subject and hang the rest on it (the
    /// "according to" phrase and the name as its appositions). When a dateline word is a
    /// verb's subject, the noun phrase right before the verb (past its adverbs and
    /// auxiliaries) is the subject, what hung on the dateline word goes to the verb (an
    /// "according to" phrase as an oblique), and the dateline word is left aside.
    pub(super) fn repair_dateline_subject(&mut self) {
        let base = self.tokens.start;
        let Some(dateline) = self.dateline.clone() else {
            return;
        };
        for w in dateline.clone() {
            let (Some(v), "nsubj") = (self.heads[w - base], self.rels[w - base].as_ref()) else {
                continue;
            };
            // The last word of the phrase before the verb.
            let mut end = v;
            while end > dateline.end
                && (self.heads[end - 1 - base] == Some(v)
                    && matches!(
                        self.rels[end - 1 - base].as_ref(),
                        "advmod" | "aux" | "cop" | "aux:pass"
                    ))
            {
                end -= 1;
            }
            let Some(last) = end.checked_sub(1).filter(|&l| l >= dateline.end) else {
                continue;
            };
            // Its head: the highest word over it whose words all end there.
            let mut n = last;
            while let Some(h) = self.heads[n - base] {
                let inside = |t: usize| dateline.end < t && t <= last;
                let whole = self
                    .tokens
                    .clone()
                    .filter(|&t| {
                        self.dominates(h, t) && self.doc.syntax[t].upos.as_str() != "PUNCT"
                    })
                    .all(inside);
                // (a phrase with a preposition is no subject: "according to the agency")
                let prepositional = self
                    .tokens
                    .clone()
                    .any(|k| self.heads[k - base] == Some(h) && self.rels[k - base] == "case");
                if !inside(h) || !whole || prepositional {
                    break;
                }
                n = h;
            }
            if !matches!(self.doc.syntax[n].upos.as_str(), "PROPN" | "NOUN" | "PRON")
                || self.heads[n - base] == Some(v)
            {
                self.rels[w - base] = "dep".into();
                continue;
            }
            self.heads[n - base] = Some(v);
            self.rels[n - base] = "nsubj".into();
            for c in self.tokens.clone().filter(|&c| c >= dateline.end) {
                if self.heads[c - base] == Some(w) && self.doc.syntax[c].upos.as_str() != "PUNCT" {
                    self.heads[c - base] = Some(v);
                    let according = self.tokens.clone().any(|k| {
                        self.heads[k - base] == Some(c)
                            && self.rels[k - base] == "case"
                            && self.words[k - base] == "according"
                    });
                    self.rels[c - base] = if according {
                        "obl".into()
                    } else {
                        "dep".into()
                    };
                }
            }
            self.rels[w - base] = "dep".into();
        }
    }
}
