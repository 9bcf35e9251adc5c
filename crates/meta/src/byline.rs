//! Bylines: "By Jane Doe", "From: Jane Doe", "By Jane Doe and John Roe |
//! Reuters", "By A, B and C", "Jane Doe, Reuters", "Von Jane Doe", "Par
//! Jane Doe", "Door Jane Doe", "By Jane Doe in Kyiv", "By Jane Doe, Staff
//! Writer", "By Jane Doe Updated 10:03 GMT", "Posted by Jane Doe on 12 March
//! 2024", "From our correspondent Jane Doe in Odesa".
//!
//! A byline is a whole line: its opening word (`data/byline_prefixes.txt`),
//! one or more person names, and a tail that is empty, an outlet, a role
//! (`data/byline_roles.txt`), a place ("in Kyiv") or a date. A line whose
//! tail is anything else is a sentence ("By Friday Russian forces had
//! withdrawn"), not a byline. A line without an opening word is a byline only
//! when a known outlet follows the names ("Jane Doe, Reuters"), or — right
//! under the headline, before the article text ([`loose`]) — when a role,
//! a place, "for" and an outlet, an agency or handle in brackets, or a dash
//! and a short outlet name follows them ("Jane Doe, Correspondent", "Jane
//! Doe in Kyiv", "Jane Doe — Baltic Ledger").
//!
//! A person name is two to four capitalised words or initials, with
//! particles between them (van, de, al-, bin), hyphens and apostrophes
//! (O'Brien, Jean-Pierre), in any script.

use crate::lexicon::{
    entries, fold_char, with_folded, Set, BYLINE_PREFIXES, BYLINE_ROLES, NOT_NAMES,
};
use crate::scan::{floor_boundary, starts_with_word_ci, strip_prefix_ci, words};
use crate::{date, outlet};
use sitrep_text::Span;
use std::sync::LazyLock;

/// Lines longer than this are not bylines.
const MAX_BYLINE: usize = 200;
/// Bytes of a line's opening compared with the byline prefixes.
const MAX_PREFIX: usize = 32;
/// Bylines without an opening word ("Jane Doe, Reuters") are at most this
/// long.
const MAX_UNPREFIXED: usize = 100;
/// Name words (not counting particles) a person name may have.
const MAX_NAME_WORDS: usize = 4;
/// Words the part after a separator may have ("| Reuters | 5 min read").
const MAX_TAIL_WORDS: usize = 10;

/// A byline line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Byline {
    /// The author names ("Jane Doe and John Roe"); `None` when the line
    /// names only an outlet ("By Reuters").
    pub names: Option<Span>,
    /// The outlet the line names, if any.
    pub outlet: Option<Span>,
    /// What follows the names, where a date may be.
    pub tail: Span,
}

struct Words {
    /// Opening words, longest first.
    prefixes: Vec<&'static str>,
    /// Their first characters.
    prefix_starts: Set<char>,
    roles: Set<&'static str>,
    not_names: Set<&'static str>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut prefixes: Vec<&str> = entries(BYLINE_PREFIXES).collect();
    prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
    Words {
        prefix_starts: prefixes.iter().filter_map(|p| p.chars().next()).collect(),
        prefixes,
        roles: entries(BYLINE_ROLES).collect(),
        not_names: entries(NOT_NAMES).collect(),
    }
});

/// Lower-case particles inside names.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "das", "dos", "du", "del", "della", "di", "la", "le",
    "al", "el", "bin", "ibn", "ben", "bint", "ter", "ten", "zu", "af", "av", "y",
];
/// Lower-case prefixes joined to a capitalised name by a hyphen or
/// apostrophe (al-Assad, d'Estaing).
const JOINED_PARTICLES: &[&str] = &[
    "al", "el", "ad", "as", "ash", "at", "an", "ar", "az", "ibn", "bin", "abu", "d", "l", "o",
    "di", "de", "da",
];
/// Words joining the names of several authors.
const CONJUNCTIONS: &[&str] = &[
    ", and ", " and ", " AND ", " & ", ", ", " und ", " UND ", " et ", " ET ", " y ", " e ", " и ",
    " і ",
];

/// Reads `s` (a line starting at `base` in the text) as a byline.
pub(crate) fn read(s: &str, base: usize) -> Option<Byline> {
    if s.len() > MAX_BYLINE || s.is_empty() {
        return None;
    }
    let body = s.trim_start_matches(|c: char| c.is_whitespace() || "-–—•·*|>(".contains(c));
    let lead = s.len() - body.len();
    // Prefixes are matched on the folded opening of the line, then measured
    // on the line itself.
    let first = body
        .chars()
        .next()
        .map_or(' ', |c| fold_char(c).next().unwrap_or(c));
    if !WORDS.prefix_starts.contains(&first) {
        return without_prefix(s, lead, base);
    }
    let opening = &body[..floor_boundary(body, MAX_PREFIX)];
    let prefix = with_folded(opening, |folded| {
        WORDS.prefixes.iter().copied().find(|prefix| {
            folded.strip_prefix(prefix).is_some_and(|after| {
                prefix.ends_with(':') || after.starts_with(char::is_whitespace)
            })
        })
    });
    let Some(prefix) = prefix else {
        return without_prefix(s, lead, base);
    };
    let n = strip_prefix_ci(body, prefix)?;
    let after = &body[n..];
    let space = after.len() - after.trim_start().len();
    after_prefix(s, lead + n + space, base)
}

fn after_prefix(s: &str, at: usize, base: usize) -> Option<Byline> {
    let rest = &s[at..];
    // "By Reuters", "By The Associated Press", "By Reuters Staff".
    if let Some(r) = outlet::find(rest).filter(|r| r.start == 0) {
        let tail = &rest[r.end..];
        if tail_ok(tail) || is_role(tail) {
            let outlet = Some(Span::new(base + at, base + at + r.end));
            let tail = Span::new(base + at + r.end, base + s.len());
            return Some(Byline {
                names: None,
                outlet,
                tail,
            });
        }
    }
    let end = name_list(s, at)?;
    let tail = &s[end..];
    if !tail_ok(tail) && !is_role(tail) {
        return None;
    }
    let outlet = outlet::find(tail).map(|r| Span::new(base + end + r.start, base + end + r.end));
    Some(Byline {
        names: Some(Span::new(base + at, base + end)),
        outlet,
        tail: Span::new(base + end, base + s.len()),
    })
}

/// Lines holding just a name are at most this long.
const MAX_NAME_LINE: usize = 60;

/// A line that is only a person's name (or several), as a stacked byline
/// writes it above the author's role. Returns the names.
pub(crate) fn bare_name(s: &str, base: usize) -> Option<Span> {
    if s.len() > MAX_NAME_LINE {
        return None;
    }
    let end = name_list(s, 0)?;
    s[end..]
        .trim()
        .is_empty()
        .then(|| Span::new(base, base + end))
}

/// A line under a stacked byline's name: the author's role ("Senior
/// correspondent", "Staff Writer") or social handle ("@janedoe").
pub(crate) fn role_line(s: &str) -> bool {
    if let Some(handle) = s.strip_prefix('@') {
        return !handle.is_empty()
            && handle
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    }
    s.len() <= MAX_NAME_LINE && !s.starts_with([',', '|', '-']) && is_role(s)
}

/// A sign-off closing the article: a dash and a person's name alone ("—
/// Jane Doe"). Returns the name.
pub(crate) fn sign_off(s: &str, base: usize) -> Option<Span> {
    let rest = s.strip_prefix(['—', '–', '-'])?;
    let at = s.len() - rest.trim_start().len();
    let end = name_list(s, at)?;
    let tail = s[end..].trim();
    (tail.is_empty() || helped(tail)).then(|| Span::new(base + at, base + end))
}

/// Words the help named after a sign-off has at most ("with reporting by
/// Eli Sharon in Jerusalem").
const MAX_HELP_WORDS: usize = 8;

/// True when the tail of a sign-off names help with the story: ", with
/// reporting by Eli Sharon", "with agencies", "and agencies".
fn helped(tail: &str) -> bool {
    let t = tail.trim_start_matches(',').trim_start();
    let Some(n) = starts_with_word_ci(t, "with").or_else(|| starts_with_word_ci(t, "and")) else {
        return false;
    };
    let rest = &t[n..];
    let count = words(rest).count();
    (1..=MAX_HELP_WORDS).contains(&count) && !rest.contains(['.', ';', '!', '?'])
}

/// Words of an author's note at the end of an article, up to the role.
const MAX_BIO_WORDS: usize = 12;
/// Author's notes are at most this long.
const MAX_BIO: usize = 200;
/// Roles that make "X is a …" a note about the author, not a sentence about
/// someone in the story.
const JOURNALIST_ROLES: &[&str] = &[
    "correspondent",
    "journalist",
    "reporter",
    "writer",
    "editor",
    "columnist",
    "contributor",
    "photographer",
    "freelance",
    "freelancer",
];

/// A note about the author closing an article: a name, "is a", "is an" or
/// "is the", and a journalist's role within a few words ("Daniel Achebe is
/// the Horn of Africa correspondent for the Harbour Times."). Returns the
/// name.
pub(crate) fn bio(s: &str, base: usize) -> Option<Span> {
    if s.len() > MAX_BIO {
        return None;
    }
    let end = one_name(s, 0)?;
    let rest = s[end..].strip_prefix(" is ")?;
    let n = ["a ", "an ", "the "]
        .iter()
        .find_map(|a| rest.strip_prefix(a).map(|r| rest.len() - r.len()))?;
    let journalist = words(&rest[n..]).take(MAX_BIO_WORDS).any(|(_, w)| {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        with_folded(core, |f| JOURNALIST_ROLES.contains(&f))
    });
    journalist.then(|| Span::new(base, base + end))
}

/// Capitalised words the place after "reported from" may have.
const MAX_REPORTED_FROM_WORDS: usize = 4;

/// A closing line saying where the author reported from ("Jane Doe
/// reported from Nairobi."): a name list, "reported from" and a short
/// capitalised place name, nothing after it. Returns the names.
pub(crate) fn reported_from(s: &str, base: usize) -> Option<Span> {
    if s.len() > MAX_LOOSE {
        return None;
    }
    let end = name_list(s, 0)?;
    let rest = s[end..].trim_start();
    let n = starts_with_word_ci(rest, "reported from")?;
    let place = rest[n..].trim().trim_end_matches('.').trim_end();
    let count = words(place).count();
    let capitalised = words(place).all(|(_, w)| {
        w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(&w) || w == "and"
    });
    ((1..=MAX_REPORTED_FROM_WORDS).contains(&count)
        && capitalised
        && !place.contains(['.', ';', '!', '?']))
    .then(|| Span::new(base, base + end))
}

/// Lines [`loose`] reads are at most this long.
const MAX_LOOSE: usize = 100;
/// Words an unknown outlet's name after a byline's separator may have
/// ("Jane Doe — Baltic Ledger").
const MAX_LOOSE_OUTLET_WORDS: usize = 4;

/// A byline without an opening word and without a known outlet, which only
/// the place it stands in makes a byline: right under the headline, before
/// the article text. The names must be followed by something only bylines
/// end with — a role ("Jane Doe, Correspondent"), a place ("Jane Doe in
/// Kyiv"), an agency or handle in brackets ("Jane Doe (AFP)", "Jane Doe
/// (@janedoe)"), an e-mail address or handle, "for" and an outlet ("Jane Doe
/// for The Courier"), or a separator and a short capitalised name ("Jane Doe
/// — Baltic Ledger"). A name alone is not enough (a two-word heading looks
/// like one). Returns the names.
pub(crate) fn loose(s: &str, base: usize) -> Option<Span> {
    if s.len() > MAX_LOOSE {
        return None;
    }
    let end = name_list(s, 0)?;
    let tail = s[end..].trim();
    if tail.is_empty() {
        return None;
    }
    let names = Span::new(base, base + end);
    // Words after the names: "in Kyiv", "for The Courier", an address, a
    // date (not a separator and any words: "Shelling of Kharkiv: two dead").
    let worded = tail.starts_with(|c: char| c.is_alphabetic() || c == '@');
    // A full date right after the names ("Jane Doe 12 July 2024"), not any
    // number ("Shr Class B 59 cts").
    let dated = date::dates_in(tail)
        .first()
        .is_some_and(|(r, _)| r.start == 0);
    if is_role(tail) || worded && tail_ok(tail) || dated {
        return Some(names);
    }
    // A separator and a short outlet name ("— Baltic Ledger", "| Harbour
    // Times", "(AFP)"), possibly followed by a date.
    let first = tail.chars().next()?;
    if "|—–-/(,".contains(first) {
        let rest = tail[first.len_utf8()..].trim_start();
        let rest = rest.strip_suffix(')').unwrap_or(rest).trim_end();
        if rest.starts_with('@') || handle_or_address(rest).is_some_and(|n| n == rest.len()) {
            return Some(names);
        }
        if let Some(r) = outlet::find(rest).filter(|r| r.start == 0) {
            let after = rest[r.end..].trim_start_matches([',', '|', ' ', ')']);
            if after.is_empty() || date::starts_date(after) {
                return Some(names);
            }
        }
        let mut n = 0;
        let capitalised = words(rest).all(|(_, w)| {
            n += 1;
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        });
        if first != ',' && capitalised && (1..=MAX_LOOSE_OUTLET_WORDS).contains(&n) {
            return Some(names);
        }
    }
    None
}

/// The length of an e-mail address or social handle opening `s`
/// ("jane.doe@courier.example", "@janedoe").
fn handle_or_address(s: &str) -> Option<usize> {
    let len = s.find(char::is_whitespace).unwrap_or(s.len());
    let word = s[..len].trim_end_matches([',', ';', ')']);
    let at = word.find('@')?;
    let ok = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_alphanumeric() || "._-+".contains(c))
    };
    let (user, host) = (&word[..at], &word[at + 1..]);
    let address = ok(user) && ok(host) && host.contains('.') && !host.ends_with('.');
    let handle = user.is_empty() && ok(host);
    (address || handle).then_some(word.len())
}

/// "Jane Doe, Reuters", "Jane Doe | BBC News": names, a separator, a known
/// outlet and nothing but a date after it.
fn without_prefix(s: &str, at: usize, base: usize) -> Option<Byline> {
    if s.len() > MAX_UNPREFIXED || outlet::find(s).is_none() {
        return None;
    }
    // A separator: , | - ( / or a dash (whose UTF-8 starts with 0xE2).
    if !s
        .bytes()
        .any(|b| matches!(b, b',' | b'|' | b'-' | b'(' | b'/' | 0xe2))
    {
        return None;
    }
    // Two capitalised words at least.
    let mut opening = s[at..]
        .split_whitespace()
        .map(|w| w.chars().next().unwrap_or(' '));
    let capital = |c: char| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase());
    if !(opening.next().is_some_and(capital) && opening.next().is_some_and(capital)) {
        return None;
    }
    let end = name_list(s, at)?;
    let tail = &s[end..];
    let sep = tail.trim_start();
    let first = sep.chars().next()?;
    if !",|–—-(/".contains(first) {
        return None;
    }
    let after = sep[first.len_utf8()..].trim_start();
    let r = outlet::find(after).filter(|r| r.start == 0)?;
    let rest = after[r.end..].trim_start_matches(')');
    if !(rest.trim().is_empty() || date::starts_date(rest.trim_start_matches([',', '|', ' ']))) {
        return None;
    }
    let start = base + s.len() - after.len();
    Some(Byline {
        names: Some(Span::new(base + at, base + end)),
        outlet: Some(Span::new(start, start + r.end)),
        tail: Span::new(base + end, base + s.len()),
    })
}

/// The end of one or more names joined by conjunctions, starting at `at`.
fn name_list(s: &str, at: usize) -> Option<usize> {
    name_list_with(s, at, |_| {})
}

/// The pieces between the names of a byline that are not names: a place
/// ("Anna Roe in Kharkiv and Tom Bell") or a role ("Leyla Demir, Istanbul
/// bureau chief, and Omar Farouk"). `names` is the byline's span in `text`;
/// the pieces are spans in `text`, in order. The names read without them
/// are "Anna Roe and Tom Bell".
pub(crate) fn between_names(text: &str, names: Span) -> Vec<Span> {
    let mut gaps = Vec::new();
    if let Some(s) = text.get(names.range()) {
        name_list_with(s, 0, |r| {
            gaps.push(Span::new(names.start + r.start, names.start + r.end))
        });
    }
    gaps
}

/// The end of one or more names joined by conjunctions, starting at `at`;
/// `gap` is told of each place or role between two names (byte range in
/// `s`).
fn name_list_with(
    s: &str,
    at: usize,
    mut gap: impl FnMut(std::ops::Range<usize>),
) -> Option<usize> {
    let mut end = one_name(s, at)?;
    loop {
        let rest = &s[end..];
        let skip = place(rest).or_else(|| role_piece(rest)).unwrap_or(0);
        let after_place = &rest[skip..];
        let Some(conj) = CONJUNCTIONS.iter().find(|c| after_place.starts_with(*c)) else {
            break;
        };
        let next = end + skip + conj.len();
        let following = &s[next..];
        if outlet::find(following).is_some_and(|r| r.start == 0) || is_role(following) {
            break;
        }
        match one_name(s, next) {
            Some(e) => {
                if skip > 0 {
                    // ", Istanbul bureau chief" before ", and ": the comma
                    // goes with the role, so the names read "A and B".
                    let comma = usize::from(conj.starts_with(", ") && conj.len() > 2);
                    gap(end..end + skip + comma);
                }
                end = e;
            }
            None => break,
        }
    }
    Some(end)
}

/// Words a role between two names has at most.
const MAX_ROLE_PIECE_WORDS: usize = 4;

/// The length of ", Istanbul bureau chief" at the start of `s` when a comma
/// and a conjunction follow it (", and Omar Farouk"): a role between the
/// names of two authors.
fn role_piece(s: &str) -> Option<usize> {
    let t = s.strip_prefix(", ")?;
    let len = t.find(',')?;
    let piece = &t[..len];
    let after = &t[len..];
    let joined = after.starts_with(", and ") || after.starts_with(", & ");
    (joined && words(piece).count() <= MAX_ROLE_PIECE_WORDS && is_role(piece)).then_some(2 + len)
}

/// The length of " in Kyiv" at the start of `s` (one to three capitalised
/// words after "in").
fn place(s: &str) -> Option<usize> {
    let t = s.strip_prefix(" in ")?;
    let mut end = None;
    for (i, w) in words(t).take(3) {
        let core = w.trim_end_matches([',', ';']);
        if !core.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        end = Some(4 + i + core.len());
        if core.len() < w.len() {
            break;
        }
    }
    end
}

/// The end of one person's name starting at `at`.
fn one_name(s: &str, at: usize) -> Option<usize> {
    let mut names = 0;
    let mut full = 0;
    let mut particles = 0;
    let mut end = at;
    let mut pos = at;
    while pos < s.len() {
        let rest = &s[pos..];
        if date::starts_date(rest) || (names >= 2 && outlet_at_start(rest)) {
            break;
        }
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..len];
        let core = word.trim_end_matches([',', ';', ':', '|']);
        let punctuated = core.len() < word.len();
        match name_word(core) {
            NameWord::Name => {
                names += 1;
                full += 1;
                particles = 0;
                end = pos + core.len();
            }
            NameWord::Initial => {
                names += 1;
                particles = 0;
                end = pos + core.len();
            }
            NameWord::Particle if !punctuated && particles < 2 => particles += 1,
            _ => break,
        }
        if punctuated || names == MAX_NAME_WORDS {
            break;
        }
        let after = &rest[len..];
        let space = &after[..after.len() - after.trim_start().len()];
        if space.is_empty() || space.contains('\n') {
            break;
        }
        pos += len + space.len();
    }
    (names >= 2 && full >= 1).then_some(end)
}

#[derive(Debug, PartialEq, Eq)]
enum NameWord {
    Name,
    Initial,
    Particle,
    No,
}

fn name_word(w: &str) -> NameWord {
    let Some(first) = w.chars().next() else {
        return NameWord::No;
    };
    if w.chars().count() > 30 {
        return NameWord::No;
    }
    let listed = with_folded(w, |f| {
        if first.is_lowercase() && PARTICLES.contains(&f) {
            Some(NameWord::Particle)
        } else if WORDS.not_names.contains(f) || WORDS.roles.contains(f) {
            Some(NameWord::No)
        } else {
            None
        }
    });
    if let Some(listed) = listed {
        return listed;
    }
    if is_initial(w) {
        return NameWord::Initial;
    }
    let letters_ok = |s: &str| {
        s.chars().all(|c| {
            c.is_alphabetic() || "'’-.".contains(c) || ('\u{300}'..='\u{36f}').contains(&c)
        }) && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
    };
    if first.is_uppercase() {
        return if letters_ok(w) {
            NameWord::Name
        } else {
            NameWord::No
        };
    }
    if first.is_lowercase() {
        // al-Assad, d'Estaing
        if let Some(i) = w.find(['-', '\'', '’']) {
            let joined = &w[..i];
            let rest = w[i..].trim_start_matches(['-', '\'', '’']);
            if JOINED_PARTICLES.contains(&joined)
                && rest.chars().next().is_some_and(char::is_uppercase)
                && letters_ok(rest)
            {
                return NameWord::Name;
            }
        }
        return NameWord::No;
    }
    // Scripts without case (Arabic, Hebrew, Georgian, …).
    if first.is_alphabetic() && letters_ok(w) {
        return NameWord::Name;
    }
    NameWord::No
}

/// "J.", "J.R.", "J.-P.", or a single capital letter.
fn is_initial(w: &str) -> bool {
    let mut chars = w.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_uppercase(),
        _ => {
            w.len() <= 8
                && w.ends_with('.')
                && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '-')
                && w.chars().filter(|c| c.is_uppercase()).count() <= 3
        }
    }
}

/// True when `s` is a role such as "Staff Writer" or ", Senior Correspondent".
fn is_role(s: &str) -> bool {
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || ",|–—-".contains(c));
    let mut n = 0;
    let mut role = false;
    for (_, w) in words(s) {
        n += 1;
        role |= with_folded(w.trim_matches(|c: char| !c.is_alphanumeric()), |f| {
            WORDS.roles.contains(f)
        });
    }
    role && n <= 5
}

/// True when a known outlet's name starts `s` ("Associated Press" in
/// "Lucy Mwangi Associated Press").
fn outlet_at_start(s: &str) -> bool {
    s.starts_with(|c: char| c.is_uppercase()) && outlet::find(s).is_some_and(|r| r.start == 0)
}

/// Words after the names that hand the story partly to agencies: "By Jane
/// Doe and agencies", "Jane Doe with wires".
const AGENCY_TAILS: &[&str] = &[
    "and agencies",
    "with agencies",
    "and wires",
    "with wires",
    "and news agencies",
    "und agenturen",
    "mit agenturen",
    "avec agences",
    "et agences",
];

/// True when what follows the names of a byline is something a byline may
/// end with: nothing, a separator and a short tail, a place, an outlet or a
/// date.
fn tail_ok(tail: &str) -> bool {
    let t = tail.trim();
    let Some(first) = t.chars().next() else {
        return true;
    };
    if date::starts_date(t) {
        return true;
    }
    // An outlet glued to the names: "By Lucy Mwangi Associated Press".
    if let Some(r) = outlet::find(t).filter(|r| r.start == 0) {
        let rest = &t[r.end..];
        return rest.trim().is_empty() || tail_ok(rest);
    }
    if let Some(n) = AGENCY_TAILS.iter().find_map(|p| starts_with_word_ci(t, p)) {
        return tail_ok(&t[n..]);
    }
    // An e-mail address or handle: "By Jane Doe jane.doe@courier.example".
    if let Some(n) = handle_or_address(t) {
        return tail_ok(&t[n..]);
    }
    if "|•·/([—–-,;:)".contains(first) {
        let rest = t[first.len_utf8()..].trim();
        return words(rest).count() <= MAX_TAIL_WORDS && !rest.contains(". ");
    }
    if let Some(n) = starts_with_word_ci(t, "in") {
        let after = t[n..].trim_start();
        let mut end = 0;
        for (i, w) in words(after).take(3) {
            let core = w.trim_end_matches([',', ';']);
            if !core.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            end = i + core.len();
            if core.len() < w.len() {
                break;
            }
        }
        return end > 0 && tail_ok(&after[end..]);
    }
    // "Posted by Jane Doe on 12 March 2024": the date must be all that
    // follows ("Bancshares Inc on March 31, 1987 and include" is text).
    if let Some(n) = starts_with_word_ci(t, "on") {
        if date::read_line(t[n..].trim(), 0).is_some_and(|d| d.other_words == 0) {
            return true;
        }
    }
    for word in ["for", "für", "pour", "para", "at"] {
        if let Some(n) = starts_with_word_ci(t, word) {
            let rest = t[n..].trim();
            return words(rest).count() <= 6 && !rest.contains(". ");
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{between_names, bio, name_word, read, sign_off, NameWord};
    use sitrep_text::Span;

    /// (names, outlet) read from a line.
    fn byline(s: &str) -> Option<(Option<&str>, Option<&str>)> {
        read(s, 0).map(|b| (b.names.map(|n| n.slice(s)), b.outlet.map(|o| o.slice(s))))
    }

    fn names(s: &str) -> Option<&str> {
        byline(s).and_then(|(n, _)| n)
    }

    #[test]
    fn prefixed_bylines() {
        assert_eq!(
            names("From: Christian Sturgeon"),
            Some("Christian Sturgeon")
        );
        assert_eq!(names("By Maria Kovalenko"), Some("Maria Kovalenko"));
        assert_eq!(names("BY TOMAS HALLORAN"), Some("TOMAS HALLORAN"));
        assert_eq!(names("Author: Petra Lindqvist"), Some("Petra Lindqvist"));
        assert_eq!(names("Written by Oskar J. Brandt"), Some("Oskar J. Brandt"));
        assert_eq!(names("Von Annika Wendler"), Some("Annika Wendler"));
        assert_eq!(names("Par Élodie Marchand"), Some("Élodie Marchand"));
        assert_eq!(names("Автор: Ирина Соколова"), Some("Ирина Соколова"));
        assert_eq!(names("— By Dana Whitcombe"), Some("Dana Whitcombe"));
    }

    #[test]
    fn several_authors_and_outlets() {
        assert_eq!(
            byline("By Lena Hartmann and Tom Ashby | Reuters"),
            Some((Some("Lena Hartmann and Tom Ashby"), Some("Reuters")))
        );
        assert_eq!(
            names("By Ruth Okafor, Dmytro Levchenko and Sam Whitfield"),
            Some("Ruth Okafor, Dmytro Levchenko and Sam Whitfield")
        );
        assert_eq!(
            byline("Karim Haddad, Reuters"),
            Some((Some("Karim Haddad"), Some("Reuters")))
        );
        assert_eq!(
            byline("Nadia Petrenko | BBC News"),
            Some((Some("Nadia Petrenko"), Some("BBC News")))
        );
        assert_eq!(byline("By Reuters"), Some((None, Some("Reuters"))));
        assert_eq!(byline("By Reuters Staff"), Some((None, Some("Reuters"))));
        assert_eq!(
            byline("Von Jan Brückner und Eva Stahl, dpa"),
            Some((Some("Jan Brückner und Eva Stahl"), Some("dpa")))
        );
    }

    #[test]
    fn tails_are_left_out_of_the_names() {
        assert_eq!(names("By Olga Marchuk in Kyiv"), Some("Olga Marchuk"));
        assert_eq!(
            names("By Olga Marchuk in Kyiv and Ivan Dorn in Moscow"),
            Some("Olga Marchuk in Kyiv and Ivan Dorn")
        );
        assert_eq!(
            names("By Henry Caldwell, Staff Writer"),
            Some("Henry Caldwell")
        );
        assert_eq!(
            names("By Henry Caldwell, Senior Defence Correspondent"),
            Some("Henry Caldwell")
        );
        assert_eq!(
            names("By Priya Raman Updated 10:03 GMT, 15 March 2024"),
            Some("Priya Raman")
        );
        assert_eq!(names("By Priya Raman March 15, 2024"), Some("Priya Raman"));
        assert_eq!(names("By Priya Raman · 4 min read"), Some("Priya Raman"));
        assert_eq!(
            names("By Priya Raman for The Guardian"),
            Some("Priya Raman")
        );
        assert_eq!(
            byline("By Priya Raman for The Guardian").unwrap().1,
            Some("The Guardian")
        );
    }

    #[test]
    fn outlets_glued_to_names_and_agency_tails() {
        assert_eq!(
            byline("By PETRA OYELARAN and DAVID KWAME Associated Press"),
            Some((
                Some("PETRA OYELARAN and DAVID KWAME"),
                Some("Associated Press")
            ))
        );
        assert_eq!(
            byline("By Joanna Mbeki Reuters"),
            Some((Some("Joanna Mbeki"), Some("Reuters")))
        );
        assert_eq!(names("By Saskia Lund and agencies"), Some("Saskia Lund"));
        assert_eq!(names("Ines Albert & Rui Costa"), None);
        assert_eq!(
            names("By Ines Albert & Rui Costa"),
            Some("Ines Albert & Rui Costa")
        );
    }

    #[test]
    fn opening_words_added_in_session_6() {
        assert_eq!(
            names("Posted by Marta Levchenko on 12 March 2024"),
            Some("Marta Levchenko")
        );
        assert_eq!(
            names("Opinion by Gareth Pennington"),
            Some("Gareth Pennington")
        );
        assert_eq!(
            names("From our correspondent Niamh Gallagher in Odesa"),
            Some("Niamh Gallagher")
        );
        assert_eq!(
            names("Door Pieter van Dijk, Amsterdam"),
            Some("Pieter van Dijk")
        );
        // "on" must be followed by a date and nothing else.
        assert_eq!(names("Posted by Marta Levchenko on the front page"), None);
        assert_eq!(
            super::loose(
                "Community Bancshares Inc on March 31, 1987 and include Camden",
                0
            ),
            None
        );
        assert_eq!(names("Door handles were stolen overnight"), None);
    }

    #[test]
    fn reported_from_closing_lines() {
        let from = |s: &str| super::reported_from(s, 0).map(|n| n.slice(s).to_string());
        assert_eq!(
            from("Tomas Berglund reported from Nairobi."),
            Some("Tomas Berglund".to_string())
        );
        assert_eq!(
            from("Ana Ruiz and Li Wei reported from Buenos Aires."),
            Some("Ana Ruiz and Li Wei".to_string())
        );
        assert_eq!(
            from("Tomas Berglund reported from the scene of the attack."),
            None
        );
        assert_eq!(from("Officials reported from Nairobi."), None);
    }

    #[test]
    fn sign_offs() {
        let s = "— Halima Yusuf";
        assert_eq!(
            super::sign_off(s, 0).map(|n| n.slice(s)),
            Some("Halima Yusuf")
        );
        assert_eq!(super::sign_off("— The Editors", 0), None);
        assert_eq!(super::sign_off("– Halima Yusuf reported this", 0), None);
        assert_eq!(super::sign_off("Halima Yusuf", 0), None);
    }

    #[test]
    fn more_opening_words_and_footers() {
        assert_eq!(
            names("Live coverage by Ruth Adeyemi and Karl Moss"),
            Some("Ruth Adeyemi and Karl Moss")
        );
        assert_eq!(names("Analysis by Farid Nassar"), Some("Farid Nassar"));
        assert_eq!(
            names("Reporters: Lina Haas, Ole Berg"),
            Some("Lina Haas, Ole Berg")
        );
        assert_eq!(
            names("(Reporting by Tomasz Nowik; Editing by Alan Crewe)"),
            Some("Tomasz Nowik")
        );
        assert_eq!(names("Edited by Alan Crewe"), None);
    }

    #[test]
    fn names_with_particles_initials_and_other_scripts() {
        assert_eq!(names("By Willem van der Berg"), Some("Willem van der Berg"));
        assert_eq!(names("By Seamus O'Brien"), Some("Seamus O'Brien"));
        assert_eq!(
            names("By Seamus O’Brien-Kelly"),
            Some("Seamus O’Brien-Kelly")
        );
        assert_eq!(names("By Bashar al-Hakim"), Some("Bashar al-Hakim"));
        assert_eq!(names("By J. R. Tolland"), Some("J. R. Tolland"));
        assert_eq!(names("By Omar bin Talal"), Some("Omar bin Talal"));
        assert_eq!(names("بقلم سمير خليل"), Some("سمير خليل"));
        assert_eq!(name_word("خليل"), NameWord::Name);
        assert_eq!(name_word("Updated"), NameWord::No);
        assert_eq!(name_word("van"), NameWord::Particle);
    }

    #[test]
    fn loose_bylines_need_a_telling_tail() {
        let loose = |s: &str| super::loose(s, 0).map(|n| n.slice(s).to_string());
        let cases = [
            ("Farhad Nazari, Correspondent", "Farhad Nazari"),
            ("Marwan Khoury, Correspondent in Beirut", "Marwan Khoury"),
            ("Anastasiia Koval in Kyiv", "Anastasiia Koval"),
            ("Lena Vogt — Baltic Ledger", "Lena Vogt"),
            ("Samira Haddad for The Northern Courier", "Samira Haddad"),
            ("Callum Reid (@callumreid_news)", "Callum Reid"),
            ("Callum Reid @callumreid_news", "Callum Reid"),
            ("Nino Beridze (AFP)", "Nino Beridze"),
        ];
        for (line, want) in cases {
            assert_eq!(loose(line).as_deref(), Some(want), "{line}");
        }
        assert_eq!(loose("Anastasiia Koval"), None);
        assert_eq!(loose("Port Sudan, Sudan"), None);
        assert_eq!(loose("Drone strikes hit the capital"), None);
        assert_eq!(loose("What happens next"), None);
        assert_eq!(loose("Обстрел Шебекино: погибли двое, ранены пятеро"), None);
        assert_eq!(loose("Heavy Shelling: two dead"), None);
        assert_eq!(loose("Shr Class B 59 cts vs 46 cts"), None);
        assert_eq!(
            loose("Anastasiia Koval 12 July 2024").as_deref(),
            Some("Anastasiia Koval")
        );
    }

    #[test]
    fn addresses_and_handles_after_the_names() {
        assert_eq!(
            names("By Priyanka Sethi priyanka.sethi@dailyledger.example"),
            Some("Priyanka Sethi")
        );
        assert_eq!(names("By Priyanka Sethi (@psethi)"), Some("Priyanka Sethi"));
        assert_eq!(
            names("Words: Mairéad Ní Bhriain"),
            Some("Mairéad Ní Bhriain")
        );
        assert_eq!(super::handle_or_address("jane@x"), None);
        assert_eq!(super::handle_or_address("@jane_doe"), Some(9));
    }

    #[test]
    fn sentences_are_not_bylines() {
        assert_eq!(
            byline("By Thursday, the convoy had reached the city."),
            None
        );
        assert_eq!(byline("By contrast, the army held its ground."), None);
        assert_eq!(byline("By the end of the week, 40 people had died."), None);
        assert_eq!(
            byline("By Friday Russian forces had pulled back from the village"),
            None
        );
        assert_eq!(byline("By March 2024 the front had barely moved"), None);
        assert_eq!(byline("By far the largest attack"), None);
        assert_eq!(byline("Von Kiew aus fuhren die Busse los."), None);
        assert_eq!(byline("Par ailleurs, le ministre a démenti."), None);
        assert_eq!(byline("Vladimir Putin, Xi Jinping meet in Beijing"), None);
        assert_eq!(byline("From: the editors"), None);
        assert_eq!(byline("Byline"), None);
        assert_eq!(byline(""), None);
    }

    /// The byline's names with the places and roles between them left out.
    fn joined(s: &str) -> Option<String> {
        let names = read(s, 0)?.names?;
        let mut out = String::new();
        let mut at = names.start;
        for gap in between_names(s, names) {
            out.push_str(&s[at..gap.start]);
            at = gap.end;
        }
        out.push_str(&s[at..names.end]);
        Some(out)
    }

    #[test]
    fn places_and_roles_between_names_are_left_out() {
        assert_eq!(
            joined("By Anna Roe in Kharkiv and Tom Bell in London").as_deref(),
            Some("Anna Roe and Tom Bell")
        );
        assert_eq!(
            joined("By Leyla Demir, Istanbul bureau chief, and Omar Farouk").as_deref(),
            Some("Leyla Demir and Omar Farouk")
        );
        assert_eq!(
            joined("By Jane Doe and John Roe").as_deref(),
            Some("Jane Doe and John Roe")
        );
        // A role before "and agencies" ends the names.
        assert_eq!(
            joined("By Jane Doe, Staff Writer, and agencies").as_deref(),
            Some("Jane Doe")
        );
        assert!(between_names("short", Span::new(3, 99)).is_empty());
    }

    #[test]
    fn sign_offs_may_name_help() {
        let s = "— Yara Nassar, with reporting by Eli Sharon";
        assert_eq!(sign_off(s, 0).map(|n| n.slice(s)), Some("Yara Nassar"));
        let s = "— Yara Nassar and agencies";
        assert_eq!(sign_off(s, 0).map(|n| n.slice(s)), Some("Yara Nassar"));
        // A sentence after the name is no sign-off.
        assert_eq!(
            sign_off("— Yara Nassar, with reporting by Eli. Then more", 0),
            None
        );
        assert_eq!(sign_off("— Yara Nassar said the talks failed", 0), None);
    }

    #[test]
    fn notes_about_the_author() {
        let s = "Daniel Achebe is the Horn of Africa correspondent for the Harbour Times.";
        assert_eq!(bio(s, 0).map(|n| n.slice(s)), Some("Daniel Achebe"));
        let s = "Marta Kowal is a freelance journalist based in Cairo.";
        assert_eq!(bio(s, 0).map(|n| n.slice(s)), Some("Marta Kowal"));
        // Someone in the story is no author.
        assert_eq!(
            bio("Oleh Marchenko is the head of the regional council.", 0),
            None
        );
        assert!(bio("Oleh Marchenko is a journalist", 0).is_some());
        assert_eq!(bio("The army is a reporter", 0), None);
    }
}
