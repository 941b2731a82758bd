//! Geocoding: each place gets a country and, where the gazetteer has them, coordinates and a
//! GeoNames id, chosen by the article's context.
//!
//! Candidates come from the knowledge base (countries, capitals, cities over 15,000 people,
//! regions and features). The context is the set of countries the article names, weighted by
//! how often, plus the outlet's country: "Paris" in an article about Texas is Paris, Texas.
//! A place the gazetteer lacks ("Lamma Island") takes the country of the nearest resolved place
//! in its sentence: a place inside another keeps both.

use crate::draft::{Draft, Evidence};
use std::collections::HashMap;
use tidings_doc::{EntityType, Geo};
use tidings_kb::{Kb, Place, PlaceKind};

/// The weight of a country named in the place's own sentence: more than the article naming it
/// (6 and up) and than a capital's lead over a city (1 for the kind, a few for population).
const SAME_SENTENCE: f64 = 8.0;

/// How many times each country is named or implied in the article.
pub fn context_countries(kb: &Kb, drafts: &[Draft]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (iso3, n) in drafts.iter().filter_map(|d| contribution(kb, d)) {
        *counts.entry(iso3).or_default() += n;
    }
    counts
}

/// The country one draft names or implies, and how often.
fn contribution(kb: &Kb, d: &Draft) -> Option<(String, usize)> {
    let iso3 = match d.kind {
        EntityType::Loc | EntityType::Misc => d
            .names
            .iter()
            .find_map(|n| crate::titles::best_country(kb, &n.text)),
        _ => d.country().map(str::to_string),
    }?;
    Some((iso3, d.names.len().max(1)))
}

/// Resolves every place draft. `outlet_country` is the ISO3 of the outlet's home, if known.
/// `sentence_of` gives the sentence of a character offset.
pub fn geocode(
    kb: &Kb,
    drafts: &mut [Draft],
    outlet_country: Option<&str>,
    sentence_of: impl Fn(usize) -> Option<usize>,
) {
    let context = context_countries(kb, drafts);
    // The countries each sentence names, by the draft that names them: a place follows the
    // country its own sentence names ("Tripoli ..., the north Lebanese port") over the one
    // that its name alone suggests (the capital of Libya).
    let mut by_sentence: Vec<(usize, usize, String)> = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        if let Some((iso3, _)) = contribution(kb, d) {
            for n in &d.names {
                if let Some(s) = sentence_of(n.span.start) {
                    by_sentence.push((s, i, iso3.clone()));
                }
            }
        }
    }
    for (i, d) in drafts.iter_mut().enumerate() {
        if d.kind != EntityType::Loc {
            continue;
        }
        let sentences: Vec<usize> = d
            .names
            .iter()
            .filter_map(|n| sentence_of(n.span.start))
            .collect();
        let near: Vec<&str> = by_sentence
            .iter()
            .filter(|(s, j, _)| *j != i && sentences.contains(s))
            .map(|(_, _, c)| c.as_str())
            .collect();
        let mut best: Option<(f64, &Place)> = None;
        let mut names: Vec<&str> = d.names.iter().map(|n| n.text.as_str()).collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        names.dedup();
        for name in names {
            for place in kb.places(name) {
                let mut score = score(place, name, &context, outlet_country);
                if place.country.as_deref().is_some_and(|c| near.contains(&c)) {
                    score += SAME_SENTENCE;
                }
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, place));
                }
            }
        }
        let Some((_, place)) = best else {
            // Not in the gazetteer: a country's other name in the dictionaries ("Bosnia"), or
            // a part of a country named by a compass word ("South Lebanon", "West Darfur").
            let coded = d.names.iter().find_map(|n| {
                crate::titles::best_country(kb, &n.text).or_else(|| {
                    let rest = strip_compass(&n.text)?;
                    crate::titles::best_country(kb, rest)
                        .or_else(|| kb.places(rest).next().and_then(|p| p.country.clone()))
                })
            });
            if let Some(iso3) = coded {
                d.offer_country(&iso3, Evidence::Dictionary);
                if let Some(c) = kb.country(&iso3) {
                    d.geo = Some(Geo {
                        lat: c.lat,
                        lon: c.lon,
                        geonames_id: None,
                    });
                    d.kb_name = Some(c.name.clone());
                    d.kb_id = Some(format!("country:{iso3}"));
                }
            }
            continue;
        };
        if let Some(c) = &place.country {
            d.offer_country(c, Evidence::Dictionary);
        }
        d.geo = Some(Geo {
            lat: place.lat,
            lon: place.lon,
            geonames_id: place.geonames_id,
        });
        if place.kind == PlaceKind::Country {
            d.kb_name = Some(place.name.clone());
            d.kb_id = place.country.as_ref().map(|c| format!("country:{c}"));
        } else if let Some(id) = place.geonames_id {
            d.kb_id = Some(format!("geonames:{id}"));
        }
    }
}

fn score(
    place: &Place,
    query: &str,
    context: &HashMap<String, usize>,
    outlet_country: Option<&str>,
) -> f64 {
    let kind = match place.kind {
        PlaceKind::Country => 100.0,
        PlaceKind::Capital => 4.0,
        PlaceKind::City => 3.0,
        PlaceKind::Region | PlaceKind::Feature => 2.0,
    };
    let named = place
        .country
        .as_ref()
        .and_then(|c| context.get(c))
        .map_or(0.0, |&n| 6.0 + 2.0 * (n as f64).ln());
    let outlet = match (&place.country, outlet_country) {
        (Some(c), Some(o)) if c == o => 3.0,
        _ => 0.0,
    };
    let population = place.population.map_or(0.0, |p| (p.max(1) as f64).log10());
    // The place's own name, not one of its alternate names: "Guinea" is Guinea.
    let own_name = if tidings_kb::normalize(&place.name) == tidings_kb::normalize(query) {
        5.0
    } else {
        0.0
    };
    kind + named + outlet + population + own_name
}

/// Places the gazetteer lacks take the country of the nearest resolved place in their
/// sentence ("to meet the mayor on Lamma Island", after "travel to Hong Kong").
pub fn inherit_from_neighbours(drafts: &mut [Draft], sentence_of: impl Fn(usize) -> Option<usize>) {
    let resolved: Vec<(usize, usize, String)> = drafts
        .iter()
        .filter(|d| d.kind == EntityType::Loc && d.geo.is_some())
        .flat_map(|d| {
            let country = d.country().map(str::to_string);
            d.names
                .iter()
                .filter_map(move |n| Some((n.span.start, n.span.end, country.clone()?)))
        })
        .collect();
    for d in drafts
        .iter_mut()
        .filter(|d| d.kind == EntityType::Loc && d.country.is_none() && looks_like_place(d))
    {
        let mut best: Option<(usize, String)> = None;
        for n in &d.names {
            let Some(s) = sentence_of(n.span.start) else {
                continue;
            };
            for (start, end, country) in &resolved {
                if sentence_of(*start) != Some(s) {
                    continue;
                }
                let distance = if *end <= n.span.start {
                    n.span.start - end
                } else {
                    start.saturating_sub(n.span.end)
                };
                if best.as_ref().is_none_or(|(b, _)| distance < *b) {
                    best = Some((distance, country.clone()));
                }
            }
        }
        if let Some((_, country)) = best {
            d.offer_country(&country, Evidence::Context);
        }
    }
}

/// Places that neither the gazetteer nor their sentence resolve take the article's dominant
/// country ("Marina Bay" in a report on Singapore), if it has one and the name is clearly a place.
pub fn inherit_from_article(kb: &Kb, drafts: &mut [Draft]) {
    let context = context_countries(kb, drafts);
    let Some(dominant) = dominant_country(&context) else {
        return;
    };
    for d in drafts
        .iter_mut()
        .filter(|d| d.kind == EntityType::Loc && d.country.is_none() && looks_like_place(d))
    {
        d.offer_country(&dominant, Evidence::Context);
    }
}

/// Words that make a name a place whatever the gazetteer knows: "Lamma Island", "Orinoco River",
/// "Mount Kenya". A name the recognizer calls a place without such a word ("Facebook",
/// "Brexit") may be a misreading, so it inherits no country from its neighbours.
const PLACE_WORDS: &[&str] = &[
    "island",
    "islands",
    "isle",
    "river",
    "lake",
    "sea",
    "bay",
    "gulf",
    "strait",
    "straits",
    "peninsula",
    "coast",
    "mountain",
    "mountains",
    "mount",
    "mt",
    "hill",
    "hills",
    "valley",
    "desert",
    "canal",
    "cape",
    "port",
    "fort",
    "province",
    "region",
    "district",
    "county",
    "state",
    "city",
    "town",
    "village",
    "square",
    "street",
    "avenue",
    "road",
    "park",
    "airport",
    "airbase",
    "base",
    "camp",
    "border",
    "crossing",
    "bridge",
    "station",
    "harbour",
    "harbor",
    "plateau",
    "basin",
    "delta",
    "heights",
    "oblast",
    "prefecture",
    "governorate",
    "territory",
];

/// The name without a leading compass word: "South Lebanon" → "Lebanon".
fn strip_compass(name: &str) -> Option<&str> {
    let (first, rest) = name.split_once(' ')?;
    let compass = [
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
        "upper", "lower",
    ];
    compass
        .contains(&first.to_lowercase().as_str())
        .then_some(rest)
}

fn looks_like_place(d: &Draft) -> bool {
    d.names
        .iter()
        .any(|n| n.key.split(' ').any(|w| PLACE_WORDS.contains(&w)))
}

/// Merges place drafts that resolved to the same country or the same GeoNames place ("US",
/// "United States").
pub fn merge_same_places(drafts: Vec<Draft>) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts {
        let same = out.iter().position(|o| {
            o.kind == EntityType::Loc
                && d.kind == EntityType::Loc
                && o.kb_id.is_some()
                && o.kb_id == d.kb_id
        });
        match same {
            Some(i) => {
                let o = &mut out[i];
                o.names.extend(d.names);
                o.names.sort_by_key(|n| n.span.start);
            }
            None => out.push(d),
        }
    }
    out
}

/// The country of a place phrase that is not among the Doc's entities ("Afghan City of
/// Mazar-i-Sharif", "Interlagos"), read in the article's context: the longest capitalized
/// part the gazetteer or the country names know, scored as entity places are; failing that, the
/// article's dominant country when the phrase names nothing the gazetteer knows.
pub fn resolve_phrase(kb: &Kb, doc: &tidings_doc::Doc, phrase: &str) -> Option<String> {
    let mut context: HashMap<String, usize> = HashMap::new();
    // Places and nationalities make the context of a place; people's countries do not (a race
    // in Brazil is full of British and Dutch drivers).
    for e in doc
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityType::Loc | EntityType::Misc))
    {
        if let Some(c) = &e.country {
            *context.entry(c.clone()).or_default() += e.mentions.len().max(1);
        }
    }
    let parts: Vec<&str> = phrase
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    for len in (1..=parts.len().min(4)).rev() {
        // Rightmost first: in "the consulate in Afghanistan" the place comes last.
        for start in (0..=parts.len() - len).rev() {
            let candidate = parts[start..start + len].join(" ");
            if !candidate.starts_with(char::is_uppercase) {
                continue;
            }
            let best = kb
                .places(&candidate)
                .map(|p| (score(p, &candidate, &context, None), p))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((_, place)) = best {
                return place.country.clone();
            }
            if let Some(iso3) = crate::titles::best_country(kb, &candidate) {
                return Some(iso3);
            }
        }
    }
    dominant_country(&context)
}

/// The country an article is mostly about: named at least twice, and at least twice as often
/// as any other.
pub fn dominant_country(context: &HashMap<String, usize>) -> Option<String> {
    let mut counts: Vec<(&String, &usize)> = context.iter().collect();
    counts.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    match counts.as_slice() {
        [(c, &n)] if n >= 2 => Some((*c).clone()),
        [(c, &n), (_, &m), ..] if n >= 2 && n >= 2 * m => Some((*c).clone()),
        _ => None,
    }
}
