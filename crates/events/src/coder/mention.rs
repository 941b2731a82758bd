//! One sentence's event mentions: triggers, codes, arguments, status, time, place and
//! sources, all read from the dependency tree.

use super::arguments::{
    self, collective_subject, location, noun_arguments, pair_subject, verb_arguments,
};
use super::clause::{clause_path, status, time};
use super::cues;
use super::intent::{self, intent_code};
use super::parties;
use super::patterns;
use super::quotes;
use super::relation::{Deprel, Rel};
use super::scene::{self, is_circumstance, owner};
use super::senses::{
    blows_self_up, call_in_code, dismisses, leads_body_passively, leaves_organization,
    led_event_code,
};
use super::sources::{attribution, in_source_phrase};
use super::tree::Tree;
use super::EventCoder;
use crate::plover::PloverType;
use tidings_doc::{Attribution, EventStatus, Quote, Span};

/// One mention of an event in one sentence, before mentions of the same happening are joined.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub sentence: usize,
    pub trigger: usize,
    pub trigger_span: Span,
    /// Named by a verb (rather than a noun).
    pub verbal: bool,
    pub cameo: String,
    pub kind: PloverType,
    pub mode: Option<String>,
    pub actors: Vec<usize>,
    pub recipients: Vec<usize>,
    pub location: Option<usize>,
    pub time: Option<usize>,
    /// `None` when nothing in the sentence says (a bare noun: "the summit").
    pub status: Option<EventStatus>,
    pub attribution: Vec<Attribution>,
    pub quotes: Vec<Quote>,
    /// Whether a pattern (not only the verb) chose the code.
    pub by_pattern: bool,
    /// Words of the same event folded into this mention ("travel ... for talks": the talks).
    pub also: Vec<Span>,
    /// A noun with a definite determiner or a possessor ("the summit", "its demands"), which
    /// may refer back to an event told before.
    pub definite: bool,
    /// Done by a pair named only by a description ("the two leaders met").
    pub pair: bool,
    /// A verb whose subject is several people or a body, described rather than named ("the
    /// ministers agreed", "they will meet", "a rights group protested"): someone acts, though
    /// no entity says who.
    pub collective_subject: bool,
    /// A noun that only sets the scene of its sentence's event ("after the attacks", "claimed
    /// responsibility for the explosion"): it may be another mention of an event the article
    /// already tells, never an event of its own.
    pub joins_only: bool,
}

impl Mention {
    /// Takes the parties of another reading of the same event (its content, or a purpose
    /// clause dropped as scene) where this mention names none: actors when it has no actor,
    /// recipients (never one of its own actors) when it has no recipient.
    pub(super) fn borrow_parties(&mut self, actors: &[usize], recipients: &[usize]) {
        if self.actors.is_empty() {
            self.actors = actors.to_vec();
        }
        if self.recipients.is_empty() {
            self.recipients = recipients
                .iter()
                .copied()
                .filter(|r| !self.actors.contains(r))
                .collect();
        }
    }
}

/// A trigger before its arguments are read.
pub(super) struct Trigger {
    pub token: usize,
    pub verbal: bool,
    pub cameo: String,
    pub kind: PloverType,
    pub mode: Option<String>,
    pub target_preposition: Option<String>,
    pub by_pattern: bool,
}

/// Every event mention of sentence `s`.
///
/// Quotes of the sentence that no mention holds but a speaker says go to `orphans`.
pub(crate) fn mentions(
    coder: &EventCoder,
    tree: &Tree,
    s: usize,
    orphans: &mut Vec<(usize, Quote)>,
) -> Vec<Mention> {
    let mut triggers: Vec<Trigger> = tree
        .tokens
        .clone()
        .filter_map(|t| trigger(coder, tree, t))
        .collect();
    // An event's content is not another event: "agreed to cooperate" is one AGREE,
    // "demanded that the minister be replaced" one REQUEST, "imposed sanctions" one SANCTION.
    let kind_of = |t: usize, all: &[Trigger]| all.iter().find(|x| x.token == t).map(|x| x.kind);
    let owners: Vec<Option<usize>> = triggers
        .iter()
        .map(|x| owner(tree, x, |t| kind_of(t, &triggers)))
        .collect();
    let mut kept = Vec::new();
    let mut owned = Vec::new();
    // Folded contents, for the events that hold them.
    let mut contents: Vec<Trigger> = Vec::new();
    for (x, owner) in triggers.drain(..).zip(owners) {
        match owner {
            Some(o) => {
                owned.push((x.token, o));
                contents.push(x);
            }
            None => kept.push(x),
        }
    }
    // A clause or phrase that only sets the scene of the sentence's event ("weapons seized
    // last year", "opened fire, killing one", "after days of fighting", "on the eve of a
    // visit") tells of something else in passing: the sentence reports its main event.
    let heads: Vec<usize> = kept.iter().map(|x| x.token).collect();
    let circumstantial: Vec<bool> = kept
        .iter()
        .map(|x| is_circumstance(tree, x, &heads, |t| kind_of(t, &kept)))
        .collect();
    // Purpose clauses set aside: "began a strike to protest against the decision" still
    // tells whom the strike is aimed at.
    let mut purposes: Vec<Trigger> = Vec::new();
    let mut scene_nouns: Vec<Trigger> = Vec::new();
    if circumstantial.iter().any(|c| !c) {
        let mut flags = circumstantial.into_iter();
        let mut rest = Vec::new();
        for x in kept.drain(..) {
            if !flags.next().unwrap_or(false) {
                rest.push(x);
            } else if (x.verbal
                && tree.rel(x.token) == Rel::Advcl
                && tree.has_child_word(x.token, &[Rel::Mark], &["to"]))
                // "blocked a road to show their disapproval of ...": the event noun a
                // purpose clause names is the purpose.
                || (!x.verbal
                    && tree.rel(x.token) == Rel::Obj
                    && tree.head(x.token).is_some_and(|h| {
                        scene::is_purpose_clause(tree, h) && !cues::is_status_only(tree.lemma(h))
                    }))
            {
                purposes.push(x);
            } else if !x.verbal {
                scene_nouns.push(x);
            }
        }
        kept = rest;
    }
    let content_of = |t: usize| {
        owned
            .iter()
            .find(|(_, o)| *o == t)
            .and_then(|(c, _)| contents.iter().find(|x| x.token == *c))
    };
    for x in kept.iter_mut() {
        if x.verbal && cues::is_promise(tree.lemma(x.token)) {
            // What is promised refines the code: to meet is 036, to give aid 033, ...
            let content = content_of(x.token).map(|c| c.cameo.as_str());
            let cameo = intent_code(content, &x.cameo);
            if let Some((kind, mode)) = coder.plover(&cameo) {
                x.cameo = cameo;
                x.kind = kind;
                x.mode = mode;
            }
        }
    }
    let mut out: Vec<Mention> = kept.iter().map(|x| read(coder, tree, s, x)).collect();
    // An event without a target takes its purpose's: "staged demonstrations to demand reforms
    // by the government", "threatened to impose restrictions against German goods".
    for p in &purposes {
        let aim = read(coder, tree, s, p);
        let mut node = tree.head(p.token);
        while let Some(n) = node {
            // (the event itself, or the event noun a light verb carries: "began a strike")
            let held = |m: &Mention| {
                m.trigger == n
                    || (!m.verbal
                        && tree.head(m.trigger) == Some(n)
                        && tree.rel(m.trigger) == Rel::Obj)
            };
            if let Some(m) = out.iter_mut().find(|m| held(m)) {
                // "sent 21 personnel to Bosnia to investigate ...": a sending tells what is
                // sent for; the event is the purpose, done by the sender where the people
                // are sent.
                if m.verbal && m.trigger == n && arguments::is_sending(tree.lemma(n)) {
                    let mut purpose = aim.clone();
                    purpose.borrow_parties(&m.actors, &m.recipients);
                    purpose.location = purpose.location.or(m.location);
                    *m = purpose;
                    break;
                }
                // "blocked a border crossing to protest against imports": what is done in
                // protest is a protest (PLOVER PROTEST covers blockades and obstruction).
                if aim.kind == PloverType::Protest
                    && matches!(m.kind, PloverType::Coerce | PloverType::Sanction)
                {
                    if let Some((kind, mode)) = coder.plover(&aim.cameo) {
                        m.cameo = aim.cameo.clone();
                        m.kind = kind;
                        m.mode = mode;
                    }
                }
                if m.kind == aim.kind {
                    m.also.push(aim.trigger_span);
                }
                m.borrow_parties(&aim.actors, &aim.recipients);
                break;
            }
            node = tree.head(n);
        }
    }
    // A folded content of the same type is another word for the same event.
    for m in out.iter_mut() {
        for (c, o) in &owned {
            if *o == m.trigger {
                if let Some(x) = contents.iter().find(|x| x.token == *c && x.kind == m.kind) {
                    m.also.push(tree.span(x.token));
                }
            }
        }
    }
    // "agreed to provide aid to Romania": whom the content concerns, the event concerns.
    for m in out.iter_mut() {
        if let Some(c) = content_of(m.trigger) {
            let inner = read(coder, tree, s, c);
            // "the sanctions he seeks to impose": the noun alone says nothing of its status.
            if m.status.is_none() {
                m.status = inner.status;
            }
            m.borrow_parties(&inner.actors, &inner.recipients);
        }
    }
    // "failed to agree ... at the talks": an event noun without parties of its own takes
    // those of the event whose clause it sits in.
    let snapshot: Vec<(usize, Vec<usize>, Vec<usize>)> = out
        .iter()
        .filter(|m| m.verbal)
        .map(|m| (m.trigger, m.actors.clone(), m.recipients.clone()))
        .collect();
    for m in out
        .iter_mut()
        .filter(|m| !m.verbal && m.actors.is_empty() && m.recipients.is_empty())
    {
        let mut node = tree.head(m.trigger);
        while let Some(n) = node {
            if let Some((_, a, r)) = snapshot.iter().find(|(t, _, _)| *t == n) {
                m.actors = a.clone();
                m.recipients = r.clone();
                break;
            }
            node = tree.head(n);
        }
    }
    // What status and clause make of the type: threats, complaints, intentions.
    intent::retype(coder, tree, &mut out);
    // Parties with no country of their own, and parties other clauses lend (after every
    // other reading had its say).
    parties::settle(tree, &mut out);
    orphans.extend(
        quotes::attach(tree, &mut out, &owned)
            .into_iter()
            .map(|q| (s, q)),
    );
    // Read after the sentence's own events have lent their parties, which are not the
    // parties of a happening told in passing.
    out.extend(scene_nouns.iter().map(|x| Mention {
        joins_only: true,
        ..read(coder, tree, s, x)
    }));
    if debugging() {
        for m in &out {
            eprintln!("mention {m:?}");
        }
        for (t, o) in &owned {
            eprintln!("owned {} by {}", tree.word(*t), tree.word(*o));
        }
    }
    out
}

/// Whether `TIDINGS_DEBUG_EVENTS` asks for each sentence's mentions on stderr; read once per
/// process, not once per sentence.
fn debugging() -> bool {
    static DEBUG: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *DEBUG.get_or_init(|| std::env::var_os("TIDINGS_DEBUG_EVENTS").is_some())
}

/// The trigger a token is, if any.
fn trigger(coder: &EventCoder, tree: &Tree, t: usize) -> Option<Trigger> {
    // Only verbs and nouns name events; names, function words and modifiers ("the proposed
    // changes", "war-torn", "according to") do not.
    // (the cheap tests first: this runs for every word, and most words stop here)
    if !matches!(tree.upos(t), "VERB" | "NOUN")
        || tree.entity(t).is_some()
        || matches!(
            tree.rel(t),
            Rel::Amod
                | Rel::Case
                | Rel::Fixed
                | Rel::Mark
                | Rel::Aux
                | Rel::Cop
                | Rel::Compound
                | Rel::Det
                | Rel::Flat
        )
    {
        return None;
    }
    if in_source_phrase(tree, t) {
        return None;
    }
    // "a gas explosion", "an earthquake destroyed 300 homes": a mishap is nobody's act.
    if scene::tells_of_mishap(tree, t) {
        return None;
    }
    let lemma = tree.lemma(t);
    // "X said Y must do Z" is X's demand on Y (PLOVER codes it REQUEST).
    if tree.upos(t) == "VERB" && tree.reports(t) {
        let demand = tree.children_by(t, &[Rel::Ccomp]).any(|c| {
            // The mandative subjunctive: "insisted that the government grant ...".
            // (a base form, or one the tagger read as plural present after a singular
            // subject)
            let singular_subject = tree
                .child_by(c, &[Rel::Nsubj])
                .is_some_and(|s| matches!(tree.xpos(s), "NN" | "NNP"));
            let subjunctive = (tree.xpos(c) == "VB" || (tree.xpos(c) == "VBP" && singular_subject))
                && tree.child_by(c, &[Rel::Aux]).is_none()
                && tree.child_by(c, &[Rel::Nsubj]).is_some()
                && tree.has_child_word(c, &[Rel::Mark], &["that"]);
            subjunctive
                || tree.has_child_word(c, &[Rel::Aux], cues::OBLIGATION)
                || tree.children_by(c, &[Rel::Xcomp]).any(|x| {
                    tree.lemma(c) == "have" && tree.has_child_word(x, &[Rel::Mark], &["to"])
                })
        });
        // "insisted on its demands that the government grant ...": the demand names itself.
        let on_demands = tree.child_by(t, &[Rel::Ccomp]).is_some()
            && tree.children_by(t, &[Rel::Obl]).any(|o| {
                tree.preposition(o).as_deref() == Some("on")
                    && coder
                        .lexicon
                        .nominals
                        .for_noun(tree.lemma(o))
                        .is_some_and(|n| n.code.starts_with("10"))
            });
        if demand || on_demands {
            let (kind, mode) = coder.plover("100")?;
            return Some(Trigger {
                token: t,
                verbal: true,
                cameo: "100".into(),
                kind,
                mode,
                target_preposition: None,
                by_pattern: false,
            });
        }
    }
    let (cameo, verbal, target_preposition, by_pattern) = match tree.upos(t) {
        "VERB" => {
            // A verb of saying with what it says is attribution; without it ("dismissed the
            // appeal", "denied the charges") it is an ordinary verb.
            let says = tree.says_something(t)
                || tree.head(t).is_some_and(|_| tree.rel(t) == Rel::Parataxis)
                // "denied meeting the commanders": what is denied is an event.
                || (cues::DENYING_VERBS.contains(&lemma)
                    && tree.children_by(t, &[Rel::Xcomp, Rel::Advcl]).any(|c| tree.xpos(c) == "VBG"));
            // "issued a declaration demanding ...": the declaration reports, the demand is
            // the event.
            let speaks = (cues::is_light(lemma)
                || matches!(lemma, "issue" | "release" | "publish" | "send"))
                && tree
                    .children_by(t, &[Rel::Obj])
                    .any(|o| cues::is_speech_noun(tree.lemma(o)));
            // Aspect is no event: "continued their effort", "kept up the pressure".
            let aspectual = matches!(lemma, "continue" | "keep" | "remain" | "stay");
            // "to help support the rights of ...", "helped negotiate the deal": helping to
            // do something tells of that thing.
            let helps = lemma == "help"
                && tree
                    .children_by(t, &[Rel::Xcomp])
                    .any(|c| tree.upos(c) == "VERB");
            // "plan another march", "prepare a visit": the noun is the event, the verb its
            // status.
            let plans_event = cues::is_status_only(lemma)
                && tree
                    .children_by(t, &[Rel::Obj])
                    .any(|o| coder.lexicon.nominals.for_noun(tree.lemma(o)).is_some());
            if (tree.reports(t) && says)
                || plans_event
                || speaks
                || aspectual
                || helps
                || (cues::is_status_only(lemma) && tree.child_by(t, &[Rel::Xcomp]).is_some())
            {
                return None;
            }
            let verbs = &coder.lexicon.verbs;
            // A phrasal verb first ("break down"), then the verb alone.
            let particle = tree
                .child_by(t, &[Rel::Compound])
                .filter(|&p| tree.full_rel(p) == Deprel::COMPOUND_PRT)
                .map(|p| format!("{lemma} {}", tree.word(p)));
            // The word as written when the lemmatizer missed ("shelled" → "shel").
            let entries = particle
                .as_deref()
                .map(|p| verbs.for_lemma(p))
                .filter(|e| !e.is_empty())
                .unwrap_or_else(|| verbs.for_lemma(lemma));
            let entries = if entries.is_empty() {
                verbs.for_lemma(tree.word(t))
            } else {
                entries
            };
            let entries: Vec<_> = entries
                .iter()
                .filter(|e| !e.is_multiword() || particle.is_some())
                .cloned()
                .collect();
            if entries.is_empty() {
                return None;
            }
            // "called Mr Trump unqualified", "called the decision a mistake": calling something
            // something names it; it is no telephone call.
            // (The named thing is the object, or the subject of the small clause the parser
            // makes of "Mr Trump unqualified".)
            if lemma == "call"
                && tree.children_by(t, &[Rel::Xcomp, Rel::Obl]).any(|c| {
                    matches!(tree.upos(c), "ADJ" | "NOUN")
                        && (tree.full_rel(c) == Rel::Xcomp
                            || tree.full_rel(c) == Deprel::OBL_UNMARKED)
                        && (tree.child_by(t, &[Rel::Obj]).is_some()
                            || tree.child_by(c, &[Rel::Nsubj]).is_some())
                })
            {
                return None;
            }
            let coding = patterns::choose(&entries, tree, t, &coder.synsets)?;
            // "they'll fire us", "fired the coach": firing a person, with no pattern of
            // weapons or targets, is a dismissal, which event data does not code.
            if coding.pattern_line.is_none() && dismisses(tree, t) {
                return None;
            }
            let led_code = led_event_code(tree, t, &coder.lexicon.nominals);
            // "the mission is headed by a general": a role, as LEAD_ROLE codes the active.
            if led_code.is_none() && leads_body_passively(tree, t) {
                return None;
            }
            let code = if let Some(code) = led_code {
                // "led the talks", "headed the protest": the led event, by the leader.
                code.to_string()
            } else if coding.code.starts_with("04") && leaves_organization(tree, t) {
                // "voted to leave the EU", "Qatar quits OPEC": leaving an international
                // organization is no journey (CAMEO.2.0 codes "leave" as travel, 040) but a
                // cut in relations with it (CAMEO 16, PLOVER SANCTION).
                "160".to_string()
            } else if let Some(code) =
                call_in_code(tree, t).filter(|_| coding.pattern_line.is_none())
            {
                code.to_string()
            } else if blows_self_up(tree, t) {
                // "a suicide bomber blew himself up": CAMEO.2.0's "blow up" is destroying
                // property (1712); blowing oneself up is a suicide bombing.
                "1831".to_string()
            } else {
                coding.code
            };
            (
                code,
                true,
                coding.target_preposition,
                coding.pattern_line.is_some(),
            )
        }
        "NOUN" => {
            if tree.rel(t) == Rel::Compound {
                return None;
            }
            let nominals = &coder.lexicon.nominals;
            let compound = tree
                .child_by(t, &[Rel::Compound])
                .map(|c| format!("{} {lemma}", tree.word(c)));
            let entry = compound
                .as_deref()
                .and_then(|c| nominals.for_noun(c))
                .or_else(|| nominals.for_noun(lemma))
                .or_else(|| nominals.for_noun(tree.word(t)))
                .or_else(|| {
                    // "a mediation mission": the modifier names the event.
                    cues::is_light_noun(lemma)
                        .then(|| tree.child_by(t, &[Rel::Compound]))
                        .flatten()
                        .and_then(|c| nominals.for_noun(tree.lemma(c)))
                })?;
            (entry.code.clone(), false, None, false)
        }
        _ => return None,
    };
    let (mut kind, mut mode) = coder.plover(&cameo)?;
    // CAMEO's "intent to meet" (036) is an AGREE when someone promises or offers to meet;
    // "will host talks" is a meeting still to come, which the status says.
    if cameo.starts_with("036") && !cues::is_promise(lemma) {
        (kind, mode) = coder.plover("040")?;
    }
    Some(Trigger {
        token: t,
        verbal,
        cameo,
        kind,
        mode,
        target_preposition,
        by_pattern,
    })
}

/// Reads the arguments, status, time, place and sources of one trigger.
fn read(coder: &EventCoder, tree: &Tree, sentence: usize, x: &Trigger) -> Mention {
    let (mut actors, mut recipients) = if x.verbal {
        verb_arguments(tree, x)
    } else {
        noun_arguments(tree, x.token)
    };
    recipients.retain(|r| !actors.contains(r));
    actors.dedup();
    let actors_were_empty = actors.is_empty();
    let path = clause_path(tree, x.token);
    let mut status = status(tree, x, &path);
    let attribution = attribution(tree, x.token);
    if let Some(cue) = attribution.first() {
        if cues::DENYING.contains(&cue.cue.as_str()) {
            status = Some(EventStatus::Denied);
        }
    }
    let time = time(tree, &path, &coder.lexicon.nominals);
    let site = location(tree, &path, x.mode.as_deref() == Some("visit"));
    let mut location = site.place;
    // A place is where the event happens, not a party to it.
    if let Some(l) = location {
        recipients.retain(|&r| r != l || x.mode.as_deref() == Some("visit"));
    }
    // With no one else named, the event concerns the place it happens in ("evacuate
    // settlements in the Gaza Strip", "troops arrived in Sierra Leone"), as PETRARCH codes it.
    // (A resignation concerns no one but who resigns: "resigned ... in Tbilisi".)
    let resignation = x.mode.as_deref() == Some("resign");
    // A body named as the site beside the place ("struck at the German Consulate in X") is
    // whom it happened to, before the place.
    if recipients.is_empty() && x.kind != PloverType::Consult && !resignation {
        if let Some(l) = site.body.or(location).filter(|l| !actors.contains(l)) {
            recipients.push(l);
        }
    }
    // One meets or visits people and states; a city one travels to is where it happens.
    if x.kind == PloverType::Consult {
        if let Some(&city) = recipients.iter().find(|&&r| tree.is_subnational_place(r)) {
            location.get_or_insert(city);
            recipients.retain(|&r| !tree.is_subnational_place(r));
        }
    }
    Mention {
        sentence,
        trigger: x.token,
        trigger_span: tree.span(x.token),
        verbal: x.verbal,
        cameo: x.cameo.clone(),
        kind: x.kind,
        mode: x.mode.clone(),
        actors,
        recipients,
        location,
        time,
        status,
        attribution,
        quotes: Vec::new(),
        by_pattern: x.by_pattern,
        also: Vec::new(),
        pair: x.verbal && actors_were_empty && pair_subject(tree, x.token),
        collective_subject: x.verbal && collective_subject(tree, x.token),
        joins_only: false,
        definite: !x.verbal
            && tree.children(x.token).iter().any(|&c| {
                (tree.rel(c) == Rel::Det
                    && matches!(tree.word(c), "the" | "this" | "that" | "these" | "those"))
                    || tree.full_rel(c) == Deprel::NMOD_POSS
            }),
    }
}
