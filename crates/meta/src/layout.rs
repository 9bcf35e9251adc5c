//! What each line of the page is, the header and its title, and one role
//! per block.
//!
//! The *header* is the top of the page: its first 15 logical lines within
//! the first 1,500 bytes (up to 30 lines and 3,000 bytes while no article
//! text has been seen, for pages that open with long menus). Titles, dates
//! and bylines are read there only; the *footer* (the last lines) may add a
//! labelled date ("Published …"), a closing byline ("Reporting by …"), a
//! source line and the agency note. Everything in between is only given
//! block roles, which look at short blocks only.

use crate::byline::{self, Byline};
use crate::credit;
use crate::date::{self, DateLine, Found};
use crate::fields;
use crate::furniture::{is_furniture, is_related_heading};
use crate::outlet;
use crate::scan::{ends_sentence, final_char, is_letter, word_count, Lines};
use crate::{BlockRole, DateKind};
use sitrep_text::segment::Layout;
use sitrep_text::{Segmentation, Span};

/// Header lines read at most (more while no article text is seen).
const HEADER_LINES: usize = 15;
/// Header bytes read at most (more while no article text is seen).
const HEADER_BYTES: usize = 1500;
/// Limits while the header has shown no article text yet.
const LONG_HEADER_LINES: usize = 30;
const LONG_HEADER_BYTES: usize = 3000;
/// Footer lines read for dates, bylines and sources.
const FOOTER_LINES: usize = 5;
/// Bytes at the end of the text the footer lies in.
const FOOTER_BYTES: usize = 800;
/// Footer lines longer than this are article text.
const MAX_FOOTER_LINE: usize = 200;
/// Closing lines searched for an agency note.
const NOTE_LINES: usize = 3;
/// Lines and blocks longer than this are article text without a look.
const MAX_CLASSIFIED: usize = 600;
/// Lines that are just an outlet's name are at most this long.
const MAX_OUTLET_LINE: usize = 60;
/// Longer lines are paragraphs: no byline, date, note or masthead.
const MAX_SHORT_LINE: usize = 250;
/// Lines longer than this ending like a sentence are sentences, not
/// bylines, dates, notes or mastheads.
const MIN_SENTENCE: usize = 100;
/// Display lines (titles, headings) are at most this long.
const MAX_DISPLAY_BYTES: usize = 200;
const MAX_DISPLAY_WORDS: usize = 25;
/// A line ending in "?" or "!" with more words than this is a sentence.
const MAX_QUESTION_WORDS: usize = 20;
/// A line with more words than this is prose whatever its ending.
const MAX_SHORT_WORDS: usize = 35;
/// A title in capitals this short, followed by another title line, is a
/// kicker ("UKRAINE WAR").
const MAX_KICKER_WORDS: usize = 3;

/// Ranks of the places an outlet is read from, best first.
pub(crate) mod rank {
    /// "By Jane Doe | Reuters".
    pub const BYLINE: u8 = 0;
    /// "Source: Ukrinform".
    pub const SOURCE: u8 = 1;
    /// A line that is just the outlet's name.
    pub const MASTHEAD: u8 = 2;
    /// "© 2024 Reuters".
    pub const COPYRIGHT: u8 = 3;
    /// "KYIV (AP) —".
    pub const DATELINE: u8 = 4;
}

/// Where a date was read, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Origin {
    Header,
    Footer,
    Dateline,
}

/// A short line shaped like a title or heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Display {
    words: usize,
    capitals: bool,
    /// Ends in "!": a sentence when it is not the title.
    exclaims: bool,
}

/// What a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A line with a role of its own.
    Role(BlockRole),
    /// A title or heading, depending on where it stands.
    Display(Display),
    /// A single word on its own line.
    Word,
    /// A line that is just a known outlet's name: a masthead above the
    /// article text, a sign-off below it ("Reuters").
    Outlet(Span),
}

/// Everything read from one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reading {
    pub kind: Kind,
    pub date_line: Option<DateLine>,
    pub label: Option<DateKind>,
    pub byline: Option<Byline>,
    pub byline_dates: Vec<Found>,
    pub credits: Vec<Span>,
    pub outlet: Option<(u8, Span)>,
}

impl Reading {
    fn new(kind: Kind) -> Reading {
        Reading {
            kind,
            date_line: None,
            label: None,
            byline: None,
            byline_dates: Vec::new(),
            credits: Vec::new(),
            outlet: None,
        }
    }

    fn role(role: BlockRole) -> Reading {
        Reading::new(Kind::Role(role))
    }
}

/// Reads one logical line.
pub(crate) fn classify(text: &str, line: Span) -> Reading {
    let s = line.slice(text);
    let base = line.start;
    if s.len() > MAX_CLASSIFIED {
        return Reading::role(BlockRole::Body);
    }
    let sentence = s.len() > MIN_SENTENCE && ends_sentence(s);
    if s.len() > MAX_SHORT_LINE || sentence {
        // A paragraph or a sentence: only a cookie notice, a link line
        // ("Read more: …") or a caption's credit may make it anything but
        // article text.
        if is_furniture(s) {
            return Reading::role(BlockRole::Furniture);
        }
        if !credit::has_hint(s) {
            return shape(s);
        }
        return credits_or_shape(s, base);
    }
    if let Some(b) = byline::read(s, base) {
        let mut r = Reading::role(BlockRole::Byline);
        r.byline_dates = date::find(b.tail.slice(text), b.tail.start);
        r.outlet = b.outlet.map(|o| (rank::BYLINE, o));
        r.byline = Some(b);
        return r;
    }
    if editor_line(s) {
        // Editors are not authors: the line is byline furniture, no names.
        return Reading::role(BlockRole::Byline);
    }
    if let Some(f) = fields::read(s, base) {
        if let Some(b) = f.byline {
            let mut r = Reading::role(BlockRole::Byline);
            r.byline_dates = f.dates;
            r.outlet = b.outlet.map(|o| (rank::BYLINE, o));
            r.byline = Some(b);
            return r;
        }
        let mut r = Reading::role(BlockRole::Date);
        r.date_line = Some(DateLine {
            dates: f.dates,
            labelled: false,
            other_words: 0,
        });
        return r;
    }
    if let Some(d) = date::read_line(s, base) {
        let mut r = Reading::role(BlockRole::Date);
        r.date_line = Some(d);
        return r;
    }
    if let Some(kind) = date::label(s) {
        let mut r = Reading::role(BlockRole::Date);
        r.label = Some(kind);
        return r;
    }
    if let Some(named) = credit::copyright_notice(s, base) {
        let mut r = Reading::role(BlockRole::Furniture);
        r.outlet = named.map(|o| (rank::COPYRIGHT, o));
        return r;
    }
    if is_furniture(s) {
        return Reading::role(BlockRole::Furniture);
    }
    if s.len() <= MAX_OUTLET_LINE {
        if let Some(r) = outlet::is_outlet(s) {
            return Reading::new(Kind::Outlet(Span::new(base + r.start, base + r.end)));
        }
    }
    if credit::may_be_note(s) {
        if let Some((_, true)) = credit::agency_note(s, base) {
            return Reading::role(BlockRole::AgencyNote);
        }
    }
    if editorial_note(s) {
        return Reading::role(BlockRole::Furniture);
    }
    credits_or_shape(s, base)
}

/// Lines naming an editor are at most this long.
const MAX_EDITOR_LINE: usize = 80;

/// "Edited by Jane Doe", "Editor: Jane Doe": a line naming the editor, who
/// is not the author.
fn editor_line(s: &str) -> bool {
    s.len() <= MAX_EDITOR_LINE
        && [
            "edited by",
            "editing by",
            "editor:",
            "redaktion:",
            "édité par",
        ]
        .iter()
        .any(|w| crate::scan::starts_with_word_ci(s, w).is_some())
}

/// Words an editorial note in brackets has at most.
const MAX_NOTE_WORDS: usize = 12;

/// A short line wholly in brackets that is not a sentence: an editor's note
/// such as "[Machine translation from Polish]" or "(unofficial summary)".
fn editorial_note(s: &str) -> bool {
    let enclosed =
        (s.starts_with('[') && s.ends_with(']')) || (s.starts_with('(') && s.ends_with(')'));
    enclosed && word_count(s) <= MAX_NOTE_WORDS && !s[1..s.len() - 1].contains([']', ')', '.'])
}

/// Separators between the pieces of a masthead or section line.
const LABEL_SEPARATORS: &[&str] = &[" | ", " — ", " – ", " · ", " • ", ", ", " › ", " > ", " » "];
/// Words each piece of a masthead or section line has at most.
const MAX_LABEL_PIECE: usize = 4;

/// True when a display line reads as a masthead, section name or
/// breadcrumb rather than a headline: pieces of a few words joined by
/// separators ("EVENING POST — Local news", "World › Europe", "Analysis |
/// Balkan Review").
fn label_line(s: &str) -> bool {
    let mut pieces = 0;
    let mut rest = s;
    loop {
        let next = LABEL_SEPARATORS
            .iter()
            .filter_map(|sep| rest.find(sep).map(|i| (i, sep.len())))
            .min();
        let (piece, after) = match next {
            Some((i, n)) => (&rest[..i], Some(&rest[i + n..])),
            None => (rest, None),
        };
        if word_count(piece) > MAX_LABEL_PIECE {
            return false;
        }
        pieces += 1;
        match after {
            Some(a) => rest = a,
            None => break,
        }
    }
    pieces >= 2
}

/// A caption or credit line when it has credits or caption marks, else the
/// line's shape.
fn credits_or_shape(s: &str, base: usize) -> Reading {
    let c = credit::read_line(s, base);
    if !(c.only_credit || c.caption) {
        return shape(s);
    }
    let role = if c.only_credit {
        BlockRole::Credit
    } else {
        BlockRole::Caption
    };
    let mut r = Reading::role(role);
    r.credits = c.credits;
    r.outlet = c.source.map(|o| (rank::SOURCE, o));
    r
}

/// A line's shape, when it has no role of its own: prose, a display line
/// (title or heading) or a single word.
fn shape(s: &str) -> Reading {
    // A sentence followed by a bracketed note ("… by morning. (with agencies)").
    let unbracketed = match s.trim_end().strip_suffix(')').and_then(|t| t.rfind('(')) {
        Some(open) if open > 0 => &s[..open],
        _ => s,
    };
    let last = final_char(unbracketed);
    let question = matches!(last, Some('?' | '!'));
    if s.len() > MAX_SHORT_LINE || matches!(last, Some('.' | '\u{2026}')) {
        return Reading::role(BlockRole::Body);
    }
    let n = word_count(s);
    let prose = n > MAX_SHORT_WORDS || (question && n > MAX_QUESTION_WORDS);
    if prose {
        return Reading::role(BlockRole::Body);
    }
    if n == 1 {
        let word_like = s.chars().next().is_some_and(is_letter);
        return if word_like {
            Reading::new(Kind::Word)
        } else {
            Reading::role(BlockRole::Body)
        };
    }
    match display(s, n) {
        Some(d) => Reading::new(Kind::Display(d)),
        None => Reading::role(BlockRole::Body),
    }
}

/// Words a title or heading does not end with; a line ending in one is a
/// piece of a wrapped paragraph.
const TRAILING_FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "with", "from",
    "by", "as", "is", "was", "that", "der", "die", "das", "und", "le", "la", "les", "de", "et",
];

fn display(s: &str, n: usize) -> Option<Display> {
    if s.len() > MAX_DISPLAY_BYTES || n > MAX_DISPLAY_WORDS {
        return None;
    }
    if matches!(
        final_char(s),
        Some('.' | ',' | ';' | ':' | '\u{2026}' | '-' | '/')
    ) {
        return None;
    }
    let last = s.split_whitespace().next_back()?;
    if TRAILING_FUNCTION_WORDS
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w))
    {
        return None;
    }
    let first = s
        .trim_start_matches(['"', '\'', '\u{201c}', '\u{201e}', '\u{ab}', '\u{2018}'])
        .chars()
        .next()?;
    if !(first.is_uppercase()
        || first.is_ascii_digit()
        || (is_letter(first) && !first.is_lowercase()))
    {
        return None;
    }
    if reported_speech(s) {
        return None;
    }
    let mut letters = s.chars().filter(|&c| is_letter(c)).peekable();
    let capitals = letters.peek().is_some() && letters.all(char::is_uppercase);
    Some(Display {
        words: n,
        capitals,
        exclaims: final_char(s) == Some('!'),
    })
}

/// True when `s` reports speech the way article text does: a quote or
/// clause closed by a comma or quotation mark right before "said", "says"
/// or "told" ("“It burns well,” said a post"). Headlines say "X says Y".
fn reported_speech(s: &str) -> bool {
    [" said ", " says ", " told "].iter().any(|w| {
        s.match_indices(w)
            .any(|(i, _)| s[..i].ends_with([',', '"', '\u{201d}', '\u{bb}', '\'', '\u{2019}']))
    })
}

/// The role of a display line that is not the title: a heading, unless it
/// exclaims ("T1 are the champions!").
fn display_role(d: Display) -> BlockRole {
    if d.exclaims {
        BlockRole::Body
    } else {
        BlockRole::Heading
    }
}

/// What the header, footer and block roles found, before it becomes
/// [`crate::Metadata`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Facts {
    pub dates: Vec<(Origin, Found)>,
    pub byline: Option<Span>,
    pub closing_byline: Option<Span>,
    pub outlet: Option<(u8, Span)>,
    pub credits: Vec<Span>,
    pub notes: Vec<Span>,
}

impl Facts {
    /// Keeps the best-ranked outlet.
    pub(crate) fn offer_outlet(&mut self, rank: u8, span: Span) {
        if !matches!(self.outlet, Some((r, _)) if r <= rank) {
            self.outlet = Some((rank, span));
        }
    }

    fn take_credits(&mut self, reading: &Reading) {
        self.credits.extend_from_slice(&reading.credits);
    }
}

/// The header: its lines with their roles, where it ends, and the title.
#[derive(Clone, Debug, Default)]
pub(crate) struct Header {
    pub lines: Vec<(Span, BlockRole)>,
    pub end: usize,
    pub title: Option<Span>,
}

/// Reads the header of `text`, adding what it finds to `facts`.
pub(crate) fn read_header(text: &str, facts: &mut Facts) -> Header {
    let mut header = Header::default();
    let mut displays: Vec<(usize, Display)> = Vec::new();
    let mut body_seen = false;
    let mut pending_label: Option<DateKind> = None;
    // Inside a list of other articles ("Most read"), until article text.
    let mut related = false;
    for (n, line) in Lines::new(text, 0).enumerate() {
        let within = (n < HEADER_LINES && line.start < HEADER_BYTES)
            || (!body_seen && n < LONG_HEADER_LINES && line.start < LONG_HEADER_BYTES);
        if !within {
            break;
        }
        let mut reading = classify(text, line);
        if is_related_heading(line.slice(text)) {
            related = true;
        }
        if related {
            reading.date_line = None;
            reading.byline = None;
        }
        let label = pending_label.take();
        if let Some(d) = &reading.date_line {
            for found in &d.dates {
                let kind = found.kind.or(label);
                facts.dates.push((Origin::Header, Found { kind, ..*found }));
            }
        }
        pending_label = reading.label;
        if let Some(b) = &reading.byline {
            if facts.byline.is_none() {
                facts.byline = b.names;
            }
            facts
                .dates
                .extend(reading.byline_dates.iter().map(|f| (Origin::Header, *f)));
        }
        if let Some((rank, span)) = reading.outlet {
            facts.offer_outlet(rank, span);
        }
        facts.take_credits(&reading);
        let mut role = match reading.kind {
            Kind::Role(role) => role,
            Kind::Display(d) if !body_seen => {
                displays.push((header.lines.len(), d));
                BlockRole::Heading
            }
            Kind::Display(d) => display_role(d),
            Kind::Word if !body_seen => BlockRole::Furniture,
            Kind::Word => BlockRole::Body,
            // A masthead above the text, but a sign-off when it ends it.
            Kind::Outlet(span) if !body_seen && !text[line.end..].trim().is_empty() => {
                facts.offer_outlet(rank::MASTHEAD, span);
                BlockRole::Furniture
            }
            Kind::Outlet(_) => BlockRole::AgencyNote,
        };
        // A stacked byline: a name alone, then a role or handle line
        // ("Senior correspondent", "@janedoe").
        if let Some(&(prev, _)) = header.lines.last() {
            if !related && !body_seen && byline::role_line(line.slice(text)) {
                if let Some(name) = byline::bare_name(prev.slice(text), prev.start) {
                    if facts.byline.is_none() {
                        facts.byline = Some(name);
                    }
                    let p = header.lines.len() - 1;
                    header.lines[p].1 = BlockRole::Byline;
                    displays.retain(|(i, _)| *i != p);
                    role = BlockRole::Byline;
                }
            }
        }
        body_seen |= role == BlockRole::Body;
        related &= role != BlockRole::Body;
        header.lines.push((line, role));
        header.end = line.end;
    }
    // The title: the longest display line before the article text that is
    // neither in capitals nor a masthead or section line ("DAILY POST |
    // World"); failing that, the first display line, unless it is a short
    // kicker in capitals right above another display line.
    // A display line that reads as a byline without an opening word ("Jane
    // Doe in Kyiv") is no headline when there are others.
    let several = displays.len() > 1;
    let headline = displays
        .iter()
        .filter(|(i, d)| {
            let line = header.lines[*i].0;
            let s = line.slice(text);
            let reads_as_byline = several && byline::loose(s, line.start).is_some();
            !(d.capitals || label_line(s) || reads_as_byline)
        })
        .max_by_key(|(i, d)| (d.words, std::cmp::Reverse(*i)))
        .copied();
    let mut title = headline.or_else(|| displays.first().copied());
    if let (None, Some((i, d)), Some(&(j, next))) = (headline, title, displays.get(1)) {
        if d.capitals && d.words <= MAX_KICKER_WORDS && j == i + 1 && !next.capitals {
            title = Some((j, next));
        }
    }
    // A short line in capitals right above the title is its kicker.
    if let Some((j, _)) = title {
        for &(i, d) in &displays {
            if i + 1 == j && d.capitals && d.words <= MAX_KICKER_WORDS {
                header.lines[i].1 = BlockRole::Furniture;
            }
        }
    }
    if let Some((i, _)) = title {
        header.lines[i].1 = BlockRole::Title;
        header.title = Some(header.lines[i].0);
        if facts.byline.is_none() {
            loose_byline(text, &mut header.lines[i + 1..], facts);
        }
    }
    for &(i, d) in &displays {
        if header.lines[i].1 == BlockRole::Heading {
            header.lines[i].1 = display_role(d);
        }
    }
    header
}

/// Header lines after the title searched for a byline without an opening
/// word.
const LOOSE_BYLINE_LINES: usize = 4;

/// A byline without an opening word or known outlet ("Jane Doe,
/// Correspondent", "Jane Doe in Kyiv", "Jane Doe — Baltic Ledger") among
/// the display lines right under the title, before the article text.
fn loose_byline(text: &str, after_title: &mut [(Span, BlockRole)], facts: &mut Facts) {
    let n = after_title.len().min(LOOSE_BYLINE_LINES);
    for i in 0..n {
        let (line, role) = after_title[i];
        // The first line of a hard-wrapped paragraph ("Americus Trust for
        // American Home / Products Shares said …") is no byline.
        let wrapped = after_title.get(i + 1).is_some_and(|&(next, next_role)| {
            let first = next
                .slice(text)
                .lines()
                .next()
                .unwrap_or_default()
                .trim_end();
            next_role == BlockRole::Body
                && text[line.end..next.start].matches('\n').count() < 2
                && !ends_sentence(first)
        });
        match role {
            BlockRole::Body => return,
            BlockRole::Heading if !wrapped => {
                if let Some(names) = byline::loose(line.slice(text), line.start) {
                    facts.byline = Some(names);
                    after_title[i].1 = BlockRole::Byline;
                    return;
                }
            }
            _ => {}
        }
    }
}

/// Reads the footer (the last lines after the header) and the closing agency
/// note, adding what they give to `facts`.
pub(crate) fn read_footer(text: &str, header_end: usize, facts: &mut Facts) {
    let from = line_start_after(text, text.len().saturating_sub(FOOTER_BYTES));
    let mut last = [Span::default(); FOOTER_LINES];
    let mut count = 0;
    // Lines after a heading of other articles ("Read more") are not read.
    let mut related_from = usize::MAX;
    for line in Lines::new(text, from) {
        if is_related_heading(line.slice(text)) {
            related_from = related_from.min(line.start);
        }
        last[count % FOOTER_LINES] = line;
        count += 1;
    }
    let lines = (count.saturating_sub(FOOTER_LINES)..count).map(|i| last[i % FOOTER_LINES]);
    let shown = count.min(FOOTER_LINES);
    // The last line of the article itself, which may be a sign-off.
    let closing = lines.clone().rev().find(|l| l.start < related_from);
    for (i, line) in lines.enumerate() {
        let own = line.start >= header_end && line.start < related_from;
        if own && line.len() <= MAX_FOOTER_LINE {
            footer_line(text, line, facts);
        }
        // The sign-off ends the article even when a short article lies
        // wholly within the header.
        if Some(line) == closing && facts.closing_byline.is_none() && line.start > 0 {
            let s = line.slice(text);
            facts.closing_byline = byline::sign_off(s, line.start)
                .or_else(|| byline::bio(s, line.start))
                .or_else(|| byline::reported_from(s, line.start));
        }
        if i + NOTE_LINES >= shown {
            if let Some((note, _)) = credit::agency_note(line.slice(text), line.start) {
                facts.notes.push(note);
            }
        }
    }
}

/// What a footer line gives: a closing byline ("Reporting by …"), a
/// labelled or date-only line, a source line, a copyright notice, credits.
fn footer_line(text: &str, line: Span, facts: &mut Facts) {
    let s = line.slice(text);
    let base = line.start;
    if let Some(b) = byline::read(s, base) {
        if facts.closing_byline.is_none() {
            facts.closing_byline = b.names;
        }
        if let Some(outlet) = b.outlet {
            facts.offer_outlet(rank::BYLINE, outlet);
        }
        return;
    }
    if let Some(d) = date::read_line(s, base) {
        if d.labelled || d.other_words == 0 {
            facts
                .dates
                .extend(d.dates.iter().map(|f| (Origin::Footer, *f)));
        }
        return;
    }
    if let Some(named) = credit::copyright_notice(s, base) {
        if let Some(outlet) = named {
            facts.offer_outlet(rank::COPYRIGHT, outlet);
        }
        return;
    }
    let c = credit::read_line(s, base);
    facts.credits.extend_from_slice(&c.credits);
    if let Some(source) = c.source {
        facts.offer_outlet(rank::SOURCE, source);
    }
}

/// The start of the first line at or after byte `at` (on a character
/// boundary); `at` itself when it already starts a line.
fn line_start_after(text: &str, at: usize) -> usize {
    let at = crate::scan::floor_boundary(text, at);
    if at == 0 || text[..at].ends_with('\n') {
        return at;
    }
    match memchr::memchr(b'\n', &text.as_bytes()[at..]) {
        Some(i) => at + i + 1,
        None => at,
    }
}

/// One role per block of `seg`: header lines give the roles of the blocks
/// they lie in; later blocks are read line by line when short.
pub(crate) fn block_roles(
    text: &str,
    seg: &Segmentation,
    header: &Header,
    facts: &mut Facts,
) -> Vec<BlockRole> {
    let mut roles = Vec::with_capacity(seg.blocks.len());
    let mut first = 0;
    for block in &seg.blocks {
        let span = block.span;
        if span.start > span.end || text.get(span.range()).is_none() {
            roles.push(BlockRole::Body);
            continue;
        }
        let role = if span.start < header.end {
            while first < header.lines.len() && header.lines[first].0.end <= span.start {
                first += 1;
            }
            let inside = header.lines[first..]
                .iter()
                .take_while(|(line, _)| line.start < span.end);
            let mut role = combine(inside.map(|&(_, role)| role));
            if span.end > header.end && !text[header.end..span.end].trim().is_empty() {
                role = BlockRole::Body;
            }
            role
        } else if block.layout == Layout::Bullet {
            if is_furniture(span.slice(text)) {
                BlockRole::Furniture
            } else {
                BlockRole::Body
            }
        } else if span.len() > MAX_CLASSIFIED {
            BlockRole::Body
        } else {
            combine(Lines::within(text, span).map(|line| {
                let reading = classify(text, line);
                facts.take_credits(&reading);
                match reading.kind {
                    Kind::Role(role) => role,
                    Kind::Display(d) => display_role(d),
                    Kind::Word => BlockRole::Body,
                    Kind::Outlet(_) => BlockRole::AgencyNote,
                }
            }))
        };
        roles.push(role);
    }
    roles
}

/// The role of a block holding lines with these roles: article text if any
/// line is, otherwise the most telling role.
fn combine(roles: impl Iterator<Item = BlockRole>) -> BlockRole {
    const ORDER: [BlockRole; 8] = [
        BlockRole::Title,
        BlockRole::Byline,
        BlockRole::Date,
        BlockRole::Caption,
        BlockRole::Credit,
        BlockRole::AgencyNote,
        BlockRole::Heading,
        BlockRole::Furniture,
    ];
    let mut best: Option<usize> = None;
    for role in roles {
        match ORDER.iter().position(|&r| r == role) {
            None => return BlockRole::Body,
            Some(i) => best = Some(best.map_or(i, |b| b.min(i))),
        }
    }
    best.map_or(BlockRole::Body, |i| ORDER[i])
}

#[cfg(test)]
mod tests {
    use super::{classify, read_header, Facts, Kind};
    use crate::BlockRole;
    use sitrep_text::Span;

    fn kind(s: &str) -> Kind {
        classify(s, Span::new(0, s.len())).kind
    }

    fn role(s: &str) -> Option<BlockRole> {
        match kind(s) {
            Kind::Role(r) => Some(r),
            _ => None,
        }
    }

    #[test]
    fn lines_with_roles() {
        assert_eq!(
            role("date 2024-03-15 Home page politics"),
            Some(BlockRole::Date)
        );
        assert_eq!(role("Published:"), Some(BlockRole::Date));
        assert_eq!(role("From: Christian Sturgeon"), Some(BlockRole::Byline));
        let editor = classify("Edited by Lorna Vance", Span::new(0, 21));
        assert_eq!(editor.kind, Kind::Role(BlockRole::Byline));
        assert_eq!(editor.byline, None);
        assert_eq!(role("Share this article"), Some(BlockRole::Furniture));
        assert_eq!(
            role("© 2024 Reuters. All rights reserved."),
            Some(BlockRole::Furniture)
        );
        assert_eq!(role("Photo: Lena Brandt/dpa"), Some(BlockRole::Credit));
        assert_eq!(role("Source: Ukrinform"), Some(BlockRole::Credit));
        assert_eq!(
            role("A tank near the border. (Archive image) © Pavel Orlik/AFP"),
            Some(BlockRole::Caption)
        );
        assert_eq!(role("(dpa/ab)"), Some(BlockRole::AgencyNote));
        assert_eq!(
            role("The legion said it destroyed two depots."),
            Some(BlockRole::Body)
        );
        assert_eq!(role("Some of the findings include:"), Some(BlockRole::Body));
        assert_eq!(
            role("The fire was out by morning. (with agencies)"),
            Some(BlockRole::Body)
        );
        assert_eq!(role("Reuters"), None);
    }

    #[test]
    fn display_lines_and_words() {
        assert!(matches!(
            kind("Pro-Ukrainian militia wants to “free Russia from Putin”"),
            Kind::Display(_)
        ));
        assert!(matches!(
            kind("Is the front line about to move?"),
            Kind::Display(_)
        ));
        assert!(matches!(kind("Politics"), Kind::Word));
        assert_eq!(
            role("“It burns well,” said a post on the platform"),
            Some(BlockRole::Body)
        );
        assert!(matches!(
            kind("Army says enemy assault repelled near the river crossing"),
            Kind::Display(_)
        ));
        assert_eq!(
            role("“We held the line,” said a commander near the town"),
            Some(BlockRole::Body)
        );
        assert_eq!(
            role("fourth quarter ending May 30 to exceed those"),
            Some(BlockRole::Body)
        );
        assert_eq!(
            role("Dean Foods said earnings for the"),
            Some(BlockRole::Body)
        );
    }

    fn header(text: &str) -> (Option<&str>, Vec<(&str, BlockRole)>, Facts) {
        let mut facts = Facts::default();
        let h = read_header(text, &mut facts);
        let lines = h.lines.iter().map(|(s, r)| (s.slice(text), *r)).collect();
        (h.title.map(|t| t.slice(text)), lines, facts)
    }

    #[test]
    fn title_is_the_first_display_line_before_the_text() {
        let text = "Reuters\n\nDrones strike fuel depot in southern region\n\nBy Mira Castell | Reuters\n\n\
                    March 15, 2024\n\nThe strike started a fire, officials said.\n\nWhat happens next\n\nMore text follows here.";
        let (title, lines, facts) = header(text);
        assert_eq!(title, Some("Drones strike fuel depot in southern region"));
        let roles: Vec<BlockRole> = lines.iter().map(|l| l.1).collect();
        assert_eq!(
            roles,
            [
                BlockRole::Furniture,
                BlockRole::Title,
                BlockRole::Byline,
                BlockRole::Date,
                BlockRole::Body,
                BlockRole::Heading,
                BlockRole::Body
            ]
        );
        assert_eq!(facts.byline.map(|b| b.slice(text)), Some("Mira Castell"));
        assert_eq!(facts.outlet.map(|(_, o)| o.slice(text)), Some("Reuters"));
    }

    #[test]
    fn kickers_are_not_titles() {
        let (title, lines, _) = header(
            "UKRAINE WAR\nCity braces for another night of drone attacks\n\nText begins here.",
        );
        assert_eq!(
            title,
            Some("City braces for another night of drone attacks")
        );
        assert_eq!(lines[0].1, BlockRole::Furniture);
        let (title, _, _) = header("BAHIA COCOA REVIEW\n\nShowers continued throughout the week.");
        assert_eq!(title, Some("BAHIA COCOA REVIEW"));
    }

    #[test]
    fn mastheads_sections_and_notes_are_not_titles() {
        let (title, _, _) = header(
            "HARBOUR GAZETTE — Regional news\nMonday, 3 June 2024\n\nFerry service halted after mine found near the port\n\nBy Ivo Petrak\n\nThe ferry was stopped on Sunday.",
        );
        assert_eq!(
            title,
            Some("Ferry service halted after mine found near the port")
        );
        let (title, lines, _) = header(
            "[Automatic translation from Czech]\n\nDrone hits power line outside the capital\n\nThe line was hit at night.",
        );
        assert_eq!(title, Some("Drone hits power line outside the capital"));
        assert_eq!(lines[0].1, BlockRole::Furniture);
        let (title, _, _) = header(
            "World › Europe\nHome | News | Ukraine\nMINISTRY OF DEFENCE\nShelling damages school in frontline town\n\nThe school was empty.",
        );
        assert_eq!(title, Some("Shelling damages school in frontline town"));
        let (title, _, _) = header(
            "Field Report | Sahel\n\nConvoy ambushed on the road north of the town\n\nRoad blocked for days\n\nThe convoy was hit at dawn.",
        );
        assert_eq!(title, Some("Convoy ambushed on the road north of the town"));
    }

    #[test]
    fn stacked_bylines() {
        let (title, lines, facts) = header(
            "Drone strikes oil depot near the port\n\nMarek Zielinski\nChief foreign correspondent\n\nThe depot burned all night.",
        );
        assert_eq!(title, Some("Drone strikes oil depot near the port"));
        assert_eq!(lines[1].1, BlockRole::Byline);
        assert_eq!(lines[2].1, BlockRole::Byline);
        let text = "Drone strikes oil depot near the port\nAnya Rossi\n@anyarossi\n\nThe depot burned all night.";
        let (_, _, facts2) = header(text);
        assert_eq!(facts2.byline.map(|b| b.slice(text)), Some("Anya Rossi"));
        assert!(facts.byline.is_some());
        let (_, _, facts3) =
            header("Drone strikes oil depot near the port\nThe depot burned all night.");
        assert_eq!(facts3.byline, None);
    }

    #[test]
    fn bylines_without_an_opening_word_under_the_title() {
        let text = "Kyiv residents spend night in metro stations\n\nAnastasiia Koval in Kyiv\n12 July 2024\n\nThousands of people spent the night underground.";
        let (title, lines, facts) = header(text);
        assert_eq!(title, Some("Kyiv residents spend night in metro stations"));
        assert_eq!(lines[1], ("Anastasiia Koval in Kyiv", BlockRole::Byline));
        assert_eq!(
            facts.byline.map(|b| b.slice(text)),
            Some("Anastasiia Koval")
        );
        // Above the title, or after the article text, it is not read.
        let text = "Heavy Fighting in Bakhmut\n\nThe town was shelled again.\n\nMore Shelling in Toretsk\n\nText.";
        let (_, _, facts) = header(text);
        assert_eq!(facts.byline, None);
        let text = "TRUST EXTENDS DEADLINE\n\nAmericus Trust for American Home\nProducts Shares said it extended its deadline for\naccepting tendered shares.\n";
        let (_, _, facts) = header(text);
        assert_eq!(facts.byline, None);
    }

    #[test]
    fn exclamations_after_the_title_are_text() {
        let (title, lines, _) =
            header("Champions crowned after five games!\n\nThe home side are champions!\n\nMore.");
        assert_eq!(title, Some("Champions crowned after five games!"));
        assert_eq!(lines[1].1, BlockRole::Body);
    }

    #[test]
    fn an_outlet_ending_the_text_is_a_sign_off() {
        let (_, lines, facts) = header("QUARTERLY DIVIDEND SET\n\nPay 31 May\n\nReuter\n");
        assert_eq!(lines[2], ("Reuter", BlockRole::AgencyNote));
        assert_eq!(facts.outlet, None);
    }

    #[test]
    fn no_title_when_text_comes_first() {
        let (title, _, _) =
            header("Partisans struck again. They want more.\n\nA heading later on\n\nText.");
        assert_eq!(title, None);
    }
}
