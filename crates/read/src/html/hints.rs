//! What tag names, roles and class/id words say about an element: boilerplate or content.
//!
//! Class and id values are split into words (on punctuation and camelCase; words with digits,
//! as in generated class names, are ignored), and each word votes: content words +1, words of
//! page furniture −3, words that only lean that way −1. A sum of −2 or less marks the element
//! as furniture. Weighing words rather than matching substrings keeps `article-body` content and
//! `article-footer` or `post-meta` furniture, where readability's substring tests need
//! exceptions; one weak word (`id="__next"`, `widget-area`) is not enough to drop a container.
//! Words of five letters or more also match as prefixes (`relatedposts`, `commentlist`).
//! The word lists draw on readability's `unlikelyCandidates` and `negative` patterns.

use scraper::node::Element;

/// Words in class or id values that mark the main content.
const CONTENT_WORDS: &[&str] = &[
    "article", "body", "content", "contents", "main", "story", "text", "entry", "post", "prose",
    "blog", "permalink", "hentry", "articlebody", "storybody",
];

/// Words that mark page furniture: each −3, outweighing one content word (`article-footer`).
const STRONG_BOILERPLATE_WORDS: &[&str] = &[
    "nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs", "footer",
    "header", "masthead", "sidebar", "aside", "rail", "comment", "comments", "disqus", "reply",
    "replies", "respond", "share", "shares", "sharing", "sharebar", "social", "related",
    "recommended", "recommendations", "recirc", "recirculation", "trending", "popular",
    "newsletter", "subscribe", "subscription", "signup", "login", "paywall", "promo",
    "promotion", "advert", "advertisement", "advertising", "ad", "ads", "adslot", "sponsor",
    "sponsored", "cookie", "cookies", "consent", "gdpr", "popup", "modal", "outbrain",
    "taboola", "byline", "author", "authors", "meta", "tags", "keywords", "copyright",
    "disclaimer", "caption", "credit", "credits", "teaser", "teasers", "community", "discussion",
    "discuss", "remark", "remarks", "shoutbox", "supplemental", "skyscraper", "agegate",
];

/// Words that lean towards furniture but also occur on content wrappers: each −1.
const WEAK_BOILERPLATE_WORDS: &[&str] = &[
    "widget", "widgets", "more", "hidden", "date", "timestamp", "dateline", "tools", "toolbar",
    "utility", "print", "search", "skip", "banner", "pager", "pagination", "overlay", "legal",
    "rss", "follow", "embed", "also", "topics", "extra", "bio",
];

/// Tags whose content is never article text.
pub(crate) const SKIPPED_TAGS: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "svg", "math", "canvas", "object",
    "embed", "video", "audio", "select", "option", "button", "input", "textarea", "img", "picture",
    "source", "map", "link", "meta",
];

/// Tags that are furniture by definition (HTML5 sectioning for navigation and asides).
const BOILERPLATE_TAGS: &[&str] = &["nav", "aside", "footer", "header", "menu", "dialog"];

/// ARIA landmarks that are furniture.
const BOILERPLATE_ROLES: &[&str] =
    &["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar"];

/// The class/id vote at or below which an element is furniture.
pub(crate) const FURNITURE_VOTE: i32 = -2;

/// The vote of an element's class and id words: negative for furniture, positive for content.
pub(crate) fn class_vote(el: &Element) -> i32 {
    let mut vote = 0;
    for value in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        for word in words(value) {
            if in_list(CONTENT_WORDS, &word) {
                vote += 1;
            } else if in_list(STRONG_BOILERPLATE_WORDS, &word) {
                vote -= 3;
            } else if in_list(WEAK_BOILERPLATE_WORDS, &word) {
                vote -= 1;
            }
        }
    }
    vote
}

/// True when `word` is in `list`, or starts with a listed word of five letters or more.
fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| *w == word || (w.len() >= 5 && word.starts_with(w)))
}

/// True when the tag or ARIA role alone marks furniture.
pub(crate) fn furniture_by_tag(el: &Element) -> bool {
    BOILERPLATE_TAGS.contains(&el.name())
        || el.attr("role").is_some_and(|r| BOILERPLATE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

/// True when the element marks itself as the main content, whatever its class says.
pub(crate) fn marks_main(el: &Element) -> bool {
    el.name() == "main"
        || el.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("main"))
        || el.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|w| w.eq_ignore_ascii_case("articleBody")))
}

/// True when the page hides the element from readers.
pub(crate) fn hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// Furniture by tag, role or class words, before any rescue by contained main content.
pub(crate) fn looks_like_furniture(el: &Element) -> bool {
    furniture_by_tag(el) || class_vote(el) <= FURNITURE_VOTE
}

/// Splits a class or id value into lowercase words at punctuation and camelCase humps, leaving
/// out words with digits: `css-1x4ad5` is a generated name, not the word "ad".
fn words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in value.split(|c: char| !c.is_alphanumeric()) {
        if part.is_empty() || part.chars().any(|c| c.is_numeric()) {
            continue;
        }
        let mut word = String::new();
        let mut prev_lower = false;
        for c in part.chars() {
            if c.is_uppercase() && prev_lower && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.extend(c.to_lowercase());
            prev_lower = c.is_lowercase();
        }
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn furniture(class: &str) -> bool {
        let html = scraper::Html::parse_fragment(&format!("<div class=\"{class}\"></div>"));
        let sel = scraper::Selector::parse("div").unwrap();
        let el = html.select(&sel).next().unwrap();
        looks_like_furniture(el.value())
    }

    #[test]
    fn class_words_vote() {
        for (class, is_furniture) in [
            ("article-body", false),
            ("entry-content", false),
            ("articleBody", false),
            ("article-body comments-enabled", false),
            ("col-md-8", false),
            ("__next", false),
            ("widget-area", false),
            ("css-1ad2x", false),
            ("article-footer", true),
            ("post-meta", true),
            ("related-articles", true),
            ("jp-relatedposts", true),
            ("comments-area", true),
            ("shareBar", true),
            ("widget widget_recent_entries", true),
        ] {
            assert_eq!(furniture(class), is_furniture, "{class}");
        }
    }
}
