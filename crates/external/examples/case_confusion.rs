//! CASE 2021 Task 2 split in two halves by snippet id, for honest work on
//! event typing: errors are studied on the *analysis* half (even ids) only,
//! and the *report* half (odd ids) is the number quoted as unseen
//! (`sitrep benchmark case2021 --half report` scores it alone).
//!
//! ```sh
//! cargo run --release -p sitrep-external --example case_confusion [SHARED] [--list]
//! ```
//!
//! Prints the 25-class weighted F1 of each half and of the whole file, and
//! the confusion of the analysis half (gold → predicted, most frequent
//! first). With `--list`, every wrong analysis-half snippet (id, gold,
//! predicted, text) follows.

use std::collections::BTreeMap;
use std::path::PathBuf;

use sitrep_external::case2021::{self, Snippet, ACLED_CLASSES};
use sitrep_external::geo::Half;
use sitrep_extract::Pipeline;

/// Whether a snippet is in the analysis half ([`Half::of_number`]).
fn analysis_half(s: &Snippet) -> bool {
    Half::of_number(s.id) == Half::Analysis
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let shared = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
    let path = shared.join("data/case2021-task2/test_set_final_release_with_labels.tsv");
    let snippets = match case2021::load(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("skipping: {e}");
            return;
        }
    };
    let pipeline = Pipeline::default();
    let predictions: Vec<&str> = snippets
        .iter()
        .map(|s| case2021::predict(&pipeline, &s.text).unwrap_or(case2021::NONE))
        .collect();
    let acled: Vec<&str> = ACLED_CLASSES.iter().map(|c| c.0).collect();
    for (name, keep) in [
        ("analysis half (even ids)", Some(true)),
        ("report half (odd ids)", Some(false)),
        ("whole file", None),
    ] {
        let (part, preds): (Vec<Snippet>, Vec<&str>) = snippets
            .iter()
            .zip(&predictions)
            .filter(|(s, _)| keep.is_none_or(|k| analysis_half(s) == k))
            .map(|(s, p)| (s.clone(), *p))
            .unzip();
        let outcome = case2021::score(&part, &preds, 0);
        println!(
            "{name}: {} snippets, 25-class weighted F1 {:.1}, accuracy {:.1} %",
            outcome.acled25.n,
            100.0 * outcome.acled25.weighted_f1,
            100.0 * outcome.acled25.accuracy.value()
        );
    }
    let mut confusion: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (s, p) in snippets.iter().zip(&predictions) {
        if analysis_half(s) && acled.contains(&s.label.as_str()) && s.label != *p {
            *confusion.entry((s.label.as_str(), p)).or_default() += 1;
        }
    }
    let mut rows: Vec<_> = confusion.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("\nanalysis half, errors: gold → predicted");
    for ((gold, pred), n) in &rows {
        println!("{n:>4}  {gold} → {pred}");
    }
    if list {
        println!();
        for (s, p) in snippets.iter().zip(&predictions) {
            if analysis_half(s) && acled.contains(&s.label.as_str()) && s.label != *p {
                println!("{}\t{}\t{}\t{}", s.id, s.label, p, s.text);
            }
        }
    }
}
