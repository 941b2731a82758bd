//! One parsed sentence seen as a dependency tree: heads, children, relations, words and the
//! entities that tokens belong to. Every coder rule reads the sentence through this view.

use std::ops::Range;
use tidings_doc::{Doc, EntityType, Span};

/// A parsed sentence. Token indexes are indexes into `Doc::tokens`, as in the syntax layer.
pub(crate) struct Tree<'d> {
    pub doc: &'d Doc,
    pub tokens: Range<usize>,
    /// Head and relation of each token of the sentence (indexed from `tokens.start`): the
    /// parse, with the repairs of [`Tree::repair`].
    heads: Vec<Option<usize>>,
    rels: Vec<String>,
    /// Tokens a repair made the sentence's verb, whatever the tagger said.
    made_verbs: Vec<usize>,
    /// Children of each token of the sentence, in text order (indexed from `tokens.start`).
    children: Vec<Vec<usize>>,
    /// Lowercased word of each token of the sentence.
    words: Vec<String>,
    /// The entity each token of the sentence belongs to.
    entity: Vec<Option<usize>>,
}

impl<'d> Tree<'d> {
    /// The tree of sentence `s`; `entity_of` maps every token of the document to its entity.
    pub fn new(doc: &'d Doc, s: usize, entity_of: &[Option<usize>]) -> Tree<'d> {
        let tokens = doc.sentences[s].tokens.clone();
        let words = tokens
            .clone()
            .map(|t| doc.slice(doc.tokens[t].span).to_lowercase())
            .collect();
        let entity = entity_of[tokens.clone()].to_vec();
        let heads = tokens
            .clone()
            .map(|t| doc.syntax[t].head.filter(|h| tokens.contains(h)))
            .collect();
        let rels = tokens
            .clone()
            .map(|t| doc.syntax[t].deprel.to_string())
            .collect();
        let mut tree = Tree {
            doc,
            tokens,
            heads,
            rels,
            made_verbs: Vec::new(),
            children: Vec::new(),
            words,
            entity,
        };
        tree.repair();
        tree.index_children();
        tree
    }

    fn index_children(&mut self) {
        let mut children = vec![Vec::new(); self.tokens.len()];
        for t in self.tokens.clone() {
            if let Some(h) = self.heads[t - self.tokens.start] {
                children[h - self.tokens.start].push(t);
            }
        }
        self.children = children;
    }

    /// Mends one frequent parser error that changes who did what: reported speech without
    /// "that" ("the agency reported the minister will resign"), parsed with the speaker's
    /// subject as the object of the reporting verb and the reported verb hung elsewhere. When
    /// a reporting verb's object is followed directly by a finite verb group with no subject,
    /// the object becomes that verb's subject and the verb the reporting verb's complement.
    fn repair(&mut self) {
        self.repair_verbless_root();
        self.repair_trailing_source();
        self.repair_reported_speech();
        self.repair_perfect();
        self.repair_reduced_relative();
        self.repair_bare_conjunct();
    }

    /// A sentence parsed without a verb at its root, whose past-tense verb the tagger took for
    /// a modifier or a noun ("Rebels ... blocked transport", "X undertook mediation mission"):
    /// that verb becomes the root, what came before it hangs on it as before, and the old root
    /// after it becomes its object.
    fn repair_verbless_root(&mut self) {
        let base = self.tokens.start;
        let Some(root) = self.tokens.clone().find(|&t| self.heads[t - base].is_none()) else {
            return;
        };
        if !matches!(self.doc.syntax[root].upos.as_str(), "NOUN" | "PROPN" | "NUM") {
            return;
        }
        if self
            .tokens
            .clone()
            .any(|t| self.doc.syntax[t].upos.as_str() == "VERB" && !matches!(self.rels[t - base].as_str(), "amod" | "compound"))
        {
            return;
        }
        let Some(verb) = self.tokens.clone().find(|&t| {
            matches!(self.doc.syntax[t].xpos.as_str(), "VBD" | "VBN")
                && matches!(self.rels[t - base].as_str(), "amod" | "compound")
                && t > self.tokens.start
        }) else {
            return;
        };
        let old_head = self.heads[verb - base];
        self.heads[verb - base] = None;
        self.rels[verb - base] = "root".into();
        for c in self.tokens.clone() {
            if c != verb && self.heads[c - base] == Some(verb) {
                self.heads[c - base] = old_head;
            }
        }
        if root > verb {
            self.heads[root - base] = Some(verb);
            self.rels[root - base] = "obj".into();
            for c in self.tokens.clone().filter(|&c| c < verb) {
                if self.heads[c - base] == Some(root) {
                    self.heads[c - base] = Some(verb);
                }
            }
        } else {
            // The old root was the subject's phrase.
            let subject = old_head.filter(|&h| h < verb).unwrap_or(root);
            let mut top = subject;
            while let Some(h) = self.heads[top - base].filter(|&h| h < verb && h != top) {
                top = h;
            }
            self.heads[top - base] = Some(verb);
            self.rels[top - base] = "nsubj".into();
            for c in self.tokens.clone().filter(|&c| c > verb) {
                if self.heads[c - base].is_some_and(|h| h < verb) && !self.dominates(c, verb) {
                    self.heads[c - base] = Some(verb);
                    self.rels[c - base] = if self.rels[c - base] == "nmod" { "obj".into() } else { self.rels[c - base].clone() };
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
        let Some(root) = self.tokens.clone().find(|&t| self.heads[t - base].is_none()) else {
            return;
        };
        for v in self.tokens.clone() {
            let lemma = self.doc.syntax[v].lemma.to_lowercase();
            if v == root || self.doc.syntax[v].upos.as_str() != "VERB" || !super::cues::is_reporting(&lemma) {
                continue;
            }
            let has_subject = self.tokens.clone().any(|c| {
                self.heads[c - base] == Some(v) && self.rels[c - base].starts_with("nsubj")
            });
            if has_subject {
                continue;
            }
            // The words between the last comma before the verb and the verb: a short name.
            let Some(comma) = (base..v).rev().take(8).find(|&x| self.words[x - base] == ",")
            else {
                continue;
            };
            let phrase: Vec<usize> = (comma + 1..v).collect();
            let nominal = |x: usize| {
                matches!(
                    self.doc.syntax[x].upos.as_str(),
                    "PROPN" | "NOUN" | "ADJ" | "DET" | "PUNCT" | "NUM"
                )
            };
            let Some(&head) = phrase.last() else { continue };
            if !phrase.iter().all(|&x| nominal(x))
                || !matches!(self.doc.syntax[head].upos.as_str(), "PROPN" | "NOUN")
                || self.dominates(v, root)
            {
                continue;
            }
            for &x in &phrase[..phrase.len() - 1] {
                if !self.heads[x - base].is_some_and(|h| phrase.contains(&h)) {
                    self.heads[x - base] = Some(head);
                    self.rels[x - base] = "compound".into();
                }
            }
            for c in self.tokens.clone() {
                // What hung on the name elsewhere in the clause stays where it was.
                if self.heads[c - base] == Some(head) && !phrase.contains(&c) && c != v {
                    self.heads[c - base] = self.heads[head - base].filter(|&h| !phrase.contains(&h));
                }
            }
            self.heads[head - base] = Some(v);
            self.rels[head - base] = "nsubj".into();
            self.heads[v - base] = Some(root);
            self.rels[v - base] = "parataxis".into();
        }
    }

    /// "has since demanded", "have already agreed": a perfect tagged as the main verb "have"
    /// with the participle hung below it. The participle takes the place of "have", which
    /// becomes its auxiliary.
    fn repair_perfect(&mut self) {
        let base = self.tokens.start;
        for have in self.tokens.clone() {
            let s = &self.doc.syntax[have];
            if s.upos.as_str() != "VERB" || s.lemma.to_lowercase() != "have" {
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
            self.rels[participle - base] = self.rels[have - base].clone();
            for c in self.tokens.clone() {
                if c != participle && self.heads[c - base] == Some(have) {
                    self.heads[c - base] = Some(participle);
                }
            }
            self.heads[have - base] = Some(participle);
            self.rels[have - base] = "aux".into();
            for between in have + 1..participle {
                self.heads[between - base] = Some(participle);
                self.rels[between - base] = "advmod".into();
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
                || self.rels[p - base] != "nsubj"
                || self.doc.syntax[noun].upos.as_str() != "NOUN"
                || self.rels[noun - base] == "compound"
            {
                continue;
            }
            let Some(verb) = self.heads[p - base] else { continue };
            if verb < p || self.heads[verb - base] == Some(noun) {
                continue;
            }
            // The verb, or the verb it controls ("seeks to impose"), must lack its object.
            let mut chain = vec![verb];
            while let Some(&last) = chain.last() {
                match self.tokens.clone().find(|&c| {
                    self.heads[c - base] == Some(last) && self.rels[c - base] == "xcomp"
                }) {
                    Some(x) if chain.len() < 4 => chain.push(x),
                    _ => break,
                }
            }
            let has_object = self.tokens.clone().any(|c| {
                self.heads[c - base].is_some_and(|h| chain.contains(&h))
                    && matches!(self.rels[c - base].as_str(), "obj" | "ccomp")
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
                self.rels[between - base] = self.rels[verb - base].clone();
            }
            self.heads[verb - base] = Some(noun);
            self.rels[verb - base] = "acl:relcl".into();
        }
    }

    /// "demanded the minister be replaced": a verb coordinated without any "and", "or" or
    /// comma is the parser's guess for a complement clause.
    fn repair_bare_conjunct(&mut self) {
        let base = self.tokens.start;
        for c in self.tokens.clone() {
            if self.rels[c - base] != "conj" {
                continue;
            }
            let Some(head) = self.heads[c - base] else { continue };
            let joined = self.tokens.clone().any(|x| {
                self.heads[x - base] == Some(c)
                    && (self.rels[x - base] == "cc"
                        || (self.rels[x - base] == "punct" && x < c))
            });
            let verbs = self.doc.syntax[c].upos.as_str() == "VERB"
                && self.doc.syntax[head].upos.as_str() == "VERB";
            // "..., the ministry said": a verb of saying set after the clause is no complement.
            let saying = super::cues::is_reporting(&self.doc.syntax[c].lemma.to_lowercase());
            if !joined && verbs && head < c && !saying {
                self.rels[c - base] = "ccomp".into();
            }
        }
    }

    fn repair_reported_speech(&mut self) {
        let base = self.tokens.start;
        for v in self.tokens.clone() {
            let lemma = self.doc.syntax[v].lemma.to_lowercase();
            if !super::cues::is_reporting(&lemma) {
                continue;
            }
            let Some(obj) = self
                .tokens
                .clone()
                .find(|&o| self.heads[o - base] == Some(v) && self.rels[o - base] == "obj")
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
                    Some(h) if self.rels[next - base] == "aux" => h,
                    _ => continue,
                },
                "VERB" if matches!(self.doc.syntax[next].xpos.as_str(), "VBD" | "VBZ" | "VBP") => {
                    next
                }
                _ => continue,
            };
            let has_subject = self
                .tokens
                .clone()
                .any(|c| self.heads[c - base] == Some(verb) && self.rels[c - base].starts_with("nsubj"));
            if has_subject || verb == v || self.dominates(verb, v) {
                continue;
            }
            self.heads[verb - base] = Some(v);
            self.rels[verb - base] = "ccomp".into();
            self.heads[obj - base] = Some(verb);
            self.rels[obj - base] = "nsubj".into();
        }
    }

    /// Whether `a` is `b` or one of its ancestors.
    fn dominates(&self, a: usize, b: usize) -> bool {
        let mut node = Some(b);
        for _ in 0..self.tokens.len() + 1 {
            match node {
                Some(n) if n == a => return true,
                Some(n) => node = self.heads[n - self.tokens.start],
                None => return false,
            }
        }
        false
    }

    pub fn head(&self, t: usize) -> Option<usize> {
        self.heads[t - self.tokens.start]
    }

    /// The relation to the head, without its subtype (`nsubj:pass` is `nsubj`).
    pub fn rel(&self, t: usize) -> &str {
        let r = self.full_rel(t);
        r.split(':').next().unwrap_or(r)
    }

    /// The full relation, subtype included.
    pub fn full_rel(&self, t: usize) -> &str {
        &self.rels[t - self.tokens.start]
    }

    /// The active subject of `t` (`nsubj`, else a clausal subject); of two (a parse error,
    /// as "Mugabe today accused" with "today" for a subject), the one that names someone, then
    /// the nearer.
    pub fn subject(&self, t: usize) -> Option<usize> {
        self.children(t)
            .iter()
            .copied()
            .filter(|&c| matches!(self.full_rel(c), "nsubj" | "csubj"))
            .min_by_key(|&c| (self.entities_of(c).is_empty(), c.abs_diff(t)))
            // "it is willing to ...": a subject pronoun the parser took for an expletive.
            .or_else(|| self.child_by(t, &["expl"]))
    }

    pub fn upos(&self, t: usize) -> &str {
        if self.made_verbs.contains(&t) {
            return "VERB";
        }
        self.doc.syntax[t].upos.as_str()
    }

    pub fn xpos(&self, t: usize) -> &str {
        self.doc.syntax[t].xpos.as_str()
    }

    /// The lowercased lemma.
    pub fn lemma(&self, t: usize) -> String {
        self.doc.syntax[t].lemma.to_lowercase()
    }

    /// The lowercased word as written.
    pub fn word(&self, t: usize) -> &str {
        &self.words[t - self.tokens.start]
    }

    pub fn children(&self, t: usize) -> &[usize] {
        &self.children[t - self.tokens.start]
    }

    /// Children whose relation (without subtype) is one of `rels`.
    pub fn children_by<'a>(
        &'a self,
        t: usize,
        rels: &'a [&'a str],
    ) -> impl Iterator<Item = usize> + 'a {
        self.children(t)
            .iter()
            .copied()
            .filter(move |&c| rels.contains(&self.rel(c)))
    }

    pub fn child_by(&self, t: usize, rels: &[&str]) -> Option<usize> {
        self.children_by(t, rels).next()
    }

    /// Whether some child of `t` in relation `rel` has one of `words` (lowercased).
    pub fn has_child_word(&self, t: usize, rels: &[&str], words: &[&str]) -> bool {
        self.children_by(t, rels)
            .any(|c| words.contains(&self.word(c)))
    }

    /// The preposition (`case` child) of a nominal, lowercased; "according to" for
    /// `according` with its fixed `to`.
    pub fn preposition(&self, t: usize) -> Option<String> {
        let c = self.child_by(t, &["case"])?;
        let word = self.word(c);
        let fixed: Vec<&str> = self
            .children_by(c, &["fixed"])
            .map(|f| self.word(f))
            .collect();
        Some(if fixed.is_empty() {
            word.to_string()
        } else {
            format!("{word} {}", fixed.join(" "))
        })
    }

    /// Every token under `t`, `t` included, in text order.
    pub fn subtree(&self, t: usize) -> Vec<usize> {
        let mut out = vec![t];
        let mut i = 0;
        while i < out.len() {
            out.extend_from_slice(self.children(out[i]));
            i += 1;
        }
        out.sort_unstable();
        out
    }

    /// The character span of a noun phrase: `t` and its dependents, without clauses,
    /// punctuation or appositions at its edges.
    pub fn phrase_span(&self, t: usize) -> Span {
        let mut keep = vec![t];
        let mut i = 0;
        while i < keep.len() {
            for &c in self.children(keep[i]) {
                if !matches!(
                    self.rel(c),
                    "acl" | "appos" | "punct" | "parataxis" | "advcl" | "conj" | "cc" | "ccomp"
                ) && !(keep[i] == t && self.rel(c) == "case")
                {
                    keep.push(c);
                }
            }
            i += 1;
        }
        let first = *keep.iter().min().expect("the head is kept");
        let last = *keep.iter().max().expect("the head is kept");
        Span::new(
            self.doc.tokens[first].span.start,
            self.doc.tokens[last].span.end,
        )
    }

    /// The entity a token belongs to. A personal pronoun the link layer left unresolved
    /// ("he", "his") is read as the nearest person named before it in the sentence.
    pub fn entity(&self, t: usize) -> Option<usize> {
        let base = self.tokens.start;
        if let Some(e) = self.entity[t - base] {
            return Some(e);
        }
        if !matches!(self.word(t), "he" | "him" | "his" | "she" | "her") {
            return None;
        }
        (base..t).rev().find_map(|x| {
            self.entity[x - base].filter(|&e| self.doc.entities[e].kind == EntityType::Person)
        })
    }

    /// A city, island or region: a place that is not a country.
    pub fn is_subnational_place(&self, e: usize) -> bool {
        let entity = &self.doc.entities[e];
        entity.kind == EntityType::Loc
            && !entity
                .kb_id
                .as_deref()
                .is_some_and(|id| id.starts_with("country:"))
    }

    pub fn is_place(&self, e: usize) -> bool {
        let entity = &self.doc.entities[e];
        entity.kind == EntityType::Loc || entity.geo.is_some()
    }

    /// The entities a noun phrase headed by `t` names: the entity of `t` itself, else those
    /// of its name-like modifiers ("Hungarian and Romanian officials" names Hungary and
    /// Romania; "the government of Iraq" names Iraq), with coordinated phrases added.
    pub fn entities_of(&self, t: usize) -> Vec<usize> {
        let mut out = Vec::new();
        self.collect_entities(t, 0, &mut out);
        out
    }

    fn collect_entities(&self, t: usize, depth: usize, out: &mut Vec<usize>) {
        let push = |e: usize, out: &mut Vec<usize>| {
            if !out.contains(&e) {
                out.push(e)
            }
        };
        // "Prime Minister Romendacil", "Bree Prime Minister Romendacil": the person the
        // title names is who acts, not the country that modifies the title (even when the
        // parser made the country the head).
        let named = self
            .children_by(t, &["flat", "appos"])
            .find_map(|c| self.entity(c))
            .filter(|&e| self.doc.entities[e].kind != EntityType::Loc);
        let own = self.entity(t);
        if let Some(e) = own.filter(|&e| self.doc.entities[e].kind != EntityType::Loc || named.is_none()) {
            push(e, out);
        } else if let Some(e) = named {
            push(e, out);
        } else if depth < 2 {
            for c in self.children_by(t, &["compound", "amod", "nmod", "appos", "flat"]) {
                // "the government of Iraq" and "Iraq's government" name Iraq, "rebels in the
                // Ivory Coast" and "troops from Chad" their country; other phrases ("calls
                // for aid") name no party.
                if self.rel(c) == "nmod"
                    && self
                        .preposition(c)
                        .as_deref()
                        .is_some_and(|p| !matches!(p, "of" | "in" | "from"))
                {
                    continue;
                }
                if self.rel(c) == "nmod"
                    && matches!(self.preposition(c).as_deref(), Some("in" | "from"))
                    && !self.entity(c).is_some_and(|e| self.is_place(e))
                {
                    continue;
                }
                if let Some(e) = self.entity(c) {
                    push(e, out);
                } else if self.rel(c) == "nmod" || self.rel(c) == "appos" {
                    self.collect_entities(c, depth + 1, out);
                }
            }
        }
        for c in self.children_by(t, &["conj"]) {
            self.collect_entities(c, depth, out);
        }
    }

    /// The character span of a token.
    pub fn span(&self, t: usize) -> Span {
        self.doc.tokens[t].span
    }
}
