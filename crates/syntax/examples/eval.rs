//! Scores the embedded model on UD English EWT dev and test: UPOS, XPOS, UAS
//! and LAS over all words, punctuation included (as the CoNLL 2018 script
//! does on gold tokenization), with tags predicted by the tagger.
//!
//! `cargo run --release -p sitrep-syntax --example eval -- /work/shared/data/ud-english-ewt`

use std::path::Path;
use std::time::Instant;

use sitrep_syntax::conllu::Ewt;
use sitrep_syntax::train::evaluate;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/ud-english-ewt".to_string());
    let start = Instant::now();
    let Some(model) = sitrep_syntax::model() else {
        eprintln!("the embedded model is malformed");
        std::process::exit(1);
    };
    println!("model load: {:.2} ms", start.elapsed().as_secs_f64() * 1e3);
    for name in ["dev", "test"] {
        let gold = match Ewt::split(Path::new(&dir), name) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("cannot read {name} in {dir}: {e}");
                std::process::exit(1);
            }
        };
        let start = Instant::now();
        let s = evaluate(model, &gold);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{name}: {} words  UPOS {:.2}  XPOS {:.2}  UAS {:.2}  LAS {:.2}  ({:.0} words/s)",
            s.words,
            s.upos,
            s.xpos,
            s.uas,
            s.las,
            s.words as f64 / secs
        );
    }
}
