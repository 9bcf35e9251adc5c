//! Who says so: attributed statements in news text, with their claimants,
//! the channels they came through, their stance and hedging, the events
//! they report, and where claims of different sources contradict.
//!
//! The crate is pure and knows nothing of the report format: it reads the
//! text, its sentences (with their block, i.e. paragraph) and, when an
//! earlier stage found them, actor mentions and events. Every span it
//! returns indexes the text given, half open, on token boundaries.
//!
//! ```
//! use sitrep_claims::{find_claims, Input, SentenceIn, Span};
//! let text = "The army said it had retaken the bridge, a spokesman told Reuters.";
//! let sentences = [SentenceIn { span: Span::new(0, text.len()), block: 0 }];
//! let claims = find_claims(&Input { text, sentences: &sentences, actors: &[] });
//! assert_eq!(claims[0].claimant.as_ref().unwrap().name, "army");
//! assert_eq!(&text[claims[0].span.start..claims[0].span.end], "it had retaken the bridge");
//! ```
//!
//! What is a claim: every statement attributed to someone by a reporting
//! verb ("said", "denied"), a preposition ("according to") or a quotation
//! with an attribution. Statements in the article's own voice are never
//! claims, not even hedged ones ("reportedly"): the gold annotations count
//! them as narration, and a claim without a claimant says nothing the
//! event does not. Hedges still mark the attributed claims they touch.
#![deny(missing_docs)]

mod contradict;
pub mod lexicon;
mod tokens;

pub use contradict::{
    contradictions, contradictions_with, About, Contradiction, DisagreementError, Disagreements,
    PlaceLevel, PlaceRef, Point, Topic,
};
pub use lexicon::{AttributionKind, Group, Kind, Lexicon, LexiconError};
pub use sitrep_text::Span;

use tokens::{
    complement_start, determiner, is_quote, manner_adverb, np_boundary, org_word, pronoun,
    role_word, skippable, time_word, tokenize, Anaphor, Tok,
};

/// A sentence of the text to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceIn {
    /// Its span in the text.
    pub span: Span,
    /// The block (paragraph) it belongs to; quotations never cross blocks.
    pub block: usize,
}

/// What kind of thing an actor mention names, as far as claims care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintKind {
    /// A person: "he" and "she" can refer to it.
    Person,
    /// A news outlet.
    Media,
    /// Anything else: "it", "they", "the group" can refer to it.
    Group,
}

/// An actor mention found by an earlier stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorHint {
    /// The mention's span.
    pub span: Span,
    /// Its canonical name.
    pub name: String,
    /// What it is.
    pub kind: HintKind,
    /// The lower-case nouns it can be called by ("militia", "group").
    pub nouns: Vec<String>,
}

/// The text and what is known about it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The document text; all spans index it.
    pub text: &'a str,
    /// The sentences to read (body text), in order.
    pub sentences: &'a [SentenceIn],
    /// Actor mentions, in any order (may be empty).
    pub actors: &'a [ActorHint],
}

/// Who stands behind a claim, or a channel it came through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// The mention as written (a pronoun stays a pronoun).
    pub span: Span,
    /// The name: an actor's canonical name, the antecedent of a pronoun, or
    /// the mention without determiners and roles.
    pub name: String,
}

/// Whether a claim asserts or denies its statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    /// It asserts it.
    Asserts,
    /// It denies it.
    Denies,
}

/// An attributed statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// Who makes it.
    pub claimant: Option<Party>,
    /// Channels, innermost first, outermost last.
    pub via: Vec<Party>,
    /// The cue as written ("said", "according to").
    pub cue: Span,
    /// The cue's group.
    pub group: Group,
    /// Asserts or denies.
    pub stance: Stance,
    /// The article distances itself.
    pub hedged: bool,
    /// The statement.
    pub span: Span,
    /// Index (into the input's sentences) of the sentence holding the attribution.
    pub sentence: usize,
    /// Where the attribution is: claimant, cue and channels.
    pub attribution: Span,
}

impl Claim {
    /// Whether it reports speech, a belief or an intention (by its cue).
    pub fn kind(&self) -> AttributionKind {
        self.group.kind()
    }
}

/// Finds the claims of a text with the embedded lexicon.
pub fn find_claims(input: &Input<'_>) -> Vec<Claim> {
    find_claims_with(input, Lexicon::embedded())
}

/// Finds the claims of a text with a given lexicon.
pub fn find_claims_with(input: &Input<'_>, lex: &Lexicon) -> Vec<Claim> {
    let text = input.text;
    let sents: Vec<Sent> = input
        .sentences
        .iter()
        .filter(|s| s.span.start <= s.span.end && text.get(s.span.start..s.span.end).is_some())
        .map(|s| Sent {
            span: s.span,
            block: s.block,
            toks: tokenize(text, s.span),
        })
        .collect();
    let quotes = quote_pairs(text, &sents);
    let mut claims = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let mut here = sentence_claims(text, lex, &sents, si, &quotes);
        for c in &mut here {
            c.span = trim(text, extend_quotes(c.span, &quotes, s.block, c.attribution));
        }
        here.retain(|c| word_count(text, c.span) >= 2 && !first_person(text, c));
        claims.extend(here);
    }
    hedge(text, lex, &sents, &mut claims);
    resolve(text, lex, input.actors, &mut claims);
    claims.sort_by_key(|c| (c.span.start, c.cue.start));
    claims.dedup_by(|a, b| a.span == b.span && a.cue == b.cue);
    claims
}

/// Which events each claim reports: the events whose trigger lies inside
/// its statement, or whose evidence (the sentences an event was read from)
/// holds the whole statement. `events` gives each event's trigger and
/// evidence spans.
pub fn link_events(claims: &[Claim], events: &[(Span, Span)]) -> Vec<Vec<usize>> {
    claims
        .iter()
        .map(|c| {
            events
                .iter()
                .enumerate()
                .filter(|(_, (t, e))| {
                    let trigger = t.start < t.end && t.start >= c.span.start && t.end <= c.span.end;
                    let evidence =
                        e.start < e.end && e.start <= c.span.start && c.span.end <= e.end;
                    trigger || evidence
                })
                .map(|(i, _)| i)
                .collect()
        })
        .collect()
}

struct Sent {
    span: Span,
    block: usize,
    toks: Vec<Tok>,
}

/// A quotation: block, open and close positions (byte span of the whole).
#[derive(Debug, Clone, Copy)]
struct Quote {
    block: usize,
    span: Span,
}

fn quote_pairs(text: &str, sents: &[Sent]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut block = usize::MAX;
    for s in sents {
        if s.block != block {
            block = s.block;
            open = None;
        }
        for t in &s.toks {
            let c = text[t.span.start..t.span.end].chars().next().unwrap_or(' ');
            if t.word || !is_quote(c) {
                continue;
            }
            let closing_only = matches!(c, '”' | '»');
            let opening_only = matches!(c, '“' | '«' | '„');
            match open {
                Some((b, start)) if b == block && !opening_only => {
                    out.push(Quote {
                        block,
                        span: Span::new(start, t.span.end),
                    });
                    open = None;
                }
                _ if !closing_only => open = Some((block, t.span.start)),
                _ => {}
            }
        }
    }
    out
}

fn inside_quote(pos: Span, quotes: &[Quote]) -> bool {
    // Quotations are disjoint and in text order: only the last one that
    // starts before `pos` can hold it.
    let k = quotes.partition_point(|q| q.span.start < pos.start);
    k > 0 && pos.end < quotes[k - 1].span.end
}

/// Grows a statement to whole quotations it overlaps, without swallowing
/// its own attribution.
fn extend_quotes(span: Span, quotes: &[Quote], block: usize, attribution: Span) -> Span {
    let mut out = span;
    let from = quotes.partition_point(|q| q.block < block && q.span.end <= span.start);
    let nearby = quotes[from..].iter().take_while(|q| q.block <= block);
    for q in nearby.filter(|q| q.block == block) {
        let overlaps = q.span.start < out.end && out.start < q.span.end;
        let swallows = q.span.start < attribution.start && attribution.end < q.span.end;
        if overlaps && !swallows {
            out = Span::new(out.start.min(q.span.start), out.end.max(q.span.end));
        }
    }
    out
}

/// Trims white space, commas and dashes at the ends of a span.
fn trim(text: &str, span: Span) -> Span {
    let Some(s) = text.get(span.start..span.end) else {
        return span;
    };
    let junk = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '-');
    let t = s.trim_start_matches(junk);
    let start = span.start + (s.len() - t.len());
    let t2 = t.trim_end_matches(junk);
    Span::new(start, start + t2.len())
}

/// "We urge …" in a bulletin is the publisher's own voice.
fn first_person(text: &str, c: &Claim) -> bool {
    c.claimant.as_ref().is_some_and(|p| {
        matches!(
            text.get(p.span.start..p.span.end)
                .map(str::to_lowercase)
                .as_deref(),
            Some("we" | "i" | "us" | "our")
        )
    })
}

fn word_count(text: &str, span: Span) -> usize {
    text.get(span.start..span.end).map_or(0, |s| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    })
}

fn sp(toks: &[Tok], a: usize, b: usize) -> Span {
    // Tokens a..b (b exclusive, b > a).
    Span::new(toks[a].span.start, toks[b - 1].span.end)
}

/// An unhedged claim by tokens `a..b` (b exclusive) through `via`, cued at
/// `cue`, asserting `span`, whose attribution spans `attribution`.
#[allow(clippy::too_many_arguments)]
fn claim_by(
    text: &str,
    toks: &[Tok],
    (a, b): (usize, usize),
    via: Vec<Party>,
    cue: Span,
    group: Group,
    span: Span,
    sentence: usize,
    attribution: Span,
) -> Claim {
    Claim {
        claimant: Some(Party {
            span: sp(toks, a, b),
            name: clean_name(text, toks, a, b),
        }),
        via,
        cue,
        group,
        stance: stance_of(group),
        hedged: false,
        span,
        sentence,
        attribution,
    }
}

/// The claims whose attribution is in sentence `si`.
fn sentence_claims(
    text: &str,
    lex: &Lexicon,
    sents: &[Sent],
    si: usize,
    quotes: &[Quote],
) -> Vec<Claim> {
    let s = &sents[si];
    let toks = &s.toks;
    let n = toks.len();
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let mut out: Vec<Claim> = Vec::new();
    let mut i = 0;
    while i < n {
        if !toks[i].word || inside_quote(toks[i].span, quotes) {
            i += 1;
            continue;
        }
        if let Some((len, group)) = lex.phrase_at(&lower[i..], Kind::Prep) {
            if let Some(c) = according(
                text,
                lex,
                s,
                si,
                i,
                len,
                group.unwrap_or(Group::Assert),
                &out,
            ) {
                out.push(c);
            }
            i += len;
            continue;
        }
        if let Some(c) = nominal_claim(text, lex, s, si, i) {
            out.push(c);
            i += 1;
            continue;
        }
        let channel_phrase = lex
            .phrase_at(&lower[i..], Kind::Channel)
            .is_some_and(|(len, _)| len > 1);
        // A capitalised cue form after a capitalised word is part of a
        // name ("the United States"), not a verb.
        let in_name = i > 0 && s.toks[i].cap && s.toks[i - 1].cap;
        if let Some(v) = lex.verb(lower[i]).filter(|_| !channel_phrase && !in_name) {
            if let Some(mut cs) = verb_claim(text, lex, sents, si, i, v, &out) {
                out.append(&mut cs);
            }
        }
        i += 1;
    }
    channels(text, lex, s, &mut out);
    // "We want to know …" inside a quotation is the speaker's own view: it
    // must not cut the statement of the speech that quotes it.
    out.retain(|c| c.kind() == AttributionKind::Speech || !first_person(text, c));
    untangle(text, &mut out);
    let mut split = Vec::with_capacity(out.len());
    for c in out {
        split.push(c);
        split_and_that(text, &mut split);
    }
    if let Some(c) = colon_attribution(text, sents, si) {
        split.push(c);
    }
    split
}

/// "Vyacheslav Roe: the air defence worked overnight …" at the start of a
/// paragraph: a bulletin line in the named person's voice, to the end of
/// the paragraph. All-capital speaker labels of transcripts ("ANCHOR:")
/// are not claimants.
fn colon_attribution(text: &str, sents: &[Sent], si: usize) -> Option<Claim> {
    let s = &sents[si];
    if si > 0 && sents[si - 1].block == s.block {
        return None;
    }
    let toks = &s.toks;
    let a = toks.iter().position(|t| t.word)?;
    let colon = (a..toks.len().min(a + 5)).find(|&c| toks[c].lower == ":")?;
    if colon == a || colon + 1 >= toks.len() {
        return None;
    }
    let name = &toks[a..colon];
    let ok = name.iter().all(|t| t.word && t.cap)
        && name.iter().any(|t| {
            text[t.span.start..t.span.end]
                .chars()
                .any(char::is_lowercase)
        })
        && name
            .iter()
            .all(|t| !time_word(&t.lower) && !org_word(&t.lower) || name.len() > 1);
    if !ok {
        return None;
    }
    let last = sents[si..]
        .iter()
        .take_while(|x| x.block == s.block)
        .last()?;
    let party = Party {
        span: sp(toks, a, colon),
        name: clean_name(text, toks, a, colon),
    };
    let cue = toks[colon].span;
    Some(Claim {
        claimant: Some(party),
        via: Vec::new(),
        cue,
        group: Group::Assert,
        stance: Stance::Asserts,
        hedged: false,
        span: Span::new(toks[colon + 1].span.start, last.span.end),
        sentence: si,
        attribution: Span::new(toks[a].span.start, cue.end),
    })
}

/// A statement introduced by "according to X".
#[allow(clippy::too_many_arguments)]
fn according(
    text: &str,
    lex: &Lexicon,
    s: &Sent,
    si: usize,
    i: usize,
    len: usize,
    group: Group,
    earlier: &[Claim],
) -> Option<Claim> {
    let toks = &s.toks;
    let n = toks.len();
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let (a, b) = np_after(toks, i + len)?;
    let head = lower[a..b]
        .iter()
        .rev()
        .find(|w| !w.ends_with("'s"))
        .copied()
        .unwrap_or("");
    if matches!(
        head,
        "law"
            | "laws"
            | "plan"
            | "plans"
            | "rules"
            | "rule"
            | "schedule"
            | "procedure"
            | "procedures"
            | "protocol"
            | "tradition"
            | "custom"
            | "agreement"
            | "deal"
            | "constitution"
            | "war"
            | "order"
            | "orders"
            | "instructions"
            | "standards"
            | "norms"
            | "principles"
            | "us"
    ) {
        return None;
    }
    let party = Party {
        span: sp(toks, a, b),
        name: clean_name(text, toks, a, b),
    };
    // "The army said …, according to local media": a channel of the claim before.
    if let Some(prev) = earlier.last() {
        if prev.claimant.is_some() && prev.span.end >= toks[i].span.start && b + 1 >= n {
            // Handled as a channel by the caller via a marker claim.
            let _ = lex;
            return Some(Claim {
                claimant: None,
                via: vec![party],
                cue: sp(toks, i, i + len),
                group,
                stance: Stance::Asserts,
                hedged: false,
                span: Span::new(toks[i].span.start, toks[i].span.start),
                sentence: si,
                attribution: sp(toks, i, b),
            });
        }
    }
    let content = if i == 0 || (i == 1 && !toks[0].word) {
        // "According to X, …"
        let mut c = b;
        while c < n && !toks[c].word && !is_open_quote(text, &toks[c]) {
            c += 1;
        }
        if c >= n {
            return None;
        }
        Span::new(toks[c].span.start, s.span.end)
    } else {
        let start = clause_start(toks, i);
        let mut e = i;
        while e > start && !toks[e - 1].word && !is_close_quote(text, &toks[e - 1]) {
            e -= 1;
        }
        if e <= start {
            return None;
        }
        let left = sp(toks, start, e);
        // "…, according to X, the army …": the statement goes on after.
        let chained = b + 1 < n
            && (lex.phrase_at(&lower[b + 1..], Kind::Cite).is_some()
                || lex.phrase_at(&lower[b + 1..], Kind::Channel).is_some());
        if b < n && toks[b].lower == "," && b + 1 < n && !chained {
            Span::new(left.start, s.span.end)
        } else {
            left
        }
    };
    Some(Claim {
        claimant: Some(party),
        via: Vec::new(),
        cue: sp(toks, i, i + len),
        group,
        stance: Stance::Asserts,
        hedged: false,
        span: content,
        sentence: si,
        attribution: sp(toks, i, b),
    })
}

fn is_open_quote(text: &str, t: &Tok) -> bool {
    !t.word && text[t.span.start..t.span.end].starts_with(['"', '“', '«', '„'])
}

fn is_close_quote(text: &str, t: &Tok) -> bool {
    !t.word && text[t.span.start..t.span.end].starts_with(['"', '”', '»'])
}

/// Where the clause holding token `i` starts when read backwards: after a
/// semicolon or a dash, else the sentence start.
fn clause_start(toks: &[Tok], i: usize) -> usize {
    (0..i)
        .rev()
        .find(|&j| matches!(toks[j].lower.as_str(), ";" | "—" | "–"))
        .map_or(0, |j| j + 1)
}

/// A nominal cue with an owner and a "that" clause: "the government's
/// announcement that it would buy …", "the announcement by GM that it had
/// filed …". The owner is the claimant, the noun the cue. Without a "that"
/// clause ("his speech", "statements by politicians") nothing is stated.
fn nominal_claim(text: &str, lex: &Lexicon, s: &Sent, si: usize, i: usize) -> Option<Claim> {
    let toks = &s.toks;
    let n = toks.len();
    let w = toks[i].lower.as_str();
    let group = lex
        .noun(w)
        .or_else(|| w.strip_suffix('s').and_then(|x| lex.noun(x)))?;
    let possessive = |t: &Tok| {
        t.word
            && (t.lower.ends_with("'s")
                || t.lower.ends_with("’s")
                || matches!(t.lower.as_str(), "his" | "her" | "its" | "their"))
    };
    let (owner, that) = if i > 0 && possessive(&toks[i - 1]) {
        let a = if matches!(toks[i - 1].lower.as_str(), "his" | "her" | "its" | "their") {
            i - 1
        } else {
            np_before(toks, i, lex).map_or(i - 1, |(a, _)| a)
        };
        ((a, i), i + 1)
    } else if i + 2 < n && toks[i + 1].lower == "by" {
        let (a, b) = np_after(toks, i + 2)?;
        ((a, b), b)
    } else {
        return None;
    };
    if that + 1 >= n || toks[that].lower != "that" || !toks[that + 1].word {
        return None;
    }
    let (a, b) = owner;
    if a >= b {
        return None;
    }
    let cue = toks[i].span;
    Some(claim_by(
        text,
        toks,
        (a, b),
        Vec::new(),
        cue,
        group,
        Span::new(toks[that + 1].span.start, s.span.end),
        si,
        Span::new(toks[a].span.start.min(cue.start), toks[that].span.start),
    ))
}

/// Claims of a reporting verb at token `i`.
#[allow(clippy::too_many_arguments)]
fn verb_claim(
    text: &str,
    lex: &Lexicon,
    sents: &[Sent],
    si: usize,
    i: usize,
    cue_entry: &lexicon::VerbCue,
    earlier: &[Claim],
) -> Option<Vec<Claim>> {
    let (group, needs_that) = (cue_entry.group, cue_entry.needs_that);
    let s = &sents[si];
    let toks = &s.toks;
    let n = toks.len();
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let prev = |k: usize| if k > 0 { Some(lower[k - 1]) } else { None };
    // A noun ("the claims"), an infinitive ("declined to comment"), a
    // negation ("did not confirm") or a passive ("was reported") is no cue.
    if let Some(p) = prev(i) {
        if determiner(p)
            || matches!(
                p,
                "to" | "not"
                    | "n't"
                    | "never"
                    | "no"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "been"
                    | "be"
                    | "being"
                    | "of"
                    | "for"
                    | "unconfirmed"
                    | "whose"
                    | "cannot"
                    | "can"
                    | "could"
                    | "would"
                    | "will"
                    | "may"
                    | "might"
                    | "should"
                    | "must"
                    | "neither"
                    | "either"
                    | "both"
            )
        {
            return None;
        }
        if p.ends_with("n't") {
            return None;
        }
    }
    if i + 1 < n && matches!(lower[i + 1], "by" | "of" | "that's") && lower[i] != "told" {
        // "reports by", "claims of": nouns.
        if !lower[i].ends_with("ed") {
            return None;
        }
    }
    // "residents reported missing by relatives": a passive participle.
    if lower[i].ends_with("ed")
        && (i + 1..n.min(i + 4)).any(|b| lower[b] == "by")
        && lower[i] != "told"
    {
        return None;
    }
    // "called for a re-run": only with "for".
    if cue_entry.takes_for && !(i + 2 < n && lower[i + 1] == "for" && toks[i + 2].word) {
        return None;
    }
    let cue = toks[i].span;
    let ing = lower[i].ends_with("ing");
    // A participle after a comma continues the clause before: ", saying …",
    // ", adding that …".
    if ing {
        // "… responded by saying …": the sentence's subject says it.
        let by = i > 0 && lower[i - 1] == "by";
        // ", Boeing saying that …": a name between the comma and the participle.
        let absolute = (1..i.min(5))
            .map(|m| i - m)
            .find(|&a| a > 0 && lower[a - 1] == "," && toks[a..i].iter().all(|t| t.word && t.cap));
        // "Detik.com quoted Djamal as saying": Djamal speaks, Detik.com relays.
        let quoted = quoted_as(toks, lex, i);
        let right = right_content(text, lex, toks, i);
        // "reports stating that …": a participle right after its subject,
        // only with "that" or a quotation.
        let strong = right.is_some_and(|(start, _)| {
            start > 0 && (lower[start - 1] == "that" || is_open_quote(text, &toks[start - 1]))
        });
        let after_noun = quoted.is_none()
            && absolute.is_none()
            && !by
            && strong
            && i > 0
            && toks[i - 1].word
            && !toks[i - 1].lower.ends_with("ly")
            && !time_word(lower[i - 1])
            && !skippable(lower[i - 1])
            && (lex.verb(lower[i - 1]).is_none() || lower[i - 1].ends_with('s'));
        if i == 0
            || (lower[i - 1] != "," && !by && absolute.is_none() && quoted.is_none() && !after_noun)
        {
            return None;
        }
        if let Some((q, a, b)) = quoted {
            let via = np_before(toks, q, lex).map(|(va, vb)| Party {
                span: sp(toks, va, vb),
                name: clean_name(text, toks, va, vb),
            });
            let from = via.as_ref().map_or(q, |v| {
                toks.iter()
                    .position(|t| t.span.start == v.span.start)
                    .unwrap_or(q)
            });
            let span = match right {
                Some((start, _)) => Span::new(toks[start].span.start, s.span.end),
                None => {
                    let start = clause_start(toks, from);
                    let mut e = from;
                    while e > start && matches!(lower[e - 1], "," | "—" | "-") {
                        e -= 1;
                    }
                    if e <= start {
                        return None;
                    }
                    sp(toks, start, e)
                }
            };
            return Some(vec![claim_by(
                text,
                toks,
                (a, b),
                via.into_iter().collect(),
                cue,
                group,
                span,
                si,
                Span::new(toks[from].span.start, cue.end),
            )]);
        }
        if after_noun {
            // The noun before and its modifiers ("reports", "a letter",
            // "the ministry's statement"); a plural noun may look like a
            // verb form ("reports").
            let mut a = i - 1;
            while a > 0
                && i - a < 6
                && toks[a - 1].word
                && !np_boundary(lower[a - 1])
                && lex.verb(lower[a - 1]).is_none()
                && !complement_start(lower[a - 1])
                && !matches!(lower[a - 1], "and" | "or" | "of" | "that" | "which" | "who")
            {
                a -= 1;
            }
            let (a, b) = owner_of_nominal(toks, lex, a, i);
            let (start, _) = right?;
            return Some(vec![claim_by(
                text,
                toks,
                (a, b),
                Vec::new(),
                cue,
                group,
                Span::new(toks[start].span.start, s.span.end),
                si,
                Span::new(toks[a].span.start, cue.end),
            )]);
        }
        let start = match right {
            Some((start, _)) => start,
            // "by saying, “…”".
            None if i + 2 < n && lower[i + 1] == "," && is_open_quote(text, &toks[i + 2]) => i + 2,
            None => return None,
        };
        // Who: the name of an absolute participle, else the claim this
        // one continues (not after "by"), else the sentence's subject.
        let parent = earlier.last().filter(|_| !by);
        let (claimant, via, from) = match (absolute, parent) {
            (Some(a), _) => (
                Some(Party {
                    span: sp(toks, a, i),
                    name: clean_name(text, toks, a, i),
                }),
                Vec::new(),
                a,
            ),
            (None, Some(p)) => (p.claimant.clone(), p.via.clone(), i - 1),
            (None, None) => {
                let (a, b) = subject_at_start(toks)?;
                (
                    Some(Party {
                        span: sp(toks, a, b),
                        name: clean_name(text, toks, a, b),
                    }),
                    Vec::new(),
                    i - 1,
                )
            }
        };
        claimant.as_ref()?;
        return Some(vec![Claim {
            claimant,
            via,
            cue,
            group,
            stance: stance_of(group),
            hedged: false,
            span: Span::new(toks[start].span.start, s.span.end),
            sentence: si,
            attribution: Span::new(toks[from].span.start, cue.end),
        }]);
    }
    // Who: before the cue (skipping "has also"), or after it in an inversion.
    let mut k = i;
    while k > 0 && (skippable(lower[k - 1]) || manner_adverb(&toks[k - 1])) {
        k -= 1;
    }
    // "The agency on June 18 called for …": a time phrase between subject and verb.
    k = skip_time_phrase(toks, k);
    // "denied any role and said …": the subject of the claim before.
    if k > 0 && lower[k - 1] == "and" {
        let parent = earlier.last()?;
        let (start, _) = right_content(text, lex, toks, i)?;
        return Some(vec![Claim {
            claimant: parent.claimant.clone(),
            via: parent.via.clone(),
            cue,
            group,
            stance: stance_of(group),
            hedged: false,
            span: Span::new(toks[start].span.start, s.span.end),
            sentence: si,
            attribution: Span::new(toks[k - 1].span.start, cue.end),
        }]);
    }
    let before_is_comma = k > 0 && (lower[k - 1] == "," || is_close_quote(text, &toks[k - 1]));
    let mut claimant: Option<(usize, usize)> = None;
    let mut left_end = 0; // token index where left content ends (exclusive)
    let mut right_from = i + 1;
    if before_is_comma {
        // "…," said Colonel X.  /  "…," the army said.
        let apposition = appositive_before(toks, k, lex);
        let marked = apposition.is_some_and(|x| x.3);
        if let Some((a, b)) =
            np_after_inverted(toks, i + 1).filter(|_| !marked && inverts(lex, lower[i]))
        {
            claimant = Some((a, b));
            left_end = k;
            right_from = n;
        } else if let Some((a, b, end, _)) = apposition {
            claimant = Some((a, b));
            left_end = end;
        }
    } else if let Some((a, b)) = np_before(toks, k, lex) {
        claimant = Some((a, b));
        left_end = a;
    } else if let Some((a, b)) =
        np_after_inverted(toks, i + 1).filter(|_| k == 0 && inverts(lex, lower[i]))
    {
        // "Said the minister: …" (sentence-initial inversion).
        claimant = Some((a, b));
        left_end = k;
        right_from = n;
    }
    let (mut ca, cb) = claimant?;
    if ca > 0 && matches!(lower[ca - 1], "whom" | "which" | "what") {
        return None;
    }
    // "In its evening update it said": the pronoun is the subject.
    if cb - ca > 1 && matches!(lower[cb - 1], "it" | "he" | "she" | "they") {
        ca = cb - 1;
    }
    // "Opposite the magazine Newsweek Roe claimed": the outlet, then the claimant.
    let (ca, cb, fronted_via) = split_fronted_channel(text, lex, toks, ca, cb);
    // A subject led by a nominal cue speaks for its owner: "the Legion's statement".
    let (ca, cb) = owner_of_nominal(toks, lex, ca, cb);
    // A belief or intention verb that is also a noun ("new plans to …",
    // "fears of"): its subject must look like one — a name, a determiner, a
    // pronoun, or a single word ("officials expect").
    if group.kind() != AttributionKind::Speech
        && cb - ca > 1
        && !(toks[ca].cap || determiner(lower[ca]) || pronoun(&[lower[ca]]).is_some())
    {
        return None;
    }
    let party = Party {
        span: sp(toks, ca, cb),
        name: clean_name(text, toks, ca, cb),
    };
    // What: after the cue when something follows, else before the subject.
    let mut attribution = Span::new(party.span.start.min(cue.start), party.span.end.max(cue.end));
    let right = if cue_entry.takes_for {
        Some((i + 2, i + 2))
    } else if right_from < n {
        right_content(text, lex, toks, i)
    } else {
        None
    };
    if needs_that {
        // "published a video" says nothing; "published that …", "spoke of “…”" do.
        let ok = right.is_some_and(|(start, _)| {
            start > 0
                && (lower[start - 1] == "that"
                    || lower[start - 1] == ":"
                    || is_open_quote(text, &toks[start - 1])
                    || is_open_quote(text, &toks[start])
                    || cue_entry.takes_to && infinitive_follows(toks, start))
        });
        if !ok {
            return None;
        }
    }
    let span = match right {
        Some((start, attr_end)) => {
            if attr_end > i + 1 {
                attribution.end = attribution.end.max(toks[attr_end - 1].span.end);
            }
            Span::new(toks[start].span.start, s.span.end)
        }
        None => {
            let start = clause_start(toks, ca.min(i));
            let mut e = left_end.min(ca.min(i));
            while e > start && (lower[e - 1] == "," || lower[e - 1] == "—") {
                e -= 1;
            }
            if e > start {
                let left = sp(toks, start, e);
                // "“…,” he said, “…”": the quotation goes on after.
                let mut after = cb.max(i + 1);
                while after < n
                    && (!toks[after].word)
                    && lower[after] != "\""
                    && !is_open_quote(text, &toks[after])
                {
                    after += 1;
                }
                if after < n && is_open_quote(text, &toks[after]) && after > i {
                    Span::new(left.start, s.span.end)
                } else {
                    left
                }
            } else if let Some(q) = (i + 1..n.min(i + 8)).find(|&q| is_open_quote(text, &toks[q])) {
                // "He said, and I quote, “…”".
                Span::new(toks[q].span.start, s.span.end)
            } else {
                following_quote(text, sents, si).or_else(|| split_before(text, sents, si, i))?
            }
        }
    };
    if let Some(v) = &fronted_via {
        attribution.start = attribution.start.min(v.span.start);
    }
    let claims = vec![Claim {
        claimant: Some(party),
        via: fronted_via.into_iter().collect(),
        cue,
        group,
        stance: stance_of(group),
        hedged: false,
        span,
        sentence: si,
        attribution,
    }];
    Some(claims)
}

/// "X quoted Y as saying" with the participle at `i`: the quoting verb's
/// index and the quoted person's tokens.
fn quoted_as(toks: &[Tok], lex: &Lexicon, i: usize) -> Option<(usize, usize, usize)> {
    if i < 3 || toks[i - 1].lower != "as" {
        return None;
    }
    let q = (i.saturating_sub(10)..i - 2).rev().find(|&q| {
        matches!(
            toks[q].lower.as_str(),
            "quoted" | "quotes" | "quoting" | "quote" | "cited" | "cites" | "citing"
        )
    })?;
    let (a, b) = np_after(toks, q + 1)?;
    (b == i - 1 && lex.verb(&toks[a].lower).is_none()).then_some((q, a, b))
}

/// Where a time phrase ending before token `k` ("on Tuesday", "on June 18")
/// starts, when a word comes before it; else `k`.
fn skip_time_phrase(toks: &[Tok], k: usize) -> usize {
    let mut j = k;
    while j > 0
        && toks[j - 1].word
        && (time_word(&toks[j - 1].lower) || toks[j - 1].lower.chars().all(|c| c.is_ascii_digit()))
    {
        j -= 1;
    }
    if j < k && j > 1 && matches!(toks[j - 1].lower.as_str(), "on" | "in" | "late" | "early") {
        j - 1
    } else {
        k
    }
}

/// "to build …" or "the talks to fail": a "to"-infinitive at `start` or
/// after a short object, with no punctuation between.
fn infinitive_follows(toks: &[Tok], start: usize) -> bool {
    let n = toks.len();
    (start..n.min(start + 8))
        .take_while(|&j| toks[j].word)
        .find(|&j| toks[j].lower == "to")
        .is_some_and(|j| {
            j + 1 < n
                && toks[j + 1].word
                && !toks[j + 1].cap
                && !determiner(&toks[j + 1].lower)
                && !time_word(&toks[j + 1].lower)
        })
}

/// Verbs that put their subject after them ("…, said the ministry").
fn inverts(lex: &Lexicon, form: &str) -> bool {
    lex.verb(form).is_some_and(|v| {
        matches!(
            v.lemma.as_str(),
            "say"
                | "add"
                | "write"
                | "report"
                | "announce"
                | "state"
                | "claim"
                | "explain"
                | "confirm"
                | "insist"
                | "note"
                | "declare"
                | "post"
                | "tweet"
                | "affirm"
        )
    })
}

fn stance_of(g: Group) -> Stance {
    if g == Group::Deny {
        Stance::Denies
    } else {
        Stance::Asserts
    }
}

/// "said that A and that B": two claims.
fn split_and_that(text: &str, claims: &mut Vec<Claim>) {
    let Some(c) = claims.last().cloned() else {
        return;
    };
    let Some(body) = text.get(c.span.start..c.span.end) else {
        return;
    };
    if let Some(pos) = body.find(" and that ") {
        let first = Span::new(c.span.start, c.span.start + pos);
        let second = Span::new(c.span.start + pos + " and that ".len(), c.span.end);
        if let Some(last) = claims.last_mut() {
            last.span = first;
        }
        let mut two = c;
        two.span = second;
        claims.push(two);
    }
}

/// "“…,” / said the minister." split into two sentences: a sentence that
/// starts with a lower-case inverted cue says the sentence before, when
/// that one ends in a comma or a closing quotation mark.
fn split_before(text: &str, sents: &[Sent], si: usize, i: usize) -> Option<Span> {
    let s = &sents[si];
    if i != 0 || s.toks.first()?.cap || si == 0 {
        return None;
    }
    let prev = &sents[si - 1];
    let last = prev.toks.last()?;
    (last.lower == "," || is_close_quote(text, last)).then_some(prev.span)
}

/// A quotation that starts the next sentence or paragraph (after "said:").
fn following_quote(text: &str, sents: &[Sent], si: usize) -> Option<Span> {
    let s = &sents[si];
    let last = s.toks.last()?;
    if last.lower != ":" {
        return None;
    }
    let next = sents.get(si + 1)?;
    let first = next.toks.first()?;
    if is_open_quote(text, first) || next.block == s.block {
        Some(next.span)
    } else {
        None
    }
}

/// Where a statement after the cue at `i` starts, and where the material
/// between cue and statement ends (both token indices); `None` when nothing
/// but complements follows.
fn right_content(text: &str, lex: &Lexicon, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
    let n = toks.len();
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    // "said on Thursday that …": the first "that" before a comma.
    for j in i + 1..n.min(i + 14) {
        if lower[j] == "that" && j + 1 < n {
            return Some((j + 1, j + 1));
        }
        if !toks[j].word && lower[j] != "'" {
            break;
        }
    }
    let mut k = i + 1;
    // "told Reuters", "told the Associated Press by phone".
    if lower[i] == "told" || lower[i] == "tells" || lower[i] == "telling" || lower[i] == "tell" {
        if k < n
            && matches!(
                lower[k],
                "me" | "us" | "him" | "her" | "them" | "reporters" | "journalists" | "you"
            )
        {
            k += 1;
        } else {
            if k < n && determiner(lower[k]) {
                k += 1;
            }
            while k < n
                && toks[k].word
                && (toks[k].cap
                    || matches!(
                        lower[k],
                        "news"
                            | "agency"
                            | "radio"
                            | "television"
                            | "media"
                            | "outlet"
                            | "newspaper"
                            | "daily"
                            | "local"
                            | "state"
                    ))
            {
                k += 1;
            }
        }
        while k + 1 < n
            && lower[k] == "by"
            && matches!(lower[k + 1], "phone" | "telephone" | "text" | "email")
        {
            k += 2;
        }
    }
    while k < n
        && matches!(
            lower[k],
            "however" | "also" | "moreover" | "again" | "further"
        )
    {
        k += 1;
    }
    if k < n && lower[k] == ":" {
        return (k + 1 < n).then_some((k + 1, k + 1));
    }
    if k < n && is_open_quote(text, &toks[k]) {
        return Some((k, k));
    }
    // Complements up to a comma or the end: nothing is said here.
    let mut j = k;
    while j < n && toks[j].word && (complement_start(lower[j]) || time_word(lower[j]) || j > k) {
        if j >= k + 10 {
            break;
        }
        j += 1;
    }
    if k >= n || !toks[k].word {
        // "X said." / "X said, …" (the statement is before).
        if k < n && lower[k] == "," && k + 1 < n && is_open_quote(text, &toks[k + 1]) {
            return None;
        }
        return None;
    }
    let at_least = lower[k] == "at" && k + 1 < n && matches!(lower[k + 1], "least" | "most");
    // "announced today it would …", "said Monday the army had …": the
    // statement starts after the day when a subject follows it.
    if time_word(lower[k]) {
        let mut m = k;
        while m < n && (time_word(lower[m]) || matches!(lower[m], "last" | "this" | "next")) {
            m += 1;
        }
        let subject = m + 1 < n
            && toks[m].word
            && toks[m + 1].word
            && (matches!(lower[m], "it" | "he" | "she" | "they" | "we" | "the")
                || (toks[m].cap && !time_word(lower[m])));
        if subject {
            return Some((m, m));
        }
    }
    if (complement_start(lower[k]) || time_word(lower[k])) && !at_least {
        // Look for the end of a short complement ("on Telegram", "late on Monday").
        let mut m = k;
        while m < n && m < k + 7 {
            if !toks[m].word {
                let c = lower[m];
                if c == "," || c == "." || c == "!" || c == "?" || is_close_quote(text, &toks[m]) {
                    return None;
                }
                if c == ":" || is_open_quote(text, &toks[m]) {
                    return (m + 1 < n).then_some((m + 1, m + 1));
                }
            }
            m += 1;
        }
        if m >= n {
            return None;
        }
        let _ = lex;
        return Some((k, k));
    }
    let _ = j;
    Some((k, k))
}

/// A noun phrase read backwards from token `end` (exclusive).
fn np_before(toks: &[Tok], end: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let mut j = end;
    while j > 0 {
        let t = j - 1;
        if !toks[t].np {
            break;
        }
        if !toks[t].word {
            j -= 1;
            continue;
        }
        let w = lower[t];
        if w == "who" && j < end && t > 0 {
            // "residents who fled told": the phrase before the relative clause.
            return np_before(toks, t, lex);
        }
        let phrase = lex
            .phrase_at(&lower[t..end], Kind::Channel)
            .or_else(|| lex.phrase_at(&lower[t..end], Kind::Cite));
        if let Some((len, _)) = phrase {
            if lex.phrase_at(&lower[t..end], Kind::Cite).is_some() && t > 0 {
                // "Tass citing the FSB reported": the reporter is before.
                return np_before(toks, t, lex);
            }
            j = (t + len).min(end);
            break;
        }
        if w == "on" && t > 0 && toks[t - 1].cap && t + 1 < end && toks[t + 1].cap {
            // "Commission on Human Rights".
            j -= 1;
            continue;
        }
        if w == "on" && t > 0 && toks[t - 1].cap && t + 1 < end && toks[t + 1].cap {
            // "Commission on Human Rights".
            j -= 1;
            continue;
        }
        if w == "in" || w == "of" || w == "for" || w == "and" || w == "from" || w == "at" {
            // Inside a name: "the ministry in Moscow", "spokesman for the army",
            // "a statement from the army".
            let next_ok = t + 1 < end
                && (toks[t + 1].cap || determiner(lower[t + 1]) || w == "of" || w == "for");
            let prev_ok = t > 0
                && toks[t - 1].word
                && !np_boundary(lower[t - 1])
                && lex.verb(lower[t - 1]).is_none();
            let from_ok = w != "from" || (t > 0 && lex.noun(lower[t - 1]).is_some());
            let at_ok = w != "at" || (t > 0 && role_word(lower[t - 1]));
            let and_ok = w != "and"
                || (t > 0
                    && toks[t - 1].cap
                    && t + 1 < end
                    && (toks[t + 1].cap || determiner(lower[t + 1])));
            if next_ok && prev_ok && from_ok && at_ok && and_ok {
                j -= 1;
                continue;
            }
            break;
        }
        if np_boundary(w) || (lex.verb(w).is_some() && !toks[t].cap) {
            break;
        }
        if end - t > 12 {
            return None;
        }
        j -= 1;
    }
    // "no injuries or damage reported": part of a coordination, no subject.
    if j > 0 && matches!(lower[j - 1], "or" | "nor" | "no" | "any") {
        return None;
    }
    // Leading time words and adverbs are not the subject: "On Monday the army".
    while j < end && (time_word(lower[j]) && !toks[j].cap || skippable(lower[j])) {
        j += 1;
    }
    while j < end && toks[j].cap && time_word(lower[j]) && j + 1 < end {
        j += 1;
    }
    // A sentence-initial adverb or conjunction: "Separately, …" is cut by the comma.
    (j < end).then_some((j, end))
}

/// A subject that follows a channel phrase ("opposite the broadcaster Radio
/// Sokol commander Pavel Orlov"): the outlet comes first, the claimant after
/// a role word or after the outlet's one-word name.
fn split_fronted_channel(
    text: &str,
    lex: &Lexicon,
    toks: &[Tok],
    a: usize,
    b: usize,
) -> (usize, usize, Option<Party>) {
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let fronted = (a.saturating_sub(3)..a).any(|t| {
        lex.phrase_at(&lower[t..b], Kind::Channel)
            .is_some_and(|(len, _)| t + len == a)
    });
    if !fronted || b - a < 2 {
        return (a, b, None);
    }
    let split = (a + 1..b)
        .find(|&r| {
            !toks[r].cap
                && role_word(lower[r])
                && r + 1 < b
                && toks[r + 1].cap
                && toks[a..r].iter().any(|t| t.cap)
        })
        .or_else(|| {
            let first_cap = (a..b).find(|&r| toks[r].cap)?;
            (first_cap + 1 < b && toks[first_cap + 1].cap).then_some(first_cap + 1)
        });
    match split {
        Some(r) => {
            let via = Party {
                span: sp(toks, a, r),
                name: clean_name(text, toks, a, r),
            };
            (r, b, Some(via))
        }
        None => (a, b, None),
    }
}

/// `NAME, ROLE, said`: the subject before an appositive; `k` is the comma
/// before the cue. Returns the subject and where the statement before ends.
fn appositive_before(toks: &[Tok], k: usize, lex: &Lexicon) -> Option<(usize, usize, usize, bool)> {
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let comma2 = k - 1; // the comma right before the cue
                        // The appositive: back to the previous comma.
    let mut j = comma2;
    while j > 0 && toks[j - 1].np && comma2 - j < 14 {
        j -= 1;
    }
    if j == comma2 {
        return None;
    }
    if let Some(p) =
        (j + 1..comma2).find(|&p| lex.phrase_at(&lower[p..comma2], Kind::Cite).is_some())
    {
        // "The agency Tass citing the FSB, reported": the reporter.
        return Some((j, p, j, true));
    }
    let second = (j, comma2);
    let relative = lower[j..comma2]
        .iter()
        .any(|w| matches!(*w, "who" | "which" | "whose" | "whom"))
        || lex.phrase_at(&lower[j..comma2], Kind::Cite).is_some()
        || lex.phrase_at(&lower[j..comma2], Kind::Channel).is_some();
    if j == 0 || lower[j - 1] != "," {
        // No first comma: "…, a police officer said" has no appositive.
        return (!relative).then_some((second.0, second.1, second.0, false));
    }
    let comma1 = j - 1;
    let mut h = comma1;
    while h > 0 && toks[h - 1].np && comma1 - h < 12 {
        h -= 1;
    }
    let first = (h, comma1);
    let proper = |(a, b): (usize, usize)| {
        a < b
            && !determiner(lower[a])
            && toks[a..b]
                .iter()
                .all(|t| t.cap || t.lower.ends_with("'s") || !t.word)
    };
    // "JNIM, affiliated to al-Qaeda, claimed": a modifier, not a subject.
    let modifier =
        !toks[second.0].cap && !determiner(lower[second.0]) && !role_word(lower[second.0]);
    if relative || modifier || (proper(first) && !proper(second)) && first.0 < first.1 {
        // "Alexei Roe, the governor, said": the name before.
        let a = first.0;
        let before = if a > 0 { a } else { 0 };
        return (first.0 < first.1).then_some((first.0, first.1, before, relative || modifier));
    }
    if proper(second) {
        // "…," a spokesman, Colonel Jan Roe, said.
        return Some((second.0, second.1, first.0, false));
    }
    Some((second.0, second.1, second.0, false))
}

/// A noun phrase after an inverted cue (`said the ministry`), ending the
/// sentence or followed by an appositive.
fn np_after_inverted(toks: &[Tok], from: usize) -> Option<(usize, usize)> {
    let n = toks.len();
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let mut a = from;
    // "announced Monday in a memo": a day is no claimant, even capitalised.
    while a < n && time_word(lower[a]) {
        a += 1;
    }
    if a >= n || !toks[a].word {
        return None;
    }
    if !(toks[a].cap
        || determiner(lower[a])
        || role_word(lower[a])
        || matches!(lower[a], "he" | "she" | "they" | "it"))
    {
        return None;
    }
    if lower[a] == "that" {
        return None;
    }
    let (a, b) = np_after(toks, a)?;
    // What follows the phrase: the end, a comma and more, or a complement.
    let rest_ok = b >= n
        || matches!(lower[b], "," | "." | "!" | "?" | ";" | "(" | "—")
        || (is_quote_tok(&toks[b]) && b + 1 >= n)
        || complement_start(lower[b])
        || time_word(lower[b]);
    rest_ok.then_some((a, b))
}

fn is_quote_tok(t: &Tok) -> bool {
    !t.word && t.lower.chars().next().is_some_and(is_quote)
}

/// A noun phrase read forwards from `from`: determiners, names, nouns,
/// "of"/"for"; stops at prepositions, verbs and punctuation.
fn np_after(toks: &[Tok], from: usize) -> Option<(usize, usize)> {
    let n = toks.len();
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let mut j = from;
    while j < n && toks[j].word {
        let w = lower[j];
        if j > from && (w == "of" || w == "for") {
            if j + 1 < n && toks[j + 1].word && !np_boundary(lower[j + 1]) {
                j += 1;
                continue;
            }
            break;
        }
        if j > from && w == "and" && toks[j - 1].cap && j + 1 < n && toks[j + 1].cap {
            j += 1;
            continue;
        }
        // "the vice president and chairman of the bank": one person's roles.
        if j > from && w == "and" && role_word(lower[j - 1]) && j + 1 < n && role_word(lower[j + 1])
        {
            j += 1;
            continue;
        }
        if j > from
            && w == "in"
            && matches!(
                lower[j - 1],
                "source" | "sources" | "officials" | "official" | "members"
            )
        {
            j += 1;
            continue;
        }
        if np_boundary(w)
            || complement_start(w) && !toks[j].cap
            || (time_word(w) && j > from)
            || w == "said"
            || w == "and"
        {
            break;
        }
        if j - from >= 10 {
            break;
        }
        j += 1;
    }
    (j > from).then_some((from, j))
}

/// The subject at the start of a sentence, for a participle with no claim
/// before it ("The army issued a statement, saying …").
fn subject_at_start(toks: &[Tok]) -> Option<(usize, usize)> {
    let n = toks.len();
    let mut j = 0;
    if n > 0
        && matches!(
            toks[0].lower.as_str(),
            "in" | "on"
                | "at"
                | "after"
                | "during"
                | "earlier"
                | "later"
                | "meanwhile"
                | "separately"
        )
    {
        j = (0..n.min(8)).find(|&c| toks[c].lower == ",")? + 1;
    }
    let from = j;
    while j < n && toks[j].word {
        let w = toks[j].lower.as_str();
        let verbish = !toks[j].cap
            && !determiner(w)
            && !w.contains('-')
            && (w.ends_with("ed")
                || matches!(
                    w,
                    "has"
                        | "have"
                        | "had"
                        | "is"
                        | "was"
                        | "issued"
                        | "released"
                        | "posted"
                        | "published"
                ));
        if verbish || np_boundary(w) {
            break;
        }
        j += 1;
        if j > 8 {
            return None;
        }
    }
    (j > from && toks[from..j].iter().any(|t| t.cap)).then_some((from, j))
}

/// `the Legion's statement` → `the Legion`; `a statement from the army` →
/// `the army`.
fn owner_of_nominal(toks: &[Tok], lex: &Lexicon, a: usize, b: usize) -> (usize, usize) {
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    for h in a..b {
        if lex.noun(lower[h]).is_none() {
            continue;
        }
        // Possessor right before (maybe with adjectives between).
        if let Some(p) = (a..h).rev().find(|&p| lower[p].ends_with("'s")) {
            return (a, p + 1);
        }
        // "from/by/of X" after.
        if h + 2 <= b && matches!(lower[h + 1], "from" | "by" | "of") && h + 2 < b {
            return (h + 2, b);
        }
    }
    (a, b)
}

/// The name of a party: determiners, roles and possessors dropped.
fn clean_name(text: &str, toks: &[Tok], a: usize, b: usize) -> String {
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let mut a = a;
    let mut b = b;
    // "Inter-Services Public Relations (ISPR)" → without the acronym.
    if b > a + 1 && lower[b - 1] == ")" {
        if let Some(open) = (a + 1..b).rev().find(|&p| lower[p] == "(") {
            b = open;
        }
    }
    // "a spokesman for Ukrainian military intelligence" → the organisation.
    if let Some(p) = (a..b).find(|&p| {
        matches!(lower[p], "for" | "of" | "in")
            && p > a
            && (role_word(lower[p - 1])
                || matches!(
                    lower[p - 1],
                    "source" | "sources" | "members" | "officials" | "spokesmen"
                ))
            && p + 1 < b
    }) {
        if !(lower[p] == "in" && !toks[p + 1].cap && !determiner(lower[p + 1])) {
            a = p + 1;
        }
    }
    while a < b
        && (determiner(lower[a]) && lower[a] != "new"
            || matches!(lower[a], "many" | "some" | "most" | "one" | "of"))
        && b - a > 1
    {
        a += 1;
    }
    // "police captain Jan Roe", "the group al-Shabaab": the trailing name.
    let run_start = (a..b)
        .rev()
        .take_while(|&p| toks[p].cap || lower[p].starts_with("al-"))
        .last();
    if let Some(r) = run_start.filter(|&r| r > a) {
        let descriptor = role_word(lower[r - 1])
            || !(np_boundary(lower[r - 1])
                || matches!(lower[r - 1], "of" | "for" | "in" | "and" | "'s"));
        if r > a
            && descriptor
            && !determiner(lower[r - 1])
            && !toks[r - 1].cap
            && !lower[r - 1].ends_with("'s")
        {
            a = r;
        }
    }
    // "Ukraine's General Staff" → "General Staff" (the text keeps the possessor).
    if b - a > 1 && lower[a].ends_with("'s") && toks[a + 1..b].iter().any(|t| t.cap) {
        a += 1;
    }
    // "Russian President Jan Roe", "Colonel Jan Roe" → "Jan Roe".
    if let Some(t) = (a..b.saturating_sub(2))
        .rev()
        .find(|&t| title_word(lower[t]))
    {
        if toks[t + 1..b].iter().all(|x| x.cap) {
            a = t + 1;
        }
    }
    // A possessive at the end: "the Legion's" → "Legion".
    let mut name = text[toks[a].span.start..toks[b - 1].span.end].to_string();
    for suffix in ["'s", "\u{2019}s"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped.to_string();
            break;
        }
    }
    let _ = &mut b;
    name
}

/// Titles that precede a person's name.
fn title_word(w: &str) -> bool {
    matches!(
        w,
        "colonel"
            | "col."
            | "general"
            | "gen."
            | "major"
            | "maj."
            | "captain"
            | "capt."
            | "lieutenant"
            | "lt."
            | "sergeant"
            | "sgt."
            | "president"
            | "inspector"
            | "commander"
            | "brigadier"
            | "mr."
            | "mr"
            | "mrs."
            | "ms."
            | "ms"
            | "minister"
            | "governor"
            | "mayor"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "admiral"
            | "marshal"
            | "chief"
    )
}

/// Channels and citations in the sentence, outside the statements: "told
/// Reuters", "citing the FSB", "in a statement carried by Andalus".
fn channels(text: &str, lex: &Lexicon, s: &Sent, claims: &mut Vec<Claim>) {
    // Markers from "according to" after a claim become channels of that claim.
    let mut k = 0;
    while k < claims.len() {
        if claims[k].claimant.is_none() && claims[k].span.start == claims[k].span.end {
            let marker = claims.remove(k);
            if let Some(prev) = claims[..k].last_mut() {
                prev.via.extend(marker.via);
                if prev.span.end > marker.cue.start && prev.span.start < marker.cue.start {
                    prev.span.end = marker.cue.start;
                }
            }
            continue;
        }
        k += 1;
    }
    if claims.is_empty() {
        return;
    }
    let toks = &s.toks;
    let n = toks.len();
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let mut i = 0;
    while i < n {
        let pos = toks[i].span;
        // Only outside the statements (the last claim's statement may hold
        // its own channel when a participle follows).
        let in_statement = claims.iter().any(|c| {
            c.span.start <= pos.start && pos.end <= c.span.end && !c.attribution.contains_span(pos)
        });
        let kind = if in_statement {
            None
        } else if let Some((len, _)) = lex.phrase_at(&lower[i..], Kind::Cite) {
            Some((len, Kind::Cite))
        } else {
            lex.phrase_at(&lower[i..], Kind::Channel)
                .map(|(len, _)| (len, Kind::Channel))
        };
        let Some((len, kind)) = kind else {
            i += 1;
            continue;
        };
        let Some((a, mut b)) = np_after(toks, i + len) else {
            i += len;
            continue;
        };
        if let Some(v) = (a + 1..b).find(|&v| !toks[v].cap && lex.verb(lower[v]).is_some()) {
            b = v;
        }
        let party = Party {
            span: sp(toks, a, b),
            name: clean_name(text, toks, a, b),
        };
        let name_words: Vec<&str> = lower[a..b].to_vec();
        let proper = toks[a..b].iter().any(|t| t.cap)
            || name_words
                .iter()
                .any(|w| matches!(*w, "media" | "outlets" | "television" | "agency"));
        let generic = name_words.iter().all(|w| {
            determiner(w)
                || matches!(
                    *w,
                    "reporters"
                        | "journalists"
                        | "him"
                        | "her"
                        | "them"
                        | "us"
                        | "me"
                        | "media"
                        | "the"
                        | "parliament"
                )
        }) && !name_words.contains(&"media");
        let platform = toks[a..b]
            .iter()
            .any(|t| lex.is_platform(&text[t.span.start..t.span.end]));
        // The claim it belongs to: the nearest attribution.
        let Some(ci) = nearest(claims, pos) else {
            i += len;
            continue;
        };
        match kind {
            Kind::Cite
                if (proper || !generic)
                    && claims[ci]
                        .claimant
                        .as_ref()
                        .is_none_or(|p| p.span != party.span) =>
            {
                let c = &mut claims[ci];
                if let Some(old) = c.claimant.take() {
                    c.via.insert(0, old);
                }
                c.claimant = Some(party);
                c.attribution.end = c.attribution.end.max(toks[b - 1].span.end);
                c.attribution.start = c.attribution.start.min(pos.start);
            }
            Kind::Channel if proper && !generic && !platform => {
                let overlaps = |x: Span| x.start < party.span.end && party.span.start < x.end;
                let taken = claims.iter().any(|c| {
                    c.claimant.as_ref().is_some_and(|p| overlaps(p.span))
                        || c.via.iter().any(|v| overlaps(v.span))
                });
                let c = &mut claims[ci];
                if !taken {
                    c.via.push(party);
                    c.attribution.end = c.attribution.end.max(toks[b - 1].span.end);
                }
            }
            _ => {}
        }
        i = b.max(i + len);
    }
}

trait Contains {
    fn contains_span(&self, other: Span) -> bool;
}

impl Contains for Span {
    fn contains_span(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

fn nearest(claims: &[Claim], pos: Span) -> Option<usize> {
    claims
        .iter()
        .enumerate()
        .min_by_key(|(_, c)| {
            if pos.start >= c.attribution.end {
                pos.start - c.attribution.end
            } else {
                c.attribution.start.saturating_sub(pos.end)
            }
        })
        .map(|(i, _)| i)
}

/// Statements of one sentence must not run over other attributions.
fn untangle(text: &str, claims: &mut [Claim]) {
    let attrs: Vec<Span> = claims.iter().map(|c| c.attribution).collect();
    for c in claims.iter_mut() {
        for (j, a) in attrs.iter().enumerate() {
            if *a == c.attribution || a.start >= c.span.end || a.end <= c.span.start {
                let _ = j;
                continue;
            }
            if c.span.start <= c.attribution.start
                || c.span.start >= c.attribution.end && a.start > c.span.start
            {
                // Statement after its cue: stop before the other attribution.
                if a.start > c.span.start {
                    c.span.end = cut_back(text, c.span.start, a.start);
                } else {
                    c.span.start = a.end.min(c.span.end);
                }
            } else {
                c.span.start = a.end.min(c.span.end);
            }
        }
    }
}

/// Moves an end back over ", as", ", while", " and" and the like.
fn cut_back(text: &str, start: usize, end: usize) -> usize {
    let Some(s) = text.get(start..end) else {
        return end;
    };
    let mut t = s.trim_end();
    for tail in [" as", " while", " and", " but", " whereas", ","] {
        if let Some(x) = t.strip_suffix(tail) {
            t = x.trim_end();
        }
    }
    t = t.trim_end_matches([',', ' ']);
    start + t.len()
}

/// Marks hedged claims: contested cues, hedge words in the sentence, and
/// disclaimers in the sentence or the one after.
fn hedge(text: &str, lex: &Lexicon, sents: &[Sent], claims: &mut [Claim]) {
    let mut hedged_sents = vec![false; sents.len()];
    for (si, s) in sents.iter().enumerate() {
        let lower: Vec<&str> = s.toks.iter().map(|t| t.lower.as_str()).collect();
        for i in 0..lower.len() {
            if lex.phrase_at(&lower[i..], Kind::Hedge).is_some() {
                hedged_sents[si] = true;
            }
            if lex.phrase_at(&lower[i..], Kind::Disclaimer).is_some() {
                hedged_sents[si] = true;
                if si > 0 {
                    hedged_sents[si - 1] = true;
                }
            }
        }
    }
    let _ = text;
    for c in claims.iter_mut() {
        let (lo, hi) = (
            c.span.start.min(c.attribution.start),
            c.span.end.max(c.attribution.end),
        );
        let from = sents.partition_point(|s| s.span.end <= lo);
        let in_hedged = sents[from..]
            .iter()
            .enumerate()
            .take_while(|(_, s)| s.span.start < hi)
            .any(|(k, s)| hedged_sents[from + k] && lo < s.span.end);
        c.hedged = c.group == Group::Claim || in_hedged;
    }
}

/// Gives each claimant its name: an actor's, an antecedent's, or a full
/// name for a surname.
fn resolve(text: &str, lex: &Lexicon, actors: &[ActorHint], claims: &mut [Claim]) {
    claims.sort_by_key(|c| c.attribution.start);
    // (position, name, is person)
    let mut seen: Vec<(usize, String, bool, Vec<Party>, usize)> = Vec::new();
    // The attribution text of each entry of `seen`, lower case.
    let mut seen_attr: Vec<String> = Vec::new();
    #[allow(clippy::needless_range_loop)]
    for k in 0..claims.len() {
        let sentence = claims[k].sentence;
        let Some(party) = claims[k].claimant.clone() else {
            continue;
        };
        let words: Vec<String> = text[party.span.start..party.span.end]
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        let wr: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut name = party.name.clone();
        let mut person = looks_person(&name);
        let mut inherited_via: Option<Vec<Party>> = None;
        let mut statement_noun: Option<String>;
        if let Some(actor) = overlapping_actor(actors, party.span) {
            name = actor.name.clone();
            person = actor.kind == HintKind::Person;
        } else if let Some(ana) = {
            // "said a post on X", "according to the same communiqué": the
            // statement speaks for whoever issued one, else the last group.
            let last = wr.last().map_or("", |w| w.trim_end_matches([',', '.']));
            statement_noun = Some(last.to_string());
            let bare_noun = (2..=3).contains(&wr.len())
                && determiner(wr[0])
                && (wr.len() == 2
                    || matches!(wr[1], "same" | "latest" | "new" | "earlier" | "official"))
                && lex.noun(last).is_some();
            if bare_noun {
                Some(Anaphor::Group)
            } else {
                statement_noun = None;
                pronoun(&wr)
            }
        } {
            let want_person = match &ana {
                Anaphor::Person => Some(true),
                Anaphor::Group => Some(false),
                Anaphor::Named(_, p) => Some(*p),
            };
            let noun = match &ana {
                Anaphor::Named(n, _) => Some(n.as_str()),
                _ => None,
            };
            // Candidates: earlier claimants and actor mentions, latest first.
            let issuer = statement_noun.as_deref().and_then(|n| {
                seen_attr
                    .iter()
                    .rposition(|a| a.contains(n))
                    .map(|k| &seen[k])
            });
            let from_claims = match noun {
                _ if issuer.is_some() => issuer,
                Some(n) => seen
                    .iter()
                    .rev()
                    .take(200)
                    .find(|(_, nm, _, _, _)| nm.to_lowercase().contains(n)),
                None => seen
                    .iter()
                    .rev()
                    .take(200)
                    .find(|(_, _, p, _, _)| Some(*p) == want_person),
            };
            let from_actors = actors
                .iter()
                .filter(|a| a.span.end <= party.span.start)
                .filter(|a| match want_person {
                    Some(true) => a.kind == HintKind::Person,
                    _ => a.kind == HintKind::Group,
                })
                .filter(|a| {
                    noun.is_none_or(|n| {
                        a.nouns.iter().any(|x| x == n) || a.name.to_lowercase().contains(n)
                    })
                })
                .max_by_key(|a| a.span.end);
            match (from_claims, from_actors) {
                (Some(c), Some(a)) if a.span.end > c.0 => name = a.name.clone(),
                (Some(c), _) => {
                    name = c.1.clone();
                    if c.4 + 1 >= sentence {
                        inherited_via = Some(c.3.clone());
                    }
                }
                (None, Some(a)) => name = a.name.clone(),
                (None, None) => {
                    // "the party" → "Serbian Progressive Party" named before.
                    if let Some(full) =
                        noun.and_then(|n| phrase_ending_before(text, n, party.span.start))
                    {
                        name = full;
                    }
                }
            }
            person = want_person == Some(true);
        } else if let Some(full) = name
            .rsplit(' ')
            .next()
            .filter(|last| {
                name.contains(' ') && last.chars().next().is_some_and(char::is_uppercase)
            })
            .and_then(|last| {
                seen.iter()
                    .rev()
                    .find(|(_, nm, p, _, _)| *p && *nm != name && nm.ends_with(&format!(" {last}")))
            })
        {
            // "Colonel Roe" after "Colonel Jan Roe".
            name = full.1.clone();
            person = true;
        } else if !name.contains(' ') && name.chars().next().is_some_and(char::is_uppercase) {
            // A surname: the full name said before.
            if let Some(full) = seen
                .iter()
                .rev()
                .find(|(_, nm, p, _, _)| *p && nm.ends_with(&format!(" {name}")))
            {
                name = full.1.clone();
                person = true;
            } else if let Some(full) = full_name_before(text, &name, party.span.start) {
                name = full;
                person = true;
            }
        }
        let c = &mut claims[k];
        if let Some(v) = inherited_via {
            if c.via.is_empty() {
                c.via = v;
            }
        }
        if let Some(p) = c.claimant.as_mut() {
            p.name = name.clone();
        }
        for v in c.via.iter_mut() {
            if let Some(actor) = overlapping_actor(actors, v.span) {
                v.name = actor.name.clone();
            }
        }
        seen.push((party.span.end, name, person, c.via.clone(), sentence));
        seen_attr.push(
            text.get(c.attribution.start..c.span.start.max(c.attribution.end).min(text.len()))
                .unwrap_or("")
                .to_lowercase(),
        );
    }
}

/// The fullest earlier mention of a surname in the text: "Alexei Roe"
/// for "Roe" (one or two capitalised words right before it).
fn full_name_before(text: &str, surname: &str, before: usize) -> Option<String> {
    let head = window_before(text, before)?;
    let mut best: Option<String> = None;
    for (at, _) in head.match_indices(surname) {
        let after_ok = head[at + surname.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if !after_ok {
            continue;
        }
        let prefix = &head[..at];
        if !prefix.ends_with(' ') {
            continue;
        }
        let words: Vec<&str> = prefix.split(' ').rev().skip(1).take(2).collect();
        let mut given = Vec::new();
        for w in words {
            let cap = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(char::is_alphabetic);
            if !cap || org_word(&w.to_lowercase()) || time_word(&w.to_lowercase()) {
                break;
            }
            given.push(w);
        }
        if !given.is_empty() {
            given.reverse();
            let full = format!("{} {surname}", given.join(" "));
            if best.as_ref().is_none_or(|b| full.len() > b.len()) {
                best = Some(full);
            }
        }
    }
    best
}

/// The last capitalised name ending in `noun` ("Arakan Army" for "army")
/// before `before`, with at least one word before the noun.
fn phrase_ending_before(text: &str, noun: &str, before: usize) -> Option<String> {
    let head = window_before(text, before)?;
    let mut cap_noun = String::new();
    let mut chars = noun.chars();
    cap_noun.extend(chars.next()?.to_uppercase());
    cap_noun.push_str(chars.as_str());
    for (at, _) in head.rmatch_indices(&cap_noun) {
        let after_ok = head[at + cap_noun.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if !after_ok || !head[..at].ends_with(' ') {
            continue;
        }
        let words: Vec<&str> = head[..at].split(' ').rev().skip(1).take(4).collect();
        let mut given = Vec::new();
        for w in words {
            let cap = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-');
            if !cap {
                break;
            }
            given.push(w);
        }
        if !given.is_empty() {
            given.reverse();
            return Some(format!("{} {cap_noun}", given.join(" ")));
        }
    }
    None
}

/// The text before `before`, at most 20 kB of it (names are looked up near
/// where they are used, so that long documents stay linear).
fn window_before(text: &str, before: usize) -> Option<&str> {
    let mut start = before.saturating_sub(20_000);
    while start < before && !text.is_char_boundary(start) {
        start += 1;
    }
    text.get(start..before)
}

fn overlapping_actor(actors: &[ActorHint], span: Span) -> Option<&ActorHint> {
    actors
        .iter()
        .filter(|a| a.span.start < span.end && span.start < a.span.end)
        .max_by_key(|a| a.span.end.min(span.end) - a.span.start.max(span.start))
}

/// Whether a cleaned name looks like a person's: two to four capitalised
/// words, none of an organisation.
fn looks_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let titled = words.first().is_some_and(|w| {
        matches!(
            *w,
            "Colonel"
                | "General"
                | "President"
                | "Minister"
                | "Mr"
                | "Mr."
                | "Ms"
                | "Ms."
                | "Dr"
                | "Dr."
                | "Captain"
                | "Major"
                | "Lt"
                | "Gen."
                | "Col."
                | "Sgt"
                | "Governor"
                | "Mayor"
                | "Commander"
        )
    });
    let caps = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let org = words.iter().any(|w| org_word(&w.to_lowercase()));
    !org && caps && (titled || (2..=4).contains(&words.len()))
}

#[cfg(test)]
mod tests;
