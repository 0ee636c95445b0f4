//! Issue 10 at the command line: one clear line naming file, line and field, exit code 2,
//! nothing written; and the same files give the same valid members through the command line
//! and through the upload form, since both read them with saylau-formats.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Output;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use saylau_core::parties::iin::{Iin, Sex};
use tower::ServiceExt;

mod support;
use support::{UNIT_IDS, saylau};

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir =
            std::env::temp_dir().join(format!("saylau-formats-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn file(&self, name: &str, content: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, content).unwrap();
        path.display().to_string()
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A register of `per_unit` people per unit, with defects of every kind the engine knows,
/// and a member list of all of them plus some who are not in it.
fn files(per_unit: u16) -> (String, String) {
    let mut register = String::from("iin,full_name,birth_date,unit,citizen,deceased,occupation\n");
    let mut members = String::from("iin,signed_on\n");
    let mut serial = 0u16;
    let mut n = 0u32;
    for unit in UNIT_IDS.clone() {
        for _ in 0..per_unit {
            n += 1;
            serial += 1;
            // Minors, the deceased, non-citizens, judges: each a share of the register.
            let born = if n.is_multiple_of(11) {
                jiff::civil::date(1995, 1, 1)
            } else {
                jiff::civil::date(1960, 1, 1)
            };
            let iin = (0..10)
                .find_map(|k| Iin::from_parts(born, Sex::Female, serial * 10 + k))
                .unwrap();
            let citizen = if n.is_multiple_of(13) {
                "FALSE"
            } else {
                "true"
            };
            let deceased = if n.is_multiple_of(17) {
                "True"
            } else {
                "false"
            };
            let occupation = if n.is_multiple_of(19) {
                "judge"
            } else {
                "teacher"
            };
            register.push_str(&format!(
                "{iin},\"Person {n}, Jr.\",{born},{unit},{citizen},{deceased},{occupation}\n"
            ));
            let signed = if n.is_multiple_of(23) {
                "2009-08-01"
            } else {
                "2009-04-01"
            };
            members.push_str(&format!("{iin},{signed}\n"));
            if n.is_multiple_of(29) {
                members.push_str(&format!("{iin},2009-04-02\n"));
            }
        }
    }
    let stranger = Iin::from_parts(jiff::civil::date(1980, 1, 1), Sex::Male, 1).unwrap();
    members.push_str(&format!("123,2009-04-01\n{stranger},2009-04-01\n"));
    (register, members)
}

fn cli_check(dir: &Dir, register: &[u8], members: &[u8], rejected: Option<&str>) -> Output {
    let register = dir.file("register.csv", register);
    let members = dir.file("members.csv", members);
    let mut args = vec![
        "registration",
        "check",
        "--date",
        "2009-07-01",
        "--committee-registered",
        "2009-03-02",
        "--founders",
        "1000",
        "--members",
        &members,
        "--register",
        &register,
        "--format",
        "json",
    ];
    if let Some(r) = rejected {
        args.extend(["--rejected-out", r]);
    }
    saylau(&args)
}

fn one_line(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(2), "exit code");
    assert!(o.stdout.is_empty(), "nothing decided");
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        !err.contains('\u{1b}') && !err.contains('\0'),
        "raw control characters: {err:?}"
    );
    err
}

#[test]
fn issue_10_inputs_are_one_line_errors_and_nothing_is_written() {
    let dir = Dir::new("issue-10");
    let (register, members) = files(3);
    let rejected = dir.path("rejected.csv");
    // `iin,signed_on,signed_on`.
    let twice: String = members
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                "iin,signed_on,signed_on\n".to_string()
            } else {
                format!("{l},2001-01-01\n")
            }
        })
        .collect();
    let o = cli_check(&dir, register.as_bytes(), twice.as_bytes(), Some(&rejected));
    let err = one_line(&o);
    assert!(
        err.contains(
            "members.csv:1: field `signed_on`: the header names this column twice (columns 2 and 3)"
        ),
        "{err}"
    );
    assert!(
        !std::path::Path::new(&rejected).exists(),
        "--rejected-out not created"
    );

    // `ESC ] 0 ; … BEL` in a register cell: refused, echoed escaped.
    let evil = register.replacen("\"Person 1, Jr.\"", "\"Person\u{1b}]0;owned\u{7}\"", 1);
    let o = cli_check(&dir, evil.as_bytes(), members.as_bytes(), Some(&rejected));
    let err = one_line(&o);
    assert!(
        err.contains("register.csv:2: field `full_name`: `Person\\u{1b}]0;owned\\u{7}` holds the control or invisible character \\u{1b}"),
        "{err}"
    );
    assert!(
        !std::path::Path::new(&rejected).exists(),
        "--rejected-out not created"
    );

    // A 1 MB bad value: a short line.
    let long = format!("party,votes\nA,{}\n", "9".repeat(1_000_000));
    let votes = dir.file("votes.csv", long.as_bytes());
    let o = saylau(&["mazhilis", "--date", "2007-08-18", "--votes", &votes]);
    let err = one_line(&o);
    assert!(err.len() < 300, "{} bytes", err.len());
    assert!(err.contains("votes.csv:2: field `votes`: `9999"), "{err}");

    // A committee registered in 1800.
    let register_file = dir.file("register.csv", register.as_bytes());
    let members_file = dir.file("members.csv", members.as_bytes());
    let o = saylau(&[
        "registration",
        "check",
        "--date",
        "2009-07-01",
        "--committee-registered",
        "1800-01-01",
        "--founders",
        "1000",
        "--members",
        &members_file,
        "--register",
        &register_file,
    ]);
    let err = one_line(&o);
    assert!(
        err.contains(
            "--committee-registered: 1800-01-01 is before the days the law covers (from 1993-01-28"
        ),
        "{err}"
    );

    // A charter with a NUL, a candidate with an unknown key, a ledger with a 1800 date.
    let charter = dir.file("charter.md", b"# Charter\n\nName\0\n");
    let o = saylau(&[
        "party",
        "charter",
        "--date",
        "2009-06-01",
        "--file",
        &charter,
    ]);
    let err = one_line(&o);
    assert!(
        err.contains("charter.md:3: column 5: the control or invisible character \\u{0}"),
        "{err}"
    );
    let ledger = dir.file(
        "ledger.csv",
        b"id,date,party,donor_kind,donor,amount_kzt,written_confirmation,source_stated\n\
          d1,1800-01-01,azat,citizen,A,2000,true,true\n",
    );
    let o = saylau(&["finance", "check", "--donations", &ledger]);
    let err = one_line(&o);
    assert!(
        err.contains("ledger.csv:2: field `date`: 1800-01-01 is before the days the law covers"),
        "{err}"
    );
}

/// The posted page's download of a table, as JSON.
fn posted_table(html: &str, table: &str) -> Vec<serde_json::Value> {
    let marker = format!("\" download=\"{table}.json\"");
    let end = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {table}.json link"));
    let start = html[..end].rfind(',').unwrap() + 1;
    let raw = &html.as_bytes()[start..end];
    let mut bytes = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            bytes.push(
                u8::from_str_radix(std::str::from_utf8(&raw[i + 1..i + 3]).unwrap(), 16).unwrap(),
            );
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    serde_json::from_slice(&bytes).unwrap()
}

async fn form_check(register: &str, members: &str) -> (StatusCode, String) {
    let dir = std::env::temp_dir().join(format!("saylau-formats-form-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("j.db").display());
    let app = saylau_server::App::open(&url).await.unwrap();
    let router = saylau_server::router(app);
    let boundary = "saylau-boundary-7d1f";
    let mut body = Vec::new();
    for (name, file, content) in [
        ("members", Some("members.csv"), members),
        ("register", Some("register.csv"), register),
        ("filed", None, "2009-07-01"),
        ("committee_registered", None, "2009-03-02"),
        ("founders", None, "1000"),
    ] {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(content.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let req = Request::post("/parties/check-registration")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let res = router.oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let _ = std::fs::remove_dir_all(&dir);
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// Issue 10: the same files gave 0 valid members on the web and 285 on the command line.
/// Now both read them with the same reader and count the same, reason by reason.
#[test]
fn the_same_files_give_the_same_count_on_the_command_line_and_the_form() {
    let dir = Dir::new("same");
    let (register, members) = files(40);
    let o = cli_check(&dir, register.as_bytes(), members.as_bytes(), None);
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{o:?}"
    );
    let cli: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (status, html) = rt.block_on(form_check(&register, &members));
    assert_eq!(status, StatusCode::OK, "{}", &html[..html.len().min(3000)]);
    let rejected = posted_table(&html, "rejected");
    let count = |label: &str| {
        rejected
            .iter()
            .find(|r| r["reason"] == label)
            .map(|r| r["signatures"].as_u64().unwrap())
            .unwrap()
    };
    assert_eq!(count("Valid"), cli["valid_members"].as_u64().unwrap());
    for (reason, n) in cli["rejected"].as_object().unwrap() {
        assert_eq!(
            count(&reason.replace('_', " ")),
            n.as_u64().unwrap(),
            "{reason}"
        );
    }
    // Every kind of rejection happened, so the comparison compared something.
    for reason in [
        "invalid_iin",
        "not_in_register",
        "not_citizen",
        "deceased",
        "under_age",
        "barred_occupation",
        "outside_window",
        "duplicate",
    ] {
        assert!(cli["rejected"][reason].as_u64().unwrap() > 0, "{reason}");
    }
    let units = posted_table(&html, "units");
    for u in &units {
        let id = u["unit"].as_str().unwrap();
        assert_eq!(u["valid_members"], cli["by_unit"][id], "{id}");
    }
    // And a file the form refuses, the command line refuses with the same words.
    let twice = members
        .replacen("iin,signed_on\n", "iin,signed_on,SIGNED_ON\n", 1)
        .replace("\n", ",x\n")
        .replacen("SIGNED_ON,x\n", "SIGNED_ON\n", 1);
    let o = cli_check(&dir, register.as_bytes(), twice.as_bytes(), None);
    let err = one_line(&o);
    let (status, html) = rt.block_on(form_check(&register, &twice));
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let why =
        "members.csv:1: field `signed_on`: the header names this column twice (columns 2 and 3)";
    assert!(err.contains(why), "{err}");
    assert!(html.contains(why), "{html}");
}
