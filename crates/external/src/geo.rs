//! Toponym resolution and recognition on TR-News, LGL and GeoWebNews.
//!
//! # Data
//!
//! - **TR-News** (Kamalloo & Rafiei 2018) and **LGL** (Lieberman et al.
//!   2010) share one XML schema: `<article docid>` with `<text>` and
//!   `<toponyms><toponym><start/><end/><phrase/><gaztag geonameid><lat/><lon/>…`.
//!   A toponym without `<gaztag>` has no gold location.
//! - **GeoWebNews** (Gritta et al. 2020): `<article file>` with `<text>` and
//!   `<toponym><extractedName/><type/><start/><end/>[<geonamesID/>
//!   <latitude/><longitude/>]`. Besides toponyms it annotates the words
//!   around them (`Literal_Expression`, `Non_Lit_Expression`) and
//!   look-alikes (`Non_Toponym`); the loader keeps only the toponym types
//!   ([`GWN_NON_TOPONYM_TYPES`] lists what it leaves out).
//!
//! Offsets are character offsets; the loader converts them to byte spans and
//! checks each against its phrase, repairing drifts (TR-News has 117) with
//! [`crate::offsets::locate`] and counting what it did in [`OffsetStats`].
//!
//! # Halves
//!
//! These corpora are external test sets, so tuning on them is split off:
//! [`Half::of`] puts each document in one of two halves by a stable hash of
//! its id (64-bit FNV-1a of the id's UTF-8 bytes; even = [`Half::Analysis`],
//! odd = [`Half::Report`]). Error analysis looks at the analysis half only;
//! the report half is scored, never read (`sitrep benchmark NAME --half
//! analysis|report`).
//!
//! # Metrics
//!
//! A gold toponym is *resolvable* when it has gold coordinates. Two
//! evaluations:
//!
//! 1. **Resolution with gold spans** ([`evaluate_resolution`]): each
//!    resolvable toponym's span goes to a [`ToponymResolver`]; scored are
//!    exact GeoNames-id match (over toponyms with a gold id), accuracy within
//!    25 km and 161 km (no answer counts as wrong) and the mean and median
//!    error of the answers.
//! 2. **End to end** ([`evaluate_end_to_end`]): sitrep's `places` for the
//!    whole document are matched one-to-one to resolvable gold toponyms by
//!    overlapping byte spans (largest overlap first). Recognition precision,
//!    recall and F1 count a place matching a resolvable toponym as a true
//!    positive; a place that overlaps only a gold toponym *without*
//!    coordinates (a street, a demonym in GeoWebNews …) is ignored, neither
//!    right nor wrong; any other place (including a second place on an
//!    already matched toponym) is a false positive. The distance scores are
//!    then computed over the matched pairs.

use crate::metrics::{DistanceScores, DistanceTally, Prf};
use crate::offsets::{locate, CharIndex, OffsetStats};
use crate::xml::{child, child_num, child_text, children, text_of};
use crate::Error;
use jiff::civil::Date;
use serde::Serialize;
use sitrep_extract::report::Place;
use sitrep_extract::{Options, Pipeline};
use sitrep_text::Span;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::Path;

/// GeoWebNews annotation types that are not toponyms: the words that signal
/// a toponym's reading, and phrases that only look like toponyms.
pub const GWN_NON_TOPONYM_TYPES: [&str; 3] =
    ["Literal_Expression", "Non_Lit_Expression", "Non_Toponym"];

/// One of the three geoparsing corpora.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GeoCorpus {
    /// TR-News: 118 international and national news articles, 2016-17.
    TrNews,
    /// LGL: 588 articles from small US news sites, 2009.
    Lgl,
    /// GeoWebNews: 200 web news articles, 2018.
    GeoWebNews,
}

impl GeoCorpus {
    /// The corpus file, relative to the shared folder.
    pub fn relative_path(self) -> &'static str {
        match self {
            GeoCorpus::TrNews => "data/geo-eval/tr-news/TR-News.xml",
            GeoCorpus::Lgl => "data/geo-eval/lgl/lgl.xml",
            GeoCorpus::GeoWebNews => "data/geo-eval/geowebnews/GWN.xml",
        }
    }

    /// The corpus's usual name.
    pub fn name(self) -> &'static str {
        match self {
            GeoCorpus::TrNews => "TR-News",
            GeoCorpus::Lgl => "LGL",
            GeoCorpus::GeoWebNews => "GeoWebNews",
        }
    }
}

/// One of the two halves of a corpus (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Half {
    /// Documents whose id hashes to an even number: error analysis and
    /// tuning may look at them.
    Analysis,
    /// Documents whose id hashes to an odd number: only scored.
    Report,
}

impl Half {
    /// The half of a document id: 64-bit FNV-1a of its UTF-8 bytes, even =
    /// [`Half::Analysis`], odd = [`Half::Report`].
    pub fn of(id: &str) -> Half {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in id.as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        if h.is_multiple_of(2) {
            Half::Analysis
        } else {
            Half::Report
        }
    }

    /// The half of a numbered item (a CASE 2021 snippet): even numbers are
    /// [`Half::Analysis`], odd ones [`Half::Report`].
    pub fn of_number(n: u32) -> Half {
        if n.is_multiple_of(2) {
            Half::Analysis
        } else {
            Half::Report
        }
    }

    /// The command-line name ("analysis", "report").
    pub fn name(self) -> &'static str {
        match self {
            Half::Analysis => "analysis",
            Half::Report => "report",
        }
    }
}

impl std::str::FromStr for Half {
    type Err = String;
    fn from_str(s: &str) -> Result<Half, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "analysis" => Ok(Half::Analysis),
            "report" => Ok(Half::Report),
            other => Err(format!(
                "unknown half {other:?} (expected analysis or report)"
            )),
        }
    }
}

/// A point on the Earth in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// One gold toponym.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldToponym {
    /// Byte span into the document text; `text[span] == phrase`.
    pub span: Span,
    /// The toponym as written.
    pub phrase: String,
    /// Gold coordinates, when the corpus gives them.
    pub point: Option<Point>,
    /// Gold GeoNames id, when the corpus gives one.
    pub geonameid: Option<u64>,
    /// GeoWebNews's pragmatic type ("Literal", "Metonymic" …), or the
    /// GeoNames feature code for TR-News and LGL ("PPL", "ADM1" …).
    pub class: Option<String>,
}

/// One article with its gold toponyms.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoDoc {
    /// The corpus's id for it (`docid` or `file`).
    pub id: String,
    /// The headline, when given.
    pub title: Option<String>,
    /// The text the offsets index.
    pub text: String,
    /// The download or publication date, when given.
    pub published: Option<Date>,
    /// Gold toponyms, in corpus order.
    pub toponyms: Vec<GoldToponym>,
}

/// A loaded corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoDataset {
    /// Which corpus.
    pub corpus: GeoCorpus,
    /// The articles.
    pub docs: Vec<GeoDoc>,
    /// `<toponym>` elements in the file, toponym or not.
    pub annotations: usize,
    /// How their offsets were located (over all annotations).
    pub offsets: OffsetStats,
}

impl GeoDataset {
    /// Gold toponyms kept.
    pub fn toponyms(&self) -> usize {
        self.docs.iter().map(|d| d.toponyms.len()).sum()
    }

    /// Gold toponyms with coordinates.
    pub fn resolvable(&self) -> usize {
        self.gold().filter(|t| t.point.is_some()).count()
    }

    /// Gold toponyms with a GeoNames id.
    pub fn with_geonameid(&self) -> usize {
        self.gold().filter(|t| t.geonameid.is_some()).count()
    }

    /// The documents of one half (see [`Half`]); the annotation count and
    /// offset statistics stay those of the whole file.
    pub fn half(&self, half: Half) -> GeoDataset {
        GeoDataset {
            corpus: self.corpus,
            docs: self
                .docs
                .iter()
                .filter(|d| Half::of(&d.id) == half)
                .cloned()
                .collect(),
            annotations: self.annotations,
            offsets: self.offsets,
        }
    }

    fn gold(&self) -> impl Iterator<Item = &GoldToponym> {
        self.docs.iter().flat_map(|d| d.toponyms.iter())
    }
}

/// Loads `corpus` from `path`.
pub fn load(corpus: GeoCorpus, path: &Path) -> Result<GeoDataset, Error> {
    let xml = crate::read_to_string(path)?;
    parse(corpus, &xml).map_err(|e| e.at(path))
}

/// Parses a corpus file's contents.
pub fn parse(corpus: GeoCorpus, xml: &str) -> Result<GeoDataset, Error> {
    let what = corpus.name();
    let doc = crate::xml::parse(xml, what)?;
    let mut data = GeoDataset {
        corpus,
        docs: Vec::new(),
        annotations: 0,
        offsets: OffsetStats::default(),
    };
    for article in children(doc.root_element(), "article") {
        let parsed = match corpus {
            GeoCorpus::TrNews | GeoCorpus::Lgl => lgl_article(article, &mut data)?,
            GeoCorpus::GeoWebNews => gwn_article(article, &mut data)?,
        };
        data.docs.push(parsed);
    }
    Ok(data)
}

/// TR-News / LGL `<article>`.
fn lgl_article(article: roxmltree::Node<'_, '_>, data: &mut GeoDataset) -> Result<GeoDoc, Error> {
    let what = data.corpus.name();
    let id = article.attribute("docid").unwrap_or_default().to_string();
    let text = child(article, "text").map(text_of).unwrap_or_default();
    let index = CharIndex::new(&text);
    let published = child_text(article, "dltime").and_then(|t| date_prefix(&t));
    let mut toponyms = Vec::new();
    let list = child(article, "toponyms");
    for t in list.into_iter().flat_map(|l| children(l, "toponym")) {
        data.annotations += 1;
        let ctx = format!("{what} article {id}");
        let phrase = child(t, "phrase").map(text_of).unwrap_or_default();
        let located =
            offsets(t, &ctx)?.and_then(|(start, end)| locate(&text, &index, start, end, &phrase));
        data.offsets.record(located.map(|l| l.1));
        let Some((span, _)) = located else { continue };
        let gaztag = child(t, "gaztag");
        let geonameid = gaztag
            .and_then(|g| g.attribute("geonameid"))
            .and_then(|v| v.trim().parse().ok());
        let point = match gaztag {
            Some(g) => match (child_num(g, "lat", &ctx)?, child_num(g, "lon", &ctx)?) {
                (Some(lat), Some(lon)) => Some(Point { lat, lon }),
                _ => None,
            },
            None => None,
        };
        toponyms.push(GoldToponym {
            span,
            phrase,
            point,
            geonameid,
            class: gaztag.and_then(|g| child_text(g, "fcode")),
        });
    }
    Ok(GeoDoc {
        id,
        title: child_text(article, "title"),
        text,
        published,
        toponyms,
    })
}

/// GeoWebNews `<article>`.
fn gwn_article(article: roxmltree::Node<'_, '_>, data: &mut GeoDataset) -> Result<GeoDoc, Error> {
    let id = article.attribute("file").unwrap_or_default().to_string();
    let ctx = format!("GeoWebNews article {id}");
    let text = child(article, "text").map(text_of).unwrap_or_default();
    let index = CharIndex::new(&text);
    let mut toponyms = Vec::new();
    let list = child(article, "toponyms");
    for t in list.into_iter().flat_map(|l| children(l, "toponym")) {
        data.annotations += 1;
        let phrase = child(t, "extractedName").map(text_of).unwrap_or_default();
        let located =
            offsets(t, &ctx)?.and_then(|(start, end)| locate(&text, &index, start, end, &phrase));
        data.offsets.record(located.map(|l| l.1));
        let class = child_text(t, "type");
        if class
            .as_deref()
            .is_some_and(|c| GWN_NON_TOPONYM_TYPES.contains(&c))
        {
            continue;
        }
        let Some((span, _)) = located else { continue };
        let point = match (
            child_num(t, "latitude", &ctx)?,
            child_num(t, "longitude", &ctx)?,
        ) {
            (Some(lat), Some(lon)) => Some(Point { lat, lon }),
            _ => None,
        };
        toponyms.push(GoldToponym {
            span,
            phrase,
            point,
            geonameid: child_num(t, "geonamesID", &ctx)?,
            class,
        });
    }
    Ok(GeoDoc {
        id,
        title: child_text(article, "title"),
        text,
        published: None,
        toponyms,
    })
}

/// A toponym's `<start>` and `<end>`; `None` when missing or negative
/// (GeoWebNews has a few negative offsets, for text not in `<text>`).
fn offsets(t: roxmltree::Node<'_, '_>, ctx: &str) -> Result<Option<(usize, usize)>, Error> {
    let start: Option<i64> = child_num(t, "start", ctx)?;
    let end: Option<i64> = child_num(t, "end", ctx)?;
    let to_usize = |v: Option<i64>| v.and_then(|v| usize::try_from(v).ok());
    Ok(to_usize(start).zip(to_usize(end)))
}

/// The day of a download time as the corpora write it: ISO
/// ("2009-03-20 12:24:52.002364-05", LGL), or one of TR-News's many
/// free-form styles ("Dec 19, 2016 9:08 AM ET", "19 December 2016 GMT",
/// "11/28/2016", "9:20 PM ET, Wed November 30, 2016"). `None` when no year,
/// month and day can be told apart.
fn date_prefix(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(d) = s.get(..10).and_then(|p| p.parse().ok()) {
        return Some(d);
    }
    let slashed: Vec<&str> = s.split('/').collect();
    if let [m, d, y] = slashed[..] {
        // US order, as in TR-News's one such value.
        return Date::new(y.trim().parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok();
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let (mut year, mut month, mut day) = (None, None, None);
    let tokens = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '.'))
        .filter(|t| !t.is_empty() && !t.contains(':'));
    for tok in tokens {
        let lower = tok.to_lowercase();
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let is_ordinal = matches!(&lower[digits.len()..], "" | "st" | "nd" | "rd" | "th");
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && is_ordinal {
            match (digits.len(), digits.parse::<i16>().ok()) {
                (4, Some(y)) if year.is_none() => year = Some(y),
                (1 | 2, Some(d)) if day.is_none() && (1..=31).contains(&d) => day = Some(d as i8),
                _ => {}
            }
        } else if month.is_none()
            && lower.len() >= 3
            && lower.bytes().all(|b| b.is_ascii_alphabetic())
        {
            month = MONTHS
                .iter()
                .position(|m| m.starts_with(&lower))
                .map(|i| i as i8 + 1);
        }
    }
    Date::new(year?, month?, day?).ok()
}

/// A resolver's answer for one toponym.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Resolved {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// GeoNames id, when the resolver's gazetteer is GeoNames.
    pub geonameid: Option<u64>,
}

/// Resolves a toponym whose span is given to a point.
pub trait ToponymResolver {
    /// Where the toponym at `span` of `doc_text` is, or `None` when the
    /// resolver cannot tell. `published` is the article's date, when known.
    fn resolve(&self, doc_text: &str, span: Span, published: Option<Date>) -> Option<Resolved>;
}

/// A document as the pipeline sees it: its date and text.
type DocKey = (Option<Date>, String);

/// A [`ToponymResolver`] backed by sitrep's pipeline: runs it over the whole
/// document (once per document, cached) and answers with the reported place
/// whose span overlaps the toponym most. It is what sitrep offers until a
/// gazetteer resolver can be asked about a given span directly.
pub struct PipelineResolver {
    pipeline: Pipeline,
    cache: RefCell<HashMap<DocKey, Vec<Place>>>,
    errors: Cell<usize>,
}

impl Default for PipelineResolver {
    fn default() -> PipelineResolver {
        PipelineResolver::new(Pipeline::default())
    }
}

impl PipelineResolver {
    /// A resolver running `pipeline`.
    pub fn new(pipeline: Pipeline) -> PipelineResolver {
        PipelineResolver {
            pipeline,
            cache: RefCell::new(HashMap::new()),
            errors: Cell::new(0),
        }
    }

    /// The places the pipeline reports for `text` (cached per document).
    pub fn places(&self, text: &str, published: Option<Date>) -> Vec<Place> {
        let key = (published, text.to_string());
        if let Some(hit) = self.cache.borrow().get(&key) {
            return hit.clone();
        }
        let options = Options {
            published,
            ..Options::default()
        };
        let places = match self.pipeline.extract(text.as_bytes(), &options) {
            Ok(report) => report.places,
            Err(_) => {
                self.errors.set(self.errors.get() + 1);
                Vec::new()
            }
        };
        self.cache.borrow_mut().insert(key, places.clone());
        places
    }

    /// Documents the pipeline could not extract (reported as no places).
    pub fn extract_errors(&self) -> usize {
        self.errors.get()
    }
}

impl ToponymResolver for PipelineResolver {
    fn resolve(&self, doc_text: &str, span: Span, published: Option<Date>) -> Option<Resolved> {
        let places = self.places(doc_text, published);
        places
            .iter()
            .filter(|p| overlap(span, Span::new(p.start, p.end)) > 0)
            .max_by_key(|p| overlap(span, Span::new(p.start, p.end)))
            .map(|p| Resolved {
                lat: p.lat,
                lon: p.lon,
                geonameid: p.geonameid,
            })
    }
}

/// A document's recognised mentions and the index of its dateline's.
type Recognised = (Vec<sitrep_gazetteer::Mention>, Option<usize>);

/// A [`ToponymResolver`] backed by the gazetteer's resolution: the given
/// span becomes a mention (replacing any recognised mention it overlaps)
/// and is resolved together with the other places sitrep recognises in the
/// document, so that they give it context. Recognition runs once per
/// document (cached).
#[derive(Default)]
pub struct GazetteerResolver {
    cache: RefCell<HashMap<String, Recognised>>,
}

impl GazetteerResolver {
    /// A resolver over the embedded gazetteer.
    pub fn new() -> GazetteerResolver {
        GazetteerResolver::default()
    }

    fn mentions(&self, text: &str) -> Recognised {
        if let Some(hit) = self.cache.borrow().get(text) {
            return hit.clone();
        }
        let g = sitrep_gazetteer::Gazetteer::embedded();
        let found = match sitrep_extract::Document::parse(text.as_bytes()) {
            Ok(doc) => sitrep_extract::stages::places::mentions(g, &doc),
            Err(_) => (Vec::new(), None),
        };
        self.cache
            .borrow_mut()
            .insert(text.to_string(), found.clone());
        found
    }
}

impl GazetteerResolver {
    /// The resolution of the toponym at `span` (with its explanation when
    /// `explain`), as [`ToponymResolver::resolve`] makes it.
    pub fn resolution(
        &self,
        doc_text: &str,
        span: Span,
        explain: bool,
    ) -> Option<sitrep_gazetteer::Resolution> {
        let g = sitrep_gazetteer::Gazetteer::embedded();
        let (mentions, dateline) = self.mentions(doc_text);
        let phrase = doc_text.get(span.start..span.end)?;
        // The sentence of a recognised mention in the same line, if any.
        let sentence = mentions
            .iter()
            .filter(|m| m.span.end <= span.start)
            .filter(|m| {
                doc_text
                    .get(m.span.end..span.start)
                    .is_some_and(|gap| !gap.contains(['.', '\n']))
            })
            .map(|m| m.sentence)
            .next_back()
            .unwrap_or(usize::MAX);
        let given = sitrep_gazetteer::Mention::given(g, span, phrase, sentence);
        let mut all: Vec<sitrep_gazetteer::Mention> = Vec::with_capacity(mentions.len() + 1);
        let mut at = 0;
        let mut date_at = None;
        for (i, m) in mentions.into_iter().enumerate() {
            if overlap(m.span, span) > 0 {
                continue;
            }
            if Some(i) == dateline {
                date_at = Some(all.len());
            }
            if m.span.start < span.start {
                at = all.len() + 1;
            }
            all.push(m);
        }
        all.insert(at, given);
        let date_at = date_at.map(|d| if d >= at { d + 1 } else { d });
        let mut rs = if explain {
            g.resolve_explained(&all, date_at)
        } else {
            g.resolve(&all, date_at)
        };
        rs.swap_remove(at)
    }
}

impl ToponymResolver for GazetteerResolver {
    fn resolve(&self, doc_text: &str, span: Span, _published: Option<Date>) -> Option<Resolved> {
        let g = sitrep_gazetteer::Gazetteer::embedded();
        let r = self.resolution(doc_text, span, false)?;
        let p = g.place(r.place);
        let (lat, lon) = sitrep_gazetteer::point(&p);
        Some(Resolved {
            lat: f64::from(lat),
            lon: f64::from(lon),
            geonameid: (p.id < sitrep_gazetteer::POSTAL_ID_BASE).then_some(u64::from(p.id)),
        })
    }
}

/// Bytes two spans share.
pub fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Scores `resolver` on every resolvable gold toponym, spans given.
pub fn evaluate_resolution(data: &GeoDataset, resolver: &dyn ToponymResolver) -> DistanceScores {
    let mut tally = DistanceTally::default();
    for doc in &data.docs {
        for t in &doc.toponyms {
            let Some(gold) = t.point else { continue };
            let answer = resolver
                .resolve(&doc.text, t.span, doc.published)
                .map(|r| ((r.lat, r.lon), r.geonameid));
            tally.add((gold.lat, gold.lon), t.geonameid, answer);
        }
    }
    tally.finish()
}

/// End-to-end scores: recognition, and resolution over what was recognised.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EndToEnd {
    /// Places reported in all documents.
    pub predicted: usize,
    /// Places ignored because they overlap only gold toponyms without
    /// coordinates.
    pub ignored: usize,
    /// Recognition against resolvable gold toponyms.
    pub recognition: Prf,
    /// Distance scores over the matched pairs.
    pub resolution: DistanceScores,
}

/// Matches each document's reported places (from `places`) to its
/// resolvable gold toponyms; see the module doc for the rules.
pub fn evaluate_end_to_end(
    data: &GeoDataset,
    mut places: impl FnMut(&GeoDoc) -> Vec<Place>,
) -> EndToEnd {
    let (mut tp, mut fp, mut ignored, mut predicted) = (0, 0, 0, 0);
    let mut tally = DistanceTally::default();
    let mut gold_total = 0;
    for doc in &data.docs {
        let mut found = places(doc);
        found.sort_by_key(|p| (p.start, p.end));
        predicted += found.len();
        gold_total += doc.toponyms.iter().filter(|t| t.point.is_some()).count();
        // Every (place, resolvable toponym) pair that overlaps, largest
        // overlap first; ties in document order.
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
        for (i, place) in found.iter().enumerate() {
            let ps = Span::new(place.start, place.end);
            for (j, t) in doc.toponyms.iter().enumerate() {
                let o = overlap(ps, t.span);
                if o > 0 && t.point.is_some() {
                    pairs.push((o, i, j));
                }
            }
        }
        pairs.sort_by_key(|&(o, i, j)| (std::cmp::Reverse(o), i, j));
        let mut place_matched = vec![false; found.len()];
        let mut gold_matched = vec![false; doc.toponyms.len()];
        for (_, i, j) in pairs {
            if place_matched[i] || gold_matched[j] {
                continue;
            }
            place_matched[i] = true;
            gold_matched[j] = true;
            tp += 1;
            let (place, t) = (&found[i], &doc.toponyms[j]);
            let gold = t.point.expect("paired on point");
            let answer = ((place.lat, place.lon), place.geonameid);
            tally.add((gold.lat, gold.lon), t.geonameid, Some(answer));
        }
        for (place, _) in found.iter().zip(&place_matched).filter(|(_, m)| !**m) {
            let ps = Span::new(place.start, place.end);
            let on_unresolvable = doc
                .toponyms
                .iter()
                .any(|t| t.point.is_none() && overlap(ps, t.span) > 0);
            if on_unresolvable {
                ignored += 1;
            } else {
                fp += 1;
            }
        }
    }
    EndToEnd {
        predicted,
        ignored,
        recognition: Prf::new(tp, fp, gold_total - tp),
        resolution: tally.finish(),
    }
}

/// What a geoparsing benchmark measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GeoOutcome {
    /// Which corpus.
    pub corpus: GeoCorpus,
    /// The half scored, or `None` for the whole corpus.
    pub half: Option<Half>,
    /// Articles.
    pub documents: usize,
    /// `<toponym>` elements in the file.
    pub annotations: usize,
    /// Gold toponyms kept.
    pub toponyms: usize,
    /// Of those, with coordinates (scored).
    pub resolvable: usize,
    /// Of those, with a GeoNames id.
    pub with_geonameid: usize,
    /// How the gold offsets were located.
    pub offsets: OffsetStats,
    /// Resolution with gold spans, by [`GazetteerResolver`].
    pub resolution: DistanceScores,
    /// Recognition and resolution of the pipeline's own places.
    pub end_to_end: EndToEnd,
    /// Documents the pipeline could not extract.
    pub extract_errors: usize,
}

/// Runs both evaluations: gold spans resolved by [`GazetteerResolver`],
/// end to end with sitrep's standard pipeline.
pub fn evaluate(data: &GeoDataset) -> GeoOutcome {
    evaluate_spans_with(
        data,
        &PipelineResolver::default(),
        &GazetteerResolver::new(),
    )
}

/// Runs both evaluations with the pipeline of `resolver`.
pub fn evaluate_with(data: &GeoDataset, resolver: &PipelineResolver) -> GeoOutcome {
    evaluate_spans_with(data, resolver, resolver)
}

/// Runs both evaluations: gold spans resolved by `spans`, end to end with
/// the pipeline of `resolver`.
pub fn evaluate_spans_with(
    data: &GeoDataset,
    resolver: &PipelineResolver,
    spans: &dyn ToponymResolver,
) -> GeoOutcome {
    let resolution = evaluate_resolution(data, spans);
    let end_to_end = evaluate_end_to_end(data, |d| resolver.places(&d.text, d.published));
    GeoOutcome {
        corpus: data.corpus,
        half: None,
        documents: data.docs.len(),
        annotations: data.annotations,
        toponyms: data.toponyms(),
        resolvable: data.resolvable(),
        with_geonameid: data.with_geonameid(),
        offsets: data.offsets,
        resolution,
        end_to_end,
        extract_errors: resolver.extract_errors(),
    }
}

#[cfg(test)]
mod tests {
    use super::{
        evaluate_end_to_end, evaluate_resolution, overlap, parse, GeoCorpus, Resolved,
        ToponymResolver,
    };
    use jiff::civil::Date;
    use sitrep_extract::report::{Feature, Place};
    use sitrep_text::Span;

    // Written for these tests in the TR-News / LGL schema. The second
    // toponym's offsets are 2 characters late, as TR-News's drifted ones are;
    // the third has no gaztag.
    const LGL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="7">
    <title>Shelling near Kupiansk</title>
    <dltime>2024-03-12 08:00:00.1-05</dltime>
    <text><![CDATA[Shelling hit Kupiansk; Kharkiv’s governor said Oak Street was hit.]]></text>
    <toponyms count="3">
      <toponym><start>13</start><end>21</end><phrase>Kupiansk</phrase>
        <gaztag geonameid="704422"><name>Kupjansk</name><fclass>P</fclass><fcode>PPLA2</fcode>
          <lat>49.71055</lat><lon>37.61517</lon></gaztag></toponym>
      <toponym><start>25</start><end>32</end><phrase>Kharkiv</phrase>
        <gaztag geonameid="706483"><fcode>PPLA</fcode><lat>49.98081</lat><lon>36.25272</lon></gaztag></toponym>
      <toponym><start>47</start><end>57</end><phrase>Oak Street</phrase></toponym>
    </toponyms>
  </article>
</articles>"#;

    // GeoWebNews schema: a literal with id, a demonym without coordinates,
    // and an expression that is not a toponym.
    const GWN: &str = r#"<?xml version="1.0" ?>
<articles>
  <article file="0">
    <title>Talks</title>
    <link>http://example.invalid/</link>
    <text>Ukrainian officials met in Zürich &amp; Kyiv.</text>
    <toponyms>
      <toponym><extractedName>Ukrainian</extractedName><normalisedName/><type>Demonym</type>
        <modifierType>Adjective</modifierType><nonLocational>No</nonLocational>
        <start>0</start><end>9</end><geonamesID/></toponym>
      <toponym><extractedName>officials</extractedName><normalisedName/><type>Non_Lit_Expression</type>
        <modifierType/><nonLocational>Yes</nonLocational><start>10</start><end>19</end></toponym>
      <toponym><extractedName>Zürich</extractedName><normalisedName>Zürich</normalisedName><type>Literal</type>
        <modifierType/><nonLocational>No</nonLocational><start>27</start><end>33</end>
        <geonamesID>2657896</geonamesID><latitude>47.36667</latitude><longitude>8.55</longitude></toponym>
      <toponym><extractedName>US</extractedName><normalisedName/><type>Non_Literal_Modifier</type>
        <modifierType>Noun</modifierType><nonLocational>No</nonLocational><start>-9</start><end>-7</end>
        <geonamesID>6252001</geonamesID><latitude>39.76</latitude><longitude>-98.5</longitude></toponym>
      <toponym><extractedName>Kyiv</extractedName><normalisedName/><type>Literal</type>
        <modifierType/><nonLocational>No</nonLocational><start>36</start><end>40</end>
        <geonamesID/><latitude>50.45466</latitude><longitude>30.5238</longitude></toponym>
    </toponyms>
  </article>
</articles>"#;

    #[test]
    fn lgl_schema_loads_with_byte_spans_and_repairs() {
        let data = parse(GeoCorpus::Lgl, LGL).unwrap();
        assert_eq!(
            (data.docs.len(), data.annotations, data.toponyms()),
            (1, 3, 3)
        );
        assert_eq!((data.resolvable(), data.with_geonameid()), (2, 2));
        assert_eq!((data.offsets.exact, data.offsets.repaired), (2, 1));
        let doc = &data.docs[0];
        assert_eq!(doc.published, Some(Date::constant(2024, 3, 12)));
        for t in &doc.toponyms {
            assert_eq!(t.span.slice(&doc.text), t.phrase);
        }
        // "Kharkiv" starts at char 23 = byte 23; "’" makes later bytes drift.
        assert_eq!(doc.toponyms[1].span, Span::new(23, 30));
        // Char 47 is byte 49: "’" takes three bytes.
        assert_eq!(doc.toponyms[2].span, Span::new(49, 59));
        assert_eq!(doc.toponyms[0].class.as_deref(), Some("PPLA2"));
        assert_eq!(doc.toponyms[2].point, None);
    }

    #[test]
    fn gwn_schema_keeps_toponyms_and_decodes_entities() {
        let data = parse(GeoCorpus::GeoWebNews, GWN).unwrap();
        assert_eq!(data.annotations, 5);
        assert_eq!(
            data.toponyms(),
            3,
            "the expression and the negative offset are left out"
        );
        assert_eq!(data.offsets.total(), 5);
        assert_eq!((data.offsets.mismatches(), data.offsets.dropped), (1, 1));
        let doc = &data.docs[0];
        assert_eq!(doc.text, "Ukrainian officials met in Zürich & Kyiv.");
        assert_eq!(doc.toponyms[1].span.slice(&doc.text), "Zürich");
        assert_eq!(doc.toponyms[2].span.slice(&doc.text), "Kyiv");
        assert_eq!(doc.toponyms[1].geonameid, Some(2657896));
        assert_eq!(doc.toponyms[2].geonameid, None);
        assert_eq!(doc.toponyms[0].class.as_deref(), Some("Demonym"));
        assert_eq!((data.resolvable(), data.with_geonameid()), (2, 1));
    }

    #[test]
    fn malformed_xml_is_a_format_error() {
        let err = parse(GeoCorpus::Lgl, "<articles><article>").unwrap_err();
        assert!(err.to_string().contains("LGL"), "{err}");
    }

    struct Fixed(Vec<(usize, Resolved)>);
    impl ToponymResolver for Fixed {
        fn resolve(&self, _: &str, span: Span, _: Option<Date>) -> Option<Resolved> {
            self.0
                .iter()
                .find(|(s, _)| *s == span.start)
                .map(|(_, r)| *r)
        }
    }

    fn place(start: usize, end: usize, lat: f64, lon: f64, id: Option<u64>) -> Place {
        Place {
            start,
            end,
            text: String::new(),
            name: String::new(),
            geonameid: id,
            lat,
            lon,
            country: None,
            admin1: None,
            feature: Feature::PopulatedPlace,
            feature_code: None,
            direction: None,
        }
    }

    #[test]
    fn resolution_scores_with_gold_spans() {
        let data = parse(GeoCorpus::Lgl, LGL).unwrap();
        let exact = Resolved {
            lat: 49.71055,
            lon: 37.61517,
            geonameid: Some(704422),
        };
        // Kharkiv answered ~100 km off, with the wrong id.
        let off = Resolved {
            lat: 49.98081,
            lon: 37.65,
            geonameid: Some(1),
        };
        let s = evaluate_resolution(&data, &Fixed(vec![(13, exact), (23, off)]));
        assert_eq!((s.scored, s.answered), (2, 2));
        assert_eq!((s.exact_id.hits, s.exact_id.total), (1, 2));
        assert_eq!((s.acc_25km.hits, s.acc_161km.hits), (1, 2));
        let none = evaluate_resolution(&data, &Fixed(vec![]));
        assert_eq!((none.answered, none.acc_161km.hits), (0, 0));
    }

    #[test]
    fn end_to_end_matches_by_overlap() {
        let data = parse(GeoCorpus::Lgl, LGL).unwrap();
        let e = evaluate_end_to_end(&data, |_| {
            vec![
                place(13, 21, 49.7, 37.6, Some(704422)), // Kupiansk: TP
                place(13, 17, 49.7, 37.6, None),         // again: FP
                place(23, 34, 50.45, 30.52, None),       // "Kharkiv’s": TP, ~410 km off
                place(52, 62, 0.0, 0.0, None),           // inside "Oak Street": ignored
                place(0, 8, 0.0, 0.0, None),             // "Shelling": FP
            ]
        });
        assert_eq!(e.predicted, 5);
        assert_eq!(e.ignored, 1);
        assert_eq!(
            (e.recognition.tp, e.recognition.fp, e.recognition.r#fn),
            (2, 2, 0)
        );
        assert_eq!(e.resolution.scored, 2);
        assert_eq!(e.resolution.acc_161km.hits, 1);
        assert_eq!(e.resolution.exact_id.hits, 1);
        let empty = evaluate_end_to_end(&data, |_| Vec::new());
        assert_eq!(empty.recognition.r#fn, 2);
        assert_eq!(empty.recognition.f1, 0.0);
    }

    /// A places stage that knows one town, to check the adapter against
    /// the real pipeline API.
    struct Kharkiv(std::sync::Arc<std::sync::atomic::AtomicUsize>);
    impl sitrep_extract::Stage for Kharkiv {
        fn name(&self) -> &'static str {
            "kharkiv"
        }
        fn run(&self, doc: &sitrep_extract::Document<'_>, found: &mut sitrep_extract::Findings) {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            for (at, _) in doc.text.match_indices("Kharkiv") {
                found
                    .places
                    .push(place(at, at + 7, 49.98081, 36.25272, Some(706483)));
            }
        }
    }

    #[test]
    fn pipeline_resolver_answers_from_reported_places_once_per_document() {
        let runs = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let pipeline = sitrep_extract::Pipeline::new(vec![Box::new(Kharkiv(runs.clone()))]);
        let resolver = super::PipelineResolver::new(pipeline);
        let data = parse(GeoCorpus::Lgl, LGL).unwrap();
        let out = super::evaluate_with(&data, &resolver);
        assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 1, "cached");
        assert_eq!(
            (out.resolution.answered, out.resolution.exact_id.hits),
            (1, 1)
        );
        assert_eq!(out.resolution.acc_25km.hits, 1);
        assert_eq!(
            (
                out.end_to_end.recognition.tp,
                out.end_to_end.recognition.r#fn
            ),
            (1, 1)
        );
        assert_eq!(out.end_to_end.resolution.acc_25km.hits, 1);
        assert_eq!(
            (out.documents, out.resolvable, out.extract_errors),
            (1, 2, 0)
        );
    }

    #[test]
    fn download_dates_in_many_styles() {
        let d = |s: &str| super::date_prefix(s);
        let dec19 = Some(Date::constant(2016, 12, 19));
        assert_eq!(
            d("2009-03-20 12:24:52.002364-05"),
            Some(Date::constant(2009, 3, 20))
        );
        assert_eq!(d("2016-12-19"), dec19);
        assert_eq!(d("2016-12-19 10:31 ET"), dec19);
        assert_eq!(d("Dec 19, 2016 9:08 AM ET"), dec19);
        assert_eq!(d("19 December 2016 GMT"), dec19);
        assert_eq!(d("DEC. 19, 2016, 9:08 AM EST"), dec19);
        assert_eq!(d("9:20 PM ET, Mon December 19, 2016"), dec19);
        assert_eq!(d("Mon Dec 19, 2016 | 9:08pm EST"), dec19);
        assert_eq!(d("December 19th 2016"), dec19);
        assert_eq!(d("2016 Dec 19"), dec19);
        assert_eq!(d("12/19/2016"), dec19);
        assert_eq!(
            d("APRIL 19, 2016 - 10:31AM EDT"),
            Some(Date::constant(2016, 4, 19))
        );
        assert_eq!(d(""), None);
        assert_eq!(d("December 2016"), None, "no day");
    }

    #[test]
    fn halves_by_id_hash() {
        use super::Half;
        // FNV-1a of "" is the offset basis, odd; of "a" 0xaf63dc4c8601ec8c, even.
        assert_eq!(Half::of(""), Half::Report);
        assert_eq!(Half::of("a"), Half::Analysis);
        // Numbered items (CASE 2021 snippets) split by parity.
        assert_eq!(Half::of_number(4), Half::Analysis);
        assert_eq!(Half::of_number(7), Half::Report);
        assert_eq!("analysis".parse::<Half>(), Ok(Half::Analysis));
        assert!("both".parse::<Half>().is_err());
        let data = parse(GeoCorpus::Lgl, LGL).unwrap();
        let (a, r) = (data.half(Half::Analysis), data.half(Half::Report));
        assert_eq!(a.docs.len() + r.docs.len(), data.docs.len());
    }

    #[test]
    fn overlap_counts_shared_bytes() {
        assert_eq!(overlap(Span::new(0, 5), Span::new(3, 9)), 2);
        assert_eq!(overlap(Span::new(0, 5), Span::new(5, 9)), 0);
        assert_eq!(overlap(Span::new(4, 5), Span::new(0, 9)), 1);
    }
}
