//! One parsed sentence seen as a dependency tree: heads, children, relations, words and the
//! entities that tokens belong to. Every coder rule reads the sentence through this view.

use super::lowercase::lowercase;
use super::relation::{Deprel, Rel};
use std::borrow::Cow;
use std::ops::Range;
use tidings_doc::{Doc, EntityType, Span};

/// A parsed sentence. Token indexes are indexes into `Doc::tokens`, as in the syntax layer.
pub(crate) struct Tree<'d> {
    pub doc: &'d Doc,
    pub tokens: Range<usize>,
    /// Head and relation of each token of the sentence (indexed from `tokens.start`): the
    /// parse, with the repairs of [`Tree::repair`].
    pub(super) heads: Vec<Option<usize>>,
    pub(super) rels: Vec<Deprel>,
    /// Tokens a repair made the sentence's verb, whatever the tagger said.
    pub(super) made_verbs: Vec<usize>,
    /// The dateline's words ("BRUSSELS (Reuters)" before the dash), in the first sentence.
    pub(super) dateline: Option<Range<usize>>,
    /// Children of every token of the sentence, grouped by head in text order, each group in
    /// text order; `child_ranges` holds each token's group (indexed from `tokens.start`).
    /// (One list for the sentence rather than one per token: a tree is built for every
    /// sentence, and the lists' allocations were a good part of its cost. The ranges are kept
    /// whole, not as offsets, so that reading a token's children stays one lookup: the rules
    /// do it far more often than trees are built.)
    children: Vec<usize>,
    child_ranges: Vec<(u32, u32)>,
    /// Lowercased word of each token of the sentence.
    pub(super) words: Vec<Cow<'d, str>>,
    /// Lowercased lemma of each token of the sentence.
    lemmas: Vec<Cow<'d, str>>,
    /// Whether each token's lemma is a verb of saying (see [`Tree::reports`]).
    reporting: Vec<bool>,
    /// Whether a word of the sentence could open "according to" (see
    /// [`Tree::is_according_to`]).
    says_according: bool,
    /// The entity each token of the sentence belongs to.
    entity: Vec<Option<usize>>,
    /// Whether a word of the sentence may name a mishap (see [`super::scene::tells_of_mishap`]),
    /// found on the first question.
    pub(super) may_name_mishap: std::cell::OnceCell<bool>,
}

impl<'d> Tree<'d> {
    /// The tree of sentence `s`; `entity_of` maps every token of the document to its entity.
    pub fn new(doc: &'d Doc, s: usize, entity_of: &[Option<usize>]) -> Tree<'d> {
        let tokens = doc.sentences[s].tokens.clone();
        let words: Vec<Cow<'d, str>> = tokens
            .clone()
            .map(|t| lowercase(doc.slice(doc.tokens[t].span)))
            .collect();
        let lemmas: Vec<Cow<'d, str>> = tokens
            .clone()
            .map(|t| lowercase(&doc.syntax[t].lemma))
            .collect();
        let reporting = lemmas
            .iter()
            .map(|l| super::cues::is_reporting(l))
            .collect();
        let mut entity = entity_of[tokens.clone()].to_vec();
        let mut dateline = None;
        // "BRUSSELS (Reuters) -", "Agencies-": a dateline names where and who wrote, never who
        // acts. It opens the article's text, after the headline when there is one (a first
        // sentence without a closing stop: "Taliban Strike German Consulate" then "KUNDUZ,
        // Afghanistan -- Taliban insurgents struck ...").
        let after_headline = s == 1 && {
            let first = &doc.sentences[0].tokens;
            first.end > first.start
                && !matches!(
                    doc.slice(doc.tokens[first.end - 1].span),
                    "." | "!" | "?" | "\"" | "\u{201d}" | "'" | "\u{2019}"
                )
        };
        if s == 0 || after_headline {
            if let Some(dash) = tokens
                .clone()
                .take(10)
                .position(|t| matches!(doc.slice(doc.tokens[t].span), "-" | "—" | "–" | "--"))
            {
                let before = tokens.start..tokens.start + dash;
                let heading = before.clone().all(|t| {
                    let w = doc.slice(doc.tokens[t].span);
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || !c.is_alphanumeric())
                });
                if heading && dash > 0 {
                    entity[..dash].iter_mut().for_each(|e| *e = None);
                    dateline = Some(tokens.start..tokens.start + dash);
                }
            }
        }
        let heads = tokens
            .clone()
            .map(|t| doc.syntax[t].head.filter(|h| tokens.contains(h)))
            .collect();
        let rels = tokens
            .clone()
            .map(|t| Deprel::parse(&doc.syntax[t].deprel))
            .collect();
        let says_according = words
            .iter()
            .any(|w| matches!(w.as_ref(), "according" | "according to"));
        let mut tree = Tree {
            doc,
            tokens,
            heads,
            rels,
            made_verbs: Vec::new(),
            dateline,
            children: Vec::new(),
            child_ranges: Vec::new(),
            words,
            lemmas,
            reporting,
            says_according,
            entity,
            may_name_mishap: std::cell::OnceCell::new(),
        };
        tree.repair();
        tree.break_cycles();
        tree.index_children();
        tree
    }

    /// Cuts every cycle of heads: a repair that rewires heads can close one on input no
    /// parser was trained for (fuzzing found one), and every walk up the tree relies on
    /// reaching a root. The node where a walk from a token comes round again becomes a root.
    fn break_cycles(&mut self) {
        let base = self.tokens.start;
        let n = self.tokens.len();
        for t in self.tokens.clone() {
            let mut node = t;
            let mut steps = 0;
            while let Some(h) = self.heads[node - base] {
                steps += 1;
                if steps > n {
                    self.heads[node - base] = None;
                    break;
                }
                node = h;
            }
        }
    }

    fn index_children(&mut self) {
        let base = self.tokens.start;
        let n = self.tokens.len();
        // A counting sort of the tokens by head: how many children each head has, where its
        // group starts, then each child (in text order) into its head's next slot.
        let mut starts = vec![0u32; n + 1];
        for h in self.heads.iter().flatten() {
            starts[h - base + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut children = vec![0; starts[n] as usize];
        for t in self.tokens.clone() {
            if let Some(h) = self.heads[t - base] {
                children[next[h - base] as usize] = t;
                next[h - base] += 1;
            }
        }
        self.children = children;
        self.child_ranges = starts.windows(2).map(|w| (w[0], w[1])).collect();
    }

    /// Whether `v` has a nominal subject, reading the heads as repaired so far (not the
    /// children index, which repairs have not rebuilt yet).
    pub(super) fn has_nominal_subject(&self, v: usize) -> bool {
        let base = self.tokens.start;
        self.tokens
            .clone()
            .any(|c| self.heads[c - base] == Some(v) && self.rels[c - base].rel == Rel::Nsubj)
    }

    /// The first word of `x`'s phrase that is no punctuation (a comma before a phrase often
    /// hangs on it), reading the heads as repaired so far.
    pub(super) fn phrase_start(&self, x: usize) -> usize {
        self.tokens
            .clone()
            .find(|&t| self.dominates(x, t) && self.upos(t) != "PUNCT")
            .unwrap_or(x)
    }

    /// Whether `a` is `b` or one of its ancestors.
    pub(super) fn dominates(&self, a: usize, b: usize) -> bool {
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
    pub fn rel(&self, t: usize) -> Rel {
        self.rels[t - self.tokens.start].rel
    }

    /// The full relation, subtype included.
    pub fn full_rel(&self, t: usize) -> Deprel {
        self.rels[t - self.tokens.start]
    }

    /// The active subject of `t` (`nsubj`, else a clausal subject); of two (a parse error,
    /// as "Mugabe today accused" with "today" for a subject), the one that names someone, then
    /// the nearer.
    pub fn subject(&self, t: usize) -> Option<usize> {
        let subjects = || {
            self.children(t)
                .iter()
                .copied()
                .filter(|&c| matches!(self.full_rel(c).plain(), Some(Rel::Nsubj | Rel::Csubj)))
        };
        // (one subject, nearly always, is chosen without weighing: the entities it names
        // are worth finding only between two). Between two, a time ("on Sunday") or a phrase
        // with its own preposition is the parser's slip, not the doer: ranked last, never
        // dropped ("Pakistan today threatened" may have "today" as its only subject).
        let mut candidates = subjects();
        let chosen = match (candidates.next(), candidates.next()) {
            (only, None) => only,
            _ => subjects().min_by_key(|&c| {
                let slip = self.is_time(c) || self.child_by(c, &[Rel::Case]).is_some();
                (slip, self.entities_of(c).is_empty(), c.abs_diff(t))
            }),
        };
        // "it is willing to ...": a subject pronoun the parser took for an expletive.
        chosen.or_else(|| self.child_by(t, &[Rel::Expl]))
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
    pub fn lemma(&self, t: usize) -> &str {
        &self.lemmas[t - self.tokens.start]
    }

    /// Whether the lemma of `t` is a verb of saying ([`super::cues::is_reporting`]), looked
    /// up once per token: the repairs ask it of every word of the sentence, several times.
    pub fn reports(&self, t: usize) -> bool {
        self.reporting[t - self.tokens.start]
    }

    /// The lowercased word as written.
    pub fn word(&self, t: usize) -> &str {
        &self.words[t - self.tokens.start]
    }

    pub fn children(&self, t: usize) -> &[usize] {
        let (start, end) = self.child_ranges[t - self.tokens.start];
        &self.children[start as usize..end as usize]
    }

    /// Children whose relation (without subtype) is one of `rels`.
    pub fn children_by<'a>(
        &'a self,
        t: usize,
        rels: &'a [Rel],
    ) -> impl Iterator<Item = usize> + 'a {
        self.children(t)
            .iter()
            .copied()
            .filter(move |&c| rels.contains(&self.rel(c)))
    }

    pub fn child_by(&self, t: usize, rels: &[Rel]) -> Option<usize> {
        self.children_by(t, rels).next()
    }

    /// Whether some child of `t` in relation `rel` has one of `words` (lowercased).
    pub fn has_child_word(&self, t: usize, rels: &[Rel], words: &[&str]) -> bool {
        self.children_by(t, rels)
            .any(|c| words.contains(&self.word(c)))
    }

    /// The preposition (`case` child) of a nominal, lowercased; "according to" for
    /// `according` with its fixed `to`.
    pub fn preposition(&self, t: usize) -> Option<Cow<'_, str>> {
        // (plain scans of the children, and a one-word preposition, nearly all of them,
        // borrowed: this is asked for every ancestor of every candidate word)
        let c = *self
            .children(t)
            .iter()
            .find(|&&c| self.rel(c) == Rel::Case)?;
        let word = self.word(c);
        if !self.children(c).iter().any(|&f| self.rel(f) == Rel::Fixed) {
            return Some(Cow::Borrowed(word));
        }
        let fixed: Vec<&str> = self
            .children_by(c, &[Rel::Fixed])
            .map(|f| self.word(f))
            .collect();
        Some(Cow::Owned(format!("{word} {}", fixed.join(" "))))
    }

    /// Whether the preposition of `t` is "according to" ("according to diplomats"). The
    /// source rules ask it of every ancestor of every word, and few sentences have the
    /// word: the preposition is "according" with its fixed "to", or one token "according
    /// to", so a sentence without either word has none.
    pub fn is_according_to(&self, t: usize) -> bool {
        self.says_according && self.preposition(t).as_deref() == Some("according to")
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
                let clause = matches!(
                    self.rel(c),
                    Rel::Acl
                        | Rel::Appos
                        | Rel::Punct
                        | Rel::Parataxis
                        | Rel::Advcl
                        | Rel::Conj
                        | Rel::Cc
                        | Rel::Ccomp
                );
                // "According to the agency": the phrase is the agency.
                let own_case = keep[i] == t && self.rel(c) == Rel::Case;
                if !clause && !own_case {
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

    /// Whether token `t` lies inside a time expression of the document ("on *Monday*", "in
    /// *March*").
    pub fn is_time(&self, t: usize) -> bool {
        let span = self.doc.tokens[t].span;
        self.doc
            .times
            .iter()
            .any(|x| x.span.start <= span.start && span.end <= x.span.end)
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
        // (an apposition counts only as a name: "Pakistan, a key U.S. ally," is still
        // Pakistan)
        let named_child = self.children_by(t, &[Rel::Flat, Rel::Appos]).find(|&c| {
            (self.rel(c) == Rel::Flat || self.upos(c) == "PROPN")
                && self
                    .entity(c)
                    .is_some_and(|e| self.doc.entities[e].kind != EntityType::Loc)
        });
        let named = named_child.and_then(|c| self.entity(c));
        // "rivals President Obama and his successor Trump": the name's own conjuncts too.
        if let Some(c) = named_child {
            for d in self.children_by(c, &[Rel::Conj]) {
                self.collect_entities(d, depth, out);
            }
        }
        let own = self.entity(t);
        if let Some(e) =
            own.filter(|&e| self.doc.entities[e].kind != EntityType::Loc || named.is_none())
        {
            // "Hungarian and Romanian officials": the linker may have made "Romanian
            // officials" one group, leaving the first of the coordinated modifiers outside.
            for c in self.children_by(t, &[Rel::Amod, Rel::Compound]) {
                if self.child_by(c, &[Rel::Conj]).is_some() {
                    if let Some(m) = self.entity(c).filter(|&m| m != e) {
                        push(m, out);
                    }
                }
            }
            push(e, out);
        } else if let Some(e) = named {
            push(e, out);
        } else if depth < 2 {
            // "the Turkish and Greek sides of the island of Cyprus": the name-like modifiers
            // (with their conjuncts) say whose the sides are; the island is where they are.
            let mut modifiers = Vec::new();
            for c in self.children_by(t, &[Rel::Amod, Rel::Compound]) {
                let Some((m, entity)) = self.named_modifier(c) else {
                    continue;
                };
                modifiers.push(entity);
                modifiers.extend(
                    self.children_by(m, &[Rel::Conj])
                        .filter_map(|d| self.entity(d)),
                );
            }
            // (a modifier that names no country, "Druze inhabitants of the Golan Heights",
            // leaves the phrase to say it)
            let named_by_modifiers = modifiers.iter().any(|&e| {
                let entity = &self.doc.entities[e];
                entity.country.is_some() || entity.code.is_some()
            });
            for e in modifiers {
                push(e, out);
            }
            // "Israel's militia ally in southern Lebanon", "Iran's proxies in Iraq": whose
            // ally a party is does not say who the party is.
            let relational = matches!(
                self.lemma(t),
                "ally"
                    | "proxy"
                    | "partner"
                    | "rival"
                    | "enemy"
                    | "foe"
                    | "opponent"
                    | "neighbor"
                    | "neighbour"
            );
            for c in self.children_by(
                t,
                &[Rel::Compound, Rel::Amod, Rel::Nmod, Rel::Appos, Rel::Flat],
            ) {
                if named_by_modifiers
                    && matches!(self.rel(c), Rel::Amod | Rel::Compound | Rel::Nmod)
                {
                    continue;
                }
                let whose = self.full_rel(c) == Deprel::NMOD_POSS
                    || (self.rel(c) == Rel::Nmod && self.preposition(c).as_deref() == Some("of"));
                if relational && whose {
                    continue;
                }
                // "the government of Iraq" and "Iraq's government" name Iraq, "rebels in the
                // Ivory Coast" and "troops from Chad" their country; other phrases ("calls
                // for aid") name no party.
                // ("students throughout Indonesia", "rebels across the north")
                if self.rel(c) == Rel::Nmod
                    && self.preposition(c).as_deref().is_some_and(|p| {
                        !matches!(
                            p,
                            "of" | "in"
                                | "from"
                                | "throughout"
                                | "across"
                                | "'s"
                                | "’s"
                                | "'"
                                | "’"
                        )
                    })
                {
                    continue;
                }
                if self.rel(c) == Rel::Nmod
                    && matches!(
                        self.preposition(c).as_deref(),
                        Some("in" | "from" | "throughout" | "across")
                    )
                    && !self.entity(c).is_some_and(|e| self.is_place(e))
                {
                    continue;
                }
                if let Some(e) = self.entity(c) {
                    push(e, out);
                } else if self.rel(c) == Rel::Nmod || self.rel(c) == Rel::Appos {
                    // ("tens of thousands of students throughout Indonesia": a count says
                    // nothing of whose the people are; the phrase it counts does, one level
                    // down whichever noun the parser made the head)
                    let step = usize::from(!self.is_count(t));
                    self.collect_entities(c, depth + step, out);
                }
            }
        }
        for c in self.children_by(t, &[Rel::Conj]) {
            self.collect_entities(c, depth, out);
        }
    }

    /// The modifier of a noun phrase that names someone: `c` itself, else a name modifying
    /// it before it. In "NATO peacekeeping troops" or "Israeli intelligence officials" the
    /// name says whose the phrase is whether the parser read [[NATO peacekeeping] troops] or
    /// [NATO [peacekeeping troops]]: English noun modifiers before a head stack either way.
    /// Returns the modifier's token and its entity.
    fn named_modifier(&self, c: usize) -> Option<(usize, usize)> {
        self.named_modifier_within(c, 3)
    }

    fn named_modifier_within(&self, c: usize, levels: usize) -> Option<(usize, usize)> {
        if let Some(e) = self.entity(c) {
            return Some((c, e));
        }
        if levels == 0 {
            return None;
        }
        // (the nearest first: "the main Hutu rebel group")
        let modifiers: Vec<usize> = self
            .children_by(c, &[Rel::Amod, Rel::Compound])
            .filter(|&m| m < c)
            .collect();
        modifiers
            .into_iter()
            .rev()
            .find_map(|m| self.named_modifier_within(m, levels - 1))
    }

    /// Whether `t` is a count of people or things ("tens", "thousands", "a number", "a
    /// handful") rather than what is counted.
    fn is_count(&self, t: usize) -> bool {
        self.upos(t) == "NUM"
            || matches!(
                self.word(t),
                "tens"
                    | "dozens"
                    | "scores"
                    | "hundreds"
                    | "thousands"
                    | "millions"
                    | "number"
                    | "handful"
                    | "couple"
            )
    }

    /// The character span of a token.
    pub fn span(&self, t: usize) -> Span {
        self.doc.tokens[t].span
    }
}
