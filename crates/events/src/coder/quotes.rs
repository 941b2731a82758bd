//! Direct quotes: the words between quotation marks, tied to the event whose clause holds
//! them and to that event's speaker ("slammed X as “devoid of reason”").

use super::mention::Mention;
use super::tree::Tree;
use tidings_doc::{Quote, Span};

/// Quotation-mark pairs: (opening, closing).
const MARKS: &[(char, char)] = &[('“', '”'), ('"', '"'), ('«', '»'), ('„', '“')];

/// The quoted spans of a sentence, without their marks.
fn quoted_spans(tree: &Tree) -> Vec<Span> {
    let doc = tree.doc;
    let start = doc.tokens[tree.tokens.start].span.start;
    let end = doc.tokens[tree.tokens.end - 1].span.end;
    let text: Vec<char> = doc.slice(Span::new(start, end)).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if let Some(&(_, close)) = MARKS.iter().find(|(open, _)| *open == text[i]) {
            if let Some(j) = text[i + 1..].iter().position(|&c| c == close) {
                let (a, b) = (i + 1, i + 1 + j);
                if b > a {
                    out.push(Span::new(start + a, start + b));
                }
                i = b + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Adds each quote of the sentence to the event whose trigger its words hang under.
/// `owned` maps a trigger that was folded into another event ("be replaced" under
/// "demanded") to the trigger that owns it.
pub(crate) fn attach(tree: &Tree, mentions: &mut [Mention], owned: &[(usize, usize)]) {
    for span in quoted_spans(tree) {
        let Some(first) = tree
            .tokens
            .clone()
            .find(|&t| tree.span(t).start >= span.start && tree.span(t).end <= span.end)
        else {
            continue;
        };
        let mut node = Some(first);
        while let Some(t) = node {
            let t = owned.iter().find(|(o, _)| *o == t).map_or(t, |&(_, by)| by);
            if let Some(m) = mentions.iter_mut().find(|m| m.trigger == t) {
                let speaker = m.actors.first().copied();
                m.quotes.push(Quote { span, speaker });
                break;
            }
            node = tree.head(t);
        }
    }
}
