//! Feature hashing: words and feature templates become `u64` keys without allocating.
//!
//! Every feature the tagger and parser use is a `u64` built by [`key`] from a template number
//! and a few atoms (hashed word forms, tag ids, label ids). The hashes are fixed functions of
//! the bytes, so a model trained on one machine scores identically on another.

/// Mixes one more atom into a running hash (the FxHash step).
#[inline(always)]
pub(crate) fn step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The splitmix64 finaliser: spreads the bits so the low bits can index a table. Never 0, since
/// the weight tables use 0 for an empty slot.
#[inline(always)]
pub(crate) fn finish(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    if x == 0 {
        1
    } else {
        x
    }
}

/// The key of feature template `template` with atoms `atoms`.
#[inline(always)]
pub(crate) fn key(template: u32, atoms: &[u64]) -> u64 {
    let mut h = step(0x2545_f491_4f6c_dd1d, template as u64);
    for &a in atoms {
        h = step(h, a);
    }
    finish(h)
}

/// Hashes a sequence of characters.
#[inline]
fn hash_chars(chars: impl Iterator<Item = char>) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for c in chars {
        h = step(h, c as u64);
    }
    finish(h)
}

/// Hashes a string as it is written.
pub(crate) fn hash_str(s: &str) -> u64 {
    hash_chars(s.chars())
}

/// The hash of a missing word (before the start or past the end of a sentence, or the root).
pub(crate) const NONE: u64 = 0x6e6f_6e65;

/// Orthographic flags of a word.
pub(crate) mod flag {
    pub const HAS_DIGIT: u64 = 1;
    pub const HAS_HYPHEN: u64 = 2;
    pub const INIT_UPPER: u64 = 4;
    pub const ALL_UPPER: u64 = 8;
    pub const HAS_ALPHA: u64 = 16;
    pub const HAS_PERIOD: u64 = 32;
}

/// The hashed lexical atoms of one word, computed once per token.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Lex {
    /// The form as written.
    pub form: u64,
    /// Lower case with every digit replaced by `0`, so "1998" and "2001" share features.
    pub norm: u64,
    /// Word shape: `Xxxx`, `dd`, `x.x.` (runs longer than 3 collapsed).
    pub shape: u64,
    /// Prefixes of 1–3 characters of the normalised form.
    pub prefix: [u64; 3],
    /// Suffixes of 1–4 characters of the normalised form.
    pub suffix: [u64; 4],
    pub flags: u64,
    /// Length in characters, capped at 15.
    pub len: u64,
    /// Word clusters at three granularities (see [`crate::clusters`]); unknown until the
    /// tagger fills them in.
    pub cluster: crate::clusters::ClusterIds,
    /// The word's ambiguity class: which tags the training data gave it (`NONE` if unseen).
    pub amb: u64,
}

impl Lex {
    pub(crate) fn of(word: &str) -> Lex {
        // The last four and first three normalised characters, kept without allocating.
        let mut last = ['\0'; 4];
        let mut first = ['\0'; 3];
        let mut n = 0usize;
        // The form's hash is `hash_str(word)`, worked out in the same pass.
        let mut form = 0xcbf2_9ce4_8422_2325u64;
        let mut norm = 0xcbf2_9ce4_8422_2325u64;
        let mut shape = 0x1234_5678u64;
        let (mut prev_shape, mut run) = ('\0', 0);
        let mut flags = 0;
        let (mut upper, mut lower) = (0, 0);
        for c in word.chars() {
            form = step(form, c as u64);
            // Shape character and normalised character. ASCII, nearly all of news text, is
            // classified by ranges; the Unicode tests below give the same answers for it.
            let (sc, lc) = match c {
                'A'..='Z' => ('X', c.to_ascii_lowercase()),
                'a'..='z' => ('x', c),
                '0'..='9' => ('d', '0'),
                _ if c.is_ascii() => (c, c),
                _ if c.is_uppercase() => ('X', c.to_lowercase().next().unwrap_or(c)),
                _ if c.is_lowercase() => ('x', c.to_lowercase().next().unwrap_or(c)),
                _ => (c, c.to_lowercase().next().unwrap_or(c)),
            };
            match sc {
                'X' => {
                    upper += 1;
                    if n == 0 {
                        flags |= flag::INIT_UPPER;
                    }
                }
                'x' => lower += 1,
                'd' => flags |= flag::HAS_DIGIT,
                '-' => flags |= flag::HAS_HYPHEN,
                '.' => flags |= flag::HAS_PERIOD,
                _ => {}
            }
            if sc == prev_shape {
                run += 1;
            } else {
                prev_shape = sc;
                run = 1;
            }
            if run <= 3 {
                shape = step(shape, sc as u64);
            }
            norm = step(norm, lc as u64);
            if n < 3 {
                first[n] = lc;
            }
            last = [last[1], last[2], last[3], lc];
            n += 1;
        }
        if upper + lower > 0 {
            flags |= flag::HAS_ALPHA;
        }
        if upper > 1 && lower == 0 {
            flags |= flag::ALL_UPPER;
        }
        let mut prefix = [NONE; 3];
        for (k, p) in prefix.iter_mut().enumerate() {
            if n > k {
                *p = hash_chars(first[..=k].iter().copied());
            }
        }
        let mut suffix = [NONE; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            if n > k {
                *s = hash_chars(last[3 - k..].iter().copied());
            }
        }
        Lex {
            form: finish(form),
            norm: finish(norm),
            shape: finish(shape),
            prefix,
            suffix,
            flags,
            len: n.min(15) as u64,
            cluster: crate::clusters::UNKNOWN,
            amb: NONE,
        }
    }

    /// The atoms of a position outside the sentence.
    pub(crate) fn none() -> Lex {
        Lex {
            form: NONE,
            norm: NONE,
            shape: NONE,
            prefix: [NONE; 3],
            suffix: [NONE; 4],
            flags: 0,
            len: 0,
            cluster: [NONE; 3],
            amb: NONE,
        }
    }
}

/// A splitmix64 generator: training's only source of randomness, so a seed fixes the model.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        finish(self.0)
    }

    /// A uniform float in [0, 1).
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Fisher–Yates shuffle.
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_merges_case_and_digits_but_not_words() {
        assert_eq!(Lex::of("The").norm, Lex::of("the").norm);
        assert_eq!(Lex::of("1998").norm, Lex::of("2001").norm);
        assert_ne!(Lex::of("the").norm, Lex::of("then").norm);
        assert_eq!(Lex::of("walking").suffix[2], Lex::of("talking").suffix[2]);
        assert_ne!(Lex::of("walking").suffix[3], Lex::of("walked").suffix[3]);
        assert_eq!(Lex::of("Paris").shape, Lex::of("Tokyo").shape);
        assert_ne!(Lex::of("Paris").shape, Lex::of("paris").shape);
    }

    #[test]
    fn keys_depend_on_template_and_atom_order() {
        assert_ne!(key(1, &[2, 3]), key(1, &[3, 2]));
        assert_ne!(key(1, &[2]), key(2, &[2]));
        assert_eq!(key(7, &[5, 6]), key(7, &[5, 6]));
    }
}
