//! MEANTIME speech events: does sitrep find who said what?
//!
//! # Data
//!
//! - `attribution/meantime_speech/speech_events.jsonl`: 479 mentions of
//!   SPEECH_COGNITIVE events (say, announce, deny, but also believe, fear,
//!   expect) in the English MEANTIME corpus, derived by the folder's
//!   `derive.py`. Each record names the document, its creation date, the
//!   cue (the trigger's tokens joined by spaces), the predicate lemma when
//!   annotated, the sentence (its tokens joined by spaces) and
//!   `sources_arg0`: the PropBank Arg0 entity mentions, i.e. who says. 224
//!   records have a source; SRL was annotated for part of the corpus only,
//!   so an empty list does not mean "no source".
//! - The documents themselves come from the MEANTIME CAT XML files
//!   (`time-eval/meantime_en/intra_cross-doc_annotation/`), which hold
//!   tokens with their sentence numbers but no original spacing. The loader
//!   rebuilds an article: one paragraph per sentence (title, date line,
//!   body sentences) separated by blank lines, tokens joined by spaces except
//!   before closing punctuation and clitics and after opening brackets,
//!   PTB quotes (`` and '') written as `"`. It checks that each record's
//!   sentence equals the space-joined tokens of its sentence and locates the
//!   cue tokens in it.
//!
//! # Matching
//!
//! The pipeline runs on each rebuilt document with the record's date as the
//! publication date. A reported claim *anchors* a speech event when
//!
//! 1. its statement span (`start..end`) overlaps the byte span of the speech
//!    event's sentence, and
//! 2. its `cue` matches the gold cue: after folding both (lower case,
//!    punctuation to spaces), the words are equal, the claim's cue equals
//!    the gold predicate lemma (`cue_pred`, "say" for "said"), or one word
//!    sequence contains the other ("according to" ⊇ "according").
//!
//! (The report gives no span for a claim's cue, so the sentence stands in
//! for the cue position.) The speech event's *source is found* when an
//! anchoring claim's `claimant` matches one of `sources_arg0`: its `text` or
//! its `name`, folded, equals the gold source or one contains the other as a
//! contiguous word sequence ("Paul Nesbit" in "JSA Research defence
//! analysist Paul Nesbit"). A pronoun source ("he") is matched literally, so
//! a claimant resolved to a name must still carry the pronoun as its text.
//!
//! Reported: cue recall (anchored, over all 479), source recall (source
//! found, over the 224 with a source, the headline), and how many of those
//! 224 had an anchoring claim with any claimant at all.

use crate::metrics::Ratio;
use crate::xml::children;
use crate::Error;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sitrep_extract::report::Claim;
use sitrep_extract::{Options, Pipeline};
use sitrep_text::Span;
use std::collections::BTreeMap;

/// Where the speech events are, relative to the shared folder.
pub const SPEECH_EVENTS: &str = "data/attribution/meantime_speech/speech_events.jsonl";

/// Where the MEANTIME documents are, relative to the shared folder.
pub const MEANTIME_DOCS: &str = "data/time-eval/meantime_en/intra_cross-doc_annotation";

/// One record of `speech_events.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeechEvent {
    /// The document, relative to the MEANTIME annotation folder.
    pub doc: String,
    /// Document creation date, `YYYY-MM-DD`.
    pub dct: Option<String>,
    /// The trigger tokens, joined by spaces ("said").
    pub cue: String,
    /// The predicate lemma, when annotated ("say").
    pub cue_pred: Option<String>,
    /// The sentence number of the trigger.
    pub sentence_id: Option<usize>,
    /// The sentence's tokens joined by spaces.
    pub sentence: String,
    /// Who says: the Arg0 entity mentions.
    pub sources_arg0: Vec<String>,
    /// What is said: the SLINKed content events.
    #[serde(default)]
    pub slink_contents: Vec<SlinkContent>,
}

/// A content event of a speech event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlinkContent {
    /// The content event's trigger.
    pub event_trigger: String,
    /// Its sentence number.
    pub sentence_id: Option<usize>,
    /// CERTAIN, PROBABLE, POSSIBLE …
    pub certainty: Option<String>,
    /// POS or NEG.
    pub polarity: Option<String>,
    /// PAST, NON_FUTURE, FUTURE …
    pub time: Option<String>,
}

/// Parses `speech_events.jsonl`.
pub fn parse_speech_events(jsonl: &str) -> Result<Vec<SpeechEvent>, Error> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l)
                .map_err(|e| Error::format("speech_events.jsonl", format!("line {}: {e}", n + 1)))
        })
        .collect()
}

/// A MEANTIME document rebuilt as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeantimeDoc {
    /// The rebuilt text.
    pub text: String,
    /// Sentence number → its tokens as given and their spans in `text`.
    pub sentences: BTreeMap<usize, Vec<(String, Span)>>,
}

impl MeantimeDoc {
    /// The span of sentence `id`.
    pub fn sentence_span(&self, id: usize) -> Option<Span> {
        let toks = self.sentences.get(&id)?;
        Some(Span::new(toks.first()?.1.start, toks.last()?.1.end))
    }

    /// Spans of every occurrence of the token sequence `cue` (space
    /// separated) in sentence `id`.
    pub fn find_cue(&self, id: usize, cue: &str) -> Vec<Span> {
        let want: Vec<&str> = cue.split(' ').filter(|w| !w.is_empty()).collect();
        let Some(toks) = self.sentences.get(&id) else {
            return Vec::new();
        };
        if want.is_empty() || want.len() > toks.len() {
            return Vec::new();
        }
        toks.windows(want.len())
            .filter(|w| w.iter().map(|t| t.0.as_str()).eq(want.iter().copied()))
            .map(|w| Span::new(w[0].1.start, w[w.len() - 1].1.end))
            .collect()
    }
}

/// Parses a MEANTIME CAT XML file into a [`MeantimeDoc`].
pub fn parse_meantime(xml: &str) -> Result<MeantimeDoc, Error> {
    let what = "MEANTIME XML";
    let doc = crate::xml::parse(xml, what)?;
    let mut tokens: Vec<(usize, usize, String)> = Vec::new();
    for t in children(doc.root_element(), "token") {
        let num = |a: &str| -> Result<usize, Error> {
            t.attribute(a)
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| Error::format(what, format!("token without a numeric {a}")))
        };
        tokens.push((num("t_id")?, num("sentence")?, crate::xml::text_of(t)));
    }
    tokens.sort_by_key(|t| t.0);
    let mut grouped: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (_, s, tok) in tokens {
        grouped.entry(s).or_default().push(tok);
    }
    let mut text = String::new();
    let mut sentences = BTreeMap::new();
    for (id, toks) in grouped {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let mut spans = Vec::with_capacity(toks.len());
        let mut glue = true; // no space before the first token
        for tok in toks {
            let shown = match tok.as_str() {
                "``" | "''" => "\"",
                t => t,
            };
            if !glue && !attaches_left(&tok) {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(shown);
            spans.push((tok.clone(), Span::new(start, text.len())));
            glue = attaches_right(&tok);
        }
        sentences.insert(id, spans);
    }
    Ok(MeantimeDoc { text, sentences })
}

/// Tokens written without a space before them.
fn attaches_left(tok: &str) -> bool {
    matches!(
        tok,
        "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "''" | "..."
    ) || (tok.starts_with('\'') && tok.len() <= 3 && tok != "'")
        || tok.eq_ignore_ascii_case("n't")
}

/// Tokens written without a space after them.
fn attaches_right(tok: &str) -> bool {
    matches!(tok, "(" | "[" | "{" | "$" | "``")
}

/// Lower case, every non-alphanumeric run to one space, trimmed.
fn fold(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// True when `small` occurs in `big` as a contiguous word sequence.
fn contains_words(big: &[String], small: &[String]) -> bool {
    !small.is_empty() && big.windows(small.len()).any(|w| w == small)
}

/// Two phrases match: equal, or one contains the other, word-wise.
fn words_match(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    !a.is_empty() && !b.is_empty() && (contains_words(&a, &b) || contains_words(&b, &a))
}

/// Does `claim` anchor `event` (see the module doc)?
pub fn anchors(claim: &Claim, event: &SpeechEvent, sentence: Span) -> bool {
    let statement = Span::new(claim.start, claim.end);
    let overlaps = statement.start < sentence.end && sentence.start < statement.end;
    let cue = fold(&claim.cue);
    let lemma_match = event.cue_pred.as_deref().is_some_and(|p| fold(p) == cue);
    overlaps && (lemma_match || words_match(&claim.cue, &event.cue))
}

/// Does `claim`'s claimant match one of `event`'s sources?
pub fn source_matches(claim: &Claim, event: &SpeechEvent) -> bool {
    let Some(who) = &claim.claimant else {
        return false;
    };
    event
        .sources_arg0
        .iter()
        .any(|s| words_match(&who.text, s) || words_match(&who.name, s))
}

/// Per-event result of [`score_event`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventResult {
    /// A claim anchors it.
    pub cue_found: bool,
    /// An anchoring claim has a claimant.
    pub any_claimant: bool,
    /// An anchoring claim's claimant matches a gold source.
    pub source_found: bool,
}

/// Scores one speech event against the claims reported for its document.
pub fn score_event(claims: &[Claim], event: &SpeechEvent, sentence: Span) -> EventResult {
    let anchoring: Vec<&Claim> = claims
        .iter()
        .filter(|c| anchors(c, event, sentence))
        .collect();
    EventResult {
        cue_found: !anchoring.is_empty(),
        any_claimant: anchoring.iter().any(|c| c.claimant.is_some()),
        source_found: anchoring.iter().any(|c| source_matches(c, event)),
    }
}

/// What the MEANTIME attribution benchmark measured.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AttributionOutcome {
    /// Documents with at least one speech event (rebuilt and extracted).
    pub documents: usize,
    /// Speech events.
    pub speech_events: usize,
    /// Of those, with a gold source.
    pub with_source: usize,
    /// Gold sources that are a bare pronoun (he, she, they …).
    pub pronoun_sources: usize,
    /// Records whose sentence differs from the rebuilt sentence's tokens.
    pub sentence_mismatches: usize,
    /// Records whose cue tokens were not found in their sentence.
    pub cue_unlocated: usize,
    /// Claims sitrep reported over all documents.
    pub claims_reported: usize,
    /// Speech events anchored by a claim, over all.
    pub cue_recall: Ratio,
    /// Speech events with a source whose anchoring claim has any claimant.
    pub claimant_given: Ratio,
    /// Speech events with a source that sitrep attributes to it (headline).
    pub source_recall: Ratio,
    /// Documents the pipeline could not extract.
    pub extract_errors: usize,
}

const PRONOUNS: [&str; 10] = [
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them",
];

/// Runs sitrep's standard pipeline over each document of `events` (rebuilt
/// by `load_doc` from its relative path) and scores every speech event.
pub fn evaluate(
    events: &[SpeechEvent],
    load_doc: impl FnMut(&str) -> Result<MeantimeDoc, Error>,
) -> Result<AttributionOutcome, Error> {
    evaluate_with(&Pipeline::default(), events, load_doc)
}

/// [`evaluate`] with a given pipeline.
pub fn evaluate_with(
    pipeline: &Pipeline,
    events: &[SpeechEvent],
    load_doc: impl FnMut(&str) -> Result<MeantimeDoc, Error>,
) -> Result<AttributionOutcome, Error> {
    Ok(evaluate_detailed(pipeline, events, load_doc)?.0)
}

/// One speech event as scored, for looking at the misses (see
/// `examples/meantime_misses.rs`).
#[derive(Debug, Clone)]
pub struct EventDetail {
    /// Index into the events given.
    pub event: usize,
    /// What was found.
    pub result: EventResult,
    /// The reported claims whose statement or cue lies in the event's
    /// sentence (empty when the sentence was not located).
    pub claims: Vec<Claim>,
    /// Whether the event is in the document's first sentence, its title
    /// (which the claims stage does not read).
    pub title: bool,
}

/// [`evaluate_with`], also returning every event's result in the order given.
pub fn evaluate_detailed(
    pipeline: &Pipeline,
    events: &[SpeechEvent],
    mut load_doc: impl FnMut(&str) -> Result<MeantimeDoc, Error>,
) -> Result<(AttributionOutcome, Vec<EventDetail>), Error> {
    let mut by_doc: BTreeMap<&str, Vec<(usize, &SpeechEvent)>> = BTreeMap::new();
    for (k, e) in events.iter().enumerate() {
        by_doc.entry(&e.doc).or_default().push((k, e));
    }
    let mut out = AttributionOutcome {
        documents: by_doc.len(),
        speech_events: events.len(),
        ..AttributionOutcome::default()
    };
    let mut details = Vec::with_capacity(events.len());
    for (name, doc_events) in by_doc {
        let doc = load_doc(name)?;
        let published: Option<Date> = doc_events[0].1.dct.as_deref().and_then(|d| d.parse().ok());
        let options = Options {
            published,
            ..Options::default()
        };
        let claims = match pipeline.extract(doc.text.as_bytes(), &options) {
            Ok(r) => r.claims,
            Err(_) => {
                out.extract_errors += 1;
                Vec::new()
            }
        };
        out.claims_reported += claims.len();
        let first_id = doc.sentences.keys().next().copied();
        for (k, e) in doc_events {
            let has_source = !e.sources_arg0.is_empty();
            out.with_source += usize::from(has_source);
            out.pronoun_sources += e
                .sources_arg0
                .iter()
                .filter(|s| PRONOUNS.contains(&s.to_lowercase().as_str()))
                .count();
            let sid = e.sentence_id.unwrap_or(usize::MAX);
            let rebuilt: Option<Vec<&str>> = doc
                .sentences
                .get(&sid)
                .map(|t| t.iter().map(|(w, _)| w.as_str()).collect());
            if rebuilt.map(|w| w.join(" ")).as_deref() != Some(e.sentence.as_str()) {
                out.sentence_mismatches += 1;
            }
            if doc.find_cue(sid, &e.cue).is_empty() {
                out.cue_unlocated += 1;
            }
            let span = doc.sentence_span(sid);
            let r = span.map(|s| score_event(&claims, e, s)).unwrap_or_default();
            out.cue_recall.total += 1;
            out.cue_recall.hits += usize::from(r.cue_found);
            if has_source {
                out.claimant_given.total += 1;
                out.claimant_given.hits += usize::from(r.any_claimant);
                out.source_recall.total += 1;
                out.source_recall.hits += usize::from(r.source_found);
            }
            let near: Vec<Claim> = span
                .map(|s| {
                    claims
                        .iter()
                        .filter(|c| c.start < s.end && s.start < c.end)
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            details.push(EventDetail {
                event: k,
                result: r,
                claims: near,
                title: first_id == Some(sid),
            });
        }
    }
    details.sort_by_key(|d| d.event);
    Ok((out, details))
}

#[cfg(test)]
mod tests {
    use super::{
        anchors, evaluate, parse_meantime, parse_speech_events, score_event, source_matches,
        MeantimeDoc,
    };
    use sitrep_extract::report::{ActorRef, Claim, Stance};
    use sitrep_text::Span;

    // Written for these tests in MEANTIME's CAT format (tokens only).
    const XML: &str = r#"<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Army</token>
<token number="1" sentence="0" t_id="2">denies</token>
<token number="2" sentence="0" t_id="3">raid</token>
<token number="3" sentence="1" t_id="4">March</token>
<token number="4" sentence="1" t_id="5">01</token>
<token number="5" sentence="1" t_id="6">,</token>
<token number="6" sentence="1" t_id="7">2008</token>
<token number="7" sentence="2" t_id="8">Army</token>
<token number="8" sentence="2" t_id="9">spokesman</token>
<token number="9" sentence="2" t_id="10">Ivan</token>
<token number="10" sentence="2" t_id="11">Petrov</token>
<token number="11" sentence="2" t_id="12">said</token>
<token number="12" sentence="2" t_id="13">``</token>
<token number="13" sentence="2" t_id="14">we</token>
<token number="14" sentence="2" t_id="15">did</token>
<token number="15" sentence="2" t_id="16">n't</token>
<token number="16" sentence="2" t_id="17">(</token>
<token number="17" sentence="2" t_id="18">ever</token>
<token number="18" sentence="2" t_id="19">)</token>
<token number="19" sentence="2" t_id="20">''</token>
<token number="20" sentence="2" t_id="21">.</token>
<Markables/></Document>"#;

    const JSONL: &str = r#"{"doc": "c/x.xml", "dct": "2008-03-01", "cue": "said", "cue_pred": "say", "sentence_id": 2, "sentence": "Army spokesman Ivan Petrov said `` we did n't ( ever ) '' .", "sources_arg0": ["Army spokesman Ivan Petrov"], "slink_contents": [{"event_trigger": "did", "sentence_id": 2, "certainty": "CERTAIN", "polarity": "NEG", "time": "PAST"}]}
{"doc": "c/x.xml", "dct": "2008-03-01", "cue": "denies", "cue_pred": null, "sentence_id": 0, "sentence": "Army denies raid", "sources_arg0": [], "slink_contents": []}
"#;

    fn doc() -> MeantimeDoc {
        parse_meantime(XML).unwrap()
    }

    fn claim(who: Option<&str>, cue: &str, start: usize, end: usize) -> Claim {
        Claim {
            id: "c1".into(),
            claimant: who.map(|w| ActorRef {
                name: w.into(),
                text: w.into(),
            }),
            via: vec![],
            cue: cue.into(),
            stance: Stance::Asserts,
            hedged: false,
            start,
            end,
            text: String::new(),
            events: vec![],
            kind: None,
            headline: false,
        }
    }

    #[test]
    fn documents_are_rebuilt_readably_with_token_spans() {
        let d = doc();
        assert_eq!(
            d.text,
            "Army denies raid\n\nMarch 01, 2008\n\nArmy spokesman Ivan Petrov said \"we didn't (ever)\"."
        );
        for toks in d.sentences.values() {
            for (tok, span) in toks {
                let shown = span.slice(&d.text);
                assert!(shown == tok || (shown == "\"" && (tok == "``" || tok == "''")));
            }
        }
        let said = d.find_cue(2, "said");
        assert_eq!(said.len(), 1);
        assert_eq!(said[0].slice(&d.text), "said");
        assert_eq!(
            d.find_cue(2, "Ivan Petrov")[0].slice(&d.text),
            "Ivan Petrov"
        );
        assert!(d.find_cue(2, "denies").is_empty());
        assert_eq!(
            d.sentence_span(0).unwrap().slice(&d.text),
            "Army denies raid"
        );
    }

    #[test]
    fn speech_events_parse() {
        let e = parse_speech_events(JSONL).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].sources_arg0, ["Army spokesman Ivan Petrov"]);
        assert_eq!(e[0].slink_contents[0].polarity.as_deref(), Some("NEG"));
        assert_eq!(e[1].cue_pred, None);
        assert!(parse_speech_events("{").is_err());
    }

    #[test]
    fn matching_rules() {
        let d = doc();
        let events = parse_speech_events(JSONL).unwrap();
        let said = &events[0];
        let sentence = d.sentence_span(2).unwrap();
        let quote = d.text.find("we").unwrap();
        let end = d.text.len();
        // Cue by word, lemma, or containment; statement must overlap the sentence.
        assert!(anchors(&claim(None, "said", quote, end), said, sentence));
        assert!(anchors(&claim(None, "Say", quote, end), said, sentence));
        assert!(anchors(
            &claim(None, "said that", quote, end),
            said,
            sentence
        ));
        assert!(!anchors(
            &claim(None, "claimed", quote, end),
            said,
            sentence
        ));
        assert!(!anchors(&claim(None, "said", 0, 4), said, sentence));
        // Claimant by contained word sequence, either way round.
        assert!(source_matches(
            &claim(Some("Ivan Petrov"), "said", 0, 0),
            said
        ));
        assert!(source_matches(
            &claim(Some("the army spokesman Ivan Petrov"), "said", 0, 0),
            said
        ));
        assert!(!source_matches(&claim(Some("Petrova"), "said", 0, 0), said));
        assert!(!source_matches(&claim(None, "said", 0, 0), said));
        let r = score_event(&[claim(None, "said", quote, end)], said, sentence);
        assert!(r.cue_found && !r.any_claimant && !r.source_found);
        let s = Span::new(sentence.start, sentence.end);
        let r = score_event(&[claim(Some("Petrov"), "said", quote, end)], said, s);
        assert!(r.cue_found && r.any_claimant && r.source_found);
    }

    /// A claims stage that attributes every sentence with "said" to the
    /// two words before it.
    struct Said;
    impl sitrep_extract::Stage for Said {
        fn name(&self) -> &'static str {
            "said"
        }
        fn run(&self, doc: &sitrep_extract::Document<'_>, found: &mut sitrep_extract::Findings) {
            let text = &doc.text;
            let Some(at) = text.find(" said ") else {
                return;
            };
            let words: Vec<&str> = text[..at].split(' ').collect();
            let who = words[words.len().saturating_sub(2)..].join(" ");
            let mut c = claim(Some(&who), "said", at + 6, text.len());
            c.text = text[at + 6..].to_string();
            found.claims.push(c);
        }
    }

    #[test]
    fn a_working_claims_stage_is_scored() {
        let events = parse_speech_events(JSONL).unwrap();
        let pipeline = sitrep_extract::Pipeline::new(vec![Box::new(Said)]);
        let out = super::evaluate_with(&pipeline, &events, |_| Ok(doc())).unwrap();
        assert_eq!(out.claims_reported, 1);
        assert_eq!((out.cue_recall.hits, out.cue_recall.total), (1, 2));
        assert_eq!((out.source_recall.hits, out.source_recall.total), (1, 1));
        assert_eq!(out.claimant_given.hits, 1);
    }

    #[test]
    fn evaluation_counts_with_the_real_pipeline() {
        let events = parse_speech_events(JSONL).unwrap();
        let out = evaluate(&events, |_| Ok(doc())).unwrap();
        assert_eq!(
            (out.documents, out.speech_events, out.with_source),
            (1, 2, 1)
        );
        assert_eq!((out.sentence_mismatches, out.cue_unlocated), (0, 0));
        assert_eq!(out.cue_recall.total, 2);
        assert_eq!(out.source_recall.total, 1);
        assert!(out.source_recall.hits <= out.cue_recall.hits.max(1));
    }
}
