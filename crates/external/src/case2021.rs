//! CASE 2021 Shared Task 2: fine-grained event classification of news
//! snippets into ACLED sub-event types.
//!
//! # Data
//!
//! `test_set_final_release_with_labels.tsv`: a header line
//! `id<TAB>EventSnippet<TAB>SubType`, then 1,019 snippets, one per line,
//! tab-separated, no quoting. `SubType` is one of the 25 short codes of
//! ACLED's sub-event types ([`ACLED_CLASSES`]) or one of 5 "unseen" types
//! that ACLED does not code ([`UNSEEN_CLASSES`]).
//!
//! # Protocol
//!
//! The task had three subtasks on the same test file (the README's
//! published numbers are per subtask): subtask 1 scores the 25 ACLED classes,
//! subtask 2 adds ORG_CRIME, NATURAL_DISASTER and MAN_MADE_DISASTER (28
//! classes), subtask 3 adds DIPLO and ATTRIB (30 classes). Each subtask
//! scores the snippets whose gold label is one of its classes, by
//! support-weighted F1 (the headline measure), macro F1 and accuracy.
//!
//! sitrep reads each snippet as an article (no date given), takes the first
//! event of the report as the snippet's event, and maps its ACLED
//! `sub_event_type` back to the CASE code with [`case_code`]. A report with
//! no event predicts [`NONE`]; a sub-event type that is not ACLED's predicts
//! [`UNMAPPED`]. Both are always wrong in subtasks 1-3. sitrep only knows
//! ACLED's taxonomy, so it can never name an unseen class: subtasks 2 and 3
//! are reported for comparison, and the unseen snippets are scored on their
//! own as *rejection*: the share for which sitrep reports no event, the
//! right answer for a system bound to ACLED's taxonomy. (ATTRIB snippets,
//! claims of responsibility, often also describe an attack that ACLED would
//! code, so a low rejection there is not all error; the per-class
//! predictions are listed for that reason.)

use crate::metrics::{classification, Classification, Ratio};
use crate::Error;
use serde::Serialize;
use sitrep_extract::{Options, Pipeline};
use std::collections::BTreeMap;
use std::path::Path;

/// The predicted label when the report has no event.
pub const NONE: &str = "NONE";

/// The predicted label when the first event's sub-event type is not one of
/// ACLED's 25.
pub const UNMAPPED: &str = "UNMAPPED";

/// The 25 CASE 2021 codes with ACLED's event type and sub-event type (the
/// names sitrep reports), in the order of the task's `event_types.txt`.
pub const ACLED_CLASSES: [(&str, &str, &str); 25] = [
    (
        "ABDUCT_DISSAP",
        "Violence against civilians",
        "Abduction/forced disappearance",
    ),
    ("AGREEMENT", "Strategic developments", "Agreement"),
    (
        "AIR_STRIKE",
        "Explosions/Remote violence",
        "Air/drone strike",
    ),
    ("ARMED_CLASH", "Battles", "Armed clash"),
    ("ARREST", "Strategic developments", "Arrests"),
    (
        "ART_MISS_ATTACK",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    ("ATTACK", "Violence against civilians", "Attack"),
    (
        "CHANGE_TO_GROUP_ACT",
        "Strategic developments",
        "Change to group/activity",
    ),
    ("CHEM_WEAP", "Explosions/Remote violence", "Chemical weapon"),
    (
        "DISR_WEAP",
        "Strategic developments",
        "Disrupted weapons use",
    ),
    (
        "FORCE_AGAINST_PROTEST",
        "Protests",
        "Excessive force against protesters",
    ),
    (
        "GOV_REGAINS_TERIT",
        "Battles",
        "Government regains territory",
    ),
    ("GRENADE", "Explosions/Remote violence", "Grenade"),
    (
        "HQ_ESTABLISHED",
        "Strategic developments",
        "Headquarters or base established",
    ),
    ("MOB_VIOL", "Riots", "Mob violence"),
    (
        "NON_STATE_ACTOR_OVERTAKES_TER",
        "Battles",
        "Non-state actor overtakes territory",
    ),
    (
        "NON_VIOL_TERRIT_TRANSFER",
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
    ("OTHER", "Strategic developments", "Other"),
    ("PEACE_PROTEST", "Protests", "Peaceful protest"),
    (
        "PROPERTY_DISTRUCT",
        "Strategic developments",
        "Looting/property destruction",
    ),
    (
        "PROTEST_WITH_INTER",
        "Protests",
        "Protest with intervention",
    ),
    (
        "REM_EXPLOS",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    ("SEX_VIOL", "Violence against civilians", "Sexual violence"),
    ("SUIC_BOMB", "Explosions/Remote violence", "Suicide bomb"),
    ("VIOL_DEMONSTR", "Riots", "Violent demonstration"),
];

/// The 5 types outside ACLED's taxonomy: the first three join in subtask 2,
/// all five in subtask 3.
pub const UNSEEN_CLASSES: [&str; 5] = [
    "ORG_CRIME",
    "NATURAL_DISASTER",
    "MAN_MADE_DISASTER",
    "DIPLO",
    "ATTRIB",
];

/// The CASE code of an ACLED sub-event type name, compared with case,
/// spaces and punctuation folded ("Air/drone strike", "air / drone strike").
pub fn case_code(sub_event_type: &str) -> Option<&'static str> {
    let key = fold(sub_event_type);
    ACLED_CLASSES
        .iter()
        .find(|(_, _, sub)| fold(sub) == key)
        .map(|(code, _, _)| *code)
}

/// ACLED's (event type, sub-event type) for a CASE code of the 25.
pub fn acled_names(code: &str) -> Option<(&'static str, &'static str)> {
    ACLED_CLASSES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, t, s)| (*t, *s))
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One labelled snippet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The file's id.
    pub id: u32,
    /// The snippet text.
    pub text: String,
    /// The gold CASE code.
    pub label: String,
}

/// Loads the labelled test file.
pub fn load(path: &Path) -> Result<Vec<Snippet>, Error> {
    parse(&crate::read_to_string(path)?).map_err(|e| e.at(path))
}

/// Parses the TSV's contents (header line first).
pub fn parse(tsv: &str) -> Result<Vec<Snippet>, Error> {
    let what = "CASE 2021 TSV";
    let mut lines = tsv.lines().enumerate();
    match lines.next() {
        Some((_, h))
            if h.trim_end()
                .split('\t')
                .eq(["id", "EventSnippet", "SubType"]) => {}
        _ => return Err(Error::format(what, "header is not id/EventSnippet/SubType")),
    }
    let mut out = Vec::new();
    for (n, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, text, label] = fields[..] else {
            let msg = format!("line {}: {} fields, expected 3", n + 1, fields.len());
            return Err(Error::format(what, msg));
        };
        let id = id
            .trim()
            .parse()
            .map_err(|_| Error::format(what, format!("line {}: bad id {id:?}", n + 1)))?;
        let label = label.trim().to_string();
        if acled_names(&label).is_none() && !UNSEEN_CLASSES.contains(&label.as_str()) {
            let msg = format!("line {}: unknown label {label:?}", n + 1);
            return Err(Error::format(what, msg));
        }
        out.push(Snippet {
            id,
            text: text.to_string(),
            label,
        });
    }
    Ok(out)
}

/// sitrep's label for one snippet: the CASE code of the first event's
/// sub-event type, [`NONE`] without events, [`UNMAPPED`] for a sub-event
/// type that is not ACLED's. `Err` when the pipeline rejects the text.
pub fn predict(pipeline: &Pipeline, text: &str) -> Result<&'static str, String> {
    let report = pipeline
        .extract(text.as_bytes(), &Options::default())
        .map_err(|e| e.to_string())?;
    Ok(match report.events.first() {
        None => NONE,
        Some(e) => case_code(&e.sub_event_type).unwrap_or(UNMAPPED),
    })
}

/// Rejection on the snippets of one unseen class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnseenClass {
    /// The CASE code.
    pub label: String,
    /// Snippets for which sitrep reported no event, out of the class's.
    pub rejected: Ratio,
    /// What sitrep predicted instead, label → count (NONE included).
    pub predicted: BTreeMap<String, usize>,
}

/// What the CASE 2021 benchmark measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseOutcome {
    /// Snippets in the file.
    pub snippets: usize,
    /// Subtask 1: the 25 ACLED classes (snippets with those gold labels).
    pub acled25: Classification,
    /// Subtask 2: 28 classes (sitrep cannot predict the 3 unseen ones).
    pub classes28: Classification,
    /// Subtask 3: all 30 classes (sitrep cannot predict the 5 unseen ones).
    pub classes30: Classification,
    /// Rejection over all unseen snippets.
    pub unseen_rejected: Ratio,
    /// Rejection per unseen class.
    pub unseen: Vec<UnseenClass>,
    /// Predicted labels over all snippets, label → count.
    pub predicted: BTreeMap<String, usize>,
    /// Snippets the pipeline could not extract (counted as NONE).
    pub extract_errors: usize,
    /// The half scored ([`crate::geo::Half::of_number`] of the snippet
    /// id), or `None` for the whole file.
    pub half: Option<crate::geo::Half>,
}

/// Scores `predictions` (one per snippet) against the snippets' labels.
pub fn score(snippets: &[Snippet], predictions: &[&str], extract_errors: usize) -> CaseOutcome {
    let acled: Vec<&str> = ACLED_CLASSES.iter().map(|c| c.0).collect();
    let subset = |labels: &[&str]| {
        let (gold, pred): (Vec<&str>, Vec<&str>) = snippets
            .iter()
            .zip(predictions)
            .filter(|(s, _)| labels.contains(&s.label.as_str()))
            .map(|(s, p)| (s.label.as_str(), *p))
            .unzip();
        // Average over the classes present in this subset's gold labels.
        let present: Vec<&str> = labels
            .iter()
            .copied()
            .filter(|l| gold.contains(l))
            .collect();
        classification(&gold, &pred, &present)
    };
    let with = |n: usize| -> Vec<&str> {
        let mut l = acled.clone();
        l.extend_from_slice(&UNSEEN_CLASSES[..n]);
        l
    };
    let mut unseen = Vec::new();
    let (mut rejected, mut total) = (0, 0);
    for label in UNSEEN_CLASSES {
        let mut predicted = BTreeMap::new();
        let mut r = Ratio::default();
        for (s, p) in snippets.iter().zip(predictions) {
            if s.label == label {
                r.total += 1;
                r.hits += usize::from(*p == NONE);
                *predicted.entry(p.to_string()).or_default() += 1;
            }
        }
        rejected += r.hits;
        total += r.total;
        unseen.push(UnseenClass {
            label: label.to_string(),
            rejected: r,
            predicted,
        });
    }
    let mut predicted = BTreeMap::new();
    for p in predictions {
        *predicted.entry(p.to_string()).or_default() += 1;
    }
    CaseOutcome {
        snippets: snippets.len(),
        acled25: subset(&acled),
        classes28: subset(&with(3)),
        classes30: subset(&with(5)),
        unseen_rejected: Ratio::new(rejected, total),
        unseen,
        predicted,
        extract_errors,
        half: None,
    }
}

/// Runs sitrep's standard pipeline over every snippet and scores it.
pub fn evaluate(snippets: &[Snippet]) -> CaseOutcome {
    evaluate_with(&Pipeline::default(), snippets)
}

/// Runs `pipeline` over every snippet and scores it.
pub fn evaluate_with(pipeline: &Pipeline, snippets: &[Snippet]) -> CaseOutcome {
    let mut errors = 0;
    let predictions: Vec<&str> = snippets
        .iter()
        .map(|s| {
            predict(pipeline, &s.text).unwrap_or_else(|_| {
                errors += 1;
                NONE
            })
        })
        .collect();
    score(snippets, &predictions, errors)
}

#[cfg(test)]
mod tests {
    use super::{acled_names, case_code, parse, score, ACLED_CLASSES, NONE, UNSEEN_CLASSES};

    // Written for these tests in the file's format.
    const TSV: &str = "id\tEventSnippet\tSubType\n\
        1\tJets bombed the depot, killing 3.\tAIR_STRIKE\n\
        2\tPolice dispersed the \"sit-in\" with tear gas.\tFORCE_AGAINST_PROTEST\n\
        3\tFloods displaced 2,000 families.\tNATURAL_DISASTER\n\
        5\tThe group claimed the bombing.\tATTRIB\n";

    #[test]
    fn tsv_loads() {
        let s = parse(TSV).unwrap();
        assert_eq!(s.len(), 4);
        assert_eq!(s[1].text, "Police dispersed the \"sit-in\" with tear gas.");
        assert_eq!((s[3].id, s[3].label.as_str()), (5, "ATTRIB"));
    }

    #[test]
    fn bad_rows_are_errors() {
        assert!(parse("id\tText\n").is_err());
        assert!(parse("id\tEventSnippet\tSubType\n1\tno label\n").is_err());
        assert!(parse("id\tEventSnippet\tSubType\n1\tx\tBOMBING\n").is_err());
    }

    #[test]
    fn mapping_round_trips() {
        for (code, event_type, sub) in ACLED_CLASSES {
            assert_eq!(case_code(sub), Some(code));
            assert_eq!(acled_names(code), Some((event_type, sub)));
        }
        assert_eq!(
            case_code("shelling / artillery / missile attack"),
            Some("ART_MISS_ATTACK")
        );
        assert_eq!(case_code("Arrest"), None, "ACLED says Arrests");
        for code in UNSEEN_CLASSES {
            assert_eq!(acled_names(code), None);
        }
        let types: std::collections::BTreeSet<_> = ACLED_CLASSES.iter().map(|c| c.1).collect();
        assert_eq!(types.len(), 6, "ACLED's six event types");
    }

    /// An events stage that calls everything with "bombed" an air strike.
    struct Bombed;
    impl sitrep_extract::Stage for Bombed {
        fn name(&self) -> &'static str {
            "bombed"
        }
        fn run(&self, doc: &sitrep_extract::Document<'_>, found: &mut sitrep_extract::Findings) {
            use sitrep_extract::report::{Event, Evidence, Status};
            let Some(at) = doc.text.find("bombed") else {
                return;
            };
            let ev = Evidence {
                start: at,
                end: at + 6,
                text: "bombed".into(),
            };
            found.events.push(Event {
                id: "e1".into(),
                event_type: "Explosions/Remote violence".into(),
                sub_event_type: "Air/drone strike".into(),
                actor1: None,
                actor2: None,
                assoc_actors: vec![],
                location: None,
                date: None,
                fatalities: None,
                status: Status::Occurred,
                claims: vec![],
                trigger: ev.clone(),
                evidence: ev,
                plover: None,
                instrument: None,
            });
        }
    }

    #[test]
    fn first_event_of_the_real_pipeline_is_the_prediction() {
        let pipeline = sitrep_extract::Pipeline::new(vec![Box::new(Bombed)]);
        let s = parse(TSV).unwrap();
        assert_eq!(super::predict(&pipeline, &s[0].text), Ok("AIR_STRIKE"));
        assert_eq!(super::predict(&pipeline, &s[1].text), Ok(NONE));
        let out = super::evaluate_with(&pipeline, &s);
        assert_eq!(out.acled25.accuracy.hits, 1);
        assert_eq!(out.unseen_rejected.hits, 2);
    }

    #[test]
    fn subtasks_and_rejection() {
        let s = parse(TSV).unwrap();
        let out = score(&s, &["AIR_STRIKE", NONE, NONE, "SUIC_BOMB"], 0);
        assert_eq!(out.acled25.n, 2);
        assert_eq!(out.acled25.accuracy.hits, 1);
        // AIR_STRIKE F1 1 (support 1), FORCE_AGAINST_PROTEST F1 0 (support 1).
        assert!((out.acled25.weighted_f1 - 0.5).abs() < 1e-12);
        assert_eq!(out.classes28.n, 3);
        assert_eq!(out.classes30.n, 4);
        assert_eq!(
            (out.unseen_rejected.hits, out.unseen_rejected.total),
            (1, 2)
        );
        let attrib = out.unseen.iter().find(|u| u.label == "ATTRIB").unwrap();
        assert_eq!(attrib.predicted.get("SUIC_BOMB"), Some(&1));
        assert_eq!(out.predicted.get(NONE), Some(&2));
    }
}
