//! End-to-end tests of the store commands: `ingest`, `events`, `articles`,
//! `claims`, `stats`, their error paths, and a kill -9 in the middle of an
//! ingest.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::predicate;
use serde_json::Value;
use sitrep_extract::report::{ActorKind, Stance, Status};
use sitrep_store::synthetic::{report, EventSpec};
use sitrep_store::Store;

fn sitrep() -> Command {
    Command::cargo_bin("sitrep").unwrap()
}

fn article(i: usize) -> String {
    format!(
        "Published: 12 February 2025\n\nBy Jane Roe\n\n\
         KHARKIV, Ukraine (AP) — Russian drones struck the city overnight, officials said \
         in report number {i}.\n\nThe strike hit a warehouse near Izium, the governor said.\n"
    )
}

/// Article `i` of a series published on days far enough apart that their
/// events never fuse: one story per cluster, as a large ingest of unrelated
/// news would be.
fn spread_article(i: usize) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let day = 2 + 3 * (i % 9);
    let month = MONTHS[(i / 9) % 12];
    let year = 1950 + i / 108;
    article(i).replace("12 February 2025", &format!("{day} {month} {year}"))
}

/// `n` small distinct articles in `dir/articles`.
fn articles_dir(dir: &Path, n: usize) -> PathBuf {
    articles_dir_with(dir, n, article)
}

/// `n` articles made by `make` in `dir/articles`.
fn articles_dir_with(dir: &Path, n: usize, make: fn(usize) -> String) -> PathBuf {
    let d = dir.join("articles");
    std::fs::create_dir_all(&d).unwrap();
    for i in 0..n {
        std::fs::write(d.join(format!("a{i:05}.txt")), make(i)).unwrap();
    }
    d
}

fn stats(db: &Path) -> Value {
    let out = sitrep()
        .args(["stats", "--json", "--db"])
        .arg(db)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn ingest_is_idempotent_and_records_failures() {
    let dir = tempfile::tempdir().unwrap();
    let arts = articles_dir(dir.path(), 20);
    // A duplicate under another name and a file that cannot be decoded.
    std::fs::write(arts.join("copy.txt"), article(3)).unwrap();
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
        .collect();
    std::fs::write(arts.join("noise.txt"), noise).unwrap();
    let db = dir.path().join("s.db");
    sitrep()
        .arg("ingest")
        .arg(&arts)
        .arg("--db")
        .arg(&db)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("noise.txt"))
        .stderr(predicate::str::contains("20 stored"))
        .stderr(predicate::str::contains("1 skipped as duplicates"))
        .stderr(predicate::str::contains("1 failed"));
    let s = stats(&db);
    assert_eq!(s["articles"], 20);
    assert_eq!(s["failures"], 1);
    // Again: nothing new, the same counts.
    sitrep()
        .arg("ingest")
        .arg(&arts)
        .arg("--db")
        .arg(&db)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("0 stored"))
        .stderr(predicate::str::contains("21 skipped as duplicates"));
    assert_eq!(stats(&db)["articles"], 20);
    let out = sitrep()
        .args(["articles", "--format", "jsonl", "--db"])
        .arg(&db)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 20);
    assert!(rows.iter().all(|r| r["published"] == "2025-02-12"));
    // The decoded text is stored, so spans can be shown later.
    let store = Store::open_read_only(&db).unwrap();
    let id = rows[0]["id"].as_str().unwrap();
    let rep = store.report(id).unwrap().unwrap();
    let text = rep["article"]["text"].as_str().unwrap();
    for p in rep["places"].as_array().unwrap() {
        let (s, e) = (
            p["start"].as_u64().unwrap() as usize,
            p["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], p["text"].as_str().unwrap());
    }
    // Full-text search.
    let out = sitrep()
        .args(["articles", "--search", "\"report number 7\"", "--db"])
        .arg(&db)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 2);
}

/// A database with synthetic fused events (real reports have none yet).
fn synthetic_db(dir: &Path) -> PathBuf {
    let db = dir.join("synthetic.db");
    let mut store = Store::open(&db).unwrap();
    let mut a = EventSpec::shelling("Kupiansk", 49.7106, 37.6156, "2024-03-12");
    a.fatalities = Some(4);
    let mut b = EventSpec::shelling("Kupiansk", 49.72, 37.60, "2024-03-12");
    b.fatalities = Some(2);
    b.claimant = Some((
        "Ministry of Defence of Ukraine".into(),
        Some("Ukrinform, \"quoted\"".into()),
    ));
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
    store
        .insert_batch(&[
            report("a", "Reuters", "2024-03-12", &[a]),
            report("b", "Ukrinform", "2024-03-13", &[b]),
            report("c", "Newsweek", "2024-03-15", &[clash]),
        ])
        .unwrap();
    db
}

fn events_out(db: &Path, extra: &[&str]) -> String {
    let out = sitrep()
        .arg("events")
        .arg("--db")
        .arg(db)
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn events_filters_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let db = synthetic_db(dir.path());
    let lines = |s: String| s.lines().count();
    assert_eq!(lines(events_out(&db, &["--format", "jsonl"])), 2);
    assert_eq!(
        lines(events_out(&db, &["--format", "jsonl", "--type", "Battles"])),
        1
    );
    assert_eq!(
        lines(events_out(&db, &["--format", "jsonl", "--actor", "Legion"])),
        1
    );
    assert_eq!(
        lines(events_out(
            &db,
            &["--format", "jsonl", "--since", "2024-03-13"]
        )),
        1
    );
    assert_eq!(
        lines(events_out(
            &db,
            &["--format", "jsonl", "--until", "2024-03-11"]
        )),
        0
    );
    // Place names resolve through the gazetteer.
    let near = events_out(
        &db,
        &[
            "--format",
            "jsonl",
            "--near",
            "Kupiansk",
            "--radius-km",
            "30",
        ],
    );
    assert_eq!(lines(near.clone()), 1);
    let v: Value = serde_json::from_str(near.lines().next().unwrap()).unwrap();
    assert_eq!(v["sources"], 2);
    assert_eq!(v["fatalities"], 2);
    assert_eq!(
        lines(events_out(
            &db,
            &["--format", "jsonl", "--near", "Lviv", "--radius-km", "30"]
        )),
        0
    );
    assert_eq!(
        lines(events_out(
            &db,
            &[
                "--format",
                "jsonl",
                "--near",
                "51.3,34.3",
                "--radius-km",
                "10"
            ]
        )),
        1
    );
    // The table has a header and one line per event.
    assert_eq!(lines(events_out(&db, &[])), 3);
    // GeoJSON: lon, lat.
    let gj: Value = serde_json::from_str(&events_out(
        &db,
        &["--format", "geojson", "--type", "Battles"],
    ))
    .unwrap();
    assert_eq!(gj["type"], "FeatureCollection");
    assert_eq!(
        gj["features"][0]["geometry"]["coordinates"][0].as_f64(),
        Some(34.29382)
    );
    // Claims of the fused shelling.
    let id = v["id"].as_str().unwrap();
    let claims = sitrep()
        .args(["claims", "--format", "jsonl", "--event", id, "--db"])
        .arg(&db)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(claims).unwrap().lines().count(), 2);
    sitrep()
        .args(["claims", "--event", "Fnope", "--db"])
        .arg(&db)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no event"));
}

#[test]
fn acled_csv_loads_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = synthetic_db(dir.path());
    let csv = events_out(&db, &["--format", "acled-csv"]);
    let file = dir.path().join("out.csv");
    std::fs::write(&file, &csv).unwrap();
    assert!(
        csv.starts_with("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,")
    );
    let script = r#"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
assert len(rows) == 2, rows
assert all(len(r) == 31 for r in rows)
by = {r['event_type']: r for r in rows}
s = by['Explosions/Remote violence']
assert s['iso'] == '804' and s['country'] == 'Ukraine' and s['region'] == 'Europe', s
assert s['fatalities'] == '2' and s['geo_precision'] == '1', s
assert 'Ukrinform, "quoted"' in s['source'], s['source']
b = by['Battles']
assert b['iso'] == '643' and b['inter1'] == 'Rebel group' and b['interaction'] == 'State forces-Rebel group', b
assert b['event_date'] == '2024-03-13' and b['time_precision'] == '2', b
try:
    import pandas
    df = pandas.read_csv(sys.argv[1])
    assert len(df) == 2 and list(df.columns)[0] == 'event_id_cnty'
    print('pandas ok')
except ImportError:
    print('csv ok (no pandas)')
"#;
    match std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&file)
        .output()
    {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            eprintln!("{}", String::from_utf8_lossy(&out.stdout).trim());
        }
        Err(_) => eprintln!("skipped the python check: no python3"),
    }
}

#[test]
fn bad_databases_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let arts = articles_dir(d, 2);
    let text = d.join("notes.txt");
    std::fs::write(&text, "hello, this is not a database\n".repeat(100)).unwrap();
    let random = d.join("random.db");
    std::fs::write(
        &random,
        (0..9000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 9) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let foreign = d.join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE photos(id INTEGER PRIMARY KEY, file TEXT);")
        .unwrap();
    for (db, says) in [
        (&text, "not a sitrep database"),
        (&random, "not a sitrep database"),
        (&foreign, "another application"),
    ] {
        for cmd in [
            vec!["ingest", arts.to_str().unwrap()],
            vec!["events"],
            vec!["stats"],
        ] {
            sitrep()
                .args(&cmd)
                .arg("--db")
                .arg(db)
                .assert()
                .code(1)
                .stderr(predicate::str::contains(says));
        }
    }
    assert_eq!(
        std::fs::read_to_string(&text).unwrap().len(),
        3000,
        "untouched"
    );
    sitrep()
        .args(["events", "--db"])
        .arg(d.join("none.db"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no such database"));
    assert!(!d.join("none.db").exists());
    sitrep()
        .args(["ingest", arts.to_str().unwrap(), "--db"])
        .arg(d)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a directory"));
    sitrep()
        .args(["events", "--near", "Xqzzyvlle Nowhere", "--db"])
        .arg(&text)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no such place"));
    sitrep()
        .args(["events", "--radius-km", "5"])
        .assert()
        .code(2);
}

/// The binary, run as an unprivileged user when the tests run as root
/// (permission bits do not bind root); `None` when that is not possible.
#[cfg(unix)]
fn unprivileged_sitrep() -> Option<Command> {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !root {
        return Some(sitrep());
    }
    let has_setpriv = std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_setpriv {
        return None;
    }
    let mut cmd = Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(assert_cmd::cargo::cargo_bin("sitrep"));
    Some(cmd)
}

#[cfg(unix)]
#[test]
fn read_only_directory_and_database_are_clear_errors() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let arts = articles_dir(dir.path(), 3);
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    // A database with one article, then the directory made read-only.
    let one = dir.path().join("one");
    std::fs::create_dir(&one).unwrap();
    std::fs::copy(arts.join("a00000.txt"), one.join("a.txt")).unwrap();
    sitrep()
        .arg("ingest")
        .arg(&one)
        .arg("--db")
        .arg(ro.join("s.db"))
        .assert()
        .success();
    for p in [dir.path(), &arts, &one] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::set_permissions(ro.join("s.db"), std::fs::Permissions::from_mode(0o444)).unwrap();
    for f in ["s.db-wal", "s.db-shm"] {
        let _ = std::fs::remove_file(ro.join(f));
    }
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let Some(_) = unprivileged_sitrep() else {
        eprintln!("skipped: running as root without setpriv");
        return;
    };
    let run = |args: &[&std::ffi::OsStr]| {
        let mut cmd = unprivileged_sitrep().unwrap();
        cmd.args(args);
        cmd.assert()
    };
    // Writing: a clear error, nothing stored.
    run(&[
        "ingest".as_ref(),
        arts.as_os_str(),
        "--db".as_ref(),
        ro.join("s.db").as_os_str(),
    ])
    .code(1)
    .stderr(predicate::str::contains("cannot write the database"));
    run(&[
        "ingest".as_ref(),
        arts.as_os_str(),
        "--db".as_ref(),
        ro.join("new.db").as_os_str(),
    ])
    .code(1)
    .stderr(predicate::str::contains("cannot write the database"));
    assert!(!ro.join("new.db").exists());
    // Reading still works.
    let out = run(&[
        "stats".as_ref(),
        "--json".as_ref(),
        "--db".as_ref(),
        ro.join("s.db").as_os_str(),
    ])
    .success()
    .get_output()
    .stdout
    .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["articles"], 1);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Checks that every stored article is whole: its report's places are all
/// in `places`, its text and full-text row are there.
fn assert_whole(db: &Path) -> usize {
    let c = rusqlite::Connection::open(db).unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let mut st = c
        .prepare(
            "SELECT a.report, a.text IS NOT NULL,
                    (SELECT count(*) FROM places p WHERE p.article_id = a.id),
                    (SELECT count(*) FROM articles_fts f WHERE f.rowid = a.rowid)
             FROM articles a",
        )
        .unwrap();
    let rows: Vec<(String, bool, i64, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (report, has_text, places, fts) in &rows {
        let v: Value = serde_json::from_str(report).unwrap();
        assert_eq!(v["places"].as_array().unwrap().len() as i64, *places);
        assert!(*has_text);
        assert_eq!(*fts, 1);
    }
    rows.len()
}

#[test]
fn kill_9_leaves_whole_articles_and_a_rerun_completes() {
    // Enough articles that even a fast machine is still ingesting at the
    // first poll (every 10 ms).
    const N: usize = 3000;
    let dir = tempfile::tempdir().unwrap();
    let arts = articles_dir_with(dir.path(), N, spread_article);
    let db = dir.path().join("k.db");
    let bin = assert_cmd::cargo::cargo_bin("sitrep");
    let mut child = std::process::Command::new(&bin)
        .arg("ingest")
        .arg(&arts)
        .args(["--batch", "16", "-q", "--db"])
        .arg(&db)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some articles are stored (or after a few seconds).
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(10));
        let stored =
            rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .and_then(|c| {
                    c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
                })
                .unwrap_or(0);
        if stored >= 50 || start.elapsed() > Duration::from_secs(20) {
            break;
        }
    }
    // Readers work while the ingest runs.
    let during = stats(&db);
    assert!(during["articles"].as_u64().unwrap() >= 1);
    sitrep()
        .arg("events")
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    child.kill().unwrap(); // SIGKILL on unix
    let status = child.wait().unwrap();
    assert!(!status.success());
    let partial = assert_whole(&db);
    assert!(
        partial < N,
        "the kill came before the end ({partial} stored)"
    );
    // The re-run stores the rest, without duplicates.
    sitrep()
        .arg("ingest")
        .arg(&arts)
        .arg("--db")
        .arg(&db)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("{} stored", N - partial)))
        .stderr(predicate::str::contains(format!(
            "{partial} skipped as duplicates"
        )));
    assert_eq!(assert_whole(&db), N);
    let c = rusqlite::Connection::open(&db).unwrap();
    let distinct: i64 = c
        .query_row("SELECT count(DISTINCT path) FROM articles", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(distinct, N as i64);
}
