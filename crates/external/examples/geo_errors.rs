//! Sorts the toponym-resolution errors of the ANALYSIS half of TR-News, LGL
//! or GeoWebNews into groups (a development aid for the gazetteer's
//! resolution; the report half is refused, see docs/ACCURACY.md).
//!
//! ```sh
//! cargo run --release -p sitrep-external --example geo_errors -- lgl [SHARED] [--list]
//! ```
//!
//! For each resolvable gold toponym of the analysis half whose answer is
//! more than 161 km off, the gold GeoNames id is looked up in the embedded
//! gazetteer and among the candidates of the phrase, and the error is put
//! in one group: the record is missing, the phrase does not name it, or it
//! was a candidate and lost (by the gold's and the winner's features). Also
//! printed: how often the most populous candidate is right (the
//! "population baseline" of the literature). With `--list`, every error
//! with the winner's explanation.

use sitrep_external::geo::{self, GazetteerResolver, GeoCorpus, Half};
use sitrep_gazetteer::{Feature, Gazetteer, Place};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

fn feature(p: &Place<'_>) -> &'static str {
    match p.feature {
        Feature::Country => "country",
        Feature::Admin1 => "admin1",
        Feature::Admin2 => "admin2",
        Feature::PopulatedPlace => "town",
        Feature::Other => "other",
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let pos: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let corpus = match pos.first().map(|s| s.as_str()) {
        Some("tr-news") => GeoCorpus::TrNews,
        Some("lgl") => GeoCorpus::Lgl,
        Some("geowebnews") => GeoCorpus::GeoWebNews,
        _ => {
            eprintln!("usage: geo_errors tr-news|lgl|geowebnews [SHARED] [--list]");
            std::process::exit(2);
        }
    };
    let shared = pos
        .get(1)
        .map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
    let data = match geo::load(corpus, &shared.join(corpus.relative_path())) {
        Ok(d) => d.half(Half::Analysis),
        Err(e) => {
            eprintln!("geo_errors: {e}");
            std::process::exit(1);
        }
    };
    let g = Gazetteer::embedded();
    let by_id: HashMap<u32, sitrep_gazetteer::PlaceRef> = (0..g.len() as u32)
        .map(sitrep_gazetteer::PlaceRef)
        .map(|r| (g.place(r).id, r))
        .collect();
    let resolver = GazetteerResolver::new();
    let mut groups: BTreeMap<String, usize> = BTreeMap::new();
    let (mut scored, mut right, mut pop_right) = (0, 0, 0);
    for doc in &data.docs {
        for t in &doc.toponyms {
            let Some(gold) = t.point else { continue };
            scored += 1;
            let gold_pt = (gold.lat as f32, gold.lon as f32);
            let cands = g.candidates(&t.phrase, None);
            if let Some(best) = cands.iter().max_by_key(|c| c.place.population) {
                let pt = sitrep_gazetteer::point(&best.place);
                if sitrep_gazetteer::resolve::km(pt, gold_pt) <= 161.0 {
                    pop_right += 1;
                }
            }
            let r = resolver.resolution(&doc.text, t.span, list);
            let won = r.as_ref().map(|r| g.place(r.place));
            let d = won
                .as_ref()
                .map(|p| sitrep_gazetteer::resolve::km(sitrep_gazetteer::point(p), gold_pt));
            if d.is_some_and(|d| d <= 161.0) {
                right += 1;
                continue;
            }
            let gold_rec = t
                .geonameid
                .and_then(|id| u32::try_from(id).ok())
                .and_then(|id| by_id.get(&id))
                .map(|&r| g.place(r));
            let rank = gold_rec
                .as_ref()
                .and_then(|gp| cands.iter().position(|c| c.place.index == gp.index));
            let class = t.class.as_deref().unwrap_or("-");
            let group = match (&won, &gold_rec, rank) {
                (None, None, _) => format!("no answer; gold id not in gazetteer ({class})"),
                (None, Some(_), _) => "no answer; gold record exists".to_string(),
                (Some(_), None, _) => format!("gold id not in gazetteer ({class})"),
                (Some(_), Some(gp), None) => {
                    format!(
                        "gold record not a candidate of the phrase ({})",
                        feature(gp)
                    )
                }
                (Some(w), Some(gp), Some(_)) => {
                    format!("lost: gold {} → won {}", feature(gp), feature(w))
                }
            };
            *groups.entry(group.clone()).or_default() += 1;
            if list {
                println!(
                    "[{}] {:?} gold {} {:?} ({class}) {:.2},{:.2}; won {} {:.0} km off; gold rank {:?} of {}",
                    doc.id,
                    t.phrase,
                    t.geonameid.map_or("-".to_string(), |i| i.to_string()),
                    gold_rec.as_ref().map(|p| p.admin_path()),
                    gold.lat,
                    gold.lon,
                    won.as_ref().map_or("-".to_string(), |p| format!(
                        "{} [{} pop {}]",
                        p.admin_path(),
                        feature(p),
                        p.population
                    )),
                    d.unwrap_or(f32::NAN),
                    rank,
                    cands.len(),
                );
                if let Some(r) = &r {
                    println!("    {}", r.explain);
                }
            }
        }
    }
    println!(
        "{} analysis half: {} documents, {} scored, acc@161km {:.1} %, population baseline {:.1} %",
        corpus.name(),
        data.docs.len(),
        scored,
        100.0 * right as f64 / scored.max(1) as f64,
        100.0 * pop_right as f64 / scored.max(1) as f64
    );
    let mut v: Vec<(String, usize)> = groups.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    println!("| errors (> 161 km) | n |\n| --- | --- |");
    for (k, n) in v {
        println!("| {k} | {n} |");
    }
}
