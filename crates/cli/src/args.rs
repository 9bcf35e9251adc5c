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
    /// Extract articles and store them in a SQLite database (idempotent,
    /// resumable), fusing events reported by several articles.
    Ingest(IngestArgs),
    /// List the stored (fused) events, filtered.
    Events(EventsArgs),
    /// List the stored articles.
    Articles(ArticlesArgs),
    /// List the claims behind a stored event.
    Claims(ClaimsArgs),
    /// Counts over a database.
    Stats(StatsArgs),
    /// Serve the HTTP API and the web UI over a database.
    Serve(ServeArgs),
    /// Store the bundled example articles in a temporary database and serve
    /// the web UI over it.
    Demo(DemoArgs),
}

/// User lexicons that extend the built-in ones (extraction commands).
#[derive(Debug, Clone, Default, Args)]
pub struct LexiconArgs {
    /// Add the event triggers of this file (TSV; format in
    /// crates/events/data/README.md) to the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub triggers: Option<PathBuf>,
    /// A file of extra actors (the format of crates/actors/data/actors.tsv);
    /// an entry with the canonical name of a built-in one replaces it.
    #[arg(long, value_name = "FILE")]
    pub actors: Option<PathBuf>,
    /// Add the places of this file (TSV, one place a line: name,
    /// alternates, lat, lon, country, admin1, feature; format in
    /// crates/gazetteer/src/lib.rs and the README) to the embedded
    /// gazetteer.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Option<PathBuf>,
}

/// Arguments of `sitrep serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The database (opened read-only; an `ingest` may write meanwhile).
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Address to listen on; port 0 picks a free port. Listens on loopback
    /// only unless told otherwise.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Largest request body (POST /api/extract), in bytes.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    pub max_body: usize,
    /// Longest a request may take, in seconds.
    #[arg(long, default_value_t = 10)]
    pub timeout: u64,
    /// Lexicons for POST /api/extract.
    #[command(flatten)]
    pub lexicons: LexiconArgs,
}

/// Arguments of `sitrep demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
}

/// Arguments of `sitrep ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories (walked as by `extract`); `-` or nothing reads
    /// standard input.
    pub paths: Vec<PathBuf>,
    /// The database (created when missing).
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// The article date (YYYY-MM-DD) to use when the text gives none.
    #[arg(long, value_parser = parse_date)]
    pub published: Option<jiff::civil::Date>,
    /// Extraction threads [default: one per core].
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Articles stored per transaction.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..))]
    pub batch: u16,
    /// No progress bar, only the summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// User lexicons.
    #[command(flatten)]
    pub lexicons: LexiconArgs,
}

/// Output formats of `events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    /// A table for people.
    Table,
    /// One JSON object per fused event, with members and claims.
    Jsonl,
    /// ACLED's CSV columns, one row per fused event.
    AcledCsv,
    /// A GeoJSON FeatureCollection (lon/lat).
    Geojson,
}

/// Output formats of `articles` and `claims`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table for people.
    Table,
    /// One JSON object per line.
    Jsonl,
}

/// Arguments of `sitrep events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// The database.
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Events on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub since: Option<jiff::civil::Date>,
    /// Events on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub until: Option<jiff::civil::Date>,
    /// ACLED event type or sub-event type ("Battles", "Air/drone strike").
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// Part of an actor's name.
    #[arg(long)]
    pub actor: Option<String>,
    /// A place name (resolved with the gazetteer) or "LAT,LON".
    #[arg(long)]
    pub near: Option<String>,
    /// Radius around --near, in kilometres.
    #[arg(long, default_value_t = 25.0, requires = "near")]
    pub radius_km: f64,
    /// Only events located in this country (ISO alpha-2); --near is
    /// resolved within it too.
    #[arg(long)]
    pub country: Option<String>,
    /// Only events whose source articles match this full-text query (FTS5
    /// syntax: words, "phrases", OR, NOT, prefix*).
    #[arg(long)]
    pub search: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EventsFormat::Table)]
    pub format: EventsFormat,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
}

/// Arguments of `sitrep articles`.
#[derive(Debug, Args)]
pub struct ArticlesArgs {
    /// The database.
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Full-text search over titles and texts (SQLite FTS5 syntax).
    #[arg(long)]
    pub search: Option<String>,
    /// At most this many articles.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Arguments of `sitrep claims`.
#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// The database.
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// A fused event id ("F…", from `sitrep events`) or one article's event
    /// ("ARTICLE_ID/e1").
    #[arg(long)]
    pub event: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Arguments of `sitrep stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The database.
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
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
    /// Show each candidate's score term by term (match quality, feature,
    /// capital, population, postal accuracy).
    #[arg(long)]
    pub explain: bool,
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
    /// Score one half of a toponym corpus or of CASE 2021: `analysis`
    /// (documents whose id hashes even, snippets with an even id; the half
    /// error analysis may look at) or `report` (odd). With `all`, only the
    /// benchmarks that have halves run.
    #[arg(long, value_name = "analysis|report")]
    pub half: Option<sitrep_external::geo::Half>,
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
    /// Explain on stderr why each place resolved as it did: the scoring
    /// terms of the winning candidate (the report is unchanged).
    #[arg(long)]
    pub explain: bool,
    /// User lexicons.
    #[command(flatten)]
    pub lexicons: LexiconArgs,
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
        "\nparser models: trained on Universal Dependencies English EWT, CC BY-SA 4.0",
        "\nweb UI basemap, country and division centre points: Natural Earth (https://www.naturalearthdata.com), public domain",
    )
}
