//! `sitrep events`, `articles`, `claims` and `stats`: read a database
//! (read-only, so they work while an ingest runs).

use std::io::Write;

use anyhow::Context;
use sitrep_gazetteer::Gazetteer;
use sitrep_store::{export, EventFilter, Store};

use crate::args::{ArticlesArgs, ClaimsArgs, EventsArgs, EventsFormat, ListFormat, StatsArgs};
use crate::extract::Outcome;

/// Resolves `--near`: "LAT,LON" or a place name through the gazetteer.
/// Returns the point and how it was resolved.
pub fn resolve_near(near: &str, country: Option<&str>) -> anyhow::Result<((f64, f64), String)> {
    if let Some((a, b)) = near.split_once(',') {
        if let (Ok(lat), Ok(lon)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
            anyhow::ensure!(
                (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon),
                "--near {near}: latitude must be within ±90 and longitude within ±180"
            );
            return Ok(((lat, lon), format!("{lat},{lon}")));
        }
    }
    let g = Gazetteer::embedded();
    let country = country.map(str::to_ascii_uppercase);
    let candidates = g.candidates(near, country.as_deref());
    let best = candidates.first().with_context(|| {
        format!("--near {near:?}: no such place in the gazetteer (try `sitrep places {near}`, or give LAT,LON)")
    })?;
    let (lat, lon) = sitrep_gazetteer::point(&best.place);
    Ok(((f64::from(lat), f64::from(lon)), best.place.admin_path()))
}

/// Runs `sitrep events`.
pub fn events(args: &EventsArgs) -> anyhow::Result<Outcome> {
    anyhow::ensure!(
        args.radius_km.is_finite() && args.radius_km > 0.0,
        "--radius-km must be a positive number of kilometres"
    );
    let near = match &args.near {
        Some(n) => {
            let (point, _) = resolve_near(n, args.country.as_deref())?;
            Some((point, args.radius_km))
        }
        None => None,
    };
    let store = Store::open_read_only(&args.db)?;
    let filter = EventFilter {
        since: args.since.map(|d| d.to_string()),
        until: args.until.map(|d| d.to_string()),
        event_type: args.event_type.clone(),
        actor: args.actor.clone(),
        near,
        country: args.country.clone(),
        search: args.search.clone(),
        offset: 0,
        limit: args.limit,
    };
    let events = store.events(&filter)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        EventsFormat::Table => export::table(&mut out, &events),
        EventsFormat::Jsonl => export::jsonl(&mut out, &events),
        EventsFormat::AcledCsv => export::acled_csv(&mut out, &events),
        EventsFormat::Geojson => export::geojson(&mut out, &events),
    }
    .context("writing the events")?;
    out.flush().context("writing the events")?;
    Ok(Outcome::AllGood)
}

/// Runs `sitrep articles`.
pub fn articles(args: &ArticlesArgs) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&args.db)?;
    let rows = store.articles(args.search.as_deref(), args.limit)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ListFormat::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
        ListFormat::Table => {
            writeln!(
                out,
                "{:<12} {:<10} {:<20} {:>6} {:>6}  title",
                "id", "published", "outlet", "events", "claims"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{:<12} {:<10} {:<20} {:>6} {:>6}  {}",
                    r.id.get(..12).unwrap_or(&r.id),
                    r.published.as_deref().unwrap_or("-"),
                    clip(r.outlet.as_deref().unwrap_or("-"), 20),
                    r.events,
                    r.claims,
                    clip(r.title.as_deref().unwrap_or("-"), 80)
                )?;
            }
        }
    }
    out.flush().context("writing the articles")?;
    Ok(Outcome::AllGood)
}

/// Runs `sitrep claims --event ID`.
pub fn claims(args: &ClaimsArgs) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&args.db)?;
    let claims = store.claims_of(&args.event)?.with_context(|| {
        format!(
            "no event {:?} in {} (ids come from `sitrep events`: F… for a fused event, ARTICLE/e1 for one article's)",
            args.event,
            args.db.display()
        )
    })?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for c in &claims {
        match args.format {
            ListFormat::Jsonl => {
                serde_json::to_writer(&mut out, c)?;
                writeln!(out)?;
            }
            ListFormat::Table => {
                let mut who = c.claimant.clone().unwrap_or_else(|| "(the article)".into());
                if !c.via.is_empty() {
                    who.push_str(&format!(" via {}", c.via.join(", ")));
                }
                writeln!(
                    out,
                    "{} {}/{} [{}{}] {who}: {}",
                    c.outlet.as_deref().unwrap_or("-"),
                    c.article.get(..12).unwrap_or(&c.article),
                    c.claim_id,
                    c.stance,
                    if c.hedged { ", hedged" } else { "" },
                    c.text.split_whitespace().collect::<Vec<_>>().join(" ")
                )?;
            }
        }
    }
    out.flush().context("writing the claims")?;
    Ok(Outcome::AllGood)
}

/// Runs `sitrep stats`.
pub fn stats(args: &StatsArgs) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&args.db)?;
    let s = store.stats()?;
    if args.json {
        println!("{}", serde_json::to_string(&s)?);
        return Ok(Outcome::AllGood);
    }
    let mut text = format!(
        "database        {}\nschema version  {}\narticles        {}\nplaces          {}\nactors          {}\n\
         events          {}\nclaims          {}\nfused events    {} ({} with several sources)\n\
         contradictions  {}\nfailures        {}\n",
        args.db.display(),
        s.schema_version,
        s.articles,
        s.places,
        s.actors,
        s.events,
        s.claims,
        s.fused_events,
        s.multi_source,
        s.contradictions,
        s.failures
    );
    if let Some((a, b)) = &s.published {
        text.push_str(&format!("published       {a} … {b}\n"));
    }
    for (t, n) in &s.by_type {
        text.push_str(&format!("  {t:<28} {n}\n"));
    }
    print!("{text}");
    Ok(Outcome::AllGood)
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
