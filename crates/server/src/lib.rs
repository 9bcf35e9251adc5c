//! `sitrep serve` and `sitrep demo`: an HTTP API (axum) over a sitrep
//! store and the web UI embedded in the binary.
//!
//! The API is read-only over the database (it opens it read-only, so an
//! `ingest` may write at the same time) plus one pure function,
//! `POST /api/extract`. Every error is JSON with the right status
//! ([`error::ApiError`]); bodies are limited in size, requests in time, and
//! every response carries a Content-Security-Policy that allows no script
//! but the UI's own files.

#![deny(missing_docs)]

pub mod api;
pub mod assets;
#[cfg(test)]
mod bundle;
pub mod cache;
pub mod demo;
pub mod error;
pub mod index;
pub mod readers;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, OriginalUri, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use sitrep_extract::Pipeline;
use sitrep_store::StoreError;

use crate::error::ApiError;
use crate::readers::Readers;

/// The OpenAPI description of the API.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Bounds on what one request may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest request body, in bytes.
    pub body_bytes: usize,
    /// The longest a request may take before it is answered with 503.
    pub timeout: Duration,
}

impl Default for Limits {
    /// 5 MB bodies, 10 s per request.
    fn default() -> Limits {
        Limits {
            body_bytes: 5 * 1024 * 1024,
            timeout: Duration::from_secs(10),
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// Read-only connections to the database.
    pub readers: Arc<Readers>,
    /// The extraction pipeline of `POST /api/extract`.
    pub pipeline: Arc<Pipeline>,
    /// One permit per concurrent extraction.
    pub extractions: Arc<tokio::sync::Semaphore>,
    /// Size and time bounds.
    pub limits: Limits,
    /// Answers kept until the database changes.
    pub cache: cache::ResponseCache,
    /// The fused events in memory, read again when the database changes.
    pub index: Arc<index::EventIndex>,
}

impl AppState {
    /// State over the database at `db` with the given pipeline and limits.
    pub fn open(db: &Path, pipeline: Pipeline, limits: Limits) -> Result<AppState, StoreError> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(AppState {
            readers: Arc::new(Readers::open(db, (cores * 2).max(4))?),
            pipeline: Arc::new(pipeline),
            extractions: Arc::new(tokio::sync::Semaphore::new(cores)),
            limits,
            cache: cache::ResponseCache::new(db),
            index: Arc::new(index::EventIndex::new(db, index::MAX_INDEXED)),
        })
    }
}

/// The Content-Security-Policy of every response: the UI's own scripts,
/// styles and data only; nothing inline, nothing from elsewhere.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    frame-ancestors 'none'; form-action 'self'";

/// The router: `/api/…` and the UI.
pub fn router(state: AppState) -> Router {
    let limits = state.limits;
    let cache = state.cache.clone();
    let api = Router::new()
        .route("/events", get(api::events))
        .route("/events/{id}", get(api::event))
        .route("/articles", get(api::articles))
        .route("/articles/{id}", get(api::article))
        .route("/actors", get(api::actors))
        .route("/places", get(api::places))
        .route("/stats", get(api::stats))
        .route("/openapi.json", get(api::openapi))
        .route("/extract", post(api::extract))
        .fallback(api_not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limits.body_bytes));
    Router::new()
        .nest("/api", api)
        .fallback(assets::serve_ui)
        .layer(middleware::from_fn_with_state(cache, cache::cached))
        .layer(middleware::from_fn_with_state(limits.timeout, time_limit))
        .layer(middleware::map_response(secure_headers))
        .with_state(state)
}

async fn api_not_found(OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::not_found(format!(
        "no API route {}; see /api/openapi.json",
        uri.path()
    ))
}

async fn method_not_allowed(method: axum::http::Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} does not answer {method}", uri.path()),
    )
}

/// Answers 503 (as JSON) when the rest of the stack takes longer than the
/// limit.
async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the request took longer than {} s", limit.as_secs_f64()),
        )
        .into_response(),
    }
}

async fn secure_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// Binds `addr`, calls `ready` with the address bound (port 0 picks a free
/// one), and serves `router` until Ctrl-C or SIGTERM.
pub fn run(
    router: Router,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("sitrep-serve")
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| std::io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}")))?;
        ready(listener.local_addr()?);
        tokio::spawn(warm(router.clone()));
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown_signal())
            .await
    })
}

/// The API requests of the UI's first page (`index.html` preloads the
/// first; `app.js` asks the others), answered once at start so the first
/// visitor finds them in the cache.
pub const FIRST_PAGE: &[&str] = &[
    "/api/events?format=points&limit=10000",
    "/api/stats",
    "/api/events?limit=100&offset=0",
];

/// Asks `router` for the [`FIRST_PAGE`] answers, which keeps them in the
/// response cache.
pub async fn warm(router: Router) {
    use tower::ServiceExt;
    for path in FIRST_PAGE {
        let Ok(request) = Request::get(*path).body(axum::body::Body::empty()) else {
            continue;
        };
        // The router never fails (errors are answers); reading the body
        // is what stores it.
        let Ok(response) = router.clone().oneshot(request).await;
        let _ = axum::body::to_bytes(response.into_body(), usize::MAX).await;
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        // Without a signal handler the server simply runs until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
