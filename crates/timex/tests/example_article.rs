//! The nine time expressions of the shared Kim–Putin example article, through `TimeTagger::tag`.

use tidings_doc::{Published, Span, TimexMod, TimexType};
use tidings_timex::TimeTagger;

#[test]
fn kim_putin_article_timexes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples");
    let text = std::fs::read_to_string(dir.join("kim-putin-vladivostok.txt")).expect("the shared example article");
    let dct: Published = "2019-04-19".parse().unwrap();
    let times = TimeTagger::new().tag(&text, Some(&dct));
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: Span| chars[s.start..s.end].iter().collect::<String>();
    let got: Vec<(String, TimexType, String, Option<TimexMod>)> =
        times.iter().map(|t| (slice(t.span), t.kind, t.value.clone(), t.modifier)).collect();
    let d = TimexType::Date;
    let expected = vec![
        ("in the near future", d, "FUTURE_REF", None),
        ("Thursday", d, "2019-04-25", None),
        ("the end of the month", d, "2019-04", Some(TimexMod::End)),
        ("recently", d, "PAST_REF", None),
        ("earlier this month", d, "2019-04", None),
        ("2011", d, "2011", None),
        ("earlier this month", d, "2019-04", None),
        ("the past 13 months", TimexType::Duration, "P13M", None),
        ("last month", d, "2019-03", None),
    ];
    let expected: Vec<(String, TimexType, String, Option<TimexMod>)> =
        expected.into_iter().map(|(a, b, c, m)| (a.to_string(), b, c.to_string(), m)).collect();
    assert_eq!(got, expected);
}
