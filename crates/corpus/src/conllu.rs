//! CoNLL-U (Universal Dependencies): sentences of words with tags, lemmas and dependencies.
//!
//! Multiword-token lines (`3-4`) are kept as [`MultiwordToken`]s so the surface text can be
//! rebuilt; empty nodes (`3.1`) are skipped, as the CoNLL 2018 scorer skips them for UAS/LAS.

use crate::error::{read_text, Error};
use std::path::Path;

/// One syntactic word (a line whose ID is an integer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root, else the 1-based index of the head word.
    pub head: usize,
    pub deprel: String,
    pub misc: String,
}

impl Word {
    /// True when MISC says no space follows this word.
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|f| f == "SpaceAfter=No")
    }
}

/// A surface token that spans several words, e.g. `don't` = `do` + `n't`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiwordToken {
    /// First and last word index (1-based, inclusive).
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub sent_id: Option<String>,
    /// The `# text = ` comment, the sentence's raw text.
    pub text: Option<String>,
    /// A `# newdoc` comment opens this sentence.
    pub newdoc: bool,
    /// A `# newpar` comment opens this sentence.
    pub newpar: bool,
    pub words: Vec<Word>,
    pub multiword: Vec<MultiwordToken>,
    /// Line of the sentence's first line in the file (1-based).
    pub line: usize,
}

/// Reads a CoNLL-U file.
pub fn read(path: &Path) -> Result<Vec<Sentence>, Error> {
    parse(&read_text(path)?, path)
}

/// Parses CoNLL-U text; `path` is used in error messages only.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            } else if cur.line != 0 {
                return Err(Error::malformed(path, line_no, "sentence has comments but no words"));
            }
            continue;
        }
        if cur.line == 0 {
            cur.line = line_no;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(v) = comment.strip_prefix("sent_id =") {
                cur.sent_id = Some(v.trim().to_string());
            } else if let Some(v) = comment.strip_prefix("text =") {
                cur.text = Some(v.trim().to_string());
            } else if comment.starts_with("newdoc") {
                cur.newdoc = true;
            } else if comment.starts_with("newpar") {
                cur.newpar = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(Error::malformed(path, line_no, format!("expected 10 tab-separated columns, found {}", cols.len())));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node
        }
        if let Some((a, b)) = id.split_once('-') {
            let (first, last) = match (a.parse::<usize>(), b.parse::<usize>()) {
                (Ok(a), Ok(b)) if a <= b => (a, b),
                _ => return Err(Error::malformed(path, line_no, format!("bad multiword token range {id:?}"))),
            };
            cur.multiword.push(MultiwordToken { first, last, form: cols[1].to_string(), misc: cols[9].to_string() });
            continue;
        }
        let expected = cur.words.len() + 1;
        if id.parse::<usize>().ok() != Some(expected) {
            return Err(Error::malformed(path, line_no, format!("expected word ID {expected}, found {id:?}")));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| Error::malformed(path, line_no, format!("HEAD is not a number: {:?}", cols[6])))?
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for s in &out {
        if let Some(w) = s.words.iter().find(|w| w.head > s.words.len()) {
            return Err(Error::malformed(path, s.line, format!("HEAD {} points past the sentence's {} words", w.head, s.words.len())));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a\n# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_and_multiword_tokens() {
        let s = parse(SAMPLE, Path::new("x.conllu")).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 4);
        assert_eq!(s[0].multiword[0].form, "don't");
        assert_eq!(s[0].text.as_deref(), Some("I don't."));
        assert_eq!(s[0].words[2].head, 0);
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let bad = "1\tI\tI\tPRON\tPRP\t_\t0\troot\t_\n";
        let err = parse(bad, Path::new("bad.conllu")).unwrap_err().to_string();
        assert!(err.starts_with("bad.conllu:1:"), "{err}");
        let bad_head = "1\tI\tI\tPRON\tPRP\t_\tx\troot\t_\t_\n";
        assert!(parse(bad_head, Path::new("b.conllu")).unwrap_err().to_string().contains("b.conllu:1: HEAD"));
    }
}
