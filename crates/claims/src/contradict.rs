//! Contradictions: claims of different claimants about the same event that
//! cannot both be true.
//!
//! The rules are deliberately narrow; a wrong contradiction misleads more
//! than a missing one. Two claims are compared only when their claimants
//! differ and they are about the same thing: they report a common event,
//! or (when neither reports any event) they name a common place. Then:
//!
//! - **actor** (responsibility): one denies what the other asserts, about a
//!   common event (never on a place alone); or one calls a group a proxy or
//!   puppet and the other says it acts independently;
//! - **fatalities**: both report a common event and give different death
//!   tolls ("no one was killed" counts as zero; a common place is not
//!   enough, as one place sees several incidents, and tolls of "another"
//!   incident or totals are never compared);
//! - **outcome**: one says an attack was repelled or failed, the other that
//!   it gained ground or that fighting goes on.

use crate::{Claim, Stance};

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
    /// compared through a common place).
    pub events: Vec<usize>,
    /// What they disagree about.
    pub about: About,
    /// A one-line reason.
    pub note: String,
}

/// Contradictions among `claims`. `events[i]` lists the events claim `i`
/// reports, `places[i]` the place names its statement mentions.
pub fn contradictions(
    text: &str,
    claims: &[Claim],
    events: &[Vec<usize>],
    places: &[Vec<String>],
) -> Vec<Contradiction> {
    let mut out = Vec::new();
    let body = |c: &Claim| {
        text.get(c.span.start..c.span.end)
            .unwrap_or("")
            .to_lowercase()
    };
    let names: Vec<Option<String>> = claims
        .iter()
        .map(|c| c.claimant.as_ref().map(|p| p.name.to_lowercase()))
        .collect();
    let none: Vec<usize> = Vec::new();
    let no_places: Vec<String> = Vec::new();
    for i in 0..claims.len() {
        let ea = events.get(i).unwrap_or(&none);
        let pa = places.get(i).unwrap_or(&no_places);
        if ea.is_empty() && pa.is_empty() {
            continue;
        }
        // Claims far apart in a long document are not compared (keeps it linear).
        for j in i + 1..claims.len().min(i + 200) {
            let (a, b) = (&claims[i], &claims[j]);
            let eb = events.get(j).unwrap_or(&none);
            let shared: Vec<usize> = ea.iter().filter(|e| eb.contains(e)).copied().collect();
            let pb = places.get(j).unwrap_or(&no_places);
            let same_place = ea.is_empty() && eb.is_empty() && pa.iter().any(|p| pb.contains(p));
            if shared.is_empty() && !same_place {
                continue;
            }
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
            let (ta, tb) = (body(a), body(b));
            let (na, nb) = (name_of(a), name_of(b));
            let found = if !shared.is_empty() && a.stance != b.stance {
                let (yes, no) = if a.stance == Stance::Denies {
                    (&nb, &na)
                } else {
                    (&na, &nb)
                };
                Some((About::Actor, format!("{yes} asserts what {no} denies")))
            } else if let (Some(x), Some(y), false) = (toll(&ta), toll(&tb), shared.is_empty()) {
                (x != y).then(|| {
                    (
                        About::Fatalities,
                        format!("{na} gives {x} killed, {nb} gives {y}"),
                    )
                })
            } else if let (Some(x), Some(y)) = (outcome(&ta), outcome(&tb)) {
                (x != y).then(|| {
                    (
                        About::Outcome,
                        format!("{na} says {}, {nb} says {}", x.describe(), y.describe()),
                    )
                })
            } else if let (Some(x), Some(y)) = (identity(&ta), identity(&tb)) {
                (x != y).then(|| {
                    let (p, q) = if x { (&na, &nb) } else { (&nb, &na) };
                    (
                        About::Actor,
                        format!("{p} calls them proxies, {q} says they act independently"),
                    )
                })
            } else {
                None
            };
            if let Some((about, note)) = found {
                out.push(Contradiction {
                    claims: vec![i, j],
                    events: shared,
                    about,
                    note,
                });
            }
        }
    }
    out
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Repelled,
    Gained,
}

impl Outcome {
    fn describe(self) -> &'static str {
        match self {
            Outcome::Repelled => "the attack was repelled",
            Outcome::Gained => "the attackers gained ground or fighting goes on",
        }
    }
}

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

fn outcome(t: &str) -> Option<Outcome> {
    let repelled = has_any(
        t,
        &[
            "repelled",
            "repulsed",
            "beaten back",
            "beat back",
            "foiled",
            "thwarted",
            "decimated",
            "failed",
            "fended off",
            "pushed back",
            "routed",
            "were destroyed",
            "was destroyed",
        ],
    );
    let gained = has_any(
        t,
        &[
            "breakthrough",
            "breakthroughs",
            "captured",
            "took control",
            "seized",
            "advanced",
            "advancing",
            "intense fighting",
            "fierce fighting",
            "heavy fighting",
            "fighting continues",
            "still fighting",
            "broke through",
            "liberated",
            "entered",
            "gained ground",
        ],
    );
    match (repelled, gained) {
        (true, false) => Some(Outcome::Repelled),
        (false, true) => Some(Outcome::Gained),
        _ => None,
    }
}

/// True: proxy; false: independent.
fn identity(t: &str) -> Option<bool> {
    let proxy = has_any(
        t,
        &[
            "puppet",
            "puppets",
            "proxy",
            "proxies",
            "controlled by",
            "agents of",
            "henchmen",
            "mercenaries of",
        ],
    );
    let independent = has_any(
        t,
        &[
            "independently",
            "independent",
            "on their own",
            "own initiative",
        ],
    );
    match (proxy, independent) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
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

    fn claim(text: &str, who: &str, body: &str, stance: Stance) -> Claim {
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
            sentence: 0,
            attribution: Span::new(w, w + who.len()),
        }
    }

    #[test]
    fn tolls_differ() {
        let t = "Army: 12 rebels were killed near Aba. Rebels: four fighters died near Aba.";
        let cs = [
            claim(t, "Army", "12 rebels were killed near Aba", Stance::Asserts),
            claim(t, "Rebels", "four fighters died near Aba", Stance::Asserts),
        ];
        let got = contradictions(t, &cs, &[vec![0], vec![0]], &[vec![], vec![]]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].about, About::Fatalities);
        assert!(got[0].note.contains("12"));
        // The same place without a common event: no contradiction.
        let aba = [vec!["Aba".to_string()], vec!["Aba".to_string()]];
        assert!(contradictions(t, &cs, &[vec![], vec![]], &aba).is_empty());
    }

    #[test]
    fn same_toll_or_same_claimant_is_no_contradiction() {
        let t = "Army: 12 killed. Police: 12 killed. Army: 3 killed.";
        let same_toll = [
            claim(t, "Army", "12 killed", Stance::Asserts),
            claim(t, "Police", "12 killed.", Stance::Asserts),
        ];
        assert!(contradictions(t, &same_toll, &[vec![0], vec![0]], &[vec![], vec![]]).is_empty());
        let same_claimant = [
            claim(t, "Army", "12 killed", Stance::Asserts),
            claim(t, "Army", "3 killed", Stance::Asserts),
        ];
        assert!(
            contradictions(t, &same_claimant, &[vec![0], vec![0]], &[vec![], vec![]]).is_empty()
        );
    }

    #[test]
    fn denial_needs_a_common_event() {
        let t = "Militia: we shelled the depot at Oro. Army: nobody shelled the depot at Oro.";
        let cs = [
            claim(t, "Militia", "we shelled the depot at Oro", Stance::Asserts),
            claim(t, "Army", "nobody shelled the depot at Oro", Stance::Denies),
        ];
        let places = [vec!["Oro".to_string()], vec!["Oro".to_string()]];
        assert!(contradictions(t, &cs, &[vec![], vec![]], &places).is_empty());
        let got = contradictions(t, &cs, &[vec![3], vec![3]], &places);
        assert_eq!(got[0].about, About::Actor);
        assert_eq!(got[0].events, [3]);
    }

    #[test]
    fn outcome_by_place() {
        let t = "A: the assault on Oro was repelled. B: our units captured Oro.";
        let cs = [
            claim(t, "A", "the assault on Oro was repelled", Stance::Asserts),
            claim(t, "B", "our units captured Oro", Stance::Asserts),
        ];
        let places = [vec!["Oro".to_string()], vec!["Oro".to_string()]];
        let got = contradictions(t, &cs, &[vec![], vec![]], &places);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].about, About::Outcome);
        // No common place: nothing.
        assert!(contradictions(t, &cs, &[vec![], vec![]], &[vec![], vec![]]).is_empty());
    }

    #[test]
    fn identity_and_helpers() {
        assert_eq!(identity("they are puppets of the army"), Some(true));
        assert_eq!(identity("the units operate independently"), Some(false));
        assert_eq!(toll("no one was killed"), Some(0));
        assert_eq!(toll("another 10 people were killed"), None);
        assert!(acronym_of("aip", "afghan islamic press"));
        assert!(!acronym_of("un", "united"));
        assert_eq!(toll("a blast killed 7 people"), Some(7));
        assert_eq!(toll("7 people were wounded"), None);
        assert_eq!(toll("7 people were killed"), Some(7));
        assert_eq!(
            outcome("intense fighting near the village"),
            Some(Outcome::Gained)
        );
        assert!(!has_any("unfailed", &["failed"]));
    }
}
