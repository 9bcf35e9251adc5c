//! Recognises actors (armed groups, state bodies, media, people) and links their mentions.
//!
//! Not built yet: this stage adds nothing, so `actors` stays empty in every
//! report until its issue lands.

use crate::{Document, Findings, Stage};

/// Recognises actors (armed groups, state bodies, media, people) and links their mentions.
#[derive(Debug, Default, Clone, Copy)]
pub struct ActorStage;

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn run(&self, _doc: &Document<'_>, _found: &mut Findings) {}
}
