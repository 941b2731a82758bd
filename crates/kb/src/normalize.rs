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
    let folded;
    let text = if name.is_ascii() {
        name
    } else {
        folded = deunicode::deunicode(name);
        folded.as_str()
    };
    let mut key = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.push(c.to_ascii_lowercase());
        } else if matches!(c, '\'' | '.' | '`') {
            // Dropped without a break: "U.S." = "US", "People's" = "Peoples".
        } else {
            pending_space = true;
        }
    }
    if let Some(rest) = key.strip_prefix("the ") {
        key = rest.to_string();
    }
    key
}

/// Whether a query is written in capitals: every letter is uppercase and there is at least one.
/// Such a query may match case-marked variants ("US" and "U.S." do, "Us" does not).
pub fn is_capitals(name: &str) -> bool {
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
