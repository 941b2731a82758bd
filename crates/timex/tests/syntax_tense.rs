//! `TimeTagger::tag_doc`: direction from the parse when the Doc has the syntax layer, and the
//! same results as `tag` when it has none.

use tidings_doc::{Annotator, Article, Doc, Published};
use tidings_timex::TimeTagger;

fn doc(text: &str, dct: &str, with_syntax: bool) -> Doc {
    let mut doc = Doc::new(Article { text: text.into(), published: Some(dct.parse().unwrap()), ..Article::default() });
    tidings_segment::Segmenter::new().annotate(&mut doc);
    if with_syntax {
        let models = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
        tidings_syntax::SyntaxAnnotator::load(&models).unwrap().annotate(&mut doc);
    }
    doc
}

fn values(doc: &Doc) -> Vec<String> {
    TimeTagger::new().tag_doc(doc).into_iter().map(|t| t.value).collect()
}

#[test]
fn past_tense_verb_keeps_a_later_month_in_the_past() {
    // January lies nearer ahead of an October DCT, but "brought" tells it as done.
    let d = doc("In January, the company brought in a new chief executive.", "1989-10-27", true);
    assert_eq!(values(&d), ["1989-01"]);
}

#[test]
fn governing_verb_decides_the_weekday() {
    let d = doc("The ruling, announced Wednesday by the commissioner, angered the family.", "2000-01-07", true);
    assert_eq!(values(&d), ["2000-01-05"]);
    let d = doc("The minister will meet his counterpart on Wednesday.", "2000-01-07", true);
    assert_eq!(values(&d), ["2000-01-12"]);
}

#[test]
fn soon_is_a_time_only_when_told_ahead() {
    let d = doc("The company will soon begin selling smaller boxes.", "1989-10-27", true);
    assert_eq!(values(&d), ["FUTURE_REF"]);
    let d = doc("He was soon released from the hospital.", "1989-10-27", true);
    assert!(values(&d).is_empty());
}

#[test]
fn without_syntax_tag_doc_is_tag() {
    let text = "Officials said Friday that talks will resume on Tuesday, and have gone on for years.";
    let dct: Published = "1998-08-12".parse().unwrap();
    let d = doc(text, "1998-08-12", false);
    assert_eq!(TimeTagger::new().tag_doc(&d), TimeTagger::new().tag(text, Some(&dct)));
    let got: Vec<String> = TimeTagger::new().tag(text, Some(&dct)).into_iter().map(|t| t.value).collect();
    assert_eq!(got, ["1998-08-07", "1998-08-18", "PXY"]);
}

#[test]
fn a_plan_made_in_the_past_is_for_a_day_ahead() {
    // Planning is past; the planned event's day lies ahead of publication.
    let d = doc("Protesters planned a large demonstration in the city on Saturday.", "2000-01-07", true);
    assert_eq!(values(&d), ["2000-01-08"]);
    let d = doc("The prosecutor has scheduled a news conference Thursday.", "1999-05-05", true);
    assert_eq!(values(&d), ["1999-05-06"]);
    // A day told before the verb is when the plan was made.
    let d = doc("On Friday, the government planned to pay the first claims.", "1998-09-30", true);
    assert_eq!(values(&d), ["1998-09-25"]);
}
