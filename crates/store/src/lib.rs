//! sitrep's store: article reports in SQLite, fused across articles.
//!
//! [`Store::open`] opens (or creates) a database, checks that it is one of
//! sitrep's, and applies the schema migrations it lacks in one transaction
//! (see `docs/STORE.md` for the schema). Then:
//!
//! - [`Store::insert_batch`] stores whole articles (their report, decoded
//!   text, places, actors, events, claims) in one transaction per batch and
//!   updates the cross-article fusion of their events in that same
//!   transaction, so the database only ever holds whole articles and
//!   up-to-date clusters;
//! - [`Store::events`], [`Store::articles`], [`Store::claims_of`] and
//!   [`Store::stats`] read it back; [`export`] turns fused events into
//!   ACLED CSV, GeoJSON, JSON lines or a table.
//!
//! Fusion ([`fuse`]) groups events of several articles that report the same
//! occurrence: same event type, locations close enough for their geo
//! precision, overlapping dates and no conflicting actors.
#![deny(missing_docs)]

pub mod countries;
mod error;
pub mod export;
pub mod fuse;
mod query;
mod schema;
pub mod synthetic;
mod write;

pub use error::StoreError;
pub use query::{
    ActorCount, ArticleRow, ClaimRow, EventFilter, EventPage, EventSnapshot, FusedEvent, Member,
    PlaceCount, Stats,
};
pub use schema::SCHEMA_VERSION;
pub use write::{content_id, day_number, Inserted};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `PRAGMA application_id` of sitrep databases ("sitr" in ASCII).
pub const APPLICATION_ID: i32 = 0x7369_7472;

/// How long a connection waits for a lock held by another one.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open sitrep database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the database at `path` for reading and writing, creating it
    /// when it does not exist, and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if path.is_dir() {
            return Err(StoreError::NotADatabase {
                path,
                reason: "is a directory".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags)
            .map_err(|e| StoreError::from_sqlite(&path, e))?;
        let mut store = Store { conn, path };
        store.configure(true)?;
        schema::check_and_migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// Opens an existing database read-only (for queries while an ingest
    /// may be running). Fails when it does not exist or needs a migration.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if !path.exists() {
            return Err(StoreError::Missing { path });
        }
        if path.is_dir() {
            return Err(StoreError::NotADatabase {
                path,
                reason: "is a directory".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags)
            .map_err(|e| StoreError::from_sqlite(&path, e))?;
        let mut store = Store { conn, path };
        if let Err(e) = store.configure(false) {
            // A WAL database in a directory this user cannot write (no
            // `-shm` file can be made): nobody can be writing it through
            // this directory either, so read it as an immutable file.
            if !matches!(e, StoreError::ReadOnly { .. }) {
                return Err(e);
            }
            let uri = format!("file:{}?immutable=1", uri_path(&store.path));
            store.conn = Connection::open_with_flags(&uri, flags | OpenFlags::SQLITE_OPEN_URI)
                .map_err(|e| StoreError::from_sqlite(&store.path, e))?;
            store.configure(false)?;
        }
        schema::check_read_only(&store.conn, &store.path)?;
        Ok(store)
    }

    fn configure(&self, writable: bool) -> Result<(), StoreError> {
        let err = |e| StoreError::from_sqlite(&self.path, e);
        self.conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        // Reading the header tells a foreign or corrupted file early.
        self.conn
            .query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0))
            .map_err(err)?;
        if writable {
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(err)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Sqlite {
                    path: self.path.clone(),
                    message: format!("could not switch to WAL mode (got {mode})"),
                });
            }
            self.conn
                .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
                .map_err(err)?;
        }
        Ok(())
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| StoreError::from_sqlite(&self.path, e))
    }

    /// `PRAGMA integrity_check`: `"ok"` when the file is sound.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let rows: Vec<String> = {
            let mut st = self
                .conn
                .prepare("PRAGMA integrity_check")
                .map_err(|e| StoreError::from_sqlite(&self.path, e))?;
            let it = st
                .query_map([], |r| r.get::<_, String>(0))
                .map_err(|e| StoreError::from_sqlite(&self.path, e))?;
            it.collect::<Result<_, _>>()
                .map_err(|e| StoreError::from_sqlite(&self.path, e))?
        };
        Ok(rows.join("; "))
    }

    /// The underlying connection, for ad-hoc SQL (tests, tools).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn sql_err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| StoreError::from_sqlite(&self.path, e)
    }
}

#[cfg(test)]
mod tests;

/// A path escaped for a SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            _ => out.push(c),
        }
    }
    out
}
