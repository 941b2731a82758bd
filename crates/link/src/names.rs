//! The names of a document's mentions, read as linking needs them: joined over hyphens and
//! name particles, stripped of honorifics, completed from the knowledge base, and typed again
//! where the knowledge base knows better (a country tagged MISC is a place). `cluster` then
//! groups them into entities.

use crate::draft::Name;
use crate::words::{phrase, words_in, Word};
use tidings_doc::{Doc, EntityType};
use tidings_kb::{normalize, Kb};

/// Honorifics that precede a name without being a role.
pub(crate) const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam", "sheikh", "sheik",
    "shaikh",
];

/// The names of the Doc's mentions, read as linking needs them:
/// - a name glued to the next word by a hyphen continues over it ("Park Won" + "-soon": the
///   tokenizer splits hyphens, names do not);
/// - titles and honorifics that the recognizer included are stripped from persons
///   ("President Roe" → "Roe"; the title is read separately);
/// - a name that the knowledge base knows in a longer form continues over the capitalized words
///   that complete it ("Russia" + "Today" → the outlet "Russia Today", an organization);
/// - a country name tagged as MISC is a place ("US" in "US President");
/// - a role phrase tagged as an organization right before a person is that person's title
///   ("US National Security Advisor" before "Jane Roe"), not an entity.
pub fn names(kb: &Kb, doc: &Doc, words: &[Word]) -> Vec<(EntityType, Name)> {
    let mentions = joined_over_particles(
        words,
        joined_over_hyphens(
            words,
            doc.mentions
                .iter()
                .map(|m| (m.kind, words_in(words, m.span)))
                .filter(|(_, r)| !r.is_empty())
                .collect(),
        ),
    );
    let starts_person = |at: usize| {
        mentions
            .iter()
            .any(|(k, r)| *k == EntityType::Person && r.start == at)
    };
    let mut out = Vec::new();
    for (i, (kind, range)) in mentions.iter().enumerate() {
        let mut kind = *kind;
        let mut range = range.clone();
        let next_start = mentions.get(i + 1).map_or(words.len(), |(_, r)| r.start);
        range.end = glue_hyphens(words, range.end, next_start);
        if kind == EntityType::Person {
            range.end = complete_person_name(kb, words, range.clone(), next_start);
        }
        if kind == EntityType::Person {
            while range.len() > 1 {
                let lower = words[range.start].lower.trim_end_matches('.').to_string();
                if HONORIFICS.contains(&lower.as_str()) || kb.agent(&lower).is_some() {
                    range.start += 1;
                } else {
                    break;
                }
            }
        }
        // A trailing possessive is not part of the name: "Medvedev's".
        while range.len() > 1 && matches!(words[range.end - 1].lower.as_ref(), "'s" | "’s" | "'")
        {
            range.end -= 1;
        }
        if kind != EntityType::Person && starts_person(range.end) {
            let text = phrase(words, range.clone()).to_lowercase();
            if kb.agent_suffix(&text).is_some() {
                continue;
            }
        }
        if let Some(longer) = dictionary_extension(kb, words, range.clone(), next_start) {
            if kind != EntityType::Person {
                kind = EntityType::Org;
            }
            range = longer;
        }
        if kind == EntityType::Org {
            let previous_end = i
                .checked_sub(1)
                .map_or(0, |p| mentions[p].1.end)
                .min(range.start);
            if let Some(start) = dictionary_opening(kb, words, range.clone(), previous_end) {
                range.start = start;
            }
        }
        let text = phrase_as_written(doc, words, range.clone());
        if kind == EntityType::Misc && is_country_name(kb, &text) {
            kind = EntityType::Loc;
        }
        if kind == EntityType::Loc && is_organization_name(kb, words, &text, range.clone()) {
            kind = EntityType::Org;
        }
        let key = normalize(&text);
        if key.is_empty() {
            continue;
        }
        let span =
            tidings_doc::Span::new(words[range.start].span.start, words[range.end - 1].span.end);
        out.push((
            kind,
            Name {
                span,
                words: range,
                text,
                key,
            },
        ));
    }
    out
}

type Mentions = Vec<(EntityType, std::ops::Range<usize>)>;

/// Joins each mention to the one before it when `joins(earlier, later)` holds, the later
/// mention's type winning (the head of an English name is on its right).
fn joined_where(
    mentions: Mentions,
    joins: impl Fn((EntityType, &std::ops::Range<usize>), (EntityType, &std::ops::Range<usize>)) -> bool,
) -> Mentions {
    let mut out: Mentions = Vec::with_capacity(mentions.len());
    for (kind, range) in mentions {
        if let Some((last_kind, last)) = out.last_mut() {
            if joins((*last_kind, last), (kind, &range)) {
                last.end = range.end;
                *last_kind = kind;
                continue;
            }
        }
        out.push((kind, range));
    }
    out
}

/// Joins mentions that a hyphen written without spaces connects: the recognizer may see
/// "Jean" and "Bertrand Aristide", or "Asia" and "Pacific Economic Cooperation", where the text
/// has one name.
fn joined_over_hyphens(words: &[Word], mentions: Mentions) -> Mentions {
    joined_where(mentions, |(_, last), (_, range)| {
        let gap = last.end..range.start;
        gap.len() == 1
            && matches!(words[gap.start].text, "-" | "‐" | "‑")
            && words[last.end - 1].span.end == words[gap.start].span.start
            && words[gap.start].span.end == words[range.start].span.start
    })
}

/// Lowercase words inside personal names: "Mohammed bin Salman", "Charles de Gaulle",
/// "Ursula von der Leyen".
const NAME_PARTICLES: &[&str] = &[
    "bin", "bint", "ibn", "ben", "al", "el", "abu", "van", "von", "der", "den", "de", "da", "di",
    "du", "la", "le", "dos", "das", "del",
];

/// Joins two person mentions that one or two name particles separate: the recognizer may see
/// "Mohammed" and "Salman" where the text has "Mohammed bin Salman".
fn joined_over_particles(words: &[Word], mentions: Mentions) -> Mentions {
    joined_where(mentions, |(last_kind, last), (kind, range)| {
        let gap = last.end..range.start;
        kind == EntityType::Person
            && last_kind == EntityType::Person
            && (1..=2).contains(&gap.len())
            && gap.clone().all(|k| NAME_PARTICLES.contains(&words[k].text))
            && words[last.start].sentence == words[range.start].sentence
    })
}

/// Months and weekdays, which follow names without belonging to them ("told Roe Thursday").
const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Extends a person's name over the capitalized words that complete it where the recognizer
/// stopped early ("Park" + "Won-soon"): up to two following capitalized words in the same sentence
/// that are no calendar word, role noun or place, glued by hyphens as written.
fn complete_person_name(
    kb: &Kb,
    words: &[Word],
    range: std::ops::Range<usize>,
    limit: usize,
) -> usize {
    let sentence = words[range.start].sentence;
    let mut end = range.end;
    let mut added = 0;
    while added < 2 && end < limit.min(words.len()) {
        let w = &words[end];
        let joined = words[end - 1].span.end < w.span.start; // separated by a space
        let usable = w.sentence == sentence
            && joined
            && w.is_capitalized()
            && !w.is_punct()
            && w.text.chars().count() > 1
            && !CALENDAR_WORDS.contains(&w.lower.as_ref())
            && kb.agent(&w.lower).is_none()
            && kb.places(w.text).next().is_none()
            && crate::titles::best_country(kb, w.text).is_none();
        if !usable {
            break;
        }
        end = glue_hyphens(words, end + 1, limit);
        added += 1;
    }
    end
}

/// Extends a name over hyphen-joined pieces written without spaces: "Park Won" "-" "soon".
fn glue_hyphens(words: &[Word], mut end: usize, limit: usize) -> usize {
    while end + 1 < words.len().min(limit.max(end + 2))
        && matches!(words[end].text, "-" | "‐" | "‑")
        && words[end - 1].span.end == words[end].span.start
        && words[end].span.end == words[end + 1].span.start
        && words[end + 1].text.chars().all(char::is_alphanumeric)
    {
        end += 2;
    }
    end
}

/// A longer knowledge-base name that the capitalized words after `range` complete.
/// Role nouns never extend a name: "US" + "President" is a title, not the outlet of a name.
fn dictionary_extension(
    kb: &Kb,
    words: &[Word],
    range: std::ops::Range<usize>,
    limit: usize,
) -> Option<std::ops::Range<usize>> {
    let sentence = words[range.start].sentence;
    (1..=2).rev().find_map(|extra| {
        let end = range.end + extra;
        let fits = end <= limit.min(words.len())
            && words[range.end..end].iter().all(|w| {
                // Capitalized words that are no role ("Russia" + "Today", not "US" +
                // "President"), or a lowercase body the dictionaries name after a person
                // ("Bush" + "administration").
                let capitalized = w.is_capitalized() && kb.agent(&w.lower).is_none();
                w.sentence == sentence && !w.is_punct() && (capitalized || !w.is_capitalized())
            });
        (fits && kb.actors(&phrase(words, range.start..end)).next().is_some())
            .then_some(range.start..end)
    })
}

/// Where a longer dictionary name of an organization starts that the capitalized words before
/// `range` open, where the recognizer took only its end ("Asia-Pacific" before "Economic
/// Cooperation"): up to three words back, not before `limit`, in the same sentence, hyphens
/// glued as written.
fn dictionary_opening(
    kb: &Kb,
    words: &[Word],
    range: std::ops::Range<usize>,
    limit: usize,
) -> Option<usize> {
    let sentence = words[range.start].sentence;
    (1..=3usize).rev().find_map(|back| {
        let start = range.start.checked_sub(back).filter(|&s| s >= limit)?;
        // (not over an article: "The" + "Associated Press" is the Associated Press)
        let fits = words[start].is_capitalized()
            && !matches!(words[start].lower.as_ref(), "the" | "a" | "an")
            && words[start..range.start].iter().enumerate().all(|(k, w)| {
                let hyphen = matches!(w.text, "-" | "‐" | "‑")
                    && k > 0
                    && words[start + k - 1].span.end == w.span.start
                    && words
                        .get(start + k + 1)
                        .is_some_and(|n| w.span.end == n.span.start);
                w.sentence == sentence
                    && (hyphen || w.is_capitalized() && kb.agent(&w.lower).is_none())
            });
        (fits && kb.actors(&phrase(words, start..range.end)).next().is_some()).then_some(start)
    })
}

/// Head nouns of organization names: a "University" is not a place, whatever the recognizer said.
const ORGANIZATION_HEADS: &[&str] = &[
    "university",
    "college",
    "institute",
    "academy",
    "school",
    "hospital",
    "ministry",
    "department",
    "agency",
    "bank",
    "company",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "group",
    "council",
    "committee",
    "commission",
    "party",
    "court",
    "association",
    "foundation",
    "federation",
    "organization",
    "organisation",
    "office",
    "service",
    "news",
    "times",
    "post",
    "daily",
    "television",
    "radio",
    "club",
    "fund",
    "authority",
];

/// A name tagged as a place that is an organization: its head noun says so ("Ural
/// Federal University"), a media or organization role stands right before it ("the French daily
/// Le Monde"), it stands for a government without being a capital ("the Kremlin"), or the
/// dictionaries know it as an actor and the gazetteer knows no place of that name.
fn is_organization_name(
    kb: &Kb,
    words: &[Word],
    text: &str,
    range: std::ops::Range<usize>,
) -> bool {
    let head = words[range.end - 1].lower.as_ref();
    if range.len() > 1 && ORGANIZATION_HEADS.contains(&head) {
        return true;
    }
    let role_before = range.start > 0
        && words[range.start - 1].sentence == words[range.start].sentence
        && kb
            .agent(&words[range.start - 1].lower)
            .is_some_and(|a| matches!(a.sector.as_deref(), Some("MED" | "BUS")));
    if role_before {
        return true;
    }
    if kb.metonym(text).is_some_and(|m| m.source != "capital") {
        return true;
    }
    kb.places(text).next().is_none() && kb.actors(text).next().is_some()
}

/// A country's name (not its demonym): "US", "China".
fn is_country_name(kb: &Kb, text: &str) -> bool {
    kb.country_by_name(text)
        .is_some_and(|c| !kb.is_own_demonym(c, &normalize(text)))
}

/// The text of a word range exactly as the article writes it (spacing included).
fn phrase_as_written(doc: &Doc, words: &[Word], range: std::ops::Range<usize>) -> String {
    let span = tidings_doc::Span::new(words[range.start].span.start, words[range.end - 1].span.end);
    doc.slice(span).to_string()
}
