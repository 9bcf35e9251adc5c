//! The word and phrase lists in `crates/meta/data/`, and how text is folded to
//! look them up.
//!
//! Every list is a UTF-8 text file compiled into the crate with
//! `include_str!`: one entry per line, surrounding whitespace ignored, blank
//! lines and lines starting with `#` skipped. Entries are written in lower
//! case; lookups compare [`fold`]ed text. Each module parses the lists it
//! uses once, in a `LazyLock`.

use std::char::ToLowercase;
use std::collections::{HashMap, HashSet};

/// Known news outlets and agencies.
pub(crate) const OUTLETS: &str = include_str!("../data/outlets.txt");
/// Picture agencies seen in photo credits.
pub(crate) const PHOTO_AGENCIES: &str = include_str!("../data/photo_agencies.txt");
/// Page furniture phrases.
pub(crate) const FURNITURE: &str = include_str!("../data/furniture.txt");
/// Headings of lists of other articles.
pub(crate) const RELATED_HEADINGS: &str = include_str!("../data/related_headings.txt");
/// Month names with their numbers.
pub(crate) const MONTHS: &str = include_str!("../data/months.txt");
/// Weekday names.
pub(crate) const WEEKDAYS: &str = include_str!("../data/weekdays.txt");
/// Date labels with the kind of date they give.
pub(crate) const DATE_KEYWORDS: &str = include_str!("../data/date_keywords.txt");
/// Words that open a byline.
pub(crate) const BYLINE_PREFIXES: &str = include_str!("../data/byline_prefixes.txt");
/// Job titles that may follow a byline name.
pub(crate) const BYLINE_ROLES: &str = include_str!("../data/byline_roles.txt");
/// Capitalised words that are never part of a byline name.
pub(crate) const NOT_NAMES: &str = include_str!("../data/not_names.txt");
/// Markers introducing a photo credit.
pub(crate) const CREDIT_MARKERS: &str = include_str!("../data/credit_markers.txt");
/// Labels of a source line.
pub(crate) const SOURCE_MARKERS: &str = include_str!("../data/source_markers.txt");
/// Marks that make a line a caption.
pub(crate) const CAPTION_MARKS: &str = include_str!("../data/caption_marks.txt");
/// Phrases of a closing agency note.
pub(crate) const AGENCY_PHRASES: &str = include_str!("../data/agency_phrases.txt");
/// Frequent function words of languages in Latin script.
pub(crate) const FUNCTION_WORDS: &str = include_str!("../data/function_words.txt");
/// Frequent news words per Latin-script language, for language
/// identification when function words are scarce.
pub(crate) const NEWS_WORDS: &str = include_str!("../data/news_words.txt");
/// Words standing for "agencies" in a closing bracket.
pub(crate) const AGENCY_WORDS: &str = include_str!("../data/agency_words.txt");

/// A set of words hashed with the workspace's fast word hash.
pub(crate) type Set<T> = HashSet<T, sitrep_text::wordhash::Fast>;
/// A map from words hashed with the workspace's fast word hash.
pub(crate) type Map<K, V> = HashMap<K, V, sitrep_text::wordhash::Fast>;

/// The entries of a list file.
pub(crate) fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Folds one character for lookups: lower case, typographic apostrophes as
/// `'`, non-breaking and thin spaces as a space.
pub(crate) fn fold_char(c: char) -> ToLowercase {
    let c = match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' => '\'',
        '\u{a0}' | '\u{2009}' | '\u{202f}' => ' ',
        _ => c,
    };
    c.to_lowercase()
}

/// Folds a string for lookups (see [`fold_char`]).
pub(crate) fn fold(s: &str) -> String {
    s.chars().flat_map(fold_char).collect()
}

/// Calls `f` with `s` [`fold`]ed, without allocating when the folded text
/// fits a small buffer.
pub(crate) fn with_folded<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 256];
    if s.len() > buf.len() {
        return f(&fold(s));
    }
    let mut len = 0;
    for c in s.chars() {
        if c.is_ascii() {
            buf[len] = if c == '`' {
                b'\''
            } else {
                c.to_ascii_lowercase() as u8
            };
            len += 1;
            continue;
        }
        for folded in fold_char(c) {
            if len + folded.len_utf8() > buf.len() {
                return f(&fold(s));
            }
            len += folded.encode_utf8(&mut buf[len..]).len();
        }
    }
    f(std::str::from_utf8(&buf[..len]).expect("folded text is UTF-8"))
}

/// The spellings of lower-case `words` a case-sensitive matcher should
/// know: each word as written, with its first letter in capitals, and all
/// in capitals ("photo", "Photo", "PHOTO"; "(archive", "(Archive",
/// "(ARCHIVE").
pub(crate) fn case_variants<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out = Vec::new();
    for word in words {
        out.push(word.to_string());
        if let Some((i, first)) = word.char_indices().find(|(_, c)| c.is_alphabetic()) {
            let rest = &word[i + first.len_utf8()..];
            out.push(format!("{}{}{}", &word[..i], first.to_uppercase(), rest));
        }
        out.push(word.to_uppercase());
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A regex alternation of `words`, longest first so that a longer entry wins
/// over its own prefix ("march" before "mar").
pub(crate) fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    words.dedup();
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::{
        alternation, case_variants, entries, fold, with_folded, FURNITURE, MONTHS, OUTLETS,
    };

    #[test]
    fn entries_skip_comments_and_blank_lines() {
        let list: Vec<&str> =
            entries("# a comment\n\n  one \ntwo\n   # indented comment\n").collect();
        assert_eq!(list, ["one", "two"]);
    }

    #[test]
    fn data_files_parse() {
        assert!(entries(OUTLETS).any(|o| o == "Reuters"));
        assert!(entries(FURNITURE).any(|f| f == "share"));
        assert!(entries(MONTHS).any(|m| m == "3 марта"));
    }

    #[test]
    fn folding_lowercases_and_unifies_apostrophes() {
        assert_eq!(fold("O\u{2019}Brien\u{a0}SAID"), "o'brien said");
        assert_eq!(fold("МАРТА"), "марта");
    }

    #[test]
    fn folding_without_allocation_agrees() {
        for word in [
            "Jane",
            "MARCH",
            "Élodie",
            "O’Brien",
            "a-b",
            "İSTANBUL",
            "",
            "ß`",
        ] {
            assert_eq!(with_folded(word, str::to_string), fold(word));
        }
    }

    #[test]
    fn ascii_lowering_and_variants() {
        assert_eq!(
            case_variants(["фото", "(photo"]),
            ["(PHOTO", "(Photo", "(photo", "ФОТО", "Фото", "фото"]
        );
    }

    #[test]
    fn alternation_puts_longer_entries_first() {
        assert_eq!(alternation(["mar", "march", "a.b"]), "march|a\\.b|mar");
    }
}
