//! Sentence-boundary and token scoring of the segmenter against CoNLL-U gold.
//!
//! **Text.** A CoNLL-U file holds no raw text, only each sentence's `# text =` line. Each
//! document (opened by `# newdoc`; a file without any is one document) is rebuilt as UD's own
//! `conllu_to_text.pl` does: sentences of one paragraph joined by one space, paragraphs (opened
//! by `# newpar`) separated by a blank line (`"\n\n"`). The segmenter then sees every paragraph
//! break as a blank line, and no other line break, so line-based rules play no part here.
//!
//! **Sentences.** A boundary is the character offset where a sentence ends in the rebuilt text
//! (its last non-space character + 1). Gold boundaries come from the `# text` lines, predicted
//! ones from the segmenter's sentence spans, per document. Precision = correct / predicted,
//! recall = correct / gold, F1 their harmonic mean. As in the CoNLL 2018 scorer, the last
//! sentence of every document counts (it is always found).
//!
//! **Tokens.** Gold token spans are found by aligning each sentence's surface tokens with its
//! `# text` line: `token_*` scores count a multiword token (`don't` = `do` + `n't`) as its one
//! surface token; `word_*` scores split it into its syntactic words wherever the words spell the
//! surface form (`do` + `n't`, `Bush` + `'s`, but not `wo` + `n't` = `won't`), which is what the
//! tagger and parser see. A predicted token is correct when a gold token has exactly its span.
//! Gold tokens that cannot be found in their `# text` line are left out (`unaligned`).

use serde::Serialize;
use std::fmt;
use std::path::Path;
use tidings_corpus::conllu;
use tidings_doc::Span;
use tidings_segment::Segmenter;

/// Sentence-boundary and token precision/recall/F1 of the segmenter on one CoNLL-U file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Gold sentence boundaries (= gold sentences).
    pub gold: usize,
    /// Predicted sentence boundaries (= predicted sentences).
    pub predicted: usize,
    /// Documents rebuilt and segmented.
    pub docs: usize,
    pub token_precision: f64,
    pub token_recall: f64,
    pub token_f1: f64,
    pub word_precision: f64,
    pub word_recall: f64,
    pub word_f1: f64,
    /// Gold tokens not found in their sentence's `# text` line, left out of the token scores.
    pub unaligned: usize,
}

/// Counts behind one precision/recall/F1 triple.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    correct: usize,
    gold: usize,
    predicted: usize,
}

impl Tally {
    fn add(&mut self, gold: &[Span], predicted: &[Span]) {
        self.gold += gold.len();
        self.predicted += predicted.len();
        self.correct += count_common(gold, predicted);
    }

    fn prf(&self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (p, r) = (
            ratio(self.correct, self.predicted),
            ratio(self.correct, self.gold),
        );
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// Number of items in both sorted lists.
fn count_common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// One rebuilt document with its gold annotation.
#[derive(Default)]
struct GoldDoc {
    text: String,
    chars: usize,
    /// Sentence ends, as empty spans at the boundary offset.
    ends: Vec<Span>,
    tokens: Vec<Span>,
    words: Vec<Span>,
    unaligned: usize,
}

impl GoldDoc {
    fn push_sentence(&mut self, s: &conllu::Sentence) {
        let text = s.text.clone().unwrap_or_else(|| surface_text(s));
        if !self.text.is_empty() {
            let sep = if s.newpar { "\n\n" } else { " " };
            self.text.push_str(sep);
            self.chars += sep.len();
        }
        let base = self.chars;
        let chars: Vec<char> = text.chars().collect();
        self.text.push_str(&text);
        self.chars += chars.len();
        self.ends.push(Span::new(self.chars, self.chars));

        let mut cursor = 0;
        for (form, words) in surface_tokens(s) {
            let form: Vec<char> = form.chars().collect();
            while cursor < chars.len() && chars[cursor].is_whitespace() {
                cursor += 1;
            }
            let at = if chars[cursor..].starts_with(&form) {
                Some(cursor)
            } else {
                (cursor..chars.len()).find(|&i| chars[i..].starts_with(&form))
            };
            let Some(at) = at else {
                self.unaligned += 1;
                continue;
            };
            let span = Span::new(base + at, base + at + form.len());
            self.tokens.push(span);
            let spelled: String = words.iter().map(|w| w.form.as_str()).collect();
            if words.len() > 1 && spelled.chars().eq(form.iter().copied()) {
                let mut start = span.start;
                for w in words {
                    let n = w.form.chars().count();
                    self.words.push(Span::new(start, start + n));
                    start += n;
                }
            } else {
                self.words.push(span);
            }
            cursor = at + form.len();
        }
    }
}

/// The sentence's surface tokens, each with the syntactic words it stands for.
fn surface_tokens(s: &conllu::Sentence) -> Vec<(&str, &[conllu::Word])> {
    let mut out = Vec::with_capacity(s.words.len());
    let mut w = 1;
    while w <= s.words.len() {
        if let Some(m) = s
            .multiword
            .iter()
            .find(|m| m.first == w && m.last <= s.words.len())
        {
            out.push((m.form.as_str(), &s.words[m.first - 1..m.last]));
            w = m.last + 1;
        } else {
            out.push((s.words[w - 1].form.as_str(), &s.words[w - 1..w]));
            w += 1;
        }
    }
    out
}

/// A sentence's text rebuilt from its tokens and `SpaceAfter=No`, when `# text` is missing.
fn surface_text(s: &conllu::Sentence) -> String {
    let mut text = String::new();
    for (form, words) in surface_tokens(s) {
        text.push_str(form);
        let last = words.last().expect("a token stands for at least one word");
        let mwt_space = !s
            .multiword
            .iter()
            .any(|m| m.form == form && m.misc.contains("SpaceAfter=No"));
        if last.space_after() && mwt_space {
            text.push(' ');
        }
    }
    text.trim_end().to_string()
}

/// Scores the segmenter on a CoNLL-U file (see the module docs for the exact definitions).
pub fn evaluate(path: &Path) -> Result<SentenceScores, tidings_corpus::Error> {
    let sentences = conllu::read(path)?;
    if sentences.is_empty() {
        return Err(tidings_corpus::Error::Empty {
            path: path.to_path_buf(),
            what: "no sentences".into(),
        });
    }
    let segmenter = Segmenter::new();
    let (mut bounds, mut tokens, mut words) =
        (Tally::default(), Tally::default(), Tally::default());
    let mut docs = 0;
    let mut unaligned = 0;
    let mut score = |doc: GoldDoc| {
        let (sents, toks) = segmenter.segment(&doc.text);
        let ends: Vec<Span> = sents
            .iter()
            .map(|s| Span::new(s.span.end, s.span.end))
            .collect();
        let spans: Vec<Span> = toks.iter().map(|t| t.span).collect();
        bounds.add(&doc.ends, &ends);
        tokens.add(&doc.tokens, &spans);
        let mut gold_words = doc.words;
        gold_words.sort();
        words.add(&gold_words, &spans);
        unaligned += doc.unaligned;
        docs += 1;
    };
    let mut doc = GoldDoc::default();
    for s in &sentences {
        if s.newdoc && !doc.text.is_empty() {
            score(std::mem::take(&mut doc));
        }
        doc.push_sentence(s);
    }
    score(doc);

    let (precision, recall, f1) = bounds.prf();
    let (token_precision, token_recall, token_f1) = tokens.prf();
    let (word_precision, word_recall, word_f1) = words.prf();
    Ok(SentenceScores {
        precision,
        recall,
        f1,
        gold: bounds.gold,
        predicted: bounds.predicted,
        docs,
        token_precision,
        token_recall,
        token_f1,
        word_precision,
        word_recall,
        word_f1,
        unaligned,
    })
}

impl fmt::Display for SentenceScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<10} {:>9} {:>9} {:>9}",
            "", "precision", "recall", "F1"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, p: f64, r: f64, f1: f64| {
            writeln!(f, "{name:<10} {:>9.4} {:>9.4} {:>9.4}", p, r, f1)
        };
        row(f, "sentences", self.precision, self.recall, self.f1)?;
        row(
            f,
            "tokens",
            self.token_precision,
            self.token_recall,
            self.token_f1,
        )?;
        row(
            f,
            "words",
            self.word_precision,
            self.word_recall,
            self.word_f1,
        )?;
        writeln!(
            f,
            "{} documents, {} gold and {} predicted sentences, {} gold tokens unaligned",
            self.docs, self.gold, self.predicted, self.unaligned
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_DOCS: &str = "# newdoc id = d1\n# newpar\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n\
# text = Go home.\n1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n2\thome\thome\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n\
# newdoc id = d2\n# text = Yes\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn rebuilds_documents_and_scores_boundaries_and_tokens() {
        let dir =
            std::env::temp_dir().join(format!("tidings-eval-sentences-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("two.conllu");
        std::fs::write(&path, TWO_DOCS).unwrap();
        let s = evaluate(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!((s.docs, s.gold, s.predicted), (2, 3, 3));
        assert_eq!(s.f1, 1.0);
        // `don't` is one surface token but the segmenter writes `do` + `n't`, as EWT's words are.
        assert_eq!(s.word_f1, 1.0);
        assert!(s.token_recall < 1.0 && s.token_recall > 0.8, "{s:?}");
        assert_eq!(s.unaligned, 0);
    }

    /// A floor under the figures measured on EWT dev (F1 0.937 sentences, 0.991 words), so a
    /// change that breaks segmentation shows here.
    #[test]
    fn ewt_dev_scores_stay_high() {
        let s = evaluate(&tidings_corpus::shared_data(
            "ud-english-ewt/en_ewt-ud-dev.conllu",
        ))
        .unwrap();
        assert_eq!((s.gold, s.docs, s.unaligned), (2001, 318, 0));
        assert!(s.f1 > 0.92, "{s:?}");
        assert!(s.precision > 0.97, "{s:?}");
        assert!(s.word_f1 > 0.98, "{s:?}");
    }

    #[test]
    fn counts_common_items_of_sorted_lists() {
        assert_eq!(count_common(&[1, 3, 5, 7], &[2, 3, 7, 8]), 2);
        assert_eq!(count_common::<u8>(&[], &[1]), 0);
    }
}
