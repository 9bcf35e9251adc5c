//! Event reading for sitrep, sentence by sentence: which words signal an
//! event (a trigger lexicon kept as data, [`Lexicon`]), which ACLED
//! sub-event type it is (rules on instruments, targets and actors), whether
//! it happened ([`Status`]; planned, hypothetical, negated and rhetorical
//! mentions are left out), how many died ([`fatalities`]), and who acted
//! on whom ([`ArgumentFinder`]: the interim [`ClauseHeuristic`], or
//! [`ParseArguments`] over sitrep's dependency parse).
//!
//! The crate knows nothing of documents: the extract crate's events stage
//! feeds it body sentences with the actor mentions found in them and
//! assembles events (location, date, merging) from what it returns.
//!
//! ```
//! use sitrep_events::{analyse, Lexicon};
//! let a = analyse(Lexicon::embedded(), "Russian artillery shelled Kupiansk on Tuesday, killing two civilians.");
//! assert_eq!(a.candidates[0].sub_event_type, "Shelling/artillery/missile attack");
//! assert_eq!(a.casualties.fatalities(), Some(2));
//! ```
#![deny(missing_docs)]

pub mod arguments;
pub mod fatalities;
pub mod lexicon;
pub mod parse_args;
pub mod scope;
pub mod taxonomy;
pub mod wordhash;
pub mod words;

pub use arguments::{ActorClass, ActorMention, ArgumentFinder, Arguments, ClauseHeuristic};
pub use fatalities::{casualties, Casualties};
pub use lexicon::{Entry, Lexicon, LexiconError, Role, Typing};
pub use parse_args::ParseArguments;
pub use scope::{coordinated_places, place_scopes, PlaceScope};

use words::{tokenize, Tok};

/// Whether a reported event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// It happened.
    Occurred,
    /// It was tried and failed or was repelled.
    Attempted,
    /// The sentence reports a denial of it.
    Denied,
}

/// An event signalled in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// First byte of the trigger in the sentence.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// ACLED event type.
    pub event_type: &'static str,
    /// ACLED sub-event type.
    pub sub_event_type: &'static str,
    /// PLOVER event type.
    pub plover: String,
    /// PLOVER mode (may be empty).
    pub mode: String,
    /// The weapon that typed it, as written (lower-cased), if any.
    pub instrument: Option<String>,
    /// Whether it happened.
    pub status: Status,
    /// How the lexicon typed it (callers refine [`Typing::Capture`] and
    /// [`Typing::Detain`] with actors).
    pub typing: Typing,
    /// The trigger's role ([`Role::Repel`] keeps the attacker as actor1).
    pub role: Role,
}

impl Candidate {
    /// A seizure or find of weapons ([`Entry::is_weapon_seizure`]).
    pub fn is_weapon_seizure(&self) -> bool {
        self.sub_event_type == "Disrupted weapons use" && self.mode == "seize"
    }
}

/// What a sentence reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Events signalled, in text order; at most one per sub-event type.
    pub candidates: Vec<Candidate>,
    /// Deaths and injuries stated in the sentence.
    pub casualties: Casualties,
    /// The sentence is an aggregate tally ("across the front", "so far
    /// this year"): its deaths belong to no single event.
    pub aggregate: bool,
    /// The sentence names a non-state armed group by a common noun
    /// ("gunmen", "militants", "bandits", "insurgents"): the article tells
    /// of armed violence even when no named actor is recognised.
    pub armed_group: bool,
}

const CIVILIAN: &[&str] = &[
    "community",
    "communities",
    "plane",
    "hotel",
    "doctor",
    "doctors",
    "tourists",
    "guests",
    "bus",
    "worshipers",
    "pilgrims",
    "churchgoers",
    "marketplace",
    "civilian",
    "civilians",
    "villagers",
    "residents",
    "worshippers",
    "farmers",
    "women",
    "children",
    "passengers",
    "displaced",
    "displacement",
    "students",
    "pupils",
    "family",
    "families",
    "herders",
    "traders",
    "journalists",
    "mourners",
    "idps",
    "patients",
    "people",
    "man",
    "woman",
    "boy",
    "girl",
    "teacher",
    "teachers",
    "shoppers",
    "market",
    "hospital",
    "school",
    "mosque",
    "church",
    "camp",
    "homes",
    "house",
    "houses",
    "village",
    "wedding",
    "funeral",
    "bus",
    "car",
    "worshipers",
    "refugees",
    "aid",
    "volunteers",
    "child",
    "son",
    "daughter",
    "baby",
    "neighbourhoods",
    "neighborhoods",
    "neighbourhood",
    "homes",
    "parishioners",
    "motorists",
];
const MILITARY: &[&str] = &[
    "soldiers",
    "soldier",
    "troops",
    "forces",
    "army",
    "military",
    "militants",
    "fighters",
    "police",
    "policemen",
    "officers",
    "guards",
    "positions",
    "position",
    "checkpoint",
    "checkpost",
    "base",
    "barracks",
    "rebels",
    "jihadists",
    "insurgents",
    "militia",
    "militiamen",
    "convoy",
    "patrol",
    "outpost",
    "garrison",
    "servicemen",
    "units",
    "unit",
    "brigade",
    "battalion",
    "gunmen",
    "terrorists",
    "combatants",
    "paramilitaries",
    "paramilitary",
    "post",
    "camp",
];
const ARMED_GROUP: &[&str] = &[
    "gunmen",
    "militants",
    "rebels",
    "bandits",
    "jihadists",
    "insurgents",
    "kidnappers",
    "fighters",
    "abductors",
    "militiamen",
    "militia",
    "terrorists",
    "armed",
    "assailants",
    "attackers",
    "al-shabaab",
    "rsf",
    "jnim",
    "iswap",
    "codeco",
    "fano",
    "eln",
    "gangs",
    "gang",
];
/// Non-state armed groups by their usual names: when they "recapture" a
/// place, they overtake it.
const REBELS: &[&str] = &[
    "rebels",
    "insurgents",
    "jihadists",
    "militants",
    "isis",
    "isil",
    "daesh",
    "al-shabaab",
    "taliban",
    "houthis",
    "rsf",
    "m23",
    "jnim",
    "iswap",
    "terrorists",
    "guerrillas",
];
/// Armoured vehicles: destroying them is ground fighting, whatever the
/// weapon.
const ARMOUR: &[&str] = &[
    "tank", "tanks", "armoured", "armored", "apc", "apcs", "bmp", "btr",
];
const PLANNED: &[&str] = &[
    "will",
    "would",
    "could",
    "might",
    "may",
    "shall",
    "'ll",
    "plans",
    "plan",
    "planned",
    "planning",
    "aims",
    "aim",
    "aiming",
    "intends",
    "intend",
    "intended",
    "threatened",
    "threatens",
    "threaten",
    "vowed",
    "vows",
    "vow",
    "prepared",
    "preparing",
    "ready",
    "seeks",
    "seek",
    "wants",
    "want",
    "wanted",
    "urged",
    "urges",
    "urge",
    "demanded",
    "demands",
    "demand",
    "called",
    "calls",
    "call",
    "warned",
    "warns",
    "warn",
    "goal",
    "order",
    "ordered",
    "orders",
    "allow",
    "allowed",
    "expected",
    "expect",
    "possible",
    "possibility",
    "risk",
    "fear",
    "feared",
    "fears",
    "unless",
    "if",
    "whether",
    "prevent",
    "avoid",
    "proposed",
    "propose",
    "discuss",
    "discussed",
    "talks",
    "negotiations",
    "negotiate",
    "mediate",
    "brokered",
    "accused",
    "accuses",
    "accusing",
    "accusation",
];
const ATTEMPT: &[&str] = &[
    "tried",
    "attempted",
    "attempt",
    "attempting",
    "trying",
    "sought",
    "failed",
    "attempts",
];
const NEGATION: &[&str] = &[
    "not", "n't", "never", "no", "without", "nor", "neither", "denied", "denies", "deny",
    "denying", "rejected", "false", "fake",
];
const AGGREGATE: &[&str] = &[
    "across",
    "so",
    "since",
    "total",
    "altogether",
    "tally",
    "overall",
    "daily",
    "weekly",
    "each",
    "every",
];

fn is_boundary(t: &Tok) -> bool {
    !t.word
        && matches!(
            t.lower.as_str(),
            ";" | ":" | "(" | ")" | "\"" | "“" | "”" | "—" | "–"
        )
}

/// Is `word` written with a capital and then small letters ("Shell", not
/// "IED" or "shell")?
fn capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// Does a token of this (lower-cased) text start a new sentence-like unit
/// after it: anything but a word or a joining mark — an opening quote, a
/// colon, a dash, a bracket, a live blog's time stamp ("08:14 Drone strike
/// hits …")?
fn opens_sentence(token: &str) -> bool {
    !token.starts_with(char::is_alphabetic) && !matches!(token, "," | ";" | "&" | "/" | "'s")
}

/// Is the sentence a headline in title case: most of its longer words
/// capitalised (two in three)?
fn title_case(sentence: &str, toks: &[Tok]) -> bool {
    let (mut long, mut capital) = (0, 0);
    for t in toks.iter().filter(|t| t.word && t.end - t.start > 3) {
        long += 1;
        if sentence[t.start..t.end].starts_with(char::is_uppercase) {
            capital += 1;
        }
    }
    long > 0 && capital * 3 >= long * 2
}

/// Is `word` a plural noun naming the people who take part in a protest or
/// riot ("protesters", "demonstrators", "rioters")? "Hundreds of
/// protesters" is one crowd at one place, not a count of incidents, and such
/// nouns in a list ("protesters, rallies and arrests") still name one.
fn participants(word: &str) -> bool {
    matches!(
        word,
        "protesters" | "protestors" | "demonstrators" | "rioters" | "marchers"
    )
}

/// Is `typing` a generic word of harm ("hit", "attacked", "died", "a
/// blast", "destroyed") that tells of political violence only in an article
/// about it?
pub fn generic_harm(typing: Typing) -> bool {
    matches!(
        typing,
        Typing::Attack | Typing::Kill | Typing::Strike | Typing::Blast | Typing::Destroy
    )
}

/// Reads the events of one sentence with the given lexicon.
pub fn analyse(lex: &Lexicon, sentence: &str) -> Analysis {
    match analyse_unless_generic(lex, sentence, false) {
        Some(a) => a,
        None => unreachable!("nothing is deferred when `defer` is false"),
    }
}

/// Like [`analyse`], but with `defer` set a sentence whose only triggers are
/// generic words of harm ([`generic_harm`]) and which names no instrument
/// and no armed group ([`Analysis::armed_group`]) gives `None` before the (costly) dependency parse. All candidates of such
/// a sentence would be generic, without an instrument: a caller that
/// ignores those outside a violent context reads the sentence with
/// [`analyse`] only once it knows the context is violent. Otherwise the
/// result is the same as [`analyse`]'s.
pub fn analyse_unless_generic(lex: &Lexicon, sentence: &str, defer: bool) -> Option<Analysis> {
    let toks = tokenize(sentence);
    // Word-only view for pattern matching, with a map back to tokens.
    let word_idx: Vec<usize> = (0..toks.len()).filter(|&i| toks[i].word).collect();
    let words: Vec<&str> = word_idx.iter().map(|&i| toks[i].lower.as_str()).collect();
    let matches = lex.matches(&words);
    let entries = lex.entries();
    // Weapons the attackers are "armed with" (rocket launchers, rifles)
    // are what they carry into a ground attack, not how it was delivered.
    let carried = |iw: usize| {
        (iw.saturating_sub(5)..iw).any(|k| words[k] == "armed" && words.get(k + 1) == Some(&"with"))
    };
    let instruments: Vec<(usize, &Entry)> = matches
        .iter()
        .filter(|m| entries[m.0].role == Role::Instrument && !carried(m.1))
        .map(|m| (m.1, &entries[m.0]))
        .collect();
    // An aircraft or drone named in the sentence (a bomb alone is no sign
    // of one).
    let aerial = instruments.iter().any(|(iw, ie)| {
        ie.typing == Typing::Fixed("Air/drone strike") && !words[*iw].starts_with("bomb")
    });
    let casualties = fatalities::read(&toks);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let aggregate = {
        let so_far = words.windows(2).any(|w| {
            matches!(
                w,
                ["so", "far"]
                    | ["in", "total"]
                    | ["since", "the"]
                    | ["this", "year"]
                    | ["the", "war"]
            )
        });
        so_far
            || words.iter().any(|w| {
                matches!(
                    *w,
                    "across" | "altogether" | "tally" | "overall" | "cumulative"
                )
            })
    };
    let _ = AGGREGATE;
    let mut out: Vec<Candidate> = Vec::new();
    // A capitalised trigger inside a sentence in ordinary case is part of a
    // name: "March" the month, "Shell", "Merrill Lynch", "Storm Shadow" (an
    // instrument, matched on its own). Such triggers need no parse, and
    // business and wire copy is full of them.
    let title_case = !matches.is_empty() && title_case(sentence, &toks);
    let named = |m: &(usize, usize, usize)| {
        let t = word_idx[m.1];
        let word = &sentence[toks[t].start..toks[t].end];
        (words[m.1] == "march" && word.starts_with('M'))
            || !title_case
                && t > 0
                && !opens_sentence(&toks[t - 1].lower)
                && capitalised(&sentence[toks[t].start..toks[t].end])
    };
    let mut triggers: Vec<&(usize, usize, usize)> = matches
        .iter()
        .filter(|m| entries[m.0].role != Role::Instrument && !named(m))
        .collect();
    // The parse tells trigger words that are no event mention (modifiers,
    // present-tense habits and headlines) and repeated actions.
    // Armed men named by a common noun make the article violent: such a
    // sentence is never deferred.
    let armed_group = words
        .iter()
        .any(|w| *w != "armed" && ARMED_GROUP.contains(w));
    if defer
        && !armed_group
        && instruments.is_empty()
        && !triggers.is_empty()
        && triggers.iter().all(|m| generic_harm(entries[m.0].typing))
    {
        return None;
    }
    let parsed = (!triggers.is_empty()).then(|| parse_args::parse(sentence));
    if let Some(a) = &parsed {
        let spans: Vec<(usize, usize)> = triggers
            .iter()
            .map(|m| (toks[word_idx[m.1]].start, toks[word_idx[m.2 - 1]].end))
            .collect();
        let is_trigger = |w: usize| {
            let ws = a.words()[w].span;
            spans.iter().any(|&(s, e)| s < ws.end && ws.start < e)
        };
        let keep: Vec<bool> = triggers
            .iter()
            .zip(&spans)
            .map(|(m, &span)| {
                let generic = matches!(
                    entries[m.0].typing,
                    Typing::Attack | Typing::Kill | Typing::Strike | Typing::Destroy
                );
                scope::not_a_mention(a, sentence, span, generic, &is_trigger).is_none()
                    && !scope::repeated(a, sentence, span)
            })
            .collect();
        let mut k = keep.iter();
        triggers.retain(|_| *k.next().unwrap_or(&true));
    }
    let has_act = triggers.iter().any(|m| entries[m.0].role != Role::Result);
    // A generic attack verb ("hit", "opened fire") with a specific trigger
    // in the sentence ("an airstrike hit …") is that trigger's event.
    let has_specific = triggers.iter().any(|m| {
        let e = &entries[m.0];
        e.role != Role::Result
            && !matches!(
                e.typing,
                Typing::Attack | Typing::Kill | Typing::Blast | Typing::Strike | Typing::Destroy
            )
    });
    let plural_list = triggers
        .iter()
        .filter(|m| {
            let w = words[m.2 - 1];
            w.ends_with('s')
                && !w.ends_with("ss")
                && !participants(w)
                && entries[m.0].role != Role::Result
        })
        .count()
        >= 3;
    let has_protest = triggers.iter().any(|m| {
        let t = entries[m.0].typing;
        t == Typing::Protest
            || matches!(t, Typing::Fixed(s) if taxonomy::event_type(s) == Some("Riots"))
    });
    // A raid in which people are detained or weapons seized is a police
    // or army operation: the arrests or the seizure are the event. (Raiders
    // who loot or kill still fight: "insurgents raided the town, looting".)
    let is_raid = |m: &(usize, usize, usize)| m.2 - m.1 == 1 && words[m.1].starts_with("raid");
    let other_act = |m: &(usize, usize, usize)| {
        triggers.iter().any(|o| {
            o.1 != m.1
                && !is_raid(o)
                && entries[o.0].role != Role::Result
                && (entries[o.0].typing == Typing::Detain || entries[o.0].is_weapon_seizure())
        })
    };
    for m in &triggers {
        let e = &entries[m.0];
        if e.role == Role::Result && (has_act || aggregate) {
            continue;
        }
        if is_raid(m) && other_act(m) {
            continue;
        }
        if matches!(
            e.typing,
            Typing::Attack | Typing::Kill | Typing::Blast | Typing::Strike | Typing::Destroy
        ) && has_specific
        {
            continue;
        }
        // Burning and looting by protesters is their riot, and protesters
        // detained are the intervention in their protest, not arrests of
        // their own.
        // So are their clashes with the police. Weapons seized in a
        // sentence that tells of another act are that act's spoils.
        if e.is_weapon_seizure()
            && triggers.iter().any(|o| {
                let t = &entries[o.0];
                t.typing != Typing::Fixed("Disrupted weapons use")
                    && t.role != Role::Instrument
                    && !is_raid(o)
            })
        {
            continue;
        }
        if has_protest
            && (e.typing == Typing::Fixed("Looting/property destruction")
                || e.typing == Typing::Detain
                || (e.typing == Typing::Fixed("Armed clash") && words[m.1].starts_with("clash")))
        {
            continue;
        }
        let (ws, we) = (m.1, m.2);
        let (ts, te) = (word_idx[ws], word_idx[we - 1]);
        // "riot police" are police.
        if words[ws] == "riot"
            && matches!(
                words.get(ws + 1).copied(),
                Some(
                    "police"
                        | "gear"
                        | "squad"
                        | "squads"
                        | "control"
                        | "shields"
                        | "officers"
                        | "unit"
                        | "units"
                )
            )
        {
            continue;
        }
        // A list of plural nouns ("ambushes, drone strikes, arrests") tells
        // of a conflict in general, not of incidents.
        if plural_list
            && !participants(words[we - 1])
            && words[we - 1].ends_with('s')
            && !words[we - 1].ends_with("ss")
            && e.role != Role::Result
        {
            continue;
        }
        // Superlatives and habits tell of no incident: "the largest attack
        // since", "its attacks", "years of attacks", "gangs who kidnap",
        // "which has fought".
        let prev = |n: usize| ws.checked_sub(n).map(|k| words[k]).unwrap_or("");
        let plural = words[we - 1].ends_with('s') && !words[we - 1].ends_with("ss");
        let bare = matches!(&e.words[..], [lexicon::Word::Lemma(l)] if l == words[ws]);
        if matches!(
            prev(1),
            "largest" | "biggest" | "deadliest" | "worst" | "bloodiest"
        ) || (plural && matches!(prev(1), "its" | "their" | "his" | "her"))
            || (matches!(prev(1), "of")
                && matches!(prev(2), "years" | "months" | "decades" | "weeks"))
            || (matches!(prev(1), "who" | "which" | "that") && bare)
            || (matches!(prev(1), "has" | "have") && matches!(prev(2), "who" | "which" | "that"))
        {
            continue;
        }
        // Aggregates: "94 Russian attacks", "dozens of strikes".
        let counted = (ws.saturating_sub(3)..ws).any(|k| {
            let w = words[k];
            w.parse::<u32>().is_ok_and(|n| n >= 10)
                || matches!(w, "dozens" | "hundreds" | "scores" | "numerous")
        }) && words[we - 1].ends_with('s')
            && !participants(words[we - 1]);
        if counted {
            continue;
        }
        let Some(status) = status(&toks, ts, e) else {
            continue;
        };
        // The nearest instrument, preferring those in the trigger's clause.
        let instrument = instruments
            .iter()
            .filter(|(iw, _)| !(ws..we).contains(iw) || we - ws == 1)
            .min_by_key(|(iw, _)| (iw.abs_diff(ws), *iw < ws))
            .map(|(iw, ie)| (words[*iw].to_string(), *ie));
        let inst_type = instrument.as_ref().and_then(|(w, ie)| match ie.typing {
            // A bomb that explodes or is detonated, with no aircraft in the
            // sentence, was placed, not dropped: "militants detonated two
            // bombs" (but "a bomb hit the monastery" fell from a plane).
            Typing::Fixed("Air/drone strike")
                if w.starts_with("bomb") && !aerial && e.typing == Typing::Blast =>
            {
                Some("Remote explosive/landmine/IED")
            }
            Typing::Fixed(s) => Some(s),
            _ => None,
        });
        let after: Vec<&str> = words[we..(we + 10).min(words.len())].to_vec();
        let before: Vec<&str> = words[ws.saturating_sub(6)..ws].to_vec();
        let civ_target = after.iter().any(|w| CIVILIAN.contains(w))
            || (casualties.deaths.is_some() && has(CIVILIAN));
        let mil_target = after.iter().any(|w| MILITARY.contains(w));
        let sub: &'static str = match e.typing {
            // An armed group "recaptured" a town it had lost: it overtakes.
            Typing::Fixed("Government regains territory")
                if before.iter().any(|w| REBELS.contains(w)) =>
            {
                "Non-state actor overtakes territory"
            }
            // Raids by aircraft are air strikes.
            Typing::Fixed("Armed clash")
                if is_raid(m) && aerial && inst_type == Some("Air/drone strike") =>
            {
                "Air/drone strike"
            }
            Typing::Fixed(s) => s,
            Typing::Blast => inst_type.unwrap_or("Remote explosive/landmine/IED"),
            Typing::Strike => inst_type.unwrap_or("Air/drone strike"),
            // Armour destroyed ("destroyed three tanks with anti-armour
            // rockets") is ground fighting.
            Typing::Destroy if after.iter().take(6).any(|w| ARMOUR.contains(w)) => "Armed clash",
            Typing::Destroy => match inst_type {
                Some(s) => s,
                None => continue,
            },
            Typing::Attack | Typing::Kill => match inst_type {
                Some(s) => s,
                None if civ_target && !mil_target => "Attack",
                None if e.typing == Typing::Kill && !has(MILITARY) && !civ_target => continue,
                None => "Armed clash",
            },
            Typing::Protest => {
                let pair = |a: &str, b: &str| words.windows(2).any(|w| w[0] == a && w[1] == b);
                if has(&[
                    "torched",
                    "looted",
                    "stones",
                    "rocks",
                    "molotov",
                    "vandalised",
                    "vandalized",
                    "smashed",
                    "rioted",
                    "rioting",
                    "rioters",
                    "burned",
                    "burnt",
                    "threw",
                    "hurled",
                    "pelted",
                    "ransacked",
                    "clash",
                    "clashed",
                    "clashes",
                    "bottles",
                    "firebombs",
                    "stone-pelting",
                    "stone-throwing",
                    "rampage",
                    "rampaged",
                    "clashing",
                    "scuffles",
                    "scuffled",
                    "ablaze",
                    "violent",
                    "vandalism",
                    "stormed",
                ]) || pair("set", "fire")
                    || pair("petrol", "bombs")
                {
                    "Violent demonstration"
                } else if has(&["killed", "killing", "dead", "ammunition", "bullets"])
                    && !pair("rubber", "bullets")
                    || pair("shot", "dead")
                    || pair("opened", "fire")
                    || pair("excessive", "force")
                    || words.windows(2).any(|w| {
                        matches!(w[0], "violently" | "brutally")
                            && matches!(
                                w[1],
                                "suppressed" | "dispersed" | "suppress" | "disperse" | "broke"
                            )
                    })
                {
                    "Excessive force against protesters"
                } else if pair("were", "dispersed")
                    || pair("police", "dispersed")
                    || pair("broke", "up")
                    || pair("break", "up")
                    || has(&[
                        "tear",
                        "teargas",
                        "cannon",
                        "cannons",
                        "disperse",
                        "dispersing",
                        "dispersal",
                        "suppress",
                        "suppressed",
                        "crackdown",
                        "baton",
                        "batons",
                        "arrest",
                        "arrests",
                        "arrested",
                        "detain",
                        "detained",
                        "beat",
                        "beaten",
                        "stun",
                        "pepper",
                        "pepper-sprayed",
                    ])
                    || pair("rubber", "bullets")
                {
                    "Protest with intervention"
                } else {
                    "Peaceful protest"
                }
            }
            Typing::Capture => {
                // "the army retook", "government forces seized": a
                // government taking ground back reads as regaining only
                // with a "re-" verb; plain captures are a non-state actor's
                // (or a foreign state's) by default.
                "Non-state actor overtakes territory"
            }
            Typing::Detain => {
                if before.iter().any(|w| ARMED_GROUP.contains(w)) {
                    "Abduction/forced disappearance"
                } else {
                    "Arrests"
                }
            }
        };
        // Vigilantes fighting or attacking: ACLED's mob violence.
        let sub = if matches!(sub, "Armed clash" | "Attack") && has(&["vigilante", "vigilantes"]) {
            "Mob violence"
        } else {
            sub
        };
        // Territory needs a place-like object nearby ("seized weapons" is
        // no capture).
        if e.typing == Typing::Capture {
            let object = toks[te + 1..(te + 8).min(toks.len())].iter().any(|t| {
                sentence[t.start..t.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                    || matches!(
                        t.lower.as_str(),
                        "town"
                            | "village"
                            | "villages"
                            | "city"
                            | "base"
                            | "positions"
                            | "position"
                            | "settlement"
                            | "settlements"
                            | "district"
                            | "area"
                            | "hill"
                            | "airport"
                            | "bridge"
                            | "camp"
                            | "garrison"
                            | "headquarters"
                            | "outskirts"
                    )
            });
            if !object {
                continue;
            }
        }
        let event_type = taxonomy::event_type(sub).unwrap_or("Strategic developments");
        if out.iter().any(|c| c.sub_event_type == sub) {
            continue;
        }
        let status = if e.role == Role::Repel {
            Status::Attempted
        } else {
            status
        };
        out.push(Candidate {
            start: toks[ts].start,
            end: toks[te].end,
            event_type,
            sub_event_type: sub,
            plover: e.plover.clone(),
            mode: match (&instrument, e.typing) {
                (
                    Some((_, ie)),
                    Typing::Attack
                    | Typing::Kill
                    | Typing::Blast
                    | Typing::Strike
                    | Typing::Destroy,
                ) => ie.mode.clone(),
                _ => e.mode.clone(),
            },
            instrument: instrument.map(|(w, _)| w),
            status,
            typing: e.typing,
            role: e.role,
        });
    }
    out.sort_by_key(|c| c.start);
    Some(Analysis {
        candidates: out,
        casualties,
        aggregate,
        armed_group,
    })
}

/// The status of the trigger at token `ti`, or `None` when the mention is
/// no event (planned, hypothetical, negated, rhetoric).
fn status(toks: &[Tok], ti: usize, e: &Entry) -> Option<Status> {
    let mut st = Status::Occurred;
    let mut seen = 0;
    let mut k = ti;
    while k > 0 && seen < 7 {
        k -= 1;
        let t = &toks[k];
        // An opening quote right before the trigger belongs to the quoted
        // words ("the goal is to “march on Moscow”"): look past it.
        let opens_quote = seen == 0 && matches!(t.lower.as_str(), "\"" | "“" | "‘" | "«" | "„");
        if is_boundary(t) && !opens_quote {
            break;
        }
        if !t.word {
            continue;
        }
        seen += 1;
        let w = t.lower.as_str();
        if w == "to" && seen == 1 {
            // "tried to storm", "forced to withdraw", "an offensive to
            // capture".
            let prev = k
                .checked_sub(1)
                .map(|p| toks[p].lower.as_str())
                .unwrap_or("");
            if ATTEMPT.contains(&prev) {
                st = Status::Attempted;
            } else if !matches!(
                prev,
                "forced"
                    | "managed"
                    | "began"
                    | "started"
                    | "continued"
                    | "continue"
                    | "went"
                    | "due"
                    | "led"
                    | "used"
                    | "able"
                    | "rushed"
                    | "moved"
            ) {
                return None;
            }
            continue;
        }
        if ATTEMPT.contains(&w) {
            st = Status::Attempted;
        } else if matches!(w, "denied" | "denies" | "deny" | "denying" | "rejected") {
            st = Status::Denied;
        } else if NEGATION.contains(&w) {
            // "no fighting was reported"; "did not attack".
            return None;
        } else if PLANNED.contains(&w) {
            // "would" after a reporting verb in the past ("said it would")
            // is still future; "could" likewise.
            return None;
        }
    }
    // A nominal trigger followed by a future: "the offensive will begin".
    let next: Vec<&str> = toks[ti + 1..]
        .iter()
        .filter(|t| t.word)
        .take(3)
        .map(|t| t.lower.as_str())
        .collect();
    if next.iter().take(2).any(|w| {
        matches!(
            *w,
            "will" | "would" | "could" | "might" | "planned" | "expected" | "due"
        )
    }) {
        return None;
    }
    let _ = e;
    Some(st)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_generic_harm_without_a_weapon_is_deferred() {
        let lex = Lexicon::embedded();
        // Generic words of harm alone: deferred, and the same as `analyse`
        // when not deferred.
        for s in [
            "The storm hit the coast on Monday and destroyed two piers.",
            "Twenty people were killed on the roads over the holiday.",
        ] {
            assert_eq!(analyse_unless_generic(lex, s, true), None, "{s}");
            assert_eq!(
                analyse_unless_generic(lex, s, false),
                Some(analyse(lex, s)),
                "{s}"
            );
        }
        // A weapon or a specific trigger: read at once, as `analyse` reads it.
        for s in [
            "A drone hit the depot near the border.",
            "Militants ambushed a convoy and killed four soldiers.",
            "Nothing happened in the town.",
        ] {
            assert_eq!(
                analyse_unless_generic(lex, s, true),
                Some(analyse(lex, s)),
                "{s}"
            );
        }
    }

    fn subs(s: &str) -> Vec<&'static str> {
        analyse(Lexicon::embedded(), s)
            .candidates
            .iter()
            .map(|c| c.sub_event_type)
            .collect()
    }

    #[test]
    fn capitalised_triggers_inside_a_sentence_are_names() {
        assert!(subs("Analysts at Merrill Lynch expect the rate to fall.").is_empty());
        assert!(
            subs("The company said profit at Royal Dutch Shell rose by a quarter in March.")
                .is_empty()
        );
        // At the start of a sentence, after a quote, or in a title-case
        // headline, the capital says nothing.
        assert_eq!(
            subs("Shelling killed two people in Kherson."),
            ["Shelling/artillery/missile attack"]
        );
        assert_eq!(
            subs("Troops Shell Border Villages Overnight"),
            ["Shelling/artillery/missile attack"]
        );
        assert_eq!(
            subs("Protesters march on the ministry in Dhaka."),
            ["Peaceful protest"]
        );
    }

    #[test]
    fn fixed_triggers() {
        assert_eq!(
            subs("Russian forces shelled Kherson overnight."),
            ["Shelling/artillery/missile attack"]
        );
        assert_eq!(
            subs("An airstrike hit a market in Idlib."),
            ["Air/drone strike"]
        );
        assert_eq!(subs("Fighting raged near Volchansk."), ["Armed clash"]);
        assert_eq!(
            subs("Gunmen abducted 20 students."),
            ["Abduction/forced disappearance"]
        );
        assert_eq!(
            subs("A roadside bomb exploded near a convoy."),
            ["Remote explosive/landmine/IED"]
        );
        assert_eq!(
            subs("The army recaptured Wad Madani."),
            ["Government regains territory"]
        );
        assert_eq!(subs("The two sides signed a ceasefire."), ["Agreement"]);
        assert_eq!(
            subs("Air defences shot down five drones over the region."),
            ["Disrupted weapons use"]
        );
        assert_eq!(
            subs("Militants set up a base near the river."),
            ["Headquarters or base established"]
        );
        assert_eq!(
            subs("Fighters looted shops and torched houses."),
            ["Looting/property destruction"]
        );
    }

    #[test]
    fn generic_attacks_take_the_instrument_or_target() {
        assert_eq!(
            subs("A Ukrainian drone struck a car in Glushkovo."),
            ["Air/drone strike"]
        );
        assert_eq!(
            subs("A missile hit an apartment block."),
            ["Shelling/artillery/missile attack"]
        );
        assert_eq!(
            subs("Gunmen attacked the village, killing 12 civilians."),
            ["Attack"]
        );
        assert_eq!(subs("Jihadists attacked an army convoy."), ["Armed clash"]);
        assert_eq!(
            subs("A blast caused by a missile shook the city."),
            ["Shelling/artillery/missile attack"]
        );
    }

    #[test]
    fn destruction_is_typed_by_its_instrument() {
        assert_eq!(
            subs("Howitzer crews destroyed a fuel depot near the station."),
            ["Shelling/artillery/missile attack"]
        );
        assert_eq!(
            subs("A loitering drone destroyed a radar post."),
            ["Air/drone strike"]
        );
        // Nothing says how: no event.
        assert!(subs("The bridge was destroyed last year.").is_empty());
        // Armour destroyed is ground fighting.
        assert_eq!(
            subs("Its fighters destroyed two tanks near the bridge."),
            ["Armed clash"]
        );
    }

    #[test]
    fn carried_weapons_do_not_type_the_attack() {
        assert_eq!(
            subs("Gunmen armed with rifles and grenade launchers attacked an army outpost."),
            ["Armed clash"]
        );
    }

    #[test]
    fn modifiers_and_present_tense_are_no_events() {
        assert!(subs("Two armored fighting vehicles were parked by the school.").is_empty());
        assert!(subs("Smugglers target border posts at night.").is_empty());
        assert_eq!(
            subs("Smugglers targeted a border post at night."),
            ["Armed clash"]
        );
        assert!(subs("Raiders had attacked the farms several times.").is_empty());
    }

    #[test]
    fn protests_by_what_happened() {
        assert_eq!(
            subs("Thousands of protesters marched peacefully."),
            ["Peaceful protest"]
        );
        assert_eq!(
            subs("Police fired tear gas to disperse protesters."),
            ["Protest with intervention"]
        );
        assert_eq!(
            subs("Police opened fire on protesters, killing three."),
            ["Excessive force against protesters"]
        );
        assert_eq!(
            subs("Protesters torched a police station."),
            ["Violent demonstration"]
        );
    }

    #[test]
    fn detentions_by_who() {
        assert_eq!(subs("Police arrested 40 students."), ["Arrests"]);
        assert_eq!(
            subs("Armed men detained two aid workers."),
            ["Abduction/forced disappearance"]
        );
    }

    #[test]
    fn status_and_modality() {
        let st = |s: &str| {
            analyse(Lexicon::embedded(), s)
                .candidates
                .first()
                .map(|c| c.status)
        };
        assert_eq!(
            st("Troops tried to storm the village."),
            Some(Status::Attempted)
        );
        assert_eq!(
            st("Ukrainian troops repelled eleven Russian assaults."),
            Some(Status::Attempted)
        );
        assert_eq!(
            st("The RSF denied shelling the hospital."),
            Some(Status::Denied)
        );
        assert_eq!(st("The army plans to attack the town."), None);
        assert_eq!(
            st("The offensive will begin soon and forces will capture Pokrovsk."),
            None
        );
        assert_eq!(st("He threatened to bomb the city."), None);
        assert_eq!(st("No fighting was reported."), None);
        assert_eq!(st("If they attack, we will respond."), None);
        assert_eq!(
            st("Rights groups accused the forces of abducting activists."),
            None
        );
        assert_eq!(st("The goal is to capture Kramatorsk."), None);
        assert_eq!(st("Their final aim is to “capture Kramatorsk”."), None);
        assert_eq!(
            st("The rebels “captured Kramatorsk”, he said."),
            Some(Status::Occurred)
        );
        assert_eq!(
            st("Russian forces captured Avdiivka."),
            Some(Status::Occurred)
        );
    }

    #[test]
    fn aggregates_and_results() {
        // A tally is no event; its sentence is flagged.
        assert!(subs("94 Russian attacks on the region were recorded.").is_empty());
        let a = analyse(
            Lexicon::embedded(),
            "More than 200 servicemen were killed across the Kursk direction.",
        );
        assert!(a.aggregate && a.candidates.is_empty());
        // "killed" only speaks when nothing else does.
        assert_eq!(
            subs("Five civilians were killed in Kostiantynivka."),
            ["Attack"]
        );
        assert_eq!(
            subs("Shelling killed five civilians."),
            ["Shelling/artillery/missile attack"]
        );
        // Seized weapons are no territory: ACLED codes the seizure of
        // weapons as disrupted weapons use.
        assert_eq!(subs("Police seized weapons."), ["Disrupted weapons use"]);
        assert_eq!(
            subs("A cache of rifles and ammunition was found near the dam."),
            ["Disrupted weapons use"]
        );
    }

    #[test]
    fn protests_read_their_intervention() {
        // Detained protesters are the protest's intervention, not arrests.
        assert_eq!(
            subs("Police detained dozens of protesters at the rally."),
            ["Protest with intervention"]
        );
        assert_eq!(
            subs("Soldiers violently dispersed a peaceful protest in the town."),
            ["Excessive force against protesters"]
        );
        assert_eq!(
            subs("Protesters clashed with police during the march."),
            ["Violent demonstration"]
        );
        assert_eq!(
            subs("Thousands rallied peacefully in the capital."),
            ["Peaceful protest"]
        );
    }

    #[test]
    fn surrenders_bases_and_defections() {
        assert_eq!(
            subs("Forty rebels surrendered to the army on Sunday."),
            ["Agreement"]
        );
        assert_eq!(
            subs("The army has set up a new observation point near the border."),
            ["Headquarters or base established"]
        );
        assert_eq!(
            subs("Two hundred fighters defected to the government side."),
            ["Change to group/activity"]
        );
    }

    #[test]
    fn crowds_counted_are_one_protest() {
        assert_eq!(
            subs("Hundreds of protesters marched to the parliament on Sunday."),
            ["Peaceful protest"]
        );
        assert_eq!(
            subs("Police clashed with hundreds of protesters in the square on Friday."),
            ["Violent demonstration"]
        );
        assert_eq!(
            subs("Dockers went on strike in the port on Monday."),
            ["Peaceful protest"]
        );
    }

    #[test]
    fn placed_bombs_thrown_grenades_and_raids() {
        assert_eq!(
            subs("Militants detonated two bombs on the highway on Friday."),
            ["Remote explosive/landmine/IED"]
        );
        assert_eq!(
            subs("Warplanes dropped bombs on the market, killing four."),
            ["Air/drone strike"]
        );
        assert_eq!(
            subs("Gunmen hurled a grenade at a police post on Thursday."),
            ["Grenade"]
        );
        assert_eq!(
            subs("Police seized rifles and ammunition during a raid on a farm."),
            ["Disrupted weapons use"]
        );
        assert_eq!(
            subs("Army helicopters carried out raids on rebel positions on Monday."),
            ["Air/drone strike"]
        );
        assert_eq!(
            subs("Village vigilantes repelled an attack by armed bandits on Sunday."),
            ["Mob violence"]
        );
    }
}
