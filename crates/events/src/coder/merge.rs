//! One happening, one event: the mentions of the same event across an article are joined.
//!
//! Two mentions are one happening when they have the same type and mode (any mode for an
//! assault, whose manner changes with the word telling it: "rammed", "the blast"), the same
//! kind of status (it happened, it may happen, it did not), parties that agree (each side
//! either unnamed or sharing someone with the other; a place standing in for an unnamed target
//! names no one), places that agree (the same, or a country and a place in it) and dates that
//! agree. A mention that names no
//! party at all ("the summit", "the visit") is an anaphor: it joins the nearest such event
//! in the same or the two sentences before, and is dropped when there is none. A verb without
//! named parties still makes an event of its own.

use super::mention::Mention;
use crate::plover::PloverType;
use tidings_doc::{Attribution, Doc, Event, EventStatus, Evidence, TimexType};

/// How far back (in sentences) "the summit" may refer.
const ANAPHOR_WINDOW: usize = 2;

#[derive(PartialEq, Eq, Clone, Copy)]
enum Reality {
    Real,
    Unreal,
    Negative,
}

fn reality(status: Option<EventStatus>) -> Option<Reality> {
    use EventStatus::*;
    status.map(|s| match s {
        Happened | Ongoing => Reality::Real,
        Planned | Expected | Possible | Hypothetical => Reality::Unreal,
        Negated | Denied => Reality::Negative,
    })
}

/// A resolved calendar value (`2019-04-25`, `2019-04`), or `None` for `PAST_REF` and the like.
fn calendar(doc: &Doc, time: Option<usize>) -> Option<&str> {
    let t = &doc.times[time?];
    (t.kind == TimexType::Date && t.value.as_bytes().first().is_some_and(u8::is_ascii_digit))
        .then_some(t.value.as_str())
}

fn overlap(a: &[usize], b: &[usize]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|x| b.contains(x))
}

struct Group {
    mentions: Vec<Mention>,
}

impl Group {
    /// The group's actors and recipients. A place that only stands in for a doer nobody
    /// named is an actor only when no mention names one.
    fn parties(&self) -> (Vec<usize>, Vec<usize>) {
        let mut actors = self.named_actors();
        if actors.is_empty() {
            actors = each_once(self.mentions.iter().map(|m| m.actors.as_slice()));
        }
        let mut recipients = Vec::new();
        for m in &self.mentions {
            for &r in &m.recipients {
                if !recipients.contains(&r) && !actors.contains(&r) {
                    recipients.push(r);
                }
            }
        }
        (actors, recipients)
    }

    /// The actors the group's mentions name (see [`named_actors`]), each once.
    fn named_actors(&self) -> Vec<usize> {
        each_once(self.mentions.iter().map(named_actors))
    }

    /// Whether the group is only verbs coded by their dictionary block's default code (no
    /// pattern matched), that are no material act in themselves, with nobody named on either
    /// side and no group or several people as the doer:
    /// "I didn't think", "we are going to respond", "witnesses heard shots", "police are
    /// gathering information", "the package contained screws", "was caught on video".
    /// CAMEO's blocks give every verb a code (THINK and CONSIDER 040, GO and LEAVE 040, TAKE
    /// and CATCH 17), which PETRARCH only ever applies between a source and a target actor;
    /// without either, such a verb is ordinary narration, not an event.
    fn is_idle_default(&self) -> bool {
        let (actors, recipients) = self.parties();
        actors.is_empty()
            && recipients.is_empty()
            && self.mentions.iter().all(|m| {
                m.verbal && !m.by_pattern && !m.collective_subject && !is_material_act(&m.cameo)
            })
    }

    fn reality(&self) -> Option<Reality> {
        self.mentions.iter().find_map(|m| reality(m.status))
    }

    fn date<'d>(&self, doc: &'d Doc) -> Option<&'d str> {
        self.mentions.iter().find_map(|m| calendar(doc, m.time))
    }

    fn last_sentence(&self) -> usize {
        self.mentions.iter().map(|m| m.sentence).max().unwrap_or(0)
    }

    /// `recipients` without those that are only a mention's place standing in.
    fn without_place_standing_in(&self, recipients: Vec<usize>) -> Vec<usize> {
        recipients
            .into_iter()
            .filter(|r| self.mentions.iter().any(|m| named_recipients(m).contains(r)))
            .collect()
    }

    /// Where the group's happening takes place: the first place a mention gives.
    fn location(&self) -> Option<usize> {
        self.mentions.iter().find_map(|m| m.location)
    }

    /// Whether `m` tells of this group's happening.
    fn accepts(&self, doc: &Doc, m: &Mention) -> bool {
        self.accepts_within(doc, m, ANAPHOR_WINDOW)
    }

    /// Whether `m`, an anaphor, tells of this group's happening however far back it was told.
    fn accepts_from_afar(&self, doc: &Doc, m: &Mention) -> bool {
        self.accepts_within(doc, m, usize::MAX / 2)
    }

    /// Whether `m` tells of this group's happening, a mention without parties only when the
    /// group was last told at most `window` sentences before.
    fn accepts_within(&self, doc: &Doc, m: &Mention, window: usize) -> bool {
        let first = &self.mentions[0];
        // An attack's manner varies with the word that tells it ("rammed", "the blast",
        // "killing four", "injured"): for an assault the mode is no reason to keep two
        // mentions apart, where for a meeting or a visit it is.
        let material = first.kind == PloverType::Assault;
        if first.kind != m.kind || (first.mode != m.mode && !material) {
            return false;
        }
        if let (Some(a), Some(b)) = (self.location(), m.location) {
            if !places_agree(doc, a, b) {
                return false;
            }
        }
        if let (Some(a), Some(b)) = (self.reality(), reality(m.status)) {
            if a != b {
                return false;
            }
        }
        if let (Some(a), Some(b)) = (self.date(doc), calendar(doc, m.time)) {
            if !(a.starts_with(b) || b.starts_with(a)) {
                return false;
            }
        }
        // A place standing in for an unnamed doer names no one to agree or disagree with,
        // but the group still has a doer: a mention naming one may join it.
        let (any_actors, recipients) = self.parties();
        let named = self.mentions.iter().any(|m| !named_actors(m).is_empty());
        let actors = if named { any_actors.clone() } else { Vec::new() };
        let recipients = self.without_place_standing_in(recipients);
        let m_actors = named_actors(m);
        let m_recipients = named_recipients(m);
        if m_actors.is_empty() && m_recipients.is_empty() {
            return m.sentence <= self.last_sentence() + window;
        }
        if any_actors.is_empty() && recipients.is_empty() {
            return false;
        }
        // Meetings are symmetric: "A met B" and "B and A met" are one meeting.
        if first.mode.as_deref() == Some("meeting") {
            let mine: Vec<usize> = actors.iter().chain(&recipients).copied().collect();
            let theirs: Vec<usize> = m_actors.iter().chain(&m.recipients).copied().collect();
            let shared = theirs.iter().filter(|p| mine.contains(p)).count();
            return shared > 0
                && (shared == theirs.len() || shared == mine.len() || theirs.len() == 1);
        }
        overlap(&actors, m_actors)
            && overlap(&recipients, m_recipients)
            && (!actors.is_empty() || !m_actors.is_empty() || overlap(&recipients, m_recipients))
    }
}

/// A mention's recipients, without the place it happens in when that place only stands in for
/// a target nobody named ("fighters attacked in the city of X": X is where, not whom).
fn named_recipients(m: &Mention) -> &[usize] {
    match (m.recipients.as_slice(), m.location) {
        ([only], Some(l)) if *only == l => &[],
        (all, _) => all,
    }
}

/// The entities of `lists`, each once, in order of first appearance.
fn each_once<'a>(lists: impl Iterator<Item = &'a [usize]>) -> Vec<usize> {
    let mut out = Vec::new();
    for list in lists {
        for &e in list {
            if !out.contains(&e) {
                out.push(e);
            }
        }
    }
    out
}

/// A mention's actors, without the place it happens in when that place only stands in for a
/// doer nobody named ("gunmen attacked the building in the city of X": the gunmen have no
/// country of their own, so X's entity codes them, but X did not attack). Such a mention joins
/// an event as one that names no doer.
fn named_actors(m: &Mention) -> &[usize] {
    match (m.actors.as_slice(), m.location) {
        ([only], Some(l)) if *only == l => &[],
        (all, _) => all,
    }
}

/// Whether two places can be where one happening took place: the same place, or a country
/// and a place in it.
fn places_agree(doc: &Doc, a: usize, b: usize) -> bool {
    let country = |e: usize| {
        let entity = &doc.entities[e];
        entity
            .kb_id
            .as_deref()
            .and_then(|id| id.strip_prefix("country:"))
            .map(str::to_string)
    };
    let within = |wide: usize, narrow: usize| {
        country(wide).is_some_and(|c| doc.entities[narrow].country.as_deref() == Some(c.as_str()))
    };
    a == b || within(a, b) || within(b, a)
}

/// Whether a source is named only by a pronoun or a common noun phrase ("It added", "the
/// minister said", "the statement said"): it stands for the source named before it.
fn is_anaphoric(doc: &Doc, a: &Attribution) -> bool {
    if a.entity.is_some() {
        return false;
    }
    let text = doc.slice(a.span);
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [one] => matches!(
            one.to_lowercase().as_str(),
            "it" | "he" | "she" | "they" | "we"
        ),
        [det, rest @ ..] if rest.len() <= 2 => {
            matches!(det.to_lowercase().as_str(), "the" | "this" | "that")
                && rest
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_lowercase))
        }
        _ => false,
    }
}

/// Sources named by a pronoun or description take the source named last before them.
fn resolve_sources(doc: &Doc, mentions: &mut [Mention]) {
    let mut last_named: Option<Attribution> = None;
    for m in mentions.iter_mut() {
        let mut named_here = None;
        for a in m.attribution.iter_mut() {
            if is_anaphoric(doc, a) {
                if let Some(named) = &last_named {
                    a.entity = named.entity;
                    a.span = named.span;
                }
            } else if named_here.is_none() {
                named_here = Some(a.clone());
            }
        }
        if named_here.is_some() {
            last_named = named_here;
        }
    }
}

/// "The two leaders met": a pair named by a description is the last pair of parties told in
/// the same or the two sentences before.
fn resolve_pairs(mentions: &mut [Mention]) {
    for i in 0..mentions.len() {
        if !mentions[i].pair {
            continue;
        }
        let sentence = mentions[i].sentence;
        let pair = mentions[..i].iter().rev().find_map(|m| {
            let parties: Vec<usize> = m.actors.iter().chain(&m.recipients).copied().collect();
            (m.sentence + ANAPHOR_WINDOW >= sentence && parties.len() == 2).then_some(parties)
        });
        if let Some(parties) = pair {
            mentions[i].recipients.retain(|r| !parties.contains(r));
            mentions[i].actors = parties;
        }
    }
}

/// Joins mentions into events, in order of first mention.
pub(crate) fn merge(doc: &Doc, mut mentions: Vec<Mention>) -> Vec<Event> {
    resolve_sources(doc, &mut mentions);
    resolve_pairs(&mut mentions);
    let mut groups: Vec<Group> = Vec::new();
    for m in mentions {
        // A definite noun without parties ("the summit") only ever refers back; a verb or an
        // indefinite noun without named parties ("thousands staged demonstrations", "would
        // resume attacks") still reports an event.
        let anaphor = m.joins_only
            || (!m.verbal && m.actors.is_empty() && m.recipients.is_empty() && m.definite);
        // The most recent matching event: later mentions usually pick up the latest one.
        // An attack told again by a definite noun ("the bombing", "after the attacks") may
        // refer back across the whole article: articles about one attack keep coming back to
        // it, and the noun would otherwise be lost.
        let target = groups.iter().rposition(|g| g.accepts(doc, &m)).or_else(|| {
            (anaphor && m.kind == PloverType::Assault)
                .then(|| groups.iter().rposition(|g| g.accepts_from_afar(doc, &m)))
                .flatten()
        });
        match target {
            Some(i) => groups[i].mentions.push(m),
            None if anaphor => {}
            None => groups.push(Group { mentions: vec![m] }),
        }
    }
    groups
        .into_iter()
        .filter(|g| !g.is_idle_default())
        .map(|g| event(doc, g))
        .collect()
}

/// Whether a CAMEO code is a material act in itself, which a sentence reports even when
/// nobody is named: an assault, fighting or mass violence (roots 18-20: "a bomb exploded",
/// "shots were fired") or an arrest (173: "she was arrested"). Other coercion (17: "took",
/// "caught", "removed"), force postures, reduced relations and protests without a named
/// party or a collective doer are mostly everyday verbs' block defaults (measured on the
/// WikiEvents dev articles, where "she was arrested" was the one such kind of event lost).
fn is_material_act(cameo: &str) -> bool {
    let root = cameo.get(..2).and_then(|r| r.parse::<u32>().ok());
    root.is_some_and(|r| (18..=20).contains(&r)) || cameo.starts_with("173")
}

/// The status most of the mentions give: a verb counts twice as much as a noun.
fn vote(mentions: &[Mention]) -> EventStatus {
    let mut tally: Vec<(EventStatus, usize)> = Vec::new();
    for m in mentions {
        if let Some(s) = m.status {
            let weight = if m.verbal { 2 } else { 1 };
            match tally.iter_mut().find(|(t, _)| *t == s) {
                Some((_, n)) => *n += weight,
                None => tally.push((s, weight)),
            }
        }
    }
    // Ties go to the earliest status mentioned.
    let mut best: Option<(EventStatus, usize)> = None;
    for (s, n) in tally {
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((s, n));
        }
    }
    best.map_or(EventStatus::Happened, |(s, _)| s)
}

fn event(doc: &Doc, g: Group) -> Event {
    let (actors, recipients) = g.parties();
    let mentions = &g.mentions;
    let first = &mentions[0];
    let status = vote(mentions);
    // The most specific calendar date any mention gives ("Thursday" over "this month").
    let time = mentions
        .iter()
        .filter_map(|m| calendar(doc, m.time).map(|v| (v.len(), m.time)))
        .max_by_key(|&(len, _)| len)
        .and_then(|(_, t)| t)
        .or_else(|| mentions.iter().find_map(|m| m.time));
    let date = calendar(doc, time).map(str::to_string).or_else(|| {
        // Without a date of its own, an event that took place is dated by the article; one
        // still to come has no date yet.
        matches!(status, EventStatus::Happened | EventStatus::Ongoing)
            .then(|| doc.article().published.map(|p| p.date.to_string()))
            .flatten()
    });
    let mut attribution = Vec::new();
    for m in mentions {
        for a in &m.attribution {
            if !attribution.iter().any(|b: &Attribution| b.span == a.span) {
                attribution.push(a.clone());
            }
        }
    }
    let quotes: Vec<_> = mentions
        .iter()
        .flat_map(|m| m.quotes.iter().copied())
        .collect();
    // The code of a verb chosen by a pattern says most; then any verb; then the first noun.
    let coded = mentions
        .iter()
        .find(|m| m.by_pattern)
        .or_else(|| mentions.iter().find(|m| m.verbal))
        .unwrap_or(first);
    // CAMEO 036 is the intent to meet. A meeting that took place is a meeting (040), whatever
    // pattern coded one of its words ("met at the White House" is 036 in CAMEO.2.0); a promise
    // to meet stays an intent (its type is AGREE, not CONSULT).
    let cameo = if first.kind == PloverType::Consult
        && coded.cameo.starts_with("036")
        && matches!(status, EventStatus::Happened | EventStatus::Ongoing)
    {
        "040".to_string()
    } else {
        coded.cameo.clone()
    };
    let base = if coded.by_pattern {
        0.8
    } else if coded.verbal {
        0.65
    } else {
        0.5
    };
    // As in PETRARCH, events are between actors: with no party the knowledge base can place
    // (a code or a country), the event is kept but trusted half as much ("the car passed the
    // truck" is seldom what a user of event data wants).
    let placed = actors.iter().chain(&recipients).any(|&p| {
        let entity = &doc.entities[p];
        entity.code.is_some() || entity.country.is_some()
    });
    let base = if placed { base } else { base / 2.0 };
    let confidence = (base + 0.05 * (mentions.len() - 1) as f32).min(0.95);
    Event {
        kind: first.kind.as_str().to_string(),
        mode: first.mode.clone(),
        cameo: Some(cameo),
        trigger: first.trigger_span,
        actors,
        recipients,
        location: mentions.iter().find_map(|m| m.location),
        time,
        date,
        status,
        attribution,
        // Joined once all quotes are in, cross-sentence ones included (`EventCoder::events`).
        quote: None,
        sentence: first.sentence,
        confidence,
        // Mention by mention, each trigger before the words folded into it, so that the first
        // evidence is the event's trigger.
        evidence: mentions
            .iter()
            .flat_map(|m| {
                std::iter::once(m.trigger_span)
                    .chain(m.also.iter().copied())
                    .map(|trigger| Evidence {
                        sentence: m.sentence,
                        trigger,
                    })
            })
            .collect(),
        quotes,
    }
}
