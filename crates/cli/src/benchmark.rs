//! `sitrep benchmark NAME|all`: the external accuracy benchmarks (TR-News,
//! LGL, GeoWebNews, CASE 2021, TempEval-3, MEANTIME), read from ../shared.

use std::time::Instant;

use sitrep_external::{has_halves, run_half, Benchmark, Error};

use crate::args::BenchmarkArgs;
use crate::extract::Outcome;

/// Runs `sitrep benchmark`.
pub fn run(args: &BenchmarkArgs) -> anyhow::Result<Outcome> {
    let benchmarks = if args.name == "all" {
        Benchmark::ALL
            .into_iter()
            .filter(|&b| args.half.is_none() || has_halves(b))
            .collect()
    } else {
        vec![args.name.parse::<Benchmark>().map_err(anyhow::Error::msg)?]
    };
    let mut failed = false;
    for b in benchmarks {
        let start = Instant::now();
        match run_half(b, &args.data, args.half) {
            Ok(outcome) if args.json => println!("{}", serde_json::to_string(&outcome)?),
            Ok(outcome) => {
                println!(
                    "{}time: {:.3} s\n",
                    outcome.table(),
                    start.elapsed().as_secs_f64()
                );
            }
            Err(Error::Absent(path)) => {
                eprintln!("sitrep: skipping {b}: {} is absent", path.display());
            }
            Err(e) => {
                failed = true;
                eprintln!("sitrep: {b}: {e}");
            }
        }
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::AllGood
    })
}
