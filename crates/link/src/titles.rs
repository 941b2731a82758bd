//! Titles and premodifiers around a name: "US Secretary of State Mike Pompeo", "White House
//! spokeswoman Jen Psaki", "the French daily Le Monde", "Psaki, the White House spokeswoman,".
//!
//! A title says what role a person holds, and often which country they serve. Both are read
//! from the knowledge base: the role from the agents dictionary, the country from country names,
//! demonyms and metonyms ("Kremlin" → the Russian government).

use crate::words::{lower_phrase, phrase, Word};
use std::ops::Range;
use tidings_doc::Span;
use tidings_kb::Kb;

/// A country named inside a phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryWord {
    pub iso3: String,
    /// The sector the words imply: GOV for a metonym such as "Kremlin" or "White House".
    pub sector: Option<String>,
    pub words: Range<usize>,
}

/// A title or premodifier found next to a name.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    pub words: Range<usize>,
    pub span: Span,
    /// The role as written, without the country words: "Secretary of State", "spokesman".
    pub role: Option<String>,
    /// The agent code's main sector: GOV, MED, MIL, ...
    pub role_sector: Option<String>,
    pub country: Option<CountryWord>,
}

impl Title {
    /// The sector the title implies: a metonym's government beats the role noun's own code
    /// ("Kremlin spokesman" serves the government, although "spokesman" alone codes as MED).
    pub fn sector(&self) -> Option<String> {
        self.country
            .as_ref()
            .and_then(|c| c.sector.clone())
            .or_else(|| self.role_sector.clone())
    }
}

/// Longest phrases looked up as one name.
const MAX_WORDS: usize = crate::words::MAX_PHRASE;

/// The longest country name, demonym or metonym inside `range`, leftmost first. Only phrases
/// that start with a capital letter count: "us" and "chair" are not countries.
pub fn country_in(kb: &Kb, words: &[Word], range: Range<usize>) -> Option<CountryWord> {
    for len in (1..=MAX_WORDS.min(range.len())).rev() {
        for start in range.start..=range.end - len {
            if !words[start].is_capitalized() {
                continue;
            }
            if let Some(found) = country_of_phrase(kb, words, start..start + len) {
                return Some(found);
            }
        }
    }
    None
}

/// The longest country name, demonym or metonym that starts at word `start` and ends before
/// `limit`: the same answer as [`country_in`] restricted to phrases starting there, with a
/// fraction of the lookups (descriptions are searched at every capitalized word).
pub fn country_starting_at(
    kb: &Kb,
    words: &[Word],
    start: usize,
    limit: usize,
) -> Option<CountryWord> {
    if !words.get(start)?.is_capitalized() {
        return None;
    }
    // (A phrase never ends on punctuation: names are compared normalized, without it, so
    // "Bogota ," would name Colombia and carry the comma into what follows it.)
    (1..=limit.saturating_sub(start).min(MAX_WORDS))
        .rev()
        .filter(|&len| !words[start + len - 1].is_punct())
        .find_map(|len| country_of_phrase(kb, words, start..start + len))
}

/// The country that exactly the words of `range` name, if they do (asked of a phrase once).
fn country_of_phrase(kb: &Kb, words: &[Word], range: Range<usize>) -> Option<CountryWord> {
    words[range.start].country_phrase(range.len(), || {
        find_country_of_phrase(kb, words, range.clone())
    })
}

fn find_country_of_phrase(kb: &Kb, words: &[Word], range: Range<usize>) -> Option<CountryWord> {
    if !words[range.start].may_start_country_name(kb) {
        // Plural demonyms ("Palestinians") are found through their singular; a demonym the
        // tables lack through its name ("Kampuchean").
        let singular = words[range.start].text.strip_suffix('s');
        if range.len() > 1 || !singular.is_some_and(|s| kb.may_start_country_name(s)) {
            let iso3 = (range.len() == 1)
                .then(|| demonym_of_a_name(kb, words[range.start].text))
                .flatten()?;
            return Some(CountryWord {
                iso3,
                sector: None,
                words: range,
            });
        }
    }
    let text = phrase(words, range.clone());
    if let Some(iso3) = best_country(kb, &text) {
        return Some(CountryWord {
            iso3,
            sector: None,
            words: range,
        });
    }
    // A seat of government ("Kremlin"), but not a title the dictionaries list as one
    // ("US President"): the role noun is read separately.
    let m = kb.metonym(&text)?;
    if agent_in(kb, words, range.clone()).is_some() {
        return None;
    }
    Some(CountryWord {
        iso3: m.country.clone(),
        sector: kb.split_code(&m.code).sector,
        words: range,
    })
}

/// The country a name, demonym or adjective denotes. Where the gazetteer offers several
/// ("Guinea": Guinea or Papua New Guinea), a country whose own name or demonym is exactly the
/// text wins, then the one the news-coding dictionaries give for the text ("Burmese" →
/// Myanmar), then the gazetteer's preference. A plural demonym counts as its singular
/// ("Palestinians").
pub fn best_country(kb: &Kb, text: &str) -> Option<String> {
    let candidates: Vec<&tidings_kb::Country> = kb.countries_by_name(text).collect();
    if !candidates.is_empty() {
        let key = tidings_kb::normalize(text);
        let exact = candidates.iter().find(|c| kb.is_own_name(c, &key));
        if let Some(c) = exact {
            return Some(c.iso3.clone());
        }
    }
    let coded = || {
        kb.actors(text).find_map(|a| {
            a.actor()
                .codes
                .iter()
                .find_map(|c| (c.code.len() == 3).then(|| c.code.clone()))
        })
    };
    if let Some(code) = coded() {
        if candidates.is_empty() || candidates.iter().any(|c| c.iso3 == code) {
            return kb.country(&code).map(|c| c.iso3.clone());
        }
    }
    if let Some(c) = candidates.first() {
        return Some(c.iso3.clone());
    }
    // "Palestinians", "Iraqis": the plural of a demonym.
    let singular = text
        .strip_suffix('s')
        .filter(|s| s.len() > 3 && !s.ends_with('s'))?;
    let mut singular_key = None;
    kb.countries_by_name(singular)
        .find(|c| {
            let key = singular_key.get_or_insert_with(|| tidings_kb::normalize(singular));
            kb.is_own_demonym(c, key)
        })
        .map(|c| c.iso3.clone())
        .or_else(|| demonym_of_a_name(kb, text))
}

/// The country of a demonym the knowledge base lists only as a name, formed as English forms
/// most of them, by adding "n" to a name in "-a" ("Kampuchea" → "Kampuchean", also in the
/// plural "Kampucheans"): historical names keep no demonym in the country tables. The name
/// must be a country's name in the tables, not merely a word of one.
pub fn demonym_of_a_name(kb: &Kb, word: &str) -> Option<String> {
    let singular = word.strip_suffix('s').unwrap_or(word);
    let name = singular
        .strip_suffix('n')
        .filter(|n| n.ends_with('a') && n.len() > 3)?;
    if !name.starts_with(char::is_uppercase) || name.contains(' ') {
        return None;
    }
    kb.country_by_name(name).map(|c| c.iso3.clone())
}

/// The longest agent phrase inside `range`, rightmost first (the head of an English noun
/// phrase is on the right): "state affairs commission vice chair" → "vice chair".
pub fn agent_in<'kb>(
    kb: &'kb Kb,
    words: &[Word],
    range: Range<usize>,
) -> Option<(&'kb tidings_kb::Agent, Range<usize>)> {
    for len in (1..=MAX_WORDS.min(range.len())).rev() {
        for start in (range.start..=range.end - len).rev() {
            let text = lower_phrase(words, start..start + len);
            if let Some(agent) = kb.agent(&text) {
                return Some((agent, start..start + len));
            }
        }
    }
    None
}

/// Whether `word` may belong to a title in front of a name.
fn titleish(kb: &Kb, word: &Word) -> bool {
    if !word.is_title_word() {
        return false;
    }
    // Without a tagger, lowercase words count only when the dictionaries know them.
    word.upos.is_some()
        || word.is_capitalized()
        || kb.agent(&word.lower).is_some()
        || MODIFIERS.contains(&word.lower.as_ref())
}

/// Lowercase words that build titles without being role nouns themselves.
const MODIFIERS: &[&str] = &[
    "vice", "deputy", "former", "acting", "chief", "senior", "state", "foreign", "national",
];

/// At most this many words make a title.
const MAX_TITLE: usize = 8;

/// The title in front of the name at `name` (word indexes), if the words there name a role or
/// a country: "Kremlin spokesman" before "Dmitry Medvedev". `need_role` asks for a role noun
/// (persons); without it a country alone is enough ("the French daily" before "Le Monde").
pub fn before(kb: &Kb, words: &[Word], name: Range<usize>, need_role: bool) -> Option<Title> {
    let sentence = words.get(name.start)?.sentence;
    let mut start = name.start;
    while start > 0 && name.start - start < MAX_TITLE {
        let w = &words[start - 1];
        if w.sentence != sentence {
            break;
        }
        if titleish(kb, w) {
            start -= 1;
            continue;
        }
        // "of" inside a capitalized title: "Secretary of State".
        let inner_of = w.lower == "of"
            && start < name.start
            && words[start].is_capitalized()
            && start >= 2
            && words[start - 2].is_capitalized()
            && words[start - 2].sentence == sentence;
        if inner_of {
            start -= 1;
            continue;
        }
        break;
    }
    title_over(kb, words, start..name.start, need_role)
}

/// The title in apposition after the name: "Jen Psaki, the White House spokeswoman, said".
pub fn after(kb: &Kb, words: &[Word], name: Range<usize>) -> Option<Title> {
    let sentence = words.get(name.start)?.sentence;
    let comma = words.get(name.end)?;
    if comma.text != "," {
        return None;
    }
    let mut start = name.end + 1;
    if words
        .get(start)
        .is_some_and(|w| matches!(w.lower.as_ref(), "the" | "a" | "an") && w.sentence == sentence)
    {
        start += 1;
    }
    let mut end = start;
    while end < words.len()
        && end - start < MAX_TITLE
        && words[end].sentence == sentence
        && titleish(kb, &words[end])
    {
        end += 1;
    }
    let closes = words
        .get(end)
        .is_none_or(|w| w.sentence != sentence || matches!(w.text, "," | "." | ";"));
    if !closes {
        return None;
    }
    title_over(kb, words, start..end, true)
}

/// The role a definite apposition gives a person when the dictionaries know no role noun in it:
/// "Jane Roe, the FBI director, said" → "FBI director". The phrase must be a short noun phrase
/// after "the" that ends on a lowercase common noun, closed by a comma or the sentence's end;
/// its country words, at the front, are left out as in titles.
pub fn role_after(kb: &Kb, words: &[Word], name: Range<usize>) -> Option<String> {
    let sentence = words.get(name.start)?.sentence;
    if words.get(name.end)?.text != "," {
        return None;
    }
    let the = words.get(name.end + 1)?;
    if the.lower != "the" || the.sentence != sentence {
        return None;
    }
    let start = name.end + 2;
    let mut end = start;
    while end < words.len()
        && end - start < MAX_APPOSITION_ROLE
        && words[end].sentence == sentence
        && words[end].is_title_word()
    {
        end += 1;
    }
    let closes = words
        .get(end)
        .is_none_or(|w| w.sentence != sentence || matches!(w.text, "," | "." | ";"));
    let head = words.get(end.checked_sub(1)?)?;
    let common_noun = !head.is_capitalized() && head.upos.is_none_or(|t| t == "NOUN");
    if end == start || !closes || !common_noun {
        return None;
    }
    let role_start = match country_in(kb, words, start..end) {
        Some(c) if c.words.start == start => c.words.end,
        _ => start,
    };
    (role_start < end).then(|| phrase(words, role_start..end))
}

/// At most this many words make a role read from an apposition.
const MAX_APPOSITION_ROLE: usize = 4;

fn title_over(kb: &Kb, words: &[Word], range: Range<usize>, need_role: bool) -> Option<Title> {
    if range.is_empty() {
        return None;
    }
    let country = country_in(kb, words, range.clone());
    let agent = agent_in(kb, words, range.clone());
    if agent.is_none() && (need_role || country.is_none()) {
        return None;
    }
    // The role is the title without its country words (which sit at the front in English).
    let role_words = match &country {
        Some(c) if c.words.start == range.start => c.words.end..range.end,
        _ => range.clone(),
    };
    let role = (!role_words.is_empty() && agent.is_some()).then(|| phrase(words, role_words));
    Some(Title {
        span: Span::new(words[range.start].span.start, words[range.end - 1].span.end),
        words: range,
        role,
        role_sector: agent.and_then(|(a, _)| a.sector.clone()),
        country,
    })
}
