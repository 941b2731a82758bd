//! Event coding for Tidings: which PLOVER events (with their CAMEO codes) an article reports.
//!
//! [`EventCoder`] is the pipeline's last layer: it reads a `tidings_doc::Doc`'s dependency
//! parse, entities and times and adds its `Event`s, each with its parties, status, sources,
//! quotes, time and place, one per happening however often the article tells it. It rests on
//! a data layer:
//! - [`verbs`]: PETRARCH verb dictionaries (`CAMEO.2.0.txt` or a user's `--verbs FILE`), verb
//!   blocks and their patterns as typed structures, looked up by any verb form
//!   ([`VerbDictionary::for_lemma`]);
//! - [`plover`]: the 16 PLOVER v0.8 types, the CAMEO → PLOVER table
//!   ([`CameoToPlover::plover_of`]) and the mapping of pre-v0.8 names ([`plover::modernize`]);
//! - [`nominal`]: nouns that name events ("talks", "sanctions"), in a user-extensible format;
//! - [`EventLexicon`]: the three built into one artifact (`models/events/events.bin`).
//!
//! Readers do IO and return [`Error`] (file and line); lines of the public dictionaries that
//! cannot be read are skipped and counted instead. This crate knows nothing about storage,
//! output formats or the command line, and nothing about how actors are found or coded.

mod coder;
mod error;
mod lexicon;
pub mod nominal;
pub mod plover;
pub mod verbs;

pub use coder::{EventCoder, MODEL_DIR};
pub use error::Error;
pub use lexicon::{EventLexicon, LexiconSources, ARTIFACT};
pub use nominal::{NominalEntry, NominalLexicon};
pub use plover::{CameoToPlover, PloverCoding, PloverType};
pub use verbs::{LoadReport, Pattern, VerbCode, VerbDictionary, VerbEntry};
