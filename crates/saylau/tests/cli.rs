//! The command-line contract, tested on the built binary: outputs, exit codes, and one-line
//! errors naming file, line and field for malformed input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Output;

mod support;
use support::{repo, saylau, stderr, stdout};

/// A temporary file with `content`, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, content: &str) -> TempFile {
        let dir = std::env::temp_dir().join(format!("saylau-cli-{}", std::process::id()));
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

const VOTES_2007: &str = "party,votes\nNUR OTAN,8841\nNSDP,454\nAk zhol,309\nAuyl,151\nCPPK,129\nPatriots,78\nRukhaniyat,37\n";

#[test]
fn mazhilis_2007_json_contract() {
    let f = TempFile::new("votes2007.csv", VOTES_2007);
    let o = saylau(&[
        "mazhilis",
        "--date",
        "2007-08-18",
        "--votes",
        f.path(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["seats"]["NUR OTAN"], 98);
    assert_eq!(
        v["seats"]["NSDP"], 0,
        "every input party appears, 0 included"
    );
    assert_eq!(v["seats"].as_object().unwrap().len(), 7);
    assert_eq!(v["admitted"], serde_json::json!(["NUR OTAN"]));
    assert_eq!(v["quota"]["exact"], "1263/14");
    assert_eq!(v["quota"]["computed_as"], "8841/98");
    assert_eq!(v["status"], "complete");
    let steps = v["steps"].as_array().unwrap();
    assert!(steps.iter().any(|s| s["rule"] == "threshold"));
    let law: Vec<&str> = steps
        .iter()
        .flat_map(|s| s["law"].as_array().into_iter().flatten())
        .map(|l| l["parameter"].as_str().unwrap())
        .collect();
    assert!(law.contains(&"mazhilis.threshold"), "{law:?}");
}

#[test]
fn json_output_is_byte_identical_across_runs() {
    let args = [
        "mazhilis",
        "--date",
        "2007-08-18",
        "--votes",
        "builtin:mazhilis-2007",
        "--format",
        "json",
    ];
    let a = saylau(&args);
    let b = saylau(&args);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn reform_is_applied_and_announced() {
    let o = saylau(&[
        "mazhilis",
        "--date",
        "2007-08-18",
        "--votes",
        "builtin:mazhilis-2007",
        "--reform",
        "reforms/kz/threshold-3pct.toml",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["reforms"], serde_json::json!(["threshold-3pct"]));
    assert_eq!(v["seats"]["People's Democratic Party NUR OTAN"], 90);
    assert_eq!(v["seats"]["National Social Democratic Party"], 5);
    assert_eq!(v["seats"]["Democratic Party of Kazakhstan Ak zhol"], 3);
}

#[test]
fn compare_shows_both_outcomes() {
    let o = saylau(&[
        "mazhilis",
        "--date",
        "2007-08-18",
        "--votes",
        "builtin:mazhilis-2007",
        "--reform",
        "builtin:threshold-3pct",
        "--compare",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("seats (enacted)") && out.contains("seats (reform)"),
        "{out}"
    );
    assert!(out.contains("-8"), "NUR OTAN loses 8 seats: {out}");
}

#[test]
fn explanation_text_snapshot() {
    let o = saylau(&[
        "mazhilis",
        "--date",
        "2007-08-18",
        "--votes",
        "builtin:mazhilis-2007",
        "--explain",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("mazhilis_2007_explain", stdout(&o));
}

#[test]
fn allocate_lots_required_exits_3() {
    let f = TempFile::new("tie.csv", "party,votes\nA,10\nB,10\n");
    let o = saylau(&[
        "allocate",
        "--seats",
        "1",
        "--method",
        "hare",
        "--votes",
        f.path(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["status"], "lots_required");
    assert_eq!(v["seats_at_stake"], 1);
    assert_eq!(v["tied"], serde_json::json!(["A", "B"]));
    assert_eq!(v["seats"]["A"], 0);
}

#[test]
fn allocate_each_method_fills_the_house() {
    // Vote counts chosen so that no method meets a tie (100000/7 = 20000/1.4 would be one).
    let f = TempFile::new(
        "methods.csv",
        "party,votes\nA,100003\nB,80021\nC,30007\nD,20011\n",
    );
    for method in [
        "hare",
        "droop",
        "dhondt",
        "sainte-lague",
        "modified-sainte-lague",
        "imperiali",
    ] {
        let o = saylau(&[
            "allocate",
            "--seats",
            "8",
            "--method",
            method,
            "--votes",
            f.path(),
            "--format",
            "json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{method}: {}", stderr(&o));
        let v = json(&o);
        let total: u64 = v["seats"]
            .as_object()
            .unwrap()
            .values()
            .map(|s| s.as_u64().unwrap())
            .sum();
        assert_eq!(total, 8, "{method}");
    }
}

#[test]
fn list_number_gives_registration_order() {
    // Votes 3, 3, 2 for 4 seats (a test reform): equal remainders; list_number 1 wins.
    let f = TempFile::new(
        "order.csv",
        "party,votes,list_number\nSecond,3,2\nFirst,3,1\nThird,2,3\n",
    );
    let o = saylau(&[
        "mazhilis",
        "--date",
        "2007-08-18",
        "--votes",
        f.path(),
        "--reform",
        "tests/fixtures/reforms/four-seats.toml",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["seats"]["First"], 2);
    assert_eq!(v["seats"]["Second"], 1);
}

#[test]
fn president_json_contract() {
    let f = TempFile::new("pres.csv", "candidate,votes\nA,4800\nB,3000\nC,2200\n");
    // After the rulebook's last checked day the law is not known...
    let o = saylau(&[
        "president",
        "--date",
        "2027-04-04",
        "--votes",
        f.path(),
        "--format",
        "json",
    ]);
    assert_bad_input(&o, &["`president.majority` is not known after 2026-07-01"]);
    // Projected, the law of 2026-07-01 answers, and under the Constitution of 2026 the
    // majority is not in the rulebook: unknown, not the 1995 rule carried over.
    let o = saylau(&[
        "president",
        "--date",
        "2027-04-04",
        "--project",
        "--votes",
        f.path(),
        "--format",
        "json",
    ]);
    assert_bad_input(&o, &["`president.majority`", "unknown", "2026-06-30"]);
    // On the last day of the 1995 Constitution the majority is known.
    let o = saylau(&[
        "president",
        "--date",
        "2026-06-30",
        "--votes",
        f.path(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["outcome"], "second_round");
    // The second round's candidates, and each candidate's exact share of the base.
    assert_eq!(v["candidates"], serde_json::json!(["A", "B"]));
    assert_eq!(v["base"]["kind"], "votes_cast");
    assert_eq!(v["rows"][0]["share"]["percent"], "48.00");

    let o = saylau(&[
        "president",
        "--date",
        "1999-01-10",
        "--votes",
        "builtin:president-1999",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["outcome"], "elected");
    assert!(v["winner"].as_str().unwrap().contains("Nazarba"));
    // Counted against the votes cast, rounded half up: the same figure as the page's.
    assert_eq!(v["rows"][0]["share"]["percent"], "82.38");
    assert_eq!(v["rows"][0]["published_share"], "79.78");
}

#[test]
fn president_eligible_json_contract() {
    let f = TempFile::new(
        "cand.toml",
        "name = \"A\"\nbirth_date = 1969-04-03\ncitizen = true\nstate_language = true\nresidence_years = 20\nterms = [{ start = 1999-01-20, end = 2006-01-11 }]\n",
    );
    let o = saylau(&[
        "president",
        "eligible",
        "--date",
        "2009-04-03",
        "--candidate",
        f.path(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["eligible"], true);
    assert!(
        v["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["law"].as_array().is_some_and(|l| !l.is_empty()))
    );

    let o = saylau(&[
        "president",
        "eligible",
        "--date",
        "2009-04-02",
        "--candidate",
        f.path(),
        "--format",
        "json",
    ]);
    assert_eq!(
        json(&o)["eligible"],
        false,
        "39 the day before the 40th birthday"
    );
}

#[test]
fn law_at_and_show() {
    let o = saylau(&["law", "at", "2007-08-18", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    let threshold = v["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["parameter"] == "mazhilis.threshold")
        .unwrap();
    assert_eq!(threshold["value"], "7%");
    assert_eq!(threshold["from"], "2007-05-21");
    assert!(threshold["source"].as_str().unwrap().contains("51(5)"));

    let o = saylau(&["law", "show", "party.min_members"]);
    let out = stdout(&o);
    assert!(
        out.contains("50000") && out.contains("40000") && out.contains("2009-02"),
        "{out}"
    );

    let o = saylau(&["law", "show", "no.such"]);
    assert_bad_input(&o, &["`no.such`"]);
}

#[test]
fn malformed_votes_files_name_file_line_and_field() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("empty.csv", "", &["empty.csv", "empty"]),
        (
            "noheader.csv",
            "NUR OTAN,8841\nNSDP,454\n",
            &["noheader.csv:1", "`party`"],
        ),
        (
            "negative.csv",
            "party,votes\nA,10\nB,-5\n",
            &["negative.csv:3", "`votes`", "negative"],
        ),
        (
            "text.csv",
            "party,votes\nA,ten\n",
            &["text.csv:2", "`votes`", "`ten`"],
        ),
        (
            "dup.csv",
            "party,votes\nA,10\nB,5\nA,7\n",
            &["dup.csv:4", "`party`", "twice"],
        ),
        (
            "columns.csv",
            "party,votes\nA,10,3\n",
            &["columns.csv:2", "3 cells where the header has 2"],
        ),
        (
            "emptyparty.csv",
            "party,votes\n,10\n",
            &["emptyparty.csv:2", "`party`"],
        ),
        (
            "headeronly.csv",
            "party,votes\n",
            &["headeronly.csv", "no data rows"],
        ),
        (
            "badnumber.csv",
            "party,votes,list_number\nA,10,1\nB,5,1\n",
            &["badnumber.csv:3", "`list_number`"],
        ),
    ];
    for (name, content, needles) in cases {
        let f = TempFile::new(name, content);
        let o = saylau(&["mazhilis", "--date", "2007-08-18", "--votes", f.path()]);
        assert_bad_input(&o, needles);
    }
}

#[test]
fn bad_arguments_exit_2() {
    let f = TempFile::new("ok.csv", "party,votes\nA,10\n");
    let o = saylau(&[
        "allocate",
        "--seats",
        "5",
        "--method",
        "borda",
        "--votes",
        f.path(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("borda"));

    let o = saylau(&["mazhilis", "--date", "1991-12-01", "--votes", f.path()]);
    assert_bad_input(&o, &["not in force on 1991-12-01"]);

    let o = saylau(&["mazhilis", "--date", "2007-02-30", "--votes", f.path()]);
    assert_eq!(o.status.code(), Some(2));

    let o = saylau(&[
        "mazhilis",
        "--date",
        "2007-08-18",
        "--votes",
        "/no/such/file.csv",
    ]);
    assert_bad_input(&o, &["/no/such/file.csv", "no such file"]);

    let o = saylau(&[
        "mazhilis",
        "--date",
        "2007-08-18",
        "--votes",
        f.path(),
        "--participating",
        "5",
    ]);
    assert_bad_input(&o, &["participating"]);
}

#[test]
fn malformed_reform_and_law_files() {
    let votes = TempFile::new("v.csv", "party,votes\nA,10\n");
    let reform = TempFile::new(
        "r.toml",
        "[reform]\nname = \"x\"\n\n[[mazhilis.threshold]]\nfrom = 2007-05-21\nvalue = 3\n",
    );
    let o = saylau(&[
        "mazhilis",
        "--date",
        "2007-08-18",
        "--votes",
        votes.path(),
        "--reform",
        reform.path(),
    ]);
    assert_bad_input(&o, &["r.toml:4", "`mazhilis.threshold.value`"]);

    let reform = TempFile::new(
        "r2.toml",
        "[reform]\nname = \"x\"\n\n[[mazhilis.thresold]]\nfrom = 2007-05-21\nvalue = \"3%\"\n",
    );
    let o = saylau(&["law", "at", "2007-08-18", "--reform", reform.path()]);
    assert_bad_input(
        &o,
        &["r2.toml:4", "`mazhilis.thresold`", "unknown parameter"],
    );
}

#[test]
fn candidate_file_errors() {
    let f = TempFile::new(
        "c.toml",
        "name = \"A\"\nbirth_date = \"soon\"\ncitizen = true\nstate_language = true\nresidence_years = 20\n",
    );
    let o = saylau(&[
        "president",
        "eligible",
        "--date",
        "2011-04-03",
        "--candidate",
        f.path(),
    ]);
    assert_bad_input(&o, &["c.toml"]);
    let f = TempFile::new(
        "c2.toml",
        "name = \"A\"\nbirth_date = 1971-04-03\ncitizen = true\nstate_language = true\nresidence_years = 20\nsalary = 3\n",
    );
    let o = saylau(&[
        "president",
        "eligible",
        "--date",
        "2011-04-03",
        "--candidate",
        f.path(),
    ]);
    assert_bad_input(&o, &["c2.toml", "salary"]);
}

#[test]
fn senate_and_maslikhat_from_csv() {
    let f = TempFile::new(
        "senate.csv",
        "unit,candidate,votes,electors\nakmola,A,120,200\nakmola,B,80,200\nalmaty,C,70,150\nalmaty,D,50,150\nalmaty,E,30,150\n",
    );
    let o = saylau(&[
        "senate",
        "--date",
        "2008-10-04",
        "--votes",
        f.path(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["contests"][0]["elected"], serde_json::json!(["A"]));
    assert_eq!(v["contests"][1]["outcome"], "repeat_vote");

    let f = TempFile::new(
        "senate-bad.csv",
        "unit,candidate,votes,electors\nakmola,A,120,200\nakmola,B,80,199\n",
    );
    let o = saylau(&["senate", "--date", "2008-10-04", "--votes", f.path()]);
    assert_bad_input(&o, &["senate-bad.csv:3", "`electors`"]);

    let f = TempFile::new("masl.csv", "district,candidate,votes\n1,A,400\n1,B,350\n");
    let o = saylau(&[
        "maslikhat",
        "--date",
        "2008-10-04",
        "--votes",
        f.path(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["contests"][0]["elected"], serde_json::json!(["A"]));
}

#[test]
fn data_commands_show_the_seed() {
    let o = saylau(&["data", "units", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The sixteen units of 2008, then Turkestan and Shymkent (2018), Abai, Zhetisu and
    // Ulytau (2022).
    assert_eq!(json(&o).as_array().map(Vec::len), Some(21));

    let o = saylau(&["data", "votes", "mazhilis-2007"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("party,votes"), "{out}");
    assert!(out.contains("5247720"), "{out}");

    let o = saylau(&["data", "membership"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("608000") || stdout(&o).contains("608,000"));
}

const LEDGER_HEADER: &str =
    "id,date,party,donor_kind,donor,amount_kzt,written_confirmation,source_stated\n";

#[test]
fn finance_check_json_contract() {
    let f = TempFile::new(
        "ledger.csv",
        &format!(
            "{LEDGER_HEADER}d1,2008-03-01,nur_otan,citizen,Ivanov,50000,true,true\n\
             d2,2008-03-02,azat,foreign_state,X,100,false,false\n\
             d3,2008-03-03,azat,domestic_ngo,NGO,200,true,false\n"
        ),
    );
    let o = saylau(&[
        "finance",
        "check",
        "--donations",
        f.path(),
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a ledger with an impermissible donation is refused: {}",
        stderr(&o)
    );
    let v = json(&o);
    let verdicts: Vec<&str> = v["donations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["permissible", "impermissible", "incomplete"]);
    assert!(
        v["donations"][1]["reason"]
            .as_str()
            .unwrap()
            .contains("foreign_state")
    );
    assert!(v["totals"].is_object());
}

#[test]
fn finance_malformed_rows_are_counted_and_nothing_decided() {
    let f = TempFile::new(
        "badledger.csv",
        &format!(
            "{LEDGER_HEADER}d1,2008-13-01,nur_otan,citizen,I,5,true,true\n\
             d2,2008-03-02,azat,oligarch,X,100,false,false\n\
             d3,2008-03-02,azat,citizen,X,100,yes,false\n\
             d4,2008-03-02,azat,citizen,X,100,true,true\n"
        ),
    );
    let o = saylau(&["finance", "check", "--donations", f.path()]);
    assert_bad_input(
        &o,
        &[
            "badledger.csv",
            "3 bad rows or values, nothing was decided",
            "badledger.csv:2",
            "`date`",
        ],
    );
    let f = TempFile::new("shortledger.csv", "id,date,party\nd1,2008-01-01,a\n");
    let o = saylau(&["finance", "check", "--donations", f.path()]);
    assert_bad_input(&o, &["shortledger.csv:1", "`donor_kind`"]);
}

#[test]
fn iin_check_decodes_and_explains() {
    let o = saylau(&[
        "iin",
        "check",
        "870215301235",
        "870215301236",
        "12345",
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "an invalid number is an answer, exit 1: {}",
        stderr(&o)
    );
    let v = json(&o);
    assert_eq!(v[0]["valid"], true);
    assert_eq!(v[0]["birth_date"], "1987-02-15");
    assert_eq!(v[0]["sex"], "male");
    assert_eq!(v[1]["valid"], false);
    assert!(
        v[1]["reason"].as_str().unwrap().contains("check digit"),
        "{v}"
    );
    assert!(
        v[2]["reason"].as_str().unwrap().contains("12 digits"),
        "{v}"
    );
}

#[test]
fn explain_prints_the_law_of_every_answer_that_rests_on_it() {
    let ledger = TempFile::new(
        "explain-ledger.csv",
        &format!("{LEDGER_HEADER}d1,2008-03-01,nur_otan,foreign_state,X,100,false,false\n"),
    );
    let o = saylau(&[
        "finance",
        "check",
        "--donations",
        ledger.path(),
        "--explain",
    ]);
    let out = stdout(&o);
    assert!(out.contains("Explanation"), "{out}");
    assert!(out.contains("law: finance.forbidden_donors"), "{out}");
    let o = saylau(&["finance", "check", "--donations", ledger.path()]);
    assert!(!stdout(&o).contains("Explanation"));

    let journal = TempFile::new(
        "explain-journal.toml",
        "[[entry]]\ndate = \"2004-09\"\nkind = \"party_on_register\"\nparty = \"x\"\nname = \"X\"\n\n\
         [[entry]]\ndate = \"2004-09\"\nkind = \"party_on_register\"\nparty = \"y\"\nname = \"Y\"\n\n\
         [[entry]]\ndate = \"2009-06-01\"\nkind = \"bloc_formed\"\nname = \"B\"\nparties = [\"x\", \"y\"]\n",
    );
    let o = saylau(&["journal", "check", "--journal", journal.path(), "--explain"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a bloc is refused in 2009: {}",
        stderr(&o)
    );
    let out = stdout(&o);
    assert!(
        out.contains("law: party.electoral_blocs_allowed = false"),
        "{out}"
    );

    let charter = repo().join("tests/fixtures/charters/complete.md");
    let o = saylau(&[
        "party",
        "charter",
        "--file",
        charter.to_str().unwrap(),
        "--date",
        "2009-06-01",
        "--explain",
    ]);
    assert!(
        stdout(&o).contains("law: party.charter_contents"),
        "{}",
        stdout(&o)
    );
}
