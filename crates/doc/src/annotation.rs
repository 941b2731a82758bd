//! The annotations that layers attach to a [`crate::Doc`].

use crate::Span;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// A sentence: its character span and the range of its tokens in `Doc::tokens`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
}

/// A token: its character span, and whether white space follows it in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub space_after: bool,
}

/// The syntax layer's analysis of one token (parallel to `Doc::tokens`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TokenSyntax {
    /// Universal POS tag, e.g. `PROPN`.
    pub upos: Label,
    /// Penn Treebank tag, e.g. `NNP`.
    pub xpos: Label,
    pub lemma: String,
    /// Index of the head token in `Doc::tokens`, `None` for the root of a sentence.
    pub head: Option<usize>,
    /// Universal Dependencies relation to the head, e.g. `nsubj`.
    pub deprel: Label,
}

/// A name from a model's small, fixed set of tags or relations (`PROPN`, `NNP`, `nsubj`).
/// The model makes each name once and tokens share it, so tagging a token copies a pointer
/// rather than allocating a string. Reads as a `&str` (`as_str`, deref, `== "NNP"`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Label(Arc<str>);

impl Label {
    pub fn new(name: &str) -> Label {
        Label(Arc::from(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Label {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Label {
    fn from(name: &str) -> Label {
        Label::new(name)
    }
}

impl From<String> for Label {
    fn from(name: String) -> Label {
        Label(Arc::from(name))
    }
}

impl PartialEq<str> for Label {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Label {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Label {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl fmt::Debug for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The four TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    /// Parses a TimeML `type` attribute.
    pub fn parse(s: &str) -> Option<TimexType> {
        match s {
            "DATE" => Some(TimexType::Date),
            "TIME" => Some(TimexType::Time),
            "DURATION" => Some(TimexType::Duration),
            "SET" => Some(TimexType::Set),
            _ => None,
        }
    }
}

impl fmt::Display for TimexType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A TIMEX3 `mod` value: how the expression qualifies its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexMod {
    Before,
    After,
    OnOrBefore,
    OnOrAfter,
    LessThan,
    MoreThan,
    EqualOrLess,
    EqualOrMore,
    Start,
    Mid,
    End,
    Approx,
}

impl TimexMod {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexMod::Before => "BEFORE",
            TimexMod::After => "AFTER",
            TimexMod::OnOrBefore => "ON_OR_BEFORE",
            TimexMod::OnOrAfter => "ON_OR_AFTER",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
        }
    }

    /// Parses a TimeML `mod` attribute.
    pub fn parse(s: &str) -> Option<TimexMod> {
        Some(match s {
            "BEFORE" => TimexMod::Before,
            "AFTER" => TimexMod::After,
            "ON_OR_BEFORE" => TimexMod::OnOrBefore,
            "ON_OR_AFTER" => TimexMod::OnOrAfter,
            "LESS_THAN" => TimexMod::LessThan,
            "MORE_THAN" => TimexMod::MoreThan,
            "EQUAL_OR_LESS" => TimexMod::EqualOrLess,
            "EQUAL_OR_MORE" => TimexMod::EqualOrMore,
            "START" => TimexMod::Start,
            "MID" => TimexMod::Mid,
            "END" => TimexMod::End,
            "APPROX" => TimexMod::Approx,
            _ => return None,
        })
    }
}

/// A time expression found in the text, normalized against the publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    pub span: Span,
    pub kind: TimexType,
    /// The TIMEX3 value: `2019-04-25`, `2019-W17`, `P13M`, `PAST_REF`, `XXXX-XX-XX`, ...
    pub value: String,
    pub modifier: Option<TimexMod>,
    /// For SET: the frequency/quantity as TIMEX3 writes them (`1X`, `EVERY`).
    pub freq: Option<String>,
    pub quant: Option<String>,
}

/// The CoNLL entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Org,
    Loc,
    Misc,
}

impl EntityType {
    /// The record's spelling: PERSON, ORG, LOC, MISC.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// The CoNLL tag suffix: PER, ORG, LOC, MISC.
    pub fn conll_tag(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses either spelling (PER or PERSON, ...).
    pub fn parse(s: &str) -> Option<EntityType> {
        match s {
            "PER" | "PERSON" => Some(EntityType::Person),
            "ORG" => Some(EntityType::Org),
            "LOC" => Some(EntityType::Loc),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }
}

/// A named-entity mention: a span of text and its type, before linking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityType,
}

/// Coordinates of a place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Geo {
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<u64>,
}

impl Geo {
    /// Great-circle distance in kilometres to `other`, when both have coordinates.
    ///
    /// ```
    /// use tidings_doc::Geo;
    /// let at = |lat, lon| Geo { lat: Some(lat), lon: Some(lon), geonames_id: None };
    /// let km = at(51.5085, -0.1257).distance_km(&at(51.3713, -0.1014)).unwrap();
    /// assert!((15.0..16.5).contains(&km));
    /// assert_eq!(at(1.0, 2.0).distance_km(&Geo { lat: None, lon: None, geonames_id: None }), None);
    /// ```
    pub fn distance_km(&self, other: &Geo) -> Option<f64> {
        Some(haversine_km(self.lat?, self.lon?, other.lat?, other.lon?))
    }
}

/// Great-circle distance in kilometres between two points given in degrees.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_KM: f64 = 6371.0088;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_KM * a.sqrt().min(1.0).asin()
}

/// An entity: mentions linked within the document, with its codes.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub name: String,
    pub kind: EntityType,
    /// ISO 3166 alpha-3 code.
    pub country: Option<String>,
    /// PLOVER/CAMEO agent code: GOV, MIL, ...
    pub sector: Option<String>,
    /// The title as written: "spokesman", "President".
    pub role: Option<String>,
    pub kb_id: Option<String>,
    /// The CAMEO actor code, as GDELT-style data writes it: `RUSGOV`, `IGOUNO`, `IMGMOSALQ`.
    pub code: Option<String>,
    pub geo: Option<Geo>,
    /// Every span that refers to this entity, in text order: names from `Doc::mentions`, and the
    /// descriptions, titles and pronouns that linking resolved to it.
    pub mentions: Vec<Span>,
}

/// Whether and how an event took place, as the article tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Happened,
    Ongoing,
    Planned,
    Expected,
    Possible,
    Hypothetical,
    Negated,
    Denied,
}

/// One link in an event's chain of sources.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// Index into `Doc::entities`, where the source is a known entity.
    pub entity: Option<usize>,
    pub span: Span,
    /// The reporting cue: said, reported, confirmed, according to, ...
    pub cue: String,
}

/// One place where the article tells of an event: the sentence and the words that name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// Index into `Doc::sentences`.
    pub sentence: usize,
    pub trigger: Span,
}

/// A direct quote that belongs to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Span,
    /// Index into `Doc::entities`: who said it, where known.
    pub speaker: Option<usize>,
}

/// An event: who did what to whom, where, when, how certain, according to whom.
///
/// One happening is one event per article: every sentence that tells of it is in `evidence`,
/// and `attribution` holds every source that spoke of it. `trigger` and `sentence` are those
/// of the first evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// PLOVER event type.
    pub kind: String,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub trigger: Span,
    /// Indexes into `Doc::entities`.
    pub actors: Vec<usize>,
    pub recipients: Vec<usize>,
    pub location: Option<usize>,
    /// Index into `Doc::times`.
    pub time: Option<usize>,
    pub date: Option<String>,
    pub status: EventStatus,
    pub attribution: Vec<Attribution>,
    /// The text of the event's direct quotes, joined with " … ".
    pub quote: Option<String>,
    /// Index into `Doc::sentences`.
    pub sentence: usize,
    pub confidence: f32,
    /// Every mention of the event, in text order.
    pub evidence: Vec<Evidence>,
    pub quotes: Vec<Quote>,
}

/// Something a layer noticed but could not act on (it never fails a Doc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The component that wrote it.
    pub component: String,
    pub span: Option<Span>,
    pub message: String,
}
