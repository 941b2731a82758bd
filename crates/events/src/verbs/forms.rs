//! Regular English inflections, generated the way the PETRARCH formats expect: verbs get -s,
//! -ed and -ing forms unless the dictionary lists irregular forms in `{...}`; synset nouns get
//! a plural unless marked with a trailing `_`.
//!
//! Where English spelling depends on stress (doubling the final consonant: "stopped" but
//! "visited"), both spellings are generated: a form that never occurs in text costs nothing,
//! a missing one loses a match.

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Whether a word ends consonant-vowel-consonant, the shape whose final consonant English may
/// double before -ed and -ing ("stop" → "stopped"). `w`, `x` and `y` never double.
fn may_double(word: &str) -> bool {
    let c: Vec<char> = word.chars().collect();
    let n = c.len();
    n >= 3
        && c[n - 1].is_ascii_alphabetic()
        && !is_vowel(c[n - 1])
        && !matches!(c[n - 1], 'w' | 'x' | 'y')
        && is_vowel(c[n - 2])
        && !is_vowel(c[n - 3])
}

/// The third person singular, past and present participle forms of a regular verb (lowercase),
/// without the base form itself.
pub fn regular_verb_forms(verb: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = verb.chars().collect();
    let Some(&last) = chars.last() else {
        return out;
    };
    let before_last = chars.len().checked_sub(2).map(|i| chars[i]);
    let consonant_y = last == 'y' && before_last.is_some_and(|c| !is_vowel(c));
    let stem = &verb[..verb.len() - last.len_utf8()];

    // -s
    if verb.ends_with('s')
        || verb.ends_with('x')
        || verb.ends_with('z')
        || verb.ends_with("ch")
        || verb.ends_with("sh")
    {
        out.push(format!("{verb}es"));
    } else if consonant_y {
        out.push(format!("{stem}ies"));
    } else if last == 'o' && before_last.is_some_and(|c| !is_vowel(c)) {
        out.push(format!("{verb}es"));
    } else {
        out.push(format!("{verb}s"));
    }
    // -ed
    if last == 'e' {
        out.push(format!("{verb}d"));
    } else if consonant_y {
        out.push(format!("{stem}ied"));
    } else {
        out.push(format!("{verb}ed"));
    }
    // -ing
    if let Some(root) = verb.strip_suffix("ie") {
        out.push(format!("{root}ying"));
    } else if last == 'e'
        && !verb.ends_with("ee")
        && !verb.ends_with("ye")
        && !verb.ends_with("oe")
        && chars.len() > 2
    {
        out.push(format!("{stem}ing"));
    } else {
        out.push(format!("{verb}ing"));
    }
    if may_double(verb) {
        out.push(format!("{verb}{last}ed"));
        out.push(format!("{verb}{last}ing"));
    }
    out
}

/// The regular plural of a noun (lowercase); for a phrase, pass its last word.
pub fn regular_plural(noun: &str) -> String {
    let chars: Vec<char> = noun.chars().collect();
    let n = chars.len();
    if noun.ends_with('s')
        || noun.ends_with('x')
        || noun.ends_with('z')
        || noun.ends_with("ch")
        || noun.ends_with("sh")
    {
        format!("{noun}es")
    } else if n >= 2 && chars[n - 1] == 'y' && !is_vowel(chars[n - 2]) {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(verb: &str, expected: &[&str]) {
        assert_eq!(regular_verb_forms(verb), expected, "forms of {verb}");
    }

    #[test]
    fn verb_forms() {
        check("accuse", &["accuses", "accused", "accusing"]);
        check(
            "visit",
            &["visits", "visited", "visiting", "visitted", "visitting"],
        );
        // Both spellings: the undoubled ones are harmless misses.
        check(
            "stop",
            &["stops", "stoped", "stoping", "stopped", "stopping"],
        );
        check("deny", &["denies", "denied", "denying"]);
        check("play", &["plays", "played", "playing"]);
        check("press", &["presses", "pressed", "pressing"]);
        check("veto", &["vetoes", "vetoed", "vetoing"]);
        check("tie", &["ties", "tied", "tying"]);
        check("agree", &["agrees", "agreed", "agreeing"]);
        check("seek", &["seeks", "seeked", "seeking"]);
    }

    #[test]
    fn plurals() {
        for (noun, plural) in [
            ("talk", "talks"),
            ("policy", "policies"),
            ("day", "days"),
            ("tax", "taxes"),
            ("march", "marches"),
        ] {
            assert_eq!(regular_plural(noun), plural);
        }
    }
}
