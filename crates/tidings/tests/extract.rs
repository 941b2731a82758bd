use crate::util::*;

#[test]
fn sample_article_gives_a_record_with_resolved_times() {
    let out = tidings(
        &[
            "extract",
            "samples/harbour-talks.txt",
            "--published",
            "2025-03-14",
            "--outlet",
            "Tidings Sample Wire",
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rec: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(rec["format"], "tidings/1");
    assert_eq!(rec["article"]["published"], "2025-03-14");
    assert_eq!(rec["article"]["outlet"], "Tidings Sample Wire");
    assert_eq!(rec["article"]["id"], "harbour-talks");
    assert!(rec["sentences"].as_array().unwrap().len() >= 6);
    let entity = |name: &str| {
        let all = rec["entities"].as_array().unwrap();
        all.iter()
            .find(|e| e["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no entity {name:?} in {all:#?}"))
    };
    assert_eq!(entity("Tallinn")["country"], "EST");
    assert_eq!(entity("Helsinki")["type"], "LOC");
    let pm = entity("Kristen Michal");
    assert_eq!(
        (
            pm["type"].as_str(),
            pm["country"].as_str(),
            pm["sector"].as_str()
        ),
        (Some("PERSON"), Some("EST"), Some("GOV"))
    );
    assert_eq!(pm["role"], "Prime Minister");
    let times = rec["times"].as_array().unwrap();
    let value_of = |text: &str| {
        times
            .iter()
            .find(|t| t["text"] == text)
            .map(|t| t["value"].clone())
            .unwrap_or_else(|| panic!("no time {text:?} in {times:?}"))
    };
    // "will sign ... on Monday", published Friday 2025-03-14: the coming Monday.
    assert_eq!(value_of("Monday"), "2025-03-17");
    // "told reporters ... on Wednesday": past tense, the Wednesday before.
    assert_eq!(value_of("Wednesday"), "2025-03-12");
    assert_eq!(value_of("last month"), "2025-02");
    assert_eq!(value_of("January 2024"), "2024-01");
    assert_eq!(value_of("36 hours"), "PT36H");
}

#[test]
fn offsets_are_characters_into_the_article_text() {
    let out = tidings(&["extract", "-"], br#"{"id":"u","published":"2019-04-19","text":"China\u2019s \u201cmature\u201d talks ended on Thursday."}"#);
    assert!(out.status.success(), "{}", stderr(&out));
    let rec = &records(&out)[0];
    let text: Vec<char> = rec["article"]["text"].as_str().unwrap().chars().collect();
    let t = &rec["times"][0];
    let (s, e) = (
        t["start"].as_u64().unwrap() as usize,
        t["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(text[s..e].iter().collect::<String>(), "Thursday");
    assert_eq!(t["value"], "2019-04-18");
}

#[test]
fn jsonl_keeps_unknown_fields_and_streams_one_record_per_line() {
    let input = std::fs::read(workspace().join("samples/articles.jsonl")).unwrap();
    let out = tidings(&["extract", "-"], &input);
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["article"]["id"], "sample-harbour-talks");
    assert_eq!(recs[0]["article"]["section"], "world");
    assert_eq!(recs[1]["article"]["published"], "2025-06-02");
}

#[test]
fn a_user_actor_dictionary_codes_names_the_built_in_ones_do_not_know() {
    let dir = scratch("actors");
    let dict = dir.join("mine.actors.txt");
    std::fs::write(&dict, "# a research group's own dictionary\nAIGERIM_SADYKOVA_ [KAZGOV >20200101]\n+MINISTER_SADYKOVA_\n").unwrap();
    let input = br#"{"id":"k","published":"2024-05-02","text":"Aigerim Sadykova met the delegation in Astana on Tuesday."}"#;
    let without = records(&tidings(&["extract", "-"], input));
    let with = records(&tidings(
        &["extract", "-", "--actors", dict.to_str().unwrap()],
        input,
    ));
    let person = |r: &serde_json::Value| {
        r["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["type"] == "PERSON")
            .cloned()
            .unwrap()
    };
    assert_eq!(
        person(&without[0])["country"],
        serde_json::Value::Null,
        "unknown without the dictionary"
    );
    let coded = person(&with[0]);
    assert_eq!(
        (coded["country"].as_str(), coded["sector"].as_str()),
        (Some("KAZ"), Some("GOV")),
        "{coded}"
    );
    assert!(
        coded["kb_id"].as_str().unwrap().starts_with("user:"),
        "{coded}"
    );
}

#[test]
fn until_times_stops_after_the_time_layer() {
    let out = tidings(
        &["extract", "-", "--until", "times"],
        br#"{"id":"t","published":"2019-04-19","text":"Kim met Putin on Thursday."}"#,
    );
    let rec = &records(&out)[0];
    assert_eq!(rec["times"][0]["value"], "2019-04-18");
    assert_eq!(rec["entities"], serde_json::json!([]));
}
