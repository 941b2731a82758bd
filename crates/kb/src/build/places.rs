//! Places and metonyms: cities, capitals, regions and features with their countries, and the
//! names that stand for a government ("the Kremlin", capitals).

use super::*;

/// Places in relevance order: countries, then GeoNames cities by population, then CountryInfo
/// cities that GeoNames lacks, regions and features. Returns the places, their index items and
/// how many capitals were found among the GeoNames cities.
pub(super) fn build_places(
    b: &Builder,
    cities: &[CityRecord],
) -> (Vec<Place>, Vec<(String, u32, bool)>, usize) {
    let mut places = Vec::new();
    let mut items = Vec::new();
    for (i, country) in b.countries.iter().enumerate() {
        for name in b.place_names_of(i) {
            items.push(item(&name, places.len()));
        }
        places.push(Place {
            name: country.name.clone(),
            kind: PlaceKind::Country,
            country: Some(country.iso3.clone()),
            lat: country.lat,
            lon: country.lon,
            geonames_id: None,
            population: None,
            admin1: None,
        });
    }

    let iso2: BTreeMap<&str, &str> = b
        .countries
        .iter()
        .map(|c| (c.iso2.as_str(), c.iso3.as_str()))
        .collect();
    // Capital names per country, from both sources.
    let mut capital_keys: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for country in &b.countries {
        for capital in &country.capitals {
            capital_keys
                .entry(country.iso3.clone())
                .or_default()
                .insert(normalize(capital));
        }
    }
    for (info, country) in &b.infos {
        if let Some(iso3) = b.info_country(info, *country) {
            for capital in &info.capitals {
                capital_keys
                    .entry(iso3.clone())
                    .or_default()
                    .insert(normalize(capital));
            }
        }
    }

    let mut order: Vec<&CityRecord> = cities.iter().collect();
    order.sort_by(|a, b| {
        b.population
            .cmp(&a.population)
            .then(a.geonames_id.cmp(&b.geonames_id))
    });
    let mut has_capital: BTreeSet<String> = BTreeSet::new();
    // (country, key) → the most populous city with that name, for CountryInfo names.
    let mut city_by_key: BTreeMap<(String, String), usize> = BTreeMap::new();
    for city in order {
        let id = places.len();
        let country = iso2.get(city.country.as_str()).map(|c| c.to_string());
        let keys: Vec<String> = std::iter::once(&city.name)
            .chain(&city.alternates)
            .map(|n| normalize(n))
            .collect();
        let mut kind = PlaceKind::City;
        if let Some(iso3) = &country {
            let is_capital = capital_keys
                .get(iso3)
                .is_some_and(|caps| keys.iter().any(|k| caps.contains(k)));
            if is_capital && has_capital.insert(iso3.clone()) {
                kind = PlaceKind::Capital;
            }
            for key in &keys {
                city_by_key.entry((iso3.clone(), key.clone())).or_insert(id);
            }
        }
        for name in std::iter::once(&city.name).chain(&city.alternates) {
            items.push(item(name, id));
        }
        places.push(Place {
            name: city.name.clone(),
            kind,
            country,
            lat: Some(city.lat),
            lon: Some(city.lon),
            geonames_id: Some(city.geonames_id),
            population: Some(city.population),
            admin1: (!city.admin1.is_empty()).then(|| city.admin1.clone()),
        });
    }
    let capitals_matched = has_capital.len();

    // CountryInfo places: cities join their GeoNames city when it exists.
    let mut seen: BTreeSet<(PlaceKind, String, String)> = BTreeSet::new();
    for pass in [PlaceKind::City, PlaceKind::Region, PlaceKind::Feature] {
        for (info, country) in &b.infos {
            let Some(iso3) = b.info_country(info, *country) else {
                continue;
            };
            let phrases: Vec<(&String, PlaceKind)> = match pass {
                PlaceKind::City => info
                    .capitals
                    .iter()
                    .map(|p| (p, PlaceKind::Capital))
                    .chain(info.cities.iter().map(|p| (p, PlaceKind::City)))
                    .collect(),
                PlaceKind::Region => info
                    .regions
                    .iter()
                    .map(|p| (p, PlaceKind::Region))
                    .collect(),
                _ => info
                    .features
                    .iter()
                    .map(|p| (p, PlaceKind::Feature))
                    .collect(),
            };
            for (phrase, kind) in phrases {
                let key = normalize(phrase);
                if key.is_empty() {
                    continue;
                }
                if pass == PlaceKind::City {
                    if let Some(&id) = city_by_key.get(&(iso3.clone(), key.clone())) {
                        items.push(item(phrase, id));
                        continue;
                    }
                }
                if !seen.insert((kind, iso3.clone(), key)) {
                    continue;
                }
                items.push(item(phrase, places.len()));
                places.push(Place {
                    name: display_phrase(phrase),
                    kind,
                    country: Some(iso3.clone()),
                    lat: None,
                    lon: None,
                    geonames_id: None,
                    population: None,
                    admin1: None,
                });
            }
        }
    }
    (places, items, capitals_matched)
}

/// Names that stand for a government: dictionary entries whose only code is an undated
/// `<country>GOV` (`KREMLIN_ [RUSGOV]`, `WHITE_HOUSE_ [USAGOV]`) and that are not people named
/// in CountryInfo (a leader may also carry a bare `GOV` code), then every capital.
pub(super) fn build_metonyms(
    b: &Builder,
    dictionary_actors: &[Actor],
) -> (Vec<Metonym>, Vec<(String, u32, bool)>) {
    let people: BTreeSet<String> = b
        .infos
        .iter()
        .flat_map(|(info, _)| info.leaders.iter().chain(&info.government))
        .flat_map(|p| p.names.iter().map(|n| normalize(n)))
        .collect();
    let mut metonyms = Vec::new();
    let mut items = Vec::new();
    for actor in dictionary_actors {
        let [code] = actor.codes.as_slice() else {
            continue;
        };
        if !code.is_default() || actor.names.iter().any(|n| people.contains(&normalize(n))) {
            continue;
        }
        let split = split(&code.code, |p| b.is_country(p));
        let Some(country) = split.country else {
            continue;
        };
        if split.sectors != ["GOV"] || code.code != format!("{country}GOV") {
            continue;
        }
        for name in &actor.names {
            items.push(item(name, metonyms.len()));
        }
        metonyms.push(Metonym {
            name: actor.name.clone(),
            country,
            code: code.code.clone(),
            source: actor.source.clone(),
        });
    }
    let mut seen = BTreeSet::new();
    let mut capitals: Vec<(String, String)> = Vec::new();
    for country in &b.countries {
        for capital in &country.capitals {
            capitals.push((country.iso3.clone(), capital.clone()));
        }
    }
    for (info, country) in &b.infos {
        if let Some(iso3) = b.info_country(info, *country) {
            for capital in &info.capitals {
                capitals.push((iso3.clone(), display_phrase(capital)));
            }
        }
    }
    for (iso3, capital) in capitals {
        let key = normalize(&capital);
        if key.is_empty() || !seen.insert((iso3.clone(), key)) {
            continue;
        }
        items.push(item(&capital, metonyms.len()));
        metonyms.push(Metonym {
            name: capital,
            code: format!("{iso3}GOV"),
            country: iso3,
            source: "capital".into(),
        });
    }
    (metonyms, items)
}
