//! Gazetteers: phrases from the shared country and actor lists, matched over token sequences.
//!
//! A phrase is stored as the hash of its lowercase tokens; every proper prefix is stored too,
//! flagged, so that matching stops as soon as no longer phrase can match. Each phrase carries
//! a set of categories (where it came from, not an entity type: the model learns what a
//! category means, e.g. that a demonym is usually MISC).
//!
//! Sources (read `SOURCES.md` in the shared data): `gazetteer/mledoze-countries/countries.json`,
//! `gazetteer/openeventdata-CountryInfo/CountryInfo.120116.txt` and the PETRARCH2/Phoenix
//! actor and agent dictionaries.

use crate::hash::{self, Table};
use crate::NerError;
use std::path::Path;

/// Gazetteer categories. A token's match bits are `category * 4 + part` (B, I, L, U).
pub(crate) const COUNTRY: u32 = 0;
pub(crate) const DEMONYM: u32 = 1;
pub(crate) const CITY: u32 = 2;
pub(crate) const REGION: u32 = 3;
pub(crate) const LEADER: u32 = 4;
pub(crate) const ACTOR_PERSON: u32 = 5;
pub(crate) const ACTOR_ORG: u32 = 6;
pub(crate) const ACTOR_COUNTRY: u32 = 7;
pub(crate) const ROLE: u32 = 8;
pub(crate) const FORENAME: u32 = 9;
pub(crate) const SURNAME: u32 = 10;
pub(crate) const N_CATEGORIES: u32 = 11;

/// Set on an entry that is a proper prefix of a longer phrase.
const PREFIX: u32 = 1 << 31;
/// Longest phrase, in tokens.
pub(crate) const MAX_TOKENS: usize = 8;

#[derive(Debug, Clone, Default)]
pub(crate) struct Gazetteer {
    pub(crate) phrases: Table,
}

impl Gazetteer {
    /// Adds a phrase (written with spaces or underscores between words) to `category`.
    pub(crate) fn add(&mut self, phrase: &str, category: u32) {
        let toks = tokenize(phrase);
        if toks.is_empty() || toks.len() > MAX_TOKENS {
            return;
        }
        let mut h = 0u64;
        for (i, t) in toks.iter().enumerate() {
            h = step(h, key(t));
            let bit = if i + 1 == toks.len() { 1 << category } else { PREFIX };
            self.or(h, bit);
        }
    }

    fn or(&mut self, key: u64, bits: u32) {
        let cur = self.phrases.get(key).unwrap_or(0);
        self.phrases.set(key, cur | bits);
    }

    /// The entry of a token's one-token phrase (or phrase prefix), `key` being its [`key`]:
    /// `None` for most words, which start no phrase. It depends on the word alone, so that
    /// decoding works it out once per word type.
    pub(crate) fn first(&self, key: u64) -> Option<u32> {
        self.phrases.get(step(0, key))
    }

    /// Marks, for every token, the categories and parts of the phrases that cover it.
    /// `keys[i]` is [`key`] of token i, `firsts[i]` its [`Gazetteer::first`]; `cap[i]` whether
    /// it may start a name (a phrase must start on such a token: gazetteer names are proper
    /// names; role words such as "president" match in any case).
    pub(crate) fn mark(&self, keys: &[u64], firsts: &[Option<u32>], cap: &[bool], out: &mut [u64]) {
        let n = keys.len();
        // The table is megabytes and most lookups past the first token are one step: those
        // of the next few tokens are asked for ahead.
        const AHEAD: usize = 4;
        let ask = |j: usize| {
            if let (Some(Some(bits)), Some(&next)) = (firsts.get(j), keys.get(j + 1)) {
                if bits & PREFIX != 0 {
                    self.phrases.prefetch(step(step(0, keys[j]), next));
                }
            }
        };
        (0..AHEAD).for_each(ask);
        for i in 0..n {
            ask(i + AHEAD);
            let Some(mut bits) = firsts[i] else { continue };
            let keep = if cap[i] { !PREFIX } else { 1 << ROLE };
            let end = n.min(i + MAX_TOKENS);
            let mut h = step(0, keys[i]);
            let mut j = i;
            loop {
                let cats = bits & keep;
                if cats != 0 {
                    for c in 0..N_CATEGORIES {
                        if cats & (1 << c) == 0 {
                            continue;
                        }
                        let base = (c * 4) as u64;
                        if j == i {
                            out[i] |= 1 << (base + 3);
                        } else {
                            out[i] |= 1 << base;
                            for o in &mut out[i + 1..j] {
                                *o |= 1 << (base + 1);
                            }
                            out[j] |= 1 << (base + 2);
                        }
                    }
                }
                j += 1;
                if bits & PREFIX == 0 || j == end {
                    break;
                }
                h = step(h, keys[j]);
                let Some(next) = self.phrases.get(h) else { break };
                bits = next;
            }
        }
    }

    /// Reads every gazetteer source under the shared data folder.
    pub(crate) fn from_shared_data(data: &Path) -> Result<Gazetteer, NerError> {
        let mut g = Gazetteer::default();
        let dicts = data.join("petrarch2/dictionaries");
        // Countries, nationalities and role words first: person names are stripped of them.
        g.read_mledoze(&data.join("gazetteer/mledoze-countries/countries.json"))?;
        g.read_phoenix_agents(&dicts.join("Phoenix.agents.txt"))?;
        g.read_country_info(&data.join("gazetteer/openeventdata-CountryInfo/CountryInfo.120116.txt"))?;
        g.read_phoenix_actors(&dicts.join("Phoenix.Countries.actors.txt"), false)?;
        g.read_phoenix_actors(&dicts.join("Phoenix.International.actors.txt"), true)?;
        g.read_phoenix_actors(&dicts.join("Phoenix.MilNonState.actors.txt"), true)?;
        Ok(g)
    }

    fn read_mledoze(&mut self, path: &Path) -> Result<(), NerError> {
        let text = read_lossy(path)?;
        let json: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| NerError::Resource { path: path.into(), line: e.line(), message: e.to_string() })?;
        let Some(countries) = json.as_array() else {
            return Err(NerError::Resource { path: path.into(), line: 1, message: "expected a JSON array".into() });
        };
        let s = |v: &serde_json::Value| v.as_str().map(str::to_owned);
        for c in countries {
            for name in [s(&c["name"]["common"]), s(&c["name"]["official"])].into_iter().flatten() {
                self.add(&name, COUNTRY);
            }
            // Two-letter codes (AS, IN, IT) are mostly ordinary words in headlines.
            for alt in c["altSpellings"].as_array().into_iter().flatten().filter_map(s) {
                if alt.chars().count() >= 3 {
                    self.add(&alt, COUNTRY);
                }
            }
            for cap in c["capital"].as_array().into_iter().flatten().filter_map(s) {
                self.add(&cap, CITY);
            }
            for d in [s(&c["demonyms"]["eng"]["m"]), s(&c["demonyms"]["eng"]["f"])].into_iter().flatten() {
                self.add(&d, DEMONYM);
            }
        }
        Ok(())
    }

    fn read_country_info(&mut self, path: &Path) -> Result<(), NerError> {
        let text = read_lossy(path)?;
        // Tags that hold one name per line, and the category of those names.
        let mut section: Option<u32> = None;
        let mut people = 0usize; // depth inside <Leaders> or <Government>
        let mut in_doc_comment = false;
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if raw.trim_start().starts_with("<!--") {
                in_doc_comment = true;
            }
            if in_doc_comment {
                if raw.contains("-->") {
                    in_doc_comment = false;
                }
                continue;
            }
            if let Some(rest) = line.strip_prefix("<CountryName>") {
                let name = rest.split('<').next().unwrap_or("");
                self.add(name, COUNTRY);
                continue;
            }
            if line.starts_with('<') {
                let closing = line.starts_with("</");
                let tag = line.trim_start_matches("</").trim_start_matches('<').trim_end_matches('>');
                match tag {
                    "Leaders" | "Government" => people = if closing { 0 } else { 1 },
                    "Nationality" => section = (!closing).then_some(DEMONYM),
                    "Capital" | "MajorCities" => section = (!closing).then_some(CITY),
                    "Regions" | "GeogFeatures" => section = (!closing).then_some(REGION),
                    _ => {}
                }
                continue;
            }
            let Some(first) = line.split(['\t', '[']).next().map(str::trim) else { continue };
            if first.is_empty() || first.starts_with('{') {
                continue;
            }
            if people > 0 {
                self.add_person(first, LEADER);
            } else if let Some(cat) = section {
                self.add(first, cat);
            }
        }
        Ok(())
    }

    /// A person's name, plus its first and last words as forename and surname. Leading titles
    /// and nationalities (`RUSSIAN_PRESIDENT_...`, which the actor lists use as synonyms) are
    /// dropped: news NER marks the name alone.
    fn add_person(&mut self, name: &str, category: u32) {
        let mut toks = tokenize(name);
        let descriptive = (1 << ROLE) | (1 << DEMONYM) | (1 << COUNTRY);
        while toks.len() > 1 && self.phrases.get(step(0, key(&toks[0]))).is_some_and(|b| b & descriptive != 0) {
            toks.remove(0);
        }
        if toks.is_empty() || toks.len() > MAX_TOKENS {
            return;
        }
        self.add(&toks.join(" "), category);
        if toks.len() >= 2 {
            if toks[0].chars().count() >= 3 {
                self.add(&toks[0], FORENAME);
            }
            if toks[toks.len() - 1].chars().count() >= 3 {
                self.add(&toks[toks.len() - 1], SURNAME);
            }
        }
    }

    /// Phoenix actor dictionaries: `NAME_ [CODE]` entries, `+SYNONYM_` lines, indented code lines.
    /// People are recognised by dated codes or by a comment naming a list of rulers; an entry
    /// whose code is a bare country code is a country; the rest are organisations.
    fn read_phoenix_actors(&mut self, path: &Path, organisations: bool) -> Result<(), NerError> {
        let text = read_lossy(path)?;
        let mut names: Vec<String> = Vec::new();
        let mut codes = String::new();
        let mut comment = String::new();
        let flush = |g: &mut Gazetteer, names: &mut Vec<String>, codes: &mut String, comment: &mut String| {
            if names.is_empty() {
                return;
            }
            let person = codes.chars().any(|c| c.is_ascii_digit())
                || comment.contains("CountryInfo")
                || comment.contains("rulers");
            let first_code = codes.split(['[', ']', ' ']).find(|c| !c.is_empty()).unwrap_or("");
            let country = first_code.len() == 3 && first_code.chars().all(|c| c.is_ascii_uppercase());
            for n in names.iter() {
                if person {
                    g.add_person(n, ACTOR_PERSON);
                } else if country && !organisations {
                    g.add(n, ACTOR_COUNTRY);
                } else {
                    g.add(n, ACTOR_ORG);
                }
            }
            names.clear();
            codes.clear();
            comment.clear();
        };
        for raw in text.lines() {
            let (body, note) = raw.split_once('#').unwrap_or((raw, ""));
            if body.trim().is_empty() {
                continue;
            }
            let indented = body.starts_with([' ', '\t']);
            let body = body.trim();
            if indented && body.starts_with('[') {
                codes.push_str(body);
                continue;
            }
            if let Some(syn) = body.strip_prefix('+') {
                names.push(syn.split('[').next().unwrap_or("").trim().to_owned());
                codes.push_str(syn.split_once('[').map_or("", |(_, c)| c));
                continue;
            }
            flush(self, &mut names, &mut codes, &mut comment);
            let (name, code) = body.split_once('[').unwrap_or((body, ""));
            names.push(name.trim().to_owned());
            codes.push_str(code);
            comment.push_str(note);
        }
        flush(self, &mut names, &mut codes, &mut comment);
        Ok(())
    }

    /// Phoenix agents: role words (`PRESIDENT`, `POLICE_OFFICER!PERSON!` ...) before a `[~CODE]`.
    fn read_phoenix_agents(&mut self, path: &Path) -> Result<(), NerError> {
        let text = read_lossy(path)?;
        for raw in text.lines() {
            let body = raw.split('#').next().unwrap_or("").trim();
            if body.is_empty() || body.starts_with('<') || body.starts_with('-') {
                continue;
            }
            let name = body.split('[').next().unwrap_or("").trim().trim_start_matches('+');
            // `!PERSON!` and similar markers stand for a plural/person suffix: drop them.
            let name: String = name.split('!').step_by(2).collect::<Vec<_>>().join("");
            self.add(&name, ROLE);
        }
        Ok(())
    }
}

/// A token as gazetteers compare it: lowercase, periods dropped (so `U.S.` = `US`, `Corp.` =
/// `Corp`), except for a token of periods alone.
pub(crate) fn key(token: &str) -> u64 {
    if token.chars().all(|c| c == '.') {
        return hash::lower(token);
    }
    let mut h = 0x6a09_e667_f3bc_c908u64;
    if token.is_ascii() {
        // Most tokens: one lowercase char per byte, no Unicode tables.
        for b in token.bytes().filter(|&b| b != b'.') {
            h = hash::mix(h, b.to_ascii_lowercase() as u64);
        }
        return hash::finish(h);
    }
    for c in token.chars().filter(|&c| c != '.') {
        for l in c.to_lowercase() {
            h = hash::mix(h, l as u64);
        }
    }
    hash::finish(h)
}

#[inline]
fn step(h: u64, token: u64) -> u64 {
    let k = hash::finish(hash::mix(h ^ 0x5851_f42d_4c95_7f2d, token));
    k | ((k == 0) as u64)
}

/// Splits a gazetteer phrase into CoNLL/PTB-like tokens: underscores and spaces separate words,
/// brackets, quotes, commas and a possessive `'s` are split off; periods stay on their word
/// (`U.S.`, `Corp.`) as they do in news tokenization.
pub(crate) fn tokenize(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in phrase.split(|c: char| c == '_' || c.is_whitespace()) {
        let mut p = piece;
        while let Some(c) = p.chars().next().filter(|c| "(\"'[{".contains(*c)) {
            out.push(c.to_string());
            p = &p[c.len_utf8()..];
        }
        let mut tail = Vec::new();
        loop {
            if let Some(c) = p.chars().last().filter(|c| ",;:)\"]}".contains(*c)) {
                tail.push(c.to_string());
                p = &p[..p.len() - c.len_utf8()];
            } else if p.len() > 2 && (p.ends_with("'s") || p.ends_with("'S")) {
                tail.push(p[p.len() - 2..].to_string());
                p = &p[..p.len() - 2];
            } else {
                break;
            }
        }
        if !p.is_empty() {
            out.push(p.to_string());
        }
        out.extend(tail.into_iter().rev());
    }
    out
}

/// Reads a text file, replacing the few invalid bytes some sources carry (CountryInfo has a NUL
/// and some U+FFFD); names are all we need from them.
fn read_lossy(path: &Path) -> Result<String, NerError> {
    let bytes = std::fs::read(path).map_err(|e| NerError::io(path, e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(g: &Gazetteer, words: &[&str]) -> Vec<u64> {
        let lower: Vec<u64> = words.iter().map(|w| key(w)).collect();
        let cap: Vec<bool> = words.iter().map(|w| w.chars().next().is_some_and(char::is_uppercase)).collect();
        let firsts: Vec<Option<u32>> = lower.iter().map(|&k| g.first(k)).collect();
        let mut out = vec![0; words.len()];
        g.mark(&lower, &firsts, &cap, &mut out);
        out
    }

    #[test]
    fn phrases_match_with_parts() {
        let mut g = Gazetteer::default();
        g.add("SOUTH_KOREA_", COUNTRY);
        g.add("Korea", COUNTRY);
        let m = marks(&g, &["in", "South", "Korea", "today"]);
        let b = |c: u32, p: u32| 1u64 << (c * 4 + p);
        assert_eq!(m[0], 0);
        assert_eq!(m[1], b(COUNTRY, 0));
        assert_eq!(m[2], b(COUNTRY, 2) | b(COUNTRY, 3));
        assert_eq!(m[3], 0);
        // Lowercase starts do not match: gazetteer names are proper names.
        assert_eq!(marks(&g, &["korea"])[0], 0);
        // Periods do not matter.
        g.add("U.S.", COUNTRY);
        assert_eq!(marks(&g, &["US"])[0], b(COUNTRY, 3));
    }

    #[test]
    fn tokenizes_like_news_text() {
        assert_eq!(tokenize("KOREA,_NORTH_"), ["KOREA", ",", "NORTH"]);
        assert_eq!(tokenize("U.S._ARMY's (West)"), ["U.S.", "ARMY", "'s", "(", "West", ")"]);
    }
}
