//! `sitrep extract`: one report per article, errors per file on stderr.

use std::io::Write;

use anyhow::Context;
use sitrep_extract::{Options, Pipeline};

use crate::args::{ExtractArgs, ReportFormat};
use crate::input::{self, Source};

/// How a batch ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every article was extracted.
    AllGood,
    /// At least one input failed (each was reported on stderr).
    SomeFailed,
}

/// Runs `sitrep extract`.
pub fn run(args: &ExtractArgs) -> anyhow::Result<Outcome> {
    let pipeline = Pipeline::default();
    let single = args.paths.len() <= 1 && args.paths.first().is_none_or(|p| !p.is_dir());
    let format = args.format.unwrap_or(if single {
        ReportFormat::Json
    } else {
        ReportFormat::Jsonl
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for listed in input::sources(&args.paths) {
        let source = match listed {
            Ok(source) => source,
            Err((path, reason)) => {
                failed = true;
                eprintln!("sitrep: {path}: {reason}");
                continue;
            }
        };
        match extract_one(&pipeline, &source, args) {
            Ok(report) => {
                match format {
                    ReportFormat::Json => serde_json::to_writer_pretty(&mut out, &report)?,
                    ReportFormat::Jsonl => serde_json::to_writer(&mut out, &report)?,
                }
                out.write_all(b"\n").context("writing the report")?;
                if format == ReportFormat::Jsonl {
                    // Keep downstream consumers fed on long batches.
                    out.flush().context("writing the report")?;
                }
            }
            Err(reason) => {
                failed = true;
                out.flush().context("writing the report")?;
                eprintln!("sitrep: {}: {reason}", source.display());
            }
        }
    }
    out.flush().context("writing the report")?;
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::AllGood
    })
}

fn extract_one(
    pipeline: &Pipeline,
    source: &Source,
    args: &ExtractArgs,
) -> Result<sitrep_extract::Report, String> {
    let bytes = source.read()?;
    let options = Options {
        path: source.path().map(|p| p.display().to_string()),
        published: args.published,
        include_text: args.include_text,
    };
    pipeline
        .extract(&bytes, &options)
        .map_err(|e| e.to_string())
}
