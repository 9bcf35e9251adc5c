//! `sitrep ingest`: extract articles in parallel and store them.
//!
//! Worker threads (rayon) read each input, hash it, skip it when an
//! article with that content hash is stored or already taken in this run
//! (before extracting it), and extract the rest. One writer thread owns the
//! database: it receives reports over a bounded channel and stores them a
//! batch of whole articles per transaction, fusion included, so a kill at
//! any moment leaves only whole articles, and a re-run stores the rest.
//! Failures are reported on stderr, recorded in the `failures` table and
//! never stop the batch.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::{IntoParallelIterator, ParallelIterator};
use sitrep_extract::{Options, Pipeline, Report};
use sitrep_store::{content_id, Store};

use crate::args::IngestArgs;
use crate::extract::Outcome;
use crate::input::{self, Listed};

/// What a worker sends to the writer.
enum Msg {
    /// A report to store.
    Report(Box<Report>),
    /// The input's content is stored already.
    Duplicate,
    /// The input failed: its name and the reason.
    Failed(String, String),
}

/// Counts of a run.
#[derive(Debug, Default)]
struct Tally {
    stored: usize,
    duplicates: usize,
    failed: usize,
    events: usize,
    write_time: Duration,
}

/// Runs `sitrep ingest`.
pub fn run(args: &IngestArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    // A bad lexicon file fails before any database is created.
    let pipeline = crate::extract::pipeline(&args.lexicons)?;
    let store = Store::open(&args.db)?;
    let known = store.article_ids()?;
    let sources: Vec<Listed> = input::sources(&args.paths).collect();
    let total = sources.len() as u64;
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {per_sec} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let threads = pool.current_num_threads();
    let (tx, rx) = sync_channel::<Msg>(usize::from(args.batch) * 4);
    let batch = usize::from(args.batch);
    let writer_bar = bar.clone();
    let writer = std::thread::Builder::new()
        .name("sitrep-writer".into())
        .spawn(move || write_all(store, rx, batch, &writer_bar))
        .context("starting the writer thread")?;

    let claimed = Mutex::new(known);
    let extract_nanos = AtomicU64::new(0);
    let published = args.published;
    let stop = AtomicBool::new(false);
    pool.install(|| {
        sources.into_par_iter().for_each_with(tx, |tx, listed| {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            let msg = prepare(&pipeline, listed, &claimed, published, &extract_nanos);
            if tx.send(msg).is_err() {
                // The writer has stopped on an error it returns: stop too.
                stop.store(true, Ordering::Relaxed);
            }
        })
    });
    let tally = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the writer thread panicked"))??;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    let rate = tally.stored as f64 / secs.max(1e-9);
    eprintln!(
        "sitrep: ingest into {}: {} stored ({} events), {} skipped as duplicates, {} failed; \
         {:.1} s, {:.1} articles/s (extraction {:.1} s CPU on {} threads, writing {:.1} s)",
        args.db.display(),
        tally.stored,
        tally.events,
        tally.duplicates,
        tally.failed,
        secs,
        rate,
        extract_nanos.load(Ordering::Relaxed) as f64 / 1e9,
        threads,
        tally.write_time.as_secs_f64(),
    );
    Ok(if tally.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::AllGood
    })
}

/// Reads, deduplicates and extracts one input.
fn prepare(
    pipeline: &Pipeline,
    listed: Listed,
    claimed: &Mutex<HashSet<String>>,
    published: Option<jiff::civil::Date>,
    extract_nanos: &AtomicU64,
) -> Msg {
    let source = match listed {
        Ok(s) => s,
        Err((name, reason)) => return Msg::Failed(name, reason),
    };
    let bytes = match source.read() {
        Ok(b) => b,
        Err(reason) => return Msg::Failed(source.display(), reason),
    };
    let id = content_id(&bytes);
    {
        let mut set = match claimed.lock() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        };
        if !set.insert(id) {
            return Msg::Duplicate;
        }
    }
    let options = Options {
        path: source.path().map(|p| p.display().to_string()),
        published,
        include_text: true,
    };
    let t = Instant::now();
    let result = pipeline.extract(&bytes, &options);
    extract_nanos.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
    match result {
        Ok(report) => Msg::Report(Box::new(report)),
        Err(e) => Msg::Failed(source.display(), e.to_string()),
    }
}

/// The writer: stores batches of whole articles until the channel closes.
fn write_all(
    mut store: Store,
    rx: Receiver<Msg>,
    batch: usize,
    bar: &ProgressBar,
) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    let mut pending: Vec<Report> = Vec::with_capacity(batch);
    let mut open = true;
    while open {
        // Wait for the first message, then take what is ready, up to a batch
        // or a quarter of a second.
        let deadline = Instant::now() + Duration::from_millis(250);
        while pending.len() < batch {
            let wait = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(if pending.is_empty() {
                Duration::from_secs(3600)
            } else {
                wait
            }) {
                Ok(Msg::Report(r)) => pending.push(*r),
                Ok(Msg::Duplicate) => {
                    tally.duplicates += 1;
                    bar.inc(1);
                }
                Ok(Msg::Failed(name, reason)) => {
                    tally.failed += 1;
                    bar.suspend(|| eprintln!("sitrep: {name}: {reason}"));
                    bar.inc(1);
                    store.record_failure(&name, &reason)?;
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    open = false;
                    break;
                }
            }
        }
        if pending.is_empty() {
            continue;
        }
        let t = Instant::now();
        let done = store.insert_batch(&pending)?;
        tally.write_time += t.elapsed();
        tally.stored += done.stored;
        tally.duplicates += done.duplicates;
        tally.events += done.events;
        bar.inc(pending.len() as u64);
        bar.set_message(format!("{} stored", tally.stored));
        pending.clear();
    }
    Ok(tally)
}
