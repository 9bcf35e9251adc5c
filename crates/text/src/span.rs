//! Byte spans into the original input.

use std::ops::Range;

/// A half-open range of byte offsets `[start, end)` into the text an article
/// was read from (the input as given when it was UTF-8, otherwise its UTF-8
/// transcoding).
///
/// Every stage of sitrep reports what it found as spans, so that any field of
/// a report can be traced back to the exact bytes it came from:
///
/// ```
/// use sitrep_text::Span;
/// let text = "Fighting in Grajvoron.";
/// let span = Span::new(12, 21);
/// assert_eq!(span.slice(text), "Grajvoron");
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; panics in debug builds when `start > end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The covered text. Panics when the span is out of bounds or not on
    /// character boundaries, which would be a bug in the stage that made it.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// True when `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span as a `Range`, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}
