//! The schema and its migrations, keyed by `PRAGMA user_version`.
//!
//! Migrations are append-only: migration `i` takes a database from version
//! `i` to `i + 1`; released migrations are never edited. All pending ones
//! run at open in one transaction, so an interrupted upgrade leaves the old
//! version intact. `docs/STORE.md` documents every table.

use crate::{StoreError, APPLICATION_ID};
use rusqlite::Connection;
use std::path::Path;

/// Schema version 1.
const V1: &str = r#"
CREATE TABLE articles (
    id          TEXT PRIMARY KEY,
    path        TEXT,
    title       TEXT,
    published   TEXT,
    byline      TEXT,
    outlet      TEXT,
    language    TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    text        TEXT,
    report      TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    name       TEXT NOT NULL,
    geonameid  INTEGER,
    lat        REAL NOT NULL,
    lon        REAL NOT NULL,
    country    TEXT,
    admin1     TEXT,
    feature    TEXT NOT NULL,
    PRIMARY KEY (article_id, ord)
);

CREATE TABLE actors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    country    TEXT,
    PRIMARY KEY (article_id, ord)
);
CREATE INDEX actors_name ON actors(name);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id       TEXT NOT NULL,
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    actor1         TEXT,
    actor1_kind    TEXT,
    actor2         TEXT,
    actor2_kind    TEXT,
    assoc_actors   TEXT NOT NULL,
    location       TEXT,
    geonameid      INTEGER,
    lat            REAL,
    lon            REAL,
    country        TEXT,
    admin1         TEXT,
    geo_precision  INTEGER,
    date_start     TEXT,
    date_end       TEXT,
    time_precision INTEGER,
    fatalities     INTEGER,
    status         TEXT NOT NULL,
    trigger        TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    UNIQUE (article_id, event_id)
);
CREATE INDEX events_area ON events(event_type, country, admin1, geo_precision, date_end);
CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon, min_day, max_day);

CREATE TABLE claims (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_id   TEXT NOT NULL,
    claimant   TEXT,
    via        TEXT NOT NULL,
    cue        TEXT NOT NULL,
    stance     TEXT NOT NULL,
    hedged     INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (article_id, claim_id)
);

CREATE TABLE event_claims (
    event INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    claim INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (event, claim)
);
CREATE INDEX event_claims_claim ON event_claims(claim);

CREATE TABLE article_contradictions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,
    about      TEXT NOT NULL,
    note       TEXT NOT NULL,
    events     TEXT NOT NULL,
    claims     TEXT NOT NULL,
    PRIMARY KEY (article_id, ord)
);

CREATE TABLE fused_events (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    actor1         TEXT,
    actor1_kind    TEXT,
    actor2         TEXT,
    actor2_kind    TEXT,
    assoc_actors   TEXT NOT NULL,
    location       TEXT,
    geonameid      INTEGER,
    lat            REAL,
    lon            REAL,
    country        TEXT,
    admin1         TEXT,
    geo_precision  INTEGER,
    date_start     TEXT,
    date_end       TEXT,
    time_precision INTEGER,
    fatalities     INTEGER,
    status         TEXT NOT NULL,
    sources        INTEGER NOT NULL,
    agree          INTEGER NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX fused_date ON fused_events(date_start, date_end);
CREATE VIRTUAL TABLE fused_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon, min_day, max_day);

CREATE TABLE fused_members (
    fused INTEGER NOT NULL REFERENCES fused_events(id) ON DELETE CASCADE,
    event INTEGER NOT NULL UNIQUE REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (fused, event)
);

CREATE TABLE contradictions (
    id     INTEGER PRIMARY KEY,
    fused  INTEGER NOT NULL REFERENCES fused_events(id) ON DELETE CASCADE,
    about  TEXT NOT NULL,
    note   TEXT NOT NULL,
    events TEXT NOT NULL
);
CREATE INDEX contradictions_fused ON contradictions(fused);

CREATE TABLE failures (
    path   TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);
"#;

/// The migrations, oldest first; index `i` upgrades version `i` to `i + 1`.
/// Append only.
const MIGRATIONS: &[&str] = &[V1];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

fn header(conn: &Connection, path: &Path) -> Result<(i32, i64, i64), StoreError> {
    let err = |e| StoreError::from_sqlite(path, e);
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(err)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(err)?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view')",
            [],
            |r| r.get(0),
        )
        .map_err(err)?;
    Ok((app, version, tables))
}

fn check_ours(path: &Path, app: i32, version: i64, tables: i64) -> Result<(), StoreError> {
    let empty = tables == 0 && version == 0 && app == 0;
    if app != APPLICATION_ID && !empty {
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
            app_id: app,
            tables,
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Checks that the database is sitrep's (or empty) and applies the missing
/// migrations in one transaction.
pub(crate) fn check_and_migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let err = |e| StoreError::from_sqlite(path, e);
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(err)?;
    let (app, version, tables) = header(&tx, path)?;
    check_ours(path, app, version, tables)?;
    if version < SCHEMA_VERSION {
        for sql in &MIGRATIONS[version as usize..] {
            tx.execute_batch(sql).map_err(err)?;
        }
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
        ))
        .map_err(err)?;
    }
    tx.commit().map_err(err)
}

/// The read-only counterpart: the database must be sitrep's and current.
pub(crate) fn check_read_only(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let (app, version, tables) = header(conn, path)?;
    check_ours(path, app, version, tables)?;
    if version < SCHEMA_VERSION {
        return Err(StoreError::NeedsMigration {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}
