//! Builds Tidings' annotation layers in order: article in, annotated [`Doc`] out.
//!
//! A [`Pipeline`] is a list of components ([`Annotator`]s). Building one checks, once, that each
//! component's required layers are assigned by an earlier component (as spaCy's
//! `pipe_analysis` does), so running it can never meet a missing layer. Running cannot fail:
//! components report problems as diagnostics on the Doc.
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
use tidings_doc::{Annotator, Article, Doc, Layer};

/// Why a pipeline could not be built.
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

/// An ordered, checked list of components.
pub struct Pipeline {
    components: Vec<Box<dyn Annotator>>,
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
        Ok(Pipeline { components })
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

    /// Runs every component over a new Doc for `article`.
    pub fn run(&self, article: Article) -> Doc {
        let mut doc = Doc::new(article);
        for c in &self.components {
            c.annotate(&mut doc);
        }
        doc
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
