//! What tag names, roles and class/id words say about an element: boilerplate or content.
//!
//! Class and id values are split into words (on punctuation and camelCase), and each word
//! votes: content words +1, boilerplate words −1 or −2. A negative sum marks the element as
//! boilerplate. Weighing words rather than matching substrings keeps `article-body` content and
//! `article-footer` or `post-meta` boilerplate, where readability's substring tests need
//! exceptions.

use scraper::node::Element;

/// Words in class or id values that mark the main content.
const CONTENT_WORDS: &[&str] = &[
    "article", "body", "content", "contents", "main", "story", "text", "entry", "post", "prose",
    "blog", "permalink", "hentry", "articlebody", "storybody",
];

/// Words that mark page furniture: each −2, outweighing one content word (`article-footer`).
const STRONG_BOILERPLATE_WORDS: &[&str] = &[
    "nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs", "footer",
    "header", "masthead", "sidebar", "aside", "rail", "comment", "comments", "disqus", "reply",
    "replies", "respond", "share", "shares", "sharing", "sharebar", "social", "related",
    "recommended", "recommendations", "recirc", "recirculation", "trending", "popular",
    "newsletter", "subscribe", "subscription", "signup", "login", "paywall", "promo",
    "promotion", "advert", "advertisement", "advertising", "ad", "ads", "adslot", "sponsor",
    "sponsored", "cookie", "cookies", "consent", "gdpr", "popup", "modal", "outbrain",
    "taboola", "byline", "author", "authors", "meta", "tags", "keywords", "copyright",
    "disclaimer", "caption", "credit", "credits", "teaser", "teasers",
];

/// Words that lean towards furniture but also occur on content wrappers: each −1.
const WEAK_BOILERPLATE_WORDS: &[&str] = &[
    "widget", "widgets", "more", "hidden", "date", "timestamp", "dateline", "tools", "toolbar",
    "utility", "print", "search", "skip", "banner", "pager", "pagination", "overlay", "legal",
    "rss", "follow", "embed", "also", "next", "prev", "topics", "extra", "bio",
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

/// The vote of an element's class and id words: negative for furniture, positive for content.
pub(crate) fn class_vote(el: &Element) -> i32 {
    let mut vote = 0;
    for value in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        for word in words(value) {
            if CONTENT_WORDS.contains(&word.as_str()) {
                vote += 1;
            } else if STRONG_BOILERPLATE_WORDS.contains(&word.as_str()) {
                vote -= 2;
            } else if WEAK_BOILERPLATE_WORDS.contains(&word.as_str()) {
                vote -= 1;
            }
        }
    }
    vote
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
    furniture_by_tag(el) || class_vote(el) < 0
}

/// Splits a class or id value into lowercase words at punctuation, digits and camelCase humps.
fn words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if c.is_alphabetic() {
            if c.is_uppercase() && prev_lower && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.extend(c.to_lowercase());
            prev_lower = c.is_lowercase();
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = false;
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote_of(class: &str) -> i32 {
        let html = scraper::Html::parse_fragment(&format!("<div class=\"{class}\"></div>"));
        let sel = scraper::Selector::parse("div").unwrap();
        let el = html.select(&sel).next().unwrap();
        class_vote(el.value())
    }

    #[test]
    fn class_words_vote() {
        for (class, sign) in [
            ("article-body", 1),
            ("entry-content", 1),
            ("articleBody", 1),
            ("article-footer", -1),
            ("post-meta", -1),
            ("related-articles", -1),
            ("comments-area", -1),
            ("col-md-8", 0),
            ("shareBar", -1),
        ] {
            assert_eq!(vote_of(class).signum(), sign, "{class}");
        }
    }
}
