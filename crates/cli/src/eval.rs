//! `sitrep eval GOLD_DIR`: extraction scored against gold annotations.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use sitrep_eval::{gold::Gold, score_article, Scores};
use sitrep_extract::{Options, Pipeline};

use crate::args::EvalArgs;
use crate::extract::Outcome;
use crate::input::Source;

/// One scored article.
struct Scored {
    name: String,
    scores: Scores,
}

/// Runs `sitrep eval`.
pub fn run(args: &EvalArgs) -> anyhow::Result<Outcome> {
    let floors = args
        .min
        .iter()
        .map(|f| parse_floor(f))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let pairs = gold_pairs(&args.gold_dir)?;
    if pairs.is_empty() {
        bail!(
            "{}: no NAME.gold.json files with a NAME.txt beside them",
            args.gold_dir.display()
        );
    }
    let pipeline = Pipeline::default();
    let mut scored = Vec::new();
    let mut failed = false;
    for (text_path, gold_path) in &pairs {
        match score_one(&pipeline, text_path, gold_path) {
            Ok(scores) => scored.push(Scored {
                name: stem(text_path),
                scores,
            }),
            Err(reason) => {
                failed = true;
                eprintln!("sitrep: {}: {reason:#}", text_path.display());
            }
        }
    }
    let mut total = Scores::default();
    scored.iter().for_each(|s| total.add(&s.scores));
    if args.json {
        let per_article: BTreeMap<&str, BTreeMap<String, f64>> = scored
            .iter()
            .map(|s| (s.name.as_str(), s.scores.metrics()))
            .collect();
        let out = serde_json::json!({
            "articles": total.articles,
            "overall": total.metrics(),
            "counts": total.counts,
            "accuracy": total.accuracy,
            "per_article": per_article,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print!("{}", table(&args.gold_dir, &scored, &total));
    }
    for (metric, floor) in &floors {
        match total.metric(metric) {
            Some(v) if v + 1e-9 >= *floor => {}
            Some(v) => {
                failed = true;
                eprintln!("sitrep: eval: {metric} = {v:.3}, below the floor {floor}");
            }
            None => {
                failed = true;
                eprintln!(
                    "sitrep: eval: {metric} was not scored (no gold for it, or a misspelt name)"
                );
            }
        }
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::AllGood
    })
}

fn parse_floor(s: &str) -> anyhow::Result<(String, f64)> {
    let (name, value) = s
        .split_once('=')
        .context("--min wants FIELD=VALUE, e.g. events.f1=0.7")?;
    let value: f64 = value
        .parse()
        .with_context(|| format!("--min {s}: {value} is not a number"))?;
    Ok((name.to_string(), value))
}

/// Every `NAME.gold.json` in `dir` (recursively) with its `NAME.txt`, in
/// name order.
fn gold_pairs(dir: &Path) -> anyhow::Result<Vec<(PathBuf, PathBuf)>> {
    if !dir.is_dir() {
        bail!("{}: not a directory", dir.display());
    }
    let mut pairs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy();
        if let Some(stem) = name.strip_suffix(".gold.json") {
            let text = entry.path().with_file_name(format!("{stem}.txt"));
            if text.exists() {
                pairs.push((text, entry.path().to_path_buf()));
            } else {
                eprintln!(
                    "sitrep: {}: no {stem}.txt beside it; skipped",
                    entry.path().display()
                );
            }
        }
    }
    Ok(pairs)
}

fn score_one(pipeline: &Pipeline, text: &Path, gold: &Path) -> anyhow::Result<Scores> {
    let gold: Gold = serde_json::from_str(&std::fs::read_to_string(gold)?)
        .with_context(|| format!("{}: not a valid gold file", gold.display()))?;
    let bytes = Source::File(text.to_path_buf())
        .read()
        .map_err(anyhow::Error::msg)?;
    let options = Options {
        path: Some(text.display().to_string()),
        ..Options::default()
    };
    let report = pipeline.extract(&bytes, &options)?;
    Ok(score_article(&report, &gold))
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// The per-article lines, then the overall table.
fn table(dir: &Path, scored: &[Scored], total: &Scores) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "per article ({}):", dir.display());
    for s in scored {
        let mut cells = Vec::new();
        for (k, a) in &s.scores.accuracy {
            if !k.contains('.') {
                cells.push(format!(
                    "{k} {}",
                    if a.correct == a.total { "ok" } else { "MISS" }
                ));
            }
        }
        for (k, c) in &s.scores.counts {
            cells.push(format!("{k} F1 {:.2}", c.f1()));
        }
        let _ = writeln!(out, "  {:<40} {}", s.name, cells.join(" · "));
    }
    let _ = writeln!(out, "\noverall, {} articles:", total.articles);
    let _ = writeln!(
        out,
        "  {:<26} {:>5} {:>6} {:>6} {:>6} {:>6}",
        "field", "n", "P", "R", "F1", "acc"
    );
    for (k, c) in &total.counts {
        // Precision means nothing when nothing was predicted.
        let precision = if c.tp + c.fp == 0 {
            "-".to_string()
        } else {
            format!("{:.3}", c.precision())
        };
        let _ = writeln!(
            out,
            "  {:<26} {:>5} {:>6} {:>6.3} {:>6.3}",
            k,
            c.tp + c.fn_,
            precision,
            c.recall(),
            c.f1()
        );
    }
    for (k, a) in &total.accuracy {
        let _ = writeln!(
            out,
            "  {:<26} {:>5} {:>6} {:>6} {:>6} {:>6.3}",
            k,
            a.total,
            "",
            "",
            "",
            a.value()
        );
    }
    out
}
