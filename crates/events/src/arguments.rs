//! Who acted and who was acted upon: the seam between the events stage and
//! the ways of reading a sentence's arguments.
//!
//! [`ArgumentFinder`] takes a sentence, a trigger and the actor mentions of
//! the sentence and picks actor1, actor2 and associated actors.
//! [`ClauseHeuristic`] is the **interim** implementation, still the events
//! stage's default; [`crate::ParseArguments`] reads the roles from the
//! dependency parse (subject / object / passive agent / conjuncts of the
//! trigger verb) and falls back to this heuristic. The heuristic:
//!
//! * only actors in the trigger's clause count (clauses end at `;`, `:`,
//!   parentheses, dashes, quotes and ", which/who/while/as/but");
//! * active clause: the nearest actor before the trigger is actor1, the
//!   nearest after it actor2;
//! * passive ("was/were/been … by X"): X is actor1 and the actor before
//!   the trigger actor2;
//! * repel triggers ("repelled", "beat back", "foiled"): the side named
//!   before the trigger is the defender (actor2) and the one after it the
//!   attacker (actor1), so the attacker stays actor1 (guidelines §5.4);
//! * when actor2 is still empty and the event targets civilians, a
//!   civilian mention of the sentence becomes actor2;
//! * an actor joined to actor1 or actor2 by "and", "with" or "backed by"
//!   is associated.

use crate::words::{tokenize, Tok};

/// What kind of actor a mention names, as far as typing needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorClass {
    /// State forces, police, a government.
    State,
    /// A rebel group, militia or other armed non-state actor.
    Armed,
    /// Civilians.
    Civilians,
    /// Anything else (political, media, persons, agencies).
    Other,
}

/// An actor mention inside a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorMention {
    /// First byte in the sentence.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// What kind of actor.
    pub class: ActorClass,
}

/// The arguments of one event: indices into the actor mentions given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Arguments {
    /// The side that acts.
    pub actor1: Option<usize>,
    /// The side acted upon.
    pub actor2: Option<usize>,
    /// Actors acting with either side.
    pub assoc: Vec<usize>,
}

/// Finds the arguments of an event trigger.
pub trait ArgumentFinder: Send + Sync {
    /// Actor1, actor2 and associated actors of the trigger at
    /// `trigger.0..trigger.1` (bytes in `sentence`), chosen among `actors`
    /// (mentions of the sentence, in text order). `repel` marks triggers
    /// whose subject is the defender ("repelled").
    fn find_arguments(
        &self,
        sentence: &str,
        trigger: (usize, usize),
        repel: bool,
        civilian_target: bool,
        actors: &[ActorMention],
    ) -> Arguments;
}

/// The interim clause-bounded heuristic (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct ClauseHeuristic;

fn clause_break(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if !t.word {
        return matches!(
            t.lower.as_str(),
            ";" | ":" | "(" | ")" | "\"" | "“" | "”" | "—" | "–"
        );
    }
    i > 0
        && toks[i - 1].lower == ","
        && matches!(
            t.lower.as_str(),
            "which"
                | "who"
                | "while"
                | "as"
                | "but"
                | "whereas"
                | "although"
                | "said"
                | "according"
        )
}

/// The byte range of the clause around `at`.
fn clause(sentence: &str, toks: &[Tok], at: usize) -> (usize, usize) {
    let ti = toks.iter().position(|t| t.end > at).unwrap_or(toks.len());
    let mut start = 0;
    for i in (0..ti.min(toks.len())).rev() {
        if clause_break(toks, i) {
            start = toks[i].end;
            break;
        }
    }
    let mut end = sentence.len();
    for (i, t) in toks.iter().enumerate().skip(ti + 1) {
        if clause_break(toks, i) {
            end = t.start;
            break;
        }
    }
    (start, end)
}

impl ArgumentFinder for ClauseHeuristic {
    fn find_arguments(
        &self,
        sentence: &str,
        trigger: (usize, usize),
        repel: bool,
        civilian_target: bool,
        actors: &[ActorMention],
    ) -> Arguments {
        let toks = tokenize(sentence);
        let (cs, ce) = clause(sentence, &toks, trigger.0);
        let inside = |a: &ActorMention| a.start >= cs && a.end <= ce;
        let before = actors
            .iter()
            .enumerate()
            .filter(|(_, a)| inside(a) && a.end <= trigger.0)
            .map(|(i, _)| i)
            .next_back();
        let after = actors
            .iter()
            .enumerate()
            .find(|(_, a)| inside(a) && a.start >= trigger.1)
            .map(|(i, _)| i);
        // Passive: an auxiliary right before the trigger, and "by X" after.
        let prev_words: Vec<&str> = toks
            .iter()
            .filter(|t| t.word && t.end <= trigger.0 && t.start >= cs)
            .rev()
            .take(3)
            .map(|t| t.lower.as_str())
            .collect();
        let passive = prev_words
            .iter()
            .any(|w| matches!(*w, "was" | "were" | "been" | "being" | "is" | "are"));
        let by_agent = after.filter(|&i| {
            let gap = sentence.get(trigger.1..actors[i].start).unwrap_or("");
            gap.split_whitespace().any(|w| w.eq_ignore_ascii_case("by"))
        });
        let mut args = if passive {
            Arguments {
                actor1: by_agent,
                actor2: before,
                assoc: Vec::new(),
            }
        } else if repel {
            Arguments {
                actor1: after,
                actor2: before,
                assoc: Vec::new(),
            }
        } else {
            Arguments {
                actor1: before,
                actor2: after,
                assoc: Vec::new(),
            }
        };
        if args.actor2.is_none() && civilian_target {
            args.actor2 = actors.iter().position(|a| {
                a.class == ActorClass::Civilians
                    && Some(a.start) != args.actor1.map(|i| actors[i].start)
            });
        }
        // Associated: an actor joined to a chosen side by "and", "with",
        // "backed by", "alongside".
        for side in [args.actor1, args.actor2].into_iter().flatten() {
            let s = &actors[side];
            for (j, a) in actors.iter().enumerate() {
                if Some(j) == args.actor1 || Some(j) == args.actor2 || args.assoc.contains(&j) {
                    continue;
                }
                let gap = if a.start >= s.end {
                    sentence.get(s.end..a.start)
                } else if a.end <= s.start {
                    sentence.get(a.end..s.start)
                } else {
                    None
                };
                let Some(gap) = gap else { continue };
                let g = gap.trim().trim_matches(',').trim().to_ascii_lowercase();
                if matches!(
                    g.as_str(),
                    "and"
                        | "with"
                        | "backed by"
                        | "alongside"
                        | "supported by"
                        | "together with"
                        | "and allied"
                ) {
                    args.assoc.push(j);
                }
            }
        }
        args
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions(s: &str, names: &[(&str, ActorClass)]) -> Vec<ActorMention> {
        let mut out: Vec<ActorMention> = names
            .iter()
            .map(|(n, c)| {
                let start = s.find(n).unwrap();
                ActorMention {
                    start,
                    end: start + n.len(),
                    class: *c,
                }
            })
            .collect();
        out.sort_by_key(|m| m.start);
        out
    }

    fn run(
        s: &str,
        trig: &str,
        repel: bool,
        civ: bool,
        names: &[(&str, ActorClass)],
    ) -> (Option<String>, Option<String>, Vec<String>) {
        let m = mentions(s, names);
        let t = s.find(trig).unwrap();
        let a = ClauseHeuristic.find_arguments(s, (t, t + trig.len()), repel, civ, &m);
        let name = |i: usize| s[m[i].start..m[i].end].to_string();
        (
            a.actor1.map(name),
            a.actor2.map(name),
            a.assoc.into_iter().map(name).collect(),
        )
    }

    use ActorClass::*;

    #[test]
    fn active_passive_repel() {
        let s = "Russian forces attacked Ukrainian troops near Vovchansk.";
        assert_eq!(
            run(
                s,
                "attacked",
                false,
                false,
                &[("Russian forces", State), ("Ukrainian troops", State)]
            ),
            (
                Some("Russian forces".into()),
                Some("Ukrainian troops".into()),
                vec![]
            )
        );
        let s = "The convoy was ambushed by JNIM fighters.";
        assert_eq!(
            run(
                s,
                "ambushed",
                false,
                false,
                &[("The convoy", State), ("JNIM", Armed)]
            ),
            (Some("JNIM".into()), Some("The convoy".into()), vec![])
        );
        let s = "Ukrainian troops repelled eleven Russian assaults.";
        assert_eq!(
            run(
                s,
                "repelled",
                true,
                false,
                &[("Ukrainian troops", State), ("Russian", State)]
            ),
            (
                Some("Russian".into()),
                Some("Ukrainian troops".into()),
                vec![]
            )
        );
    }

    #[test]
    fn clauses_civilians_and_associates() {
        let s = "The army said; gunmen killed villagers in Tsafe.";
        assert_eq!(
            run(
                s,
                "killed",
                false,
                true,
                &[
                    ("The army", State),
                    ("gunmen", Armed),
                    ("villagers", Civilians)
                ]
            ),
            (Some("gunmen".into()), Some("villagers".into()), vec![])
        );
        let s = "Bandits raided the market, killing traders.";
        assert_eq!(
            run(
                s,
                "raided",
                false,
                true,
                &[("Bandits", Armed), ("traders", Civilians)]
            )
            .1,
            Some("traders".into())
        );
        let s = "The army and Wagner attacked the rebels.";
        assert_eq!(
            run(
                s,
                "attacked",
                false,
                false,
                &[
                    ("The army", State),
                    ("Wagner", Armed),
                    ("the rebels", Armed)
                ]
            ),
            (
                Some("Wagner".into()),
                Some("the rebels".into()),
                vec!["The army".into()]
            )
        );
    }
}
