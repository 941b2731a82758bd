//! Scorers that follow the field's official definitions, and evaluation runs of Tidings' layers
//! over annotated corpora.
//!
//! - [`timeml`]: TempEval-3 timex scoring (strict/relaxed extent P/R/F1, type and value F1).
//! - [`sentences`]: sentence-boundary precision, recall and F1 against CoNLL-U gold sentences.
//! - [`conllu`]: CoNLL 2018 shared task UPOS, XPOS, UAS and LAS.
//! - [`conll`]: conlleval entity-level exact-match P/R/F1.
//! - [`plover`]: actor country-code accuracy against the PLOVER gold records.
//! - [`places`]: geocoding of Giveme5W1H where-answers against hand judgements.
//! - [`fusion`]: fusion of events across articles, as purity and inverse purity against the
//!   Giveme5W1H news stories.
//! - [`petrarch`]: event and actor coding against the PETRARCH2 unit-test records.
//! - [`wikievents`]: event detection and typing over whole news articles against WikiEvents'
//!   KAIROS event mentions.
//!
//! Each scorer's docs name the definition it follows. This crate knows nothing about the CLI.

pub mod conll;
pub mod conllu;
pub mod fusion;
pub mod petrarch;
pub mod places;
pub mod plover;
pub mod sentences;
pub mod status;
pub mod timeml;
pub mod wikievents;
