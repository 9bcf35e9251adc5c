//! CPU time and MB/s of segmentation, normalization and metadata reading
//! over a directory of articles, or (with `--fields`) the title, byline,
//! outlet and credits read from each file, one line per file.
//!
//! `cargo run --release -p sitrep-meta --example meta_throughput -- DIR [ROUNDS]`
//! `cargo run --release -p sitrep-meta --example meta_throughput -- --fields DIR`

use std::path::Path;
use std::time::Instant;

fn articles(dir: &Path) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("cannot read {}", dir.display());
        std::process::exit(2);
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let text = String::from_utf8(std::fs::read(p).ok()?).ok()?;
            Some((p.file_name()?.to_string_lossy().into_owned(), text))
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--fields") {
        let Some(dir) = args.get(1) else {
            eprintln!("usage: meta_throughput --fields DIR");
            std::process::exit(2);
        };
        for (name, text) in articles(Path::new(dir)) {
            let seg = sitrep_text::segment(&text);
            let m = sitrep_meta::read(&text, &seg);
            let get = |s: Option<sitrep_text::Span>| s.map(|s| s.slice(&text).to_string());
            let credits: Vec<&str> = m.credits.iter().map(|c| c.slice(&text)).collect();
            println!(
                "{name}\tbyline={:?}\ttitle={:?}\toutlet={:?}\tcredits={credits:?}\tlang={:?}",
                m.byline_text(&text),
                get(m.title),
                get(m.outlet),
                m.language
            );
        }
        return;
    }
    let Some(dir) = args.first() else {
        eprintln!("usage: meta_throughput DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let texts = articles(Path::new(dir));
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let segs: Vec<_> = texts.iter().map(|(_, t)| sitrep_text::segment(t)).collect();
    let mb = bytes as f64 / 1e6;
    let mut check = 0usize;
    let t = Instant::now();
    for _ in 0..rounds {
        for (_, text) in &texts {
            check += sitrep_text::segment(text).sentences.len();
        }
    }
    let seg_s = t.elapsed().as_secs_f64() / rounds as f64;
    let t = Instant::now();
    for _ in 0..rounds {
        for (_, text) in &texts {
            check += sitrep_text::normalize(text).as_str().len();
        }
    }
    let norm_s = t.elapsed().as_secs_f64() / rounds as f64;
    let t = Instant::now();
    for _ in 0..rounds {
        for ((_, text), seg) in texts.iter().zip(&segs) {
            check += sitrep_meta::read(text, seg).block_roles.len();
        }
    }
    let meta_s = t.elapsed().as_secs_f64() / rounds as f64;
    let all = seg_s + norm_s + meta_s;
    println!("{} articles, {mb:.2} MB, check {check}", texts.len());
    for (name, s) in [
        ("segment", seg_s),
        ("normalize", norm_s),
        ("metadata", meta_s),
        ("all three", all),
    ] {
        println!("{name:10} {:8.2} ms/round {:8.1} MB/s", s * 1e3, mb / s);
    }
}
