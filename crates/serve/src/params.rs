//! Query strings to store filters, checked: a malformed date, place or page is a 400 that says
//! which parameter and what was expected, never an empty answer that looks like "no events".

use crate::error::ApiError;
use serde::Deserialize;
use tidings_store::query::EventFilter;

/// Events per page when `per_page` is not given.
pub const DEFAULT_PER_PAGE: usize = 50;
/// The largest `per_page` honoured: a bigger page is a 400, not a silent cut.
pub const MAX_PER_PAGE: usize = 500;

/// The statuses an event may have (`tidings/1`); `status=` must be one of them.
pub const STATUSES: &[&str] = &[
    "happened",
    "ongoing",
    "planned",
    "expected",
    "possible",
    "hypothetical",
    "negated",
    "denied",
];

/// `GET /api/events` and `GET /api/counts/daily`: every filter is optional; all given must hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventParams {
    pub actor: Option<String>,
    pub country: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub status: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// `LAT,LON,KM`.
    pub near: Option<String>,
    pub outlet: Option<String>,
    pub text: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

/// A page of a list: 1-based `page`, `per_page` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub page: usize,
    pub per_page: usize,
}

impl Page {
    pub fn offset(&self) -> usize {
        (self.page - 1) * self.per_page
    }
}

/// Parses a query string (without the `?`) into `T`, naming the offending parameter on error.
pub fn parse<T: for<'de> Deserialize<'de> + Default>(query: Option<&str>) -> Result<T, ApiError> {
    match query {
        None | Some("") => Ok(T::default()),
        Some(q) => serde_urlencoded::from_str(q)
            .map_err(|e| ApiError::bad_request(format!("bad query string: {e}"))),
    }
}

/// An empty parameter (`?actor=`, as a form sends an empty field) means "not given".
fn given(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// Checks a day `YYYY-MM-DD`, or a month `YYYY-MM` or a year `YYYY` (the store takes a prefix
/// as the whole month or year).
fn day(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(v) = value else { return Ok(None) };
    let bad = || {
        ApiError::bad_request(format!(
            "{name}: expected a day YYYY-MM-DD (or YYYY-MM, YYYY), got {v:?}"
        ))
    };
    let parts: Vec<&str> = v.split('-').collect();
    let widths = [4, 2, 2];
    if parts.len() > 3
        || parts
            .iter()
            .zip(widths)
            .any(|(p, w)| p.len() != w || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    if let Some(&m) = n.get(1) {
        if !(1..=12).contains(&m) {
            return Err(bad());
        }
    }
    if let [y, m, d] = n[..] {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 31,
        };
        if d == 0 || d > days {
            return Err(bad());
        }
    }
    Ok(Some(v))
}

/// `LAT,LON,KM` with a latitude in [-90, 90], a longitude in [-180, 180] and a radius > 0.
fn near(value: Option<String>) -> Result<Option<(f64, f64, f64)>, ApiError> {
    let Some(v) = value else { return Ok(None) };
    let bad = || {
        ApiError::bad_request(format!(
            "near: expected LAT,LON,KM (e.g. 60.17,24.94,50), got {v:?}"
        ))
    };
    let nums: Vec<f64> = v
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    match nums[..] {
        [lat, lon, km]
            if (-90.0..=90.0).contains(&lat)
                && (-180.0..=180.0).contains(&lon)
                && km > 0.0
                && km.is_finite() =>
        {
            Ok(Some((lat, lon, km)))
        }
        _ => Err(bad()),
    }
}

fn positive(
    name: &str,
    value: Option<String>,
    default: usize,
    max: usize,
) -> Result<usize, ApiError> {
    let Some(v) = value else { return Ok(default) };
    match v.parse::<usize>() {
        Ok(n) if n >= 1 && n <= max => Ok(n),
        _ => Err(ApiError::bad_request(format!(
            "{name}: expected a whole number from 1 to {max}, got {v:?}"
        ))),
    }
}

/// Parses the page of a list.
pub fn page(page: &Option<String>, per_page: &Option<String>) -> Result<Page, ApiError> {
    // A page past 10^6 is a typo or a crawler; the cap keeps offset arithmetic far from overflow.
    let page = positive("page", given(page), 1, 1_000_000)?;
    let per_page = positive("per_page", given(per_page), DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
    Ok(Page { page, per_page })
}

impl EventParams {
    /// The store filter these parameters ask for, without paging (`limit`, `offset` 0).
    pub fn filter(&self) -> Result<EventFilter, ApiError> {
        let status = given(&self.status);
        if let Some(s) = &status {
            if !STATUSES.contains(&s.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "status: expected one of {}, got {s:?}",
                    STATUSES.join(", ")
                )));
            }
        }
        let from = day("from", given(&self.from))?;
        let to = day("to", given(&self.to))?;
        // Only two whole days compare as strings: `to=2019-04` covers the whole month.
        if let (Some(f), Some(t)) = (&from, &to) {
            if f.len() == 10 && t.len() == 10 && f > t {
                return Err(ApiError::bad_request(format!("from {f} is after to {t}")));
            }
        }
        Ok(EventFilter {
            actor: given(&self.actor),
            country: given(&self.country),
            kind: given(&self.kind),
            status,
            from,
            to,
            near: near(given(&self.near))?,
            outlet: given(&self.outlet),
            text: given(&self.text),
            ..EventFilter::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_checked() {
        assert!(day("from", Some("2024-02-29".into())).is_ok());
        assert!(day("from", Some("2023-02-29".into())).is_err());
        assert!(day("from", Some("2024-13-01".into())).is_err());
        assert!(day("from", Some("24-01-01".into())).is_err());
        assert!(day("to", Some("2024-04".into())).is_ok());
        assert!(day("to", Some("2024".into())).is_ok());
        assert!(day("to", Some("2024-00".into())).is_err());
        assert!(day("to", Some("2024-04-01-02".into())).is_err());
        assert!(day("from", Some("2024-1-01".into())).is_err());
    }

    #[test]
    fn near_is_lat_lon_km() {
        assert_eq!(
            near(Some("60.17, 24.94,50".into())).unwrap(),
            Some((60.17, 24.94, 50.0))
        );
        assert!(near(Some("60.17,24.94".into())).is_err());
        assert!(near(Some("91,0,5".into())).is_err());
        assert!(near(Some("0,0,0".into())).is_err());
        assert!(near(Some("0,0,NaN".into())).is_err());
    }

    #[test]
    fn pages_are_bounded() {
        assert_eq!(
            page(&None, &None).unwrap(),
            Page {
                page: 1,
                per_page: DEFAULT_PER_PAGE
            }
        );
        assert_eq!(
            page(&Some("3".into()), &Some("10".into()))
                .unwrap()
                .offset(),
            20
        );
        assert!(page(&Some("0".into()), &None).is_err());
        assert!(page(&None, &Some("501".into())).is_err());
        assert!(page(&Some("x".into()), &None).is_err());
    }
}
