//! A dateline ("LIMA (Andina) -") opens an article but is no part of its first sentence;
//! parsers still hang that sentence on it now and then.

use super::relation::{Deprel, Rel};
use super::tree::Tree;

impl Tree<'_> {
    /// "LIMA (Andina) - According to the ministry, the president will travel": the dateline is no part of
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
            let (Some(v), Some(Rel::Nsubj)) = (self.heads[w - base], self.rels[w - base].plain())
            else {
                continue;
            };
            // The last word of the phrase before the verb.
            let mut end = v;
            while end > dateline.end
                && (self.heads[end - 1 - base] == Some(v)
                    && (matches!(
                        self.rels[end - 1 - base].plain(),
                        Some(Rel::Advmod | Rel::Aux | Rel::Cop)
                    ) || self.rels[end - 1 - base] == Deprel::AUX_PASS))
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
                    .filter(|&t| self.dominates(h, t) && self.upos(t) != "PUNCT")
                    .all(inside);
                // (a phrase with a preposition is no subject: "according to the agency")
                let prepositional = self
                    .tokens
                    .clone()
                    .any(|k| self.heads[k - base] == Some(h) && self.rels[k - base] == Rel::Case);
                if !inside(h) || !whole || prepositional {
                    break;
                }
                n = h;
            }
            if !matches!(self.upos(n), "PROPN" | "NOUN" | "PRON") || self.heads[n - base] == Some(v)
            {
                self.rels[w - base] = Rel::Dep.into();
                continue;
            }
            self.heads[n - base] = Some(v);
            self.rels[n - base] = Rel::Nsubj.into();
            for c in self.tokens.clone().filter(|&c| c >= dateline.end) {
                if self.heads[c - base] == Some(w) && self.upos(c) != "PUNCT" {
                    self.heads[c - base] = Some(v);
                    let according = self.tokens.clone().any(|k| {
                        self.heads[k - base] == Some(c)
                            && self.rels[k - base] == Rel::Case
                            && self.words[k - base] == "according"
                    });
                    self.rels[c - base] = if according {
                        Rel::Obl.into()
                    } else {
                        Rel::Dep.into()
                    };
                }
            }
            self.rels[w - base] = Rel::Dep.into();
        }
    }
}
