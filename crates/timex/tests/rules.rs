//! One line per resolution rule: text, publication date, and the expected timexes written as
//! `extent|TYPE|value[|MOD]`, in text order.

use tidings_doc::{Published, Span};
use tidings_timex::TimeTagger;

#[track_caller]
fn check(text: &str, dct: &str, expected: &[&str]) {
    let dct: Published = dct.parse().unwrap();
    let times = TimeTagger::new().tag(text, Some(&dct));
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: Span| chars[s.start..s.end].iter().collect::<String>();
    let got: Vec<String> = times
        .iter()
        .map(|t| {
            let m = t.modifier.map(|m| format!("|{}", m.as_str())).unwrap_or_default();
            format!("{}|{}|{}{m}", slice(t.span), t.kind, t.value)
        })
        .collect();
    assert_eq!(got, expected, "in {text:?} published {dct}");
}

#[test]
fn weekdays_follow_tense() {
    check("The plan was announced Wednesday by the agency.", "2000-01-06", &["Wednesday|DATE|2000-01-05"]);
    check("Kim will travel to Vladivostok on Thursday.", "2019-04-19", &["Thursday|DATE|2019-04-25"]);
    check("He said on Thursday that talks failed.", "2019-04-19", &["Thursday|DATE|2019-04-18"]);
    check("The talks resumed Friday.", "2019-04-19", &["Friday|DATE|2019-04-19"]);
    check("They met last Friday.", "2019-04-19", &["last Friday|DATE|2019-04-12"]);
    check("They meet next Monday.", "2019-04-19", &["next Monday|DATE|2019-04-22"]);
}
