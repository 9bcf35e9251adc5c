//! Every committed fixture database (one per schema version) opens, is
//! upgraded to the current schema, and still answers queries.
//!
//! A new schema version adds its fixture: run
//! `cargo test -p sitrep-store --test migrations -- --ignored write_fixture`
//! before changing the schema, rename the file to `vN.db` and add a test.

use sitrep_store::synthetic::{report, EventSpec};
use sitrep_store::{EventFilter, Store, SCHEMA_VERSION};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of a fixture in a temp dir (opening migrates it in place).
fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join(name);
    std::fs::copy(fixture(name), &to).unwrap();
    (dir, to)
}

#[test]
fn v1_fixture_opens_and_upgrades() {
    let (_dir, path) = copy_of("v1.db");
    let raw = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = raw
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1, "the fixture is a version-1 database");
    drop(raw);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.articles, stats.events, stats.fused_events),
        (3, 3, 2)
    );
    let events = store.events(&EventFilter::default()).unwrap();
    let fused = events.iter().find(|f| f.sources == 2).unwrap();
    assert_eq!(fused.fatalities, Some(3));
    // New articles fuse with the old ones.
    let more = EventSpec::shelling("Kupiansk", 49.7106, 37.6156, "2024-03-12");
    store
        .insert_batch(&[report("fixture-new", "AP", "2024-03-13", &[more])])
        .unwrap();
    let fused = store.event(&fused.id).unwrap();
    assert!(fused.is_none() || fused.unwrap().sources == 3);
    let events = store.events(&EventFilter::default()).unwrap();
    assert!(events.iter().any(|f| f.sources == 3));
}

#[test]
#[ignore = "writes the fixture of the current schema version"]
fn write_fixture() {
    let path = fixture(&format!("v{SCHEMA_VERSION}.db.new"));
    let _ = std::fs::remove_file(&path);
    let mut store = Store::open(&path).unwrap();
    let mut a = EventSpec::shelling("Kupiansk", 49.7106, 37.6156, "2024-03-12");
    a.fatalities = Some(3);
    let mut b = EventSpec::shelling("Kupiansk", 49.72, 37.60, "2024-03-12");
    b.fatalities = Some(5);
    let c = EventSpec::shelling("Izium", 49.2128, 37.2569, "2024-03-10");
    store
        .insert_batch(&[
            report("fixture-a", "Reuters", "2024-03-12", &[a]),
            report("fixture-b", "Ukrinform", "2024-03-13", &[b]),
            report("fixture-c", "AP", "2024-03-10", &[c]),
        ])
        .unwrap();
    store
        .connection()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
        .unwrap();
}
