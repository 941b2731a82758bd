//! One module per subcommand group. Each owns its flags (`Args` structs) and its `run` functions.

pub mod debug;
pub mod events;
pub mod export;
pub mod extract;
pub mod fusion;
pub mod ingest;
pub mod kb;
pub mod limits;
pub mod models;
pub mod ner;
pub mod parallel;
pub mod petrarch;
pub mod places;
pub mod plover;
pub mod query;
pub mod report;
pub mod segment;
pub mod serve;
pub mod status;
pub mod syntax;
pub mod timeml;
pub mod wikievents;
