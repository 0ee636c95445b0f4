//! The exit codes, one family for every command, tested on the built binary: 0 decided and
//! allowed (or simply done), 1 decided and refused by the law, 2 bad input or usage, 3 drawing
//! of lots required. A refusal still prints its answer; only an error leaves stdout empty.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Output;

mod support;
use support::{saylau, stderr, stdout};

/// Asserts the exit code of `args`, and that an answer (codes 0, 1 and 3) is on stdout with
/// nothing on stderr.
fn exits(args: &[&str], code: i32) -> Output {
    let o = saylau(args);
    assert_eq!(
        o.status.code(),
        Some(code),
        "`saylau {}`; stderr: {}",
        args.join(" "),
        stderr(&o)
    );
    if code != 2 {
        assert!(!o.stdout.is_empty(), "an answer on stdout: {args:?}");
        assert!(o.stderr.is_empty(), "no error: {}", stderr(&o));
    }
    o
}

/// Files in a directory of their own, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Dir {
        let dir =
            std::env::temp_dir().join(format!("saylau-exit-codes-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn file(&self, name: &str, content: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, content).unwrap();
        path.to_str().unwrap().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn help_documents_the_four_exit_codes() {
    let help = stdout(&exits(&["--help"], 0));
    for line in [
        "0  decided and allowed by the law, or simply done",
        "1  decided and refused by the law",
        "2  bad input or usage",
        "3  drawing of lots required",
    ] {
        assert!(help.contains(line), "`{line}` in: {help}");
    }
    // Each command whose answer can be a refusal or a drawing of lots says which codes it uses.
    let commands: &[(&[&str], &[&str])] = &[
        (&["mazhilis"], &["3 drawing of lots"]),
        (&["allocate"], &["3 drawing of lots"]),
        (&["president"], &["3 drawing of lots", "1 not eligible"]),
        (
            &["president", "eligible"],
            &["0 eligible", "1 not eligible"],
        ),
        (&["senate"], &["3 drawing of lots"]),
        (&["assembly"], &["3 drawing of lots"]),
        (&["maslikhat"], &["3 drawing of lots"]),
        (&["iin", "check"], &["1 any invalid"]),
        (
            &["finance", "check"],
            &["1 any impermissible or incomplete"],
        ),
        (&["finance", "spending"], &["1 any over it"]),
        (&["registration", "check"], &["0 registrable", "1 refused"]),
        (&["party", "charter"], &["1 a required content missing"]),
    ];
    for (command, needles) in commands {
        let args: Vec<&str> = command.iter().copied().chain(["--help"]).collect();
        let help = stdout(&exits(&args, 0));
        assert!(help.contains("Exit codes: "), "{command:?}: {help}");
        for n in *needles {
            assert!(help.contains(n), "{command:?}: `{n}` in: {help}");
        }
    }
}

#[test]
fn bad_input_or_usage_exits_2() {
    exits(&["no-such-command"], 2);
    exits(&["iin", "check"], 2);
    exits(&["registration", "check", "--date", "2009-07-15"], 2);
    let o = exits(
        &["finance", "check", "--donations", "/no/such/ledger.csv"],
        2,
    );
    assert!(o.stdout.is_empty(), "an error prints no answer");
    assert!(stderr(&o).contains("/no/such/ledger.csv"), "{}", stderr(&o));
}

#[test]
fn iin_check_exits_1_when_any_number_is_invalid() {
    exits(&["iin", "check", "870215301235"], 0);
    let o = exits(&["iin", "check", "870215301235", "870215301236"], 1);
    let out = stdout(&o);
    assert!(
        out.contains("1987-02-15") && out.contains("check digit"),
        "{out}"
    );
}

#[test]
fn president_eligible_exits_1_when_not_eligible_and_a_tie_exits_3() {
    let dir = Dir::new("president");
    let candidate = dir.file(
        "cand.toml",
        "name = \"A\"\nbirth_date = 1969-04-03\ncitizen = true\nstate_language = true\nresidence_years = 20\n",
    );
    let eligible = |date: &str, code: i32| {
        let o = exits(
            &[
                "president",
                "eligible",
                "--date",
                date,
                "--candidate",
                &candidate,
                "--format",
                "json",
            ],
            code,
        );
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["eligible"].clone()
    };
    assert_eq!(eligible("2009-04-03", 0), true, "40 on the day");
    assert_eq!(eligible("2009-04-02", 1), false, "39 the day before");

    let elected = dir.file("elected.csv", "candidate,votes\nA,60\nB,30\nC,10\n");
    exits(
        &["president", "--date", "2005-12-04", "--votes", &elected],
        0,
    );
    let second = dir.file("second.csv", "candidate,votes\nA,40\nB,35\nC,25\n");
    exits(
        &["president", "--date", "2005-12-04", "--votes", &second],
        0,
    );
    let tie = dir.file("tie.csv", "candidate,votes\nA,40\nB,30\nC,30\n");
    let o = exits(&["president", "--date", "2005-12-04", "--votes", &tie], 3);
    assert!(stdout(&o).contains("tied"), "{}", stdout(&o));
}

const LEDGER_HEADER: &str =
    "id,date,party,donor_kind,donor,amount_kzt,written_confirmation,source_stated\n";

#[test]
fn finance_check_exits_1_on_any_impermissible_or_incomplete_donation() {
    let dir = Dir::new("finance");
    let ledger = |name: &str, rows: &str| dir.file(name, format!("{LEDGER_HEADER}{rows}"));
    let clean = ledger(
        "clean.csv",
        "d1,2008-03-01,nur_otan,citizen,Ivanov,50000,true,true\n",
    );
    exits(&["finance", "check", "--donations", &clean], 0);
    let incomplete = ledger(
        "incomplete.csv",
        "d1,2008-03-01,nur_otan,citizen,Ivanov,50000,true,true\n\
         d2,2008-03-03,azat,domestic_ngo,NGO,200,true,false\n",
    );
    exits(&["finance", "check", "--donations", &incomplete], 1);
    let impermissible = ledger(
        "impermissible.csv",
        "d1,2008-03-02,azat,foreign_state,X,100,false,false\n",
    );
    let o = exits(&["finance", "check", "--donations", &impermissible], 1);
    assert!(stdout(&o).contains("impermissible"), "{}", stdout(&o));
}

#[test]
fn finance_spending_exits_1_when_a_total_is_over_the_cap() {
    let dir = Dir::new("spending");
    let spending = |name: &str, rows: &str| {
        let file = dir.file(name, format!("spender,date,amount,currency\n{rows}"));
        move |code: i32| {
            exits(
                &[
                    "finance",
                    "spending",
                    "--election",
                    "mazhilis",
                    "--date",
                    "2007-08-18",
                    "--spending",
                    &file,
                ],
                code,
            )
        }
    };
    // The 2007 cap is 1,200,000 USD a party: at the cap is within it.
    spending("within.csv", "NSDP,2007-07-25,1200000,USD\n")(0);
    let o = spending(
        "over.csv",
        "NSDP,2007-07-25,1200000,USD\nNUR OTAN,2007-07-20,1200001,USD\n",
    )(1);
    assert!(stdout(&o).contains("over_cap"), "{}", stdout(&o));
}

#[test]
fn party_charter_exits_1_when_a_required_content_is_missing() {
    let charter = |file: &str, code: i32| {
        exits(
            &["party", "charter", "--file", file, "--date", "2009-06-01"],
            code,
        )
    };
    charter("tests/fixtures/charters/complete.md", 0);
    let o = charter("tests/fixtures/charters/missing-two.md", 1);
    assert!(
        stdout(&o).contains("Decision: incomplete"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn registration_check_exits_1_when_refused() {
    let dir = Dir::new("registration");
    // A synthetic register of 3,000 people and a clean list of 200 of them: enough for a
    // party of 16 members and 1 per unit (the test reform), far too few for the law.
    let register = dir.file(
        "register.csv",
        exits(&["synth", "register", "--people", "3000", "--seed", "7"], 0).stdout,
    );
    let members = dir.file(
        "members.csv",
        exits(
            &[
                "synth",
                "members",
                "--register",
                &register,
                "--members",
                "200",
                "--seed",
                "7",
            ],
            0,
        )
        .stdout,
    );
    let check = |extra: &[&str], code: i32| {
        let mut args = vec![
            "registration",
            "check",
            "--date",
            "2009-07-15",
            "--committee-registered",
            "2009-03-02",
            "--founders",
            "1000",
            "--members",
            &members,
            "--register",
            &register,
        ];
        args.extend_from_slice(extra);
        stdout(&exits(&args, code))
    };
    let small = ["--reform", "tests/fixtures/reforms/party-minimum-16.toml"];
    assert!(check(&small, 0).starts_with("Decision: REGISTRABLE"));
    assert!(check(&[], 1).starts_with("Decision: REFUSED"));
    let malformed = dir.file("bad.csv", "iin,signed_on\n870215301235,2009-13-01\n");
    exits(
        &[
            "registration",
            "check",
            "--date",
            "2009-07-15",
            "--committee-registered",
            "2009-03-02",
            "--founders",
            "1000",
            "--members",
            &malformed,
            "--register",
            &register,
        ],
        2,
    );
}

#[test]
fn ties_the_law_leaves_to_lot_exit_3() {
    let dir = Dir::new("lots");
    let senate = dir.file(
        "senate.csv",
        "unit,candidate,votes,electors\nakmola,A,100,200\nakmola,B,100,200\nakmola,C,100,200\n",
    );
    exits(&["senate", "--date", "2008-10-04", "--votes", &senate], 3);
    let maslikhat = dir.file("masl.csv", "district,candidate,votes\n1,A,400\n1,B,400\n");
    exits(
        &["maslikhat", "--date", "2008-10-04", "--votes", &maslikhat],
        3,
    );
    let decided = dir.file("masl2.csv", "district,candidate,votes\n1,A,401\n1,B,400\n");
    exits(
        &["maslikhat", "--date", "2008-10-04", "--votes", &decided],
        0,
    );
    let assembly = dir.file("assembly.csv", "candidate,votes\nA,60\nB,60\nC,20\n");
    exits(
        &[
            "assembly",
            "--date",
            "2007-08-18",
            "--votes",
            &assembly,
            "--voting",
            "100",
            "--seats",
            "1",
        ],
        3,
    );
    let lists = dir.file("lists.csv", "party,votes\nA,100\nB,100\n");
    let allocate = |tie: &str, code: i32| {
        exits(
            &[
                "allocate",
                "--seats",
                "1",
                "--method",
                "dhondt",
                "--tie-rule",
                tie,
                "--votes",
                &lists,
            ],
            code,
        )
    };
    allocate("lots", 3);
    allocate("earlier-registration", 0);
    exits(
        &[
            "mazhilis",
            "--date",
            "2007-08-18",
            "--votes",
            "builtin:mazhilis-2007",
        ],
        0,
    );
}
