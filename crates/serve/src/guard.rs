//! What every response carries and every request is held to: security headers, a bounded
//! request body, a deadline, and CORS only when asked for.
//!
//! The page loads nothing but its own script and stylesheet (`/assets/...`) and talks only to
//! this server, so the Content-Security-Policy allows exactly that: no inline script or style
//! attribute, no other origin, no framing.

use crate::error::{ApiError, ServeError};
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// The page's policy: its own script, styles and API; `data:` images (the empty favicon); no
/// plugins, no `<base>`, no framing. Style *attributes* are refused too: the script sets
/// styles through the CSSOM (`element.style`), which a policy does not govern.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Headers set on every response, whatever the route or status.
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    // For browsers that predate `frame-ancestors`.
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
];

pub(crate) async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}

/// Answers a request that is not done after `limit` with a JSON 503. Queries have their own
/// deadline (they are interrupted, see `pool`); this one bounds everything else.
pub(crate) async fn deadline(limit: Duration, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::unavailable(format!(
            "the request took longer than {} s",
            limit.as_secs_f64()
        ))
        .into_response(),
    }
}

/// CORS for `origin` (`*` for any): GET and HEAD only, no credentials. `None` sets no CORS
/// headers at all, so a browser keeps other sites' pages from reading the API.
pub(crate) fn cors(origin: &str) -> Result<tower_http::cors::CorsLayer, ServeError> {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let bad = || ServeError::CorsOrigin {
        origin: origin.to_string(),
    };
    let allow = if origin == "*" {
        AllowOrigin::any()
    } else {
        // An origin is scheme://host[:port], with no path: a browser sends exactly that.
        let rest = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"))
            .ok_or_else(bad)?;
        if rest.is_empty() || rest.contains(['/', '?', '#', ' ']) {
            return Err(bad());
        }
        AllowOrigin::exact(HeaderValue::from_str(origin).map_err(|_| bad())?)
    };
    Ok(CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers([header::ACCEPT]))
}
