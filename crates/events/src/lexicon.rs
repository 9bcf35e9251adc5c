//! The trigger lexicon: word and multiword patterns that signal events, with
//! their ACLED and PLOVER types, read from a tab-separated file
//! (`data/triggers.tsv`, format in `data/README.md`).

use crate::taxonomy;
use std::sync::OnceLock;

/// How a lexicon entry takes part in typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Signals an event by itself.
    Trigger,
    /// Signals an event only when nothing else in the sentence does
    /// ("killed", "wounded").
    Result,
    /// A repelled or foiled attack: an armed clash in which the attacker
    /// stays actor1.
    Repel,
    /// Not a trigger: a weapon that types generic attacks near it.
    Instrument,
}

/// What a trigger's type is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    /// One ACLED sub-event type, fixed.
    Fixed(&'static str),
    /// A generic attack ("attacked", "struck"), typed by the instrument and
    /// the target (`@attack`).
    Attack,
    /// A death or injury report ("killed"), typed like an attack (`@kill`).
    Kill,
    /// A demonstration, typed by what happened to it (`@protest`).
    Protest,
    /// Territory taken (`@capture`): a non-state actor, unless a government
    /// retakes its own.
    Capture,
    /// An explosion (`@blast`): the instrument's type when one is named
    /// (a missile, a drone), else a remote explosive.
    Blast,
    /// A strike (`@strike`): the instrument's type when one is named, else
    /// an air or drone strike.
    Strike,
    /// A detention (`@detain`): arrests by the state, abduction by armed
    /// groups.
    Detain,
    /// Destruction (`@destroy`): the instrument's type when one is named
    /// ("artillerymen destroyed two depots" → shelling); without one, no
    /// event (what destroyed it is not told).
    Destroy,
}

/// One pattern word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word {
    /// Matches the word and its regular inflections ("shell" → "shelled",
    /// "shelling", "shells").
    Lemma(String),
    /// `=word`: only exactly this word.
    Exact(String),
    /// `word*`: any word starting with it.
    Prefix(String),
    /// `_`: up to five words of any kind.
    Gap,
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The pattern, as written in the file.
    pub pattern: String,
    /// The pattern's words.
    pub words: Vec<Word>,
    /// How it is typed.
    pub typing: Typing,
    /// PLOVER event type ("ASSAULT").
    pub plover: String,
    /// PLOVER mode ("heavy-weapons"); may be empty.
    pub mode: String,
    /// How it takes part.
    pub role: Role,
}

impl Entry {
    /// A seizure or find of weapons: disrupted weapons use whose PLOVER
    /// mode is "seize" (as opposed to an interception or a defusal).
    pub fn is_weapon_seizure(&self) -> bool {
        self.typing == Typing::Fixed("Disrupted weapons use") && self.mode == "seize"
    }
}

/// A set of trigger and instrument patterns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    entries: Vec<Entry>,
    /// Entries by the first three bytes of their first word (inflections
    /// keep them); entries whose first word is shorter are in `short`.
    by_head: crate::wordhash::WordMap<Vec<usize>>,
    short: Vec<usize>,
}

/// The index key of a word: its first three bytes, when it has them on a
/// char boundary.
fn head(w: &str) -> Option<&str> {
    w.get(..3)
}

/// Why a lexicon file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "trigger file line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

const EMBEDDED: &str = include_str!("../data/triggers.tsv");

impl Lexicon {
    /// The lexicon shipped with sitrep (`data/triggers.tsv`).
    pub fn embedded() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::from_tsv(EMBEDDED).unwrap_or_default())
    }

    /// Reads a lexicon from the TSV format of `data/README.md`.
    pub fn from_tsv(tsv: &str) -> Result<Lexicon, LexiconError> {
        let mut l = Lexicon::default();
        l.extend_tsv(tsv)?;
        Ok(l)
    }

    /// The embedded lexicon with the entries of a user file added.
    pub fn with_user_tsv(tsv: &str) -> Result<Lexicon, LexiconError> {
        let mut l = Lexicon::embedded().clone();
        l.extend_tsv(tsv)?;
        Ok(l)
    }

    /// Adds the entries of `tsv`. On error nothing is added.
    pub fn extend_tsv(&mut self, tsv: &str) -> Result<(), LexiconError> {
        let mut added = Vec::new();
        for (i, line) in tsv.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let err = |message: String| LexiconError {
                line: i + 1,
                message,
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 2 {
                return Err(err("expected at least pattern and type".into()));
            }
            let words = parse_pattern(cols[0]);
            if words.is_empty() || words.iter().all(|w| *w == Word::Gap) {
                return Err(err(format!("empty pattern {:?}", cols[0])));
            }
            let typing = match cols[1] {
                "@attack" => Typing::Attack,
                "@kill" => Typing::Kill,
                "@protest" => Typing::Protest,
                "@capture" => Typing::Capture,
                "@detain" => Typing::Detain,
                "@blast" => Typing::Blast,
                "@strike" => Typing::Strike,
                "@destroy" => Typing::Destroy,
                t => match taxonomy::sub_event_type(t) {
                    Some(s) => Typing::Fixed(s),
                    None => return Err(err(format!("unknown type {t:?}"))),
                },
            };
            let role = match cols.get(4).copied().unwrap_or("trigger") {
                "" | "trigger" => Role::Trigger,
                "result" => Role::Result,
                "repel" => Role::Repel,
                "instrument" => Role::Instrument,
                r => return Err(err(format!("unknown role {r:?}"))),
            };
            if role == Role::Instrument && !matches!(typing, Typing::Fixed(_)) {
                return Err(err("an instrument needs a fixed sub-event type".into()));
            }
            added.push(Entry {
                pattern: cols[0].to_string(),
                words,
                typing,
                plover: cols.get(2).copied().unwrap_or("").to_string(),
                mode: cols.get(3).copied().unwrap_or("").to_string(),
                role,
            });
        }
        for e in added {
            let i = self.entries.len();
            let first = match e.words.first() {
                Some(Word::Lemma(w) | Word::Exact(w) | Word::Prefix(w)) => head(w),
                _ => None,
            };
            match first {
                Some(h) => self.by_head.entry(h.to_string()).or_default().push(i),
                None => self.short.push(i),
            }
            self.entries.push(e);
        }
        Ok(())
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Matches of every entry over `words` (lower-cased word tokens): (entry
    /// index, first word, one past the last word). Among matches starting
    /// at one word, only the longest of each role is kept.
    pub fn matches(&self, words: &[&str]) -> Vec<(usize, usize, usize)> {
        let mut out: Vec<(usize, usize, usize)> = Vec::new();
        for (start, w) in words.iter().enumerate() {
            let indexed = head(w).and_then(|h| self.by_head.get(h));
            for &ei in indexed.into_iter().flatten().chain(&self.short) {
                if let Some(end) = match_at(&self.entries[ei].words, words, start) {
                    out.push((ei, start, end));
                }
            }
        }
        // Longest match per (start word, instrument-or-not) wins; then drop
        // matches inside longer ones of the same kind.
        out.sort_by_key(|&(ei, s, e)| (s, std::cmp::Reverse(e - s), ei));
        let mut kept: Vec<(usize, usize, usize)> = Vec::new();
        for m in out {
            let inst = self.entries[m.0].role == Role::Instrument;
            let covered = kept.iter().any(|k| {
                (self.entries[k.0].role == Role::Instrument) == inst && k.1 <= m.1 && m.2 <= k.2
            });
            if !covered {
                kept.push(m);
            }
        }
        kept
    }
}

fn parse_pattern(p: &str) -> Vec<Word> {
    p.split_whitespace()
        .map(|w| {
            let w = w.to_lowercase();
            if w == "_" {
                Word::Gap
            } else if let Some(x) = w.strip_prefix('=') {
                Word::Exact(x.to_string())
            } else if let Some(x) = w.strip_suffix('*') {
                Word::Prefix(x.to_string())
            } else {
                Word::Lemma(w)
            }
        })
        .collect()
}

/// The end (exclusive word index) of a match of `pattern` at `start`.
fn match_at(pattern: &[Word], words: &[&str], start: usize) -> Option<usize> {
    let (first, rest) = pattern.split_first()?;
    if *first == Word::Gap {
        for skip in 0..=5 {
            if let Some(e) = match_at(rest, words, start + skip) {
                return Some(e);
            }
        }
        return None;
    }
    let w = words.get(start)?;
    let ok = match first {
        Word::Lemma(l) => inflects(w, l),
        Word::Exact(x) => w == x,
        Word::Prefix(x) => w.starts_with(x.as_str()),
        Word::Gap => false,
    };
    if !ok {
        return None;
    }
    if rest.is_empty() {
        Some(start + 1)
    } else {
        match_at(rest, words, start + 1)
    }
}

/// True when `word` is `lemma` or one of its regular inflections: -s, -es,
/// -ed, -d, -ing, y → -ies/-ied, a dropped final e before -ing, a doubled
/// final consonant ("shelled" from "shell" is plain -ed; "stabbed",
/// "targetting").
pub fn inflects(word: &str, lemma: &str) -> bool {
    if word == lemma {
        return true;
    }
    let Some(rest) = word.strip_prefix(lemma) else {
        // Dropped e or y → i.
        if let Some(stem) = lemma.strip_suffix('e') {
            if let Some(r) = word.strip_prefix(stem) {
                return r == "ing";
            }
        }
        if let Some(stem) = lemma.strip_suffix('y') {
            if let Some(r) = word.strip_prefix(stem) {
                return r == "ies" || r == "ied";
            }
        }
        return false;
    };
    if matches!(rest, "s" | "es" | "ed" | "d" | "ing") {
        return true;
    }
    // Doubled final consonant.
    let last = lemma.chars().last();
    let mut r = rest.chars();
    if last.is_some_and(|c| !"aeiouy".contains(c)) && r.next() == last {
        return matches!(r.as_str(), "ed" | "ing");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        for (w, l) in [
            ("shelled", "shell"),
            ("shelling", "shell"),
            ("shells", "shell"),
            ("captured", "capture"),
            ("capturing", "capture"),
            ("stabbed", "stab"),
            ("rallies", "rally"),
            ("rallied", "rally"),
            ("clashes", "clash"),
            ("ambushed", "ambush"),
        ] {
            assert!(inflects(w, l), "{w} {l}");
        }
        for (w, l) in [
            ("shellfish", "shell"),
            ("hitler", "hit"),
            ("rallye", "rally"),
            ("stab", "stabbed"),
            ("fighters", "fight"),
        ] {
            assert!(!inflects(w, l), "{w} {l}");
        }
    }

    #[test]
    fn embedded_loads_and_matches_multiwords() {
        let l = Lexicon::embedded();
        assert!(l.entries().len() > 150);
        let words = ["air", "defences", "shot", "down", "five", "drones"];
        let m = l.matches(&words);
        let pats: Vec<&str> = m
            .iter()
            .map(|x| l.entries()[x.0].pattern.as_str())
            .collect();
        assert!(pats.contains(&"shot down"), "{pats:?}");
        assert!(!pats.contains(&"shot"), "inside a longer trigger: {pats:?}");
        assert!(pats.contains(&"drone"), "instruments are kept: {pats:?}");
    }

    #[test]
    fn gaps() {
        let l = Lexicon::from_tsv("destroy _ drone\tDisrupted weapons use\tCOERCE\trestrict\n")
            .unwrap();
        assert_eq!(
            l.matches(&["destroyed", "five", "ukrainian", "drones"]),
            vec![(0, 0, 4)]
        );
        assert!(l
            .matches(&["destroyed", "a", "b", "c", "d", "e", "f", "drones"])
            .is_empty());
    }

    #[test]
    fn user_files_extend_and_errors_name_the_line() {
        let l =
            Lexicon::with_user_tsv("# mine\nmachete attack\tAttack\tASSAULT\tprimitive\n").unwrap();
        assert_eq!(l.entries().len(), Lexicon::embedded().entries().len() + 1);
        let e = Lexicon::from_tsv("ok\tArmed clash\nbad\tNo such type\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(Lexicon::from_tsv("x\t@attack\t\t\tinstrument\n").is_err());
        assert!(Lexicon::from_tsv("_\tArmed clash\n").is_err());
    }
}
