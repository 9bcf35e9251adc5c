//! Recognition of actor mentions in one article and their coreference.
//!
//! 1. The sentences to read are turned into a *key*: each token's folded
//!    form (quotes left out) followed by one space, a newline after each
//!    sentence. Registry aliases, folded the same way, are looked up in a
//!    hash table: at each token that starts some alias, the runs of tokens
//!    from it (longest first, within the sentence, no longer than the
//!    longest alias starting with that word); a run counts only when the
//!    case of the text fits (acronyms in capitals, names with a capital).
//!    Overlaps go to the longest match.
//! 2. Patterns find what the registry does not know: people (two to four
//!    capitalised words with a title or role before them, a speech verb or
//!    an apposition after them) and organisations (capitalised phrases
//!    headed by "Legion", "Brigade", "Ministry", "Committee" …).
//! 3. Resolution, in text order: state-relative forms ("the army",
//!    "police", "civilians") take the article's country; descriptions
//!    ("the militants", "gunmen") and anaphors ("the Legion", "the group",
//!    "she") the last fitting actor; surname repeats their person.

use crate::registry::{fold_word, is_quote, Case, FastMap, Kind, Registry, Rel, Target};
use sitrep_text::segment::{Token, TokenKind};
use sitrep_text::{Normalized, Span};
use std::ops::Range;

/// A recognised place, so that place names are not taken for actors and
/// the article's country can be told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceHint {
    /// Where the place is mentioned.
    pub span: Span,
    /// Its country (ISO alpha-2), when known.
    pub country: Option<String>,
}

/// What recognition reads: the article's text, tokens and folded view, the
/// sentences to read (as token ranges, in text order) and the places found.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The article text; every span indexes it.
    pub text: &'a str,
    /// All tokens of the text.
    pub tokens: &'a [Token],
    /// The folded view of `text`.
    pub normalized: &'a Normalized,
    /// Token ranges of the sentences to read (body text), in text order.
    pub sentences: &'a [Range<usize>],
    /// Places recognised in the text.
    pub places: &'a [PlaceHint],
}

/// One actor mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The mention's bytes in the text.
    pub span: Span,
    /// The actor it refers to: the same number for every mention of one
    /// actor in the article (numbered from 1 in order of first mention).
    pub entity: usize,
    /// The actor's canonical name.
    pub name: String,
    /// What kind of actor.
    pub kind: Kind,
    /// ACLED category, when known.
    pub category: Option<String>,
    /// ISO alpha-2 country, when known.
    pub country: Option<String>,
    /// For people and spokespeople: the role the text gives ("Governor",
    /// "militia member", "spokesperson").
    pub role: Option<String>,
    /// For people: the canonical name of the actor they speak or act for.
    pub affiliation: Option<String>,
}

/// One token of the sentences read.
#[derive(Clone, Copy, Debug)]
struct Tok {
    span: Span,
    key: (usize, usize),
    sentence: usize,
    word: bool,
    capital: bool,
    upper: bool,
}

/// What a raw mention stands for before resolution.
#[derive(Clone, Debug)]
enum Raw {
    Target(Target),
    Person {
        name: String,
        role: Option<String>,
    },
    Org {
        name: String,
        kind: Kind,
        country: Option<String>,
    },
    Surname(usize),
}

#[derive(Clone, Debug)]
struct Cand {
    toks: (usize, usize),
    raw: Raw,
}

/// An actor resolved in the article.
#[derive(Clone, Debug)]
struct Actor {
    name: String,
    kind: Kind,
    category: Option<String>,
    country: Option<String>,
    affiliation: Option<String>,
}

/// Finds the actor mentions of an article, in text order.
pub fn recognize(reg: &Registry, input: &Input<'_>) -> Vec<Mention> {
    let (toks, key) = build_key(input);
    if toks.is_empty() {
        return Vec::new();
    }
    let mut cands = registry_matches(reg, input, &toks, &key);
    cands.retain(|c| !characterized(reg, &key, &toks, c.toks));
    let mut covered = vec![false; toks.len()];
    for c in &cands {
        covered[c.toks.0..c.toks.1]
            .iter_mut()
            .for_each(|x| *x = true);
    }
    for p in input.places {
        let mut k = toks.partition_point(|t| t.span.end <= p.span.start);
        while k < toks.len() && toks[k].span.start < p.span.end {
            covered[k] = true;
            k += 1;
        }
    }
    let people = people(reg, input, &key, &toks, &covered);
    for c in &people {
        covered[c.toks.0..c.toks.1]
            .iter_mut()
            .for_each(|x| *x = true);
    }
    // Organisation names may hold generic words ("Zamfara State Police
    // Command"): generic matches do not block them, and give way to them.
    let mut org_covered = vec![false; toks.len()];
    for c in &cands {
        if matches!(c.raw, Raw::Target(Target::Entry(_))) {
            org_covered[c.toks.0..c.toks.1]
                .iter_mut()
                .for_each(|x| *x = true);
        }
    }
    for p in &people {
        org_covered[p.toks.0..p.toks.1]
            .iter_mut()
            .for_each(|x| *x = true);
    }
    let orgs = organisations(reg, input, &key, &toks, &org_covered);
    // An organisation name that is just a generic form ("Interior
    // Ministry") stays generic, resolved to the article's country.
    let orgs: Vec<Cand> = orgs
        .into_iter()
        .filter(|o| !cands.iter().any(|c| c.toks == o.toks))
        .collect();
    cands.retain(|c| {
        !orgs
            .iter()
            .any(|o| o.toks.0 < c.toks.1 && c.toks.0 < o.toks.1)
    });
    for c in &orgs {
        covered[c.toks.0..c.toks.1]
            .iter_mut()
            .for_each(|x| *x = true);
    }
    cands.extend(people);
    cands.extend(orgs);
    cands.sort_by_key(|c| c.toks.0);
    surnames(input, &toks, &covered, &mut cands);
    resolve(reg, input, &key, &toks, cands)
}

fn build_key(input: &Input<'_>) -> (Vec<Tok>, String) {
    let mut toks = Vec::with_capacity(input.tokens.len());
    let mut key = String::with_capacity(input.text.len() + input.text.len() / 4);
    let norm = input.normalized.as_str();
    // One identity segment (ASCII text, whatever its case): offsets agree.
    let identity =
        input.normalized.alignment_segments() == 1 && input.normalized.original_len() == norm.len();
    for (si, range) in input.sentences.iter().enumerate() {
        let Some(sentence) = input.tokens.get(range.clone()) else {
            continue;
        };
        for t in sentence {
            let Some(raw) = input.text.get(t.span.range()) else {
                continue;
            };
            if t.kind == TokenKind::Punct && raw.len() <= 3 && is_quote(raw) {
                continue;
            }
            let f = if identity {
                t.span
            } else {
                input.normalized.from_original(t.span)
            };
            let Some(folded) = norm.get(f.range()) else {
                continue;
            };
            if folded.is_empty() || folded.bytes().any(|b| b == b' ' || b == b'\n') {
                continue;
            }
            let start = key.len();
            key.push_str(folded);
            let end = key.len();
            key.push(' ');
            let (capital, upper) = letter_case(raw);
            toks.push(Tok {
                span: t.span,
                key: (start, end),
                sentence: si,
                word: t.kind == TokenKind::Word,
                capital,
                upper,
            });
        }
        key.push('\n');
    }
    (toks, key)
}

/// Whether the first letter of `raw` is a capital, and whether all its
/// letters are (one pass; ASCII without decoding).
fn letter_case(raw: &str) -> (bool, bool) {
    let bytes = raw.as_bytes();
    if bytes.is_ascii() {
        let Some(&first) = bytes.iter().find(|b| b.is_ascii_alphabetic()) else {
            return (false, false);
        };
        let up = first.is_ascii_uppercase();
        return (up, up && !bytes.iter().any(u8::is_ascii_lowercase));
    }
    let mut first: Option<bool> = None;
    let mut all = true;
    for c in raw.chars().filter(|c| c.is_alphabetic()) {
        let up = c.is_uppercase();
        first.get_or_insert(up);
        all &= up;
    }
    (first == Some(true), first.is_some() && all)
}

fn case_fits(case: Case, t: &Tok) -> bool {
    match case {
        Case::Any => true,
        Case::Capital => t.capital,
        Case::Upper => t.upper,
    }
}

fn registry_matches(reg: &Registry, input: &Input<'_>, toks: &[Tok], key: &str) -> Vec<Cand> {
    let mut found: Vec<Cand> = Vec::new();
    // At each token that can start an alias, the longest run of tokens
    // (within the sentence) whose key text is an alias and that fits (case,
    // place) is taken; shorter runs are tried when a longer one does not fit.
    for (first, t) in toks.iter().enumerate() {
        let max = key
            .get(t.key.0..t.key.1)
            .map_or(0, |w| reg.first_words.max_tokens(w));
        if max == 0 {
            continue;
        }
        let mut last = first;
        while last + 1 < toks.len()
            && last + 1 - first < max
            && toks[last + 1].sentence == t.sentence
        {
            last += 1;
        }
        loop {
            let found_here = key
                .get(t.key.0..toks[last].key.1)
                .and_then(|k| reg.patterns.get(k))
                .and_then(|&p| fitting(reg, input, toks, first, last, p as usize));
            if let Some(c) = found_here {
                found.push(c);
                break;
            }
            if last == first {
                break;
            }
            last -= 1;
        }
    }
    // Longest first, then leftmost; keep non-overlapping.
    found.sort_by_key(|c| (std::cmp::Reverse(c.toks.1 - c.toks.0), c.toks.0));
    let mut taken = vec![false; toks.len()];
    let mut out = Vec::new();
    for c in found {
        if taken[c.toks.0..c.toks.1].iter().any(|&x| x) {
            continue;
        }
        taken[c.toks.0..c.toks.1].iter_mut().for_each(|x| *x = true);
        out.push(c);
    }
    out.sort_by_key(|c| c.toks.0);
    out
}

/// Nouns of characterization (`data/characterizations.tsv`).
fn characterization_nouns() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../data/characterizations.tsv")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether the match over tokens `[a, b)` is a demonym phrase ("the
/// Ukrainian military": a country word and lower-case words) standing as the
/// complement of a noun of characterization ("puppets of the Ukrainian
/// military"): it says whom someone is said to serve, and is no mention of
/// a force taking part. Names ("the US secret service CIA") are kept.
fn characterized(reg: &Registry, key: &str, toks: &[Tok], (a, b): (usize, usize)) -> bool {
    if b <= a + 1 || !reg.country_words.contains_key(fw(key, toks, a)) {
        return false;
    }
    if toks[a + 1..b].iter().any(|t| t.capital) {
        return false;
    }
    let mut k = a;
    if k > 0 && fw(key, toks, k - 1) == "the" {
        k -= 1;
    }
    k >= 2
        && fw(key, toks, k - 1) == "of"
        && toks[k - 1].sentence == toks[a].sentence
        && characterization_nouns().contains(fw(key, toks, k - 2))
}

/// The candidate of pattern `pattern` over tokens `first..=last`, when it
/// is not inside a longer place name and fits the case rules of one of its
/// aliases.
fn fitting(
    reg: &Registry,
    input: &Input<'_>,
    toks: &[Tok],
    first: usize,
    last: usize,
    pattern: usize,
) -> Option<Cand> {
    let span = Span::new(toks[first].span.start, toks[last].span.end);
    if input
        .places
        .iter()
        .any(|p| p.span.contains(span) && p.span != span)
    {
        return None;
    }
    let n = last + 1 - first;
    let alt = reg.alts[pattern].iter().find(|a| {
        a.cases.len() == n
            && a.cases
                .iter()
                .zip(&toks[first..=last])
                .all(|(c, t)| case_fits(*c, t))
    })?;
    Some(Cand {
        toks: (first, last + 1),
        raw: Raw::Target(alt.target.clone()),
    })
}

/// Titles written before a name; left out of it and kept as the role.
pub(crate) const TITLES: &[&str] = &[
    "colonel",
    "col",
    "general",
    "gen",
    "governor",
    "gov",
    "president",
    "inspector",
    "dr",
    "doctor",
    "mayor",
    "minister",
    "commander",
    "captain",
    "capt",
    "major",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "brigadier",
    "chief",
    "prime",
    "sheikh",
    "imam",
    "bishop",
    "father",
    "alhaji",
    "senator",
    "mr",
    "mrs",
    "ms",
    "professor",
    "prof",
    "judge",
    "ambassador",
    "commissioner",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "superintendent",
    "marshal",
    "admiral",
    "pastor",
    "emir",
    "mp",
    "sen",
    "rep",
    "maj",
    "brig",
    "rev",
    "reverend",
    "king",
    "prince",
    "pope",
    "ayatollah",
    "mullah",
    "archbishop",
    "cardinal",
    "rabbi",
    "patriarch",
    "sultan",
    "chancellor",
];

/// Role nouns that introduce a name ("militia member Alexei Baranovsky").
pub(crate) const ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "member",
    "commander",
    "leader",
    "chief",
    "head",
    "director",
    "official",
    "analyst",
    "resident",
    "witness",
    "coordinator",
    "administrator",
    "journalist",
    "correspondent",
    "researcher",
    "lawyer",
    "activist",
    "chairman",
    "chairwoman",
    "secretary",
    "envoy",
    "deputy",
    "officer",
    "fighter",
    "blogger",
    "priest",
    "nurse",
    "teacher",
    "student",
    "farmer",
    "trader",
    "survivor",
    "representative",
    "adviser",
    "advisor",
    "expert",
    "ombudsman",
    "governor",
    "minister",
    "president",
    "mayor",
    "lawmaker",
    "legislator",
    "prosecutor",
    "chancellor",
    "premier",
    "founder",
    "elder",
    "doctor",
    "surgeon",
    "paramedic",
    "medic",
    "driver",
    "volunteer",
    "worker",
    "monitor",
    "negotiator",
    "mediator",
    "rapporteur",
    "cleric",
    "councillor",
    "councilor",
    "shopkeeper",
    "vendor",
    "mother",
    "father",
    "pilot",
    "soldier",
];

/// Verbs that follow a speaker's name.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "stated",
    "claimed",
    "confirmed",
    "announced",
    "explained",
    "warned",
    "noted",
    "reported",
    "insisted",
    "denied",
    "posted",
    "tweeted",
    "recalled",
    "urged",
    "condemned",
    "accused",
    "blamed",
    "vowed",
    "promised",
    "demanded",
    "rejected",
    "dismissed",
    "declined",
    "ordered",
    "pledged",
    "argued",
    "acknowledged",
    "admitted",
    "alleged",
    "cautioned",
    "asserted",
    "estimated",
    "tells",
    "adds",
    "writes",
    "stressed",
    "emphasised",
    "emphasized",
    "revealed",
    "reiterated",
    "replied",
    "responded",
    "recounted",
    "described",
    "spoke",
    "testified",
    "appealed",
    "explains",
];

/// Capitalised words that are not names.
pub(crate) const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "of",
    "for",
    "to",
    "it",
    "he",
    "she",
    "they",
    "we",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "i",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "after",
    "before",
    "when",
    "while",
    "as",
    "if",
    "yet",
    "so",
    "with",
    "from",
    "by",
    "however",
    "meanwhile",
    "according",
    "also",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "one",
    "two",
    "three",
    "some",
    "many",
    "several",
    "no",
    "not",
    "all",
    "both",
    "local",
    "state",
    "news",
    "video",
    "photo",
    "update",
    "breaking",
    "live",
    "read",
    "more",
    "share",
    "telegram",
    "x",
    "facebook",
    "twitter",
    "whatsapp",
    "god",
    "allah",
    "islam",
    "christmas",
    "ramadan",
    "eid",
    "easter",
    "reporting",
    "editing",
    "writing",
    "additional",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "armed",
    "forces",
    "army",
    "ministry",
    "police",
    "group",
    "brigade",
    "battalion",
    "corps",
    "legion",
    "front",
    "movement",
    "council",
    "committee",
    "service",
    "directorate",
    "militia",
    "region",
    "province",
    "district",
    "state",
    "city",
    "village",
    "town",
    "oblast",
    "county",
    "said",
    "told",
    "says",
    "sources",
    "source",
    "residents",
    "officials",
    "government",
    "ukraine",
    "russia",
    "kremlin",
    "pentagon",
    "un",
    "eu",
    "nato",
    "isis",
    "river",
    "lake",
    "mount",
    "mountains",
    "hills",
    "valley",
    "sea",
    "gulf",
    "bay",
    "island",
    "bridge",
    "street",
    "road",
    "avenue",
    "square",
    "airport",
    "hospital",
    "camp",
    "market",
    "university",
    "school",
    "station",
    "church",
    "mosque",
    "park",
    "highway",
    "port",
];

fn lower(s: &str) -> String {
    s.to_lowercase().trim_end_matches('.').to_string()
}

/// The folded form of token `i` (lower case, no diacritics), without a
/// final period.
fn fw<'k>(key: &'k str, toks: &[Tok], i: usize) -> &'k str {
    toks.get(i)
        .and_then(|t| key.get(t.key.0..t.key.1))
        .unwrap_or("")
        .trim_end_matches('.')
}

fn word_at<'a>(input: &Input<'a>, toks: &[Tok], i: usize) -> &'a str {
    toks.get(i)
        .and_then(|t| input.text.get(t.span.range()))
        .unwrap_or("")
}

/// A capitalised word that may be part of a person's name.
fn name_part(reg: &Registry, input: &Input<'_>, key: &str, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if !t.word {
        return false;
    }
    if !t.capital
        && !key
            .as_bytes()
            .get(t.key.0)
            .is_some_and(|b| matches!(b, b'a' | b'e'))
    {
        return false;
    }
    let low = fw(key, toks, i);
    if !t.capital {
        let particle = ["al-", "el-", "ad-", "as-", "ash-"]
            .iter()
            .any(|p| low.starts_with(p) && low.len() > p.len() + 1);
        if !particle {
            return false;
        }
    }
    if t.upper
        && word_at(input, toks, i)
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            > 1
    {
        return false;
    }
    // Head nouns of organisations ("Kano Water Authority said") end no
    // person's name.
    org_head(low).is_none() && !reg.not_names.contains(low)
}

fn people(
    reg: &Registry,
    input: &Input<'_>,
    key: &str,
    toks: &[Tok],
    covered: &[bool],
) -> Vec<Cand> {
    let mut out = Vec::new();
    // What `name_part` asks first, without its word lookup: a name needs
    // two such tokens in a row, so most capitalised words (sentence
    // openers) are passed over here.
    let maybe = |i: usize| -> bool {
        let t = &toks[i];
        !covered[i]
            && t.word
            && (t.capital
                || key
                    .as_bytes()
                    .get(t.key.0)
                    .is_some_and(|b| matches!(b, b'a' | b'e')))
    };
    let mut i = 0;
    while i < toks.len() {
        let pair = maybe(i)
            && i + 1 < toks.len()
            && toks[i + 1].sentence == toks[i].sentence
            && maybe(i + 1);
        if !pair || !name_part(reg, input, key, toks, i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len()
            && j - i < 4
            && !covered[j]
            && toks[j].sentence == toks[i].sentence
            && name_part(reg, input, key, toks, j)
        {
            j += 1;
        }
        let len = j - i;
        if len < 2 {
            i = j.max(i + 1);
            continue;
        }
        // Titles right before the name ("Colonel", "Governor").
        let mut role_words: Vec<String> = Vec::new();
        let mut k = i;
        while k > 0 && toks[k - 1].sentence == toks[i].sentence {
            let w = fw(key, toks, k - 1);
            if TITLES.contains(&w) || ROLES.contains(&w) {
                role_words.insert(0, word_at(input, toks, k - 1).to_string());
                k -= 1;
            } else {
                break;
            }
        }
        // "The M23 spokesman, Patrick Bahati, denied": the role before a comma.
        if role_words.is_empty() && k >= 2 && word_at(input, toks, k - 1) == "," {
            let w = word_at(input, toks, k - 2);
            let lw = lower(w);
            if ROLES.contains(&lw.as_str()) || TITLES.contains(&lw.as_str()) {
                role_words.push(w.to_string());
                k -= 2;
            }
        }
        let before = if k > 0 && toks[k - 1].sentence == toks[i].sentence {
            fw(key, toks, k - 1)
        } else {
            ""
        };
        let next = if j < toks.len() && toks[j].sentence == toks[i].sentence {
            fw(key, toks, j)
        } else {
            ""
        };
        let after_comma = if next == "," && j + 1 < toks.len() {
            fw(key, toks, j + 1)
        } else {
            ""
        };
        let apposition = [
            "a",
            "an",
            "the",
            "who",
            "whose",
            "head",
            "chief",
            "spokesman",
        ]
        .contains(&after_comma)
            || ROLES.contains(&after_comma)
            || age_apposition(key, toks, j);
        let ok = !role_words.is_empty()
            || SPEECH.contains(&next)
            || SPEECH.contains(&after_comma)
            || apposition
            || ["said", "told", "to", "by"].contains(&before)
                && (next.is_empty() || [".", ",", ";", ":"].contains(&next));
        let press = role_words.iter().any(|w| {
            ["correspondent", "journalist", "reporter", "anchor"].contains(&lower(w).as_str())
        });
        if ok && !press {
            // A word of the role that names an actor ("militia member") is
            // also read before the role.
            if k > 0 && toks[k - 1].sentence == toks[i].sentence {
                let w = word_at(input, toks, k - 1);
                if w.chars().all(char::is_alphabetic) && !w.is_empty() && !role_words.is_empty() {
                    let lw = lower(w);
                    if [
                        "militia", "army", "police", "group", "rebel", "legion", "military",
                    ]
                    .contains(&lw.as_str())
                    {
                        role_words.insert(0, w.to_string());
                    }
                }
            }
            let name = toks[i..j]
                .iter()
                .map(|t| input.text.get(t.span.range()).unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Cand {
                toks: (i, j),
                raw: Raw::Person {
                    name,
                    role: (!role_words.is_empty()).then(|| role_words.join(" ")),
                },
            });
        }
        i = j;
    }
    out
}

/// "Amina Yusuf, 34, said": a comma, a number of one to three digits
/// and a comma right after the name at `j`.
fn age_apposition(key: &str, toks: &[Tok], j: usize) -> bool {
    let s = toks.get(j).map(|t| t.sentence);
    let same = |k: usize| toks.get(k).map(|t| t.sentence) == s;
    same(j + 2) && fw(key, toks, j) == "," && fw(key, toks, j + 2) == "," && {
        let n = fw(key, toks, j + 1);
        (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit())
    }
}

/// Head nouns of organisation names and the kind they give.
fn org_head(w: &str) -> Option<Kind> {
    Some(match w {
        "legion" | "battalion" | "brigade" | "corps" | "regiment" | "division" | "front"
        | "guard" | "guards" | "forces" | "army" | "command" | "battalions" | "brigades" => {
            Kind::RebelGroup
        }
        "militia" | "militias" => Kind::Militia,
        "ministry" | "directorate" | "department" | "administration" | "council" | "office" => {
            Kind::Government
        }
        "service" | "agency" | "committee" | "network" | "commission" | "society"
        | "organisation" | "organization" | "mission" | "observatory" | "foundation"
        | "authority" | "bureau" | "syndicate" | "association" | "crescent" | "watch" => {
            Kind::Agency
        }
        "gendarmerie" => Kind::StateForces,
        "movement" | "party" | "alliance" | "coalition" => Kind::Political,
        _ => return None,
    })
}

fn organisations(
    reg: &Registry,
    input: &Input<'_>,
    key: &str,
    toks: &[Tok],
    covered: &[bool],
) -> Vec<Cand> {
    let mut out = Vec::new();
    let cap_word = |i: usize| -> bool {
        let t = &toks[i];
        !covered[i] && t.word && t.capital
    };
    let mut i = 0;
    while i < toks.len() {
        if !cap_word(i) {
            i += 1;
            continue;
        }
        let w = fw(key, toks, i);
        let Some(kind) = org_head(w) else {
            i += 1;
            continue;
        };
        let s = toks[i].sentence;
        // Modifiers before the head: capitalised words and ordinals.
        let mut a = i;
        while a > 0 && toks[a - 1].sentence == s && !covered[a - 1] {
            let t = &toks[a - 1];
            let wd = word_at(input, toks, a - 1);
            let ordinal = t.word && wd.chars().next().is_some_and(|c| c.is_ascii_digit())
                || (!t.word
                    && wd.chars().all(|c| c.is_ascii_digit())
                    && word_at(input, toks, a)
                        .to_lowercase()
                        .starts_with(['t', 's', 'r', 'n']));
            if (cap_word(a - 1) && !NOT_NAMES[..16].contains(&lower(wd).as_str())) || ordinal {
                a -= 1;
            } else {
                break;
            }
        }
        // Sentence-initial capital alone is no evidence: "Brigade" after a
        // first word only when that word is not a common opener.
        // Complements after the head: "of/for/on" + capitalised words.
        let mut b = i + 1;
        loop {
            let link = fw(key, toks, b);
            if b + 1 < toks.len()
                && toks[b].sentence == s
                && ["of", "for", "on"].contains(&link)
                && cap_word(b + 1)
            {
                let mut c = b + 1;
                while c < toks.len() && toks[c].sentence == s && cap_word(c) {
                    c += 1;
                }
                b = c;
            } else {
                break;
            }
        }
        if b - a >= 2 {
            let words: Vec<&str> = toks[a..b]
                .iter()
                .map(|t| input.text.get(t.span.range()).unwrap_or(""))
                .collect();
            let country = words
                .iter()
                .find_map(|w| reg.country_words.get(&fold_word(w)))
                .map(|&c| reg.countries()[c].iso2.clone());
            let statey = words.iter().any(|w| {
                [
                    "Territorial",
                    "National",
                    "Defence",
                    "Defense",
                    "Border",
                    "Presidential",
                    "Police",
                    "Army",
                    "Navy",
                ]
                .contains(w)
            });
            let kind = match kind {
                Kind::RebelGroup if country.is_some() || statey => Kind::StateForces,
                Kind::Agency
                    if words
                        .iter()
                        .any(|w| ["Intelligence", "Security"].contains(w)) =>
                {
                    Kind::Agency
                }
                k => k,
            };
            out.push(Cand {
                toks: (a, b),
                raw: Raw::Org {
                    name: words.join(" "),
                    kind,
                    country,
                },
            });
            i = b;
        } else {
            i += 1;
        }
    }
    out
}

/// Later single-word repeats of a person's surname.
fn surnames(input: &Input<'_>, toks: &[Tok], covered: &[bool], cands: &mut Vec<Cand>) {
    let mut names: Vec<(String, usize)> = Vec::new();
    for c in cands.iter() {
        if let Raw::Person { .. } = c.raw {
            let last = word_at(input, toks, c.toks.1 - 1);
            if last.chars().count() >= 3 {
                names.push((last.to_string(), c.toks.0));
            }
        }
    }
    if names.is_empty() {
        return;
    }
    for (i, t) in toks.iter().enumerate() {
        if covered[i] || !t.capital {
            continue;
        }
        let w = word_at(input, toks, i);
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        if let Some((_, first)) = names.iter().find(|(n, at)| n == w && *at < i) {
            let Some(person) = cands.iter().position(|c| c.toks.0 == *first) else {
                continue;
            };
            let end = if w.len() == word_at(input, toks, i).len() {
                i + 1
            } else {
                // Possessive: cover the token, the name is its prefix.
                i + 1
            };
            cands.push(Cand {
                toks: (i, end),
                raw: Raw::Surname(person),
            });
        }
    }
    cands.sort_by_key(|c| c.toks.0);
}

/// Words in a sentence that mean harm to the people named in it.
const HARM: &[&str] = &[
    "kill", "dead", "death", "die", "wound", "injur", "casualt", "attack", "shell", "struck",
    "strike", "hit", "fled", "flee", "displac", "abduct", "kidnap", "victim", "shot", "hurt",
    "harm", "bomb", "massacre", "raid", "target", "fire", "damag", "destroy", "loot", "burn",
    "rape", "execut", "hostage", "trapped", "starv", "besieg", "invad", "whisk", "seiz", "captur",
    "missing", "losses",
];

fn resolve(
    reg: &Registry,
    input: &Input<'_>,
    key: &str,
    toks: &[Tok],
    cands: Vec<Cand>,
) -> Vec<Mention> {
    // The article's country: places weigh one, state actors named with a
    // demonym two.
    let mut weight: FastMap<String, u32> = FastMap::default();
    for p in input.places {
        if let Some(c) = &p.country {
            *weight.entry(c.clone()).or_default() += 1;
        }
    }
    for c in &cands {
        if let Raw::Target(Target::Entry(e)) = c.raw {
            let e = reg.entry(e);
            if let (Some(cc), Kind::StateForces | Kind::Government) = (&e.country, e.kind) {
                *weight.entry(cc.clone()).or_default() += 2;
            }
        }
    }
    // Where things happen: the places alone.
    let mut place_weight: FastMap<&str, u32> = FastMap::default();
    for p in input.places {
        if let Some(c) = p
            .country
            .as_deref()
            .filter(|c| reg.country_index(c).is_some())
        {
            *place_weight.entry(c).or_default() += 1;
        }
    }
    let place_country = place_weight
        .iter()
        .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
        .map(|(c, _)| c.to_string());
    let main_country = weight
        .iter()
        .filter(|(c, _)| reg.country_index(c).is_some())
        .max_by_key(|(c, n)| (**n, std::cmp::Reverse((*c).clone())))
        .map(|(c, _)| c.clone());
    let sentence_country = |s: usize| -> Option<String> {
        let range = input.sentences.get(s)?;
        let (first, last) = (
            input.tokens.get(range.start)?,
            input.tokens.get(range.end.checked_sub(1)?)?,
        );
        let span = Span::new(first.span.start, last.span.end);
        input
            .places
            .iter()
            .find(|p| span.contains(p.span) && p.country.is_some())
            .and_then(|p| p.country.clone())
            .filter(|c| reg.country_index(c).is_some())
    };

    let mut actors: Vec<Actor> = Vec::new();
    let mut ids: FastMap<String, usize> = FastMap::default();
    let mut intern = |a: Actor, actors: &mut Vec<Actor>| -> usize {
        *ids.entry(a.name.clone()).or_insert_with(|| {
            actors.push(a);
            actors.len() - 1
        })
    };
    let entry_actor = |i: usize| -> Actor {
        let e = reg.entry(i);
        Actor {
            name: e.name.clone(),
            kind: e.kind,
            category: e.category.clone(),
            country: e.country.clone(),
            affiliation: e.parent.clone(),
        }
    };
    let rel_actor = |rel: Rel, country: &str| -> Option<Actor> {
        let c = reg.country_index(country)?;
        let id = reg.entry_id(&rel.name(&reg.countries()[c]))?;
        Some(entry_actor(id))
    };
    // Every named non-state armed actor in text order, for descriptions
    // that come before the name ("Gunmen … the bandits").
    let named_armed: Vec<(usize, usize)> = cands
        .iter()
        .filter_map(|c| match &c.raw {
            Raw::Target(Target::Entry(e)) if reg.entry(*e).kind.is_non_state_armed() => {
                Some((c.toks.0, *e))
            }
            Raw::Org { kind, .. } if kind.is_non_state_armed() => None,
            _ => None,
        })
        .collect();

    // (tokens, actor index, role)
    let mut out: Vec<((usize, usize), usize, Option<String>)> = Vec::new();
    let mut person_of_cand: FastMap<usize, usize> = FastMap::default();
    let mut pending_spokes: Option<(usize, usize)> = None;
    for (ci, c) in cands.iter().enumerate() {
        let sentence = toks[c.toks.0].sentence;
        let last_fitting = |out: &[((usize, usize), usize, Option<String>)],
                            actors: &[Actor],
                            fits: &dyn Fn(&Actor) -> bool|
         -> Option<usize> {
            out.iter().rev().map(|m| m.1).find(|&a| fits(&actors[a]))
        };
        let resolved: Option<(usize, Option<String>)> = match &c.raw {
            Raw::Target(Target::Entry(e))
                if is_parent_aside(reg, key, toks, c, *e, &out, &actors) =>
            {
                None
            }
            Raw::Target(Target::Entry(e)) => Some((intern(entry_actor(*e), &mut actors), None)),
            Raw::Target(Target::Rel(rel)) | Raw::Target(Target::DefiniteRel(rel)) => {
                // Armed forces: those of the state named last (within two
                // sentences); people: where they are; ministries and
                // governments: the article's country.
                let recent_state = || {
                    out.iter()
                        .rev()
                        .take_while(|m| toks[m.0 .0].sentence + 2 >= sentence)
                        .find_map(|m| {
                            let a = &actors[m.1];
                            matches!(a.kind, Kind::StateForces | Kind::Government)
                                .then(|| a.country.clone())
                                .flatten()
                        })
                };
                let country = match rel {
                    Rel::Civilians
                    | Rel::Protesters
                    | Rel::Rioters
                    | Rel::Police
                    | Rel::Opposition => sentence_country(sentence)
                        .or(place_country.clone())
                        .or(main_country.clone()),
                    Rel::Military | Rel::AirDefence | Rel::AirForce => {
                        recent_state().or(main_country.clone())
                    }
                    _ => main_country.clone(),
                };
                country
                    .and_then(|cc| rel_actor(*rel, &cc))
                    .map(|a| (intern(a, &mut actors), None))
            }
            Raw::Target(Target::Armed) => {
                let text = lower(
                    input
                        .text
                        .get(
                            Span::new(toks[c.toks.0].span.start, toks[c.toks.1 - 1].span.end)
                                .range(),
                        )
                        .unwrap_or(""),
                );
                // The most mentioned armed group so far, the latest on ties.
                let mut counts: FastMap<usize, (usize, usize)> = FastMap::default();
                for (k, m) in out.iter().enumerate() {
                    if actors[m.1].kind.is_non_state_armed() {
                        let e = counts.entry(m.1).or_default();
                        e.0 += 1;
                        e.1 = k;
                    }
                }
                let back = counts.into_iter().max_by_key(|(_, v)| *v).map(|(a, _)| a);
                let ahead = || {
                    named_armed
                        .iter()
                        .find(|(at, _)| *at > c.toks.0)
                        .map(|(_, e)| *e)
                };
                if let Some(a) = back {
                    Some((a, None))
                } else if let Some(e) = ahead() {
                    Some((intern(entry_actor(e), &mut actors), None))
                } else if text.contains("gunmen") || text.contains("armed men") {
                    main_country.as_ref().and_then(|cc| {
                        let c = reg.country_index(cc)?;
                        Some((
                            intern(
                                Actor {
                                    name: format!(
                                        "Unidentified Armed Group ({})",
                                        reg.countries()[c].short
                                    ),
                                    kind: Kind::Other,
                                    category: Some("Political militia".into()),
                                    country: Some(cc.clone()),
                                    affiliation: None,
                                },
                                &mut actors,
                            ),
                            None,
                        ))
                    })
                } else {
                    None
                }
            }
            Raw::Target(Target::Anaphor(head)) => {
                // The last organisation whose name has the head noun; for
                // heads that describe armed groups, also the last such group.
                let armed =
                    ["militia", "group", "movement", "paramilitary"].contains(&head.as_str());
                let agency = head == "agency";
                last_fitting(&out, &actors, &|a: &Actor| {
                    a.kind != Kind::Person
                        && (a
                            .name
                            .split(|ch: char| !ch.is_alphanumeric())
                            .any(|w| w.eq_ignore_ascii_case(head))
                            || armed && a.kind.is_non_state_armed()
                            || agency && matches!(a.kind, Kind::Agency | Kind::Media))
                })
                .map(|a| (a, None))
            }
            Raw::Target(Target::Pronoun) => {
                // A person named in this or the last sentence; else (in
                // translated text) the organisation named last.
                let window: Vec<usize> = out
                    .iter()
                    .rev()
                    .take_while(|m| toks[m.0 .0].sentence + 1 >= sentence)
                    .map(|m| m.1)
                    .filter(|&a| !matches!(actors[a].kind, Kind::Civilians | Kind::Media))
                    .collect();
                window
                    .iter()
                    .find(|&&a| actors[a].kind == Kind::Person)
                    .or(window.first())
                    .map(|&a| (a, None))
            }
            Raw::Target(Target::PossMilitary) => {
                let sentence_start = toks
                    .iter()
                    .position(|t| t.sentence == sentence)
                    .map_or(0, |i| toks[i].span.start);
                let here = toks[c.toks.0].span.start;
                let from_actor = out
                    .iter()
                    .rev()
                    .take_while(|m| toks[m.0 .0].sentence == sentence)
                    .find_map(|m| {
                        let a = &actors[m.1];
                        matches!(a.kind, Kind::StateForces | Kind::Government)
                            .then(|| a.country.clone())
                            .flatten()
                    });
                let from_place = || {
                    input
                        .places
                        .iter()
                        .filter(|p| p.span.start >= sentence_start && p.span.end <= here)
                        .filter_map(|p| p.country.clone())
                        .next_back()
                };
                from_actor
                    .or_else(from_place)
                    .and_then(|cc| rel_actor(Rel::Military, &cc))
                    .map(|a| (intern(a, &mut actors), None))
            }
            Raw::Target(Target::UnMission) => {
                let un = |e: &crate::registry::Entry| {
                    e.parent.as_deref() == Some("United Nations")
                        && matches!(e.kind, Kind::Agency | Kind::StateForces)
                };
                let next = cands.get(ci + 1).and_then(|n| match n.raw {
                    Raw::Target(Target::Entry(e))
                        if n.toks.0 <= c.toks.1 + 1
                            && toks[n.toks.0].sentence == sentence
                            && un(reg.entry(e)) =>
                    {
                        Some(e)
                    }
                    _ => None,
                });
                match next {
                    Some(e) => Some((intern(entry_actor(e), &mut actors), None)),
                    None => {
                        last_fitting(&out, &actors, &|a: &Actor| reg.get(&a.name).is_some_and(un))
                            .map(|a| (a, None))
                    }
                }
            }
            Raw::Target(Target::Spokes) => {
                pending_spokes = Some((ci, c.toks.1));
                None
            }
            Raw::Person { name, role } => {
                let affiliation = person_affiliation(input, toks, c, &out, &actors, role);
                let id = intern(
                    Actor {
                        name: name.clone(),
                        kind: Kind::Person,
                        category: None,
                        country: None,
                        affiliation,
                    },
                    &mut actors,
                );
                person_of_cand.insert(ci, id);
                Some((id, role.clone()))
            }
            Raw::Surname(p) => person_of_cand.get(p).map(|&a| (a, None)),
            Raw::Org {
                name,
                kind,
                country,
            } => Some((
                intern(
                    Actor {
                        name: name.clone(),
                        kind: *kind,
                        category: None,
                        country: country.clone(),
                        affiliation: None,
                    },
                    &mut actors,
                ),
                None,
            )),
        };
        let Some((actor, role)) = resolved else {
            continue;
        };
        // "a spokesman for" + this actor: the spokesman speaks for it.
        if let Some((sc, end)) = pending_spokes.take() {
            let gap = c.toks.0.saturating_sub(end);
            if gap == 0 && actors[actor].kind != Kind::Person {
                let spk = &cands[sc];
                out.push((
                    (spk.toks.0, (spk.toks.1 - 1).max(spk.toks.0 + 1)),
                    actor,
                    Some("spokesperson".into()),
                ));
            }
        }
        out.push((c.toks, actor, role));
    }

    // Civilians count only when harm is told about them.
    let keep: Vec<bool> = actors
        .iter()
        .enumerate()
        .map(|(a, actor)| {
            actor.kind != Kind::Civilians
                || out.iter().filter(|m| m.1 == a).any(|m| {
                    let s = toks[m.0 .0].sentence;
                    let Some(range) = input.sentences.get(s) else {
                        return false;
                    };
                    let (Some(f), Some(l)) = (
                        input.tokens.get(range.start),
                        range.end.checked_sub(1).and_then(|e| input.tokens.get(e)),
                    ) else {
                        return false;
                    };
                    let norm = input
                        .normalized
                        .from_original(Span::new(f.span.start, l.span.end));
                    let text = input.normalized.as_str().get(norm.range()).unwrap_or("");
                    HARM.iter().any(|h| text.contains(h))
                })
        })
        .collect();

    out.sort_by_key(|m| m.0);
    let mut numbers: FastMap<usize, usize> = FastMap::default();
    let mut mentions = Vec::with_capacity(out.len());
    for ((a, b), actor, role) in out {
        if !keep[actor] || a >= b {
            continue;
        }
        let next = numbers.len() + 1;
        let entity = *numbers.entry(actor).or_insert(next);
        let x = &actors[actor];
        let span = balance_quotes(
            input.text,
            Span::new(toks[a].span.start, toks[b - 1].span.end),
        );
        if input.text.get(span.range()).is_none() {
            continue;
        }
        mentions.push(Mention {
            span,
            entity,
            name: x.name.clone(),
            kind: x.kind,
            category: x.category.clone(),
            country: x.country.clone(),
            role,
            affiliation: x.affiliation.clone(),
        });
    }
    mentions
}

/// Widens a span that holds one quote mark of a pair to hold the other
/// ("Freedom for Russia” Legion" → "“Freedom for Russia” Legion").
fn balance_quotes(text: &str, span: Span) -> Span {
    let Some(inner) = text.get(span.range()) else {
        return span;
    };
    let opens = inner.matches(['“', '„', '«', '‹']).count();
    let closes = inner.matches(['”', '»', '›']).count();
    let straight = inner.matches('"').count();
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let mut out = span;
    if closes > opens || (straight % 2 == 1 && !inner.starts_with('"')) {
        if let Some(c) = before.filter(|c| ['“', '„', '«', '‹', '"'].contains(c)) {
            out.start -= c.len_utf8();
        }
    }
    if opens > closes || (straight % 2 == 1 && inner.starts_with('"')) {
        if let Some(c) = after.filter(|c| ['”', '»', '›', '“', '"'].contains(c)) {
            out.end += c.len_utf8();
        }
    }
    out
}

/// "JNIM, affiliated to al-Qaeda": a parent named only to place the actor
/// just mentioned is not itself an actor of the article.
fn is_parent_aside(
    reg: &Registry,
    key: &str,
    toks: &[Tok],
    c: &Cand,
    e: usize,
    out: &[((usize, usize), usize, Option<String>)],
    actors: &[Actor],
) -> bool {
    let name = &reg.entry(e).name;
    let before = c
        .toks
        .0
        .checked_sub(1)
        .map(|i| fw(key, toks, i))
        .unwrap_or_default();
    if !["to", "with", "of", "by", "from"].contains(&before) {
        return false;
    }
    let sentence = toks[c.toks.0].sentence;
    out.iter()
        .rev()
        .take_while(|m| toks[m.0 .0].sentence == sentence)
        .any(|m| actors[m.1].affiliation.as_deref() == Some(name.as_str()))
}

/// The actor a person speaks or acts for: an actor named in the words just
/// before the name or role ("Kremlin spokesman", "M23 spokesman"), else
/// for roles naming a kind of group ("militia member") the last such group.
fn person_affiliation(
    input: &Input<'_>,
    toks: &[Tok],
    c: &Cand,
    out: &[((usize, usize), usize, Option<String>)],
    actors: &[Actor],
    role: &Option<String>,
) -> Option<String> {
    let role_len = role.as_ref().map_or(0, |r| r.split(' ').count());
    let start = c.toks.0.saturating_sub(role_len);
    if let Some(m) = out.iter().rev().find(|m| {
        m.0 .1 <= start && start - m.0 .1 <= 1 && toks[m.0 .0].sentence == toks[start].sentence
    }) {
        return Some(actors[m.1].name.clone());
    }
    let r = role.as_deref().unwrap_or("").to_lowercase();
    let _ = input;
    if ["militia", "group", "rebel", "legion", "fighter"]
        .iter()
        .any(|w| r.contains(w))
    {
        return out
            .iter()
            .rev()
            .find(|m| actors[m.1].kind.is_non_state_armed())
            .map(|m| actors[m.1].name.clone());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn run_with(reg: &Registry, text: &str, places: &[PlaceHint]) -> Vec<Mention> {
        let seg = sitrep_text::segment(text);
        let norm = sitrep_text::normalize(text);
        let sentences: Vec<_> = seg.sentences.iter().map(|s| s.tokens.clone()).collect();
        let input = Input {
            text,
            tokens: &seg.tokens,
            normalized: &norm,
            sentences: &sentences,
            places,
        };
        let found = recognize(reg, &input);
        for m in &found {
            assert!(text.get(m.span.range()).is_some(), "bad span {m:?}");
            assert!(m.entity >= 1);
        }
        assert!(found.windows(2).all(|w| w[0].span.start <= w[1].span.start));
        found
    }

    fn run(text: &str) -> Vec<(String, String)> {
        run_with(Registry::embedded(), text, &[])
            .iter()
            .map(|m| (m.span.slice(text).to_string(), m.name.clone()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn longest_match_on_token_boundaries() {
        let found = run(
            "A spokesman said Ukrainian military intelligence and the Hamasite press disagreed.",
        );
        assert!(found.contains(&pair(
            "Ukrainian military intelligence",
            "Main Intelligence Directorate of Ukraine"
        )));
        assert!(!found.iter().any(|f| f.1 == "Military Forces of Ukraine"));
        assert!(!found.iter().any(|f| f.1 == "Hamas"), "{found:?}");
    }

    #[test]
    fn acronyms_need_capitals_and_folding_ignores_accents() {
        let found =
            run("The AA said it is holding the town. Médecins Sans Frontières and the SBU agreed.");
        assert!(found.contains(&pair("AA", "Arakan Army")));
        assert!(!found.iter().any(|f| f.0 == "is"));
        assert!(found.contains(&pair(
            "Médecins Sans Frontières",
            "Medecins Sans Frontieres"
        )));
        assert!(found.contains(&pair("SBU", "Security Service of Ukraine")));
        let none = run("there is an aa battery and a sbu unit.");
        assert!(none.is_empty(), "{none:?}");
    }

    #[test]
    fn quotes_inside_names_and_cyrillic() {
        let text = "The “Freedom for Russia” Legion attacked. Легион «Свобода России» заявил.";
        let found = run(text);
        assert_eq!(
            found[0],
            pair("“Freedom for Russia” Legion", "Freedom of Russia Legion")
        );
        assert!(found
            .iter()
            .any(|f| f.0.starts_with("Легион") && f.1 == "Freedom of Russia Legion"));
    }

    #[test]
    fn demonyms_capitals_and_ministries() {
        let found = run(
            "Kyiv's forces advanced while Russian troops withdrew, the Defence Ministry in Moscow said. \
             The Sudanese Armed Forces and the Israeli military were not involved.",
        );
        assert!(found.contains(&pair("Kyiv's forces", "Military Forces of Ukraine")));
        assert!(found.contains(&pair("Russian troops", "Military Forces of Russia")));
        assert!(found.contains(&pair(
            "Defence Ministry in Moscow",
            "Ministry of Defence of Russia"
        )));
        assert!(found.contains(&pair("Sudanese Armed Forces", "Military Forces of Sudan")));
        assert!(found.contains(&pair("Israeli military", "Military Forces of Israel")));
    }

    #[test]
    fn people_with_roles_and_surname_repeats() {
        let text = "Militia member Alexei Baranovsky spoke of fighting near the Freedom of Russia Legion's base. \
                    Baranovsky said more would come. Colonel Joseph Mulumba said the rebels fled.";
        let found = run_with(Registry::embedded(), text, &[]);
        let alexei: Vec<&Mention> = found
            .iter()
            .filter(|m| m.name == "Alexei Baranovsky")
            .collect();
        assert_eq!(alexei.len(), 2, "{found:?}");
        assert_eq!(alexei[0].entity, alexei[1].entity);
        assert_eq!(alexei[0].role.as_deref(), Some("Militia member"));
        assert_eq!(alexei[1].span.slice(text), "Baranovsky");
        let col = found.iter().find(|m| m.name == "Joseph Mulumba").unwrap();
        assert_eq!(col.role.as_deref(), Some("Colonel"));
        assert_eq!(col.kind, Kind::Person);
        // Not people: capitalised words without a role or a speech verb.
        assert!(run("Heavy Rain fell on Saturday.").is_empty());
    }

    #[test]
    fn people_with_an_age_or_a_newer_role() {
        let text = "Amina Garba, 34, fled with her children. Paramedic Tarek Haddad stressed \
                    that no ambulance could pass. Heavy Rain, 12, is no name.";
        let found = run_with(Registry::embedded(), text, &[]);
        let names: Vec<&str> = found.iter().map(|m| m.name.as_str()).collect();
        assert!(names.contains(&"Amina Garba"), "{names:?}");
        let medic = found.iter().find(|m| m.name == "Tarek Haddad");
        assert_eq!(medic.and_then(|m| m.role.as_deref()), Some("Paramedic"));
        // The age pattern needs the second comma.
        assert!(run("Heavy Rain, 12 days on, fell.").is_empty());
    }

    #[test]
    fn unknown_organisations_by_newer_head_nouns() {
        let found = run_with(
            Registry::embedded(),
            "The Darfur Journalists Syndicate and the Kano Water Authority said so.",
            &[],
        );
        let kinds: Vec<(&str, Kind)> = found.iter().map(|m| (m.name.as_str(), m.kind)).collect();
        assert!(
            kinds.contains(&("Darfur Journalists Syndicate", Kind::Agency)),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&("Kano Water Authority", Kind::Agency)),
            "{kinds:?}"
        );
    }

    #[test]
    fn unknown_organisations_by_head_noun() {
        let found = run_with(
            Registry::embedded(),
            "Fighters of the 125th Territorial Defence Brigade and the Kutum Youth Committee said so.",
            &[],
        );
        let brigade = found
            .iter()
            .find(|m| m.name == "125th Territorial Defence Brigade");
        assert_eq!(
            brigade.map(|m| m.kind),
            Some(Kind::StateForces),
            "{found:?}"
        );
        let committee = found.iter().find(|m| m.name == "Kutum Youth Committee");
        assert_eq!(committee.map(|m| m.kind), Some(Kind::Agency));
    }

    #[test]
    fn coreference_of_descriptions_and_pronouns() {
        let text = "The Freedom of Russia Legion crossed the border. The militia said it had won. \
                    At the same time, she called for calm. Russia calls the group a puppet. \
                    A spokesman for Ukrainian military intelligence said the groups act alone.";
        let found = run_with(Registry::embedded(), text, &[]);
        let legion = found
            .iter()
            .find(|m| m.name == "Freedom of Russia Legion")
            .unwrap()
            .entity;
        for t in ["The militia", "she", "the group"] {
            let m = found.iter().find(|m| m.span.slice(text) == t).unwrap();
            assert_eq!(m.entity, legion, "{t}");
        }
        let spokesman = found
            .iter()
            .find(|m| m.span.slice(text) == "A spokesman")
            .unwrap();
        assert_eq!(spokesman.name, "Main Intelligence Directorate of Ukraine");
        assert_eq!(spokesman.role.as_deref(), Some("spokesperson"));
    }

    #[test]
    fn country_relative_forms_and_civilians() {
        let text =
            "Shelling killed four civilians in the town. The army said police were deployed.";
        let at = text.find("the town").unwrap();
        let places = [PlaceHint {
            span: Span::new(at + 4, at + 8),
            country: Some("SD".into()),
        }];
        let found = run_with(Registry::embedded(), text, &places);
        let names: Vec<&str> = found.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Civilians (Sudan)",
                "Military Forces of Sudan",
                "Police Forces of Sudan"
            ]
        );
        // Civilians only when harm is told about them; no country, no actor.
        let calm = run_with(
            Registry::embedded(),
            "Civilians were evacuated calmly.",
            &places,
        );
        assert!(calm.is_empty(), "{calm:?}");
        assert!(run("The army said police were deployed.").is_empty());
    }

    #[test]
    fn demonym_forces_in_a_characterization_are_no_mentions() {
        let found = run("Moscow calls the rebels proxies of the Polish army and of NATO.");
        assert!(
            !found.iter().any(|(_, n)| n == "Military Forces of Poland"),
            "{found:?}"
        );
        let found = run("The Polish army said the rebels had crossed the border.");
        assert!(
            found.iter().any(|(_, n)| n == "Military Forces of Poland"),
            "{found:?}"
        );
    }

    #[test]
    fn places_are_not_actors() {
        let text = "Fighting near Grajvoron Legion Square went on.";
        let at = text.find("Grajvoron").unwrap();
        let places = [PlaceHint {
            span: Span::new(at, at + "Grajvoron Legion Square".len()),
            country: Some("RU".into()),
        }];
        let found = run_with(Registry::embedded(), text, &places);
        assert!(found.iter().all(|m| m.kind != Kind::Person), "{found:?}");
    }

    #[test]
    fn user_entries_are_recognised_and_override() {
        let reg = Registry::with_user_file(
            "name\tkind\tcategory\tcountry\tparent\taliases\n\
             Night Wolves Unit\tmilitia\tPolitical militia\tRU\t\tNWU|Nochnye Volki\n\
             Reuters\tother\t\tGB\t\tthe wire service\n",
        )
        .unwrap();
        let text = "The NWU and Nochnye Volki clashed, Reuters and the wire service said.";
        let found = run_with(&reg, text, &[]);
        let wolves: Vec<&Mention> = found
            .iter()
            .filter(|m| m.name == "Night Wolves Unit")
            .collect();
        assert_eq!(wolves.len(), 2);
        assert_eq!(wolves[0].entity, wolves[1].entity);
        let reuters: Vec<&Mention> = found.iter().filter(|m| m.name == "Reuters").collect();
        assert_eq!(reuters.len(), 2);
        assert!(reuters.iter().all(|m| m.kind == Kind::Other));
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_are_valid(text in "\\PC{0,300}") {
            let _ = run_with(Registry::embedded(), &text, &[]);
        }

        #[test]
        fn never_panics_on_actor_words(words in proptest::collection::vec(
            prop_oneof![
                Just("the"), Just("Legion"), Just("Russian"), Just("troops"), Just("“"), Just("”"),
                Just("said"), Just("Alexei"), Just("Baranovsky"), Just(","), Just("."), Just("she"),
                Just("a spokesman for"), Just("AA"), Just("civilians"), Just("killed"),
                Just("125th"), Just("Brigade"), Just("\n\n"), Just("Ğ̈"), Just("ﬁ"),
            ], 0..40)) {
            let text = words.join(" ");
            let _ = run_with(Registry::embedded(), &text, &[]);
        }
    }
}
