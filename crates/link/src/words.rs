//! A view of the Doc's tokens for linking: text, case, part of speech, and the closed-class
//! words that end a title or a name's premodifiers.

use crate::titles::CountryWord;
use std::borrow::Cow;
use tidings_doc::{Doc, Span};
use tidings_kb::Kb;

/// One token as linking sees it.
#[derive(Debug, Clone)]
pub struct Word<'d> {
    pub text: &'d str,
    /// The text lowercased: borrowed when it has no capital (most words), since every token
    /// gets one and few are asked for it.
    pub lower: Cow<'d, str>,
    pub span: Span,
    /// Universal POS from the syntax layer, when it ran.
    pub upos: Option<&'d str>,
    pub sentence: usize,
    /// Whether a country name, demonym or metonym may start with the word, asked of the
    /// knowledge base once: country phrases of every length are tried at each capitalized word.
    country_head: std::cell::OnceCell<bool>,
    /// The country named by each phrase of 1 to [`MAX_PHRASE`] words starting at the word, kept
    /// once asked: descriptions, titles, appositions and context all look for countries at the
    /// same words. Boxed, and made on first use, since most words are never asked.
    country_phrases: std::cell::OnceCell<Box<[std::cell::OnceCell<Option<CountryWord>>; MAX_PHRASE]>>,
}

/// The longest phrase whose country [`Word::country_phrase`] keeps.
pub(crate) const MAX_PHRASE: usize = 4;

impl<'d> Word<'d> {
    pub fn new(text: &'d str, span: Span, upos: Option<&'d str>, sentence: usize) -> Word<'d> {
        Word {
            text,
            lower: lowercase(text),
            span,
            upos,
            sentence,
            country_head: std::cell::OnceCell::new(),
            country_phrases: std::cell::OnceCell::new(),
        }
    }

    /// [`Kb::may_start_country_name`] of the word's text.
    pub fn may_start_country_name(&self, kb: &Kb) -> bool {
        *self
            .country_head
            .get_or_init(|| kb.may_start_country_name(self.text))
    }

    /// The country of the phrase of `len` words starting at this word, `find` asked once.
    pub(crate) fn country_phrase(
        &self,
        len: usize,
        find: impl FnOnce() -> Option<CountryWord>,
    ) -> Option<CountryWord> {
        let cells = self.country_phrases.get_or_init(Box::default);
        match len.checked_sub(1).and_then(|i| cells.get(i)) {
            Some(cell) => cell.get_or_init(find).clone(),
            None => find(),
        }
    }

    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_punct(&self) -> bool {
        self.text.chars().all(|c| !c.is_alphanumeric())
    }

    /// A word that can stand inside a title or a premodifier sequence ("US Secretary of State",
    /// "North Korean state affairs commission vice chair", "the Russian daily"): nouns,
    /// adjectives and proper nouns, never verbs, determiners, pronouns or punctuation.
    pub fn is_title_word(&self) -> bool {
        if self.is_punct() || is_stop(&self.lower) {
            return false;
        }
        match self.upos {
            Some(tag) => matches!(tag, "NOUN" | "PROPN" | "ADJ" | "X"),
            // Without tags: capitalized words and lowercase words that are not closed-class.
            None => true,
        }
    }
}

/// Closed-class words that end a title scan whatever the tagger says. (A `match` rather than a
/// scan of a list: it is asked of most words that titles and descriptions are looked for in.)
fn is_stop(lower: &str) -> bool {
    matches!(
        lower,
        "the" | "a" | "an" | "and" | "or" | "but" | "nor" | "that" | "which" | "who" | "whom" | "whose" | "this" | "these" | "those" | "his" | "her" | "its" | "their" | "our" | "my" | "your" | "he" | "she" | "it" | "they" | "we" | "i" | "you" | "to" | "in" | "on" | "at" | "by" | "for" | "with" | "from" | "as" | "than" | "said" | "says" | "told" | "according" | "while" | "when" | "after" | "before" | "since" | "if" | "not" | "also" | "then" | "there" | "here" | "was" | "were" | "is" | "are" | "be" | "been" | "has" | "have" | "had" | "will" | "would" | "can" | "could" | "may" | "might" | "should" | "must"
    )
}

/// `text.to_lowercase()`, borrowing `text` where that changes nothing.
fn lowercase(text: &str) -> Cow<'_, str> {
    if !text.is_ascii() {
        Cow::Owned(text.to_lowercase())
    } else if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// Every token of the Doc as a [`Word`], in order.
pub fn words(doc: &Doc) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(doc.tokens.len());
    for (si, sentence) in doc.sentences.iter().enumerate() {
        for ti in sentence.tokens.clone() {
            let token = doc.tokens[ti];
            let text = doc.slice(token.span);
            out.push(Word::new(
                text,
                token.span,
                doc.syntax.get(ti).map(|s| s.upos.as_str()),
                si,
            ));
        }
    }
    out
}

/// The index range of the words inside `span`.
pub fn words_in(words: &[Word], span: Span) -> std::ops::Range<usize> {
    let start = words.partition_point(|w| w.span.end <= span.start);
    let end = words.partition_point(|w| w.span.start < span.end);
    start..end.max(start)
}

/// The words of `range` joined as the text reads, for dictionary lookups ("Secretary of State").
pub fn phrase(words: &[Word], range: std::ops::Range<usize>) -> String {
    let words = &words[range];
    // (sized at once: country names are looked up for every phrase at every capital)
    let mut s = String::with_capacity(words.iter().map(|w| w.text.len() + 1).sum());
    for w in words {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(w.text);
    }
    s
}

/// `phrase(words, range).to_lowercase()`, built from the words' lowercase forms in one pass
/// where every word is ASCII (lowercasing ASCII is per byte, so the result is the same):
/// agent phrases are looked up for every sub-phrase of every title and description.
pub fn lower_phrase(words: &[Word], range: std::ops::Range<usize>) -> String {
    let words = &words[range];
    if !words.iter().all(|w| w.text.is_ascii()) {
        let mut s = String::new();
        for w in words {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(w.text);
        }
        return s.to_lowercase();
    }
    let mut s = String::with_capacity(words.iter().map(|w| w.text.len() + 1).sum());
    for w in words {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&w.lower);
    }
    s
}
