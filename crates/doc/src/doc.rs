//! The `Doc`: one article's text and every annotation layer added to it.

use crate::annotation::*;
use crate::{Article, Layer, OffsetMap, Span};

/// One article under analysis. It owns the text and every layer; components add layers in
/// pipeline order and never edit what an earlier one added.
///
/// ```
/// use tidings_doc::{Article, Doc, Span};
/// let doc = Doc::new(Article { text: "Zoë met Kim.".into(), ..Article::default() });
/// assert_eq!(doc.slice(Span::new(8, 11)), "Kim");
/// ```
#[derive(Debug, Clone)]
pub struct Doc {
    article: Article,
    offsets: OffsetMap,
    layers: u32,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// Parallel to `tokens` once the syntax layer ran; empty before.
    pub syntax: Vec<TokenSyntax>,
    pub times: Vec<Timex>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Doc {
    pub fn new(article: Article) -> Doc {
        let offsets = OffsetMap::new(&article.text);
        Doc {
            article,
            offsets,
            layers: 0,
            sentences: Vec::new(),
            tokens: Vec::new(),
            syntax: Vec::new(),
            times: Vec::new(),
            mentions: Vec::new(),
            entities: Vec::new(),
            events: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    pub fn article(&self) -> &Article {
        &self.article
    }

    pub fn text(&self) -> &str {
        &self.article.text
    }

    /// The byte/character offset table of the text.
    pub fn offsets(&self) -> &OffsetMap {
        &self.offsets
    }

    /// The text of a character span.
    pub fn slice(&self, span: Span) -> &str {
        let start = self.offsets.byte_of_char(span.start);
        let end = self.offsets.byte_of_char(span.end);
        &self.article.text[start..end]
    }

    /// Converts a byte range of the text (as regex or aho-corasick report it) to a character span.
    pub fn span_of_bytes(&self, start: usize, end: usize) -> Span {
        Span::new(
            self.offsets.char_of_byte(start),
            self.offsets.char_of_byte(end),
        )
    }

    /// True once a component has added `layer`.
    pub fn has(&self, layer: Layer) -> bool {
        self.layers & layer.bit() != 0
    }

    /// Records that `layer` is now present. Components call this for each layer they assign.
    pub fn mark(&mut self, layer: Layer) {
        self.layers |= layer.bit();
    }

    /// The index of the sentence that contains character offset `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        (i < self.sentences.len() && self.sentences[i].span.start <= at).then_some(i)
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        &self.tokens[self.sentences[i].tokens.clone()]
    }
}
