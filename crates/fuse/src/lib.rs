//! Fusion of events across articles: one fused event per happening, however many articles and
//! outlets tell of it.
//!
//! It reads `tidings/1` records ([`Observation::from_record`] turns each event of a record into
//! an [`Observation`]: its type, parties and place as keys shared by all articles, its date,
//! status and evidence sentence). [`Fusion`] groups observations that could tell of the same
//! happening (compatible type, the same parties, date and place: see [`Fusion::compatible`])
//! and adds, per [`FusedEvent`], its articles, distinct outlets, first and last sightings and
//! the history of its status with the sentence behind each change.
//!
//! Fusion is deterministic and incremental: the fused events depend only on the set of
//! observations added, not on their order or on how they were split into calls of
//! [`Fusion::add`].
//!
//! ```
//! use tidings_fuse::{Config, Fusion};
//! let mut fusion = Fusion::new(Config::default());
//! let update = fusion.add(Vec::new());
//! assert!(update.touched.is_empty() && fusion.is_empty());
//! ```
//!
//! This crate does no IO and knows nothing about readers, the pipeline, SQL or the store: the
//! store keeps what [`Fusion`] computes.

mod fusion;
mod observation;

pub use fusion::{Config, FusedEvent, FusedId, Fusion, StatusChange, Update};
pub use observation::{party_key, DateSpan, Observation, Place};
