//! Photo credits, captions, source lines and closing agency notes.
//!
//! - Credits: "© Jane Doe/AFP", "Photo: Jane Doe/dpa", "Foto: Jane Doe/dpa",
//!   "(Photo by Jane Doe/Getty Images)", "Image: Reuters", "Credit: AP
//!   Photo/John Roe", "Image source, Getty Images" (markers in
//!   `data/credit_markers.txt`), and a slash credit ending a caption
//!   ("… Jane Doe/AFP via Getty Images") when one side of the slash is a
//!   known outlet or picture agency.
//! - Captions: lines with a credit, or with a mark such as "(Archive image)"
//!   or "(File photo)" (`data/caption_marks.txt`).
//! - Source lines: "Source: Ukrinform" names the outlet.
//! - Agency notes closing an article: "(cs with agencies)", "(AFP)",
//!   "(dpa/ab)", "— Reuters", "With agencies", "Reuters contributed to this
//!   report." (`data/agency_phrases.txt`).

use crate::lexicon::{
    alternation, case_variants, entries, fold, with_folded, Set, AGENCY_PHRASES, AGENCY_WORDS,
    CAPTION_MARKS, CREDIT_MARKERS, SOURCE_MARKERS,
};
use crate::outlet;
use crate::scan::{ceil_boundary, floor_boundary, is_letter, trim_span, words};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use sitrep_text::Span;
use std::sync::LazyLock;

/// Lines longer than this are not captions.
const MAX_CAPTION: usize = 600;
/// A credit longer than this is caption text, not a credit.
const MAX_CREDIT: usize = 100;
/// Words a credit may have.
const MAX_CREDIT_WORDS: usize = 10;
/// Words of a source line's value.
const MAX_SOURCE_WORDS: usize = 6;
/// Lines longer than this hold no agency note of their own.
const MAX_NOTE_LINE: usize = 200;
/// An agency's name with its dash is at most this long ("— Reuters").
const MAX_AGENCY: usize = 60;
/// Bytes at each end of a closing sentence searched for an agency phrase.
const PHRASE_ENDS: usize = 64;

/// What a line says about credits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct LineCredits {
    /// Credits found in the line.
    pub credits: Vec<Span>,
    /// The line is a caption: it has a caption mark, or a credit and other
    /// text.
    pub caption: bool,
    /// The line is nothing but a credit or a source.
    pub only_credit: bool,
    /// The outlet a source line names ("Source: Ukrinform").
    pub source: Option<Span>,
}

struct Patterns {
    phrase: AhoCorasick,
    markers: Regex,
    sources: Regex,
    captions: Regex,
    copyright: Regex,
    /// Any marker, caption mark or copyright sign: lines without one (and
    /// without a slash) have no credit.
    any: AhoCorasick,
    phrases: Vec<&'static str>,
    agency_words: Set<&'static str>,
}

/// Finds any of the lower-case `words` in lower case, capitalised or in
/// capitals (case-sensitive matching keeps the fast literal search).
fn words_matcher<'a>(words: impl IntoIterator<Item = &'a str>) -> AhoCorasick {
    // Leftmost-first semantics let the matcher use its SIMD literal search.
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(case_variants(words))
        .expect("word lists make a valid matcher")
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let flexible = |m: &str| {
        let m = regex::escape(m).replace(' ', r"\s+");
        match m.strip_suffix(':') {
            Some(stem) => format!(r"{stem}\s*:"),
            None => m,
        }
    };
    let markers: Vec<String> = entries(CREDIT_MARKERS).map(flexible).collect();
    let mut markers_sorted: Vec<&str> = markers.iter().map(String::as_str).collect();
    markers_sorted.sort_by_key(|m| std::cmp::Reverse(m.len()));
    let markers = Regex::new(&format!(r"(?i)(?:{})\s*", markers_sorted.join("|")))
        .expect("credit markers make a valid pattern");
    let sources = Regex::new(&format!(
        r"(?i)^(?:{})\s*:\s*",
        alternation(entries(SOURCE_MARKERS))
    ))
    .expect("source markers make a valid pattern");
    let caption_marks = alternation(entries(CAPTION_MARKS));
    let captions =
        Regex::new(&format!("(?i){caption_marks}")).expect("caption marks make a valid pattern");
    // A first test: the first words of the markers, the caption marks and
    // the copyright signs, leaving out those containing a shorter one.
    let firsts = entries(CREDIT_MARKERS).filter_map(|m| m.split([' ', ':', ',']).next());
    let mut hints: Vec<&str> = firsts
        .chain(entries(CAPTION_MARKS))
        .chain(["©", "(c)", "copyright"])
        .filter(|w| !w.is_empty())
        .collect();
    hints.sort_by_key(|w| (w.len(), *w));
    let mut stems: Vec<&str> = Vec::new();
    for hint in hints {
        if !stems.iter().any(|stem| hint.contains(stem)) {
            stems.push(hint);
        }
    }
    let any = words_matcher(stems);
    let copyright = Regex::new(
        r"(?i)(?:©|\(c\)|(?-u:\b)copyright(?-u:\b))\s*(?P<year>[0-9]{4}(?:\s*[-–]\s*[0-9]{4})?(?-u:\b))?\s*",
    )
    .expect("copyright pattern is valid");
    Patterns {
        phrase: words_matcher(entries(AGENCY_PHRASES)),
        markers,
        sources,
        captions,
        copyright,
        any,
        phrases: entries(AGENCY_PHRASES).collect(),
        agency_words: entries(AGENCY_WORDS).collect(),
    }
});

/// True when `s` has a copyright sign or word.
fn has_copyright_sign(s: &str) -> bool {
    s.contains('©') || s.contains("(c)") || s.contains("(C)") || s.contains("opyright")
}

/// True when line `s` may hold a credit or caption mark: a marker, a mark,
/// a copyright sign or a slash.
pub(crate) fn has_hint(s: &str) -> bool {
    s.contains('/') || PATTERNS.any.is_match(s)
}

/// Reads the credits of line `s` (starting at `base` in the text).
pub(crate) fn read_line(s: &str, base: usize) -> LineCredits {
    let mut out = LineCredits::default();
    if s.len() > MAX_CAPTION || s.is_empty() {
        return out;
    }
    let p = &*PATTERNS;
    let at = |r: (usize, usize)| Span::new(base + r.0, base + r.1);

    if let Some(m) = p.sources.find(s) {
        let value = value_end(s, m.end());
        if value.1 > value.0 && words(&s[value.0..value.1]).count() <= MAX_SOURCE_WORDS {
            out.source = Some(at(value));
            out.only_credit = value.1 >= end_of_content(s);
            return out;
        }
    }
    if !has_hint(s) {
        return out;
    }

    out.caption = p.captions.is_match(s);

    for m in p.markers.find_iter(s) {
        // A marker starts the line or follows a space, bracket or bar.
        let before = s[..m.start()].chars().next_back();
        if before.is_some_and(|c| !(c.is_whitespace() || "([|•·".contains(c))) {
            continue;
        }
        let value = value_end(s, m.end());
        let text = &s[value.0..value.1];
        if is_credit(text) {
            out.credits
                .extend(several(text, value.0).into_iter().map(at));
            let marker_first = s[..m.start()]
                .trim_matches(|c: char| c.is_whitespace() || c == '(')
                .is_empty();
            if marker_first && value.1 >= end_of_content(s) {
                out.only_credit = true;
            } else {
                out.caption = true;
            }
        } else if !text.is_empty() {
            // "Photo: Soldiers walk past a destroyed school" introduces a caption.
            out.caption = true;
        }
    }

    if let Some(c) = has_copyright_sign(s)
        .then(|| p.copyright.captures(s))
        .flatten()
    {
        let m = c.get(0).expect("group 0 always matches");
        let value = value_end(s, m.end());
        let text = &s[value.0..value.1];
        if c.name("year").is_none()
            && is_credit(text)
            && !out.credits.iter().any(|x| x.contains(at(value)))
        {
            out.credits.push(at(value));
            if s[..m.start()].trim().is_empty() && value.1 >= end_of_content(s) {
                out.only_credit = true;
            } else {
                out.caption = true;
            }
        }
    }

    if out.credits.is_empty() {
        if let Some(range) = slash_credit(s) {
            out.credits.push(at(range));
            if range.0 == 0 {
                out.only_credit = true;
            } else {
                out.caption = true;
            }
        }
    }
    if out.only_credit {
        out.caption = false;
    }
    out
}

/// The credits of one marker's value: each of "Jane Doe/EPA; John
/// Roe/Lehtikuva" when every piece reads as a credit, else the whole
/// value. `at` is where `value` starts in its line; ranges are in the line.
fn several(value: &str, at: usize) -> Vec<(usize, usize)> {
    let whole = vec![(at, at + value.len())];
    if !value.contains("; ") {
        return whole;
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    for piece in value.split("; ") {
        let trimmed = piece.trim();
        if trimmed.is_empty() || !is_credit(trimmed) {
            return whole;
        }
        let lead = piece.len() - piece.trim_start().len();
        pieces.push((at + start + lead, at + start + lead + trimmed.len()));
        start += piece.len() + 2;
    }
    pieces
}

/// A copyright notice line ("© 2024 Reuters. All rights reserved."), with the
/// outlet it names when that is a known one.
pub(crate) fn copyright_notice(s: &str, base: usize) -> Option<Option<Span>> {
    if s.len() > MAX_NOTE_LINE || !has_copyright_sign(s) {
        return None;
    }
    let c = PATTERNS.copyright.captures(s)?;
    let m = c.get(0).expect("group 0 always matches");
    if c.name("year").is_none() || !s[..m.start()].trim().is_empty() || s.len() > MAX_NOTE_LINE {
        return None;
    }
    let rest = &s[m.end()..];
    Some(outlet::find(rest).map(|r| Span::new(base + m.end() + r.start, base + m.end() + r.end)))
}

/// Where the value after a marker ends: at a closing bracket, a bar, or the
/// end of the line; trimmed of final punctuation.
fn value_end(s: &str, start: usize) -> (usize, usize) {
    let rest = &s[start..];
    let end = start + rest.find([')', ']', '|', '•', '\n']).unwrap_or(rest.len());
    let span = trim_span(s, Span::new(start, end), &['.', ',', ';', ':']);
    (span.start, span.end)
}

/// Where the line's content ends, ignoring closing brackets and punctuation.
fn end_of_content(s: &str) -> usize {
    s.trim_end_matches(|c: char| c.is_whitespace() || ".,;)]".contains(c))
        .len()
}

fn is_credit(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_CREDIT
        && words(text).count() <= MAX_CREDIT_WORDS
        && text.chars().any(is_letter)
        && !text.contains(". ")
}

/// A slash credit at the end of `s` ("Jane Doe/AFP", "AP Photo/John Roe",
/// "Jane Doe/AFP via Getty Images"): up to four capitalised words before the
/// slash, a few words after it, one side a known outlet or picture agency.
fn slash_credit(s: &str) -> Option<(usize, usize)> {
    let end = end_of_content(s);
    let t = &s[..end];
    let slash = t.rfind('/')?;
    if end - slash > 60 {
        return None;
    }
    let right = t[slash + 1..].trim();
    if right.is_empty() || words(right).count() > 6 || right.contains(['.', ',', ';', ':', '(']) {
        return None;
    }
    let left_end = t[..slash].trim_end().len();
    let mut start = left_end;
    let mut cursor = left_end;
    for _ in 0..4 {
        let word_start = t[..cursor].rfind(' ').map_or(0, |i| i + 1);
        let word = &t[word_start..cursor];
        let core = word.trim_start_matches(['(', '[']);
        let capitalised = core
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if core.is_empty() || !capitalised || core.contains(['.', ',', ':', ';', ')', '(']) {
            break;
        }
        start = cursor - core.len();
        if core.len() < word.len() || word_start == 0 {
            break;
        }
        cursor = word_start - 1;
    }
    // A known agency written in lower case ("picture alliance/dpa").
    if let Some(agency) = outlet::picture_agency_ending_at(&t[..left_end]) {
        start = start.min(agency);
    }
    if start == left_end {
        return None;
    }
    let left = &t[start..left_end];
    let known = outlet::picture_agency_at_start(right).is_some() || outlet::is_picture_agency(left);
    known.then_some((start, end))
}

/// A quick test whether line `s` may be an agency note on its own: short,
/// and bracketed, opened by a dash, or holding an agency phrase.
pub(crate) fn may_be_note(s: &str) -> bool {
    s.len() <= MAX_NOTE_LINE
        && (s.starts_with(['(', '\u{2014}', '\u{2013}', '-'])
            || s.trim_end_matches('.').ends_with(')')
            || PATTERNS.phrase.is_match(s))
}

/// An agency note in line `s` (starting at `base`): the note's span and
/// whether it is all the line holds.
pub(crate) fn agency_note(s: &str, base: usize) -> Option<(Span, bool)> {
    let t = s.trim_end();
    let bare = t.trim_end_matches('.');
    if bare.is_empty() {
        return None;
    }
    let to_text = |a: usize, b: usize| {
        let span = trim_span(
            s,
            Span::new(a, b),
            &['(', ')', '.', '\u{2014}', '\u{2013}', '-', '[', ']'],
        );
        Span::new(base + span.start, base + span.end)
    };

    // "(cs with agencies)", "(AFP)", "(dpa/ab)" closing the line.
    if bare.ends_with(')') {
        if let Some(open) = bare.rfind('(') {
            if is_note_inner(&bare[open + 1..bare.len() - 1]) {
                return Some((
                    to_text(open + 1, bare.len() - 1),
                    bare[..open].trim().is_empty(),
                ));
            }
        }
    }
    // A line that is just an agency ("Reuters", "— AFP").
    if bare.len() <= MAX_AGENCY {
        if let Some(r) = outlet::is_outlet(bare) {
            return Some((to_text(r.start, r.end), true));
        }
    }
    // "… — Reuters", "… - AFP" closing the line.
    let closing = &bare[floor_boundary(bare, bare.len().saturating_sub(MAX_AGENCY))..];
    let offset = bare.len() - closing.len();
    for dash in ["\u{2014}", "\u{2013}", " - ", "--"] {
        if let Some(i) = closing.rfind(dash).map(|i| i + offset) {
            let after = i + dash.len();
            if let Some(r) = outlet::is_outlet(&bare[after..]) {
                return Some((to_text(after + r.start, after + r.end), false));
            }
        }
    }
    // "With agencies", "Reuters contributed to this report."
    let start = bare.rfind(". ").map_or(0, |i| i + 2);
    let sentence = bare[start..]
        .trim_matches(|c: char| c.is_whitespace() || "()\u{2014}\u{2013}-".contains(c));
    if sentence.len() <= MAX_NOTE_LINE {
        // The phrase opens or closes the sentence: fold only its ends.
        let head = &sentence[..floor_boundary(sentence, PHRASE_ENDS)];
        let tail = &sentence[ceil_boundary(sentence, sentence.len().saturating_sub(PHRASE_ENDS))..];
        let opens = with_folded(head, |h| PATTERNS.phrases.iter().any(|p| h.starts_with(p)));
        let closes = || with_folded(tail, |t| PATTERNS.phrases.iter().any(|p| t.ends_with(p)));
        if opens || closes() {
            let span = to_text(start, bare.len());
            if !span.is_empty() {
                return Some((span, start == 0));
            }
        }
    }
    None
}

/// True for the inside of a closing bracket that is an agency note: known
/// outlets, agency words and editors' initials, with at least one outlet or
/// agency word ("AFP", "cs with agencies", "dpa/ab", "Reuters, AP").
fn is_note_inner(inner: &str) -> bool {
    let inner = inner.trim();
    if inner.is_empty() || inner.len() > 60 || words(inner).count() > 8 {
        return false;
    }
    let folded = fold(inner);
    if PATTERNS.phrases.iter().any(|p| folded.contains(p)) {
        return true;
    }
    let mut split = inner.to_string();
    for joiner in [" with ", " mit ", " avec ", " and ", " und ", " et "] {
        split = split.replace(joiner, "/");
    }
    let mut agency = false;
    for part in split
        .split(['/', ',', ';', '&', '+'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if outlet::is_outlet(part).is_some() || PATTERNS.agency_words.contains(fold(part).as_str())
        {
            agency = true;
        } else if !((1..=4).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_lowercase())) {
            return false;
        }
    }
    agency
}

#[cfg(test)]
mod tests {
    use super::{agency_note, copyright_notice, read_line};

    fn credits(s: &str) -> Vec<&str> {
        read_line(s, 0).credits.iter().map(|c| c.slice(s)).collect()
    }

    fn note(s: &str) -> Option<(&str, bool)> {
        agency_note(s, 0).map(|(span, whole)| (span.slice(s), whole))
    }

    #[test]
    fn several_credits_after_one_marker() {
        assert_eq!(
            credits("Photos: Anna Vos/EPA; Mikko Salo/Lehtikuva"),
            ["Anna Vos/EPA", "Mikko Salo/Lehtikuva"]
        );
        // Caption text after the semicolon: no credit at all.
        assert_eq!(
            credits("Photo: Anna Vos/EPA; the crowd gathered. Police watched"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn credits_after_markers() {
        assert_eq!(credits("Photo: Lena Brandt/dpa"), ["Lena Brandt/dpa"]);
        assert_eq!(credits("Foto: Lena Brandt/dpa"), ["Lena Brandt/dpa"]);
        assert_eq!(credits("Image: Reuters"), ["Reuters"]);
        assert_eq!(
            credits("Credit: AP Photo/Evan Morrow"),
            ["AP Photo/Evan Morrow"]
        );
        assert_eq!(credits("Image source, Getty Images"), ["Getty Images"]);
        assert_eq!(
            credits("Photo : Jules Tanguy / AFP"),
            ["Jules Tanguy / AFP"]
        );
        let line = "Rescuers search the rubble in Odesa. (Photo by Mark Ellison/Getty Images)";
        assert_eq!(credits(line), ["Mark Ellison/Getty Images"]);
        assert!(read_line(line, 0).caption);
        assert!(read_line("Photo: Lena Brandt/dpa", 0).only_credit);
    }

    #[test]
    fn copyright_credits_and_caption_marks() {
        let line = "Fighters near the border beside an armoured vehicle. (Archive image) © Pavel Orlik/AFP";
        assert_eq!(credits(line), ["Pavel Orlik/AFP"]);
        let read = read_line(line, 0);
        assert!(read.caption && !read.only_credit);
        assert!(read_line("© Pavel Orlik/AFP", 0).only_credit);
        assert!(read_line("A damaged tram depot in Kherson (File photo)", 0).caption);
        assert!(read_line("Image caption, Firefighters at the scene", 0).caption);
        assert!(credits("© 2024 Reuters. All rights reserved.").is_empty());
        let notice = "© 2024 Reuters. All rights reserved.";
        assert_eq!(
            copyright_notice(notice, 0)
                .unwrap()
                .map(|s| s.slice(notice)),
            Some("Reuters")
        );
        assert_eq!(copyright_notice("© Pavel Orlik/AFP", 0), None);
    }

    #[test]
    fn slash_credits_ending_captions() {
        assert_eq!(
            credits("Residents clear debris in Kharkiv. Sergiy Volkov/AFP via Getty Images"),
            ["Sergiy Volkov/AFP via Getty Images"]
        );
        assert_eq!(
            credits("A convoy near Zaporizhzhia (AP Photo/Evan Morrow)"),
            ["AP Photo/Evan Morrow"]
        );
        assert!(credits("Talks between Kyiv/Moscow stalled").is_empty());
        assert!(credits("The ratio was 3/4").is_empty());
    }

    #[test]
    fn long_marker_values_make_captions() {
        let line = "Photo: Soldiers walk past a destroyed school in the village of Novoselivka near the front";
        let read = read_line(line, 0);
        assert!(read.credits.is_empty());
        assert!(read.caption);
    }

    #[test]
    fn source_lines() {
        let line = "Source: Ukrinform";
        let read = read_line(line, 0);
        assert_eq!(read.source.map(|s| s.slice(line)), Some("Ukrinform"));
        assert!(read.only_credit);
        assert!(read_line(
            "Sources say the talks failed and the delegation went home early.",
            0
        )
        .source
        .is_none());
    }

    #[test]
    fn ordinary_lines_have_no_credits() {
        let read = read_line("The army said it had repelled the attack.", 0);
        assert!(read.credits.is_empty() && !read.caption && !read.only_credit);
        assert!(read_line("", 0).credits.is_empty());
    }

    #[test]
    fn agency_notes() {
        assert_eq!(
            note("Like the Legion, it has claimed raids before. (cs with agencies)"),
            Some(("cs with agencies", false))
        );
        assert_eq!(note("(AFP)"), Some(("AFP", true)));
        assert_eq!(note("(dpa/ab)"), Some(("dpa/ab", true)));
        assert_eq!(
            note("The talks resume on Monday. (Reuters, AP)"),
            Some(("Reuters, AP", false))
        );
        assert_eq!(note("— Reuters"), Some(("Reuters", true)));
        assert_eq!(
            note("The ministry did not comment. — Reuters"),
            Some(("Reuters", false))
        );
        assert_eq!(note("With agencies"), Some(("With agencies", true)));
        assert_eq!(
            note("Reuters contributed to this report."),
            Some(("Reuters contributed to this report", true))
        );
        assert_eq!(
            note("He left. The Associated Press contributed to this report."),
            Some(("The Associated Press contributed to this report", false))
        );
        assert_eq!(note("Reuter"), Some(("Reuter", true)));
        assert_eq!(note("The Legion (RDK) said it attacked."), None);
        assert_eq!(note("It was founded in 2022 (officially)"), None);
        assert_eq!(note("Aid agencies warned of famine."), None);
        assert_eq!(note(""), None);
    }
}
