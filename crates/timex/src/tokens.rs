//! The tagger's own light tokenization: runs of letters, runs of digits, single punctuation marks.
//!
//! Time expressions are matched over these tokens rather than over characters, so that a rule
//! reads like the phrase it recognizes ("the" ordinal "quarter"). Offsets are byte offsets into
//! the text; the tagger converts them to character offsets once, at the end.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// White space (or the start of the text) comes right before this token.
    pub space_before: bool,
    /// The token starts with an upper-case letter in the original text.
    pub capital: bool,
    /// The value of a digit run (saturating), 0 for other tokens.
    pub num: u32,
    /// A line break lies between this token and the one before it.
    pub newline_before: bool,
}

/// Splits `text` into tokens. The caller keeps one buffer per call, so tagging allocates once
/// per document, not per token.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut space = true;
    let mut newline = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            if b == b'\n' {
                newline = true;
            }
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        let mut num = 0u32;
        if b.is_ascii_alphabetic() {
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            kind = Kind::Word;
        } else if b.is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                num = num.saturating_mul(10).saturating_add((bytes[i] - b'0') as u32);
                i += 1;
            }
            kind = Kind::Num;
        } else {
            // One character, however many bytes it takes. Non-breaking spaces count as spaces.
            let ch = text[i..].chars().next().unwrap_or(' ');
            i += ch.len_utf8();
            if ch.is_whitespace() {
                space = true;
                continue;
            }
            kind = Kind::Punct;
        }
        out.push(Tok {
            start: start as u32,
            end: i as u32,
            kind,
            space_before: space,
            capital: b.is_ascii_uppercase(),
            num,
            newline_before: newline,
        });
        space = false;
        newline = false;
    }
}
