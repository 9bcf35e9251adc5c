//! External accuracy benchmarks for sitrep: how its pipeline does on
//! published test sets, next to the numbers other systems published.
//!
//! Every benchmark reads its data from the shared folder (`../shared` beside
//! the repository; nothing is copied into the project), runs
//! [`sitrep_extract::Pipeline`] or a pluggable resolver over it, and returns
//! an [`Outcome`] whose [`Outcome::table`] names the measure, the data size
//! and the published numbers ([`published`]).
//!
//! | [`Benchmark`] | data (under the shared folder) | measure |
//! | --- | --- | --- |
//! | `tr-news` | `data/geo-eval/tr-news/TR-News.xml`: 118 articles, 1,319 toponyms (Kamalloo & Rafiei 2018) | toponym resolution with gold spans and end to end: exact GeoNames id, accuracy within 25 and 161 km, mean error; recognition P/R/F1 ([`geo`]) |
//! | `lgl` | `data/geo-eval/lgl/lgl.xml`: 588 local US news articles, 5,088 toponyms (Lieberman et al. 2010) | as above |
//! | `geowebnews` | `data/geo-eval/geowebnews/GWN.xml`: 200 web news articles, 2,720 toponyms among 6,612 annotations (Gritta et al. 2020) | as above |
//! | `case2021` | `data/case2021-task2/test_set_final_release_with_labels.tsv`: 1,019 snippets (CASE 2021 Task 2) | ACLED sub-event type of the first event: weighted F1, macro F1, accuracy over the 25 ACLED classes; rejection of the 5 unseen classes ([`case2021`]) |
//! | `tempeval3` | `data/time-eval/te3_platinum/te3-platinum/*.tml`: 20 documents, 96 DATE timexes (TempEval-3 platinum) | value accuracy of DATE expressions, gold spans, resolved against the document date ([`tempeval`]) |
//! | `meantime` | `data/attribution/meantime_speech/speech_events.jsonl` (479 speech events, 224 with a source) over the MEANTIME documents in `data/time-eval/meantime_en/` | share of speech events whose cue and source sitrep's claims find ([`attribution`]) |
//!
//! Today the pipeline's places, events and claims stages are empty, so most
//! numbers are 0; the harness computes the real ones as the stages land
//! (the unit tests plug small stages into [`sitrep_extract::Pipeline`] to
//! check that). Resolvers are traits ([`geo::ToponymResolver`],
//! [`tempeval::TimeResolver`]) so a gazetteer or a date resolver can be
//! scored on its own, spans given, before it is wired into the pipeline.
//!
//! Run them from the command line, which prints each table and its time:
//!
//! ```text
//! sitrep benchmark tr-news            # data from ../shared, or --data DIR
//! sitrep benchmark all --json
//! sitrep benchmark lgl --half analysis   # one half of a toponym corpus
//! ```
//!
//! A missing data folder is [`Error::Absent`], so callers can skip:
//!
//! ```
//! use sitrep_external::{run, Benchmark, Error};
//! let benchmark: Benchmark = "tr-news".parse().unwrap();
//! match run(benchmark, std::path::Path::new("/nonexistent/shared")) {
//!     Err(Error::Absent(path)) => eprintln!("skipping: {} absent", path.display()),
//!     Ok(outcome) => println!("{}", outcome.table()),
//!     Err(e) => panic!("{e}"),
//! }
//! ```
#![deny(missing_docs)]

pub mod attribution;
pub mod case2021;
pub mod geo;
pub mod metrics;
pub mod offsets;
mod published;
mod table;
pub mod tempeval;
mod xml;

pub use published::{published, Published};

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Why a benchmark could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The dataset is not there (the shared folder or the dataset within).
    #[error("{} is absent", .0.display())]
    Absent(PathBuf),
    /// Reading a file failed.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The reason.
        source: std::io::Error,
    },
    /// A file is not in the expected format.
    #[error("{what}: {message}")]
    Format {
        /// The file or format.
        what: String,
        /// What is wrong.
        message: String,
    },
    /// The name of an unknown benchmark.
    #[error("unknown benchmark {0:?} (expected one of: tr-news, lgl, geowebnews, case2021, tempeval3, meantime)")]
    UnknownBenchmark(String),
}

impl Error {
    fn format(what: &str, message: impl Into<String>) -> Error {
        Error::Format {
            what: what.to_string(),
            message: message.into(),
        }
    }

    fn io(path: &Path, source: std::io::Error) -> Error {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::Absent(path.to_path_buf())
        } else {
            Error::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }

    /// Names `path` in a format error.
    fn at(self, path: &Path) -> Error {
        match self {
            Error::Format { what, message } => Error::Format {
                what: format!("{} ({what})", path.display()),
                message,
            },
            other => other,
        }
    }
}

fn read_to_string(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

/// The benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Benchmark {
    /// Toponyms in TR-News.
    TrNews,
    /// Toponyms in LGL.
    Lgl,
    /// Toponyms in GeoWebNews.
    #[serde(rename = "geowebnews")]
    GeoWebNews,
    /// CASE 2021 Task 2 event classification.
    #[serde(rename = "case2021")]
    Case2021,
    /// TempEval-3 platinum DATE values.
    #[serde(rename = "tempeval3")]
    TempEval3,
    /// MEANTIME speech events and their sources.
    Meantime,
}

impl Benchmark {
    /// Every benchmark, in the order of the crate doc.
    pub const ALL: [Benchmark; 6] = [
        Benchmark::TrNews,
        Benchmark::Lgl,
        Benchmark::GeoWebNews,
        Benchmark::Case2021,
        Benchmark::TempEval3,
        Benchmark::Meantime,
    ];

    /// The command-line name ("tr-news").
    pub fn name(self) -> &'static str {
        match self {
            Benchmark::TrNews => "tr-news",
            Benchmark::Lgl => "lgl",
            Benchmark::GeoWebNews => "geowebnews",
            Benchmark::Case2021 => "case2021",
            Benchmark::TempEval3 => "tempeval3",
            Benchmark::Meantime => "meantime",
        }
    }

    /// The data folder this benchmark needs, relative to the shared folder.
    pub fn data_dir(self) -> &'static str {
        match self {
            Benchmark::TrNews => "data/geo-eval/tr-news",
            Benchmark::Lgl => "data/geo-eval/lgl",
            Benchmark::GeoWebNews => "data/geo-eval/geowebnews",
            Benchmark::Case2021 => "data/case2021-task2",
            Benchmark::TempEval3 => "data/time-eval/te3_platinum/te3-platinum",
            Benchmark::Meantime => "data/attribution/meantime_speech",
        }
    }
}

impl fmt::Display for Benchmark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Benchmark {
    type Err = Error;
    fn from_str(s: &str) -> Result<Benchmark, Error> {
        Benchmark::ALL
            .into_iter()
            .find(|b| b.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| Error::UnknownBenchmark(s.to_string()))
    }
}

/// What a benchmark measured, by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Metrics {
    /// TR-News, LGL, GeoWebNews.
    Geo(geo::GeoOutcome),
    /// CASE 2021.
    Case2021(case2021::CaseOutcome),
    /// TempEval-3.
    TempEval(tempeval::TempEvalOutcome),
    /// MEANTIME attribution.
    Attribution(attribution::AttributionOutcome),
}

/// The result of one benchmark run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// Which benchmark.
    pub benchmark: Benchmark,
    /// The measures.
    pub metrics: Metrics,
    /// Published numbers of other systems.
    pub published: &'static [Published],
}

impl Outcome {
    /// A human-readable table: measure, data size, sitrep's numbers and the
    /// published ones with their sources.
    pub fn table(&self) -> String {
        table::render(self)
    }
}

/// Runs `benchmark` on the data in `shared` (the shared folder).
///
/// Returns [`Error::Absent`] when `shared` or the dataset's folder is
/// missing; other errors mean the data is there but unreadable.
pub fn run(benchmark: Benchmark, shared: &Path) -> Result<Outcome, Error> {
    run_half(benchmark, shared, None)
}

/// Whether a benchmark can be split into halves ([`geo::Half`]): the
/// toponym corpora (by document id hash) and CASE 2021 (by snippet id).
pub fn has_halves(benchmark: Benchmark) -> bool {
    matches!(
        benchmark,
        Benchmark::TrNews | Benchmark::Lgl | Benchmark::GeoWebNews | Benchmark::Case2021
    )
}

/// [`run`] on one half of a toponym corpus ([`geo::Half`]), or on the whole
/// when `half` is `None`. A half of a benchmark that has none
/// ([`has_halves`]) is a [`Error::Format`] error.
pub fn run_half(
    benchmark: Benchmark,
    shared: &Path,
    half: Option<geo::Half>,
) -> Result<Outcome, Error> {
    if half.is_some() && !has_halves(benchmark) {
        return Err(Error::format(
            benchmark.name(),
            "only tr-news, lgl, geowebnews and case2021 are split into halves",
        ));
    }
    let dir = shared.join(benchmark.data_dir());
    if !dir.is_dir() {
        return Err(Error::Absent(dir));
    }
    let metrics = match benchmark {
        Benchmark::TrNews | Benchmark::Lgl | Benchmark::GeoWebNews => {
            let corpus = match benchmark {
                Benchmark::TrNews => geo::GeoCorpus::TrNews,
                Benchmark::Lgl => geo::GeoCorpus::Lgl,
                _ => geo::GeoCorpus::GeoWebNews,
            };
            let mut data = geo::load(corpus, &shared.join(corpus.relative_path()))?;
            if let Some(h) = half {
                data = data.half(h);
            }
            let mut outcome = geo::evaluate(&data);
            outcome.half = half;
            Metrics::Geo(outcome)
        }
        Benchmark::Case2021 => {
            let path = dir.join("test_set_final_release_with_labels.tsv");
            let mut snippets = case2021::load(&path)?;
            if let Some(h) = half {
                snippets.retain(|s| geo::Half::of_number(s.id) == h);
            }
            let mut outcome = case2021::evaluate(&snippets);
            outcome.half = half;
            Metrics::Case2021(outcome)
        }
        Benchmark::TempEval3 => {
            let docs = tempeval::load_dir(&dir)?;
            let resolver = tempeval::SitrepTimeResolver;
            Metrics::TempEval(tempeval::evaluate(&docs, &resolver, "sitrep-time"))
        }
        Benchmark::Meantime => {
            let events_path = shared.join(attribution::SPEECH_EVENTS);
            let events = attribution::parse_speech_events(&read_to_string(&events_path)?)
                .map_err(|e| e.at(&events_path))?;
            let docs = shared.join(attribution::MEANTIME_DOCS);
            if !docs.is_dir() {
                return Err(Error::Absent(docs));
            }
            let outcome = attribution::evaluate(&events, |name| {
                let path = docs.join(name);
                attribution::parse_meantime(&read_to_string(&path)?).map_err(|e| e.at(&path))
            })?;
            Metrics::Attribution(outcome)
        }
    };
    Ok(Outcome {
        benchmark,
        metrics,
        published: published(benchmark),
    })
}

#[cfg(test)]
mod tests {
    use super::{run, Benchmark, Error};
    use std::path::Path;

    #[test]
    fn names_round_trip() {
        for b in Benchmark::ALL {
            assert_eq!(b.to_string().parse::<Benchmark>().unwrap(), b);
            assert_eq!(
                serde_json::to_value(b).unwrap(),
                serde_json::json!(b.name())
            );
        }
        assert_eq!("TR-News".parse::<Benchmark>().unwrap(), Benchmark::TrNews);
        assert!(matches!(
            "geonames".parse::<Benchmark>(),
            Err(Error::UnknownBenchmark(_))
        ));
    }

    #[test]
    fn missing_data_is_absent() {
        for b in Benchmark::ALL {
            match run(b, Path::new("/nonexistent/shared")) {
                Err(Error::Absent(p)) => assert!(p.ends_with(b.data_dir())),
                other => panic!("{b}: {other:?}"),
            }
        }
    }
}
