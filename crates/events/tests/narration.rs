//! Verbs that CAMEO's dictionary codes only by their block's default ("think" and "leave" are
//! consultations there) make no event when nobody is named on either side and no group acts;
//! the same verbs between named parties, and material acts, still do. Invented sentences,
//! through the whole pipeline with the committed models.

mod common;

use common::run;

/// The PLOVER types of the events told by `word`.
fn types_on(text: &str, word: &str) -> Vec<String> {
    let doc = run(text);
    doc.events
        .iter()
        .filter(|e| e.evidence.iter().any(|v| doc.slice(v.trigger) == word))
        .map(|e| e.kind.clone())
        .collect()
}

#[test]
fn narration_verbs_with_nobody_named_make_no_event() {
    for (text, word) in [
        (
            "\"I didn't think it would end like this,\" she said.",
            "think",
        ),
        (
            "The package, which contained nails, was left near the door.",
            "left",
        ),
        (
            "He said he had heard nothing before the fire started.",
            "heard",
        ),
    ] {
        let found = types_on(text, word);
        assert!(found.is_empty(), "{text}\n  {word}: {found:?}");
    }
}

#[test]
fn the_same_verbs_between_named_parties_and_acts_of_force_still_make_events() {
    for (text, word, kind) in [
        // A pattern or named parties: PETRARCH's own condition for an event.
        (
            "Chile's foreign minister met his Peruvian counterpart in Lima on Monday.",
            "met",
            "CONSULT",
        ),
        // A described group acting is someone acting.
        (
            "The two leaders will meet in Quito next month.",
            "meet",
            "CONSULT",
        ),
        // A material act needs no named doer.
        (
            "A bomb exploded in a crowded market on Sunday, killing four people.",
            "exploded",
            "ASSAULT",
        ),
    ] {
        let found = types_on(text, word);
        assert!(
            found.iter().any(|k| k == kind),
            "{text}\n  {word}: {found:?}, want {kind}"
        );
    }
}

#[test]
fn calling_someone_something_is_no_phone_call_and_a_day_is_no_call_on() {
    // Naming: "call X Y" is no consultation.
    for text in [
        "During the campaign, the senator called the governor \"uniquely unqualified\".",
        "The minister called the decision a mistake.",
    ] {
        let found = types_on(text, "called");
        assert!(
            !found.iter().any(|k| k == "CONSULT"),
            "{text}\n  called: {found:?}"
        );
    }
    // "called ... on Monday" is a call made on Monday, not CAMEO's "call on" (an appeal).
    let text = "Chile's president called Peru's president on Monday to discuss the border.";
    let found = types_on(text, "called");
    assert_eq!(found, ["CONSULT"], "{text}");
}

#[test]
fn everyday_verbs_coded_as_coercion_make_no_event_when_nobody_is_named() {
    // TAKE, CATCH, CONTAIN and REMOVE default to coercion (CAMEO 17) in CAMEO.2.0.
    for (text, word) in [
        (
            "The crate, which contained old books, was left by the door.",
            "contained",
        ),
        ("The thief was caught on a doorbell camera.", "caught"),
        ("The scaffolding was removed on Monday.", "removed"),
    ] {
        let found = types_on(text, word);
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
}

#[test]
fn an_arrest_with_nobody_named_is_still_an_event() {
    let found = types_on("Last week two men were arrested near the harbour.", "arrested");
    assert_eq!(found, vec!["COERCE".to_string()]);
}
