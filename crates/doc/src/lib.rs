//! The document model of Tidings.
//!
//! An [`Article`] is what a reader produces from a source. A [`Doc`] owns the article's text and
//! every annotation layer that the pipeline adds to it: sentences and tokens, time expressions,
//! syntax, entity mentions, entities and events. A [`Record`] is the serialized Doc in the
//! `tidings/1` format, the contract with users.
//!
//! Every span is a half-open range of **character** (Unicode code point) offsets into
//! `Article::text`. Byte/character conversion lives in [`OffsetMap`] and nowhere else.
//!
//! This crate knows nothing about files, models or storage.
//!
//! ```
//! use tidings_doc::{Article, Doc, Layer, Record, Sentence, Span, Token};
//! let mut doc = Doc::new(Article { id: "a1".into(), text: "Kim arrived.".into(), ..Article::default() });
//! doc.tokens.push(Token { span: Span::new(0, 3), space_after: true });
//! doc.sentences.push(Sentence { span: Span::new(0, 12), tokens: 0..1 });
//! doc.mark(Layer::Sentences);
//! let record = Record::from_doc(&doc);
//! assert_eq!(record.format, "tidings/1");
//! assert_eq!(record.sentences[0].end, 12);
//! ```

mod annotation;
mod article;
mod doc;
mod layers;
mod offsets;
pub mod record;
mod span;

pub use annotation::*;
pub use article::{Article, Published, PublishedParseError};
pub use doc::Doc;
pub use layers::{Annotator, Layer};
pub use offsets::OffsetMap;
pub use record::Record;
pub use span::Span;
