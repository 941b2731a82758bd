//! Builds Tidings' annotation layers in order: article in, annotated [`Doc`] out.
//!
//! A [`Pipeline`] is a list of components ([`Annotator`]s). Building one checks, once, that each
//! component's required layers are assigned by an earlier component (as spaCy's
//! `pipe_analysis` does), so running it can never meet a missing layer. [`Pipeline::run`]
//! cannot fail: components report problems as diagnostics on the Doc.
//!
//! **Limits.** [`Limits`] bound what one article may cost: a sentence longer than
//! [`Limits::max_sentence_tokens`] is given to the tagger and parser in pieces, and an article
//! still running after [`Limits::max_article_time`] is given up by [`Pipeline::try_run`] with an
//! error naming the limit, so a batch goes on without it.
//!
//! This crate does no I/O beyond loading models through the layer crates, and knows nothing
//! about readers, output formats or storage.
//!
//! ```
//! use tidings_doc::Article;
//! use tidings_pipeline::Pipeline;
//! let pipeline = Pipeline::rules_only();
//! let doc = pipeline.run(Article { text: "Talks resume next week.".into(), ..Article::default() });
//! assert_eq!(doc.sentences.len(), 1);
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tidings_doc::{Annotator, Article, Diagnostic, Doc, Layer, Sentence, Span};

/// Why a pipeline could not be built, or an article was given up.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// A component needs a layer that no earlier component assigns.
    #[error(
        "component {component} requires the {layer} layer, which no earlier component assigns"
    )]
    MissingLayer { component: String, layer: Layer },
    /// A model or the knowledge base could not be loaded.
    #[error("loading {what}: {message}")]
    Load { what: &'static str, message: String },
    /// A component assigns a layer that an earlier one already assigned (layers are never edited).
    #[error("component {component} assigns the {layer} layer, which {earlier} already assigned")]
    LayerAssignedTwice {
        component: String,
        earlier: String,
        layer: Layer,
    },
    /// An article took longer than [`Limits::max_article_time`]: it is skipped. The time is
    /// checked after each component, so `elapsed` may pass the limit by one component's time.
    #[error(
        "article {article}: over the time limit max_article_time = {} s ({:.1} s spent, up to {component}); skipped",
        limit.as_secs_f64(),
        elapsed.as_secs_f64()
    )]
    TimeLimit {
        article: String,
        limit: Duration,
        elapsed: Duration,
        component: String,
    },
}

/// What one article may cost. The defaults suit news: a news sentence is rarely over 80 tokens,
/// and an article of a few thousand words takes well under a second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A sentence of more tokens than this is tagged and parsed as consecutive pieces of at most
    /// this many tokens, each with its own root (a diagnostic on the Doc says so), rather than
    /// whole: run-on "sentences" (tables, lists, text without punctuation) would otherwise cost
    /// the parser and every layer reading the parse time out of proportion, for a parse that
    /// would be wrong anyway. Every other layer still sees the sentence whole. Default
    /// [`Limits::DEFAULT_MAX_SENTENCE_TOKENS`].
    pub max_sentence_tokens: usize,
    /// [`Pipeline::try_run`] gives up an article still running after this long, with
    /// [`PipelineError::TimeLimit`]. Checked between components (a component is not
    /// interrupted). Default [`Limits::DEFAULT_MAX_ARTICLE_TIME`]. [`Pipeline::run`] has no
    /// deadline.
    pub max_article_time: Duration,
}

impl Limits {
    /// 250 tokens: about three times the longest sentences of edited news.
    pub const DEFAULT_MAX_SENTENCE_TOKENS: usize = 250;
    /// 60 s: some hundred times what a long article takes on one core.
    pub const DEFAULT_MAX_ARTICLE_TIME: Duration = Duration::from_secs(60);
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_sentence_tokens: Limits::DEFAULT_MAX_SENTENCE_TOKENS,
            max_article_time: Limits::DEFAULT_MAX_ARTICLE_TIME,
        }
    }
}

/// User dictionaries that extend (or, for verbs, may replace) the built-in ones.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Actor dictionaries (PETRARCH format), consulted before the built-in ones.
    pub actors: Vec<PathBuf>,
    /// Agent dictionaries (PETRARCH format).
    pub agents: Vec<PathBuf>,
    /// Verb dictionaries (PETRARCH format), whose verbs take precedence over the built-in
    /// ones.
    pub verbs: Vec<PathBuf>,
    /// Use only `verbs`, not the built-in CAMEO dictionary (the PETRARCH unit tests are
    /// written against their own small one).
    pub only_these_verbs: bool,
}

fn event_coder(
    models_dir: &Path,
    options: &Options,
) -> Result<tidings_events::EventCoder, PipelineError> {
    let load = |what: &'static str, e: tidings_events::Error| PipelineError::Load {
        what,
        message: e.to_string(),
    };
    let mut lexicon =
        tidings_events::EventLexicon::load(&models_dir.join(tidings_events::MODEL_DIR))
            .map_err(|e| load("the event lexicon", e))?;
    for (i, path) in options.verbs.iter().enumerate() {
        if i == 0 && options.only_these_verbs {
            lexicon.replace_verbs(path)
        } else {
            lexicon.add_verbs(path)
        }
        .map_err(|e| load("a verb dictionary", e))?;
    }
    Ok(tidings_events::EventCoder::new(lexicon))
}

/// An ordered, checked list of components, and the [`Limits`] it runs under.
pub struct Pipeline {
    components: Vec<Box<dyn Annotator>>,
    limits: Limits,
}

impl Pipeline {
    /// Checks the order of `components` and builds the pipeline.
    pub fn new(components: Vec<Box<dyn Annotator>>) -> Result<Pipeline, PipelineError> {
        let mut assigned: Vec<(Layer, String)> = Vec::new();
        for c in &components {
            for &layer in c.requires() {
                if !assigned.iter().any(|(l, _)| *l == layer) {
                    return Err(PipelineError::MissingLayer {
                        component: c.name().to_string(),
                        layer,
                    });
                }
            }
            for &layer in c.assigns() {
                if let Some((_, earlier)) = assigned.iter().find(|(l, _)| *l == layer) {
                    return Err(PipelineError::LayerAssignedTwice {
                        component: c.name().to_string(),
                        earlier: earlier.clone(),
                        layer,
                    });
                }
                assigned.push((layer, c.name().to_string()));
            }
        }
        Ok(Pipeline {
            components,
            limits: Limits::default(),
        })
    }

    /// The same pipeline under `limits`.
    pub fn with_limits(mut self, limits: Limits) -> Pipeline {
        self.limits = limits;
        self
    }

    /// The limits it runs under.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The rule-based layers, which need no model files: segmentation and time expressions.
    pub fn rules_only() -> Pipeline {
        Pipeline::new(vec![
            Box::new(tidings_segment::Segmenter::new()),
            Box::new(tidings_timex::TimeTagger::new()),
        ])
        .expect("the rule layers are in a valid order")
    }

    /// The full pipeline with the models in [`default_models_dir`]: segmentation, tags and
    /// dependencies, times, entity mentions, linked and coded entities.
    pub fn standard() -> Result<Pipeline, PipelineError> {
        Pipeline::with_models(&default_models_dir())
    }

    /// The full pipeline with the models in `models_dir`.
    pub fn with_models(models_dir: &Path) -> Result<Pipeline, PipelineError> {
        Pipeline::with_models_and_actors(models_dir, &[])
    }

    /// The full pipeline with the models in `models_dir` and the user actor dictionaries
    /// `actors` (PETRARCH format) consulted before the built-in ones.
    pub fn with_models_and_actors(
        models_dir: &Path,
        actors: &[std::path::PathBuf],
    ) -> Result<Pipeline, PipelineError> {
        Pipeline::with_options(
            models_dir,
            &Options {
                actors: actors.to_vec(),
                ..Options::default()
            },
        )
    }

    /// The full pipeline with the models in `models_dir` and the user dictionaries of
    /// `options`.
    pub fn with_options(models_dir: &Path, options: &Options) -> Result<Pipeline, PipelineError> {
        let actors = &options.actors;
        let syntax =
            tidings_syntax::SyntaxAnnotator::load(models_dir).map_err(|e| PipelineError::Load {
                what: "the tagger and parser",
                message: e.to_string(),
            })?;
        let ner = tidings_ner::NerAnnotator::load(models_dir).map_err(|e| PipelineError::Load {
            what: "the entity recognizer",
            message: e.to_string(),
        })?;
        let link =
            tidings_link::Linker::load_with_dictionaries(models_dir, actors, &options.agents)
                .map_err(|e| PipelineError::Load {
                    what: "the knowledge base",
                    message: e.to_string(),
                })?;
        let events = event_coder(models_dir, options)?;
        // Syntax before times: the time tagger reads the tense of each expression's governing
        // verb from the parse when the layer is there.
        Pipeline::new(vec![
            Box::new(tidings_segment::Segmenter::new()),
            Box::new(syntax),
            Box::new(tidings_timex::TimeTagger::new()),
            Box::new(ner),
            Box::new(link),
            Box::new(events),
        ])
    }

    /// The same pipeline stopped after the component that assigns `layer`: a user who wants only
    /// time expressions (`Layer::Times`) or entity mentions need not pay for later layers.
    /// Unchanged when no component assigns `layer`.
    pub fn until(mut self, layer: Layer) -> Pipeline {
        if let Some(last) = self
            .components
            .iter()
            .position(|c| c.assigns().contains(&layer))
        {
            self.components.truncate(last + 1);
        }
        self
    }

    /// The names of the components, in order.
    pub fn component_names(&self) -> Vec<&str> {
        self.components.iter().map(|c| c.name()).collect()
    }

    /// Runs every component over a new Doc for `article`, with long sentences parsed in pieces
    /// ([`Limits::max_sentence_tokens`]) but no deadline.
    pub fn run(&self, article: Article) -> Doc {
        let mut doc = Doc::new(article);
        for c in &self.components {
            self.annotate(c.as_ref(), &mut doc);
        }
        doc
    }

    /// As [`Pipeline::run`], but gives up an article still running after
    /// [`Limits::max_article_time`] with [`PipelineError::TimeLimit`].
    pub fn try_run(&self, article: Article) -> Result<Doc, PipelineError> {
        let started = Instant::now();
        let mut doc = Doc::new(article);
        for c in &self.components {
            self.annotate(c.as_ref(), &mut doc);
            let elapsed = started.elapsed();
            if elapsed > self.limits.max_article_time {
                return Err(PipelineError::TimeLimit {
                    article: doc.article().id.clone(),
                    limit: self.limits.max_article_time,
                    elapsed,
                    component: c.name().to_string(),
                });
            }
        }
        Ok(doc)
    }

    /// Runs `c` on `doc`; the component that assigns the parse (and nothing else) gets
    /// sentences of at most `max_sentence_tokens` tokens.
    fn annotate(&self, c: &dyn Annotator, doc: &mut Doc) {
        let max = self.limits.max_sentence_tokens.max(1);
        let long = |s: &Sentence| s.tokens.len() > max;
        if c.assigns() != [Layer::Syntax] || !doc.sentences.iter().any(long) {
            c.annotate(doc);
            return;
        }
        // The parser sees a copy of the Doc whose long sentences are cut in pieces; the tokens
        // are the same, so its layer (one entry per token) is the real Doc's as it is.
        let mut pieces = Doc::new(doc.article().clone());
        pieces.tokens = doc.tokens.clone();
        let mut notes = Vec::new();
        for (i, s) in doc.sentences.iter().enumerate() {
            if !long(s) {
                pieces.sentences.push(s.clone());
                continue;
            }
            let mut start = s.tokens.start;
            while start < s.tokens.end {
                let end = (start + max).min(s.tokens.end);
                let span = Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end);
                pieces.sentences.push(Sentence { span, tokens: start..end });
                start = end;
            }
            notes.push(Diagnostic {
                component: c.name().to_string(),
                span: Some(s.span),
                message: format!(
                    "sentence {} has {} tokens, over max_sentence_tokens = {max}: tagged and \
                     parsed in {} pieces",
                    i + 1,
                    s.tokens.len(),
                    s.tokens.len().div_ceil(max)
                ),
            });
        }
        for &layer in c.requires() {
            pieces.mark(layer);
        }
        c.annotate(&mut pieces);
        for &layer in c.assigns() {
            doc.mark(layer);
        }
        doc.syntax = std::mem::take(&mut pieces.syntax);
        doc.diagnostics.extend(notes);
        doc.diagnostics.append(&mut pieces.diagnostics);
    }
}

/// Where the committed models live: `$TIDINGS_MODELS` if set, else the workspace's `models/`.
pub fn default_models_dir() -> PathBuf {
    match std::env::var_os("TIDINGS_MODELS") {
        Some(dir) => dir.into(),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake {
        name: &'static str,
        requires: Vec<Layer>,
        assigns: Vec<Layer>,
    }

    impl Annotator for Fake {
        fn name(&self) -> &str {
            self.name
        }
        fn requires(&self) -> &[Layer] {
            &self.requires
        }
        fn assigns(&self) -> &[Layer] {
            &self.assigns
        }
        fn annotate(&self, doc: &mut Doc) {
            for &l in &self.assigns {
                doc.mark(l);
            }
        }
    }

    fn fake(name: &'static str, requires: &[Layer], assigns: &[Layer]) -> Box<dyn Annotator> {
        Box::new(Fake {
            name,
            requires: requires.to_vec(),
            assigns: assigns.to_vec(),
        })
    }

    #[test]
    fn order_is_checked_when_built() {
        let err = Pipeline::new(vec![fake("ner", &[Layer::Tokens], &[Layer::Mentions])])
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "component ner requires the tokens layer, which no earlier component assigns"
        );
        let twice = Pipeline::new(vec![
            fake("a", &[], &[Layer::Tokens]),
            fake("b", &[], &[Layer::Tokens]),
        ]);
        assert!(matches!(
            twice,
            Err(PipelineError::LayerAssignedTwice { .. })
        ));
        let ok = Pipeline::new(vec![
            fake("seg", &[], &[Layer::Tokens]),
            fake("ner", &[Layer::Tokens], &[Layer::Mentions]),
        ]);
        let doc = ok.unwrap().run(Article::default());
        assert!(doc.has(Layer::Mentions));
    }
}
