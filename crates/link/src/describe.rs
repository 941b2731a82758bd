//! Descriptions and nominal actors: "the North Korean leader", "the Russian President",
//! "Hungarian officials", "Iraqi police".
//!
//! A singular role with a country ("the Russian President") refers to a person: the most
//! salient person of that country, else the most salient person whose country is still unknown
//! (who then takes the description's country). A plural or collective role ("officials",
//! "government", "police") names a group actor of its own, coded from its words.

use crate::draft::{Draft, Evidence, Name};
use crate::titles::agent_in;
use crate::words::{phrase, Word};
use tidings_doc::{EntityType, Span};
use tidings_kb::{normalize, Kb};

/// Role nouns that name a body rather than a person, even in the singular.
const COLLECTIVE: &[&str] = &[
    "government",
    "administration",
    "authorities",
    "police",
    "army",
    "military",
    "navy",
    "forces",
    "ministry",
    "parliament",
    "cabinet",
    "council",
    "regime",
    "opposition",
    "media",
    "press",
    "public",
    "people",
    "delegation",
    "embassy",
    "consulate",
    "mission",
    "junta",
    "court",
    "commission",
    "committee",
    "party",
    "agency",
    "company",
    "side",
    "state",
    "troops",
    "leadership",
];

/// A description found in the text.
#[derive(Debug, Clone)]
struct Description {
    span: Span,
    words: std::ops::Range<usize>,
    country: Option<crate::titles::CountryWord>,
    role: String,
    sector: Option<String>,
    person: bool,
}

/// Finds descriptions outside names and titles, resolves the singular ones to persons and adds
/// the plural and collective ones as group actors.
///
/// `reserved` are the word ranges that user dictionaries name (see [`crate::user`]).
pub fn resolve(
    kb: &Kb,
    words: &[Word],
    drafts: &mut Vec<Draft>,
    reserved: &[std::ops::Range<usize>],
) {
    // Demonyms (MISC) may stand inside a description ("the Russian President"), and so may
    // places: a possessive country or capital names whose body follows ("Sudan's government"
    // is the Sudanese government, "Cairo's security chief" an Egyptian official).
    // A place a user dictionary names stays for the user step, which codes the words around it
    // by the user's entries.
    let overlaps =
        |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| a.start < b.end && b.start < a.end;
    let taken: Vec<std::ops::Range<usize>> = drafts
        .iter()
        .filter(|d| d.kind != EntityType::Misc)
        .flat_map(|d| {
            d.names
                .iter()
                .filter(|n| {
                    d.kind != EntityType::Loc || reserved.iter().any(|r| overlaps(r, &n.words))
                })
                .map(|n| n.words.clone())
                .chain(d.titles.iter().map(|t| t.words.clone()))
        })
        .collect();
    let inside_taken =
        |r: &std::ops::Range<usize>| taken.iter().any(|t| r.start < t.end && t.start < r.end);
    let places: Vec<std::ops::Range<usize>> = drafts
        .iter()
        .filter(|d| d.kind == EntityType::Loc)
        .flat_map(|d| d.names.iter().map(|n| n.words.clone()))
        .collect();
    // After a place's name a capitalized role word may continue a proper name ("Wellington
    // Barracks", which the place's own name may already cover); a possessive ("Sudan's Foreign Ministry") or a lowercase role ("Sudan's
    // government", "the Cairo police") does not.
    let names_on = |desc: &Description| {
        places.iter().any(|p| {
            let capitalized_after = words
                .get(p.end)
                .is_some_and(|w| w.is_capitalized() && !matches!(w.lower.as_ref(), "'s" | "’s"));
            p.start < desc.words.end
                && desc.words.start < p.end
                && (p.end >= desc.words.end || capitalized_after)
        })
    };
    for desc in find(kb, words) {
        if inside_taken(&desc.words) || names_on(&desc) {
            continue;
        }
        if desc.person && desc.country.is_none() {
            // "The President said": without a country only the one holder of the title can be
            // meant; with two, or none, the description stays unlinked.
            if let Some(i) = sole_holder(drafts, &desc) {
                let d = &mut drafts[i];
                d.others.push(desc.span);
                if let Some(s) = &desc.sector {
                    d.offer_sector(s, Evidence::Description);
                }
            }
            continue;
        }
        if desc.person {
            if let Some(i) = person_for(drafts, &desc) {
                let d = &mut drafts[i];
                d.others.push(desc.span);
                if let Some(c) = &desc.country {
                    d.offer_country(&c.iso3, Evidence::Description);
                }
                if let Some(s) = &desc.sector {
                    d.offer_sector(s, Evidence::Description);
                }
                if d.role.is_none() {
                    d.role = Some(desc.role.clone());
                }
                continue;
            }
        } else if desc.country.is_none() && desc.sector.as_deref() != Some("NGO") {
            // A bare "officials" or "police" names no one in particular (but "a human rights
            // group" is a non-governmental actor wherever it works).
            continue;
        }
        add_group(drafts, kb, words, &desc);
    }
}

fn find(kb: &Kb, words: &[Word]) -> Vec<Description> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let determiner = matches!(words[i].lower.as_ref(), "the");
        let start = if determiner { i + 1 } else { i };
        let found = description_at(kb, words, start, determiner)
            .or_else(|| {
                matches!(words[i].lower.as_ref(), "a" | "an" | "the")
                    .then(|| civil_group_at(kb, words, i + 1))
                    .flatten()
            })
            .or_else(|| {
                determiner
                    .then(|| bare_title_at(kb, words, start))
                    .flatten()
            });
        let Some(desc) = found else {
            i += 1;
            continue;
        };
        let desc = Description {
            span: Span::new(words[i].span.start, desc.span.end),
            words: i..desc.words.end,
            ..desc
        };
        i = desc.words.end;
        out.push(desc);
    }
    out
}

/// Whether the words at `at` are "-led" written against the word before: "Vietnamese-led".
fn led_by(words: &[Word], at: usize) -> bool {
    let (Some(dash), Some(led)) = (words.get(at), words.get(at + 1)) else {
        return false;
    };
    at > 0
        && matches!(dash.text, "-" | "‐" | "‑")
        && led.lower == "led"
        && words[at - 1].span.end == dash.span.start
        && dash.span.end == led.span.start
}

/// Nouns that say whom a group serves rather than what it is: "Israel's militia ally".
const RELATIONAL: &[&str] = &["ally", "allies", "proxy", "proxies", "client", "clients"];

/// Nouns that make a civil-society role phrase an organization: "a human rights group".
const ORGANIZATION_NOUNS: &[&str] = &[
    "group",
    "groups",
    "organization",
    "organisation",
    "organizations",
    "organisations",
    "society",
    "charity",
    "watchdog",
];

/// A civil-society organization named by its role alone, after an article: "a human rights
/// group", "the aid group". CAMEO codes such an actor NGO when the text gives no country.
fn civil_group_at(kb: &Kb, words: &[Word], start: usize) -> Option<Description> {
    let sentence = words.get(start)?.sentence;
    let end = (start..(start + 4).min(words.len()))
        .take_while(|&k| {
            words[k].sentence == sentence && words[k].is_title_word() && !words[k].is_capitalized()
        })
        .last()?
        + 1;
    let (agent, agent_words) = agent_in(kb, words, start..end)?;
    let head = &words[agent_words.end - 1];
    let civil = agent
        .sector
        .as_deref()
        .is_some_and(|s| s.starts_with("NGO") || s == "HRI");
    if agent_words.start != start || !civil || !ORGANIZATION_NOUNS.contains(&head.lower.as_ref()) {
        return None;
    }
    Some(Description {
        span: Span::new(words[start].span.start, head.span.end),
        words: start..agent_words.end,
        country: None,
        role: phrase(words, agent_words),
        sector: Some("NGO".to_string()),
        person: false,
    })
}

/// A country phrase (optionally with a possessive 's) followed by a role phrase, at `start`.
fn description_at(kb: &Kb, words: &[Word], start: usize, determiner: bool) -> Option<Description> {
    let sentence = words.get(start)?.sentence;
    if !words[start].is_capitalized() {
        return None;
    }
    let limit = (start + 4).min(words.len());
    let country = crate::titles::country_starting_at(kb, words, start, limit)?;
    let mut role_start = country.words.end;
    if words
        .get(role_start)
        .is_some_and(|w| matches!(w.lower.as_ref(), "'s" | "’s"))
    {
        role_start += 1;
    } else if led_by(words, role_start) {
        // "Vietnamese-led forces" are the leader's: coded as its country. (Whom a country
        // backs, "Syrian-backed militia", is not that country's.)
        role_start += 2;
    } else if role_start > 0 && led_by(words, role_start - 1) {
        // (the country's words took the hyphen)
        role_start += 1;
    }
    let role_end = title_words_end(words, role_start, sentence)?;
    let (agent, agent_words) = agent_in(kb, words, role_start..role_end)?;
    // The role must end the phrase: "the Russian President" but not "the Russian President
    // Jane Roe" (a title, read with the name) nor "the Russian president's office".
    let end = agent_words.end;
    if agent_words.start != role_start {
        return None;
    }
    if let Some(next) = words.get(end) {
        if next.sentence == sentence
            && (next.is_capitalized() && !next.is_punct()
                || matches!(next.lower.as_ref(), "'s" | "’s"))
        {
            return None;
        }
    }
    let head = &words[end - 1];
    let person = determiner && !is_plural(head) && !COLLECTIVE.contains(&head.lower.as_ref());
    Some(Description {
        span: Span::new(words[start].span.start, words[end - 1].span.end),
        words: start..end,
        role: phrase(words, role_start..end),
        sector: country.sector.clone().or_else(|| agent.sector.clone()),
        country: Some(country),
        person,
    })
}

/// The end of the title words (at most three, in `sentence`) from `start`: where a role can
/// be read.
fn title_words_end(words: &[Word], start: usize, sentence: usize) -> Option<usize> {
    let limit = (start + 3).min(words.len());
    let last = (start..limit)
        .take_while(|&k| words[k].sentence == sentence && words[k].is_title_word())
        .last()?;
    Some(last + 1)
}

/// Whether a role noun is plural by its ending ("ministers", not "boss").
fn is_plural(head: &Word) -> bool {
    head.lower.ends_with('s') && !head.lower.ends_with("ss")
}

/// A definite title without a country: "the President", "the minister", "the spokesman" (the
/// determiner before `start`). Only a singular role noun for a person, which ends the phrase:
/// "the President Jane Roe" is a title read with the name, "the President of Ruritania" names
/// another country's, "the president's office" no person.
fn bare_title_at(kb: &Kb, words: &[Word], start: usize) -> Option<Description> {
    let sentence = words.get(start)?.sentence;
    let end = title_words_end(words, start, sentence)?;
    let (agent, agent_words) = agent_in(kb, words, start..end)?;
    if agent_words.start != start {
        return None;
    }
    let end = agent_words.end;
    if let Some(next) = words.get(end).filter(|w| w.sentence == sentence) {
        let goes_on = next.is_capitalized() && !next.is_punct()
            || matches!(next.lower.as_ref(), "'s" | "’s" | "of" | "-" | "elect");
        if goes_on {
            return None;
        }
    }
    let head = &words[end - 1];
    if is_plural(head) || COLLECTIVE.contains(&head.lower.as_ref()) {
        return None;
    }
    Some(Description {
        span: Span::new(words[start].span.start, head.span.end),
        words: start..end,
        country: None,
        role: phrase(words, start..end),
        sector: agent.sector.clone(),
        person: true,
    })
}

/// Whether a person's known role is the title itself, at full rank: "Foreign Minister" holds
/// "the minister", "Vice President" and "President-elect" do not hold "the President".
fn holds_title(title: &str, person_role: &str) -> bool {
    let (t, p) = (normalize(title), normalize(person_role));
    let lower_rank = p
        .split([' ', '-'])
        .any(|w| matches!(w, "vice" | "deputy" | "former" | "acting" | "elect" | "ex"));
    !lower_rank && (p == t || p.ends_with(&format!(" {t}")))
}

/// The one person named before a country-less title whose role is that title, if only one is.
fn sole_holder(drafts: &[Draft], desc: &Description) -> Option<usize> {
    let mut holders = drafts.iter().enumerate().filter(|(_, d)| {
        d.kind == EntityType::Person
            && d.first_start() < desc.span.start
            && d.role
                .as_deref()
                .is_some_and(|r| holds_title(&desc.role, r))
    });
    let (i, _) = holders.next()?;
    holders.next().is_none().then_some(i)
}

/// Roles that name the head of a state or government: a "leader" is not a vice-chair.
const TOP_ROLES: &[&str] = &[
    "leader",
    "president",
    "prime minister",
    "premier",
    "head of state",
    "head of government",
    "king",
    "queen",
    "chancellor",
    "supreme leader",
    "emir",
    "sultan",
    "monarch",
    "ruler",
    "dictator",
    "strongman",
];

/// Whether a person's known role fits a description's role.
fn role_fits(description_role: &str, person_role: Option<&str>) -> bool {
    let Some(person_role) = person_role else {
        return true;
    };
    let (d, p) = (normalize(description_role), normalize(person_role));
    let top = |r: &str| {
        TOP_ROLES
            .iter()
            .any(|t| r == *t || r.ends_with(&format!(" {t}")))
    };
    let lower_rank = |r: &str| {
        r.split(' ')
            .any(|w| matches!(w, "vice" | "deputy" | "former" | "acting"))
    };
    if top(&d) {
        return top(&p) && !lower_rank(&p);
    }
    d.split(' ').next_back() == p.split(' ').next_back() || p.contains(&d) || d.contains(&p)
}

/// The person a singular description refers to.
fn person_for(drafts: &[Draft], desc: &Description) -> Option<usize> {
    let country = desc.country.as_ref().map(|c| c.iso3.as_str());
    let persons = || {
        drafts.iter().enumerate().filter(|(_, d)| {
            d.kind == EntityType::Person && role_fits(&desc.role, d.role.as_deref())
        })
    };
    let pick = |same_country: bool| {
        persons()
            .filter(|(_, d)| {
                if same_country {
                    d.country().is_some() && d.country() == country
                } else {
                    d.country().is_none()
                }
            })
            .max_by_key(|(_, d)| {
                (
                    d.first_start() < desc.span.start,
                    d.salience(),
                    std::cmp::Reverse(d.first_start()),
                )
            })
            .map(|(i, _)| i)
    };
    pick(true).or_else(|| pick(false))
}

/// Sectors of a state's own bodies: its government, armed forces and spies, which a
/// nationality word assigns to that state wherever they are.
const STATE_BODIES: &[&str] = &["GOV", "MIL", "SPY"];

/// Adds a group actor ("Hungarian officials"), or a mention of one already added.
fn add_group(drafts: &mut Vec<Draft>, kb: &Kb, words: &[Word], desc: &Description) {
    let text = phrase(words, desc.words.clone());
    let key = normalize(&text);
    // Where a group lives names its country, more than its origin: "Ethnic Albanians in south
    // Serbia" are coded as Serbian actors.
    // "Israel's militia ally in southern Lebanon": the possessive names whom the group serves;
    // the group is of the place it is in.
    let serves_another = words
        .get(desc.words.end)
        .is_some_and(|w| RELATIONAL.contains(&w.lower.as_ref()));
    // A state's own body abroad is still that state's: "a German consulate in Afghanistan",
    // "US troops in Syria" (CAMEO codes them DEUGOV and USAMIL).
    let state_body_abroad = desc
        .sector
        .as_deref()
        .is_some_and(|s| STATE_BODIES.iter().any(|b| s.starts_with(b)));
    let own_country = desc.country.as_ref().map(|c| c.iso3.clone());
    let iso3 = state_body_abroad
        .then(|| own_country.clone())
        .flatten()
        .or_else(|| {
            serves_another
                .then(|| crate::context::country_after(kb, words, desc.words.end + 1))
                .flatten()
        })
        .or_else(|| crate::context::country_after(kb, words, desc.words.end))
        .or(own_country);
    let role_key = normalize(&desc.role);
    let existing = drafts.iter().position(|d| {
        d.kind == EntityType::Org
            && d.kb_id.is_none()
            && d.country().map(str::to_string) == iso3
            && d.role.as_deref().map(normalize) == Some(role_key.clone())
    });
    let name = Name {
        span: desc.span,
        words: desc.words.clone(),
        text,
        key,
    };
    match existing {
        Some(i) => drafts[i].names.push(name),
        None => {
            let mut d = Draft::new(EntityType::Org, name);
            if let Some(c) = &iso3 {
                d.offer_country(c, Evidence::Title);
            }
            if let Some(s) = &desc.sector {
                d.offer_sector(s, Evidence::Title);
            }
            d.role = Some(desc.role.clone());
            drafts.push(d);
        }
    }
}
