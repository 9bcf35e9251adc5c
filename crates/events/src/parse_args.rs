//! Actor1, actor2 and associated actors read from the sentence's dependency
//! parse ([`sitrep_syntax`]), with [`ClauseHeuristic`] filling the roles the
//! parse leaves empty.
//!
//! The trigger is mapped to its syntactic word (the highest one when a
//! trigger spans several words, "opened fire"). Then:
//!
//! * **verbal trigger, active**: the actor in the subject's phrase is actor1
//!   (a relative pronoun stands for the noun its clause modifies, "militants
//!   who stormed the base"; a participle without a subject of its own takes
//!   its head's: "…, killing traders"), the one in the object's phrase, else
//!   in an "on/against/upon" phrase, actor2;
//! * **verbal trigger, passive**: the "by" agent is actor1, the passive
//!   subject (or the noun a participle modifies) actor2;
//! * **nominal trigger** ("an attack by X on Y", "X's attack", "the Russian
//!   offensive"): a "by" phrase, a possessor or an actor among the noun's
//!   own modifiers is actor1, an "on/against/of" phrase actor2 ("clashes
//!   between X and Y": X and Y); what is still missing comes from the verb
//!   that governs the noun ("X launched an attack" → the subject; "an
//!   attack killed five civilians" → the object; passive verbs read their
//!   agent and patient);
//! * **repel triggers** ("repelled"): the subject is the defender (actor2)
//!   and the attacker (the owner of the repelled attack, or the object
//!   itself) stays actor1 (guidelines §5.4);
//! * actors coordinated with either side ("the army and Wagner") are
//!   associated.
//!
//! The actor of a phrase is the mention covering its head word, else the
//! mention nearest the head among the head's nominal modifiers (not inside
//! relative or other clauses, not in coordinated phrases). The parse of the
//! last sentence is cached per thread, so the several triggers of one
//! sentence parse it once.

use std::cell::RefCell;
use std::rc::Rc;

use sitrep_syntax::{Analysis, Upos};

use crate::arguments::{ActorClass, ActorMention, ArgumentFinder, Arguments, ClauseHeuristic};

/// The parser-based argument finder (see the module docs).
#[derive(Debug, Clone, Copy)]
pub struct ParseArguments {
    /// Whether roles the parse leaves empty are taken from
    /// [`ClauseHeuristic`].
    pub fallback: bool,
}

impl Default for ParseArguments {
    /// With the clause heuristic as fallback.
    fn default() -> ParseArguments {
        ParseArguments { fallback: true }
    }
}

thread_local! {
    static LAST: RefCell<Option<(String, Rc<Analysis>)>> = const { RefCell::new(None) };
}

fn analyze_now(sentence: &str) -> Analysis {
    let seg = sitrep_text::segment(sentence);
    sitrep_syntax::analyze(sentence, &seg.tokens)
}

/// The analysis of `sentence`, from the per-thread cache when it was the
/// last one parsed on this thread.
pub(crate) fn parse(sentence: &str) -> Rc<Analysis> {
    let cached = LAST
        .try_with(|c| {
            let c = c.try_borrow().ok()?;
            c.as_ref()
                .filter(|(s, _)| s == sentence)
                .map(|(_, a)| Rc::clone(a))
        })
        .ok()
        .flatten();
    if let Some(a) = cached {
        return a;
    }
    let a = Rc::new(analyze_now(sentence));
    let _ = LAST.try_with(|c| {
        if let Ok(mut c) = c.try_borrow_mut() {
            *c = Some((sentence.to_string(), Rc::clone(&a)));
        }
    });
    a
}

/// Relations followed when looking for the actor of a phrase below its head.
const PHRASE: &[&str] = &[
    "amod",
    "compound",
    "flat",
    "nmod",
    "nmod:poss",
    "nmod:unmarked",
    "appos",
    "det",
    "nummod",
    "fixed",
    "advmod",
];

/// Prepositions of a modifier that names who a phrase's head belongs to
/// or is made of ("fighters of JNIM", "members from the RSF").
const MEMBER: &[&str] = &["of", "from", "including", "among"];

/// Pronouns that stand for an actor named earlier in the sentence.
const PRONOUNS: &[&str] = &["it", "they", "we", "its", "their", "our"];

/// Verbs whose noun object is the event itself, so that their subject (or
/// passive agent) is its actor ("X launched an attack", "an offensive was
/// mounted by X"): word stems, matched at the start of the lower-cased verb.
const LIGHT: &[&str] = &[
    "launch",
    "carr",
    "conduct",
    "stag",
    "mount",
    "made",
    "mak",
    "commit",
    "perpetrat",
    "fire",
    "fired",
    "drop",
    "unleash",
    "led",
    "lead",
    "organi",
    "held",
    "hold",
    "began",
    "begin",
    "start",
    "continu",
    "intensif",
    "resum",
    "open",
    "renew",
    "step",
    "execut",
    "inflict",
];

/// Verbs of two parties acting together: a coordinated subject is both
/// sides ("the government and the ELN signed an agreement", "X and Y
/// clashed").
const RECIPROCAL: &[&str] = &[
    "sign", "agree", "clash", "fought", "fight", "battl", "exchang", "negotiat",
];

/// Prepositions that introduce the target of an action ("attack on Y").
const TARGET: &[&str] = &["on", "against", "upon", "targeting", "at"];

/// Words standing for a relative clause's noun.
const RELATIVE: &[&str] = &["who", "whom", "which", "that"];

struct Reader<'a> {
    a: &'a Analysis,
    text: &'a str,
    /// For each word, the mention covering it.
    cover: Vec<Option<usize>>,
    /// The mention overlapping the trigger ("protesters"), if any.
    own: Option<usize>,
}

/// Picks from the parse (before any fallback).
#[derive(Default, Debug)]
struct Picks {
    actor1: Option<usize>,
    actor2: Option<usize>,
    /// The words the sides were read from (for their conjuncts).
    word1: Option<usize>,
    word2: Option<usize>,
}

impl<'a> Reader<'a> {
    fn new(
        a: &'a Analysis,
        text: &'a str,
        actors: &'a [ActorMention],
        trigger: (usize, usize),
    ) -> Self {
        let cover = a
            .words()
            .iter()
            .map(|w| {
                actors.iter().position(|m| {
                    m.start < w.span.end
                        && w.span.start < m.end
                        // A mention overlapping the trigger is never its argument.
                        && !(m.start < trigger.1 && trigger.0 < m.end)
                })
            })
            .collect();
        let own = actors
            .iter()
            .position(|m| m.start < trigger.1 && trigger.0 < m.end);
        Reader {
            a,
            text,
            cover,
            own,
        }
    }

    fn lower(&self, i: usize) -> String {
        self.a.text(self.text, i).to_lowercase()
    }

    fn upos(&self, i: usize) -> Upos {
        self.a.words().get(i).map_or(Upos::X, |w| w.upos)
    }

    fn stem_in(&self, i: usize, stems: &[&str]) -> bool {
        let w = self.lower(i);
        stems.iter().any(|s| w.starts_with(s))
    }

    fn is_verbal(&self, i: usize) -> bool {
        matches!(self.upos(i), Upos::Verb | Upos::Aux)
    }

    /// The preposition ("case" dependent) of word `i`, lower-cased.
    fn case_of(&self, i: usize) -> Option<String> {
        self.a
            .children(i)
            .iter()
            .copied()
            .find(|&c| self.a.rel(c) == "case")
            .map(|c| self.lower(c))
    }

    /// The actor named by the phrase headed by `x` (see the module docs).
    fn actor_of(&self, x: usize) -> Option<usize> {
        if let Some(m) = self.cover.get(x).copied().flatten() {
            return Some(m);
        }
        let mut best: Option<(usize, usize)> = None;
        let mut stack = vec![x];
        let mut steps = 0;
        while let Some(y) = stack.pop() {
            steps += 1;
            if steps > self.a.len() + 1 {
                break;
            }
            for &c in self.a.children(y) {
                if !PHRASE.contains(&self.a.rel(c)) {
                    continue;
                }
                // "fighters of JNIM", not "the road to Djibo", "according
                // to the PDF" or "the region, by terrorists".
                if self.a.rel(c) == "nmod"
                    && self
                        .case_of(c)
                        .is_some_and(|p| !MEMBER.contains(&p.as_str()))
                {
                    continue;
                }
                if let Some(m) = self.cover.get(c).copied().flatten() {
                    let d = c.abs_diff(x);
                    if best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, m));
                    }
                } else {
                    stack.push(c);
                }
            }
        }
        best.map(|(_, m)| m)
    }

    /// The subject of `v`, resolving relative pronouns and climbing from a
    /// participle or infinitive without its own subject to its head.
    fn subject(&self, v: usize) -> Option<usize> {
        let mut x = v;
        for _ in 0..4 {
            if let Some(s) = self.a.subject(x) {
                if RELATIVE.contains(&self.lower(s).as_str()) {
                    return self.a.relative_head(x).or(Some(s));
                }
                return Some(s);
            }
            let h = self.a.head(x)?;
            match self.a.rel(x) {
                // "militants attacking the base"
                "acl" if !self.a.is_passive(x) => return Some(h),
                "advcl" | "conj" | "xcomp"
                    if self.a.dependent(x, &["mark"]).is_none() && self.is_verbal(h) =>
                {
                    x = h
                }
                _ => return None,
            }
        }
        None
    }

    /// The words coordinated with `w`: its conjuncts, and other subjects or
    /// objects of its head where the parser missed a coordination ("The
    /// army and Wagner fighters" read as two subjects).
    fn coordinated(&self, w: usize) -> Vec<usize> {
        let mut out = self.a.conjuncts(w);
        let rel = self.a.rel(w);
        if matches!(rel, "nsubj" | "nsubj:pass" | "obj") {
            if let Some(h) = self.a.head(w) {
                out.extend(
                    self.a
                        .children(h)
                        .iter()
                        .copied()
                        .filter(|&c| c != w && self.a.rel(c) == rel),
                );
            }
        }
        out.retain(|&c| c != w);
        out
    }

    /// The actor of subject `s` of `v`; a pronoun subject ("it fired",
    /// "its fighters ambushed") of a reported clause stands for the
    /// reporting verb's subject ("Hezbollah said it fired").
    fn subject_actor(&self, v: usize, s: usize) -> Option<usize> {
        if let Some(m) = self.actor_of(s) {
            return Some(m);
        }
        // "a mine planted by PDF fighters killed…"
        let planted = self.a.children(s).iter().copied().find_map(|c| {
            (self.a.rel(c) == "acl" && self.a.is_passive(c))
                .then(|| self.a.agent(c))
                .flatten()
                .and_then(|g| self.actor_of(g))
        });
        if planted.is_some() {
            return planted;
        }
        let pronoun = PRONOUNS.contains(&self.lower(s).as_str())
            || self.a.children(s).iter().any(|&c| {
                self.a.rel(c) == "nmod:poss" && PRONOUNS.contains(&self.lower(c).as_str())
            });
        if !pronoun {
            return None;
        }
        // Up to the clause the pronoun's clause is reported in.
        let mut x = v;
        for _ in 0..4 {
            match self.a.rel(x) {
                "conj" | "xcomp" | "advcl" => x = self.a.head(x)?,
                "ccomp" => {
                    let h = self.a.head(x)?;
                    let s2 = self.a.subject(h)?;
                    return self
                        .cover
                        .get(s2)
                        .copied()
                        .flatten()
                        .or_else(|| self.actor_of(s2));
                }
                _ => return None,
            }
        }
        None
    }

    /// The target phrase of `v` or of a nominal: "on/against/upon Y".
    fn target(&self, v: usize, rels: &[&str], preps: &[&str]) -> Option<(usize, usize)> {
        self.a.children(v).iter().copied().find_map(|c| {
            if !rels.contains(&self.a.rel(c)) {
                return None;
            }
            let p = self.case_of(c)?;
            if !preps.contains(&p.as_str()) {
                return None;
            }
            self.actor_of(c).map(|m| (m, c))
        })
    }

    /// The word of the trigger: among the words it overlaps, the one whose
    /// head lies outside it.
    fn trigger_word(&self, trigger: (usize, usize)) -> Option<usize> {
        let inside: Vec<usize> = (0..self.a.len())
            .filter(|&i| {
                let s = self.a.words()[i].span;
                s.start < trigger.1 && trigger.0 < s.end && self.upos(i) != Upos::Punct
            })
            .collect();
        inside
            .iter()
            .copied()
            .find(|&i| self.a.head(i).is_none_or(|h| !inside.contains(&h)))
            .or(inside.first().copied())
    }

    /// Actor1 / actor2 of a verbal predicate `v`.
    fn verbal(&self, v: usize, repel: bool) -> Picks {
        let mut p = Picks::default();
        let passive = self.a.is_passive(v);
        let set1 = |p: &mut Picks, w: Option<usize>| {
            if let Some(w) = w {
                if let Some(m) = self.actor_of(w) {
                    p.actor1 = Some(m);
                    p.word1 = Some(w);
                }
            }
        };
        let set2 = |p: &mut Picks, w: Option<usize>| {
            if let Some(w) = w {
                if let Some(m) = self.actor_of(w) {
                    p.actor2 = Some(m);
                    p.word2 = Some(w);
                }
            }
        };
        if repel {
            // The defender acts on the attack: its owner is actor1.
            let (defender, attack) = if passive {
                (self.a.agent(v), self.a.patient(v))
            } else {
                (self.subject(v), self.a.object(v))
            };
            if let Some(d) = defender {
                let m = if passive {
                    self.actor_of(d)
                } else {
                    self.subject_actor(v, d)
                };
                if let Some(m) = m {
                    p.actor2 = Some(m);
                    p.word2 = Some(d);
                }
            }
            if let Some(o) = attack {
                let own = self.nominal_own(o);
                if own.actor1.is_some() {
                    p.actor1 = own.actor1;
                    p.word1 = own.word1;
                } else {
                    set1(&mut p, Some(o));
                }
            }
            return p;
        }
        if passive {
            set1(&mut p, self.a.agent(v));
            set2(&mut p, self.a.patient(v));
        } else {
            if let Some(s) = self.subject(v) {
                if let Some(m) = self.subject_actor(v, s) {
                    p.actor1 = Some(m);
                    p.word1 = Some(s);
                }
            }
            set2(&mut p, self.a.object(v));
        }
        if p.actor2.is_none() {
            if let Some((m, w)) = self.target(v, &["obl", "obl:arg"], TARGET) {
                p.actor2 = Some(m);
                p.word2 = Some(w);
            }
        }
        p
    }

    /// Actor1 / actor2 read from a nominal trigger's own modifiers.
    fn nominal_own(&self, n: usize) -> Picks {
        let mut p = Picks::default();
        let rels = ["nmod", "obl", "acl"];
        if let Some((m, w)) = self.target(n, &rels, &["by"]) {
            p.actor1 = Some(m);
            p.word1 = Some(w);
        }
        if p.actor1.is_none() {
            // "X's attack", "the Russian offensive", "Houthi drone attacks".
            for &c in self.a.children(n).iter().filter(|&&c| c < n) {
                if !matches!(
                    self.a.rel(c),
                    "nmod:poss" | "amod" | "compound" | "nmod:unmarked"
                ) {
                    continue;
                }
                if let Some(m) = self.actor_of(c) {
                    p.actor1 = Some(m);
                    p.word1 = Some(c);
                }
            }
        }
        // "an attack by X on Y", also with "on Y" attached to X.
        let target = self.target(n, &["nmod"], TARGET).or_else(|| {
            p.word1
                .and_then(|w| self.target(w, &["nmod"], TARGET))
                .filter(|&(m, _)| Some(m) != p.actor1)
        });
        if let Some((m, w)) = target {
            p.actor2 = Some(m);
            p.word2 = Some(w);
        }
        // "clashes between X and Y"
        if let Some((m, w)) = self.target(n, &["nmod"], &["between"]) {
            let others: Vec<usize> = self
                .a
                .conjuncts(w)
                .into_iter()
                .filter(|&c| c != w)
                .filter_map(|c| self.actor_of(c).map(|x| (x, c)))
                .filter(|&(x, _)| x != m)
                .map(|(x, _)| x)
                .collect();
            if p.actor1.is_none() {
                p.actor1 = Some(m);
                p.word1 = None;
                if p.actor2.is_none() {
                    p.actor2 = others.first().copied();
                }
            } else if p.actor2.is_none() {
                p.actor2 = Some(m);
            }
        }
        // "the killing of three civilians", "the arrest of activists"
        if p.actor2.is_none() {
            if let Some((m, w)) = self.target(n, &["nmod"], &["of"]) {
                if Some(m) != p.actor1 {
                    p.actor2 = Some(m);
                    p.word2 = Some(w);
                }
            }
        }
        // "clashes with X": the other side.
        if p.actor2.is_none() {
            if let Some((m, w)) = self.target(n, &["nmod"], &["with"]) {
                if Some(m) != p.actor1 {
                    p.actor2 = Some(m);
                    p.word2 = Some(w);
                }
            }
        }
        p
    }

    /// Sets actor1 from phrase `w` when it is still empty (`subject_of`:
    /// the verb whose subject `w` is, so pronouns resolve).
    fn fill1(&self, p: &mut Picks, w: Option<usize>, subject_of: Option<usize>) {
        let Some(w) = w.filter(|_| p.actor1.is_none()) else {
            return;
        };
        let m = match subject_of {
            Some(v) => self.subject_actor(v, w),
            None => self.actor_of(w),
        };
        if let Some(m) = m.filter(|&m| Some(m) != p.actor2) {
            p.actor1 = Some(m);
            p.word1 = Some(w);
        }
    }

    /// Sets actor2 from phrase `w` when it is still empty.
    fn fill2(&self, p: &mut Picks, w: Option<usize>) {
        let Some(w) = w.filter(|_| p.actor2.is_none()) else {
            return;
        };
        if let Some(m) = self.actor_of(w).filter(|&m| Some(m) != p.actor1) {
            p.actor2 = Some(m);
            p.word2 = Some(w);
        }
    }

    /// Actor1 / actor2 of a nominal trigger `n`: its own modifiers, then the
    /// governing verb.
    fn nominal(&self, n: usize, repel: bool) -> Picks {
        let mut p = self.nominal_own(n);
        let verbal_head = self.a.head(n).filter(|&h| self.is_verbal(h));
        // A trigger naming its own actor ("rioters looted…", "hundreds
        // of protesters marched") is actor1 when it is the subject.
        if p.actor1.is_none() && (verbal_head.is_none() || self.a.rel(n) == "nsubj") {
            if let Some(m) = self.own.filter(|&m| Some(m) != p.actor2) {
                p.actor1 = Some(m);
                p.word1 = Some(n);
            }
        }
        let Some(h) = verbal_head else {
            return p;
        };
        let passive = self.a.is_passive(h);
        match self.a.rel(n) {
            // "Russia attacked the city with glide bombs"
            "obl" if !passive && self.case_of(n).as_deref() == Some("with") => {
                self.fill1(&mut p, self.subject(h), Some(h));
                self.fill2(&mut p, self.a.object(h));
            }
            // "fighting broke out", "an attack killed five civilians"
            "nsubj" if !repel => self.fill2(&mut p, self.a.object(h)),
            // "an attack was carried out by X"
            "nsubj:pass" if self.stem_in(h, LIGHT) => self.fill1(&mut p, self.a.agent(h), None),
            // "X launched an attack on Y"
            "obj" if !passive && self.stem_in(h, LIGHT) => {
                self.fill1(&mut p, self.subject(h), Some(h))
            }
            _ => {}
        }
        p
    }
}

impl ParseArguments {
    /// The roles read from the parse alone (no fallback), for tests and
    /// comparisons.
    pub fn from_parse(
        &self,
        sentence: &str,
        trigger: (usize, usize),
        repel: bool,
        actors: &[ActorMention],
    ) -> Arguments {
        if actors.is_empty() || trigger.0 >= trigger.1 {
            return Arguments::default();
        }
        let a = parse(sentence);
        let r = Reader::new(&a, sentence, actors, trigger);
        let Some(t) = r.trigger_word(trigger) else {
            return Arguments::default();
        };
        let mut p = if r.is_verbal(t) {
            r.verbal(t, repel)
        } else {
            r.nominal(t, repel)
        };
        if p.actor1.is_some() && p.actor1 == p.actor2 {
            p.actor2 = None;
            p.word2 = None;
        }
        // "X and Y signed an agreement / clashed": Y is the other side.
        let predicate = if r.is_verbal(t) { Some(t) } else { a.head(t) };
        if let (None, Some(w1), Some(v)) = (p.actor2, p.word1, predicate) {
            if !repel && r.stem_in(v, RECIPROCAL) {
                let other = r.coordinated(w1).into_iter().find_map(|c| {
                    r.actor_of(c)
                        .filter(|&m| Some(m) != p.actor1)
                        .map(|m| (m, c))
                });
                if let Some((m, c)) = other {
                    p.actor2 = Some(m);
                    p.word2 = Some(c);
                }
            }
        }
        let mut assoc = Vec::new();
        for w in [p.word1, p.word2].into_iter().flatten() {
            for c in r.coordinated(w) {
                if let Some(m) = r.actor_of(c) {
                    if Some(m) != p.actor1 && Some(m) != p.actor2 && !assoc.contains(&m) {
                        assoc.push(m);
                    }
                }
            }
        }
        Arguments {
            actor1: p.actor1,
            actor2: p.actor2,
            assoc,
        }
    }
}

impl ArgumentFinder for ParseArguments {
    fn find_arguments(
        &self,
        sentence: &str,
        trigger: (usize, usize),
        repel: bool,
        civilian_target: bool,
        actors: &[ActorMention],
    ) -> Arguments {
        let mut args = self.from_parse(sentence, trigger, repel, actors);
        if !self.fallback {
            if args.actor2.is_none() && civilian_target {
                args.actor2 = actors.iter().position(|a| {
                    a.class == ActorClass::Civilians
                        && Some(a.start) != args.actor1.and_then(|i| actors.get(i)).map(|m| m.start)
                });
            }
            return args;
        }
        if args.actor1.is_some() && args.actor2.is_some() {
            return args;
        }
        let h = ClauseHeuristic.find_arguments(sentence, trigger, repel, civilian_target, actors);
        let taken = |args: &Arguments, i: usize| {
            Some(i) == args.actor1 || Some(i) == args.actor2 || args.assoc.contains(&i)
        };
        if args.actor1.is_none() {
            if let Some(i) = h.actor1.filter(|&i| !taken(&args, i)) {
                args.actor1 = Some(i);
            }
        }
        if args.actor2.is_none() {
            if let Some(i) = h.actor2.filter(|&i| !taken(&args, i)) {
                args.actor2 = Some(i);
            }
        }
        for i in h.assoc {
            if !taken(&args, i) {
                args.assoc.push(i);
            }
        }
        args
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ActorClass::*;

    /// Runs the finder on `s` with the mentions `names` (first occurrence
    /// of each) and the trigger `trig`; returns actor1, actor2 and assoc as
    /// text.
    fn run(
        finder: ParseArguments,
        s: &str,
        trig: &str,
        repel: bool,
        names: &[(&str, ActorClass)],
    ) -> (Option<String>, Option<String>, Vec<String>) {
        let mut m: Vec<ActorMention> = names
            .iter()
            .map(|(n, c)| {
                let start = s.find(n).expect("mention in sentence");
                ActorMention {
                    start,
                    end: start + n.len(),
                    class: *c,
                }
            })
            .collect();
        m.sort_by_key(|x| x.start);
        let t = s.find(trig).expect("trigger in sentence");
        let a = finder.find_arguments(s, (t, t + trig.len()), repel, false, &m);
        let name = |i: usize| s[m[i].start..m[i].end].to_string();
        (
            a.actor1.map(name),
            a.actor2.map(name),
            a.assoc.into_iter().map(name).collect(),
        )
    }

    const PARSE: ParseArguments = ParseArguments { fallback: false };

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn active_clause_with_a_relative_clause_before_the_object() {
        // The heuristic takes the nearest actor before the trigger
        // ("the army"); the parse takes the subject.
        let s =
            "Al-Shabaab fighters, who had been hiding from the army, attacked the police station.";
        let names = [
            ("Al-Shabaab", Armed),
            ("the army", State),
            ("the police", State),
        ];
        let got = run(PARSE, s, "attacked", false, &names);
        assert_eq!(got.0, some("Al-Shabaab"));
        assert_eq!(got.1, some("the police"));
        let h = ClauseHeuristic.find_arguments(
            s,
            (s.find("attacked").unwrap(), s.find("attacked").unwrap() + 8),
            false,
            false,
            &[
                ActorMention {
                    start: 0,
                    end: 10,
                    class: Armed,
                },
                ActorMention {
                    start: s.find("the army").unwrap(),
                    end: s.find("the army").unwrap() + 8,
                    class: State,
                },
            ],
        );
        assert_eq!(
            h.actor1,
            Some(1),
            "the heuristic's weakness this finder fixes"
        );
    }

    #[test]
    fn passive_with_by_agent() {
        let s = "The convoy of the Malian army was ambushed near Boni by JNIM fighters on Tuesday.";
        let got = run(
            PARSE,
            s,
            "ambushed",
            false,
            &[("Malian army", State), ("JNIM", Armed)],
        );
        assert_eq!(got.0, some("JNIM"));
        assert_eq!(got.1, some("Malian army"));
    }

    #[test]
    fn nominal_attack_by_x_on_y() {
        let s = "An attack by Boko Haram fighters on a military base left five soldiers dead.";
        let got = run(
            PARSE,
            s,
            "attack",
            false,
            &[("Boko Haram", Armed), ("a military base", State)],
        );
        assert_eq!(got.0, some("Boko Haram"));
        assert_eq!(got.1, some("a military base"));
        // The object of a light verb: its subject acts.
        let s = "The Houthis launched an attack on a cargo ship.";
        let got = run(PARSE, s, "attack", false, &[("The Houthis", Armed)]);
        assert_eq!(got.0, some("The Houthis"));
        // …but not the object of any verb.
        let s = "The United Nations condemned the attack.";
        let got = run(PARSE, s, "attack", false, &[("The United Nations", Other)]);
        assert_eq!(got.0, None);
    }

    #[test]
    fn coordination_gives_associates_and_reciprocal_sides() {
        let s = "The army and Wagner fighters attacked the rebels in Kidal.";
        let got = run(
            PARSE,
            s,
            "attacked",
            false,
            &[
                ("The army", State),
                ("Wagner", Armed),
                ("the rebels", Armed),
            ],
        );
        assert_eq!(
            got,
            (some("The army"), some("the rebels"), vec!["Wagner".into()])
        );
        let s = "The government and the ELN signed an agreement in Caracas.";
        let got = run(
            PARSE,
            s,
            "signed",
            false,
            &[("The government", State), ("the ELN", Armed)],
        );
        assert_eq!((got.0, got.1), (some("The government"), some("the ELN")));
    }

    #[test]
    fn relative_clause_subject() {
        let s = "Police in Kano arrested three militants who stormed a bank on Monday.";
        let got = run(
            PARSE,
            s,
            "stormed",
            false,
            &[("Police", State), ("militants", Armed)],
        );
        assert_eq!(got.0, some("militants"));
        let got = run(
            PARSE,
            s,
            "arrested",
            false,
            &[("Police", State), ("militants", Armed)],
        );
        assert_eq!((got.0, got.1), (some("Police"), some("militants")));
    }

    #[test]
    fn repelled_keeps_the_attacker_as_actor1() {
        let s = "Ukrainian troops repelled an attack by Russian forces near Pokrovsk.";
        let got = run(
            PARSE,
            s,
            "repelled",
            true,
            &[("Ukrainian troops", State), ("Russian forces", State)],
        );
        assert_eq!(got.0, some("Russian forces"));
        assert_eq!(got.1, some("Ukrainian troops"));
    }

    #[test]
    fn pronoun_subject_of_a_reported_clause() {
        let s = "Hezbollah said it had fired rockets at an Israeli army post on Tuesday.";
        let got = run(
            PARSE,
            s,
            "fired",
            false,
            &[("Hezbollah", Armed), ("Israeli army", State)],
        );
        assert_eq!(got.0, some("Hezbollah"));
    }

    #[test]
    fn fallback_fills_empty_roles_and_nothing_panics() {
        let s = "Shelling killed civilians.";
        let names = [("civilians", Civilians)];
        let m = [ActorMention {
            start: s.find("civilians").unwrap(),
            end: s.len() - 1,
            class: Civilians,
        }];
        let a = ParseArguments::default().find_arguments(s, (0, 8), false, true, &m);
        assert_eq!(a.actor2, Some(0));
        let _ = names;
        // Odd inputs: empty sentence, trigger out of range, mentions past the end.
        let bad = [ActorMention {
            start: 50,
            end: 90,
            class: Other,
        }];
        for (text, trig) in [("", (0, 0)), ("x", (3, 9)), ("Attack on “X”.", (0, 6))] {
            let _ = ParseArguments::default().find_arguments(text, trig, true, true, &bad);
            let _ = ParseArguments::default().find_arguments(text, trig, false, false, &[]);
        }
    }

    #[test]
    fn any_trigger_span_and_mentions_never_panic() {
        let s = "Les forces «Wagner» — ont attaqué Ménaka; l’armée a riposté à 5 h, “disent-ils”.";
        let mut bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        bounds.push(s.len());
        let m: Vec<ActorMention> = bounds
            .windows(2)
            .step_by(7)
            .map(|w| ActorMention {
                start: w[0],
                end: w[1] + 3,
                class: Armed,
            })
            .collect();
        for (k, &a) in bounds.iter().enumerate() {
            for &b in bounds.iter().skip(k).step_by(5) {
                for repel in [false, true] {
                    let args = ParseArguments::default().find_arguments(s, (a, b), repel, true, &m);
                    for i in args.actor1.into_iter().chain(args.actor2).chain(args.assoc) {
                        assert!(i < m.len());
                    }
                }
            }
        }
    }

    #[test]
    fn several_triggers_of_one_sentence_parse_it_once() {
        let s = "Rebels attacked the town and killed soldiers.";
        let m = [ActorMention {
            start: 0,
            end: 6,
            class: Armed,
        }];
        let _ = ParseArguments::default().find_arguments(s, (7, 15), false, false, &m);
        let first = parse(s);
        let second = parse(s);
        assert!(Rc::ptr_eq(&first, &second));
        assert!(!Rc::ptr_eq(&first, &parse("Another sentence.")));
    }
}
