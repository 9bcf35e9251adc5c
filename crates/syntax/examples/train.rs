//! Trains the tagger and parser on UD English EWT and writes
//! `crates/syntax/data/{tagger,parser}.sxm`, then prints their scores.
//!
//! `cargo run --release -p sitrep-syntax --example train -- /work/shared/data/ud-english-ewt [tagger-epochs parser-epochs folds tagger-prune parser-prune]`

use std::path::{Path, PathBuf};
use std::time::Instant;

use sitrep_syntax::conllu::Ewt;
use sitrep_syntax::train::{evaluate, train, Settings};
use sitrep_syntax::Model;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: train <ud-english-ewt dir> [tagger-epochs parser-epochs folds tagger-prune parser-prune]");
        std::process::exit(2);
    };
    let mut settings = Settings::default();
    let num = |i: usize, d: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(d);
    settings.tagger_epochs = num(1, settings.tagger_epochs);
    settings.parser_epochs = num(2, settings.parser_epochs);
    settings.folds = num(3, settings.folds);
    let float = |i: usize, d: f32| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(d);
    settings.tagger_prune = float(4, settings.tagger_prune);
    settings.parser_prune = float(5, settings.parser_prune);
    let start = Instant::now();
    let ewt = match Ewt::load(Path::new(dir)) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cannot read {dir}: {e}");
            std::process::exit(1);
        }
    };
    eprintln!(
        "train {} sentences, dev {}, test {}; settings {settings:?}",
        ewt.train.len(),
        ewt.dev.len(),
        ewt.test.len()
    );
    let trained = train(&ewt.train, &settings, |line| {
        eprintln!("[{:6.1}s] {line}", start.elapsed().as_secs_f64())
    });
    if let Ok(sweep) = std::env::var("SWEEP") {
        for p in sweep.split(',').filter_map(|p| p.parse::<f32>().ok()) {
            let (t, q) = trained.bytes(p, p);
            let model = Model::from_bytes(&t, &q).expect("models read back");
            let s = evaluate(&model, &ewt.dev);
            println!(
                "prune {p}: tagger {} B, parser {} B; dev UPOS {:.2} UAS {:.2} LAS {:.2}",
                t.len(),
                q.len(),
                s.upos,
                s.uas,
                s.las
            );
        }
    }
    let (tagger_bytes, parser_bytes) = trained.bytes(settings.tagger_prune, settings.parser_prune);
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    std::fs::write(out.join("tagger.sxm"), &tagger_bytes).expect("write tagger.sxm");
    std::fs::write(out.join("parser.sxm"), &parser_bytes).expect("write parser.sxm");
    eprintln!(
        "wrote tagger.sxm ({} bytes) and parser.sxm ({} bytes) in {:.1}s",
        tagger_bytes.len(),
        parser_bytes.len(),
        start.elapsed().as_secs_f64()
    );
    let model = Model::from_bytes(&tagger_bytes, &parser_bytes).expect("models read back");
    for (name, split) in [("dev", &ewt.dev), ("test", &ewt.test)] {
        let s = evaluate(&model, split);
        println!(
            "{name}: {} words  UPOS {:.2}  XPOS {:.2}  UAS {:.2}  LAS {:.2}",
            s.words, s.upos, s.xpos, s.uas, s.las
        );
    }
}
