//! Finds who claims what, through which channels, and where claims contradict.
//!
//! Not built yet: this stage adds nothing, so `claims` stays empty in every
//! report until its issue lands.

use crate::{Document, Findings, Stage};

/// Finds who claims what, through which channels, and where claims contradict.
#[derive(Debug, Default, Clone, Copy)]
pub struct ClaimStage;

impl Stage for ClaimStage {
    fn name(&self) -> &'static str {
        "claims"
    }

    fn run(&self, _doc: &Document<'_>, _found: &mut Findings) {}
}
