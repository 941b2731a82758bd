//! Verb patterns: the `- ... * ... [code]` lines of a PETRARCH verb block, read into typed
//! elements rather than kept as strings.

use serde::{Deserialize, Serialize};

/// An event code as the verb dictionaries write it in `[...]`.
///
/// `[042:043]` is a *paired* code (a TABARI convention kept by PETRARCH): the source does 042
/// to the target, and the target does 043 to the source ("A visits B" also means "B hosts A").
/// `[:173]` codes only the reversed event ("A appears before court": the court acts on A).
/// `[---]` is the null code: the verb alone makes no event.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VerbCode {
    /// The event from source to target; `None` for the null code `---` or an empty side.
    pub forward: Option<String>,
    /// The event from target back to source, from the part after `:`.
    pub reverse: Option<String>,
}

impl VerbCode {
    /// Reads the text between `[` and `]`.
    pub fn parse(text: &str) -> VerbCode {
        let side = |s: &str| {
            let s = s.trim();
            (!s.is_empty() && s != "---").then(|| s.to_string())
        };
        match text.split_once(':') {
            Some((f, r)) => VerbCode {
                forward: side(f),
                reverse: side(r),
            },
            None => VerbCode {
                forward: side(text),
                reverse: None,
            },
        }
    }

    /// The null code: no event either way.
    pub fn is_null(&self) -> bool {
        self.forward.is_none() && self.reverse.is_none()
    }

    /// Whether every code present is a CAMEO code (two to four digits). The validation
    /// dictionary also holds WEIS-era and test codes such as `075A`, `+++` or `def`.
    pub fn is_cameo(&self) -> bool {
        [&self.forward, &self.reverse]
            .into_iter()
            .flatten()
            .all(|c| is_cameo_code(c))
    }
}

/// Whether a code is a CAMEO event code: two to four ASCII digits.
pub fn is_cameo_code(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// One element of a pattern. Words are lowercase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Element {
    /// A word: the head of a noun phrase, or any word in the legacy TABARI-style patterns.
    Word(String),
    /// Alternative words written `BY/WITH` (or `|`): any one matches.
    AnyOf(Vec<String>),
    /// `&NAME`: any member of the synset (name without `&` and trailing `_`, uppercase).
    Synset(String),
    /// `$`: the source actor goes here.
    Source,
    /// `+`: the target actor goes here.
    Target,
    /// `^`: skip a noun phrase.
    Skip,
    /// `%`: a compound actor (the actors of a compound subject act on each other).
    Compound,
    /// Elements joined with `_` in the file: they must be consecutive.
    Adjacent(Vec<Element>),
    /// `{FINANCIAL AID}`: a noun phrase whose last element is the head.
    NounPhrase(Vec<Element>),
    /// `(FOR AID)`: a prepositional phrase; `object` may be empty (`(TO)`).
    Prep {
        preposition: Box<Element>,
        object: Vec<Element>,
    },
}

impl Element {
    /// Every synset this element refers to, nested ones included.
    pub fn synsets<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Element::Synset(name) => out.push(name),
            Element::Adjacent(items) | Element::NounPhrase(items) => {
                items.iter().for_each(|e| e.synsets(out))
            }
            Element::Prep {
                preposition,
                object,
            } => {
                preposition.synsets(out);
                object.iter().for_each(|e| e.synsets(out));
            }
            _ => {}
        }
    }

    /// The head word of a noun phrase, or the word itself.
    pub fn head(&self) -> Option<&Element> {
        match self {
            Element::NounPhrase(items) => items.last(),
            Element::Adjacent(_) | Element::Prep { .. } => None,
            other => Some(other),
        }
    }
}

/// A verb pattern: `- before * after [code] # comment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pattern {
    /// Elements before the verb, in text order.
    pub before: Vec<Element>,
    /// Words written against the verb with `_` (`IN_*`): they immediately precede it.
    pub joined_before: Vec<Element>,
    /// Words written against the verb with `_` (`*_OUT`): they immediately follow it.
    pub joined_after: Vec<Element>,
    /// Elements after the verb, in text order.
    pub after: Vec<Element>,
    pub code: VerbCode,
    /// The text after `#`: usually the verb the pattern was written for, and a coder's note.
    pub comment: Option<String>,
    /// Line in the dictionary file (1-based).
    pub line: usize,
}

impl Pattern {
    /// Every element, before and after the verb, in text order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.before
            .iter()
            .chain(&self.joined_before)
            .chain(&self.joined_after)
            .chain(&self.after)
    }

    /// The synsets the pattern refers to.
    pub fn synsets(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.elements().for_each(|e| e.synsets(&mut out));
        out
    }

    /// The prepositional phrases after the verb.
    pub fn prepositions_after(&self) -> impl Iterator<Item = &Element> {
        self.after
            .iter()
            .filter(|e| matches!(e, Element::Prep { .. }))
    }
}

/// Normalises a synset label or reference: `&AUXVERB1_` and `&AUXVERB1` name the same set.
pub fn synset_name(raw: &str) -> String {
    raw.trim_start_matches('&')
        .trim_end_matches('_')
        .to_uppercase()
}

/// Splits a pattern body into tokens: brackets are tokens of their own.
fn tokenize(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in body.chars() {
        if c.is_whitespace() || matches!(c, '{' | '}' | '(' | ')') {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// One `_`-free piece of a token.
fn piece(p: &str) -> Element {
    match p {
        "$" => Element::Source,
        "+" => Element::Target,
        "^" => Element::Skip,
        "%" => Element::Compound,
        _ if p.starts_with('&') => Element::Synset(synset_name(p)),
        _ if p.contains('/') || p.contains('|') => Element::AnyOf(
            p.split(['/', '|'])
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect(),
        ),
        _ => Element::Word(p.to_lowercase()),
    }
}

/// A token, split at `_` into consecutive pieces. A trailing `_` (`KNOWN_`, TABARI's mark of a
/// whole word rather than a stem) is dropped: PETRARCH matches whole words only.
fn atom(token: &str) -> Option<Element> {
    let mut pieces: Vec<Element> = token
        .split('_')
        .filter(|p| !p.is_empty())
        .map(piece)
        .collect();
    match pieces.len() {
        0 => None,
        1 => pieces.pop(),
        _ => Some(Element::Adjacent(pieces)),
    }
}

/// Reads elements until `close` (or the end when `close` is `None`).
fn elements(
    tokens: &[String],
    pos: &mut usize,
    close: Option<&str>,
) -> Result<Vec<Element>, &'static str> {
    let mut out = Vec::new();
    while *pos < tokens.len() {
        let t = tokens[*pos].as_str();
        *pos += 1;
        match t {
            "{" => {
                let inner = elements(tokens, pos, Some("}"))?;
                // Underscores inside braces add nothing: a noun phrase's words are its words.
                let flat = inner
                    .into_iter()
                    .flat_map(|e| match e {
                        Element::Adjacent(items) => items,
                        other => vec![other],
                    })
                    .collect::<Vec<_>>();
                if flat.is_empty() {
                    return Err("empty {...}");
                }
                out.push(Element::NounPhrase(flat));
            }
            "(" => {
                let mut inner = elements(tokens, pos, Some(")"))?;
                if inner.is_empty() {
                    return Err("empty (...)");
                }
                let preposition = Box::new(inner.remove(0));
                out.push(Element::Prep {
                    preposition,
                    object: inner,
                });
            }
            "}" | ")" => {
                return if close == Some(t) {
                    Ok(out)
                } else {
                    Err("unbalanced brackets")
                };
            }
            _ => out.extend(atom(t)),
        }
    }
    if close.is_some() {
        Err("unclosed bracket")
    } else {
        Ok(out)
    }
}

/// Parses a pattern line (the leading `-` included). `Err` carries the reason it was skipped.
pub(crate) fn parse_pattern(line: &str, number: usize) -> Result<Pattern, String> {
    let body = line
        .trim_start()
        .strip_prefix('-')
        .ok_or("not a pattern line")?;
    let (body, comment) = match body.split_once('#') {
        Some((b, c)) => (b, Some(c.trim().to_string()).filter(|c| !c.is_empty())),
        None => (body, None),
    };
    let open = body.rfind('[').ok_or("pattern without a [code]")?;
    let close = body[open..]
        .find(']')
        .map(|i| open + i)
        .ok_or("unclosed [code]")?;
    let code = VerbCode::parse(&body[open + 1..close]);
    let tokens = tokenize(&body[..open]);
    let verb_at: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.split('_').any(|p| p == "*"))
        .map(|(i, _)| i)
        .collect();
    let verb_at = match verb_at[..] {
        [i] => i,
        [] => return Err("pattern without the verb marker *".into()),
        _ => return Err("pattern with several verb markers *".into()),
    };
    let verb_token = &tokens[verb_at];
    let (joined_before, joined_after) = verb_token.split_once('*').unwrap_or_default();
    let joined = |s: &str| {
        s.split('_')
            .filter(|p| !p.is_empty())
            .map(piece)
            .collect::<Vec<_>>()
    };
    let mut pos = 0;
    let before = elements(&tokens[..verb_at], &mut pos, None)?;
    pos = 0;
    let after = elements(&tokens[verb_at + 1..], &mut pos, None)?;
    Ok(Pattern {
        before,
        joined_before: joined(joined_before),
        joined_after: joined(joined_after),
        after,
        code,
        comment,
        line: number,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Element::*;

    fn word(w: &str) -> Element {
        Word(w.into())
    }

    fn check(line: &str, before: Vec<Element>, after: Vec<Element>, code: &str) {
        let p = parse_pattern(line, 1).unwrap();
        assert_eq!((p.before, p.after), (before, after), "{line}");
        assert_eq!(p.code, VerbCode::parse(code), "{line}");
    }

    #[test]
    fn patterns() {
        check("- * AID  [070]  # RUSH", vec![], vec![word("aid")], "070");
        check(
            "- * (FOR {FINANCIAL AID})  [0231]",
            vec![],
            vec![Prep {
                preposition: Box::new(word("for")),
                object: vec![NounPhrase(vec![word("financial"), word("aid")])],
            }],
            "0231",
        );
        check(
            "- * (TO)  [042:043]",
            vec![],
            vec![Prep {
                preposition: Box::new(word("to")),
                object: vec![],
            }],
            "042:043",
        );
        check(
            "- &AIRCRAFT * RAIDS [195]",
            vec![Synset("AIRCRAFT".into())],
            vec![word("raids")],
            "195",
        );
        check(
            "- * (BY/WITH PROTESTS) [141]",
            vec![],
            vec![Prep {
                preposition: Box::new(AnyOf(vec!["by".into(), "with".into()])),
                object: vec![word("protests")],
            }],
            "141",
        );
        check(
            "- + INSPECTOR * (INTO $) [0862]",
            vec![Target, word("inspector")],
            vec![Prep {
                preposition: Box::new(word("into")),
                object: vec![Source],
            }],
            "0862",
        );
        check("- % * [030:030]", vec![Compound], vec![], "030:030");
        check(
            "- * OFF (FROM ^) [042]",
            vec![],
            vec![
                word("off"),
                Prep {
                    preposition: Box::new(word("from")),
                    object: vec![Skip],
                },
            ],
            "042",
        );
        check(
            "- * NEW_&TIETYPES_RELATIONS [903]",
            vec![],
            vec![Adjacent(vec![
                word("new"),
                Synset("TIETYPES".into()),
                word("relations"),
            ])],
            "903",
        );
    }

    #[test]
    fn verb_joined_words_and_codes() {
        let p = parse_pattern("- SO IN_AND_*_OUT_AGAIN NOW [074] #  pas 11.07.28", 7).unwrap();
        assert_eq!(p.before, vec![word("so")]);
        assert_eq!(p.joined_before, vec![word("in"), word("and")]);
        assert_eq!(p.joined_after, vec![word("out"), word("again")]);
        assert_eq!(p.after, vec![word("now")]);
        assert_eq!(p.comment.as_deref(), Some("pas 11.07.28"));
        assert_eq!(p.line, 7);
        let reverse = VerbCode::parse(":173");
        assert_eq!(
            (reverse.forward, reverse.reverse.as_deref()),
            (None, Some("173"))
        );
        assert!(VerbCode::parse("---").is_null());
        assert!(!VerbCode::parse("075A").is_cameo());
    }

    #[test]
    fn malformed_patterns_are_refused() {
        for line in [
            "- * AID",
            "- AID [070]",
            "- * (FOR AID [070]",
            "- * AID) [070]",
            "- * * [070]",
        ] {
            assert!(parse_pattern(line, 1).is_err(), "{line}");
        }
    }
}
