//! The JSON handlers under `/api/` (documented in docs/API.md and served
//! as OpenAPI at `/api/openapi.json`).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};
use sitrep_extract::Options;
use sitrep_store::{EventFilter, FusedEvent};

use crate::error::ApiError;
use crate::AppState;

/// Events per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 100;
/// The largest page of events (the map asks for all of them at once).
pub const MAX_EVENT_LIMIT: usize = 10_000;
/// The largest page of articles, actors or places.
pub const MAX_LIST_LIMIT: usize = 1_000;

/// Query parameters as given, checked against the names a route knows.
struct Params(Vec<(String, String)>);

impl Params {
    fn new(
        query: Result<Query<Vec<(String, String)>>, QueryRejection>,
        known: &[&str],
    ) -> Result<Params, ApiError> {
        let Query(pairs) =
            query.map_err(|e| ApiError::bad_request(format!("bad query string: {e}")))?;
        for (k, _) in &pairs {
            if !known.contains(&k.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {k:?}; this route knows {}",
                    known.join(", ")
                )));
            }
        }
        Ok(Params(pairs))
    }

    /// The last value of `name`, unless empty.
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    fn text(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_string)
    }

    fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.get(name)
            .map(|v| {
                v.parse::<jiff::civil::Date>()
                    .map(|d| d.to_string())
                    .map_err(|_| {
                        ApiError::bad_request(format!(
                            "bad date {v:?} in {name}: expected YYYY-MM-DD"
                        ))
                    })
            })
            .transpose()
    }

    fn count(&self, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n <= max => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "bad {name} {v:?}: expected a whole number from 0 to {max}"
                ))),
            },
        }
    }

    fn number(&self, name: &str) -> Result<Option<f64>, ApiError> {
        self.get(name)
            .map(|v| match v.parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(x),
                _ => Err(ApiError::bad_request(format!(
                    "bad {name} {v:?}: expected a number"
                ))),
            })
            .transpose()
    }
}

/// The event filter and output format of `/api/events`.
fn event_filter(p: &Params) -> Result<(EventFilter, Format), ApiError> {
    let since = p.date("since")?;
    let until = p.date("until")?;
    if let (Some(s), Some(u)) = (&since, &until) {
        if s > u {
            return Err(ApiError::bad_request(format!(
                "since {s} is after until {u}"
            )));
        }
    }
    let country = p.text("country");
    if let Some(c) = &country {
        if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(ApiError::bad_request(format!(
                "bad country {c:?}: expected an ISO 3166 alpha-2 code such as UA"
            )));
        }
    }
    let radius = p.number("radius_km")?.unwrap_or(25.0);
    if !(radius > 0.0 && radius <= 20_000.0) {
        return Err(ApiError::bad_request(format!(
            "bad radius_km {radius}: expected more than 0 and at most 20000"
        )));
    }
    let near = match p.get("near") {
        None => None,
        Some(v) => {
            let parsed = v.split_once(',').and_then(|(a, b)| {
                let lat = a.trim().parse::<f64>().ok()?;
                let lon = b.trim().parse::<f64>().ok()?;
                ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon))
                    .then_some((lat, lon))
            });
            match parsed {
                Some(point) => Some((point, radius)),
                None => {
                    return Err(ApiError::bad_request(format!(
                        "bad near {v:?}: expected LAT,LON in degrees"
                    )))
                }
            }
        }
    };
    let format = match p.get("format") {
        None | Some("json") => Format::Json,
        Some("geojson") => Format::GeoJson,
        Some("points") => Format::Points,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "bad format {other:?}: expected json, geojson or points"
            )))
        }
    };
    let filter = EventFilter {
        since,
        until,
        event_type: p.text("type"),
        actor: p.text("actor"),
        country,
        search: p.text("q"),
        near,
        offset: p.count("offset", 0, usize::MAX)?,
        limit: Some(p.count("limit", DEFAULT_LIMIT, MAX_EVENT_LIMIT)?),
    };
    Ok((filter, format))
}

/// The answers `/api/events` can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// A page of fused rows with their contradictions.
    Json,
    /// A GeoJSON `FeatureCollection` of the located events of the page.
    GeoJson,
    /// The located events of the page as columns (what the map draws).
    Points,
}

impl Format {
    fn content_type(self) -> &'static str {
        match self {
            Format::GeoJson => "application/geo+json",
            Format::Json | Format::Points => "application/json",
        }
    }
}

/// A page of `/api/events` as JSON.
#[derive(Serialize)]
struct EventList<'a> {
    total: usize,
    offset: usize,
    limit: usize,
    events: &'a [&'a FusedEvent],
}

/// A page of `/api/events?format=points`: the located events as parallel
/// columns, the text columns as positions in one list of distinct strings
/// (dates, places, actors and countries repeat across thousands of events):
/// about a seventh of the GeoJSON's size for the map's 10,000 markers, and
/// few strings for the browser to make.
#[derive(Serialize, Default)]
struct Points<'a> {
    total: usize,
    offset: usize,
    limit: usize,
    /// Event types; `type` holds positions in this list.
    types: Vec<&'a str>,
    /// The distinct values of the text columns; `date_start`, `date_end`,
    /// `location`, `actor1` and `country` hold positions in this list (or
    /// null).
    strings: Vec<&'a str>,
    #[serde(skip)]
    string_at: HashMap<&'a str, usize>,
    id: Vec<&'a str>,
    lon: Vec<f64>,
    lat: Vec<f64>,
    #[serde(rename = "type")]
    kind: Vec<usize>,
    date_start: Vec<Option<usize>>,
    date_end: Vec<Option<usize>>,
    location: Vec<Option<usize>>,
    actor1: Vec<Option<usize>>,
    country: Vec<Option<usize>>,
    contradictions: Vec<usize>,
}

impl<'a> Points<'a> {
    /// The position of `value` in `strings`, added on first sight.
    fn string(&mut self, value: Option<&'a str>) -> Option<usize> {
        let value = value?;
        Some(*self.string_at.entry(value).or_insert_with(|| {
            self.strings.push(value);
            self.strings.len() - 1
        }))
    }
}

/// Five decimals are a metre; more only makes the map's download bigger.
fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

/// The page `events` (`total` matching in all) in `format`; `contradictions`
/// counts an event's contradictions.
fn render(
    format: Format,
    total: usize,
    offset: usize,
    limit: usize,
    events: &[&FusedEvent],
    contradictions: &dyn Fn(&FusedEvent) -> usize,
) -> Result<String, ApiError> {
    let json = match format {
        Format::Json => serde_json::to_string(&EventList {
            total,
            offset,
            limit,
            events,
        }),
        Format::GeoJson => serde_json::to_string(&FeatureCollection {
            kind: "FeatureCollection",
            total,
            offset,
            limit,
            features: events
                .iter()
                .filter_map(|f| feature(f, contradictions(f)))
                .collect(),
        }),
        Format::Points => {
            let mut p = Points {
                total,
                offset,
                limit,
                ..Points::default()
            };
            for f in events {
                let Some((lat, lon)) = f.lat.zip(f.lon) else {
                    continue;
                };
                let kind = match p.types.iter().position(|t| *t == f.event_type) {
                    Some(k) => k,
                    None => {
                        p.types.push(&f.event_type);
                        p.types.len() - 1
                    }
                };
                p.id.push(&f.id);
                p.lon.push(round5(lon));
                p.lat.push(round5(lat));
                p.kind.push(kind);
                let date_start = p.string(f.date_start.as_deref());
                p.date_start.push(date_start);
                let date_end = p.string(f.date_end.as_deref());
                p.date_end.push(date_end);
                let location = p.string(f.location.as_deref());
                p.location.push(location);
                let actor1 = p.string(f.actor1.as_deref());
                p.actor1.push(actor1);
                let country = p.string(f.country.as_deref());
                p.country.push(country);
                p.contradictions.push(contradictions(f));
            }
            serde_json::to_string(&p)
        }
    };
    json.map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

/// A page of `/api/events` as GeoJSON (RFC 7946, with the page counts as
/// foreign members).
#[derive(Serialize)]
struct FeatureCollection<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    total: usize,
    offset: usize,
    limit: usize,
    features: Vec<MapFeature<'a>>,
}

#[derive(Serialize)]
struct MapFeature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    geometry: Point,
    properties: MapProperties<'a>,
}

#[derive(Serialize)]
struct Point {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

/// What a marker and its tooltip need.
#[derive(Serialize)]
struct MapProperties<'a> {
    id: &'a str,
    event_type: &'a str,
    sub_event_type: &'a str,
    actor1: Option<&'a str>,
    actor2: Option<&'a str>,
    location: Option<&'a str>,
    country: Option<&'a str>,
    date_start: Option<&'a str>,
    date_end: Option<&'a str>,
    fatalities: Option<u32>,
    status: &'a str,
    sources: usize,
    contradictions: usize,
}

/// The map's view of an event; `None` when it has no coordinates.
fn feature(f: &FusedEvent, contradictions: usize) -> Option<MapFeature<'_>> {
    let (lat, lon) = f.lat.zip(f.lon)?;
    let round = round5;
    Some(MapFeature {
        kind: "Feature",
        id: &f.id,
        geometry: Point {
            kind: "Point",
            coordinates: [round(lon), round(lat)],
        },
        properties: MapProperties {
            id: &f.id,
            event_type: &f.event_type,
            sub_event_type: &f.sub_event_type,
            actor1: f.actor1.as_deref(),
            actor2: f.actor2.as_deref(),
            location: f.location.as_deref(),
            country: f.country.as_deref(),
            date_start: f.date_start.as_deref(),
            date_end: f.date_end.as_deref(),
            fatalities: f.fatalities,
            status: &f.status,
            sources: f.sources,
            contradictions,
        },
    })
}

/// `GET /api/events`.
pub async fn events(
    State(app): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = Params::new(
        query,
        &[
            "since",
            "until",
            "type",
            "actor",
            "country",
            "q",
            "near",
            "radius_km",
            "limit",
            "offset",
            "format",
        ],
    )?;
    let (filter, format) = event_filter(&p)?;
    let (offset, limit) = (filter.offset, filter.limit.unwrap_or(DEFAULT_LIMIT));
    // Full-text search needs SQLite's FTS5 index; everything else is
    // answered from the events in memory when the database is not huge.
    let snapshot = match filter.search {
        None => app.index.snapshot(&app.readers).await?,
        Some(_) => None,
    };
    let body = match snapshot {
        Some(snap) => {
            let answer = move || {
                let (total, page) = snap.page(&filter);
                render(format, total, offset, limit, &page, &|f| {
                    f.contradictions.len()
                })
            };
            // A scan of the events in memory takes microseconds; only
            // writing a long page is worth a blocking thread.
            if limit <= 1_000 {
                answer()?
            } else {
                tokio::task::spawn_blocking(answer).await.map_err(|e| {
                    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
                })??
            }
        }
        None => {
            app.readers
                .with(move |store| {
                    let mut page = store.events_page(&filter)?;
                    if format == Format::Json {
                        // Rows carry their contradictions; members only
                        // come with one event (`/api/events/{id}`).
                        let keys: Vec<&str> = page.events.iter().map(|f| f.id.as_str()).collect();
                        let mut found = store.contradictions_of(&keys)?;
                        for f in &mut page.events {
                            f.contradictions = found.remove(&f.id).unwrap_or_default();
                        }
                        let rows: Vec<&FusedEvent> = page.events.iter().collect();
                        render(format, page.total, offset, limit, &rows, &|f| {
                            f.contradictions.len()
                        })
                    } else {
                        let counts = store.contradiction_counts()?;
                        let rows: Vec<&FusedEvent> = page.events.iter().collect();
                        render(format, page.total, offset, limit, &rows, &|f| {
                            counts.get(&f.id).copied().unwrap_or(0)
                        })
                    }
                })
                .await?
        }
    };
    Ok(([(header::CONTENT_TYPE, format.content_type())], body).into_response())
}

/// `GET /api/events/{id}`.
pub async fn event(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<FusedEvent>, ApiError> {
    let key = id.clone();
    let found = app
        .readers
        .with(move |store| Ok(store.event(&key)?))
        .await?;
    found
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no event {id:?}")))
}

/// `GET /api/articles`.
pub async fn articles(
    State(app): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let p = Params::new(query, &["q", "limit", "offset"])?;
    let search = p.text("q");
    let limit = p.count("limit", DEFAULT_LIMIT, MAX_LIST_LIMIT)?;
    let offset = p.count("offset", 0, usize::MAX)?;
    let body = app
        .readers
        .with(move |store| {
            let total = store.article_count(search.as_deref())?;
            let rows = store.articles_from(search.as_deref(), Some(limit), offset)?;
            Ok(json!({"total": total, "offset": offset, "limit": limit, "articles": rows}))
        })
        .await?;
    Ok(Json(body))
}

/// `GET /api/articles/{id}`: the stored report with its text.
pub async fn article(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let key = id.clone();
    let found = app
        .readers
        .with(move |store| Ok(store.report(&key)?))
        .await?;
    found
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no article {id:?}")))
}

/// A ranked list (`q`, `limit`) answered by `count` under the key `name`.
async fn ranked<T, F>(
    app: AppState,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    name: &'static str,
    count: F,
) -> Result<Json<Value>, ApiError>
where
    T: Serialize + Send + 'static,
    F: FnOnce(
            &sitrep_store::Store,
            Option<&str>,
            usize,
        ) -> Result<Vec<T>, sitrep_store::StoreError>
        + Send
        + 'static,
{
    let p = Params::new(query, &["q", "limit"])?;
    let search = p.text("q");
    let limit = p.count("limit", DEFAULT_LIMIT, MAX_LIST_LIMIT)?;
    let rows = app
        .readers
        .with(move |store| Ok(count(store, search.as_deref(), limit)?))
        .await?;
    Ok(Json(json!({ name: rows })))
}

/// `GET /api/actors`.
pub async fn actors(
    State(app): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    ranked(app, query, "actors", |store, q, limit| {
        store.actor_counts(q, limit)
    })
    .await
}

/// `GET /api/places`.
pub async fn places(
    State(app): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    ranked(app, query, "places", |store, q, limit| {
        store.place_counts(q, limit)
    })
    .await
}

/// `GET /api/stats`.
pub async fn stats(State(app): State<AppState>) -> Result<Json<Value>, ApiError> {
    let stats = app.readers.with(|store| Ok(store.stats()?)).await?;
    Ok(Json(json!(stats)))
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}

/// The article of a `POST /api/extract` body: its bytes and date.
fn article_of(
    headers: &HeaderMap,
    body: &Bytes,
    published: Option<String>,
) -> Result<(Vec<u8>, Option<String>), ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/plain")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match content_type.as_str() {
        "application/json" => {
            #[derive(serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Body {
                text: String,
                published: Option<String>,
            }
            let parsed: Body = serde_json::from_slice(body).map_err(|e| {
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("bad JSON body: {e}; expected {{\"text\": \"…\", \"published\": \"YYYY-MM-DD\"}}"),
                )
            })?;
            Ok((parsed.text.into_bytes(), parsed.published.or(published)))
        }
        "text/plain" | "application/octet-stream" | "" => Ok((body.to_vec(), published)),
        other => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("cannot read a {other} body: send text/plain or application/json"),
        )),
    }
}

/// `POST /api/extract`: an article in, its report (with text) out.
pub async fn extract(
    State(app): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let p = Params::new(query, &["published"])?;
    let body = body.map_err(|e| {
        let status = e.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                status,
                format!(
                    "the article is larger than the limit of {} bytes",
                    app.limits.body_bytes
                ),
            )
        } else {
            ApiError::new(status, format!("cannot read the body: {e}"))
        }
    })?;
    let (bytes, published) = article_of(&headers, &body, p.text("published"))?;
    let published = match published {
        None => None,
        Some(d) => Some(d.trim().parse::<jiff::civil::Date>().map_err(|_| {
            ApiError::bad_request(format!("bad date {d:?} in published: expected YYYY-MM-DD"))
        })?),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the article is empty",
        ));
    }
    // At most one extraction per core at a time: a burst of large
    // articles queues instead of starving the queries.
    let permit = Arc::clone(&app.extractions)
        .acquire_owned()
        .await
        .map_err(|_| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))?;
    let pipeline = Arc::clone(&app.pipeline);
    let report = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let options = Options {
            path: None,
            published,
            include_text: true,
        };
        pipeline.extract(&bytes, &options)
    })
    .await
    .map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("extraction failed: {e}"),
        )
    })?
    .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    let body = serde_json::to_string(&report)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}
