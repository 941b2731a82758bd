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
//! **Hardening.** [`Server::bind`] refuses a non-loopback address unless [`Remote::Allow`] is
//! given. Queries run on a pool of read-only connections ([`open_readers`]), each within a
//! deadline after which SQLite is interrupted and the answer is a 503. Every response carries
//! [`SECURITY_HEADERS`] (CSP without inline script, nosniff, no framing, no referrer); bodies
//! over [`Options::max_body_bytes`] are a 413; pages are at most [`params::MAX_PER_PAGE`] rows;
//! CORS headers are sent only for [`Options::cors`]. Only the compiled-in assets are served:
//! no route reads a file, so no path can reach one. Not bounded yet: how long a client may
//! take to send its request head. axum 0.8's `serve` gives hyper no timer, so hyper's
//! `header_read_timeout` is not in effect; a slow client holds its socket and a small task
//! (never a store connection: queries start only once the request is read). Bounding it needs
//! our own accept loop over `hyper_util` with `TokioTimer` and `header_read_timeout`.
//!
//! **The event list's total** is counted once per filter and connection and remembered until
//! a writer commits ([`tidings_store::query::Totals`]): exact, and cheap when paging.
//!
//! This crate knows nothing about SQL (only `store` does), the pipeline or the command line.
//! It is the only crate that knows HTTP.

mod api;
mod error;
mod guard;
mod page;
pub mod params;
mod pool;

pub use error::{ApiError, ServeError};
pub use guard::{CONTENT_SECURITY_POLICY, SECURITY_HEADERS};

use axum::routing::get;
use axum::Router;
use pool::Pool;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tidings_store::{Store, StoreError};

/// How the server answers: how many queries at once, how long one may take, how large a
/// request may be, and which other site's pages may read the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Read-only store connections: queries answered at once (others wait for one to be free).
    pub readers: usize,
    /// A request not answered by then gets a 503, and its query is interrupted.
    pub deadline: Duration,
    /// A request with a larger body is refused with a 413 (the API only reads: GET has none).
    pub max_body_bytes: usize,
    /// The one origin (`https://host[:port]`, or `*`) whose pages may read the API; `None`
    /// (the default) sends no CORS headers, so browsers keep other sites out.
    pub cors: Option<String>,
}

impl Options {
    /// Readers when not told: two per core, at least 4 (a slow query should not hold up the
    /// fast ones behind it; beyond the cores, more only queue in SQLite).
    pub fn default_readers() -> usize {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        (2 * cores).max(4)
    }
}

impl Options {
    /// Checks the options without starting anything: the CORS origin must be an origin.
    pub fn check(&self) -> Result<(), ServeError> {
        match &self.cors {
            Some(origin) => guard::cors(origin).map(|_| ()),
            None => Ok(()),
        }
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            readers: Options::default_readers(),
            deadline: Duration::from_secs(10),
            max_body_bytes: 16 * 1024,
            cors: None,
        }
    }
}

/// The store shared by the handlers: a pool of read-only connections.
#[derive(Clone)]
pub(crate) struct Shared {
    pool: Arc<Pool>,
}

impl Shared {
    /// Runs `read` on a free store connection, on a blocking thread, within the deadline.
    pub(crate) async fn read<T, F>(&self, read: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        self.pool.read(read).await
    }

    /// As [`Shared::read`], with the event-list totals remembered for that connection.
    pub(crate) async fn read_counting<T, F>(&self, read: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store, &mut tidings_store::query::Totals) -> Result<T, ApiError> + Send + 'static,
    {
        self.pool.read_counting(read).await
    }
}

/// Opens `n` read-only connections to the store at `path` (at least one).
pub fn open_readers(path: &Path, n: usize) -> Result<Vec<Store>, StoreError> {
    (0..n.max(1)).map(|_| Store::open_read_only(path)).collect()
}

/// The whole application over one connection, with the default [`Options`] otherwise.
pub fn router(store: Store) -> Router {
    router_with(
        vec![store],
        &Options {
            readers: 1,
            ..Options::default()
        },
    )
    .expect("one reader and no CORS origin are valid options")
}

/// The whole application: the API under `/api`, the page at `/`, JSON 404s elsewhere, over the
/// read-only connections `readers` (see [`open_readers`]; `options.readers` is not used here),
/// with the security headers, body limit, deadline and CORS of `options`.
pub fn router_with(readers: Vec<Store>, options: &Options) -> Result<Router, ServeError> {
    if readers.is_empty() {
        return Err(ServeError::NoReaders);
    }
    let shared = Shared {
        pool: Arc::new(Pool::new(readers, options.deadline)),
    };
    debug_assert!(shared.pool.size() >= 1);
    // The request deadline backs up the query's own (which interrupts SQLite): a little later,
    // so a slow query is reported as such.
    let limit = options.deadline + Duration::from_secs(1);
    let mut app = Router::new()
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
        .layer(axum::extract::DefaultBodyLimit::max(options.max_body_bytes))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            options.max_body_bytes,
        ))
        .layer(axum::middleware::from_fn(move |request, next| {
            guard::deadline(limit, request, next)
        }));
    if let Some(origin) = &options.cors {
        app = app.layer(guard::cors(origin)?);
    }
    // Outermost, so that every answer (a 404, a 413, a 503, a CORS preflight) carries them.
    Ok(app.layer(axum::middleware::from_fn(guard::security_headers)))
}

/// Whether a server may answer other machines. Binding anything but a loopback address must
/// be asked for: a store may hold what its owner would not publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Remote {
    /// Only loopback addresses (127.0.0.0/8, ::1) may be bound.
    #[default]
    Refuse,
    /// Any address may be bound (`tidings serve --allow-remote`).
    Allow,
}

/// A bound server, not yet answering: [`Server::local_addr`] tells the port when `:0` was asked.
pub struct Server {
    listener: std::net::TcpListener,
    addr: SocketAddr,
}

impl Server {
    /// Binds `addr`; a non-loopback address is refused unless `remote` is [`Remote::Allow`].
    pub fn bind(addr: SocketAddr, remote: Remote) -> Result<Server, ServeError> {
        if !addr.ip().is_loopback() && remote != Remote::Allow {
            return Err(ServeError::NotLoopback { addr });
        }
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

    /// Serves [`router_with`] of `readers` and `options` until Ctrl-C or SIGTERM; blocks the
    /// calling thread.
    pub fn run(self, readers: Vec<Store>, options: &Options) -> Result<(), ServeError> {
        let addr = self.addr;
        let io = |source| ServeError::Io { addr, source };
        let app = router_with(readers, options)?;
        // One async worker per core (tokio's default); queries run on blocking threads.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(io)?;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener).map_err(io)?;
            axum::serve(listener, app)
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
