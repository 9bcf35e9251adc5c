//! Lines of the page and small text helpers shared by the readers.
//!
//! Metadata is read line by line, independently of how the segmenter split
//! the text into blocks. A *logical line* is a physical line trimmed of
//! whitespace, joined with the physical lines that continue it (a line that
//! starts with a lower-case letter continues the one above it: hard-wrapped
//! paragraphs read as one line).

use crate::lexicon::fold_char;
use sitrep_text::Span;

/// Logical lines of `text` from a byte offset up to a limit.
pub(crate) struct Lines<'t> {
    text: &'t str,
    pos: usize,
    end: usize,
    peeked: Option<Span>,
}

impl<'t> Lines<'t> {
    /// Lines of `text[from..]`; `from` must be a character boundary.
    pub(crate) fn new(text: &'t str, from: usize) -> Lines<'t> {
        Lines::within(text, Span::new(from.min(text.len()), text.len()))
    }

    /// Lines of the part of `text` covered by `span`.
    pub(crate) fn within(text: &'t str, span: Span) -> Lines<'t> {
        Lines {
            text,
            pos: span.start,
            end: span.end.min(text.len()),
            peeked: None,
        }
    }

    /// The next physical line, trimmed (empty for a blank line).
    fn physical(&mut self) -> Option<Span> {
        if self.pos >= self.end {
            return None;
        }
        let rest = &self.text[self.pos..self.end];
        let len = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        let line = &rest[..len];
        let start = self.pos + (line.len() - line.trim_start().len());
        let end = self.pos + line.trim_end().len();
        self.pos += len + 1;
        Some(if start < end {
            Span::new(start, end)
        } else {
            Span::new(start, start)
        })
    }
}

impl Iterator for Lines<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let mut line = loop {
            let next = self.peeked.take().or_else(|| self.physical())?;
            if !next.is_empty() {
                break next;
            }
        };
        let mut last = line;
        loop {
            match self.physical() {
                Some(next) if continues(last.slice(self.text), next.slice(self.text)) => {
                    line.end = next.end;
                    last = next;
                }
                other => {
                    self.peeked = other;
                    break;
                }
            }
        }
        Some(line)
    }
}

/// Physical lines shorter than this are never continued by the next one.
const MIN_WRAPPED: usize = 25;

/// True when physical line `next` continues `line` (a hard-wrapped
/// paragraph): it starts with a lower-case letter that is not a date label
/// ("date 2024-03-15"), and `line` is long and stops mid-sentence.
fn continues(line: &str, next: &str) -> bool {
    !next.is_empty()
        && starts_lowercase(next)
        && line.len() >= MIN_WRAPPED
        && !matches!(final_char(line), Some('.' | '!' | '?' | ':' | '\u{2026}'))
        && !(next.bytes().any(|b| b.is_ascii_digit()) && crate::date::starts_date(next))
}

/// True when `s` starts with a lower-case letter.
pub(crate) fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// When `s` starts with `lower` (already folded), compared case-insensitively,
/// the number of bytes of `s` it covers.
pub(crate) fn strip_prefix_ci(s: &str, lower: &str) -> Option<usize> {
    let mut pattern = lower.chars().peekable();
    if pattern.peek().is_none() {
        return Some(0);
    }
    for (i, c) in s.char_indices() {
        for folded in fold_char(c) {
            if pattern.next() != Some(folded) {
                return None;
            }
        }
        if pattern.peek().is_none() {
            return Some(i + c.len_utf8());
        }
    }
    None
}

/// Like [`strip_prefix_ci`], but the match must end at a word boundary.
pub(crate) fn starts_with_word_ci(s: &str, lower: &str) -> Option<usize> {
    let n = strip_prefix_ci(s, lower)?;
    let last_is_word = lower.chars().last().is_some_and(char::is_alphanumeric);
    let next_is_word = s[n..].chars().next().is_some_and(char::is_alphanumeric);
    (!(last_is_word && next_is_word)).then_some(n)
}

/// Whitespace-separated words of `s` with their byte offsets.
pub(crate) fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// The number of words of `s`, counted as runs of bytes between ASCII
/// whitespace.
pub(crate) fn word_count(s: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = matches!(b, b' ' | b'\n' | b'\t' | b'\r');
        if !space && !in_word {
            n += 1;
        }
        in_word = !space;
    }
    n
}

/// The last character of `s` once closing quotes and brackets are dropped.
pub(crate) fn final_char(s: &str) -> Option<char> {
    s.trim_end().trim_end_matches(CLOSERS).chars().last()
}

/// Closing quotes and brackets.
pub(crate) const CLOSERS: &[char] = &['"', '\'', '\u{201d}', '\u{2019}', '\u{bb}', ')', ']', '*'];

/// True when `s` ends like a sentence (".", "!", "?", "…", possibly inside
/// closing quotes or brackets).
pub(crate) fn ends_sentence(s: &str) -> bool {
    matches!(final_char(s), Some('.' | '!' | '?' | '\u{2026}'))
}

/// Counts letters in `s`, stopping once `enough` are found.
pub(crate) fn count_letters(s: &str, enough: usize) -> usize {
    s.chars().filter(|&c| is_letter(c)).take(enough).count()
}

/// `char::is_alphabetic`, answered from code point ranges for ASCII and the
/// common scripts: the general lookup is slow for many scripts (Thai costs
/// hundreds of instructions a letter).
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match c {
        '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}'
        | '\u{386}'..='\u{3ff}'
        | '\u{400}'..='\u{481}'
        | '\u{48a}'..='\u{52f}'
        | '\u{531}'..='\u{556}'
        | '\u{561}'..='\u{587}'
        | '\u{5d0}'..='\u{5ea}'
        | '\u{620}'..='\u{64a}'
        | '\u{671}'..='\u{6d3}'
        | '\u{e01}'..='\u{e3a}'
        | '\u{e40}'..='\u{e4e}'
        | '\u{10a0}'..='\u{10ff}'
        | '\u{1e00}'..='\u{1fbc}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30a1}'..='\u{30fa}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}' => true,
        _ => c.is_alphabetic(),
    }
}

/// The largest character boundary of `s` not above `i`.
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary of `s` not below `i`.
pub(crate) fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `span` shrunk to exclude surrounding whitespace and the given characters.
pub(crate) fn trim_span(text: &str, span: Span, chars: &[char]) -> Span {
    let s = span.slice(text);
    let strip = |c: char| c.is_whitespace() || chars.contains(&c);
    let head = s.len() - s.trim_start_matches(strip).len();
    let tail = s.trim_end_matches(strip).len();
    if head >= tail {
        Span::new(span.start, span.start)
    } else {
        Span::new(span.start + head, span.start + tail)
    }
}

#[cfg(test)]
mod tests {
    use super::{ends_sentence, is_letter, starts_with_word_ci, strip_prefix_ci, trim_span, Lines};
    use sitrep_text::Span;

    fn lines(text: &str) -> Vec<&str> {
        Lines::new(text, 0).map(|l| l.slice(text)).collect()
    }

    #[test]
    fn logical_lines_join_wrapped_lines_and_skip_blank_ones() {
        let text = "  TITLE OF THE PIECE \n\nFirst line of a paragraph that\nwraps onto the next.\n\n\nLast\n";
        assert_eq!(
            lines(text),
            [
                "TITLE OF THE PIECE",
                "First line of a paragraph that\nwraps onto the next.",
                "Last"
            ]
        );
        let text = "Russian forces shell the city overnight\ndate 2024-03-15\nShort\nlower";
        assert_eq!(
            lines(text),
            [
                "Russian forces shell the city overnight",
                "date 2024-03-15",
                "Short",
                "lower"
            ]
        );
        let text = "The statement ended there.\nlower case start";
        assert_eq!(lines(text).len(), 2);
        assert!(lines("").is_empty());
        assert!(lines("\n \n").is_empty());
        assert_eq!(lines("one"), ["one"]);
    }

    #[test]
    fn lines_within_a_span_stay_inside_it() {
        let text = "alpha\nBeta\nGamma\nDelta";
        let got: Vec<&str> = Lines::within(text, Span::new(6, 16))
            .map(|l| l.slice(text))
            .collect();
        assert_eq!(got, ["Beta", "Gamma"]);
    }

    #[test]
    fn case_insensitive_prefixes() {
        assert_eq!(strip_prefix_ci("PUBLISHED: today", "published"), Some(9));
        assert_eq!(strip_prefix_ci("Опубликовано 5", "опубликовано"), Some(24));
        assert_eq!(strip_prefix_ci("Pub", "published"), None);
        assert_eq!(starts_with_word_ci("Shares fell", "share"), None);
        assert_eq!(starts_with_word_ci("Share this", "share"), Some(5));
    }

    #[test]
    fn sentence_endings() {
        assert!(ends_sentence("He left.”"));
        assert!(ends_sentence("Why?"));
        assert!(!ends_sentence("Militia wants to “free Russia”"));
    }

    #[test]
    fn letters_agree_with_the_standard_library() {
        for c in (0..0xffffu32).filter_map(char::from_u32) {
            if is_letter(c) != c.is_alphabetic() {
                // The ranges may count a few marks and signs as letters.
                assert!(is_letter(c), "{c:?} U+{:04X} is a letter", c as u32);
            }
        }
    }

    #[test]
    fn trimming_spans() {
        let text = " (cs with agencies) ";
        assert_eq!(
            trim_span(text, Span::new(0, text.len()), &['(', ')']).slice(text),
            "cs with agencies"
        );
        assert!(trim_span(text, Span::new(0, 1), &[]).is_empty());
    }
}
