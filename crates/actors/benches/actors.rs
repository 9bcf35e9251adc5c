//! Speed of actor recognition over the articles of `../shared/data/corpus`
//! (parsing excluded: the text is segmented and normalized beforehand).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_actors::{recognize, Input, Registry};
use std::path::Path;

struct Prepared {
    text: String,
    seg: sitrep_text::Segmentation,
    norm: sitrep_text::Normalized,
    sentences: Vec<std::ops::Range<usize>>,
}

fn load() -> Vec<Prepared> {
    let dir = std::env::var("SITREP_CORPUS").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/corpus").to_string()
    });
    let mut out = Vec::new();
    let Ok(walk) = std::fs::read_dir(Path::new(&dir)) else {
        return out;
    };
    let mut paths: Vec<_> = walk.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths
        .into_iter()
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
    {
        let Ok(bytes) = std::fs::read(&p) else {
            continue;
        };
        let Ok(d) = sitrep_text::decode(&bytes) else {
            continue;
        };
        let text = d.text.into_owned();
        let seg = sitrep_text::segment(&text);
        let norm = sitrep_text::normalize(&text);
        let sentences = seg.sentences.iter().map(|s| s.tokens.clone()).collect();
        out.push(Prepared {
            text,
            seg,
            norm,
            sentences,
        });
    }
    out
}

fn bench(c: &mut Criterion) {
    let docs = load();
    if docs.is_empty() {
        eprintln!("skipped: no articles in ../shared/data/corpus (set SITREP_CORPUS)");
        return;
    }
    let reg = Registry::embedded();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    per_core(reg, &docs, bytes);
    let mut g = c.benchmark_group("actors");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("recognize_corpus", |b| b.iter(|| run_all(reg, &docs)));
    g.finish();
}

fn run_all(reg: &Registry, docs: &[Prepared]) -> usize {
    let mut n = 0;
    for d in docs {
        let input = Input {
            text: &d.text,
            tokens: &d.seg.tokens,
            normalized: &d.norm,
            sentences: &d.sentences,
            places: &[],
        };
        n += recognize(reg, &input).len();
    }
    n
}

/// CPU time this thread has run, from `/proc/thread-self/schedstat` (Linux).
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Throughput per CPU-second of this thread, which on a loaded machine is
/// the per-core figure (wall-clock throughput counts time spent waiting).
fn per_core(reg: &Registry, docs: &[Prepared], bytes: usize) {
    let Some(t0) = thread_cpu_ns() else {
        eprintln!("per-core throughput: /proc/thread-self/schedstat unavailable");
        return;
    };
    let wall = std::time::Instant::now();
    let mut rounds = 0u64;
    let mut mentions = 0;
    while wall.elapsed().as_secs_f64() < 5.0 {
        mentions += run_all(reg, docs);
        rounds += 1;
    }
    let cpu = (thread_cpu_ns().unwrap_or(t0) - t0) as f64 / 1e9;
    let mb = (bytes as f64 * rounds as f64) / 1e6;
    eprintln!(
        "per-core throughput: {:.1} MB/s ({} articles, {:.2} MB, {} rounds, {:.2} s CPU, {:.2} s wall, {} mentions per round)",
        mb / cpu,
        docs.len(),
        bytes as f64 / 1e6,
        rounds,
        cpu,
        wall.elapsed().as_secs_f64(),
        mentions / rounds.max(1) as usize
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
