//! A reporting clause set after the main clause, "..., the ministry said.", tells who reports
//! the whole sentence: in Universal Dependencies it is a `parataxis` of the main predicate.
//! Parsers hang it anywhere: as a conjunct of the main verb, as its complement, as an adverbial
//! clause of the last verb before it, as a bare oblique, or inside a relative clause. The
//! coder reads sources and speakers from one shape, so every other shape is brought to it
//! here; what the sentence says does not depend on which shape a parser chose.

use super::relation::{Deprel, Rel};
use super::tree::Tree;

impl Tree<'_> {
    /// Finds the speaker and the speaker's title of every reporting verb but the root where
    /// the parser hung them beside the verb (mid-sentence and conjoined asides need them as
    /// much as trailing ones), then re-hangs a trailing reporting clause on the sentence's
    /// root as its `parataxis`. The
    /// clause is a verb of saying with its subject, after a comma, running to the end of the
    /// sentence, and with nothing said of its own: no complement, no object but a date
    /// ("reported Sunday"), no "as" or "when" (a subordinate clause), no "and" (a clause of
    /// its own), and the root stands before it.
    pub(super) fn repair_trailing_report(&mut self) {
        let base = self.tokens.start;
        let Some(root) = self.root() else {
            return;
        };
        for v in self.tokens.clone() {
            // (the cached test first: most words are no verb of saying)
            if v == root || !self.reports(v) || self.upos(v) != "VERB" {
                continue;
            }
            self.free_from_its_title(v);
            self.find_aside_speaker(v);
            self.take_title(v);
            // A conjunct without "and" is left as parsed: the coder already reads it as set
            // beside the clause (`sources::attribution`), and codes it as a verb of its own
            // (which the PETRARCH validation records expect of "..., the agency WFNA said").
            let conjunct = self.rels[v - base] == Rel::Conj;
            if conjunct
                || self.heads[v - base] == Some(root) && self.rels[v - base] == Rel::Parataxis
            {
                continue;
            }
            let children: Vec<usize> = self
                .tokens
                .clone()
                .filter(|&c| self.heads[c - base] == Some(v))
                .collect();
            let Some(subject) = children
                .iter()
                .copied()
                .find(|&c| self.rels[c - base] == Rel::Nsubj && c < v)
            else {
                continue;
            };
            // The clause's words: from the subject's first word to the end of the sentence,
            // all of them its own (punctuation aside), with a comma right before.
            // (the comma may hang on the subject)
            let start = self.phrase_start(subject);
            if start <= root || start == base || self.words[start - 1 - base] != "," {
                continue;
            }
            let comma = start - 1;
            // What hangs on the verb after the comma is the clause's own; what the parser
            // hung on it from before the comma belongs to the clause before.
            let has_own_content =
                children
                    .iter()
                    .filter(|&&c| c > comma)
                    .any(|&c| match self.rel(c) {
                        Rel::Ccomp | Rel::Xcomp | Rel::Csubj | Rel::Mark | Rel::Cc | Rel::Iobj => {
                            true
                        }
                        Rel::Obj => !self.is_time(c),
                        _ => false,
                    });
            let own_to_end =
                (start..self.tokens.end).all(|t| self.dominates(v, t) || self.upos(t) == "PUNCT");
            let Some(old_head) = self.heads[v - base] else {
                continue;
            };
            if has_own_content || !own_to_end {
                continue;
            }
            // What hung on the verb from before the comma goes back to where the verb hung
            // ("imposed ... after bloody clashes there, the radio reported": "after ...
            // clashes" is the imposing's). A subordinator there, with a noun after it, is the
            // noun's preposition.
            let before: Vec<usize> = children.iter().copied().filter(|&c| c < comma).collect();
            for &c in &before {
                let noun = before
                    .iter()
                    .copied()
                    .find(|&n| n > c && matches!(self.upos(n), "NOUN" | "PROPN"));
                match noun {
                    Some(n) if self.rels[c - base] == Rel::Mark => {
                        self.heads[c - base] = Some(n);
                        self.rels[c - base] = Rel::Case.into();
                    }
                    _ => self.heads[c - base] = Some(old_head),
                }
            }
            self.heads[v - base] = Some(root);
            self.rels[v - base] = Rel::Parataxis.into();
        }
    }

    /// "..., a spokeswoman for the embassy said.": a verb of saying left without a subject,
    /// whose speaker the parser hung beside it (on the same head) rather than on it. The noun
    /// phrase that fills the words between the comma and the verb is its subject.
    fn find_aside_speaker(&mut self, v: usize) {
        let base = self.tokens.start;
        if self.has_nominal_subject(v) || v == base {
            return;
        }
        let Some(head) = self.heads[v - base] else {
            return;
        };
        let Some(n) = self.tokens.clone().filter(|&n| n < v).rev().find(|&n| {
            self.heads[n - base] == Some(head) && matches!(self.upos(n), "NOUN" | "PROPN")
        }) else {
            return;
        };
        let first = self.phrase_start(n);
        let fills = (first..v).all(|t| self.dominates(n, t));
        if fills && first > base && self.words[first - 1 - base] == "," {
            self.heads[n - base] = Some(v);
            self.rels[n - base] = Rel::Nsubj.into();
        }
    }

    /// "..., the newspaper Haaretz reported.": a verb of saying that ends the sentence, hung as
    /// a relative clause on the noun right before its named subject ("newspaper"), which is the
    /// name's title. The verb leaves the noun (for the noun's own head, whence the repair below
    /// takes it to the root), so that [`Tree::take_title`] can give the title to the name.
    fn free_from_its_title(&mut self, v: usize) {
        let base = self.tokens.start;
        let Some(title) = self.heads[v - base] else {
            return;
        };
        if self.rel(v) != Rel::Acl || self.upos(title) != "NOUN" || title > v {
            return;
        }
        let named_subject_next = self.tokens.clone().any(|c| {
            self.heads[c - base] == Some(v)
                && self.rels[c - base] == Rel::Nsubj
                && self.upos(c) == "PROPN"
                && self.phrase_start(c) == title + 1
        });
        let ends_sentence = (v + 1..self.tokens.end).all(|t| self.upos(t) == "PUNCT");
        if let (true, true, Some(above)) =
            (named_subject_next, ends_sentence, self.heads[title - base])
        {
            self.heads[v - base] = Some(above);
            self.rels[v - base] = Rel::Parataxis.into();
        }
    }

    /// ", chief negotiator Saeb Erakat said": a title before the speaker's name that the
    /// parser hung outside the clause (as a conjunct of a noun before the comma). The phrase
    /// right after the comma and right before the name, a noun with its modifiers, describes
    /// the name.
    fn take_title(&mut self, v: usize) {
        let base = self.tokens.start;
        let Some(subject) = self.tokens.clone().find(|&c| {
            c < v && self.heads[c - base] == Some(v) && self.rels[c - base] == Rel::Nsubj
        }) else {
            return;
        };
        if self.upos(subject) != "PROPN" {
            return;
        }
        let start = self
            .tokens
            .clone()
            .find(|&t| self.dominates(subject, t))
            .unwrap_or(subject);
        let Some(title) = start.checked_sub(1).filter(|&t| t > base) else {
            return;
        };
        if self.upos(title) != "NOUN" || self.dominates(v, title) {
            return;
        }
        // (the comma may hang on the title)
        let first = self.phrase_start(title);
        if first == base || self.words[first - 1 - base] != "," {
            return;
        }
        // (the title's own words only: no clause or phrase beyond the name hangs on it)
        let own = self
            .tokens
            .clone()
            .all(|t| !self.dominates(title, t) || (first - 1..start).contains(&t))
            && (first..start).all(|t| self.dominates(title, t));
        if own {
            self.heads[title - base] = Some(subject);
            self.rels[title - base] = Deprel::NMOD_DESC;
        }
    }

    /// Whether the verb `v` has something said hung on it: a complement clause, or a clause
    /// set beside it that is not itself a reporting aside. In "declared a state of siege,
    /// a spokeswoman said" the aside reports the declaring; it is not what was declared.
    pub(super) fn says_something(&self, v: usize) -> bool {
        self.children_by(v, &[Rel::Ccomp, Rel::Parataxis])
            .any(|c| !self.is_reporting_aside(c, v))
    }

    /// Whether `c`, set beside `v`, is a reporting clause after it that says nothing of its
    /// own ("..., the ministry said").
    fn is_reporting_aside(&self, c: usize, v: usize) -> bool {
        self.rel(c) == Rel::Parataxis
            && c > v
            && self.upos(c) == "VERB"
            && self.reports(c)
            && self.subject(c).is_some()
            && self
                .child_by(c, &[Rel::Ccomp, Rel::Parataxis, Rel::Xcomp])
                .is_none()
    }
}
