//! `sitrep demo`: the bundled example articles, extracted and stored in a
//! temporary database that disappears when the demo stops.

use std::path::PathBuf;

use sitrep_extract::{Options, Pipeline};
use sitrep_store::{Store, StoreError};

/// The example articles of the repository (`examples/articles`), embedded.
#[derive(rust_embed::Embed)]
#[folder = "../../examples/articles/"]
#[include = "*.txt"]
struct Examples;

/// A database of the example articles in a temporary directory.
pub struct DemoDatabase {
    /// Removed (with the database) when dropped.
    _dir: tempfile::TempDir,
    /// The database file.
    pub path: PathBuf,
    /// Articles stored.
    pub articles: usize,
    /// Events (per article) stored.
    pub events: usize,
}

/// Extracts every bundled example with `pipeline` and stores the reports
/// in a new temporary database.
pub fn build(pipeline: &Pipeline) -> Result<DemoDatabase, StoreError> {
    let dir = tempfile::Builder::new()
        .prefix("sitrep-demo-")
        .tempdir()
        .map_err(|e| StoreError::ReadOnly {
            path: std::env::temp_dir(),
            message: e.to_string(),
        })?;
    let path = dir.path().join("demo.db");
    let mut store = Store::open(&path)?;
    let mut names: Vec<String> = Examples::iter().map(|n| n.into_owned()).collect();
    names.sort();
    let mut reports = Vec::new();
    for name in &names {
        let Some(file) = Examples::get(name) else {
            continue;
        };
        let options = Options {
            path: Some(format!("examples/articles/{name}")),
            published: None,
            include_text: true,
        };
        // Every example is readable text; one that is not is skipped
        // rather than stopping the demo.
        if let Ok(report) = pipeline.extract(&file.data, &options) {
            reports.push(report);
        }
    }
    let inserted = store.insert_batch(&reports)?;
    Ok(DemoDatabase {
        _dir: dir,
        path,
        articles: inserted.stored,
        events: inserted.events,
    })
}

/// How many example articles the binary carries.
pub fn example_count() -> usize {
    Examples::iter().count()
}
