//! `countries.json` from mledoze/countries (ODbL 1.0): names, codes, demonyms, capitals,
//! centre coordinates and regions of 250 countries and territories.

use crate::error::KbError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One country as the file gives it (only the fields the knowledge base uses).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CountryRecord {
    pub name: CountryName,
    pub cca2: String,
    pub cca3: String,
    #[serde(default)]
    pub capital: Vec<String>,
    #[serde(default, rename = "altSpellings")]
    pub alt_spellings: Vec<String>,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub subregion: String,
    /// Demonyms by language: `eng` → `{f, m}`.
    #[serde(default)]
    pub demonyms: BTreeMap<String, Demonym>,
    #[serde(default)]
    pub latlng: Vec<f64>,
    #[serde(default, rename = "unMember")]
    pub un_member: bool,
    #[serde(default)]
    pub independent: Option<bool>,
    /// Square kilometres.
    #[serde(default)]
    pub area: f64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CountryName {
    pub common: String,
    pub official: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Demonym {
    #[serde(default)]
    pub f: String,
    #[serde(default)]
    pub m: String,
}

impl CountryRecord {
    /// The English demonyms, masculine first, without duplicates: "Russian"; "American".
    pub fn english_demonyms(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(d) = self.demonyms.get("eng") {
            for form in [&d.m, &d.f] {
                if !form.is_empty() && !out.contains(form) {
                    out.push(form.clone());
                }
            }
        }
        out
    }
}

/// Reads `countries.json`.
pub fn read_countries(path: &Path) -> Result<Vec<CountryRecord>, KbError> {
    let bytes = std::fs::read(path).map_err(|e| KbError::io(path, e))?;
    parse_countries(&bytes).map_err(|source| KbError::Json {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads the text of `countries.json`.
pub fn parse_countries(json: &[u8]) -> Result<Vec<CountryRecord>, serde_json::Error> {
    serde_json::from_slice(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_codes_and_demonyms() {
        let json = br#"[{"name": {"common": "Russia", "official": "Russian Federation", "native": {}},
            "cca2": "RU", "cca3": "RUS", "capital": ["Moscow"], "altSpellings": ["RU", "Russian Federation"],
            "region": "Europe", "subregion": "Eastern Europe", "latlng": [60, 100],
            "demonyms": {"eng": {"f": "Russian", "m": "Russian"}, "fra": {"f": "Russe", "m": "Russe"}},
            "translations": {}}]"#;
        let countries = parse_countries(json).unwrap();
        assert_eq!(countries[0].cca3, "RUS");
        assert_eq!(countries[0].capital, ["Moscow"]);
        assert_eq!(countries[0].english_demonyms(), ["Russian"]);
        assert_eq!(countries[0].latlng, [60.0, 100.0]);
    }
}
