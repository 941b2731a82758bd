//! The event layer on short invented news texts: status cues, chains of sources, quotes and
//! one event per happening. The models are the committed ones; nothing is trained here.

use std::sync::OnceLock;
use tidings_doc::{Article, Doc, EventStatus, Published};
use tidings_pipeline::Pipeline;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::standard().expect("the committed models load"))
}

fn run(text: &str) -> Doc {
    pipeline().run(Article {
        id: "t".into(),
        text: text.into(),
        published: Some("2024-03-15".parse::<Published>().unwrap()),
        ..Article::default()
    })
}

/// The status of the event one of whose mentions is `word`.
fn status_of(doc: &Doc, word: &str) -> EventStatus {
    doc.events
        .iter()
        .find(|e| e.evidence.iter().any(|v| doc.slice(v.trigger) == word))
        .unwrap_or_else(|| panic!("no event on {word:?} in {:#?}", doc.events))
        .status
}

#[test]
fn status_follows_modals_cues_negation_and_denial() {
    let cases = [
        (
            "France will host talks with Germany next week.",
            "host",
            EventStatus::Planned,
        ),
        (
            "Egypt is set to meet Israel on Friday.",
            "meet",
            EventStatus::Planned,
        ),
        (
            "Brazil is expected to visit Argentina in May.",
            "visit",
            EventStatus::Expected,
        ),
        ("Chile may attack Peru.", "attack", EventStatus::Possible),
        (
            "Kenya did not meet Uganda on Monday.",
            "meet",
            EventStatus::Negated,
        ),
        (
            "India has visited Nepal twice this year.",
            "visited",
            EventStatus::Happened,
        ),
        (
            "Spain is holding talks with Morocco.",
            "holding",
            EventStatus::Ongoing,
        ),
        (
            "Ghana denied that its troops attacked Togo.",
            "attacked",
            EventStatus::Denied,
        ),
    ];
    for (text, word, want) in cases {
        let doc = run(text);
        assert_eq!(status_of(&doc, word), want, "{text}");
    }
}

#[test]
fn an_event_inside_a_report_keeps_its_own_status_and_gets_the_source() {
    let doc = run("Reuters reported that Japan will visit Vietnam next month.");
    let e = &doc.events[0];
    assert_eq!(e.status, EventStatus::Planned);
    let sources: Vec<&str> = e.attribution.iter().map(|a| doc.slice(a.span)).collect();
    assert_eq!(sources, ["Reuters"]);
    assert_eq!(e.attribution[0].cue, "reported");
}

#[test]
fn chains_of_sources_run_from_the_nearest_to_the_outermost() {
    let doc = run(
        "Foreign Minister Ana Silva confirmed that Portugal will host talks with Angola, \
         Lusa reported.",
    );
    let e = doc
        .events
        .iter()
        .find(|e| e.kind == "CONSULT")
        .expect("a CONSULT event");
    let chain: Vec<(&str, &str)> = e
        .attribution
        .iter()
        .map(|a| (doc.slice(a.span), a.cue.as_str()))
        .collect();
    assert_eq!(
        chain,
        [
            ("Foreign Minister Ana Silva", "confirmed"),
            ("Lusa", "reported")
        ]
    );

    let doc =
        run("According to sources cited by the daily Le Monde, France will visit Mali in June.");
    let e = &doc.events[0];
    let cues: Vec<&str> = e.attribution.iter().map(|a| a.cue.as_str()).collect();
    assert_eq!(cues, ["according to", "cited"]);
    assert_eq!(doc.slice(e.attribution[1].span), "the daily Le Monde");
}

#[test]
fn a_quote_belongs_to_the_event_whose_clause_holds_it() {
    let doc = run("Poland slammed Belarus as “reckless and dangerous” on Tuesday.");
    let e = &doc.events[0];
    assert_eq!(e.kind, "ACCUSE");
    assert_eq!(e.quote.as_deref(), Some("reckless and dangerous"));
    let speaker = e.quotes[0].speaker.expect("the speaker is known");
    assert_eq!(doc.entities[speaker].name, "Poland");
}

#[test]
fn one_happening_mentioned_twice_is_one_event_with_both_sentences() {
    let doc = run("Colombia will host talks with Venezuela on Monday. \
         The talks will take place in Bogota, officials said.");
    let consult: Vec<_> = doc.events.iter().filter(|e| e.kind == "CONSULT").collect();
    assert_eq!(consult.len(), 1, "{:#?}", doc.events);
    let e = consult[0];
    let mut sentences: Vec<usize> = e.evidence.iter().map(|v| v.sentence).collect();
    sentences.dedup();
    assert_eq!(sentences, [0, 1]);
    let words: Vec<&str> = e.evidence.iter().map(|v| doc.slice(v.trigger)).collect();
    assert_eq!(words, ["host", "talks", "talks"]);
    assert_eq!(e.date.as_deref(), Some("2024-03-18"));
    let place = e.location.expect("a place");
    assert_eq!(doc.entities[place].name, "Bogota");
}

#[test]
fn a_happened_visit_and_a_planned_one_are_two_events() {
    let doc = run("Italy visited Greece in January and will visit Cyprus in April.");
    let visits: Vec<_> = doc.events.iter().filter(|e| e.kind == "CONSULT").collect();
    assert_eq!(visits.len(), 2, "{:#?}", doc.events);
    assert_ne!(visits[0].status, visits[1].status);
}

#[test]
fn a_quote_in_the_next_sentence_goes_to_its_speakers_event() {
    let doc = run(
        "Poland criticized Belarus on Monday over the border crisis. \
         \"They are reckless and dangerous,\" Polish Foreign Minister Radoslaw Sikorski said.",
    );
    let e = doc.events.iter().find(|e| e.kind == "ACCUSE").expect("an ACCUSE event");
    assert_eq!(e.quote.as_deref(), Some("They are reckless and dangerous"));
    let speaker = e.quotes[0].speaker.expect("a speaker");
    assert_eq!(doc.entities[speaker].name, "Radoslaw Sikorski");
}
