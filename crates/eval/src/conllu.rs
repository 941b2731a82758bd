//! Tags and dependencies against gold CoNLL-U, scored as the CoNLL 2018 shared task scorer
//! (`conll18_ud_eval.py`) scores them, on **gold tokenization**: the tagger and parser read the
//! gold words, so word alignment is the identity and every score is an accuracy over words.
//!
//! - UPOS, XPOS, lemma: share of words whose predicted value equals the gold one.
//! - UAS: share of words with the gold head. LAS: gold head and gold relation, where relations
//!   compare only their universal part (`nsubj:pass` counts as `nsubj`), as the official scorer
//!   does. Punctuation counts like any other word.
//!
//! Multiword tokens are split into their gold words; empty nodes are not read.

use serde::Serialize;
use std::path::Path;
use std::time::Instant;
use tidings_corpus::conllu::Sentence;
use tidings_syntax::{universal, Scratch, SyntaxAnnotator, SyntaxError};

/// Scores of one run over a CoNLL-U file (accuracies in percent).
#[derive(Debug, Clone, Serialize)]
pub struct ConlluScores {
    pub sentences: usize,
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    /// Tagging, lemmatizing and parsing speed in this run (one thread, including lemmas).
    pub words_per_second: f64,
    /// Always true: the scores are on gold words, not on the project's own tokenization.
    pub gold_tokenization: bool,
}

/// Runs `annotator` over the gold words of `sentences` and scores it.
pub fn score(annotator: &SyntaxAnnotator, sentences: &[Sentence]) -> ConlluScores {
    let (mut upos, mut xpos, mut lemma, mut uas, mut las, mut words) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    let mut scratch = Scratch::default();
    let mut forms: Vec<&str> = Vec::new();
    let tagger = annotator.tagger();
    let parser = annotator.parser();
    let started = Instant::now();
    for s in sentences {
        forms.clear();
        forms.extend(s.words.iter().map(|w| w.form.as_str()));
        let (tags, deps) = annotator.tag_and_parse(&forms, &mut scratch);
        for ((w, &tag), dep) in s.words.iter().zip(tags).zip(deps) {
            upos += (tagger.upos(tag) == w.upos) as usize;
            xpos += (tagger.xpos(tag) == w.xpos) as usize;
            lemma += (tagger.lemma(&w.form, tag) == w.lemma) as usize;
            if dep.head.map_or(0, |h| h + 1) == w.head {
                uas += 1;
                las += (universal(parser.label(dep.label)) == universal(&w.deprel)) as usize;
            }
            words += 1;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let pct = |n: usize| 100.0 * n as f64 / words.max(1) as f64;
    ConlluScores {
        sentences: sentences.len(),
        words,
        upos: pct(upos),
        xpos: pct(xpos),
        lemma: pct(lemma),
        uas: pct(uas),
        las: pct(las),
        words_per_second: words as f64 / seconds.max(1e-9),
        gold_tokenization: true,
    }
}

/// Reads a gold CoNLL-U file and scores the models in `models_dir` on it.
pub fn score_file(path: &Path, models_dir: &Path) -> Result<ConlluScores, SyntaxError> {
    let sentences = tidings_corpus::conllu::read(path)?;
    if sentences.is_empty() {
        return Err(tidings_corpus::Error::Empty {
            path: path.to_path_buf(),
            what: "no sentences".into(),
        }
        .into());
    }
    let annotator = SyntaxAnnotator::load(models_dir)?;
    Ok(score(&annotator, &sentences))
}

/// The scores as a plain-text table.
pub fn table(s: &ConlluScores) -> String {
    format!(
        "CoNLL 2018 scores on gold tokenization ({} sentences, {} words)\n\
         metric  score\n\
         UPOS    {:6.2}\n\
         XPOS    {:6.2}\n\
         Lemma   {:6.2}\n\
         UAS     {:6.2}\n\
         LAS     {:6.2}\n\
         speed   {:.0} words/s (tag + lemma + parse, one thread)\n",
        s.sentences, s.words, s.upos, s.xpos, s.lemma, s.uas, s.las, s.words_per_second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn models() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models")
    }

    #[test]
    fn scores_the_committed_models_with_the_documented_json_keys() {
        let dev = tidings_corpus::conllu::read(&tidings_corpus::shared_data(
            "ud-english-ewt/en_ewt-ud-dev.conllu",
        ))
        .unwrap();
        let annotator = SyntaxAnnotator::load(&models()).unwrap();
        let s = score(&annotator, &dev[..200]);
        assert_eq!(s.sentences, 200);
        assert_eq!(
            s.words,
            dev[..200].iter().map(|s| s.words.len()).sum::<usize>()
        );
        assert!(
            s.upos > 90.0 && s.upos <= 100.0 && s.las > 70.0 && s.las <= s.uas,
            "{s:?}"
        );
        let json = serde_json::to_value(&s).unwrap();
        for k in ["upos", "xpos", "uas", "las", "sentences"] {
            assert!(json.get(k).is_some(), "missing {k}");
        }
        assert!(table(&s).contains("gold tokenization"));
    }

    #[test]
    fn las_compares_universal_relations_only() {
        // One sentence whose gold relation has a subtype the model may not predict the same way:
        // rewriting every gold subtype to another subtype must not change LAS.
        let dev = tidings_corpus::conllu::read(&tidings_corpus::shared_data(
            "ud-english-ewt/en_ewt-ud-dev.conllu",
        ))
        .unwrap();
        let annotator = SyntaxAnnotator::load(&models()).unwrap();
        let some: Vec<Sentence> = dev.into_iter().take(100).collect();
        let mut renamed = some.clone();
        for w in renamed.iter_mut().flat_map(|s| s.words.iter_mut()) {
            if let Some((u, _)) = w.deprel.split_once(':') {
                w.deprel = format!("{u}:other");
            }
        }
        assert_eq!(
            score(&annotator, &some).las,
            score(&annotator, &renamed).las
        );
    }

    #[test]
    fn a_malformed_file_is_reported_with_its_line() {
        let path =
            std::env::temp_dir().join(format!("tidings-eval-bad-{}.conllu", std::process::id()));
        std::fs::write(&path, "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\n").unwrap();
        let err = score_file(&path, &models()).unwrap_err().to_string();
        std::fs::remove_file(&path).ok();
        assert!(err.contains(".conllu:2:"), "{err}");
    }
}
