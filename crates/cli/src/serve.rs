//! `sitrep serve` and `sitrep demo`: hand over to the server crate.

use std::time::Duration;

use anyhow::Context;
use sitrep_server::{AppState, Limits};

use crate::args::{DemoArgs, LexiconArgs, ServeArgs};
use crate::extract::Outcome;

/// Runs `sitrep serve`.
pub fn serve(args: &ServeArgs) -> anyhow::Result<Outcome> {
    anyhow::ensure!(args.timeout > 0, "--timeout must be at least 1 second");
    let pipeline = crate::extract::pipeline(&args.lexicons)?;
    let limits = Limits {
        body_bytes: args.max_body,
        timeout: Duration::from_secs(args.timeout),
    };
    let state = AppState::open(&args.db, pipeline, limits)?;
    let db = args.db.display().to_string();
    sitrep_server::run(sitrep_server::router(state), args.addr, |addr| {
        eprintln!("sitrep: serving {db} at http://{addr}/ (Ctrl-C stops)");
    })
    .context("serving")?;
    Ok(Outcome::AllGood)
}

/// Runs `sitrep demo`.
pub fn demo(args: &DemoArgs) -> anyhow::Result<Outcome> {
    let pipeline = crate::extract::pipeline(&LexiconArgs::default())?;
    eprintln!(
        "sitrep: extracting {} example articles into a temporary database…",
        sitrep_server::demo::example_count()
    );
    let demo = sitrep_server::demo::build(&pipeline).context("building the demo database")?;
    eprintln!(
        "sitrep: stored {} articles with {} events in {}",
        demo.articles,
        demo.events,
        demo.path.display()
    );
    let state = AppState::open(&demo.path, pipeline, Limits::default())?;
    sitrep_server::run(sitrep_server::router(state), args.addr, |addr| {
        eprintln!("sitrep: demo at http://{addr}/ (Ctrl-C stops and deletes the database)");
    })
    .context("serving the demo")?;
    drop(demo);
    Ok(Outcome::AllGood)
}
