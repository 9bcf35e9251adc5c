//! Counts, over a directory of articles, how many sentences hold a trigger
//! (and so are parsed by the events stage) and which patterns fire most: a
//! tool for seeing where the events stage spends its time on a corpus.
//!
//! `cargo run --release -p sitrep-events --example trigger_census -- DIR`

use std::collections::HashMap;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: trigger_census DIR");
        std::process::exit(2);
    };
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("trigger_census: {dir}: {e}");
            std::process::exit(1);
        }
    };
    let lex = sitrep_events::Lexicon::embedded();
    let (mut sentences, mut parsed, mut events) = (0usize, 0usize, 0usize);
    let mut fired: HashMap<String, usize> = HashMap::new();
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let seg = sitrep_text::segment(&text);
        for s in &seg.sentences {
            sentences += 1;
            let sentence = &text[s.span.start..s.span.end];
            let words: Vec<String> = sentence
                .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let matches = lex.matches(&refs);
            let triggers: Vec<_> = matches
                .iter()
                .filter(|m| lex.entries()[m.0].role != sitrep_events::Role::Instrument)
                .collect();
            if triggers.is_empty() {
                continue;
            }
            parsed += 1;
            for m in &triggers {
                *fired.entry(lex.entries()[m.0].pattern.clone()).or_default() += 1;
            }
            let found = sitrep_events::analyse(lex, sentence).candidates;
            if std::env::var_os("SHOW").is_some() {
                for c in &found {
                    println!(
                        "{:?} {} | {}",
                        &sentence[c.start..c.end],
                        c.sub_event_type,
                        sentence
                    );
                }
            }
            events += found.len();
        }
    }
    println!("{sentences} sentences, {parsed} with a trigger, {events} candidates");
    let mut top: Vec<_> = fired.into_iter().collect();
    top.sort_by_key(|b| std::cmp::Reverse(b.1));
    for (pattern, n) in top.iter().take(40) {
        println!("{n:6}  {pattern}");
    }
}
