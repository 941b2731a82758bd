//! The server's defences, each tested: loopback-only binding, security headers on every
//! answer, no path to the file system, CORS only when asked, bounded bodies and pages, SQL
//! that stays data, a deadline, a read-only store, and many requests at once.
//!
//! The store is built here from hand-made records (no models needed): three meetings, two of
//! them told by two outlets.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;
use tidings_doc::Record;
use tidings_serve::{Options, Remote, ServeError, Server};
use tidings_store::Store;
use tower::ServiceExt;

/// "{who} met {whom} in {place}." with linked people and a located place: one CONSULT event.
fn meeting(id: &str, outlet: &str, date: &str, who: &str, whom: &str, place: &str) -> Record {
    let text = format!("{who} met {whom} in {place}. Talks went on late ({id}).");
    let n = |s: &str| s.chars().count();
    let met = n(who) + 1;
    let whom_at = met + 4;
    let place_at = whom_at + n(whom) + 4;
    let first = place_at + n(place) + 1;
    let entity = |eid: &str, name: &str, kind: &str, at: usize| {
        serde_json::json!({"id": eid, "name": name, "type": kind, "country": "FIN",
            "sector": null, "role": null, "kb_id": format!("KB_{}", name.replace(' ', "_")),
            "code": null, "geo": if kind == "LOC" {
                serde_json::json!({"lat": 60.17, "lon": 24.94, "geonames_id": 658225})
            } else { Value::Null },
            "mentions": [{"start": at, "end": at + n(name), "text": name}]})
    };
    serde_json::from_value(serde_json::json!({
        "format": "tidings/1",
        "article": {"id": id, "url": null, "outlet": outlet, "published": date, "title": null,
                    "text": text},
        "sentences": [{"start": 0, "end": first}, {"start": first + 1, "end": n(&text)}],
        "times": [],
        "entities": [entity("E1", who, "PER", 0), entity("E2", whom, "PER", whom_at),
                     entity("E3", place, "LOC", place_at)],
        "events": [{"id": "V1", "type": "CONSULT", "mode": "meet", "cameo": "043",
            "trigger": {"start": met, "end": met + 3, "text": "met"},
            "actors": ["E1"], "recipients": ["E2"], "location": "E3", "time": null,
            "date": date, "status": "happened", "attribution": [], "quote": null,
            "sentence": 0, "confidence": 0.9,
            "evidence": [{"sentence": 0, "start": met, "end": met + 3, "text": "met"}],
            "quotes": []}]
    }))
    .unwrap()
}

fn store_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("tidings-serve-hardening-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("store.db");
        let mut store = Store::open(&path).unwrap();
        store
            .add_batch(&[
                meeting("a1", "Wire", "2025-03-04", "Aino Aalto", "Bo Berg", "Helsinki"),
                meeting("a2", "Daily", "2025-03-04", "Aino Aalto", "Bo Berg", "Helsinki"),
                meeting("b1", "Wire", "2025-04-10", "Cy Cruz", "Dee Dahl", "Helsinki"),
                meeting("c1", "Daily", "2025-05-20", "Eli Eng", "Fay Fox", "Helsinki"),
            ])
            .unwrap();
        path
    })
}

fn app_with(options: &Options) -> axum::Router {
    let readers = tidings_serve::open_readers(store_path(), options.readers).unwrap();
    tidings_serve::router_with(readers, options).unwrap()
}

fn app() -> axum::Router {
    app_with(&Options {
        readers: 2,
        ..Options::default()
    })
}

async fn send(app: axum::Router, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&bytes).into_owned())
}

async fn get(uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    send(app(), Request::get(uri).body(Body::empty()).unwrap()).await
}

fn events_of(body: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body}"));
    v["events"].as_array().unwrap_or_else(|| panic!("no events: {v}")).clone()
}

#[test]
fn binding_a_non_loopback_address_must_be_allowed() {
    for addr in ["0.0.0.0:0", "[::]:0", "192.0.2.1:8080"] {
        let addr: SocketAddr = addr.parse().unwrap();
        let err = Server::bind(addr, Remote::Refuse).err().expect("refused");
        assert!(matches!(err, ServeError::NotLoopback { .. }), "{err}");
        assert!(err.to_string().contains("--allow-remote"), "{err}");
    }
    let local = Server::bind("127.0.0.1:0".parse().unwrap(), Remote::Refuse).unwrap();
    assert!(local.local_addr().ip().is_loopback());
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let post = Request::post("/api/events").body(Body::empty()).unwrap();
    let mut answers = vec![send(app(), post).await];
    for uri in ["/", "/assets/app.js", "/assets/style.css", "/api/events", "/api/events/1",
        "/api/counts/daily", "/api/openapi.json", "/api/events?status=maybe", "/nothing"]
    {
        answers.push(get(uri).await);
    }
    let statuses: Vec<u16> = answers.iter().map(|a| a.0.as_u16()).collect();
    assert_eq!(statuses, [405, 200, 200, 200, 200, 200, 200, 200, 400, 404]);
    for (status, headers, _) in &answers {
        for (name, value) in tidings_serve::SECURITY_HEADERS {
            assert_eq!(headers.get(*name).map(|v| v.to_str().unwrap()), Some(*value), "{status} {name}");
        }
    }
    let csp = tidings_serve::CONTENT_SECURITY_POLICY;
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
    // The page itself has no inline script or style for the policy to refuse.
    let (_, _, html) = get("/").await;
    assert!(!html.contains("<script>") && !html.contains("style="), "{html}");
    assert!(html.contains("<script src=\"/assets/app.js\">"));
    let (_, _, js) = get("/assets/app.js").await;
    assert!(!js.contains("innerHTML") && !js.contains("eval("));
}

/// Paths that would climb out of a file server's root, raw and percent-encoded.
const TRAVERSALS: &[&str] = &[
    "/../../etc/passwd",
    "/assets/../../etc/passwd",
    "/assets/../../../Cargo.toml",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/assets/%2e%2e/%2e%2e/etc/passwd",
    "/assets/..%2f..%2f..%2fCargo.toml",
    "/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/assets/app.js/../../etc/passwd",
    "/assets/..\\..\\etc\\passwd",
    "/assets/index.html",
    "/assets/openapi.json",
    "/assets/",
    "/src/lib.rs",
    "//etc/passwd",
];

fn leaked(body: &str) -> bool {
    body.contains("root:") || body.contains("[package]") || body.contains("[workspace]")
}

#[tokio::test]
async fn no_path_reaches_the_file_system() {
    for path in TRAVERSALS {
        let (status, headers, body) = get(path).await;
        assert!(status == StatusCode::NOT_FOUND || status == StatusCode::BAD_REQUEST, "{path}: {status}");
        assert!(!leaked(&body), "{path}: {body}");
        assert!(headers.contains_key("content-security-policy"), "{path}");
    }
}

/// Sends `request` as it is, bytes on a socket, and returns the whole answer.
fn raw(addr: SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// A real server on 127.0.0.1, left running until the test binary exits.
fn live_server(options: Options) -> SocketAddr {
    let server = Server::bind("127.0.0.1:0".parse().unwrap(), Remote::Refuse).unwrap();
    let addr = server.local_addr();
    let readers = tidings_serve::open_readers(store_path(), options.readers).unwrap();
    std::thread::spawn(move || server.run(readers, &options).unwrap());
    addr
}

#[test]
fn traversal_on_the_wire_is_refused_too() {
    // On a socket, no client normalizes `..` away before the server sees it.
    let addr = live_server(Options { readers: 1, ..Options::default() });
    let home = raw(addr, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    for path in TRAVERSALS {
        let answer = raw(addr, &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        let status = answer.get(9..12).unwrap_or("");
        assert!(status == "404" || status == "400", "{path}: {answer}");
        assert!(!leaked(&answer), "{path}: {answer}");
    }
}

#[tokio::test]
async fn cors_is_off_unless_an_origin_is_given() {
    let with_origin = |app: axum::Router, origin: &'static str| async move {
        let request = Request::get("/api/events").header(header::ORIGIN, origin).body(Body::empty()).unwrap();
        send(app, request).await
    };
    let (status, headers, _) = with_origin(app(), "https://elsewhere.example").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.keys().all(|k| !k.as_str().starts_with("access-control-")), "{headers:?}");
    // A preflight gets no permission either.
    let preflight = Request::builder()
        .method(Method::OPTIONS)
        .uri("/api/events")
        .header(header::ORIGIN, "https://elsewhere.example")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .body(Body::empty())
        .unwrap();
    let (_, headers, _) = send(app(), preflight).await;
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none(), "{headers:?}");

    let allowed = Options {
        readers: 1,
        cors: Some("https://research.example".into()),
        ..Options::default()
    };
    let (_, headers, _) = with_origin(app_with(&allowed), "https://research.example").await;
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "https://research.example");
    // Another site's page is told the one origin allowed, which is not its own: the browser
    // keeps the answer from it.
    let (_, headers, _) = with_origin(app_with(&allowed), "https://elsewhere.example").await;
    assert_ne!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "https://elsewhere.example");

    for bad in ["research.example", "https://research.example/path", "https://", "ftp://x"] {
        let options = Options { readers: 1, cors: Some(bad.into()), ..Options::default() };
        let readers = tidings_serve::open_readers(store_path(), 1).unwrap();
        let err = tidings_serve::router_with(readers, &options).expect_err(bad);
        assert!(matches!(err, ServeError::CorsOrigin { .. }), "{bad}: {err}");
    }
}

#[tokio::test]
async fn request_bodies_and_pages_are_bounded() {
    let big = vec![b'x'; 1 << 20];
    let request = Request::get("/api/events")
        .header(header::CONTENT_LENGTH, big.len())
        .body(Body::from(big))
        .unwrap();
    let (status, headers, _) = send(app(), request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(headers.contains_key("x-content-type-options"));
    let small = Request::get("/api/events").body(Body::from("{}")).unwrap();
    assert_eq!(send(app(), small).await.0, StatusCode::OK);

    let max = tidings_serve::params::MAX_PER_PAGE;
    let (status, _, _) = get(&format!("/api/events?per_page={max}")).await;
    assert_eq!(status, StatusCode::OK);
    for uri in [format!("/api/events?per_page={}", max + 1), "/api/events?per_page=18446744073709551616".into(),
        "/api/actors?per_page=100000".into(), "/api/events?page=99999999999".into()]
    {
        let (status, _, body) = get(&uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
    }
}

#[tokio::test]
async fn parameters_stay_data_not_sql() {
    let before = Store::open_read_only(store_path()).unwrap().counts().unwrap();
    let (_, _, body) = get("/api/events?per_page=500").await;
    let all = events_of(&body).len();
    assert_eq!(all, 3);
    // Each would widen the result, fail, or write if it were spliced into SQL or FTS syntax.
    for query in [
        "actor=%27%20OR%201%3D1%20--",
        "actor=%25",
        "actor=_",
        "type=x%27%20OR%20%27a%27%3D%27a",
        "outlet=%27%3B%20DROP%20TABLE%20events%3B%20--",
        "country=FIN%27%20OR%20%271%27%3D%271",
        "text=met%20OR%20*",
        "text=%22%20OR%20NEAR(a%20b)%20%22",
        "text=sentence_text%3A*",
        "text=NOT%20met",
        "text=met%20AND%20NOT",
        "text=%5E",
        "text=met%22%3B%20DELETE%20FROM%20evidence%3B%20--",
    ] {
        let (status, _, body) = get(&format!("/api/events?{query}&per_page=500")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {body}");
        assert!(events_of(&body).is_empty(), "{query} matched: {body}");
        let (status, _, body) = get(&format!("/api/counts/daily?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {body}");
    }
    // Words are words: a quoted FTS phrase finds the events whose evidence has them.
    for words in ["met", "MET", "-met", "me*", "met%20%22%22"] {
        let (_, _, body) = get(&format!("/api/events?text={words}&per_page=500")).await;
        assert_eq!(events_of(&body).len(), all, "{words}");
    }
    let (status, _, _) = get("/api/actors/%27%20OR%201%3D1%20--").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let after = Store::open_read_only(store_path()).unwrap();
    assert_eq!(after.counts().unwrap(), before);
    assert_eq!(after.integrity_check().unwrap(), ["ok"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_past_the_deadline_is_a_503() {
    // A copy of the store in rollback-journal mode, locked by another connection's exclusive
    // transaction: a reader waits for the lock (up to its 10 s busy timeout), so the request
    // outlives a deadline of 300 ms.
    let dir = store_path().parent().unwrap().join("locked");
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("store.db");
    let _ = std::fs::remove_file(&copy);
    let source = rusqlite::Connection::open(store_path()).unwrap();
    source.execute("VACUUM INTO ?1", [copy.to_str().unwrap()]).unwrap();
    let writer = rusqlite::Connection::open(&copy).unwrap();
    writer.execute_batch("PRAGMA journal_mode = DELETE;").unwrap();
    let readers = tidings_serve::open_readers(&copy, 1).unwrap();
    writer.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let hurried = Options {
        readers: 1,
        deadline: Duration::from_millis(300),
        ..Options::default()
    };
    let app = tidings_serve::router_with(readers, &hurried).unwrap();
    let started = std::time::Instant::now();
    let request = || Request::get("/api/events").body(Body::empty()).unwrap();
    let (status, headers, body) = send(app.clone(), request()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("no answer within 0.3 s"), "{body}");
    assert!(headers.contains_key("content-security-policy"));
    // The only connection is still waiting for the lock: the next request waits for it within
    // the same deadline, and is a 503 too, not a hang.
    let (status, _, _) = send(app.clone(), request()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    writer.execute_batch("ROLLBACK;").unwrap();
    // Once the lock is gone the connection answers again.
    let mut answered = false;
    for _ in 0..100 {
        if send(app.clone(), request()).await.0 == StatusCode::OK {
            answered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(answered, "the connection never came back");
}

#[tokio::test]
async fn the_server_cannot_write_the_store() {
    let path = store_path();
    let bytes = std::fs::read(path).unwrap();
    // The server's connections are opened read-only: a write through one fails.
    let mut reader = Store::open_read_only(path).unwrap();
    let err = reader.add_batch(&[meeting("z9", "Wire", "2025-06-01", "Gus Gil", "Hal Hu", "Helsinki")]);
    assert!(err.is_err(), "a read-only connection wrote");
    for uri in ["/api/events", "/api/events/1", "/api/actors", "/api/counts/daily"] {
        for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
            let request = Request::builder().method(method.clone()).uri(uri).body(Body::from("{}")).unwrap();
            assert_eq!(send(app(), request).await.0, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        }
    }
    assert_eq!(std::fs::read(path).unwrap(), bytes, "the store file changed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_requests_at_once_all_get_answers() {
    // More requests than connections: the pool makes them wait their turn, never fail.
    for readers in [1, 4] {
        let app = app_with(&Options { readers, ..Options::default() });
        let mut tasks = Vec::new();
        for i in 0..64 {
            let app = app.clone();
            let uri = match i % 4 {
                0 => "/api/events?per_page=2&page=2".to_string(),
                1 => "/api/events/1".to_string(),
                2 => "/api/counts/daily?type=CONSULT".to_string(),
                _ => "/api/events?text=met".to_string(),
            };
            tasks.push(tokio::spawn(async move {
                send(app, Request::get(uri.as_str()).body(Body::empty()).unwrap()).await.0
            }));
        }
        for task in tasks {
            assert_eq!(task.await.unwrap(), StatusCode::OK, "{readers} readers");
        }
    }
}
