//! `sitrep places NAME`: gazetteer candidates for a name, for users who
//! want to check what sitrep knows about a place.

use std::fmt::Write as _;

use anyhow::Context;
use sitrep_gazetteer::Gazetteer;

use crate::args::PlacesArgs;
use crate::extract::Outcome;

/// Runs `sitrep places`.
pub fn run(args: &PlacesArgs) -> anyhow::Result<Outcome> {
    let name = args.name.join(" ");
    if name.trim().is_empty() {
        anyhow::bail!("give a place name, e.g. `sitrep places Grajvoron`");
    }
    let owned;
    let gazetteer = match &args.gazetteer {
        Some(path) => {
            owned = Gazetteer::with_user_file(path)
                .with_context(|| format!("reading the gazetteer file {}", path.display()))?;
            &owned
        }
        None => Gazetteer::embedded(),
    };
    let country = args.country.as_deref().map(str::to_ascii_uppercase);
    let candidates = gazetteer.candidates(&name, country.as_deref());
    let regional = sitrep_gazetteer::is_regional(&sitrep_gazetteer::key(&name));
    if args.json {
        for c in candidates.iter().take(args.limit) {
            let p = &c.place;
            let (lat, lon) = sitrep_gazetteer::point(p);
            let mut row = serde_json::json!({
                "name": p.name, "id": p.id, "lat": lat, "lon": lon, "country": p.country,
                "admin1": p.admin1, "admin2": p.admin2, "feature": format!("{:?}", p.feature),
                "feature_code": p.feature_code, "population": p.population,
                "score": c.score, "why": c.why.to_string(),
            });
            if args.explain {
                row["terms"] = c
                    .terms(regional)
                    .into_iter()
                    .map(|(what, value)| serde_json::json!({"what": what, "value": value}))
                    .collect();
            }
            println!("{row}");
        }
    } else {
        let mut out = String::new();
        let _ = writeln!(out, "{} candidates for {name:?}", candidates.len());
        for c in candidates.iter().take(args.limit) {
            let p = &c.place;
            let (lat, lon) = sitrep_gazetteer::point(p);
            let _ = writeln!(
                out,
                "{:6.3}  {:<44} {:>9.4} {:>9.4}  {:<5} pop {:<9} id {:<10} [{}]",
                c.score,
                p.admin_path(),
                lat,
                lon,
                p.feature_code,
                p.population,
                p.id,
                c.why
            );
            if args.explain {
                for (what, value) in c.terms(regional) {
                    let _ = writeln!(out, "        {value:+.3}  {what}");
                }
            }
        }
        print!("{out}");
    }
    Ok(if candidates.is_empty() {
        Outcome::SomeFailed
    } else {
        Outcome::AllGood
    })
}
