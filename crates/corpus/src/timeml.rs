//! TimeML (TimeBank, AQUAINT, TempEval-3): documents with a creation time and gold TIMEX3.
//!
//! A TimeML file is inline XML: `<DOCID>`, a `<DCT>` holding the TIMEX3 with
//! `functionInDocument="CREATION_TIME"`, and a `<TEXT>` whose words carry inline `<TIMEX3>`,
//! `<EVENT>` and `<SIGNAL>` tags. [`read`] returns the plain text of `<TEXT>` (tags stripped,
//! entities decoded) and the gold TIMEX3s as character spans into that text, so a tagger that sees
//! only the plain text can be scored against them.
//!
//! The reader is a small hand-written scanner rather than a general XML parser: TimeML's inline
//! markup is flat (no TIMEX3 nests in another) and the scanner keeps line numbers for errors.

use crate::error::{read_text, Error};
use std::path::{Path, PathBuf};
use tidings_doc::{Published, Span, Timex, TimexMod, TimexType};

/// One TimeML document.
#[derive(Debug, Clone, PartialEq)]
pub struct TimemlDoc {
    pub path: PathBuf,
    /// The `<DOCID>` content (the file stem when the element is missing).
    pub id: String,
    /// The document creation time: the `value` of the CREATION_TIME TIMEX3.
    pub dct: Option<Published>,
    /// The plain text of `<TEXT>`, tags stripped and entities decoded.
    pub text: String,
    /// The gold TIMEX3s inside `<TEXT>`, in text order, with character spans into `text`.
    pub timexes: Vec<Timex>,
}

/// Reads one TimeML file.
pub fn read(path: impl AsRef<Path>) -> Result<TimemlDoc, Error> {
    let path = path.as_ref();
    let xml = read_text(path)?;
    parse(path, &xml)
}

/// Reads every `*.tml` file under `dir` (recursively), sorted by path.
pub fn read_dir(dir: impl AsRef<Path>) -> Result<Vec<TimemlDoc>, Error> {
    let dir = dir.as_ref();
    let mut files = Vec::new();
    collect_tml(dir, &mut files)?;
    if files.is_empty() {
        return Err(Error::Empty { path: dir.to_path_buf(), what: "no *.tml files".into() });
    }
    files.sort();
    files.iter().map(read).collect()
}

fn collect_tml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let name = entry.file_name();
        // macOS archives leave `._name.tml` resource forks beside the real files.
        if name.to_string_lossy().starts_with("._") {
            continue;
        }
        if path.is_dir() {
            collect_tml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}

/// An open TIMEX3 inside TEXT, waiting for its end tag.
struct Open {
    start: usize,
    line: usize,
    attrs: Vec<(String, String)>,
}

/// Parses TimeML content; `path` is only for error messages.
pub fn parse(path: &Path, xml: &str) -> Result<TimemlDoc, Error> {
    let mut id = None;
    let mut dct = None;
    let mut text = String::new();
    let mut text_chars = 0usize;
    let mut timexes = Vec::new();
    let mut in_text = false;
    let mut seen_text = false;
    let mut in_docid = false;
    let mut docid = String::new();
    let mut open: Option<Open> = None;

    let mut line = 1usize;
    let mut rest = xml;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if in_text {
                return Err(Error::malformed(path, line, "<TEXT> is not closed"));
            }
            break;
        };
        let chunk = &rest[..lt];
        if in_text {
            let decoded = decode_entities(chunk).map_err(|m| Error::malformed(path, line, m))?;
            text_chars += decoded.chars().count();
            text.push_str(&decoded);
        } else if in_docid {
            docid.push_str(chunk);
        }
        line += chunk.bytes().filter(|&b| b == b'\n').count();
        rest = &rest[lt..];
        // Comments, processing instructions and declarations carry no text.
        let skip_to = |end: &str| rest.find(end).map(|i| i + end.len());
        let consumed = if rest.starts_with("<!--") {
            skip_to("-->")
        } else if rest.starts_with("<?") {
            skip_to("?>")
        } else if rest.starts_with("<!") {
            skip_to(">")
        } else {
            None
        };
        if let Some(n) = consumed {
            line += rest[..n].bytes().filter(|&b| b == b'\n').count();
            rest = &rest[n..];
            continue;
        }
        let Some(gt) = rest.find('>') else {
            return Err(Error::malformed(path, line, "unterminated tag"));
        };
        let tag = &rest[1..gt];
        let tag_line = line;
        line += tag.bytes().filter(|&b| b == b'\n').count();
        rest = &rest[gt + 1..];

        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        let body = tag.trim_start_matches('/').trim_end_matches('/');
        let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
        let name = &body[..name_end];
        match (name, closing) {
            ("TEXT", false) => {
                if seen_text {
                    return Err(Error::malformed(path, tag_line, "a second <TEXT>"));
                }
                in_text = !self_closing;
                seen_text = true;
            }
            ("TEXT", true) => {
                if let Some(o) = &open {
                    return Err(Error::malformed(path, o.line, "TIMEX3 not closed before </TEXT>"));
                }
                in_text = false;
            }
            ("DOCID", false) => in_docid = !self_closing,
            ("DOCID", true) => in_docid = false,
            ("TIMEX3", false) => {
                let attrs = parse_attrs(&body[name_end..]).map_err(|m| Error::malformed(path, tag_line, m))?;
                let is_dct = attr(&attrs, "functionInDocument") == Some("CREATION_TIME");
                if is_dct && dct.is_none() {
                    let value = attr(&attrs, "value").unwrap_or("");
                    dct = Some(value.parse::<Published>().map_err(|e| Error::malformed(path, tag_line, e.to_string()))?);
                }
                if in_text && !is_dct {
                    if open.is_some() {
                        return Err(Error::malformed(path, tag_line, "nested TIMEX3"));
                    }
                    let o = Open { start: text_chars, line: tag_line, attrs };
                    if self_closing {
                        // An empty TIMEX3 (an implicit time) has no extent to find or score.
                        continue;
                    }
                    open = Some(o);
                }
            }
            ("TIMEX3", true) => {
                if let Some(o) = open.take() {
                    timexes.push(gold_timex(path, o, text_chars)?);
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        return Err(Error::malformed(path, o.line, "TIMEX3 is never closed"));
    }
    if !seen_text {
        return Err(Error::malformed(path, line, "no <TEXT> element"));
    }
    let docid = docid.trim();
    if !docid.is_empty() {
        id = Some(docid.to_string());
    }
    let id = id.unwrap_or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default());
    Ok(TimemlDoc { path: path.to_path_buf(), id, dct, text, timexes })
}

fn gold_timex(path: &Path, o: Open, end: usize) -> Result<Timex, Error> {
    let kind_s = attr(&o.attrs, "type").unwrap_or("");
    let kind = TimexType::parse(kind_s)
        .ok_or_else(|| Error::malformed(path, o.line, format!("TIMEX3 type {kind_s:?} is not DATE, TIME, DURATION or SET")))?;
    let modifier = match attr(&o.attrs, "mod") {
        None | Some("") => None,
        Some(m) => {
            Some(TimexMod::parse(m).ok_or_else(|| Error::malformed(path, o.line, format!("unknown TIMEX3 mod {m:?}")))?)
        }
    };
    let owned = |k: &str| attr(&o.attrs, k).filter(|v| !v.is_empty()).map(str::to_string);
    Ok(Timex {
        span: Span::new(o.start, end),
        kind,
        value: attr(&o.attrs, "value").unwrap_or("").to_string(),
        modifier,
        freq: owned("freq"),
        quant: owned("quant"),
    })
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Parses `key="value" key='value' ...`.
fn parse_attrs(s: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        let eq = rest.find('=').ok_or_else(|| format!("attribute without value in {s:?}"))?;
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'').ok_or_else(|| format!("unquoted attribute {key}"))?;
        let close = after[1..].find(quote).ok_or_else(|| format!("unterminated attribute {key}"))?;
        let value = decode_entities(&after[1..1 + close])?;
        out.push((key, value));
        rest = after[close + 2..].trim_start();
    }
    Ok(out)
}

/// Decodes the five XML entities and numeric character references.
fn decode_entities(s: &str) -> Result<String, String> {
    if !s.contains('&') {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let semi = rest[amp..].find(';').ok_or_else(|| "'&' without ';'".to_string())?;
        let name = &rest[amp + 1..amp + semi];
        let ch = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = name.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32).ok_or_else(|| format!("unknown entity &{name};"))?
            }
        };
        out.push(ch);
        rest = &rest[amp + semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
AT&amp;T <EVENT eid="e1">said</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3> that
Zoë left <TIMEX3 tid="t2" type="DURATION" value="P3Y" mod="MORE_THAN">more than three years</TIMEX3> ago.
</TEXT>
<TLINK lid="l1" />
</TimeML>
"#;

    #[test]
    fn reads_text_dct_and_gold_spans() {
        let doc = parse(Path::new("x.tml"), SAMPLE).unwrap();
        assert_eq!(doc.id, "X1");
        assert_eq!(doc.dct.unwrap().to_string(), "1998-01-08");
        assert!(doc.text.starts_with("\nAT&T said on Wednesday that\nZoë left"));
        assert_eq!(doc.timexes.len(), 2);
        let chars: Vec<char> = doc.text.chars().collect();
        let slice = |s: Span| chars[s.start..s.end].iter().collect::<String>();
        assert_eq!(slice(doc.timexes[0].span), "Wednesday");
        assert_eq!(doc.timexes[0].value, "1998-01-07");
        // The span counts characters: "Zoë" before it is three characters, four bytes.
        assert_eq!(slice(doc.timexes[1].span), "more than three years");
        assert_eq!(doc.timexes[1].kind, TimexType::Duration);
        assert_eq!(doc.timexes[1].modifier, Some(TimexMod::MoreThan));
    }

    #[test]
    fn errors_name_the_line() {
        let bad = "<TimeML>\n<TEXT>\nfoo <TIMEX3 tid=\"t1\" type=\"WHEN\" value=\"x\">bar</TIMEX3>\n</TEXT></TimeML>";
        let err = parse(Path::new("bad.tml"), bad).unwrap_err().to_string();
        assert!(err.starts_with("bad.tml:3:"), "{err}");
        let unclosed = "<TimeML>\n<TEXT>\n\n<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"x\">bar\n</TEXT></TimeML>";
        let err = parse(Path::new("u.tml"), unclosed).unwrap_err().to_string();
        assert!(err.starts_with("u.tml:4:"), "{err}");
    }

    #[test]
    fn reads_the_tbaq_corpus() {
        let docs = read_dir(crate::shared_data("tempeval3/TBAQ-cleaned")).unwrap();
        assert_eq!(docs.len(), 256);
        assert!(docs.iter().all(|d| d.dct.is_some()));
        let gold: usize = docs.iter().map(|d| d.timexes.len()).sum();
        // 2,078 TIMEX3 tags in all, minus one DCT per document.
        assert_eq!(gold, 2078 - 256);
        for d in &docs {
            let n = d.text.chars().count();
            assert!(d.timexes.iter().all(|t| t.span.end <= n && !t.span.is_empty()), "{}", d.id);
        }
    }
}
