//! `sitrep extract`: one report per article, errors per file on stderr.
//!
//! Articles are read and extracted in parallel, a chunk at a time, and
//! written in input order, so output is the same whatever `--jobs` is.

use std::io::Write;

use std::sync::Arc;

use anyhow::Context;
use rayon::prelude::{IntoParallelIterator, ParallelIterator};
use sitrep_extract::{Options, Pipeline, Report};
use sitrep_gazetteer::Gazetteer;

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

/// The embedded gazetteer plus the user's gazetteer file, when given.
pub fn user_gazetteer(lexicons: &LexiconArgs) -> anyhow::Result<Option<Arc<Gazetteer>>> {
    let Some(path) = &lexicons.gazetteer else {
        return Ok(None);
    };
    let g = Gazetteer::with_user_file(path)
        .with_context(|| format!("reading the gazetteer file {}", path.display()))?;
    Ok(Some(Arc::new(g)))
}

/// The standard pipeline with the user's lexicons, if any.
pub fn pipeline(lexicons: &LexiconArgs) -> anyhow::Result<Pipeline> {
    pipeline_with(lexicons, user_gazetteer(lexicons)?)
}

/// The standard pipeline with the user's lexicons and an already loaded
/// user gazetteer.
fn pipeline_with(
    lexicons: &LexiconArgs,
    gazetteer: Option<Arc<Gazetteer>>,
) -> anyhow::Result<Pipeline> {
    let mut pipeline = Pipeline::default();
    if let Some(g) = gazetteer {
        pipeline = pipeline.replace_stage(Box::new(
            sitrep_extract::stages::places::GazetteerPlaceStage::new(g),
        ));
    }
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
    let user = user_gazetteer(&args.lexicons)?;
    let pipeline = pipeline_with(&args.lexicons, user.clone())?;
    let gazetteer: &Gazetteer = user.as_deref().unwrap_or_else(|| Gazetteer::embedded());
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
                    extract_one(&pipeline, gazetteer, &source, args)
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

fn extract_one(
    pipeline: &Pipeline,
    gazetteer: &Gazetteer,
    source: &Source,
    args: &ExtractArgs,
) -> Result<Report, String> {
    let bytes = source.read()?;
    let options = Options {
        path: source.path().map(|p| p.display().to_string()),
        published: args.published,
        include_text: args.include_text,
    };
    let report = pipeline
        .extract(&bytes, &options)
        .map_err(|e| e.to_string())?;
    if args.explain {
        // The same recognition and resolution again, for their reasons; one
        // write so that lines of parallel articles do not interleave.
        let doc = sitrep_extract::Document::parse(&bytes).map_err(|e| e.to_string())?;
        let name = source.display();
        let mut lines = String::new();
        for line in sitrep_extract::stages::places::explain(gazetteer, &doc) {
            lines.push_str(&format!("sitrep: explain {name}: {line}\n"));
        }
        eprint!("{lines}");
    }
    Ok(report)
}
