//! The chain of sources an event is told through: reporting verbs it is the content of,
//! "according to" phrases, "sources cited by", and reporting verbs set beside its clause.

use super::relation::Rel;
use super::tree::Tree;
use tidings_doc::Attribution;

/// The chain of sources of the event at `t`, nearest first: the reporting verbs it is the
/// content of, "according to" phrases, and reporting verbs set beside its clause ("..., TASS
/// reported").
pub(super) fn attribution(tree: &Tree, t: usize) -> Vec<Attribution> {
    let mut links: Vec<Attribution> = Vec::new();
    let mut node = t;
    let mut came_from: Option<usize> = None;
    for _ in 0..12 {
        for &c in tree.children(node) {
            if Some(c) == came_from {
                continue;
            }
            let rel = tree.rel(c);
            // "..., the ministry said": set beside the clause, or taken by the parser for a
            // second conjunct (but not "... and said").
            let beside = match rel {
                Rel::Parataxis | Rel::Advcl => true,
                Rel::Conj => tree.child_by(c, &[Rel::Cc]).is_none(),
                _ => false,
            };
            if beside && tree.upos(c) == "VERB" && tree.reports(c) && c > node {
                links.extend(reporter(tree, c));
            } else if matches!(rel, Rel::Obl | Rel::Nmod | Rel::Advcl) && tree.is_according_to(c) {
                links.extend(according_to(tree, c));
            }
        }
        let Some(head) = tree.head(node) else { break };
        // "quoted the minister as saying": the saying's clause hangs on "quoted" as advcl.
        let quoting = tree.rel(node) == Rel::Advcl && matches!(tree.lemma(head), "quote" | "cite");
        // Any argument of a verb of saying is what it says, however the parser labelled it:
        // "denied reports that ..." with "reports" mistagged a verb comes as iobj too.
        if tree.reports(head)
            && (matches!(
                tree.rel(node),
                Rel::Ccomp | Rel::Parataxis | Rel::Obj | Rel::Iobj | Rel::Xcomp
            ) || quoting)
        {
            links.extend(reporter(tree, head));
        }
        came_from = Some(node);
        node = head;
    }
    // "According to diplomats, ...": the phrase speaks for the whole sentence, wherever the
    // parser hung it.
    if links.is_empty() {
        if let Some(p) = tree.tokens.clone().find(|&p| tree.is_according_to(p)) {
            links.extend(according_to(tree, p));
        }
    }
    // "..., the state-run agency reported.": a verb of saying after a comma, outside the
    // event's clause, however the parser hung it, when nothing nearer was found.
    if links.is_empty() {
        if let Some(r) = tree.tokens.clone().filter(|&r| r > t).find(|&r| {
            tree.upos(r) == "VERB"
                && tree.reports(r)
                && !tree.dominates(r, t)
                && !tree.dominates(t, r)
                && (t..r).any(|x| tree.word(x) == ",")
                && tree.subject(r).is_some()
        }) {
            links.extend(reporter(tree, r));
        }
    }
    let mut seen = Vec::new();
    links.retain(|l| {
        let new = !seen.contains(&l.span);
        seen.push(l.span);
        new
    });
    links
}

/// The source a reporting verb names: its subject ("the spokesman confirmed"), or its
/// agent ("it was reported by Reuters").
pub(super) fn reporter(tree: &Tree, verb: usize) -> Option<Attribution> {
    let cue = tree.lemma(verb);
    let source = tree
        .subject(verb)
        .or_else(|| {
            tree.children_by(verb, &[Rel::Obl])
                .find(|&c| tree.preposition(c).as_deref() == Some("by"))
        })
        .or_else(|| {
            // "Interfax quoted Ryabkov as saying": who says is what is quoted.
            let head = tree.head(verb)?;
            matches!(tree.lemma(head), "quote" | "cite")
                .then(|| tree.child_by(head, &[Rel::Obj]))
                .flatten()
        })?;
    Some(Attribution {
        entity: tree.entities_of(source).first().copied(),
        span: tree.phrase_span(source),
        cue: cue_word(cue),
    })
}

/// "according to X", and "according to sources cited by Y" (X, then Y).
pub(super) fn according_to(tree: &Tree, phrase: usize) -> Vec<Attribution> {
    let mut out = vec![Attribution {
        entity: tree.entities_of(phrase).first().copied(),
        span: tree.phrase_span(phrase),
        cue: "according to".into(),
    }];
    for acl in tree.children_by(phrase, &[Rel::Acl]) {
        if matches!(tree.lemma(acl), "cite" | "quote") {
            for by in tree.children_by(acl, &[Rel::Obl]) {
                if tree.preposition(by).as_deref() == Some("by") {
                    out.push(Attribution {
                        entity: tree.entities_of(by).first().copied(),
                        span: tree.phrase_span(by),
                        cue: cue_word(tree.lemma(acl)),
                    });
                }
            }
        }
    }
    out
}

/// The cue as users read it: the past form of the reporting verb ("said", "reported").
pub(super) fn cue_word(lemma: &str) -> String {
    match lemma {
        "say" => "said".into(),
        "tell" => "told".into(),
        "write" => "wrote".into(),
        "deny" => "denied".into(),
        "admit" => "admitted".into(),
        "broadcast" => "broadcast".into(),
        l if l.ends_with('e') => format!("{l}d"),
        l => format!("{l}ed"),
    }
}

/// Whether `t` lies inside an "according to ..." phrase: its words describe the source
/// ("diplomats familiar with the talks"), not an event.
/// So do the words of a reporting verb's subject ("a member of the team trying to broker a
/// pact has said", "officials who attended the talks said"): they say who speaks.
pub(super) fn in_source_phrase(tree: &Tree, t: usize) -> bool {
    let mut node = Some(t);
    while let Some(n) = node {
        if tree.is_according_to(n) {
            return true;
        }
        let speaker = tree.rel(n) == Rel::Nsubj
            && tree.head(n).is_some_and(|v| {
                // (the cheap tests first: this runs for every word of every event's parties)
                tree.reports(v)
                    && (tree.rel(v) == Rel::Parataxis
                        || trailing_source(tree, v)
                        || tree.says_something(v))
            });
        if speaker {
            return true;
        }
        node = tree.head(n);
    }
    false
}

/// Whether the verb of saying `v` closes the sentence as a coordinated trailing source
/// ("..., a member of the team has said."): nothing of its own after it.
fn trailing_source(tree: &Tree, v: usize) -> bool {
    tree.rel(v) == Rel::Conj
        && tree
            .child_by(v, &[Rel::Obj, Rel::Ccomp, Rel::Xcomp, Rel::Advcl])
            .is_none()
        && (v + 1..tree.tokens.end).all(|t| tree.upos(t) == "PUNCT")
}
