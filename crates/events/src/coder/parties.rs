//! Parties without a country of their own. Event data codes every party by country; an
//! agent the sentence names only by what it is ("demonstrators", "students", "Karen
//! guerrillas") or an inanimate cause ("a roadside bombing") has none, and CAMEO coders
//! (PETRARCH's convention) give it the country of its context: a place it is tied to in the
//! sentence, else the country where the event happens, else, facing a state body, that
//! body's country ("police dispersed demonstrators": the demonstrators are of the police's
//! country).
//!
//! A record's parties are entities, so the country is given by an entity that stands for it:
//! the place, or a name of the country (its demonym, "Egyptian", or the country itself). A
//! party the rules cannot place stays as it was.

use super::arguments::{sent_to, subject};
use super::mention::Mention;
use super::relation::{Deprel, Rel};
use super::tree::Tree;
use crate::plover::PloverType;
use tidings_doc::EntityType;

/// People named by what they are or do, who belong to no country by their name.
const COUNTRYLESS_AGENTS: &[&str] = &[
    "demonstrator",
    "protester",
    "protestor",
    "student",
    "rebel",
    "guerrilla",
    "guerilla",
    "insurgent",
    "militant",
    "separatist",
    "gunman",
    "fighter",
    "worker",
    "striker",
    "prisoner",
    "detainee",
    "inmate",
    "landowner",
    "farmer",
    "peasant",
    "inhabitant",
    "resident",
    "villager",
    "civilian",
    "youth",
    "opposition",
    "dissident",
    "activist",
    "journalist",
    "refugee",
    "crowd",
    "mob",
    "tribesman",
    "miner",
];

/// Things that kill or destroy without a named hand: the perpetrators are unknown, and event
/// data codes them by where it happened.
const INANIMATE_CAUSES: &[&str] = &[
    "bomb",
    "bombing",
    "explosion",
    "blast",
    "mine",
    "landmine",
    "shelling",
    "shell",
    "rocket",
    "mortar",
    "missile",
    "grenade",
    "ambush",
    "attack",
    "explosive",
];

/// Gatherings whose participants a verb acting on them acts on ("broke up a rally").
const GATHERINGS: &[&str] = &[
    "demonstration",
    "protest",
    "rally",
    "march",
    "strike",
    "sit-in",
    "riot",
    "gathering",
];

/// Sectors of a state body (and a country's own name, which stands for its state).
const STATE_SECTORS: &[&str] = &["GOV", "MIL", "COP", "JUD", "SPY", "LEG"];

/// The last word on the parties of a sentence's mentions, once every other reading had its
/// say: parties without a country of their own, victims told as "others", and the parties
/// that a resignation, a protest, a refusal or a sending imply.
pub(super) fn settle(tree: &Tree, out: &mut [Mention]) {
    // "police dispersed demonstrators", "a bombing near Samarra killed ...": parties with no
    // country of their own take their context's (after every other reading had its say).
    for m in out.iter_mut() {
        place_countryless(tree, m);
    }
    // "killed one soldier and wounded two others": the others are more of the same people.
    for i in 0..out.len() {
        let t = out[i].trigger;
        let others = out[i].recipients.is_empty()
            && tree.rel(t) == Rel::Conj
            && tree
                .child_by(t, &[Rel::Obj])
                .is_some_and(|o| matches!(tree.word(o), "others" | "more"));
        let first = tree
            .head(t)
            .and_then(|h| out.iter().find(|m| m.trigger == h && m.kind == out[i].kind));
        if let Some(first) = first.filter(|_| others) {
            let (actors, recipients) = (first.actors.clone(), first.recipients.clone());
            out[i].borrow_parties(&actors, &recipients);
        }
    }
    for m in out.iter_mut() {
        // A resignation concerns no place, whatever clause lent it one.
        if m.mode.as_deref() == Some("resign") {
            m.recipients.retain(|&r| !tree.is_place(r));
        }
        aim_protest_at_home(tree, m);
        aim_refusal(tree, m);
        // "dispatched inspectors to a plant in central Iran to monitor ...": the purpose of
        // a sending concerns where the people are sent.
        if m.recipients.is_empty() {
            if let Some(d) = sent_to(tree, m.trigger) {
                if !m.actors.contains(&d) {
                    m.recipients.push(d);
                }
            }
        }
    }
}

/// Fills the parties of one mention that the sentence names without a country.
pub(super) fn place_countryless(tree: &Tree, m: &mut Mention) {
    let (actors, recipients, location) = (&mut m.actors, &mut m.recipients, m.location);
    // One phrase is one party: "Druze inhabitants of the Golan Heights" is the people of
    // the place, not also a second, uncoded party.
    drop_uncoded_beside_coded(tree, actors);
    drop_uncoded_beside_coded(tree, recipients);
    let (actor_token, recipient_token) = argument_tokens(tree, m.trigger, m.verbal);
    let actor_cause = actor_token
        .filter(|_| m.kind == PloverType::Assault)
        .and_then(|t| cause(tree, t));
    let actor_open = actor_token.is_some_and(|t| countryless(tree, t, actors));
    let recipient_open = recipient_token.is_some_and(|t| countryless(tree, t, recipients));
    if let Some(cause) = actor_cause.filter(|_| uncoded(tree, actors)) {
        // Unknown perpetrators: where the cause was, else where the event happened.
        if let Some(p) = tied_place(tree, cause).or(location.filter(|&l| has_country(tree, l))) {
            *actors = vec![p];
        }
    } else if actor_open {
        if let Some(p) = context_country(tree, actor_token, location, recipients) {
            // ("prisoners rioted at a jail in Dili": the place taken for whom the event
            // concerns, for want of anyone named, is where the rioters are)
            let named = recipient_token.is_some_and(|r| tree.entities_of(r).contains(&p));
            if location == Some(p) && recipients[..] == [p] && !named {
                recipients.clear();
            }
            if !recipients.contains(&p) {
                *actors = vec![p];
            }
        }
    }
    if recipient_open {
        // (a party is never its own counterpart: the record keeps the one it has)
        if let Some(p) = context_country(tree, recipient_token, location, actors) {
            if !actors.contains(&p) {
                *recipients = vec![p];
            }
        }
    }
}

/// The tokens heading the actor and the recipient phrase of a verb (or of an event noun a
/// light verb carries: "began a strike").
fn argument_tokens(tree: &Tree, v: usize, verbal: bool) -> (Option<usize>, Option<usize>) {
    if !verbal {
        let carried = tree.rel(v) == Rel::Obj;
        let actor = tree
            .head(v)
            .filter(|_| carried)
            .and_then(|h| subject(tree, h));
        return (actor, None);
    }
    let passive = tree
        .children(v)
        .iter()
        .copied()
        .find(|&c| tree.full_rel(c) == Deprel::NSUBJ_PASS);
    match passive {
        Some(p) => {
            // "was killed by a bomb" (as in PETRARCH, "killed in a car bomb explosion" names
            // no actor).
            let agent = tree
                .children_by(v, &[Rel::Obl])
                .find(|&c| tree.preposition(c).as_deref() == Some("by"));
            (agent, Some(p))
        }
        None => {
            let object = tree
                .child_by(v, &[Rel::Obj])
                .map(|o| partner(tree, participants(tree, o)));
            (subject(tree, v), object)
        }
    }
}

/// The inanimate cause a subject names: its head ("a minefield explosion"), or a participle
/// on it the parser split off ("a roadside bombing" read as "roadside" with "bombing").
fn cause(tree: &Tree, t: usize) -> Option<usize> {
    let is_cause = |t: usize| {
        INANIMATE_CAUSES.contains(&tree.lemma(t)) || INANIMATE_CAUSES.contains(&tree.word(t))
    };
    if is_cause(t) {
        return Some(t);
    }
    tree.children_by(t, &[Rel::Acl])
        .find(|&a| tree.xpos(a) == "VBG" && is_cause(a))
}

/// For an object that names no one, the partner its phrase names ("provide tons of aid to
/// refugees"): whom what is given or done is for.
fn partner(tree: &Tree, o: usize) -> usize {
    if !tree.entities_of(o).is_empty() {
        return o;
    }
    let partner_of = |n: usize| {
        tree.children_by(n, &[Rel::Nmod]).find(|&c| {
            matches!(
                tree.preposition(c).as_deref(),
                Some("to" | "for" | "against" | "with" | "toward" | "towards")
            )
        })
    };
    let of_phrases = tree
        .children_by(o, &[Rel::Nmod])
        .filter(|&c| tree.preposition(c).as_deref() == Some("of"));
    partner_of(o)
        .or_else(|| of_phrases.into_iter().find_map(partner_of))
        .unwrap_or(o)
}

/// Who takes part in what a noun names: a gathering's participants where the phrase names
/// them ("the demonstration staged by students"), else the gathering itself.
fn participants(tree: &Tree, n: usize) -> usize {
    if !GATHERINGS.contains(&tree.lemma(n)) {
        return n;
    }
    let by = |h: usize| {
        tree.children_by(h, &[Rel::Nmod, Rel::Obl])
            .find(|&c| tree.preposition(c).as_deref() == Some("by"))
    };
    by(n)
        .or_else(|| tree.children_by(n, &[Rel::Acl]).find_map(by))
        .unwrap_or(n)
}

/// Whether the phrase at `t`, naming `found`, is a party with no country: an agent noun
/// that names no entity, or only group names that carry no country ("Moslem fundamentalist
/// demonstrators").
fn countryless(tree: &Tree, t: usize, found: &[usize]) -> bool {
    // (the head is the agent noun, or a group of them, "the main Hutu rebel group"; a group
    // name can only modify it)
    let is_agent = |n: usize| COUNTRYLESS_AGENTS.contains(&tree.lemma(n));
    let group_of_agents = matches!(
        tree.lemma(t),
        "group" | "faction" | "movement" | "coalition" | "alliance" | "force" | "army"
    ) && tree
        .children_by(t, &[Rel::Compound, Rel::Amod])
        .any(is_agent);
    let agent = (is_agent(t) || group_of_agents) && tree.entity(t).is_none();
    agent
        && uncoded(tree, found)
        && found
            .iter()
            .all(|&e| tree.doc.entities[e].kind == EntityType::Misc)
}

fn has_country(tree: &Tree, e: usize) -> bool {
    let entity = &tree.doc.entities[e];
    entity.country.is_some() || entity.code.is_some()
}

/// Whether no entity of a side carries a code or a country.
fn uncoded(tree: &Tree, side: &[usize]) -> bool {
    side.iter().all(|&e| !has_country(tree, e))
}

/// Drops group names without a country from a side that also names a coded party
/// (persons stay: who they are is the linker's to say).
fn drop_uncoded_beside_coded(tree: &Tree, side: &mut Vec<usize>) {
    if side.iter().any(|&e| has_country(tree, e)) {
        side.retain(|&e| has_country(tree, e) || tree.doc.entities[e].kind == EntityType::Person);
    }
}

/// The country entity for a party at `t` with no country of its own: a place tied to it,
/// the event's place, or the country of a state body on the other side.
fn context_country(
    tree: &Tree,
    t: Option<usize>,
    location: Option<usize>,
    other: &[usize],
) -> Option<usize> {
    if let Some(p) = t.and_then(|t| tied_place(tree, t)) {
        return Some(p);
    }
    if let Some(l) = location.filter(|&l| has_country(tree, l)) {
        return Some(l);
    }
    let state = other.iter().copied().find(|&e| is_state(tree, e))?;
    let country = country_of(tree, state)?;
    stand_in(tree, &country, &[]).or_else(|| {
        // (the country's own name facing the party stands for it)
        let entity = &tree.doc.entities[state];
        (entity.sector.is_none() && entity.kind != EntityType::Person).then_some(state)
    })
}

/// A refusal made "despite pressure by X" (or X's demands, calls, appeals) rejects X: "has
/// declined to resign despite growing pressure by the anti-corruption commission".
pub(super) fn aim_refusal(tree: &Tree, m: &mut Mention) {
    if m.kind != PloverType::Reject || !m.recipients.is_empty() {
        return;
    }
    let mut clause = vec![m.trigger];
    clause.extend(tree.children_by(m.trigger, &[Rel::Xcomp]));
    let pressure = clause
        .iter()
        .flat_map(|&v| tree.children_by(v, &[Rel::Obl]))
        .filter(|&o| tree.preposition(o).as_deref() == Some("despite"))
        .find(|&o| {
            matches!(
                tree.lemma(o),
                "pressure" | "demand" | "call" | "appeal" | "request" | "plea" | "urging"
            )
        });
    let Some(pressure) = pressure else {
        return;
    };
    let from: Vec<usize> = tree
        .children_by(pressure, &[Rel::Nmod])
        .filter(|&c| {
            tree.full_rel(c) == Deprel::NMOD_POSS
                || matches!(tree.preposition(c).as_deref(), Some("by" | "from"))
        })
        .flat_map(|c| tree.entities_of(c))
        .filter(|e| !m.actors.contains(e))
        .collect();
    m.recipients = from;
}

/// A protest aimed at no one named is aimed at the authorities of the protesters' own
/// country ("landowners began a hunger strike outside parliament"), as CAMEO codes domestic
/// protest.
pub(super) fn aim_protest_at_home(tree: &Tree, m: &mut Mention) {
    if m.kind != PloverType::Protest || !m.recipients.is_empty() {
        return;
    }
    let Some(country) = m
        .actors
        .iter()
        .find_map(|&a| tree.doc.entities[a].country.clone())
    else {
        return;
    };
    if let Some(home) = stand_in(tree, &country, &m.actors) {
        m.recipients.push(home);
    }
}

/// A place the phrase at `t` says it is in, near or from ("a bombing near the town of
/// Samarra", "students in Sivas", "workers affiliated with the Serbian union").
fn tied_place(tree: &Tree, t: usize) -> Option<usize> {
    tied_place_at(tree, t, 0)
}

fn tied_place_at(tree: &Tree, t: usize, depth: usize) -> Option<usize> {
    let placed = |c: usize| -> Option<usize> {
        let e = tree.entity(c).filter(|&e| has_country(tree, e));
        e.or_else(|| {
            // "the town of Samarra": the place the common noun names.
            tree.children_by(c, &[Rel::Nmod])
                .filter(|&n| tree.preposition(n).as_deref() == Some("of"))
                .find_map(|n| tree.entity(n))
                .filter(|&e| tree.is_place(e) && has_country(tree, e))
        })
    };
    let nmods = tree.children_by(t, &[Rel::Nmod, Rel::Obl]).filter(|&c| {
        tree.preposition(c).is_some_and(|p| {
            matches!(
                p.as_ref(),
                "in" | "near" | "at" | "from" | "inside" | "outside"
            )
        })
    });
    for c in nmods {
        if let Some(e) = placed(c).filter(|&e| tree.is_place(e)) {
            return Some(e);
        }
        // "an explosion in a market in Kabul": the place the phrase's own place lies in.
        if depth == 0 {
            if let Some(e) = tied_place_at(tree, c, 1) {
                return Some(e);
            }
        }
    }
    // (a participle that ties the people to a place or a body: "affiliated with", "based in",
    // "refugees fleeing the war in Liberia")
    let tied = tree
        .children_by(t, &[Rel::Acl])
        .filter(|&a| matches!(tree.xpos(a), "VBN" | "VBG"))
        .flat_map(|a| tree.children_by(a, &[Rel::Obl, Rel::Obj]));
    for c in tied {
        if let Some(e) = placed(c) {
            return Some(e);
        }
        if depth == 0 {
            if let Some(e) = tied_place_at(tree, c, 1) {
                return Some(e);
            }
        }
    }
    None
}

/// Whether an entity is a state body, or a country, which stands for its state.
fn is_state(tree: &Tree, e: usize) -> bool {
    let entity = &tree.doc.entities[e];
    let country_name = entity
        .kb_id
        .as_deref()
        .is_some_and(|id| id.starts_with("country:"));
    country_name
        || entity
            .sector
            .as_deref()
            .is_some_and(|s| STATE_SECTORS.iter().any(|x| s.starts_with(x)))
}

fn country_of(tree: &Tree, e: usize) -> Option<String> {
    let entity = &tree.doc.entities[e];
    entity.country.clone().or_else(|| {
        entity
            .code
            .as_ref()
            .and_then(|c| c.get(..3))
            .map(str::to_string)
    })
}

/// An entity of the sentence, other than those of `taken`, that names `country` itself (the
/// country, a place in it or its demonym: no body, no person).
fn stand_in(tree: &Tree, country: &str, taken: &[usize]) -> Option<usize> {
    let first = tree.doc.tokens[tree.tokens.start].span.start;
    let last = tree.doc.tokens[tree.tokens.end - 1].span.end;
    tree.doc
        .entities
        .iter()
        .enumerate()
        .find_map(|(e, entity)| {
            let here = entity
                .mentions
                .iter()
                .any(|m| m.start >= first && m.end <= last);
            let plain = entity.country.as_deref() == Some(country)
                && entity.sector.is_none()
                && matches!(entity.kind, EntityType::Misc | EntityType::Loc);
            (here && plain && !taken.contains(&e)).then_some(e)
        })
}
