//! Throughput of sentence analysis (triggers, typing, status, casualties)
//! over the dev articles, in MB/s.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_events::{analyse, Lexicon};
use std::path::Path;

fn corpus() -> Option<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval/dev");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| std::fs::read_to_string(n).ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    let Some(docs) = corpus() else {
        eprintln!("skipped: eval/dev is absent");
        return;
    };
    let text = docs.join("\n");
    // Sentences split crudely at full stops and line breaks: the bench
    // measures this crate, not the segmenter.
    let sentences: Vec<&str> = text
        .split(['.', '\n'])
        .filter(|s| !s.trim().is_empty())
        .collect();
    let lex = Lexicon::embedded();
    let mut g = c.benchmark_group("events");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("analyse dev articles", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in &sentences {
                n += analyse(lex, s).candidates.len();
            }
            n
        })
    });
    // The whole events stage (time expressions, places, merging) over
    // documents parsed once, with the places stage's findings given.
    let parsed: Vec<sitrep_extract::Document<'_>> = docs
        .iter()
        .filter_map(|d| sitrep_extract::Document::parse(d.as_bytes()).ok())
        .collect();
    let places: Vec<sitrep_extract::Findings> = parsed
        .iter()
        .map(|d| {
            let mut f = sitrep_extract::Findings {
                published: d.metadata.published.map(|p| p.date),
                ..Default::default()
            };
            sitrep_extract::Stage::run(&sitrep_extract::stages::places::PlaceStage, d, &mut f);
            f
        })
        .collect();
    let stage = sitrep_extract::stages::events::EventStage::default();
    g.bench_function("events stage over dev articles", |b| {
        b.iter(|| {
            let mut n = 0;
            for (d, f) in parsed.iter().zip(&places) {
                let mut f = f.clone();
                sitrep_extract::Stage::run(&stage, d, &mut f);
                n += f.events.len();
            }
            n
        })
    });
    // With the actors stage's findings too, so the argument finder has
    // mentions to choose from: the clause heuristic against the parser.
    let with_actors: Vec<sitrep_extract::Findings> = parsed
        .iter()
        .zip(&places)
        .map(|(d, f)| {
            let mut f = f.clone();
            sitrep_extract::Stage::run(
                &sitrep_extract::stages::actors::ActorStage::default(),
                d,
                &mut f,
            );
            f
        })
        .collect();
    let finders: [(&str, std::sync::Arc<dyn sitrep_events::ArgumentFinder>); 2] = [
        (
            "events stage with actors, clause heuristic",
            std::sync::Arc::new(sitrep_events::ClauseHeuristic),
        ),
        (
            "events stage with actors, parse arguments",
            std::sync::Arc::new(sitrep_events::ParseArguments::default()),
        ),
    ];
    for (name, finder) in finders {
        let stage =
            sitrep_extract::stages::events::EventStage::default().with_argument_finder(finder);
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for (d, f) in parsed.iter().zip(&with_actors) {
                    let mut f = f.clone();
                    sitrep_extract::Stage::run(&stage, d, &mut f);
                    n += f.events.len();
                }
                n
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
