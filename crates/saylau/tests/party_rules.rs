#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `saylau party charter` and `saylau finance spending`, tested on the built binary: decisions
//! and exit codes, and one-line errors naming file, line and field for bad input.

use std::path::PathBuf;
use std::process::Output;

mod support;
use support::{saylau, stderr, stdout};

/// A temporary file with `content`, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, content: &str) -> TempFile {
        let dir = std::env::temp_dir().join(format!("saylau-party-rules-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// Asserts a bad-input failure: exit code 2, nothing on stdout, one line on stderr that
/// contains every `needle`.
fn assert_bad_input(o: &Output, needles: &[&str]) {
    assert_eq!(o.status.code(), Some(2), "exit code; stderr: {}", stderr(o));
    assert!(o.stdout.is_empty(), "nothing on stdout, got: {}", stdout(o));
    let err = stderr(o);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for n in needles {
        assert!(err.contains(n), "`{n}` in: {err}");
    }
}

const COMPLETE: &str = "tests/fixtures/charters/complete.md";
const MISSING_TWO: &str = "tests/fixtures/charters/missing-two.md";

#[test]
fn charter_complete_json() {
    let o = saylau(&[
        "party",
        "charter",
        "--file",
        COMPLETE,
        "--date",
        "2009-06-01",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["decision"], "complete");
    assert_eq!(v["missing"].as_array().unwrap().len(), 0);
    let contents = v["contents"].as_array().unwrap();
    assert_eq!(contents.len(), 12);
    assert!(contents.iter().all(|c| c["found"] == true));
    let office = contents
        .iter()
        .find(|c| c["id"] == "central_office")
        .unwrap();
    assert_eq!(office["heading"]["line"], 11);
    assert_eq!(v["law"][0]["parameter"], "party.charter_contents");
    // The heading in the fenced code block is not among the headings.
    let others: Vec<&str> = v["other_headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap())
        .collect();
    assert!(
        !others.iter().any(|t| t.contains("register entry")),
        "{others:?}"
    );
    assert!(others.contains(&"13. Final provisions"), "{others:?}");
}

#[test]
fn charter_incomplete_table_names_the_missing() {
    let o = saylau(&[
        "party",
        "charter",
        "--file",
        MISSING_TWO,
        "--date",
        "2009-06-01",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "an incomplete charter is a decision, refused: {}",
        stderr(&o)
    );
    let out = stdout(&o);
    assert!(out.contains("Decision: incomplete"), "{out}");
    assert!(
        out.contains("`member_records`") && out.contains("`candidate_nomination`"),
        "{out}"
    );
    assert_eq!(out.matches("MISSING").count(), 2, "{out}");
    assert!(out.contains("Law: party.charter_contents"), "{out}");
}

#[test]
fn charter_bad_input() {
    let o = saylau(&[
        "party",
        "charter",
        "--file",
        "no/such/charter.md",
        "--date",
        "2009-06-01",
    ]);
    assert_bad_input(&o, &["no/such/charter.md", "no such file"]);

    let o = saylau(&[
        "party",
        "charter",
        "--file",
        COMPLETE,
        "--date",
        "2001-05-10",
    ]);
    assert_bad_input(&o, &[COMPLETE, "party.charter_contents", "unknown"]);

    let f = TempFile::new("marker.md", "# Name\n\n## Where we sit {#head_office}\n");
    let o = saylau(&[
        "party",
        "charter",
        "--file",
        f.path(),
        "--date",
        "2009-06-01",
    ]);
    assert_bad_input(
        &o,
        &[
            &format!("{}:3", f.path()),
            "{#head_office}",
            "central_office",
        ],
    );

    let o = saylau(&[
        "party",
        "charter",
        "--file",
        COMPLETE,
        "--date",
        "2009-02-30",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

const HEADER: &str = "spender,date,amount,currency\n";

#[test]
fn spending_verdicts_json() {
    let f = TempFile::new(
        "spending.csv",
        &format!(
            "{HEADER}NUR OTAN,2007-07-20,900000,USD\nNSDP,2007-07-25,1200000,USD\nNUR OTAN,2007-08-10,400000,usd\n"
        ),
    );
    let o = saylau(&[
        "finance",
        "spending",
        "--election",
        "mazhilis",
        "--date",
        "2007-08-18",
        "--spending",
        f.path(),
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a total over the cap: {}",
        stderr(&o)
    );
    let v = json(&o);
    assert_eq!(v["cap"], 1_200_000);
    assert_eq!(v["currency"], "USD");
    let s = v["spenders"].as_array().unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[0]["spender"], "NSDP");
    assert_eq!(s[0]["verdict"], "within_cap");
    assert_eq!(s[0]["remaining"], 0);
    assert_eq!(s[1]["spender"], "NUR OTAN");
    assert_eq!(s[1]["verdict"], "over_cap");
    assert_eq!(s[1]["total"], 1_300_000);
    assert_eq!(s[1]["over_by"], 100_000);
    assert_eq!(
        s[1]["law"][0]["parameter"],
        "campaign.mazhilis_advertising_cap"
    );

    let o = saylau(&[
        "finance",
        "spending",
        "--election",
        "mazhilis",
        "--date",
        "2007-08-18",
        "--spending",
        f.path(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a total over the cap: {}",
        stderr(&o)
    );
    let out = stdout(&o);
    assert!(
        out.contains("over_cap") && out.contains("within_cap"),
        "{out}"
    );
    assert!(out.contains("Cap: 1200000 USD per party"), "{out}");
}

#[test]
fn spending_malformed_rows_are_counted_and_nothing_decided() {
    let f = TempFile::new(
        "badspending.csv",
        &format!(
            "{HEADER}A,2007-13-01,5,USD\n,2007-07-01,5,USD\nB,2007-07-01,-5,USD\nC,2007-07-01,5,dollars\nD,2007-07-01,5,USD\n"
        ),
    );
    let o = saylau(&[
        "finance",
        "spending",
        "--election",
        "mazhilis",
        "--date",
        "2007-08-18",
        "--spending",
        f.path(),
    ]);
    assert_bad_input(
        &o,
        &[
            "badspending.csv",
            "4 bad rows or values, nothing was decided",
            "badspending.csv:2",
            "`date`",
        ],
    );

    let f = TempFile::new("badamount.csv", &format!("{HEADER}A,2007-07-01,1.5,USD\n"));
    let o = saylau(&[
        "finance",
        "spending",
        "--election",
        "mazhilis",
        "--date",
        "2007-08-18",
        "--spending",
        f.path(),
    ]);
    assert_bad_input(&o, &["badamount.csv:2", "`amount`", "1.5"]);

    let f = TempFile::new("shortspending.csv", "spender,date\nA,2007-07-01\n");
    let o = saylau(&[
        "finance",
        "spending",
        "--election",
        "mazhilis",
        "--date",
        "2007-08-18",
        "--spending",
        f.path(),
    ]);
    assert_bad_input(&o, &["shortspending.csv:1", "`amount`"]);

    let f = TempFile::new("ragged.csv", &format!("{HEADER}A,2007-07-01,5\n"));
    let o = saylau(&[
        "finance",
        "spending",
        "--election",
        "mazhilis",
        "--date",
        "2007-08-18",
        "--spending",
        f.path(),
    ]);
    assert_bad_input(&o, &["ragged.csv:2"]);
}

#[test]
fn spending_refusals_are_bad_input() {
    let f = TempFile::new(
        "tenge.csv",
        &format!("{HEADER}A,2007-07-01,5,USD\nB,2007-07-02,700000,KZT\n"),
    );
    let o = saylau(&[
        "finance",
        "spending",
        "--election",
        "mazhilis",
        "--date",
        "2007-08-18",
        "--spending",
        f.path(),
    ]);
    assert_bad_input(
        &o,
        &[
            "tenge.csv:3",
            "`currency`",
            "KZT",
            "USD",
            "does not convert",
        ],
    );

    let f = TempFile::new("ok.csv", &format!("{HEADER}A,2007-07-01,5,USD\n"));
    let o = saylau(&[
        "finance",
        "spending",
        "--election",
        "mazhilis",
        "--date",
        "2009-04-03",
        "--spending",
        f.path(),
    ]);
    assert_bad_input(&o, &["campaign.mazhilis_advertising_cap", "unknown"]);
    let o = saylau(&[
        "finance",
        "spending",
        "--election",
        "mazhilis",
        "--date",
        "2011-04-03",
        "--spending",
        f.path(),
    ]);
    assert_bad_input(
        &o,
        &[
            "campaign.mazhilis_advertising_cap",
            "not known after 2026-06-30",
        ],
    );

    let o = saylau(&[
        "finance",
        "spending",
        "--election",
        "president",
        "--date",
        "2005-12-04",
        "--spending",
        f.path(),
    ]);
    assert_bad_input(&o, &["campaign.president_advertising_cap", "uncertain"]);

    let o = saylau(&[
        "finance",
        "spending",
        "--election",
        "senate",
        "--date",
        "2007-08-18",
        "--spending",
        f.path(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
