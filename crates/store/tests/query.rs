//! The read API on hand-made records, where every expected row is known: each filter, pages,
//! the event detail's highlights and sources, actors, daily counts, records.

use std::path::PathBuf;
use tidings_doc::Record;
use tidings_store::query::ActorFilter;
use tidings_store::{EventFilter, Store};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tidings-query-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("store.db")
}

/// "{who} met {whom} in {place} on Monday. The talks went on late." with who/whom/place as
/// linked entities: one CONSULT event on `date`, sourced to its actor.
#[allow(clippy::too_many_arguments)]
fn meeting(
    id: &str,
    outlet: &str,
    date: &str,
    (who, who_kb, who_country): (&str, &str, &str),
    (whom, whom_kb, whom_country): (&str, &str, &str),
    (place, place_id, lat, lon): (&str, u64, f64, f64),
    status: &str,
) -> Record {
    let s1 = format!("{who} met {whom} in {place} on Monday.");
    // The id makes each text its own article (the store skips a text it holds).
    let text = format!("{s1} The talks went on late ({id}).");
    let n1 = s1.chars().count();
    let who_end = who.chars().count();
    let met = (who_end + 1, who_end + 4);
    let whom_start = met.1 + 1;
    let whom_end = whom_start + whom.chars().count();
    let place_start = whom_end + 4;
    let place_end = place_start + place.chars().count();
    let monday = (place_end + 4, place_end + 10);
    let talks = (n1 + 5, n1 + 10);
    serde_json::from_value(serde_json::json!({
        "format": "tidings/1",
        "article": {"id": id, "url": format!("https://example.org/{id}"), "outlet": outlet,
                    "published": date, "title": "Talks", "text": text},
        "sentences": [{"start": 0, "end": n1}, {"start": n1 + 1, "end": text.chars().count()}],
        "times": [{"id": "T1", "start": monday.0, "end": monday.1, "text": "Monday",
                   "type": "DATE", "value": date, "mod": null}],
        "entities": [
            {"id": "E1", "name": who, "type": "PER", "country": who_country, "sector": "GOV",
             "role": null, "kb_id": who_kb, "code": format!("{who_country}GOV"), "geo": null,
             "mentions": [{"start": 0, "end": who_end, "text": who}]},
            {"id": "E2", "name": whom, "type": "PER", "country": whom_country, "sector": "GOV",
             "role": null, "kb_id": whom_kb, "code": format!("{whom_country}GOV"), "geo": null,
             "mentions": [{"start": whom_start, "end": whom_end, "text": whom}]},
            {"id": "E3", "name": place, "type": "LOC", "country": whom_country, "sector": null,
             "role": null, "kb_id": format!("geonames:{place_id}"), "code": null,
             "geo": {"lat": lat, "lon": lon, "geonames_id": place_id},
             "mentions": [{"start": place_start, "end": place_end, "text": place}]}
        ],
        "events": [{
            "id": "V1", "type": "CONSULT", "mode": "meet", "cameo": "043",
            "trigger": {"start": met.0, "end": met.1, "text": "met"},
            "actors": ["E1"], "recipients": ["E2"], "location": "E3", "time": "T1",
            "date": date, "status": status,
            "attribution": [{"entity": "E1", "text": who, "cue": "said", "start": 0, "end": who_end}],
            "quote": null, "sentence": 0, "confidence": 0.9,
            "evidence": [{"sentence": 0, "start": met.0, "end": met.1, "text": "met"},
                         {"sentence": 1, "start": talks.0, "end": talks.1, "text": "talks"}],
            "quotes": []
        }]
    }))
    .unwrap()
}

const ALBA: (&str, &str, &str) = ("Ana Alba", "ANA_ALBA", "ESP");
const BERG: (&str, &str, &str) = ("Bo Berg", "BO_BERG", "SWE");
const CRUZ: (&str, &str, &str) = ("Cy Cruz", "CY_CRUZ", "MEX");
const OSLO: (&str, u64, f64, f64) = ("Oslo", 3143244, 59.91, 10.75);
const LIMA: (&str, u64, f64, f64) = ("Lima", 3936456, -12.04, -77.03);

/// Three happenings: Alba–Berg in Oslo told by two outlets (fused), Berg–Cruz in Lima planned,
/// Alba–Cruz in Lima a month later.
fn store(name: &str) -> Store {
    let mut store = Store::open(&scratch(name)).unwrap();
    let records = vec![
        meeting("a1", "Wire", "2024-03-04", ALBA, BERG, OSLO, "happened"),
        meeting("a2", "Daily", "2024-03-04", ALBA, BERG, OSLO, "happened"),
        meeting("b1", "Wire", "2024-03-06", BERG, CRUZ, LIMA, "planned"),
        meeting("c1", "Daily", "2024-04-10", ALBA, CRUZ, LIMA, "happened"),
    ];
    store.add_batch(&records).unwrap();
    store
}

fn ids(store: &Store, filter: EventFilter) -> Vec<Vec<String>> {
    // Each event as its sorted party keys: row ids are the store's business.
    store
        .events(&filter)
        .unwrap()
        .iter()
        .map(|e| {
            let mut k: Vec<String> = e.actors.iter().chain(&e.recipients).map(|p| p.key.clone()).collect();
            k.sort();
            k
        })
        .collect()
}

fn keys(parties: &[&str]) -> Vec<String> {
    parties.iter().map(|s| s.to_string()).collect()
}

#[test]
fn events_are_fused_newest_first_with_named_parties_and_place() {
    let store = store("list");
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 3);
    let days: Vec<_> = events.iter().map(|e| e.day.clone().unwrap()).collect();
    assert_eq!(days, ["2024-04-10", "2024-03-06", "2024-03-04"]);
    let oslo = &events[2];
    assert_eq!((oslo.article_count, oslo.outlet_count, oslo.mention_count), (2, 2, 2));
    assert_eq!(oslo.actors[0].name, "Ana Alba");
    assert_eq!(oslo.actors[0].code.as_deref(), Some("ESPGOV"));
    assert_eq!(oslo.recipients[0].key, "BO_BERG");
    let place = oslo.place.as_ref().unwrap();
    assert_eq!((place.name.as_str(), place.lat), ("Oslo", Some(59.91)));
    assert_eq!(oslo.trigger, "met");
    assert_eq!(oslo.sentence, "Ana Alba met Bo Berg in Oslo on Monday.");
    assert_eq!(store.count_events(&EventFilter::default()).unwrap(), 3);
}

#[test]
fn each_filter_narrows() {
    let store = store("filters");
    let f = EventFilter::default;
    let (ab, bc, ac) = (
        keys(&["ANA_ALBA", "BO_BERG"]),
        keys(&["BO_BERG", "CY_CRUZ"]),
        keys(&["ANA_ALBA", "CY_CRUZ"]),
    );
    let actor = |a: &str| EventFilter { actor: Some(a.into()), ..f() };
    assert_eq!(ids(&store, actor("ANA_ALBA")), [ac.clone(), ab.clone()]);
    assert_eq!(ids(&store, actor("cruz")), [ac.clone(), bc.clone()], "words of a name");
    assert_eq!(ids(&store, actor("SWEGOV")), [bc.clone(), ab.clone()], "a CAMEO code");
    assert_eq!(ids(&store, actor("Nobody")), Vec::<Vec<String>>::new());
    let country = |c: &str| EventFilter { country: Some(c.into()), ..f() };
    assert_eq!(ids(&store, country("mex")), [ac.clone(), bc.clone()]);
    assert_eq!(ids(&store, country("ESP")), [ac.clone(), ab.clone()]);
    assert_eq!(ids(&store, EventFilter { status: Some("Planned".into()), ..f() }), [bc.clone()]);
    assert_eq!(ids(&store, EventFilter { kind: Some("consult".into()), ..f() }).len(), 3);
    assert_eq!(ids(&store, EventFilter { kind: Some("PROTEST".into()), ..f() }).len(), 0);
    let span = |from: Option<&str>, to: Option<&str>| EventFilter {
        from: from.map(Into::into),
        to: to.map(Into::into),
        ..f()
    };
    assert_eq!(ids(&store, span(Some("2024-03-05"), None)), [ac.clone(), bc.clone()]);
    assert_eq!(ids(&store, span(None, Some("2024-03"))), [bc.clone(), ab.clone()], "a month prefix");
    assert_eq!(ids(&store, span(Some("2024-03-06"), Some("2024-03-06"))), [bc.clone()]);
    // Oslo is ~10,000 km from Lima.
    let near = |km| EventFilter { near: Some((59.9, 10.7, km)), ..f() };
    assert_eq!(ids(&store, near(50.0)), [ab.clone()]);
    assert_eq!(ids(&store, near(20_000.0)).len(), 3);
    let outlet = EventFilter { outlet: Some("daily".into()), ..f() };
    assert_eq!(ids(&store, outlet), [ac.clone(), ab.clone()]);
    let text = |t: &str| EventFilter { text: Some(t.into()), ..f() };
    assert_eq!(ids(&store, text("Oslo")), [ab.clone()]);
    assert_eq!(ids(&store, text("talks late")).len(), 3, "words of the second sentence");
    assert_eq!(ids(&store, text("Lim*")), [ac.clone(), bc.clone()], "a prefix");
    assert_eq!(ids(&store, text("Oslo Lima")).len(), 0, "all words in one sentence");
    assert_eq!(ids(&store, text("AND OR \"(")).len(), 0, "no FTS5 syntax error");
    let both = EventFilter { actor: Some("BO_BERG".into()), country: Some("MEX".into()), ..f() };
    assert_eq!(ids(&store, both), [bc.clone()]);
}

#[test]
fn pages_and_counts() {
    let store = store("pages");
    let page = |limit, offset| EventFilter { limit, offset, ..EventFilter::default() };
    let all = store.events(&page(0, 0)).unwrap();
    let first = store.events(&page(2, 0)).unwrap();
    let second = store.events(&page(2, 2)).unwrap();
    assert_eq!(first.len(), 2);
    assert_eq!(second.len(), 1);
    assert_eq!([first, second].concat(), all);
    assert_eq!(store.count_events(&page(1, 1)).unwrap(), 3, "count ignores the page");
    let daily = store.daily_counts(&EventFilter::default()).unwrap();
    let daily: Vec<_> = daily.iter().map(|d| (d.date.as_str(), d.kind.as_str(), d.count)).collect();
    assert_eq!(
        daily,
        [("2024-03-04", "CONSULT", 1), ("2024-03-06", "CONSULT", 1), ("2024-04-10", "CONSULT", 1)]
    );
}

#[test]
fn an_event_comes_with_its_evidence_sources_and_history() {
    let store = store("detail");
    let oslo = store
        .events(&EventFilter { text: Some("Oslo".into()), ..EventFilter::default() })
        .unwrap()
        .remove(0);
    let detail = store.event(oslo.id).unwrap().unwrap();
    assert_eq!(detail.event, oslo);
    assert_eq!(detail.mentions.len(), 2);
    assert_eq!(detail.outlets, ["Daily", "Wire"]);
    let ids: Vec<_> = detail.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a2"]);
    let m = &detail.mentions[0];
    assert_eq!(m.sources[0].entity.as_deref(), Some("Ana Alba"));
    assert_eq!((m.sources[0].cue.as_str(), m.sources[0].start), ("said", 0));
    assert_eq!(m.evidence.len(), 2);
    let first = &m.evidence[0];
    for h in &first.highlights {
        let slice: String = first.text.chars().skip(h.start).take(h.end - h.start).collect();
        assert_eq!(slice, h.text, "{h:?} is a span of the sentence");
    }
    let roles: Vec<(&str, &str)> = first.highlights.iter().map(|h| (h.role, h.text.as_str())).collect();
    for want in [("trigger", "met"), ("actor", "Ana Alba"), ("recipient", "Bo Berg"),
                 ("place", "Oslo"), ("time", "Monday"), ("source", "Ana Alba")] {
        assert!(roles.contains(&want), "{want:?} in {roles:?}");
    }
    let second = &m.evidence[1];
    assert_eq!(second.text, "The talks went on late (a1).");
    assert_eq!(second.start, first.text.chars().count() + 1);
    assert_eq!(second.highlights.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(), ["talks"]);
    assert!(!detail.status_history.is_empty());
    assert_eq!(detail.status_history[0].status, "happened");
    assert_eq!(store.event(oslo.id + 1000).unwrap(), None);
}

#[test]
fn actors_count_their_events() {
    let store = store("actors");
    let actors = store.actors(&ActorFilter::default()).unwrap();
    let counts: Vec<_> = actors.iter().map(|a| (a.party.key.as_str(), a.events, a.as_actor, a.as_recipient)).collect();
    assert_eq!(
        counts,
        [("ANA_ALBA", 2, 2, 0), ("BO_BERG", 2, 1, 1), ("CY_CRUZ", 2, 0, 2)]
    );
    let mex = store
        .actors(&ActorFilter { country: Some("mex".into()), ..ActorFilter::default() })
        .unwrap();
    assert_eq!(mex.len(), 1);
    assert_eq!(mex[0].party.name, "Cy Cruz");
    let named = store
        .actors(&ActorFilter { name: Some("berg".into()), ..ActorFilter::default() })
        .unwrap();
    assert_eq!(named[0].party.key, "BO_BERG");
    let berg = store.actor("BO_BERG").unwrap().unwrap();
    assert_eq!(berg.events.len(), 2);
    assert_eq!(berg.names[0].name, "Bo Berg");
    assert_eq!(berg.names[0].count, 3, "one entity row per article naming him");
    assert!(store.actor("NOBODY").unwrap().is_none());
}

#[test]
fn records_come_back_in_storage_order() {
    let store = store("records");
    let ids: Vec<String> = store.records().unwrap().into_iter().map(|r| r.article.id).collect();
    assert_eq!(ids, ["a1", "a2", "b1", "c1"]);
}

#[test]
fn a_read_only_store_answers_the_same() {
    let store = store("readonly");
    let path = store.path().to_path_buf();
    let all = store.events(&EventFilter::default()).unwrap();
    drop(store);
    let ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.events(&EventFilter::default()).unwrap(), all);
}
