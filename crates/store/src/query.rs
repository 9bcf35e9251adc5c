//! Reading: fused events with filters, articles, claims, counts.

use crate::fuse::km;
use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension, Row, ToSql};
use serde::Serialize;

/// Which fused events to list. Every filter is optional; all given must
/// hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// Events whose date range ends on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Events whose date range starts on or before this day.
    pub until: Option<String>,
    /// ACLED event type or sub-event type (case-insensitive).
    pub event_type: Option<String>,
    /// Part of an actor name (actor1, actor2 or associated actor of any
    /// member event; case-insensitive for ASCII).
    pub actor: Option<String>,
    /// Within `radius_km` of this (lat, lon).
    pub near: Option<((f64, f64), f64)>,
    /// Events located in this country (ISO alpha-2, case-insensitive).
    pub country: Option<String>,
    /// An FTS5 query over the title and text of the source articles: only
    /// events at least one of whose sources matches.
    pub search: Option<String>,
    /// Skip this many matching events (pagination, with `limit`).
    pub offset: usize,
    /// At most this many events.
    pub limit: Option<usize>,
}

/// One page of fused events and how many match in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventPage {
    /// Events matching the filter, before `offset` and `limit`.
    pub total: usize,
    /// The page (without members).
    pub events: Vec<FusedEvent>,
}

/// All fused events at one moment ([`Store::event_snapshot`]).
#[derive(Debug, Clone, PartialEq)]
pub struct EventSnapshot {
    /// Every fused event in list order (undated last), without members,
    /// with its contradictions.
    pub events: Vec<FusedEvent>,
    /// For each event (same position), the `actor1`, `actor2` and
    /// `assoc_actors` (its JSON text) of its members: the texts the actor
    /// filter of [`EventFilter`] matches.
    pub actors: Vec<Vec<String>>,
}

/// A claim linked to a member event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimRow {
    /// Content hash of the article.
    pub article: String,
    /// Claim id within the article.
    pub claim_id: String,
    /// Who asserts it (null: the article itself).
    pub claimant: Option<String>,
    /// Channels it came through, innermost first.
    pub via: Vec<String>,
    /// The reporting cue.
    pub cue: String,
    /// asserts or denies.
    pub stance: String,
    /// Whether the article distances itself.
    pub hedged: bool,
    /// Byte offsets of the statement in the article text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The statement.
    pub text: String,
    /// The article's outlet, when known.
    pub outlet: Option<String>,
}

/// One article's event within a fused event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// Content hash of the article.
    pub article: String,
    /// Event id within the article.
    pub event_id: String,
    /// The article's path when ingested.
    pub path: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Sub-event type this article gives.
    pub sub_event_type: String,
    /// Deaths this article gives.
    pub fatalities: Option<u32>,
    /// Status this article gives.
    pub status: String,
    /// The sentence(s) the event was read from.
    pub evidence: String,
    /// Claims this article links to the event.
    pub claims: Vec<ClaimRow>,
}

/// A disagreement between sources of a fused event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContradictionRow {
    /// fatalities, outcome, actor, location or date.
    pub about: String,
    /// Who says what.
    pub note: String,
    /// Member event keys ("article/e1").
    pub events: Vec<String>,
}

/// A fused event: one occurrence, reported by one or more articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FusedEvent {
    /// Stable key ("F" + 12 hex digits).
    pub id: String,
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type (the most common among members).
    pub sub_event_type: String,
    /// The acting side.
    pub actor1: Option<String>,
    /// Its actor kind (report kinds).
    pub actor1_kind: Option<String>,
    /// The side acted upon.
    pub actor2: Option<String>,
    /// Its kind.
    pub actor2_kind: Option<String>,
    /// Associated actors.
    pub assoc_actors: Vec<String>,
    /// Location name.
    pub location: Option<String>,
    /// GeoNames id.
    pub geonameid: Option<i64>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// ISO alpha-2 country.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// ACLED geo precision.
    pub geo_precision: Option<u8>,
    /// First possible day.
    pub date_start: Option<String>,
    /// Last possible day.
    pub date_end: Option<String>,
    /// ACLED time precision.
    pub time_precision: Option<u8>,
    /// The lowest figure any source gives.
    pub fatalities: Option<u32>,
    /// occurred, attempted, denied or planned.
    pub status: String,
    /// Distinct source articles.
    pub sources: usize,
    /// Sources reporting it as having happened, undenied.
    pub agree: usize,
    /// When the fused event was last rewritten (RFC 3339).
    pub updated_at: String,
    /// Member events, by article.
    pub members: Vec<Member>,
    /// Disagreements between sources.
    pub contradictions: Vec<ContradictionRow>,
    #[serde(skip)]
    rowid: i64,
}

const FUSED_COLUMNS: &str =
    "f.id, f.key, f.event_type, f.sub_event_type, f.actor1, f.actor1_kind, \
    f.actor2, f.actor2_kind, f.assoc_actors, f.location, f.geonameid, f.lat, f.lon, f.country, \
    f.admin1, f.geo_precision, f.date_start, f.date_end, f.time_precision, f.fatalities, f.status, \
    f.sources, f.agree, f.updated_at";

fn fused_from_row(r: &Row<'_>) -> rusqlite::Result<FusedEvent> {
    let assoc: String = r.get(8)?;
    Ok(FusedEvent {
        rowid: r.get(0)?,
        id: r.get(1)?,
        event_type: r.get(2)?,
        sub_event_type: r.get(3)?,
        actor1: r.get(4)?,
        actor1_kind: r.get(5)?,
        actor2: r.get(6)?,
        actor2_kind: r.get(7)?,
        assoc_actors: serde_json::from_str(&assoc).unwrap_or_default(),
        location: r.get(9)?,
        geonameid: r.get(10)?,
        lat: r.get(11)?,
        lon: r.get(12)?,
        country: r.get(13)?,
        admin1: r.get(14)?,
        geo_precision: r.get::<_, Option<i64>>(15)?.map(|p| p.clamp(0, 9) as u8),
        date_start: r.get(16)?,
        date_end: r.get(17)?,
        time_precision: r.get::<_, Option<i64>>(18)?.map(|p| p.clamp(0, 9) as u8),
        fatalities: r
            .get::<_, Option<i64>>(19)?
            .and_then(|f| u32::try_from(f).ok()),
        status: r.get(20)?,
        sources: r.get::<_, i64>(21)?.max(0) as usize,
        agree: r.get::<_, i64>(22)?.max(0) as usize,
        updated_at: r.get(23)?,
        members: Vec::new(),
        contradictions: Vec::new(),
    })
}

fn claim_from_row(r: &Row<'_>) -> rusqlite::Result<ClaimRow> {
    let via: String = r.get(3)?;
    Ok(ClaimRow {
        article: r.get(0)?,
        claim_id: r.get(1)?,
        claimant: r.get(2)?,
        via: serde_json::from_str(&via).unwrap_or_default(),
        cue: r.get(4)?,
        stance: r.get(5)?,
        hedged: r.get(6)?,
        start: r.get::<_, i64>(7)?.max(0) as usize,
        end: r.get::<_, i64>(8)?.max(0) as usize,
        text: r.get(9)?,
        outlet: r.get(10)?,
    })
}

const CLAIM_COLUMNS: &str = "c.article_id, c.claim_id, c.claimant, c.via, c.cue, c.stance, \
    c.hedged, c.start, c.\"end\", c.text, a.outlet";

/// A stored article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRow {
    /// Content hash.
    pub id: String,
    /// Path when ingested.
    pub path: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Language code.
    pub language: String,
    /// Number of events.
    pub events: usize,
    /// Number of claims.
    pub claims: usize,
    /// When it was stored.
    pub ingested_at: String,
}

/// An actor name with how often the stored articles mention it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorCount {
    /// Canonical name.
    pub name: String,
    /// Actor kind (report kinds).
    pub kind: String,
    /// ISO alpha-2 country, when known.
    pub country: Option<String>,
    /// Mentions over all articles.
    pub mentions: usize,
    /// Articles mentioning it.
    pub articles: usize,
}

/// A resolved place with how often the stored articles mention it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceCount {
    /// Gazetteer name.
    pub name: String,
    /// GeoNames id, when it came from GeoNames.
    pub geonameid: Option<i64>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// ISO alpha-2 country.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// Feature class (report values).
    pub feature: String,
    /// Mentions over all articles.
    pub mentions: usize,
    /// Articles mentioning it.
    pub articles: usize,
}

/// Counts over the database.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Schema version.
    pub schema_version: i64,
    /// Articles stored.
    pub articles: usize,
    /// Place mentions.
    pub places: usize,
    /// Actor mentions.
    pub actors: usize,
    /// Events (per article).
    pub events: usize,
    /// Claims.
    pub claims: usize,
    /// Fused events.
    pub fused_events: usize,
    /// Fused events with more than one source.
    pub multi_source: usize,
    /// Cross-article contradictions.
    pub contradictions: usize,
    /// Inputs that failed.
    pub failures: usize,
    /// Earliest and latest publication dates.
    pub published: Option<(String, String)>,
    /// Fused events by event type.
    pub by_type: Vec<(String, usize)>,
}

/// A LIKE pattern matching names that contain `part` literally.
fn like_pattern(part: &str) -> String {
    let escaped = part
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

fn clamp_limit(limit: usize) -> i64 {
    limit.min(i64::MAX as usize) as i64
}

impl Store {
    /// Fused events matching `filter`, by first possible date (undated
    /// last) then key, with their members, claims and contradictions.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<FusedEvent>, StoreError> {
        let mut out = self.events_only(filter)?;
        for f in &mut out {
            self.fill(f)?;
        }
        Ok(out)
    }

    /// Like [`Store::events`] but without members and contradictions (the
    /// fused rows only).
    pub fn events_only(&self, filter: &EventFilter) -> Result<Vec<FusedEvent>, StoreError> {
        Ok(self.events_page(filter)?.events)
    }

    /// A page of fused rows (no members) and the number of all events
    /// matching `filter`.
    pub fn events_page(&self, filter: &EventFilter) -> Result<EventPage, StoreError> {
        // With an area, the R-tree drives the query (CROSS JOIN fixes the
        // join order; unary `+` keeps the date index out of it).
        let from = if filter.near.is_some() {
            "fused_rtree r CROSS JOIN fused_events f ON f.id = r.id"
        } else {
            "fused_events f"
        };
        let plus = if filter.near.is_some() { "+" } else { "" };
        let mut wheres: Vec<String> = Vec::new();
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        let arg = |v: Box<dyn ToSql>, args: &mut Vec<Box<dyn ToSql>>| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(((lat, lon), r)) = filter.near {
            let dlat = r / 110.0;
            let dlon = (r / (111.32 * lat.to_radians().cos().max(0.01))).min(360.0);
            let a = arg(Box::new(lat + dlat), &mut args);
            let b = arg(Box::new(lat - dlat), &mut args);
            let c = arg(Box::new(lon + dlon), &mut args);
            let d = arg(Box::new(lon - dlon), &mut args);
            wheres.push(format!(
                "r.min_lat <= {a} AND r.max_lat >= {b} AND r.min_lon <= {c} AND r.max_lon >= {d}"
            ));
            if let Some(day) = filter.since.as_deref().and_then(crate::day_number) {
                let a = arg(Box::new(day), &mut args);
                wheres.push(format!("r.max_day >= {a}"));
            }
            if let Some(day) = filter.until.as_deref().and_then(crate::day_number) {
                let a = arg(Box::new(day), &mut args);
                wheres.push(format!("r.min_day <= {a}"));
            }
        }
        if let Some(s) = &filter.since {
            let a = arg(Box::new(s.clone()), &mut args);
            wheres.push(format!("{plus}f.date_end >= {a}"));
        }
        if let Some(u) = &filter.until {
            let a = arg(Box::new(u.clone()), &mut args);
            wheres.push(format!("{plus}f.date_start <= {a}"));
        }
        if let Some(t) = &filter.event_type {
            let a = arg(Box::new(t.clone()), &mut args);
            wheres.push(format!(
                "(f.event_type = {a} COLLATE NOCASE OR f.sub_event_type = {a} COLLATE NOCASE)"
            ));
        }
        if let Some(c) = &filter.country {
            let a = arg(Box::new(c.clone()), &mut args);
            wheres.push(format!("f.country = {a} COLLATE NOCASE"));
        }
        if let Some(actor) = &filter.actor {
            let a = arg(Box::new(like_pattern(actor)), &mut args);
            wheres.push(format!(
                "EXISTS (SELECT 1 FROM fused_members fm JOIN events e ON e.id = fm.event
                   WHERE fm.fused = f.id AND (e.actor1 LIKE {a} ESCAPE '\\'
                     OR e.actor2 LIKE {a} ESCAPE '\\' OR e.assoc_actors LIKE {a} ESCAPE '\\'))"
            ));
        }
        if let Some(q) = &filter.search {
            let a = arg(Box::new(q.clone()), &mut args);
            wheres.push(format!(
                "f.id IN (SELECT fm.fused FROM articles_fts s
                   JOIN articles a ON a.rowid = s.rowid
                   JOIN events e ON e.article_id = a.id
                   JOIN fused_members fm ON fm.event = e.id
                   WHERE articles_fts MATCH {a})"
            ));
        }
        let clause = if wheres.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", wheres.join(" AND "))
        };
        let refs: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
        let err = |e: rusqlite::Error| match &filter.search {
            Some(q) => self.fts_err(q, e),
            None => self.sql_err()(e),
        };
        let limit = filter.limit.unwrap_or(usize::MAX);
        if filter.near.is_none() {
            // Without an area every row the SQL selects matches: count and
            // page in SQL.
            let total: i64 = self
                .conn
                .query_row(
                    &format!("SELECT count(*) FROM {from}{clause}"),
                    refs.as_slice(),
                    |r| r.get(0),
                )
                .map_err(err)?;
            let sql = format!(
                "SELECT {FUSED_COLUMNS} FROM {from}{clause}
                 ORDER BY f.date_start IS NULL, f.date_start, f.key LIMIT {} OFFSET {}",
                limit.min(i64::MAX as usize),
                filter.offset.min(i64::MAX as usize)
            );
            let mut st = self.conn.prepare(&sql).map_err(self.sql_err())?;
            let rows = st.query_map(refs.as_slice(), fused_from_row).map_err(err)?;
            let events = rows.collect::<Result<Vec<_>, _>>().map_err(err)?;
            return Ok(EventPage {
                total: total.max(0) as usize,
                events,
            });
        }
        // With an area the bounding box over-selects: filter by distance
        // here, then count and page.
        let sql = format!(
            "SELECT {FUSED_COLUMNS} FROM {from}{clause}
             ORDER BY f.date_start IS NULL, f.date_start, f.key"
        );
        let mut st = self.conn.prepare(&sql).map_err(self.sql_err())?;
        let rows = st.query_map(refs.as_slice(), fused_from_row).map_err(err)?;
        let mut total = 0;
        let mut events = Vec::new();
        let ((lat, lon), r) = filter.near.unwrap_or(((0.0, 0.0), 0.0));
        for row in rows {
            let f = row.map_err(err)?;
            match f.lat.zip(f.lon) {
                Some(p) if km(p, (lat, lon)) <= r => {}
                _ => continue,
            }
            if total >= filter.offset && events.len() < limit {
                events.push(f);
            }
            total += 1;
        }
        Ok(EventPage { total, events })
    }

    /// Every fused event (no members, contradictions filled) in the order
    /// of [`Store::events_page`], with the actor names of its members, read
    /// in one transaction: what an in-memory index of the events needs.
    /// `None` when there are more than `max` fused events.
    pub fn event_snapshot(&self, max: usize) -> Result<Option<EventSnapshot>, StoreError> {
        let err = self.sql_err();
        // One read transaction: events, contradictions and actors agree.
        let tx = self.conn.unchecked_transaction().map_err(&err)?;
        let count: i64 = tx
            .query_row("SELECT count(*) FROM fused_events", [], |r| r.get(0))
            .map_err(&err)?;
        if count.max(0) as usize > max {
            return Ok(None);
        }
        let mut events = self.events_page(&EventFilter::default())?.events;
        let position: std::collections::HashMap<i64, usize> = events
            .iter()
            .enumerate()
            .map(|(i, f)| (f.rowid, i))
            .collect();
        let mut cst = tx
            .prepare("SELECT fused, about, note, events FROM contradictions ORDER BY id")
            .map_err(&err)?;
        let rows = cst
            .query_map([], |r| {
                let events: String = r.get(3)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    ContradictionRow {
                        about: r.get(1)?,
                        note: r.get(2)?,
                        events: serde_json::from_str(&events).unwrap_or_default(),
                    },
                ))
            })
            .map_err(&err)?;
        for row in rows {
            let (fused, c) = row.map_err(&err)?;
            if let Some(&i) = position.get(&fused) {
                events[i].contradictions.push(c);
            }
        }
        let mut actors = vec![Vec::new(); events.len()];
        let mut st = tx
            .prepare(
                "SELECT fm.fused, e.actor1, e.actor2, e.assoc_actors
                 FROM fused_members fm JOIN events e ON e.id = fm.event",
            )
            .map_err(&err)?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    [
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                    ],
                ))
            })
            .map_err(&err)?;
        for row in rows {
            let (fused, names) = row.map_err(&err)?;
            if let Some(&i) = position.get(&fused) {
                let list: &mut Vec<String> = &mut actors[i];
                list.extend(names.into_iter().flatten());
            }
        }
        drop((cst, st));
        tx.finish().map_err(&err)?;
        Ok(Some(EventSnapshot { events, actors }))
    }

    /// One fused event by key ("F…"), with members.
    pub fn event(&self, key: &str) -> Result<Option<FusedEvent>, StoreError> {
        let sql = format!("SELECT {FUSED_COLUMNS} FROM fused_events f WHERE f.key = ?1");
        let found = self
            .conn
            .query_row(&sql, [key], fused_from_row)
            .optional()
            .map_err(self.sql_err())?;
        match found {
            Some(mut f) => {
                self.fill(&mut f)?;
                Ok(Some(f))
            }
            None => Ok(None),
        }
    }

    fn fill(&self, f: &mut FusedEvent) -> Result<(), StoreError> {
        let err = self.sql_err();
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT e.id, e.article_id, e.event_id, a.path, a.outlet, a.title, a.published,
                        e.sub_event_type, e.fatalities, e.status, e.evidence
                 FROM fused_members fm JOIN events e ON e.id = fm.event
                 JOIN articles a ON a.id = e.article_id
                 WHERE fm.fused = ?1 ORDER BY e.article_id, e.event_id",
            )
            .map_err(&err)?;
        let rows = st
            .query_map([f.rowid], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    Member {
                        article: r.get(1)?,
                        event_id: r.get(2)?,
                        path: r.get(3)?,
                        outlet: r.get(4)?,
                        title: r.get(5)?,
                        published: r.get(6)?,
                        sub_event_type: r.get(7)?,
                        fatalities: r
                            .get::<_, Option<i64>>(8)?
                            .and_then(|v| u32::try_from(v).ok()),
                        status: r.get(9)?,
                        evidence: r.get(10)?,
                        claims: Vec::new(),
                    },
                ))
            })
            .map_err(&err)?;
        let members: Vec<(i64, Member)> = rows.collect::<Result<_, _>>().map_err(&err)?;
        let mut cst = self
            .conn
            .prepare_cached(&format!(
                "SELECT {CLAIM_COLUMNS} FROM event_claims ec JOIN claims c ON c.id = ec.claim
                 JOIN articles a ON a.id = c.article_id WHERE ec.event = ?1 ORDER BY c.id"
            ))
            .map_err(&err)?;
        f.members = Vec::with_capacity(members.len());
        for (id, mut m) in members {
            let claims = cst.query_map([id], claim_from_row).map_err(&err)?;
            m.claims = claims.collect::<Result<_, _>>().map_err(&err)?;
            f.members.push(m);
        }
        let mut kst = self
            .conn
            .prepare_cached(
                "SELECT about, note, events FROM contradictions WHERE fused = ?1 ORDER BY id",
            )
            .map_err(&err)?;
        let rows = kst
            .query_map([f.rowid], |r| {
                let events: String = r.get(2)?;
                Ok(ContradictionRow {
                    about: r.get(0)?,
                    note: r.get(1)?,
                    events: serde_json::from_str(&events).unwrap_or_default(),
                })
            })
            .map_err(&err)?;
        f.contradictions = rows.collect::<Result<_, _>>().map_err(&err)?;
        Ok(())
    }

    /// Claims of a fused event (by key), or of one article's event
    /// ("ARTICLE/e1"); `None` when there is no such event.
    pub fn claims_of(&self, id: &str) -> Result<Option<Vec<ClaimRow>>, StoreError> {
        if let Some((article, event)) = id.split_once('/') {
            let exists = self
                .conn
                .query_row(
                    "SELECT id FROM events WHERE article_id = ?1 AND event_id = ?2",
                    params![article, event],
                    |r| r.get::<_, i64>(0),
                )
                .optional()
                .map_err(self.sql_err())?;
            let Some(eid) = exists else { return Ok(None) };
            let mut st = self
                .conn
                .prepare(&format!(
                    "SELECT {CLAIM_COLUMNS} FROM event_claims ec JOIN claims c ON c.id = ec.claim
                     JOIN articles a ON a.id = c.article_id WHERE ec.event = ?1 ORDER BY c.id"
                ))
                .map_err(self.sql_err())?;
            let rows = st
                .query_map([eid], claim_from_row)
                .map_err(self.sql_err())?;
            return rows
                .collect::<Result<Vec<_>, _>>()
                .map(Some)
                .map_err(self.sql_err());
        }
        Ok(self
            .event(id)?
            .map(|f| f.members.into_iter().flat_map(|m| m.claims).collect()))
    }

    /// Stored articles, newest first; with `search`, only those whose title
    /// or text match the FTS5 query.
    pub fn articles(
        &self,
        search: Option<&str>,
        limit: Option<usize>,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        self.articles_from(search, limit, 0)
    }

    /// Like [`Store::articles`], skipping the first `offset` matches.
    pub fn articles_from(
        &self,
        search: Option<&str>,
        limit: Option<usize>,
        offset: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        let offset = clamp_limit(offset);
        let base = "SELECT a.id, a.path, a.title, a.published, a.outlet, a.language,
                (SELECT count(*) FROM events e WHERE e.article_id = a.id),
                (SELECT count(*) FROM claims c WHERE c.article_id = a.id), a.ingested_at
             FROM articles a";
        let limit = limit.map_or(-1, |l| l.min(i64::MAX as usize) as i64);
        let map = |r: &Row<'_>| {
            Ok(ArticleRow {
                id: r.get(0)?,
                path: r.get(1)?,
                title: r.get(2)?,
                published: r.get(3)?,
                outlet: r.get(4)?,
                language: r.get(5)?,
                events: r.get::<_, i64>(6)?.max(0) as usize,
                claims: r.get::<_, i64>(7)?.max(0) as usize,
                ingested_at: r.get(8)?,
            })
        };
        let rows: Result<Vec<ArticleRow>, rusqlite::Error> = match search {
            Some(q) => {
                let sql = format!(
                    "{base} JOIN articles_fts s ON s.rowid = a.rowid WHERE articles_fts MATCH ?1
                     ORDER BY a.published DESC, a.id LIMIT ?2 OFFSET ?3"
                );
                let mut st = self.conn.prepare(&sql).map_err(self.sql_err())?;
                let it = st
                    .query_map(params![q, limit, offset], map)
                    .map_err(|e| self.fts_err(q, e))?;
                it.collect()
            }
            None => {
                let sql = format!("{base} ORDER BY a.published DESC, a.id LIMIT ?1 OFFSET ?2");
                let mut st = self.conn.prepare(&sql).map_err(self.sql_err())?;
                let it = st
                    .query_map(params![limit, offset], map)
                    .map_err(self.sql_err())?;
                it.collect()
            }
        };
        rows.map_err(|e| match search {
            Some(q) => self.fts_err(q, e),
            None => self.sql_err()(e),
        })
    }

    fn fts_err(&self, q: &str, e: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            message: format!("bad search {q:?} (FTS5 query syntax): {e}"),
        }
    }

    /// Actors by number of mentions; with `search`, only names containing
    /// it (case-insensitive for ASCII).
    pub fn actor_counts(
        &self,
        search: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ActorCount>, StoreError> {
        let sql = "SELECT name, kind, country, count(*), count(DISTINCT article_id)
             FROM actors WHERE ?1 IS NULL OR name LIKE ?1 ESCAPE '\\'
             GROUP BY name, kind, country ORDER BY 4 DESC, 1 LIMIT ?2";
        let mut st = self.conn.prepare_cached(sql).map_err(self.sql_err())?;
        let rows = st
            .query_map(params![search.map(like_pattern), clamp_limit(limit)], |r| {
                Ok(ActorCount {
                    name: r.get(0)?,
                    kind: r.get(1)?,
                    country: r.get(2)?,
                    mentions: r.get::<_, i64>(3)?.max(0) as usize,
                    articles: r.get::<_, i64>(4)?.max(0) as usize,
                })
            })
            .map_err(self.sql_err())?;
        rows.collect::<Result<_, _>>().map_err(self.sql_err())
    }

    /// Resolved places by number of mentions; with `search`, only names
    /// containing it (case-insensitive for ASCII).
    pub fn place_counts(
        &self,
        search: Option<&str>,
        limit: usize,
    ) -> Result<Vec<PlaceCount>, StoreError> {
        let sql = "SELECT name, geonameid, avg(lat), avg(lon), country, admin1, feature,
                    count(*), count(DISTINCT article_id)
             FROM places WHERE ?1 IS NULL OR name LIKE ?1 ESCAPE '\\'
             GROUP BY name, geonameid, country, admin1, feature ORDER BY 8 DESC, 1 LIMIT ?2";
        let mut st = self.conn.prepare_cached(sql).map_err(self.sql_err())?;
        let rows = st
            .query_map(params![search.map(like_pattern), clamp_limit(limit)], |r| {
                Ok(PlaceCount {
                    name: r.get(0)?,
                    geonameid: r.get(1)?,
                    lat: r.get(2)?,
                    lon: r.get(3)?,
                    country: r.get(4)?,
                    admin1: r.get(5)?,
                    feature: r.get(6)?,
                    mentions: r.get::<_, i64>(7)?.max(0) as usize,
                    articles: r.get::<_, i64>(8)?.max(0) as usize,
                })
            })
            .map_err(self.sql_err())?;
        rows.collect::<Result<_, _>>().map_err(self.sql_err())
    }

    /// The number of cross-article contradictions of every fused event
    /// that has any, by event key.
    pub fn contradiction_counts(
        &self,
    ) -> Result<std::collections::HashMap<String, usize>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT f.key, count(*) FROM contradictions c
                 JOIN fused_events f ON f.id = c.fused GROUP BY c.fused",
            )
            .map_err(self.sql_err())?;
        let rows = st
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as usize))
            })
            .map_err(self.sql_err())?;
        rows.collect::<Result<_, _>>().map_err(self.sql_err())
    }

    /// The cross-article contradictions of the events with these keys (a
    /// page of [`Store::events_page`], which leaves them out), by key.
    pub fn contradictions_of(
        &self,
        keys: &[&str],
    ) -> Result<std::collections::HashMap<String, Vec<ContradictionRow>>, StoreError> {
        let mut out: std::collections::HashMap<String, Vec<ContradictionRow>> =
            std::collections::HashMap::new();
        for chunk in keys.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let sql = format!(
                "SELECT f.key, c.about, c.note, c.events FROM contradictions c
                 JOIN fused_events f ON f.id = c.fused WHERE f.key IN ({marks}) ORDER BY c.id"
            );
            let mut st = self.conn.prepare(&sql).map_err(self.sql_err())?;
            let rows = st
                .query_map(rusqlite::params_from_iter(chunk.iter()), |r| {
                    let events: String = r.get(3)?;
                    Ok((
                        r.get::<_, String>(0)?,
                        ContradictionRow {
                            about: r.get(1)?,
                            note: r.get(2)?,
                            events: serde_json::from_str(&events).unwrap_or_default(),
                        },
                    ))
                })
                .map_err(self.sql_err())?;
            for row in rows {
                let (key, c) = row.map_err(self.sql_err())?;
                out.entry(key).or_default().push(c);
            }
        }
        Ok(out)
    }

    /// How many articles are stored; with `search`, how many match the
    /// FTS5 query.
    pub fn article_count(&self, search: Option<&str>) -> Result<usize, StoreError> {
        let n: i64 = match search {
            Some(q) => self
                .conn
                .query_row(
                    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1",
                    [q],
                    |r| r.get(0),
                )
                .map_err(|e| self.fts_err(q, e))?,
            None => self
                .conn
                .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
                .map_err(self.sql_err())?,
        };
        Ok(n.max(0) as usize)
    }

    /// Counts over the database.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let count = |sql: &str| -> Result<usize, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n.max(0) as usize)
                .map_err(self.sql_err())
        };
        let published: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT min(published), max(published) FROM articles WHERE published IS NOT NULL",
                [],
                |r| {
                    Ok(r.get::<_, Option<String>>(0)?
                        .zip(r.get::<_, Option<String>>(1)?))
                },
            )
            .map_err(self.sql_err())?;
        let mut st = self
            .conn
            .prepare("SELECT event_type, count(*) FROM fused_events GROUP BY event_type ORDER BY 2 DESC, 1")
            .map_err(self.sql_err())?;
        let by_type = st
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as usize))
            })
            .map_err(self.sql_err())?
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.sql_err())?;
        Ok(Stats {
            schema_version: self.schema_version()?,
            articles: count("SELECT count(*) FROM articles")?,
            places: count("SELECT count(*) FROM places")?,
            actors: count("SELECT count(*) FROM actors")?,
            events: count("SELECT count(*) FROM events")?,
            claims: count("SELECT count(*) FROM claims")?,
            fused_events: count("SELECT count(*) FROM fused_events")?,
            multi_source: count("SELECT count(*) FROM fused_events WHERE sources > 1")?,
            contradictions: count("SELECT count(*) FROM contradictions")?,
            failures: count("SELECT count(*) FROM failures")?,
            published,
            by_type,
        })
    }

    /// The stored report of an article (with its text), as JSON.
    pub fn report(&self, id: &str) -> Result<Option<serde_json::Value>, StoreError> {
        let row: Option<(String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT report, text FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(self.sql_err())?;
        let Some((json, text)) = row else {
            return Ok(None);
        };
        let mut v: serde_json::Value =
            serde_json::from_str(&json).map_err(|e| StoreError::BadData {
                path: self.path.clone(),
                message: format!("report of {id}: {e}"),
            })?;
        if let (Some(t), Some(a)) = (text, v.get_mut("article").and_then(|a| a.as_object_mut())) {
            a.insert("text".into(), serde_json::Value::String(t));
        }
        Ok(Some(v))
    }
}
