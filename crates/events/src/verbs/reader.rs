//! Reading the lines of a PETRARCH verb dictionary: comments, verb lines with their forms,
//! and transformations. [`VerbDictionary::add_text`](super::VerbDictionary::add_text) drives
//! these line by line and keeps the blocks, patterns and synsets they belong to.

use super::{Transformation, Verb, VerbCode};
use super::forms::regular_verb_forms;

/// Removes `<!-- -->` comments (`in_comment` carries an open one across lines) and `#`
/// comments.
pub(super) fn strip_comments<'a>(line: &'a str, in_comment: &mut bool) -> std::borrow::Cow<'a, str> {
    let mut rest = line;
    let mut out = String::new();
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(i) => {
                    rest = &rest[i + 3..];
                    *in_comment = false;
                }
                None => return out.into(),
            }
        } else {
            match rest.find("<!--") {
                Some(i) => {
                    out.push_str(&rest[..i]);
                    rest = &rest[i + 4..];
                    *in_comment = true;
                }
                None => {
                    if out.is_empty() {
                        return rest.split('#').next().unwrap_or("").into();
                    }
                    out.push_str(rest);
                    let cut = out.split('#').next().unwrap_or("").to_string();
                    return cut.into();
                }
            }
        }
    }
}

/// A `_`-joined verb with an optional `+` on its head: (before, head, after).
fn split_multiword(token: &str) -> (Vec<String>, String, Vec<String>) {
    let pieces: Vec<&str> = token.split('_').filter(|p| !p.is_empty()).collect();
    // A form of underscores alone (`_`, `+_`) has no word: an empty head, which callers skip.
    if pieces.is_empty() {
        return (Vec::new(), String::new(), Vec::new());
    }
    // Without a `+`, the first word is the verb: PETRARCH would fail on such a line.
    let at = pieces.iter().position(|p| p.starts_with('+')).unwrap_or(0);
    let low = |s: &&str| s.trim_start_matches('+').to_lowercase();
    (
        pieces[..at].iter().map(low).collect(),
        low(&pieces[at]),
        pieces[at + 1..].iter().map(low).collect(),
    )
}

pub(super) fn parse_verb(line: &str, number: usize) -> Result<Verb, String> {
    let line = line.split(';').next().unwrap_or("");
    let (line, code) = match (line.find('['), line.rfind(']')) {
        (Some(o), Some(c)) if o < c => (
            format!("{} {}", &line[..o], &line[c + 1..]),
            Some(VerbCode::parse(&line[o + 1..c])),
        ),
        (None, None) => (line.to_string(), None),
        _ => return Err("unbalanced [code]".into()),
    };
    let (outside, braces) = match (line.find('{'), line.find('}')) {
        (Some(o), Some(c)) if o < c => (
            format!("{} {}", &line[..o], &line[c + 1..]),
            Some(line[o + 1..c].to_string()),
        ),
        (None, None) => (line.clone(), None),
        _ => return Err("unbalanced {forms}".into()),
    };
    let mut words = outside.split_whitespace();
    let primary = words.next().ok_or("verb line without a verb")?;
    if primary.trim_matches(['+', '_']).is_empty() {
        return Err(format!("no verb in {primary:?}"));
    }
    let (before, head, after) = split_multiword(primary);
    let mut forms = vec![head.clone()];
    // Further bare words on the line are extra forms, as PETRARCH reads them.
    let extra: Vec<&str> = words.collect();
    if braces.is_none() && extra.is_empty() {
        forms.extend(regular_verb_forms(&head));
    } else {
        for form in braces
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .chain(extra)
        {
            let (_, h, _) = split_multiword(form);
            if !h.is_empty() && !forms.contains(&h) {
                forms.push(h);
            }
        }
    }
    let mut lemma: Vec<&str> = before.iter().map(String::as_str).collect();
    lemma.push(&head);
    lemma.extend(after.iter().map(String::as_str));
    Ok(Verb {
        lemma: lemma.join(" "),
        head,
        before,
        after,
        forms,
        code,
        line: number,
    })
}

pub(super) fn parse_transformation(line: &str, number: usize) -> Option<Transformation> {
    let body = line.trim_start().strip_prefix('~')?;
    let (pattern, result) = body.split_once('=')?;
    let p: Vec<&str> = pattern
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|s| !s.is_empty())
        .collect();
    let r: Vec<&str> = result.split_whitespace().collect();
    let s = |x: &str| x.to_string();
    match (&p[..], &r[..]) {
        ([src, a, b, v, verb], [x, y, code]) => Some(Transformation {
            source: s(src),
            verb: s(verb),
            inner: [s(a), s(b), s(v)],
            result: [s(x), s(y), s(code)],
            line: number,
        }),
        _ => None,
    }
}
