//! [`Fusion`]: observations in, fused events out.
//!
//! Two observations are *compatible* when they could tell of the same happening (see
//! [`Fusion::compatible`]). Observations are first grouped into the connected components of the
//! compatibility graph; since compatibility is a property of two observations alone, the
//! components depend only on the set of observations, never on the order they came in. Each
//! component touched by new observations is then split again, from scratch, into fused events
//! whose members are all pairwise compatible, taking members in a canonical order: a function
//! of the component's members only. So adding articles later gives exactly what ingesting
//! everything at once would. A fused event is named by its smallest member ([`FusedId`]),
//! which is also independent of arrival order.

use crate::observation::{DateSpan, Observation, Place};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use tidings_doc::{EventStatus, Published};

/// The rules' settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// How many days apart two reports' dates may be and still tell of one happening; also how
    /// many days before publication an undated event may have taken place.
    pub window_days: i64,
    /// PLOVER types whose actors and recipients are interchangeable ("A met B" is "B met A").
    pub symmetric: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            window_days: 3,
            symmetric: vec!["CONSULT".into(), "COOPERATE".into()],
        }
    }
}

/// A fused event's name: its member observation that sorts first (by article id, then event
/// index). It is the same whatever order the articles came in; when two fused events merge,
/// the merged one keeps the smaller name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FusedId {
    pub article: String,
    pub event: usize,
}

impl fmt::Display for FusedId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.article, self.event)
    }
}

/// One happening, told by one or more articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FusedEvent {
    pub id: FusedId,
    /// The PLOVER type (the same for every member).
    pub kind: String,
    /// The members' most frequent mode (ties: the first by name).
    pub mode: Option<String>,
    /// The members' most frequent CAMEO code (ties: the smallest).
    pub cameo: Option<String>,
    /// Every member's actor keys, sorted.
    pub actors: Vec<String>,
    /// Every member's recipient keys, sorted.
    pub recipients: Vec<String>,
    /// The most frequent place finer than a country, else the most frequent country.
    pub place: Option<String>,
    /// The days covering every member's own date (`None` when no member gives one).
    pub date_span: Option<DateSpan>,
    pub article_count: usize,
    /// Distinct outlets among the members (members without an outlet count for none).
    pub outlet_count: usize,
    pub first_seen: Option<Published>,
    pub last_seen: Option<Published>,
    /// Each change of status, in the order the reports were published.
    pub status_history: Vec<StatusChange>,
    /// The member observations (article id, event index), sorted.
    pub members: Vec<FusedId>,
}

/// A report that told of the event with a status other than the report before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusChange {
    pub status: EventStatus,
    pub seen: Option<Published>,
    pub article: String,
    pub event: usize,
    pub sentence: usize,
    /// The sentence that tells of the event with that status.
    pub evidence: String,
}

/// What one [`Fusion::add`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    /// Fused events that are new or gained members (their current ids, sorted).
    pub touched: Vec<FusedId>,
    /// Ids of fused events that were merged into one of `touched` and no longer exist.
    pub retired: Vec<FusedId>,
}

/// The fused events of every observation added so far.
#[derive(Debug, Clone)]
pub struct Fusion {
    config: Config,
    observations: Vec<Observation>,
    by_key: HashMap<FusedId, usize>,
    /// Observations by (type, anchor): every compatible pair shares one (see `anchors`).
    index: HashMap<(String, String), Vec<usize>>,
    parent: Vec<usize>,
    /// The members of each component of the compatibility graph, at its root.
    members: HashMap<usize, Vec<usize>>,
    /// Each component's fused events (see `partition`), at its root.
    fused: HashMap<usize, Vec<Vec<usize>>>,
    /// Each observation's fused event.
    fused_of: Vec<FusedId>,
}

impl Fusion {
    pub fn new(config: Config) -> Fusion {
        Fusion {
            config,
            observations: Vec::new(),
            by_key: HashMap::new(),
            index: HashMap::new(),
            parent: Vec::new(),
            members: HashMap::new(),
            fused: HashMap::new(),
            fused_of: Vec::new(),
        }
    }

    /// Adds observations (an observation already added, by article and event index, is
    /// skipped) and fuses them with everything added before.
    pub fn add(&mut self, observations: Vec<Observation>) -> Update {
        // Names of the fused events in components this call touches, before it.
        let mut before: BTreeSet<FusedId> = BTreeSet::new();
        let mut fresh = Vec::new();
        for obs in observations {
            let key = FusedId {
                article: obs.article.clone(),
                event: obs.event,
            };
            if self.by_key.contains_key(&key) {
                continue;
            }
            let i = self.observations.len();
            self.by_key.insert(key.clone(), i);
            self.parent.push(i);
            self.members.insert(i, vec![i]);
            self.fused.insert(i, vec![vec![i]]);
            self.fused_of.push(key);
            let anchors = anchors(&obs);
            self.observations.push(obs);
            let mut candidates: Vec<usize> = Vec::new();
            for anchor in anchors {
                let slot = self
                    .index
                    .entry((self.observations[i].kind.clone(), anchor))
                    .or_default();
                candidates.extend(slot.iter().copied());
                slot.push(i);
            }
            candidates.sort_unstable();
            candidates.dedup();
            for j in candidates {
                if self.find(i) == self.find(j) {
                    continue;
                }
                if self.compatible(&self.observations[i], &self.observations[j]) {
                    for &m in &self.members[&self.find(j)] {
                        if m < i && !fresh.contains(&m) {
                            before.insert(self.fused_of[m].clone());
                        }
                    }
                    self.union(i, j);
                }
            }
            fresh.push(i);
        }
        let roots: BTreeSet<usize> = fresh.iter().map(|&i| self.find(i)).collect();
        let mut touched: BTreeSet<FusedId> = BTreeSet::new();
        for root in roots {
            let parts = self.partition(&self.members[&root]);
            for part in &parts {
                let id = self.key_of(part[0]);
                for &m in part {
                    self.fused_of[m] = id.clone();
                }
                touched.insert(id);
            }
            self.fused.insert(root, parts);
        }
        Update {
            retired: before.difference(&touched).cloned().collect(),
            touched: touched.into_iter().collect(),
        }
    }

    /// Every fused event, sorted by id.
    pub fn events(&self) -> Vec<FusedEvent> {
        let mut events: Vec<FusedEvent> = self
            .fused
            .values()
            .flatten()
            .map(|part| self.event_of(part))
            .collect();
        events.sort_by(|a, b| a.id.cmp(&b.id));
        events
    }

    /// The fused event with this id.
    pub fn event(&self, id: &FusedId) -> Option<FusedEvent> {
        let &i = self.by_key.get(id)?;
        if self.fused_of[i] != *id {
            return None;
        }
        self.fused[&self.find(i)]
            .iter()
            .find(|part| part.contains(&i))
            .map(|part| self.event_of(part))
    }

    /// The fused event that event `event` of article `article` belongs to.
    pub fn assignment(&self, article: &str, event: usize) -> Option<FusedId> {
        let key = FusedId {
            article: article.to_string(),
            event,
        };
        self.by_key.get(&key).map(|&i| self.fused_of[i].clone())
    }

    /// How many fused events there are.
    pub fn len(&self) -> usize {
        self.fused.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.fused.is_empty()
    }

    /// Splits a component into fused events whose members are all pairwise compatible:
    /// compatibility is not transitive ("X met Y" and "X met Z" both fit "X met"), and a chain
    /// of reports must not make one happening of two. Members are taken in a canonical order
    /// (by name), so the split depends on the component's members only, never on arrival
    /// order. Each joins, of the fused events whose every member it fits, the one it has most
    /// in common with (parties and towns shared with its members; the first among equals):
    /// a report that names no party fits the events of several stories, and the first in
    /// name order is no better a guess than any. Each part is sorted.
    fn partition(&self, component: &[usize]) -> Vec<Vec<usize>> {
        let mut order: Vec<usize> = component.to_vec();
        order.sort_by_key(|&m| self.key_of(m));
        let mut parts: Vec<Vec<usize>> = Vec::new();
        for m in order {
            let o = &self.observations[m];
            let fits = |part: &Vec<usize>| {
                part.iter()
                    .all(|&p| self.compatible(o, &self.observations[p]))
            };
            let (parties, places) = (pooled(o), towns(o));
            let in_common = |part: &Vec<usize>| -> usize {
                part.iter()
                    .map(|&p| {
                        let q = &self.observations[p];
                        let shared = pooled(q).iter().filter(|k| parties.contains(k)).count();
                        let near = towns(q).iter().any(|y| places.iter().any(|x| x.near(y)));
                        shared + near as usize
                    })
                    .sum()
            };
            let best = parts
                .iter()
                .enumerate()
                .filter(|(_, part)| fits(part))
                .max_by_key(|&(i, part)| (in_common(part), std::cmp::Reverse(i)))
                .map(|(i, _)| i);
            match best {
                Some(i) => parts[i].push(m),
                None => parts.push(vec![m]),
            }
        }
        parts
    }

    /// Whether two observations could tell of the same happening:
    /// - they come from different articles (an article's record already gathers what it says
    ///   of one event), except for events tied to the same town (below): an article's "seven
    ///   were killed" and "dozens were injured" in the town it is set in are one crash;
    /// - the same PLOVER type, and modes equal or one unknown;
    /// - parties fit: for each role, one report's parties include the other's or the two share
    ///   one (a report may name fewer or other parties beside the shared one, not only
    ///   different ones); for symmetric types, actors and recipients are pooled first and must
    ///   nest; and they share a party or a place finer than a country,
    ///   so that two events without parties are never taken for one by that alone;
    /// - a report that names no party ("the probe found nothing new") is read in its article's
    ///   context: it shares a party with a report from an article about the same people (the
    ///   two articles' casts, [`Observation::cast`], share at least [`SHARED_CAST`] actors)
    ///   when that report names one of its own article's cast, or no party either;
    /// - or, for attacks, repression, protests and mobilization, they are tied to the same or
    ///   nearby towns (see the comment in the body);
    /// - places: unknown on one side, equal, or one is the country the other lies in;
    /// - dates ([`Observation`]'s own date, else the days up to publication) no more than
    ///   `window_days` apart; a month or a year includes its days.
    pub fn compatible(&self, a: &Observation, b: &Observation) -> bool {
        if a.kind != b.kind {
            return false;
        }
        if matches!((&a.mode, &b.mode), (Some(x), Some(y)) if x != y) {
            return false;
        }
        let symmetric = self.config.symmetric.contains(&a.kind);
        let nested = |x: &[String], y: &[String]| subset(x, y) || subset(y, x);
        // A role fits when one report's parties include the other's, or both name one
        // party in common: "blamed the FBI" and "blamed the FBI and Comey" tell of one
        // blame, and so do "blamed the FBI and Comey" and "blamed Comey and the US", where
        // each report has picked up one more party from how its sentence was parsed.
        let overlap = |x: &[String], y: &[String]| nested(x, y) || x.iter().any(|p| y.contains(p));
        let parties_fit = if symmetric {
            nested(&pooled(a), &pooled(b))
        } else {
            overlap(&a.actors, &b.actors) && overlap(&a.recipients, &b.recipients)
        };
        let shared_party =
            pooled(a).iter().any(|p| pooled(b).contains(p)) || shared_in_context(a, b);
        let shared_place = matches!((&a.place, &b.place),
            (Some(x), Some(y)) if x.key == y.key && !x.is_country());
        // Attacks, repression and protests are known by where and when they happened more
        // than by how each report codes who did it ("five shot in Seattle", "Seattle shooting
        // near an anti-Trump protest"): a town both name, as the place or as a party, or towns
        // within `Place::NEAR_KM` of each other ("in Croydon", "in south London"), stand for the
        // parties. A report that names no party and no place ("seven were killed") tells of the
        // town its article is set in.
        let same_town =
            located(&a.kind) && towns(a).iter().any(|x| towns(b).iter().any(|y| x.near(y)));
        if a.article == b.article && !same_town {
            return false;
        }
        if !parties_fit && !same_town {
            return false;
        }
        if !shared_party && !shared_place && !same_town {
            return false;
        }
        if let (Some(x), Some(y)) = (&a.place, &b.place) {
            if !places_fit(x, y) {
                return false;
            }
        }
        let w = self.config.window_days;
        match (a.when(w), b.when(w)) {
            (Some(x), Some(y)) => x.gap(&y) <= w,
            _ => true,
        }
    }

    fn find(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }

    /// Joins the components of `a` and `b`, the smaller into the larger (so `find` stays short).
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (big, small) = if self.members[&ra].len() >= self.members[&rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.fused.remove(&small);
        let moved = self.members.remove(&small).unwrap_or_default();
        for &m in &moved {
            self.parent[m] = big;
        }
        self.members.entry(big).or_default().extend(moved);
    }

    fn key_of(&self, i: usize) -> FusedId {
        let o = &self.observations[i];
        FusedId {
            article: o.article.clone(),
            event: o.event,
        }
    }

    /// The fused event of these members.
    fn event_of(&self, part: &[usize]) -> FusedEvent {
        let mut members: Vec<&Observation> = part.iter().map(|&m| &self.observations[m]).collect();
        // The order reports were published in (undated reports last), then by name.
        members.sort_by(|a, b| {
            (a.published.is_none(), a.published, &a.article, a.event).cmp(&(
                b.published.is_none(),
                b.published,
                &b.article,
                b.event,
            ))
        });
        let union = |f: fn(&Observation) -> &Vec<String>| -> Vec<String> {
            let set: BTreeSet<&String> = members.iter().flat_map(|m| f(m)).collect();
            set.into_iter().cloned().collect()
        };
        let places = members.iter().filter_map(|m| m.place.as_ref());
        let place = most_frequent(places.clone().filter(|p| !p.is_country()).map(|p| &p.key))
            .or_else(|| most_frequent(places.map(|p| &p.key)));
        let date_span = members
            .iter()
            .filter_map(|m| m.date.as_deref().and_then(DateSpan::parse))
            .reduce(|a, b| a.hull(&b));
        let articles: BTreeSet<&str> = members.iter().map(|m| m.article.as_str()).collect();
        let outlets: BTreeSet<&str> = members.iter().filter_map(|m| m.outlet.as_deref()).collect();
        let seen: Vec<Published> = members.iter().filter_map(|m| m.published).collect();
        let mut status_history: Vec<StatusChange> = Vec::new();
        for m in &members {
            if status_history.last().is_some_and(|s| s.status == m.status) {
                continue;
            }
            status_history.push(StatusChange {
                status: m.status,
                seen: m.published,
                article: m.article.clone(),
                event: m.event,
                sentence: m.sentence,
                evidence: m.evidence.clone(),
            });
        }
        let mut ids: Vec<FusedId> = part.iter().map(|&m| self.key_of(m)).collect();
        ids.sort();
        FusedEvent {
            id: ids[0].clone(),
            kind: members[0].kind.clone(),
            mode: most_frequent(members.iter().filter_map(|m| m.mode.as_ref())),
            cameo: most_frequent(members.iter().filter_map(|m| m.cameo.as_ref())),
            actors: union(|m| &m.actors),
            recipients: union(|m| &m.recipients),
            place,
            date_span,
            article_count: articles.len(),
            outlet_count: outlets.len(),
            first_seen: seen.iter().min().copied(),
            last_seen: seen.iter().max().copied(),
            status_history,
            members: ids,
        }
    }
}

/// How many actors two articles' casts must share for a report without parties in one to be
/// read as telling of the people of the other: two, since one party in common (a president,
/// a country) is what many unrelated stories of the same days share.
pub const SHARED_CAST: usize = 2;

/// Whether `a` and `b` share a party through the context of a report that names none (see
/// [`Fusion::compatible`]).
fn shared_in_context(a: &Observation, b: &Observation) -> bool {
    let (a_named, b_named) = (!pooled(a).is_empty(), !pooled(b).is_empty());
    if a_named && b_named {
        return false;
    }
    let common = a.cast.iter().filter(|p| b.cast.contains(p)).count();
    if common < SHARED_CAST {
        return false;
    }
    // The named report must name someone the other report's article is about.
    let names_cast = |named: &Observation, other: &Observation| {
        pooled(named).iter().any(|p| other.cast.contains(p))
    };
    match (a_named, b_named) {
        (true, _) => names_cast(a, b),
        (_, true) => names_cast(b, a),
        _ => true,
    }
}

/// The keys under which an observation is indexed: its parties (for a report without parties,
/// its article's cast), and its place when finer than a country. Every compatible pair shares
/// one, so candidates are found without comparing all pairs.
fn anchors(o: &Observation) -> Vec<String> {
    let parties = pooled(o);
    let parties = if parties.is_empty() {
        o.cast.clone()
    } else {
        parties
    };
    let mut anchors: Vec<String> = parties.into_iter().map(|p| format!("party {p}")).collect();
    if let Some(place) = o.place.as_ref().filter(|p| !p.is_country()) {
        anchors.push(format!("place {}", place.key));
    }
    if located(&o.kind) {
        for town in towns(o) {
            anchors.push(format!("place {}", town.key));
            anchors.extend(grid_cells(town));
        }
    }
    anchors.sort();
    anchors.dedup();
    anchors
}

/// Types whose happenings are known by where they took place (see [`Fusion::compatible`]).
fn located(kind: &str) -> bool {
    matches!(kind, "ASSAULT" | "COERCE" | "PROTEST" | "MOBILIZE")
}

/// The towns an observation is tied to: its place and the parties that are towns; for an event
/// that names neither a party nor a place, the article's setting.
fn towns(o: &Observation) -> Vec<&Place> {
    let own: Vec<&Place> = o
        .place
        .iter()
        .chain(&o.party_places)
        .filter(|p| !p.is_country())
        .collect();
    if own.is_empty() && o.place.is_none() && o.actors.is_empty() && o.recipients.is_empty() {
        return o.setting.iter().filter(|p| !p.is_country()).collect();
    }
    own
}

/// Anchors for towns near one another: the grid cell of the town's coordinates and its eight
/// neighbours. Cells are half a degree on a side, wider than [`Place::NEAR_KM`] at latitudes
/// below 60°, so two towns within that distance share an anchor (further north, the closest
/// pairs still do).
fn grid_cells(town: &Place) -> Vec<String> {
    let Some((lat, lon)) = town.geo.as_ref().and_then(|g| Some((g.lat?, g.lon?))) else {
        return Vec::new();
    };
    let (row, col) = ((lat * 2.0).floor() as i64, (lon * 2.0).floor() as i64);
    let mut cells = Vec::with_capacity(9);
    for dr in -1..=1 {
        for dc in -1..=1 {
            cells.push(format!("cell {} {}", row + dr, col + dc));
        }
    }
    cells
}

fn pooled(o: &Observation) -> Vec<String> {
    let mut all: Vec<String> = o.actors.iter().chain(&o.recipients).cloned().collect();
    all.sort();
    all.dedup();
    all
}

fn subset(small: &[String], big: &[String]) -> bool {
    small.iter().all(|s| big.contains(s))
}

fn places_fit(a: &Place, b: &Place) -> bool {
    let within = |country: &Place, other: &Place| {
        country.is_country() && other.country.is_some() && country.country == other.country
    };
    a.key == b.key || within(a, b) || within(b, a)
}

/// The most frequent value; ties go to the smallest, so the result never depends on order.
fn most_frequent<'a>(values: impl Iterator<Item = &'a String>) -> Option<String> {
    let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|&(_, c)| c == best)
        .map(|(v, _)| v.clone())
}
