//! Fused events as GDELT 2.0 event rows: the 61 columns of GDELT's `*.export.CSV` files, in
//! their order, tab-separated, one event per line (GDELT's files have no header; [`write`] can
//! add one).
//!
//! # The mapping
//!
//! One row per fused event ([`EventRow`]). Actor 1 is the event's first actor, actor 2 its first
//! recipient (GDELT's actor 2 is the one acted upon); further parties are not in the row.
//!
//! | # | column | from |
//! |---|--------|------|
//! | 1 | `GLOBALEVENTID` | the event's row id |
//! | 2–5 | `SQLDATE`, `MonthYear`, `Year`, `FractionDate` | the event's day ([`EventRow::day`]) as `YYYYMMDD`, `YYYYMM`, `YYYY`, `YYYY.FFFF` |
//! | 6, 16 | `ActorNCode` | the party's CAMEO actor code (`RUSGOV`) |
//! | 7, 17 | `ActorNName` | the party's name, upper-cased as GDELT writes names |
//! | 8, 18 | `ActorNCountryCode` | the party's ISO 3166 alpha-3 country (CAMEO country codes are the same letters for nearly all countries) |
//! | 13–15, 23–25 | `ActorNType1Code`..`Type3Code` | the 3-letter role codes that follow the country in the CAMEO code (`RUSGOV` → `GOV`), only when the code starts with the party's country |
//! | 26 | `IsRootEvent` | empty |
//! | 27 | `EventCode` | the CAMEO event code (`040`) |
//! | 28, 29 | `EventBaseCode`, `EventRootCode` | its first three and first two digits |
//! | 30 | `QuadClass` | from the root code, as GDELT: 01–05 verbal cooperation (1), 06–08 material cooperation (2), 09–13 verbal conflict (3), 14–20 material conflict (4) |
//! | 32 | `NumMentions` | event mentions fused into the event |
//! | 33 | `NumSources` | distinct outlets |
//! | 34 | `NumArticles` | distinct articles |
//! | 52 | `ActionGeo_Type` | 1 for a whole country; otherwise 3 (US city) in the USA, 4 (world city) elsewhere: Tidings does not tell states from cities |
//! | 53 | `ActionGeo_FullName` | the place's name |
//! | 57, 58 | `ActionGeo_Lat`, `ActionGeo_Long` | the place's coordinates |
//! | 59 | `ActionGeo_FeatureID` | the place's GeoNames id (GDELT uses GNS ids: a different gazetteer) |
//! | 60 | `DATEADDED` | when the first article telling of it was published, `YYYYMMDDHHMMSS` (`000000` when the time is unknown) |
//! | 61 | `SOURCEURL` | the URL of the first article telling of it |
//!
//! **Left empty:** `ActorNKnownGroupCode`, `ActorNEthnicCode`, `ActorNReligion1Code`,
//! `ActorNReligion2Code` (9–12, 19–22: Tidings codes none of them); `IsRootEvent` (26);
//! `GoldsteinScale` (31) and `AvgTone` (35: no scale or tone model); all of `Actor1Geo_*` and
//! `Actor2Geo_*` (36–51: Tidings places events, not actors); `ActionGeo_CountryCode`,
//! `ActionGeo_ADM1Code`, `ActionGeo_ADM2Code` (54–56: GDELT writes FIPS 10-4 and ADM codes,
//! Tidings knows only ISO alpha-3, which would be a wrong code in a FIPS column). Without a
//! CAMEO event code, columns 27–30 are empty; without a day, 2–5.

use crate::ExportError;
use std::io::Write;
use tidings_store::query::{EventRow, Party, PlaceRow};

/// GDELT 2.0's event columns, in order.
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The index (0-based) of a column in [`COLUMNS`].
fn col(name: &str) -> usize {
    COLUMNS
        .iter()
        .position(|c| *c == name)
        .expect("a GDELT column name")
}

/// A cell: GDELT's files are tab-separated without quoting, so tabs and line breaks become
/// spaces.
fn cell(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The actor columns (`Code` .. `Type3Code`) of `party` for actor `n` (1 or 2).
fn actor(row: &mut [String], n: u8, party: &Party) {
    let c = |field: &str| col(&format!("Actor{n}{field}"));
    if let Some(code) = &party.code {
        row[c("Code")] = cell(code);
        // CAMEO codes are 3-letter segments: a country, then roles (RUS GOV, USA MIL ...).
        if let Some(country) = &party.country {
            if code.len() > 3 && code.starts_with(country.as_str()) && code.is_ascii() {
                let roles = &code[3..];
                for (i, field) in ["Type1Code", "Type2Code", "Type3Code"].iter().enumerate() {
                    if let Some(role) = roles.get(i * 3..i * 3 + 3) {
                        row[c(field)] = role.to_string();
                    }
                }
            }
        }
    }
    row[c("Name")] = cell(&party.name.to_uppercase());
    row[c("CountryCode")] = party.country.clone().unwrap_or_default();
}

fn action_geo(row: &mut [String], place: &PlaceRow) {
    let kind = if place.key.starts_with("country:") {
        "1"
    } else if place.country.as_deref() == Some("USA") {
        "3"
    } else {
        "4"
    };
    row[col("ActionGeo_Type")] = kind.to_string();
    row[col("ActionGeo_FullName")] = cell(&place.name);
    if let (Some(lat), Some(lon)) = (place.lat, place.lon) {
        row[col("ActionGeo_Lat")] = format!("{lat:.4}");
        row[col("ActionGeo_Long")] = format!("{lon:.4}");
    }
    if let Some(id) = place.geonames_id {
        row[col("ActionGeo_FeatureID")] = id.to_string();
    }
}

/// `YYYY-MM-DD...` as (year, month, day).
fn ymd(day: &str) -> Option<(i32, u32, u32)> {
    let y = day.get(0..4)?.parse().ok()?;
    let m = day.get(5..7)?.parse().ok()?;
    let d = day.get(8..10)?.parse().ok()?;
    Some((y, m, d))
}

/// GDELT's `FractionDate`: the year plus the elapsed fraction of it, four decimals.
fn fraction_date(y: i32, m: u32, d: u32) -> String {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let before: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let day_of_year = before[(m.clamp(1, 12) - 1) as usize] + d + u32::from(leap && m > 2);
    let days = if leap { 366.0 } else { 365.0 };
    format!("{:.4}", y as f64 + f64::from(day_of_year) / days)
}

/// `2019-04-25` or `2019-04-25T10:30[:00]` as `20190425103000`.
fn date_added(seen: &str) -> Option<String> {
    let (y, m, d) = ymd(seen)?;
    let digits: String = seen
        .get(11..)
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .take(6)
        .collect();
    Some(format!("{y:04}{m:02}{d:02}{digits:0<6}"))
}

/// The 61 cells of one event.
pub fn row(e: &EventRow) -> Vec<String> {
    let mut row = vec![String::new(); COLUMNS.len()];
    row[col("GLOBALEVENTID")] = e.id.to_string();
    if let Some((y, m, d)) = e.day.as_deref().and_then(ymd) {
        row[col("SQLDATE")] = format!("{y:04}{m:02}{d:02}");
        row[col("MonthYear")] = format!("{y:04}{m:02}");
        row[col("Year")] = format!("{y:04}");
        row[col("FractionDate")] = fraction_date(y, m, d);
    }
    if let Some(a) = e.actors.first() {
        actor(&mut row, 1, a);
    }
    if let Some(r) = e.recipients.first() {
        actor(&mut row, 2, r);
    }
    if let Some(code) = e.cameo.as_deref().filter(|c| c.len() >= 2 && c.is_ascii()) {
        row[col("EventCode")] = cell(code);
        row[col("EventBaseCode")] = code[..code.len().min(3)].to_string();
        let root = &code[..2];
        row[col("EventRootCode")] = root.to_string();
        if let Ok(n) = root.parse::<u32>() {
            let quad = match n {
                1..=5 => "1",
                6..=8 => "2",
                9..=13 => "3",
                14..=20 => "4",
                _ => "",
            };
            row[col("QuadClass")] = quad.to_string();
        }
    }
    row[col("NumMentions")] = e.mention_count.to_string();
    row[col("NumSources")] = e.outlet_count.to_string();
    row[col("NumArticles")] = e.article_count.to_string();
    if let Some(place) = &e.place {
        action_geo(&mut row, place);
    }
    if let Some(added) = e.first_seen.as_deref().and_then(date_added) {
        row[col("DATEADDED")] = added;
    }
    row[col("SOURCEURL")] = cell(e.url.as_deref().unwrap_or(""));
    row
}

/// Writes the events as GDELT rows, tab-separated, one per line; with `header`, the column
/// names first. Returns the number of rows.
pub fn write(events: &[EventRow], mut out: impl Write, header: bool) -> Result<usize, ExportError> {
    let io = |rows| move |source| ExportError::Write { rows, source };
    if header {
        writeln!(out, "{}", COLUMNS.join("\t")).map_err(io(0))?;
    }
    for (i, e) in events.iter().enumerate() {
        writeln!(out, "{}", row(e).join("\t")).map_err(io(i))?;
    }
    out.flush().map_err(io(events.len()))?;
    Ok(events.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_gdelts() {
        assert_eq!(COLUMNS.len(), 61);
        assert_eq!(col("IsRootEvent"), 25);
        assert_eq!(col("NumMentions"), 31);
        assert_eq!(col("ActionGeo_Type"), 51);
        assert_eq!(col("SOURCEURL"), 60);
    }

    #[test]
    fn dates() {
        assert_eq!(fraction_date(2019, 1, 1), "2019.0027");
        assert_eq!(fraction_date(2019, 7, 2), "2019.5014");
        assert_eq!(date_added("2019-04-25").as_deref(), Some("20190425000000"));
        assert_eq!(date_added("2019-04-25T10:30").as_deref(), Some("20190425103000"));
        assert_eq!(date_added("x"), None);
    }
}
