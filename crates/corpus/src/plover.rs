//! PLOVER gold-standard records (`PLOVER_GSR_CAMEO.*.json`): coded English sentences with
//! their event type, mode, source and target actors (ISO 3166 alpha-3 or IGO codes and sectors).
//!
//! The file is one JSON array. The first record is a `DOCUMENT` header and is skipped. `target`
//! is usually a list of actors, but a few records carry a bare string there (e.g.
//! `"diplomatic"`): such a record has no target actor.

use crate::error::{read_text, Error};
use serde::Deserialize;
use std::path::Path;

/// One actor of a gold record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Actor {
    /// The words of the sentence that name the actor ("Hungarian", "President Suharto").
    #[serde(rename = "actorText", default)]
    pub text: String,
    /// ISO 3166 alpha-3 country, or an IGO/NGO code.
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub sector: Option<String>,
}

/// One coded sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    /// The event type as the record names it (pre-v0.8 names such as DEMAND or FIGHT included).
    pub event: String,
    pub mode: Option<String>,
    pub text: String,
    /// The sentence with `(SRC: ..)`, `(TAR: ..)`, `(EVT: ..)`, `(LOC: ..)` markup.
    pub markup: Option<String>,
    pub date: Option<String>,
    pub sources: Vec<Actor>,
    pub targets: Vec<Actor>,
    pub event_location: Option<String>,
}

#[derive(Deserialize)]
struct Raw {
    id: String,
    event: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    text: Option<String>,
    /// Usually `{"markup": ...}`; a few records carry the markup string itself.
    #[serde(rename = "textInfo", default)]
    text_info: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<serde_json::Value>,
    #[serde(default)]
    target: Option<serde_json::Value>,
    #[serde(rename = "eventLoc", default)]
    event_loc: Option<serde_json::Value>,
}


/// Reads a PLOVER gold-records file, skipping the DOCUMENT header.
pub fn read(path: &Path) -> Result<Vec<Record>, Error> {
    parse(&read_text(path)?, path)
}

/// Parses the JSON text of a gold-records file; `path` is used in error messages only.
pub fn parse(json: &str, path: &Path) -> Result<Vec<Record>, Error> {
    let raws: Vec<Raw> = serde_json::from_str(json).map_err(|e| Error::malformed(path, e.line(), e.to_string()))?;
    let mut out = Vec::new();
    for raw in raws {
        if raw.event == "DOCUMENT" {
            continue;
        }
        let text = raw.text.ok_or_else(|| Error::malformed(path, 0, format!("record {} has no text", raw.id)))?;
        out.push(Record {
            sources: actors(raw.source, path, &raw.id)?,
            targets: actors(raw.target, path, &raw.id)?,
            id: raw.id,
            event: raw.event,
            mode: raw.mode.filter(|m| !m.trim().is_empty()),
            text,
            markup: raw.text_info.and_then(|t| match t {
                serde_json::Value::String(s) => Some(s),
                serde_json::Value::Object(o) => o.get("markup").and_then(|m| m.as_str()).map(str::to_string),
                _ => None,
            }),
            date: raw.date,
            event_location: raw.event_loc.and_then(|v| match v {
                serde_json::Value::String(s) if !s.trim().is_empty() => Some(s),
                serde_json::Value::Object(o) => o.get("placeText").and_then(|p| p.as_str()).map(str::to_string),
                _ => None,
            }),
        });
    }
    if out.is_empty() {
        return Err(Error::Empty { path: path.to_path_buf(), what: "no coded records".into() });
    }
    Ok(out)
}

fn actors(value: Option<serde_json::Value>, path: &Path, id: &str) -> Result<Vec<Actor>, Error> {
    match value {
        Some(v @ serde_json::Value::Array(_)) => serde_json::from_value::<Vec<Actor>>(v)
            .map(|list| list.into_iter().map(|a| Actor { text: a.text.trim().to_string(), ..a }).collect())
            .map_err(|e| Error::malformed(path, 0, format!("record {id}: actors: {e}"))),
        // A bare string (e.g. "diplomatic") or null: no actor.
        _ => Ok(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_actors_and_skips_the_header() {
        let json = r#"[{"id":"D","event":"DOCUMENT"},
            {"id":"A1","event":"AGREE","text":"Hungarian and Romanian officials agreed.","date":"2000-01-01",
             "source":[{"actorText":"Hungarian","code":"HUN","sector":"GOV"},{"actorText":" Romanian","code":"ROU"}],
             "target":"diplomatic","textInfo":{"markup":"(SRC/TAR: Hungarian) ..."}}]"#;
        let recs = parse(json, Path::new("p.json")).unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].sources[1].text, "Romanian");
        assert_eq!(recs[0].sources[0].sector.as_deref(), Some("GOV"));
        assert!(recs[0].targets.is_empty());
    }

    #[test]
    fn bad_json_names_file_and_line() {
        let err = parse("[\n{\"id\": }", Path::new("p.json")).unwrap_err().to_string();
        assert!(err.starts_with("p.json:2:"), "{err}");
    }
}
