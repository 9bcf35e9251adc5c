//! The contract's matching rules, one function per field.

use std::collections::BTreeMap;

use sitrep_extract::report::{ActorRef, Claim, Event, Feature, Place, Report};

use crate::gold::{Gold, GoldActor, GoldClaim, GoldContradiction, GoldEvent, GoldPlace};
use crate::Scores;

/// Points match within this distance.
const PLACE_KM: f64 = 25.0;
/// Event locations match within this distance unless the gold gives a radius.
const EVENT_KM: f64 = 50.0;

/// Scores one report against its gold annotation.
pub fn score_article(report: &Report, gold: &Gold) -> Scores {
    let mut s = Scores {
        articles: 1,
        ..Scores::default()
    };
    let article = &report.article;
    let optional = |value: &Option<String>, want: &Option<String>| match (value, want) {
        (Some(v), Some(w)) => fold(v) == fold(w),
        (None, None) => true,
        _ => false,
    };
    if let Some(want) = &gold.published {
        s.accuracy_mut("published")
            .record(article.published == *want);
    }
    if let Some(want) = &gold.byline {
        s.accuracy_mut("byline")
            .record(optional(&article.byline, want));
    }
    if let Some(want) = &gold.title {
        s.accuracy_mut("title")
            .record(optional(&article.title, want));
    }
    if let Some(want) = &gold.language {
        s.accuracy_mut("language").record(article.language == *want);
    }
    if let Some(want) = &gold.credits {
        *s.counts_mut("credits") = match_sets(&article.credits, want, |p, g| fold(p) == fold(g)).0;
    }
    if let Some(want) = &gold.places {
        score_places(&report.places, want, &mut s);
    }
    if let Some(want) = &gold.actors {
        score_actors(report, want, &mut s);
    }
    if let Some(want) = &gold.events {
        score_events(report, want, &mut s);
    }
    if let Some(want) = &gold.claims {
        score_claims(report, want, &mut s);
    }
    if let Some(want) = &gold.contradictions {
        score_contradictions(report, want, &mut s);
    }
    s
}

/// Case and punctuation folded, whitespace collapsed.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

fn name_matches(names: &[String], candidates: &[&str]) -> bool {
    candidates.iter().any(|c| {
        let c = fold(c);
        names.iter().any(|n| fold(n) == c)
    })
}

fn ref_matches(names: &[String], actor: &ActorRef) -> bool {
    name_matches(names, &[&actor.name, &actor.text])
}

/// One-to-one greedy matching in gold order; returns counts and, per gold
/// item, the index of the prediction it matched.
fn match_sets<P, G>(
    pred: &[P],
    gold: &[G],
    matches: impl Fn(&P, &G) -> bool,
) -> (crate::Counts, Vec<Option<usize>>) {
    let mut used = vec![false; pred.len()];
    let mut pairs = Vec::with_capacity(gold.len());
    for g in gold {
        let hit = (0..pred.len()).find(|&i| !used[i] && matches(&pred[i], g));
        if let Some(i) = hit {
            used[i] = true;
        }
        pairs.push(hit);
    }
    let tp = pairs.iter().flatten().count() as u32;
    let counts = crate::Counts {
        tp,
        fp: pred.len() as u32 - tp,
        fn_: gold.len() as u32 - tp,
    };
    (counts, pairs)
}

fn score_places(pred: &[Place], gold: &[GoldPlace], s: &mut Scores) {
    // Mentions of the same text count once, as in the gold.
    let mut seen = BTreeMap::new();
    let unique: Vec<&Place> = pred
        .iter()
        .filter(|p| seen.insert(fold(&p.text), ()).is_none())
        .collect();
    let (recognised, pairs) = match_sets(&unique, gold, |p, g| fold(&p.text) == fold(&g.text));
    *s.counts_mut("places") = recognised;
    let resolved = pairs
        .iter()
        .zip(gold)
        .filter(|(m, g)| m.is_some_and(|i| place_resolved(unique[i], g)))
        .count() as u32;
    *s.counts_mut("places.resolved") = crate::Counts {
        tp: resolved,
        fp: unique.len() as u32 - resolved,
        fn_: gold.len() as u32 - resolved,
    };
}

/// Points within 25 km; areas by the same admin area.
fn place_resolved(p: &Place, g: &GoldPlace) -> bool {
    if km(p.lat, p.lon, g.lat, g.lon) <= PLACE_KM {
        return true;
    }
    let same_country = g
        .country
        .as_ref()
        .is_some_and(|c| p.country.as_ref() == Some(c));
    match g.feature.as_str() {
        "country" => same_country && p.feature == Feature::Country,
        "admin1" | "admin2" | "region" => {
            let same_admin1 = match (&g.admin1, &p.admin1) {
                (Some(a), Some(b)) => fold(a) == fold(b),
                _ => false,
            };
            same_country && same_admin1 && p.feature != Feature::PopulatedPlace
        }
        _ => false,
    }
}

fn score_actors(report: &Report, gold: &[GoldActor], s: &mut Scores) {
    // One predicted actor per canonical name, with all its mentions.
    let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for a in &report.actors {
        by_name.entry(a.name.clone()).or_default().push(&a.text);
    }
    let pred: Vec<(String, Vec<&str>)> = by_name.into_iter().collect();
    let (counts, _) = match_sets(&pred, gold, |(name, texts), g| {
        name_matches(&g.names, &[name.as_str()]) || name_matches(&g.names, texts)
    });
    *s.counts_mut("actors") = counts;
}

fn score_events(report: &Report, gold: &[GoldEvent], s: &mut Scores) {
    let (counts, pairs) = match_sets(&report.events, gold, event_matches);
    *s.counts_mut("events") = counts;
    for (g, m) in gold.iter().zip(pairs) {
        let Some(i) = m else { continue };
        let e = &report.events[i];
        s.accuracy_mut("events.sub_event_type")
            .record(e.sub_event_type == g.sub_event_type);
        s.accuracy_mut("events.actor1")
            .record(side_right(&g.actor1, e.actor1.as_ref()));
        s.accuracy_mut("events.actor2")
            .record(side_right(&g.actor2, e.actor2.as_ref()));
        let date_right = match (&g.date, &e.date) {
            (Some(gd), Some(d)) => gd.earliest <= d.start && d.end <= gd.latest,
            (None, None) => true,
            _ => false,
        };
        s.accuracy_mut("events.date").record(date_right);
        s.accuracy_mut("events.fatalities")
            .record(g.fatalities == e.fatalities);
        s.accuracy_mut("events.claimants")
            .record(claimants_right(report, e, &g.claimants));
    }
}

fn event_matches(e: &Event, g: &GoldEvent) -> bool {
    if e.event_type != g.event_type {
        return false;
    }
    let located = match (&g.location, &e.location) {
        (Some(gl), Some(l)) => {
            km(l.lat, l.lon, gl.lat, gl.lon) <= gl.radius_km.unwrap_or(EVENT_KM).max(EVENT_KM)
        }
        (Some(_), None) => false,
        (None, _) => true,
    };
    let dated = match (&g.date, &e.date) {
        (Some(gd), Some(d)) => d.start <= gd.latest && gd.earliest <= d.end,
        (Some(_), None) => false,
        (None, _) => true,
    };
    located && dated
}

fn side_right(names: &[String], actor: Option<&ActorRef>) -> bool {
    match actor {
        None => names.is_empty(),
        Some(a) => ref_matches(names, a),
    }
}

fn claimants_right(report: &Report, e: &Event, gold: &[Vec<String>]) -> bool {
    let claimants: Vec<&ActorRef> = e
        .claims
        .iter()
        .filter_map(|id| report.claims.iter().find(|c| &c.id == id))
        .filter_map(|c| c.claimant.as_ref())
        .collect();
    if gold.is_empty() {
        return claimants.is_empty();
    }
    gold.iter()
        .all(|names| claimants.iter().any(|c| ref_matches(names, c)))
}

/// The contract's claim rule: the claimant matches and every keyword occurs
/// in the claim's text.
fn claim_matches(c: &Claim, g: &GoldClaim) -> bool {
    let claimant_right = match (&g.claimant, &c.claimant) {
        (None, None) => true,
        (Some(names), None) => names.is_empty(),
        (Some(names), Some(a)) => ref_matches(names, a),
        (None, Some(_)) => false,
    };
    let text = c.text.to_lowercase();
    claimant_right && g.keywords.iter().all(|k| text.contains(&k.to_lowercase()))
}

/// A reported contradiction matches a gold one when `about` is the same and
/// its claims match the gold's claims one to one, in either order.
fn score_contradictions(report: &Report, gold: &[GoldContradiction], s: &mut Scores) {
    let claim = |id: &String| report.claims.iter().find(|c| &c.id == id);
    let (counts, _) = match_sets(&report.contradictions, gold, |x, g| {
        let linked: Vec<&Claim> = x.claims.iter().filter_map(claim).collect();
        let pair = |a: &GoldClaim, b: &GoldClaim| {
            linked.len() == 2 && claim_matches(linked[0], a) && claim_matches(linked[1], b)
        };
        x.about == g.about
            && match g.claims.as_slice() {
                [a, b] => pair(a, b) || pair(b, a),
                _ => false,
            }
    });
    *s.counts_mut("contradictions") = counts;
}

/// Claims are scored within the gold's scope: the gold annotates
/// statements in the article's body (GUIDELINES §6), so headline claims (a
/// headline restates the body) and requests (`kind: request`, "called for
/// the evacuation": no statement of fact; the seed and dev gold leave them
/// out) are not scored.
fn score_claims(report: &Report, gold: &[GoldClaim], s: &mut Scores) {
    let body: Vec<&Claim> = report
        .claims
        .iter()
        .filter(|c| !c.headline && c.kind.as_deref() != Some("request"))
        .collect();
    let (counts, pairs) = match_sets(&body, gold, |c, g| claim_matches(c, g));
    *s.counts_mut("claims") = counts;
    for (g, m) in gold.iter().zip(pairs) {
        let Some(i) = m else { continue };
        let via = &body[i].via;
        let right = via.len() == g.via.len()
            && via
                .iter()
                .zip(&g.via)
                .all(|(v, name)| ref_matches(std::slice::from_ref(name), v));
        s.accuracy_mut("claims.via").record(right);
    }
}

/// Great-circle distance in kilometres.
pub(crate) fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::{fold, km, score_article};
    use crate::gold::Gold;
    use sitrep_extract::report::Report;

    fn report(json: serde_json::Value) -> Report {
        let mut base = serde_json::json!({
            "schema": "sitrep/1",
            "article": {"id": "0", "path": null, "title": null, "published": "2024-03-15",
                        "byline": "Christian Sturgeon", "outlet": null, "credits": ["Sergey Bobok/AFP"],
                        "language": "en", "encoding": "UTF-8", "spans": {}},
            "places": [], "actors": [], "events": [], "claims": [], "contradictions": []
        });
        for (k, v) in json.as_object().unwrap() {
            base[k] = v.clone();
        }
        serde_json::from_value(base).unwrap()
    }

    #[test]
    fn folding_and_distance() {
        assert_eq!(
            fold("“Freedom for Russia” Legion!"),
            "freedom for russia legion"
        );
        assert_eq!(fold("TASS"), fold("Tass"));
        let d = km(50.4767, 35.6773, 50.60343, 36.58091);
        assert!((60.0..70.0).contains(&d), "{d}");
    }

    #[test]
    fn metadata_fields() {
        let gold: Gold = serde_json::from_str(
            r#"{"published": "2024-03-15", "byline": "christian sturgeon", "title": null, "credits": ["Sergey Bobok/AFP", "X/dpa"]}"#,
        )
        .unwrap();
        let s = score_article(&report(serde_json::json!({})), &gold);
        assert_eq!(s.metric("published.acc"), Some(1.0));
        assert_eq!(s.metric("byline.acc"), Some(1.0));
        assert_eq!(s.metric("title.acc"), Some(1.0));
        assert_eq!(s.metric("credits.p"), Some(1.0));
        assert_eq!(s.metric("credits.r"), Some(0.5));
        assert_eq!(
            s.metric("language.acc"),
            None,
            "absent gold fields are not scored"
        );
    }

    #[test]
    fn places_recognised_and_resolved() {
        let r = report(serde_json::json!({"places": [
            {"start": 0, "end": 9, "text": "Grajvoron", "name": "Grayvoron", "geonameid": 559034, "lat": 50.48, "lon": 35.68,
             "country": "RU", "admin1": "Belgorod Oblast", "feature": "populated_place"},
            {"start": 20, "end": 26, "text": "Moscow", "name": "Moscow", "geonameid": null, "lat": 40.0, "lon": -100.0,
             "country": "US", "admin1": null, "feature": "populated_place"},
            {"start": 30, "end": 36, "text": "Moscow", "name": "Moscow", "geonameid": null, "lat": 55.75, "lon": 37.6,
             "country": "RU", "admin1": null, "feature": "populated_place"},
            {"start": 40, "end": 45, "text": "Paris", "name": "Paris", "geonameid": null, "lat": 48.8, "lon": 2.3,
             "country": "FR", "admin1": null, "feature": "populated_place"}
        ]}));
        let gold: Gold = serde_json::from_str(r#"{"places": [
            {"text": "Grajvoron", "lat": 50.4767, "lon": 35.6773, "feature": "populated_place"},
            {"text": "Moscow", "lat": 55.75204, "lon": 37.61781, "feature": "populated_place"},
            {"text": "Kursk region", "lat": 51.75, "lon": 36.0, "feature": "admin1", "country": "RU", "admin1": "Kursk Oblast"}
        ]}"#).unwrap();
        let s = score_article(&r, &gold);
        let c = s.counts["places"];
        assert_eq!(
            (c.tp, c.fp, c.fn_),
            (2, 1, 1),
            "the second Moscow mention is not counted again"
        );
        let c = s.counts["places.resolved"];
        assert_eq!(
            (c.tp, c.fp, c.fn_),
            (1, 2, 2),
            "the first Moscow is resolved to the wrong one"
        );
    }

    #[test]
    fn events_match_by_type_place_and_date_then_score_attributes() {
        let r = report(serde_json::json!({
            "events": [{"id": "e1", "event_type": "Battles", "sub_event_type": "Armed clash",
                "actor1": {"name": "Freedom of Russia Legion", "text": "the Legion"}, "actor2": null, "assoc_actors": [],
                "location": {"name": "Grayvoron", "text": "Grajvoron", "geonameid": 559034, "lat": 50.48, "lon": 35.68,
                             "country": "RU", "admin1": "Belgorod Oblast", "precision": 1},
                "date": {"start": "2024-03-12", "end": "2024-03-15", "precision": 2}, "fatalities": null,
                "status": "occurred", "claims": ["c1"],
                "trigger": {"start": 0, "end": 8, "text": "fighting"}, "evidence": {"start": 0, "end": 8, "text": "fighting"}}],
            "claims": [{"id": "c1", "claimant": {"name": "Alexei Baranovsky", "text": "Baranovsky"},
                "via": [{"name": "Newsweek", "text": "Newsweek"}], "cue": "claimed", "stance": "asserts", "hedged": false,
                "start": 0, "end": 30, "text": "intense fighting in Grajvoron", "events": ["e1"]}]
        }));
        let gold: Gold = serde_json::from_str(r#"{
            "events": [{"event_type": "Battles", "sub_event_type": "Armed clash",
                "actor1": ["Freedom of Russia Legion"], "actor2": ["Russian forces"],
                "location": {"lat": 50.4767, "lon": 35.6773}, "date": {"earliest": "2024-03-08", "latest": "2024-03-15"},
                "fatalities": null, "claimants": [["Alexei Baranovsky"]]},
              {"event_type": "Battles", "sub_event_type": "Armed clash", "location": {"lat": 51.28, "lon": 34.29},
               "date": {"earliest": "2024-03-08", "latest": "2024-03-15"}}],
            "claims": [{"claimant": ["Alexei Baranovsky"], "via": ["Newsweek"], "keywords": ["intense fighting"]},
                       {"claimant": ["FSB"], "via": ["TASS"], "keywords": ["100"]}]
        }"#).unwrap();
        let s = score_article(&r, &gold);
        let c = s.counts["events"];
        assert_eq!((c.tp, c.fp, c.fn_), (1, 0, 1));
        assert_eq!(s.metric("events.actor1.acc"), Some(1.0));
        assert_eq!(s.metric("events.actor2.acc"), Some(0.0));
        assert_eq!(s.metric("events.date.acc"), Some(1.0));
        assert_eq!(s.metric("events.claimants.acc"), Some(1.0));
        assert_eq!(s.metric("claims.r"), Some(0.5));
        assert_eq!(s.metric("claims.via.acc"), Some(1.0));
    }

    #[test]
    fn contradictions_match_by_about_and_both_claims() {
        let claim = |id: &str, who: &str, text: &str| {
            serde_json::json!({"id": id, "claimant": {"name": who, "text": who}, "via": [], "cue": "said",
                "stance": "asserts", "hedged": false, "start": 0, "end": 1, "text": text, "events": []})
        };
        let r = report(serde_json::json!({
            "claims": [claim("c1", "Army", "the raid was repelled"), claim("c2", "Rebels", "we took the hill"),
                       claim("c3", "Police", "two died")],
            "contradictions": [
                {"events": [], "claims": ["c2", "c1"], "about": "outcome", "note": "x"},
                {"events": [], "claims": ["c1", "c3"], "about": "fatalities", "note": "y"}]
        }));
        let gold: Gold = serde_json::from_str(
            r#"{"contradictions": [
            {"about": "outcome", "claims": [{"claimant": ["Army"], "keywords": ["repelled"]},
                                             {"claimant": ["Rebels"], "keywords": ["hill"]}]},
            {"about": "actor", "claims": [{"claimant": ["Army"]}, {"claimant": ["Police"]}]}]}"#,
        )
        .unwrap();
        let c = score_article(&r, &gold).counts["contradictions"];
        assert_eq!((c.tp, c.fp, c.fn_), (1, 1, 1));
        // Not annotated: not scored.
        let none: Gold = serde_json::from_str("{}").unwrap();
        assert!(!score_article(&r, &none)
            .counts
            .contains_key("contradictions"));
    }
}
