//! Contradictions: claims of different claimants about the same event or
//! operation that cannot both be true.
//!
//! The rules are deliberately narrow; a wrong contradiction misleads more
//! than a missing one. Two claims are compared only when their claimants
//! differ and they are about the same thing (their [`Topic`]s): they report
//! a common event, or, when they report no common event and one of them
//! reports none, they name a common place or one names only a country or
//! region that holds a place the other names. A claim that names neither
//! event nor place takes the topic of its claimant's claim just before it
//! ("He said fighting raged in Oro. He added that the enemy was surprised.").
//! For the outcome, one town or village named by both is enough, even when
//! they report different events there (the events stage may read the
//! capture and the repelled assaults as two events); a denial takes the
//! other side of what it denies ("denied that the town had fallen").
//! A claim that still names neither is compared, for the outcome, with the
//! claims of its own and the next or previous sentence (the other side's
//! answer: "X said they took the hill. Y said they were pushed back.").
//! A claim is read together with the sentence after it when that sentence
//! attributes nothing, is in the same paragraph and goes on with a pronoun
//! ("However, they drove the attackers back.").
//!
//! What a claim says about how an operation went, who an actor is and who
//! did it is read with the disagreement lexicon (`data/disagree.tsv`, format
//! in `data/README.md`, extendable with [`Disagreements::extend`]). Then:
//!
//! - **actor** (responsibility): one denies what the other asserts, about a
//!   common event (never on a place alone); or one claims an act the other
//!   denies (lexicon topic `responsibility`);
//! - **fatalities**: both report a common event and give different death
//!   tolls ("no one was killed" counts as zero; a common place is not
//!   enough, as one place sees several incidents, and tolls of "another"
//!   incident or totals are never compared);
//! - **outcome**: one says an attack failed, the other that the attackers
//!   gained ground or that fighting goes on (lexicon topic `outcome`);
//! - **actor** (identity): one calls a group someone's proxy or puppet, the
//!   other says it acts on its own (lexicon topic `identity`); two such
//!   claims within two sentences of each other are taken to be about the
//!   same group even without a common event or place.

use crate::{Claim, SentenceIn, Span, Stance};
use sitrep_events::wordhash::WordMap;
use std::sync::OnceLock;

/// The embedded disagreement lexicon.
const EMBEDDED: &str = include_str!("../data/disagree.tsv");

/// What two claims disagree about (the contract's `about`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// How an operation went.
    Outcome,
    /// How many died.
    Fatalities,
    /// Who did it, or who someone is.
    Actor,
}

impl About {
    /// The contract's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            About::Outcome => "outcome",
            About::Fatalities => "fatalities",
            About::Actor => "actor",
        }
    }
}

/// Claims that disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    /// Indices of the claims (two).
    pub claims: Vec<usize>,
    /// Indices of the events both concern (may be empty when they were
    /// compared through a place or as neighbours).
    pub events: Vec<usize>,
    /// What they disagree about.
    pub about: About,
    /// A one-line reason.
    pub note: String,
}

/// How precise a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceLevel {
    /// A whole country.
    Country,
    /// A first-order division (province, oblast, state).
    Region,
    /// Anything finer: a town, a village, a district.
    Local,
}

/// A place named in a claim's statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceRef {
    /// Its resolved name.
    pub name: String,
    /// Its country code, when known.
    pub country: Option<String>,
    /// Its first-order division, when known.
    pub admin1: Option<String>,
    /// How precise it is.
    pub level: PlaceLevel,
}

impl PlaceRef {
    /// Does this (country or region) place hold `other`?
    fn holds(&self, other: &PlaceRef) -> bool {
        let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
        match self.level {
            PlaceLevel::Country => {
                other.level != PlaceLevel::Country && same(&self.country, &other.country)
            }
            PlaceLevel::Region => {
                other.level == PlaceLevel::Local
                    && same(&self.country, &other.country)
                    && same(&self.admin1, &other.admin1)
            }
            PlaceLevel::Local => false,
        }
    }
}

/// What a claim is about: the events it reports and the places it names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Topic {
    /// Indices of the events it reports.
    pub events: Vec<usize>,
    /// The places its statement names.
    pub places: Vec<PlaceRef>,
}

/// A topic of the disagreement lexicon: what two claims can disagree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    /// How an operation went: `failed` (false) or `gained` (true).
    Outcome,
    /// Who an actor is: `proxy` (false) or `independent` (true).
    Identity,
    /// Who did it: `denied` (false) or `claimed` (true).
    Responsibility,
}

/// An error in a disagreement lexicon file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("disagreement lexicon line {line}: {reason}")]
pub struct DisagreementError {
    /// One-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// The disagreement lexicon: phrases that put a claim on one side of a
/// [`Point`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Disagreements {
    /// Phrase (lower-case words), point, side.
    entries: Vec<(Vec<String>, Point, bool)>,
    /// First word of a phrase → the entries it starts.
    by_first: WordMap<Vec<usize>>,
}

impl Disagreements {
    /// The embedded lexicon (`data/disagree.tsv`), parsed once.
    pub fn embedded() -> &'static Disagreements {
        static LEX: OnceLock<Disagreements> = OnceLock::new();
        LEX.get_or_init(|| {
            let mut lex = Disagreements::default();
            // The embedded file is tested; valid lines are kept regardless.
            let _ = lex.extend(EMBEDDED);
            lex
        })
    }

    /// Parses a lexicon file.
    pub fn parse(src: &str) -> Result<Disagreements, DisagreementError> {
        let mut lex = Disagreements::default();
        lex.extend(src)?;
        Ok(lex)
    }

    /// Adds the entries of another file (user additions at run time). Lines
    /// before an erroneous line are kept.
    pub fn extend(&mut self, src: &str) -> Result<(), DisagreementError> {
        for (n, raw) in src.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let err = |reason: &str| DisagreementError {
                line: n + 1,
                reason: reason.to_string(),
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() != 3 {
                return Err(err("expected pattern, topic and side separated by tabs"));
            }
            let words = words(&cols[0].to_lowercase());
            if words.is_empty() {
                return Err(err("empty pattern"));
            }
            let (point, side) = match (cols[1], cols[2]) {
                ("outcome", "failed") => (Point::Outcome, false),
                ("outcome", "gained") => (Point::Outcome, true),
                ("identity", "proxy") => (Point::Identity, false),
                ("identity", "independent") => (Point::Identity, true),
                ("responsibility", "denied") => (Point::Responsibility, false),
                ("responsibility", "claimed") => (Point::Responsibility, true),
                _ => return Err(err("unknown topic or side (see data/README.md)")),
            };
            self.by_first
                .entry(words[0].clone())
                .or_default()
                .push(self.entries.len());
            self.entries.push((words, point, side));
        }
        Ok(())
    }

    /// The side `text` takes on `point`: `None` when it takes none or both.
    /// Of overlapping phrases only the longest counts ("not controlled by"
    /// is not "controlled by").
    pub fn side(&self, text: &str, point: Point) -> Option<bool> {
        self.sides(text)[point as usize]
    }

    /// The sides `text` takes on every point, indexed by `Point as usize`
    /// (outcome, identity, responsibility), in one pass over its words.
    pub fn sides(&self, text: &str) -> [Option<bool>; 3] {
        let ws = words(&text.to_lowercase());
        // (start, end, point, side) of every match.
        let mut hits: Vec<(usize, usize, Point, bool)> = Vec::new();
        for (k, w) in ws.iter().enumerate() {
            for &e in self.by_first.get(w).map_or(&[][..], Vec::as_slice) {
                let (phrase, point, side) = &self.entries[e];
                if ws.get(k..k + phrase.len()) == Some(&phrase[..]) {
                    hits.push((k, k + phrase.len(), *point, *side));
                }
            }
        }
        let mut found = [[false; 2]; 3];
        for &(a, b, point, side) in &hits {
            let covered = hits
                .iter()
                .any(|&(c, d, p, _)| p == point && c <= a && b <= d && d - c > b - a);
            if !covered {
                found[point as usize][usize::from(side)] = true;
            }
        }
        found.map(|f| match f {
            [false, true] => Some(true),
            [true, false] => Some(false),
            _ => None,
        })
    }
}

/// Lower-case words: letters, digits and inner apostrophes or hyphens.
fn words(t: &str) -> Vec<String> {
    t.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Contradictions among `claims`, with the embedded lexicon. `sentences`
/// are the sentences the claims were read from, `topics[i]` what claim `i`
/// is about.
pub fn contradictions(
    text: &str,
    sentences: &[SentenceIn],
    claims: &[Claim],
    topics: &[Topic],
) -> Vec<Contradiction> {
    contradictions_with(Disagreements::embedded(), text, sentences, claims, topics)
}

/// [`contradictions`] with a given disagreement lexicon.
pub fn contradictions_with(
    lex: &Disagreements,
    text: &str,
    sentences: &[SentenceIn],
    claims: &[Claim],
    topics: &[Topic],
) -> Vec<Contradiction> {
    let mut out = Vec::new();
    let names: Vec<Option<String>> = claims
        .iter()
        .map(|c| c.claimant.as_ref().map(|p| p.name.to_lowercase()))
        .collect();
    let mut attributions: Vec<Span> = claims.iter().map(|c| c.attribution).collect();
    attributions.sort_by_key(|a| a.start);
    // Only claims with a claimant are compared: the others' bodies are
    // never read.
    let bodies: Vec<Option<String>> = claims
        .iter()
        .zip(&names)
        .map(|(c, n)| {
            n.as_ref()
                .map(|_| context(text, sentences, &attributions, c).to_lowercase())
        })
        .collect();
    let topics = inherit(claims, &names, topics);
    // A denial takes the other side of what it denies ("denied that the
    // town had fallen").
    let reads: Vec<[Option<bool>; 3]> = bodies
        .iter()
        .zip(claims)
        .map(|(t, c)| {
            let denies = c.stance == Stance::Denies;
            t.as_ref()
                .map_or([None; 3], |t| lex.sides(t).map(|x| x.map(|x| x != denies)))
        })
        .collect();
    // Per claim, not per pair: a long article compares each claim with up
    // to 200 others.
    let tolls: Vec<Option<u64>> = bodies
        .iter()
        .map(|t| t.as_ref().and_then(|t| toll(t)))
        .collect();
    let shown: Vec<String> = claims.iter().map(name_of).collect();
    for i in 0..claims.len() {
        let (ta, pa) = (&topics[i].events, &topics[i].places);
        // Claims far apart in a long document are not compared (keeps it linear).
        for j in i + 1..claims.len().min(i + 200) {
            let (a, b) = (&claims[i], &claims[j]);
            let (tb, pb) = (&topics[j].events, &topics[j].places);
            let (Some(wa), Some(wb)) = (&names[i], &names[j]) else {
                continue;
            };
            if wa == wb
                || wa.contains(wb.as_str())
                || wb.contains(wa.as_str())
                || acronym_of(wa, wb)
                || acronym_of(wb, wa)
            {
                continue;
            }
            let shared: Vec<usize> = ta.iter().filter(|e| tb.contains(e)).copied().collect();
            let placed =
                shared.is_empty() && (ta.is_empty() || tb.is_empty()) && same_place(pa, pb);
            // Outcomes are about an operation, which the events stage may
            // have read as several events: the same place is enough.
            let same_operation = shared.is_empty() && same_place(pa, pb);
            let near = a.sentence.abs_diff(b.sentence) <= 2;
            // One town or village named by both: the same operation, even
            // when the events stage read two events there.
            let same_town = pa
                .iter()
                .any(|p| p.level == PlaceLevel::Local && pb.iter().any(|q| q.name == p.name));
            // A claim about no event or place answers the claim next to it.
            let answers = a.sentence.abs_diff(b.sentence) <= 1
                && ((ta.is_empty() && pa.is_empty()) || (tb.is_empty() && pb.is_empty()));
            let (na, nb) = (&shown[i], &shown[j]);
            let (ra, rb) = (reads[i], reads[j]);
            let differ = |k: usize| match (ra[k], rb[k]) {
                (Some(x), Some(y)) if x != y => Some(x),
                _ => None,
            };
            let found = if !shared.is_empty() && a.stance != b.stance {
                let (yes, no) = if a.stance == Stance::Denies {
                    (&nb, &na)
                } else {
                    (&na, &nb)
                };
                Some((About::Actor, format!("{yes} asserts what {no} denies")))
            } else if let (Some(x), Some(y), false) = (tolls[i], tolls[j], shared.is_empty()) {
                (x != y).then(|| {
                    (
                        About::Fatalities,
                        format!("{na} gives {x} killed, {nb} gives {y}"),
                    )
                })
            } else if let (Some(x), true) = (differ(2), !shared.is_empty() || placed) {
                let (p, q) = if x { (&na, &nb) } else { (&nb, &na) };
                Some((
                    About::Actor,
                    format!("{p} claims responsibility, {q} denies it"),
                ))
            } else if let (Some(x), true) = (
                differ(0),
                !shared.is_empty() || same_operation || answers || same_town,
            ) {
                let (p, q) = if x { (&nb, &na) } else { (&na, &nb) };
                Some((
                    About::Outcome,
                    format!("{p} says the attack failed, {q} that the attackers gained ground or fighting goes on"),
                ))
            } else if let (Some(x), true) = (differ(1), !shared.is_empty() || placed || near) {
                let (p, q) = if x { (&nb, &na) } else { (&na, &nb) };
                Some((
                    About::Actor,
                    format!("{p} calls them someone's proxies, {q} says they act on their own"),
                ))
            } else {
                None
            };
            if let Some((about, note)) = found {
                // The events in dispute: those both claims report, else
                // every event either reports (one operation read apart).
                let events = if shared.is_empty() {
                    let mut all: Vec<usize> = ta.iter().chain(tb).copied().collect();
                    all.sort_unstable();
                    all.dedup();
                    all
                } else {
                    shared
                };
                out.push(Contradiction {
                    claims: vec![i, j],
                    events,
                    about,
                    note,
                });
            }
        }
    }
    out
}

/// Two claims name the same place, or one names only countries or regions
/// and one of them holds a place the other names.
fn same_place(pa: &[PlaceRef], pb: &[PlaceRef]) -> bool {
    let coarse =
        |ps: &[PlaceRef]| !ps.is_empty() && ps.iter().all(|p| p.level != PlaceLevel::Local);
    pa.iter().any(|p| pb.iter().any(|q| p.name == q.name))
        || (coarse(pa) && pa.iter().any(|p| pb.iter().any(|q| p.holds(q))))
        || (coarse(pb) && pb.iter().any(|p| pa.iter().any(|q| p.holds(q))))
}

/// Topics, where a claim with neither events nor places takes those of the
/// claim of the same claimant at most two sentences before it.
fn inherit(claims: &[Claim], names: &[Option<String>], topics: &[Topic]) -> Vec<Topic> {
    let mut out: Vec<Topic> = (0..claims.len())
        .map(|i| topics.get(i).cloned().unwrap_or_default())
        .collect();
    for j in 0..claims.len() {
        if !out[j].events.is_empty() || !out[j].places.is_empty() || names[j].is_none() {
            continue;
        }
        let before = (0..j).rev().take(50).find(|&i| {
            names[i] == names[j]
                && claims[i].sentence <= claims[j].sentence
                && claims[j].sentence - claims[i].sentence <= 2
        });
        if let Some(i) = before {
            out[j] = out[i].clone();
        }
    }
    out
}

/// Words that let an unattributed sentence go on with the claimant's voice.
const CONTINUERS: [&str; 8] = [
    "however",
    "but",
    "yet",
    "and",
    "then",
    "also",
    "still",
    "nevertheless",
];

/// Subject pronouns that carry a claim into the next sentence.
const PRONOUNS: [&str; 5] = ["they", "he", "she", "it", "we"];

/// The claim's statement, with the next sentence when that one goes on with
/// it: same paragraph, no claim of its own, opening with a subject pronoun
/// (after a connective, if any).
/// `attributions` are the claims' attribution spans sorted by start.
fn context(text: &str, sentences: &[SentenceIn], attributions: &[Span], c: &Claim) -> String {
    let own = text.get(c.span.start..c.span.end).unwrap_or("");
    let Some(here) = sentences.get(c.sentence) else {
        return own.to_string();
    };
    let from = c.span.end.max(here.span.end);
    let Some(next) = sentences.get(sentences.partition_point(|s| s.span.start < from)) else {
        return own.to_string();
    };
    // Attributions are short: those starting within 1,000 bytes before the
    // sentence are all that can reach into it.
    let attributed = |s: Span| {
        let lo = attributions.partition_point(|a| a.start + 1000 < s.start);
        attributions[lo..]
            .iter()
            .take_while(|a| a.start < s.end)
            .any(|a| s.start < a.end)
    };
    let body = text.get(next.span.start..next.span.end).unwrap_or("");
    let ws = words(&body.to_lowercase());
    let first = ws
        .iter()
        .position(|w| !CONTINUERS.contains(&w.as_str()))
        .unwrap_or(ws.len());
    let continues = next.block == here.block
        && !attributed(next.span)
        && first <= 1
        && ws
            .get(first)
            .is_some_and(|w| PRONOUNS.contains(&w.as_str()));
    if continues {
        format!("{own} {body}")
    } else {
        own.to_string()
    }
}

/// "aip" for "afghan islamic press".
fn acronym_of(short: &str, long: &str) -> bool {
    let initials: String = long
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "of" | "the" | "for" | "and"))
        .filter_map(|w| w.chars().next())
        .collect();
    initials.len() > 1 && initials == short.replace('.', "")
}

fn name_of(c: &Claim) -> String {
    c.claimant
        .as_ref()
        .map_or_else(|| "the article".to_string(), |p| p.name.clone())
}

/// Does `t` hold one of `words` as whole words?
fn has_any(t: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        t.match_indices(w).any(|(i, _)| {
            let before = t[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = t[i + w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    })
}

/// A death toll: a number next to "killed", "dead", "died", or zero for
/// "no one was killed"/"no casualties".
fn toll(t: &str) -> Option<u64> {
    // A toll of another incident, or a total over several, compares with nothing.
    if has_any(
        t,
        &[
            "another",
            "other",
            "in total",
            "in all",
            "total",
            "overall",
            "altogether",
        ],
    ) {
        return None;
    }
    let zero = has_any(
        t,
        &[
            "no one was killed",
            "nobody was killed",
            "no casualties",
            "no deaths",
            "no one died",
            "no fatalities",
        ],
    );
    if zero {
        return Some(0);
    }
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '“' | '”'))
        .filter(|w| !w.is_empty())
        .collect();
    let death = |w: &str| {
        matches!(
            w.trim_end_matches(['.', ':']),
            "killed" | "dead" | "died" | "killing" | "deaths" | "fatalities" | "bodies" | "slain"
        )
    };
    for (k, w) in words.iter().enumerate() {
        let Some(n) = number(w) else { continue };
        if words[k + 1..words.len().min(k + 7)]
            .iter()
            .any(|w| death(w))
        {
            return Some(n);
        }
        if k >= 1 && death(words[k - 1]) && k >= 2 && words[k - 1] != "were" {
            return Some(n);
        }
    }
    None
}

/// A count written in digits ("1,200") or words ("twenty-five"), read by
/// the events crate's number reader; "no" and "zero" are not tolls here.
fn number(w: &str) -> Option<u64> {
    match w {
        "no" | "zero" => None,
        "hundred" => Some(100),
        _ => {
            let digits: String = w.chars().filter(|c| *c != ',').collect();
            sitrep_events::words::number_word(&digits).map(u64::from)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Group, Party, Span};

    /// A claim by `who` stating `body`, in sentence `sentence`.
    fn claim(text: &str, who: &str, body: &str, stance: Stance, sentence: usize) -> Claim {
        let start = text.find(body).unwrap();
        let w = text.find(who).unwrap();
        Claim {
            claimant: Some(Party {
                span: Span::new(w, w + who.len()),
                name: who.to_string(),
            }),
            via: vec![],
            cue: Span::new(0, 0),
            group: Group::Assert,
            stance,
            hedged: false,
            span: Span::new(start, start + body.len()),
            sentence,
            attribution: Span::new(w, w + who.len()),
        }
    }

    fn events(e: &[&[usize]]) -> Vec<Topic> {
        e.iter()
            .map(|e| Topic {
                events: e.to_vec(),
                places: vec![],
            })
            .collect()
    }

    fn place(name: &str, country: &str, admin1: Option<&str>, level: PlaceLevel) -> PlaceRef {
        PlaceRef {
            name: name.to_string(),
            country: Some(country.to_string()),
            admin1: admin1.map(str::to_string),
            level,
        }
    }

    fn at(places: Vec<PlaceRef>) -> Topic {
        Topic {
            events: vec![],
            places,
        }
    }

    /// One sentence per `. `-separated piece, all in block 0.
    fn sentences(t: &str) -> Vec<SentenceIn> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, _) in t.match_indices(". ") {
            out.push(SentenceIn {
                span: Span::new(start, i + 1),
                block: 0,
            });
            start = i + 2;
        }
        out.push(SentenceIn {
            span: Span::new(start, t.len()),
            block: 0,
        });
        out
    }

    #[test]
    fn tolls_differ() {
        let t = "Army: 12 rebels were killed near Aba. Rebels: four fighters died near Aba.";
        let s = sentences(t);
        let cs = [
            claim(
                t,
                "Army",
                "12 rebels were killed near Aba",
                Stance::Asserts,
                0,
            ),
            claim(
                t,
                "Rebels",
                "four fighters died near Aba",
                Stance::Asserts,
                1,
            ),
        ];
        let got = contradictions(t, &s, &cs, &events(&[&[0], &[0]]));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].about, About::Fatalities);
        assert!(got[0].note.contains("12"));
        // The same place without a common event: no contradiction.
        let aba = place("Aba", "NG", Some("Abia"), PlaceLevel::Local);
        let topics = [at(vec![aba.clone()]), at(vec![aba])];
        assert!(contradictions(t, &s, &cs, &topics).is_empty());
    }

    #[test]
    fn same_toll_or_same_claimant_is_no_contradiction() {
        let t = "Army: 12 killed. Police: 12 killed. Army: 3 killed.";
        let s = sentences(t);
        let same_toll = [
            claim(t, "Army", "12 killed", Stance::Asserts, 0),
            claim(t, "Police", "12 killed.", Stance::Asserts, 1),
        ];
        assert!(contradictions(t, &s, &same_toll, &events(&[&[0], &[0]])).is_empty());
        let same_claimant = [
            claim(t, "Army", "12 killed", Stance::Asserts, 0),
            claim(t, "Army", "3 killed", Stance::Asserts, 2),
        ];
        assert!(contradictions(t, &s, &same_claimant, &events(&[&[0], &[0]])).is_empty());
    }

    #[test]
    fn denial_needs_a_common_event() {
        let t = "Militia: we shelled the depot at Oro. Army: nobody shelled the depot at Oro.";
        let s = sentences(t);
        let cs = [
            claim(
                t,
                "Militia",
                "we shelled the depot at Oro",
                Stance::Asserts,
                0,
            ),
            claim(
                t,
                "Army",
                "nobody shelled the depot at Oro",
                Stance::Denies,
                1,
            ),
        ];
        let oro = place("Oro", "XX", None, PlaceLevel::Local);
        let places = [at(vec![oro.clone()]), at(vec![oro])];
        assert!(contradictions(t, &s, &cs, &places).is_empty());
        let got = contradictions(t, &s, &cs, &events(&[&[3], &[3]]));
        assert_eq!(got[0].about, About::Actor);
        assert_eq!(got[0].events, [3]);
    }

    #[test]
    fn outcome_by_place() {
        let t = "A: the assault on Oro was repelled. B: our units captured Oro.";
        let s = sentences(t);
        let cs = [
            claim(
                t,
                "A",
                "the assault on Oro was repelled",
                Stance::Asserts,
                0,
            ),
            claim(t, "B", "our units captured Oro", Stance::Asserts, 1),
        ];
        let oro = place("Oro", "XX", Some("North"), PlaceLevel::Local);
        let got = contradictions(t, &s, &cs, &[at(vec![oro.clone()]), at(vec![oro.clone()])]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].about, About::Outcome);
        assert!(
            got[0].note.starts_with("A says the attack failed"),
            "{}",
            got[0].note
        );
        // No common place: nothing.
        let ula = place("Ula", "XX", Some("South"), PlaceLevel::Local);
        assert!(
            contradictions(t, &s, &cs, &[at(vec![oro.clone()]), at(vec![ula.clone()])]).is_empty()
        );
        // A claim that names only the country holds any place in it …
        let xx = place("Xland", "XX", None, PlaceLevel::Country);
        assert_eq!(
            contradictions(t, &s, &cs, &[at(vec![xx.clone()]), at(vec![ula.clone()])]).len(),
            1
        );
        // … but not when it also names a place of its own.
        assert!(contradictions(t, &s, &cs, &[at(vec![xx, oro]), at(vec![ula])]).is_empty());
    }

    #[test]
    fn outcome_across_events_read_apart() {
        // The events stage read the failed assault and the capture as two
        // events; the place still makes them one operation.
        let t = "A: the assault on Oro was repelled. B: our units captured Oro.";
        let s = sentences(t);
        let cs = [
            claim(
                t,
                "A",
                "the assault on Oro was repelled",
                Stance::Asserts,
                0,
            ),
            claim(t, "B", "our units captured Oro", Stance::Asserts, 1),
        ];
        let oro = place("Oro", "XX", Some("North"), PlaceLevel::Local);
        let xx = place("Xland", "XX", None, PlaceLevel::Country);
        let topic = |e: usize, p: PlaceRef| Topic {
            events: vec![e],
            places: vec![p],
        };
        let got = contradictions(t, &s, &cs, &[topic(0, xx), topic(1, oro.clone())]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].about, About::Outcome);
        assert_eq!(got[0].events, vec![0, 1]);
        let ula = place("Ula", "XX", Some("South"), PlaceLevel::Local);
        assert!(contradictions(t, &s, &cs, &[topic(0, ula), topic(1, oro)]).is_empty());
    }

    #[test]
    fn region_holds_only_its_own_places() {
        let north = place("North", "XX", Some("North"), PlaceLevel::Region);
        let oro = place("Oro", "XX", Some("North"), PlaceLevel::Local);
        let ula = place("Ula", "XX", Some("South"), PlaceLevel::Local);
        assert!(same_place(std::slice::from_ref(&north), &[oro]));
        assert!(!same_place(&[north], &[ula]));
    }

    #[test]
    fn outcome_read_from_the_sentence_that_goes_on() {
        let t = "The army said raiders crossed into Bela. However, they were repelled. \
                 A rebel commander said there was fierce fighting in Bela.";
        let s = sentences(t);
        let cs = [
            claim(t, "army", "raiders crossed into Bela", Stance::Asserts, 0),
            claim(
                t,
                "A rebel commander",
                "there was fierce fighting in Bela",
                Stance::Asserts,
                2,
            ),
        ];
        let bela = place("Bela", "XX", None, PlaceLevel::Local);
        let topics = [at(vec![bela.clone()]), at(vec![bela])];
        let got = contradictions(t, &s, &cs, &topics);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].about, About::Outcome);
        // In another paragraph the next sentence is not the army's.
        let mut s2 = s.clone();
        s2[1].block = 1;
        s2[2].block = 1;
        assert!(contradictions(t, &s2, &cs, &topics).is_empty());
    }

    #[test]
    fn a_placeless_claim_takes_its_claimants_topic() {
        let t = "Kovac said the convoy advanced on Lisa. Kovac said the enemy was surprised. \
                 Later the garrison said the attack failed.";
        let s = sentences(t);
        let cs = [
            claim(
                t,
                "Kovac",
                "the convoy advanced on Lisa",
                Stance::Asserts,
                0,
            ),
            claim(t, "Kovac", "the enemy was surprised", Stance::Asserts, 1),
            claim(t, "garrison", "the attack failed", Stance::Asserts, 2),
        ];
        let lisa = place("Lisa", "XX", None, PlaceLevel::Local);
        let topics = [at(vec![lisa.clone()]), at(vec![]), at(vec![lisa])];
        let got = contradictions(t, &s, &cs, &topics);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].claims, [0, 2]);
        // Without the first claim's place the garrison is compared with nothing.
        let bare = [at(vec![]), at(vec![]), topics[2].clone()];
        assert!(contradictions(t, &s, &cs, &bare).is_empty());
    }

    #[test]
    fn a_placeless_answer_next_door_is_compared() {
        let t = "The rebels said they had taken control of the ridge above Tova. \
                 The army said the rebels were pushed back. \
                 Trade resumed. Schools opened. A teacher said the rebels were repelled.";
        let s = sentences(t);
        let cs = [
            claim(
                t,
                "The rebels",
                "they had taken control of the ridge above Tova",
                Stance::Asserts,
                0,
            ),
            claim(
                t,
                "The army",
                "the rebels were pushed back",
                Stance::Asserts,
                1,
            ),
            claim(
                t,
                "A teacher",
                "the rebels were repelled",
                Stance::Asserts,
                4,
            ),
        ];
        let tova = place("Tova", "XX", None, PlaceLevel::Local);
        let got = contradictions(t, &s, &cs, &[at(vec![tova]), at(vec![]), at(vec![])]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].claims, [0, 1]);
        assert_eq!(got[0].about, About::Outcome);
    }

    #[test]
    fn one_town_is_one_operation_and_a_denial_flips_the_side() {
        let t = "The army said it took full control of Vosk. \
                 The militia said its fighters repelled the assault on Vosk. \
                 The governor denied that Vosk had fallen.";
        let s = sentences(t);
        let cs = [
            claim(
                t,
                "The army",
                "it took full control of Vosk",
                Stance::Asserts,
                0,
            ),
            claim(
                t,
                "The militia",
                "its fighters repelled the assault on Vosk",
                Stance::Asserts,
                1,
            ),
            claim(t, "The governor", "Vosk had fallen", Stance::Denies, 2),
        ];
        let vosk = place("Vosk", "XX", None, PlaceLevel::Local);
        // Three different events: still one operation at Vosk.
        let topics = [
            Topic {
                events: vec![0],
                places: vec![vosk.clone()],
            },
            Topic {
                events: vec![1],
                places: vec![vosk.clone()],
            },
            Topic {
                events: vec![2],
                places: vec![vosk],
            },
        ];
        let got = contradictions(t, &s, &cs, &topics);
        let pairs: Vec<&[usize]> = got.iter().map(|x| x.claims.as_slice()).collect();
        assert_eq!(pairs, [&[0, 1][..], &[0, 2][..]], "{got:?}");
        assert!(got.iter().all(|x| x.about == About::Outcome));
    }

    #[test]
    fn identity_between_neighbours() {
        let t = "The ministry calls the brigades puppets of a foreign service. \
                 A brigade officer said they fight on their own. \
                 Weeks passed. Rain fell. Then a diplomat said the brigades are proxies.";
        let s = sentences(t);
        let cs = [
            claim(
                t,
                "The ministry",
                "the brigades puppets of a foreign service",
                Stance::Asserts,
                0,
            ),
            claim(
                t,
                "A brigade officer",
                "they fight on their own",
                Stance::Asserts,
                1,
            ),
            claim(
                t,
                "a diplomat",
                "the brigades are proxies",
                Stance::Asserts,
                4,
            ),
        ];
        let got = contradictions(t, &s, &cs, &[at(vec![]), at(vec![]), at(vec![])]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].about, About::Actor);
        assert_eq!(got[0].claims, [0, 1]);
        assert!(got[0].note.starts_with("The ministry calls them"));
    }

    #[test]
    fn responsibility_claimed_and_denied() {
        let t = "The front claimed responsibility for the blast in Oro. \
                 The movement said it was not involved in the blast in Oro.";
        let s = sentences(t);
        let cs = [
            claim(
                t,
                "The front",
                "claimed responsibility for the blast in Oro",
                Stance::Asserts,
                0,
            ),
            claim(
                t,
                "The movement",
                "it was not involved in the blast in Oro",
                Stance::Asserts,
                1,
            ),
        ];
        let got = contradictions(t, &s, &cs, &events(&[&[1], &[1]]));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].about, About::Actor);
        assert!(got[0].note.contains("claims responsibility"));
    }

    #[test]
    fn lexicon_sides_and_errors() {
        let lex = Disagreements::embedded();
        assert_eq!(
            lex.side("they are puppets of the army", Point::Identity),
            Some(false)
        );
        assert_eq!(
            lex.side("the units operate independently", Point::Identity),
            Some(true)
        );
        assert_eq!(
            lex.side("the units are not controlled by the army", Point::Identity),
            Some(true)
        );
        assert_eq!(
            lex.side("intense fighting near the village", Point::Outcome),
            Some(true)
        );
        assert_eq!(
            lex.side("they failed to advance and were repelled", Point::Outcome),
            Some(false)
        );
        assert_eq!(lex.side("repelled, then advanced", Point::Outcome), None);
        assert_eq!(lex.side("nothing here", Point::Outcome), None);
        let mut user = Disagreements::parse("stalled\toutcome\tfailed\n").unwrap();
        assert_eq!(user.side("the push stalled", Point::Outcome), Some(false));
        assert_eq!(user.extend("x\toutcome\n").unwrap_err().line, 1);
        assert_eq!(
            Disagreements::parse("# c\nx\tmood\tgood\n")
                .unwrap_err()
                .line,
            2
        );
        assert!(Disagreements::parse(EMBEDDED).is_ok());
    }

    #[test]
    fn helpers() {
        assert_eq!(toll("no one was killed"), Some(0));
        assert_eq!(toll("another 10 people were killed"), None);
        assert!(acronym_of("aip", "afghan islamic press"));
        assert!(!acronym_of("un", "united"));
        assert_eq!(toll("a blast killed 7 people"), Some(7));
        assert_eq!(toll("7 people were wounded"), None);
        assert_eq!(toll("7 people were killed"), Some(7));
        assert!(!has_any("unfailed", &["failed"]));
    }
}
