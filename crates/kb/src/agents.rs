//! The PETRARCH agents dictionary (`Phoenix.agents.txt`): role nouns and phrases → agent codes.
//!
//! Lines have the form `phrase {optional plurals} [code]`:
//! - The code is written `~GOV` (added after the actor's code: a Russian spokesman is
//!   `RUS` + `GOV`) or `IGO~` (added before it). [`AgentEntry::after_actor`] keeps which.
//! - Substitution sets are defined as `!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON` and used
//!   inside phrases (`SPOKES!PERSON!`, `FOREIGN_!MINIST!`). Every member replaces the marker,
//!   and such expansions get no further plural, as the format says.
//! - Otherwise a regular plural of the last word is made: `Y` → `IES`, `SS` → `SSES`, else `+S`.
//!   `{X}` gives the plural instead; `{}` (or a phrase ending in `_`) means none.
//! - A blank inside a phrase (`CHIEF EXECUTIVE`) means PETRARCH allows words between; the lookup
//!   treats it like `_`.
//!
//! Lines without a code, markup (`<!-- ... -->`) and uses of undefined sets are skipped and
//! reported with their line.

use crate::actors::{brackets, strip_comment};
use crate::error::{read_lossy, KbError};
use crate::Skipped;
use std::collections::BTreeMap;
use std::path::Path;

/// One agent line.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentEntry {
    /// The phrase as written: `FOREIGN_!MINIST!`.
    pub phrase: String,
    /// Every form the phrase stands for, substitutions and plurals made: `FOREIGN_MINISTER`,
    /// `FOREIGN_MINISTERS`, `FOREIGN_MINISTRY`, `FOREIGN_MINISTRIES`.
    pub forms: Vec<String>,
    /// The code without `~`: `GOV`, `GOVMED`, `IGO`.
    pub code: String,
    /// `~GOV`: the code follows the actor's code (the usual case). `IGO~`: it precedes it.
    pub after_actor: bool,
    pub line: usize,
}

/// What an agents dictionary holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgentDictionary {
    pub entries: Vec<AgentEntry>,
    pub skipped: Vec<Skipped>,
}

/// Reads an agents dictionary file.
pub fn read_agents(path: &Path) -> Result<AgentDictionary, KbError> {
    Ok(parse_agents(&read_lossy(path)?))
}

/// The regular plural of a phrase's last word.
fn plural(phrase: &str) -> String {
    if let Some(stem) = phrase.strip_suffix('Y') {
        format!("{stem}IES")
    } else if phrase.ends_with("SS") {
        format!("{phrase}ES")
    } else {
        format!("{phrase}S")
    }
}

/// Replaces each `!SET!` marker by every member of its set. `Err` names an undefined set.
fn expand(phrase: &str, sets: &BTreeMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    expand_within(phrase, sets, 0)
}

/// Bounds on substitution, since a set's members may hold markers themselves (its own, even)
/// and a line with several markers multiplies their sizes: real dictionaries stay far below.
const MAX_FORMS: usize = 1024;
const MAX_NESTING: usize = 8;

fn expand_within(phrase: &str, sets: &BTreeMap<String, Vec<String>>, depth: usize) -> Result<Vec<String>, String> {
    if depth > MAX_NESTING {
        return Err(format!("substitution sets nested more than {MAX_NESTING} deep in {phrase:?}"));
    }
    let Some(start) = phrase.find('!') else {
        return Ok(vec![phrase.to_string()]);
    };
    let Some(len) = phrase[start + 1..].find('!') else {
        return Err(format!("unclosed marker in {phrase:?}"));
    };
    let marker = &phrase[start..start + len + 2];
    let members = sets
        .get(marker)
        .ok_or_else(|| format!("undefined substitution set {marker}"))?;
    let mut forms = Vec::new();
    for member in members {
        let replaced = format!(
            "{}{}{}",
            &phrase[..start],
            member,
            &phrase[start + len + 2..]
        );
        forms.extend(expand_within(&replaced, sets, depth + 1)?);
        if forms.len() > MAX_FORMS {
            return Err(format!("substitution in {phrase:?} gives more than {MAX_FORMS} forms"));
        }
    }
    Ok(forms)
}

/// Reads the text of an agents dictionary.
pub fn parse_agents(text: &str) -> AgentDictionary {
    let mut dict = AgentDictionary::default();
    let mut sets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let body = raw.trim();
        if body.starts_with("<!--") || body.starts_with('<') {
            continue;
        }
        let line = strip_comment(body).replace('\0', "");
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') {
            if let Some((marker, members)) = line.split_once('=') {
                let members = members
                    .split(',')
                    .map(|m| m.trim().to_string())
                    .filter(|m| !m.is_empty())
                    .collect();
                sets.insert(marker.trim().to_string(), members);
                continue;
            }
        }
        let (before, groups) = brackets(line);
        let Some(code) = groups.first() else {
            dict.skipped
                .push(Skipped::new(number, format!("no code for {line:?}")));
            continue;
        };
        let code = code.trim();
        let after_actor = !code.ends_with('~');
        let code = code.trim_matches('~').trim().to_string();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            dict.skipped
                .push(Skipped::new(number, format!("bad agent code {code:?}")));
            continue;
        }
        let (phrase, plurals) = match before.find('{') {
            Some(open) => {
                let inside = before[open + 1..].split('}').next().unwrap_or("");
                (
                    before[..open].trim(),
                    Some(
                        inside
                            .split_whitespace()
                            .map(str::to_string)
                            .collect::<Vec<_>>(),
                    ),
                )
            }
            None => (before.trim(), None),
        };
        if !phrase.chars().any(|c| c.is_alphanumeric()) {
            dict.skipped
                .push(Skipped::new(number, format!("no phrase in {line:?}")));
            continue;
        }
        let mut forms = match expand(phrase, &sets) {
            Ok(forms) => forms,
            Err(why) => {
                dict.skipped.push(Skipped::new(number, why));
                continue;
            }
        };
        let substituted = phrase.contains('!');
        match plurals {
            Some(given) => forms.extend(given),
            None if !substituted && !phrase.ends_with('_') => forms.push(plural(phrase)),
            None => {}
        }
        dict.entries.push(AgentEntry {
            phrase: phrase.to_string(),
            forms,
            code,
            after_actor,
            line: number,
        });
    }
    dict
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
<!-- VERSION: 0.1 -->
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES

SPOKES!PERSON!  [~MED]
GOVERNMENT_SPOKES!PERSON! [~GOV] # jap
FOREIGN_!MINIST! [~GOV]
REBEL [~REB]
POLICE {} [~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
MILITIA_ARMY [~REB]
AGENCY [~GOV]
CONGRESS [~LEG]
MINISTRY_  [~GOV]
HUMAN_RIGHTS_BODY  [NGO~]
DEPARMENT_OF_ENVIRONMENT [~ENV}
ISLAMIC_EXTREMIST
FOO!NOPE! [~GOV]
";

    fn forms(dict: &AgentDictionary, phrase: &str) -> Vec<String> {
        dict.entries
            .iter()
            .find(|e| e.phrase == phrase)
            .unwrap()
            .forms
            .clone()
    }

    #[test]
    fn substitutions_and_plurals() {
        let dict = parse_agents(SAMPLE);
        assert_eq!(
            forms(&dict, "SPOKES!PERSON!"),
            [
                "SPOKESMAN",
                "SPOKESMEN",
                "SPOKESWOMAN",
                "SPOKESWOMEN",
                "SPOKESPERSON"
            ]
        );
        assert_eq!(forms(&dict, "FOREIGN_!MINIST!")[3], "FOREIGN_MINISTRIES");
        assert_eq!(forms(&dict, "REBEL"), ["REBEL", "REBELS"]);
        assert_eq!(forms(&dict, "POLICE"), ["POLICE"]);
        assert_eq!(
            forms(&dict, "ATTORNEY_GENERAL"),
            ["ATTORNEY_GENERAL", "ATTORNEYS_GENERAL"]
        );
        assert_eq!(forms(&dict, "AGENCY"), ["AGENCY", "AGENCIES"]);
        assert_eq!(forms(&dict, "CONGRESS"), ["CONGRESS", "CONGRESSES"]);
        assert_eq!(forms(&dict, "MINISTRY_"), ["MINISTRY_"]);
    }

    #[test]
    fn codes_and_their_side() {
        let dict = parse_agents(SAMPLE);
        let spokes = &dict.entries[0];
        assert_eq!(
            (spokes.code.as_str(), spokes.after_actor, spokes.line),
            ("MED", true, 5)
        );
        let body = dict
            .entries
            .iter()
            .find(|e| e.phrase == "HUMAN_RIGHTS_BODY")
            .unwrap();
        assert_eq!((body.code.as_str(), body.after_actor), ("NGO", false));
        let env = dict
            .entries
            .iter()
            .find(|e| e.phrase == "DEPARMENT_OF_ENVIRONMENT")
            .unwrap();
        assert_eq!(env.code, "ENV");
    }

    #[test]
    fn lines_without_code_or_with_unknown_sets_are_skipped() {
        let dict = parse_agents(SAMPLE);
        let lines: Vec<usize> = dict.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [17, 18]);
    }

    /// Found by fuzzing (`fuzz/run petrarch_agents`): a set whose members hold markers
    /// expanded without end (out of memory). Now such lines are skipped with a reason.
    #[test]
    fn self_referencing_and_exploding_sets_are_skipped() {
        let text = "!M! = A!M!, B!M!\n!N! = 1, 2, 3, 4, 5, 6, 7, 8\nX!M! [~GOV]\n!N!!N!!N!!N! [~GOV]\nFINE [~GOV]\n";
        let dict = parse_agents(text);
        let why: Vec<(usize, &str)> = dict.skipped.iter().map(|s| (s.line, s.reason.as_str())).collect();
        assert_eq!(why.len(), 2, "{why:?}");
        assert!(why[0].1.contains("nested more than 8 deep") || why[0].1.contains("more than 1024 forms"), "{why:?}");
        assert!(why[1].1.contains("more than 1024 forms"), "{why:?}");
        assert_eq!(dict.entries.iter().map(|e| e.phrase.as_str()).collect::<Vec<_>>(), ["FINE"]);
    }
}
