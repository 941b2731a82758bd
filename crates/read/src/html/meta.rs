//! A page's own metadata: headline, publication date, outlet, canonical url, authors.
//!
//! Sources in order of trust: Open Graph and `article:` meta tags, JSON-LD (schema.org
//! `NewsArticle` and kin), other meta tags, microdata, `<time>` elements outside comments and
//! teasers, dates written in date-classed elements, and last the `/yyyy/mm/dd/` of the url.

use super::hints;
use chrono::{DateTime, NaiveDate};
use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::sync::OnceLock;
use tidings_doc::Published;

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub published: Option<Published>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    /// The `lang` of `<html>`.
    pub language: Option<String>,
    /// JSON-LD `articleBody`, for pages that render their text by script.
    pub article_body: Option<String>,
}

/// Reads the metadata of a parsed page.
pub fn page_meta(html: &Html) -> PageMeta {
    let ld = JsonLd::of(html);
    let article = ld.article();
    let ld_str = |key: &str| article.and_then(|a| a.get(key)).and_then(plain_string);

    let page_title = first_text(html, "title");
    let outlet = meta_content(html, &["og:site_name"])
        .or_else(|| article.and_then(|a| a.get("publisher")).and_then(|p| ld.name_of(p)))
        .or_else(|| ld.of_type(&["WebSite", "NewsMediaOrganization"]).and_then(|w| w.get("name")).and_then(plain_string))
        .or_else(|| meta_content(html, &["application-name", "publisher", "dc.publisher"]))
        .or_else(|| confirmed_site_name(html, page_title.as_deref()));

    let h1 = first_text(html, "h1");
    let title = meta_content(html, &["og:title", "twitter:title"])
        .map(|t| trim_site_name(&t, outlet.as_deref(), h1.as_deref()))
        .or_else(|| ld_str("headline").or_else(|| ld_str("name")))
        .or_else(|| page_title.as_deref().map(|t| trim_site_name(t, outlet.as_deref(), h1.as_deref())))
        .or_else(|| h1.clone())
        .filter(|t| !t.is_empty());

    let url = link_href(html, "canonical")
        .or_else(|| meta_content(html, &["og:url", "twitter:url"]))
        .or_else(|| ld_str("url"))
        .or_else(|| article.and_then(|a| a.get("mainEntityOfPage")).and_then(|m| ld.url_of(m)))
        .filter(|u| u.starts_with("http"));

    let published = published(html, &ld, url.as_deref());

    let mut authors: Vec<String> = Vec::new();
    if let Some(author) = article.and_then(|a| a.get("author")) {
        for a in as_list(author) {
            if let Some(name) = ld.name_of(a) {
                authors.push(name);
            }
        }
    }
    if authors.is_empty() {
        authors.extend(meta_content(html, &["author", "article:author", "dc.creator", "byl"]).filter(|a| !a.starts_with("http")));
    }

    let language = html.root_element().value().attr("lang").map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
    let article_body = article.and_then(|a| a.get("articleBody")).and_then(Value::as_str).map(body_paragraphs).filter(|b| !b.is_empty());
    PageMeta { title, published, outlet, url, authors, language, article_body }
}

/// The publication date, from the most to the least trusted source.
fn published(html: &Html, ld: &JsonLd, url: Option<&str>) -> Option<Published> {
    let article = ld.article();
    let from_meta = |keys: &[&str]| meta_content(html, keys).and_then(|v| parse_date(&v));
    from_meta(&["article:published_time", "og:article:published_time", "article:published", "og:published_time"])
        .or_else(|| microdata_date(html))
        .or_else(|| {
            ["datePublished", "dateCreated"]
                .iter()
                .find_map(|k| article.and_then(|a| a.get(*k)).and_then(plain_string).and_then(|v| parse_date(&v)))
        })
        .or_else(|| {
            from_meta(&[
                "pubdate", "publishdate", "publish-date", "publish_date", "published_time", "date", "dc.date",
                "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued", "dcterms.created",
                "sailthru.date", "parsely-pub-date", "article.published", "publication_date", "original-publish-date",
            ])
        })
        .or_else(|| time_element_date(html))
        .or_else(|| written_date(html))
        .or_else(|| url.and_then(url_date))
}

/// `itemprop="datePublished"` on any element, in `content`, `datetime` or its text.
fn microdata_date(html: &Html) -> Option<Published> {
    let sel = selector("[itemprop~=\"datePublished\"]");
    html.select(&sel).find_map(|el| {
        let v = el.value();
        v.attr("content").or(v.attr("datetime")).map(str::to_string).or_else(|| Some(text_of(el))).and_then(|s| parse_date(&s))
    })
}

/// A `<time datetime>`: one marked `pubdate` or "publish" first, else the first one that is not
/// in comments, teasers or page furniture and not an "updated" stamp.
fn time_element_date(html: &Html) -> Option<Published> {
    let sel = selector("time[datetime]");
    let times: Vec<ElementRef> = html.select(&sel).filter(|t| !in_commentary(*t)).collect();
    let marked = times.iter().find(|t| {
        let v = t.value();
        v.attr("pubdate").is_some() || v.attr("class").is_some_and(|c| c.to_ascii_lowercase().contains("publish"))
    });
    let updated = |t: &&ElementRef| {
        t.value().attr("class").is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            c.contains("updated") || c.contains("modified")
        })
    };
    marked
        .or_else(|| times.iter().find(|t| !updated(t)))
        .and_then(|t| t.value().attr("datetime"))
        .and_then(parse_date)
}

/// A date written out in an element whose class or id says date, time or published.
fn written_date(html: &Html) -> Option<Published> {
    let sel = selector("[class*=date], [class*=time], [class*=publish], [id*=date], [id*=publish], [class*=byline]");
    html.select(&sel)
        .filter(|el| !in_commentary(*el))
        .filter(|el| {
            let v = el.value();
            let words = format!("{} {}", v.attr("class").unwrap_or(""), v.attr("id").unwrap_or("")).to_ascii_lowercase();
            !words.contains("updated") && !words.contains("modified")
        })
        .find_map(|el| {
            let text = text_of(el);
            (text.chars().count() < 200).then(|| date_in_text(&text)).flatten()
        })
}

/// True when the element sits in comments, related-story lists, asides or navigation, whose
/// dates are not the article's.
fn in_commentary(el: ElementRef) -> bool {
    const WORDS: &[&str] = &["comment", "related", "recommend", "sidebar", "trending", "popular", "teaser", "promo", "reply", "footer", "recirc"];
    el.ancestors().filter_map(ElementRef::wrap).chain(std::iter::once(el)).any(|a| {
        let v = a.value();
        if matches!(v.name(), "aside" | "nav" | "footer") {
            return true;
        }
        let words = format!("{} {}", v.attr("class").unwrap_or(""), v.attr("id").unwrap_or("")).to_ascii_lowercase();
        WORDS.iter().any(|w| words.contains(w))
    })
}

/// A `/2019/04/24/` date in a url path.
fn url_date(url: &str) -> Option<Published> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)").expect("valid url date pattern"));
    let c = re.captures(url)?;
    NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?).map(Published::from_date)
}

/// Parses the date forms found in page metadata: ISO 8601 and RFC 3339 (with or without
/// time), RFC 2822, `2019/04/24`, `20190424`, and written dates such as `April 24, 2019`.
pub fn parse_date(s: &str) -> Option<Published> {
    let s = s.trim();
    if let Ok(p) = s.parse::<Published>() {
        return Some(p);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        let local = dt.naive_local();
        return Some(Published { date: local.date(), time: Some(local.time()) });
    }
    for format in ["%Y/%m/%d", "%Y%m%d", "%Y.%m.%d"] {
        if let Ok(date) = NaiveDate::parse_from_str(s.get(..10.min(s.len())).unwrap_or(s), format) {
            return Some(Published::from_date(date));
        }
    }
    date_in_text(s)
}

/// The first written date in a short text: `April 24, 2019`, `Apr. 24 2019`, `24 April 2019`.
pub(crate) fn date_in_text(text: &str) -> Option<Published> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"\b(?:(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})|(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}{3,9})\.?,?\s+((?:19|20)\d{2}))\b")
            .expect("valid written date pattern")
    });
    re.captures_iter(text).find_map(|c| {
        let (month, day, year) = match c.get(1) {
            Some(m) => (m.as_str(), &c[2], &c[3]),
            None => (c.get(5)?.as_str(), &c[4], &c[6]),
        };
        NaiveDate::from_ymd_opt(year.parse().ok()?, month_number(month)?, day.parse().ok()?).map(Published::from_date)
    })
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = name.to_lowercase();
    let i = MONTHS.iter().position(|m| lower.starts_with(m))?;
    // "March" and "Mar" are months; "Marshal" is not.
    const FULL: [&str; 12] =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    (lower.len() == 3 || FULL[i].starts_with(&lower) || lower == "sept").then_some(i as u32 + 1)
}

/// Removes a site name from a headline: `Headline | Outlet`, `Outlet - Headline`. Without a
/// known outlet, the last part goes when it is short next to the rest or when the page's `<h1>`
/// is the rest.
fn trim_site_name(title: &str, outlet: Option<&str>, h1: Option<&str>) -> String {
    let title = collapse_ws(title);
    const SEPARATORS: [&str; 8] = [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » "];
    let norm = |s: &str| s.trim().to_lowercase();
    let mut current = title.clone();
    for _ in 0..2 {
        let Some((at, sep)) = SEPARATORS.iter().filter_map(|s| current.rfind(s).map(|i| (i, *s))).max_by_key(|(i, _)| *i) else {
            break;
        };
        let (head, tail) = (current[..at].to_string(), current[at + sep.len()..].to_string());
        let outlet_tail = outlet.is_some_and(|o| !o.is_empty() && (norm(&tail).contains(&norm(o)) || norm(o).contains(&norm(&tail))));
        let h1_head = h1.is_some_and(|h| norm(h) == norm(&head));
        let words = |s: &str| s.split_whitespace().count();
        let short_tail = words(&tail) <= 3 && words(&head) >= 2 * words(&tail).max(2);
        if outlet_tail || h1_head || (outlet.is_none() && short_tail) {
            current = head;
        } else {
            break;
        }
    }
    // `Outlet | Headline`
    if let (Some(o), Some((head, tail))) = (outlet, SEPARATORS.iter().find_map(|s| current.split_once(s))) {
        if norm(head) == norm(o) {
            return tail.trim().to_string();
        }
    }
    current.trim().to_string()
}

/// A site name that two parts of the page agree on: the logo or home link (its image's `alt`
/// or its text) names it, and it is one of the ` | `-separated parts of the `<title>`.
fn confirmed_site_name(html: &Html, page_title: Option<&str>) -> Option<String> {
    let page_title = page_title?;
    let parts: Vec<String> = page_title
        .split(['|', '-', '–', '—', ':', '·', '•', '»'])
        .map(|p| collapse_ws(p).to_lowercase())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let links = selector("a[href]");
    let images = selector("img[alt]");
    html.select(&links)
        .filter(|a| {
            let v = a.value();
            let href = v.attr("href").unwrap_or("").trim();
            let root = ["/", "./", "/index.html", "index.html", "/index.php"].contains(&href)
                || Regex::new(r"^https?://[^/]+/?$").map(|re| re.is_match(href)).unwrap_or(false);
            root || v.attr("rel").is_some_and(|r| r.split_whitespace().any(|w| w == "home"))
        })
        .flat_map(|a| {
            let mut names: Vec<String> = a.select(&images).filter_map(|i| i.value().attr("alt")).map(collapse_ws).collect();
            names.push(text_of(a));
            names
        })
        .find(|name| !name.is_empty() && parts.contains(&name.to_lowercase()))
}

/// The JSON-LD objects of a page, flattened out of arrays and `@graph`s.
struct JsonLd {
    objects: Vec<Value>,
}

impl JsonLd {
    fn of(html: &Html) -> JsonLd {
        let sel = selector("script[type=\"application/ld+json\"]");
        let mut objects = Vec::new();
        for script in html.select(&sel) {
            let raw: String = script.text().collect();
            // Broken JSON-LD is common; a page's other metadata still counts.
            if let Ok(value) = serde_json::from_str::<Value>(raw.trim()) {
                flatten(value, &mut objects);
            }
        }
        JsonLd { objects }
    }

    /// The news article object, preferring the specific types over `WebPage`.
    fn article(&self) -> Option<&Value> {
        self.of_type(&[
            "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
            "LiveBlogPosting", "BlogPosting", "Article", "Report", "SocialMediaPosting",
        ])
        .or_else(|| self.of_type(&["WebPage"]))
    }

    fn of_type(&self, types: &[&str]) -> Option<&Value> {
        types.iter().find_map(|t| {
            self.objects.iter().find(|o| o.get("@type").is_some_and(|ty| as_list(ty).iter().any(|x| x.as_str() == Some(*t))))
        })
    }

    /// The url of a page given as a string, inline, or by `@id` reference (whose fragment,
    /// `#webpage`, names a node rather than a page, so it goes).
    fn url_of(&self, value: &Value) -> Option<String> {
        if let Some(s) = plain_string(value) {
            return Some(s);
        }
        if let Some(url) = value.get("url").and_then(plain_string) {
            return Some(url);
        }
        let id = value.get("@id")?.as_str()?;
        let node = self.objects.iter().find(|o| o.get("@id").and_then(Value::as_str) == Some(id));
        node.and_then(|o| o.get("url")).and_then(plain_string).or_else(|| Some(id.split('#').next()?.to_string()))
    }

    /// The `name` of a person or organisation given inline, by `@id` reference, or as a string.
    fn name_of(&self, value: &Value) -> Option<String> {
        if let Some(s) = plain_string(value) {
            return Some(s);
        }
        if let Some(name) = value.get("name").and_then(plain_string) {
            return Some(name);
        }
        let id = value.get("@id")?.as_str()?;
        self.objects.iter().find(|o| o.get("@id").and_then(Value::as_str) == Some(id)).and_then(|o| o.get("name")).and_then(plain_string)
    }
}

/// A JSON-LD `articleBody` as paragraphs: one per non-blank line, whitespace collapsed.
fn body_paragraphs(body: &str) -> String {
    let body = decode_leftover_entities(body);
    body.lines().map(collapse_ws).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n\n")
}

fn flatten(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, out)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn as_list(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

fn plain_string(value: &Value) -> Option<String> {
    let s = match value {
        Value::String(s) => s.as_str(),
        Value::Array(items) => items.first()?.as_str()?,
        _ => return None,
    };
    let s = collapse_ws(&decode_leftover_entities(s));
    (!s.is_empty()).then_some(s)
}

/// JSON-LD strings are not HTML-decoded by the parser; pages still put `&amp;` in them.
fn decode_leftover_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&#039;", "'").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The `content` of the first `<meta>` whose `property`, `name` or `itemprop` is one of `keys`
/// (case-insensitive), trying keys in order.
fn meta_content(html: &Html, keys: &[&str]) -> Option<String> {
    let sel = selector("meta[content]");
    let metas: Vec<ElementRef> = html.select(&sel).collect();
    keys.iter().find_map(|key| {
        metas.iter().find_map(|m| {
            let v = m.value();
            let named = [v.attr("property"), v.attr("name"), v.attr("itemprop")].into_iter().flatten().any(|k| k.trim().eq_ignore_ascii_case(key));
            named.then(|| collapse_ws(v.attr("content").unwrap_or(""))).filter(|c| !c.is_empty())
        })
    })
}

fn link_href(html: &Html, rel: &str) -> Option<String> {
    let sel = selector("link[rel][href]");
    html.select(&sel)
        .find(|l| l.value().attr("rel").is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case(rel))))
        .and_then(|l| l.value().attr("href"))
        .map(|h| h.trim().to_string())
}

/// The text of the first element matching `css` that is not page furniture (for `h1`, the
/// headline rather than a logo's).
fn first_text(html: &Html, css: &str) -> Option<String> {
    let sel = selector(css);
    let all: Vec<ElementRef> = html.select(&sel).collect();
    let outside = |el: &ElementRef| !el.ancestors().filter_map(ElementRef::wrap).any(|a| hints::furniture_by_tag(a.value()) && a.value().name() != "header");
    all.iter().find(|e| outside(e)).or(all.first()).map(|e| text_of(*e)).filter(|t| !t.is_empty())
}

fn text_of(el: ElementRef) -> String {
    collapse_ws(&el.text().collect::<String>())
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("valid built-in selector")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_page_date_forms() {
        for (input, want) in [
            ("2019-04-24T10:32:00+03:00", "2019-04-24T10:32:00"),
            ("Wed, 24 Apr 2019 10:32:00 +0300", "2019-04-24T10:32:00"),
            ("2019/04/24", "2019-04-24"),
            ("20190424", "2019-04-24"),
            ("April 24, 2019 10:32 AM", "2019-04-24"),
            ("Updated 24th April 2019", "2019-04-24"),
        ] {
            assert_eq!(parse_date(input).map(|p| p.to_string()).as_deref(), Some(want), "{input}");
        }
        assert_eq!(parse_date("Marshal 24, 2019"), None);
    }

    #[test]
    fn trims_site_names() {
        for (title, outlet, h1, want) in [
            ("Talks resume in Geneva | The Daily Ledger", Some("The Daily Ledger"), None, "Talks resume in Geneva"),
            ("Talks resume in Geneva - World - Ledger", None, None, "Talks resume in Geneva"),
            ("Ledger | Talks resume in Geneva", Some("Ledger"), None, "Talks resume in Geneva"),
            ("Mayor - council feud deepens", None, Some("Mayor - council feud deepens"), "Mayor - council feud deepens"),
        ] {
            assert_eq!(trim_site_name(title, outlet, h1), want, "{title}");
        }
    }
}
