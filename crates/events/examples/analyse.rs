//! Prints what [`sitrep_events::analyse`] reads in each line of stdin: a
//! tool for looking at the lexicon's and rules' decisions on new sentences.
//!
//! `cargo run -p sitrep-events --example analyse < sentences.txt`

use std::io::Read;

fn main() {
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        eprintln!("analyse: stdin is not UTF-8");
        std::process::exit(1);
    }
    let lex = sitrep_events::Lexicon::embedded();
    for line in input.lines().filter(|l| !l.trim().is_empty()) {
        let a = sitrep_events::analyse(lex, line);
        println!("{line}");
        for c in &a.candidates {
            println!(
                "  {:?} {} / {} [{}] {:?} instrument={:?}",
                &line[c.start..c.end],
                c.event_type,
                c.sub_event_type,
                c.mode,
                c.status,
                c.instrument
            );
        }
        if std::env::var_os("PARSE").is_some() {
            let seg = sitrep_text::segment(line);
            let a = sitrep_syntax::analyze(line, &seg.tokens);
            for (i, w) in a.words().iter().enumerate() {
                println!(
                    "    {i} {} {} {:?}<-{} {}",
                    &line[w.span.start..w.span.end],
                    w.xpos,
                    w.head,
                    w.rel,
                    a.is_predicate(i)
                );
            }
        }
        println!(
            "  deaths={:?} fatalities={:?} aggregate={}",
            a.casualties.deaths,
            a.casualties.fatalities(),
            a.aggregate
        );
    }
}
