//! TempEval-3 scoring of time expressions (UzZaman et al. 2013, "SemEval-2013 Task 1:
//! TempEval-3", section 4.1, as implemented by the official `evaluate_entities.py`):
//!
//! - **strict** extent match: a system TIMEX3 and a gold TIMEX3 cover exactly the same text;
//! - **relaxed** extent match: they share at least one character;
//! - P = matched system timexes / system timexes, R = matched gold timexes / gold timexes,
//!   F1 their harmonic mean;
//! - **attribute F1** (`type`, `value`) = (share of relaxed matches whose attribute equals the
//!   gold one) × relaxed F1.
//!
//! The document creation time is the anchor, not a scored expression. Matching is one-to-one:
//! each gold timex pairs with at most one system timex, in text order.

use serde::Serialize;
use std::fmt;
use std::path::Path;
use std::time::Instant;
use tidings_corpus::timeml::{self, TimemlDoc};
use tidings_doc::{Annotator, Article, Doc, Span, Timex};
use tidings_segment::Segmenter;
use tidings_syntax::SyntaxAnnotator;
use tidings_timex::TimeTagger;

/// TempEval-3 timex scores over a folder of TimeML documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TimemlScores {
    pub strict_p: f64,
    pub strict_r: f64,
    pub strict_f1: f64,
    pub relaxed_p: f64,
    pub relaxed_r: f64,
    pub relaxed_f1: f64,
    pub type_f1: f64,
    pub value_f1: f64,
    pub docs: usize,
    pub gold: usize,
    pub predicted: usize,
    /// Whitespace-separated words of the texts tagged.
    pub words: usize,
    /// Wall time spent inside the time tagger only (not segmentation or syntax).
    pub seconds: f64,
}

/// One disagreement with the gold annotation, for error analysis.
#[derive(Debug, Clone, PartialEq)]
pub enum Mismatch {
    /// A gold timex that no system timex overlaps.
    Missed {
        doc: String,
        gold: Timex,
        text: String,
        context: String,
    },
    /// A system timex that overlaps no gold timex.
    Spurious {
        doc: String,
        predicted: Timex,
        text: String,
        context: String,
    },
    /// Overlapping timexes that differ in extent, type or value.
    Differs {
        doc: String,
        gold: Timex,
        gold_text: String,
        predicted: Timex,
        predicted_text: String,
        context: String,
    },
}

/// How many characters of text around a mismatch its report shows, each way.
const CONTEXT_CHARS: usize = 70;

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = |t: &Timex| {
            t.modifier
                .map(|m| format!(" {}", m.as_str()))
                .unwrap_or_default()
        };
        match self {
            Mismatch::Missed { doc, gold, text, context } => {
                write!(f, "MISSED   {doc}: {text:?} {} {}{}  ¦ {context}", gold.kind, gold.value, m(gold))
            }
            Mismatch::Spurious { doc, predicted, text, context } => {
                write!(f, "SPURIOUS {doc}: {text:?} {} {}{}  ¦ {context}", predicted.kind, predicted.value, m(predicted))
            }
            Mismatch::Differs { doc, gold, gold_text, predicted, predicted_text, context } => write!(
                f,
                "DIFFERS  {doc}: gold {gold_text:?} {} {}{} | got {predicted_text:?} {} {}{}  ¦ {context}",
                gold.kind,
                gold.value,
                m(gold),
                predicted.kind,
                predicted.value,
                m(predicted)
            ),
        }
    }
}

/// Runs what the pipeline runs before the time tagger over every `*.tml` document under
/// `dir` (segmentation, then tags and dependencies when `syntax` is given), tags its time
/// expressions with [`TimeTagger::tag_doc`] and scores them against gold.
pub fn evaluate(
    dir: &Path,
    syntax: Option<&SyntaxAnnotator>,
) -> Result<TimemlScores, tidings_corpus::Error> {
    evaluate_reporting(dir, syntax, |_| {})
}

/// As [`evaluate`], and passes every [`Mismatch`] to `report`.
pub fn evaluate_reporting(
    dir: &Path,
    syntax: Option<&SyntaxAnnotator>,
    mut report: impl FnMut(Mismatch),
) -> Result<TimemlScores, tidings_corpus::Error> {
    let docs = timeml::read_dir(dir)?;
    let tagger = TimeTagger::new();
    let mut counts = Counts::default();
    let mut seconds = 0.0;
    let mut words = 0;
    for doc in &docs {
        let analyzed = analyze(doc, syntax);
        let started = Instant::now();
        let predicted = tagger.tag_doc(&analyzed);
        seconds += started.elapsed().as_secs_f64();
        words += doc.text.split_whitespace().count();
        counts.add(doc, &predicted, &mut report);
    }
    Ok(counts.scores(docs.len(), words, seconds))
}

/// A TimeML document's text and creation time as the pipeline sees them before the time
/// tagger: segmented, and tagged and parsed when `syntax` is given.
pub fn analyze(doc: &TimemlDoc, syntax: Option<&SyntaxAnnotator>) -> Doc {
    let mut analyzed = Doc::new(Article {
        id: doc.id.clone(),
        published: doc.dct,
        text: doc.text.clone(),
        ..Article::default()
    });
    Segmenter::new().annotate(&mut analyzed);
    if let Some(syntax) = syntax {
        syntax.annotate(&mut analyzed);
    }
    analyzed
}

/// Match counts accumulated over documents.
#[derive(Debug, Default)]
struct Counts {
    gold: usize,
    predicted: usize,
    strict: usize,
    relaxed: usize,
    type_ok: usize,
    value_ok: usize,
}

impl Counts {
    fn add(&mut self, doc: &TimemlDoc, predicted: &[Timex], report: &mut impl FnMut(Mismatch)) {
        let chars: Vec<char> = doc.text.chars().collect();
        let text = |s: Span| {
            chars[s.start.min(chars.len())..s.end.min(chars.len())]
                .iter()
                .collect::<String>()
        };
        // The words around a span on one line, the span itself in brackets.
        let context = |s: Span| {
            let (a, b) = (s.start.min(chars.len()), s.end.min(chars.len()));
            let before = text(Span::new(a.saturating_sub(CONTEXT_CHARS), a));
            let after = text(Span::new(b, (b + CONTEXT_CHARS).min(chars.len())));
            format!("{before}[{}]{after}", text(Span::new(a, b)))
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        self.gold += doc.timexes.len();
        self.predicted += predicted.len();
        let mut used = vec![false; predicted.len()];
        for g in &doc.timexes {
            // Prefer the exact-extent system timex, else the first overlapping one.
            let pick = predicted
                .iter()
                .enumerate()
                .find(|(k, p)| !used[*k] && p.span == g.span)
                .or_else(|| {
                    predicted
                        .iter()
                        .enumerate()
                        .find(|(k, p)| !used[*k] && p.span.overlaps(g.span))
                });
            let Some((k, p)) = pick else {
                report(Mismatch::Missed {
                    doc: doc.id.clone(),
                    gold: g.clone(),
                    text: text(g.span),
                    context: context(g.span),
                });
                continue;
            };
            used[k] = true;
            self.relaxed += 1;
            let strict = p.span == g.span;
            self.strict += strict as usize;
            self.type_ok += (p.kind == g.kind) as usize;
            self.value_ok += (p.value == g.value) as usize;
            if !strict || p.kind != g.kind || p.value != g.value || p.modifier != g.modifier {
                report(Mismatch::Differs {
                    doc: doc.id.clone(),
                    gold: g.clone(),
                    gold_text: text(g.span),
                    predicted: p.clone(),
                    predicted_text: text(p.span),
                    context: context(g.span),
                });
            }
        }
        for (k, p) in predicted.iter().enumerate() {
            if !used[k] && !doc.timexes.iter().any(|g| g.span.overlaps(p.span)) {
                report(Mismatch::Spurious {
                    doc: doc.id.clone(),
                    predicted: p.clone(),
                    text: text(p.span),
                    context: context(p.span),
                });
            }
        }
    }

    fn scores(&self, docs: usize, words: usize, seconds: f64) -> TimemlScores {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let f1 = |p: f64, r: f64| {
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        };
        let (strict_p, strict_r) = (
            ratio(self.strict, self.predicted),
            ratio(self.strict, self.gold),
        );
        let (relaxed_p, relaxed_r) = (
            ratio(self.relaxed, self.predicted),
            ratio(self.relaxed, self.gold),
        );
        let relaxed_f1 = f1(relaxed_p, relaxed_r);
        TimemlScores {
            strict_p,
            strict_r,
            strict_f1: f1(strict_p, strict_r),
            relaxed_p,
            relaxed_r,
            relaxed_f1,
            type_f1: ratio(self.type_ok, self.relaxed) * relaxed_f1,
            value_f1: ratio(self.value_ok, self.relaxed) * relaxed_f1,
            docs,
            gold: self.gold,
            predicted: self.predicted,
            words,
            seconds,
        }
    }
}

impl fmt::Display for TimemlScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "TempEval-3 timex  docs {}  gold {}  predicted {}",
            self.docs, self.gold, self.predicted
        )?;
        writeln!(f, "            P       R       F1")?;
        writeln!(
            f,
            "strict   {:.4}  {:.4}  {:.4}",
            self.strict_p, self.strict_r, self.strict_f1
        )?;
        writeln!(
            f,
            "relaxed  {:.4}  {:.4}  {:.4}",
            self.relaxed_p, self.relaxed_r, self.relaxed_f1
        )?;
        writeln!(
            f,
            "type F1  {:.4}   value F1  {:.4}",
            self.type_f1, self.value_f1
        )?;
        let rate = if self.seconds > 0.0 {
            self.words as f64 / self.seconds
        } else {
            0.0
        };
        writeln!(
            f,
            "speed    {} words in {:.4} s = {:.0} words/s",
            self.words, self.seconds, rate
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tidings_doc::TimexType;

    fn timex(start: usize, end: usize, value: &str) -> Timex {
        Timex {
            span: Span::new(start, end),
            kind: TimexType::Date,
            value: value.into(),
            modifier: None,
            freq: None,
            quant: None,
        }
    }

    #[test]
    fn strict_relaxed_and_value_follow_te3() {
        let doc = TimemlDoc {
            path: "x.tml".into(),
            id: "x".into(),
            dct: None,
            text: "on Friday and in the past 13 months and 1998".into(),
            timexes: vec![
                timex(3, 9, "1998-01-02"),
                timex(17, 35, "P13M"),
                timex(40, 44, "1998"),
            ],
        };
        // Friday exact but wrong value, "past 13 months" overlapping, one spurious, 1998 missed.
        let predicted = vec![
            timex(3, 9, "1998-01-09"),
            timex(21, 35, "P13M"),
            timex(10, 13, "X"),
        ];
        let mut c = Counts::default();
        let mut n = 0;
        c.add(&doc, &predicted, &mut |_| n += 1);
        assert_eq!(n, 4);
        let s = c.scores(1, 9, 0.0);
        assert_eq!((s.strict_p, s.strict_r), (1.0 / 3.0, 1.0 / 3.0));
        assert_eq!((s.relaxed_p, s.relaxed_r), (2.0 / 3.0, 2.0 / 3.0));
        assert!((s.value_f1 - 0.5 * 2.0 / 3.0).abs() < 1e-12);
    }

    /// The whole TBAQ training set, segmented and parsed as the pipeline does. The project
    /// targets are relaxed 0.93, strict 0.86 and value 0.82; the rules with the parse measure
    /// relaxed 0.9436, strict 0.8835, value 0.8266, so the first two are asserted as targets and
    /// value as a floor just under today's figure (above its target).
    #[test]
    fn tbaq_scores_hold() {
        let syntax = SyntaxAnnotator::load(&tidings_pipeline::default_models_dir()).unwrap();
        let s = evaluate(
            &tidings_corpus::shared_data("tempeval3/TBAQ-cleaned"),
            Some(&syntax),
        )
        .unwrap();
        assert_eq!((s.docs, s.gold), (256, 1822));
        assert!(
            s.relaxed_f1 >= 0.93 && s.strict_f1 >= 0.86 && s.value_f1 >= 0.826,
            "{s}"
        );
    }
}
