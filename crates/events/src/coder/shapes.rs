//! Tests that one construction is coded the same under each parse a parser may give it. The
//! trees are written by hand (as CoNLL-U rows), so each shape is tested whatever the committed
//! parser happens to produce; the lexicon is the committed one.

use super::relation::Rel;
use super::EventCoder;
use std::path::Path;
use std::sync::OnceLock;
use tidings_doc::{Article, Doc, Entity, EntityType, Event, Sentence, Span, Token, TokenSyntax};

fn coder() -> &'static EventCoder {
    static CODER: OnceLock<EventCoder> = OnceLock::new();
    CODER.get_or_init(|| {
        let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
        EventCoder::load(&models).expect("the committed event lexicon loads")
    })
}

/// A named entity of a hand-made sentence: its words (1-based, inclusive, as in CoNLL-U),
/// type and country (empty for none).
#[derive(Clone)]
pub(super) struct Named<'a> {
    pub words: (usize, usize),
    pub name: &'a str,
    pub kind: EntityType,
    pub country: &'a str,
}

/// A person's name at words `words` (1-based, inclusive), with no country of its own.
pub(super) const fn person(words: (usize, usize), name: &str) -> Named<'_> {
    Named {
        words,
        name,
        kind: EntityType::Person,
        country: "",
    }
}

/// A place in `country` (ISO alpha-3).
pub(super) const fn place<'a>(words: (usize, usize), name: &'a str, country: &'a str) -> Named<'a> {
    Named {
        words,
        name,
        kind: EntityType::Loc,
        country,
    }
}

/// An organization of `country`.
pub(super) const fn organization<'a>(
    words: (usize, usize),
    name: &'a str,
    country: &'a str,
) -> Named<'a> {
    Named {
        words,
        name,
        kind: EntityType::Org,
        country,
    }
}

/// One sentence from CoNLL-U-like rows, "word UPOS XPOS lemma head deprel" with 1-based heads
/// (0 for the root), the words joined by single spaces.
pub(super) fn doc(rows: &str, named: &[Named]) -> Doc {
    let rows: Vec<Vec<&str>> = rows
        .lines()
        .map(str::split_whitespace)
        .map(Iterator::collect)
        .filter(|r: &Vec<&str>| !r.is_empty())
        .collect();
    let text = rows.iter().map(|r| r[0]).collect::<Vec<_>>().join(" ");
    let mut doc = Doc::new(Article {
        id: "shape".into(),
        text,
        ..Article::default()
    });
    let mut at = 0;
    for r in &rows {
        let len = r[0].chars().count();
        doc.tokens.push(Token {
            span: Span::new(at, at + len),
            space_after: true,
        });
        at += len + 1;
        let head: usize = r[4].parse().expect("a head is a number");
        doc.syntax.push(TokenSyntax {
            upos: r[1].into(),
            xpos: r[2].into(),
            lemma: r[3].into(),
            head: head.checked_sub(1),
            deprel: r[5].into(),
        });
    }
    doc.sentences.push(Sentence {
        span: Span::new(0, at - 1),
        tokens: 0..rows.len(),
    });
    for n in named {
        let span = Span::new(
            doc.tokens[n.words.0 - 1].span.start,
            doc.tokens[n.words.1 - 1].span.end,
        );
        doc.entities.push(Entity {
            name: n.name.into(),
            kind: n.kind,
            country: Some(n.country.to_string()).filter(|c| !c.is_empty()),
            sector: None,
            role: None,
            kb_id: None,
            code: Some(n.country.to_string()).filter(|c| !c.is_empty()),
            geo: None,
            mentions: vec![span],
        });
    }
    doc
}

/// The events the coder finds in `doc`.
pub(super) fn events(doc: &Doc) -> Vec<Event> {
    coder().events(doc)
}

/// The event whose trigger is `word`.
pub(super) fn event<'a>(doc: &Doc, events: &'a [Event], word: &str) -> &'a Event {
    events
        .iter()
        .find(|e| doc.slice(e.trigger) == word)
        .unwrap_or_else(|| panic!("no event on {word:?}: {events:?}"))
}

/// The names of the entities `ids` point to.
pub(super) fn names(doc: &Doc, ids: &[usize]) -> Vec<String> {
    ids.iter().map(|&i| doc.entities[i].name.clone()).collect()
}

/// The text of each source of an event, nearest first.
pub(super) fn sources(doc: &Doc, e: &Event) -> Vec<String> {
    e.attribution
        .iter()
        .map(|a| doc.slice(a.span).to_string())
        .collect()
}

const CHILE_PERU: &[Named] = &[place((1, 1), "Chile", "CHL"), place((5, 5), "Peru", "PER")];

/// "Chile imposed sanctions on Peru, the ministry said.", with "said" hung as each parser
/// has hung it: the reporter is the ministry in every shape.
#[test]
fn a_trailing_reporting_clause_reports_the_sentence_however_it_is_hung() {
    let rows = |said_head: usize, said_rel: &str| {
        format!(
            "Chile PROPN NNP Chile 2 nsubj
             imposed VERB VBD impose 0 root
             sanctions NOUN NNS sanction 2 obj
             on ADP IN on 5 case
             Peru PROPN NNP Peru 2 obl
             , PUNCT , , 9 punct
             the DET DT the 8 det
             ministry NOUN NN ministry 9 nsubj
             said VERB VBD say {said_head} {said_rel}
             . PUNCT . . 2 punct"
        )
    };
    for (head, rel) in [
        (2, "parataxis"),
        // (and the comma on the subject)
        (2, "ccomp,"),
        (2, "conj"),
        (2, "ccomp"),
        (2, "advcl"),
        (2, "obl:unmarked"),
        // (hung inside the phrase before it)
        (5, "acl:relcl"),
    ] {
        let mut rows = rows(head, rel.trim_end_matches(','));
        if rel.ends_with(',') {
            rows = rows.replace(", PUNCT , , 9 punct", ", PUNCT , , 8 punct");
        }
        let doc = doc(&rows, CHILE_PERU);
        let found = events(&doc);
        let imposed = event(&doc, &found, "imposed");
        assert_eq!(sources(&doc, imposed), ["the ministry"], "said as {rel}");
        assert_eq!(names(&doc, &imposed.actors), ["Chile"], "said as {rel}");
        assert_eq!(names(&doc, &imposed.recipients), ["Peru"], "said as {rel}");
    }
}

/// A clause of saying with something said of its own is no aside: "..., the ministry said
/// it would respond" keeps its complement and reports only that.
#[test]
fn a_reporting_clause_with_its_own_complement_is_left_as_parsed() {
    let doc = doc(
        "Chile PROPN NNP Chile 2 nsubj
         imposed VERB VBD impose 0 root
         sanctions NOUN NNS sanction 2 obj
         on ADP IN on 5 case
         Peru PROPN NNP Peru 2 obl
         , PUNCT , , 10 punct
         and CCONJ CC and 10 cc
         the DET DT the 9 det
         ministry NOUN NN ministry 10 nsubj
         said VERB VBD say 2 conj
         it PRON PRP it 13 nsubj
         would AUX MD would 13 aux
         respond VERB VB respond 10 ccomp
         . PUNCT . . 2 punct",
        CHILE_PERU,
    );
    let found = events(&doc);
    let imposed = event(&doc, &found, "imposed");
    assert!(
        sources(&doc, imposed).is_empty(),
        "{:?}",
        imposed.attribution
    );
}

/// "Chilean navy ships attacked Peru": the name before a stack of noun modifiers says whose
/// the ships are, read [[Chilean navy] ships] or [Chilean [navy ships]].
#[test]
fn a_name_in_a_stack_of_noun_modifiers_names_the_party_either_way() {
    for chilean_head in [2, 3] {
        let doc = doc(
            &format!(
                "Chilean ADJ JJ chilean {chilean_head} amod
                 navy NOUN NN navy 3 compound
                 ships NOUN NNS ship 4 nsubj
                 attacked VERB VBD attack 0 root
                 Peru PROPN NNP Peru 4 obj
                 . PUNCT . . 4 punct"
            ),
            &[
                Named {
                    words: (1, 1),
                    name: "Chile",
                    kind: EntityType::Misc,
                    country: "CHL",
                },
                place((5, 5), "Peru", "PER"),
            ],
        );
        let found = events(&doc);
        let attacked = event(&doc, &found, "attacked");
        assert_eq!(
            names(&doc, &attacked.actors),
            ["Chile"],
            "Chilean on {chilean_head}"
        );
        assert_eq!(names(&doc, &attacked.recipients), ["Peru"]);
    }
}

/// "Tens of thousands of students in Chile protested": a count is not what is counted, so
/// the place the students are from names them whether it hangs on "students" (as it should)
/// or on "tens".
#[test]
fn a_count_passes_to_what_it_counts() {
    for chile_head in [5, 1] {
        let doc = doc(
            &format!(
                "Tens NOUN NNS ten 8 nsubj
                 of ADP IN of 3 case
                 thousands NOUN NNS thousand 1 nmod
                 of ADP IN of 5 case
                 students NOUN NNS student 3 nmod
                 in ADP IN in 7 case
                 Chile PROPN NNP Chile {chile_head} nmod
                 protested VERB VBD protest 0 root
                 . PUNCT . . 8 punct"
            ),
            &[place((7, 7), "Chile", "CHL")],
        );
        let found = events(&doc);
        let protested = event(&doc, &found, "protested");
        assert_eq!(
            names(&doc, &protested.actors),
            ["Chile"],
            "Chile on {chile_head}"
        );
    }
}

/// "Chile imposed sanctions on Peru after clashes, the ministry said." with the parser's
/// "after clashes ... said" read as one subordinate clause: the ministry still reports the
/// sentence, and "after clashes" goes back to the imposing as a phrase.
#[test]
fn a_trailing_reporting_clause_gives_back_what_hung_on_it_from_before_the_comma() {
    let doc = doc(
        "Chile PROPN NNP Chile 2 nsubj
         imposed VERB VBD impose 0 root
         sanctions NOUN NNS sanction 2 obj
         on ADP IN on 5 case
         Peru PROPN NNP Peru 2 obl
         after SCONJ IN after 11 mark
         clashes NOUN NNS clash 11 obl
         , PUNCT , , 11 punct
         the DET DT the 10 det
         ministry NOUN NN ministry 11 nsubj
         said VERB VBD say 2 advcl
         . PUNCT . . 2 punct",
        CHILE_PERU,
    );
    let found = events(&doc);
    let imposed = event(&doc, &found, "imposed");
    assert_eq!(sources(&doc, imposed), ["the ministry"]);
    let tree = super::Tree::new(&doc, 0, &super::entity_of_tokens(&doc));
    // (token indexes are 0-based: "imposed" 1, "after" 5, "clashes" 6, "said" 10)
    assert_eq!((tree.head(6), tree.rel(6)), (Some(1), Rel::Obl));
    assert_eq!((tree.head(5), tree.rel(5)), (Some(6), Rel::Case));
    assert_eq!((tree.head(10), tree.rel(10)), (Some(1), Rel::Parataxis));
}

/// "Chile imposed sanctions on Peru, a spokeswoman for the embassy said.", with the speaker
/// hung on "said" or (a parser's error) beside it on "imposed": the spokeswoman reports it.
#[test]
fn a_reporting_aside_finds_its_speaker_hung_beside_it() {
    for (speaker_head, speaker_rel) in [(12, "nsubj"), (2, "parataxis")] {
        let doc = doc(
            &format!(
                "Chile PROPN NNP Chile 2 nsubj
                 imposed VERB VBD impose 0 root
                 sanctions NOUN NNS sanction 2 obj
                 on ADP IN on 5 case
                 Peru PROPN NNP Peru 2 obl
                 , PUNCT , , 8 punct
                 a DET DT a 8 det
                 spokeswoman NOUN NN spokeswoman {speaker_head} {speaker_rel}
                 for ADP IN for 11 case
                 the DET DT the 11 det
                 embassy NOUN NN embassy 8 nmod
                 said VERB VBD say 2 parataxis
                 . PUNCT . . 2 punct"
            ),
            CHILE_PERU,
        );
        let found = events(&doc);
        let imposed = event(&doc, &found, "imposed");
        assert_eq!(
            sources(&doc, imposed),
            ["a spokeswoman for the embassy"],
            "speaker as {speaker_rel}"
        );
    }
}

/// "Chile declared a siege, arresting opponents, the ministry said.": the aside reports the
/// declaring, it is not what was declared, so "declared" is the clause the arresting shares
/// (its status, time and place) whether "said" is set beside it or coordinated with it.
#[test]
fn a_reporting_aside_is_not_what_a_verb_of_saying_says() {
    for said_rel in ["parataxis", "conj"] {
        let doc = doc(
            &format!(
                "Chile PROPN NNP Chile 2 nsubj
                 declared VERB VBD declare 0 root
                 a DET DT a 4 det
                 siege NOUN NN siege 2 obj
                 , PUNCT , , 6 punct
                 arresting VERB VBG arrest 2 advcl
                 opponents NOUN NNS opponent 6 obj
                 , PUNCT , , 11 punct
                 the DET DT the 10 det
                 ministry NOUN NN ministry 11 nsubj
                 said VERB VBD say 2 {said_rel}
                 . PUNCT . . 2 punct"
            ),
            &[],
        );
        let tree = super::Tree::new(&doc, 0, &super::entity_of_tokens(&doc));
        assert!(!tree.says_something(1), "said as {said_rel}");
        assert_eq!(
            super::clause::clause_path(&tree, 5),
            [5, 1],
            "said as {said_rel}"
        );
    }
}

/// "Chile imposed sanctions on Peru, chief negotiator Ana Diaz said.", with the title hung
/// on the name or (a parser's error) as a conjunct of "Peru": the title is the speaker's,
/// not a second party of the sanctions.
#[test]
fn a_speakers_title_belongs_to_the_speaker() {
    for (title_head, title_rel) in [(9, "nmod:desc"), (5, "conj")] {
        let doc = doc(
            &format!(
                "Chile PROPN NNP Chile 2 nsubj
                 imposed VERB VBD impose 0 root
                 sanctions NOUN NNS sanction 2 obj
                 on ADP IN on 5 case
                 Peru PROPN NNP Peru 2 obl
                 , PUNCT , , 8 punct
                 chief ADJ JJ chief 8 amod
                 negotiator NOUN NN negotiator {title_head} {title_rel}
                 Ana PROPN NNP Ana 11 nsubj
                 Diaz PROPN NNP Diaz 9 flat
                 said VERB VBD say 2 parataxis
                 . PUNCT . . 2 punct"
            ),
            &[
                CHILE_PERU[0].clone(),
                CHILE_PERU[1].clone(),
                person((9, 10), "Ana Diaz"),
            ],
        );
        let found = events(&doc);
        let imposed = event(&doc, &found, "imposed");
        assert_eq!(
            sources(&doc, imposed),
            ["chief negotiator Ana Diaz"],
            "title as {title_rel}"
        );
        assert_eq!(
            names(&doc, &imposed.recipients),
            ["Peru"],
            "title as {title_rel}"
        );
    }
}

/// "Chile's envoy, Ana Diaz, met Peru's president.": the envoy and the name set off by commas
/// are one person, read as an apposition or (a parser's error) as a coordination without
/// "and". Who meets is Ana Diaz either way, not Chile beside her.
#[test]
fn a_description_and_the_name_after_its_comma_are_one_person() {
    for name_rel in ["appos", "conj"] {
        let doc = doc(
            &format!(
                "Chile PROPN NNP Chile 3 nmod:poss
                 's PART POS 's 1 case
                 envoy NOUN NN envoy 8 nsubj
                 , PUNCT , , 5 punct
                 Ana PROPN NNP Ana 3 {name_rel}
                 Diaz PROPN NNP Diaz 5 flat
                 , PUNCT , , 5 punct
                 met VERB VBD meet 0 root
                 Peru PROPN NNP Peru 11 nmod:poss
                 's PART POS 's 9 case
                 president NOUN NN president 8 obj
                 . PUNCT . . 8 punct"
            ),
            &[
                place((1, 1), "Chile", "CHL"),
                person((5, 6), "Ana Diaz"),
                place((9, 9), "Peru", "PER"),
            ],
        );
        let found = events(&doc);
        let met = event(&doc, &found, "met");
        assert_eq!(
            names(&doc, &met.actors),
            ["Ana Diaz"],
            "the name as {name_rel}"
        );
    }
}

/// "Lima - According to Andina, Ana Diaz is set to visit Chile.": the dateline is no subject,
/// whether the parser gave the verb a second subject (the name) or hung the "according to"
/// phrase and the name on the dateline as appositions. Ana Diaz visits, on Andina's word.
#[test]
fn a_dateline_is_no_subject() {
    let shapes = [
        // (the agency's head and relation, the name's head and relation, the dash's head)
        ((10, "obl"), (10, "nsubj"), 1),
        ((1, "appos"), (5, "appos"), 1),
        // (the dash hung on the phrase after it)
        ((1, "appos"), (5, "appos"), 7),
    ];
    for ((agency_head, agency_rel), (name_head, name_rel), dash_head) in shapes {
        let doc = doc(
            &format!(
                "Lima PROPN NNP Lima 10 nsubj
                 - PUNCT , - {dash_head} punct
                 According VERB VBG accord 5 case
                 to ADP IN to 3 fixed
                 Andina PROPN NNP Andina {agency_head} {agency_rel}
                 , PUNCT , , 7 punct
                 Ana PROPN NNP Ana {name_head} {name_rel}
                 Diaz PROPN NNP Diaz 7 flat
                 is AUX VBZ be 10 cop
                 set ADJ JJ set 0 root
                 to PART TO to 12 mark
                 visit VERB VB visit 10 xcomp
                 Chile PROPN NNP Chile 12 obj
                 . PUNCT . . 10 punct"
            ),
            &[
                place((1, 1), "Lima", "PER"),
                organization((5, 5), "Andina", "PER"),
                person((7, 8), "Ana Diaz"),
                place((13, 13), "Chile", "CHL"),
            ],
        );
        let found = events(&doc);
        let visit = event(&doc, &found, "visit");
        assert_eq!(
            names(&doc, &visit.actors),
            ["Ana Diaz"],
            "the name as {name_rel}"
        );
        assert_eq!(sources(&doc, visit), ["Andina"], "the name as {name_rel}");
    }
}

/// "Chile imposed sanctions on Peru, the newspaper Andina reported.", with "reported" hung
/// as a relative clause on "newspaper" (itself hung on the full stop), or as UD has it: the
/// newspaper Andina reports the sentence either way.
#[test]
fn a_reporting_clause_hung_on_its_speakers_title_reports_the_sentence() {
    for (newspaper, reported) in [
        ((11, "nsubj"), (8, "acl:relcl")),
        ((9, "nmod:desc"), (2, "parataxis")),
    ] {
        let doc = doc(
            &format!(
                "Chile PROPN NNP Chile 2 nsubj
                 imposed VERB VBD impose 0 root
                 sanctions NOUN NNS sanction 2 obj
                 on ADP IN on 5 case
                 Peru PROPN NNP Peru 2 obl
                 , PUNCT , , 8 punct
                 the DET DT the 8 det
                 newspaper NOUN NN newspaper {} {}
                 Andina PROPN NNP Andina 10 nsubj
                 reported VERB VBD report {} {}
                 . PUNCT . . 2 punct",
                newspaper.0, newspaper.1, reported.0, reported.1
            ),
            &[
                place((1, 1), "Chile", "CHL"),
                place((5, 5), "Peru", "PER"),
                organization((9, 9), "Andina", "PER"),
            ],
        );
        let found = events(&doc);
        let imposed = event(&doc, &found, "imposed");
        assert_eq!(
            sources(&doc, imposed),
            ["the newspaper Andina"],
            "reported as {}",
            reported.1
        );
        assert_eq!(
            names(&doc, &imposed.actors),
            ["Chile"],
            "reported as {}",
            reported.1
        );
    }
}

mod clauses;
