//! Header lines made of several fields: "Kyiv, 15 March 2024 — By Jane
//! Doe", "Opinion | 3 May 2024 | From Jane Doe", "Daily Courier — Lviv,
//! Monday 6 May 2024", "Friday 5 April 2024, compiled by Jane Doe".
//!
//! Such a line is split at its separators (" | ", " — ", " – ", " · ",
//! " • ", and ", " inside a field nothing else reads) and every field is
//! read on its own: a byline, a date (possibly with a place), a time or
//! reading time, or a short label (outlet, section, place, kicker). The
//! line counts when at least one field is a byline or a date and every
//! field is one of these.

use crate::byline::{self, Byline};
use crate::date::{self, Found};
use crate::scan::{ends_sentence, starts_lowercase, starts_with_word_ci, word_count};
use sitrep_text::Span;

/// Lines longer than this are not field lines.
const MAX_FIELD_LINE: usize = 200;
/// Words a label field ("Urgent News", "Diario del Pacífico") may have.
const MAX_LABEL_WORDS: usize = 5;
/// Separators between fields.
const SEPARATORS: &[&str] = &[" | ", " — ", " – ", " · ", " • "];

/// What the fields of a line gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FieldLine {
    /// The first byline field.
    pub byline: Option<Byline>,
    /// The dates of the date fields, in order.
    pub dates: Vec<Found>,
}

/// Reads `s` (a line at `base` in the text) as a line of fields.
pub(crate) fn read(s: &str, base: usize) -> Option<FieldLine> {
    if s.len() > MAX_FIELD_LINE
        || !(s.contains(", ") || SEPARATORS.iter().any(|sep| s.contains(sep)))
    {
        return None;
    }
    let strong = split(s, SEPARATORS);
    if strong.len() < 2 && !s.contains(", ") {
        return None;
    }
    let mut line = FieldLine::default();
    let mut parts = 0;
    for range in strong {
        let field = &s[range.clone()];
        if read_field(field, base + range.start, &mut line) {
            parts += 1;
            continue;
        }
        // A field nothing reads may itself be fields joined by commas.
        for sub in split(field, &[", "]) {
            if !read_field(
                &field[sub.clone()],
                base + range.start + sub.start,
                &mut line,
            ) {
                return None;
            }
            parts += 1;
        }
    }
    let found = line.byline.is_some() || !line.dates.is_empty();
    (parts >= 2 && found).then_some(line)
}

/// The trimmed pieces of `s` between separators, as byte ranges. Every
/// separator starts with an ASCII byte, so only positions holding one of
/// those bytes are compared (an ASCII byte always starts a character).
fn split(s: &str, separators: &[&str]) -> Vec<std::ops::Range<usize>> {
    debug_assert!(separators
        .iter()
        .all(|sep| sep.as_bytes().first().is_some_and(u8::is_ascii)));
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let sep = separators
            .iter()
            .filter(|sep| sep.as_bytes()[0] == b)
            .find(|sep| bytes[i..].starts_with(sep.as_bytes()));
        match sep {
            Some(sep) => {
                push_trimmed(s, start..i, &mut out);
                i += sep.len();
                start = i;
            }
            None => i += 1,
        }
    }
    push_trimmed(s, start..s.len(), &mut out);
    out
}

fn push_trimmed(s: &str, r: std::ops::Range<usize>, out: &mut Vec<std::ops::Range<usize>>) {
    let piece = &s[r.clone()];
    let head = piece.len() - piece.trim_start().len();
    let tail = piece.trim_end().len();
    if head < tail {
        out.push(r.start + head..r.start + tail);
    }
}

/// Reads one field into `line`; false when it is none of the kinds a field
/// may be.
fn read_field(field: &str, base: usize, line: &mut FieldLine) -> bool {
    if let Some(b) = byline::read(field, base).or_else(|| from_byline(field, base)) {
        if b.names.is_some() || b.outlet.is_some() {
            let tail = field
                .get(b.tail.start - base..b.tail.end - base)
                .unwrap_or_default();
            line.dates.extend(date::find(tail, b.tail.start));
            if line.byline.is_none() {
                line.byline = Some(b);
            }
            return true;
        }
    }
    if let Some(d) = date::read_line(field, base) {
        line.dates.extend(d.dates);
        return true;
    }
    if date::is_time_field(field) {
        return true;
    }
    !ends_sentence(field)
        && !starts_lowercase(field)
        && word_count(field) <= MAX_LABEL_WORDS
        && !field.contains(['(', ')', '"', '\u{201c}'])
}

/// "From Jane Doe": "from" without a colon opens a byline only inside a
/// line of fields (alone it opens sentences and titles: "From Kyiv to
/// Kharkiv").
fn from_byline(field: &str, base: usize) -> Option<Byline> {
    let n = ["from", "durch"]
        .iter()
        .find_map(|w| starts_with_word_ci(field, w))?;
    let rest = field[n..].trim_start();
    let at = field.len() - rest.len();
    let b = byline::read(&format!("By {rest}"), 0)?;
    let shift = |sp: Span| {
        Span::new(
            base + at + sp.start.saturating_sub(3),
            base + at + sp.end.saturating_sub(3),
        )
    };
    Some(Byline {
        names: b.names.map(shift),
        outlet: b.outlet.map(shift),
        tail: shift(b.tail),
    })
}

#[cfg(test)]
mod tests {
    use super::read;
    use jiff::civil::{date, Date};

    /// (byline names, dates) read from a line.
    fn fields(s: &str) -> Option<(Option<&str>, Vec<Date>)> {
        read(s, 0).map(|l| {
            (
                l.byline.and_then(|b| b.names).map(|n| n.slice(s)),
                l.dates.iter().map(|f| f.date).collect(),
            )
        })
    }

    #[test]
    fn place_date_and_byline() {
        assert_eq!(
            fields("Lviv, 4 March 2024 — By Marko Hnatyuk"),
            Some((Some("Marko Hnatyuk"), vec![date(2024, 3, 4)]))
        );
        assert_eq!(
            fields("Saturday 9 March 2024 | Live coverage by Ada Brenner and Luis Soto"),
            Some((Some("Ada Brenner and Luis Soto"), vec![date(2024, 3, 9)]))
        );
        assert_eq!(
            fields("Monday, 11 March 2024 – compiled by Oksana Melnyk"),
            Some((Some("Oksana Melnyk"), vec![date(2024, 3, 11)]))
        );
        assert_eq!(
            fields("Monday, 11 March 2024, compiled by Oksana Melnyk"),
            Some((Some("Oksana Melnyk"), vec![date(2024, 3, 11)]))
        );
    }

    #[test]
    fn numeric_dates_times_and_plain_from() {
        assert_eq!(
            fields("03.09.2024, 18:15 | From Jonas Riedel"),
            Some((Some("Jonas Riedel"), vec![date(2024, 9, 3)]))
        );
        assert_eq!(
            fields("⚡ KNU Press Office | Breaking | 4.6.2024"),
            Some((None, vec![date(2024, 6, 4)]))
        );
        assert_eq!(
            fields("Evening Ledger — Arauca, Sunday 7 July 2024"),
            Some((None, vec![date(2024, 7, 7)]))
        );
        assert_eq!(
            fields("World | 12 min read | 2 June 2024"),
            Some((None, vec![date(2024, 6, 2)]))
        );
    }

    #[test]
    fn titles_and_sentences_are_not_field_lines() {
        assert_eq!(
            fields("Ukraine war: shelling on Kherson – aid convoy hit near the river"),
            None
        );
        assert_eq!(fields("From Kyiv to Kharkiv – a long road"), None);
        assert_eq!(
            fields("The army said on 3 May 2024 that it had withdrawn, officials confirmed."),
            None
        );
        assert_eq!(fields("Opinion | Analysis"), None);
        assert_eq!(fields("Kyiv, Odesa and Lviv"), None);
        assert_eq!(
            fields("On 24 February 2022, troops crossed the border"),
            None
        );
    }
}
