//! An entity while linking builds it: its mentions so far and what is known of it.

use crate::titles::Title;
use std::ops::Range;
use tidings_doc::{EntityType, Geo, Span};

/// One name as it stands in the text (titles and honorifics stripped).
#[derive(Debug, Clone)]
pub struct Name {
    pub span: Span,
    pub words: Range<usize>,
    pub text: String,
    /// `tidings_kb::normalize` of the text.
    pub key: String,
}

impl Name {
    pub fn key_words(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.key.split(' ')
    }

    pub fn word_count(&self) -> usize {
        self.key.split(' ').count()
    }
}

/// Where a draft's country came from, strongest first; a weaker source never overrides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    /// Written next to the name: "US President Donald Trump", "the French daily Le Monde".
    Title,
    /// The knowledge base entry of the name, at the article's date.
    Dictionary,
    /// The name itself contains a country: "Russia Today".
    NameWord,
    /// A description resolved to this entity: "the Iranian president".
    Description,
    /// The sentence around a titled official: "Iran demanded ..., and Deputy Foreign
    /// Minister Abbas Araghchi criticized ...".
    Context,
}

/// An entity under construction.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: EntityType,
    pub names: Vec<Name>,
    /// Descriptions and other non-name spans resolved to this entity.
    pub others: Vec<Span>,
    pub titles: Vec<Title>,
    pub country: Option<(String, Evidence)>,
    pub sector: Option<(String, Evidence)>,
    pub role: Option<String>,
    pub kb_id: Option<String>,
    /// The dictionary's CAMEO code at the article's date, when the entity is in a dictionary.
    pub code: Option<String>,
    /// The knowledge base's display name, where the text never gives the full name.
    pub kb_name: Option<String>,
    pub geo: Option<Geo>,
}

impl Draft {
    pub fn new(kind: EntityType, name: Name) -> Draft {
        Draft {
            kind,
            names: vec![name],
            others: Vec::new(),
            titles: Vec::new(),
            country: None,
            sector: None,
            role: None,
            kb_id: None,
            code: None,
            kb_name: None,
            geo: None,
        }
    }

    /// How often the entity is named or described: the more, the likelier a bare surname or a
    /// description refers to it.
    pub fn salience(&self) -> usize {
        self.names.len() + self.others.len()
    }

    pub fn first_start(&self) -> usize {
        let names = self.names.iter().map(|n| n.span.start);
        names
            .chain(self.others.iter().map(|s| s.start))
            .min()
            .unwrap_or(usize::MAX)
    }

    /// The longest name, the one that best identifies the entity.
    pub fn longest(&self) -> &Name {
        // Written as a name rather than in a dateline's capitals: "Helsinki" over "HELSINKI".
        let cased = |n: &Name| n.text.chars().any(char::is_lowercase);
        // Then the form written most often: a caption run into the text ("... stop Verstappen
        // Verstappen was on course") is written once, the name ("Max Verstappen") throughout.
        let written = |n: &Name| self.names.iter().filter(|m| m.text == n.text).count();
        self.names
            .iter()
            .max_by_key(|n| {
                (
                    n.word_count(),
                    cased(n),
                    written(n),
                    n.text.len(),
                    std::cmp::Reverse(n.span.start),
                )
            })
            .expect("a draft has a name")
    }

    /// Sets the country unless stronger evidence already set it.
    pub fn offer_country(&mut self, iso3: &str, evidence: Evidence) {
        if self.country.as_ref().is_none_or(|(_, e)| evidence < *e) {
            self.country = Some((iso3.to_string(), evidence));
        }
    }

    pub fn offer_sector(&mut self, sector: &str, evidence: Evidence) {
        if self.sector.as_ref().is_none_or(|(_, e)| evidence < *e) {
            self.sector = Some((sector.to_string(), evidence));
        }
    }

    pub fn country(&self) -> Option<&str> {
        self.country.as_ref().map(|(c, _)| c.as_str())
    }
}
