//! Annotation layers and the components that add them.
//!
//! As in spaCy, each component declares which layers it needs and which it adds; the pipeline
//! checks the order once, when it is built, so a missing prerequisite is a construction error
//! rather than a silently empty layer.

use crate::Doc;
use std::fmt;

/// One kind of annotation a [`Doc`] can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Sentence boundaries (`Doc::sentences`).
    Sentences,
    /// Tokens (`Doc::tokens`).
    Tokens,
    /// Time expressions with normalized values (`Doc::times`).
    Times,
    /// Part-of-speech tags, lemmas and dependencies (`Doc::syntax`).
    Syntax,
    /// Named-entity mentions (`Doc::mentions`).
    Mentions,
    /// Entities: mentions linked within the document and coded (`Doc::entities`).
    Entities,
    /// Events (`Doc::events`).
    Events,
}

impl Layer {
    pub const ALL: [Layer; 7] = [
        Layer::Sentences,
        Layer::Tokens,
        Layer::Times,
        Layer::Syntax,
        Layer::Mentions,
        Layer::Entities,
        Layer::Events,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Sentences => "sentences",
            Layer::Tokens => "tokens",
            Layer::Times => "times",
            Layer::Syntax => "syntax",
            Layer::Mentions => "mentions",
            Layer::Entities => "entities",
            Layer::Events => "events",
        }
    }

    pub(crate) fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A pipeline component: reads the layers it `requires` and adds the layers it `assigns`.
///
/// A component never edits a layer that an earlier component added; where it disagrees, it
/// records a [`crate::Diagnostic`]. Analysis cannot fail: a component that cannot do its work on
/// some text leaves its layer empty and says why in a diagnostic.
pub trait Annotator: Send + Sync {
    /// A short, versioned name such as `timex.rules.v1`.
    fn name(&self) -> &str;
    /// Layers that must be present before this component runs.
    fn requires(&self) -> &[Layer];
    /// Layers this component adds.
    fn assigns(&self) -> &[Layer];
    /// Adds this component's layers to `doc`.
    fn annotate(&self, doc: &mut Doc);
}
