//! Deaths reported in a sentence, following the guidelines' §5.7: deaths
//! only, vague quantities by ACLED's conventions, ranges to their lower
//! bound, enumerations added up, "no casualties" and injuries-only → 0.

use crate::words::{quantity, tokenize, Tok};

/// What a sentence says about casualties.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Casualties {
    /// Deaths stated, summed over the death phrases of the sentence.
    pub deaths: Option<u32>,
    /// Someone was wounded or injured.
    pub injuries: bool,
    /// The sentence says nobody was killed or hurt.
    pub none: bool,
}

impl Casualties {
    /// The fatalities figure: the deaths, else 0 when nobody died or only
    /// injuries are reported, else `None`.
    pub fn fatalities(&self) -> Option<u32> {
        self.deaths
            .or_else(|| (self.none || self.injuries).then_some(0))
    }

    /// Combines two readings of one event (several sentences): the lowest
    /// stated death figure (ACLED's conservative choice).
    pub fn merge(self, other: Casualties) -> Casualties {
        Casualties {
            deaths: match (self.deaths, other.deaths) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            injuries: self.injuries || other.injuries,
            none: self.none || other.none,
        }
    }
}

const DEATH: &[&str] = &[
    "killed",
    "dead",
    "died",
    "martyred",
    "slain",
    "perished",
    "deaths",
    "fatalities",
    "bodies",
    "executed",
    "massacred",
    "murdered",
    "beheaded",
    "neutralised",
    "neutralized",
    "lifeless",
];
const ACTIVE: &[&str] = &[
    "killing",
    "killed",
    "kill",
    "kills",
    "leaving",
    "left",
    "claiming",
    "claimed",
    "executing",
    "executed",
    "massacring",
    "massacred",
];
const INJURY: &[&str] = &[
    "wounded", "injured", "injuring", "wounding", "hurt", "injuries", "wounds", "injury",
];

fn is_number_like(t: &Tok) -> bool {
    crate::words::number_word(&t.lower).is_some()
}

/// Reads the casualties of `sentence`.
pub fn casualties(sentence: &str) -> Casualties {
    let t = tokenize(sentence);
    read(&t)
}

/// An enumeration of quantities from `i`: "two soldiers and a civilian" →
/// 3. Returns the sum and the index after the last noun phrase.
fn enumeration(t: &[Tok], i: usize) -> Option<(u32, usize)> {
    let (mut sum, mut j) = quantity(t, i)?;
    loop {
        // Skip the noun phrase: up to four words that are not numbers,
        // joiners or verbs of death.
        let mut k = j;
        while k < t.len()
            && k < j + 4
            && t[k].word
            && !matches!(
                t[k].lower.as_str(),
                "and"
                    | "were"
                    | "was"
                    | "had"
                    | "have"
                    | "including"
                    | "in"
                    | "on"
                    | "at"
                    | "when"
                    | "after"
            )
            && !DEATH.contains(&t[k].lower.as_str())
            && !INJURY.contains(&t[k].lower.as_str())
            && !is_number_like(&t[k])
        {
            k += 1;
        }
        let joiner = t.get(k).map(|x| x.lower.as_str());
        if matches!(joiner, Some("and" | ",")) {
            if let Some((n, e)) = quantity(t, k + 1) {
                // "seven civilians, three of them children": a part of the
                // number before, not more dead.
                let words_after: Vec<&str> = t[e..]
                    .iter()
                    .filter(|x| x.word)
                    .take(2)
                    .map(|x| x.lower.as_str())
                    .collect();
                if matches!(words_after[..], ["of", "them" | "whom" | "those"]) {
                    return Some((sum, k.max(j)));
                }
                sum = sum.saturating_add(n);
                j = e;
                continue;
            }
        }
        return Some((sum, k.max(j)));
    }
}

pub(crate) fn read(t: &[Tok]) -> Casualties {
    let w = |k: usize| t.get(k).map(|x| x.lower.as_str()).unwrap_or("");
    let mut c = Casualties::default();
    let mut used_until = 0usize;
    let mut total: Option<u32> = None;
    let add = |n: u32, total: &mut Option<u32>| {
        *total = Some(total.unwrap_or(0).saturating_add(n));
    };
    for k in 0..t.len() {
        let x = w(k);
        if INJURY.contains(&x) {
            c.injuries = true;
        }
        // "no casualties", "nobody was hurt", "no one was killed", "no deaths".
        if (x == "no"
            && matches!(
                w(k + 1),
                "casualties" | "injuries" | "deaths" | "fatalities" | "victims"
            ))
            || (x == "without" && w(k + 1) == "casualties")
            || ((x == "nobody" || (x == "no" && w(k + 1) == "one") || x == "no-one")
                && (k + 1..(k + 5).min(t.len()))
                    .any(|j| matches!(w(j), "killed" | "hurt" | "injured" | "wounded" | "died")))
        {
            c.none = true;
        }
        if k < used_until {
            continue;
        }
        // Death toll: "the death toll rose to 17", "a death toll of 5".
        if x == "toll" {
            let mut j = k + 1;
            while j < t.len()
                && j < k + 5
                && matches!(
                    w(j),
                    "rose"
                        | "climbed"
                        | "reached"
                        | "stood"
                        | "stands"
                        | "is"
                        | "was"
                        | "has"
                        | "had"
                        | "risen"
                        | "at"
                        | "to"
                        | "of"
                        | "now"
                )
            {
                j += 1;
            }
            if let Some((n, e)) = enumeration(t, j) {
                add(n, &mut total);
                used_until = e;
                continue;
            }
        }
        // Active: "killing a man and his adult son", "killed 12 soldiers".
        if ACTIVE.contains(&x) {
            let mut j = k + 1;
            if matches!(
                w(j),
                "at" | "more"
                    | "over"
                    | "some"
                    | "nearly"
                    | "about"
                    | "around"
                    | "between"
                    | "up"
                    | "as"
                    | "dozens"
                    | "hundreds"
                    | "several"
                    | "many"
                    | "a"
                    | "an"
                    | "one"
                    | "his"
                    | "her"
            ) || t.get(j).is_some_and(is_number_like)
            {
                if let Some((n, e)) = enumeration(t, j) {
                    // "left 3 dead" / "left 3 wounded": the word after decides.
                    let after = (e..(e + 3).min(t.len())).map(w).collect::<Vec<_>>();
                    let injured_only =
                        matches!(x, "leaving" | "left") && !after.iter().any(|a| DEATH.contains(a));
                    if !(injured_only || x == "claimed" || x == "claiming")
                        || after.contains(&"lives")
                    {
                        add(n, &mut total);
                        used_until = e;
                        j = e;
                    }
                }
            }
            let _ = j;
            if used_until > k {
                continue;
            }
        }
        // Passive or predicative: "12 people were killed", "three policemen
        // martyred", "two dead". The quantity starts at most 8 tokens back,
        // after anything already used, and nothing numeric lies between its
        // end and the death word.
        if DEATH.contains(&x) || (x == "lost" && w(k + 1) == "their" && w(k + 2) == "lives") {
            let from = k.saturating_sub(8).max(used_until);
            for s in from..k {
                if s > 0 && is_number_like(&t[s - 1]) {
                    continue;
                }
                if matches!(w(s.wrapping_sub(1)), "including" | "among") {
                    continue;
                }
                let Some((n, e)) = enumeration(t, s) else {
                    continue;
                };
                if e > k || (e..k).any(|i| is_number_like(&t[i]) || !t[i].word && t[i].lower != "-")
                {
                    continue;
                }
                add(n, &mut total);
                used_until = k + 1;
                break;
            }
        }
    }
    c.deaths = total;
    c
}

#[cfg(test)]
mod tests {
    use super::casualties;

    fn f(s: &str) -> Option<u32> {
        casualties(s).fatalities()
    }

    #[test]
    fn numbers_and_words() {
        assert_eq!(f("At least 12 people were killed in the attack."), Some(12));
        assert_eq!(f("The strike killed 5 civilians."), Some(5));
        assert_eq!(f("Eleven soldiers died."), Some(11));
        assert_eq!(
            f("a Ukrainian drone struck a car, killing a man and his adult son."),
            Some(2)
        );
        assert_eq!(
            f("three policemen martyred and two attackers killed"),
            Some(5)
        );
        assert_eq!(f("Dozens of villagers were killed."), Some(12));
        assert_eq!(f("hundreds were killed"), Some(100));
        assert_eq!(f("several soldiers were killed"), Some(10));
        assert_eq!(f("a few fighters were killed"), Some(3));
        assert_eq!(f("between nine and fourteen people were killed"), Some(9));
        assert_eq!(f("killing two soldiers and a civilian"), Some(3));
        assert_eq!(f("The death toll rose to 17."), Some(17));
        assert_eq!(f("more than 200 servicemen had been killed"), Some(200));
    }

    #[test]
    fn a_part_of_the_dead_is_not_added() {
        assert_eq!(
            f("The raid killed seven civilians, three of them children."),
            Some(7)
        );
        assert_eq!(f("The raid killed two soldiers and a civilian."), Some(3));
    }

    #[test]
    fn injuries_and_none() {
        assert_eq!(f("injuring two officials"), Some(0));
        assert_eq!(f("Four people were wounded."), Some(0));
        assert_eq!(f("There were no casualties."), Some(0));
        assert_eq!(f("Nobody was hurt, officials said."), Some(0));
        assert_eq!(f("The army shelled the town."), None);
        assert_eq!(f("The blast killed three and wounded 12."), Some(3));
        // Losses are not deaths.
        assert_eq!(f("enemy losses amounted to up to 190 servicemen"), None);
    }

    #[test]
    fn merge_takes_the_lowest() {
        let a = casualties("killing 17 soldiers");
        let b = casualties("42 people were killed");
        assert_eq!(a.merge(b).fatalities(), Some(17));
        assert_eq!(
            a.merge(casualties("the army shelled")).fatalities(),
            Some(17)
        );
    }
}
