//! A small pool of read-only store connections shared by the request
//! handlers. SQLite in WAL mode lets every connection read while an
//! `ingest` writes; queries run on tokio's blocking threads so a slow one
//! never stalls the async workers. Requests wait for a free connection in
//! arrival order (a fair semaphore), which keeps the latency tail short
//! under load.

use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use sitrep_store::{Store, StoreError};
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// Read-only connections to one database.
pub struct Readers {
    free: Mutex<Vec<Store>>,
    permits: Semaphore,
}

impl Readers {
    /// Opens `count` (at least one) read-only connections to `path`.
    pub fn open(path: &Path, count: usize) -> Result<Readers, StoreError> {
        let stores = (0..count.max(1))
            .map(|_| Store::open_read_only(path))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Readers {
            permits: Semaphore::new(stores.len()),
            free: Mutex::new(stores),
        })
    }

    /// Runs `query` on a free connection (waiting in line when all are
    /// busy) on a blocking thread.
    pub async fn with<T, F>(self: &Arc<Self>, query: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let unavailable = |what: String| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, what);
        let permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| unavailable("the connection pool is closed".into()))?;
        // A permit guarantees a free connection. A poisoned lock only means
        // an earlier query panicked; the list itself is intact.
        let store = self
            .free
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop()
            .ok_or_else(|| unavailable("no free connection".into()))?;
        let joined = tokio::task::spawn_blocking(move || {
            let result = query(&store);
            (store, result)
        })
        .await;
        let (store, result) = match joined {
            Ok(done) => done,
            Err(e) => {
                // The query panicked and took its connection with it: one
                // permit fewer keeps permits and connections equal.
                permit.forget();
                return Err(unavailable(format!("query failed: {e}")));
            }
        };
        self.free
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(store);
        drop(permit);
        result
    }
}
