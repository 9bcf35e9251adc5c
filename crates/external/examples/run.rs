//! Runs sitrep's external benchmarks and prints their tables.
//!
//! ```text
//! cargo run --release -p sitrep-external --example run -- tr-news ../shared
//! cargo run --release -p sitrep-external --example run -- all ../shared --json
//! ```
//!
//! A benchmark whose data is absent is skipped with a message.

use sitrep_external::{run, Benchmark, Error};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let rest: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let (Some(which), shared) = (rest.first(), rest.get(1)) else {
        eprintln!("usage: run BENCHMARK|all [SHARED_DIR] [--json]");
        eprintln!(
            "benchmarks: {}",
            Benchmark::ALL.map(|b| b.name()).join(", ")
        );
        return ExitCode::from(2);
    };
    let shared = shared.map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
    let benchmarks = if which.as_str() == "all" {
        Benchmark::ALL.to_vec()
    } else {
        match which.parse::<Benchmark>() {
            Ok(b) => vec![b],
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    };
    let mut failed = false;
    for b in benchmarks {
        let start = Instant::now();
        match run(b, &shared) {
            Ok(outcome) => {
                let text = if json {
                    format!(
                        "{}\n",
                        serde_json::to_string(&outcome).expect("serializable")
                    )
                } else {
                    let secs = start.elapsed().as_secs_f64();
                    format!("{}time: {secs:.3} s\n\n", outcome.table())
                };
                if std::io::stdout().write_all(text.as_bytes()).is_err() {
                    return ExitCode::SUCCESS; // the reader went away (| head)
                }
            }
            Err(Error::Absent(path)) => {
                eprintln!("skipping {b}: {} absent", path.display());
            }
            Err(e) => {
                eprintln!("{b}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
