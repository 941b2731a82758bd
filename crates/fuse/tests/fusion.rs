//! Fusion rules on hand-made observations, and the order-independence of the result.
//! New rule cases go through `check`; new whole-run properties get their own test.

use tidings_doc::{EventStatus, Published};
use tidings_fuse::{Config, FusedEvent, Fusion, Observation, Place};

/// An observation from a compact description: `article kind actors>recipients date`, where
/// parties are comma-separated keys (`-` for none) and the date is a TIMEX value or `-`.
/// Every article is published on 2016-11-10 by an outlet named after its first letter.
fn obs(desc: &str) -> Observation {
    let f: Vec<&str> = desc.split_whitespace().collect();
    let parties = |s: &str| -> Vec<String> {
        let mut v: Vec<String> = s
            .split(',')
            .filter(|p| !p.is_empty() && *p != "-")
            .map(String::from)
            .collect();
        v.sort();
        v
    };
    let (actors, recipients) = f[2].split_once('>').unwrap_or((f[2], "-"));
    let (article, event) = f[0].split_once('#').unwrap_or((f[0], "0"));
    Observation {
        article: article.to_string(),
        event: event.parse().unwrap(),
        outlet: Some(article[..1].to_string()),
        published: Some("2016-11-10T12:00".parse().unwrap()),
        kind: f[1].to_string(),
        mode: None,
        cameo: None,
        actors: parties(actors),
        recipients: parties(recipients),
        date: (f[3] != "-").then(|| f[3].to_string()),
        place: None,
        setting: None,
        cast: Vec::new(),
        party_places: Vec::new(),
        status: EventStatus::Happened,
        sentence: 0,
        evidence: desc.to_string(),
        evidence_count: 1,
    }
}

/// Whether the two described observations are fused into one event.
fn check(a: &str, b: &str, same: bool) {
    let mut fusion = Fusion::new(Config::default());
    fusion.add(vec![obs(a), obs(b)]);
    assert_eq!(fusion.len() == 1, same, "{a} / {b}");
}

#[test]
fn rules() {
    // Same type, same parties, same day.
    check("a ACCUSE X>Y 2016-11-09", "b ACCUSE X>Y 2016-11-09", true);
    // A report may name fewer parties than another.
    check("a ACCUSE X>Y,Z 2016-11-09", "b ACCUSE X>Y 2016-11-09", true);
    check("a ACCUSE X>Y 2016-11-09", "b ACCUSE X>- 2016-11-09", true);
    // ... or, beside one they share, another that the other report lacks ("blamed the FBI
    // and Comey", "blamed Comey and the US"): each sentence's parse adds its own.
    check(
        "a ACCUSE X>Y,Z 2016-11-09",
        "b ACCUSE X>Y,W 2016-11-09",
        true,
    );
    // ... but not only different ones.
    check("a ACCUSE X>Y 2016-11-09", "b ACCUSE X>Z 2016-11-09", false);
    check(
        "a ACCUSE X>Y,Z 2016-11-09",
        "b ACCUSE X>W 2016-11-09",
        false,
    );
    // Roles count, except where the type is symmetric.
    check("a ACCUSE X>Y 2016-11-09", "b ACCUSE Y>X 2016-11-09", false);
    check("a CONSULT X>Y 2016-11-09", "b CONSULT Y>X 2016-11-09", true);
    check("a CONSULT X,Y 2016-11-09", "b CONSULT Y>X 2016-11-09", true);
    // Types differ.
    check(
        "a ACCUSE X>Y 2016-11-09",
        "b THREATEN X>Y 2016-11-09",
        false,
    );
    // Nothing to anchor on: no party, no place.
    check("a ASSAULT - 2016-11-09", "b ASSAULT - 2016-11-09", false);
    // One article's events are its record's business.
    check(
        "a#0 ACCUSE X>Y 2016-11-09",
        "a#1 ACCUSE X>Y 2016-11-09",
        false,
    );
    // Dates: within the window, a day within its month, an undated event near publication.
    check("a ACCUSE X>Y 2016-11-09", "b ACCUSE X>Y 2016-11-12", true);
    check("a ACCUSE X>Y 2016-11-01", "b ACCUSE X>Y 2016-11-09", false);
    check("a ACCUSE X>Y 2016-11", "b ACCUSE X>Y 2016-11-20", true);
    check("a ACCUSE X>Y 2016-11-09", "b ACCUSE X>Y -", true);
    check("a ACCUSE X>Y 2015-11-09", "b ACCUSE X>Y -", false);
}

#[test]
fn modes_and_places() {
    let with = |d: &str, mode: Option<&str>, place: Option<(&str, &str)>| {
        let mut o = obs(d);
        o.mode = mode.map(String::from);
        o.place = place.map(|(k, c)| Place {
            key: k.to_string(),
            country: Some(c.to_string()),
            geo: None,
        });
        o
    };
    let fused = |a: Observation, b: Observation| {
        let mut fusion = Fusion::new(Config::default());
        fusion.add(vec![a, b]);
        fusion.len() == 1
    };
    let meet = "a CONSULT X,Y 2016-11-09";
    let meet2 = "b CONSULT X,Y 2016-11-09";
    assert!(!fused(
        with(meet, Some("meeting"), None),
        with(meet2, Some("phone"), None)
    ));
    assert!(fused(
        with(meet, Some("meeting"), None),
        with(meet2, None, None)
    ));
    let city = Some(("geonames:1", "RUS"));
    let other_city = Some(("geonames:2", "RUS"));
    let country = Some(("country:RUS", "RUS"));
    let elsewhere = Some(("country:CHN", "CHN"));
    assert!(fused(with(meet, None, city), with(meet2, None, country)));
    assert!(!fused(
        with(meet, None, city),
        with(meet2, None, other_city)
    ));
    assert!(!fused(with(meet, None, city), with(meet2, None, elsewhere)));
    // A shared city anchors two events without parties.
    let attack = "a ASSAULT - 2016-11-09";
    let attack2 = "b ASSAULT - 2016-11-09";
    assert!(fused(with(attack, None, city), with(attack2, None, city)));
    assert!(!fused(
        with(attack, None, country),
        with(attack2, None, country)
    ));
}

#[test]
fn fused_events_count_articles_outlets_and_status_changes() {
    let mut a = obs("kcna CONSULT X,Y 2016-11-20");
    a.status = EventStatus::Planned;
    a.published = Some("2016-11-17".parse().unwrap());
    let mut b = obs("kremlin CONSULT X,Y 2016-11-20");
    b.status = EventStatus::Planned;
    b.published = Some("2016-11-18".parse().unwrap());
    let mut c = obs("kyodo CONSULT X>Y 2016-11-20");
    c.published = Some("2016-11-21".parse().unwrap());
    let mut fusion = Fusion::new(Config::default());
    fusion.add(vec![c, a, b]);
    let events = fusion.events();
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.id.article, "kcna");
    assert_eq!((e.article_count, e.outlet_count), (3, 1));
    let day = |s: &str| Some(s.parse::<Published>().unwrap());
    assert_eq!(
        (e.first_seen, e.last_seen),
        (day("2016-11-17"), day("2016-11-21"))
    );
    let history: Vec<(EventStatus, &str)> = e
        .status_history
        .iter()
        .map(|s| (s.status, s.article.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            (EventStatus::Planned, "kcna"),
            (EventStatus::Happened, "kyodo")
        ]
    );
    assert_eq!(fusion.assignment("kremlin", 0), Some(e.id.clone()));
}

#[test]
fn a_later_report_that_sorts_first_renames_the_event() {
    let mut fusion = Fusion::new(Config::default());
    fusion.add(vec![obs("c ACCUSE X>Y 2016-11-09")]);
    let update = fusion.add(vec![obs("b ACCUSE X>- 2016-11-09")]);
    assert_eq!(fusion.len(), 1);
    assert_eq!(update.touched.len(), 1);
    assert_eq!(update.touched[0].article, "b");
    assert_eq!(update.retired.len(), 1);
    assert_eq!(update.retired[0].article, "c");
    assert_eq!(fusion.assignment("c", 0), Some(update.touched[0].clone()));
    // Adding an observation twice changes nothing.
    let again = fusion.add(vec![obs("b ACCUSE X>- 2016-11-09")]);
    assert!(again.touched.is_empty() && fusion.len() == 1);
}

#[test]
fn a_chain_of_partial_reports_does_not_make_one_event_of_two() {
    // "X accused" fits both "X accused Y" and "X accused Z", which do not fit each other.
    let mut fusion = Fusion::new(Config::default());
    fusion.add(vec![
        obs("a ACCUSE X>Y 2016-11-09"),
        obs("b ACCUSE X>Z 2016-11-09"),
        obs("h ACCUSE X>- 2016-11-09"),
    ]);
    assert_eq!(fusion.len(), 2);
    assert_eq!(fusion.assignment("h", 0), fusion.assignment("a", 0));
    for e in fusion.events() {
        assert!(e.recipients.len() <= 1, "{e:?}");
    }
}

#[test]
fn a_report_that_fits_two_events_joins_the_one_it_shares_most_with() {
    // "W and X accused" fits "X accused Y" and "W and X accused Z", which do not fit each
    // other; it names both accusers of the second.
    let mut fusion = Fusion::new(Config::default());
    fusion.add(vec![
        obs("a ACCUSE X>Y 2016-11-09"),
        obs("b ACCUSE W,X>Z 2016-11-09"),
        obs("h ACCUSE W,X>- 2016-11-09"),
    ]);
    assert_eq!(fusion.len(), 2);
    assert_eq!(fusion.assignment("h", 0), fusion.assignment("b", 0));
}

/// A small deterministic generator (no dependency on a random-number crate).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Many observations over few parties, types and days, so that components merge and chain.
fn crowd(rng: &mut Lcg) -> Vec<Observation> {
    let kinds = ["ACCUSE", "CONSULT", "ASSAULT"];
    let parties = ["P", "Q", "R", "S", "T"];
    let mut out = Vec::new();
    for article in 0..60 {
        // Whom the article is about, for its reports without parties.
        let mut cast: Vec<String> = (0..3).map(|_| parties[rng.next(5)].to_string()).collect();
        cast.sort();
        cast.dedup();
        for event in 0..3 {
            let mut pick = || -> String {
                let n = rng.next(3);
                let mut v: Vec<&str> = (0..n).map(|_| parties[rng.next(5)]).collect();
                v.sort();
                v.dedup();
                if v.is_empty() {
                    "-".into()
                } else {
                    v.join(",")
                }
            };
            let actors = pick();
            let recipients = pick();
            let kind = kinds[rng.next(3)];
            let date = match rng.next(4) {
                0 => "-".to_string(),
                1 => "2016-11".to_string(),
                _ => format!("2016-11-{:02}", 1 + rng.next(20)),
            };
            let mut o = obs(&format!(
                "a{article:02}#{event} {kind} {actors}>{recipients} {date}"
            ));
            o.status = [EventStatus::Happened, EventStatus::Planned][rng.next(2)];
            o.cast = cast.clone();
            o.published = Some(format!("2016-11-{:02}", 1 + rng.next(25)).parse().unwrap());
            out.push(o);
        }
    }
    out
}

fn fuse_in_batches(observations: Vec<Observation>, cuts: &[usize]) -> Vec<FusedEvent> {
    let mut fusion = Fusion::new(Config::default());
    let mut rest = observations;
    for &cut in cuts {
        let later = rest.split_off(cut.min(rest.len()));
        fusion.add(rest);
        rest = later;
    }
    fusion.add(rest);
    fusion.events()
}

#[test]
fn the_result_does_not_depend_on_order_or_batches() {
    let mut rng = Lcg(20161110);
    let all = crowd(&mut rng);
    let at_once = fuse_in_batches(all.clone(), &[]);
    // The crowd must actually fuse, or the comparison proves nothing.
    assert!(
        at_once.len() < all.len() * 9 / 10,
        "{} fused",
        at_once.len()
    );
    assert!(at_once.iter().any(|e| e.article_count >= 4));
    for round in 0..8 {
        let mut shuffled = all.clone();
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, rng.next(i + 1));
        }
        let cuts: Vec<usize> = (0..round).map(|_| rng.next(40) + 1).collect();
        let in_batches = fuse_in_batches(shuffled, &cuts);
        assert_eq!(
            in_batches, at_once,
            "round {round}, batches cut at {cuts:?}"
        );
    }
}

/// A town with coordinates.
fn town(key: &str, lat: f64, lon: f64) -> Place {
    Place {
        key: key.to_string(),
        country: Some("GBR".to_string()),
        geo: Some(tidings_doc::Geo {
            lat: Some(lat),
            lon: Some(lon),
            geonames_id: None,
        }),
    }
}

fn fused_count(observations: Vec<Observation>) -> usize {
    let mut fusion = Fusion::new(Config::default());
    fusion.add(observations);
    fusion.len()
}

#[test]
fn reports_without_parties_tell_of_the_town_their_article_is_set_in() {
    let central = town("geonames:10", 51.5085, -0.1257);
    let suburb = town("geonames:11", 51.3713, -0.1014); // 15 km south
    let far = town("geonames:12", 55.8642, -4.2518); // 550 km north
    let set_in = |d: &str, setting: &Place| {
        let mut o = obs(d);
        o.setting = Some(setting.clone());
        o
    };
    // Partyless attacks in articles set in the same town, or in towns 15 km apart, are one.
    let a = set_in("a ASSAULT - 2016-11-09", &central);
    let b = set_in("b ASSAULT - 2016-11-09", &suburb);
    assert_eq!(fused_count(vec![a.clone(), b.clone()]), 1);
    assert_eq!(
        fused_count(vec![a.clone(), set_in("b ASSAULT - 2016-11-09", &far)]),
        2
    );
    // Only for the located types: two partyless accusations are not one because of a town.
    assert_eq!(
        fused_count(vec![
            set_in("a ACCUSE - 2016-11-09", &central),
            set_in("b ACCUSE - 2016-11-09", &central),
        ]),
        2
    );
    // A report with its own parties is not moved to the article's town.
    assert_eq!(
        fused_count(vec![
            a.clone(),
            set_in("b ASSAULT X>Y 2016-11-09", &central)
        ]),
        2
    );
    // The date still counts.
    assert_eq!(
        fused_count(vec![a.clone(), set_in("b ASSAULT - 2016-10-01", &central)]),
        2
    );
    // Within one article, "seven were killed" and "dozens were injured" in the town it is set
    // in are one happening; two accusations between the same parties stay the record's business.
    let a2 = set_in("a#1 ASSAULT - 2016-11-09", &central);
    assert_eq!(fused_count(vec![a.clone(), a2, b]), 1);
    // A party that is a town anchors too.
    let mut c = obs("c ASSAULT X>- 2016-11-09");
    c.party_places = vec![suburb.clone()];
    let mut d = obs("d ASSAULT -  2016-11-09");
    d.place = Some(central.clone());
    assert_eq!(fused_count(vec![c, d]), 1);
}

#[test]
fn reports_without_parties_are_read_in_their_articles_cast() {
    let about = |d: &str, cast: &[&str]| {
        let mut o = obs(d);
        o.cast = cast.iter().map(|c| c.to_string()).collect();
        o.cast.sort();
        o
    };
    let probe = ["CLINTON", "COMEY", "FBI"];
    // "The probe found nothing new" in one article, "the FBI found nothing new" in another
    // about the same people: one happening.
    let a = about("a CONCEDE - 2016-11-07", &probe);
    let b = about("b CONCEDE FBI>- 2016-11-08", &["CLINTON", "FBI", "WEINER"]);
    assert_eq!(fused_count(vec![a.clone(), b.clone()]), 1);
    // Two such reports in articles about the same people, too.
    let c = about("c CONCEDE - 2016-11-08", &probe);
    assert_eq!(fused_count(vec![a.clone(), b.clone(), c.clone()]), 1);
    // Articles that share one actor only (a president) are about different things.
    let other = ["CLINTON", "GAGA", "TRUMP_TOWER"];
    assert_eq!(
        fused_count(vec![a.clone(), about("d CONCEDE - 2016-11-08", &other)]),
        2
    );
    assert_eq!(
        fused_count(vec![
            a.clone(),
            about("d CONCEDE CLINTON>- 2016-11-08", &other)
        ]),
        2
    );
    // The named report must name someone the other article is about.
    assert_eq!(
        fused_count(vec![
            a.clone(),
            about("e CONCEDE WEINER>- 2016-11-08", &probe)
        ]),
        2
    );
    // Type and date still count.
    assert_eq!(
        fused_count(vec![a.clone(), about("f ACCUSE - 2016-11-08", &probe)]),
        2
    );
    assert_eq!(
        fused_count(vec![a.clone(), about("g CONCEDE - 2016-10-01", &probe)]),
        2
    );
    // Without a cast, reports without parties stay apart as before.
    assert_eq!(
        fused_count(vec![
            obs("a CONCEDE - 2016-11-07"),
            obs("c CONCEDE - 2016-11-08")
        ]),
        2
    );
}
