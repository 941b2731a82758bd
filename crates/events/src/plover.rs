//! PLOVER event types (manual v0.8) and the CAMEO → PLOVER table
//! (`CAMEO2PLOVER-2021.txt`: lines `CODE: TYPE, mode, context # description`).
//!
//! Traps in the table: the two-digit code `08` is listed twice (CONCEDE, then RETREAT); the
//! first is kept and the second counted as a duplicate. Context may list several values
//! separated by `;` ("crime; corruption"). Mode and context are often blank.

use crate::error::{read_text, Error};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The 16 event types of the PLOVER manual v0.8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PloverType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl PloverType {
    pub const ALL: [PloverType; 16] = [
        PloverType::Agree,
        PloverType::Consult,
        PloverType::Support,
        PloverType::Concede,
        PloverType::Cooperate,
        PloverType::Aid,
        PloverType::Retreat,
        PloverType::Request,
        PloverType::Accuse,
        PloverType::Reject,
        PloverType::Threaten,
        PloverType::Protest,
        PloverType::Sanction,
        PloverType::Mobilize,
        PloverType::Coerce,
        PloverType::Assault,
    ];

    /// The name as PLOVER writes it (and as `Event::kind` stores it): `"CONSULT"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PloverType::Agree => "AGREE",
            PloverType::Consult => "CONSULT",
            PloverType::Support => "SUPPORT",
            PloverType::Concede => "CONCEDE",
            PloverType::Cooperate => "COOPERATE",
            PloverType::Aid => "AID",
            PloverType::Retreat => "RETREAT",
            PloverType::Request => "REQUEST",
            PloverType::Accuse => "ACCUSE",
            PloverType::Reject => "REJECT",
            PloverType::Threaten => "THREATEN",
            PloverType::Protest => "PROTEST",
            PloverType::Sanction => "SANCTION",
            PloverType::Mobilize => "MOBILIZE",
            PloverType::Coerce => "COERCE",
            PloverType::Assault => "ASSAULT",
        }
    }

    /// A v0.8 name, in any case. Older names are not accepted here: see [`modernize`].
    pub fn from_name(name: &str) -> Option<PloverType> {
        let name = name.trim();
        PloverType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(name))
    }
}

impl std::fmt::Display for PloverType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Maps an event-type name of the PLOVER gold records (which predate v0.8) to v0.8, with the
/// mode it implies: DEMAND → REQUEST, DISAPPROVE → ACCUSE (mode `disapprove`), INVESTIGATE →
/// ACCUSE (mode `investigate`), FIGHT → ASSAULT. A v0.8 name maps to itself. The record's own
/// mode is kept unless the old name fixes one. `None` for an unknown name.
pub fn modernize(name: &str, mode: Option<&str>) -> Option<(PloverType, Option<String>)> {
    let mode = mode
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_string);
    let name = name.trim().to_ascii_uppercase();
    match name.as_str() {
        "DEMAND" => Some((PloverType::Request, mode)),
        "DISAPPROVE" => Some((PloverType::Accuse, Some("disapprove".into()))),
        "INVESTIGATE" => Some((PloverType::Accuse, Some("investigate".into()))),
        "FIGHT" => Some((PloverType::Assault, mode)),
        other => PloverType::from_name(other).map(|t| (t, mode)),
    }
}

/// A PLOVER type with its mode and context, as the table gives them for a CAMEO code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PloverCoding {
    pub kind: PloverType,
    /// `visit`, `phone`, `disapprove`, ...; `None` when blank.
    pub mode: Option<String>,
    /// `diplomatic`, `economic`, ...; several when the table lists them with `;`.
    pub context: Vec<String>,
}

/// A line of the table that was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedLine {
    pub line: usize,
    pub reason: String,
}

/// The CAMEO → PLOVER table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CameoToPlover {
    codes: BTreeMap<String, PloverCoding>,
    descriptions: BTreeMap<String, String>,
    pub source: PathBuf,
    /// Lines skipped: malformed, unknown types, and repeated codes (the first wins).
    pub skipped: Vec<SkippedLine>,
}

impl CameoToPlover {
    /// Reads `CAMEO2PLOVER-2021.txt` or a file in its format.
    pub fn read(path: &Path) -> Result<CameoToPlover, Error> {
        let table = CameoToPlover::parse(&read_text(path)?, path);
        if table.codes.is_empty() {
            return Err(Error::Empty {
                path: path.to_path_buf(),
                what: "CAMEO codes".into(),
            });
        }
        Ok(table)
    }

    /// Parses the table's text; `path` is kept for messages.
    pub fn parse(text: &str, path: &Path) -> CameoToPlover {
        let mut table = CameoToPlover {
            codes: BTreeMap::new(),
            descriptions: BTreeMap::new(),
            source: path.to_path_buf(),
            skipped: Vec::new(),
        };
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let (body, description) = match raw.split_once('#') {
                Some((b, d)) => (b, d.trim()),
                None => (raw, ""),
            };
            let body = body.trim();
            if body.is_empty() {
                continue;
            }
            let mut skip = |reason: String| table.skipped.push(SkippedLine { line, reason });
            let Some((code, rest)) = body.split_once(':') else {
                skip(format!("no `CODE:` in {body:?}"));
                continue;
            };
            let code = code.trim();
            if !crate::verbs::is_cameo_code(code) {
                skip(format!("{code:?} is not a CAMEO code"));
                continue;
            }
            let mut fields = rest.split(',').map(str::trim);
            let name = fields.next().unwrap_or("");
            let Some(kind) = PloverType::from_name(name) else {
                skip(format!("{name:?} is not a PLOVER v0.8 type"));
                continue;
            };
            let mode = fields.next().filter(|m| !m.is_empty()).map(str::to_string);
            let context = fields
                .next()
                .unwrap_or("")
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            if table.codes.contains_key(code) {
                skip(format!("code {code} repeated; the first mapping is kept"));
                continue;
            }
            table.codes.insert(
                code.to_string(),
                PloverCoding {
                    kind,
                    mode,
                    context,
                },
            );
            if !description.is_empty() {
                table
                    .descriptions
                    .insert(code.to_string(), description.to_string());
            }
        }
        table
    }

    /// The coding of a CAMEO code, falling back to its longest listed prefix
    /// (`0431` → `043` → `04`).
    pub fn plover_of(&self, cameo: &str) -> Option<&PloverCoding> {
        let cameo = cameo.trim();
        (2..=cameo.len())
            .rev()
            .filter(|&n| cameo.is_char_boundary(n))
            .find_map(|n| self.codes.get(&cameo[..n]))
    }

    /// The table's description of a code ("Make a visit"), exact codes only.
    pub fn description(&self, cameo: &str) -> Option<&str> {
        self.descriptions.get(cameo.trim()).map(String::as_str)
    }

    /// Every listed code with its coding, in code order.
    pub fn codes(&self) -> impl Iterator<Item = (&str, &PloverCoding)> {
        self.codes.iter().map(|(c, p)| (c.as_str(), p))
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# header
04: CONSULT
042: CONSULT, visit,   # Make a visit
091: ACCUSE, investigate, crime; corruption # Investigate crime, corruption
08: CONCEDE
08: RETREAT
099: FROBNICATE, , # not a type
~~~~~
";

    #[test]
    fn reads_and_falls_back_to_prefixes() {
        let t = CameoToPlover::parse(SAMPLE, Path::new("c2p.txt"));
        assert_eq!(t.len(), 4);
        let visit = t.plover_of("042").unwrap();
        assert_eq!(
            (visit.kind, visit.mode.as_deref()),
            (PloverType::Consult, Some("visit"))
        );
        assert!(visit.context.is_empty());
        assert_eq!(t.plover_of("0421"), Some(visit));
        assert_eq!(t.plover_of("045").unwrap().mode, None);
        assert_eq!(t.plover_of("091").unwrap().context, ["crime", "corruption"]);
        assert_eq!(t.plover_of("08").unwrap().kind, PloverType::Concede);
        assert_eq!(t.description("042"), Some("Make a visit"));
        assert_eq!(t.plover_of("19"), None);
        assert_eq!(t.plover_of(""), None);
        let lines: Vec<usize> = t.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [6, 7, 8]);
    }

    #[test]
    fn names_and_old_names() {
        assert_eq!(PloverType::ALL.len(), 16);
        for t in PloverType::ALL {
            assert_eq!(PloverType::from_name(&t.as_str().to_lowercase()), Some(t));
        }
        assert_eq!(PloverType::from_name("DEMAND"), None);
        let check = |old: &str, mode: Option<&str>, kind: PloverType, new_mode: Option<&str>| {
            assert_eq!(
                modernize(old, mode),
                Some((kind, new_mode.map(String::from))),
                "{old}"
            );
        };
        check(
            "DEMAND",
            Some("change"),
            PloverType::Request,
            Some("change"),
        );
        check(
            "DISAPPROVE",
            Some(""),
            PloverType::Accuse,
            Some("disapprove"),
        );
        check("INVESTIGATE", None, PloverType::Accuse, Some("investigate"));
        check(
            "FIGHT",
            Some("firearms"),
            PloverType::Assault,
            Some("firearms"),
        );
        check("protest", Some(" demo "), PloverType::Protest, Some("demo"));
        assert_eq!(modernize("DOCUMENT", None), None);
    }
}
