//! Recognition + resolution throughput in CPU time, steadier than the
//! criterion bench's wall time on a shared machine: runs the work of
//! `benches/recognize.rs` (the articles of `../shared/data/corpus`)
//! `ROUNDS` times (default 20) and prints MB per CPU-second of this process.
//!
//! `cargo run --release -p sitrep-gazetteer --example places_throughput`
use sitrep_gazetteer::{Gazetteer, SentenceIn};

fn cpu_seconds() -> f64 {
    // utime + stime of this process, in clock ticks (100 per second).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/corpus");
    let texts: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    if texts.is_empty() {
        eprintln!("{} absent: nothing to time", dir.display());
        return;
    }
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let g = Gazetteer::embedded();
    let segs: Vec<sitrep_text::Segmentation> =
        texts.iter().map(|t| sitrep_text::segment(t)).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let start = cpu_seconds();
    let wall = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for (t, seg) in texts.iter().zip(&segs) {
            let ins = SentenceIn::all(seg);
            let ms = g.recognize(t, &ins);
            n += g.resolve(&ms, None).len();
        }
    }
    let cpu = cpu_seconds() - start;
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{rounds} rounds over {} articles ({:.2} MB): {n} resolutions, {:.2} CPU s, {:.1} MB per CPU-second (wall {:.2} s, {:.1} MB/s)",
        texts.len(),
        bytes as f64 / 1e6,
        cpu,
        mb / cpu.max(1e-9),
        wall.elapsed().as_secs_f64(),
        mb / wall.elapsed().as_secs_f64()
    );
}
