//! Lowercasing the words and lemmas of a sentence, as the tree does for every token: a
//! borrowed word when nothing in it would change, found eight bytes at a time.

use std::borrow::Cow;

/// `text` lowercased, borrowed when it has no capital (most words and lemmas): the coder
/// builds a tree per sentence, and an allocation per token was a tenth of its time.
pub(super) fn lowercase(text: &str) -> Cow<'_, str> {
    if !may_change_in_lowercase(text.as_bytes()) {
        Cow::Borrowed(text)
    } else if text.is_ascii() {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        // Outside ASCII, letters that are not capitals may still change (titlecase "ǅ").
        Cow::Owned(text.to_lowercase())
    }
}

/// Whether `bytes` hold an ASCII capital or a byte outside ASCII, tested eight bytes at a
/// time: this runs for every word and lemma of every sentence, and a byte-by-byte scan was
/// most of the cost of building a tree's words. A word shorter than eight bytes is read as
/// two overlapping halves (or its first, middle and last byte): a byte read twice is tested
/// twice, which changes nothing.
fn may_change_in_lowercase(bytes: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let test = |x: u64| {
        // With no high bit set, adding 0x3f to a byte sets its high bit from 'A' (0x41) on,
        // adding 0x25 from one past 'Z' (0x5b) on, and no sum carries into the next byte.
        x & HIGH != 0
            || x.wrapping_add(0x3f3f_3f3f_3f3f_3f3f) & !x.wrapping_add(0x2525_2525_2525_2525) & HIGH
                != 0
    };
    let eight = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
    let four = |at: usize| {
        u64::from(u32::from_le_bytes(
            bytes[at..at + 4].try_into().expect("four bytes"),
        ))
    };
    let n = bytes.len();
    match n {
        0 => false,
        1..=3 => {
            test(u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16)
        }
        4..=7 => test(four(0) | four(n - 4) << 32),
        // (every whole chunk, then the last eight bytes, which may overlap the last chunk)
        _ => (0..n / 8).any(|i| test(eight(8 * i))) || test(eight(n - 8)),
    }
}

#[cfg(test)]
mod tests {
    use super::lowercase;

    #[test]
    fn a_capital_is_found_at_every_place_of_words_of_every_length() {
        for n in 1..=17 {
            let plain = "abcdefghijklmnopq"[..n].to_string();
            assert!(matches!(lowercase(&plain), std::borrow::Cow::Borrowed(_)));
            for at in 0..n {
                for odd in ["A", "Z", "é"] {
                    let text = format!("{}{odd}{}", &plain[..at], &plain[at + 1..]);
                    assert_eq!(lowercase(&text), text.to_lowercase(), "{text}");
                    assert!(
                        matches!(lowercase(&text), std::borrow::Cow::Owned(_)),
                        "{text}"
                    );
                }
            }
        }
    }

    #[test]
    fn lowercase_borrows_only_what_has_nothing_to_lower() {
        for text in [
            "",
            "a",
            "said",
            "abcdefgh",
            "abcdefghi",
            "over-the-counter",
            "Z",
            "@[`{",
            "Putin",
            "abcdefgH",
            "abcdefghijklmnoP",
            "NATO",
            "café",
            "CAFÉ",
            "ǅ",
            "x\u{2019}s",
        ] {
            let lowered = lowercase(text);
            let expected = if text.is_ascii() {
                text.to_ascii_lowercase()
            } else {
                text.to_lowercase()
            };
            assert_eq!(lowered, expected, "{text}");
            let borrowed = matches!(lowered, std::borrow::Cow::Borrowed(_));
            assert_eq!(
                borrowed,
                text.is_ascii() && !text.bytes().any(|b| b.is_ascii_uppercase()),
                "{text}"
            );
        }
    }
}
