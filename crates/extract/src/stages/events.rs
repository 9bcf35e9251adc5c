//! Reads ACLED-typed events with their actors, location, date and fatalities.
//!
//! Not built yet: this stage adds nothing, so `events` stays empty in every
//! report until its issue lands.

use crate::{Document, Findings, Stage};

/// Reads ACLED-typed events with their actors, location, date and fatalities.
#[derive(Debug, Default, Clone, Copy)]
pub struct EventStage;

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn run(&self, _doc: &Document<'_>, _found: &mut Findings) {}
}
