//! The dateline that opens a wire story: "KHARKIV, Ukraine (AP) —",
//! "MOSCOW, March 15 (Reuters) -", "Belgorod –", "Kyiv/Moscow –".

use crate::Span;

/// A dateline found at the start of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline, including its dash when there is one.
    pub span: Span,
    /// The place it names first ("KHARKIV", "Belgorod").
    pub place: Span,
    /// A second place after a comma or slash ("Ukraine" in "KHARKIV, Ukraine").
    pub region: Option<Span>,
    /// The agency in brackets ("AP" in "(AP)").
    pub agency: Option<Span>,
}

const MAX_LEN: usize = 90;
const MAX_WORDS: usize = 8;
const MONTHS: [&str; 24] = [
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Looks for a dateline at the start of `block` (a span of `text`).
///
/// ```
/// use sitrep_text::{dateline, Span};
/// let text = "KHARKIV, Ukraine (AP) — Russian drones struck the city overnight.";
/// let d = dateline::find(text, Span::new(0, text.len())).unwrap();
/// assert_eq!(d.place.slice(text), "KHARKIV");
/// assert_eq!(d.region.unwrap().slice(text), "Ukraine");
/// assert_eq!(d.agency.unwrap().slice(text), "AP");
/// assert_eq!(d.span.slice(text), "KHARKIV, Ukraine (AP) —");
/// ```
pub fn find(text: &str, block: Span) -> Option<Dateline> {
    let body = block.slice(text);
    let window_end = floor_char_boundary(body, MAX_LEN.min(body.len()));
    let window = &body[..window_end];
    let first_line = &window[..memchr::memchr(b'\n', window.as_bytes()).unwrap_or(window.len())];
    // Quick rejection: no hyphen, closing bracket or dash (their UTF-8
    // encodings start with 0xE2) to end a dateline.
    memchr::memchr3(b'-', b')', 0xe2, first_line.as_bytes())?;
    // Where the dateline stops: a dash between spaces, or the end of a
    // bracketed agency followed by a capital.
    let (head_end, span_end) = separator(first_line)?;
    let head = &first_line[..head_end];
    let rest = first_line[span_end..].trim_start();
    let starts_sentence = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“„«'‘<".contains(c));
    if !starts_sentence {
        return None;
    }
    let parts = parse_head(head)?;
    let at = |r: (usize, usize)| Span::new(block.start + r.0, block.start + r.1);
    Some(Dateline {
        span: at((0, span_end)),
        place: at(parts.place),
        region: parts.region.map(at),
        agency: parts.agency.map(at),
    })
}

/// Returns (end of the head, end of the dateline) within `line`.
fn separator(line: &str) -> Option<(usize, usize)> {
    for (i, c) in line.char_indices() {
        let dash = matches!(c, '—' | '–' | '-' | '―');
        if dash {
            let before = line[..i].ends_with(' ');
            let after_i = i + c.len_utf8();
            let after_i = if c == '-' && line[after_i..].starts_with('-') {
                after_i + 1
            } else {
                after_i
            };
            let after = line[after_i..].starts_with(' ');
            if before && after {
                return Some((line[..i].trim_end().len(), after_i));
            }
        }
        if c == ')' {
            let after = &line[i + 1..];
            let next = after.trim_start().chars().next();
            if after.starts_with(' ') && next.is_some_and(|n| n.is_uppercase()) {
                return Some((i + 1, i + 1));
            }
        }
        if c == '.' && abbreviated(&line[..i]) {
            continue;
        }
        if matches!(c, '.' | '!' | '?' | ':' | ';' | '"' | '“') {
            return None;
        }
    }
    None
}

/// True when `before` ends with a word that a dateline abbreviates: a month
/// ("Aug."), a state or region ("Calif.", "Ga."), an initialism ("D.C.").
fn abbreviated(before: &str) -> bool {
    let word = before.rsplit([' ', ',', '(']).next().unwrap_or("");
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let lower = word.to_ascii_lowercase();
    MONTHS.contains(&lower.as_str())
        || (word.starts_with(char::is_uppercase)
            && (1..=5).contains(&letters)
            && word.chars().all(|c| c.is_alphabetic() || c == '.'))
}

struct HeadParts {
    place: (usize, usize),
    region: Option<(usize, usize)>,
    agency: Option<(usize, usize)>,
}

/// Checks that the head before the separator looks like "PLACE[, REGION]
/// [, DATE] [(AGENCY)]" and returns the parts' offsets.
fn parse_head(head: &str) -> Option<HeadParts> {
    let (names, agency) = match head.find('(') {
        Some(open) => {
            let close = head[open..].find(')')? + open;
            if !head[close + 1..].trim().is_empty() {
                return None;
            }
            let inner = &head[open + 1..close];
            let lead = inner.len() - inner.trim_start().len();
            let agency = (open + 1 + lead, open + 1 + inner.trim_end().len());
            let ok = !inner.trim().is_empty()
                && inner.len() <= 30
                && inner
                    .chars()
                    .all(|c| c.is_alphanumeric() || " /&.-,".contains(c));
            (&head[..open], ok.then_some(agency))
        }
        None => (head, None),
    };
    if head.contains('(') && agency.is_none() {
        return None;
    }
    let mut segments = Vec::new();
    let mut from = 0;
    for (i, c) in names
        .char_indices()
        .chain(std::iter::once((names.len(), ',')))
    {
        if c == ',' || c == '/' {
            let seg = &names[from..i];
            let lead = seg.len() - seg.trim_start().len();
            let trimmed = seg.trim();
            if !trimmed.is_empty() {
                segments.push((from + lead, from + lead + trimmed.len()));
            }
            from = i + c.len_utf8();
        }
    }
    let mut words = 0;
    let mut places = Vec::new();
    for &(s, e) in &segments {
        let seg = &names[s..e];
        words += seg.split_whitespace().count();
        if is_date(seg) {
            continue;
        }
        if !seg.split_whitespace().all(is_name_word) {
            return None;
        }
        places.push((s, e));
    }
    if places.is_empty() || words > MAX_WORDS {
        return None;
    }
    Some(HeadParts {
        place: places[0],
        region: places.get(1).copied(),
        agency,
    })
}

fn is_name_word(w: &str) -> bool {
    let first = w.chars().next();
    first.is_some_and(|c| c.is_uppercase())
        || matches!(
            w,
            "al" | "el" | "de" | "la" | "le" | "du" | "of" | "upon" | "am" | "an" | "der"
        )
        || w.starts_with("al-")
        || w.starts_with("el-")
}

fn is_date(seg: &str) -> bool {
    let mut any = false;
    for w in seg.split_whitespace() {
        let w = w.trim_end_matches('.').to_ascii_lowercase();
        if MONTHS.contains(&w.as_str())
            || w.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '/')
        {
            any = true;
        } else {
            return false;
        }
    }
    any
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::find;
    use crate::Span;

    fn parts(text: &str) -> Option<(String, String, Option<String>, Option<String>)> {
        find(text, Span::new(0, text.len())).map(|d| {
            (
                d.span.slice(text).to_string(),
                d.place.slice(text).to_string(),
                d.region.map(|r| r.slice(text).to_string()),
                d.agency.map(|a| a.slice(text).to_string()),
            )
        })
    }

    #[test]
    fn wire_datelines() {
        let d =
            parts("MOSCOW, March 15 (Reuters) - Russia said on Friday it had repelled an attack.")
                .unwrap();
        assert_eq!(d.0, "MOSCOW, March 15 (Reuters) -");
        assert_eq!(d.1, "MOSCOW");
        assert_eq!(d.2, None);
        assert_eq!(d.3.as_deref(), Some("Reuters"));
        let d = parts("Belgorod – The “Freedom for Russia” Legion proudly presented its success.")
            .unwrap();
        assert_eq!((d.0.as_str(), d.1.as_str()), ("Belgorod –", "Belgorod"));
        let d = parts("Kyiv/Moscow – Both sides reported heavy losses.").unwrap();
        assert_eq!((d.1.as_str(), d.2.as_deref()), ("Kyiv", Some("Moscow")));
        let d = parts("GAZA CITY, Gaza Strip — Israeli strikes hit a school.").unwrap();
        assert_eq!(
            (d.1.as_str(), d.2.as_deref()),
            ("GAZA CITY", Some("Gaza Strip"))
        );
        let d = parts("KYIV (AP) Russian missiles struck the capital.").unwrap();
        assert_eq!(d.0, "KYIV (AP)");
        let d = parts("SEOUL, Aug. 20 (Yonhap) -- North Korea's newspaper blasted Seoul.").unwrap();
        assert_eq!(
            (d.0.as_str(), d.1.as_str(), d.2),
            ("SEOUL, Aug. 20 (Yonhap) --", "SEOUL", None)
        );
        assert_eq!(d.3.as_deref(), Some("Yonhap"));
        let d = parts("SAN FRANCISCO, Calif. (AP) — A drone was seen.").unwrap();
        assert_eq!(
            (d.1.as_str(), d.2.as_deref()),
            ("SAN FRANCISCO", Some("Calif."))
        );
        let d = parts("WASHINGTON, D.C. — The Pentagon said on Friday.").unwrap();
        assert_eq!(
            (d.0.as_str(), d.2.as_deref()),
            ("WASHINGTON, D.C. —", Some("D.C."))
        );
        let d = parts("LONDON, March 2 - <SHV Holdings> said it made an offer.").unwrap();
        assert_eq!(d.0, "LONDON, March 2 -");
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        assert_eq!(
            parts("The militia – made up of nationalists – said so."),
            None
        );
        assert_eq!(
            parts("Russian forces said on Friday – citing sources – that it ended."),
            None
        );
        assert_eq!(parts("He said: Kyiv – the capital – was calm."), None);
        assert_eq!(parts("Troops left. Kyiv – the capital – was calm."), None);
        assert_eq!(parts("He said. Kyiv – the capital – was calm."), None);
        assert_eq!(parts("Fighting continued in the region."), None);
        assert_eq!(parts("The Legion (RDK) said it attacked."), None);
    }
}
