//! Countries from the sentence around an actor: officials and organizations known by a role
//! but not by a country take the country their sentence names ("Iran has demanded ..., and
//! Deputy Foreign Minister Abbas Araghchi criticized ..."), and groups the country a
//! preposition ties to them ("officials in Guinea", "militias in Tripoli").

use crate::draft::{Draft, Evidence};
use crate::titles::country_in;
use crate::words::Word;
use tidings_doc::EntityType;
use tidings_kb::{normalize, Kb};

/// Actors known to hold a role (a title, or a sector from the dictionaries) but no country take
/// the country their sentence names, outside other titles: first the nearest before them, else
/// the nearest after. "Iran has since demanded that the envoy be replaced ..., and Deputy
/// Foreign Minister Abbas Araghchi criticized ..." makes Araghchi Iranian;
/// "Algeria's Islamic Salvation Front" makes the front Algerian.
pub fn countries_from_context(kb: &Kb, words: &[Word], drafts: &mut [Draft]) {
    let titles: Vec<std::ops::Range<usize>> = drafts
        .iter()
        .flat_map(|d| d.titles.iter().map(|t| t.words.clone()))
        .collect();
    for d in drafts.iter_mut() {
        if !matches!(d.kind, EntityType::Person | EntityType::Org) || d.country.is_some() {
            continue;
        }
        // International organizations and their officials serve no one country.
        if d.sector
            .as_ref()
            .is_some_and(|(s, _)| matches!(s.as_str(), "IGO" | "NGO" | "NGM"))
        {
            continue;
        }
        let anchor = match d.titles.iter().find(|t| t.role.is_some()) {
            Some(t) => t.words.clone(),
            // (an organization with a role: a group named before its noun, "the Umma party")
            None if d.sector.is_some() || d.kind == EntityType::Org && d.role.is_some() => {
                d.names[0].words.clone()
            }
            None => continue,
        };
        if let Some(iso3) = country_near(kb, words, anchor.clone(), &titles) {
            d.offer_country(&iso3, Evidence::Context);
        }
    }
    // Still without a country: the nearest actor before it in its sentence whose country the
    // text or the dictionaries give ("President Abdelaziz Bouteflika said he is prepared to
    // lift the ban on the Islamic Salvation Front").
    let known: Vec<(usize, usize, String)> = drafts
        .iter()
        .filter(|d| matches!(d.kind, EntityType::Person | EntityType::Org))
        .filter_map(|d| {
            d.country
                .as_ref()
                .filter(|(_, e)| *e <= Evidence::Dictionary)
                .map(|(c, _)| (d, c.clone()))
        })
        .flat_map(|(d, c)| {
            d.names
                .iter()
                .map(move |n| (words[n.words.start].sentence, n.words.start, c.clone()))
        })
        .collect();
    for d in drafts.iter_mut() {
        let international = d
            .sector
            .as_ref()
            .is_some_and(|(s, _)| matches!(s.as_str(), "IGO" | "NGO" | "NGM"));
        if d.kind != EntityType::Org || d.country.is_some() || d.sector.is_none() || international {
            continue;
        }
        let first = &d.names[0];
        let sentence = words[first.words.start].sentence;
        let nearest = known
            .iter()
            .filter(|(s, at, _)| *s == sentence && *at < first.words.start)
            .max_by_key(|(_, at, _)| *at);
        if let Some((_, _, iso3)) = nearest {
            d.offer_country(iso3, Evidence::Context);
        }
    }
}

fn country_near(
    kb: &Kb,
    words: &[Word],
    anchor: std::ops::Range<usize>,
    titles: &[std::ops::Range<usize>],
) -> Option<String> {
    let sentence = words[anchor.start].sentence;
    let usable = |k: usize| !titles.iter().any(|t| t.contains(&k)) && words[k].is_capitalized();
    let mut k = anchor.start;
    while k > 0 && words[k - 1].sentence == sentence {
        k -= 1;
        if !usable(k) {
            continue;
        }
        let from = k.saturating_sub(3);
        if let Some(c) = country_in(kb, words, from..k + 1).filter(|c| c.words.end == k + 1) {
            // A demonym qualifying other people or things ("compensation to British
            // nationals") says nothing of the official after it; a country named as a party
            // ("Iran has demanded") or qualifying a role does.
            let qualifies_other = words.get(k + 1).is_some_and(|w| {
                w.sentence == sentence
                    && !w.is_capitalized()
                    && w.is_title_word()
                    && kb.agent(&w.lower).is_none()
            }) && kb
                .country_by_name(&crate::words::phrase(words, c.words.clone()))
                .is_some_and(|country| {
                    kb.is_own_demonym(
                        country,
                        &normalize(&crate::words::phrase(words, c.words.clone())),
                    )
                });
            if !qualifies_other {
                return Some(c.iso3);
            }
        }
    }
    country_after(kb, words, anchor.end).or_else(|| country_later(kb, words, anchor.end, titles))
}

/// The first country later in the sentence that is not the object of a preposition that marks
/// the other side ("action against Russia", "talks with China").
fn country_later(
    kb: &Kb,
    words: &[Word],
    from: usize,
    titles: &[std::ops::Range<usize>],
) -> Option<String> {
    let sentence = words.get(from)?.sentence;
    let mut k = from;
    while k < words.len() && words[k].sentence == sentence {
        let usable = words[k].is_capitalized() && !titles.iter().any(|t| t.contains(&k));
        if usable {
            let to = (k + 4).min(words.len());
            if let Some(c) = country_in(kb, words, k..to).filter(|c| c.words.start == k) {
                let other_side = k > 0
                    && matches!(
                        words[k - 1].lower.as_ref(),
                        "against"
                            | "with"
                            | "to"
                            | "toward"
                            | "towards"
                            | "on"
                            | "at"
                            | "into"
                            | "versus"
                            | "by"
                            | "and"
                            | "than"
                    );
                if !other_side {
                    return Some(c.iso3);
                }
                k = c.words.end;
                continue;
            }
        }
        k += 1;
    }
    None
}

/// A country that a preposition ties to the words before `at`: "officials in Guinea",
/// "Ethnic Albanians in south Serbia", "the party of Algeria". Later countries in the sentence
/// are often the other side of the event ("threatened action against Russia"), so only these
/// count.
pub fn country_after(kb: &Kb, words: &[Word], at: usize) -> Option<String> {
    let sentence = words.get(at)?.sentence;
    if !matches!(
        words[at].lower.as_ref(),
        "in" | "of" | "from" | "throughout" | "across"
    ) {
        return None;
    }
    let mut k = at + 1;
    let limit = (at + 4).min(words.len());
    while k < limit && words[k].sentence == sentence {
        if words[k].is_capitalized() {
            let to = (k + 4).min(words.len());
            return country_in(kb, words, k..to)
                .filter(|c| c.words.start == k)
                .map(|c| c.iso3)
                .or_else(|| place_country(kb, words, k));
        }
        k += 1;
    }
    None
}

/// The country of the place named by word `k` ("militias in Tripoli"): of the places of that
/// name, the first whose country the sentence names elsewhere ("... the north Lebanese port"),
/// else the gazetteer's first.
fn place_country(kb: &Kb, words: &[Word], k: usize) -> Option<String> {
    let name = crate::words::phrase(words, k..(k + 1));
    let countries: Vec<String> = kb.places(&name).filter_map(|p| p.country.clone()).collect();
    let first = countries.first()?;
    if countries.iter().all(|c| c == first) {
        return Some(first.clone());
    }
    let sentence = words[k].sentence;
    let from = words.partition_point(|w| w.sentence < sentence);
    let to = words.partition_point(|w| w.sentence <= sentence);
    let named: Vec<String> = (from..to)
        .filter(|&j| j != k)
        .filter_map(|j| {
            let end = (j + 4).min(words.len());
            crate::titles::country_starting_at(kb, words, j, end).map(|c| c.iso3)
        })
        .collect();
    countries
        .iter()
        .find(|c| named.contains(c))
        .or(Some(first))
        .cloned()
}

/// A legislature named by its kind alone ("Congress", "Parliament", "the Senate"), still without
/// a country, is the one of the country every other actor and place of the article belongs
/// to: "a letter to members of Congress" in an article all of whose named actors are American.
/// Where the article names two countries, or only one mention does, it stays unknown.
pub fn legislatures_of_the_article(kb: &Kb, drafts: &mut [Draft]) {
    let context = crate::geo::context_countries(kb, drafts);
    let mut countries = context.iter();
    let (Some((iso3, &mentions)), None) = (countries.next(), countries.next()) else {
        return;
    };
    if mentions < 2 {
        return;
    }
    let iso3 = iso3.clone();
    for d in drafts.iter_mut() {
        if d.kind != EntityType::Org || d.country.is_some() || d.kb_id.is_some() {
            continue;
        }
        let legislature = d.names.iter().all(|n| {
            n.text.starts_with(char::is_uppercase)
                && kb
                    .agent(&n.text.to_lowercase())
                    .is_some_and(|a| a.sector.as_deref() == Some("LEG"))
        });
        if legislature {
            d.offer_country(&iso3, Evidence::Context);
            d.offer_sector("LEG", Evidence::Context);
        }
    }
}
