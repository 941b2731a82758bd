//! What fusion sees of one event of one article: an [`Observation`], with its parties and place
//! reduced to keys that mean the same thing in every article.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use tidings_doc::record::EntityRecord;
use tidings_doc::{EntityType, EventStatus, Geo, OffsetMap, Published, Record};

/// One event of one article's record, as fusion compares it with the events of other articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    /// The article's id (unique across everything fused together).
    pub article: String,
    /// The index of the event in the record's `events`.
    pub event: usize,
    pub outlet: Option<String>,
    /// When the article was published: when this observation was seen.
    pub published: Option<Published>,
    /// The PLOVER event type.
    pub kind: String,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    /// [`party_key`]s of the actors, sorted, without repeats.
    pub actors: Vec<String>,
    /// [`party_key`]s of the recipients, sorted, without repeats.
    pub recipients: Vec<String>,
    /// The event's normalized date (a TIMEX3 value such as `2019-04-25`, `2019-04`, `2019-W17`).
    pub date: Option<String>,
    pub place: Option<Place>,
    /// Where the article's story is set: the place finer than a country that the article
    /// names most often (ties: the one named first). Events that name neither a party nor a
    /// place ("seven were killed") are taken to have happened there.
    pub setting: Option<Place>,
    /// Whom the article's story is about: the [`party_key`]s of the [`CAST`] persons and
    /// organizations it names most often (ties: the one named first), sorted. A report that
    /// names no party ("the probe found nothing new") is read in this context (see
    /// [`crate::Fusion::compatible`]).
    pub cast: Vec<String>,
    /// Places finer than a country among the event's parties ("police in Seattle").
    pub party_places: Vec<Place>,
    pub status: EventStatus,
    /// The index of the sentence that tells of the event first.
    pub sentence: usize,
    /// That sentence's text.
    pub evidence: String,
    /// How many sentences of the article tell of the event.
    pub evidence_count: usize,
}

/// Where an event took place: a key that identifies the place, and the country it lies in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// The knowledge-base id (`geonames:2013348`, `country:RUS`), else `geonames:` with the
    /// GeoNames id, else the normalized name within its country ([`party_key`]).
    pub key: String,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    /// Its coordinates, where the knowledge base has them.
    pub geo: Option<Geo>,
}

impl Place {
    /// The place is a whole country (the key names nothing finer than `country`).
    pub fn is_country(&self) -> bool {
        self.key.starts_with("country:")
    }

    fn of(entity: &EntityRecord) -> Place {
        let key = match (
            &entity.kb_id,
            entity.geo.as_ref().and_then(|g| g.geonames_id),
        ) {
            (Some(id), _) => id.clone(),
            (None, Some(g)) => format!("geonames:{g}"),
            (None, None) => party_key(entity),
        };
        Place {
            key,
            country: entity.country.clone(),
            geo: entity.geo.clone(),
        }
    }

    /// Whether an event's location entity tells where it happened: a place, or anything the
    /// knowledge base located. A body named as the site ("struck at the German Consulate")
    /// does not: its country is whose it is, not where it stands.
    fn is_where(entity: &EntityRecord) -> bool {
        !matches!(entity.kind.as_str(), "ORG" | "PERSON") || entity.geo.is_some()
    }

    /// Whether the entity is a place finer than a country: a place the knowledge base located.
    fn is_town(entity: &EntityRecord) -> bool {
        let located = entity.geo.as_ref().is_some_and(|g| g.lat.is_some())
            || entity
                .kb_id
                .as_deref()
                .is_some_and(|k| k.starts_with("geonames:"));
        located
            && !entity
                .kb_id
                .as_deref()
                .is_some_and(|k| k.starts_with("country:"))
    }

    /// Whether two places are one for fusion: the same key, or towns so close that reports
    /// name one for the other ("a tram crash in Croydon", "in south London").
    pub fn near(&self, other: &Place) -> bool {
        if self.key == other.key {
            return true;
        }
        match (&self.geo, &other.geo) {
            (Some(a), Some(b)) if !self.is_country() && !other.is_country() => {
                a.distance_km(b).is_some_and(|km| km <= Place::NEAR_KM)
            }
            _ => false,
        }
    }

    /// How far apart two towns may lie and still be named for one another: a city and its
    /// districts and suburbs (central London to Croydon is 15 km).
    pub const NEAR_KM: f64 = 25.0;
}

/// How many of an article's most-named actors make its [`Observation::cast`]: the few a story
/// is about (a meeting's two sides and their host, a probe's investigator, target and chief).
pub const CAST: usize = 3;

/// The article's cast (see [`Observation::cast`]).
fn cast(record: &Record) -> Vec<String> {
    let mut actors: Vec<(usize, usize, String)> = record
        .entities
        .iter()
        .filter(|e| {
            matches!(
                EntityType::parse(&e.kind),
                Some(EntityType::Person | EntityType::Org)
            )
        })
        .map(|e| {
            (
                usize::MAX - e.mentions.len(),
                first_mention(e),
                party_key(e),
            )
        })
        .collect();
    actors.sort();
    let mut cast: Vec<String> = Vec::with_capacity(CAST);
    for (_, _, key) in actors {
        if cast.len() == CAST {
            break;
        }
        if !cast.contains(&key) {
            cast.push(key);
        }
    }
    cast.sort();
    cast
}

/// The article's setting (see [`Observation::setting`]).
fn setting(record: &Record) -> Option<Place> {
    record
        .entities
        .iter()
        .filter(|e| Place::is_town(e))
        .max_by_key(|e| (e.mentions.len(), std::cmp::Reverse(first_mention(e))))
        .map(Place::of)
}

/// Where the entity is first named (`usize::MAX` without mentions): between entities named as
/// often, the one named first leads.
fn first_mention(entity: &EntityRecord) -> usize {
    entity
        .mentions
        .iter()
        .map(|m| m.start)
        .min()
        .unwrap_or(usize::MAX)
}

/// The key that names a party the same way in every article.
///
/// - The knowledge-base id where the linker found one (`VLADIMIR_PUTIN`, `geonames:2013348`):
///   the same person or place whoever names it and however.
/// - Else the CAMEO actor code (`RUSGOV`), as event coders (GDELT, ICEWS) do: two articles that
///   both say "the Russian government" tell of the same party even when neither names a person.
/// - Else `name:` with the country and the lowercased name (words of letters and digits only):
///   an unlinked name is the same party only when spelled the same, so that two strangers
///   called alike in different countries stay apart.
pub fn party_key(entity: &EntityRecord) -> String {
    if let Some(id) = &entity.kb_id {
        return id.clone();
    }
    if let Some(code) = &entity.code {
        return format!("cameo:{code}");
    }
    let name: Vec<String> = entity
        .name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!(
        "name:{}:{}",
        entity.country.as_deref().unwrap_or("-"),
        name.join(" ")
    )
}

impl Observation {
    /// One observation per event of the record, in the record's order.
    pub fn from_record(record: &Record) -> Vec<Observation> {
        let text = &record.article.text;
        let offsets = OffsetMap::new(text);
        let entity = |id: &String| record.entities.iter().find(|e| &e.id == id);
        let setting = setting(record);
        let cast = cast(record);
        let keys = |ids: &[String]| -> Vec<String> {
            let mut keys: Vec<String> = ids.iter().filter_map(entity).map(party_key).collect();
            keys.sort();
            keys.dedup();
            keys
        };
        record
            .events
            .iter()
            .enumerate()
            .map(|(i, ev)| {
                let evidence = record
                    .sentences
                    .get(ev.sentence)
                    .map(|s| {
                        text[offsets.byte_of_char(s.start)..offsets.byte_of_char(s.end)].to_string()
                    })
                    .unwrap_or_default();
                Observation {
                    article: record.article.id.clone(),
                    event: i,
                    outlet: record.article.outlet.clone(),
                    published: record.article.published,
                    kind: ev.kind.clone(),
                    mode: ev.mode.clone(),
                    cameo: ev.cameo.clone(),
                    actors: keys(&ev.actors),
                    recipients: keys(&ev.recipients),
                    date: ev.date.clone(),
                    place: ev
                        .location
                        .as_ref()
                        .and_then(entity)
                        .filter(|e| Place::is_where(e))
                        .map(Place::of),
                    setting: setting.clone(),
                    cast: cast.clone(),
                    party_places: ev
                        .actors
                        .iter()
                        .chain(&ev.recipients)
                        .filter_map(entity)
                        .filter(|e| Place::is_town(e))
                        .map(Place::of)
                        .collect(),
                    status: ev.status,
                    sentence: ev.sentence,
                    evidence,
                    evidence_count: ev.evidence.len(),
                }
            })
            .collect()
    }

    /// The days the event may have taken place on: its own date where it has one, else the
    /// `window` days up to the article's publication (news tells of what just happened).
    pub(crate) fn when(&self, window: i64) -> Option<DateSpan> {
        self.date.as_deref().and_then(DateSpan::parse).or_else(|| {
            self.published.map(|p| DateSpan {
                start: p.date - Duration::days(window),
                end: p.date,
            })
        })
    }
}

/// A closed range of days. Serialized as `{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateSpan {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Serialize for DateSpan {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("DateSpan", 2)?;
        s.serialize_field("start", &self.start.to_string())?;
        s.serialize_field("end", &self.end.to_string())?;
        s.end()
    }
}

impl DateSpan {
    /// The days a TIMEX3 date value covers: a day (`2019-04-25`, also with a time after it), a
    /// month (`2019-04`), an ISO week (`2019-W17`), a quarter (`2019-Q2`), a season (`2019-SU`)
    /// or a year (`2019`). Anything else (`PRESENT_REF`, decades, durations) gives `None`.
    pub fn parse(value: &str) -> Option<DateSpan> {
        let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
        let months = |y: i32, first: u32, count: u32| -> Option<DateSpan> {
            let start = day(y, first, 1)?;
            let after = (first - 1) + count;
            let end = day(y + (after / 12) as i32, after % 12 + 1, 1)? - Duration::days(1);
            Some(DateSpan { start, end })
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let year_part = value.get(..4).filter(|y| digits(y))?;
        let year: i32 = year_part.parse().ok()?;
        let rest = &value[4..];
        if rest.is_empty() {
            return months(year, 1, 12);
        }
        let rest = rest.strip_prefix('-')?;
        if let Some(week) = rest.strip_prefix('W').filter(|w| digits(w)) {
            let start = NaiveDate::from_isoywd_opt(year, week.parse().ok()?, chrono::Weekday::Mon)?;
            return Some(DateSpan {
                start,
                end: start + Duration::days(6),
            });
        }
        if let Some(q) = rest.strip_prefix('Q').filter(|q| digits(q)) {
            let q: u32 = q.parse().ok()?;
            return (1..=4).contains(&q).then(|| months(year, 3 * q - 2, 3))?;
        }
        match rest {
            "SP" => return months(year, 3, 3),
            "SU" => return months(year, 6, 3),
            "FA" => return months(year, 9, 3),
            "WI" => return months(year, 12, 3),
            _ => {}
        }
        let month: u32 = rest.get(..2).filter(|m| digits(m))?.parse().ok()?;
        let rest = &rest[2..];
        if rest.is_empty() {
            return (1..=12).contains(&month).then(|| months(year, month, 1))?;
        }
        let d: u32 = rest
            .strip_prefix('-')?
            .get(..2)
            .filter(|d| digits(d))?
            .parse()
            .ok()?;
        let date = day(year, month, d)?;
        debug_assert_eq!(date.year(), year);
        Some(DateSpan {
            start: date,
            end: date,
        })
    }

    /// Days between the two spans; 0 when they overlap.
    pub(crate) fn gap(&self, other: &DateSpan) -> i64 {
        let after = (other.start - self.end).num_days();
        let before = (self.start - other.end).num_days();
        after.max(before).max(0)
    }

    /// The smallest span covering both.
    pub(crate) fn hull(&self, other: &DateSpan) -> DateSpan {
        DateSpan {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(value: &str) -> Option<(String, String)> {
        DateSpan::parse(value).map(|s| (s.start.to_string(), s.end.to_string()))
    }

    #[test]
    fn date_values_cover_their_days() {
        let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(span("2016-11-09"), s("2016-11-09", "2016-11-09"));
        assert_eq!(span("2016-11-09T14:00"), s("2016-11-09", "2016-11-09"));
        assert_eq!(span("2016-11"), s("2016-11-01", "2016-11-30"));
        assert_eq!(span("2016-12"), s("2016-12-01", "2016-12-31"));
        assert_eq!(span("2016-W44"), s("2016-10-31", "2016-11-06"));
        assert_eq!(span("2016-Q4"), s("2016-10-01", "2016-12-31"));
        assert_eq!(span("2016-WI"), s("2016-12-01", "2017-02-28"));
        assert_eq!(span("2016"), s("2016-01-01", "2016-12-31"));
        assert_eq!(span("PRESENT_REF"), None);
        assert_eq!(span("201"), None);
        assert_eq!(span("2016-13"), None);
    }

    /// A one-event record: "Gunmen struck at the Turkish Embassy in Kunduz", its location the
    /// entity `location` (E1, the embassy, or E2, the town).
    fn struck_at(location: &str) -> Record {
        let text = "Gunmen struck at the Turkish Embassy in Kunduz.";
        serde_json::from_value(serde_json::json!({
            "format": "tidings/1",
            "article": {"id": "a", "url": null, "outlet": null, "published": null,
                        "title": null, "text": text},
            "sentences": [{"start": 0, "end": 47}],
            "times": [],
            "entities": [
                {"id": "E1", "name": "Turkish Embassy", "type": "ORG", "country": "TUR",
                 "sector": "GOV", "role": "embassy", "kb_id": null, "code": "TURGOV",
                 "geo": null, "mentions": [{"start": 21, "end": 36, "text": "Turkish Embassy"}]},
                {"id": "E2", "name": "Kunduz", "type": "LOC", "country": "AFG", "sector": null,
                 "role": null, "kb_id": "geonames:1135689", "code": "AFG",
                 "geo": {"lat": 36.7, "lon": 68.9, "geonames_id": 1135689},
                 "mentions": [{"start": 40, "end": 46, "text": "Kunduz"}]}
            ],
            "events": [{"id": "V1", "type": "ASSAULT", "mode": null, "cameo": "190",
                        "trigger": {"start": 7, "end": 13, "text": "struck"},
                        "actors": [], "recipients": ["E1"], "location": location,
                        "time": null, "date": null, "status": "happened", "attribution": [],
                        "quote": null, "sentence": 0, "confidence": 0.5}]
        }))
        .expect("a tidings/1 record")
    }

    #[test]
    fn a_body_named_as_the_site_is_no_place_for_fusion() {
        // The embassy's country is whose it is (TUR), not where it stands (AFG).
        assert_eq!(Observation::from_record(&struck_at("E1"))[0].place, None);
        let town = Observation::from_record(&struck_at("E2"))[0].place.clone();
        assert_eq!(town.map(|p| p.key), Some("geonames:1135689".to_string()));
    }

    #[test]
    fn gaps_count_days_between_spans() {
        let a = DateSpan::parse("2016-11-09").unwrap();
        let b = DateSpan::parse("2016-11-12").unwrap();
        assert_eq!(a.gap(&b), 3);
        assert_eq!(b.gap(&a), 3);
        assert_eq!(a.gap(&DateSpan::parse("2016-11").unwrap()), 0);
    }
}
