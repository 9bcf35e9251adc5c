//! Throughput of the text layer over the news corpus in ../shared:
//! decoding + segmentation + normalization + metadata (`Document::parse`),
//! and the whole pipeline (`Pipeline::extract`).
//!
//! Run with `cargo bench -p sitrep-extract --bench text`. The corpus lives
//! outside the repository; without it the benchmark says so and does nothing.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_extract::{Document, Options, Pipeline};

fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

fn bench(c: &mut Criterion) {
    let articles = corpus();
    if articles.is_empty() {
        eprintln!("skipping: ../shared/data/corpus is absent (it lives outside the repo)");
        return;
    }
    let bytes: usize = articles.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    let texts: Vec<&str> = articles
        .iter()
        .map(|a| std::str::from_utf8(a).expect("UTF-8"))
        .collect();
    group.bench_function("segment", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| sitrep_text::segment(t).sentences.len())
                .sum::<usize>()
        })
    });
    group.bench_function("normalize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| sitrep_text::normalize(t).as_str().len())
                .sum::<usize>()
        })
    });
    let segmented: Vec<_> = texts.iter().map(|t| sitrep_text::segment(t)).collect();
    group.bench_function("metadata", |b| {
        b.iter(|| {
            texts
                .iter()
                .zip(&segmented)
                .map(|(t, seg)| sitrep_meta::read(t, seg).block_roles.len())
                .sum::<usize>()
        })
    });
    group.bench_function("document_parse", |b| {
        b.iter(|| {
            let mut sentences = 0;
            for a in &articles {
                // Check the answer inside the loop: every article segments.
                let doc = Document::parse(a).expect("corpus articles decode");
                assert!(!doc.segmentation.sentences.is_empty());
                sentences += doc.segmentation.sentences.len();
            }
            sentences
        })
    });
    let pipeline = Pipeline::default();
    group.bench_function("extract", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| {
                    pipeline
                        .extract(a, &Options::default())
                        .expect("extracts")
                        .article
                        .id
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
