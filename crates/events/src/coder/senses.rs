//! Senses of verbs that the verb dictionary codes alike: CAMEO.2.0 has one block per verb, so
//! "leave" is travel whether one leaves a city or the EU, "blow up" destroys property whether
//! a bridge or oneself, "fire" shoots whether at a convoy or an employee, and "call" is a
//! telephone call whether one calls a minister or calls in air support. Each test here reads
//! the verb's object (or particle) to tell the sense the sentence uses.

use super::relation::{Deprel, Rel};
use super::tree::Tree;
use crate::nominal::NominalLexicon;
use tidings_doc::EntityType;

/// Whether verb `t` is leaving ("leave", "quit", "exit") an international organization named
/// as its object: an entity coded IGO ("the European Union", "OPEC"), not a place or a meeting
/// of it ("left the EU summit": the object is the summit).
/// (One object only: "left the European Union summit" is often parsed as two.)
pub(super) fn leaves_organization(tree: &Tree, t: usize) -> bool {
    let mut objects = tree.children_by(t, &[Rel::Obj]);
    let (Some(object), None) = (objects.next(), objects.next()) else {
        return false;
    };
    matches!(tree.lemma(t), "leave" | "quit" | "exit")
        && tree.entity(object).is_some_and(|e| {
            tree.doc.entities[e]
                .code
                .as_deref()
                .is_some_and(|c| c.starts_with("IGO"))
        })
}

/// Whether verb `t` is "fire" with a person for its object and nothing shot at ("fire us",
/// "fired the minister"; not "fired on protesters" or "fired at the convoy").
pub(super) fn dismisses(tree: &Tree, t: usize) -> bool {
    let person = |o: usize| {
        matches!(tree.word(o), "me" | "us" | "him" | "her" | "them" | "you")
            || tree
                .entity(o)
                .is_some_and(|e| tree.doc.entities[e].kind == EntityType::Person)
            || matches!(
                tree.lemma(o),
                "employee"
                    | "worker"
                    | "staff"
                    | "manager"
                    | "coach"
                    | "minister"
                    | "director"
                    | "executive"
                    | "official"
                    | "chief"
                    | "editor"
                    | "teacher"
            )
    };
    tree.lemma(t) == "fire"
        && tree.children_by(t, &[Rel::Obj]).any(person)
        && !tree.children_by(t, &[Rel::Obl]).any(|o| {
            matches!(
                tree.preposition(o).as_deref(),
                Some("at" | "on" | "upon" | "against" | "toward" | "towards" | "into")
            )
        })
}

/// Whether verb `t` is "blow oneself up" ("blew himself up", "blow themselves up").
pub(super) fn blows_self_up(tree: &Tree, t: usize) -> bool {
    tree.lemma(t) == "blow"
        && tree
            .children_by(t, &[Rel::Compound])
            .any(|p| tree.full_rel(p) == Deprel::COMPOUND_PRT && tree.word(p) == "up")
        && tree.children_by(t, &[Rel::Obj]).any(|o| {
            matches!(
                tree.word(o),
                "himself" | "herself" | "themselves" | "itself"
            )
        })
}

/// The code of "call in", which is no telephone call: calling in military help is an appeal
/// for military aid (CAMEO 0232: "called in air support", "reinforcements"), calling in the
/// police one for protection (0234), calling in an ambassador a formal protest (111, as
/// `data/events/verbs.txt` codes summoning one), and calling anyone else in (the particle
/// "in") summoning them, which CAMEO.2.0 codes as a meeting (its SUMMON, 040).
/// (The parser often reads "called in air support" as a phrase with the preposition "in";
/// `Tree::repair_particle` makes "in" the particle again.)
pub(super) fn call_in_code(tree: &Tree, t: usize) -> Option<&'static str> {
    if tree.lemma(t) != "call" {
        return None;
    }
    let help = |n: usize| match tree.lemma(n) {
        "support" | "reinforcement" | "troop" | "army" | "backup" | "airstrike" | "helicopter"
        | "aircraft" | "jet" | "artillery" => Some("0232"),
        "police" | "guard" => Some("0234"),
        // (as the project's SUMMON_NEWS block codes summoning them: a formal protest)
        "ambassador" | "envoy" | "diplomat" | "attache" => Some("111"),
        _ => None,
    };
    let particle_in = tree
        .children_by(t, &[Rel::Compound])
        .any(|p| tree.full_rel(p) == Deprel::COMPOUND_PRT && tree.word(p) == "in");
    if !particle_in {
        return None;
    }
    let object = tree.child_by(t, &[Rel::Obj])?;
    Some(help(object).unwrap_or("040"))
}

/// Verbs of leading, which CAMEO.2.0 files with managing and overseeing (060) whatever is led.
fn leads(tree: &Tree, t: usize) -> bool {
    matches!(tree.lemma(t), "lead" | "head" | "spearhead")
}

/// What verb `t` of leading leads: its object, or in the passive its subject ("the talks were
/// led by Norway"), or the noun a participle of it describes ("the coalition led by ...").
fn led(tree: &Tree, t: usize) -> Option<usize> {
    if let Some(o) = tree.child_by(t, &[Rel::Obj]) {
        return Some(o);
    }
    let passive = tree
        .children(t)
        .iter()
        .copied()
        .find(|&c| tree.full_rel(c) == Deprel::NSUBJ_PASS);
    passive.or_else(|| {
        (tree.rel(t) == Rel::Acl && tree.xpos(t) == "VBN")
            .then(|| tree.head(t))
            .flatten()
    })
}

/// The code of the event a verb of leading leads ("led the talks", "headed the protest",
/// "spearheaded the offensive"): leading an event is taking part in it, so the event is the
/// led event's own (a nominal event noun's code), done by the leader, not CAMEO.2.0's
/// managing (060) nor one of its patterns for "lead" ("lead * ATTACK" 113).
pub(super) fn led_event_code<'n>(
    tree: &Tree,
    t: usize,
    nominals: &'n NominalLexicon,
) -> Option<&'n str> {
    if !leads(tree, t) {
        return None;
    }
    let event = led(tree, t)?;
    let compound = tree
        .child_by(event, &[Rel::Compound])
        .map(|c| format!("{} {}", tree.word(c), tree.lemma(event)));
    compound
        .as_deref()
        .and_then(|c| nominals.for_noun(c))
        .or_else(|| nominals.for_noun(tree.lemma(event)))
        .map(|n| n.code.as_str())
}

/// Whether verb `t` is leading or heading a body in the passive or as a participle ("the
/// mission is headed by a general", "the coalition led by Saudi Arabia"): like the active
/// "leads the mission" (LEAD_ROLE in `data/events/verbs.txt`), holding a role, no happening.
/// (What the passive leads is its subject, which the verb's patterns, read after the verb,
/// never see.) A led event is `led_event_code`'s: ask that first.
pub(super) fn leads_body_passively(tree: &Tree, t: usize) -> bool {
    leads(tree, t) && tree.child_by(t, &[Rel::Obj]).is_none() && led(tree, t).is_some()
}
