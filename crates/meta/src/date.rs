//! Dates as news pages write them: "2024-03-15T07:41:00Z", "15 March 2024",
//! "March 15, 2024", "Mar. 15, 2024", "15.03.2024", "15/03/2024" (day first
//! unless impossible), "Fri March 15, 2024", "15. März 2024", "15 mars 2024",
//! "15 марта 2024", "2024年3月15日"; with the labels that say whether a date
//! is the publication or the update date ("Published:", "Last updated",
//! "Mis à jour le", `data/date_keywords.txt`).
//!
//! Only dates with a year are read: "MOSCOW, March 15 (Reuters)" gives none,
//! and no year is ever guessed. Every date is validated, so "31 February
//! 2024" is no date.

use crate::lexicon::{
    alternation, entries, fold, with_folded, Map, Set, DATE_KEYWORDS, MONTHS, WEEKDAYS,
};
use crate::scan::{ends_sentence, is_letter, starts_with_word_ci};
use crate::DateKind;
use jiff::civil::Date;
use regex::{Captures, Regex};
use sitrep_text::Span;
use std::ops::Range;
use std::sync::LazyLock;

/// Lines longer than this are prose, never date lines.
const MAX_DATE_LINE: usize = 250;
/// Years outside this range are not publication dates.
const YEARS: std::ops::RangeInclusive<i16> = 1900..=2100;
/// Bytes before a year searched for its month name ("15. März 2024").
const MONTH_WINDOW: usize = 32;
/// Words other than the date a date line may hold ("Home page politics").
const MAX_OTHER_WORDS: usize = 3;

/// A date found in a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The date expression, with its weekday when one is attached.
    pub span: Span,
    /// The calendar date.
    pub date: Date,
    /// The kind its label gives, when it has one.
    pub kind: Option<DateKind>,
}

/// A line read as a date line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DateLine {
    /// The dates of the line, in order.
    pub dates: Vec<Found>,
    /// True when the line starts with a date label ("Published …").
    pub labelled: bool,
    /// Words of the line that are neither dates, times nor labels.
    pub other_words: usize,
}

struct Calendar {
    months: Map<&'static str, i8>,
    /// Bytes of the longest month name.
    longest_month: usize,
    weekdays: Set<&'static str>,
    /// Labels, longest first.
    keywords: Vec<(&'static str, DateKind)>,
    /// Every word of every label.
    keyword_words: Set<&'static str>,
    /// First words of labels.
    label_starts: Set<&'static str>,
    dates: Regex,
}

static CALENDAR: LazyLock<Calendar> = LazyLock::new(|| {
    let mut months = Map::default();
    for entry in entries(MONTHS) {
        let (number, name) = entry
            .split_once(' ')
            .expect("months.txt: number, then name");
        let number: i8 = number.parse().expect("months.txt: month number");
        months.insert(name.trim(), number);
    }
    let weekdays: Set<&str> = entries(WEEKDAYS).collect();
    let mut keywords: Vec<(&str, DateKind)> = entries(DATE_KEYWORDS)
        .map(|entry| {
            let (kind, label) = entry
                .split_once(' ')
                .expect("date_keywords.txt: kind, then label");
            let kind = match kind {
                "published" => DateKind::Published,
                "updated" => DateKind::Updated,
                other => panic!("date_keywords.txt: unknown kind {other}"),
            };
            (label.trim(), kind)
        })
        .collect();
    keywords.sort_by_key(|(label, _)| std::cmp::Reverse(label.len()));
    let keyword_words = keywords
        .iter()
        .flat_map(|(label, _)| label.split(' '))
        .collect();

    let m = alternation(months.keys().copied());
    let w = alternation(weekdays.iter().copied());
    let wd = format!(r"(?:(?:{w})\.?,?\s+)?");
    let iso = r"(?P<iso>(?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2})(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?)";
    let dmy = format!(
        r"(?P<dmy>{wd}(?P<dd>[0-9]{{1,2}})(?:\.|st|nd|rd|th|er)?\s*(?:of\s+|de\s+)?(?P<dm>{m})\.?,?\s+(?:de\s+|del\s+)?(?P<dy>[0-9]{{4}}))"
    );
    let mdy = format!(
        r"(?P<mdy>{wd}(?P<mm>{m})\.?\s+(?P<md>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>[0-9]{{4}}))"
    );
    let num = format!(
        r"(?P<num>{wd}(?P<n1>[0-9]{{1,2}})(?P<s1>[./-])(?P<n2>[0-9]{{1,2}})(?P<s2>[./-])(?P<n3>[0-9]{{4}}))"
    );
    let ymd =
        r"(?P<ymd>(?P<y2>[0-9]{4})(?P<s3>[./])(?P<m2>[0-9]{1,2})(?P<s4>[./])(?P<d2>[0-9]{1,2}))";
    let cjk = r"(?P<cjk>(?P<cy>[0-9]{4})\s*年\s*(?P<cm>[0-9]{1,2})\s*月\s*(?P<cd>[0-9]{1,2})\s*日)";
    let dates = Regex::new(&format!("(?i){iso}|{dmy}|{mdy}|{num}|{ymd}|{cjk}"))
        .expect("date pattern is valid");
    let label_starts = keywords
        .iter()
        .filter_map(|(label, _)| label.split(' ').next())
        .collect();
    Calendar {
        longest_month: months.keys().map(|m| m.len()).max().unwrap_or(0),
        months,
        weekdays,
        keywords,
        keyword_words,
        label_starts,
        dates,
    }
});

/// True when `s` has a four-digit year written the way a date writes it:
/// joined to digits by "-", "." or "/" (2024-03-15, 15.03.2024), followed
/// by 年, or within a few words after a month name (15 March 2024, March 15,
/// 2024). Only such lines go through the date pattern.
fn may_have_date(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start != 4 {
            continue;
        }
        let (before, after) = (&s[..start], &s[i..]);
        let joined = |c: Option<char>| matches!(c, Some('-' | '.' | '/'));
        if joined(before.chars().next_back())
            && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit())
            || joined(after.chars().next()) && after[1..].starts_with(|c: char| c.is_ascii_digit())
            || after.trim_start().starts_with('年')
            || month_before(before)
        {
            return true;
        }
    }
    false
}

/// True when one of the last words of `before` is a month name.
fn month_before(before: &str) -> bool {
    let cal = &*CALENDAR;
    let window =
        &before[crate::scan::ceil_boundary(before, before.len().saturating_sub(MONTH_WINDOW))..];
    window
        .split(|c: char| !is_letter(c))
        // Folding keeps the length of ASCII words: longer ones are no month.
        .filter(|w| (3..=30).contains(&w.len()) && !(w.is_ascii() && w.len() > cal.longest_month))
        .any(|w| with_folded(w, |f| cal.months.contains_key(f)))
}

/// Every valid date with a year in `s`, as byte ranges of `s`.
pub(crate) fn dates_in(s: &str) -> Vec<(Range<usize>, Date)> {
    if !may_have_date(s) {
        return Vec::new();
    }
    let cal = &*CALENDAR;
    let mut found = Vec::new();
    for caps in cal.dates.captures_iter(s) {
        let m = caps.get(0).expect("group 0 always matches");
        // The pattern has no word boundaries (Unicode ones would slow the
        // search down on non-ASCII text): check the ends here.
        let glued_before = s[..m.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if glued_before || s[m.end()..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if let Some(date) = to_date(cal, &caps) {
            found.push((m.range(), date));
        }
    }
    found
}

fn to_date(cal: &Calendar, caps: &Captures) -> Option<Date> {
    let n = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
    let month = |name: &str| {
        let word = fold(caps.name(name)?.as_str());
        cal.months
            .get(word.trim_end_matches('.'))
            .map(|&m| i16::from(m))
    };
    let (year, month, day) = if caps.name("iso").is_some() {
        (n("iy")?, n("im")?, n("id")?)
    } else if caps.name("dmy").is_some() {
        (n("dy")?, month("dm")?, n("dd")?)
    } else if caps.name("mdy").is_some() {
        (n("my")?, month("mm")?, n("md")?)
    } else if caps.name("num").is_some() {
        if caps.name("s1")?.as_str() != caps.name("s2")?.as_str() {
            return None;
        }
        let (a, b) = (n("n1")?, n("n2")?);
        // Day first, unless that is impossible and month first is not.
        let (day, month) = if a <= 12 && b > 12 { (b, a) } else { (a, b) };
        (n("n3")?, month, day)
    } else if caps.name("ymd").is_some() {
        if caps.name("s3")?.as_str() != caps.name("s4")?.as_str() {
            return None;
        }
        (n("y2")?, n("m2")?, n("d2")?)
    } else {
        (n("cy")?, n("cm")?, n("cd")?)
    };
    if !YEARS.contains(&year) {
        return None;
    }
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The dates of `s` with the kind each one's label gives. `base` is the
/// offset of `s` in the text.
pub(crate) fn find(s: &str, base: usize) -> Vec<Found> {
    let mut prev = 0;
    dates_in(s)
        .into_iter()
        .map(|(range, date)| {
            let kind = label_before(&s[prev..range.start]);
            prev = range.end;
            Found {
                span: Span::new(base + range.start, base + range.end),
                date,
                kind,
            }
        })
        .collect()
}

/// The kind given by the date label closest to the end of `gap`.
fn label_before(gap: &str) -> Option<DateKind> {
    let gap = fold(gap);
    let mut best: Option<(usize, usize, DateKind)> = None;
    for &(label, kind) in &CALENDAR.keywords {
        let found = gap.rmatch_indices(label).find(|&(i, _)| {
            let before = gap[..i].chars().next_back();
            let after = gap[i + label.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        if let Some((i, _)) = found {
            let key = (i + label.len(), label.len());
            if !matches!(best, Some((end, len, _)) if key <= (end, len)) {
                best = Some((key.0, key.1, kind));
            }
        }
    }
    best.map(|(_, _, kind)| kind)
}

/// The label at the start of `s` ("Published:", "Last updated"), if any.
fn label_at_start(s: &str) -> Option<DateKind> {
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    CALENDAR
        .keywords
        .iter()
        .find(|(label, _)| starts_with_word_ci(s, label).is_some())
        .map(|&(_, k)| k)
}

/// A line that is only a date label ("Published:", "Updated"), which gives
/// its kind to the date on the next line.
pub(crate) fn label(s: &str) -> Option<DateKind> {
    if s.len() > 40 {
        return None;
    }
    with_folded(
        s.trim().trim_end_matches([':', '-', '–']).trim(),
        |folded| {
            CALENDAR
                .keywords
                .iter()
                .find(|(label, _)| *label == folded)
                .map(|&(_, k)| k)
        },
    )
}

/// True when `s` starts the date part of a line: a digit, a weekday or month
/// followed by a date, or a date label.
pub(crate) fn starts_date(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() {
        return true;
    }
    if !is_letter(first) {
        return false;
    }
    let end = s.find(|c: char| !is_letter(c)).unwrap_or(s.len());
    let (word, rest) = s.split_at(end);
    let cal = &*CALENDAR;
    let next_is_day = |after: &str| {
        after.starts_with(['.', ',', ' ', '\u{a0}'])
            && after
                .trim_start_matches(['.', ','])
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
    };
    with_folded(word, |w| {
        if cal.label_starts.contains(w)
            && cal
                .keywords
                .iter()
                .any(|(label, _)| starts_with_word_ci(s, label).is_some())
        {
            return true;
        }
        if cal.months.contains_key(w) {
            return !rest.starts_with(',') && next_is_day(rest);
        }
        if cal.weekdays.contains(w) {
            let after = rest.trim_start_matches(['.', ',']).trim_start();
            let next_end = after.find(|c: char| !is_letter(c)).unwrap_or(after.len());
            return next_is_day(rest)
                || (next_end > 0
                    && after.len() < rest.len()
                    && with_folded(&after[..next_end], |m| cal.months.contains_key(m)));
        }
        false
    })
}

/// Reads `s` as a date line: a line whose words are a date and little else
/// (times, weekdays, labels, up to three other words such as "Home page
/// politics"), or that starts with a date label. Dates inside sentences are
/// not read.
pub(crate) fn read_line(s: &str, base: usize) -> Option<DateLine> {
    if s.len() > MAX_DATE_LINE {
        return None;
    }
    let ranges = dates_in(s);
    if ranges.is_empty() {
        return None;
    }
    let labelled = label_at_start(s).is_some();
    let mut other_words = 0;
    let mut prev = 0;
    for (range, _) in &ranges {
        other_words += count_other_words(&s[prev..range.start]);
        prev = range.end;
    }
    other_words += count_other_words(&s[prev..]);
    let accepted =
        labelled || other_words == 0 || (other_words <= MAX_OTHER_WORDS && !ends_sentence(s));
    accepted.then(|| DateLine {
        dates: find(s, base),
        labelled,
        other_words,
    })
}

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let m = alternation(CALENDAR.months.keys().copied());
    Regex::new(&format!(
        r"(?i)(?P<m1>{m})\.?\s+(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)|(?-u:\b)(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th|\.)?\s+(?P<m2>{m})(?-u:\b)"
    ))
    .expect("month-day pattern is valid")
});

/// The first month and day without a year in `s`, as a wire dateline
/// writes them ("KHARTOUM, Nov 6 (Reuters)", "PARIS, 6 novembre (AFP)"):
/// its byte range, month and day.
pub(crate) fn month_day(s: &str) -> Option<(Range<usize>, i8, i8)> {
    let caps = MONTH_DAY.captures(s)?;
    let (m, d) = match caps.name("m1") {
        Some(m) => (m, caps.name("d1")?),
        None => (caps.name("m2")?, caps.name("d2")?),
    };
    let month = with_folded(m.as_str(), |f| CALENDAR.months.get(f).copied())?;
    let day: i8 = d.as_str().parse().ok()?;
    let whole = caps.get(0)?.range();
    (1..=31).contains(&day).then_some((whole, month, day))
}

/// The date a yearless month and day stands for, given a full date of the
/// same page: the latest such date not more than a week after it.
pub(crate) fn with_year_of(month: i8, day: i8, reference: Date) -> Option<Date> {
    let year = reference.year();
    let date = Date::new(year, month, day).ok();
    match date {
        Some(d) if d <= reference.saturating_add(jiff::Span::new().days(7)) => Some(d),
        _ => Date::new(year - 1, month, day).ok(),
    }
}

/// True when `s` is a time or a relative time and nothing else: "07:42",
/// "3:14 PM GMT+3", "3 hours ago", "6 min read".
pub(crate) fn is_time_field(s: &str) -> bool {
    if !s.bytes().any(|b| b.is_ascii_digit()) || s.len() > 40 {
        return false;
    }
    if count_other_words(s) == 0 {
        return true;
    }
    let lower = s.to_lowercase();
    let relative = ["ago", "read", "lesezeit", "de lecture"]
        .iter()
        .any(|w| lower.ends_with(w));
    relative && crate::scan::word_count(s) <= 4
}

/// Words of a piece of a date line that are not times, time zones,
/// weekdays, labels or connecting words.
fn count_other_words(piece: &str) -> usize {
    piece
        .split(|c: char| c.is_whitespace() || ",|•·/()[]:;–—-".contains(c))
        .filter(|t| !is_date_filler(t))
        .count()
}

fn is_date_filler(token: &str) -> bool {
    const FILLERS: &[&str] = &[
        "am", "pm", "a.m", "p.m", "at", "on", "um", "à", "le", "la", "the", "of", "de", "du", "in",
        "в", "г", "года", "uhr", "h", "et", "and", "und", "y", "o'clock", "time", "local",
    ];
    let t = token.trim_matches('.');
    if t.is_empty() {
        return true;
    }
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'h'))
    {
        let suffix = t[digits.len()..].to_ascii_lowercase();
        if matches!(suffix.as_str(), "" | "am" | "pm" | "h" | "hrs" | "z") {
            return true;
        }
    }
    // Time zones: CET, EDT, GMT, UTC, MSK, ET.
    if (2..=5).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_uppercase()) {
        return true;
    }
    let f = fold(t);
    let cal = &*CALENDAR;
    FILLERS.contains(&f.as_str())
        || cal.weekdays.contains(f.as_str())
        || cal.keyword_words.contains(f.as_str())
        || (f.starts_with("utc") || f.starts_with("gmt"))
            && f[3..].chars().all(|c| "+-:0123456789".contains(c))
}

#[cfg(test)]
mod tests {
    use super::{dates_in, find, label, may_have_date, read_line, starts_date};
    use crate::DateKind;
    use jiff::civil::{date, Date};

    /// The text and date of the first date in `s`.
    fn first(s: &str) -> Option<(&str, Date)> {
        dates_in(s).into_iter().next().map(|(r, d)| (&s[r], d))
    }

    fn ymd(s: &str) -> Option<Date> {
        first(s).map(|(_, d)| d)
    }

    #[test]
    fn iso_dates_and_timestamps() {
        assert_eq!(
            first("date 2024-03-15 Home page politics"),
            Some(("2024-03-15", date(2024, 3, 15)))
        );
        assert_eq!(
            first("2024-03-15T07:41:00Z").unwrap().0,
            "2024-03-15T07:41:00Z"
        );
        assert_eq!(
            first("at 2023-11-02T18:05:09+02:00 local").unwrap().0,
            "2023-11-02T18:05:09+02:00"
        );
        assert_eq!(ymd("2022-12-01 09:30"), Some(date(2022, 12, 1)));
        assert_eq!(ymd("ref 2024-03-155"), None);
    }

    #[test]
    fn day_month_year_in_several_languages() {
        assert_eq!(
            first("15 March 2024"),
            Some(("15 March 2024", date(2024, 3, 15)))
        );
        assert_eq!(ymd("Published: 12 February 2025"), Some(date(2025, 2, 12)));
        assert_eq!(
            first("Updated Tue 4 June 2024 07:41 CET").unwrap().0,
            "Tue 4 June 2024"
        );
        assert_eq!(
            first("Friday, 15 March 2024, 10:03").unwrap().0,
            "Friday, 15 March 2024"
        );
        assert_eq!(
            ymd("Stand: 15. März 2024, 10:03 Uhr"),
            Some(date(2024, 3, 15))
        );
        assert_eq!(ymd("publié le 3 mars 2023"), Some(date(2023, 3, 3)));
        assert_eq!(ymd("Mis à jour le 1er août 2023"), Some(date(2023, 8, 1)));
        assert_eq!(ymd("15 марта 2024 года"), Some(date(2024, 3, 15)));
        assert_eq!(ymd("7 ЖОВТНЯ 2023"), Some(date(2023, 10, 7)));
        assert_eq!(ymd("9 de mayo de 2022"), Some(date(2022, 5, 9)));
        assert_eq!(ymd("the 21st of June, 2023"), Some(date(2023, 6, 21)));
    }

    #[test]
    fn month_day_year() {
        assert_eq!(
            first("March 15, 2024"),
            Some(("March 15, 2024", date(2024, 3, 15)))
        );
        assert_eq!(first("Mar. 15, 2024").unwrap().0, "Mar. 15, 2024");
        assert_eq!(ymd("Sept. 3, 2023"), Some(date(2023, 9, 3)));
        assert_eq!(
            first("Published 3:40 PM EDT, Fri March 15, 2024")
                .unwrap()
                .0,
            "Fri March 15, 2024"
        );
        assert_eq!(
            ymd("Posted on March 15th, 2024 at 9:00 am"),
            Some(date(2024, 3, 15))
        );
    }

    #[test]
    fn numeric_dates_are_day_first_unless_impossible() {
        assert_eq!(ymd("15.03.2024"), Some(date(2024, 3, 15)));
        assert_eq!(ymd("15/03/2024"), Some(date(2024, 3, 15)));
        assert_eq!(ymd("04/03/2024"), Some(date(2024, 3, 4)));
        assert_eq!(ymd("03/15/2024"), Some(date(2024, 3, 15)));
        assert_eq!(ymd("2024/03/15"), Some(date(2024, 3, 15)));
        assert_eq!(ymd("15.03/2024"), None);
        assert_eq!(ymd("2024年3月15日"), Some(date(2024, 3, 15)));
    }

    #[test]
    fn invalid_and_yearless_dates_are_not_read() {
        assert_eq!(ymd("31 February 2024"), None);
        assert_eq!(ymd("2023-02-29"), None);
        assert_eq!(ymd("2024-02-29"), Some(date(2024, 2, 29)));
        assert_eq!(ymd("45/45/2024"), None);
        assert_eq!(ymd("2024-13-01"), None);
        assert_eq!(ymd("March 15"), None);
        assert_eq!(ymd("MOSCOW, March 15 (Reuters) - Russia said"), None);
        assert_eq!(ymd("15 March 1066"), None);
        assert_eq!(ymd("99999999"), None);
        assert_eq!(ymd(""), None);
    }

    #[test]
    fn labels_give_the_kind() {
        let found = find("Published 12 Feb 2025, 10:00 | Updated 13 Feb 2025", 0);
        let kinds: Vec<_> = found.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [Some(DateKind::Published), Some(DateKind::Updated)]);
        assert_eq!(
            find("Last updated: 13.02.2025", 0)[0].kind,
            Some(DateKind::Updated)
        );
        assert_eq!(
            find("Mis à jour le 13 février 2025", 0)[0].kind,
            Some(DateKind::Updated)
        );
        assert_eq!(
            find("Опубликовано 13 февраля 2025", 0)[0].kind,
            Some(DateKind::Published)
        );
        assert_eq!(find("13 Feb 2025", 0)[0].kind, None);
        assert_eq!(label("Updated:"), Some(DateKind::Updated));
        assert_eq!(label("Veröffentlicht am"), Some(DateKind::Published));
        assert_eq!(label("Update your settings"), None);
    }

    #[test]
    fn date_lines_versus_sentences() {
        let line = read_line(" date 2024-03-15 Home page politics", 0).unwrap();
        assert!(line.labelled);
        assert_eq!(line.dates[0].kind, Some(DateKind::Published));
        assert!(read_line("15 March 2024", 0).is_some());
        assert!(read_line("Friday, 15 March 2024, 10:03", 0).is_some());
        assert!(read_line("Updated Tue 4 June 2024 07:41 CET", 0).is_some());
        assert!(read_line("Posted on March 15, 2024 at 9:00 am", 0).is_some());
        assert!(read_line("Last updated: 2 April 2024 - 14:20 BST", 0).is_some());
        assert!(read_line("Fri 15 Mar 2024 10.03 GMT", 0).is_some());
        let modified = read_line("Last modified on Fri 15 Mar 2024 12.00 GMT", 0).unwrap();
        assert_eq!(modified.dates[0].kind, Some(DateKind::Updated));
        assert!(read_line("Mar 15, 2024 • 7:41 AM", 0).is_some());
        assert!(read_line("15.03.2024 | 10:03", 0).is_some());
        assert!(read_line("Updated: 15:20 CET | 15.03.2024", 0).is_some());
        assert!(read_line("Stand: 15.03.2024 10:03 Uhr", 0).is_some());
        assert!(read_line(
            "On March 3, 2022 the war began in earnest across the east.",
            0
        )
        .is_none());
        assert!(read_line("Troops crossed the border on 24.02.2022.", 0).is_none());
        assert!(read_line("No date here", 0).is_none());
    }

    #[test]
    fn only_lines_that_may_hold_a_date_are_searched() {
        assert!(!may_have_date("T1 became the Worlds 2023 champions"));
        assert!(!may_have_date("Revenue rose to 1,234 mln in 12345 units"));
        assert!(may_have_date("On 15 March 2024"));
        assert!(may_have_date("15. März 2024"));
        assert!(may_have_date("15 февраля 2024"));
        assert!(may_have_date("2024-03-15T07:41"));
        assert!(may_have_date("15/03/2024"));
        assert!(may_have_date("2024年3月15日"));
        assert!(may_have_date("March 15th, 2024"));
    }

    #[test]
    fn date_starts_for_bylines() {
        assert!(starts_date("Updated 10:03 GMT"));
        assert!(starts_date("March 15, 2024"));
        assert!(starts_date("Friday, 15 March"));
        assert!(starts_date("15.03.2024"));
        assert!(!starts_date("Marchetti"));
        assert!(!starts_date("May Smith"));
        assert!(starts_date("Mar. 15"));
        assert!(starts_date("Fri, March 15"));
        assert!(starts_date("Last updated 10:03"));
        assert!(!starts_date("Friday Russian forces"));
        assert!(!starts_date("Lastly"));
        assert!(!starts_date(""));
    }

    /// The (date, kind) pairs of a date line.
    fn line(s: &str) -> Option<Vec<(Date, Option<DateKind>)>> {
        read_line(s, 0).map(|d| d.dates.iter().map(|f| (f.date, f.kind)).collect())
    }

    #[test]
    fn yearless_wire_dates() {
        use super::{month_day, with_year_of};
        let s = "ADEN, Sept 14 (Reuters) -";
        let (r, m, d) = month_day(s).unwrap();
        assert_eq!((&s[r], m, d), ("Sept 14", 9, 14));
        assert_eq!(
            month_day("LYON, 3 octobre (AFP) -").map(|x| (x.1, x.2)),
            Some((10, 3))
        );
        assert_eq!(month_day("KHARKIV (AP) -"), None);
        assert_eq!(
            with_year_of(9, 14, date(2024, 9, 15)),
            Some(date(2024, 9, 14))
        );
        assert_eq!(
            with_year_of(12, 30, date(2025, 1, 2)),
            Some(date(2024, 12, 30))
        );
        assert_eq!(
            with_year_of(1, 3, date(2024, 12, 31)),
            Some(date(2024, 1, 3))
        );
    }

    #[test]
    fn header_date_lines_of_many_sites() {
        let p = Some(DateKind::Published);
        let u = Some(DateKind::Updated);
        assert_eq!(
            line("Sat 9 Nov 2024 14.05 GMT"),
            Some(vec![(date(2024, 11, 9), None)])
        );
        assert_eq!(
            line("Apr. 3, 2024 6:15 p.m. ET"),
            Some(vec![(date(2024, 4, 3), None)])
        );
        assert_eq!(
            line("21st June 2024"),
            Some(vec![(date(2024, 6, 21), None)])
        );
        assert_eq!(line("Sept. 4, 2024"), Some(vec![(date(2024, 9, 4), None)]));
        assert_eq!(
            line("Posted: Thu, 8 Aug 2024 06:41:10 +0000"),
            Some(vec![(date(2024, 8, 8), p)])
        );
        assert_eq!(
            line("Publié le 9 avril 2024 à 07h30, modifié le 10 avril 2024 à 11h02"),
            Some(vec![(date(2024, 4, 9), p), (date(2024, 4, 10), u)])
        );
        assert_eq!(
            line("Stand: 02.10.2024 16:40 Uhr"),
            Some(vec![(date(2024, 10, 2), u)])
        );
        assert_eq!(
            line("Last modified on Wed 6 Nov 2024 19.20 GMT"),
            Some(vec![(date(2024, 11, 6), u)])
        );
        assert_eq!(
            line("First published on Tue 5 Nov 2024 08.00 GMT"),
            Some(vec![(date(2024, 11, 5), p)])
        );
        assert_eq!(line("Published 4 hours ago"), None);
        assert_eq!(line("7.5.2024"), Some(vec![(date(2024, 5, 7), None)]));
    }
}
