//! Finding the main text of a page among its blocks.
//!
//! The approach follows readability's: every paragraph-like block of 25 characters or more
//! scores its ancestors (1 point, one per comma, one per 100 characters up to 3, times the
//! share of its text outside links), fully for its parent, half for the grandparent and a third
//! of a level for older ancestors. Containers start from a tag prior and the class/id word vote,
//! and end scaled by their own share of non-link text. The best container, moved up when several
//! strong candidates share an ancestor, plus the siblings that score nearly as well, holds the
//! article. Within it, blocks are then filtered as jusText would: link lists, captions, the
//! headline, bylines, date lines and short stock phrases ("Advertisement", "Read more") go.

use super::blocks::{BlockKind, Page, TextBlock};
use regex::Regex;
use std::sync::OnceLock;

/// The paragraphs of the page's main text, in document order. `title` is the page's headline,
/// which is metadata, so a heading repeating it is left out. Empty when nothing looks like
/// article text.
pub fn main_paragraphs(page: &Page, title: Option<&str>) -> Vec<String> {
    let scores = score_containers(page);
    let Some(top) = best_container(page, &scores) else {
        return fallback(page, title);
    };
    let chosen = with_siblings(page, &scores, top);
    paragraphs(
        page.blocks
            .iter()
            .filter(|b| !page.elements[b.owner].in_furniture)
            .filter(|b| chosen.iter().any(|&c| page.within(b.owner, c))),
        title,
    )
}

/// Without any scored container (pages of short blocks only), every block outside the
/// furniture that passes the block filter.
fn fallback(page: &Page, title: Option<&str>) -> Vec<String> {
    paragraphs(page.blocks.iter().filter(|b| !page.elements[b.owner].in_furniture), title)
}

/// The kept blocks as paragraphs; the cells of one table row share a line, joined by " | ".
fn paragraphs<'a>(blocks: impl Iterator<Item = &'a TextBlock>, title: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last_row = None;
    for block in blocks {
        let Some(text) = kept_text(block, title) else { continue };
        match (block.row, last_row) {
            (Some(row), Some(last)) if row == last => {
                let line = out.last_mut().expect("a row's first cell was pushed");
                line.push_str(" | ");
                line.push_str(&text);
            }
            _ => out.push(text),
        }
        last_row = block.row;
    }
    out
}

/// The score of every element that some block scored (`None` for the rest), already scaled by
/// the element's link density.
fn score_containers(page: &Page) -> Vec<Option<f64>> {
    let mut scores: Vec<Option<f64>> = vec![None; page.elements.len()];
    for block in &page.blocks {
        if page.elements[block.owner].in_furniture || !scores_ancestors(block.kind) {
            continue;
        }
        let len = block.text.chars().count();
        if len < 25 {
            continue;
        }
        let commas = block.text.matches([',', '，', '、']).count() as f64;
        let points = (1.0 + commas + (len as f64 / 100.0).floor().min(3.0)) * (1.0 - block.link_density());
        // Text split into paragraphs by `<br><br>` right inside a container makes that
        // container the paragraphs' parent; otherwise the owner is the paragraph.
        let owner = &page.elements[block.owner];
        let loose = matches!(block.kind, BlockKind::Other | BlockKind::Cell) && owner.own_blocks > 1;
        let mut at = if loose { Some(block.owner) } else { owner.parent };
        for level in 0..5 {
            let Some(i) = at else { break };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            let score = scores[i].get_or_insert_with(|| prior(page, i));
            *score += points / divider;
            at = page.elements[i].parent;
        }
    }
    for (i, score) in scores.iter_mut().enumerate() {
        if let Some(s) = score {
            let el = &page.elements[i];
            let density = if el.text_chars == 0 { 0.0 } else { el.link_chars as f64 / el.text_chars as f64 };
            *s *= 1.0 - density;
        }
    }
    scores
}

fn scores_ancestors(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Paragraph
            | BlockKind::Other
            | BlockKind::Preformatted
            | BlockKind::Quote
            | BlockKind::ListItem
            | BlockKind::Cell
    )
}

/// What a container's tag and class/id words say before its text is counted.
fn prior(page: &Page, i: usize) -> f64 {
    let el = &page.elements[i];
    let by_tag = match el.tag.as_str() {
        "article" | "main" => 8.0,
        "div" => 5.0,
        "section" => 3.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let by_class = 25.0 * el.class_vote.signum() as f64;
    let by_marker = if el.marks_main { 25.0 } else { 0.0 };
    by_tag + by_class + by_marker
}

/// The element that best holds the article.
fn best_container(page: &Page, scores: &[Option<f64>]) -> Option<usize> {
    let score = |i: usize| scores[i].unwrap_or(0.0);
    let mut ranked: Vec<usize> = (0..scores.len())
        .filter(|&i| scores[i].is_some_and(|s| s > 0.0) && !page.elements[i].in_furniture)
        .collect();
    ranked.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
    let mut top = *ranked.first()?;
    let top_score = score(top);

    // Several near-equal candidates (live-blog entries, a story split by ads) stand for their
    // common ancestor.
    let close: Vec<usize> = ranked[1..].iter().take(5).copied().filter(|&i| score(i) >= 0.75 * top_score).collect();
    if close.len() >= 3 {
        let mut at = page.elements[top].parent;
        while let Some(a) = at {
            if is_page(page, a) {
                break;
            }
            if close.iter().filter(|&&c| page.within(c, a)).count() >= 3 {
                top = a;
                break;
            }
            at = page.elements[a].parent;
        }
    }

    // Move up while an ancestor scores better: the story may continue in a sibling container.
    let mut last = score(top);
    let threshold = last / 3.0;
    let mut at = page.elements[top].parent;
    while let Some(a) = at {
        if is_page(page, a) {
            break;
        }
        if let Some(s) = scores[a] {
            if s < threshold {
                break;
            }
            if s > last {
                top = a;
                break;
            }
            last = s;
        }
        at = page.elements[a].parent;
    }

    // A lone child says no more than its parent.
    while let Some(p) = page.elements[top].parent {
        if is_page(page, p) || page.elements[p].text_chars != page.elements[top].text_chars {
            break;
        }
        top = p;
    }
    Some(top)
}

fn is_page(page: &Page, i: usize) -> bool {
    matches!(page.elements[i].tag.as_str(), "html" | "body")
}

/// The chosen container and those of its siblings that read like more of the same article.
fn with_siblings(page: &Page, scores: &[Option<f64>], top: usize) -> Vec<usize> {
    let Some(parent) = page.elements[top].parent else { return vec![top] };
    let top_score = scores[top].unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let mut chosen = Vec::new();
    for (i, el) in page.elements.iter().enumerate().skip(parent + 1) {
        if el.parent != Some(parent) || el.in_furniture {
            continue;
        }
        if i == top || scores[i].is_some_and(|s| s >= threshold) || reads_like_paragraph(page, i) {
            chosen.push(i);
        }
    }
    chosen
}

/// A lone sibling paragraph that is plainly prose (readability's rule).
fn reads_like_paragraph(page: &Page, i: usize) -> bool {
    let el = &page.elements[i];
    if el.tag != "p" {
        return false;
    }
    let Some(block) = page.blocks.iter().find(|b| b.owner == i) else { return false };
    let len = block.text.chars().count();
    let density = block.link_density();
    (len > 80 && density < 0.25) || (len > 0 && density == 0.0 && block.text.trim_end().ends_with(['.', '!', '?', '"', '”']))
}

/// The block filter applied inside the chosen container: the text to keep of a block, if any.
/// Lines of a block that are the headline, a byline, a date or a stock phrase go on their own.
fn kept_text(block: &TextBlock, title: Option<&str>) -> Option<String> {
    if block.kind == BlockKind::Caption || block.link_density() > 0.5 {
        return None;
    }
    if let BlockKind::Heading(1) = block.kind {
        return None;
    }
    let lines: Vec<&str> = block
        .text
        .split('\n')
        .map(str::trim)
        .filter(|line| !line.is_empty() && !furniture_line(line, title))
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// A line that is page furniture even inside the article: the headline again, or a short
/// byline, date or stock phrase.
fn furniture_line(line: &str, title: Option<&str>) -> bool {
    if title.is_some_and(|t| same_words(t, line)) {
        return true;
    }
    let len = line.chars().count();
    (len < 80 && (stock_phrase(line) || byline_or_date(line))) || (len < 200 && sign_off(line))
}

fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect::<Vec<_>>();
    norm(a) == norm(b)
}

/// Short stock phrases of page furniture that sit inside article containers.
fn stock_phrase(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?ix)^(?:
                advertisement|advert|ad|sponsored(?:\ content)?|story\ continues\ below(?:\ advertisement)?
                |continue\ reading(?:\ below)?|share(?:\ this)?(?:\ article|\ story|\ page)?(?:\ on\ \w+)?
                |tweet|e-?mail|print|read\ more|read\ next|more\ on\ this\ story|see\ also
                |related(?:\ stories|\ articles|\ coverage|\ content|\ links)?|subscribe(?:\ now|\ today)?
                |(?:sign\ up|subscribe)\ (?:for|to)\ .{0,60}|follow\ us(?:\ on\ .{0,30})?|click\ here.{0,60}
                |skip\ to(?:\ main)?\ content|back\ to\ top|comments?(?:\ \(\d+\))?|loading(?:\.\.\.|…)?
                |image|photo|video|listen(?:\ to\ this\ article)?|\d+\ min(?:ute)?s?\ read
            )[\s:.»›!]*$",
        )
        .expect("valid stock phrase pattern")
    });
    re.is_match(text)
}

/// A wire service's sign-off: "Reporting by Ann Lee in Oslo; Editing by Bo Ek".
fn sign_off(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?i:(?:additional\ )?(?:reporting|writing|editing|compiled|produced)\ by)\s+\p{Lu}[^.!?]*\.?$")
            .expect("valid sign-off pattern")
    });
    re.is_match(text)
}

/// A byline ("By Jane Roe") or a line that is only a date or a time ("Published April 24, 2019
/// 10:32", "00.40 CEST").
fn byline_or_date(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?x)^(?:
                (?i:by|words\ by|written\ by|reported\ by)\s+\p{Lu}[^.!?]*
                |(?i:published|updated|posted|last\ updated)\b.*
                |\d{1,2}[:.]\d{2}\s*(?i:am|pm|a\.m\.|p\.m\.)?\s*(?:\p{Lu}{2,5})?
                |(?:\p{L}+day,?\s+)?(?:\d{1,2}\s+\p{L}+\.?,?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})
                 (?:,?\s*(?:at\s*)?\d{1,2}[:.]\d{2}\s*(?i:am|pm|a\.m\.|p\.m\.)?\s*(?:\p{Lu}{2,4})?)?
            )$",
        )
        .expect("valid byline pattern")
    });
    re.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stock_phrases_and_bylines() {
        for yes in ["Advertisement", "Share this article", "Read more »", "By Jane Roe", "By JANE ROE and Ed Poe, Reuters",
            "Published April 24, 2019", "April 24, 2019 10:32 AM", "Wednesday, 24 April 2019", "5 min read", "Comments (12)",
            "00.40 CEST", "9:15 am", "Reporting by Ann Lee in Oslo; Editing by Bo Ek"] {
            assert!(furniture_line(yes, None), "{yes}");
        }
        for no in ["By the end of the day, talks had collapsed.", "Advertisers fled.", "The summit opened on April 24, 2019, in the city.",
            "Reporting by phone was banned in 2019.",
            "Share prices fell."] {
            assert!(!furniture_line(no, None), "{no}");
        }
    }
}
