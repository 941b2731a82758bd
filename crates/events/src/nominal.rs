//! The nominal-event lexicon: nouns that name an event ("the summit", "sanctions"), each with a
//! CAMEO code. The format (`nominal.v1`) is described at the top of `data/events/nominal.txt`:
//! one `NOUN [{FORMS}] CODE [# comment]` a line.
//!
//! Unlike the public PETRARCH files, this is our format, so a malformed line is an error that
//! names the file and line: a user extending the lexicon learns of a typo at once.

use crate::error::{read_text, Error};
use crate::verbs::{is_cameo_code, regular_plural};
use serde::{Deserialize, Serialize};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One noun of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NominalEntry {
    /// Lowercase words joined by spaces ("hunger strike").
    pub noun: String,
    /// Every form, the noun first: the `{...}` forms or the regular plural.
    pub forms: Vec<String>,
    /// CAMEO code.
    pub code: String,
    pub comment: Option<String>,
    pub source: PathBuf,
    pub line: usize,
}

impl NominalEntry {
    /// The last word, the head the parser will see as the noun ("strike" in "hunger strike").
    pub fn head(&self) -> &str {
        self.noun.rsplit(' ').next().unwrap_or(&self.noun)
    }
}

/// Nouns by any of their forms.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NominalLexicon {
    entries: Vec<NominalEntry>,
    /// Form → index into `entries`. Not stored (a hash map's order would make the artifact's
    /// bytes differ from build to build); [`NominalLexicon::reindex`] rebuilds it.
    #[serde(skip)]
    index: FxHashMap<String, usize>,
}

fn phrase(text: &str) -> String {
    text.split('_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl NominalLexicon {
    pub fn new() -> NominalLexicon {
        NominalLexicon::default()
    }

    /// Reads a lexicon file.
    pub fn read(path: &Path) -> Result<NominalLexicon, Error> {
        let mut lexicon = NominalLexicon::new();
        lexicon.add_file(path)?;
        Ok(lexicon)
    }

    /// Adds a file; its nouns replace earlier entries with the same form. Returns how many
    /// entries it held.
    pub fn add_file(&mut self, path: &Path) -> Result<usize, Error> {
        let n = self.add_text(&read_text(path)?, path)?;
        if n == 0 {
            return Err(Error::Empty {
                path: path.to_path_buf(),
                what: "nouns".into(),
            });
        }
        Ok(n)
    }

    /// Adds lexicon text; `path` names it in errors. A noun listed twice in one text is an
    /// error (a later file may replace it).
    pub fn add_text(&mut self, text: &str, path: &Path) -> Result<usize, Error> {
        let mut here: HashMap<String, usize> = HashMap::new();
        let mut added = 0;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let (body, comment) = match raw.split_once('#') {
                Some((b, c)) => (b, Some(c.trim().to_string()).filter(|c| !c.is_empty())),
                None => (raw, None),
            };
            if body.trim().is_empty() {
                continue;
            }
            let entry = parse_line(body, path, line, comment)?;
            for form in &entry.forms {
                if let Some(first) = here.insert(form.clone(), line) {
                    return Err(Error::malformed(
                        path,
                        line,
                        format!("{form:?} is already listed at line {first}"),
                    ));
                }
            }
            let at = self.entries.len();
            for form in &entry.forms {
                self.index.insert(form.clone(), at);
            }
            self.entries.push(entry);
            added += 1;
        }
        Ok(added)
    }

    /// Rebuilds the form index from the entries (after loading them from an artifact).
    pub fn reindex(&mut self) {
        self.index.clear();
        for (at, entry) in self.entries.iter().enumerate() {
            for form in &entry.forms {
                self.index.insert(form.clone(), at);
            }
        }
    }

    /// How many nouns are listed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry for a noun in any listed form, any case; the words of a multi-word noun may be
    /// separated by spaces or `_`.
    pub fn for_noun(&self, form: &str) -> Option<&NominalEntry> {
        // The coder asks once or more per noun: lowercase ASCII words with single spaces
        // between them, the usual case, are their own key, found without building one.
        let own_key = !form.is_empty()
            && !form.starts_with(' ')
            && !form.ends_with(' ')
            && !form.contains("  ")
            && form.bytes().all(|b| {
                b == b' ' || (b.is_ascii_graphic() && !b.is_ascii_uppercase() && b != b'_')
            });
        if own_key {
            return self.index.get(form).map(|&i| &self.entries[i]);
        }
        let key = form
            .split(|c: char| c.is_whitespace() || c == '_')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        self.index
            .get(&key.to_lowercase())
            .map(|&i| &self.entries[i])
    }

    /// The entries in file order, replaced ones included: use [`for_noun`](Self::for_noun) to
    /// find the entry in force.
    pub fn entries(&self) -> &[NominalEntry] {
        &self.entries
    }

    /// How many distinct forms are listed.
    pub fn forms(&self) -> usize {
        self.index.len()
    }
}

fn parse_line(
    body: &str,
    path: &Path,
    line: usize,
    comment: Option<String>,
) -> Result<NominalEntry, Error> {
    let bad = |m: String| Error::malformed(path, line, m);
    let (outside, braces) = match (body.find('{'), body.find('}')) {
        (Some(o), Some(c)) if o < c => (
            format!("{} {}", &body[..o], &body[c + 1..]),
            Some(&body[o + 1..c]),
        ),
        (None, None) => (body.to_string(), None),
        _ => return Err(bad("unbalanced {forms}".into())),
    };
    let words: Vec<&str> = outside.split_whitespace().collect();
    let [noun, code] = words[..] else {
        return Err(bad(format!(
            "expected `NOUN [{{FORMS}}] CODE`, found {:?}",
            body.trim()
        )));
    };
    if !is_cameo_code(code) {
        return Err(bad(format!(
            "{code:?} is not a CAMEO code (two to four digits)"
        )));
    }
    if noun
        .chars()
        .any(|c| c.is_ascii_digit() || c == '[' || c == ']')
    {
        return Err(bad(format!("{noun:?} is not a noun")));
    }
    let noun = phrase(noun);
    let mut forms = vec![noun.clone()];
    match braces {
        Some(list) => forms.extend(
            list.split_whitespace()
                .map(phrase)
                .filter(|f| !forms.contains(f))
                .collect::<Vec<_>>(),
        ),
        None => {
            let (rest, last) = noun
                .rsplit_once(' ')
                .map_or(("", noun.as_str()), |(r, l)| (r, l));
            let plural = regular_plural(last);
            forms.push(if rest.is_empty() {
                plural
            } else {
                format!("{rest} {plural}")
            });
        }
    }
    Ok(NominalEntry {
        noun,
        forms,
        code: code.to_string(),
        comment,
        source: path.to_path_buf(),
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(text: &str) -> Result<NominalLexicon, Error> {
        let mut l = NominalLexicon::new();
        l.add_text(text, Path::new("n.txt"))?;
        Ok(l)
    }

    #[test]
    fn forms_and_lookups() {
        let l = lexicon(
            "# header\nvisit 042\nhunger_strike 142 # comment\ntalks {} 040\ncrisis {crises} 140\n",
        )
        .unwrap();
        assert_eq!(l.for_noun("Visits").unwrap().code, "042");
        assert_eq!(l.for_noun("hunger strikes").unwrap().head(), "strike");
        assert_eq!(
            l.for_noun("hunger_strike").unwrap().comment.as_deref(),
            Some("comment")
        );
        assert_eq!(l.for_noun("talks").unwrap().forms, ["talks"]);
        assert!(l.for_noun("talkses").is_none());
        assert_eq!(l.for_noun("crises").unwrap().noun, "crisis");
        assert!(l.for_noun("strike").is_none());
        assert_eq!(l.forms(), 7);
    }

    #[test]
    fn a_later_text_replaces_an_entry() {
        let mut l = lexicon("strike 143\n").unwrap();
        l.add_text("strike 195\n", Path::new("user.txt")).unwrap();
        assert_eq!(l.for_noun("strikes").unwrap().code, "195");
        assert_eq!(l.entries().len(), 2);
    }

    #[test]
    fn errors_name_file_and_line() {
        for (text, message) in [
            ("visit\n", "n.txt:1: expected"),
            ("\nvisit 42x\n", "n.txt:2: \"42x\" is not a CAMEO code"),
            ("visit {visits 042\n", "n.txt:1: unbalanced"),
            (
                "visit 042\nvisits 043\n",
                "n.txt:2: \"visits\" is already listed at line 1",
            ),
            ("visit 042 extra\n", "n.txt:1: expected"),
        ] {
            let err = lexicon(text).unwrap_err().to_string();
            assert!(err.starts_with(message), "{text:?}: {err}");
        }
    }
}
