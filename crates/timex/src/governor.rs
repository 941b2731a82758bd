//! Tense from the dependency parse: the verb that governs a time expression, and the tense,
//! aspect and modality of its verb group ("will meet", "has said", "was scheduled").
//!
//! This reads the syntax layer a pipeline already built (Penn tags, heads, relations) and only
//! answers which way an expression's clause points; where the parse gives no verb it says
//! nothing, and the caller falls back to the shallow cue scan of [`crate::context`].

use crate::resolve::Tense;
use tidings_doc::{Span, Token, TokenSyntax};

/// How many heads to climb from an expression before giving up on finding its verb.
const MAX_CLIMB: usize = 8;

/// What the verb group governing an expression says about time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VerbTime {
    /// Simple past, past perfect, present perfect: "met", "had met", "has met".
    Past,
    /// A finite present: "meets", "is meeting", "is scheduled".
    Present,
    /// A modal or "will": "will meet", "could meet", "would meet".
    Modal,
    /// A "to" infinitive: "(plans) to meet".
    Infinitive,
    /// A modal of possibility or duty, which says nothing of when: "could", "may", "must".
    Possible,
}

impl VerbTime {
    /// The direction the resolver uses, or `None` to leave it to the verb cues. A present verb
    /// may announce what is scheduled ("the talks resume Monday") or tell what follows from the
    /// past ("the move follows Tuesday's declaration"), and an infinitive may be planned or done
    /// ("agreed to meet Thursday"): on TBAQ, reading either as the future lost values (value F1
    /// 0.8135 → 0.8119 and 0.8130), so only past and "will"/"would" decide.
    pub fn tense(self) -> Option<Tense> {
        match self {
            VerbTime::Past => Some(Tense::Past),
            VerbTime::Modal => Some(Tense::Future),
            VerbTime::Present | VerbTime::Infinitive | VerbTime::Possible => None,
        }
    }
}

/// One document's tokens and syntax, with each token's auxiliaries, copulas and infinitive
/// markers indexed by head.
pub(crate) struct Governors<'d> {
    tokens: &'d [Token],
    syntax: &'d [TokenSyntax],
    /// `(head, dependent)` for function-word dependents (aux, aux:pass, cop, mark "to"),
    /// sorted by head then position.
    function_words: Vec<(usize, usize)>,
}

impl<'d> Governors<'d> {
    /// `syntax` must be parallel to `tokens` (as `Doc::syntax` is once the layer ran).
    pub fn new(tokens: &'d [Token], syntax: &'d [TokenSyntax]) -> Governors<'d> {
        let mut function_words: Vec<(usize, usize)> = syntax
            .iter()
            .enumerate()
            .filter(|(_, s)| is_function_word(s))
            .filter_map(|(i, s)| s.head.map(|h| (h, i)))
            .collect();
        function_words.sort_unstable();
        Governors { tokens, syntax, function_words }
    }

    /// The time the verb governing the character span `span` points to, if the parse finds one.
    pub fn verb_time(&self, span: Span) -> Option<VerbTime> {
        let lo = self.tokens.partition_point(|t| t.span.end <= span.start);
        let hi = self.tokens.partition_point(|t| t.span.start < span.end);
        if lo >= hi {
            return None;
        }
        let inside = |i: usize| (lo..hi).contains(&i);
        // "postponed until Tuesday", "by Friday": a deadline looks ahead whatever tense tells
        // of setting it; the cue scan knows these prepositions.
        if lo > 0 && matches!(self.syntax[lo - 1].lemma.as_str(), "until" | "till" | "by") {
            return None;
        }
        // The expression's own head: its token attached outside it ("on Thursday" hangs from
        // the verb by "Thursday").
        let mut at = (lo..hi).find(|&i| self.syntax[i].head.is_none_or(|h| !inside(h)))?;
        for _ in 0..MAX_CLIMB {
            if !inside(at) {
                if let Some(t) = self.group_time(at, lo) {
                    return Some(t);
                }
            } else if self.has_function_words(at) {
                // "The meeting is on Thursday": the expression heads a copular clause.
                if let Some(t) = self.group_time(at, lo) {
                    return Some(t);
                }
            }
            at = self.syntax[at].head?;
        }
        None
    }

    fn has_function_words(&self, head: usize) -> bool {
        self.dependents(head).next().is_some()
    }

    fn dependents(&self, head: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self.function_words.partition_point(|&(h, _)| h < head);
        self.function_words[from..].iter().take_while(move |&&(h, _)| h == head).map(|&(_, d)| d)
    }

    /// The time of the verb group headed by `head`, or `None` when `head` is no verb and has no
    /// auxiliary or copula (a noun or a participle the climb should pass through).
    /// `expression` is the first token of the expression the climb started from.
    fn group_time(&self, head: usize, expression: usize) -> Option<VerbTime> {
        let s = &self.syntax[head];
        let mut finite: Option<&TokenSyntax> = None;
        let mut perfect = false;
        let mut to = false;
        let mut passive = false;
        for d in self.dependents(head) {
            let a = &self.syntax[d];
            if a.deprel == "mark" {
                to = true;
                continue;
            }
            passive |= a.deprel == "aux:pass";
            if a.xpos == "MD" {
                return modal(&a.lemma);
            }
            if a.lemma == "have" {
                perfect = true;
            }
            // The first tensed auxiliary carries the group's tense.
            if finite.is_none() && matches!(a.xpos.as_str(), "VBD" | "VBZ" | "VBP") {
                finite = Some(a);
            }
        }
        // "Protesters planned a demonstration on Saturday", "has scheduled a news conference
        // Thursday": making a plan is past, but the day is the planned event's. A plan told in
        // the past perfect ("had scheduled") is over, and a participle ("a service planned for
        // Saturday was canceled") or a passive tells of the plan, not of its making; and a day
        // told before the verb is when the plan was made ("On Friday, the government planned to
        // pay ...").
        if PLANNING.contains(&s.lemma.as_str()) && !passive && !to && expression > head {
            let past_perfect = perfect && finite.is_some_and(|a| a.xpos == "VBD");
            let made = finite.is_some() || matches!(s.xpos.as_str(), "VBD" | "VBZ" | "VBP");
            if made && !past_perfect {
                return Some(VerbTime::Modal);
            }
        }
        if let Some(a) = finite {
            return Some(match a.xpos.as_str() {
                "VBD" => VerbTime::Past,
                // "has met Thursday": the present perfect tells what is done.
                _ if perfect => VerbTime::Past,
                _ => VerbTime::Present,
            });
        }
        if to {
            return Some(VerbTime::Infinitive);
        }
        if !matches!(s.upos.as_str(), "VERB" | "AUX") {
            return None;
        }
        match s.xpos.as_str() {
            "VBD" => Some(VerbTime::Past),
            "VBZ" | "VBP" => Some(VerbTime::Present),
            // "the decision, announced Wednesday": a participle on its own reports what was done.
            "VBN" => Some(VerbTime::Past),
            // A gerund or bare verb without auxiliaries takes its time from the clause it
            // hangs in ("..., saying Thursday that ...").
            _ => None,
        }
    }
}

/// Verbs of making a plan, whose object is an event to come.
const PLANNING: &[&str] = &["plan", "schedule", "slate"];

/// The time a modal gives its verb: "will" and "would" look ahead; "could", "might" and the
/// like also say what was possible ("could not be reached Wednesday"), so they say nothing.
fn modal(lemma: &str) -> Option<VerbTime> {
    match lemma {
        "will" | "shall" | "would" | "'ll" | "wo" => Some(VerbTime::Modal),
        _ => Some(VerbTime::Possible),
    }
}

/// Auxiliaries, copulas and the infinitive marker "to".
fn is_function_word(s: &TokenSyntax) -> bool {
    match s.deprel.as_str() {
        "aux" | "aux:pass" | "cop" => true,
        "mark" => s.xpos == "TO",
        _ => false,
    }
}
