//! The embedded model against UD English EWT dev: fails below the floors.
//! Skips with a message when `../shared/data/ud-english-ewt` is absent.

use std::path::PathBuf;
use std::time::Instant;

use sitrep_syntax::conllu::Ewt;
use sitrep_syntax::train::evaluate;

#[test]
fn embedded_model_holds_its_floors_on_ewt_dev() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud-english-ewt");
    if !dir.join("en_ewt-ud-dev.conllu").exists() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let start = Instant::now();
    let model = sitrep_syntax::model().expect("the embedded model loads");
    eprintln!("model loaded in {:?}", start.elapsed());
    let dev = Ewt::split(&dir, "dev").expect("read EWT dev");
    let s = evaluate(model, &dev);
    eprintln!("EWT dev: {s:?}");
    assert!(s.words > 20_000);
    assert!(s.upos >= 94.0, "UPOS {:.2}", s.upos);
    assert!(s.uas >= 82.0, "UAS {:.2}", s.uas);
    assert!(s.las >= 78.0, "LAS {:.2}", s.las);
}
