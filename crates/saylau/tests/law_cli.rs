//! The law from the command line: nothing past the rulebook's last checked day is presented as
//! in force, `--project` carries that day's law forward and says so, `law diff` names what
//! changed, `--law DIR` reaches every command including `serve`, and a global flag a command
//! does not use is an error rather than silently dropped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

mod support;
use support::{repo, saylau};

fn json(o: &Output) -> serde_json::Value {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("saylau-law-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn law_at_today_presents_no_value_of_2009_as_in_force() {
    let v = json(&saylau(&["law", "at", "2026-11-29", "--format", "json"]));
    assert_eq!(v["checked_through"], "2026-07-01");
    assert_eq!(v["projecting"], false);
    let params = v["parameters"].as_array().unwrap();
    assert!(params.len() > 50);
    for p in params {
        assert_eq!(p["status"], "not_known_after", "{p}");
        assert!(p.get("value").is_none(), "{p}");
    }
    let o = saylau(&["law", "at", "2026-11-29"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("checked against the law through 2026-07-01"),
        "{text}"
    );
    assert!(!text.contains(" 7% "), "{text}");
    // Asked for, the law of 2026-07-01 is carried forward, and every value says so.
    let v = json(&saylau(&[
        "law",
        "at",
        "2026-11-29",
        "--project",
        "--format",
        "json",
    ]));
    for p in v["parameters"].as_array().unwrap() {
        // The Mazhilis's and the Senate's parameters ended with them on 1 July 2026, the
        // Assembly's election rules in June 2022.
        assert!(
            p["status"] == "projected"
                || p["status"] == "unknown"
                || (p["status"] == "not_in_force"
                    && p["why"].as_str().unwrap().contains("it ended on")),
            "{p}"
        );
        if p["status"] == "projected" {
            assert_eq!(p["projected_from"], "2026-07-01", "{p}");
        }
    }
    let threshold = v["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["parameter"] == "kurultai.threshold")
        .unwrap();
    assert_eq!(threshold["value"], "5%");
}

#[test]
fn law_diff_names_what_changed_between_two_days() {
    let v = json(&saylau(&[
        "law",
        "diff",
        "2007-08-18",
        "2009-06-01",
        "--format",
        "json",
    ]));
    let names: Vec<&str> = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["parameter"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"party.min_members"), "{names:?}");
    assert!(names.contains(&"mazhilis.runner_up_rule"), "{names:?}");
    assert!(
        !names.contains(&"mazhilis.threshold"),
        "unchanged: {names:?}"
    );
    let min = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["parameter"] == "party.min_members")
        .unwrap();
    assert_eq!(min["before"]["value"], "50000");
    assert_eq!(min["after"]["value"], "40000");
    // Across the horizon every parameter differs in standing.
    let v = json(&saylau(&[
        "law",
        "diff",
        "2026-07-01",
        "2026-07-02",
        "--format",
        "json",
    ]));
    assert_eq!(
        v["differences"].as_array().unwrap().len(),
        json(&saylau(&["law", "params", "--format", "json"]))
            .as_array()
            .unwrap()
            .len()
    );
    // Projected, the law of the horizon is assumed unchanged: against a day before it, only
    // what changed up to the horizon differs, not every value for being projected.
    let v = json(&saylau(&[
        "--project",
        "law",
        "diff",
        "2026-07-01",
        "2026-11-29",
        "--format",
        "json",
    ]));
    assert_eq!(v["projecting"], true);
    assert_eq!(v["differences"], serde_json::json!([]), "{v}");
}

#[test]
fn a_global_flag_a_command_does_not_use_is_an_error() {
    for args in [
        &["--law", "law/kz", "data", "units"][..],
        &["--reform", "builtin:threshold-3pct", "iin", "check", "1"],
        &["--project", "data", "parties"],
        &[
            "--reform",
            "builtin:threshold-3pct",
            "allocate",
            "--seats",
            "1",
            "--method",
            "hare",
            "--votes",
            "x.csv",
        ],
    ] {
        let o = saylau(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(
            err.contains("does not use it; nothing was done"),
            "{args:?}: {err}"
        );
    }
    let dir = temp_dir("unused");
    let db = dir.join("j.db");
    let o = saylau(&[
        "--reform",
        "builtin:threshold-3pct",
        "serve",
        "--db",
        &format!("sqlite://{}", db.display()),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!db.exists(), "nothing was started or created");
}

/// GET `path` from a server on `port`: the status and the JSON body.
fn get(port: u16, path: &str) -> (u16, serde_json::Value) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let status = raw.split(' ').nth(1).unwrap().parse().unwrap();
    let body = raw.split("\r\n\r\n").nth(1).unwrap_or("");
    (status, serde_json::from_str(body).unwrap_or_default())
}

#[test]
fn serve_serves_the_rulebook_that_law_names() {
    // The built-in rulebook with the 2007 threshold changed to 5%.
    let dir = temp_dir("serve");
    let law = dir.join("law");
    std::fs::create_dir_all(&law).unwrap();
    for entry in std::fs::read_dir(repo().join("law/kz")).unwrap() {
        let path = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if path.ends_with("mazhilis.toml") {
            let before = "from = 2007-05-21\nvalue = \"7%\"";
            assert!(text.contains(before));
            text = text.replace(before, "from = 2007-05-21\nvalue = \"5%\"");
        }
        std::fs::write(law.join(path.file_name().unwrap()), text).unwrap();
    }
    let db = format!("sqlite://{}", dir.join("j.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_saylau"))
        .args(["--law", law.to_str().unwrap(), "serve", "--db", &db])
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let port = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| {
            let rest = line.split("http://127.0.0.1:").nth(1)?;
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse::<u16>()
                .ok()
        })
        .expect("the server says where it listens");
    let (status, body) = get(port, "/api/law?date=2008-01-01");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(status, 200, "{body}");
    let threshold = body["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["parameter"] == "mazhilis.threshold")
        .unwrap()
        .clone();
    assert_eq!(threshold["value"], "5%", "{threshold}");
}
