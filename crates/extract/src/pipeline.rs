//! Stages and the pipeline that runs them over a document.

use crate::report::{self, Report};
use crate::stages;
use crate::{Document, ExtractError};

/// What the stages have found so far; each stage appends to it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Findings {
    /// Places recognised and resolved.
    pub places: Vec<report::Place>,
    /// Actor mentions.
    pub actors: Vec<report::Actor>,
    /// Events.
    pub events: Vec<report::Event>,
    /// Attributed statements.
    pub claims: Vec<report::Claim>,
    /// Claims that disagree.
    pub contradictions: Vec<report::Contradiction>,
    /// The publication date relative dates are read against: the
    /// article's own, else [`Options::published`]. Set before the stages run.
    pub published: Option<jiff::civil::Date>,
}

/// One step of extraction. A stage reads the document and what earlier
/// stages found, and adds its own findings. It never changes the document,
/// so spans mean the same thing in every stage.
pub trait Stage: Send + Sync {
    /// A short name for diagnostics ("places").
    fn name(&self) -> &'static str;
    /// Adds this stage's findings about `doc` to `found`.
    fn run(&self, doc: &Document<'_>, found: &mut Findings);
}

/// Per-run settings that do not come from the article.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// The path the article was read from, echoed in the report.
    pub path: Option<String>,
    /// The date to use when the text gives none.
    pub published: Option<jiff::civil::Date>,
    /// Include the (decoded) text in the report as `article.text`.
    pub include_text: bool,
}

/// The stages in order.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Default for Pipeline {
    /// The standard pipeline: places, actors, events, claims.
    fn default() -> Pipeline {
        Pipeline::new(vec![
            Box::new(stages::places::PlaceStage),
            Box::new(stages::actors::ActorStage::default()),
            Box::new(stages::events::EventStage::default()),
            Box::new(stages::claims::ClaimStage),
        ])
    }
}

impl Pipeline {
    /// A pipeline running `stages` in the given order.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Pipeline {
        Pipeline { stages }
    }

    /// This pipeline with `stage` in place of the stage of the same name
    /// (e.g. an actor stage with a user registry); appended when none has it.
    pub fn replace_stage(mut self, stage: Box<dyn Stage>) -> Pipeline {
        match self.stages.iter().position(|s| s.name() == stage.name()) {
            Some(i) => self.stages[i] = stage,
            None => self.stages.push(stage),
        }
        self
    }

    /// Names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage over an already parsed document.
    pub fn findings(&self, doc: &Document<'_>) -> Findings {
        self.findings_with(doc, &Options::default())
    }

    /// Runs every stage, with `options.published` as the date when the
    /// article gives none.
    pub fn findings_with(&self, doc: &Document<'_>, options: &Options) -> Findings {
        let mut found = Findings {
            published: doc.metadata.published.map(|p| p.date).or(options.published),
            ..Findings::default()
        };
        for stage in &self.stages {
            stage.run(doc, &mut found);
        }
        found
    }

    /// Extracts the report of one article from its raw bytes.
    pub fn extract(&self, bytes: &[u8], options: &Options) -> Result<Report, ExtractError> {
        let doc = Document::parse(bytes)?;
        let found = self.findings_with(&doc, options);
        Ok(Report::build(bytes, &doc, found, options))
    }
}
