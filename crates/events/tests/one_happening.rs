//! One happening, one event: the words an article uses for one attack join one event, however
//! each tells it; attacks in two places stay two. Invented sentences, through the whole
//! pipeline with the committed models.

mod common;

use tidings_doc::{Doc, Event};

fn run(text: &str) -> Doc {
    common::run_published(text, "2024-01-02")
}

/// The first ASSAULT event; panics, showing the events, when there is none.
fn the_attack(doc: &Doc) -> &Event {
    doc.events
        .iter()
        .find(|e| e.kind == "ASSAULT")
        .unwrap_or_else(|| panic!("{:#?}", doc.events))
}

/// The trigger words of each ASSAULT event.
fn assaults(doc: &Doc) -> Vec<Vec<&str>> {
    doc.events
        .iter()
        .filter(|e| e.kind == "ASSAULT")
        .map(|e| e.evidence.iter().map(|v| doc.slice(v.trigger)).collect())
        .collect()
}

#[test]
fn the_words_of_one_attack_make_one_event() {
    // A bombing (CAMEO 183) and a storming (190): two manners, one attack.
    let doc = run(
        "A car bomb exploded outside the police headquarters in Kandahar on Monday. \
                   Gunmen then stormed the building and shot two guards, officials said.",
    );
    let found = assaults(&doc);
    assert_eq!(found.len(), 1, "{found:?}");
    for word in ["exploded", "stormed"] {
        assert!(found[0].contains(&word), "{word} not in {found:?}");
    }
}

#[test]
fn attacks_in_two_places_stay_two_events() {
    let doc = run("Gunmen attacked a checkpoint in Kandahar on Monday. \
                   In Herat, a bomb exploded near a mosque, killing three.");
    let found = assaults(&doc);
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn a_noun_setting_the_scene_is_evidence_of_the_attack_told_before() {
    // "after the attack" sets the scene of the arrest, yet tells of the attack again.
    let doc = run("Gunmen opened fire on a bus in Quetta on Tuesday, killing six passengers. \
                   Police arrested two men hours after the attack.");
    let found = assaults(&doc);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains(&"attack"), "{found:?}");
}

#[test]
fn a_noun_setting_the_scene_makes_no_event_of_its_own() {
    // Nothing before it tells of an attack: the noun in passing is no event.
    let doc = run("The mayor opened a new library on Tuesday. \
                   It stands where a market stood before the bombing of the old town.");
    assert!(assaults(&doc).is_empty(), "{:?}", assaults(&doc));
}

#[test]
fn the_attack_told_again_far_on_joins_its_event() {
    let doc = run("A bomb exploded at a market in Peshawar on Friday, wounding twelve people. \
                   The market had reopened a week earlier. \
                   Traders said business had been slow. \
                   Prices of flour have risen since spring. \
                   Nobody has claimed responsibility for the explosion.");
    let found = assaults(&doc);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains(&"explosion"), "{found:?}");
}

#[test]
fn a_town_standing_in_for_unnamed_gunmen_does_not_split_the_attack() {
    // "Gunmen" have no country of their own, so the town codes them; the town did not attack,
    // and the second sentence tells the first one's attack again.
    let doc = run("Taliban fighters attacked a police station in Kunduz on Thursday. \
                   Gunmen stormed the building in the city of Kunduz, officials said.");
    let found = assaults(&doc);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn a_time_after_another_happening_dates_that_happening() {
    // The strikes were last week; the attack, told without a date, is dated by the article.
    let doc = run("The group said it carried out the attack in retaliation for air strikes \
                   last week in Kunduz province.");
    let attack = the_attack(&doc);
    assert_eq!(attack.date.as_deref(), Some("2024-01-02"), "{attack:#?}");
}

#[test]
fn a_body_named_as_the_site_yields_to_the_place_named() {
    // "at the Indian Consulate in the city of Jalalabad": the consulate is whom, the city where.
    let doc = run("Insurgents fired rockets at the Indian Consulate in the city of Jalalabad \
                   on Sunday.");
    let attack = the_attack(&doc);
    let name = |e: usize| doc.entities[e].name.as_str();
    assert_eq!(attack.location.map(name), Some("Jalalabad"), "{attack:#?}");
    assert!(
        attack.recipients.iter().any(|&r| name(r).contains("Consulate")),
        "{attack:#?}"
    );
    // ... and with no other target named, the body is whom it happened to, not the city.
    let doc = run("Gunmen opened fire at the Indian consulate in the city of Herat on Sunday.");
    let attack = the_attack(&doc);
    let name = |e: usize| doc.entities[e].name.as_str();
    assert_eq!(attack.location.map(name), Some("Herat"), "{attack:#?}");
    let recipients: Vec<&str> = attack.recipients.iter().map(|&r| name(r)).collect();
    assert_eq!(recipients, ["the Indian consulate"], "{attack:#?}");
}
