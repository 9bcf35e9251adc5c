//! The sitrep extraction pipeline: an article's bytes in, a [`Report`] out.
//!
//! Extraction is a pure function: it does no IO and keeps no state between
//! articles, so it can run under any batch or distributed engine. The main
//! types:
//!
//! - [`Document`]: the decoded text with its segmentation, normalized view and
//!   metadata; built once per article, never modified.
//! - [`Stage`]: one step of the pipeline (places, actors, events, claims) that
//!   reads the document and adds its findings to [`Findings`].
//! - [`Pipeline`]: the stages in order; [`Pipeline::extract`] turns bytes into
//!   a [`Report`], the JSON document of the contract (`sitrep/1`).
//!
//! ```
//! use sitrep_extract::{Options, Pipeline};
//! let article = "Published: 12 February 2025\n\nBy Jane Roe\n\n\
//!                KHARKIV, Ukraine (AP) — Russian drones struck the city overnight.\n";
//! let report = Pipeline::default().extract(article.as_bytes(), &Options::default()).unwrap();
//! assert_eq!(report.article.published.as_deref(), Some("2025-02-12"));
//! let json = serde_json::to_value(&report).unwrap();
//! assert_eq!(json["schema"], "sitrep/1");
//! ```
#![deny(missing_docs)]

mod document;
mod pipeline;
pub mod report;
pub mod stages;

pub use document::{Document, ExtractError};
pub use pipeline::{Findings, Options, Pipeline, Stage};
pub use report::Report;
