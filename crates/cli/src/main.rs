//! The `sitrep` command line: parses arguments and hands over to the
//! library crates. Exit codes: 0 success, 1 when some input failed,
//! 2 for usage errors (clap).

mod args;
mod benchmark;
mod eval;
mod extract;
mod ingest;
mod input;
mod places;
mod query;
mod serve;

use clap::Parser;

/// mimalloc instead of the system allocator: extraction makes many small,
/// short-lived allocations, and glibc's malloc and free took about a fifth
/// of its time in a profile (docs/BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = args::Cli::parse();
    let outcome = match cli.command {
        args::Command::Extract(a) => extract::run(&a),
        args::Command::Eval(a) => eval::run(&a),
        args::Command::Benchmark(a) => benchmark::run(&a),
        args::Command::Places(a) => places::run(&a),
        args::Command::Ingest(a) => ingest::run(&a),
        args::Command::Events(a) => query::events(&a),
        args::Command::Articles(a) => query::articles(&a),
        args::Command::Claims(a) => query::claims(&a),
        args::Command::Stats(a) => query::stats(&a),
        args::Command::Serve(a) => serve::serve(&a),
        args::Command::Demo(a) => serve::demo(&a),
    };
    match outcome {
        Ok(extract::Outcome::AllGood) => {}
        Ok(extract::Outcome::SomeFailed) => std::process::exit(1),
        Err(err) if is_broken_pipe(&err) => {}
        Err(err) => {
            eprintln!("sitrep: {err:#}");
            std::process::exit(1);
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
