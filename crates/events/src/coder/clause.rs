//! What an event's clause says about it: its status (modals, negation, governing heads,
//! conditions, tense) and its time.

use super::cues;
use super::mention::Trigger;
use super::relation::Rel;
use super::tree::Tree;
use crate::nominal::NominalLexicon;
use crate::plover::PloverType;
use tidings_doc::{EventStatus, Span, TimexType};

/// The trigger and the heads it shares its clause's tense, time and place with: up through
/// control, purpose and coordination ("is set to visit", "travel ... to meet"), and from an
/// event noun to the verb it is the subject or object of ("the meeting will occur").
pub(super) fn clause_path(tree: &Tree, t: usize) -> Vec<usize> {
    let mut path = vec![t];
    let mut node = t;
    while let Some(head) = tree.head(node) {
        // "is expected to visit a ship to lay a wreath": a purpose infinitive hung on the
        // object shares the governing verb's clause.
        if tree.rel(node) == Rel::Acl
            && tree.has_child_word(node, &[Rel::Mark], &["to"])
            && tree.rel(head) == Rel::Obj
        {
            if let Some(verb) = tree.head(head).filter(|&v| tree.upos(v) == "VERB") {
                path.push(verb);
                node = verb;
                continue;
            }
        }
        let up = match tree.rel(node) {
            Rel::Xcomp | Rel::Conj => true,
            Rel::Advcl => !tree.has_child_word(node, &[Rel::Mark], cues::CONDITIONS),
            // "is set to meet" with the infinitive taken for the subject of "set": the
            // governing verb's clause all the same, as when it comes as xcomp or advcl.
            Rel::Csubj => tree.has_child_word(node, &[Rel::Mark], &["to"]),
            Rel::Nsubj | Rel::Obj | Rel::Obl => tree.upos(node) != "VERB" && path.len() == 1,
            _ => false,
        };
        // (a verb of saying with nothing said, "declared a state of siege", is an ordinary
        // verb)
        let reports = tree.reports(head) && tree.says_something(head);
        if !up || reports {
            break;
        }
        path.push(head);
        node = head;
    }
    path
}

/// Status cues found on one node of the path.
pub(super) fn node_status(tree: &Tree, node: usize, speech_act: bool) -> Option<EventStatus> {
    let children = tree.children(node);
    let negated = children.iter().any(|&c| {
        matches!(tree.rel(c), Rel::Advmod | Rel::Det) && cues::NEGATORS.contains(&tree.word(c))
    });
    if negated {
        return Some(EventStatus::Negated);
    }
    // The event is itself the condition ("if the allies agreed"). A condition set on a
    // demand or threat ("demanded ... if the talks are to continue") hangs on its content
    // instead, and does not make the demand hypothetical.
    if tree.has_child_word(node, &[Rel::Mark], cues::CONDITIONS) {
        return Some(EventStatus::Hypothetical);
    }
    let _ = speech_act;
    for &c in children {
        if tree.rel(c) == Rel::Aux {
            if let Some(s) = cues::modal_status(tree.word(c)) {
                return Some(s);
            }
        }
    }
    for &c in children {
        if tree.rel(c) == Rel::Amod {
            if let Some(s) = cues::modifier_status(tree.word(c)) {
                return Some(s);
            }
        }
    }
    if tree.upos(node) == "VERB" || tree.upos(node) == "AUX" {
        let aux_be_present = children.iter().any(|&c| {
            tree.rel(c) == Rel::Aux && matches!(tree.word(c), "is" | "are" | "am" | "'s" | "'re")
        });
        // "are holding talks", "have been protesting for months".
        let perfect_progressive = children
            .iter()
            .any(|&c| tree.rel(c) == Rel::Aux && tree.word(c) == "been")
            && children.iter().any(|&c| {
                tree.rel(c) == Rel::Aux && matches!(tree.word(c), "have" | "has" | "'ve")
            });
        if tree.xpos(node) == "VBG" && (aux_be_present || perfect_progressive) {
            return Some(EventStatus::Ongoing);
        }
        let perfect = children
            .iter()
            .any(|&c| tree.rel(c) == Rel::Aux && tree.lemma(c) == "have");
        if perfect || tree.xpos(node) == "VBD" {
            return Some(EventStatus::Happened);
        }
    }
    None
}

pub(super) fn status(tree: &Tree, x: &Trigger, path: &[usize]) -> Option<EventStatus> {
    let speech_act = matches!(
        x.kind,
        PloverType::Request
            | PloverType::Threaten
            | PloverType::Accuse
            | PloverType::Agree
            | PloverType::Reject
    );
    let mut found = None;
    // "organisers plan another march": the verb that takes an event noun as its object says
    // its status.
    if !x.verbal && tree.rel(x.token) == Rel::Obj {
        if let Some(s) = tree
            .head(x.token)
            .and_then(|h| cues::governing_status(tree.lemma(h)))
        {
            return Some(s);
        }
    }
    for (i, &node) in path.iter().enumerate() {
        if let Some(s) = node_status(tree, node, speech_act) {
            found = Some(s);
            break;
        }
        // "is set to visit", "is expected to meet": the governing head decides, unless it
        // is itself negated ("is not expected to"). The parser hangs the infinitive as xcomp
        // or, as often, as a purpose clause, or now and then as the subject.
        if let Some(&next) = path.get(i + 1) {
            if matches!(tree.rel(node), Rel::Xcomp | Rel::Advcl | Rel::Csubj) {
                if let Some(s) = cues::governing_status(tree.lemma(next)) {
                    found = Some(match node_status(tree, next, speech_act) {
                        Some(EventStatus::Negated) => EventStatus::Negated,
                        _ => s,
                    });
                    break;
                }
            }
        }
    }
    let top = *path.last().expect("the path holds the trigger");
    // "said it would allow": a future seen from a past report is planned, not hypothetical.
    if found == Some(EventStatus::Hypothetical)
        && tree.head(top).is_some_and(|h| tree.reports(h))
        && path
            .iter()
            .any(|&n| tree.has_child_word(n, &[Rel::Aux], &["would", "'d"]))
    {
        found = Some(EventStatus::Planned);
    }
    if found.is_none() && x.verbal {
        let v = x.token;
        let infinitive = tree.has_child_word(v, &[Rel::Mark], &["to"]);
        // "plans to impose", "an intention to withdraw": the noun says what the infinitive
        // is.
        if infinitive && tree.rel(v) == Rel::Acl {
            if let Some(s) = tree.head(v).and_then(|n| {
                let lemma = tree.lemma(n);
                let verb_like = match lemma {
                    "intention" => "intend",
                    "decision" => "decide",
                    "readiness" | "willingness" => "willing",
                    "expectation" => "expect",
                    "threat" => "threaten",
                    other => other,
                };
                cues::governing_status(verb_like)
            }) {
                return Some(s);
            }
        }
        found = Some(match tree.xpos(top) {
            _ if infinitive && path.len() == 1 && tree.rel(v) == Rel::Acl => EventStatus::Possible,
            "VB" if infinitive => EventStatus::Possible,
            _ => EventStatus::Happened,
        });
    }
    found
}

/// The time expression the event's clause carries: the first node of the path that governs
/// one. A bare time right after a prepositional phrase about another happening dates that
/// happening, wherever the parser hung it: "carried out the attack in retaliation for air
/// strikes last week" (the strikes were last week, the attack not).
pub(super) fn time(tree: &Tree, path: &[usize], nominals: &NominalLexicon) -> Option<usize> {
    let doc = tree.doc;
    let first = tree.tokens.start;
    let sentence = Span::new(
        doc.tokens[first].span.start,
        doc.tokens[tree.tokens.end - 1].span.end,
    );
    let mut governed: Vec<(usize, usize)> = Vec::new();
    for (i, timex) in doc.times.iter().enumerate() {
        if timex.span.start < sentence.start || timex.span.end > sentence.end {
            continue;
        }
        if timex.kind == TimexType::Duration || timex.kind == TimexType::Set {
            continue;
        }
        let inside = |t: usize| {
            let s = doc.tokens[t].span;
            s.start >= timex.span.start && s.end <= timex.span.end
        };
        let mut heads = tree
            .tokens
            .clone()
            .filter(|&t| inside(t) && !tree.head(t).is_some_and(inside));
        if let Some(h) = heads.next() {
            let start = tree.tokens.clone().find(|&t| inside(t)).unwrap_or(h);
            if dates_another_happening(tree, path, start, nominals) {
                continue;
            }
            let mut gov = tree.head(h);
            // "before the end of the month", "during last month's summit": up through the
            // noun the expression hangs on when that noun is a time word itself.
            if let Some(g) = gov {
                if tree.upos(g) == "NOUN" && !path.contains(&g) && tree.rel(h) != Rel::Nmod {
                    gov = tree.head(g);
                }
            }
            if let Some(g) = gov {
                governed.push((g, i));
            }
        }
    }
    path.iter()
        .find_map(|&node| governed.iter().find(|(g, _)| *g == node).map(|&(_, i)| i))
}

/// Whether the time expression starting at token `start` comes right after the phrase of an
/// event noun that a preposition hangs on another noun ("in retaliation for air strikes ...",
/// "after protests against the law ..."), a noun outside the event's own clause path.
fn dates_another_happening(
    tree: &Tree,
    path: &[usize],
    start: usize,
    nominals: &NominalLexicon,
) -> bool {
    start > tree.tokens.start
        && tree.tokens.clone().any(|n| {
            tree.rel(n) == Rel::Nmod
                && tree.upos(n) == "NOUN"
                && !path.contains(&n)
                && nominals.for_noun(tree.lemma(n)).is_some()
                && tree.subtree(n).into_iter().max() == Some(start - 1)
        })
}
