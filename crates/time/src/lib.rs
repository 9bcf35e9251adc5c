//! Time expressions in English news text: where they are ([`find`]) and what
//! days they cover ([`resolve`]), read against the publication date as the
//! sitrep annotation guidelines (§5.6) ask:
//!
//! | text | range |
//! | --- | --- |
//! | "on Tuesday", "Tuesday morning" | the latest Tuesday on or before publication |
//! | "today", "this morning" | publication day |
//! | "yesterday", "yesterday evening" | publication − 1 |
//! | "overnight", "during the night", "late on Monday night" | the night's two days |
//! | "since Sunday" | that day … publication |
//! | "last week" | Monday … Sunday of the previous calendar week |
//! | "two days earlier", "a day later" | counted from the event's own date |
//! | "over the past day", "in the past 24 hours" | publication − 1 … publication |
//! | "on 24 September", "14 and 15 May", "March 12", "12.03.2024" | those days |
//! | "earlier this month" | the month's first day … publication |
//! | "in recent days" | publication − 7 … publication |
//!
//! Each resolution carries ACLED's `time_precision` (1 a day, 2 a range of
//! days or a week, 3 a month or wider) and a TIMEX3 value ("2024-03-12",
//! "2024-W11", "2024-03", "2024", "PAST_REF") for TempEval-style scoring.
//!
//! Recognition is a set of case-insensitive patterns over the text (month
//! names must be capitalised, so the modal "may" is no month); overlapping
//! matches keep the longest. Dates without a year take the latest year that
//! puts them no more than a week after publication (news reports the past).
//! Nothing here panics on any input: out-of-range days simply do not resolve.
#![deny(missing_docs)]

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use regex::Regex;
use std::sync::OnceLock;

/// A recognised time expression: its byte span in the searched text and
/// what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpression {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What the expression means, before anchoring.
    pub kind: Kind,
    /// "since …": the range runs from the expression to publication.
    pub since: bool,
}

/// A unit of a relative expression ("two *weeks* ago").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
}

/// Which occurrence of a weekday, week, month or year is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Plain ("on Tuesday"): the latest on or before publication.
    Plain,
    /// "last Tuesday", "last week": the previous one.
    Last,
    /// "this Tuesday", "this week".
    This,
    /// "next Tuesday", "next week".
    Next,
}

/// What a time expression says, before it is anchored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A calendar day ("24 September", "March 12, 2024", "12.03.2024").
    Day {
        /// The year, when written.
        year: Option<i16>,
        /// Month 1–12.
        month: i8,
        /// Day 1–31.
        day: i8,
    },
    /// Consecutive days of one month ("14 and 15 May", "12-14 March").
    DayRange {
        /// The year, when written.
        year: Option<i16>,
        /// Month 1–12.
        month: i8,
        /// First day.
        first: i8,
        /// Last day.
        last: i8,
    },
    /// A month ("in March", "March 2024", "earlier this month" is
    /// [`Kind::MonthRel`]).
    Month {
        /// The year, when written.
        year: Option<i16>,
        /// Month 1–12.
        month: i8,
    },
    /// A year ("in 2023").
    Year(i16),
    /// A decade ("the 1990s" → 199).
    Decade(i16),
    /// A weekday ("on Tuesday", "Monday night", "last Friday").
    Weekday {
        /// Which day.
        weekday: Weekday,
        /// Which occurrence.
        which: Which,
        /// "… night": the night runs into the next day.
        night: bool,
    },
    /// "today", "this morning", "tonight".
    Today,
    /// "yesterday", "yesterday evening"; `night` for "last night" style
    /// readings ("yesterday night").
    Yesterday {
        /// The night after yesterday (yesterday … publication).
        night: bool,
    },
    /// "the day before yesterday".
    DayBeforeYesterday,
    /// "tomorrow".
    Tomorrow,
    /// "overnight", "during the night", "last night".
    Overnight,
    /// "over the past 24 hours", "in the past day", "the past three days":
    /// publication − n … publication.
    PastDays(u32),
    /// "in recent days", "in the past few days", "recently".
    Recent,
    /// A week relative to publication ("last week", "this week", "last
    /// weekend").
    WeekRel {
        /// Which week.
        which: Which,
        /// Only its weekend.
        weekend: bool,
    },
    /// A month relative to publication ("last month", "earlier this month").
    MonthRel(Which),
    /// A year relative to publication ("last year", "this year").
    YearRel(Which),
    /// "two days ago", "a week ago": counted back from publication.
    Ago {
        /// How many units.
        n: u32,
        /// Of what.
        unit: Unit,
    },
    /// "two days earlier", "a day later", "the previous day": counted from
    /// the date of the event referred to, not from publication.
    Offset {
        /// Days forward (negative: back).
        days: i32,
    },
    /// "now", "currently".
    Present,
    /// "in the past", "previously", "formerly".
    Past,
    /// "in the future", "soon".
    Future,
}

/// What an expression is anchored to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// Publication day (document creation time).
    pub published: Date,
    /// The date of the event a relative expression ("two days earlier")
    /// refers to; publication when unknown.
    pub event: Option<Date>,
    /// Read weekdays and yearless dates forward (the sentence speaks of the
    /// future: "will meet on Tuesday").
    pub future: bool,
}

impl Anchor {
    /// An anchor at `published`, past-directed, with no event.
    pub fn at(published: Date) -> Anchor {
        Anchor {
            published,
            event: None,
            future: false,
        }
    }
}

/// An anchored expression: the inclusive days it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// First day.
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
    /// ACLED time_precision: 1 a day, 2 a range of days or a week, 3 a month
    /// or wider.
    pub precision: u8,
    /// The TIMEX3 value: "2024-03-12", "2024-W11", "2024-03", "2024",
    /// "PAST_REF" …
    pub timex: String,
    /// True when the range was counted from the event date
    /// ([`Kind::Offset`]).
    pub from_event: bool,
}

impl Resolved {
    fn range(start: Date, end: Date, timex: String) -> Resolved {
        let (start, end) = if end < start {
            (end, start)
        } else {
            (start, end)
        };
        let days = (end - start).get_days();
        let precision = match days {
            0 => 1,
            1..=13 => 2,
            _ => 3,
        };
        Resolved {
            start,
            end,
            precision,
            timex,
            from_event: false,
        }
    }

    fn day(d: Date) -> Resolved {
        Resolved::range(d, d, d.to_string())
    }
}

const MONTH: &str = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const WEEKDAY: &str = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const NUM: &str = r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|several|few|couple of)";

#[derive(Clone, Copy)]
enum Pat {
    DayRangeDm,
    DayRangeMd,
    DayMonth,
    MonthDay,
    Numeric,
    Iso,
    MonthYear,
    MonthAlone,
    Year,
    Decade,
    NightBetween,
    Weekday,
    Words,
    Ago,
    Offset,
    PastN,
}

fn patterns() -> &'static [(Pat, Regex)] {
    static P: OnceLock<Vec<(Pat, Regex)>> = OnceLock::new();
    P.get_or_init(|| {
        let y = r"(?:,?\s+(?P<y>(?:19|20)\d{2}))?";
        let ord = r"(?:st|nd|rd|th)?";
        let list = [
            (
                Pat::DayRangeDm,
                format!(r"\b(?P<d1>\d{{1,2}}){ord}\s*(?:and|to|-|–|—|/)\s*(?P<d2>\d{{1,2}}){ord}(?:\s+of)?\s+{MONTH}{y}\b"),
            ),
            (
                Pat::DayRangeMd,
                format!(r"\b{MONTH}\s+(?P<d1>\d{{1,2}}){ord}\s*(?:and|to|-|–|—)\s*(?P<d2>\d{{1,2}}){ord}{y}\b"),
            ),
            (
                Pat::DayMonth,
                format!(r"\b(?P<d>\d{{1,2}}){ord}(?:\s+of)?\s+{MONTH}{y}\b"),
            ),
            (Pat::MonthDay, format!(r"\b{MONTH}\s+(?P<d>\d{{1,2}}){ord}\b{y}")),
            (
                Pat::Numeric,
                r"\b(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>(?:19|20)\d{2})\b".to_string(),
            ),
            (
                Pat::Iso,
                r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b".to_string(),
            ),
            (
                Pat::MonthYear,
                format!(r"\b(?:(?:early|mid|late)[- ](?:in\s+)?)?{MONTH}(?:\s+of)?\s+(?P<y>(?:19|20)\d{{2}})\b"),
            ),
            (
                Pat::MonthAlone,
                format!(r"\b(?:in|since|during|until|through|by|from|of|early|mid|late|last|this|next)[- ](?:early\s+|mid-|late\s+)?{MONTH}\b"),
            ),
            (
                Pat::Year,
                r"\b(?:(?:in|since|during|until|by|from|of|early|late|mid)\s+)(?:the\s+year\s+)?(?P<y>(?:19|20)\d{2})\b".to_string(),
            ),
            (
                Pat::Decade,
                r"\b(?:the\s+)?(?P<y>(?:19|20)\d)0s\b".to_string(),
            ),
            (
                Pat::NightBetween,
                format!(r"\b(?:overnight|(?:during\s+|in\s+)?the\s+night)\s+(?:from|between|of)\s+{WEEKDAY}\s+(?:to|and|into)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
            ),
            (
                Pat::Weekday,
                format!(r"\b(?:(?P<which>last|this|next|past|previous)\s+)?(?:(?:early|late)\s+(?:on\s+)?)?{WEEKDAY}(?:'s)?(?:\s+(?P<part>morning|afternoon|evening|night|overnight))?\b"),
            ),
            (
                Pat::Words,
                r"\b(?:the\s+day\s+before\s+yesterday|yesterday(?:\s+(?:morning|afternoon|evening|night))?|(?:earlier\s+|later\s+)?today|tonight|tomorrow|this\s+(?:morning|afternoon|evening)|overnight|during\s+the\s+night|last\s+night|(?:earlier|later)\s+this\s+(?:week|month|year)|(?:last|past|previous|this|next|the\s+coming)\s+(?:week(?:end)?|month|year)|(?:in|over)\s+(?:the\s+)?(?:recent|past|last)\s+(?:few\s+)?(?:days|weeks)|in\s+recent\s+(?:days|weeks|months)|recently|(?:in|over|during)\s+the\s+(?:past|last)\s+(?:day|24\s+hours|48\s+hours|72\s+hours|week|month|year)|(?:the\s+)?(?:past|last)\s+(?:24|48|72)\s+hours|now|currently|at\s+present|nowadays|previously|formerly|in\s+the\s+past|in\s+the\s+future|soon)\b".to_string(),
            ),
            (
                Pat::Ago,
                format!(r"\b{NUM}\s+(?P<u>days?|weeks?|months?|years?)\s+ago\b"),
            ),
            (
                Pat::Offset,
                format!(r"\b(?:{NUM}\s+(?P<u>days?|weeks?)\s+(?P<dir>earlier|later|before|after)|the\s+(?P<dir2>previous|next|following)\s+day|the\s+day\s+(?P<dir3>before|after)|(?P<same>the\s+same\s+(?:day|night)|that\s+(?:same\s+)?day))\b"),
            ),
            (
                Pat::PastN,
                format!(r"\b(?:in|over|during|for)?\s*the\s+(?:past|last|previous)\s+{NUM}\s+(?P<u>days|weeks)\b"),
            ),
        ];
        list.into_iter()
            .map(|(p, re)| (p, Regex::new(&format!("(?i){re}")).expect("valid pattern")))
            .collect()
    })
}

fn month_number(s: &str) -> Option<i8> {
    let s = s.trim_end_matches('.').to_ascii_lowercase();
    let m = match s.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s.to_ascii_lowercase().get(..3)? {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// A small cardinal: digits or an English number word ("a", "two",
/// "several" = 3 here, "a few" = 3).
fn small_number(s: &str) -> Option<u32> {
    let s = s.trim().to_ascii_lowercase();
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    match s.as_str() {
        "a" | "an" => Some(1),
        "couple of" => Some(2),
        "few" | "several" => Some(3),
        _ => sitrep_text::numbers::number_word(&s),
    }
}

fn unit(s: &str) -> Unit {
    match s.to_ascii_lowercase().get(..1) {
        Some("w") => Unit::Week,
        Some("m") => Unit::Month,
        Some("y") => Unit::Year,
        _ => Unit::Day,
    }
}

fn year_of(c: &regex::Captures<'_>) -> Option<i16> {
    c.name("y").and_then(|y| y.as_str().parse().ok())
}

/// True when the month name in `c` is capitalised (so "may" the modal is
/// no month).
fn month_capitalised(c: &regex::Captures<'_>) -> bool {
    c.name("mon")
        .and_then(|m| m.as_str().chars().next())
        .is_some_and(char::is_uppercase)
}

fn words_kind(s: &str) -> Option<Kind> {
    let s = s.to_ascii_lowercase();
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let has = |w: &str| s.contains(w);
    Some(match s.as_str() {
        "the day before yesterday" => Kind::DayBeforeYesterday,
        "yesterday night" => Kind::Yesterday { night: true },
        _ if s.starts_with("yesterday") => Kind::Yesterday { night: false },
        _ if s.ends_with("today")
            || s == "tonight"
            || s.starts_with("this ") && !has("week") && !has("month") && !has("year") =>
        {
            Kind::Today
        }
        "tomorrow" => Kind::Tomorrow,
        "overnight" | "during the night" | "last night" => Kind::Overnight,
        "now" | "currently" | "at present" | "nowadays" => Kind::Present,
        "previously" | "formerly" | "in the past" => Kind::Past,
        "in the future" | "soon" => Kind::Future,
        "recently" => Kind::Recent,
        _ if has("24 hours") || s.ends_with("past day") || s.ends_with("last day") => {
            Kind::PastDays(1)
        }
        _ if has("48 hours") => Kind::PastDays(2),
        _ if has("72 hours") => Kind::PastDays(3),
        _ if s.ends_with("days") || has("recent") || s.ends_with("past few weeks") => Kind::Recent,
        _ if s.ends_with("past weeks") || s.ends_with("last weeks") => Kind::Recent,
        _ => {
            let which = if s.starts_with("last")
                || s.starts_with("previous")
                || s.starts_with("past")
                || s.contains("the past")
                || s.contains("the last")
            {
                if s.contains("the past") || s.contains("the last") {
                    // "over the past week": publication − 7 … publication.
                    return Some(match () {
                        _ if s.ends_with("week") => Kind::PastDays(7),
                        _ if s.ends_with("month") => Kind::PastDays(30),
                        _ => Kind::PastDays(365),
                    });
                }
                Which::Last
            } else if s.starts_with("next") || s.starts_with("the coming") {
                Which::Next
            } else {
                Which::This
            };
            if s.ends_with("weekend") {
                Kind::WeekRel {
                    which,
                    weekend: true,
                }
            } else if s.ends_with("week") {
                Kind::WeekRel {
                    which,
                    weekend: false,
                }
            } else if s.ends_with("month") {
                Kind::MonthRel(which)
            } else if s.ends_with("year") {
                Kind::YearRel(which)
            } else {
                return None;
            }
        }
    })
}

fn kind_of(p: Pat, c: &regex::Captures<'_>) -> Option<Kind> {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i8>().ok());
    let month = || c.name("mon").and_then(|m| month_number(m.as_str()));
    Some(match p {
        Pat::DayRangeDm | Pat::DayRangeMd => {
            if !month_capitalised(c) {
                return None;
            }
            let (first, last) = (num("d1")?, num("d2")?);
            if !(1..=31).contains(&first) || !(first..=31).contains(&last) {
                return None;
            }
            Kind::DayRange {
                year: year_of(c),
                month: month()?,
                first,
                last,
            }
        }
        Pat::DayMonth | Pat::MonthDay => {
            if !month_capitalised(c) {
                return None;
            }
            let day = num("d")?;
            if !(1..=31).contains(&day) {
                return None;
            }
            Kind::Day {
                year: year_of(c),
                month: month()?,
                day,
            }
        }
        Pat::Numeric => {
            let (a, b) = (num("a")?, num("b")?);
            // Day first (European and wire style) unless that cannot be.
            let (day, month) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
            if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
                return None;
            }
            Kind::Day {
                year: year_of(c),
                month,
                day,
            }
        }
        Pat::Iso => Kind::Day {
            year: year_of(c),
            month: num("m")?,
            day: num("d")?,
        },
        Pat::MonthYear | Pat::MonthAlone => {
            if !month_capitalised(c) {
                return None;
            }
            Kind::Month {
                year: year_of(c),
                month: month()?,
            }
        }
        Pat::Year => Kind::Year(year_of(c)?),
        Pat::Decade => Kind::Decade(c.name("y")?.as_str().parse().ok()?),
        // "overnight from Sunday to Monday": the night that starts on the
        // first weekday.
        Pat::NightBetween => Kind::Weekday {
            weekday: weekday(c.name("wd")?.as_str())?,
            which: Which::Plain,
            night: true,
        },
        Pat::Weekday => {
            let which = match c.name("which").map(|w| w.as_str().to_ascii_lowercase()) {
                None => Which::Plain,
                Some(w) if w == "this" => Which::This,
                Some(w) if w == "next" => Which::Next,
                Some(_) => Which::Last,
            };
            let night = c.name("part").is_some_and(|p| {
                let p = p.as_str().to_ascii_lowercase();
                p == "night" || p == "overnight"
            });
            let weekday = weekday(c.name("wd")?.as_str())?;
            // "late on Monday night" → the night.
            Kind::Weekday {
                weekday,
                which,
                night,
            }
        }
        Pat::Words => words_kind(c.get(0)?.as_str())?,
        Pat::Ago => Kind::Ago {
            n: small_number(c.name("n")?.as_str())?,
            unit: unit(c.name("u")?.as_str()),
        },
        Pat::Offset => {
            if c.name("same").is_some() {
                return Some(Kind::Offset { days: 0 });
            }
            if let Some(d) = c.name("dir2").or(c.name("dir3")) {
                let back = matches!(
                    d.as_str().to_ascii_lowercase().as_str(),
                    "previous" | "before"
                );
                Kind::Offset {
                    days: if back { -1 } else { 1 },
                }
            } else {
                let n = small_number(c.name("n")?.as_str())? as i32;
                let n = n * if unit(c.name("u")?.as_str()) == Unit::Week {
                    7
                } else {
                    1
                };
                let dir = c.name("dir")?.as_str().to_ascii_lowercase();
                let back = dir == "earlier" || dir == "before";
                Kind::Offset {
                    days: if back { -n } else { n },
                }
            }
        }
        Pat::PastN => {
            let n = small_number(c.name("n")?.as_str())?;
            let n = if unit(c.name("u")?.as_str()) == Unit::Week {
                n * 7
            } else {
                n
            };
            Kind::PastDays(n)
        }
    })
}

/// The time expressions of `text`, in order, without overlaps (the longest
/// of overlapping matches wins; on ties the earlier one).
pub fn find(text: &str) -> Vec<TimeExpression> {
    let mut all: Vec<TimeExpression> = Vec::new();
    for (p, re) in patterns() {
        for c in re.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let Some(kind) = kind_of(*p, &c) else {
                continue;
            };
            // Trim a leading space left by optional prepositions.
            let lead = m.as_str().len() - m.as_str().trim_start().len();
            all.push(TimeExpression {
                start: m.start() + lead,
                end: m.end(),
                kind,
                since: false,
            });
        }
    }
    all.sort_by_key(|e| (std::cmp::Reverse(e.end - e.start), e.start));
    let mut kept: Vec<TimeExpression> = Vec::new();
    for e in all {
        if kept.iter().all(|k| e.end <= k.start || k.end <= e.start) {
            kept.push(e);
        }
    }
    kept.sort_by_key(|e| e.start);
    for e in &mut kept {
        let before = text[..e.start].trim_end().to_ascii_lowercase();
        let own = text[e.start..e.end].to_ascii_lowercase();
        e.since = before.ends_with("since") || own.starts_with("since ");
    }
    kept
}

/// The latest `weekday` on or before `d` (or on or after it, `forward`).
fn weekday_near(d: Date, weekday: Weekday, forward: bool) -> Date {
    let delta =
        i64::from(d.weekday().to_monday_zero_offset()) - i64::from(weekday.to_monday_zero_offset());
    if forward {
        d.checked_add(((7 - delta).rem_euclid(7)).days())
            .unwrap_or(d)
    } else {
        d.checked_sub(delta.rem_euclid(7).days()).unwrap_or(d)
    }
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

fn monday_of(d: Date) -> Date {
    weekday_near(d, Weekday::Monday, false)
}

fn iso_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn month_end(year: i16, month: i8) -> Option<Date> {
    let first = Date::new(year, month, 1).ok()?;
    Some(first.last_of_month())
}

/// The year for a yearless month/day: the latest year that puts the day at
/// most a week after publication (or, reading forward, the earliest on or
/// after publication minus a week).
fn pick_year(pub_date: Date, month: i8, day: i8, future: bool) -> Option<i16> {
    let y = pub_date.year();
    let this = Date::new(y, month, day.clamp(1, 28)).ok()?;
    let this = Date::new(y, month, day).unwrap_or(this);
    if future {
        if add_days(this, 7)? < pub_date {
            return Some(y + 1);
        }
        return Some(y);
    }
    if this > add_days(pub_date, 7)? {
        Some(y - 1)
    } else {
        Some(y)
    }
}

/// Anchors an expression: the days it covers, or `None` when it names no
/// day range (an impossible date, "now" for events …). For [`Kind::Present`],
/// [`Kind::Past`] and [`Kind::Future`] a range is still given (publication
/// day, the week before it, the week after it) with the TIMEX3 `*_REF`
/// value.
pub fn resolve(e: &TimeExpression, anchor: &Anchor) -> Option<Resolved> {
    let mut r = resolve_kind(&e.kind, anchor)?;
    if e.since && r.start <= anchor.published {
        r = Resolved::range(r.start, anchor.published, r.timex);
    }
    Some(r)
}

fn resolve_kind(kind: &Kind, a: &Anchor) -> Option<Resolved> {
    let p = a.published;
    Some(match *kind {
        Kind::Day { year, month, day } => {
            let year = match year {
                Some(y) => y,
                None => pick_year(p, month, day, a.future)?,
            };
            Resolved::day(Date::new(year, month, day).ok()?)
        }
        Kind::DayRange {
            year,
            month,
            first,
            last,
        } => {
            let year = match year {
                Some(y) => y,
                None => pick_year(p, month, first, a.future)?,
            };
            let s = Date::new(year, month, first).ok()?;
            let e = Date::new(year, month, last).ok()?;
            Resolved::range(s, e, s.to_string())
        }
        Kind::Month { year, month } => {
            let year = match year {
                Some(y) => y,
                None => {
                    if a.future {
                        if month < p.month() {
                            p.year() + 1
                        } else {
                            p.year()
                        }
                    } else if month > p.month() {
                        p.year() - 1
                    } else {
                        p.year()
                    }
                }
            };
            let s = Date::new(year, month, 1).ok()?;
            let mut r =
                Resolved::range(s, month_end(year, month)?, format!("{year:04}-{month:02}"));
            r.precision = 3;
            r
        }
        Kind::Year(y) => {
            let mut r = Resolved::range(
                Date::new(y, 1, 1).ok()?,
                Date::new(y, 12, 31).ok()?,
                format!("{y:04}"),
            );
            r.precision = 3;
            r
        }
        Kind::Decade(d) => {
            let y = d.checked_mul(10)?;
            let mut r = Resolved::range(
                Date::new(y, 1, 1).ok()?,
                Date::new(y.checked_add(9)?, 12, 31).ok()?,
                format!("{d:03}"),
            );
            r.precision = 3;
            r
        }
        Kind::Weekday {
            weekday,
            which,
            night,
        } => {
            let d = match which {
                Which::Plain if a.future => weekday_near(p, weekday, true),
                Which::Plain => weekday_near(p, weekday, false),
                Which::Last => weekday_near(add_days(p, -1)?, weekday, false),
                Which::This if a.future => weekday_near(p, weekday, true),
                Which::This => weekday_near(p, weekday, false),
                Which::Next => weekday_near(add_days(p, 1)?, weekday, true),
            };
            if night {
                Resolved::range(d, add_days(d, 1)?, d.to_string())
            } else {
                Resolved::day(d)
            }
        }
        Kind::Today => Resolved::day(p),
        Kind::Yesterday { night } => {
            let y = add_days(p, -1)?;
            if night {
                Resolved::range(y, p, y.to_string())
            } else {
                Resolved::day(y)
            }
        }
        Kind::DayBeforeYesterday => Resolved::day(add_days(p, -2)?),
        Kind::Tomorrow => Resolved::day(add_days(p, 1)?),
        Kind::Overnight => {
            let y = add_days(p, -1)?;
            Resolved::range(y, p, p.to_string())
        }
        Kind::PastDays(n) => {
            let s = add_days(p, -i64::from(n))?;
            let timex = if n <= 1 {
                p.to_string()
            } else {
                "PAST_REF".to_string()
            };
            Resolved::range(s, p, timex)
        }
        Kind::Recent => Resolved::range(add_days(p, -7)?, p, "PAST_REF".to_string()),
        Kind::Present => Resolved::range(p, p, "PRESENT_REF".to_string()),
        Kind::Past => Resolved::range(add_days(p, -7)?, p, "PAST_REF".to_string()),
        Kind::Future => Resolved::range(p, add_days(p, 7)?, "FUTURE_REF".to_string()),
        Kind::WeekRel { which, weekend } => {
            let monday = match which {
                Which::Last => add_days(monday_of(p), -7)?,
                Which::Next => add_days(monday_of(p), 7)?,
                Which::Plain | Which::This => monday_of(p),
            };
            let sunday = add_days(monday, 6)?;
            let week = iso_week(monday);
            if weekend {
                Resolved::range(add_days(monday, 5)?, sunday, format!("{week}-WE"))
            } else if matches!(which, Which::This | Which::Plain) {
                Resolved::range(monday, sunday.min(p.max(monday)), week)
            } else {
                Resolved::range(monday, sunday, week)
            }
        }
        Kind::MonthRel(which) => {
            let first = p.first_of_month();
            let (s, e) = match which {
                Which::Last => {
                    let s = first.checked_sub(1.month()).ok()?;
                    (s, s.last_of_month())
                }
                Which::Next => {
                    let s = first.checked_add(1.month()).ok()?;
                    (s, s.last_of_month())
                }
                Which::Plain | Which::This => (first, p),
            };
            let mut r = Resolved::range(s, e, format!("{:04}-{:02}", s.year(), s.month()));
            r.precision = 3;
            r
        }
        Kind::YearRel(which) => {
            let y = match which {
                Which::Last => p.year() - 1,
                Which::Next => p.year() + 1,
                _ => p.year(),
            };
            let s = Date::new(y, 1, 1).ok()?;
            let e = if y == p.year() {
                p
            } else {
                Date::new(y, 12, 31).ok()?
            };
            let mut r = Resolved::range(s, e, format!("{y:04}"));
            r.precision = 3;
            r
        }
        Kind::Ago { n, unit } => {
            let n = i64::from(n);
            match unit {
                Unit::Day => Resolved::day(add_days(p, -n)?),
                Unit::Week => {
                    let d = add_days(p, -7 * n)?;
                    let m = monday_of(d);
                    Resolved::range(m, add_days(m, 6)?, iso_week(d))
                }
                Unit::Month => {
                    let d = p.checked_sub(n.months()).ok()?;
                    let mut r = Resolved::range(
                        d.first_of_month(),
                        d.last_of_month(),
                        format!("{:04}-{:02}", d.year(), d.month()),
                    );
                    r.precision = 3;
                    r
                }
                Unit::Year => {
                    let y = p.year().checked_sub(i16::try_from(n).ok()?)?;
                    let mut r = Resolved::range(
                        Date::new(y, 1, 1).ok()?,
                        Date::new(y, 12, 31).ok()?,
                        format!("{y:04}"),
                    );
                    r.precision = 3;
                    r
                }
            }
        }
        Kind::Offset { days } => {
            let base = a.event.unwrap_or(p);
            let mut r = Resolved::day(add_days(base, i64::from(days))?);
            r.from_event = true;
            r
        }
    })
}

/// True when `sentence` speaks of the future ("will", "is due to", "plans
/// to", "next"), so weekdays and yearless dates read forward.
pub fn future_tense(sentence: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:will|shall|'ll|is\s+due\s+to|are\s+due\s+to|plans?\s+to|scheduled|expected\s+to|is\s+to|are\s+to|going\s+to)\b")
            .expect("valid pattern")
    });
    re.is_match(sentence)
}

/// The TIMEX3 value of a time expression read on its own (TempEval
/// style): the longest expression found in `expression`, anchored at
/// `published`, read forward when `sentence` speaks of the future.
pub fn timex(expression: &str, sentence: &str, published: Date) -> Option<String> {
    let found = find(expression);
    let Some(e) = found.iter().max_by_key(|e| e.end - e.start) else {
        return bare_timex(expression.trim(), published);
    };
    let anchor = Anchor {
        published,
        event: None,
        future: future_tense(sentence),
    };
    resolve(e, &anchor).map(|r| r.timex)
}

/// An expression given alone that the in-text patterns leave out because
/// it needs context there: a bare year ("2013"), a bare month ("March"),
/// "the year", "the day".
fn bare_timex(e: &str, published: Date) -> Option<String> {
    let lower = e.to_ascii_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    if lower.len() == 4 && lower.bytes().all(|b| b.is_ascii_digit()) {
        return Some(lower.to_string());
    }
    match lower {
        "year" | "this year" => return Some(format!("{:04}", published.year())),
        "day" | "this day" => return Some(published.to_string()),
        "week" => return Some(iso_week(published)),
        "month" => return Some(format!("{:04}-{:02}", published.year(), published.month())),
        _ => {}
    }
    let month = month_number(lower).filter(|_| e.chars().next().is_some_and(char::is_uppercase))?;
    if lower.len() > 9 || !lower.chars().all(|c| c.is_ascii_alphabetic() || c == '.') {
        return None;
    }
    let year = if month > published.month() {
        published.year() - 1
    } else {
        published.year()
    };
    Some(format!("{year:04}-{month:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    /// The single expression of `text`, resolved at `published`.
    fn range(text: &str, published: Date) -> (Date, Date, u8) {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        let r = resolve(&found[0], &Anchor::at(published)).unwrap();
        (r.start, r.end, r.precision)
    }

    // Thursday 14 March 2024.
    const PUB: (i16, i8, i8) = (2024, 3, 14);

    fn p() -> Date {
        d(PUB.0, PUB.1, PUB.2)
    }

    #[test]
    fn weekdays_are_the_latest_on_or_before_publication() {
        assert_eq!(p().weekday(), Weekday::Thursday);
        assert_eq!(
            range("fighting on Tuesday", p()),
            (d(2024, 3, 12), d(2024, 3, 12), 1)
        );
        assert_eq!(range("Tuesday morning", p()).0, d(2024, 3, 12));
        // Publication day itself.
        assert_eq!(range("on Thursday", p()).0, d(2024, 3, 14));
        // Friday is the week before.
        assert_eq!(range("on Friday", p()).0, d(2024, 3, 8));
        // "last Thursday" is never publication day.
        assert_eq!(range("last Thursday", p()).0, d(2024, 3, 7));
        // Across a year boundary: Monday 1 January 2024, "on Sunday".
        assert_eq!(range("on Sunday", d(2024, 1, 1)).0, d(2023, 12, 31));
    }

    #[test]
    fn weekday_forward_in_the_future() {
        let e = &find("talks on Tuesday")[0];
        let a = Anchor {
            future: true,
            ..Anchor::at(p())
        };
        assert_eq!(resolve(e, &a).unwrap().start, d(2024, 3, 19));
        assert!(future_tense("They will meet on Tuesday."));
        assert!(!future_tense("They met on Tuesday."));
    }

    #[test]
    fn today_yesterday_overnight() {
        assert_eq!(range("today", p()), (p(), p(), 1));
        assert_eq!(range("this morning", p()), (p(), p(), 1));
        assert_eq!(range("yesterday", p()), (d(2024, 3, 13), d(2024, 3, 13), 1));
        assert_eq!(range("yesterday evening", p()).0, d(2024, 3, 13));
        assert_eq!(range("overnight", p()), (d(2024, 3, 13), p(), 2));
        // 2024-03-14 is a Thursday: the night from Monday to Tuesday of
        // that week.
        assert_eq!(
            range("overnight from Monday to Tuesday", p()),
            (d(2024, 3, 11), d(2024, 3, 12), 2)
        );
        assert_eq!(range("during the night", p()), (d(2024, 3, 13), p(), 2));
        assert_eq!(
            range("late on Monday night", p()),
            (d(2024, 3, 11), d(2024, 3, 12), 2)
        );
        // Year rollover.
        assert_eq!(range("yesterday", d(2024, 1, 1)).0, d(2023, 12, 31));
    }

    #[test]
    fn since_runs_to_publication() {
        let found = find("fighting since Sunday");
        assert!(found[0].since);
        assert_eq!(range("since Sunday", p()), (d(2024, 3, 10), p(), 2));
        assert_eq!(range("since Monday", p()), (d(2024, 3, 11), p(), 2));
        assert_eq!(range("since 1 March", p()).0, d(2024, 3, 1));
    }

    #[test]
    fn weeks_and_months() {
        assert_eq!(range("last week", p()), (d(2024, 3, 4), d(2024, 3, 10), 2));
        // Year rollover: published Wednesday 3 January 2024.
        assert_eq!(
            range("last week", d(2024, 1, 3)),
            (d(2023, 12, 25), d(2023, 12, 31), 2)
        );
        assert_eq!(range("earlier this month", p()), (d(2024, 3, 1), p(), 3));
        assert_eq!(range("last month", p()), (d(2024, 2, 1), d(2024, 2, 29), 3));
        assert_eq!(range("in recent days", p()), (d(2024, 3, 7), p(), 2));
        assert_eq!(range("in the past few days", p()).0, d(2024, 3, 7));
    }

    #[test]
    fn past_hours() {
        assert_eq!(
            range("over the past 24 hours", p()),
            (d(2024, 3, 13), p(), 2)
        );
        assert_eq!(range("in the past day", p()), (d(2024, 3, 13), p(), 2));
        assert_eq!(range("over the past three days", p()).0, d(2024, 3, 11));
    }

    #[test]
    fn relative_to_the_event() {
        let e = &find("two days earlier")[0];
        let a = Anchor {
            event: Some(d(2024, 3, 10)),
            ..Anchor::at(p())
        };
        let r = resolve(e, &a).unwrap();
        assert_eq!((r.start, r.from_event), (d(2024, 3, 8), true));
        let later = &find("a day later")[0];
        assert_eq!(resolve(later, &a).unwrap().start, d(2024, 3, 11));
        let same = &find("the same day")[0];
        assert_eq!(resolve(same, &a).unwrap().start, d(2024, 3, 10));
        let prev = &find("the previous day")[0];
        assert_eq!(resolve(prev, &a).unwrap().start, d(2024, 3, 9));
        // Without an event: from publication.
        assert_eq!(range("three days later", p()).0, d(2024, 3, 17));
        assert_eq!(range("two days ago", p()).0, d(2024, 3, 12));
    }

    #[test]
    fn explicit_dates() {
        let pubd = d(2024, 9, 26);
        assert_eq!(
            range("on 24 September", pubd),
            (d(2024, 9, 24), d(2024, 9, 24), 1)
        );
        assert_eq!(
            range("on 14 and 15 May", pubd),
            (d(2024, 5, 14), d(2024, 5, 15), 2)
        );
        assert_eq!(range("March 12", pubd).0, d(2024, 3, 12));
        assert_eq!(range("Sept. 3, 2023", pubd).0, d(2023, 9, 3));
        assert_eq!(range("12.03.2024", pubd).0, d(2024, 3, 12));
        assert_eq!(range("2024-03-12", pubd).0, d(2024, 3, 12));
        assert_eq!(range("the 3rd of October 2023", pubd).0, d(2023, 10, 3));
        // A yearless date well after publication is last year's.
        assert_eq!(range("on 24 December", pubd).0, d(2023, 12, 24));
        // Year rollover: 30 December read on 2 January.
        assert_eq!(range("on December 30", d(2024, 1, 2)).0, d(2023, 12, 30));
        // Impossible dates do not resolve.
        let e = &find("on 31 February")[0];
        assert!(resolve(e, &Anchor::at(pubd)).is_none());
    }

    #[test]
    fn months_and_years() {
        assert_eq!(range("in March", p()), (d(2024, 3, 1), d(2024, 3, 31), 3));
        assert_eq!(range("in November", p()).0, d(2023, 11, 1));
        assert_eq!(range("in May 2023", p()).0, d(2023, 5, 1));
        assert_eq!(range("since the war began in 2022", p()).0, d(2022, 1, 1));
        // The modal "may" is no month.
        assert!(find("they may attack on Friday")
            .iter()
            .all(|e| !matches!(e.kind, Kind::Month { .. })));
    }

    #[test]
    fn timex_values() {
        let t = |e: &str| timex(e, e, p());
        assert_eq!(t("Tuesday").as_deref(), Some("2024-03-12"));
        assert_eq!(t("last week").as_deref(), Some("2024-W10"));
        assert_eq!(t("this week").as_deref(), Some("2024-W11"));
        assert_eq!(t("last month").as_deref(), Some("2024-02"));
        assert_eq!(t("March 2023").as_deref(), Some("2023-03"));
        assert_eq!(t("last year").as_deref(), Some("2023"));
        assert_eq!(t("recently").as_deref(), Some("PAST_REF"));
        assert_eq!(t("now").as_deref(), Some("PRESENT_REF"));
        assert_eq!(t("the 1990s").as_deref(), Some("199"));
        assert_eq!(t("a year ago").as_deref(), Some("2023"));
        assert_eq!(t("nothing here"), None);
        // Given alone (TempEval gold spans).
        assert_eq!(t("2013").as_deref(), Some("2013"));
        assert_eq!(t("the year").as_deref(), Some("2024"));
        assert_eq!(t("March").as_deref(), Some("2024-03"));
        assert_eq!(t("May").as_deref(), Some("2023-05"));
    }

    #[test]
    fn overlaps_keep_the_longest_and_spans_index_the_text() {
        let text = "Shelling on 14 and 15 May killed two; yesterday morning, more.";
        let found = find(text);
        let texts: Vec<&str> = found.iter().map(|e| &text[e.start..e.end]).collect();
        assert_eq!(texts, ["14 and 15 May", "yesterday morning"]);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in [
            "",
            "99 and 98 March",
            "0 May",
            "on 31 June 2024",
            "2024-13-45",
            "ñ Tuesday ü",
            "9999 days ago",
        ] {
            for e in find(s) {
                let _ = resolve(&e, &Anchor::at(p()));
                let _ = resolve(&e, &Anchor::at(Date::MIN));
                let _ = resolve(&e, &Anchor::at(Date::MAX));
            }
        }
    }
}
