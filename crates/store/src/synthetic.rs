//! Synthetic reports with events, actors, claims and places filled, for
//! tests and benchmarks of the store (real reports have no events yet).

use crate::content_id;
use sitrep_extract::report::{
    Actor, ActorKind, ActorRef, Article, ArticleSpans, Claim, DateRange, Event, Evidence, Feature,
    Location, Place, Report, Stance, Status, SCHEMA,
};

/// One synthetic event and the claim that reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventSpec {
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// Acting side: name and kind.
    pub actor1: Option<(String, ActorKind)>,
    /// Side acted upon.
    pub actor2: Option<(String, ActorKind)>,
    /// Place name, lat, lon, country, admin1.
    pub place: Option<(String, f64, f64, String, String)>,
    /// Geo precision.
    pub geo_precision: u8,
    /// First and last day.
    pub date: Option<(String, String)>,
    /// Deaths.
    pub fatalities: Option<u32>,
    /// Status.
    pub status: Status,
    /// Who claims it, and via which channel; `None`: the article's voice.
    pub claimant: Option<(String, Option<String>)>,
    /// The claim's stance.
    pub stance: Stance,
}

impl EventSpec {
    /// A shelling of `place` at (lat, lon) in Ukraine on `day`, by Russian
    /// forces, with a claim by the regional governor via Reuters.
    pub fn shelling(place: &str, lat: f64, lon: f64, day: &str) -> EventSpec {
        EventSpec {
            event_type: "Explosions/Remote violence".into(),
            sub_event_type: "Shelling/artillery/missile attack".into(),
            actor1: Some(("Military Forces of Russia".into(), ActorKind::StateForces)),
            actor2: Some(("Civilians (Ukraine)".into(), ActorKind::Civilians)),
            place: Some((place.into(), lat, lon, "UA".into(), "Kharkiv Oblast".into())),
            geo_precision: 1,
            date: Some((day.into(), day.into())),
            fatalities: None,
            status: Status::Occurred,
            claimant: Some(("Oleh Syniehubov".into(), Some("Reuters".into()))),
            stance: Stance::Asserts,
        }
    }
}

/// A report of an article with these events. `seed` makes the article's
/// bytes (and so its id) distinct; `outlet` and `published` fill the
/// metadata. The text holds one sentence per event, and every span points
/// into it.
pub fn report(seed: &str, outlet: &str, published: &str, events: &[EventSpec]) -> Report {
    let mut text = format!("{outlet} report {seed}.\n\n");
    let mut places = Vec::new();
    let mut actors = Vec::new();
    let mut evs = Vec::new();
    let mut claims = Vec::new();
    for (i, spec) in events.iter().enumerate() {
        let start = text.len();
        let sentence = format!(
            "{} said {} hit {} on {}.",
            spec.claimant.as_ref().map_or("Officials", |c| c.0.as_str()),
            spec.actor1.as_ref().map_or("someone", |a| a.0.as_str()),
            spec.place.as_ref().map_or("somewhere", |p| p.0.as_str()),
            spec.date.as_ref().map_or("some day", |d| d.0.as_str()),
        );
        text.push_str(&sentence);
        text.push('\n');
        let evidence = Evidence {
            start,
            end: start + sentence.len(),
            text: sentence.clone(),
        };
        let eid = format!("e{}", i + 1);
        let cid = format!("c{}", i + 1);
        let aref = |a: &Option<(String, ActorKind)>| {
            a.as_ref().map(|(n, _)| ActorRef {
                name: n.clone(),
                text: n.clone(),
            })
        };
        for (n, k) in [&spec.actor1, &spec.actor2].into_iter().flatten() {
            if let Some(at) = sentence.find(n.as_str()) {
                actors.push(Actor {
                    start: start + at,
                    end: start + at + n.len(),
                    text: n.clone(),
                    name: n.clone(),
                    kind: *k,
                    country: None,
                    entity: None,
                    category: None,
                    role: None,
                    affiliation: None,
                });
            }
        }
        if let Some((name, lat, lon, cc, a1)) = &spec.place {
            if let Some(at) = sentence.find(name.as_str()) {
                places.push(Place {
                    start: start + at,
                    end: start + at + name.len(),
                    text: name.clone(),
                    name: name.clone(),
                    geonameid: None,
                    lat: *lat,
                    lon: *lon,
                    country: Some(cc.clone()),
                    admin1: Some(a1.clone()),
                    feature: Feature::PopulatedPlace,
                    feature_code: None,
                    direction: None,
                });
            }
        }
        let has_claim = spec.claimant.is_some();
        if let Some((who, via)) = &spec.claimant {
            claims.push(Claim {
                id: cid.clone(),
                claimant: Some(ActorRef {
                    name: who.clone(),
                    text: who.clone(),
                }),
                via: via
                    .iter()
                    .map(|v| ActorRef {
                        name: v.clone(),
                        text: v.clone(),
                    })
                    .collect(),
                cue: "said".into(),
                stance: spec.stance,
                hedged: false,
                start: evidence.start,
                end: evidence.end,
                text: evidence.text.clone(),
                events: vec![eid.clone()],
                kind: None,
                headline: false,
            });
        }
        evs.push(Event {
            id: eid,
            event_type: spec.event_type.clone(),
            sub_event_type: spec.sub_event_type.clone(),
            actor1: aref(&spec.actor1),
            actor2: aref(&spec.actor2),
            assoc_actors: Vec::new(),
            location: spec
                .place
                .as_ref()
                .map(|(name, lat, lon, cc, a1)| Location {
                    name: name.clone(),
                    text: name.clone(),
                    geonameid: None,
                    lat: *lat,
                    lon: *lon,
                    country: Some(cc.clone()),
                    admin1: Some(a1.clone()),
                    precision: spec.geo_precision,
                }),
            date: spec.date.as_ref().map(|(s, e)| DateRange {
                start: s.clone(),
                end: e.clone(),
                precision: if s == e { 1 } else { 2 },
            }),
            fatalities: spec.fatalities,
            status: spec.status,
            claims: if has_claim { vec![cid] } else { Vec::new() },
            trigger: Evidence {
                start: evidence.start + sentence.find(" hit ").map_or(0, |p| p + 1),
                end: evidence.start + sentence.find(" hit ").map_or(0, |p| p + 4),
                text: if sentence.contains(" hit ") {
                    "hit".into()
                } else {
                    String::new()
                },
            },
            evidence,
            plover: None,
            instrument: None,
        });
    }
    Report {
        schema: SCHEMA.to_string(),
        article: Article {
            id: content_id(text.as_bytes()),
            path: Some(format!("synthetic/{seed}.txt")),
            title: Some(format!("{outlet} report {seed}")),
            published: Some(published.to_string()),
            byline: None,
            outlet: Some(outlet.to_string()),
            credits: Vec::new(),
            language: "en".into(),
            encoding: "UTF-8".into(),
            agency_notes: Vec::new(),
            spans: ArticleSpans::default(),
            text: Some(text),
        },
        places,
        actors,
        events: evs,
        claims,
        contradictions: Vec::new(),
    }
}

/// A deterministic pseudo-random sequence (xorshift) in [0, 1).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// ACLED types and sub-types the scattered events cycle through.
const SCATTERED_TYPES: [(&str, &str); 5] = [
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
];

/// `events` synthetic events scattered over a Ukraine-sized box and the
/// two years 2023–2024, `per_article` to a report, of five event types:
/// the same output for the same arguments. For load tests, benchmarks and
/// the UI's big-database checks (almost every event fuses alone).
pub fn scattered(events: usize, per_article: usize) -> Vec<Report> {
    let per_article = per_article.max(1);
    let mut rng = Rng(0x5eed);
    let mut reports = Vec::with_capacity(events / per_article + 1);
    let mut made = 0;
    while made < events {
        let n = per_article.min(events - made);
        let specs: Vec<EventSpec> = (0..n)
            .map(|i| {
                let lat = 44.5 + rng.next() * 8.0;
                let lon = 22.5 + rng.next() * 17.5;
                let day = jiff::civil::date(2023, 1, 1)
                    .checked_add(jiff::Span::new().days((rng.next() * 730.0) as i64))
                    .unwrap_or(jiff::civil::date(2023, 1, 1));
                let (t, s) = SCATTERED_TYPES[(made + i) % SCATTERED_TYPES.len()];
                let mut spec = EventSpec::shelling("Somewhere", lat, lon, &day.to_string());
                spec.event_type = t.into();
                spec.sub_event_type = s.into();
                spec.fatalities = (rng.next() < 0.3).then(|| (rng.next() * 10.0) as u32);
                spec
            })
            .collect();
        reports.push(report(
            &format!("scattered-{}", reports.len()),
            "Synthetic",
            "2024-12-31",
            &specs,
        ));
        made += n;
    }
    reports
}

#[cfg(test)]
mod tests {
    use super::scattered;

    #[test]
    fn scattered_is_deterministic_and_complete() {
        let a = scattered(25, 10);
        assert_eq!(a.len(), 3);
        assert_eq!(a.iter().map(|r| r.events.len()).sum::<usize>(), 25);
        assert_eq!(a, scattered(25, 10));
        let types: std::collections::BTreeSet<&str> = a
            .iter()
            .flat_map(|r| r.events.iter().map(|e| e.event_type.as_str()))
            .collect();
        assert_eq!(types.len(), 4);
    }
}
