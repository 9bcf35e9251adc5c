//! Prints the analysis of each sentence of the text given as arguments (or
//! read from stdin): one word a line with tag, head and relation.
//!
//! `cargo run -p sitrep-syntax --example parse -- "The attack was repelled by Russian forces."`

use std::io::Read;

fn main() {
    let mut text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        let _ = std::io::stdin().read_to_string(&mut text);
    }
    let seg = sitrep_text::segment(&text);
    for s in &seg.sentences {
        let a = sitrep_syntax::analyze(&text, seg.sentence_tokens(s));
        for (i, w) in a.words().iter().enumerate() {
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                i + 1,
                a.text(&text, i),
                w.upos.as_str(),
                w.xpos,
                w.head.map_or(0, |h| h + 1),
                w.rel
            );
        }
        println!();
    }
}
