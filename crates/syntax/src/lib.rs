//! Part-of-speech tags, lemmas and dependency trees for Tidings.
//!
//! [`SyntaxAnnotator`] reads a [`Doc`]'s sentences and tokens and adds the syntax layer
//! (`Doc::syntax`, one [`TokenSyntax`] per token): universal and Penn tags from the [`Tagger`],
//! lemmas from the [`Lemmatizer`], heads and Universal Dependencies relations from the
//! [`Parser`]. Both models are averaged perceptrons over hashed features, trained here from
//! CoNLL-U treebanks ([`Tagger::train`], [`Parser::train`]) and stored in compact binary files
//! (`pos.bin`, `parser.bin`) under a models folder that the caller names.
//!
//! Lower-level entry points for evaluation: [`Tagger::tag`], [`Parser::parse`],
//! [`SyntaxAnnotator::analyze`] (one sentence of words) and [`SyntaxAnnotator::tag_and_parse`]
//! (no strings built, buffers reused).
//!
//! ```
//! use std::path::Path;
//! let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
//! let syntax = tidings_syntax::SyntaxAnnotator::load(&models).unwrap();
//! let words = syntax.analyze(&["The", "talks", "ended", "."]);
//! assert_eq!(words[2].head, None); // "ended" is the root
//! assert_eq!((words[1].lemma.as_str(), words[1].deprel.as_str(), words[1].head), ("talk", "nsubj", Some(2)));
//! ```
//!
//! This crate knows nothing about entities, events, files other than its own models, or how the
//! pipeline finds its models folder.

mod binary;
mod clusters;
mod error;
mod lemma;
mod lex;
mod linear;
mod parser;
mod table;
mod tagger;
mod word_types;

pub use clusters::Clusters;
pub use error::SyntaxError;
pub use lemma::Lemmatizer;
pub use parser::{universal, Dependency, ParseScratch, Parser, ParserOptions};
pub use tagger::{TagId, Tagger, TaggerOptions};

use lex::Lex;
use std::path::Path;
use tidings_doc::{Annotator, Doc, Label, Layer, TokenSyntax};

/// Where training reports its progress (one line per call, e.g. per epoch).
pub type Progress<'a> = &'a mut dyn FnMut(&str);

/// The tagger model's file name inside `<models>/syntax/`.
pub const TAGGER_FILE: &str = "pos.bin";
/// The parser model's file name inside `<models>/syntax/`.
pub const PARSER_FILE: &str = "parser.bin";

/// The syntax layer: tagger, lemmatizer and parser together.
pub struct SyntaxAnnotator {
    tagger: Tagger,
    parser: Parser,
    /// The tag and relation names, made once so that tokens share them.
    names: Names,
}

/// UPOS and XPOS by tag, relation by parser label.
struct Names {
    upos: Vec<Label>,
    xpos: Vec<Label>,
    deprel: Vec<Label>,
}

impl Names {
    fn of(tagger: &Tagger, parser: &Parser) -> Names {
        let tags = 0..tagger.n_tags() as TagId;
        Names {
            upos: tags.clone().map(|t| Label::new(tagger.upos(t))).collect(),
            xpos: tags.map(|t| Label::new(tagger.xpos(t))).collect(),
            deprel: (0..parser.n_labels() as u16)
                .map(|l| Label::new(parser.label(l)))
                .collect(),
        }
    }
}

impl SyntaxAnnotator {
    /// Loads `syntax/pos.bin` and `syntax/parser.bin` from the models folder `models_dir`.
    pub fn load(models_dir: &Path) -> Result<SyntaxAnnotator, SyntaxError> {
        let tagger_path = models_dir.join("syntax").join(TAGGER_FILE);
        let tagger = Tagger::load(&tagger_path)?;
        let parser = Parser::load(&models_dir.join("syntax").join(PARSER_FILE))?;
        parser.check_tagger(&tagger, &tagger_path)?;
        Ok(SyntaxAnnotator::new(tagger, parser))
    }

    /// Builds the annotator from models in memory (as training returns them).
    pub fn new(tagger: Tagger, parser: Parser) -> SyntaxAnnotator {
        let names = Names::of(&tagger, &parser);
        SyntaxAnnotator {
            tagger,
            parser,
            names,
        }
    }

    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    /// Tags, lemmatizes and parses one sentence of words. Heads are indexes into `words`.
    pub fn analyze(&self, words: &[&str]) -> Vec<TokenSyntax> {
        let mut out = Vec::with_capacity(words.len());
        self.analyze_offset(words, 0, &mut Scratch::default(), &mut out);
        out
    }

    /// As [`SyntaxAnnotator::analyze`], appending to `out` and reusing `scratch` between
    /// sentences. Heads are indexes into `words` plus `offset`.
    fn analyze_offset(
        &self,
        words: &[&str],
        offset: usize,
        scratch: &mut Scratch,
        out: &mut Vec<TokenSyntax>,
    ) {
        let (tags, deps) = self.tag_and_parse(words, scratch);
        for ((word, &tag), dep) in words.iter().zip(tags).zip(deps) {
            out.push(TokenSyntax {
                upos: self.names.upos[tag as usize].clone(),
                xpos: self.names.xpos[tag as usize].clone(),
                lemma: self.tagger.lemma(word, tag),
                head: dep.head.map(|h| h + offset),
                deprel: self.names.deprel[dep.label as usize].clone(),
            });
        }
    }

    /// Tags and parses without building strings: for speed measurements and scoring.
    pub fn tag_and_parse<'s>(
        &self,
        words: &[&str],
        scratch: &'s mut Scratch,
    ) -> (&'s [TagId], &'s [Dependency]) {
        self.tagger.lex_sentence(words, &mut scratch.lex);
        self.tagger.tag_lex(&scratch.lex, &mut scratch.tags);
        self.parser.parse_lex(
            &scratch.lex,
            &scratch.tags,
            &mut scratch.parse,
            &mut scratch.deps,
        );
        (&scratch.tags, &scratch.deps)
    }
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
pub struct Scratch {
    lex: Vec<Lex>,
    tags: Vec<TagId>,
    parse: ParseScratch,
    deps: Vec<Dependency>,
}

impl Annotator for SyntaxAnnotator {
    fn name(&self) -> &str {
        "syntax.perceptron.v1"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }

    fn assigns(&self) -> &[Layer] {
        &[Layer::Syntax]
    }

    fn annotate(&self, doc: &mut Doc) {
        let mut syntax = Vec::with_capacity(doc.tokens.len());
        let mut scratch = Scratch::default();
        let mut words: Vec<&str> = Vec::new();
        // Tokens outside every sentence (there should be none) still get an entry, so the
        // layer stays parallel to `doc.tokens`.
        let mut next = 0;
        for sentence in &doc.sentences {
            let range = sentence.tokens.clone();
            while next < range.start {
                syntax.push(TokenSyntax::default());
                next += 1;
            }
            words.clear();
            words.extend(doc.tokens[range.clone()].iter().map(|t| doc.slice(t.span)));
            self.analyze_offset(&words, range.start, &mut scratch, &mut syntax);
            next = range.end;
        }
        syntax.resize(doc.tokens.len(), TokenSyntax::default());
        doc.syntax = syntax;
        doc.mark(Layer::Syntax);
    }
}

/// Training needs words: a corpus of none is refused with the corpus's own error.
pub(crate) fn refuse_empty(train: &[tidings_corpus::conllu::Sentence]) -> Result<(), SyntaxError> {
    if train.iter().all(|s| s.words.is_empty()) {
        return Err(tidings_corpus::Error::Empty {
            path: "training corpus".into(),
            what: "no sentences with words".into(),
        }
        .into());
    }
    Ok(())
}
