//! Who takes part in an event and where it happens: subjects (through control, coordination,
//! raising and reported speech), objects and prepositional partners, the parties of event
//! nouns, and the place.

use super::cues;
use super::mention::Trigger;
use super::relation::{Deprel, Rel};
use super::tree::Tree;
use crate::plover::PloverType;

/// The entities a subject names. A pronoun left unresolved inside reported speech is the
/// speaker: "Syria says it is willing to withdraw", "the rebels said they will release".
pub(super) fn subject_entities(tree: &Tree, s: usize) -> Vec<usize> {
    let found = tree.entities_of(s);
    // "Bosnian Serbs said their forces had completed their withdrawal": a subject that is
    // the speaker's own ("their forces", "its troops") acts for the speaker too.
    let own = tree.upos(s) == "NOUN"
        && tree.children_by(s, &[Rel::Nmod]).any(|p| {
            tree.full_rel(p) == Deprel::NMOD_POSS
                && matches!(tree.word(p), "its" | "their" | "our" | "his" | "her" | "my")
                && tree.entity(p).is_none()
        });
    if !found.is_empty() || (tree.upos(s) != "PRON" && !own) {
        return found;
    }
    if !own && !matches!(tree.word(s), "it" | "they" | "we" | "he" | "she" | "i") {
        return found;
    }
    let mut node = s;
    while let Some(head) = tree.head(node) {
        if tree.reports(head) && matches!(tree.rel(node), Rel::Ccomp | Rel::Parataxis) {
            return tree
                .subject(head)
                .map(|r| tree.entities_of(r))
                .unwrap_or_default();
        }
        node = head;
    }
    found
}

/// The token whose entities act: the subject, looked for up through control and
/// coordination ("X agreed to meet", "X arrived and met").
pub(super) fn subject(tree: &Tree, v: usize) -> Option<usize> {
    let mut node = v;
    let mut via_xcomp = false;
    for _ in 0..6 {
        if let Some(s) = tree.subject(node) {
            return Some(s);
        }
        if via_xcomp {
            // "X is expected to visit", "X was asked to leave": the raised subject.
            if let Some(p) = tree
                .children(node)
                .iter()
                .copied()
                .find(|&c| tree.full_rel(c) == Deprel::NSUBJ_PASS)
            {
                return Some(p);
            }
        }
        let head = tree.head(node)?;
        via_xcomp = tree.rel(node) == Rel::Xcomp;
        match tree.rel(node) {
            Rel::Xcomp | Rel::Conj | Rel::Advcl => node = head,
            // "issued a declaration demanding ...": who issued it demands.
            Rel::Acl
                if tree.rel(head) == Rel::Obj
                    && cues::is_speech_noun(tree.lemma(head))
                    && tree.head(head).is_some() =>
            {
                node = tree.head(head)?;
                via_xcomp = false;
            }
            // "the sanctions it imposed": the noun a relative clause hangs on.
            // "visit a ship to lay a wreath": an infinitive hung on an object noun is, as a
            // rule, the purpose of the verb that governs the noun.
            Rel::Acl
                if tree.has_child_word(node, &[Rel::Mark], &["to"])
                    && tree.rel(head) == Rel::Obj
                    && tree.head(head).is_some_and(|h| tree.upos(h) == "VERB") =>
            {
                node = tree.head(head)?;
                via_xcomp = false;
            }
            Rel::Acl if tree.upos(head) != "VERB" => return Some(head),
            // "X is set to meet" with the infinitive taken for the subject of "set": X, the
            // governing word's own subject (never the infinitive itself, nor the "it" of "it
            // was an honour to meet", which stands for the infinitive).
            Rel::Csubj if tree.has_child_word(node, &[Rel::Mark], &["to"]) => {
                return tree
                    .children_by(head, &[Rel::Nsubj])
                    .find(|&c| c != node && tree.word(c) != "it");
            }
            _ => return None,
        }
    }
    None
}

pub(super) const RECIPIENT_PREPOSITIONS: &[&str] = &[
    "with", "to", "against", "on", "from", "toward", "towards", "for", "into", "over", "upon",
    "at", "between", "among", "of",
];

/// Whether the subject of `v` is a pair named only by a description: "the two leaders",
/// "both sides", "the pair" — who they are was told before.
pub(super) fn pair_subject(tree: &Tree, v: usize) -> bool {
    let Some(s) = subject(tree, v) else {
        return false;
    };
    if !tree.entities_of(s).is_empty() {
        return false;
    }
    tree.has_child_word(s, &[Rel::Nummod], &["two"])
        || tree.has_child_word(s, &[Rel::Det, Rel::Nmod], &["both"])
        || matches!(tree.word(s), "both" | "pair")
}

/// Whether the subject of `v` stands for several people or a body: a plural noun ("the
/// ministers", "protesters"), "they", a pair ("both sides"), or a noun of a group ("a rights
/// group", "the government"). "I", "he", "it" and things ("the package") are not.
pub(super) fn collective_subject(tree: &Tree, v: usize) -> bool {
    let Some(s) = subject(tree, v) else {
        return false;
    };
    matches!(tree.xpos(s), "NNS" | "NNPS")
        || matches!(tree.word(s).to_lowercase().as_str(), "they" | "both")
        || pair_subject(tree, v)
        || matches!(
            tree.lemma(s),
            "group"
                | "government"
                | "party"
                | "coalition"
                | "alliance"
                | "council"
                | "committee"
                | "parliament"
                | "assembly"
                | "union"
                | "movement"
                | "organization"
                | "organisation"
                | "administration"
                | "ministry"
                | "army"
                | "military"
                | "delegation"
                | "side"
        )
}

pub(super) fn verb_arguments(tree: &Tree, x: &Trigger) -> (Vec<usize>, Vec<usize>) {
    let v = x.token;
    let mut actors = Vec::new();
    let mut recipients = Vec::new();
    let passive = tree
        .children(v)
        .iter()
        .copied()
        .find(|&c| tree.full_rel(c) == Deprel::NSUBJ_PASS);
    // "Israel is opposed to", "Vietnam is committed to": a participle of stance says what
    // its subject does, not what is done to it.
    let stance = passive.is_some()
        && matches!(
            tree.lemma(v),
            "oppose" | "commit" | "determine" | "resolve" | "dedicate" | "prepare"
        )
        && !tree
            .children_by(v, &[Rel::Obl])
            .any(|c| tree.preposition(c).as_deref() == Some("by"));
    if let Some(p) = passive.filter(|_| stance) {
        actors.extend(subject_entities(tree, p));
    } else if let Some(p) = passive {
        recipients.extend(tree.entities_of(p));
        for c in tree.children_by(v, &[Rel::Obl]) {
            if tree.preposition(c).as_deref() == Some("by") {
                actors.extend(tree.entities_of(c));
            }
        }
    } else if let Some(s) = subject(tree, v) {
        actors.extend(subject_entities(tree, s));
    }
    // "X said Y must do Z" (a demand read from a verb of saying): Y is whom it is made of,
    // whatever else the sentence names.
    if x.cameo == "100" && tree.reports(v) {
        let addressee = tree
            .children_by(v, &[Rel::Ccomp])
            .find_map(|c| tree.subject(c))
            .map(|s| tree.entities_of(s))
            .unwrap_or_default();
        if !addressee.is_empty() {
            return (actors, addressee);
        }
    }
    if let Some(p) = &x.target_preposition {
        for c in tree.children_by(v, &[Rel::Obl, Rel::Nmod]) {
            if tree.preposition(c).as_deref() == Some(p.as_str()) {
                recipients.extend(tree.entities_of(c));
            }
        }
    }
    if recipients.is_empty() {
        for c in tree.children_by(v, &[Rel::Obj, Rel::Iobj]) {
            recipients.extend(tree.entities_of(c));
        }
    }
    // "break off relations with Congo", "continue aid to Mozambique": the object's own
    // partner.
    // "rejected calls by Belarus's rulers": whose the object is (its maker), the event is
    // aimed at. "providing photographs and other intelligence to Macedonia", "suspended part
    // of an aid program for Bosnia": through coordinated objects and "part of" phrases.
    if recipients.is_empty() {
        let mut objects: Vec<usize> = Vec::new();
        for o in tree.children_by(v, &[Rel::Obj]) {
            objects.push(o);
            objects.extend(tree.children_by(o, &[Rel::Conj]));
        }
        // (the parser often hangs the second of two objects on the verb)
        if !objects.is_empty() {
            objects.extend(
                tree.children_by(v, &[Rel::Conj])
                    .filter(|&c| matches!(tree.upos(c), "NOUN" | "PROPN")),
            );
        }
        let of_phrases: Vec<usize> = objects
            .iter()
            .flat_map(|&o| tree.children_by(o, &[Rel::Nmod]))
            .filter(|&n| tree.preposition(n).as_deref() == Some("of"))
            .filter(|&n| tree.entities_of(n).is_empty())
            .collect();
        objects.extend(of_phrases);
        for c in objects {
            for n in tree.children_by(c, &[Rel::Nmod]) {
                let prep = tree.preposition(n);
                if prep.as_deref().is_some_and(|p| {
                    matches!(
                        p,
                        "with"
                            | "to"
                            | "against"
                            | "on"
                            | "for"
                            | "from"
                            | "toward"
                            | "towards"
                            | "by"
                            | "between"
                            | "among"
                    )
                }) && !is_where(tree, prep.as_deref(), &tree.entities_of(n))
                {
                    recipients.extend(tree.entities_of(n));
                }
            }
        }
    }
    if recipients.is_empty() {
        for c in tree.children_by(v, &[Rel::Obl]) {
            let prep = tree.preposition(c);
            // No preposition: a bare noun phrase the parser could not place ("visited China
            // four times"), after the verb (one before it, "Georgian President X resigned",
            // is a stray modifier of the subject).
            // "demand reforms by the government": on an active verb, whoever is to act on
            // the object.
            let by_active = passive.is_none()
                && prep.as_deref() == Some("by")
                && tree.child_by(v, &[Rel::Obj]).is_some_and(|o| o < c);
            // (one set off by a comma is no argument: ", a Saudi-owned weekly reports.")
            let set_off = tree
                .children_by(c, &[Rel::Punct])
                .any(|p| p < c && tree.word(p) == ",");
            if (prep.is_none() && c > v && !set_off)
                || by_active
                || prep
                    .as_deref()
                    .is_some_and(|p| RECIPIENT_PREPOSITIONS.contains(&p))
            {
                let found = tree.entities_of(c);
                // "met on Sakhalin Island": a place after "on"/"at" is where, not whom.
                let where_ = is_where(tree, prep.as_deref(), &found);
                if !where_ {
                    recipients.extend(found);
                }
            }
        }
    }
    // "threatened to strike unless Israel rescinded ...": a threat is aimed at whoever must
    // give way.
    if recipients.is_empty() && x.kind == crate::plover::PloverType::Threaten {
        let mut clauses = vec![v];
        clauses.extend(
            tree.children_by(v, &[Rel::Xcomp, Rel::Advcl, Rel::Ccomp])
                .filter(|&c| !tree.has_child_word(c, &[Rel::Mark], &["unless", "if"])),
        );
        let condition = clauses.iter().find_map(|&c| {
            tree.children_by(c, &[Rel::Advcl])
                .find(|&a| tree.has_child_word(a, &[Rel::Mark], &["unless", "if"]))
        });
        if let Some(s) = condition.and_then(|a| tree.subject(a)) {
            recipients.extend(
                tree.entities_of(s)
                    .into_iter()
                    .filter(|r| !actors.contains(r)),
            );
        }
    }
    // "demanded that the minister be replaced": the content's subject is the target.
    if recipients.is_empty() {
        if let Some(c) = tree.child_by(v, &[Rel::Ccomp, Rel::Xcomp]) {
            if let Some(s) = tree
                .children(c)
                .iter()
                .copied()
                .find(|&s| tree.rel(s) == Rel::Nsubj)
            {
                recipients.extend(tree.entities_of(s));
            } else if let Some(o) = tree.child_by(c, &[Rel::Obj]).filter(|_| {
                // (what a cooperation is meant to achieve, "cooperate to encourage refugees
                // to return", does not say whom it is between)
                !matches!(
                    x.kind,
                    PloverType::Cooperate
                        | PloverType::Support
                        | PloverType::Agree
                        | PloverType::Consult
                )
            }) {
                recipients.extend(tree.entities_of(o));
            }
        }
    }
    (actors, recipients)
}

/// Whether entities after a preposition say where rather than whom: "at" a place, "on" an
/// island or a street (but "sanctions on a state" are against it).
pub(super) fn is_where(tree: &Tree, prep: Option<&str>, found: &[usize]) -> bool {
    match prep {
        // "at the White House", "at the UN headquarters": "at" names a place even when the
        // place is an institution.
        Some("at") => found
            .iter()
            .all(|&e| tree.doc.entities[e].kind != tidings_doc::EntityType::Person),
        Some("on") => found.iter().all(|&e| tree.is_subnational_place(e)),
        _ => false,
    }
}

pub(super) fn noun_arguments(tree: &Tree, n: usize) -> (Vec<usize>, Vec<usize>) {
    let mut actors = Vec::new();
    let mut recipients = Vec::new();
    for c in tree.children(n).iter().copied() {
        let rel = tree.full_rel(c);
        if rel == Deprel::NMOD_POSS || rel == Rel::Amod || rel == Rel::Compound {
            actors.extend(tree.entities_of(c));
        } else if tree.rel(c) == Rel::Nmod {
            match tree.preposition(c).as_deref() {
                Some("by") => actors.extend(tree.entities_of(c)),
                // "talks between A and B": both take part.
                Some("between" | "among") => actors.extend(tree.entities_of(c)),
                Some(p) if RECIPIENT_PREPOSITIONS.contains(&p) => {
                    let found = tree.entities_of(c);
                    if !is_where(tree, Some(p), &found) {
                        recipients.extend(found);
                    }
                }
                _ => {}
            }
        }
    }
    // "X held talks with Y", "X imposed sanctions on Y": the light verb's subject acts.
    if actors.is_empty() {
        if let Some(head) = tree.head(n) {
            // (any verb whose object it is, unless the verb only speaks of it: "condemned
            // the withdrawal" is no withdrawal by the condemner)
            // (or of a verb of being somewhere: "troops remained on alert", "workers went on
            // strike", "is on a visit to")
            let on_state = tree.rel(n) == Rel::Obl
                && tree.preposition(n).as_deref() == Some("on")
                && matches!(
                    tree.lemma(head),
                    "be" | "remain" | "stay" | "go" | "keep" | "put" | "place"
                );
            if (tree.rel(n) == Rel::Obj && !cues::talks_about(tree.lemma(head))) || on_state {
                if let Some(s) = subject(tree, head) {
                    actors.extend(tree.entities_of(s));
                }
                for c in tree.children_by(head, &[Rel::Obl]) {
                    if tree
                        .preposition(c)
                        .as_deref()
                        .is_some_and(|p| RECIPIENT_PREPOSITIONS.contains(&p) && p != "at")
                    {
                        recipients.extend(tree.entities_of(c));
                    }
                }
            }
        }
    }
    (actors, recipients)
}

pub(super) const LOCATIVE: &[&str] = &["in", "at", "on", "near", "inside", "outside", "across"];

/// Where the event happens, as [`location`] finds it.
pub(super) struct Site {
    /// The place: a place after a locative preposition on the path, or for a visit, where it
    /// goes; else a body or building named after one.
    pub place: Option<usize>,
    /// A body or building named after a locative preposition that gave way to a place named
    /// as well ("struck at the German Consulate in the city of X"): the one it happened to.
    pub body: Option<usize>,
}

/// The place the event happens: a place after a locative preposition on the path, or for a
/// visit, where it goes.
pub(super) fn location(tree: &Tree, path: &[usize], visit: bool) -> Site {
    let mut found = None;
    // "struck at the German Consulate in the northern hub of Mazar-i-Sharif": a body or a
    // building named with a locative preposition is where only when no place is named.
    let mut named_site = None;
    for &node in path {
        for c in tree.children_by(node, &[Rel::Obl, Rel::Nmod, Rel::Obj]) {
            let prep = tree.preposition(c);
            let ok = match prep.as_deref() {
                Some(p) => LOCATIVE.contains(&p) || (visit && p == "to"),
                None => visit && tree.rel(c) == Rel::Obj,
            };
            if !ok {
                continue;
            }
            // "in the northern city of Kirkuk": the place the common noun names.
            let place = tree.entity(c).or_else(|| {
                tree.children_by(c, &[Rel::Nmod])
                    .find(|&n| tree.preposition(n).as_deref() == Some("of"))
                    .and_then(|n| tree.entity(n))
                    .filter(|&e| tree.is_place(e))
            });
            if let Some(e) = place {
                // "on Sakhalin Island" is where; "sanctions on Syria" is against whom.
                let on_a_state = prep.as_deref() == Some("on") && !tree.is_subnational_place(e);
                if tree.is_place(e) && !on_a_state {
                    return Site {
                        place: Some(e),
                        body: named_site,
                    };
                }
                if prep.is_some() && !on_a_state && named_site.is_none() {
                    named_site = Some(e);
                }
            }
            // "rioted at a jail in northern Israel": the place the locative phrase lies in.
            if ok && prep.is_some() && found.is_none() {
                found = place_of_phrase(tree, c);
            }
        }
        // "lifted a state of emergency in West Darfur", "evacuate settlements in the Gaza
        // Strip": what the event acts on lies where it happens.
        if found.is_none() {
            found = tree
                .children_by(node, &[Rel::Obj])
                .find_map(|o| place_of_phrase(tree, o));
        }
    }
    Site {
        place: found.or(named_site),
        body: found.and(named_site),
    }
}

/// A place named by a locative phrase on the noun `n` ("settlements in the Gaza Strip"),
/// else on the phrase's own noun one level down ("a state of emergency in Darfur").
fn place_of_phrase(tree: &Tree, n: usize) -> Option<usize> {
    let here = |n: usize| {
        tree.children_by(n, &[Rel::Nmod]).find_map(|c| {
            let prep = tree.preposition(c)?;
            if !matches!(prep.as_ref(), "in" | "near" | "inside" | "across") {
                return None;
            }
            // ("in West Darfur State": the place may be a modifier of the phrase's head; as
            // on the clause, whatever "in" names is taken for a place but a person)
            tree.entities_of(c)
                .into_iter()
                .find(|&e| tree.doc.entities[e].kind != tidings_doc::EntityType::Person)
        })
    };
    // ("power lines leading into Kabul", "positions held in the south": a participle on the
    // noun that says where it is)
    let placed = |n: usize| {
        tree.children_by(n, &[Rel::Acl])
            .filter(|&a| matches!(tree.xpos(a), "VBG" | "VBN"))
            .flat_map(|a| tree.children_by(a, &[Rel::Obl]))
            .filter(|&c| {
                tree.preposition(c)
                    .is_some_and(|p| matches!(p.as_ref(), "in" | "into" | "near" | "inside"))
            })
            .find_map(|c| tree.entity(c).filter(|&e| tree.is_place(e)))
    };
    here(n).or_else(|| placed(n)).or_else(|| {
        tree.children_by(n, &[Rel::Nmod])
            .filter(|&c| tree.preposition(c).as_deref() == Some("of"))
            .find_map(here)
    })
}

/// Verbs of sending people somewhere to do something.
pub(super) fn is_sending(lemma: &str) -> bool {
    matches!(lemma, "send" | "dispatch")
}

/// Where the people are sent, for an event in the purpose of a sending ("sent monitors to
/// Bosnia to observe", "dispatched inspectors to a plant in Iran to monitor"): the place or
/// country the destination names.
pub(super) fn sent_to(tree: &Tree, t: usize) -> Option<usize> {
    let to = |n: usize| tree.has_child_word(n, &[Rel::Mark], &["to"]);
    let sender = match tree.rel(t) {
        Rel::Advcl | Rel::Xcomp if to(t) => tree.head(t),
        // (an infinitive hung on the object: "dispatched inspectors ... to monitor")
        Rel::Acl if to(t) => tree
            .head(t)
            .filter(|&o| tree.rel(o) == Rel::Obj)
            .and_then(|o| tree.head(o)),
        _ => None,
    }
    .filter(|&v| is_sending(tree.lemma(v)))?;
    // (on the verb, or on what is sent: "inspectors to a plant in Iran")
    let sent = tree
        .children_by(sender, &[Rel::Obj])
        .flat_map(|o| tree.children_by(o, &[Rel::Nmod]));
    tree.children_by(sender, &[Rel::Obl])
        .chain(sent)
        .filter(|&c| matches!(tree.preposition(c).as_deref(), Some("to" | "into")))
        .find_map(|c| {
            let e = tree.entity(c).filter(|&e| {
                let entity = &tree.doc.entities[e];
                entity.country.is_some() || entity.code.is_some()
            });
            e.or_else(|| place_of_phrase(tree, c))
        })
}
