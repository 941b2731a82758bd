//! Lookup keys: the one place that decides when two spellings of a name are the same.
//!
//! A key is the name folded to ASCII (accents and other scripts transliterated), lowercased,
//! with apostrophes and full stops dropped (so "U.S." and "US", "People's" and "Peoples" meet),
//! underscores, hyphens and other punctuation turned into single spaces, and a leading "the"
//! removed (dictionaries list both `THE_WHITE_HOUSE_` and `WHITE_HOUSE_`; text says "the
//! Kremlin"). Dictionaries and queries go through the same function, so the rules only have to
//! be consistent, not linguistically perfect.
//!
//! Short codes are the exception to case-insensitivity: "US", "UN" and "UK" are names, "us",
//! "un" and "uk" are not. A variant whose key is one token of at most three letters and that
//! is written in capitals in its source is *case-marked*: it matches only a query written in
//! capitals ("US", "U.S."). Capitals-only sources (the PETRARCH dictionaries, CountryInfo)
//! therefore mark all their short single-word names, while mixed-case sources (GeoNames,
//! countries.json) mark only real codes ("Ufa" stays unmarked).

/// The lookup key of a name: see the module documentation for the rules.
pub fn normalize(name: &str) -> String {
    // Through the per-thread key of the last name: callers normalize a text and then look it
    // up, or the other way round.
    with_key(name, |key| {
        String::from_utf8(key.to_vec()).expect("keys are ASCII")
    })
}

/// [`normalize()`] without the per-thread buffer.
fn normalize_alone(name: &str) -> String {
    let mut key = Vec::new();
    normalize_into(name, &mut key);
    String::from_utf8(key).expect("keys are ASCII")
}

/// What [`normalize_into`] makes of each ASCII byte: the lowercase letter or digit it keeps,
/// [`DROP`] for the marks left out without a break, [`BREAK`] for the rest. One table load per
/// byte instead of a chain of range tests: keys are made for every lookup.
const KEY_BYTES: [u8; 256] = {
    // (Bytes past ASCII, which deunicode leaves none of, are breaks.)
    let mut table = [BREAK; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        } else if matches!(c, b'\'' | b'.' | b'`') {
            // Dropped without a break: "U.S." = "US", "People's" = "Peoples".
            table[b] = DROP;
        }
        b += 1;
    }
    table
};
const BREAK: u8 = 0;
const DROP: u8 = 1;

/// [`normalize()`] into `key` (cleared first), as bytes (a key is ASCII), so that lookups can
/// reuse one buffer instead of allocating a key per query.
pub(crate) fn normalize_into(name: &str, key: &mut Vec<u8>) {
    key.clear();
    let folded;
    let text = if name.is_ascii() {
        name
    } else {
        folded = deunicode::deunicode(name);
        folded.as_str()
    };
    // In place over a copy of the text: a key is never longer than its text (a space is
    // written only for a break that wrote nothing), so the write position never passes the
    // read position, and no byte goes through a `push` with its capacity check.
    key.extend_from_slice(text.as_bytes());
    let mut len = 0;
    let mut pending_space = false;
    for read in 0..key.len() {
        match KEY_BYTES[usize::from(key[read])] {
            BREAK => pending_space = true,
            DROP => {}
            c => {
                if pending_space && len > 0 {
                    key[len] = b' ';
                    len += 1;
                }
                pending_space = false;
                key[len] = c;
                len += 1;
            }
        }
    }
    key.truncate(len);
    if key.starts_with(b"the ") {
        key.drain(..4);
    }
}

/// Runs `f` on the key of `name`. Lookups run by the thousand per article, often several in a
/// row for the same text (as a country, then an actor, then a metonym), so the key is made in a
/// per-thread buffer instead of a fresh `String`, and kept for the next query of the same text.
pub(crate) fn with_key<R>(name: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    thread_local! {
        static LAST: std::cell::RefCell<LastKey> = const {
            std::cell::RefCell::new(LastKey { name: String::new(), key: Vec::new() })
        };
    }
    LAST.with(|cell| match cell.try_borrow_mut() {
        Ok(mut last) => {
            if last.name != name {
                let LastKey {
                    name: last_name,
                    key,
                } = &mut *last;
                normalize_into(name, key);
                last_name.clear();
                last_name.push_str(name);
            }
            f(&last.key)
        }
        // Only if `f` itself looks up a name: fall back to a key of its own.
        Err(_) => f(normalize_alone(name).as_bytes()),
    })
}

/// The last name [`with_key`] normalized, and its key.
struct LastKey {
    name: String,
    key: Vec<u8>,
}

/// Whether a query is written in capitals: every letter is uppercase and there is at least one.
/// Such a query may match case-marked variants ("US" and "U.S." do, "Us" does not).
pub fn is_capitals(name: &str) -> bool {
    if name.is_ascii() {
        // The same test on bytes, without decoding characters (most queries are ASCII).
        let mut letters = false;
        for b in name.bytes() {
            if b.is_ascii_lowercase() {
                return false;
            }
            letters |= b.is_ascii_uppercase();
        }
        return letters;
    }
    let mut letters = false;
    for c in name.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters = true;
        }
    }
    letters
}

/// Whether a variant, written as `name` in its source, only matches queries in capitals.
pub(crate) fn is_case_marked(name: &str, key: &str) -> bool {
    key.len() <= 3
        && !key.contains(' ')
        && key.chars().all(|c| c.is_ascii_alphabetic())
        && is_capitals(name)
}

/// A dictionary phrase as people write it: `VLADIMIR_PUTIN_` → `VLADIMIR PUTIN`. Keeps the
/// source's letters and punctuation; only the word joiners and flags go.
pub(crate) fn display_phrase(phrase: &str) -> String {
    phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `kb_id` form of a name: its key in capitals with underscores, `VLADIMIR_PUTIN`.
pub(crate) fn id_form(key: &str) -> String {
    key.to_ascii_uppercase().replace(' ', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, key: &str) {
        assert_eq!(normalize(name), key, "normalize({name:?})");
    }

    #[test]
    fn keys() {
        check("VLADIMIR_PUTIN_", "vladimir putin");
        check("Vladimir  Putin", "vladimir putin");
        check("U.S.", "us");
        check("the United States", "united states");
        check("THE_UNITED_NATIONS_", "united nations");
        check("Lee Jae-myung", "lee jae myung");
        check("São Paulo", "sao paulo");
        check("Władywostok", "wladywostok");
        check("People's Republic", "peoples republic");
        check("Washington, D.C.", "washington dc");
        check("  ", "");
        check("Theodore", "theodore");
    }

    #[test]
    fn capitals() {
        assert!(is_capitals("U.S."));
        assert!(is_capitals("US"));
        assert!(!is_capitals("Us"));
        assert!(!is_capitals("..."));
        assert!(is_case_marked("US_", "us"));
        assert!(is_case_marked("U.N.", "un"));
        assert!(!is_case_marked("Ufa", "ufa"));
        assert!(!is_case_marked("UNITED_STATES_", "united states"));
        assert!(!is_case_marked("DPRK", "dprk"));
    }

    #[test]
    fn display_and_id() {
        assert_eq!(display_phrase("VLADIMIR_PUTIN_"), "VLADIMIR PUTIN");
        assert_eq!(
            display_phrase("OSMAN_OLCAY\t_TURKEY_"),
            "OSMAN OLCAY TURKEY"
        );
        assert_eq!(id_form("vladimir putin"), "VLADIMIR_PUTIN");
    }
}
