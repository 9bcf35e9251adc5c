//! Speed of recognition plus resolution over news text: the articles of
//! `../shared/data/corpus` when present (else a sentence written here),
//! segmented beforehand so that only the gazetteer's work is timed. With
//! `ONLY_RECOGNIZE` set in the environment, resolution is left out.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use sitrep_gazetteer::{Gazetteer, SentenceIn};

const FALLBACK: &str = "Militia member Alexei Baranovsky spoke of intense fighting both in \
    Tyotkino and in Grajvoron in the Belgorod region, while Russian forces shelled Kharkiv. ";

fn texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/corpus");
    let mut out: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    if out.is_empty() {
        eprintln!("{} absent: timing a repeated sentence", dir.display());
        out.push(FALLBACK.repeat(2000));
    }
    out
}

fn bench(c: &mut Criterion) {
    let g = Gazetteer::embedded();
    let texts = texts();
    let segs: Vec<sitrep_text::Segmentation> =
        texts.iter().map(|t| sitrep_text::segment(t)).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("places");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("recognize + resolve", |b| {
        b.iter(|| {
            let mut n = 0;
            for (t, seg) in texts.iter().zip(&segs) {
                let ins = SentenceIn::all(seg);
                let ms = g.recognize(t, &ins);
                n += if std::env::var_os("ONLY_RECOGNIZE").is_some() {
                    ms.len()
                } else {
                    g.resolve(&ms, None).len()
                };
            }
            black_box(n)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
