//! The event layer through the command line: user verb dictionaries and the rebuilt lexicon.

use crate::util::*;

/// One sentence through `extract`, returning its record.
fn record(text: &str, extra: &[&str]) -> serde_json::Value {
    let line = serde_json::json!({"id": "t", "text": text, "published": "2024-03-15"});
    let mut args = vec!["extract", "-", "--format", "jsonl"];
    args.extend_from_slice(extra);
    let out = tidings(&args, format!("{line}\n").as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap()
}

#[test]
fn a_user_verb_dictionary_codes_a_verb_the_built_in_one_does_not_know() {
    let text = "Norway will frobnicate Sweden next week.";
    let before = record(text, &[]);
    assert!(
        before["events"].as_array().unwrap().is_empty(),
        "{before:#}"
    );
    let dir = scratch("user-verbs");
    let verbs = dir.join("verbs.txt");
    std::fs::write(&verbs, "---  FROBNICATE   [042]  ---\nFROBNICATE\n").unwrap();
    let after = record(text, &["--verbs", verbs.to_str().unwrap()]);
    let event = &after["events"][0];
    assert_eq!(event["type"], "CONSULT", "{after:#}");
    assert_eq!(event["cameo"], "042");
    assert_eq!(event["status"], "planned");
    let name = |id: &serde_json::Value| {
        after["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == *id)
            .unwrap()["name"]
            .clone()
    };
    assert_eq!(name(&event["actors"][0]), "Norway");
    assert_eq!(name(&event["recipients"][0]), "Sweden");
}

#[test]
fn a_bad_verb_dictionary_is_named_in_the_error() {
    let dir = scratch("bad-verbs");
    let verbs = dir.join("empty.txt");
    std::fs::write(&verbs, "# nothing here\n").unwrap();
    let line = serde_json::json!({"id": "t", "text": "Talks resumed."});
    let out = tidings(
        &["extract", "-", "--verbs", verbs.to_str().unwrap()],
        format!("{line}\n").as_bytes(),
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("empty.txt"), "{}", stderr(&out));
}

#[test]
fn the_committed_event_lexicon_is_what_events_build_makes() {
    let dir = scratch("events-build");
    let out = tidings(&["events", "build", "--out", dir.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let built = std::fs::read(dir.join("events.bin")).unwrap();
    let committed = std::fs::read(workspace().join("models/events/events.bin")).unwrap();
    assert!(
        built == committed,
        "models/events/events.bin is stale: run `tidings events build`"
    );
}

#[test]
fn an_event_whose_content_names_the_partner_takes_it_as_recipient() {
    // "promised to continue aid to Y": the promise is made to Y, as PETRARCH codes it.
    let rec = record(
        "Norway promised to continue military aid to Mozambique.",
        &[],
    );
    let event = &rec["events"][0];
    assert_eq!(event["type"], "AGREE", "{rec:#}");
    let recipient = rec["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == event["recipients"][0])
        .unwrap_or_else(|| panic!("no recipient: {rec:#}"));
    assert_eq!(recipient["name"], "Mozambique");
}
