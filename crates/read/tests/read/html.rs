//! HTML pages. Each fixture `NAME.html` in `tests/fixtures/` is checked against
//! `NAME.expected.json`: metadata, the number of paragraphs, the first and last paragraph, and
//! phrases the main text must or must not contain (boilerplate of every kind).

use crate::fixture;
use serde_json::Value;
use tidings_read::{read_file, read_html, Format, Metadata, ReadError};

fn check_fixture(name: &str) {
    let path = fixture(&format!("{name}.html"));
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture(&format!("{name}.expected.json"))).unwrap()).unwrap();
    let mut items: Vec<_> = read_file(&path, Format::Html, &Metadata::default()).collect();
    let article = items.pop().unwrap().unwrap_or_else(|e| panic!("{name}: {e}"));
    let text = article.text.as_str();
    let field = |key: &str| expected[key].as_str().map(str::to_string);
    assert_eq!(article.id, name, "the id defaults to the file stem");
    assert_eq!(article.title, field("title"), "{name}: title");
    assert_eq!(article.published.map(|p| p.to_string()), field("published"), "{name}: published");
    assert_eq!(article.outlet, field("outlet"), "{name}: outlet");
    assert_eq!(article.url, field("url"), "{name}: url");
    let authors = article.extra.get("authors").cloned().unwrap_or(Value::Array(vec![]));
    assert_eq!(authors, expected["authors"], "{name}: authors");
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(paragraphs.len() as u64, expected["paragraphs"].as_u64().unwrap(), "{name}: paragraphs of\n{text}");
    assert!(paragraphs[0].starts_with(&field("first").unwrap()), "{name}: first paragraph of\n{text}");
    assert_eq!(paragraphs.last().copied(), field("last").as_deref(), "{name}: last paragraph of\n{text}");
    for phrase in expected["contains"].as_array().unwrap() {
        assert!(text.contains(phrase.as_str().unwrap()), "{name}: missing {phrase} in\n{text}");
    }
    for phrase in expected["excludes"].as_array().unwrap() {
        assert!(!text.contains(phrase.as_str().unwrap()), "{name}: boilerplate {phrase} in\n{text}");
    }
    assert!(!text.contains("  ") && !text.contains("\n\n\n"), "{name}: whitespace is collapsed");
}

#[test]
fn newspaper_page_with_cookie_banner_sidebar_and_comments() {
    check_fixture("harbour-strike");
}

#[test]
fn blog_page_with_comments_and_widgets() {
    check_fixture("valley-blog");
}

#[test]
fn script_rendered_page_falls_back_to_json_ld() {
    check_fixture("script-rendered");
}

#[test]
fn a_page_of_boilerplate_only_has_no_main_text() {
    let path = fixture("cookie-wall.html");
    let err = read_file(&path, Format::Html, &Metadata::default()).next().unwrap().unwrap_err();
    assert!(matches!(err, ReadError::NoMainText { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("{}: expected an HTML page with a main text, found only navigation, banners and other boilerplate", path.display())
    );
    let err = read_html("<html><body><script>x()</script></body></html>", "blank.html", &Metadata::default()).unwrap_err();
    assert_eq!(err.to_string(), "blank.html: expected an HTML page with a main text, found no text at all");
}

#[test]
fn caller_metadata_overrides_the_page_where_set() {
    let html = std::fs::read_to_string(fixture("harbour-strike.html")).unwrap();
    let meta = Metadata { published: Some("2023-03-13".parse().unwrap()), title: Some("Own title".into()), ..Metadata::default() };
    let article = read_html(&html, "page.html", &meta).unwrap();
    assert_eq!(article.published.unwrap().to_string(), "2023-03-13");
    assert_eq!(article.title.as_deref(), Some("Own title"));
    assert_eq!(article.outlet.as_deref(), Some("The Northern Courier"), "unset fields keep the page's");
    assert_eq!(article.id.len(), 16, "without --id, read_html derives one");
}

#[test]
fn entities_are_decoded_and_breaks_kept() {
    let html = "<html><body><article><p>Caf&eacute; &amp; bar &#8212; open&nbsp;late,<br>every day of the week, said the owner, who has run it since 1998.</p>\
        <p>Second   paragraph\n   of the story, long enough to count as real text in the page.</p></article></body></html>";
    let article = read_html(html, "e.html", &Metadata::default()).unwrap();
    assert_eq!(
        article.text,
        "Café & bar — open late,\nevery day of the week, said the owner, who has run it since 1998.\n\nSecond paragraph of the story, long enough to count as real text in the page."
    );
}

#[test]
fn tables_keep_their_cells_in_rows() {
    let html = "<html><body><div class=\"article-body\"><p>The results by district, as announced by the electoral commission on Sunday evening, were these:</p>\
        <table><tr><th>District</th><th>Turnout</th></tr><tr><td>North</td><td>61%</td></tr><tr><td>South</td><td>57%</td></tr></table></div></body></html>";
    let article = read_html(html, "t.html", &Metadata::default()).unwrap();
    assert!(article.text.ends_with("District | Turnout\n\nNorth | 61%\n\nSouth | 57%"), "{}", article.text);
}
