//! Compiles `places.tsv` (from scripts/gazetteer/build.py) into the embedded
//! data files: `compile_gazetteer PLACES_TSV OUT_DIR`.
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [tsv, out] = args.as_slice() else {
        eprintln!("usage: compile_gazetteer PLACES_TSV OUT_DIR");
        std::process::exit(2);
    };
    let t = Instant::now();
    let text = std::fs::read_to_string(tsv).unwrap_or_else(|e| {
        eprintln!("{tsv}: {e}");
        std::process::exit(1)
    });
    let c = sitrep_gazetteer::compile::compile(&text).unwrap_or_else(|e| {
        eprintln!("{tsv}: {e}");
        std::process::exit(1)
    });
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).expect("create output dir");
    for (name, bytes) in [
        ("places.bin", &c.places),
        ("strings.bin", &c.strings),
        ("keys.fst", &c.keys),
        ("postings.bin", &c.postings),
    ] {
        std::fs::write(out.join(name), bytes).expect("write output");
        println!("{name}\t{} bytes", bytes.len());
    }
    print!("{}", c.stats);
    println!("compiled in {:.1} s", t.elapsed().as_secs_f64());
}
