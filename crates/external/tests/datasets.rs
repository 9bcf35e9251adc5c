//! Loads the real datasets from the shared folder (`../shared` beside the
//! repository, or `$SITREP_SHARED`) and checks their sizes against their
//! READMEs. Each test skips, saying so, when its data is absent.

use sitrep_external::{
    attribution, case2021, geo, run, tempeval, Benchmark, Error, Metrics, Outcome,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    std::env::var_os("SITREP_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// The file at `rel` under the shared folder, or `None` (with a message)
/// when it is absent.
fn data(rel: &str) -> Option<PathBuf> {
    let path = shared().join(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipping: {} is absent", path.display());
        None
    }
}

/// Runs `benchmark` end to end; `None` when its data is absent.
fn outcome(benchmark: Benchmark) -> Option<Outcome> {
    match run(benchmark, &shared()) {
        Ok(o) => {
            let table = o.table();
            assert!(table.starts_with(benchmark.name()), "{table}");
            assert!(table.contains("published, for comparison"), "{table}");
            serde_json::to_string(&o).expect("outcome serializes");
            Some(o)
        }
        Err(Error::Absent(p)) => {
            eprintln!("skipping {benchmark}: {} absent", p.display());
            None
        }
        Err(e) => panic!("{benchmark}: {e}"),
    }
}

fn check_spans(data: &geo::GeoDataset) {
    for doc in &data.docs {
        for t in &doc.toponyms {
            assert_eq!(t.span.slice(&doc.text), t.phrase, "doc {}", doc.id);
        }
    }
}

#[test]
fn tr_news_matches_its_readme() {
    let Some(path) = data(geo::GeoCorpus::TrNews.relative_path()) else {
        return;
    };
    let d = geo::load(geo::GeoCorpus::TrNews, &path).unwrap();
    // README: 118 articles, 1,319 toponyms, 1,275 with GeoNames id + lat/lon;
    // 117 drifted offsets, all recoverable within ±20 chars.
    assert_eq!(d.docs.len(), 118);
    assert_eq!((d.annotations, d.toponyms()), (1319, 1319));
    assert_eq!((d.resolvable(), d.with_geonameid()), (1275, 1275));
    assert_eq!(
        (d.offsets.exact, d.offsets.repaired, d.offsets.dropped),
        (1202, 117, 0)
    );
    check_spans(&d);
    // 12 articles have an empty <dltime>; the rest come in ~50 styles.
    let dated = d.docs.iter().filter(|doc| doc.published.is_some()).count();
    assert_eq!(dated, 106);
}

#[test]
fn lgl_matches_its_readme() {
    let Some(path) = data(geo::GeoCorpus::Lgl.relative_path()) else {
        return;
    };
    let d = geo::load(geo::GeoCorpus::Lgl, &path).unwrap();
    // README: 588 articles, 5,088 toponyms, 4,462 with GeoNames id + lat/lon,
    // offsets verified 5088/5088.
    assert_eq!(d.docs.len(), 588);
    assert_eq!((d.annotations, d.toponyms()), (5088, 5088));
    assert_eq!((d.resolvable(), d.with_geonameid()), (4462, 4462));
    assert_eq!(d.offsets.exact, 5088);
    assert_eq!(d.offsets.mismatches(), 0);
    check_spans(&d);
}

#[test]
fn geowebnews_matches_its_readme() {
    let Some(path) = data(geo::GeoCorpus::GeoWebNews.relative_path()) else {
        return;
    };
    let d = geo::load(geo::GeoCorpus::GeoWebNews, &path).unwrap();
    // README: 200 articles, 6,612 annotations, 6607/6612 offsets match.
    assert_eq!(d.docs.len(), 200);
    assert_eq!(d.annotations, 6612);
    assert_eq!((d.offsets.exact, d.offsets.dropped), (6607, 5));
    // The 5 off are negative offsets (text outside <text>); 2 of them are
    // toponyms ("American", "US", both with coordinates and an id). Of the
    // README's 2,601 with lat/lon and 2,401 with an id, 2,599 and 2,399
    // remain; 2,720 annotations have a toponym type, 2,718 remain.
    assert_eq!(d.toponyms(), 2718);
    assert_eq!((d.resolvable(), d.with_geonameid()), (2599, 2399));
    check_spans(&d);
}

#[test]
fn case2021_matches_its_readme() {
    let Some(path) = data("data/case2021-task2/test_set_final_release_with_labels.tsv") else {
        return;
    };
    let s = case2021::load(&path).unwrap();
    assert_eq!(s.len(), 1019);
    let mut per: BTreeMap<&str, usize> = BTreeMap::new();
    for x in &s {
        *per.entry(x.label.as_str()).or_default() += 1;
    }
    // refs/events.md: ORG_CRIME 29, NATURAL_DISASTER 37, MAN_MADE_DISASTER
    // 52, DIPLO 44, ATTRIB 28; the rest are the 25 ACLED classes.
    let unseen = [29, 37, 52, 44, 28];
    for (label, n) in case2021::UNSEEN_CLASSES.iter().zip(unseen) {
        assert_eq!(per.get(label), Some(&n), "{label}");
    }
    let acled: usize = case2021::ACLED_CLASSES
        .iter()
        .map(|c| per.get(c.0).copied().unwrap_or(0))
        .sum();
    assert_eq!(acled, 829);
    assert!(
        case2021::ACLED_CLASSES
            .iter()
            .all(|c| per.contains_key(c.0)),
        "every ACLED class has test snippets"
    );
}

#[test]
fn tempeval3_matches_its_readme() {
    let Some(dir) = data(Benchmark::TempEval3.data_dir()) else {
        return;
    };
    let docs = tempeval::load_dir(&dir).unwrap();
    // README: 20 docs, DCT 2013-03-18..22; 138 non-DCT TIMEX3 (DATE 96,
    // DURATION 34, TIME 4, SET 4).
    assert_eq!(docs.len(), 20);
    let mut per: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &docs {
        assert!(d.dct.year() == 2013 && d.dct.month() == 3);
        assert!((18..=22).contains(&d.dct.day()), "{}", d.dct);
        for t in &d.timexes {
            *per.entry(t.kind.as_str()).or_default() += 1;
            assert_eq!(t.span.slice(&d.text), t.text);
            assert!(t.sentence.start <= t.span.start && t.span.end <= t.sentence.end);
        }
    }
    let want = [("DATE", 96), ("DURATION", 34), ("SET", 4), ("TIME", 4)];
    assert_eq!(per, want.into_iter().collect());
}

#[test]
fn meantime_speech_events_match_their_readme() {
    let (Some(events), Some(docs)) = (
        data(attribution::SPEECH_EVENTS),
        data(attribution::MEANTIME_DOCS),
    ) else {
        return;
    };
    let events =
        attribution::parse_speech_events(&std::fs::read_to_string(events).unwrap()).unwrap();
    // README: 479 SPEECH_COGNITIVE mentions; 224 with an Arg0 source; 216
    // with an SLINK content event.
    assert_eq!(events.len(), 479);
    assert_eq!(
        events.iter().filter(|e| !e.sources_arg0.is_empty()).count(),
        224
    );
    assert_eq!(
        events
            .iter()
            .filter(|e| !e.slink_contents.is_empty())
            .count(),
        216
    );
    let out = attribution::evaluate(&events, |name| {
        let xml = std::fs::read_to_string(docs.join(name)).unwrap();
        attribution::parse_meantime(&xml)
    })
    .unwrap();
    assert_eq!(
        (out.documents, out.speech_events, out.with_source),
        (107, 479, 224)
    );
    assert_eq!(
        out.sentence_mismatches, 0,
        "rebuilt sentences match the records"
    );
    assert_eq!(out.cue_unlocated, 2, "two discontinuous triggers");
}

#[test]
fn every_benchmark_runs_and_is_consistent() {
    for b in Benchmark::ALL {
        let Some(o) = outcome(b) else { continue };
        assert_eq!(o.benchmark, b);
        match &o.metrics {
            Metrics::Geo(g) => {
                assert_eq!(g.resolution.scored, g.resolvable);
                let r = &g.end_to_end.recognition;
                assert_eq!(r.tp + r.r#fn, g.resolvable);
                assert_eq!(r.tp + r.fp + g.end_to_end.ignored, g.end_to_end.predicted);
                assert_eq!(g.end_to_end.resolution.scored, r.tp);
            }
            Metrics::Case2021(c) => {
                assert_eq!((c.snippets, c.acled25.n), (1019, 829));
                assert_eq!((c.classes28.n, c.classes30.n), (947, 1019));
                assert_eq!(c.unseen_rejected.total, 190);
                assert_eq!(c.predicted.values().sum::<usize>(), 1019);
            }
            Metrics::TempEval(t) => assert_eq!(t.dates, 96),
            Metrics::Attribution(a) => assert_eq!(a.source_recall.total, 224),
        }
    }
}
