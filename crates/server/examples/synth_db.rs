//! Writes a database of synthetic scattered events, for load tests and the
//! UI's big-database checks:
//! `cargo run --release -p sitrep-server --example synth_db -- OUT.db [EVENTS]`.

use sitrep_store::synthetic::scattered;
use sitrep_store::Store;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: synth_db OUT.db [EVENTS (default 10000)]");
        std::process::exit(2);
    };
    let events: usize = match args.next().map(|n| n.parse()) {
        None => 10_000,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("synth_db: bad number of events: {e}");
            std::process::exit(2);
        }
    };
    let run = || -> Result<(), sitrep_store::StoreError> {
        let mut store = Store::open(&path)?;
        for batch in scattered(events, 10).chunks(500) {
            store.insert_batch(batch)?;
        }
        let stats = store.stats()?;
        eprintln!(
            "synth_db: {path}: {} articles, {} events, {} fused events",
            stats.articles, stats.events, stats.fused_events
        );
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("synth_db: {e}");
        std::process::exit(1);
    }
}
