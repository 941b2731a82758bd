//! The dependency parser: greedy arc-eager transitions chosen by an averaged perceptron over
//! joint move+label classes, trained with a dynamic oracle and exploration (Goldberg & Nivre
//! 2012) on tags predicted by jackknifed taggers, so training sees the tag errors that parsing
//! will.
//!
//! The classes are SHIFT, REDUCE and the most frequent (direction, relation) arcs of the
//! training data, at most 64 in all by default, so a dense weight row is one cache line
//! (`classes.rs` says how arcs outside the set are trained).

mod classes;
mod state;
mod train;

use crate::binary::{read_file, Reader, Writer};
use crate::lex::Lex;
use crate::linear::Weights;
use crate::tagger::{argmax_i32, TagId, Tagger, TaggerOptions};
use crate::SyntaxError;
use classes::{is_right_arc, Classes};
use state::{State, NO_HEAD, N_FEATS};
use std::collections::HashMap;
use std::path::Path;
use tidings_corpus::conllu::Sentence;

const MAGIC: &[u8; 8] = b"TDNGSDEP";
/// Version 4 stores the class set (version 3 had every relation in both directions).
const VERSION: u32 = 4;

/// Hyper-parameters of parser training.
#[derive(Debug, Clone)]
pub struct ParserOptions {
    pub epochs: usize,
    pub seed: u64,
    /// From the second epoch on, the probability of following a wrong predicted move instead of
    /// the oracle's, so training visits the configurations that mistakes lead to.
    pub explore: f64,
    /// Weights that quantise below this many units are pruned from the saved model.
    pub min_weight: i32,
    /// Train on tags from this many jackknifed taggers (each trained on the other folds);
    /// 0 or 1 trains on gold tags.
    pub jackknife: usize,
    /// Options of the jackknifed taggers.
    pub tagger: TaggerOptions,
    /// Most classes (SHIFT, REDUCE and the most frequent arcs); 64 makes a dense weight row one
    /// cache line. At least 4.
    pub max_classes: usize,
}

impl Default for ParserOptions {
    fn default() -> ParserOptions {
        ParserOptions {
            epochs: 10,
            seed: 1,
            explore: 0.9,
            // Of 32767 quanta for the largest weight: keeps 40% of the features at no
            // measured LAS cost (see examples/prune.rs), for a third of the size.
            min_weight: 512,
            jackknife: 5,
            tagger: TaggerOptions {
                epochs: 6,
                ..TaggerOptions::default()
            },
            max_classes: 64,
        }
    }
}

/// One word's attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency {
    /// The head's index in the sentence (0-based), `None` for the sentence's root.
    pub head: Option<usize>,
    /// Index into [`Parser::label`].
    pub label: u16,
}

/// The dependency parser.
pub struct Parser {
    /// The joint tags (`UPOS|XPOS`) of the tagger it was trained with, in the tagger's order.
    tags: Vec<String>,
    labels: Vec<String>,
    root_label: u16,
    /// Per tag, the label a word left without a head gets when it is attached to the root word.
    fallback_label: Vec<u16>,
    /// What each class does, numbered as the weights' classes.
    classes: Classes,
    weights: Weights,
}

/// Reusable buffers for parsing, so parsing a sentence allocates nothing once warmed up.
#[derive(Default)]
pub struct ParseScratch {
    state: State,
    scores: Vec<i32>,
}

fn joint_name(upos: &str, xpos: &str) -> String {
    format!("{upos}|{xpos}")
}

fn tag_names(tagger: &Tagger) -> Vec<String> {
    (0..tagger.n_tags())
        .map(|t| joint_name(tagger.upos(t as TagId), tagger.xpos(t as TagId)))
        .collect()
}

impl Parser {
    pub fn load(path: &Path) -> Result<Parser, SyntaxError> {
        let bytes = read_file(path)?;
        // Version 3 files (every label in both directions) still load, so a model trained
        // before class sets can be restricted to one (`Parser::restricted`).
        let (mut r, version) = Reader::open_versions(&bytes, path, MAGIC, 3..=VERSION)?;
        let tags = r.strs()?;
        let labels = r.strs()?;
        let root_label = r.u32()? as u16;
        let fallback_label = r.u16s()?;
        if root_label as usize >= labels.len() {
            return Err(r.bad("the root label is not a label"));
        }
        let (classes, weights) = if version >= 4 {
            let classes = Classes::read(&mut r, labels.len(), root_label)?;
            (classes, Weights::read(&mut r)?)
        } else {
            let (classes, map) = Classes::every(labels.len(), root_label);
            let weights = Weights::read(&mut r)?;
            if weights.n_classes() != map.len() {
                return Err(r.bad(format!(
                    "{} weight classes, where a version 3 file of {} labels has {}",
                    weights.n_classes(),
                    labels.len(),
                    map.len()
                )));
            }
            let restricted = weights.with_classes(&map, classes.len());
            (classes, restricted)
        };
        r.finish()?;
        if weights.n_classes() != classes.len() {
            return Err(r.bad(format!(
                "{} weight classes for {} parser classes",
                weights.n_classes(),
                classes.len()
            )));
        }
        if fallback_label.len() != tags.len()
            || fallback_label.iter().any(|&l| l as usize >= labels.len())
        {
            return Err(r.bad("the fallback labels do not match the tag and label sets"));
        }
        Ok(Parser {
            tags,
            labels,
            root_label,
            fallback_label,
            classes,
            weights,
        })
    }

    pub fn save(&self, path: &Path) -> Result<(), SyntaxError> {
        let mut w = Writer::new(MAGIC, VERSION);
        w.strs(&self.tags);
        w.strs(&self.labels);
        w.u32(self.root_label as u32);
        w.u16s(&self.fallback_label);
        self.classes.write(&mut w);
        self.weights.write(&mut w);
        w.save(path)
    }

    /// Checks that `tagger` produces the tags this parser was trained on.
    pub fn check_tagger(&self, tagger: &Tagger, tagger_path: &Path) -> Result<(), SyntaxError> {
        if tag_names(tagger) != self.tags {
            return Err(SyntaxError::Mismatch {
                path: tagger_path.to_path_buf(),
                message: "this tagger's tag set differs from the one the parser was trained with; retrain the parser".into(),
            });
        }
        Ok(())
    }

    /// The name of label `id`, e.g. `nsubj:pass`.
    pub fn label(&self, id: u16) -> &str {
        &self.labels[id as usize]
    }

    /// Number of dependency labels.
    pub fn n_labels(&self) -> usize {
        self.labels.len()
    }

    /// Number of classes: SHIFT, REDUCE and the arcs (direction, label) it can make.
    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    /// A copy without weights smaller than `min_weight` quanta.
    pub fn pruned(&self, min_weight: i32) -> Parser {
        Parser {
            tags: self.tags.clone(),
            labels: self.labels.clone(),
            root_label: self.root_label,
            fallback_label: self.fallback_label.clone(),
            classes: self.classes.clone(),
            weights: self.weights.pruned(min_weight),
        }
    }

    /// A copy restricted to SHIFT, REDUCE and the `max_classes - 2` arcs of this parser that
    /// are most frequent in `train`, without retraining: its parses
    /// differ from this parser's only where this one would choose a dropped arc.
    pub fn restricted(&self, train: &[Sentence], max_classes: usize) -> Parser {
        let index: HashMap<&str, u16> = self
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i as u16))
            .collect();
        let arcs = train.iter().flat_map(|s| {
            s.words.iter().enumerate().filter_map(|(i, w)| {
                Some((is_right_arc(i, w.head), *index.get(w.deprel.as_str())?))
            })
        });
        let (classes, map) = self.classes.restricted(arcs, self.root_label, max_classes);
        Parser {
            tags: self.tags.clone(),
            labels: self.labels.clone(),
            root_label: self.root_label,
            fallback_label: self.fallback_label.clone(),
            weights: self.weights.with_classes(&map, classes.len()),
            classes,
        }
    }

    /// Number of features and of weights in the model.
    pub fn size(&self) -> (usize, usize) {
        self.weights.size()
    }

    /// Parses one sentence of words with their tags from `tagger`, the tagger this parser was
    /// trained with (it also supplies the words' clusters).
    pub fn parse(&self, tagger: &Tagger, words: &[&str], tags: &[TagId]) -> Vec<Dependency> {
        let lex: Vec<Lex> = words.iter().map(|w| tagger.lex(w)).collect();
        let mut out = Vec::new();
        self.parse_lex(&lex, tags, &mut ParseScratch::default(), &mut out);
        out
    }

    pub(crate) fn parse_lex(
        &self,
        lex: &[Lex],
        tags: &[TagId],
        scratch: &mut ParseScratch,
        out: &mut Vec<Dependency>,
    ) {
        let n = lex.len();
        let st = &mut scratch.state;
        st.reset(n);
        scratch.scores.resize(self.weights.n_classes(), 0);
        let scores = &mut scratch.scores;
        let mut feats = [0u64; N_FEATS];
        while !st.terminal() {
            let allowed = st.allowed();
            st.features(lex, tags, &mut feats);
            self.weights.score(&feats, scores);
            self.mask_invalid(st, &allowed, scores);
            st.apply(self.classes.get(argmax_i32(scores)));
        }
        self.finish(st, tags, out);
    }

    /// Sets the scores of the classes that `st` does not allow (see [`State::valid`]) to the
    /// lowest value, working on the classes of each move at once (a range) rather than class by
    /// class. No LEFT-ARC has the root label, so LEFT-ARCs need no label test.
    #[inline]
    fn mask_invalid(&self, st: &State, allowed: &[bool; 4], scores: &mut [i32]) {
        for (m, &ok) in allowed.iter().enumerate().take(2) {
            if !ok {
                scores[m] = i32::MIN;
            }
        }
        if !allowed[2] {
            scores[self.classes.lefts()].fill(i32::MIN);
        }
        let root_right = self.classes.root_right();
        if !allowed[3] {
            scores[self.classes.rights()].fill(i32::MIN);
        } else if st.stack.last() == Some(&0) {
            let root = scores[root_right];
            scores[self.classes.rights()].fill(i32::MIN);
            scores[root_right] = root;
        } else {
            scores[root_right] = i32::MIN;
        }
    }

    /// Reads the tree off a terminal configuration. Words left without a head attach to the
    /// root word (or the first of them becomes the root), so the result is always one tree.
    fn finish(&self, st: &State, tags: &[TagId], out: &mut Vec<Dependency>) {
        let n = st.n;
        out.clear();
        let mut root = (1..=n).find(|&i| st.head[i] == 0);
        for i in 1..=n {
            let (head, label) = match st.head[i] {
                0 => (None, self.root_label),
                NO_HEAD => match root {
                    Some(r) => (Some(r - 1), self.fallback_label[tags[i - 1] as usize]),
                    None => {
                        root = Some(i);
                        (None, self.root_label)
                    }
                },
                h => (Some(h as usize - 1), st.label[i]),
            };
            out.push(Dependency { head, label });
        }
    }

    /// Unlabeled and labeled attachment scores on gold words with tags from `tagger`; labels
    /// compare their universal part, as the CoNLL 2018 scorer does.
    pub fn attachment(&self, tagger: &Tagger, sentences: &[Sentence]) -> (f64, f64) {
        let (mut uas, mut las, mut n) = (0usize, 0usize, 0usize);
        let mut scratch = ParseScratch::default();
        let (mut tags, mut deps) = (Vec::new(), Vec::new());
        for s in sentences {
            let lex: Vec<Lex> = s.words.iter().map(|w| tagger.lex(&w.form)).collect();
            tagger.tag_lex(&lex, &mut tags);
            self.parse_lex(&lex, &tags, &mut scratch, &mut deps);
            for (w, d) in s.words.iter().zip(&deps) {
                let head = d.head.map_or(0, |h| h + 1);
                if head == w.head {
                    uas += 1;
                    las += (universal(self.label(d.label)) == universal(&w.deprel)) as usize;
                }
                n += 1;
            }
        }
        (uas as f64 / n.max(1) as f64, las as f64 / n.max(1) as f64)
    }
}

/// The universal part of a relation: `nsubj:pass` → `nsubj`.
pub fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}
