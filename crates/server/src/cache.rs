//! A response cache for the read-only API: answers of `GET /api/…` are kept
//! by URL until the database changes. The database changes only when
//! something (an `ingest`) writes it, and every commit changes the size or
//! modification time of the database file or its write-ahead log, so a
//! stamp of both tells whether a kept answer is still true. Checking it
//! costs two `stat` calls.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest answer kept.
const MAX_ENTRY: usize = 16 * 1024 * 1024;
/// The most bytes kept in all; when full, the cache starts over.
const MAX_TOTAL: usize = 128 * 1024 * 1024;

/// The header that marks an answer served from the cache.
pub const HIT_HEADER: header::HeaderName = header::HeaderName::from_static("x-sitrep-cache");

/// Size and modification time of the database and its WAL.
pub(crate) type Stamp = [(u64, Option<SystemTime>); 2];

/// The files whose [`Stamp`] tells whether the database at `db` changed:
/// the database and its write-ahead log.
pub(crate) fn stamped_files(db: &Path) -> [PathBuf; 2] {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    [db.to_path_buf(), PathBuf::from(wal)]
}

/// The current [`Stamp`] of `files`.
pub(crate) fn stamp_of(files: &[PathBuf; 2]) -> Stamp {
    let one = |p: &Path| match std::fs::metadata(p) {
        Ok(m) => (m.len(), m.modified().ok()),
        Err(_) => (0, None),
    };
    [one(&files[0]), one(&files[1])]
}

#[derive(Default)]
struct Entries {
    stamp: Option<Stamp>,
    bytes: usize,
    answers: HashMap<String, (HeaderValue, Bytes)>,
}

/// Answers kept for one database.
#[derive(Clone)]
pub struct ResponseCache {
    files: Arc<[PathBuf; 2]>,
    entries: Arc<Mutex<Entries>>,
}

impl ResponseCache {
    /// A cache for the database at `db`.
    pub fn new(db: &Path) -> ResponseCache {
        ResponseCache {
            files: Arc::new(stamped_files(db)),
            entries: Arc::new(Mutex::new(Entries::default())),
        }
    }

    fn stamp(&self) -> Stamp {
        stamp_of(&self.files)
    }

    /// The kept answer for `key`, if the database has not changed since.
    fn get(&self, key: &str, stamp: &Stamp) -> Option<(HeaderValue, Bytes)> {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.stamp.as_ref() != Some(stamp) {
            *entries = Entries {
                stamp: Some(*stamp),
                ..Entries::default()
            };
            return None;
        }
        entries.answers.get(key).cloned()
    }

    fn put(&self, key: String, stamp: &Stamp, content_type: HeaderValue, body: Bytes) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.stamp.as_ref() != Some(stamp) {
            return;
        }
        if entries.bytes + body.len() > MAX_TOTAL {
            entries.answers.clear();
            entries.bytes = 0;
        }
        entries.bytes += body.len();
        entries.answers.insert(key, (content_type, body));
    }
}

/// Middleware: serves `GET /api/…` from the cache when it can, and keeps
/// successful answers.
pub async fn cached(State(cache): State<ResponseCache>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET || !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    // Taken before the query runs: a write during it changes the stamp,
    // so its answer is never kept under the older stamp by mistake.
    let stamp = cache.stamp();
    if let Some((content_type, body)) = cache.get(&key, &stamp) {
        return (
            [
                (header::CONTENT_TYPE, content_type),
                (HIT_HEADER, HeaderValue::from_static("hit")),
            ],
            body,
        )
            .into_response();
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Some(content_type) = parts.headers.get(header::CONTENT_TYPE).cloned() else {
        return Response::from_parts(parts, body);
    };
    // Handlers build their answers in memory, so collecting them costs no
    // waiting; only answers up to MAX_ENTRY are kept.
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            if bytes.len() <= MAX_ENTRY && cache.stamp() == stamp {
                cache.put(key, &stamp, content_type, bytes.clone());
            }
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => crate::error::ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot read the answer: {e}"),
        )
        .into_response(),
    }
}
