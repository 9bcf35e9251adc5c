//! A folded view of the text for matching, aligned back to the original.
//!
//! PLACEHOLDER: lower-cases only; the real normalizer replaces it.

use crate::Span;

/// The normalized (folded) form of a text with an alignment back to the
/// original's byte offsets.
#[derive(Clone, Debug)]
pub struct Normalized {
    text: String,
}

impl Normalized {
    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a span of the folded text back to the original text.
    pub fn to_original(&self, span: Span) -> Span {
        span
    }
}

/// Folds `text` for matching.
pub fn normalize(text: &str) -> Normalized {
    Normalized {
        text: text.to_lowercase(),
    }
}
