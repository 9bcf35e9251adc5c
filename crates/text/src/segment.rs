//! Blocks, sentences and tokens with byte spans.
//!
//! [`segment`] reads a text in one pass over its lines and bytes:
//!
//! - **Blocks.** Paragraphs are separated by blank lines. Inside a paragraph,
//!   a hard-wrapped layout (Reuters style: lines of similar length that break
//!   mid-sentence) is joined back into prose, an indented line starting a new
//!   block; otherwise every line is a block of its own unless it continues
//!   the line before it (no final punctuation before, lower case after).
//!   Short lines without final punctuation (headlines, captions, furniture)
//!   are [`Layout::Line`] and make a single sentence; list items ("- ", "• ",
//!   "* ", "1. ", "1) ") are [`Layout::Bullet`].
//! - **Sentences** end at `.`, `!`, `?`, `…` (and CJK full stops) followed by
//!   a space and something that can start a sentence, with closing quotes and
//!   brackets kept in the sentence they close. Abbreviations come from the
//!   list in `abbreviations.txt` (one per line, with a class saying when they
//!   may still end a sentence); initials, decimals, times, URLs, e-mail
//!   addresses and domain names never end one. A paragraph opening with a
//!   dateline ("KHARKIV, Ukraine (AP) —") gets it as a sentence of its own,
//!   of kind [`SentenceKind::Dateline`].
//! - **Tokens** are words (with inner apostrophes, hyphens and periods, and
//!   the final period of an abbreviation: "U.S.", "Gen."), numbers ("3.5",
//!   "07:41", "1,000", "2024-03-15"), punctuation (one character per token,
//!   except runs of periods or hyphens: "...", "--") and symbols (emoji with
//!   their modifiers, URLs, e-mail addresses).
//!
//! Every span excludes surrounding whitespace (Unicode `White_Space` and the
//! byte order mark U+FEFF). Blocks, sentences and tokens are in text order
//! and do not overlap; sentences nest in blocks and tokens in sentences; and
//! every character that is not whitespace is in exactly one token, hence in
//! one sentence and one block.
//!
//! ```
//! use sitrep_text::segment::{segment, Layout, SentenceKind};
//! let text = "Russia says it repelled raid\n\nBelgorod – The Legion said so. \
//!             Lt. Col. J. R. Smith denied it at 5 p.m. The army agreed.";
//! let seg = segment(text);
//! assert_eq!(seg.blocks[0].layout, Layout::Line);
//! let sentences: Vec<&str> = seg.sentences.iter().map(|s| s.span.slice(text)).collect();
//! assert_eq!(
//!     sentences,
//!     [
//!         "Russia says it repelled raid",
//!         "Belgorod –",
//!         "The Legion said so.",
//!         "Lt. Col. J. R. Smith denied it at 5 p.m.",
//!         "The army agreed.",
//!     ]
//! );
//! assert_eq!(seg.sentences[1].kind, SentenceKind::Dateline);
//! ```

use crate::dateline;
use crate::Span;
use std::cell::Cell;
use std::ops::Range;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;

/// How a block is laid out on the page, decided from layout alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Running text: one or more sentences ending in punctuation.
    Prose,
    /// A single short line without final punctuation: a headline, a
    /// subheading, a caption, page furniture.
    Line,
    /// An item of a bulleted or numbered list.
    Bullet,
}

/// A paragraph, or a line standing on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The block's text, without surrounding blank lines and whitespace.
    pub span: Span,
    /// How the block is laid out.
    pub layout: Layout,
    /// Indices into [`Segmentation::sentences`].
    pub sentences: Range<usize>,
}

/// What a sentence-like segment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// An ordinary sentence (or a headline-like line).
    Text,
    /// The dateline that opens a paragraph ("KHARKIV, Ukraine (AP) —").
    Dateline,
}

/// A sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence's text, including its final punctuation and closing
    /// quotes or brackets, without surrounding whitespace.
    pub span: Span,
    /// What kind of segment this is.
    pub kind: SentenceKind,
    /// Index into [`Segmentation::blocks`] of the block holding it.
    pub block: usize,
    /// Indices into [`Segmentation::tokens`].
    pub tokens: Range<usize>,
}

/// The broad class of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods ("U.S.").
    Word,
    /// Digits, possibly with inner separators ("3.5", "07:41", "1,000").
    Number,
    /// Punctuation.
    Punct,
    /// Anything else: symbols, emoji, URLs ("https://…", "www.…") and
    /// e-mail addresses.
    Symbol,
}

/// A token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// The token's bytes.
    pub span: Span,
    /// Its class.
    pub kind: TokenKind,
}

/// The segmentation of one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Blocks in text order.
    pub blocks: Vec<Block>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
}

impl Segmentation {
    /// The sentences of `block`.
    pub fn block_sentences(&self, block: &Block) -> &[Sentence] {
        &self.sentences[block.sentences.clone()]
    }

    /// The tokens of `sentence`.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.clone()]
    }
}

/// The whitespace the segmenter skips and trims: Unicode `White_Space` and
/// the byte order mark U+FEFF.
pub fn is_whitespace(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// How an abbreviation behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbreviationKind {
    /// Never ends a sentence: a title or rank before a name ("Gen.", "Mr."),
    /// "e.g.", "vs.", "No." before a number.
    Title,
    /// Ends a sentence only before a word that typically starts one ("at 5
    /// p.m. The army said") or an opening quote: "U.S.", "p.m.", "Inc.",
    /// "Jan.", and unlisted short dotted forms ("N.M.").
    End,
    /// Ends a sentence unless a lower-case word or a number follows ("etc.").
    Lower,
    /// A single capital letter: an initial ("J. R. Smith"); ends a sentence
    /// only before a word that typically starts one.
    Initial,
}

/// The abbreviation list, one per line with its class; see the file's header.
const ABBREVIATIONS: &str = include_str!("abbreviations.txt");

/// The parsed abbreviation list, sorted, with the range of entries for each
/// first byte.
struct AbbreviationTable {
    entries: Vec<(&'static str, AbbreviationKind)>,
    by_first_byte: [(u16, u16); 256],
}

fn abbreviation_table() -> &'static AbbreviationTable {
    static TABLE: OnceLock<AbbreviationTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut entries: Vec<(&'static str, AbbreviationKind)> = ABBREVIATIONS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut parts = l.split_whitespace();
                let word = parts.next()?;
                let kind = match parts.next()? {
                    "title" => AbbreviationKind::Title,
                    "end" => AbbreviationKind::End,
                    "lower" => AbbreviationKind::Lower,
                    _ => return None,
                };
                Some((word, kind))
            })
            .collect();
        entries.sort_unstable_by_key(|&(w, _)| w);
        let mut by_first_byte = [(0u16, 0u16); 256];
        for (i, (w, _)) in entries.iter().enumerate() {
            let slot = &mut by_first_byte[w.as_bytes()[0] as usize];
            if slot.1 == 0 {
                slot.0 = i as u16;
            }
            slot.1 = i as u16 + 1;
        }
        AbbreviationTable {
            entries,
            by_first_byte,
        }
    })
}

/// The kind of abbreviation `word` (written with its final period: "Gen.",
/// "U.S.", "J.") is, or `None` when it is not one.
///
/// ```
/// use sitrep_text::segment::{abbreviation, AbbreviationKind};
/// assert_eq!(abbreviation("Gen."), Some(AbbreviationKind::Title));
/// assert_eq!(abbreviation("p.m."), Some(AbbreviationKind::End));
/// assert_eq!(abbreviation("V."), Some(AbbreviationKind::Initial));
/// assert_eq!(abbreviation("said."), None);
/// ```
pub fn abbreviation(word: &str) -> Option<AbbreviationKind> {
    let body = word.strip_suffix('.')?;
    if body.is_empty() {
        return None;
    }
    // "Japan-U.S.": the part after the last hyphen.
    let bytes = body.as_bytes();
    if let Some(h) = bytes.iter().rposition(|&b| b == b'-') {
        return abbreviation(&word[h + 1..]);
    }
    let table = abbreviation_table();
    let (from, to) = table.by_first_byte[word.as_bytes()[0] as usize];
    if let Some(&(_, kind)) = table.entries[from as usize..to as usize]
        .iter()
        .find(|&&(w, _)| w == word)
    {
        return Some(kind);
    }
    let mut chars = body.chars();
    let first = chars.next()?;
    if chars.next().is_none() {
        return first.is_uppercase().then_some(AbbreviationKind::Initial);
    }
    let dotted = bytes.contains(&b'.')
        && body.split('.').all(|part| {
            let n = part.chars().count();
            (1..=2).contains(&n) && part.chars().all(char::is_alphabetic)
        });
    dotted.then_some(AbbreviationKind::End)
}

/// Words that typically start a sentence, for deciding whether an
/// abbreviation ("p.m.", "U.S.") or an initial ends one.
fn is_sentence_starter(word: &str) -> bool {
    matches!(
        word,
        "A" | "After"
            | "Al"
            | "All"
            | "Also"
            | "An"
            | "Another"
            | "As"
            | "At"
            | "Before"
            | "Both"
            | "But"
            | "By"
            | "Despite"
            | "During"
            | "Each"
            | "Earlier"
            | "Even"
            | "For"
            | "From"
            | "He"
            | "Her"
            | "Here"
            | "His"
            | "How"
            | "However"
            | "I"
            | "If"
            | "In"
            | "It"
            | "Its"
            | "Last"
            | "Later"
            | "Many"
            | "Meanwhile"
            | "More"
            | "Most"
            | "My"
            | "No"
            | "Not"
            | "Now"
            | "On"
            | "One"
            | "Only"
            | "Our"
            | "She"
            | "Since"
            | "So"
            | "Some"
            | "That"
            | "The"
            | "Their"
            | "Then"
            | "There"
            | "These"
            | "They"
            | "This"
            | "Those"
            | "Thus"
            | "To"
            | "Two"
            | "Under"
            | "We"
            | "What"
            | "When"
            | "Where"
            | "While"
            | "Who"
            | "Why"
            | "With"
            | "Yet"
            | "You"
    )
}

/// Longest block, in characters, that can still be a [`Layout::Line`].
const LINE_MAX_CHARS: usize = 160;

/// Splits `text` into blocks, sentences and tokens; see the [module
/// documentation](self).
pub fn segment(text: &str) -> Segmentation {
    segment_with(text, true)
}

/// [`segment`], optionally without the fast path for ASCII words (to test
/// that it changes nothing).
fn segment_with(text: &str, fast: bool) -> Segmentation {
    let len = text.len();
    let mut s = Segmenter {
        text,
        bytes: text.as_bytes(),
        seg: Segmentation {
            blocks: Vec::with_capacity(len / 256 + 4),
            sentences: Vec::with_capacity(len / 96 + 4),
            tokens: Vec::with_capacity(len / 5 + 16),
        },
        info: Vec::new(),
        candidates: Vec::new(),
        fast,
        tail: Cell::new((usize::MAX, 0, 0)),
    };
    let bytes = text.as_bytes();
    let mut para: Vec<Line> = Vec::new();
    let mut pos = 0;
    loop {
        let eol = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(len, |x| pos + x);
        match trim_line(text, pos, eol) {
            Some(line) => para.push(line),
            None if !para.is_empty() => {
                s.paragraph(&para);
                para.clear();
            }
            None => {}
        }
        if eol >= len {
            break;
        }
        pos = if bytes[eol] == b'\r' && bytes.get(eol + 1) == Some(&b'\n') {
            eol + 2
        } else {
            eol + 1
        };
    }
    if !para.is_empty() {
        s.paragraph(&para);
    }
    s.seg
}

/// A non-blank line: its trimmed bounds and its indentation in columns.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    end: usize,
    indent: usize,
}

/// What the block grouping needs to know about a line.
#[derive(Clone, Copy, Debug)]
struct LineInfo {
    /// Indentation plus length in characters.
    width: usize,
    final_punct: bool,
    starts_lower: bool,
    starts_upper: bool,
    first_word: usize,
    /// End of the list marker when the line is a list item.
    bullet: Option<usize>,
}

impl LineInfo {
    /// `ascii` tells that the line is ASCII, so that widths are byte
    /// lengths.
    fn new(text: &str, line: Line, ascii: bool) -> LineInfo {
        let s = &text[line.start..line.end];
        let b = s.as_bytes();
        let first_word = b
            .iter()
            .position(|&c| c == b' ' || c == b'\t')
            .unwrap_or(b.len());
        let (chars, first_word) = if ascii {
            (b.len(), first_word)
        } else {
            (s.chars().count(), s[..first_word].chars().count())
        };
        let (starts_lower, starts_upper) = if b[0] < 0x80 {
            (b[0].is_ascii_lowercase(), b[0].is_ascii_uppercase())
        } else {
            let first = s.chars().next().unwrap_or(' ');
            (first.is_lowercase(), first.is_uppercase())
        };
        LineInfo {
            width: line.indent + chars,
            final_punct: ends_with_final_punct(s),
            starts_lower,
            starts_upper,
            first_word,
            bullet: bullet_marker(text, line),
        }
    }
}

/// Trims whitespace from `text[start..end]`; `None` when nothing is left.
fn trim_line(text: &str, start: usize, end: usize) -> Option<Line> {
    let b = text.as_bytes();
    let mut i = start;
    let mut indent = 0;
    while i < end {
        let c = b[i];
        if c < 0x80 {
            match c {
                b' ' => indent += 1,
                b'\t' => indent += 4,
                0x0b | 0x0c => {}
                _ => break,
            }
            i += 1;
        } else {
            let ch = char_at(text, i);
            if !is_whitespace(ch) {
                break;
            }
            if ch != '\u{feff}' {
                indent += 1;
            }
            i += ch.len_utf8();
        }
    }
    if i == end {
        return None;
    }
    let mut j = end;
    while j > i {
        let c = b[j - 1];
        if c < 0x80 {
            if !is_ascii_space(c) {
                break;
            }
            j -= 1;
        } else {
            let ch = text[..j].chars().next_back().expect("non-empty");
            if !is_whitespace(ch) {
                break;
            }
            j -= ch.len_utf8();
        }
    }
    Some(Line {
        start: i,
        end: j,
        indent,
    })
}

/// When the line is a list item ("- ", "• ", "* ", "1. ", "12) "), the end
/// of its marker.
fn bullet_marker(text: &str, line: Line) -> Option<usize> {
    let s = &text[line.start..line.end];
    let b = s.as_bytes();
    let marker = match b[0] {
        b'a'..=b'z' | b'A'..=b'Z' => return None,
        b'-' | b'*' => 1,
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 3 || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => {
            let c = s.chars().next()?;
            if !matches!(c, '•' | '·' | '‣' | '◦' | '▪' | '●' | '■' | '►') {
                return None;
            }
            c.len_utf8()
        }
    };
    let rest = &s[marker..];
    let spaced = rest.chars().next().is_some_and(is_whitespace);
    (spaced && rest.chars().any(|c| !is_whitespace(c))).then_some(line.start + marker)
}

/// True when the text ends with sentence-final punctuation (or a colon),
/// possibly followed by closing quotes and brackets.
fn ends_with_final_punct(s: &str) -> bool {
    if s.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    for c in s.chars().rev() {
        if is_closer(c) {
            continue;
        }
        return matches!(
            c,
            '.' | '!' | '?' | '…' | ':' | ';' | '。' | '！' | '？' | '؟' | '۔' | '।' | '॥'
        );
    }
    false
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().expect("in bounds")
}

fn char_before(text: &str, i: usize) -> char {
    text[..i].chars().next_back().expect("in bounds")
}

/// Quotes and closing brackets that may follow a sentence's final stop.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\''
            | '”'
            | '’'
            | '“'
            | '‘'
            | '»'
            | '«'
            | '›'
            | '‹'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '）'
            | '］'
            | '｝'
            | '】'
            | '〕'
    )
}

/// Closers that cannot open anything, attached to the sentence before them
/// even after a space.
fn is_strict_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '”' | '»' | '」' | '』' | '）')
}

/// Opening quotes and brackets that may start a sentence.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '"'
            | '\''
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '«'
            | '‹'
            | '»'
            | '「'
            | '『'
            | '（'
    )
}

/// Characters that continue a word run besides letters and digits.
fn is_word_extender(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}' | '\u{ad}' | '\u{2060}') || is_combining_mark(c)
}

/// Characters that extend a symbol (emoji modifiers, selectors, tags).
fn is_symbol_extender(c: char) -> bool {
    matches!(c,
        '\u{fe00}'..='\u{fe0f}'
        | '\u{1f3fb}'..='\u{1f3ff}'
        | '\u{e0020}'..='\u{e007f}'
        | '\u{20e3}')
        || is_combining_mark(c)
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1f1e6}'..='\u{1f1ff}')
}

/// Non-ASCII punctuation (the common blocks; everything else that is
/// neither a letter, a digit nor whitespace is a symbol).
fn is_unicode_punct(c: char) -> bool {
    matches!(c,
        '\u{a1}' | '\u{a7}' | '\u{ab}' | '\u{b6}' | '\u{b7}' | '\u{bb}' | '\u{bf}'
        | '\u{37e}' | '\u{387}'
        | '\u{55a}'..='\u{55f}' | '\u{589}' | '\u{58a}'
        | '\u{5be}' | '\u{5c0}' | '\u{5c3}' | '\u{5c6}' | '\u{5f3}' | '\u{5f4}'
        | '\u{609}'..='\u{60d}' | '\u{61b}' | '\u{61d}'..='\u{61f}' | '\u{66a}'..='\u{66d}'
        | '\u{6d4}'
        | '\u{964}' | '\u{965}' | '\u{970}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{2043}'
        | '\u{2045}'..='\u{2051}'
        | '\u{2053}'..='\u{205e}'
        | '\u{2e00}'..='\u{2e4f}'
        | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301f}'
        | '\u{30fb}'
        | '\u{fe10}'..='\u{fe19}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{fe50}'..='\u{fe6b}'
        | '\u{ff01}'..='\u{ff03}'
        | '\u{ff05}'..='\u{ff0a}'
        | '\u{ff0c}'..='\u{ff0f}'
        | '\u{ff1a}' | '\u{ff1b}' | '\u{ff1f}' | '\u{ff20}'
        | '\u{ff3b}'..='\u{ff3d}' | '\u{ff3f}' | '\u{ff5b}' | '\u{ff5d}'
        | '\u{ff5f}'..='\u{ff65}')
}

/// Non-ASCII characters that end a sentence.
fn is_terminal_char(c: char) -> bool {
    matches!(
        c,
        '…' | '。' | '！' | '？' | '｡' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '۔' | '।' | '॥'
    )
}

/// Bytes after a run of ASCII letters and digits that need a closer look:
/// word joiners, a period, and the start of any multi-byte character.
const SLOW_AFTER_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0x80;
    while i < 256 {
        t[i] = true;
        i += 1;
    }
    t[b'.' as usize] = true;
    t[b',' as usize] = true;
    t[b':' as usize] = true;
    t[b'/' as usize] = true;
    t[b'-' as usize] = true;
    t[b'_' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'@' as usize] = true;
    t
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// For eight bytes `x` with their high bits clear, the high bit of each byte
/// that is at least `c`.
#[inline(always)]
fn bytes_at_least(x: u64, c: u8) -> u64 {
    x.wrapping_add(ONES * (0x80 - c as u64)) & HIGHS
}

/// The end of the run of ASCII letters and digits starting at `i` (which is
/// one), and the classes seen in it (LETTER, DIGIT bits). Eight bytes at a
/// time, so that the end of a word costs no mispredicted branch per byte.
#[inline(always)]
fn alnum_run(b: &[u8], i: usize) -> (usize, u8) {
    let mut j = i;
    let mut seen = 0u8;
    while let Some(chunk) = b.get(j..j + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let ascii = !w & HIGHS;
        let x = w & !HIGHS;
        let lower = x | (ONES * 0x20);
        let letters = bytes_at_least(lower, b'a') & !bytes_at_least(lower, b'z' + 1) & ascii;
        let digits = bytes_at_least(x, b'0') & !bytes_at_least(x, b'9' + 1) & ascii;
        let others = !(letters | digits) & HIGHS;
        // Bytes before the first other byte.
        let run = if others == 0 {
            u64::MAX
        } else {
            (others & others.wrapping_neg()) - 1
        };
        if letters & run != 0 {
            seen |= LETTER;
        }
        if digits & run != 0 {
            seen |= DIGIT;
        }
        if others != 0 {
            return (j + (others.trailing_zeros() / 8) as usize, seen);
        }
        j += 8;
    }
    while j < b.len() {
        let k = BYTE_CLASS[b[j] as usize];
        if k & (LETTER | DIGIT) == 0 {
            break;
        }
        seen |= k;
        j += 1;
    }
    (j, seen)
}

/// Byte classes (LETTER and DIGIT are bits, combined in `word`).
const WS: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const PUNCT: u8 = 4;
const SYMBOL: u8 = 8;
/// Any byte of a multi-byte character.
const HIGH: u8 = 16;

const ASCII_CLASS: [u8; 128] = {
    let mut t = [SYMBOL; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = match c {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => WS,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            b'!' | b'"' | b'#' | b'&' | b'\'' | b'(' | b')' | b'*' | b',' | b'-' | b'.' | b'/'
            | b':' | b';' | b'?' | b'@' | b'[' | b'\\' | b']' | b'_' | b'{' | b'}' => PUNCT,
            _ => SYMBOL,
        };
        i += 1;
    }
    t
};

const BYTE_CLASS: [u8; 256] = {
    let mut t = [HIGH; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = ASCII_CLASS[i];
        i += 1;
    }
    t
};

/// A character's role around a word joiner.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Around {
    Letter,
    Digit,
    Other,
}

fn around_ascii(b: u8) -> Around {
    match ASCII_CLASS[b as usize & 0x7f] {
        LETTER => Around::Letter,
        DIGIT => Around::Digit,
        _ => Around::Other,
    }
}

fn around(c: char) -> Around {
    if c.is_ascii() {
        return around_ascii(c as u8);
    }
    if c.is_numeric() {
        Around::Digit
    } else if c.is_alphabetic() || is_word_extender(c) {
        Around::Letter
    } else {
        Around::Other
    }
}

/// How a token may end a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Terminal {
    /// A full stop.
    Stop,
    /// `!`, `?` and their relatives.
    Strong,
    /// `…` or a run of periods.
    Ellipsis,
    /// A CJK full stop, which needs no space after it.
    Cjk,
    /// A word with its abbreviation period.
    Abbreviation(AbbreviationKind),
}

struct Segmenter<'t> {
    text: &'t str,
    bytes: &'t [u8],
    seg: Segmentation,
    /// Reused per paragraph.
    info: Vec<LineInfo>,
    /// Tokens of the current block that may end a sentence.
    candidates: Vec<usize>,
    /// Whether ASCII words take the fast path.
    fast: bool,
    /// The last sentence tail computed: (terminal token, end of the stops
    /// and closers right after it, end of the tail).
    tail: Cell<(usize, usize, usize)>,
}

impl Segmenter<'_> {
    /// Groups the lines of a paragraph into blocks.
    fn paragraph(&mut self, lines: &[Line]) {
        let text = self.text;
        let n = lines.len();
        if n == 1 {
            let line = lines[0];
            self.block(line.start, line.end, bullet_marker(text, line));
            return;
        }
        let mut info = std::mem::take(&mut self.info);
        info.clear();
        let ascii = text[lines[0].start..lines[n - 1].end].is_ascii();
        info.extend(lines.iter().map(|&l| LineInfo::new(text, l, ascii)));
        let width = info.iter().map(|l| l.width).max().unwrap_or(0);
        let non_last = &info[..n - 1];
        let full_lines = non_last
            .iter()
            .filter(|l| l.width * 10 >= width * 6)
            .count();
        let wrapped = n >= 3
            && (50..=120).contains(&width)
            && full_lines * 2 >= n - 1
            && non_last
                .iter()
                .any(|l| l.width * 10 >= width * 6 && !l.final_punct);
        let base_indent = lines.iter().map(|l| l.indent).min().unwrap_or(0);
        let mut first = 0;
        for i in 1..n {
            let brk = self.breaks_before(lines, &info, first, i, wrapped, width, base_indent);
            if brk {
                self.block(lines[first].start, lines[i - 1].end, info[first].bullet);
                first = i;
            }
        }
        self.block(lines[first].start, lines[n - 1].end, info[first].bullet);
        self.info = info;
    }

    /// Whether line `i` starts a new block rather than continuing the block
    /// that began at line `first`.
    #[allow(clippy::too_many_arguments)]
    fn breaks_before(
        &self,
        lines: &[Line],
        info: &[LineInfo],
        first: usize,
        i: usize,
        wrapped: bool,
        width: usize,
        base_indent: usize,
    ) -> bool {
        let (prev, cur) = (&info[i - 1], &info[i]);
        // In a wrapped paragraph, a line continuing a sentence is no list
        // item even when it starts like one ("...at March\n13. Chinese",
        // "other deposits\n- fell 1.6 billion").
        let in_list = info[first].bullet.is_some();
        if cur.bullet.is_some() && (!wrapped || prev.final_punct || in_list) {
            return true;
        }
        if let Some(marker_end) = info[first].bullet {
            // The wrapped continuation of a list item: aligned with its
            // text, or indented and continuing its sentence in lower case.
            let text_column = lines[first].indent + marker_end - lines[first].start + 1;
            let indent = lines[i].indent;
            let continues = !prev.final_punct && !cur.starts_upper;
            if indent == text_column || (indent > lines[first].indent && continues) {
                return false;
            }
        }
        if !wrapped {
            return prev.final_punct || !cur.starts_lower;
        }
        if lines[i].indent > base_indent {
            return true;
        }
        if cur.starts_lower && !prev.final_punct {
            return false;
        }
        if prev.width * 10 < width * 6 {
            // A short line followed by a new start: a heading or the last
            // line of a paragraph.
            return true;
        }
        if i + 1 == lines.len()
            && prev.final_punct
            && !cur.final_punct
            && cur.width * 10 < width * 6
        {
            // A short last line that ends no sentence: a sign-off.
            return true;
        }
        if i - 1 == first && !prev.final_punct && prev.width + 1 + cur.first_word + 4 <= width {
            // The next word would have fitted: the first line is a heading.
            return true;
        }
        (i - 1 == first || prev.final_punct)
            && cur.starts_upper
            && dateline::find(self.text, Span::new(lines[i].start, lines[i].end)).is_some()
    }

    /// Emits the block `start..end` with its sentences and tokens.
    fn block(&mut self, start: usize, end: usize, bullet: Option<usize>) {
        let text = self.text;
        let index = self.seg.blocks.len();
        let first_sentence = self.seg.sentences.len();
        let span = Span::new(start, end);
        let body = &text[start..end];
        let layout = if bullet.is_some() {
            Layout::Bullet
        } else if !ends_with_final_punct(body)
            && (body.len() <= LINE_MAX_CHARS || body.chars().count() <= LINE_MAX_CHARS)
        {
            Layout::Line
        } else {
            Layout::Prose
        };
        match layout {
            Layout::Line => {
                let t0 = self.seg.tokens.len();
                self.tokenize(start, end);
                self.candidates.clear();
                self.push_sentence(t0, self.seg.tokens.len(), SentenceKind::Text, index);
            }
            Layout::Prose => {
                let mut from = start;
                if let Some(d) = dateline::find(text, span) {
                    if d.span.start == start && d.span.end > start && d.span.end < end {
                        let t0 = self.seg.tokens.len();
                        self.tokenize(start, d.span.end);
                        let t1 = self.seg.tokens.len();
                        self.push_sentence(t0, t1, SentenceKind::Dateline, index);
                        self.candidates.clear();
                        from = d.span.end;
                    }
                }
                let t0 = self.seg.tokens.len();
                self.tokenize(from, end);
                self.split(t0, from, index);
            }
            Layout::Bullet => {
                let t0 = self.seg.tokens.len();
                self.tokenize(start, end);
                self.split(t0, bullet.unwrap_or(start), index);
            }
        }
        self.seg.blocks.push(Block {
            span,
            layout,
            sentences: first_sentence..self.seg.sentences.len(),
        });
    }

    fn push_sentence(&mut self, t0: usize, t1: usize, kind: SentenceKind, block: usize) {
        if t0 >= t1 {
            return;
        }
        let toks = &self.seg.tokens;
        let span = Span::new(toks[t0].span.start, toks[t1 - 1].span.end);
        self.seg.sentences.push(Sentence {
            span,
            kind,
            block,
            tokens: t0..t1,
        });
    }

    /// Splits the tokens from `t0` to the end into sentences, trying the
    /// candidates noted by [`Segmenter::tokenize`]; no sentence ends inside
    /// `..no_split_before` (a list marker).
    fn split(&mut self, t0: usize, no_split_before: usize, block: usize) {
        let t1 = self.seg.tokens.len();
        let candidates = std::mem::take(&mut self.candidates);
        let mut start = t0;
        // Whether the tokens from `start` to `scanned` hold a word, number
        // or symbol: a sentence is more than punctuation.
        let mut content = false;
        let mut scanned = t0;
        for &i in &candidates {
            if i < start || i >= t1 || self.seg.tokens[i].span.end <= no_split_before {
                continue;
            }
            while scanned <= i {
                content |= self.seg.tokens[scanned].kind != TokenKind::Punct;
                scanned += 1;
            }
            if !content {
                continue;
            }
            if let Some(last) = self.sentence_end(i, t1) {
                self.push_sentence(start, last + 1, SentenceKind::Text, block);
                start = last + 1;
                scanned = start;
                content = false;
            }
        }
        self.push_sentence(start, t1, SentenceKind::Text, block);
        self.candidates = candidates;
        self.candidates.clear();
    }

    /// How token `tok` may end a sentence.
    fn terminal(&self, tok: Token) -> Option<Terminal> {
        let b = self.bytes;
        match tok.kind {
            TokenKind::Punct => match b[tok.span.start] {
                b'.' if tok.span.len() == 1 => Some(Terminal::Stop),
                b'.' => Some(Terminal::Ellipsis),
                b'!' | b'?' => Some(Terminal::Strong),
                c if c >= 0x80 => match char_at(self.text, tok.span.start) {
                    '…' => Some(Terminal::Ellipsis),
                    '。' | '！' | '？' | '｡' => Some(Terminal::Cjk),
                    '‼' | '⁇' | '⁈' | '⁉' | '؟' | '۔' | '।' | '॥' => {
                        Some(Terminal::Strong)
                    }
                    _ => None,
                },
                _ => None,
            },
            TokenKind::Word if b[tok.span.end - 1] == b'.' => {
                abbreviation(tok.span.slice(self.text)).map(Terminal::Abbreviation)
            }
            _ => None,
        }
    }

    /// When a sentence ends with token `i`, the index of its last token
    /// (after closing quotes and brackets).
    fn sentence_end(&self, i: usize, t1: usize) -> Option<usize> {
        let text = self.text;
        let toks = &self.seg.tokens;
        let term = self.terminal(toks[i])?;
        if term == Terminal::Abbreviation(AbbreviationKind::Title) {
            return None;
        }
        let first_char = |t: Token| char_at(text, t.span.start);
        let (from, chain_end, tail_end) = self.tail.get();
        let last = if from < i && i <= chain_end {
            // Inside the run of stops and closers the last call went
            // through: the same tail (keeps long runs linear).
            tail_end
        } else {
            let mut last = i;
            // Further stops, quotes and brackets right after the stop.
            while last + 1 < t1 {
                let next = toks[last + 1];
                if next.span.start != toks[last].span.end || next.kind != TokenKind::Punct {
                    break;
                }
                let c = first_char(next);
                if is_closer(c) || self.terminal(next).is_some() {
                    last += 1;
                } else {
                    break;
                }
            }
            let chain_end = last;
            // Closing quotes and brackets after a space.
            while last + 1 < t1
                && toks[last + 1].kind == TokenKind::Punct
                && is_strict_closer(first_char(toks[last + 1]))
            {
                last += 1;
            }
            self.tail.set((i, chain_end, last));
            last
        };
        if last + 1 >= t1 {
            return Some(last);
        }
        let next = toks[last + 1];
        if next.span.start == toks[last].span.end && term != Terminal::Cjk {
            return None;
        }
        let nc = first_char(next);
        // The word after an opening quote or bracket.
        let (word, opened) = if next.kind == TokenKind::Punct && is_opener(nc) {
            let quote = !matches!(nc, '(' | '[' | '{' | '（');
            match toks.get(last + 2) {
                Some(&w) if last + 2 < t1 && w.span.start == next.span.end => (Some(w), quote),
                _ => (None, quote),
            }
        } else {
            (Some(next), false)
        };
        let wc = word.map(first_char);
        let continues =
            next.kind == TokenKind::Punct && matches!(nc, ',' | ';' | ':' | '.' | '!' | '?' | '…');
        let lower = wc.is_some_and(char::is_lowercase);
        let ends = match term {
            Terminal::Stop | Terminal::Strong | Terminal::Cjk => !continues && !lower,
            Terminal::Ellipsis => {
                wc.is_some_and(|c| c.is_alphabetic() && !c.is_lowercase())
                    || (opened && word.is_none())
            }
            Terminal::Abbreviation(AbbreviationKind::Lower) => {
                !continues && !lower && !wc.is_some_and(|c| c.is_numeric())
            }
            Terminal::Abbreviation(AbbreviationKind::Title) => false,
            Terminal::Abbreviation(AbbreviationKind::End | AbbreviationKind::Initial) => word
                .is_some_and(|w| {
                    let s = w.span.slice(text);
                    is_sentence_starter(s) || (opened && s.starts_with(char::is_uppercase))
                }),
        };
        ends.then_some(last)
    }

    fn push_token(&mut self, start: usize, end: usize, kind: TokenKind) {
        if kind == TokenKind::Word && self.bytes[end - 1] == b'.' {
            self.candidates.push(self.seg.tokens.len());
        }
        self.seg.tokens.push(Token {
            span: Span::new(start, end),
            kind,
        });
    }

    /// Tokenizes `start..end`, noting tokens that may end a sentence in
    /// `self.candidates`.
    fn tokenize(&mut self, start: usize, end: usize) {
        let text = self.text;
        let b = &self.bytes[..end];
        let mut i = start;
        while i < b.len() {
            let c = b[i];
            let class = BYTE_CLASS[c as usize];
            if class == WS {
                i += 1;
                continue;
            }
            if class & (LETTER | DIGIT) != 0 && !self.fast {
                i = self.word(i, end);
                continue;
            }
            if class & (LETTER | DIGIT) != 0 {
                // Fast path: a run of ASCII letters and digits followed by
                // something that cannot continue a word.
                let (mut j, seen) = alnum_run(b, i);
                let plain = match b.get(j) {
                    None => true,
                    Some(&c) if !SLOW_AFTER_WORD[c as usize] => true,
                    // A comma, colon or slash only joins digits, and a
                    // colon may start a URL's "://".
                    Some(b',' | b':' | b'/') => {
                        let digits = b[j - 1].is_ascii_digit()
                            && b.get(j + 1).is_some_and(u8::is_ascii_digit);
                        !digits && b.get(j + 1) != Some(&b'/')
                    }
                    // A period followed by a space or the end (not a letter
                    // or digit to join): only an abbreviation keeps it.
                    Some(b'.') => {
                        let next = b.get(j + 1).copied().unwrap_or(b' ');
                        if next < 0x80 && BYTE_CLASS[next as usize] & (LETTER | DIGIT) == 0 {
                            if seen & LETTER != 0 && abbreviation(&text[i..j + 1]).is_some() {
                                j += 1;
                            }
                            true
                        } else {
                            false
                        }
                    }
                    Some(_) => false,
                };
                if plain {
                    let kind = if seen & LETTER != 0 {
                        TokenKind::Word
                    } else {
                        TokenKind::Number
                    };
                    self.push_token(i, j, kind);
                    i = j;
                } else {
                    i = self.word(i, end);
                }
                continue;
            }
            if class == PUNCT {
                let mut j = i + 1;
                if c == b'.' || c == b'-' {
                    while j < b.len() && b[j] == c {
                        j += 1;
                    }
                }
                if matches!(c, b'.' | b'!' | b'?') {
                    self.candidates.push(self.seg.tokens.len());
                }
                self.seg.tokens.push(Token {
                    span: Span::new(i, j),
                    kind: TokenKind::Punct,
                });
                i = j;
                continue;
            }
            if class == SYMBOL {
                self.push_token(i, i + 1, TokenKind::Symbol);
                i += 1;
                continue;
            }
            let ch = char_at(text, i);
            let l = ch.len_utf8();
            if is_whitespace(ch) {
                i += l;
                continue;
            }
            if is_word_extender(ch) || is_symbol_extender(ch) {
                // A mark or joiner right after a token belongs to it (some
                // marks are alphabetic, so this comes before words).
                if let Some(last) = self.seg.tokens.last_mut() {
                    if last.span.end == i && last.span.start >= start {
                        last.span.end = i + l;
                        i += l;
                        continue;
                    }
                }
            }
            if ch.is_alphanumeric() {
                i = self.word(i, end);
            } else if is_word_extender(ch) || is_symbol_extender(ch) {
                self.push_token(i, i + l, TokenKind::Symbol);
                i += l;
            } else if is_unicode_punct(ch) {
                if is_terminal_char(ch) {
                    self.candidates.push(self.seg.tokens.len());
                }
                self.push_token(i, i + l, TokenKind::Punct);
                i += l;
            } else {
                i = self.symbol(i, end);
            }
        }
    }

    /// A symbol with its modifiers (an emoji sequence, a flag); returns its
    /// end.
    fn symbol(&mut self, start: usize, end: usize) -> usize {
        let text = self.text;
        let first = char_at(text, start);
        let mut j = start + first.len_utf8();
        let mut flag = is_regional_indicator(first);
        while j < end {
            let c = char_at(text, j);
            if is_symbol_extender(c) {
                j += c.len_utf8();
            } else if c == '\u{200d}' {
                j += c.len_utf8();
                if j < end {
                    let joined = char_at(text, j);
                    if !is_whitespace(joined) && !joined.is_ascii() {
                        j += joined.len_utf8();
                    }
                }
            } else if flag && is_regional_indicator(c) {
                flag = false;
                j += c.len_utf8();
            } else {
                break;
            }
        }
        self.push_token(start, j, TokenKind::Symbol);
        j
    }

    /// A word or number starting at `start`; returns its end.
    fn word(&mut self, start: usize, end: usize) -> usize {
        let text = self.text;
        let b = self.bytes;
        let mut j = start;
        // Bit set of the classes seen (LETTER, DIGIT).
        let mut seen = 0u8;
        let mut email = false;
        loop {
            while j < end {
                let class = BYTE_CLASS[b[j] as usize];
                if class == LETTER || class == DIGIT {
                    seen |= class;
                    j += 1;
                } else if class == HIGH {
                    let ch = char_at(text, j);
                    if ch.is_alphanumeric() {
                        seen |= if ch.is_numeric() { DIGIT } else { LETTER };
                    } else if !is_word_extender(ch) {
                        break;
                    }
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            // Most words end at a space or a stop: only a few characters
            // can join two runs.
            if j + 1 >= end {
                break;
            }
            let c = b[j];
            let joiner = match c {
                b'.' | b',' | b':' | b'/' | b'-' | b'_' | b'\'' | b'@' => c as char,
                0x80.. => match char_at(text, j) {
                    c @ ('‐' | '‑' | '’' | 'ʼ') => c,
                    _ => break,
                },
                _ => break,
            };
            let after = j + joiner.len_utf8();
            if after >= end {
                break;
            }
            let prev = if b[j - 1] < 0x80 {
                around_ascii(b[j - 1])
            } else {
                around(char_before(text, j))
            };
            let next = if b[after] < 0x80 {
                around_ascii(b[after])
            } else {
                around(char_at(text, after))
            };
            let joins = match joiner {
                '.' => prev == next && prev != Around::Other,
                ',' | ':' | '/' => prev == Around::Digit && next == Around::Digit,
                '-' | '‐' | '‑' | '_' => next != Around::Other,
                '\'' | '’' | 'ʼ' => prev == Around::Letter && next == Around::Letter,
                '@' if !email => {
                    email = next != Around::Other;
                    email
                }
                _ => false,
            };
            if !joins {
                break;
            }
            j = after;
        }
        let at = b.get(j).copied().filter(|_| j < end);
        let kind = if email {
            TokenKind::Symbol
        } else if (at == Some(b':') && b[j..end].starts_with(b"://") && is_url_scheme(&b[start..j]))
            || (j - start > 4 && b[start..start + 4].eq_ignore_ascii_case(b"www."))
        {
            j = url_end(text, start, j, end);
            TokenKind::Symbol
        } else if seen & LETTER != 0 {
            if at == Some(b'.') && abbreviation(&text[start..j + 1]).is_some() {
                j += 1;
            }
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        self.push_token(start, j, kind);
        j
    }
}

fn is_url_scheme(word: &[u8]) -> bool {
    [&b"http"[..], b"https", b"ftp", b"ftps", b"file"]
        .iter()
        .any(|s| word.eq_ignore_ascii_case(s))
}

/// The end of a URL that starts at `start` and continues at `from`: up to
/// whitespace or a quote, minus trailing punctuation (a closing bracket stays
/// when the URL opened one).
fn url_end(text: &str, start: usize, from: usize, end: usize) -> usize {
    let mut j = from;
    for (k, c) in text[from..end].char_indices() {
        if is_whitespace(c) || matches!(c, '<' | '>' | '"' | '“' | '”' | '«' | '»' | '‘' | '’')
        {
            break;
        }
        j = from + k + c.len_utf8();
    }
    let url = &text.as_bytes()[start..j];
    let mut opened = url.iter().filter(|&&b| b == b'(').count();
    let mut closed = url.iter().filter(|&&b| b == b')').count();
    while j > from {
        let strip = match text.as_bytes()[j - 1] {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*' | b']' | b'}' => true,
            b')' if opened < closed => {
                closed -= 1;
                true
            }
            b'(' => {
                opened -= 1;
                true
            }
            _ => false,
        };
        if !strip {
            break;
        }
        j -= 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::{
        abbreviation, segment, segment_with, AbbreviationKind, Layout, Segmentation, SentenceKind,
        TokenKind,
    };

    /// Checks the structural invariants and returns the segmentation.
    fn checked(text: &str) -> Segmentation {
        let seg = segment(text);
        let mut covered = vec![false; text.len()];
        let mut prev_block_end = 0;
        for (b, block) in seg.blocks.iter().enumerate() {
            assert!(block.span.start >= prev_block_end && !block.span.is_empty());
            prev_block_end = block.span.end;
            assert!(!block.sentences.is_empty());
            for s in &seg.sentences[block.sentences.clone()] {
                assert_eq!(s.block, b);
                assert!(block.span.contains(s.span));
            }
            let first = &seg.sentences[block.sentences.start];
            let last = &seg.sentences[block.sentences.end - 1];
            assert_eq!(
                (first.span.start, last.span.end),
                (block.span.start, block.span.end)
            );
            if block.layout == Layout::Line {
                assert_eq!(block.sentences.len(), 1, "{:?}", block.span.slice(text));
            }
        }
        let mut prev_sentence = 0;
        let mut next_token = 0;
        for s in &seg.sentences {
            assert!(s.span.start >= prev_sentence);
            prev_sentence = s.span.end;
            assert_eq!(s.tokens.start, next_token);
            next_token = s.tokens.end;
            let toks = &seg.tokens[s.tokens.clone()];
            assert_eq!(toks.first().unwrap().span.start, s.span.start);
            assert_eq!(toks.last().unwrap().span.end, s.span.end);
        }
        assert_eq!(next_token, seg.tokens.len());
        let mut prev_token = 0;
        for t in &seg.tokens {
            assert!(t.span.start >= prev_token && !t.span.is_empty());
            prev_token = t.span.end;
            let _ = t.span.slice(text);
            covered[t.span.range()].iter_mut().for_each(|c| *c = true);
        }
        for (i, c) in text.char_indices() {
            assert_eq!(
                covered[i],
                !super::is_whitespace(c),
                "char {c:?} at {i} in {text:?}"
            );
        }
        seg
    }

    fn sentences(text: &str) -> Vec<&str> {
        checked(text)
            .sentences
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    fn blocks(text: &str) -> Vec<(&str, Layout)> {
        checked(text)
            .blocks
            .iter()
            .map(|b| (b.span.slice(text), b.layout))
            .collect()
    }

    fn tokens(text: &str) -> Vec<(&str, TokenKind)> {
        checked(text)
            .tokens
            .iter()
            .map(|t| (t.span.slice(text), t.kind))
            .collect()
    }

    #[test]
    fn abbreviations_initials_decimals_and_times() {
        let text = "Lt. Col. J. R. Smith said the U.S. sent 3.5 tons at 07:41. The army denied it.";
        assert_eq!(
            sentences(text),
            [
                "Lt. Col. J. R. Smith said the U.S. sent 3.5 tons at 07:41.",
                "The army denied it."
            ]
        );
        let text = "Vladimir V. Putin met Gen. Valery Gerasimov and Mr. Shoigu. They spoke.";
        assert_eq!(
            sentences(text),
            [
                "Vladimir V. Putin met Gen. Valery Gerasimov and Mr. Shoigu.",
                "They spoke."
            ]
        );
        let text = "Sen. Brown, Dr. Jones and Capt. Lee met in St. Louis. No. 5 battalion left.";
        assert_eq!(
            sentences(text),
            [
                "Sen. Brown, Dr. Jones and Capt. Lee met in St. Louis.",
                "No. 5 battalion left."
            ]
        );
        let text = "The group was called Unit B. He led it, i.e. the unit, vs. Maj. Gen. Orlov.";
        assert_eq!(
            sentences(text),
            [
                "The group was called Unit B.",
                "He led it, i.e. the unit, vs. Maj. Gen. Orlov."
            ]
        );
    }

    #[test]
    fn abbreviations_that_can_end_a_sentence() {
        let text = "The strike came at 5 p.m. The army said two people died.";
        assert_eq!(
            sentences(text),
            [
                "The strike came at 5 p.m.",
                "The army said two people died."
            ]
        );
        assert_eq!(
            sentences("It began at 5 p.m. Monday, officials said.").len(),
            1
        );
        assert_eq!(
            sentences("He arrived in the U.S. on Monday. U.S. Army units followed.").len(),
            2
        );
        let text = "Troops left the U.S. But the base stayed open.";
        assert_eq!(
            sentences(text),
            ["Troops left the U.S.", "But the base stayed open."]
        );
        let text = "Acme Inc. He said shares of Acme Inc. fell on Jan. 5 and Feb. 12.";
        assert_eq!(
            sentences(text),
            [
                "Acme Inc.",
                "He said shares of Acme Inc. fell on Jan. 5 and Feb. 12."
            ]
        );
        let text = "They used tanks, drones, etc. and artillery. Then it ended.";
        assert_eq!(
            sentences(text),
            [
                "They used tanks, drones, etc. and artillery.",
                "Then it ended."
            ]
        );
        let text = "They used tanks, drones, etc. Russia denied it.";
        assert_eq!(
            sentences(text),
            ["They used tanks, drones, etc.", "Russia denied it."]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_their_sentence() {
        let text = "He said \"it burns.\" Then he left.";
        assert_eq!(sentences(text), ["He said \"it burns.\"", "Then he left."]);
        let text = "“Let's see how this situation develops.” The minister left.";
        assert_eq!(
            sentences(text),
            [
                "“Let's see how this situation develops.”",
                "The minister left."
            ]
        );
        let text = "It ended. (See below.) Calm returned.";
        assert_eq!(
            sentences(text),
            ["It ended.", "(See below.)", "Calm returned."]
        );
        let text = "Why did they fire?!” he asked. «Nobody knows.» It was late.";
        assert_eq!(
            sentences(text),
            [
                "Why did they fire?!” he asked.",
                "«Nobody knows.»",
                "It was late."
            ]
        );
        // A closing quote after a space does not start the next sentence.
        let text = "It burns. ” The army left.";
        assert_eq!(sentences(text), ["It burns. ”", "The army left."]);
        let text = "\"Why?\" he asked. \"Stop!\" The soldier shouted.";
        assert_eq!(
            sentences(text),
            ["\"Why?\" he asked.", "\"Stop!\"", "The soldier shouted."]
        );
    }

    #[test]
    fn quotes_opened_after_a_colon() {
        let text = "He said: \"We will fight on the beaches and in the fields.\" Then he left.";
        assert_eq!(
            sentences(text),
            [
                "He said: \"We will fight on the beaches and in the fields.\"",
                "Then he left."
            ]
        );
        let text = "He said: “We will fight. We will win.” Then he left.";
        assert_eq!(
            sentences(text),
            ["He said: “We will fight.", "We will win.”", "Then he left."]
        );
        let text = "The statement read: 'attacks continue in the north' and nothing more.";
        assert_eq!(sentences(text).len(), 1);
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sentences("He paused… and then he left. Calm."),
            ["He paused… and then he left.", "Calm."]
        );
        assert_eq!(
            sentences("He paused... Then he left."),
            ["He paused...", "Then he left."]
        );
        assert_eq!(
            sentences("Wait … The army came."),
            ["Wait …", "The army came."]
        );
        assert_eq!(
            sentences("He said the shelling... went on for hours.").len(),
            1
        );
    }

    #[test]
    fn urls_emails_and_domains_do_not_split() {
        let text = "Read https://example.com/a.b?x=1. The site is down.";
        assert_eq!(
            sentences(text),
            ["Read https://example.com/a.b?x=1.", "The site is down."]
        );
        assert!(tokens(text).contains(&("https://example.com/a.b?x=1", TokenKind::Symbol)));
        let text = "Write to press@mod.gov.ua. Or call.";
        assert_eq!(sentences(text), ["Write to press@mod.gov.ua.", "Or call."]);
        assert!(tokens(text).contains(&("press@mod.gov.ua", TokenKind::Symbol)));
        let text =
            "Ukrinform.ua reported it, citing www.mil.gov.ua/news (see Wikipedia). Kyiv confirmed.";
        assert_eq!(
            sentences(text),
            [
                "Ukrinform.ua reported it, citing www.mil.gov.ua/news (see Wikipedia).",
                "Kyiv confirmed."
            ]
        );
        let toks = tokens(text);
        assert!(toks.contains(&("Ukrinform.ua", TokenKind::Word)));
        assert!(toks.contains(&("www.mil.gov.ua/news", TokenKind::Symbol)));
        let text = "See (https://en.wikipedia.org/wiki/Kursk_(city)). Done.";
        assert!(tokens(text).contains(&(
            "https://en.wikipedia.org/wiki/Kursk_(city)",
            TokenKind::Symbol
        )));
    }

    #[test]
    fn numbers_are_single_tokens() {
        let text =
            "It rose 1,000.5 points, 3.5% at 07:41 on 2024-03-15 in v1.2.3 (1986/87). It fell.";
        assert_eq!(sentences(text).len(), 2);
        let toks = tokens(text);
        for n in ["1,000.5", "3.5", "07:41", "2024-03-15", "1986/87"] {
            assert!(toks.contains(&(n, TokenKind::Number)), "{n}");
        }
        assert!(toks.contains(&("v1.2.3", TokenKind::Word)));
        assert!(toks.contains(&("%", TokenKind::Symbol)));
        assert_eq!(toks.last(), Some(&(".", TokenKind::Punct)));
    }

    #[test]
    fn word_tokens() {
        let text = "The U.S.-backed army’s 20-year-old F-16s fired... rock'n'roll -- “Kyiv’s” no.";
        let toks = tokens(text);
        assert_eq!(
            toks,
            [
                ("The", TokenKind::Word),
                ("U.S.", TokenKind::Word),
                ("-", TokenKind::Punct),
                ("backed", TokenKind::Word),
                ("army’s", TokenKind::Word),
                ("20-year-old", TokenKind::Word),
                ("F-16s", TokenKind::Word),
                ("fired", TokenKind::Word),
                ("...", TokenKind::Punct),
                ("rock'n'roll", TokenKind::Word),
                ("--", TokenKind::Punct),
                ("“", TokenKind::Punct),
                ("Kyiv’s", TokenKind::Word),
                ("”", TokenKind::Punct),
                ("no", TokenKind::Word),
                (".", TokenKind::Punct),
            ]
        );
    }

    #[test]
    fn other_scripts_emoji_and_marks() {
        let text = "Обстрел Грайворона продолжился. غزة تحت القصف. 北京发生爆炸。三人死亡。 Cafe\u{301} 👨‍👩‍👧 🇺🇦 👍🏽!";
        let toks = tokens(text);
        for (w, k) in [
            ("Грайворона", TokenKind::Word),
            ("غزة", TokenKind::Word),
            ("Cafe\u{301}", TokenKind::Word),
            ("👨‍👩‍👧", TokenKind::Symbol),
            ("🇺🇦", TokenKind::Symbol),
            ("👍🏽", TokenKind::Symbol),
            ("。", TokenKind::Punct),
        ] {
            assert!(toks.contains(&(w, k)), "{w}");
        }
        assert_eq!(
            sentences(text),
            [
                "Обстрел Грайворона продолжился.",
                "غزة تحت القصف.",
                "北京发生爆炸。",
                "三人死亡。",
                "Cafe\u{301} 👨‍👩‍👧 🇺🇦 👍🏽!"
            ]
        );
        // Cyrillic initials.
        assert_eq!(
            sentences("В. В. Путин заявил об этом. Кремль молчит.").len(),
            2
        );
    }

    #[test]
    fn datelines_are_sentences_of_their_own() {
        let text =
            "KHARKIV, Ukraine (AP) — Russian drones struck the city overnight. Two people died.";
        let seg = checked(text);
        let got: Vec<(&str, SentenceKind)> = seg
            .sentences
            .iter()
            .map(|s| (s.span.slice(text), s.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("KHARKIV, Ukraine (AP) —", SentenceKind::Dateline),
                (
                    "Russian drones struck the city overnight.",
                    SentenceKind::Text
                ),
                ("Two people died.", SentenceKind::Text),
            ]
        );
        assert_eq!(seg.blocks.len(), 1);
        let text = "Belgorod – The Legion said it shelled Tyotkino. Gen. Ivanov denied it.";
        assert_eq!(
            sentences(text),
            [
                "Belgorod –",
                "The Legion said it shelled Tyotkino.",
                "Gen. Ivanov denied it."
            ]
        );
        let text =
            "SEOUL, Aug. 20 (Yonhap) -- North Korea's newspaper blasted the South on Tuesday.";
        assert_eq!(
            sentences(text),
            [
                "SEOUL, Aug. 20 (Yonhap) --",
                "North Korea's newspaper blasted the South on Tuesday."
            ]
        );
        // Not a dateline: a dash inside a sentence.
        let text = "The militia – made up of nationalists – said so.";
        assert_eq!(sentences(text), [text]);
    }

    #[test]
    fn headline_line_followed_by_a_dateline_paragraph() {
        let text = "Russia says it repelled attack on Belgorod region\nBelgorod – The Legion said it shelled Tyotkino on Tuesday.\n";
        let seg = checked(text);
        assert_eq!(
            blocks(text),
            [
                (
                    "Russia says it repelled attack on Belgorod region",
                    Layout::Line
                ),
                (
                    "Belgorod – The Legion said it shelled Tyotkino on Tuesday.",
                    Layout::Prose
                ),
            ]
        );
        assert_eq!(seg.sentences[1].kind, SentenceKind::Dateline);
        assert_eq!(seg.sentences[1].span.slice(text), "Belgorod –");
        // Same with a blank line, and with a hard-wrapped story below.
        let text = "BAHIA COCOA REVIEW\nSALVADOR, March 2 - Showers continued throughout the week in the\nBahia cocoa zone, alleviating the drought since early January and\nimproving prospects for the coming temporao, Comissaria Smith said.\n";
        let b = blocks(text);
        assert_eq!(b[0], ("BAHIA COCOA REVIEW", Layout::Line));
        assert_eq!(b.len(), 2);
        assert_eq!(sentences(text)[1], "SALVADOR, March 2 -");
    }

    #[test]
    fn captions_and_furniture_are_lines() {
        let text = "Home page politics\nShare\nUkrainian servicemen fire a howitzer near Bakhmut\nPhoto: Sergey Bobok/AFP\n\nThe army said it advanced. It gave no details.\n";
        assert_eq!(
            blocks(text),
            [
                ("Home page politics", Layout::Line),
                ("Share", Layout::Line),
                (
                    "Ukrainian servicemen fire a howitzer near Bakhmut",
                    Layout::Line
                ),
                ("Photo: Sergey Bobok/AFP", Layout::Line),
                (
                    "The army said it advanced. It gave no details.",
                    Layout::Prose
                ),
            ]
        );
        // A Line is one sentence, even with stops inside.
        let text = "N. Korea slams S. Korea for drill. Warns of consequences";
        assert_eq!(blocks(text), [(text, Layout::Line)]);
        assert_eq!(sentences(text), [text]);
    }

    #[test]
    fn bullet_and_numbered_lists() {
        let text = "Key points:\n- Russia fired 40 missiles. Most were shot down.\n- Two people died\n  in Kharkiv.\n• Power cuts\n* Schools closed\n1. First item.\n12) Second item\n";
        assert_eq!(
            blocks(text),
            [
                ("Key points:", Layout::Prose),
                (
                    "- Russia fired 40 missiles. Most were shot down.",
                    Layout::Bullet
                ),
                ("- Two people died\n  in Kharkiv.", Layout::Bullet),
                ("• Power cuts", Layout::Bullet),
                ("* Schools closed", Layout::Bullet),
                ("1. First item.", Layout::Bullet),
                ("12) Second item", Layout::Bullet),
            ]
        );
        let s = sentences(text);
        assert_eq!(
            &s[1..3],
            ["- Russia fired 40 missiles.", "Most were shot down."]
        );
        assert!(s.contains(&"1. First item."));
        // Not list items.
        assert_eq!(blocks("-5 degrees at night")[0].1, Layout::Line);
        assert_eq!(blocks("1987. That year the war began.")[0].1, Layout::Prose);
    }

    #[test]
    fn reuters_hard_wrapped_paragraphs() {
        let text = "\
BAHIA COCOA REVIEW

Showers continued throughout the week in
the Bahia cocoa zone, alleviating the drought since early
January and improving prospects for the coming temporao,
although normal humidity levels have not been restored,
Comissaria Smith said in its weekly review.
    The dry period means the temporao will be late this year.
    Arrivals for the week ended February 22 were 155,221 bags
of 60 kilos making a cumulative total for the season of 5.93
mln against 5.81 at the same stage last year. Again it seems
that cocoa delivered earlier on consignment was included in the
arrivals figures.
    The company said the offer would be made for all the shares
and the stock, which when fully converted, gave a total of 33 mln IC
Gas ordinary. It is making the tender offer through N.M.
Rothschilds and two other banks, the company said in a statement.
 REUTER
";
        let b = blocks(text);
        assert_eq!(b.len(), 6, "{b:#?}");
        assert_eq!(b[0], ("BAHIA COCOA REVIEW", Layout::Line));
        assert_eq!(
            b[2],
            (
                "The dry period means the temporao will be late this year.",
                Layout::Prose
            )
        );
        assert_eq!(b[5], ("REUTER", Layout::Line));
        let s = sentences(text);
        assert_eq!(
            s[1],
            "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary and improving prospects for the coming temporao,\nalthough normal humidity levels have not been restored,\nComissaria Smith said in its weekly review."
        );
        assert_eq!(s[4], "Again it seems\nthat cocoa delivered earlier on consignment was included in the\narrivals figures.");
        assert_eq!(
            &s[5..7],
            [
                "The company said the offer would be made for all the shares\nand the stock, which when fully converted, gave a total of 33 mln IC\nGas ordinary.",
                "It is making the tender offer through N.M.\nRothschilds and two other banks, the company said in a statement."
            ]
        );
    }

    #[test]
    fn wrapped_numbers_and_sign_offs() {
        let text = "\
    Chinese spot March will be set at 110,000 yen per 15 tonne
lot from 90,000. The exchange said it raised spot March
requirement to 130,000 yen on contracts outstanding at March
13. Chinese nearby April rises to 90,000 yen from 70,000.
    Other months will remain unchanged at 70,000 yen except new
distant August, which will be set at 70,000 from March 2 by the
Egyptian General Petroleum Corp. (EGPC) and Japan-U.S. Trade.
REUTER
";
        let b = blocks(text);
        assert_eq!(b.len(), 3, "{b:#?}");
        assert!(b[0].0.ends_with("from 70,000.") && b[0].1 == Layout::Prose);
        assert_eq!(b[2], ("REUTER", Layout::Line));
        let s = sentences(text);
        assert_eq!(
            s[1],
            "The exchange said it raised spot March\nrequirement to 130,000 yen on contracts outstanding at March\n13."
        );
        assert_eq!(s.len(), 5, "{s:#?}");
        assert!(
            s[3].ends_with("Corp. (EGPC) and Japan-U.S. Trade."),
            "{s:#?}"
        );
        assert!(tokens(text).contains(&("Japan-U.S.", TokenKind::Word)));
        let text = "It raised the margin for U.S. And Chinese soybeans, effective March 2.";
        assert_eq!(sentences(text), [text]);
    }

    #[test]
    fn dashes_in_wrapped_text_and_list_continuations() {
        let text = "\
    Banknotes in circulation rose by 834 mln francs to 24.79
billion while other deposits on call - mainly government funds
- fell 1.60 billion francs to 1.04 billion.
    The bank said reserves were unchanged over the whole week.
 REUTER
";
        let b = blocks(text);
        assert_eq!(b.len(), 3, "{b:#?}");
        assert!(b.iter().all(|(_, layout)| *layout != Layout::Bullet));
        let text = "The ministry listed:\n- strikes on Kharkiv and\n  Sumy overnight.\n  Two died.\n- power cuts\n    The army said more would come.\n";
        assert_eq!(
            blocks(text),
            [
                ("The ministry listed:", Layout::Prose),
                (
                    "- strikes on Kharkiv and\n  Sumy overnight.\n  Two died.",
                    Layout::Bullet
                ),
                ("- power cuts", Layout::Bullet),
                ("The army said more would come.", Layout::Prose),
            ]
        );
    }

    #[test]
    fn unwrapped_lines_join_only_when_continued() {
        let text = "The army said that\nthe city was calm.\nResidents disagreed.";
        assert_eq!(
            blocks(text),
            [
                ("The army said that\nthe city was calm.", Layout::Prose),
                ("Residents disagreed.", Layout::Prose),
            ]
        );
    }

    #[test]
    fn crlf_line_endings_and_bom() {
        let text = "\u{feff}Strikes on Kharkiv\r\n\r\nFirst sentence. Second one.\r\nThird line ends\r\nhere.\r\n";
        assert_eq!(
            blocks(text),
            [
                ("Strikes on Kharkiv", Layout::Line),
                ("First sentence. Second one.", Layout::Prose),
                ("Third line ends\r\nhere.", Layout::Prose),
            ]
        );
        assert_eq!(sentences(text)[0], "Strikes on Kharkiv");
        assert_eq!(checked(text).blocks[0].span.start, 3);
        let text = "\u{feff}Kyiv said so. Moscow denied it.";
        assert_eq!(sentences(text), ["Kyiv said so.", "Moscow denied it."]);
        // Old Mac line endings separate lines too.
        assert_eq!(blocks("Title\r\rBody text here.").len(), 2);
    }

    #[test]
    fn long_runs_stay_linear() {
        // Each of these would take minutes with per-token rescans.
        let stops = format!("a{} B", ".!".repeat(100_000));
        assert_eq!(sentences(&stops).len(), 2);
        let closers = format!("It ended.{} Then", "\"".repeat(100_000));
        assert_eq!(sentences(&closers).len(), 2);
        let url = format!("See http://x.org/a{} now.", ")".repeat(100_000));
        assert!(tokens(&url).contains(&("http://x.org/a", TokenKind::Symbol)));
        let url = format!("See http://x.org/{}", "(".repeat(100_000));
        assert!(tokens(&url).contains(&("http://x.org/", TokenKind::Symbol)));
        let marks = format!("a{} b", "\u{301}".repeat(100_000));
        assert_eq!(tokens(&marks).len(), 2);
    }

    #[test]
    fn degenerate_inputs() {
        assert!(segment("").blocks.is_empty());
        assert!(segment(" \n\t\u{feff}\r\n ").tokens.is_empty());
        assert_eq!(sentences("..."), ["..."]);
        assert_eq!(sentences("!? ?! ."), ["!? ?! ."]);
        assert_eq!(sentences("a"), ["a"]);
        assert_eq!(sentences("\u{301}x \u{200d}"), ["\u{301}x \u{200d}"]);
    }

    proptest::proptest! {
        #[test]
        fn fast_path_changes_nothing(
            parts in proptest::collection::vec(
                proptest::sample::select(&[
                    "said", "U", "S", "U.S.", "p.m.", "Gen", "etc", "www", "http", "3", "07", "5",
                    "1,000", ".", ",", ":", "/", "//", "-", "_", "'", "’", "@", " ", " ", "\n",
                    "\n\n", "é", "\u{301}", "ж", "!", "?", "...", "(", ")", "\"", "a", "Z9",
                ][..]),
                0..60,
            )
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(segment_with(&text, true), segment_with(&text, false));
        }
    }

    #[test]
    fn alnum_runs_match_a_byte_loop() {
        let text = "abc Zz09_x 1234567890abcdefXYZ-q \u{e9}t\u{e9} 12345678 a`{@[/:9 end";
        let b = text.as_bytes();
        for i in 0..b.len() {
            if !b[i].is_ascii_alphanumeric() {
                continue;
            }
            let end = i + b[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            let run = &b[i..end];
            let letters = u8::from(run.iter().any(u8::is_ascii_alphabetic)) * super::LETTER;
            let digits = u8::from(run.iter().any(u8::is_ascii_digit)) * super::DIGIT;
            let seen = letters | digits;
            assert_eq!(super::alnum_run(b, i), (end, seen), "at {i}");
        }
    }

    #[test]
    fn abbreviation_classes() {
        assert_eq!(abbreviation("Gen."), Some(AbbreviationKind::Title));
        assert_eq!(abbreviation("etc."), Some(AbbreviationKind::Lower));
        assert_eq!(abbreviation("U.S."), Some(AbbreviationKind::End));
        assert_eq!(abbreviation("N.M."), Some(AbbreviationKind::End));
        assert_eq!(abbreviation("Ж."), Some(AbbreviationKind::Initial));
        assert_eq!(abbreviation("gen."), None);
        assert_eq!(abbreviation("bbc.co.uk."), None);
        assert_eq!(abbreviation("."), None);
        assert_eq!(abbreviation("Gen"), None);
    }
}
