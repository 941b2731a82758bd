//! Actor coding: each person and organization gets a country (ISO3), a sector (GOV, MIL, MED,
//! ...), a role and a knowledge-base id, at the article's date.
//!
//! Evidence, strongest first (see [`Evidence`]): a title next to a name ("US President"),
//! the knowledge base entry of the name at the date (a sitting president is XXXGOV, the same
//! person out of office XXXELI), a country inside the name ("Russia Today").

use crate::draft::{Draft, Evidence};
use crate::titles::{self, country_in};
use crate::words::Word;
use chrono::NaiveDate;
use tidings_doc::EntityType;
use tidings_kb::{ActorRef, Kb};

/// Reads the titles around each name of persons and organizations.
pub fn read_titles(kb: &Kb, words: &[Word], drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        let need_role = match d.kind {
            EntityType::Person => true,
            EntityType::Org => false,
            _ => continue,
        };
        let mut found = Vec::new();
        for n in &d.names {
            found.extend(titles::before(kb, words, n.words.clone(), need_role));
            if d.kind == EntityType::Person {
                found.extend(titles::after(kb, words, n.words.clone()));
            }
        }
        for t in found {
            if let Some(c) = &t.country {
                d.offer_country(&c.iso3, Evidence::Title);
            }
            if let Some(s) = t.sector() {
                d.offer_sector(&s, Evidence::Title);
            }
            if d.role.is_none() {
                d.role = t.role.clone();
            }
            d.titles.push(t);
        }
        if d.kind == EntityType::Person && d.role.is_none() {
            // Read after the titles: a role noun the dictionaries know says more.
            d.role = d
                .names
                .iter()
                .find_map(|n| titles::role_after(kb, words, n.words.clone()));
        }
    }
}

/// Looks each person and organization up in the knowledge base at `date`.
pub fn code_actors(kb: &Kb, words: &[Word], drafts: &mut [Draft], date: NaiveDate) {
    for d in drafts.iter_mut() {
        if !matches!(
            d.kind,
            EntityType::Person | EntityType::Org | EntityType::Misc
        ) {
            continue;
        }
        if let Some(actor) = find_actor(kb, d, date) {
            let code = actor.code_at(date);
            d.kb_id = Some(actor.kb_id().to_string());
            // The dictionary's name where it says more than the text ("Scholz" → "Olaf Scholz").
            if actor.name().split_whitespace().count() > d.longest().word_count() {
                d.kb_name = Some(display_name(actor.name()));
            }
            if let Some(code) = code {
                // A regional code (`MEAREB`, `WAFREB`) says less than the country the text gives
                // ("Palestinian Islamic Jihad"): the code is then composed from that country.
                let international = matches!(code.sector.as_deref(), Some("IGO" | "NGO" | "NGM"))
                    || code.raw.starts_with("IMG");
                if code.country.is_some() || international {
                    d.code = Some(code.raw.clone());
                }
                if let Some(c) = &code.country {
                    d.offer_country(c, Evidence::Dictionary);
                }
                if let Some(s) = &code.sector {
                    d.offer_sector(s, Evidence::Dictionary);
                }
            }
        } else if d.kind == EntityType::Person && d.names.iter().all(|n| n.word_count() == 1) {
            // A surname alone ("President Bush"): the dictionaries' people of that surname, if
            // they are few and mostly of one country, give the country (not the identity).
            let key = &d.names[0].text;
            let candidates: Vec<ActorRef> = kb.actors_by_surname(key).take(9).collect();
            let countries: Vec<String> = candidates
                .iter()
                .filter_map(|a| {
                    a.actor()
                        .codes
                        .iter()
                        .find_map(|c| kb.split_code(&c.code).country)
                })
                .collect();
            // At least two thirds of them must agree: "Bush" is George H. W. or George W. Bush
            // (USA) more than McKeeva Bush (Cayman Islands).
            if candidates.len() <= 8 {
                let top = countries.iter().max_by_key(|c| {
                    (
                        countries.iter().filter(|x| x == c).count(),
                        std::cmp::Reverse(*c),
                    )
                });
                if let Some(top) = top {
                    let votes = countries.iter().filter(|c| *c == top).count();
                    if 3 * votes >= 2 * candidates.len() {
                        d.offer_country(top, Evidence::NameWord);
                    }
                }
            }
        } else if d.kind == EntityType::Org {
            // A metonym named as an organization: "the Kremlin", "the White House".
            if let Some(m) = d.names.iter().find_map(|n| kb.metonym(&n.text)) {
                d.offer_country(&m.country, Evidence::Dictionary);
                if let Some(s) = kb.split_code(&m.code).sector {
                    d.offer_sector(&s, Evidence::Dictionary);
                }
            } else if let Some(code) = international_prefix(kb, words, d.longest(), date) {
                // "United Nations Emergency Relief Coordinator": an office of an international
                // organization is coded as the organization.
                if let Some(s) = kb.split_code(&code).sector {
                    d.offer_sector(&s, Evidence::Dictionary);
                }
                d.code = Some(code);
            }
        }
        if d.kind == EntityType::Misc {
            // "Albanians in south Serbia": where a group lives is its country in CAMEO coding.
            let lives_in = d
                .names
                .iter()
                .find_map(|n| crate::context::country_after(kb, words, n.words.end));
            if let Some(iso3) = lives_in {
                d.offer_country(&iso3, Evidence::Title);
            } else if d
                .names
                .iter()
                .all(|n| titles::best_country(kb, &n.text).is_none())
            {
                // A people that names no country, before the noun it qualifies: "Druze
                // inhabitants of the Syrian Golan", "Karen villagers in Myanmar".
                let lives_in = d.names.iter().find_map(|n| {
                    let noun = words.get(n.words.end)?;
                    let plural_noun = noun.sentence == words[n.words.start].sentence
                        && !noun.is_capitalized()
                        && noun.upos.is_none_or(|t| t == "NOUN")
                        && noun.lower.ends_with('s');
                    plural_noun
                        .then(|| crate::context::country_after(kb, words, n.words.end + 1))
                        .flatten()
                });
                if let Some(iso3) = lives_in {
                    d.offer_country(&iso3, Evidence::Title);
                }
            }
        }
        if d.country.is_none() && d.code.is_none() && d.kb_id.is_none() {
            // A name that a group noun follows is the group's ("the Umma (Nation) party", "the
            // Kifaya group"), whatever the recognizer called it; the noun is its role, and its
            // country is read from the sentence later (`context::countries_from_context`).
            // (a word the agents list is a kind, not a name: "the Islamist movement")
            let named = d
                .names
                .iter()
                .filter(|n| kb.agent(&n.text.to_lowercase()).is_none())
                .find_map(|n| group_noun_after(words, n.words.end));
            if let Some(noun) = named {
                d.kind = EntityType::Org;
                d.role.get_or_insert_with(|| noun.to_string());
            }
        }
        if d.country.is_none() && matches!(d.kind, EntityType::Org | EntityType::Misc) {
            // A country inside the name: "Russia Today", "North Korean Central News Agency",
            // and demonyms standing alone ("Hungarian").
            // A short form says no more than the full name it closes ("Indians" for
            // "Cleveland Indians"): only the full name is read.
            let names = || d.names.iter().filter(|n| !closes_a_longer_name(d, n));
            let found = names().find_map(|n| {
                country_in(kb, words, n.words.clone())
                    .filter(|c| !named_after_a_people(kb, words, c, &n.words))
            });
            if let Some(c) = found {
                d.offer_country(&c.iso3, Evidence::NameWord);
            } else if let Some(iso3) =
                names().find_map(|n| crate::titles::best_country(kb, &n.text))
            {
                // "Palestinians": a plural demonym.
                d.offer_country(&iso3, Evidence::NameWord);
            }
        }
        let unknown = d.country.is_none() && d.code.is_none() && d.sector.is_none();
        let organization = matches!(d.kind, EntityType::Org | EntityType::Misc);
        if unknown && organization && d.names.iter().any(named_worldwide) {
            // "International Crisis Group", "Third World Water Forum": an organization the
            // dictionaries lack whose name claims the world, not a country, is coded NGO
            // (the intergovernmental ones are in the dictionaries).
            d.offer_sector("NGO", Evidence::NameWord);
            d.kind = EntityType::Org;
        }
    }
}

/// Words that make an organization's name claim the world rather than a country.
const WORLDWIDE: &[&str] = &["international", "world", "global", "transnational"];

/// Head nouns of the names of associations, as opposed to companies, teams or events.
const ASSOCIATION_HEADS: &[&str] = &[
    "forum",
    "federation",
    "association",
    "council",
    "committee",
    "network",
    "alliance",
    "coalition",
    "foundation",
    "institute",
    "society",
    "organization",
    "organisation",
    "group",
    "watch",
    "union",
    "league",
    "movement",
];

/// Whether an organization's name is a worldwide association's: a worldwide word and an
/// association's head noun ("World Water Forum"; not "World Series", "Global Times").
fn named_worldwide(name: &crate::draft::Name) -> bool {
    let words: Vec<&str> = name.key_words().collect();
    words.len() > 1
        && words.iter().any(|w| WORLDWIDE.contains(w))
        && words.last().is_some_and(|w| ASSOCIATION_HEADS.contains(w))
}

/// The code of an international organization (IGO, NGO) whose name opens a longer name of at
/// least one more word: the longest such opening of two words or more, at `date`. A country's
/// name opening an organization's ("Russia Today") is read elsewhere, as its country.
fn international_prefix(
    kb: &Kb,
    words: &[Word],
    name: &crate::draft::Name,
    date: NaiveDate,
) -> Option<String> {
    let range = name.words.clone();
    (2..range.len()).rev().find_map(|len| {
        let text = crate::words::phrase(words, range.start..range.start + len);
        kb.actors(&text).find_map(|a| {
            let code = a.code_at(date)?;
            let international = matches!(code.sector.as_deref(), Some("IGO" | "NGO"))
                || code.raw.starts_with("IGO")
                || code.raw.starts_with("NGO");
            (international && code.country.is_none()).then(|| code.raw.clone())
        })
    })
}

/// Nouns that make the name before them a group's name.
const GROUP_NOUNS: &[&str] = &[
    "party",
    "group",
    "movement",
    "front",
    "faction",
    "organization",
    "organisation",
    "militia",
    "coalition",
    "alliance",
    "bloc",
];

/// The group noun after a name, over a parenthesis that glosses it and up to two lowercase
/// modifiers: "Umma (Nation) party", "Kifaya (``Enough'') group", "Azadliq (Freedom) opposition
/// coalition" (also where the recognizer's name took the opening parenthesis).
fn group_noun_after<'w>(words: &'w [Word], end: usize) -> Option<&'w str> {
    let sentence = words.get(end)?.sentence;
    let mut at = end;
    if words[at].text == "(" {
        let close = (at + 1..(at + 8).min(words.len())).find(|&k| words[k].text == ")")?;
        at = close + 1;
    } else if words[at].text == ")" {
        at += 1;
    }
    for _ in 0..3 {
        let w = words.get(at).filter(|w| w.sentence == sentence)?;
        if w.is_capitalized() || !w.is_title_word() {
            return None;
        }
        if GROUP_NOUNS.contains(&w.lower.as_ref()) {
            return Some(w.text);
        }
        at += 1;
    }
    None
}

/// Whether a one-word name is the last word of a longer name of the same entity ("Indians",
/// "Cleveland Indians"; see `cluster`).
fn closes_a_longer_name(d: &Draft, name: &crate::draft::Name) -> bool {
    name.word_count() == 1
        && d.names
            .iter()
            .any(|m| m.word_count() > 1 && m.key_words().last() == Some(name.key.as_str()))
}

/// Whether the country word found in a name is a plural demonym ending a longer name: a team
/// or a group named after a people ("Cleveland Indians"), which is not that people's country.
/// A demonym that qualifies the name ("North Korean Central News Agency") or stands alone
/// ("Palestinians") still gives it.
fn named_after_a_people(
    kb: &Kb,
    words: &[Word],
    found: &titles::CountryWord,
    name: &std::ops::Range<usize>,
) -> bool {
    found.words.len() == 1
        && found.words.end == name.end
        && name.len() > 1
        // Found only through its singular ("Indians" → "Indian").
        && !words[found.words.start].may_start_country_name(kb)
}

/// The knowledge-base actor a draft names: its longest name first. A one-word person name is
/// looked up only when nothing longer is known and the dictionaries agree on one actor.
fn find_actor<'kb>(kb: &'kb Kb, d: &Draft, date: NaiveDate) -> Option<ActorRef<'kb>> {
    let mut names: Vec<&crate::draft::Name> = d.names.iter().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.word_count()));
    let longest = names[0].word_count();
    for n in names {
        let single = n.word_count() == 1;
        if single && (longest > 1 || d.kind == EntityType::Person && n.key.len() < 4) {
            continue;
        }
        let mut found: Vec<ActorRef<'kb>> = kb.actors(&n.text).collect();
        // A country's own entry is not a person or an organization.
        found.retain(|a| kb.country_by_name(a.name()).is_none());
        let mut ids: Vec<&str> = found.iter().map(|a| a.kb_id()).collect();
        ids.dedup();
        if single && d.kind == EntityType::Person && ids.len() != 1 {
            continue;
        }
        // Prefer an entry with a code on the date (the supplements come first).
        if let Some(a) = found
            .iter()
            .find(|a| a.code_at(date).is_some())
            .or(found.first())
        {
            return Some(*a);
        }
    }
    None
}

/// "ANGELA MERKEL" → "Angela Merkel"; "PARK WON-SOON" → "Park Won-soon".
pub fn display_name(dictionary_name: &str) -> String {
    let mut out = String::with_capacity(dictionary_name.len());
    let mut word_start = true;
    let mut after_hyphen = false;
    for c in dictionary_name.chars() {
        if c.is_alphabetic() {
            if word_start && !after_hyphen {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            word_start = false;
        } else {
            word_start = true;
            after_hyphen = c == '-';
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_names_read_as_names() {
        assert_eq!(display_name("OLAF SCHOLZ"), "Olaf Scholz");
        assert_eq!(display_name("PAK SOL-HUI"), "Pak Sol-hui");
        assert_eq!(display_name("RECEP TAYYIP ERDOGAN"), "Recep Tayyip Erdogan");
    }
}
