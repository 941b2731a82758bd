//! Which of a sentence's event words report an event of their own: a word may only set the
//! scene for another event ("after days of fighting", "weapons seized last year") or be
//! another event's content ("agreed to cooperate", "imposed sanctions").

use super::cues;
use super::mention::Trigger;
use super::relation::{Deprel, Rel};
use super::tree::Tree;
use crate::plover::PloverType;

/// Prepositions that set an event noun in the background of the sentence's event: "after
/// days of fighting", "following the invasions", "amid the unrest".
const BACKGROUND: &[&str] = &["after", "following", "since", "before", "amid", "despite"];

/// Whether trigger `x` only sets the scene for another of the sentence's events (`others`):
/// - a verb in a purpose or participle clause of an event ("began a strike to demand",
///   "opened fire, killing one");
/// - a participle or relative clause on a noun ("weapons seized last year", "the faction
///   that controls the capital"), which describes a party rather than reporting an event,
///   and an event noun that is the object of such a participle ("refugees fleeing the war");
/// - an infinitive on a noun that another event takes as argument ("cancel plans to sell");
/// - a verb coordinated with any of these ("a presence to protect them and prevent a war");
/// - an event noun that modifies another noun ("the eve of a visit", "a ally in the war")
///   or dates the event ("after days of fighting").
pub(super) fn is_circumstance(
    tree: &Tree,
    x: &Trigger,
    others: &[usize],
    kind_of: impl Fn(usize) -> Option<PloverType>,
) -> bool {
    // The nearest event above `x` (above the first of coordinated verbs).
    let mut first = x.token;
    while let Some(h) = tree.head(first).filter(|_| tree.rel(first) == Rel::Conj) {
        first = h;
    }
    let mut node = tree.head(first);
    let mut kind_above = None;
    while let Some(n) = node {
        if let Some(k) = kind_of(n) {
            kind_above = Some(k);
            break;
        }
        node = tree.head(n);
    }
    let mut node = tree.head(first);
    let mut within_request = false;
    while let Some(n) = node {
        within_request |= kind_of(n) == Some(PloverType::Request);
        node = tree.head(n);
    }
    let above = Above {
        // "the blackmail in the negotiations" tells of two things, "wounded in an attack by
        // rebels" of one.
        other_kind: kind_above.is_some_and(|k| k != x.kind),
        // ("rejected an invitation to attend": what a refusal turns down has not happened
        // either)
        request: matches!(kind_above, Some(PloverType::Request | PloverType::Reject)),
        within_request,
    };
    // "threatened to strike unless Israel rescinded the annexation", "will withdraw unless
    // the president arranges a ceasefire": what a threat demands has not happened; it is
    // part of the threat.
    let threat_condition = || {
        let mut node = x.token;
        let mut in_condition = false;
        let mut unless = false;
        while let Some(head) = tree.head(node) {
            in_condition |= tree.has_child_word(node, &[Rel::Mark], &["unless", "if"]);
            unless |= tree.has_child_word(node, &[Rel::Mark], &["unless"]);
            // (the threat may be above the threatened act: "threatened to hold a strike
            // unless ..."; "will boycott the elections unless the president agrees to step
            // down" is a threat too, whatever the coder calls it yet)
            if in_condition && kind_of(head) == Some(PloverType::Threaten)
                || unless && kind_of(head).is_some()
            {
                return true;
            }
            node = head;
        }
        false
    };
    // "refused to meet him, saying he would only welcome him in Jerusalem", "rejected the
    // proposal, urging them to sign another": an event word inside a participle clause that
    // names no event itself sets the scene too. (A purpose clause, "travelled to hold
    // talks", still tells what the travel is for; a clause of time or cause, "as the FBI
    // announced that it had found no evidence", often carries the news.)
    let in_scene_clause = || {
        let mut node = x.token;
        while let Some(head) = tree.head(node) {
            if kind_of(head).is_some() {
                return false;
            }
            node = head;
            let participle = matches!(tree.xpos(node), "VBG" | "VBN")
                && tree
                    .child_by(node, &[Rel::Mark, Rel::Aux, Rel::Nsubj])
                    .is_none();
            // (also a participle describing a party: "rebels trying to broker a pact")
            if matches!(tree.rel(node), Rel::Advcl | Rel::Acl)
                && tree.upos(node) == "VERB"
                && participle
                && circumstance_at(tree, node, true, others, &above)
            {
                return true;
            }
        }
        false
    };
    threat_condition()
        || circumstance_at(tree, x.token, x.verbal, others, &above)
        || in_scene_clause()
}

/// What the nearest event above a trigger is.
struct Above {
    /// Of another kind than the trigger.
    other_kind: bool,
    /// A request: what it asks for has not happened.
    request: bool,
    /// Some event above is a request.
    within_request: bool,
}

fn circumstance_at(tree: &Tree, t: usize, verbal: bool, others: &[usize], above: &Above) -> bool {
    // "a presence to protect them ... and prevent a war": a verb coordinated with a scene-
    // setting clause sets the scene too.
    if verbal && tree.rel(t) == Rel::Conj {
        if let Some(first) = tree.head(t).filter(|&h| tree.upos(h) == "VERB") {
            if circumstance_at(tree, first, true, others, above) {
                return true;
            }
        }
    }
    // "a treaty of friendship and cooperation": a noun coordinated with a scene-setting
    // noun sets the scene too.
    if !verbal && tree.rel(t) == Rel::Conj {
        if let Some(first) = tree.head(t).filter(|&h| tree.upos(h) == "NOUN") {
            if !others.contains(&first) && circumstance_at(tree, first, false, others, above) {
                return true;
            }
        }
    }
    let elsewhere = || others.iter().any(|&o| o != t && !tree.dominates(t, o));
    let under_event = || {
        let mut node = tree.head(t);
        while let Some(n) = node {
            // (or a light verb's event noun: "began a strike to demand ...", "remained on
            // alert to forestall ...")
            if others.contains(&n)
                || tree
                    .children_by(n, &[Rel::Obj, Rel::Obl])
                    .any(|o| others.contains(&o))
            {
                return true;
            }
            node = tree.head(n);
        }
        false
    };
    match tree.rel(t) {
        // (a clause of condition, "if Iran attacks", is an event of its own, with its own
        // status)
        Rel::Advcl if verbal => {
            let purpose = tree.has_child_word(t, &[Rel::Mark], &["to"]);
            let participle = matches!(tree.xpos(t), "VBG" | "VBN")
                && tree
                    .child_by(t, &[Rel::Mark, Rel::Aux, Rel::Nsubj])
                    .is_none();
            // "as he embarked on a trip", "when Idi Amin expelled them", "after he was
            // implicated": a clause that dates or explains the sentence's event.
            let background = tree.children_by(t, &[Rel::Mark]).any(|m| {
                BACKGROUND.contains(&tree.word(m))
                    || matches!(tree.word(m), "as" | "when" | "while" | "because" | "for")
            });
            (purpose || participle || background) && under_event()
        }
        Rel::Acl if verbal => {
            let noun = tree.head(t).filter(|&h| !others.contains(&h));
            if tree.has_child_word(t, &[Rel::Mark], &["to"]) {
                // "demanded that the US cancel plans to sell weapons", "demanding a presence
                // to protect them": an infinitive on a noun inside what a request asks for
                // has not happened ("blamed it on the decision to leave the EU" tells of a
                // decision).
                noun.is_some_and(|n| matches!(tree.rel(n), Rel::Obj | Rel::Obl | Rel::Nmod))
                    && above.request
            } else {
                noun.is_some() && elsewhere()
            }
        }
        // (a noun with a clause of its own is told for itself: "the sanctions he seeks to
        // impose")
        _ if !verbal && tree.child_by(t, &[Rel::Acl]).is_some() => false,
        // "refugees fleeing the civil war": the object of a participle that describes a
        // party describes it too.
        Rel::Obj if !verbal => {
            // "blocked a road to show their disapproval": what a purpose clause with no event
            // of its own names is the purpose of the event above.
            // ("to prepare a visit" plans the visit: it is an event still to come)
            let purpose = tree.head(t).is_some_and(|v| {
                is_purpose_clause(tree, v) && !cues::is_status_only(tree.lemma(v))
            }) && tree.head(t).is_some_and(|v| !others.contains(&v))
                && under_event();
            purpose
                || tree.head(t).is_some_and(|v| {
                    tree.rel(v) == Rel::Acl
                        && !others.contains(&v)
                        && matches!(tree.xpos(v), "VBG" | "VBN")
                        && tree.head(v).is_some_and(|n| !others.contains(&n))
                }) && elsewhere()
        }
        // ("a round of talks" is the talks; "no agreement at the talks" tells of both)
        Rel::Nmod if !verbal => {
            tree.head(t).is_some_and(|h| {
                !others.contains(&h) && !matches!(tree.lemma(h), "round" | "series")
            }) && elsewhere()
        }
        // "lifted the state of emergency imposed after tribal clashes there" (parsed as a
        // clause "after clashes there"): the subject of a clause that dates the event.
        // "the first deployment of NATO troops has arrived in Bosnia": an event noun that
        // is the subject of another event names who does it.
        Rel::Nsubj if !verbal && tree.head(t).is_some_and(|h| others.contains(&h)) => true,
        // (the same as the agent of a passive: "indicted by the U.N. war crimes court",
        // parsed with "war" for the agent)
        Rel::Obl
            if !verbal
                && tree.full_rel(t) == Deprel::OBL_AGENT
                && tree.head(t).is_some_and(|h| others.contains(&h)) =>
        {
            true
        }
        Rel::Nsubj if !verbal => {
            tree.head(t).is_some_and(|h| {
                tree.rel(h) == Rel::Advcl
                    && !others.contains(&h)
                    && tree
                        .children_by(h, &[Rel::Mark])
                        .any(|m| BACKGROUND.contains(&tree.word(m)))
            }) && elsewhere()
        }
        // "must allocate resources to help with the battle against the crisis": a noun
        // inside what a request asks for (beyond its object, which is its content) has not
        // happened; it is part of the request.
        Rel::Obl if !verbal && above.within_request && under_event() && elsewhere() => true,
        Rel::Obl if !verbal => {
            tree.preposition(t).is_some_and(|p| {
                BACKGROUND.contains(&p.as_ref())
                    // "restoring the blackmail in the negotiations", "cleared him of all
                    // charges in the trial": the setting of another kind of event
                    || (p == "in" && under_event() && above.other_kind)
            }) && elsewhere()
        }
        _ => false,
    }
}

/// The trigger whose content `x` is, if any: reached upwards through complements only
/// ("promised to continue military aid": the aid is the promise's content).
pub(super) fn owner(
    tree: &Tree,
    x: &Trigger,
    kind_of: impl Fn(usize) -> Option<PloverType>,
) -> Option<usize> {
    let is_trigger = |t: usize| kind_of(t).is_some();
    let mut node = x.token;
    if !x.verbal {
        // A noun is content as the object of a verb ("imposed sanctions"), or as a phrase of a
        // verb of the same kind ("travel ... for talks"); but what one condemns, praises or
        // denies ("condemned the shelling") and where something else happens ("arrested
        // people at the protest") are events of their own.
        let mut head = tree.head(node)?;
        // "suspended part of a military aid program": what a part of is the object.
        if tree.rel(node) == Rel::Nmod
            && tree.preposition(node).as_deref() == Some("of")
            && matches!(
                tree.lemma(head),
                "part" | "portion" | "some" | "most" | "all" | "half" | "rest" | "bulk"
            )
            && tree.rel(head) == Rel::Obj
        {
            node = head;
            head = tree.head(node)?;
        }
        let content = match tree.rel(node) {
            // ("warned that police will no longer tolerate rallies", parsed with the noun
            // heading the clause: what is warned of)
            Rel::Obj | Rel::Ccomp => true,
            // "agreed to US mediation", "opposed to French mediation", "reneged on his
            // commitment", "called for sanctions": what one takes a stand on.
            Rel::Obl => {
                let prep = tree.preposition(node);
                kind_of(head).is_none_or(|k| {
                    k == x.kind
                        || matches!(prep.as_deref(), Some("to" | "on"))
                        || (k == PloverType::Request && prep.as_deref() == Some("for"))
                        // "called for sanctions against X": what a call asks for
                        || (prep.as_deref() == Some("for")
                            && matches!(tree.lemma(head), "call" | "urge" | "appeal"))
                })
            }
            _ => false,
        };
        if !content {
            return None;
        }
        if is_trigger(head) {
            return (!cues::talks_about(tree.lemma(head))).then_some(head);
        }
        node = head;
    }
    while let Some(head) = tree.head(node) {
        // "promised to democratize the country and establish the rule of law": a verb
        // coordinated with a content is content too.
        if tree.rel(node) == Rel::Conj
            && tree.upos(head) == "VERB"
            && matches!(tree.rel(head), Rel::Xcomp | Rel::Ccomp)
        {
            node = head;
            continue;
        }
        // "its demands that the government grant ...": a clause on an event noun is its
        // content too.
        let on_event_noun =
            tree.rel(node) == Rel::Acl && tree.upos(head) == "NOUN" && is_trigger(head);
        // "agreed on Monday to impose sanctions": the parser often hangs what is promised as
        // a purpose clause.
        let promised = tree.rel(node) == Rel::Advcl
            && tree.has_child_word(node, &[Rel::Mark], &["to"])
            && cues::is_promise(tree.lemma(head));
        if !matches!(tree.rel(node), Rel::Xcomp | Rel::Ccomp) && !on_event_noun && !promised {
            return None;
        }
        if is_trigger(head) {
            return Some(head);
        }
        node = head;
    }
    None
}

/// Whether verb `v` heads a purpose clause: an infinitive on the verb ("blocked a road to
/// show ..."), or one the parser hung on the verb's object.
pub(super) fn is_purpose_clause(tree: &Tree, v: usize) -> bool {
    let to = tree.has_child_word(v, &[Rel::Mark], &["to"]);
    let on_object =
        tree.rel(v) == Rel::Acl && tree.head(v).is_some_and(|o| tree.rel(o) == Rel::Obj);
    to && (tree.rel(v) == Rel::Advcl || on_object)
}

/// Natural disasters: nobody's act, whatever they destroy or kill.
const DISASTERS: &[&str] = &[
    "earthquake",
    "quake",
    "storm",
    "hurricane",
    "typhoon",
    "cyclone",
    "tornado",
    "flood",
    "flooding",
    "landslide",
    "mudslide",
    "tsunami",
    "wildfire",
    "avalanche",
    "drought",
];

/// What makes an explosion or a fire an accident ("a gas explosion", "two accidental blasts",
/// "an electrical fire"). (Not "mine" or "pipeline": mines and pipelines are also blown up on
/// purpose.)
const ACCIDENTAL: &[&str] = &[
    "gas",
    "accidental",
    "boiler",
    "industrial",
    "factory",
    "electrical",
];

/// Whether word `n` names a mishap rather than anyone's act: a natural disaster, an explosion
/// or fire marked as an accident, or a verb done "accidentally" ("the device detonated
/// accidentally"). Event data codes what people do to each other; an accident names no one
/// who acted.
pub(super) fn is_mishap(tree: &Tree, n: usize) -> bool {
    let lemma = tree.lemma(n);
    // (nouns only: "stormed the building" is an assault)
    (DISASTERS.contains(&lemma) && matches!(tree.upos(n), "NOUN" | "PROPN"))
        || (is_blast(lemma)
            && tree
                .children_by(n, &[Rel::Compound, Rel::Amod])
                .any(|c| ACCIDENTAL.contains(&tree.lemma(c))))
        || tree
            .children_by(n, &[Rel::Advmod])
            .any(|c| tree.word(c) == "accidentally")
}

/// An explosion or fire, a mishap when marked as an accident ("a gas explosion").
fn is_blast(lemma: &str) -> bool {
    matches!(lemma, "explosion" | "blast" | "fire" | "blaze" | "leak")
}

/// Whether some word of the sentence is one that [`is_mishap`] cannot be true without: a
/// disaster, an explosion or fire, or "accidentally".
fn may_name_mishap(tree: &Tree) -> bool {
    tree.tokens.clone().any(|t| {
        let lemma = tree.lemma(t);
        DISASTERS.contains(&lemma) || is_blast(lemma) || tree.word(t) == "accidentally"
    })
}

/// Whether word `t` tells of a mishap or of what a mishap did: `t` is one, or its subject or
/// its oblique with "in" or "by" is ("an earthquake destroyed", "killed in an accidental
/// explosion"; not "aid to flood-hit Pakistan", which a tokenizer may split), or it hangs on
/// one or on a verb a mishap did ("the device detonated accidentally, killing three", and
/// "an earthquake destroyed ..." when parsed as a clause on "earthquake").
pub(super) fn tells_of_mishap(tree: &Tree, t: usize) -> bool {
    // (asked of every verb and noun: a sentence without a word that [`is_mishap`] needs, most
    // sentences, is answered once)
    if !tree.may_name_mishap.get_or_init(|| may_name_mishap(tree)) {
        return false;
    }
    let caused = |v: usize| {
        is_mishap(tree, v)
            || tree
                .children_by(v, &[Rel::Nsubj])
                .any(|c| is_mishap(tree, c))
            || tree.children_by(v, &[Rel::Obl]).any(|c| {
                matches!(tree.preposition(c).as_deref(), Some("in" | "by")) && is_mishap(tree, c)
            })
    };
    caused(t) || (matches!(tree.rel(t), Rel::Advcl | Rel::Acl) && tree.head(t).is_some_and(caused))
}
