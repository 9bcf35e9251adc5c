//! A small pool of read-only store connections shared by the request
//! handlers. SQLite in WAL mode lets every connection read while an
//! `ingest` writes; queries run on tokio's blocking threads so a slow one
//! never stalls the async workers.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use sitrep_store::{Store, StoreError};

use crate::error::ApiError;

/// Read-only connections to one database.
pub struct Readers {
    stores: Vec<Mutex<Store>>,
    next: AtomicUsize,
}

impl Readers {
    /// Opens `count` (at least one) read-only connections to `path`.
    pub fn open(path: &Path, count: usize) -> Result<Readers, StoreError> {
        let stores = (0..count.max(1))
            .map(|_| Store::open_read_only(path).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Readers {
            stores,
            next: AtomicUsize::new(0),
        })
    }

    /// Runs `query` on a free connection (waiting for one when all are
    /// busy) on a blocking thread.
    pub async fn with<T, F>(self: &Arc<Self>, query: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let readers = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let n = readers.stores.len();
            let first = readers.next.fetch_add(1, Ordering::Relaxed) % n;
            for k in 0..n {
                if let Ok(store) = readers.stores[(first + k) % n].try_lock() {
                    return query(&store);
                }
            }
            // A poisoned lock only means an earlier query panicked; the
            // connection itself is still fine for reading.
            let store = readers.stores[first]
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            query(&store)
        })
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("query failed: {e}"),
            )
        })?
    }
}
