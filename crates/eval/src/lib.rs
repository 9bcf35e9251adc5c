//! Scoring sitrep reports against gold annotations.
//!
//! The gold format and the matching rules are those of the project's
//! contract: one `NAME.gold.json` beside each `NAME.txt`. A field absent from
//! a gold file is not annotated there and is not scored; an empty list is an
//! annotation ("nothing here"). [`score_article`] compares one report with
//! its gold; [`Scores`] adds articles up; both are pure.
//!
//! ```
//! use sitrep_eval::{gold::Gold, score_article, Scores};
//! use sitrep_extract::{Options, Pipeline};
//! let text = "Published: 12 February 2025\n\nBy Jane Roe\n\nShelling hit the town.\n";
//! let report = Pipeline::default().extract(text.as_bytes(), &Options::default()).unwrap();
//! let gold: Gold = serde_json::from_str(r#"{"published": "2025-02-12", "byline": "Jane Roe"}"#).unwrap();
//! let mut total = Scores::default();
//! total.add(&score_article(&report, &gold));
//! assert_eq!(total.metric("published.acc"), Some(1.0));
//! ```
#![deny(missing_docs)]

pub mod gold;
mod matching;
mod scores;

pub use matching::score_article;
pub use scores::{Accuracy, Counts, Scores};
