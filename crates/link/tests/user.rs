//! Coding by user dictionaries (PETRARCH actor and agent files), with the committed knowledge
//! base, on hand-tagged token sequences without recognized mentions: every entity here comes
//! from a dictionary match.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use tidings_doc::{Article, Doc, Label, Published, Sentence, Span, Token, TokenSyntax};
use tidings_kb::Kb;
use tidings_link::Linker;

const ACTORS: &str = "\
ARNOR_  [ARN]
DAGOLATH  [DAG]
+TELEMAR

GONDOR [GON]
+MINAS_TIRITH
ERIADOR  [ERI]
+ERIADORIAN
OSGILIATH  [OSG]
CARAS GALADHON [ELF]
THE_SHIRE  [FRO/BIL/SAM]

GOLLUM
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
";

const AGENTS: &str = "\
PRIME_MINISTER  [~GOV]
MSF {}  [NGO~]
DIPLOMAT  [~GOV]
SOLDIER  [~MIL]
";

/// The dictionaries written to a folder of this test's own (tests run in parallel).
fn dictionaries() -> (PathBuf, PathBuf) {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("tidings-link-user-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let actors = dir.join("test.actors.txt");
    let agents = dir.join("test.agents.txt");
    std::fs::write(&actors, ACTORS).unwrap();
    std::fs::write(&agents, AGENTS).unwrap();
    (actors, agents)
}

fn kb() -> Kb {
    Kb::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/kb")).expect("committed kb")
}

fn linker() -> Linker {
    let (actors, agents) = dictionaries();
    let mut kb = kb();
    kb.add_actors(&actors).unwrap();
    kb.add_agents(&agents).unwrap();
    Linker::with_kb(Arc::new(kb))
}

/// A one-sentence Doc from `word/UPOS` pieces separated by spaces, published on `date`.
fn doc(tagged: &str, date: &str) -> Doc {
    let pieces: Vec<(&str, &str)> = tagged
        .split(' ')
        .map(|p| p.rsplit_once('/').expect("word/UPOS"))
        .collect();
    let text = pieces.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(" ");
    let mut d = Doc::new(Article {
        text,
        published: Some(date.parse::<Published>().unwrap()),
        ..Article::default()
    });
    let mut at = 0;
    for (word, upos) in &pieces {
        let n = word.chars().count();
        d.tokens.push(Token {
            span: Span::new(at, at + n),
            space_after: true,
        });
        d.syntax.push(TokenSyntax {
            upos: Label::new(upos),
            xpos: Label::new(upos),
            lemma: word.to_lowercase(),
            head: None,
            deprel: Label::new("dep"),
        });
        at += n + 1;
    }
    d.sentences.push(Sentence {
        span: Span::new(0, at - 1),
        tokens: 0..d.tokens.len(),
    });
    d
}

/// The code of the entity whose mentions cover `words` exactly.
fn code_of(linker: &Linker, d: &Doc, words: &str) -> Option<String> {
    let at = d.text().find(words).expect("words in the text");
    let span = d.span_of_bytes(at, at + words.len());
    let entities = linker.entities(d);
    let found = entities
        .iter()
        .find(|e| e.mentions.contains(&span))
        .unwrap_or_else(|| panic!("no entity for {words:?} in {entities:#?}"));
    found.code.clone()
}

#[test]
fn dictionary_names_become_entities_with_their_codes() {
    let l = linker();
    let d = doc(
        "An/DET Eriadorian/ADJ was/AUX shot/VERB in/ADP Osgiliath/PROPN near/ADP Caras/PROPN \
         Galadhon/PROPN and/CCONJ the/DET Shire/PROPN ./PUNCT",
        "1995-01-01",
    );
    assert_eq!(code_of(&l, &d, "Eriadorian").as_deref(), Some("ERI"));
    assert_eq!(code_of(&l, &d, "Osgiliath").as_deref(), Some("OSG"));
    assert_eq!(code_of(&l, &d, "Caras Galadhon").as_deref(), Some("ELF"));
    assert_eq!(code_of(&l, &d, "Shire").as_deref(), Some("FRO/BIL/SAM"));
}

#[test]
fn agents_combine_with_the_actor_around_them() {
    let l = linker();
    let d = doc(
        "Dagolath/PROPN 's/PART first/ADJ Deputy/PROPN Prime/PROPN Minister/PROPN Telemar/PROPN \
         left/VERB for/ADP Minas/PROPN Tirith/PROPN with/ADP an/DET MSF/PROPN Arnor/PROPN \
         diplomat/NOUN and/CCONJ soldiers/NOUN from/ADP Gondor/PROPN ./PUNCT",
        "1995-01-01",
    );
    let telemar = "Dagolath 's first Deputy Prime Minister Telemar";
    assert_eq!(code_of(&l, &d, telemar).as_deref(), Some("DAGGOV"));
    assert_eq!(code_of(&l, &d, "Minas Tirith").as_deref(), Some("GON"));
    assert_eq!(
        code_of(&l, &d, "MSF Arnor diplomat").as_deref(),
        Some("NGOARNGOV")
    );
    assert_eq!(code_of(&l, &d, "Arnor").as_deref(), Some("ARN"));
    assert_eq!(
        code_of(&l, &d, "soldiers from Gondor").as_deref(),
        Some("GONMIL")
    );
}

#[test]
fn a_possessive_names_whom_a_role_serves() {
    let l = linker();
    let d = doc(
        "Arnor/PROPN 's/PART awful/ADJ and/CCONJ evil/ADJ prime/ADJ minister/NOUN Telemar/PROPN \
         warned/VERB Gondor/PROPN 's/PART Telemar/PROPN ./PUNCT",
        "1995-01-01",
    );
    let minister = "Arnor 's awful and evil prime minister Telemar";
    assert_eq!(code_of(&l, &d, minister).as_deref(), Some("ARNGOV"));
    // Without a role, a name keeps its own entry's code.
    let at = d.text().rfind("Telemar").unwrap();
    let last = d.span_of_bytes(at, at + "Telemar".len());
    let entities = l.entities(&d);
    let own = entities
        .iter()
        .find(|e| e.mentions.contains(&last))
        .unwrap();
    assert_eq!(own.code.as_deref(), Some("DAG"));
}

#[test]
fn dated_codes_follow_the_article_date() {
    let l = linker();
    let sentence = "Smeagol/PROPN restored/VERB ties/NOUN ./PUNCT";
    assert_eq!(
        code_of(&l, &doc(sentence, "1990-01-01"), "Smeagol").as_deref(),
        Some("HOB")
    );
    assert_eq!(
        code_of(&l, &doc(sentence, "1997-01-01"), "Smeagol").as_deref(),
        Some("HOBGOV")
    );
}

#[test]
fn without_user_dictionaries_nothing_is_added() {
    let l = Linker::with_kb(Arc::new(kb()));
    let d = doc(
        "Arnor/PROPN signed/VERB with/ADP Gondor/PROPN ./PUNCT",
        "1995-01-01",
    );
    assert!(l.entities(&d).is_empty());
}
