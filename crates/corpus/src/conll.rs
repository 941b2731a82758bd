//! CoNLL-2003 NER: one token per line, `token POS chunk NER`, IOB2 tags, blank lines between
//! sentences, `-DOCSTART-` lines between documents.

use crate::error::{read_text, Error};
use std::path::Path;

/// One token with its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub form: String,
    pub pos: String,
    pub chunk: String,
    /// IOB2 tag: `O`, `B-PER`, `I-ORG`, ...
    pub ner: String,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub tokens: Vec<Token>,
    /// A `-DOCSTART-` line came before this sentence.
    pub doc_start: bool,
    /// Line of the first token (1-based).
    pub line: usize,
}

/// Reads a CoNLL-2003 file.
pub fn read(path: &Path) -> Result<Vec<Sentence>, Error> {
    parse(&read_text(path)?, path)
}

/// Parses CoNLL-2003 text; `path` is used in error messages only.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut doc_start = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.first() == Some(&"-DOCSTART-") {
            doc_start = true;
            continue;
        }
        if cols.len() != 4 {
            return Err(Error::malformed(path, line_no, format!("expected 4 columns (token POS chunk NER), found {}", cols.len())));
        }
        let ner = cols[3];
        let valid = ner == "O"
            || ner.split_once('-').is_some_and(|(p, t)| (p == "B" || p == "I") && !t.is_empty());
        if !valid {
            return Err(Error::malformed(path, line_no, format!("NER tag {ner:?} is not O, B-TYPE or I-TYPE")));
        }
        if cur.tokens.is_empty() {
            cur.line = line_no;
            cur.doc_start = std::mem::take(&mut doc_start);
        }
        cur.tokens.push(Token { form: cols[0].into(), pos: cols[1].into(), chunk: cols[2].into(), ner: ner.into() });
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sentences_and_documents() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n";
        let s = parse(text, Path::new("t.txt")).unwrap();
        assert_eq!(s.len(), 2);
        assert!(s[0].doc_start && !s[1].doc_start);
        assert_eq!(s[1].tokens[0].ner, "B-PER");
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let err = parse("EU NNP B-ORG\n", Path::new("t.txt")).unwrap_err().to_string();
        assert_eq!(err, "t.txt:1: expected 4 columns (token POS chunk NER), found 3");
        let err = parse("EU NNP B-NP X-ORG\n", Path::new("t.txt")).unwrap_err().to_string();
        assert!(err.starts_with("t.txt:1: NER tag"), "{err}");
    }
}
