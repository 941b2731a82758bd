//! Sentences and tokens for English news text: the first layer of the pipeline.
//!
//! [`Segmenter`] reads only the article's text and adds `Doc::sentences` and `Doc::tokens`, as
//! character offsets into the text. Tokens follow UD English EWT, the convention the tagger and
//! parser train on (Penn-Treebank-like): clitics split (`do|n't`, `Bush|'s`, `can|not`), `$|5`
//! and `5|%`, hyphens split (`long|-|term`, `Jong|-|un`) except after prefixes EWT keeps
//! (`e-mail`, `non-profit`); abbreviations (`U.S.`, `Gen.`), initials, numbers (`1,000.50`),
//! URLs and e-mail addresses whole. An abbreviation that ends a sentence gives up its period as
//! a token of its own (`etc|.`), as in EWT. CoNLL-2003 keeps hyphenated words whole; NER
//! training data must be re-split to match (segment each CoNLL token).
//!
//! Sentence boundaries come from rules over punctuation, quotes, brackets and line breaks, and
//! two word lists learned from EWT and CoNLL-2003 train (abbreviations, and capitalized words
//! that typically open sentences), compiled in from `data/` (see `data/README.md`). Datelines
//! (`MOSCOW, April 19 (AP) —`) stay inside the first sentence; headlines and bylines on their
//! own line are sentences of their own. The rules are in `sentence.rs`'s module docs.
//!
//! This crate knows nothing about models, corpora, files, or any layer after tokens.
//!
//! ```
//! use tidings_segment::Segmenter;
//! let text = "Gen. Mattis met Park Won-soon in the U.S. The talks ended.";
//! let (sentences, tokens) = Segmenter::new().segment(text);
//! assert_eq!(sentences.len(), 2);
//! let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.start..t.span.end]).collect();
//! assert_eq!(&words[..8], ["Gen.", "Mattis", "met", "Park", "Won", "-", "soon", "in"]);
//! assert_eq!(&words[9..12], ["U.S", ".", "The"]);
//! ```

mod lexicon;
mod sentence;
mod token;

use lexicon::Lexicon;
use tidings_doc::{Annotator, Doc, Layer, OffsetMap, Sentence, Span, Token};

/// The rule-based sentence and token segmenter (`segment.rules.v1`).
#[derive(Debug)]
pub struct Segmenter {
    lexicon: Lexicon,
}

impl Default for Segmenter {
    fn default() -> Segmenter {
        Segmenter::new()
    }
}

impl Segmenter {
    pub fn new() -> Segmenter {
        Segmenter { lexicon: Lexicon::new() }
    }

    /// Sentences and tokens of `text`, in character offsets. Every token lies in exactly one
    /// sentence; sentences cover the tokens in order, and each sentence's span runs from its
    /// first token's start to its last token's end.
    pub fn segment(&self, text: &str) -> (Vec<Sentence>, Vec<Token>) {
        self.segment_with(text, &OffsetMap::new(text))
    }

    /// As [`Segmenter::segment`], reusing the text's offset table.
    pub fn segment_with(&self, text: &str, offsets: &OffsetMap) -> (Vec<Sentence>, Vec<Token>) {
        let mut pieces = Vec::with_capacity(text.len() / 5);
        token::tokenize(text, &self.lexicon, &mut pieces);
        let bounds = sentence::split(text, &pieces, &self.lexicon);

        let mut tokens = Vec::with_capacity(pieces.len() + bounds.split_period.len());
        let mut sentences = Vec::with_capacity(bounds.ends.len());
        let mut splits = bounds.split_period.iter().copied().peekable();
        let mut first = 0;
        for &end in &bounds.ends {
            // Offsets convert through a table of the sentence alone: one search in the whole
            // text's (large) table per sentence, then searches in a small one per token.
            let (sentence_start, sentence_end) = (pieces[first].start, pieces[end - 1].end);
            let sentence_chars = offsets.char_of_byte(sentence_start);
            let local = OffsetMap::new(&text[sentence_start..sentence_end]);
            let span = |a: usize, b: usize| {
                let char_of = |byte: usize| sentence_chars + local.char_of_byte(byte - sentence_start);
                Span::new(char_of(a), char_of(b))
            };
            let first_token = tokens.len();
            for k in first..end {
                let p = pieces[k];
                let space_after = match pieces.get(k + 1) {
                    Some(next) => next.spaced,
                    None => text[p.end..].starts_with(token::is_space),
                };
                if splits.peek() == Some(&k) {
                    splits.next();
                    // The period of an abbreviation that ends the sentence: `etc` + `.`.
                    let dot = p.end - 1;
                    tokens.push(Token { span: span(p.start, dot), space_after: false });
                    tokens.push(Token { span: span(dot, p.end), space_after });
                } else {
                    tokens.push(Token { span: span(p.start, p.end), space_after });
                }
            }
            let span = Span::new(tokens[first_token].span.start, tokens[tokens.len() - 1].span.end);
            sentences.push(Sentence { span, tokens: first_token..tokens.len() });
            first = end;
        }
        (sentences, tokens)
    }
}

impl Annotator for Segmenter {
    fn name(&self) -> &str {
        "segment.rules.v1"
    }

    fn requires(&self) -> &[Layer] {
        &[]
    }

    fn assigns(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }

    fn annotate(&self, doc: &mut Doc) {
        let (sentences, tokens) = self.segment_with(doc.text(), doc.offsets());
        doc.sentences = sentences;
        doc.tokens = tokens;
        doc.mark(Layer::Sentences);
        doc.mark(Layer::Tokens);
    }
}
