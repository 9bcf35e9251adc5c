//! Recognises actors (armed groups, state bodies, media, people) in the body
//! text and links their mentions, with the registry of [`sitrep_actors`]:
//! the embedded one, or one extended by a user file (`sitrep extract
//! --actors FILE`). Runs after places, whose names are not actors and whose
//! countries tell "the army" or "civilians" of which country.

use crate::report::{self, ActorKind};
use crate::{Document, Findings, Stage};
use sitrep_actors::{Input, Kind, PlaceHint, Registry};
use std::sync::Arc;

/// Recognises actors (armed groups, state bodies, media, people) and links their mentions.
#[derive(Debug, Default, Clone)]
pub struct ActorStage {
    /// The registry to use; the embedded one when `None`.
    registry: Option<Arc<Registry>>,
}

impl ActorStage {
    /// A stage using `registry` (e.g. the embedded one extended by a user
    /// file, [`Registry::with_user_file`]).
    pub fn with_registry(registry: Arc<Registry>) -> ActorStage {
        ActorStage {
            registry: Some(registry),
        }
    }
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn run(&self, doc: &Document<'_>, found: &mut Findings) {
        let reg: &Registry = match &self.registry {
            Some(r) => r,
            None => Registry::embedded(),
        };
        let sentences: Vec<_> = doc.body_sentences().map(|s| s.tokens.clone()).collect();
        let places: Vec<PlaceHint> = found
            .places
            .iter()
            .map(|p| PlaceHint {
                span: sitrep_text::Span::new(p.start, p.end),
                country: p.country.clone(),
            })
            .collect();
        let input = Input {
            text: &doc.text,
            tokens: &doc.segmentation.tokens,
            normalized: &doc.normalized,
            sentences: &sentences,
            places: &places,
        };
        for m in sitrep_actors::recognize(reg, &input) {
            found.actors.push(report::Actor {
                start: m.span.start,
                end: m.span.end,
                text: doc.slice(m.span).to_string(),
                name: m.name,
                kind: kind(m.kind),
                country: m.country,
                entity: u32::try_from(m.entity).ok(),
                category: m.category,
                role: m.role,
                affiliation: m.affiliation,
            });
        }
    }
}

fn kind(k: Kind) -> ActorKind {
    match k {
        Kind::StateForces => ActorKind::StateForces,
        Kind::RebelGroup => ActorKind::RebelGroup,
        Kind::Militia => ActorKind::Militia,
        Kind::Government => ActorKind::Government,
        Kind::Agency => ActorKind::Agency,
        Kind::Political => ActorKind::Political,
        Kind::Civilians => ActorKind::Civilians,
        Kind::Media => ActorKind::Media,
        Kind::Person => ActorKind::Person,
        Kind::Other => ActorKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use crate::report::Actor;
    use crate::{Options, Pipeline};

    fn actors(text: &str) -> Vec<Actor> {
        let r = Pipeline::default()
            .extract(text.as_bytes(), &Options::default())
            .unwrap();
        for a in &r.actors {
            assert_eq!(&text[a.start..a.end], a.text);
        }
        r.actors
    }

    #[test]
    fn names_kinds_and_coreference() {
        let found = actors(
            "KYIV, Ukraine (AP) — Kremlin spokesman Dmitry Peskov said Russian forces \
             repelled an attack by the Freedom of Russia Legion near Tyotkino. \
             The Legion said it had killed civilians' tormentors.\n",
        );
        let got: Vec<(&str, &str)> = found
            .iter()
            .map(|a| (a.text.as_str(), a.name.as_str()))
            .collect();
        assert!(got.contains(&("AP", "Associated Press")), "{got:?}");
        assert!(got.contains(&("Russian forces", "Military Forces of Russia")));
        assert!(got.contains(&("Dmitry Peskov", "Dmitry Peskov")));
        let legion: Vec<&Actor> = found
            .iter()
            .filter(|a| a.name == "Freedom of Russia Legion")
            .collect();
        assert_eq!(legion.len(), 2);
        assert_eq!(legion[0].entity, legion[1].entity);
        assert!(found.windows(2).all(|w| w[0].start <= w[1].start));
    }

    #[test]
    fn the_seed_article() {
        let dir = std::path::Path::new("/work/shared/seed");
        let Ok(text) = std::fs::read_to_string(dir.join("000_f16e8261ec08a98a.txt")) else {
            eprintln!("skipped: /work/shared/seed is absent");
            return;
        };
        let found = actors(&text);
        let mut names: Vec<&str> = found.iter().map(|a| a.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        for want in [
            "Freedom of Russia Legion",
            "Siberian Battalion",
            "Russian Volunteer Corps",
            "Military Forces of Russia",
            "Ministry of Defence of Russia",
            "Federal Security Service of Russia",
            "TASS",
            "Newsweek",
            "Main Intelligence Directorate of Ukraine",
            "Central Intelligence Agency",
            "Alexei Baranovsky",
            "Vladimir Putin",
        ] {
            assert!(names.contains(&want), "missing {want}: {names:?}");
        }
    }
}
