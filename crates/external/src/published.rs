//! Published numbers of other systems, for comparison in the tables.
//!
//! Each entry names where it was read: the research notes in the shared
//! folder (`refs/geo.md`, `refs/claims.md`) or a dataset README. They are
//! context, not like-for-like baselines: the notes' caveats are repeated in
//! `note`.

use crate::Benchmark;
use serde::Serialize;

/// One published result.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Published {
    /// The system.
    pub system: &'static str,
    /// The measure, in this crate's words.
    pub metric: &'static str,
    /// The number, in percent.
    pub value: f64,
    /// What makes it (in)comparable.
    pub note: &'static str,
    /// Where it was read.
    pub source: &'static str,
}

const GEO: &str = "refs/geo.md §1.2";
const GRITTA_FULL: &str = "Gritta et al. 2018 Table 1; whole corpus, system's own NER";

/// The published numbers for `benchmark`.
pub fn published(benchmark: Benchmark) -> &'static [Published] {
    const fn p(
        system: &'static str,
        metric: &'static str,
        value: f64,
        note: &'static str,
        source: &'static str,
    ) -> Published {
        Published {
            system,
            metric,
            value,
            note,
            source,
        }
    }
    const TR_NEWS: &[Published] = &[
        p(
            "Mordecai 3",
            "acc@161km",
            87.3,
            "N=274 held-out split; Mordecai 3 README",
            GEO,
        ),
        p(
            "Mordecai 3",
            "exact id",
            84.3,
            "N=274 held-out split; Mordecai 3 README",
            GEO,
        ),
    ];
    const LGL: &[Published] = &[
        p(
            "Mordecai 3",
            "acc@161km",
            82.7,
            "N=967 held-out split; Mordecai 3 README",
            GEO,
        ),
        p(
            "Mordecai 3",
            "exact id",
            79.4,
            "N=967 held-out split; Mordecai 3 README",
            GEO,
        ),
        p("CamCoder", "acc@161km", 76.0, GRITTA_FULL, GEO),
        p("Edinburgh Geoparser", "acc@161km", 76.0, GRITTA_FULL, GEO),
        p("Yahoo! Placemaker", "acc@161km", 72.0, GRITTA_FULL, GEO),
        p("CLAVIN", "acc@161km", 71.0, GRITTA_FULL, GEO),
        p("Population baseline", "acc@161km", 70.0, GRITTA_FULL, GEO),
        p("GeoTxt", "acc@161km", 68.0, GRITTA_FULL, GEO),
        p(
            "Topocluster",
            "recognition F1",
            71.0,
            "Gritta 2017 Table 1, exact-span geotagging",
            GEO,
        ),
        p(
            "GeoTxt",
            "recognition F1",
            68.0,
            "Gritta 2017 Table 1, exact-span geotagging",
            GEO,
        ),
        p(
            "Edinburgh Geoparser",
            "recognition F1",
            62.0,
            "Gritta 2017 Table 1, exact-span geotagging",
            GEO,
        ),
    ];
    const GWN: &[Published] = &[
        p(
            "Mordecai 3",
            "acc@161km",
            94.1,
            "GWN N=474 held-out split; Mordecai 3 README",
            GEO,
        ),
        p(
            "Mordecai 3",
            "exact id",
            90.1,
            "GWN N=474 held-out split; Mordecai 3 README",
            GEO,
        ),
        p(
            "Mordecai 3",
            "acc@161km",
            95.7,
            "GWN_complete N=1564 held-out split; Mordecai 3 README",
            GEO,
        ),
        p(
            "Edinburgh Geoparser",
            "acc@161km",
            94.3,
            "re-scored in the notes on the 793 of 2401 toponyms it found",
            GEO,
        ),
        p(
            "Yahoo! Placemaker",
            "acc@161km",
            69.5,
            "re-scored on the 1424 of 2401 it found",
            GEO,
        ),
    ];
    const CASE: &[Published] = &[
        p(
            "best of CASE 2021 (Haneczok et al.)",
            "weighted F1, 25 ACLED classes",
            83.9,
            "transformers trained on ACLED notes",
            "data/case2021-task2/README.md",
        ),
        p(
            "best of CASE 2021 (Haneczok et al.)",
            "weighted F1, 28 classes",
            79.7,
            "can predict the unseen classes",
            "data/case2021-task2/README.md",
        ),
        p(
            "best of CASE 2021 (Haneczok et al.)",
            "weighted F1, 30 classes",
            77.1,
            "can predict the unseen classes",
            "data/case2021-task2/README.md",
        ),
    ];
    const TE3: &[Published] = &[
        p(
            "HeidelTime-t",
            "value F1",
            77.61,
            "TE3 Task A: all timex types, own spans; secondary source [S]",
            "refs/claims.md §3.2",
        ),
        p(
            "SUTime",
            "value F1",
            67.38,
            "same protocol; secondary source [S]",
            "refs/claims.md §3.2",
        ),
        p(
            "ClearTK-1,2",
            "value F1",
            64.66,
            "same protocol; from memory in the notes [M]",
            "refs/claims.md §3.2",
        ),
    ];
    const MEANTIME: &[Published] = &[
        p(
            "SFU Gender Gap Tracker",
            "speaker match accuracy",
            86.5,
            "other data: 98 Canadian news articles",
            "refs/claims.md §1.1",
        ),
        p(
            "NewsClaims PolNeAR-Source",
            "claimer F1",
            42.3,
            "other data: NewsClaims (human 85.8)",
            "refs/claims.md §1.1",
        ),
    ];
    match benchmark {
        Benchmark::TrNews => TR_NEWS,
        Benchmark::Lgl => LGL,
        Benchmark::GeoWebNews => GWN,
        Benchmark::Case2021 => CASE,
        Benchmark::TempEval3 => TE3,
        Benchmark::Meantime => MEANTIME,
    }
}
