//! Tag + parse speed over sentences of a conflict-news text, from sitrep
//! tokens to an `Analysis`; throughput reported in bytes (and words) of text.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_syntax::{analyze, model, Model, PARSER_BYTES, TAGGER_BYTES};

const TEXT: &str = "The Legion said its fighters destroyed two ammunition depots near Belgorod on Tuesday. \
The attack was repelled by Russian forces, the Defence Ministry in Moscow said in a statement. \
Militants who stormed the base killed 12 soldiers and wounded at least 30 others, local officials told Reuters. \
Ukraine's military did not confirm the report, but a spokesman said drones had struck an oil refinery overnight. \
Moscow threatened to retaliate against what it called a terrorist attack on its territory. \
Residents of the village were evacuated after shelling damaged several houses and a school, the regional governor, Vyacheslav Gladkov, wrote on Telegram. \
Kyiv has repeatedly denied involvement in cross-border raids, saying the groups are made up of Russian citizens.";

fn bench(c: &mut Criterion) {
    let text = TEXT.repeat(4);
    let seg = sitrep_text::segment(&text);
    let words: usize = seg
        .sentences
        .iter()
        .map(|s| {
            sitrep_syntax::split_words(&text, seg.sentence_tokens(s))
                .0
                .len()
        })
        .sum();
    let _ = model();
    let mut g = c.benchmark_group("syntax");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("tag+parse bytes", |b| {
        b.iter(|| {
            seg.sentences
                .iter()
                .map(|s| analyze(&text, seg.sentence_tokens(s)).len())
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Elements(words as u64));
    g.bench_function("tag+parse words", |b| {
        b.iter(|| {
            seg.sentences
                .iter()
                .map(|s| analyze(&text, seg.sentence_tokens(s)).len())
                .sum::<usize>()
        })
    });
    g.finish();
    c.bench_function("model load", |b| {
        b.iter(|| Model::from_bytes(TAGGER_BYTES, PARSER_BYTES).map(|m| m.analyze_forms(&[]).len()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
