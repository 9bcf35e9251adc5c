//! The relations the events stage needs, on hand-written sentences of the
//! conflict-news kind, with the embedded model.

use sitrep_syntax::{analyze, Analysis, Upos};

fn run(text: &str) -> Analysis {
    let seg = sitrep_text::segment(text);
    analyze(text, &seg.tokens)
}

/// The index of the first word whose text is `word`.
fn at(a: &Analysis, text: &str, word: &str) -> usize {
    (0..a.len())
        .find(|&i| a.text(text, i) == word)
        .unwrap_or_else(|| panic!("no word {word:?} in {text:?}"))
}

fn word(a: &Analysis, text: &str, i: Option<usize>) -> String {
    i.map_or_else(|| "-".to_string(), |i| a.text(text, i).to_string())
}

#[test]
fn reported_speech_with_embedded_clause() {
    let t = "The Legion said its fighters destroyed two ammunition depots.";
    let a = run(t);
    let said = at(&a, t, "said");
    let destroyed = at(&a, t, "destroyed");
    assert_eq!(a.root(), Some(said));
    assert_eq!(word(&a, t, a.subject(said)), "Legion");
    assert_eq!(a.rel(destroyed), "ccomp");
    assert_eq!(word(&a, t, a.subject(destroyed)), "fighters");
    assert_eq!(word(&a, t, a.object(destroyed)), "depots");
    assert!(!a.is_passive(destroyed));
    assert!(!a.is_negated(destroyed) && !a.is_modal(destroyed));
    let chunks: Vec<&str> = a.noun_chunks().iter().map(|c| c.span.slice(t)).collect();
    assert_eq!(
        chunks,
        ["The Legion", "its fighters", "two ammunition depots"]
    );
    assert_eq!(a.clause_span(said).slice(t), "The Legion said");
    assert_eq!(
        a.clause_span(destroyed).slice(t),
        "its fighters destroyed two ammunition depots"
    );
    assert_eq!(a.words()[destroyed].xpos, "VBD");
}

#[test]
fn passive_with_by_agent() {
    let t = "The attack was repelled by Russian forces.";
    let a = run(t);
    let v = at(&a, t, "repelled");
    assert_eq!(a.root(), Some(v));
    assert!(a.is_passive(v));
    assert_eq!(a.words()[v].xpos, "VBN");
    assert_eq!(a.rel(at(&a, t, "attack")), "nsubj:pass");
    assert_eq!(a.rel(at(&a, t, "was")), "aux:pass");
    assert_eq!(word(&a, t, a.subject(v)), "attack");
    assert_eq!(word(&a, t, a.patient(v)), "attack");
    assert_eq!(word(&a, t, a.agent(v)), "forces");
    assert_eq!(a.object(v), None);
}

#[test]
fn relative_clause_subject_resolves_to_its_noun() {
    let t = "Militants who stormed the base killed 12 soldiers.";
    let a = run(t);
    let killed = at(&a, t, "killed");
    let stormed = at(&a, t, "stormed");
    assert_eq!(a.root(), Some(killed));
    assert_eq!(word(&a, t, a.subject(killed)), "Militants");
    assert_eq!(word(&a, t, a.object(killed)), "soldiers");
    assert_eq!(a.rel(stormed), "acl:relcl");
    assert_eq!(word(&a, t, a.relative_head(stormed)), "Militants");
    assert_eq!(word(&a, t, a.subject(stormed)), "Militants");
    assert_eq!(word(&a, t, a.object(stormed)), "base");
    assert_eq!(a.clause_span(stormed).slice(t), "who stormed the base");
}

#[test]
fn coordination_apposition_negation_and_modality() {
    let t = "Ukrainian and Polish troops did not enter Kharkiv, the second city.";
    let a = run(t);
    let enter = at(&a, t, "enter");
    assert!(a.is_negated(enter));
    let conj: Vec<String> = a
        .conjuncts(at(&a, t, "Polish"))
        .iter()
        .map(|&i| a.text(t, i).to_string())
        .collect();
    assert_eq!(conj, ["Ukrainian", "Polish"]);
    let app: Vec<String> = a
        .appositions(at(&a, t, "Kharkiv"))
        .iter()
        .map(|&i| a.text(t, i).to_string())
        .collect();
    assert_eq!(app, ["city"]);

    let t = "Moscow threatened to strike the bridge and could retaliate.";
    let a = run(t);
    assert_eq!(word(&a, t, a.modal(at(&a, t, "strike"))), "threatened");
    assert_eq!(word(&a, t, a.modal(at(&a, t, "retaliate"))), "could");
    assert_eq!(word(&a, t, a.subject(at(&a, t, "strike"))), "Moscow");
    assert_eq!(word(&a, t, a.subject(at(&a, t, "retaliate"))), "Moscow");
    assert!(!a.is_modal(at(&a, t, "threatened")));
}

#[test]
fn clitics_get_their_own_words_and_spans() {
    let t = "Russia's army didn't advance.";
    let a = run(t);
    let words: Vec<&str> = (0..a.len()).map(|i| a.text(t, i)).collect();
    assert_eq!(
        words,
        ["Russia", "'s", "army", "did", "n't", "advance", "."]
    );
    let adv = at(&a, t, "advance");
    assert!(a.is_negated(adv));
    assert_eq!(a.words()[at(&a, t, "Russia")].upos, Upos::Propn);
    assert_eq!(a.rel(at(&a, t, "Russia")), "nmod:poss");
}

#[test]
fn never_panics_on_odd_input() {
    for t in [
        "",
        " ",
        "\u{2014}",
        "😀 🇺🇦 ‼",
        "a",
        "\u{0301}\u{0301}",
        "Ж. Ω. ß. İ.",
        "(((((((((((((((",
        "U.S.-led pro-Russian 07:41 “quoted” — dashes – here",
    ] {
        let a = run(t);
        for i in 0..a.len() + 2 {
            let _ = (
                a.subject(i),
                a.object(i),
                a.agent(i),
                a.patient(i),
                a.is_passive(i),
            );
            let _ = (
                a.conjuncts(i),
                a.appositions(i),
                a.clause(i),
                a.modal(i),
                a.is_negated(i),
            );
            let _ = (a.chunk(i), a.text(t, i), a.subtree_span(i));
        }
        let _ = (a.noun_chunks(), a.clauses());
    }
    let long = "The drones hit the depot and ".repeat(200);
    let a = run(&long);
    assert!(a.len() >= 1000);
    assert_eq!(a.words().iter().filter(|w| w.head.is_none()).count(), 1);
    let _ = (a.noun_chunks(), a.clauses());
}

#[test]
fn spans_point_into_the_text() {
    let t = "Gen. Ivanov, the commander, said: “We won’t retreat.”";
    let seg = sitrep_text::segment(t);
    for s in &seg.sentences {
        let a = analyze(t, seg.sentence_tokens(s));
        for w in a.words() {
            assert!(t
                .get(w.span.start..w.span.end)
                .is_some_and(|x| !x.is_empty()));
        }
        for c in a.noun_chunks() {
            assert!(t.get(c.span.start..c.span.end).is_some());
        }
    }
}
