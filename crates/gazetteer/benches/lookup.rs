//! Load time and lookup speed of the embedded gazetteer.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use sitrep_gazetteer::Gazetteer;

const NAMES: [&str; 12] = [
    "Tyotkino",
    "Grajvoron",
    "Kursk region",
    "Gebiet Kursk",
    "Kharkov",
    "Saporischschja",
    "Robotyne",
    "Moscow",
    "Kiew",
    "Russian",
    "Springfield",
    "Nowhereville",
];

fn bench(c: &mut Criterion) {
    let t = std::time::Instant::now();
    let g = Gazetteer::embedded();
    eprintln!("first Gazetteer::embedded(): {:?}", t.elapsed());
    c.bench_function("load (from_static over the embedded bytes)", |b| {
        b.iter(|| {
            let fresh = Gazetteer::with_user_text("").expect("no user places");
            black_box(fresh.len())
        })
    });
    let mut group = c.benchmark_group("lookup");
    group.throughput(Throughput::Elements(NAMES.len() as u64));
    group.bench_function("lookup (fold + fst)", |b| {
        b.iter(|| {
            for n in NAMES {
                black_box(g.lookup(n));
            }
        })
    });
    group.bench_function("candidates (ranked records)", |b| {
        b.iter(|| {
            for n in NAMES {
                black_box(g.candidates(n, None));
            }
        })
    });
    group.finish();
    c.bench_function("fuzzy 1 edit in RU (Graivoronn)", |b| {
        b.iter(|| black_box(g.fuzzy("Graivoronn", 1, Some("RU"))))
    });
    c.bench_function("fuzzy 2 edits in UA (Zaporizhzhiaa oblast)", |b| {
        b.iter(|| black_box(g.fuzzy("Zaporizzhia oblastt", 2, Some("UA"))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
