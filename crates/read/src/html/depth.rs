//! How deep a page nests, before and after parsing.
//!
//! The HTML parser (html5ever) builds its tree without recursion, but its work per tag grows
//! with the depth of the open elements (scope checks walk that stack), so a page of a million
//! unclosed `<div>`s takes time quadratic in its size. [`estimate_exceeds`] is a linear scan of
//! the raw markup that follows the parser's rules closely enough (void elements, raw text,
//! implied end tags of `p`, `li`, table parts, end tags ignored at special elements) to refuse
//! such pages before the parser sees them; [`tree_depth`] then measures the parsed tree exactly.

use scraper::Html;

const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// The standard's "special" elements: an end tag of another element stops at them.
const SPECIAL: &[&str] = &[
    "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br",
    "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed",
    "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main",
    "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext",
    "pre", "script", "search", "section", "select", "source", "style", "summary", "table", "tbody", "td",
    "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp",
];

/// Elements that start a new scope: an implied end tag does not reach past them.
const SCOPE: &[&str] = &["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "svg", "math"];

/// Start tags that close an open `p`.
const CLOSES_P: &[&str] = &[
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "dd", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre", "search", "section", "summary",
    "table", "ul", "xmp",
];

/// Formatting elements, which the parser reopens after a block closes them.
const FORMATTING: &[&str] = &["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"];

/// True when the markup would nest deeper than `max` elements by a cheap linear estimate that
/// leans high (formatting elements count twice). Pages that pass are then measured exactly.
pub(crate) fn estimate_exceeds(html: &str, max: usize) -> bool {
    let mut scan = Scan { bytes: html.as_bytes(), at: 0, stack: Vec::new(), formatting: Vec::new(), foreign: 0 };
    scan.run(max)
}

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Open elements below `<body>`, lowercased.
    stack: Vec<String>,
    /// Open formatting elements with their attributes (the parser's active formatting list).
    formatting: Vec<(String, String)>,
    /// Open `svg`/`math` elements, where `/>` closes any element.
    foreign: usize,
}

impl Scan<'_> {
    fn run(&mut self, max: usize) -> bool {
        while let Some(i) = memchr::memchr(b'<', &self.bytes[self.at..]) {
            self.at += i;
            let rest = &self.bytes[self.at..];
            if rest.starts_with(b"<!--") {
                self.skip_past(b"-->", 4);
            } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
                self.skip_past(b">", 2);
            } else if rest.starts_with(b"</") && rest.get(2).is_some_and(u8::is_ascii_alphabetic) {
                self.at += 2;
                let name = self.name();
                self.skip_tag();
                self.end_tag(&name);
            } else if rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
                self.at += 1;
                let name = self.name();
                let attrs_from = self.at;
                let self_closing = self.skip_tag();
                let attrs = String::from_utf8_lossy(&self.bytes[attrs_from..self.at]).into_owned();
                if name == "plaintext" {
                    return self.depth() + 1 > max;
                }
                self.start_tag(name, attrs, self_closing);
                // html and body are always open: two levels beyond the stack.
                if self.depth() > max {
                    return true;
                }
            } else {
                self.at += 1;
            }
        }
        false
    }

    fn depth(&self) -> usize {
        2 + self.stack.len() + self.formatting.len()
    }

    /// Moves past the next `pattern` after `skip` bytes, or to the end.
    fn skip_past(&mut self, pattern: &[u8], skip: usize) {
        let from = (self.at + skip).min(self.bytes.len());
        self.at = match memchr::memmem::find(&self.bytes[from..], pattern) {
            Some(i) => from + i + pattern.len(),
            None => self.bytes.len(),
        };
    }

    /// The tag name at the cursor, lowercased.
    fn name(&mut self) -> String {
        let start = self.at;
        while self.at < self.bytes.len() && !matches!(self.bytes[self.at], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>') {
            self.at += 1;
        }
        String::from_utf8_lossy(&self.bytes[start..self.at]).to_ascii_lowercase()
    }

    /// Moves past the tag's `>`, skipping quoted attribute values; true when it ends in `/>`.
    fn skip_tag(&mut self) -> bool {
        let mut last = 0u8;
        while self.at < self.bytes.len() {
            let b = self.bytes[self.at];
            self.at += 1;
            match b {
                b'>' => return last == b'/',
                b'=' => {
                    while self.at < self.bytes.len() && self.bytes[self.at].is_ascii_whitespace() {
                        self.at += 1;
                    }
                    if let Some(&q @ (b'"' | b'\'')) = self.bytes.get(self.at) {
                        self.at += 1;
                        self.at = match memchr::memchr(q, &self.bytes[self.at..]) {
                            Some(i) => self.at + i + 1,
                            None => self.bytes.len(),
                        };
                    }
                }
                _ => {}
            }
            if !b.is_ascii_whitespace() {
                last = b;
            }
        }
        false
    }

    fn start_tag(&mut self, name: String, attrs: String, self_closing: bool) {
        let n = name.as_str();
        if VOID.contains(&n) || matches!(n, "html" | "body" | "head") || (self_closing && self.foreign > 0) {
            return;
        }
        if RAW_TEXT.contains(&n) && self.foreign == 0 {
            let close = format!("</{n}");
            match find_ascii_ci(&self.bytes[self.at..], close.as_bytes()) {
                Some(i) => self.at += i,
                None => self.at = self.bytes.len(),
            }
            return;
        }
        if self.foreign == 0 {
            if CLOSES_P.contains(&n) {
                self.close_in_scope(&["p"]);
            }
            match n {
                "li" => self.close_list_item(&["li"]),
                "dd" | "dt" => self.close_list_item(&["dd", "dt"]),
                "tr" => self.close_in_scope(&["tr"]),
                "td" | "th" => self.close_in_scope(&["td", "th"]),
                "tbody" | "thead" | "tfoot" => self.close_in_scope(&["tbody", "thead", "tfoot"]),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                    if self.stack.last().is_some_and(|t| matches!(t.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")) =>
                {
                    self.stack.pop();
                }
                "option" | "optgroup" if self.stack.last().is_some_and(|t| t == "option" || (n == "optgroup" && t == "optgroup")) => {
                    self.stack.pop();
                }
                "a" | "nobr" | "button" => self.close_in_scope(&[n]),
                _ => {}
            }
            if FORMATTING.contains(&n) {
                // The parser keeps at most three identical entries (its "Noah's Ark" clause).
                let same: Vec<usize> =
                    (0..self.formatting.len()).filter(|&i| self.formatting[i].0 == n && self.formatting[i].1 == attrs).collect();
                if same.len() >= 3 {
                    self.formatting.remove(same[0]);
                }
                self.formatting.push((name.clone(), attrs));
            }
        }
        if n == "svg" || n == "math" {
            self.foreign += 1;
        }
        self.stack.push(name);
    }

    fn end_tag(&mut self, name: &str) {
        if let Some(i) = self.formatting.iter().rposition(|(n, _)| n == name) {
            self.formatting.remove(i);
        }
        if matches!(name, "td" | "th" | "caption" | "table" | "object" | "applet" | "marquee" | "template") {
            self.formatting.clear();
        }
        if SPECIAL.contains(&name) && self.foreign == 0 {
            self.close_in_scope(&[name]);
            return;
        }
        // Any other end tag closes the nearest open element of its name, unless a special
        // element comes first.
        for i in (0..self.stack.len()).rev() {
            if self.stack[i] == name {
                self.pop_to(i);
                return;
            }
            if self.foreign == 0 && SPECIAL.contains(&self.stack[i].as_str()) {
                return;
            }
        }
    }

    /// Closes the nearest open element named in `names`, unless a scope boundary comes first.
    fn close_in_scope(&mut self, names: &[&str]) {
        for i in (0..self.stack.len()).rev() {
            let tag = self.stack[i].as_str();
            if names.contains(&tag) {
                self.pop_to(i);
                return;
            }
            if SCOPE.contains(&tag) {
                return;
            }
        }
    }

    /// A new list item closes the open one, unless a special element other than `address`,
    /// `div` or `p` comes first.
    fn close_list_item(&mut self, names: &[&str]) {
        for i in (0..self.stack.len()).rev() {
            let tag = self.stack[i].as_str();
            if names.contains(&tag) {
                self.pop_to(i);
                return;
            }
            if SPECIAL.contains(&tag) && !matches!(tag, "address" | "div" | "p") {
                return;
            }
        }
    }

    fn pop_to(&mut self, i: usize) {
        for tag in self.stack.drain(i..) {
            if tag == "svg" || tag == "math" {
                self.foreign -= 1;
            }
        }
    }
}

/// The first position of `needle` (ASCII, lowercase) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while let Some(i) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[from..]) {
        let at = from + i;
        if hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The deepest nesting of elements in a parsed page (the root element `<html>` is level 1).
pub(crate) fn tree_depth(doc: &Html) -> usize {
    use ego_tree::iter::Edge;
    let (mut depth, mut deepest) = (0usize, 0usize);
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) if node.value().is_element() => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Edge::Close(node) if node.value().is_element() => depth -= 1,
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The estimate against the parser's own depth on a few page shapes.
    #[test]
    fn the_estimate_follows_the_parser() {
        let many = |unit: &str, n: usize| unit.repeat(n);
        for (html, max, exceeds) in [
            (many("<div>", 100), 50, true),
            (many("<div>", 100), 200, false),
            (many("<p>para", 1000), 10, false),
            (many("<ul><li>a<li>b</ul>", 1000), 10, false),
            (format!("<table>{}</table>", many("<tr><td>a<td>b", 1000)), 10, false),
            (many("<span><div></span>", 100), 150, true),
            (many("<div/>", 100), 50, true),
            (format!("<svg>{}</svg>", many("<g/>", 1000)), 10, false),
            (many("<br><img src=x><hr>", 1000), 10, false),
            (format!("<script>{}</script>", many("<div>", 1000)), 10, false),
            (format!("<!-- {} -->", many("<div>", 1000)), 10, false),
            // Unclosed formatting elements do nest: only the reopening list is capped.
            (many("<font face=a>x", 1000), 20, true),
            (many("<p><b>x<p>y", 1000), 20, false),
            (many("<div title='>'><span>", 100), 150, true),
        ] {
            let doc = Html::parse_document(&html);
            let real = tree_depth(&doc);
            assert_eq!(estimate_exceeds(&html, max), exceeds, "{} (real depth {real})", &html[..html.len().min(60)]);
            if !exceeds {
                assert!(real <= max, "{}: the estimate passed a page of depth {real}", &html[..html.len().min(60)]);
            }
        }
    }
}
