//! Where extraction time goes: CPU time of each part of the pipeline over a
//! directory of articles, after one warm-up pass (so one-time loading of
//! models and lexicons is reported apart from the per-article cost).
//!
//! `cargo run --release -p sitrep-extract --example stage_times -- DIR [ROUNDS]`
//!
//! Prints, per part, seconds per round and MB/s of article text; the parts
//! are document parsing (decode, segmentation, normalization, metadata), each
//! stage of the standard pipeline in order, and building the report.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use sitrep_extract::stages::{actors, claims, events, places};
use sitrep_extract::{Document, Findings, Options, Report, Stage};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: stage_times DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: u32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("skipping: cannot read {dir}: {e}");
            return;
        }
    };
    paths.retain(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    let articles: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let bytes: usize = articles.iter().map(Vec::len).sum();

    let started = Instant::now();
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(places::PlaceStage),
        Box::new(actors::ActorStage::default()),
        Box::new(events::EventStage::default()),
        Box::new(claims::ClaimStage),
    ];
    let options = Options::default();
    // Warm-up: one pass loads every lazily built model and lexicon.
    for a in &articles {
        if let Ok(doc) = Document::parse(a) {
            let mut found = Findings::default();
            for s in &stages {
                s.run(&doc, &mut found);
            }
        }
    }
    println!(
        "{} articles, {:.2} MB; first pass incl. loading {:.3} s",
        articles.len(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    let names = ["document", "places", "actors", "events", "claims", "report"];
    let mut spent = [Duration::ZERO; 6];
    for _ in 0..rounds {
        for a in &articles {
            let t = Instant::now();
            let Ok(doc) = Document::parse(a) else {
                continue;
            };
            spent[0] += t.elapsed();
            let mut found = Findings {
                published: doc.metadata.published.map(|p| p.date),
                ..Findings::default()
            };
            for (i, s) in stages.iter().enumerate() {
                let t = Instant::now();
                s.run(&doc, &mut found);
                spent[i + 1] += t.elapsed();
            }
            let t = Instant::now();
            let report = Report::build(a, &doc, found, &options);
            std::hint::black_box(&report);
            spent[5] += t.elapsed();
        }
    }
    let total: Duration = spent.iter().sum();
    println!(
        "{:<10} {:>9} {:>7} {:>10}",
        "part", "s/round", "share", "MB/s"
    );
    for (name, d) in names.iter().zip(spent).chain([(&"total", total)]) {
        let per_round = d.as_secs_f64() / f64::from(rounds);
        println!(
            "{:<10} {:>9.4} {:>6.1}% {:>10.1}",
            name,
            per_round,
            100.0 * d.as_secs_f64() / total.as_secs_f64(),
            bytes as f64 / 1e6 / per_round
        );
    }
}
