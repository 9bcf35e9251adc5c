//! Plain-text rendering of an [`Outcome`].

use crate::metrics::{Classification, DistanceScores, Prf};
use crate::{attribution, case2021, geo, tempeval, Metrics, Outcome};
use std::fmt::Write;

pub(crate) fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    match &outcome.metrics {
        Metrics::Geo(g) => geo_table(&mut out, outcome, g),
        Metrics::Case2021(c) => case_table(&mut out, outcome, c),
        Metrics::TempEval(t) => tempeval_table(&mut out, outcome, t),
        Metrics::Attribution(a) => attribution_table(&mut out, outcome, a),
    }
    if !outcome.published.is_empty() {
        out.push_str("published, for comparison:\n");
        for p in outcome.published {
            let _ = writeln!(
                out,
                "  {:<36} {:<30} {:>6.1}  {} [{}]",
                p.system, p.metric, p.value, p.note, p.source
            );
        }
    }
    out
}

fn line(out: &mut String, label: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "  {label:<34} {value}");
}

fn km(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{v:.1}"))
}

fn prf(p: &Prf) -> String {
    format!(
        "P {:.1}  R {:.1}  F1 {:.1}  (tp {}, fp {}, fn {})",
        100.0 * p.precision,
        100.0 * p.recall,
        100.0 * p.f1,
        p.tp,
        p.fp,
        p.r#fn
    )
}

fn distances(out: &mut String, d: &DistanceScores) {
    line(out, "answered", format!("{} of {}", d.answered, d.scored));
    line(out, "exact GeoNames id", d.exact_id.percent());
    line(out, "acc@25km", d.acc_25km.percent());
    line(out, "acc@161km", d.acc_161km.percent());
    line(
        out,
        "mean / median error km (answered)",
        format!("{} / {}", km(d.mean_error_km), km(d.median_error_km)),
    );
}

fn geo_table(out: &mut String, o: &Outcome, g: &geo::GeoOutcome) {
    let _ = writeln!(
        out,
        "{} — toponym resolution on {} ({}){}",
        o.benchmark,
        g.corpus.name(),
        g.corpus.relative_path(),
        g.half.map_or_else(String::new, |h| format!(
            ", {} half (documents by id hash, docs/ACCURACY.md)",
            h.name()
        ))
    );
    let _ = writeln!(
        out,
        "data: {} articles, {} annotations, {} gold toponyms, {} with coordinates (scored), {} with a GeoNames id",
        g.documents, g.annotations, g.toponyms, g.resolvable, g.with_geonameid
    );
    let _ = writeln!(
        out,
        "gold offsets (char → byte, checked against the phrase): {} exact, {} repaired, {} dropped",
        g.offsets.exact, g.offsets.repaired, g.offsets.dropped
    );
    out.push_str("(a) resolution, gold spans given (GazetteerResolver: the span resolved with the article's other places as context)\n");
    distances(out, &g.resolution);
    out.push_str("(b) end to end: reported places matched to gold toponyms by overlapping spans\n");
    let e = &g.end_to_end;
    line(
        out,
        "places reported",
        format!(
            "{} ({} ignored: on gold toponyms without coordinates)",
            e.predicted, e.ignored
        ),
    );
    line(out, "recognition", prf(&e.recognition));
    out.push_str("  over matched toponyms:\n");
    distances(out, &e.resolution);
    if g.extract_errors > 0 {
        line(out, "documents the pipeline rejected", g.extract_errors);
    }
}

fn classes(out: &mut String, title: &str, c: &Classification) {
    let _ = writeln!(
        out,
        "  {title:<34} weighted F1 {:.1}  macro F1 {:.1}  accuracy {}  (n = {})",
        100.0 * c.weighted_f1,
        100.0 * c.macro_f1,
        c.accuracy.percent(),
        c.n
    );
}

fn case_table(out: &mut String, o: &Outcome, c: &case2021::CaseOutcome) {
    let _ = writeln!(
        out,
        "{} — ACLED sub-event type of the first reported event, CASE 2021 Task 2 (data/case2021-task2){}",
        o.benchmark,
        c.half.map_or_else(String::new, |h| format!(
            ", {} half (snippets by id parity, docs/ACCURACY.md)",
            h.name()
        ))
    );
    let _ = writeln!(
        out,
        "data: {} snippets: {} in the 25 ACLED classes, {} in the 5 unseen classes",
        c.snippets, c.acled25.n, c.unseen_rejected.total
    );
    classes(out, "subtask 1: 25 ACLED classes", &c.acled25);
    classes(out, "subtask 2: 28 classes", &c.classes28);
    classes(out, "subtask 3: 30 classes", &c.classes30);
    out.push_str("  (sitrep cannot name the unseen classes; subtasks 2-3 are for comparison)\n");
    line(
        out,
        "unseen snippets with no event",
        c.unseen_rejected.percent(),
    );
    for u in &c.unseen {
        let others: Vec<String> = u
            .predicted
            .iter()
            .filter(|(l, _)| l.as_str() != case2021::NONE)
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        let others = if others.is_empty() {
            String::new()
        } else {
            format!("; predicted {}", others.join(", "))
        };
        line(
            out,
            &format!("  {}", u.label),
            format!("{}{others}", u.rejected.percent()),
        );
    }
    let dist: Vec<String> = c
        .predicted
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    line(out, "predicted labels", dist.join(", "));
    if c.extract_errors > 0 {
        line(out, "snippets the pipeline rejected", c.extract_errors);
    }
}

fn tempeval_table(out: &mut String, o: &Outcome, t: &tempeval::TempEvalOutcome) {
    let _ = writeln!(
        out,
        "{} — DATE value accuracy, gold spans, anchored at the document date; TempEval-3 platinum (data/time-eval/te3_platinum)",
        o.benchmark
    );
    let types: Vec<String> = t
        .timexes_by_type
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    let total: usize = t.timexes_by_type.values().sum();
    let _ = writeln!(
        out,
        "data: {} documents, {} timexes besides the DCT ({})",
        t.documents,
        total,
        types.join(", ")
    );
    line(out, "resolver", &t.resolver);
    line(out, "answered", format!("{} of {}", t.answered, t.dates));
    line(out, "value accuracy", t.value_accuracy.percent());
    out.push_str("  by gold value shape:\n");
    for (shape, s) in &t.by_shape {
        let name = serde_json::to_value(shape)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        line(out, &format!("  {name}"), s.correct.percent());
    }
}

fn attribution_table(out: &mut String, o: &Outcome, a: &attribution::AttributionOutcome) {
    let _ = writeln!(
        out,
        "{} — speech events whose source sitrep's claims find; MEANTIME ({})",
        o.benchmark,
        attribution::SPEECH_EVENTS
    );
    let _ = writeln!(
        out,
        "data: {} speech events in {} documents, {} with a gold source ({} of the sources are bare pronouns)",
        a.speech_events, a.documents, a.with_source, a.pronoun_sources
    );
    let _ = writeln!(
        out,
        "alignment: {} sentence mismatches, {} cues not found in their sentence",
        a.sentence_mismatches, a.cue_unlocated
    );
    line(out, "claims reported", a.claims_reported);
    line(
        out,
        "cue recall (all speech events)",
        a.cue_recall.percent(),
    );
    line(
        out,
        "claimant given (events with source)",
        a.claimant_given.percent(),
    );
    line(out, "source recall (headline)", a.source_recall.percent());
    if a.extract_errors > 0 {
        line(out, "documents the pipeline rejected", a.extract_errors);
    }
}
