//! Page furniture: navigation, sharing, subscription, advertising, cookie
//! and tag lines (`data/furniture.txt`), reading-time lines ("4 min read"),
//! breadcrumbs ("Home › World › Europe") and copyright notices.

use crate::lexicon::{entries, with_folded, Map, Set, FURNITURE, RELATED_HEADINGS};
use crate::scan::{floor_boundary, words};
use regex::Regex;
use std::sync::LazyLock;

/// Lines longer than this are never furniture.
const MAX_FURNITURE: usize = 400;
/// Lines matched by a prefix entry may be this long.
const MAX_PREFIXED: usize = 200;
/// Menus and breadcrumbs are at most this long.
const MAX_MENU: usize = 160;
/// Bytes of a long line compared with the prefix entries (longer than any).
const OPENING: usize = 48;
/// Words of one part of a breadcrumb.
const MAX_CRUMB_WORDS: usize = 4;

struct Phrases {
    exact: Set<&'static str>,
    /// Length of the longest exact entry.
    longest_exact: usize,
    /// Prefix entries without their `*`, by first character, longest first.
    prefixes: Map<char, Vec<&'static str>>,
    reading_time: Regex,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let mut exact = Set::default();
    let mut prefixes: Map<char, Vec<&str>> = Map::default();
    for entry in entries(FURNITURE) {
        match entry.strip_suffix('*') {
            Some(prefix) => {
                let prefix = prefix.trim_end();
                let first = prefix.chars().next().expect("furniture.txt: empty prefix");
                prefixes.entry(first).or_default().push(prefix);
            }
            None => {
                exact.insert(entry);
            }
        }
    }
    for list in prefixes.values_mut() {
        list.sort_by_key(|p| std::cmp::Reverse(p.len()));
    }
    let reading_time = Regex::new(
        r"(?i)^(?:(?:reading time|lesezeit|temps de lecture)\s*:?\s*)?[0-9]{1,3}\s*(?:-\s*)?(?:min|mins|minutes?|minuten|minute)\.?(?:\s+(?:read|reading|lesezeit|de lecture|listen))?$",
    )
    .expect("reading time pattern is valid");
    Phrases {
        longest_exact: exact.iter().map(|e| e.len()).max().unwrap_or(0),
        exact,
        prefixes,
        reading_time,
    }
});

/// Characters trimmed from a line's ends before matching.
fn is_decoration(c: char) -> bool {
    c.is_whitespace() || ":|•·›»>*-–—▶►#".contains(c)
}

static RELATED: LazyLock<Set<&'static str>> = LazyLock::new(|| entries(RELATED_HEADINGS).collect());

/// True when line `s` heads a list of other articles ("Read more", "Most
/// read:", "More on this story"), whose dates and bylines are not this
/// article's.
pub(crate) fn is_related_heading(s: &str) -> bool {
    if s.len() > 60 {
        return false;
    }
    let core = s.trim_matches(is_decoration).trim_end_matches([':', '.']);
    with_folded(core, |f| RELATED.contains(f))
}

/// True when line `s` is page furniture.
pub(crate) fn is_furniture(s: &str) -> bool {
    if s.len() > MAX_FURNITURE {
        return false;
    }
    let core = s.trim_matches(is_decoration).trim_end_matches(['.', '!']);
    if core.is_empty() {
        return !s.trim().is_empty() && !s.chars().any(char::is_alphanumeric);
    }
    // Only cookie notices are long. A line longer than every exact entry
    // can only match a prefix entry: its opening words are enough.
    let long = s.len() > MAX_PREFIXED;
    let opening = if core.len() > PHRASES.longest_exact.max(OPENING) {
        &core[..floor_boundary(core, OPENING)]
    } else {
        core
    };
    let whole = opening.len() == core.len();
    with_folded(opening, |folded| furniture_words(core, folded, long, whole))
}

/// The checks of [`is_furniture`] on a line's core and its folded opening
/// (`whole` when the opening is all of the core).
fn furniture_words(core: &str, folded: &str, long: bool, whole: bool) -> bool {
    let p = &*PHRASES;
    if whole && !long && p.exact.contains(folded) {
        return true;
    }
    let reading_time = core.starts_with(|c: char| c.is_ascii_digit())
        || ["reading time", "lesezeit", "temps de lecture"]
            .iter()
            .any(|w| folded.starts_with(w));
    if reading_time && p.reading_time.is_match(core) {
        return true;
    }
    let long_ok =
        |prefix: &str| !long || prefix.starts_with("cookie") || prefix.contains("cookies");
    let first = folded.chars().next().unwrap_or(' ');
    let prefixed = p.prefixes.get(&first).is_some_and(|list| {
        list.iter().any(|prefix| {
            long_ok(prefix)
                && folded.starts_with(prefix)
                && !(prefix.ends_with(char::is_alphanumeric)
                    && folded[prefix.len()..].starts_with(char::is_alphanumeric))
        })
    });
    prefixed
        || (core.len() <= MAX_MENU && has_any(core, &['|', '•', '·']) && menu(core))
        || (core.len() <= MAX_MENU && has_any(core, &['›', '»', '>']) && breadcrumb(core))
}

/// True when `s` holds one of `chars` (found by their first byte, faster
/// than a `char` pattern).
fn has_any(s: &str, chars: &[char]) -> bool {
    let mut firsts = [0u8; 3];
    for (slot, c) in firsts.iter_mut().zip(chars) {
        let mut buf = [0u8; 4];
        *slot = c.encode_utf8(&mut buf).as_bytes()[0];
    }
    memchr::memchr3(firsts[0], firsts[1], firsts[2], s.as_bytes()).is_some()
        && chars.iter().any(|&c| s.contains(c))
}

/// "Share | Tweet | Email": several furniture entries between separators.
fn menu(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['|', '•', '·']).map(str::trim).collect();
    parts.len() >= 2
        && parts.iter().all(|part| {
            part.is_empty()
                || with_folded(part.trim_matches(is_decoration), |f| {
                    PHRASES.exact.contains(f)
                })
        })
}

/// "Home › World › Europe": two or more arrows between short parts.
fn breadcrumb(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['›', '»', '>']).map(str::trim).collect();
    parts.len() >= 3
        && parts.iter().all(|part| {
            !part.is_empty() && words(part).count() <= MAX_CRUMB_WORDS && !part.ends_with('.')
        })
}

#[cfg(test)]
mod tests {
    use super::is_furniture;

    #[test]
    fn navigation_and_sharing() {
        for line in [
            "Home page politics",
            "Home page",
            "Share",
            "Share this article",
            "Share on Facebook",
            "Read more: Ukraine's drone makers race to keep up",
            "READ ALSO",
            "Subscribe to our newsletter",
            "Advertisement",
            "Related:",
            "Follow us on Telegram",
            "Click here to read the full report",
            "Skip to content",
            "Comments",
            "Copy link",
            "Image caption",
            "Media caption",
            "Listen to this article",
            "4 min read",
            "Reading time: 6 minutes",
            "Tags: Ukraine, Russia, Drones",
            "We use cookies to improve your experience. By continuing you accept our use of cookies.",
            "Share | Tweet | Email",
            "Home › World › Europe",
            "Lesen Sie auch: Die Lage an der Front",
            "Lire aussi : la guerre en Ukraine",
            "Читайте также: новости",
            "* * *",
        ] {
            assert!(is_furniture(line), "{line:?} should be furniture");
        }
    }

    #[test]
    fn article_text_is_not_furniture() {
        for line in [
            "Shares of the arms maker rose 4 percent.",
            "Sharing intelligence with Kyiv remains a priority, he said.",
            "Reading the statement aloud, the governor urged calm.",
            "Homes were destroyed in the shelling.",
            "Pro-Ukrainian militia wants to “free Russia from Putin”",
            "Comments by the minister drew criticism",
            "Related deaths rose sharply in the region.",
            "Follow-up strikes hit the same building an hour later.",
            "Next, the convoy moved towards the bridge.",
            "Ukraine > Russia in drone output, analysts say > 2 to 1",
            "",
        ] {
            assert!(!is_furniture(line), "{line:?} should not be furniture");
        }
    }
}
