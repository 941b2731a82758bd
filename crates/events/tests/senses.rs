//! Senses of verbs the verb dictionary codes alike, on short invented sentences through the
//! whole pipeline (the committed models; nothing is trained here): leading an event or a body,
//! leaving an organization, blowing oneself up, firing a person, calling in help or an envoy,
//! facing charges, phrasal verbs, thinking, hosting, dying of illness and light uses of
//! "take".

mod common;

use common::{event, no_event_on, run};
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
        (
            "The UN mission in Mali is headed by a Senegalese general.",
            "headed",
        ),
        ("The force is led by a Kenyan commander.", "led"),
        (
            "A team led by a Dutch judge will examine the evidence.",
            "led",
        ),
    ] {
        let doc = run(text);
        assert!(
            events_on(&doc, verb).is_empty(),
            "{text}: no event on {verb:?}: {:#?}",
            doc.events
        );
    }
}

#[test]
fn leaving_an_international_organization_cuts_relations_and_is_no_journey() {
    let doc = run("Denmark left the European Union in March, the government said.");
    let e = event(&doc, "left");
    assert_eq!(e.kind, "SANCTION", "{:#?}", doc.events);
    assert!(
        e.cameo.as_deref().is_some_and(|c| c.starts_with("16")),
        "{:#?}",
        doc.events
    );
    // Announced, it is the plan itself, not a threat held over the organization.
    let doc = run("Denmark will leave the European Union in March, the government said.");
    assert_eq!(event(&doc, "leave").kind, "SANCTION", "{:#?}", doc.events);
    // Leaving a city, or a meeting of the organization, is still travel.
    let doc = run("The Danish prime minister left Brussels on Thursday.");
    assert_ne!(event(&doc, "left").kind, "SANCTION", "{:#?}", doc.events);
    let doc = run("The Danish prime minister left the European Union summit on Thursday.");
    assert!(
        doc.events.iter().all(|e| e.kind != "SANCTION"),
        "{:#?}",
        doc.events
    );
}

#[test]
fn blowing_oneself_up_is_a_suicide_bombing() {
    let doc = run("A suicide bomber blew himself up outside a mosque in Lahore, police said.");
    let e = event(&doc, "blew");
    assert_eq!(
        (e.kind.as_str(), e.cameo.as_deref()),
        ("ASSAULT", Some("1831")),
        "{:#?}",
        doc.events
    );
    // Blowing up a thing is destroying it.
    let doc = run("Troops blew up a bridge near Lahore on Monday.");
    assert_eq!(event(&doc, "blew").kind, "COERCE", "{:#?}", doc.events);
}

#[test]
fn firing_a_person_is_a_dismissal_not_a_shooting() {
    no_event_on(
        "The club fired its coach after the defeat in Lisbon.",
        "fired",
    );
    no_event_on("\"It fires me up,\" the player said in Lisbon.", "fires");
    let doc = run("Soldiers fired on protesters in Lisbon on Tuesday.");
    assert_eq!(event(&doc, "fired").kind, "ASSAULT", "{:#?}", doc.events);
}

#[test]
fn calling_in_help_is_an_appeal_not_a_telephone_call() {
    let doc = run(
        "Portuguese troops called in air support after being surrounded by rebels near Lisbon.",
    );
    let e = event(&doc, "called");
    assert_eq!(
        (e.kind.as_str(), e.cameo.as_deref()),
        ("REQUEST", Some("0232")),
        "{:#?}",
        doc.events
    );
    let doc = run("The Portuguese president called the Spanish prime minister on Monday.");
    assert_eq!(event(&doc, "called").kind, "CONSULT", "{:#?}", doc.events);
}

#[test]
fn facing_charges_is_no_meeting_and_calling_in_an_envoy_a_protest() {
    no_event_on(
        "The former mayor faces one criminal count of fraud in Porto.",
        "faces",
    );
    no_event_on(
        "Protesters in Porto can face lengthy prison sentences.",
        "face",
    );
    let doc = run("The Portuguese Foreign Ministry called in the Spanish ambassador on Tuesday.");
    let e = event(&doc, "called");
    assert_eq!(
        (e.kind.as_str(), e.cameo.as_deref()),
        ("ACCUSE", Some("111")),
        "{:#?}",
        doc.events
    );
}

#[test]
fn leading_a_mission_is_a_role_and_leading_a_delegation_somewhere_a_visit() {
    no_event_on("Portugal leads the UN mission in Mali.", "leads");
    no_event_on(
        "Spain will lead a coalition against the rebels in Mali.",
        "lead",
    );
    no_event_on(
        "A Portuguese colonel led the rescue operation near Porto.",
        "led",
    );
    let doc = run("The Portuguese foreign minister led a delegation to Madrid on Monday.");
    let e = event(&doc, "led");
    assert_eq!(
        (e.kind.as_str(), e.cameo.as_deref()),
        ("CONSULT", Some("042")),
        "{:#?}",
        doc.events
    );
    let doc = run("The Portuguese economy minister led a trade mission to Brazil.");
    assert_eq!(
        event(&doc, "led").cameo.as_deref(),
        Some("042"),
        "{:#?}",
        doc.events
    );
}

#[test]
fn a_particle_taken_for_a_preposition_still_makes_the_phrasal_verb() {
    // "in the ambassador" is no place, and "in" the particle however far from the verb.
    for text in [
        "The Portuguese Foreign Ministry called in the Spanish ambassador on Tuesday.",
        "The Portuguese Foreign Ministry called the Spanish ambassador in on Tuesday.",
    ] {
        let doc = run(text);
        let e = event(&doc, "called");
        assert_eq!(e.cameo.as_deref(), Some("111"), "{text}: {:#?}", doc.events);
        assert_eq!(e.location, None, "{text}: {:#?}", doc.events);
    }
    // A purpose clause after the envoy leaves the particle a particle.
    let text =
        "The Portuguese Foreign Ministry called in the Spanish ambassador to explain the remarks.";
    let doc = run(text);
    let e = event(&doc, "called");
    assert_eq!(e.cameo.as_deref(), Some("111"), "{text}: {:#?}", doc.events);
    assert_eq!(e.location, None, "{text}: {:#?}", doc.events);
    // What one speaks in is no one called in.
    let doc = run("The Portuguese minister called in a statement for calm in Lisbon.");
    assert_eq!(event(&doc, "called").kind, "REQUEST", "{:#?}", doc.events);
    // Nor is a fixed phrase: "in response" is how, not whom.
    let doc = run("The Portuguese Foreign Ministry called in response to the Spanish remarks.");
    assert!(
        doc.events.iter().all(|e| e.cameo.as_deref() != Some("040")),
        "{:#?}",
        doc.events
    );
    // Handing over a suspect is judicial cooperation, prisoners a release.
    let doc = run("Portugal handed over two suspects to Spain on Monday.");
    assert_eq!(
        event(&doc, "handed").cameo.as_deref(),
        Some("063"),
        "{:#?}",
        doc.events
    );
    let doc = run("Rebels handed the prisoners over to the Red Cross near Porto.");
    assert_eq!(event(&doc, "handed").kind, "RETREAT", "{:#?}", doc.events);
    // Rounding up people is arresting them.
    let doc = run("Portuguese police rounded up dozens of protesters in Lisbon.");
    assert_eq!(
        event(&doc, "rounded").cameo.as_deref(),
        Some("173"),
        "{:#?}",
        doc.events
    );
}

#[test]
fn thinking_or_considering_is_no_consultation() {
    no_event_on(
        "\"I thought it was a car crash,\" said Maria Costa, a student in Porto.",
        "thought",
    );
    no_event_on(
        "Portugal is considering the Spanish proposal.",
        "considering",
    );
    // What is considered may still be an event of its own.
    let doc = run("Portugal is considering talks with Spain.");
    assert_eq!(event(&doc, "talks").kind, "CONSULT", "{:#?}", doc.events);
}

#[test]
fn hosting_a_match_is_no_visit() {
    no_event_on(
        "Porto will host the semi-finals of the tournament in July.",
        "host",
    );
    let doc = run("The Portuguese president hosted the Spanish king in Lisbon.");
    assert_eq!(
        event(&doc, "hosted").cameo.as_deref(),
        Some("043"),
        "{:#?}",
        doc.events
    );
}

#[test]
fn dying_of_a_disease_is_nobodys_act() {
    no_event_on(
        "Health officials in Porto said eight people died of an unknown disease.",
        "died",
    );
    let doc = run("Three Portuguese soldiers died in clashes with rebels near Porto.");
    assert_eq!(event(&doc, "died").kind, "ASSAULT", "{:#?}", doc.events);
}

#[test]
fn taking_a_toll_or_an_order_seizes_nothing() {
    no_event_on(
        "The war in Mali took another heavy toll on Portuguese troops this week.",
        "took",
    );
    no_event_on(
        "Maria Costa testified that she took a phone order from a caller in Porto.",
        "took",
    );
    let doc = run("Rebels took control of the Portuguese town of Braga on Monday.");
    assert_eq!(event(&doc, "took").kind, "COERCE", "{:#?}", doc.events);
}
