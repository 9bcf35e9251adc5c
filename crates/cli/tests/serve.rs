//! `sitrep serve` and `sitrep demo` as a user runs them: the real binary
//! on a free loopback port, asked over a real socket.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use predicates::prelude::predicate;

/// A running server, killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `sitrep ARGS --addr 127.0.0.1:0` and waits for the line that
/// names its URL.
fn start(args: &[&str]) -> Server {
    let mut child = Command::cargo_bin("sitrep")
        .unwrap()
        .args(args)
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server stopped before naming its address")
            .unwrap();
        if let Some(at) = line.find("http://") {
            let rest = &line[at + "http://".len()..];
            break rest[..rest.find('/').unwrap()].to_string();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, addr }
}

/// A minimal HTTP/1.1 GET: status and body.
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer[9..12].parse().unwrap();
    let body = answer
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

#[test]
fn demo_serves_the_examples_and_the_ui() {
    let server = start(&["demo"]);
    let (status, stats) = get(&server.addr, "/api/stats");
    assert_eq!(status, 200, "{stats}");
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    let examples = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/articles"
    ))
    .unwrap()
    .filter(|e| {
        e.as_ref()
            .unwrap()
            .path()
            .extension()
            .is_some_and(|x| x == "txt")
    })
    .count();
    assert_eq!(stats["articles"], examples);
    // The bundled reports of one strike from both sides fuse.
    assert!(stats["multi_source"].as_u64().unwrap() >= 1, "{stats}");
    let (status, page) = get(&server.addr, "/");
    assert_eq!(status, 200);
    assert!(page.contains("<html") || page.contains("<!doctype") || page.contains("<!DOCTYPE"));
}

#[test]
fn serve_answers_over_a_stored_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles");
    Command::cargo_bin("sitrep")
        .unwrap()
        .args(["ingest", "-q", "--db"])
        .arg(&db)
        .arg(examples)
        .output()
        .unwrap();
    let server = start(&["serve", "--db", db.to_str().unwrap()]);
    let (status, body) = get(&server.addr, "/api/events?type=Battles&limit=5");
    assert_eq!(status, 200, "{body}");
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(page["total"].as_u64().unwrap() >= 1);
    let (status, body) = get(&server.addr, "/api/events?since=nope");
    assert_eq!(status, 400);
    assert!(body.contains("\"error\""));
}

#[test]
fn serve_refuses_a_missing_database_or_a_busy_address() {
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("sitrep")
        .unwrap()
        .args(["serve", "--db"])
        .arg(dir.path().join("none.db"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("no such database"));
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = busy.local_addr().unwrap().to_string();
    let db = dir.path().join("e.db");
    sitrep_store::Store::open(&db).unwrap();
    assert_cmd::Command::cargo_bin("sitrep")
        .unwrap()
        .args(["serve", "--addr", &addr, "--db"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot listen"));
}
