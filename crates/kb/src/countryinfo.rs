//! `CountryInfo.txt` (openeventdata, CC BY-SA 3.0): the "almost XML" country file behind the
//! Phoenix dictionaries.
//!
//! Per `<Country>` block: codes (`<CountryCode>` is the CAMEO code, `<ISO3166-alpha3>` the ISO
//! one), `<CountryName>`, and line lists (`<Nationality>`, `<Capital>`, `<MajorCities>`,
//! `<Regions>`, `<GeogFeatures>`) of phrases written like dictionary phrases (`SAINT_PETERSBURG_`).
//! People come in two lists:
//! - `<Leaders>`, grouped by office sub-tags, one person a line: `{A_}{B_}  [19991231 - 20080507]
//!   [>20080508] [B:19520101]`. Brackets hold dates only; the code is the country's `GOV`
//!   (`RUSGOV`) unless the bracket names one. As in the Phoenix dictionaries derived from this
//!   file, a leader's default code outside the terms is the country's `ELI` (elite).
//! - `<Government>` (CIA World Leaders 2003–2011): `{A_}{B_} [RUSGOVMED >20080601] # title`,
//!   each bracket with its own code; no default.
//!
//! `#` starts a comment, `<!-- -->` and `<Comment>...</Comment>` hide whole stretches (the file
//! comments out several countries that way; one `<Comment>` is never closed and runs to the end
//! of the file, which is reported). NUL bytes are dropped.

use crate::code::{parse_restriction, DatedCode};
use crate::error::{read_lossy, KbError};
use crate::Skipped;
use std::path::Path;

/// A person from `<Leaders>` or `<Government>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Name variants as written: `VLADIMIR_PUTIN_`, `VLADIMIR_VLADIMIROVICH_PUTIN_`.
    pub names: Vec<String>,
    pub codes: Vec<DatedCode>,
    pub line: usize,
}

/// One `<Country>` block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountryInfo {
    /// The CAMEO country code: `RUS`, `USAASM`.
    pub code: String,
    /// ISO 3166 alpha-3, when the block has one.
    pub iso3: Option<String>,
    pub iso2: Option<String>,
    pub name: String,
    pub nationality: Vec<String>,
    pub capitals: Vec<String>,
    pub cities: Vec<String>,
    pub regions: Vec<String>,
    pub features: Vec<String>,
    pub leaders: Vec<Person>,
    pub government: Vec<Person>,
    pub line: usize,
}

/// What the file holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountryInfoFile {
    pub countries: Vec<CountryInfo>,
    pub skipped: Vec<Skipped>,
}

/// Reads a CountryInfo file.
pub fn read_countryinfo(path: &Path) -> Result<CountryInfoFile, KbError> {
    Ok(parse_countryinfo(&read_lossy(path)?))
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    None,
    Nationality,
    Capital,
    Cities,
    Regions,
    Features,
    Leaders,
    Government,
    Other,
}

fn section_of(tag: &str) -> Section {
    match tag {
        "Nationality" => Section::Nationality,
        "Capital" => Section::Capital,
        "MajorCities" => Section::Cities,
        "Regions" => Section::Regions,
        "GeogFeatures" => Section::Features,
        "Leaders" => Section::Leaders,
        "Government" => Section::Government,
        _ => Section::Other,
    }
}

/// A code field: `---`, `--` and `000` mean "none".
fn code_field(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty() && value.chars().all(|c| c.is_ascii_alphabetic())).then(|| value.to_string())
}

/// Reads one person line. `gov_code` is the country's `GOV` code for `<Leaders>` lines, where
/// brackets hold dates only; `None` for `<Government>` lines.
fn person(
    line: &str,
    number: usize,
    gov_code: Option<&str>,
    skipped: &mut Vec<Skipped>,
) -> Option<Person> {
    let (before, groups) = crate::actors::brackets(line);
    let names: Vec<String> = if before.contains('{') {
        before
            .split(['{', '}'])
            .map(str::trim)
            .filter(|n| n.chars().any(char::is_alphanumeric))
            .map(str::to_string)
            .collect()
    } else {
        before
            .split_whitespace()
            .filter(|n| n.chars().any(char::is_alphanumeric))
            .map(str::to_string)
            .take(1)
            .collect()
    };
    if names.is_empty() {
        skipped.push(Skipped::new(number, format!("no name in {line:?}")));
        return None;
    }
    let mut codes = Vec::new();
    for group in groups {
        let group = group.trim();
        if group.starts_with("B:") || group.starts_with("D:") {
            continue;
        }
        let names_code = group.starts_with(|c: char| c.is_ascii_alphabetic());
        let parsed = match (gov_code, names_code) {
            (Some(gov), false) => parse_restriction(group, Some(gov)),
            _ => parse_restriction(group, None),
        };
        match parsed {
            Ok(code) => codes.push(code),
            Err(why) => skipped.push(Skipped::new(number, why)),
        }
    }
    if codes.is_empty() {
        skipped.push(Skipped::new(
            number,
            format!("no usable code for {}", names[0]),
        ));
        return None;
    }
    if let Some(gov) = gov_code {
        let eli = format!("{}ELI", gov.strip_suffix("GOV").unwrap_or(gov));
        codes.push(DatedCode {
            code: eli,
            from: None,
            to: None,
        });
    }
    Some(Person {
        names,
        codes,
        line: number,
    })
}

/// Reads the text of a CountryInfo file.
pub fn parse_countryinfo(text: &str) -> CountryInfoFile {
    let mut file = CountryInfoFile::default();
    let mut current: Option<CountryInfo> = None;
    let mut section = Section::None;
    let mut in_markup_comment = false;
    let mut comment_opened: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let raw = raw.replace('\0', "");
        if in_markup_comment {
            in_markup_comment = !raw.contains("-->");
            continue;
        }
        let line = match raw.find('#') {
            Some(i) => &raw[..i],
            None => raw.as_str(),
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with("<!--") {
            in_markup_comment = !line.contains("-->");
            continue;
        }
        if comment_opened.is_some() {
            if line.starts_with("</Comment>") {
                comment_opened = None;
            }
            continue;
        }
        if let Some(tag) = line.strip_prefix('<') {
            let closing = tag.starts_with('/');
            let tag = tag.trim_start_matches('/');
            let Some(end) = tag.find('>') else {
                file.skipped.push(Skipped::new(number, "unclosed tag"));
                continue;
            };
            let (name, value) = (&tag[..end], &tag[end + 1..]);
            let value = value.split("</").next().unwrap_or("").trim();
            match (name, closing) {
                ("Comment", false) => comment_opened = Some(number),
                ("Comment", true) => {}
                ("Doc", _) => {}
                ("Country", false) => {
                    file.countries.extend(current.take());
                    current = Some(CountryInfo {
                        line: number,
                        ..CountryInfo::default()
                    });
                    section = Section::None;
                }
                ("Country", true) => {
                    file.countries.extend(current.take());
                    section = Section::None;
                }
                _ => {
                    let Some(country) = current.as_mut() else {
                        file.skipped.push(Skipped::new(
                            number,
                            format!("<{name}> outside a <Country>"),
                        ));
                        continue;
                    };
                    match name {
                        "CountryCode" => country.code = code_field(value).unwrap_or_default(),
                        "CountryName" => country.name = value.to_string(),
                        "ISO3166-alpha3" => country.iso3 = code_field(value),
                        "ISO3166-alpha2" => country.iso2 = code_field(value),
                        _ if !value.is_empty() => {}
                        // Office sub-tags inside <Leaders> do not end the list.
                        _ if section == Section::Leaders && section_of(name) == Section::Other => {}
                        _ if closing => section = Section::None,
                        _ => section = section_of(name),
                    }
                }
            }
            continue;
        }
        let Some(country) = current.as_mut() else {
            file.skipped
                .push(Skipped::new(number, "text outside a <Country>"));
            continue;
        };
        let phrase = || line.split_whitespace().next().unwrap_or("").to_string();
        match section {
            Section::Nationality => country.nationality.push(phrase()),
            Section::Capital => country.capitals.push(phrase()),
            Section::Cities => country.cities.push(phrase()),
            Section::Regions => country.regions.push(phrase()),
            Section::Features => country.features.push(phrase()),
            Section::Leaders => {
                let gov = format!("{}GOV", country.code);
                if let Some(p) = person(line, number, Some(&gov), &mut file.skipped) {
                    country.leaders.push(p);
                }
            }
            Section::Government => {
                if let Some(p) = person(line, number, None, &mut file.skipped) {
                    country.government.push(p);
                }
            }
            Section::None | Section::Other => file
                .skipped
                .push(Skipped::new(number, "text outside a known list")),
        }
    }
    file.countries.extend(current.take());
    if let Some(line) = comment_opened {
        file.skipped.push(Skipped::new(
            line,
            "<Comment> never closed: the rest of the file is commented out",
        ));
    }
    file.countries
        .retain(|c| !c.code.is_empty() || c.iso3.is_some());
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
<!-- header
<Country> in the header is documentation
-->
<Country>
<CountryCode>RUS</CountryCode>
<CountryName>RUSSIAN_FEDERATION</CountryName>
<ISO3166-alpha2>RU</ISO3166-alpha2>
<ISO3166-alpha3>RUS</ISO3166-alpha3>
<Nationality>
\tRUSSIAN_
\tROSSIJA_
</Nationality>
<Capital>
\tMOSCOW_
</Capital>
<MajorCities>
#\t\tPERM# too common
\tVLADIVOSTOK_
</MajorCities>
<Leaders>
\t<Presidents>
\t\t{VLADIMIR_PUTIN_}{VLADIMIR_VLADIMIROVICH_PUTIN_}\t\t[19991231 - 20080507]  [B:19520101]
\t</Presidents>
\t<Prime ministers>
\t\tYEGOR_GAIDAR_\t\t[19920615 - 19921214]  [B:19560101]
\t</Prime ministers>
</Leaders>
<Government>
\t{SERGEY_LAVROV_}{SERGEY_VIKTOROVICH_LAVROV_} [RUSGOV >20030101]\t# Permanent Representative
\t{ALEKSEY_GORDEYEV_} [RUSGOV <20040331][RUSGOVAGR 20040401 - 20090331]
</Government>
</Country>
<Comment>
<Country>
<CountryCode>XXX</CountryCode>
</Country>
</Comment>
<Country>
<CountryCode>USAASM</CountryCode>
<ISO3166-alpha3>ASM</ISO3166-alpha3>
<ISO3166-alpha2>--</ISO3166-alpha2>
</Country>
<Comment>
<Country>
";

    #[test]
    fn reads_codes_lists_and_people() {
        let file = parse_countryinfo(SAMPLE);
        let codes: Vec<&str> = file.countries.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["RUS", "USAASM"]);
        let rus = &file.countries[0];
        assert_eq!(
            (rus.iso3.as_deref(), rus.iso2.as_deref()),
            (Some("RUS"), Some("RU"))
        );
        assert_eq!(rus.nationality, ["RUSSIAN_", "ROSSIJA_"]);
        assert_eq!(rus.capitals, ["MOSCOW_"]);
        assert_eq!(rus.cities, ["VLADIVOSTOK_"]);
        assert_eq!(file.countries[1].iso2, None);
    }

    #[test]
    fn leaders_get_gov_terms_and_an_elite_default() {
        let file = parse_countryinfo(SAMPLE);
        let rus = &file.countries[0];
        assert_eq!(rus.leaders.len(), 2);
        let putin = &rus.leaders[0];
        assert_eq!(
            putin.names,
            ["VLADIMIR_PUTIN_", "VLADIMIR_VLADIMIROVICH_PUTIN_"]
        );
        assert_eq!(
            putin.codes[0],
            DatedCode {
                code: "RUSGOV".into(),
                from: Some(19991231),
                to: Some(20080507)
            }
        );
        assert_eq!(
            putin.codes[1],
            DatedCode {
                code: "RUSELI".into(),
                from: None,
                to: None
            }
        );
        let gordeyev = &rus.government[1];
        assert_eq!(gordeyev.codes.len(), 2);
        assert_eq!(gordeyev.codes[1].code, "RUSGOVAGR");
        assert_eq!(rus.government[0].names[1], "SERGEY_VIKTOROVICH_LAVROV_");
    }

    #[test]
    fn an_unclosed_comment_is_reported() {
        let file = parse_countryinfo(SAMPLE);
        assert!(
            file.skipped
                .iter()
                .any(|s| s.reason.contains("never closed")),
            "{:?}",
            file.skipped
        );
    }
}
