//! What a source gives us: one news article and its metadata.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One news article as a reader produced it. Readers fill what the source gives and leave the
/// rest `None`; nothing downstream invents metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Published>,
    pub title: Option<String>,
    /// The article body. Every offset in a record points into this text.
    pub text: String,
    /// Fields the source carried that Tidings does not interpret (kept, never dropped).
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The publication time of an article: a date, and the time of day where the source gives it.
/// It is the reference point ("document creation time") for relative time expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Published {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl Published {
    pub fn from_date(date: NaiveDate) -> Published {
        Published { date, time: None }
    }
}

/// Why a publication date did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a date as YYYY-MM-DD, optionally followed by a time (YYYY-MM-DDTHH:MM[:SS] or 'YYYY-MM-DD HH:MM:SS'), found {found:?}")]
pub struct PublishedParseError {
    pub found: String,
}

impl FromStr for Published {
    type Err = PublishedParseError;

    /// Accepts `2019-04-19`, `2019-04-19T08:30`, `2019-04-19T08:30:00`, `2019-04-19 08:30:00`,
    /// and RFC 3339 stamps such as `2019-04-19T08:30:00+03:00` or `...Z` (the offset is dropped:
    /// the local date is what the article's own words refer to).
    fn from_str(s: &str) -> Result<Published, PublishedParseError> {
        let err = || PublishedParseError {
            found: s.to_string(),
        };
        let s = s.trim();
        if s.len() < 10 || !s.is_char_boundary(10) {
            return Err(err());
        }
        let date = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").map_err(|_| err())?;
        let rest = &s[10..];
        if rest.is_empty() {
            return Ok(Published::from_date(date));
        }
        let rest = rest.strip_prefix(['T', ' ']).ok_or_else(err)?;
        // Drop a fractional second and a zone suffix: Z, +HH:MM, -HHMM.
        let clock_end = rest.find(['Z', 'z', '+', '-', '.']).unwrap_or(rest.len());
        let clock = &rest[..clock_end];
        let time = NaiveTime::parse_from_str(clock, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M"))
            .map_err(|_| err())?;
        Ok(Published {
            date,
            time: Some(time),
        })
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time {
            None => write!(f, "{}", self.date.format("%Y-%m-%d")),
            Some(t) => write!(
                f,
                "{}",
                NaiveDateTime::new(self.date, t).format("%Y-%m-%dT%H:%M:%S")
            ),
        }
    }
}

impl Serialize for Published {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Published, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_sources_use() {
        for (input, shown) in [
            ("2019-04-19", "2019-04-19"),
            ("2019-04-19T08:30", "2019-04-19T08:30:00"),
            ("2016-11-03 14:05:09", "2016-11-03T14:05:09"),
            ("2019-04-19T08:30:00+03:00", "2019-04-19T08:30:00"),
            ("2019-04-19T08:30:00.123Z", "2019-04-19T08:30:00"),
        ] {
            assert_eq!(
                input.parse::<Published>().unwrap().to_string(),
                shown,
                "{input}"
            );
        }
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "19/04/2019",
            "2019-13-01",
            "2019-04-19X",
            "April 19",
            "2019-04-19T25:00",
        ] {
            assert!(bad.parse::<Published>().is_err(), "{bad}");
        }
    }
}
