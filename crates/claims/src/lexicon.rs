//! The cue lexicon: reporting verbs, attribution phrases, channels,
//! platforms, nominal cues and hedges, read from a tab-separated file
//! (format in `data/README.md`).

use sitrep_events::wordhash::WordMap;
use std::sync::OnceLock;

/// The lexicon shipped with the crate.
pub const EMBEDDED: &str = include_str!("../data/cues.tsv");

/// What a cue says about the statement it introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// A neutral report ("said", "announced").
    Assert,
    /// A contested or self-serving claim ("claimed", "alleged").
    Claim,
    /// A denial ("denied", "rejected").
    Deny,
    /// An estimate or assessment ("estimated", "predicted").
    Estimate,
    /// A view the claimant holds rather than states ("fears", "believes",
    /// "expects"): who holds it is still who the statement is owed to.
    Belief,
    /// What the claimant means to do ("plans", "wants", "intends").
    Intention,
    /// What the claimant asks others to do ("called for", "urged", "asked
    /// them to").
    Request,
}

/// The kind of attribution a claim is, by its cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttributionKind {
    /// Something said, written, reported, denied or estimated.
    Speech,
    /// A view held: "the minister fears that …".
    Belief,
    /// An intention: "the company plans to …".
    Intention,
    /// A request or demand: "the agency called for a re-run".
    Request,
}

impl Group {
    /// The kind of attribution a cue of this group makes.
    pub fn kind(self) -> AttributionKind {
        match self {
            Group::Belief => AttributionKind::Belief,
            Group::Intention => AttributionKind::Intention,
            Group::Request => AttributionKind::Request,
            _ => AttributionKind::Speech,
        }
    }
}

impl AttributionKind {
    /// Its name in reports: `speech`, `belief`, `intention` or `request`.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Speech => "speech",
            AttributionKind::Belief => "belief",
            AttributionKind::Intention => "intention",
            AttributionKind::Request => "request",
        }
    }
}

/// How a phrase of the lexicon is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A reporting verb; its inflected forms are cues.
    Verb,
    /// A preposition followed by the claimant ("according to").
    Prep,
    /// A participle followed by the origin of the report ("citing").
    Cite,
    /// A phrase followed by the outlet that carried it ("told", "quoted by").
    Channel,
    /// A platform the claimant posts on itself ("Telegram"); never a channel.
    Platform,
    /// A noun that speaks for its owner ("statement" in "the army's statement said").
    Noun,
    /// A word or phrase by which the article keeps its distance ("reportedly").
    Hedge,
    /// A verification disclaimer; also hedges the sentence before.
    Disclaimer,
}

/// An error in a lexicon file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cue lexicon line {line}: {reason}")]
pub struct LexiconError {
    /// One-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// A verb form found in the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbCue {
    /// The lemma ("say").
    pub lemma: String,
    /// What it says about the statement.
    pub group: Group,
    /// Introduces a statement only with "that", a colon or a quotation.
    pub needs_that: bool,
    /// With `needs_that`: a "to"-infinitive also introduces one ("plans to
    /// build", "expects the talks to fail").
    pub takes_to: bool,
    /// Introduces a statement only with "for" right after it ("called for
    /// a re-run"); the statement starts after "for".
    pub takes_for: bool,
}

/// The cue lexicon.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    verbs: WordMap<VerbCue>,
    /// Multi-word and single-word phrases by kind, as folded word lists.
    phrases: Vec<(Vec<String>, Kind, Option<Group>)>,
    /// Nouns, folded.
    nouns: WordMap<Group>,
    /// Platforms, as written (case matters: "X").
    platforms: Vec<String>,
    /// Indices into `phrases` by first word, longest first.
    by_first: WordMap<Vec<usize>>,
}

impl Lexicon {
    /// The embedded lexicon, parsed once.
    pub fn embedded() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            let mut lex = Lexicon::default();
            // The embedded file is tested; an error here is a build bug, and
            // even then the lexicon keeps every valid line.
            let _ = lex.extend(EMBEDDED);
            lex
        })
    }

    /// Parses a lexicon file.
    pub fn parse(src: &str) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        lex.extend(src)?;
        Ok(lex)
    }

    /// Adds the entries of another file (for user additions at run time).
    /// Lines before an erroneous line are kept.
    pub fn extend(&mut self, src: &str) -> Result<(), LexiconError> {
        let result = self.add_lines(src);
        self.reindex();
        result
    }

    fn add_lines(&mut self, src: &str) -> Result<(), LexiconError> {
        for (n, raw) in src.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let err = |reason: &str| LexiconError {
                line: n + 1,
                reason: reason.to_string(),
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 {
                return Err(err("expected pattern, kind and group separated by tabs"));
            }
            let (pattern, kind, group) = (cols[0], cols[1], cols[2]);
            if pattern.is_empty() {
                return Err(err("empty pattern"));
            }
            let group = match group {
                "assert" => Some(Group::Assert),
                "claim" => Some(Group::Claim),
                "deny" => Some(Group::Deny),
                "estimate" => Some(Group::Estimate),
                "belief" => Some(Group::Belief),
                "intention" => Some(Group::Intention),
                "request" => Some(Group::Request),
                "-" | "" => None,
                _ => return Err(err(
                    "group must be assert, claim, deny, estimate, belief, intention, request or -",
                )),
            };
            let forms = cols.get(3).copied().unwrap_or("");
            let words = fold_words(pattern);
            match kind {
                "verb" => {
                    let group = group.ok_or_else(|| err("a verb needs a group"))?;
                    let lemma = pattern.to_lowercase();
                    if lemma.contains(' ') {
                        return Err(err("a verb is one word"));
                    }
                    let mut all = inflect(&lemma);
                    let mut base = true;
                    let mut needs_that = false;
                    let mut takes_to = false;
                    let mut takes_for = false;
                    for f in forms.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                        if f == "+that" {
                            needs_that = true;
                        } else if f == "+to" {
                            needs_that = true;
                            takes_to = true;
                        } else if f == "+for" {
                            takes_for = true;
                        } else if f == "-base" {
                            base = false;
                        } else {
                            all.push(f.to_lowercase());
                        }
                    }
                    if !base {
                        all.retain(|f| *f != lemma);
                    }
                    for f in all {
                        self.verbs.insert(
                            f,
                            VerbCue {
                                lemma: lemma.clone(),
                                group,
                                needs_that,
                                takes_to,
                                takes_for,
                            },
                        );
                    }
                }
                "noun" => {
                    self.nouns
                        .insert(pattern.to_lowercase(), group.unwrap_or(Group::Assert));
                }
                "platform" => self.platforms.push(pattern.to_string()),
                "prep" | "cite" | "channel" | "hedge" | "disclaimer" => {
                    let kind = match kind {
                        "prep" => Kind::Prep,
                        "cite" => Kind::Cite,
                        "channel" => Kind::Channel,
                        "hedge" => Kind::Hedge,
                        _ => Kind::Disclaimer,
                    };
                    if words.is_empty() {
                        return Err(err("pattern has no words"));
                    }
                    self.phrases.push((words, kind, group));
                }
                _ => return Err(err("unknown kind")),
            }
        }
        Ok(())
    }

    fn reindex(&mut self) {
        // Longest phrases first, so "opposite the" wins over "opposite".
        self.phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        self.by_first.clear();
        for (k, (words, _, _)) in self.phrases.iter().enumerate() {
            if let Some(first) = words.first() {
                self.by_first.entry(first.clone()).or_default().push(k);
            }
        }
    }

    /// The verb cue for a (lower-case) word form.
    pub fn verb(&self, form: &str) -> Option<&VerbCue> {
        self.verbs.get(form)
    }

    /// The group of a nominal cue (lower case).
    pub fn noun(&self, word: &str) -> Option<Group> {
        self.nouns.get(word).copied()
    }

    /// Whether `word` (as written) names a platform.
    pub fn is_platform(&self, word: &str) -> bool {
        self.platforms.iter().any(|p| p == word)
    }

    /// The longest phrase of `kind` that starts at `words[0]`: its length in words.
    pub fn phrase_at(&self, words: &[&str], kind: Kind) -> Option<(usize, Option<Group>)> {
        let first = words.first()?;
        self.by_first
            .get(*first)?
            .iter()
            .map(|&k| &self.phrases[k])
            .filter(|(_, k, _)| *k == kind)
            .find(|(p, _, _)| p.len() <= words.len() && p.iter().zip(words).all(|(a, b)| a == b))
            .map(|(p, _, g)| (p.len(), *g))
    }

    /// Number of verb forms (for tests and diagnostics).
    pub fn verb_forms(&self) -> usize {
        self.verbs.len()
    }
}

/// Lower-cased words of a phrase.
fn fold_words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

/// Regular inflections of an English verb: base, third person, past, -ing.
pub fn inflect(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let b = lemma.as_bytes();
    let n = b.len();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    if n == 0 {
        return out;
    }
    let last = b[n - 1];
    if last == b'y' && n > 1 && !vowel(b[n - 2]) {
        let stem = &lemma[..n - 1];
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{lemma}ing"));
    } else if last == b'e' {
        let stem = &lemma[..n - 1];
        out.push(format!("{lemma}s"));
        out.push(format!("{lemma}d"));
        out.push(format!("{stem}ing"));
    } else {
        let sibilant = lemma.ends_with('s')
            || lemma.ends_with('x')
            || lemma.ends_with("sh")
            || lemma.ends_with("ch")
            || lemma.ends_with('z');
        out.push(if sibilant {
            format!("{lemma}es")
        } else {
            format!("{lemma}s")
        });
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_parses() {
        assert!(Lexicon::parse(EMBEDDED).is_ok());
        let lex = Lexicon::embedded();
        assert!(lex.verb_forms() > 100);
    }

    #[test]
    fn inflections() {
        assert_eq!(inflect("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(
            inflect("announce"),
            ["announce", "announces", "announced", "announcing"]
        );
        assert_eq!(
            inflect("stress"),
            ["stress", "stresses", "stressed", "stressing"]
        );
        let lex = Lexicon::embedded();
        assert_eq!(lex.verb("told").map(|v| v.lemma.as_str()), Some("tell"));
        assert_eq!(lex.verb("denied").map(|v| v.group), Some(Group::Deny));
        assert_eq!(
            lex.verb("admitted").map(|v| v.lemma.as_str()),
            Some("admit")
        );
        // "-base" keeps nouns such as "the state" out.
        assert!(lex.verb("state").is_none());
        assert!(lex.verb("stated").is_some());
    }

    #[test]
    fn phrases_and_errors() {
        let lex = Lexicon::embedded();
        assert_eq!(
            lex.phrase_at(&["according", "to", "the"], Kind::Prep)
                .map(|p| p.0),
            Some(2)
        );
        assert_eq!(
            lex.phrase_at(&["opposite", "the", "news"], Kind::Channel)
                .map(|p| p.0),
            Some(2)
        );
        assert!(lex.is_platform("Telegram"));
        assert!(!lex.is_platform("x"));
        assert_eq!(Lexicon::parse("say\tverb").unwrap_err().line, 1);
        assert!(Lexicon::parse("# c\n\nsay\tverb\tmaybe").is_err());
        assert!(Lexicon::parse("say\tnounish\tassert").is_err());
        let mut lex = Lexicon::parse("say\tverb\tassert\tsaid").unwrap();
        assert!(lex.verb("aver").is_none());
        lex.extend("aver\tverb\tclaim\tavers,averred").unwrap();
        // Lines before an error are kept, phrases included.
        assert!(lex.extend("as per\tprep\tassert\nbad line").is_err());
        assert_eq!(
            lex.phrase_at(&["as", "per", "x"], Kind::Prep).map(|p| p.0),
            Some(2)
        );
        assert_eq!(lex.verb("averred").map(|v| v.group), Some(Group::Claim));
    }
}
