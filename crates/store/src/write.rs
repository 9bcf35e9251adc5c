//! Writing: whole articles per transaction, then fusion in that transaction.

use crate::{fuse, Store, StoreError};
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};
use sitrep_extract::report::{ActorKind, Feature, Report, Stance, Status};
use std::collections::{HashMap, HashSet};

/// The content hash of an article's bytes: the report's `article.id`.
pub fn content_id(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// What a batch insert did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Inserted {
    /// Articles stored.
    pub stored: usize,
    /// Articles skipped because one with the same content hash was stored.
    pub duplicates: usize,
    /// Events stored.
    pub events: usize,
    /// Fused events written (new or updated).
    pub fused: usize,
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the R-trees' time axis).
pub fn day_number(date: &str) -> Option<i64> {
    let d: jiff::civil::Date = date.parse().ok()?;
    jiff::civil::date(1970, 1, 1)
        .until(d)
        .ok()
        .map(|span| i64::from(span.get_days()))
}

/// The R-tree day range of a date range (ordered), when both ends parse.
pub(crate) fn day_range(start: &str, end: &str) -> Option<(i64, i64)> {
    let (a, b) = (day_number(start)?, day_number(end)?);
    Some((a.min(b), a.max(b)))
}

pub(crate) fn now() -> String {
    jiff::Timestamp::now().to_string()
}

pub(crate) fn feature_name(f: Feature) -> &'static str {
    match f {
        Feature::Country => "country",
        Feature::Admin1 => "admin1",
        Feature::Admin2 => "admin2",
        Feature::PopulatedPlace => "populated_place",
        Feature::Region => "region",
        Feature::Other => "other",
    }
}

pub(crate) fn kind_name(k: ActorKind) -> &'static str {
    match k {
        ActorKind::StateForces => "state_forces",
        ActorKind::RebelGroup => "rebel_group",
        ActorKind::Militia => "militia",
        ActorKind::Government => "government",
        ActorKind::Agency => "agency",
        ActorKind::Political => "political",
        ActorKind::Civilians => "civilians",
        ActorKind::Media => "media",
        ActorKind::Person => "person",
        ActorKind::Other => "other",
    }
}

pub(crate) fn status_name(s: Status) -> &'static str {
    match s {
        Status::Occurred => "occurred",
        Status::Attempted => "attempted",
        Status::Planned => "planned",
        Status::Denied => "denied",
    }
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
}

impl Store {
    /// Ids (content hashes) of every stored article.
    pub fn article_ids(&self) -> Result<HashSet<String>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT id FROM articles")
            .map_err(self.sql_err())?;
        let rows = st
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(self.sql_err())?;
        rows.collect::<Result<_, _>>().map_err(self.sql_err())
    }

    /// Whether an article with this content hash is stored.
    pub fn has_article(&self, id: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(()))
            .optional()
            .map(|o| o.is_some())
            .map_err(self.sql_err())
    }

    /// Stores whole articles in one transaction, skipping those already
    /// stored, and updates the fusion of their events in the same
    /// transaction. Either all of the batch is stored or none of it.
    pub fn insert_batch(&mut self, reports: &[Report]) -> Result<Inserted, StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        let mut done = Inserted::default();
        let mut new_events = Vec::new();
        for report in reports {
            let exists = tx
                .query_row(
                    "SELECT 1 FROM articles WHERE id = ?1",
                    [&report.article.id],
                    |_| Ok(()),
                )
                .optional()
                .map_err(err)?
                .is_some();
            if exists {
                done.duplicates += 1;
                continue;
            }
            let ids = insert_article(&tx, report).map_err(err)?;
            done.stored += 1;
            done.events += ids.len();
            new_events.extend(ids);
            if let Some(p) = &report.article.path {
                tx.execute("DELETE FROM failures WHERE path = ?1", [p])
                    .map_err(err)?;
            }
        }
        done.fused = fuse::update(&tx, &new_events).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(done)
    }

    /// Records that an input could not be stored (the latest reason per
    /// path is kept).
    pub fn record_failure(&self, path: &str, reason: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO failures(path, reason, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, at = excluded.at",
                params![path, reason, now()],
            )
            .map(|_| ())
            .map_err(self.sql_err())
    }
}

/// Inserts one article and everything its report holds; returns the ids of
/// its events.
fn insert_article(tx: &Transaction<'_>, report: &Report) -> rusqlite::Result<Vec<i64>> {
    let a = &report.article;
    // The text is kept in its own column; the stored report has every other
    // field, whatever the report grows to hold.
    let mut stripped = report.clone();
    stripped.article.text = None;
    tx.execute(
        "INSERT INTO articles(id, path, title, published, byline, outlet, language, encoding,
                              text, report, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            a.id,
            a.path,
            a.title,
            a.published,
            a.byline,
            a.outlet,
            a.language,
            a.encoding,
            a.text,
            json(&stripped),
            now()
        ],
    )?;
    let rowid = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO articles_fts(rowid, title, text) VALUES (?1, ?2, ?3)",
        params![
            rowid,
            a.title.as_deref().unwrap_or(""),
            a.text.as_deref().unwrap_or("")
        ],
    )?;
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO places(article_id, ord, start, \"end\", text, name, geonameid, lat, lon,
                                country, admin1, feature)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (i, p) in report.places.iter().enumerate() {
            st.execute(params![
                a.id,
                i as i64,
                p.start as i64,
                p.end as i64,
                p.text,
                p.name,
                p.geonameid.map(|g| g as i64),
                p.lat,
                p.lon,
                p.country,
                p.admin1,
                feature_name(p.feature)
            ])?;
        }
    }
    let mut kinds: HashMap<&str, &'static str> = HashMap::new();
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO actors(article_id, ord, start, \"end\", text, name, kind, country)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, x) in report.actors.iter().enumerate() {
            kinds.entry(x.name.as_str()).or_insert(kind_name(x.kind));
            st.execute(params![
                a.id,
                i as i64,
                x.start as i64,
                x.end as i64,
                x.text,
                x.name,
                kind_name(x.kind),
                x.country
            ])?;
        }
    }
    let mut event_rows: HashMap<&str, i64> = HashMap::new();
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO events(article_id, event_id, event_type, sub_event_type, actor1,
                 actor1_kind, actor2, actor2_kind, assoc_actors, location, geonameid, lat, lon,
                 country, admin1, geo_precision, date_start, date_end, time_precision,
                 fatalities, status, trigger, evidence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
        )?;
        let mut rt = tx.prepare_cached(
            "INSERT INTO events_rtree(id, min_lat, max_lat, min_lon, max_lon, min_day, max_day)
             VALUES (?1, ?2, ?2, ?3, ?3, ?4, ?5)",
        )?;
        for e in &report.events {
            if event_rows.contains_key(e.id.as_str()) {
                continue; // a repeated id within one report: keep the first
            }
            let name =
                |r: &Option<sitrep_extract::report::ActorRef>| r.as_ref().map(|r| r.name.clone());
            let kind = |r: &Option<sitrep_extract::report::ActorRef>| {
                r.as_ref().and_then(|r| kinds.get(r.name.as_str()).copied())
            };
            let assoc: Vec<&str> = e.assoc_actors.iter().map(|r| r.name.as_str()).collect();
            let l = e.location.as_ref();
            let d = e.date.as_ref();
            let point = l.filter(|l| valid_point(l.lat, l.lon));
            st.execute(params![
                a.id,
                e.id,
                e.event_type,
                e.sub_event_type,
                name(&e.actor1),
                kind(&e.actor1),
                name(&e.actor2),
                kind(&e.actor2),
                json(&assoc),
                l.map(|l| l.name.clone()),
                l.and_then(|l| l.geonameid).map(|g| g as i64),
                point.map(|l| l.lat),
                point.map(|l| l.lon),
                l.and_then(|l| l.country.clone()),
                l.and_then(|l| l.admin1.clone()),
                l.map(|l| i64::from(l.precision.clamp(1, 3))),
                d.map(|d| d.start.clone()),
                d.map(|d| d.end.clone()),
                d.map(|d| i64::from(d.precision.clamp(1, 3))),
                e.fatalities.map(i64::from),
                status_name(e.status),
                e.trigger.text,
                e.evidence.text
            ])?;
            let id = tx.last_insert_rowid();
            let days = d.and_then(|d| day_range(&d.start, &d.end));
            if let (Some(l), Some((from, to))) = (point, days) {
                rt.execute(params![id, l.lat, l.lon, from, to])?;
            }
            event_rows.insert(e.id.as_str(), id);
        }
    }
    let mut claim_rows: HashMap<&str, i64> = HashMap::new();
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO claims(article_id, claim_id, claimant, via, cue, stance, hedged, start,
                                \"end\", text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for c in &report.claims {
            if claim_rows.contains_key(c.id.as_str()) {
                continue;
            }
            let via: Vec<&str> = c.via.iter().map(|v| v.name.as_str()).collect();
            st.execute(params![
                a.id,
                c.id,
                c.claimant.as_ref().map(|p| p.name.clone()),
                json(&via),
                c.cue,
                match c.stance {
                    Stance::Asserts => "asserts",
                    Stance::Denies => "denies",
                },
                c.hedged,
                c.start as i64,
                c.end as i64,
                c.text
            ])?;
            claim_rows.insert(c.id.as_str(), tx.last_insert_rowid());
        }
    }
    {
        let mut st =
            tx.prepare_cached("INSERT OR IGNORE INTO event_claims(event, claim) VALUES (?1, ?2)")?;
        let mut link = |e: &str, c: &str| -> rusqlite::Result<()> {
            if let (Some(e), Some(c)) = (event_rows.get(e), claim_rows.get(c)) {
                st.execute(params![e, c])?;
            }
            Ok(())
        };
        for e in &report.events {
            for c in &e.claims {
                link(&e.id, c)?;
            }
        }
        for c in &report.claims {
            for e in &c.events {
                link(e, &c.id)?;
            }
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO article_contradictions(article_id, ord, about, note, events, claims)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (i, c) in report.contradictions.iter().enumerate() {
            st.execute(params![
                a.id,
                i as i64,
                c.about,
                c.note,
                json(&c.events),
                json(&c.claims)
            ])?;
        }
    }
    let mut ids: Vec<i64> = event_rows.into_values().collect();
    ids.sort_unstable();
    Ok(ids)
}

fn valid_point(lat: f64, lon: f64) -> bool {
    lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
}
