//! The knowledge base of Tidings: who and where names denote, and how actors are coded on a
//! given date.
//!
//! The central type is [`Kb`]. `tidings kb build` reads the sources ([`build_to`]) — the
//! PETRARCH/Phoenix actor and agent dictionaries ([`actors`], [`agents`]), countries.json
//! ([`countries`]), CountryInfo ([`countryinfo`]) and the derived GeoNames city table
//! ([`cities`]) — and writes one artifact, `models/kb/kb.bin`. The `link` layer loads it with
//! [`Kb::load`] and asks:
//! - [`Kb::country_by_name`]: "Russian", "DPRK", "U.S." → a [`Country`];
//! - [`Kb::actors`] and [`Kb::code_at`]: "Putin" on 2019-04-25 → RUS, GOV (an [`ActorCode`]);
//! - [`Kb::agent`]: "spokesman" → an [`Agent`] with a sector;
//! - [`Kb::places`]: "Marseille" → [`Place`] candidates with coordinates;
//! - [`Kb::metonym`]: "the Kremlin" → the Russian government.
//!
//! Names are matched through one normalization ([`normalize()`]): case, punctuation, accents
//! and a leading "the" do not matter, except that short codes written in capitals ("US") only
//! match queries in capitals.
//!
//! ```no_run
//! use tidings_kb::Kb;
//! let kb = Kb::load("models/kb".as_ref()).unwrap();
//! let date = chrono::NaiveDate::from_ymd_opt(2019, 4, 25).unwrap();
//! let putin = kb.actors("Putin").next().unwrap();
//! let code = kb.code_at(putin, date).unwrap();
//! assert_eq!((code.country.as_deref(), code.sector.as_deref()), (Some("RUS"), Some("GOV")));
//! ```
//!
//! This crate knows nothing about documents, mentions or the pipeline: it answers questions
//! about names. Deciding which mention is which name is the linker's job.

pub mod actors;
pub mod agents;
mod build;
pub mod cities;
pub mod code;
pub mod countries;
pub mod countryinfo;
mod error;
mod index;
mod kb;
mod model;
mod normalize;
mod readme;
mod records;
mod surnames;

pub use build::{BuildReport, ACTOR_DICTIONARIES, AGENTS, COUNTRIES, COUNTRYINFO};
pub use code::{ActorCode, DatedCode};
pub use error::KbError;
pub use kb::{ActorRef, Kb, ARTIFACT};
pub use model::{Actor, Agent, Country, Metonym, Place, PlaceKind, Stats};
pub use normalize::{is_capitals, normalize};
pub use readme::{readme, BUILD_COMMAND};

/// Dates for [`Kb::code_at`], re-exported so callers need no direct `chrono` dependency.
pub use chrono::NaiveDate;

use std::path::{Path, PathBuf};

/// A source line that a reader did not use, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based line number.
    pub line: usize,
    pub reason: String,
}

impl Skipped {
    pub(crate) fn new(line: usize, reason: impl Into<String>) -> Skipped {
        Skipped {
            line,
            reason: reason.into(),
        }
    }
}

/// Builds the knowledge base from `data_dir` (the shared data folder) and the city table, and
/// writes `kb.bin` and `README.md` into `out_dir`.
pub fn build_to(
    data_dir: &Path,
    cities: &Path,
    supplements: &[PathBuf],
    out_dir: &Path,
) -> Result<BuildReport, KbError> {
    let (kb, report) = Kb::build(data_dir, cities, supplements)?;
    let path = kb.save(out_dir)?;
    let size = std::fs::metadata(&path)
        .map_err(|e| KbError::Io {
            path: path.clone(),
            source: e,
        })?
        .len();
    let readme_path = out_dir.join("README.md");
    std::fs::write(&readme_path, readme(&report, size as usize)).map_err(|e| KbError::Io {
        path: readme_path,
        source: e,
    })?;
    Ok(report)
}

/// The supplement dictionaries of a folder (`*.actors.txt` and `*.agents.txt`), sorted by name:
/// the project's own live in `data/actors/`.
pub fn supplements_in(dir: &Path) -> Result<Vec<PathBuf>, KbError> {
    let entries = std::fs::read_dir(dir).map_err(|e| KbError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| KbError::Io {
                path: dir.to_path_buf(),
                source: e,
            })?
            .path();
        if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".actors.txt") || n.ends_with(".agents.txt"))
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
