//! The API end to end through the router (no socket): status codes, JSON
//! shapes, filters, limits and hostile input.

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use sitrep_extract::Pipeline;
use sitrep_server::{router, AppState, Limits};
use sitrep_store::synthetic::{report, EventSpec};
use sitrep_store::Store;
use tower::ServiceExt;

/// A database with a shelling of Kupiansk reported by two outlets with
/// different tolls and one event in Russia.
fn database() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("t.db")).unwrap();
    let mut a = EventSpec::shelling("Kupiansk", 49.7106, 37.6156, "2024-03-12");
    a.fatalities = Some(4);
    let mut b = EventSpec::shelling("Kupiansk", 49.72, 37.60, "2024-03-12");
    b.fatalities = Some(2);
    let far = EventSpec::shelling("Belgorod", 50.6, 36.6, "2024-03-20");
    let mut far_ru = far.clone();
    far_ru.place = Some((
        "Belgorod".into(),
        50.6,
        36.6,
        "RU".into(),
        "Belgorod Oblast".into(),
    ));
    store
        .insert_batch(&[
            report("a", "Reuters", "2024-03-12", &[a]),
            report("b", "Ukrinform", "2024-03-13", &[b]),
            report("c", "TASS", "2024-03-21", &[far_ru]),
        ])
        .unwrap();
    dir
}

fn app_with(dir: &tempfile::TempDir, limits: Limits) -> Router {
    let state = AppState::open(&dir.path().join("t.db"), Pipeline::default(), limits).unwrap();
    router(state)
}

fn app(dir: &tempfile::TempDir) -> Router {
    app_with(dir, Limits::default())
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, Value, header::HeaderMap) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes));
    });
    (status, json, headers)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    let (status, json, headers) = send(app, Request::get(uri).body(Body::empty()).unwrap()).await;
    assert!(
        headers
            .get(header::CONTENT_SECURITY_POLICY)
            .is_some_and(|v| v.to_str().unwrap().contains("default-src 'self'")),
        "{uri}: no CSP"
    );
    (status, json)
}

fn post(uri: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

/// The error of a failed request, checking its shape.
fn error_message(status: StatusCode, body: &Value) -> String {
    assert_eq!(body["error"]["status"], status.as_u16(), "{body}");
    body["error"]["message"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn events_are_listed_paged_and_filtered() {
    let dir = database();
    let app = app(&dir);
    let (status, all) = get(&app, "/api/events").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all["total"], 2, "{all}");
    let events = all["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["location"], "Kupiansk");
    assert_eq!(events[0]["sources"], 2);
    // List rows carry their contradictions (the two tolls differ).
    assert_eq!(events[0]["contradictions"][0]["about"], "fatalities");

    let (_, page) = get(&app, "/api/events?limit=1&offset=1").await;
    assert_eq!(page["total"], 2);
    assert_eq!(page["events"].as_array().unwrap().len(), 1);
    assert_eq!(page["events"][0]["id"], events[1]["id"]);

    for (query, expected) in [
        ("country=RU", 1),
        ("country=ua", 1),
        ("since=2024-03-15", 1),
        ("until=2024-03-12", 1),
        ("type=battles", 0),
        ("q=TASS", 1),
        ("near=49.71,37.61&radius_km=10", 1),
        ("near=0,0", 0),
    ] {
        let (status, body) = get(&app, &format!("/api/events?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {body}");
        assert_eq!(body["total"], expected, "{query}: {body}");
    }
}

#[tokio::test]
async fn points_are_the_geojson_features_as_columns() {
    let dir = database();
    let app = app(&dir);
    for query in [
        "",
        "&country=UA",
        "&since=2024-03-15",
        "&q=TASS",
        "&limit=1&offset=1",
    ] {
        let (status, fc) = get(&app, &format!("/api/events?format=geojson{query}")).await;
        assert_eq!(status, StatusCode::OK);
        let (status, pts) = get(&app, &format!("/api/events?format=points{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {pts}");
        for key in ["total", "offset", "limit"] {
            assert_eq!(pts[key], fc[key], "{query}: {key}");
        }
        let features = fc["features"].as_array().unwrap();
        assert_eq!(
            pts["id"].as_array().unwrap().len(),
            features.len(),
            "{query}"
        );
        for (i, f) in features.iter().enumerate() {
            let p = &f["properties"];
            assert_eq!(pts["id"][i], p["id"]);
            assert_eq!(pts["lon"][i], f["geometry"]["coordinates"][0]);
            assert_eq!(pts["lat"][i], f["geometry"]["coordinates"][1]);
            let kind = pts["type"][i].as_u64().unwrap() as usize;
            assert_eq!(pts["types"][kind], p["event_type"]);
            assert_eq!(pts["contradictions"][i], p["contradictions"]);
            // Text columns hold positions in `strings` (null stays null).
            for key in ["date_start", "date_end", "location", "actor1", "country"] {
                let value = match pts[key][i].as_u64() {
                    Some(at) => pts["strings"][at as usize].clone(),
                    None => Value::Null,
                };
                assert_eq!(value, p[key], "{query}: {key}");
            }
        }
    }
    let (_, pts) = get(&app, "/api/events?format=points").await;
    assert_eq!(pts["total"], 2);
    let (status, body) = get(&app, "/api/events?format=csv").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error_message(status, &body).contains("points"), "{body}");
}

#[tokio::test]
async fn geojson_has_points_in_lon_lat_order() {
    let dir = database();
    let app = app(&dir);
    let (status, fc) = get(&app, "/api/events?format=geojson").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    let kupiansk = features
        .iter()
        .find(|f| f["properties"]["location"] == "Kupiansk")
        .unwrap();
    let lon = kupiansk["geometry"]["coordinates"][0].as_f64().unwrap();
    let lat = kupiansk["geometry"]["coordinates"][1].as_f64().unwrap();
    assert!((37.0..38.0).contains(&lon) && (49.0..50.0).contains(&lat));
    // The two outlets disagree on the toll.
    assert!(kupiansk["properties"]["contradictions"].as_u64().unwrap() >= 1);
}

#[tokio::test]
async fn an_event_comes_with_members_claims_and_contradictions() {
    let dir = database();
    let app = app(&dir);
    let (_, all) = get(&app, "/api/events?country=UA").await;
    let id = all["events"][0]["id"].as_str().unwrap().to_string();
    let (status, event) = get(&app, &format!("/api/events/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(event["members"].as_array().unwrap().len(), 2);
    assert_eq!(event["contradictions"][0]["about"], "fatalities", "{event}");
    let (status, body) = get(&app, "/api/events/Fnothing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(error_message(status, &body).contains("Fnothing"));

    // The article behind a member has its text, and its spans index it.
    let article = event["members"][0]["article"].as_str().unwrap();
    let (status, report) = get(&app, &format!("/api/articles/{article}")).await;
    assert_eq!(status, StatusCode::OK);
    let text = report["article"]["text"].as_str().unwrap();
    for place in report["places"].as_array().unwrap() {
        let (s, e) = (
            place["start"].as_u64().unwrap() as usize,
            place["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], place["text"].as_str().unwrap());
    }
    let (status, _) = get(&app, "/api/articles/0000").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn articles_actors_places_and_stats() {
    let dir = database();
    let app = app(&dir);
    let (_, articles) = get(&app, "/api/articles?limit=2").await;
    assert_eq!(articles["total"], 3);
    assert_eq!(articles["articles"].as_array().unwrap().len(), 2);
    let (_, found) = get(&app, "/api/articles?q=Reuters").await;
    assert_eq!(found["total"], 1);
    let (_, places) = get(&app, "/api/places?q=kupi").await;
    assert_eq!(places["places"][0]["name"], "Kupiansk");
    assert_eq!(places["places"][0]["mentions"], 2);
    let (status, actors) = get(&app, "/api/actors").await;
    assert_eq!(status, StatusCode::OK);
    assert!(actors["actors"].is_array());
    let (_, stats) = get(&app, "/api/stats").await;
    assert_eq!(stats["articles"], 3);
    assert_eq!(stats["fused_events"], 2);
}

#[tokio::test]
async fn bad_parameters_are_400_with_a_reason() {
    let dir = database();
    let app = app(&dir);
    for (query, needle) in [
        ("since=2024-13-01", "since"),
        ("since=2024-03-20&until=2024-03-01", "after"),
        ("limit=10001", "limit"),
        ("limit=-1", "limit"),
        ("offset=x", "offset"),
        ("near=91,0", "near"),
        ("near=abc", "near"),
        ("radius_km=0&near=1,1", "radius_km"),
        ("country=Ukraine", "country"),
        ("format=xml", "format"),
        ("colour=red", "unknown parameter"),
        ("q=%22unbalanced", "search"),
    ] {
        let (status, body) = get(&app, &format!("/api/events?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {body}");
        let message = error_message(status, &body);
        assert!(message.contains(needle), "{query}: {message}");
    }
    let (status, _) = get(&app, "/api/articles?limit=100000").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_routes_and_methods_are_json_errors() {
    let dir = database();
    let app = app(&dir);
    let (status, body) = get(&app, "/api/nothing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(error_message(status, &body).contains("/api/nothing"));
    let (status, body, _) = send(
        &app,
        Request::delete("/api/stats").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(error_message(status, &body).contains("DELETE"));
    let (status, _) = get(&app, "/api/extract").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn openapi_describes_every_route() {
    let dir = database();
    let app = app(&dir);
    let (status, doc) = get(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for route in [
        "/api/events",
        "/api/events/{id}",
        "/api/articles",
        "/api/articles/{id}",
        "/api/actors",
        "/api/places",
        "/api/stats",
        "/api/openapi.json",
        "/api/extract",
    ] {
        assert!(paths.contains_key(route), "{route} is not described");
    }
    // Every documented GET route without a path parameter answers 200.
    for (route, ops) in paths {
        if ops.get("get").is_some() && !route.contains('{') {
            let (status, body) = get(&app, route).await;
            assert_eq!(status, StatusCode::OK, "{route}: {body}");
        }
    }
}

const ARTICLE: &str = "KHARKIV, Ukraine — Russian forces shelled the village of \
    Kupiansk on Tuesday, killing two civilians, the regional governor said.\n";

#[tokio::test]
async fn extract_takes_text_or_json_and_returns_the_report() {
    let dir = database();
    let app = app(&dir);
    let (status, report, _) = send(
        &app,
        post("/api/extract?published=2024-03-14", "text/plain", ARTICLE),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["article"]["text"], ARTICLE);
    assert_eq!(report["article"]["published"], "2024-03-14");
    assert!(!report["events"].as_array().unwrap().is_empty(), "{report}");

    let body = serde_json::json!({"text": ARTICLE, "published": "2024-03-14"}).to_string();
    let (status, from_json, _) = send(
        &app,
        post("/api/extract", "application/json; charset=utf-8", body),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(from_json["events"], report["events"]);
}

#[tokio::test]
async fn hostile_extract_bodies_get_clear_errors() {
    let dir = database();
    let small = Limits {
        body_bytes: 1024,
        ..Limits::default()
    };
    let app = app_with(&dir, small);
    let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (
            post("/api/extract", "text/plain", "x".repeat(4096)),
            StatusCode::PAYLOAD_TOO_LARGE,
            "limit",
        ),
        (
            post("/api/extract", "application/json", "{\"text\": "),
            StatusCode::UNPROCESSABLE_ENTITY,
            "JSON",
        ),
        (
            post("/api/extract", "application/json", "{\"txt\": \"a\"}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "JSON",
        ),
        (
            post("/api/extract", "application/json", "[1, 2]"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "JSON",
        ),
        (
            post("/api/extract", "image/png", "\u{89}PNG"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "image/png",
        ),
        (
            post("/api/extract", "text/plain", "  \n\t "),
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty",
        ),
        (
            post("/api/extract?published=yesterday", "text/plain", ARTICLE),
            StatusCode::BAD_REQUEST,
            "published",
        ),
    ];
    for (request, expected, needle) in cases {
        let (status, body, _) = send(&app, request).await;
        assert_eq!(status, expected, "{body}");
        assert!(error_message(status, &body).contains(needle), "{body}");
    }
}

#[tokio::test]
async fn hostile_article_text_comes_back_verbatim_as_json_data() {
    let dir = database();
    let app = app(&dir);
    let hostile = "<script>alert(1)</script> Russian forces shelled \u{202e}Kupiansk\u{200b} \
        on Tuesday. <img src=x onerror=alert(2)>\n";
    let (status, report, headers) = send(&app, post("/api/extract", "text/plain", hostile)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(report["article"]["text"], hostile);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    // Binary input is decoded or refused, never a crash.
    let binary: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let response = app
        .clone()
        .oneshot(post("/api/extract", "application/octet-stream", binary))
        .await
        .unwrap();
    assert!(
        response.status() == StatusCode::OK
            || response.status() == StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        response.status()
    );
}

#[tokio::test]
async fn a_request_over_the_time_limit_is_503() {
    let dir = database();
    let hasty = Limits {
        timeout: Duration::from_millis(1),
        ..Limits::default()
    };
    let app = app_with(&dir, hasty);
    // 200 kB of prose takes far longer than a millisecond to extract.
    let long = ARTICLE.repeat(1500);
    let (status, body, _) = send(&app, post("/api/extract", "text/plain", long)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(error_message(status, &body).contains("longer than"));
}

#[tokio::test]
async fn kept_answers_follow_writes_to_the_database() {
    let dir = database();
    let app = app(&dir);
    let stats = || Request::get("/api/stats").body(Body::empty()).unwrap();
    let (_, before, first) = send(&app, stats()).await;
    let (_, again, second) = send(&app, stats()).await;
    assert_eq!(before, again);
    assert!(first.get(sitrep_server::cache::HIT_HEADER).is_none());
    assert_eq!(second[sitrep_server::cache::HIT_HEADER], "hit");
    assert_eq!(before["articles"], 3);
    // The events held in memory are read before the write...
    let (_, listed) = get(&app, "/api/events?country=UA").await;
    assert_eq!(listed["total"], 1);
    // An ingest writes while the server runs.
    let mut store = Store::open(dir.path().join("t.db")).unwrap();
    let more = EventSpec::shelling("Izium", 49.21, 37.25, "2024-03-25");
    store
        .insert_batch(&[report("d", "AP", "2024-03-25", &[more])])
        .unwrap();
    let (_, after, third) = send(&app, stats()).await;
    assert_eq!(after["articles"], 4, "{after}");
    assert!(third.get(sitrep_server::cache::HIT_HEADER).is_none());
    let (_, events) = get(&app, "/api/events?q=Izium").await;
    assert_eq!(events["total"], 1);
    // ...and again after it.
    let (_, listed) = get(&app, "/api/events?country=UA").await;
    assert_eq!(listed["total"], 2, "{listed}");
    let (_, near) = get(
        &app,
        "/api/events?near=49.21,37.25&radius_km=5&format=points",
    )
    .await;
    assert_eq!(near["id"].as_array().unwrap().len(), 1, "{near}");
    let at = near["location"][0].as_u64().unwrap() as usize;
    assert_eq!(near["strings"][at], "Izium");
}

#[tokio::test]
async fn warming_keeps_the_first_page_in_the_cache() {
    let dir = database();
    let app = app(&dir);
    sitrep_server::warm(app.clone()).await;
    for path in sitrep_server::FIRST_PAGE {
        let (status, _, headers) =
            send(&app, Request::get(*path).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers[sitrep_server::cache::HIT_HEADER], "hit", "{path}");
    }
    // The page preloads the first of them.
    let index =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/ui/index.html")).unwrap();
    assert!(
        index.contains(&sitrep_server::FIRST_PAGE[0].replace('&', "&amp;")),
        "index.html no longer preloads {}",
        sitrep_server::FIRST_PAGE[0]
    );
}

#[tokio::test]
async fn the_ui_is_served_from_the_binary_and_nothing_else_is() {
    let dir = database();
    let app = app(&dir);
    let fetch = |uri: &'static str| {
        let app = app.clone();
        async move {
            let response = app
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = response.status();
            let content_type = response
                .headers()
                .get(header::CONTENT_TYPE)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            (status, content_type)
        }
    };
    assert_eq!(
        fetch("/").await,
        (StatusCode::OK, "text/html; charset=utf-8".to_string())
    );
    assert_eq!(
        fetch("/app.js").await,
        (StatusCode::OK, "text/javascript; charset=utf-8".to_string())
    );
    // A UI route in the browser gets the page.
    assert_eq!(fetch("/event").await.0, StatusCode::OK);
    // The page loads the modules as one bundle, cached for good.
    let bundle = format!("/{}", sitrep_server::assets::BUNDLE_NAME);
    let response = app
        .clone()
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let page = response.into_body().collect().await.unwrap().to_bytes();
    let page = String::from_utf8(page.to_vec()).unwrap();
    assert!(page.contains(&format!("src=\"{bundle}\"")), "{page}");
    assert!(!page.contains("modulepreload"), "{page}");
    let response = app
        .clone()
        .oneshot(Request::get(bundle.as_str()).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let js = response.into_body().collect().await.unwrap().to_bytes();
    let js = String::from_utf8(js.to_vec()).unwrap();
    assert!(js.contains("---- app.js ----") && js.contains("class EventMap"));
    // Other files are revalidated by ETag.
    let response = app
        .clone()
        .oneshot(Request::get("/style.css").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let etag = response.headers()[header::ETAG].clone();
    let response = app
        .clone()
        .oneshot(
            Request::get("/style.css")
                .header(header::IF_NONE_MATCH, etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
    for outside in [
        "/../Cargo.toml",
        "/..%2f..%2fCargo.toml",
        "/%2e%2e/src/lib.rs",
        "/README.md",
        "/nothing.js",
    ] {
        assert_eq!(fetch(outside).await.0, StatusCode::NOT_FOUND, "{outside}");
    }
}
