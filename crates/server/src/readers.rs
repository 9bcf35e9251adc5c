//! A small pool of read-only store connections shared by the request
//! handlers. SQLite in WAL mode lets every connection read while an
//! `ingest` writes; queries run on tokio's blocking threads so a slow one
//! never stalls the async workers. Requests wait for a free connection in
//! arrival order (a fair semaphore), which keeps the latency tail short
//! under load. A connection goes back to the pool when its query ends,
//! even when the request was abandoned meanwhile or the query panicked.

use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use sitrep_store::{Store, StoreError};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;

/// Read-only connections to one database.
pub struct Readers {
    free: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
}

/// A connection taken from the pool; dropping it gives it back, then
/// frees its permit.
struct Lease {
    readers: Arc<Readers>,
    store: Option<Store>,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            // A poisoned lock only means a query panicked while holding
            // it; the list itself is intact.
            self.readers
                .free
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(store);
        }
    }
}

impl Readers {
    /// Opens `count` (at least one) read-only connections to `path`.
    pub fn open(path: &Path, count: usize) -> Result<Readers, StoreError> {
        let stores = (0..count.max(1))
            .map(|_| Store::open_read_only(path))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Readers {
            permits: Arc::new(Semaphore::new(stores.len())),
            free: Mutex::new(stores),
        })
    }

    /// How many connections are idle.
    pub fn idle(&self) -> usize {
        self.free.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    /// Runs `query` on a free connection (waiting in line when all are
    /// busy) on a blocking thread.
    pub async fn with<T, F>(self: &Arc<Self>, query: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let failed = |what: String| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, what);
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|_| failed("the connection pool is closed".into()))?;
        // Every permit stands for a connection in the list.
        let store = self
            .free
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop()
            .ok_or_else(|| failed("no free connection".into()))?;
        let lease = Lease {
            readers: Arc::clone(self),
            store: Some(store),
            _permit: permit,
        };
        tokio::task::spawn_blocking(move || {
            let lease = lease;
            match &lease.store {
                Some(store) => query(store),
                None => Err(failed("no connection".into())),
            }
        })
        .await
        .map_err(|e| failed(format!("query failed: {e}")))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn connections_come_back_after_panics_and_abandoned_requests() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        Store::open(&path).unwrap();
        let readers = Arc::new(Readers::open(&path, 2).unwrap());
        let panicked = readers
            .with(|_| -> Result<(), ApiError> { panic!("a query panics") })
            .await;
        assert!(panicked.is_err());
        assert_eq!(readers.idle(), 2);
        // A request abandoned while its query runs.
        let slow = readers.with(|store| {
            std::thread::sleep(std::time::Duration::from_millis(200));
            Ok(store.schema_version()?)
        });
        let _ = tokio::time::timeout(std::time::Duration::from_millis(20), slow).await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        assert_eq!(readers.idle(), 2);
        for _ in 0..10 {
            assert_eq!(readers.with(|s| Ok(s.schema_version()?)).await.unwrap(), 1);
        }
    }
}
