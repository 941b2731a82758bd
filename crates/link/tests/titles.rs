//! Titles and descriptions read with the committed knowledge base, on hand-made token
//! sequences (no tagger: the linker must also work without the syntax layer).

use std::path::Path;
use tidings_doc::{Article, Doc, Sentence, Span, Token};
use tidings_kb::Kb;
use tidings_link::{titles, words};

fn kb() -> Kb {
    Kb::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/kb")).expect("committed kb")
}

/// A Doc with one sentence, tokens split on spaces.
fn doc(text: &str) -> Doc {
    let mut d = Doc::new(Article {
        text: text.into(),
        ..Article::default()
    });
    let mut at = 0;
    for piece in text.split(' ') {
        let n = piece.chars().count();
        d.tokens.push(Token {
            span: Span::new(at, at + n),
            space_after: true,
        });
        at += n + 1;
    }
    d.sentences.push(Sentence {
        span: Span::new(0, at - 1),
        tokens: 0..d.tokens.len(),
    });
    d
}

/// The title before the name that starts at word `name_at` and runs to the end.
fn check_before(text: &str, name_at: usize, role: Option<&str>, country: Option<&str>) {
    let kb = kb();
    let d = doc(text);
    let w = words::words(&d);
    let t = titles::before(&kb, &w, name_at..w.len(), true);
    assert_eq!(
        t.as_ref().and_then(|t| t.role.as_deref()),
        role,
        "{text}: {t:?}"
    );
    assert_eq!(
        t.as_ref()
            .and_then(|t| t.country.as_ref().map(|c| c.iso3.as_str())),
        country,
        "{text}"
    );
}

#[test]
fn titles_before_names() {
    check_before(
        "reports that US President Donald Trump",
        4,
        Some("President"),
        Some("USA"),
    );
    check_before(
        "has since demanded US Secretary of State Mike Pompeo",
        7,
        Some("Secretary of State"),
        Some("USA"),
    );
    check_before(
        "Kremlin spokesman Dmitry Peskov",
        2,
        Some("spokesman"),
        Some("RUS"),
    );
    check_before(
        "and Vice Foreign Minister Choe Son-hui",
        4,
        Some("Vice Foreign Minister"),
        None,
    );
    check_before("met Angela Merkel", 1, None, None);
}

#[test]
fn countries_by_name_prefer_exact_names_and_news_dictionaries() {
    let kb = kb();
    for (text, iso3) in [
        ("Guinea", "GIN"),
        ("Burmese", "MMR"),
        ("Palestinians", "PSE"),
        ("US", "USA"),
        ("North Korean", "PRK"),
        ("Bosnia", "BIH"),
    ] {
        assert_eq!(
            titles::best_country(&kb, text).as_deref(),
            Some(iso3),
            "{text}"
        );
    }
}

#[test]
fn surnames_find_the_dictionaries_people() {
    let kb = kb();
    let names: Vec<String> = kb
        .actors_by_surname("Bush")
        .map(|a| {
            format!(
                "{} {:?}",
                a.name(),
                a.actor().codes.first().map(|c| c.code.clone())
            )
        })
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("GEORGE BUSH")),
        "{names:?}"
    );
}

/// The role read from the apposition after the name that covers words `name`: a title's, else
/// the role-only reading of a definite noun phrase.
fn check_after(text: &str, name: std::ops::Range<usize>, role: Option<&str>) {
    let kb = kb();
    let d = doc(text);
    let w = words::words(&d);
    let found = titles::after(&kb, &w, name.clone())
        .and_then(|t| t.role)
        .or_else(|| titles::role_after(&kb, &w, name));
    assert_eq!(found.as_deref(), role, "{text}");
}

#[test]
fn roles_in_apposition_after_names() {
    check_after(
        "blamed Elira Quennis , the FBI director , who spoke",
        1..3,
        Some("FBI director"),
    );
    check_after(
        "blamed Elira Quennis , the Chilean site manager , who spoke",
        1..3,
        Some("site manager"),
    );
    // Indefinite, unclosed or proper-noun phrases give no role.
    check_after(
        "blamed Elira Quennis , a site manager , who spoke",
        1..3,
        None,
    );
    check_after("blamed Elira Quennis , the manager who spoke", 1..3, None);
    check_after(
        "met Elira Quennis , the Quennis Foundation , today",
        1..3,
        None,
    );
}
