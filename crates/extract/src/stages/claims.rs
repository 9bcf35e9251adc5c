//! Finds who claims what, through which channels, and where claims
//! contradict, with [`sitrep_claims`].
//!
//! The stage reads body sentences, and the headline on its own (its claims
//! are marked `headline` and come last); never captions or page furniture. It uses what the earlier stages found: actor mentions give
//! claimants and channels their canonical names and are antecedents for
//! pronouns ("he", "the militia"); events whose trigger lies inside a
//! claim's statement are linked both ways (`claim.events`, `event.claims`);
//! places named in statements let two claims about the same place be
//! compared when no event links them. Statements in the article's own voice
//! are not claims (see the crate's documentation).

use crate::report::{self, ActorKind, Party, Stance};
use crate::{Document, Findings, Stage};
use sitrep_claims::{ActorHint, HintKind, Input, SentenceIn, Span};

/// Finds who claims what, through which channels, and where claims contradict.
#[derive(Debug, Default, Clone, Copy)]
pub struct ClaimStage;

impl Stage for ClaimStage {
    fn name(&self) -> &'static str {
        "claims"
    }

    fn run(&self, doc: &Document<'_>, found: &mut Findings) {
        let text: &str = &doc.text;
        let sentences: Vec<SentenceIn> = doc
            .body_sentences()
            .map(|s| SentenceIn {
                span: s.span,
                block: s.block,
            })
            .collect();
        let actors: Vec<ActorHint> = found.actors.iter().map(|a| hint(text, a)).collect();
        let claims = sitrep_claims::find_claims(&Input {
            text,
            sentences: &sentences,
            actors: &actors,
        });
        let triggers: Vec<(Span, Span)> = found
            .events
            .iter()
            .map(|e| {
                (
                    Span::new(e.trigger.start, e.trigger.end),
                    Span::new(e.evidence.start, e.evidence.end),
                )
            })
            .collect();
        let links = sitrep_claims::link_events(&claims, &triggers);
        let first = found.claims.len();
        let id = |k: usize| format!("c{}", first + k + 1);
        for (k, c) in claims.iter().enumerate() {
            let events: Vec<String> = links[k]
                .iter()
                .map(|&e| found.events[e].id.clone())
                .collect();
            for &e in &links[k] {
                let ev = &mut found.events[e];
                if !ev.claims.contains(&id(k)) {
                    ev.claims.push(id(k));
                }
            }
            found.claims.push(claim_of(doc, c, id(k), events, false));
        }
        let topics: Vec<sitrep_claims::Topic> = claims
            .iter()
            .zip(&links)
            .map(|(c, events)| sitrep_claims::Topic {
                events: events.clone(),
                places: found
                    .places
                    .iter()
                    .filter(|p| p.start >= c.span.start && p.end <= c.span.end)
                    .map(place_ref)
                    .collect(),
            })
            .collect();
        for x in sitrep_claims::contradictions(text, &sentences, &claims, &topics) {
            found.contradictions.push(report::Contradiction {
                events: x
                    .events
                    .iter()
                    .map(|&e| found.events[e].id.clone())
                    .collect(),
                claims: x.claims.iter().map(|&k| id(k)).collect(),
                about: x.about.as_str().to_string(),
                note: x.note,
            });
        }
        // The headline, read on its own: "Airbus announces job cuts of
        // 10,000" is Airbus's claim. Its claims come last, so the body's
        // claims keep their ids.
        if let Some(title) = doc.metadata.title {
            let sentences = [SentenceIn {
                span: title,
                block: 0,
            }];
            let heads = sitrep_claims::find_claims(&Input {
                text,
                sentences: &sentences,
                actors: &actors,
            });
            // "Sudan: shells strike …": a headline's kicker is a topic, not a
            // speaker.
            let spoken =
                |c: &&sitrep_claims::Claim| doc.slice(c.cue).chars().any(char::is_alphabetic);
            for c in heads.iter().filter(spoken) {
                let id = format!("c{}", found.claims.len() + 1);
                found.claims.push(claim_of(doc, c, id, Vec::new(), true));
            }
        }
    }
}

/// A claim of the claims stage as the report gives it, with its id and the
/// ids of the events it supports.
fn claim_of(
    doc: &Document<'_>,
    c: &sitrep_claims::Claim,
    id: String,
    events: Vec<String>,
    headline: bool,
) -> report::Claim {
    let party = |p: &sitrep_claims::Party| Party {
        name: p.name.clone(),
        text: doc.slice(p.span).to_string(),
    };
    report::Claim {
        id,
        claimant: c.claimant.as_ref().map(party),
        via: c.via.iter().map(party).collect(),
        cue: doc.slice(c.cue).to_string(),
        stance: stance(c.stance),
        hedged: c.hedged,
        start: c.span.start,
        end: c.span.end,
        text: doc.slice(c.span).to_string(),
        events,
        kind: kind_of(c),
        headline,
    }
}

/// The report's name of a claim's kind; `None` for speech.
fn kind_of(c: &sitrep_claims::Claim) -> Option<String> {
    match c.kind() {
        sitrep_claims::AttributionKind::Speech => None,
        k => Some(k.as_str().to_string()),
    }
}

fn stance(s: sitrep_claims::Stance) -> Stance {
    match s {
        sitrep_claims::Stance::Asserts => Stance::Asserts,
        sitrep_claims::Stance::Denies => Stance::Denies,
    }
}

/// What the claims crate needs to know of a place a statement names.
fn place_ref(p: &report::Place) -> sitrep_claims::PlaceRef {
    use sitrep_claims::PlaceLevel;
    sitrep_claims::PlaceRef {
        name: p.name.clone(),
        country: p.country.clone(),
        admin1: p.admin1.clone(),
        level: match p.feature {
            report::Feature::Country => PlaceLevel::Country,
            report::Feature::Admin1 => PlaceLevel::Region,
            _ => PlaceLevel::Local,
        },
    }
}

/// What the claims crate needs to know of an actor mention.
fn hint(text: &str, a: &report::Actor) -> ActorHint {
    let kind = match a.kind {
        ActorKind::Person => HintKind::Person,
        ActorKind::Media => HintKind::Media,
        _ => HintKind::Group,
    };
    let nouns = text
        .get(a.start..a.end)
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(str::to_string)
        .collect();
    ActorHint {
        span: Span::new(a.start, a.end),
        name: a.name.clone(),
        kind,
        nouns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Actor, Event, Evidence, Status};

    fn run(text: &str, actors: Vec<Actor>, events: Vec<Event>) -> Findings {
        let doc = Document::parse(text.as_bytes()).unwrap();
        let mut found = Findings {
            actors,
            events,
            ..Findings::default()
        };
        ClaimStage.run(&doc, &mut found);
        for c in &found.claims {
            assert_eq!(&text[c.start..c.end], c.text);
        }
        found
    }

    fn event(text: &str, id: &str, trigger: &str) -> Event {
        let t = text.find(trigger).unwrap();
        Event {
            id: id.into(),
            event_type: "Battles".into(),
            sub_event_type: "Armed clash".into(),
            actor1: None,
            actor2: None,
            assoc_actors: vec![],
            location: None,
            date: None,
            fatalities: None,
            status: Status::Occurred,
            claims: vec![],
            trigger: Evidence {
                start: t,
                end: t + trigger.len(),
                text: trigger.into(),
            },
            evidence: Evidence {
                start: 0,
                end: text.len(),
                text: text.into(),
            },
            plover: None,
            instrument: None,
        }
    }

    #[test]
    fn claims_link_events_both_ways() {
        let text = "Rebels attacked the base at dawn, the army said. The rebels denied that they attacked the base.\n";
        let mut e = event(text, "e1", "attacked");
        let first = text.find(". ").unwrap() + 1;
        e.evidence = Evidence {
            start: 0,
            end: first,
            text: text[..first].into(),
        };
        let found = run(text, vec![], vec![e]);
        assert_eq!(found.claims.len(), 2, "{:?}", found.claims);
        assert_eq!(found.claims[0].events, ["e1"]);
        assert_eq!(found.events[0].claims, ["c1"]);
        assert_eq!(found.claims[1].stance, Stance::Denies);
    }

    #[test]
    fn actor_names_reach_claimants() {
        let text = "The paramilitary said it had taken the airport.\n";
        let s = text.find("paramilitary").unwrap();
        let actors = vec![Actor {
            start: s,
            end: s + "paramilitary".len(),
            text: "paramilitary".into(),
            name: "Rapid Support Forces".into(),
            kind: ActorKind::RebelGroup,
            country: Some("SD".into()),
            entity: None,
            category: None,
            role: None,
            affiliation: None,
        }];
        let found = run(text, actors, vec![]);
        let c = found.claims[0].claimant.as_ref().unwrap();
        assert_eq!(c.name, "Rapid Support Forces");
        assert_eq!(c.text, "The paramilitary");
    }

    #[test]
    fn contradicting_denial_is_listed() {
        let text = "The militia shelled the depot, the governor said. The militia denied that it shelled the depot.\n";
        // One event read from both sentences.
        let mut e = event(text, "e1", "shelled");
        e.evidence = Evidence {
            start: 0,
            end: text.len() - 1,
            text: text[..text.len() - 1].into(),
        };
        let found = run(text, vec![], vec![e]);
        assert_eq!(found.events[0].claims, ["c1", "c2"]);
        assert_eq!(found.contradictions.len(), 1, "{:?}", found.contradictions);
        assert_eq!(found.contradictions[0].about, "actor");
        assert_eq!(found.contradictions[0].claims, ["c1", "c2"]);
        assert_eq!(found.contradictions[0].events, ["e1"]);
    }

    #[test]
    fn no_events_no_contradiction_on_denial() {
        let text = "The militia shelled the depot, the governor said. The militia denied that it shelled the depot.\n";
        let found = run(text, vec![], vec![]);
        assert_eq!(found.claims.len(), 2);
        assert!(found.contradictions.is_empty());
    }
}
