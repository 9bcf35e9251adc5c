//! TempEval-3 platinum: normalising DATE expressions against the document
//! creation time.
//!
//! # Data
//!
//! The 20 TimeML files of the TempEval-3 (SemEval-2013 Task 1) platinum test
//! set, `te3-platinum/*.tml`: `<DCT><TIMEX3 functionInDocument=
//! "CREATION_TIME" value="2013-03-22"/></DCT>` gives the document creation
//! time (DCT); `<TEXT>` holds the article with inline `<TIMEX3 tid type
//! value [mod]>` and `<EVENT>` tags. The loader strips the tags, keeping
//! each TIMEX3's byte span into the plain text, and finds its sentence with
//! sitrep's segmenter.
//!
//! # Metric
//!
//! Value accuracy with gold spans, DATE expressions only: each DATE
//! timex's text and sentence go to a [`TimeResolver`] with the DCT as anchor;
//! its answer counts when it equals the gold `value` string exactly
//! ("2013-W11", "2012-12", "PRESENT_REF"). `mod` is not scored. No answer
//! counts as wrong. The value shapes ([`ValueShape`]) show what kinds of
//! answers the set asks for.

use crate::metrics::Ratio;
use crate::xml::child;
use crate::Error;
use jiff::civil::Date;
use serde::Serialize;
use sitrep_text::Span;
use std::collections::BTreeMap;
use std::path::Path;

/// Normalises a date expression to a TIMEX3 value.
pub trait TimeResolver {
    /// The TIMEX3 value of `expression` (found in `sentence`) with `anchor`
    /// as the document creation time: "2024-03-12", "2024-W11", "2024-03",
    /// "2024", "PAST_REF" … `None` when the resolver cannot tell.
    fn resolve(&self, expression: &str, sentence: &str, anchor: Date) -> Option<String>;
}

/// A resolver that never answers: the baseline until sitrep's date
/// resolver (part of the events stage) exists.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoTimeResolver;

impl TimeResolver for NoTimeResolver {
    fn resolve(&self, _: &str, _: &str, _: Date) -> Option<String> {
        None
    }
}

/// sitrep's own resolver ([`sitrep_time::timex`]): the longest time
/// expression found in the gold text, anchored at the DCT, read forward
/// when the sentence speaks of the future.
#[derive(Debug, Clone, Copy, Default)]
pub struct SitrepTimeResolver;

impl TimeResolver for SitrepTimeResolver {
    fn resolve(&self, expression: &str, sentence: &str, anchor: Date) -> Option<String> {
        sitrep_time::timex(expression, sentence, anchor)
    }
}

/// One gold time expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timex {
    /// Its id in the file ("t3").
    pub tid: String,
    /// DATE, TIME, DURATION or SET.
    pub kind: String,
    /// The normalised value.
    pub value: String,
    /// The `mod` attribute (START, END, APPROX …), when present.
    pub modifier: Option<String>,
    /// Byte span into [`TimeDoc::text`].
    pub span: Span,
    /// The expression as written (`text[span]`).
    pub text: String,
    /// Byte span of its sentence.
    pub sentence: Span,
}

/// One TimeML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeDoc {
    /// The file's DOCID.
    pub id: String,
    /// Document creation time.
    pub dct: Date,
    /// The text of `<TEXT>` with the tags stripped.
    pub text: String,
    /// Time expressions in `<TEXT>`, in order (the DCT is not among them).
    pub timexes: Vec<Timex>,
}

/// Loads every `.tml` file of `dir`, sorted by name.
pub fn load_dir(dir: &Path) -> Result<Vec<TimeDoc>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| parse(&crate::read_to_string(p)?).map_err(|e| e.at(p)))
        .collect()
}

/// Parses one TimeML document.
pub fn parse(xml: &str) -> Result<TimeDoc, Error> {
    let what = "TimeML";
    let doc = crate::xml::parse(xml, what)?;
    let root = doc.root_element();
    let id = child(root, "DOCID")
        .map(crate::xml::text_of)
        .unwrap_or_default()
        .trim()
        .to_string();
    let dct_value = child(root, "DCT")
        .and_then(|d| child(d, "TIMEX3"))
        .and_then(|t| t.attribute("value"))
        .ok_or_else(|| Error::format(what, format!("{id}: no <DCT><TIMEX3 value>")))?;
    let dct: Date = dct_value
        .get(..10)
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| Error::format(what, format!("{id}: DCT {dct_value:?} is not a day")))?;
    let body =
        child(root, "TEXT").ok_or_else(|| Error::format(what, format!("{id}: no <TEXT>")))?;
    let mut text = String::new();
    let mut timexes = Vec::new();
    strip(body, &mut text, &mut timexes);
    let seg = sitrep_text::segment(&text);
    for t in &mut timexes {
        t.text = t.span.slice(&text).to_string();
        // The sentences the timex touches (the segmenter may split inside
        // one, at "Dec." say), covered as one.
        t.sentence = seg
            .sentences
            .iter()
            .map(|s| s.span)
            .filter(|s| s.start < t.span.end.max(t.span.start + 1) && t.span.start < s.end)
            .reduce(|a, b| a.cover(b))
            .filter(|s| s.contains(t.span))
            .unwrap_or_else(|| line_around(&text, t.span));
    }
    Ok(TimeDoc {
        id,
        dct,
        text,
        timexes,
    })
}

/// Appends the text under `node` to `out`, recording TIMEX3 spans.
fn strip(node: roxmltree::Node<'_, '_>, out: &mut String, timexes: &mut Vec<Timex>) {
    for c in node.children() {
        if c.is_text() {
            out.push_str(c.text().unwrap_or_default());
        } else if c.is_element() {
            let start = out.len();
            let slot = (c.tag_name().name() == "TIMEX3").then(|| {
                timexes.push(Timex {
                    tid: c.attribute("tid").unwrap_or_default().to_string(),
                    kind: c.attribute("type").unwrap_or_default().to_string(),
                    value: c.attribute("value").unwrap_or_default().to_string(),
                    modifier: c.attribute("mod").map(str::to_string),
                    span: Span::new(start, start),
                    text: String::new(),
                    sentence: Span::default(),
                });
                timexes.len() - 1
            });
            strip(c, out, timexes);
            if let Some(i) = slot {
                timexes[i].span = Span::new(start, out.len());
            }
        }
    }
}

/// The line holding `span`, for text the segmenter left out.
fn line_around(text: &str, span: Span) -> Span {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    Span::new(start, end)
}

/// What kind of value a DATE timex has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueShape {
    /// A day: 2013-03-22.
    Day,
    /// A day with a time: 2013-03-22T10:00.
    DayTime,
    /// An ISO week: 2013-W11 (or its weekend, 2013-W11-WE).
    Week,
    /// A month: 2013-03.
    Month,
    /// A quarter, half or season: 2012-Q4, 2012-H1, 2012-SU.
    QuarterOrSeason,
    /// A year: 2013.
    Year,
    /// A decade (201) or century (19).
    DecadeOrCentury,
    /// PRESENT_REF.
    PresentRef,
    /// PAST_REF.
    PastRef,
    /// FUTURE_REF.
    FutureRef,
    /// A value with unknown parts: XXXX-XX-XX, 2012-XX-XX.
    Underspecified,
    /// Anything else (a duration such as P5Y on a DATE).
    Other,
}

impl ValueShape {
    /// The shape of a TIMEX3 value.
    pub fn of(value: &str) -> ValueShape {
        let v = value.trim();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        match v {
            "PRESENT_REF" => return ValueShape::PresentRef,
            "PAST_REF" => return ValueShape::PastRef,
            "FUTURE_REF" => return ValueShape::FutureRef,
            _ => {}
        }
        if v.contains('X') {
            return ValueShape::Underspecified;
        }
        let (date, time) = match v.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (v, None),
        };
        let parts: Vec<&str> = date.split('-').collect();
        match parts[..] {
            [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
                if time.is_some() {
                    ValueShape::DayTime
                } else {
                    ValueShape::Day
                }
            }
            [y, w] | [y, w, "WE"] if digits(y, 4) && w.starts_with('W') && digits(&w[1..], 2) => {
                ValueShape::Week
            }
            [y, m] if digits(y, 4) && digits(m, 2) => ValueShape::Month,
            [y, q]
                if digits(y, 4)
                    && (matches!(q, "SP" | "SU" | "FA" | "WI")
                        || (q.len() == 2
                            && matches!(&q[..1], "Q" | "H")
                            && digits(&q[1..], 1))) =>
            {
                ValueShape::QuarterOrSeason
            }
            [y] if digits(y, 4) => ValueShape::Year,
            [y] if digits(y, 3) || digits(y, 2) => ValueShape::DecadeOrCentury,
            _ => ValueShape::Other,
        }
    }
}

/// Gold DATE timexes and correct answers of one shape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ShapeScore {
    /// Correct answers out of the gold timexes of this shape.
    pub correct: Ratio,
}

/// What the TempEval-3 benchmark measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TempEvalOutcome {
    /// Documents.
    pub documents: usize,
    /// Time expressions by TIMEX3 type, DCT excluded.
    pub timexes_by_type: BTreeMap<String, usize>,
    /// DATE expressions scored.
    pub dates: usize,
    /// Those the resolver answered.
    pub answered: usize,
    /// Value accuracy: exact answers out of all DATE expressions.
    pub value_accuracy: Ratio,
    /// Per value shape.
    pub by_shape: BTreeMap<ValueShape, ShapeScore>,
    /// Which resolver was scored.
    pub resolver: String,
}

/// Scores `resolver` on every DATE timex of `docs`.
pub fn evaluate(docs: &[TimeDoc], resolver: &dyn TimeResolver, name: &str) -> TempEvalOutcome {
    let mut by_type = BTreeMap::new();
    let mut by_shape: BTreeMap<ValueShape, ShapeScore> = BTreeMap::new();
    let (mut answered, mut acc) = (0, Ratio::default());
    for doc in docs {
        for t in &doc.timexes {
            *by_type.entry(t.kind.clone()).or_insert(0) += 1;
            if t.kind != "DATE" {
                continue;
            }
            let answer = resolver.resolve(&t.text, t.sentence.slice(&doc.text), doc.dct);
            answered += usize::from(answer.is_some());
            let right = answer.as_deref().map(str::trim) == Some(t.value.trim());
            acc.total += 1;
            acc.hits += usize::from(right);
            let shape = by_shape.entry(ValueShape::of(&t.value)).or_default();
            shape.correct.total += 1;
            shape.correct.hits += usize::from(right);
        }
    }
    TempEvalOutcome {
        documents: docs.len(),
        timexes_by_type: by_type,
        dates: acc.total,
        answered,
        value_accuracy: acc,
        by_shape,
        resolver: name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{evaluate, parse, NoTimeResolver, TimeResolver, ValueShape};
    use jiff::civil::Date;

    // Written for these tests in TimeML.
    const TML: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>X_1</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2024-03-14">March 14, 2024</TIMEX3></DCT>
<TITLE>Strikes go on</TITLE>
<TEXT>
Drones <EVENT eid="e1" class="OCCURRENCE">hit</EVENT> Kharkiv <TIMEX3 tid="t1" type="DATE" value="2024-03-13">yesterday</TIMEX3> &amp; again <TIMEX3 tid="t2" type="DATE" value="PRESENT_REF">now</TIMEX3>.

Talks lasted <TIMEX3 tid="t3" type="DURATION" value="P2D">two days</TIMEX3> in <TIMEX3 tid="t4" type="DATE" value="2024-03" mod="START">early March</TIMEX3>.
</TEXT>
</TimeML>"#;

    #[test]
    fn timeml_loads_with_spans_and_sentences() {
        let doc = parse(TML).unwrap();
        assert_eq!(doc.id, "X_1");
        assert_eq!(doc.dct, Date::constant(2024, 3, 14));
        assert_eq!(doc.timexes.len(), 4);
        let t1 = &doc.timexes[0];
        assert_eq!((t1.tid.as_str(), t1.text.as_str()), ("t1", "yesterday"));
        assert_eq!(t1.span.slice(&doc.text), "yesterday");
        assert_eq!(
            t1.sentence.slice(&doc.text),
            "Drones hit Kharkiv yesterday & again now."
        );
        let t4 = &doc.timexes[3];
        assert_eq!(t4.modifier.as_deref(), Some("START"));
        assert!(t4
            .sentence
            .slice(&doc.text)
            .starts_with("Talks lasted two days"));
        assert!(parse("<TimeML><TEXT>x</TEXT></TimeML>").is_err(), "no DCT");
    }

    struct Yesterday;
    impl TimeResolver for Yesterday {
        fn resolve(&self, e: &str, _: &str, anchor: Date) -> Option<String> {
            (e == "yesterday").then(|| anchor.yesterday().unwrap().to_string())
        }
    }

    #[test]
    fn value_accuracy_over_dates_only() {
        let docs = vec![parse(TML).unwrap()];
        let none = evaluate(&docs, &NoTimeResolver, "none");
        assert_eq!(
            (none.dates, none.answered, none.value_accuracy.hits),
            (3, 0, 0)
        );
        assert_eq!(none.timexes_by_type.get("DURATION"), Some(&1));
        let y = evaluate(&docs, &Yesterday, "yesterday");
        assert_eq!((y.answered, y.value_accuracy.hits), (1, 1));
        assert_eq!(y.by_shape[&ValueShape::Day].correct.hits, 1);
        assert_eq!(y.by_shape[&ValueShape::Month].correct.total, 1);
    }

    #[test]
    fn value_shapes() {
        use ValueShape::*;
        let cases = [
            ("2013-03-22", Day),
            ("2013-03-22T10:00", DayTime),
            ("2013-W11", Week),
            ("2013-W11-WE", Week),
            ("2012-12", Month),
            ("2012-Q4", QuarterOrSeason),
            ("2012-SU", QuarterOrSeason),
            ("2013", Year),
            ("201", DecadeOrCentury),
            ("19", DecadeOrCentury),
            ("PRESENT_REF", PresentRef),
            ("PAST_REF", PastRef),
            ("FUTURE_REF", FutureRef),
            ("XXXX-XX-XX", Underspecified),
            ("XXXX-WI", Underspecified),
            ("P5Y", Other),
        ];
        for (v, shape) in cases {
            assert_eq!(ValueShape::of(v), shape, "{v}");
        }
    }
}
