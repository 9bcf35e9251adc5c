//! Recognises place names and resolves them to coordinates.
//!
//! Not built yet: this stage adds nothing, so `places` stays empty in every
//! report until its issue lands.

use crate::{Document, Findings, Stage};

/// Recognises place names and resolves them to coordinates.
#[derive(Debug, Default, Clone, Copy)]
pub struct PlaceStage;

impl Stage for PlaceStage {
    fn name(&self) -> &'static str {
        "places"
    }

    fn run(&self, _doc: &Document<'_>, _found: &mut Findings) {}
}
