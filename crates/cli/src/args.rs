//! Command-line arguments (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// sitrep turns news reporting on armed conflict into structured,
/// source-attributed event data.
#[derive(Debug, Parser)]
#[command(name = "sitrep", version, about, long_version = long_version())]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles and write one JSON report per article.
    Extract(ExtractArgs),
    /// Score extraction against gold annotations (NAME.gold.json beside
    /// NAME.txt): precision, recall and F1 per field.
    Eval(EvalArgs),
    /// Run an external accuracy benchmark (tr-news, lgl, geowebnews,
    /// case2021, tempeval3, meantime, or all) over the data in ../shared.
    Benchmark(BenchmarkArgs),
    /// List the gazetteer's candidates for a place name, best first.
    Places(PlacesArgs),
}

/// Arguments of `sitrep places`.
#[derive(Debug, Args)]
pub struct PlacesArgs {
    /// The name, in any spelling ("Grajvoron", "Грайворон", "Kursk region").
    #[arg(required = true)]
    pub name: Vec<String>,
    /// Only places in this country (ISO 3166-1 alpha-2, e.g. RU).
    #[arg(long)]
    pub country: Option<String>,
    /// Also use the places of this file (TSV; see the gazetteer docs).
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
    /// How many candidates to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// One JSON object per candidate.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `sitrep benchmark`.
#[derive(Debug, Args)]
pub struct BenchmarkArgs {
    /// tr-news, lgl, geowebnews, case2021, tempeval3, meantime, or all.
    pub name: String,
    /// The shared data directory holding `data/…`.
    #[arg(long, default_value = "../shared")]
    pub data: PathBuf,
    /// Print the results as JSON lines.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `sitrep eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Directory holding NAME.txt articles with NAME.gold.json annotations.
    pub gold_dir: PathBuf,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Fail (exit 1) when a metric is below a floor: FIELD=VALUE, e.g.
    /// `events.f1=0.7` or `published.acc=0.95`. Repeatable.
    #[arg(long, value_name = "FIELD=VALUE")]
    pub min: Vec<String>,
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One pretty-printed JSON object (default for one article).
    Json,
    /// One report per line (default for several articles).
    Jsonl,
}

/// Arguments of `sitrep extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories (walked recursively for *.txt, *.text and
    /// files without extension; hidden files skipped). `-` or nothing reads
    /// standard input.
    pub paths: Vec<PathBuf>,
    /// Output format [default: json for one article, jsonl for several].
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// The article date (YYYY-MM-DD) to use when the text gives none.
    #[arg(long, value_parser = parse_date)]
    pub published: Option<jiff::civil::Date>,
    /// Add the decoded text to each report as `article.text`.
    #[arg(long)]
    pub include_text: bool,
    /// Worker threads [default: one per core]. Output order does not
    /// depend on it.
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}

fn long_version() -> &'static str {
    concat!(
        env!("CARGO_PKG_VERSION"),
        "\nreport schema: sitrep/1",
        "\nlicence: MIT OR Apache-2.0",
        "\ngazetteer data: GeoNames (https://www.geonames.org), CC BY 4.0",
    )
}
