//! Byte ↔ character offset conversion, in one place.
//!
//! Rust strings are indexed by UTF-8 bytes, while every offset that Tidings shows a user (and
//! every span in a [`crate::Doc`]) counts Unicode code points. Layers that scan the text with
//! byte-oriented tools (regex, aho-corasick) convert their matches here and nowhere else, the way
//! rust-analyzer keeps all line/column conversion in `line_index.rs`.

/// A table that maps byte offsets of one text to character offsets and back.
///
/// ```
/// use tidings_doc::OffsetMap;
/// let map = OffsetMap::new("Zoë met Kim");
/// assert_eq!(map.char_of_byte(5), 4); // the space after "Zoë"
/// assert_eq!(map.byte_of_char(4), 5);
/// assert_eq!(map.char_len(), 11);
/// ```
#[derive(Debug, Clone)]
pub struct OffsetMap {
    /// Byte offset of every character, plus one entry for the end of the text.
    /// Empty when the text is pure ASCII, where both offsets coincide.
    char_to_byte: Vec<u32>,
    byte_len: usize,
}

impl OffsetMap {
    /// Builds the table for `text`.
    pub fn new(text: &str) -> OffsetMap {
        let char_to_byte = if text.is_ascii() {
            Vec::new()
        } else {
            let mut v: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
            v.push(text.len() as u32);
            v
        };
        OffsetMap {
            char_to_byte,
            byte_len: text.len(),
        }
    }

    /// Number of characters (code points) in the text.
    pub fn char_len(&self) -> usize {
        if self.char_to_byte.is_empty() {
            self.byte_len
        } else {
            self.char_to_byte.len() - 1
        }
    }

    /// The character offset of byte offset `byte`. A byte inside a multi-byte character maps to
    /// that character's start; offsets past the end clamp to the end.
    pub fn char_of_byte(&self, byte: usize) -> usize {
        if self.char_to_byte.is_empty() {
            return byte.min(self.byte_len);
        }
        match self.char_to_byte.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset of character offset `ch`, clamped to the end of the text.
    pub fn byte_of_char(&self, ch: usize) -> usize {
        if self.char_to_byte.is_empty() {
            return ch.min(self.byte_len);
        }
        self.char_to_byte[ch.min(self.char_to_byte.len() - 1)] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_multibyte_agree() {
        for text in ["plain ascii", "China’s “mature” 🦀 ok", ""] {
            let map = OffsetMap::new(text);
            assert_eq!(map.char_len(), text.chars().count());
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                assert_eq!(map.char_of_byte(bi), ci);
                assert_eq!(map.byte_of_char(ci), bi);
            }
            assert_eq!(map.byte_of_char(map.char_len()), text.len());
        }
    }
}
