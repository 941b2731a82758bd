//! Prints what the segmenter makes of a text: one sentence per line, tokens separated by `|`.
//!
//! ```text
//! cargo run -p tidings-segment --example segment_text < article.txt
//! ```

use std::io::Read;
use tidings_doc::OffsetMap;
use tidings_segment::Segmenter;

fn main() -> std::io::Result<()> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let offsets = OffsetMap::new(&text);
    let slice = |s: tidings_doc::Span| &text[offsets.byte_of_char(s.start)..offsets.byte_of_char(s.end)];
    let (sentences, tokens) = Segmenter::new().segment_with(&text, &offsets);
    for s in &sentences {
        let toks: Vec<&str> = tokens[s.tokens.clone()].iter().map(|t| slice(t.span)).collect();
        println!("{}", toks.join("|"));
    }
    Ok(())
}
