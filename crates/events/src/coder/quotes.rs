//! Direct quotes: the words between quotation marks, tied to the event whose clause holds
//! them and to that event's speaker ("slammed X as “devoid of reason”").

use super::mention::Mention;
use super::relation::Rel;
use super::tree::Tree;
use tidings_doc::{Doc, Event, Quote, Span};

/// Quotation-mark pairs: (opening, closing).
const MARKS: &[(char, char)] = &[('“', '”'), ('"', '"'), ('«', '»'), ('„', '“')];

/// The quoted spans of a sentence, without their marks.
fn quoted_spans(tree: &Tree) -> Vec<Span> {
    let doc = tree.doc;
    let start = doc.tokens[tree.tokens.start].span.start;
    let end = doc.tokens[tree.tokens.end - 1].span.end;
    let sentence = doc.slice(Span::new(start, end));
    // (most sentences quote nothing: a search for each opening mark is cheaper than reading
    // the sentence a character at a time)
    if !MARKS.iter().any(|&(open, _)| sentence.contains(open)) {
        return Vec::new();
    }
    let text: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if let Some(&(_, close)) = MARKS.iter().find(|(open, _)| *open == text[i]) {
            if let Some(j) = text[i + 1..].iter().position(|&c| c == close) {
                let (a, mut b) = (i + 1, i + 1 + j);
                // "“They are reckless,” he said": the comma is the sentence's, not the speaker's.
                while b > a && matches!(text[b - 1], ',' | ';' | ':' | ' ') {
                    b -= 1;
                }
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
///
/// A quote that hangs under no event but under a verb of saying ("“...,” he said") is
/// returned with that verb's speaker, for [`attach_across`] to give to the speaker's event.
pub(crate) fn attach(
    tree: &Tree,
    mentions: &mut [Mention],
    owned: &[(usize, usize)],
) -> Vec<Quote> {
    let mut orphans = Vec::new();
    'quotes: for span in quoted_spans(tree) {
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
                continue 'quotes;
            }
            node = tree.head(t);
        }
        // No event holds it: who says it, if a verb of saying governs the quote.
        let mut node = Some(first);
        while let Some(t) = node {
            let reporting = tree.reports(t);
            // "“...,” he said": the verb of saying may hang on the quote instead.
            let beside = tree.children(t).iter().copied().find(|&c| {
                tree.reports(c) && matches!(tree.rel(c), Rel::Parataxis | Rel::Conj | Rel::Ccomp)
            });
            if let Some(verb) = reporting.then_some(t).or(beside) {
                let speaker = tree
                    .subject(verb)
                    .and_then(|s| tree.entities_of(s).first().copied());
                if speaker.is_some() {
                    orphans.push(Quote { span, speaker });
                }
                break;
            }
            node = tree.head(t);
        }
    }
    orphans
}

/// Gives a quote that no event of its sentence holds to the nearest event, in its sentence or
/// the two before, that its speaker carries out as a speech act (accusing, demanding,
/// threatening, rejecting, agreeing): "X slammed Y on Monday. “They are reckless,” X said."
/// The speaker may be the actor itself or one who speaks for it: the foreign minister of the
/// country that acted.
pub(crate) fn attach_across(doc: &Doc, events: &mut [Event], orphans: &[(usize, Quote)]) {
    let country = |e: usize| {
        let entity = &doc.entities[e];
        entity
            .country
            .clone()
            .or_else(|| entity.code.as_ref().map(|c| c.chars().take(3).collect()))
    };
    for (sentence, quote) in orphans {
        let Some(speaker) = quote.speaker else {
            continue;
        };
        let speaks_for = |actor: usize| {
            actor == speaker || (country(actor).is_some() && country(actor) == country(speaker))
        };
        let best = events
            .iter_mut()
            .filter(|e| {
                matches!(
                    e.kind.as_str(),
                    "ACCUSE" | "REQUEST" | "THREATEN" | "REJECT" | "AGREE"
                ) && e.actors.iter().any(|&a| speaks_for(a))
            })
            .filter_map(|e| {
                let near = e
                    .evidence
                    .iter()
                    .map(|v| v.sentence)
                    .filter(|&s| s <= *sentence && s + 2 >= *sentence)
                    .max()?;
                Some((near, e))
            })
            .max_by_key(|(near, _)| *near);
        if let Some((_, e)) = best {
            e.quotes.push(*quote);
        }
    }
}
