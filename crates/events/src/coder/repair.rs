//! Repairs of the parser errors that change who did what to whom. Each is narrow: it fires
//! only on a shape the parser gets wrong often in news (reported speech without "that", a
//! verbless root, a trailing ", X said", "has since demanded", a reduced relative clause, a
//! complement taken for a conjunct) and leaves every other sentence as parsed.

use super::relation::{Deprel, Rel};
use super::tree::Tree;

impl Tree<'_> {
    /// The sentence's root, as repaired so far.
    pub(super) fn root(&self) -> Option<usize> {
        let base = self.tokens.start;
        self.tokens
            .clone()
            .find(|&t| self.heads[t - base].is_none())
    }

    /// How many children with relation `rel` (exactly) each token of the sentence has.
    fn count_children(&self, rel: Rel) -> Vec<u32> {
        let base = self.tokens.start;
        let mut counts = vec![0; self.tokens.len()];
        for c in self.tokens.clone() {
            if let Some(h) = self.heads[c - base] {
                if self.rels[c - base] == rel {
                    counts[h - base] += 1;
                }
            }
        }
        counts
    }

    /// The first child (in text order) with relation `rel` (exactly) of each token of the
    /// sentence, found in one pass: a repair that asked it of every head would scan the
    /// sentence once per head.
    fn first_children(&self, rel: Deprel) -> Vec<Option<usize>> {
        let base = self.tokens.start;
        let mut first = vec![None; self.tokens.len()];
        // (the relations first: few children have the one asked for)
        let tokens = self.tokens.clone().zip(self.heads.iter().zip(&self.rels));
        for (c, (&head, &r)) in tokens {
            if r != rel {
                continue;
            }
            if let Some(h) = head {
                if first[h - base].is_none() {
                    first[h - base] = Some(c);
                }
            }
        }
        first
    }

    /// Mends one frequent parser error that changes who did what: reported speech without
    /// "that" ("the agency reported the minister will resign"), parsed with the speaker's
    /// subject as the object of the reporting verb and the reported verb hung elsewhere. When
    /// a reporting verb's object is followed directly by a finite verb group with no subject,
    /// the object becomes that verb's subject and the verb the reporting verb's complement.
    pub(super) fn repair(&mut self) {
        self.repair_dateline_subject();
        self.repair_finite_clause_on_subject();
        self.repair_verbless_root();
        self.repair_trailing_source();
        self.repair_trailing_report();
        self.repair_reported_speech();
        self.repair_perfect();
        self.repair_reduced_relative();
        self.repair_bare_conjunct();
        self.repair_participle_speaker();
        self.repair_false_passive();
        self.repair_fronted_object();
        self.repair_title_then_name();
        self.repair_comma_apposition();
        self.repair_time_partner();
        self.repair_particle();
    }

    /// "launched a mediation effort on Saturday between the Emirates and Saudi Arabia": a
    /// phrase of partners hung on a day or month name. A date takes no partners; the phrase
    /// belongs to the verb the date is on. (What is a date is the times layer's word.)
    fn repair_time_partner(&mut self) {
        let base = self.tokens.start;
        for t in self.tokens.clone() {
            if self.rels[t - base] != Rel::Nmod {
                continue;
            }
            let Some(date) = self.heads[t - base] else {
                continue;
            };
            let Some(verb) = self.heads[date - base] else {
                continue;
            };
            // (the cheap tests first: the scans below are for the few phrases they leave)
            if self.rels[date - base] != Rel::Obl || self.doc.syntax[verb].upos != "VERB" {
                continue;
            }
            // ("to" too, unless the date opens a range: "from January to March")
            let range = || {
                self.tokens.clone().any(|c| {
                    self.heads[c - base] == Some(date)
                        && self.rels[c - base] == Rel::Case
                        && self.words[c - base] == "from"
                })
            };
            let partner = self.tokens.clone().any(|c| {
                self.heads[c - base] == Some(t)
                    && self.rels[c - base] == Rel::Case
                    && (matches!(
                        self.words[c - base].as_ref(),
                        "between" | "among" | "with" | "against" | "toward" | "towards"
                    ) || (self.words[c - base] == "to" && !range()))
            });
            if partner && self.is_time(date) {
                self.heads[t - base] = Some(verb);
                self.rels[t - base] = Rel::Obl.into();
            }
        }
    }

    /// "summoned Niger's ambassador Brah Mohamane": a title and the name right after it
    /// parsed as two objects. The name is the title's apposition: one person, not two
    /// parties.
    fn repair_title_then_name(&mut self) {
        let base = self.tokens.start;
        // Objects per head, counted once: the loop below only turns objects into appositions
        // of heads it has passed, so the counts of the heads ahead stay true.
        let objects_of = self.count_children(Rel::Obj);
        for v in self.tokens.clone() {
            if objects_of[v - base] != 2 {
                continue;
            }
            let objects: Vec<usize> = self
                .tokens
                .clone()
                .filter(|&c| self.heads[c - base] == Some(v) && self.rels[c - base] == Rel::Obj)
                .collect();
            let [title, name] = objects[..] else {
                continue;
            };
            let span = |n: usize| {
                let inside: Vec<usize> = self
                    .tokens
                    .clone()
                    .filter(|&t| self.dominates(n, t))
                    .collect();
                (
                    *inside.iter().min().unwrap_or(&n),
                    *inside.iter().max().unwrap_or(&n),
                )
            };
            let (_, title_end) = span(title);
            let (name_start, _) = span(name);
            if self.doc.syntax[title].upos == "NOUN"
                && self.doc.syntax[name].upos == "PROPN"
                && name_start == title_end + 1
                && title < name
            {
                self.heads[name - base] = Some(title);
                self.rels[name - base] = Rel::Appos.into();
            }
        }
    }

    /// "European Community foreign ministers agreed ...": a name before the subject parsed as
    /// the verb's object. An object noun before its verb's subject modifies the subject.
    fn repair_fronted_object(&mut self) {
        let base = self.tokens.start;
        // (found once: the loop only turns the objects of heads it has passed into compounds,
        // of a subject it has passed)
        let objects = self.first_children(Rel::Obj.into());
        let subjects = self.first_children(Rel::Nsubj.into());
        for v in self.tokens.clone() {
            let (Some(o), Some(s)) = (objects[v - base], subjects[v - base]) else {
                continue;
            };
            if o < s
                && s < v
                && matches!(self.doc.syntax[o].upos.as_str(), "NOUN" | "PROPN")
                && matches!(self.doc.syntax[s].upos.as_str(), "NOUN" | "PROPN")
            {
                self.heads[o - base] = Some(s);
                self.rels[o - base] = Rel::Compound.into();
            }
        }
    }

    /// "Pakistan, a key U.S. ally, has refused ...": a passive subject on a verb with no
    /// passive auxiliary (no form of "be" or "get"), and the apposition after it taken for a
    /// second subject. The first is the verb's active subject, the second its apposition.
    fn repair_false_passive(&mut self) {
        let base = self.tokens.start;
        // (found once: the loop only changes the children of the verb at hand, and hangs them
        // on a passive subject it has passed)
        let passive_subjects = self.first_children(Deprel::NSUBJ_PASS);
        for v in self.tokens.clone() {
            // Only a verb is repaired here (checked first: collecting children is the cost).
            if self.doc.syntax[v].upos.as_str() != "VERB" {
                continue;
            }
            let Some(p) = passive_subjects[v - base] else {
                continue;
            };
            let children: Vec<usize> = self
                .tokens
                .clone()
                .filter(|&c| self.heads[c - base] == Some(v))
                .collect();
            let passive_aux = children.iter().any(|&c| {
                self.rels[c - base].rel == Rel::Aux && matches!(self.lemma(c), "be" | "get")
            });
            if passive_aux || self.doc.syntax[v].upos.as_str() != "VERB" {
                continue;
            }
            self.rels[p - base] = Rel::Nsubj.into();
            for &s in &children {
                if s > p && s < v && self.rels[s - base] == Rel::Nsubj {
                    self.heads[s - base] = Some(p);
                    self.rels[s - base] = Rel::Appos.into();
                }
            }
        }
    }

    /// "The Red Cross operating in Iraq said US forces must ...": a speaker with a participle
    /// after it, parsed as a complement clause before the verb of saying, which is left
    /// without a subject. The participle's subject becomes the speaker and the participle a
    /// clause on it.
    fn repair_participle_speaker(&mut self) {
        let base = self.tokens.start;
        for v in self.tokens.clone() {
            if !self.reports(v) {
                continue;
            }
            let child = |h: usize, rel: Rel| {
                self.tokens
                    .clone()
                    .find(|&c| self.heads[c - base] == Some(h) && self.rels[c - base] == rel)
            };
            if child(v, Rel::Nsubj).is_some() {
                continue;
            }
            let Some(c) = self.tokens.clone().find(|&c| {
                c < v
                    && self.heads[c - base] == Some(v)
                    && self.rels[c - base] == Rel::Ccomp
                    && matches!(self.doc.syntax[c].xpos.as_str(), "VBG" | "VBN")
            }) else {
                continue;
            };
            if child(c, Rel::Aux).is_some() || child(c, Rel::Mark).is_some() {
                continue;
            }
            let Some(s) = child(c, Rel::Nsubj).filter(|&s| s < c) else {
                continue;
            };
            self.heads[s - base] = Some(v);
            self.rels[s - base] = Rel::Nsubj.into();
            self.heads[c - base] = Some(s);
            self.rels[c - base] = Rel::Acl.into();
        }
    }

    /// A sentence parsed without a verb at its root, whose past-tense verb the tagger took for
    /// a modifier or a noun ("Rebels ... blocked transport", "X undertook mediation mission"):
    /// that verb becomes the root, what came before it hangs on it as before, and the old root
    /// after it becomes its object.
    fn repair_verbless_root(&mut self) {
        let base = self.tokens.start;
        let Some(root) = self.root() else {
            return;
        };
        if !matches!(
            self.doc.syntax[root].upos.as_str(),
            "NOUN" | "PROPN" | "NUM"
        ) {
            return;
        }
        if self.tokens.clone().any(|t| {
            self.doc.syntax[t].upos.as_str() == "VERB"
                && !matches!(self.rels[t - base].plain(), Some(Rel::Amod | Rel::Compound))
        }) {
            return;
        }
        let Some(verb) = self.tokens.clone().find(|&t| {
            matches!(self.doc.syntax[t].xpos.as_str(), "VBD" | "VBN")
                && matches!(self.rels[t - base].plain(), Some(Rel::Amod | Rel::Compound))
                && t > self.tokens.start
        }) else {
            return;
        };
        let old_head = self.heads[verb - base];
        self.heads[verb - base] = None;
        self.rels[verb - base] = Rel::Root.into();
        for c in self.tokens.clone() {
            if c != verb && self.heads[c - base] == Some(verb) {
                self.heads[c - base] = old_head;
            }
        }
        if root > verb {
            self.heads[root - base] = Some(verb);
            self.rels[root - base] = Rel::Obj.into();
            for c in self.tokens.clone().filter(|&c| c < verb) {
                if self.heads[c - base] == Some(root) {
                    self.heads[c - base] = Some(verb);
                }
            }
        } else {
            // The old root was the subject's phrase.
            let subject = old_head.filter(|&h| h < verb).unwrap_or(root);
            let mut top = subject;
            // (bounded: the heads may hold a cycle until `break_cycles` runs)
            for _ in 0..self.tokens.len() {
                match self.heads[top - base].filter(|&h| h < verb && h != top) {
                    Some(h) => top = h,
                    None => break,
                }
            }
            self.heads[top - base] = Some(verb);
            self.rels[top - base] = Rel::Nsubj.into();
            for c in self.tokens.clone().filter(|&c| c > verb) {
                if self.heads[c - base].is_some_and(|h| h < verb) && !self.dominates(c, verb) {
                    self.heads[c - base] = Some(verb);
                    self.rels[c - base] = if self.rels[c - base] == Rel::Nmod {
                        Rel::Obj.into()
                    } else {
                        self.rels[c - base]
                    };
                }
            }
        }
        self.made_verbs.push(verb);
    }

    /// "..., Lusa reported." at the end of a sentence: the source named after a comma is
    /// the subject of the reporting verb, and the verb stands beside the main clause, however
    /// the parser hung the two.
    fn repair_trailing_source(&mut self) {
        let base = self.tokens.start;
        let Some(root) = self.root() else {
            return;
        };
        for v in self.tokens.clone() {
            // (the cached test first: most words are no verb of saying)
            if v == root || !self.reports(v) || self.doc.syntax[v].upos.as_str() != "VERB" {
                continue;
            }
            if self.has_nominal_subject(v) {
                continue;
            }
            // The words between the last comma before the verb and the verb: a short name.
            let Some(comma) = (base..v)
                .rev()
                .take(8)
                .find(|&x| self.words[x - base] == ",")
            else {
                continue;
            };
            let phrase: Vec<usize> = (comma + 1..v).collect();
            let nominal = |x: usize| {
                matches!(
                    self.doc.syntax[x].upos.as_str(),
                    "PROPN" | "NOUN" | "ADJ" | "DET" | "PUNCT" | "NUM" | "CCONJ"
                )
            };
            // The name's head: its last word outside parentheses ("the World Food Program
            // (WFP) said").
            let mut depth = 0i32;
            let mut head = None;
            for &x in &phrase {
                match self.words[x - base].as_ref() {
                    "(" => depth += 1,
                    ")" => depth -= 1,
                    _ if depth == 0 => head = Some(x),
                    _ => {}
                }
            }
            let Some(head) = head else { continue };
            if !phrase.iter().all(|&x| nominal(x))
                || !matches!(self.doc.syntax[head].upos.as_str(), "PROPN" | "NOUN")
                // (a root inside the name would end up below its own dependant)
                || phrase.contains(&root)
            {
                continue;
            }
            // ("Palestinian officials and US witnesses said": two names joined)
            let joined = |x: usize| x + 1 < v && self.doc.syntax[x + 1].upos.as_str() == "CCONJ";
            for &x in phrase.iter().filter(|&&x| x != head) {
                if self.doc.syntax[x].upos.as_str() == "CCONJ" {
                    self.heads[x - base] = Some(head);
                    self.rels[x - base] = Rel::Cc.into();
                } else if joined(x) && matches!(self.doc.syntax[x].upos.as_str(), "PROPN" | "NOUN")
                {
                    self.heads[x - base] = Some(head);
                    self.rels[x - base] = Rel::Conj.into();
                } else if !self.heads[x - base].is_some_and(|h| phrase.contains(&h)) {
                    self.heads[x - base] = Some(head);
                    self.rels[x - base] = Rel::Compound.into();
                }
            }
            for c in self.tokens.clone() {
                // What hung on the name elsewhere in the clause stays where it was.
                if self.heads[c - base] == Some(head) && !phrase.contains(&c) && c != v {
                    self.heads[c - base] =
                        self.heads[head - base].filter(|&h| !phrase.contains(&h));
                }
            }
            self.heads[head - base] = Some(v);
            self.rels[head - base] = Rel::Nsubj.into();
            self.heads[v - base] = Some(root);
            self.rels[v - base] = Rel::Parataxis.into();
        }
    }

    /// "has since demanded", "have already agreed": a perfect tagged as the main verb "have"
    /// with the participle hung below it. The participle takes the place of "have", which
    /// becomes its auxiliary.
    fn repair_perfect(&mut self) {
        let base = self.tokens.start;
        for have in self.tokens.clone() {
            let s = &self.doc.syntax[have];
            if s.upos.as_str() != "VERB" || self.lemma(have) != "have" {
                continue;
            }
            let mut next = have + 1;
            while next < self.tokens.end
                && matches!(self.doc.syntax[next].upos.as_str(), "ADV" | "SCONJ")
                && next - have <= 2
            {
                next += 1;
            }
            // The tagger often calls such a participle a past tense (VBD).
            if next >= self.tokens.end
                || !matches!(self.doc.syntax[next].xpos.as_str(), "VBN" | "VBD")
            {
                continue;
            }
            if self.dominates(next, have) {
                continue;
            }
            let participle = next;
            self.heads[participle - base] = self.heads[have - base];
            self.rels[participle - base] = self.rels[have - base];
            for c in self.tokens.clone() {
                if c != participle && self.heads[c - base] == Some(have) {
                    self.heads[c - base] = Some(participle);
                }
            }
            self.heads[have - base] = Some(participle);
            self.rels[have - base] = Rel::Aux.into();
            for between in have + 1..participle {
                self.heads[between - base] = Some(participle);
                self.rels[between - base] = Rel::Advmod.into();
            }
        }
    }

    /// "the sanctions he seeks to impose": a relative clause without "that", whose verb the
    /// parser hung elsewhere. A noun directly followed by a pronoun subject whose verb has no
    /// object gets that verb as its relative clause.
    fn repair_reduced_relative(&mut self) {
        let base = self.tokens.start;
        for p in self.tokens.clone().skip(1) {
            let noun = p - 1;
            if self.doc.syntax[p].upos.as_str() != "PRON"
                || self.rels[p - base] != Rel::Nsubj
                || self.doc.syntax[noun].upos.as_str() != "NOUN"
                || self.rels[noun - base] == Rel::Compound
            {
                continue;
            }
            let Some(verb) = self.heads[p - base] else {
                continue;
            };
            if verb < p || self.heads[verb - base] == Some(noun) {
                continue;
            }
            // The verb, or the verb it controls ("seeks to impose"), must lack its object.
            let mut chain = vec![verb];
            while let Some(&last) = chain.last() {
                match self.tokens.clone().find(|&c| {
                    self.heads[c - base] == Some(last) && self.rels[c - base] == Rel::Xcomp
                }) {
                    Some(x) if chain.len() < 4 => chain.push(x),
                    _ => break,
                }
            }
            let has_object = self.tokens.clone().any(|c| {
                self.heads[c - base].is_some_and(|h| chain.contains(&h))
                    && matches!(self.rels[c - base].plain(), Some(Rel::Obj | Rel::Ccomp))
            });
            if has_object {
                continue;
            }
            // When the parser made the noun's own clause hang below the verb, that clause
            // takes the verb's place first.
            if self.dominates(verb, noun) {
                let Some(between) = self
                    .tokens
                    .clone()
                    .find(|&c| self.heads[c - base] == Some(verb) && self.dominates(c, noun))
                else {
                    continue;
                };
                self.heads[between - base] = self.heads[verb - base];
                self.rels[between - base] = self.rels[verb - base];
            }
            self.heads[verb - base] = Some(noun);
            self.rels[verb - base] = Deprel::ACL_RELCL;
        }
    }

    /// "demanded the minister be replaced": a verb coordinated without any "and", "or" or
    /// comma is the parser's guess for a complement clause.
    fn repair_bare_conjunct(&mut self) {
        let base = self.tokens.start;
        for c in self.tokens.clone() {
            if self.rels[c - base] != Rel::Conj {
                continue;
            }
            let Some(head) = self.heads[c - base] else {
                continue;
            };
            let verbs = self.doc.syntax[c].upos.as_str() == "VERB"
                && self.doc.syntax[head].upos.as_str() == "VERB";
            // "..., the ministry said": a verb of saying set after the clause is no complement.
            let saying = self.reports(c);
            // (the cheap tests first: the scan is for the few conjuncts they leave)
            if !verbs || head >= c || saying {
                continue;
            }
            let joined = self.tokens.clone().any(|x| {
                self.heads[x - base] == Some(c)
                    && (self.rels[x - base] == Rel::Cc
                        || (self.rels[x - base] == Rel::Punct && x < c))
            });
            if !joined {
                self.rels[c - base] = Rel::Ccomp.into();
            }
        }
    }

    fn repair_reported_speech(&mut self) {
        let base = self.tokens.start;
        for v in self.tokens.clone() {
            if !self.reports(v) {
                continue;
            }
            let Some(obj) = self
                .tokens
                .clone()
                .find(|&o| self.heads[o - base] == Some(v) && self.rels[o - base] == Rel::Obj)
            else {
                continue;
            };
            // The word right after the object's phrase.
            let last = self
                .tokens
                .clone()
                .filter(|&t| self.dominates(obj, t))
                .max()
                .unwrap_or(obj);
            let next = last + 1;
            if next >= self.tokens.end {
                continue;
            }
            let verb = match self.doc.syntax[next].upos.as_str() {
                "AUX" => match self.heads[next - base] {
                    Some(h) if self.rels[next - base] == Rel::Aux => h,
                    _ => continue,
                },
                "VERB" if matches!(self.doc.syntax[next].xpos.as_str(), "VBD" | "VBZ" | "VBP") => {
                    next
                }
                _ => continue,
            };
            if self.has_nominal_subject(verb) || verb == v || self.dominates(verb, v) {
                continue;
            }
            self.heads[verb - base] = Some(v);
            self.rels[verb - base] = Rel::Ccomp.into();
            self.heads[obj - base] = Some(verb);
            self.rels[obj - base] = Rel::Nsubj.into();
        }
    }
}
