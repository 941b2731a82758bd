//! Coding by user dictionaries: the PETRARCH actor and agent files a user gives (`--actors`,
//! `--agents`), which research groups write for their own actors and roles.
//!
//! This step runs only when the knowledge base holds user dictionaries; without them the
//! linker's output is what the other steps make.
//!
//! 1. [`find`]: every phrase of the text that a user actor dictionary names, the longest at each
//!    place ("Caras Galadhon", "Minas Tirith", "Eriadorian"). A dictionary match is evidence
//!    enough for an entity, so [`with_matches`] makes names of matches the recognizer missed (a
//!    country opening a sentence), and recognized names that a match cuts into ("Evil Mordor",
//!    "Gondor of the Prince of Dol Amroth") give way to the matches.
//! 2. [`code`]: each matched entity takes its entry's code at the article's date; then each
//!    noun group around a match is coded as PETRARCH codes a noun phrase, the actor's code with
//!    the agent codes of its role words added (`~GOV` after it, `NGO~` before it, parts the
//!    code already has not repeated): "Dagolath's first Deputy Prime Minister Telemar" →
//!    DAG + GOV, "an MSF Arnor diplomat" → NGO + ARN + GOV, "human rights activists in Arnor" →
//!    ARN + OPP. A person at the head of the group takes the group's code; otherwise the group
//!    is an entity of its own ("Osgiliath soldiers", OSGMIL), spanning the words of the actor
//!    it contains.

use crate::draft::{Draft, Evidence, Name};
use crate::words::{phrase, Word};
use chrono::NaiveDate;
use std::ops::Range;
use tidings_doc::{Doc, EntityType, Span};
use tidings_kb::{normalize, ActorRef, Agent, Kb};

/// A phrase of the text that names a user dictionary actor.
#[derive(Debug, Clone)]
pub struct Match<'kb> {
    pub words: Range<usize>,
    pub actor: ActorRef<'kb>,
}

/// Longest agent phrases looked up, in words.
const MAX_AGENT_WORDS: usize = 5;

/// Every user dictionary actor named in the text, left to right, the longest phrase at each
/// place. A phrase never starts with "the" (the dictionaries' `THE_` is dropped by lookup
/// keys anyway) nor crosses a sentence; a one-word phrase must be capitalized ("Bree", not
/// "bree").
pub fn find<'kb>(kb: &'kb Kb, words: &[Word]) -> Vec<Match<'kb>> {
    let max_words = kb.user_actor_max_words();
    let mut out = Vec::new();
    if max_words == 0 {
        return out;
    }
    let mut i = 0;
    while i < words.len() {
        let first = &words[i];
        if first.is_punct() || first.lower == "the" {
            i += 1;
            continue;
        }
        // Tokens split hyphens ("Barad", "-", "dur"), so a name may take more tokens than words.
        let limit = (i + 2 * max_words).min(words.len());
        let found = (i + 1..=limit).rev().find_map(|end| {
            let range = i..end;
            let last = &words[end - 1];
            if last.sentence != first.sentence || last.is_punct() {
                return None;
            }
            let single = range.len() == 1;
            if single && !first.is_capitalized() {
                return None;
            }
            let text = phrase(words, range.clone());
            kb.user_actors(&text).next().map(|actor| Match {
                words: range,
                actor,
            })
        });
        match found {
            Some(m) => {
                i = m.words.end;
                out.push(m);
            }
            None => i += 1,
        }
    }
    out
}

/// The names of linking with the user dictionary matches added: a recognized name that
/// overlaps a match gives way to it, and a match takes the recognized type of a name with
/// exactly its words (else it is an organization, the dictionaries' usual kind of actor).
pub fn with_matches(
    doc: &Doc,
    words: &[Word],
    names: Vec<(EntityType, Name)>,
    matches: &[Match],
) -> Vec<(EntityType, Name)> {
    if matches.is_empty() {
        return names;
    }
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let mut out: Vec<(EntityType, Name)> = Vec::with_capacity(names.len() + matches.len());
    for m in matches {
        let kind = names
            .iter()
            .find(|(_, n)| n.words == m.words)
            .map_or(EntityType::Org, |(k, _)| *k);
        let span = Span::new(
            words[m.words.start].span.start,
            words[m.words.end - 1].span.end,
        );
        let text = doc.slice(span).to_string();
        out.push((
            kind,
            Name {
                span,
                words: m.words.clone(),
                key: normalize(&text),
                text,
            },
        ));
    }
    out.extend(
        names
            .into_iter()
            .filter(|(_, n)| !matches.iter().any(|m| overlaps(&m.words, &n.words))),
    );
    out.sort_by_key(|(_, n)| n.words.start);
    out
}

/// Codes the entities by the user dictionaries at `date` (see the module documentation).
pub fn code(
    kb: &Kb,
    doc: &Doc,
    words: &[Word],
    matches: &[Match],
    drafts: &mut Vec<Draft>,
    date: NaiveDate,
) {
    if matches.is_empty() {
        return;
    }
    let codes: Vec<Option<String>> = matches
        .iter()
        .map(|m| m.actor.code_at(date).map(|c| c.raw))
        .collect();
    for (m, code) in matches.iter().zip(&codes) {
        let Some(d) = drafts
            .iter_mut()
            .find(|d| d.names.iter().any(|n| n.words == m.words))
        else {
            continue;
        };
        d.kb_id = Some(m.actor.kb_id().to_string());
        if let Some(code) = code {
            set_code(kb, d, code, Evidence::Dictionary);
        }
    }
    for group in groups(kb, words, matches) {
        let actor_code = group.actor.and_then(|i| codes[i].as_deref());
        let Some(actor_code) = actor_code else {
            // Role words alone ("a senior official") name no one in particular.
            continue;
        };
        let agents: Vec<&Agent> = group.agents.iter().map(|(a, _)| *a).collect();
        let composed = compose(actor_code, &agents);
        let head = group.head;
        let in_match = |r: &Range<usize>| matches.iter().any(|m| m.words == *r);
        let person = drafts.iter().position(|d| {
            d.kind == EntityType::Person && d.names.iter().any(|n| n.words.contains(&head))
        });
        if let Some(p) = person {
            let d = &mut drafts[p];
            if !agents.is_empty() || d.code.is_none() {
                set_code(kb, d, &composed, Evidence::Title);
                note_role(d, words, &group.agents);
            }
            continue;
        }
        if agents.is_empty() {
            // The actor itself ("Gondor"), or a noun it modifies that names no role.
            continue;
        }
        // A named body at the head ("the Osgiliath newspaper al-Raya"), or a group actor that an
        // earlier step found ("Russian police"), takes the code; else the group is a new entity.
        let existing = drafts.iter().position(|d| {
            d.names.iter().any(|n| {
                n.words.contains(&head) && !in_match(&n.words) && n.words.start >= group.words.start
            }) || d
                .others
                .iter()
                .any(|s| s.start <= words[head].span.start && words[head].span.end <= s.end)
        });
        let d = match existing {
            Some(i) => &mut drafts[i],
            None => {
                let span = Span::new(
                    words[group.words.start].span.start,
                    words[group.words.end - 1].span.end,
                );
                let text = doc.slice(span).to_string();
                drafts.push(Draft::new(
                    EntityType::Org,
                    Name {
                        span,
                        words: group.words.clone(),
                        key: normalize(&text),
                        text,
                    },
                ));
                drafts.last_mut().expect("just pushed")
            }
        };
        set_code(kb, d, &composed, Evidence::Title);
        note_role(d, words, &group.agents);
    }
}

/// Sets a draft's code, with the country and sector it says.
fn set_code(kb: &Kb, d: &mut Draft, code: &str, evidence: Evidence) {
    let split = kb.split_code(code);
    if let Some(c) = &split.country {
        d.offer_country(c, evidence);
    }
    if let Some(s) = &split.sector {
        d.offer_sector(s, evidence);
    }
    d.code = Some(code.to_string());
}

fn note_role(d: &mut Draft, words: &[Word], agents: &[(&Agent, Range<usize>)]) {
    if d.role.is_none() {
        if let Some((_, r)) = agents.last() {
            d.role = Some(phrase(words, r.clone()));
        }
    }
}

/// An actor code with agent codes added, as PETRARCH adds them: `~GOV` after the code, `NGO~`
/// before it, and no three-letter part the code already holds (USAGOV + GOV stays USAGOV).
/// A code naming several actors (`FRO/BIL/SAM`) gets the agents on each.
pub fn compose(actor: &str, agents: &[&Agent]) -> String {
    let has = |code: &str, part: &[u8]| code.as_bytes().chunks(3).any(|c| c == part);
    actor
        .split('/')
        .map(|one| {
            let mut code = one.to_string();
            for agent in agents {
                for part in agent.code.as_bytes().chunks(3) {
                    if has(&code, part) {
                        continue;
                    }
                    let part = std::str::from_utf8(part).unwrap_or_default();
                    if agent.after_actor {
                        code.push_str(part);
                    } else {
                        code.insert_str(0, part);
                    }
                }
            }
            code
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A noun group: its words, its last word, the actor match it rests on and its role words.
struct Group<'kb> {
    words: Range<usize>,
    head: usize,
    /// Index into the matches.
    actor: Option<usize>,
    agents: Vec<(&'kb Agent, Range<usize>)>,
}

/// The noun groups that hold an actor match: runs of nouns, proper nouns and adjectives
/// (with possessive `'s` and a capitalized title's inner "of": "Ministry of Silly Walks"),
/// and a role run followed by "in", "of" or "from" and a matched actor ("human rights activists
/// in Arnor", "the government of Gondor", "soldiers from Gondor").
fn groups<'kb>(kb: &'kb Kb, words: &[Word], matches: &[Match]) -> Vec<Group<'kb>> {
    let match_at = |k: usize| matches.iter().position(|m| m.words.contains(&k));
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some(run) = run_at(words, i, &match_at) else {
            i += 1;
            continue;
        };
        i = run.end;
        let head = run.end - 1;
        let agents = agents_in(kb, words, run.clone(), &match_at);
        let in_run: Vec<usize> = (0..matches.len())
            .filter(|&m| matches[m].words.start >= run.start && matches[m].words.end <= run.end)
            .collect();
        // A role names whom its holder serves by a possessive ("Ithilen's minister
        // Calimehtar" serves Ithilen, whatever Calimehtar's own entry); else the actor is the
        // head itself, else the nearest actor before it ("Gondor's main opposition group").
        let possessor = in_run.iter().copied().find(|&m| {
            words
                .get(matches[m].words.end)
                .is_some_and(|w| matches!(w.lower.as_ref(), "'s" | "’s"))
        });
        let mut actor = possessor.filter(|_| !agents.is_empty()).or_else(|| {
            match_at(head).or_else(|| {
                in_run
                    .iter()
                    .copied()
                    .rev()
                    .find(|&m| matches[m].words.end <= head)
            })
        });
        let mut group_words = run.clone();
        if actor.is_none() && !agents.is_empty() {
            // "activists in Arnor": the actor follows the role.
            if let Some((m, end)) = actor_after(words, run.end, matches) {
                actor = Some(m);
                group_words = run.start..end;
                i = end;
            }
        }
        if actor.is_none() {
            continue;
        }
        out.push(Group {
            words: group_words,
            head,
            actor,
            agents,
        });
    }
    out
}

/// The run of noun-group words starting at `i`, if `i` can start one.
fn run_at(
    words: &[Word],
    i: usize,
    match_at: &impl Fn(usize) -> Option<usize>,
) -> Option<Range<usize>> {
    let sentence = words[i].sentence;
    let usable = |k: usize| match_at(k).is_some() || words[k].is_title_word();
    if !usable(i) {
        return None;
    }
    let mut end = i + 1;
    while end < words.len() && words[end].sentence == sentence {
        let w = &words[end];
        let possessive = matches!(w.lower.as_ref(), "'s" | "’s");
        let inner_of = w.lower == "of"
            && words[end - 1].is_capitalized()
            && words.get(end + 1).is_some_and(|n| {
                n.sentence == sentence && n.is_capitalized() && match_at(end + 1).is_none()
            });
        // "awful and evil minister": adjectives joined inside one group.
        let joined_adjectives = matches!(w.lower.as_ref(), "and" | "or")
            && words[end - 1].upos == Some("ADJ")
            && words
                .get(end + 1)
                .is_some_and(|n| n.sentence == sentence && n.upos == Some("ADJ"));
        let continues = usable(end)
            || joined_adjectives
            || ((possessive || inner_of)
                && words
                    .get(end + 1)
                    .is_some_and(|n| n.sentence == sentence && usable(end + 1)));
        if !continues {
            break;
        }
        end += 1;
    }
    Some(i..end)
}

/// The agent phrases among the words of `run` outside actor matches, longest first from the
/// left.
fn agents_in<'kb>(
    kb: &'kb Kb,
    words: &[Word],
    run: Range<usize>,
    match_at: &impl Fn(usize) -> Option<usize>,
) -> Vec<(&'kb Agent, Range<usize>)> {
    let free = |k: usize| match_at(k).is_none() && !matches!(words[k].lower.as_ref(), "'s" | "’s");
    let mut out = Vec::new();
    let mut k = run.start;
    while k < run.end {
        if !free(k) || words[k].is_punct() {
            k += 1;
            continue;
        }
        let longest = (k + 1..=(k + MAX_AGENT_WORDS).min(run.end))
            .rev()
            .filter(|&end| (k..end).all(free))
            .find_map(|end| kb.agent(&phrase(words, k..end)).map(|a| (a, k..end)));
        match longest {
            Some((agent, range)) => {
                k = range.end;
                out.push((agent, range));
            }
            None => k += 1,
        }
    }
    out
}

/// A matched actor right after "in", "of" or "from" (and an optional "the") at `at`: its index
/// and the end of its words.
fn actor_after(words: &[Word], at: usize, matches: &[Match]) -> Option<(usize, usize)> {
    let sentence = words.get(at)?.sentence;
    if !matches!(words[at].lower.as_ref(), "in" | "of" | "from") {
        return None;
    }
    let mut k = at + 1;
    if words.get(k).is_some_and(|w| w.lower == "the") {
        k += 1;
    }
    if words.get(k)?.sentence != sentence {
        return None;
    }
    let m = matches.iter().position(|m| m.words.start == k)?;
    Some((m, matches[m].words.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(code: &str, after_actor: bool) -> Agent {
        Agent {
            phrase: String::new(),
            code: code.into(),
            sector: None,
            after_actor,
            source: String::new(),
        }
    }

    #[test]
    fn agents_compose_around_the_actor_code() {
        let gov = agent("GOV", true);
        let ngo = agent("NGO", false);
        let govmed = agent("GOVMED", true);
        assert_eq!(compose("DAG", &[&gov]), "DAGGOV");
        assert_eq!(compose("ARN", &[&ngo, &gov]), "NGOARNGOV");
        assert_eq!(compose("USAGOV", &[&gov]), "USAGOV");
        assert_eq!(compose("HGWGOVMED", &[&govmed]), "HGWGOVMED");
        assert_eq!(compose("DNK", &[&govmed]), "DNKGOVMED");
        assert_eq!(compose("FRO/BIL", &[&gov]), "FROGOV/BILGOV");
    }
}
