//! `sitrep extract --actors FILE`: user entries are used, and a malformed
//! file is a clear error naming its line.

use assert_cmd::Command;
use predicates::prelude::predicate;

const ARTICLE: &str = "KHARKIV, Ukraine (AP) — The Night Wolves Unit said it shelled the city. \
                       The NWU denied hitting civilians.\n";

#[test]
fn user_actor_file_adds_entries() {
    let dir = tempfile::tempdir().unwrap();
    let actors = dir.path().join("actors.tsv");
    std::fs::write(
        &actors,
        "name\tkind\tcategory\tcountry\tparent\taliases\n\
         Night Wolves Unit\tmilitia\tPolitical militia\tRU\t\tNWU\n",
    )
    .unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let out = Command::cargo_bin("sitrep")
        .unwrap()
        .args(["extract", "--actors"])
        .arg(&actors)
        .arg(&article)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let wolves: Vec<&serde_json::Value> = report["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["name"] == "Night Wolves Unit")
        .collect();
    assert_eq!(wolves.len(), 2, "{report}");
    assert_eq!(wolves[0]["kind"], "militia");
    assert_eq!(wolves[0]["entity"], wolves[1]["entity"]);
}

#[test]
fn malformed_actor_file_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let actors = dir.path().join("actors.tsv");
    std::fs::write(
        &actors,
        "name\tkind\tcategory\tcountry\tparent\taliases\nX\tarmy\t\t\t\t\n",
    )
    .unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    Command::cargo_bin("sitrep")
        .unwrap()
        .args(["extract", "--actors"])
        .arg(&actors)
        .arg(&article)
        .assert()
        .failure()
        .stderr(predicate::str::contains("line 2: unknown kind \"army\""));
}
