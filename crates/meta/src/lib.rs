//! Article metadata read from the text alone.
//!
//! PLACEHOLDER API: [`read`] returns what the later stages need; the real
//! implementation fills it.
#![deny(missing_docs)]

use sitrep_text::dateline::Dateline;
use sitrep_text::{Segmentation, Span};

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
    /// Where it was read from.
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
    /// The author name(s), e.g. "X and Y" in "By X and Y | Outlet".
    pub byline: Option<Span>,
    /// The outlet, when the page names it.
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

/// Reads the metadata of an article from its text and segmentation.
pub fn read(text: &str, seg: &Segmentation) -> Metadata {
    let _ = text;
    Metadata {
        block_roles: vec![BlockRole::Body; seg.blocks.len()],
        ..Metadata::default()
    }
}
