//! The JSON handlers. Each parses its parameters ([`crate::params`]), asks the store's read API
//! on a blocking thread and answers JSON; a missing event or actor is a 404.

use crate::error::ApiError;
use crate::params::{self, EventParams, Page};
use crate::Shared;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tidings_store::query::{ActorRow, DailyCount, EventRow};

const OPENAPI: &str = include_str!("../assets/openapi.json");

/// A page of rows; `next_page` is null on the last page.
#[derive(Serialize)]
struct Paged<T: Serialize> {
    page: usize,
    per_page: usize,
    /// All rows matching, over every page (events only: actors are not counted).
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<usize>,
    next_page: Option<usize>,
    #[serde(flatten)]
    rows: T,
}

/// Asks for one row more than the page holds, to know whether another page follows without
/// counting every match.
fn paged<R>(page: Page, mut rows: Vec<R>) -> (Vec<R>, Option<usize>) {
    let more = rows.len() > page.per_page;
    rows.truncate(page.per_page);
    (rows, more.then_some(page.page + 1))
}

/// The rows of a page of events, under their key.
#[derive(Serialize)]
struct Events<'a> {
    events: &'a [EventRow],
}

#[derive(Serialize)]
struct Actors<'a> {
    actors: &'a [ActorRow],
}

#[derive(Serialize)]
struct Counts<'a> {
    counts: &'a [DailyCount],
}

/// `value` as a JSON answer, serialized once, straight into the body's bytes (no
/// `serde_json::Value` in between: a page of 50 events is ~40 KB).
fn json<T: Serialize>(value: &T) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(value)
        .map_err(|e| ApiError::internal(format!("serializing: {e}")))?;
    Ok((
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        body,
    )
        .into_response())
}

pub(crate) async fn events(
    State(shared): State<Shared>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let params: EventParams = params::parse(query.as_deref())?;
    let page = params::page(&params.page, &params.per_page)?;
    let mut filter = params.filter()?;
    filter.limit = page.per_page;
    filter.offset = page.offset();
    let (rows, total) = shared
        .read_counting(move |store, totals| Ok(store.events_page_cached(&filter, totals)?))
        .await?;
    let next_page = (page.offset() + rows.len() < total).then_some(page.page + 1);
    json(&Paged {
        page: page.page,
        per_page: page.per_page,
        total: Some(total),
        next_page,
        rows: Events { events: &rows },
    })
}

pub(crate) async fn event(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad_request(format!("event id: expected a number, got {id:?}")))?;
    let detail = shared.read(move |store| Ok(store.event(id)?)).await?;
    match detail {
        Some(detail) => json(&detail),
        None => Err(ApiError::not_found(format!("no event {id}"))),
    }
}

/// `GET /api/actors`: optional name and country filters, and a page.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorParams {
    name: Option<String>,
    country: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

pub(crate) async fn actors(
    State(shared): State<Shared>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let params: ActorParams = params::parse(query.as_deref())?;
    let page = params::page(&params.page, &params.per_page)?;
    let filter = tidings_store::query::ActorFilter {
        name: nonempty(params.name),
        country: nonempty(params.country),
        limit: page.per_page + 1,
        offset: page.offset(),
    };
    let rows = shared.read(move |store| Ok(store.actors(&filter)?)).await?;
    let (rows, next_page) = paged(page, rows);
    json(&Paged {
        page: page.page,
        per_page: page.per_page,
        total: None,
        next_page,
        rows: Actors { actors: &rows },
    })
}

fn nonempty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

pub(crate) async fn actor(
    State(shared): State<Shared>,
    Path(key): Path<String>,
) -> Result<Response, ApiError> {
    let lookup = key.clone();
    let detail = shared.read(move |store| Ok(store.actor(&lookup)?)).await?;
    match detail {
        Some(detail) => json(&detail),
        None => Err(ApiError::not_found(format!("no actor {key:?}"))),
    }
}

pub(crate) async fn daily_counts(
    State(shared): State<Shared>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let params: EventParams = params::parse(query.as_deref())?;
    if params.page.is_some() || params.per_page.is_some() {
        return Err(ApiError::bad_request(
            "daily counts are not paged: drop page and per_page",
        ));
    }
    let filter = params.filter()?;
    let counts = shared
        .read(move |store| Ok(store.daily_counts(&filter)?))
        .await?;
    json(&Counts { counts: &counts })
}

pub(crate) async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

pub(crate) async fn no_route(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no route {}", uri.path()))
}

/// Everything here reads: any method but GET (and HEAD) is refused.
pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError {
        status: axum::http::StatusCode::METHOD_NOT_ALLOWED,
        message: "the API is read-only: only GET".to_string(),
    }
}
