//! The event lexicon: every dictionary the coder reads, built into one artifact.
//!
//! At run time Tidings reads nothing outside its model folder, so the public dictionaries
//! (PETRARCH2's `CAMEO.2.0.txt`, `CAMEO2PLOVER-2021.txt`) and the project's own files
//! (`data/events/nominal.txt`, `data/events/verbs.txt`) are read once by `tidings events build`
//! and stored, parsed, in `models/events/events.bin`. Users add their own verb dictionaries
//! on top at load time ([`EventLexicon::add_verbs`]); those are never stored.

use crate::error::{read_text, Error};
use crate::nominal::NominalLexicon;
use crate::plover::CameoToPlover;
use crate::verbs::{LoadReport, VerbDictionary, VerbDictionaryParts};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The artifact's file name inside its model folder.
pub const ARTIFACT: &str = "events.bin";
/// The first bytes of the artifact: its format and version.
const MAGIC: &[u8] = b"tidings-events/1\n";

/// Where `tidings events build` reads each dictionary.
#[derive(Debug, Clone)]
pub struct LexiconSources {
    /// PETRARCH verb dictionaries, in order; later files take precedence.
    pub verbs: Vec<PathBuf>,
    /// The CAMEO → PLOVER table.
    pub plover: PathBuf,
    /// Nominal-event lexicons, in order; later files replace earlier nouns.
    pub nominals: Vec<PathBuf>,
}

/// Verb patterns, event nouns and the CAMEO → PLOVER table, ready for the coder.
#[derive(Debug, Clone)]
pub struct EventLexicon {
    pub verbs: VerbDictionary,
    pub nominals: NominalLexicon,
    pub plover: CameoToPlover,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    verbs: VerbDictionaryParts,
    nominals: NominalLexicon,
    plover: CameoToPlover,
}

impl EventLexicon {
    /// Reads the source dictionaries. Each file is named by its file name only inside the
    /// artifact, so that a rebuild on another machine gives the same bytes.
    pub fn build(sources: &LexiconSources) -> Result<(EventLexicon, Vec<LoadReport>), Error> {
        let mut verbs = VerbDictionary::new();
        let mut reports = Vec::new();
        for path in &sources.verbs {
            let report = verbs.add_text(&read_text(path)?, Path::new(file_name(path)));
            if report.blocks == 0 {
                return Err(Error::Empty {
                    path: path.clone(),
                    what: "verb blocks".into(),
                });
            }
            reports.push(report);
        }
        let mut nominals = NominalLexicon::new();
        for path in &sources.nominals {
            nominals.add_text(&read_text(path)?, Path::new(file_name(path)))?;
        }
        let plover = CameoToPlover::parse(
            &read_text(&sources.plover)?,
            Path::new(file_name(&sources.plover)),
        );
        if plover.is_empty() {
            return Err(Error::Empty {
                path: sources.plover.clone(),
                what: "CAMEO codes".into(),
            });
        }
        Ok((
            EventLexicon {
                verbs,
                nominals,
                plover,
            },
            reports,
        ))
    }

    /// Adds a user's verb dictionary (`--verbs FILE`); its blocks take precedence over the
    /// built-in ones for the verbs it lists.
    pub fn add_verbs(&mut self, path: &Path) -> Result<LoadReport, Error> {
        self.verbs.add_file(path)
    }

    /// Replaces the built-in verb dictionary with a user's (as the PETRARCH unit tests need,
    /// which are written against their own small dictionary).
    pub fn replace_verbs(&mut self, path: &Path) -> Result<LoadReport, Error> {
        let (verbs, report) = VerbDictionary::read(path)?;
        self.verbs = verbs;
        Ok(report)
    }

    /// The artifact's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let stored = Stored {
            verbs: self.verbs.to_parts(),
            nominals: self.nominals.clone(),
            plover: self.plover.clone(),
        };
        let mut bytes = MAGIC.to_vec();
        bytes.extend(postcard::to_stdvec(&stored).expect("the lexicon serializes"));
        bytes
    }

    /// Reads an artifact from memory; `Err` says what is wrong with it.
    pub fn from_bytes(bytes: &[u8]) -> Result<EventLexicon, String> {
        let body = bytes
            .strip_prefix(MAGIC)
            .ok_or("missing the tidings-events/1 header")?;
        let mut stored: Stored = postcard::from_bytes(body).map_err(|e| e.to_string())?;
        stored.nominals.reindex();
        Ok(EventLexicon {
            verbs: VerbDictionary::from_parts(stored.verbs),
            nominals: stored.nominals,
            plover: stored.plover,
        })
    }

    /// Writes `events.bin` into `dir` (created if missing) and returns its path.
    pub fn save(&self, dir: &Path) -> Result<PathBuf, Error> {
        let io = |path: &Path, source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        let path = dir.join(ARTIFACT);
        std::fs::write(&path, self.to_bytes()).map_err(|e| io(&path, e))?;
        Ok(path)
    }

    /// Loads `events.bin` from a model folder (`models/events`).
    pub fn load(dir: &Path) -> Result<EventLexicon, Error> {
        let path = dir.join(ARTIFACT);
        let bytes = std::fs::read(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        EventLexicon::from_bytes(&bytes).map_err(|message| Error::Artifact { path, message })
    }
}

fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("dictionary")
}
