//! Reads ACLED-typed events with their actors, location, date and
//! fatalities from the body sentences.
//!
//! Per sentence, [`sitrep_events::analyse`] finds triggers, types them and
//! leaves out planned, hypothetical, negated and rhetorical mentions and
//! aggregate tallies (planned events are not reported at all: the gold
//! counts none, and a `planned` event would only cost precision). In an
//! article without armed actors, sentences whose only triggers are generic
//! words of harm (and which name no weapon) are parsed only once another
//! sentence has shown the article to be about political violence: outside
//! it they make no event, so their parse would be wasted
//! ([`sitrep_events::analyse_unless_generic`]). This stage then gives each
//! candidate:
//!
//! * **location**: among the resolved places of the sentence, the one
//!   attached to the event phrase: towns before regions before countries,
//!   then places in the trigger's clause, after "in/near/at/outside/on",
//!   nearest the trigger; else the place of the previous event in the same
//!   paragraph; else the dateline place; else the article's most-mentioned
//!   town. `precision` 1 for a town, 2 for "near/outside/north of …" a town
//!   or a district, 3 for a province, region or country;
//! * **date**: the time expression of the sentence nearest the trigger,
//!   resolved with [`sitrep_time`] (relative offsets such as "two days
//!   earlier" count from the previous event's date); else the previous
//!   event's date in the same paragraph; else publication − 7 … publication
//!   with precision 2, as the guidelines' table says for text without a
//!   time expression. Events that start more than 60 days before
//!   publication are background ("since the war began in 2022") and
//!   dropped, as are events dated after it. Without a publication date
//!   (neither in the text nor `--published`) events carry no date;
//! * **fatalities** per §5.7 from the sentence's casualty phrases (given to
//!   the first event of the sentence), lowest figure over merged sentences;
//! * **actors** through an [`ArgumentFinder`]: [`ParseArguments`] (roles
//!   from the dependency parse, the clause heuristic filling what it leaves
//!   empty) by default, [`sitrep_events::ClauseHeuristic`] alone through
//!   [`EventStage::with_argument_finder`]; actor kinds then refine the type (a state
//!   retaking ground in its own country regains territory, detention by an
//!   armed group is an abduction, an attack on civilians is violence
//!   against civilians).
//!
//! Events of one type at one place whose dates overlap are merged (§5.2:
//! one event per type, location and day; several sentences about one
//! incident make one event).

use crate::report::{self, ActorKind, ActorRef, DateRange, Evidence, Feature, Location, Status};
use crate::{Document, Findings, Stage};
use jiff::civil::Date;
use jiff::ToSpan;
use sitrep_events::generic_harm as generic;
use sitrep_events::{
    analyse, analyse_unless_generic, ActorClass, ActorMention, ArgumentFinder, ParseArguments,
    Typing,
};
use sitrep_text::Span;
use std::sync::Arc;

pub use sitrep_events::{Lexicon, LexiconError};

/// Reads ACLED-typed events with their actors, location, date and fatalities.
#[derive(Clone)]
pub struct EventStage {
    lexicon: Option<Arc<Lexicon>>,
    finder: Arc<dyn ArgumentFinder>,
}

impl Default for EventStage {
    /// The embedded trigger lexicon and actor roles read from the
    /// dependency parse (the clause heuristic fills roles the parse leaves
    /// empty).
    fn default() -> EventStage {
        EventStage {
            lexicon: None,
            finder: Arc::new(ParseArguments::default()),
        }
    }
}

impl std::fmt::Debug for EventStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStage")
            .field("custom_lexicon", &self.lexicon.is_some())
            .finish()
    }
}

impl EventStage {
    /// A stage with its own trigger lexicon (for instance
    /// [`Lexicon::with_user_tsv`]).
    pub fn with_lexicon(lexicon: Lexicon) -> EventStage {
        EventStage {
            lexicon: Some(Arc::new(lexicon)),
            ..EventStage::default()
        }
    }

    /// The same stage with another argument finder (the parser-based one).
    pub fn with_argument_finder(mut self, finder: Arc<dyn ArgumentFinder>) -> EventStage {
        self.finder = finder;
        self
    }

    fn lexicon(&self) -> &Lexicon {
        self.lexicon
            .as_deref()
            .unwrap_or_else(|| Lexicon::embedded())
    }
}

/// One event before merging.
#[derive(Clone)]
struct Raw {
    event_type: &'static str,
    sub_event_type: &'static str,
    status: Status,
    trigger: Span,
    evidence: Span,
    block: usize,
    place: Option<(usize, u8)>,
    date: Option<(Date, Date, u8)>,
    casualties: Option<sitrep_events::Casualties>,
    actor1: Option<usize>,
    actor2: Option<usize>,
    assoc: Vec<usize>,
    plover: String,
    instrument: Option<String>,
}

fn class_of(kind: ActorKind) -> ActorClass {
    match kind {
        ActorKind::StateForces | ActorKind::Government => ActorClass::State,
        ActorKind::RebelGroup | ActorKind::Militia => ActorClass::Armed,
        ActorKind::Civilians => ActorClass::Civilians,
        _ => ActorClass::Other,
    }
}

/// Does the article tell of political violence through its actors: an
/// armed actor (military or security forces, a rebel group or militia —
/// police alone also come to road accidents)?
fn armed_actors(actors: &[report::Actor]) -> bool {
    actors.iter().any(|a| match a.kind {
        ActorKind::RebelGroup | ActorKind::Militia => true,
        ActorKind::StateForces => !a.name.starts_with("Police"),
        _ => false,
    })
}

/// Does the article tell of political violence at all: armed actors
/// ([`armed_actors`]) or armed men named by a common noun in a sentence with
/// a trigger ("gunmen", "militants"), a weapon, or a trigger that names an
/// act of war ("shelling", "ambush", "airstrike")? Without any, generic
/// words of harm (a storm "hit" a yacht race, 20 people "died" on the roads, a
/// cricketer's "shot") are no events.
fn violent_context<'a>(
    actors: &[report::Actor],
    mut analyses: impl Iterator<Item = &'a sitrep_events::Analysis>,
) -> bool {
    armed_actors(actors)
        || analyses.any(|a| {
            (a.armed_group && !a.candidates.is_empty())
                || a.candidates.iter().any(|c| {
                    c.instrument.is_some()
                        || (!generic(c.typing)
                            && matches!(
                                c.event_type,
                                "Battles"
                                    | "Explosions/Remote violence"
                                    | "Violence against civilians"
                            ))
                })
        })
}

/// Rank of a place kind for event locations (lower is better).
fn feature_rank(f: Feature) -> u8 {
    match f {
        Feature::PopulatedPlace | Feature::Other => 0,
        Feature::Admin2 => 1,
        Feature::Admin1 | Feature::Region => 2,
        Feature::Country => 3,
    }
}

fn lower_words_before(text: &str, at: usize, n: usize) -> Vec<String> {
    let head = text.get(..at).unwrap_or("");
    head.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(n)
        .map(str::to_lowercase)
        .collect()
}

/// True when the time expression at `at` dates a statement ("said on
/// Monday", "told AFP on Tuesday"), not an event.
fn reporting_date(text: &str, at: usize) -> bool {
    let before = lower_words_before(text, at, 3);
    let own = text.get(at..).unwrap_or("").to_ascii_lowercase();
    let speech = |w: &str| {
        matches!(
            w,
            "said"
                | "says"
                | "told"
                | "announced"
                | "reported"
                | "stated"
                | "added"
                | "confirmed"
                | "claimed"
                | "wrote"
                | "posted"
                | "statement"
                | "briefing"
                | "tweeted"
                | "insisted"
                | "denied"
        )
    };
    match before.as_slice() {
        [first, ..] if speech(first) => true,
        [on, second, ..] if (on == "on" || own.starts_with("on ")) && speech(second) => true,
        [on, x, third] if on == "on" && speech(third) && x.len() > 1 => {
            // "told Reuters on Monday"
            true
        }
        _ => false,
    }
}

/// ACLED geo-precision of an event at `place`, read with the words before
/// its mention.
fn geo_precision(doc: &Document<'_>, place: &report::Place) -> u8 {
    // A part of a country or division ("northern Ukraine") is a region.
    if place.direction.is_some() {
        return 3;
    }
    // A body of water: by its kind (a strait is "near", a sea a region).
    if let Some(p) = place
        .feature_code
        .as_deref()
        .and_then(sitrep_gazetteer::feature_precision)
    {
        return p;
    }
    match place.feature {
        Feature::Admin1 | Feature::Region | Feature::Country => 3,
        Feature::Admin2 => 2,
        Feature::PopulatedPlace | Feature::Other => {
            let before = lower_words_before(&doc.text, place.start, 4);
            let near = before.iter().take(3).any(|w| {
                matches!(
                    w.as_str(),
                    "near"
                        | "outside"
                        | "outskirts"
                        | "around"
                        | "close"
                        | "km"
                        | "kilometres"
                        | "kilometers"
                        | "miles"
                        | "north"
                        | "south"
                        | "east"
                        | "west"
                        | "northeast"
                        | "northwest"
                        | "southeast"
                        | "southwest"
                        | "direction"
                        | "towards"
                        | "toward"
                        | "vicinity"
                )
            });
            if near {
                2
            } else {
                1
            }
        }
    }
}

/// The best place of the sentence for a trigger, as (index into places,
/// precision).
fn place_for(
    doc: &Document<'_>,
    places: &[report::Place],
    sentence: Span,
    trigger: Span,
) -> Option<(usize, u8)> {
    let text = doc.slice(sentence);
    let clause_break = |a: usize, b: usize| {
        let (a, b) = (a.min(b), a.max(b));
        doc.text.get(a..b).is_some_and(|s| {
            s.contains([';', ':', '(', ')', '—', '"'])
                || s.contains(", which")
                || s.contains(", while")
                || s.contains(" but ")
        })
    };
    let candidates: Vec<usize> = places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.start >= sentence.start && p.end <= sentence.end)
        .filter(|(_, p)| !(p.start < trigger.end && trigger.start < p.end))
        .filter(|(_, p)| {
            // "the ministry in Moscow", "the army spokesman in North Kivu":
            // where a source sits, not where the event is.
            let before = lower_words_before(&doc.text, p.start, 3);
            let org = |w: &str| {
                matches!(
                    w,
                    "ministry"
                        | "government"
                        | "officials"
                        | "authorities"
                        | "spokesman"
                        | "spokesperson"
                        | "spokeswoman"
                        | "embassy"
                        | "office"
                        | "headquarters"
                        | "correspondent"
                        | "journalists"
                        | "reporters"
                        | "residents"
                        | "capital"
                )
            };
            !(before.first().is_some_and(|w| w == "in" || w == "from")
                && before.get(1).is_some_and(|w| org(w)))
        })
        // "towards the border with X": the other side of a border.
        .filter(|(_, p)| {
            let before = lower_words_before(&doc.text, p.start, 2);
            !(before.first().is_some_and(|w| w == "with")
                && before
                    .get(1)
                    .is_some_and(|w| w == "border" || w == "frontier"))
        })
        .map(|(i, _)| i)
        .collect();
    // Places in a relative clause on a participant ("the militia, which
    // is on the side of Kiev, claimed …") or in a reporting clause tell of
    // someone, not of where the event happened.
    let scopes = sitrep_events::place_scopes(
        text,
        (trigger.start - sentence.start, trigger.end - sentence.start),
        &candidates
            .iter()
            .map(|&i| {
                (
                    places[i].start - sentence.start,
                    places[i].end - sentence.start,
                )
            })
            .collect::<Vec<_>>(),
    );
    candidates
        .iter()
        .zip(scopes)
        .filter(|(_, scope)| !scope.elsewhere)
        .min_by_key(|&(&i, _)| {
            let p = &places[i];
            let before = lower_words_before(&doc.text, p.start, 2);
            let prep = before.first().map(String::as_str).unwrap_or("");
            let good_prep = matches!(
                prep,
                "in" | "near"
                    | "at"
                    | "outside"
                    | "on"
                    | "around"
                    | "of"
                    | "into"
                    | "over"
                    | "across"
                    | "targeting"
                    | "hit"
                    | "struck"
                    | "shelled"
                    | "attacked"
                    | "captured"
                    | "seized"
                    | "recaptured"
                    | "village"
                    | "town"
                    | "city"
            );
            let source = matches!(prep, "from" | "to") || before.iter().any(|w| w == "launched");
            let dist = if p.start >= trigger.end {
                p.start - trigger.end
            } else {
                trigger.start.saturating_sub(p.end)
            };
            let same_clause = !clause_break(p.start, trigger.start);
            (
                feature_rank(p.feature),
                !same_clause,
                source,
                !good_prep,
                dist,
            )
        })
        .map(|(&i, _)| (i, geo_precision(doc, &places[i])))
}

/// The towns coordinated with the event's place `chosen` in its sentence
/// ("fighting in X and in Y"): one event at each (guidelines §5.2).
fn coordinated_with(
    doc: &Document<'_>,
    places: &[report::Place],
    sentence: Span,
    chosen: usize,
) -> Vec<usize> {
    let inside: Vec<usize> = (0..places.len())
        .filter(|&i| places[i].start >= sentence.start && places[i].end <= sentence.end)
        .collect();
    let Some(at) = inside.iter().position(|&i| i == chosen) else {
        return Vec::new();
    };
    // "the road between X and Y" is one place.
    let first = inside.first().map_or(chosen, |&i| i.min(chosen));
    if lower_words_before(&doc.text, places[first].start, 3)
        .iter()
        .any(|w| w == "between")
    {
        return Vec::new();
    }
    let spans: Vec<(usize, usize)> = inside
        .iter()
        .map(|&i| {
            (
                places[i].start - sentence.start,
                places[i].end - sentence.start,
            )
        })
        .collect();
    sitrep_events::coordinated_places(doc.slice(sentence), &spans, at)
        .into_iter()
        .map(|k| inside[k])
        .filter(|&i| {
            feature_rank(places[i].feature) == feature_rank(places[chosen].feature)
                && places[i].name != places[chosen].name
        })
        .collect()
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn run(&self, doc: &Document<'_>, found: &mut Findings) {
        let lex = self.lexicon();
        let published = found.published;
        let places = &found.places;
        let actors = &found.actors;
        // Fallback places: the dateline's, and the most mentioned town.
        let dateline_place = doc.metadata.dateline.as_ref().and_then(|d| {
            places
                .iter()
                .position(|p| p.start < d.place.end && d.place.start < p.end)
        });
        let focus = {
            let mut best: Option<(usize, usize)> = None;
            for (i, p) in places.iter().enumerate() {
                if feature_rank(p.feature) > 0 {
                    continue;
                }
                let n = places.iter().filter(|q| q.name == p.name).count();
                if best.is_none_or(|(_, m)| n > m) {
                    best = Some((i, n));
                }
            }
            best.map(|(i, _)| i)
                .or_else(|| places.iter().position(|p| feature_rank(p.feature) <= 2))
        };
        let default_date = published.and_then(|p| {
            let start = p.checked_sub(7.days()).ok()?;
            Some((start, p, 2u8))
        });
        let mut raws: Vec<Raw> = Vec::new();
        let mut last_event_date: Option<Date> = None;
        // A text of one paragraph (a snippet, a note) has no body blocks:
        // then its title-like block is read as the body.
        let mut body: Vec<&sitrep_text::segment::Sentence> = doc.body_sentences().collect();
        if body.is_empty() {
            body = doc
                .segmentation
                .sentences
                .iter()
                .filter(|s| {
                    doc.metadata.block_roles.get(s.block).is_none_or(|r| {
                        matches!(
                            r,
                            sitrep_meta::BlockRole::Title
                                | sitrep_meta::BlockRole::Body
                                | sitrep_meta::BlockRole::Heading
                        )
                    })
                })
                .collect();
        }
        let body: Vec<&sitrep_text::segment::Sentence> = body
            .into_iter()
            .filter(|s| s.span.end - s.span.start <= 4000)
            .collect();
        // Sentences with only generic words of harm and no weapon make no
        // event and add nothing to the violent context unless the rest of
        // the article is violent: without armed actors their parse waits
        // until the other sentences have told.
        let armed = armed_actors(actors);
        let mut analyses: Vec<Option<sitrep_events::Analysis>> = body
            .iter()
            .map(|s| analyse_unless_generic(lex, doc.slice(s.span), !armed))
            .collect();
        let violent = violent_context(actors, analyses.iter().flatten());
        if violent {
            for (s, a) in body.iter().zip(analyses.iter_mut()) {
                if a.is_none() {
                    *a = Some(analyse(lex, doc.slice(s.span)));
                }
            }
        }
        let analysed: Vec<(&sitrep_text::segment::Sentence, sitrep_events::Analysis)> = body
            .into_iter()
            .zip(analyses)
            .filter_map(|(s, a)| a.map(|a| (s, a)))
            .filter(|(_, a)| !a.candidates.is_empty())
            .collect();
        // Weapons seized or found in an article that reports fighting are
        // the spoils of that fighting, not an event of their own.
        let fighting = analysed.iter().any(|(_, a)| {
            a.candidates
                .iter()
                .any(|c| c.event_type == "Battles" && !generic(c.typing))
        });
        for (s, analysis) in &analysed {
            let text = doc.slice(s.span);
            // Time expressions of the sentence, resolved.
            let times: Vec<(Span, sitrep_time::Resolved)> = match published {
                Some(p) => sitrep_time::find(text)
                    .into_iter()
                    .filter(|e| {
                        !matches!(
                            e.kind,
                            sitrep_time::Kind::Future
                                | sitrep_time::Kind::Past
                                | sitrep_time::Kind::Present
                        )
                    })
                    .filter(|e| !reporting_date(text, e.start))
                    .filter_map(|mut e| {
                        // "X came a day after Y": Y is a day before X.
                        if let sitrep_time::Kind::Offset { days } = e.kind {
                            let before = lower_words_before(text, e.start, 1);
                            let own = text[e.start..e.end].to_ascii_lowercase();
                            if own.ends_with("after")
                                && before.first().is_some_and(|w| {
                                    matches!(
                                        w.as_str(),
                                        "came" | "comes" | "occurred" | "happened" | "followed"
                                    )
                                })
                            {
                                e.kind = sitrep_time::Kind::Offset { days: -days };
                            }
                        }
                        let anchor = sitrep_time::Anchor {
                            published: p,
                            event: last_event_date,
                            future: false,
                        };
                        let r = sitrep_time::resolve(&e, &anchor)?;
                        Some((Span::new(s.span.start + e.start, s.span.start + e.end), r))
                    })
                    .collect(),
                None => Vec::new(),
            };
            // Actor mentions of the sentence, relative to it.
            let in_sentence: Vec<usize> = (0..actors.len())
                .filter(|&i| actors[i].start >= s.span.start && actors[i].end <= s.span.end)
                .collect();
            let mentions: Vec<ActorMention> = in_sentence
                .iter()
                .map(|&i| ActorMention {
                    start: actors[i].start - s.span.start,
                    end: actors[i].end - s.span.start,
                    class: class_of(actors[i].kind),
                })
                .collect();
            for (ci, c) in analysis.candidates.iter().enumerate() {
                if !violent && generic(c.typing) {
                    continue;
                }
                if fighting && c.is_weapon_seizure() {
                    continue;
                }
                let trigger = Span::new(s.span.start + c.start, s.span.start + c.end);
                // Date: the nearest expression to the trigger.
                let date = times
                    .iter()
                    .min_by_key(|(sp, _)| {
                        if sp.start >= trigger.end {
                            sp.start - trigger.end
                        } else {
                            trigger.start.saturating_sub(sp.end)
                        }
                    })
                    .map(|(_, r)| (r.start, r.end, r.precision));
                // Background (long before publication) and future events.
                if let (Some((start, _, _)), Some(p)) = (date, published) {
                    if p.checked_sub(60.days()).is_ok_and(|limit| start < limit) || start > p {
                        continue;
                    }
                }
                // "the attack", "the recapture": a definite mention of a
                // type already read refers back to that event; so does a
                // generic word ("the strike") after any event.
                let generic =
                    matches!(c.typing, Typing::Attack | Typing::Kill) && c.instrument.is_none();
                let det = lower_words_before(text, c.start, 1);
                if det
                    .first()
                    .is_some_and(|w| matches!(w.as_str(), "the" | "this" | "that"))
                {
                    if let Some(j) = raws
                        .iter()
                        .rposition(|r| generic || r.event_type == c.event_type)
                    {
                        // It may say more exactly where that event was ("the
                        // destruction of the depots in the village of X").
                        if let Some((p, precision)) = place_for(doc, places, s.span, trigger) {
                            let finer = match raws[j].place {
                                None => true,
                                Some((q, _)) => {
                                    feature_rank(places[p].feature)
                                        < feature_rank(places[q].feature)
                                        && same_area(&places[p], &places[q])
                                }
                            };
                            if finer {
                                raws[j].place = Some((p, precision));
                            }
                        }
                        // So may its toll ("two were shot dead in the
                        // exchange of fire").
                        if ci == 0 && !analysis.aggregate && analysis.casualties.deaths.is_some() {
                            raws[j].casualties = Some(match raws[j].casualties {
                                Some(a) => a.merge(analysis.casualties),
                                None => analysis.casualties,
                            });
                        }
                        continue;
                    }
                }
                // A death report after an event, at no other place, is that
                // event's toll.
                if c.typing == Typing::Kill && c.role == sitrep_events::Role::Result {
                    let own = place_for(
                        doc,
                        places,
                        s.span,
                        Span::new(s.span.start + c.start, s.span.start + c.end),
                    );
                    if let Some(last) = raws.last_mut() {
                        let same_place = match (own, last.place) {
                            (None, _) => true,
                            (Some((a, _)), _) if feature_rank(places[a].feature) >= 2 => true,
                            (Some((a, _)), Some((b, _))) => places[a].name == places[b].name,
                            _ => false,
                        };
                        let same_day = match (date, last.date) {
                            (Some((s1, e1, _)), Some((s2, e2, _))) => s1 <= e2 && s2 <= e1,
                            _ => true,
                        };
                        if same_place && same_day {
                            if !text.to_ascii_lowercase().contains("among") && !analysis.aggregate {
                                last.casualties = Some(match last.casualties {
                                    Some(a) => a.merge(analysis.casualties),
                                    None => analysis.casualties,
                                });
                            }
                            continue;
                        }
                    }
                }
                let civilian_target = c.sub_event_type == "Attack";
                let args = self.finder.find_arguments(
                    text,
                    (c.start, c.end),
                    c.role == sitrep_events::Role::Repel,
                    civilian_target,
                    &mentions,
                );
                let pick = |i: Option<usize>| i.and_then(|i| in_sentence.get(i).copied());
                let (actor1, mut actor2) = (pick(args.actor1), pick(args.actor2));
                // The side whose depot or positions were hit.
                if actor2.is_none() {
                    actor2 =
                        super::sides::target_forces(actors, &text[c.end..], trigger.start, actor1);
                }
                let mut place = place_for(doc, places, s.span, trigger);
                // A country says little: the dateline's town in that country
                // is the better guess ("invaded Russian territory" in a piece
                // datelined Belgorod).
                if let (Some((p, _)), Some(d)) = (place, dateline_place) {
                    if places[p].feature == Feature::Country
                        && feature_rank(places[d].feature) < feature_rank(places[p].feature)
                        && places[d].country.is_some()
                        && places[d].country == places[p].country
                    {
                        place = Some((d, 3));
                    }
                }
                let mut sub = c.sub_event_type;
                // Refinements from actor kinds.
                let kind1 = actor1.map(|i| actors[i].kind);
                match c.typing {
                    // A state's forces taking ground regain it, unless the
                    // ground is known to be another country's (an invasion):
                    // the place or the force's country may be unknown.
                    Typing::Capture | Typing::Fixed("Government regains territory") => {
                        let own = actor1.is_some_and(|a| {
                            actors[a].kind == ActorKind::StateForces
                                && !place.is_some_and(|(p, _)| {
                                    actors[a].country.is_some()
                                        && places[p].country.is_some()
                                        && actors[a].country != places[p].country
                                })
                        });
                        if own {
                            sub = "Government regains territory";
                        }
                    }
                    Typing::Detain => match kind1 {
                        Some(ActorKind::RebelGroup | ActorKind::Militia) => {
                            sub = "Abduction/forced disappearance"
                        }
                        Some(ActorKind::StateForces | ActorKind::Government) => sub = "Arrests",
                        _ => {}
                    },
                    Typing::Attack | Typing::Kill if c.instrument.is_none() => {
                        let victim_civ =
                            actor2.is_some_and(|i| actors[i].kind == ActorKind::Civilians);
                        if victim_civ {
                            sub = "Attack";
                        }
                    }
                    _ => {}
                }
                let event_type = sitrep_events::taxonomy::event_type(sub).unwrap_or(c.event_type);
                let status = match c.status {
                    sitrep_events::Status::Occurred => Status::Occurred,
                    sitrep_events::Status::Attempted => Status::Attempted,
                    sitrep_events::Status::Denied => Status::Denied,
                };
                let casualties = (ci == 0 && !analysis.aggregate).then_some(analysis.casualties);
                raws.push(Raw {
                    event_type,
                    sub_event_type: sub,
                    status,
                    trigger,
                    evidence: s.span,
                    block: s.block,
                    place,
                    date,
                    casualties,
                    actor1,
                    actor2,
                    assoc: args
                        .assoc
                        .iter()
                        .filter_map(|&i| in_sentence.get(i).copied())
                        .collect(),
                    plover: if c.mode.is_empty() {
                        c.plover.clone()
                    } else {
                        format!("{}/{}", c.plover, c.mode)
                    },
                    instrument: c.instrument.clone(),
                });
                // The same event at each town coordinated with its place.
                if let Some((p, _)) = place {
                    for q in coordinated_with(doc, places, s.span, p) {
                        let mut other = raws[raws.len() - 1].clone();
                        other.place = Some((q, geo_precision(doc, &places[q])));
                        other.casualties = None;
                        raws.push(other);
                    }
                }
                if let Some((d, _, _)) = date {
                    last_event_date = Some(d);
                }
            }
        }
        // Inherit place and date from the previous event of the paragraph,
        // then fall back to the dateline / focus place and the default week.
        for i in 0..raws.len() {
            if raws[i].place.is_none() || raws[i].date.is_none() {
                let prev = (0..i)
                    .rev()
                    .find(|&j| raws[j].event_type == raws[i].event_type && raws[j].place.is_some())
                    .filter(|_| raws[i].place.is_none())
                    .or_else(|| (0..i).rev().find(|&j| raws[j].block == raws[i].block));
                if let Some(j) = prev {
                    if raws[i].place.is_none() {
                        raws[i].place = raws[j].place;
                    }
                    if raws[i].date.is_none() {
                        raws[i].date = raws[j].date;
                    }
                }
            }
            if raws[i].place.is_none() {
                raws[i].place = dateline_place.or(focus).map(|p| {
                    (
                        p,
                        geo_precision(doc, &places[p]).max(if Some(p) == dateline_place {
                            2
                        } else {
                            1
                        }),
                    )
                });
            }
            if raws[i].date.is_none() {
                raws[i].date = default_date;
            }
        }
        let mut events = merge(raws, places);
        // A battle has two armed sides even where its sentence names fewer.
        for r in events.iter_mut().filter(|r| r.event_type == "Battles") {
            let country = r.place.and_then(|(p, _)| places[p].country.as_deref());
            super::sides::complete_battle(
                actors,
                country,
                r.trigger.start,
                &mut r.actor1,
                &mut r.actor2,
            );
        }
        for (n, r) in events.into_iter().enumerate() {
            let actor_ref = |i: usize| ActorRef {
                name: actors[i].name.clone(),
                text: actors[i].text.clone(),
            };
            found.events.push(report::Event {
                id: format!("e{}", n + 1),
                event_type: r.event_type.to_string(),
                sub_event_type: r.sub_event_type.to_string(),
                actor1: r.actor1.map(actor_ref),
                actor2: r.actor2.map(actor_ref),
                // An associated actor is a distinct ally: never actor1 or
                // actor2 again under another mention, never listed twice.
                assoc_actors: r.assoc.iter().map(|&i| actor_ref(i)).fold(
                    Vec::<ActorRef>::new(),
                    |mut kept, a| {
                        let named = |x: &Option<usize>| x.is_some_and(|j| actors[j].name == a.name);
                        if !named(&r.actor1)
                            && !named(&r.actor2)
                            && !kept.iter().any(|k| k.name == a.name)
                        {
                            kept.push(a);
                        }
                        kept
                    },
                ),
                location: r.place.map(|(i, precision)| {
                    let p = &places[i];
                    Location {
                        name: p.name.clone(),
                        text: p.text.clone(),
                        geonameid: p.geonameid,
                        lat: p.lat,
                        lon: p.lon,
                        country: p.country.clone(),
                        admin1: p.admin1.clone(),
                        precision,
                    }
                }),
                date: r.date.map(|(s, e, precision)| DateRange {
                    start: s.to_string(),
                    end: e.to_string(),
                    precision,
                }),
                fatalities: r.casualties.and_then(|c| {
                    // Non-violent developments carry deaths only when some
                    // are stated (injured officers at an arrest are no
                    // fatality figure).
                    let nonviolent = matches!(
                        r.sub_event_type,
                        "Arrests"
                            | "Agreement"
                            | "Headquarters or base established"
                            | "Non-violent transfer of territory"
                            | "Change to group/activity"
                    );
                    if nonviolent {
                        c.deaths
                    } else {
                        c.fatalities()
                    }
                }),
                status: r.status,
                claims: Vec::new(),
                trigger: Evidence::of(doc, r.trigger),
                evidence: Evidence::of(doc, r.evidence),
                plover: Some(r.plover).filter(|p| !p.is_empty()),
                instrument: r.instrument,
            });
        }
    }
}

fn km(a: &report::Place, b: &report::Place) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.lat.to_radians(),
        a.lon.to_radians(),
        b.lat.to_radians(),
        b.lon.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// True when two places are one for merging: the same name, within 5 km,
/// or a town inside the province or country the other names.
fn same_area(a: &report::Place, b: &report::Place) -> bool {
    if a.name == b.name || km(a, b) < 5.0 {
        return true;
    }
    let inside = |town: &report::Place, area: &report::Place| {
        feature_rank(town.feature) < feature_rank(area.feature)
            && match area.feature {
                Feature::Admin1 => town.admin1.is_some() && town.admin1 == area.admin1,
                Feature::Country => town.country.is_some() && town.country == area.country,
                _ => false,
            }
    };
    inside(a, b) || inside(b, a)
}

/// Sub-event types that say more than the generic one of their type.
fn specificity(sub: &str) -> u8 {
    match sub {
        "Armed clash" | "Attack" | "Peaceful protest" | "Other" => 0,
        _ => 1,
    }
}

/// Merges events of one type at one place with overlapping dates.
fn merge(raws: Vec<Raw>, places: &[report::Place]) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::new();
    for r in raws {
        let same = out.iter().position(|o| {
            o.event_type == r.event_type
                && match (o.place, r.place) {
                    (Some((a, _)), Some((b, _))) => same_area(&places[a], &places[b]),
                    (None, None) => true,
                    _ => false,
                }
                && match (o.date, r.date) {
                    (Some((s1, e1, _)), Some((s2, e2, _))) => s1 <= e2 && s2 <= e1,
                    _ => true,
                }
        });
        let Some(i) = same else {
            out.push(r);
            continue;
        };
        let o = &mut out[i];
        if specificity(r.sub_event_type) > specificity(o.sub_event_type) {
            o.sub_event_type = r.sub_event_type;
            o.instrument = r.instrument.clone().or(o.instrument.take());
        }
        // The narrower date and the finer place win.
        if let (Some(a), Some(b)) = (o.date, r.date) {
            if (b.1 - b.0).get_days() < (a.1 - a.0).get_days() {
                o.date = Some(b);
            }
        }
        if let (Some(a), Some(b)) = (o.place, r.place) {
            if b.1 < a.1 {
                o.place = Some(b);
            }
        }
        o.casualties = match (o.casualties, r.casualties) {
            (Some(a), Some(b)) => Some(a.merge(b)),
            (a, b) => a.or(b),
        };
        if o.status != Status::Occurred && r.status == Status::Occurred {
            o.status = Status::Occurred;
        }
        o.actor1 = o.actor1.or(r.actor1);
        o.actor2 = o.actor2.or(r.actor2);
        for a in r.assoc {
            if !o.assoc.contains(&a) {
                o.assoc.push(a);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{Options, Pipeline};

    fn events(text: &str) -> Vec<crate::report::Event> {
        let r = Pipeline::default()
            .extract(text.as_bytes(), &Options::default())
            .unwrap();
        for e in &r.events {
            assert_eq!(&text[e.trigger.start..e.trigger.end], e.trigger.text);
            assert_eq!(&text[e.evidence.start..e.evidence.end], e.evidence.text);
        }
        r.events
    }

    const ARTICLE: &str = "Drone strike kills two in Glushkovo\n\nPublished: 22 August 2024\n\n\
        A Ukrainian drone struck a car late on Wednesday in Glushkovo, killing a man and his adult son, \
        the governor said.\n\nThe drone hit the car on a road in Glushkovo. \
        Separately, fighting continued near Korenevo on Tuesday, the ministry said.\n\n\
        Russia plans to capture Sumy next year.\n";

    #[test]
    fn one_event_per_type_place_and_day() {
        let ev = events(ARTICLE);
        let found: Vec<(&str, &str, Option<&str>)> = ev
            .iter()
            .map(|e| {
                (
                    e.sub_event_type.as_str(),
                    e.location.as_ref().map_or("", |l| l.name.as_str()),
                    e.date.as_ref().map(|d| d.start.as_str()),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("Air/drone strike", "Glushkovo", Some("2024-08-21")),
                ("Armed clash", "Korenevo", Some("2024-08-20")),
            ],
            "{ev:#?}"
        );
        assert_eq!(ev[0].fatalities, Some(2));
        assert_eq!(ev[0].instrument.as_deref(), Some("drone"));
        assert_eq!(ev[1].location.as_ref().unwrap().precision, 2);
        assert_eq!(ev[1].fatalities, None);
    }

    #[test]
    fn parse_arguments_plug_into_the_stage() {
        use std::sync::Arc;
        // The heuristic takes the actor nearest before the trigger (the
        // army, inside the relative clause); the parse takes the subject.
        let text = "Published: 22 August 2024\n\n\
            Al-Shabaab fighters, who had been hiding from the army, attacked a police station in Beledweyne on Monday.\n";
        let finders: [(Arc<dyn sitrep_events::ArgumentFinder>, &str); 2] = [
            (
                Arc::new(sitrep_events::ClauseHeuristic),
                "Military Forces of Somalia",
            ),
            (
                Arc::new(sitrep_events::ParseArguments::default()),
                "Al Shabaab",
            ),
        ];
        for (finder, want) in finders {
            let stage = super::EventStage::default().with_argument_finder(finder);
            let r = Pipeline::default()
                .replace_stage(Box::new(stage))
                .extract(text.as_bytes(), &Options::default())
                .unwrap();
            let a1 = r.events.first().and_then(|e| e.actor1.as_ref());
            assert_eq!(a1.map(|a| a.name.as_str()), Some(want), "{:#?}", r.events);
        }
    }

    #[test]
    fn generic_harm_needs_an_article_about_violence() {
        // A storm and a road toll: no armed actor, weapon or act of war.
        let quiet =
            "Published: 22 August 2024\n\nA storm hit the yacht fleet off the coast on Monday. \
            Twenty people died on the state's roads over the holiday, police said.\n";
        assert!(events(quiet).is_empty(), "{:?}", events(quiet));
        // The same words next to an armed group are events.
        let armed = "Published: 22 August 2024\n\nAl-Shabaab fighters hit an army post near Jowhar on Monday. \
            Two soldiers died, the army said.\n";
        assert!(!events(armed).is_empty());
    }

    #[test]
    fn no_events_in_plans_and_default_dates() {
        let ev = events(
            "Published: 22 August 2024\n\nThe army will attack Sumy. Troops shelled Sumy.\n",
        );
        assert_eq!(ev.len(), 1);
        let d = ev[0].date.as_ref().unwrap();
        assert_eq!(
            (d.start.as_str(), d.end.as_str(), d.precision),
            ("2024-08-15", "2024-08-22", 2)
        );
    }
}
