//! Senses of verbs the verb dictionary codes alike, on short invented sentences through the
//! whole pipeline (the committed models; nothing is trained here): leading an event, leading
//! a body, and who acts when the sentence names a group by what it is and a place.

mod common;

use common::run;
use tidings_doc::{Doc, Event};

/// The events whose evidence holds `word`.
fn events_on<'d>(doc: &'d Doc, word: &str) -> Vec<&'d Event> {
    doc.events
        .iter()
        .filter(|e| e.evidence.iter().any(|v| doc.slice(v.trigger) == word))
        .collect()
}

fn names(doc: &Doc, ids: &[usize]) -> Vec<String> {
    ids.iter().map(|&i| doc.entities[i].name.clone()).collect()
}

#[test]
fn leading_an_event_is_taking_part_in_it() {
    // (text, verb, event noun, PLOVER type, leader)
    let cases = [
        (
            "Finnish diplomats led the talks with Estonia in Tallinn on Monday.",
            "led",
            "talks",
            "CONSULT",
            "Finnish",
        ),
        (
            "Opposition leader Ana Ruiz led the protest outside parliament in Lima.",
            "led",
            "protest",
            "PROTEST",
            "Ana Ruiz",
        ),
        (
            "Norwegian envoys headed the negotiations with Colombia.",
            "headed",
            "negotiations",
            "CONSULT",
            "Norwegian",
        ),
    ];
    for (text, verb, noun, kind, leader) in cases {
        let doc = run(text);
        let on_verb = events_on(&doc, verb);
        assert_eq!(on_verb.len(), 1, "{text}: {:#?}", doc.events);
        let e = on_verb[0];
        assert_eq!(e.kind, kind, "{text}: {e:#?}");
        assert!(
            e.evidence.iter().any(|v| doc.slice(v.trigger) == noun),
            "{text}: the led {noun} is the same event: {e:#?}"
        );
        assert!(
            names(&doc, &e.actors).iter().any(|n| n.contains(leader)),
            "{text}: {leader} leads: {e:#?}"
        );
    }
}

#[test]
fn leading_a_body_in_the_passive_is_a_role_not_an_event() {
    for (text, verb) in [
        ("The UN mission in Mali is headed by a Senegalese general.", "headed"),
        ("The force is led by a Kenyan commander.", "led"),
        ("A team led by a Dutch judge will examine the evidence.", "led"),
    ] {
        let doc = run(text);
        assert!(
            events_on(&doc, verb).is_empty(),
            "{text}: no event on {verb:?}: {:#?}",
            doc.events
        );
    }
}
