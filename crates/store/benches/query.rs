//! An area-and-date query over 100k synthetic fused events (target: under
//! 50 ms). The database is built once in a temp dir (a minute or so).

use criterion::{criterion_group, criterion_main, Criterion};
use sitrep_store::synthetic::scattered;
use sitrep_store::{EventFilter, Store};

const EVENTS: usize = 100_000;
const PER_ARTICLE: usize = 10;

fn build(path: &std::path::Path) -> Store {
    let mut store = Store::open(path).unwrap();
    for batch in scattered(EVENTS, PER_ARTICLE).chunks(500) {
        store.insert_batch(batch).unwrap();
    }
    store
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let t = std::time::Instant::now();
    let store = build(&dir.path().join("bench.db"));
    let secs = t.elapsed().as_secs_f64();
    let stats = store.stats().unwrap();
    eprintln!(
        "bench database: {} articles, {} events, {} fused events, built in {secs:.1} s ({:.0} events/s)",
        stats.articles,
        stats.events,
        stats.fused_events,
        stats.events as f64 / secs
    );
    let filter = EventFilter {
        since: Some("2024-03-01".into()),
        until: Some("2024-03-31".into()),
        near: Some(((49.99, 36.23), 50.0)),
        ..EventFilter::default()
    };
    let found = store.events(&filter).unwrap().len();
    eprintln!("area-and-date query: {found} events");
    let mut g = c.benchmark_group("store");
    g.sample_size(20);
    g.bench_function("area_and_date_query_100k", |b| {
        b.iter(|| store.events(&filter).unwrap())
    });
    g.bench_function("area_and_date_query_100k_rows_only", |b| {
        b.iter(|| store.events_only(&filter).unwrap())
    });
    let wide = EventFilter {
        since: Some("2024-01-01".into()),
        until: Some("2024-06-30".into()),
        near: Some(((48.5, 31.0), 300.0)),
        ..EventFilter::default()
    };
    eprintln!("wide query: {} events", store.events(&wide).unwrap().len());
    g.bench_function("wide_area_half_year_query_100k", |b| {
        b.iter(|| store.events(&wide).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
