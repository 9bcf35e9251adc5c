//! Exports of fused events: ACLED CSV, GeoJSON, JSON lines and a table.

use crate::countries;
use crate::query::FusedEvent;
use std::collections::BTreeSet;
use std::io::{self, Write};

/// ACLED's columns, in ACLED's order (the contract).
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// ACLED's disorder type of an event type and sub-event type.
pub fn disorder_type(event_type: &str, sub_event_type: &str) -> &'static str {
    match (event_type, sub_event_type) {
        ("Protests", _) | ("Riots", "Violent demonstration") => "Demonstrations",
        ("Violence against civilians", "Excessive force against protesters") => {
            "Political violence; Demonstrations"
        }
        ("Strategic developments", _) => "Strategic developments",
        ("Battles" | "Explosions/Remote violence" | "Violence against civilians" | "Riots", _) => {
            "Political violence"
        }
        _ => "",
    }
}

/// ACLED's actor category text (`inter1`/`inter2`) for a report actor kind
/// and name; empty when it cannot be told.
pub fn inter(kind: Option<&str>, name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("protesters") {
        return "Protesters";
    }
    if lower.starts_with("rioters") {
        return "Rioters";
    }
    if lower.starts_with("civilians") {
        return "Civilians";
    }
    match kind {
        Some("state_forces") | Some("government") => "State forces",
        Some("rebel_group") => "Rebel group",
        Some("militia") => "Political militia",
        Some("civilians") | Some("media") => "Civilians",
        Some("agency") | Some("other") => "External/Other forces",
        _ if lower.starts_with("military forces of") || lower.starts_with("police forces of") => {
            "State forces"
        }
        _ => "",
    }
}

fn inter_rank(c: &str) -> u8 {
    match c {
        "State forces" => 1,
        "Rebel group" => 2,
        "Political militia" => 3,
        "Identity militia" => 4,
        "Rioters" => 5,
        "Protesters" => 6,
        "Civilians" => 7,
        _ => 8,
    }
}

/// ACLED's interaction text: the two categories in ACLED's order joined by
/// a hyphen, "X only" for one, empty for none.
pub fn interaction(inter1: &str, inter2: &str) -> String {
    match (inter1.is_empty(), inter2.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!("{inter1} only"),
        (true, false) => format!("{inter2} only"),
        (false, false) => {
            let (a, b) = if inter_rank(inter1) <= inter_rank(inter2) {
                (inter1, inter2)
            } else {
                (inter2, inter1)
            };
            format!("{a}-{b}")
        }
    }
}

/// The day ACLED's `event_date` gets: the day itself for a one-day range,
/// else the middle of the range (the range is in `time_precision`).
pub fn event_date(start: &str, end: &str) -> String {
    let (Ok(s), Ok(e)) = (
        start.parse::<jiff::civil::Date>(),
        end.parse::<jiff::civil::Date>(),
    ) else {
        return start.to_string();
    };
    if e <= s {
        return s.to_string();
    }
    let days = s.until(e).map(|span| span.get_days()).unwrap_or(0);
    s.checked_add(jiff::Span::new().days(i64::from(days / 2)))
        .map_or_else(|_| s.to_string(), |d| d.to_string())
}

/// The second-level division of a stored location, from the gazetteer
/// (postal points carry it).
fn admin2(f: &FusedEvent) -> Option<String> {
    let (name, id) = (f.location.as_deref()?, f.geonameid?);
    let g = sitrep_gazetteer::Gazetteer::embedded();
    g.lookup(name)
        .into_iter()
        .map(|h| g.place(h.place))
        .find(|p| i64::from(p.id) == id)
        .and_then(|p| p.admin2.map(str::to_string))
}

/// One line naming who reported the event: each source's claimants with
/// their channels, or its outlet when it speaks in its own voice.
pub fn source_line(f: &FusedEvent) -> String {
    let mut parts: BTreeSet<String> = BTreeSet::new();
    for m in &f.members {
        let outlet = m.outlet.clone();
        let mut any = false;
        for c in &m.claims {
            let who = c.claimant.clone().or_else(|| outlet.clone());
            let Some(who) = who else { continue };
            any = true;
            let mut chain: Vec<String> = c.via.clone();
            if let Some(o) = &outlet {
                if !chain.iter().any(|v| v.eq_ignore_ascii_case(o)) && c.claimant.is_some() {
                    chain.push(o.clone());
                }
            }
            if chain.is_empty() {
                parts.insert(who);
            } else {
                parts.insert(format!("{who} via {}", chain.join(", ")));
            }
        }
        if !any {
            if let Some(o) = outlet {
                parts.insert(o);
            }
        }
    }
    one_line(&parts.into_iter().collect::<Vec<_>>().join("; "))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The one-line `notes`: what happened, where, when, by how many sources,
/// and what they disagree about.
pub fn notes(f: &FusedEvent) -> String {
    let mut s = String::new();
    if let Some(d) = &f.date_start {
        s.push_str(&format!("On {d}"));
        if f.date_end.as_ref().is_some_and(|e| e != d) {
            s.push_str(&format!(" (to {})", f.date_end.as_deref().unwrap_or("")));
        }
        s.push_str(", ");
    }
    s.push_str(f.actor1.as_deref().unwrap_or("unidentified actors"));
    s.push_str(&format!(": {}", f.sub_event_type.to_lowercase()));
    if let Some(a2) = &f.actor2 {
        s.push_str(&format!(" against {a2}"));
    }
    if let Some(l) = &f.location {
        s.push_str(&format!(" in {l}"));
        if let Some(a1) = &f.admin1 {
            s.push_str(&format!(" ({a1})"));
        }
    }
    s.push('.');
    if f.status != "occurred" {
        s.push_str(&format!(" Status: {}.", f.status));
    }
    s.push_str(&format!(
        " Reported by {} source{}",
        f.sources,
        if f.sources == 1 { "" } else { "s" }
    ));
    if f.agree != f.sources {
        s.push_str(&format!(", {} undenied", f.agree));
    }
    s.push('.');
    for c in &f.contradictions {
        s.push_str(&format!(" Disputed {}: {}.", c.about, c.note));
    }
    one_line(&s)
}

fn csv_field(out: &mut String, v: &str) {
    if v.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(v);
    }
}

/// ACLED's row for a fused event, in [`ACLED_COLUMNS`] order.
pub fn acled_row(f: &FusedEvent) -> Vec<String> {
    let country = f.country.as_deref().and_then(countries::by_alpha2);
    let date = match (&f.date_start, &f.date_end) {
        (Some(s), Some(e)) => event_date(s, e),
        (Some(s), None) => s.clone(),
        _ => String::new(),
    };
    let year = date.get(..4).unwrap_or("").to_string();
    let inter1 = f
        .actor1
        .as_deref()
        .map_or("", |a| inter(f.actor1_kind.as_deref(), a));
    let inter2 = f
        .actor2
        .as_deref()
        .map_or("", |a| inter(f.actor2_kind.as_deref(), a));
    let civilian = f.event_type == "Violence against civilians" || inter2 == "Civilians";
    let timestamp = f
        .updated_at
        .parse::<jiff::Timestamp>()
        .map(|t| t.as_second().to_string())
        .unwrap_or_default();
    let mut tags: Vec<String> = vec![format!("sources={}", f.sources)];
    for c in &f.contradictions {
        tags.push(format!("disputed {}", c.about));
    }
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let num = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
    vec![
        match country {
            Some(c) => format!("{}{}", c.alpha3, f.id),
            None => f.id.clone(),
        },
        date,
        year,
        num(f.time_precision),
        disorder_type(&f.event_type, &f.sub_event_type).to_string(),
        f.event_type.clone(),
        f.sub_event_type.clone(),
        opt(&f.actor1),
        f.assoc_actors.join("; "),
        inter1.to_string(),
        opt(&f.actor2),
        String::new(),
        inter2.to_string(),
        interaction(inter1, inter2),
        if civilian {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        country.map(|c| c.numeric.to_string()).unwrap_or_default(),
        country.map(|c| c.region.to_string()).unwrap_or_default(),
        country.map(|c| c.name.to_string()).unwrap_or_default(),
        opt(&f.admin1),
        admin2(f).unwrap_or_default(),
        String::new(),
        opt(&f.location),
        f.lat.map(|v| format!("{v:.4}")).unwrap_or_default(),
        f.lon.map(|v| format!("{v:.4}")).unwrap_or_default(),
        num(f.geo_precision),
        source_line(f),
        String::new(),
        notes(f),
        f.fatalities.map(|v| v.to_string()).unwrap_or_default(),
        tags.join("; "),
        timestamp,
    ]
}

/// Writes ACLED CSV: the header, then one row per fused event (RFC 4180
/// quoting, `\n` line ends).
pub fn acled_csv(out: &mut impl Write, events: &[FusedEvent]) -> io::Result<()> {
    writeln!(out, "{}", ACLED_COLUMNS.join(","))?;
    for f in events {
        let mut line = String::new();
        for (i, v) in acled_row(f).iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            csv_field(&mut line, v);
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The GeoJSON Feature of a fused event (RFC 7946: `[lon, lat]`; a null
/// geometry when it has no coordinates).
pub fn feature(f: &FusedEvent) -> serde_json::Value {
    let geometry = match (f.lat, f.lon) {
        (Some(lat), Some(lon)) => serde_json::json!({"type": "Point", "coordinates": [lon, lat]}),
        _ => serde_json::Value::Null,
    };
    let sources: Vec<String> = f
        .members
        .iter()
        .map(|m| m.article.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    serde_json::json!({
        "type": "Feature",
        "id": f.id,
        "geometry": geometry,
        "properties": {
            "id": f.id,
            "event_type": f.event_type,
            "sub_event_type": f.sub_event_type,
            "actor1": f.actor1,
            "actor2": f.actor2,
            "location": f.location,
            "country": f.country,
            "admin1": f.admin1,
            "geo_precision": f.geo_precision,
            "date_start": f.date_start,
            "date_end": f.date_end,
            "time_precision": f.time_precision,
            "fatalities": f.fatalities,
            "status": f.status,
            "sources": f.sources,
            "agree": f.agree,
            "articles": sources.join(";"),
            "contradictions": f.contradictions.iter().map(|c| c.about.as_str()).collect::<Vec<_>>().join(";"),
            "source": source_line(f),
            "notes": notes(f),
        }
    })
}

/// Writes a GeoJSON FeatureCollection.
pub fn geojson(out: &mut impl Write, events: &[FusedEvent]) -> io::Result<()> {
    let features: Vec<serde_json::Value> = events.iter().map(feature).collect();
    let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
    serde_json::to_writer(&mut *out, &fc)?;
    writeln!(out)
}

/// Writes one JSON object per fused event (with members, claims and
/// contradictions).
pub fn jsonl(out: &mut impl Write, events: &[FusedEvent]) -> io::Result<()> {
    for f in events {
        serde_json::to_writer(&mut *out, f)?;
        writeln!(out)?;
    }
    Ok(())
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

/// Writes a fixed-width table for people.
pub fn table(out: &mut impl Write, events: &[FusedEvent]) -> io::Result<()> {
    writeln!(
        out,
        "{:<13} {:<10} {:<10} {:<28} {:<24} {:<24} {:>4} {:>4}  disputed",
        "id", "start", "end", "type", "location", "actor1", "dead", "src"
    )?;
    for f in events {
        let disputed: BTreeSet<&str> = f.contradictions.iter().map(|c| c.about.as_str()).collect();
        writeln!(
            out,
            "{:<13} {:<10} {:<10} {:<28} {:<24} {:<24} {:>4} {:>4}  {}",
            f.id,
            f.date_start.as_deref().unwrap_or("-"),
            f.date_end.as_deref().unwrap_or("-"),
            clip(&f.sub_event_type, 28),
            clip(f.location.as_deref().unwrap_or("-"), 24),
            clip(f.actor1.as_deref().unwrap_or("-"), 24),
            f.fatalities.map_or("-".to_string(), |v| v.to_string()),
            f.sources,
            disputed.into_iter().collect::<Vec<_>>().join(",")
        )?;
    }
    Ok(())
}
