//! The two sides of a battle.
//!
//! A battle is fought between two armed sides, but its sentence often names
//! one or neither: "Militia member Alexei Baranovsky spoke of intense
//! fighting in Tyotkino", "the army retook the town". ACLED codes both
//! sides anyway, from the rest of the report. [`complete_battle`] does the
//! same from the article's own actor mentions: the missing side is the
//! armed actor the article sets against the known one, and when neither is
//! named the forces of the country the battle is in defend against the
//! article's other armed side. Every side chosen is a mention in the text,
//! so the event still points back to the bytes it was read from.

use std::collections::HashSet;
use std::sync::OnceLock;

use sitrep_text::wordhash::{Fast, WordMap};

use crate::report::{Actor, ActorKind};

/// Is this mention an armed side the article's context can supply (forces
/// of a state, a rebel group or a militia)? The police are a side only where
/// a sentence names them: they come to an article for many reasons (a
/// spokeswoman's count of the dead) other than fighting.
fn armed(a: &Actor) -> bool {
    match a.kind {
        ActorKind::RebelGroup | ActorKind::Militia => true,
        ActorKind::StateForces => !a.name.starts_with("Police"),
        _ => false,
    }
}

fn state(a: &Actor) -> bool {
    a.kind == ActorKind::StateForces
}

/// Are two mentions the same side: one actor, one affiliated with the
/// other, or forces of one state?
fn same_side(a: &Actor, b: &Actor) -> bool {
    a.name == b.name
        || a.entity.is_some() && a.entity == b.entity
        || a.affiliation.as_deref() == Some(b.name.as_str())
        || b.affiliation.as_deref() == Some(a.name.as_str())
        || state(a) && state(b) && a.country.is_some() && a.country == b.country
}

/// The armed actors of an article, one entry per canonical name: the index
/// of a mention to cite and the number of mentions.
struct Sides<'a> {
    actors: &'a [Actor],
    /// (index of the cited mention, mentions) per canonical name, in order
    /// of first mention.
    named: Vec<(usize, usize)>,
}

impl<'a> Sides<'a> {
    /// Groups the armed mentions by name, citing for each the last mention
    /// before byte `at` (else its first).
    fn new(actors: &'a [Actor], at: usize) -> Sides<'a> {
        let mut named: Vec<(usize, usize)> = Vec::new();
        for (i, a) in actors.iter().enumerate().filter(|(_, a)| armed(a)) {
            match named.iter_mut().find(|(j, _)| actors[*j].name == a.name) {
                Some((cited, n)) => {
                    *n += 1;
                    if a.start < at {
                        *cited = i;
                    }
                }
                None => named.push((i, 1)),
            }
        }
        Sides { actors, named }
    }

    /// The most mentioned side that passes `keep` (the first mentioned on a
    /// tie).
    fn most(&self, keep: impl Fn(&Actor) -> bool) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for &(i, n) in &self.named {
            if keep(&self.actors[i]) && best.is_none_or(|(_, m)| n > m) {
                best = Some((i, n));
            }
        }
        best.map(|(i, _)| i)
    }

    /// The side the article sets against `x`: for a non-state group, the
    /// state forces it fights (those of the battle's country first); for
    /// state forces, whichever opposing armed actor the article names most.
    fn opponent(&self, x: usize, country: Option<&str>) -> Option<usize> {
        let x = &self.actors[x];
        let against = |a: &Actor| !same_side(a, x);
        if state(x) {
            return self.most(against);
        }
        self.most(|a| against(a) && state(a) && a.country.as_deref() == country)
            .or_else(|| self.most(|a| against(a) && state(a)))
            .or_else(|| self.most(against))
    }
}

/// Fills the missing sides of a battle at a place in `country` (ISO code)
/// whose trigger starts at byte `at`, from the article's armed `actors`.
/// Sides the sentence named are kept.
pub(crate) fn complete_battle(
    actors: &[Actor],
    country: Option<&str>,
    at: usize,
    actor1: &mut Option<usize>,
    actor2: &mut Option<usize>,
) {
    let sides = Sides::new(actors, at);
    match (*actor1, *actor2) {
        (Some(_), Some(_)) => {}
        (Some(a), None) => *actor2 = sides.opponent(a, country),
        (None, Some(b)) => *actor1 = sides.opponent(b, country),
        (None, None) => {
            // The forces of the battle's country defend; without them the
            // most named side acts, against its opponent.
            let local =
                country.and_then(|c| sides.most(|a| state(a) && a.country.as_deref() == Some(c)));
            if let Some(l) = local {
                if let Some(o) = sides.opponent(l, country) {
                    (*actor1, *actor2) = (Some(o), Some(l));
                }
            } else if let Some(a) = sides.most(|_| true) {
                if let Some(o) = sides.opponent(a, country) {
                    (*actor1, *actor2) = (Some(a), Some(o));
                }
            }
        }
    }
}

/// Nouns for military property and positions (data/military_targets.txt).
const MILITARY_TARGETS: &str = include_str!("../../data/military_targets.txt");

/// How many words after a trigger may hold the object it acts upon.
const OBJECT_WORDS: usize = 8;

/// Words that start an agent or instrument phrase after a trigger.
const INSTRUMENT_WORDS: [&str; 6] = ["by", "with", "using", "from", "via", "through"];

/// The embedded country adjectives ("russian" → "RU") and military nouns.
fn target_words() -> &'static (WordMap<String>, HashSet<&'static str, Fast>) {
    static WORDS: OnceLock<(WordMap<String>, HashSet<&'static str, Fast>)> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut demonyms = WordMap::default();
        for c in sitrep_actors::Registry::embedded().countries() {
            for d in c.demonyms.iter().filter(|d| !d.contains(' ')) {
                demonyms.insert(d.to_lowercase(), c.iso2.clone());
            }
        }
        let nouns = MILITARY_TARGETS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        (demonyms, nouns)
    })
}

/// Is `word` (lower case) a military noun or its plural?
fn military(nouns: &HashSet<&str, Fast>, word: &str) -> bool {
    nouns.contains(word)
        || word.strip_suffix('s').is_some_and(|w| {
            nouns.contains(w) || w.strip_suffix('e').is_some_and(|w| nouns.contains(w))
        })
}

/// The forces whose property or positions an event hits, read from the
/// words `after` its trigger: a capitalised country adjective followed
/// within two words by a military noun ("destroyed two Russian ammunition
/// depots" → the article's mention of Russia's forces, cited as the last
/// one before byte `at`). None when the article names no such forces or
/// they are `actor1`'s own side.
pub(crate) fn target_forces(
    actors: &[Actor],
    after: &str,
    at: usize,
    actor1: Option<usize>,
) -> Option<usize> {
    let (demonyms, nouns) = target_words();
    let words: Vec<&str> = after
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .take(OBJECT_WORDS)
        .collect();
    // An agent or instrument ("struck by an Israeli drone", "with Russian
    // artillery") is not the object: the object ends where one starts.
    let object = words
        .iter()
        .position(|w| INSTRUMENT_WORDS.contains(&w.to_lowercase().as_str()))
        .unwrap_or(words.len());
    let words = &words[..object];
    let country = words.iter().enumerate().find_map(|(i, w)| {
        if !w.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        let iso = demonyms.get(&w.to_lowercase())?;
        words[i + 1..]
            .iter()
            .take(2)
            .any(|n| military(nouns, &n.to_lowercase()))
            .then_some(iso.as_str())
    })?;
    let sides = Sides::new(actors, at);
    sides.most(|a| {
        state(a)
            && a.country.as_deref() == Some(country)
            && actor1.is_none_or(|x| !same_side(a, &actors[x]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str, kind: ActorKind, country: &str, start: usize) -> Actor {
        Actor {
            start,
            end: start + 1,
            text: name.to_string(),
            name: name.to_string(),
            kind,
            country: Some(country.to_string()),
            entity: None,
            category: None,
            role: None,
            affiliation: None,
        }
    }

    fn sides<'a>(
        actors: &'a [Actor],
        country: &str,
        a1: Option<usize>,
        a2: Option<usize>,
    ) -> (Option<&'a str>, Option<&'a str>) {
        let (mut x, mut y) = (a1, a2);
        complete_battle(actors, Some(country), 1000, &mut x, &mut y);
        let name = |i: Option<usize>| i.map(|i| actors[i].name.as_str());
        (name(x), name(y))
    }

    #[test]
    fn a_rebel_group_fights_the_forces_of_the_country_it_is_in() {
        let actors = [
            actor("Legion", ActorKind::RebelGroup, "RU", 0),
            actor("Corps", ActorKind::RebelGroup, "RU", 10),
            actor("Army of Russia", ActorKind::StateForces, "RU", 20),
            actor("Army of Ukraine", ActorKind::StateForces, "UA", 30),
            actor("Legion", ActorKind::RebelGroup, "RU", 40),
        ];
        assert_eq!(
            sides(&actors, "RU", None, None),
            (Some("Legion"), Some("Army of Russia"))
        );
        assert_eq!(
            sides(&actors, "RU", Some(1), None),
            (Some("Corps"), Some("Army of Russia"))
        );
    }

    #[test]
    fn state_forces_fight_the_side_named_most() {
        let actors = [
            actor("Army of Ukraine", ActorKind::StateForces, "UA", 0),
            actor("General Staff of Ukraine", ActorKind::StateForces, "UA", 5),
            actor("Army of Russia", ActorKind::StateForces, "RU", 10),
            actor("Army of Russia", ActorKind::StateForces, "RU", 20),
            actor("Some militia", ActorKind::Militia, "UA", 30),
        ];
        assert_eq!(
            sides(&actors, "UA", Some(0), None),
            (Some("Army of Ukraine"), Some("Army of Russia"))
        );
        // The cited mention is the last one before the battle.
        let (mut a1, mut a2) = (Some(0), None);
        complete_battle(&actors, Some("UA"), 15, &mut a1, &mut a2);
        assert_eq!(a2, Some(2));
    }

    #[test]
    fn no_side_is_invented() {
        let actors = [
            actor("Army of Mali", ActorKind::StateForces, "ML", 0),
            actor("Civilians", ActorKind::Civilians, "ML", 10),
        ];
        assert_eq!(sides(&actors, "ML", None, None), (None, None));
        assert_eq!(
            sides(&actors, "ML", Some(0), None),
            (Some("Army of Mali"), None)
        );
        assert_eq!(sides(&[], "ML", None, None), (None, None));
        let police = [
            actor("Army of Russia", ActorKind::StateForces, "RU", 0),
            actor("Police Forces of Ukraine", ActorKind::StateForces, "UA", 10),
        ];
        assert_eq!(
            sides(&police, "UA", Some(0), None),
            (Some("Army of Russia"), None)
        );
    }

    #[test]
    fn the_owner_of_a_hit_depot_is_acted_upon() {
        let actors = [
            actor("Legion", ActorKind::RebelGroup, "RU", 0),
            actor("Army of Russia", ActorKind::StateForces, "RU", 900),
        ];
        let owner = |after: &str, a1| target_forces(&actors, after, 100, a1);
        assert_eq!(
            owner(" two Russian ammunition depots near the border", Some(0)),
            Some(1)
        );
        assert_eq!(owner(" Russian positions", None), Some(1));
        // Not property, not a country adjective, or its own side.
        assert_eq!(owner(" a Russian journalist", Some(0)), None);
        assert_eq!(owner(" two russian depots", Some(0)), None);
        assert_eq!(owner(" Russian positions", Some(1)), None);
        assert_eq!(owner(" by a Russian drone", None), None);
        assert_eq!(owner(" the village with Russian artillery", None), None);
        // Only the words that can be the trigger's object.
        assert_eq!(
            owner(
                " the house, said a man whose son had seen Russian tanks",
                Some(0)
            ),
            None
        );
    }
}
