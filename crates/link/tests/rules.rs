//! Linking rules on hand-tagged sentences with hand-placed mentions, with the committed
//! knowledge base: appositions, international offices, places chosen by their sentence,
//! possessive bodies and groups coded from their words. The people named are invented.

use std::path::Path;
use std::sync::Arc;
use tidings_doc::{
    Article, Doc, EntityType, Label, Mention, Published, Sentence, Span, Token, TokenSyntax,
};
use tidings_kb::Kb;
use tidings_link::Linker;

fn linker() -> &'static Linker {
    static LINKER: std::sync::OnceLock<Linker> = std::sync::OnceLock::new();
    LINKER.get_or_init(|| {
        let kb = Kb::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/kb"))
            .expect("committed kb");
        Linker::with_kb(Arc::new(kb))
    })
}

/// A one-sentence Doc from `word/UPOS` pieces separated by spaces (a piece written `+word/UPOS`
/// is glued to the one before, as "-" and "led" in "Nigerian-led"), with the mentions given as
/// (words as written, type), published on 2005-06-01.
fn doc(tagged: &str, mentions: &[(&str, EntityType)]) -> Doc {
    let pieces: Vec<(bool, &str, &str)> = tagged
        .split(' ')
        .map(|p| {
            let (word, upos) = p.rsplit_once('/').expect("word/UPOS");
            match word.strip_prefix('+') {
                Some(glued) => (true, glued, upos),
                None => (false, word, upos),
            }
        })
        .collect();
    let mut text = String::new();
    let mut spans = Vec::new();
    for (glued, word, _) in &pieces {
        if !text.is_empty() && !glued {
            text.push(' ');
        }
        let at = text.chars().count();
        text.push_str(word);
        spans.push(Span::new(at, at + word.chars().count()));
    }
    let end = text.chars().count();
    let mut d = Doc::new(Article {
        text,
        published: Some("2005-06-01".parse::<Published>().unwrap()),
        ..Article::default()
    });
    for (k, (_, word, upos)) in pieces.iter().enumerate() {
        let space_after = pieces.get(k + 1).is_none_or(|(glued, _, _)| !glued);
        d.tokens.push(Token {
            span: spans[k],
            space_after,
        });
        d.syntax.push(TokenSyntax {
            upos: Label::new(upos),
            xpos: Label::new(upos),
            lemma: word.to_lowercase(),
            head: None,
            deprel: Label::new("dep"),
        });
    }
    d.sentences.push(Sentence {
        span: Span::new(0, end),
        tokens: 0..d.tokens.len(),
    });
    for (words, kind) in mentions {
        let at = d.text().find(words).expect("mention in the text");
        let span = d.span_of_bytes(at, at + words.len());
        d.mentions.push(Mention { span, kind: *kind });
    }
    d.mentions.sort_by_key(|m| m.span.start);
    d
}

/// The code (else the country) of the entity with a mention that covers `words` exactly.
fn code_of(d: &Doc, words: &str) -> Option<String> {
    let at = d.text().find(words).expect("words in the text");
    let span = d.span_of_bytes(at, at + words.len());
    let entities = linker().entities(d);
    let found = entities
        .iter()
        .find(|e| e.mentions.contains(&span))
        .unwrap_or_else(|| panic!("no entity for {words:?} in {entities:#?}"));
    found.code.clone().or_else(|| found.country.clone())
}

use EntityType::{Loc, Misc, Org, Person};

#[test]
fn a_person_takes_the_international_office_in_apposition() {
    let d = doc(
        "Elira/PROPN Quennis/PROPN ,/PUNCT the/DET United/PROPN Nations/PROPN refugee/NOUN \
         coordinator/NOUN ,/PUNCT demanded/VERB access/NOUN ./PUNCT",
        &[("Elira Quennis", Person), ("United Nations", Org)],
    );
    assert_eq!(code_of(&d, "Elira Quennis").as_deref(), Some("IGO"));
}

#[test]
fn an_office_named_after_an_international_organization_is_coded_as_it() {
    let d = doc(
        "The/DET United/PROPN Nations/PROPN Refugee/PROPN Coordinator/PROPN spoke/VERB ./PUNCT",
        &[("United Nations Refugee Coordinator", Org)],
    );
    let code = code_of(&d, "United Nations Refugee Coordinator").unwrap_or_default();
    assert!(code.starts_with("IGO"), "{code}");
}

#[test]
fn an_opening_apposition_codes_the_person_after_it() {
    let d = doc(
        "A/DET member/NOUN of/ADP the/DET Egyptian/ADJ parliament/NOUN ,/PUNCT Elira/PROPN \
         Quennis/PROPN ,/PUNCT began/VERB a/DET strike/NOUN ./PUNCT",
        &[("Egyptian", Misc), ("Elira Quennis", Person)],
    );
    let code = code_of(&d, "Elira Quennis").unwrap_or_default();
    assert!(code.starts_with("EGY"), "{code}");
    let d = doc(
        "Jordan/PROPN 's/PART emir/NOUN ,/PUNCT Sheikh/PROPN Rafiq/PROPN opened/VERB \
         talks/NOUN ./PUNCT",
        &[("Jordan", Loc), ("Sheikh Rafiq", Person)],
    );
    assert_eq!(code_of(&d, "Rafiq").as_deref(), Some("JOR"));
}

#[test]
fn adverbials_ages_and_lists_are_no_appositions() {
    let d = doc(
        "After/ADP talks/NOUN in/ADP Egypt/PROPN ,/PUNCT Elira/PROPN Quennis/PROPN \
         left/VERB ./PUNCT",
        &[("Egypt", Loc), ("Elira Quennis", Person)],
    );
    assert_eq!(code_of(&d, "Elira Quennis"), None);
    let d = doc(
        "Elira/PROPN Quennis/PROPN ,/PUNCT Egyptian/ADJ aunt/NOUN and/CCONJ nurse/NOUN \
         ,/PUNCT left/VERB ./PUNCT",
        &[("Elira Quennis", Person), ("Egyptian", Misc)],
    );
    assert_eq!(code_of(&d, "Elira Quennis"), None);
}

#[test]
fn an_ambiguous_city_follows_the_country_its_sentence_names() {
    let d = doc(
        "Shells/NOUN hit/VERB Tripoli/PROPN ,/PUNCT the/DET north/ADJ Lebanese/ADJ port/NOUN \
         ./PUNCT",
        &[("Tripoli", Loc), ("Lebanese", Misc)],
    );
    assert_eq!(code_of(&d, "Tripoli").as_deref(), Some("LBN"));
    let d = doc(
        "Shells/NOUN hit/VERB Tripoli/PROPN ./PUNCT",
        &[("Tripoli", Loc)],
    );
    assert_eq!(code_of(&d, "Tripoli").as_deref(), Some("LBY"));
}

#[test]
fn a_possessive_country_or_capital_names_the_body_after_it() {
    let d = doc(
        "Chad/PROPN 's/PART government/NOUN lifted/VERB the/DET curfew/NOUN ./PUNCT",
        &[("Chad", Loc)],
    );
    assert_eq!(code_of(&d, "Chad 's government").as_deref(), Some("TCDGOV"));
    let d = doc(
        "Nairobi/PROPN 's/PART police/NOUN chief/NOUN warned/VERB ./PUNCT",
        &[("Nairobi", Loc)],
    );
    let code = code_of(&d, "Nairobi 's police chief").unwrap_or_default();
    assert!(code.starts_with("KEN"), "{code}");
}

#[test]
fn a_people_naming_no_country_lives_where_its_phrase_says() {
    let d = doc(
        "Zorvani/PROPN villagers/NOUN of/ADP the/DET Turkish/ADJ highlands/NOUN \
         protested/VERB ./PUNCT",
        &[("Zorvani", Misc), ("Turkish", Misc)],
    );
    assert_eq!(code_of(&d, "Zorvani").as_deref(), Some("TUR"));
}

#[test]
fn a_name_before_a_group_noun_is_a_group_of_the_country_its_sentence_names() {
    let d = doc(
        "The/DET Zorvan/PROPN (/PUNCT Dawn/PROPN )/PUNCT party/NOUN will/AUX boycott/VERB \
         Ghana/PROPN 's/PART elections/NOUN ./PUNCT",
        &[("Zorvan", Misc), ("Dawn", Org), ("Ghana", Loc)],
    );
    assert_eq!(code_of(&d, "Zorvan").as_deref(), Some("GHA"));
    let entities = linker().entities(&d);
    let zorvan = entities.iter().find(|e| e.name == "Zorvan").unwrap();
    assert_eq!(zorvan.kind, Org);
}

#[test]
fn civil_groups_named_by_role_or_by_a_worldwide_name_are_ngos() {
    let d = doc(
        "Police/NOUN beat/VERB protesters/NOUN ,/PUNCT a/DET human/ADJ rights/NOUN group/NOUN \
         said/VERB ./PUNCT",
        &[],
    );
    assert_eq!(code_of(&d, "a human rights group").as_deref(), Some("NGO"));
    let d = doc(
        "The/DET Global/PROPN Soil/PROPN Alliance/PROPN urged/VERB Peru/PROPN to/PART act/VERB \
         ./PUNCT",
        &[("Global Soil Alliance", Misc), ("Peru", Loc)],
    );
    assert_eq!(code_of(&d, "Global Soil Alliance").as_deref(), Some("NGO"));
    // A worldwide word without an association's head names no association.
    let d = doc(
        "The/DET Global/PROPN Soil/PROPN Times/PROPN reported/VERB ./PUNCT",
        &[("Global Soil Times", Org)],
    );
    assert_eq!(code_of(&d, "Global Soil Times"), None);
}

#[test]
fn historical_demonyms_and_forces_led_by_a_country() {
    // "Kampuchean": the knowledge base lists Kampuchea as a name of Cambodia, not its demonym.
    let d = doc(
        "Shells/NOUN hit/VERB Kampuchean/ADJ villages/NOUN ./PUNCT",
        &[("Kampuchean", Misc)],
    );
    assert_eq!(code_of(&d, "Kampuchean").as_deref(), Some("KHM"));
    let d = doc(
        "Nigerian/ADJ +-/PUNCT +led/VERB forces/NOUN entered/VERB the/DET town/NOUN ./PUNCT",
        &[],
    );
    let at = d.text().find("Nigerian").unwrap();
    let entities = linker().entities(&d);
    let forces = entities
        .iter()
        .find(|e| e.mentions.iter().any(|m| m.start == at))
        .expect("a group for the forces");
    assert_eq!(forces.code.as_deref(), Some("NGAMIL"));
}

#[test]
fn an_organization_name_cut_short_takes_the_opening_the_dictionaries_give() {
    let d = doc(
        "Leaders/NOUN of/ADP the/DET Asia/PROPN +-/PUNCT +Pacific/PROPN Economic/PROPN \
         Cooperation/PROPN met/VERB ./PUNCT",
        &[("Economic Cooperation", Org)],
    );
    let code = code_of(&d, "Asia-Pacific Economic Cooperation").unwrap_or_default();
    assert!(code.starts_with("IGO"), "{code}");
}

#[test]
fn a_group_noun_may_follow_a_gloss_and_modifiers() {
    let d = doc(
        "Leaders/NOUN of/ADP the/DET Zorvan/PROPN (/PUNCT Dawn/PROPN )/PUNCT opposition/NOUN \
         coalition/NOUN marched/VERB in/ADP Accra/PROPN ./PUNCT",
        &[("Zorvan ( Dawn", Misc), ("Accra", Loc)],
    );
    assert_eq!(code_of(&d, "Zorvan ( Dawn").as_deref(), Some("GHA"));
    // A name and a verb: no group noun follows.
    let d = doc(
        "Zorvan/PROPN said/VERB the/DET party/NOUN marched/VERB in/ADP Accra/PROPN ./PUNCT",
        &[("Zorvan", Person), ("Accra", Loc)],
    );
    let entities = linker().entities(&d);
    let zorvan = entities.iter().find(|e| e.name == "Zorvan").unwrap();
    assert_eq!(zorvan.kind, Person);
}

#[test]
fn a_possessive_before_an_ally_names_whom_the_group_serves_not_where_it_is() {
    let d = doc(
        "Rebels/NOUN shot/VERB the/DET leader/NOUN of/ADP Chad/PROPN 's/PART militia/NOUN \
         ally/NOUN in/ADP northern/ADJ Niger/PROPN ./PUNCT",
        &[("Chad", Loc), ("Niger", Loc)],
    );
    let code = code_of(&d, "Chad 's militia").unwrap_or_default();
    assert!(code.starts_with("NER"), "{code}");
    // Without the relational noun the possessive is the group's country.
    let d = doc(
        "Rebels/NOUN shot/VERB the/DET leader/NOUN of/ADP Chad/PROPN 's/PART militia/NOUN \
         ./PUNCT",
        &[("Chad", Loc)],
    );
    let code = code_of(&d, "Chad 's militia").unwrap_or_default();
    assert!(code.starts_with("TCD"), "{code}");
}

#[test]
fn a_place_name_that_goes_on_with_a_capitalized_role_is_no_description() {
    let d = doc(
        "Guards/NOUN left/VERB Nairobi/PROPN Barracks/PROPN at/ADP dawn/NOUN ./PUNCT",
        &[("Nairobi Barracks", Loc)],
    );
    let entities = linker().entities(&d);
    assert!(entities.iter().all(|e| e.kind != Org), "{entities:#?}");
}

#[test]
fn name_particles_join_the_parts_of_one_name() {
    let d = doc(
        "Sheikh/PROPN Rashid/PROPN bin/PROPN Tariq/PROPN arrived/VERB ./PUNCT",
        &[("Sheikh Rashid", Person), ("Tariq", Person)],
    );
    let entities = linker().entities(&d);
    let people: Vec<&str> = entities
        .iter()
        .filter(|e| e.kind == Person)
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(people, ["Rashid bin Tariq"]);
    // A particle between two names joins nothing but names.
    let d = doc(
        "Rashid/PROPN bin/PROPN Tariq/PROPN met/VERB Lina/PROPN de/ADP Pol/PROPN ./PUNCT",
        &[
            ("Rashid", Person),
            ("Tariq", Person),
            ("Lina", Person),
            ("Pol", Loc),
        ],
    );
    let entities = linker().entities(&d);
    assert!(entities.iter().any(|e| e.name == "Lina"), "{entities:#?}");
}

#[test]
fn a_demonym_qualifying_others_gives_no_country_to_an_official_after_it() {
    let d = doc(
        "Ghana/PROPN paid/VERB British/ADJ nationals/NOUN whom/PRON former/ADJ dictator/NOUN \
         Kojo/PROPN Amale/PROPN expelled/VERB ./PUNCT",
        &[("Ghana", Loc), ("British", Misc), ("Kojo Amale", Person)],
    );
    assert_eq!(
        code_of(&d, "Kojo Amale").as_deref().map(|c| &c[..3]),
        Some("GHA")
    );
}

/// The name of the entity with a mention that covers `words` exactly (the last such words in
/// the text), if one has.
fn holder_of(d: &Doc, words: &str) -> Option<String> {
    let at = d.text().rfind(words).expect("words in the text");
    let span = d.span_of_bytes(at, at + words.len());
    linker()
        .entities(d)
        .into_iter()
        .find(|e| e.mentions.contains(&span))
        .map(|e| e.name)
}

#[test]
fn a_title_without_a_country_is_its_only_holder_named_before() {
    let d = doc(
        "President/PROPN Elira/PROPN Quennis/PROPN met/VERB Dov/PROPN Arkel/PROPN ;/PUNCT \
         the/DET President/PROPN said/VERB he/PRON was/AUX pleased/ADJ ./PUNCT",
        &[("Elira Quennis", Person), ("Dov Arkel", Person)],
    );
    assert_eq!(
        holder_of(&d, "the President").as_deref(),
        Some("Elira Quennis")
    );
    // A President-elect is not the President.
    let d = doc(
        "President/PROPN Elira/PROPN Quennis/PROPN met/VERB President/PROPN +-/PUNCT \
         +elect/NOUN Dov/PROPN Arkel/PROPN ;/PUNCT the/DET President/PROPN said/VERB he/PRON \
         was/AUX pleased/ADJ ./PUNCT",
        &[("Elira Quennis", Person), ("Dov Arkel", Person)],
    );
    assert_eq!(
        holder_of(&d, "the President").as_deref(),
        Some("Elira Quennis")
    );
}

#[test]
fn a_title_two_people_hold_stays_unlinked() {
    let d = doc(
        "President/PROPN Elira/PROPN Quennis/PROPN met/VERB President/PROPN Dov/PROPN \
         Arkel/PROPN ;/PUNCT the/DET President/PROPN said/VERB he/PRON was/AUX \
         pleased/ADJ ./PUNCT",
        &[("Elira Quennis", Person), ("Dov Arkel", Person)],
    );
    assert_eq!(holder_of(&d, "the President"), None);
    // "the President of Ruritania" is another country's.
    let d = doc(
        "President/PROPN Elira/PROPN Quennis/PROPN met/VERB the/DET President/PROPN of/ADP \
         Chad/PROPN ./PUNCT",
        &[("Elira Quennis", Person), ("Chad", Loc)],
    );
    assert_eq!(holder_of(&d, "the President"), None);
}

#[test]
fn a_legislature_named_alone_is_the_one_country_of_the_article() {
    let d = doc(
        "Chilean/ADJ minister/NOUN Elira/PROPN Quennis/PROPN left/VERB Chile/PROPN and/CCONJ \
         wrote/VERB to/ADP Congress/PROPN ./PUNCT",
        &[
            ("Chilean", Misc),
            ("Elira Quennis", Person),
            ("Chile", Loc),
            ("Congress", Org),
        ],
    );
    assert_eq!(code_of(&d, "Congress").as_deref(), Some("CHLLEG"));
    // With two countries in the article, whose it is stays unknown.
    let d = doc(
        "Chilean/ADJ minister/NOUN Elira/PROPN Quennis/PROPN left/VERB Peru/PROPN and/CCONJ \
         wrote/VERB to/ADP Congress/PROPN ./PUNCT",
        &[
            ("Chilean", Misc),
            ("Elira Quennis", Person),
            ("Peru", Loc),
            ("Congress", Org),
        ],
    );
    assert_eq!(code_of(&d, "Congress"), None);
}

#[test]
fn an_organization_the_dictionaries_know_typed_as_a_place_is_an_organization() {
    let d = doc(
        "Elira/PROPN Quennis/PROPN wrote/VERB on/ADP her/PRON Instagram/PROPN page/NOUN \
         ./PUNCT",
        &[("Elira Quennis", Person), ("Instagram", Loc)],
    );
    let entities = linker().entities(&d);
    let platform = entities
        .iter()
        .find(|e| e.name == "Instagram")
        .expect("Instagram");
    assert_eq!(platform.kind, Org, "{platform:?}");
    assert_eq!(platform.code.as_deref(), Some("USABUS"));
}

#[test]
fn a_state_body_abroad_stays_its_own_states() {
    // CAMEO codes "a German consulate in Afghanistan" DEUGOV and "Turkish troops in Syria"
    // TURMIL; a people living somewhere is still of where it lives (above).
    let d = doc(
        "A/DET bomber/NOUN hit/VERB a/DET German/ADJ consulate/NOUN in/ADP Afghanistan/PROPN \
         ./PUNCT",
        &[("German", Misc), ("Afghanistan", Loc)],
    );
    assert_eq!(code_of(&d, "German consulate").as_deref(), Some("DEUGOV"));
    let d = doc(
        "Turkish/ADJ troops/NOUN in/ADP Syria/PROPN shelled/VERB a/DET village/NOUN ./PUNCT",
        &[("Turkish", Misc), ("Syria", Loc)],
    );
    assert_eq!(code_of(&d, "Turkish troops").as_deref(), Some("TURMIL"));
}

#[test]
fn a_consulate_is_a_body_not_a_person() {
    // A singular role with a country refers to a person ("the German minister"); a consulate,
    // like an embassy, is a body, never the person named after it.
    let d = doc(
        "Militants/NOUN attacked/VERB the/DET German/ADJ consulate/NOUN ./PUNCT Ahmad/PROPN \
         Zia/PROPN said/VERB the/DET consulate/NOUN was/AUX hit/VERB ./PUNCT",
        &[("German", Misc), ("Ahmad Zia", Person)],
    );
    assert_eq!(
        code_of(&d, "the German consulate").as_deref(),
        Some("DEUGOV")
    );
    let entities = linker().entities(&d);
    let zia = entities
        .iter()
        .find(|e| e.name == "Ahmad Zia")
        .expect("Ahmad Zia");
    assert_eq!(zia.mentions.len(), 1, "{zia:#?}");
}
