//! PETRARCH verb dictionaries (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`, or a user's own):
//! synsets, verb blocks with their verbs and patterns, and verb transformations.
//!
//! The format is documented in PETRARCH2's `dictionaries.rst`. What that document leaves out,
//! and this reader handles:
//! - comments are `#` anywhere on a line, `;` after a verb (TABARI legacy), and `<!-- -->`,
//!   possibly over several lines (the validation dictionary);
//! - a `+` line is a synset member after `&NAME`, but a multi-word verb after `--- ... ---`;
//!   synsets may be defined between verb blocks, and may contain other synsets (`+&NAME`);
//! - `&NAME_` defines the set that patterns call `&NAME`;
//! - codes may be paired (`[042:043]`), reverse-only (`[:173]`) or null (`[---]`), see
//!   [`VerbCode`]; the validation dictionary also uses non-CAMEO codes (`075A`, `+++`);
//! - legacy patterns join words to the verb with `_` (`IN_*`, `*_OUT`).
//!
//! Lines that cannot be read are skipped and listed in the [`LoadReport`], never fatal: the
//! public dictionaries have a few, and one bad line should not lose the rest.

mod forms;
mod pattern;
mod reader;

pub use forms::{regular_plural, regular_verb_forms};
pub use pattern::{is_cameo_code, synset_name, Element, Pattern, VerbCode};

use crate::error::{read_text, Error};
use reader::{parse_transformation, parse_verb, strip_comments};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use rustc_hash::FxHashMap;

/// A [`VerbDictionary`]'s content, as an artifact stores it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbDictionaryParts {
    pub blocks: Vec<VerbBlock>,
    pub synsets: BTreeMap<String, Synset>,
    pub transformations: Vec<Transformation>,
}

/// A synonym set: `&NAME` and its `+` members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synset {
    /// Uppercase, without `&` or a trailing `_`.
    pub name: String,
    pub members: Vec<SynsetMember>,
    pub line: usize,
}

/// One `+` line of a synset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SynsetMember {
    /// Consecutive lowercase words, and the plural (last word pluralised) unless the member or
    /// the synset label ends in `_`.
    Phrase {
        words: Vec<String>,
        plural: Option<Vec<String>>,
    },
    /// `+&OTHER`: every member of another synset.
    Synset(String),
}

/// A verb of a block, as written on its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verb {
    /// The primary form as written, lowercase, words joined by spaces (`"cordon off"`).
    pub lemma: String,
    /// The word that the parser tags as the verb (marked `+` in a multi-word verb).
    pub head: String,
    /// Words of a multi-word verb before the head (`WIRE_+TAP`).
    pub before: Vec<String>,
    /// Words of a multi-word verb after the head (`+CORDON_OFF`).
    pub after: Vec<String>,
    /// Every form of the head: the lemma's head, then the `{...}` forms or the regular ones.
    pub forms: Vec<String>,
    /// The verb's own code, when it overrides the block's.
    pub code: Option<VerbCode>,
    pub line: usize,
}

/// A verb block: `--- NAME [code] ---`, its verbs and the patterns they share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbBlock {
    /// The description from the header (`MEET_PEOPLE`).
    pub name: String,
    /// The block's primary code, used by every verb without its own.
    pub code: VerbCode,
    pub verbs: Vec<Verb>,
    pub patterns: Vec<Pattern>,
    /// The file it was read from, and the header's line.
    pub source: PathBuf,
    pub line: usize,
}

/// What a lookup finds: one verb of one block.
#[derive(Debug, Clone)]
pub struct VerbEntry {
    pub block: Arc<VerbBlock>,
    /// Index into `block.verbs`.
    pub verb: usize,
}

impl VerbEntry {
    pub fn verb(&self) -> &Verb {
        &self.block.verbs[self.verb]
    }

    /// The code of the verb alone: its own, else the block's.
    pub fn code(&self) -> &VerbCode {
        self.verb().code.as_ref().unwrap_or(&self.block.code)
    }

    /// The patterns of the verb's block.
    pub fn patterns(&self) -> &[Pattern] {
        &self.block.patterns
    }

    /// Whether the verb is a multi-word verb ("cordon off"), whose other words the caller must
    /// find around the head.
    pub fn is_multiword(&self) -> bool {
        let v = self.verb();
        !v.before.is_empty() || !v.after.is_empty()
    }
}

/// A verb transformation: `~ a (a b ATTACK) SAY = a b 015` ("A says A will attack B" is coded
/// as A → B 015). Letters name actors; `.` is an unspecified actor, `_` an absent one, and the
/// verb `Q` any verb.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transformation {
    /// The upper verb's source, and the upper verb (a block name or verb, uppercase).
    pub source: String,
    pub verb: String,
    /// The lower clause: source, target, verb.
    pub inner: [String; 3],
    /// The resulting source, target and code.
    pub result: [String; 3],
    pub line: usize,
}

/// A line the reader skipped, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.reason)
    }
}

/// Counts from reading one dictionary file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub blocks: usize,
    pub verbs: usize,
    /// Distinct lookup keys added (forms and multi-word phrases).
    pub forms: usize,
    pub patterns: usize,
    pub synsets: usize,
    pub transformations: usize,
    /// Codes (block, verb or pattern) that are not CAMEO codes, e.g. `075A` or `+++`.
    pub non_cameo_codes: usize,
    pub skipped: Vec<Skipped>,
}

impl std::fmt::Display for LoadReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} blocks, {} verbs ({} forms), {} patterns, {} synsets, {} transformations, {} non-CAMEO codes, {} lines skipped",
            self.blocks,
            self.verbs,
            self.forms,
            self.patterns,
            self.synsets,
            self.transformations,
            self.non_cameo_codes,
            self.skipped.len()
        )
    }
}

/// Verb blocks from one or more dictionary files, looked up by any form of a verb.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    blocks: Vec<Arc<VerbBlock>>,
    synsets: BTreeMap<String, Synset>,
    transformations: Vec<Transformation>,
    index: FxHashMap<String, Vec<VerbEntry>>,
}

enum Section {
    None,
    Synset(String),
    Block,
}

impl VerbDictionary {
    /// An empty dictionary, to which files are added.
    pub fn new() -> VerbDictionary {
        VerbDictionary::default()
    }

    /// Reads one dictionary file.
    pub fn read(path: &Path) -> Result<(VerbDictionary, LoadReport), Error> {
        let mut dict = VerbDictionary::new();
        let report = dict.add_file(path)?;
        Ok((dict, report))
    }

    /// Adds a dictionary file (a user's `--verbs FILE` on top of CAMEO, say). Its synsets join
    /// the shared ones; a synset of the same name replaces the earlier one.
    pub fn add_file(&mut self, path: &Path) -> Result<LoadReport, Error> {
        let text = read_text(path)?;
        let report = self.add_text(&text, path);
        if report.blocks == 0 && report.synsets == 0 {
            return Err(Error::Empty {
                path: path.to_path_buf(),
                what: "verb blocks or synsets".into(),
            });
        }
        Ok(report)
    }

    /// Adds dictionary text; `path` names it in the report.
    pub fn add_text(&mut self, text: &str, path: &Path) -> LoadReport {
        let mut report = LoadReport::default();
        let skip = |report: &mut LoadReport, line: usize, reason: String| {
            report.skipped.push(Skipped {
                path: path.to_path_buf(),
                line,
                reason,
            })
        };
        let mut blocks: Vec<VerbBlock> = Vec::new();
        let mut section = Section::None;
        let mut in_comment = false;
        for (i, raw) in text.lines().enumerate() {
            let number = i + 1;
            let line = strip_comments(raw, &mut in_comment);
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if line.starts_with("---") {
                let inner = line.trim_start_matches('-').trim_end_matches('-').trim();
                let (name, code) = match (inner.find('['), inner.rfind(']')) {
                    (Some(o), Some(c)) if o < c => {
                        (inner[..o].trim(), VerbCode::parse(&inner[o + 1..c]))
                    }
                    _ => (inner, VerbCode::default()),
                };
                if name.is_empty() {
                    skip(&mut report, number, "block header without a name".into());
                    section = Section::None;
                    continue;
                }
                blocks.push(VerbBlock {
                    name: name.to_string(),
                    code,
                    verbs: Vec::new(),
                    patterns: Vec::new(),
                    source: path.to_path_buf(),
                    line: number,
                });
                section = Section::Block;
            } else if line.starts_with('-') {
                // The pattern keeps its `#` note (which verb it was written for); only an
                // HTML comment is cut.
                let noted = if raw.contains("<!--") {
                    line
                } else {
                    raw.trim()
                };
                match (&section, blocks.last_mut()) {
                    (Section::Block, Some(block)) => match pattern::parse_pattern(noted, number) {
                        Ok(p) => block.patterns.push(p),
                        Err(reason) => skip(&mut report, number, reason),
                    },
                    _ => skip(&mut report, number, "pattern outside a verb block".into()),
                }
            } else if line.starts_with('~') {
                match parse_transformation(line, number) {
                    Some(t) => {
                        self.transformations.push(t);
                        report.transformations += 1;
                    }
                    None => skip(
                        &mut report,
                        number,
                        "transformation not of the form `~ a (b c VERB) VERB = a b code`".into(),
                    ),
                }
            } else if let Some(label) = line.strip_prefix('&') {
                let label = label.split_whitespace().next().unwrap_or("");
                let name = synset_name(label);
                if name.is_empty() {
                    skip(&mut report, number, "synset without a name".into());
                    section = Section::None;
                    continue;
                }
                let plurals = !label.ends_with('_');
                self.synsets.insert(
                    name.clone(),
                    Synset {
                        name: name.clone(),
                        members: Vec::new(),
                        line: number,
                    },
                );
                report.synsets += 1;
                section = Section::Synset(if plurals { name } else { format!("{name}_") });
            } else {
                match &section {
                    Section::Synset(key) if line.starts_with('+') => {
                        let plurals = !key.ends_with('_');
                        let name = key.trim_end_matches('_');
                        let member = line[1..].trim();
                        let entry = if member.starts_with('&') {
                            SynsetMember::Synset(synset_name(member))
                        } else {
                            let words: Vec<String> = member
                                .split(|c: char| c.is_whitespace() || c == '_')
                                .filter(|w| !w.is_empty())
                                .map(str::to_lowercase)
                                .collect();
                            if words.is_empty() {
                                skip(&mut report, number, "empty synset member".into());
                                continue;
                            }
                            let plural = (plurals && !member.ends_with('_')).then(|| {
                                let mut p = words.clone();
                                let last = p.pop().unwrap_or_default();
                                p.push(regular_plural(&last));
                                p
                            });
                            SynsetMember::Phrase { words, plural }
                        };
                        if let Some(s) = self.synsets.get_mut(name) {
                            s.members.push(entry);
                        }
                    }
                    Section::Block => match parse_verb(line, number) {
                        Ok(v) => blocks
                            .last_mut()
                            .expect("a block section has a block")
                            .verbs
                            .push(v),
                        Err(reason) => skip(&mut report, number, reason),
                    },
                    _ => skip(
                        &mut report,
                        number,
                        format!("{line:?} is outside a synset or verb block"),
                    ),
                }
            }
        }
        self.finish(blocks, path, &mut report);
        report
    }

    /// Drops patterns with undefined synsets (as PETRARCH does), counts, and indexes.
    fn finish(&mut self, blocks: Vec<VerbBlock>, path: &Path, report: &mut LoadReport) {
        for mut block in blocks {
            let synsets = &self.synsets;
            let mut dropped = Vec::new();
            block.patterns.retain(|p| {
                match p.synsets().into_iter().find(|s| !synsets.contains_key(*s)) {
                    Some(missing) => {
                        dropped.push(Skipped {
                            path: path.to_path_buf(),
                            line: p.line,
                            reason: format!("undefined synset &{missing}"),
                        });
                        false
                    }
                    None => true,
                }
            });
            report.skipped.extend(dropped);
            let codes = std::iter::once(&block.code)
                .chain(block.verbs.iter().filter_map(|v| v.code.as_ref()))
                .chain(block.patterns.iter().map(|p| &p.code));
            report.non_cameo_codes += codes.filter(|c| !c.is_cameo()).count();
            report.blocks += 1;
            report.verbs += block.verbs.len();
            report.patterns += block.patterns.len();
            report.forms += self.index_block(block);
        }
        report.skipped.sort_by_key(|s| s.line);
    }

    /// Adds a block to the form index and the block list; returns how many new forms it
    /// brought.
    fn index_block(&mut self, block: VerbBlock) -> usize {
        let mut new_forms = 0;
        let block = Arc::new(block);
        {
            for (i, verb) in block.verbs.iter().enumerate() {
                let mut keys: HashSet<String> = verb.forms.iter().cloned().collect();
                if !verb.before.is_empty() || !verb.after.is_empty() {
                    for form in &verb.forms {
                        let mut words = verb.before.clone();
                        words.push(form.clone());
                        words.extend(verb.after.iter().cloned());
                        keys.insert(words.join(" "));
                    }
                }
                for key in keys {
                    let entries = self.index.entry(key).or_default();
                    if entries.is_empty() {
                        new_forms += 1;
                    }
                    entries.push(VerbEntry {
                        block: block.clone(),
                        verb: i,
                    });
                }
            }
            self.blocks.push(block);
        }
        new_forms
    }

    /// The dictionary's content without its index, for storing in an artifact
    /// ([`crate::EventLexicon`]); [`VerbDictionary::from_parts`] rebuilds the index.
    pub fn to_parts(&self) -> VerbDictionaryParts {
        VerbDictionaryParts {
            blocks: self.blocks.iter().map(|b| (**b).clone()).collect(),
            synsets: self.synsets.clone(),
            transformations: self.transformations.clone(),
        }
    }

    /// A dictionary from stored parts, indexed as if its files had been read.
    pub fn from_parts(parts: VerbDictionaryParts) -> VerbDictionary {
        let mut dict = VerbDictionary {
            synsets: parts.synsets,
            transformations: parts.transformations,
            ..VerbDictionary::default()
        };
        for block in parts.blocks {
            dict.index_block(block);
        }
        dict
    }

    /// Every verb of every block with this form (lowercase or not): a lemma ("meet"), an
    /// inflected form ("met"), or a multi-word verb's words ("meet with"). A head word also
    /// finds the multi-word verbs built on it ("ask" finds "ask for"); check
    /// [`VerbEntry::is_multiword`].
    pub fn for_lemma(&self, form: &str) -> &[VerbEntry] {
        // The coder asks once per word and pattern note: a single lowercase ASCII word, the
        // usual case, is its own key, found without building one.
        if !form.is_empty()
            && form
                .bytes()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && !(b as char).is_whitespace() && b != b'_')
        {
            return self.index.get(form).map(Vec::as_slice).unwrap_or(&[]);
        }
        let key = form.trim().to_lowercase();
        let key = key
            .split(|c: char| c.is_whitespace() || c == '_')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        self.index.get(&key).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn blocks(&self) -> &[Arc<VerbBlock>] {
        &self.blocks
    }

    pub fn synset(&self, name: &str) -> Option<&Synset> {
        self.synsets.get(&synset_name(name))
    }

    pub fn synsets(&self) -> impl Iterator<Item = &Synset> {
        self.synsets.values()
    }

    pub fn transformations(&self) -> &[Transformation] {
        &self.transformations
    }

    /// Every phrase a synset stands for (plurals and nested synsets included), each as its
    /// lowercase words.
    pub fn synset_phrases(&self, name: &str) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        self.expand(&synset_name(name), &mut seen, &mut out);
        out
    }

    fn expand(&self, name: &str, seen: &mut HashSet<String>, out: &mut Vec<Vec<String>>) {
        // A synset that contains itself, directly or not, is expanded once.
        if !seen.insert(name.to_string()) {
            return;
        }
        let Some(set) = self.synsets.get(name) else {
            return;
        };
        for member in &set.members {
            match member {
                SynsetMember::Phrase { words, plural } => {
                    out.push(words.clone());
                    out.extend(plural.iter().cloned());
                }
                SynsetMember::Synset(inner) => self.expand(inner, seen, out),
            }
        }
    }
}

#[cfg(test)]
mod tests;
