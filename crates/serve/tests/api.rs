//! The JSON API against a store built here with the real pipeline from a few short articles,
//! through the router (`tower::ServiceExt::oneshot`, no socket).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;
use tidings_doc::{Article, Published, Record};
use tidings_pipeline::Pipeline;
use tidings_store::Store;
use tower::ServiceExt;

/// Three reports: two outlets telling of one signing (so fusion has something to join) and a
/// protest another day.
const ARTICLES: &[(&str, &str, &str, &str)] = &[
    (
        "wire-1",
        "North Wire",
        "2025-03-14",
        "Finland and Estonia signed an agreement on ferry inspections in Tallinn on Thursday, \
         the Finnish foreign ministry said. Prime Minister Kristen Michal hosted the talks.",
    ),
    (
        "paper-1",
        "Baltic Paper",
        "2025-03-14",
        "Estonia and Finland signed a deal on ferry safety checks in Tallinn on Thursday, \
         according to Estonian broadcaster ERR.",
    ),
    (
        "wire-2",
        "North Wire",
        "2025-06-02",
        "Hundreds of farmers blocked a border crossing between Poland and Ukraine on Sunday to \
         protest against grain imports, police said.",
    ),
];

/// The store file, built once per test binary; each test opens it read-only, as the server does.
fn store_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("tidings-serve-api-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("store.db");
        let pipeline = Pipeline::standard().expect("the committed models load");
        let records: Vec<Record> = ARTICLES
            .iter()
            .map(|(id, outlet, published, text)| {
                let article = Article {
                    id: id.to_string(),
                    outlet: Some(outlet.to_string()),
                    published: Some(published.parse::<Published>().unwrap()),
                    text: text.to_string(),
                    ..Article::default()
                };
                Record::from_doc(&pipeline.run(article))
            })
            .collect();
        let mut store = Store::open(&path).unwrap();
        store.add_batch(&records).unwrap();
        path
    })
}

fn app() -> axum::Router {
    tidings_serve::router(Store::open_read_only(store_path()).unwrap())
}

/// GETs `uri`: the status and the body parsed as JSON (`Value::Null` when it is not JSON).
async fn get(uri: &str) -> (StatusCode, Value) {
    let (status, body) = get_text(uri).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

async fn get_text(uri: &str) -> (StatusCode, String) {
    let response = app()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// A JSON error: the status in the body is the response's, and there is a message.
fn assert_error(status: StatusCode, body: &Value, expected: StatusCode) {
    assert_eq!(status, expected, "{body}");
    assert_eq!(body["error"]["status"], expected.as_u16(), "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{body}"
    );
}

async fn all_events() -> Vec<Value> {
    let (status, body) = get("/api/events?per_page=500").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["events"].as_array().unwrap().clone()
}

#[tokio::test]
async fn events_are_listed_and_paged() {
    let events = all_events().await;
    assert!(events.len() >= 2, "{events:?}");
    let (status, first) = get("/api/events?per_page=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first["events"].as_array().unwrap().len(), 1);
    assert_eq!(first["page"], 1);
    assert_eq!(first["next_page"], 2);
    assert_eq!(first["events"][0]["id"], events[0]["id"]);
    let last = events.len();
    let (_, end) = get(&format!("/api/events?per_page=1&page={last}")).await;
    assert_eq!(end["events"][0]["id"], events[last - 1]["id"]);
    assert_eq!(end["next_page"], Value::Null);
    let (_, past) = get(&format!("/api/events?per_page=1&page={}", last + 1)).await;
    assert_eq!(past["events"].as_array().unwrap().len(), 0);
}

/// A page's rows are read in a few batched queries over the page's events: every event of a
/// one-event page is the same, party for party, as in the page of all events.
#[tokio::test]
async fn a_page_of_one_names_its_event_as_the_page_of_all() {
    let events = all_events().await;
    for (i, event) in events.iter().enumerate() {
        let (status, page) = get(&format!("/api/events?per_page=1&page={}", i + 1)).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(&page["events"][0], event);
        assert_eq!(page["total"], events.len());
    }
}

/// The server remembers each filter's total for a connection while the store is unchanged:
/// a record stored by a writer meanwhile shows in the next answer's total and rows.
#[tokio::test]
async fn a_total_follows_a_writer() {
    let records = Store::open_read_only(store_path()).unwrap().records().unwrap();
    let dir = std::env::temp_dir().join(format!("tidings-serve-totals-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("store.db");
    let mut writer = Store::open(&path).unwrap();
    writer.add_batch(&records[..1]).unwrap();
    let app = tidings_serve::router(Store::open_read_only(&path).unwrap());
    let total = |app: axum::Router| async move {
        let response = app
            .oneshot(Request::get("/api/events").body(Body::empty()).unwrap())
            .await
            .unwrap();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        (body["total"].as_u64().unwrap(), body["events"].as_array().unwrap().len() as u64)
    };
    let before = total(app.clone()).await;
    assert_eq!(total(app.clone()).await, before, "asked twice, unchanged");
    // The last article tells of another happening (a protest, another day).
    writer.add_batch(&records[records.len() - 1..]).unwrap();
    let after = total(app.clone()).await;
    assert!(after.0 > before.0, "{before:?} -> {after:?}");
    assert_eq!(after.0, after.1, "the total agrees with the rows: {after:?}");
    drop((app, writer));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let events = all_events().await;
    let kind = events[0]["type"].as_str().unwrap().to_string();
    let (status, body) = get(&format!("/api/events?type={kind}&per_page=500")).await;
    assert_eq!(status, StatusCode::OK);
    let rows = body["events"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["type"] == kind.as_str()), "{body}");

    let (_, body) = get("/api/events?outlet=Baltic%20Paper&per_page=500").await;
    let baltic = body["events"].as_array().unwrap();
    assert!(!baltic.is_empty() && baltic.len() < events.len(), "{body}");

    // The protest is the only event of June.
    let (_, body) = get("/api/events?from=2025-06-01&to=2025-06-30").await;
    let june = body["events"].as_array().unwrap();
    assert!(!june.is_empty() && june.len() < events.len(), "{body}");
    assert!(june.iter().all(|e| e["type"] != "AGREE"), "{body}");

    let (_, body) = get("/api/events?text=farmers").await;
    assert!(!body["events"].as_array().unwrap().is_empty(), "{body}");
    let (_, body) = get("/api/events?text=zzzqqq").await;
    assert!(body["events"].as_array().unwrap().is_empty(), "{body}");
    // An empty parameter, as a form sends it, filters nothing.
    let (_, body) = get("/api/events?actor=&type=&per_page=500").await;
    assert_eq!(body["events"].as_array().unwrap().len(), events.len());
}

#[tokio::test]
async fn bad_parameters_are_400_with_a_json_error() {
    for uri in [
        "/api/events?status=maybe",
        "/api/events?from=2025-02-30",
        "/api/events?from=2025-06-01&to=2025-01-01",
        "/api/events?near=60,24",
        "/api/events?page=0",
        "/api/events?per_page=100000",
        "/api/events?colour=red",
        "/api/events/abc",
        "/api/counts/daily?page=2",
    ] {
        let (status, body) = get(uri).await;
        assert_error(status, &body, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn an_event_has_evidence_sources_and_history() {
    let events = all_events().await;
    // The signing told by both outlets.
    let signing = events
        .iter()
        .find(|e| e["article_count"].as_u64() == Some(2))
        .unwrap_or_else(|| panic!("no event told by two articles: {events:?}"));
    let id = signing["id"].as_i64().unwrap();
    let (status, event) = get(&format!("/api/events/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{event}");
    let text = event.to_string();
    assert!(
        text.contains("North Wire") && text.contains("Baltic Paper"),
        "{event}"
    );
    assert!(text.contains("signed"), "{event}");
    assert!(text.contains("ERR"), "the attribution chain: {event}");
    assert!(
        !event["status_history"].as_array().unwrap().is_empty(),
        "{event}"
    );
    // Every member's evidence highlights its trigger, within the sentence's text.
    for mention in event["mentions"].as_array().unwrap() {
        let evidence = mention["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty(), "{mention}");
        assert!(evidence
            .iter()
            .any(|s| s["highlights"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["role"] == "trigger"
                    && h["end"].as_u64().unwrap() as usize
                        <= s["text"].as_str().unwrap().chars().count())));
    }
}

#[tokio::test]
async fn missing_things_are_404() {
    let (status, body) = get("/api/events/987654").await;
    assert_error(status, &body, StatusCode::NOT_FOUND);
    let (status, body) = get("/api/actors/NO-SUCH-ACTOR").await;
    assert_error(status, &body, StatusCode::NOT_FOUND);
    let (status, body) = get("/api/nothing").await;
    assert_error(status, &body, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn daily_counts_add_up_to_the_dated_events() {
    let (status, body) = get("/api/counts/daily").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let counts = body["counts"].as_array().unwrap();
    assert!(!counts.is_empty(), "{body}");
    let total: u64 = counts.iter().map(|c| c["count"].as_u64().unwrap()).sum();
    assert!(total >= 2, "{body}");
    let (_, june) = get("/api/counts/daily?from=2025-06-01").await;
    let june = june["counts"].as_array().unwrap();
    assert!(!june.is_empty());
    assert!(june
        .iter()
        .all(|c| c["date"].as_str().unwrap() >= "2025-06-01"));
}

#[tokio::test]
async fn openapi_names_every_route() {
    let (status, doc) = get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/api/events",
        "/api/events/{id}",
        "/api/actors",
        "/api/actors/{key}",
        "/api/counts/daily",
        "/api/openapi.json",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} missing");
    }
    // Every schema referenced is defined.
    let text = doc.to_string();
    for reference in text.split("\"#/components/schemas/").skip(1) {
        let name = &reference[..reference.find('"').unwrap()];
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{name} undefined"
        );
    }
}

#[tokio::test]
async fn the_page_and_its_assets_are_served() {
    let (status, html) = get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("/assets/app.js") && html.contains("/assets/style.css"));
    // No CDN: every script and stylesheet is the binary's own.
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );
    let (status, js) = get_text("/assets/app.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(js.contains("/api/events"));
}
