//! Sorts the MEANTIME speech events with a gold source that sitrep misses
//! into groups and counts them (a development aid for the claims stage).
//!
//! ```sh
//! cargo run --release -p sitrep-external --example meantime_misses [SHARED] [--list]
//! ```
//!
//! `SHARED` defaults to `../shared`. Prints a Markdown table of the groups;
//! with `--list`, every miss with its cue, gold source, sentence and the
//! claims sitrep reported in that sentence.

use sitrep_claims::Lexicon;
use sitrep_external::attribution::{self, EventDetail, SpeechEvent};
use sitrep_extract::Pipeline;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Cognition and intention predicates (lemmas or forms, lower case).
const COGNITION: &[&str] = &[
    "believe",
    "belive",
    "think",
    "expect",
    "know",
    "fear",
    "hope",
    "consider",
    "see",
    "forecast",
    "predict",
    "anticipate",
    "envision",
    "envisage",
    "experience",
    "like",
    "love",
    "prefer",
    "want",
    "wish",
    "intend",
    "plan",
    "decide",
    "choose",
    "determine",
    "doubt",
    "suspect",
    "worry",
    "feel",
    "assume",
    "estimate",
    "aim",
    "seek",
    "refuse",
    "agree",
];

/// Determiners and possessives that make the next word a noun.
const NOMINAL_BEFORE: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
    "those", "'s", "of",
];

fn lemma(e: &SpeechEvent) -> String {
    e.cue_pred
        .clone()
        .unwrap_or_else(|| e.cue.clone())
        .to_lowercase()
}

/// The word before the cue in the event's sentence.
fn word_before(e: &SpeechEvent) -> Option<String> {
    let toks: Vec<&str> = e.sentence.split(' ').collect();
    let first = e.cue.split(' ').next()?;
    let at = toks.iter().position(|t| *t == first)?;
    (at > 0).then(|| toks[at - 1].to_lowercase())
}

fn group(e: &SpeechEvent, d: &EventDetail, lex: &Lexicon) -> &'static str {
    if d.result.source_found {
        return "found";
    }
    if d.title {
        return "headline (title claim not read)";
    }
    if d.result.cue_found {
        return if d.result.any_claimant {
            "cue found, claimant wrong"
        } else {
            "cue found, no claimant"
        };
    }
    let l = lemma(e);
    let cue = e.cue.to_lowercase();
    let nominal = word_before(e).is_some_and(|w| NOMINAL_BEFORE.contains(&w.as_str()))
        || lex.noun(&cue).is_some()
        || matches!(
            l.as_str(),
            "announcement"
                | "statement"
                | "speech"
                | "response"
                | "declaration"
                | "attention"
                | "brainchild"
                | "claims"
                | "report"
                | "reports"
        ) && cue == l;
    if nominal {
        return "nominal cue (announcement, statement, speech …)";
    }
    if COGNITION.iter().any(|c| l == *c || cue.starts_with(c)) {
        return "cognition / intention predicate";
    }
    if lex.verb(&cue).is_some() {
        return "reporting verb in the lexicon, no claim read";
    }
    "other predicate (negotiate, request, call, cite …)"
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let shared = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
    let events_path = shared.join(attribution::SPEECH_EVENTS);
    let events = attribution::parse_speech_events(&std::fs::read_to_string(&events_path)?)?;
    let docs = shared.join(attribution::MEANTIME_DOCS);
    let (outcome, details) =
        attribution::evaluate_detailed(&Pipeline::default(), &events, |name| {
            let path = docs.join(name);
            let xml =
                std::fs::read_to_string(&path).map_err(|source| sitrep_external::Error::Io {
                    path: path.clone(),
                    source,
                })?;
            attribution::parse_meantime(&xml)
        })?;
    let lex = Lexicon::embedded();
    let mut groups: BTreeMap<&str, Vec<&EventDetail>> = BTreeMap::new();
    for d in &details {
        let e = &events[d.event];
        if e.sources_arg0.is_empty() {
            continue;
        }
        groups.entry(group(e, d, lex)).or_default().push(d);
    }
    println!(
        "source recall {}/{}; cue recall {}/{}\n",
        outcome.source_recall.hits,
        outcome.source_recall.total,
        outcome.cue_recall.hits,
        outcome.cue_recall.total
    );
    println!("| group | events |\n| --- | --- |");
    for (g, ds) in &groups {
        println!("| {g} | {} |", ds.len());
    }
    if list {
        for (g, ds) in &groups {
            if *g == "found" {
                continue;
            }
            println!("\n## {g}\n");
            for d in ds {
                let e = &events[d.event];
                let sentence: String = e.sentence.chars().take(220).collect();
                println!(
                    "- [{}] cue {:?} ({}) gold {:?}",
                    e.doc,
                    e.cue,
                    lemma(e),
                    e.sources_arg0
                );
                println!("    {sentence}");
                for c in &d.claims {
                    let who = c
                        .claimant
                        .as_ref()
                        .map_or("-".to_string(), |p| format!("{} = {}", p.text, p.name));
                    println!("    claim cue {:?} claimant {who}", c.cue);
                }
            }
        }
    }
    Ok(())
}
