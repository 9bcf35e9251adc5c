//! Recognition of place names in tokenised text: the longest gazetteer key
//! over runs of up to [`MAX_TOKENS`] tokens, kept only under high-precision
//! context rules. Pure: no IO.
//!
//! A run starts at a capitalised token (or a token of a script without
//! case) and continues over capitalised tokens, a few lower-case name
//! connectors ("de", "al", "on") and division words ("region", "oblast").
//! A match is then dropped when
//!
//! - its key is in the stoplist (`data/place_stopwords.txt`: common words
//!   and first names that are also places);
//! - it names a country only through a demonym ("Russian forces"), unless a
//!   territory noun follows ("Russian territory");
//! - an organisation head noun follows (`data/org_heads.txt`: "Kyiv
//!   Independent", "Freedom of Russia Legion"), or it is the object of "of"
//!   or "for" after an organisation word ("Freedom for Russia");
//! - it opens a sentence or stands in a headline, is not a strong place
//!   (country, first-level division, city of 100,000+, division form) and
//!   has no cue ("in", "near", "the village of" …) before it;
//! - a single weak token is followed or preceded by another capitalised
//!   word (a person's name: "Tim Mark").
//!
//! Spans grow to cover the words that make a mention a division or an area:
//! "Masisi territory", "region of Mopti", and a coordination "Belgorod and
//! Kursk regions" (one mention, the first division's).
//!
//! Bodies of water (the built-in `data/features.tsv`) are matched with
//! their lower-case head word ("the Dnipro river", "Kakhovka reservoir");
//! after "the" a name that is also a body of water means the water ("across
//! the Dnipro" is the river, "in Dnipro" the city).
//!
//! A direction before a country or division ("northern Ukraine",
//! "south-west Russia") or a border area ("border areas of Kursk", "the
//! Belgorod border region") sets [`Mention::direction`]; the span stays on
//! the name, as the gold annotations mostly have it.

use crate::{is_regional, key, Feature, Gazetteer, Hit, KeyKind};
use sitrep_text::segment::Token;
use sitrep_text::Span;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Longest run of tokens matched as one name.
pub const MAX_TOKENS: usize = 5;

/// One sentence to scan.
#[derive(Clone, Copy, Debug)]
pub struct SentenceIn<'a> {
    /// Its tokens (words and punctuation), spans into the text.
    pub tokens: &'a [Token],
    /// A headline or subheading (title case: every word capitalised).
    pub headline: bool,
    /// A dateline ("Belgorod –"): its places need no cue.
    pub dateline: bool,
}

impl<'a> SentenceIn<'a> {
    /// Every sentence of a segmentation as plain text: no headline or
    /// dateline flags (callers that know the page roles set those).
    pub fn all(seg: &'a sitrep_text::Segmentation) -> Vec<SentenceIn<'a>> {
        seg.sentences
            .iter()
            .map(|s| SentenceIn {
                tokens: &seg.tokens[s.tokens.clone()],
                headline: false,
                dateline: false,
            })
            .collect()
    }
}

/// A recognised place mention, not yet resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// The mention's bytes in the text.
    pub span: Span,
    /// The folded key that matched.
    pub key: String,
    /// The places the key names (codes and demonyms left out, except for a
    /// demonym before a territory noun).
    pub hits: Vec<Hit>,
    /// Index of the sentence (in the input order).
    pub sentence: usize,
    /// Index of the first token of the name in its sentence.
    pub token: usize,
    /// Names a division: a division word is part of it or next to it.
    pub regional: bool,
    /// An area around a place: "near X", "outskirts of X", "outside X".
    pub near: bool,
    /// A direction word before a country or division ("northern Ukraine").
    pub directional: bool,
    /// The part of the country or division meant: a compass direction
    /// ("north", "southwest"), "central", or "border" ("border areas of
    /// Kursk"); `None` for the whole.
    pub direction: Option<&'static str>,
    /// A cue word stood before it ("in", "the village of" …).
    pub cued: bool,
}

impl Mention {
    /// A mention of `name` at `span` given from outside (a gold span):
    /// every place the name denotes exactly (demonyms and codes too), or
    /// its fuzzy candidates when it has none.
    pub fn given(g: &Gazetteer, span: Span, name: &str, sentence: usize) -> Mention {
        let mut k = key(name);
        if let Some(rest) = k.strip_prefix("the ") {
            if g.keys.contains_key(rest) {
                k = rest.to_string();
            }
        }
        let mut hits = g.lookup_key(&k);
        if hits.is_empty() {
            hits = g
                .fuzzy(&k, if k.chars().count() >= 12 { 2 } else { 1 }, None)
                .into_iter()
                .map(|(h, _)| h)
                .collect();
        }
        Mention {
            span,
            regional: is_regional(&k),
            key: k,
            hits,
            sentence,
            token: 0,
            near: false,
            directional: false,
            direction: None,
            cued: false,
        }
    }
}

fn lines(text: &'static str) -> HashSet<&'static str, crate::Fast> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

fn stopwords() -> &'static HashSet<&'static str, crate::Fast> {
    static S: OnceLock<HashSet<&'static str, crate::Fast>> = OnceLock::new();
    S.get_or_init(|| lines(include_str!("../data/place_stopwords.txt")))
}

fn org_heads() -> &'static HashSet<&'static str, crate::Fast> {
    static S: OnceLock<HashSet<&'static str, crate::Fast>> = OnceLock::new();
    S.get_or_init(|| lines(include_str!("../data/org_heads.txt")))
}

/// Words before "of"/"for" that make the name after it part of an
/// organisation's ("Freedom of Russia", "Bank of England").
const ORG_PREFIXES: &[&str] = &[
    "freedom",
    "liberty",
    "bank",
    "university",
    "friends",
    "voice",
    "radio",
    "legion",
    "church",
    "order",
    "hero",
    "heroes",
    "league",
];

/// Division words that may follow a name ("Kursk region").
const DIVISION_WORDS: &[&str] = &[
    "region",
    "oblast",
    "province",
    "governorate",
    "district",
    "state",
    "territory",
    "township",
    "krai",
    "raion",
    "rayon",
    "county",
    "prefecture",
    "municipality",
];

/// Plural division words of a coordination ("Belgorod and Kursk regions").
const DIVISION_PLURALS: &[&str] = &[
    "regions",
    "oblasts",
    "provinces",
    "governorates",
    "districts",
    "states",
    "territories",
];

/// Lower-case words inside names ("Rostov on Don", "Valle del Cauca").
const CONNECTORS: &[&str] = &[
    "de", "del", "da", "do", "dos", "das", "al", "el", "on", "upon", "sur", "la", "le", "of", "an",
    "am", "ad", "ar", "as", "ash", "at", "az", "bin", "ibn",
];

/// Lower-case head words of bodies of water that may follow a name ("the
/// Dnipro river", "Kakhovka reservoir").
const WATER_WORDS: &[&str] = &[
    "river",
    "sea",
    "reservoir",
    "strait",
    "straits",
    "gulf",
    "lake",
    "canal",
];

/// Words after a demonym that make it a place ("Russian territory").
const TERRITORY: &[&str] = &["territory", "soil", "airspace", "territories"];

/// Words before a name that make it a place.
const CUES: &[&str] = &[
    "in",
    "near",
    "at",
    "from",
    "to",
    "outside",
    "into",
    "across",
    "toward",
    "towards",
    "around",
    "through",
    "via",
    "between",
    "of",
    "inside",
    "within",
    "nearby",
    "outskirts",
    "entered",
    "reached",
    "struck",
    "hit",
    "shelled",
    "captured",
    "liberated",
    "seized",
    "attacked",
];

/// Direction words before a country or division.
const DIRECTIONS: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north eastern",
    "north western",
    "south eastern",
    "south western",
    "north east",
    "north west",
    "south east",
    "south west",
];

/// The direction a word names ("northern" → "north"), for
/// [`Mention::direction`].
fn direction_of(w: &str) -> Option<&'static str> {
    Some(match w {
        "northern" | "north" => "north",
        "southern" | "south" => "south",
        "eastern" | "east" => "east",
        "western" | "west" => "west",
        "central" => "central",
        "northeastern" | "northeast" | "north eastern" | "north east" => "northeast",
        "northwestern" | "northwest" | "north western" | "north west" => "northwest",
        "southeastern" | "southeast" | "south eastern" | "south east" => "southeast",
        "southwestern" | "southwest" | "south western" | "south west" => "southwest",
        _ => return None,
    })
}

/// Capitalised words that may follow a city name ("Kyiv Mayor").
const TITLES: &[&str] = &[
    "mayor",
    "governor",
    "city",
    "airport",
    "region",
    "oblast",
    "province",
    "police",
    "residents",
    "council",
    "authorities",
    "officials",
];

/// A position in the key fst: a node and the output summed so far.
type State<'s> = (fst::raw::Node<'s>, u64);

/// Where the fst walk of a capitalised word ended, by the word as written
/// (`None` when no key starts with the word).
type WalkStates = std::collections::HashMap<Box<str>, Option<Walked>, sitrep_text::wordhash::Fast>;

/// The end of the fst walk of one word.
#[derive(Clone, Copy, Debug)]
struct Walked {
    /// The node reached.
    addr: fst::raw::CompiledAddr,
    /// The output summed on the way.
    out: u64,
    /// The fst value when the word is a whole key.
    value: Option<u64>,
    /// Whether some key continues the word with a space (another word).
    space: bool,
}

/// The walks of one thread, kept from article to article: capitalised
/// words ("The", "Reuters", "Kyiv") recur across articles, and walking the
/// fst byte by byte was the largest cost of recognition. Cleared when the
/// gazetteer's key data changes or it grows past [`WALK_CACHE_MAX`] words.
struct WalkCache {
    /// Address and length of the fst the states belong to.
    fst: (usize, usize),
    states: WalkStates,
    /// Buffers of one sentence, kept so that their memory is reused from
    /// article to article: the tokens whose keys are folded (token index
    /// and byte range in `keys`), the folded keys, and the (empty) token
    /// vector.
    pending: Pending,
    keys: String,
    spare: Vec<Tok<'static>>,
}

thread_local! {
    static WALKED: std::cell::RefCell<WalkCache> = std::cell::RefCell::new(WalkCache {
        fst: (0, 0),
        states: WalkStates::default(),
        pending: Vec::new(),
        keys: String::new(),
        spare: Vec::new(),
    });
}

/// Most words kept in a thread's walk cache (about 8 MB at most: a word, its
/// 40-byte walk end and the table's overhead).
const WALK_CACHE_MAX: usize = 100_000;

/// Population from which a city is a strong place.
const BIG_CITY: u32 = 100_000;

/// The folded key of one token, cheaply for ASCII.
#[cfg(test)]
fn token_key(word: &str) -> String {
    let mut out = String::new();
    token_key_into(word, &mut out);
    out
}

/// Appends the folded key of one token to `buf` (cheaply for ASCII).
fn token_key_into(word: &str, buf: &mut String) {
    let word = ["'s", "’s", "'S", "’S"]
        .iter()
        .find_map(|p| word.strip_suffix(p))
        .unwrap_or(word);
    let start = buf.len();
    if word.bytes().all(|b| b.is_ascii_alphabetic()) {
        // Letters only (the common case): the key is the word in lower case.
        buf.push_str(word);
        buf[start..].make_ascii_lowercase();
    } else if word.is_ascii() {
        for b in word.bytes() {
            match b {
                b'\'' | b'"' => {}
                b'-' | b'.' | b',' | b'/' | b'_' => {
                    if buf.len() > start && !buf.ends_with(' ') {
                        buf.push(' ');
                    }
                }
                b => buf.push(b.to_ascii_lowercase() as char),
            }
        }
        while buf.len() > start && buf.ends_with(' ') {
            buf.pop();
        }
    } else {
        buf.push_str(&key(word));
    }
}

#[derive(Clone, Debug)]
struct Tok<'t> {
    span: Span,
    word: bool,
    cap: bool,
    /// The folded key ([`token_key_into`]); empty for punctuation.
    key: &'t str,
}

/// The tokens of a sentence whose keys are folded into its key buffer:
/// token index and byte range in the buffer.
type Pending = Vec<(usize, usize, usize)>;

/// An empty vector of tokens of any lifetime in the allocation of `v`
/// (emptied first): the token buffer is reused from sentence to sentence
/// although each sentence's tokens borrow its own key buffer.
fn reuse<'b>(mut v: Vec<Tok<'_>>) -> Vec<Tok<'b>> {
    v.clear();
    v.into_iter().map(|_| unreachable!("emptied")).collect()
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn is_cap(s: &str) -> bool {
    first_char(s).is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
}

impl Gazetteer {
    /// Walks the fst from `state` (a node and the output so far) over
    /// `bytes`: the new state, or `None` when no key has that prefix.
    fn walk<'s>(&'s self, state: State<'s>, bytes: &[u8]) -> Option<State<'s>> {
        let f = self.keys.as_fst();
        let (mut node, mut out) = state;
        for &b in bytes {
            let i = node.find_input(b)?;
            let t = node.transition(i);
            out += t.out.value();
            node = f.node(t.addr);
        }
        Some((node, out))
    }

    /// The fst value of the key walked to, when the state ends one.
    fn value(state: State<'_>) -> Option<u64> {
        state
            .0
            .is_final()
            .then(|| state.1 + state.0.final_output().value())
    }

    /// Every place a key denotes, from its fst value (already walked) and
    /// the user keys.
    fn hits_of(&self, k: &str, value: Option<u64>) -> Vec<Hit> {
        let mut out = Vec::new();
        if let Some(v) = value {
            self.decode_value(v, &mut out);
        }
        if !self.user_keys.is_empty() {
            if let Some(v) = self.user_keys.get(k) {
                out.extend(v.iter().map(|&p| Hit::decode(p)));
            }
        }
        out
    }

    /// A place's feature and population, without decoding its strings.
    fn feature_population(&self, r: crate::PlaceRef) -> (Feature, u32) {
        let i = r.0 as usize;
        if i >= self.base_len() {
            let p = self.place(r);
            return (p.feature, p.population);
        }
        let b = &self.places[i * crate::store::REC..(i + 1) * crate::store::REC];
        (Feature::from_u8(b[38]), crate::store::u32_at(b, 12))
    }

    /// Whether a place is a built-in body of water or other non-settlement
    /// feature (`data/features.tsv`).
    fn is_water(&self, r: crate::PlaceRef) -> bool {
        let i = r.0 as usize;
        i >= self.base_len() && self.user[i - self.base_len()].source == crate::Source::Feature
    }

    /// Recognises the place mentions of `sentences` of `text` (rules in the
    /// module docs), in text order.
    pub fn recognize(&self, text: &str, sentences: &[SentenceIn<'_>]) -> Vec<Mention> {
        let mut out = Vec::new();
        // Buffers reused from sentence to sentence.
        let mut joined = String::new();
        let bytes = self.keys.as_fst().as_bytes();
        let id = (bytes.as_ptr() as usize, bytes.len());
        WALKED.with(|cell| {
            let mut cache = cell.borrow_mut();
            let cache = &mut *cache;
            if cache.fst != id || cache.states.len() > WALK_CACHE_MAX {
                cache.fst = id;
                cache.states.clear();
            }
            for (si, s) in sentences.iter().enumerate() {
                self.recognize_sentence(
                    text,
                    si,
                    s,
                    (&mut cache.pending, &mut cache.keys, &mut cache.spare),
                    &mut joined,
                    &mut cache.states,
                    &mut out,
                );
            }
        });
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn recognize_sentence(
        &self,
        text: &str,
        si: usize,
        s: &SentenceIn<'_>,
        (pending, keys, spare): (&mut Pending, &mut String, &mut Vec<Tok<'static>>),
        joined: &mut String,
        walked: &mut WalkStates,
        out: &mut Vec<Mention>,
    ) {
        // Keys are borrowed from the text when the token already is one
        // (plain lower-case ASCII letters, the common case), else folded
        // into one buffer per sentence: no allocation per token.
        pending.clear();
        keys.clear();
        let mut toks: Vec<Tok<'_>> = reuse(std::mem::take(spare));
        toks.extend(s.tokens.iter().enumerate().map(|(n, tok)| {
            let span = tok.span;
            let w = span.slice(text);
            // ASCII first letters (almost all) are told apart without
            // decoding characters.
            let (word, cap) = match w.as_bytes().first() {
                Some(&b) if b.is_ascii() => (b.is_ascii_alphabetic(), b.is_ascii_uppercase()),
                _ => {
                    let word = first_char(w).is_some_and(char::is_alphabetic);
                    (word, word && is_cap(w))
                }
            };
            let key = if !word {
                ""
            } else if !cap && w.bytes().all(|b| b.is_ascii_lowercase()) {
                w
            } else {
                // Filled in below, once the buffer is complete.
                let start = keys.len();
                token_key_into(w, keys);
                pending.push((n, start, keys.len()));
                ""
            };
            Tok {
                span,
                word,
                cap,
                key,
            }
        }));
        let keys: &str = keys;
        for &(n, a, b) in pending.iter() {
            toks[n].key = &keys[a..b];
        }
        self.scan_sentence(text, si, s, &toks, joined, walked, out);
        *spare = reuse(toks);
    }

    /// Finds the mentions of one sentence's tokens (see
    /// [`Gazetteer::recognize`]).
    #[allow(clippy::too_many_arguments)]
    fn scan_sentence<'s>(
        &'s self,
        text: &str,
        si: usize,
        s: &SentenceIn<'_>,
        toks: &[Tok<'_>],
        joined: &mut String,
        walked: &mut WalkStates,
        out: &mut Vec<Mention>,
    ) {
        let first_word = toks.iter().position(|t| t.word);
        let root = self.keys.as_fst().root();
        let adjacent = |a: &Tok, b: &Tok| {
            let gap = &text[a.span.end..b.span.start];
            !gap.is_empty() && gap.chars().all(char::is_whitespace)
        };
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if !t.cap || t.key.is_empty() {
                i += 1;
                continue;
            }
            // Longest key over the run starting here: its last token, its
            // length in `joined` and its fst value.
            let mut best: Option<(usize, usize, Option<u64>)> = None;
            let raw = t.span.slice(text);
            let walked_to = match walked.get(raw) {
                Some(&w) => w,
                None => {
                    let w = self.walk((root, 0), t.key.as_bytes()).map(|st| Walked {
                        addr: st.0.addr(),
                        out: st.1,
                        value: Self::value(st),
                        space: st.0.find_input(b' ').is_some(),
                    });
                    walked.insert(raw.into(), w);
                    w
                }
            };
            let f = self.keys.as_fst();
            // The node is only needed to walk on over a space: a word no
            // key continues is done with its cached value.
            let mut state: Option<State<'s>> = walked_to
                .filter(|w| w.space)
                .map(|w| (f.node(w.addr), w.out));
            // Whether some key starts with the words so far.
            let mut alive = walked_to.is_some();
            joined.clear();
            joined.push_str(t.key);
            let mut j = i;
            loop {
                let user_prefix =
                    !self.user_prefixes.is_empty() && self.user_prefixes.contains(joined.as_str());
                let value = if j == i {
                    walked_to.and_then(|w| w.value)
                } else {
                    state.and_then(Self::value)
                };
                if value.is_some() || (user_prefix && self.user_has(joined)) {
                    best = Some((j, joined.len(), value));
                }
                if !alive && !user_prefix {
                    break;
                }
                if j + 1 >= toks.len() || j + 1 - i >= MAX_TOKENS {
                    break;
                }
                let n = &toks[j + 1];
                let lower = n.key;
                let ok = n.word
                    && adjacent(&toks[j], n)
                    && (n.cap
                        || DIVISION_WORDS.contains(&lower)
                        || WATER_WORDS.contains(&lower)
                        || CONNECTORS.contains(&lower)
                        || lower
                            .split_once(' ')
                            .is_some_and(|(a, _)| CONNECTORS.contains(&a)));
                if !ok {
                    break;
                }
                joined.push(' ');
                joined.push_str(lower);
                state = state.and_then(|st| {
                    self.walk(st, b" ")
                        .and_then(|st| self.walk(st, lower.as_bytes()))
                });
                alive = state.is_some();
                j += 1;
            }
            let Some((end, len, value)) = best else {
                i += 1;
                continue;
            };
            let k = &joined[..len];
            match self.accept(text, toks, i, end, k, value, s, si, first_word) {
                Some((m, next)) => {
                    out.push(m);
                    i = next;
                }
                None => i = end + 1,
            }
        }
    }

    fn user_has(&self, k: &str) -> bool {
        self.user_keys.contains_key(k)
    }

    /// Applies the context rules to the match of tokens `i..=end`: the
    /// mention and the token to continue from, or `None`.
    #[allow(clippy::too_many_arguments)]
    fn accept(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
        end: usize,
        k: &str,
        value: Option<u64>,
        s: &SentenceIn<'_>,
        si: usize,
        first_word: Option<usize>,
    ) -> Option<(Mention, usize)> {
        // Common words and first names first: the cheapest rejection.
        if stopwords().contains(k) {
            return None;
        }
        let all = self.hits_of(k, value);
        let next_word = |from: usize| toks[from..].iter().position(|t| t.word).map(|p| p + from);
        // The last four words before the match, nearest first.
        let mut before = [0usize; 4];
        let mut n_before = 0;
        for p in (0..i).rev() {
            if toks[p].word {
                before[n_before] = p;
                n_before += 1;
                if n_before == before.len() {
                    break;
                }
            }
        }
        let prev_words = &before[..n_before];
        let prev = |n: usize| prev_words.get(n).map(|&p| toks[p].key);
        let after = next_word(end + 1);
        let after_key = after.map(|a| toks[a].key);
        // Only punctuation (quotes) between the match and the next word?
        let after_close = after.is_some_and(|a| {
            toks[end + 1..a]
                .iter()
                .all(|t| matches!(t.span.slice(text), "”" | "\"" | "’" | "'" | "»" | "“"))
        });
        let mut span = Span::new(toks[i].span.start, toks[end].span.end);
        let mut next = end + 1;
        let mut regional = is_regional(k);

        // Demonyms: only "Russian territory".
        let written = &text[toks[i].span.start..toks[end].span.end];
        let upper = written.chars().all(|c| !c.is_lowercase());
        // The hits are filtered in place: an acronym of three letters or
        // fewer names the countries whose code it is; otherwise codes and
        // demonyms are left out, unless nothing else is left.
        let use_codes = upper && written.len() <= 3 && all.iter().any(|h| h.kind == KeyKind::Code);
        let keep = |h: &Hit| {
            if use_codes {
                h.kind == KeyKind::Code
            } else {
                !matches!(h.kind, KeyKind::Demonym | KeyKind::Code)
            }
        };
        let mut all = all;
        let hits = if all.iter().any(keep) {
            all.retain(keep);
            all
        } else {
            let a = after?;
            if !all.iter().any(|h| h.kind == KeyKind::Demonym)
                || a != end + 1
                || !TERRITORY.contains(&toks[a].key)
            {
                return None;
            }
            span.end = toks[a].span.end;
            next = a + 1;
            all.retain(|h| h.kind == KeyKind::Demonym);
            all
        };

        // "the Dnipro", "across the Euphrates": the river, not the city.
        let mut hits = hits;
        if prev(0) == Some("the") && hits.iter().any(|h| self.is_water(h.place)) {
            hits.retain(|h| self.is_water(h.place));
        }
        let hits = hits;
        // The head must be capitalised ("Kyiv Independent"), except for a
        // few unit and office words ("Kursk Oblast administration"); never
        // after a possessive ("Colombia's government").
        let possessive = ["'s", "’s", "'S", "’S"]
            .iter()
            .any(|p| toks[end].span.slice(text).ends_with(p));
        let head_ok = after.is_some_and(|a| {
            toks[a].cap
                || matches!(
                    toks[a].key,
                    "administration" | "legion" | "corps" | "battalion" | "brigade" | "regiment"
                )
        });
        if after_close
            && !possessive
            && head_ok
            && after_key.is_some_and(|a| org_heads().contains(a))
        {
            return None;
        }
        if matches!(prev(0), Some("of" | "for"))
            && prev(1).is_some_and(|p| ORG_PREFIXES.contains(&p))
        {
            return None;
        }

        let strong_place = hits.iter().any(|h| {
            let (feature, population) = self.feature_population(h.place);
            matches!(feature, Feature::Country | Feature::Admin1)
                || population >= BIG_CITY
                || h.kind == KeyKind::RegionForm
                || self.is_water(h.place)
        });
        let the = usize::from(prev(0) == Some("the"));
        let cue_word = prev(the);
        let cued = cue_word.is_some_and(|c| CUES.contains(&c))
            || matches!(
                prev(0),
                Some("village" | "town" | "city" | "settlement" | "hamlet")
            )
            || matches!(
                (prev(1), prev(0)),
                (
                    Some("village" | "town" | "city" | "settlement" | "outskirts" | "region"),
                    Some("of")
                )
            );
        let near = matches!(prev(the), Some("near" | "outside" | "nearby" | "around"))
            || (prev(0) == Some("of") && prev(1) == Some("outskirts"));

        // An acronym ("CIA") names a place only when it is a strong one.
        if upper && written.len() <= 4 && !strong_place && !s.dateline {
            return None;
        }
        let at_start = first_word == Some(i);
        if (at_start || s.headline) && !s.dateline && !strong_place && !cued {
            return None;
        }
        // A person's name: a weak single token next to another capitalised
        // word.
        let city_only = hits.iter().all(|h| {
            let (feature, _) = self.feature_population(h.place);
            !matches!(feature, Feature::Country | Feature::Admin1)
                && h.kind != KeyKind::RegionForm
                && !self.is_water(h.place)
        });
        if city_only && end == i && !s.dateline && !s.headline && !cued {
            // "Vladimir Putin": a city name before a capitalised word that
            // is neither a place nor a title.
            if let Some(a) = after.filter(|&a| a == end + 1 && toks[a].cap) {
                let w = toks[a].key;
                if !TITLES.contains(&w) && !DIVISION_WORDS.contains(&w) && !self.has_key(w) {
                    return None;
                }
            }
        }
        let weak = !strong_place && end == i && !s.dateline;
        if weak {
            let cap_after = after.is_some_and(|a| a == end + 1 && toks[a].cap && !s.headline);
            let cap_before = prev_words
                .first()
                .is_some_and(|&p| p + 1 == i && toks[p].cap && Some(p) != first_word);
            if (cap_after && !cued) || cap_before {
                return None;
            }
        }

        // Extend over a division word after or a "region of" before.
        if next < toks.len() && next == end + 1 && after == Some(next) {
            let w = toks[next].key;
            if DIVISION_WORDS.contains(&w) && !regional && w != "district" {
                span.end = toks[next].span.end;
                next += 1;
                regional = true;
            } else if matches!(w, "and" | "&") {
                // "Belgorod and Kursk regions".
                if let Some(m) = self.coordination(text, toks, next + 1) {
                    span.end = toks[m].span.end;
                    next = m + 1;
                    regional = true;
                }
            }
        }
        if !regional
            && prev(0) == Some("of")
            && prev(1).is_some_and(|p| matches!(p, "region" | "province" | "state" | "oblast"))
        {
            span.start = toks[prev_words[1]].span.start;
            regional = true;
        }
        // A division named by its namesake ("Belgorod and Kursk regions",
        // "Masisi territory"): its division form's places.
        let mut hits = hits;
        if regional && !is_regional(k) {
            let form = self.lookup_key(&format!("{k} region"));
            if !form.is_empty() {
                hits = form;
            }
        }
        // The possessive stays out of the span ("Russia's" → "Russia").
        for p in ["'s", "’s", "'S", "’S"] {
            if text[span.start..span.end].ends_with(p) && span.end - p.len() > span.start {
                span.end -= p.len();
                break;
            }
        }
        let mut directional = false;
        let mut direction = None;
        let area = regional
            || hits.iter().any(|h| {
                matches!(
                    self.feature_population(h.place).0,
                    Feature::Country | Feature::Admin1 | Feature::Admin2
                )
            });
        if let Some(&p) = prev_words.first() {
            let pk = toks[p].key;
            // The span stays on the name: gold annotations mostly leave
            // the direction word out ("northern Ukraine" → "Ukraine").
            // "south-west Russia" is one token, folded "south west".
            directional = p + 1 == i && area && DIRECTIONS.contains(&pk);
            if directional {
                direction = direction_of(pk);
            }
        }
        // "border areas of Kursk", "the border region of Belgorod".
        if area
            && !directional
            && prev(the) == Some("of")
            && matches!(
                prev(the + 1),
                Some("area" | "areas" | "region" | "regions" | "districts" | "zone")
            )
            && prev(the + 2) == Some("border")
        {
            direction = Some("border");
        }
        // "the Belgorod border region", "Kursk's border areas".
        // The phrase itself names an area: a city's name then means its
        // division ("Belgorod border region" → Belgorod Oblast).
        if direction.is_none() {
            let w = |n: usize| toks.get(n).filter(|t| t.word).map(|t| t.key);
            let border = next_word(next).is_some_and(|a| {
                a == next
                    && w(a) == Some("border")
                    && next_word(a + 1).is_some_and(|b| {
                        matches!(
                            w(b),
                            Some("area" | "areas" | "region" | "regions" | "districts" | "zone")
                        )
                    })
            });
            if border {
                if !area {
                    let form = self.lookup_key(&format!("{k} region"));
                    if !form.is_empty() {
                        hits = form;
                        regional = true;
                    }
                }
                direction = Some("border");
            }
        }
        Some((
            Mention {
                span,
                key: k.to_string(),
                hits,
                sentence: si,
                token: i,
                regional,
                near,
                directional,
                direction,
                cued,
            },
            next,
        ))
    }

    /// The plural division word closing "X and Y regions" when tokens from
    /// `at` are "Y regions".
    fn coordination(&self, text: &str, toks: &[Tok], at: usize) -> Option<usize> {
        let root = self.keys.as_fst().root();
        let mut state = Some((root, 0));
        let mut j = at;
        while j < toks.len() && j < at + 3 {
            let t = &toks[j];
            if !t.word || !t.cap {
                break;
            }
            if j > at {
                state = state.and_then(|st| self.walk(st, b" "));
            }
            state = state.and_then(|st| self.walk(st, t.key.as_bytes()));
            let st = state?;
            if st.0.is_final() {
                if let Some(n) = toks.get(j + 1) {
                    let gap = &text[t.span.end..n.span.start];
                    if gap.chars().all(char::is_whitespace) && DIVISION_PLURALS.contains(&n.key) {
                        return Some(j + 1);
                    }
                }
            }
            j += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<Token> {
        sitrep_text::segment(text).tokens
    }

    /// The mentions of `text` read as one body sentence.
    fn mentions(text: &str) -> Vec<Mention> {
        let toks = spans(text);
        let s = SentenceIn {
            tokens: &toks,
            headline: false,
            dateline: false,
        };
        Gazetteer::embedded().recognize(text, &[s])
    }

    fn found(text: &str) -> Vec<String> {
        mentions(text)
            .into_iter()
            .map(|m| m.span.slice(text).to_string())
            .collect()
    }

    #[test]
    fn towns_and_regions() {
        assert_eq!(
            found("There was fighting in Tyotkino and in Grajvoron in the Belgorod region."),
            ["Tyotkino", "Grajvoron", "Belgorod region"]
        );
        assert_eq!(found("Drones hit the Kursk region."), ["Kursk region"]);
    }

    #[test]
    fn walks_kept_across_articles_give_the_same_mentions() {
        let text = "Shelling hit Grajvoron and Kharkiv; Kharkiv Mayor spoke in Kyiv.";
        let first = mentions(text);
        assert_eq!(found(text), ["Grajvoron", "Kharkiv", "Kharkiv", "Kyiv"]);
        // The second reading finds every word in the thread's cache.
        assert!(WALKED.with(|c| c.borrow().states.contains_key("Kharkiv")));
        assert_eq!(mentions(text), first);
        // A word first seen inside another article is walked the same way.
        assert_eq!(found("Kyiv said so."), ["Kyiv"]);
    }

    #[test]
    fn demonyms() {
        assert_eq!(
            found("The attack by Russian forces was repelled."),
            Vec::<String>::new()
        );
        assert_eq!(
            found("They advanced into Russian territory overnight."),
            ["Russian territory"]
        );
    }

    #[test]
    fn organisations() {
        assert_eq!(
            found("A unit of the Freedom of Russia Legion spoke."),
            Vec::<String>::new()
        );
        assert_eq!(
            found("He told the Kyiv Independent so."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn coordination_and_directions() {
        assert_eq!(
            found("They aim to liberate the Belgorod and Kursk regions soon."),
            ["Belgorod and Kursk regions"]
        );
        assert_eq!(found("Fighters in northern Ukraine waited."), ["Ukraine"]);
    }

    fn directions(text: &str) -> Vec<(String, Option<&'static str>)> {
        mentions(text)
            .into_iter()
            .map(|m| (m.span.slice(text).to_string(), m.direction))
            .collect()
    }

    #[test]
    fn directional_regions() {
        assert_eq!(
            directions("Strikes hit southwest Russia and eastern Congo."),
            [
                ("Russia".to_string(), Some("southwest")),
                ("Congo".to_string(), Some("east"))
            ]
        );
        assert_eq!(
            directions("Shelling of the border areas of the Kursk region went on."),
            [("Kursk region".to_string(), Some("border"))]
        );
        assert_eq!(
            directions("They shelled the Belgorod border region again."),
            [("Belgorod".to_string(), Some("border"))]
        );
        assert_eq!(
            directions("Drones hit Kursk and Ukraine."),
            [("Kursk".to_string(), None), ("Ukraine".to_string(), None)]
        );
    }

    #[test]
    fn bodies_of_water() {
        assert_eq!(
            found("Ships crossed the Black Sea and the Kerch Strait."),
            ["Black Sea", "Kerch Strait"]
        );
        assert_eq!(
            found("Troops crossed the Dnipro river near Kherson."),
            ["Dnipro river", "Kherson"]
        );
        assert_eq!(
            found("The water of the Kakhovka reservoir fell."),
            ["Kakhovka reservoir"]
        );
        let g = Gazetteer::embedded();
        let text = "Boats crossed the Dnipro at night, and a missile hit Dnipro.";
        let toks = spans(text);
        let s = SentenceIn {
            tokens: &toks,
            headline: false,
            dateline: false,
        };
        let ms = g.recognize(text, &[s]);
        assert_eq!(ms.len(), 2);
        let rs = g.resolve(&ms, None);
        let river = g.place(rs[0].as_ref().unwrap().place);
        let city = g.place(rs[1].as_ref().unwrap().place);
        assert_eq!(river.feature_code, "STM");
        assert_eq!(city.feature, Feature::PopulatedPlace);
        // "Black Sea Fleet" is a navy, not a place.
        assert!(found("The Black Sea Fleet said so.").is_empty());
    }

    #[test]
    fn ascii_keys_fold_like_key() {
        for w in [
            "Ivano-Frankivsk",
            "Mar'inka",
            "St.",
            "KURSK",
            "Kharkiv",
            "Kharkiv's",
            "-Kursk-",
            "Тёткино",
            "Graïvoron",
        ] {
            assert_eq!(token_key(w), key(w.trim_end_matches("'s")), "{w}");
        }
        // Appended after what the buffer already holds.
        let mut buf = String::from("kursk");
        token_key_into("Oblast", &mut buf);
        assert_eq!(buf, "kurskoblast");
        let g = Gazetteer::embedded();
        assert!(g.has_key("kharkiv") && !g.has_key("zzxqv") && g.has_key("black sea"));
    }
}
