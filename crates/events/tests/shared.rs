//! The readers over the shared public dictionaries and the committed nominal lexicon.
//! Counts are what the files hold today; a change in the reader that loses entries fails here.

use std::path::Path;
use tidings_corpus::shared_data;
use tidings_events::verbs::Element;
use tidings_events::{CameoToPlover, NominalLexicon, PloverType, VerbDictionary};

fn cameo() -> (VerbDictionary, tidings_events::LoadReport) {
    VerbDictionary::read(&shared_data("petrarch2/dictionaries/CAMEO.2.0.txt")).unwrap()
}

fn table() -> CameoToPlover {
    CameoToPlover::read(&shared_data("plover/CAMEO2PLOVER-2021.txt")).unwrap()
}

#[test]
fn cameo_verbs_load() {
    let (d, r) = cameo();
    eprintln!("CAMEO.2.0.txt: {r}");
    for s in &r.skipped {
        eprintln!("  {s}");
    }
    assert_eq!(
        (r.blocks, r.verbs, r.patterns, r.synsets, r.transformations),
        (397, 1817, 4663, 40, 8),
        "{r}"
    );
    // Five lines of the file are malformed (e.g. `- *SCEPTICAL`, `VISIT)[042:043]`) or name
    // undefined synsets (`&WEATHER`).
    assert_eq!(r.skipped.len(), 5, "{r}");

    let accuse = d.for_lemma("accuse");
    assert!(!accuse.is_empty());
    assert!(
        accuse.iter().all(|e| e
            .code()
            .forward
            .as_deref()
            .is_some_and(|c| c.starts_with("11"))),
        "{accuse:?}"
    );
    let met = d.for_lemma("met");
    assert!(met
        .iter()
        .any(|e| e.block.name == "MEET_PEOPLE" && e.verb().lemma == "meet"));
    assert!(met
        .iter()
        .all(|e| e.code().forward.as_deref() == Some("040")));
    // A multi-word verb, by its words and by its head.
    let with = d.for_lemma("meeting with");
    assert_eq!(with.len(), 1);
    assert_eq!(
        (
            with[0].verb().head.as_str(),
            with[0].verb().after.as_slice()
        ),
        ("meet", &["with".to_string()][..])
    );
    assert!(d.for_lemma("meet").iter().any(|e| e.is_multiword()));
    // A paired code with a prepositional phrase: MEET (FOR TALKS) [036:036].
    let talks = met[0]
        .patterns()
        .iter()
        .find(|p| p.code.forward.as_deref() == Some("036") && p.code.reverse.is_some());
    assert!(
        matches!(talks.map(|p| &p.after[..]), Some([Element::Prep { .. }])),
        "{talks:?}"
    );
    // Every synset a kept pattern names is defined.
    for block in d.blocks() {
        for p in &block.patterns {
            for s in p.synsets() {
                assert!(d.synset(s).is_some(), "line {}: &{s}", p.line);
            }
        }
    }
    assert!(d
        .synset_phrases("CURRENCY")
        .iter()
        .any(|p| p == &["dollars"]));
}

#[test]
fn validation_verbs_load() {
    let (d, r) = VerbDictionary::read(&shared_data(
        "petrarch2/dictionaries/PETR.Validate.verbs.txt",
    ))
    .unwrap();
    eprintln!("PETR.Validate.verbs.txt: {r}");
    for s in &r.skipped {
        eprintln!("  {s}");
    }
    assert_eq!(
        (r.blocks, r.verbs, r.patterns, r.synsets),
        (261, 269, 473, 17),
        "{r}"
    );
    // `[###]`: the `#` starts a comment, as in PETRARCH, so the code is unclosed.
    assert_eq!(r.skipped.len(), 1, "{r}");
    assert!(
        r.non_cameo_codes > 0,
        "the validation dictionary has WEIS-era codes: {r}"
    );
    // Irregular forms replace regular ones: BREAK { BROKE BROKEN }.
    let broke = d.for_lemma("broke");
    assert!(broke.iter().any(|e| e.block.name == "BREAK"));
    assert!(d.for_lemma("breaked").is_empty());
    // A synset defined between blocks, after the file's synset section, is found.
    assert!(d.synset("ECONSANCT").is_some());
}

#[test]
fn cameo_to_plover() {
    let t = table();
    eprintln!("CAMEO2PLOVER: {} codes, skipped {:?}", t.len(), t.skipped);
    let check = |code: &str, kind: PloverType, mode: Option<&str>, context: &[&str]| {
        let c = t
            .plover_of(code)
            .unwrap_or_else(|| panic!("{code} unmapped"));
        let ctx: Vec<&str> = c.context.iter().map(String::as_str).collect();
        assert_eq!(
            (c.kind, c.mode.as_deref(), &ctx[..]),
            (kind, mode, context),
            "{code}"
        );
    };
    check("042", PloverType::Consult, Some("visit"), &[]);
    check("043", PloverType::Consult, Some("visit"), &[]);
    check("041", PloverType::Consult, Some("phone"), &[]);
    check("1041", PloverType::Request, Some("change"), &["executive"]);
    check("112", PloverType::Accuse, Some("disapprove"), &[]);
    check(
        "1121",
        PloverType::Accuse,
        Some("allege"),
        &["crime", "corruption"],
    );
    check(
        "0871",
        PloverType::Retreat,
        Some("ceasefire"),
        &["military"],
    );
    // The table maps 163 (embargo, boycott, sanctions) to COERCE, not SANCTION.
    check("163", PloverType::Coerce, Some("restrict"), &["diplomatic"]);
    check(
        "161",
        PloverType::Sanction,
        Some("withdraw"),
        &["diplomatic"],
    );
    check(
        "195",
        PloverType::Assault,
        Some("heavy-weapons"),
        &["military"],
    );
    // Unlisted codes fall back to their longest listed prefix.
    check("0431", PloverType::Consult, Some("visit"), &[]);
    check("1999", PloverType::Assault, None, &[]);
    assert!(
        t.plover_of("020").is_none(),
        "CAMEO 02 (appeals) has no PLOVER row"
    );
    let all: std::collections::BTreeSet<PloverType> = t.codes().map(|(_, c)| c.kind).collect();
    assert_eq!(all.len(), 16, "every v0.8 type is reached");
}

#[test]
fn nominal_lexicon() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/events/nominal.txt");
    let l = NominalLexicon::read(&path).unwrap();
    let t = table();
    eprintln!(
        "nominal.txt: {} nouns, {} forms",
        l.entries().len(),
        l.forms()
    );
    assert!(l.entries().len() >= 150);
    let mut kinds = std::collections::BTreeSet::new();
    for e in l.entries() {
        let c = t
            .plover_of(&e.code)
            .unwrap_or_else(|| panic!("line {}: {} has no PLOVER type", e.line, e.code));
        kinds.insert(c.kind);
    }
    assert_eq!(
        kinds.len(),
        16,
        "the lexicon covers every PLOVER type: {kinds:?}"
    );
    let kind = |noun: &str| t.plover_of(&l.for_noun(noun).unwrap().code).unwrap().kind;
    assert_eq!(kind("summits"), PloverType::Consult);
    assert_eq!(
        t.plover_of(&l.for_noun("visit").unwrap().code)
            .unwrap()
            .mode
            .as_deref(),
        Some("visit")
    );
    assert_eq!(kind("talks"), PloverType::Consult);
    assert_eq!(kind("airstrikes"), PloverType::Assault);
    assert_eq!(kind("ceasefire"), PloverType::Retreat);
    assert_eq!(kind("protests"), PloverType::Protest);
    assert_eq!(l.for_noun("sanctions").unwrap().code, "163");
}
