//! The web face of a store: a JSON API with its OpenAPI document, and a page that browses it,
//! served over HTTP by axum.
//!
//! It reads a [`Store`] (opened read-only by the caller, see [`Store::open_read_only`]) through
//! the store's read API ([`tidings_store::query`]) and adds no data: only routes, checked
//! query parameters, JSON errors and the page's assets, which are compiled into the binary
//! (`include_str!`), so nothing is fetched from a CDN or built by npm.
//!
//! | route | answer |
//! |---|---|
//! | `GET /` | the page (event list, timeline, event and actor pages; hash routes) |
//! | `GET /api/events?actor=&country=&type=&status=&from=&to=&near=&outlet=&text=&page=&per_page=` | a page of fused events, newest first |
//! | `GET /api/events/{id}` | one event: evidence sentences, sources, status history |
//! | `GET /api/actors?text=&page=&per_page=`, `GET /api/actors/{key}` | actors; one actor with its events |
//! | `GET /api/counts/daily?` (the event filters) | events per day and type |
//! | `GET /api/openapi.json` | the OpenAPI 3.1 document of the above |
//!
//! Errors are `{"error": {"status": N, "message": "..."}}` with that status code.
//!
//! This crate knows nothing about SQL (only `store` does), the pipeline or the command line.
//! It is the only crate that knows HTTP.

mod api;
mod error;
mod page;
pub mod params;

pub use error::{ApiError, ServeError};

use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tidings_store::Store;

/// The store shared by the handlers. SQLite connections are not `Sync`: one at a time, and
/// each query runs on a blocking thread so the async workers keep answering.
#[derive(Clone)]
pub(crate) struct Shared {
    store: Arc<Mutex<Store>>,
}

impl Shared {
    /// Runs `read` on the store on a blocking thread.
    pub(crate) async fn read<T, F>(&self, read: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || {
            // A handler that panicked poisons the lock; the connection is still sound (SQLite
            // rolled back whatever it was doing), so later requests go on.
            let store = store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            read(&store)
        })
        .await
        .map_err(|e| ApiError::internal(format!("request failed: {e}")))?
    }
}

/// The whole application: the API under `/api`, the page at `/`, JSON 404s elsewhere.
pub fn router(store: Store) -> Router {
    let shared = Shared {
        store: Arc::new(Mutex::new(store)),
    };
    Router::new()
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/actors", get(api::actors))
        .route("/api/actors/{key}", get(api::actor))
        .route("/api/counts/daily", get(api::daily_counts))
        .route("/api/openapi.json", get(api::openapi))
        .route("/", get(page::index))
        .route("/assets/app.js", get(page::script))
        .route("/assets/style.css", get(page::style))
        .fallback(api::no_route)
        .method_not_allowed_fallback(api::method_not_allowed)
        .with_state(shared)
}

/// A bound server, not yet answering: [`Server::local_addr`] tells the port when `:0` was asked.
pub struct Server {
    listener: std::net::TcpListener,
    addr: SocketAddr,
}

impl Server {
    /// Binds `addr`.
    pub fn bind(addr: SocketAddr) -> Result<Server, ServeError> {
        let listener = std::net::TcpListener::bind(addr)
            .map_err(|source| ServeError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| ServeError::Bind { addr, source })?;
        listener
            .set_nonblocking(true)
            .map_err(|source| ServeError::Bind { addr, source })?;
        Ok(Server { listener, addr })
    }

    /// The address bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves [`router`] of `store` until Ctrl-C or SIGTERM; blocks the calling thread.
    pub fn run(self, store: Store) -> Result<(), ServeError> {
        let addr = self.addr;
        let io = |source| ServeError::Io { addr, source };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            // Two cores on the machines this runs on; queries run on blocking threads anyway.
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(io)?;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener).map_err(io)?;
            axum::serve(listener, router(store))
                .with_graceful_shutdown(shutdown())
                .await
                .map_err(io)
        })
    }
}

/// Resolves on Ctrl-C or SIGTERM, so that open requests finish before the process ends.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
