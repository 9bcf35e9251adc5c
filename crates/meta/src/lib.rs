//! Article metadata read from the text alone: title, published date, byline,
//! outlet, photo credits, agency notes, dateline, language, and the role of
//! every block of the page (title, byline, date, caption, furniture, body…).
//!
//! [`read`] takes an article's text and its [`Segmentation`] and returns
//! [`Metadata`]; every field is a [`Span`] into the text, so a report can
//! point at the exact bytes each value came from.
//!
//! How it reads, in one paragraph: the page is read line by line, not block
//! by block, so the result does not depend on how the segmenter split it.
//! Titles, dates and bylines come from the *header* (the first ~15 lines and
//! ~1,500 bytes); the last few lines may add a labelled date ("Published
//! …"), a closing byline, a source line and the agency note ("(cs with
//! agencies)"); blocks in between are only given roles, by looking at the
//! short ones. Language identification looks at ≤ 2 KB of body text. So the
//! cost of [`read`] hardly grows with the article's length.
//!
//! The phrase lists (outlets, furniture, months, date labels, byline words,
//! credit markers, agency phrases) are data files in `crates/meta/data/`,
//! one entry per line, compiled in.
//!
//! ```
//! use sitrep_meta::{read, BlockRole};
//! use sitrep_text::segment;
//!
//! let text = "Drones strike fuel depot near the border\n\n\
//!             By Mira Castell | Reuters\n\n\
//!             Published: 15 March 2024\n\n\
//!             KHARKIV, Ukraine (Reuters) - Russian drones set a fuel depot on fire overnight, \
//!             the regional governor said on Friday.\n\n\
//!             Smoke hangs over the city. Photo: Ivan Hrytsenko/AFP\n\n\
//!             The fire was put out by morning. (with agencies)";
//! let seg = segment(text);
//! let meta = read(text, &seg);
//!
//! assert_eq!(meta.title.unwrap().slice(text), "Drones strike fuel depot near the border");
//! assert_eq!(meta.byline.unwrap().slice(text), "Mira Castell");
//! assert_eq!(meta.outlet.unwrap().slice(text), "Reuters");
//! assert_eq!(meta.published.unwrap().date, jiff::civil::date(2024, 3, 15));
//! assert_eq!(meta.dateline.unwrap().place.slice(text), "KHARKIV");
//! assert_eq!(meta.credits[0].slice(text), "Ivan Hrytsenko/AFP");
//! assert_eq!(meta.agency_notes[0].slice(text), "with agencies");
//! assert_eq!(meta.language, Some("en"));
//! assert_eq!(
//!     meta.block_roles,
//!     [BlockRole::Title, BlockRole::Byline, BlockRole::Date, BlockRole::Body, BlockRole::Caption, BlockRole::Body]
//! );
//! ```
#![deny(missing_docs)]

mod byline;
mod credit;
mod date;
mod fields;
mod furniture;
mod language;
mod layout;
mod lexicon;
mod outlet;
mod scan;

pub use language::{iso_639_1, language_of};

use layout::{Facts, Origin};
use sitrep_text::dateline::{self, Dateline};
use sitrep_text::{Segmentation, Span};

/// Bytes of body text language identification looks at.
const LANGUAGE_SAMPLE: usize = 2048;
/// Body blocks searched for a dateline.
const DATELINE_BLOCKS: usize = 2;

/// What a block of the page is, for the stages that read body text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockRole {
    /// The headline.
    Title,
    /// A line naming the author(s).
    Byline,
    /// A line giving the publication or update date.
    Date,
    /// A photo caption, possibly with its credit.
    Caption,
    /// A credit line on its own ("Photo: Name/dpa").
    Credit,
    /// Navigation, sharing and other page furniture ("Home page politics",
    /// "Share", "Read more").
    Furniture,
    /// A subheading inside the article.
    Heading,
    /// An agency note ("(cs with agencies)", "— Reuters").
    AgencyNote,
    /// Article text.
    Body,
}

/// Which date a date line gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// Marked as the publication date, or the only date of the header.
    Published,
    /// Marked as an update.
    Updated,
}

/// The article's date as read from the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublishedDate {
    /// The calendar date.
    pub date: jiff::civil::Date,
    /// Where it was read from: the date expression itself ("15 March 2024",
    /// "Fri March 15, 2024", "2024-03-15T07:41:00Z").
    pub span: Span,
    /// Whether it was marked as published or updated.
    pub kind: DateKind,
}

/// Article metadata, every field with the span it was read from.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// The headline.
    pub title: Option<Span>,
    /// The publication date (preferred over an update date).
    pub published: Option<PublishedDate>,
    /// The update date, when the page gives one.
    pub updated: Option<PublishedDate>,
    /// The author name(s), e.g. "X and Y" in "By X and Y | Outlet".
    pub byline: Option<Span>,
    /// Pieces inside the byline's span that are not names: the places and
    /// roles between several authors ("in Kharkiv" in "Anna Roe in Kharkiv
    /// and Tom Bell"). [`Metadata::byline_text`] leaves them out.
    pub byline_omitted: Vec<Span>,
    /// The outlet, when the page names it: in the byline, a source line
    /// ("Source: Ukrinform"), a masthead line, a copyright notice, or the
    /// agency of a wire dateline ("KYIV (AP) —"), in that order of trust.
    pub outlet: Option<Span>,
    /// Photo and agency credits ("Sergey Bobok/AFP").
    pub credits: Vec<Span>,
    /// Agency notes ("(cs with agencies)", "(AFP)", "— Reuters").
    pub agency_notes: Vec<Span>,
    /// The dateline of the first body paragraph.
    pub dateline: Option<Dateline>,
    /// ISO 639-1 code of the article's language, when identifiable.
    pub language: Option<&'static str>,
    /// One role per block of the segmentation, in order.
    pub block_roles: Vec<BlockRole>,
}

impl Metadata {
    /// The author names as the report gives them: the byline's text without
    /// the places and roles between names ("Anna Roe and Tom Bell" from "By
    /// Anna Roe in Kharkiv and Tom Bell in London"). `text` is the text the
    /// metadata was read from; `None` without a byline or when the span does
    /// not fit `text`.
    pub fn byline_text(&self, text: &str) -> Option<String> {
        let span = self.byline?;
        let mut out = String::new();
        let mut at = span.start;
        for gap in &self.byline_omitted {
            out.push_str(text.get(at..gap.start)?);
            at = gap.end;
        }
        out.push_str(text.get(at..span.end)?);
        Some(out)
    }
}

/// Reads the metadata of an article from its text and segmentation.
///
/// `seg` should be the segmentation of `text`; blocks whose spans do not fit
/// `text` are taken as body text. Never panics.
pub fn read(text: &str, seg: &Segmentation) -> Metadata {
    let mut facts = Facts::default();
    let header = layout::read_header(text, &mut facts);
    layout::read_footer(text, header.end, &mut facts);
    let block_roles = layout::block_roles(text, seg, &header, &mut facts);

    let dateline = find_dateline(text, seg, &block_roles, &header);
    if let Some(d) = dateline {
        let head = d.span.slice(text);
        let found = date::find(head, d.span.start);
        if found.is_empty() {
            // "KHARTOUM, Nov 6 (Reuters)": the year comes from a full date
            // elsewhere on the page (an update line, the footer).
            let reference = facts
                .dates
                .iter()
                .min_by_key(|(o, _)| *o)
                .map(|(_, f)| f.date);
            if let (Some((r, month, day)), Some(reference)) = (date::month_day(head), reference) {
                if let Some(date) = date::with_year_of(month, day, reference) {
                    let span = Span::new(d.span.start + r.start, d.span.start + r.end);
                    let kind = None;
                    facts
                        .dates
                        .push((Origin::Dateline, date::Found { span, date, kind }));
                }
            }
        }
        facts
            .dates
            .extend(found.into_iter().map(|f| (Origin::Dateline, f)));
        if let Some(agency) = d.agency {
            if let Some(r) = outlet::is_outlet(agency.slice(text)) {
                facts.offer_outlet(
                    layout::rank::DATELINE,
                    Span::new(agency.start + r.start, agency.start + r.end),
                );
            }
        }
    }

    let pick = |kind: DateKind| {
        facts
            .dates
            .iter()
            .filter(|(_, f)| f.kind.unwrap_or(DateKind::Published) == kind)
            // A date labelled as such anywhere beats an unlabelled one.
            .min_by_key(|(origin, f)| (f.kind.is_none(), *origin))
            .map(|(_, f)| PublishedDate {
                date: f.date,
                span: f.span,
                kind,
            })
    };
    let updated = pick(DateKind::Updated);
    let published = pick(DateKind::Published).or(updated);

    let mut credits = facts.credits;
    credits.sort();
    credits.dedup();
    let mut agency_notes = facts.notes;
    agency_notes.sort();
    agency_notes.dedup();

    let byline = facts.byline.or(facts.closing_byline);
    Metadata {
        title: header.title,
        published,
        updated,
        byline,
        byline_omitted: byline.map_or_else(Vec::new, |b| byline::between_names(text, b)),
        outlet: facts.outlet.map(|(_, span)| span),
        credits,
        agency_notes,
        dateline,
        language: body_language(text, seg, &block_roles),
        block_roles,
    }
}

/// The dateline opening one of the first body blocks. In a block that begins
/// in the header, the search starts at its first body line.
fn find_dateline(
    text: &str,
    seg: &Segmentation,
    roles: &[BlockRole],
    header: &layout::Header,
) -> Option<Dateline> {
    let mut tried = 0;
    for (block, &role) in seg.blocks.iter().zip(roles) {
        if role != BlockRole::Body || text.get(block.span.range()).is_none() {
            continue;
        }
        let start = header
            .lines
            .iter()
            .find(|(line, r)| {
                *r == BlockRole::Body
                    && block.span.start <= line.start
                    && line.start < block.span.end
            })
            .map_or(block.span.start, |(line, _)| line.start);
        if let Some(d) = dateline::find(text, Span::new(start, block.span.end)) {
            return Some(d);
        }
        tried += 1;
        if tried == DATELINE_BLOCKS {
            break;
        }
    }
    None
}

/// The language of up to [`LANGUAGE_SAMPLE`] bytes of body text (of the
/// text's start when it has no body blocks).
fn body_language(text: &str, seg: &Segmentation, roles: &[BlockRole]) -> Option<&'static str> {
    let mut sample = String::new();
    for (block, &role) in seg.blocks.iter().zip(roles) {
        let room = LANGUAGE_SAMPLE.saturating_sub(sample.len());
        if room < 16 {
            break;
        }
        if role != BlockRole::Body {
            continue;
        }
        if let Some(body) = text.get(block.span.range()) {
            if sample.is_empty() && body.len() >= LANGUAGE_SAMPLE {
                return language_of(&body[..scan::floor_boundary(body, LANGUAGE_SAMPLE)]);
            }
            sample.push_str(&body[..scan::floor_boundary(body, room)]);
            sample.push('\n');
        }
    }
    if scan::count_letters(&sample, 40) < 40 {
        let head = &text[..scan::floor_boundary(text, LANGUAGE_SAMPLE)];
        if scan::count_letters(head, 40) > scan::count_letters(&sample, 40) {
            return language_of(head);
        }
    }
    language_of(&sample)
}
