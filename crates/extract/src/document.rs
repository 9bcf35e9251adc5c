//! One article, read and segmented once, shared read-only by every stage.

use sitrep_meta::{BlockRole, Metadata};
use sitrep_text::{segment::Sentence, DecodeError, Normalized, Segmentation, Span};

/// Why an article could not be extracted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The bytes are not readable text.
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

/// An article ready for the stages: its text, segmentation, folded view and
/// metadata. Every span of every stage indexes [`Document::text`].
#[derive(Debug)]
pub struct Document<'a> {
    /// The text spans index: the input itself when it was UTF-8, else its
    /// UTF-8 transcoding.
    pub text: std::borrow::Cow<'a, str>,
    /// The input's encoding (WHATWG name).
    pub encoding: &'static str,
    /// Blocks, sentences and tokens.
    pub segmentation: Segmentation,
    /// The folded view for matching, aligned to [`Document::text`].
    pub normalized: Normalized,
    /// Title, date, byline, credits, dateline, language and block roles.
    pub metadata: Metadata,
}

impl<'a> Document<'a> {
    /// Decodes, segments, normalizes and reads the metadata of `bytes`.
    pub fn parse(bytes: &'a [u8]) -> Result<Document<'a>, ExtractError> {
        let decoded = sitrep_text::decode(bytes)?;
        let text = decoded.text;
        let segmentation = sitrep_text::segment(&text);
        let normalized = sitrep_text::normalize(&text);
        let metadata = sitrep_meta::read(&text, &segmentation);
        Ok(Document {
            text,
            encoding: decoded.encoding,
            segmentation,
            normalized,
            metadata,
        })
    }

    /// The text covered by `span`.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The sentences of article text (body blocks), leaving out titles,
    /// bylines, captions and page furniture.
    pub fn body_sentences(&self) -> impl Iterator<Item = &Sentence> + '_ {
        let roles = &self.metadata.block_roles;
        self.segmentation
            .sentences
            .iter()
            .filter(move |s| roles.get(s.block).is_none_or(|r| *r == BlockRole::Body))
    }
}
