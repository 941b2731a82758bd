//! In-document coreference of names: "Park Won-soon" … "Park", "North Atlantic Treaty
//! Organization" … "NATO", "Russia" … "Russia".
//!
//! Persons: full names open entities; a bare surname or given name joins the most salient
//! entity whose full name contains it (the one named most often so far, then the earliest), not
//! the nearest: "Park" after "Park Won-soon" (named four times) and "Park Ji-won" (once) is Park
//! Won-soon. Organizations: the same name, an acronym of the name ("NATO"), or the name's first
//! or last word ("Goldman" for "Goldman Sachs", "Cubs" for "Chicago Cubs"). Places and other names:
//! the same name.

use crate::draft::{Draft, Name};
use tidings_doc::EntityType;

/// Groups names into entity drafts, in order of first mention.
pub fn cluster(names: Vec<(EntityType, Name)>) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    // The shapes of each draft's names, in the order of `drafts[i].names` while full names are
    // clustered: every full name is compared with every name before it.
    let mut shapes: Vec<Vec<Shape>> = Vec::new();
    // Full names first, so a surname can join a full name that the text gives later.
    let (full, short): (Vec<_>, Vec<_>) = names
        .into_iter()
        .partition(|(kind, n)| *kind != EntityType::Person || n.word_count() > 1);
    for (kind, name) in full {
        let shape = Shape::of(kind, &name);
        let found = drafts.iter().zip(&shapes).position(|(d, s)| {
            d.kind == kind && same_entity(kind, d, s, &name, &shape)
        });
        match found {
            Some(i) => {
                drafts[i].names.push(name);
                shapes[i].push(shape);
            }
            None => {
                drafts.push(Draft::new(kind, name));
                shapes.push(vec![shape]);
            }
        }
    }
    for (kind, name) in short {
        match best_person_for(&drafts, &name) {
            Some(i) => drafts[i].names.push(name),
            None => drafts.push(Draft::new(kind, name)),
        }
    }
    for d in &mut drafts {
        d.names.sort_by_key(|n| n.span.start);
    }
    drafts.sort_by_key(Draft::first_start);
    drafts
}

/// What clustering compares of a name besides its key, worked out once per name instead of
/// once per pair of names (clustering compares every full name with every name before it).
struct Shape {
    /// The key's words (split at spaces, as [`Name::key_words`]).
    words: usize,
    /// Where the key's first word ends and its last word starts, in bytes.
    first_end: usize,
    last_start: usize,
    /// Organizations only: the letters of a name that can be an acronym ("NATO"), and the
    /// initials of the name's capitalized words.
    acronym: Option<String>,
    initials: String,
}

impl Shape {
    fn of(kind: EntityType, name: &Name) -> Shape {
        let key = &name.key;
        let first_end = name.key_words().next().map_or(0, str::len);
        let last_start = key.len() - name.key_words().next_back().map_or(0, str::len);
        let org = kind == EntityType::Org;
        Shape {
            words: name.word_count(),
            first_end,
            last_start,
            acronym: org.then(|| acronym_letters(&name.text)).flatten(),
            initials: if org { initials(&name.text) } else { String::new() },
        }
    }

    fn first_word<'n>(&self, name: &'n Name) -> &'n str {
        &name.key[..self.first_end]
    }

    fn last_word<'n>(&self, name: &'n Name) -> &'n str {
        &name.key[self.last_start..]
    }
}

/// Whether `name` (of shape `shape`) names the entity of `draft`, whose names have `shapes`.
fn same_entity(
    kind: EntityType,
    draft: &Draft,
    shapes: &[Shape],
    name: &Name,
    shape: &Shape,
) -> bool {
    draft.names.iter().zip(shapes).any(|(n, s)| {
        if n.key == name.key {
            return true;
        }
        let (n, name) = ((n, s), (name, shape));
        match kind {
            EntityType::Person => contains_words(n, name) || contains_words(name, n),
            EntityType::Org => {
                is_acronym(name.1, n.1)
                    || is_acronym(n.1, name.1)
                    || first_word_of(name, n)
                    || first_word_of(n, name)
                    || last_word_of(name, n)
                    || last_word_of(n, name)
            }
            _ => false,
        }
    })
}

/// Every word of `small` (two or more) is a word of `big`, and they end alike: "Jane Roe"
/// in "Jane Q. Roe". Different given names ("Park Ji-won", "Park Won-soon") never match.
fn contains_words((big, big_shape): (&Name, &Shape), (small, small_shape): (&Name, &Shape)) -> bool {
    // (Cheapest tests first, without collecting words: clustering compares every pair of
    // names, so this runs tens of thousands of times per hundred articles.)
    small_shape.words > 1
        && big_shape.last_word(big) == small_shape.last_word(small)
        && small.key_words().all(|w| big.key_words().any(|b| b == w))
}

/// The letters of a name written as an acronym: 2 to 8 capitals (and digits none) once other
/// characters are left out ("NATO", "U.N."); `None` for other names.
fn acronym_letters(text: &str) -> Option<String> {
    let letters: String = text.chars().filter(|c| c.is_alphanumeric()).collect();
    let fits = (2..=8).contains(&letters.len()) && letters.chars().all(|c| c.is_ascii_uppercase());
    fits.then_some(letters)
}

/// The initials of the capitalized words of a name ("NATO" of "North Atlantic Treaty
/// Organization"), hyphens separating words.
fn initials(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Whether the name of shape `short` is an acronym of the name of shape `full`: "NATO" for
/// "North Atlantic Treaty Organization", "ANC" for "African National Congress" (also after a
/// leading place adjective: "South African National Congress"); function words do not count.
fn is_acronym(short: &Shape, full: &Shape) -> bool {
    let Some(letters) = &short.acronym else {
        return false;
    };
    let initials = &full.initials;
    initials.len() > letters.len().saturating_sub(1)
        && (initials == letters
            || (initials.ends_with(letters.as_str()) && initials.len() <= letters.len() + 2))
}

/// [`is_acronym`] of a text and a name.
#[cfg(test)]
fn is_acronym_of(acronym: &str, full: &Name) -> bool {
    let short = Shape::of(EntityType::Org, &Name {
        text: acronym.to_string(),
        key: tidings_kb::normalize(acronym),
        ..full.clone()
    });
    is_acronym(&short, &Shape::of(EntityType::Org, full))
}

/// A one-word organization name that opens a longer one: "Goldman" in "Goldman Sachs".
fn first_word_of((short, short_shape): (&Name, &Shape), (long, long_shape): (&Name, &Shape)) -> bool {
    short_shape.words == 1
        && long_shape.words > 1
        && long_shape.first_word(long) == short.key
        && short.key.len() > 3
}

/// A one-word organization name that closes a longer one: "Cubs" in "Chicago Cubs", "Post" in
/// "Washington Post". As with [`first_word_of`], short words ("Co", "Inc") never match.
fn last_word_of((short, short_shape): (&Name, &Shape), (long, long_shape): (&Name, &Shape)) -> bool {
    short_shape.words == 1
        && long_shape.words > 1
        && long_shape.last_word(long) == short.key
        && short.key.len() > 3
}

/// The person entity a one-word name refers to: among persons whose full name contains the
/// word, the one named most often, then the one named first.
fn best_person_for(drafts: &[Draft], name: &Name) -> Option<usize> {
    drafts
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == EntityType::Person)
        .filter(|(_, d)| {
            d.names
                .iter()
                .any(|n| n.key == name.key || n.key_words().any(|w| w == name.key))
        })
        .max_by_key(|(_, d)| (d.salience(), std::cmp::Reverse(d.first_start())))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tidings_kb::normalize;
    use tidings_doc::Span;

    fn name(text: &str, at: usize) -> Name {
        Name {
            span: Span::new(at, at + text.len()),
            words: 0..1,
            text: text.into(),
            key: normalize(text),
        }
    }

    #[test]
    fn a_surname_joins_the_most_salient_full_name_not_the_nearest() {
        let names = vec![
            (EntityType::Person, name("Pak Sol-hui", 0)),
            (EntityType::Person, name("Pak", 100)),
            (EntityType::Person, name("Pak Tae-ho", 200)),
            (EntityType::Person, name("Pak", 300)),
            (EntityType::Person, name("Pak Mi-ran", 400)),
        ];
        let drafts = cluster(names);
        assert_eq!(drafts.len(), 3);
        assert_eq!(drafts[0].names.len(), 3, "{:?}", drafts[0].names);
        assert_eq!(drafts[1].names[0].text, "Pak Tae-ho");
        assert_eq!(drafts[2].names[0].text, "Pak Mi-ran");
    }

    #[test]
    fn acronyms_and_short_forms_of_organizations() {
        // (the acronym may leave out a leading word: "RCNA" of "North Ruritanian ...")
        let full = name("North Ruritanian Central News Agency", 0);
        assert!(is_acronym_of("RCNA", &full));
        assert!(!is_acronym_of("UN", &full));
        assert!(is_acronym_of(
            "IAEA",
            &name("International Atomic Energy Agency", 0)
        ));
        let drafts = cluster(vec![
            (EntityType::Org, full),
            (EntityType::Org, name("RCNA", 50)),
            (EntityType::Org, name("Zorvan", 80)),
            (EntityType::Org, name("Zorvan News", 90)),
            (EntityType::Org, name("Cubs", 120)),
            (EntityType::Org, name("Chicago Cubs", 130)),
        ]);
        assert_eq!(drafts.len(), 3);
        assert_eq!(drafts[2].names.len(), 2, "{:?}", drafts[2].names);
    }
}
