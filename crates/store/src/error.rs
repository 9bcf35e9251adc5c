//! Errors of the store, worded for the person who gave the `--db` path.

use std::path::PathBuf;

/// What went wrong with a database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is not a SQLite database at all (text, random bytes, a
    /// directory), or it is damaged.
    #[error("{}: not a sitrep database: {reason}", path.display())]
    NotADatabase {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A SQLite database, but another application's.
    #[error("{}: a SQLite database of another application (application_id {app_id:#x}, {tables} tables), not sitrep's; give another --db file", path.display())]
    Foreign {
        /// The file.
        path: PathBuf,
        /// Its `PRAGMA application_id`.
        app_id: i32,
        /// How many tables it holds.
        tables: i64,
    },
    /// Written by a newer sitrep whose schema this one does not know.
    #[error("{}: schema version {found} is newer than this sitrep knows ({known}); upgrade sitrep", path.display())]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// Opened read-only but its schema is older and must be migrated first.
    #[error("{}: schema version {found} needs an upgrade to {known}; run `sitrep ingest --db {}` once (it migrates)", path.display(), path.display())]
    NeedsMigration {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The version this build writes.
        known: i64,
    },
    /// No database at that path (read-only commands do not create one).
    #[error("{}: no such database (create one with `sitrep ingest PATHS --db {}`)", path.display(), path.display())]
    Missing {
        /// The file.
        path: PathBuf,
    },
    /// The file or its directory cannot be written.
    #[error("{}: cannot write the database (read-only file or directory): {message}", path.display())]
    ReadOnly {
        /// The file.
        path: PathBuf,
        /// SQLite's message.
        message: String,
    },
    /// Any other SQLite error.
    #[error("{}: {message}", path.display())]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// SQLite's message.
        message: String,
    },
    /// A stored value could not be read back.
    #[error("{}: bad stored data: {message}", path.display())]
    BadData {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
}

impl StoreError {
    /// Classifies a SQLite error on `path`.
    pub(crate) fn from_sqlite(path: &std::path::Path, e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode as C;
        let path = path.to_path_buf();
        let message = e.to_string();
        match e.sqlite_error_code() {
            Some(C::NotADatabase) => StoreError::NotADatabase {
                path,
                reason: "the file is not a SQLite database".into(),
            },
            Some(C::DatabaseCorrupt) => StoreError::NotADatabase {
                path,
                reason: format!("the database is corrupted ({message})"),
            },
            Some(C::ReadOnly) | Some(C::CannotOpen) | Some(C::PermissionDenied) => {
                StoreError::ReadOnly { path, message }
            }
            _ => StoreError::Sqlite { path, message },
        }
    }
}
