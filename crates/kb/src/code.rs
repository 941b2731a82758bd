//! CAMEO actor codes with date restrictions, and how a code splits into country and sector.
//!
//! A dictionary gives an actor a list of restrictions in file order: `[RUSELI 700101-990809]`,
//! `[RUSGOV >080508]`, `[RUSELI]`. The code for an article's date is the first dated
//! restriction whose interval holds the date (bounds included, as the PETRARCH documentation
//! says), else the first undated one (the default), else none.
//!
//! Dates are kept as `YYYYMMDD` numbers: comparing them needs no calendar, and the sources'
//! impossible dates (`20070231`) still order correctly. Six-digit dates are `YYMMDD`; years
//! 00–30 are read as 2000–2030, the rest as 1900s (the dictionaries hold birth years from the
//! 1890s and terms up to the 2010s).
//!
//! ## Splitting a code
//! A CAMEO code is a string of three-letter parts. [`split`] reads it as:
//! - **country first** (`RUSGOV`, `USAELI`, `AFGMILREB`): the first part is a known country
//!   code (ISO 3166 alpha-3 or a CountryInfo code); the sector is the first later part that is
//!   a role (see [`SECTORS`]); `USAVIR` has a country and no sector.
//! - **international prefixes**: `IGO…` (intergovernmental: `IGOUNO`, `IGOWSTNAT`) → no
//!   country, sector `IGO`; `NGO…` → sector `NGO`; `NGM…` (non-governmental movement) →
//!   sector `NGM`; `IMG…` (international militarized group, `IMGMUSALQ`) → sector `REB`;
//!   `MNC…` (multinational corporation) → sector `BUS`, and the part after `MNC` is the home
//!   country when it is a country code (`MNCUSA` → USA). Parts after `IGO`/`NGO`/`NGM`/`IMG`
//!   name organisations, regions and religions, never a country (`MUS` in `IMGMUSALQ` is
//!   "Muslim", not Mauritius).
//! - **anything else** (`REB`, `KKLREB`, regions such as `AFR`): no country; the sector is the
//!   first part that is a role.
//!
//! `sectors` lists every role part in order (`RUSGOVMED` → GOV, MED), and `raw` keeps the code.

use serde::{Deserialize, Serialize};

/// Role parts that become a sector. Government and state: GOV, MIL, COP (police), JUD, SPY,
/// LEG (legislature), ELI (elites, former officials); parties and opposition: PTY, OPP; armed
/// non-state: REB, INS, SEP, UAF (unidentified armed forces), RAD; society: MED, EDU, BUS,
/// CRM, CVL, LAB, HLH, REF, AGR, DEV, ENV, HRI, MOD, PPL; international: IGO, NGO, NGM;
/// religion: REL, CHR, CTH, PRO, ORT, MUS, SUN, SHI, JEW, BUD, HIN, JAN, SIK, ...
pub const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "SPY", "LEG", "ELI", "PTY", "OPP", "REB", "INS", "SEP", "UAF",
    "RAD", "MED", "EDU", "BUS", "CRM", "CVL", "LAB", "HLH", "REF", "AGR", "DEV", "ENV", "HRI",
    "MOD", "PPL", "IGO", "NGO", "NGM", "REL", "CHR", "CTH", "PRO", "ORT", "MUS", "SUN", "SHI",
    "JEW", "BUD", "HIN", "JAN", "SIK", "ALE", "DRZ", "ATH", "CON",
];

/// A code with the interval of dates it applies to. `from`/`to` are inclusive `YYYYMMDD`
/// numbers; both `None` makes it the default code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedCode {
    /// The code as written, without `~` markers: `RUSGOV`, `IGOUNO`; several actors at once
    /// are separated by `/` (`FRO/BIL/SAM`).
    pub code: String,
    pub from: Option<u32>,
    pub to: Option<u32>,
}

impl DatedCode {
    /// Whether this restriction carries no dates (a default).
    pub fn is_default(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    fn holds(&self, day: u32) -> bool {
        !matches!(self.from, Some(f) if f > day) && !matches!(self.to, Some(t) if t < day)
    }
}

/// The code that applies on `day` (`YYYYMMDD`): the first dated restriction holding the day,
/// else the first default.
pub fn select(codes: &[DatedCode], day: u32) -> Option<&DatedCode> {
    codes
        .iter()
        .find(|c| !c.is_default() && c.holds(day))
        .or_else(|| codes.iter().find(|c| c.is_default()))
}

/// A date as a `YYYYMMDD` number.
pub fn day_number(date: chrono::NaiveDate) -> u32 {
    use chrono::Datelike;
    date.year().max(0) as u32 * 10_000 + date.month() * 100 + date.day()
}

/// Reads `YYYYMMDD` or `YYMMDD`. `None` for anything else (`2004017`).
pub fn parse_date(text: &str) -> Option<u32> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = text.parse().ok()?;
    let (year, rest) = match text.len() {
        8 => (n / 10_000, n % 10_000),
        6 => {
            let yy = n / 10_000;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, n % 10_000)
        }
        _ => return None,
    };
    let (month, day) = (rest / 100, rest % 100);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(year * 10_000 + rest)
}

/// Reads the inside of a restriction such as `RUSGOV 000508-080507`, `USAGOV >20090120`,
/// `ELI <20010101`, `RUSGOV 20040401 - 20080531` or `RUSGOV`. When `code` is given (CountryInfo
/// `<Leaders>`, whose brackets hold only dates) the text is the date part alone. Leading and
/// trailing `~` (agent markers) are dropped from the code. `Err` carries the reason.
pub fn parse_restriction(inner: &str, code: Option<&str>) -> Result<DatedCode, String> {
    let inner = inner.trim();
    let (code, dates) = match code {
        Some(code) => (code.to_string(), inner),
        None => {
            let mut parts = inner.splitn(2, char::is_whitespace);
            let code = parts.next().unwrap_or("").trim_matches('~');
            (code.to_string(), parts.next().unwrap_or("").trim())
        }
    };
    // `ELR/GAL`: one name standing for several actors at once (user dictionaries write the
    // Shire as `[FRO/BIL/SAM]`); each alternative is a code of its own.
    let alternatives_ok = code
        .split('/')
        .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
    if !alternatives_ok {
        return Err(format!("bad code {code:?}"));
    }
    let dates: String = dates.chars().filter(|c| !c.is_whitespace()).collect();
    let bad = || format!("bad date {dates:?} for {code}");
    let (from, to) = if dates.is_empty() {
        (None, None)
    } else if let Some(d) = dates.strip_prefix('>') {
        (Some(parse_date(d).ok_or_else(bad)?), None)
    } else if let Some(d) = dates.strip_prefix('<') {
        (None, Some(parse_date(d).ok_or_else(bad)?))
    } else if let Some((a, b)) = dates.split_once('-') {
        (
            Some(parse_date(a).ok_or_else(bad)?),
            Some(parse_date(b).ok_or_else(bad)?),
        )
    } else {
        // A single date without a sign: treat it as the start, as "from then on".
        (Some(parse_date(&dates).ok_or_else(bad)?), None)
    };
    Ok(DatedCode { code, from, to })
}

/// A code split into what the linker records: see the module documentation for the mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorCode {
    /// ISO 3166 alpha-3 (or CountryInfo) country code.
    pub country: Option<String>,
    /// The main role: GOV, MIL, REB, IGO, BUS, ...
    pub sector: Option<String>,
    /// Every role part in order: `RUSGOVMED` → GOV, MED.
    pub sectors: Vec<String>,
    /// The code as the dictionary wrote it.
    pub raw: String,
}

/// Splits a CAMEO code; `is_country` says whether a three-letter part is a country code.
pub fn split(raw: &str, is_country: impl Fn(&str) -> bool) -> ActorCode {
    let parts: Vec<&str> = raw
        .as_bytes()
        .chunks(3)
        .filter(|c| c.len() == 3)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    let roles = |from: usize| -> Vec<String> {
        parts
            .iter()
            .skip(from)
            .filter(|p| SECTORS.contains(p))
            .map(|p| p.to_string())
            .collect()
    };
    let (country, sector, sectors) = match parts.first().copied() {
        Some(first @ ("IGO" | "NGO" | "NGM")) => (None, Some(first.to_string()), roles(0)),
        Some("IMG") => (None, Some("REB".to_string()), roles(1)),
        Some("MNC") => {
            let home = parts
                .get(1)
                .filter(|p| is_country(p))
                .map(|p| p.to_string());
            let mut sectors = vec!["BUS".to_string()];
            sectors.extend(roles(1).into_iter().filter(|s| s != "BUS"));
            (home, Some("BUS".to_string()), sectors)
        }
        Some(first) if is_country(first) => {
            let sectors = roles(1);
            (Some(first.to_string()), sectors.first().cloned(), sectors)
        }
        _ => {
            let sectors = roles(0);
            (None, sectors.first().cloned(), sectors)
        }
    };
    ActorCode {
        country,
        sector,
        sectors,
        raw: raw.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(p: &str) -> bool {
        matches!(p, "RUS" | "USA" | "AFG" | "MUS" | "VIR")
    }

    fn check(raw: &str, want_country: Option<&str>, want_sector: Option<&str>) {
        let code = split(raw, country);
        assert_eq!(code.country.as_deref(), want_country, "{raw}");
        assert_eq!(code.sector.as_deref(), want_sector, "{raw}");
        assert_eq!(code.raw, raw);
    }

    #[test]
    fn splits() {
        check("RUSGOV", Some("RUS"), Some("GOV"));
        check("RUSGOVMED", Some("RUS"), Some("GOV"));
        check("USAVIR", Some("USA"), None);
        check("RUS", Some("RUS"), None);
        check("IGOUNO", None, Some("IGO"));
        check("IGOUNODEVWBK", None, Some("IGO"));
        check("MNCUSA", Some("USA"), Some("BUS"));
        check("IMGMUSALQ", None, Some("REB"));
        check("KKLREB", None, Some("REB"));
        check("REB", None, Some("REB"));
        assert_eq!(split("RUSGOVMED", country).sectors, ["GOV", "MED"]);
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("990809"), Some(19990809));
        assert_eq!(parse_date("080507"), Some(20080507));
        assert_eq!(parse_date("20090120"), Some(20090120));
        assert_eq!(parse_date("18970101"), Some(18970101));
        assert_eq!(parse_date("2004017"), None);
        assert_eq!(parse_date("20071301"), None);
        assert_eq!(parse_date("20070231"), Some(20070231));
    }

    #[test]
    fn restrictions() {
        let r = |s| parse_restriction(s, None).unwrap();
        assert_eq!(
            r("RUSGOV 000508-080507"),
            DatedCode {
                code: "RUSGOV".into(),
                from: Some(20000508),
                to: Some(20080507)
            }
        );
        assert_eq!(
            r("USAGOV >20090120"),
            DatedCode {
                code: "USAGOV".into(),
                from: Some(20090120),
                to: None
            }
        );
        assert_eq!(
            r("ELI <20010101"),
            DatedCode {
                code: "ELI".into(),
                from: None,
                to: Some(20010101)
            }
        );
        assert_eq!(r("RUSGOV 20040401 - 20080531").to, Some(20080531));
        assert!(r("RUSELI").is_default());
        assert_eq!(r("~GOV").code, "GOV");
        assert!(parse_restriction("KORGOVBUS 2004017-20061201", None).is_err());
        assert_eq!(r("FRO/BIL/SAM").code, "FRO/BIL/SAM");
        assert!(parse_restriction("---", None).is_err());
        assert!(parse_restriction("ELR/", None).is_err());
        let leader = parse_restriction("19991231 - 20080507", Some("RUSGOV")).unwrap();
        assert_eq!((leader.from, leader.to), (Some(19991231), Some(20080507)));
    }

    #[test]
    fn selection_follows_file_order_then_default() {
        let codes: Vec<DatedCode> = [
            "RUSELI 700101-990809",
            "RUSGOV 991231-080507",
            "RUSGOV >080508",
            "RUSELI",
        ]
        .iter()
        .map(|s| parse_restriction(s, None).unwrap())
        .collect();
        assert_eq!(select(&codes, 19850101).unwrap().code, "RUSELI");
        assert_eq!(select(&codes, 20190425).unwrap().code, "RUSGOV");
        assert_eq!(select(&codes, 20080507).unwrap().code, "RUSGOV");
        // Between 990809 and 991231 nothing dated holds: the default applies.
        assert_eq!(select(&codes, 19991001).unwrap().code, "RUSELI");
        assert_eq!(select(&[], 20190425), None);
    }
}
