//! Character offsets to byte spans, with verification and repair.
//!
//! The geoparsing corpora give 0-based, end-exclusive offsets counted in
//! Unicode scalar values (Python string indices), while sitrep's spans are
//! UTF-8 byte offsets. [`CharIndex`] converts one to the other, and
//! [`locate`] checks that the converted span covers the annotated phrase,
//! repairing small drifts by searching for the phrase nearby.

use serde::Serialize;
use sitrep_text::Span;

/// How far (in characters) [`locate`] looks either side of a drifted offset.
pub const REPAIR_WINDOW: usize = 20;

/// Maps character indices of one text to byte offsets.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `bytes[i]` is the byte offset of character `i`; the last entry is the
    /// text's length, so an end-exclusive character offset converts too.
    bytes: Vec<usize>,
}

impl CharIndex {
    /// Builds the index of `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { bytes }
    }

    /// Number of characters in the text.
    pub fn chars(&self) -> usize {
        self.bytes.len() - 1
    }

    /// The byte offset of character `i`, or `None` past the end.
    pub fn byte(&self, i: usize) -> Option<usize> {
        self.bytes.get(i).copied()
    }

    /// The character index at byte offset `b` (which must be a boundary).
    pub fn char_at(&self, b: usize) -> Option<usize> {
        self.bytes.binary_search(&b).ok()
    }

    /// The byte span of the characters `start..end`, or `None` when out of
    /// bounds or reversed.
    pub fn span(&self, start: usize, end: usize) -> Option<Span> {
        if start > end {
            return None;
        }
        Some(Span::new(self.byte(start)?, self.byte(end)?))
    }
}

/// How a gold offset related to its phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Located {
    /// The offsets covered the phrase as given.
    Exact,
    /// The offsets were off; the phrase was found within
    /// [`REPAIR_WINDOW`] characters and the span moved there.
    Repaired,
}

/// Converts the character offsets `start..end` of `phrase` in `text` to a
/// byte span, checking that `text[span] == phrase`.
///
/// When the offsets do not cover the phrase, the occurrence of `phrase`
/// whose start is nearest to `start` within [`REPAIR_WINDOW`] characters is
/// taken instead ([`Located::Repaired`]). `None` when there is none.
pub fn locate(
    text: &str,
    index: &CharIndex,
    start: usize,
    end: usize,
    phrase: &str,
) -> Option<(Span, Located)> {
    if let Some(span) = index.span(start, end) {
        if span.slice(text) == phrase {
            return Some((span, Located::Exact));
        }
    }
    if phrase.is_empty() {
        return None;
    }
    let lo = index.byte(start.saturating_sub(REPAIR_WINDOW))?;
    let hi_char = (start + REPAIR_WINDOW).min(index.chars());
    let hi = index.byte(hi_char)?;
    let origin = index.byte(start.min(index.chars()))?;
    // Candidates: every occurrence whose first byte lies in [lo, hi].
    let end_char = (hi_char + phrase.chars().count()).min(index.chars());
    let window_end = index.byte(end_char)?;
    let hay = &text[lo..window_end];
    let mut best: Option<usize> = None;
    for (off, _) in hay.match_indices(phrase) {
        let at = lo + off;
        if at > hi {
            break;
        }
        let closer = best.is_none_or(|b| at.abs_diff(origin) < b.abs_diff(origin));
        if closer {
            best = Some(at);
        }
    }
    best.map(|at| (Span::new(at, at + phrase.len()), Located::Repaired))
}

/// Counts of how gold offsets were located while loading a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OffsetStats {
    /// Offsets that covered their phrase as given.
    pub exact: usize,
    /// Offsets that did not, but were repaired by a nearby search.
    pub repaired: usize,
    /// Offsets that could not be repaired; those annotations are dropped.
    pub dropped: usize,
}

impl OffsetStats {
    /// Records one outcome of [`locate`].
    pub fn record(&mut self, outcome: Option<Located>) {
        match outcome {
            Some(Located::Exact) => self.exact += 1,
            Some(Located::Repaired) => self.repaired += 1,
            None => self.dropped += 1,
        }
    }

    /// Offsets that did not cover their phrase as given.
    pub fn mismatches(&self) -> usize {
        self.repaired + self.dropped
    }

    /// All offsets seen.
    pub fn total(&self) -> usize {
        self.exact + self.repaired + self.dropped
    }
}

#[cfg(test)]
mod tests {
    use super::{locate, CharIndex, Located};
    use sitrep_text::Span;

    #[test]
    fn char_offsets_become_byte_offsets() {
        // "Zürich" has a two-byte ü; "Kyiv" starts at char 11 but byte 12.
        let text = "Zürich and Kyiv";
        let index = CharIndex::new(text);
        assert_eq!(index.chars(), 15);
        let span = index.span(11, 15).unwrap();
        assert_eq!(span, Span::new(12, 16));
        assert_eq!(span.slice(text), "Kyiv");
        assert_eq!(index.span(0, 6).unwrap().slice(text), "Zürich");
        assert_eq!(index.span(0, 16), None);
        assert_eq!(index.char_at(12), Some(11));
    }

    #[test]
    fn exact_offsets_are_kept() {
        let text = "Shelling hit Kharkiv’s centre.";
        let index = CharIndex::new(text);
        let (span, how) = locate(text, &index, 13, 20, "Kharkiv").unwrap();
        assert_eq!((span.slice(text), how), ("Kharkiv", Located::Exact));
    }

    #[test]
    fn drifted_offsets_are_repaired_to_the_nearest_occurrence() {
        let text = "Aleppo, then — after Aleppo — Homs.";
        let index = CharIndex::new(text);
        // Gold says 19..25 (two chars early); the nearer "Aleppo" is at char 21.
        let (span, how) = locate(text, &index, 19, 25, "Aleppo").unwrap();
        assert_eq!(how, Located::Repaired);
        assert_eq!(span.slice(text), "Aleppo");
        assert_eq!(index.char_at(span.start), Some(21));
    }

    #[test]
    fn phrases_too_far_away_are_dropped() {
        let text = format!("{}Idlib", "x".repeat(40));
        let index = CharIndex::new(&text);
        assert_eq!(locate(&text, &index, 0, 5, "Idlib"), None);
        assert_eq!(locate(&text, &index, 0, 5, ""), None);
    }
}
