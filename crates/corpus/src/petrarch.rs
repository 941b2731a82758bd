//! PETRARCH2 unit-test records (`PETR.UnitTest.records.xml`): sentences with their expected
//! event codings, text and gold Penn-Treebank parse, and the dictionaries they are written
//! against (the `<Environment>`).
//!
//! The file is XML-like but read here by a small scanner rather than an XML library: it only
//! needs elements, quoted attributes (single-quoted values may hold double quotes:
//! `sourcecode='"INJURY TOLL"'`), spaces around `=`, `<!-- -->` comments (which mention tags
//! such as `<actor>`), and the five predefined entities. `<Config option value>` elements
//! between sentences change options for the sentences that follow; each sentence carries the
//! options in force.

use crate::error::{read_text, Error};
use std::path::{Path, PathBuf};

/// The `<Environment>`: dictionary file names, relative to PETRARCH's dictionary folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    pub verb_file: Option<String>,
    pub actor_file: Option<String>,
    pub agent_file: Option<String>,
    pub discard_file: Option<String>,
    pub error_file: Option<String>,
    /// The categories to run (`<Include>`).
    pub include: Vec<String>,
    /// `<Config option value>` pairs inside the environment.
    pub config: Vec<(String, String)>,
}

/// One expected coding of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coding {
    /// Source actor, target actor and CAMEO event code. Actors are codes (`ARN`) or, for actors
    /// that are not in the dictionaries, their quoted text (`"INJURY TOLL"`, quotes kept).
    Event {
        source: String,
        target: String,
        event: String,
    },
    /// `noevents="True"`: the sentence must produce no event.
    NoEvents,
    /// `error="..."`: the sentence must be rejected for this reason (`dateline`, `bad_input_parse`).
    Error(String),
}

/// One `<Sentence>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub id: String,
    /// `YYYYMMDD`.
    pub date: String,
    pub category: String,
    pub codings: Vec<Coding>,
    /// The text with its line breaks and runs of spaces collapsed to single spaces.
    pub text: String,
    /// The bracketed tree, as written (trimmed, entities decoded).
    pub parse: String,
    /// Options in force: the environment's, then each `<Config>` met before the sentence (a
    /// later value of an option replaces the earlier one).
    pub config: Vec<(String, String)>,
    /// Line of the `<Sentence>` tag.
    pub line: usize,
}

/// A unit-test file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitTests {
    pub environment: Environment,
    pub sentences: Vec<Sentence>,
}

/// Reads a unit-test records file.
pub fn read(path: &Path) -> Result<UnitTests, Error> {
    parse(&read_text(path)?, path)
}

enum Item {
    Open {
        name: String,
        attributes: Vec<(String, String)>,
        closed: bool,
    },
    Close(String),
    Text(String),
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    path: PathBuf,
}

impl Scanner<'_> {
    fn advance(&mut self, to: usize) {
        self.line += self.text[self.pos..to].matches('\n').count();
        self.pos = to;
    }

    fn error(&self, message: impl Into<String>) -> Error {
        Error::malformed(&self.path, self.line, message)
    }

    /// The next item and the line it starts on.
    fn next(&mut self) -> Result<Option<(usize, Item)>, Error> {
        loop {
            let rest = &self.text[self.pos..];
            if rest.is_empty() {
                return Ok(None);
            }
            let line = self.line;
            if !rest.starts_with('<') {
                let end = rest.find('<').map_or(self.text.len(), |i| self.pos + i);
                let text = decode(&self.text[self.pos..end]);
                self.advance(end);
                return Ok(Some((line, Item::Text(text))));
            }
            if rest.starts_with("<!--") {
                let end = rest
                    .find("-->")
                    .ok_or_else(|| self.error("unclosed <!-- comment"))?;
                self.advance(self.pos + end + 3);
                continue;
            }
            let end = tag_end(rest).ok_or_else(|| self.error("unclosed tag"))?;
            let tag = &rest[1..end];
            self.advance(self.pos + end + 1);
            if let Some(name) = tag.strip_prefix('/') {
                return Ok(Some((line, Item::Close(name.trim().to_string()))));
            }
            if tag.starts_with('?') || tag.starts_with('!') {
                continue;
            }
            let (tag, closed) = match tag.strip_suffix('/') {
                Some(t) => (t, true),
                None => (tag, false),
            };
            let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
            let attributes =
                attributes(&tag[name_end..]).map_err(|m| Error::malformed(&self.path, line, m))?;
            return Ok(Some((
                line,
                Item::Open {
                    name: tag[..name_end].to_string(),
                    attributes,
                    closed,
                },
            )));
        }
    }
}

/// The index of the `>` that closes the tag at the start of `s`, skipping quoted values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn attributes(mut s: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return Ok(out);
        }
        let eq = s
            .find('=')
            .ok_or_else(|| format!("attribute without a value: {s:?}"))?;
        let name = s[..eq].trim().to_string();
        s = s[eq + 1..].trim_start();
        let quote = s
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or_else(|| format!("unquoted value of {name}"))?;
        let close = s[1..]
            .find(quote)
            .ok_or_else(|| format!("unclosed value of {name}"))?;
        out.push((name, decode(&s[1..1 + close])));
        s = &s[close + 2..];
    }
}

fn attribute<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn set_option(config: &mut Vec<(String, String)>, attributes: &[(String, String)]) {
    if let (Some(option), Some(value)) = (
        attribute(attributes, "option"),
        attribute(attributes, "value"),
    ) {
        config.retain(|(o, _)| o != option);
        config.push((option.to_string(), value.to_string()));
    }
}

/// Parses the text of a unit-test file; `path` is used in error messages only.
pub fn parse(text: &str, path: &Path) -> Result<UnitTests, Error> {
    let mut scanner = Scanner {
        text,
        pos: 0,
        line: 1,
        path: path.to_path_buf(),
    };
    let mut environment = Environment::default();
    let mut sentences = Vec::new();
    let mut config: Vec<(String, String)> = Vec::new();
    let mut in_environment = false;
    let mut sentence: Option<Sentence> = None;
    // The element whose text is being collected (Text, Parse, or an environment file name).
    let mut field: Option<(String, String)> = None;
    while let Some((line, item)) = scanner.next()? {
        match item {
            Item::Text(t) => {
                if let Some((_, buffer)) = field.as_mut() {
                    buffer.push_str(&t);
                }
            }
            Item::Open {
                name,
                attributes,
                closed,
            } => match name.as_str() {
                "Environment" => in_environment = true,
                "Config" if in_environment => set_option(&mut environment.config, &attributes),
                "Config" => set_option(&mut config, &attributes),
                "Sentence" => {
                    if sentence.is_some() {
                        return Err(Error::malformed(
                            path,
                            line,
                            "<Sentence> inside a <Sentence>",
                        ));
                    }
                    let get = |n: &str| {
                        attribute(&attributes, n)
                            .map(str::to_string)
                            .ok_or_else(|| {
                                Error::malformed(path, line, format!("<Sentence> without {n}="))
                            })
                    };
                    let mut options = environment.config.clone();
                    for (o, v) in &config {
                        set_option(
                            &mut options,
                            &[("option".into(), o.clone()), ("value".into(), v.clone())],
                        );
                    }
                    sentence = Some(Sentence {
                        id: get("id")?,
                        date: get("date")?,
                        category: attribute(&attributes, "category").unwrap_or("").to_string(),
                        codings: Vec::new(),
                        text: String::new(),
                        parse: String::new(),
                        config: options,
                        line,
                    });
                }
                "EventCoding" => {
                    let s = sentence.as_mut().ok_or_else(|| {
                        Error::malformed(path, line, "<EventCoding> outside a <Sentence>")
                    })?;
                    let coding = if attribute(&attributes, "noevents")
                        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
                    {
                        Coding::NoEvents
                    } else if let Some(e) = attribute(&attributes, "error") {
                        Coding::Error(e.to_string())
                    } else {
                        match (attribute(&attributes, "sourcecode"), attribute(&attributes, "targetcode"), attribute(&attributes, "eventcode")) {
                            (Some(s), Some(t), Some(e)) => Coding::Event { source: s.into(), target: t.into(), event: e.into() },
                            _ => return Err(Error::malformed(path, line, "<EventCoding> needs sourcecode, targetcode and eventcode, noevents or error")),
                        }
                    };
                    s.codings.push(coding);
                }
                _ if !closed && (sentence.is_some() || in_environment) => {
                    field = Some((name, String::new()))
                }
                _ => {}
            },
            Item::Close(name) => match name.as_str() {
                "Environment" => in_environment = false,
                "Sentence" => {
                    let s = sentence.take().ok_or_else(|| {
                        Error::malformed(path, line, "</Sentence> without <Sentence>")
                    })?;
                    if s.text.is_empty() {
                        return Err(Error::malformed(
                            path,
                            s.line,
                            format!("sentence {} has no <Text>", s.id),
                        ));
                    }
                    sentences.push(s);
                }
                _ => {
                    let Some((open, buffer)) = field.take() else {
                        continue;
                    };
                    if open != name {
                        field = Some((open, buffer));
                        continue;
                    }
                    let value = buffer.trim().to_string();
                    match (name.as_str(), sentence.as_mut()) {
                        ("Text", Some(s)) => {
                            s.text = value.split_whitespace().collect::<Vec<_>>().join(" ")
                        }
                        ("Parse", Some(s)) => s.parse = value,
                        ("Verbfile", None) => environment.verb_file = Some(value),
                        ("Actorfile", None) => environment.actor_file = Some(value),
                        ("Agentfile", None) => environment.agent_file = Some(value),
                        ("Discardfile", None) => environment.discard_file = Some(value),
                        ("Errorfile", None) => environment.error_file = Some(value),
                        ("Include", None) => {
                            environment.include =
                                value.split_whitespace().map(str::to_string).collect()
                        }
                        _ => {}
                    }
                }
            },
        }
    }
    if let Some(s) = sentence {
        return Err(Error::malformed(
            path,
            s.line,
            format!("sentence {} is not closed", s.id),
        ));
    }
    if sentences.is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
            what: "no <Sentence> records".into(),
        });
    }
    Ok(UnitTests {
        environment,
        sentences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<Validation>
<!-- a comment that mentions <actor> tags -->
<Environment>
    <Verbfile>PETR.Validate.verbs.txt</Verbfile>
    <Include>valid DEMO</Include>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Config option="require_dyad" value="false"></Config>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode='"THE &amp; TOLL"' eventcode="064"></EventCoding>
<EventCoding noevents = "True"/>
<EventCoding error="dateline"></EventCoding>
<Text>
Arnor restores
ties.
</Text>
<Parse>
(ROOT (S (NP (NNP Arnor)) (CC &amp;)))
</Parse>
</Sentence>
</Sentences>
</Validation>
"#;

    #[test]
    fn reads_environment_codings_text_and_parse() {
        let t = parse(SAMPLE, Path::new("u.xml")).unwrap();
        assert_eq!(
            t.environment.verb_file.as_deref(),
            Some("PETR.Validate.verbs.txt")
        );
        assert_eq!(t.environment.include, ["valid", "DEMO"]);
        let s = &t.sentences[0];
        assert_eq!(
            (s.id.as_str(), s.date.as_str(), s.category.as_str(), s.line),
            ("DEMO-00", "19950101", "DEMO", 10)
        );
        assert_eq!(
            s.codings,
            [
                Coding::Event {
                    source: "ARN".into(),
                    target: "\"THE & TOLL\"".into(),
                    event: "064".into()
                },
                Coding::NoEvents,
                Coding::Error("dateline".into())
            ]
        );
        assert_eq!(s.text, "Arnor restores ties.");
        assert_eq!(s.parse, "(ROOT (S (NP (NNP Arnor)) (CC &)))");
        assert_eq!(
            s.config,
            [
                ("stop_on_error".to_string(), "True".to_string()),
                ("require_dyad".into(), "false".into())
            ]
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let broken = SAMPLE.replace(r#"eventcode="064""#, "");
        let err = parse(&broken, Path::new("u.xml")).unwrap_err().to_string();
        assert!(err.starts_with("u.xml:11: <EventCoding> needs"), "{err}");
        let unclosed = SAMPLE.replace("</Sentence>", "");
        let err = parse(&unclosed, Path::new("u.xml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("u.xml:10: sentence DEMO-00 is not closed"),
            "{err}"
        );
    }

    #[test]
    fn reads_the_shared_unit_tests() {
        let t = read(&crate::shared_data(
            "petrarch2/text/PETR.UnitTest.records.xml",
        ))
        .unwrap();
        assert_eq!(
            t.environment.verb_file.as_deref(),
            Some("PETR.Validate.verbs.txt")
        );
        assert_eq!(
            t.environment.actor_file.as_deref(),
            Some("PETR.Validate.actors.txt")
        );
        assert_eq!(t.sentences.len(), 284);
        let codings: Vec<&Coding> = t.sentences.iter().flat_map(|s| &s.codings).collect();
        let events = codings
            .iter()
            .filter(|c| matches!(c, Coding::Event { .. }))
            .count();
        let none = codings
            .iter()
            .filter(|c| matches!(c, Coding::NoEvents))
            .count();
        let errors = codings
            .iter()
            .filter(|c| matches!(c, Coding::Error(_)))
            .count();
        assert_eq!((codings.len(), events, none, errors), (385, 359, 19, 7));
        let synset = t
            .sentences
            .iter()
            .filter(|s| s.category == "SYNSET")
            .count();
        assert_eq!(synset, 52);
        assert!(t
            .sentences
            .iter()
            .all(|s| s.parse.starts_with('(') && !s.text.is_empty() && s.date.len() == 8));
        let first = &t.sentences[0];
        assert_eq!(first.id, "DEMO-00");
        assert_eq!(
            first.codings,
            [Coding::Event {
                source: "ARN".into(),
                target: "GON".into(),
                event: "064".into()
            }]
        );
        // Options set between sentences reach the sentences after them.
        let dyad = |id: &str| {
            let s = t.sentences.iter().find(|s| s.id == id).unwrap();
            s.config
                .iter()
                .find(|(o, _)| o == "require_dyad")
                .map(|(_, v)| v.clone())
        };
        assert_eq!(dyad("COMPOUND-03").as_deref(), Some("false"));
        assert_eq!(dyad("COMPOUND-05").as_deref(), Some("true"));
    }
}
