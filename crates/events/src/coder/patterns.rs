//! Which code a verb gets: its PETRARCH patterns matched over the dependency parse.
//!
//! PETRARCH matches a pattern's words against the phrases of a constituency tree around the
//! verb. Here the same words are looked for among the verb's dependents: words after `*` in
//! the verb's subtree after it (not inside reported or adverbial clauses, which are other
//! events), words before `*` before it, a `(PREP ...)` element in a dependent introduced by
//! that preposition. The pattern whose words all match and that has the most words wins;
//! without one, the verb's own code applies.

use super::relation::Rel;
use super::tree::Tree;
use crate::verbs::{Element, Pattern, VerbBlock, VerbCode, VerbDictionary, VerbEntry};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// What matching patterns needs of a verb dictionary beyond its lookups, worked out once per
/// dictionary: the coder asks it of every pattern of every candidate verb in every sentence.
pub(crate) struct Synsets {
    /// Synset members, expanded. A synset element matches when the head (last word) of one
    /// of its phrases is among the verb's words, so only the heads are kept, as a set each: a
    /// synset may have hundreds of phrases and a verb dozens of patterns.
    heads: FxHashMap<String, FxHashSet<String>>,
    /// The facts of each block's patterns, by the block's address: the blocks live in the
    /// coder's own dictionary, shared and never changed, for as long as the coder does.
    patterns: FxHashMap<usize, BlockFacts>,
}

/// What a block's patterns say of themselves, whatever the sentence.
struct BlockFacts {
    /// The facts of each pattern, in the block's order.
    patterns: Vec<PatternFacts>,
    /// The verbs the patterns' notes name, each once: a block's patterns are noted for a few
    /// verbs, so whether a note names the verb at hand is worked out once per verb and note
    /// rather than once per pattern.
    noted_verbs: Vec<String>,
}

/// What a pattern says of itself, whatever the sentence.
struct PatternFacts {
    /// The dictionary verb the pattern's note says it was written for (its lowercase head
    /// word), as an index into [`BlockFacts::noted_verbs`]; `None` when the note names none,
    /// and the pattern counts as every verb's.
    noted_verb: Option<usize>,
    /// How many elements name words (not the source, target, skips or compounds).
    lexical: usize,
    /// The [`signature_bit`]s of the words the pattern cannot match without, after the verb
    /// and before it: most patterns name a word the sentence lacks, and a mask test rules
    /// them out before any element is matched.
    required_after: u64,
    required_before: u64,
}

impl Synsets {
    pub fn new(verbs: &VerbDictionary) -> Synsets {
        Synsets {
            heads: verbs
                .synsets()
                .map(|s| {
                    let heads = verbs
                        .synset_phrases(&s.name)
                        .into_iter()
                        .filter_map(|mut phrase| phrase.pop())
                        .collect();
                    (s.name.clone(), heads)
                })
                .collect(),
            patterns: verbs
                .blocks()
                .iter()
                .map(|block| {
                    let mut noted_verbs: Vec<String> = Vec::new();
                    let facts = block
                        .patterns
                        .iter()
                        .map(|pattern| PatternFacts {
                            noted_verb: noted_verb(pattern, verbs).map(|noted| {
                                match noted_verbs.iter().position(|n| *n == noted) {
                                    Some(i) => i,
                                    None => {
                                        noted_verbs.push(noted);
                                        noted_verbs.len() - 1
                                    }
                                }
                            }),
                            lexical: pattern
                                .elements()
                                .filter(|e| {
                                    !matches!(
                                        e,
                                        Element::Source
                                            | Element::Target
                                            | Element::Skip
                                            | Element::Compound
                                    )
                                })
                                .count(),
                            required_after: required_bits(
                                pattern.after.iter().chain(&pattern.joined_after),
                            ),
                            required_before: required_bits(
                                pattern.before.iter().chain(&pattern.joined_before),
                            ),
                        })
                        .collect();
                    let facts = BlockFacts {
                        patterns: facts,
                        noted_verbs,
                    };
                    (block_key(block), facts)
                })
                .collect(),
        }
    }
}

/// The [`signature_bit`]s of the words that `elements` (all on one side of the verb) need on
/// that side: a word, the words of a phrase written joined or as a noun phrase, and the
/// preposition of a prepositional phrase (matched among the side's words). Alternatives,
/// synsets and a phrase's object (matched inside the phrase) need no particular word.
fn required_bits<'e>(elements: impl Iterator<Item = &'e Element>) -> u64 {
    elements
        .map(|e| match e {
            Element::Word(w) => signature_bit(w),
            Element::Adjacent(items) | Element::NounPhrase(items) => required_bits(items.iter()),
            Element::Prep { preposition, .. } => match preposition.as_ref() {
                Element::Word(w) => signature_bit(w),
                _ => 0,
            },
            _ => 0,
        })
        .fold(0, |bits, b| bits | b)
}

/// The key of a block in [`Synsets::patterns`]: its address.
fn block_key(block: &Arc<VerbBlock>) -> usize {
    Arc::as_ptr(block) as usize
}

/// The words around one verb that patterns may name.
struct Context<'t> {
    /// (token, word, lemma) of the verb's subtree after it, clauses left out.
    after: Side<'t>,
    before: Side<'t>,
}

/// The words on one side of a verb, with their signature: the coder tries dozens of patterns
/// per verb and most fail on a word the side lacks, which the signature rules out without
/// comparing strings.
struct Side<'t> {
    words: Vec<(usize, &'t str, &'t str)>,
    /// The [`signature_bit`]s of every word and lemma of the side.
    signature: u64,
}

impl<'t> Side<'t> {
    fn new(words: Vec<(usize, &'t str, &'t str)>) -> Side<'t> {
        let signature = words
            .iter()
            .fold(0, |s, (_, w, l)| s | signature_bit(w) | signature_bit(l));
        Side { words, signature }
    }

    /// Whether `want` is one of the side's words or lemmas.
    fn has(&self, want: &str) -> bool {
        self.signature & signature_bit(want) != 0
            && self.words.iter().any(|(_, w, l)| word_matches(want, w, l))
    }
}

/// A word's bit among 64, from its length and first byte: equal words have equal bits.
fn signature_bit(word: &str) -> u64 {
    let first = word.as_bytes().first().copied().unwrap_or(0) as usize;
    1 << ((word.len() * 7 + first) % 64)
}

/// A chosen code, with the preposition whose object the pattern marks as the target (`+`).
pub(crate) struct Coding {
    pub code: String,
    pub target_preposition: Option<String>,
    /// The pattern's line, for the record's provenance; `None` for a verb's own code.
    pub pattern_line: Option<usize>,
}

fn context<'t>(tree: &'t Tree, verb: usize) -> Context<'t> {
    let mut after = Vec::new();
    let mut before = Vec::new();
    let mut stack: Vec<usize> = tree.children(verb).to_vec();
    while let Some(t) = stack.pop() {
        // Other clauses are other events; a complement clause is this verb's content
        // ("demanded that he resign").
        if matches!(
            tree.rel(t),
            Rel::Parataxis | Rel::Advcl | Rel::Punct | Rel::Conj | Rel::Csubj | Rel::Acl
        ) {
            continue;
        }
        let entry = (t, tree.word(t), tree.lemma(t));
        if t > verb {
            after.push(entry);
        } else {
            before.push(entry);
        }
        stack.extend_from_slice(tree.children(t));
    }
    // "the sanctions it seeks to impose": the noun a relative clause hangs on is the verb's
    // object, moved before it.
    let mut node = verb;
    while tree.rel(node) == Rel::Xcomp {
        match tree.head(node) {
            Some(h) => node = h,
            None => break,
        }
    }
    if tree.rel(node) == Rel::Acl && tree.child_by(verb, &[Rel::Obj]).is_none() {
        if let Some(noun) = tree.head(node) {
            after.push((noun, tree.word(noun), tree.lemma(noun)));
        }
    }
    after.sort_by_key(|e| e.0);
    before.sort_by_key(|e| e.0);
    Context {
        after: Side::new(after),
        before: Side::new(before),
    }
}

impl Context<'_> {
    fn side(&self, after: bool) -> &Side<'_> {
        if after {
            &self.after
        } else {
            &self.before
        }
    }
}

fn word_matches(want: &str, word: &str, lemma: &str) -> bool {
    want == word || want == lemma
}

/// How many words of `element` match on one side of the verb; `None` if it cannot match.
fn match_element(
    element: &Element,
    ctx: &Context,
    after: bool,
    tree: &Tree,
    synsets: &Synsets,
) -> Option<usize> {
    let side = ctx.side(after);
    match element {
        Element::Word(w) => side.has(w).then_some(1),
        Element::AnyOf(ws) => ws.iter().any(|w| side.has(w)).then_some(1),
        Element::Synset(name) => {
            let heads = synsets.heads.get(name)?;
            side.words
                .iter()
                .any(|(_, w, l)| heads.contains(*w) || heads.contains(*l))
                .then_some(1)
        }
        Element::Source | Element::Target | Element::Skip | Element::Compound => Some(0),
        Element::Adjacent(items) | Element::NounPhrase(items) => {
            let mut n = 0;
            for item in items {
                n += match_element(item, ctx, after, tree, synsets)?;
            }
            Some(n)
        }
        Element::Prep {
            preposition,
            object,
        } => {
            // A dependent introduced by the preposition, whose subtree holds the object's words.
            let preps: Vec<&str> = match preposition.as_ref() {
                Element::Word(w) => vec![w.as_str()],
                Element::AnyOf(ws) => ws.iter().map(String::as_str).collect(),
                _ => return None,
            };
            for &(t, w, _) in &side.words {
                if !preps.contains(&w) || !matches!(tree.rel(t), Rel::Case | Rel::Mark) {
                    continue;
                }
                let Some(phrase) = tree.head(t) else { continue };
                // "called on Monday" is no "call on": a phrase of time is when, never whom or
                // what a pattern's preposition introduces.
                if tree.is_time(phrase) {
                    continue;
                }
                let words: Vec<(usize, &str, &str)> = tree
                    .subtree(phrase)
                    .into_iter()
                    .map(|x| (x, tree.word(x), tree.lemma(x)))
                    .collect();
                let inner = Context {
                    after: Side::new(words),
                    before: Side::new(Vec::new()),
                };
                let mut n = 1;
                let mut ok = true;
                for item in object {
                    match match_element(item, &inner, true, tree, synsets) {
                        Some(k) => n += k,
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok {
                    return Some(n);
                }
            }
            None
        }
    }
}

fn forward(code: &VerbCode) -> Option<String> {
    code.forward
        .as_ref()
        .filter(|c| !c.is_empty() && !c.starts_with('-'))
        .cloned()
}

/// The preposition of the `(PREP ... + ...)` element that holds the target, if any.
fn target_preposition(pattern: &Pattern) -> Option<String> {
    pattern.after.iter().find_map(|e| match e {
        Element::Prep {
            preposition,
            object,
        } if object.iter().any(|o| matches!(o, Element::Target)) => match preposition.as_ref() {
            Element::Word(w) => Some(w.clone()),
            Element::AnyOf(ws) => ws.first().cloned(),
            _ => None,
        },
        _ => None,
    })
}

/// The verb a pattern was written for, as its note says. A block's patterns are shared by
/// its verbs (as in PETRARCH), but the dictionary notes after `#` which verb each was written
/// for ("- * PART [030] # TAKE" is "take part"). Only notes that name a verb of the
/// dictionary count; anything else ("JW 10/17/91") is a coder's remark, and a pattern without
/// a note counts as written for every verb.
fn noted_verb(pattern: &Pattern, verbs: &VerbDictionary) -> Option<String> {
    let first = pattern.comment.as_deref()?.split_whitespace().next()?;
    // (notes are capitals, "TAKE", "+CALL_ON")
    let noted = first.trim_start_matches('+').to_lowercase();
    let noted_head = noted.split('_').next().unwrap_or(&noted);
    if !noted_head.chars().all(|c| c.is_ascii_alphabetic()) || noted_head.len() < 2 {
        return None;
    }
    if verbs.for_lemma(noted_head).is_empty() {
        return None;
    }
    Some(noted_head.to_string())
}

/// Whether a pattern's note names this entry's verb: between equally good patterns, the one
/// written for the verb at hand wins.
fn is_noted_for(noted: &str, entry: &VerbEntry) -> bool {
    let verb = entry.verb();
    verb.forms.iter().any(|f| f == noted) || verb.head == noted
}

/// The code of `verb` given its dictionary entries (later files first). `None` when the
/// best match carries the null code `[---]` or no code: the verb makes no event here.
pub(crate) fn choose(
    entries: &[VerbEntry],
    tree: &Tree,
    verb: usize,
    synsets: &Synsets,
) -> Option<Coding> {
    let ctx = context(tree, verb);
    let mut best: Option<(usize, &Pattern)> = None;
    // A user's later dictionary wins over the built-in one: try the last-added blocks first.
    let mut seen_blocks = Vec::new();
    for entry in entries.iter().rev() {
        let block = std::sync::Arc::as_ptr(&entry.block);
        if seen_blocks.contains(&block) {
            continue;
        }
        seen_blocks.push(block);
        let block_facts = &synsets.patterns[&block_key(&entry.block)];
        let noted_for_entry: Vec<bool> = block_facts
            .noted_verbs
            .iter()
            .map(|noted| is_noted_for(noted, entry))
            .collect();
        for (pattern, facts) in entry.patterns().iter().zip(&block_facts.patterns) {
            // A pattern noted for this very verb beats an equal one noted for a synonym; a
            // one-word pattern noted for another verb is that verb's idiom ("take part",
            // "call on") and does not code its synonyms ("capture part", "telephone on").
            // (a pattern without a note counts as written for every verb)
            let own = facts.noted_verb.is_none_or(|i| noted_for_entry[i]);
            if !own && facts.lexical <= 1 {
                continue;
            }
            // (a word the pattern needs is missing from its side: no element could match it)
            if facts.required_after & !ctx.after.signature != 0
                || facts.required_before & !ctx.before.signature != 0
            {
                continue;
            }
            let mut score = if own { 1 } else { 0 };
            let mut words = 0;
            let mut ok = true;
            for (elements, after) in [
                (&pattern.after, true),
                (&pattern.joined_after, true),
                (&pattern.before, false),
                (&pattern.joined_before, false),
            ] {
                for e in elements.iter() {
                    match match_element(e, &ctx, after, tree, synsets) {
                        Some(n) => words += 2 * n,
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if !ok {
                    break;
                }
            }
            score += words;
            if ok && words > 0 && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, pattern));
            }
        }
    }
    if let Some((_, pattern)) = best {
        return forward(&pattern.code).map(|code| Coding {
            code,
            target_preposition: target_preposition(pattern),
            pattern_line: Some(pattern.line),
        });
    }
    // The verb's own code: from the latest dictionary that gives one ("[---]" blocks that
    // exist only for their patterns leave the code to the others).
    entries
        .iter()
        .rev()
        .find_map(|e| forward(e.code()))
        .map(|code| Coding {
            code,
            target_preposition: None,
            pattern_line: None,
        })
}
