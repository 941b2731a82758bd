//! The page as a flat list of elements (in document order) and text blocks.
//!
//! A text block is the text between two block-level boundaries, owned by the innermost
//! block-level element around it: a `<p>`, a heading, a list item, a table cell, or a `<div>`
//! holding text directly. Whitespace inside a block is collapsed; `<br>` becomes a line break,
//! and two in a row end the block, since old pages write paragraphs that way. Inline elements
//! whose class marks furniture (`<a class="share-button">`, `<span class="byline">`) are left
//! out of the text around them.

use super::hints;
use scraper::{ElementRef, Html, Node};

/// Tags that start and end a text block.
const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
];

/// How deep [`Page::new`] walks (recursively, so this bounds its stack).
pub const MAX_WALK_DEPTH: usize = 1024;

/// Stands for `<br>` in a block's text until whitespace is collapsed (a private-use character,
/// which pages do not contain in running text).
const BREAK: char = '\u{E000}';

/// An element of the page, in document order: an element's parent comes before it.
#[derive(Debug, Clone)]
pub struct PageElement {
    pub tag: String,
    pub parent: Option<usize>,
    /// The class/id word vote ([`hints::class_vote`]).
    pub class_vote: i32,
    /// Furniture by its tag, role or class words.
    pub looks_like_furniture: bool,
    /// `<main>`, `role=main` or `itemprop=articleBody`.
    pub marks_main: bool,
    /// Non-whitespace characters of text in blocks below this element, and of those in links.
    pub text_chars: usize,
    pub link_chars: usize,
    /// Furniture, after rescue: this element or an ancestor is boilerplate.
    pub in_furniture: bool,
    /// How many blocks this element owns: more than one when `<br><br>` splits its own text.
    pub own_blocks: usize,
}

/// What kind of element owns a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    ListItem,
    Quote,
    Preformatted,
    /// A table cell; [`TextBlock::row`] groups the cells of one row.
    Cell,
    Caption,
    /// A `<div>`, `<section>` or other container holding text directly.
    Other,
}

/// A run of text between block boundaries.
#[derive(Debug, Clone)]
pub struct TextBlock {
    pub text: String,
    /// Index into [`Page::elements`] of the innermost block-level element around the text.
    pub owner: usize,
    pub kind: BlockKind,
    /// Non-whitespace characters, all and inside links.
    pub chars: usize,
    pub link_chars: usize,
    /// For a table cell, the index of its `<tr>`.
    pub row: Option<usize>,
}

impl TextBlock {
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// The flattened page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub elements: Vec<PageElement>,
    pub blocks: Vec<TextBlock>,
}

impl Page {
    /// Flattens a parsed page, skipping what readers never see (scripts, styles, hidden
    /// elements, form controls) and marking furniture.
    pub fn new(html: &Html) -> Page {
        let mut builder = Builder::default();
        builder.walk(html.root_element(), None, 0);
        let mut page = Page { elements: builder.elements, blocks: builder.blocks };
        for i in 0..page.blocks.len() {
            let owner = page.blocks[i].owner;
            page.elements[owner].own_blocks += 1;
        }
        page.count_text();
        page.mark_furniture();
        page
    }

    /// True when element `inner` is `outer` or lies below it.
    pub fn within(&self, inner: usize, outer: usize) -> bool {
        let mut at = Some(inner);
        while let Some(i) = at {
            if i == outer {
                return true;
            }
            if i < outer {
                return false;
            }
            at = self.elements[i].parent;
        }
        false
    }

    /// Adds each block's characters to its owner and every ancestor.
    fn count_text(&mut self) {
        for block in &self.blocks {
            let mut at = Some(block.owner);
            while let Some(i) = at {
                self.elements[i].text_chars += block.chars;
                self.elements[i].link_chars += block.link_chars;
                at = self.elements[i].parent;
            }
        }
    }

    /// Decides which elements are furniture. An element that looks like furniture is kept when
    /// it holds the main content: a `<main>` or `articleBody` below it, or (unless its tag says
    /// aside, nav, ...) an `<article>` with real text; layouts such as `<div class="has-sidebar">`
    /// wrap the whole story.
    fn mark_furniture(&mut self) {
        let n = self.elements.len();
        let mut holds_main = vec![false; n];
        let mut holds_article = vec![false; n];
        for i in (0..n).rev() {
            let el = &self.elements[i];
            if el.marks_main {
                holds_main[i] = true;
            }
            if el.tag == "article" && el.class_vote >= 0 && el.text_chars - el.link_chars >= 400 {
                holds_article[i] = true;
            }
            if let Some(p) = el.parent {
                holds_main[p] |= holds_main[i];
                holds_article[p] |= holds_article[i];
            }
        }
        for i in 0..n {
            let el = &self.elements[i];
            let by_tag = ["nav", "aside", "footer", "header", "menu", "dialog"].contains(&el.tag.as_str());
            // A class on <body> describes the page layout (`has-sidebar`), never furniture.
            let page = el.tag == "html" || el.tag == "body";
            let furniture =
                !page && el.looks_like_furniture && !holds_main[i] && (by_tag || !holds_article[i]);
            let inherited = el.parent.is_some_and(|p| self.elements[p].in_furniture);
            self.elements[i].in_furniture = furniture || inherited;
        }
    }
}

#[derive(Default)]
struct Builder {
    elements: Vec<PageElement>,
    blocks: Vec<TextBlock>,
    buf: String,
    buf_chars: usize,
    buf_link_chars: usize,
    /// Stack of open block-level elements (indices).
    open_blocks: Vec<usize>,
    link_depth: usize,
    pre_depth: usize,
}

impl Builder {
    fn walk(&mut self, el: ElementRef<'_>, parent: Option<usize>, depth: usize) {
        let value = el.value();
        let tag = value.name().to_ascii_lowercase();
        // Deeper nesting than this is machine-made; stopping keeps the stack bounded. Readers
        // refuse pages deeper than `Limits::max_html_depth` (512 by default) before this point;
        // a limit raised past this depth reads what lies above it.
        if depth > MAX_WALK_DEPTH || hints::SKIPPED_TAGS.contains(&tag.as_str()) || hints::hidden(value) {
            return;
        }
        if tag == "br" {
            // A second break in a row ends the block: `text<br><br>text` is two paragraphs.
            let tail = self.buf.trim_end_matches(|c: char| c.is_whitespace() && c != BREAK);
            if tail.ends_with(BREAK) {
                self.buf.truncate(tail.len() - BREAK.len_utf8());
                self.flush();
            } else {
                self.buf.push(BREAK);
            }
            return;
        }
        let is_block = BLOCK_TAGS.contains(&tag.as_str());
        let looks_like_furniture = hints::looks_like_furniture(value);
        if !is_block && looks_like_furniture {
            return;
        }
        let index = self.elements.len();
        self.elements.push(PageElement {
            tag: tag.clone(),
            parent,
            class_vote: hints::class_vote(value),
            looks_like_furniture,
            marks_main: hints::marks_main(value),
            text_chars: 0,
            link_chars: 0,
            in_furniture: false,
            own_blocks: 0,
        });
        if is_block {
            self.flush();
            self.open_blocks.push(index);
        }
        if tag == "a" {
            self.link_depth += 1;
        }
        if tag == "pre" {
            self.pre_depth += 1;
        }
        for child in el.children() {
            match child.value() {
                Node::Text(text) => self.push_text(text),
                Node::Element(_) => {
                    if let Some(child_el) = ElementRef::wrap(child) {
                        self.walk(child_el, Some(index), depth + 1);
                    }
                }
                _ => {}
            }
        }
        if tag == "a" {
            self.link_depth -= 1;
        }
        if tag == "pre" {
            self.pre_depth -= 1;
        }
        if is_block {
            self.flush();
            self.open_blocks.pop();
        }
    }

    fn push_text(&mut self, text: &str) {
        let visible = text.chars().filter(|c| !c.is_whitespace()).count();
        self.buf_chars += visible;
        if self.link_depth > 0 {
            self.buf_link_chars += visible;
        }
        self.buf.push_str(text);
    }

    fn flush(&mut self) {
        let raw = std::mem::take(&mut self.buf);
        let (chars, link_chars) = (self.buf_chars, self.buf_link_chars);
        self.buf_chars = 0;
        self.buf_link_chars = 0;
        let Some(&owner) = self.open_blocks.last() else { return };
        if chars == 0 {
            return;
        }
        let text = if self.pre_depth > 0 { keep_lines(&raw) } else { collapse(&raw) };
        let kind = kind_of(&self.elements[owner].tag);
        let row = self.elements[owner].parent.filter(|&p| kind == BlockKind::Cell && self.elements[p].tag == "tr");
        self.blocks.push(TextBlock { text, owner, kind, chars, link_chars, row });
    }
}

fn kind_of(tag: &str) -> BlockKind {
    match tag {
        "p" => BlockKind::Paragraph,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading(tag.as_bytes()[1] - b'0'),
        "li" | "dd" | "dt" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "pre" => BlockKind::Preformatted,
        "td" | "th" => BlockKind::Cell,
        "figcaption" | "caption" => BlockKind::Caption,
        _ => BlockKind::Other,
    }
}

/// Collapses whitespace runs to one space and turns break marks into line breaks (one mark) or
/// paragraph breaks (two or more), trimming spaces around them.
pub(crate) fn collapse(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    let mut breaks = 0usize;
    for c in raw.chars() {
        if c == BREAK {
            breaks += 1;
        } else if c.is_whitespace() {
            space = true;
        } else {
            if !out.is_empty() {
                if breaks >= 2 {
                    out.push_str("\n\n");
                } else if breaks == 1 {
                    out.push('\n');
                } else if space {
                    out.push(' ');
                }
            }
            space = false;
            breaks = 0;
            out.push(c);
        }
    }
    out
}

/// Keeps preformatted text as it is, apart from break marks, trailing spaces and blank edges.
fn keep_lines(raw: &str) -> String {
    let text = raw.replace(BREAK, "\n");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace_and_breaks() {
        let b = BREAK;
        for (raw, want) in [
            ("  one \n\t two  ", "one two"),
            (&format!("one {b} two") as &str, "one\ntwo"),
            (&format!("one{b}{b}{b}two{b}"), "one\n\ntwo"),
            ("\u{a0}non\u{a0}breaking ", "non breaking"),
        ] {
            assert_eq!(collapse(raw), want, "{raw:?}");
        }
    }
}
