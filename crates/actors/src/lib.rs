//! Actors for sitrep: who fights, governs, reports and suffers in an article.
//!
//! - [`Registry`]: armed, state, political, media and international actors
//!   with their aliases in English, German, French, Russian and Ukrainian
//!   (`data/actors.tsv`), plus the armed forces, police, ministries,
//!   governments, civilians, protesters and rioters of ~70 countries
//!   generated from `data/countries.tsv` ("Russian troops", "Kyiv's
//!   forces" → `Military Forces of Ukraine`). Users add or replace entries
//!   with a file of the same format ([`Registry::with_user_file`]).
//! - [`recognize`]: finds the mentions of one article (registry aliases on
//!   the folded text, patterns for unknown people and organisations) and
//!   links the mentions of one actor ("the Legion", "the militants",
//!   surname repeats) under one entity number.
//!
//! ```
//! use sitrep_actors::{recognize, Input, Registry};
//! let text = "Russian troops shelled the town, the Freedom of Russia Legion said. \
//!             The Legion also claimed a drone strike.";
//! let seg = sitrep_text::segment(text);
//! let norm = sitrep_text::normalize(text);
//! let sentences: Vec<_> = seg.sentences.iter().map(|s| s.tokens.clone()).collect();
//! let input = Input { text, tokens: &seg.tokens, normalized: &norm, sentences: &sentences, places: &[] };
//! let found = recognize(Registry::embedded(), &input);
//! let names: Vec<(&str, &str)> = found.iter().map(|m| (m.span.slice(text), m.name.as_str())).collect();
//! assert_eq!(names, [
//!     ("Russian troops", "Military Forces of Russia"),
//!     ("Freedom of Russia Legion", "Freedom of Russia Legion"),
//!     ("The Legion", "Freedom of Russia Legion"),
//! ]);
//! assert_eq!(found[1].entity, found[2].entity);
//! ```
#![deny(missing_docs)]

mod recognize;
mod registry;

pub use recognize::{recognize, Input, Mention, PlaceHint};
pub use registry::{
    parse_countries, parse_entries, Country, Entry, Kind, LoadError, Registry, ACTORS_TSV,
    CATEGORIES, COUNTRIES_TSV,
};
