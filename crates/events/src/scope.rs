//! Where a trigger stands in its sentence, read from the dependency parse
//! ([`sitrep_syntax`]): whether the trigger word is an event mention at all
//! (a modifier such as "fighting vehicles" or a present-tense habit is
//! not), which places belong to the event's own clause rather than to a
//! claimant's or a relative clause, and which places are coordinated with
//! each other ("in X and in Y": one event at each).

use sitrep_syntax::{Analysis, Upos};

use crate::parse_args::parse;

/// Verb forms that are past tense, or past and present alike: never read
/// as a present habit.
const PAST_LIKE: &[&str] = &[
    "hit", "struck", "shot", "fought", "overran", "overrun", "retook", "took", "set", "put", "cut",
    "beat", "threw", "blew", "broke", "led", "fled", "burnt", "lit", "spread", "shut", "cast",
    "rid", "bid", "quit", "upset", "stole", "drove", "rode", "seized",
];

/// How a place of the sentence relates to a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlaceScope {
    /// The place lies in the trigger's own clause (the clause of the
    /// predicate it belongs to, embedded clauses left out) or in the
    /// trigger's own phrase.
    pub own_clause: bool,
    /// The place lies in the phrase of the claimant whose statement holds
    /// the trigger ("the militia, which is on the side of Kiev, claimed
    /// that …"): it tells about the source, not where the event happened.
    pub elsewhere: bool,
}

/// The word of `a` for the byte range `span` of the sentence: among the
/// words it overlaps, the one whose head lies outside it.
pub(crate) fn head_word(a: &Analysis, span: (usize, usize)) -> Option<usize> {
    let inside: Vec<usize> = (0..a.len())
        .filter(|&i| {
            let s = a.words()[i].span;
            s.start < span.1 && span.0 < s.end && a.words()[i].upos != Upos::Punct
        })
        .collect();
    inside
        .iter()
        .copied()
        .find(|&i| a.head(i).is_none_or(|h| !inside.contains(&h)))
        .or(inside.first().copied())
}

/// The predicate whose clause holds word `w`: `w` itself when it heads a
/// clause, else its nearest ancestor that does.
fn predicate_of(a: &Analysis, w: usize) -> Option<usize> {
    let mut x = w;
    for _ in 0..a.len() + 1 {
        if a.is_predicate(x) {
            return Some(x);
        }
        x = a.head(x)?;
    }
    None
}

/// Whether word `d` lies below word `h` in the tree (or is `h`).
fn below(a: &Analysis, d: usize, h: usize) -> bool {
    let mut x = d;
    for _ in 0..a.len() + 1 {
        if x == h {
            return true;
        }
        match a.head(x) {
            Some(y) => x = y,
            None => return false,
        }
    }
    false
}

/// How each place (byte ranges into `sentence`) relates to the trigger at
/// `trigger`, in the order given. Places the parse cannot place get the
/// default (neither in the own clause nor elsewhere).
pub fn place_scopes(
    sentence: &str,
    trigger: (usize, usize),
    places: &[(usize, usize)],
) -> Vec<PlaceScope> {
    if places.is_empty() || trigger.0 >= trigger.1 || trigger.1 > sentence.len() {
        return vec![PlaceScope::default(); places.len()];
    }
    let a = parse(sentence);
    let Some(t) = head_word(&a, trigger) else {
        return vec![PlaceScope::default(); places.len()];
    };
    let pred = predicate_of(&a, t);
    let clause = pred.and_then(|v| a.clause(v));
    // The reporting predicates above the trigger's clause: "X said that …"
    // and "…, said X".
    let mut reporters = Vec::new();
    let mut x = pred;
    while let Some(v) = x {
        if !matches!(a.rel(v), "ccomp" | "parataxis" | "xcomp") {
            break;
        }
        let Some(h) = a.head(v) else { break };
        reporters.push(h);
        x = predicate_of(&a, h);
    }
    places
        .iter()
        .map(|&p| {
            let Some(w) = head_word(&a, p) else {
                return PlaceScope::default();
            };
            let in_clause = clause.is_some_and(|(s, e)| (s..=e).contains(&w))
                && pred.is_some_and(|v| predicate_of(&a, w) == Some(v));
            let own_clause = in_clause || below(&a, w, t);
            // Inside the phrase of a claimant whose statement holds the
            // event ("the militia, which is on the side of Kiev, claimed
            // that …").
            let claimant = reporters
                .iter()
                .filter_map(|&r| a.subject(r))
                .any(|subj| below(&a, w, subj) && !below(&a, t, subj));
            PlaceScope {
                own_clause,
                elsewhere: !own_clause && claimant,
            }
        })
        .collect()
}

/// The places among `places` (byte ranges into `sentence`) coordinated
/// with place `with` ("in Tyotkino and in Grajvoron", "near X and Y"), by
/// index, in text order, `with` left out.
pub fn coordinated_places(sentence: &str, places: &[(usize, usize)], with: usize) -> Vec<usize> {
    let Some(&p) = places.get(with) else {
        return Vec::new();
    };
    if p.0 >= p.1 || p.1 > sentence.len() {
        return Vec::new();
    }
    let a = parse(sentence);
    let Some(w) = head_word(&a, p) else {
        return Vec::new();
    };
    let conj = a.conjuncts(w);
    places
        .iter()
        .enumerate()
        .filter(|&(i, q)| i != with && q.0 < q.1 && q.1 <= sentence.len())
        .filter(|(_, &q)| head_word(&a, q).is_some_and(|qw| qw != w && conj.contains(&qw)))
        .map(|(i, _)| i)
        .collect()
}

/// Why the trigger word at `trigger` is no event mention, read from the
/// parse: `Some("modifier")` when a nominal trigger only modifies another
/// noun ("armored fighting vehicles", "attack helicopters", a stacked label
/// "border war fights"), `Some("present")` when a generic attack verb is in
/// the simple present ("gangs target villages", a headline's "Partisans
/// target targets"): a habit or a headline, not a dated incident.
pub(crate) fn not_a_mention(
    a: &Analysis,
    sentence: &str,
    trigger: (usize, usize),
    generic: bool,
    is_trigger: &dyn Fn(usize) -> bool,
) -> Option<&'static str> {
    let t = head_word(a, trigger)?;
    let w = a.words()[t];
    let head_noun = a
        .head(t)
        .filter(|&h| matches!(a.words()[h].upos, Upos::Noun | Upos::Propn));
    if let Some(h) = head_noun {
        let nominal_or_participle =
            matches!(w.upos, Upos::Noun | Upos::Adj) || (w.upos == Upos::Verb && w.xpos == "VBG");
        let no_case = !a.children(t).iter().any(|&c| a.rel(c) == "case");
        let bare_nmod = a.rel(t) == "nmod"
            && no_case
            && !a
                .children(t)
                .iter()
                .any(|&c| matches!(a.rel(c), "det" | "nummod" | "nmod:poss"));
        // A noun phrase that is the whole sentence's root is often a
        // misparsed clause ("Ground fighting continues" with "continues"
        // read as a noun): no modifier reading then.
        if nominal_or_participle
            && h > t
            && a.head(h).is_some()
            && matches!(a.rel(t), "compound" | "amod")
            && !is_trigger(h)
        {
            return Some("modifier");
        }
        if w.upos == Upos::Noun && bare_nmod && h < t {
            return Some("modifier");
        }
    }
    let _ = generic;
    // The tagger takes some irregular pasts for presents ("retook",
    // "hit"): only forms that cannot be past count.
    let form = a.text(sentence, t).to_lowercase();
    let present_form = match w.xpos {
        "VBZ" => form.ends_with('s'),
        "VBP" => !form.ends_with("ed") && !PAST_LIKE.contains(&form.as_str()),
        _ => false,
    };
    // "the strikes", "their attacks": a noun the tagger took for a verb.
    let after_det = t > 0
        && (matches!(a.words()[t - 1].upos, Upos::Det | Upos::Num | Upos::Adj)
            || a.words()[t - 1].xpos == "PRP$");
    if w.upos == Upos::Verb
        && present_form
        && !after_det
        && !a
            .children(t)
            .iter()
            .any(|&c| matches!(a.rel(c), "aux" | "aux:pass"))
    {
        return Some("present");
    }
    None
}

/// Whether the clause of the trigger at `trigger` tells of an action done
/// again and again ("had advanced several times", "was attacked
/// repeatedly"): no single incident (guidelines §5.1, aggregates).
pub(crate) fn repeated(a: &Analysis, sentence: &str, trigger: (usize, usize)) -> bool {
    let Some(t) = head_word(a, trigger) else {
        return false;
    };
    let pred = predicate_of(a, t);
    let words: Vec<(usize, String)> = (0..a.len())
        .filter(|&i| predicate_of(a, i) == pred)
        .map(|i| (i, a.text(sentence, i).to_lowercase()))
        .collect();
    let w = |k: usize| words.get(k).map_or("", |(_, s)| s.as_str());
    (0..words.len()).any(|k| {
        matches!(w(k), "repeatedly")
            || (matches!(
                w(k),
                "several" | "many" | "multiple" | "numerous" | "countless"
            ) && matches!(w(k + 1), "times" | "occasions"))
            || (w(k) == "time" && w(k + 1) == "and" && w(k + 2) == "again")
            || (w(k) == "again" && w(k + 1) == "and" && w(k + 2) == "again")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: &str, w: &str) -> (usize, usize) {
        let i = s.find(w).unwrap();
        (i, i + w.len())
    }

    #[test]
    fn places_in_a_relative_clause_on_the_claimant_are_elsewhere() {
        let s = "The brigade, which is based in Odessa, said that its gunners had shelled a depot in Belgorod.";
        let sc = place_scopes(
            s,
            span(s, "shelled"),
            &[span(s, "Odessa"), span(s, "Belgorod")],
        );
        assert!(!sc[0].own_clause && sc[0].elsewhere, "{sc:?}");
        assert!(sc[1].own_clause && !sc[1].elsewhere, "{sc:?}");
    }

    #[test]
    fn a_clause_on_the_target_still_places_the_event() {
        let s = "Gunmen ambushed a convoy that was heading to Kidal on Monday.";
        let sc = place_scopes(s, span(s, "ambushed"), &[span(s, "Kidal")]);
        assert!(!sc[0].elsewhere, "{sc:?}");
    }

    #[test]
    fn a_nominal_trigger_takes_its_predicate_clause() {
        let s = "A local official described heavy fighting near Kupiansk on Sunday.";
        let sc = place_scopes(s, span(s, "fighting"), &[span(s, "Kupiansk")]);
        assert!(sc[0].own_clause, "{sc:?}");
    }

    #[test]
    fn modifiers_habits_and_repeats_are_no_mentions() {
        let never = |_: usize| false;
        let check = |s: &str, w: &str, generic: bool| {
            let a = parse(s);
            not_a_mention(&a, s, span(s, w), generic, &never)
        };
        assert_eq!(
            check(
                "The convoy included two armored fighting vehicles.",
                "fighting",
                false
            ),
            Some("modifier")
        );
        assert_eq!(
            check(
                "Fighting raged in the village overnight.",
                "Fighting",
                false
            ),
            None
        );
        assert_eq!(
            check("The gangs attack farmers on that road.", "attack", true),
            Some("present")
        );
        assert_eq!(
            check("The gangs attacked farmers on that road.", "attacked", true),
            None
        );
        // Past forms the tagger may read as presents stay events.
        assert_eq!(
            check(
                "Rebel fighters retook two hamlets on Friday.",
                "retook",
                false
            ),
            None
        );
        let s = "Raiders had crossed the river several times in recent weeks.";
        assert!(repeated(&parse(s), s, span(s, "crossed")));
        let s = "Raiders crossed the river on Monday, and the villagers fled several times.";
        assert!(!repeated(&parse(s), s, span(s, "crossed")));
    }

    #[test]
    fn coordinated_towns() {
        let s = "Witnesses reported clashes in Bama and in Gwoza, and a calm night in Maiduguri.";
        let places = [span(s, "Bama"), span(s, "Gwoza"), span(s, "Maiduguri")];
        assert_eq!(coordinated_places(s, &places, 0), [1]);
        assert!(coordinated_places(s, &places, 2).iter().all(|&i| i != 0));
        // Out-of-range input is no panic.
        assert!(coordinated_places(s, &places, 7).is_empty());
        assert!(place_scopes(s, (0, 999), &places)
            .iter()
            .all(|p| !p.own_clause));
    }
}
