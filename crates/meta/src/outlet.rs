//! Known outlets and picture agencies (`data/outlets.txt`,
//! `data/photo_agencies.txt`).

use crate::lexicon::{alternation, entries, OUTLETS, PHOTO_AGENCIES};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Matches the names as written or in capitals, at (ASCII) word boundaries.
fn matcher(names: &[&str]) -> Regex {
    let capitals: Vec<String> = names.iter().map(|n| n.to_uppercase()).collect();
    let all = names
        .iter()
        .copied()
        .chain(capitals.iter().map(String::as_str));
    // ASCII word boundaries: Unicode ones would slow the search down on
    // non-ASCII text.
    let pattern = format!(r"(?-u:\b)(?:{})(?-u:\b)", alternation(all));
    Regex::new(&pattern).expect("outlet names make a valid pattern")
}

static OUTLET: LazyLock<Regex> = LazyLock::new(|| matcher(&entries(OUTLETS).collect::<Vec<_>>()));

static PICTURE: LazyLock<Regex> = LazyLock::new(|| {
    matcher(
        &entries(OUTLETS)
            .chain(entries(PHOTO_AGENCIES))
            .collect::<Vec<_>>(),
    )
});

/// The first known outlet named in `s`.
pub(crate) fn find(s: &str) -> Option<Range<usize>> {
    OUTLET.find(s).map(|m| m.range())
}

/// True when `s`, without surrounding punctuation, is a known outlet's name.
pub(crate) fn is_outlet(s: &str) -> Option<Range<usize>> {
    whole(&OUTLET, s)
}

/// A known outlet or picture agency at the very start of `s`.
pub(crate) fn picture_agency_at_start(s: &str) -> Option<Range<usize>> {
    PICTURE
        .find(s)
        .filter(|m| m.start() == 0)
        .map(|m| m.range())
}

/// Where a known outlet or picture agency ending exactly at the end of `s`
/// starts.
pub(crate) fn picture_agency_ending_at(s: &str) -> Option<usize> {
    PICTURE
        .find_iter(s)
        .filter(|m| m.end() == s.len())
        .map(|m| m.start())
        .last()
}

/// True when `s`, without surrounding punctuation, is a known outlet or
/// picture agency.
pub(crate) fn is_picture_agency(s: &str) -> bool {
    whole(&PICTURE, s).is_some()
}

fn whole(re: &Regex, s: &str) -> Option<Range<usize>> {
    let junk =
        |c: char| c.is_whitespace() || matches!(c, '.' | ',' | ':' | ';' | '|' | '-' | '–' | '—');
    let head = s.len() - s.trim_start_matches(junk).len();
    let tail = s.trim_end_matches(junk).len();
    if head >= tail {
        return None;
    }
    let m = re.find(&s[head..tail])?;
    (m.start() == 0 && m.end() == tail - head).then_some(head..tail)
}

#[cfg(test)]
mod tests {
    use super::{
        find, is_outlet, is_picture_agency, picture_agency_at_start, picture_agency_ending_at,
    };

    #[test]
    fn known_outlets_are_found() {
        assert_eq!(find("By Jane Doe | Reuters"), Some(14..21));
        assert_eq!(find("written for the Kyiv Independent"), Some(16..32));
        assert_eq!(find("BY JANE DOE | REUTERS"), Some(14..21));
        assert_eq!(find("at the time"), None);
        assert_eq!(find("a map of the area"), None);
        assert_eq!(find("He was apt to say"), None);
        assert_eq!(find("Jane Doe, AP"), Some(10..12));
        assert_eq!(find("Jane Doe, ap"), None);
    }

    #[test]
    fn whole_outlet_lines() {
        assert_eq!(is_outlet("  Reuters. "), Some(2..9));
        assert!(is_outlet("BBC News").is_some());
        assert!(is_outlet("Reuters says").is_none());
        assert!(is_outlet("").is_none());
    }

    #[test]
    fn picture_agencies() {
        assert!(is_picture_agency("Getty Images"));
        assert!(is_picture_agency("AFP"));
        assert_eq!(picture_agency_at_start("AP Photo/John Roe"), Some(0..8));
        assert_eq!(picture_agency_at_start("the AP"), None);
        assert_eq!(
            picture_agency_ending_at("Jane Doe, picture alliance"),
            Some(10)
        );
    }
}
