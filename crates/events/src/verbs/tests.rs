//! Reader tests on small inline dictionaries; the shared files are read in `tests/`.

use super::*;

const SAMPLE: &str = "\
# a comment
<!-- an XML comment
over two lines -->
&CURRENCY
+DOLLAR
+CASH_
+SWISS FRANC

&AUX_
+WILL
+&CURRENCY

--- MEET_PEOPLE   [040]  ---
+MEET_WITH {+MET_WITH +MEETS_WITH +MEETING_WITH }
MEET {MEETS MET MEETING}   # irregular
CONTACT [041]
WIRE_+TAP
- * (FOR TALKS)      [036:036]     # MEET
- * &CURRENCY        [061]
- * &UNDEFINED       [061]
- * (FOR TALKS       [036]
- * CHARGE           [:112]

--- ACCUSE [112] ---
ACCUSE
SCRAP {SCRAPPING SCRAPS SCRAPPED };shan   8/30/93
~ a (a b ATTACK) SAY = a b 015
";

fn sample() -> (VerbDictionary, LoadReport) {
    let mut d = VerbDictionary::new();
    let r = d.add_text(SAMPLE, Path::new("sample.verbs"));
    (d, r)
}

fn block_names(entries: &[VerbEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.block.name.as_str()).collect()
}

#[test]
fn counts_and_skips() {
    let (_, r) = sample();
    assert_eq!(
        (r.blocks, r.verbs, r.patterns, r.synsets, r.transformations),
        (2, 6, 3, 2, 1),
        "{r}"
    );
    let skipped: Vec<String> = r.skipped.iter().map(|s| s.to_string()).collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].starts_with("sample.verbs:20: undefined synset &UNDEFINED"),
        "{skipped:?}"
    );
    assert!(
        skipped[1].starts_with("sample.verbs:21: unclosed bracket"),
        "{skipped:?}"
    );
}

#[test]
fn lookups_by_lemma_and_form() {
    let (d, _) = sample();
    assert_eq!(
        block_names(d.for_lemma("met")),
        ["MEET_PEOPLE", "MEET_PEOPLE"]
    );
    assert_eq!(
        block_names(d.for_lemma("MEETS")),
        ["MEET_PEOPLE", "MEET_PEOPLE"]
    );
    // "meet" finds the single verb and the multi-word "meet with".
    let meet = d.for_lemma("meet");
    assert_eq!(meet.iter().filter(|e| e.is_multiword()).count(), 1);
    let with = d.for_lemma("met with");
    assert_eq!(with.len(), 1);
    assert_eq!(with[0].verb().after, ["with"]);
    assert_eq!(with[0].code().forward.as_deref(), Some("040"));
    assert_eq!(with[0].patterns().len(), 3);
    // Regular forms are generated, and a verb's own code overrides the block's.
    let contacted = d.for_lemma("contacted");
    assert_eq!(contacted[0].code().forward.as_deref(), Some("041"));
    // A verb before the head: WIRE_+TAP.
    let tapping = d.for_lemma("tapping");
    assert_eq!(
        (
            tapping[0].verb().before.as_slice(),
            tapping[0].verb().head.as_str()
        ),
        (&["wire".to_string()][..], "tap")
    );
    assert_eq!(d.for_lemma("wire tapped").len(), 1);
    // `{...}` forms replace the regular ones; `;` starts a comment.
    assert_eq!(
        d.for_lemma("scrapped")[0].verb().forms,
        ["scrap", "scrapping", "scraps", "scrapped"]
    );
    assert!(d.for_lemma("meeted").is_empty());
    assert!(d.for_lemma("unknown").is_empty());
}

#[test]
fn synsets_expand_with_plurals_and_nesting() {
    let (d, _) = sample();
    let phrases: Vec<String> = d
        .synset_phrases("&CURRENCY")
        .iter()
        .map(|p| p.join(" "))
        .collect();
    assert_eq!(
        phrases,
        ["dollar", "dollars", "cash", "swiss franc", "swiss francs"]
    );
    // `&AUX_` takes no plurals, but its nested synset keeps its own.
    let aux: Vec<String> = d
        .synset_phrases("AUX")
        .iter()
        .map(|p| p.join(" "))
        .collect();
    assert_eq!(
        aux,
        [
            "will",
            "dollar",
            "dollars",
            "cash",
            "swiss franc",
            "swiss francs"
        ]
    );
}

#[test]
fn transformations() {
    let (d, _) = sample();
    let t = &d.transformations()[0];
    assert_eq!((t.source.as_str(), t.verb.as_str()), ("a", "SAY"));
    assert_eq!(t.inner, ["a", "b", "ATTACK"].map(String::from));
    assert_eq!(t.result, ["a", "b", "015"].map(String::from));
}

#[test]
fn a_user_file_extends_a_dictionary() {
    let (mut d, _) = sample();
    let r = d.add_text(
        "--- PLEDGE [030] ---\nPLEDGE\n- * &CURRENCY [033]\n",
        Path::new("user.verbs"),
    );
    assert_eq!((r.blocks, r.patterns, r.skipped.len()), (1, 1, 0));
    assert_eq!(block_names(d.for_lemma("pledged")), ["PLEDGE"]);
    assert_eq!(d.blocks().len(), 3);
}

#[test]
fn an_empty_file_is_an_error() {
    let dir = std::env::temp_dir().join(format!("tidings-events-empty-{}", std::process::id()));
    std::fs::write(&dir, "# nothing here\n").unwrap();
    let err = VerbDictionary::read(&dir).unwrap_err().to_string();
    std::fs::remove_file(&dir).ok();
    assert!(err.contains("no verb blocks"), "{err}");
}

/// Found by fuzzing (`fuzz/run petrarch_verbs`): a form of underscores alone (`_`, `+_`)
/// indexed past an empty list of words and panicked.
#[test]
fn forms_of_underscores_alone_are_ignored() {
    let mut dict = VerbDictionary::new();
    dict.add_text(
        "--- ACCUSE [112] ---\nACCUSE {ACCUSED _ +_ __}\nBLAME _ +_\n",
        Path::new("fuzz.txt"),
    );
    let accuse = &dict.for_lemma("accuse")[0];
    assert_eq!(accuse.verb().forms, ["accuse", "accused"]);
    assert_eq!(dict.for_lemma("blame")[0].verb().forms, ["blame"]);
}
