//! Errors: [`ServeError`] for starting and running the server, [`ApiError`] for one request
//! (a status code and a message, answered as JSON).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use tidings_store::StoreError;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound (in use, not local, no permission).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    /// The address is not a loopback one, and remote clients were not explicitly allowed
    /// ([`crate::Remote::Allow`]).
    #[error(
        "{addr} is not a loopback address: the server would answer other machines; allow it explicitly (tidings serve --allow-remote) or bind 127.0.0.1"
    )]
    NotLoopback { addr: SocketAddr },
    /// The CORS origin is not a valid header value (`https://host[:port]`, or `*`).
    #[error("CORS origin {origin:?}: expected an origin such as https://example.org or *")]
    CorsOrigin { origin: String },
    /// No read connection to serve from.
    #[error("the server needs at least one read-only store connection")]
    NoReaders,
    /// The async runtime could not be built, or serving failed after the start.
    #[error("serving on {addr}: {source}")]
    Io {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// A failed request: answered as `{"error": {"status": N, "message": "..."}}` with that status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    /// A request the API cannot answer as asked (bad parameter): 400.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// No such event, actor or path: 404.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// The store took longer than the server's deadline: 503.
    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: message.into(),
        }
    }

    /// The store failed (a broken file, a locked database): 500, with the store's message.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> ApiError {
        ApiError::internal(err.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": {"status": self.status.as_u16(), "message": self.message}
        });
        (self.status, axum::Json(body)).into_response()
    }
}
