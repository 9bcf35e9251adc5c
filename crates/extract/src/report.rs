//! The article report: the JSON document of the contract (`sitrep/1`).
//!
//! Fields named in the contract keep their names and meaning; fields added
//! by sitrep (marked "extension" below) are optional extras.

use crate::{Document, Findings, Options};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sitrep_text::Span;

/// The value of the report's `schema` field.
pub const SCHEMA: &str = "sitrep/1";

/// Text covered by a span, with the span: `input[start..end] == text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The covered text.
    pub text: String,
}

impl Evidence {
    /// The evidence for `span` of the document.
    pub fn of(doc: &Document<'_>, span: Span) -> Evidence {
        Evidence {
            start: span.start,
            end: span.end,
            text: doc.slice(span).to_string(),
        }
    }
}

/// One article's report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// What the article is.
    pub article: Article,
    /// Places mentioned, resolved to coordinates.
    pub places: Vec<Place>,
    /// Actor mentions.
    pub actors: Vec<Actor>,
    /// Events.
    pub events: Vec<Event>,
    /// Attributed statements.
    pub claims: Vec<Claim>,
    /// Claims that disagree.
    pub contradictions: Vec<Contradiction>,
}

/// Article metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// SHA-256 of the input bytes, lower-case hex.
    pub id: String,
    /// The input path, or null for stdin.
    pub path: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Author name(s).
    pub byline: Option<String>,
    /// The outlet, when named.
    pub outlet: Option<String>,
    /// Photo and agency credits.
    pub credits: Vec<String>,
    /// ISO 639-1 language code (`und` when it cannot be told).
    pub language: String,
    /// Extension: the input's encoding (WHATWG name). When it is not UTF-8,
    /// offsets index the UTF-8 transcoding given by `text`.
    pub encoding: String,
    /// Extension: agency notes ("cs with agencies", "AFP").
    #[serde(default)]
    pub agency_notes: Vec<String>,
    /// Extension: where each metadata field was read from.
    #[serde(default)]
    pub spans: ArticleSpans,
    /// Extension: the decoded text, with `--include-text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Extension: the spans metadata fields were read from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleSpans {
    /// The headline.
    pub title: Option<Evidence>,
    /// The date line the date was read from (null when it came from
    /// `--published`).
    pub published: Option<Evidence>,
    /// The author name(s).
    pub byline: Option<Evidence>,
    /// The outlet.
    pub outlet: Option<Evidence>,
    /// Each credit.
    pub credits: Vec<Evidence>,
    /// Each agency note.
    pub agency_notes: Vec<Evidence>,
    /// The dateline ("KHARKIV, Ukraine (AP) —").
    pub dateline: Option<Evidence>,
    /// The place the dateline names, for the places stage.
    pub dateline_place: Option<Evidence>,
}

/// The kind of a place, per the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// A country.
    Country,
    /// A first-level division (oblast, province, state).
    Admin1,
    /// A second-level division (raion, district).
    Admin2,
    /// A city, town or village.
    PopulatedPlace,
    /// A region not in the administrative tree ("northern Ukraine").
    Region,
    /// Anything else.
    Other,
}

/// A place mention resolved to coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// First byte of the mention.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// The gazetteer's name.
    pub name: String,
    /// GeoNames id, when the place comes from GeoNames.
    pub geonameid: Option<u64>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// First-level division name.
    pub admin1: Option<String>,
    /// What kind of place.
    pub feature: Feature,
    /// Extension: the GeoNames feature code of a place that is not a
    /// settlement or division (a body of water: "SEA", "STRT", "STM" …);
    /// absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature_code: Option<String>,
    /// Extension: the part of the country or division meant — a compass
    /// direction ("north", "southwest"), "central" or "border" ("northern
    /// Ukraine", "the border areas of Kursk"); absent for the whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
}

/// The kind of an actor, per the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// Armed, police or security forces of a state.
    StateForces,
    /// A non-state armed group fighting a government.
    RebelGroup,
    /// A militia.
    Militia,
    /// A government or ministry.
    Government,
    /// An agency (intelligence, UN agency …).
    Agency,
    /// A party or political organisation.
    Political,
    /// Civilians.
    Civilians,
    /// A news outlet or agency.
    Media,
    /// A person.
    Person,
    /// Anything else.
    Other,
}

/// An actor mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// First byte of the mention.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// Canonical name.
    pub name: String,
    /// What kind of actor.
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Extension: the actor this mention refers to, shared by all mentions
    /// of one actor in the article (coreference), numbered from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<u32>,
    /// Extension: ACLED actor category ("State forces", "Rebel group" …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Extension: the role the text gives a person or spokesperson
    /// ("Governor", "militia member", "spokesperson").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Extension: the canonical name of the actor a person speaks or acts
    /// for, or the one an organisation belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
}

/// A reference to an actor from an event or claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// Canonical name.
    pub name: String,
    /// The mention as written.
    pub text: String,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The gazetteer's name.
    pub name: String,
    /// The mention as written.
    pub text: String,
    /// GeoNames id, when known.
    pub geonameid: Option<u64>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// First-level division name.
    pub admin1: Option<String>,
    /// ACLED geo_precision: 1 exact, 2 near, 3 region.
    pub precision: u8,
}

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateRange {
    /// First possible day, `YYYY-MM-DD`.
    pub start: String,
    /// Last possible day, `YYYY-MM-DD`.
    pub end: String,
    /// ACLED time_precision: 1 day, 2 week or range of days, 3 month or wider.
    pub precision: u8,
}

/// Whether an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// It happened.
    Occurred,
    /// It was tried and failed or was repelled.
    Attempted,
    /// It is planned or a stated goal.
    Planned,
    /// Someone denies it happened.
    Denied,
}

/// An ACLED-typed event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Id within the report ("e1").
    pub id: String,
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// The side that acts.
    pub actor1: Option<ActorRef>,
    /// The side acted upon.
    pub actor2: Option<ActorRef>,
    /// Actors acting with actor1 or actor2.
    pub assoc_actors: Vec<ActorRef>,
    /// Where.
    pub location: Option<Location>,
    /// When.
    pub date: Option<DateRange>,
    /// ACLED's conservative fatality count.
    pub fatalities: Option<u32>,
    /// Whether it happened.
    pub status: Status,
    /// Ids of the claims it was read from.
    pub claims: Vec<String>,
    /// The word or phrase that signals it.
    pub trigger: Evidence,
    /// The sentence(s) it was read from.
    pub evidence: Evidence,
    /// Extension: the PLOVER event type and mode ("ASSAULT/heavy-weapons").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// Extension: the weapon named for it ("drone", "artillery").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
}

/// A channel or claimant reference.
pub type Party = ActorRef;

/// Whether a claim asserts or denies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Asserts the statement.
    Asserts,
    /// Denies it.
    Denies,
}

/// An attributed statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Id within the report ("c1").
    pub id: String,
    /// Who asserts it; null when the article itself does.
    pub claimant: Option<Party>,
    /// The channels it reached the article through, outermost last.
    pub via: Vec<Party>,
    /// The reporting cue ("said", "according to").
    pub cue: String,
    /// Asserts or denies.
    pub stance: Stance,
    /// True when the article distances itself ("reportedly").
    pub hedged: bool,
    /// First byte of the statement.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The statement.
    pub text: String,
    /// Ids of the events it supports.
    pub events: Vec<String>,
    /// Extension: the kind of attribution when it is not speech — `belief`
    /// ("the minister fears that …"), `intention` ("the company wants to
    /// …") or `request` ("the agency called for …"); absent for things said,
    /// written, reported or denied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Extension: true for a claim read from the headline ("Airbus
    /// announces job cuts"); its span lies in the title. Headline claims
    /// come after the body's claims, link no events and take part in no
    /// contradiction (the body tells the same story in full). Absent when
    /// false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub headline: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Claims that disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    /// Event ids concerned.
    pub events: Vec<String>,
    /// Claim ids that disagree.
    pub claims: Vec<String>,
    /// What they disagree about: outcome, fatalities, actor, location, date.
    pub about: String,
    /// A short human-readable reason.
    pub note: String,
}

impl Report {
    /// Assembles the report of `doc` from the stages' findings.
    pub fn build(bytes: &[u8], doc: &Document<'_>, found: Findings, options: &Options) -> Report {
        let meta = &doc.metadata;
        let ev = |s: Span| Evidence::of(doc, s);
        let text_of = |s: Span| doc.slice(s).to_string();
        let published = meta
            .published
            .map(|p| p.date)
            .or(options.published)
            .map(|d| d.to_string());
        let article = Article {
            id: sha256_hex(bytes),
            path: options.path.clone(),
            title: meta.title.map(text_of),
            published,
            byline: meta.byline_text(&doc.text),
            outlet: meta.outlet.map(text_of),
            credits: meta.credits.iter().copied().map(text_of).collect(),
            language: meta.language.unwrap_or("und").to_string(),
            encoding: doc.encoding.to_string(),
            agency_notes: meta.agency_notes.iter().copied().map(text_of).collect(),
            spans: ArticleSpans {
                title: meta.title.map(ev),
                published: meta.published.map(|p| ev(p.span)),
                byline: meta.byline.map(ev),
                outlet: meta.outlet.map(ev),
                credits: meta.credits.iter().copied().map(ev).collect(),
                agency_notes: meta.agency_notes.iter().copied().map(ev).collect(),
                dateline: meta.dateline.map(|d| ev(d.span)),
                dateline_place: meta.dateline.map(|d| ev(d.place)),
            },
            text: options.include_text.then(|| doc.text.to_string()),
        };
        Report {
            schema: SCHEMA.to_string(),
            article,
            places: found.places,
            actors: found.actors,
            events: found.events,
            claims: found.claims,
            contradictions: found.contradictions,
        }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}
