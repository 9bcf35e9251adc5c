//! Cross-article fusion: events of several articles that report the same
//! occurrence become one fused event.
//!
//! Two stored events are *compatible* when
//!
//! - they have the same `event_type`;
//! - both have a location and a date range;
//! - their locations are within the radius of the coarser of the two geo
//!   precisions ([`radius_km`]: 1 → 10 km, 2 → 25 km, 3 → 100 km), or, when
//!   either is precision 3, they lie in the same first-level division;
//! - their date ranges overlap;
//! - their actors do not conflict: when both name an `actor1` the names
//!   agree (case and punctuation folded), and the same for `actor2`.
//!
//! A fused event is a connected component of the compatibility graph
//! (single linkage). Components do not depend on the order in which
//! articles were ingested, and neither does anything computed from them:
//! members are sorted by (article id, event id), the fused key is derived
//! from the smallest member, and every summary ([`summarize`]) is a function
//! of the member set. Only `updated_at` and the internal integer row ids
//! depend on the order.
//!
//! The update is incremental and exact: a new event can only join the
//! components of the events it is compatible with, so [`update`] looks up
//! its neighbours (R-tree and date index), merges their whole components
//! with it and rewrites just those fused events.
//!
//! Events without a location or a date are never merged: each is a fused
//! event of its own. Single linkage can chain two events whose actors
//! conflict through a third one; such a cluster reports an `actor`
//! contradiction.

use rusqlite::{params, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The fusion radius of an ACLED geo precision, in kilometres.
pub fn radius_km(precision: u8) -> f64 {
    match precision {
        0 | 1 => 10.0,
        2 => 25.0,
        _ => 100.0,
    }
}

/// Great-circle distance in kilometres between two (lat, lon) points.
pub fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}

/// A stored event, as fusion sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRec {
    /// Row id in `events`.
    pub id: i64,
    /// Content hash of its article.
    pub article: String,
    /// Its id within the article ("e1").
    pub event_id: String,
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// Canonical name of the acting side.
    pub actor1: Option<String>,
    /// Its kind (report actor kind), when the article lists it.
    pub actor1_kind: Option<String>,
    /// Canonical name of the side acted upon.
    pub actor2: Option<String>,
    /// Its kind.
    pub actor2_kind: Option<String>,
    /// Associated actors.
    pub assoc: Vec<String>,
    /// Location name.
    pub location: Option<String>,
    /// GeoNames id of the location.
    pub geonameid: Option<i64>,
    /// Latitude and longitude.
    pub point: Option<(f64, f64)>,
    /// ISO alpha-2 country.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// ACLED geo precision.
    pub geo_precision: Option<u8>,
    /// First and last possible day (`YYYY-MM-DD`).
    pub date: Option<(String, String)>,
    /// ACLED time precision.
    pub time_precision: Option<u8>,
    /// Deaths reported by this article for this event.
    pub fatalities: Option<u32>,
    /// occurred, attempted, planned or denied.
    pub status: String,
}

impl EventRec {
    /// "article/e1": the event's identity across the store.
    pub fn key(&self) -> String {
        format!("{}/{}", self.article, self.event_id)
    }
}

/// Columns read by [`EventRec::from_row`], prefixed by `e.`.
pub(crate) const EVENT_COLUMNS: &str = "e.id, e.article_id, e.event_id, e.event_type, \
    e.sub_event_type, e.actor1, e.actor1_kind, e.actor2, e.actor2_kind, e.assoc_actors, \
    e.location, e.geonameid, e.lat, e.lon, e.country, e.admin1, e.geo_precision, e.date_start, \
    e.date_end, e.time_precision, e.fatalities, e.status";

impl EventRec {
    pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<EventRec> {
        let assoc: String = r.get(9)?;
        let lat: Option<f64> = r.get(12)?;
        let lon: Option<f64> = r.get(13)?;
        let start: Option<String> = r.get(17)?;
        let end: Option<String> = r.get(18)?;
        Ok(EventRec {
            id: r.get(0)?,
            article: r.get(1)?,
            event_id: r.get(2)?,
            event_type: r.get(3)?,
            sub_event_type: r.get(4)?,
            actor1: r.get(5)?,
            actor1_kind: r.get(6)?,
            actor2: r.get(7)?,
            actor2_kind: r.get(8)?,
            assoc: serde_json::from_str(&assoc).unwrap_or_default(),
            location: r.get(10)?,
            geonameid: r.get(11)?,
            point: lat.zip(lon),
            country: r.get(14)?,
            admin1: r.get(15)?,
            geo_precision: r.get::<_, Option<i64>>(16)?.map(|p| p.clamp(1, 3) as u8),
            date: start.zip(end),
            time_precision: r.get::<_, Option<i64>>(19)?.map(|p| p.clamp(1, 3) as u8),
            fatalities: r
                .get::<_, Option<i64>>(20)?
                .and_then(|f| u32::try_from(f).ok()),
            status: r.get(21)?,
        })
    }
}

/// Case and punctuation folded name, for comparing actors.
pub fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn same_actor(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => fold(a) == fold(b),
        _ => true,
    }
}

/// Whether two events may report the same occurrence (see the module
/// docs).
pub fn compatible(a: &EventRec, b: &EventRec) -> bool {
    if a.event_type != b.event_type {
        return false;
    }
    let (Some(pa), Some(pb)) = (a.point, b.point) else {
        return false;
    };
    let (Some(da), Some(db)) = (&a.date, &b.date) else {
        return false;
    };
    if !(da.0 <= db.1 && db.0 <= da.1) {
        return false;
    }
    if !same_actor(&a.actor1, &b.actor1) || !same_actor(&a.actor2, &b.actor2) {
        return false;
    }
    let precision = a
        .geo_precision
        .unwrap_or(1)
        .max(b.geo_precision.unwrap_or(1));
    let same_area = precision >= 3
        && a.country.is_some()
        && a.country == b.country
        && a.admin1.is_some()
        && a.admin1 == b.admin1;
    same_area || km(pa, pb) <= radius_km(precision)
}

/// A claim linked to a member event, as summaries see it.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedClaim {
    /// Row id of the member event.
    pub event: i64,
    /// Who asserts it (`None`: the article itself).
    pub claimant: Option<String>,
    /// Channels, innermost first.
    pub via: Vec<String>,
    /// asserts or denies.
    pub stance: String,
}

/// A disagreement between the members of a fused event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// fatalities, outcome, actor, location or date.
    pub about: String,
    /// One line saying who says what.
    pub note: String,
    /// Keys of the member events concerned.
    pub events: Vec<String>,
}

/// What a fused event says, computed from its members.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Stable key ("F" + 12 hex digits), from the smallest member key.
    pub key: String,
    /// The representative event: its fields, with the fused values below.
    pub event: EventRec,
    /// Distinct source articles.
    pub sources: usize,
    /// Source articles that report it as having occurred or been attempted,
    /// with no linked claim denying it.
    pub agree: usize,
    /// Disagreements between sources.
    pub disagreements: Vec<Disagreement>,
}

/// The fused key of a set of member keys.
pub fn fused_key<'a>(keys: impl IntoIterator<Item = &'a str>) -> String {
    let min = keys.into_iter().min().unwrap_or("");
    let digest = Sha256::digest(min.as_bytes());
    let mut s = String::from("F");
    for b in &digest[..6] {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

fn mode<'a>(values: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    // Highest count; ties go to the alphabetically first (BTreeMap order).
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v)
}

fn short(article: &str) -> &str {
    article.get(..10).unwrap_or(article)
}

/// Summarises a non-empty set of member events (any order) with the claims
/// linked to them. `None` for an empty set.
pub fn summarize(members: &[EventRec], claims: &[LinkedClaim]) -> Option<Summary> {
    let mut m: Vec<&EventRec> = members.iter().collect();
    m.sort_by_key(|e| e.key());
    let first = *m.first()?;
    let key = fused_key(
        m.iter()
            .map(|e| e.key())
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    );
    let mut ev = first.clone();
    ev.sub_event_type = mode(m.iter().map(|e| e.sub_event_type.as_str()))
        .unwrap_or(&first.sub_event_type)
        .to_string();
    for side in [1, 2] {
        let get = |e: &EventRec| {
            if side == 1 {
                e.actor1.clone()
            } else {
                e.actor2.clone()
            }
        };
        let names: Vec<String> = m.iter().filter_map(|e| get(e)).collect();
        let best = mode(names.iter().map(String::as_str)).map(str::to_string);
        let kind = best.as_ref().and_then(|b| {
            m.iter()
                .filter(|e| get(e).as_deref() == Some(b.as_str()))
                .find_map(|e| {
                    if side == 1 {
                        e.actor1_kind.clone()
                    } else {
                        e.actor2_kind.clone()
                    }
                })
        });
        if side == 1 {
            (ev.actor1, ev.actor1_kind) = (best, kind);
        } else {
            (ev.actor2, ev.actor2_kind) = (best, kind);
        }
    }
    let assoc: BTreeSet<&str> = m
        .iter()
        .flat_map(|e| e.assoc.iter().map(String::as_str))
        .collect();
    ev.assoc = assoc.into_iter().map(str::to_string).collect();
    // Location: the most precise member's (ties: smallest key).
    if let Some(best) = m
        .iter()
        .filter(|e| e.point.is_some() || e.location.is_some())
        .min_by_key(|e| e.geo_precision.unwrap_or(3))
    {
        ev.location = best.location.clone();
        ev.geonameid = best.geonameid;
        ev.point = best.point;
        ev.country = best.country.clone();
        ev.admin1 = best.admin1.clone();
        ev.geo_precision = best.geo_precision;
    }
    // Date: the intersection of the ranges when they have one, else the
    // most precise member's range.
    let dated: Vec<&&EventRec> = m.iter().filter(|e| e.date.is_some()).collect();
    if !dated.is_empty() {
        let start = dated
            .iter()
            .filter_map(|e| e.date.as_ref().map(|d| d.0.clone()))
            .max();
        let end = dated
            .iter()
            .filter_map(|e| e.date.as_ref().map(|d| d.1.clone()))
            .min();
        let min_prec = dated
            .iter()
            .filter_map(|e| e.time_precision)
            .min()
            .unwrap_or(3);
        match start.zip(end) {
            Some((s, e)) if s <= e => {
                ev.time_precision = Some(if s == e { 1 } else { min_prec.max(2) });
                ev.date = Some((s, e));
            }
            _ => {
                if let Some(best) = dated.iter().min_by_key(|e| e.time_precision.unwrap_or(3)) {
                    ev.date = best.date.clone();
                    ev.time_precision = best.time_precision;
                }
            }
        }
    }
    // Fatalities: the lowest figure any source gives (GUIDELINES §5.7).
    ev.fatalities = m.iter().filter_map(|e| e.fatalities).min();
    let statuses: BTreeSet<&str> = m.iter().map(|e| e.status.as_str()).collect();
    ev.status = ["occurred", "attempted", "denied", "planned"]
        .into_iter()
        .find(|s| statuses.contains(s))
        .unwrap_or("occurred")
        .to_string();
    let denied_by: BTreeMap<i64, Vec<String>> = claims
        .iter()
        .filter(|c| c.stance == "denies")
        .fold(BTreeMap::new(), |mut acc, c| {
            acc.entry(c.event)
                .or_insert_with(Vec::new)
                .push(c.claimant.clone().unwrap_or_else(|| "the article".into()));
            acc
        });
    let articles: BTreeSet<&str> = m.iter().map(|e| e.article.as_str()).collect();
    let agreeing: BTreeSet<&str> = m
        .iter()
        .filter(|e| {
            matches!(e.status.as_str(), "occurred" | "attempted") && !denied_by.contains_key(&e.id)
        })
        .map(|e| e.article.as_str())
        .collect();
    let mut disagreements = Vec::new();
    // Fatalities: different figures from different articles.
    let mut figures: BTreeMap<u32, Vec<&EventRec>> = BTreeMap::new();
    for e in &m {
        if let Some(f) = e.fatalities {
            figures.entry(f).or_default().push(e);
        }
    }
    let figure_articles: BTreeSet<&str> = figures
        .values()
        .flatten()
        .map(|e| e.article.as_str())
        .collect();
    if figures.len() > 1 && figure_articles.len() > 1 {
        let parts: Vec<String> = figures
            .iter()
            .map(|(f, es)| {
                let arts: BTreeSet<&str> = es.iter().map(|e| short(&e.article)).collect();
                format!("{f} ({})", arts.into_iter().collect::<Vec<_>>().join(", "))
            })
            .collect();
        disagreements.push(Disagreement {
            about: "fatalities".into(),
            note: format!(
                "sources give different death tolls: {}; the lowest, {}, is kept",
                parts.join(" vs "),
                figures.keys().next().copied().unwrap_or(0)
            ),
            events: figures
                .values()
                .flatten()
                .map(|e| e.key())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        });
    }
    // Outcome: occurred vs denied (status or a denying claim) or attempted.
    let denied: Vec<&EventRec> = m
        .iter()
        .copied()
        .filter(|e| e.status == "denied" || denied_by.contains_key(&e.id))
        .collect();
    let happened: Vec<&EventRec> = m
        .iter()
        .copied()
        .filter(|e| {
            matches!(e.status.as_str(), "occurred" | "attempted") && !denied_by.contains_key(&e.id)
        })
        .collect();
    if !denied.is_empty() && !happened.is_empty() {
        let who: BTreeSet<String> = denied
            .iter()
            .flat_map(|e| {
                denied_by
                    .get(&e.id)
                    .cloned()
                    .unwrap_or_else(|| vec![format!("article {}", short(&e.article))])
            })
            .collect();
        disagreements.push(Disagreement {
            about: "outcome".into(),
            note: format!(
                "reported as having happened by {} source(s), denied by {}",
                happened
                    .iter()
                    .map(|e| e.article.as_str())
                    .collect::<BTreeSet<_>>()
                    .len(),
                who.into_iter().collect::<Vec<_>>().join(", ")
            ),
            events: denied
                .iter()
                .chain(happened.iter())
                .map(|e| e.key())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        });
    } else if statuses.contains("occurred") && statuses.contains("attempted") {
        disagreements.push(Disagreement {
            about: "outcome".into(),
            note: "some sources report it as carried out, others as attempted or repelled".into(),
            events: m
                .iter()
                .filter(|e| e.status == "occurred" || e.status == "attempted")
                .map(|e| e.key())
                .collect(),
        });
    }
    // Actors: different names on one side (possible through chaining).
    for (side, get) in [
        (
            "actor1",
            (|e: &EventRec| e.actor1.clone()) as fn(&EventRec) -> Option<String>,
        ),
        ("actor2", |e: &EventRec| e.actor2.clone()),
    ] {
        let names: BTreeSet<String> = m.iter().filter_map(|e| get(e)).collect();
        let folded: BTreeSet<String> = names.iter().map(|n| fold(n)).collect();
        if folded.len() > 1 {
            disagreements.push(Disagreement {
                about: "actor".into(),
                note: format!(
                    "sources name different {side}: {}",
                    names.into_iter().collect::<Vec<_>>().join(" vs ")
                ),
                events: m
                    .iter()
                    .filter(|e| get(e).is_some())
                    .map(|e| e.key())
                    .collect(),
            });
        }
    }
    Some(Summary {
        key,
        event: ev,
        sources: articles.len(),
        agree: agreeing.len(),
        disagreements,
    })
}

/// Union-find over event row ids.
#[derive(Default)]
struct Components {
    parent: HashMap<i64, i64>,
}

impl Components {
    fn find(&mut self, x: i64) -> i64 {
        let mut root = *self.parent.entry(x).or_insert(x);
        while let Some(&p) = self.parent.get(&root) {
            if p == root {
                break;
            }
            root = p;
        }
        // Path compression, iteratively (no recursion on long chains).
        let mut at = x;
        while at != root {
            let next = self.parent.get(&at).copied().unwrap_or(root);
            self.parent.insert(at, root);
            at = next;
        }
        root
    }

    fn union(&mut self, a: i64, b: i64) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller id becomes the root: no dependence on call order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent.insert(hi, lo);
        }
    }
}

fn load_events(
    conn: &Connection,
    where_sql: &str,
    p: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<Vec<EventRec>> {
    let sql = if where_sql.starts_with("FROM") {
        format!("SELECT {EVENT_COLUMNS} {where_sql}")
    } else {
        format!("SELECT {EVENT_COLUMNS} FROM events e {where_sql}")
    };
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(p, EventRec::from_row)?;
    rows.collect()
}

/// Events in a space-time box; the R-tree drives the query (CROSS JOIN
/// fixes the join order, unary `+` keeps the type index out).
const NEAR_SQL: &str = "FROM events_rtree r CROSS JOIN events e ON e.id = r.id
     WHERE r.min_lat <= ?1 AND r.max_lat >= ?2 AND r.min_lon <= ?3 AND r.max_lon >= ?4
       AND r.min_day <= ?5 AND r.max_day >= ?6 AND +e.event_type = ?7 AND e.id != ?8
     ORDER BY e.id LIMIT 256";

/// Events of a division, any precision, with overlapping dates.
const AREA_ANY_SQL: &str = "FROM events e INDEXED BY events_area WHERE e.event_type = ?1 AND e.country = ?2 AND e.admin1 = ?3
       AND e.date_end >= ?4 AND e.date_start <= ?5 AND e.id != ?6 AND e.lat IS NOT NULL
     ORDER BY e.id LIMIT 256";

/// Events of a division at admin-area precision, with overlapping dates.
const AREA_P3_SQL: &str = "FROM events e INDEXED BY events_area WHERE e.event_type = ?1 AND e.country = ?2 AND e.admin1 = ?3
       AND e.geo_precision = 3 AND e.date_end >= ?4 AND e.date_start <= ?5 AND e.id != ?6
       AND e.lat IS NOT NULL ORDER BY e.id LIMIT 256";

/// Stored events that may be compatible with `e` (same type, overlapping
/// dates, near enough or in the same division): at most the 256 earliest
/// stored candidates of each look-up, so that a story reported thousands of
/// times costs a bounded amount per new report. Beyond that many, a new
/// report fuses through the earliest-stored reports of the story.
fn neighbours(conn: &Connection, e: &EventRec) -> rusqlite::Result<Vec<EventRec>> {
    let (Some((lat, lon)), Some((start, end))) = (e.point, &e.date) else {
        return Ok(Vec::new());
    };
    let Some((from, to)) = crate::write::day_range(start, end) else {
        return Ok(Vec::new());
    };
    let reach = radius_km(3);
    let dlat = reach / 110.0;
    let dlon = (reach / (111.32 * lat.to_radians().cos().max(0.01))).min(360.0);
    let mut out = load_events(
        conn,
        NEAR_SQL,
        &[
            &(lat + dlat),
            &(lat - dlat),
            &(lon + dlon),
            &(lon - dlon),
            &to,
            &from,
            &e.event_type,
            &e.id,
        ],
    )?;
    // Same division, farther than the radius: only when one of the two is
    // at admin-area precision.
    if e.country.is_some() && e.admin1.is_some() {
        let sql = if e.geo_precision == Some(3) {
            AREA_ANY_SQL
        } else {
            AREA_P3_SQL
        };
        let more = load_events(
            conn,
            sql,
            &[&e.event_type, &e.country, &e.admin1, start, end, &e.id],
        )?;
        out.extend(more);
    }
    out.retain(|o| compatible(e, o));
    out.sort_by_key(|o| o.id);
    out.dedup_by_key(|o| o.id);
    Ok(out)
}

fn fused_of(conn: &Connection, event: i64) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT fused FROM fused_members WHERE event = ?1",
        [event],
        |r| r.get(0),
    )
    .optional()
}

fn linked_claims(conn: &Connection, event: i64) -> rusqlite::Result<Vec<LinkedClaim>> {
    let mut st = conn.prepare_cached(
        "SELECT ec.event, c.claimant, c.via, c.stance FROM event_claims ec
         JOIN claims c ON c.id = ec.claim WHERE ec.event = ?1",
    )?;
    let rows = st.query_map([event], |r| {
        let via: String = r.get(2)?;
        Ok(LinkedClaim {
            event: r.get(0)?,
            claimant: r.get(1)?,
            via: serde_json::from_str(&via).unwrap_or_default(),
            stance: r.get(3)?,
        })
    })?;
    rows.collect()
}

/// Fuses newly stored events (row ids) with what is stored: merges them
/// with the components of their compatible neighbours and rewrites those
/// fused events. Returns how many fused events were written.
pub fn update(conn: &Connection, new_events: &[i64]) -> rusqlite::Result<usize> {
    if new_events.is_empty() {
        return Ok(0);
    }
    let mut comps = Components::default();
    let mut old_fused: BTreeSet<i64> = BTreeSet::new();
    let mut recs: HashMap<i64, EventRec> = HashMap::new();
    for &id in new_events {
        let Some(e) = load_events(conn, "WHERE e.id = ?1", &[&id])?.pop() else {
            continue;
        };
        comps.find(id);
        for n in neighbours(conn, &e)? {
            comps.union(id, n.id);
            if let std::collections::hash_map::Entry::Vacant(v) = recs.entry(n.id) {
                if let Some(f) = fused_of(conn, n.id)? {
                    old_fused.insert(f);
                }
                v.insert(n);
            }
        }
        recs.insert(id, e);
    }
    // Whole old components join the ones their members were linked to.
    for &f in &old_fused {
        let members = load_events(
            conn,
            "WHERE e.id IN (SELECT event FROM fused_members WHERE fused = ?1)",
            &[&f],
        )?;
        if let Some(first) = members.first().map(|e| e.id) {
            for e in members {
                comps.union(first, e.id);
                recs.entry(e.id).or_insert(e);
            }
        }
    }
    let mut groups: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let ids: Vec<i64> = recs.keys().copied().collect();
    for id in ids {
        let root = comps.find(id);
        groups.entry(root).or_default().push(id);
    }
    for f in &old_fused {
        conn.execute("DELETE FROM fused_rtree WHERE id = ?1", [f])?;
        conn.execute("DELETE FROM fused_events WHERE id = ?1", [f])?;
    }
    let now = crate::write::now();
    let mut written = 0;
    for members in groups.values() {
        let evs: Vec<EventRec> = members
            .iter()
            .filter_map(|id| recs.get(id).cloned())
            .collect();
        let mut claims = Vec::new();
        for id in members {
            claims.extend(linked_claims(conn, *id)?);
        }
        let Some(s) = summarize(&evs, &claims) else {
            continue;
        };
        write_fused(conn, &s, members, &now)?;
        written += 1;
    }
    Ok(written)
}

fn write_fused(conn: &Connection, s: &Summary, members: &[i64], now: &str) -> rusqlite::Result<()> {
    let e = &s.event;
    conn.execute(
        "INSERT INTO fused_events(key, event_type, sub_event_type, actor1, actor1_kind, actor2,
             actor2_kind, assoc_actors, location, geonameid, lat, lon, country, admin1,
             geo_precision, date_start, date_end, time_precision, fatalities, status, sources,
             agree, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23)",
        params![
            s.key,
            e.event_type,
            e.sub_event_type,
            e.actor1,
            e.actor1_kind,
            e.actor2,
            e.actor2_kind,
            serde_json::to_string(&e.assoc).unwrap_or_else(|_| "[]".into()),
            e.location,
            e.geonameid,
            e.point.map(|p| p.0),
            e.point.map(|p| p.1),
            e.country,
            e.admin1,
            e.geo_precision,
            e.date.as_ref().map(|d| d.0.clone()),
            e.date.as_ref().map(|d| d.1.clone()),
            e.time_precision,
            e.fatalities,
            e.status,
            s.sources as i64,
            s.agree as i64,
            now
        ],
    )?;
    let fid = conn.last_insert_rowid();
    if let Some((lat, lon)) = e.point {
        // Undated events span the whole time axis: area queries find them,
        // date filters (on the columns) drop them.
        let (from, to) = e
            .date
            .as_ref()
            .and_then(|d| crate::write::day_range(&d.0, &d.1))
            .unwrap_or((-1_000_000, 1_000_000));
        conn.execute(
            "INSERT INTO fused_rtree(id, min_lat, max_lat, min_lon, max_lon, min_day, max_day)
             VALUES (?1, ?2, ?2, ?3, ?3, ?4, ?5)",
            params![fid, lat, lon, from, to],
        )?;
    }
    let mut st = conn.prepare_cached("INSERT INTO fused_members(fused, event) VALUES (?1, ?2)")?;
    for m in members {
        st.execute(params![fid, m])?;
    }
    let mut st = conn.prepare_cached(
        "INSERT INTO contradictions(fused, about, note, events) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for d in &s.disagreements {
        st.execute(params![
            fid,
            d.about,
            d.note,
            serde_json::to_string(&d.events).unwrap_or_else(|_| "[]".into())
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(
        id: i64,
        article: &str,
        lat: f64,
        lon: f64,
        day: (&str, &str),
        precision: u8,
    ) -> EventRec {
        EventRec {
            id,
            article: article.into(),
            event_id: "e1".into(),
            event_type: "Battles".into(),
            sub_event_type: "Armed clash".into(),
            actor1: Some("Military Forces of Russia".into()),
            actor1_kind: Some("state_forces".into()),
            actor2: None,
            actor2_kind: None,
            assoc: Vec::new(),
            location: Some("X".into()),
            geonameid: None,
            point: Some((lat, lon)),
            country: Some("UA".into()),
            admin1: Some("Kharkiv Oblast".into()),
            geo_precision: Some(precision),
            date: Some((day.0.into(), day.1.into())),
            time_precision: Some(1),
            fatalities: None,
            status: "occurred".into(),
        }
    }

    /// The fusion look-ups must use the R-tree and the area index, never a
    /// scan of every event of a type (ingest would be quadratic).
    #[test]
    fn lookups_use_their_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Store::open(dir.path().join("p.db")).unwrap();
        let plan = |where_sql: &str| -> String {
            let sql = if where_sql.starts_with("FROM") {
                format!("EXPLAIN QUERY PLAN SELECT {EVENT_COLUMNS} {where_sql}")
            } else {
                format!("EXPLAIN QUERY PLAN SELECT {EVENT_COLUMNS} FROM events e {where_sql}")
            };
            let conn = store.connection();
            let mut st = conn.prepare(&sql).unwrap();
            let n = st.parameter_count();
            let params: Vec<i64> = vec![0; n];
            let rows = st
                .query_map(rusqlite::params_from_iter(params), |r| {
                    r.get::<_, String>(3)
                })
                .unwrap();
            rows.map(|r| r.unwrap()).collect::<Vec<_>>().join(" | ")
        };
        let near = plan(NEAR_SQL);
        assert!(near.starts_with("SCAN r VIRTUAL TABLE"), "{near}");
        assert!(near.contains("INTEGER PRIMARY KEY"), "{near}");
        for sql in [AREA_ANY_SQL, AREA_P3_SQL] {
            let p = plan(sql);
            assert!(p.contains("USING INDEX events_area"), "{p}");
        }
    }

    #[test]
    fn components_merge_long_chains() {
        let mut c = Components::default();
        // Descending unions build a 200,000-long parent chain.
        for i in (1..200_000).rev() {
            c.union(i + 1, i);
        }
        assert_eq!(c.find(200_000), 1);
        c.union(500_000, 7);
        assert_eq!(c.find(500_000), 1);
        assert_eq!(c.find(42), 1);
        assert_eq!(c.find(-5), -5);
    }

    #[test]
    fn distances_are_great_circle_kilometres() {
        // One degree of latitude is about 111 km anywhere.
        assert!((km((50.0, 36.0), (51.0, 36.0)) - 111.2).abs() < 0.5);
        assert!(km((50.0, 36.0), (50.0, 36.0)) < 1e-9);
    }

    #[test]
    fn radius_follows_the_coarser_precision() {
        let a = ev(1, "a", 50.0, 36.0, ("2024-03-01", "2024-03-01"), 1);
        // About 15 km north.
        let b = ev(2, "b", 50.135, 36.0, ("2024-03-01", "2024-03-01"), 1);
        assert!(!compatible(&a, &b));
        let b2 = EventRec {
            geo_precision: Some(2),
            ..b.clone()
        };
        assert!(compatible(&a, &b2));
        assert!(compatible(&b2, &a), "symmetric");
        // 300 km away but in the same oblast at admin-area precision.
        let far = EventRec {
            geo_precision: Some(3),
            ..ev(3, "c", 52.7, 36.0, ("2024-03-01", "2024-03-01"), 3)
        };
        assert!(compatible(&a, &far));
        let other_area = EventRec {
            admin1: Some("Sumy Oblast".into()),
            ..far
        };
        assert!(!compatible(&a, &other_area));
    }

    #[test]
    fn dates_types_and_actors_must_agree() {
        let a = ev(1, "a", 50.0, 36.0, ("2024-03-01", "2024-03-03"), 1);
        let b = ev(2, "b", 50.01, 36.0, ("2024-03-03", "2024-03-04"), 1);
        assert!(compatible(&a, &b));
        let later = ev(2, "b", 50.01, 36.0, ("2024-03-04", "2024-03-04"), 1);
        assert!(!compatible(&a, &later));
        let other_type = EventRec {
            event_type: "Riots".into(),
            ..b.clone()
        };
        assert!(!compatible(&a, &other_type));
        let other_actor = EventRec {
            actor1: Some("Military Forces of Ukraine".into()),
            ..b.clone()
        };
        assert!(!compatible(&a, &other_actor));
        let same_folded = EventRec {
            actor1: Some("military forces of  RUSSIA".into()),
            ..b.clone()
        };
        assert!(compatible(&a, &same_folded));
        let unnamed = EventRec {
            actor1: None,
            ..b.clone()
        };
        assert!(compatible(&a, &unnamed));
        let nowhere = EventRec { point: None, ..b };
        assert!(!compatible(&a, &nowhere));
    }

    #[test]
    fn summary_keeps_the_lowest_figure_and_reports_disagreement() {
        let mut a = ev(1, "aaaa", 50.0, 36.0, ("2024-03-01", "2024-03-03"), 2);
        a.fatalities = Some(17);
        let mut b = ev(2, "bbbb", 50.01, 36.0, ("2024-03-02", "2024-03-02"), 1);
        b.fatalities = Some(42);
        let c = ev(3, "cccc", 50.02, 36.0, ("2024-03-01", "2024-03-02"), 1);
        let s = summarize(&[b.clone(), c.clone(), a.clone()], &[]).unwrap();
        assert_eq!(s.event.fatalities, Some(17));
        assert_eq!(s.sources, 3);
        assert_eq!(s.agree, 3);
        assert_eq!(
            s.event.date,
            Some(("2024-03-02".into(), "2024-03-02".into()))
        );
        assert_eq!(s.event.time_precision, Some(1));
        assert_eq!(s.event.geo_precision, Some(1));
        assert_eq!(s.disagreements.len(), 1);
        assert_eq!(s.disagreements[0].about, "fatalities");
        assert!(
            s.disagreements[0].note.contains("17"),
            "{}",
            s.disagreements[0].note
        );
        // The same members in another order give the same summary.
        let again = summarize(&[c, a, b], &[]).unwrap();
        assert_eq!(s, again);
        assert!(s.key.starts_with('F') && s.key.len() == 13);
    }

    #[test]
    fn a_denial_is_an_outcome_contradiction() {
        let a = ev(1, "a", 50.0, 36.0, ("2024-03-01", "2024-03-01"), 1);
        let b = ev(2, "b", 50.0, 36.0, ("2024-03-01", "2024-03-01"), 1);
        let deny = LinkedClaim {
            event: 2,
            claimant: Some("RSF".into()),
            via: vec![],
            stance: "denies".into(),
        };
        let s = summarize(&[a, b], &[deny]).unwrap();
        assert_eq!(s.agree, 1);
        assert_eq!(s.sources, 2);
        let outcome: Vec<_> = s
            .disagreements
            .iter()
            .filter(|d| d.about == "outcome")
            .collect();
        assert_eq!(outcome.len(), 1);
        assert!(outcome[0].note.contains("RSF"));
        assert!(summarize(&[], &[]).is_none());
    }
}
