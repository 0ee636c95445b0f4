//! `saylau registration check` on the built binary: the JSON contract, the rejected-rows file,
//! what-if runs, and one-line errors for malformed files with no decision and no file written.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Output;

use jiff::ToSpan;
use jiff::civil::date;
use saylau_core::parties::iin::{Iin, Sex};

mod support;
use support::{UNIT_IDS, saylau, stderr};

/// A directory of its own per test, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("saylau-reg-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn file(&self, name: &str, content: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, content).unwrap();
        path.to_str().unwrap().to_string()
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn iin(i: i64) -> String {
    let born = date(1960, 1, 1).checked_add(i.days()).unwrap();
    (0..20)
        .find_map(|k| Iin::from_parts(born, Sex::Male, k))
        .unwrap()
        .to_string()
}

fn born(i: i64) -> String {
    date(1960, 1, 1).checked_add(i.days()).unwrap().to_string()
}

/// A register of 40 adults, two per unit for the first 32 and then a few special people:
/// 32 a non-citizen, 33 deceased, 34 a judge, 35 born 1995 (a minor in 2009).
fn register() -> String {
    let mut s = String::from("iin,full_name,birth_date,unit,citizen,deceased,occupation\n");
    for i in 0..40 {
        let unit = &UNIT_IDS[(i as usize / 2) % UNIT_IDS.len()];
        let (citizen, deceased, occupation) = match i {
            32 => ("false", "false", "engineer"),
            33 => ("true", "true", "pensioner"),
            34 => ("true", "false", "judge"),
            _ => ("true", "false", "teacher"),
        };
        let (id, birth) = if i == 35 {
            let b = date(1995, 1, 1);
            (
                Iin::from_parts(b, Sex::Female, 1).unwrap().to_string(),
                b.to_string(),
            )
        } else {
            (iin(i), born(i))
        };
        s.push_str(&format!(
            "{id},\"Person {i}, Jr.\",{birth},{unit},{citizen},{deceased},{occupation}\n"
        ));
    }
    s
}

fn member_list(extra: &str) -> String {
    // `full_name` is the one column a member list may carry besides its own: ignored.
    let mut s = String::from("iin,signed_on,full_name\n");
    for i in 0..32 {
        s.push_str(&format!("{},2009-04-01,Member of Astana\n", iin(i)));
    }
    s.push_str(extra);
    s
}

const SMALL: &str = "tests/fixtures/reforms/party-minimum-16.toml";

fn check(dir: &Dir, members: &str, extra_args: &[&str]) -> Output {
    let register = dir.file("register.csv", &register());
    let members = dir.file("members.csv", members);
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
        "--format",
        "json",
    ];
    args.extend_from_slice(extra_args);
    saylau(&args)
}

/// The JSON decision, after checking that the exit code says the same: 0 registrable,
/// 1 refused.
fn json(o: &Output) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}); stderr: {}", stderr(o)));
    let code = match v["decision"].as_str() {
        Some("registrable") => 0,
        Some("refused") => 1,
        other => panic!("decision {other:?}"),
    };
    assert_eq!(o.status.code(), Some(code), "stderr: {}", stderr(o));
    v
}

#[test]
fn json_has_the_contracted_fields_in_order() {
    let dir = Dir::new("contract");
    let minor = Iin::from_parts(date(1995, 1, 1), Sex::Female, 1)
        .unwrap()
        .to_string();
    let extra = format!(
        "123,2009-04-01,x\n{},2009-04-01,x\n{},2009-04-01,x\n{},2009-04-01,x\n{},2009-04-01,x\n{minor},2009-04-01,x\n{},2009-07-03,x\n{},2009-04-02,x\n",
        iin(500), // valid number, not in the register
        iin(32),
        iin(33),
        iin(34),
        iin(36), // outside the window
        iin(0),  // duplicate
    );
    let o = check(&dir, &member_list(&extra), &["--reform", SMALL]);
    let v = json(&o);
    assert_eq!(v["decision"], "registrable");
    assert_eq!(v["valid_members"], 32);
    // serde_json's map sorts keys, so the order is read off the text.
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    let by_unit = &text[text.find("\"by_unit\"").unwrap()..];
    let by_unit = &by_unit[..by_unit.find('}').unwrap()];
    let order: Vec<usize> = UNIT_IDS
        .iter()
        .map(|u| by_unit.find(&format!("\"{u}\"")).unwrap())
        .collect();
    assert!(order.is_sorted(), "all 16 units, in the rulebook's order");
    let rejected_text = &text[text.find("\"rejected\"").unwrap()..];
    let reasons = [
        "invalid_iin",
        "not_in_register",
        "not_citizen",
        "deceased",
        "under_age",
        "barred_occupation",
        "outside_window",
        "duplicate",
        "other_party",
    ];
    let order: Vec<usize> = reasons
        .iter()
        .map(|r| rejected_text.find(&format!("\"{r}\"")).unwrap())
        .collect();
    assert!(order.is_sorted(), "the reasons in the order of the checks");
    assert!(v["by_unit"].as_object().unwrap().values().all(|n| n == 2));
    let rejected: Vec<(&str, u64)> = reasons
        .iter()
        .map(|&r| (r, v["rejected"][r].as_u64().unwrap()))
        .collect();
    assert_eq!(
        rejected,
        [
            ("invalid_iin", 1),
            ("not_in_register", 1),
            ("not_citizen", 1),
            ("deceased", 1),
            ("under_age", 1),
            ("barred_occupation", 1),
            ("outside_window", 1),
            ("duplicate", 1),
            ("other_party", 0),
        ]
    );
    for r in v["reasons"].as_array().unwrap() {
        assert!(r["met"].as_bool().unwrap());
        assert!(!r["law"].as_array().unwrap().is_empty(), "cited: {r}");
    }
    assert_eq!(v["reasons"][1]["law"][0]["reform"], "party-minimum-16");
}

#[test]
fn the_unit_comes_from_the_register_not_the_member() {
    let dir = Dir::new("unit");
    // Every member's name says Astana; the register spreads them over all units.
    let v = json(&check(&dir, &member_list(""), &["--reform", SMALL]));
    assert_eq!(v["by_unit"]["astana"], 2);
    assert_eq!(v["by_unit"]["akmola"], 2);
}

#[test]
fn refused_under_the_enacted_law_and_rejected_rows_written() {
    let dir = Dir::new("refused");
    let out = dir.path("rejected.csv");
    let extra = format!("{},2009-02-01,x\n", iin(1));
    let o = check(&dir, &member_list(&extra), &["--rejected-out", &out]);
    let v = json(&o);
    assert_eq!(v["decision"], "refused");
    let unmet: Vec<&str> = v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["met"] == false)
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(unmet, ["members", "members_per_unit"]);
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        written,
        format!(
            "line,iin,signed_on,reason\n34,{},2009-02-01,outside_window\n",
            iin(1)
        )
    );
}

#[test]
fn law_date_asks_what_if_and_is_reported() {
    let dir = Dir::new("lawdate");
    let v = json(&check(
        &dir,
        &member_list(""),
        &["--law-date", "2008-06-01"],
    ));
    assert_eq!(v["law_date"], "2008-06-01");
    assert_eq!(v["reasons"][1]["law"][0]["value"], "50000");
    let v = json(&check(&dir, &member_list(""), &[]));
    assert_eq!(v["law_date"], "2009-07-15");
    assert_eq!(v["reasons"][1]["law"][0]["value"], "40000");
}

#[test]
fn other_parties_members_are_rejected_except_the_partys_own() {
    let dir = Dir::new("others");
    let others = dir.file(
        "others.csv",
        &format!("iin,party\n{},Ak zhol\n{},Adilet\n", iin(3), iin(4)),
    );
    let v = json(&check(
        &dir,
        &member_list(""),
        &[
            "--other-members",
            &others,
            "--party",
            "Adilet",
            "--reform",
            SMALL,
        ],
    ));
    assert_eq!(v["rejected"]["other_party"], 1);
    assert_eq!(v["valid_members"], 31);
    assert_eq!(v["by_unit"][&UNIT_IDS[1]], 1, "member 3's unit lost one");
}

#[test]
fn same_inputs_give_byte_identical_json() {
    let dir = Dir::new("identical");
    let a = check(&dir, &member_list(""), &[]);
    let b = check(&dir, &member_list(""), &[]);
    assert_eq!(a.status.code(), Some(1), "refused under the enacted law");
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn table_output_names_the_decision_and_the_short_units() {
    let dir = Dir::new("table");
    let register = dir.file("register.csv", &register());
    let members = dir.file("members.csv", &member_list(""));
    let o = saylau(&[
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
    ]);
    assert_eq!(o.status.code(), Some(1), "refused");
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("Decision: REFUSED"), "{text}");
    assert!(text.contains("party.min_members = 40000"), "{text}");
    assert!(text.contains("16 fall short"), "{text}");
}

/// Asserts a bad-input failure: exit 2, nothing on stdout, one stderr line with every needle,
/// and no rejected-rows file.
fn assert_malformed(dir: &Dir, o: &Output, needles: &[&str]) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    assert!(o.stdout.is_empty());
    let err = stderr(o);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for n in needles {
        assert!(err.contains(n), "`{n}` in: {err}");
    }
    assert!(!Path::new(&dir.path("rejected.csv")).exists());
}

#[test]
fn malformed_member_rows_are_counted_and_no_decision_is_made() {
    let dir = Dir::new("bad-members");
    let out = dir.path("rejected.csv");
    let extra = "x,2009-13-01,x\ny,yesterday,x\nz,2009-04-01\n";
    let o = check(&dir, &member_list(extra), &["--rejected-out", &out]);
    assert_malformed(
        &dir,
        &o,
        &[
            "members.csv: 3 bad rows or values, nothing was decided",
            "members.csv:34: field `signed_on`: `2009-13-01`",
            "members.csv:35: field `signed_on`",
            "members.csv:36: 2 cells where the header has 3",
        ],
    );
}

#[test]
fn malformed_register_rows_name_file_line_and_field() {
    let dir = Dir::new("bad-register");
    let out = dir.path("rejected.csv");
    let members = dir.file("members.csv", &member_list(""));
    let mut reg = register();
    reg.push_str(&format!(
        "{},A,1960-01-01,atlantis,true,false,x\n",
        iin(900)
    ));
    reg.push_str(&format!("{},B,1960-01-01,astana,yes,false,x\n", iin(901)));
    reg.push_str("12345,C,1960-01-01,astana,true,false,x\n");
    reg.push_str(&format!("{},D,1960-02-30,astana,true,false,x\n", iin(902)));
    reg.push_str(&format!("{},E,1960-01-01,astana,true,false\n", iin(903)));
    reg.push_str(&format!("{},F,1960-01-01,astana,true,false,x\n", iin(0)));
    let register = dir.file("register.csv", &reg);
    let o = saylau(&[
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
        "--rejected-out",
        &out,
    ]);
    assert_malformed(
        &dir,
        &o,
        &[
            "register.csv: 6 bad rows or values, nothing was decided",
            "register.csv:42: field `unit`: `atlantis` is not a unit in force (akmola,",
            "register.csv:43: field `citizen`: `yes` is not true or false",
            "register.csv:44: field `iin`: `12345` is not a valid IIN",
            "register.csv:45: field `birth_date`",
            "register.csv:46: 6 cells where the header has 7",
            "and 1 more",
        ],
    );
}

#[test]
fn a_person_twice_in_the_register_is_an_error() {
    let dir = Dir::new("twice");
    let members = dir.file("members.csv", &member_list(""));
    let mut reg = register();
    reg.push_str(&format!(
        "{},Again,{},astana,true,false,x\n",
        iin(5),
        born(5)
    ));
    let register = dir.file("register.csv", &reg);
    let o = saylau(&[
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
    ]);
    assert_malformed(
        &dir,
        &o,
        &[
            "register.csv:42: field `iin`",
            "already in the register at line 7",
        ],
    );
}

#[test]
fn missing_columns_files_and_unknown_law_are_one_line_errors() {
    let dir = Dir::new("missing");
    let o = check(&dir, "iin,date\n1,2\n", &[]);
    assert_malformed(
        &dir,
        &o,
        &[
            "members.csv: 2 bad rows or values",
            "members.csv:1: field `date`: not a column of a member list (expected iin,signed_on; full_name ignored)",
            "members.csv:1: field `signed_on`: missing from the header (expected iin,signed_on; found iin,date)",
        ],
    );
    let o = check(&dir, "", &[]);
    assert_malformed(&dir, &o, &["members.csv: the file is empty"]);
    let o = check(&dir, "iin,signed_on\n", &[]);
    assert_malformed(&dir, &o, &["members.csv: no data rows"]);
    let o = check(
        &dir,
        &member_list(""),
        &["--other-members", "/nonexistent/others.csv"],
    );
    assert_malformed(&dir, &o, &["/nonexistent/others.csv: cannot read"]);
    let o = check(&dir, &member_list(""), &["--law-date", "2001-01-01"]);
    assert_malformed(&dir, &o, &["registration on 2001-01-01", "unknown"]);
}

/// A register bigger than one read chunk (4 MiB), with names that hold quoted newlines: the
/// rows on either side of every cut are read, and line numbers stay exact.
#[test]
fn a_register_of_many_chunks_keeps_rows_and_line_numbers() {
    let dir = Dir::new("chunks");
    let person = |i: i64| {
        let born = date(1920, 1, 1).checked_add((i % 30000).days()).unwrap();
        let block = u16::try_from(i / 30000).unwrap() * 20;
        let iin = (0..20)
            .find_map(|k| Iin::from_parts(born, Sex::Male, block + k))
            .unwrap();
        (iin.to_string(), born.to_string())
    };
    let mut reg = String::from("iin,full_name,birth_date,unit,citizen,deceased,occupation\n");
    let mut line = 1u64;
    let mut members = String::from("iin,signed_on\n");
    let n = 120_000;
    for i in 0..n {
        let (iin, born) = person(i);
        // Every 7th name is quoted, with a comma and quotes inside: the cutter must keep
        // count of quotes to cut only between rows.
        let name = if i % 7 == 0 {
            format!("\"Person {i}, the \"\"{i}th\"\"\"")
        } else {
            format!("Person {i} with a long enough name to fill the chunks")
        };
        let unit = &UNIT_IDS[usize::try_from(i).unwrap() % UNIT_IDS.len()];
        reg.push_str(&format!("{iin},{name},{born},{unit},true,false,clerk\n"));
        line += 1;
        if i % 1000 == 999 {
            members.push_str(&format!("{iin},2009-04-01\n"));
        }
    }
    assert!(reg.len() > 2 * (4 << 20), "at least three chunks");
    let register = dir.file("register.csv", &reg);
    let members_file = dir.file("members.csv", &members);
    let args = |register: &str| {
        saylau(&[
            "registration",
            "check",
            "--date",
            "2009-07-15",
            "--committee-registered",
            "2009-03-02",
            "--founders",
            "1000",
            "--members",
            &members_file,
            "--register",
            register,
            "--format",
            "json",
            "--reform",
            SMALL,
        ])
    };
    let v = json(&args(&register));
    // 120 members, one per thousand people, all adults in 2009 except those born after 1991.
    let minors = (0..n)
        .filter(|i| i % 1000 == 999)
        .filter(|&i| date(1920, 1, 1).checked_add((i % 30000).days()).unwrap() > date(1991, 4, 1))
        .count() as u64;
    assert_eq!(v["valid_members"].as_u64().unwrap() + minors, 120);
    assert_eq!(v["rejected"]["not_in_register"], 0);
    assert_eq!(v["rejected"]["under_age"].as_u64().unwrap(), minors);

    // At the very end, a name that spans two lines inside quotes (a control character in a
    // cell: a bad row, cut whole) and then a bad IIN: their lines are exact.
    let (iin, born) = person(n);
    reg.push_str(&format!(
        "{iin},\"Two\nLines\",{born},astana,true,false,x\n"
    ));
    reg.push_str("123,Bad,1960-01-01,astana,true,false,x\n");
    let register = dir.file("register2.csv", &reg);
    let o = args(&register);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "register2.csv:{}: field `full_name`: `Two\\nLines` holds the control or invisible character \\n",
            line + 1
        )),
        "line {}: {err}",
        line + 1
    );
    assert!(
        err.contains(&format!("register2.csv:{}: field `iin`", line + 3)),
        "line {}: {err}",
        line + 3
    );
}
