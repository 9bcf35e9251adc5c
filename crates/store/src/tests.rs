//! Tests of the store over synthetic reports.

use crate::synthetic::{report, EventSpec};
use crate::{export, EventFilter, Store, StoreError};
use sitrep_extract::report::{ActorKind, Report, Stance, Status};

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("t.db")).unwrap();
    (dir, store)
}

/// Three articles on one shelling of Kupiansk (two figures, one denial by
/// a fourth), one on a clash far away, one with an event with no place.
fn corpus() -> Vec<Report> {
    let mut a = EventSpec::shelling("Kupiansk", 49.7106, 37.6156, "2024-03-12");
    a.fatalities = Some(4);
    let mut b = EventSpec::shelling("Kupiansk", 49.72, 37.60, "2024-03-12");
    b.fatalities = Some(2);
    b.claimant = Some((
        "Ministry of Defence of Ukraine".into(),
        Some("Ukrinform".into()),
    ));
    let mut c = EventSpec::shelling("Kupiansk district", 49.75, 37.65, "2024-03-11");
    c.date = Some(("2024-03-11".into(), "2024-03-12".into()));
    c.geo_precision = 2;
    let mut d = EventSpec::shelling("Kupiansk", 49.7106, 37.6156, "2024-03-12");
    d.claimant = Some(("Ministry of Defence of Russia".into(), Some("TASS".into())));
    d.stance = Stance::Denies;
    let clash = EventSpec {
        event_type: "Battles".into(),
        sub_event_type: "Armed clash".into(),
        actor1: Some(("Freedom of Russia Legion".into(), ActorKind::RebelGroup)),
        actor2: Some(("Military Forces of Russia".into(), ActorKind::StateForces)),
        place: Some((
            "Tyotkino".into(),
            51.28128,
            34.29382,
            "RU".into(),
            "Kursk Oblast".into(),
        )),
        geo_precision: 1,
        date: Some(("2024-03-12".into(), "2024-03-15".into())),
        fatalities: None,
        status: Status::Occurred,
        claimant: Some(("Alexei Baranovsky".into(), Some("Newsweek".into()))),
        stance: Stance::Asserts,
    };
    let mut nowhere = EventSpec::shelling("x", 0.0, 0.0, "2024-03-12");
    nowhere.place = None;
    vec![
        report("a", "Reuters", "2024-03-12", &[a]),
        report("b", "Ukrinform", "2024-03-13", &[b]),
        report("c", "Kyiv Independent", "2024-03-13", &[c, nowhere]),
        report("d", "TASS", "2024-03-13", &[d]),
        report("e", "Newsweek", "2024-03-15", &[clash]),
    ]
}

/// Fused events without the ingest-order-dependent timestamps.
fn snapshot(store: &Store) -> serde_json::Value {
    let mut v = serde_json::to_value(store.events(&EventFilter::default()).unwrap()).unwrap();
    for f in v.as_array_mut().unwrap() {
        f.as_object_mut().unwrap().remove("updated_at");
    }
    v
}

#[test]
fn fuses_reports_of_one_event_across_articles() {
    let (_d, mut store) = temp_store();
    let done = store.insert_batch(&corpus()).unwrap();
    assert_eq!(done.stored, 5);
    assert_eq!(done.events, 6);
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 3, "{events:#?}");
    let shelling = events.iter().find(|f| f.sources > 1).unwrap();
    assert_eq!(shelling.sources, 4);
    assert_eq!(shelling.agree, 3);
    assert_eq!(shelling.fatalities, Some(2));
    assert_eq!(shelling.members.len(), 4);
    assert_eq!(shelling.date_start.as_deref(), Some("2024-03-12"));
    assert_eq!(shelling.geo_precision, Some(1));
    let about: Vec<&str> = shelling
        .contradictions
        .iter()
        .map(|c| c.about.as_str())
        .collect();
    assert!(
        about.contains(&"fatalities") && about.contains(&"outcome"),
        "{about:?}"
    );
    let claims: usize = shelling.members.iter().map(|m| m.claims.len()).sum();
    assert_eq!(claims, 4);
    let stats = store.stats().unwrap();
    assert_eq!(
        (
            stats.articles,
            stats.events,
            stats.fused_events,
            stats.multi_source
        ),
        (5, 6, 3, 1)
    );
    assert_eq!(stats.contradictions, 2);
    let counts = store.contradiction_counts().unwrap();
    assert_eq!(counts.values().sum::<usize>(), 2);
    let kupiansk = store
        .events(&EventFilter::default())
        .unwrap()
        .into_iter()
        .find(|f| f.sources > 1)
        .unwrap();
    assert_eq!(
        counts.get(&kupiansk.id),
        Some(&kupiansk.contradictions.len())
    );
}

#[test]
fn fusion_does_not_depend_on_ingest_order_or_batching() {
    let docs = corpus();
    let (_d1, mut one) = temp_store();
    one.insert_batch(&docs).unwrap();
    let (_d2, mut two) = temp_store();
    for r in docs.iter().rev() {
        two.insert_batch(std::slice::from_ref(r)).unwrap();
    }
    let (_d3, mut three) = temp_store();
    three
        .insert_batch(&[docs[3].clone(), docs[0].clone()])
        .unwrap();
    three
        .insert_batch(&[docs[4].clone(), docs[2].clone(), docs[1].clone()])
        .unwrap();
    let want = snapshot(&one);
    assert_eq!(snapshot(&two), want);
    assert_eq!(snapshot(&three), want);
}

#[test]
fn a_new_article_can_merge_two_clusters() {
    let (_d, mut store) = temp_store();
    // 18 km apart: separate at precision 1.
    let west = EventSpec::shelling("West", 49.70, 37.50, "2024-03-12");
    let east = EventSpec::shelling("East", 49.70, 37.75, "2024-03-12");
    store
        .insert_batch(&[
            report("w", "A", "2024-03-12", &[west]),
            report("e", "B", "2024-03-12", &[east]),
        ])
        .unwrap();
    assert_eq!(store.stats().unwrap().fused_events, 2);
    // A precision-2 report in the middle links both.
    let mut mid = EventSpec::shelling("Middle", 49.70, 37.625, "2024-03-12");
    mid.geo_precision = 2;
    let done = store
        .insert_batch(&[report("m", "C", "2024-03-12", &[mid])])
        .unwrap();
    assert_eq!(done.fused, 1);
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].sources, 3);
    let members: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM fused_members", [], |r| r.get(0))
        .unwrap();
    assert_eq!(members, 3);
}

#[test]
fn storing_is_idempotent() {
    let (_d, mut store) = temp_store();
    let docs = corpus();
    store.insert_batch(&docs).unwrap();
    let before = snapshot(&store);
    let again = store.insert_batch(&docs).unwrap();
    assert_eq!((again.stored, again.duplicates, again.events), (0, 5, 0));
    assert_eq!(snapshot(&store), before);
    assert!(store.has_article(&docs[0].article.id).unwrap());
    assert_eq!(store.article_ids().unwrap().len(), 5);
}

#[test]
fn the_full_report_and_text_come_back() {
    let (_d, mut store) = temp_store();
    let docs = corpus();
    store.insert_batch(&docs).unwrap();
    let back = store.report(&docs[4].article.id).unwrap().unwrap();
    let parsed: Report = serde_json::from_value(back).unwrap();
    assert_eq!(parsed, docs[4]);
    assert!(store.report("nope").unwrap().is_none());
}

#[test]
fn filters_select_events() {
    let (_d, mut store) = temp_store();
    store.insert_batch(&corpus()).unwrap();
    let count = |f: EventFilter| store.events(&f).unwrap().len();
    assert_eq!(
        count(EventFilter {
            event_type: Some("battles".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            event_type: Some("Armed clash".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("legion".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("100%".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            since: Some("2024-03-13".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            until: Some("2024-03-11".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            until: Some("2024-03-12".into()),
            ..Default::default()
        }),
        3
    );
    // Kharkiv city is about 110 km from Kupiansk.
    let kharkiv = (49.9935, 36.2304);
    assert_eq!(
        count(EventFilter {
            near: Some((kharkiv, 50.0)),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            near: Some((kharkiv, 120.0)),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            limit: Some(2),
            ..Default::default()
        }),
        2
    );
}

#[test]
fn claims_and_articles_are_listed() {
    let (_d, mut store) = temp_store();
    let docs = corpus();
    store.insert_batch(&docs).unwrap();
    let events = store.events(&EventFilter::default()).unwrap();
    let shelling = events.iter().find(|f| f.sources > 1).unwrap();
    let claims = store.claims_of(&shelling.id).unwrap().unwrap();
    assert_eq!(claims.len(), 4);
    assert!(claims
        .iter()
        .any(|c| c.stance == "denies" && c.via == ["TASS"]));
    let one = store
        .claims_of(&format!("{}/e1", docs[4].article.id))
        .unwrap()
        .unwrap();
    assert_eq!(one[0].claimant.as_deref(), Some("Alexei Baranovsky"));
    assert!(store.claims_of("Fdeadbeef0000").unwrap().is_none());
    assert_eq!(store.articles(None, None).unwrap().len(), 5);
    let hits = store.articles(Some("Newsweek"), None).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].events, 1);
    assert!(store.articles(Some("\"unbalanced"), None).is_err());
}

#[test]
fn acled_export_has_acled_columns() {
    let (_d, mut store) = temp_store();
    store.insert_batch(&corpus()).unwrap();
    let events = store.events(&EventFilter::default()).unwrap();
    let mut out = Vec::new();
    export::acled_csv(&mut out, &events).unwrap();
    let text = String::from_utf8(out).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.starts_with("event_id_cnty,event_date,year,time_precision,disorder_type"));
    assert_eq!(header.split(',').count(), 31);
    assert_eq!(text.lines().count(), 1 + events.len());
    let shelling = events.iter().find(|f| f.sources > 1).unwrap();
    let row = export::acled_row(shelling);
    let col = |name: &str| {
        &row[export::ACLED_COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap()]
    };
    assert_eq!(col("iso"), "804");
    assert_eq!(col("country"), "Ukraine");
    assert_eq!(col("region"), "Europe");
    assert_eq!(col("disorder_type"), "Political violence");
    assert_eq!(col("inter1"), "State forces");
    assert_eq!(col("inter2"), "Civilians");
    assert_eq!(col("interaction"), "State forces-Civilians");
    assert_eq!(col("civilian_targeting"), "Civilian targeting");
    assert_eq!(col("fatalities"), "2");
    assert_eq!(col("event_date"), "2024-03-12");
    assert!(col("event_id_cnty").starts_with("UKRF"));
    assert!(
        col("source").contains("Ministry of Defence of Russia via TASS"),
        "{}",
        col("source")
    );
    assert!(!col("notes").contains('\n'));
    assert!(col("timestamp").parse::<i64>().unwrap() > 1_700_000_000);
}

#[test]
fn geojson_is_lon_lat() {
    let (_d, mut store) = temp_store();
    store.insert_batch(&corpus()).unwrap();
    let events = store
        .events(&EventFilter {
            event_type: Some("Battles".into()),
            ..Default::default()
        })
        .unwrap();
    let mut out = Vec::new();
    export::geojson(&mut out, &events).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let coords = &v["features"][0]["geometry"]["coordinates"];
    assert_eq!(coords[0].as_f64(), Some(34.29382));
    assert_eq!(coords[1].as_f64(), Some(51.28128));
}

#[test]
fn export_helpers() {
    assert_eq!(export::event_date("2024-03-10", "2024-03-14"), "2024-03-12");
    assert_eq!(export::event_date("2024-03-10", "2024-03-10"), "2024-03-10");
    assert_eq!(export::event_date("bad", "2024-03-10"), "bad");
    assert_eq!(
        export::interaction("Civilians", "Rebel group"),
        "Rebel group-Civilians"
    );
    assert_eq!(export::interaction("", "Rebel group"), "Rebel group only");
    assert_eq!(
        export::disorder_type("Protests", "Peaceful protest"),
        "Demonstrations"
    );
    assert_eq!(export::inter(None, "Protesters (Georgia)"), "Protesters");
}

fn open_err(path: &std::path::Path) -> StoreError {
    Store::open(path).unwrap_err()
}

#[test]
fn foreign_and_corrupted_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "just some text, certainly not a database\n".repeat(50),
    )
    .unwrap();
    assert!(
        matches!(open_err(&text), StoreError::NotADatabase { .. }),
        "{}",
        open_err(&text)
    );
    assert_eq!(
        std::fs::read(&text).unwrap().len(),
        41 * 50,
        "left untouched"
    );
    let random = dir.path().join("random.bin");
    let bytes: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&random, &bytes).unwrap();
    assert!(matches!(open_err(&random), StoreError::NotADatabase { .. }));
    let other = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT);")
            .unwrap();
    }
    let e = open_err(&other);
    assert!(matches!(e, StoreError::Foreign { .. }), "{e}");
    assert!(e.to_string().contains("another application"));
    assert!(matches!(
        Store::open_read_only(&other).unwrap_err(),
        StoreError::Foreign { .. }
    ));
    assert!(matches!(
        open_err(dir.path()),
        StoreError::NotADatabase { .. }
    ));
    let missing = dir.path().join("missing.db");
    assert!(matches!(
        Store::open_read_only(&missing).unwrap_err(),
        StoreError::Missing { .. }
    ));
    assert!(!missing.exists());
}

#[test]
fn a_newer_schema_is_refused() {
    let (dir, store) = temp_store();
    store
        .connection()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    drop(store);
    let e = open_err(&dir.path().join("t.db"));
    assert!(matches!(e, StoreError::TooNew { found: 99, .. }), "{e}");
}

#[test]
fn readers_see_whole_batches_while_a_writer_works() {
    let (dir, mut store) = temp_store();
    let docs = corpus();
    store.insert_batch(&docs[..2]).unwrap();
    let reader = Store::open_read_only(dir.path().join("t.db")).unwrap();
    assert_eq!(reader.stats().unwrap().articles, 2);
    store.insert_batch(&docs[2..]).unwrap();
    assert_eq!(reader.stats().unwrap().articles, 5);
    assert_eq!(reader.integrity_check().unwrap(), "ok");
}

#[cfg(unix)]
#[test]
fn read_only_database_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, mut store) = temp_store();
    store.insert_batch(&corpus()[..1]).unwrap();
    drop(store);
    let path = dir.path().join("t.db");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    // Root ignores permission bits: nothing to test then.
    if std::fs::OpenOptions::new().write(true).open(&path).is_ok() {
        eprintln!("skipped: running as root");
        return;
    }
    match Store::open(&path) {
        Err(e) => assert!(matches!(e, StoreError::ReadOnly { .. }), "{e}"),
        Ok(mut s) => {
            let e = s.insert_batch(&corpus()[1..2]).unwrap_err();
            assert!(matches!(e, StoreError::ReadOnly { .. }), "{e}");
        }
    }
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.stats().unwrap().articles, 1);
}

#[test]
fn uri_paths_are_escaped() {
    let p = std::path::Path::new("/tmp/a?b#c%d.db");
    assert_eq!(crate::uri_path(p), "/tmp/a%3fb%23c%25d.db");
}

#[test]
fn day_numbers() {
    assert_eq!(crate::day_number("1970-01-01"), Some(0));
    assert_eq!(crate::day_number("1970-01-02"), Some(1));
    assert_eq!(crate::day_number("1969-12-31"), Some(-1));
    assert_eq!(
        crate::day_number("2024-03-01").unwrap() - crate::day_number("2024-02-28").unwrap(),
        2
    );
    assert_eq!(crate::day_number("yesterday"), None);
}

#[test]
fn bundled_sqlite_has_fts5_and_rtree() {
    let (_d, store) = temp_store();
    let mut st = store
        .connection()
        .prepare("PRAGMA compile_options")
        .unwrap();
    let opts: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(opts.iter().any(|o| o == "ENABLE_FTS5"), "{opts:?}");
    assert!(opts.iter().any(|o| o == "ENABLE_RTREE"), "{opts:?}");
    let mode: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn pages_count_every_match_and_filter_by_country_and_text() {
    let (_dir, mut store) = temp_store();
    store.insert_batch(&corpus()).unwrap();
    let all = store.events_page(&EventFilter::default()).unwrap();
    assert_eq!(all.total, all.events.len());
    assert!(all.total >= 3, "{}", all.total);
    let page = store
        .events_page(&EventFilter {
            offset: 1,
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, all.total);
    assert_eq!(page.events.len(), 1);
    assert_eq!(page.events[0].id, all.events[1].id);
    let russia = store
        .events_page(&EventFilter {
            country: Some("ru".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(russia.total, 1);
    assert_eq!(russia.events[0].location.as_deref(), Some("Tyotkino"));
    // Only article "e" (Newsweek) names the Legion in its text.
    let legion = store
        .events_page(&EventFilter {
            search: Some("Legion".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(legion.total, 1);
    assert_eq!(legion.events[0].event_type, "Battles");
    let near_page = store
        .events_page(&EventFilter {
            near: Some(((49.7106, 37.6156), 50.0)),
            offset: 5,
            ..Default::default()
        })
        .unwrap();
    assert!(near_page.total >= 1);
    assert!(near_page.events.is_empty());
    let bad = store.events_page(&EventFilter {
        search: Some("\"unbalanced".into()),
        ..Default::default()
    });
    assert!(matches!(bad, Err(StoreError::Sqlite { .. })), "{bad:?}");
}

#[test]
fn actors_and_places_are_counted_by_mentions() {
    let (_dir, mut store) = temp_store();
    store.insert_batch(&corpus()).unwrap();
    let actors = store.actor_counts(None, 50).unwrap();
    assert!(actors.windows(2).all(|w| w[0].mentions >= w[1].mentions));
    let legion = store.actor_counts(Some("legion"), 50).unwrap();
    assert_eq!(legion.len(), 1);
    assert_eq!(legion[0].name, "Freedom of Russia Legion");
    assert_eq!((legion[0].mentions, legion[0].articles), (1, 1));
    assert!(store.actor_counts(Some("100%"), 50).unwrap().is_empty());
    let places = store.place_counts(Some("kupiansk"), 50).unwrap();
    let city = places.iter().find(|p| p.name == "Kupiansk").unwrap();
    assert_eq!((city.mentions, city.articles), (3, 3));
    assert_eq!(store.place_counts(None, 1).unwrap().len(), 1);
    assert_eq!(store.article_count(None).unwrap(), 5);
    assert_eq!(store.article_count(Some("Newsweek")).unwrap(), 1);
    let second = store.articles_from(None, Some(10), 1).unwrap();
    assert_eq!(second.len(), 4);
}
