//! Throughput of claim finding (MB/s) over a synthetic article.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_claims::{find_claims, Input, SentenceIn, Span};

fn article() -> (String, Vec<SentenceIn>) {
    let paras = [
        "The regional governor said on Monday that drones struck a fuel depot near the border.",
        "\"We heard three blasts,\" a resident, Olga Mirna, told the Associated Press by phone.",
        "According to the defence ministry, 14 drones were shot down overnight.",
        "The agency Interfax, citing the emergency service, reported that the fire was contained.",
        "The militia denied any role in the attack and accused the army of staging it.",
        "Roads in the area were closed for several hours as crews cleared the debris.",
    ];
    let mut text = String::new();
    let mut sents = Vec::new();
    for k in 0..200 {
        let p = paras[k % paras.len()];
        let start = text.len();
        text.push_str(p);
        sents.push(SentenceIn {
            span: Span::new(start, text.len()),
            block: k,
        });
        text.push_str("\n\n");
    }
    (text, sents)
}

fn bench(c: &mut Criterion) {
    let (text, sents) = article();
    let mut g = c.benchmark_group("claims");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("find_claims", |b| {
        b.iter(|| {
            find_claims(&Input {
                text: &text,
                sentences: &sents,
                actors: &[],
            })
            .len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
