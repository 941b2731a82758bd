//! Shapes of clauses: which word is the subject, what a verb of saying or a refusal takes,
//! and what governs an infinitive, however the parser labelled them.

use super::*;
use crate::coder::{entity_of_tokens, Tree};

/// "Beijing denied reports that hackers attacked Chile", with "reports" mistagged a verb and
/// hung on "denied" as ccomp or iobj: the attack is what Beijing denied, either way.
#[test]
fn what_a_verb_of_saying_takes_is_what_it_says_whatever_the_label() {
    for reports_rel in ["ccomp", "iobj", "obj"] {
        let doc = doc(
            &format!(
                "Beijing PROPN NNP Beijing 2 nsubj
                 denied VERB VBD deny 0 root
                 reports VERB VBZ report 2 {reports_rel}
                 that SCONJ IN that 7 mark
                 Chinese ADJ JJ chinese 6 amod
                 hackers NOUN NNS hacker 7 nsubj
                 attacked VERB VBD attack 3 ccomp
                 Chile PROPN NNP Chile 7 obj
                 . PUNCT . . 2 punct"
            ),
            &[
                place((1, 1), "Beijing", "CHN"),
                place((8, 8), "Chile", "CHL"),
            ],
        );
        let found = events(&doc);
        let attacked = event(&doc, &found, "attacked");
        assert_eq!(
            sources(&doc, attacked),
            ["Beijing"],
            "reports as {reports_rel}"
        );
    }
}

/// "The rebels on Sunday attacked Chile", with "Sunday" hung as a second subject (a
/// parser's slip) or as the time it is: the rebels are the subject either way, though
/// neither names an entity and "Sunday" stands nearer the verb.
#[test]
fn a_phrase_with_its_own_preposition_is_the_last_choice_of_subject() {
    for (sunday_rel, on_rel) in [("obl", "case"), ("nsubj", "case")] {
        let doc = doc(
            &format!(
                "The DET DT the 2 det
                 rebels NOUN NNS rebel 5 nsubj
                 on ADP IN on 4 {on_rel}
                 Sunday PROPN NNP Sunday 5 {sunday_rel}
                 attacked VERB VBD attack 0 root
                 Chile PROPN NNP Chile 5 obj
                 . PUNCT . . 5 punct"
            ),
            &[place((6, 6), "Chile", "CHL")],
        );
        let tree = Tree::new(&doc, 0, &entity_of_tokens(&doc));
        // (0-based: "rebels" 1, "attacked" 4)
        assert_eq!(tree.subject(4), Some(1), "Sunday as {sunday_rel}");
    }
}

/// "Diaz is set to meet Ana Lopez", with the infinitive hung on "set" as xcomp, as a purpose
/// clause or (a parser's slip) as its subject: a planned meeting of Diaz's either way.
#[test]
fn what_someone_is_set_to_do_is_planned_however_the_infinitive_is_hung() {
    for meet_rel in ["xcomp", "advcl", "csubj"] {
        let doc = doc(
            &format!(
                "Diaz PROPN NNP Diaz 3 nsubj
                 is AUX VBZ be 3 cop
                 set ADJ JJ set 0 root
                 to PART TO to 5 mark
                 meet VERB VB meet 3 {meet_rel}
                 Ana PROPN NNP Ana 5 obj
                 Lopez PROPN NNP Lopez 6 flat
                 . PUNCT . . 3 punct"
            ),
            &[person((1, 1), "Diaz"), person((6, 7), "Ana Lopez")],
        );
        let found = events(&doc);
        let meet = event(&doc, &found, "meet");
        assert_eq!(
            meet.status,
            tidings_doc::EventStatus::Planned,
            "meet as {meet_rel}"
        );
        assert_eq!(names(&doc, &meet.actors), ["Diaz"], "meet as {meet_rel}");
    }
}

/// "Chile rejected an invitation to attend talks", with the infinitive hung on the verb as a
/// purpose or on the noun: the attending is what Chile turned down, not an event that
/// happened beside the refusal.
#[test]
fn what_a_refusal_turns_down_is_part_of_the_refusal() {
    for (attend_head, attend_rel) in [(2, "advcl"), (4, "acl")] {
        let doc = doc(
            &format!(
                "Chile PROPN NNP Chile 2 nsubj
                 rejected VERB VBD reject 0 root
                 an DET DT a 4 det
                 invitation NOUN NN invitation 2 obj
                 to PART TO to 6 mark
                 attend VERB VB attend {attend_head} {attend_rel}
                 talks NOUN NNS talk 6 obj
                 with ADP IN with 9 case
                 Peru PROPN NNP Peru 7 nmod
                 . PUNCT . . 2 punct"
            ),
            CHILE_PERU_AT_1_9,
        );
        let found = events(&doc);
        event(&doc, &found, "rejected");
        assert!(
            found.iter().all(|e| doc.slice(e.trigger) != "attend"),
            "attend as {attend_rel}: {found:?}"
        );
    }
}

const CHILE_PERU_AT_1_9: &[Named] = &[place((1, 1), "Chile", "CHL"), place((9, 9), "Peru", "PER")];

/// "A bomb exploded at the French embassy in Bamako", with the verb hung as a clause on "bomb"
/// (tagged as a past tense or as a participle) or as the root it is: the same attack, by
/// unknown hands coded by where it happened, on the same embassy.
#[test]
fn a_main_verb_hung_on_its_subject_is_still_the_main_verb() {
    let coded = |verb_head: usize, verb_rel: &str, xpos: &str| {
        let misparsed = verb_head != 0;
        let doc = doc(
            &format!(
                "A DET DT a 2 det
                 bomb NOUN NN bomb {bomb_head} {bomb_rel}
                 exploded VERB {xpos} explode {verb_head} {verb_rel}
                 at ADP IN at 7 case
                 the DET DT the 7 det
                 French ADJ JJ french 7 amod
                 embassy NOUN NN embassy 3 obl
                 in ADP IN in 9 case
                 Bamako PROPN NNP Bamako 7 nmod
                 . PUNCT . . {top} punct",
                bomb_head = if misparsed { 0 } else { 3 },
                bomb_rel = if misparsed { "root" } else { "nsubj" },
                top = if misparsed { 2 } else { 3 },
            ),
            &[
                organization((6, 7), "French embassy", "FRA"),
                place((9, 9), "Bamako", "MLI"),
            ],
        );
        let found = events(&doc);
        let exploded = event(&doc, &found, "exploded");
        (
            exploded.kind.clone(),
            names(&doc, &exploded.actors),
            names(&doc, &exploded.recipients),
        )
    };
    let parsed_right = coded(0, "root", "VBD");
    assert_eq!(parsed_right.2, ["French embassy"], "{parsed_right:?}");
    for xpos in ["VBD", "VBN"] {
        assert_eq!(
            coded(2, "acl", xpos),
            parsed_right,
            "exploded as {xpos}, acl"
        );
    }
}
