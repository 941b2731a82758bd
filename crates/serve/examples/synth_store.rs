//! A large store for load-testing `tidings serve`: `cargo run --release -p tidings-serve
//! --example synth_store -- --db PATH --events N [--seed S]`.
//!
//! It writes `tidings/1` records through the store's public API ([`Store::add_batch`], the same
//! call `tidings ingest` makes), so every table, index, the full-text index and fusion are
//! filled as ingest fills them, in seconds rather than the hours the pipeline would take on
//! 100,000 events. The records are made up but shaped like the pipeline's: each article has one
//! to three events between linked, coded people of a pool of thousands, in one of hundreds of
//! places with coordinates, over three years, told by forty outlets, with evidence sentences,
//! sources and times; one article in six retells an earlier happening from another outlet,
//! so fused events count several articles and outlets as real news does.

use serde_json::{json, Value};
use std::path::PathBuf;
use tidings_doc::Record;
use tidings_store::Store;

/// (PLOVER type, mode, CAMEO, trigger as written).
const KINDS: &[(&str, &str, &str, &str)] = &[
    ("CONSULT", "meet", "043", "met"),
    ("AGREE", "sign", "057", "signed an accord with"),
    ("ACCUSE", "", "112", "accused"),
    ("ASSAULT", "", "190", "attacked"),
    ("AID", "", "070", "sent aid to"),
    ("COERCE", "", "170", "detained allies of"),
    ("COOPERATE", "", "050", "worked with"),
    ("DEMAND", "", "100", "demanded concessions from"),
    ("DISAPPROVE", "", "110", "criticized"),
    ("MOBILIZE", "", "150", "mobilized against"),
    ("PROTEST", "", "140", "protested against"),
    ("REJECT", "", "120", "rejected a proposal by"),
    ("REQUEST", "", "020", "appealed to"),
    ("RETREAT", "", "080", "withdrew from talks with"),
    ("SANCTION", "", "163", "imposed sanctions on"),
    ("THREATEN", "", "130", "threatened"),
];
const STATUSES: &[&str] = &["happened", "happened", "happened", "planned", "expected", "denied"];
const COUNTRIES: &[&str] = &[
    "FIN", "EST", "SWE", "NOR", "DNK", "POL", "DEU", "FRA", "ESP", "PRT", "ITA", "GRC", "TUR",
    "UKR", "ROU", "HUN", "AUT", "CHE", "BEL", "NLD", "GBR", "IRL", "USA", "CAN", "MEX", "BRA",
    "ARG", "CHL", "PER", "COL", "ZAF", "NGA", "KEN", "ETH", "EGY", "MAR", "IND", "PAK", "BGD",
    "JPN", "KOR", "CHN", "VNM", "THA", "IDN", "PHL", "AUS", "NZL",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "sa", "to", "vi", "dor", "el", "an", "ri", "mar", "os", "tu", "ne",
    "bel", "ju", "ha", "ko", "li", "za", "per", "quin", "gar",
];

/// splitmix64: a few lines, the same stream on every machine, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut w: String = (0..syllables).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect();
    w[..1].make_ascii_uppercase();
    w
}

struct Person {
    name: String,
    kb: String,
    country: &'static str,
}

struct Place {
    name: String,
    geonames: u64,
    country: &'static str,
    lat: f64,
    lon: f64,
}

/// One happening as an article tells it.
struct Happening {
    kind: usize,
    who: usize,
    whom: usize,
    place: usize,
    day: String,
    status: &'static str,
}

/// Day `n` after 2022-01-01, as YYYY-MM-DD (1,096 days: 2022 to 2024).
fn day(n: usize) -> String {
    const MONTHS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let (mut year, mut n) = (2022, n % 1096);
    loop {
        let len = if year % 4 == 0 { 366 } else { 365 };
        if n < len {
            break;
        }
        n -= len;
        year += 1;
    }
    let mut month = 0;
    loop {
        let len = MONTHS[month] + usize::from(month == 1 && year % 4 == 0);
        if n < len {
            break;
        }
        n -= len;
        month += 1;
    }
    format!("{year}-{:02}-{:02}", month + 1, n + 1)
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The record of article `id` telling of `happenings`, one sentence each plus a source line.
fn record(id: &str, outlet: &str, happenings: &[Happening], people: &[Person], places: &[Place]) -> Record {
    let mut text = String::new();
    let mut sentences = Vec::new();
    let mut entities: Vec<Value> = Vec::new();
    let mut events = Vec::new();
    let mut times = Vec::new();
    let published = happenings.iter().map(|h| h.day.clone()).max().expect("one happening");
    let mut entity = |name: &str, kind: &str, country: &str, kb: &str, geo: Value, start: usize| {
        let eid = format!("E{}", entities.len() + 1);
        let code = if kind == "PER" { json!(format!("{country}GOV")) } else { Value::Null };
        entities.push(json!({
            "id": eid, "name": name, "type": kind, "country": country,
            "sector": if kind == "PER" { json!("GOV") } else { Value::Null }, "role": null,
            "kb_id": kb, "code": code, "geo": geo,
            "mentions": [{"start": start, "end": start + chars(name), "text": name}]
        }));
        eid
    };
    for (i, h) in happenings.iter().enumerate() {
        let (kind, mode, cameo, trigger) = KINDS[h.kind];
        let (who, whom, place) = (&people[h.who], &people[h.whom], &places[h.place]);
        let start = chars(&text);
        let who_at = start;
        let trigger_at = who_at + chars(&who.name) + 1;
        let whom_at = trigger_at + chars(trigger) + 1;
        let place_at = whom_at + chars(&whom.name) + 4;
        let on_at = place_at + chars(&place.name) + 4;
        let sentence = format!("{} {} {} in {} on {}.", who.name, trigger, whom.name, place.name, h.day);
        text.push_str(&sentence);
        let end = chars(&text);
        sentences.push(json!({"start": start, "end": end}));
        let e_who = entity(&who.name, "PER", who.country, &who.kb, Value::Null, who_at);
        let e_whom = entity(&whom.name, "PER", whom.country, &whom.kb, Value::Null, whom_at);
        let geo = json!({"lat": place.lat, "lon": place.lon, "geonames_id": place.geonames});
        let e_place = entity(&place.name, "LOC", place.country, &format!("geonames:{}", place.geonames), geo, place_at);
        let tid = format!("T{}", times.len() + 1);
        times.push(json!({"id": tid, "start": on_at, "end": on_at + 10, "text": h.day,
                          "type": "DATE", "value": h.day, "mod": null}));
        events.push(json!({
            "id": format!("V{}", i + 1), "type": kind,
            "mode": if mode.is_empty() { Value::Null } else { json!(mode) }, "cameo": cameo,
            "trigger": {"start": trigger_at, "end": trigger_at + chars(trigger), "text": trigger},
            "actors": [e_who], "recipients": [e_whom], "location": e_place, "time": tid,
            "date": h.day, "status": h.status,
            "attribution": [{"entity": null, "text": outlet, "cue": "reported", "start": start, "end": start}],
            "quote": null, "sentence": i, "confidence": 0.8,
            "evidence": [{"sentence": i, "start": trigger_at - start, "end": trigger_at - start + chars(trigger), "text": trigger}],
            "quotes": []
        }));
        text.push(' ');
    }
    let source = format!("{outlet} reported the news ({id}).");
    let start = chars(&text);
    text.push_str(&source);
    sentences.push(json!({"start": start, "end": chars(&text)}));
    serde_json::from_value(json!({
        "format": "tidings/1",
        "article": {"id": id, "url": format!("https://news.example/{id}"), "outlet": outlet,
                    "published": published, "title": format!("Report {id}"), "text": text},
        "sentences": sentences, "times": times, "entities": entities, "events": events
    }))
    .expect("a valid tidings/1 record")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut db: Option<PathBuf> = None;
    let mut target = 100_000usize;
    let mut seed = 8u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next().map(PathBuf::from),
            "--events" => target = args.next().ok_or("--events N")?.parse()?,
            "--seed" => seed = args.next().ok_or("--seed S")?.parse()?,
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    let db = db.ok_or("usage: synth_store --db PATH [--events N] [--seed S]")?;
    let mut rng = Rng(seed);
    let people: Vec<Person> = (0..4000)
        .map(|i| Person {
            name: format!("{} {}", word(&mut rng, 2), word(&mut rng, 3)),
            kb: format!("PERSON_{i:05}"),
            country: COUNTRIES[rng.below(COUNTRIES.len())],
        })
        .collect();
    let places: Vec<Place> = (0..600)
        .map(|i| Place {
            name: word(&mut rng, 3),
            geonames: 1_000_000 + i as u64,
            country: COUNTRIES[rng.below(COUNTRIES.len())],
            lat: (rng.below(140_000) as f64) / 1000.0 - 60.0,
            lon: (rng.below(360_000) as f64) / 1000.0 - 180.0,
        })
        .collect();
    let outlets: Vec<String> = (0..40).map(|_| format!("{} News", word(&mut rng, 2))).collect();

    let mut store = Store::open(&db)?;
    let started = std::time::Instant::now();
    let mut told: Vec<(Vec<Happening>, usize)> = Vec::new();
    let mut n = 0usize;
    let mut batch = Vec::new();
    loop {
        let counts = store.counts()?;
        if counts.events >= target {
            println!(
                "{}: {} articles, {} event mentions, {} fused events ({:.1} s)",
                db.display(),
                counts.articles,
                counts.event_mentions,
                counts.events,
                started.elapsed().as_secs_f64()
            );
            return Ok(());
        }
        for _ in 0..500 {
            n += 1;
            let id = format!("synth-{seed}-{n}");
            let outlet = rng.below(outlets.len());
            // One article in six retells a recent happening, from another outlet.
            let happenings = if !told.is_empty() && rng.below(6) == 0 {
                let (earlier, by) = &told[told.len() - 1 - rng.below(told.len().min(200))];
                let outlet = (by + 1 + rng.below(outlets.len() - 1)) % outlets.len();
                let copy: Vec<Happening> = earlier
                    .iter()
                    .map(|h| Happening { day: h.day.clone(), ..*h })
                    .collect();
                batch.push(record(&id, &outlets[outlet], &copy, &people, &places));
                continue;
            } else {
                let d = n * 1096 / (target * 2 / 3).max(1);
                (0..1 + rng.below(3))
                    .map(|_| Happening {
                        kind: rng.below(KINDS.len()),
                        who: rng.below(people.len()),
                        whom: rng.below(people.len()),
                        place: rng.below(places.len()),
                        day: day(d + rng.below(3)),
                        status: STATUSES[rng.below(STATUSES.len())],
                    })
                    .collect::<Vec<_>>()
            };
            batch.push(record(&id, &outlets[outlet], &happenings, &people, &places));
            told.push((happenings, outlet));
            if told.len() > 400 {
                told.drain(..200);
            }
        }
        store.add_batch(&std::mem::take(&mut batch))?;
    }
}
