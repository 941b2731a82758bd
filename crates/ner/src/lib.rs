//! Named-entity recognition: finds PER, ORG, LOC and MISC mentions (the CoNLL-2003 types).
//!
//! [`NerAnnotator`] reads a [`Doc`]'s sentences and tokens and adds `Doc::mentions`, each a
//! character span from its first token's start to its last token's end, sorted by start.
//! [`Recognizer::recognize`] does the same over plain token strings, for evaluation.
//!
//! The model is a left-to-right averaged perceptron over BILOU labels with a small beam
//! (Ratinov & Roth 2009; Collins & Roark 2004): word, affix, shape and context features, word
//! clusters from en_core_web_md's vectors (`models/clusters`), gazetteers built from the shared
//! country and PETRARCH2 actor lists, and non-local features (what the same document already
//! said about a word, the neighbours of its other occurrences, whether it is also written in
//! lowercase there). [`train`] learns it from CoNLL-2003; a model directory holds one
//! self-contained binary, `ner.bin`, which loads in milliseconds.
//!
//! ```no_run
//! let ner = tidings_ner::Recognizer::load(std::path::Path::new("models/ner")).unwrap();
//! let words = ["Merkel", "will", "travel", "to", "Lisbon", "."];
//! for e in ner.recognize(&words, &[0..words.len()]) {
//!     println!("{} {}", words[e.start..e.end].join(" "), e.kind.conll_tag());
//! }
//! ```
//!
//! This crate knows nothing about time expressions, syntax, entity linking or events; it never
//! edits tokens or sentences.

mod card;
mod clusters;
mod error;
mod features;
mod gazetteer;
mod hash;
mod lexicon;
mod model;
mod recognizer;
mod tags;
mod train;
mod weights;

pub use card::model_card;
pub use error::NerError;
pub use recognizer::{Recognizer, MODEL_FILE};
pub use tags::{spans_from_iob, EntitySpan};
pub use train::{conll_documents, read_conll, score, train, Counts, Document, RunReport, TrainOptions, TrainReport};

use std::ops::Range;
use std::path::Path;
use tidings_doc::{Annotator, Doc, Layer, Mention, Span};

/// The pipeline component: adds `Doc::mentions` from sentences and tokens.
#[derive(Debug, Clone)]
pub struct NerAnnotator {
    recognizer: Recognizer,
}

impl NerAnnotator {
    /// Loads the model from `models_dir/ner/ner.bin`.
    pub fn load(models_dir: &Path) -> Result<NerAnnotator, NerError> {
        Ok(NerAnnotator { recognizer: Recognizer::load(&models_dir.join("ner"))? })
    }

    pub fn recognizer(&self) -> &Recognizer {
        &self.recognizer
    }
}

impl Annotator for NerAnnotator {
    fn name(&self) -> &str {
        "ner.perceptron.v1"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }

    fn assigns(&self) -> &[Layer] {
        &[Layer::Mentions]
    }

    fn annotate(&self, doc: &mut Doc) {
        let (spans, sentences) = conll_words(doc);
        let words: Vec<&str> = spans.iter().map(|s| doc.slice(*s)).collect();
        let found = self.recognizer.recognize(&words, &sentences);
        let mut mentions: Vec<Mention> = found
            .iter()
            .map(|e| Mention { span: Span::new(spans[e.start].start, spans[e.end - 1].end), kind: e.kind })
            .collect();
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        doc.mentions.extend(mentions);
        doc.mark(Layer::Mentions);
    }
}

/// The Doc's tokens as the model's training text (CoNLL-2003) has them: the segmenter splits
/// hyphenated words (`Jong - un`, as UD English does) while CoNLL keeps them whole
/// (`Jong-un`), so tokens joined by a hyphen with no space around it become one word. Returns
/// each word's char span and the sentences as ranges of words.
fn conll_words(doc: &Doc) -> (Vec<Span>, Vec<Range<usize>>) {
    let mut spans: Vec<Span> = Vec::with_capacity(doc.tokens.len());
    let mut sentences = Vec::with_capacity(doc.sentences.len());
    for s in &doc.sentences {
        let first = spans.len();
        let toks = &doc.tokens[s.tokens.clone()];
        let mut i = 0;
        while i < toks.len() {
            let mut j = i;
            while j + 2 < toks.len()
                && doc.slice(toks[j + 1].span) == "-"
                && toks[j].span.end == toks[j + 1].span.start
                && toks[j + 1].span.end == toks[j + 2].span.start
            {
                j += 2;
            }
            spans.push(Span::new(toks[i].span.start, toks[j].span.end));
            i = j + 1;
        }
        sentences.push(first..spans.len());
    }
    (spans, sentences)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tidings_doc::{Article, Sentence, Token};

    #[test]
    fn hyphen_split_tokens_make_one_word() {
        // "Lee Jung - ho met Cho - Ahn ." with the hyphens of "Jung-ho" touching and those of
        // "Cho - Ahn" spaced.
        let text = "Lee Jung-ho met Cho - Ahn.";
        let mut doc = Doc::new(Article { text: text.into(), ..Article::default() });
        for (s, e) in [(0, 3), (4, 8), (8, 9), (9, 11), (12, 15), (16, 19), (20, 21), (22, 25), (25, 26)] {
            doc.tokens.push(Token { span: Span::new(s, e), space_after: false });
        }
        doc.sentences.push(Sentence { span: Span::new(0, 26), tokens: 0..9 });
        let (spans, sentences) = conll_words(&doc);
        let words: Vec<&str> = spans.iter().map(|s| doc.slice(*s)).collect();
        assert_eq!(words, ["Lee", "Jung-ho", "met", "Cho", "-", "Ahn", "."]);
        assert_eq!(sentences, [0..7]);
    }
}
