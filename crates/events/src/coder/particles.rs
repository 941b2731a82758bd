//! Phrasal verbs whose particle the parser took for something else: "called in the
//! ambassador" parsed as calling *in* the ambassador (a place), "handed over the prisoners"
//! as handing *over* them, "handed the prisoners over to the Red Cross" with "over to" as one
//! preposition, "handed over two suspects" with "over" an adverb of "two". Read that way, the
//! verb has no object, its particle is lost (so the dictionary's phrasal entry is never looked
//! up) and the object may be taken for where the event happens.

use super::relation::{Deprel, Rel};
use super::tree::Tree;

/// Whether `verb` with `particle` is one of the verbs of news with a particle that changes
/// what they mean, and whose object may follow the particle. Grammar of English phrasal
/// verbs, not of any corpus: only these are mended, since "fought in the streets" or "flew
/// over the city" are true prepositions.
/// (a match on the particle first, not a list of pairs: the repair asks this of every
/// preposition of the text, and nearly all are no particle)
fn is_phrasal(verb: &str, particle: &str) -> bool {
    match particle {
        "in" => matches!(verb, "call" | "bring" | "send"),
        "off" => verb == "call",
        "up" => matches!(
            verb,
            "call" | "set" | "round" | "lock" | "blow" | "give" | "step"
        ),
        "over" => matches!(verb, "hand" | "turn"),
        "back" => verb == "hand",
        "out" => matches!(verb, "carry" | "wipe"),
        "down" => verb == "shut",
        _ => false,
    }
}

/// Words that, after a particle, begin a true prepositional phrase ("handed the prisoners
/// over to the Red Cross"): two prepositions in a row are a particle and a preposition.
const PREPOSITIONS: &[&str] = &["to", "on", "in", "at", "from", "into", "for", "with", "by"];

/// Nouns that after "in" make a fixed adverbial phrase, never what is called or sent in
/// ("called in response to the attack", "sent in return", "called in vain").
const IN_IDIOMS: &[&str] = &[
    "response",
    "reply",
    "return",
    "turn",
    "vain",
    "person",
    "part",
    "unison",
    "protest",
    "retaliation",
    "solidarity",
    "desperation",
    "advance",
    "fact",
    "addition",
    "particular",
    "secret",
    "public",
    "private",
    "earnest",
    "writing",
];

impl Tree<'_> {
    /// Mends a phrasal verb's particle parsed as the preposition of a phrase on the verb. Two
    /// shapes: the particle right after the verb, heading (as `case`) an oblique of the verb
    /// with no object on the verb ("called in the ambassador": the particle and the object);
    /// and the particle right before another preposition of the same phrase ("handed the
    /// prisoners over to the Red Cross", "called the envoy in on Monday": the particle alone).
    /// An adverb right after the verb that is its particle ("handed over two suspects")
    /// becomes the particle too. In the first shape a phrase stays a phrase when it is a date
    /// or a place ("called in March", "set up in Paris"), an idiom ("called in response"), or
    /// what one speaks in ("called in a statement for calm"), or when "call" has a phrase of what it calls for elsewhere
    /// ("called in parliament for calm").
    pub(super) fn repair_particle(&mut self) {
        let base = self.tokens.start;
        for p in self.tokens.clone() {
            // ("handed over two suspects": the particle taken for an adverb of the number)
            if self.rels[p - base] == Rel::Advmod && p > base {
                let verb = p - 1;
                if self.upos(verb) == "VERB" && is_phrasal(self.lemma(verb), self.word(p)) {
                    self.heads[p - base] = Some(verb);
                    self.rels[p - base] = Deprel::COMPOUND_PRT;
                }
                continue;
            }
            if self.rels[p - base] != Rel::Case {
                continue;
            }
            let Some(phrase) = self.heads[p - base] else {
                continue;
            };
            let Some(verb) = self.heads[phrase - base] else {
                continue;
            };
            if self.rels[phrase - base].rel != Rel::Obl
                || !is_phrasal(self.lemma(verb), self.word(p))
                || self.upos(verb) != "VERB"
            {
                continue;
            }
            let next = p + 1;
            let before_preposition = next < self.tokens.end
                && next < phrase
                && self.heads[next - base] == Some(phrase)
                && self.rels[next - base] == Rel::Case
                && PREPOSITIONS.contains(&self.word(next));
            if before_preposition && p > verb {
                self.heads[p - base] = Some(verb);
                self.rels[p - base] = Deprel::COMPOUND_PRT;
                continue;
            }
            let has_object = self
                .tokens
                .clone()
                .any(|c| self.heads[c - base] == Some(verb) && self.rels[c - base] == Rel::Obj);
            let place = self.entity(phrase).is_some_and(|e| self.is_place(e));
            // ("called in a statement for calm", "called in an interview on Paris to act":
            // what one speaks in, with what one calls for elsewhere on the verb)
            let medium = super::cues::is_speech_noun(self.lemma(phrase))
                || matches!(
                    self.lemma(phrase),
                    "interview"
                        | "tweet"
                        | "post"
                        | "video"
                        | "article"
                        | "editorial"
                        | "broadcast"
                        | "op-ed"
                        | "column"
                        | "briefing"
                );
            // ("called in parliament for calm": what one calls for, on "call" alone; a
            // purpose clause, "called in the ambassador to explain", leaves the particle)
            let called_for = self.lemma(verb) == "call"
                && self.tokens.clone().any(|c| {
                    c != phrase
                        && !self.is_time(c)
                        && self.heads[c - base] == Some(verb)
                        && self.rels[c - base] == Rel::Obl
                        && self.tokens.clone().any(|m| {
                            self.heads[m - base] == Some(c)
                                && self.rels[m - base] == Rel::Case
                                && matches!(self.word(m), "for" | "on" | "upon")
                        })
                });
            let idiom = self.word(p) == "in"
                && IN_IDIOMS.contains(&self.lemma(phrase))
                && !self.tokens.clone().any(|d| {
                    self.heads[d - base] == Some(phrase) && self.rels[d - base] == Rel::Det
                });
            if p == verb + 1
                && !has_object
                && !idiom
                && !self.is_time(phrase)
                && !place
                && !medium
                && !called_for
            {
                self.heads[p - base] = Some(verb);
                self.rels[p - base] = Deprel::COMPOUND_PRT;
                self.rels[phrase - base] = Rel::Obj.into();
            }
        }
    }
}
