//! `sitrep extract`: one report per article, errors per file on stderr.
//!
//! Articles are read and extracted in parallel, a chunk at a time, and
//! written in input order, so output is the same whatever `--jobs` is.

use std::io::Write;

use anyhow::Context;
use rayon::prelude::{IntoParallelIterator, ParallelIterator};
use sitrep_extract::{Options, Pipeline, Report};

use crate::args::{ExtractArgs, LexiconArgs, ReportFormat};
use crate::input::{self, Listed, Source};

/// Sources extracted together before their reports are written.
const CHUNK: usize = 256;

/// How a batch ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every article was extracted.
    AllGood,
    /// At least one input failed (each was reported on stderr).
    SomeFailed,
}

/// The standard pipeline with the user's lexicons, if any.
pub fn pipeline(lexicons: &LexiconArgs) -> anyhow::Result<Pipeline> {
    let mut pipeline = Pipeline::default();
    if let Some(path) = &lexicons.actors {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the actor file {}", path.display()))?;
        let registry = sitrep_actors::Registry::with_user_file(&text)
            .with_context(|| format!("in the actor file {}", path.display()))?;
        pipeline = pipeline.replace_stage(Box::new(
            sitrep_extract::stages::actors::ActorStage::with_registry(std::sync::Arc::new(
                registry,
            )),
        ));
    }
    if let Some(path) = &lexicons.triggers {
        use sitrep_extract::stages::events::{EventStage, Lexicon};
        let tsv =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let lexicon = Lexicon::with_user_tsv(&tsv).with_context(|| path.display().to_string())?;
        pipeline = pipeline.replace_stage(Box::new(EventStage::with_lexicon(lexicon)));
    }
    Ok(pipeline)
}

/// Runs `sitrep extract`.
pub fn run(args: &ExtractArgs) -> anyhow::Result<Outcome> {
    let pipeline = pipeline(&args.lexicons)?;
    let single = args.paths.len() <= 1 && args.paths.first().is_none_or(|p| !p.is_dir());
    let format = args.format.unwrap_or(if single {
        ReportFormat::Json
    } else {
        ReportFormat::Jsonl
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut sources = input::sources(&args.paths).peekable();
    while sources.peek().is_some() {
        let chunk: Vec<Listed> = sources.by_ref().take(CHUNK).collect();
        let results: Vec<Result<Report, (String, String)>> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|listed| {
                    let source = listed?;
                    extract_one(&pipeline, &source, args)
                        .map_err(|reason| (source.display(), reason))
                })
                .collect()
        });
        for result in results {
            match result {
                Ok(report) => {
                    match format {
                        ReportFormat::Json => serde_json::to_writer_pretty(&mut out, &report)?,
                        ReportFormat::Jsonl => serde_json::to_writer(&mut out, &report)?,
                    }
                    out.write_all(b"\n").context("writing the report")?;
                }
                Err((name, reason)) => {
                    failed = true;
                    out.flush().context("writing the report")?;
                    eprintln!("sitrep: {name}: {reason}");
                }
            }
        }
        // Keep downstream consumers fed on long batches.
        out.flush().context("writing the report")?;
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::AllGood
    })
}

fn extract_one(pipeline: &Pipeline, source: &Source, args: &ExtractArgs) -> Result<Report, String> {
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
