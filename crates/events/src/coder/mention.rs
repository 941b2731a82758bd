//! One sentence's event mentions: triggers, codes, arguments, status, time, place and
//! sources, all read from the dependency tree.

use super::cues::{self, is_reporting};
use super::patterns;
use super::quotes;
use super::tree::Tree;
use super::EventCoder;
use crate::plover::PloverType;
use tidings_doc::{Attribution, EventStatus, Quote, Span, TimexType};

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
}

/// A trigger before its arguments are read.
struct Trigger {
    token: usize,
    verbal: bool,
    cameo: String,
    kind: PloverType,
    mode: Option<String>,
    target_preposition: Option<String>,
    by_pattern: bool,
}

/// Every event mention of sentence `s`.
pub(crate) fn mentions(coder: &EventCoder, tree: &Tree, s: usize) -> Vec<Mention> {
    let mut triggers: Vec<Trigger> = tree
        .tokens
        .clone()
        .filter_map(|t| trigger(coder, tree, t))
        .collect();
    // An event's content is not another event: "agreed to cooperate" is one AGREE,
    // "demanded that the minister be replaced" one REQUEST, "imposed sanctions" one SANCTION.
    let is_trigger = |t: usize, all: &[Trigger]| all.iter().any(|x| x.token == t);
    let owners: Vec<Option<usize>> = triggers
        .iter()
        .map(|x| owner(tree, x, |t| is_trigger(t, &triggers)))
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
    let content_of = |t: usize| {
        owned
            .iter()
            .find(|(_, o)| *o == t)
            .and_then(|(c, _)| contents.iter().find(|x| x.token == *c))
    };
    for x in kept.iter_mut() {
        if x.verbal && cues::is_promise(&tree.lemma(x.token)) {
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
    let mut out: Vec<Mention> = kept.iter().map(|x| read(tree, s, x)).collect();
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
            let inner = read(tree, s, c);
            // "the sanctions he seeks to impose": the noun alone says nothing of its status.
            if m.status.is_none() {
                m.status = inner.status;
            }
            if m.actors.is_empty() {
                m.actors = inner.actors.clone();
            }
            if m.recipients.is_empty() {
                m.recipients = inner
                    .recipients
                    .iter()
                    .copied()
                    .filter(|r| !m.actors.contains(r))
                    .collect();
            }
        }
    }
    for m in out.iter_mut() {
        // A conflictual action announced for the future, or one promised unless the other
        // side gives way, is a threat (PLOVER THREATEN).
        let announced = matches!(m.status, Some(EventStatus::Planned | EventStatus::Expected));
        let conditional = tree
            .children_by(m.trigger, &["advcl"])
            .any(|c| tree.has_child_word(c, &["mark"], &["unless", "if"]));
        let threat_code = match m.kind {
            PloverType::Protest => Some("133"),
            PloverType::Sanction => Some("1312"),
            PloverType::Coerce => Some("137"),
            PloverType::Assault => Some("138"),
            PloverType::Reject | PloverType::Retreat if conditional => Some("130"),
            _ if conditional => Some("130"),
            _ => None,
        };
        // CAMEO has no tense: the code stays what the dictionary says; the PLOVER type
        // follows PLOVER's reading.
        // "prepared to resume shelling": readying force is MOBILIZE.
        let readied = tree.rel(m.trigger) == "xcomp"
            && tree
                .head(m.trigger)
                .is_some_and(|h| matches!(tree.lemma(h).as_str(), "prepare" | "ready" | "poise" | "poised"));
        if readied && matches!(m.kind, PloverType::Assault | PloverType::Coerce) {
            if let Some((kind, mode)) = coder.plover("150") {
                m.kind = kind;
                m.mode = mode;
                continue;
            }
        }
        // "a rights group protested that ...": a protest in words is a complaint (ACCUSE).
        let in_words = matches!(tree.lemma(m.trigger).as_str(), "protest" | "object" | "complain")
            && (tree
                .children_by(m.trigger, &["ccomp"])
                .any(|c| !is_reporting(&tree.lemma(c)))
                || tree.rel(m.trigger) == "parataxis");
        if m.kind == PloverType::Protest && m.verbal && in_words {
            if let Some((kind, mode)) = coder.plover("111") {
                m.cameo = "111".into();
                m.kind = kind;
                m.mode = mode;
                continue;
            }
        }
        if let Some(code) = threat_code.filter(|_| announced && m.kind != PloverType::Threaten)
        {
            if let Some((kind, mode)) = coder.plover(code) {
                m.kind = kind;
                m.mode = mode;
                continue;
            }
        }
    }
    // PLOVER: "All cooperative actions reported in future tense are also taken to imply
    // intentions" (AGREE).
    for m in out.iter_mut() {
        let intended = matches!(m.status, Some(EventStatus::Planned | EventStatus::Expected));
        let cooperative = matches!(
            m.kind,
            PloverType::Aid
                | PloverType::Cooperate
                | PloverType::Support
                | PloverType::Concede
                | PloverType::Retreat
        );
        if intended && cooperative {
            let cameo = intent_code(Some(&m.cameo), "030");
            if let Some((kind, mode)) = coder.plover(&cameo) {
                m.kind = kind;
                m.mode = mode;
            }
        }
    }
    quotes::attach(tree, &mut out, &owned);
    if std::env::var_os("TIDINGS_DEBUG_EVENTS").is_some() {
        for m in &out {
            eprintln!("mention {m:?}");
        }
        for (t, o) in &owned {
            eprintln!("owned {} by {}", tree.word(*t), tree.word(*o));
        }
    }
    out
}

/// The CAMEO "express intent" code for promising an event with code `content`: to meet or
/// negotiate 036, to cooperate 031/032, to give aid 033, to yield 035; else `fallback`, or
/// 030 when the fallback is no intent code.
fn intent_code(content: Option<&str>, fallback: &str) -> String {
    let by_content = content.and_then(|c| match c.get(..2)? {
        "04" => Some("036"),
        "05" => Some("032"),
        "06" => Some("031"),
        "07" => Some("033"),
        "08" => Some("035"),
        "03" => Some(c),
        _ => None,
    });
    match by_content {
        Some(code) => code.to_string(),
        None if fallback.starts_with("03") => fallback.to_string(),
        None => "030".to_string(),
    }
}

/// The trigger a token is, if any.
fn trigger(coder: &EventCoder, tree: &Tree, t: usize) -> Option<Trigger> {
    // Names, function words and modifiers ("the proposed changes", "war-torn", "according
    // to") name no event.
    if tree.entity(t).is_some()
        || matches!(
            tree.rel(t),
            "amod" | "case" | "fixed" | "mark" | "aux" | "cop" | "compound" | "det" | "flat"
        )
    {
        return None;
    }
    let lemma = tree.lemma(t);
    // "X said Y must do Z" is X's demand on Y (PLOVER codes it REQUEST).
    if tree.upos(t) == "VERB" && is_reporting(&lemma) {
        let demand = tree.children_by(t, &["ccomp"]).any(|c| {
            // The mandative subjunctive: "insisted that the government grant ...".
            // (a base form, or one the tagger read as plural present after a singular
            // subject)
            let singular_subject = tree
                .child_by(c, &["nsubj"])
                .is_some_and(|s| matches!(tree.xpos(s), "NN" | "NNP"));
            let subjunctive = (tree.xpos(c) == "VB" || (tree.xpos(c) == "VBP" && singular_subject))
                && tree.child_by(c, &["aux"]).is_none()
                && tree.child_by(c, &["nsubj"]).is_some()
                && tree.has_child_word(c, &["mark"], &["that"]);
            subjunctive
                || tree.has_child_word(c, &["aux"], cues::OBLIGATION)
                || tree
                    .children_by(c, &["xcomp"])
                    .any(|x| tree.lemma(c) == "have" && tree.has_child_word(x, &["mark"], &["to"]))
        });
        if demand {
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
            let says = tree.child_by(t, &["ccomp", "parataxis"]).is_some()
                || tree.head(t).is_some_and(|_| tree.rel(t) == "parataxis")
                // "denied meeting the commanders": what is denied is an event.
                || (cues::DENYING_VERBS.contains(&lemma.as_str())
                    && tree.children_by(t, &["xcomp", "advcl"]).any(|c| tree.xpos(c) == "VBG"));
            // "issued a declaration demanding ...": the declaration reports, the demand is
            // the event.
            let speaks = (cues::is_light(&lemma)
                || matches!(lemma.as_str(), "issue" | "release" | "publish" | "send"))
                && tree
                    .children_by(t, &["obj"])
                    .any(|o| cues::is_speech_noun(&tree.lemma(o)));
            // Aspect is no event: "continued their effort", "kept up the pressure".
            let aspectual = matches!(lemma.as_str(), "continue" | "keep" | "remain" | "stay");
            if (is_reporting(&lemma) && says)
                || speaks
                || aspectual
                || (cues::is_status_only(&lemma) && tree.child_by(t, &["xcomp"]).is_some())
            {
                return None;
            }
            let verbs = &coder.lexicon.verbs;
            // A phrasal verb first ("break down"), then the verb alone.
            let particle = tree
                .child_by(t, &["compound"])
                .filter(|&p| tree.full_rel(p) == "compound:prt")
                .map(|p| format!("{lemma} {}", tree.word(p)));
            // The word as written when the lemmatizer missed ("shelled" → "shel").
            let entries = particle
                .as_deref()
                .map(|p| verbs.for_lemma(p))
                .filter(|e| !e.is_empty())
                .unwrap_or_else(|| verbs.for_lemma(&lemma));
            let entries = if entries.is_empty() {
                verbs.for_lemma(tree.word(t))
            } else {
                entries
            };
            let entries: Vec<_> = entries.iter().filter(|e| !e.is_multiword() || particle.is_some()).cloned().collect();
            if entries.is_empty() {
                return None;
            }
            let coding = patterns::choose(&entries, tree, t, &coder.synsets, verbs)?;
            (
                coding.code,
                true,
                coding.target_preposition,
                coding.pattern_line.is_some(),
            )
        }
        "NOUN" => {
            if tree.rel(t) == "compound" {
                return None;
            }
            let nominals = &coder.lexicon.nominals;
            let compound = tree
                .child_by(t, &["compound"])
                .map(|c| format!("{} {lemma}", tree.word(c)));
            let entry = compound
                .as_deref()
                .and_then(|c| nominals.for_noun(c))
                .or_else(|| nominals.for_noun(&lemma))
                .or_else(|| nominals.for_noun(tree.word(t)))
                .or_else(|| {
                    // "a mediation mission": the modifier names the event.
                    cues::is_light_noun(&lemma)
                        .then(|| tree.child_by(t, &["compound"]))
                        .flatten()
                        .and_then(|c| nominals.for_noun(&tree.lemma(c)))
                })?;
            (entry.code.clone(), false, None, false)
        }
        _ => return None,
    };
    let (mut kind, mut mode) = coder.plover(&cameo)?;
    // CAMEO's "intent to meet" (036) is an AGREE when someone promises or offers to meet;
    // "will host talks" is a meeting still to come, which the status says.
    if cameo.starts_with("036") && !cues::is_promise(&lemma) {
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

/// The trigger whose content `x` is, if any: reached upwards through complements only
/// ("promised to continue military aid": the aid is the promise's content).
fn owner(tree: &Tree, x: &Trigger, is_trigger: impl Fn(usize) -> bool) -> Option<usize> {
    let mut node = x.token;
    if !x.verbal {
        // A noun is content as the object of a verb; but what one condemns, praises or denies
        // ("condemned the shelling") is an event of its own.
        let head = tree.head(node)?;
        if !matches!(tree.rel(node), "obj" | "obl") {
            return None;
        }
        if is_trigger(head) {
            return (!cues::talks_about(&tree.lemma(head))).then_some(head);
        }
        node = head;
    }
    while let Some(head) = tree.head(node) {
        // "its demands that the government grant ...": a clause on an event noun is its
        // content too.
        let on_event_noun = tree.rel(node) == "acl" && tree.upos(head) == "NOUN" && is_trigger(head);
        if !matches!(tree.rel(node), "xcomp" | "ccomp") && !on_event_noun {
            return None;
        }
        if is_trigger(head) {
            return Some(head);
        }
        node = head;
    }
    None
}

/// Reads the arguments, status, time, place and sources of one trigger.
fn read(tree: &Tree, sentence: usize, x: &Trigger) -> Mention {
    let (mut actors, mut recipients) = if x.verbal {
        verb_arguments(tree, x)
    } else {
        noun_arguments(tree, x.token)
    };
    recipients.retain(|r| !actors.contains(r));
    actors.dedup();
    let path = clause_path(tree, x.token);
    let mut status = status(tree, x, &path);
    let attribution = attribution(tree, x.token);
    if let Some(cue) = attribution.first() {
        if cues::DENYING.contains(&cue.cue.as_str()) {
            status = Some(EventStatus::Denied);
        }
    }
    let time = time(tree, &path);
    let mut location = location(tree, &path, x.mode.as_deref() == Some("visit"));
    // A place is where the event happens, not a party to it.
    if let Some(l) = location {
        recipients.retain(|&r| r != l || x.mode.as_deref() == Some("visit"));
    }
    // With no one else named, the event concerns the place it happens in ("evacuate
    // settlements in the Gaza Strip", "troops arrived in Sierra Leone"), as PETRARCH codes it.
    if recipients.is_empty() && x.kind != PloverType::Consult {
        if let Some(l) = location.filter(|l| !actors.contains(l)) {
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
    }
}

/// The entities a subject names. A pronoun left unresolved inside reported speech is the
/// speaker: "Syria says it is willing to withdraw", "the rebels said they will release".
fn subject_entities(tree: &Tree, s: usize) -> Vec<usize> {
    let found = tree.entities_of(s);
    if !found.is_empty() || tree.upos(s) != "PRON" {
        return found;
    }
    if !matches!(tree.word(s), "it" | "they" | "we" | "he" | "she" | "i") {
        return found;
    }
    let mut node = s;
    while let Some(head) = tree.head(node) {
        if is_reporting(&tree.lemma(head)) && matches!(tree.rel(node), "ccomp" | "parataxis") {
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
fn subject(tree: &Tree, v: usize) -> Option<usize> {
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
                .find(|&c| tree.full_rel(c) == "nsubj:pass")
            {
                return Some(p);
            }
        }
        let head = tree.head(node)?;
        via_xcomp = tree.rel(node) == "xcomp";
        match tree.rel(node) {
            "xcomp" | "conj" | "advcl" => node = head,
            // "issued a declaration demanding ...": who issued it demands.
            "acl" if tree.rel(head) == "obj"
                && cues::is_speech_noun(&tree.lemma(head))
                && tree.head(head).is_some() =>
            {
                node = tree.head(head)?;
                via_xcomp = false;
            }
            // "the sanctions it imposed": the noun a relative clause hangs on.
            "acl" if tree.upos(head) != "VERB" => return Some(head),
            _ => return None,
        }
    }
    None
}

const RECIPIENT_PREPOSITIONS: &[&str] = &[
    "with", "to", "against", "on", "from", "toward", "towards", "for", "into", "over", "upon",
    "at", "between", "among", "of",
];

fn verb_arguments(tree: &Tree, x: &Trigger) -> (Vec<usize>, Vec<usize>) {
    let v = x.token;
    let mut actors = Vec::new();
    let mut recipients = Vec::new();
    let passive = tree
        .children(v)
        .iter()
        .copied()
        .find(|&c| tree.full_rel(c) == "nsubj:pass");
    if let Some(p) = passive {
        recipients.extend(tree.entities_of(p));
        for c in tree.children_by(v, &["obl"]) {
            if tree.preposition(c).as_deref() == Some("by") {
                actors.extend(tree.entities_of(c));
            }
        }
    } else if let Some(s) = subject(tree, v) {
        actors.extend(subject_entities(tree, s));
    }
    if let Some(p) = &x.target_preposition {
        for c in tree.children_by(v, &["obl", "nmod"]) {
            if tree.preposition(c).as_deref() == Some(p.as_str()) {
                recipients.extend(tree.entities_of(c));
            }
        }
    }
    if recipients.is_empty() {
        for c in tree.children_by(v, &["obj", "iobj"]) {
            recipients.extend(tree.entities_of(c));
        }
    }
    // "break off relations with Congo", "continue aid to Mozambique": the object's own
    // partner.
    if recipients.is_empty() {
        for c in tree.children_by(v, &["obj"]) {
            for n in tree.children_by(c, &["nmod"]) {
                let prep = tree.preposition(n);
                if prep.as_deref().is_some_and(|p| {
                    matches!(p, "with" | "to" | "against" | "on" | "for" | "from" | "toward" | "towards")
                }) && !is_where(tree, prep.as_deref(), &tree.entities_of(n))
                {
                    recipients.extend(tree.entities_of(n));
                }
            }
        }
    }
    if recipients.is_empty() {
        for c in tree.children_by(v, &["obl"]) {
            let prep = tree.preposition(c);
            // No preposition: a bare noun phrase the parser could not place ("visited China
            // four times").
            if prep.is_none() || prep.as_deref().is_some_and(|p| RECIPIENT_PREPOSITIONS.contains(&p)) {
                let found = tree.entities_of(c);
                // "met on Russky Island": a place after "on"/"at" is where, not whom.
                let where_ = is_where(tree, prep.as_deref(), &found);
                if !where_ {
                    recipients.extend(found);
                }
            }
        }
    }
    // "demanded that the minister be replaced": the content's subject is the target.
    if recipients.is_empty() {
        if let Some(c) = tree.child_by(v, &["ccomp", "xcomp"]) {
            if let Some(s) = tree
                .children(c)
                .iter()
                .copied()
                .find(|&s| tree.rel(s) == "nsubj")
            {
                recipients.extend(tree.entities_of(s));
            } else if let Some(o) = tree.child_by(c, &["obj"]) {
                recipients.extend(tree.entities_of(o));
            }
        }
    }
    (actors, recipients)
}

/// Whether entities after a preposition say where rather than whom: "at" a place, "on" an
/// island or a street (but "sanctions on a state" are against it).
fn is_where(tree: &Tree, prep: Option<&str>, found: &[usize]) -> bool {
    match prep {
        Some("at") => found.iter().all(|&e| tree.is_place(e)),
        Some("on") => found.iter().all(|&e| tree.is_subnational_place(e)),
        _ => false,
    }
}

fn noun_arguments(tree: &Tree, n: usize) -> (Vec<usize>, Vec<usize>) {
    let mut actors = Vec::new();
    let mut recipients = Vec::new();
    for c in tree.children(n).iter().copied() {
        let rel = tree.full_rel(c);
        if rel == "nmod:poss" || rel == "amod" || rel == "compound" {
            actors.extend(tree.entities_of(c));
        } else if tree.rel(c) == "nmod" {
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
            if tree.rel(n) == "obj" && cues::is_light(&tree.lemma(head)) {
                if let Some(s) = subject(tree, head) {
                    actors.extend(tree.entities_of(s));
                }
                for c in tree.children_by(head, &["obl"]) {
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

/// The trigger and the heads it shares its clause's tense, time and place with: up through
/// control, purpose and coordination ("is set to visit", "travel ... to meet"), and from an
/// event noun to the verb it is the subject or object of ("the meeting will occur").
fn clause_path(tree: &Tree, t: usize) -> Vec<usize> {
    let mut path = vec![t];
    let mut node = t;
    while let Some(head) = tree.head(node) {
        let up = match tree.rel(node) {
            "xcomp" | "conj" => true,
            "advcl" => !tree.has_child_word(node, &["mark"], cues::CONDITIONS),
            "nsubj" | "obj" | "obl" => tree.upos(node) != "VERB" && path.len() == 1,
            _ => false,
        };
        if !up || is_reporting(&tree.lemma(head)) {
            break;
        }
        path.push(head);
        node = head;
    }
    path
}

/// Status cues found on one node of the path.
fn node_status(tree: &Tree, node: usize, speech_act: bool) -> Option<EventStatus> {
    let children = tree.children(node);
    let negated = children.iter().any(|&c| {
        matches!(tree.rel(c), "advmod" | "det") && cues::NEGATORS.contains(&tree.word(c))
    });
    if negated {
        return Some(EventStatus::Negated);
    }
    // The event is itself the condition ("if the allies agreed"). A condition set on a
    // demand or threat ("demanded ... if the talks are to continue") hangs on its content
    // instead, and does not make the demand hypothetical.
    if tree.has_child_word(node, &["mark"], cues::CONDITIONS) {
        return Some(EventStatus::Hypothetical);
    }
    let _ = speech_act;
    for &c in children {
        if tree.rel(c) == "aux" {
            if let Some(s) = cues::modal_status(tree.word(c)) {
                return Some(s);
            }
        }
    }
    for &c in children {
        if tree.rel(c) == "amod" {
            if let Some(s) = cues::modifier_status(tree.word(c)) {
                return Some(s);
            }
        }
    }
    if tree.upos(node) == "VERB" || tree.upos(node) == "AUX" {
        let aux_be_present = children.iter().any(|&c| {
            tree.rel(c) == "aux" && matches!(tree.word(c), "is" | "are" | "am" | "'s" | "'re")
        });
        // "are holding talks", "have been protesting for months".
        let perfect_progressive = children
            .iter()
            .any(|&c| tree.rel(c) == "aux" && tree.word(c) == "been")
            && children.iter().any(|&c| {
                tree.rel(c) == "aux" && matches!(tree.word(c), "have" | "has" | "'ve")
            });
        if tree.xpos(node) == "VBG" && (aux_be_present || perfect_progressive) {
            return Some(EventStatus::Ongoing);
        }
        let perfect = children
            .iter()
            .any(|&c| tree.rel(c) == "aux" && tree.lemma(c) == "have");
        if perfect || tree.xpos(node) == "VBD" {
            return Some(EventStatus::Happened);
        }
    }
    None
}

fn status(tree: &Tree, x: &Trigger, path: &[usize]) -> Option<EventStatus> {
    let speech_act = matches!(
        x.kind,
        PloverType::Request
            | PloverType::Threaten
            | PloverType::Accuse
            | PloverType::Agree
            | PloverType::Reject
    );
    let mut found = None;
    for (i, &node) in path.iter().enumerate() {
        if let Some(s) = node_status(tree, node, speech_act) {
            found = Some(s);
            break;
        }
        // "is set to visit", "is expected to meet": the governing head decides, unless it
        // is itself negated ("is not expected to"). The parser hangs the infinitive as xcomp
        // or, as often, as a purpose clause.
        if let Some(&next) = path.get(i + 1) {
            if matches!(tree.rel(node), "xcomp" | "advcl") {
                if let Some(s) = cues::governing_status(&tree.lemma(next)) {
                    found = Some(match node_status(tree, next, speech_act) {
                        Some(EventStatus::Negated) => EventStatus::Negated,
                        _ => s,
                    });
                    break;
                }
            }
        }
    }
    let top = *path.last().expect("the path holds the trigger");
    // "said it would allow": a future seen from a past report is planned, not hypothetical.
    if found == Some(EventStatus::Hypothetical)
        && tree.head(top).is_some_and(|h| is_reporting(&tree.lemma(h)))
        && path.iter().any(|&n| tree.has_child_word(n, &["aux"], &["would", "'d"]))
    {
        found = Some(EventStatus::Planned);
    }
    if found.is_none() && x.verbal {
        let v = x.token;
        let infinitive = tree.has_child_word(v, &["mark"], &["to"]);
        // "plans to impose", "an intention to withdraw": the noun says what the infinitive
        // is.
        if infinitive && tree.rel(v) == "acl" {
            if let Some(s) = tree.head(v).and_then(|n| {
                let lemma = tree.lemma(n);
                let verb_like = match lemma.as_str() {
                    "intention" => "intend",
                    "decision" => "decide",
                    "readiness" | "willingness" => "willing",
                    "expectation" => "expect",
                    "threat" => "threaten",
                    other => other,
                };
                cues::governing_status(verb_like)
            }) {
                return Some(s);
            }
        }
        found = Some(match tree.xpos(top) {
            _ if infinitive && path.len() == 1 && tree.rel(v) == "acl" => EventStatus::Possible,
            "VB" if infinitive => EventStatus::Possible,
            _ => EventStatus::Happened,
        });
    }
    found
}

/// The time expression the event's clause carries: the first node of the path that governs
/// one.
fn time(tree: &Tree, path: &[usize]) -> Option<usize> {
    let doc = tree.doc;
    let first = tree.tokens.start;
    let sentence = Span::new(
        doc.tokens[first].span.start,
        doc.tokens[tree.tokens.end - 1].span.end,
    );
    let mut governed: Vec<(usize, usize)> = Vec::new();
    for (i, timex) in doc.times.iter().enumerate() {
        if timex.span.start < sentence.start || timex.span.end > sentence.end {
            continue;
        }
        if timex.kind == TimexType::Duration || timex.kind == TimexType::Set {
            continue;
        }
        let inside = |t: usize| {
            let s = doc.tokens[t].span;
            s.start >= timex.span.start && s.end <= timex.span.end
        };
        let mut heads = tree
            .tokens
            .clone()
            .filter(|&t| inside(t) && !tree.head(t).is_some_and(inside));
        if let Some(h) = heads.next() {
            let mut gov = tree.head(h);
            // "before the end of the month", "during last month's summit": up through the
            // noun the expression hangs on when that noun is a time word itself.
            if let Some(g) = gov {
                if tree.upos(g) == "NOUN" && !path.contains(&g) && tree.rel(h) != "nmod" {
                    gov = tree.head(g);
                }
            }
            if let Some(g) = gov {
                governed.push((g, i));
            }
        }
    }
    path.iter()
        .find_map(|&node| governed.iter().find(|(g, _)| *g == node).map(|&(_, i)| i))
}

const LOCATIVE: &[&str] = &["in", "at", "on", "near", "inside", "outside", "across"];

/// The place the event happens: a place after a locative preposition on the path, or for a
/// visit, where it goes.
fn location(tree: &Tree, path: &[usize], visit: bool) -> Option<usize> {
    for &node in path {
        for c in tree.children_by(node, &["obl", "nmod", "obj"]) {
            let prep = tree.preposition(c);
            let ok = match prep.as_deref() {
                Some(p) => LOCATIVE.contains(&p) || (visit && p == "to"),
                None => visit && tree.rel(c) == "obj",
            };
            if !ok {
                continue;
            }
            if let Some(e) = tree.entity(c) {
                // "on Russky Island" is where; "sanctions on North Korea" is against whom.
                let on_a_state = prep.as_deref() == Some("on") && !tree.is_subnational_place(e);
                if (tree.is_place(e) || prep.is_some()) && !on_a_state {
                    return Some(e);
                }
            }
        }
    }
    None
}

/// The chain of sources of the event at `t`, nearest first: the reporting verbs it is the
/// content of, "according to" phrases, and reporting verbs set beside its clause ("..., TASS
/// reported").
fn attribution(tree: &Tree, t: usize) -> Vec<Attribution> {
    let mut links: Vec<Attribution> = Vec::new();
    let mut node = t;
    let mut came_from: Option<usize> = None;
    for _ in 0..12 {
        for &c in tree.children(node) {
            if Some(c) == came_from {
                continue;
            }
            let rel = tree.rel(c);
            // "..., the ministry said": set beside the clause, or taken by the parser for a
            // second conjunct (but not "... and said").
            let beside = match rel {
                "parataxis" | "advcl" => true,
                "conj" => tree.child_by(c, &["cc"]).is_none(),
                _ => false,
            };
            if beside && tree.upos(c) == "VERB" && is_reporting(&tree.lemma(c)) && c > node {
                links.extend(reporter(tree, c));
            } else if matches!(rel, "obl" | "nmod" | "advcl")
                && tree.preposition(c).as_deref() == Some("according to")
            {
                links.extend(according_to(tree, c));
            }
        }
        let Some(head) = tree.head(node) else { break };
        // "quoted the minister as saying": the saying's clause hangs on "quoted" as advcl.
        let quoting = tree.rel(node) == "advcl" && matches!(tree.lemma(head).as_str(), "quote" | "cite");
        if is_reporting(&tree.lemma(head))
            && (matches!(tree.rel(node), "ccomp" | "parataxis" | "obj" | "xcomp") || quoting)
        {
            links.extend(reporter(tree, head));
        }
        came_from = Some(node);
        node = head;
    }
    // "..., the state-run agency reported.": a verb of saying after a comma, outside the
    // event's clause, however the parser hung it, when nothing nearer was found.
    if links.is_empty() {
        let dominates = |a: usize, b: usize| {
            let mut n = Some(b);
            while let Some(x) = n {
                if x == a {
                    return true;
                }
                n = tree.head(x);
            }
            false
        };
        if let Some(r) = tree.tokens.clone().filter(|&r| r > t).find(|&r| {
            tree.upos(r) == "VERB"
                && is_reporting(&tree.lemma(r))
                && !dominates(r, t)
                && !dominates(t, r)
                && (t..r).any(|x| tree.word(x) == ",")
                && tree.subject(r).is_some()
        }) {
            links.extend(reporter(tree, r));
        }
    }
    let mut seen = Vec::new();
    links.retain(|l| {
        let new = !seen.contains(&l.span);
        seen.push(l.span);
        new
    });
    links
}

/// The source a reporting verb names: its subject ("Peskov confirmed"), or its agent ("it
/// was reported by Kyodo").
fn reporter(tree: &Tree, verb: usize) -> Option<Attribution> {
    let cue = tree.lemma(verb);
    let source = tree
        .subject(verb)
        .or_else(|| {
            tree.children_by(verb, &["obl"])
                .find(|&c| tree.preposition(c).as_deref() == Some("by"))
        })
        .or_else(|| {
            // "Interfax quoted Ryabkov as saying": who says is what is quoted.
            let head = tree.head(verb)?;
            matches!(tree.lemma(head).as_str(), "quote" | "cite")
                .then(|| tree.child_by(head, &["obj"]))
                .flatten()
        })?;
    Some(Attribution {
        entity: tree.entities_of(source).first().copied(),
        span: tree.phrase_span(source),
        cue: cue_word(&cue),
    })
}

/// "according to X", and "according to sources cited by Y" (X, then Y).
fn according_to(tree: &Tree, phrase: usize) -> Vec<Attribution> {
    let mut out = vec![Attribution {
        entity: tree.entities_of(phrase).first().copied(),
        span: tree.phrase_span(phrase),
        cue: "according to".into(),
    }];
    for acl in tree.children_by(phrase, &["acl"]) {
        if matches!(tree.lemma(acl).as_str(), "cite" | "quote") {
            for by in tree.children_by(acl, &["obl"]) {
                if tree.preposition(by).as_deref() == Some("by") {
                    out.push(Attribution {
                        entity: tree.entities_of(by).first().copied(),
                        span: tree.phrase_span(by),
                        cue: cue_word(&tree.lemma(acl)),
                    });
                }
            }
        }
    }
    out
}

/// The cue as users read it: the past form of the reporting verb ("said", "reported").
fn cue_word(lemma: &str) -> String {
    match lemma {
        "say" => "said".into(),
        "tell" => "told".into(),
        "write" => "wrote".into(),
        "deny" => "denied".into(),
        "admit" => "admitted".into(),
        "broadcast" => "broadcast".into(),
        l if l.ends_with('e') => format!("{l}d"),
        l => format!("{l}ed"),
    }
}
