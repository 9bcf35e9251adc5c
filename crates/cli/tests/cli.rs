//! End-to-end tests of the `sitrep` binary: every error path and exit code.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::{predicate, PredicateBooleanExt};
use serde_json::Value;

const GOOD: &str = "Published: 12 February 2025\n\nBy Jane Roe\n\n\
KHARKIV, Ukraine (AP) — Russian drones struck the city overnight, officials said.\n";

fn sitrep() -> Command {
    Command::cargo_bin("sitrep").unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs `cmd`, expects success, and returns its standard output.
fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    cmd.assert().success().get_output().stdout.clone()
}

fn jsonl(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON report"))
        .collect()
}

#[test]
fn bad_inputs_fail_one_by_one_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
        .collect();
    let args = [
        write(d, "empty.txt", b""),
        write(d, "random.bin", &noise),
        d.join("missing.txt"),
        write(d, "good.txt", GOOD.as_bytes()),
    ];
    let out = sitrep()
        .arg("extract")
        .args(&args)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let reports = jsonl(&out.stdout);
    assert_eq!(reports.len(), 1);
    assert!(reports[0]["article"]["path"]
        .as_str()
        .unwrap()
        .ends_with("good.txt"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines[0].contains("empty.txt") && lines[0].contains("empty file"));
    assert!(lines[1].contains("random.bin") && lines[1].contains("binary"));
    assert!(lines[2].contains("missing.txt") && lines[2].contains("no such file"));
    assert!(!stderr.contains("panicked"));
}

#[test]
fn every_kind_of_bad_file_gets_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let truncated = [b"Kharkiv \xd0\xa5\xd0".as_slice()].concat();
    let huge = d.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(21 * 1024 * 1024)
        .unwrap();
    let cases: [(PathBuf, &str); 5] = [
        (write(d, "blank.txt", b"  \n\t \r\n"), "only whitespace"),
        (write(d, "nul.txt", b"Kyiv\0Kharkiv"), "binary"),
        (write(d, "cut.txt", &truncated), "truncated UTF-8"),
        (huge, "over the 20 MB limit"),
        (d.join("sub"), "no such file"),
    ];
    for (path, reason) in cases {
        sitrep()
            .arg("extract")
            .arg(&path)
            .assert()
            .code(1)
            .stdout("")
            .stderr(
                predicate::str::contains(path.display().to_string())
                    .and(predicate::str::contains(reason)),
            );
    }
}

#[test]
fn one_file_gives_pretty_json_and_several_give_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", GOOD.as_bytes());
    let out = stdout_of(sitrep().arg("extract").arg(&a));
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("{\n"), "pretty JSON expected");
    let report: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["schema"], "sitrep/1");
    for key in ["places", "actors", "events", "claims", "contradictions"] {
        assert!(report[key].is_array(), "{key} must be present");
    }
    let b = write(dir.path(), "b.txt", GOOD.replace("Jane", "Joan").as_bytes());
    let out = stdout_of(sitrep().arg("extract").args([&a, &b]));
    assert_eq!(jsonl(&out).len(), 2);
    let out = stdout_of(sitrep().args(["extract", "--format", "jsonl"]).arg(&a));
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
}

#[test]
fn directories_are_walked_and_hidden_files_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("nested/deeper")).unwrap();
    write(d, "one.txt", GOOD.as_bytes());
    write(d, "nested/two.text", GOOD.as_bytes());
    write(d, "nested/deeper/three", GOOD.as_bytes());
    write(d, ".hidden.txt", b"");
    write(d, "notes.json", b"{}");
    let out = stdout_of(sitrep().arg("extract").arg(d));
    let paths: Vec<String> = jsonl(&out)
        .iter()
        .map(|r| r["article"]["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert!(
        paths[0].ends_with("nested/deeper/three") && paths[2].ends_with("one.txt"),
        "{paths:?}"
    );
}

#[test]
fn stdin_is_read_with_dash_or_no_path() {
    for args in [vec!["extract"], vec!["extract", "-"]] {
        let out = stdout_of(sitrep().args(&args).write_stdin(GOOD));
        let report: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(report["article"]["path"], Value::Null);
    }
    sitrep()
        .arg("extract")
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("<stdin>: empty file"));
}

#[test]
fn published_fills_a_missing_date_and_bad_dates_are_usage_errors() {
    let out = stdout_of(
        sitrep()
            .args(["extract", "--published", "2024-03-15"])
            .write_stdin("Fighting continued near the border, the governor said.\n"),
    );
    let report: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["article"]["published"], "2024-03-15");
    sitrep()
        .args(["extract", "--published", "15/03/2024"])
        .write_stdin(GOOD)
        .assert()
        .code(2);
}

#[test]
fn include_text_adds_the_transcoding() {
    let (bytes, _, _) = encoding_rs::KOI8_R
        .encode("Вчера вечером войска обстреляли окраины города, сообщили местные власти.\n");
    let out = stdout_of(
        sitrep()
            .args(["extract", "--include-text"])
            .write_stdin(bytes.into_owned()),
    );
    let report: Value = serde_json::from_slice(&out).unwrap();
    assert!(report["article"]["encoding"]
        .as_str()
        .unwrap()
        .starts_with("KOI8"));
    assert!(report["article"]["text"]
        .as_str()
        .unwrap()
        .contains("обстреляли"));
}

#[test]
fn a_directory_of_100k_files_streams_through() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("many");
    std::fs::create_dir(&sub).unwrap();
    for i in 0..100_000 {
        std::fs::write(sub.join(format!("{i:06}.txt")), "Shelling hit Kherson.\n").unwrap();
    }
    let out = stdout_of(sitrep().arg("extract").arg(&sub));
    assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 100_000);
}

#[test]
fn seed_article_gives_its_metadata() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/000_f16e8261ec08a98a.txt");
    if !seed.exists() {
        eprintln!(
            "skipping: {} is absent (it lives in ../shared, outside the repo)",
            seed.display()
        );
        return;
    }
    let out = stdout_of(sitrep().arg("extract").arg(&seed));
    let report: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["article"]["published"], "2024-03-15");
    assert_eq!(report["article"]["byline"], "Christian Sturgeon");
    assert_eq!(report["article"]["language"], "en");
}

#[test]
fn eval_scores_and_enforces_floors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a.txt",
        b"Fighting continued near the border, the governor said.\n",
    );
    write(d, "a.gold.json", br#"{"byline": null, "places": [{"text": "Kyiv", "lat": 50.45, "lon": 30.52, "feature": "populated_place"}]}"#);
    let out = stdout_of(sitrep().args(["eval", "--json"]).arg(d));
    let scores: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(scores["articles"], 1);
    assert_eq!(scores["overall"]["byline.acc"], 1.0);
    assert_eq!(scores["overall"]["places.r"], 0.0);
    sitrep()
        .args(["eval", "--min", "byline.acc=1"])
        .arg(d)
        .assert()
        .success();
    sitrep()
        .args(["eval", "--min", "places.f1=0.5"])
        .arg(d)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "places.f1 = 0.000, below the floor 0.5",
        ));
    sitrep()
        .args(["eval", "--min", "nonsense.f1=0.5"])
        .arg(d)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not scored"));
    sitrep()
        .args(["eval", "--min", "places.f1"])
        .arg(d)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("FIELD=VALUE"));
}

#[test]
fn eval_reports_bad_gold_files_and_empty_dirs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    sitrep()
        .arg("eval")
        .arg(d)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no NAME.gold.json"));
    write(d, "a.txt", GOOD.as_bytes());
    write(d, "a.gold.json", b"{not json");
    write(d, "b.txt", GOOD.as_bytes());
    write(d, "b.gold.json", br#"{"published": "2025-02-12"}"#);
    sitrep()
        .arg("eval")
        .arg(d)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "a.gold.json: not a valid gold file",
        ))
        .stdout(predicate::str::contains("overall, 1 articles"));
}

#[test]
fn places_lists_candidates_best_first() {
    let out = stdout_of(sitrep().args(["places", "Grajvoron"]));
    let text = String::from_utf8(out).unwrap();
    let first = text.lines().nth(1).unwrap();
    assert!(first.contains("Grayvoron, Belgorod Oblast, RU"), "{text}");
    let out = stdout_of(sitrep().args(["places", "--json", "--country", "ru", "Тёткино"]));
    let first: Value =
        serde_json::from_str(String::from_utf8(out).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!(first["admin1"], "Kursk Oblast");
    sitrep()
        .args(["places", "Xqzzyvv Plorb"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("0 candidates"));
    sitrep().args(["places"]).assert().code(2);
}

#[test]
fn a_user_trigger_file_adds_triggers_and_a_bad_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Published: 3 May 2024\n\nHeadline\n\nGunmen set alight a granary in Beni.\n";
    let a = write(dir.path(), "a.txt", text.as_bytes());
    let subs = |out: Vec<u8>| -> Vec<String> {
        let r: Value = serde_json::from_slice(&out).unwrap();
        r["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["sub_event_type"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(subs(stdout_of(sitrep().arg("extract").arg(&a))).is_empty());
    let good = write(
        dir.path(),
        "t.tsv",
        b"set alight\tLooting/property destruction\tASSAULT\tdestroy\n",
    );
    let out = stdout_of(sitrep().arg("extract").arg("--triggers").arg(&good).arg(&a));
    assert_eq!(subs(out), ["Looting/property destruction"]);
    let bad = write(dir.path(), "bad.tsv", b"x\tNo such type\n");
    sitrep()
        .arg("extract")
        .arg("--triggers")
        .arg(&bad)
        .arg(&a)
        .assert()
        .failure()
        .stderr(predicate::str::contains("line 1"));
}

#[test]
fn a_user_gazetteer_file_adds_places_to_extract_and_a_bad_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // An invented village, absent from the embedded gazetteer.
    let text =
        "Published: 3 May 2024\n\nHeadline\n\nShelling hit the village of Zorvanivka overnight, \
                the regional governor said.\n";
    let a = write(dir.path(), "a.txt", text.as_bytes());
    let places = |out: Vec<u8>| -> Vec<Value> {
        let r: Value = serde_json::from_slice(&out).unwrap();
        r["places"].as_array().unwrap().clone()
    };
    assert!(places(stdout_of(sitrep().arg("extract").arg(&a)))
        .iter()
        .all(|p| p["text"] != "Zorvanivka"));
    let good = write(
        dir.path(),
        "g.tsv",
        "# name\talternates\tlat\tlon\tcountry\tadmin1\tfeature\n\
         Zorvanivka\tЗорванівка\t47.61\t35.92\tUA\t26\tPPL\n"
            .as_bytes(),
    );
    let out = stdout_of(
        sitrep()
            .arg("extract")
            .arg("--gazetteer")
            .arg(&good)
            .arg(&a),
    );
    let found = places(out);
    let z = found
        .iter()
        .find(|p| p["text"] == "Zorvanivka")
        .expect("the user place is found");
    assert_eq!(z["lat"].as_f64().unwrap(), 47.61f32 as f64);
    assert_eq!(z["country"], "UA");
    assert_eq!(z["admin1"], "Zaporizhzhia");
    assert_eq!(z["feature"], "populated_place");
    assert!(z["geonameid"].is_null());
    // --explain writes the reasons on stderr, the report is unchanged.
    let out = sitrep()
        .args(["extract", "--explain", "--gazetteer"])
        .arg(&good)
        .arg(&a)
        .assert()
        .success()
        .stderr(predicate::str::contains("explain").and(predicate::str::contains("\"Zorvanivka\"")))
        .get_output()
        .stdout
        .clone();
    assert_eq!(places(out), found);
    let bad = write(
        dir.path(),
        "bad.tsv",
        b"Zorvanivka\t\tnorth\t35.9\tUA\t\tPPL\n",
    );
    sitrep()
        .arg("extract")
        .arg("--gazetteer")
        .arg(&bad)
        .arg(&a)
        .assert()
        .failure()
        .stderr(predicate::str::contains("line 1").and(predicate::str::contains("latitude")));
    sitrep()
        .arg("extract")
        .arg("--gazetteer")
        .arg(dir.path().join("missing.tsv"))
        .arg(&a)
        .assert()
        .failure()
        .stderr(predicate::str::contains("missing.tsv"));
}

#[test]
fn places_explain_shows_the_scoring_terms() {
    let out = stdout_of(sitrep().args(["places", "--explain", "--limit", "2", "Kursk", "region"]));
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("Kursk Oblast"), "{text}");
    assert!(text.contains("match: region form"), "{text}");
    assert!(text.contains("feature: division, named as one"), "{text}");
    let out = stdout_of(sitrep().args(["places", "--json", "--explain", "Grajvoron"]));
    let first: Value =
        serde_json::from_str(String::from_utf8(out).unwrap().lines().next().unwrap()).unwrap();
    let sum: f64 = first["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["value"].as_f64().unwrap())
        .sum();
    assert!(
        (sum - first["score"].as_f64().unwrap()).abs() < 1e-3,
        "{first}"
    );
}
