//! Appositions: a person named next to a noun phrase that says whom they serve takes that
//! phrase's country and sector, when nothing stronger codes them: "Jane Roe, the United Nations
//! relief coordinator, said" (IGO), "A member of the Ruritanian parliament, John Doe, began"
//! (the parliament's country and sector), "Ruritania's emir, Sheikh Rudolf, opened".
//!
//! The phrase is the one between the name and a comma ("Name, the phrase,") or, opening the
//! sentence, between its start and the comma before the name ("The phrase, Name ..."). Only
//! noun phrases count: a phrase with a verb, or an opening one that starts with a preposition or
//! an adverb ("After talks with China, Roe said"), says nothing about whom the person serves.

use crate::draft::{Draft, Evidence};
use crate::words::Word;
use std::ops::Range;
use tidings_doc::EntityType;
use tidings_kb::Kb;

/// The longest apposition read, in words.
const MAX_WORDS: usize = 10;

/// What a coded entity inside an apposition gives the person.
#[derive(Debug, Clone)]
struct Coded {
    words: Range<usize>,
    country: Option<String>,
    sector: Option<String>,
}

/// Codes persons without a dictionary code or a country from the appositions around their names.
pub fn resolve(kb: &Kb, words: &[Word], drafts: &mut [Draft]) {
    let coded: Vec<Coded> = drafts
        .iter()
        .filter(|d| d.kind != EntityType::Person)
        .map(|d| (d, what_it_gives(d)))
        .filter(|(_, (country, sector))| country.is_some() || sector.is_some())
        .flat_map(|(d, (country, sector))| {
            d.names.iter().map(move |n| Coded {
                words: n.words.clone(),
                country: country.clone(),
                sector: sector.clone(),
            })
        })
        .collect();
    // A phrase that names a person is that person's, not a description of the one beside it
    // ("Mary Roe, John Doe's lawyer,").
    let persons: Vec<Range<usize>> = drafts
        .iter()
        .filter(|d| d.kind == EntityType::Person)
        .flat_map(|d| d.names.iter().map(|n| n.words.clone()))
        .collect();
    for d in drafts.iter_mut().filter(|d| d.kind == EntityType::Person) {
        let weak = d
            .country
            .as_ref()
            .is_none_or(|(_, e)| *e > Evidence::Dictionary);
        if d.code.is_some() || !weak {
            continue;
        }
        let phrases: Vec<Range<usize>> = d
            .names
            .iter()
            .flat_map(|n| [after(words, n.words.end), before(words, n.words.start)])
            .flatten()
            .collect();
        for phrase in phrases {
            if persons
                .iter()
                .any(|p| phrase.start < p.end && p.start < phrase.end)
            {
                continue;
            }
            if let Some(c) = inside(&coded, &phrase) {
                if let Some(country) = &c.country {
                    d.offer_country(country, Evidence::Title);
                }
                match &c.sector {
                    // Whom the person serves says more than the role noun beside it ("refugee
                    // coordinator" of the United Nations is IGO, not REF).
                    Some(s) if c.country.is_none() => d.sector = Some((s.clone(), Evidence::Title)),
                    Some(s) => d.offer_sector(s, Evidence::Title),
                    None => {}
                }
                break;
            }
            if let Some(c) = crate::titles::country_in(kb, words, phrase.clone()) {
                d.offer_country(&c.iso3, Evidence::Title);
                if let Some(s) = c.sector {
                    d.offer_sector(&s, Evidence::Title);
                }
                break;
            }
        }
    }
}

/// The country and sector an entity's code or coding gives a person who serves it. An
/// international organization gives its kind (IGO, NGO) and no country.
fn what_it_gives(d: &Draft) -> (Option<String>, Option<String>) {
    let international = |s: &str| matches!(s, "IGO" | "NGO" | "NGM" | "IMG");
    if let Some(code) = &d.code {
        if let Some(prefix) = code.get(..3).filter(|p| international(p)) {
            return (None, Some(prefix.to_string()));
        }
    }
    if let Some((s, _)) = d.sector.as_ref().filter(|(s, _)| international(s)) {
        return (None, Some(s.clone()));
    }
    // A place gives its country only: a person in apposition to a city serves no city.
    let sector = match d.kind {
        EntityType::Loc => None,
        _ => d.sector.as_ref().map(|(s, _)| s.clone()),
    };
    (d.country().map(str::to_string), sector)
}

/// The coded entity that heads a phrase: of those inside it, the one ending last (the head of an
/// English noun phrase is on its right), the longest of those.
fn inside<'c>(coded: &'c [Coded], phrase: &Range<usize>) -> Option<&'c Coded> {
    coded
        .iter()
        .filter(|c| phrase.start <= c.words.start && c.words.end <= phrase.end)
        .max_by_key(|c| (c.words.end, c.words.len()))
}

/// Whether a word is a verb or auxiliary by its tag (without tags: one of the common verbs that
/// follow a subject).
fn verbal(w: &Word) -> bool {
    match w.upos {
        Some(tag) => matches!(tag, "VERB" | "AUX"),
        None => matches!(
            w.lower.as_ref(),
            "said" | "says" | "told" | "is" | "was" | "are" | "were" | "has" | "had" | "have"
        ),
    }
}

/// "Name, the phrase," : the words between the comma after the name and the next comma (or the
/// sentence's end), a determiner dropped.
fn after(words: &[Word], name_end: usize) -> Option<Range<usize>> {
    let comma = words.get(name_end)?;
    if comma.text != "," {
        return None;
    }
    let sentence = comma.sentence;
    let mut start = name_end + 1;
    if words
        .get(start)
        .is_some_and(|w| w.sentence == sentence && matches!(w.lower.as_ref(), "the" | "a" | "an"))
    {
        start += 1;
    }
    let mut end = start;
    while end < words.len() && words[end].sentence == sentence && end - start <= MAX_WORDS {
        let w = &words[end];
        if matches!(w.text, "," | "." | ";" | ":" | "!" | "?") {
            break;
        }
        if verbal(w) || w.is_punct() && !matches!(w.text, "-" | "'" | "’") {
            return None;
        }
        end += 1;
    }
    let closed = words
        .get(end)
        .is_none_or(|w| w.sentence != sentence || matches!(w.text, "," | "." | ";"));
    (closed && end > start && end - start <= MAX_WORDS && noun_phrase(words, start..end))
        .then_some(start..end)
}

/// "The phrase, Name": the words from the start of the sentence to the comma before the name,
/// when they make a noun phrase.
fn before(words: &[Word], name_start: usize) -> Option<Range<usize>> {
    // (over an honorific the name left out: "..., Sheikh Rafiq")
    let mut name_start = name_start;
    while name_start > 0
        && crate::names::HONORIFICS.contains(&words[name_start - 1].lower.trim_end_matches('.'))
    {
        name_start -= 1;
    }
    let comma = name_start.checked_sub(1)?;
    if words[comma].text != "," {
        return None;
    }
    let sentence = words[comma].sentence;
    let mut start = comma;
    while start > 0 && words[start - 1].sentence == sentence {
        start -= 1;
    }
    let phrase = start..comma;
    if phrase.is_empty() || phrase.len() > MAX_WORDS {
        return None;
    }
    noun_phrase(words, phrase.clone()).then_some(phrase)
}

/// Whether the words make one noun phrase about one party: they open as a noun phrase does
/// (not "After talks with China"), and hold no verb, pronoun ("his son"), number (an age: "Roe,
/// 36,"), list ("Roe, Doe and Poe") or relative clause.
fn noun_phrase(words: &[Word], phrase: Range<usize>) -> bool {
    let first = &words[phrase.start];
    let opens = match first.upos {
        Some(tag) => matches!(tag, "DET" | "PROPN" | "NOUN" | "ADJ"),
        None => first.is_capitalized() && !OPENERS.contains(&first.lower.as_ref()),
    };
    opens
        && words[phrase].iter().all(|w| {
            !verbal(w)
                && !matches!(w.upos, Some("PRON" | "NUM" | "CCONJ"))
                && !matches!(
                    w.lower.as_ref(),
                    "and" | "or" | "who" | "which" | "that" | "whose" | "his" | "her" | "their"
                )
                && !w.text.chars().any(|c| c.is_ascii_digit())
                && (!w.is_punct() || matches!(w.text, "'s" | "’s" | "'" | "’" | "-"))
        })
}

/// Words that open a sentence's adverbial (without tags to say so): "In Moscow, ...".
const OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "after",
    "before",
    "during",
    "since",
    "from",
    "with",
    "without",
    "for",
    "despite",
    "following",
    "meanwhile",
    "however",
    "earlier",
    "later",
    "then",
    "also",
    "but",
    "and",
    "when",
    "while",
    "as",
    "if",
    "by",
    "under",
    "over",
    "speaking",
    "asked",
];
