//! HTML pages: main text and metadata.
//!
//! [`extract`] is the whole job on a page string; its pieces are public so that other readers
//! of web pages (a WARC reader, say) can reuse them: [`Page::new`] flattens a parsed page into
//! elements and text blocks and marks furniture, [`main_paragraphs`] picks the article's
//! paragraphs, [`page_meta`] reads the page's own metadata.

mod blocks;
mod depth;
mod hints;
mod main_text;
mod meta;

pub use blocks::{BlockKind, Page, PageElement, TextBlock};
pub use main_text::main_paragraphs;
pub use meta::{page_meta, parse_date, PageMeta};

use crate::limits::Limit;
use crate::{derived_id, Limits, Metadata, ReadError};
use scraper::Html;
use serde_json::Value;
use tidings_doc::Article;

/// Below this many characters, a page's visible text is taken for a script-rendered stub, and a
/// longer JSON-LD `articleBody` replaces it.
const STUB_CHARS: usize = 200;

/// The main text and metadata of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// Paragraphs joined by blank lines (`"\n\n"`); empty when the page has no main text.
    pub text: String,
    pub meta: PageMeta,
}

/// Extracts the main text and metadata of a page.
pub fn extract(html: &str) -> Extracted {
    extract_parsed(&Html::parse_document(html)).0
}

/// [`extract`] on a parsed page; also gives the flattened page.
fn extract_parsed(doc: &Html) -> (Extracted, Page) {
    let mut meta = page_meta(doc);
    let page = Page::new(doc);
    if meta.published.is_none() {
        meta.published = written_date_line(&page);
    }
    let mut text = main_paragraphs(&page, meta.title.as_deref()).join("\n\n");
    if let Some(body) = &meta.article_body {
        if text.chars().count() < STUB_CHARS && body.chars().count() > text.chars().count() {
            text = body.clone();
        }
    }
    (Extracted { text, meta }, page)
}

/// The last resort for a page without a machine-readable date: the first short line outside the
/// page furniture that holds a written date (a dateline such as "Friday, May 16, 2008").
fn written_date_line(page: &Page) -> Option<tidings_doc::Published> {
    page.blocks
        .iter()
        .filter(|b| !page.elements[b.owner].in_furniture)
        .flat_map(|b| b.text.lines())
        .filter(|line| line.chars().count() < 80)
        .find_map(meta::date_in_text)
}

/// Reads one HTML page into an article. `file` names the page in errors. Fields set in `meta`
/// override the page's own (see the crate docs); the id is `meta.id`, else derived from the
/// url or text. Authors and the page language, when given, go to `extra` as `authors` (an
/// array of names) and `language`.
///
/// The default [`Limits`] apply; see [`read_html_with`].
pub fn read_html(html: &str, file: &str, meta: &Metadata) -> Result<Article, ReadError> {
    read_html_with(html, file, meta, &Limits::default())
}

/// [`read_html`] with the given limits: a page longer than `max_article_bytes` or nested deeper
/// than `max_html_depth` gives [`ReadError::OverLimit`]. Depth is checked twice: a linear scan
/// of the markup refuses pages far too deep before the parser, whose time grows with depth,
/// sees them (at twice the limit, since the scan only estimates), and the parsed tree is then
/// measured exactly.
pub fn read_html_with(html: &str, file: &str, meta: &Metadata, limits: &Limits) -> Result<Article, ReadError> {
    if html.trim().is_empty() {
        return Err(ReadError::Empty { file: file.to_string() });
    }
    let over = |limit: Limit, max: u64, what: String| ReadError::OverLimit {
        file: file.to_string(),
        line: None,
        offset: None,
        limit,
        max,
        what,
    };
    if html.len() as u64 > limits.max_article_bytes {
        return Err(over(Limit::ArticleBytes, limits.max_article_bytes, format!("a page of {} bytes", html.len())));
    }
    let max_depth = limits.max_html_depth;
    if depth::estimate_exceeds(html, max_depth.saturating_mul(2)) {
        let what = format!("a page nested more than {} levels deep", max_depth.saturating_mul(2));
        return Err(over(Limit::HtmlDepth, max_depth as u64, what));
    }
    let doc = Html::parse_document(html);
    let depth = depth::tree_depth(&doc);
    if depth > max_depth {
        return Err(over(Limit::HtmlDepth, max_depth as u64, format!("a page nested {depth} levels deep")));
    }
    let (Extracted { text, meta: page }, flat) = extract_parsed(&doc);
    if text.trim().is_empty() {
        let found = if !flat.blocks.is_empty() {
            "only navigation, banners and other boilerplate"
        } else {
            "no text at all"
        };
        return Err(ReadError::NoMainText { file: file.to_string(), found: found.into() });
    }
    let url = meta.url.clone().or(page.url);
    let id = meta.id.clone().unwrap_or_else(|| derived_id(url.as_deref(), &text));
    let mut extra = serde_json::Map::new();
    if !page.authors.is_empty() {
        extra.insert("authors".into(), Value::from(page.authors));
    }
    if let Some(lang) = page.language {
        extra.insert("language".into(), Value::from(lang));
    }
    Ok(Article {
        id,
        url,
        outlet: meta.outlet.clone().or(page.outlet),
        published: meta.published.or(page.published),
        title: meta.title.clone().or(page.title),
        text,
        extra,
    })
}

