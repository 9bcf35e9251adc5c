//! The word-keyed maps of the lexicons use the text layer's fast hasher
//! ([`sitrep_text::wordhash`]); re-exported here for the claims crate.

pub use sitrep_text::wordhash::{WordHasher, WordMap};
