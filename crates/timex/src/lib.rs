//! Time expressions: finds them in English news text and normalizes each to a TIMEX3 value.
//!
//! [`TimeTagger`] reads raw article text and the publication date (the document creation time,
//! DCT) and returns [`tidings_doc::Timex`] values: DATE, TIME, DURATION and SET, with `value`
//! and `mod` as TimeML writes them, and character spans into the text. As an
//! [`tidings_doc::Annotator`] (`timex.rules.v1`) it fills `Doc::times` from the article's text
//! and `published` date ([`TimeTagger::tag_doc`]); it requires no other layer, but when the
//! pipeline ran the syntax layer first it reads the tense of each expression's governing verb
//! from the parse ([`governor`]).
//!
//! How it works: a light tokenizer ([`tokens`]), a grammar of small rule functions over tokens
//! ([`grammar`]) that says what an expression means, and a resolver ([`resolve`]) that turns that
//! meaning into a calendar value, using tense around the expression ([`governor`], else the
//! verb cues of [`context`]) and the
//! reference time that the narrative moves. No regex engine runs per token and nothing is
//! allocated per token.
//!
//! This crate knows nothing about sentences, entities, events or files.
//!
//! ```
//! use tidings_timex::TimeTagger;
//! use tidings_doc::Published;
//! let dct: Published = "2019-04-19".parse().unwrap();
//! let times = TimeTagger::new().tag("Kim will travel there on Thursday.", Some(&dct));
//! assert_eq!(times[0].value, "2019-04-25");
//! ```

mod context;
mod governor;
mod grammar;
mod lexicon;
mod point;
mod resolve;
mod tokens;

use tidings_doc::{Annotator, Doc, Layer, OffsetMap, Published, Span, Timex};

/// The rule-based TIMEX3 tagger. Cheap to build; holds no state between calls.
#[derive(Debug, Clone, Default)]
pub struct TimeTagger {
    _private: (),
}

impl TimeTagger {
    pub fn new() -> TimeTagger {
        TimeTagger { _private: () }
    }

    /// Finds and normalizes the time expressions of `text` against `dct`. The result is sorted by
    /// position, non-overlapping, with character offsets. Without a DCT, relative expressions
    /// keep their unknown parts as `X` ("XXXX-WXX-4"). Which way an underspecified reference
    /// points ("Thursday", "in March") comes from verb cues near it; [`TimeTagger::tag_doc`]
    /// reads it from the parse instead.
    pub fn tag(&self, text: &str, dct: Option<&Published>) -> Vec<Timex> {
        self.tag_with(text, dct, &OffsetMap::new(text), None)
    }

    /// As [`TimeTagger::tag`], over a Doc's text and publication date. When the Doc carries
    /// tokens and the syntax layer, the tense of the verb governing each expression decides
    /// its direction ("will meet on Thursday" ahead, "met on Thursday" back); expressions the
    /// parse attaches to no verb, and Docs without syntax, fall back to the verb cues.
    pub fn tag_doc(&self, doc: &Doc) -> Vec<Timex> {
        let published = doc.article().published;
        let syntax = (doc.has(Layer::Tokens) && doc.has(Layer::Syntax) && doc.syntax.len() == doc.tokens.len())
            .then(|| governor::Governors::new(&doc.tokens, &doc.syntax));
        self.tag_with(doc.text(), published.as_ref(), doc.offsets(), syntax.as_ref())
    }

    fn tag_with(&self, text: &str, dct: Option<&Published>, offsets: &OffsetMap, syntax: Option<&governor::Governors>) -> Vec<Timex> {
        let low = text.to_ascii_lowercase();
        let mut toks = Vec::with_capacity(text.len() / 5);
        tokens::tokenize(text, &mut toks);
        let parser = grammar::Parser::new(&toks, &low);
        let mut resolver = resolve::Resolver::new(dct.map(|p| p.date));
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let Some(m) = parser.longest_at(i) else {
                i += 1;
                continue;
            };
            let start = offsets.char_of_byte(toks[m.start].start as usize);
            let end = offsets.char_of_byte(toks[m.end - 1].end as usize);
            let span = Span::new(start, end);
            let tense = context::own_tense(&parser, &m)
                .or_else(|| syntax.and_then(|g| g.verb_time(span)).and_then(|t| t.tense()))
                .unwrap_or_else(|| context::tense(&parser, m.start, m.end));
            if let Some(r) = resolver.resolve(&m, tense, parser.is(m.start, "the")) {
                out.push(Timex { span, kind: r.kind, value: r.value, modifier: r.modifier, freq: r.freq, quant: r.quant });
            }
            i = m.end;
        }
        out
    }
}

impl Annotator for TimeTagger {
    fn name(&self) -> &str {
        "timex.rules.v1"
    }

    fn requires(&self) -> &[Layer] {
        &[]
    }

    fn assigns(&self) -> &[Layer] {
        &[Layer::Times]
    }

    fn annotate(&self, doc: &mut Doc) {
        let times = self.tag_doc(doc);
        doc.times.extend(times);
        doc.mark(Layer::Times);
    }
}
