//! Nothing acknowledged is lost: `saylau serve` on SQLite under SIGKILL, a full disk and
//! failing fsync, and a bulk upload killed half way.
//!
//! Each test runs the real binary, talks HTTP to it, and afterwards reads the journal through a
//! separate connection (`saylau_store::Store`). The disk-full and fsync tests need root (to
//! mount a tmpfs) and `strace`; `.ci/run` runs as root and installs strace. Where they are
//! missing the test fails and says so, unless `SAYLAU_SKIP_PRIVILEGED=1` is set.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const PASSWORD: &str = "durable-password";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_saylau")
}

fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("saylau-durability-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn add_admin(db: &str) {
    let mut child = Command::new(bin())
        .args(["user", "add", "admin", "--role", "admin", "--db", db])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A running server and the port it listens on.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    /// Starts `saylau serve` (optionally under a wrapper such as strace) and waits until it
    /// listens.
    fn start(db: &str, wrapper: &[&str]) -> Server {
        let mut cmd = if wrapper.is_empty() {
            Command::new(bin())
        } else {
            let mut c = Command::new(wrapper[0]);
            c.args(&wrapper[1..]).arg(bin());
            c
        };
        // A process group of its own, so that a kill takes strace's tracee with it.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut child = cmd
            .args(["serve", "--db", db, "--addr", "127.0.0.1:0"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = tx.send(port.parse::<u16>().unwrap_or(0));
                }
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the server starts and says where it listens");
        Server { child, port }
    }

    fn kill(self) {
        // Dropping kills.
    }
}

impl Drop for Server {
    /// SIGKILL to the whole group: the server, and under strace the tracer and its tracee.
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A tmpfs mounted for a test, unmounted however the test ends.
struct Tmpfs(PathBuf);

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A minimal HTTP/1.1 request: the status code and the JSON body, or an I/O error when the
/// server is gone.
fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> std::io::Result<(u16, Value)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.unwrap_or("");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status line in {text:?}")))?;
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("");
    let json = serde_json::from_str(body).unwrap_or(Value::Null);
    Ok((status, json))
}

fn login(port: u16) -> String {
    let (status, body) = request(
        port,
        "POST",
        "/api/login",
        &[],
        Some(&json!({ "name": "admin", "password": PASSWORD }).to_string()),
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    body["token"].as_str().unwrap().to_string()
}

/// Posts one event; `Some(seq)` when the server acknowledged it.
fn post_bill(port: u16, token: &str, bill: &str) -> std::io::Result<(u16, Option<i64>)> {
    post_bill_padded(port, token, bill, 0)
}

/// Posts one event whose title carries `pad` extra bytes, to fill a disk faster.
fn post_bill_padded(
    port: u16,
    token: &str,
    bill: &str,
    pad: usize,
) -> std::io::Result<(u16, Option<i64>)> {
    let auth = format!("Bearer {token}");
    let title = format!("durability {}", "x".repeat(pad));
    let body =
        json!({ "date": "2026-07-01", "kind": "bill_introduced", "bill": bill, "title": title });
    let (status, body) = request(
        port,
        "POST",
        "/api/events",
        &[("Authorization", &auth), ("Idempotency-Key", bill)],
        Some(&body.to_string()),
    )?;
    if status == 201 || status == 200 {
        // An acknowledgement is a whole response naming its seq; a response cut short by a
        // kill acknowledged nothing to the client.
        return match body["seqs"][0].as_i64() {
            Some(seq) => Ok((status, Some(seq))),
            None => Err(std::io::Error::other("a response cut short")),
        };
    }
    if body.is_null() {
        return Err(std::io::Error::other("a response cut short"));
    }
    assert!(body["error"]["code"].is_string(), "{status}: {body}");
    Ok((status, None))
}

/// The journal read through a connection of its own: bill id → how many times it is there.
fn bills_in_store(db: &str) -> (HashMap<String, u32>, saylau_store::Verification) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = saylau_store::Store::open(db).await.unwrap();
        let mut bills = HashMap::new();
        for e in store.all().await.unwrap() {
            if e.kind == "bill_introduced" {
                let id = e.payload["bill"].as_str().unwrap_or("").to_string();
                *bills.entry(id).or_insert(0) += 1;
            }
        }
        (bills, store.verify().await.unwrap())
    })
}

/// Every acknowledged bill is in the store exactly once, and the chain verifies.
fn assert_all_acknowledged_present(db: &str, acked: &[String]) {
    let (bills, verification) = bills_in_store(db);
    assert!(verification.ok, "the journal verifies: {verification:?}");
    for bill in acked {
        assert_eq!(
            bills.get(bill),
            Some(&1),
            "acknowledged `{bill}` is there once"
        );
    }
    assert!(bills.values().all(|n| *n == 1), "no event is there twice");
}

/// A small random-enough delay without a dependency: the clock's nanoseconds.
fn jitter(max_ms: u64) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    Duration::from_millis(50 + u64::from(nanos) % max_ms)
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_event() {
    let dir = temp_dir("sigkill");
    let db = format!("sqlite://{}", dir.join("j.db").display());
    add_admin(&db);
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut token = None;
    let kills = 20;
    for round in 0..kills {
        let server = Server::start(&db, &[]);
        let port = server.port;
        let t = token.get_or_insert_with(|| login(port)).clone();
        let clients: Vec<_> = (0..3)
            .map(|c| {
                let acked = acked.clone();
                let t = t.clone();
                std::thread::spawn(move || {
                    for i in 0.. {
                        let bill = format!("r{round}-c{c}-{i}");
                        match post_bill(port, &t, &bill) {
                            Ok((_, Some(_))) => acked.lock().unwrap().push(bill),
                            Ok((status, None)) => panic!("refused `{bill}`: {status}"),
                            Err(_) => return, // the server is gone
                        }
                    }
                })
            })
            .collect();
        std::thread::sleep(jitter(400));
        server.kill();
        for c in clients {
            c.join().unwrap();
        }
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() > kills,
        "writes were acknowledged between kills: {}",
        acked.len()
    );
    eprintln!(
        "sigkill: {kills} kills, {} acknowledged events",
        acked.len()
    );
    assert_all_acknowledged_present(&db, &acked);
    // And the server starts again on the journal the kills left.
    let server = Server::start(&db, &[]);
    let (status, _) = request(server.port, "GET", "/api/journal?limit=1", &[], None).unwrap();
    assert_eq!(status, 200);
    server.kill();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bulk_upload_killed_half_way_is_whole_or_absent_and_recorded_once_on_resend() {
    let dir = temp_dir("bulk");
    let db = format!("sqlite://{}", dir.join("j.db").display());
    add_admin(&db);
    // A member list of 150,000 rows: several megabytes of JSON.
    let members: Vec<Value> = (0..150_000)
        .map(|i| json!({ "iin": format!("{:012}", 500_000_000_000u64 + i), "signed_on": "2009-04-01" }))
        .collect();
    let body = json!({
        "party": "azat", "date": "2009-07-15", "committee_registered": "2009-03-02",
        "founders": 1000, "members": members, "register": []
    })
    .to_string();
    let key = "bulk-upload-1";
    let count = |db: &str| -> usize {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let store = saylau_store::Store::open(db).await.unwrap();
            let all = store.all().await.unwrap();
            let lists: Vec<_> = all
                .iter()
                .filter(|e| e.kind == "member_list_submitted")
                .collect();
            for l in &lists {
                assert_eq!(l.payload["members"], 150_000, "whole");
            }
            assert!(store.verify().await.unwrap().ok);
            lists.len()
        })
    };
    for attempt in 0..5 {
        let server = Server::start(&db, &[]);
        let port = server.port;
        let token = login(port);
        let body = body.clone();
        let sender = std::thread::spawn(move || {
            let auth = format!("Bearer {token}");
            request(
                port,
                "POST",
                "/api/member-lists",
                &[("Authorization", &auth), ("Idempotency-Key", key)],
                Some(&body),
            )
        });
        std::thread::sleep(Duration::from_millis(20 + 60 * attempt));
        server.kill();
        let _ = sender.join().unwrap();
        assert!(count(&db) <= 1, "attempt {attempt}: at most one, and whole");
    }
    // Sent again, to the end: recorded exactly once.
    let server = Server::start(&db, &[]);
    let token = login(server.port);
    let auth = format!("Bearer {token}");
    for _ in 0..2 {
        let (status, response) = request(
            server.port,
            "POST",
            "/api/member-lists",
            &[("Authorization", &auth), ("Idempotency-Key", key)],
            Some(&body),
        )
        .unwrap();
        assert!(status == 201 || status == 200, "{status}: {response}");
    }
    server.kill();
    assert_eq!(count(&db), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

fn privileged_or_skip(what: &str) -> bool {
    if std::env::var("SAYLAU_SKIP_PRIVILEGED").is_ok_and(|v| v == "1") {
        eprintln!("skipped: {what} (SAYLAU_SKIP_PRIVILEGED=1)");
        return false;
    }
    true
}

fn run(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .status()
        .is_ok_and(|s| s.success())
}

/// Writes until `stop` says so; returns the acknowledged bills and how many writes failed.
fn write_until(
    port: u16,
    token: &str,
    prefix: &str,
    stop: impl Fn(u32, u32) -> bool,
) -> (Vec<String>, u32) {
    let mut acked = Vec::new();
    let mut failed = 0;
    let start = Instant::now();
    for i in 0.. {
        let bill = format!("{prefix}-{i}");
        // Titles are free text, capped at TEXT_CHARS: pad to just under the cap.
        let pad = saylau_formats::TEXT_CHARS - 20;
        let (status, seq) = post_bill_padded(port, token, &bill, pad).unwrap();
        match seq {
            Some(_) => acked.push(bill),
            None => {
                assert_eq!(status, 503, "a failed write is a 503, never acknowledged");
                failed += 1;
            }
        }
        if stop(acked.len() as u32, failed) || start.elapsed() > Duration::from_secs(120) {
            break;
        }
    }
    (acked, failed)
}

#[test]
fn a_full_disk_acknowledges_nothing_it_does_not_store_and_recovers() {
    if !privileged_or_skip("disk-full test") {
        return;
    }
    let dir = temp_dir("disk-full");
    let mount = dir.join("tmpfs");
    std::fs::create_dir_all(&mount).unwrap();
    assert!(
        run(
            "mount",
            &[
                "-t",
                "tmpfs",
                "-o",
                "size=3m",
                "tmpfs",
                mount.to_str().unwrap()
            ]
        ),
        "mounting a tmpfs needs root (or set SAYLAU_SKIP_PRIVILEGED=1)"
    );
    let unmount = Tmpfs(mount.clone());
    let db = format!("sqlite://{}", mount.join("j.db").display());
    add_admin(&db);
    let server = Server::start(&db, &[]);
    let token = login(server.port);
    // Write until the disk has refused twenty writes in all.
    let (mut acked, failed) = write_until(server.port, &token, "full", |_, failed| failed >= 20);
    assert!(failed >= 20, "the disk filled");
    eprintln!(
        "disk full: {} acknowledged before {failed} refused writes",
        acked.len()
    );
    assert!(!acked.is_empty());
    // Read back through another connection while the disk is still full.
    assert_all_acknowledged_present(&db, &acked);
    // Room again: writes succeed on the same server.
    assert!(run(
        "mount",
        &["-o", "remount,size=64m", mount.to_str().unwrap()]
    ));
    let (more, failed_after) = write_until(server.port, &token, "after", |ok, _| ok >= 20);
    assert_eq!(failed_after, 0, "writes work again once there is room");
    acked.extend(more);
    server.kill();
    assert_all_acknowledged_present(&db, &acked);
    drop(unmount);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn failing_fsync_acknowledges_nothing_it_does_not_store() {
    if !privileged_or_skip("fsync test") {
        return;
    }
    assert!(
        run("strace", &["-V"]),
        "strace is needed (apt-get install strace), or set SAYLAU_SKIP_PRIVILEGED=1"
    );
    let dir = temp_dir("fsync");
    let path = dir.join("j.db");
    let db = format!("sqlite://{}", path.display());
    add_admin(&db);
    // Start once normally so that the schema, the built-in history and a session are in
    // place; then, under strace, fsync and fdatasync fail from each thread's 5th call on
    // (strace counts per thread, and SQLite's connections each have their own).
    let server = Server::start(&db, &[]);
    let token = login(server.port);
    server.kill();
    let strace = [
        "strace",
        "-f",
        "-qq",
        "-o",
        "/dev/null",
        "-e",
        "trace=fsync,fdatasync",
        "-e",
        "inject=fsync,fdatasync:error=EIO:when=5+",
    ];
    let server = Server::start(&db, &strace);
    let (acked, failed) = write_until(server.port, &token, "fsync", |_, failed| failed >= 10);
    server.kill();
    assert!(failed >= 10, "fsync failed");
    eprintln!(
        "fsync EIO: {} acknowledged before {failed} refused writes",
        acked.len()
    );
    assert!(
        !acked.is_empty(),
        "some writes went through before fsync started failing"
    );
    assert_all_acknowledged_present(&db, &acked);
    // Without the injected errors the server writes again.
    let server = Server::start(&db, &[]);
    let (status, _) = post_bill(server.port, &token, "after-fsync").unwrap();
    assert_eq!(status, 201);
    server.kill();
    let _ = std::fs::remove_dir_all(&dir);
}
